/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "liaison-core.h"

G_BEGIN_DECLS

void liaison_cli_apply_settings (LiaisonStore *store);
int  liaison_cli_backup         (const char   *database_path,
                                 int           argc,
                                 char        **argv);
int  liaison_cli_restore        (const char   *database_path,
                                 int           argc,
                                 char        **argv);
int  liaison_cli_backups        (const char   *database_path,
                                 int           argc,
                                 char        **argv);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "liaison-store.h"

G_BEGIN_DECLS

char      *liaison_store_get_backup_dir (LiaisonStore  *self);
gboolean   liaison_store_backup         (LiaisonStore  *self,
                                         const char    *dest_path,
                                         GError       **error);
char      *liaison_store_backup_now     (LiaisonStore  *self,
                                         GError       **error);
GPtrArray *liaison_store_list_backups   (LiaisonStore  *self,
                                         GError       **error);
gboolean   liaison_store_restore        (LiaisonStore  *self,
                                         const char    *backup_path,
                                         char         **safety_backup,
                                         GError       **error);
gboolean   liaison_backup_validate      (const char    *path,
                                         GError       **error);
GPtrArray *liaison_backup_list_for_path (const char    *db_path);
gboolean   liaison_backup_replace_damaged (const char  *db_path,
                                         const char    *backup_path,
                                         char         **kept_path,
                                         GError       **error);

G_END_DECLS

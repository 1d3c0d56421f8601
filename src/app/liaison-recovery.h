/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "liaison-application.h"

G_BEGIN_DECLS

gboolean          liaison_recovery_is_needed (const char         *path,
                                              const GError       *error);
AdwMessageDialog *liaison_recovery_offer     (LiaisonApplication *application,
                                              const char         *path,
                                              const GError       *error);

G_END_DECLS

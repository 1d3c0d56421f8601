/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define LIAISON_TYPE_APPLICATION (liaison_application_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonApplication, liaison_application, LIAISON, APPLICATION, AdwApplication)

LiaisonApplication *liaison_application_new           (void);
GSettings          *liaison_application_get_settings  (LiaisonApplication *self);
gboolean            liaison_application_open_database (LiaisonApplication *self,
                                                       const char         *path,
                                                       gboolean            seed,
                                                       GError            **error);
gboolean            liaison_application_open_backup   (LiaisonApplication *self,
                                                       const char         *path,
                                                       GError            **error);
GtkWindow          *liaison_application_find_window   (LiaisonApplication *self,
                                                       const char         *path);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define LIAISON_TYPE_BANNER (liaison_banner_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonBanner, liaison_banner, LIAISON, BANNER, AdwBin)

GtkWidget  *liaison_banner_new          (void);
const char *liaison_banner_get_title    (LiaisonBanner *self);
void        liaison_banner_set_title    (LiaisonBanner *self,
                                         const char    *title);
void        liaison_banner_set_button   (LiaisonBanner *self,
                                         const char    *label,
                                         const char    *action_name);
gboolean    liaison_banner_get_revealed (LiaisonBanner *self);
void        liaison_banner_set_revealed (LiaisonBanner *self,
                                         gboolean       revealed);

G_END_DECLS

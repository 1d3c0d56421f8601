/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "liaison-core.h"

G_BEGIN_DECLS

#define LIAISON_TYPE_OVERVIEW (liaison_overview_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonOverview, liaison_overview, LIAISON, OVERVIEW, AdwBin)

GtkWidget    *liaison_overview_new         (LiaisonStore    *store);
LiaisonStore *liaison_overview_get_store   (LiaisonOverview *self);
void          liaison_overview_set_store   (LiaisonOverview *self,
                                            LiaisonStore    *store);
gboolean      liaison_overview_get_loading (LiaisonOverview *self);
void          liaison_overview_reload      (LiaisonOverview *self);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "liaison-core.h"

G_BEGIN_DECLS

#define LIAISON_TYPE_CHOOSER (liaison_chooser_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonChooser, liaison_chooser, LIAISON, CHOOSER, AdwWindow)

LiaisonChooser    *liaison_chooser_new         (LiaisonStore      *store,
                                                LiaisonRecordKind  kind);
LiaisonRecordKind  liaison_chooser_get_kind    (LiaisonChooser    *self);
GListModel        *liaison_chooser_get_results (LiaisonChooser    *self);
void               liaison_chooser_choose      (LiaisonChooser    *self,
                                                guint              position);

G_END_DECLS

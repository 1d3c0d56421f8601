/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "liaison-core.h"

G_BEGIN_DECLS

#define LIAISON_TYPE_HISTORY_VIEW (liaison_history_view_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonHistoryView, liaison_history_view, LIAISON, HISTORY_VIEW, AdwWindow)

LiaisonHistoryView *liaison_history_view_new          (LiaisonStore       *store,
                                                       const char         *uuid);
const char         *liaison_history_view_get_uuid     (LiaisonHistoryView *self);
guint               liaison_history_view_get_n_changes (LiaisonHistoryView *self);

G_END_DECLS

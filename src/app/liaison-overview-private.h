/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "liaison-chart.h"
#include "liaison-overview.h"

G_BEGIN_DECLS

/* For the tests: the widgets whose content they check. */
GtkListBox   *_liaison_overview_get_ending_list   (LiaisonOverview *self);
GtkListBox   *_liaison_overview_get_upcoming_list (LiaisonOverview *self);
GtkListBox   *_liaison_overview_get_recent_list   (LiaisonOverview *self);
LiaisonChart *_liaison_overview_get_chart         (LiaisonOverview *self);
const char   *_liaison_overview_get_page          (LiaisonOverview *self);

G_END_DECLS

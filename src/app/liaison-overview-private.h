/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "liaison-chart.h"
#include "liaison-overview.h"

G_BEGIN_DECLS

/* For the tests: the widgets whose content they check. */
GtkListBox   *_liaison_overview_get_ending_list   (LiaisonOverview *self);
GtkListBox   *_liaison_overview_get_upcoming_list (LiaisonOverview *self);
GtkListBox   *_liaison_overview_get_recent_list   (LiaisonOverview *self);
LiaisonChart *_liaison_overview_get_chart         (LiaisonOverview *self);
const char   *_liaison_overview_get_page          (LiaisonOverview *self);

/* liaison-overview-rows.c: what the page says */
char         *_liaison_overview_format_count      (gint64                    value);
const char   *_liaison_overview_get_total_label   (LiaisonRecordKind         kind,
                                                   gint64                    n);
GtkWidget    *_liaison_overview_row_new           (const LiaisonDatedRecord *item,
                                                   const GDate              *today);
GtkWidget    *_liaison_overview_more_row_new      (gint64                    n_more);
void          _liaison_overview_set_chart_bars    (LiaisonChart             *chart,
                                                   GArray                   *counts);

G_END_DECLS

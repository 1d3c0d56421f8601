/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* One bar: its label under the axis, what its tooltip says, and its value. */
typedef struct {
  const char *label;
  const char *detail;
  gint64      value;
} LiaisonChartBar;

#define LIAISON_TYPE_CHART (liaison_chart_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonChart, liaison_chart, LIAISON, CHART, GtkWidget)

GtkWidget  *liaison_chart_new           (void);
const char *liaison_chart_get_title     (LiaisonChart          *self);
void        liaison_chart_set_title     (LiaisonChart          *self,
                                         const char            *title);
void        liaison_chart_set_bars      (LiaisonChart          *self,
                                         const LiaisonChartBar *bars,
                                         guint                  n_bars);
guint       liaison_chart_get_n_bars    (LiaisonChart          *self);
gint64      liaison_chart_get_value     (LiaisonChart          *self,
                                         guint                  index);
const char *liaison_chart_get_label     (LiaisonChart          *self,
                                         guint                  index);
const char *liaison_chart_get_summary   (LiaisonChart          *self);

G_END_DECLS

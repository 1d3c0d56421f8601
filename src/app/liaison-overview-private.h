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

#define ENDING_LIMIT   8
#define EVENTS_LIMIT   5
#define MAX_YEARS      20
#define N_MONTHS       12

/* What one load asks for. */
typedef struct {
  char         *path;
  LiaisonStore *reader;     /* the read-only connection, kept between loads */
  GDate         today;
  guint         days;
} Request;

/* What it read. */
typedef struct {
  GDate         today;
  guint         days;
  gint64        totals[LIAISON_N_RECORD_KINDS];
  GPtrArray    *ending;
  gint64        n_ending;
  GPtrArray    *upcoming;
  GPtrArray    *recent;
  GArray       *per_year;
  GArray       *per_month;
} Snapshot;

struct _LiaisonOverview
{
  AdwBin           parent_instance;

  LiaisonStore    *store;
  LiaisonStore    *reader;
  GSettings       *settings;
  GCancellable    *cancellable;
  Snapshot        *shown;        /* what the page shows */
  char            *chart;        /* "agreements" or "events" */
  GDate            status_day;   /* the day statuses were last brought up to */
  guint            midnight_id;
  GObject         *paint_source; /* the root or its frame clock, while the first load waits */
  gulong           paint_handler;
  guint            loading : 1;
  guint            reload_pending : 1;
  guint            painted : 1;  /* the window has painted a frame with the overview in it */

  /* Template widgets */
  GtkStack        *stack;
  GtkSpinner      *spinner;
  AdwStatusPage   *error_page;
  GtkWidget       *totals_box;
  GtkWidget       *sections_box;
  AdwPreferencesGroup *ending_group;
  GtkListBox      *ending_list;
  GtkLabel        *ending_placeholder;
  GtkListBox      *upcoming_list;
  GtkListBox      *recent_list;
  AdwPreferencesGroup *chart_group;
  LiaisonChart    *chart_widget;

  GtkLabel        *total_counts[LIAISON_N_RECORD_KINDS];
  GtkLabel        *total_labels[LIAISON_N_RECORD_KINDS];
};

/* liaison-overview.c: showing a snapshot */
void _liaison_overview_set_loading       (LiaisonOverview *self,
                                          gboolean         loading);
void _liaison_overview_show_snapshot     (LiaisonOverview *self,
                                          Snapshot        *snapshot);

/* liaison-overview-load.c: reading it */
void _liaison_overview_snapshot_free     (Snapshot        *snapshot);
void _liaison_overview_get_today         (GDate           *today);
void _liaison_overview_queue_reload      (LiaisonOverview *self);
void _liaison_overview_rooted            (LiaisonOverview *self);
void _liaison_overview_stop_waiting      (LiaisonOverview *self);
void _liaison_overview_schedule_midnight (LiaisonOverview *self);

G_END_DECLS

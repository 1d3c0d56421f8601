/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "liaison-store.h"

G_BEGIN_DECLS

/*
 * What the overview shows: totals, what is due soon, recent and coming events, and
 * counts over time.  Every function is one or a few indexed SQL queries; none loads
 * whole tables.  Where a function takes @today, %NULL means the local date now.
 *
 * Partial dates count by their bounds: "2025-08" ends on 31 August 2025 and starts on
 * 1 August.  A month and day with no year ("--04-18") is never due and never past.
 */

typedef enum {
  LIAISON_DUE_EVENT,   /* an event takes place on the date */
  LIAISON_DUE_END,     /* an agreement ends on the date */
  LIAISON_DUE_NOTICE,  /* an agreement's notice must be given by the date */
} LiaisonDueKind;

#define LIAISON_TYPE_DATED_RECORD (liaison_dated_record_get_type ())

/* A record with the date that puts it on the overview. */
typedef struct {
  LiaisonRecordKind  kind;      /* agreement or event */
  LiaisonDueKind     due;
  gint64             id;
  char              *uuid;
  char              *title;
  char              *date;      /* ISO 8601, possibly partial */
  char              *detail;    /* agreements: the status; events: the city, or NULL */
} LiaisonDatedRecord;

GType               liaison_dated_record_get_type (void) G_GNUC_CONST;
LiaisonDatedRecord *liaison_dated_record_copy     (const LiaisonDatedRecord *item);
void                liaison_dated_record_free     (LiaisonDatedRecord       *item);
int                 liaison_dated_record_get_days (const LiaisonDatedRecord *item,
                                                   const GDate              *today);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LiaisonDatedRecord, liaison_dated_record_free)

/* How many records fell into one year (month 0) or one month. */
typedef struct {
  guint  year;
  guint  month;
  gint64 count;
} LiaisonPeriodCount;

gboolean   liaison_store_count_all             (LiaisonStore  *self,
                                                gint64         totals[LIAISON_N_RECORD_KINDS],
                                                GError       **error);
GPtrArray *liaison_store_list_ending_soon      (LiaisonStore  *self,
                                                const GDate   *today,
                                                guint          days,
                                                guint          limit,
                                                gint64        *n_total,
                                                GError       **error);
GPtrArray *liaison_store_list_upcoming_events  (LiaisonStore  *self,
                                                const GDate   *today,
                                                guint          limit,
                                                GError       **error);
GPtrArray *liaison_store_list_recent_events    (LiaisonStore  *self,
                                                const GDate   *today,
                                                guint          limit,
                                                GError       **error);
GArray    *liaison_store_count_signed_per_year (LiaisonStore  *self,
                                                guint          max_years,
                                                GError       **error);
GArray    *liaison_store_count_events_per_month (LiaisonStore *self,
                                                 const GDate  *today,
                                                 guint         n_months,
                                                 GError      **error);
gboolean   liaison_store_refresh_statuses      (LiaisonStore  *self,
                                                const GDate   *today,
                                                GError       **error);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "liaison-date.h"
#include "liaison-error.h"
#include "liaison-stats.h"
#include "liaison-store-private.h"

/*
 * The overview's queries and the rule that keeps agreement statuses in step with their
 * dates.  Part of the store: this file and liaison-store.c hold Liaison's SQL.
 *
 * Dates are ISO 8601 text, so text order is date order, and a partial date sorts
 * just before the days it may mean ("2025-08" < "2025-08-01").  Hence:
 *  - a date's first day is on or before day D  ⇔  date <= D;
 *  - its last day is LAST_DAY (date), below;
 *  - a month and day with no year ("--04-18") sorts before every year, so a range that
 *    starts at a year never meets one.
 * Every range below starts at a year and can use the column's index.
 */

/* The last day a date may mean, as text comparable with a full date. */
#define LAST_DAY(c) \
  "(CASE length (" c ") WHEN 4 THEN " c " || '-12-31' WHEN 7 THEN " c " || '-31' ELSE " c " END)"

/* A date that names a year (not a month and day alone). */
#define HAS_YEAR(c) c " NOT LIKE '--%'"

/*
 * The status an agreement should have on day @t (text), given its status @s, start @a
 * and end @e.  Only signed, active and expired follow the dates: proposed and
 * negotiating agreements are not in force yet, and terminated is a decision.
 *   - past its end (its last possible day is before today): expired;
 *   - else with a start: active once the start is reached (its first possible day),
 *     signed before;
 *   - else (no start) an expired agreement whose end moved is active again;
 *     others keep their status.
 */
#define STATUS_RULE(s, a, e, t) \
  "(CASE" \
  " WHEN " s " NOT IN ('signed', 'active', 'expired') THEN " s \
  " WHEN " HAS_YEAR (e) " AND " LAST_DAY (e) " < " t " THEN 'expired'" \
  " WHEN " HAS_YEAR (a) " AND " a " <= " t " THEN 'active'" \
  " WHEN " HAS_YEAR (a) " THEN 'signed'" \
  " WHEN " s " = 'expired' THEN 'active'" \
  " ELSE " s " END)"

/* Agreements that are in force and so can end or need notice. */
#define IN_FORCE "a.status IN ('signed', 'active')"

G_DEFINE_BOXED_TYPE (LiaisonDatedRecord, liaison_dated_record,
                     liaison_dated_record_copy, liaison_dated_record_free)

LiaisonDatedRecord *
liaison_dated_record_copy (const LiaisonDatedRecord *item)
{
  LiaisonDatedRecord *copy = g_new0 (LiaisonDatedRecord, 1);

  copy->kind = item->kind;
  copy->due = item->due;
  copy->id = item->id;
  copy->uuid = g_strdup (item->uuid);
  copy->title = g_strdup (item->title);
  copy->date = g_strdup (item->date);
  copy->detail = g_strdup (item->detail);
  return copy;
}

void
liaison_dated_record_free (LiaisonDatedRecord *item)
{
  if (item == NULL)
    return;
  g_free (item->uuid);
  g_free (item->title);
  g_free (item->date);
  g_free (item->detail);
  g_free (item);
}

/**
 * liaison_dated_record_get_days:
 * @today: (nullable): the day to count from; %NULL for the local date now
 *
 * Returns: the number of days from @today to the first day the item's date may mean:
 *   negative when it lies before, 0 when it is today.  %G_MININT for a date with no
 *   year.
 */
int
liaison_dated_record_get_days (const LiaisonDatedRecord *item,
                               const GDate              *today)
{
  GDate first, last, now;

  g_return_val_if_fail (item != NULL, G_MININT);

  g_date_clear (&first, 1);
  g_date_clear (&last, 1);
  if (!liaison_date_get_bounds (item->date, &first, &last))
    return G_MININT;

  g_date_clear (&now, 1);
  if (today != NULL)
    now = *today;
  else
    g_date_set_time_t (&now, time (NULL));

  return g_date_days_between (&now, &first);
}

/* Helpers */

typedef struct {
  char today[16];    /* 2025-03-01 */
  char year[8];      /* 2025 */
  char month[12];    /* 2025-03 */
} Day;

static void
day_init (Day         *day,
          const GDate *today)
{
  GDate now;

  g_date_clear (&now, 1);
  if (today != NULL && g_date_valid (today))
    now = *today;
  else
    g_date_set_time_t (&now, time (NULL));

  g_date_strftime (day->today, sizeof day->today, "%Y-%m-%d", &now);
  g_date_strftime (day->year, sizeof day->year, "%Y", &now);
  g_date_strftime (day->month, sizeof day->month, "%Y-%m", &now);
}

static void
bind_text (sqlite3_stmt *stmt,
           int           index,
           const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

static char *
column_dup (sqlite3_stmt *stmt,
            int           index)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, index));
}

/* Reads rows of (id, uuid, title, date, detail[, due]) into dated records. */
static GPtrArray *
read_dated (LiaisonStore       *self,
            sqlite3_stmt       *stmt,
            LiaisonRecordKind   kind,
            LiaisonDueKind      due,
            GError            **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) liaison_dated_record_free);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      LiaisonDatedRecord *item = g_new0 (LiaisonDatedRecord, 1);

      item->kind = kind;
      item->id = sqlite3_column_int64 (stmt, 0);
      item->uuid = column_dup (stmt, 1);
      item->title = column_dup (stmt, 2);
      item->date = column_dup (stmt, 3);
      item->detail = column_dup (stmt, 4);
      item->due = sqlite3_column_count (stmt) > 5 ? (LiaisonDueKind) sqlite3_column_int (stmt, 5) : due;
      g_ptr_array_add (items, item);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      _liaison_store_set_error (self, error, rc, _("read the overview"));
      return NULL;
    }

  return g_steal_pointer (&items);
}

/* Totals */

/**
 * liaison_store_count_all:
 * @totals: (out caller-allocates): the number of records of each kind
 *
 * Returns: %TRUE on success
 */
gboolean
liaison_store_count_all (LiaisonStore  *self,
                         gint64         totals[LIAISON_N_RECORD_KINDS],
                         GError       **error)
{
  sqlite3_stmt *stmt;
  int rc;

  G_STATIC_ASSERT (LIAISON_RECORD_SOURCE == 0 && LIAISON_RECORD_INSTITUTION == 1 &&
                   LIAISON_RECORD_PERSON == 2 && LIAISON_RECORD_AGREEMENT == 3 &&
                   LIAISON_RECORD_EVENT == 4 && LIAISON_N_RECORD_KINDS == 5);

  g_return_val_if_fail (LIAISON_IS_STORE (self), FALSE);
  g_return_val_if_fail (totals != NULL, FALSE);

  stmt = _liaison_store_prepare (self,
                                 "SELECT (SELECT count(*) FROM source), (SELECT count(*) FROM institution),"
                                 " (SELECT count(*) FROM person), (SELECT count(*) FROM agreement),"
                                 " (SELECT count(*) FROM event)", error);
  if (stmt == NULL)
    return FALSE;

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    for (guint i = 0; i < LIAISON_N_RECORD_KINDS; i++)
      totals[i] = sqlite3_column_int64 (stmt, (int) i);
  sqlite3_reset (stmt);

  if (rc != SQLITE_ROW)
    {
      _liaison_store_set_error (self, error, rc, _("count the records"));
      return FALSE;
    }
  return TRUE;
}

/* Ending soon */

/* ?1 today, ?2 this year, ?3 the last day of the window.  One row per agreement and
 * date that falls in the window: its first day is not after the window's end and its
 * last day is not before today. */
#define DUE_IN_WINDOW \
  "WITH due (id, due, date) AS (" \
  "  SELECT id, 1, end_date FROM agreement" \
  "   WHERE end_date >= ?2 AND end_date <= ?3 AND " LAST_DAY ("end_date") " >= ?1" \
  "  UNION ALL" \
  "  SELECT id, 2, notice_date FROM agreement" \
  "   WHERE notice_date >= ?2 AND notice_date <= ?3 AND " LAST_DAY ("notice_date") " >= ?1)"

G_STATIC_ASSERT (LIAISON_DUE_END == 1 && LIAISON_DUE_NOTICE == 2);

/**
 * liaison_store_list_ending_soon:
 * @today: (nullable): the day to count from
 * @days: the window: today and the @days days after it
 * @limit: at most this many agreements; 0 for all
 * @n_total: (out) (optional): how many agreements are due in all
 *
 * Lists the signed and active agreements whose end or notice date falls within the
 * window, one item per agreement for whichever date comes first, earliest first.  A
 * partial date is due if any day it may mean lies in the window: "2025-08" is due from
 * 1 August minus @days until 31 August.
 *
 * Returns: (transfer full) (element-type LiaisonDatedRecord): the agreements, or %NULL
 *   with @error set
 */
GPtrArray *
liaison_store_list_ending_soon (LiaisonStore  *self,
                                const GDate   *today,
                                guint          days,
                                guint          limit,
                                gint64        *n_total,
                                GError       **error)
{
  g_autoptr(GPtrArray) items = NULL;
  sqlite3_stmt *stmt;
  char horizon[16];
  GDate last;
  Day day;

  g_return_val_if_fail (LIAISON_IS_STORE (self), NULL);

  day_init (&day, today);
  g_date_clear (&last, 1);
  g_date_set_parse (&last, day.today);
  g_date_add_days (&last, days);
  g_date_strftime (horizon, sizeof horizon, "%Y-%m-%d", &last);

  stmt = _liaison_store_prepare (self,
                                 DUE_IN_WINDOW
                                 " SELECT a.id, a.uuid, a.title, min (d.date), a.status, d.due"
                                 " FROM due d JOIN agreement a ON a.id = d.id"
                                 " WHERE " IN_FORCE
                                 " GROUP BY a.id"
                                 " ORDER BY 4, d.due DESC, a.title COLLATE NOCASE, a.id"
                                 " LIMIT ?4", error);
  if (stmt == NULL)
    return NULL;

  bind_text (stmt, 1, day.today);
  bind_text (stmt, 2, day.year);
  bind_text (stmt, 3, horizon);
  sqlite3_bind_int64 (stmt, 4, limit > 0 ? (gint64) limit : -1);
  items = read_dated (self, stmt, LIAISON_RECORD_AGREEMENT, LIAISON_DUE_END, error);
  if (items == NULL)
    return NULL;

  if (n_total != NULL)
    {
      int rc;

      if (limit == 0 || items->len < limit)
        {
          *n_total = items->len;
          return g_steal_pointer (&items);
        }

      stmt = _liaison_store_prepare (self,
                                     DUE_IN_WINDOW
                                     " SELECT count (DISTINCT a.id) FROM due d JOIN agreement a ON a.id = d.id"
                                     " WHERE " IN_FORCE, error);
      if (stmt == NULL)
        return NULL;
      bind_text (stmt, 1, day.today);
      bind_text (stmt, 2, day.year);
      bind_text (stmt, 3, horizon);
      rc = sqlite3_step (stmt);
      *n_total = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
      sqlite3_reset (stmt);
      if (rc != SQLITE_ROW)
        {
          _liaison_store_set_error (self, error, rc, _("read the overview"));
          return NULL;
        }
    }

  return g_steal_pointer (&items);
}

/* Events */

/* Runs an event query with ?1 today, ?2 this year, ?3 this month and ?4 the limit
 * (a query may leave ?2 and ?3 out). */
static GPtrArray *
list_events (LiaisonStore  *self,
             const char    *sql,
             const GDate   *today,
             guint          limit,
             GError       **error)
{
  sqlite3_stmt *stmt;
  Day day;

  day_init (&day, today);

  stmt = _liaison_store_prepare (self, sql, error);
  if (stmt == NULL)
    return NULL;

  bind_text (stmt, 1, day.today);
  bind_text (stmt, 2, day.year);
  bind_text (stmt, 3, day.month);
  sqlite3_bind_int64 (stmt, 4, limit > 0 ? (gint64) limit : -1);
  return read_dated (self, stmt, LIAISON_RECORD_EVENT, LIAISON_DUE_EVENT, error);
}

/**
 * liaison_store_list_upcoming_events:
 * @today: (nullable): the day to count from
 * @limit: at most this many events; 0 for all
 *
 * Lists the events on @today or later, soonest first: every day their date may mean
 * is today or after ("2025-09" on 15 August 2025, not "2025-08").  A partial date
 * that takes in today is neither upcoming nor recent.
 *
 * Returns: (transfer full) (element-type LiaisonDatedRecord): the events, or %NULL
 *   with @error set
 */
GPtrArray *
liaison_store_list_upcoming_events (LiaisonStore  *self,
                                    const GDate   *today,
                                    guint          limit,
                                    GError       **error)
{
  g_return_val_if_fail (LIAISON_IS_STORE (self), NULL);

  /* Forwards from today along the index: "2025-08" sorts before "2025-08-15", so this
   * year and this month as partial dates stay behind. */
  return list_events (self,
                      "SELECT id, uuid, title, event_date, city FROM event"
                      " WHERE event_date >= ?1"
                      " ORDER BY event_date, id LIMIT ?4",
                      today, limit, error);
}

/**
 * liaison_store_list_recent_events:
 * @today: (nullable): the day to count from
 * @limit: at most this many events; 0 for all
 *
 * Lists the events that are over: every day their date may mean lies before @today.
 * The most recent come first.  A partial date that takes in today is neither upcoming
 * nor recent.
 *
 * Returns: (transfer full) (element-type LiaisonDatedRecord): the events, or %NULL
 *   with @error set
 */
GPtrArray *
liaison_store_list_recent_events (LiaisonStore  *self,
                                  const GDate   *today,
                                  guint          limit,
                                  GError       **error)
{
  g_return_val_if_fail (LIAISON_IS_STORE (self), NULL);

  /* Backwards from today along the index, leaving out this year and this month as
   * partial dates (not over yet) and, below every year, dates without one. */
  return list_events (self,
                      "SELECT id, uuid, title, event_date, city FROM event"
                      " WHERE event_date < ?1 AND event_date >= '0' AND event_date NOT IN (?2, ?3)"
                      " ORDER BY event_date DESC, id DESC LIMIT ?4",
                      today, limit, error);
}

/* Counts over time */

static GArray *
read_counts (LiaisonStore  *self,
             sqlite3_stmt  *stmt,
             GError       **error)
{
  g_autoptr(GArray) counts = g_array_new (FALSE, TRUE, sizeof (LiaisonPeriodCount));
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      LiaisonPeriodCount count = {
        .year = (guint) sqlite3_column_int (stmt, 0),
        .month = (guint) sqlite3_column_int (stmt, 1),
        .count = sqlite3_column_int64 (stmt, 2),
      };
      g_array_append_val (counts, count);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      _liaison_store_set_error (self, error, rc, _("read the overview"));
      return NULL;
    }
  return g_steal_pointer (&counts);
}

/**
 * liaison_store_count_signed_per_year:
 * @max_years: at most this many years, the latest
 *
 * Counts the agreements signed in each year from the first to the last year any was
 * signed in (years without any count 0).  Partial dates count in their year; dates
 * without a year do not count.
 *
 * Returns: (transfer full) (element-type LiaisonPeriodCount): the years in order, or
 *   %NULL with @error set
 */
GArray *
liaison_store_count_signed_per_year (LiaisonStore  *self,
                                     guint          max_years,
                                     GError       **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (LIAISON_IS_STORE (self), NULL);
  g_return_val_if_fail (max_years > 0, NULL);

  /* The first and last years from the ends of the index, then one range count per
   * year: "2023" ≤ date < "2023~" holds 2023, 2023-08 and 2023-08-30 alike. */
  stmt = _liaison_store_prepare (self,
                                 "WITH RECURSIVE"
                                 " span (first, last) AS ("
                                 "  SELECT CAST (substr ((SELECT min (signed_date) FROM agreement WHERE signed_date >= '0'), 1, 4) AS INTEGER),"
                                 "         CAST (substr ((SELECT max (signed_date) FROM agreement WHERE signed_date >= '0'), 1, 4) AS INTEGER)),"
                                 " years (y) AS ("
                                 "  SELECT max (first, last - ?1 + 1) FROM span WHERE first IS NOT NULL"
                                 "  UNION ALL SELECT y + 1 FROM years, span WHERE y < last)"
                                 " SELECT y, 0, (SELECT count (*) FROM agreement"
                                 "   WHERE signed_date >= printf ('%04d', y) AND signed_date < printf ('%04d~', y))"
                                 " FROM years", error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, max_years);
  return read_counts (self, stmt, error);
}

/**
 * liaison_store_count_events_per_month:
 * @today: (nullable): a day in the last month to count
 * @n_months: how many months, ending with the month of @today
 *
 * Counts the events in each month.  An event dated with a month but no day counts in
 * its month; one with only a year, or no year, does not count.
 *
 * Returns: (transfer full) (element-type LiaisonPeriodCount): @n_months months in
 *   order, or %NULL with @error set
 */
GArray *
liaison_store_count_events_per_month (LiaisonStore  *self,
                                      const GDate   *today,
                                      guint          n_months,
                                      GError       **error)
{
  sqlite3_stmt *stmt;
  Day day;

  g_return_val_if_fail (LIAISON_IS_STORE (self), NULL);
  g_return_val_if_fail (n_months > 0, NULL);

  day_init (&day, today);

  stmt = _liaison_store_prepare (self,
                                 "WITH RECURSIVE months (m, k) AS ("
                                 "  SELECT date (?1, 'start of month', printf ('-%d months', ?2 - 1)), 1"
                                 "  UNION ALL SELECT date (m, '+1 month'), k + 1 FROM months WHERE k < ?2)"
                                 " SELECT CAST (substr (m, 1, 4) AS INTEGER), CAST (substr (m, 6, 2) AS INTEGER),"
                                 "  (SELECT count (*) FROM event"
                                 "    WHERE event_date >= substr (m, 1, 7) AND event_date < substr (m, 1, 7) || '~')"
                                 " FROM months", error);
  if (stmt == NULL)
    return NULL;

  bind_text (stmt, 1, day.today);
  sqlite3_bind_int64 (stmt, 2, n_months);
  return read_counts (self, stmt, error);
}

/* Statuses that follow the dates */

/**
 * _liaison_store_apply_status_rule:
 * @today: (nullable): the day to judge by
 *
 * Gives an agreement whose status is not set by hand the status its dates call for,
 * before it is saved.  Other records are left alone.
 */
gboolean
_liaison_store_apply_status_rule (LiaisonStore   *self,
                                  LiaisonRecord  *record,
                                  const GDate    *today,
                                  GError        **error)
{
  sqlite3_stmt *stmt;
  Day day;
  int rc;

  if (liaison_record_get_kind (record) != LIAISON_RECORD_AGREEMENT ||
      liaison_record_get_field (record, "status-manual") != NULL)
    return TRUE;

  day_init (&day, today);

  stmt = _liaison_store_prepare (self, "SELECT " STATUS_RULE ("?1", "?2", "?3", "?4"), error);
  if (stmt == NULL)
    return FALSE;

  bind_text (stmt, 1, liaison_record_get_field (record, "status"));
  bind_text (stmt, 2, liaison_record_get_field (record, "start"));
  bind_text (stmt, 3, liaison_record_get_field (record, "end"));
  bind_text (stmt, 4, day.today);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW && sqlite3_column_type (stmt, 0) == SQLITE_TEXT)
    liaison_record_set_field (record, "status", (const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);

  if (rc != SQLITE_ROW)
    {
      _liaison_store_set_error (self, error, rc, _("update the agreement’s status"));
      return FALSE;
    }
  return TRUE;
}

/**
 * liaison_store_refresh_statuses:
 * @today: (nullable): the day to judge by
 *
 * Brings the status of every agreement whose status is not set by hand in line with
 * its dates: signed until its start, active from its start, expired after its end.
 * One transaction; one change-log entry (action "status", which undo passes over) and
 * one #LiaisonStore::changed emission when anything changed, none otherwise.  The store calls it when it opens a database
 * (unless told not to); call it again when the day changes.
 *
 * Returns: %TRUE on success, even when nothing needed a change
 */
gboolean
liaison_store_refresh_statuses (LiaisonStore  *self,
                                const GDate   *today,
                                GError       **error)
{
  g_autofree char *summary = NULL;
  sqlite3_stmt *stmt;
  int n_changed;
  Day day;
  int rc;

  g_return_val_if_fail (LIAISON_IS_STORE (self), FALSE);

  day_init (&day, today);

  if (!_liaison_store_begin (self, error))
    return FALSE;

  /* The status that follows the dates is derived, like a computed column: the record's
   * revision and modified time stay, so an editor holding it does not see a conflict
   * (saving applies the same rule) and merges do not see an edit. */
  stmt = _liaison_store_prepare (self,
                                 "UPDATE agreement SET status = " STATUS_RULE ("status", "start_date", "end_date", "?1")
                                 " WHERE status_manual = 0 AND status IN ('signed', 'active', 'expired')"
                                 " AND status <> " STATUS_RULE ("status", "start_date", "end_date", "?1"), error);
  if (stmt == NULL)
    {
      _liaison_store_rollback (self);
      return FALSE;
    }

  bind_text (stmt, 1, day.today);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _liaison_store_set_error (self, error, rc, _("update the agreements’ statuses"));
      _liaison_store_rollback (self);
      return FALSE;
    }

  n_changed = sqlite3_changes (_liaison_store_get_db (self));
  if (n_changed == 0)
    return _liaison_store_commit (self, NULL, NULL, error);

  summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "Updated the status of %d agreement from its dates",
                                          "Updated the status of %d agreements from their dates",
                                          n_changed), n_changed);
  if (!_liaison_store_commit (self, "status", summary, error))
    return FALSE;

  g_signal_emit_by_name (self, "changed", (guint) LIAISON_RECORD_AGREEMENT);
  return TRUE;
}

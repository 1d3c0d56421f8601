/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <sqlite3.h>
#include <string.h>

#include "liaison-core.h"
#include "test-util.h"

/*
 * The overview's queries and the statuses that follow the dates.  Dates are written
 * relative to the real today where the store's own clock matters (saving applies the
 * status rule for today), and fixed where a test passes its own "today".
 */

typedef struct {
  char         *dir;
  char         *path;
  LiaisonStore *store;
  GDate         today;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("liaison-stats-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "stats.db", NULL);
  fixture->store = liaison_store_open (fixture->path, LIAISON_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_date_clear (&fixture->today, 1);
  g_date_set_time_t (&fixture->today, time (NULL));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

  g_clear_object (&fixture->store);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (fixture->path, suffixes[i], NULL);
      g_unlink (file);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

/* Today plus @days, as ISO text; @format "%Y" or "%Y-%m" gives its year or month. */
static char *
day_text (const GDate *today,
          int          days,
          const char  *format)
{
  GDate day = *today;
  char text[32];

  if (days >= 0)
    g_date_add_days (&day, (guint) days);
  else
    g_date_subtract_days (&day, (guint) -days);
  g_date_strftime (text, sizeof text, format ? format : "%Y-%m-%d", &day);
  return g_strdup (text);
}

static GDate
make_date (guint year,
           guint month,
           guint day)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  return date;
}

static LiaisonRecord *
add_agreement (LiaisonStore *store,
               const char   *title,
               const char   *status,
               const char   *start,
               const char   *end,
               const char   *notice)
{
  return test_save_new (store, LIAISON_RECORD_AGREEMENT, "title", title, "status", status,
                        "status-manual", NULL, "start", start, "end", end, "notice", notice, NULL);
}

static char *
status_of (LiaisonStore  *store,
           LiaisonRecord *record)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaisonRecord) stored = liaison_store_load (store, LIAISON_RECORD_AGREEMENT,
                                                        liaison_record_get_id (record), &error);

  g_assert_no_error (error);
  return g_strdup (liaison_record_get_field (stored, "status"));
}

static gint64
count_log (LiaisonStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) changes = liaison_store_list_changes (store, NULL, 0, &error);

  g_assert_no_error (error);
  return changes->len;
}

static GPtrArray *
ending_soon (Fixture *fixture,
             guint    days,
             guint    limit,
             gint64  *n_total)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *items = liaison_store_list_ending_soon (fixture->store, &fixture->today, days,
                                                     limit, n_total, &error);

  g_assert_no_error (error);
  g_assert_nonnull (items);
  return items;
}

static gboolean
lists_title (GPtrArray  *items,
             const char *title)
{
  for (guint i = 0; i < items->len; i++)
    if (g_strcmp0 (((LiaisonDatedRecord *) items->pdata[i])->title, title) == 0)
      return TRUE;
  return FALSE;
}

static void
test_totals_count_each_kind (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 totals[LIAISON_N_RECORD_KINDS] = { -1, -1, -1, -1, -1 };

  g_assert_true (liaison_store_count_all (fixture->store, totals, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < LIAISON_N_RECORD_KINDS; i++)
    g_assert_cmpint (totals[i], ==, 0);

  for (guint i = 0; i < 3; i++)
    g_object_unref (test_save_new (fixture->store, LIAISON_RECORD_INSTITUTION, "name", "University", NULL));
  g_object_unref (test_save_new (fixture->store, LIAISON_RECORD_PERSON, "name", "Someone", NULL));
  for (guint i = 0; i < 2; i++)
    g_object_unref (test_save_new (fixture->store, LIAISON_RECORD_EVENT, "title", "Visit", NULL));
  g_object_unref (add_agreement (fixture->store, "MoU", "proposed", NULL, NULL, NULL));

  g_assert_true (liaison_store_count_all (fixture->store, totals, &error));
  g_assert_no_error (error);
  g_assert_cmpint (totals[LIAISON_RECORD_SOURCE], ==, 0);
  g_assert_cmpint (totals[LIAISON_RECORD_INSTITUTION], ==, 3);
  g_assert_cmpint (totals[LIAISON_RECORD_PERSON], ==, 1);
  g_assert_cmpint (totals[LIAISON_RECORD_AGREEMENT], ==, 1);
  g_assert_cmpint (totals[LIAISON_RECORD_EVENT], ==, 2);
}

static void
test_ending_soon_includes_both_threshold_ends (Fixture       *fixture,
                                               gconstpointer  data)
{
  g_autofree char *today = day_text (&fixture->today, 0, NULL);
  g_autofree char *yesterday = day_text (&fixture->today, -1, NULL);
  g_autofree char *last_day = day_text (&fixture->today, 30, NULL);
  g_autofree char *day_after = day_text (&fixture->today, 31, NULL);
  g_autofree char *in_ten = day_text (&fixture->today, 10, NULL);
  g_autoptr(GPtrArray) items = NULL;
  gint64 n_total = -1;

  g_object_unref (add_agreement (fixture->store, "Ends today", "active", NULL, today, NULL));
  g_object_unref (add_agreement (fixture->store, "Ends on the last day", "active", NULL, last_day, NULL));
  g_object_unref (add_agreement (fixture->store, "Ends the day after", "active", NULL, day_after, NULL));
  g_object_unref (add_agreement (fixture->store, "Ended yesterday", "active", NULL, yesterday, NULL));
  g_object_unref (add_agreement (fixture->store, "Ends in ten days", "signed", NULL, in_ten, NULL));

  items = ending_soon (fixture, 30, 0, &n_total);
  g_assert_cmpuint (items->len, ==, 3);
  g_assert_cmpint (n_total, ==, 3);

  /* Earliest first, each with the date that put it there and how far off it is. */
  {
    LiaisonDatedRecord *first = items->pdata[0];
    LiaisonDatedRecord *second = items->pdata[1];
    LiaisonDatedRecord *third = items->pdata[2];

    g_assert_cmpstr (first->title, ==, "Ends today");
    g_assert_cmpint (first->due, ==, LIAISON_DUE_END);
    g_assert_cmpstr (first->date, ==, today);
    g_assert_cmpint (liaison_dated_record_get_days (first, &fixture->today), ==, 0);
    g_assert_cmpstr (second->title, ==, "Ends in ten days");
    g_assert_cmpint (liaison_dated_record_get_days (second, &fixture->today), ==, 10);
    g_assert_cmpstr (second->detail, ==, "signed");
    g_assert_cmpstr (third->title, ==, "Ends on the last day");
    g_assert_cmpint (first->kind, ==, LIAISON_RECORD_AGREEMENT);
    g_assert_nonnull (first->uuid);
  }

  /* One more day takes in the next one. */
  g_clear_pointer (&items, g_ptr_array_unref);
  items = ending_soon (fixture, 31, 0, NULL);
  g_assert_cmpuint (items->len, ==, 4);
  g_assert_true (lists_title (items, "Ends the day after"));
  g_assert_false (lists_title (items, "Ended yesterday"));

  /* A limit keeps the first ones and still counts them all. */
  g_clear_pointer (&items, g_ptr_array_unref);
  items = ending_soon (fixture, 31, 2, &n_total);
  g_assert_cmpuint (items->len, ==, 2);
  g_assert_cmpint (n_total, ==, 4);
  g_assert_cmpstr (((LiaisonDatedRecord *) items->pdata[0])->title, ==, "Ends today");
}

static void
test_ending_soon_counts_notice_dates (Fixture       *fixture,
                                      gconstpointer  data)
{
  g_autofree char *notice = day_text (&fixture->today, 5, NULL);
  g_autofree char *end = day_text (&fixture->today, 200, NULL);
  g_autofree char *past_notice = day_text (&fixture->today, -5, NULL);
  g_autofree char *near_end = day_text (&fixture->today, 20, NULL);
  g_autoptr(GPtrArray) items = NULL;
  LiaisonDatedRecord *item;

  g_object_unref (add_agreement (fixture->store, "Notice soon", "active", NULL, end, notice));
  g_object_unref (add_agreement (fixture->store, "Notice passed", "active", NULL, near_end, past_notice));
  g_object_unref (add_agreement (fixture->store, "Notice and end soon", "active", NULL, near_end, notice));

  items = ending_soon (fixture, 90, 0, NULL);
  g_assert_cmpuint (items->len, ==, 3);

  /* Each agreement once, for its first date in the window. */
  item = items->pdata[0];
  g_assert_cmpint (item->due, ==, LIAISON_DUE_NOTICE);
  g_assert_cmpstr (item->date, ==, notice);
  item = items->pdata[1];
  g_assert_cmpint (item->due, ==, LIAISON_DUE_NOTICE);
  g_assert_cmpstr (item->date, ==, notice);
  item = items->pdata[2];
  g_assert_cmpstr (item->title, ==, "Notice passed");
  g_assert_cmpint (item->due, ==, LIAISON_DUE_END);
  g_assert_cmpstr (item->date, ==, near_end);
}

static void
test_ending_soon_partial_dates_use_bounds (Fixture       *fixture,
                                           gconstpointer  data)
{
  g_autofree char *this_year = day_text (&fixture->today, 0, "%Y");
  g_autofree char *last_year = day_text (&fixture->today, -366, "%Y");
  g_autofree char *this_month = day_text (&fixture->today, 0, "%Y-%m");
  g_autofree char *late_month = day_text (&fixture->today, 30 + 32, "%Y-%m");
  g_autofree char *tomorrow_no_year = day_text (&fixture->today, 1, "--%m-%d");
  g_autofree char *in_ten = day_text (&fixture->today, 10, NULL);
  g_autoptr(GPtrArray) items = NULL;

  g_object_unref (add_agreement (fixture->store, "Ends this year", "active", NULL, this_year, NULL));
  g_object_unref (add_agreement (fixture->store, "Ends this month", "active", NULL, this_month, NULL));
  g_object_unref (add_agreement (fixture->store, "Ends in a later month", "active", NULL, late_month, NULL));
  g_object_unref (add_agreement (fixture->store, "Ended last year", "active", NULL, last_year, NULL));
  g_object_unref (add_agreement (fixture->store, "Month and day only", "active", NULL, tomorrow_no_year, NULL));
  /* Not in force: never listed, whatever the dates. */
  g_object_unref (test_save_new (fixture->store, LIAISON_RECORD_AGREEMENT, "title", "Terminated",
                                 "status", "terminated", "end", in_ten, NULL));
  g_object_unref (test_save_new (fixture->store, LIAISON_RECORD_AGREEMENT, "title", "Proposed",
                                 "status", "proposed", "end", in_ten, NULL));

  items = ending_soon (fixture, 30, 0, NULL);
  g_assert_true (lists_title (items, "Ends this year"));
  g_assert_true (lists_title (items, "Ends this month"));
  g_assert_false (lists_title (items, "Ends in a later month"));
  g_assert_false (lists_title (items, "Ended last year"));
  g_assert_false (lists_title (items, "Month and day only"));
  g_assert_false (lists_title (items, "Terminated"));
  g_assert_false (lists_title (items, "Proposed"));
  g_assert_cmpuint (items->len, ==, 2);

  /* A month whose first day falls inside a wider window is due. */
  g_clear_pointer (&items, g_ptr_array_unref);
  items = ending_soon (fixture, 30 + 64, 0, NULL);
  g_assert_true (lists_title (items, "Ends in a later month"));
  g_assert_false (lists_title (items, "Month and day only"));
}

static void
test_events_upcoming_and_recent_in_order (Fixture       *fixture,
                                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) upcoming = NULL;
  g_autoptr(GPtrArray) recent = NULL;
  struct { int days; const char *format; const char *title; } events[] = {
    { 30, NULL, "In a month" },
    { -1, NULL, "Yesterday" },
    { 0, NULL, "Today" },
    { 1, NULL, "Tomorrow" },
    { -10, NULL, "Ten days ago" },
    { 0, "%Y", "This year" },
    { 0, "%Y-%m", "This month" },
    { -400, "%Y", "Last year" },
    { 400, "%Y", "Next year" },
    { 3, "--%m-%d", "No year" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (events); i++)
    {
      g_autofree char *date = day_text (&fixture->today, events[i].days, events[i].format);
      g_object_unref (test_save_new (fixture->store, LIAISON_RECORD_EVENT, "title", events[i].title,
                                     "date", date, "city", "Hefei", NULL));
    }
  g_object_unref (test_save_new (fixture->store, LIAISON_RECORD_EVENT, "title", "Undated", NULL));

  /* Soonest first, from today on; a partial date that takes in today (this year, this
   * month) is neither upcoming nor recent, one that starts later is upcoming. */
  upcoming = liaison_store_list_upcoming_events (fixture->store, &fixture->today, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (upcoming->len, ==, 4);
  g_assert_cmpstr (((LiaisonDatedRecord *) upcoming->pdata[0])->title, ==, "Today");
  g_assert_cmpstr (((LiaisonDatedRecord *) upcoming->pdata[1])->title, ==, "Tomorrow");
  g_assert_cmpstr (((LiaisonDatedRecord *) upcoming->pdata[2])->title, ==, "In a month");
  g_assert_cmpstr (((LiaisonDatedRecord *) upcoming->pdata[2])->detail, ==, "Hefei");
  g_assert_cmpint (((LiaisonDatedRecord *) upcoming->pdata[2])->kind, ==, LIAISON_RECORD_EVENT);
  g_assert_cmpint (((LiaisonDatedRecord *) upcoming->pdata[2])->due, ==, LIAISON_DUE_EVENT);
  g_assert_cmpstr (((LiaisonDatedRecord *) upcoming->pdata[3])->title, ==, "Next year");
  g_assert_false (lists_title (upcoming, "This year"));
  g_assert_false (lists_title (upcoming, "This month"));

  /* Most recent first, and the limit keeps the most recent. */
  recent = liaison_store_list_recent_events (fixture->store, &fixture->today, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (recent->len, ==, 3);
  g_assert_false (lists_title (recent, "This year"));
  g_assert_false (lists_title (recent, "This month"));
  g_assert_cmpstr (((LiaisonDatedRecord *) recent->pdata[0])->title, ==, "Yesterday");
  g_assert_cmpstr (((LiaisonDatedRecord *) recent->pdata[1])->title, ==, "Ten days ago");
  g_assert_cmpstr (((LiaisonDatedRecord *) recent->pdata[2])->title, ==, "Last year");

  g_clear_pointer (&recent, g_ptr_array_unref);
  recent = liaison_store_list_recent_events (fixture->store, &fixture->today, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (recent->len, ==, 2);
  g_assert_cmpstr (((LiaisonDatedRecord *) recent->pdata[1])->title, ==, "Ten days ago");

  g_clear_pointer (&upcoming, g_ptr_array_unref);
  upcoming = liaison_store_list_upcoming_events (fixture->store, &fixture->today, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (upcoming->len, ==, 2);
}

static void
test_signed_per_year_fills_gaps (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) years = NULL;
  const char *dates[] = { "2019-05-01", "2019", "2021-02", "--04-18" };

  years = liaison_store_count_signed_per_year (fixture->store, 30, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (years->len, ==, 0);
  g_clear_pointer (&years, g_array_unref);

  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    g_object_unref (test_save_new (fixture->store, LIAISON_RECORD_AGREEMENT, "title", "Signed",
                                   "status", "proposed", "signed", dates[i], NULL));
  g_object_unref (test_save_new (fixture->store, LIAISON_RECORD_AGREEMENT, "title", "Unsigned",
                                 "status", "proposed", NULL));

  years = liaison_store_count_signed_per_year (fixture->store, 30, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (years->len, ==, 3);
  g_assert_cmpuint (g_array_index (years, LiaisonPeriodCount, 0).year, ==, 2019);
  g_assert_cmpint (g_array_index (years, LiaisonPeriodCount, 0).count, ==, 2);
  g_assert_cmpuint (g_array_index (years, LiaisonPeriodCount, 1).year, ==, 2020);
  g_assert_cmpint (g_array_index (years, LiaisonPeriodCount, 1).count, ==, 0);
  g_assert_cmpuint (g_array_index (years, LiaisonPeriodCount, 2).year, ==, 2021);
  g_assert_cmpint (g_array_index (years, LiaisonPeriodCount, 2).count, ==, 1);
  g_assert_cmpuint (g_array_index (years, LiaisonPeriodCount, 2).month, ==, 0);
  g_clear_pointer (&years, g_array_unref);

  /* Only the latest years when there are too many. */
  years = liaison_store_count_signed_per_year (fixture->store, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (years->len, ==, 2);
  g_assert_cmpuint (g_array_index (years, LiaisonPeriodCount, 0).year, ==, 2020);
  g_assert_cmpuint (g_array_index (years, LiaisonPeriodCount, 1).year, ==, 2021);
}

static void
test_events_per_month_count_months (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) months = NULL;
  const char *dates[] = { "2024-01-05", "2024-01", "2024", "2024-03-31", "2023-12-31", "2024-04-01", "--02-10" };
  GDate today = make_date (2024, 3, 15);

  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    g_object_unref (test_save_new (fixture->store, LIAISON_RECORD_EVENT, "title", "Meeting",
                                   "date", dates[i], NULL));

  months = liaison_store_count_events_per_month (fixture->store, &today, 3, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (months->len, ==, 3);
  g_assert_cmpuint (g_array_index (months, LiaisonPeriodCount, 0).year, ==, 2024);
  g_assert_cmpuint (g_array_index (months, LiaisonPeriodCount, 0).month, ==, 1);
  g_assert_cmpint (g_array_index (months, LiaisonPeriodCount, 0).count, ==, 2);
  g_assert_cmpuint (g_array_index (months, LiaisonPeriodCount, 1).month, ==, 2);
  g_assert_cmpint (g_array_index (months, LiaisonPeriodCount, 1).count, ==, 0);
  g_assert_cmpuint (g_array_index (months, LiaisonPeriodCount, 2).month, ==, 3);
  g_assert_cmpint (g_array_index (months, LiaisonPeriodCount, 2).count, ==, 1);
  g_clear_pointer (&months, g_array_unref);

  /* Across a new year. */
  today = make_date (2024, 1, 1);
  months = liaison_store_count_events_per_month (fixture->store, &today, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_array_index (months, LiaisonPeriodCount, 0).year, ==, 2023);
  g_assert_cmpuint (g_array_index (months, LiaisonPeriodCount, 0).month, ==, 12);
  g_assert_cmpint (g_array_index (months, LiaisonPeriodCount, 0).count, ==, 1);
  g_assert_cmpint (g_array_index (months, LiaisonPeriodCount, 1).count, ==, 2);
}

static void
count_changed_cb (LiaisonStore *store,
                  guint         kind,
                  guint        *count)
{
  (*count)++;
}

static void
refresh (Fixture *fixture,
         guint    year,
         guint    month,
         guint    day)
{
  g_autoptr(GError) error = NULL;
  GDate today = make_date (year, month, day);

  g_assert_true (liaison_store_refresh_statuses (fixture->store, &today, &error));
  g_assert_no_error (error);
}

#define assert_status(fixture, record, expected) \
  G_STMT_START { \
    g_autofree char *status_ = status_of ((fixture)->store, (record)); \
    g_assert_cmpstr (status_, ==, (expected)); \
  } G_STMT_END

static void
test_status_follows_dates (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(LiaisonRecord) dated = add_agreement (fixture->store, "Dated", "signed", "2024-06-16", "2025", NULL);
  g_autoptr(LiaisonRecord) year_start = add_agreement (fixture->store, "Starts in 2024", "signed", "2024", NULL, NULL);
  g_autoptr(LiaisonRecord) no_year = add_agreement (fixture->store, "Ends 18 April", "active", "2020-01-01", "--04-18", NULL);
  g_autoptr(LiaisonRecord) undated = add_agreement (fixture->store, "Undated", "active", NULL, NULL, NULL);

  refresh (fixture, 2024, 6, 15);
  assert_status (fixture, dated, "signed");
  assert_status (fixture, year_start, "active");
  assert_status (fixture, undated, "active");

  /* The start day itself makes it active. */
  refresh (fixture, 2024, 6, 16);
  assert_status (fixture, dated, "active");

  /* "2025" ends on 31 December 2025: active that day, expired the next. */
  refresh (fixture, 2025, 12, 31);
  assert_status (fixture, dated, "active");
  refresh (fixture, 2026, 1, 1);
  assert_status (fixture, dated, "expired");

  /* A month and day with no year never ends anything. */
  assert_status (fixture, no_year, "active");

  /* Back in time (a corrected clock), the status follows again. */
  refresh (fixture, 2024, 1, 1);
  assert_status (fixture, dated, "signed");
  assert_status (fixture, year_start, "active");
  refresh (fixture, 2023, 12, 31);
  assert_status (fixture, year_start, "signed");
}

static void
test_status_set_by_hand_stays (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(LiaisonRecord) manual = NULL;
  g_autoptr(LiaisonRecord) proposed = NULL;
  g_autoptr(LiaisonRecord) terminated = NULL;
  g_autoptr(LiaisonRecord) automatic = NULL;
  g_autoptr(GError) error = NULL;

  manual = test_save_new (fixture->store, LIAISON_RECORD_AGREEMENT, "title", "By hand", "status", "signed",
                          "status-manual", "true", "start", "2020-01-01", "end", "2021-01-01", NULL);
  proposed = add_agreement (fixture->store, "Proposed", "proposed", "2020-01-01", "2021-01-01", NULL);
  terminated = add_agreement (fixture->store, "Terminated", "terminated", "2020-01-01", "2030-01-01", NULL);
  automatic = add_agreement (fixture->store, "Automatic", "signed", "2020-01-01", "2030-01-01", NULL);

  refresh (fixture, 2025, 1, 1);
  assert_status (fixture, manual, "signed");
  assert_status (fixture, proposed, "proposed");
  assert_status (fixture, terminated, "terminated");
  assert_status (fixture, automatic, "active");

  /* Handing the status back to the dates lets it follow them again; the refresh did
   * not make the record in hand stale. */
  liaison_record_set_field (manual, "status-manual", NULL);
  liaison_store_save (fixture->store, manual, &error);
  g_assert_no_error (error);
  refresh (fixture, 2025, 1, 1);
  assert_status (fixture, manual, "expired");

  /* A status set by hand survives saving, too. */
  liaison_record_set_field (automatic, "status", "expired");
  liaison_record_set_field (automatic, "status-manual", "true");
  liaison_store_save (fixture->store, automatic, &error);
  g_assert_no_error (error);
  refresh (fixture, 2025, 1, 1);
  assert_status (fixture, automatic, "expired");
}

static void
test_status_applied_on_save (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *last_week = day_text (&fixture->today, -7, NULL);
  g_autofree char *next_week = day_text (&fixture->today, 7, NULL);
  g_autoptr(LiaisonRecord) started = NULL;
  g_autoptr(LiaisonRecord) not_yet = NULL;
  g_autoptr(LiaisonRecord) manual = NULL;

  started = add_agreement (fixture->store, "Started", "signed", last_week, NULL, NULL);
  not_yet = add_agreement (fixture->store, "Not yet", "active", next_week, NULL, NULL);
  manual = test_save_new (fixture->store, LIAISON_RECORD_AGREEMENT, "title", "Manual", "status", "signed",
                          "status-manual", "true", "start", last_week, NULL);

  /* The saved record and the database agree on the status the dates call for. */
  g_assert_cmpstr (liaison_record_get_field (started, "status"), ==, "active");
  assert_status (fixture, started, "active");
  g_assert_cmpstr (liaison_record_get_field (not_yet, "status"), ==, "signed");
  assert_status (fixture, not_yet, "signed");
  assert_status (fixture, manual, "signed");
}

static void
test_refresh_logs_once_and_only_on_change (Fixture       *fixture,
                                           gconstpointer  data)
{
  g_autoptr(LiaisonRecord) a = add_agreement (fixture->store, "A", "signed", "2024-01-01", "2024-12-31", NULL);
  g_autoptr(LiaisonRecord) b = add_agreement (fixture->store, "B", "signed", "2024-02-01", NULL, NULL);
  guint n_changed = 0;
  gint64 n_log;
  gulong handler;

  refresh (fixture, 2023, 6, 1);
  handler = g_signal_connect (fixture->store, "changed", G_CALLBACK (count_changed_cb), &n_changed);
  n_log = count_log (fixture->store);

  /* Two agreements become active: one entry, one signal. */
  refresh (fixture, 2024, 3, 1);
  assert_status (fixture, a, "active");
  assert_status (fixture, b, "active");
  g_assert_cmpint (count_log (fixture->store), ==, n_log + 1);
  g_assert_cmpuint (n_changed, ==, 1);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) changes = liaison_store_list_changes (fixture->store, NULL, 1, &error);
    LiaisonChange *change;

    g_assert_no_error (error);
    change = changes->pdata[0];
    g_assert_cmpstr (change->action, ==, "status");
    g_assert_nonnull (strstr (change->summary, "2 agreements"));
  }

  /* Derived, not edited: the revision an editor holds stays current. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(LiaisonRecord) stored = liaison_store_load (fixture->store, LIAISON_RECORD_AGREEMENT,
                                                          liaison_record_get_id (a), &error);

    g_assert_no_error (error);
    g_assert_cmpint (liaison_record_get_revision (stored), ==, liaison_record_get_revision (a));
  }

  /* Nothing to do: nothing logged, nothing emitted. */
  refresh (fixture, 2024, 3, 2);
  g_assert_cmpint (count_log (fixture->store), ==, n_log + 1);
  g_assert_cmpuint (n_changed, ==, 1);

  g_signal_handler_disconnect (fixture->store, handler);
}

static void
test_undo_passes_over_status_updates (Fixture       *fixture,
                                      gconstpointer  data)
{
  g_autoptr(LiaisonRecord) record = add_agreement (fixture->store, "Renamed", "signed", "2024-01-01", NULL, NULL);
  g_autoptr(LiaisonRecord) other = add_agreement (fixture->store, "Other", "signed", "2024-02-01", NULL, NULL);
  g_autoptr(LiaisonRecord) stored = NULL;
  g_autoptr(GError) error = NULL;

  refresh (fixture, 2023, 6, 1);
  liaison_record_set_field (record, "title", "Renamed again");
  liaison_store_save (fixture->store, record, &error);
  g_assert_no_error (error);

  /* The day moves on and both become active; undo still reaches the rename. */
  refresh (fixture, 2024, 3, 1);
  assert_status (fixture, other, "active");
  g_assert_true (liaison_store_can_undo (fixture->store));
  g_assert_true (liaison_store_undo (fixture->store, &error));
  g_assert_no_error (error);

  stored = liaison_store_load (fixture->store, LIAISON_RECORD_AGREEMENT, liaison_record_get_id (record), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (liaison_record_get_title (stored), ==, "Renamed");
  assert_status (fixture, other, "active");
}

static void
test_status_refreshed_on_open (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(LiaisonRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;

  /* Stored by hand as signed though it started long ago; then handed to the dates
   * behind the store's back, as an older copy of the file might have it. */
  record = test_save_new (fixture->store, LIAISON_RECORD_AGREEMENT, "title", "Old", "status", "signed",
                          "status-manual", "true", "start", "2001-01-01", NULL);
  g_clear_object (&fixture->store);

  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE agreement SET status_manual = 0", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  fixture->store = liaison_store_open (fixture->path, LIAISON_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  assert_status (fixture, record, "active");
}

static void
test_status_manual_round_trips_through_xml (Fixture       *fixture,
                                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaisonRecord) manual = NULL;
  g_autoptr(LiaisonRecord) automatic = NULL;
  g_autoptr(LiaisonRecord) copy = NULL;
  g_autoptr(LiaisonStore) other = NULL;
  g_autofree char *xml_path = g_build_filename (fixture->dir, "export.xml", NULL);
  g_autofree char *other_path = g_build_filename (fixture->dir, "other.db", NULL);
  g_autofree char *contents = NULL;

  manual = test_save_new (fixture->store, LIAISON_RECORD_AGREEMENT, "title", "By hand", "status", "negotiating",
                          "status-manual", "true", NULL);
  automatic = add_agreement (fixture->store, "Automatic", "proposed", NULL, NULL, NULL);

  g_assert_true (liaison_export_to_file (fixture->store, xml_path, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (xml_path, &contents, NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (contents, "status-manual=\"true\""));
  /* Only the one set by hand carries the attribute; absent means false. */
  g_assert_null (strstr (strstr (contents, "status-manual=\"true\"") + 1, "status-manual"));

  other = liaison_store_open (other_path, LIAISON_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_true (liaison_import_file (other, xml_path, LIAISON_IMPORT_DEFAULT, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  copy = liaison_store_load_by_uuid (other, liaison_record_get_uuid (manual), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (liaison_record_get_field (copy, "status-manual"), ==, "true");
  g_clear_object (&copy);
  copy = liaison_store_load_by_uuid (other, liaison_record_get_uuid (automatic), &error);
  g_assert_no_error (error);
  g_assert_null (liaison_record_get_field (copy, "status-manual"));

  g_clear_object (&other);
  for (guint i = 0; i < 3; i++)
    {
      static const char * const suffixes[] = { "", "-wal", "-shm" };
      g_autofree char *file = g_strconcat (other_path, suffixes[i], NULL);
      g_unlink (file);
    }
  g_unlink (xml_path);
}

static void
test_status_manual_accepts_xsd_booleans (Fixture       *fixture,
                                         gconstpointer  data)
{
  static const char document[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<liaison xmlns=\"https://liaisonapp.github.io/ns/liaison/1\" version=\"1\">\n"
    "  <agreements>\n"
    "    <agreement uuid=\"11111111-1111-4111-8111-111111111111\" kind=\"contract\" status=\"signed\" status-manual=\"1\">\n"
    "      <title>One</title>\n"
    "    </agreement>\n"
    "    <agreement uuid=\"22222222-2222-4222-8222-222222222222\" kind=\"contract\" status=\"signed\" status-manual=\"false\">\n"
    "      <title>Two</title>\n"
    "    </agreement>\n"
    "  </agreements>\n"
    "</liaison>\n";
  g_autoptr(GBytes) bytes = g_bytes_new_static (document, sizeof document - 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaisonRecord) one = NULL;
  g_autoptr(LiaisonRecord) two = NULL;

  g_assert_true (liaison_import_bytes (fixture->store, bytes, "booleans.xml", LIAISON_IMPORT_DEFAULT, NULL, &error));
  g_assert_no_error (error);
  one = liaison_store_load_by_uuid (fixture->store, "11111111-1111-4111-8111-111111111111", &error);
  g_assert_no_error (error);
  two = liaison_store_load_by_uuid (fixture->store, "22222222-2222-4222-8222-222222222222", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (liaison_record_get_field (one, "status-manual"), ==, "true");
  g_assert_null (liaison_record_get_field (two, "status-manual"));
}

static void
test_status_manual_rejects_other_values (void)
{
  g_autoptr(LiaisonRecord) record = liaison_record_new (LIAISON_RECORD_AGREEMENT);
  g_autoptr(GError) error = NULL;

  liaison_record_set_field (record, "title", "Agreement");
  liaison_record_set_field (record, "status-manual", "yes");
  g_assert_false (liaison_record_validate (record, &error));
  g_assert_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID_FIELD);
  g_assert_nonnull (strstr (error->message, "status-manual"));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/liaison/stats/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("totals-count-each-kind", test_totals_count_each_kind);
  ADD ("ending-soon-includes-both-threshold-ends", test_ending_soon_includes_both_threshold_ends);
  ADD ("ending-soon-counts-notice-dates", test_ending_soon_counts_notice_dates);
  ADD ("ending-soon-partial-dates-use-bounds", test_ending_soon_partial_dates_use_bounds);
  ADD ("events-upcoming-and-recent-in-order", test_events_upcoming_and_recent_in_order);
  ADD ("signed-per-year-fills-gaps", test_signed_per_year_fills_gaps);
  ADD ("events-per-month-count-months", test_events_per_month_count_months);
  ADD ("status-follows-dates", test_status_follows_dates);
  ADD ("status-set-by-hand-stays", test_status_set_by_hand_stays);
  ADD ("status-applied-on-save", test_status_applied_on_save);
  ADD ("refresh-logs-once-and-only-on-change", test_refresh_logs_once_and_only_on_change);
  ADD ("undo-passes-over-status-updates", test_undo_passes_over_status_updates);
  ADD ("status-refreshed-on-open", test_status_refreshed_on_open);
  ADD ("status-manual-round-trips-through-xml", test_status_manual_round_trips_through_xml);
  ADD ("status-manual-accepts-xsd-booleans", test_status_manual_accepts_xsd_booleans);
  g_test_add_func ("/liaison/stats/status-manual-rejects-other-values", test_status_manual_rejects_other_values);

  return g_test_run ();
}

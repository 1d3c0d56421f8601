/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "liaison-core.h"
#include "liaison-overview-private.h"
#include "liaison-resources.h"

/*
 * The overview on a seeded database with a few agreements of our own, checked as a
 * user sees it: which agreements the "Ending soon" list shows for the threshold in the
 * settings, what its rows say, the chart's bars, and that items and totals open what
 * they name.
 */

typedef struct {
  char            *dir;
  LiaisonStore    *store;
  GtkWindow       *window;
  LiaisonOverview *overview;
  GSettings       *settings;
} Fixture;

/* Waiting for the main loop */

typedef gboolean (*Condition) (Fixture *fixture,
                               gconstpointer data);

static void
wait_until (Fixture       *fixture,
            Condition      condition,
            gconstpointer  data)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (liaison_overview_get_loading (fixture->overview) || !condition (fixture, data))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  for (guint i = 0; i < 10; i++)
    g_main_context_iteration (NULL, FALSE);
}

static gboolean
always (Fixture       *fixture,
        gconstpointer  data)
{
  return TRUE;
}

/* Records */

static char *
day_text (int days)
{
  GDate day;
  char text[16];

  g_date_clear (&day, 1);
  g_date_set_time_t (&day, time (NULL));
  if (days >= 0)
    g_date_add_days (&day, (guint) days);
  else
    g_date_subtract_days (&day, (guint) -days);
  g_date_strftime (text, sizeof text, "%Y-%m-%d", &day);
  return g_strdup (text);
}

static void
add_agreement (LiaisonStore *store,
               const char   *title,
               const char   *signed_date,
               int           end_days,
               int           notice_days)
{
  g_autoptr(LiaisonRecord) record = liaison_record_new (LIAISON_RECORD_AGREEMENT);
  g_autofree char *end = day_text (end_days);
  g_autofree char *notice = notice_days ? day_text (notice_days) : NULL;
  g_autoptr(GError) error = NULL;

  liaison_record_set_field (record, "title", title);
  liaison_record_set_field (record, "status", "active");
  liaison_record_set_field (record, "signed", signed_date);
  liaison_record_set_field (record, "start", signed_date);
  liaison_record_set_field (record, "end", end);
  liaison_record_set_field (record, "notice", notice);
  liaison_store_save (store, record, &error);
  g_assert_no_error (error);
}

static void
add_event (LiaisonStore *store,
           const char   *title,
           int           days)
{
  g_autoptr(LiaisonRecord) record = liaison_record_new (LIAISON_RECORD_EVENT);
  g_autofree char *date = day_text (days);
  g_autoptr(GError) error = NULL;

  liaison_record_set_field (record, "title", title);
  liaison_record_set_field (record, "date", date);
  liaison_record_set_field (record, "city", "Qingdao");
  liaison_store_save (store, record, &error);
  g_assert_no_error (error);
}

/* What the lists show */

static GPtrArray *
row_texts (GtkListBox *list,
           gboolean    subtitles)
{
  GPtrArray *texts = g_ptr_array_new_with_free_func (g_free);
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (list, i)) != NULL; i++)
    {
      if (!ADW_IS_ACTION_ROW (row))
        continue;
      g_ptr_array_add (texts, g_strdup (subtitles ? adw_action_row_get_subtitle (ADW_ACTION_ROW (row))
                                                  : adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row))));
    }
  return texts;
}

static gboolean
ending_has_n_rows (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GPtrArray) titles = row_texts (_liaison_overview_get_ending_list (fixture->overview), FALSE);

  return titles->len == GPOINTER_TO_UINT (data);
}

static gboolean
contains (GPtrArray  *texts,
          const char *text)
{
  for (guint i = 0; i < texts->len; i++)
    if (g_strcmp0 (texts->pdata[i], text) == 0)
      return TRUE;
  return FALSE;
}

/* Fixture */

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  gboolean seed = data == NULL;

  fixture->dir = g_dir_make_tmp ("liaison-overview-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "overview.db", NULL);
  fixture->store = liaison_store_open (path, seed ? LIAISON_STORE_OPEN_SEED : LIAISON_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);

  fixture->settings = g_settings_new (SCHEMA_ID);
  g_settings_reset (fixture->settings, "ending-soon-days");

  if (seed)
    {
      add_agreement (fixture->store, "Ends in ten days", "2021-03-01", 10, 0);
      add_agreement (fixture->store, "Ends in a hundred days", "2021-06-01", 100, 0);
      add_agreement (fixture->store, "Notice in five days", "2022-01-10", 300, 5);
      add_event (fixture->store, "Visit in three days", 3);
    }

  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 1100, 800);
  fixture->overview = LIAISON_OVERVIEW (liaison_overview_new (fixture->store));
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->overview));
  gtk_window_present (fixture->window);
  wait_until (fixture, always, NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };
  g_autofree char *path = g_strdup (liaison_store_get_path (fixture->store));

  gtk_window_destroy (fixture->window);
  g_settings_reset (fixture->settings, "ending-soon-days");
  g_clear_object (&fixture->settings);
  g_clear_object (&fixture->store);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      g_unlink (file);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
}

/* Tests */

static void
test_overview_ending_soon_follows_threshold (Fixture       *fixture,
                                             gconstpointer  data)
{
  GtkListBox *list = _liaison_overview_get_ending_list (fixture->overview);
  g_autoptr(GPtrArray) titles = NULL;
  g_autoptr(GPtrArray) subtitles = NULL;

  /* The default, 90 days: the agreements ending in 10 days and with notice in 5, not
   * the one ending in 100; the earliest first, each saying what is due and when. */
  g_assert_cmpuint (g_settings_get_uint (fixture->settings, "ending-soon-days"), ==, 90);
  titles = row_texts (list, FALSE);
  subtitles = row_texts (list, TRUE);
  g_assert_cmpuint (titles->len, ==, 2);
  g_assert_cmpstr (titles->pdata[0], ==, "Notice in five days");
  g_assert_cmpstr (titles->pdata[1], ==, "Ends in ten days");
  g_assert_true (g_str_has_prefix (subtitles->pdata[0], "Notice date in 5 days"));
  g_assert_true (g_str_has_prefix (subtitles->pdata[1], "Ends in 10 days"));
  g_clear_pointer (&titles, g_ptr_array_unref);
  g_clear_pointer (&subtitles, g_ptr_array_unref);

  /* A wider threshold takes in the one ending in 100 days... */
  g_settings_set_uint (fixture->settings, "ending-soon-days", 120);
  wait_until (fixture, ending_has_n_rows, GUINT_TO_POINTER (3));
  titles = row_texts (list, FALSE);
  g_assert_true (contains (titles, "Ends in a hundred days"));
  g_clear_pointer (&titles, g_ptr_array_unref);

  /* ...a narrower one keeps only the notice date in five days. */
  g_settings_set_uint (fixture->settings, "ending-soon-days", 7);
  wait_until (fixture, ending_has_n_rows, GUINT_TO_POINTER (1));
  titles = row_texts (list, FALSE);
  g_assert_cmpstr (titles->pdata[0], ==, "Notice in five days");
}

static void
test_overview_follows_store_changes (Fixture       *fixture,
                                     gconstpointer  data)
{
  g_autoptr(GPtrArray) titles = NULL;

  add_agreement (fixture->store, "Added while shown", "2022-05-05", 20, 0);
  wait_until (fixture, ending_has_n_rows, GUINT_TO_POINTER (3));
  titles = row_texts (_liaison_overview_get_ending_list (fixture->overview), FALSE);
  g_assert_true (contains (titles, "Added while shown"));
}

static void
test_overview_chart_has_a_bar_per_period (Fixture       *fixture,
                                          gconstpointer  data)
{
  LiaisonChart *chart = _liaison_overview_get_chart (fixture->overview);

  /* Signed in 2021 (two), 2022 (one) and, in the seed, 2023 (three). */
  g_assert_cmpuint (liaison_chart_get_n_bars (chart), ==, 3);
  g_assert_cmpstr (liaison_chart_get_label (chart, 0), ==, "2021");
  g_assert_cmpint (liaison_chart_get_value (chart, 0), ==, 2);
  g_assert_cmpint (liaison_chart_get_value (chart, 1), ==, 1);
  g_assert_cmpint (liaison_chart_get_value (chart, 2), ==, 3);
  g_assert_nonnull (strstr (liaison_chart_get_summary (chart), "2021: 2"));

  /* Events per month: twelve months, this one last with the visit in three days if it
   * falls in this month. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->overview), "overview.chart", "s", "events"));
  g_assert_cmpuint (liaison_chart_get_n_bars (chart), ==, 12);
  g_assert_cmpstr (liaison_chart_get_title (chart), ==, "Events per month");
}

static void
record_activated_cb (LiaisonOverview  *overview,
                     LiaisonRecord    *record,
                     LiaisonRecord   **out)
{
  g_set_object (out, record);
}

static void
section_activated_cb (LiaisonOverview   *overview,
                      LiaisonRecordKind  kind,
                      int               *out)
{
  *out = (int) kind;
}

static void
test_overview_items_open_their_records (Fixture       *fixture,
                                        gconstpointer  data)
{
  g_autoptr(LiaisonRecord) activated = NULL;
  GtkListBoxRow *row;
  int section = -1;

  g_signal_connect (fixture->overview, "record-activated", G_CALLBACK (record_activated_cb), &activated);
  g_signal_connect (fixture->overview, "section-activated", G_CALLBACK (section_activated_cb), &section);

  row = gtk_list_box_get_row_at_index (_liaison_overview_get_ending_list (fixture->overview), 1);
  g_assert_true (gtk_widget_activate (GTK_WIDGET (row)));
  g_assert_nonnull (activated);
  g_assert_cmpint (liaison_record_get_kind (activated), ==, LIAISON_RECORD_AGREEMENT);
  g_assert_cmpstr (liaison_record_get_title (activated), ==, "Ends in ten days");
  g_clear_object (&activated);

  row = gtk_list_box_get_row_at_index (_liaison_overview_get_upcoming_list (fixture->overview), 0);
  g_assert_true (gtk_widget_activate (GTK_WIDGET (row)));
  g_assert_nonnull (activated);
  g_assert_cmpstr (liaison_record_get_title (activated), ==, "Visit in three days");

  /* The seed's dated event is in the past. */
  row = gtk_list_box_get_row_at_index (_liaison_overview_get_recent_list (fixture->overview), 0);
  g_assert_nonnull (row);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->overview), "overview.show-section",
                                             "s", "agreement"));
  g_assert_cmpint (section, ==, LIAISON_RECORD_AGREEMENT);
}

static void
test_overview_empty_database_says_so (Fixture       *fixture,
                                      gconstpointer  data)
{
  g_assert_cmpstr (_liaison_overview_get_page (fixture->overview), ==, "empty");
  g_assert_cmpuint (liaison_chart_get_n_bars (_liaison_overview_get_chart (fixture->overview)), ==, 0);
}

/* The first load waits for the window's first frame, showing that it is loading. */
static void
test_overview_first_load_waits_for_first_frame (Fixture       *fixture,
                                                gconstpointer  data)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  LiaisonOverview *overview = LIAISON_OVERVIEW (liaison_overview_new (fixture->store));
  g_autoptr(GPtrArray) mine = NULL;
  g_autoptr(GPtrArray) theirs = NULL;
  gint64 deadline;

  gtk_window_set_child (window, GTK_WIDGET (overview));
  for (guint i = 0; i < 50; i++)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
  g_assert_true (liaison_overview_get_loading (overview));
  g_assert_cmpstr (_liaison_overview_get_page (overview), ==, "loading");

  gtk_window_present (window);
  deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (liaison_overview_get_loading (overview))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  g_assert_cmpstr (_liaison_overview_get_page (overview), ==, "content");
  /* The same as the fixture's overview, read at once from a painted window. */
  mine = row_texts (_liaison_overview_get_ending_list (overview), FALSE);
  theirs = row_texts (_liaison_overview_get_ending_list (fixture->overview), FALSE);
  g_assert_cmpuint (mine->len, >, 0);
  g_assert_cmpuint (mine->len, ==, theirs->len);
  for (guint i = 0; i < mine->len; i++)
    g_assert_cmpstr (g_ptr_array_index (mine, i), ==, g_ptr_array_index (theirs, i));

  gtk_window_destroy (window);
}

/* Events say when in days for the first month, then months, then years, counted in
 * calendar months from the overview's day. */
static void
test_overview_events_say_when_in_friendly_spans (void)
{
  static const struct { const char *date; const char *when; } cases[] = {
    { "2026-11-22", "Today · " },
    { "2026-11-21", "Yesterday · " },
    { "2026-11-10", "12 days ago · " },
    { "2026-10-23", "30 days ago · " },
    { "2026-10-22", "1 month ago · " },
    { "2026-06-10", "5 months ago · " },
    { "2025-11-23", "11 months ago · " },
    { "2025-11-22", "1 year ago · " },
    { "2023-08-30", "3 years ago · " },
    { "2026-11-25", "In 3 days · " },
    { "2027-01-22", "In 2 months · " },
    { "2029-12-01", "In 3 years · " },
    { "--04-18", "18 April · " },
  };
  GDate today;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 22, G_DATE_NOVEMBER, 2026);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      LiaisonDatedRecord item = {
        LIAISON_RECORD_EVENT, LIAISON_DUE_EVENT, 1, (char *) "uuid", (char *) "A visit",
        (char *) cases[i].date, (char *) "Chongqing",
      };
      GtkWidget *row = g_object_ref_sink (_liaison_overview_row_new (&item, &today));
      const char *subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (row));

      if (!g_str_has_prefix (subtitle, cases[i].when))
        g_error ("An event on %s says “%s”, not “%s…”", cases[i].date, subtitle, cases[i].when);
      g_assert_true (g_str_has_suffix (subtitle, " · Chongqing"));
      g_object_unref (row);
    }
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_assert_nonnull (liaison_get_resource ());

#define ADD(path, func, data) \
  g_test_add ("/liaison/overview/" path, Fixture, data, fixture_set_up, func, fixture_tear_down)

  ADD ("ending-soon-follows-threshold", test_overview_ending_soon_follows_threshold, NULL);
  ADD ("follows-store-changes", test_overview_follows_store_changes, NULL);
  ADD ("chart-has-a-bar-per-period", test_overview_chart_has_a_bar_per_period, NULL);
  ADD ("items-open-their-records", test_overview_items_open_their_records, NULL);
  ADD ("empty-database-says-so", test_overview_empty_database_says_so, "empty");
  ADD ("first-load-waits-for-first-frame", test_overview_first_load_waits_for_first_frame, NULL);

#undef ADD

  g_test_add_func ("/liaison/overview/events-say-when-in-friendly-spans",
                   test_overview_events_say_when_in_friendly_spans);

  return g_test_run ();
}

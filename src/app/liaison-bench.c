/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-bench"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "liaison-bench.h"
#include "liaison-window.h"

/*
 * Figures of the real window for tests/bench/run, measured only when the environment
 * has LIAISON_BENCH set: "startup" measures the first frame and the memory, anything
 * else measures the search and the scrolling too.  Each figure is a line on standard
 * error, "LIAISON_BENCH " and a JSON object; then the application quits.
 *
 *  - startup_frame_ms: from liaison_bench_attach() (called at the start of main()) to the
 *    end of the window's first painted frame (the frame clock's after-paint);
 *  - rss_kb: resident memory once the first page has loaded;
 *  - search: LIAISON_BENCH_SEARCH (default "beijing") typed into the events' search entry
 *    one keystroke at a time, back and forth, LIAISON_BENCH_KEYS times (default 50).  Each
 *    keystroke is timed from the entry's search-changed (the entry waits for a pause in
 *    the typing before it emits it) to the end of the first frame painted after the list
 *    took the new results, and also from the keystroke itself;
 *  - scroll: the events table scrolled from top to bottom in LIAISON_BENCH_FRAMES steps
 *    (default 240), one per frame: the mean time from before-paint to after-paint (the
 *    work of a frame), and the mean interval between frames.
 */

typedef struct {
  GtkApplication     *app;
  LiaisonWindow      *window;
  GdkFrameClock      *clock;
  gboolean            startup_only;
  gint64              start;
  gint64              frame_start;
  gboolean            first_frame_seen;
  guint               poll_id;

  /* Search */
  LiaisonSectionView *section;
  GtkWidget          *entry;
  char               *word;
  guint               n_keys;
  guint               key;
  gint64              key_time;
  gint64              changed_time;
  gboolean            waiting_for_paint;
  GArray             *from_changed;   /* double, ms */
  GArray             *from_key;       /* double, ms */
  GArray             *to_results;     /* double, ms: search-changed to the list's new rows */
  GArray             *to_frame;       /* double, ms: from those rows to the end of the frame showing them */
  gint64              results_time;

  /* Scroll */
  GtkAdjustment      *adjustment;
  guint               n_frames;
  guint               frame;
  guint               tick_id;
  gboolean            scrolling;
  double              busy_total;
  guint               busy_count;
  gint64              scroll_first;
  gint64              scroll_last;
} Bench;

static Bench bench;

static void start_search (void);
static void start_scroll (void);

static void
emit (const char *format,
      ...) G_GNUC_PRINTF (1, 2);

static void
emit (const char *format,
      ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  fprintf (stderr, "LIAISON_BENCH %s\n", text);
  fflush (stderr);
}

static gint64
read_status_kb (const char *key)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, key);
  return line != NULL ? g_ascii_strtoll (line + strlen (key), NULL, 10) : -1;
}

static void
finish (void)
{
  emit ("{\"done\": true}");
  g_clear_handle_id (&bench.poll_id, g_source_remove);
  g_application_quit (G_APPLICATION (bench.app));
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* The nearest-rank percentile. */
static double
percentile (GArray *values,
            double  p)
{
  guint rank;

  if (values->len == 0)
    return 0;
  g_array_sort (values, compare_doubles);
  rank = (guint) MAX (1, (int) (p / 100 * values->len + 0.999999));
  return g_array_index (values, double, MIN (rank, values->len) - 1);
}

static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
section_ready (LiaisonSectionView *section)
{
  return !liaison_section_view_get_loading (section) &&
         g_list_model_get_n_items (G_LIST_MODEL (liaison_section_view_get_model (section))) > 0;
}

/* Startup and memory */

static gboolean
settled_cb (gpointer data)
{
  LiaisonSectionView *section = liaison_window_get_current_section (bench.window);

  if (section != NULL && liaison_section_view_get_loading (section))
    return G_SOURCE_CONTINUE;

  bench.poll_id = 0;
  emit ("{\"rss_kb\": %" G_GINT64_FORMAT ", \"hwm_kb\": %" G_GINT64_FORMAT "}",
        read_status_kb ("VmRSS:"), read_status_kb ("VmHWM:"));

  if (bench.startup_only)
    finish ();
  else
    start_search ();
  return G_SOURCE_REMOVE;
}

static gboolean
settle_cb (gpointer data)
{
  /* Whatever the first page started (queries in threads) gets a second to land. */
  bench.poll_id = g_timeout_add (20, settled_cb, NULL);
  return G_SOURCE_REMOVE;
}

/* Search */

static gboolean
type_next_key_cb (gpointer data)
{
  guint len = g_utf8_strlen (bench.word, -1);
  guint cycle = 2 * (len - 1);
  guint step = cycle > 0 ? bench.key % cycle : 0;
  guint n_chars = step < len ? step + 1 : 2 * len - 1 - step;   /* 1, 2, … len, len-1, … 2 */
  g_autofree char *text = g_utf8_substring (bench.word, 0, n_chars);

  bench.poll_id = 0;
  bench.changed_time = 0;
  bench.key_time = g_get_monotonic_time ();
  liaison_section_view_set_search_text (bench.section, text);
  return G_SOURCE_REMOVE;
}

static void
search_changed_cb (GtkSearchEntry *entry)
{
  if (bench.key_time != 0 && bench.changed_time == 0)
    bench.changed_time = g_get_monotonic_time ();
}

static void
loading_cb (LiaisonSectionView *section)
{
  if (bench.changed_time == 0 || liaison_section_view_get_loading (section))
    return;

  /* The list has its new results: the next frame shows them. */
  bench.results_time = g_get_monotonic_time ();
  bench.waiting_for_paint = TRUE;
  gtk_widget_queue_draw (GTK_WIDGET (bench.window));
}

static void
search_painted (gint64 now)
{
  double from_changed = (now - bench.changed_time) / 1000.0;
  double from_key = (now - bench.key_time) / 1000.0;
  double to_results = (bench.results_time - bench.changed_time) / 1000.0;
  double to_frame = (now - bench.results_time) / 1000.0;

  bench.waiting_for_paint = FALSE;
  g_debug ("“%s”: new rows %.1f ms after search-changed, painted %.1f ms after them (the frame itself %.1f ms)",
           gtk_editable_get_text (GTK_EDITABLE (bench.entry)), to_results, to_frame, (now - bench.frame_start) / 1000.0);
  g_array_append_val (bench.from_changed, from_changed);
  g_array_append_val (bench.from_key, from_key);
  g_array_append_val (bench.to_results, to_results);
  g_array_append_val (bench.to_frame, to_frame);
  bench.key_time = 0;
  bench.changed_time = 0;

  if (++bench.key < bench.n_keys)
    {
      bench.poll_id = g_timeout_add (20, type_next_key_cb, NULL);
      return;
    }

  g_signal_handlers_disconnect_by_func (bench.section, loading_cb, NULL);
  g_signal_handlers_disconnect_by_func (bench.entry, search_changed_cb, NULL);
  emit ("{\"search_keys\": %u, \"search_p50_ms\": %.3f, \"search_p95_ms\": %.3f, \"search_max_ms\": %.3f,"
        " \"search_key_p95_ms\": %.3f, \"search_results_p50_ms\": %.3f, \"search_results_p95_ms\": %.3f,"
        " \"search_frame_p50_ms\": %.3f, \"search_frame_p95_ms\": %.3f}",
        bench.from_changed->len, percentile (bench.from_changed, 50), percentile (bench.from_changed, 95),
        percentile (bench.from_changed, 100), percentile (bench.from_key, 95),
        percentile (bench.to_results, 50), percentile (bench.to_results, 95),
        percentile (bench.to_frame, 50), percentile (bench.to_frame, 95));

  /* Back to the whole list for the scrolling. */
  liaison_section_view_set_search_text (bench.section, "");
  liaison_section_view_set_search_mode (bench.section, FALSE);
  start_scroll ();
}

static gboolean
search_ready_cb (gpointer data)
{
  if (!section_ready (bench.section))
    return G_SOURCE_CONTINUE;

  bench.entry = find_descendant (GTK_WIDGET (bench.section), GTK_TYPE_SEARCH_ENTRY);
  if (bench.entry == NULL)
    {
      emit ("{\"error\": \"the events section has no search entry\"}");
      finish ();
      return G_SOURCE_REMOVE;
    }
  g_signal_connect (bench.entry, "search-changed", G_CALLBACK (search_changed_cb), NULL);
  g_signal_connect (bench.section, "notify::loading", G_CALLBACK (loading_cb), NULL);
  bench.poll_id = g_timeout_add (20, type_next_key_cb, NULL);
  return G_SOURCE_REMOVE;
}

static void
start_search (void)
{
  const char *word = g_getenv ("LIAISON_BENCH_SEARCH");
  const char *keys = g_getenv ("LIAISON_BENCH_KEYS");

  bench.word = g_strdup (word != NULL && *word != '\0' ? word : "beijing");
  bench.n_keys = keys != NULL ? (guint) MAX (1, atoi (keys)) : 50;
  bench.section = liaison_window_get_section (bench.window, LIAISON_RECORD_EVENT);
  liaison_window_set_page (bench.window, "events");
  bench.poll_id = g_timeout_add (20, search_ready_cb, NULL);
}

/* Scrolling */

static gboolean
scroll_tick_cb (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       data)
{
  double lower = gtk_adjustment_get_lower (bench.adjustment);
  double upper = gtk_adjustment_get_upper (bench.adjustment) - gtk_adjustment_get_page_size (bench.adjustment);

  if (bench.frame > bench.n_frames)
    {
      double frames = bench.busy_count > 0 ? bench.busy_count : 1;

      bench.tick_id = 0;
      bench.scrolling = FALSE;
      emit ("{\"scroll_frames\": %u, \"scroll_frame_ms\": %.3f, \"scroll_interval_ms\": %.3f,"
            " \"scroll_end_value\": %.0f, \"scroll_upper\": %.0f}",
            bench.busy_count, bench.busy_total / frames,
            bench.busy_count > 1 ? (bench.scroll_last - bench.scroll_first) / 1000.0 / (bench.busy_count - 1) : 0,
            gtk_adjustment_get_value (bench.adjustment), upper);
      finish ();
      return G_SOURCE_REMOVE;
    }

  gtk_adjustment_set_value (bench.adjustment, lower + (upper - lower) * bench.frame / bench.n_frames);
  bench.frame++;
  bench.scrolling = TRUE;
  return G_SOURCE_CONTINUE;
}

static gboolean
scroll_ready_cb (gpointer data)
{
  GtkColumnView *view = liaison_section_view_get_column_view (bench.section);

  if (!section_ready (bench.section) || liaison_section_view_get_query (bench.section)->search != NULL)
    return G_SOURCE_CONTINUE;

  bench.poll_id = 0;
  bench.adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (view));
  bench.tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (view), scroll_tick_cb, NULL, NULL);
  return G_SOURCE_REMOVE;
}

static void
start_scroll (void)
{
  const char *frames = g_getenv ("LIAISON_BENCH_FRAMES");

  bench.n_frames = frames != NULL ? (guint) MAX (1, atoi (frames)) : 240;
  bench.poll_id = g_timeout_add (20, scroll_ready_cb, NULL);
}

/* Frames */

static void
before_paint_cb (GdkFrameClock *clock)
{
  bench.frame_start = g_get_monotonic_time ();
}

static void
after_paint_cb (GdkFrameClock *clock)
{
  gint64 now = g_get_monotonic_time ();

  if (!bench.first_frame_seen)
    {
      bench.first_frame_seen = TRUE;
      emit ("{\"startup_frame_ms\": %.3f}", (now - bench.start) / 1000.0);
      bench.poll_id = g_timeout_add (1000, settle_cb, NULL);
    }
  else if (bench.waiting_for_paint)
    search_painted (now);
  else if (bench.scrolling)
    {
      bench.busy_total += (now - bench.frame_start) / 1000.0;
      if (bench.busy_count++ == 0)
        bench.scroll_first = now;
      bench.scroll_last = now;
    }
}

static void
window_realize_cb (GtkWidget *window)
{
  bench.clock = gtk_widget_get_frame_clock (window);
  g_signal_connect (bench.clock, "before-paint", G_CALLBACK (before_paint_cb), NULL);
  g_signal_connect (bench.clock, "after-paint", G_CALLBACK (after_paint_cb), NULL);
}

static void
window_added_cb (GtkApplication *app,
                 GtkWindow      *window)
{
  if (bench.window != NULL || !LIAISON_IS_WINDOW (window))
    return;

  bench.window = LIAISON_WINDOW (window);
  g_signal_connect_after (window, "realize", G_CALLBACK (window_realize_cb), NULL);
}

static gboolean
watchdog_cb (gpointer data)
{
  emit ("{\"error\": \"timed out (search key %u, scroll frame %u)\"}", bench.key, bench.frame);
  exit (3);
  return G_SOURCE_REMOVE;
}

/**
 * liaison_bench_attach:
 *
 * Measures @application's first window when LIAISON_BENCH is set; does nothing
 * otherwise.  main() calls it as soon as the application exists: the start-up time
 * counts from here.
 */
void
liaison_bench_attach (GtkApplication *application)
{
  const char *mode = g_getenv ("LIAISON_BENCH");
  const char *timeout = g_getenv ("LIAISON_BENCH_TIMEOUT");

  if (mode == NULL || *mode == '\0')
    return;

  bench.start = g_get_monotonic_time ();
  bench.app = application;
  bench.startup_only = g_str_equal (mode, "startup");
  bench.from_changed = g_array_new (FALSE, FALSE, sizeof (double));
  bench.from_key = g_array_new (FALSE, FALSE, sizeof (double));
  bench.to_results = g_array_new (FALSE, FALSE, sizeof (double));
  bench.to_frame = g_array_new (FALSE, FALSE, sizeof (double));
  g_signal_connect (application, "window-added", G_CALLBACK (window_added_cb), NULL);
  g_timeout_add_seconds (timeout != NULL ? (guint) atoi (timeout) : 600, watchdog_cb, NULL);
}

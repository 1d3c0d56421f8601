/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-section-view"

#include "config.h"

#include "liaison-section-view-private.h"

/*
 * The table's query, in a worker thread with a read-only connection of its own: the
 * first screenful comes back at once, the whole list of ids after it; a newer query
 * interrupts the one still running.
 */

/* Rows read before the rest: the table shows them at once. */
#define FIRST_ROWS 200

/* The whole list of a search waits for a pause in the typing: each keystroke shows its
 * first rows, and the list of every match, up to a million ids and a core busy for
 * 100-400 ms on the bench's large database, is read only for the last one. */
#define REST_DELAY_MS 300

/* GTK 4.8 keeps about 200 rows built below the top of a list, and a row that shows
 * another record is built anew, bound and measured twice (the window's size, then the
 * frame), where a row that shows the same record is kept.  So when most of the first
 * rows are new, the first frame gets only a screenful or two of them, the rest after
 * it (see show_results()). */
#define MIN_FIRST_PAGE 24

/* One read-only connection for the queries, used by one thread at a time (the lock),
 * kept from one query to the next; it outlives the view while a thread still runs. */
struct _QueryWorker {
  GMutex        lock;
  char         *path;
  LiaisonStore *store;
};

typedef struct {
  QueryWorker  *worker;
  char         *path;
  LiaisonQuery *query;
  GArray       *first;        /* the first rows, shown while the rest are read */
  GArray       *ids;
  gint64        total;        /* records of the kind, counted when none matched */
  guint         generation;
  gint64        started;      /* monotonic µs, for the debug log */
  gboolean      shown_first;  /* main thread: the table shows the first rows */
  gboolean      done;         /* main thread: the whole result arrived */
  gboolean      rest_pending; /* main thread: the table shows a page, the rest after a frame */
  GdkFrameClock *clock;       /* main thread: the clock whose after-paint shows the rest */
  gulong        paint_handler;
} QueryJob;

static void
query_worker_clear (gpointer data)
{
  QueryWorker *worker = data;

  g_clear_object (&worker->store);
  g_free (worker->path);
  g_mutex_clear (&worker->lock);
}

QueryWorker *
_liaison_section_view_query_worker_new (void)
{
  QueryWorker *worker = g_atomic_rc_box_new0 (QueryWorker);

  g_mutex_init (&worker->lock);
  return worker;
}

void
_liaison_section_view_query_worker_release (QueryWorker *worker)
{
  g_atomic_rc_box_release_full (worker, query_worker_clear);
}

static void
query_job_free (gpointer data)
{
  QueryJob *job = data;

  g_clear_signal_handler (&job->paint_handler, job->clock);
  g_clear_object (&job->clock);
  g_clear_pointer (&job->worker, _liaison_section_view_query_worker_release);
  g_free (job->path);
  g_clear_pointer (&job->query, liaison_query_free);
  g_clear_pointer (&job->first, g_array_unref);
  g_clear_pointer (&job->ids, g_array_unref);
  g_free (job);
}

static void show_results (LiaisonSectionView *self,
                          GTask              *task,
                          GArray             *ids);

static gboolean
first_rows_cb (gpointer data)
{
  GTask *task = data;
  LiaisonSectionView *self = g_task_get_source_object (task);
  QueryJob *job = g_task_get_task_data (task);

  if (job->done || job->generation != self->generation || g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    return G_SOURCE_REMOVE;

  g_debug ("%s: first %u rows for “%s” in %.1f ms", liaison_record_kind_get_plural (self->kind), job->first->len,
           job->query->search ? job->query->search : "", (g_get_monotonic_time () - job->started) / 1000.0);
  job->shown_first = TRUE;
  show_results (self, task, job->first);
  return G_SOURCE_REMOVE;
}

static void
cancelled_cb (GCancellable *cancellable,
              LiaisonStore *store)
{
  /* Nobody waits for this query any more: stop it, the next one needs the connection. */
  liaison_store_interrupt (store);
}

static gboolean
read_results (GTask         *task,
              QueryJob      *job,
              LiaisonStore  *store,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(LiaisonQuery) first = liaison_query_copy (job->query);

  /* The first screenful comes back at once, in the query's order (an index gives it);
   * the whole list of ids, which may be a million, follows. */
  first->limit = FIRST_ROWS;
  job->first = liaison_store_query (store, first, error);
  if (job->first == NULL)
    return FALSE;

  if (job->first->len < FIRST_ROWS)
    job->ids = g_array_ref (job->first);
  else
    {
      GPollFD pause;

      g_main_context_invoke_full (g_task_get_context (task), G_PRIORITY_DEFAULT,
                                  first_rows_cb, g_object_ref (task), g_object_unref);

      if (job->query->search != NULL && g_cancellable_make_pollfd (cancellable, &pause))
        {
          g_poll (&pause, 1, REST_DELAY_MS);
          g_cancellable_release_fd (cancellable);
        }
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      job->ids = liaison_store_query (store, job->query, error);
      if (job->ids == NULL)
        return FALSE;
    }

  job->total = job->ids->len > 0 ? (gint64) job->ids->len : liaison_store_count (store, job->query->kind, NULL);
  return TRUE;
}

static void
query_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  QueryJob *job = task_data;
  QueryWorker *worker = job->worker;
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(GError) error = NULL;
  gulong handler;
  gboolean ok;

  locker = g_mutex_locker_new (&worker->lock);
  if (g_task_return_error_if_cancelled (task))
    return;

  if (worker->store == NULL || g_strcmp0 (worker->path, job->path) != 0)
    {
      g_clear_object (&worker->store);
      g_free (worker->path);
      worker->path = g_strdup (job->path);
      worker->store = liaison_store_open (job->path, LIAISON_STORE_OPEN_READ_ONLY, &error);
      if (worker->store == NULL)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
    }

  handler = g_cancellable_connect (cancellable, G_CALLBACK (cancelled_cb), worker->store, NULL);
  ok = read_results (task, job, worker->store, cancellable, &error);
  g_cancellable_disconnect (cancellable, handler);

  if (g_task_return_error_if_cancelled (task))
    return;
  if (!ok)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

/* How many of @ids the table shows already, among its first rows. */
static guint
count_shown_rows (LiaisonRecordList *model,
                  GArray            *ids)
{
  g_autoptr(GHashTable) shown = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  guint n_shown = MIN (g_list_model_get_n_items (G_LIST_MODEL (model)), FIRST_ROWS);
  guint count = 0;

  for (guint i = 0; i < n_shown; i++)
    {
      gint64 *id = g_new (gint64, 1);

      *id = liaison_record_list_get_id (model, i);
      g_hash_table_add (shown, id);
    }
  for (guint i = 0; i < MIN (ids->len, FIRST_ROWS); i++)
    count += g_hash_table_contains (shown, &g_array_index (ids, gint64, i));

  return count;
}

/* A page: rows enough to fill the table and 8 more, at the rows' mean height so far
 * (the list's estimate), or at 16 px a row before any were measured. */
static guint
first_page_size (LiaisonSectionView *self)
{
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->column_view));
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  double height = MAX (gtk_widget_get_height (GTK_WIDGET (self->column_view)), 0);
  double row = 16;

  if (adjustment != NULL && n_items > 0)
    row = MAX (row, gtk_adjustment_get_upper (adjustment) / n_items);
  return CLAMP ((guint) (height / row) + 8, MIN_FIRST_PAGE, FIRST_ROWS);
}

/* The rest of a result after the first rows: the table grows under the rows shown. */
static void
show_rest (LiaisonSectionView *self,
           GArray             *ids)
{
  /* The same rows again change nothing (liaison_record_list_extend()). */
  if (ids != NULL)
    liaison_record_list_extend (self->model, ids);
  if (gtk_single_selection_get_selected (self->selection) == GTK_INVALID_LIST_POSITION)
    _liaison_section_view_select_shown_record (self);
}

/* The rows after the first page, once a frame has shown it. */
static gboolean
show_rest_cb (gpointer data)
{
  GTask *task = data;
  LiaisonSectionView *self = g_task_get_source_object (task);
  QueryJob *job = g_task_get_task_data (task);
  GArray *rest = job->done && job->ids != NULL ? job->ids : job->first;

  /* A newer query, or the view going away (it cancels), shows nothing more. */
  if (!job->rest_pending || job->generation != self->generation ||
      g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    return G_SOURCE_REMOVE;

  job->rest_pending = FALSE;
  show_rest (self, rest);
  return G_SOURCE_REMOVE;
}

static void
unref_task (gpointer  data,
            GClosure *closure)
{
  g_object_unref (data);
}

static void
page_painted_cb (GdkFrameClock *clock,
                 GTask         *task)
{
  QueryJob *job = g_task_get_task_data (task);

  /* After the frame's other work (the bench's after-paint, input): idle. */
  if (!g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, show_rest_cb, g_object_ref (task), g_object_unref);
  g_clear_signal_handler (&job->paint_handler, job->clock);
}

/* The table takes new results: the first rows of a query, or all of a small one.  When
 * they are the first rows (the rest follows anyway) and most of them are new to the
 * table, it takes a page first and the rest after the frame that shows the page
 * (page_painted_cb()).  All of a small result is shown at once. */
static void
show_results (LiaisonSectionView *self,
              GTask              *task,
              GArray             *ids)
{
  QueryJob *job = g_task_get_task_data (task);
  guint page = first_page_size (self);
  g_autoptr(GArray) shown = NULL;
  gint64 start = g_get_monotonic_time ();
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  if (ids == job->first && !job->done && ids->len > page && clock != NULL && gtk_widget_get_mapped (GTK_WIDGET (self)) &&
      count_shown_rows (self->model, ids) < MIN (ids->len, FIRST_ROWS) / 2)
    {
      shown = g_array_sized_new (FALSE, FALSE, sizeof (gint64), page);
      g_array_append_vals (shown, ids->data, page);
      job->rest_pending = TRUE;
      job->clock = g_object_ref (clock);
      job->paint_handler = g_signal_connect_data (clock, "after-paint", G_CALLBACK (page_painted_cb),
                                                  g_object_ref (task), unref_task, 0);
    }

  liaison_record_list_set_results (self->model, job->query, shown != NULL ? shown : ids);
  g_debug ("%s: %u of %u rows into the list in %.1f ms", liaison_record_kind_get_plural (self->kind),
           shown != NULL ? shown->len : ids->len, ids->len, (g_get_monotonic_time () - start) / 1000.0);
  _liaison_section_view_select_shown_record (self);
  self->has_results = TRUE;

  if (ids->len > 0)
    gtk_stack_set_visible_child_name (self->list_stack, "list");
  else if (job->total == 0)
    gtk_stack_set_visible_child_name (self->list_stack, "empty");
  else
    gtk_stack_set_visible_child_name (self->list_stack, "no-results");

  _liaison_section_view_set_loading (self, FALSE);
}

static void
query_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  LiaisonSectionView *self = LIAISON_SECTION_VIEW (object);
  QueryJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  job->done = TRUE;
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      /* Cancelled: a newer query runs, or the section is going away. */
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_warning ("Could not list %s: %s", liaison_record_kind_get_plural (self->kind), error->message);
      if (job->generation == self->generation)
        _liaison_section_view_set_loading (self, FALSE);
      return;
    }

  if (job->generation != self->generation)
    return;

  g_debug ("%s: %u rows for “%s” in %.1f ms", liaison_record_kind_get_plural (self->kind), job->ids->len,
           job->query->search ? job->query->search : "", (g_get_monotonic_time () - job->started) / 1000.0);
  if (!job->shown_first)
    {
      show_results (self, G_TASK (result), job->ids);
      return;
    }

  /* A page is shown, waiting for its frame: the rest follows it (show_rest_cb()). */
  if (job->rest_pending)
    return;

  show_rest (self, job->ids);
}

void
_liaison_section_view_run_query (LiaisonSectionView *self)
{
  g_autoptr(GTask) task = NULL;
  QueryJob *job;

  /* Widgets going away (the search entry emptied as it goes) ask for nothing more. */
  if (self->spinner == NULL || self->store == NULL)
    return;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  job = g_new0 (QueryJob, 1);
  job->worker = g_atomic_rc_box_acquire (self->worker);
  job->path = g_strdup (liaison_store_get_path (self->store));
  job->query = liaison_query_copy (self->query);
  job->generation = ++self->generation;
  job->started = g_get_monotonic_time ();

  /* The old results stay until the new ones arrive; only the first load shows a spinner. */
  _liaison_section_view_set_loading (self, TRUE);
  if (!self->has_results)
    gtk_stack_set_visible_child_name (self->list_stack, "loading");

  task = g_task_new (self, self->cancellable, query_done_cb, NULL);
  g_task_set_source_tag (task, _liaison_section_view_run_query);
  g_task_set_task_data (task, job, query_job_free);
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, query_thread);
}

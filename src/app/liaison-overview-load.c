/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-overview"

#include "config.h"

#include "liaison-overview-private.h"

/*
 * How the overview reads what it shows: a snapshot of the totals, lists and chart
 * counts, read in a GTask thread on a read-only connection of its own, and read again
 * when the store changes (queued while a load runs) and at midnight, after the
 * statuses that follow the dates are brought up to the new day.
 */

/* Snapshots */

static void
request_free (Request *request)
{
  g_free (request->path);
  g_clear_object (&request->reader);
  g_free (request);
}

static Snapshot *
snapshot_new (const GDate *today,
              guint        days)
{
  Snapshot *snapshot = g_new0 (Snapshot, 1);

  snapshot->today = *today;
  snapshot->days = days;
  return snapshot;
}

void
_liaison_overview_snapshot_free (Snapshot *snapshot)
{
  g_clear_pointer (&snapshot->ending, g_ptr_array_unref);
  g_clear_pointer (&snapshot->upcoming, g_ptr_array_unref);
  g_clear_pointer (&snapshot->recent, g_ptr_array_unref);
  g_clear_pointer (&snapshot->per_year, g_array_unref);
  g_clear_pointer (&snapshot->per_month, g_array_unref);
  g_free (snapshot);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Snapshot, _liaison_overview_snapshot_free)

static gboolean
snapshot_read (Snapshot      *snapshot,
               LiaisonStore  *store,
               GError       **error)
{
  return liaison_store_count_all (store, snapshot->totals, error) &&
         (snapshot->ending = liaison_store_list_ending_soon (store, &snapshot->today, snapshot->days,
                                                             ENDING_LIMIT, &snapshot->n_ending, error)) != NULL &&
         (snapshot->upcoming = liaison_store_list_upcoming_events (store, &snapshot->today,
                                                                   EVENTS_LIMIT, error)) != NULL &&
         (snapshot->recent = liaison_store_list_recent_events (store, &snapshot->today,
                                                               EVENTS_LIMIT, error)) != NULL &&
         (snapshot->per_year = liaison_store_count_signed_per_year (store, MAX_YEARS, error)) != NULL &&
         (snapshot->per_month = liaison_store_count_events_per_month (store, &snapshot->today,
                                                                      N_MONTHS, error)) != NULL;
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Request *request = task_data;
  g_autoptr(Snapshot) snapshot = snapshot_new (&request->today, request->days);
  GError *error = NULL;

  if (request->reader == NULL)
    request->reader = liaison_store_open (request->path, LIAISON_STORE_OPEN_READ_ONLY, &error);

  if (request->reader == NULL || !snapshot_read (snapshot, request->reader, &error))
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_steal_pointer (&snapshot), (GDestroyNotify) _liaison_overview_snapshot_free);
}

/* Days and statuses */

void
_liaison_overview_get_today (GDate *today)
{
  g_date_clear (today, 1);
  g_date_set_time_t (today, time (NULL));
}

/* Statuses follow the dates: on a new day, bring them up to it.  That is a write over
 * every agreement, so it runs in a thread on a writable connection of its own, with
 * the load, after the window's first frame; a change it makes reaches the views
 * through the store's ::changed, as any other. */

typedef struct {
  char  *path;
  GDate  today;
} StatusRequest;

static void
status_request_free (StatusRequest *request)
{
  g_free (request->path);
  g_free (request);
}

static void
statuses_changed_cb (LiaisonStore *writer,
                     guint         kind,
                     gpointer      user_data)
{
  gboolean *changed = user_data;

  *changed = TRUE;
}

static void
statuses_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  StatusRequest *request = task_data;
  g_autoptr(LiaisonStore) writer = NULL;
  gboolean changed = FALSE;
  GError *error = NULL;

  writer = liaison_store_open (request->path, LIAISON_STORE_OPEN_NO_STATUSES, &error);
  if (writer != NULL)
    {
      g_signal_connect (writer, "changed", G_CALLBACK (statuses_changed_cb), &changed);
      if (!liaison_store_refresh_statuses (writer, &request->today, &error))
        g_clear_object (&writer);
    }

  if (writer == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, changed);
}

static void
statuses_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  LiaisonOverview *self = LIAISON_OVERVIEW (object);
  LiaisonStore *store = user_data;
  g_autoptr(GError) error = NULL;
  gboolean changed;

  changed = g_task_propagate_boolean (G_TASK (result), &error);
  if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_message ("Could not update agreement statuses: %s", error->message);

  /* The other connections read the change at their next query. */
  if (changed && store == self->store)
    g_signal_emit_by_name (store, "changed", (guint) LIAISON_RECORD_AGREEMENT);
  g_object_unref (store);
}

static void
start_statuses (LiaisonOverview *self)
{
  g_autoptr(GTask) task = NULL;
  StatusRequest *request;

  request = g_new0 (StatusRequest, 1);
  request->path = g_strdup (liaison_store_get_path (self->store));
  request->today = self->status_day;

  task = g_task_new (self, self->cancellable, statuses_cb, g_object_ref (self->store));
  g_task_set_source_tag (task, start_statuses);
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, request, (GDestroyNotify) status_request_free);
  g_task_run_in_thread (task, statuses_thread);
}

static void
refresh_statuses_if_new_day (LiaisonOverview *self)
{
  g_autoptr(GError) error = NULL;
  const char *path;
  GDate today;

  _liaison_overview_get_today (&today);
  if (g_date_valid (&self->status_day) && g_date_compare (&today, &self->status_day) == 0)
    return;

  self->status_day = today;
  if (self->store == NULL || liaison_store_get_read_only (self->store))
    return;

  /* A database that is not a file (in memory) has no second connection. */
  path = liaison_store_get_path (self->store);
  if (path == NULL || !g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      if (!liaison_store_refresh_statuses (self->store, &today, &error))
        g_message ("Could not update agreement statuses: %s", error->message);
      return;
    }

  /* A load starts after the window's first frame (see below), so this does too. */
  start_statuses (self);
}

static gboolean
midnight_cb (gpointer user_data)
{
  LiaisonOverview *self = user_data;

  self->midnight_id = 0;
  _liaison_overview_schedule_midnight (self);
  _liaison_overview_queue_reload (self);
  return G_SOURCE_REMOVE;
}

void
_liaison_overview_schedule_midnight (LiaisonOverview *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) tomorrow = NULL;
  g_autoptr(GDateTime) midnight = NULL;
  GTimeSpan until;

  g_clear_handle_id (&self->midnight_id, g_source_remove);

  tomorrow = g_date_time_add_days (now, 1);
  midnight = g_date_time_new_local (g_date_time_get_year (tomorrow), g_date_time_get_month (tomorrow),
                                    g_date_time_get_day_of_month (tomorrow), 0, 0, 1);
  until = g_date_time_difference (midnight, now);
  self->midnight_id = g_timeout_add_seconds ((guint) MAX (1, until / G_TIME_SPAN_SECOND + 1), midnight_cb, self);
}

/* Loading */

static void start_load (LiaisonOverview *self);
static void begin_load (LiaisonOverview *self);

/* The first load waits for the window's first painted frame.  On a big database its
 * counts read tens of megabytes, and the sections read too: started at once, they
 * compete with drawing the first frame for the cores.  Until then the overview shows
 * that it is loading. */

void
_liaison_overview_stop_waiting (LiaisonOverview *self)
{
  if (self->paint_source != NULL)
    {
      g_signal_handler_disconnect (self->paint_source, self->paint_handler);
      g_clear_weak_pointer (&self->paint_source);
    }
  self->paint_handler = 0;
}

static void
wait_on (LiaisonOverview *self,
         gpointer         source,
         const char      *signal,
         GCallback        callback)
{
  _liaison_overview_stop_waiting (self);
  g_set_weak_pointer (&self->paint_source, G_OBJECT (source));
  self->paint_handler = g_signal_connect_swapped (source, signal, callback, self);
}

static void
after_first_paint_cb (LiaisonOverview *self)
{
  _liaison_overview_stop_waiting (self);
  self->painted = TRUE;
  if (self->loading && self->store != NULL)
    begin_load (self);
}

static void wait_for_first_paint (LiaisonOverview *self);

static void
root_map_cb (LiaisonOverview *self)
{
  wait_for_first_paint (self);
}

/* Without a root, _liaison_overview_rooted() calls this again. */
static void
wait_for_first_paint (LiaisonOverview *self)
{
  GtkWidget *root = GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (self)));

  if (root == NULL)
    _liaison_overview_stop_waiting (self);
  else if (!gtk_widget_get_mapped (root))
    wait_on (self, root, "map", G_CALLBACK (root_map_cb));
  else
    wait_on (self, gtk_widget_get_frame_clock (root), "after-paint", G_CALLBACK (after_first_paint_cb));
}

void
_liaison_overview_rooted (LiaisonOverview *self)
{
  if (self->loading && !self->painted && self->store != NULL)
    wait_for_first_paint (self);
}

static void
show_error (LiaisonOverview *self,
            const GError    *error)
{
  g_warning ("Could not read the overview: %s", error->message);
  adw_status_page_set_description (self->error_page, error->message);
  gtk_stack_set_visible_child_name (self->stack, "error");
}

/* With the loading flag already set: bring the statuses up to today, then read. */
static void
begin_load (LiaisonOverview *self)
{
  g_assert (self->loading);

  refresh_statuses_if_new_day (self);
  /* A change the refresh made is in what the load below reads. */
  self->reload_pending = FALSE;
  start_load (self);
}

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  LiaisonOverview *self = LIAISON_OVERVIEW (object);
  Request *request = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  Snapshot *snapshot;

  snapshot = g_task_propagate_pointer (G_TASK (result), &error);
  if (snapshot == NULL)
    {
      /* Cancelled: the overview went away or shows another database now. */
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      _liaison_overview_set_loading (self, FALSE);
      show_error (self, error);
      return;
    }

  /* Keep the worker's connection for the next load. */
  if (self->reader == NULL && request->reader != NULL)
    self->reader = g_object_ref (request->reader);

  _liaison_overview_show_snapshot (self, snapshot);

  if (self->reload_pending)
    begin_load (self);
  else
    _liaison_overview_set_loading (self, FALSE);
}

static void
start_load (LiaisonOverview *self)
{
  g_autoptr(GTask) task = NULL;
  Request *request;
  const char *path = liaison_store_get_path (self->store);
  guint days = g_settings_get_uint (self->settings, "ending-soon-days");
  GDate today;

  _liaison_overview_get_today (&today);
  if (self->shown == NULL)
    gtk_stack_set_visible_child_name (self->stack, "loading");

  /* A database that is not a file (in memory) has no second connection to read it. */
  if (path == NULL || !g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_autoptr(Snapshot) snapshot = snapshot_new (&today, days);
      g_autoptr(GError) error = NULL;

      _liaison_overview_set_loading (self, FALSE);
      if (snapshot_read (snapshot, self->store, &error))
        _liaison_overview_show_snapshot (self, g_steal_pointer (&snapshot));
      else
        show_error (self, error);
      return;
    }

  request = g_new0 (Request, 1);
  request->path = g_strdup (path);
  request->reader = self->reader ? g_object_ref (self->reader) : NULL;
  request->today = today;
  request->days = days;

  task = g_task_new (self, self->cancellable, load_cb, NULL);
  g_task_set_source_tag (task, start_load);
  g_task_set_task_data (task, request, (GDestroyNotify) request_free);
  g_task_run_in_thread (task, load_thread);
}

void
_liaison_overview_queue_reload (LiaisonOverview *self)
{
  if (self->store == NULL)
    return;

  /* One load at a time, on one reader; a change meanwhile asks for one more. */
  if (self->loading)
    {
      self->reload_pending = TRUE;
      return;
    }

  _liaison_overview_set_loading (self, TRUE);
  if (self->painted)
    {
      begin_load (self);
      return;
    }

  if (self->shown == NULL)
    gtk_stack_set_visible_child_name (self->stack, "loading");
  wait_for_first_paint (self);
}

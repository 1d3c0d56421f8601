/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-window"

#include "config.h"

#include <glib/gi18n.h>

#include "liaison-error.h"
#include "liaison-window-private.h"

/*
 * Putting older content back into the window's database (restoring a backup, undoing
 * an import) copies the whole file: on a big database that takes seconds.  It runs in a
 * thread, on a connection of its own, like an import.  Meanwhile the window keeps
 * painting, says what it is doing in a toast, and takes no edits (they would be lost
 * under the restored content); then its lists and pages read the database again.
 */

typedef struct {
  char               *db_path;
  guint               backups_to_keep;
  LiaisonRestoreFunc  func;
  gpointer            data;
  GDestroyNotify      destroy;
  AdwToast           *toast;        /* "Restoring…", dismissed when done */
  GApplication       *application;  /* held while it runs */
} RestoreJob;

static void
restore_job_free (gpointer data)
{
  RestoreJob *job = data;

  if (job->destroy != NULL)
    job->destroy (job->data);
  g_clear_object (&job->toast);
  g_clear_object (&job->application);
  g_free (job->db_path);
  g_free (job);
}

static void
restore_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  RestoreJob *job = task_data;
  g_autoptr(LiaisonStore) store = NULL;
  g_autoptr(GError) error = NULL;

  store = liaison_store_open (job->db_path, LIAISON_STORE_OPEN_DEFAULT, &error);
  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* The backup of the current content, taken first, follows the window's setting. */
  liaison_store_set_backups_to_keep (store, job->backups_to_keep);

  if (!job->func (store, job->data, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
restore_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  LiaisonWindow *self = LIAISON_WINDOW (object);
  GTask *inner = user_data;   /* owned */
  RestoreJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  g_assert (self->restoring);
  self->restoring = FALSE;
  if (job->application != NULL)
    g_application_release (job->application);
  _liaison_window_update_actions (self);
  g_object_notify (G_OBJECT (self), "busy");

  if (job->toast != NULL)
    adw_toast_dismiss (job->toast);

  if (g_task_propagate_boolean (G_TASK (result), &error))
    {
      /* Written through another connection: what the window showed is gone. */
      liaison_store_take_restored (self->store);
      g_task_return_boolean (inner, TRUE);
    }
  else
    g_task_return_error (inner, g_steal_pointer (&error));

  g_object_unref (inner);
}

/**
 * liaison_window_restore_async:
 * @progress: what the window says while it works, such as “Undoing the import…”
 * @func: (scope async): puts the content back, called in a thread with a store of its
 *   own on the window's database
 *
 * Runs @func in a thread while the window takes no edits, then makes the window read
 * its database again.  Refused, through @callback, while another one runs.
 */
void
liaison_window_restore_async (LiaisonWindow       *self,
                              const char          *progress,
                              LiaisonRestoreFunc   func,
                              gpointer             data,
                              GDestroyNotify       destroy,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) inner = NULL;
  RestoreJob *job;

  g_return_if_fail (LIAISON_IS_WINDOW (self));
  g_return_if_fail (func != NULL);

  inner = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (inner, liaison_window_restore_async);

  if (self->restoring)
    {
      if (destroy != NULL)
        destroy (data);
      g_task_return_new_error (inner, LIAISON_ERROR, LIAISON_ERROR_BUSY, "%s",
                               _("The database is already being restored. Try again when that is done."));
      return;
    }

  job = g_new0 (RestoreJob, 1);
  job->db_path = g_strdup (liaison_store_get_path (self->store));
  job->backups_to_keep = liaison_store_get_backups_to_keep (self->store);
  job->func = func;
  job->data = data;
  job->destroy = destroy;

  if (progress != NULL)
    {
      job->toast = adw_toast_new (progress);
      adw_toast_set_timeout (job->toast, 0);
      liaison_window_add_toast (self, g_object_ref (job->toast));
    }

  /* Quitting waits for the copy to end. */
  if ((job->application = g_application_get_default ()) != NULL)
    g_application_hold (g_object_ref (job->application));
  self->restoring = TRUE;
  _liaison_window_update_actions (self);
  g_object_notify (G_OBJECT (self), "busy");

  task = g_task_new (self, NULL, restore_done_cb, g_steal_pointer (&inner));
  g_task_set_source_tag (task, liaison_window_restore_async);
  g_task_set_task_data (task, job, restore_job_free);
  g_task_run_in_thread (task, restore_thread);
}

gboolean
liaison_window_restore_finish (LiaisonWindow  *self,
                               GAsyncResult   *result,
                               GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * liaison_window_get_busy:
 *
 * Whether the window is putting older content back into its database, and so takes no
 * edits.
 */
gboolean
liaison_window_get_busy (LiaisonWindow *self)
{
  g_return_val_if_fail (LIAISON_IS_WINDOW (self), FALSE);
  return self->restoring;
}

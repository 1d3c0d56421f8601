/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-import-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "liaison-import-dialog-private.h"
#include "liaison-progress.h"

/*
 * The runs of the Import dialog: the dry run that previews a file and the import
 * itself, each in a thread on a connection of its own, and what they leave behind (the
 * preview, or a toast whose Undo restores the database).
 */

static void
item_clear (gpointer data)
{
  Item *item = data;

  g_free (item->uuid);
  g_free (item->title);
}

static GArray *
items_new (void)
{
  GArray *items = g_array_new (FALSE, TRUE, sizeof (Item));

  g_array_set_clear_func (items, item_clear);
  return items;
}

static void
import_job_free (gpointer data)
{
  ImportJob *job = data;

  g_free (job->db_path);
  g_free (job->path);
  g_clear_pointer (&job->items, g_array_unref);
  g_clear_pointer (&job->undo, liaison_import_undo_free);
  g_free (job);
}

/* The threads */

static void
job_item_cb (LiaisonImportOutcome  outcome,
             LiaisonRecordKind     kind,
             const char           *uuid,
             const char           *title,
             int                   line,
             gpointer              user_data)
{
  ImportJob *job = user_data;
  Item item = { outcome, kind, g_strdup (uuid), g_strdup (title), line };

  if (job->items != NULL && outcome != LIAISON_IMPORT_UNCHANGED)
    g_array_append_val (job->items, item);
  else
    item_clear (&item);
}

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ImportJob *job = task_data;
  g_autoptr(LiaisonStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gboolean dry_run = (job->flags & LIAISON_IMPORT_DRY_RUN) != 0;

  store = liaison_store_open (job->db_path, LIAISON_STORE_OPEN_DEFAULT, &error);
  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* The automatic backup before the import follows the window's setting. */
  liaison_store_set_backups_to_keep (store, job->backups_to_keep);

  if (!liaison_import_file_undoable (store, job->path, job->flags,
                                     dry_run ? job_item_cb : NULL, job,
                                     &job->stats, dry_run ? NULL : &job->undo,
                                     cancellable, liaison_progress_store_cb, &job->permille, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_boolean (task, TRUE);
}

void
_liaison_import_dialog_start (LiaisonImportDialog *self,
                              LiaisonImportFlags   flags,
                              GAsyncReadyCallback  callback)
{
  g_autoptr(GTask) task = NULL;
  ImportJob *job = g_new0 (ImportJob, 1);

  job->db_path = g_strdup (liaison_store_get_path (self->store));
  job->path = g_file_get_path (self->file);
  job->flags = flags;
  job->backups_to_keep = liaison_store_get_backups_to_keep (self->store);
  if (flags & LIAISON_IMPORT_DRY_RUN)
    job->items = items_new ();

  self->cancellable = g_cancellable_new ();
  task = g_task_new (self, self->cancellable, callback, NULL);
  g_task_set_source_tag (task, _liaison_import_dialog_start);
  g_task_set_task_data (task, job, import_job_free);
  _liaison_import_dialog_set_task (self, task);
  g_task_run_in_thread (task, import_thread);
}

void
_liaison_import_dialog_preview_done_cb (GObject      *object,
                                        GAsyncResult *result,
                                        gpointer      user_data)
{
  LiaisonImportDialog *self = LIAISON_IMPORT_DIALOG (object);
  ImportJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  gboolean ok = g_task_propagate_boolean (G_TASK (result), &error);

  _liaison_import_dialog_set_task (self, NULL);

  if (self->close_when_done)
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }

  if (!ok)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        gtk_stack_set_visible_child_name (self->stack, "start");
      else
        _liaison_import_dialog_show_error (self, error);
      return;
    }

  g_clear_pointer (&self->items, g_array_unref);
  self->items = g_steal_pointer (&job->items);
  self->stats = job->stats;
  self->has_preview = TRUE;
  _liaison_import_dialog_set_message (self, NULL);
  _liaison_import_dialog_show_preview (self);
  _liaison_import_dialog_update_actions (self);
}

static gboolean
undo_import_func (LiaisonStore  *store,
                  gpointer       data,
                  GError       **error)
{
  return liaison_import_undo_apply (data, store, error);
}

static void
undo_import_done_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  LiaisonWindow *window = LIAISON_WINDOW (object);
  g_autoptr(GError) error = NULL;
  AdwToast *toast;

  if (!liaison_window_restore_finish (window, result, &error))
    {
      toast = adw_toast_new (error->message);
      adw_toast_set_timeout (toast, 0);
    }
  else
    toast = adw_toast_new (_("Import undone"));

  liaison_window_add_toast (window, toast);
}

static void
undo_import_cb (AdwToast      *toast,
                LiaisonWindow *window)
{
  /* The undo goes with the job: the toast is dismissed before the copy is back. */
  LiaisonImportUndo *undo = g_object_steal_data (G_OBJECT (toast), "liaison-import-undo");

  g_return_if_fail (undo != NULL);

  liaison_window_restore_async (window, _("Undoing the import…"),
                                undo_import_func, undo, (GDestroyNotify) liaison_import_undo_free,
                                undo_import_done_cb, NULL);
}

static void
show_result_toast (LiaisonImportDialog *self,
                   ImportJob           *job)
{
  guint n = job->stats.added + job->stats.updated;
  AdwToast *toast;

  if (job->flags & LIAISON_IMPORT_TAKE_THEIRS)
    n += job->stats.conflicts;

  /* Translators: a toast after an import; records added or changed */
  toast = adw_toast_new_format (g_dngettext (GETTEXT_PACKAGE, "Imported %u record", "Imported %u records", n), n);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  if (job->undo != NULL)
    {
      adw_toast_set_button_label (toast, _("_Undo"));
      g_object_set_data_full (G_OBJECT (toast), "liaison-import-undo", g_steal_pointer (&job->undo),
                              (GDestroyNotify) liaison_import_undo_free);
      g_signal_connect_object (toast, "button-clicked", G_CALLBACK (undo_import_cb), self->window, 0);
    }

  g_set_weak_pointer (&self->toast, toast);
  liaison_window_add_toast (self->window, toast);
}

void
_liaison_import_dialog_apply_done_cb (GObject      *object,
                                      GAsyncResult *result,
                                      gpointer      user_data)
{
  LiaisonImportDialog *self = LIAISON_IMPORT_DIALOG (object);
  ImportJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  gboolean ok = g_task_propagate_boolean (G_TASK (result), &error);

  _liaison_import_dialog_set_task (self, NULL);

  if (ok)
    {
      /* Written through another connection: the window reads the database again. */
      liaison_store_take_external_changes (self->store);
      show_result_toast (self, job);
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }

  if (self->close_when_done)
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      _liaison_import_dialog_show_preview (self);
      _liaison_import_dialog_update_actions (self);
    }
  else
    {
      self->has_preview = FALSE;
      _liaison_import_dialog_show_error (self, error);
      _liaison_import_dialog_update_actions (self);
    }
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-export-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "liaison-export-dialog-private.h"
#include "liaison-progress.h"

/*
 * The job of one export: read from the form, run in a thread on a connection of its
 * own with its progress shown, and its result told as a toast on the window.
 */

void
_liaison_export_job_free (gpointer data)
{
  ExportJob *job = data;

  g_free (job->db_path);
  g_clear_pointer (&job->report, liaison_report_free);
  g_clear_pointer (&job->query, liaison_query_free);
  g_free (job->path);
  g_free (job);
}

/* Reads the form into a job, or says what is wrong with it. */
ExportJob *
_liaison_export_dialog_create_job (LiaisonExportDialog  *self,
                                   GError              **error)
{
  g_autoptr(LiaisonReport) report = NULL;
  g_autofree char *search = _liaison_export_dialog_dup_row_text (self->search_row);
  g_autofree char *tag = _liaison_export_dialog_dup_row_text (self->tag_row);
  g_autofree char *from = _liaison_export_dialog_dup_row_text (self->from_row);
  g_autofree char *to = _liaison_export_dialog_dup_row_text (self->to_row);
  g_autofree char *institution = _liaison_export_dialog_dup_row_text (self->institution_row);
  LiaisonExportKind kind = liaison_export_dialog_get_kind (self);
  const char *choice = gtk_widget_get_visible (GTK_WIDGET (self->choice_row)) ? _liaison_export_dialog_get_choice (self->choice_row, self->choices) : NULL;
  const char *status = gtk_widget_get_visible (GTK_WIDGET (self->status_row)) ? _liaison_export_dialog_get_choice (self->status_row, self->statuses) : NULL;
  ExportJob *job;

  /* Hidden rows do not apply to this kind. */
  if (!gtk_widget_get_visible (GTK_WIDGET (self->tag_row)))
    g_clear_pointer (&tag, g_free);
  if (!gtk_widget_get_visible (GTK_WIDGET (self->from_row)))
    {
      g_clear_pointer (&from, g_free);
      g_clear_pointer (&to, g_free);
    }
  if (!gtk_widget_get_visible (GTK_WIDGET (self->institution_row)))
    g_clear_pointer (&institution, g_free);
  if (kind == LIAISON_EXPORT_INSTITUTION_PROFILE)
    g_clear_pointer (&search, g_free);

  gtk_widget_remove_css_class (GTK_WIDGET (self->from_row), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->to_row), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->institution_row), "error");

  for (guint i = 0; i < 2; i++)
    {
      const char *date = i == 0 ? from : to;

      if (date != NULL && !liaison_date_is_valid (date))
        {
          gtk_widget_add_css_class (GTK_WIDGET (i == 0 ? self->from_row : self->to_row), "error");
          g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID_FIELD,
                       _("“%s” is not a date. Write a year (2024), a month (2024-05) or a day (2024-05-31)."), date);
          return NULL;
        }
    }

  if (kind == LIAISON_EXPORT_INSTITUTION_PROFILE && institution == NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->institution_row), "error");
      g_set_error_literal (error, LIAISON_ERROR, LIAISON_ERROR_INVALID_FIELD,
                           _("Type the name of the institution to profile."));
      return NULL;
    }

  /* The institution the window showed, by its UUID while its name is unchanged. */
  if (institution != NULL && self->institution_uuid != NULL && g_strcmp0 (institution, self->institution_name) == 0)
    _liaison_export_dialog_set_str (&institution, self->institution_uuid);

  job = g_new0 (ExportJob, 1);
  job->kind = kind;
  job->format = liaison_export_dialog_get_format (self);
  job->db_path = g_strdup (liaison_store_get_path (self->store));
  job->writable = kind == LIAISON_EXPORT_ALL_DATA && !liaison_store_get_read_only (self->store);

  switch (kind)
    {
    case LIAISON_EXPORT_AGREEMENTS_REPORT:
      report = liaison_report_new (LIAISON_REPORT_AGREEMENTS);
      report->search = g_steal_pointer (&search);
      report->status = g_strdup (status);
      report->agreement_kind = g_strdup (choice);
      report->institution = g_steal_pointer (&institution);
      report->tag = g_steal_pointer (&tag);
      report->signed_from = g_steal_pointer (&from);
      report->signed_to = g_steal_pointer (&to);
      break;

    case LIAISON_EXPORT_INSTITUTION_PROFILE:
      report = liaison_report_new (LIAISON_REPORT_INSTITUTION);
      report->institution = g_steal_pointer (&institution);
      break;

    case LIAISON_EXPORT_EVENTS_REPORT:
      report = liaison_report_new (LIAISON_REPORT_EVENTS);
      report->search = g_steal_pointer (&search);
      report->tag = g_steal_pointer (&tag);
      report->from = g_steal_pointer (&from);
      report->to = g_steal_pointer (&to);
      break;

    case LIAISON_EXPORT_LIST_CSV:
    case LIAISON_EXPORT_EVENTS_ICS:
      {
        LiaisonRecordKind list_kind = kind == LIAISON_EXPORT_LIST_CSV ? _liaison_export_dialog_get_csv_kind (self) : LIAISON_RECORD_EVENT;

        /* The list as shown, in its order, with the filters as edited here. */
        job->query = self->query && self->query->kind == list_kind ? liaison_query_copy (self->query)
                                                                    : liaison_query_new (list_kind);
        job->query->limit = 0;
        job->query->offset = 0;
        liaison_query_set_search (job->query, search);
        _liaison_export_dialog_set_str (&job->query->choice, choice);
        _liaison_export_dialog_set_str (&job->query->status, status);
        _liaison_export_dialog_set_str (&job->query->tag, tag);
        _liaison_export_dialog_set_str (&job->query->date_from, from);
        _liaison_export_dialog_set_str (&job->query->date_to, to);
      }
      break;

    case LIAISON_EXPORT_ALL_DATA:
    case LIAISON_N_EXPORTS:
    default:
      break;
    }

  job->report = g_steal_pointer (&report);
  return job;
}

/* The export thread */

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportJob *job = task_data;
  g_autoptr(LiaisonStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok = FALSE;

  store = liaison_store_open (job->db_path, job->writable ? LIAISON_STORE_OPEN_DEFAULT : LIAISON_STORE_OPEN_READ_ONLY, &error);
  if (store != NULL)
    {
      switch (job->kind)
        {
        case LIAISON_EXPORT_AGREEMENTS_REPORT:
        case LIAISON_EXPORT_INSTITUTION_PROFILE:
        case LIAISON_EXPORT_EVENTS_REPORT:
          ok = liaison_report_write (store, job->report, job->path,
                                     job->format == LIAISON_EXPORT_FORMAT_HTML ? LIAISON_REPORT_FORMAT_HTML
                                                                               : LIAISON_REPORT_FORMAT_XML,
                                     cancellable, liaison_progress_store_cb, &job->permille, &error);
          break;
        case LIAISON_EXPORT_ALL_DATA:
          ok = liaison_export_to_file (store, job->path, cancellable, liaison_progress_store_cb, &job->permille, &error);
          break;
        case LIAISON_EXPORT_LIST_CSV:
          ok = liaison_csv_export (store, job->query, job->path, cancellable, liaison_progress_store_cb, &job->permille, &error);
          break;
        case LIAISON_EXPORT_EVENTS_ICS:
          ok = liaison_ical_export (store, job->query, job->path, &job->ical, cancellable, liaison_progress_store_cb, &job->permille, &error);
          break;
        case LIAISON_N_EXPORTS:
        default:
          g_assert_not_reached ();
        }
    }

  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

static gboolean
update_progress_cb (gpointer user_data)
{
  LiaisonExportDialog *self = user_data;
  ExportJob *job = self->task ? g_task_get_task_data (self->task) : NULL;

  if (job == NULL)
    return G_SOURCE_CONTINUE;

  liaison_progress_bar_show_permille (self->progress_bar, &job->permille);
  return G_SOURCE_CONTINUE;
}

static void
open_file_cb (AdwToast   *toast,
              const char *uri)
{
  g_autoptr(GError) error = NULL;

  if (!g_app_info_launch_default_for_uri (uri, NULL, &error))
    g_warning ("Could not open %s: %s", uri, error->message);
}

static void
show_result_toast (LiaisonExportDialog *self,
                   ExportJob           *job)
{
  g_autoptr(GFile) file = g_file_new_for_path (job->path);
  g_autofree char *name = g_file_get_basename (file);
  AdwToast *toast;

  if (self->window == NULL)
    return;

  if (job->kind == LIAISON_EXPORT_EVENTS_ICS && job->ical.skipped > 0)
    /* Translators: %s is a file name; %u events had only a year or a month */
    toast = adw_toast_new_format (g_dngettext (GETTEXT_PACKAGE,
                                               "Saved “%s”; %u event without a whole date was left out",
                                               "Saved “%s”; %u events without a whole date were left out",
                                               job->ical.skipped),
                                  name, job->ical.skipped);
  else
    /* Translators: a toast after an export; %s is the file name */
    toast = adw_toast_new_format (_("Saved “%s”"), name);

  adw_toast_set_button_label (toast, _("_Open"));
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (open_file_cb),
                         g_file_get_uri (file), (GClosureNotify) (void (*) (void)) g_free, 0);
  liaison_window_add_toast (self->window, toast);
}

static void
export_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  LiaisonExportDialog *self = LIAISON_EXPORT_DIALOG (object);
  ExportJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  g_clear_handle_id (&self->progress_id, g_source_remove);
  g_clear_object (&self->cancellable);

  if (g_task_propagate_boolean (G_TASK (result), &error))
    {
      show_result_toast (self, job);
      _liaison_export_dialog_set_busy (self, NULL);
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }

  _liaison_export_dialog_set_busy (self, NULL);

  if (self->close_when_done)
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *message = NULL;
      g_autofree char *name = g_filename_display_basename (job->path);

      message = g_file_test (job->path, G_FILE_TEST_EXISTS)
        /* Translators: %s is a file name */
        ? g_strdup_printf (_("Export stopped. “%s” was left as it was."), name)
        : g_strdup_printf (_("Export stopped. Nothing was written."));
      _liaison_export_dialog_set_message (self, message, FALSE);
    }
  else
    _liaison_export_dialog_set_message (self, error->message, TRUE);
}

/**
 * liaison_export_dialog_export_to_file:
 * @file: where to write; a local file
 *
 * Starts the export the form describes into @file, as the save dialog does when the
 * user picks a file.  The dialog shows its progress; on success it closes and the
 * window shows a toast, otherwise it says what went wrong.  #LiaisonExportDialog:busy
 * tells when it is done.
 */
void
liaison_export_dialog_export_to_file (LiaisonExportDialog *self,
                                      GFile               *file)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *name = NULL;
  ExportJob *job;

  g_return_if_fail (LIAISON_IS_EXPORT_DIALOG (self));
  g_return_if_fail (G_IS_FILE (file));

  if (_liaison_export_dialog_is_busy (self))
    return;

  if ((path = g_file_get_path (file)) == NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);
      g_autofree char *message = g_strdup_printf (_("Could not write “%s”: choose a file on this computer."), uri);

      _liaison_export_dialog_set_message (self, message, TRUE);
      return;
    }

  if ((job = _liaison_export_dialog_create_job (self, &error)) == NULL)
    {
      _liaison_export_dialog_set_message (self, error->message, TRUE);
      return;
    }
  job->path = g_steal_pointer (&path);

  _liaison_export_dialog_set_message (self, NULL, FALSE);
  name = g_filename_display_basename (job->path);
  adw_status_page_set_description (self->progress_page, name);
  gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
  gtk_progress_bar_set_text (self->progress_bar, "");

  self->cancellable = g_cancellable_new ();
  task = g_task_new (self, self->cancellable, export_done_cb, NULL);
  g_task_set_source_tag (task, liaison_export_dialog_export_to_file);
  g_task_set_task_data (task, job, _liaison_export_job_free);
  _liaison_export_dialog_set_busy (self, task);
  self->progress_id = g_timeout_add (100, update_progress_cb, self);
  g_task_run_in_thread (task, export_thread);
}

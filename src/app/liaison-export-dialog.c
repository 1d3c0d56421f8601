/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-export-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "liaison-export-dialog.h"
#include "liaison-labels.h"

/*
 * The Export dialog: what to write (a report, all the data, the current list as CSV,
 * the events as a calendar), with the filters of the list the user was looking at,
 * in which format, and where (GtkFileChooserNative, the portal inside a Flatpak).
 *
 * The export runs in a thread on a connection of its own and can be stopped; the core
 * writes a temporary file that replaces the target only when complete, so a stopped
 * or failed export leaves nothing behind.  The result comes back as a toast on the
 * window, with a button that opens the file.
 */

struct _LiaisonExportDialog
{
  AdwWindow             parent_instance;

  LiaisonWindow        *window;
  LiaisonStore         *store;
  LiaisonQuery         *query;            /* the list the window showed, or NULL */
  LiaisonRecordKind     list_kind;        /* what the CSV export lists */
  char                 *institution_name; /* the institution the window showed, and ... */
  char                 *institution_uuid; /* ... its UUID, used while the name is unchanged */
  GArray               *formats;          /* LiaisonExportFormat offered for the kind */
  const char * const   *choices;          /* the values of choice_row, after "any" */
  const char * const   *statuses;         /* the values of status_row, after "any" */

  GtkFileChooserNative *chooser;
  GCancellable         *cancellable;
  GTask                *task;
  guint                 progress_id;
  char                 *message;
  gboolean              close_when_done;

  /* Template */
  GtkButton            *cancel_button;
  GtkButton            *export_button;
  GtkStack             *stack;
  AdwComboRow          *kind_row;
  AdwComboRow          *format_row;
  AdwPreferencesGroup  *filters_group;
  AdwEntryRow          *search_row;
  AdwComboRow          *status_row;
  AdwComboRow          *choice_row;
  AdwEntryRow          *institution_row;
  AdwEntryRow          *tag_row;
  AdwEntryRow          *from_row;
  AdwEntryRow          *to_row;
  GtkLabel             *message_label;
  AdwStatusPage        *progress_page;
  GtkProgressBar       *progress_bar;
};

G_DEFINE_FINAL_TYPE (LiaisonExportDialog, liaison_export_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_WINDOW,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The work of one export, handed to its thread. */
typedef struct {
  LiaisonExportKind    kind;
  LiaisonExportFormat  format;
  char                *db_path;
  gboolean             writable;   /* a full export notes what was exchanged */
  LiaisonReport       *report;
  LiaisonQuery        *query;
  char                *path;
  LiaisonIcalStats     ical;
  int                  permille;   /* progress, atomic */
} ExportJob;

static void
export_job_free (gpointer data)
{
  ExportJob *job = data;

  g_free (job->db_path);
  g_clear_pointer (&job->report, liaison_report_free);
  g_clear_pointer (&job->query, liaison_query_free);
  g_free (job->path);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ExportJob, export_job_free)

/* Helpers */

/* Replaces the string at @str with a copy of @value (g_set_str() is GLib 2.76). */
static void
set_str (char       **str,
         const char  *value)
{
  char *copy = g_strdup (value);

  g_free (*str);
  *str = copy;
}

static void
add_format (LiaisonExportDialog *self,
            LiaisonExportFormat  format)
{
  g_array_append_val (self->formats, format);
}

static char *
dup_row_text (AdwEntryRow *row)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  return *text != '\0' ? g_steal_pointer (&text) : NULL;
}

static const char *
get_choice (AdwComboRow        *row,
            const char * const *values)
{
  guint selected = adw_combo_row_get_selected (row);

  if (values == NULL || selected == 0 || selected == GTK_INVALID_LIST_POSITION)
    return NULL;
  return values[selected - 1];
}

/* Fills @row with "Any" and the labels of @field's choices, selecting @value. */
static const char * const *
fill_choice_row (AdwComboRow        *row,
                 const LiaisonField *field,
                 const char         *any,
                 const char         *value)
{
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
  guint selected = 0;

  gtk_string_list_append (model, any);
  for (guint i = 0; field != NULL && field->choices != NULL && field->choices[i] != NULL; i++)
    {
      gtk_string_list_append (model, liaison_choice_get_label (field->choices[i]));
      if (g_strcmp0 (field->choices[i], value) == 0)
        selected = i + 1;
    }

  adw_combo_row_set_model (row, G_LIST_MODEL (model));
  adw_combo_row_set_selected (row, selected);
  return field ? field->choices : NULL;
}

static const char *
get_format_label (LiaisonExportFormat format,
                  LiaisonExportKind   kind)
{
  switch (format)
    {
    case LIAISON_EXPORT_FORMAT_HTML:
      return _("Web page (HTML)");
    case LIAISON_EXPORT_FORMAT_XML:
      return kind == LIAISON_EXPORT_ALL_DATA ? _("Liaison data (XML)") : _("Report data (XML)");
    case LIAISON_EXPORT_FORMAT_CSV:
      return _("Spreadsheet (CSV)");
    case LIAISON_EXPORT_FORMAT_ICS:
      return _("Calendar (ICS)");
    default:
      g_assert_not_reached ();
    }
}

static const char *
get_format_extension (LiaisonExportFormat format)
{
  static const char * const extensions[] = { "html", "xml", "csv", "ics" };

  return extensions[format];
}

static gboolean
is_busy (LiaisonExportDialog *self)
{
  return self->task != NULL;
}

static LiaisonRecordKind
get_csv_kind (LiaisonExportDialog *self)
{
  return self->list_kind;
}

/* Which kind of record the "Kind" row chooses among, for the export kind. */
static LiaisonRecordKind
get_choice_kind (LiaisonExportKind kind,
                 LiaisonRecordKind list_kind)
{
  switch (kind)
    {
    case LIAISON_EXPORT_AGREEMENTS_REPORT:
      return LIAISON_RECORD_AGREEMENT;
    case LIAISON_EXPORT_EVENTS_ICS:
      return LIAISON_RECORD_EVENT;
    case LIAISON_EXPORT_EVENTS_REPORT:  /* the events report has no kind filter */
    case LIAISON_EXPORT_LIST_CSV:
      return list_kind;
    case LIAISON_EXPORT_INSTITUTION_PROFILE:
    case LIAISON_EXPORT_ALL_DATA:
    case LIAISON_N_EXPORTS:
    default:
      return LIAISON_N_RECORD_KINDS;
    }
}

static void
set_message (LiaisonExportDialog *self,
             const char          *message,
             gboolean             is_error)
{
  if (g_strcmp0 (self->message, message) == 0)
    return;

  g_free (self->message);
  self->message = g_strdup (message);
  gtk_label_set_text (self->message_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
  if (is_error)
    gtk_widget_add_css_class (GTK_WIDGET (self->message_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->message_label), "error");
}

static void
update_rows (LiaisonExportDialog *self)
{
  LiaisonExportKind kind = liaison_export_dialog_get_kind (self);
  LiaisonRecordKind choice_kind = get_choice_kind (kind, self->list_kind);
  const LiaisonQuery *query = self->query;
  const LiaisonField *choice_field = NULL;
  gboolean agreements = kind == LIAISON_EXPORT_AGREEMENTS_REPORT ||
                        (kind == LIAISON_EXPORT_LIST_CSV && self->list_kind == LIAISON_RECORD_AGREEMENT);
  gboolean events = kind == LIAISON_EXPORT_EVENTS_REPORT || kind == LIAISON_EXPORT_EVENTS_ICS ||
                    (kind == LIAISON_EXPORT_LIST_CSV && self->list_kind == LIAISON_RECORD_EVENT);
  gboolean dated = agreements || events ||
                   (kind == LIAISON_EXPORT_LIST_CSV && liaison_query_get_date_field (self->list_kind) != NULL);
  g_autoptr(GtkStringList) format_model = gtk_string_list_new (NULL);

  /* The formats the kind can be written in; reports default to the readable page. */
  g_array_set_size (self->formats, 0);
  switch (kind)
    {
    case LIAISON_EXPORT_AGREEMENTS_REPORT:
    case LIAISON_EXPORT_INSTITUTION_PROFILE:
    case LIAISON_EXPORT_EVENTS_REPORT:
      add_format (self, LIAISON_EXPORT_FORMAT_HTML);
      add_format (self, LIAISON_EXPORT_FORMAT_XML);
      break;
    case LIAISON_EXPORT_ALL_DATA:
      add_format (self, LIAISON_EXPORT_FORMAT_XML);
      break;
    case LIAISON_EXPORT_LIST_CSV:
      add_format (self, LIAISON_EXPORT_FORMAT_CSV);
      break;
    case LIAISON_EXPORT_EVENTS_ICS:
      add_format (self, LIAISON_EXPORT_FORMAT_ICS);
      break;
    case LIAISON_N_EXPORTS:
    default:
      g_assert_not_reached ();
    }
  for (guint i = 0; i < self->formats->len; i++)
    gtk_string_list_append (format_model, get_format_label (g_array_index (self->formats, LiaisonExportFormat, i), kind));
  adw_combo_row_set_model (self->format_row, G_LIST_MODEL (format_model));
  adw_combo_row_set_selected (self->format_row, 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->format_row), self->formats->len > 1);

  /* The kind of agreement, event or listed record; preselected from the list when it
   * listed the same kind. */
  if (choice_kind < LIAISON_N_RECORD_KINDS)
    choice_field = liaison_record_kind_find_field (choice_kind, "kind", NULL);
  self->choices = fill_choice_row (self->choice_row, choice_field, _("Any kind"),
                                   query && query->kind == choice_kind ? query->choice : NULL);

  gtk_widget_set_visible (GTK_WIDGET (self->filters_group), kind != LIAISON_EXPORT_ALL_DATA);
  gtk_widget_set_visible (GTK_WIDGET (self->search_row), kind != LIAISON_EXPORT_INSTITUTION_PROFILE);
  gtk_widget_set_visible (GTK_WIDGET (self->status_row), agreements);
  gtk_widget_set_visible (GTK_WIDGET (self->choice_row), choice_field != NULL && choice_field->choices != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->institution_row),
                          kind == LIAISON_EXPORT_AGREEMENTS_REPORT || kind == LIAISON_EXPORT_INSTITUTION_PROFILE);
  gtk_widget_set_visible (GTK_WIDGET (self->tag_row), agreements || events);
  gtk_widget_set_visible (GTK_WIDGET (self->from_row), dated);
  gtk_widget_set_visible (GTK_WIDGET (self->to_row), dated);

  if (kind == LIAISON_EXPORT_INSTITUTION_PROFILE)
    {
      adw_preferences_group_set_title (self->filters_group, _("Institution"));
      adw_preferences_group_set_description (self->filters_group,
                                             _("The institution with its units, people, agreements and events."));
    }
  else
    {
      adw_preferences_group_set_title (self->filters_group, _("Filters"));
      adw_preferences_group_set_description (self->filters_group,
                                             query ? _("Taken from the list you were looking at. Empty filters select everything.")
                                                   : _("Empty filters select everything."));
    }

  if (agreements)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->from_row), _("Signed on or after (YYYY, YYYY-MM or YYYY-MM-DD)"));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->to_row), _("Signed on or before"));
    }
  else
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->from_row), _("On or after (YYYY, YYYY-MM or YYYY-MM-DD)"));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->to_row), _("On or before"));
    }

  set_message (self, NULL, FALSE);
}

/* Reads the form into a job, or says what is wrong with it. */
static ExportJob *
create_job (LiaisonExportDialog  *self,
            GError              **error)
{
  g_autoptr(LiaisonReport) report = NULL;
  g_autofree char *search = dup_row_text (self->search_row);
  g_autofree char *tag = dup_row_text (self->tag_row);
  g_autofree char *from = dup_row_text (self->from_row);
  g_autofree char *to = dup_row_text (self->to_row);
  g_autofree char *institution = dup_row_text (self->institution_row);
  LiaisonExportKind kind = liaison_export_dialog_get_kind (self);
  const char *choice = gtk_widget_get_visible (GTK_WIDGET (self->choice_row)) ? get_choice (self->choice_row, self->choices) : NULL;
  const char *status = gtk_widget_get_visible (GTK_WIDGET (self->status_row)) ? get_choice (self->status_row, self->statuses) : NULL;
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
    set_str (&institution, self->institution_uuid);

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
        LiaisonRecordKind list_kind = kind == LIAISON_EXPORT_LIST_CSV ? get_csv_kind (self) : LIAISON_RECORD_EVENT;

        /* The list as shown, in its order, with the filters as edited here. */
        job->query = self->query && self->query->kind == list_kind ? liaison_query_copy (self->query)
                                                                    : liaison_query_new (list_kind);
        job->query->limit = 0;
        job->query->offset = 0;
        liaison_query_set_search (job->query, search);
        set_str (&job->query->choice, choice);
        set_str (&job->query->status, status);
        set_str (&job->query->tag, tag);
        set_str (&job->query->date_from, from);
        set_str (&job->query->date_to, to);
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
job_progress_cb (double   fraction,
                 gpointer user_data)
{
  ExportJob *job = user_data;

  g_atomic_int_set (&job->permille, (int) CLAMP (fraction * 1000.0, 0.0, 1000.0));
}

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
                                     cancellable, job_progress_cb, job, &error);
          break;
        case LIAISON_EXPORT_ALL_DATA:
          ok = liaison_export_to_file (store, job->path, cancellable, job_progress_cb, job, &error);
          break;
        case LIAISON_EXPORT_LIST_CSV:
          ok = liaison_csv_export (store, job->query, job->path, cancellable, job_progress_cb, job, &error);
          break;
        case LIAISON_EXPORT_EVENTS_ICS:
          ok = liaison_ical_export (store, job->query, job->path, &job->ical, cancellable, job_progress_cb, job, &error);
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

/* Running it */

static void
set_busy (LiaisonExportDialog *self,
          GTask               *task)
{
  gboolean was_busy = is_busy (self);

  g_set_object (&self->task, task);
  if (was_busy == is_busy (self))
    return;

  gtk_stack_set_visible_child_name (self->stack, task ? "progress" : "form");
  gtk_widget_set_sensitive (GTK_WIDGET (self->export_button), task == NULL);
  gtk_button_set_label (self->cancel_button, task ? _("_Stop") : _("_Cancel"));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "export.choose-file", task == NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static gboolean
update_progress_cb (gpointer user_data)
{
  LiaisonExportDialog *self = user_data;
  ExportJob *job = self->task ? g_task_get_task_data (self->task) : NULL;
  g_autofree char *text = NULL;
  int permille;

  if (job == NULL)
    return G_SOURCE_CONTINUE;

  permille = g_atomic_int_get (&job->permille);
  gtk_progress_bar_set_fraction (self->progress_bar, permille / 1000.0);
  /* Translators: how far an export is, "42 %" */
  text = g_strdup_printf (_("%d %%"), permille / 10);
  gtk_progress_bar_set_text (self->progress_bar, text);
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
      set_busy (self, NULL);
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }

  set_busy (self, NULL);

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
      set_message (self, message, FALSE);
    }
  else
    set_message (self, error->message, TRUE);
}

static void
chooser_response_cb (LiaisonExportDialog  *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (chooser));
  g_clear_object (&self->chooser);

  if (file != NULL)
    liaison_export_dialog_export_to_file (self, file);
}

static void
add_filter (GtkFileChooser *chooser,
            const char     *name,
            const char     *mime_type,
            const char     *pattern)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  gtk_file_filter_add_mime_type (filter, mime_type);
  gtk_file_filter_add_pattern (filter, pattern);
  gtk_file_chooser_add_filter (chooser, filter);
}

/* Actions */

static void
choose_file_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  LiaisonExportDialog *self = LIAISON_EXPORT_DIALOG (widget);
  g_autoptr(ExportJob) job = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  const char *documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);
  LiaisonExportFormat format;

  if (is_busy (self) || self->chooser != NULL)
    return;

  /* Check the form before asking where to save it. */
  if ((job = create_job (self, &error)) == NULL)
    {
      set_message (self, error->message, TRUE);
      return;
    }
  set_message (self, NULL, FALSE);

  format = liaison_export_dialog_get_format (self);
  name = liaison_export_dialog_dup_default_name (self);
  self->chooser = gtk_file_chooser_native_new (_("Export To"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                               _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  if (documents != NULL && g_file_test (documents, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GFile) folder = g_file_new_for_path (documents);

      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->chooser), folder, NULL);
    }

  switch (format)
    {
    case LIAISON_EXPORT_FORMAT_HTML:
      add_filter (GTK_FILE_CHOOSER (self->chooser), _("Web pages"), "text/html", "*.html");
      break;
    case LIAISON_EXPORT_FORMAT_XML:
      add_filter (GTK_FILE_CHOOSER (self->chooser), _("XML documents"), "application/xml", "*.xml");
      break;
    case LIAISON_EXPORT_FORMAT_CSV:
      add_filter (GTK_FILE_CHOOSER (self->chooser), _("Spreadsheets (CSV)"), "text/csv", "*.csv");
      break;
    case LIAISON_EXPORT_FORMAT_ICS:
      add_filter (GTK_FILE_CHOOSER (self->chooser), _("Calendars"), "text/calendar", "*.ics");
      break;
    default:
      g_assert_not_reached ();
    }

  g_signal_connect_object (self->chooser, "response", G_CALLBACK (chooser_response_cb), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  LiaisonExportDialog *self = LIAISON_EXPORT_DIALOG (widget);

  if (is_busy (self))
    g_cancellable_cancel (self->cancellable);
  else
    gtk_window_close (GTK_WINDOW (self));
}

static void
kind_changed_cb (LiaisonExportDialog *self)
{
  update_rows (self);
}

/* Overrides */

static gboolean
liaison_export_dialog_close_request (GtkWindow *window)
{
  LiaisonExportDialog *self = LIAISON_EXPORT_DIALOG (window);

  /* Stop the export first; the dialog goes when it has. */
  if (is_busy (self))
    {
      self->close_when_done = TRUE;
      g_cancellable_cancel (self->cancellable);
      gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
      return TRUE;
    }

  return GTK_WINDOW_CLASS (liaison_export_dialog_parent_class)->close_request (window);
}

static void
prefill (LiaisonExportDialog *self)
{
  LiaisonSectionView *section = liaison_window_get_current_section (self->window);
  const LiaisonQuery *query = liaison_window_get_current_query (self->window);
  LiaisonRecord *shown = NULL;
  LiaisonExportKind kind;

  self->query = query ? liaison_query_copy (query) : NULL;
  self->list_kind = query ? query->kind : LIAISON_RECORD_AGREEMENT;

  if (section != NULL)
    shown = liaison_detail_view_get_record (liaison_section_view_get_detail_view (section));

  /* The institution the window shows, or the one the list is linked to. */
  if (shown != NULL && liaison_record_get_kind (shown) == LIAISON_RECORD_INSTITUTION)
    {
      self->institution_uuid = g_strdup (liaison_record_get_uuid (shown));
      self->institution_name = g_strdup (liaison_record_get_title (shown));
    }
  else if (query != NULL && query->linked_to != NULL)
    {
      self->institution_uuid = g_strdup (query->linked_to);
      self->institution_name = liaison_store_get_title (self->store, query->linked_to);
    }
  if (self->institution_name != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->institution_row), self->institution_name);

  if (query != NULL)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->search_row), query->search ? query->search : "");
      gtk_editable_set_text (GTK_EDITABLE (self->tag_row), query->tag ? query->tag : "");
      gtk_editable_set_text (GTK_EDITABLE (self->from_row), query->date_from ? query->date_from : "");
      gtk_editable_set_text (GTK_EDITABLE (self->to_row), query->date_to ? query->date_to : "");
    }

  self->statuses = fill_choice_row (self->status_row,
                                    liaison_record_kind_find_field (LIAISON_RECORD_AGREEMENT, "status", NULL),
                                    _("Any status"), query ? query->status : NULL);

  switch (self->list_kind)
    {
    case LIAISON_RECORD_EVENT:
      kind = LIAISON_EXPORT_EVENTS_REPORT;
      break;
    case LIAISON_RECORD_INSTITUTION:
      kind = self->institution_uuid ? LIAISON_EXPORT_INSTITUTION_PROFILE : LIAISON_EXPORT_LIST_CSV;
      break;
    case LIAISON_RECORD_PERSON:
    case LIAISON_RECORD_SOURCE:
      kind = LIAISON_EXPORT_LIST_CSV;
      break;
    case LIAISON_RECORD_AGREEMENT:
    case LIAISON_N_RECORD_KINDS:
    default:
      kind = LIAISON_EXPORT_AGREEMENTS_REPORT;
      break;
    }

  adw_combo_row_set_selected (self->kind_row, kind);
  update_rows (self);
}

static void
liaison_export_dialog_constructed (GObject *object)
{
  LiaisonExportDialog *self = LIAISON_EXPORT_DIALOG (object);

  G_OBJECT_CLASS (liaison_export_dialog_parent_class)->constructed (object);

  g_assert (self->window != NULL);
  self->store = g_object_ref (liaison_window_get_store (self->window));
  gtk_window_set_transient_for (GTK_WINDOW (self), GTK_WINDOW (self->window));

  prefill (self);
  g_signal_connect_object (self->kind_row, "notify::selected", G_CALLBACK (kind_changed_cb), self, G_CONNECT_SWAPPED);
}

static void
liaison_export_dialog_dispose (GObject *object)
{
  LiaisonExportDialog *self = LIAISON_EXPORT_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->progress_id, g_source_remove);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);

  gtk_widget_dispose_template (GTK_WIDGET (self), LIAISON_TYPE_EXPORT_DIALOG);

  G_OBJECT_CLASS (liaison_export_dialog_parent_class)->dispose (object);
}

static void
liaison_export_dialog_finalize (GObject *object)
{
  LiaisonExportDialog *self = LIAISON_EXPORT_DIALOG (object);

  g_clear_object (&self->window);
  g_clear_object (&self->store);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->task);
  g_clear_pointer (&self->query, liaison_query_free);
  g_clear_pointer (&self->formats, g_array_unref);
  g_free (self->institution_name);
  g_free (self->institution_uuid);
  g_free (self->message);

  G_OBJECT_CLASS (liaison_export_dialog_parent_class)->finalize (object);
}

static void
liaison_export_dialog_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  LiaisonExportDialog *self = LIAISON_EXPORT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_WINDOW:
      g_value_set_object (value, self->window);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, is_busy (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liaison_export_dialog_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  LiaisonExportDialog *self = LIAISON_EXPORT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_WINDOW:
      self->window = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liaison_export_dialog_class_init (LiaisonExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = liaison_export_dialog_constructed;
  object_class->dispose = liaison_export_dialog_dispose;
  object_class->finalize = liaison_export_dialog_finalize;
  object_class->get_property = liaison_export_dialog_get_property;
  object_class->set_property = liaison_export_dialog_set_property;

  window_class->close_request = liaison_export_dialog_close_request;

  /**
   * LiaisonExportDialog:window:
   *
   * The window whose database, list and toasts the dialog uses.
   */
  properties[PROP_WINDOW] =
    g_param_spec_object ("window", NULL, NULL, LIAISON_TYPE_WINDOW,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * LiaisonExportDialog:busy:
   *
   * Whether an export is running.
   */
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/liaisonapp/Liaison/liaison-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, LiaisonExportDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, LiaisonExportDialog, export_button);
  gtk_widget_class_bind_template_child (widget_class, LiaisonExportDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, LiaisonExportDialog, kind_row);
  gtk_widget_class_bind_template_child (widget_class, LiaisonExportDialog, format_row);
  gtk_widget_class_bind_template_child (widget_class, LiaisonExportDialog, filters_group);
  gtk_widget_class_bind_template_child (widget_class, LiaisonExportDialog, search_row);
  gtk_widget_class_bind_template_child (widget_class, LiaisonExportDialog, status_row);
  gtk_widget_class_bind_template_child (widget_class, LiaisonExportDialog, choice_row);
  gtk_widget_class_bind_template_child (widget_class, LiaisonExportDialog, institution_row);
  gtk_widget_class_bind_template_child (widget_class, LiaisonExportDialog, tag_row);
  gtk_widget_class_bind_template_child (widget_class, LiaisonExportDialog, from_row);
  gtk_widget_class_bind_template_child (widget_class, LiaisonExportDialog, to_row);
  gtk_widget_class_bind_template_child (widget_class, LiaisonExportDialog, message_label);
  gtk_widget_class_bind_template_child (widget_class, LiaisonExportDialog, progress_page);
  gtk_widget_class_bind_template_child (widget_class, LiaisonExportDialog, progress_bar);

  gtk_widget_class_install_action (widget_class, "export.choose-file", NULL, choose_file_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "export.choose-file", NULL);
  gtk_widget_class_install_action (widget_class, "export.cancel", NULL, cancel_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "export.cancel", NULL);
}

static void
liaison_export_dialog_init (LiaisonExportDialog *self)
{
  self->formats = g_array_new (FALSE, FALSE, sizeof (LiaisonExportFormat));

  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Public API */

/**
 * liaison_export_dialog_new:
 * @window: the window to export from; the dialog takes its current list's filters
 *
 * Returns: (transfer floating): a new Export dialog, transient for @window
 */
GtkWidget *
liaison_export_dialog_new (LiaisonWindow *window)
{
  g_return_val_if_fail (LIAISON_IS_WINDOW (window), NULL);

  return g_object_new (LIAISON_TYPE_EXPORT_DIALOG, "window", window, NULL);
}

LiaisonExportKind
liaison_export_dialog_get_kind (LiaisonExportDialog *self)
{
  guint selected;

  g_return_val_if_fail (LIAISON_IS_EXPORT_DIALOG (self), LIAISON_EXPORT_AGREEMENTS_REPORT);

  selected = adw_combo_row_get_selected (self->kind_row);
  return selected < LIAISON_N_EXPORTS ? (LiaisonExportKind) selected : LIAISON_EXPORT_AGREEMENTS_REPORT;
}

void
liaison_export_dialog_set_kind (LiaisonExportDialog *self,
                                LiaisonExportKind    kind)
{
  g_return_if_fail (LIAISON_IS_EXPORT_DIALOG (self));
  g_return_if_fail (kind < LIAISON_N_EXPORTS);

  adw_combo_row_set_selected (self->kind_row, kind);
}

LiaisonExportFormat
liaison_export_dialog_get_format (LiaisonExportDialog *self)
{
  guint selected;

  g_return_val_if_fail (LIAISON_IS_EXPORT_DIALOG (self), LIAISON_EXPORT_FORMAT_XML);

  selected = adw_combo_row_get_selected (self->format_row);
  if (selected >= self->formats->len)
    selected = 0;
  return g_array_index (self->formats, LiaisonExportFormat, selected);
}

/**
 * liaison_export_dialog_set_format:
 *
 * Returns: whether the chosen kind can be written in @format (if not, nothing changes)
 */
gboolean
liaison_export_dialog_set_format (LiaisonExportDialog *self,
                                  LiaisonExportFormat  format)
{
  g_return_val_if_fail (LIAISON_IS_EXPORT_DIALOG (self), FALSE);

  for (guint i = 0; i < self->formats->len; i++)
    if (g_array_index (self->formats, LiaisonExportFormat, i) == format)
      {
        adw_combo_row_set_selected (self->format_row, i);
        return TRUE;
      }
  return FALSE;
}

/**
 * liaison_export_dialog_dup_default_name:
 *
 * Returns: (transfer full): the file name the save dialog proposes, with today's date,
 *   "agreements-report-2024-05-31.html"
 */
char *
liaison_export_dialog_dup_default_name (LiaisonExportDialog *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *stem = NULL;
  const char *extension;

  g_return_val_if_fail (LIAISON_IS_EXPORT_DIALOG (self), NULL);

  extension = get_format_extension (liaison_export_dialog_get_format (self));
  switch (liaison_export_dialog_get_kind (self))
    {
    case LIAISON_EXPORT_AGREEMENTS_REPORT:
      stem = g_strdup ("agreements-report");
      break;
    case LIAISON_EXPORT_INSTITUTION_PROFILE:
      {
        g_autofree char *name = dup_row_text (self->institution_row);

        /* The institution's name, without what a file name cannot hold. */
        if (name != NULL)
          g_strdelimit (name, "/\\:*?\"<>|", '-');
        stem = g_strdup_printf ("%s-profile", name ? name : "institution");
      }
      break;
    case LIAISON_EXPORT_EVENTS_REPORT:
      stem = g_strdup ("events-report");
      break;
    case LIAISON_EXPORT_ALL_DATA:
      stem = g_strdup ("liaison-data");
      break;
    case LIAISON_EXPORT_LIST_CSV:
      stem = g_strdup (liaison_record_kind_get_plural (self->list_kind));
      break;
    case LIAISON_EXPORT_EVENTS_ICS:
      stem = g_strdup ("events");
      break;
    case LIAISON_N_EXPORTS:
    default:
      g_assert_not_reached ();
    }

  return g_strdup_printf ("%s-%s.%s", stem, today, extension);
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

  if (is_busy (self))
    return;

  if ((path = g_file_get_path (file)) == NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);
      g_autofree char *message = g_strdup_printf (_("Could not write “%s”: choose a file on this computer."), uri);

      set_message (self, message, TRUE);
      return;
    }

  if ((job = create_job (self, &error)) == NULL)
    {
      set_message (self, error->message, TRUE);
      return;
    }
  job->path = g_steal_pointer (&path);

  set_message (self, NULL, FALSE);
  name = g_filename_display_basename (job->path);
  adw_status_page_set_description (self->progress_page, name);
  gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
  gtk_progress_bar_set_text (self->progress_bar, "");

  self->cancellable = g_cancellable_new ();
  task = g_task_new (self, self->cancellable, export_done_cb, NULL);
  g_task_set_source_tag (task, liaison_export_dialog_export_to_file);
  g_task_set_task_data (task, job, export_job_free);
  set_busy (self, task);
  self->progress_id = g_timeout_add (100, update_progress_cb, self);
  g_task_run_in_thread (task, export_thread);
}

gboolean
liaison_export_dialog_get_busy (LiaisonExportDialog *self)
{
  g_return_val_if_fail (LIAISON_IS_EXPORT_DIALOG (self), FALSE);
  return is_busy (self);
}

/**
 * liaison_export_dialog_get_message:
 *
 * Returns: (nullable): what the dialog says under the form: why the last export
 *   failed or that it was stopped
 */
const char *
liaison_export_dialog_get_message (LiaisonExportDialog *self)
{
  g_return_val_if_fail (LIAISON_IS_EXPORT_DIALOG (self), NULL);
  return self->message;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-export-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "liaison-export-dialog.h"
#include "liaison-export-dialog-private.h"
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

G_DEFINE_FINAL_TYPE (LiaisonExportDialog, liaison_export_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_WINDOW,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Helpers */

/* Replaces the string at @str with a copy of @value (g_set_str() is GLib 2.76). */
void
_liaison_export_dialog_set_str (char       **str,
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

char *
_liaison_export_dialog_dup_row_text (AdwEntryRow *row)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  return *text != '\0' ? g_steal_pointer (&text) : NULL;
}

const char *
_liaison_export_dialog_get_choice (AdwComboRow        *row,
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

gboolean
_liaison_export_dialog_is_busy (LiaisonExportDialog *self)
{
  return self->task != NULL;
}

LiaisonRecordKind
_liaison_export_dialog_get_csv_kind (LiaisonExportDialog *self)
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

void
_liaison_export_dialog_set_message (LiaisonExportDialog *self,
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

  _liaison_export_dialog_set_message (self, NULL, FALSE);
}

/* Running it */

void
_liaison_export_dialog_set_busy (LiaisonExportDialog *self,
                                 GTask               *task)
{
  gboolean was_busy = _liaison_export_dialog_is_busy (self);

  g_set_object (&self->task, task);
  if (was_busy == _liaison_export_dialog_is_busy (self))
    return;

  gtk_stack_set_visible_child_name (self->stack, task ? "progress" : "form");
  gtk_widget_set_sensitive (GTK_WIDGET (self->export_button), task == NULL);
  gtk_button_set_label (self->cancel_button, task ? _("_Stop") : _("_Cancel"));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "export.choose-file", task == NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
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

  if (_liaison_export_dialog_is_busy (self) || self->chooser != NULL)
    return;

  /* Check the form before asking where to save it. */
  if ((job = _liaison_export_dialog_create_job (self, &error)) == NULL)
    {
      _liaison_export_dialog_set_message (self, error->message, TRUE);
      return;
    }
  _liaison_export_dialog_set_message (self, NULL, FALSE);

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

  if (_liaison_export_dialog_is_busy (self))
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
  if (_liaison_export_dialog_is_busy (self))
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
      g_value_set_boolean (value, _liaison_export_dialog_is_busy (self));
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
        g_autofree char *name = _liaison_export_dialog_dup_row_text (self->institution_row);

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

gboolean
liaison_export_dialog_get_busy (LiaisonExportDialog *self)
{
  g_return_val_if_fail (LIAISON_IS_EXPORT_DIALOG (self), FALSE);
  return _liaison_export_dialog_is_busy (self);
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

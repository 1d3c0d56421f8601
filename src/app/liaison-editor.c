/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "liaison-chooser.h"
#include "liaison-conflict-dialog.h"
#include "liaison-editor.h"
#include "liaison-editor-private.h"
#include "liaison-labels.h"

/*
 * The editor of one record.  It edits a copy, so nothing changes until Save, which is
 * one transaction.  Its rows come from the kind's field table; each row checks what it
 * holds as you type and says what is wrong right under it, and Save stays off while
 * anything is.  The links (parties, participants, tags, sources) are in
 * liaison-editor-links.c.
 */

G_DEFINE_FINAL_TYPE (LiaisonEditor, liaison_editor, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  PROP_RECORD,
  PROP_MODIFIED,
  PROP_VALID,
  N_PROPS
};

enum {
  SAVED,
  CANCELLED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Dates that must not come before another date of the same record. */
static const struct {
  const char *end;
  const char *start;
} date_order[] = {
  { "end", "start" },
  { "end-date", "date" },
};

/* Helpers */

static const char *
field_label (LiaisonEditor      *self,
             const LiaisonField *field)
{
  return liaison_field_get_label (liaison_record_get_kind (self->copy), field->name);
}

FieldRow *
_liaison_editor_find_field_row (LiaisonEditor *self,
                                const char    *name)
{
  for (guint i = 0; i < self->n_field_rows; i++)
    if (g_strcmp0 (self->field_rows[i].field->name, name) == 0)
      return &self->field_rows[i];
  return NULL;
}

gboolean
_liaison_editor_is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (; *text; text = g_utf8_next_char (text))
    if (!g_unichar_isspace (g_utf8_get_char (text)))
      return FALSE;
  return TRUE;
}

/* How a stored date is typed: "--04-18" is written "04-18". */
const char *
_liaison_editor_date_to_text (const char *iso)
{
  if (iso != NULL && liaison_date_get_precision (iso) == LIAISON_DATE_MONTH_DAY)
    return iso + 2;
  return iso ? iso : "";
}

static void
set_message (FieldRow   *row,
             const char *message)
{
  gboolean shown = (message != NULL);

  if (g_strcmp0 (gtk_label_get_text (row->message), message ? message : "") != 0)
    gtk_label_set_text (row->message, message ? message : "");
  gtk_widget_set_visible (row->message_row, shown);

  if (shown)
    gtk_widget_add_css_class (row->row, "error");
  else
    gtk_widget_remove_css_class (row->row, "error");

  gtk_accessible_update_state (GTK_ACCESSIBLE (row->row),
                               GTK_ACCESSIBLE_STATE_INVALID,
                               shown ? GTK_ACCESSIBLE_INVALID_TRUE : GTK_ACCESSIBLE_INVALID_FALSE,
                               -1);
}

static char *
check_field (LiaisonEditor *self,
             FieldRow      *row)
{
  const LiaisonField *field = row->field;
  const char *value = liaison_record_get_field_at (self->copy, row->index);

  if (row->problem != NULL)
    return g_strdup (row->problem);

  if (_liaison_editor_is_blank (value))
    return field->required ? g_strdup (_("Required")) : NULL;

  if (g_utf8_strlen (value, -1) > field->max_length)
    return g_strdup_printf (ngettext ("Too long: at most %u character", "Too long: at most %u characters",
                                      field->max_length), field->max_length);

  if (field->type == LIAISON_FIELD_LINE && strchr (value, '\n') != NULL)
    return g_strdup (_("Must be a single line"));

  for (guint i = 0; i < G_N_ELEMENTS (date_order); i++)
    {
      const char *start;
      FieldRow *start_row;

      if (g_strcmp0 (field->name, date_order[i].end) != 0 ||
          (start_row = _liaison_editor_find_field_row (self, date_order[i].start)) == NULL ||
          start_row->problem != NULL)
        continue;

      start = liaison_record_get_field_at (self->copy, start_row->index);
      if (liaison_date_is_before (value, start))
        {
          g_autofree char *when = liaison_date_format (start);

          /* Translators: the end date of an agreement or event is before its start */
          return g_strdup_printf (_("Ends before it starts (%s: %s)"),
                                  field_label (self, start_row->field), when);
        }
    }

  return NULL;
}

void
_liaison_editor_show_error (LiaisonEditor *self,
                            const char    *message)
{
  gtk_label_set_text (self->error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

gboolean
_liaison_editor_is_new (LiaisonEditor *self)
{
  return liaison_record_get_uuid (self->original) == NULL;
}

/*
 * Checks everything, shows what is wrong where it is, and turns Save on or off.  Runs
 * after every change.
 */
void
_liaison_editor_update (LiaisonEditor *self)
{
  gboolean was_modified = self->modified;
  gboolean was_valid = self->valid;
  gboolean valid = TRUE;

  if (self->loading || self->copy == NULL)
    return;

  for (guint i = 0; i < self->n_field_rows; i++)
    {
      g_autofree char *message = check_field (self, &self->field_rows[i]);

      set_message (&self->field_rows[i], message);
      if (message != NULL)
        valid = FALSE;
    }

  if (valid)
    {
      g_autoptr(GError) error = NULL;

      /* Whatever the rows do not show, the record's own check still catches. */
      valid = liaison_record_validate (self->copy, &error);
      _liaison_editor_show_error (self, error ? error->message : NULL);
    }
  else if (!self->saving_failed)
    _liaison_editor_show_error (self, NULL);

  self->saving_failed = FALSE;
  self->valid = valid;
  self->modified = !liaison_record_equal (self->copy, self->original);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save",
                                 self->valid && (self->modified || _liaison_editor_is_new (self)));

  if (was_modified != self->modified)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
  if (was_valid != self->valid)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALID]);
}

LiaisonRecord *
_liaison_editor_get_copy (LiaisonEditor *self)
{
  return self->copy;
}

/* Shows a chooser of @kind over the editor's window; @callback gets (chooser, uuid). */
LiaisonChooser *
_liaison_editor_choose (LiaisonEditor     *self,
                        LiaisonRecordKind  kind,
                        GCallback          callback)
{
  LiaisonChooser *chooser = liaison_chooser_new (self->store, kind);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (chooser), GTK_WINDOW (root));
  g_signal_connect_object (chooser, "chosen", callback, self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (chooser));
  return chooser;
}

char *
_liaison_editor_dup_title (LiaisonEditor *self,
                           const char    *uuid)
{
  g_autoptr(LiaisonRecord) record = NULL;

  if (uuid == NULL)
    return NULL;
  record = liaison_store_load_by_uuid (self->store, uuid, NULL);
  return record ? liaison_record_dup_display_title (record) : g_strdup (uuid);
}

/* Saving over someone else's change */

static void
conflict_response_cb (LiaisonEditor         *self,
                      const char            *response,
                      LiaisonConflictDialog *dialog)
{
  LiaisonRecord *theirs = liaison_conflict_dialog_get_theirs (dialog);

  if (self->copy == NULL)
    return;

  if (g_str_equal (response, "mine"))
    {
      g_autoptr(GError) error = NULL;

      /* Saved over the revision the user has now seen; theirs stays in the history. */
      liaison_record_set_revision (self->copy, liaison_record_get_revision (theirs));
      if (!liaison_editor_save (self, &error))
        g_debug ("Not saved: %s", error->message);
    }
  else if (g_str_equal (response, "theirs"))
    {
      g_autoptr(LiaisonRecord) stored = liaison_record_copy (theirs);

      liaison_editor_set_record (self, stored);
    }
}

static void
offer_conflict_choice (LiaisonEditor *self)
{
  g_autoptr(LiaisonRecord) theirs = NULL;
  g_autoptr(GError) error = NULL;
  LiaisonConflictDialog *dialog;
  GtkRoot *root;

  theirs = liaison_store_load_by_uuid (self->store, liaison_record_get_uuid (self->copy), &error);
  if (theirs == NULL)
    {
      _liaison_editor_show_error (self, error->message);
      return;
    }

  root = gtk_widget_get_root (GTK_WIDGET (self));
  dialog = liaison_conflict_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        self->store, self->copy, theirs);
  g_signal_connect_object (dialog, "response", G_CALLBACK (conflict_response_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Actions */

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  LiaisonEditor *self = LIAISON_EDITOR (widget);
  g_autoptr(GError) error = NULL;

  if (!liaison_editor_save (self, &error))
    g_debug ("Not saved: %s", error->message);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  g_signal_emit (widget, signals[CANCELLED], 0);
}

/* GObject */

static void
liaison_editor_dispose (GObject *object)
{
  LiaisonEditor *self = (LiaisonEditor *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), LIAISON_TYPE_EDITOR);
  g_clear_pointer (&self->links, _liaison_editor_links_free);
  g_clear_pointer (&self->group_rows, g_ptr_array_unref);
  for (guint i = 0; i < self->n_field_rows; i++)
    g_free (self->field_rows[i].problem);
  g_clear_pointer (&self->field_rows, g_free);
  self->n_field_rows = 0;
  g_clear_object (&self->copy);
  g_clear_object (&self->original);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (liaison_editor_parent_class)->dispose (object);
}

static void
liaison_editor_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  LiaisonEditor *self = LIAISON_EDITOR (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_RECORD:
      g_value_set_object (value, self->original);
      break;
    case PROP_MODIFIED:
      g_value_set_boolean (value, self->modified);
      break;
    case PROP_VALID:
      g_value_set_boolean (value, self->valid);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liaison_editor_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  LiaisonEditor *self = LIAISON_EDITOR (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_RECORD:
      liaison_editor_set_record (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liaison_editor_class_init (LiaisonEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = liaison_editor_dispose;
  object_class->get_property = liaison_editor_get_property;
  object_class->set_property = liaison_editor_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, LIAISON_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /**
   * LiaisonEditor:record:
   *
   * The record as it is stored (or the new record as it was given); the editor
   * changes a copy of it.
   */
  properties[PROP_RECORD] =
    g_param_spec_object ("record", NULL, NULL, LIAISON_TYPE_RECORD,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MODIFIED] =
    g_param_spec_boolean ("modified", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_VALID] =
    g_param_spec_boolean ("valid", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LiaisonEditor::saved:
   * @record: the record as it was saved, with its UUID
   */
  signals[SAVED] =
    g_signal_new ("saved",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, LIAISON_TYPE_RECORD);
  signals[CANCELLED] =
    g_signal_new ("cancelled",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/liaisonapp/Liaison/liaison-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, LiaisonEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, LiaisonEditor, fields_group);
  gtk_widget_class_bind_template_child (widget_class, LiaisonEditor, content);
  gtk_widget_class_bind_template_child (widget_class, LiaisonEditor, save_button);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save", NULL);
  gtk_widget_class_install_action (widget_class, "editor.cancel", NULL, cancel_action);
}

static void
liaison_editor_init (LiaisonEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->group_rows = g_ptr_array_new ();
  self->valid = TRUE;
  self->links = _liaison_editor_links_new (self, self->content);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", FALSE);
}

/* Public API */

/**
 * liaison_editor_new:
 * @record: (nullable): the record to edit, or a new one from liaison_record_new()
 */
GtkWidget *
liaison_editor_new (LiaisonStore  *store,
                    LiaisonRecord *record)
{
  g_return_val_if_fail (LIAISON_IS_STORE (store), NULL);
  g_return_val_if_fail (record == NULL || LIAISON_IS_RECORD (record), NULL);

  return g_object_new (LIAISON_TYPE_EDITOR, "store", store, "record", record, NULL);
}

LiaisonStore *
liaison_editor_get_store (LiaisonEditor *self)
{
  g_return_val_if_fail (LIAISON_IS_EDITOR (self), NULL);
  return self->store;
}

/**
 * liaison_editor_get_record:
 *
 * Returns: (transfer none) (nullable): the record as stored, or as given when new
 */
LiaisonRecord *
liaison_editor_get_record (LiaisonEditor *self)
{
  g_return_val_if_fail (LIAISON_IS_EDITOR (self), NULL);
  return self->original;
}

/**
 * liaison_editor_set_record:
 * @record: (nullable): the record to edit; the editor keeps it unchanged and edits a
 *   copy
 *
 * Starts editing @record, dropping what was being edited.
 */
void
liaison_editor_set_record (LiaisonEditor *self,
                           LiaisonRecord *record)
{
  g_return_if_fail (LIAISON_IS_EDITOR (self));
  g_return_if_fail (record == NULL || LIAISON_IS_RECORD (record));

  if (record == self->original && record != NULL)
    return;

  g_clear_object (&self->copy);
  g_set_object (&self->original, record);

  if (record != NULL)
    {
      self->copy = liaison_record_copy (record);
      _liaison_editor_load_record (self);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECORD]);
}

/**
 * liaison_editor_get_edited_record:
 *
 * Returns: (transfer none) (nullable): the copy being edited, as it is now
 */
LiaisonRecord *
liaison_editor_get_edited_record (LiaisonEditor *self)
{
  g_return_val_if_fail (LIAISON_IS_EDITOR (self), NULL);
  return self->copy;
}

/**
 * liaison_editor_get_modified:
 *
 * Returns: whether the copy differs from the record: leaving now would lose edits
 */
gboolean
liaison_editor_get_modified (LiaisonEditor *self)
{
  g_return_val_if_fail (LIAISON_IS_EDITOR (self), FALSE);
  return self->modified;
}

gboolean
liaison_editor_get_valid (LiaisonEditor *self)
{
  g_return_val_if_fail (LIAISON_IS_EDITOR (self), FALSE);
  return self->valid;
}

/**
 * liaison_editor_save:
 *
 * Saves the edited copy in one transaction.  On success emits #LiaisonEditor::saved
 * and goes on editing the saved record; on failure shows why and keeps the edits.
 */
gboolean
liaison_editor_save (LiaisonEditor  *self,
                     GError        **error)
{
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (LIAISON_IS_EDITOR (self), FALSE);
  g_return_val_if_fail (self->copy != NULL, FALSE);

  _liaison_editor_update (self);
  if (!self->valid)
    {
      g_set_error_literal (error, LIAISON_ERROR, LIAISON_ERROR_INVALID_FIELD,
                           _("Some fields need attention before saving"));
      return FALSE;
    }

  if (!liaison_store_save (self->store, self->copy, &local_error))
    {
      GtkWidget *scroller = gtk_widget_get_ancestor (GTK_WIDGET (self->error_label), GTK_TYPE_SCROLLED_WINDOW);

      /* The edits stay in the copy: a busy database or a full disk can be retried.
       * The message is at the top, where the user may not be. */
      _liaison_editor_show_error (self, local_error->message);
      if (scroller != NULL)
        gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller)), 0);
      self->saving_failed = TRUE;
      if (g_error_matches (local_error, LIAISON_ERROR, LIAISON_ERROR_CONFLICT))
        offer_conflict_choice (self);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  g_clear_object (&self->original);
  self->original = liaison_record_copy (self->copy);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECORD]);

  adw_preferences_group_set_title (self->fields_group, "");
  _liaison_editor_update (self);

  g_signal_emit (self, signals[SAVED], 0, self->original);
  return TRUE;
}

/**
 * liaison_editor_get_field_row:
 * @name: a field's name ("end-date")
 *
 * Returns: (transfer none) (nullable): the row that edits the field: an #AdwEntryRow
 *   for lines and dates, an #AdwComboRow for choices, an #AdwActionRow for references
 */
GtkWidget *
liaison_editor_get_field_row (LiaisonEditor *self,
                              const char    *name)
{
  FieldRow *row;

  g_return_val_if_fail (LIAISON_IS_EDITOR (self), NULL);

  row = _liaison_editor_find_field_row (self, name);
  return row ? row->row : NULL;
}

/**
 * liaison_editor_get_field_message:
 *
 * Returns: (nullable): what the editor shows under the field's row, or %NULL when
 *   it shows nothing
 */
const char *
liaison_editor_get_field_message (LiaisonEditor *self,
                                  const char    *name)
{
  FieldRow *row;

  g_return_val_if_fail (LIAISON_IS_EDITOR (self), NULL);

  row = _liaison_editor_find_field_row (self, name);
  if (row == NULL || !gtk_widget_get_visible (row->message_row))
    return NULL;
  return gtk_label_get_text (row->message);
}

void
liaison_editor_focus_first_field (LiaisonEditor *self)
{
  g_return_if_fail (LIAISON_IS_EDITOR (self));

  if (self->n_field_rows > 0)
    gtk_widget_grab_focus (self->field_rows[0].row);
}

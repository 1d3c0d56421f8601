/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "liaison-chooser.h"
#include "liaison-editor-private.h"
#include "liaison-labels.h"

/*
 * The editor's field rows, built from the kind's field table: an entry, a paragraph,
 * a choice, a switch or a reference to another record for each field, each checking
 * what it holds as it changes.
 */

/* Field rows */

static void
update_date_hint (FieldRow *row)
{
  const char *value = liaison_record_get_field_at (row->editor->copy, row->index);
  g_autofree char *readable = NULL;

  if (row->problem == NULL && value != NULL)
    readable = liaison_date_format (value);
  gtk_label_set_text (row->hint, readable ? readable : "");
}

static void
entry_changed_cb (GtkEditable *editable,
                  FieldRow    *row)
{
  LiaisonEditor *self = row->editor;
  const char *text = gtk_editable_get_text (editable);

  if (self->loading)
    return;

  g_clear_pointer (&row->problem, g_free);

  if (row->field->type == LIAISON_FIELD_DATE && !_liaison_editor_is_blank (text))
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *iso = NULL;
      g_autofree char *stripped = g_strstrip (g_strdup (text));

      if (liaison_date_parse (stripped, &iso, &error))
        liaison_record_set_field_at (self->copy, row->index, iso);
      else
        {
          /* Keep what was typed: the record stays invalid until it is a date. */
          liaison_record_set_field_at (self->copy, row->index, stripped);
          row->problem = g_strdup (error->message);
        }
      update_date_hint (row);
    }
  else
    {
      liaison_record_set_field_at (self->copy, row->index, _liaison_editor_is_blank (text) ? NULL : text);
      if (row->hint != NULL)
        update_date_hint (row);
    }

  _liaison_editor_update (self);
}

static void
text_changed_cb (GtkTextBuffer *buffer,
                 FieldRow      *row)
{
  g_autofree char *text = NULL;
  GtkTextIter start, end;

  if (row->editor->loading)
    return;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  liaison_record_set_field_at (row->editor->copy, row->index, _liaison_editor_is_blank (text) ? NULL : text);
  _liaison_editor_update (row->editor);
}

static void
choice_selected_cb (AdwComboRow *combo,
                    GParamSpec  *pspec,
                    FieldRow    *row)
{
  guint selected = adw_combo_row_get_selected (combo);

  if (row->editor->loading || selected == GTK_INVALID_LIST_POSITION)
    return;

  liaison_record_set_field_at (row->editor->copy, row->index, row->field->choices[selected]);

  /* A status picked by hand would otherwise give way, on save, to the one its dates
   * call for; putting the record's own status back puts its switch back too. */
  if (g_strcmp0 (row->field->name, "status") == 0)
    {
      LiaisonRecord *original = row->editor->original;
      FieldRow *manual = _liaison_editor_find_field_row (row->editor, "status-manual");
      gboolean by_hand = TRUE;

      if (original != NULL &&
          g_strcmp0 (liaison_record_get_field (original, "status"), row->field->choices[selected]) == 0)
        by_hand = liaison_record_get_field (original, "status-manual") != NULL;
      if (manual != NULL && manual->toggle != NULL)
        gtk_switch_set_active (manual->toggle, by_hand);
    }

  _liaison_editor_update (row->editor);
}

static void
switch_active_cb (GtkSwitch  *toggle,
                  GParamSpec *pspec,
                  FieldRow   *row)
{
  if (row->editor->loading)
    return;

  liaison_record_set_field_at (row->editor->copy, row->index,
                               gtk_switch_get_active (toggle) ? "true" : NULL);
  _liaison_editor_update (row->editor);
}

static void
show_reference (FieldRow *row)
{
  const char *uuid = liaison_record_get_field_at (row->editor->copy, row->index);
  g_autofree char *title = _liaison_editor_dup_title (row->editor, uuid);

  adw_action_row_set_subtitle (ADW_ACTION_ROW (row->row), title ? title : _("None"));
  gtk_widget_set_visible (row->clear_button, uuid != NULL);
}

static void
reference_chosen_cb (LiaisonEditor  *self,
                     const char     *uuid,
                     LiaisonChooser *chooser)
{
  FieldRow *row = g_object_get_data (G_OBJECT (chooser), "liaison-field-row");

  /* The rows were rebuilt for another record while the dialog was open. */
  if (row == NULL || row < self->field_rows || row >= self->field_rows + self->n_field_rows)
    return;

  liaison_record_set_field_at (self->copy, row->index, uuid);
  show_reference (row);
  _liaison_editor_update (self);
}

static void
reference_choose_cb (GtkWidget *widget,
                     FieldRow  *row)
{
  LiaisonChooser *chooser = _liaison_editor_choose (row->editor, row->field->target,
                                                    G_CALLBACK (reference_chosen_cb));

  g_object_set_data (G_OBJECT (chooser), "liaison-field-row", row);
}

static void
reference_clear_cb (GtkButton *button,
                    FieldRow  *row)
{
  liaison_record_set_field_at (row->editor->copy, row->index, NULL);
  show_reference (row);
  _liaison_editor_update (row->editor);
}

static GtkWidget *
create_text_row (FieldRow   *row,
                 const char *label,
                 const char *value)
{
  GtkWidget *prefs_row = adw_preferences_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *title = gtk_label_new (label);
  GtkWidget *view = gtk_text_view_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (prefs_row), label);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (prefs_row), FALSE);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_add_css_class (title, "dim-label");
  gtk_widget_add_css_class (title, "caption");

  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (view), FALSE);
  gtk_widget_set_size_request (view, -1, 72);
  gtk_widget_add_css_class (view, "inline");
  gtk_accessible_update_relation (GTK_ACCESSIBLE (view),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, title, NULL,
                                  -1);

  row->buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  gtk_text_buffer_set_text (row->buffer, value ? value : "", -1);
  g_signal_connect (row->buffer, "changed", G_CALLBACK (text_changed_cb), row);

  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), view);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (prefs_row), box);
  return prefs_row;
}

static GtkWidget *
create_choice_row (FieldRow   *row,
                   const char *label,
                   const char *value)
{
  GtkWidget *combo = adw_combo_row_new ();
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  guint selected = GTK_INVALID_LIST_POSITION;

  for (guint i = 0; row->field->choices[i] != NULL; i++)
    {
      gtk_string_list_append (labels, liaison_choice_get_label (row->field->choices[i]));
      if (g_strcmp0 (row->field->choices[i], value) == 0)
        selected = i;
    }

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (combo), label);
  adw_combo_row_set_model (ADW_COMBO_ROW (combo), G_LIST_MODEL (labels));
  adw_combo_row_set_selected (ADW_COMBO_ROW (combo), selected);
  g_signal_connect (combo, "notify::selected", G_CALLBACK (choice_selected_cb), row);
  return combo;
}

static GtkWidget *
create_reference_row (FieldRow   *row,
                      const char *label)
{
  GtkWidget *action_row = adw_action_row_new ();
  GtkWidget *choose = gtk_button_new_from_icon_name ("document-edit-symbolic");
  g_autofree char *choose_label = g_strdup_printf (_("Choose %s"), label);
  g_autofree char *clear_label = g_strdup_printf (_("Clear %s"), label);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (action_row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (action_row), label);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (action_row), 2);

  row->clear_button = gtk_button_new_from_icon_name ("edit-clear-symbolic");
  gtk_widget_set_valign (row->clear_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (row->clear_button, "flat");
  gtk_widget_set_tooltip_text (row->clear_button, clear_label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->clear_button), GTK_ACCESSIBLE_PROPERTY_LABEL, clear_label, -1);
  g_signal_connect (row->clear_button, "clicked", G_CALLBACK (reference_clear_cb), row);

  gtk_widget_set_valign (choose, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (choose, "flat");
  gtk_widget_set_tooltip_text (choose, choose_label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (choose), GTK_ACCESSIBLE_PROPERTY_LABEL, choose_label, -1);
  g_signal_connect (choose, "clicked", G_CALLBACK (reference_choose_cb), row);

  adw_action_row_add_suffix (ADW_ACTION_ROW (action_row), row->clear_button);
  adw_action_row_add_suffix (ADW_ACTION_ROW (action_row), choose);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (action_row), choose);
  return action_row;
}

static GtkWidget *
create_entry_row (FieldRow   *row,
                  const char *label,
                  const char *value)
{
  GtkWidget *entry = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (entry), label);

  if (row->field->type == LIAISON_FIELD_DATE)
    {
      row->hint = GTK_LABEL (gtk_label_new (NULL));
      gtk_widget_add_css_class (GTK_WIDGET (row->hint), "dim-label");
      adw_entry_row_add_suffix (ADW_ENTRY_ROW (entry), GTK_WIDGET (row->hint));
      gtk_widget_set_tooltip_text (entry, _("Write 2023, 2023-08, 2023-08-30, or 04-18 when the year is unknown"));
      gtk_editable_set_text (GTK_EDITABLE (entry), _liaison_editor_date_to_text (value));
      update_date_hint (row);
    }
  else
    gtk_editable_set_text (GTK_EDITABLE (entry), value ? value : "");

  g_signal_connect (entry, "changed", G_CALLBACK (entry_changed_cb), row);
  return entry;
}

static void
clear_field_rows (LiaisonEditor *self)
{
  for (guint i = 0; i < self->group_rows->len; i++)
    adw_preferences_group_remove (self->fields_group, g_ptr_array_index (self->group_rows, i));
  g_ptr_array_set_size (self->group_rows, 0);

  for (guint i = 0; i < self->n_field_rows; i++)
    g_free (self->field_rows[i].problem);
  g_clear_pointer (&self->field_rows, g_free);
  self->n_field_rows = 0;
}

static void
add_group_row (LiaisonEditor *self,
               GtkWidget     *row)
{
  adw_preferences_group_add (self->fields_group, row);
  g_ptr_array_add (self->group_rows, row);
}

static void
build_field_rows (LiaisonEditor *self)
{
  LiaisonRecordKind kind = liaison_record_get_kind (self->copy);
  const LiaisonField *fields;
  guint n_fields;

  clear_field_rows (self);

  fields = liaison_record_kind_get_fields (kind, &n_fields);
  self->field_rows = g_new0 (FieldRow, n_fields);
  self->n_field_rows = n_fields;

  for (guint i = 0; i < n_fields; i++)
    {
      FieldRow *row = &self->field_rows[i];
      const char *value = liaison_record_get_field_at (self->copy, i);
      const char *label = liaison_field_get_label (kind, fields[i].name);
      GtkWidget *message;

      row->editor = self;
      row->field = &fields[i];
      row->index = i;

      switch (fields[i].type)
        {
        case LIAISON_FIELD_TEXT:
          row->row = create_text_row (row, label, value);
          break;
        case LIAISON_FIELD_CHOICE:
          row->row = create_choice_row (row, label, value);
          break;
        case LIAISON_FIELD_REFERENCE:
          row->row = create_reference_row (row, label);
          show_reference (row);
          break;
        case LIAISON_FIELD_BOOLEAN:
          {
            GtkWidget *toggle = gtk_switch_new ();

            row->row = adw_action_row_new ();
            adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row->row), label);
            gtk_switch_set_active (GTK_SWITCH (toggle), value != NULL);
            gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
            adw_action_row_add_suffix (ADW_ACTION_ROW (row->row), toggle);
            adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row->row), toggle);
            g_signal_connect (toggle, "notify::active", G_CALLBACK (switch_active_cb), row);
            row->toggle = GTK_SWITCH (toggle);
          }
          break;
        case LIAISON_FIELD_LINE:
        case LIAISON_FIELD_DATE:
        default:
          row->row = create_entry_row (row, label, value);
          break;
        }
      add_group_row (self, row->row);

      /* Under each row, hidden until there is something to say about it. */
      message = gtk_label_new (NULL);
      gtk_label_set_xalign (GTK_LABEL (message), 0);
      gtk_label_set_wrap (GTK_LABEL (message), TRUE);
      gtk_widget_set_margin_start (message, 12);
      gtk_widget_set_margin_end (message, 12);
      gtk_widget_set_margin_top (message, 6);
      gtk_widget_set_margin_bottom (message, 6);
      gtk_widget_add_css_class (message, "error");
      gtk_widget_add_css_class (message, "caption");
      row->message = GTK_LABEL (message);
      /* A preferences row, so that the group puts it in its list, under the field. */
      row->message_row = adw_preferences_row_new ();
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row->message_row), FALSE);
      gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (row->message_row), FALSE);
      gtk_widget_set_can_focus (row->message_row, FALSE);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row->message_row), message);
      gtk_widget_set_visible (row->message_row, FALSE);
      add_group_row (self, row->message_row);

      gtk_accessible_update_relation (GTK_ACCESSIBLE (row->row),
                                      GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, message, NULL,
                                      -1);
    }
}

void
_liaison_editor_load_record (LiaisonEditor *self)
{
  LiaisonRecordKind kind = liaison_record_get_kind (self->copy);
  g_autofree char *title = NULL;

  self->loading = TRUE;

  if (_liaison_editor_is_new (self))
    /* Translators: the heading of the editor of a new record, "New Agreement" */
    title = g_strdup_printf (_("New %s"), liaison_record_kind_get_label (kind));
  /* A stored record's kind is already in the heading of the pane that shows it. */
  adw_preferences_group_set_title (self->fields_group, title ? title : "");

  build_field_rows (self);
  _liaison_editor_links_load (self->links, self->store, self->copy);

  self->loading = FALSE;
  self->modified = FALSE;
  self->valid = TRUE;
  _liaison_editor_show_error (self, NULL);
  _liaison_editor_update (self);
}

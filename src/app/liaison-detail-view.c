/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-detail-view"

#include "config.h"

#include <glib/gi18n.h>

#include "liaison-detail-view-private.h"
#include "liaison-detail-view.h"
#include "liaison-editor.h"
#include "liaison-labels.h"

/*
 * The detail pane of a section: one record with its fields and the records linked to
 * it, each linked record a row that opens it ("open-record").  Edit mode puts the
 * editor in the same place.
 */

G_DEFINE_FINAL_TYPE (LiaisonDetailView, liaison_detail_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_KIND,
  PROP_RECORD,
  PROP_EDITING,
  N_PROPS
};

enum {
  OPEN_RECORD,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Building the page */

void
_liaison_detail_view_row_activated_cb (AdwActionRow      *row,
                                       LiaisonDetailView *self)
{
  const char *uuid = g_object_get_data (G_OBJECT (row), "liaison-uuid");

  if (uuid != NULL)
    g_signal_emit (self, signals[OPEN_RECORD], 0, uuid);
}

static void
clear_groups (LiaisonDetailView *self)
{
  for (guint i = 0; i < self->groups->len; i++)
    adw_preferences_page_remove (self->record_page, g_ptr_array_index (self->groups, i));
  g_ptr_array_set_size (self->groups, 0);
}

static void
update_header (LiaisonDetailView *self)
{
  g_autofree char *title = liaison_record_dup_display_title (self->record);
  g_autofree char *other = liaison_record_dup_other_name (self->record);
  g_autofree char *description = _liaison_detail_view_describe_record (self->record);

  gtk_label_set_text (self->title_label, title);
  gtk_label_set_text (self->subtitle_label, other ? other : "");
  gtk_widget_set_visible (GTK_WIDGET (self->subtitle_label), other != NULL);
  gtk_label_set_text (self->summary_label, description);
  gtk_widget_set_visible (GTK_WIDGET (self->summary_label), *description != '\0');
}

static void
rebuild (LiaisonDetailView *self)
{
  clear_groups (self);

  if (self->editor != NULL)
    return;

  if (self->record == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      gtk_label_set_text (self->toolbar_title, "");
      return;
    }

  gtk_label_set_text (self->toolbar_title, liaison_record_kind_get_label (self->kind));
  update_header (self);
  _liaison_detail_view_add_details_group (self);

  switch (self->kind)
    {
    case LIAISON_RECORD_INSTITUTION:
      _liaison_detail_view_add_query_group (self, _("People"), LIAISON_RECORD_PERSON, "name", FALSE);
      _liaison_detail_view_add_query_group (self, _("Agreements"), LIAISON_RECORD_AGREEMENT, "signed", TRUE);
      _liaison_detail_view_add_query_group (self, _("Events"), LIAISON_RECORD_EVENT, "date", TRUE);
      _liaison_detail_view_add_query_group (self, _("Sub-units"), LIAISON_RECORD_INSTITUTION, "name", FALSE);
      break;
    case LIAISON_RECORD_AGREEMENT:
      _liaison_detail_view_add_parties_group (self);
      _liaison_detail_view_add_query_group (self, _("Sub-agreements"), LIAISON_RECORD_AGREEMENT, "signed", FALSE);
      _liaison_detail_view_add_query_group (self, _("Events"), LIAISON_RECORD_EVENT, "date", TRUE);
      break;
    case LIAISON_RECORD_EVENT:
      _liaison_detail_view_add_links_group (self, _("Institutions"), LIAISON_LINK_INSTITUTION);
      _liaison_detail_view_add_links_group (self, _("People"), LIAISON_LINK_PERSON);
      _liaison_detail_view_add_links_group (self, _("Agreements"), LIAISON_LINK_AGREEMENT);
      break;
    case LIAISON_RECORD_PERSON:
      _liaison_detail_view_add_query_group (self, _("Agreements"), LIAISON_RECORD_AGREEMENT, "signed", TRUE);
      _liaison_detail_view_add_query_group (self, _("Events"), LIAISON_RECORD_EVENT, "date", TRUE);
      break;
    case LIAISON_RECORD_SOURCE:
    case LIAISON_N_RECORD_KINDS:
    default:
      break;
    }

  _liaison_detail_view_add_links_group (self, _("Sources"), LIAISON_LINK_CITATION);

  gtk_stack_set_visible_child_name (self->stack, "record");
}

static void
update_empty_page (LiaisonDetailView *self)
{
  const char *title = NULL;

  switch (self->kind)
    {
    case LIAISON_RECORD_INSTITUTION:
      title = _("No Institution Selected");
      break;
    case LIAISON_RECORD_AGREEMENT:
      title = _("No Agreement Selected");
      break;
    case LIAISON_RECORD_EVENT:
      title = _("No Event Selected");
      break;
    case LIAISON_RECORD_PERSON:
      title = _("No Person Selected");
      break;
    case LIAISON_RECORD_SOURCE:
    case LIAISON_N_RECORD_KINDS:
    default:
      title = _("Nothing Selected");
      break;
    }

  adw_status_page_set_title (self->empty_page, title);
  adw_status_page_set_description (self->empty_page, _("Choose one in the list to see it here"));
  adw_status_page_set_icon_name (self->empty_page, liaison_kind_get_icon_name (self->kind));
}

static void
update_actions (LiaisonDetailView *self)
{
  gboolean editing = self->editor != NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->button_stack), !editing && self->record != NULL);
  gtk_widget_set_visible (self->toolbar, editing || self->record != NULL || gtk_widget_get_visible (self->back_button));
  gtk_widget_set_visible (self->toolbar_separator, gtk_widget_get_visible (self->toolbar));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "detail.cancel", editing);
}

/* Callbacks */

static void
store_changed_cb (LiaisonDetailView *self,
                  guint              kind,
                  LiaisonStore      *store)
{
  g_autoptr(LiaisonRecord) fresh = NULL;

  if (self->record == NULL || self->editor != NULL)
    return;

  /* The record, or one it shows, may have changed or gone. */
  fresh = liaison_store_load_by_uuid (self->store, liaison_record_get_uuid (self->record), NULL);
  liaison_detail_view_set_record (self, fresh);
}

static void
editor_saved_cb (LiaisonDetailView *self,
                 LiaisonRecord     *record,
                 LiaisonEditor     *editor)
{
  g_autoptr(LiaisonRecord) saved = liaison_record_copy (record);

  /* The editor is still emitting; it goes away once that is over. */
  g_idle_add_once ((GSourceOnceFunc) g_object_unref, g_object_ref (editor));
  liaison_detail_view_set_record (self, saved);
}

static void
leave_for_cancel_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data);

static void
editor_cancelled_cb (LiaisonDetailView *self,
                     LiaisonEditor     *editor)
{
  liaison_detail_view_leave_async (self, leave_for_cancel_cb, NULL);
}

/* Actions */

static void
leave_for_cancel_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  liaison_detail_view_leave_finish (LIAISON_DETAIL_VIEW (object), result, NULL);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  /* Asks first when there are changes. */
  liaison_detail_view_leave_async (LIAISON_DETAIL_VIEW (widget), leave_for_cancel_cb, NULL);
}

/* Overrides */

static void
liaison_detail_view_dispose (GObject *object)
{
  LiaisonDetailView *self = (LiaisonDetailView *)object;

  if (self->store != NULL)
    g_clear_signal_handler (&self->changed_id, self->store);
  gtk_widget_dispose_template (GTK_WIDGET (self), LIAISON_TYPE_DETAIL_VIEW);
  g_clear_object (&self->store);
  g_clear_object (&self->record);
  g_clear_pointer (&self->groups, g_ptr_array_unref);
  self->editor = NULL;

  G_OBJECT_CLASS (liaison_detail_view_parent_class)->dispose (object);
}

static void
liaison_detail_view_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  LiaisonDetailView *self = LIAISON_DETAIL_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;
    case PROP_RECORD:
      g_value_set_object (value, self->record);
      break;
    case PROP_EDITING:
      g_value_set_boolean (value, self->editor != NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liaison_detail_view_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  LiaisonDetailView *self = LIAISON_DETAIL_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_KIND:
      self->kind = g_value_get_enum (value);
      break;
    case PROP_RECORD:
      liaison_detail_view_set_record (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liaison_detail_view_constructed (GObject *object)
{
  LiaisonDetailView *self = LIAISON_DETAIL_VIEW (object);

  G_OBJECT_CLASS (liaison_detail_view_parent_class)->constructed (object);

  g_assert (LIAISON_IS_STORE (self->store));
  self->changed_id = g_signal_connect_object (self->store, "changed",
                                              G_CALLBACK (store_changed_cb), self,
                                              G_CONNECT_SWAPPED);
  update_empty_page (self);
  update_actions (self);
  rebuild (self);
}

static void
liaison_detail_view_class_init (LiaisonDetailViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = liaison_detail_view_constructed;
  object_class->dispose = liaison_detail_view_dispose;
  object_class->get_property = liaison_detail_view_get_property;
  object_class->set_property = liaison_detail_view_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, LIAISON_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL, LIAISON_TYPE_RECORD_KIND, LIAISON_RECORD_INSTITUTION,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RECORD] =
    g_param_spec_object ("record", NULL, NULL, LIAISON_TYPE_RECORD,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_EDITING] =
    g_param_spec_boolean ("editing", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LiaisonDetailView::open-record:
   * @uuid: the linked record to open
   *
   * Emitted when a linked record's row is activated.
   */
  signals[OPEN_RECORD] =
    g_signal_new ("open-record",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/liaisonapp/Liaison/liaison-detail-view.ui");
  gtk_widget_class_bind_template_child (widget_class, LiaisonDetailView, toolbar);
  gtk_widget_class_bind_template_child (widget_class, LiaisonDetailView, toolbar_separator);
  gtk_widget_class_bind_template_child (widget_class, LiaisonDetailView, back_button);
  gtk_widget_class_bind_template_child (widget_class, LiaisonDetailView, toolbar_title);
  gtk_widget_class_bind_template_child (widget_class, LiaisonDetailView, button_stack);
  gtk_widget_class_bind_template_child (widget_class, LiaisonDetailView, stack);
  gtk_widget_class_bind_template_child (widget_class, LiaisonDetailView, empty_page);
  gtk_widget_class_bind_template_child (widget_class, LiaisonDetailView, record_page);
  gtk_widget_class_bind_template_child (widget_class, LiaisonDetailView, title_label);
  gtk_widget_class_bind_template_child (widget_class, LiaisonDetailView, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, LiaisonDetailView, summary_label);
  gtk_widget_class_bind_template_child (widget_class, LiaisonDetailView, editor_bin);

  gtk_widget_class_install_action (widget_class, "detail.cancel", NULL, cancel_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "detail.cancel", NULL);

  gtk_widget_class_set_css_name (widget_class, "detailview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
liaison_detail_view_init (LiaisonDetailView *self)
{
  self->groups = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Public API */

GtkWidget *
liaison_detail_view_new (LiaisonStore      *store,
                         LiaisonRecordKind  kind)
{
  g_return_val_if_fail (LIAISON_IS_STORE (store), NULL);

  return g_object_new (LIAISON_TYPE_DETAIL_VIEW, "store", store, "kind", kind, NULL);
}

LiaisonStore *
liaison_detail_view_get_store (LiaisonDetailView *self)
{
  g_return_val_if_fail (LIAISON_IS_DETAIL_VIEW (self), NULL);
  return self->store;
}

LiaisonRecordKind
liaison_detail_view_get_kind (LiaisonDetailView *self)
{
  g_return_val_if_fail (LIAISON_IS_DETAIL_VIEW (self), LIAISON_RECORD_INSTITUTION);
  return self->kind;
}

/**
 * liaison_detail_view_get_record:
 *
 * Returns: (transfer none) (nullable): the record shown, not the one being edited
 */
LiaisonRecord *
liaison_detail_view_get_record (LiaisonDetailView *self)
{
  g_return_val_if_fail (LIAISON_IS_DETAIL_VIEW (self), NULL);
  return self->record;
}

/**
 * liaison_detail_view_set_record:
 * @record: (nullable): the record to show
 *
 * Shows @record.  The caller makes sure no edits are pending (see
 * liaison_detail_view_leave_async()); editing stops.
 */
void
liaison_detail_view_set_record (LiaisonDetailView *self,
                                LiaisonRecord     *record)
{
  g_return_if_fail (LIAISON_IS_DETAIL_VIEW (self));
  g_return_if_fail (record == NULL || LIAISON_IS_RECORD (record));
  g_return_if_fail (record == NULL || liaison_record_get_kind (record) == self->kind);

  if (self->editor != NULL)
    liaison_detail_view_stop_editing (self);

  if (self->record != record)
    {
      g_set_object (&self->record, record);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECORD]);
    }

  rebuild (self);
  update_actions (self);
}

void
liaison_detail_view_set_show_back_button (LiaisonDetailView *self,
                                          gboolean           show)
{
  g_return_if_fail (LIAISON_IS_DETAIL_VIEW (self));
  gtk_widget_set_visible (self->back_button, show);
  update_actions (self);
}

gboolean
liaison_detail_view_get_editing (LiaisonDetailView *self)
{
  g_return_val_if_fail (LIAISON_IS_DETAIL_VIEW (self), FALSE);
  return self->editor != NULL;
}

gboolean
liaison_detail_view_get_modified (LiaisonDetailView *self)
{
  g_return_val_if_fail (LIAISON_IS_DETAIL_VIEW (self), FALSE);
  return self->editor != NULL && liaison_editor_get_modified (LIAISON_EDITOR (self->editor));
}

/**
 * liaison_detail_view_get_editor:
 *
 * Returns: (transfer none) (nullable): the editor while editing
 */
GtkWidget *
liaison_detail_view_get_editor (LiaisonDetailView *self)
{
  g_return_val_if_fail (LIAISON_IS_DETAIL_VIEW (self), NULL);
  return self->editor;
}

/**
 * liaison_detail_view_edit:
 * @record: (nullable): the record to edit, or %NULL for a new record of the view's kind
 *
 * Returns: whether the editor is shown
 */
gboolean
liaison_detail_view_edit (LiaisonDetailView *self,
                          LiaisonRecord     *record)
{
  g_autoptr(LiaisonRecord) new_record = NULL;

  g_return_val_if_fail (LIAISON_IS_DETAIL_VIEW (self), FALSE);
  g_return_val_if_fail (record == NULL || liaison_record_get_kind (record) == self->kind, FALSE);

  if (liaison_store_get_read_only (self->store))
    return FALSE;

  if (self->editor != NULL)
    {
      liaison_editor_focus_first_field (LIAISON_EDITOR (self->editor));
      return TRUE;
    }

  if (record == NULL)
    record = new_record = liaison_record_new (self->kind);

  self->editor = liaison_editor_new (self->store, record);
  g_signal_connect_object (self->editor, "saved", G_CALLBACK (editor_saved_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->editor, "cancelled", G_CALLBACK (editor_cancelled_cb), self, G_CONNECT_SWAPPED);
  adw_bin_set_child (self->editor_bin, self->editor);

  gtk_label_set_text (self->toolbar_title, liaison_record_kind_get_label (self->kind));
  gtk_stack_set_visible_child_name (self->stack, "editor");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EDITING]);
  update_actions (self);
  liaison_editor_focus_first_field (LIAISON_EDITOR (self->editor));

  return TRUE;
}

/**
 * liaison_detail_view_save:
 *
 * Saves the editor's record in one transaction and shows it.
 *
 * Returns: %FALSE with @error set when the record is invalid or cannot be saved
 */
gboolean
liaison_detail_view_save (LiaisonDetailView  *self,
                          GError            **error)
{
  g_return_val_if_fail (LIAISON_IS_DETAIL_VIEW (self), FALSE);
  g_return_val_if_fail (self->editor != NULL, FALSE);

  /* On success the editor's "saved" shows the record. */
  return liaison_editor_save (LIAISON_EDITOR (self->editor), error);
}

/**
 * liaison_detail_view_stop_editing:
 *
 * Leaves edit mode, dropping any changes.
 */
void
liaison_detail_view_stop_editing (LiaisonDetailView *self)
{
  g_return_if_fail (LIAISON_IS_DETAIL_VIEW (self));

  if (self->editor == NULL)
    return;

  adw_bin_set_child (self->editor_bin, NULL);
  self->editor = NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EDITING]);
  update_actions (self);
  rebuild (self);
}

static void
leave_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   GTask            *task)
{
  LiaisonDetailView *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;

  /* Closing the dialog after a response must not answer twice. */
  g_signal_handlers_disconnect_by_func (dialog, leave_response_cb, task);

  if (g_str_equal (response, "save"))
    {
      if (liaison_detail_view_save (self, &error))
        g_task_return_boolean (task, TRUE);
      else
        g_task_return_error (task, g_steal_pointer (&error));
    }
  else if (g_str_equal (response, "discard"))
    {
      liaison_detail_view_stop_editing (self);
      g_task_return_boolean (task, TRUE);
    }
  else
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "%s", _("Kept editing"));

  g_object_unref (task);
}

/**
 * liaison_detail_view_leave_async:
 *
 * Makes sure no edits are lost before something else is shown: without changes the
 * editor just closes; with changes the user chooses to save, discard or keep editing.
 * liaison_detail_view_leave_finish() tells whether to go on.
 */
void
liaison_detail_view_leave_async (LiaisonDetailView   *self,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  GTask *task;
  GtkWidget *dialog;

  g_return_if_fail (LIAISON_IS_DETAIL_VIEW (self));

  task = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (task, liaison_detail_view_leave_async);

  if (!liaison_detail_view_get_modified (self))
    {
      liaison_detail_view_stop_editing (self);
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                   _("Save Changes?"),
                                   _("The record has changes that are not saved yet. Changes you do not save are lost."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "discard", _("_Discard"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (leave_response_cb), task);
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * liaison_detail_view_leave_finish:
 *
 * Returns: %TRUE when the editor was closed (saved or discarded) and the caller may
 *   show something else; %FALSE when the user kept editing or saving failed
 */
gboolean
liaison_detail_view_leave_finish (LiaisonDetailView  *self,
                                  GAsyncResult       *result,
                                  GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * liaison_detail_view_find_link_row:
 *
 * Returns: (transfer none) (nullable): the row that opens the record with @uuid
 */
GtkWidget *
liaison_detail_view_find_link_row (LiaisonDetailView *self,
                                   const char        *uuid)
{
  g_return_val_if_fail (LIAISON_IS_DETAIL_VIEW (self), NULL);

  for (guint i = 0; i < self->groups->len; i++)
    {
      GtkWidget *group = g_ptr_array_index (self->groups, i);
      GtkWidget *child;

      /* Rows live in the group's list box, a few levels down. */
      for (child = gtk_widget_get_first_child (group); child; )
        {
          if (ADW_IS_ACTION_ROW (child) &&
              g_strcmp0 (g_object_get_data (G_OBJECT (child), "liaison-uuid"), uuid) == 0)
            return child;

          if (gtk_widget_get_first_child (child) != NULL)
            child = gtk_widget_get_first_child (child);
          else
            {
              while (child != group && gtk_widget_get_next_sibling (child) == NULL)
                child = gtk_widget_get_parent (child);
              child = child == group ? NULL : gtk_widget_get_next_sibling (child);
            }
        }
    }

  return NULL;
}

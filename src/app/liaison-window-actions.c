/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-window"

#include "config.h"

#include <glib/gi18n.h>

#include "liaison-backup-dialog.h"
#include "liaison-export-dialog.h"
#include "liaison-history-view.h"
#include "liaison-import-dialog.h"
#include "liaison-labels.h"
#include "liaison-window-private.h"

/* The window's actions and their shortcuts. */

static LiaisonDetailView *
get_current_detail (LiaisonWindow *self)
{
  LiaisonSectionView *section = liaison_window_get_current_section (self);

  return section ? liaison_section_view_get_detail_view (section) : NULL;
}

static void
show_error_toast (LiaisonWindow *self,
                  const GError  *error)
{
  AdwToast *toast = adw_toast_new (error->message);

  adw_toast_set_timeout (toast, 0);
  liaison_window_add_toast (self, toast);
}

/* New and edit */

static void
new_leave_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(LiaisonSectionView) section = user_data;
  LiaisonDetailView *detail = LIAISON_DETAIL_VIEW (object);

  if (liaison_detail_view_leave_finish (detail, result, NULL) &&
      liaison_detail_view_edit (detail, NULL))
    liaison_section_view_show_detail (section);
}

static void
new_record_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  LiaisonWindow *self = LIAISON_WINDOW (widget);
  LiaisonSectionView *section = liaison_window_get_current_section (self);

  if (section == NULL)
    return;

  liaison_detail_view_leave_async (liaison_section_view_get_detail_view (section),
                                   new_leave_cb, g_object_ref (section));
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  LiaisonWindow *self = LIAISON_WINDOW (widget);
  LiaisonSectionView *section = liaison_window_get_current_section (self);
  LiaisonDetailView *detail = get_current_detail (self);
  LiaisonRecord *record = detail ? liaison_detail_view_get_record (detail) : NULL;

  if (record == NULL || liaison_detail_view_get_editing (detail))
    return;

  if (liaison_detail_view_edit (detail, record))
    liaison_section_view_show_detail (section);
}

/* History: the shown record's changes, in a window of their own (liaison-history-view.c). */

static void
show_history_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  LiaisonWindow *self = LIAISON_WINDOW (widget);
  LiaisonDetailView *detail = get_current_detail (self);
  LiaisonRecord *record = detail ? liaison_detail_view_get_record (detail) : NULL;
  LiaisonHistoryView *history;

  if (record == NULL || liaison_record_get_uuid (record) == NULL)
    return;

  history = liaison_history_view_new (self->store, liaison_record_get_uuid (record));
  gtk_window_set_transient_for (GTK_WINDOW (history), GTK_WINDOW (self));
  gtk_window_present (GTK_WINDOW (history));
}

/* Delete, undo and redo */

static void
show_changed_record (LiaisonWindow *self,
                     const char    *uuid)
{
  g_autoptr(LiaisonRecord) record = uuid ? liaison_store_load_by_uuid (self->store, uuid, NULL) : NULL;

  if (record != NULL)
    _liaison_window_show_record (self, record, NULL, FALSE);
}

static void
undo_delete_cb (AdwToast      *toast,
                LiaisonWindow *self)
{
  LiaisonRecord *deleted = g_object_get_data (G_OBJECT (toast), "liaison-deleted");
  const char *summary = g_object_get_data (G_OBJECT (toast), "liaison-summary");
  g_autofree char *newest = liaison_store_get_undo_summary (self->store);
  g_autoptr(GError) error = NULL;

  g_return_if_fail (LIAISON_IS_RECORD (deleted));

  if (newest != NULL && g_strcmp0 (newest, summary) == 0)
    {
      /* The deletion is the newest change: undo brings back its links too. */
      if (!liaison_store_undo (self->store, &error))
        {
          show_error_toast (self, error);
          return;
        }
    }
  else
    {
      g_autoptr(LiaisonRecord) restored = liaison_record_copy (deleted);

      /* Other changes came since: save it again under its UUID, with its own links. */
      liaison_record_set_id (restored, 0);
      if (!liaison_store_save (self->store, restored, &error))
        {
          show_error_toast (self, error);
          return;
        }
    }

  show_changed_record (self, liaison_record_get_uuid (deleted));
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  LiaisonWindow *self = LIAISON_WINDOW (widget);
  LiaisonDetailView *detail = get_current_detail (self);
  LiaisonRecord *shown = detail ? liaison_detail_view_get_record (detail) : NULL;
  g_autoptr(LiaisonRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  AdwToast *toast;

  if (shown == NULL || liaison_detail_view_get_editing (detail))
    return;

  record = liaison_record_copy (shown);
  title = liaison_record_dup_display_title (record);

  if (!liaison_store_delete (self->store, record, &error))
    {
      show_error_toast (self, error);
      return;
    }

  /* Translators: a toast after deleting a record; %s is its name or title */
  toast = adw_toast_new_format (_("Deleted “%s”"), title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_object_set_data_full (G_OBJECT (toast), "liaison-deleted", g_steal_pointer (&record), g_object_unref);
  g_object_set_data_full (G_OBJECT (toast), "liaison-summary", liaison_store_get_undo_summary (self->store), g_free);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (undo_delete_cb), self, 0);
  liaison_window_add_toast (self, toast);

  liaison_detail_view_set_record (detail, NULL);
  liaison_section_view_show_list (liaison_window_get_current_section (self));
}

static char *
dup_newest_uuid (LiaisonWindow *self)
{
  g_autoptr(GPtrArray) changes = liaison_store_list_changes (self->store, NULL, 1, NULL);
  LiaisonChange *change;

  if (changes == NULL || changes->len == 0)
    return NULL;

  change = g_ptr_array_index (changes, 0);
  return g_strdup (change->record_uuid);
}

static void
undo_redo (LiaisonWindow *self,
           gboolean       redo)
{
  g_autofree char *summary = redo ? NULL : liaison_store_get_undo_summary (self->store);
  g_autofree char *uuid = NULL;
  g_autoptr(GError) error = NULL;
  LiaisonDetailView *detail = get_current_detail (self);

  /* Pending edits would be overwritten by the store's older state. */
  if (detail != NULL && liaison_detail_view_get_editing (detail))
    return;

  if (!(redo ? liaison_store_redo (self->store, &error) : liaison_store_undo (self->store, &error)))
    {
      show_error_toast (self, error);
      return;
    }

  if (summary != NULL)
    /* Translators: a toast after undo; %s says what was undone, "Deleted agreement “…”" */
    liaison_window_add_toast (self, adw_toast_new_format (_("Undone: %s"), summary));

  uuid = dup_newest_uuid (self);
  show_changed_record (self, uuid);
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  undo_redo (LIAISON_WINDOW (widget), FALSE);
}

static void
redo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  undo_redo (LIAISON_WINDOW (widget), TRUE);
}

/* Navigation and search */

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  _liaison_window_go_back (LIAISON_WINDOW (widget));
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  LiaisonSectionView *section = liaison_window_get_current_section (LIAISON_WINDOW (widget));

  if (section != NULL)
    liaison_section_view_set_search_mode (section, TRUE);
}

static void
show_page_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  liaison_window_set_page (LIAISON_WINDOW (widget), g_variant_get_string (param, NULL));
}

/* Import and export: dialogs of their own (liaison-import-dialog.c, liaison-export-dialog.c). */

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  gtk_window_present (GTK_WINDOW (liaison_import_dialog_new (LIAISON_WINDOW (widget))));
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  gtk_window_present (GTK_WINDOW (liaison_export_dialog_new (LIAISON_WINDOW (widget))));
}

/* Restoring a backup: a dialog of its own (liaison-backup-dialog.c). */

static void
restore_backup_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  gtk_window_present (GTK_WINDOW (liaison_backup_dialog_new (LIAISON_WINDOW (widget))));
}

void
_liaison_window_update_actions (LiaisonWindow *self)
{
  LiaisonSectionView *section = liaison_window_get_current_section (self);
  LiaisonDetailView *detail = get_current_detail (self);
  LiaisonRecord *record = detail ? liaison_detail_view_get_record (detail) : NULL;
  gboolean editing = detail != NULL && liaison_detail_view_get_editing (detail);
  gboolean writable = !liaison_store_get_read_only (self->store) && !self->restoring;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-record", section != NULL && writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.edit", record != NULL && !editing && writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.delete", record != NULL && !editing && writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-history", record != NULL && !editing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.search", section != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.back", self->history->len > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo", writable && !editing && liaison_store_can_undo (self->store));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.redo", writable && !editing && liaison_store_can_redo (self->store));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import", writable && !editing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.restore-backup", writable && !editing);
  gtk_widget_set_visible (GTK_WIDGET (self->back_button), self->history->len > 0);
}

void
_liaison_window_class_add_actions (GtkWidgetClass *widget_class)
{
  static const char * const pages[] = { "overview", "institutions", "agreements", "events", "people" };

  gtk_widget_class_install_action (widget_class, "win.new-record", NULL, new_record_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.new-record", NULL);

  gtk_widget_class_install_action (widget_class, "win.edit", NULL, edit_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "win.edit", NULL);

  gtk_widget_class_install_action (widget_class, "win.delete", NULL, delete_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "win.delete", NULL);

  gtk_widget_class_install_action (widget_class, "win.show-history", NULL, show_history_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_h, GDK_CONTROL_MASK, "win.show-history", NULL);

  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "win.undo", NULL);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, redo_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.redo", NULL);

  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search", NULL);

  gtk_widget_class_install_action (widget_class, "win.back", NULL, back_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "win.back", NULL);

  gtk_widget_class_install_action (widget_class, "win.show-page", "s", show_page_action);
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1 + i, GDK_ALT_MASK,
                                         "win.show-page", "s", pages[i]);

  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK, "win.import", NULL);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.export", NULL);
  gtk_widget_class_install_action (widget_class, "win.restore-backup", NULL, restore_backup_action);
}

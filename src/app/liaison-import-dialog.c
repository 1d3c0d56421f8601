/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-import-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "liaison-import-dialog-private.h"
#include "liaison-import-dialog.h"
#include "liaison-labels.h"
#include "liaison-progress.h"

/*
 * The Import dialog: pick a Liaison file, see what importing it would do (a dry run
 * in a thread: new, updated, unchanged, kept and conflicting records, the conflicts
 * by name), settle the conflicts, then import on confirmation, in a thread.  The
 * dialog closes and the window shows a toast whose Undo restores the copy of the
 * database taken just before the import, as long as nothing else was saved since
 * (liaison-import-undo.c).
 *
 * Both runs use a connection of their own; the window's store is told afterwards.
 * A bad file shows its error (file, line, problem) and nothing changes.
 */

G_DEFINE_FINAL_TYPE (LiaisonImportDialog, liaison_import_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_WINDOW,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The rows of the resolution list */
enum {
  RESOLUTION_NONE,
  RESOLUTION_KEEP_MINE,
  RESOLUTION_TAKE_THEIRS,
};

/* So many records are listed by name under New and Updated; the counts say the rest. */
#define MAX_LISTED 200

/* What the dialog shows */

static gboolean
is_busy (LiaisonImportDialog *self)
{
  return self->task != NULL;
}

static LiaisonImportFlags
get_resolution (LiaisonImportDialog *self)
{
  switch (adw_combo_row_get_selected (self->resolution_row))
    {
    case RESOLUTION_KEEP_MINE:
      return LIAISON_IMPORT_KEEP_LOCAL;
    case RESOLUTION_TAKE_THEIRS:
      return LIAISON_IMPORT_TAKE_THEIRS;
    default:
      return LIAISON_IMPORT_DEFAULT;
    }
}

static gboolean
can_import (LiaisonImportDialog *self)
{
  return !is_busy (self) && self->has_preview &&
         (self->stats.conflicts == 0 || get_resolution (self) != LIAISON_IMPORT_DEFAULT);
}

void
_liaison_import_dialog_update_actions (LiaisonImportDialog *self)
{
  gboolean blocked = self->has_preview && self->stats.conflicts > 0 && get_resolution (self) == LIAISON_IMPORT_DEFAULT;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.apply", can_import (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.choose-file", !is_busy (self));
  gtk_widget_set_visible (GTK_WIDGET (self->import_button), self->has_preview);
  gtk_widget_set_visible (GTK_WIDGET (self->blocked_label), blocked);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->import_button),
                               blocked ? _("Choose which versions to keep for the conflicting records first") : NULL);
  gtk_button_set_label (self->cancel_button, is_busy (self) ? _("_Stop") : _("_Cancel"));
}

void
_liaison_import_dialog_set_message (LiaisonImportDialog *self,
                                    const char          *message)
{
  g_free (self->message);
  self->message = g_strdup (message);
}

static void
set_count (GtkLabel *label,
           guint     count)
{
  g_autofree char *text = g_strdup_printf ("%u", count);

  gtk_label_set_text (label, text);
}

static void
clear_item_rows (LiaisonImportDialog *self)
{
  for (guint i = 0; i < self->item_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->item_rows, i);
      GtkWidget *parent = gtk_widget_get_ancestor (gtk_widget_get_parent (row), ADW_TYPE_EXPANDER_ROW);

      if (parent != NULL)
        adw_expander_row_remove (ADW_EXPANDER_ROW (parent), row);
      else
        adw_preferences_group_remove (self->conflicts_group, row);
    }
  g_ptr_array_set_size (self->item_rows, 0);
}

static char *
dup_conflict_subtitle (LiaisonImportDialog *self,
                       const Item          *item)
{
  g_autoptr(LiaisonRecord) here = liaison_store_load_by_uuid (self->store, item->uuid, NULL);
  const char *modified = here ? liaison_record_get_modified (here) : NULL;
  g_autofree char *day = NULL;
  g_autofree char *when = NULL;

  if (modified != NULL && strlen (modified) >= 10)
    {
      day = g_strndup (modified, 10);
      when = liaison_date_format (day);
    }

  if (here != NULL && g_strcmp0 (liaison_record_get_title (here), item->title) != 0)
    /* Translators: under a conflicting record's title from the file: "Agreement · here:
     * “Old title” · line 42 of the file" */
    return g_strdup_printf (_("%s · here: “%s” · line %d of the file"),
                            liaison_record_kind_get_label (item->kind), liaison_record_get_title (here), item->line);
  if (when != NULL)
    /* Translators: "Agreement · changed here on 3 May 2024 · line 42 of the file" */
    return g_strdup_printf (_("%s · changed here on %s · line %d of the file"),
                            liaison_record_kind_get_label (item->kind), when, item->line);
  /* Translators: "Agreement · line 42 of the file" */
  return g_strdup_printf (_("%s · line %d of the file"), liaison_record_kind_get_label (item->kind), item->line);
}

static GtkWidget *
create_item_row (const char *title,
                 const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title && *title ? title : _("(untitled)"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  return row;
}

void
_liaison_import_dialog_show_preview (LiaisonImportDialog *self)
{
  g_autofree char *name = g_file_get_basename (self->file);
  guint n_added = 0;
  guint n_updated = 0;

  clear_item_rows (self);

  adw_preferences_group_set_title (self->summary_group, name);
  set_count (self->added_label, self->stats.added);
  set_count (self->updated_label, self->stats.updated);
  set_count (self->unchanged_label, self->stats.unchanged);
  set_count (self->kept_label, self->stats.kept);
  set_count (self->conflicts_label, self->stats.conflicts);

  for (guint i = 0; i < self->items->len; i++)
    {
      const Item *item = &g_array_index (self->items, Item, i);
      GtkWidget *row = NULL;

      switch (item->outcome)
        {
        case LIAISON_IMPORT_CONFLICT:
          {
            g_autofree char *subtitle = dup_conflict_subtitle (self, item);

            row = create_item_row (item->title, subtitle);
            adw_preferences_group_add (self->conflicts_group, row);
          }
          break;

        case LIAISON_IMPORT_NEW:
        case LIAISON_IMPORT_UPDATED:
          {
            gboolean added = item->outcome == LIAISON_IMPORT_NEW;
            guint *n = added ? &n_added : &n_updated;

            if ((*n)++ < MAX_LISTED)
              {
                row = create_item_row (item->title, liaison_record_kind_get_label (item->kind));
                adw_expander_row_add_row (added ? self->added_expander : self->updated_expander, row);
              }
          }
          break;

        case LIAISON_IMPORT_UNCHANGED:
        case LIAISON_IMPORT_KEPT:
        default:
          break;
        }

      if (row != NULL)
        g_ptr_array_add (self->item_rows, row);
    }

  {
    g_autofree char *added = NULL;
    g_autofree char *updated = NULL;

    added = n_added > MAX_LISTED
      /* Translators: under "New records": the first 200 of 1234 are listed */
      ? g_strdup_printf (_("The first %u of %u"), MAX_LISTED, n_added)
      : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u record", "%u records", n_added), n_added);
    updated = n_updated > MAX_LISTED
      ? g_strdup_printf (_("The first %u of %u"), MAX_LISTED, n_updated)
      : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u record", "%u records", n_updated), n_updated);
    adw_expander_row_set_subtitle (self->added_expander, added);
    adw_expander_row_set_subtitle (self->updated_expander, updated);
    gtk_widget_set_visible (GTK_WIDGET (self->added_expander), n_added > 0);
    gtk_widget_set_visible (GTK_WIDGET (self->updated_expander), n_updated > 0);
    gtk_widget_set_visible (GTK_WIDGET (self->changes_group), n_added + n_updated > 0);
  }

  adw_combo_row_set_selected (self->resolution_row, RESOLUTION_NONE);
  gtk_widget_set_visible (GTK_WIDGET (self->conflicts_group), self->stats.conflicts > 0);
  gtk_stack_set_visible_child_name (self->stack, "preview");
}

void
_liaison_import_dialog_show_error (LiaisonImportDialog *self,
                                   const GError        *error)
{
  _liaison_import_dialog_set_message (self, error->message);
  adw_status_page_set_description (self->error_page, error->message);
  gtk_stack_set_visible_child_name (self->stack, "error");
}

/* Running */

static gboolean
update_progress_cb (gpointer user_data)
{
  LiaisonImportDialog *self = user_data;
  ImportJob *job = self->task ? g_task_get_task_data (self->task) : NULL;

  if (job == NULL)
    return G_SOURCE_CONTINUE;

  liaison_progress_bar_show_permille (self->progress_bar, &job->permille);
  return G_SOURCE_CONTINUE;
}

void
_liaison_import_dialog_set_task (LiaisonImportDialog *self,
                                 GTask               *task)
{
  gboolean was_busy = is_busy (self);

  g_set_object (&self->task, task);
  if (task == NULL)
    {
      g_clear_handle_id (&self->progress_id, g_source_remove);
      g_clear_object (&self->cancellable);
    }
  else
    {
      gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
      gtk_progress_bar_set_text (self->progress_bar, "");
      self->progress_id = g_timeout_add (100, update_progress_cb, self);
      gtk_stack_set_visible_child_name (self->stack, "working");
    }

  _liaison_import_dialog_update_actions (self);
  if (was_busy != is_busy (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
chooser_response_cb (LiaisonImportDialog  *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (chooser));
  g_clear_object (&self->chooser);

  if (file != NULL)
    liaison_import_dialog_preview_file (self, file);
}

/* Actions */

static void
choose_file_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  LiaisonImportDialog *self = LIAISON_IMPORT_DIALOG (widget);
  g_autoptr(GtkFileFilter) xml = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  if (is_busy (self) || self->chooser != NULL)
    return;

  self->chooser = gtk_file_chooser_native_new (_("Import From"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_OPEN,
                                               _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);

  gtk_file_filter_set_name (xml, _("Liaison files (XML)"));
  gtk_file_filter_add_mime_type (xml, "application/xml");
  gtk_file_filter_add_mime_type (xml, "text/xml");
  gtk_file_filter_add_pattern (xml, "*.xml");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), xml);
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), all);

  g_signal_connect_object (self->chooser, "response", G_CALLBACK (chooser_response_cb), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
apply_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  LiaisonImportDialog *self = LIAISON_IMPORT_DIALOG (widget);
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;

  if (!can_import (self))
    return;

  name = g_file_get_basename (self->file);
  /* Translators: %s is a file name */
  title = g_strdup_printf (_("Importing “%s”…"), name);
  adw_status_page_set_title (self->working_page, title);
  _liaison_import_dialog_start (self, get_resolution (self), _liaison_import_dialog_apply_done_cb);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  LiaisonImportDialog *self = LIAISON_IMPORT_DIALOG (widget);

  if (is_busy (self))
    g_cancellable_cancel (self->cancellable);
  else
    gtk_window_close (GTK_WINDOW (self));
}

static void
resolution_changed_cb (LiaisonImportDialog *self)
{
  _liaison_import_dialog_update_actions (self);
}

/* Overrides */

static gboolean
liaison_import_dialog_close_request (GtkWindow *window)
{
  LiaisonImportDialog *self = LIAISON_IMPORT_DIALOG (window);

  if (is_busy (self))
    {
      self->close_when_done = TRUE;
      g_cancellable_cancel (self->cancellable);
      gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
      return TRUE;
    }

  return GTK_WINDOW_CLASS (liaison_import_dialog_parent_class)->close_request (window);
}

static void
liaison_import_dialog_constructed (GObject *object)
{
  LiaisonImportDialog *self = LIAISON_IMPORT_DIALOG (object);

  G_OBJECT_CLASS (liaison_import_dialog_parent_class)->constructed (object);

  g_assert (self->window != NULL);
  self->store = g_object_ref (liaison_window_get_store (self->window));
  gtk_window_set_transient_for (GTK_WINDOW (self), GTK_WINDOW (self->window));
  _liaison_import_dialog_update_actions (self);
}

static void
liaison_import_dialog_dispose (GObject *object)
{
  LiaisonImportDialog *self = LIAISON_IMPORT_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->progress_id, g_source_remove);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_weak_pointer (&self->toast);
  g_clear_pointer (&self->item_rows, g_ptr_array_unref);

  gtk_widget_dispose_template (GTK_WIDGET (self), LIAISON_TYPE_IMPORT_DIALOG);

  G_OBJECT_CLASS (liaison_import_dialog_parent_class)->dispose (object);
}

static void
liaison_import_dialog_finalize (GObject *object)
{
  LiaisonImportDialog *self = LIAISON_IMPORT_DIALOG (object);

  g_clear_object (&self->window);
  g_clear_object (&self->store);
  g_clear_object (&self->file);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->task);
  g_clear_pointer (&self->items, g_array_unref);
  g_free (self->message);

  G_OBJECT_CLASS (liaison_import_dialog_parent_class)->finalize (object);
}

static void
liaison_import_dialog_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  LiaisonImportDialog *self = LIAISON_IMPORT_DIALOG (object);

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
liaison_import_dialog_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  LiaisonImportDialog *self = LIAISON_IMPORT_DIALOG (object);

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
liaison_import_dialog_class_init (LiaisonImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = liaison_import_dialog_constructed;
  object_class->dispose = liaison_import_dialog_dispose;
  object_class->finalize = liaison_import_dialog_finalize;
  object_class->get_property = liaison_import_dialog_get_property;
  object_class->set_property = liaison_import_dialog_set_property;

  window_class->close_request = liaison_import_dialog_close_request;

  /**
   * LiaisonImportDialog:window:
   *
   * The window whose database the dialog imports into, and where the toast goes.
   */
  properties[PROP_WINDOW] =
    g_param_spec_object ("window", NULL, NULL, LIAISON_TYPE_WINDOW,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * LiaisonImportDialog:busy:
   *
   * Whether a preview or an import is running.
   */
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/liaisonapp/Liaison/liaison-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, LiaisonImportDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, LiaisonImportDialog, import_button);
  gtk_widget_class_bind_template_child (widget_class, LiaisonImportDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, LiaisonImportDialog, working_page);
  gtk_widget_class_bind_template_child (widget_class, LiaisonImportDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, LiaisonImportDialog, error_page);
  gtk_widget_class_bind_template_child (widget_class, LiaisonImportDialog, summary_group);
  gtk_widget_class_bind_template_child (widget_class, LiaisonImportDialog, added_label);
  gtk_widget_class_bind_template_child (widget_class, LiaisonImportDialog, updated_label);
  gtk_widget_class_bind_template_child (widget_class, LiaisonImportDialog, unchanged_label);
  gtk_widget_class_bind_template_child (widget_class, LiaisonImportDialog, kept_label);
  gtk_widget_class_bind_template_child (widget_class, LiaisonImportDialog, conflicts_label);
  gtk_widget_class_bind_template_child (widget_class, LiaisonImportDialog, conflicts_group);
  gtk_widget_class_bind_template_child (widget_class, LiaisonImportDialog, resolution_row);
  gtk_widget_class_bind_template_child (widget_class, LiaisonImportDialog, changes_group);
  gtk_widget_class_bind_template_child (widget_class, LiaisonImportDialog, added_expander);
  gtk_widget_class_bind_template_child (widget_class, LiaisonImportDialog, updated_expander);
  gtk_widget_class_bind_template_child (widget_class, LiaisonImportDialog, blocked_label);
  gtk_widget_class_bind_template_callback (widget_class, resolution_changed_cb);

  gtk_widget_class_install_action (widget_class, "import.choose-file", NULL, choose_file_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "import.choose-file", NULL);
  gtk_widget_class_install_action (widget_class, "import.apply", NULL, apply_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "import.apply", NULL);
  gtk_widget_class_install_action (widget_class, "import.cancel", NULL, cancel_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "import.cancel", NULL);
}

static void
liaison_import_dialog_init (LiaisonImportDialog *self)
{
  self->item_rows = g_ptr_array_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Public API */

/**
 * liaison_import_dialog_new:
 * @window: the window to import into
 *
 * Returns: (transfer floating): a new Import dialog, transient for @window
 */
GtkWidget *
liaison_import_dialog_new (LiaisonWindow *window)
{
  g_return_val_if_fail (LIAISON_IS_WINDOW (window), NULL);

  return g_object_new (LIAISON_TYPE_IMPORT_DIALOG, "window", window, NULL);
}

/**
 * liaison_import_dialog_preview_file:
 * @file: a local Liaison file
 *
 * Reads @file in a dry run and shows what importing it would do, as choosing it in
 * the file chooser does.  #LiaisonImportDialog:busy tells when it is done.
 */
void
liaison_import_dialog_preview_file (LiaisonImportDialog *self,
                                    GFile               *file)
{
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;

  g_return_if_fail (LIAISON_IS_IMPORT_DIALOG (self));
  g_return_if_fail (G_IS_FILE (file));

  if (is_busy (self))
    return;

  g_set_object (&self->file, file);
  self->has_preview = FALSE;
  memset (&self->stats, 0, sizeof self->stats);

  if (!g_file_is_native (file) || !g_file_peek_path (file))
    {
      g_autofree char *uri = g_file_get_uri (file);
      g_autoptr(GError) error = g_error_new (LIAISON_ERROR, LIAISON_ERROR_INVALID_DOCUMENT,
                                             _("Could not read “%s”: choose a file on this computer."), uri);

      _liaison_import_dialog_show_error (self, error);
      _liaison_import_dialog_update_actions (self);
      return;
    }

  name = g_file_get_basename (file);
  /* Translators: %s is a file name */
  title = g_strdup_printf (_("Reading “%s”…"), name);
  adw_status_page_set_title (self->working_page, title);
  _liaison_import_dialog_start (self, LIAISON_IMPORT_DRY_RUN, _liaison_import_dialog_preview_done_cb);
}

gboolean
liaison_import_dialog_get_busy (LiaisonImportDialog *self)
{
  g_return_val_if_fail (LIAISON_IS_IMPORT_DIALOG (self), FALSE);
  return is_busy (self);
}

/**
 * liaison_import_dialog_get_stats:
 * @stats: (out): what the shown preview counts
 *
 * Returns: whether a preview is shown
 */
gboolean
liaison_import_dialog_get_stats (LiaisonImportDialog *self,
                                 LiaisonImportStats  *stats)
{
  g_return_val_if_fail (LIAISON_IS_IMPORT_DIALOG (self), FALSE);
  g_return_val_if_fail (stats != NULL, FALSE);

  *stats = self->stats;
  return self->has_preview;
}

/**
 * liaison_import_dialog_list_conflicts:
 *
 * Returns: (transfer container) (element-type utf8): the titles of the conflicting
 *   records the preview lists
 */
GPtrArray *
liaison_import_dialog_list_conflicts (LiaisonImportDialog *self)
{
  GPtrArray *titles = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (LIAISON_IS_IMPORT_DIALOG (self), titles);

  for (guint i = 0; self->items != NULL && i < self->items->len; i++)
    {
      const Item *item = &g_array_index (self->items, Item, i);

      if (item->outcome == LIAISON_IMPORT_CONFLICT)
        g_ptr_array_add (titles, g_strdup (item->title));
    }
  return titles;
}

/**
 * liaison_import_dialog_set_resolution:
 * @resolution: %LIAISON_IMPORT_KEEP_LOCAL, %LIAISON_IMPORT_TAKE_THEIRS, or
 *   %LIAISON_IMPORT_DEFAULT for none
 *
 * Chooses, as the "Keep" row does, which side conflicting records take.
 */
void
liaison_import_dialog_set_resolution (LiaisonImportDialog *self,
                                      LiaisonImportFlags   resolution)
{
  g_return_if_fail (LIAISON_IS_IMPORT_DIALOG (self));

  adw_combo_row_set_selected (self->resolution_row,
                              resolution == LIAISON_IMPORT_KEEP_LOCAL ? RESOLUTION_KEEP_MINE :
                              resolution == LIAISON_IMPORT_TAKE_THEIRS ? RESOLUTION_TAKE_THEIRS :
                              RESOLUTION_NONE);
}

/**
 * liaison_import_dialog_get_can_import:
 *
 * Returns: whether Import is enabled: a preview is shown and its conflicts, if any,
 *   have a resolution
 */
gboolean
liaison_import_dialog_get_can_import (LiaisonImportDialog *self)
{
  g_return_val_if_fail (LIAISON_IS_IMPORT_DIALOG (self), FALSE);
  return can_import (self);
}

/**
 * liaison_import_dialog_get_message:
 *
 * Returns: (nullable): the error the dialog shows: why the file cannot be imported
 */
const char *
liaison_import_dialog_get_message (LiaisonImportDialog *self)
{
  g_return_val_if_fail (LIAISON_IS_IMPORT_DIALOG (self), NULL);
  return self->message;
}

/**
 * liaison_import_dialog_get_toast:
 *
 * Returns: (transfer none) (nullable): the toast the last import put on the window,
 *   while it is shown
 */
AdwToast *
liaison_import_dialog_get_toast (LiaisonImportDialog *self)
{
  g_return_val_if_fail (LIAISON_IS_IMPORT_DIALOG (self), NULL);
  return self->toast;
}

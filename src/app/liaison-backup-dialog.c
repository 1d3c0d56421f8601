/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-backup-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "liaison-backup-dialog.h"

/*
 * The backups of one database, newest first, with when each was made and its size.
 *
 * For the database a window shows, Restore… puts a backup's content in place (the
 * core backs up what it replaces first), and the window reloads as the store says it
 * changed.  For a database that does not open (damaged, foreign, from a newer
 * Liaison), a backup can be opened for viewing, read-only, or put in the damaged
 * file's place, which is moved aside unchanged.  Either way, only after asking.
 */

struct _LiaisonBackupDialog
{
  AdwWindow            parent_instance;

  LiaisonWindow       *window;        /* restoring into its store, or NULL */
  LiaisonApplication  *application;   /* for a damaged database */
  char                *db_path;
  GPtrArray           *backups;       /* of paths, newest first */
  AdwMessageDialog    *confirmation;  /* weak */
  guint                pending;       /* the backup the confirmation is about */
  char                *restoring_when; /* the backup being restored, for the toast */

  AdwWindowTitle      *window_title;
  GtkStack            *stack;
  AdwPreferencesGroup *group;
};

G_DEFINE_FINAL_TYPE (LiaisonBackupDialog, liaison_backup_dialog, ADW_TYPE_WINDOW)

static char *
dup_when (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_TIME_MODIFIED, 0, NULL, NULL);
  g_autoptr(GDateTime) utc = info ? g_file_info_get_modification_date_time (info) : NULL;
  g_autoptr(GDateTime) local = utc ? g_date_time_to_local (utc) : NULL;

  if (local == NULL)
    return g_path_get_basename (path);
  /* Translators: when a backup was made, a g_date_time_format() pattern */
  return g_date_time_format (local, _("%-d %B %Y, %H:%M:%S"));
}

static char *
dup_size (const char *path)
{
  GStatBuf buf;

  if (g_stat (path, &buf) != 0)
    return g_strdup ("");
  return g_format_size ((guint64) buf.st_size);
}

static void
add_row (LiaisonBackupDialog *self,
         guint                index)
{
  const char *path = g_ptr_array_index (self->backups, index);
  g_autofree char *when = dup_when (path);
  g_autofree char *size = dup_size (path);
  g_autofree char *name = g_path_get_basename (path);
  g_autofree char *subtitle = NULL;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *restore = gtk_button_new_with_mnemonic (_("_Restore…"));

  /* Translators: under a backup's date: its size and file name, "1.2 MB · liaison-20250314-103200.db" */
  subtitle = g_strdup_printf (_("%s · %s"), size, name);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), when);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);

  if (self->window == NULL)
    {
      GtkWidget *open = gtk_button_new_with_mnemonic (_("_Open"));

      gtk_widget_set_valign (open, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (open, _("Open this backup read-only, leaving the damaged database as it is"));
      gtk_actionable_set_action_target (GTK_ACTIONABLE (open), "u", index);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (open), "backup.open");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), open);
    }

  gtk_widget_set_valign (restore, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (restore), "u", index);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (restore), "backup.restore");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), restore);

  adw_preferences_group_add (self->group, row);
}

static void
load_backups (LiaisonBackupDialog *self)
{
  g_autofree char *name = g_path_get_basename (self->db_path);

  self->backups = liaison_backup_list_for_path (self->db_path);
  adw_window_title_set_subtitle (self->window_title, name);

  if (self->window != NULL)
    adw_preferences_group_set_description (self->group,
                                           _("Restoring a backup replaces everything in the database. What it holds now is backed up first, so a restore can be taken back by restoring that."));
  else
    adw_preferences_group_set_description (self->group,
                                           _("Open a backup to look at it without changing anything, or restore it to work with it again. The damaged file is kept as it is."));

  for (guint i = 0; i < self->backups->len; i++)
    add_row (self, i);

  gtk_stack_set_visible_child_name (self->stack, self->backups->len > 0 ? "list" : "empty");
}

static void
show_problem (LiaisonBackupDialog *self,
              const char          *heading,
              const GError        *error)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, error->message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Restoring */

static gboolean
destroy_cb (gpointer data)
{
  gtk_window_destroy (GTK_WINDOW (data));
  return G_SOURCE_REMOVE;
}

/* Closes the dialog once the question above it, which is still answering, is gone. */
static void
close_later (LiaisonBackupDialog *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, destroy_cb, g_object_ref (self), g_object_unref);
}

static gboolean
restore_func (LiaisonStore  *store,
              gpointer       data,
              GError       **error)
{
  return liaison_store_restore (store, data, NULL, error);
}

static void
restore_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  LiaisonWindow *window = LIAISON_WINDOW (object);
  g_autoptr(LiaisonBackupDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  AdwToast *toast;

  gtk_widget_set_sensitive (GTK_WIDGET (self), TRUE);

  if (!liaison_window_restore_finish (window, result, &error))
    {
      show_problem (self, _("Could Not Restore the Backup"), error);
      return;
    }

  /* The window's lists and pages read the database again. */
  close_later (self);

  /* Translators: a toast after restoring a backup; %s is when the backup was made */
  toast = adw_toast_new_format (_("Restored the backup from %s"), self->restoring_when);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  liaison_window_add_toast (window, toast);
}

static void
restore_into_window (LiaisonBackupDialog *self,
                     const char          *path,
                     const char          *when)
{
  /* The dialog waits, insensitive, for the answer: a problem is shown in it. */
  g_free (self->restoring_when);
  self->restoring_when = g_strdup (when);
  gtk_widget_set_sensitive (GTK_WIDGET (self), FALSE);
  liaison_window_restore_async (self->window, _("Restoring the backup…"),
                                restore_func, g_strdup (path), g_free,
                                restore_done_cb, g_object_ref (self));
}

static void
restore_into_damaged (LiaisonBackupDialog *self,
                      const char          *path,
                      const char          *when)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *kept_name = NULL;
  GtkWindow *window;
  AdwToast *toast;

  if (!liaison_backup_replace_damaged (self->db_path, path, &kept, &error) ||
      !liaison_application_open_database (self->application, self->db_path, FALSE, &error))
    {
      show_problem (self, _("Could Not Restore the Backup"), error);
      return;
    }

  window = liaison_application_find_window (self->application, self->db_path);
  close_later (self);
  if (window == NULL)
    return;

  kept_name = g_path_get_basename (kept);
  /* Translators: a toast; %s are when the backup was made and the damaged file's new name */
  toast = adw_toast_new_format (_("Restored the backup from %s. The damaged file is kept as “%s”."), when, kept_name);
  adw_toast_set_timeout (toast, 0);
  liaison_window_add_toast (LIAISON_WINDOW (window), toast);
}

static void
confirmation_response_cb (LiaisonBackupDialog *self,
                          const char          *response,
                          AdwMessageDialog    *dialog)
{
  const char *path;
  g_autofree char *when = NULL;

  if (!g_str_equal (response, "restore") || self->pending >= self->backups->len)
    return;

  path = g_ptr_array_index (self->backups, self->pending);
  when = dup_when (path);

  if (self->window != NULL)
    restore_into_window (self, path, when);
  else
    restore_into_damaged (self, path, when);
}

static void
restore_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  LiaisonBackupDialog *self = LIAISON_BACKUP_DIALOG (widget);
  guint index = g_variant_get_uint32 (param);
  g_autofree char *when = NULL;
  g_autofree char *name = g_path_get_basename (self->db_path);
  GtkWidget *dialog;

  if (index >= self->backups->len)
    return;

  self->pending = index;
  when = dup_when (g_ptr_array_index (self->backups, index));
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Restore This Backup?"), NULL);
  if (self->window != NULL)
    adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                    _("Everything in “%s” is replaced by the backup from %s. What the database holds now is backed up first."),
                                    name, when);
  else
    adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                    _("The backup from %s takes the place of “%s”. The damaged file is moved aside, unchanged, so nothing of it is lost."),
                                    when, name);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "restore", _("_Restore"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "restore", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (confirmation_response_cb), self, G_CONNECT_SWAPPED);

  g_set_weak_pointer (&self->confirmation, ADW_MESSAGE_DIALOG (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  LiaisonBackupDialog *self = LIAISON_BACKUP_DIALOG (widget);
  guint index = g_variant_get_uint32 (param);
  g_autoptr(GError) error = NULL;

  if (index >= self->backups->len || self->application == NULL)
    return;

  if (!liaison_application_open_backup (self->application, g_ptr_array_index (self->backups, index), &error))
    {
      show_problem (self, _("Could Not Open the Backup"), error);
      return;
    }
  gtk_window_destroy (GTK_WINDOW (self));
}

/* GObject */

static void
liaison_backup_dialog_dispose (GObject *object)
{
  LiaisonBackupDialog *self = LIAISON_BACKUP_DIALOG (object);

  g_clear_weak_pointer (&self->confirmation);
  gtk_widget_dispose_template (GTK_WIDGET (self), LIAISON_TYPE_BACKUP_DIALOG);

  G_OBJECT_CLASS (liaison_backup_dialog_parent_class)->dispose (object);
}

static void
liaison_backup_dialog_finalize (GObject *object)
{
  LiaisonBackupDialog *self = LIAISON_BACKUP_DIALOG (object);

  g_clear_object (&self->window);
  g_clear_object (&self->application);
  g_clear_pointer (&self->backups, g_ptr_array_unref);
  g_free (self->db_path);
  g_free (self->restoring_when);

  G_OBJECT_CLASS (liaison_backup_dialog_parent_class)->finalize (object);
}

static void
liaison_backup_dialog_class_init (LiaisonBackupDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = liaison_backup_dialog_dispose;
  object_class->finalize = liaison_backup_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/liaisonapp/Liaison/liaison-backup-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, LiaisonBackupDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, LiaisonBackupDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, LiaisonBackupDialog, group);

  gtk_widget_class_install_action (widget_class, "backup.restore", "u", restore_action);
  gtk_widget_class_install_action (widget_class, "backup.open", "u", open_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
liaison_backup_dialog_init (LiaisonBackupDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Public API */

/**
 * liaison_backup_dialog_new:
 *
 * Lists the backups of the database @window shows, to restore one into it.
 */
LiaisonBackupDialog *
liaison_backup_dialog_new (LiaisonWindow *window)
{
  LiaisonBackupDialog *self;

  g_return_val_if_fail (LIAISON_IS_WINDOW (window), NULL);

  self = g_object_new (LIAISON_TYPE_BACKUP_DIALOG, "transient-for", window, NULL);
  self->window = g_object_ref (window);
  self->db_path = g_strdup (liaison_store_get_path (liaison_window_get_store (window)));
  adw_window_title_set_title (self->window_title, _("Restore Backup"));
  load_backups (self);
  return self;
}

/**
 * liaison_backup_dialog_new_for_damaged:
 * @parent: (nullable): a window to stay above; without one, the dialog keeps the
 *   application running
 * @db_path: a database that could not be opened
 *
 * Lists the backups of @db_path, to open one read-only or put it in its place.
 */
LiaisonBackupDialog *
liaison_backup_dialog_new_for_damaged (LiaisonApplication *application,
                                       GtkWindow          *parent,
                                       const char         *db_path)
{
  LiaisonBackupDialog *self;

  g_return_val_if_fail (LIAISON_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (db_path != NULL, NULL);

  self = g_object_new (LIAISON_TYPE_BACKUP_DIALOG, "transient-for", parent, NULL);
  self->application = g_object_ref (application);
  self->db_path = g_strdup (db_path);
  if (parent == NULL)
    gtk_window_set_application (GTK_WINDOW (self), GTK_APPLICATION (application));
  adw_window_title_set_title (self->window_title, _("Open Backup"));
  load_backups (self);
  return self;
}

guint
liaison_backup_dialog_get_n_backups (LiaisonBackupDialog *self)
{
  g_return_val_if_fail (LIAISON_IS_BACKUP_DIALOG (self), 0);
  return self->backups->len;
}

/**
 * liaison_backup_dialog_get_backup:
 *
 * Returns: the path of the backup in row @index, the newest first
 */
const char *
liaison_backup_dialog_get_backup (LiaisonBackupDialog *self,
                                  guint                index)
{
  g_return_val_if_fail (LIAISON_IS_BACKUP_DIALOG (self), NULL);
  g_return_val_if_fail (index < self->backups->len, NULL);
  return g_ptr_array_index (self->backups, index);
}

/**
 * liaison_backup_dialog_get_confirmation:
 *
 * Returns: (transfer none) (nullable): the question Restore… asked, while it shows
 */
AdwMessageDialog *
liaison_backup_dialog_get_confirmation (LiaisonBackupDialog *self)
{
  g_return_val_if_fail (LIAISON_IS_BACKUP_DIALOG (self), NULL);
  return self->confirmation;
}

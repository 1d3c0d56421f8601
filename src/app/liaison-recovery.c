/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-recovery"

#include "config.h"

#include <glib/gi18n.h>

#include "liaison-core.h"
#include "liaison-backup-dialog.h"
#include "liaison-recovery.h"

/*
 * What the application offers when a database it was asked to open is refused:
 * damaged, empty, of another program, or written by a newer Liaison.  The file is
 * never touched here.  The user can open one of its backups (read-only, or put in
 * its place), open another database, or give up.  While the question shows and no
 * window is open, the dialog keeps the application running.
 */

#define RESPONSE_BACKUP  "backup"
#define RESPONSE_ANOTHER "another"
#define RESPONSE_CLOSE   "close"

/**
 * liaison_recovery_is_needed:
 *
 * Returns: whether opening @path failed because of what the file holds, so that
 *   its backups or another database are the way on
 */
gboolean
liaison_recovery_is_needed (const char   *path,
                            const GError *error)
{
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error != NULL, FALSE);

  return g_file_test (path, G_FILE_TEST_IS_REGULAR) &&
         (g_error_matches (error, LIAISON_ERROR, LIAISON_ERROR_NOT_A_DATABASE) ||
          g_error_matches (error, LIAISON_ERROR, LIAISON_ERROR_NEWER_SCHEMA) ||
          g_error_matches (error, LIAISON_ERROR, LIAISON_ERROR_READ_ONLY) ||
          g_error_matches (error, LIAISON_ERROR, LIAISON_ERROR_FAILED));
}

static void
chooser_response_cb (GtkNativeDialog    *chooser,
                     int                 response,
                     LiaisonApplication *application)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = g_file_get_path (file);
      g_autoptr(GError) error = NULL;

      if (path != NULL && !liaison_application_open_database (application, path, FALSE, &error))
        liaison_recovery_offer (application, path, error);
    }

  g_object_unref (chooser);
  g_application_release (G_APPLICATION (application));
}

static void
choose_another (LiaisonApplication *application)
{
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (application));
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkFileChooserNative *chooser;

  gtk_file_filter_set_name (filter, _("Liaison Databases"));
  gtk_file_filter_add_pattern (filter, "*.db");
  gtk_file_filter_add_pattern (filter, "*.sqlite");
  gtk_file_filter_add_mime_type (filter, "application/vnd.sqlite3");

  chooser = gtk_file_chooser_native_new (_("Open Database"), parent, GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Open"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);

  /* The chooser is no window of the application: hold it until the answer. */
  g_application_hold (G_APPLICATION (application));
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response_cb), application);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
response_cb (AdwMessageDialog   *dialog,
             const char         *response,
             LiaisonApplication *application)
{
  const char *path = g_object_get_data (G_OBJECT (dialog), "liaison-path");

  if (g_str_equal (response, RESPONSE_BACKUP))
    {
      GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (dialog));
      LiaisonBackupDialog *backups = liaison_backup_dialog_new_for_damaged (application, parent, path);

      gtk_window_present (GTK_WINDOW (backups));
    }
  else if (g_str_equal (response, RESPONSE_ANOTHER))
    choose_another (application);
}

/**
 * liaison_recovery_offer:
 * @path: the database that could not be opened
 * @error: why
 *
 * Says why @path could not be opened and offers its backups, another database, or
 * to quit (to cancel, when a window is open).
 *
 * Returns: (transfer none): the dialog, already shown
 */
AdwMessageDialog *
liaison_recovery_offer (LiaisonApplication *application,
                        const char         *path,
                        const GError       *error)
{
  GtkWindow *parent;
  g_autoptr(GPtrArray) backups = NULL;
  g_autofree char *name = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;

  g_return_val_if_fail (LIAISON_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error != NULL, NULL);

  parent = gtk_application_get_active_window (GTK_APPLICATION (application));
  backups = liaison_backup_list_for_path (path);
  name = g_path_get_basename (path);

  /* Translators: %s is a database's file name */
  heading = g_strdup_printf (_("Could Not Open “%s”"), name);
  if (backups->len > 0)
    body = g_strdup_printf (ngettext ("%s\n\nThere is %u backup of this database.",
                                      "%s\n\nThere are %u backups of this database.", backups->len),
                            error->message, backups->len);
  else
    body = g_strdup_printf (_("%s\n\nThere are no backups of this database beside it."), error->message);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, heading, body));
  g_object_set_data_full (G_OBJECT (dialog), "liaison-path", g_strdup (path), g_free);

  adw_message_dialog_add_response (dialog, RESPONSE_CLOSE, parent ? _("_Cancel") : _("_Quit"));
  adw_message_dialog_add_response (dialog, RESPONSE_ANOTHER, _("Open _Another Database…"));
  if (backups->len > 0)
    {
      adw_message_dialog_add_response (dialog, RESPONSE_BACKUP, _("Open _Backup…"));
      adw_message_dialog_set_response_appearance (dialog, RESPONSE_BACKUP, ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (dialog, RESPONSE_BACKUP);
    }
  else
    {
      adw_message_dialog_set_response_appearance (dialog, RESPONSE_ANOTHER, ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (dialog, RESPONSE_ANOTHER);
    }
  adw_message_dialog_set_close_response (dialog, RESPONSE_CLOSE);

  /* Without a window, the question alone keeps the application running. */
  if (parent == NULL)
    gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (application));

  g_signal_connect_object (dialog, "response", G_CALLBACK (response_cb), application, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

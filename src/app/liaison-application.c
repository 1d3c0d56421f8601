/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-application"

#include "config.h"

#include <glib/gi18n.h>

#include "liaison-core.h"
#include "liaison-about.h"
#include "liaison-application.h"
#include "liaison-preferences-window.h"
#include "liaison-recovery.h"
#include "liaison-window.h"

/*
 * The application: one window per open database.  It opens the database named on the
 * command line, the last one used, or the default one (seeded on first use), and keeps
 * the list of recent databases in GSettings.
 */

#define MAX_RECENT 8

struct _LiaisonApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
};

G_DEFINE_FINAL_TYPE (LiaisonApplication, liaison_application, ADW_TYPE_APPLICATION)

static void
remember_database (LiaisonApplication *self,
                   const char         *path)
{
  g_autofree char *default_path = liaison_store_get_default_path ();
  g_auto(GStrv) recent = g_settings_get_strv (self->settings, "recent-databases");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) updated = NULL;
  guint n = 1;

  g_settings_set_string (self->settings, "last-database",
                         g_strcmp0 (path, default_path) == 0 ? "" : path);

  g_strv_builder_add (builder, path);
  for (guint i = 0; recent[i] != NULL && n < MAX_RECENT; i++)
    {
      if (g_strcmp0 (recent[i], path) == 0)
        continue;
      g_strv_builder_add (builder, recent[i]);
      n++;
    }
  updated = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, "recent-databases", (const char * const *) updated);
}

static void
show_error (LiaisonApplication *self,
            const char         *heading,
            const GError       *error)
{
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (parent, heading, error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));

  if (parent == NULL)
    {
      /* Nothing else keeps the application alive while the message shows. */
      g_application_hold (G_APPLICATION (self));
      g_signal_connect_swapped (dialog, "destroy", G_CALLBACK (g_application_release), self);
      gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (self));
    }

  gtk_window_present (GTK_WINDOW (dialog));
}

static LiaisonWindow *
find_window (LiaisonApplication *self,
             const char         *path)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    {
      LiaisonStore *store;

      if (!LIAISON_IS_WINDOW (l->data))
        continue;
      store = liaison_window_get_store (l->data);
      if (store != NULL && g_strcmp0 (liaison_store_get_path (store), path) == 0)
        return l->data;
    }
  return NULL;
}

static void
open_or_complain (LiaisonApplication *self,
                  const char         *path,
                  gboolean            seed)
{
  g_autoptr(GError) error = NULL;

  if (liaison_application_open_database (self, path, seed, &error))
    return;

  /* A damaged or foreign file is left alone; its backups or another file are the way on. */
  if (liaison_recovery_is_needed (path, error))
    liaison_recovery_offer (self, path, error);
  else
    show_error (self, _("Could Not Open the Database"), error);
}

static GtkFileFilter *
create_database_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Liaison Databases"));
  gtk_file_filter_add_pattern (filter, "*.db");
  gtk_file_filter_add_pattern (filter, "*.sqlite");
  gtk_file_filter_add_mime_type (filter, "application/vnd.sqlite3");
  return filter;
}

/* Callbacks */

static void
open_response_cb (GtkNativeDialog    *dialog,
                  int                 response,
                  LiaisonApplication *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = g_file_get_path (file);

      if (path != NULL)
        open_or_complain (self, path, FALSE);
    }

  g_object_unref (dialog);
}

static void
new_response_cb (GtkNativeDialog    *dialog,
                 int                 response,
                 LiaisonApplication *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = g_file_get_path (file);
      g_autoptr(GError) error = NULL;

      /* The chooser asked before replacing; the old file goes to the trash, not away. */
      if (path != NULL && g_file_query_exists (file, NULL) && find_window (self, path) == NULL &&
          !g_file_trash (file, NULL, &error))
        show_error (self, _("Could Not Replace the File"), error);
      else if (path != NULL)
        open_or_complain (self, path, FALSE);
    }

  g_object_unref (dialog);
}

/* Actions */

static void
quit_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  LiaisonApplication *self = user_data;
  g_autoptr(GList) windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));

  /* Each window asks about unsaved edits; the application ends with the last one. */
  for (GList *l = windows; l; l = l->next)
    gtk_window_close (l->data);
}

static void
about_action (GSimpleAction *action,
              GVariant      *param,
              gpointer       user_data)
{
  LiaisonApplication *self = user_data;

  liaison_show_about (gtk_application_get_active_window (GTK_APPLICATION (self)));
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *param,
                    gpointer       user_data)
{
  LiaisonApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  LiaisonPreferencesWindow *preferences = liaison_preferences_window_new (self->settings);

  gtk_window_set_transient_for (GTK_WINDOW (preferences), parent);
  gtk_window_present (GTK_WINDOW (preferences));
}

static void
shortcuts_action (GSimpleAction *action,
                  GVariant      *param,
                  gpointer       user_data)
{
  LiaisonApplication *self = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window != NULL)
    gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL);
}

static void
choose_database (LiaisonApplication   *self,
                 const char           *title,
                 GtkFileChooserAction  action,
                 const char           *accept_label,
                 GCallback             response_cb)
{
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  g_autoptr(GtkFileFilter) filter = create_database_filter ();
  GtkFileChooserNative *dialog;

  dialog = gtk_file_chooser_native_new (title, parent, action, accept_label, _("_Cancel"));
  if (action == GTK_FILE_CHOOSER_ACTION_SAVE)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), _("Partnerships.db"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect (dialog, "response", response_cb, self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
new_database_action (GSimpleAction *action,
                     GVariant      *param,
                     gpointer       user_data)
{
  choose_database (user_data, _("New Database"), GTK_FILE_CHOOSER_ACTION_SAVE, _("_Create"),
                   G_CALLBACK (new_response_cb));
}

static void
open_database_action (GSimpleAction *action,
                      GVariant      *param,
                      gpointer       user_data)
{
  choose_database (user_data, _("Open Database"), GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"),
                   G_CALLBACK (open_response_cb));
}

static void
open_recent_action (GSimpleAction *action,
                    GVariant      *param,
                    gpointer       user_data)
{
  LiaisonApplication *self = user_data;
  const char *path = g_variant_get_string (param, NULL);
  g_autofree char *default_path = liaison_store_get_default_path ();

  open_or_complain (self, path, g_strcmp0 (path, default_path) == 0);
}

static const GActionEntry app_actions[] = {
  { "quit", quit_action },
  { "about", about_action },
  { "preferences", preferences_action },
  { "shortcuts", shortcuts_action },
  { "new-database", new_database_action },
  { "open-database", open_database_action },
  { "open-recent", open_recent_action, "s" },
};

/* Overrides */

static void
liaison_application_startup (GApplication *application)
{
  LiaisonApplication *self = LIAISON_APPLICATION (application);
  static const struct { const char *action; const char *accels[3]; } accels[] = {
    { "app.quit", { "<Control>q", NULL } },
    { "app.preferences", { "<Control>comma", NULL } },
    { "app.new-database", { "<Control><Shift>n", NULL } },
    { "app.open-database", { "<Control>o", NULL } },
    { "win.show-help-overlay", { "<Control>question", NULL } },
    { "window.close", { "<Control>w", NULL } },
  };

  G_APPLICATION_CLASS (liaison_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions), self);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self), accels[i].action, accels[i].accels);

  gtk_window_set_default_icon_name (APPLICATION_ID);
}

static void
liaison_application_activate (GApplication *application)
{
  LiaisonApplication *self = LIAISON_APPLICATION (application);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  g_autofree char *last = NULL;
  g_autofree char *default_path = NULL;

  if (window != NULL)
    {
      gtk_window_present (window);
      return;
    }

  last = g_settings_get_string (self->settings, "last-database");
  if (last[0] != '\0' && g_file_test (last, G_FILE_TEST_IS_REGULAR))
    {
      g_autoptr(GError) error = NULL;

      if (liaison_application_open_database (self, last, FALSE, &error))
        return;
      g_warning ("Could not open the last database: %s", error->message);
      if (liaison_recovery_is_needed (last, error))
        {
          liaison_recovery_offer (self, last, error);
          return;
        }
    }

  default_path = liaison_store_get_default_path ();
  open_or_complain (self, default_path, TRUE);
}

static void
liaison_application_open (GApplication  *application,
                          GFile        **files,
                          int            n_files,
                          const char    *hint)
{
  LiaisonApplication *self = LIAISON_APPLICATION (application);

  for (int i = 0; i < n_files; i++)
    {
      g_autofree char *path = g_file_get_path (files[i]);

      if (path == NULL)
        {
          g_autofree char *uri = g_file_get_uri (files[i]);
          g_autoptr(GError) error = g_error_new (G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                                                 _("“%s” is not a local file; Liaison opens databases on this computer only."),
                                                 uri);
          show_error (self, _("Could Not Open the Database"), error);
          continue;
        }

      open_or_complain (self, path, FALSE);
    }
}

static void
liaison_application_dispose (GObject *object)
{
  LiaisonApplication *self = (LiaisonApplication *)object;

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (liaison_application_parent_class)->dispose (object);
}

static void
liaison_application_class_init (LiaisonApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = liaison_application_dispose;

  app_class->startup = liaison_application_startup;
  app_class->activate = liaison_application_activate;
  app_class->open = liaison_application_open;
}

static void
liaison_application_init (LiaisonApplication *self)
{
  self->settings = g_settings_new (SCHEMA_ID);
}

/* Public API */

LiaisonApplication *
liaison_application_new (void)
{
  return g_object_new (LIAISON_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/io/github/liaisonapp/Liaison",
                       NULL);
}

GSettings *
liaison_application_get_settings (LiaisonApplication *self)
{
  g_return_val_if_fail (LIAISON_IS_APPLICATION (self), NULL);

  return self->settings;
}

/**
 * liaison_application_open_database:
 * @path: the database file; created when missing
 * @seed: whether a newly created database gets the bundled seed data
 *
 * Shows the database at @path in a window: the one that already shows it, or a new
 * one.  Remembers it as the last and a recent database.
 *
 * Returns: %FALSE with @error set when the database cannot be opened
 */
gboolean
liaison_application_open_database (LiaisonApplication  *self,
                                   const char          *path,
                                   gboolean             seed,
                                   GError             **error)
{
  g_autoptr(LiaisonStore) store = NULL;
  LiaisonWindow *window;

  g_return_val_if_fail (LIAISON_IS_APPLICATION (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  window = find_window (self, path);
  if (window == NULL)
    {
      /* The overview brings the statuses up to today in a thread, after the first frame. */
      store = liaison_store_open (path, (seed ? LIAISON_STORE_OPEN_SEED : LIAISON_STORE_OPEN_DEFAULT) |
                                        LIAISON_STORE_OPEN_NO_STATUSES, error);
      if (store == NULL)
        return FALSE;
      window = liaison_window_new (self, store);
    }

  remember_database (self, path);
  gtk_window_present (GTK_WINDOW (window));
  return TRUE;
}

/**
 * liaison_application_open_backup:
 * @path: a backup, or any database to look at without changing it
 *
 * Shows the database at @path read-only in a window of its own.  It is not
 * remembered among the recent databases.
 */
gboolean
liaison_application_open_backup (LiaisonApplication  *self,
                                 const char          *path,
                                 GError             **error)
{
  g_autoptr(LiaisonStore) store = NULL;
  LiaisonWindow *window;

  g_return_val_if_fail (LIAISON_IS_APPLICATION (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  window = find_window (self, path);
  if (window == NULL)
    {
      store = liaison_store_open (path, LIAISON_STORE_OPEN_READ_ONLY, error);
      if (store == NULL)
        return FALSE;
      window = liaison_window_new (self, store);
    }

  gtk_window_present (GTK_WINDOW (window));
  return TRUE;
}

/**
 * liaison_application_find_window:
 *
 * Returns: (transfer none) (nullable): the #LiaisonWindow that shows the database at
 *   @path
 */
GtkWindow *
liaison_application_find_window (LiaisonApplication *self,
                                 const char         *path)
{
  g_return_val_if_fail (LIAISON_IS_APPLICATION (self), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  return (GtkWindow *) find_window (self, path);
}

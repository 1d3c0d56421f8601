/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <stdlib.h>

#include "liaison-cli-backup.h"

/*
 * liaison-cli backup, restore and backups: the same backups the app makes before
 * imports and upgrades, from the command line.
 */

#define EXIT_USAGE 2

static int
usage (GOptionContext *context,
       const char     *message)
{
  g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);

  if (message)
    g_printerr ("liaison-cli: %s\n\n", message);
  g_printerr ("%s", help);
  return EXIT_USAGE;
}

static int
fail (GError *error)
{
  g_printerr ("liaison-cli: %s\n", error->message);
  g_error_free (error);
  return EXIT_FAILURE;
}

/**
 * liaison_cli_apply_settings:
 *
 * Gives @store the user's backups-to-keep, so that an import from the command line
 * keeps as many automatic backups as one in the app.  Without the installed
 * GSettings schema the store keeps its default.
 */
void
liaison_cli_apply_settings (LiaisonStore *store)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettings) settings = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, SCHEMA_ID, TRUE);
  if (schema == NULL || !g_settings_schema_has_key (schema, "backups-to-keep"))
    return;

  settings = g_settings_new_full (schema, NULL, NULL);
  liaison_store_set_backups_to_keep (store, g_settings_get_uint (settings, "backups-to-keep"));
}

/* The database must exist: backing up or restoring never creates one. */
static LiaisonStore *
open_existing (const char  *database_path,
               GError     **error)
{
  g_autofree char *path = database_path ? g_strdup (database_path) : liaison_store_get_default_path ();
  LiaisonStore *store;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_NOT_FOUND,
                   _("There is no database “%s”. Give the right one with --database."), path);
      return NULL;
    }

  store = liaison_store_open (path, LIAISON_STORE_OPEN_DEFAULT, error);
  if (store != NULL)
    liaison_cli_apply_settings (store);
  return store;
}

int
liaison_cli_backup (const char  *database_path,
                    int          argc,
                    char       **argv)
{
  g_autofree char *output = NULL;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Write the backup to FILE instead of the backups folder beside the database"), N_("FILE") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(LiaisonStore) store = NULL;
  g_autoptr(GError) parse_error = NULL;
  g_autofree char *path = NULL;
  GError *error = NULL;

  g_option_context_set_summary (context, _("Make a consistent copy of the database, even while it is in use."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &parse_error))
    return usage (context, parse_error->message);
  if (argc > 1)
    return usage (context, _("backup takes no arguments; name the file with --output"));

  store = open_existing (database_path, &error);
  if (store == NULL)
    return fail (error);

  if (output != NULL)
    {
      if (!liaison_store_backup (store, output, &error))
        return fail (error);
      path = g_steal_pointer (&output);
    }
  else if ((path = liaison_store_backup_now (store, &error)) == NULL)
    return fail (error);

  g_print (_("Backed up %s to %s\n"), liaison_store_get_path (store), path);
  return EXIT_SUCCESS;
}

int
liaison_cli_restore (const char  *database_path,
                     int          argc,
                     char       **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("FILE"));
  g_autoptr(LiaisonStore) store = NULL;
  g_autoptr(GError) parse_error = NULL;
  g_autofree char *safety = NULL;
  GError *error = NULL;

  g_option_context_set_summary (context, _("Replace the database with a backup. The database as it was is backed up first."));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &parse_error))
    return usage (context, parse_error->message);
  if (argc != 2)
    return usage (context, _("restore needs exactly one backup FILE"));

  /* Refuse a bad backup before anything else happens. */
  if (!liaison_backup_validate (argv[1], &error))
    return fail (error);

  store = open_existing (database_path, &error);
  if (store == NULL)
    return fail (error);

  if (!liaison_store_restore (store, argv[1], &safety, &error))
    return fail (error);

  g_print (_("Restored %s from %s\n"), liaison_store_get_path (store), argv[1]);
  g_print (_("The database as it was before is in %s\n"), safety);
  return EXIT_SUCCESS;
}

int
liaison_cli_backups (const char  *database_path,
                     int          argc,
                     char       **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(LiaisonStore) store = NULL;
  g_autoptr(GPtrArray) backups = NULL;
  g_autoptr(GError) parse_error = NULL;
  GError *error = NULL;

  g_option_context_set_summary (context, _("List the automatic backups of the database, newest first: file, size and time, separated by tabs."));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &parse_error))
    return usage (context, parse_error->message);
  if (argc > 1)
    return usage (context, _("backups takes no arguments"));

  store = open_existing (database_path, &error);
  if (store == NULL)
    return fail (error);

  backups = liaison_store_list_backups (store, &error);
  if (backups == NULL)
    return fail (error);

  if (backups->len == 0)
    {
      g_autofree char *dir = liaison_store_get_backup_dir (store);

      g_printerr (_("There are no backups in %s yet. Liaison makes one before every import and upgrade, or run “liaison-cli backup”.\n"),
                  dir);
      return EXIT_SUCCESS;
    }

  for (guint i = 0; i < backups->len; i++)
    {
      const char *path = g_ptr_array_index (backups, i);
      g_autoptr(GDateTime) time = NULL;
      g_autofree char *when = NULL;
      GStatBuf st;

      if (g_stat (path, &st) != 0)
        continue;
      time = g_date_time_new_from_unix_local (st.st_mtime);
      when = g_date_time_format (time, "%Y-%m-%d %H:%M:%S");
      g_print ("%s\t%" G_GINT64_FORMAT "\t%s\n", path, (gint64) st.st_size, when);
    }
  return EXIT_SUCCESS;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>

#include "test-reliability.h"

/*
 * Backups: made with SQLite's backup API, one whole file each, automatically before
 * every import (keeping the last N), listed newest first, and restored only after
 * the backup was checked and the current content was backed up in turn.
 */

static void
test_backup_is_a_whole_database (void)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *path = rel_make_seeded_db (dir, "liaison.db");
  g_autofree char *dest = g_build_filename (dir, "copies", "copy.db", NULL);
  g_autoptr(LiaisonStore) store = test_open_store (dir, "liaison.db", LIAISON_STORE_OPEN_DEFAULT);
  g_autoptr(LiaisonStore) copy = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *original = NULL;
  g_autofree char *copied = NULL;

  g_assert_true (liaison_store_backup (store, dest, &error));
  g_assert_no_error (error);
  g_assert_true (liaison_backup_validate (dest, &error));
  g_assert_no_error (error);

  /* One file with everything, no write-ahead log beside it. */
  rel_assert_no_sidecars (dest);
  g_assert_cmpint (rel_query_int (dest, "SELECT count(*) FROM institution"), ==,
                   liaison_store_count (store, LIAISON_RECORD_INSTITUTION, NULL));
  original = test_db_fingerprint (path);
  copied = test_db_fingerprint (dest);
  g_assert_cmpstr (original, ==, copied);

  copy = liaison_store_open (dest, LIAISON_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);

  /* An existing file is never overwritten. */
  g_assert_false (liaison_store_backup (store, dest, &error));
  g_assert_error (error, LIAISON_ERROR, LIAISON_ERROR_DUPLICATE);
  rel_assert_message (error, dest);
  rel_assert_message (error, "Choose another name");
  g_clear_error (&error);
  g_assert_false (liaison_store_backup (store, path, &error));
  g_assert_error (error, LIAISON_ERROR, LIAISON_ERROR_DUPLICATE);

  g_clear_object (&copy);
  g_clear_object (&store);
  test_remove_tree (dir);
}

static void
test_imports_keep_the_last_n_backups (void)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *path = rel_make_seeded_db (dir, "liaison.db");
  g_autoptr(LiaisonStore) store = test_open_store (dir, "liaison.db", LIAISON_STORE_OPEN_DEFAULT);
  g_autoptr(GPtrArray) backups = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GRegex) name = g_regex_new ("/liaison-[0-9]{8}-[0-9]{6}(-[0-9]+)?\\.db$", 0, 0, NULL);
  g_autofree char *backup_dir = liaison_store_get_backup_dir (store);
  gint64 n = liaison_store_count (store, LIAISON_RECORD_INSTITUTION, NULL);

  g_assert_cmpuint (liaison_store_get_backups_to_keep (store), ==, LIAISON_BACKUPS_TO_KEEP_DEFAULT);
  g_object_set (store, "backups-to-keep", 3, NULL);

  /* Five imports, each adding one institution: a backup before each. */
  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *xml = g_strdup_printf ("<liaison xmlns=\"https://liaisonapp.github.io/ns/liaison/1\" version=\"1\">"
                                              "<institutions><institution uuid=\"00000000-0000-4000-8000-00000000000%u\" kind=\"college\">"
                                              "<name>Imported %u</name></institution></institutions>"
                                              "</liaison>", i, i);
      g_autoptr(GBytes) bytes = g_bytes_new (xml, strlen (xml));

      g_assert_true (liaison_import_bytes (store, bytes, "import.xml", LIAISON_IMPORT_DEFAULT, NULL, &error));
      g_assert_no_error (error);
    }

  backups = liaison_store_list_backups (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (backups->len, ==, 3);
  for (guint i = 0; i < backups->len; i++)
    {
      g_assert_true (g_str_has_prefix (backups->pdata[i], backup_dir));
      g_assert_true (g_regex_match (name, backups->pdata[i], 0, NULL));
      g_assert_true (liaison_backup_validate (backups->pdata[i], &error));
      /* Newest first: the newest is from before the fifth import. */
      g_assert_cmpint (rel_query_int (backups->pdata[i], "SELECT count(*) FROM institution"), ==, n + 4 - i);
    }

  /* None to keep: imports make none. */
  g_object_set (store, "backups-to-keep", 0, NULL);
  {
    const char *xml = "<liaison xmlns=\"https://liaisonapp.github.io/ns/liaison/1\" version=\"1\">"
                      "<institutions><institution uuid=\"00000000-0000-4000-8000-000000000009\" kind=\"college\">"
                      "<name>Imported without a backup</name></institution></institutions></liaison>";
    g_autoptr(GBytes) bytes = g_bytes_new_static (xml, strlen (xml));
    g_autoptr(GPtrArray) after = NULL;

    g_assert_true (liaison_import_bytes (store, bytes, "empty.xml", LIAISON_IMPORT_DEFAULT, NULL, &error));
    g_assert_no_error (error);
    after = liaison_store_list_backups (store, NULL);
    g_assert_cmpuint (after->len, ==, 3);
  }

  g_clear_object (&store);
  test_remove_tree (dir);
}

static void
count_changed_cb (LiaisonStore *store,
                  guint         kind,
                  guint        *count)
{
  (*count)++;
}

static void
test_restore_replaces_content_and_keeps_the_old (void)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *path = rel_make_seeded_db (dir, "liaison.db");
  g_autofree char *dest = g_build_filename (dir, "before.db", NULL);
  g_autoptr(LiaisonStore) store = test_open_store (dir, "liaison.db", LIAISON_STORE_OPEN_DEFAULT);
  g_autoptr(LiaisonStore) other = test_open_store (dir, "liaison.db", LIAISON_STORE_OPEN_DEFAULT);
  g_autoptr(LiaisonRecord) added = test_new_institution ("Added After The Backup");
  g_autoptr(GError) error = NULL;
  g_autofree char *safety = NULL;
  g_autofree char *integrity = NULL;
  gint64 n = liaison_store_count (store, LIAISON_RECORD_INSTITUTION, NULL);
  guint changed = 0;

  g_assert_true (liaison_store_backup (store, dest, &error));
  test_save_ok (store, added);
  g_assert_cmpint (liaison_store_count (store, LIAISON_RECORD_INSTITUTION, NULL), ==, n + 1);

  g_signal_connect (store, "changed", G_CALLBACK (count_changed_cb), &changed);

  g_assert_true (liaison_store_restore (store, dest, &safety, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changed, ==, 1);

  /* Both connections see the restored content; the store stays usable. */
  g_assert_cmpint (liaison_store_count (store, LIAISON_RECORD_INSTITUTION, NULL), ==, n);
  g_assert_cmpint (liaison_store_count (other, LIAISON_RECORD_INSTITUTION, NULL), ==, n);
  {
    g_autoptr(LiaisonRecord) again = test_new_institution ("Added After The Restore");
    test_save_ok (store, again);
  }

  /* What was replaced is kept in a backup of its own. */
  g_assert_nonnull (safety);
  g_assert_cmpint (rel_query_int (safety, "SELECT count(*) FROM institution WHERE name = 'Added After The Backup'"), ==, 1);

  g_clear_object (&store);
  g_clear_object (&other);
  integrity = rel_integrity (path);
  g_assert_cmpstr (integrity, ==, "ok");
  test_remove_tree (dir);
}

static void
test_restore_refuses_what_is_not_a_backup (void)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *path = rel_make_seeded_db (dir, "liaison.db");
  g_autofree char *text = g_build_filename (dir, "notes.db", NULL);
  g_autofree char *foreign = g_build_filename (dir, "other.db", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing.db", NULL);
  g_autoptr(LiaisonStore) store = test_open_store (dir, "liaison.db", LIAISON_STORE_OPEN_DEFAULT);
  g_autofree char *before = test_db_fingerprint (path);
  const char *bad[] = { text, foreign, missing, path };

  g_assert_true (g_file_set_contents (text, "Meeting notes, not a database.\n", -1, NULL));
  rel_exec (foreign, "CREATE TABLE bookmark (url TEXT)");

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *after = NULL;
      g_autoptr(GPtrArray) backups = NULL;

      g_assert_false (liaison_store_restore (store, bad[i], NULL, &error));
      g_assert_nonnull (error);
      rel_assert_message (error, bad[i]);
      g_assert_true (strstr (error->message, "Choose") != NULL);

      /* Nothing changed, and no backup was made for nothing. */
      after = test_db_fingerprint (path);
      g_assert_cmpstr (before, ==, after);
      backups = liaison_store_list_backups (store, NULL);
      g_assert_cmpuint (backups->len, ==, 0);
    }

  g_clear_object (&store);
  test_remove_tree (dir);
}

static void
test_cli_backs_up_lists_and_restores (void)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *path = rel_make_seeded_db (dir, "liaison.db");
  g_autofree char *copy = g_build_filename (dir, "copy.db", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_auto(GStrv) lines = NULL;
  gint64 n = rel_query_int (path, "SELECT count(*) FROM institution");

  g_assert_cmpint (rel_run_cli (&out, &err, "--database", path, "backup", "--output", copy, NULL), ==, 0);
  g_assert_nonnull (strstr (out, copy));
  g_assert_true (liaison_backup_validate (copy, NULL));
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (rel_run_cli (&out, NULL, "--database", path, "backup", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (rel_run_cli (&out, NULL, "--database", path, "backups", NULL), ==, 0);
  lines = g_strsplit (g_strchomp (out), "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 1);
  g_assert_nonnull (strstr (lines[0], "/backups/liaison-"));

  rel_exec (path, "DELETE FROM institution WHERE id IN (SELECT id FROM institution LIMIT 3)");
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (rel_run_cli (&out, NULL, "--database", path, "restore", copy, NULL), ==, 0);
  g_assert_cmpint (rel_query_int (path, "SELECT count(*) FROM institution"), ==, n);

  /* A file that is no backup: exit 1, with the reason. */
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (rel_run_cli (NULL, &err, "--database", path, "restore", g_getenv ("LIAISON_SEED"), NULL), ==, 1);
  g_assert_nonnull (strstr (err, "not a Liaison database"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (rel_run_cli (NULL, &err, "--database", copy, "backup", "--output", copy, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "onto itself"));

  test_remove_tree (dir);
}

/* A database that no longer opens cannot be restored into: its backup goes in its
 * place, and the damaged file is moved aside with its bytes unchanged. */
static void
test_damaged_database_is_replaced_and_kept (void)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *path = rel_make_seeded_db (dir, "liaison.db");
  g_autoptr(LiaisonStore) store = test_open_store (dir, "liaison.db", LIAISON_STORE_OPEN_DEFAULT);
  g_autoptr(LiaisonStore) reopened = NULL;
  g_autoptr(GPtrArray) backups = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *kept_bytes = NULL;
  gint64 n = liaison_store_count (store, LIAISON_RECORD_INSTITUTION, NULL);
  const char garbage[] = "This is not a database any more, a sync tool wrote this.";
  gsize length = 0;

  backup = liaison_store_backup_now (store, &error);
  g_assert_no_error (error);
  g_clear_object (&store);
  g_assert_true (g_file_set_contents (path, garbage, sizeof garbage, &error));

  store = liaison_store_open (path, LIAISON_STORE_OPEN_DEFAULT, &error);
  g_assert_error (error, LIAISON_ERROR, LIAISON_ERROR_NOT_A_DATABASE);
  g_assert_null (store);
  g_clear_error (&error);

  backups = liaison_backup_list_for_path (path);
  g_assert_cmpuint (backups->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (backups, 0), ==, backup);

  g_assert_true (liaison_backup_replace_damaged (path, backup, &kept, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (kept, &kept_bytes, &length, &error));
  g_assert_cmpmem (kept_bytes, length, garbage, sizeof garbage);

  /* The damaged file is not a backup: listing and pruning leave it alone. */
  g_clear_pointer (&backups, g_ptr_array_unref);
  backups = liaison_backup_list_for_path (path);
  g_assert_cmpuint (backups->len, ==, 1);

  reopened = liaison_store_open (path, LIAISON_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (liaison_store_count (reopened, LIAISON_RECORD_INSTITUTION, NULL), ==, n);
  g_clear_object (&reopened);
  test_remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/liaison/backup/backup-is-a-whole-database", test_backup_is_a_whole_database);
  g_test_add_func ("/liaison/backup/imports-keep-the-last-n-backups", test_imports_keep_the_last_n_backups);
  g_test_add_func ("/liaison/backup/restore-replaces-content-and-keeps-the-old", test_restore_replaces_content_and_keeps_the_old);
  g_test_add_func ("/liaison/backup/restore-refuses-what-is-not-a-backup", test_restore_refuses_what_is_not_a_backup);
  g_test_add_func ("/liaison/backup/cli-backs-up-lists-and-restores", test_cli_backs_up_lists_and_restores);
  g_test_add_func ("/liaison/backup/damaged-database-is-replaced-and-kept", test_damaged_database_is_replaced_and_kept);

  return g_test_run ();
}

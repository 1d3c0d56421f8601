/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>

#include "liaison-store-private.h"
#include "test-reliability.h"

/*
 * Migrations: a database of every released schema version (tests/data/schema-vN.db,
 * built by tests/data/make-schema-db.sh) opens with the current code with its data
 * intact; a migration that fails rolls back and leaves the database and the backup
 * made before it untouched.
 */

#define CQU "63283e8c-845f-4266-8d69-fe1fca9f9de2"   /* Chongqing University, in the seed */

static const char * const tables[] = { "source", "institution", "person", "agreement", "event",
                                       "agreement_party", "agreement_tag", "event_institution",
                                       "event_person", "event_agreement", "citation", "change_log" };

static char *
copy_fixture (const char *dir,
              const char *name)
{
  g_autofree char *fixture = g_test_build_filename (G_TEST_DIST, "data", name, NULL);
  char *path = g_build_filename (dir, "liaison.db", NULL);

  rel_copy_file (fixture, path);
  return path;
}

static char *
schema_of (const char *path)
{
  g_autoptr(GString) schema = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT type, name, sql FROM sqlite_schema ORDER BY type, name",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (schema, "%s %s: %s\n", sqlite3_column_text (stmt, 0),
                            sqlite3_column_text (stmt, 1), sqlite3_column_text (stmt, 2));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return g_string_free (g_steal_pointer (&schema), FALSE);
}

static void
test_v1_fixture_matches_schema_v1 (void)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *fixture = g_test_build_filename (G_TEST_DIST, "data", "schema-v1.db", NULL);
  g_autofree char *copy = copy_fixture (dir, "schema-v1.db");
  g_autofree char *fresh = rel_make_seeded_db (dir, "fresh.db");
  g_autofree char *expected = NULL;
  g_autofree char *actual = NULL;

  /* Until schema v1 is released it may change; then the fixture must be rebuilt. */
  if (LIAISON_SCHEMA_VERSION == 1)
    {
      expected = schema_of (fresh);
      actual = schema_of (copy);
      if (g_strcmp0 (expected, actual) != 0)
        g_error ("%s is not schema v1 as the code creates it: run tests/data/make-schema-db.sh BUILD_DIR", fixture);
    }
  g_assert_cmpint (rel_query_int (copy, "PRAGMA user_version"), ==, 1);

  test_remove_tree (dir);
}

static void
test_v1_database_opens_with_its_data (void)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *path = copy_fixture (dir, "schema-v1.db");
  g_autoptr(LiaisonStore) store = NULL;
  g_autoptr(LiaisonRecord) cqu = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GError) error = NULL;
  gint64 counts[G_N_ELEMENTS (tables)];

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", tables[i]);
      counts[i] = rel_query_int (path, sql);
    }
  g_assert_cmpint (counts[1], >, 20);

  store = liaison_store_open (path, LIAISON_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_false (liaison_store_get_was_created (store));
  g_assert_true (liaison_store_check_integrity (store, &error));
  g_assert_no_error (error);

  for (guint kind = 0; kind < LIAISON_N_RECORD_KINDS; kind++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", liaison_record_kind_to_string (kind));
      g_assert_cmpint (liaison_store_count (store, kind, NULL), ==, rel_query_int (path, sql));
    }
  g_assert_cmpint (liaison_store_count (store, LIAISON_RECORD_INSTITUTION, NULL), ==, counts[1]);

  /* A seed record with its Chinese name, the edit the script made, and the history. */
  cqu = test_load (store, CQU);
  g_assert_cmpstr (liaison_record_get_field (cqu, "local-name"), ==, "重庆大学");
  changes = liaison_store_list_changes (store, NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (changes->len, >=, 2);

  g_clear_object (&store);
  g_assert_cmpint (rel_query_int (path, "SELECT count(*) FROM institution WHERE name = 'The Open University of China'"), ==, 1);
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", tables[i]);
      g_assert_cmpint (rel_query_int (path, sql), >=, counts[i]);
    }
  test_remove_tree (dir);
}

static GPtrArray *
list_backups (const char *dir)
{
  g_autofree char *backups = g_build_filename (dir, "backups", NULL);
  g_autoptr(GDir) listing = g_dir_open (backups, 0, NULL);
  GPtrArray *paths = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    g_ptr_array_add (paths, g_build_filename (backups, name, NULL));
  return paths;
}

static void
test_failing_migration_rolls_back (void)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *path = copy_fixture (dir, "schema-v1.db");
  g_autofree char *before = test_db_fingerprint (path);
  g_autofree char *after = NULL;
  g_autofree char *backup_print = NULL;
  g_autoptr(GPtrArray) backups = NULL;
  g_autoptr(LiaisonStore) store = NULL;
  g_autoptr(GError) error = NULL;

  /* Version 2 adds a table and a column, fills it, then fails half-way. */
  _liaison_store_set_test_migration ("CREATE TABLE added_in_v2 (x TEXT);"
                                     " ALTER TABLE institution ADD COLUMN rating INTEGER;"
                                     " UPDATE institution SET rating = 1;"
                                     " INSERT INTO no_such_table VALUES (1);");
  store = liaison_store_open (path, LIAISON_STORE_OPEN_DEFAULT, &error);
  _liaison_store_set_test_migration (NULL);

  g_assert_null (store);
  g_assert_error (error, LIAISON_ERROR, LIAISON_ERROR_FAILED);
  rel_assert_message (error, path);
  rel_assert_message (error, "upgrade");
  rel_assert_message (error, "left as it was");

  /* Nothing of version 2 is left: same version, same data. */
  g_assert_cmpint (rel_query_int (path, "PRAGMA user_version"), ==, 1);
  g_assert_cmpint (rel_query_int (path, "SELECT count(*) FROM sqlite_schema WHERE name = 'added_in_v2'"), ==, 0);
  after = test_db_fingerprint (path);
  g_assert_cmpstr (before, ==, after);

  /* The backup made before it is whole, holds the same data and the message names it. */
  backups = list_backups (dir);
  g_assert_cmpuint (backups->len, ==, 1);
  rel_assert_message (error, backups->pdata[0]);
  g_clear_error (&error);
  liaison_backup_validate (backups->pdata[0], &error);
  g_assert_no_error (error);
  backup_print = test_db_fingerprint (backups->pdata[0]);
  g_assert_cmpstr (backup_print, ==, before);

  /* Without the broken migration it opens as before. */
  store = liaison_store_open (path, LIAISON_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_clear_object (&store);

  test_remove_tree (dir);
}

static void
test_migration_is_backed_up_first (void)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *path = copy_fixture (dir, "schema-v1.db");
  g_autofree char *before = test_db_fingerprint (path);
  g_autofree char *backup_print = NULL;
  g_autoptr(GPtrArray) backups = NULL;
  g_autoptr(LiaisonStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gint64 n = rel_query_int (path, "SELECT count(*) FROM institution");

  _liaison_store_set_test_migration ("ALTER TABLE institution ADD COLUMN rating INTEGER;");
  store = liaison_store_open (path, LIAISON_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (liaison_store_count (store, LIAISON_RECORD_INSTITUTION, NULL), ==, n);
  g_clear_object (&store);
  _liaison_store_set_test_migration (NULL);

  g_assert_cmpint (rel_query_int (path, "PRAGMA user_version"), ==, 2);
  g_assert_cmpint (rel_query_int (path, "SELECT count(*) FROM institution"), ==, n);

  backups = list_backups (dir);
  g_assert_cmpuint (backups->len, ==, 1);
  g_assert_cmpint (rel_query_int (backups->pdata[0], "PRAGMA user_version"), ==, 1);
  backup_print = test_db_fingerprint (backups->pdata[0]);
  g_assert_cmpstr (backup_print, ==, before);

  test_remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/liaison/migrations/v1-fixture-matches-schema-v1", test_v1_fixture_matches_schema_v1);
  g_test_add_func ("/liaison/migrations/v1-database-opens-with-its-data", test_v1_database_opens_with_its_data);
  g_test_add_func ("/liaison/migrations/failing-migration-rolls-back", test_failing_migration_rolls_back);
  g_test_add_func ("/liaison/migrations/migration-is-backed-up-first", test_migration_is_backed_up_first);

  return g_test_run ();
}

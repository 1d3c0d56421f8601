/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>

#include "liaison-store-private.h"
#include "test-util.h"

#define MISSING_UUID "00000000-0000-4000-8000-000000000000"

typedef struct {
  char         *dir;
  char         *path;
  LiaisonStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = test_make_tmpdir ();
  fixture->path = g_build_filename (fixture->dir, "store.db", NULL);
  fixture->store = liaison_store_open (fixture->path, LIAISON_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
  test_remove_tree (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static gint64
count_changes (LiaisonStore *store,
               const char   *uuid)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) changes = liaison_store_list_changes (store, uuid, 0, &error);

  g_assert_no_error (error);
  return changes->len;
}

static LiaisonChange *
last_change (LiaisonStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) changes = liaison_store_list_changes (store, NULL, 1, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (changes->len, ==, 1);
  return g_boxed_copy (LIAISON_TYPE_CHANGE, changes->pdata[0]);
}

static gint64
pragma_int (sqlite3    *db,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static void
exec_sql (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

static gboolean
is_timestamp (const char *text)
{
  g_autoptr(GDateTime) dt = NULL;

  if (text == NULL || strlen (text) != 20 || text[19] != 'Z')
    return FALSE;
  dt = g_date_time_new_from_iso8601 (text, NULL);
  return dt != NULL;
}

/* Schema and migrations */

static void
test_new_database_has_current_schema (Fixture       *fixture,
                                      gconstpointer  data)
{
  sqlite3 *db = _liaison_store_get_db (fixture->store);
  sqlite3_stmt *stmt = NULL;
  g_autofree char *mode = NULL;

  g_assert_true (liaison_store_get_was_created (fixture->store));
  g_assert_false (liaison_store_get_read_only (fixture->store));
  g_assert_cmpstr (liaison_store_get_path (fixture->store), ==, fixture->path);

  g_assert_cmpint (pragma_int (db, "PRAGMA user_version"), ==, LIAISON_SCHEMA_VERSION);
  g_assert_cmpint (pragma_int (db, "PRAGMA application_id"), ==, LIAISON_APPLICATION_ID);
  g_assert_cmpint (pragma_int (db, "PRAGMA foreign_keys"), ==, 1);

  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA journal_mode", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  mode = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  g_assert_cmpstr (mode, ==, "wal");

  /* Seen from outside too: the version is in the file. */
  g_clear_object (&fixture->store);
  {
    sqlite3 *other = NULL;
    g_assert_cmpint (sqlite3_open_v2 (fixture->path, &other, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
    g_assert_cmpint (pragma_int (other, "PRAGMA user_version"), ==, LIAISON_SCHEMA_VERSION);
    g_assert_cmpint (pragma_int (other, "SELECT count(*) FROM sqlite_schema WHERE name = 'change_log'"), ==, 1);
    sqlite3_close (other);
  }
}

static void
test_foreign_keys_are_enforced (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaisonRecord) university = test_save_new (fixture->store, LIAISON_RECORD_INSTITUTION, "name", "Chongqing University", NULL);
  g_autoptr(LiaisonRecord) person = test_save_new (fixture->store, LIAISON_RECORD_PERSON,
                                                   "name", "Wang Shuxin",
                                                   "institution", liaison_record_get_uuid (university), NULL);
  g_autoptr(LiaisonRecord) reloaded = NULL;

  /* ON DELETE SET NULL only works with foreign keys on. */
  liaison_store_delete (fixture->store, university, &error);
  g_assert_no_error (error);
  reloaded = liaison_store_load (fixture->store, LIAISON_RECORD_PERSON, liaison_record_get_id (person), &error);
  g_assert_no_error (error);
  g_assert_null (liaison_record_get_field (reloaded, "institution"));

  liaison_store_check_integrity (fixture->store, &error);
  g_assert_no_error (error);
}

static void
test_reopen_keeps_data (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(LiaisonRecord) record = test_save_new (fixture->store, LIAISON_RECORD_INSTITUTION, "name", "iFLYTEK", NULL);
  g_autoptr(LiaisonRecord) reloaded = NULL;
  g_autoptr(GError) error = NULL;

  g_clear_object (&fixture->store);
  fixture->store = liaison_store_open (fixture->path, LIAISON_STORE_OPEN_SEED, &error);
  g_assert_no_error (error);

  /* An existing database is neither re-created nor seeded. */
  g_assert_false (liaison_store_get_was_created (fixture->store));
  g_assert_cmpint (liaison_store_count (fixture->store, LIAISON_RECORD_INSTITUTION, NULL), ==, 1);
  reloaded = test_load (fixture->store, liaison_record_get_uuid (record));
  g_assert_true (liaison_record_equal (record, reloaded));
}

static void
test_migrations_exist_for_every_version (void)
{
  g_assert_null (_liaison_store_get_migration (0));
  for (guint v = 1; v <= LIAISON_SCHEMA_VERSION; v++)
    g_assert_nonnull (_liaison_store_get_migration (v));
  g_assert_null (_liaison_store_get_migration (LIAISON_SCHEMA_VERSION + 1));
}

static char *
schema_of (const char *path)
{
  g_autoptr(GString) out = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT type, name, sql FROM sqlite_schema ORDER BY type, name",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (out, "%s %s %s\n", sqlite3_column_text (stmt, 0),
                            sqlite3_column_text (stmt, 1), sqlite3_column_text (stmt, 2));
  sqlite3_finalize (stmt);
  g_string_append_printf (out, "version %" G_GINT64_FORMAT "\n", pragma_int (db, "PRAGMA user_version"));
  sqlite3_close (db);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
test_migrates_from_every_earlier_version (void)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *fresh_path = g_build_filename (dir, "fresh.db", NULL);
  g_autofree char *fresh_schema = NULL;
  g_autoptr(GError) error = NULL;
  LiaisonStore *fresh = liaison_store_open (fresh_path, LIAISON_STORE_OPEN_DEFAULT, &error);

  g_assert_no_error (error);
  g_clear_object (&fresh);
  fresh_schema = schema_of (fresh_path);

  for (guint from = 0; from < LIAISON_SCHEMA_VERSION; from++)
    {
      g_autofree char *name = g_strdup_printf ("v%u.db", from);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *migrated = NULL;
      g_autoptr(LiaisonStore) store = NULL;
      sqlite3 *db = NULL;

      /* A database as version @from left it; version 0 is no file yet. */
      if (from > 0)
        {
          g_autofree char *sql = g_strdup_printf ("PRAGMA user_version = %u; PRAGMA application_id = %d",
                                                  from, LIAISON_APPLICATION_ID);

          g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
          for (guint v = 1; v <= from; v++)
            g_assert_cmpint (sqlite3_exec (db, _liaison_store_get_migration (v), NULL, NULL, NULL), ==, SQLITE_OK);
          g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
          sqlite3_close (db);
        }

      store = liaison_store_open (path, LIAISON_STORE_OPEN_DEFAULT, &error);
      g_assert_no_error (error);
      g_clear_object (&store);

      migrated = schema_of (path);
      g_assert_cmpstr (migrated, ==, fresh_schema);
    }

  test_remove_tree (dir);
}

static void
test_newer_schema_is_refused_and_untouched (Fixture       *fixture,
                                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaisonStore) store = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);
  g_autofree char *sql = g_strdup_printf ("PRAGMA user_version = %d", LIAISON_SCHEMA_VERSION + 1);
  g_autoptr(LiaisonRecord) record = test_save_new (fixture->store, LIAISON_RECORD_INSTITUTION, "name", "HIREP", NULL);

  g_clear_object (&fixture->store);
  exec_sql (fixture->path, sql);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  before = test_file_checksum (fixture->path);

  store = liaison_store_open (fixture->path, LIAISON_STORE_OPEN_SEED, &error);
  g_assert_null (store);
  g_assert_error (error, LIAISON_ERROR, LIAISON_ERROR_NEWER_SCHEMA);
  /* The message names the file and tells what to do. */
  g_assert_nonnull (strstr (error->message, fixture->path));
  g_assert_nonnull (strstr (error->message, "newer version of Liaison"));
  g_assert_nonnull (strstr (error->message, "Update Liaison"));

  after = test_file_checksum (fixture->path);
  g_assert_cmpstr (before, ==, after);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));

  /* Read-only opening refuses it as well. */
  g_clear_error (&error);
  store = liaison_store_open (fixture->path, LIAISON_STORE_OPEN_READ_ONLY, &error);
  g_assert_error (error, LIAISON_ERROR, LIAISON_ERROR_NEWER_SCHEMA);
  g_clear_pointer (&after, g_free);
  after = test_file_checksum (fixture->path);
  g_assert_cmpstr (before, ==, after);
}

static void
test_foreign_files_are_refused_and_untouched (void)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *text_path = g_build_filename (dir, "notes.db", NULL);
  g_autofree char *other_path = g_build_filename (dir, "other.db", NULL);
  g_autoptr(GString) text = g_string_new (NULL);
  const char *paths[] = { text_path, other_path };

  for (guint i = 0; i < 200; i++)
    g_string_append (text, "Minutes of the meeting with Huawei, not a database.\n");
  g_assert_true (g_file_set_contents (text_path, text->str, text->len, NULL));
  exec_sql (other_path, "CREATE TABLE bookmarks (url TEXT); INSERT INTO bookmarks VALUES ('https://www.cqu.edu.cn/')");

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(LiaisonStore) store = NULL;
      g_autofree char *before = test_file_checksum (paths[i]);
      g_autofree char *after = NULL;

      store = liaison_store_open (paths[i], LIAISON_STORE_OPEN_SEED, &error);
      g_assert_null (store);
      g_assert_error (error, LIAISON_ERROR, LIAISON_ERROR_NOT_A_DATABASE);
      g_assert_nonnull (strstr (error->message, paths[i]));
      g_assert_nonnull (strstr (error->message, "not a Liaison database"));

      after = test_file_checksum (paths[i]);
      g_assert_cmpstr (before, ==, after);
    }

  test_remove_tree (dir);
}

static void
test_open_errors (void)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *missing = g_build_filename (dir, "missing.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaisonStore) store = NULL;

  store = liaison_store_open (missing, LIAISON_STORE_OPEN_READ_ONLY, &error);
  g_assert_null (store);
  g_assert_error (error, LIAISON_ERROR, LIAISON_ERROR_NOT_FOUND);
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  store = liaison_store_open (dir, LIAISON_STORE_OPEN_DEFAULT, &error);
  g_assert_null (store);
  g_assert_error (error, LIAISON_ERROR, LIAISON_ERROR_NOT_A_DATABASE);
  g_assert_nonnull (strstr (error->message, "is a folder"));

  test_remove_tree (dir);
}

static void
test_read_only_store_refuses_writes (Fixture       *fixture,
                                     gconstpointer  data)
{
  g_autoptr(LiaisonRecord) record = test_save_new (fixture->store, LIAISON_RECORD_INSTITUTION, "name", "OUC", NULL);
  g_autoptr(LiaisonStore) reader = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_clear_object (&fixture->store);
  before = test_db_fingerprint (fixture->path);
  reader = liaison_store_open (fixture->path, LIAISON_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_true (liaison_store_get_read_only (reader));
  g_assert_cmpint (liaison_store_count (reader, LIAISON_RECORD_INSTITUTION, NULL), ==, 1);

  liaison_record_set_field (record, "name", "Open University of China");
  g_assert_false (liaison_store_save (reader, record, &error));
  g_assert_error (error, LIAISON_ERROR, LIAISON_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_false (liaison_store_delete (reader, record, &error));
  g_assert_error (error, LIAISON_ERROR, LIAISON_ERROR_READ_ONLY);
  g_clear_object (&reader);

  after = test_db_fingerprint (fixture->path);
  g_assert_cmpstr (before, ==, after);
}

/* Create, read, update, delete */

static void
fill_record (LiaisonRecord *record,
             guint          variant)
{
  LiaisonRecordKind kind = liaison_record_get_kind (record);
  guint n_fields;
  const LiaisonField *fields = liaison_record_kind_get_fields (kind, &n_fields);

  for (guint i = 0; i < n_fields; i++)
    {
      g_autofree char *value = NULL;

      if (fields[i].type == LIAISON_FIELD_LINE)
        value = g_strdup_printf ("%s %u 华为", fields[i].name, variant);
      else if (fields[i].type == LIAISON_FIELD_TEXT)
        value = g_strdup_printf ("%s %u\nsecond paragraph", fields[i].name, variant);
      else if (fields[i].type == LIAISON_FIELD_DATE)
        value = g_strdup_printf ("20%02u-08", 10 + variant);
      else if (fields[i].type == LIAISON_FIELD_CHOICE)
        value = g_strdup (fields[i].choices[variant % g_strv_length ((char **) fields[i].choices)]);
      else
        continue;
      liaison_record_set_field_at (record, i, value);
    }
}

static void
test_crud_every_kind (Fixture       *fixture,
                      gconstpointer  data)
{
  for (LiaisonRecordKind kind = 0; kind < LIAISON_N_RECORD_KINDS; kind++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(LiaisonRecord) record = liaison_record_new (kind);
      g_autoptr(LiaisonRecord) loaded = NULL;
      g_autoptr(LiaisonChange) change = NULL;
      g_autofree char *created = NULL;
      g_autofree char *uuid = NULL;
      gint64 changes_before = count_changes (fixture->store, NULL);
      gint64 id;

      /* Create */
      fill_record (record, 1);
      g_assert_true (liaison_store_save (fixture->store, record, &error));
      g_assert_no_error (error);
      id = liaison_record_get_id (record);
      uuid = g_strdup (liaison_record_get_uuid (record));
      g_assert_cmpint (id, >, 0);
      g_assert_true (g_uuid_string_is_valid (uuid));
      g_assert_cmpint (liaison_record_get_revision (record), ==, 1);
      g_assert_true (is_timestamp (liaison_record_get_created (record)));
      g_assert_cmpstr (liaison_record_get_created (record), ==, liaison_record_get_modified (record));
      created = g_strdup (liaison_record_get_created (record));
      g_assert_cmpint (liaison_store_count (fixture->store, kind, NULL), ==, 1);

      g_assert_cmpint (count_changes (fixture->store, NULL), ==, changes_before + 1);
      change = last_change (fixture->store);
      g_assert_cmpstr (change->action, ==, "create");
      g_assert_cmpstr (change->kind, ==, liaison_record_kind_to_string (kind));
      g_assert_cmpstr (change->record_uuid, ==, uuid);
      g_assert_null (change->before);
      g_assert_nonnull (strstr (change->after, liaison_record_get_title (record)));
      g_assert_true (is_timestamp (change->time));
      g_clear_pointer (&change, liaison_change_free);

      /* Read, by id and by UUID */
      loaded = liaison_store_load (fixture->store, kind, id, &error);
      g_assert_no_error (error);
      g_assert_true (liaison_record_equal (record, loaded));
      g_assert_cmpint (liaison_record_get_revision (loaded), ==, 1);
      g_assert_cmpstr (liaison_record_get_created (loaded), ==, created);
      g_clear_object (&loaded);
      loaded = test_load (fixture->store, uuid);
      g_assert_cmpint (liaison_record_get_kind (loaded), ==, kind);
      g_clear_object (&loaded);
      {
        g_autofree char *title = liaison_store_get_title (fixture->store, uuid);
        g_assert_cmpstr (title, ==, liaison_record_get_title (record));
      }

      /* Update: one more revision and one change-log entry with both snapshots. */
      fill_record (record, 2);
      g_assert_true (liaison_store_save (fixture->store, record, &error));
      g_assert_no_error (error);
      g_assert_cmpint (liaison_record_get_id (record), ==, id);
      g_assert_cmpstr (liaison_record_get_uuid (record), ==, uuid);
      g_assert_cmpint (liaison_record_get_revision (record), ==, 2);
      g_assert_cmpstr (liaison_record_get_created (record), ==, created);
      g_assert_cmpstr (liaison_record_get_modified (record), >=, created);
      g_assert_cmpint (liaison_store_count (fixture->store, kind, NULL), ==, 1);
      g_assert_cmpint (count_changes (fixture->store, NULL), ==, changes_before + 2);
      g_assert_cmpint (count_changes (fixture->store, uuid), ==, 2);
      change = last_change (fixture->store);
      g_assert_cmpstr (change->action, ==, "update");
      g_assert_nonnull (strstr (change->before, " 1"));
      g_assert_nonnull (strstr (change->after, " 2"));
      g_clear_pointer (&change, liaison_change_free);

      loaded = liaison_store_load (fixture->store, kind, id, &error);
      g_assert_true (liaison_record_equal (record, loaded));
      g_assert_cmpint (liaison_record_get_revision (loaded), ==, 2);
      g_clear_object (&loaded);

      /* Delete */
      g_assert_true (liaison_store_delete (fixture->store, record, &error));
      g_assert_no_error (error);
      g_assert_cmpint (liaison_store_count (fixture->store, kind, NULL), ==, 0);
      g_assert_cmpint (count_changes (fixture->store, NULL), ==, changes_before + 3);
      change = last_change (fixture->store);
      g_assert_cmpstr (change->action, ==, "delete");
      g_assert_cmpstr (change->record_uuid, ==, uuid);
      g_assert_nonnull (strstr (change->before, liaison_record_get_title (record)));
      g_assert_null (change->after);

      loaded = liaison_store_load (fixture->store, kind, id, &error);
      g_assert_null (loaded);
      g_assert_error (error, LIAISON_ERROR, LIAISON_ERROR_NOT_FOUND);
      g_clear_error (&error);

      /* Deleting twice says so, and logs nothing. */
      g_assert_false (liaison_store_delete (fixture->store, record, &error));
      g_assert_error (error, LIAISON_ERROR, LIAISON_ERROR_NOT_FOUND);
      g_assert_cmpint (count_changes (fixture->store, NULL), ==, changes_before + 3);
    }
}

static void
count_signal_cb (LiaisonStore *store,
                 guint         kind,
                 guint        *count)
{
  (*count)++;
}

static void
test_changed_is_emitted_once_per_write (Fixture       *fixture,
                                        gconstpointer  data)
{
  g_autoptr(LiaisonRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  guint emitted = 0;

  g_signal_connect (fixture->store, "changed", G_CALLBACK (count_signal_cb), &emitted);
  record = test_save_new (fixture->store, LIAISON_RECORD_INSTITUTION, "name", "iFLYTEK", NULL);
  g_assert_cmpuint (emitted, ==, 1);
  liaison_record_set_field (record, "city", "Hefei");
  liaison_store_save (fixture->store, record, &error);
  g_assert_cmpuint (emitted, ==, 2);
  liaison_store_delete (fixture->store, record, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (emitted, ==, 3);

  /* A refused write is not a change. */
  g_object_unref (record);
  record = liaison_record_new (LIAISON_RECORD_INSTITUTION);
  g_assert_false (liaison_store_save (fixture->store, record, &error));
  g_assert_cmpuint (emitted, ==, 3);
}

/* Links */

typedef struct {
  LiaisonRecord *cqu, *huawei, *branch, *source;
  LiaisonRecord *president, *vp;
  LiaisonRecord *agreement, *sub, *event;
} Graph;

static void graph_clear (Graph *g);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Graph, graph_clear)

static void
graph_clear (Graph *g)
{
  g_clear_object (&g->cqu);
  g_clear_object (&g->huawei);
  g_clear_object (&g->branch);
  g_clear_object (&g->source);
  g_clear_object (&g->president);
  g_clear_object (&g->vp);
  g_clear_object (&g->agreement);
  g_clear_object (&g->sub);
  g_clear_object (&g->event);
}

static void
build_graph (LiaisonStore *store,
             Graph        *g)
{
  g_autoptr(GError) error = NULL;

  g->source = test_save_new (store, LIAISON_RECORD_SOURCE, "title", "Campus news", NULL);
  g->cqu = test_save_new (store, LIAISON_RECORD_INSTITUTION, "name", "Chongqing University",
                          "local-name", "重庆大学", "kind", "university", NULL);
  g->huawei = test_save_new (store, LIAISON_RECORD_INSTITUTION, "name", "Huawei Technologies Co., Ltd.",
                             "local-name", "华为技术有限公司", "kind", "company", NULL);
  g->branch = test_save_new (store, LIAISON_RECORD_INSTITUTION, "name", "Huawei Liaoning",
                             "parent", liaison_record_get_uuid (g->huawei), NULL);
  g->president = test_save_new (store, LIAISON_RECORD_PERSON, "name", "Wang Shuxin",
                                "institution", liaison_record_get_uuid (g->cqu), NULL);
  g->vp = test_save_new (store, LIAISON_RECORD_PERSON, "name", "Wu Hui",
                         "institution", liaison_record_get_uuid (g->huawei), NULL);

  g->agreement = liaison_record_new (LIAISON_RECORD_AGREEMENT);
  liaison_record_set_field (g->agreement, "title", "Comprehensive strategic cooperation");
  liaison_record_set_field (g->agreement, "signed", "2023-08-30");
  liaison_record_set_field (g->agreement, "responsible", liaison_record_get_uuid (g->president));
  liaison_record_add_link (g->agreement, liaison_link_new (LIAISON_LINK_PARTY, liaison_record_get_uuid (g->cqu),
                                                           "university", liaison_record_get_uuid (g->president)));
  liaison_record_add_link (g->agreement, liaison_link_new (LIAISON_LINK_PARTY, liaison_record_get_uuid (g->huawei),
                                                           "company", liaison_record_get_uuid (g->vp)));
  liaison_record_add_link (g->agreement, liaison_link_new (LIAISON_LINK_TAG, "smart campus", NULL, NULL));
  liaison_record_add_link (g->agreement, liaison_link_new (LIAISON_LINK_TAG, "digital education", NULL, NULL));
  liaison_record_add_link (g->agreement, liaison_link_new (LIAISON_LINK_CITATION, liaison_record_get_uuid (g->source),
                                                           "signing report", NULL));
  liaison_store_save (store, g->agreement, &error);
  g_assert_no_error (error);

  g->sub = test_save_new (store, LIAISON_RECORD_AGREEMENT, "title", "Benchmark smart campus", "kind", "sub-agreement",
                          "parent", liaison_record_get_uuid (g->agreement), NULL);

  g->event = liaison_record_new (LIAISON_RECORD_EVENT);
  liaison_record_set_field (g->event, "title", "Signing ceremony");
  liaison_record_set_field (g->event, "kind", "signing");
  liaison_record_set_field (g->event, "date", "2023-08-30");
  liaison_record_set_field (g->event, "host", liaison_record_get_uuid (g->cqu));
  liaison_record_add_link (g->event, liaison_link_new (LIAISON_LINK_INSTITUTION, liaison_record_get_uuid (g->branch), "attended", NULL));
  liaison_record_add_link (g->event, liaison_link_new (LIAISON_LINK_PERSON, liaison_record_get_uuid (g->vp), "speaker", NULL));
  liaison_record_add_link (g->event, liaison_link_new (LIAISON_LINK_PERSON, liaison_record_get_uuid (g->president), "speaker", NULL));
  liaison_record_add_link (g->event, liaison_link_new (LIAISON_LINK_AGREEMENT, liaison_record_get_uuid (g->agreement), NULL, NULL));
  liaison_record_add_link (g->event, liaison_link_new (LIAISON_LINK_AGREEMENT, liaison_record_get_uuid (g->sub), NULL, NULL));
  liaison_record_add_link (g->event, liaison_link_new (LIAISON_LINK_TAG, "smart campus", NULL, NULL));
  liaison_record_add_link (g->event, liaison_link_new (LIAISON_LINK_CITATION, liaison_record_get_uuid (g->source), NULL, NULL));
  liaison_store_save (store, g->event, &error);
  g_assert_no_error (error);
}

static void
test_links_are_stored_in_order (Fixture       *fixture,
                                gconstpointer  data)
{
  g_auto(Graph) g = { 0 };
  g_autoptr(LiaisonRecord) agreement = NULL;
  g_autoptr(LiaisonRecord) event = NULL;
  g_auto(GStrv) tags = NULL;
  g_autoptr(GError) error = NULL;
  const LiaisonLink *party;

  build_graph (fixture->store, &g);

  agreement = test_load (fixture->store, liaison_record_get_uuid (g.agreement));
  g_assert_true (liaison_record_equal (agreement, g.agreement));
  g_assert_cmpuint (liaison_record_get_links (agreement)->len, ==, 5);
  party = g_ptr_array_index (liaison_record_get_links (agreement), 1);
  g_assert_cmpint (party->type, ==, LIAISON_LINK_PARTY);
  g_assert_cmpstr (party->target, ==, liaison_record_get_uuid (g.huawei));
  g_assert_cmpstr (party->role, ==, "company");
  g_assert_cmpstr (party->signatory, ==, liaison_record_get_uuid (g.vp));

  event = test_load (fixture->store, liaison_record_get_uuid (g.event));
  g_assert_true (liaison_record_equal (event, g.event));
  g_assert_cmpstr (liaison_record_get_field (event, "host"), ==, liaison_record_get_uuid (g.cqu));

  tags = liaison_store_list_tags (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (tags), ==, 2);
  g_assert_cmpstr (tags[0], ==, "digital education");
  g_assert_cmpstr (tags[1], ==, "smart campus");

  /* Saving other links replaces them: no stale rows remain. */
  liaison_record_clear_links (agreement);
  liaison_record_add_link (agreement, liaison_link_new (LIAISON_LINK_PARTY, liaison_record_get_uuid (g.huawei), "company", NULL));
  liaison_store_save (fixture->store, agreement, &error);
  g_assert_no_error (error);
  g_clear_object (&agreement);
  agreement = test_load (fixture->store, liaison_record_get_uuid (g.agreement));
  g_assert_cmpuint (liaison_record_get_links (agreement)->len, ==, 1);
  g_assert_cmpint (test_db_count (fixture->path, "agreement_party"), ==, 1);
  g_assert_cmpint (test_db_count (fixture->path, "agreement_tag"), ==, 0);
  g_assert_cmpint (test_db_count (fixture->path, "citation"), ==, 1);

  g_strfreev (tags);
  tags = liaison_store_list_tags (fixture->store, &error);
  g_assert_cmpuint (g_strv_length (tags), ==, 1);
}

static void
assert_linked (LiaisonStore      *store,
               LiaisonRecordKind  kind,
               LiaisonRecord     *linked_to,
               ...)
{
  g_autoptr(LiaisonQuery) query = liaison_query_new (kind);
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GPtrArray) expected = g_ptr_array_new ();
  LiaisonRecord *record;
  va_list args;

  va_start (args, linked_to);
  while ((record = va_arg (args, LiaisonRecord *)) != NULL)
    g_ptr_array_add (expected, (gpointer) liaison_record_get_uuid (record));
  va_end (args);

  query->linked_to = g_strdup (liaison_record_get_uuid (linked_to));
  liaison_query_set_sort (query, "id", FALSE);
  found = test_query_uuids (store, query);
  g_assert_cmpuint (found->len, ==, expected->len);
  for (guint i = 0; i < expected->len; i++)
    g_assert_true (test_uuids_contain (found, expected->pdata[i]));
  g_assert_cmpint (liaison_store_query_count (store, query, NULL), ==, expected->len);
}

static void
test_linked_records (Fixture       *fixture,
                     gconstpointer  data)
{
  g_auto(Graph) g = { 0 };
  LiaisonStore *s = fixture->store;

  build_graph (s, &g);

  /* Parties of an agreement, and the agreements of a party */
  assert_linked (s, LIAISON_RECORD_INSTITUTION, g.agreement, g.cqu, g.huawei, NULL);
  assert_linked (s, LIAISON_RECORD_AGREEMENT, g.huawei, g.agreement, NULL);
  /* Signatories and the responsible person */
  assert_linked (s, LIAISON_RECORD_PERSON, g.agreement, g.president, g.vp, NULL);
  assert_linked (s, LIAISON_RECORD_AGREEMENT, g.vp, g.agreement, NULL);
  /* Sub-agreements and branches */
  assert_linked (s, LIAISON_RECORD_AGREEMENT, g.agreement, g.sub, NULL);
  assert_linked (s, LIAISON_RECORD_INSTITUTION, g.huawei, g.branch, NULL);
  /* Staff and employer */
  assert_linked (s, LIAISON_RECORD_PERSON, g.cqu, g.president, NULL);
  assert_linked (s, LIAISON_RECORD_INSTITUTION, g.vp, g.huawei, NULL);
  /* Events: host and participants both count */
  assert_linked (s, LIAISON_RECORD_EVENT, g.cqu, g.event, NULL);
  assert_linked (s, LIAISON_RECORD_EVENT, g.branch, g.event, NULL);
  assert_linked (s, LIAISON_RECORD_EVENT, g.huawei, NULL);
  assert_linked (s, LIAISON_RECORD_INSTITUTION, g.event, g.cqu, g.branch, NULL);
  assert_linked (s, LIAISON_RECORD_PERSON, g.event, g.president, g.vp, NULL);
  assert_linked (s, LIAISON_RECORD_EVENT, g.vp, g.event, NULL);
  assert_linked (s, LIAISON_RECORD_AGREEMENT, g.event, g.agreement, g.sub, NULL);
  assert_linked (s, LIAISON_RECORD_EVENT, g.sub, g.event, NULL);
  /* Citations both ways */
  assert_linked (s, LIAISON_RECORD_SOURCE, g.event, g.source, NULL);
  assert_linked (s, LIAISON_RECORD_AGREEMENT, g.source, g.agreement, NULL);
  assert_linked (s, LIAISON_RECORD_EVENT, g.source, g.event, NULL);
  assert_linked (s, LIAISON_RECORD_INSTITUTION, g.source, NULL);
}

static void
test_linked_to_unknown_record_is_an_error (Fixture       *fixture,
                                           gconstpointer  data)
{
  g_autoptr(LiaisonQuery) query = liaison_query_new (LIAISON_RECORD_EVENT);
  g_autoptr(GError) error = NULL;

  query->linked_to = g_strdup (MISSING_UUID);
  g_assert_null (liaison_store_query (fixture->store, query, &error));
  g_assert_error (error, LIAISON_ERROR, LIAISON_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, MISSING_UUID));
}

static void
test_delete_removes_links_and_clears_references (Fixture       *fixture,
                                                 gconstpointer  data)
{
  g_auto(Graph) g = { 0 };
  g_autoptr(LiaisonRecord) agreement = NULL;
  g_autoptr(LiaisonRecord) event = NULL;
  g_autoptr(LiaisonRecord) branch = NULL;
  g_autoptr(GError) error = NULL;

  build_graph (fixture->store, &g);

  liaison_store_delete (fixture->store, g.huawei, &error);
  g_assert_no_error (error);
  agreement = test_load (fixture->store, liaison_record_get_uuid (g.agreement));
  g_assert_cmpuint (liaison_record_get_links (agreement)->len, ==, 4);
  branch = test_load (fixture->store, liaison_record_get_uuid (g.branch));
  g_assert_null (liaison_record_get_field (branch, "parent"));

  liaison_store_delete (fixture->store, g.cqu, &error);
  g_assert_no_error (error);
  event = test_load (fixture->store, liaison_record_get_uuid (g.event));
  g_assert_null (liaison_record_get_field (event, "host"));

  /* A deleted record's own citations go with it. */
  liaison_store_delete (fixture->store, g.event, &error);
  g_assert_no_error (error);
  g_assert_cmpint (test_db_count (fixture->path, "citation"), ==, 1);
  g_assert_cmpint (test_db_count (fixture->path, "event_person"), ==, 0);

  liaison_store_check_integrity (fixture->store, &error);
  g_assert_no_error (error);
}

/* Refused writes change nothing */

static void
assert_refused (Fixture       *fixture,
                LiaisonRecord *record,
                LiaisonError   code,
                const char    *fragment)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = test_db_fingerprint (fixture->path);
  g_autofree char *after = NULL;
  guint emitted = 0;
  gulong handler = g_signal_connect (fixture->store, "changed", G_CALLBACK (count_signal_cb), &emitted);

  g_assert_false (liaison_store_save (fixture->store, record, &error));
  g_assert_error (error, LIAISON_ERROR, code);
  if (strstr (error->message, fragment) == NULL)
    g_error ("message lacks “%s”: %s", fragment, error->message);
  g_signal_handler_disconnect (fixture->store, handler);
  g_assert_cmpuint (emitted, ==, 0);

  after = test_db_fingerprint (fixture->path);
  g_assert_cmpstr (before, ==, after);
}

static void
test_refused_writes_change_nothing (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_auto(Graph) g = { 0 };
  g_autoptr(LiaisonRecord) r = NULL;
  g_autofree char *huawei = NULL;

  build_graph (fixture->store, &g);
  huawei = g_strdup (liaison_record_get_uuid (g.huawei));

  /* Required field */
  r = liaison_record_copy (g.cqu);
  liaison_record_set_field (r, "name", NULL);
  assert_refused (fixture, r, LIAISON_ERROR_INVALID_FIELD, "“name” is required");
  g_clear_object (&r);

  /* Bad choice */
  r = liaison_record_copy (g.agreement);
  liaison_record_set_field (r, "status", "pending");
  assert_refused (fixture, r, LIAISON_ERROR_INVALID_FIELD, "status");
  g_clear_object (&r);

  /* Bad date */
  r = liaison_record_copy (g.event);
  liaison_record_set_field (r, "date", "2023-02-29");
  assert_refused (fixture, r, LIAISON_ERROR_INVALID_FIELD, "“date”");
  g_clear_object (&r);

  /* End before start */
  r = liaison_record_copy (g.agreement);
  liaison_record_set_field (r, "start", "2024");
  liaison_record_set_field (r, "end", "2023-12");
  assert_refused (fixture, r, LIAISON_ERROR_INVALID_FIELD, "end date");
  g_clear_object (&r);

  /* Dangling reference field, on a new record and on an update */
  r = liaison_record_new (LIAISON_RECORD_PERSON);
  liaison_record_set_field (r, "name", "Ou Yang");
  liaison_record_set_field (r, "institution", MISSING_UUID);
  assert_refused (fixture, r, LIAISON_ERROR_DANGLING_REFERENCE, "“institution”");
  g_clear_object (&r);

  r = liaison_record_copy (g.sub);
  liaison_record_set_field (r, "title", "Renamed sub-agreement");
  liaison_record_set_field (r, "parent", MISSING_UUID);
  assert_refused (fixture, r, LIAISON_ERROR_DANGLING_REFERENCE, "“parent”");
  g_clear_object (&r);

  /* Dangling link on an update: the row was already rewritten and the old links
   * cleared when the link fails, so this proves the rollback. */
  r = liaison_record_copy (g.agreement);
  liaison_record_set_field (r, "title", "Renamed agreement");
  liaison_record_add_link (r, liaison_link_new (LIAISON_LINK_PARTY, MISSING_UUID, NULL, NULL));
  assert_refused (fixture, r, LIAISON_ERROR_DANGLING_REFERENCE, MISSING_UUID);
  g_clear_object (&r);

  r = liaison_record_copy (g.event);
  liaison_record_add_link (r, liaison_link_new (LIAISON_LINK_PERSON, MISSING_UUID, NULL, NULL));
  assert_refused (fixture, r, LIAISON_ERROR_DANGLING_REFERENCE, MISSING_UUID);
  g_clear_object (&r);

  r = liaison_record_copy (g.agreement);
  liaison_record_clear_links (r);
  liaison_record_add_link (r, liaison_link_new (LIAISON_LINK_PARTY, huawei, NULL, MISSING_UUID));
  assert_refused (fixture, r, LIAISON_ERROR_DANGLING_REFERENCE, "signatory");
  g_clear_object (&r);

  /* The same party twice */
  r = liaison_record_copy (g.agreement);
  liaison_record_add_link (r, liaison_link_new (LIAISON_LINK_PARTY, huawei, "again", NULL));
  assert_refused (fixture, r, LIAISON_ERROR_DUPLICATE, "twice");
  g_clear_object (&r);

  /* A UUID that a record of another kind has */
  r = liaison_record_new (LIAISON_RECORD_PERSON);
  liaison_record_set_field (r, "name", "Impostor");
  liaison_record_set_uuid (r, huawei);
  assert_refused (fixture, r, LIAISON_ERROR_DUPLICATE, huawei);
  g_clear_object (&r);

  /* A record deleted while it was open in an editor */
  r = liaison_record_copy (g.sub);
  {
    g_autoptr(GError) error = NULL;
    liaison_store_delete (fixture->store, g.sub, &error);
    g_assert_no_error (error);
  }
  liaison_record_set_field (r, "title", "Edited after deletion");
  assert_refused (fixture, r, LIAISON_ERROR_NOT_FOUND, "no longer in the database");
}

static void
test_save_new_record_keeps_given_uuid (Fixture       *fixture,
                                       gconstpointer  data)
{
  g_autoptr(LiaisonRecord) record = liaison_record_new (LIAISON_RECORD_SOURCE);
  g_autoptr(GError) error = NULL;
  const char *uuid = "60fd1580-c787-433b-b297-231c71b98a27";

  liaison_record_set_uuid (record, uuid);
  liaison_record_set_field (record, "title", "Campus news");
  liaison_store_save (fixture->store, record, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (liaison_record_get_uuid (record), ==, uuid);
  g_clear_object (&record);
  record = test_load (fixture->store, uuid);
  g_assert_cmpstr (liaison_record_get_title (record), ==, "Campus news");
}

static void
test_list_changes_newest_first_with_limit (Fixture       *fixture,
                                           gconstpointer  data)
{
  g_autoptr(LiaisonRecord) a = test_save_new (fixture->store, LIAISON_RECORD_INSTITUTION, "name", "First", NULL);
  g_autoptr(LiaisonRecord) b = test_save_new (fixture->store, LIAISON_RECORD_INSTITUTION, "name", "Second", NULL);
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GError) error = NULL;

  changes = liaison_store_list_changes (fixture->store, NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (changes->len, ==, 2);
  g_assert_cmpstr (((LiaisonChange *) changes->pdata[0])->record_uuid, ==, liaison_record_get_uuid (b));
  g_assert_cmpint (((LiaisonChange *) changes->pdata[0])->id, >, ((LiaisonChange *) changes->pdata[1])->id);
  g_assert_nonnull (strstr (((LiaisonChange *) changes->pdata[0])->summary, "Second"));
  g_clear_pointer (&changes, g_ptr_array_unref);

  changes = liaison_store_list_changes (fixture->store, liaison_record_get_uuid (a), 0, &error);
  g_assert_cmpuint (changes->len, ==, 1);
  g_clear_pointer (&changes, g_ptr_array_unref);

  changes = liaison_store_list_changes (fixture->store, NULL, 1, &error);
  g_assert_cmpuint (changes->len, ==, 1);
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/liaison/store/schema/new-database-has-current-version-wal-and-foreign-keys", test_new_database_has_current_schema);
  ADD ("/liaison/store/schema/foreign-keys-are-enforced", test_foreign_keys_are_enforced);
  ADD ("/liaison/store/schema/reopen-keeps-data-and-does-not-seed", test_reopen_keeps_data);
  g_test_add_func ("/liaison/store/schema/migrations-exist-for-every-version", test_migrations_exist_for_every_version);
  g_test_add_func ("/liaison/store/schema/migrates-from-every-earlier-version", test_migrates_from_every_earlier_version);
  ADD ("/liaison/store/schema/newer-schema-is-refused-and-untouched", test_newer_schema_is_refused_and_untouched);
  g_test_add_func ("/liaison/store/schema/foreign-files-are-refused-and-untouched", test_foreign_files_are_refused_and_untouched);
  g_test_add_func ("/liaison/store/open-errors", test_open_errors);
  ADD ("/liaison/store/read-only-store-refuses-writes", test_read_only_store_refuses_writes);
  ADD ("/liaison/store/crud/every-kind", test_crud_every_kind);
  ADD ("/liaison/store/crud/new-record-keeps-given-uuid", test_save_new_record_keeps_given_uuid);
  ADD ("/liaison/store/changed-is-emitted-once-per-write", test_changed_is_emitted_once_per_write);
  ADD ("/liaison/store/links/stored-in-order-and-replaced", test_links_are_stored_in_order);
  ADD ("/liaison/store/links/linked-records", test_linked_records);
  ADD ("/liaison/store/links/linked-to-unknown-record-is-an-error", test_linked_to_unknown_record_is_an_error);
  ADD ("/liaison/store/links/delete-removes-links-and-clears-references", test_delete_removes_links_and_clears_references);
  ADD ("/liaison/store/refused-writes-change-nothing", test_refused_writes_change_nothing);
  ADD ("/liaison/store/change-log/newest-first-with-limit", test_list_changes_newest_first_with_limit);

  return g_test_run ();
}

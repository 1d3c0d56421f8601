/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>

#include "test-reliability.h"

/*
 * Errors a user can act on: each kind of failure of the store, the importer and
 * liaison-cli names the file, record or field and says what to do.  (Damaged files,
 * disks, backups and conflicts have their own tests.)
 */

#define NS "xmlns=\"https://liaisonapp.github.io/ns/liaison/1\" version=\"1\""
#define MISSING_UUID "00000000-0000-4000-8000-00000000dead"

typedef struct {
  char         *dir;
  char         *path;
  LiaisonStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = test_make_tmpdir ();
  fixture->path = rel_make_seeded_db (fixture->dir, "liaison.db");
  fixture->store = test_open_store (fixture->dir, "liaison.db", LIAISON_STORE_OPEN_DEFAULT);
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

/* Imports @xml as a file named doc.xml; the failure must change nothing. */
static GError *
import_failure (Fixture    *fixture,
                const char *xml)
{
  g_autofree char *file = g_build_filename (fixture->dir, "doc.xml", NULL);
  g_autofree char *before = test_db_fingerprint (fixture->path);
  g_autofree char *after = NULL;
  GError *error = NULL;

  g_assert_true (g_file_set_contents (file, xml, -1, NULL));
  g_assert_false (liaison_import_file (fixture->store, file, LIAISON_IMPORT_DEFAULT, NULL, NULL, NULL, NULL, &error));
  g_assert_nonnull (error);
  rel_assert_message (error, file);
  after = test_db_fingerprint (fixture->path);
  g_assert_cmpstr (before, ==, after);
  return error;
}

static void
test_save_errors_name_record_and_field (Fixture       *fixture,
                                        gconstpointer  data)
{
  g_autoptr(LiaisonRecord) nameless = liaison_record_new (LIAISON_RECORD_INSTITUTION);
  g_autoptr(LiaisonRecord) orphan = liaison_record_new (LIAISON_RECORD_PERSON);
  g_autoptr(LiaisonRecord) bad_date = liaison_record_new (LIAISON_RECORD_EVENT);
  g_autoptr(GError) error = NULL;

  /* A required field left empty. */
  g_assert_false (liaison_store_save (fixture->store, nameless, &error));
  g_assert_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID_FIELD);
  rel_assert_message (error, "name");
  g_clear_error (&error);

  /* A reference to a record that is not there: the field and the UUID. */
  liaison_record_set_field (orphan, "name", "Li Wei");
  liaison_record_set_field (orphan, "institution", MISSING_UUID);
  g_assert_false (liaison_store_save (fixture->store, orphan, &error));
  g_assert_error (error, LIAISON_ERROR, LIAISON_ERROR_DANGLING_REFERENCE);
  rel_assert_message (error, "Li Wei");
  rel_assert_message (error, "institution");
  rel_assert_message (error, MISSING_UUID);
  g_clear_error (&error);

  /* A date that is no date: the field and the value. */
  liaison_record_set_field (bad_date, "title", "Signing ceremony");
  liaison_record_set_field (bad_date, "kind", "signing");
  liaison_record_set_field (bad_date, "date", "2024-13-45");
  g_assert_false (liaison_store_save (fixture->store, bad_date, &error));
  g_assert_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID_FIELD);
  rel_assert_message (error, "date");
  rel_assert_message (error, "2024-13-45");
}

static void
test_deleted_record_save_says_so (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(LiaisonStore) other = test_open_store (fixture->dir, "liaison.db", LIAISON_STORE_OPEN_DEFAULT);
  g_autoptr(LiaisonRecord) mine = test_load (fixture->store, "63283e8c-845f-4266-8d69-fe1fca9f9de2");
  g_autoptr(LiaisonRecord) theirs = test_load (other, "63283e8c-845f-4266-8d69-fe1fca9f9de2");
  g_autoptr(GError) error = NULL;

  g_assert_true (liaison_store_delete (other, theirs, &error));
  liaison_record_set_field (mine, "city", "Shapingba");
  g_assert_false (liaison_store_save (fixture->store, mine, &error));
  g_assert_error (error, LIAISON_ERROR, LIAISON_ERROR_NOT_FOUND);
  rel_assert_message (error, "Chongqing University");
  rel_assert_message (error, "deleted");
}

static void
test_import_errors_name_file_line_and_field (Fixture       *fixture,
                                             gconstpointer  data)
{
  g_autoptr(GError) not_xml = import_failure (fixture, "Minutes of the meeting, not XML.\n");
  g_autoptr(GError) wrong_root = import_failure (fixture, "<?xml version=\"1.0\"?>\n<html><body/></html>\n");
  g_autoptr(GError) bad_kind = import_failure (fixture, "<?xml version=\"1.0\"?>\n<liaison " NS ">\n<institutions>\n"
                                               "<institution uuid=\"00000000-0000-4000-8000-000000000001\" kind=\"castle\">"
                                               "<name>X</name></institution>\n</institutions>\n</liaison>\n");
  g_autoptr(GError) dangling = import_failure (fixture, "<?xml version=\"1.0\"?>\n<liaison " NS ">\n<people>\n"
                                               "<person uuid=\"00000000-0000-4000-8000-000000000002\">\n"
                                               "<name>Li Wei</name>\n<institution ref=\"" MISSING_UUID "\"/>\n"
                                               "</person>\n</people>\n</liaison>\n");
  g_autoptr(GError) newer = import_failure (fixture, "<?xml version=\"1.0\"?>\n<liaison xmlns=\"https://liaisonapp.github.io/ns/liaison/1\" version=\"9\"/>\n");
  g_autofree char *missing = g_build_filename (fixture->dir, "missing.xml", NULL);
  g_autoptr(GError) absent = NULL;

  g_assert_error (not_xml, LIAISON_ERROR, LIAISON_ERROR_INVALID_DOCUMENT);
  rel_assert_message (not_xml, "doc.xml:1:");

  g_assert_error (wrong_root, LIAISON_ERROR, LIAISON_ERROR_INVALID_DOCUMENT);
  rel_assert_message (wrong_root, "not a Liaison document");

  g_assert_error (bad_kind, LIAISON_ERROR, LIAISON_ERROR_INVALID_DOCUMENT);
  rel_assert_message (bad_kind, "doc.xml:4:");
  rel_assert_message (bad_kind, "castle");

  g_assert_nonnull (dangling);
  rel_assert_message (dangling, "doc.xml:");
  rel_assert_message (dangling, MISSING_UUID);

  rel_assert_message (newer, "update Liaison");

  g_assert_false (liaison_import_file (fixture->store, missing, LIAISON_IMPORT_DEFAULT, NULL, NULL, NULL, NULL, &absent));
  g_assert_error (absent, LIAISON_ERROR, LIAISON_ERROR_NOT_FOUND);
  rel_assert_message (absent, missing);
}

static void
test_read_only_open_errors_say_what_to_do (void)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *missing = g_build_filename (dir, "missing.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaisonStore) store = NULL;

  store = liaison_store_open (missing, LIAISON_STORE_OPEN_READ_ONLY, &error);
  g_assert_error (error, LIAISON_ERROR, LIAISON_ERROR_NOT_FOUND);
  rel_assert_message (error, missing);
  g_clear_error (&error);

  store = liaison_store_open (dir, LIAISON_STORE_OPEN_DEFAULT, &error);
  g_assert_error (error, LIAISON_ERROR, LIAISON_ERROR_NOT_A_DATABASE);
  rel_assert_message (error, "is a folder");
  rel_assert_message (error, "Choose a database file");

  test_remove_tree (dir);
}

static void
test_cli_errors_exit_1_with_the_message (Fixture       *fixture,
                                         gconstpointer  data)
{
  g_autofree char *missing_xml = g_build_filename (fixture->dir, "missing.xml", NULL);
  g_autofree char *missing_db = g_build_filename (fixture->dir, "nowhere.db", NULL);
  g_autofree char *err = NULL;

  g_clear_object (&fixture->store);

  g_assert_cmpint (rel_run_cli (NULL, &err, "--database", fixture->path, "import", missing_xml, NULL), ==, 1);
  g_assert_nonnull (strstr (err, missing_xml));
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (rel_run_cli (NULL, &err, "--database", fixture->path, "show", MISSING_UUID, NULL), ==, 1);
  g_assert_nonnull (strstr (err, MISSING_UUID));
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (rel_run_cli (NULL, &err, "--database", missing_db, "backup", NULL), ==, 1);
  g_assert_nonnull (strstr (err, missing_db));
  g_assert_nonnull (strstr (err, "--database"));
  g_assert_false (g_file_test (missing_db, G_FILE_TEST_EXISTS));
  g_clear_pointer (&err, g_free);

  /* Wrong usage is 2, with the command's help. */
  g_assert_cmpint (rel_run_cli (NULL, &err, "--database", fixture->path, "restore", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "restore needs exactly one backup FILE"));
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/liaison/errors/save-errors-name-record-and-field", Fixture, NULL,
              fixture_set_up, test_save_errors_name_record_and_field, fixture_tear_down);
  g_test_add ("/liaison/errors/deleted-record-save-says-so", Fixture, NULL,
              fixture_set_up, test_deleted_record_save_says_so, fixture_tear_down);
  g_test_add ("/liaison/errors/import-errors-name-file-line-and-field", Fixture, NULL,
              fixture_set_up, test_import_errors_name_file_line_and_field, fixture_tear_down);
  g_test_add_func ("/liaison/errors/open-errors-say-what-to-do", test_read_only_open_errors_say_what_to_do);
  g_test_add ("/liaison/errors/cli-errors-exit-1-with-the-message", Fixture, NULL,
              fixture_set_up, test_cli_errors_exit_1_with_the_message, fixture_tear_down);

  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <stdlib.h>

#include "liaison-store-private.h"
#include "liaison-xml-reader-private.h"
#include "test-util.h"

#define CANARY "LIAISON-XXE-CANARY-5b0e7c1d"

typedef struct {
  char         *dir;
  LiaisonStore *store;    /* seeded */
  char         *path;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = test_make_tmpdir ();
  fixture->path = g_build_filename (fixture->dir, "seeded.db", NULL);
  fixture->store = test_open_store (fixture->dir, "seeded.db", LIAISON_STORE_OPEN_SEED);
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

static guint
total_records (LiaisonStore *store)
{
  guint total = 0;

  for (LiaisonRecordKind kind = 0; kind < LIAISON_N_RECORD_KINDS; kind++)
    total += (guint) liaison_store_count (store, kind, NULL);
  return total;
}

static void
assert_valid_export (const char *path)
{
  g_autofree char *problems = test_validate_file (path);

  if (problems != NULL)
    g_error ("%s does not validate against the schema: %s", path, problems);
}

/* Round trip */

static void
assert_round_trip (LiaisonStore *store,
                   const char   *dir)
{
  g_autofree char *first_path = g_build_filename (dir, "first.xml", NULL);
  g_autofree char *second_path = g_build_filename (dir, "second.xml", NULL);
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *first_normal = NULL;
  g_autofree char *second_normal = NULL;
  g_autoptr(LiaisonStore) copy = NULL;
  g_autoptr(GError) error = NULL;
  LiaisonImportStats stats = { 0 };
  guint total = total_records (store);

  first = test_export (store, first_path);
  assert_valid_export (first_path);
  g_assert_nonnull (strstr (first, "exported=\""));

  copy = test_open_store (dir, "copy.db", LIAISON_STORE_OPEN_DEFAULT);
  g_assert_true (liaison_import_file (copy, first_path, LIAISON_IMPORT_DEFAULT, &stats, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.added, ==, total);
  g_assert_cmpuint (stats.updated, ==, 0);
  g_assert_cmpuint (stats.unchanged, ==, 0);
  g_assert_cmpuint (total_records (copy), ==, total);

  second = test_export (copy, second_path);
  assert_valid_export (second_path);

  /* Identical but for the moment of export. */
  first_normal = test_normalise_export (first);
  second_normal = test_normalise_export (second);
  g_assert_cmpstr (first_normal, ==, second_normal);

  /* Importing the same document again changes no record. */
  g_assert_true (liaison_import_file (copy, first_path, LIAISON_IMPORT_DEFAULT, &stats, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.added, ==, 0);
  g_assert_cmpuint (stats.updated, ==, 0);
  g_assert_cmpuint (stats.unchanged, ==, total);
  g_free (second);
  second = test_export (copy, second_path);
  g_free (second_normal);
  second_normal = test_normalise_export (second);
  g_assert_cmpstr (first_normal, ==, second_normal);
}

static void
test_round_trip_of_the_seed (Fixture       *fixture,
                             gconstpointer  data)
{
  assert_round_trip (fixture->store, fixture->dir);
}

static void
test_round_trip_of_generated_records (void)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autoptr(LiaisonStore) store = test_open_store (dir, "generated.db", LIAISON_STORE_OPEN_DEFAULT);
  LiaisonGenerateOptions options = { 60, 50, 80, 300, 11 };
  g_autoptr(GError) error = NULL;

  liaison_generate (store, &options, &error);
  g_assert_no_error (error);
  assert_round_trip (store, dir);

  g_clear_object (&store);
  test_remove_tree (dir);
}

static void
test_round_trip_of_hand_edited_records (Fixture       *fixture,
                                        gconstpointer  data)
{
  g_autoptr(LiaisonRecord) record = liaison_record_new (LIAISON_RECORD_INSTITUTION);
  g_autoptr(GError) error = NULL;

  /* Text that needs escaping in XML, in both scripts, across lines. */
  liaison_record_set_field (record, "name", "R&D <Centre> \"Quotes\" & 'apostrophes'");
  liaison_record_set_field (record, "local-name", "研发中心 ＆ “引号”");
  liaison_record_set_field (record, "notes", "Line one\nLine two\ttabbed\n\n  indented ]]> end");
  liaison_store_save (fixture->store, record, &error);
  g_assert_no_error (error);

  assert_round_trip (fixture->store, fixture->dir);
}

static gint64
count_matches (LiaisonStore      *store,
               LiaisonRecordKind  kind,
               const char        *search)
{
  g_autoptr(LiaisonQuery) query = liaison_query_new (kind);
  g_autoptr(GError) error = NULL;
  gint64 n;

  liaison_query_set_search (query, search);
  n = liaison_store_query_count (store, query, &error);
  g_assert_no_error (error);
  return n;
}

/* An import bigger than the database sets the indexes aside and builds them at the end:
 * afterwards full-text search and the sorted lists find what the original finds. */
static void
test_big_import_builds_indexes_at_the_end (void)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "big.xml", NULL);
  g_autoptr(LiaisonStore) store = test_open_store (dir, "generated.db", LIAISON_STORE_OPEN_DEFAULT);
  g_autoptr(LiaisonStore) copy = NULL;
  LiaisonGenerateOptions options = { 200, 100, 1500, 200, 5 };
  LiaisonImportStats stats = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *exported = NULL;
  gint64 n_indexes = 0, n_copy_indexes = 0;

  liaison_generate (store, &options, &error);
  g_assert_no_error (error);
  exported = test_export (store, path);

  copy = test_open_store (dir, "copy.db", LIAISON_STORE_OPEN_DEFAULT);
  g_assert_true (liaison_import_file (copy, path, LIAISON_IMPORT_DEFAULT, &stats, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.added, >, BULK_IMPORT_RECORDS);

  g_assert_true (_liaison_store_read_int (_liaison_store_get_db (store), "SELECT count(*) FROM sqlite_schema", &n_indexes));
  g_assert_true (_liaison_store_read_int (_liaison_store_get_db (copy), "SELECT count(*) FROM sqlite_schema", &n_copy_indexes));
  g_assert_cmpint (n_copy_indexes, ==, n_indexes);
  g_assert_cmpint (count_matches (copy, LIAISON_RECORD_EVENT, "beijing"), >, 0);
  g_assert_cmpint (count_matches (copy, LIAISON_RECORD_EVENT, "beijing"), ==,
                   count_matches (store, LIAISON_RECORD_EVENT, "beijing"));
  g_assert_cmpint (count_matches (copy, LIAISON_RECORD_INSTITUTION, "university"), ==,
                   count_matches (store, LIAISON_RECORD_INSTITUTION, "university"));

  g_clear_object (&store);
  g_clear_object (&copy);
  test_remove_tree (dir);
}

static void
test_forward_references_import (void)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autoptr(LiaisonStore) store = test_open_store (dir, "empty.db", LIAISON_STORE_OPEN_DEFAULT);
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "xml", "good", "forward-references.xml", NULL);
  g_autoptr(LiaisonRecord) school = NULL;
  g_autoptr(LiaisonRecord) sub = NULL;
  g_autoptr(LiaisonRecord) visit = NULL;
  g_autoptr(GError) error = NULL;
  LiaisonImportStats stats = { 0 };

  g_assert_true (liaison_import_file (store, path, LIAISON_IMPORT_DEFAULT, &stats, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.added, ==, 6);

  /* Parents listed after their children are linked up. */
  school = test_load (store, "6a0c4c1e-1111-4a5b-8c2d-000000000011");
  g_assert_cmpstr (liaison_record_get_field (school, "parent"), ==, "6a0c4c1e-1111-4a5b-8c2d-000000000010");
  sub = test_load (store, "6a0c4c1e-1111-4a5b-8c2d-000000000021");
  g_assert_cmpstr (liaison_record_get_field (sub, "parent"), ==, "6a0c4c1e-1111-4a5b-8c2d-000000000020");
  visit = test_load (store, "6a0c4c1e-1111-4a5b-8c2d-000000000030");
  g_assert_cmpstr (liaison_record_get_field (visit, "date"), ==, "--04-18");

  liaison_store_check_integrity (store, &error);
  g_assert_no_error (error);
  g_clear_object (&store);
  test_remove_tree (dir);
}

/* Import updates, dry runs, bytes */

static void
test_import_updates_records_by_uuid (Fixture       *fixture,
                                     gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "edited.xml", NULL);
  g_autofree char *xml = test_export (fixture->store, path);
  g_autoptr(GString) edited = g_string_new (xml);
  g_autoptr(LiaisonRecord) before = test_load (fixture->store, "63283e8c-845f-4266-8d69-fe1fca9f9de2");
  g_autoptr(LiaisonRecord) after = NULL;
  g_autoptr(GError) error = NULL;
  LiaisonImportStats stats = { 0 };
  guint total = total_records (fixture->store);

  g_assert_cmpuint (g_string_replace (edited, "<name>Chongqing University</name>",
                                      "<name>Chongqing University (edited)</name>", 1), ==, 1);
  g_assert_true (g_file_set_contents (path, edited->str, edited->len, NULL));

  g_assert_true (liaison_import_file (fixture->store, path, LIAISON_IMPORT_DEFAULT, &stats, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.added, ==, 0);
  g_assert_cmpuint (stats.updated, ==, 1);
  g_assert_cmpuint (stats.unchanged, ==, total - 1);
  g_assert_cmpuint (total_records (fixture->store), ==, total);

  after = test_load (fixture->store, "63283e8c-845f-4266-8d69-fe1fca9f9de2");
  g_assert_cmpstr (liaison_record_get_field (after, "name"), ==, "Chongqing University (edited)");
  g_assert_cmpint (liaison_record_get_id (after), ==, liaison_record_get_id (before));
  g_assert_cmpstr (liaison_record_get_created (after), ==, liaison_record_get_created (before));
  g_assert_cmpint (liaison_record_get_revision (after), ==, liaison_record_get_revision (before) + 1);

  /* One change-log entry for the whole import. */
  {
    g_autoptr(GPtrArray) changes = liaison_store_list_changes (fixture->store, NULL, 1, &error);
    LiaisonChange *change = changes->pdata[0];

    g_assert_cmpstr (change->action, ==, "import");
    g_assert_nonnull (strstr (change->summary, "1 changed"));
  }
}

static void
test_dry_run_changes_nothing (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "xml", "good", "forward-references.xml", NULL);
  g_autofree char *before = test_db_fingerprint (fixture->path);
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  LiaisonImportStats stats = { 0 };

  g_assert_true (liaison_import_file (fixture->store, path, LIAISON_IMPORT_DRY_RUN, &stats, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.added, ==, 6);

  after = test_db_fingerprint (fixture->path);
  g_assert_cmpstr (before, ==, after);
}

static void
test_import_bytes_names_the_document (Fixture       *fixture,
                                      gconstpointer  data)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static ("<liaison xmlns=\"urn:nope\"/>", 27);
  g_autoptr(GError) error = NULL;

  g_assert_false (liaison_import_bytes (fixture->store, bytes, "pasted text", LIAISON_IMPORT_DEFAULT, NULL, &error));
  g_assert_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID_DOCUMENT);
  g_assert_true (g_str_has_prefix (error->message, "pasted text:1: "));
}

static void
test_import_missing_file (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "nowhere.xml", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_false (liaison_import_file (fixture->store, path, LIAISON_IMPORT_DEFAULT, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, LIAISON_ERROR, LIAISON_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, path));

  g_clear_error (&error);
  g_assert_false (liaison_import_file (fixture->store, fixture->dir, LIAISON_IMPORT_DEFAULT, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, LIAISON_ERROR, LIAISON_ERROR_NOT_FOUND);
}

/* Bad documents */

typedef struct {
  int   line;
  char *message;
} Expectation;

static gboolean
read_expectation (const char  *contents,
                  Expectation *expected)
{
  g_autoptr(GRegex) regex = g_regex_new ("expect-line: (\\d+) expect-message: (.*?)( -->|\\n)", 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *line = NULL;

  if (!g_regex_match (regex, contents, 0, &match))
    return FALSE;
  line = g_match_info_fetch (match, 1);
  expected->line = atoi (line);
  expected->message = g_match_info_fetch (match, 2);
  return TRUE;
}

static void
assert_import_fails (LiaisonStore      *store,
                     const char        *db_path,
                     const char        *path,
                     const Expectation *expected)
{
  g_autofree char *before = test_db_fingerprint (db_path);
  g_autofree char *after = NULL;
  g_autofree char *prefix = g_strdup_printf ("%s:%d: ", path, expected->line);
  g_autoptr(GError) error = NULL;

  for (guint dry = 0; dry < 2; dry++)
    {
      LiaisonImportStats stats = { 99, 99, 99 };

      g_clear_error (&error);
      g_assert_false (liaison_import_file (store, path, dry ? LIAISON_IMPORT_DRY_RUN : LIAISON_IMPORT_DEFAULT,
                                           &stats, NULL, NULL, NULL, &error));
      g_assert_nonnull (error);
      g_assert_true (error->domain == LIAISON_ERROR);
      g_test_message ("%s", error->message);

      /* File, line, and what is wrong. */
      if (!g_str_has_prefix (error->message, prefix))
        g_error ("expected the message to start with “%s”: %s", prefix, error->message);
      if (strstr (error->message, expected->message) == NULL)
        g_error ("expected the message to mention “%s”: %s", expected->message, error->message);
      g_assert_null (strstr (error->message, CANARY));
      g_assert_cmpuint (stats.added, ==, 99);
    }

  after = test_db_fingerprint (db_path);
  g_assert_cmpstr (before, ==, after);
}

static void
test_bad_documents_fail_and_change_nothing (Fixture       *fixture,
                                            gconstpointer  data)
{
  g_autofree char *bad_dir = g_test_build_filename (G_TEST_DIST, "xml", "bad", NULL);
  g_autoptr(GDir) dir = g_dir_open (bad_dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *export_path = g_build_filename (fixture->dir, "after.xml", NULL);
  g_autofree char *exported = NULL;
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".xml"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);
  g_assert_cmpuint (names->len, >=, 25);

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (bad_dir, names->pdata[i], NULL);
      g_autofree char *contents = NULL;
      Expectation expected = { 1, NULL };

      g_test_message ("%s", (char *) names->pdata[i]);
      g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
      if (*contents == '\0')
        expected.message = g_strdup ("empty");
      else
        g_assert_true (read_expectation (contents, &expected));

      assert_import_fails (fixture->store, fixture->path, path, &expected);
      g_free (expected.message);
    }

  /* Nothing that a bad document named reached the database. */
  exported = test_export (fixture->store, export_path);
  g_assert_null (strstr (exported, CANARY));
  g_assert_null (strstr (exported, "broken import"));
  g_assert_null (strstr (exported, "lollol"));
}

static void
test_external_entities_are_never_loaded (Fixture       *fixture,
                                         gconstpointer  data)
{
  g_autofree char *secret = g_build_filename (fixture->dir, "secret.txt", NULL);
  g_autofree char *doc = g_build_filename (fixture->dir, "xxe.xml", NULL);
  g_autofree char *uri = NULL;
  g_autofree char *before = test_db_fingerprint (fixture->path);
  g_autofree char *after = NULL;
  const char *bodies[] = {
    /* An entity in content */
    "<!DOCTYPE liaison [ <!ENTITY s SYSTEM \"SECRET\"> ]>\n"
    "<liaison xmlns=\"https://liaisonapp.github.io/ns/liaison/1\" version=\"1\"><institutions>"
    "<institution uuid=\"7b1c0d2e-2222-4b6c-9d3e-000000000001\" kind=\"other\"><name>&s;</name></institution>"
    "</institutions></liaison>\n",
    /* A parameter entity */
    "<!DOCTYPE liaison [ <!ENTITY % p SYSTEM \"SECRET\"> %p; ]>\n"
    "<liaison xmlns=\"https://liaisonapp.github.io/ns/liaison/1\" version=\"1\"/>\n",
    /* An external DTD */
    "<!DOCTYPE liaison SYSTEM \"SECRET\">\n"
    "<liaison xmlns=\"https://liaisonapp.github.io/ns/liaison/1\" version=\"1\"/>\n",
  };

  g_assert_true (g_file_set_contents (secret, CANARY "\n", -1, NULL));
  uri = g_filename_to_uri (secret, NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_autoptr(GError) error = NULL;

      g_autoptr(GString) text = g_string_new (bodies[i]);

      g_string_replace (text, "SECRET", uri, 0);
      g_assert_true (g_file_set_contents (doc, text->str, text->len, NULL));
      g_assert_false (liaison_import_file (fixture->store, doc, LIAISON_IMPORT_DEFAULT, NULL, NULL, NULL, NULL, &error));
      g_assert_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID_DOCUMENT);
      g_assert_null (strstr (error->message, CANARY));
      g_assert_nonnull (strstr (error->message, doc));
    }

  after = test_db_fingerprint (fixture->path);
  g_assert_cmpstr (before, ==, after);
}

/* Export */

static void
test_export_validates_and_is_stable (Fixture       *fixture,
                                     gconstpointer  data)
{
  g_autofree char *a_path = g_build_filename (fixture->dir, "a.xml", NULL);
  g_autofree char *b_path = g_build_filename (fixture->dir, "b.xml", NULL);
  g_autofree char *a = test_export (fixture->store, a_path);
  g_autofree char *b = test_export (fixture->store, b_path);
  g_autofree char *a_normal = test_normalise_export (a);
  g_autofree char *b_normal = test_normalise_export (b);

  assert_valid_export (a_path);
  g_assert_cmpstr (a_normal, ==, b_normal);
  g_assert_true (g_str_has_prefix (a, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"));
  g_assert_nonnull (strstr (a, "xmlns=\"https://liaisonapp.github.io/ns/liaison/1\""));
  g_assert_nonnull (strstr (a, "<date>--04-18</date>"));
  g_assert_nonnull (strstr (a, "华为技术有限公司"));
}

static void
progress_cb (double   fraction,
             gpointer user_data)
{
  GArray *fractions = user_data;

  g_array_append_val (fractions, fraction);
}

static gboolean
only_expected_files (const char  *dir,
                     const char **expected)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while ((name = g_dir_read_name (d)) != NULL)
    if (!g_strv_contains (expected, name))
      {
        g_test_message ("unexpected file %s", name);
        return FALSE;
      }
  return TRUE;
}

static void
test_export_replaces_target_only_when_complete (void)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *db_dir = g_build_filename (dir, "db", NULL);
  g_autofree char *out_dir = g_build_filename (dir, "out", NULL);
  g_autofree char *target = g_build_filename (out_dir, "report.xml", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(LiaisonStore) store = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GArray) fractions = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GError) error = NULL;
  LiaisonGenerateOptions options = { 2500, 0, 0, 0, 3 };
  const char *only_target[] = { "report.xml", NULL };

  g_mkdir_with_parents (db_dir, 0700);
  g_mkdir_with_parents (out_dir, 0700);
  store = test_open_store (db_dir, "big.db", LIAISON_STORE_OPEN_DEFAULT);
  liaison_generate (store, &options, &error);
  g_assert_no_error (error);

  g_assert_true (g_file_set_contents (target, "previous report", -1, NULL));

  /* Cancelled part-way: the old file stays, no temporary file is left. */
  g_cancellable_cancel (cancellable);
  g_assert_false (liaison_export_to_file (store, target, cancellable, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_true (g_file_get_contents (target, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "previous report");
  g_assert_true (only_expected_files (out_dir, only_target));

  /* Complete: replaced, with progress that only goes forward and ends at 1. */
  g_assert_true (liaison_export_to_file (store, target, NULL, progress_cb, fractions, &error));
  g_assert_no_error (error);
  g_assert_true (only_expected_files (out_dir, only_target));
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_get_contents (target, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "<?xml"));
  g_assert_cmpuint (fractions->len, >=, 2);
  for (guint i = 1; i < fractions->len; i++)
    g_assert_cmpfloat (g_array_index (fractions, double, i - 1), <=, g_array_index (fractions, double, i));
  g_assert_cmpfloat (g_array_index (fractions, double, fractions->len - 1), ==, 1.0);

  /* A folder that does not exist: an error naming it, and no file. */
  {
    g_autofree char *nowhere = g_build_filename (dir, "missing", "report.xml", NULL);
    g_assert_false (liaison_export_to_file (store, nowhere, NULL, NULL, NULL, &error));
    g_assert_nonnull (error);
    g_assert_nonnull (strstr (error->message, "missing"));
    g_assert_false (g_file_test (nowhere, G_FILE_TEST_EXISTS));
  }

  g_clear_object (&store);
  test_remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/liaison/xml/round-trip/seed", test_round_trip_of_the_seed);
  g_test_add_func ("/liaison/xml/round-trip/generated-records", test_round_trip_of_generated_records);
  ADD ("/liaison/xml/round-trip/text-that-needs-escaping", test_round_trip_of_hand_edited_records);
  g_test_add_func ("/liaison/xml/import/forward-references", test_forward_references_import);
  g_test_add_func ("/liaison/xml/import/big-builds-indexes-at-the-end", test_big_import_builds_indexes_at_the_end);
  ADD ("/liaison/xml/import/updates-records-by-uuid", test_import_updates_records_by_uuid);
  ADD ("/liaison/xml/import/dry-run-changes-nothing", test_dry_run_changes_nothing);
  ADD ("/liaison/xml/import/bytes-name-the-document", test_import_bytes_names_the_document);
  ADD ("/liaison/xml/import/missing-file", test_import_missing_file);
  ADD ("/liaison/xml/import/bad-documents-fail-and-change-nothing", test_bad_documents_fail_and_change_nothing);
  ADD ("/liaison/xml/import/external-entities-are-never-loaded", test_external_entities_are_never_loaded);
  ADD ("/liaison/xml/export/validates-and-is-stable", test_export_validates_and_is_stable);
  g_test_add_func ("/liaison/xml/export/replaces-target-only-when-complete", test_export_replaces_target_only_when_complete);

  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>

#include "liaison-store-private.h"
#include "test-util.h"

static char *dir;

static char *
generate_and_export (const char                   *name,
                     const LiaisonGenerateOptions *options,
                     LiaisonStoreOpenFlags         flags)
{
  g_autoptr(LiaisonStore) store = test_open_store (dir, name, flags);
  g_autofree char *xml_name = g_strconcat (name, ".xml", NULL);
  g_autofree char *xml_path = g_build_filename (dir, xml_name, NULL);
  g_autofree char *xml = NULL;
  g_autofree char *problems = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (liaison_generate (store, options, &error));
  g_assert_no_error (error);
  xml = test_export (store, xml_path);
  problems = test_validate_file (xml_path);
  g_assert_null (problems);
  return test_normalise_export (xml);
}

static void
test_same_seed_gives_the_same_records (void)
{
  LiaisonGenerateOptions options = { 40, 60, 30, 150, 2024 };
  g_autofree char *a = generate_and_export ("same-a.db", &options, LIAISON_STORE_OPEN_DEFAULT);
  g_autofree char *b = generate_and_export ("same-b.db", &options, LIAISON_STORE_OPEN_DEFAULT);

  g_assert_cmpuint (strlen (a), >, 10000);
  g_assert_cmpstr (a, ==, b);
}

static void
test_different_seeds_give_different_records (void)
{
  LiaisonGenerateOptions options = { 40, 60, 30, 150, 1 };
  g_autofree char *a = generate_and_export ("seed-1.db", &options, LIAISON_STORE_OPEN_DEFAULT);
  g_autofree char *b = NULL;

  options.random_seed = 2;
  b = generate_and_export ("seed-2.db", &options, LIAISON_STORE_OPEN_DEFAULT);
  g_assert_cmpstr (a, !=, b);
}

static int
count_commit_cb (void *data)
{
  (*(guint *) data)++;
  return 0;
}

static void
test_counts_as_asked_in_one_transaction (void)
{
  g_autoptr(LiaisonStore) store = test_open_store (dir, "counts.db", LIAISON_STORE_OPEN_SEED);
  LiaisonGenerateOptions options = { 25, 35, 45, 55, 9 };
  gint64 before[LIAISON_N_RECORD_KINDS];
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GError) error = NULL;
  guint commits = 0;
  guint n_changes;

  for (LiaisonRecordKind kind = 0; kind < LIAISON_N_RECORD_KINDS; kind++)
    before[kind] = liaison_store_count (store, kind, NULL);
  changes = liaison_store_list_changes (store, NULL, 0, &error);
  g_assert_no_error (error);
  n_changes = changes->len;
  g_clear_pointer (&changes, g_ptr_array_unref);

  sqlite3_commit_hook (_liaison_store_get_db (store), count_commit_cb, &commits);
  g_assert_true (liaison_generate (store, &options, &error));
  g_assert_no_error (error);
  sqlite3_commit_hook (_liaison_store_get_db (store), NULL, NULL);

  /* Added to what was there: the seed stays. */
  g_assert_cmpint (liaison_store_count (store, LIAISON_RECORD_INSTITUTION, NULL), ==, before[LIAISON_RECORD_INSTITUTION] + 25);
  g_assert_cmpint (liaison_store_count (store, LIAISON_RECORD_PERSON, NULL), ==, before[LIAISON_RECORD_PERSON] + 35);
  g_assert_cmpint (liaison_store_count (store, LIAISON_RECORD_AGREEMENT, NULL), ==, before[LIAISON_RECORD_AGREEMENT] + 45);
  g_assert_cmpint (liaison_store_count (store, LIAISON_RECORD_EVENT, NULL), ==, before[LIAISON_RECORD_EVENT] + 55);
  g_assert_cmpint (liaison_store_count (store, LIAISON_RECORD_SOURCE, NULL), ==, before[LIAISON_RECORD_SOURCE]);

  /* One transaction, one change-log entry. */
  g_assert_cmpuint (commits, ==, 1);
  changes = liaison_store_list_changes (store, NULL, 0, &error);
  g_assert_cmpuint (changes->len, ==, n_changes + 1);
  g_assert_cmpstr (((LiaisonChange *) changes->pdata[0])->action, ==, "import");

  liaison_store_check_integrity (store, &error);
  g_assert_no_error (error);
}

static void
test_generated_records_are_plausible (void)
{
  g_autoptr(LiaisonStore) store = test_open_store (dir, "plausible.db", LIAISON_STORE_OPEN_DEFAULT);
  LiaisonGenerateOptions options = { 30, 20, 40, 200, 5 };
  g_autoptr(LiaisonQuery) query = liaison_query_new (LIAISON_RECORD_EVENT);
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  guint precisions[LIAISON_DATE_MONTH_DAY + 1] = { 0 };
  guint with_participants = 0;

  g_assert_true (liaison_generate (store, &options, &error));
  ids = test_query (store, query);

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(LiaisonRecord) event = liaison_store_load (store, LIAISON_RECORD_EVENT, g_array_index (ids, gint64, i), NULL);

      g_assert_true (liaison_record_validate (event, NULL));
      precisions[liaison_date_get_precision (liaison_record_get_field (event, "date"))]++;
      with_participants += liaison_record_get_links (event)->len > 0;
    }

  /* Dates of every precision appear, as they do in real records. */
  g_assert_cmpuint (precisions[LIAISON_DATE_FULL], >, 0);
  g_assert_cmpuint (precisions[LIAISON_DATE_MONTH_DAY], >, 0);
  g_assert_cmpuint (with_participants, >, 0);

  /* Synthetic records can be searched in both scripts like real ones. */
  {
    g_autoptr(LiaisonQuery) search = liaison_query_new (LIAISON_RECORD_INSTITUTION);
    liaison_query_set_search (search, "大学");
    g_assert_cmpint (liaison_store_query_count (store, search, NULL), >, 0);
  }
}

static void
test_refused_generate_changes_nothing (void)
{
  g_autofree char *path = g_build_filename (dir, "readonly.db", NULL);
  g_autoptr(LiaisonStore) store = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  LiaisonGenerateOptions options = { 5, 5, 5, 5, 1 };

  g_object_unref (test_open_store (dir, "readonly.db", LIAISON_STORE_OPEN_SEED));
  before = test_db_fingerprint (path);
  store = liaison_store_open (path, LIAISON_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_false (liaison_generate (store, &options, &error));
  g_assert_error (error, LIAISON_ERROR, LIAISON_ERROR_READ_ONLY);
  g_clear_object (&store);
  after = test_db_fingerprint (path);
  g_assert_cmpstr (before, ==, after);
}

int
main (int    argc,
      char **argv)
{
  int status;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  dir = test_make_tmpdir ();

  g_test_add_func ("/liaison/generate/same-seed-gives-the-same-records", test_same_seed_gives_the_same_records);
  g_test_add_func ("/liaison/generate/different-seeds-give-different-records", test_different_seeds_give_different_records);
  g_test_add_func ("/liaison/generate/counts-as-asked-in-one-transaction", test_counts_as_asked_in_one_transaction);
  g_test_add_func ("/liaison/generate/records-are-plausible", test_generated_records_are_plausible);
  g_test_add_func ("/liaison/generate/refused-generate-changes-nothing", test_refused_generate_changes_nothing);

  status = g_test_run ();
  test_remove_tree (dir);
  g_free (dir);
  return status;
}

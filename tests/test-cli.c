/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <sqlite3.h>
#include <sys/wait.h>

#include "test-util.h"

/*
 * liaison-cli as a script sees it: exit 0 on success, 1 on failure with a message on
 * stderr, 2 on wrong usage; output on stdout only when it succeeds.
 */

#define HUAWEI "29be803d-e5a4-4413-9d9b-464ef52c59cd"

static char *dir;

typedef struct {
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

/* Runs liaison-cli with the arguments, NULL-terminated, in a home of its own. */
static Run
cli (const char *first,
     ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *data_home = g_build_filename (dir, "data-home", NULL);
  g_auto(GStrv) envp = g_get_environ ();
  Run run = { 0 };
  const char *arg;
  int wait_status = 0;
  va_list args;

  g_assert_nonnull (g_getenv ("LIAISON_CLI"));
  g_ptr_array_add (argv, (gpointer) g_getenv ("LIAISON_CLI"));
  va_start (args, first);
  for (arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  envp = g_environ_setenv (envp, "XDG_DATA_HOME", data_home, TRUE);
  g_spawn_sync (dir, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL,
                &run.out, &run.err, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  run.status = WEXITSTATUS (wait_status);
  return run;
}

static void
assert_success (const Run *run)
{
  if (run->status != 0)
    g_error ("liaison-cli failed with %d: %s", run->status, run->err);
  g_assert_cmpstr (run->err, ==, "");
}

static void
assert_failure (const Run  *run,
                int         status,
                const char *fragment)
{
  g_assert_cmpint (run->status, ==, status);
  g_assert_cmpstr (run->out, ==, "");
  g_assert_true (g_str_has_prefix (run->err, "liaison-cli"));
  if (strstr (run->err, fragment) == NULL)
    g_error ("stderr lacks “%s”: %s", fragment, run->err);
}

static char *
db_path (const char *name)
{
  return g_build_filename (dir, name, NULL);
}

static guint
count_lines (const char *text)
{
  guint n = 0;

  for (const char *p = text; *p; p++)
    n += *p == '\n';
  return n;
}

static void
test_version_and_help (void)
{
  g_auto(Run) version = cli ("--version", NULL);
  g_auto(Run) help = cli ("--help", NULL);
  g_auto(Run) command_help = cli ("list", "--help", NULL);
  g_autofree char *expected = g_strdup_printf ("liaison-cli %s\n", PACKAGE_VERSION);

  assert_success (&version);
  g_assert_cmpstr (version.out, ==, expected);

  assert_success (&help);
  for (guint i = 0; i < 6; i++)
    {
      const char *commands[] = { "init", "export", "import", "list", "show", "generate" };
      g_assert_nonnull (strstr (help.out, commands[i]));
    }
  g_assert_nonnull (strstr (help.out, "--database"));

  assert_success (&command_help);
  g_assert_nonnull (strstr (command_help.out, "--search"));
  g_assert_nonnull (strstr (command_help.out, "--sort"));
  g_assert_nonnull (strstr (command_help.out, "--limit"));
}

static void
test_usage_errors_exit_2 (void)
{
  g_autofree char *db = db_path ("usage.db");
  g_auto(Run) none = cli (NULL, NULL);
  g_auto(Run) unknown = cli ("frobnicate", NULL);
  g_auto(Run) bad_option = cli ("--frobnicate", NULL);
  g_auto(Run) bad_kind = cli ("--database", db, "list", "castles", NULL);
  g_auto(Run) bad_limit = cli ("--database", db, "list", "institutions", "--limit", "-3", NULL);
  g_auto(Run) no_file = cli ("--database", db, "import", NULL);
  g_auto(Run) no_counts = cli ("--database", db, "generate", "--institutions", "5", NULL);
  g_auto(Run) extra = cli ("--database", db, "init", "surplus", NULL);
  g_auto(Run) not_a_number = cli ("--database", db, "list", "events", "--limit", "many", NULL);

  assert_failure (&none, 2, "no command");
  assert_failure (&unknown, 2, "frobnicate");
  assert_failure (&bad_option, 2, "frobnicate");
  assert_failure (&bad_kind, 2, "institutions, people, agreements, events");
  assert_failure (&bad_limit, 2, "--limit");
  assert_failure (&no_file, 2, "FILE");
  assert_failure (&no_counts, 2, "--agreements");
  assert_failure (&extra, 2, "no arguments");
  assert_failure (&not_a_number, 2, "many");

  /* Wrong usage touches no database. */
  g_assert_false (g_file_test (db, G_FILE_TEST_EXISTS));
}

static void
test_init_seeded_and_empty (void)
{
  g_autofree char *seeded = db_path ("seeded.db");
  g_autofree char *empty = db_path ("empty.db");
  g_auto(Run) init = cli ("--database", seeded, "init", NULL);
  g_auto(Run) again = cli ("--database", seeded, "init", NULL);
  g_auto(Run) init_empty = cli ("--database", empty, "init", "--empty", NULL);
  g_auto(Run) list_seeded = cli ("--database", seeded, "list", "institutions", NULL);
  g_auto(Run) list_empty = cli ("--database", empty, "list", "institutions", NULL);

  assert_success (&init);
  g_assert_nonnull (strstr (init.out, seeded));
  g_assert_true (g_file_test (seeded, G_FILE_TEST_EXISTS));

  /* An existing database is never overwritten. */
  assert_failure (&again, 1, "already exists");

  assert_success (&init_empty);
  assert_success (&list_seeded);
  assert_success (&list_empty);
  g_assert_nonnull (strstr (list_seeded.out, HUAWEI "\tHuawei Technologies Co., Ltd.\t华为技术有限公司\tcompany"));
  g_assert_cmpuint (count_lines (list_seeded.out), ==, test_db_count (seeded, "institution"));
  g_assert_cmpstr (list_empty.out, ==, "");
}

static void
test_export_and_import (void)
{
  g_autofree char *seeded = db_path ("export-seeded.db");
  g_autofree char *empty = db_path ("export-empty.db");
  g_autofree char *file = db_path ("export.xml");
  g_autofree char *stdout_file = db_path ("stdout.xml");
  g_autofree char *problems = NULL;
  g_autofree char *added = NULL;
  g_autofree char *from_file = NULL;
  g_autofree char *first_normal = NULL;
  g_autofree char *second_normal = NULL;
  g_auto(Run) init = cli ("--database", seeded, "init", NULL);
  g_auto(Run) init_empty = cli ("--database", empty, "init", "--empty", NULL);
  g_auto(Run) to_stdout = cli ("--database", seeded, "export", NULL);
  g_auto(Run) to_file = cli ("--database", seeded, "export", "--output", file, NULL);
  g_auto(Run) import = cli ("--database", empty, "import", file, NULL);
  g_auto(Run) again = cli ("--database", empty, "export", NULL);
  gint64 total = 0;

  assert_success (&init);
  assert_success (&init_empty);
  assert_success (&to_stdout);
  assert_success (&to_file);
  g_assert_cmpstr (to_file.out, ==, "");

  /* Standard output carries the whole document, valid against the schema. */
  g_assert_true (g_file_set_contents (stdout_file, to_stdout.out, -1, NULL));
  problems = test_validate_file (stdout_file);
  g_assert_null (problems);
  problems = test_validate_file (file);
  g_assert_null (problems);
  g_assert_true (g_file_get_contents (file, &from_file, NULL, NULL));
  first_normal = test_normalise_export (to_stdout.out);
  second_normal = test_normalise_export (from_file);
  g_assert_cmpstr (first_normal, ==, second_normal);

  for (guint i = 0; i < LIAISON_N_RECORD_KINDS; i++)
    total += test_db_count (seeded, liaison_record_kind_to_string (i));
  added = g_strdup_printf ("Added %" G_GINT64_FORMAT ", changed 0, left 0 unchanged", total);
  assert_success (&import);
  g_assert_true (g_str_has_prefix (import.out, added));

  /* The same records come back out. */
  assert_success (&again);
  g_free (second_normal);
  second_normal = test_normalise_export (again.out);
  g_assert_cmpstr (first_normal, ==, second_normal);
}

static void
test_import_failures_exit_1 (void)
{
  g_autofree char *db = db_path ("import-fail.db");
  g_autofree char *bad = g_test_build_filename (G_TEST_DIST, "xml", "bad", "dangling-reference.xml", NULL);
  g_autofree char *missing = db_path ("missing.xml");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *where = NULL;
  g_auto(Run) init = cli ("--database", db, "init", NULL);
  g_auto(Run) bad_run = { 0 };
  g_auto(Run) missing_run = { 0 };

  assert_success (&init);
  before = test_db_fingerprint (db);

  bad_run = cli ("--database", db, "import", bad, NULL);
  where = g_strdup_printf ("%s:4: ", bad);
  assert_failure (&bad_run, 1, where);
  missing_run = cli ("--database", db, "import", missing, NULL);
  assert_failure (&missing_run, 1, "no such file");

  after = test_db_fingerprint (db);
  g_assert_cmpstr (before, ==, after);
}

static void
test_list_search_sort_limit (void)
{
  g_autofree char *db = db_path ("list.db");
  g_auto(Run) init = cli ("--database", db, "init", NULL);
  g_auto(Run) search = cli ("--database", db, "list", "institutions", "--search", "华为", NULL);
  g_auto(Run) agreements = cli ("--database", db, "list", "agreements", "--search", "华为", NULL);
  g_auto(Run) ascending = cli ("--database", db, "list", "people", "--sort", "name", NULL);
  g_auto(Run) descending = cli ("--database", db, "list", "people", "--sort", "name", "--descending", NULL);
  g_auto(Run) limited = cli ("--database", db, "list", "events", "--sort", "date", "--limit", "3", NULL);
  g_auto(Run) bad_sort = cli ("--database", db, "list", "events", "--sort", "colour", NULL);
  g_auto(GStrv) asc_lines = NULL;
  g_auto(GStrv) desc_lines = NULL;
  guint n;

  assert_success (&init);
  assert_success (&search);
  g_assert_nonnull (strstr (search.out, HUAWEI));
  g_assert_null (strstr (search.out, "iFLYTEK"));

  /* Agreements are found by their parties' Chinese names. */
  assert_success (&agreements);
  g_assert_nonnull (strstr (agreements.out, "9e27557a-c339-48d7-b830-b8bebae298c8"));

  assert_success (&ascending);
  assert_success (&descending);
  asc_lines = g_strsplit (g_strchomp (ascending.out), "\n", -1);
  desc_lines = g_strsplit (g_strchomp (descending.out), "\n", -1);
  n = g_strv_length (asc_lines);
  g_assert_cmpuint (n, >, 5);
  g_assert_cmpuint (n, ==, g_strv_length (desc_lines));
  g_assert_cmpstr (asc_lines[0], ==, desc_lines[n - 1]);
  for (guint i = 1; i < n; i++)
    {
      g_auto(GStrv) a = g_strsplit (asc_lines[i - 1], "\t", 3);
      g_auto(GStrv) b = g_strsplit (asc_lines[i], "\t", 3);
      g_assert_cmpint (g_ascii_strcasecmp (a[1], b[1]), <=, 0);
    }

  assert_success (&limited);
  g_assert_cmpuint (count_lines (limited.out), ==, 3);

  assert_failure (&bad_sort, 1, "colour");
}

static void
test_show (void)
{
  g_autofree char *db = db_path ("show.db");
  g_auto(Run) init = cli ("--database", db, "init", NULL);
  g_auto(Run) show = cli ("--database", db, "show", "9e27557a-c339-48d7-b830-b8bebae298c8", NULL);
  g_auto(Run) missing = cli ("--database", db, "show", "00000000-0000-4000-8000-000000000000", NULL);
  g_auto(Run) no_uuid = cli ("--database", db, "show", NULL);

  assert_success (&init);
  assert_success (&show);
  g_assert_true (g_str_has_prefix (show.out, "record: agreement\nuuid: 9e27557a-c339-48d7-b830-b8bebae298c8\n"));
  g_assert_nonnull (strstr (show.out, "signed: 2023-08-30\n"));
  g_assert_nonnull (strstr (show.out, "party: Huawei Technologies Co., Ltd. (" HUAWEI ") — company\n"));
  g_assert_nonnull (strstr (show.out, "tag: smart campus\n"));

  assert_failure (&missing, 1, "There is no record with UUID 00000000-0000-4000-8000-000000000000");
  assert_failure (&no_uuid, 2, "UUID");
}

static void
test_generate (void)
{
  g_autofree char *a = db_path ("generate-a.db");
  g_autofree char *b = db_path ("generate-b.db");
  g_auto(Run) init_a = cli ("--database", a, "init", "--empty", NULL);
  g_auto(Run) init_b = cli ("--database", b, "init", "--empty", NULL);
  g_auto(Run) gen_a = cli ("--database", a, "generate", "--institutions", "12", "--agreements", "7",
                           "--events", "30", "--people", "9", "--random-seed", "42", NULL);
  g_auto(Run) gen_b = cli ("--database", b, "generate", "--institutions", "12", "--agreements", "7",
                           "--events", "30", "--people", "9", "--random-seed", "42", NULL);
  g_auto(Run) export_a = cli ("--database", a, "export", NULL);
  g_auto(Run) export_b = cli ("--database", b, "export", NULL);
  g_autofree char *normal_a = NULL;
  g_autofree char *normal_b = NULL;

  assert_success (&init_a);
  assert_success (&gen_a);
  assert_success (&gen_b);
  g_assert_cmpint (test_db_count (a, "institution"), ==, 12);
  g_assert_cmpint (test_db_count (a, "agreement"), ==, 7);
  g_assert_cmpint (test_db_count (a, "event"), ==, 30);
  g_assert_cmpint (test_db_count (a, "person"), ==, 9);

  assert_success (&export_a);
  assert_success (&export_b);
  normal_a = test_normalise_export (export_a.out);
  normal_b = test_normalise_export (export_b.out);
  g_assert_cmpstr (normal_a, ==, normal_b);
}

static void
test_default_database_is_created_and_seeded (void)
{
  g_autofree char *expected = g_build_filename (dir, "data-home", "liaison", "liaison.db", NULL);
  g_auto(Run) list = cli ("list", "institutions", "--search", "Chongq", NULL);

  assert_success (&list);
  g_assert_true (g_file_test (expected, G_FILE_TEST_EXISTS));
  g_assert_nonnull (strstr (list.out, "63283e8c-845f-4266-8d69-fe1fca9f9de2"));
}

static void
test_refused_databases_exit_1_untouched (void)
{
  g_autofree char *newer = db_path ("newer.db");
  g_autofree char *text = db_path ("text.db");
  g_autofree char *newer_before = NULL;
  g_autofree char *newer_after = NULL;
  g_autofree char *sql = g_strdup_printf ("PRAGMA user_version = %d", LIAISON_SCHEMA_VERSION + 1);
  g_auto(Run) init = cli ("--database", newer, "init", "--empty", NULL);
  g_auto(Run) list_newer = { 0 };
  g_auto(Run) list_text = { 0 };
  sqlite3 *db = NULL;

  assert_success (&init);
  g_assert_cmpint (sqlite3_open (newer, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  newer_before = test_file_checksum (newer);

  list_newer = cli ("--database", newer, "list", "events", NULL);
  assert_failure (&list_newer, 1, "newer version of Liaison");
  newer_after = test_file_checksum (newer);
  g_assert_cmpstr (newer_before, ==, newer_after);

  g_assert_true (g_file_set_contents (text, "just some notes, not a database\n", -1, NULL));
  list_text = cli ("--database", text, "list", "events", NULL);
  assert_failure (&list_text, 1, "not a Liaison database");
}

int
main (int    argc,
      char **argv)
{
  int status;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  dir = test_make_tmpdir ();

  g_test_add_func ("/liaison/cli/version-and-help", test_version_and_help);
  g_test_add_func ("/liaison/cli/usage-errors-exit-2", test_usage_errors_exit_2);
  g_test_add_func ("/liaison/cli/init-seeded-and-empty", test_init_seeded_and_empty);
  g_test_add_func ("/liaison/cli/export-and-import", test_export_and_import);
  g_test_add_func ("/liaison/cli/import-failures-exit-1", test_import_failures_exit_1);
  g_test_add_func ("/liaison/cli/list-search-sort-limit", test_list_search_sort_limit);
  g_test_add_func ("/liaison/cli/show", test_show);
  g_test_add_func ("/liaison/cli/generate", test_generate);
  g_test_add_func ("/liaison/cli/default-database-is-created-and-seeded", test_default_database_is_created_and_seeded);
  g_test_add_func ("/liaison/cli/refused-databases-exit-1-untouched", test_refused_databases_exit_1_untouched);

  status = g_test_run ();
  test_remove_tree (dir);
  g_free (dir);
  return status;
}

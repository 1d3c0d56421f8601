/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>

#include "test-reliability.h"

/*
 * Two writers: two stores (two windows) and liaison-cli on one database.  Writes
 * interleave without damage, a write that meets a busy database waits and then says
 * so, and a record changed by someone else since it was loaded is never overwritten
 * silently.
 */

#define CQU "63283e8c-845f-4266-8d69-fe1fca9f9de2"   /* Chongqing University, in the seed */

static void
test_two_stores_write_in_turn (void)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *path = rel_make_seeded_db (dir, "liaison.db");
  g_autoptr(LiaisonStore) a = test_open_store (dir, "liaison.db", LIAISON_STORE_OPEN_DEFAULT);
  g_autoptr(LiaisonStore) b = test_open_store (dir, "liaison.db", LIAISON_STORE_OPEN_DEFAULT);
  g_autoptr(GError) error = NULL;
  g_autofree char *integrity = NULL;
  gint64 base = liaison_store_count (a, LIAISON_RECORD_INSTITUTION, NULL);

  for (guint i = 0; i < 40; i++)
    {
      g_autofree char *name = g_strdup_printf ("Partner %u", i);
      g_autoptr(LiaisonRecord) record = test_new_institution (name);

      test_save_ok (i % 2 ? a : b, record);
    }

  /* Each sees the other's writes. */
  g_assert_cmpint (liaison_store_count (a, LIAISON_RECORD_INSTITUTION, NULL), ==, base + 40);
  g_assert_cmpint (liaison_store_count (b, LIAISON_RECORD_INSTITUTION, NULL), ==, base + 40);
  g_assert_true (liaison_store_check_integrity (b, &error));
  g_assert_no_error (error);

  g_clear_object (&a);
  g_clear_object (&b);
  integrity = rel_integrity (path);
  g_assert_cmpstr (integrity, ==, "ok");
  test_remove_tree (dir);
}

/* The window saves while liaison-cli imports thousands of records into the same file. */
static void
test_store_and_cli_write_at_once (void)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *path = rel_make_seeded_db (dir, "liaison.db");
  g_autoptr(LiaisonStore) store = test_open_store (dir, "liaison.db", LIAISON_STORE_OPEN_DEFAULT);
  g_autoptr(GError) error = NULL;
  g_autofree char *integrity = NULL;
  const char *argv[] = { g_getenv ("LIAISON_CLI"), "--database", path, "generate", "--institutions", "400",
                         "--agreements", "400", "--events", "800", NULL };
  gint64 base = liaison_store_count (store, LIAISON_RECORD_INSTITUTION, NULL);
  guint saved = 0;
  GPid pid;
  int status = 0;

  g_spawn_async (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL,
                 NULL, NULL, &pid, &error);
  g_assert_no_error (error);

  /* Saves meet the busy database and wait their turn (the busy timeout). */
  for (guint i = 0; i < 30; i++)
    {
      g_autofree char *name = g_strdup_printf ("Window partner %u", i);
      g_autoptr(LiaisonRecord) record = test_new_institution (name);

      test_save_ok (store, record);
      saved++;
    }

  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  g_assert_cmpint (liaison_store_count (store, LIAISON_RECORD_INSTITUTION, NULL), ==, base + 400 + saved);
  g_clear_object (&store);
  integrity = rel_integrity (path);
  g_assert_cmpstr (integrity, ==, "ok");
  test_remove_tree (dir);
}

static void
test_busy_database_fails_after_waiting (void)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *path = rel_make_seeded_db (dir, "liaison.db");
  g_autoptr(LiaisonStore) store = test_open_store (dir, "liaison.db", LIAISON_STORE_OPEN_DEFAULT);
  g_autoptr(LiaisonRecord) record = test_new_institution ("Busy University");
  g_autoptr(GError) error = NULL;
  gint64 base = liaison_store_count (store, LIAISON_RECORD_INSTITUTION, NULL);
  sqlite3 *other = NULL;
  gint64 start;

  /* Another program holds the write lock. */
  g_assert_cmpint (sqlite3_open (path, &other), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);

  liaison_store_set_busy_timeout (store, 300);
  start = g_get_monotonic_time ();
  g_assert_false (liaison_store_save (store, record, &error));
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 250 * 1000);
  g_assert_error (error, LIAISON_ERROR, LIAISON_ERROR_BUSY);
  rel_assert_message (error, path);
  rel_assert_message (error, "another program");
  rel_assert_message (error, "Try again");
  g_clear_error (&error);

  /* Once it is done, the same save goes through. */
  g_assert_cmpint (sqlite3_exec (other, "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (other);
  test_save_ok (store, record);
  g_assert_cmpint (liaison_store_count (store, LIAISON_RECORD_INSTITUTION, NULL), ==, base + 1);

  g_clear_object (&store);
  test_remove_tree (dir);
}

static guint conflicts_detected;

static void
test_stale_save_is_a_conflict (void)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *path = rel_make_seeded_db (dir, "liaison.db");
  g_autoptr(LiaisonStore) window_a = test_open_store (dir, "liaison.db", LIAISON_STORE_OPEN_DEFAULT);
  g_autoptr(LiaisonStore) window_b = test_open_store (dir, "liaison.db", LIAISON_STORE_OPEN_DEFAULT);
  g_autoptr(LiaisonRecord) mine = test_load (window_a, CQU);
  g_autoptr(LiaisonRecord) theirs = test_load (window_b, CQU);
  g_autoptr(LiaisonRecord) current = NULL;
  g_autoptr(GError) error = NULL;
  gint64 opened = liaison_record_get_revision (mine);

  /* Both open the record; the other one saves first. */
  liaison_record_set_field (theirs, "website", "https://www.cqu.edu.cn/en/");
  test_save_ok (window_b, theirs);
  g_assert_cmpint (liaison_record_get_revision (theirs), ==, opened + 1);

  liaison_record_set_field (mine, "city", "Chongqing (Shapingba)");
  g_assert_false (liaison_store_save (window_a, mine, &error));
  g_assert_error (error, LIAISON_ERROR, LIAISON_ERROR_CONFLICT);
  conflicts_detected++;
  rel_assert_message (error, "Chongqing University");
  rel_assert_message (error, "changed by someone else");
  rel_assert_message (error, "choose which to keep");

  /* Nothing of mine was written; the other's change stands. */
  current = liaison_store_load (window_a, LIAISON_RECORD_INSTITUTION, liaison_record_get_id (mine), NULL);
  g_assert_cmpstr (liaison_record_get_field (current, "website"), ==, "https://www.cqu.edu.cn/en/");
  g_assert_cmpstr (liaison_record_get_field (current, "city"), ==, "Chongqing");
  g_assert_cmpint (liaison_record_get_revision (current), ==, opened + 1);
  /* Both versions are there to show: mine in memory, theirs loaded. */
  g_assert_cmpstr (liaison_record_get_field (mine, "city"), ==, "Chongqing (Shapingba)");
  g_assert_cmpint (liaison_record_get_revision (mine), ==, opened);

  /* Keeping mine after seeing both: save over the revision now stored. */
  g_clear_error (&error);
  liaison_record_set_revision (mine, liaison_record_get_revision (current));
  test_save_ok (window_a, mine);
  g_assert_cmpint (liaison_record_get_revision (mine), ==, opened + 2);

  /* Now the other window holds a stale copy, and its next save is refused in turn. */
  liaison_record_set_field (theirs, "notes", "Second edit");
  g_assert_false (liaison_store_save (window_b, theirs, &error));
  g_assert_error (error, LIAISON_ERROR, LIAISON_ERROR_CONFLICT);
  conflicts_detected++;

  g_test_message ("conflicts detected: %u", conflicts_detected);
  g_clear_object (&window_a);
  g_clear_object (&window_b);
  test_remove_tree (dir);
}

/* liaison-cli changes a record while the window has it open. */
static void
test_cli_change_is_a_conflict_for_the_window (void)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *path = rel_make_seeded_db (dir, "liaison.db");
  g_autofree char *xml = g_build_filename (dir, "edit.xml", NULL);
  g_autofree char *out = NULL;
  g_autofree char *exported = NULL;
  g_autoptr(GRegex) regex = g_regex_new ("重庆大学", 0, 0, NULL);
  g_autofree char *edited = NULL;
  g_autoptr(LiaisonStore) window = test_open_store (dir, "liaison.db", LIAISON_STORE_OPEN_DEFAULT);
  g_autoptr(LiaisonRecord) mine = test_load (window, CQU);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (rel_run_cli (&exported, NULL, "--database", path, "export", NULL), ==, 0);
  edited = g_regex_replace_literal (regex, exported, -1, 0, "重庆大学（本部）", 0, NULL);
  g_assert_true (g_file_set_contents (xml, edited, -1, NULL));
  g_assert_cmpint (rel_run_cli (&out, NULL, "--database", path, "import", xml, NULL), ==, 0);

  liaison_record_set_field (mine, "short-name", "CQU");
  g_assert_false (liaison_store_save (window, mine, &error));
  g_assert_error (error, LIAISON_ERROR, LIAISON_ERROR_CONFLICT);
  conflicts_detected++;

  g_clear_object (&window);
  test_remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/liaison/concurrency/two-stores-write-in-turn", test_two_stores_write_in_turn);
  g_test_add_func ("/liaison/concurrency/store-and-cli-write-at-once", test_store_and_cli_write_at_once);
  g_test_add_func ("/liaison/concurrency/busy-database-fails-after-waiting", test_busy_database_fails_after_waiting);
  g_test_add_func ("/liaison/concurrency/stale-save-is-a-conflict", test_stale_save_is_a_conflict);
  g_test_add_func ("/liaison/concurrency/cli-change-is-a-conflict-for-the-window", test_cli_change_is_a_conflict_for_the_window);

  return g_test_run ();
}

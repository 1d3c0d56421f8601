/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <signal.h>
#include <sys/wait.h>

#include "test-reliability.h"

/*
 * Crash safety: liaison-cli import and generate are killed with SIGKILL at random
 * moments (a fixed random seed, so a failure can be repeated).  Every time, the
 * database passes SQLite's integrity check and holds the import or the generated
 * records completely or not at all, and any backup beside it is whole.
 *
 * `--kills N` sets how many kills per command (5 in the unit suite, 50 in `slow`).
 * The summary line "# kills: ..." reports what was survived.
 */

#define SEED 20261122

static int n_kills = 5;

typedef struct {
  const char *name;
  gint64      base;       /* institutions before */
  gint64      added;      /* institutions the command adds */
  guint       before;     /* kills that left the database as it was */
  guint       complete;   /* kills that came after the commit */
} Tally;

static char *
spawn_and_kill (const char * const *argv,
                gint64              delay_usec,
                gboolean           *killed)
{
  g_autoptr(GError) error = NULL;
  GPid pid;
  int status = 0;

  g_spawn_async (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL |
                 G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &pid, &error);
  g_assert_no_error (error);

  g_usleep ((gulong) delay_usec);
  kill (pid, SIGKILL);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  *killed = WIFSIGNALED (status);
  if (!*killed && WEXITSTATUS (status) != 0)
    return g_strdup_printf ("%s exited with %d before it was killed", argv[0], WEXITSTATUS (status));
  return NULL;
}

/* How long a run takes when nobody kills it, to spread the kills over it. */
static gint64
time_run (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return g_get_monotonic_time () - start;
}

static void
check_survivor (const char *path,
                Tally      *tally)
{
  g_autofree char *integrity = rel_integrity (path);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *backups = g_build_filename (dir, "backups", NULL);
  g_autoptr(GDir) listing = g_dir_open (backups, 0, NULL);
  const char *name;
  gint64 n;

  g_assert_cmpstr (integrity, ==, "ok");

  n = rel_query_int (path, "SELECT count(*) FROM institution");
  if (n == tally->base)
    tally->before++;
  else if (n == tally->base + tally->added)
    tally->complete++;
  else
    g_error ("%s: %" G_GINT64_FORMAT " institutions after the kill; expected %" G_GINT64_FORMAT " or %" G_GINT64_FORMAT,
             tally->name, n, tally->base, tally->base + tally->added);

  /* The store opens it as usual, and every finished backup is a whole database. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(LiaisonStore) store = liaison_store_open (path, LIAISON_STORE_OPEN_DEFAULT, &error);

    g_assert_no_error (error);
    g_assert_true (liaison_store_check_integrity (store, &error));
    g_assert_no_error (error);
  }

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *backup = g_build_filename (backups, name, NULL);
      g_autoptr(GError) error = NULL;

      if (name[0] == '.')
        continue;   /* a backup the kill interrupted, under its temporary name */
      liaison_backup_validate (backup, &error);
      g_assert_no_error (error);
    }
}

static void
run_kills (const char  *name,
           const char  *base_db,
           GPtrArray   *args,       /* the command after "liaison-cli -d PATH" */
           gint64       added,
           GRand       *rand)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "liaison.db", NULL);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  Tally tally = { name, rel_query_int (base_db, "SELECT count(*) FROM institution"), added, 0, 0 };
  guint killed_runs = 0;
  gint64 duration;

  g_ptr_array_add (argv, (char *) g_getenv ("LIAISON_CLI"));
  g_ptr_array_add (argv, (char *) "--database");
  g_ptr_array_add (argv, path);
  for (guint i = 0; i < args->len; i++)
    g_ptr_array_add (argv, args->pdata[i]);
  g_ptr_array_add (argv, NULL);

  rel_copy_file (base_db, path);
  duration = time_run ((const char * const *) argv->pdata);
  check_survivor (path, &tally);
  g_assert_cmpuint (tally.complete, ==, 1);
  tally.complete = 0;

  for (int k = 0; k < n_kills; k++)
    {
      /* Anywhere from start-up to a little after the usual end. */
      gint64 delay = g_rand_int_range (rand, 0, (gint32) MIN (duration * 11 / 10, G_MAXINT32));
      g_autofree char *problem = NULL;
      gboolean killed = FALSE;

      test_remove_tree (dir);
      g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
      rel_copy_file (base_db, path);

      problem = spawn_and_kill ((const char * const *) argv->pdata, delay, &killed);
      g_assert_null (problem);
      killed_runs += killed;
      check_survivor (path, &tally);
    }

  g_test_message ("%s: run %.0f ms; %d kills (%u while running): %u left it as before, %u after the commit; "
                  "all %d passed the integrity check",
                  name, duration / 1000.0, n_kills, killed_runs, tally.before, tally.complete, n_kills);

  test_remove_tree (dir);
}

static void
test_killed_import_is_all_or_nothing (void)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *base = rel_make_seeded_db (dir, "base.db");
  g_autofree char *big_db = g_build_filename (dir, "big.db", NULL);
  g_autofree char *big_xml = g_build_filename (dir, "big.xml", NULL);
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (SEED);
  g_autoptr(GError) error = NULL;
  gint64 big_count;

  /* A document of a few thousand records the base database does not have. */
  g_assert_cmpint (rel_run_cli (NULL, NULL, "--database", big_db, "init", "--empty", NULL), ==, 0);
  g_assert_cmpint (rel_run_cli (NULL, NULL, "--database", big_db, "generate", "--institutions", "600",
                                "--agreements", "600", "--events", "1200", "--random-seed", "7", NULL), ==, 0);
  g_assert_cmpint (rel_run_cli (NULL, NULL, "--database", big_db, "export", "--output", big_xml, NULL), ==, 0);
  big_count = rel_query_int (big_db, "SELECT count(*) FROM institution");
  g_assert_cmpint (big_count, ==, 600);

  g_ptr_array_add (args, (char *) "import");
  g_ptr_array_add (args, big_xml);
  run_kills ("import", base, args, big_count, rand);

  test_remove_tree (dir);
}

static void
test_killed_generate_is_all_or_nothing (void)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *base = rel_make_seeded_db (dir, "base.db");
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (SEED + 1);
  const char * const command[] = { "generate", "--institutions", "800", "--agreements", "800",
                                   "--events", "1600", "--random-seed", "3" };

  for (guint i = 0; i < G_N_ELEMENTS (command); i++)
    g_ptr_array_add (args, (char *) command[i]);
  run_kills ("generate", base, args, 800, rand);

  test_remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  const GOptionEntry entries[] = {
    { "kills", 0, 0, G_OPTION_ARG_INT, &n_kills, "How many kills per command", "N" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_set_ignore_unknown_options (context, TRUE);
  g_option_context_parse (context, &argc, &argv, NULL);

  g_test_add_func ("/liaison/crash/killed-import-is-all-or-nothing", test_killed_import_is_all_or_nothing);
  g_test_add_func ("/liaison/crash/killed-generate-is-all-or-nothing", test_killed_generate_is_all_or_nothing);

  return g_test_run ();
}

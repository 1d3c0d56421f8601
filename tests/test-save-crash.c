/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "test-reliability.h"

/*
 * Crash safety of a save, as the window's editor makes it: one liaison_store_save()
 * of a record with many links.  A child process saves one agreement again and again,
 * each time with a new summary and a new set of tags, and is killed with SIGKILL at
 * a random moment (a fixed seed, so that a failure can be repeated).  After every
 * kill the database passes SQLite's integrity check, and the agreement is one whole
 * generation: its summary and every one of its tags come from the same save, never
 * half of one and half of another.  The generation never goes back.
 */

#define SEED 20261123
#define N_KILLS 20
#define N_TAGS 60

static const char *tag_prefix = "crash-gen-";

static void
set_generation (LiaisonRecord *record,
                guint          generation)
{
  g_autoptr(GPtrArray) kept = g_ptr_array_new_with_free_func ((GDestroyNotify) liaison_link_free);
  GPtrArray *links = liaison_record_get_links (record);
  g_autofree char *summary = g_strdup_printf ("generation %u", generation);

  for (guint i = 0; i < links->len; i++)
    {
      LiaisonLink *link = g_ptr_array_index (links, i);

      if (link->type != LIAISON_LINK_TAG)
        g_ptr_array_add (kept, liaison_link_copy (link));
    }

  liaison_record_clear_links (record);
  for (guint i = 0; i < kept->len; i++)
    liaison_record_add_link (record, liaison_link_copy (g_ptr_array_index (kept, i)));
  for (guint k = 0; k < N_TAGS; k++)
    {
      g_autofree char *tag = g_strdup_printf ("%s%u-%u", tag_prefix, generation, k);

      liaison_record_add_link (record, liaison_link_new (LIAISON_LINK_TAG, tag, NULL, NULL));
    }
  liaison_record_set_field (record, "summary", summary);
}

/* The child: edit and save, as fast as it can, until it is killed. */
static G_GNUC_NORETURN void
save_forever (const char *path,
              const char *uuid,
              guint       first)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaisonStore) store = liaison_store_open (path, LIAISON_STORE_OPEN_DEFAULT, &error);

  if (store == NULL)
    _exit (3);

  for (guint generation = first; ; generation++)
    {
      g_autoptr(LiaisonRecord) record = liaison_store_load_by_uuid (store, uuid, NULL);

      if (record == NULL)
        _exit (4);
      set_generation (record, generation);
      if (!liaison_store_save (store, record, NULL))
        _exit (5);
    }
}

/* Which generation the stored agreement is; fails unless it is one whole one. */
static guint
check_whole_generation (const char *path,
                        const char *uuid)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaisonStore) store = liaison_store_open (path, LIAISON_STORE_OPEN_DEFAULT, &error);
  g_autoptr(LiaisonRecord) record = NULL;
  g_autofree char *integrity = rel_integrity (path);
  const char *summary;
  GPtrArray *links;
  guint generation;
  guint n_tags = 0;

  g_assert_cmpstr (integrity, ==, "ok");
  g_assert_no_error (error);
  record = liaison_store_load_by_uuid (store, uuid, &error);
  g_assert_no_error (error);

  summary = liaison_record_get_field (record, "summary");
  g_assert_true (g_str_has_prefix (summary, "generation "));
  generation = (guint) g_ascii_strtoull (summary + strlen ("generation "), NULL, 10);

  links = liaison_record_get_links (record);
  for (guint i = 0; i < links->len; i++)
    {
      LiaisonLink *link = g_ptr_array_index (links, i);
      g_autofree char *prefix = g_strdup_printf ("%s%u-", tag_prefix, generation);

      if (link->type != LIAISON_LINK_TAG)
        continue;
      if (!g_str_has_prefix (link->target, prefix))
        g_error ("the agreement of generation %u holds the tag %s of another save", generation, link->target);
      n_tags++;
    }
  g_assert_cmpuint (n_tags, ==, N_TAGS);
  return generation;
}

static void
test_killed_save_is_whole_or_not_at_all (void)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *path = rel_make_seeded_db (dir, "liaison.db");
  g_autoptr(GRand) rand = g_rand_new_with_seed (SEED);
  g_autoptr(GError) error = NULL;
  g_autofree char *uuid = NULL;
  guint generation = 0;
  guint advanced = 0;
  guint unchanged = 0;

  /* Generation 0: the agreement as the window would first save it. */
  {
    g_autoptr(LiaisonStore) store = liaison_store_open (path, LIAISON_STORE_OPEN_DEFAULT, &error);
    g_autoptr(LiaisonQuery) query = liaison_query_new (LIAISON_RECORD_AGREEMENT);
    g_autoptr(GArray) ids = NULL;
    g_autoptr(LiaisonRecord) record = NULL;

    g_assert_no_error (error);
    ids = liaison_store_query (store, query, &error);
    g_assert_no_error (error);
    record = liaison_store_load (store, LIAISON_RECORD_AGREEMENT, g_array_index (ids, gint64, 0), &error);
    g_assert_no_error (error);
    set_generation (record, 0);
    g_assert_true (liaison_store_save (store, record, &error));
    g_assert_no_error (error);
    uuid = g_strdup (liaison_record_get_uuid (record));
  }

  for (guint k = 0; k < N_KILLS; k++)
    {
      gulong delay = (gulong) g_rand_int_range (rand, 20, 150) * 1000;
      guint now;
      int status = 0;
      pid_t pid = fork ();

      g_assert_cmpint (pid, >=, 0);
      if (pid == 0)
        save_forever (path, uuid, generation + 1);

      g_usleep (delay);
      kill (pid, SIGKILL);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      if (!WIFSIGNALED (status))
        g_error ("the saving child exited with %d before it was killed", WEXITSTATUS (status));

      now = check_whole_generation (path, uuid);
      g_assert_cmpuint (now, >=, generation);
      if (now > generation)
        advanced++;
      else
        unchanged++;
      generation = now;
    }

  g_test_message ("kills: %u, each left one whole save (%u after new saves, %u before any); "
                  "%u generations saved in all", N_KILLS, advanced, unchanged, generation);
  g_assert_cmpuint (advanced, >, 0);
  test_remove_tree (dir);
}

int
main (int    argc,
      char  *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/liaison/save-crash/killed-save-is-whole-or-not-at-all", test_killed_save_is_whole_or_not_at_all);

  return g_test_run ();
}

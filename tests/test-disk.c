/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <locale.h>
#include <signal.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <unistd.h>

#include "test-reliability.h"

/*
 * Read-only and full disks.  A database we may not write to opens read-only and
 * every write says why; a full disk turns a write into a clear error, keeps what was
 * saved before, and the same write succeeds once there is room.
 *
 * Root may write to any file, so the read-only tests run as "nobody" in a subprocess
 * when the suite runs as root.
 */

#define NOBODY 65534

static void
drop_root (void)
{
  if (geteuid () != 0)
    return;
  g_assert_cmpint (setgid (NOBODY), ==, 0);
  g_assert_cmpint (setuid (NOBODY), ==, 0);
}

static LiaisonRecord *
new_institution (const char *name,
                 gsize       notes_size)
{
  LiaisonRecord *record = liaison_record_new (LIAISON_RECORD_INSTITUTION);

  liaison_record_set_field (record, "name", name);
  liaison_record_set_field (record, "kind", "university");
  if (notes_size > 0)
    {
      g_autofree char *notes = g_strnfill (notes_size, 'n');
      liaison_record_set_field (record, "notes", notes);
    }
  return record;
}

static void
check_read_only_store (const char *path)
{
  g_autofree char *before = test_file_checksum (path);
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaisonStore) store = liaison_store_open (path, LIAISON_STORE_OPEN_SEED, &error);
  g_autoptr(LiaisonRecord) record = new_institution ("Read-only University", 0);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *seed = g_strdup (g_getenv ("LIAISON_SEED"));

  g_assert_no_error (error);
  g_assert_true (liaison_store_get_read_only (store));
  g_assert_cmpint (liaison_store_count (store, LIAISON_RECORD_INSTITUTION, NULL), >, 10);

  g_assert_false (liaison_store_save (store, record, &error));
  g_assert_error (error, LIAISON_ERROR, LIAISON_ERROR_READ_ONLY);
  rel_assert_message (error, path);
  rel_assert_message (error, "read-only");
  rel_assert_message (error, "copy it to a folder you may write to");
  g_clear_error (&error);

  /* Not even a backup can be restored into it, and nothing was written. */
  g_assert_false (liaison_store_restore (store, path, NULL, &error));
  g_clear_object (&store);
  after = test_file_checksum (path);
  g_assert_cmpstr (before, ==, after);

  /* liaison-cli reads it, and refuses to import into it with the same message. */
  g_assert_cmpint (rel_run_cli (&out, &err, "--database", path, "list", "agreements", NULL), ==, 0);
  g_assert_cmpstr (out, !=, "");
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (rel_run_cli (NULL, &err, "--database", path, "import", seed, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "read-only"));
  g_clear_pointer (&after, g_free);
  after = test_file_checksum (path);
  g_assert_cmpstr (before, ==, after);
}

static void
test_read_only_file_opens_read_only (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *dir = NULL;
      g_autofree char *path = NULL;

      drop_root ();
      dir = test_make_tmpdir ();
      path = rel_make_seeded_db (dir, "liaison.db");
      g_assert_cmpint (g_chmod (path, 0444), ==, 0);
      check_read_only_store (path);
      g_chmod (path, 0644);
      test_remove_tree (dir);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

static void
test_read_only_folder_opens_read_only (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *dir = NULL;
      g_autofree char *path = NULL;

      drop_root ();
      dir = test_make_tmpdir ();
      path = rel_make_seeded_db (dir, "liaison.db");
      g_assert_cmpint (g_chmod (dir, 0555), ==, 0);
      check_read_only_store (path);
      /* Reading left nothing beside it: the folder could not have held it. */
      rel_assert_no_sidecars (path);
      g_chmod (dir, 0755);
      test_remove_tree (dir);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

/* Fills the rest of the file system; returns the ballast file to delete. */
static char *
fill_disk (const char *dir)
{
  char *ballast = g_build_filename (dir, "ballast", NULL);
  g_autofree char *chunk = g_malloc0 (64 * 1024);
  FILE *file = fopen (ballast, "wb");

  g_assert_nonnull (file);
  while (fwrite (chunk, 1, 64 * 1024, file) == 64 * 1024)
    ;
  while (fwrite (chunk, 1, 512, file) == 512)
    ;
  fclose (file);
  return ballast;
}

/* The write that fails, what survives it, and the retry. */
static void
check_full_disk (LiaisonStore *store,
                 const char   *path,
                 void        (*make_room) (gpointer),
                 gpointer      data)
{
  g_autoptr(LiaisonRecord) big = new_institution ("Full Disk University", 90 * 1000);
  g_autoptr(GError) error = NULL;
  gint64 before = liaison_store_count (store, LIAISON_RECORD_INSTITUTION, NULL);

  g_assert_false (liaison_store_save (store, big, &error));
  g_assert_error (error, LIAISON_ERROR, LIAISON_ERROR_NO_SPACE);
  rel_assert_message (error, path);
  rel_assert_message (error, "full");
  rel_assert_message (error, "free some space and try again");
  g_clear_error (&error);

  /* What was saved before is all there and sound. */
  g_assert_cmpint (liaison_store_count (store, LIAISON_RECORD_INSTITUTION, NULL), ==, before);
  g_assert_true (liaison_store_check_integrity (store, &error));
  g_assert_no_error (error);

  make_room (data);
  g_assert_true (liaison_store_save (store, big, &error));
  g_assert_no_error (error);
  g_assert_cmpint (liaison_store_count (store, LIAISON_RECORD_INSTITUTION, NULL), ==, before + 1);
}

static void
remove_file (gpointer data)
{
  g_assert_cmpint (g_unlink (data), ==, 0);
}

static void
test_full_file_system_fails_cleanly (void)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *mount_point = g_build_filename (dir, "small", NULL);
  g_autofree char *path = NULL;
  g_autofree char *ballast = NULL;
  g_autofree char *integrity = NULL;
  g_autoptr(LiaisonStore) store = NULL;

  g_assert_cmpint (g_mkdir (mount_point, 0700), ==, 0);
  if (geteuid () != 0 || mount ("tmpfs", mount_point, "tmpfs", 0, "size=4m") != 0)
    {
      g_test_skip ("needs root to mount a small tmpfs; the file-size limit test covers the rest");
      test_remove_tree (dir);
      return;
    }

  path = rel_make_seeded_db (mount_point, "liaison.db");
  store = test_open_store (mount_point, "liaison.db", LIAISON_STORE_OPEN_DEFAULT);
  ballast = fill_disk (mount_point);
  check_full_disk (store, path, remove_file, ballast);
  g_clear_object (&store);

  integrity = rel_integrity (path);
  g_assert_cmpstr (integrity, ==, "ok");
  g_assert_cmpint (umount (mount_point), ==, 0);
  test_remove_tree (dir);
}

static void
raise_limit (gpointer data)
{
  struct rlimit limit = { RLIM_INFINITY, RLIM_INFINITY };

  getrlimit (RLIMIT_FSIZE, &limit);
  limit.rlim_cur = limit.rlim_max;
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);
}

/* A quota or file-size limit is a full disk to the user too. */
static void
test_file_size_limit_fails_cleanly (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *dir = test_make_tmpdir ();
      g_autofree char *path = rel_make_seeded_db (dir, "liaison.db");
      g_autoptr(LiaisonStore) store = test_open_store (dir, "liaison.db", LIAISON_STORE_OPEN_DEFAULT);
      struct rlimit limit;

      signal (SIGXFSZ, SIG_IGN);
      getrlimit (RLIMIT_FSIZE, &limit);
      limit.rlim_cur = 128 * 1024;
      g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);

      check_full_disk (store, path, raise_limit, NULL);
      g_clear_object (&store);
      test_remove_tree (dir);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/liaison/disk/read-only-file-opens-read-only", test_read_only_file_opens_read_only);
  g_test_add_func ("/liaison/disk/read-only-folder-opens-read-only", test_read_only_folder_opens_read_only);
  g_test_add_func ("/liaison/disk/full-file-system-fails-cleanly", test_full_file_system_fails_cleanly);
  g_test_add_func ("/liaison/disk/file-size-limit-fails-cleanly", test_file_size_limit_fails_cleanly);

  return g_test_run ();
}

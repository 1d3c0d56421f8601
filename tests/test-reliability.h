/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/*
 * Helpers of the reliability tests (damaged files, disks, backups, two writers,
 * migrations, crashes, error messages): databases to damage, byte surgery, and
 * liaison-cli runs.
 */

#include <glib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/wait.h>

#include "liaison-core.h"
#include "test-util.h"

G_BEGIN_DECLS

/* A seeded database at @dir/@name, closed, so that the file holds everything. */
static inline char *
rel_make_seeded_db (const char *dir,
                    const char *name)
{
  char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;
  LiaisonStore *store = liaison_store_open (path, LIAISON_STORE_OPEN_SEED, &error);

  g_assert_no_error (error);
  g_object_unref (store);
  return path;
}

static inline void
rel_copy_file (const char *from,
               const char *to)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  g_file_get_contents (from, &contents, &length, &error);
  g_assert_no_error (error);
  g_file_set_contents (to, contents, (gssize) length, &error);
  g_assert_no_error (error);
}

/* XORs the byte at @offset with @mask. */
static inline void
rel_flip_byte (const char *path,
               goffset     offset,
               guchar      mask)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpint (offset, <, (goffset) length);
  contents[offset] ^= (char) mask;
  g_file_set_contents (path, contents, (gssize) length, &error);
  g_assert_no_error (error);
}

static inline gint64
rel_query_int (const char *path,
               const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db = NULL;
  gint64 value;

  /* Read-write, so that closing leaves no log or index behind. */
  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static inline void
rel_exec (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  sqlite3_close (db);
}

/* "ok", or what SQLite's integrity check found, of the file at @path. */
static inline char *
rel_integrity (const char *path)
{
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db = NULL;
  char *result;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  if (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    result = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  else
    result = g_strdup (sqlite3_errmsg (db));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return result;
}

/* No write-ahead log, index or journal beside the file. */
static inline void
rel_assert_no_sidecars (const char *path)
{
  static const char * const suffixes[] = { "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *side = g_strconcat (path, suffixes[i], NULL);

      if (g_file_test (side, G_FILE_TEST_EXISTS))
        g_error ("%s was left behind", side);
    }
}

static inline void
rel_assert_message (const GError *error,
                    const char   *part)
{
  g_assert_nonnull (error);
  if (strstr (error->message, part) == NULL)
    g_error ("the message “%s” does not contain “%s”", error->message, part);
}

/*
 * Runs liaison-cli with @args (NULL-terminated, after the program name).
 * Returns its exit status; its output goes to @out and @err.
 */
static inline int
rel_run_cli (char       **out,
             char       **err,
             const char  *first,
             ...) G_GNUC_NULL_TERMINATED;

static inline int
rel_run_cli (char       **out,
             char       **err,
             const char  *first,
             ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *cli = g_getenv ("LIAISON_CLI");
  g_autofree char *ignored_out = NULL;
  g_autofree char *ignored_err = NULL;
  const char *arg;
  int status = 0;
  va_list args;

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (char *) cli);
  va_start (args, first);
  for (arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  /* Always captured: what a test does not look at must not reach the TAP stream. */
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                out ? out : &ignored_out, err ? err : &ignored_err, &status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-store"

#include "config.h"

#include <inttypes.h>

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "liaison-error.h"
#include "liaison-store-private.h"

/*
 * What the store looks at before it trusts a file: an empty file, one that is not
 * SQLite at all, a broken header, a file cut short, damaged pages, and whether we may
 * write to it.  Nothing here writes; a refused file is left exactly as it was.
 */

/* Full checks of every page cost time; above this size only the cheap ones run. */
#define QUICK_CHECK_MAX_BYTES (64 * 1024 * 1024)

#define SQLITE_HEADER_MAGIC "SQLite format 3"

static goffset
get_file_size (const char *path)
{
  GStatBuf st;

  if (g_stat (path, &st) != 0)
    return -1;
  return st.st_size;
}

static goffset
get_wal_size (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);

  return get_file_size (wal);
}

static goffset
get_journal_size (const char *path)
{
  g_autofree char *journal = g_strconcat (path, "-journal", NULL);

  return get_file_size (journal);
}

static void set_damaged (GError     **error,
                         const char  *path,
                         const char  *detail);
static gboolean check_contents (const char  *path,
                                goffset      size,
                                GError     **error);

static guint32
read_be32 (const guchar *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

/*
 * The header tells how many pages the file has (when its "valid for" counter matches
 * the change counter).  Without a write-ahead log that may hold the rest, a shorter
 * file was cut off.
 */
static gboolean
check_length (const char    *path,
              const guchar  *header,
              guint          page_size,
              goffset        size,
              GError       **error)
{
  guint32 n_pages = read_be32 (header + 28);
  gboolean counted = n_pages > 0 && read_be32 (header + 92) == read_be32 (header + 24);

  if (get_wal_size (path) > 0)
    return TRUE;

  if ((counted && (guint64) size < (guint64) n_pages * page_size) || size % page_size != 0)
    {
      g_autofree char *have = g_format_size ((guint64) size);
      g_autofree char *want = g_format_size (counted ? (guint64) n_pages * page_size
                                                     : ((guint64) size / page_size + 1) * page_size);

      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_NOT_A_DATABASE,
                   _("“%s” is incomplete: it holds %s of the %s it should, so it was probably cut off while being copied or saved. Restore a backup or choose another file; the file was left as it is."),
                   path, have, want);
      return FALSE;
    }
  return TRUE;
}

/**
 * _liaison_store_check_file:
 * @read_only: (inout): set when we may not write to the file or its folder
 * @immutable: (out): set when the folder cannot even hold SQLite's WAL index, so the
 *   file must be read as an unchanging one
 *
 * Looks at an existing file before SQLite opens it.
 */
gboolean
_liaison_store_check_file (const char  *path,
                           gboolean    *read_only,
                           gboolean    *immutable,
                           GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  guchar header[100];
  goffset size;
  gssize n = 0;
  int fd;

  *immutable = FALSE;

  fd = g_open (path, O_RDONLY, 0);
  if (fd < 0)
    {
      int errsv = errno;

      g_set_error (error, LIAISON_ERROR, errsv == EACCES ? LIAISON_ERROR_READ_ONLY : LIAISON_ERROR_FAILED,
                   _("Could not open “%s”: %s. Check that you may read the file, or choose another one."),
                   path, g_strerror (errsv));
      return FALSE;
    }
  size = get_file_size (path);
  if (size > 0)
    n = read (fd, header, sizeof header);
  close (fd);

  /*
   * SQLite would take an empty file for a new database and write one into it.  But an
   * empty file where a database was expected is more often the wreck of a database (a
   * failed copy, a sync tool, a full disk) than a wish for a new one, and filling it
   * would hide the loss, and rotate the backups of the real one away.  Liaison writes
   * the header of a new database first thing, when it switches it to WAL; only a
   * crash in that instant leaves an empty file, and the message says how to start
   * again.  (An empty file beside a write-ahead log with content is not empty to
   * SQLite: it recovers it, so that one is opened.)
   */
  if (size == 0 && get_wal_size (path) <= 0)
    {
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_NOT_A_DATABASE,
                   _("“%s” is empty (0 bytes), so it is not a Liaison database. Choose another file or restore a backup; to start a new database there, delete the empty file first."),
                   path);
      return FALSE;
    }

  if (size > 0 && (n < (gssize) sizeof header || memcmp (header, SQLITE_HEADER_MAGIC, sizeof SQLITE_HEADER_MAGIC) != 0))
    {
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_NOT_A_DATABASE,
                   _("“%s” is not a Liaison database: it is not a database file at all, or its beginning is damaged. Choose another file or restore a backup; the file was left as it is."),
                   path);
      return FALSE;
    }

  if (size > 0)
    {
      guint page_size = ((guint) header[16] << 8) | header[17];

      if (page_size == 1)
        page_size = 65536;
      if (page_size < 512 || (page_size & (page_size - 1)) != 0 || header[21] != 64 || header[22] != 32 || header[23] != 32)
        {
          g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_NOT_A_DATABASE,
                       _("“%s” is damaged: its header is broken, so its contents cannot be read. Restore a backup or choose another file; the file was left as it is."),
                       path);
          return FALSE;
        }

      if (!check_length (path, header, page_size, size, error))
        return FALSE;
    }

  /* A log or journal to recover means a crash, not damage: SQLite repairs that. */
  if (size > 0 && get_wal_size (path) <= 0 && get_journal_size (path) <= 0 &&
      !check_contents (path, size, error))
    return FALSE;

  /* access() also knows about read-only file systems, where even root may not write. */
  if (g_access (path, W_OK) != 0 || g_access (dir, W_OK) != 0)
    *read_only = TRUE;

  if (g_access (dir, W_OK) != 0 && get_wal_size (path) <= 0)
    *immutable = TRUE;

  return TRUE;
}

/**
 * _liaison_store_get_immutable_uri:
 *
 * Returns: (transfer full): an SQLite URI that opens @path as a file nobody changes
 */
char *
_liaison_store_get_immutable_uri (const char *path)
{
  g_autofree char *absolute = g_canonicalize_filename (path, NULL);
  g_autofree char *escaped = g_uri_escape_string (absolute, "/", FALSE);

  return g_strdup_printf ("file:%s?immutable=1", escaped);
}

static void
set_damaged (GError     **error,
             const char  *path,
             const char  *detail)
{
  g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_NOT_A_DATABASE,
               _("“%s” is damaged (%s). Restore a backup or open another database; the file was left as it is."),
               path, detail);
}

/* Reads the one integer @sql returns, on a connection of the caller's. */
gboolean
_liaison_store_read_int (sqlite3    *db,
                         const char *sql,
                         gint64     *value)
{
  sqlite3_stmt *stmt = NULL;
  gboolean ok = FALSE;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
    {
      *value = sqlite3_column_int64 (stmt, 0);
      ok = TRUE;
    }
  sqlite3_finalize (stmt);
  return ok;
}

/* The files this process found sound by PRAGMA quick_check: path → "size mtime".  The
 * window opens a connection of its own for each query it runs in a thread; a file read
 * through once need not be read through again while it is unchanged. */
G_LOCK_DEFINE_STATIC (sound_files);
static GHashTable *sound_files;

static char *
dup_file_stamp (const char *path,
                goffset     size)
{
  GStatBuf st;

  if (g_stat (path, &st) != 0)
    return NULL;
  return g_strdup_printf ("%" G_GOFFSET_FORMAT " %ld.%09ld", size, (long) st.st_mtim.tv_sec, (long) st.st_mtim.tv_nsec);
}

static gboolean
was_found_sound (const char *path,
                 const char *stamp)
{
  gboolean found;

  G_LOCK (sound_files);
  found = stamp != NULL && sound_files != NULL &&
          g_strcmp0 (g_hash_table_lookup (sound_files, path), stamp) == 0;
  G_UNLOCK (sound_files);
  return found;
}

static void
remember_sound (const char *path,
                const char *stamp)
{
  if (stamp == NULL)
    return;
  G_LOCK (sound_files);
  if (sound_files == NULL)
    sound_files = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_hash_table_replace (sound_files, g_strdup (path), g_strdup (stamp));
  G_UNLOCK (sound_files);
}

/*
 * Reads the file through a connection of its own that opens it as unchanging: it
 * takes no lock and creates no write-ahead log or index beside it, so a refused file
 * is left exactly as it was.  Only called when no log or journal needs recovery.
 */
static gboolean
check_contents (const char  *path,
                goffset      size,
                GError     **error)
{
  g_autofree char *uri = _liaison_store_get_immutable_uri (path);
  g_autofree char *stamp = dup_file_stamp (path, size);
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db = NULL;
  gint64 app_id = 0;
  gint64 version = 0;
  gint64 n_tables = 0;
  guint latest = _liaison_store_get_latest_version ();
  gboolean ok = FALSE;
  int rc;

  rc = sqlite3_open_v2 (uri, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK ||
      !_liaison_store_read_int (db, "PRAGMA application_id", &app_id) ||
      !_liaison_store_read_int (db, "PRAGMA user_version", &version) ||
      !_liaison_store_read_int (db, "SELECT count(*) FROM sqlite_schema", &n_tables))
    {
      set_damaged (error, path, db ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
      goto out;
    }

  if (n_tables > 0 && app_id != LIAISON_APPLICATION_ID)
    {
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_NOT_A_DATABASE,
                   _("“%s” is not a Liaison database: it is an SQLite database of another program. Choose another file or restore a backup; the file was left as it is."),
                   path);
      goto out;
    }

  if (version > latest)
    {
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_NEWER_SCHEMA,
                   _("“%s” was written by a newer version of Liaison (database version %" PRId64 ", this version reads up to %u). Update Liaison to open it, or choose another file; the file was left as it is."),
                   path, version, latest);
      goto out;
    }

  /* Every page, for files of the size an office keeps; big ones only get the rest. */
  if (size <= QUICK_CHECK_MAX_BYTES && !was_found_sound (path, stamp))
    {
      rc = sqlite3_prepare_v2 (db, "PRAGMA quick_check (1)", -1, &stmt, NULL);
      if (rc == SQLITE_OK)
        rc = sqlite3_step (stmt);
      if (rc != SQLITE_ROW)
        {
          set_damaged (error, path, sqlite3_errmsg (db));
          goto out;
        }
      if (g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") != 0)
        {
          g_autofree char *detail = g_strdup ((const char *) sqlite3_column_text (stmt, 0));

          g_strdelimit (detail, "\n", ' ');
          set_damaged (error, path, g_strstrip (detail));
          goto out;
        }
      remember_sound (path, stamp);
    }

  ok = TRUE;

out:
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return ok;
}

/**
 * _liaison_store_is_out_of_space:
 * @errsv: the system error SQLite saw, or 0 when it did not keep it
 *
 * Tells whether a failed write to @path came from a full disk, a quota or a file-size
 * limit.  SQLite reports a short write as an I/O error and does not always keep the
 * errno, so the free space and the limits are looked at too.
 */
gboolean
_liaison_store_is_out_of_space (const char *path,
                                int         errsv)
{
  g_autofree char *dir = NULL;
  struct statvfs fs;
  struct rlimit limit;

  if (errsv == ENOSPC || errsv == EFBIG || errsv == EDQUOT)
    return TRUE;

  if (getrlimit (RLIMIT_FSIZE, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY)
    return TRUE;

  dir = g_path_get_dirname (path);
  return statvfs (dir, &fs) == 0 && (guint64) fs.f_bavail * fs.f_frsize < 4 * 1024 * 1024;
}

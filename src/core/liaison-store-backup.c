/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-backup"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "liaison-backup.h"
#include "liaison-error.h"
#include "liaison-store-private.h"

/*
 * Backups: consistent copies made with SQLite's online backup API, so a copy taken
 * while another program writes is still a whole database.  Automatic ones go to
 * `<folder of the database>/backups/<name>-YYYYMMDD-HHMMSS.db` before every import and
 * migration, and only the newest LiaisonStore:backups-to-keep of them are kept.  A
 * backup is written under a temporary name and renamed when complete, so a crash
 * never leaves half a backup that looks like a whole one.
 */

/* How long a backup waits for another program's write to finish. */
#define BUSY_WAIT_MSEC 5000

/* A temporary file of a backup this old was left by a crash. */
#define STALE_PARTIAL_SECONDS (10 * 60)

static gboolean
is_memory_path (const char *path)
{
  return path == NULL || *path == '\0' || g_str_equal (path, ":memory:") || g_str_has_prefix (path, "file:");
}

/* "liaison.db" → "liaison" */
char *
_liaison_backup_get_stem (const char *db_path)
{
  g_autofree char *base = g_path_get_basename (db_path);
  char *dot = strrchr (base, '.');

  if (dot != NULL && dot != base)
    *dot = '\0';
  return g_steal_pointer (&base);
}

/*
 * Parses "<stem>-YYYYMMDD-HHMMSS[-N].db" into a key that sorts oldest first;
 * NULL for any other name.
 */
static char *
get_sort_key (const char *name,
              const char *stem)
{
  gsize stem_len = strlen (stem);
  const char *p;
  guint64 counter = 0;

  if (!g_str_has_prefix (name, stem) || name[stem_len] != '-' || !g_str_has_suffix (name, ".db"))
    return NULL;

  p = name + stem_len + 1;
  for (guint i = 0; i < 15; i++)
    if (i == 8 ? p[i] != '-' : !g_ascii_isdigit (p[i]))
      return NULL;

  if (p[15] == '-')
    {
      char *end = NULL;

      counter = g_ascii_strtoull (p + 16, &end, 10);
      if (end == p + 16 || !g_str_equal (end, ".db"))
        return NULL;
    }
  else if (!g_str_equal (p + 15, ".db"))
    return NULL;

  return g_strdup_printf ("%.15s-%010" G_GUINT64_FORMAT, p, counter);
}

typedef struct {
  char *key;
  char *path;
} Entry;

static void
entry_clear (gpointer data)
{
  Entry *entry = data;

  g_free (entry->key);
  g_free (entry->path);
}

static int
compare_entries_newest_first (gconstpointer a,
                              gconstpointer b)
{
  return -strcmp (((const Entry *) a)->key, ((const Entry *) b)->key);
}

int
_liaison_backup_run (sqlite3 *dest,
                     sqlite3 *src)
{
  sqlite3_backup *backup = sqlite3_backup_init (dest, "main", src, "main");
  guint waited = 0;
  int rc;
  int finish_rc;

  if (backup == NULL)
    return sqlite3_extended_errcode (dest);

  do
    {
      rc = sqlite3_backup_step (backup, -1);
      if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED)
        {
          if (waited >= BUSY_WAIT_MSEC)
            break;
          g_usleep (20 * 1000);
          waited += 20;
        }
    }
  while (rc == SQLITE_OK || (rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED);

  finish_rc = sqlite3_backup_finish (backup);
  if (rc == SQLITE_DONE)
    return finish_rc;
  return rc;
}

static void
set_backup_error (GError     **error,
                  int          rc,
                  int          errsv,
                  const char  *db_path,
                  const char  *dest_path,
                  const char  *detail)
{
  if ((rc & 0xff) == SQLITE_FULL || errsv == ENOSPC || errsv == EFBIG || errsv == EDQUOT)
    g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_NO_SPACE,
                 _("Could not back up “%s” to “%s”: the disk is full. Free some space and try again; the database itself was not changed."),
                 db_path, dest_path);
  else if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED)
    g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_BUSY,
                 _("Could not back up “%s”: another program kept it busy. Try again in a moment."),
                 db_path);
  else if ((rc & 0xff) == SQLITE_CORRUPT || (rc & 0xff) == SQLITE_NOTADB)
    g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_NOT_A_DATABASE,
                 _("Could not back up “%s”: the database is damaged (%s). Restore an earlier backup."),
                 db_path, detail);
  else if ((rc & 0xff) == SQLITE_CANTOPEN || (rc & 0xff) == SQLITE_READONLY || (rc & 0xff) == SQLITE_PERM)
    g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_READ_ONLY,
                 _("Could not write the backup “%s” (%s). Check that its folder exists and that you may write to it."),
                 dest_path, detail);
  else
    g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_FAILED,
                 _("Could not back up “%s” to “%s”: %s. The database itself was not changed."),
                 db_path, dest_path, detail);
}

gboolean
_liaison_backup_same_file (const char *a,
                           const char *b)
{
  g_autofree char *ca = g_canonicalize_filename (a, NULL);
  g_autofree char *cb = g_canonicalize_filename (b, NULL);
  GStatBuf sa, sb;

  if (g_str_equal (ca, cb))
    return TRUE;
  return g_stat (a, &sa) == 0 && g_stat (b, &sb) == 0 && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

/**
 * liaison_store_get_backup_dir:
 *
 * Returns: (transfer full): the folder of automatic backups, `backups` beside the
 *   database
 */
char *
liaison_store_get_backup_dir (LiaisonStore *self)
{
  g_autofree char *dir = NULL;

  g_return_val_if_fail (LIAISON_IS_STORE (self), NULL);

  dir = g_path_get_dirname (liaison_store_get_path (self));
  return g_build_filename (dir, "backups", NULL);
}

/* Copies @src (the database at @db_path) into the new file @dest_path, under a
 * temporary name renamed when complete. */
gboolean
_liaison_backup_write_copy (sqlite3     *src,
                            const char  *db_path,
                            const char  *dest_path,
                            GError     **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *partial = NULL;
  sqlite3 *dest = NULL;
  int rc;
  int errsv = 0;

  dir = g_path_get_dirname (dest_path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      errsv = errno;
      g_set_error (error, LIAISON_ERROR, errsv == ENOSPC ? LIAISON_ERROR_NO_SPACE : LIAISON_ERROR_READ_ONLY,
                   _("Could not create the folder “%s” for the backup: %s. Check that you may write there."),
                   dir, g_strerror (errsv));
      return FALSE;
    }

  base = g_path_get_basename (dest_path);
  partial = g_strdup_printf ("%s%c.%s.%08x.partial", dir, G_DIR_SEPARATOR, base, g_random_int ());

  rc = sqlite3_open_v2 (partial, &dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_extended_result_codes (dest, TRUE);
      rc = _liaison_backup_run (dest, src);
    }
  /* One file that can be copied or mailed on its own: no write-ahead log beside it. */
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (dest, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      g_autofree char *detail = g_strdup (dest ? sqlite3_errmsg (dest) : sqlite3_errstr (rc));

      errsv = dest ? sqlite3_system_errno (dest) : 0;
      sqlite3_close (dest);
      g_unlink (partial);
      set_backup_error (error, rc, errsv, db_path, dest_path, detail);
      return FALSE;
    }

  rc = sqlite3_close (dest);
  if (rc != SQLITE_OK)
    {
      g_unlink (partial);
      set_backup_error (error, rc, 0, db_path, dest_path, sqlite3_errstr (rc));
      return FALSE;
    }

  if (g_rename (partial, dest_path) != 0)
    {
      errsv = errno;
      g_unlink (partial);
      set_backup_error (error, SQLITE_IOERR, errsv, db_path, dest_path, g_strerror (errsv));
      return FALSE;
    }

  return TRUE;
}

/**
 * liaison_store_backup:
 * @dest_path: the new file; it must not exist yet
 *
 * Copies the database, as it is committed, into @dest_path: one self-contained
 * SQLite file that liaison_store_open() and liaison_store_restore() accept.
 */
gboolean
liaison_store_backup (LiaisonStore  *self,
                      const char    *dest_path,
                      GError       **error)
{
  const char *db_path;

  g_return_val_if_fail (LIAISON_IS_STORE (self), FALSE);
  g_return_val_if_fail (dest_path != NULL, FALSE);

  db_path = liaison_store_get_path (self);

  if (g_file_test (dest_path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_DUPLICATE,
                   _liaison_backup_same_file (dest_path, db_path)
                     ? _("Could not back up “%s” onto itself. Choose another file for the backup.")
                     : _("Could not back up to “%s”: the file already exists. Choose another name, or delete it first."),
                   dest_path);
      return FALSE;
    }

  if (!_liaison_backup_write_copy (_liaison_store_get_db (self), db_path, dest_path, error))
    return FALSE;

  g_debug ("Backed up %s to %s", db_path, dest_path);
  return TRUE;
}

static GArray *
list_entries_for_path (const char *db_path)
{
  g_autofree char *db_dir = g_path_get_dirname (db_path);
  g_autofree char *dir_path = g_build_filename (db_dir, "backups", NULL);
  g_autofree char *stem = _liaison_backup_get_stem (db_path);
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  GArray *entries = g_array_new (FALSE, FALSE, sizeof (Entry));
  const char *name;

  g_array_set_clear_func (entries, entry_clear);

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      Entry entry;

      entry.key = get_sort_key (name, stem);
      if (entry.key == NULL)
        continue;
      entry.path = g_build_filename (dir_path, name, NULL);
      g_array_append_val (entries, entry);
    }

  g_array_sort (entries, compare_entries_newest_first);
  return entries;
}

static GArray *
list_entries (LiaisonStore *self)
{
  return list_entries_for_path (liaison_store_get_path (self));
}

static GPtrArray *
steal_paths (GArray *entries)
{
  GPtrArray *paths = g_ptr_array_new_full (entries->len, g_free);

  for (guint i = 0; i < entries->len; i++)
    g_ptr_array_add (paths, g_steal_pointer (&g_array_index (entries, Entry, i).path));
  return paths;
}

/**
 * liaison_backup_list_for_path:
 * @db_path: a database file, which need not open (a damaged one)
 *
 * Returns: (transfer full) (element-type filename): the automatic backups of the
 *   database at @db_path, newest first
 */
GPtrArray *
liaison_backup_list_for_path (const char *db_path)
{
  g_autoptr(GArray) entries = NULL;

  g_return_val_if_fail (db_path != NULL, NULL);

  entries = list_entries_for_path (db_path);
  return steal_paths (entries);
}

/**
 * liaison_store_list_backups:
 *
 * Returns: (transfer full) (element-type filename): the automatic backups of this
 *   database, newest first
 */
GPtrArray *
liaison_store_list_backups (LiaisonStore  *self,
                            GError       **error)
{
  g_autoptr(GArray) entries = NULL;

  g_return_val_if_fail (LIAISON_IS_STORE (self), NULL);

  entries = list_entries (self);
  return steal_paths (entries);
}

void
_liaison_backup_prune (LiaisonStore *self,
                       guint         keep)
{
  g_autofree char *dir_path = liaison_store_get_backup_dir (self);
  g_autoptr(GArray) entries = list_entries (self);
  g_autoptr(GDir) dir = NULL;
  const char *name;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  for (guint i = keep; i < entries->len; i++)
    {
      const char *path = g_array_index (entries, Entry, i).path;

      if (g_unlink (path) != 0)
        g_warning ("Could not remove the old backup %s: %s", path, g_strerror (errno));
    }

  /* Temporary files of backups that a crash interrupted. */
  dir = g_dir_open (dir_path, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      GStatBuf st;

      if (name[0] != '.' || !g_str_has_suffix (name, ".partial"))
        continue;
      path = g_build_filename (dir_path, name, NULL);
      if (g_stat (path, &st) == 0 && now - st.st_mtime > STALE_PARTIAL_SECONDS)
        g_unlink (path);
    }
}

/* The next name in the folder: a later second, or the same one with a higher number. */
static char *
make_backup_path (LiaisonStore *self)
{
  g_autofree char *dir = liaison_store_get_backup_dir (self);
  g_autofree char *stem = _liaison_backup_get_stem (liaison_store_get_path (self));
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autoptr(GArray) entries = list_entries (self);
  g_autofree char *name = NULL;
  guint64 last = 0;

  for (guint i = 0; i < entries->len; i++)
    {
      const char *key = g_array_index (entries, Entry, i).key;

      if (strncmp (key, stamp, 15) == 0)
        last = MAX (last, MAX (g_ascii_strtoull (key + 16, NULL, 10), 1));
    }

  name = last == 0 ? g_strdup_printf ("%s-%s.db", stem, stamp)
                   : g_strdup_printf ("%s-%s-%" G_GUINT64_FORMAT ".db", stem, stamp, last + 1);
  return g_build_filename (dir, name, NULL);
}

gboolean
_liaison_backup_auto (LiaisonStore  *self,
                      gboolean       always,
                      gboolean       prune_now,
                      char         **backup_path,
                      GError       **error)
{
  guint keep = liaison_store_get_backups_to_keep (self);
  g_autofree char *path = NULL;

  /* Nothing will change a read-only database; its write will say so. */
  if (is_memory_path (liaison_store_get_path (self)) || liaison_store_get_read_only (self) ||
      (!always && keep == 0))
    return TRUE;

  /* Inside a transaction (the seed of a new database) there is nothing to lose yet. */
  if (!sqlite3_get_autocommit (_liaison_store_get_db (self)))
    return TRUE;

  path = make_backup_path (self);
  if (!liaison_store_backup (self, path, error))
    return FALSE;

  if (prune_now)
    _liaison_backup_prune (self, MAX (keep, 1));

  if (backup_path != NULL)
    *backup_path = g_steal_pointer (&path);
  return TRUE;
}

/**
 * _liaison_store_backup_auto:
 * @always: back up even when backups-to-keep is 0 (before a migration)
 * @backup_path: (out) (optional): the new backup, if one was made
 *
 * Makes an automatic backup and removes the oldest beyond backups-to-keep.
 */
gboolean
_liaison_store_backup_auto (LiaisonStore  *self,
                            gboolean       always,
                            char         **backup_path,
                            GError       **error)
{
  return _liaison_backup_auto (self, always, TRUE, backup_path, error);
}

/**
 * liaison_store_backup_now:
 *
 * Makes a backup in the folder of automatic backups, whatever backups-to-keep says,
 * and removes the oldest beyond it (one is always kept).
 *
 * Returns: (transfer full): the path of the backup, or %NULL with @error set
 */
char *
liaison_store_backup_now (LiaisonStore  *self,
                          GError       **error)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (LIAISON_IS_STORE (self), NULL);

  if (is_memory_path (liaison_store_get_path (self)))
    {
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_FAILED,
                   _("This database lives in memory only; back it up with an explicit file name."));
      return NULL;
    }
  if (!_liaison_backup_auto (self, TRUE, TRUE, &path, error))
    return NULL;
  return g_steal_pointer (&path);
}

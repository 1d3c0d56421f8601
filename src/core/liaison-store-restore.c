/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-backup"

#include "config.h"

#include <inttypes.h>

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "liaison-backup.h"
#include "liaison-error.h"
#include "liaison-store-private.h"

/*
 * Restoring: checking that a file is a whole Liaison database this version can read,
 * putting a backup's content in place of the database's (after backing up what is
 * there), and putting a backup in place of a database that does not open, with the
 * damaged file moved aside unchanged.
 */

/**
 * liaison_backup_validate:
 *
 * Checks that @path is a whole Liaison database this version can read, without
 * changing it.
 */
gboolean
liaison_backup_validate (const char  *path,
                         GError     **error)
{
  gboolean read_only = TRUE;
  gboolean immutable = FALSE;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 app_id = 0;
  gint64 version = 0;
  guint latest = _liaison_store_get_latest_version ();
  gboolean ok = FALSE;
  int rc;

  g_return_val_if_fail (path != NULL, FALSE);

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_NOT_FOUND,
                   _("There is no backup file “%s”. Choose another file."), path);
      return FALSE;
    }

  if (!_liaison_store_check_file (path, &read_only, &immutable, error))
    return FALSE;

  if (immutable)
    {
      g_autofree char *uri = _liaison_store_get_immutable_uri (path);
      rc = sqlite3_open_v2 (uri, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);
    }
  else
    rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL);

  if (rc != SQLITE_OK ||
      !_liaison_store_read_int (db, "PRAGMA application_id", &app_id) ||
      !_liaison_store_read_int (db, "PRAGMA user_version", &version))
    {
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_NOT_A_DATABASE,
                   _("“%s” cannot be read as a Liaison database (%s). Choose another backup."),
                   path, db ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
      goto out;
    }

  if (app_id != LIAISON_APPLICATION_ID || version < 1)
    {
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_NOT_A_DATABASE,
                   _("“%s” is not a Liaison database, so it cannot be restored. Choose another backup."),
                   path);
      goto out;
    }

  if (version > latest)
    {
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_NEWER_SCHEMA,
                   _("“%s” was made by a newer version of Liaison (database version %" PRId64 ", this version reads up to %u). Update Liaison to restore it."),
                   path, version, latest);
      goto out;
    }

  rc = sqlite3_prepare_v2 (db, "PRAGMA quick_check (1)", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW || g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") != 0)
    {
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_NOT_A_DATABASE,
                   _("The backup “%s” is damaged (%s). Choose another backup."),
                   path, rc == SQLITE_ROW ? (const char *) sqlite3_column_text (stmt, 0) : sqlite3_errmsg (db));
      goto out;
    }

  ok = TRUE;

out:
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return ok;
}

/**
 * liaison_store_restore:
 * @backup_path: a backup, made by liaison_store_backup() or any copy of a Liaison
 *   database
 * @safety_backup: (out) (optional): where the database as it was before is kept
 *
 * Replaces the whole content of the database with @backup_path, after checking that
 * it is a whole Liaison database and after backing up the current content.  Other
 * programs with the database open see the restored content.
 */
gboolean
liaison_store_restore (LiaisonStore  *self,
                       const char    *backup_path,
                       char         **safety_backup,
                       GError       **error)
{
  const char *db_path;
  g_autofree char *safety = NULL;
  sqlite3 *src = NULL;
  int rc;

  g_return_val_if_fail (LIAISON_IS_STORE (self), FALSE);
  g_return_val_if_fail (backup_path != NULL, FALSE);

  db_path = liaison_store_get_path (self);

  if (liaison_store_get_read_only (self))
    {
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_READ_ONLY,
                   _("The database “%s” is open read-only, so no backup can be restored into it. Check that you may write to it and to its folder."),
                   db_path);
      return FALSE;
    }

  if (!sqlite3_get_autocommit (_liaison_store_get_db (self)))
    {
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_BUSY,
                   _("Could not restore a backup into “%s” while a change is being saved. Try again when it is done."),
                   db_path);
      return FALSE;
    }

  if (_liaison_backup_same_file (backup_path, db_path))
    {
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_DUPLICATE,
                   _("“%s” is the open database itself, not a backup of it. Choose a backup file."),
                   backup_path);
      return FALSE;
    }

  if (!liaison_backup_validate (backup_path, error))
    return FALSE;

  /* What is there now is kept too: a restore can be undone by restoring that. */
  if (!_liaison_backup_auto (self, TRUE, FALSE, &safety, error))
    {
      g_prefix_error (error, _("Nothing was restored. "));
      return FALSE;
    }

  rc = sqlite3_open_v2 (backup_path, &src, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc == SQLITE_OK)
    rc = _liaison_backup_run (_liaison_store_get_db (self), src);
  sqlite3_close (src);
  if (rc != SQLITE_OK)
    {
      _liaison_store_set_error (self, error, rc, _("restore the backup"));
      return FALSE;
    }

  /* A backup from before a migration is brought up to date like any old database. */
  if (!_liaison_store_upgrade (self, error))
    return FALSE;

  _liaison_backup_prune (self, MAX (liaison_store_get_backups_to_keep (self), 1));
  _liaison_store_undo_reset (self);
  _liaison_store_emit_changed (self);

  g_debug ("Restored %s from %s; the previous content is in %s", db_path, backup_path, safety);
  if (safety_backup != NULL)
    *safety_backup = g_steal_pointer (&safety);
  return TRUE;
}

/* The files SQLite keeps beside a database. */
static const char * const companion_suffixes[] = { "", "-wal", "-shm", "-journal" };

static void
move_back (const char *kept,
           const char *db_path,
           guint       n_moved)
{
  for (guint i = 0; i < n_moved; i++)
    {
      g_autofree char *from = g_strconcat (kept, companion_suffixes[i], NULL);
      g_autofree char *to = g_strconcat (db_path, companion_suffixes[i], NULL);

      if (g_file_test (from, G_FILE_TEST_EXISTS) && g_rename (from, to) != 0)
        g_warning ("Could not move “%s” back to “%s”: %s", from, to, g_strerror (errno));
    }
}

/**
 * liaison_backup_replace_damaged:
 * @db_path: a database that cannot be opened (damaged, foreign, empty)
 * @backup_path: a backup of it
 * @kept_path: (out) (optional): where the damaged file now is
 *
 * Puts a copy of @backup_path where @db_path was, for a database that cannot be opened
 * and so cannot be restored into.  The damaged file is not changed: it is renamed,
 * with its write-ahead log, to `<name>-damaged-YYYYMMDD-HHMMSS.db` beside it, so
 * nothing of it is lost.
 */
gboolean
liaison_backup_replace_damaged (const char  *db_path,
                                const char  *backup_path,
                                char       **kept_path,
                                GError     **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *dir = NULL;
  g_autofree char *stem = NULL;
  g_autofree char *stamp = NULL;
  g_autofree char *kept = NULL;
  sqlite3 *src = NULL;
  guint n_moved = 0;
  gboolean ok;
  int rc;

  g_return_val_if_fail (db_path != NULL, FALSE);
  g_return_val_if_fail (backup_path != NULL, FALSE);

  if (_liaison_backup_same_file (backup_path, db_path))
    {
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_DUPLICATE,
                   _("“%s” is the damaged database itself, not a backup of it. Choose a backup file."),
                   backup_path);
      return FALSE;
    }
  if (!liaison_backup_validate (backup_path, error))
    return FALSE;

  dir = g_path_get_dirname (db_path);
  stem = _liaison_backup_get_stem (db_path);
  stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  for (guint n = 0; kept == NULL || g_file_test (kept, G_FILE_TEST_EXISTS); n++)
    {
      g_free (kept);
      kept = n == 0 ? g_strdup_printf ("%s%c%s-damaged-%s.db", dir, G_DIR_SEPARATOR, stem, stamp)
                    : g_strdup_printf ("%s%c%s-damaged-%s-%u.db", dir, G_DIR_SEPARATOR, stem, stamp, n);
    }

  for (; n_moved < G_N_ELEMENTS (companion_suffixes); n_moved++)
    {
      g_autofree char *from = g_strconcat (db_path, companion_suffixes[n_moved], NULL);
      g_autofree char *to = g_strconcat (kept, companion_suffixes[n_moved], NULL);

      if (n_moved > 0 && !g_file_test (from, G_FILE_TEST_EXISTS))
        continue;
      if (g_rename (from, to) != 0)
        {
          int errsv = errno;

          move_back (kept, db_path, n_moved);
          g_set_error (error, LIAISON_ERROR, errsv == EACCES || errsv == EROFS || errsv == EPERM
                                               ? LIAISON_ERROR_READ_ONLY : LIAISON_ERROR_FAILED,
                       _("Could not move the damaged “%s” aside to put the backup in its place: %s. Nothing was changed. Open the backup instead, or check that you may write to the folder."),
                       db_path, g_strerror (errsv));
          return FALSE;
        }
    }

  rc = sqlite3_open_v2 (backup_path, &src, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_NOT_A_DATABASE,
                   _("Could not read the backup “%s”: %s. Nothing was changed."),
                   backup_path, sqlite3_errstr (rc));
      sqlite3_close (src);
      move_back (kept, db_path, n_moved);
      return FALSE;
    }
  ok = _liaison_backup_write_copy (src, backup_path, db_path, error);
  sqlite3_close (src);
  if (!ok)
    {
      move_back (kept, db_path, n_moved);
      return FALSE;
    }

  g_debug ("Replaced the damaged %s (kept as %s) with %s", db_path, kept, backup_path);
  if (kept_path != NULL)
    *kept_path = g_steal_pointer (&kept);
  return TRUE;
}

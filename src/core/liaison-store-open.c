/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-store"

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <errno.h>

#include "liaison-error.h"
#include "liaison-record-private.h"
#include "liaison-stats.h"
#include "liaison-store-private.h"

/* Opening a database: checks before SQLite sees the file, pragmas, migrating the
 * schema and the SQL each record kind is read and written with. */

static void
build_record_sql (LiaisonStore      *self,
                  LiaisonRecordKind  kind)
{
  guint n_fields;
  const LiaisonField *fields = liaison_record_kind_get_fields (kind, &n_fields);
  g_autoptr(GString) insert = g_string_new (NULL);
  g_autoptr(GString) values = g_string_new (NULL);
  g_autoptr(GString) update = g_string_new (NULL);
  g_autoptr(GString) select = g_string_new ("SELECT t.id, t.uuid, t.revision, t.created, t.modified");

  /* Parameters: ?1 uuid, ?2 created, ?3 modified, ?4 id, then ?5… the fields. */
  g_string_printf (insert, "INSERT INTO %s (uuid, created, modified", _liaison_store_table_of (kind));
  g_string_assign (values, "VALUES (?1, ?2, ?3");
  g_string_printf (update, "UPDATE %s SET revision = revision + 1, created = ?2, modified = ?3", _liaison_store_table_of (kind));

  for (guint i = 0; i < n_fields; i++)
    {
      g_string_append_printf (insert, ", %s", fields[i].column);
      g_string_append_printf (values, ", ?%u", i + 5);
      g_string_append_printf (update, ", %s = ?%u", fields[i].column, i + 5);
      if (fields[i].type == LIAISON_FIELD_REFERENCE)
        g_string_append_printf (select, ", (SELECT uuid FROM %s WHERE id = t.%s)",
                                _liaison_store_table_of (fields[i].target), fields[i].column);
      else if (fields[i].type == LIAISON_FIELD_BOOLEAN)
        g_string_append_printf (select, ", CASE WHEN t.%s THEN 'true' END", fields[i].column);
      else
        g_string_append_printf (select, ", t.%s", fields[i].column);
    }

  g_string_append (update, " WHERE id = ?4");
  g_string_append_printf (select, " FROM %s t WHERE t.id = ?1", _liaison_store_table_of (kind));
  g_string_append_printf (insert, ") %s)", values->str);

  self->insert_sql[kind] = g_strdup (insert->str);
  self->update_sql[kind] = g_strdup (update->str);
  self->select_sql[kind] = g_strdup (select->str);
}

/* Opening and migrating */

static gboolean
read_pragma_int (LiaisonStore  *self,
                 const char    *sql,
                 gint64        *value,
                 GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      _liaison_store_set_error (self, error, rc, _("open the database"));
      return FALSE;
    }

  *value = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

/* Runs inside the caller's transaction. */
static gboolean
migrate (LiaisonStore  *self,
         gint64         from,
         GError       **error)
{
  g_autofree char *set_version = NULL;
  g_autofree char *set_app_id = NULL;
  guint latest = _liaison_store_get_latest_version ();

  for (guint version = (guint) from + 1; version <= latest; version++)
    {
      g_debug ("Migrating %s to schema version %u", self->path, version);
      if (!_liaison_store_exec (self, _liaison_store_get_migration (version), _("upgrade the database"), error))
        return FALSE;
    }

  set_version = g_strdup_printf ("PRAGMA user_version = %u", latest);
  set_app_id = g_strdup_printf ("PRAGMA application_id = %d", LIAISON_APPLICATION_ID);
  return _liaison_store_exec (self, set_version, _("upgrade the database"), error) &&
         _liaison_store_exec (self, set_app_id, _("upgrade the database"), error);
}

/**
 * _liaison_store_upgrade:
 *
 * Brings the schema of the open database up to date in one transaction, e.g. after
 * a backup from an older version was restored into it.
 */
gboolean
_liaison_store_upgrade (LiaisonStore  *self,
                        GError       **error)
{
  gint64 version = 0;

  if (!read_pragma_int (self, "PRAGMA user_version", &version, error))
    return FALSE;
  if (version >= _liaison_store_get_latest_version ())
    return TRUE;

  if (!_liaison_store_begin (self, error))
    return FALSE;
  if (!migrate (self, version, error))
    {
      _liaison_store_rollback (self);
      return FALSE;
    }
  return _liaison_store_commit (self, NULL, NULL, error);
}

static void
remove_database_files (const char *path)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      g_unlink (file);
    }
}

/**
 * liaison_store_get_default_path:
 *
 * Returns: (transfer full): `$XDG_DATA_HOME/liaison/liaison.db`, which inside the
 *   Flatpak sandbox is the app's own data folder
 */
char *
liaison_store_get_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "liaison", "liaison.db", NULL);
}

/**
 * liaison_store_open:
 * @path: the database file; created when missing unless read-only
 * @flags: how to open it
 *
 * Opens a Liaison database and brings its schema up to date.  A file that is not a
 * Liaison database, or one written by a newer Liaison, is refused and left untouched.
 * Unless @flags has %LIAISON_STORE_OPEN_NO_STATUSES, the agreements' statuses are
 * brought up to today (liaison_store_refresh_statuses()); the window does that in a
 * thread instead, once it shows.
 *
 * Returns: (transfer full): the store, or %NULL with @error set
 */
LiaisonStore *
liaison_store_open (const char             *path,
                    LiaisonStoreOpenFlags   flags,
                    GError                **error)
{
  g_autoptr(LiaisonStore) self = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *backup_path = NULL;
  gint64 version = 0;
  gint64 app_id = 0;
  gint64 n_tables = 0;
  gboolean existed;
  gboolean immutable = FALSE;
  gboolean read_only;
  guint latest = _liaison_store_get_latest_version ();
  int open_flags;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (LIAISON_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  self->read_only = (flags & LIAISON_STORE_OPEN_READ_ONLY) != 0;

  existed = g_file_test (path, G_FILE_TEST_EXISTS);
  if (!existed && self->read_only)
    {
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_NOT_FOUND,
                   _("The database “%s” does not exist."), path);
      return NULL;
    }

  if (existed && g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_NOT_A_DATABASE,
                   _("“%s” is a folder, not a Liaison database. Choose a database file."), path);
      return NULL;
    }

  /* An empty, foreign or write-protected file is recognised before SQLite sees it. */
  read_only = self->read_only;
  if (existed && !_liaison_store_check_file (path, &read_only, &immutable, error))
    return NULL;
  self->read_only = read_only;

  if (!existed)
    {
      dir = g_path_get_dirname (path);
      if (g_mkdir_with_parents (dir, 0700) != 0)
        {
          int errsv = errno;
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errsv),
                       _("Could not create the folder “%s” for the database: %s"),
                       dir, g_strerror (errsv));
          return NULL;
        }
    }

  open_flags = self->read_only ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  if (immutable)
    {
      /* A folder we may not write to cannot hold the WAL index: read the file as is. */
      g_autofree char *uri = _liaison_store_get_immutable_uri (path);
      rc = sqlite3_open_v2 (uri, &self->db, open_flags | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, NULL);
    }
  else
    rc = sqlite3_open_v2 (path, &self->db, open_flags | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      _liaison_store_set_error (self, error, rc, _("open the database"));
      return NULL;
    }
  if (sqlite3_db_readonly (self->db, "main") == 1)
    self->read_only = TRUE;

  sqlite3_extended_result_codes (self->db, TRUE);
  sqlite3_busy_timeout (self->db, 5000);

  /* Look before touching anything: a foreign or newer file must stay as it is. */
  if (!read_pragma_int (self, "PRAGMA user_version", &version, error) ||
      !read_pragma_int (self, "PRAGMA application_id", &app_id, error) ||
      !read_pragma_int (self, "SELECT count(*) FROM sqlite_schema", &n_tables, error))
    return NULL;

  if (n_tables > 0 && app_id != LIAISON_APPLICATION_ID)
    {
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_NOT_A_DATABASE,
                   _("“%s” is not a Liaison database: it is an SQLite database of another program. Choose another file or restore a backup; the file was left as it is."),
                   path);
      return NULL;
    }

  if (version > latest)
    {
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_NEWER_SCHEMA,
                   _("“%s” was written by a newer version of Liaison (database version %" PRId64 ", this version reads up to %u). Update Liaison to open it, or choose another file; the file was left as it is."),
                   path, version, latest);
      return NULL;
    }


  if (!self->read_only)
    {
      if (!_liaison_store_exec (self, "PRAGMA journal_mode = WAL", _("open the database"), error) ||
          !_liaison_store_exec (self, "PRAGMA synchronous = NORMAL", _("open the database"), error))
        return NULL;
    }
  if (!_liaison_store_exec (self, "PRAGMA foreign_keys = ON", _("open the database"), error))
    return NULL;
  if (self->read_only)
    {
      /* Readers (the window's lists, their threads) page through large tables: keep
       * more of them than the default 2 MB.  (Not mmap: mapped pages count as the
       * window's memory, hundreds of MB after one walk through an index.) */
      _liaison_store_exec (self, "PRAGMA cache_size = -8192", _("open the database"), NULL);
    }

  if (version < latest)
    {
      if (self->read_only)
        {
          g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_READ_ONLY,
                       _("“%s” needs an upgrade to this version of Liaison, but it is read-only. Open a copy you may write to."),
                       path);
          return NULL;
        }
      self->was_created = (version == 0);
    }

  for (guint kind = 0; kind < LIAISON_N_RECORD_KINDS; kind++)
    build_record_sql (self, kind);

  /* An existing database is backed up before its schema changes. */
  if (existed && version > 0 && version < latest &&
      !_liaison_store_backup_auto (self, TRUE, &backup_path, error))
    return NULL;

  /* The schema and the seed of a new database land together, or not at all. */
  if (version < latest)
    {
      if (!_liaison_store_begin (self, error))
        return NULL;
      if (!migrate (self, version, error) ||
          (self->was_created && (flags & LIAISON_STORE_OPEN_SEED) != 0 && !_liaison_seed_import (self, error)) ||
          !_liaison_store_commit (self, NULL, NULL, error))
        {
          if (self->depth > 0)
            _liaison_store_rollback (self);
          if (backup_path != NULL && error != NULL && *error != NULL)
            {
              g_autofree char *message = (*error)->message;

              (*error)->message = g_strdup_printf (_("%s The database was left as it was; a copy made before the upgrade is in “%s”."),
                                                   message, backup_path);
            }
          if (!existed)
            {
              g_clear_pointer (&self->statements, g_hash_table_unref);
              sqlite3_close_v2 (self->db);
              self->db = NULL;
              remove_database_files (path);
            }
          return NULL;
        }
    }

  _liaison_store_undo_init (self);

  /* Statuses follow the dates: bring them up to today.  A busy database is no reason
   * not to open it; the overview tries again later. */
  if (!self->read_only && (flags & LIAISON_STORE_OPEN_NO_STATUSES) == 0)
    {
      g_autoptr(GError) local_error = NULL;

      if (!liaison_store_refresh_statuses (self, NULL, &local_error))
        g_message ("Could not update agreement statuses in %s: %s", path, local_error->message);
    }

  return g_steal_pointer (&self);
}

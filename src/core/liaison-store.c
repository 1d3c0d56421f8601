/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "liaison-error.h"
#include "liaison-record-private.h"
#include "liaison-store-private.h"

/*
 * The store's GObject type, its errors, statements, transactions and change log.  The
 * struct is in liaison-store-private.h; opening, records, links and queries have files
 * of their own.
 */

G_DEFINE_FINAL_TYPE (LiaisonStore, liaison_store, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_BACKUPS_TO_KEEP,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static LiaisonChange *
liaison_change_copy (const LiaisonChange *change)
{
  LiaisonChange *copy = g_new0 (LiaisonChange, 1);

  copy->id = change->id;
  copy->time = g_strdup (change->time);
  copy->action = g_strdup (change->action);
  copy->kind = g_strdup (change->kind);
  copy->record_uuid = g_strdup (change->record_uuid);
  copy->summary = g_strdup (change->summary);
  copy->before = g_strdup (change->before);
  copy->after = g_strdup (change->after);
  return copy;
}

G_DEFINE_BOXED_TYPE (LiaisonChange, liaison_change, liaison_change_copy, liaison_change_free)

void
liaison_change_free (LiaisonChange *change)
{
  if (change == NULL)
    return;
  g_free (change->time);
  g_free (change->action);
  g_free (change->kind);
  g_free (change->record_uuid);
  g_free (change->summary);
  g_free (change->before);
  g_free (change->after);
  g_free (change);
}

/* Helpers */

char *
_liaison_timestamp_now (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

const char *
_liaison_store_table_of (LiaisonRecordKind kind)
{
  return liaison_record_kind_to_string (kind);
}

/**
 * _liaison_store_set_error:
 * @rc: an SQLite result code
 * @doing: what was being done, for the message ("save the institution")
 *
 * Wraps an SQLite failure into a #GError a user can act on.
 */
void
_liaison_store_set_error (LiaisonStore  *self,
                          GError       **error,
                          int            rc,
                          const char    *doing)
{
  const char *detail = self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc);
  int errsv = self->db ? sqlite3_system_errno (self->db) : 0;

  /* A write cut short by a full disk, a quota or a file-size limit. */
  if ((rc & 0xff) == SQLITE_IOERR && rc != SQLITE_IOERR_READ && rc != SQLITE_IOERR_SHORT_READ &&
      _liaison_store_is_out_of_space (self->path, errsv))
    rc = SQLITE_FULL;

  switch (rc & 0xff)
    {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_BUSY,
                   _("Could not %s: the database “%s” is busy because another program is writing to it. Try again in a moment."),
                   doing, self->path);
      break;
    case SQLITE_FULL:
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_NO_SPACE,
                   _("Could not %s: the disk holding “%s” is full (or you reached your space limit). Nothing was changed and what was saved before is safe; free some space and try again."),
                   doing, self->path);
      break;
    case SQLITE_READONLY:
    case SQLITE_PERM:
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_READ_ONLY,
                   _("Could not %s: the database “%s” is read-only. Nothing was changed; to edit, copy it to a folder you may write to and open the copy."),
                   doing, self->path);
      break;
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_NOT_A_DATABASE,
                   _("Could not %s: “%s” is damaged or is not a Liaison database (%s). Restore a backup or open another database; the file was left as it is."),
                   doing, self->path, detail);
      break;
    case SQLITE_CANTOPEN:
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_FAILED,
                   _("Could not %s: “%s” cannot be opened (%s). Check that its folder exists and that you may write to it."),
                   doing, self->path, detail);
      break;
    case SQLITE_IOERR:
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_FAILED,
                   _("Could not %s: reading or writing “%s” failed (%s). Nothing was changed; check the disk and try again."),
                   doing, self->path, detail);
      break;
    default:
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_FAILED,
                   _("Could not %s in “%s”: %s"), doing, self->path, detail);
    }
}

gboolean
_liaison_store_exec (LiaisonStore  *self,
                     const char    *sql,
                     const char    *doing,
                     GError       **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      _liaison_store_set_error (self, error, rc, doing);
      return FALSE;
    }
  return TRUE;
}

/**
 * _liaison_store_prepare:
 *
 * Returns: (transfer none): a statement prepared once per store, reset and cleared,
 *   ready to bind.  Do not nest two uses of the same SQL.
 */
sqlite3_stmt *
_liaison_store_prepare (LiaisonStore  *self,
                        const char    *sql,
                        GError       **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);
  int rc;

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      _liaison_store_set_error (self, error, rc, _("read the database"));
      return NULL;
    }

  g_hash_table_insert (self->statements, g_strdup (sql), stmt);
  return stmt;
}

sqlite3 *
_liaison_store_get_db (LiaisonStore *self)
{
  return self->db;
}

void
_liaison_store_bind_text (sqlite3_stmt *stmt,
                          int           index,
                          const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

char *
_liaison_store_column_text (sqlite3_stmt *stmt,
                            int           index)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, index));
}

gint64
_liaison_store_lookup_id (LiaisonStore      *self,
                          LiaisonRecordKind  kind,
                          const char        *uuid)
{
  static const char * const sql[LIAISON_N_RECORD_KINDS] = {
    "SELECT id FROM source WHERE uuid = ?1",
    "SELECT id FROM institution WHERE uuid = ?1",
    "SELECT id FROM person WHERE uuid = ?1",
    "SELECT id FROM agreement WHERE uuid = ?1",
    "SELECT id FROM event WHERE uuid = ?1",
  };
  sqlite3_stmt *stmt;
  gint64 id = 0;

  if (uuid == NULL || (stmt = _liaison_store_prepare (self, sql[kind], NULL)) == NULL)
    return 0;

  _liaison_store_bind_text (stmt, 1, uuid);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  return id;
}

gboolean
_liaison_store_find_uuid (LiaisonStore      *self,
                          const char        *uuid,
                          LiaisonRecordKind *kind,
                          gint64            *id)
{
  sqlite3_stmt *stmt;
  gboolean found = FALSE;

  stmt = _liaison_store_prepare (self,
                                 "SELECT 0, id FROM source WHERE uuid = ?1 UNION ALL "
                                 "SELECT 1, id FROM institution WHERE uuid = ?1 UNION ALL "
                                 "SELECT 2, id FROM person WHERE uuid = ?1 UNION ALL "
                                 "SELECT 3, id FROM agreement WHERE uuid = ?1 UNION ALL "
                                 "SELECT 4, id FROM event WHERE uuid = ?1", NULL);
  if (stmt == NULL || uuid == NULL)
    return FALSE;

  _liaison_store_bind_text (stmt, 1, uuid);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      if (kind)
        *kind = (LiaisonRecordKind) sqlite3_column_int (stmt, 0);
      if (id)
        *id = sqlite3_column_int64 (stmt, 1);
      found = TRUE;
    }
  sqlite3_reset (stmt);

  return found;
}

/* GObject */

static void
finalize_statement (gpointer data)
{
  sqlite3_finalize (data);
}

static void
liaison_store_finalize (GObject *object)
{
  LiaisonStore *self = (LiaisonStore *)object;

  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->db != NULL)
    {
      /* A clean close checkpoints the WAL back into the database file. */
      sqlite3_close_v2 (self->db);
      self->db = NULL;
    }
  for (guint i = 0; i < LIAISON_N_RECORD_KINDS; i++)
    {
      g_free (self->insert_sql[i]);
      g_free (self->update_sql[i]);
      g_free (self->select_sql[i]);
    }
  g_free (self->path);

  G_OBJECT_CLASS (liaison_store_parent_class)->finalize (object);
}

static void
liaison_store_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  LiaisonStore *self = LIAISON_STORE (object);

  switch (prop_id)
    {
    case PROP_BACKUPS_TO_KEEP:
      g_value_set_uint (value, self->backups_to_keep);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liaison_store_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  LiaisonStore *self = LIAISON_STORE (object);

  switch (prop_id)
    {
    case PROP_BACKUPS_TO_KEEP:
      liaison_store_set_backups_to_keep (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liaison_store_class_init (LiaisonStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = liaison_store_finalize;
  object_class->get_property = liaison_store_get_property;
  object_class->set_property = liaison_store_set_property;

  /**
   * LiaisonStore:backups-to-keep:
   *
   * How many automatic backups (before imports and migrations) to keep; 0 makes
   * none before imports.  The app binds it to the GSettings key of the same name.
   */
  properties[PROP_BACKUPS_TO_KEEP] =
    g_param_spec_uint ("backups-to-keep", NULL, NULL,
                       0, 100, LIAISON_BACKUPS_TO_KEEP_DEFAULT,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LiaisonStore::changed:
   * @kind: the kind of record that changed, or %LIAISON_N_RECORD_KINDS for any
   *
   * Emitted after a write is committed.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_UINT);
}

static void
liaison_store_init (LiaisonStore *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, finalize_statement);
  self->backups_to_keep = LIAISON_BACKUPS_TO_KEEP_DEFAULT;
}

/**
 * liaison_store_interrupt:
 *
 * Makes the statements running on @self stop early and fail, from any thread: a query
 * nobody waits for any more.  The store stays usable.
 */
void
liaison_store_interrupt (LiaisonStore *self)
{
  g_return_if_fail (LIAISON_IS_STORE (self));

  if (self->db != NULL)
    sqlite3_interrupt (self->db);
}

const char *
liaison_store_get_path (LiaisonStore *self)
{
  g_return_val_if_fail (LIAISON_IS_STORE (self), NULL);
  return self->path;
}

gboolean
liaison_store_get_read_only (LiaisonStore *self)
{
  g_return_val_if_fail (LIAISON_IS_STORE (self), FALSE);
  return self->read_only;
}

/**
 * liaison_store_get_was_created:
 *
 * Returns: whether opening the store created its schema (a new database)
 */
gboolean
liaison_store_get_was_created (LiaisonStore *self)
{
  g_return_val_if_fail (LIAISON_IS_STORE (self), FALSE);
  return self->was_created;
}

guint
liaison_store_get_backups_to_keep (LiaisonStore *self)
{
  g_return_val_if_fail (LIAISON_IS_STORE (self), 0);
  return self->backups_to_keep;
}

/**
 * liaison_store_set_backups_to_keep:
 * @n: how many automatic backups to keep, 0 to make none before imports
 */
void
liaison_store_set_backups_to_keep (LiaisonStore *self,
                                   guint         n)
{
  g_return_if_fail (LIAISON_IS_STORE (self));

  n = MIN (n, 100);
  if (self->backups_to_keep == n)
    return;
  self->backups_to_keep = n;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BACKUPS_TO_KEEP]);
}

/**
 * liaison_store_set_busy_timeout:
 * @msec: how long a write waits for another program's write to finish
 *
 * After that, the write fails with %LIAISON_ERROR_BUSY.  The default is 5 seconds.
 */
void
liaison_store_set_busy_timeout (LiaisonStore *self,
                                guint         msec)
{
  g_return_if_fail (LIAISON_IS_STORE (self));
  sqlite3_busy_timeout (self->db, (int) MIN (msec, G_MAXINT));
}

/* Emits LiaisonStore::changed for every kind, e.g. after a restore. */
void
_liaison_store_emit_changed (LiaisonStore *self)
{
  g_signal_emit (self, signals[CHANGED], 0, (guint) LIAISON_N_RECORD_KINDS);
}

/* Transactions */

gboolean
_liaison_store_begin (LiaisonStore  *self,
                      GError       **error)
{
  if (self->read_only)
    {
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_READ_ONLY,
                   _("The database “%s” is open read-only, so nothing can be changed. To edit, copy it to a folder you may write to and open the copy."),
                   self->path);
      return FALSE;
    }

  if (self->depth++ > 0)
    return TRUE;

  self->batch_changed = FALSE;
  if (!_liaison_store_exec (self, "BEGIN IMMEDIATE", _("start a change"), error))
    {
      self->depth = 0;
      return FALSE;
    }
  return TRUE;
}

/**
 * _liaison_store_write_log:
 *
 * Adds one entry to the change log inside the current transaction.
 */
gboolean
_liaison_store_write_log (LiaisonStore  *self,
                          const char    *action,
                          const char    *kind,
                          const char    *uuid,
                          const char    *summary,
                          const char    *before,
                          const char    *after,
                          GError       **error)
{
  g_autofree char *now = _liaison_timestamp_now ();
  sqlite3_stmt *stmt;
  int rc;

  stmt = _liaison_store_prepare (self,
                                 "INSERT INTO change_log (time, action, kind, record_uuid, summary, before, after)"
                                 " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", error);
  if (stmt == NULL)
    return FALSE;

  _liaison_store_bind_text (stmt, 1, now);
  _liaison_store_bind_text (stmt, 2, action);
  _liaison_store_bind_text (stmt, 3, kind);
  _liaison_store_bind_text (stmt, 4, uuid);
  _liaison_store_bind_text (stmt, 5, summary);
  _liaison_store_bind_text (stmt, 6, before);
  _liaison_store_bind_text (stmt, 7, after);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _liaison_store_set_error (self, error, rc, _("record the change"));
      return FALSE;
    }
  return TRUE;
}

/**
 * _liaison_store_commit:
 * @action: (nullable): the change-log action for the whole batch, e.g. "import"
 * @summary: (nullable): its summary
 *
 * Ends the outermost transaction.  With @action, one change-log entry describes it.
 */
gboolean
_liaison_store_commit (LiaisonStore  *self,
                       const char    *action,
                       const char    *summary,
                       GError       **error)
{
  g_assert (self->depth > 0);

  if (--self->depth > 0)
    return TRUE;

  if (action != NULL && !_liaison_store_write_log (self, action, NULL, NULL, summary, NULL, NULL, error))
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }

  if (!_liaison_store_exec (self, "COMMIT", _("save the change"), error))
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }

  if (self->batch_changed)
    g_signal_emit (self, signals[CHANGED], 0, (guint) LIAISON_N_RECORD_KINDS);

  return TRUE;
}

void
_liaison_store_rollback (LiaisonStore *self)
{
  g_assert (self->depth > 0);

  self->depth = 0;
  sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
}

/**
 * liaison_store_list_changes:
 * @record_uuid: (nullable): only the changes of this record
 * @limit: at most this many, newest first; 0 for all
 *
 * Returns: (transfer full) (element-type LiaisonChange): change-log entries
 */
GPtrArray *
liaison_store_list_changes (LiaisonStore  *self,
                            const char    *record_uuid,
                            guint          limit,
                            GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) liaison_change_free);
  int rc;

  g_return_val_if_fail (LIAISON_IS_STORE (self), NULL);

  rc = sqlite3_prepare_v2 (self->db,
                           "SELECT id, time, action, kind, record_uuid, summary, before, after FROM change_log"
                           " WHERE ?1 IS NULL OR record_uuid = ?1 ORDER BY id DESC LIMIT ?2",
                           -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      _liaison_store_set_error (self, error, rc, _("read the history"));
      return NULL;
    }
  _liaison_store_bind_text (stmt, 1, record_uuid);
  sqlite3_bind_int64 (stmt, 2, limit > 0 ? (gint64) limit : -1);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      LiaisonChange *change = g_new0 (LiaisonChange, 1);

      change->id = sqlite3_column_int64 (stmt, 0);
      change->time = _liaison_store_column_text (stmt, 1);
      change->action = _liaison_store_column_text (stmt, 2);
      change->kind = _liaison_store_column_text (stmt, 3);
      change->record_uuid = _liaison_store_column_text (stmt, 4);
      change->summary = _liaison_store_column_text (stmt, 5);
      change->before = _liaison_store_column_text (stmt, 6);
      change->after = _liaison_store_column_text (stmt, 7);
      g_ptr_array_add (changes, change);
    }

  if (rc != SQLITE_DONE)
    {
      _liaison_store_set_error (self, error, rc, _("read the history"));
      return NULL;
    }
  return g_steal_pointer (&changes);
}

/**
 * liaison_store_list_tags:
 *
 * Returns: (transfer full): the tags in use, in alphabetical order
 */
char **
liaison_store_list_tags (LiaisonStore  *self,
                         GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  int rc;

  g_return_val_if_fail (LIAISON_IS_STORE (self), NULL);

  rc = sqlite3_prepare_v2 (self->db,
                           "SELECT name FROM tag WHERE id IN (SELECT tag_id FROM agreement_tag UNION SELECT tag_id FROM event_tag)"
                           " ORDER BY name COLLATE NOCASE", -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      _liaison_store_set_error (self, error, rc, _("read the tags"));
      return NULL;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (builder, (const char *) sqlite3_column_text (stmt, 0));
  if (rc != SQLITE_DONE)
    {
      _liaison_store_set_error (self, error, rc, _("read the tags"));
      return NULL;
    }
  return g_strv_builder_end (builder);
}

/**
 * liaison_store_check_integrity:
 *
 * Runs SQLite's integrity and foreign-key checks.
 */
gboolean
liaison_store_check_integrity (LiaisonStore  *self,
                               GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) fk = NULL;
  int rc;

  g_return_val_if_fail (LIAISON_IS_STORE (self), FALSE);

  rc = sqlite3_prepare_v2 (self->db, "PRAGMA integrity_check", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      _liaison_store_set_error (self, error, rc, _("check the database"));
      return FALSE;
    }
  if (g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") != 0)
    {
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_NOT_A_DATABASE,
                   _("The database “%s” is damaged: %s. Open a backup."),
                   self->path, sqlite3_column_text (stmt, 0));
      return FALSE;
    }

  rc = sqlite3_prepare_v2 (self->db, "PRAGMA foreign_key_check", -1, &fk, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (fk);
  if (rc == SQLITE_ROW)
    {
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_DANGLING_REFERENCE,
                   _("The database “%s” has a broken link in the table %s. Open a backup."),
                   self->path, sqlite3_column_text (fk, 0));
      return FALSE;
    }
  if (rc != SQLITE_DONE)
    {
      _liaison_store_set_error (self, error, rc, _("check the database"));
      return FALSE;
    }
  return TRUE;
}

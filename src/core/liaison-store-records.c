/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-store"

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>

#include "liaison-error.h"
#include "liaison-record-private.h"
#include "liaison-store-stream-private.h"

/* Records: reading one, saving it (insert or update, with its links and a change-log
 * entry) and deleting it, each inside one transaction. */

/* Reading */

static LiaisonRecord *load_record (LiaisonStore       *self,
                                   LiaisonRecordKind   kind,
                                   gint64              id,
                                   GError            **error);

/**
 * liaison_store_load:
 *
 * Returns: (transfer full): the record with its links, or %NULL with @error set
 */
LiaisonRecord *
liaison_store_load (LiaisonStore       *self,
                    LiaisonRecordKind   kind,
                    gint64              id,
                    GError            **error)
{
  g_autoptr(LiaisonRecord) record = NULL;
  gboolean own_transaction;

  g_return_val_if_fail (LIAISON_IS_STORE (self), NULL);
  g_return_val_if_fail (kind < LIAISON_N_RECORD_KINDS, NULL);

  /* The row and its links are read in one transaction: one snapshot, and the read
   * lock taken once instead of once per statement. */
  own_transaction = sqlite3_get_autocommit (self->db) && sqlite3_exec (self->db, "BEGIN", NULL, NULL, NULL) == SQLITE_OK;
  record = load_record (self, kind, id, error);
  if (own_transaction)
    sqlite3_exec (self->db, "COMMIT", NULL, NULL, NULL);

  return g_steal_pointer (&record);
}

/**
 * _liaison_store_record_from_row:
 * @stmt: on a row of the kind's select (see build_record_sql())
 *
 * Returns: (transfer full): the record of the row, without its links, its notifications
 *   frozen until the caller has added them
 */
LiaisonRecord *
_liaison_store_record_from_row (LiaisonRecordKind  kind,
                                sqlite3_stmt      *stmt)
{
  LiaisonRecord *record = liaison_record_new (kind);
  guint n_fields;

  liaison_record_kind_get_fields (kind, &n_fields);
  g_object_freeze_notify (G_OBJECT (record));
  liaison_record_set_id (record, sqlite3_column_int64 (stmt, 0));
  liaison_record_set_uuid (record, (const char *) sqlite3_column_text (stmt, 1));
  liaison_record_set_revision (record, sqlite3_column_int64 (stmt, 2));
  liaison_record_set_created (record, (const char *) sqlite3_column_text (stmt, 3));
  liaison_record_set_modified (record, (const char *) sqlite3_column_text (stmt, 4));
  for (guint i = 0; i < n_fields; i++)
    liaison_record_set_field_at (record, i, (const char *) sqlite3_column_text (stmt, (int) i + 5));
  return record;
}

static LiaisonRecord *
load_record (LiaisonStore       *self,
             LiaisonRecordKind   kind,
             gint64              id,
             GError            **error)
{
  g_autoptr(LiaisonRecord) record = NULL;
  sqlite3_stmt *stmt;
  int rc;

  stmt = _liaison_store_prepare (self, self->select_sql[kind], error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      if (rc == SQLITE_DONE)
        g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_NOT_FOUND,
                     _("There is no %s with number %" PRId64 " in the database; it may have been deleted."),
                     liaison_record_kind_to_string (kind), id);
      else
        _liaison_store_set_error (self, error, rc, _("read a record"));
      return NULL;
    }

  record = _liaison_store_record_from_row (kind, stmt);
  sqlite3_reset (stmt);

  if (!_liaison_store_load_links (self, record, error))
    return NULL;

  g_object_thaw_notify (G_OBJECT (record));
  return g_steal_pointer (&record);
}

/**
 * liaison_store_load_by_uuid:
 *
 * Returns: (transfer full): the record of any kind with this UUID, or %NULL with
 *   @error set
 */
LiaisonRecord *
liaison_store_load_by_uuid (LiaisonStore  *self,
                            const char    *uuid,
                            GError       **error)
{
  LiaisonRecordKind kind;
  gint64 id;

  g_return_val_if_fail (LIAISON_IS_STORE (self), NULL);

  if (!_liaison_store_find_uuid (self, uuid, &kind, &id))
    {
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_NOT_FOUND,
                   _("There is no record with UUID %s in the database."), uuid ? uuid : "");
      return NULL;
    }

  return liaison_store_load (self, kind, id, error);
}

/**
 * liaison_store_get_title:
 *
 * Returns: (transfer full) (nullable): the name or title of the record with @uuid
 */
char *
liaison_store_get_title (LiaisonStore *self,
                         const char   *uuid)
{
  sqlite3_stmt *stmt;
  char *title = NULL;

  g_return_val_if_fail (LIAISON_IS_STORE (self), NULL);

  stmt = _liaison_store_prepare (self,
                                 "SELECT title FROM source WHERE uuid = ?1 UNION ALL "
                                 "SELECT name FROM institution WHERE uuid = ?1 UNION ALL "
                                 "SELECT name FROM person WHERE uuid = ?1 UNION ALL "
                                 "SELECT title FROM agreement WHERE uuid = ?1 UNION ALL "
                                 "SELECT title FROM event WHERE uuid = ?1", NULL);
  if (stmt == NULL || uuid == NULL)
    return NULL;

  _liaison_store_bind_text (stmt, 1, uuid);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    title = _liaison_store_column_text (stmt, 0);
  sqlite3_reset (stmt);

  return title;
}

/**
 * liaison_store_get_institution_names:
 * @local_name: (out) (optional) (nullable): its local-language name
 *
 * One indexed lookup, for lists that show linked institutions by name.
 *
 * Returns: (transfer full) (nullable): the name of the institution with @uuid
 */
char *
liaison_store_get_institution_names (LiaisonStore  *self,
                                     const char    *uuid,
                                     char         **local_name)
{
  sqlite3_stmt *stmt;
  char *name = NULL;

  g_return_val_if_fail (LIAISON_IS_STORE (self), NULL);

  if (local_name != NULL)
    *local_name = NULL;
  stmt = _liaison_store_prepare (self, "SELECT name, local_name FROM institution WHERE uuid = ?1", NULL);
  if (stmt == NULL || uuid == NULL)
    return NULL;

  _liaison_store_bind_text (stmt, 1, uuid);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      name = _liaison_store_column_text (stmt, 0);
      if (local_name != NULL)
        *local_name = _liaison_store_column_text (stmt, 1);
    }
  sqlite3_reset (stmt);

  return name;
}

/* Writing */

static gboolean
check_revision (LiaisonStore   *self,
                LiaisonRecord  *record,
                gint64          id,
                GError        **error)
{
  LiaisonRecordKind kind = liaison_record_get_kind (record);
  g_autofree char *sql = g_strdup_printf ("SELECT revision FROM %s WHERE id = ?1", _liaison_store_table_of (kind));
  sqlite3_stmt *stmt = _liaison_store_prepare (self, sql, error);
  gint64 stored;
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  stored = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    {
      _liaison_store_set_error (self, error, rc, _("save the record"));
      return FALSE;
    }

  if (stored != liaison_record_get_revision (record))
    {
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_CONFLICT,
                   _("%s “%s” was changed by someone else after you opened it (you opened revision %" PRId64 ", the database now holds revision %" PRId64 "). Your changes were not saved: compare both versions and choose which to keep."),
                   liaison_record_kind_get_label (kind), liaison_record_get_title (record),
                   liaison_record_get_revision (record), stored);
      return FALSE;
    }
  return TRUE;
}

/**
 * _liaison_store_save_full:
 *
 * Inserts or updates @record and its links inside the current transaction.  A record
 * whose UUID is already stored updates that row.  On success the record holds its id,
 * UUID, timestamps and revision as stored.
 */
gboolean
_liaison_store_save_full (LiaisonStore      *self,
                          LiaisonRecord     *record,
                          LiaisonSaveFlags   flags,
                          GError           **error)
{
  LiaisonRecordKind kind = liaison_record_get_kind (record);
  const char *label = liaison_record_kind_get_label (kind);
  g_autoptr(LiaisonRecord) before = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *now = NULL;
  g_autofree char *created = NULL;
  g_autofree char *modified = NULL;
  const LiaisonField *fields;
  sqlite3_stmt *stmt;
  guint n_fields;
  gint64 existing;
  int rc;

  g_assert (self->depth > 0);

  if (!liaison_record_validate (record, error))
    return FALSE;

  uuid = g_strdup (liaison_record_get_uuid (record));
  if (uuid == NULL)
    uuid = g_uuid_string_random ();

  /* A UUID the caller just drew at random needs no search; the unique index stays. */
  existing = (flags & LIAISON_SAVE_NEW) ? 0 : _liaison_store_lookup_id (self, kind, uuid);
  if (existing == 0 && liaison_record_get_id (record) != 0)
    {
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_NOT_FOUND,
                   _("%s “%s” is no longer in the database: someone deleted it while it was open"),
                   label, liaison_record_get_title (record));
      return FALSE;
    }
  if (existing == 0 && (flags & LIAISON_SAVE_NEW) == 0 && _liaison_store_find_uuid (self, uuid, NULL, NULL))
    {
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_DUPLICATE,
                   _("%s “%s” has the UUID %s, which a record of another kind already has"),
                   label, liaison_record_get_title (record), uuid);
      return FALSE;
    }

  /* Optimistic concurrency: a record loaded at one revision may only replace that one. */
  if (existing != 0 && liaison_record_get_id (record) != 0 && (flags & LIAISON_SAVE_IGNORE_REVISION) == 0 &&
      !check_revision (self, record, existing, error))
    return FALSE;

  if (existing != 0 && (flags & LIAISON_SAVE_NO_LOG) == 0)
    {
      before = liaison_store_load (self, kind, existing, error);
      if (before == NULL)
        return FALSE;
    }

  now = _liaison_timestamp_now ();
  if (flags & LIAISON_SAVE_KEEP_TIMES)
    {
      created = g_strdup (liaison_record_get_created (record) ? liaison_record_get_created (record) : now);
      modified = g_strdup (liaison_record_get_modified (record) ? liaison_record_get_modified (record) : created);
    }
  else
    {
      created = g_strdup (before ? liaison_record_get_created (before)
                          : liaison_record_get_created (record) ? liaison_record_get_created (record) : now);
      modified = g_strdup (now);
    }

  stmt = _liaison_store_prepare (self, existing ? self->update_sql[kind] : self->insert_sql[kind], error);
  if (stmt == NULL)
    return FALSE;

  _liaison_store_bind_text (stmt, 1, uuid);
  _liaison_store_bind_text (stmt, 2, created);
  _liaison_store_bind_text (stmt, 3, modified);
  if (existing)
    sqlite3_bind_int64 (stmt, 4, existing);

  fields = liaison_record_kind_get_fields (kind, &n_fields);
  for (guint i = 0; i < n_fields; i++)
    {
      const char *value = liaison_record_get_field_at (record, i);
      int index = (int) i + 5;

      if (fields[i].type == LIAISON_FIELD_REFERENCE && value != NULL)
        {
          gint64 target = _liaison_store_lookup_id (self, fields[i].target, value);

          if (target == 0)
            {
              sqlite3_reset (stmt);
              g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_DANGLING_REFERENCE,
                           _("%s “%s”: the field “%s” refers to the %s %s, which is not in the database"),
                           label, liaison_record_get_title (record), fields[i].name,
                           liaison_record_kind_to_string (fields[i].target), value);
              return FALSE;
            }
          sqlite3_bind_int64 (stmt, index, target);
        }
      else if (fields[i].type == LIAISON_FIELD_BOOLEAN)
        sqlite3_bind_int (stmt, index, value != NULL);
      else
        _liaison_store_bind_text (stmt, index, value);
    }

  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _liaison_store_set_error (self, error, rc, _("save the record"));
      return FALSE;
    }

  g_object_freeze_notify (G_OBJECT (record));
  liaison_record_set_id (record, existing ? existing : sqlite3_last_insert_rowid (self->db));
  liaison_record_set_uuid (record, uuid);
  liaison_record_set_created (record, created);
  liaison_record_set_modified (record, modified);
  liaison_record_set_revision (record, before ? liaison_record_get_revision (before) + 1
                                              : existing ? liaison_record_get_revision (record) + 1 : 1);
  g_object_thaw_notify (G_OBJECT (record));

  if ((existing && !_liaison_store_clear_links (self, record, error)) ||
      !_liaison_store_insert_links (self, record, error))
    return FALSE;

  self->batch_changed = TRUE;

  if ((flags & LIAISON_SAVE_NO_LOG) == 0)
    {
      g_autofree char *before_json = before ? _liaison_record_to_json (before) : NULL;
      g_autofree char *after_json = _liaison_record_to_json (record);
      g_autofree char *summary = NULL;

      summary = g_strdup_printf (existing ? _("Changed %s “%s”") : _("Added %s “%s”"),
                                 liaison_record_kind_to_string (kind), liaison_record_get_title (record));
      if (!_liaison_store_write_log (self, existing ? "update" : "create", liaison_record_kind_to_string (kind),
                                     uuid, summary, before_json, after_json, error))
        return FALSE;
    }

  return TRUE;
}

/**
 * liaison_store_save:
 *
 * Saves @record, new or changed, with its links, in one transaction with one
 * change-log entry.  On failure nothing changes and @error says why.
 *
 * A record loaded from the store is saved only over the revision it was loaded at:
 * when someone else saved it in between, this fails with %LIAISON_ERROR_CONFLICT.
 * Load the stored version with liaison_store_load() to show both; to keep this one,
 * give it the stored revision with liaison_record_set_revision() and save again.
 */
gboolean
liaison_store_save (LiaisonStore   *self,
                    LiaisonRecord  *record,
                    GError        **error)
{
  g_return_val_if_fail (LIAISON_IS_STORE (self), FALSE);
  g_return_val_if_fail (LIAISON_IS_RECORD (record), FALSE);

  if (!_liaison_store_begin (self, error))
    return FALSE;

  /* A failed save leaves the record as it was, so that saving again is a retry. */
  {
    gint64 id = liaison_record_get_id (record);
    gint64 revision = liaison_record_get_revision (record);
    g_autofree char *uuid = g_strdup (liaison_record_get_uuid (record));
    g_autofree char *created = g_strdup (liaison_record_get_created (record));
    g_autofree char *modified = g_strdup (liaison_record_get_modified (record));

    if (!_liaison_store_apply_status_rule (self, record, NULL, error) ||
        !_liaison_store_save_full (self, record, LIAISON_SAVE_DEFAULT, error))
      _liaison_store_rollback (self);
    else if (_liaison_store_commit (self, NULL, NULL, error))
      return TRUE;

    g_object_freeze_notify (G_OBJECT (record));
    liaison_record_set_id (record, id);
    liaison_record_set_revision (record, revision);
    liaison_record_set_uuid (record, uuid);
    liaison_record_set_created (record, created);
    liaison_record_set_modified (record, modified);
    g_object_thaw_notify (G_OBJECT (record));
    return FALSE;
  }
}

/**
 * _liaison_store_delete_full:
 * @snapshot: (out) (optional): the snapshot of what was deleted, with the records that
 *   referred to it, as the change log keeps it
 *
 * Deletes @record inside the current transaction.  Unless @flags has
 * %LIAISON_SAVE_NO_LOG, one change-log entry records it.
 */
gboolean
_liaison_store_delete_full (LiaisonStore      *self,
                            LiaisonRecord     *record,
                            LiaisonSaveFlags   flags,
                            char             **snapshot,
                            GError           **error)
{
  LiaisonRecordKind kind = liaison_record_get_kind (record);
  g_autoptr(LiaisonRecord) before = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *before_json = NULL;
  sqlite3_stmt *stmt;
  gint64 id;
  int rc;

  g_assert (self->depth > 0);

  id = _liaison_store_lookup_id (self, kind, liaison_record_get_uuid (record));
  if (id == 0 || (before = liaison_store_load (self, kind, id, error)) == NULL)
    {
      if (error && *error == NULL)
        g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_NOT_FOUND,
                     _("%s “%s” is not in the database; it may have been deleted already"),
                     liaison_record_kind_get_label (kind), liaison_record_get_title (record));
      return FALSE;
    }

  /* Taken before the delete, while the records that refer to it still do. */
  before_json = _liaison_store_snapshot_for_delete (self, before, error);
  if (before_json == NULL)
    return FALSE;

  sql = g_strdup_printf ("DELETE FROM %s WHERE id = ?1", _liaison_store_table_of (kind));
  stmt = _liaison_store_prepare (self, sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _liaison_store_set_error (self, error, rc, _("delete the record"));
      return FALSE;
    }

  if ((flags & LIAISON_SAVE_NO_LOG) == 0)
    {
      g_autofree char *summary = NULL;

      summary = g_strdup_printf (_("Deleted %s “%s”"), liaison_record_kind_to_string (kind),
                                 liaison_record_get_title (before));
      if (!_liaison_store_write_log (self, "delete", liaison_record_kind_to_string (kind),
                                     liaison_record_get_uuid (before), summary, before_json, NULL, error))
        return FALSE;
    }

  self->batch_changed = TRUE;
  if (snapshot != NULL)
    *snapshot = g_steal_pointer (&before_json);
  return TRUE;
}

/**
 * liaison_store_delete:
 *
 * Deletes @record in one transaction with one change-log entry that keeps a snapshot
 * for undo.  Links to it disappear; references to it become empty.
 */
gboolean
liaison_store_delete (LiaisonStore   *self,
                      LiaisonRecord  *record,
                      GError        **error)
{
  g_return_val_if_fail (LIAISON_IS_STORE (self), FALSE);
  g_return_val_if_fail (LIAISON_IS_RECORD (record), FALSE);

  if (!_liaison_store_begin (self, error))
    return FALSE;

  if (!_liaison_store_delete_full (self, record, LIAISON_SAVE_DEFAULT, NULL, error))
    {
      _liaison_store_rollback (self);
      return FALSE;
    }

  return _liaison_store_commit (self, NULL, NULL, error);
}

/**
 * _liaison_store_get_last_id:
 *
 * Returns: the highest id of @kind, 0 when there is none
 */
gint64
_liaison_store_get_last_id (LiaisonStore      *self,
                            LiaisonRecordKind  kind)
{
  g_autofree char *sql = g_strdup_printf ("SELECT coalesce(max(id), 0) FROM %s", _liaison_store_table_of (kind));
  sqlite3_stmt *stmt = _liaison_store_prepare (self, sql, NULL);
  gint64 id = 0;

  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  if (stmt != NULL)
    sqlite3_reset (stmt);
  return id;
}

/**
 * _liaison_store_set_reference:
 * @field: the index of a reference field of @kind
 * @target: the UUID it refers to, which must be stored
 *
 * Sets one reference of a stored record without touching its revision: the importer
 * uses it for parents that come later in a document than their children.
 */
gboolean
_liaison_store_set_reference (LiaisonStore       *self,
                              LiaisonRecordKind   kind,
                              const char         *uuid,
                              guint               field,
                              const char         *target,
                              GError            **error)
{
  const LiaisonField *fields = liaison_record_kind_get_fields (kind, NULL);
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_assert (fields[field].type == LIAISON_FIELD_REFERENCE);

  sql = g_strdup_printf ("UPDATE %s SET %s = (SELECT id FROM %s WHERE uuid = ?2) WHERE uuid = ?1",
                         _liaison_store_table_of (kind), fields[field].column, _liaison_store_table_of (fields[field].target));
  stmt = _liaison_store_prepare (self, sql, error);
  if (stmt == NULL)
    return FALSE;

  _liaison_store_bind_text (stmt, 1, uuid);
  _liaison_store_bind_text (stmt, 2, target);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _liaison_store_set_error (self, error, rc, _("link a record to its parent"));
      return FALSE;
    }
  return TRUE;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include <string.h>

#include "liaison-exchange-private.h"
#include "liaison-sha256-private.h"
#include "liaison-store-private.h"

/*
 * The exchange state of records (SQL of the store, kept apart from liaison-store.c).
 *
 * An export notes what it writes in a temporary table of its own connection and copies
 * that into exchange_state only once the file is complete: a record changed while the
 * export ran is noted as it was written, not as it is afterwards, and a cancelled
 * export notes nothing.  A read-only store exports without noting.
 */

static void
bind_text (sqlite3_stmt *stmt,
           int           index,
           const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

static gboolean
run (LiaisonStore  *self,
     const char    *sql,
     GError       **error)
{
  int rc = sqlite3_exec (_liaison_store_get_db (self), sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      _liaison_store_set_error (self, error, rc, _("note what was exchanged"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
step_once (LiaisonStore  *self,
           sqlite3_stmt  *stmt,
           GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _liaison_store_set_error (self, error, rc, _("note what was exchanged"));
      return FALSE;
    }
  return TRUE;
}

/* What a digest is taken of: each value ends in a separator no text holds; a missing
 * one is another byte.  Links are preceded by their type as a digit. */
static void
add_value (GString    *data,
           const char *value)
{
  gsize at = data->len;
  gsize length = value != NULL ? strlen (value) : 0;

  g_string_set_size (data, at + length + 1);
  memcpy (data->str + at, value != NULL ? value : "", length);
  data->str[at + length] = value != NULL ? '\x1f' : '\x1e';
}

/**
 * _liaison_record_view_digest:
 * @data: a scratch buffer, emptied first
 * @digest: (out caller-allocates): the SHA-256 of what @record says: its kind, UUID,
 *   fields and links in order; not its timestamps or revision
 */
void
_liaison_record_view_digest (const LiaisonRecordView *record,
                             GString                 *data,
                             guint8                   digest[LIAISON_DIGEST_LENGTH])
{
  guint n_fields;

  g_string_truncate (data, 0);
  add_value (data, liaison_record_kind_to_string (record->kind));
  add_value (data, record->uuid);
  liaison_record_kind_get_fields (record->kind, &n_fields);
  for (guint i = 0; i < n_fields; i++)
    add_value (data, record->fields[i]);
  for (guint i = 0; i < record->n_links; i++)
    {
      const LiaisonLinkView *link = &record->links[i];

      g_string_append_c (data, (char) ('0' + link->type));
      add_value (data, link->target);
      add_value (data, link->role);
      add_value (data, link->signatory);
    }

  _liaison_sha256 (data->str, data->len, digest);
}

/* Lower-case hex, as g_checksum_get_string() gives it; not nul-terminated. */
static void
digest_to_hex_buffer (const guint8  digest[LIAISON_DIGEST_LENGTH],
                      char         *hex)
{
  static const char digits[] = "0123456789abcdef";

  for (guint i = 0; i < LIAISON_DIGEST_LENGTH; i++)
    {
      hex[2 * i] = digits[digest[i] >> 4];
      hex[2 * i + 1] = digits[digest[i] & 0xf];
    }
}

static char *
digest_to_hex (const guint8 digest[LIAISON_DIGEST_LENGTH])
{
  char *hex = g_new (char, LIAISON_DIGEST_LENGTH * 2 + 1);

  digest_to_hex_buffer (digest, hex);
  hex[LIAISON_DIGEST_LENGTH * 2] = '\0';
  return hex;
}

/**
 * _liaison_record_digest:
 *
 * Returns: (transfer full): a digest of what @record says, in lower-case hex (see
 *   _liaison_record_view_digest())
 */
char *
_liaison_record_digest (LiaisonRecord *record)
{
  LiaisonRecordKind kind = liaison_record_get_kind (record);
  GPtrArray *links = liaison_record_get_links (record);
  g_autoptr(GString) data = g_string_new (NULL);
  g_autofree const char **fields = NULL;
  g_autofree LiaisonLinkView *link_views = NULL;
  LiaisonRecordView view = { kind, liaison_record_get_id (record), liaison_record_get_uuid (record), };
  guint8 digest[LIAISON_DIGEST_LENGTH];
  guint n_fields;

  liaison_record_kind_get_fields (kind, &n_fields);
  fields = g_new (const char *, n_fields);
  for (guint i = 0; i < n_fields; i++)
    fields[i] = liaison_record_get_field_at (record, i);
  link_views = g_new (LiaisonLinkView, MAX (links->len, 1));
  for (guint i = 0; i < links->len; i++)
    {
      const LiaisonLink *link = g_ptr_array_index (links, i);

      link_views[i] = (LiaisonLinkView) { link->type, link->target, link->role, link->signatory };
    }
  view.fields = fields;
  view.links = link_views;
  view.n_links = links->len;

  _liaison_record_view_digest (&view, data, digest);
  return digest_to_hex (digest);
}

/**
 * _liaison_store_exchange_lookup:
 *
 * Returns: (transfer full) (nullable): the digest of @uuid at its last exchange, or
 *   %NULL if it was never exchanged
 */
char *
_liaison_store_exchange_lookup (LiaisonStore *self,
                                const char   *uuid)
{
  sqlite3_stmt *stmt;
  char *digest = NULL;

  stmt = _liaison_store_prepare (self, "SELECT digest FROM exchange_state WHERE uuid = ?1", NULL);
  if (stmt == NULL)
    return NULL;

  bind_text (stmt, 1, uuid);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    digest = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);

  return digest;
}

gboolean
_liaison_store_exchange_set (LiaisonStore  *self,
                             const char    *uuid,
                             const char    *digest,
                             GError       **error)
{
  sqlite3_stmt *stmt;

  stmt = _liaison_store_prepare (self, "INSERT OR REPLACE INTO exchange_state (uuid, digest) VALUES (?1, ?2)", error);
  if (stmt == NULL)
    return FALSE;

  bind_text (stmt, 1, uuid);
  bind_text (stmt, 2, digest);
  return step_once (self, stmt, error);
}

/* An export's notes: (UUID, digest) rows for the temporary table, inserted a batch
 * at a time in one multi-row INSERT.  A read-only store notes nothing. */
#define BATCH 64

typedef struct {
  char     uuid[LIAISON_UUID_LENGTH + 1];
  guint8   digest[LIAISON_DIGEST_LENGTH];
  gboolean noted;  /* exchange_state holds this digest already */
} Note;

struct _LiaisonExchangeNotes
{
  LiaisonStore *store;
  sqlite3_stmt *insert_batch;  /* BATCH rows */
  sqlite3_stmt *insert_one;
  sqlite3_stmt *lookup;        /* the stored digest of a UUID */
  GString      *data;          /* what the digest is taken of */
  char        **long_uuids;    /* of the pending notes whose UUID is longer, or NULL */
  Note          pending[BATCH];
  guint         n_pending;
  gint64        cache_size;    /* PRAGMA temp.cache_size to restore, or 0 */
  const char   *schema;        /* of the table of notes: NOTES_SCHEMA or "temp" */
};

/* The notes go into a database of their own, attached for the export: detaching
 * deletes it at once, where dropping a table of a million rows reads every page of
 * it again to free them. */
#define NOTES_SCHEMA "liaison_export_notes"

/* The temporary table is only appended to, then read once in order: a few pages of
 * cache do (KiB). */
#define NOTES_CACHE_KIB 256

static sqlite3_stmt *
prepare_statement (LiaisonExchangeNotes  *self,
                   const char            *sql,
                   GError               **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (_liaison_store_get_db (self->store), sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    _liaison_store_set_error (self->store, error, rc, _("note what was exchanged"));
  return stmt;
}

static sqlite3_stmt *
prepare_insert (LiaisonExchangeNotes  *self,
                guint                  rows,
                GError               **error)
{
  g_autoptr(GString) sql = g_string_new (NULL);

  g_string_printf (sql, "INSERT INTO %s.exported (uuid, digest) VALUES (?, ?)", self->schema);

  for (guint i = 1; i < rows; i++)
    g_string_append (sql, ", (?, ?)");
  return prepare_statement (self, sql->str, error);
}

static const char *
pending_uuid (LiaisonExchangeNotes *self,
              guint                 i)
{
  if (self->long_uuids != NULL && self->long_uuids[i] != NULL)
    return self->long_uuids[i];
  return self->pending[i].uuid;
}

static void
bind_note (LiaisonExchangeNotes *self,
           sqlite3_stmt         *stmt,
           int                   index,
           guint                 i)
{
  sqlite3_bind_text (stmt, index, pending_uuid (self, i), -1, SQLITE_STATIC);
  sqlite3_bind_blob (stmt, index + 1, self->pending[i].digest, LIAISON_DIGEST_LENGTH, SQLITE_STATIC);
}

/* Marks the pending notes that exchange_state holds already, as they are. */
static gboolean
find_noted (LiaisonExchangeNotes  *self,
            GError               **error)
{
  sqlite3_stmt *stmt = self->lookup;

  for (guint i = 0; i < BATCH; i++)
    {
      int rc;

      sqlite3_bind_text (stmt, 1, pending_uuid (self, i), -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW && sqlite3_column_bytes (stmt, 0) == 2 * LIAISON_DIGEST_LENGTH)
        {
          char hex[2 * LIAISON_DIGEST_LENGTH];

          digest_to_hex_buffer (self->pending[i].digest, hex);
          self->pending[i].noted = memcmp (hex, sqlite3_column_text (stmt, 0), sizeof hex) == 0;
        }
      sqlite3_reset (stmt);
      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        {
          _liaison_store_set_error (self->store, error, rc, _("note what was exchanged"));
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
flush_notes (LiaisonExchangeNotes  *self,
             GError               **error)
{
  gboolean ok = TRUE;
  guint n_new = self->n_pending;

  /* A record exported as it was last exchanged is noted already: a repeated export
   * then writes next to nothing. */
  if (self->n_pending == BATCH)
    {
      ok = find_noted (self, error);
      for (guint i = 0; i < BATCH; i++)
        if (self->pending[i].noted)
          n_new--;
    }

  if (!ok)
    ;
  else if (n_new == BATCH)
    {
      for (guint i = 0; i < BATCH; i++)
        bind_note (self, self->insert_batch, (int) (2 * i + 1), i);
      ok = step_once (self->store, self->insert_batch, error);
    }
  else
    for (guint i = 0; ok && i < self->n_pending; i++)
      if (!self->pending[i].noted)
        {
          bind_note (self, self->insert_one, 1, i);
          ok = step_once (self->store, self->insert_one, error);
        }

  for (guint i = 0; i < self->n_pending; i++)
    self->pending[i].noted = FALSE;
  if (self->long_uuids != NULL)
    for (guint i = 0; i < self->n_pending; i++)
      g_clear_pointer (&self->long_uuids[i], g_free);
  self->n_pending = 0;
  return ok;
}

/* A private file, deleted when detached; as temporary as the temp database, so not
 * journaled or synced either. */
static gboolean
attach_notes (LiaisonExchangeNotes *self)
{
  sqlite3 *db = _liaison_store_get_db (self->store);

  if (sqlite3_exec (db, "ATTACH DATABASE '' AS " NOTES_SCHEMA, NULL, NULL, NULL) != SQLITE_OK)
    return FALSE;  /* e.g. inside a transaction: the temp database does */

  if (sqlite3_exec (db,
                    "PRAGMA " NOTES_SCHEMA ".journal_mode = OFF;"
                    "PRAGMA " NOTES_SCHEMA ".synchronous = OFF;"
                    "PRAGMA " NOTES_SCHEMA ".cache_size = -" G_STRINGIFY (NOTES_CACHE_KIB) ";"
                    "CREATE TABLE " NOTES_SCHEMA ".exported (uuid TEXT NOT NULL, digest BLOB NOT NULL)",
                    NULL, NULL, NULL) != SQLITE_OK)
    {
      sqlite3_exec (db, "DETACH DATABASE " NOTES_SCHEMA, NULL, NULL, NULL);
      return FALSE;
    }

  self->schema = NOTES_SCHEMA;
  return TRUE;
}

static gboolean
keep_temp_cache_small (LiaisonExchangeNotes  *self,
                       GError               **error)
{
  sqlite3 *db = _liaison_store_get_db (self->store);
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, "PRAGMA temp.cache_size", -1, &stmt, NULL);
  if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      self->cache_size = sqlite3_column_int64 (stmt, 0);
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_OK)
    {
      _liaison_store_set_error (self->store, error, rc, _("note what was exchanged"));
      return FALSE;
    }

  sql = g_strdup_printf ("PRAGMA temp.cache_size = -%d", NOTES_CACHE_KIB);
  return run (self->store, sql, error);
}

static void
restore_temp_cache (LiaisonExchangeNotes *self)
{
  g_autofree char *sql = NULL;

  if (self->cache_size == 0)
    return;
  sql = g_strdup_printf ("PRAGMA temp.cache_size = %" G_GINT64_FORMAT, self->cache_size);
  sqlite3_exec (_liaison_store_get_db (self->store), sql, NULL, NULL, NULL);
}

static void
notes_free (LiaisonExchangeNotes *self)
{
  restore_temp_cache (self);
  sqlite3_finalize (self->insert_batch);
  sqlite3_finalize (self->insert_one);
  sqlite3_finalize (self->lookup);
  if (self->long_uuids != NULL)
    for (guint i = 0; i < BATCH; i++)
      g_free (self->long_uuids[i]);
  g_free (self->long_uuids);
  g_string_free (self->data, TRUE);
  g_object_unref (self->store);
  g_free (self);
}

/**
 * _liaison_store_exchange_begin_export:
 *
 * Returns: (transfer full) (nullable): the notes of an export of @self, to end with
 *   _liaison_store_exchange_end_export(); %NULL with @error set if that failed
 */
LiaisonExchangeNotes *
_liaison_store_exchange_begin_export (LiaisonStore  *self,
                                      GError       **error)
{
  LiaisonExchangeNotes *notes = g_new0 (LiaisonExchangeNotes, 1);

  notes->store = g_object_ref (self);
  notes->data = g_string_sized_new (4096);
  if (liaison_store_get_read_only (self))
    return notes;

  /* The digest goes in as its 32 bytes: half the table, turned into hex once, at the
   * end. */
  notes->schema = "temp";
  if (!attach_notes (notes) &&
      (!run (self,
             "DROP TABLE IF EXISTS temp.exported;"
             "CREATE TEMP TABLE exported (uuid TEXT NOT NULL, digest BLOB NOT NULL)", error) ||
       !keep_temp_cache_small (notes, error)))
    {
      notes_free (notes);
      return NULL;
    }

  if ((notes->insert_batch = prepare_insert (notes, BATCH, error)) == NULL ||
      (notes->insert_one = prepare_insert (notes, 1, error)) == NULL ||
      (notes->lookup = prepare_statement (notes, "SELECT digest FROM exchange_state WHERE uuid = ?1", error)) == NULL)
    {
      notes_free (notes);
      return NULL;
    }
  return notes;
}

/* An export writes each record once: the rows are appended, with no key to keep. */
gboolean
_liaison_store_exchange_note_export (LiaisonExchangeNotes     *self,
                                     const LiaisonRecordView  *record,
                                     GError                  **error)
{
  Note *note;
  gsize length;

  if (self->insert_one == NULL)
    return TRUE;

  note = &self->pending[self->n_pending];
  _liaison_record_view_digest (record, self->data, note->digest);
  length = record->uuid != NULL ? strlen (record->uuid) : 0;
  if (length <= LIAISON_UUID_LENGTH)
    memcpy (note->uuid, record->uuid != NULL ? record->uuid : "", length + 1);
  else
    {
      if (self->long_uuids == NULL)
        self->long_uuids = g_new0 (char *, BATCH);
      self->long_uuids[self->n_pending] = g_strdup (record->uuid);
    }

  if (++self->n_pending == BATCH)
    return flush_notes (self, error);
  return TRUE;
}

/**
 * _liaison_store_exchange_end_export:
 * @notes: (transfer full): the export's notes
 * @complete: whether the exported file is complete; if not, nothing is noted
 */
gboolean
_liaison_store_exchange_end_export (LiaisonExchangeNotes  *notes,
                                    gboolean               complete,
                                    GError               **error)
{
  LiaisonStore *self = notes->store;
  g_autofree char *copy = NULL;
  g_autofree char *discard = NULL;
  gboolean ok = TRUE;

  if (notes->insert_one == NULL)
    {
      notes_free (notes);
      return TRUE;
    }

  if (complete)
    {
      if (!flush_notes (notes, error) || !_liaison_store_begin (self, error))
        ok = FALSE;
      /* In export order; a record whose state is noted already is not rewritten. */
      else if (!run (self,
                     (copy = g_strdup_printf (
                       "INSERT OR REPLACE INTO main.exchange_state (uuid, digest)"
                       " SELECT e.uuid, e.digest FROM"
                       " (SELECT rowid, uuid, lower(hex(digest)) AS digest FROM %s.exported) e"
                       " WHERE NOT EXISTS"
                       " (SELECT 1 FROM main.exchange_state s WHERE s.uuid = e.uuid AND s.digest = e.digest)"
                       " ORDER BY e.rowid", notes->schema)),
                     error))
        {
          _liaison_store_rollback (self);
          ok = FALSE;
        }
      else
        ok = _liaison_store_commit (self, NULL, NULL, error);
    }

  /* Finalized first: a prepared statement on it would keep the table from going. */
  discard = g_strcmp0 (notes->schema, NOTES_SCHEMA) == 0 ? g_strdup ("DETACH DATABASE " NOTES_SCHEMA)
                                                        : g_strdup ("DROP TABLE IF EXISTS temp.exported");
  g_object_ref (self);
  notes_free (notes);
  sqlite3_exec (_liaison_store_get_db (self), discard, NULL, NULL, NULL);
  g_object_unref (self);
  return ok;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "liaison-exchange-private.h"
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

/**
 * _liaison_record_digest:
 *
 * Returns: (transfer full): a digest of what @record says: its kind, UUID, fields and
 *   links in order; not its timestamps or revision
 */
char *
_liaison_record_digest (LiaisonRecord *record)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  LiaisonRecordKind kind = liaison_record_get_kind (record);
  GPtrArray *links = liaison_record_get_links (record);
  guint n_fields;

  /* Each value ends in a separator no text holds; a missing one is another byte. */
#define ADD(text) G_STMT_START { \
    const char *t_ = (text); \
    if (t_ != NULL) g_checksum_update (checksum, (const guchar *) t_, -1); \
    g_checksum_update (checksum, (const guchar *) (t_ != NULL ? "\x1f" : "\x1e"), 1); \
  } G_STMT_END

  ADD (liaison_record_kind_to_string (kind));
  ADD (liaison_record_get_uuid (record));
  liaison_record_kind_get_fields (kind, &n_fields);
  for (guint i = 0; i < n_fields; i++)
    ADD (liaison_record_get_field_at (record, i));
  for (guint i = 0; i < links->len; i++)
    {
      const LiaisonLink *link = g_ptr_array_index (links, i);
      char type = (char) ('0' + link->type);

      g_checksum_update (checksum, (const guchar *) &type, 1);
      ADD (link->target);
      ADD (link->role);
      ADD (link->signatory);
    }
#undef ADD

  return g_strdup (g_checksum_get_string (checksum));
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

gboolean
_liaison_store_exchange_begin_export (LiaisonStore  *self,
                                      GError       **error)
{
  if (liaison_store_get_read_only (self))
    return TRUE;

  return run (self,
              "DROP TABLE IF EXISTS temp.exported;"
              "CREATE TEMP TABLE exported (uuid TEXT NOT NULL, digest TEXT NOT NULL)", error);
}

gboolean
_liaison_store_exchange_note_export (LiaisonStore   *self,
                                     LiaisonRecord  *record,
                                     GError        **error)
{
  g_autofree char *digest = NULL;
  sqlite3_stmt *stmt;

  if (liaison_store_get_read_only (self))
    return TRUE;

  /* An export writes each record once: the rows are appended, with no key to keep. */
  stmt = _liaison_store_prepare (self, "INSERT INTO temp.exported (uuid, digest) VALUES (?1, ?2)", error);
  if (stmt == NULL)
    return FALSE;

  digest = _liaison_record_digest (record);
  bind_text (stmt, 1, liaison_record_get_uuid (record));
  bind_text (stmt, 2, digest);
  return step_once (self, stmt, error);
}

/**
 * _liaison_store_exchange_end_export:
 * @complete: whether the exported file is complete; if not, nothing is noted
 */
gboolean
_liaison_store_exchange_end_export (LiaisonStore  *self,
                                    gboolean       complete,
                                    GError       **error)
{
  gboolean ok = TRUE;

  if (liaison_store_get_read_only (self))
    return TRUE;

  if (complete)
    {
      if (!_liaison_store_begin (self, error))
        ok = FALSE;
      /* In export order; a record whose state is noted already is not rewritten. */
      else if (!run (self,
                     "INSERT OR REPLACE INTO exchange_state (uuid, digest)"
                     " SELECT e.uuid, e.digest FROM temp.exported e WHERE NOT EXISTS"
                     " (SELECT 1 FROM exchange_state s WHERE s.uuid = e.uuid AND s.digest = e.digest)"
                     " ORDER BY e.rowid", error))
        {
          _liaison_store_rollback (self);
          ok = FALSE;
        }
      else
        ok = _liaison_store_commit (self, NULL, NULL, error);
    }

  sqlite3_exec (_liaison_store_get_db (self), "DROP TABLE IF EXISTS temp.exported", NULL, NULL, NULL);
  return ok;
}

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

/**
 * _liaison_store_exchange_lookup:
 * @modified: (out) (transfer full): the record's modified stamp at the exchange
 *
 * Returns: whether @uuid was ever exchanged
 */
gboolean
_liaison_store_exchange_lookup (LiaisonStore  *self,
                                const char    *uuid,
                                gint64        *revision,
                                char         **modified)
{
  sqlite3_stmt *stmt;
  gboolean found = FALSE;

  stmt = _liaison_store_prepare (self, "SELECT revision, modified FROM exchange_state WHERE uuid = ?1", NULL);
  if (stmt == NULL)
    return FALSE;

  bind_text (stmt, 1, uuid);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      *revision = sqlite3_column_int64 (stmt, 0);
      *modified = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      found = TRUE;
    }
  sqlite3_reset (stmt);

  return found;
}

gboolean
_liaison_store_exchange_set (LiaisonStore  *self,
                             const char    *uuid,
                             gint64         revision,
                             const char    *modified,
                             GError       **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _liaison_store_prepare (self,
                                 "INSERT OR REPLACE INTO exchange_state (uuid, revision, modified) VALUES (?1, ?2, ?3)",
                                 error);
  if (stmt == NULL)
    return FALSE;

  bind_text (stmt, 1, uuid);
  sqlite3_bind_int64 (stmt, 2, revision);
  bind_text (stmt, 3, modified ? modified : "");
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _liaison_store_set_error (self, error, rc, _("note what was exchanged"));
      return FALSE;
    }
  return TRUE;
}

gboolean
_liaison_store_exchange_begin_export (LiaisonStore  *self,
                                      GError       **error)
{
  if (liaison_store_get_read_only (self))
    return TRUE;

  return run (self,
              "CREATE TEMP TABLE IF NOT EXISTS exported ("
              "  uuid TEXT PRIMARY KEY, revision INTEGER NOT NULL, modified TEXT NOT NULL"
              ") WITHOUT ROWID;"
              "DELETE FROM temp.exported", error);
}

gboolean
_liaison_store_exchange_note_export (LiaisonStore   *self,
                                     LiaisonRecord  *record,
                                     GError        **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (liaison_store_get_read_only (self))
    return TRUE;

  stmt = _liaison_store_prepare (self,
                                 "INSERT OR REPLACE INTO temp.exported (uuid, revision, modified) VALUES (?1, ?2, ?3)",
                                 error);
  if (stmt == NULL)
    return FALSE;

  bind_text (stmt, 1, liaison_record_get_uuid (record));
  sqlite3_bind_int64 (stmt, 2, liaison_record_get_revision (record));
  bind_text (stmt, 3, liaison_record_get_modified (record));
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _liaison_store_set_error (self, error, rc, _("note what was exchanged"));
      return FALSE;
    }
  return TRUE;
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
      else if (!run (self, "INSERT OR REPLACE INTO exchange_state (uuid, revision, modified)"
                           " SELECT uuid, revision, modified FROM temp.exported", error))
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

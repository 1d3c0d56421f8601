/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "liaison-store-private.h"

/*
 * Big batches in one transaction (the generator, a large import): a bigger page cache
 * while the batch runs, and the indexes built once at its end instead of row by row.
 */

/**
 * _liaison_store_set_cache_size:
 * @size: SQLite's `cache_size` (negative: KiB)
 *
 * Sets the page cache of the store's connection.
 *
 * Returns: the size it had, to put back when the batch is over
 */
gint64
_liaison_store_set_cache_size (LiaisonStore *self,
                               gint64        size)
{
  sqlite3 *db = _liaison_store_get_db (self);
  g_autofree char *sql = g_strdup_printf ("PRAGMA cache_size = %" G_GINT64_FORMAT, size);
  gint64 old = -2000;

  _liaison_store_read_int (db, "PRAGMA cache_size", &old);
  sqlite3_exec (db, sql, NULL, NULL, NULL);
  return old;
}

/**
 * _liaison_store_suspend_indexes:
 *
 * Indexing row by row is most of the cost of a big batch: B-tree inserts in random
 * order, and full-text indexing.  Building each index once at the end, from sorted
 * data, is several times faster.  The secondary indexes and the full-text insert
 * triggers are set aside inside the batch's transaction and put back by
 * _liaison_store_resume_indexes() before it commits, so a failure rolls all of it
 * back.  Lookups by UUID keep their unique indexes throughout, and so do primary keys
 * (the link tables' lookups by record).
 *
 * Nothing may delete a record, or change the text of one added in the batch, until
 * the indexes are back: the full-text update and delete triggers stay, and expect the
 * row in the index.
 *
 * Returns: (transfer full): the SQL that puts them back
 */
GPtrArray *
_liaison_store_suspend_indexes (LiaisonStore  *self,
                                GError       **error)
{
  sqlite3 *db = _liaison_store_get_db (self);
  g_autoptr(GPtrArray) restore = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) drop = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, "SELECT type, name, sql FROM sqlite_schema WHERE sql IS NOT NULL AND"
                               " ((type = 'index' AND tbl_name NOT LIKE '%\\_fts\\_%' ESCAPE '\\') OR"
                               "  (type = 'trigger' AND name LIKE '%\\_fts\\_insert' ESCAPE '\\'))",
                           -1, &stmt, NULL);
  while (rc == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_ptr_array_add (drop, g_strdup_printf ("DROP %s \"%s\"", sqlite3_column_text (stmt, 0),
                                              sqlite3_column_text (stmt, 1)));
      g_ptr_array_add (restore, g_strdup ((const char *) sqlite3_column_text (stmt, 2)));
    }
  sqlite3_finalize (stmt);

  for (guint i = 0; i < drop->len && rc == SQLITE_OK; i++)
    rc = sqlite3_exec (db, g_ptr_array_index (drop, i), NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      _liaison_store_set_error (self, error, rc, _("prepare the indexes"));
      return NULL;
    }
  return g_steal_pointer (&restore);
}

/**
 * _liaison_store_resume_indexes:
 * @restore: what _liaison_store_suspend_indexes() returned
 *
 * Rebuilds the full-text indexes from their tables and puts back the indexes and
 * triggers, inside the batch's transaction.
 */
gboolean
_liaison_store_resume_indexes (LiaisonStore  *self,
                               GPtrArray     *restore,
                               GError       **error)
{
  sqlite3 *db = _liaison_store_get_db (self);
  int rc = SQLITE_OK;

  for (guint kind = 0; kind < LIAISON_N_RECORD_KINDS && rc == SQLITE_OK; kind++)
    {
      const char *table = liaison_record_kind_to_string (kind);
      g_autofree char *rebuild = g_strdup_printf ("INSERT INTO %s_fts (%s_fts) VALUES ('rebuild')", table, table);

      rc = sqlite3_exec (db, rebuild, NULL, NULL, NULL);
    }
  for (guint i = 0; i < restore->len && rc == SQLITE_OK; i++)
    rc = sqlite3_exec (db, g_ptr_array_index (restore, i), NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      _liaison_store_set_error (self, error, rc, _("build the indexes"));
      return FALSE;
    }
  return TRUE;
}

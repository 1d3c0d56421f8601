/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "liaison-error.h"
#include "liaison-record-private.h"
#include "liaison-store-private.h"
#include "liaison-store-stream-private.h"

/* Reading many records at once, for lists: the rows a view is about to show come in
 * one statement for their fields and one per link table, instead of six statements
 * per row, in one read transaction. */

static char *
ids_to_json (const gint64 *ids,
             guint         n_ids)
{
  GString *json = g_string_sized_new (n_ids * 8 + 2);

  g_string_append_c (json, '[');
  for (guint i = 0; i < n_ids; i++)
    g_string_append_printf (json, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "", ids[i]);
  g_string_append_c (json, ']');

  return g_string_free (json, FALSE);
}

static gboolean
load_many (LiaisonStore       *self,
           LiaisonRecordKind   kind,
           const char         *ids_json,
           GPtrArray          *records,
           GError            **error)
{
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) by_uuid = g_hash_table_new (g_str_hash, g_str_equal);
  const char *select = self->select_sql[kind];
  const char *where = g_strrstr (select, " WHERE t.id = ?1");
  g_autofree char *sql = NULL;
  g_autofree gint64 *keys = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_assert (where != NULL);
  sql = g_strdup_printf ("%.*s WHERE t.id IN (SELECT value FROM json_each(?1))", (int) (where - select), select);
  stmt = _liaison_store_prepare (self, sql, error);
  if (stmt == NULL)
    return FALSE;

  _liaison_store_bind_text (stmt, 1, ids_json);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (records, _liaison_store_record_from_row (kind, stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _liaison_store_set_error (self, error, rc, _("read a record"));
      return FALSE;
    }

  keys = g_new (gint64, records->len + 1);
  for (guint i = 0; i < records->len; i++)
    {
      LiaisonRecord *record = g_ptr_array_index (records, i);

      keys[i] = liaison_record_get_id (record);
      g_hash_table_insert (by_id, &keys[i], record);
      if (liaison_record_get_uuid (record) != NULL)
        g_hash_table_insert (by_uuid, (gpointer) liaison_record_get_uuid (record), record);
    }

  if (!_liaison_store_load_links_many (self, kind, ids_json, by_id, by_uuid, error))
    return FALSE;

  for (guint i = 0; i < records->len; i++)
    g_object_thaw_notify (g_ptr_array_index (records, i));

  return TRUE;
}

/**
 * liaison_store_load_many:
 * @ids: (array length=n_ids): row ids of records of @kind
 *
 * Reads the records with @ids, with their links, as liaison_store_load() reads one:
 * one statement for their fields and one per link table, in one snapshot.  Ids not in
 * the database (deleted since a query listed them) are left out.
 *
 * Returns: (transfer full) (element-type LiaisonRecord): the records, in no particular
 *   order, or %NULL with @error set
 */
GPtrArray *
liaison_store_load_many (LiaisonStore       *self,
                         LiaisonRecordKind   kind,
                         const gint64       *ids,
                         guint               n_ids,
                         GError            **error)
{
  g_autoptr(GPtrArray) records = NULL;
  g_autofree char *ids_json = NULL;
  gboolean own_transaction;
  gboolean ok;

  g_return_val_if_fail (LIAISON_IS_STORE (self), NULL);
  g_return_val_if_fail (kind < LIAISON_N_RECORD_KINDS, NULL);
  g_return_val_if_fail (ids != NULL || n_ids == 0, NULL);

  records = g_ptr_array_new_with_free_func (g_object_unref);
  if (n_ids == 0)
    return g_steal_pointer (&records);

  ids_json = ids_to_json (ids, n_ids);
  own_transaction = sqlite3_get_autocommit (self->db) && sqlite3_exec (self->db, "BEGIN", NULL, NULL, NULL) == SQLITE_OK;
  ok = load_many (self, kind, ids_json, records, error);
  if (own_transaction)
    sqlite3_exec (self->db, "COMMIT", NULL, NULL, NULL);

  return ok ? g_steal_pointer (&records) : NULL;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-store"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "liaison-uuid-map-private.h"

/*
 * The UUIDs of one table by record id, held in memory for the export: turning the ids
 * of links and references into UUIDs by random rowid lookups was a third of its time.
 * A UUID in its canonical text form (36 characters, lower-case hex) is kept as its 16
 * bytes in an array indexed by id, with a bit saying the id exists; ids are mostly
 * dense, and the array covers only the table's range of ids.  Anything else (a UUID
 * written another way, or a table too sparse for an array) is kept as text in a hash
 * table, so that a lookup always gives back the stored text exactly.
 *
 * 100k institutions take 1.6 MB; the map is read from the UUID index, which covers it.
 */

struct _LiaisonUuidMap
{
  gint64      first;    /* the id of bytes[0] */
  gsize       length;   /* ids in the array */
  guint8     *bytes;    /* 16 per id */
  guint32    *present;  /* a bit per id */
  GHashTable *others;   /* gint64 * → char *, for what the array cannot hold */
};

static int
hex_value (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  return -1;
}

/* Only the form that lookup() writes back byte for byte: lower-case, with hyphens. */
static gboolean
parse_canonical (const char *text,
                 int         length,
                 guint8      out[16])
{
  guint n = 0;

  if (length != 36)
    return FALSE;

  for (int i = 0; i < 36; )
    {
      int hi, lo;

      if (i == 8 || i == 13 || i == 18 || i == 23)
        {
          if (text[i] != '-')
            return FALSE;
          i++;
          continue;
        }
      hi = hex_value (text[i]);
      lo = hex_value (text[i + 1]);
      if (hi < 0 || lo < 0)
        return FALSE;
      out[n++] = (guint8) (hi << 4 | lo);
      i += 2;
    }
  return TRUE;
}

static gboolean
query_int (sqlite3     *db,
           const char  *sql,
           gint64      *value,
           int         *rc)
{
  sqlite3_stmt *stmt = NULL;

  *rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (*rc == SQLITE_OK)
    *rc = sqlite3_step (stmt);
  if (*rc == SQLITE_ROW)
    {
      *value = sqlite3_column_int64 (stmt, 0);
      *rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  return *rc == SQLITE_OK;
}

static void
add_other (LiaisonUuidMap *self,
           gint64          id,
           const char     *text)
{
  if (self->others == NULL)
    self->others = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  g_hash_table_replace (self->others, g_memdup2 (&id, sizeof id), g_strdup (text));
}

/**
 * _liaison_uuid_map_new:
 * @table: a record table (trusted: it is pasted into the SQL)
 * @rc: (out): the SQLite result code when reading failed
 *
 * Reads the id and UUID of every row of @table, in the caller's transaction.
 *
 * Returns: (transfer full) (nullable): the map, or %NULL if reading failed
 */
LiaisonUuidMap *
_liaison_uuid_map_new (sqlite3    *db,
                       const char *table,
                       int        *rc)
{
  g_autofree char *min_sql = g_strdup_printf ("SELECT min(rowid) FROM %s", table);
  g_autofree char *max_sql = g_strdup_printf ("SELECT max(rowid) FROM %s", table);
  g_autofree char *count_sql = g_strdup_printf ("SELECT count(*) FROM %s", table);
  g_autofree char *select = g_strdup_printf ("SELECT rowid, uuid FROM %s", table);
  LiaisonUuidMap *self = g_new0 (LiaisonUuidMap, 1);
  sqlite3_stmt *stmt = NULL;
  gint64 first = 0, last = -1, count = 0;

  if (!query_int (db, min_sql, &first, rc) ||
      !query_int (db, max_sql, &last, rc) ||
      !query_int (db, count_sql, &count, rc))
    goto failed;

  /* An array when at least half its slots are used; a sparse table goes to the hash. */
  if (count > 0 && last >= first && (guint64) (last - first) < (guint64) count * 2)
    {
      self->first = first;
      self->length = (gsize) (last - first + 1);
      self->bytes = g_malloc (self->length * 16);
      self->present = g_new0 (guint32, (self->length + 31) / 32);
    }

  /* Without ORDER BY this walks the UUID index, which holds both columns. */
  *rc = sqlite3_prepare_v2 (db, select, -1, &stmt, NULL);
  if (*rc != SQLITE_OK)
    goto failed;

  while ((*rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      const char *text = (const char *) sqlite3_column_text (stmt, 1);
      int length = sqlite3_column_bytes (stmt, 1);
      guint64 slot = (guint64) (id - self->first);

      if (text == NULL)
        continue;
      if (self->bytes != NULL && id >= self->first && slot < self->length &&
          parse_canonical (text, length, self->bytes + slot * 16))
        self->present[slot / 32] |= 1u << (slot % 32);
      else
        add_other (self, id, text);
    }
  sqlite3_finalize (stmt);
  if (*rc != SQLITE_DONE)
    goto failed_finalized;

  *rc = SQLITE_OK;
  return self;

failed:
  sqlite3_finalize (stmt);
failed_finalized:
  _liaison_uuid_map_free (self);
  return NULL;
}

/**
 * _liaison_uuid_map_lookup:
 * @buffer: room for a canonical UUID, which the result may point into
 *
 * Returns: (nullable): the UUID of @id as stored, or %NULL if the table has no such id
 */
const char *
_liaison_uuid_map_lookup (LiaisonUuidMap *self,
                          gint64          id,
                          char            buffer[LIAISON_UUID_MAP_BUFFER])
{
  static const char digits[] = "0123456789abcdef";
  guint64 slot = (guint64) (id - self->first);

  if (self->bytes != NULL && id >= self->first && slot < self->length &&
      (self->present[slot / 32] & (1u << (slot % 32))) != 0)
    {
      const guint8 *bytes = self->bytes + slot * 16;
      char *out = buffer;

      for (guint i = 0; i < 16; i++)
        {
          if (i == 4 || i == 6 || i == 8 || i == 10)
            *out++ = '-';
          *out++ = digits[bytes[i] >> 4];
          *out++ = digits[bytes[i] & 0xf];
        }
      *out = '\0';
      return buffer;
    }

  return self->others != NULL ? g_hash_table_lookup (self->others, &id) : NULL;
}

void
_liaison_uuid_map_free (LiaisonUuidMap *self)
{
  if (self == NULL)
    return;
  g_free (self->bytes);
  g_free (self->present);
  g_clear_pointer (&self->others, g_hash_table_unref);
  g_free (self);
}

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
 * bytes in an array indexed by id, zeros where there is none; ids are mostly dense,
 * and the array covers only the table's range of ids.  Anything else (a UUID
 * written another way, or a table too sparse for an array) is kept as text in a hash
 * table, so that a lookup always gives back the stored text exactly.
 *
 * 100k institutions take 1.6 MB; the map is read from the UUID index, which covers it.
 */

/* The array is held in blocks of 64 KiB: allocations that small come from the heap,
 * where they can take the pages the export's smaller page cache gave back (see
 * liaison-store-stream.c), rather than from new mappings. */
#define BLOCK_BITS 12
#define BLOCK_IDS (1 << BLOCK_BITS)

struct _LiaisonUuidMap
{
  gint64      first;     /* the id of the first slot */
  gsize       length;    /* ids in the array */
  guint8    **blocks;    /* BLOCK_IDS × 16 bytes each; all zero: no UUID there */
  GHashTable *others;    /* gint64 * → char *, for what the array cannot hold */
};

static inline guint8 *
slot_bytes (LiaisonUuidMap *self,
            guint64         slot)
{
  return self->blocks[slot >> BLOCK_BITS] + (slot & (BLOCK_IDS - 1)) * 16;
}

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

static inline gboolean
is_nil (const guint8 bytes[16])
{
  guint64 halves[2];

  memcpy (halves, bytes, 16);
  return (halves[0] | halves[1]) == 0;
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
      gsize n_blocks;

      self->first = first;
      self->length = (gsize) (last - first + 1);
      n_blocks = (self->length + BLOCK_IDS - 1) / BLOCK_IDS;
      self->blocks = g_new (guint8 *, n_blocks + 1);
      for (gsize i = 0; i < n_blocks; i++)
        self->blocks[i] = g_malloc0 (BLOCK_IDS * 16);
      self->blocks[n_blocks] = NULL;
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
      guint8 bytes[16];

      if (text == NULL)
        continue;

      /* The nil UUID would read as an empty slot: it goes with the others. */
      if (self->blocks != NULL && id >= self->first && slot < self->length &&
          parse_canonical (text, length, bytes) && !is_nil (bytes))
        memcpy (slot_bytes (self, slot), bytes, 16);
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

/* Each byte's two lower-case hex digits. */
static const char hex_pairs[] =
  "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"
  "202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f"
  "404142434445464748494a4b4c4d4e4f505152535455565758595a5b5c5d5e5f"
  "606162636465666768696a6b6c6d6e6f707172737475767778797a7b7c7d7e7f"
  "808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f"
  "a0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebf"
  "c0c1c2c3c4c5c6c7c8c9cacbcccdcecfd0d1d2d3d4d5d6d7d8d9dadbdcdddedf"
  "e0e1e2e3e4e5e6e7e8e9eaebecedeeeff0f1f2f3f4f5f6f7f8f9fafbfcfdfeff";

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
  guint64 slot = (guint64) (id - self->first);

  const guint8 *bytes;

  if (self->blocks != NULL && id >= self->first && slot < self->length &&
      !is_nil (bytes = slot_bytes (self, slot)))
    {
      char *out = buffer;

      for (guint i = 0; i < 16; i++)
        {
          if (i == 4 || i == 6 || i == 8 || i == 10)
            *out++ = '-';
          memcpy (out, hex_pairs + 2 * bytes[i], 2);
          out += 2;
        }
      *out = '\0';
      return buffer;
    }

  return self->others != NULL ? g_hash_table_lookup (self->others, &id) : NULL;
}

/* The bytes the map holds, about. */
gsize
_liaison_uuid_map_get_size (LiaisonUuidMap *self)
{
  gsize size = sizeof *self + self->length * 16;

  if (self->others != NULL)
    size += g_hash_table_size (self->others) * (sizeof (gint64) + LIAISON_UUID_MAP_BUFFER + 48);
  return size;
}

void
_liaison_uuid_map_free (LiaisonUuidMap *self)
{
  if (self == NULL)
    return;
  if (self->blocks != NULL)
    for (guint8 **block = self->blocks; *block != NULL; block++)
      g_free (*block);
  g_free (self->blocks);
  g_clear_pointer (&self->others, g_hash_table_unref);
  g_free (self);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-store"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "liaison-record-private.h"
#include "liaison-store-stream-private.h"
#include "liaison-uuid-map-private.h"

/*
 * Every record of a kind in id order, for the export: one SELECT over the kind's
 * table, and one per link table ordered by the owner's id, stepped alongside it and
 * merged.  Each record is built as liaison_store_load() builds it (the same columns,
 * the links in the same order), but no statement runs per record and no id list is
 * held.  The UUIDs that links and references name by id are read into memory once
 * (16 bytes a record of the kinds they point to) instead of one lookup each.
 */

/* The link streams of each kind, in the order liaison-store-links.c loads them:
 * owner id, target, role, signatory.  Targets and signatories come as record ids,
 * turned into UUIDs through the maps (see liaison-uuid-map.c); an id that names no
 * record drops the link, and a missing signatory is left out, as the joins of
 * liaison-store-links.c do. */
#define NO_MAP LIAISON_N_RECORD_KINDS

typedef struct {
  LiaisonRecordKind owner;
  LiaisonLinkType   type;
  LiaisonRecordKind target;     /* whose map turns column 1 into a UUID, or NO_MAP */
  LiaisonRecordKind signatory;  /* the same for column 3 */
  const char       *select;
} LinkStream;

static const LinkStream link_streams[] = {
  { LIAISON_RECORD_AGREEMENT, LIAISON_LINK_PARTY, LIAISON_RECORD_INSTITUTION, LIAISON_RECORD_PERSON,
    "SELECT p.agreement_id, p.institution_id, p.role, p.signatory_id FROM agreement_party p"
    " ORDER BY p.agreement_id, p.position" },
  { LIAISON_RECORD_AGREEMENT, LIAISON_LINK_TAG, NO_MAP, NO_MAP,
    "SELECT a.agreement_id, t.name, NULL, NULL FROM agreement_tag a JOIN tag t ON t.id = a.tag_id"
    " ORDER BY a.agreement_id, a.position" },
  { LIAISON_RECORD_EVENT, LIAISON_LINK_INSTITUTION, LIAISON_RECORD_INSTITUTION, NO_MAP,
    "SELECT e.event_id, e.institution_id, e.role, NULL FROM event_institution e"
    " ORDER BY e.event_id, e.position" },
  { LIAISON_RECORD_EVENT, LIAISON_LINK_PERSON, LIAISON_RECORD_PERSON, NO_MAP,
    "SELECT e.event_id, e.person_id, e.role, NULL FROM event_person e"
    " ORDER BY e.event_id, e.position" },
  { LIAISON_RECORD_EVENT, LIAISON_LINK_AGREEMENT, LIAISON_RECORD_AGREEMENT, NO_MAP,
    "SELECT e.event_id, e.agreement_id, NULL, NULL FROM event_agreement e"
    " ORDER BY e.event_id, e.position" },
  { LIAISON_RECORD_EVENT, LIAISON_LINK_TAG, NO_MAP, NO_MAP,
    "SELECT e.event_id, t.name, NULL, NULL FROM event_tag e JOIN tag t ON t.id = e.tag_id"
    " ORDER BY e.event_id, e.position" },
};

/* The kinds that links and references point to by id (sources and tags are few, and
 * stay joins). */
static const LiaisonRecordKind mapped_kinds[] = {
  LIAISON_RECORD_INSTITUTION, LIAISON_RECORD_PERSON, LIAISON_RECORD_AGREEMENT,
};

struct _LiaisonStoreStream
{
  LiaisonStore   *store;
  LiaisonUuidMap *maps[LIAISON_N_RECORD_KINDS];
  gint64          cache_size;   /* PRAGMA cache_size to restore, or 0 */
};

/* The least page cache the streams keep (KiB): they read in order, a few pages each. */
#define MIN_CACHE_KIB 256

#define MAX_STREAMS 6
#define MAX_FIELDS 16

typedef struct {
  sqlite3_stmt    *stmt;
  LiaisonLinkType  type;
  LiaisonUuidMap  *target;     /* nullable: column 1 is the target as it is */
  LiaisonUuidMap  *signatory;  /* nullable: column 3 is the signatory as it is */
  int              rc;         /* of the last step: SQLITE_ROW while rows remain */
} Stream;

static gboolean
stream_open (LiaisonStore    *self,
             Stream          *stream,
             const char      *sql,
             LiaisonLinkType  type,
             LiaisonUuidMap  *target,
             LiaisonUuidMap  *signatory)
{
  stream->type = type;
  stream->target = target;
  stream->signatory = signatory;
  stream->rc = sqlite3_prepare_v2 (_liaison_store_get_db (self), sql, -1, &stream->stmt, NULL);
  if (stream->rc == SQLITE_OK)
    stream->rc = sqlite3_step (stream->stmt);
  return stream->rc == SQLITE_ROW || stream->rc == SQLITE_DONE;
}

/* A record's links while they are collected: their strings are copied into one
 * buffer (the streams move on), at offsets, -1 for NULL. */
typedef struct {
  LiaisonLinkType type;
  gssize          target;
  gssize          role;
  gssize          signatory;
} LinkRow;

static gssize
keep_text (GString    *text,
           const char *value,
           gboolean    empty_is_null)
{
  gssize offset = (gssize) text->len;

  if (value == NULL || (empty_is_null && *value == '\0'))
    return -1;
  g_string_append_len (text, value, (gssize) strlen (value) + 1);
  return offset;
}

/* Adds the links of @stream that belong to record @id, skipping any of an earlier id. */
static gboolean
stream_merge (Stream  *stream,
              gint64   id,
              GArray  *rows,
              GString *text)
{
  while (stream->rc == SQLITE_ROW)
    {
      gint64 owner = sqlite3_column_int64 (stream->stmt, 0);

      if (owner > id)
        break;
      if (owner == id)
        {
          char target_buffer[LIAISON_UUID_MAP_BUFFER];
          char signatory_buffer[LIAISON_UUID_MAP_BUFFER];
          const char *target = NULL;
          const char *signatory = NULL;

          if (stream->target != NULL)
            target = _liaison_uuid_map_lookup (stream->target, sqlite3_column_int64 (stream->stmt, 1), target_buffer);
          else
            target = (const char *) sqlite3_column_text (stream->stmt, 1);

          if (stream->signatory != NULL && sqlite3_column_type (stream->stmt, 3) != SQLITE_NULL)
            signatory = _liaison_uuid_map_lookup (stream->signatory, sqlite3_column_int64 (stream->stmt, 3), signatory_buffer);
          else if (stream->signatory == NULL)
            signatory = (const char *) sqlite3_column_text (stream->stmt, 3);

          /* As liaison_link_new() keeps them: the target as it is, no empty role. */
          if (target != NULL)
            {
              LinkRow row = { stream->type, -1, -1, -1 };

              row.target = keep_text (text, target, FALSE);
              row.role = keep_text (text, (const char *) sqlite3_column_text (stream->stmt, 2), TRUE);
              row.signatory = keep_text (text, signatory, TRUE);
              g_array_append_val (rows, row);
            }
        }
      stream->rc = sqlite3_step (stream->stmt);
    }

  return stream->rc == SQLITE_ROW || stream->rc == SQLITE_DONE;
}

static const char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  return text != NULL && *text != '\0' ? text : NULL;
}

static gboolean
read_pragma (LiaisonStore  *store,
             const char    *sql,
             gint64        *value,
             GError       **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (_liaison_store_get_db (store), sql, -1, &stmt, NULL);

  if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      *value = sqlite3_column_int64 (stmt, 0);
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_OK)
    _liaison_store_set_error (store, error, rc, _("read a record"));
  return rc == SQLITE_OK;
}

/* @value as PRAGMA cache_size takes it: pages, or KiB when negative. */
static gboolean
set_cache_size (LiaisonStore  *store,
                gint64         value,
                GError       **error)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA main.cache_size = %" G_GINT64_FORMAT, value);
  int rc = sqlite3_exec (_liaison_store_get_db (store), sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    _liaison_store_set_error (store, error, rc, _("read a record"));
  return rc == SQLITE_OK;
}


/**
 * _liaison_store_stream_new:
 *
 * Reads the UUIDs that links and references point to into memory, in the current
 * transaction: the caller holds one for a consistent snapshot, and the records are
 * then read with _liaison_store_stream_foreach() in the same one.
 *
 * Returns: (transfer full) (nullable): the stream, or %NULL with @error set
 */
LiaisonStoreStream *
_liaison_store_stream_new (LiaisonStore  *store,
                           GError       **error)
{
  g_autoptr(LiaisonStoreStream) self = g_new0 (LiaisonStoreStream, 1);
  gint64 page_size = 4096;
  gint64 budget;        /* KiB */
  gint64 maps_kib = 0;

  g_return_val_if_fail (LIAISON_IS_STORE (store), NULL);

  self->store = g_object_ref (store);

  /* The maps and the page cache share the cache's memory: the streams read in order
   * and need few pages, so the cache gives up what the maps take, and the export's
   * memory stays about the same whatever the size of the database. */
  if (!read_pragma (store, "PRAGMA main.cache_size", &self->cache_size, error) ||
      !read_pragma (store, "PRAGMA main.page_size", &page_size, error))
    return NULL;
  budget = self->cache_size < 0 ? -self->cache_size : self->cache_size * page_size / 1024;
  if (!set_cache_size (store, -MIN (MIN_CACHE_KIB, budget), error))
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (mapped_kinds); i++)
    {
      LiaisonRecordKind kind = mapped_kinds[i];
      int rc = SQLITE_OK;

      self->maps[kind] = _liaison_uuid_map_new (_liaison_store_get_db (store),
                                                _liaison_store_table_of (kind), &rc);
      if (self->maps[kind] == NULL)
        {
          _liaison_store_set_error (store, error, rc, _("read a record"));
          return NULL;
        }
    }

  for (guint i = 0; i < LIAISON_N_RECORD_KINDS; i++)
    if (self->maps[i] != NULL)
      maps_kib += (gint64) (_liaison_uuid_map_get_size (self->maps[i]) / 1024);
  if (!set_cache_size (store, -MIN (budget, MAX (MIN_CACHE_KIB, budget - maps_kib)), error))
    return NULL;

  return g_steal_pointer (&self);
}

void
_liaison_store_stream_free (LiaisonStoreStream *self)
{
  if (self == NULL)
    return;
  if (self->cache_size != 0)
    set_cache_size (self->store, self->cache_size, NULL);
  for (guint i = 0; i < LIAISON_N_RECORD_KINDS; i++)
    g_clear_pointer (&self->maps[i], _liaison_uuid_map_free);
  g_clear_object (&self->store);
  g_free (self);
}

/* The select of liaison_store_load() (see build_record_sql()), over the whole table in
 * id order, but with references as ids, for the maps. */
static char *
build_select (LiaisonRecordKind kind)
{
  GString *select = g_string_new ("SELECT t.id, t.uuid, t.revision, t.created, t.modified");
  guint n_fields;
  const LiaisonField *fields = liaison_record_kind_get_fields (kind, &n_fields);

  for (guint i = 0; i < n_fields; i++)
    if (fields[i].type == LIAISON_FIELD_BOOLEAN)
      g_string_append_printf (select, ", CASE WHEN t.%s THEN 'true' END", fields[i].column);
    else
      g_string_append_printf (select, ", t.%s", fields[i].column);
  g_string_append_printf (select, " FROM %s t ORDER BY t.id", _liaison_store_table_of (kind));

  return g_string_free (select, FALSE);
}

/**
 * _liaison_store_stream_foreach:
 * @func: called with each record of @kind, in id order, with its links; returning
 *   %FALSE (with its error set) stops the walk
 *
 * Each record is what liaison_store_load() would give, as a view of the rows (no
 * record is built), read in the current transaction.
 */
gboolean
_liaison_store_stream_foreach (LiaisonStoreStream      *self,
                               LiaisonRecordKind        kind,
                               LiaisonStoreRecordFunc   func,
                               gpointer                 user_data,
                               GError                 **error)
{
  LiaisonStore *store = self->store;
  g_autofree char *select = NULL;
  sqlite3_stmt *stmt = NULL;
  Stream streams[MAX_STREAMS + 1] = { { NULL, 0, NULL, NULL, 0 }, };
  guint n_streams = 0;
  gboolean ok = FALSE;
  const LiaisonField *fields;
  guint n_fields;
  const char *values[MAX_FIELDS];
  char references[MAX_FIELDS][LIAISON_UUID_MAP_BUFFER];
  g_autoptr(GArray) link_rows = g_array_new (FALSE, FALSE, sizeof (LinkRow));
  g_autoptr(GArray) links = g_array_new (FALSE, FALSE, sizeof (LiaisonLinkView));
  g_autoptr(GString) link_text = g_string_sized_new (1024);
  int rc;

  g_return_val_if_fail (kind < LIAISON_N_RECORD_KINDS, FALSE);

  fields = liaison_record_kind_get_fields (kind, &n_fields);
  g_assert (n_fields <= MAX_FIELDS);
  select = build_select (kind);

  for (guint i = 0; i < G_N_ELEMENTS (link_streams); i++)
    {
      const LinkStream *link = &link_streams[i];

      if (link->owner == kind &&
          !stream_open (store, &streams[n_streams++], link->select, link->type,
                        link->target != NO_MAP ? self->maps[link->target] : NULL,
                        link->signatory != NO_MAP ? self->maps[link->signatory] : NULL))
        goto failed;
    }

  if (kind != LIAISON_RECORD_SOURCE)
    {
      g_autofree char *citations = NULL;

      citations = g_strdup_printf ("SELECT t.id, s.uuid, c.detail, NULL FROM %s t"
                                   " JOIN citation c ON c.record_uuid = t.uuid"
                                   " JOIN source s ON s.id = c.source_id ORDER BY t.id, c.position",
                                   _liaison_store_table_of (kind));
      if (!stream_open (store, &streams[n_streams++], citations, LIAISON_LINK_CITATION, NULL, NULL))
        goto failed;
    }

  rc = sqlite3_prepare_v2 (_liaison_store_get_db (store), select, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      _liaison_store_set_error (store, error, rc, _("read a record"));
      goto out;
    }

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      LiaisonRecordView view = { kind, sqlite3_column_int64 (stmt, 0), };

      view.uuid = column_text (stmt, 1);
      view.created = column_text (stmt, 3);
      view.modified = column_text (stmt, 4);
      for (guint i = 0; i < n_fields; i++)
        if (fields[i].type == LIAISON_FIELD_REFERENCE)
          {
            const char *uuid = NULL;

            if (sqlite3_column_type (stmt, (int) i + 5) != SQLITE_NULL)
              uuid = _liaison_uuid_map_lookup (self->maps[fields[i].target],
                                               sqlite3_column_int64 (stmt, (int) i + 5),
                                               references[i]);
            values[i] = uuid != NULL && *uuid != '\0' ? uuid : NULL;
          }
        else
          values[i] = column_text (stmt, (int) i + 5);

      g_array_set_size (link_rows, 0);
      g_string_truncate (link_text, 0);
      for (guint i = 0; i < n_streams; i++)
        if (!stream_merge (&streams[i], view.id, link_rows, link_text))
          goto failed;

      g_array_set_size (links, link_rows->len);
      for (guint i = 0; i < link_rows->len; i++)
        {
          const LinkRow *row = &g_array_index (link_rows, LinkRow, i);
          LiaisonLinkView *link = &g_array_index (links, LiaisonLinkView, i);

          link->type = row->type;
          link->target = link_text->str + row->target;
          link->role = row->role >= 0 ? link_text->str + row->role : NULL;
          link->signatory = row->signatory >= 0 ? link_text->str + row->signatory : NULL;
        }

      view.fields = values;
      view.links = (const LiaisonLinkView *) (gpointer) links->data;
      view.n_links = links->len;
      if (!func (&view, user_data, error))
        goto out;
    }

  if (rc != SQLITE_DONE)
    {
      _liaison_store_set_error (store, error, rc, _("read a record"));
      goto out;
    }

  ok = TRUE;
  goto out;

failed:
  for (guint i = 0; i < n_streams; i++)
    if (streams[i].rc != SQLITE_ROW && streams[i].rc != SQLITE_DONE)
      {
        _liaison_store_set_error (store, error, streams[i].rc, _("read a record"));
        break;
      }

out:
  for (guint i = 0; i < n_streams; i++)
    sqlite3_finalize (streams[i].stmt);
  sqlite3_finalize (stmt);
  return ok;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-store"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "liaison-record-private.h"
#include "liaison-store-stream-private.h"

/*
 * Every record of a kind in id order, for the export: one SELECT over the kind's
 * table, and one per link table ordered by the owner's id, stepped alongside it and
 * merged.  Each record is built as liaison_store_load() builds it (the same columns,
 * the links in the same order), but no statement runs per record and no id list is
 * held: memory stays flat whatever the size of the table.
 */

/* The link streams of each kind, in the order liaison-store-links.c loads them:
 * owner id, target, role, signatory. */
typedef struct {
  LiaisonRecordKind owner;
  LiaisonLinkType   type;
  const char       *select;
} LinkStream;

static const LinkStream link_streams[] = {
  { LIAISON_RECORD_AGREEMENT, LIAISON_LINK_PARTY,
    "SELECT p.agreement_id, i.uuid, p.role, s.uuid FROM agreement_party p JOIN institution i ON i.id = p.institution_id"
    " LEFT JOIN person s ON s.id = p.signatory_id ORDER BY p.agreement_id, p.position" },
  { LIAISON_RECORD_AGREEMENT, LIAISON_LINK_TAG,
    "SELECT a.agreement_id, t.name, NULL, NULL FROM agreement_tag a JOIN tag t ON t.id = a.tag_id"
    " ORDER BY a.agreement_id, a.position" },
  { LIAISON_RECORD_EVENT, LIAISON_LINK_INSTITUTION,
    "SELECT e.event_id, i.uuid, e.role, NULL FROM event_institution e JOIN institution i ON i.id = e.institution_id"
    " ORDER BY e.event_id, e.position" },
  { LIAISON_RECORD_EVENT, LIAISON_LINK_PERSON,
    "SELECT e.event_id, p.uuid, e.role, NULL FROM event_person e JOIN person p ON p.id = e.person_id"
    " ORDER BY e.event_id, e.position" },
  { LIAISON_RECORD_EVENT, LIAISON_LINK_AGREEMENT,
    "SELECT e.event_id, a.uuid, NULL, NULL FROM event_agreement e JOIN agreement a ON a.id = e.agreement_id"
    " ORDER BY e.event_id, e.position" },
  { LIAISON_RECORD_EVENT, LIAISON_LINK_TAG,
    "SELECT e.event_id, t.name, NULL, NULL FROM event_tag e JOIN tag t ON t.id = e.tag_id"
    " ORDER BY e.event_id, e.position" },
};

#define MAX_STREAMS 6

typedef struct {
  sqlite3_stmt    *stmt;
  LiaisonLinkType  type;
  int              rc;     /* of the last step: SQLITE_ROW while rows remain */
} Stream;

static gboolean
stream_open (LiaisonStore  *self,
             Stream        *stream,
             const char    *sql,
             LiaisonLinkType type)
{
  stream->type = type;
  stream->rc = sqlite3_prepare_v2 (_liaison_store_get_db (self), sql, -1, &stream->stmt, NULL);
  if (stream->rc == SQLITE_OK)
    stream->rc = sqlite3_step (stream->stmt);
  return stream->rc == SQLITE_ROW || stream->rc == SQLITE_DONE;
}

/* Adds the links of @stream that belong to @record, skipping any of an earlier id. */
static gboolean
stream_merge (Stream        *stream,
              LiaisonRecord *record)
{
  gint64 id = liaison_record_get_id (record);

  while (stream->rc == SQLITE_ROW)
    {
      gint64 owner = sqlite3_column_int64 (stream->stmt, 0);

      if (owner > id)
        break;
      if (owner == id)
        liaison_record_add_link (record,
                                 liaison_link_new (stream->type,
                                                   (const char *) sqlite3_column_text (stream->stmt, 1),
                                                   (const char *) sqlite3_column_text (stream->stmt, 2),
                                                   (const char *) sqlite3_column_text (stream->stmt, 3)));
      stream->rc = sqlite3_step (stream->stmt);
    }

  return stream->rc == SQLITE_ROW || stream->rc == SQLITE_DONE;
}

/**
 * _liaison_store_foreach_record:
 * @func: called with each record of @kind, in id order, with its links; returning
 *   %FALSE (with its error set) stops the walk
 *
 * Reads in the current transaction; the caller holds one for a consistent snapshot.
 */
gboolean
_liaison_store_foreach_record (LiaisonStore           *self,
                               LiaisonRecordKind       kind,
                               LiaisonStoreRecordFunc  func,
                               gpointer                user_data,
                               GError                **error)
{
  g_autofree char *select = NULL;
  sqlite3_stmt *stmt = NULL;
  Stream streams[MAX_STREAMS + 1] = { { NULL, 0, 0 }, };
  guint n_streams = 0;
  gboolean ok = FALSE;
  const char *where;
  int rc;

  g_return_val_if_fail (LIAISON_IS_STORE (self), FALSE);
  g_return_val_if_fail (kind < LIAISON_N_RECORD_KINDS, FALSE);

  /* The statement of liaison_store_load(), over the whole table in id order. */
  where = strstr (self->select_sql[kind], " WHERE t.id = ?1");
  g_assert (where != NULL);
  select = g_strdup_printf ("%.*s ORDER BY t.id", (int) (where - self->select_sql[kind]), self->select_sql[kind]);

  for (guint i = 0; i < G_N_ELEMENTS (link_streams); i++)
    if (link_streams[i].owner == kind &&
        !stream_open (self, &streams[n_streams++], link_streams[i].select, link_streams[i].type))
      goto failed;

  if (kind != LIAISON_RECORD_SOURCE)
    {
      g_autofree char *citations = NULL;

      citations = g_strdup_printf ("SELECT t.id, s.uuid, c.detail, NULL FROM %s t"
                                   " JOIN citation c ON c.record_uuid = t.uuid"
                                   " JOIN source s ON s.id = c.source_id ORDER BY t.id, c.position",
                                   _liaison_store_table_of (kind));
      if (!stream_open (self, &streams[n_streams++], citations, LIAISON_LINK_CITATION))
        goto failed;
    }

  rc = sqlite3_prepare_v2 (self->db, select, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      _liaison_store_set_error (self, error, rc, _("read a record"));
      goto out;
    }

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(LiaisonRecord) record = _liaison_store_record_from_row (kind, stmt);

      for (guint i = 0; i < n_streams; i++)
        if (!stream_merge (&streams[i], record))
          goto failed;
      g_object_thaw_notify (G_OBJECT (record));

      if (!func (record, user_data, error))
        goto out;
    }

  if (rc != SQLITE_DONE)
    {
      _liaison_store_set_error (self, error, rc, _("read a record"));
      goto out;
    }

  ok = TRUE;
  goto out;

failed:
  for (guint i = 0; i < n_streams; i++)
    if (streams[i].rc != SQLITE_ROW && streams[i].rc != SQLITE_DONE)
      {
        _liaison_store_set_error (self, error, streams[i].rc, _("read a record"));
        break;
      }

out:
  for (guint i = 0; i < n_streams; i++)
    sqlite3_finalize (streams[i].stmt);
  sqlite3_finalize (stmt);
  return ok;
}

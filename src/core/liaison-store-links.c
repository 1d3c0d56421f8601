/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "liaison-error.h"
#include "liaison-record-private.h"
#include "liaison-store-private.h"

/* The links of a record (parties, participants, tags, citations): one table per link
 * type, rewritten whole when the record is saved. */

/* Link tables: which table holds a link type for a record kind, and its columns. */
typedef struct {
  LiaisonRecordKind owner;
  LiaisonLinkType   type;
  const char       *insert;
  const char       *select;
  const char       *clear;
} LinkTable;

static const LinkTable link_tables[] = {
  { LIAISON_RECORD_AGREEMENT, LIAISON_LINK_PARTY,
    "INSERT INTO agreement_party (agreement_id, institution_id, role, signatory_id, position) VALUES (?1, ?2, ?3, ?4, ?5)",
    "SELECT i.uuid, p.role, s.uuid FROM agreement_party p JOIN institution i ON i.id = p.institution_id"
    " LEFT JOIN person s ON s.id = p.signatory_id WHERE p.agreement_id = ?1 ORDER BY p.position",
    "DELETE FROM agreement_party WHERE agreement_id = ?1" },
  { LIAISON_RECORD_AGREEMENT, LIAISON_LINK_TAG,
    "INSERT INTO agreement_tag (agreement_id, tag_id, position) VALUES (?1, ?2, ?5)",
    "SELECT t.name, NULL, NULL FROM agreement_tag a JOIN tag t ON t.id = a.tag_id"
    " WHERE a.agreement_id = ?1 ORDER BY a.position",
    "DELETE FROM agreement_tag WHERE agreement_id = ?1" },
  { LIAISON_RECORD_EVENT, LIAISON_LINK_INSTITUTION,
    "INSERT INTO event_institution (event_id, institution_id, role, position) VALUES (?1, ?2, ?3, ?5)",
    "SELECT i.uuid, e.role, NULL FROM event_institution e JOIN institution i ON i.id = e.institution_id"
    " WHERE e.event_id = ?1 ORDER BY e.position",
    "DELETE FROM event_institution WHERE event_id = ?1" },
  { LIAISON_RECORD_EVENT, LIAISON_LINK_PERSON,
    "INSERT INTO event_person (event_id, person_id, role, position) VALUES (?1, ?2, ?3, ?5)",
    "SELECT p.uuid, e.role, NULL FROM event_person e JOIN person p ON p.id = e.person_id"
    " WHERE e.event_id = ?1 ORDER BY e.position",
    "DELETE FROM event_person WHERE event_id = ?1" },
  { LIAISON_RECORD_EVENT, LIAISON_LINK_AGREEMENT,
    "INSERT INTO event_agreement (event_id, agreement_id, position) VALUES (?1, ?2, ?5)",
    "SELECT a.uuid, NULL, NULL FROM event_agreement e JOIN agreement a ON a.id = e.agreement_id"
    " WHERE e.event_id = ?1 ORDER BY e.position",
    "DELETE FROM event_agreement WHERE event_id = ?1" },
  { LIAISON_RECORD_EVENT, LIAISON_LINK_TAG,
    "INSERT INTO event_tag (event_id, tag_id, position) VALUES (?1, ?2, ?5)",
    "SELECT t.name, NULL, NULL FROM event_tag e JOIN tag t ON t.id = e.tag_id"
    " WHERE e.event_id = ?1 ORDER BY e.position",
    "DELETE FROM event_tag WHERE event_id = ?1" },
};

/* Citations are keyed by the citing record's UUID, so one table serves every kind. */
#define CITATION_INSERT "INSERT INTO citation (record_uuid, source_id, detail, position) VALUES (?1, ?2, ?3, ?5)"
#define CITATION_SELECT "SELECT s.uuid, c.detail, NULL FROM citation c JOIN source s ON s.id = c.source_id" \
                        " WHERE c.record_uuid = ?1 ORDER BY c.position"
#define CITATION_CLEAR  "DELETE FROM citation WHERE record_uuid = ?1"

/* Adds the link in the columns @first… (target, role, signatory) of @stmt's row. */
static void
add_link_from_row (LiaisonRecord   *record,
                   LiaisonLinkType  type,
                   sqlite3_stmt    *stmt,
                   int              first)
{
  liaison_record_add_link (record,
                           liaison_link_new (type,
                                             (const char *) sqlite3_column_text (stmt, first),
                                             (const char *) sqlite3_column_text (stmt, first + 1),
                                             (const char *) sqlite3_column_text (stmt, first + 2)));
}

/* Ends reading links: resets @stmt and turns its last step @rc into @error. */
static gboolean
links_read (LiaisonStore   *self,
            sqlite3_stmt   *stmt,
            int             rc,
            GError        **error)
{
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _liaison_store_set_error (self, error, rc, _("read a record"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
load_links (LiaisonStore   *self,
            LiaisonRecord  *record,
            const char     *select,
            LiaisonLinkType type,
            GError        **error)
{
  sqlite3_stmt *stmt = _liaison_store_prepare (self, select, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  if (type == LIAISON_LINK_CITATION)
    _liaison_store_bind_text (stmt, 1, liaison_record_get_uuid (record));
  else
    sqlite3_bind_int64 (stmt, 1, liaison_record_get_id (record));

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    add_link_from_row (record, type, stmt, 0);

  return links_read (self, stmt, rc, error);
}

/* Reads every link of @record, which holds its id and UUID. */
gboolean
_liaison_store_load_links (LiaisonStore   *self,
                           LiaisonRecord  *record,
                           GError        **error)
{
  LiaisonRecordKind kind = liaison_record_get_kind (record);

  for (guint i = 0; i < G_N_ELEMENTS (link_tables); i++)
    if (link_tables[i].owner == kind &&
        !load_links (self, record, link_tables[i].select, link_tables[i].type, error))
      return FALSE;

  if (kind != LIAISON_RECORD_SOURCE &&
      !load_links (self, record, CITATION_SELECT, LIAISON_LINK_CITATION, error))
    return FALSE;

  return TRUE;
}

/* The batch form of a link select: the owner column first, the owners as a JSON array
 * in ?1 (@owners: the subquery they are read from), the rows of one owner together and
 * in their order.  Derived from the single-record select, so each is written once. */
static char *
select_many_sql (const char *select,
                 const char *owners)
{
  const char *where = strstr (select, " WHERE ");
  const char *param = strstr (select, " = ?1 ORDER BY ");
  g_autofree char *owner = NULL;

  g_assert (g_str_has_prefix (select, "SELECT ") && where != NULL && param != NULL && param > where);
  owner = g_strndup (where + strlen (" WHERE "), (gsize) (param - where) - strlen (" WHERE "));

  return g_strdup_printf ("SELECT %s, %.*s IN (%s) ORDER BY %s, %s",
                          owner, (int) (param - select - strlen ("SELECT ")), select + strlen ("SELECT "),
                          owners, owner, param + strlen (" = ?1 ORDER BY "));
}

static gboolean
load_links_many (LiaisonStore    *self,
                 const char      *select,
                 LiaisonLinkType  type,
                 const char      *owners,
                 const char      *ids_json,
                 GHashTable      *records,
                 GError         **error)
{
  g_autofree char *sql = select_many_sql (select, owners);
  sqlite3_stmt *stmt = _liaison_store_prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  _liaison_store_bind_text (stmt, 1, ids_json);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      LiaisonRecord *record;

      if (type == LIAISON_LINK_CITATION)
        record = g_hash_table_lookup (records, sqlite3_column_text (stmt, 0));
      else
        {
          gint64 id = sqlite3_column_int64 (stmt, 0);
          record = g_hash_table_lookup (records, &id);
        }
      if (record != NULL)
        add_link_from_row (record, type, stmt, 1);
    }

  return links_read (self, stmt, rc, error);
}

/**
 * _liaison_store_load_links_many:
 * @ids_json: the records' ids as a JSON array
 * @by_id: id (gint64) → #LiaisonRecord of @kind, holding its id and UUID
 * @by_uuid: UUID → the same records
 *
 * Reads every link of many records: one statement per link table.
 */
gboolean
_liaison_store_load_links_many (LiaisonStore       *self,
                                LiaisonRecordKind   kind,
                                const char         *ids_json,
                                GHashTable         *by_id,
                                GHashTable         *by_uuid,
                                GError            **error)
{
  g_autofree char *citing = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (link_tables); i++)
    if (link_tables[i].owner == kind &&
        !load_links_many (self, link_tables[i].select, link_tables[i].type,
                          "SELECT value FROM json_each(?1)", ids_json, by_id, error))
      return FALSE;

  if (kind == LIAISON_RECORD_SOURCE)
    return TRUE;

  citing = g_strdup_printf ("SELECT uuid FROM %s WHERE id IN (SELECT value FROM json_each(?1))",
                            _liaison_store_table_of (kind));
  return load_links_many (self, CITATION_SELECT, LIAISON_LINK_CITATION, citing, ids_json, by_uuid, error);
}

gboolean
_liaison_store_insert_links (LiaisonStore   *self,
                             LiaisonRecord  *record,
                             GError        **error)
{
  LiaisonRecordKind kind = liaison_record_get_kind (record);
  GPtrArray *links = liaison_record_get_links (record);
  const char *label = liaison_record_kind_get_label (kind);

  for (guint i = 0; i < links->len; i++)
    {
      const LiaisonLink *link = g_ptr_array_index (links, i);
      const char *sql = NULL;
      LiaisonRecordKind target_kind = LIAISON_RECORD_SOURCE;
      sqlite3_stmt *stmt;
      gint64 target_id = 0;
      gint64 signatory_id = 0;
      int rc;

      if (link->type == LIAISON_LINK_CITATION)
        sql = CITATION_INSERT;
      for (guint t = 0; t < G_N_ELEMENTS (link_tables) && sql == NULL; t++)
        if (link_tables[t].owner == kind && link_tables[t].type == link->type)
          sql = link_tables[t].insert;
      g_assert (sql != NULL);

      switch (link->type)
        {
        case LIAISON_LINK_PARTY:
        case LIAISON_LINK_INSTITUTION:
          target_kind = LIAISON_RECORD_INSTITUTION;
          break;
        case LIAISON_LINK_PERSON:
          target_kind = LIAISON_RECORD_PERSON;
          break;
        case LIAISON_LINK_AGREEMENT:
          target_kind = LIAISON_RECORD_AGREEMENT;
          break;
        case LIAISON_LINK_CITATION:
          target_kind = LIAISON_RECORD_SOURCE;
          break;
        case LIAISON_LINK_TAG:
        default:
          break;
        }

      if (link->type == LIAISON_LINK_TAG)
        {
          sqlite3_stmt *tag = _liaison_store_prepare (self, "INSERT INTO tag (name) VALUES (?1)"
                                                      " ON CONFLICT (name) DO UPDATE SET name = name RETURNING id", error);
          if (tag == NULL)
            return FALSE;
          _liaison_store_bind_text (tag, 1, link->target);
          rc = sqlite3_step (tag);
          if (rc == SQLITE_ROW)
            target_id = sqlite3_column_int64 (tag, 0);
          sqlite3_reset (tag);
          if (rc != SQLITE_ROW)
            {
              _liaison_store_set_error (self, error, rc, _("save a tag"));
              return FALSE;
            }
        }
      else
        {
          target_id = _liaison_store_lookup_id (self, target_kind, link->target);
          if (target_id == 0)
            {
              g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_DANGLING_REFERENCE,
                           _("%s “%s” refers to the %s %s, which is not in the database"),
                           label, liaison_record_get_title (record),
                           liaison_record_kind_to_string (target_kind), link->target);
              return FALSE;
            }
        }

      if (link->signatory != NULL)
        {
          signatory_id = _liaison_store_lookup_id (self, LIAISON_RECORD_PERSON, link->signatory);
          if (signatory_id == 0)
            {
              g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_DANGLING_REFERENCE,
                           _("%s “%s” names the signatory %s, who is not in the database"),
                           label, liaison_record_get_title (record), link->signatory);
              return FALSE;
            }
        }

      stmt = _liaison_store_prepare (self, sql, error);
      if (stmt == NULL)
        return FALSE;

      if (link->type == LIAISON_LINK_CITATION)
        _liaison_store_bind_text (stmt, 1, liaison_record_get_uuid (record));
      else
        sqlite3_bind_int64 (stmt, 1, liaison_record_get_id (record));
      sqlite3_bind_int64 (stmt, 2, target_id);
      if (sqlite3_bind_parameter_count (stmt) >= 3)
        _liaison_store_bind_text (stmt, 3, link->role);
      if (sqlite3_bind_parameter_count (stmt) >= 4)
        {
          if (signatory_id)
            sqlite3_bind_int64 (stmt, 4, signatory_id);
          else
            sqlite3_bind_null (stmt, 4);
        }
      sqlite3_bind_int (stmt, 5, (int) i);

      rc = sqlite3_step (stmt);
      sqlite3_reset (stmt);
      if ((rc & 0xff) == SQLITE_CONSTRAINT)
        {
          g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_DUPLICATE,
                       _("%s “%s” lists “%s” twice; remove the second one"),
                       label, liaison_record_get_title (record), link->target);
          return FALSE;
        }
      if (rc != SQLITE_DONE)
        {
          _liaison_store_set_error (self, error, rc, _("save the record’s links"));
          return FALSE;
        }
    }

  return TRUE;
}

gboolean
_liaison_store_clear_links (LiaisonStore   *self,
                            LiaisonRecord  *record,
                            GError        **error)
{
  LiaisonRecordKind kind = liaison_record_get_kind (record);

  for (guint i = 0; i <= G_N_ELEMENTS (link_tables); i++)
    {
      gboolean citation = (i == G_N_ELEMENTS (link_tables));
      sqlite3_stmt *stmt;
      int rc;

      if (citation ? kind == LIAISON_RECORD_SOURCE : link_tables[i].owner != kind)
        continue;

      stmt = _liaison_store_prepare (self, citation ? CITATION_CLEAR : link_tables[i].clear, error);
      if (stmt == NULL)
        return FALSE;
      if (citation)
        _liaison_store_bind_text (stmt, 1, liaison_record_get_uuid (record));
      else
        sqlite3_bind_int64 (stmt, 1, liaison_record_get_id (record));
      rc = sqlite3_step (stmt);
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        {
          _liaison_store_set_error (self, error, rc, _("save the record’s links"));
          return FALSE;
        }
    }
  return TRUE;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "liaison-report-private.h"
#include "liaison-store-private.h"

/*
 * The SQL of reports, CSV and iCalendar, kept apart from liaison-store.c.
 *
 * A report first puts the ids its filters select into a temporary table of its own
 * connection ("the selection"), in order; the summary counts and the list then read
 * from it, so that they always agree and nothing is held in memory.
 */

/* The latest day a partial date may mean, as text that sorts ("2025-02-31" is fine). */
#define LATEST(d) "(CASE length(" d ") WHEN 4 THEN " d " || '-12-31' WHEN 7 THEN " d " || '-31' ELSE " d " END)"
#define EARLIEST(d) "(CASE length(" d ") WHEN 4 THEN " d " || '-01-01' WHEN 7 THEN " d " || '-01' ELSE " d " END)"
#define YEAR_OF(d) "(CASE WHEN " d " IS NULL OR " d " LIKE '--%' THEN NULL ELSE substr(" d ", 1, 4) END)"
#define SELECTED(t) " FROM temp.liaison_selection s JOIN " t " x ON x.id = s.id "

static const struct {
  const char *sql;
  guint       n_columns;
} row_sets[LIAISON_N_ROWS] = {
  [LIAISON_ROWS_PARTIES] = {
    "SELECT i.uuid, i.name, i.local_name, p.role, s.uuid, s.name, s.local_name"
    " FROM agreement_party p JOIN institution i ON i.id = p.institution_id"
    " LEFT JOIN person s ON s.id = p.signatory_id WHERE p.agreement_id = ?1 ORDER BY p.position", 7 },
  [LIAISON_ROWS_SUB_AGREEMENTS] = {
    "SELECT uuid, title, kind, status, signed_date FROM agreement WHERE parent_id = ?1"
    " ORDER BY signed_date IS NULL, signed_date, title COLLATE NOCASE", 5 },
  [LIAISON_ROWS_AGREEMENT_EVENTS] = {
    "SELECT e.uuid, e.title, e.kind, e.event_date FROM event_agreement x JOIN event e ON e.id = x.event_id"
    " WHERE x.agreement_id = ?1 ORDER BY e.event_date IS NULL, e.event_date, e.title COLLATE NOCASE", 4 },
  [LIAISON_ROWS_CITATIONS] = {
    "SELECT s.uuid, s.title, s.publisher, s.published, c.detail FROM citation c JOIN source s ON s.id = c.source_id"
    " WHERE c.record_uuid = ?2 ORDER BY c.position", 5 },
  [LIAISON_ROWS_EVENT_INSTITUTIONS] = {
    "SELECT i.uuid, i.name, i.local_name, e.role FROM event_institution e JOIN institution i ON i.id = e.institution_id"
    " WHERE e.event_id = ?1 ORDER BY e.position", 4 },
  [LIAISON_ROWS_EVENT_PEOPLE] = {
    "SELECT p.uuid, p.name, p.local_name, e.role, i.name FROM event_person e JOIN person p ON p.id = e.person_id"
    " LEFT JOIN institution i ON i.id = p.institution_id WHERE e.event_id = ?1 ORDER BY e.position", 5 },
  [LIAISON_ROWS_EVENT_AGREEMENTS] = {
    "SELECT a.uuid, a.title, a.kind, a.status FROM event_agreement x JOIN agreement a ON a.id = x.agreement_id"
    " WHERE x.event_id = ?1 ORDER BY x.position", 4 },
  [LIAISON_ROWS_SUB_UNITS] = {
    "SELECT uuid, name, local_name, kind FROM institution WHERE parent_id = ?1 ORDER BY name COLLATE NOCASE", 4 },
  [LIAISON_ROWS_PEOPLE] = {
    "SELECT uuid, name, local_name, role, email, phone FROM person WHERE institution_id = ?1"
    " ORDER BY name COLLATE NOCASE", 6 },
  [LIAISON_ROWS_TIMELINE] = {
    "SELECT d, what, uuid, title FROM ("
    " SELECT a.signed_date AS d, 'signed' AS what, a.uuid AS uuid, a.title AS title, 1 AS o FROM agreement a"
    "  JOIN agreement_party p ON p.agreement_id = a.id WHERE p.institution_id = ?1 AND a.signed_date IS NOT NULL"
    " UNION ALL SELECT a.start_date, 'start', a.uuid, a.title, 2 FROM agreement a"
    "  JOIN agreement_party p ON p.agreement_id = a.id WHERE p.institution_id = ?1 AND a.start_date IS NOT NULL"
    " UNION ALL SELECT a.notice_date, 'notice', a.uuid, a.title, 3 FROM agreement a"
    "  JOIN agreement_party p ON p.agreement_id = a.id WHERE p.institution_id = ?1 AND a.notice_date IS NOT NULL"
    " UNION ALL SELECT a.end_date, 'end', a.uuid, a.title, 4 FROM agreement a"
    "  JOIN agreement_party p ON p.agreement_id = a.id WHERE p.institution_id = ?1 AND a.end_date IS NOT NULL"
    " UNION ALL SELECT e.event_date, 'event', e.uuid, e.title, 0 FROM event e WHERE e.event_date IS NOT NULL"
    "  AND (e.host_id = ?1 OR e.id IN (SELECT event_id FROM event_institution WHERE institution_id = ?1))"
    ") ORDER BY d LIKE '--%', " EARLIEST ("d") ", o, title COLLATE NOCASE", 4 },
  [LIAISON_ROWS_COUNT_STATUS] = {
    "SELECT x.status, count(*)" SELECTED ("agreement") "GROUP BY x.status ORDER BY count(*) DESC, x.status", 2 },
  [LIAISON_ROWS_COUNT_AGREEMENT_KIND] = {
    "SELECT x.kind, count(*)" SELECTED ("agreement") "GROUP BY x.kind ORDER BY count(*) DESC, x.kind", 2 },
  [LIAISON_ROWS_COUNT_SIGNED_YEAR] = {
    "SELECT " YEAR_OF ("x.signed_date") " AS y, count(*)" SELECTED ("agreement") "GROUP BY y ORDER BY y IS NULL, y", 2 },
  [LIAISON_ROWS_DEADLINES] = {
    "SELECT what, d, uuid, title, status FROM ("
    " SELECT 'end' AS what, x.end_date AS d, x.uuid AS uuid, x.title AS title, x.status AS status" SELECTED ("agreement")
    "  WHERE x.end_date NOT LIKE '--%' AND x.status NOT IN ('expired', 'terminated')"
    "  AND " LATEST ("x.end_date") " BETWEEN ?2 AND ?3"
    " UNION ALL SELECT 'notice', x.notice_date, x.uuid, x.title, x.status" SELECTED ("agreement")
    "  WHERE x.notice_date NOT LIKE '--%' AND x.status NOT IN ('expired', 'terminated')"
    "  AND " LATEST ("x.notice_date") " BETWEEN ?2 AND ?3"
    ") ORDER BY " LATEST ("d") ", what, title COLLATE NOCASE", 5 },
  [LIAISON_ROWS_COUNT_EVENT_KIND] = {
    "SELECT x.kind, count(*)" SELECTED ("event") "GROUP BY x.kind ORDER BY count(*) DESC, x.kind", 2 },
  [LIAISON_ROWS_COUNT_EVENT_YEAR] = {
    "SELECT " YEAR_OF ("x.event_date") " AS y, count(*)" SELECTED ("event") "GROUP BY y ORDER BY y IS NULL, y", 2 },
  [LIAISON_ROWS_SELECTION] = {
    "SELECT id FROM temp.liaison_selection ORDER BY pos", 1 },
  [LIAISON_ROWS_FIND_INSTITUTION] = {
    "SELECT uuid, name FROM institution WHERE name = ?2 COLLATE NOCASE OR local_name = ?2"
    " OR short_name = ?2 COLLATE NOCASE ORDER BY name COLLATE NOCASE LIMIT 10", 2 },
  [LIAISON_ROWS_AGREEMENT_PARTY_NAMES] = {
    "SELECT group_concat(name, '; ') FROM (SELECT i.name AS name FROM agreement_party p"
    " JOIN institution i ON i.id = p.institution_id WHERE p.agreement_id = ?1 ORDER BY p.position)", 1 },
  [LIAISON_ROWS_INSTITUTION_COUNTS] = {
    "SELECT (SELECT count(*) FROM agreement_party WHERE institution_id = ?1),"
    " (SELECT count(*) FROM person WHERE institution_id = ?1),"
    " (SELECT count(*) FROM institution WHERE parent_id = ?1)", 3 },
};

#define MAX_COLUMNS 8

/**
 * _liaison_store_rows:
 * @id: bound to ?1
 * @text: (nullable): bound to ?2
 * @text2: (nullable): bound to ?3
 *
 * Runs one of the row sets and hands each row to @func; stops at the first error.
 */
gboolean
_liaison_store_rows (LiaisonStore    *self,
                     LiaisonRows      rows,
                     gint64           id,
                     const char      *text,
                     const char      *text2,
                     LiaisonRowFunc   func,
                     gpointer         user_data,
                     GError         **error)
{
  const char *columns[MAX_COLUMNS + 1] = { NULL };
  sqlite3_stmt *stmt;
  guint n_columns;
  int rc;

  g_assert (rows < LIAISON_N_ROWS);
  n_columns = row_sets[rows].n_columns;
  g_assert (n_columns <= MAX_COLUMNS);

  stmt = _liaison_store_prepare (self, row_sets[rows].sql, error);
  if (stmt == NULL)
    return FALSE;

  if (sqlite3_bind_parameter_index (stmt, "?1") > 0)
    sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, "?1"), id);
  if (text != NULL && sqlite3_bind_parameter_index (stmt, "?2") > 0)
    sqlite3_bind_text (stmt, sqlite3_bind_parameter_index (stmt, "?2"), text, -1, SQLITE_TRANSIENT);
  if (text2 != NULL && sqlite3_bind_parameter_index (stmt, "?3") > 0)
    sqlite3_bind_text (stmt, sqlite3_bind_parameter_index (stmt, "?3"), text2, -1, SQLITE_TRANSIENT);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gboolean ok;

      for (guint i = 0; i < n_columns; i++)
        columns[i] = (const char *) sqlite3_column_text (stmt, (int) i);

      ok = func (columns, user_data, error);
      if (!ok)
        {
          sqlite3_reset (stmt);
          return FALSE;
        }
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      _liaison_store_set_error (self, error, rc, _("read the records for the report"));
      return FALSE;
    }
  return TRUE;
}

/**
 * _liaison_store_select:
 * @ids: (element-type gint64): the records, in order, as liaison_store_query() found them
 * @ending_before: (nullable): agreements only: keep those whose end date lies before
 *   this day (YYYY-MM-DD); a partial end date counts by the last day it may mean
 *
 * Makes @ids the selection that %LIAISON_ROWS_SELECTION and the counts read.
 *
 * Returns: how many records the selection holds, or -1 with @error set
 */
gint64
_liaison_store_select (LiaisonStore       *self,
                       LiaisonRecordKind   kind,
                       GArray             *ids,
                       const char         *ending_before,
                       GError            **error)
{
  sqlite3 *db = _liaison_store_get_db (self);
  g_autofree char *insert = NULL;
  sqlite3_stmt *stmt;
  gint64 n = 0;
  int rc;

  g_assert (ending_before == NULL || kind == LIAISON_RECORD_AGREEMENT);

  rc = sqlite3_exec (db,
                     "CREATE TEMP TABLE IF NOT EXISTS liaison_selection (pos INTEGER PRIMARY KEY, id INTEGER NOT NULL);"
                     "DELETE FROM temp.liaison_selection;"
                     "SAVEPOINT liaison_select", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      _liaison_store_set_error (self, error, rc, _("prepare the report"));
      return -1;
    }

  insert = g_strdup_printf ("INSERT INTO temp.liaison_selection (id) SELECT id FROM %s WHERE id = ?1%s",
                            liaison_record_kind_to_string (kind),
                            ending_before ? " AND end_date NOT LIKE '--%' AND " LATEST ("end_date") " < ?2" : "");
  stmt = _liaison_store_prepare (self, insert, error);
  if (stmt == NULL)
    goto failed;

  for (guint i = 0; i < ids->len; i++)
    {
      sqlite3_bind_int64 (stmt, 1, g_array_index (ids, gint64, i));
      if (ending_before)
        sqlite3_bind_text (stmt, 2, ending_before, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        {
          _liaison_store_set_error (self, error, rc, _("prepare the report"));
          goto failed;
        }
      n += sqlite3_changes (db);
    }

  sqlite3_exec (db, "RELEASE liaison_select", NULL, NULL, NULL);
  return n;

failed:
  sqlite3_exec (db, "ROLLBACK TO liaison_select; RELEASE liaison_select", NULL, NULL, NULL);
  return -1;
}

void
_liaison_store_select_clear (LiaisonStore *self)
{
  sqlite3_exec (_liaison_store_get_db (self), "DROP TABLE IF EXISTS temp.liaison_selection", NULL, NULL, NULL);
}

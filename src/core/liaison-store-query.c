/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "liaison-date.h"
#include "liaison-error.h"
#include "liaison-record-private.h"
#include "liaison-store-private.h"

/* Queries: the SQL a LiaisonQuery becomes (search, filters, links, sort order), and
 * reading the ids it selects or counting them. */

gint64
liaison_store_count (LiaisonStore       *self,
                     LiaisonRecordKind   kind,
                     GError            **error)
{
  g_autoptr(LiaisonQuery) query = liaison_query_new (kind);

  return liaison_store_query_count (self, query, error);
}

/* Returns: (transfer full) (nullable): the SQL a query sorts by; no static buffer, since
 * queries run in worker threads too. */
static char *
sort_expression (LiaisonRecordKind  kind,
                 const char        *sort,
                 gboolean          *text)
{
  const LiaisonField *field;

  *text = FALSE;

  if (sort == NULL || *sort == '\0')
    sort = liaison_record_kind_get_fields (kind, NULL)[0].name;

  if (g_strcmp0 (sort, "id") == 0)
    return g_strdup ("t.id");

  if (g_strcmp0 (sort, "created") == 0 || g_strcmp0 (sort, "modified") == 0)
    return g_strdup (g_strcmp0 (sort, "created") == 0 ? "t.created" : "t.modified");

  if (kind == LIAISON_RECORD_INSTITUTION && g_strcmp0 (sort, "agreements") == 0)
    return g_strdup ("(SELECT count(*) FROM agreement_party p WHERE p.institution_id = t.id)");

  field = liaison_record_kind_find_field (kind, sort, NULL);
  if (field == NULL)
    return NULL;

  if (field->type == LIAISON_FIELD_REFERENCE)
    {
      *text = TRUE;
      return g_strdup_printf ("(SELECT %s FROM %s WHERE id = t.%s)",
                              liaison_record_kind_get_fields (field->target, NULL)[0].column,
                              _liaison_store_table_of (field->target), field->column);
    }

  *text = field->type == LIAISON_FIELD_LINE || field->type == LIAISON_FIELD_TEXT;
  return g_strdup_printf ("t.%s", field->column);
}

static void
append_linked_condition (GString           *sql,
                         LiaisonRecordKind  kind,
                         LiaisonRecordKind  linked_kind)
{
  /* ?3 is the linked record's id, ?4 its UUID. */
  const char *condition = NULL;

  if (linked_kind == LIAISON_RECORD_SOURCE)
    condition = "t.uuid IN (SELECT record_uuid FROM citation WHERE source_id = ?3)";
  else if (kind == LIAISON_RECORD_SOURCE)
    condition = "t.id IN (SELECT source_id FROM citation WHERE record_uuid = ?4)";
  else
    switch (kind * LIAISON_N_RECORD_KINDS + linked_kind)
      {
      case LIAISON_RECORD_INSTITUTION * LIAISON_N_RECORD_KINDS + LIAISON_RECORD_INSTITUTION:
        condition = "t.parent_id = ?3";
        break;
      case LIAISON_RECORD_INSTITUTION * LIAISON_N_RECORD_KINDS + LIAISON_RECORD_PERSON:
        condition = "t.id = (SELECT institution_id FROM person WHERE id = ?3)";
        break;
      case LIAISON_RECORD_INSTITUTION * LIAISON_N_RECORD_KINDS + LIAISON_RECORD_AGREEMENT:
        condition = "t.id IN (SELECT institution_id FROM agreement_party WHERE agreement_id = ?3)";
        break;
      case LIAISON_RECORD_INSTITUTION * LIAISON_N_RECORD_KINDS + LIAISON_RECORD_EVENT:
        condition = "(t.id IN (SELECT institution_id FROM event_institution WHERE event_id = ?3)"
                    " OR t.id = (SELECT host_id FROM event WHERE id = ?3))";
        break;
      case LIAISON_RECORD_PERSON * LIAISON_N_RECORD_KINDS + LIAISON_RECORD_INSTITUTION:
        condition = "t.institution_id = ?3";
        break;
      case LIAISON_RECORD_PERSON * LIAISON_N_RECORD_KINDS + LIAISON_RECORD_AGREEMENT:
        condition = "(t.id IN (SELECT signatory_id FROM agreement_party WHERE agreement_id = ?3)"
                    " OR t.id = (SELECT responsible_id FROM agreement WHERE id = ?3))";
        break;
      case LIAISON_RECORD_PERSON * LIAISON_N_RECORD_KINDS + LIAISON_RECORD_EVENT:
        condition = "t.id IN (SELECT person_id FROM event_person WHERE event_id = ?3)";
        break;
      case LIAISON_RECORD_AGREEMENT * LIAISON_N_RECORD_KINDS + LIAISON_RECORD_INSTITUTION:
        condition = "t.id IN (SELECT agreement_id FROM agreement_party WHERE institution_id = ?3)";
        break;
      case LIAISON_RECORD_AGREEMENT * LIAISON_N_RECORD_KINDS + LIAISON_RECORD_PERSON:
        condition = "(t.responsible_id = ?3 OR t.id IN (SELECT agreement_id FROM agreement_party WHERE signatory_id = ?3))";
        break;
      case LIAISON_RECORD_AGREEMENT * LIAISON_N_RECORD_KINDS + LIAISON_RECORD_AGREEMENT:
        condition = "t.parent_id = ?3";
        break;
      case LIAISON_RECORD_AGREEMENT * LIAISON_N_RECORD_KINDS + LIAISON_RECORD_EVENT:
        condition = "t.id IN (SELECT agreement_id FROM event_agreement WHERE event_id = ?3)";
        break;
      case LIAISON_RECORD_EVENT * LIAISON_N_RECORD_KINDS + LIAISON_RECORD_INSTITUTION:
        condition = "(t.host_id = ?3 OR t.id IN (SELECT event_id FROM event_institution WHERE institution_id = ?3))";
        break;
      case LIAISON_RECORD_EVENT * LIAISON_N_RECORD_KINDS + LIAISON_RECORD_PERSON:
        condition = "t.id IN (SELECT event_id FROM event_person WHERE person_id = ?3)";
        break;
      case LIAISON_RECORD_EVENT * LIAISON_N_RECORD_KINDS + LIAISON_RECORD_AGREEMENT:
        condition = "t.id IN (SELECT event_id FROM event_agreement WHERE agreement_id = ?3)";
        break;
      default:
        break;
      }

  g_string_append_printf (sql, " AND %s", condition ? condition : "0");
}

static char *
escape_like (const char *term)
{
  GString *out = g_string_new ("%");

  for (const char *p = term; *p; p++)
    {
      if (*p == '%' || *p == '_' || *p == '\\')
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '%');
  return g_string_free (out, FALSE);
}

/* The words of a search, split at any white space, the ideographic space (U+3000)
 * too; never inside a character. */
static GPtrArray *
split_search (const char *search)
{
  g_autofree char *valid = g_utf8_make_valid (search, -1);
  GPtrArray *terms = g_ptr_array_new_with_free_func (g_free);
  const char *start = NULL;

  for (const char *p = valid;; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == 0 || g_unichar_isspace (c))
        {
          if (start != NULL)
            g_ptr_array_add (terms, g_strndup (start, p - start));
          start = NULL;
          if (c == 0)
            break;
        }
      else if (start == NULL)
        start = p;
    }
  return terms;
}

/* Builds "FROM … WHERE …" for a query, and the values to bind from ?5 on; a walk also
 * needs the names of @with, "WITH …" before its SELECT (empty if none). */
static gboolean
build_where (LiaisonStore        *self,
             const LiaisonQuery  *query,
             gboolean             walk,
             GString             *with,
             GString             *sql,
             GPtrArray           *params,
             gint64              *linked_id,
             GError             **error)
{
  /* "+" keeps a term off the indexes: the rows are walked in the sort's order and
   * the terms tested on each, which finds the first rows of a common word fast. */
  const char *plus = walk ? "+" : "";
  LiaisonRecordKind kind = query->kind;
  const char *table = _liaison_store_table_of (kind);
  const char *date_field;

  g_string_append_printf (sql, " FROM %s t WHERE 1", table);

  if (query->search != NULL)
    {
      g_autoptr(GPtrArray) terms = split_search (query->search);
      guint n_fields;
      const LiaisonField *fields = liaison_record_kind_get_fields (kind, &n_fields);

      /* Every word must be found: in the record's own text or, for agreements and
       * events, in the names of the institutions taking part (华为 finds Huawei's
       * agreements).  Those go through the institutions' index, then the links. */
      for (guint i = 0; i < terms->len; i++)
        {
          const char *term = g_ptr_array_index (terms, i);
          gboolean by_names = kind == LIAISON_RECORD_AGREEMENT || kind == LIAISON_RECORD_EVENT;
          guint own = params->len + 5;
          g_autofree char *names = NULL;

          g_string_append (sql, " AND (");
          if (g_utf8_strlen (term, -1) >= 3)
            {
              /* A trigram phrase: any substring of three or more characters. */
              g_auto(GStrv) parts = g_strsplit (term, "\"", -1);
              g_autofree char *quoted = g_strjoinv ("\"\"", parts);

              g_string_append_printf (sql, "%st.id IN (SELECT rowid FROM %s_fts WHERE %s_fts MATCH ?%u)",
                                      plus, table, table, own);
              g_ptr_array_add (params, g_strdup_printf ("\"%s\"", quoted));
              if (by_names)
                {
                  names = g_strdup_printf ("SELECT rowid FROM institution_fts WHERE institution_fts MATCH ?%u", own + 1);
                  g_ptr_array_add (params, g_strdup_printf ("{name local_name short_name} : \"%s\"", quoted));
                }
            }
          else
            {
              /* Too short for trigrams (华为, a two-letter code): scan the text. */
              g_string_append (sql, "0");
              for (guint f = 0; f < n_fields; f++)
                if (fields[f].type == LIAISON_FIELD_LINE || fields[f].type == LIAISON_FIELD_TEXT)
                  g_string_append_printf (sql, " OR t.%s LIKE ?%u ESCAPE '\\'", fields[f].column, own);
              g_ptr_array_add (params, escape_like (term));
              names = g_strdup_printf ("SELECT id FROM institution WHERE name LIKE ?%u ESCAPE '\\'"
                                       " OR local_name LIKE ?%u ESCAPE '\\' OR short_name LIKE ?%u ESCAPE '\\'",
                                       own, own, own);
            }

          if (by_names && walk)
            {
              /* A walk tests a few thousand rows: the names are listed once, and each
               * row's links looked up by its id.  Listing every link of the names
               * instead (52k events for “bei”, 140k for “b”) took most of the time. */
              g_string_append_printf (with, "%snames%u(id) AS MATERIALIZED (%s)", with->len > 0 ? ", " : "WITH ", i, names);
              if (kind == LIAISON_RECORD_AGREEMENT)
                g_string_append_printf (sql, " OR EXISTS (SELECT 1 FROM agreement_party x WHERE x.agreement_id = t.id"
                                             " AND +x.institution_id IN names%u)", i);
              else
                g_string_append_printf (sql, " OR +t.host_id IN names%u OR EXISTS (SELECT 1 FROM event_institution x"
                                             " WHERE x.event_id = t.id AND +x.institution_id IN names%u)", i, i);
            }
          else if (kind == LIAISON_RECORD_AGREEMENT)
            g_string_append_printf (sql, " OR %st.id IN (SELECT agreement_id FROM agreement_party"
                                         " WHERE institution_id IN (%s))", plus, names);
          else if (kind == LIAISON_RECORD_EVENT)
            g_string_append_printf (sql, " OR %st.host_id IN (%s) OR %st.id IN (SELECT event_id FROM event_institution"
                                         " WHERE institution_id IN (%s))", plus, names, plus, names);
          g_string_append (sql, ")");
        }
    }

  if (query->choice != NULL)
    {
      if (liaison_record_kind_find_field (kind, "kind", NULL) == NULL)
        {
          g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID_FIELD,
                       _("%s records have no kind to filter on"), liaison_record_kind_get_label (kind));
          return FALSE;
        }
      g_string_append_printf (sql, " AND t.kind = ?%u", params->len + 5);
      g_ptr_array_add (params, g_strdup (query->choice));
    }

  if (query->status != NULL)
    {
      if (kind != LIAISON_RECORD_AGREEMENT)
        {
          g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID_FIELD,
                       _("Only agreements have a status to filter on"));
          return FALSE;
        }
      g_string_append_printf (sql, " AND t.status = ?%u", params->len + 5);
      g_ptr_array_add (params, g_strdup (query->status));
    }

  if (query->tag != NULL)
    {
      if (kind != LIAISON_RECORD_AGREEMENT && kind != LIAISON_RECORD_EVENT)
        {
          g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID_FIELD,
                       _("Only agreements and events have tags to filter on"));
          return FALSE;
        }
      g_string_append_printf (sql, " AND t.id IN (SELECT x.%s_id FROM %s_tag x JOIN tag g ON g.id = x.tag_id"
                                   " WHERE g.name = ?%u COLLATE NOCASE)", table, table, params->len + 5);
      g_ptr_array_add (params, g_strdup (query->tag));
    }

  date_field = liaison_query_get_date_field (kind);
  if ((query->date_from != NULL || query->date_to != NULL) && date_field == NULL)
    {
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID_FIELD,
                   _("%s records have no date to filter on"), liaison_record_kind_get_label (kind));
      return FALSE;
    }
  for (guint i = 0; i < 2; i++)
    {
      const char *bound = i == 0 ? query->date_from : query->date_to;
      const LiaisonField *field;
      GDate first, last;
      char day[16];
      const char *col;

      if (bound == NULL)
        continue;

      g_date_clear (&first, 1);
      g_date_clear (&last, 1);
      if (!liaison_date_get_bounds (bound, &first, &last))
        {
          g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID_FIELD,
                       _("“%s” cannot bound a date range: write a year, a month or a full date"), bound);
          return FALSE;
        }

      field = liaison_record_kind_find_field (kind, date_field, NULL);
      col = field->column;
      g_date_strftime (day, sizeof day, "%Y-%m-%d", i == 0 ? &first : &last);
      /* A partial date overlaps the range if any day it may mean lies inside. */
      if (i == 0)
        g_string_append_printf (sql, " AND t.%s NOT LIKE '--%%' AND (CASE length(t.%s) WHEN 4 THEN t.%s || '-12-31'"
                                     " WHEN 7 THEN t.%s || '-31' ELSE t.%s END) >= ?%u",
                                col, col, col, col, col, params->len + 5);
      else
        g_string_append_printf (sql, " AND t.%s NOT LIKE '--%%' AND (CASE length(t.%s) WHEN 4 THEN t.%s || '-01-01'"
                                     " WHEN 7 THEN t.%s || '-01' ELSE t.%s END) <= ?%u",
                                col, col, col, col, col, params->len + 5);
      g_ptr_array_add (params, g_strdup (day));
    }

  if (query->linked_to != NULL)
    {
      LiaisonRecordKind linked_kind;

      if (!_liaison_store_find_uuid (self, query->linked_to, &linked_kind, linked_id))
        {
          g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_NOT_FOUND,
                       _("There is no record with UUID %s in the database."), query->linked_to);
          return FALSE;
        }
      append_linked_condition (sql, kind, linked_kind);
    }

  return TRUE;
}

/* What a statement of a query selects, and in which order.  Empty values come last
 * whatever the direction, in an order an index can give (ORDER BY x IS NULL cannot):
 * descending, NULL sorts last by itself; ascending takes two statements, the rows
 * with a value, then those without. */
typedef enum {
  QUERY_COUNT,
  QUERY_ALL,
  QUERY_VALUES,
  QUERY_EMPTY,
  QUERY_WALK,       /* QUERY_ALL, walking the sort's index (see build_where) */
} QueryPart;

/* Whether an ascending query takes two statements: a column of the table, which an
 * index may order.  Computed keys keep "ORDER BY x IS NULL, x" in one statement. */
static gboolean
query_splits (const LiaisonQuery *query)
{
  gboolean text;
  g_autofree char *order = sort_expression (query->kind, query->sort, &text);

  return !query->descending && order != NULL && g_str_has_prefix (order, "t.") &&
         g_strcmp0 (order, "t.id") != 0;
}

static sqlite3_stmt *
prepare_query (LiaisonStore        *self,
               const LiaisonQuery  *query,
               QueryPart            part,
               GError             **error)
{
  g_autoptr(GString) sql = g_string_new (part == QUERY_COUNT ? "SELECT count(*)" : "SELECT t.id");
  g_autoptr(GString) with = g_string_new (NULL);
  g_autoptr(GPtrArray) params = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;
  gint64 linked_id = 0;
  int rc;

  g_return_val_if_fail (query->kind < LIAISON_N_RECORD_KINDS, NULL);

  if (!build_where (self, query, part == QUERY_WALK, with, sql, params, &linked_id, error))
    return NULL;
  if (with->len > 0)
    g_string_prepend (sql, g_string_append_c (with, ' ')->str);

  if (part != QUERY_COUNT)
    {
      gboolean text;
      g_autofree char *order = sort_expression (query->kind, query->sort, &text);
      const char *collate = text ? " COLLATE NOCASE" : "";
      const char *desc = query->descending ? " DESC" : "";

      if (order == NULL)
        {
          g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID_FIELD,
                       _("%s records cannot be sorted by “%s”"),
                       liaison_record_kind_get_label (query->kind), query->sort);
          return NULL;
        }

      if (part == QUERY_VALUES)
        g_string_append_printf (sql, " AND %s IS NOT NULL ORDER BY %s%s, t.id", order, order, collate);
      else if (part == QUERY_EMPTY)
        g_string_append_printf (sql, " AND %s IS NULL ORDER BY t.id", order);
      else if (query->descending || g_strcmp0 (order, "t.id") == 0)
        g_string_append_printf (sql, " ORDER BY %s%s%s, t.id%s", order, collate, desc, desc);
      else
        g_string_append_printf (sql, " ORDER BY %s IS NULL, %s%s, t.id", order, order, collate);

      /* The offset is skipped as the rows are read, across both statements. */
      if (query->limit > 0)
        g_string_append_printf (sql, " LIMIT %u", query->limit + query->offset);
    }

  rc = sqlite3_prepare_v2 (self->db, sql->str, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      _liaison_store_set_error (self, error, rc, _("search the database"));
      return NULL;
    }

  if (linked_id != 0)
    {
      sqlite3_bind_int64 (stmt, 3, linked_id);
      _liaison_store_bind_text (stmt, 4, query->linked_to);
    }
  for (guint i = 0; i < params->len; i++)
    _liaison_store_bind_text (stmt, (int) i + 5, g_ptr_array_index (params, i));

  return stmt;
}

static gboolean
read_ids (LiaisonStore        *self,
          const LiaisonQuery  *query,
          QueryPart            part,
          GArray              *ids,
          guint               *skipped,
          GError             **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc = SQLITE_DONE;

  stmt = prepare_query (self, query, part, error);
  if (stmt == NULL)
    return FALSE;

  while ((query->limit == 0 || ids->len < query->limit) && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      if (*skipped < query->offset)
        (*skipped)++;
      else
        g_array_append_val (ids, id);
    }

  if (query->limit > 0 && ids->len >= query->limit)
    return TRUE;
  if (rc != SQLITE_DONE)
    {
      _liaison_store_set_error (self, error, rc, _("search the database"));
      return FALSE;
    }
  return TRUE;
}

static int
spend_budget_cb (void *data)
{
  guint *budget = data;

  return (*budget)-- == 0;
}

/* The first rows of a search, walking the sort's index: fast when the words are
 * common, slow when they are rare (the walk passes every row).  So the walk has a
 * budget; past it, the caller collects every match and sorts them instead. */
static gboolean
walk_first_rows (LiaisonStore       *self,
                 const LiaisonQuery *query,
                 GArray             *ids)
{
  guint budget = 3000;       /* of 1000 virtual machine steps: some 100k rows */
  guint skipped = 0;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  sqlite3_progress_handler (self->db, 1000, spend_budget_cb, &budget);
  ok = read_ids (self, query, QUERY_WALK, ids, &skipped, &error);
  sqlite3_progress_handler (self->db, 0, NULL, NULL);

  if (!ok)
    g_array_set_size (ids, 0);
  return ok;
}

/* The first rows of recent searches, per connection: a word typed back (or the same
 * search run again) reads them from here.  All are dropped once anything was written
 * to the database: by another connection (data_version), or by this one. */
#define N_RECENT 16

typedef struct {
  gint64      data_version;
  gint64      changes;
  GQueue      keys;        /* char *, the most recent first; owned by rows */
  GHashTable *rows;        /* key → GArray of ids */
} RecentRows;

static void
recent_rows_free (gpointer data)
{
  RecentRows *recent = data;

  g_queue_clear (&recent->keys);
  g_hash_table_unref (recent->rows);
  g_free (recent);
}

static gint64
read_data_version (LiaisonStore *self)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (sqlite3_prepare_v2 (self->db, "PRAGMA data_version", -1, &stmt, NULL) != SQLITE_OK ||
      sqlite3_step (stmt) != SQLITE_ROW)
    return -1;
  return sqlite3_column_int64 (stmt, 0);
}

/* The recent rows of this connection, emptied if the database changed since. */
static RecentRows *
get_recent_rows (LiaisonStore *self)
{
  RecentRows *recent = g_object_get_data (G_OBJECT (self), "liaison-recent-first-rows");
  gint64 data_version = read_data_version (self);
  gint64 changes = sqlite3_total_changes64 (self->db);

  if (recent == NULL)
    {
      recent = g_new0 (RecentRows, 1);
      recent->rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_array_unref);
      g_object_set_data_full (G_OBJECT (self), "liaison-recent-first-rows", recent, recent_rows_free);
    }
  if (recent->data_version != data_version || recent->changes != changes || data_version < 0)
    {
      g_queue_clear (&recent->keys);
      g_hash_table_remove_all (recent->rows);
      recent->data_version = data_version;
      recent->changes = changes;
    }
  return recent;
}

static void
append_key_part (GString    *key,
                 const char *value)
{
  if (value == NULL)
    g_string_append (key, "-|");
  else
    g_string_append_printf (key, "%" G_GSIZE_FORMAT ":%s|", strlen (value), value);
}

/* Everything that chooses the rows. */
static char *
query_key (const LiaisonQuery *query)
{
  GString *key = g_string_new (NULL);

  g_string_append_printf (key, "%u|%d|%u|%u|", query->kind, query->descending, query->limit, query->offset);
  append_key_part (key, query->search);
  append_key_part (key, query->sort);
  append_key_part (key, query->choice);
  append_key_part (key, query->status);
  append_key_part (key, query->tag);
  append_key_part (key, query->date_from);
  append_key_part (key, query->date_to);
  append_key_part (key, query->linked_to);
  return g_string_free (key, FALSE);
}

static void
remember_rows (RecentRows *recent,
               char       *key,
               GArray     *ids)
{
  if (g_hash_table_contains (recent->rows, key))
    {
      g_free (key);
      return;
    }
  if (g_queue_get_length (&recent->keys) >= N_RECENT)
    g_hash_table_remove (recent->rows, g_queue_pop_tail (&recent->keys));
  g_queue_push_head (&recent->keys, key);
  g_hash_table_insert (recent->rows, key, g_array_copy (ids));
}

/**
 * liaison_store_query:
 *
 * Returns: (transfer full) (element-type gint64): the ids of the records the query
 *   selects, in its order, or %NULL with @error set
 */
GArray *
liaison_store_query (LiaisonStore        *self,
                     const LiaisonQuery  *query,
                     GError             **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  RecentRows *recent = NULL;
  g_autofree char *key = NULL;
  gboolean own_transaction = FALSE;
  guint skipped = 0;
  gboolean ok;

  g_return_val_if_fail (LIAISON_IS_STORE (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  /* The first rows of a search, as the window asks for them at each keystroke. */
  if (query->limit > 0 && query->search != NULL)
    {
      GArray *known;

      recent = get_recent_rows (self);
      key = query_key (query);
      known = g_hash_table_lookup (recent->rows, key);
      if (known != NULL)
        return g_array_copy (known);
    }

  if (query->limit > 0 && query->search != NULL && !query_splits (query) && walk_first_rows (self, query, ids))
    ok = TRUE;
  else if (!query_splits (query))
    ok = read_ids (self, query, QUERY_ALL, ids, &skipped, error);
  else
    {
      /* Both statements read one snapshot. */
      own_transaction = sqlite3_get_autocommit (self->db) && sqlite3_exec (self->db, "BEGIN", NULL, NULL, NULL) == SQLITE_OK;
      ok = read_ids (self, query, QUERY_VALUES, ids, &skipped, error) &&
           (query->limit == 0 || ids->len < query->limit ? read_ids (self, query, QUERY_EMPTY, ids, &skipped, error) : TRUE);
      if (own_transaction)
        sqlite3_exec (self->db, "COMMIT", NULL, NULL, NULL);
    }

  if (ok && recent != NULL)
    remember_rows (recent, g_steal_pointer (&key), ids);
  return ok ? g_steal_pointer (&ids) : NULL;
}

/**
 * liaison_store_query_count:
 *
 * Returns: how many records the query selects (ignoring its limit), or -1 with
 *   @error set
 */
gint64
liaison_store_query_count (LiaisonStore        *self,
                           const LiaisonQuery  *query,
                           GError             **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (LIAISON_IS_STORE (self), -1);
  g_return_val_if_fail (query != NULL, -1);

  stmt = prepare_query (self, query, QUERY_COUNT, error);
  if (stmt == NULL)
    return -1;

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      _liaison_store_set_error (self, error, rc, _("count records"));
      return -1;
    }
  return sqlite3_column_int64 (stmt, 0);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>

#include "test-util.h"

/*
 * Search, sort and filter on the seeded database.  Every result set is checked against
 * an oracle that reads the records one by one, so the tests hold whatever the seed
 * grows into; a few known rows make sure the oracle is not vacuous.
 */

#define HUAWEI         "29be803d-e5a4-4413-9d9b-464ef52c59cd"
#define HUAWEI_LN      "ca1dd4cc-ee75-45f7-8d15-94001b41e5ba"
#define CQU            "63283e8c-845f-4266-8d69-fe1fca9f9de2"
#define IFLYTEK        "82bfec98-90c7-4baf-b7bd-62e36a5bf7f3"
#define CQU_HUAWEI     "9e27557a-c339-48d7-b830-b8bebae298c8"
#define LIST_CONTRACT  "24c6dede-33c8-4387-b76e-5c2e50dd685d"
#define OUC_IFLYTEK    "dd93917f-5f5c-4605-8ff2-a6dd35e7caa3"
#define SIGNING        "c7da177a-d436-444f-b60c-40f75cd5e13d"
#define LIST_VISIT     "a0bf8646-f65b-4d52-8d2a-6932ef2b3fd7"
#define OUC_HUAWEI     "e81e6323-6c18-497b-a573-1729348a0b52"
#define OUC_IFLYTEK_EV "c002c3df-65c5-4827-aa71-3c20129dac3e"

static char *dir;
static LiaisonStore *store;

/* Oracle */

static gboolean
contains (const char *text,
          const char *term)
{
  g_autofree char *folded_text = NULL;
  g_autofree char *folded_term = NULL;

  if (text == NULL)
    return FALSE;
  folded_text = g_utf8_casefold (text, -1);
  folded_term = g_utf8_casefold (term, -1);
  return strstr (folded_text, folded_term) != NULL;
}

static gboolean
own_text_contains (LiaisonRecord *record,
                   const char    *term)
{
  guint n_fields;
  const LiaisonField *fields = liaison_record_kind_get_fields (liaison_record_get_kind (record), &n_fields);

  for (guint i = 0; i < n_fields; i++)
    if ((fields[i].type == LIAISON_FIELD_LINE || fields[i].type == LIAISON_FIELD_TEXT) &&
        contains (liaison_record_get_field_at (record, i), term))
      return TRUE;
  return FALSE;
}

static gboolean
institution_named (const char *uuid,
                   const char *term)
{
  g_autoptr(LiaisonRecord) institution = NULL;

  if (uuid == NULL)
    return FALSE;
  institution = test_load (store, uuid);
  return contains (liaison_record_get_field (institution, "name"), term) ||
         contains (liaison_record_get_field (institution, "local-name"), term) ||
         contains (liaison_record_get_field (institution, "short-name"), term);
}

/* Office staff expect an agreement or event to be found by the names of the
 * institutions in it, in either language. */
static gboolean
matches_term (LiaisonRecord *record,
              const char    *term)
{
  LiaisonRecordKind kind = liaison_record_get_kind (record);
  GPtrArray *links = liaison_record_get_links (record);

  if (own_text_contains (record, term))
    return TRUE;

  if (kind == LIAISON_RECORD_EVENT && institution_named (liaison_record_get_field (record, "host"), term))
    return TRUE;

  for (guint i = 0; i < links->len; i++)
    {
      const LiaisonLink *link = g_ptr_array_index (links, i);

      if ((link->type == LIAISON_LINK_PARTY || link->type == LIAISON_LINK_INSTITUTION) &&
          institution_named (link->target, term))
        return TRUE;
    }
  return FALSE;
}

static GPtrArray *
oracle_search (LiaisonRecordKind  kind,
               const char        *search)
{
  g_autoptr(LiaisonQuery) all = liaison_query_new (kind);
  g_autoptr(GArray) ids = NULL;
  g_auto(GStrv) terms = NULL;
  GPtrArray *expected = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *spaced = NULL;

  /* Words are separated by any white space, the ideographic space too. */
  {
    g_autoptr(GString) s = g_string_new (search);
    g_string_replace (s, "\u3000", " ", 0);
    g_string_replace (s, "\t", " ", 0);
    spaced = g_string_free (g_steal_pointer (&s), FALSE);
  }
  terms = g_strsplit (spaced, " ", -1);

  ids = test_query (store, all);
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(LiaisonRecord) record = liaison_store_load (store, kind, g_array_index (ids, gint64, i), NULL);
      gboolean all_match = TRUE;

      for (guint t = 0; terms[t] && all_match; t++)
        if (*terms[t] != '\0' && !matches_term (record, terms[t]))
          all_match = FALSE;
      if (all_match)
        g_ptr_array_add (expected, g_strdup (liaison_record_get_uuid (record)));
    }
  return expected;
}

static GPtrArray *
search (LiaisonRecordKind  kind,
        const char        *text)
{
  g_autoptr(LiaisonQuery) query = liaison_query_new (kind);
  g_autoptr(GPtrArray) expected = oracle_search (kind, text);
  GPtrArray *found;

  liaison_query_set_search (query, text);
  found = test_query_uuids (store, query);

  for (guint i = 0; i < expected->len; i++)
    if (!test_uuids_contain (found, expected->pdata[i]))
      g_error ("searching %s for “%s” missed %s", liaison_record_kind_get_plural (kind), text,
               (char *) expected->pdata[i]);
  for (guint i = 0; i < found->len; i++)
    if (!test_uuids_contain (expected, found->pdata[i]))
      g_error ("searching %s for “%s” found %s, which does not contain it", liaison_record_kind_get_plural (kind),
               text, (char *) found->pdata[i]);
  g_assert_cmpint (liaison_store_query_count (store, query, NULL), ==, found->len);

  return found;
}

/* Search */

static void
test_search_institutions_in_both_scripts (void)
{
  g_autoptr(GPtrArray) r = NULL;

  r = search (LIAISON_RECORD_INSTITUTION, "华为");
  g_assert_true (test_uuids_contain (r, HUAWEI));
  g_assert_false (test_uuids_contain (r, IFLYTEK));
  g_clear_pointer (&r, g_ptr_array_unref);

  r = search (LIAISON_RECORD_INSTITUTION, "Huawei");
  g_assert_true (test_uuids_contain (r, HUAWEI));
  g_assert_true (test_uuids_contain (r, HUAWEI_LN));
  g_assert_false (test_uuids_contain (r, IFLYTEK));
  g_clear_pointer (&r, g_ptr_array_unref);

  r = search (LIAISON_RECORD_INSTITUTION, "Chongq");
  g_assert_true (test_uuids_contain (r, CQU));
  g_assert_false (test_uuids_contain (r, IFLYTEK));
  g_clear_pointer (&r, g_ptr_array_unref);

  r = search (LIAISON_RECORD_INSTITUTION, "重庆");
  g_assert_true (test_uuids_contain (r, CQU));
  g_assert_false (test_uuids_contain (r, HUAWEI));
  g_clear_pointer (&r, g_ptr_array_unref);

  r = search (LIAISON_RECORD_INSTITUTION, "重庆大学");
  g_assert_true (test_uuids_contain (r, CQU));
}

static void
test_search_ignores_case (void)
{
  g_autoptr(GPtrArray) lower = search (LIAISON_RECORD_INSTITUTION, "huawei");
  g_autoptr(GPtrArray) upper = search (LIAISON_RECORD_INSTITUTION, "HUAWEI");
  g_autoptr(GPtrArray) short_lower = search (LIAISON_RECORD_INSTITUTION, "hu");

  g_assert_cmpuint (lower->len, >, 0);
  g_assert_cmpuint (lower->len, ==, upper->len);
  g_assert_cmpuint (short_lower->len, >, 0);
}

static void
test_search_short_terms (void)
{
  g_autoptr(GPtrArray) r = NULL;

  /* One and two characters are below the trigram index: the LIKE fallback. */
  r = search (LIAISON_RECORD_INSTITUTION, "华");
  g_assert_true (test_uuids_contain (r, HUAWEI));
  g_clear_pointer (&r, g_ptr_array_unref);
  r = search (LIAISON_RECORD_INSTITUTION, "讯飞");
  g_assert_true (test_uuids_contain (r, IFLYTEK));
  g_clear_pointer (&r, g_ptr_array_unref);
  r = search (LIAISON_RECORD_EVENT, "AI");
  g_assert_cmpuint (r->len, >, 0);
  g_clear_pointer (&r, g_ptr_array_unref);

  /* LIKE wildcards are plain characters to a person searching. */
  r = search (LIAISON_RECORD_INSTITUTION, "%");
  g_clear_pointer (&r, g_ptr_array_unref);
  r = search (LIAISON_RECORD_INSTITUTION, "_");
  g_clear_pointer (&r, g_ptr_array_unref);
  r = search (LIAISON_RECORD_INSTITUTION, "\\");
}

static void
test_search_words_in_any_script_and_order (void)
{
  g_autoptr(GPtrArray) r = NULL;

  /* Every word must match; words may be separated by an ideographic space. */
  r = search (LIAISON_RECORD_INSTITUTION, "Huawei Liaoning");
  g_assert_true (test_uuids_contain (r, HUAWEI_LN));
  g_assert_false (test_uuids_contain (r, CQU));
  g_clear_pointer (&r, g_ptr_array_unref);

  r = search (LIAISON_RECORD_INSTITUTION, "Liaoning  Huawei ");
  g_assert_true (test_uuids_contain (r, HUAWEI_LN));
  g_clear_pointer (&r, g_ptr_array_unref);

  r = search (LIAISON_RECORD_INSTITUTION, "华为\u3000Liaoning");
  g_clear_pointer (&r, g_ptr_array_unref);

  r = search (LIAISON_RECORD_INSTITUTION, "重庆\tUniversity");
  g_assert_true (test_uuids_contain (r, CQU));
}

static void
test_search_chinese_words_are_not_cut_apart (void)
{
  g_autoptr(GPtrArray) r = NULL;

  /* 技 is E6 8A 80 in UTF-8: its last byte is also in the ideographic space. */
  r = search (LIAISON_RECORD_INSTITUTION, "华为技术");
  g_assert_true (test_uuids_contain (r, HUAWEI));
  g_assert_false (test_uuids_contain (r, CQU));
  g_clear_pointer (&r, g_ptr_array_unref);

  r = search (LIAISON_RECORD_INSTITUTION, "科技");
  g_clear_pointer (&r, g_ptr_array_unref);
  r = search (LIAISON_RECORD_INSTITUTION, "技");
}

static void
test_search_syntax_is_plain_text (void)
{
  const char *texts[] = { "\"", "\"Huawei", "Hua\"wei", "*", "Huawei*", "(", "NOT", "OR", "AND", "-Huawei",
                          "NEAR(", "^Hua", "{name}:", "'; DROP TABLE institution; --", ":" };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    for (LiaisonRecordKind kind = 0; kind < LIAISON_N_RECORD_KINDS; kind++)
      g_ptr_array_unref (search (kind, texts[i]));

  g_assert_cmpint (liaison_store_count (store, LIAISON_RECORD_INSTITUTION, NULL), >, 0);
}

static void
test_search_agreements_by_party_names (void)
{
  g_autoptr(GPtrArray) r = NULL;

  /* Typed into the Agreements list, 华为 finds Huawei's agreements, although no
   * agreement's own text is in Chinese. */
  r = search (LIAISON_RECORD_AGREEMENT, "华为");
  g_assert_true (test_uuids_contain (r, CQU_HUAWEI));
  g_assert_true (test_uuids_contain (r, LIST_CONTRACT));
  g_assert_false (test_uuids_contain (r, OUC_IFLYTEK));
  g_clear_pointer (&r, g_ptr_array_unref);

  r = search (LIAISON_RECORD_AGREEMENT, "华为技术有限公司");
  g_assert_true (test_uuids_contain (r, CQU_HUAWEI));
  g_clear_pointer (&r, g_ptr_array_unref);

  r = search (LIAISON_RECORD_AGREEMENT, "科大讯飞");
  g_assert_true (test_uuids_contain (r, OUC_IFLYTEK));
  g_assert_false (test_uuids_contain (r, CQU_HUAWEI));
  g_clear_pointer (&r, g_ptr_array_unref);

  r = search (LIAISON_RECORD_AGREEMENT, "重庆");
  g_assert_true (test_uuids_contain (r, CQU_HUAWEI));
  g_clear_pointer (&r, g_ptr_array_unref);

  /* A party's name and the agreement's own text together */
  r = search (LIAISON_RECORD_AGREEMENT, "华为 engineers");
  g_assert_cmpuint (r->len, ==, 1);
  g_clear_pointer (&r, g_ptr_array_unref);

  r = search (LIAISON_RECORD_AGREEMENT, "华为 科大讯飞");
  g_assert_cmpuint (r->len, ==, 0);
}

static void
test_search_events_by_institution_names (void)
{
  g_autoptr(GPtrArray) r = NULL;

  r = search (LIAISON_RECORD_EVENT, "华为");
  g_assert_true (test_uuids_contain (r, SIGNING));
  g_assert_true (test_uuids_contain (r, LIST_VISIT));
  g_assert_true (test_uuids_contain (r, OUC_HUAWEI));
  g_assert_false (test_uuids_contain (r, OUC_IFLYTEK_EV));
  g_clear_pointer (&r, g_ptr_array_unref);

  r = search (LIAISON_RECORD_EVENT, "科大讯飞");
  g_assert_true (test_uuids_contain (r, OUC_IFLYTEK_EV));
  g_clear_pointer (&r, g_ptr_array_unref);

  r = search (LIAISON_RECORD_EVENT, "重庆大学");
  g_assert_true (test_uuids_contain (r, SIGNING));
}

static void
test_search_people_and_sources (void)
{
  g_autoptr(GPtrArray) r = NULL;

  r = search (LIAISON_RECORD_PERSON, "Wang");
  g_assert_cmpuint (r->len, >, 0);
  g_clear_pointer (&r, g_ptr_array_unref);
  r = search (LIAISON_RECORD_SOURCE, "Huawei");
  g_assert_cmpuint (r->len, >, 0);
  g_clear_pointer (&r, g_ptr_array_unref);
  r = search (LIAISON_RECORD_SOURCE, "no such words anywhere");
  g_assert_cmpuint (r->len, ==, 0);
}

/* Sorting */

static const char *
sort_value (LiaisonRecord *record,
            const char    *sort,
            char         **owned)
{
  const LiaisonField *field;

  if (g_str_equal (sort, "created"))
    return liaison_record_get_created (record);
  if (g_str_equal (sort, "modified"))
    return liaison_record_get_modified (record);
  if (g_str_equal (sort, "agreements"))
    {
      g_autoptr(LiaisonQuery) q = liaison_query_new (LIAISON_RECORD_AGREEMENT);
      q->linked_to = g_strdup (liaison_record_get_uuid (record));
      /* Zero-padded, so that text order is number order. */
      *owned = g_strdup_printf ("%06" G_GINT64_FORMAT, liaison_store_query_count (store, q, NULL));
      return *owned;
    }

  field = liaison_record_kind_find_field (liaison_record_get_kind (record), sort, NULL);
  g_assert_nonnull (field);
  if (field->type == LIAISON_FIELD_REFERENCE)
    {
      const char *uuid = liaison_record_get_field (record, sort);
      *owned = uuid ? liaison_store_get_title (store, uuid) : NULL;
      return *owned;
    }
  return liaison_record_get_field (record, sort);
}

static void
assert_sorted (LiaisonRecordKind  kind,
               const char        *sort,
               gboolean           descending)
{
  g_autoptr(LiaisonQuery) query = liaison_query_new (kind);
  g_autoptr(GArray) ids = NULL;
  g_autofree char *previous = NULL;
  gint64 previous_id = 0;
  gboolean seen_null = FALSE;
  guint n_values = 0;

  liaison_query_set_sort (query, sort, descending);
  ids = test_query (store, query);
  g_assert_cmpint (ids->len, ==, liaison_store_count (store, kind, NULL));

  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      g_autoptr(LiaisonRecord) record = liaison_store_load (store, kind, id, NULL);
      g_autofree char *owned = NULL;
      const char *value = sort_value (record, sort, &owned);

      if (value == NULL)
        {
          /* Empty values come last, whatever the direction. */
          if (seen_null)
            g_assert_cmpint (descending ? previous_id - id : id - previous_id, >, 0);
          seen_null = TRUE;
        }
      else
        {
          g_assert_false (seen_null);
          if (previous != NULL)
            {
              int cmp = g_ascii_strcasecmp (previous, value);

              if (cmp == 0)
                g_assert_cmpint (descending ? previous_id - id : id - previous_id, >, 0);
              else if (descending)
                g_assert_cmpint (cmp, >, 0);
              else
                g_assert_cmpint (cmp, <, 0);
            }
          g_free (previous);
          previous = g_strdup (value);
          n_values++;
        }
      previous_id = id;
    }

  /* Something was actually compared. */
  g_assert_cmpuint (n_values, >, 1);
}

static void
test_sort_by_several_fields_both_ways (void)
{
  static const struct { LiaisonRecordKind kind; const char *sort; } cases[] = {
    { LIAISON_RECORD_INSTITUTION, "name" },
    { LIAISON_RECORD_INSTITUTION, "local-name" },
    { LIAISON_RECORD_INSTITUTION, "city" },
    { LIAISON_RECORD_INSTITUTION, "kind" },
    { LIAISON_RECORD_INSTITUTION, "parent" },
    { LIAISON_RECORD_INSTITUTION, "agreements" },
    { LIAISON_RECORD_PERSON, "name" },
    { LIAISON_RECORD_PERSON, "institution" },
    { LIAISON_RECORD_AGREEMENT, "title" },
    { LIAISON_RECORD_AGREEMENT, "signed" },
    { LIAISON_RECORD_AGREEMENT, "status" },
    { LIAISON_RECORD_EVENT, "date" },
    { LIAISON_RECORD_EVENT, "city" },
    { LIAISON_RECORD_EVENT, "host" },
    { LIAISON_RECORD_SOURCE, "title" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      assert_sorted (cases[i].kind, cases[i].sort, FALSE);
      assert_sorted (cases[i].kind, cases[i].sort, TRUE);
    }
}

static void
test_sort_by_id_and_default (void)
{
  g_autoptr(LiaisonQuery) query = liaison_query_new (LIAISON_RECORD_INSTITUTION);
  g_autoptr(GArray) by_default = NULL;
  g_autoptr(GArray) by_name = NULL;
  g_autoptr(GArray) by_id = NULL;

  by_default = test_query (store, query);
  liaison_query_set_sort (query, "name", FALSE);
  by_name = test_query (store, query);
  g_assert_cmpmem (by_default->data, by_default->len * sizeof (gint64), by_name->data, by_name->len * sizeof (gint64));

  liaison_query_set_sort (query, "id", TRUE);
  by_id = test_query (store, query);
  for (guint i = 1; i < by_id->len; i++)
    g_assert_cmpint (g_array_index (by_id, gint64, i - 1), >, g_array_index (by_id, gint64, i));
}

static void
test_sort_by_unknown_field_is_an_error (void)
{
  g_autoptr(LiaisonQuery) query = liaison_query_new (LIAISON_RECORD_EVENT);
  g_autoptr(GError) error = NULL;

  liaison_query_set_sort (query, "colour", FALSE);
  g_assert_null (liaison_store_query (store, query, &error));
  g_assert_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID_FIELD);
  g_assert_nonnull (strstr (error->message, "colour"));
}

/* Filters */

static guint
count_where (LiaisonRecordKind   kind,
             gboolean          (*predicate) (LiaisonRecord *record, gconstpointer data),
             gconstpointer       data)
{
  g_autoptr(LiaisonQuery) all = liaison_query_new (kind);
  g_autoptr(GArray) ids = test_query (store, all);
  guint n = 0;

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(LiaisonRecord) record = liaison_store_load (store, kind, g_array_index (ids, gint64, i), NULL);
      n += predicate (record, data) ? 1 : 0;
    }
  return n;
}

static gboolean
has_kind (LiaisonRecord *record,
          gconstpointer  data)
{
  return g_strcmp0 (liaison_record_get_field (record, "kind"), data) == 0;
}

static gboolean
has_tag (LiaisonRecord *record,
         gconstpointer  data)
{
  GPtrArray *links = liaison_record_get_links (record);

  for (guint i = 0; i < links->len; i++)
    {
      const LiaisonLink *link = g_ptr_array_index (links, i);
      if (link->type == LIAISON_LINK_TAG && g_ascii_strcasecmp (link->target, data) == 0)
        return TRUE;
    }
  return FALSE;
}

static void
assert_all (LiaisonQuery *query,
            gboolean    (*predicate) (LiaisonRecord *record, gconstpointer data),
            gconstpointer data,
            guint         expected)
{
  g_autoptr(GArray) ids = test_query (store, query);

  g_assert_cmpuint (ids->len, ==, expected);
  g_assert_cmpint (liaison_store_query_count (store, query, NULL), ==, expected);
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(LiaisonRecord) record = liaison_store_load (store, query->kind, g_array_index (ids, gint64, i), NULL);
      g_assert_true (predicate (record, data));
    }
}

static void
test_filter_by_kind_status_and_tag (void)
{
  g_autoptr(LiaisonQuery) query = liaison_query_new (LIAISON_RECORD_INSTITUTION);
  g_autoptr(GPtrArray) uuids = NULL;
  guint companies = count_where (LIAISON_RECORD_INSTITUTION, has_kind, "company");
  guint smart = count_where (LIAISON_RECORD_AGREEMENT, has_tag, "smart campus");

  g_assert_cmpuint (companies, >, 1);
  g_assert_cmpuint (smart, >, 1);

  query->choice = g_strdup ("company");
  assert_all (query, has_kind, "company", companies);

  g_clear_pointer (&query, liaison_query_free);
  query = liaison_query_new (LIAISON_RECORD_AGREEMENT);
  query->status = g_strdup ("negotiating");
  uuids = test_query_uuids (store, query);
  g_assert_cmpuint (uuids->len, ==, 1);
  g_assert_cmpstr (uuids->pdata[0], ==, LIST_CONTRACT);

  g_clear_pointer (&query, liaison_query_free);
  query = liaison_query_new (LIAISON_RECORD_AGREEMENT);
  query->tag = g_strdup ("Smart Campus");
  assert_all (query, has_tag, "smart campus", smart);

  /* Filters and search combine. */
  liaison_query_set_search (query, "Chongqing");
  g_clear_pointer (&uuids, g_ptr_array_unref);
  uuids = test_query_uuids (store, query);
  g_assert_true (test_uuids_contain (uuids, CQU_HUAWEI));
  g_assert_cmpuint (uuids->len, <, smart);

  query->choice = g_strdup ("sub-agreement");
  g_clear_pointer (&uuids, g_ptr_array_unref);
  uuids = test_query_uuids (store, query);
  g_assert_cmpuint (uuids->len, ==, 1);
}

static void
assert_date_range (LiaisonRecordKind  kind,
                   const char        *from,
                   const char        *to,
                   ...)
{
  g_autoptr(LiaisonQuery) query = liaison_query_new (kind);
  g_autoptr(GPtrArray) found = NULL;
  const char *uuid;
  guint n = 0;
  va_list args;

  query->date_from = g_strdup (from);
  query->date_to = g_strdup (to);
  found = test_query_uuids (store, query);

  va_start (args, to);
  while ((uuid = va_arg (args, const char *)) != NULL)
    {
      g_assert_true (test_uuids_contain (found, uuid));
      n++;
    }
  va_end (args);
  g_assert_cmpuint (found->len, ==, n);
}

static void
test_filter_by_date_range (void)
{
  /* Only one event has a known year; the LIST visit (--04-18) has none. */
  assert_date_range (LIAISON_RECORD_EVENT, "2023", "2023", SIGNING, NULL);
  assert_date_range (LIAISON_RECORD_EVENT, "2023-08", NULL, SIGNING, NULL);
  assert_date_range (LIAISON_RECORD_EVENT, "2023-08-30", "2023-08-30", SIGNING, NULL);
  assert_date_range (LIAISON_RECORD_EVENT, NULL, "2023-08-29", NULL);
  assert_date_range (LIAISON_RECORD_EVENT, "2023-08-31", NULL, NULL);
  assert_date_range (LIAISON_RECORD_AGREEMENT, "2023-01-01", "2023-12-31", CQU_HUAWEI,
                     "f46ffe50-2621-41d5-bb1e-2dae2a82531a", "0173d22c-a9c2-400e-b6c4-ccb955f02b12", NULL);
}

static void
test_filter_date_range_on_partial_dates (void)
{
  g_autofree char *tmp = test_make_tmpdir ();
  g_autoptr(LiaisonStore) s = test_open_store (tmp, "partial.db", LIAISON_STORE_OPEN_DEFAULT);
  const char *dates[] = { "2022", "2023", "2023-02", "2023-03-15", "2024-01-01", "--03-01" };
  g_autoptr(LiaisonQuery) query = liaison_query_new (LIAISON_RECORD_EVENT);
  g_autoptr(GArray) ids = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    {
      g_autoptr(LiaisonRecord) event = liaison_record_new (LIAISON_RECORD_EVENT);
      g_autoptr(GError) error = NULL;

      liaison_record_set_field (event, "title", dates[i]);
      liaison_record_set_field (event, "date", dates[i]);
      liaison_store_save (s, event, &error);
      g_assert_no_error (error);
    }

  /* A partial date is in a range when any day it may mean is. */
  query->date_from = g_strdup ("2023-03");
  query->date_to = g_strdup ("2023-03");
  liaison_query_set_sort (query, "date", FALSE);
  ids = liaison_store_query (s, query, NULL);
  g_assert_cmpuint (ids->len, ==, 2); /* 2023 and 2023-03-15 */
  g_clear_pointer (&ids, g_array_unref);

  g_free (query->date_to);
  query->date_to = NULL;
  ids = liaison_store_query (s, query, NULL);
  g_assert_cmpuint (ids->len, ==, 3); /* 2023, 2023-03-15, 2024-01-01 */

  g_clear_object (&s);
  test_remove_tree (tmp);
}

static void
test_filters_that_do_not_apply_are_errors (void)
{
  struct { LiaisonRecordKind kind; const char *status, *tag, *date, *choice; } cases[] = {
    { LIAISON_RECORD_INSTITUTION, "active", NULL, NULL, NULL },
    { LIAISON_RECORD_PERSON, NULL, "smart campus", NULL, NULL },
    { LIAISON_RECORD_INSTITUTION, NULL, NULL, "2023", NULL },
    { LIAISON_RECORD_EVENT, NULL, NULL, "--04-18", NULL },
    { LIAISON_RECORD_PERSON, NULL, NULL, NULL, "university" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(LiaisonQuery) query = liaison_query_new (cases[i].kind);
      g_autoptr(GError) error = NULL;

      query->status = g_strdup (cases[i].status);
      query->tag = g_strdup (cases[i].tag);
      query->date_from = g_strdup (cases[i].date);
      query->choice = g_strdup (cases[i].choice);
      g_assert_null (liaison_store_query (store, query, &error));
      g_assert_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID_FIELD);
      g_clear_error (&error);
      g_assert_cmpint (liaison_store_query_count (store, query, &error), ==, -1);
      g_assert_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID_FIELD);
    }
}

static void
test_filter_linked_to_with_search (void)
{
  g_autoptr(LiaisonQuery) query = liaison_query_new (LIAISON_RECORD_AGREEMENT);
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) some = NULL;

  query->linked_to = g_strdup (HUAWEI);
  all = test_query_uuids (store, query);
  g_assert_true (test_uuids_contain (all, CQU_HUAWEI));
  g_assert_true (test_uuids_contain (all, LIST_CONTRACT));

  liaison_query_set_search (query, "ICT");
  some = test_query_uuids (store, query);
  g_assert_true (test_uuids_contain (some, LIST_CONTRACT));
  g_assert_false (test_uuids_contain (some, CQU_HUAWEI));
}

static void
assert_pages (const char *sort,
              gboolean    descending)
{
  g_autoptr(LiaisonQuery) query = liaison_query_new (LIAISON_RECORD_INSTITUTION);
  g_autoptr(GArray) all = NULL;
  gint64 total;

  liaison_query_set_sort (query, sort, descending);
  all = test_query (store, query);
  total = liaison_store_query_count (store, query, NULL);
  g_assert_cmpint (total, ==, all->len);
  g_assert_cmpint (total, >, 10);

  for (guint offset = 0; offset < total + 5; offset += 7)
    {
      g_autoptr(GArray) page = NULL;
      guint expected = MIN (5, (total > offset) ? total - offset : 0);

      query->limit = 5;
      query->offset = offset;
      page = test_query (store, query);
      g_assert_cmpuint (page->len, ==, expected);
      for (guint i = 0; i < page->len; i++)
        g_assert_cmpint (g_array_index (page, gint64, i), ==, g_array_index (all, gint64, offset + i));
      /* The count ignores the page. */
      g_assert_cmpint (liaison_store_query_count (store, query, NULL), ==, total);
    }
}

static void
test_limit_and_offset (void)
{
  assert_pages ("name", TRUE);
  /* Ascending with empty values (some cities): the pages run on past the last value
   * into the empty ones, which come last. */
  assert_pages ("city", FALSE);
  assert_pages ("city", TRUE);
}

/* The first rows of a search (the window's first page) walk the sort's index and test
 * each row, where the whole list collects every match and sorts it: both must give the
 * same rows in the same order, for words long enough for the full-text index and
 * shorter ones, found in the record's own text or its institutions' names, one word or
 * several, typed one letter at a time. */
static void
test_first_rows_are_the_whole_list_s_first (void)
{
  static const char *const texts[] = {
    "a", "hu", "Hua", "Huaw", "Huawei", "华", "华为", "重庆大学", "univ", "e visit", "华为 sign", "zzzz",
  };
  static const LiaisonRecordKind kinds[] = { LIAISON_RECORD_EVENT, LIAISON_RECORD_AGREEMENT, LIAISON_RECORD_INSTITUTION };
  guint n_checked = 0;

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    for (guint t = 0; t < G_N_ELEMENTS (texts); t++)
      for (guint order = 0; order < 2; order++)
        {
          g_autoptr(LiaisonQuery) query = liaison_query_new (kinds[k]);
          g_autoptr(GArray) all = NULL;
          const guint limits[] = { 1, 2, 5, 200 };

          liaison_query_set_search (query, texts[t]);
          if (order == 1)
            liaison_query_set_sort (query, "id", TRUE);
          all = test_query (store, query);
          g_assert_cmpint (liaison_store_query_count (store, query, NULL), ==, all->len);

          for (guint l = 0; l < G_N_ELEMENTS (limits); l++)
            for (guint offset = 0; offset < 3; offset += 2)
              {
                g_autoptr(GArray) first = NULL;

                query->limit = limits[l];
                query->offset = offset;
                first = test_query (store, query);
                g_assert_cmpuint (first->len, ==, MIN (limits[l], all->len > offset ? all->len - offset : 0));
                for (guint i = 0; i < first->len; i++)
                  g_assert_cmpint (g_array_index (first, gint64, i), ==, g_array_index (all, gint64, offset + i));
                n_checked += first->len;
              }
          query->limit = 0;
          query->offset = 0;
        }

  /* Not vacuous: the words find rows. */
  g_assert_cmpuint (n_checked, >, 100);
}

/* The first rows of a search are kept for the next keystrokes, but never outlive a
 * write: by the same connection, or by another one (the window's list reads through a
 * read-only connection of its own while the window writes through its store). */
static void
test_first_rows_follow_writes (void)
{
  g_autoptr(LiaisonStore) writer = test_open_store (dir, "recent.db", LIAISON_STORE_OPEN_SEED);
  g_autofree char *path = g_build_filename (dir, "recent.db", NULL);
  g_autoptr(LiaisonStore) reader = NULL;
  g_autoptr(LiaisonQuery) query = liaison_query_new (LIAISON_RECORD_EVENT);
  g_autoptr(LiaisonRecord) event = liaison_record_new (LIAISON_RECORD_EVENT);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) before = NULL;
  g_autoptr(GArray) again = NULL;
  g_autoptr(GArray) after = NULL;
  g_autoptr(GArray) after_own = NULL;

  reader = liaison_store_open (path, LIAISON_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);

  liaison_query_set_search (query, "Zyxwvut");
  query->limit = 200;
  before = test_query (reader, query);
  again = test_query (reader, query);
  g_assert_cmpuint (before->len, ==, 0);
  g_assert_cmpuint (again->len, ==, 0);

  liaison_record_set_field (event, "title", "Zyxwvut conference");
  liaison_record_set_field (event, "kind", "conference");
  liaison_record_set_field (event, "date", "2031-01-01");
  liaison_store_save (writer, event, &error);
  g_assert_no_error (error);

  after = test_query (reader, query);
  g_assert_cmpuint (after->len, ==, 1);
  g_assert_cmpint (g_array_index (after, gint64, 0), ==, liaison_record_get_id (event));

  /* The writer's own connection: its cached rows go with its own write. */
  g_clear_pointer (&before, g_array_unref);
  liaison_query_set_search (query, "Zyxwvu");
  before = test_query (writer, query);
  g_assert_cmpuint (before->len, ==, 1);
  liaison_store_delete (writer, event, &error);
  g_assert_no_error (error);
  after_own = test_query (writer, query);
  g_assert_cmpuint (after_own->len, ==, 0);
}

int
main (int    argc,
      char **argv)
{
  int status;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  dir = test_make_tmpdir ();
  store = test_open_store (dir, "seeded.db", LIAISON_STORE_OPEN_SEED);

  g_test_add_func ("/liaison/search/institutions-in-both-scripts", test_search_institutions_in_both_scripts);
  g_test_add_func ("/liaison/search/ignores-case", test_search_ignores_case);
  g_test_add_func ("/liaison/search/short-terms", test_search_short_terms);
  g_test_add_func ("/liaison/search/words-in-any-script-and-order", test_search_words_in_any_script_and_order);
  g_test_add_func ("/liaison/search/chinese-words-are-not-cut-apart", test_search_chinese_words_are_not_cut_apart);
  g_test_add_func ("/liaison/search/syntax-is-plain-text", test_search_syntax_is_plain_text);
  g_test_add_func ("/liaison/search/agreements-by-party-names", test_search_agreements_by_party_names);
  g_test_add_func ("/liaison/search/events-by-institution-names", test_search_events_by_institution_names);
  g_test_add_func ("/liaison/search/people-and-sources", test_search_people_and_sources);
  g_test_add_func ("/liaison/query/sort/several-fields-both-ways", test_sort_by_several_fields_both_ways);
  g_test_add_func ("/liaison/query/sort/id-and-default", test_sort_by_id_and_default);
  g_test_add_func ("/liaison/query/sort/unknown-field-is-an-error", test_sort_by_unknown_field_is_an_error);
  g_test_add_func ("/liaison/query/filter/kind-status-and-tag", test_filter_by_kind_status_and_tag);
  g_test_add_func ("/liaison/query/filter/date-range", test_filter_by_date_range);
  g_test_add_func ("/liaison/query/filter/date-range-on-partial-dates", test_filter_date_range_on_partial_dates);
  g_test_add_func ("/liaison/query/filter/not-applicable-is-an-error", test_filters_that_do_not_apply_are_errors);
  g_test_add_func ("/liaison/query/filter/linked-to-with-search", test_filter_linked_to_with_search);
  g_test_add_func ("/liaison/query/limit-and-offset", test_limit_and_offset);
  g_test_add_func ("/liaison/query/first-rows-are-the-whole-list-s-first", test_first_rows_are_the_whole_list_s_first);
  g_test_add_func ("/liaison/query/first-rows-follow-writes", test_first_rows_follow_writes);

  status = g_test_run ();

  g_clear_object (&store);
  test_remove_tree (dir);
  g_free (dir);
  return status;
}

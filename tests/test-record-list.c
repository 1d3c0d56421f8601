/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>

#include "liaison-store-private.h"
#include "test-util.h"

typedef struct {
  char         *dir;
  LiaisonStore *store;
  guint         loads;     /* statements that load institutions' fields */
} Fixture;

typedef struct {
  guint n_signals;
  guint position;
  guint removed;
  guint added;
  guint n_notify;
} Changes;

static int
trace_cb (unsigned  type,
          void     *data,
          void     *stmt,
          void     *sql)
{
  Fixture *fixture = data;
  const char *text = sqlite3_sql (stmt);

  if (text != NULL && strstr (text, "FROM institution t WHERE t.id") != NULL)
    fixture->loads++;
  return 0;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = test_make_tmpdir ();
  fixture->store = test_open_store (fixture->dir, "list.db", LIAISON_STORE_OPEN_SEED);
  sqlite3_trace_v2 (_liaison_store_get_db (fixture->store), SQLITE_TRACE_STMT, trace_cb, fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
  test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Changes    *changes)
{
  changes->n_signals++;
  changes->position = position;
  changes->removed = removed;
  changes->added = added;
}

static void
notify_cb (GObject    *object,
           GParamSpec *pspec,
           Changes    *changes)
{
  changes->n_notify++;
}

static void
test_items_follow_the_query (Fixture       *fixture,
                             gconstpointer  data)
{
  for (LiaisonRecordKind kind = 0; kind < LIAISON_N_RECORD_KINDS; kind++)
    {
      g_autoptr(LiaisonQuery) query = liaison_query_new (kind);
      g_autoptr(LiaisonRecordList) list = NULL;
      g_autoptr(GArray) ids = NULL;
      guint n;

      liaison_query_set_sort (query, "id", TRUE);
      list = liaison_record_list_new (fixture->store, query);
      ids = test_query (fixture->store, query);
      n = g_list_model_get_n_items (G_LIST_MODEL (list));

      g_assert_cmpuint (n, >, 0);
      g_assert_cmpuint (n, ==, ids->len);
      g_assert_cmpint (n, ==, liaison_store_query_count (fixture->store, query, NULL));
      g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (list)) == LIAISON_TYPE_RECORD);
      g_assert_true (liaison_record_list_get_store (list) == fixture->store);
      g_assert_cmpint (liaison_record_list_get_query (list)->kind, ==, kind);

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(LiaisonRecord) record = g_list_model_get_item (G_LIST_MODEL (list), i);

          g_assert_cmpint (liaison_record_get_kind (record), ==, kind);
          g_assert_cmpint (liaison_record_get_id (record), ==, g_array_index (ids, gint64, i));
          g_assert_cmpint (liaison_record_list_get_id (list, i), ==, g_array_index (ids, gint64, i));
          g_assert_nonnull (liaison_record_get_title (record));
        }
      g_assert_null (g_list_model_get_item (G_LIST_MODEL (list), n));
    }
}

static void
test_query_is_copied (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(LiaisonQuery) query = liaison_query_new (LIAISON_RECORD_INSTITUTION);
  g_autoptr(LiaisonRecordList) list = NULL;
  guint n;

  list = liaison_record_list_new (fixture->store, query);
  n = g_list_model_get_n_items (G_LIST_MODEL (list));
  liaison_query_set_search (query, "华为");
  g_assert_null (liaison_record_list_get_query (list)->search);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, n);
}

static void
test_items_changed_after_a_write (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(LiaisonQuery) query = liaison_query_new (LIAISON_RECORD_INSTITUTION);
  g_autoptr(LiaisonRecordList) list = liaison_record_list_new (fixture->store, query);
  g_autoptr(LiaisonRecord) record = liaison_record_new (LIAISON_RECORD_INSTITUTION);
  g_autoptr(GError) error = NULL;
  Changes changes = { 0 };
  guint n = g_list_model_get_n_items (G_LIST_MODEL (list));

  g_signal_connect (list, "items-changed", G_CALLBACK (items_changed_cb), &changes);
  g_signal_connect (list, "notify::n-items", G_CALLBACK (notify_cb), &changes);

  liaison_record_set_field (record, "name", "AAA First by name");
  liaison_store_save (fixture->store, record, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (changes.n_signals, ==, 1);
  g_assert_cmpuint (changes.position, ==, 0);
  g_assert_cmpuint (changes.removed, ==, n);
  g_assert_cmpuint (changes.added, ==, n + 1);
  g_assert_cmpuint (changes.n_notify, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, n + 1);

  /* The new record is where the order puts it, and its changes show. */
  {
    g_autoptr(LiaisonRecord) first = g_list_model_get_item (G_LIST_MODEL (list), 0);
    g_assert_cmpstr (liaison_record_get_uuid (first), ==, liaison_record_get_uuid (record));
  }
  liaison_record_set_field (record, "city", "Chongqing");
  liaison_store_save (fixture->store, record, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (changes.n_signals, ==, 2);
  {
    g_autoptr(LiaisonRecord) first = g_list_model_get_item (G_LIST_MODEL (list), 0);
    g_assert_cmpstr (liaison_record_get_field (first, "city"), ==, "Chongqing");
    g_assert_cmpint (liaison_record_get_revision (first), ==, 2);
  }

  liaison_store_delete (fixture->store, record, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (changes.n_signals, ==, 3);
  g_assert_cmpuint (changes.removed, ==, n + 1);
  g_assert_cmpuint (changes.added, ==, n);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, n);
}

static void
test_set_query_replaces_the_items (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autoptr(LiaisonQuery) query = liaison_query_new (LIAISON_RECORD_INSTITUTION);
  g_autoptr(LiaisonRecordList) list = liaison_record_list_new (fixture->store, query);
  Changes changes = { 0 };
  guint n_all = g_list_model_get_n_items (G_LIST_MODEL (list));
  gint64 n_found;

  g_signal_connect (list, "items-changed", G_CALLBACK (items_changed_cb), &changes);

  liaison_query_set_search (query, "华为");
  n_found = liaison_store_query_count (fixture->store, query, NULL);
  g_assert_cmpint (n_found, >, 0);
  g_assert_cmpint (n_found, <, n_all);

  liaison_record_list_set_query (list, query);
  g_assert_cmpstr (liaison_record_list_get_query (list)->search, ==, "华为");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, n_found);
  g_assert_cmpuint (changes.n_signals, ==, 1);
  g_assert_cmpuint (changes.removed, ==, n_all);
  g_assert_cmpuint (changes.added, ==, n_found);
}

static void
test_records_load_on_demand (Fixture       *fixture,
                             gconstpointer  data)
{
  LiaisonGenerateOptions options = { .institutions = 3000, .random_seed = 4 };
  g_autoptr(LiaisonQuery) query = liaison_query_new (LIAISON_RECORD_INSTITUTION);
  g_autoptr(LiaisonRecordList) list = NULL;
  g_autoptr(LiaisonRecord) a = NULL;
  g_autoptr(LiaisonRecord) b = NULL;
  g_autoptr(GError) error = NULL;

  liaison_generate (fixture->store, &options, &error);
  g_assert_no_error (error);

  /* Building the list loads no record at all. */
  fixture->loads = 0;
  list = liaison_record_list_new (fixture->store, query);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), >, 3000);
  g_assert_cmpuint (fixture->loads, ==, 0);

  /* A view asking for one row loads it with its neighbours, in one statement, once. */
  a = g_list_model_get_item (G_LIST_MODEL (list), 1500);
  g_assert_cmpuint (fixture->loads, ==, 1);
  b = g_list_model_get_item (G_LIST_MODEL (list), 1500);
  g_assert_cmpuint (fixture->loads, ==, 1);
  g_assert_true (a == b);
  g_assert_cmpint (liaison_record_get_id (a), ==, liaison_record_list_get_id (list, 1500));
  for (guint i = 1490; i < 1540; i++)
    {
      g_autoptr(LiaisonRecord) r = g_list_model_get_item (G_LIST_MODEL (list), i);

      g_assert_cmpint (liaison_record_get_id (r), ==, liaison_record_list_get_id (list, i));
    }
  g_assert_cmpuint (fixture->loads, ==, 1);

  /* A screenful costs one statement, not one per row. */
  for (guint i = 0; i < 40; i++)
    g_object_unref (g_list_model_get_item (G_LIST_MODEL (list), i));
  g_assert_cmpuint (fixture->loads, ==, 2);
}

static void
assert_same_record (LiaisonRecord *a,
                    LiaisonRecord *b)
{
  GPtrArray *la = liaison_record_get_links (a);
  GPtrArray *lb = liaison_record_get_links (b);
  guint n_fields;

  g_assert_cmpint (liaison_record_get_id (a), ==, liaison_record_get_id (b));
  g_assert_cmpstr (liaison_record_get_uuid (a), ==, liaison_record_get_uuid (b));
  g_assert_cmpint (liaison_record_get_revision (a), ==, liaison_record_get_revision (b));
  g_assert_cmpstr (liaison_record_get_modified (a), ==, liaison_record_get_modified (b));
  liaison_record_kind_get_fields (liaison_record_get_kind (a), &n_fields);
  for (guint i = 0; i < n_fields; i++)
    g_assert_cmpstr (liaison_record_get_field_at (a, i), ==, liaison_record_get_field_at (b, i));
  g_assert_cmpuint (la->len, ==, lb->len);
  for (guint i = 0; i < la->len; i++)
    {
      const LiaisonLink *x = g_ptr_array_index (la, i);
      const LiaisonLink *y = g_ptr_array_index (lb, i);

      g_assert_cmpint (x->type, ==, y->type);
      g_assert_cmpstr (x->target, ==, y->target);
      g_assert_cmpstr (x->role, ==, y->role);
      g_assert_cmpstr (x->signatory, ==, y->signatory);
    }
}

static void
test_records_load_many (Fixture       *fixture,
                        gconstpointer  data)
{
  LiaisonGenerateOptions options = { .institutions = 50, .agreements = 50, .events = 200,
                                     .people = 40, .random_seed = 9 };
  g_autoptr(LiaisonQuery) query = liaison_query_new (LIAISON_RECORD_EVENT);
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GArray) wanted = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;
  guint n_links = 0;
  gint64 missing = G_MAXINT32;

  liaison_generate (fixture->store, &options, &error);
  g_assert_no_error (error);
  ids = liaison_store_query (fixture->store, query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, >, 100);

  /* Every other row, and an id no row has: it is left out. */
  for (guint i = 0; i < 100; i += 2)
    g_array_append_val (wanted, g_array_index (ids, gint64, i));
  g_array_append_val (wanted, missing);

  records = liaison_store_load_many (fixture->store, LIAISON_RECORD_EVENT,
                                     (const gint64 *) (gpointer) wanted->data, wanted->len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (records->len, ==, 50);

  /* Each is the record liaison_store_load() reads, links in their order included. */
  for (guint i = 0; i < records->len; i++)
    {
      LiaisonRecord *record = g_ptr_array_index (records, i);
      g_autoptr(LiaisonRecord) one = liaison_store_load (fixture->store, LIAISON_RECORD_EVENT,
                                                         liaison_record_get_id (record), &error);

      g_assert_no_error (error);
      assert_same_record (record, one);
      n_links += liaison_record_get_links (record)->len;
    }
  g_assert_cmpuint (n_links, >, 0);
}

/* New results keep the objects of the records already shown (a view keeps their rows),
 * even past the cache's size; a write to the store gives new objects with its changes. */
static void
test_results_keep_their_records (Fixture       *fixture,
                                 gconstpointer  data)
{
  LiaisonGenerateOptions options = { .institutions = 3000, .random_seed = 5 };
  g_autoptr(LiaisonQuery) query = liaison_query_new (LIAISON_RECORD_INSTITUTION);
  g_autoptr(LiaisonRecordList) list = NULL;
  g_autoptr(GArray) all = NULL;
  g_autoptr(GArray) first = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) some = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) shown = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  LiaisonRecord *record;
  guint n_kept = 0;

  liaison_generate (fixture->store, &options, &error);
  g_assert_no_error (error);
  list = liaison_record_list_new (fixture->store, query);
  all = liaison_store_query (fixture->store, query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, >, 2000);

  /* A view shows the first 200 rows and holds them. */
  g_array_append_vals (first, all->data, 200);
  liaison_record_list_set_results (list, query, first);
  for (guint i = 0; i < 200; i++)
    g_ptr_array_add (shown, g_list_model_get_item (G_LIST_MODEL (list), i));

  /* Other rows pass through the cache, more than it holds. */
  liaison_record_list_set_results (list, query, all);
  for (guint i = 1000; i < 2000; i++)
    g_object_unref (g_list_model_get_item (G_LIST_MODEL (list), i));

  /* Narrower results (as a longer word gives): every third row of the first, and rows
   * never shown. */
  for (guint i = 0; i < 200; i += 3)
    g_array_append_val (some, g_array_index (all, gint64, i));
  g_array_append_vals (some, &g_array_index (all, gint64, 2500), 10);
  liaison_query_set_search (query, "narrower");
  liaison_record_list_set_results (list, query, some);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, some->len);
  for (guint i = 0; i < some->len; i++)
    {
      g_autoptr(LiaisonRecord) item = g_list_model_get_item (G_LIST_MODEL (list), i);
      g_autoptr(LiaisonRecord) loaded = liaison_store_load (fixture->store, LIAISON_RECORD_INSTITUTION,
                                                            g_array_index (some, gint64, i), &error);

      g_assert_no_error (error);
      g_assert_cmpint (liaison_record_get_id (item), ==, g_array_index (some, gint64, i));
      g_assert_cmpstr (liaison_record_get_field (item, "name"), ==, liaison_record_get_field (loaded, "name"));
      if (i < 67)
        {
          g_assert_true (item == g_ptr_array_index (shown, i * 3));
          n_kept++;
        }
    }
  g_assert_cmpuint (n_kept, ==, 67);

  /* A write: the list runs its own query again, with records read anew. */
  record = g_ptr_array_index (shown, 0);
  liaison_record_set_field (record, "city", "Chongqing");
  liaison_store_save (fixture->store, record, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < MIN (g_list_model_get_n_items (G_LIST_MODEL (list)), 200); i++)
    {
      g_autoptr(LiaisonRecord) item = g_list_model_get_item (G_LIST_MODEL (list), i);

      g_assert_false (g_ptr_array_find (shown, item, NULL));
      if (liaison_record_get_id (item) == liaison_record_get_id (record))
        g_assert_cmpstr (liaison_record_get_field (item, "city"), ==, "Chongqing");
    }
}

/* What the window does as a word is typed one letter at a time, then erased: for each
 * text, a page of the first rows, the first rows, then all of them.  The list ends with
 * the rows of the whole word searched at once, in the same order. */
static void
test_typed_letter_by_letter (Fixture       *fixture,
                             gconstpointer  data)
{
  static const char *const texts[] = { "u", "un", "uni", "univ", "unive", "univer", "univ", "un", "u", "un" };
  LiaisonGenerateOptions options = { .institutions = 2000, .random_seed = 6 };
  g_autoptr(LiaisonQuery) query = liaison_query_new (LIAISON_RECORD_INSTITUTION);
  g_autoptr(LiaisonRecordList) list = NULL;
  g_autoptr(GError) error = NULL;

  liaison_generate (fixture->store, &options, &error);
  g_assert_no_error (error);
  liaison_query_set_sort (query, "id", TRUE);
  list = liaison_record_list_new (fixture->store, query);

  for (guint t = 0; t < G_N_ELEMENTS (texts); t++)
    {
      g_autoptr(LiaisonQuery) once = liaison_query_new (LIAISON_RECORD_INSTITUTION);
      g_autoptr(LiaisonRecordList) at_once = NULL;
      g_autoptr(GArray) first = NULL;
      g_autoptr(GArray) page = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_autoptr(GArray) all = NULL;

      liaison_query_set_search (query, texts[t]);
      query->limit = 200;
      first = liaison_store_query (fixture->store, query, &error);
      g_assert_no_error (error);
      query->limit = 0;
      all = liaison_store_query (fixture->store, query, &error);
      g_assert_no_error (error);

      g_array_append_vals (page, first->data, MIN (first->len, 40));
      liaison_record_list_set_results (list, query, page);
      for (guint i = 0; i < page->len; i++)
        g_object_unref (g_list_model_get_item (G_LIST_MODEL (list), i));
      liaison_record_list_extend (list, first);
      liaison_record_list_extend (list, all);

      liaison_query_set_sort (once, "id", TRUE);
      liaison_query_set_search (once, texts[t]);
      at_once = liaison_record_list_new (fixture->store, once);
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==,
                        g_list_model_get_n_items (G_LIST_MODEL (at_once)));
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), >, 40);
      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i += 7)
        {
          g_autoptr(LiaisonRecord) a = g_list_model_get_item (G_LIST_MODEL (list), i);
          g_autoptr(LiaisonRecord) b = g_list_model_get_item (G_LIST_MODEL (at_once), i);

          g_assert_cmpstr (liaison_record_get_uuid (a), ==, liaison_record_get_uuid (b));
          g_assert_cmpstr (liaison_record_get_field (a, "name"), ==, liaison_record_get_field (b, "name"));
        }
    }
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/liaison/record-list/items-follow-the-query", test_items_follow_the_query);
  ADD ("/liaison/record-list/query-is-copied", test_query_is_copied);
  ADD ("/liaison/record-list/items-changed-after-a-write", test_items_changed_after_a_write);
  ADD ("/liaison/record-list/set-query-replaces-the-items", test_set_query_replaces_the_items);
  ADD ("/liaison/record-list/records-load-on-demand", test_records_load_on_demand);
  ADD ("/liaison/record-list/records-load-many", test_records_load_many);
  ADD ("/liaison/record-list/results-keep-their-records", test_results_keep_their_records);
  ADD ("/liaison/record-list/typed-letter-by-letter", test_typed_letter_by_letter);

  return g_test_run ();
}

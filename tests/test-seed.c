/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <libxml/xmlreader.h>
#include <locale.h>

#include "test-util.h"

#define LIST_VISIT "a0bf8646-f65b-4d52-8d2a-6932ef2b3fd7"

static char *dir;
static char *path;
static LiaisonStore *store;

/* The records of data/seed.xml, read independently of the importer: UUID → kind. */
static GHashTable *
read_seed_file (void)
{
  const char *seed = g_getenv ("LIAISON_SEED");
  GHashTable *records = g_hash_table_new_full (g_str_hash, g_str_equal, (GDestroyNotify) xmlFree, NULL);
  xmlTextReaderPtr reader;

  g_assert_nonnull (seed);
  reader = xmlReaderForFile (seed, NULL, XML_PARSE_NONET);
  g_assert_nonnull (reader);
  while (xmlTextReaderRead (reader) == 1)
    {
      LiaisonRecordKind kind;

      if (xmlTextReaderNodeType (reader) == XML_READER_TYPE_ELEMENT && xmlTextReaderDepth (reader) == 2)
        {
          g_assert_true (liaison_record_kind_from_string ((const char *) xmlTextReaderConstLocalName (reader), &kind));
          g_hash_table_insert (records, xmlTextReaderGetAttribute (reader, BAD_CAST "uuid"), GUINT_TO_POINTER (kind));
        }
    }
  xmlFreeTextReader (reader);
  return records;
}

static void
test_new_database_holds_every_seed_record (void)
{
  g_autoptr(GHashTable) seed = read_seed_file ();
  guint per_kind[LIAISON_N_RECORD_KINDS] = { 0 };
  GHashTableIter iter;
  gpointer uuid, kind;

  g_assert_true (liaison_store_get_was_created (store));
  g_assert_cmpuint (g_hash_table_size (seed), >, 50);

  g_hash_table_iter_init (&iter, seed);
  while (g_hash_table_iter_next (&iter, &uuid, &kind))
    {
      g_autoptr(LiaisonRecord) record = test_load (store, uuid);

      g_assert_cmpint (liaison_record_get_kind (record), ==, GPOINTER_TO_UINT (kind));
      g_assert_nonnull (liaison_record_get_title (record));
      per_kind[GPOINTER_TO_UINT (kind)]++;
    }

  /* Nothing more than the seed either. */
  for (LiaisonRecordKind k = 0; k < LIAISON_N_RECORD_KINDS; k++)
    {
      g_assert_cmpuint (per_kind[k], >, 0);
      g_assert_cmpint (liaison_store_count (store, k, NULL), ==, per_kind[k]);
    }
}

static void
test_every_record_cites_a_source (void)
{
  for (LiaisonRecordKind kind = LIAISON_RECORD_INSTITUTION; kind < LIAISON_N_RECORD_KINDS; kind++)
    {
      g_autoptr(LiaisonQuery) query = liaison_query_new (kind);
      g_autoptr(GArray) ids = test_query (store, query);

      for (guint i = 0; i < ids->len; i++)
        {
          g_autoptr(LiaisonRecord) record = liaison_store_load (store, kind, g_array_index (ids, gint64, i), NULL);
          GPtrArray *links = liaison_record_get_links (record);
          guint citations = 0;

          for (guint l = 0; l < links->len; l++)
            {
              const LiaisonLink *link = g_ptr_array_index (links, l);

              if (link->type == LIAISON_LINK_CITATION)
                {
                  g_autoptr(LiaisonRecord) source = test_load (store, link->target);
                  g_assert_cmpint (liaison_record_get_kind (source), ==, LIAISON_RECORD_SOURCE);
                  citations++;
                }
            }
          if (citations == 0)
            g_error ("%s “%s” cites no source", liaison_record_kind_to_string (kind), liaison_record_get_title (record));
        }
    }
}

static void
test_vague_facts_stay_vague (void)
{
  g_autoptr(LiaisonRecord) visit = test_load (store, LIST_VISIT);
  g_autoptr(LiaisonRecord) huawei = test_load (store, "29be803d-e5a4-4413-9d9b-464ef52c59cd");
  g_autoptr(LiaisonRecord) cqu = test_load (store, "63283e8c-845f-4266-8d69-fe1fca9f9de2");

  /* The LIST visit is 18 April of an unknown year. */
  g_assert_cmpstr (liaison_record_get_field (visit, "date"), ==, "--04-18");
  g_assert_cmpint (liaison_date_get_precision (liaison_record_get_field (visit, "date")), ==, LIAISON_DATE_MONTH_DAY);

  g_assert_cmpstr (liaison_record_get_field (huawei, "local-name"), ==, "华为技术有限公司");
  g_assert_cmpstr (liaison_record_get_field (cqu, "local-name"), ==, "重庆大学");
}

static void
test_people_have_roles (void)
{
  g_autoptr(LiaisonQuery) query = liaison_query_new (LIAISON_RECORD_PERSON);
  g_autoptr(GArray) ids = test_query (store, query);

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(LiaisonRecord) person = liaison_store_load (store, LIAISON_RECORD_PERSON, g_array_index (ids, gint64, i), NULL);
      if (liaison_record_get_field (person, "role") == NULL)
        g_error ("%s has no role", liaison_record_get_title (person));
    }
}

static void
test_seeded_database_validates (void)
{
  g_autofree char *export = g_build_filename (dir, "seed-export.xml", NULL);
  g_autofree char *xml = NULL;
  g_autofree char *problems = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (liaison_store_check_integrity (store, &error));
  g_assert_no_error (error);

  xml = test_export (store, export);
  problems = test_validate_file (export);
  g_assert_null (problems);
}

/* The seed is where a database starts, not a change to undo. */
static void
test_new_database_starts_with_no_history (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) changes = liaison_store_list_changes (store, NULL, 0, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (changes->len, ==, 0);
  g_assert_cmpint (test_db_count (path, "change_log"), ==, 0);
}

static void
test_reopening_does_not_seed_again (void)
{
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;

  g_clear_object (&store);
  before = test_db_fingerprint (path);
  store = liaison_store_open (path, LIAISON_STORE_OPEN_SEED, &error);
  g_assert_no_error (error);
  g_assert_false (liaison_store_get_was_created (store));
  after = test_db_fingerprint (path);
  g_assert_cmpstr (before, ==, after);
}

static void
test_unseeded_database_is_empty (void)
{
  g_autofree char *empty_dir = test_make_tmpdir ();
  g_autoptr(LiaisonStore) empty = test_open_store (empty_dir, "empty.db", LIAISON_STORE_OPEN_DEFAULT);

  for (LiaisonRecordKind kind = 0; kind < LIAISON_N_RECORD_KINDS; kind++)
    g_assert_cmpint (liaison_store_count (empty, kind, NULL), ==, 0);

  g_clear_object (&empty);
  test_remove_tree (empty_dir);
}

int
main (int    argc,
      char **argv)
{
  int status;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  dir = test_make_tmpdir ();
  path = g_build_filename (dir, "seeded.db", NULL);
  store = test_open_store (dir, "seeded.db", LIAISON_STORE_OPEN_SEED);

  g_test_add_func ("/liaison/seed/new-database-holds-every-seed-record", test_new_database_holds_every_seed_record);
  g_test_add_func ("/liaison/seed/every-record-cites-a-source", test_every_record_cites_a_source);
  g_test_add_func ("/liaison/seed/vague-facts-stay-vague", test_vague_facts_stay_vague);
  g_test_add_func ("/liaison/seed/people-have-roles", test_people_have_roles);
  g_test_add_func ("/liaison/seed/seeded-database-validates", test_seeded_database_validates);
  g_test_add_func ("/liaison/seed/new-database-starts-with-no-history", test_new_database_starts_with_no_history);
  g_test_add_func ("/liaison/seed/reopening-does-not-seed-again", test_reopening_does_not_seed_again);
  g_test_add_func ("/liaison/seed/unseeded-database-is-empty", test_unseeded_database_is_empty);

  status = g_test_run ();

  g_clear_object (&store);
  test_remove_tree (dir);
  g_free (path);
  g_free (dir);
  return status;
}

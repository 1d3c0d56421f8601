/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "test-util.h"

typedef struct {
  char         *dir;
  char         *path;
  LiaisonStore *store;
  guint         changed;
} Fixture;

static void
changed_cb (LiaisonStore *store,
            guint         kind,
            Fixture      *fixture)
{
  fixture->changed++;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = test_make_tmpdir ();
  fixture->path = g_build_filename (fixture->dir, "undo.db", NULL);
  fixture->store = test_open_store (fixture->dir, "undo.db", LIAISON_STORE_OPEN_DEFAULT);
  g_signal_connect (fixture->store, "changed", G_CALLBACK (changed_cb), fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
  test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

static LiaisonRecord *
save_new (LiaisonStore      *store,
          LiaisonRecordKind  kind,
          const char        *title)
{
  g_autoptr(GError) error = NULL;
  LiaisonRecord *record = liaison_record_new (kind);

  liaison_record_set_field_at (record, 0, title);
  liaison_store_save (store, record, &error);
  g_assert_no_error (error);
  return record;
}

static void
undo (LiaisonStore *store)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (liaison_store_undo (store, &error));
  g_assert_no_error (error);
}

static void
redo (LiaisonStore *store)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (liaison_store_redo (store, &error));
  g_assert_no_error (error);
}

static gboolean
is_stored (LiaisonStore *store,
           const char   *uuid)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaisonRecord) record = liaison_store_load_by_uuid (store, uuid, &error);

  if (record == NULL)
    g_assert_error (error, LIAISON_ERROR, LIAISON_ERROR_NOT_FOUND);
  return record != NULL;
}

static void
assert_stored_equal (LiaisonStore  *store,
                     LiaisonRecord *expected)
{
  g_autoptr(LiaisonRecord) stored = test_load (store, liaison_record_get_uuid (expected));

  if (!liaison_record_equal (stored, expected))
    {
      g_autoptr(GPtrArray) changes = liaison_store_list_changes (store, liaison_record_get_uuid (expected), 1, NULL);

      g_error ("stored record differs from the expected one (last change: %s)",
               changes && changes->len ? ((LiaisonChange *) changes->pdata[0])->summary : "none");
    }
}

static GPtrArray *
list_changes (LiaisonStore *store,
              const char   *uuid)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *changes = liaison_store_list_changes (store, uuid, 0, &error);

  g_assert_no_error (error);
  return changes;
}

static void
test_nothing_to_undo_in_a_new_session (Fixture       *fixture,
                                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (liaison_store_can_undo (fixture->store));
  g_assert_false (liaison_store_can_redo (fixture->store));
  g_assert_null (liaison_store_get_undo_summary (fixture->store));

  g_assert_false (liaison_store_undo (fixture->store, &error));
  g_assert_error (error, LIAISON_ERROR, LIAISON_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (liaison_store_redo (fixture->store, &error));
  g_assert_error (error, LIAISON_ERROR, LIAISON_ERROR_NOT_FOUND);
  g_assert_cmpuint (fixture->changed, ==, 0);
}

static void
test_undo_create_deletes_and_redo_recreates (Fixture       *fixture,
                                             gconstpointer  data)
{
  g_autoptr(LiaisonRecord) huawei = liaison_record_new (LIAISON_RECORD_INSTITUTION);
  g_autoptr(LiaisonRecord) copy = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autofree char *summary = NULL;
  const char *uuid;

  liaison_record_set_field (huawei, "name", "Huawei Technologies");
  liaison_record_set_field (huawei, "local-name", "华为技术有限公司");
  liaison_record_set_field (huawei, "kind", "company");
  liaison_record_set_field (huawei, "notes", "Quotes \" and \\ backslashes,\nnew lines\tand tabs");
  test_save_ok (fixture->store, huawei);
  uuid = liaison_record_get_uuid (huawei);
  copy = liaison_record_copy (huawei);

  g_assert_true (liaison_store_can_undo (fixture->store));
  g_assert_false (liaison_store_can_redo (fixture->store));
  summary = liaison_store_get_undo_summary (fixture->store);
  g_assert_nonnull (strstr (summary, "Huawei Technologies"));

  fixture->changed = 0;
  undo (fixture->store);
  g_assert_cmpuint (fixture->changed, ==, 1);
  g_assert_false (is_stored (fixture->store, uuid));
  g_assert_false (liaison_store_can_undo (fixture->store));
  g_assert_true (liaison_store_can_redo (fixture->store));

  redo (fixture->store);
  g_assert_cmpuint (fixture->changed, ==, 2);
  assert_stored_equal (fixture->store, copy);
  g_assert_true (liaison_store_can_undo (fixture->store));
  g_assert_false (liaison_store_can_redo (fixture->store));

  /* Each step is one entry of the log, newest first: what it did, with snapshots. */
  changes = list_changes (fixture->store, uuid);
  g_assert_cmpuint (changes->len, ==, 3);
  g_assert_cmpstr (((LiaisonChange *) changes->pdata[0])->action, ==, "create");
  g_assert_cmpstr (((LiaisonChange *) changes->pdata[1])->action, ==, "delete");
  g_assert_cmpstr (((LiaisonChange *) changes->pdata[2])->action, ==, "create");
  g_assert_nonnull (((LiaisonChange *) changes->pdata[1])->before);
  g_assert_null (((LiaisonChange *) changes->pdata[1])->after);
  g_assert_cmpint (test_db_count (fixture->path, "change_log"), ==, 3);
}

static void
test_undo_update_restores_fields_and_links (Fixture       *fixture,
                                            gconstpointer  data)
{
  g_autoptr(LiaisonRecord) a = save_new (fixture->store, LIAISON_RECORD_INSTITUTION, "Zhejiang University");
  g_autoptr(LiaisonRecord) b = save_new (fixture->store, LIAISON_RECORD_INSTITUTION, "Huawei");
  g_autoptr(LiaisonRecord) signer = save_new (fixture->store, LIAISON_RECORD_PERSON, "Li Wei");
  g_autoptr(LiaisonRecord) source = save_new (fixture->store, LIAISON_RECORD_SOURCE, "University news");
  g_autoptr(LiaisonRecord) agreement = liaison_record_new (LIAISON_RECORD_AGREEMENT);
  g_autoptr(LiaisonRecord) original = NULL;
  g_autoptr(LiaisonRecord) changed = NULL;

  liaison_record_set_field (agreement, "title", "Strategic cooperation");
  liaison_record_set_field (agreement, "start", "2023-08");
  liaison_record_set_field (agreement, "end", "2026");
  liaison_record_add_link (agreement, liaison_link_new (LIAISON_LINK_PARTY, liaison_record_get_uuid (a),
                                                        "university", liaison_record_get_uuid (signer)));
  liaison_record_add_link (agreement, liaison_link_new (LIAISON_LINK_PARTY, liaison_record_get_uuid (b),
                                                        "company", NULL));
  liaison_record_add_link (agreement, liaison_link_new (LIAISON_LINK_TAG, "5G", NULL, NULL));
  liaison_record_add_link (agreement, liaison_link_new (LIAISON_LINK_CITATION, liaison_record_get_uuid (source),
                                                        "paragraph 2", NULL));
  test_save_ok (fixture->store, agreement);
  original = liaison_record_copy (agreement);

  /* Change fields, drop a party and the signatory, add a tag. */
  liaison_record_set_field (agreement, "title", "Strategic cooperation, renewed");
  liaison_record_set_field (agreement, "end", NULL);
  liaison_record_set_field (agreement, "status", "active");
  liaison_record_clear_links (agreement);
  liaison_record_add_link (agreement, liaison_link_new (LIAISON_LINK_PARTY, liaison_record_get_uuid (b),
                                                        "company", NULL));
  liaison_record_add_link (agreement, liaison_link_new (LIAISON_LINK_TAG, "人工智能", NULL, NULL));
  test_save_ok (fixture->store, agreement);
  changed = liaison_record_copy (agreement);
  g_assert_false (liaison_record_equal (original, changed));

  undo (fixture->store);
  assert_stored_equal (fixture->store, original);

  redo (fixture->store);
  assert_stored_equal (fixture->store, changed);

  /* Back again, then further back: the agreement goes, the people and places stay. */
  undo (fixture->store);
  assert_stored_equal (fixture->store, original);
  undo (fixture->store);
  g_assert_false (is_stored (fixture->store, liaison_record_get_uuid (agreement)));
  g_assert_true (is_stored (fixture->store, liaison_record_get_uuid (a)));
  g_assert_true (liaison_store_can_undo (fixture->store));
}

static void
test_undo_delete_restores_record_links_and_referrers (Fixture       *fixture,
                                                      gconstpointer  data)
{
  g_autoptr(LiaisonRecord) zju = liaison_record_new (LIAISON_RECORD_INSTITUTION);
  g_autoptr(LiaisonRecord) school = liaison_record_new (LIAISON_RECORD_INSTITUTION);
  g_autoptr(LiaisonRecord) other = save_new (fixture->store, LIAISON_RECORD_INSTITUTION, "Huawei");
  g_autoptr(LiaisonRecord) source = save_new (fixture->store, LIAISON_RECORD_SOURCE, "News");
  g_autoptr(LiaisonRecord) person = liaison_record_new (LIAISON_RECORD_PERSON);
  g_autoptr(LiaisonRecord) agreement = liaison_record_new (LIAISON_RECORD_AGREEMENT);
  g_autoptr(LiaisonRecord) event = liaison_record_new (LIAISON_RECORD_EVENT);
  g_autoptr(LiaisonRecord) zju_before = NULL;
  g_autoptr(LiaisonRecord) school_before = NULL;
  g_autoptr(LiaisonRecord) person_before = NULL;
  g_autoptr(LiaisonRecord) agreement_before = NULL;
  g_autoptr(LiaisonRecord) event_before = NULL;
  g_autoptr(LiaisonRecord) stripped = NULL;
  g_autoptr(GError) error = NULL;
  gint64 log_rows;

  liaison_record_set_field (zju, "name", "Zhejiang University");
  liaison_record_set_field (zju, "local-name", "浙江大学");
  liaison_record_add_link (zju, liaison_link_new (LIAISON_LINK_CITATION, liaison_record_get_uuid (source), NULL, NULL));
  test_save_ok (fixture->store, zju);

  liaison_record_set_field (school, "name", "School of Software");
  liaison_record_set_field (school, "parent", liaison_record_get_uuid (zju));
  test_save_ok (fixture->store, school);

  liaison_record_set_field (person, "name", "Li Wei");
  liaison_record_set_field (person, "institution", liaison_record_get_uuid (zju));
  test_save_ok (fixture->store, person);

  liaison_record_set_field (agreement, "title", "Joint lab");
  liaison_record_add_link (agreement, liaison_link_new (LIAISON_LINK_PARTY, liaison_record_get_uuid (other), NULL, NULL));
  liaison_record_add_link (agreement, liaison_link_new (LIAISON_LINK_PARTY, liaison_record_get_uuid (zju),
                                                        "host", liaison_record_get_uuid (person)));
  test_save_ok (fixture->store, agreement);

  liaison_record_set_field (event, "title", "Signing");
  liaison_record_set_field (event, "host", liaison_record_get_uuid (zju));
  liaison_record_add_link (event, liaison_link_new (LIAISON_LINK_INSTITUTION, liaison_record_get_uuid (zju), "host", NULL));
  liaison_record_add_link (event, liaison_link_new (LIAISON_LINK_AGREEMENT, liaison_record_get_uuid (agreement), NULL, NULL));
  test_save_ok (fixture->store, event);

  zju_before = liaison_record_copy (zju);
  school_before = liaison_record_copy (school);
  person_before = liaison_record_copy (person);
  agreement_before = liaison_record_copy (agreement);
  event_before = liaison_record_copy (event);

  g_assert_true (liaison_store_delete (fixture->store, zju, &error));
  g_assert_no_error (error);

  /* The database dropped every link to the institution... */
  stripped = test_load (fixture->store, liaison_record_get_uuid (agreement));
  g_assert_cmpuint (liaison_record_get_links (stripped)->len, ==, 1);
  g_clear_object (&stripped);
  stripped = test_load (fixture->store, liaison_record_get_uuid (person));
  g_assert_null (liaison_record_get_field (stripped, "institution"));

  /* ...and undo brings back the institution, its citation, and all of them. */
  log_rows = test_db_count (fixture->path, "change_log");
  undo (fixture->store);
  g_assert_cmpint (test_db_count (fixture->path, "change_log"), ==, log_rows + 1);
  assert_stored_equal (fixture->store, zju_before);
  assert_stored_equal (fixture->store, school_before);
  assert_stored_equal (fixture->store, person_before);
  assert_stored_equal (fixture->store, agreement_before);
  assert_stored_equal (fixture->store, event_before);

  redo (fixture->store);
  g_assert_false (is_stored (fixture->store, liaison_record_get_uuid (zju)));
  g_clear_object (&stripped);
  stripped = test_load (fixture->store, liaison_record_get_uuid (event));
  g_assert_null (liaison_record_get_field (stripped, "host"));
  g_assert_cmpuint (liaison_record_get_links (stripped)->len, ==, 1);

  undo (fixture->store);
  assert_stored_equal (fixture->store, event_before);
  assert_stored_equal (fixture->store, agreement_before);
  g_assert_true (liaison_store_check_integrity (fixture->store, &error));
  g_assert_no_error (error);
}

static void
test_links_saved_out_of_order_can_be_undone (Fixture       *fixture,
                                             gconstpointer  data)
{
  g_autoptr(LiaisonRecord) source = save_new (fixture->store, LIAISON_RECORD_SOURCE, "News");
  g_autoptr(LiaisonRecord) agreement = liaison_record_new (LIAISON_RECORD_AGREEMENT);
  g_autoptr(LiaisonRecord) stored = NULL;

  /* A tag after a citation: the store reads tags back before citations. */
  liaison_record_set_field (agreement, "title", "Out of order");
  liaison_record_add_link (agreement, liaison_link_new (LIAISON_LINK_CITATION, liaison_record_get_uuid (source), NULL, NULL));
  liaison_record_add_link (agreement, liaison_link_new (LIAISON_LINK_TAG, "5G", NULL, NULL));
  test_save_ok (fixture->store, agreement);
  liaison_record_set_field (agreement, "title", "Still out of order");
  test_save_ok (fixture->store, agreement);

  undo (fixture->store);
  stored = test_load (fixture->store, liaison_record_get_uuid (agreement));
  g_assert_cmpstr (liaison_record_get_title (stored), ==, "Out of order");
  g_assert_cmpuint (liaison_record_get_links (stored)->len, ==, 2);
  undo (fixture->store);
  g_assert_false (is_stored (fixture->store, liaison_record_get_uuid (agreement)));
}

static void
test_new_write_clears_redo (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(LiaisonRecord) first = save_new (fixture->store, LIAISON_RECORD_INSTITUTION, "First");
  g_autoptr(LiaisonRecord) second = NULL;
  g_autoptr(GError) error = NULL;

  undo (fixture->store);
  g_assert_true (liaison_store_can_redo (fixture->store));

  second = save_new (fixture->store, LIAISON_RECORD_INSTITUTION, "Second");
  g_assert_false (liaison_store_can_redo (fixture->store));
  g_assert_false (liaison_store_redo (fixture->store, &error));
  g_assert_error (error, LIAISON_ERROR, LIAISON_ERROR_NOT_FOUND);
  g_assert_false (is_stored (fixture->store, liaison_record_get_uuid (first)));

  /* What can be undone is the new write, and nothing before the undone one. */
  undo (fixture->store);
  g_assert_false (is_stored (fixture->store, liaison_record_get_uuid (second)));
  g_assert_false (liaison_store_can_undo (fixture->store));
}

static void
test_writes_of_another_connection_can_be_undone (Fixture       *fixture,
                                                 gconstpointer  data)
{
  g_autoptr(LiaisonStore) other = test_open_store (fixture->dir, "undo.db", LIAISON_STORE_OPEN_DEFAULT);
  g_autoptr(LiaisonRecord) record = save_new (other, LIAISON_RECORD_EVENT, "Visit");

  g_assert_true (liaison_store_can_undo (fixture->store));
  undo (fixture->store);
  g_assert_false (is_stored (other, liaison_record_get_uuid (record)));
}

static void
test_undo_refuses_when_record_changed_outside_the_log (Fixture       *fixture,
                                                       gconstpointer  data)
{
  g_autoptr(LiaisonRecord) record = save_new (fixture->store, LIAISON_RECORD_INSTITUTION, "Huawei");
  g_autoptr(GError) error = NULL;
  g_autofree char *fingerprint = NULL;
  sqlite3 *db = NULL;

  liaison_record_set_field (record, "city", "Shenzhen");
  test_save_ok (fixture->store, record);

  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE institution SET city = 'Beijing'", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  fingerprint = test_db_fingerprint (fixture->path);
  g_assert_false (liaison_store_undo (fixture->store, &error));
  g_assert_error (error, LIAISON_ERROR, LIAISON_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "Huawei"));
  {
    g_autofree char *after = test_db_fingerprint (fixture->path);
    g_assert_cmpstr (fingerprint, ==, after);
  }
  g_assert_true (liaison_store_can_undo (fixture->store));
}

static void
test_import_cannot_be_undone (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(LiaisonRecord) before = save_new (fixture->store, LIAISON_RECORD_INSTITUTION, "Before the import");
  g_autoptr(GError) error = NULL;
  g_autofree char *fingerprint = NULL;

  liaison_import_file (fixture->store, g_getenv ("LIAISON_SEED"), LIAISON_IMPORT_DEFAULT,
                       NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  fingerprint = test_db_fingerprint (fixture->path);
  g_assert_false (liaison_store_can_undo (fixture->store));
  g_assert_false (liaison_store_undo (fixture->store, &error));
  g_assert_error (error, LIAISON_ERROR, LIAISON_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "import"));
  {
    g_autofree char *after = test_db_fingerprint (fixture->path);
    g_assert_cmpstr (fingerprint, ==, after);
  }
  g_assert_true (is_stored (fixture->store, liaison_record_get_uuid (before)));
}

static void
test_change_snapshots_read_back (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(LiaisonRecord) record = liaison_record_new (LIAISON_RECORD_EVENT);
  g_autoptr(LiaisonRecord) before = NULL;
  g_autoptr(LiaisonRecord) after = NULL;
  g_autoptr(LiaisonRecord) first = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GError) error = NULL;
  LiaisonChange *change;

  liaison_record_set_field (record, "title", "签约仪式 “quoted” \\ 🎉");
  liaison_record_set_field (record, "date", "--04-18");
  liaison_record_set_field (record, "summary", "line one\nline two\r\n\ttabbed \x01 control");
  liaison_record_add_link (record, liaison_link_new (LIAISON_LINK_TAG, "a \"tag\"", NULL, NULL));
  test_save_ok (fixture->store, record);
  first = liaison_record_copy (record);
  liaison_record_set_field (record, "place", "Hangzhou");
  test_save_ok (fixture->store, record);

  changes = list_changes (fixture->store, liaison_record_get_uuid (record));
  change = changes->pdata[0];
  before = liaison_change_dup_before (change, &error);
  g_assert_no_error (error);
  after = liaison_change_dup_after (change, &error);
  g_assert_no_error (error);
  g_assert_true (liaison_record_equal (before, first));
  g_assert_true (liaison_record_equal (after, record));

  /* A create has no "before"; that is not an error. */
  g_clear_object (&before);
  before = liaison_change_dup_before (changes->pdata[1], &error);
  g_assert_no_error (error);
  g_assert_null (before);
}

static void
test_damaged_snapshot_is_an_error (void)
{
  const char *damaged[] = {
    "", "{", "{\"uuid\":}", "{\"uuid\":\"x\"", "{\"links\":[{\"type\":\"castle\",\"target\":\"x\"}]}",
    "{\"title\":\"\\x\"}", "{\"title\":\"\\ud800\"}", "[]", "{} trailing",
  };

  for (guint i = 0; i < G_N_ELEMENTS (damaged); i++)
    {
      LiaisonChange change = { .id = 7, .kind = (char *) "event", .before = (char *) damaged[i] };
      g_autoptr(GError) error = NULL;
      g_autoptr(LiaisonRecord) record = liaison_change_dup_before (&change, &error);

      if (record != NULL)
        g_error ("damaged snapshot %u was read: %s", i, damaged[i]);
      g_assert_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID_DOCUMENT);
    }
}

/* Issue 7: a restore brings back an older log whose next entries reuse the ids the
 * stacks remembered; undo must take back the change made after the restore, not an
 * entry of the replaced history. */
static void
restore_and_check_undo_follows (Fixture      *fixture,
                                LiaisonStore *restorer)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaisonRecord) kept = save_new (fixture->store, LIAISON_RECORD_INSTITUTION, "Kept University");
  g_autoptr(LiaisonRecord) lost1 = NULL;
  g_autoptr(LiaisonRecord) lost2 = NULL;
  g_autoptr(LiaisonRecord) after = NULL;
  g_autoptr(LiaisonRecord) gone = NULL;
  g_autoptr(LiaisonRecord) still = NULL;
  g_autofree char *backup = g_build_filename (fixture->dir, "before.db", NULL);
  g_autofree char *summary = NULL;

  g_assert_true (liaison_store_backup (fixture->store, backup, &error));
  g_assert_no_error (error);

  lost1 = save_new (fixture->store, LIAISON_RECORD_INSTITUTION, "Lost College");
  lost2 = save_new (fixture->store, LIAISON_RECORD_INSTITUTION, "Lost Centre");
  g_assert_true (liaison_store_can_undo (fixture->store));

  g_assert_true (liaison_store_restore (restorer, backup, NULL, &error));
  g_assert_no_error (error);

  /* Nothing of the replaced history is offered. */
  g_assert_false (liaison_store_can_undo (fixture->store));
  g_assert_false (liaison_store_can_redo (fixture->store));

  /* A change after the restore gets an id the old stacks knew; undo takes back it. */
  after = save_new (fixture->store, LIAISON_RECORD_INSTITUTION, "After Restore Institute");
  g_assert_true (liaison_store_can_undo (fixture->store));
  summary = liaison_store_get_undo_summary (fixture->store);
  g_assert_nonnull (strstr (summary, "After Restore Institute"));

  undo (fixture->store);
  gone = liaison_store_load_by_uuid (fixture->store, liaison_record_get_uuid (after), NULL);
  g_assert_null (gone);
  still = liaison_store_load_by_uuid (fixture->store, liaison_record_get_uuid (kept), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (liaison_record_get_title (still), ==, "Kept University");
  g_assert_false (liaison_store_can_undo (fixture->store));

  redo (fixture->store);
  g_clear_object (&gone);
  gone = liaison_store_load_by_uuid (fixture->store, liaison_record_get_uuid (after), &error);
  g_assert_no_error (error);
  g_assert_nonnull (gone);
}

static void
test_restore_resets_undo_history (Fixture       *fixture,
                                  gconstpointer  data)
{
  restore_and_check_undo_follows (fixture, fixture->store);
}

static void
test_restore_by_another_connection_resets_undo_history (Fixture       *fixture,
                                                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaisonStore) other = liaison_store_open (fixture->path, LIAISON_STORE_OPEN_DEFAULT, &error);

  g_assert_no_error (error);
  restore_and_check_undo_follows (fixture, other);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add ("/liaison/undo/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("nothing-to-undo-in-a-new-session", test_nothing_to_undo_in_a_new_session);
  ADD ("create-is-undone-by-deleting-and-redone", test_undo_create_deletes_and_redo_recreates);
  ADD ("update-undo-restores-fields-and-links", test_undo_update_restores_fields_and_links);
  ADD ("delete-undo-restores-record-links-and-referrers", test_undo_delete_restores_record_links_and_referrers);
  ADD ("links-saved-out-of-order-can-be-undone", test_links_saved_out_of_order_can_be_undone);
  ADD ("new-write-clears-redo", test_new_write_clears_redo);
  ADD ("writes-of-another-connection-can-be-undone", test_writes_of_another_connection_can_be_undone);
  ADD ("refuses-when-record-changed-outside-the-log", test_undo_refuses_when_record_changed_outside_the_log);
  ADD ("import-cannot-be-undone", test_import_cannot_be_undone);
  ADD ("change-snapshots-read-back", test_change_snapshots_read_back);
  ADD ("restore-resets-history", test_restore_resets_undo_history);
  ADD ("restore-by-another-connection-resets-history", test_restore_by_another_connection_resets_undo_history);
#undef ADD
  g_test_add_func ("/liaison/undo/damaged-snapshot-is-an-error", test_damaged_snapshot_is_an_error);

  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "liaison-import-undo.h"
#include "test-util.h"

/*
 * Taking an import back: the database returns to what it was, but only while nothing
 * else was saved after the import; the copy it keeps goes away with it.
 */

typedef struct {
  char         *dir;
  char         *file;      /* an export of the seeded database */
  char         *db_path;   /* an empty database to import it into */
  LiaisonStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(LiaisonStore) seeded = NULL;
  g_autofree char *xml = NULL;

  fixture->dir = test_make_tmpdir ();
  seeded = test_open_store (fixture->dir, "seeded.db", LIAISON_STORE_OPEN_SEED);
  fixture->file = g_build_filename (fixture->dir, "export.xml", NULL);
  xml = test_export (seeded, fixture->file);

  fixture->store = test_open_store (fixture->dir, "empty.db", LIAISON_STORE_OPEN_DEFAULT);
  fixture->db_path = g_strdup (liaison_store_get_path (fixture->store));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
  test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->file);
  g_free (fixture->db_path);
}

static guint
count_files (const char *dir_path)
{
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  guint n = 0;

  while (dir != NULL && g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

static LiaisonImportUndo *
import_with_undo (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  LiaisonImportUndo *undo = NULL;
  LiaisonImportStats stats = { 0 };

  g_assert_true (liaison_import_file_undoable (fixture->store, fixture->file, LIAISON_IMPORT_DEFAULT,
                                               NULL, NULL, &stats, &undo, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.added, >, 0);
  g_assert_nonnull (undo);
  return undo;
}

static void
test_import_undo_restores_previous_content (Fixture       *fixture,
                                            gconstpointer  data)
{
  g_autofree char *before = test_db_fingerprint (fixture->db_path);
  g_autoptr(LiaisonImportUndo) undo = NULL;
  g_autoptr(GError) error = NULL;

  undo = import_with_undo (fixture);
  g_assert_cmpint (liaison_store_count (fixture->store, LIAISON_RECORD_AGREEMENT, NULL), >, 0);
  g_assert_nonnull (strstr (liaison_import_undo_get_summary (undo), "export.xml"));

  g_assert_true (liaison_import_undo_check (undo, fixture->store, &error));
  g_assert_no_error (error);
  g_assert_true (liaison_import_undo_apply (undo, fixture->store, &error));
  g_assert_no_error (error);

  g_assert_cmpint (liaison_store_count (fixture->store, LIAISON_RECORD_AGREEMENT, NULL), ==, 0);
  g_assert_cmpint (liaison_store_count (fixture->store, LIAISON_RECORD_INSTITUTION, NULL), ==, 0);
  {
    g_autofree char *after = test_db_fingerprint (fixture->db_path);

    g_assert_cmpstr (after, ==, before);
  }

  /* Once is enough. */
  g_assert_false (liaison_import_undo_apply (undo, fixture->store, &error));
  g_assert_error (error, LIAISON_ERROR, LIAISON_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "already undone"));
}

static void
test_import_undo_refused_after_later_change (Fixture       *fixture,
                                             gconstpointer  data)
{
  g_autoptr(LiaisonImportUndo) undo = import_with_undo (fixture);
  g_autoptr(LiaisonRecord) institution = liaison_record_new (LIAISON_RECORD_INSTITUTION);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  gint64 n;

  liaison_record_set_field (institution, "name", "Université de Test");
  g_assert_true (liaison_store_save (fixture->store, institution, &error));
  g_assert_no_error (error);
  n = liaison_store_count (fixture->store, LIAISON_RECORD_INSTITUTION, NULL);
  before = test_db_fingerprint (fixture->db_path);

  /* The later save would be lost: refused, naming it, and nothing changes. */
  g_assert_false (liaison_import_undo_check (undo, fixture->store, &error));
  g_assert_error (error, LIAISON_ERROR, LIAISON_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "export.xml"));
  g_assert_nonnull (strstr (error->message, "Université de Test"));
  g_clear_error (&error);

  g_assert_false (liaison_import_undo_apply (undo, fixture->store, &error));
  g_assert_error (error, LIAISON_ERROR, LIAISON_ERROR_CONFLICT);
  g_assert_cmpint (liaison_store_count (fixture->store, LIAISON_RECORD_INSTITUTION, NULL), ==, n);
  {
    g_autofree char *after = test_db_fingerprint (fixture->db_path);

    g_assert_cmpstr (after, ==, before);
  }
}

static void
test_import_undo_copy_goes_with_it (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_autofree char *backups = liaison_store_get_backup_dir (fixture->store);
  g_autoptr(GPtrArray) listed = NULL;
  LiaisonImportUndo *undo;
  guint n_before = count_files (backups);

  undo = import_with_undo (fixture);

  /* The import's own backup plus the copy; the copy is not one of the listed,
   * rotated backups. */
  g_assert_cmpuint (count_files (backups), ==, n_before + 2);
  listed = liaison_store_list_backups (fixture->store, NULL);
  g_assert_cmpuint (listed->len, ==, n_before + 1);

  liaison_import_undo_free (undo);
  g_assert_cmpuint (count_files (backups), ==, n_before + 1);
}

static void
test_import_undo_none_for_dry_run_or_failure (Fixture       *fixture,
                                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = test_db_fingerprint (fixture->db_path);
  g_autofree char *backups = liaison_store_get_backup_dir (fixture->store);
  g_autofree char *bad = g_build_filename (fixture->dir, "bad.xml", NULL);
  LiaisonImportUndo *undo = NULL;
  LiaisonImportStats stats = { 0 };

  g_assert_true (liaison_import_file_undoable (fixture->store, fixture->file, LIAISON_IMPORT_DRY_RUN,
                                               NULL, NULL, &stats, &undo, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.added, >, 0);
  g_assert_null (undo);

  /* A bad file: refused, and no copy is left behind. */
  g_assert_true (g_file_set_contents (bad, "<?xml version=\"1.0\"?>\n<liaison>\n<oops>\n", -1, NULL));
  g_assert_false (liaison_import_file_undoable (fixture->store, bad, LIAISON_IMPORT_DEFAULT,
                                                NULL, NULL, NULL, &undo, NULL, NULL, NULL, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "bad.xml"));
  g_assert_null (undo);
  {
    g_autoptr(GDir) dir = g_dir_open (backups, 0, NULL);
    const char *name;

    while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
      g_assert_false (g_str_has_prefix (name, ".before-import-"));
  }
  {
    g_autofree char *after = test_db_fingerprint (fixture->db_path);

    g_assert_cmpstr (after, ==, before);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/liaison/import-undo/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("restores-previous-content", test_import_undo_restores_previous_content);
  ADD ("refused-after-later-change", test_import_undo_refused_after_later_change);
  ADD ("copy-goes-with-it", test_import_undo_copy_goes_with_it);
  ADD ("none-for-dry-run-or-failure", test_import_undo_none_for_dry_run_or_failure);

#undef ADD

  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>

#include "display-test-util.h"
#include "liaison-import-dialog.h"

/*
 * The Import dialog over a window on a seeded database: an export of it, edited as a
 * colleague would, previews with the right counts, conflicts block Import until a side
 * is chosen, Import writes, and the toast's Undo brings the database back.  The file
 * chooser is skipped: the test gives the file as the chooser would.
 */

#define IFLYTEK_INTENTION "Strategic cooperation intention between OUC and iFLYTEK"
#define IFLYTEK_VISIT     "OUC delegation visit and research talks at iFLYTEK"

typedef struct {
  char          *dir;
  char          *export_path;  /* the seeded database, exported */
  LiaisonStore  *store;
  LiaisonWindow *window;
} Fixture;

static gboolean
import_is_done (gpointer data)
{
  return !liaison_import_dialog_get_busy (data);
}

static gboolean
window_is_idle (gpointer data)
{
  return !liaison_window_get_busy (data);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  display_test_open_seeded_window ("liaison-import-dialog-XXXXXX", &fixture->dir, &fixture->store, &fixture->window);

  fixture->export_path = g_build_filename (fixture->dir, "exchange.xml", NULL);
  g_assert_true (liaison_export_to_file (fixture->store, fixture->export_path, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  display_test_close_window (&fixture->dir, &fixture->store, &fixture->window);
  g_free (fixture->export_path);
}

/* Replaces @from by @to in the exported file, once; the file must hold it. */
static void
edit_export (Fixture    *fixture,
             const char *from,
             const char *to)
{
  g_autofree char *contents = NULL;
  g_autofree char *edited = NULL;
  char *at;

  g_assert_true (g_file_get_contents (fixture->export_path, &contents, NULL, NULL));
  at = strstr (contents, from);
  g_assert_nonnull (at);
  *at = '\0';
  edited = g_strconcat (contents, to, at + strlen (from), NULL);
  g_assert_true (g_file_set_contents (fixture->export_path, edited, -1, NULL));
}

static LiaisonImportDialog *
preview (Fixture *fixture)
{
  LiaisonImportDialog *dialog = LIAISON_IMPORT_DIALOG (g_object_ref_sink (liaison_import_dialog_new (fixture->window)));
  g_autoptr(GFile) file = g_file_new_for_path (fixture->export_path);

  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (fixture->window));
  g_assert_false (liaison_import_dialog_get_can_import (dialog));

  liaison_import_dialog_preview_file (dialog, file);
  g_assert_true (liaison_import_dialog_get_busy (dialog));
  display_test_wait_until (import_is_done, dialog);
  return dialog;
}

static void
test_import_dialog_preview_counts_edited_export (Fixture       *fixture,
                                                 gconstpointer  data)
{
  g_autoptr(LiaisonImportDialog) dialog = NULL;
  g_autoptr(LiaisonRecord) visit = test_dup_record_titled (fixture->store, LIAISON_RECORD_EVENT, IFLYTEK_VISIT);
  g_autoptr(GError) error = NULL;
  LiaisonImportStats stats;
  gint64 total = 0;
  gint64 events = liaison_store_count (fixture->store, LIAISON_RECORD_EVENT, NULL);

  for (guint kind = 0; kind < LIAISON_N_RECORD_KINDS; kind++)
    total += liaison_store_count (fixture->store, kind, NULL);

  /* The file changes an agreement; here, an event is deleted since the export. */
  edit_export (fixture, "<title>" IFLYTEK_INTENTION "</title>", "<title>" IFLYTEK_INTENTION " (revised)</title>");
  g_assert_true (liaison_store_delete (fixture->store, visit, &error));
  g_assert_no_error (error);

  dialog = preview (fixture);
  g_assert_null (liaison_import_dialog_get_message (dialog));
  g_assert_true (liaison_import_dialog_get_stats (dialog, &stats));
  g_assert_cmpuint (stats.added, ==, 1);
  g_assert_cmpuint (stats.updated, ==, 1);
  g_assert_cmpuint (stats.conflicts, ==, 0);
  g_assert_cmpuint (stats.kept, ==, 0);
  g_assert_cmpuint (stats.unchanged, ==, total - 2);
  g_assert_true (liaison_import_dialog_get_can_import (dialog));

  /* A dry run: nothing changed yet. */
  g_assert_cmpint (liaison_store_count (fixture->store, LIAISON_RECORD_EVENT, NULL), ==, events - 1);
  {
    g_autoptr(LiaisonRecord) iflytek = test_dup_record_titled (fixture->store, LIAISON_RECORD_AGREEMENT, IFLYTEK_INTENTION);

    g_assert_nonnull (iflytek);
  }
}

static void
test_import_dialog_conflicts_block_import (Fixture       *fixture,
                                           gconstpointer  data)
{
  g_autoptr(LiaisonImportDialog) dialog = NULL;
  g_autoptr(LiaisonRecord) iflytek = test_dup_record_titled (fixture->store, LIAISON_RECORD_AGREEMENT, IFLYTEK_INTENTION);
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GError) error = NULL;
  LiaisonImportStats stats;

  /* Both sides change the same agreement since the exchange. */
  edit_export (fixture, "<title>" IFLYTEK_INTENTION "</title>", "<title>" IFLYTEK_INTENTION " (theirs)</title>");
  liaison_record_set_field (iflytek, "title", IFLYTEK_INTENTION " (mine)");
  g_assert_true (liaison_store_save (fixture->store, iflytek, &error));
  g_assert_no_error (error);

  dialog = preview (fixture);
  g_assert_true (liaison_import_dialog_get_stats (dialog, &stats));
  g_assert_cmpuint (stats.conflicts, ==, 1);
  conflicts = liaison_import_dialog_list_conflicts (dialog);
  g_assert_cmpuint (conflicts->len, ==, 1);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (conflicts, 0), IFLYTEK_INTENTION));

  /* Import stays disabled, and activating it does nothing, until a side is chosen. */
  g_assert_false (liaison_import_dialog_get_can_import (dialog));
  gtk_widget_activate_action (GTK_WIDGET (dialog), "import.apply", NULL);
  g_assert_false (liaison_import_dialog_get_busy (dialog));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));

  liaison_import_dialog_set_resolution (dialog, LIAISON_IMPORT_KEEP_LOCAL);
  g_assert_true (liaison_import_dialog_get_can_import (dialog));
  liaison_import_dialog_set_resolution (dialog, LIAISON_IMPORT_DEFAULT);
  g_assert_false (liaison_import_dialog_get_can_import (dialog));

  /* Theirs: the file's version replaces mine. */
  liaison_import_dialog_set_resolution (dialog, LIAISON_IMPORT_TAKE_THEIRS);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.apply", NULL));
  g_assert_true (liaison_import_dialog_get_busy (dialog));
  display_test_wait_until (import_is_done, dialog);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  {
    g_autoptr(LiaisonRecord) stored = liaison_store_load_by_uuid (fixture->store, liaison_record_get_uuid (iflytek), NULL);

    g_assert_cmpstr (liaison_record_get_title (stored), ==, IFLYTEK_INTENTION " (theirs)");
  }
}

static void
test_import_dialog_apply_and_undo (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autoptr(LiaisonImportDialog) dialog = NULL;
  g_autoptr(LiaisonRecord) visit = test_dup_record_titled (fixture->store, LIAISON_RECORD_EVENT, IFLYTEK_VISIT);
  g_autoptr(LiaisonRecord) iflytek = test_dup_record_titled (fixture->store, LIAISON_RECORD_AGREEMENT, IFLYTEK_INTENTION);
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaisonRecord) after_import = NULL;
  g_autoptr(LiaisonRecord) after_undo = NULL;
  g_autoptr(LiaisonRecord) gone = NULL;
  AdwToast *toast;
  gint64 events;

  edit_export (fixture, "<title>" IFLYTEK_INTENTION "</title>", "<title>" IFLYTEK_INTENTION " (revised)</title>");
  g_assert_true (liaison_store_delete (fixture->store, visit, &error));
  g_assert_no_error (error);
  events = liaison_store_count (fixture->store, LIAISON_RECORD_EVENT, NULL);

  dialog = preview (fixture);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.apply", NULL));
  display_test_wait_until (import_is_done, dialog);
  g_assert_null (liaison_import_dialog_get_message (dialog));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (dialog)));

  /* Imported, as the window's store sees it: the revision and the deleted event. */
  after_import = liaison_store_load_by_uuid (fixture->store, liaison_record_get_uuid (iflytek), NULL);
  g_assert_cmpstr (liaison_record_get_title (after_import), ==, IFLYTEK_INTENTION " (revised)");
  g_assert_cmpint (liaison_store_count (fixture->store, LIAISON_RECORD_EVENT, NULL), ==, events + 1);

  /* The toast says how many, and its Undo brings back the database as it was. */
  toast = liaison_import_dialog_get_toast (dialog);
  g_assert_nonnull (toast);
  g_assert_cmpstr (adw_toast_get_title (toast), ==, "Imported 2 records");
  g_assert_cmpstr (adw_toast_get_button_label (toast), ==, "_Undo");
  g_signal_emit_by_name (toast, "button-clicked");

  /* The copy comes back in a thread, while the window takes no edits. */
  g_assert_true (liaison_window_get_busy (fixture->window));
  display_test_wait_until (window_is_idle, fixture->window);

  after_undo = liaison_store_load_by_uuid (fixture->store, liaison_record_get_uuid (iflytek), NULL);
  g_assert_cmpstr (liaison_record_get_title (after_undo), ==, IFLYTEK_INTENTION);
  g_assert_cmpint (liaison_store_count (fixture->store, LIAISON_RECORD_EVENT, NULL), ==, events);
  gone = liaison_store_load_by_uuid (fixture->store, liaison_record_get_uuid (visit), NULL);
  g_assert_null (gone);
}

static void
test_import_dialog_undo_refused_after_later_change (Fixture       *fixture,
                                                    gconstpointer  data)
{
  g_autoptr(LiaisonImportDialog) dialog = NULL;
  g_autoptr(LiaisonRecord) iflytek = test_dup_record_titled (fixture->store, LIAISON_RECORD_AGREEMENT, IFLYTEK_INTENTION);
  g_autoptr(LiaisonRecord) edited = NULL;
  g_autoptr(LiaisonRecord) stored = NULL;
  g_autoptr(GError) error = NULL;
  AdwToast *toast;

  edit_export (fixture, "<title>" IFLYTEK_INTENTION "</title>", "<title>" IFLYTEK_INTENTION " (revised)</title>");
  dialog = preview (fixture);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.apply", NULL));
  display_test_wait_until (import_is_done, dialog);
  toast = liaison_import_dialog_get_toast (dialog);
  g_assert_nonnull (toast);
  g_object_ref (toast);

  /* A save after the import: undoing the import would lose it, so it refuses. */
  edited = liaison_store_load_by_uuid (fixture->store, liaison_record_get_uuid (iflytek), NULL);
  liaison_record_set_field (edited, "summary", "Edited after the import");
  g_assert_true (liaison_store_save (fixture->store, edited, &error));
  g_assert_no_error (error);

  g_signal_emit_by_name (toast, "button-clicked");
  g_object_unref (toast);
  display_test_wait_until (window_is_idle, fixture->window);

  stored = liaison_store_load_by_uuid (fixture->store, liaison_record_get_uuid (iflytek), NULL);
  g_assert_cmpstr (liaison_record_get_title (stored), ==, IFLYTEK_INTENTION " (revised)");
  g_assert_cmpstr (liaison_record_get_field (stored, "summary"), ==, "Edited after the import");
}

static void
test_import_dialog_bad_file_changes_nothing (Fixture       *fixture,
                                             gconstpointer  data)
{
  g_autoptr(LiaisonImportDialog) dialog = NULL;
  gint64 institutions = liaison_store_count (fixture->store, LIAISON_RECORD_INSTITUTION, NULL);
  LiaisonImportStats stats;
  const char *message;

  /* Cut short in the middle of the institutions. */
  {
    g_autofree char *contents = NULL;
    char *cut;

    g_assert_true (g_file_get_contents (fixture->export_path, &contents, NULL, NULL));
    cut = strstr (contents, "<people>");
    g_assert_nonnull (cut);
    *cut = '\0';
    g_assert_true (g_file_set_contents (fixture->export_path, contents, -1, NULL));
  }

  dialog = preview (fixture);
  g_assert_false (liaison_import_dialog_get_stats (dialog, &stats));
  g_assert_false (liaison_import_dialog_get_can_import (dialog));
  message = liaison_import_dialog_get_message (dialog);
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, "exchange.xml"));
  g_assert_true (g_regex_match_simple (":[0-9]+|line [0-9]+", message, 0, 0));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  g_assert_cmpint (liaison_store_count (fixture->store, LIAISON_RECORD_INSTITUTION, NULL), ==, institutions);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) \
  g_test_add ("/liaison/import-dialog/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("preview-counts-edited-export", test_import_dialog_preview_counts_edited_export);
  ADD ("conflicts-block-import", test_import_dialog_conflicts_block_import);
  ADD ("apply-and-undo", test_import_dialog_apply_and_undo);
  ADD ("undo-refused-after-later-change", test_import_dialog_undo_refused_after_later_change);
  ADD ("bad-file-changes-nothing", test_import_dialog_bad_file_changes_nothing);

#undef ADD

  return g_test_run ();
}

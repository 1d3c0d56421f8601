/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>

#include "display-test-util.h"
#include "liaison-export-dialog.h"

/*
 * The Export dialog over a window on a seeded database: it takes the list's filters,
 * writes in a thread, and a stopped export leaves no file behind.  The file chooser is
 * skipped: the test gives the file as the chooser would.
 */

typedef struct {
  char          *dir;
  LiaisonStore  *store;
  LiaisonWindow *window;
} Fixture;

static gboolean
search_has_run (gpointer data)
{
  const LiaisonQuery *query = liaison_section_view_get_query (data);

  return g_strcmp0 (query->search, "Huawei") == 0 && display_test_section_is_idle (data);
}

static gboolean
export_is_done (gpointer data)
{
  return !liaison_export_dialog_get_busy (data);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  display_test_open_seeded_window ("liaison-export-dialog-XXXXXX", &fixture->dir, &fixture->store, &fixture->window);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  display_test_close_window (&fixture->dir, &fixture->store, &fixture->window);
}

static LiaisonExportDialog *
open_dialog (Fixture *fixture)
{
  LiaisonExportDialog *dialog = LIAISON_EXPORT_DIALOG (g_object_ref_sink (liaison_export_dialog_new (fixture->window)));

  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (fixture->window));
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));
  return dialog;
}

/* Files in the folder other than the database, its journal and its backups. */
static guint
count_other_files (Fixture    *fixture,
                   const char *except)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);
  const char *name;
  guint n = 0;

  while ((name = g_dir_read_name (dir)) != NULL)
    if (!g_str_has_prefix (name, "seeded.db") && !g_str_equal (name, "backups") && g_strcmp0 (name, except) != 0)
      n++;
  return n;
}

static void
test_export_dialog_agreements_report_with_list_filters (Fixture       *fixture,
                                                        gconstpointer  data)
{
  LiaisonSectionView *section = liaison_window_get_section (fixture->window, LIAISON_RECORD_AGREEMENT);
  g_autoptr(LiaisonExportDialog) dialog = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "report.xml", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *name = NULL;
  g_autofree char *invalid = NULL;
  g_autofree char *contents = NULL;

  /* The agreements list, searched for Huawei. */
  liaison_window_set_page (fixture->window, "agreements");
  liaison_section_view_set_search_text (section, "Huawei");
  display_test_wait_until (search_has_run, section);

  dialog = open_dialog (fixture);
  g_assert_cmpint (liaison_export_dialog_get_kind (dialog), ==, LIAISON_EXPORT_AGREEMENTS_REPORT);
  g_assert_cmpint (liaison_export_dialog_get_format (dialog), ==, LIAISON_EXPORT_FORMAT_HTML);
  g_assert_false (liaison_export_dialog_set_format (dialog, LIAISON_EXPORT_FORMAT_CSV));
  g_assert_true (liaison_export_dialog_set_format (dialog, LIAISON_EXPORT_FORMAT_XML));
  name = liaison_export_dialog_dup_default_name (dialog);
  g_assert_true (g_str_has_prefix (name, "agreements-report-"));
  g_assert_true (g_str_has_suffix (name, ".xml"));

  liaison_export_dialog_export_to_file (dialog, file);
  g_assert_true (liaison_export_dialog_get_busy (dialog));
  display_test_wait_until (export_is_done, dialog);

  /* Done: the dialog is gone, the report is valid and names the list's filter. */
  g_assert_null (liaison_export_dialog_get_message (dialog));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  invalid = test_validate_report (path);
  g_assert_null (invalid);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "Huawei"));
  g_assert_nonnull (strstr (contents, "Agreement on deepening comprehensive strategic cooperation between Chongqing University and Huawei"));
  g_assert_null (strstr (contents, "Strategic cooperation intention between OUC and iFLYTEK"));
  g_assert_cmpuint (count_other_files (fixture, NULL), ==, 1);
}

static void
test_export_dialog_kinds_offer_their_formats (Fixture       *fixture,
                                              gconstpointer  data)
{
  g_autoptr(LiaisonExportDialog) dialog = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "events.ics", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *contents = NULL;
  g_autofree char *name = NULL;

  /* From the overview: an agreements report by default. */
  dialog = open_dialog (fixture);
  g_assert_cmpint (liaison_export_dialog_get_kind (dialog), ==, LIAISON_EXPORT_AGREEMENTS_REPORT);

  liaison_export_dialog_set_kind (dialog, LIAISON_EXPORT_LIST_CSV);
  g_assert_cmpint (liaison_export_dialog_get_format (dialog), ==, LIAISON_EXPORT_FORMAT_CSV);
  g_assert_false (liaison_export_dialog_set_format (dialog, LIAISON_EXPORT_FORMAT_XML));

  liaison_export_dialog_set_kind (dialog, LIAISON_EXPORT_EVENTS_ICS);
  g_assert_cmpint (liaison_export_dialog_get_format (dialog), ==, LIAISON_EXPORT_FORMAT_ICS);
  name = liaison_export_dialog_dup_default_name (dialog);
  g_assert_true (g_str_has_suffix (name, ".ics"));

  liaison_export_dialog_export_to_file (dialog, file);
  display_test_wait_until (export_is_done, dialog);
  g_assert_null (liaison_export_dialog_get_message (dialog));
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "BEGIN:VCALENDAR"));
  g_assert_nonnull (strstr (contents, "BEGIN:VEVENT"));
}

static void
test_export_dialog_profile_needs_institution (Fixture       *fixture,
                                              gconstpointer  data)
{
  g_autoptr(LiaisonExportDialog) dialog = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "profile.html", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  /* From the overview no institution is shown: the profile asks for one, writes nothing. */
  dialog = open_dialog (fixture);
  liaison_export_dialog_set_kind (dialog, LIAISON_EXPORT_INSTITUTION_PROFILE);
  liaison_export_dialog_export_to_file (dialog, file);

  g_assert_false (liaison_export_dialog_get_busy (dialog));
  g_assert_nonnull (liaison_export_dialog_get_message (dialog));
  g_assert_nonnull (strstr (liaison_export_dialog_get_message (dialog), "institution"));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

static void
test_export_dialog_profile_of_shown_institution (Fixture       *fixture,
                                                 gconstpointer  data)
{
  LiaisonSectionView *section = liaison_window_get_section (fixture->window, LIAISON_RECORD_INSTITUTION);
  g_autoptr(LiaisonExportDialog) dialog = NULL;
  g_autoptr(LiaisonRecord) university = NULL;
  g_autoptr(LiaisonQuery) query = liaison_query_new (LIAISON_RECORD_INSTITUTION);
  g_autoptr(GArray) ids = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "profile.html", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *name = NULL;
  g_autofree char *contents = NULL;

  liaison_query_set_search (query, "Chongqing University");
  ids = liaison_store_query (fixture->store, query, NULL);
  g_assert_nonnull (ids);
  g_assert_cmpuint (ids->len, >, 0);
  university = liaison_store_load (fixture->store, LIAISON_RECORD_INSTITUTION, g_array_index (ids, gint64, 0), NULL);

  liaison_window_set_page (fixture->window, "institutions");
  display_test_wait_until (display_test_section_is_idle, section);
  liaison_section_view_show_record (section, university);

  /* The shown institution's profile, as a readable page named after it. */
  dialog = open_dialog (fixture);
  g_assert_cmpint (liaison_export_dialog_get_kind (dialog), ==, LIAISON_EXPORT_INSTITUTION_PROFILE);
  g_assert_cmpint (liaison_export_dialog_get_format (dialog), ==, LIAISON_EXPORT_FORMAT_HTML);
  name = liaison_export_dialog_dup_default_name (dialog);
  g_assert_true (g_str_has_prefix (name, liaison_record_get_title (university)));
  g_assert_true (g_str_has_suffix (name, ".html"));

  liaison_export_dialog_export_to_file (dialog, file);
  display_test_wait_until (export_is_done, dialog);
  g_assert_null (liaison_export_dialog_get_message (dialog));
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "<html"));
  g_assert_nonnull (strstr (contents, liaison_record_get_title (university)));
}

static void
test_export_dialog_stop_leaves_no_file (Fixture       *fixture,
                                        gconstpointer  data)
{
  LiaisonGenerateOptions options = { 200, 400, 2000, 30000, 7 };
  g_autoptr(LiaisonExportDialog) dialog = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "everything.xml", NULL);
  g_autofree char *kept = g_build_filename (fixture->dir, "kept.xml", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) kept_file = g_file_new_for_path (kept);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;

  /* Enough records that the export is still running when it is stopped. */
  g_assert_true (liaison_generate (fixture->store, &options, &error));
  g_assert_no_error (error);

  dialog = open_dialog (fixture);
  liaison_export_dialog_set_kind (dialog, LIAISON_EXPORT_ALL_DATA);
  liaison_export_dialog_export_to_file (dialog, file);
  g_assert_true (liaison_export_dialog_get_busy (dialog));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "export.cancel", NULL));
  display_test_wait_until (export_is_done, dialog);

  /* Nothing written, no temporary file left, and the dialog says so and stays. */
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_other_files (fixture, NULL), ==, 0);
  g_assert_nonnull (strstr (liaison_export_dialog_get_message (dialog), "Nothing was written"));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));

  /* Stopping over an existing file leaves it as it was. */
  g_assert_true (g_file_set_contents (kept, "the old report", -1, NULL));
  liaison_export_dialog_export_to_file (dialog, kept_file);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "export.cancel", NULL));
  display_test_wait_until (export_is_done, dialog);
  g_assert_true (g_file_get_contents (kept, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "the old report");
  g_assert_cmpuint (count_other_files (fixture, "kept.xml"), ==, 0);
  g_assert_nonnull (strstr (liaison_export_dialog_get_message (dialog), "kept.xml"));

  gtk_window_destroy (GTK_WINDOW (dialog));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) \
  g_test_add ("/liaison/export-dialog/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("agreements-report-with-list-filters", test_export_dialog_agreements_report_with_list_filters);
  ADD ("kinds-offer-their-formats", test_export_dialog_kinds_offer_their_formats);
  ADD ("profile-needs-institution", test_export_dialog_profile_needs_institution);
  ADD ("profile-of-shown-institution", test_export_dialog_profile_of_shown_institution);
  ADD ("stop-leaves-no-file", test_export_dialog_stop_leaves_no_file);

#undef ADD

  return g_test_run ();
}

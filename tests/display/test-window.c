/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "display-test-util.h"
#include "liaison-editor.h"
#include "liaison-history-view.h"

/*
 * The main window on a freshly seeded database, driven through its actions and
 * widgets as a user would, checking both the database and what the window shows.
 */

typedef struct {
  char          *dir;
  LiaisonStore  *store;
  LiaisonWindow *window;
} Fixture;

typedef struct {
  LiaisonSectionView *section;
  const char         *search;
} SearchWait;

static gboolean
search_has_run (gpointer data)
{
  SearchWait *wait = data;
  const LiaisonQuery *query = liaison_section_view_get_query (wait->section);

  return g_strcmp0 (query->search, wait->search) == 0 && display_test_section_is_idle (wait->section);
}

static void
search (LiaisonSectionView *section,
        const char         *text)
{
  SearchWait wait = { section, text };

  liaison_section_view_set_search_text (section, text);
  display_test_wait_until (search_has_run, &wait);
}

static gboolean
dialog_is_shown (gpointer data)
{
  AdwMessageDialog **dialog = data;

  *dialog = display_test_find_shown_window (ADW_TYPE_MESSAGE_DIALOG);
  return *dialog != NULL;
}

/* What the widgets show */

static gboolean
shows_text (GtkWidget  *widget,
            const char *text)
{
  if (!gtk_widget_get_mapped (widget))
    return FALSE;

  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return TRUE;

  /* The tables' cells */
  if (GTK_IS_INSCRIPTION (widget) && g_strcmp0 (gtk_inscription_get_text (GTK_INSCRIPTION (widget)), text) == 0)
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    if (shows_text (child, text))
      return TRUE;

  return FALSE;
}

static gboolean
shows_text_cb (gpointer data)
{
  gpointer *pair = data;

  return shows_text (pair[0], pair[1]);
}

/* The table binds its rows when it lays them out, in the next frame. */
static void
wait_until_shown (GtkWidget  *widget,
                  const char *text)
{
  gpointer pair[2] = { widget, (gpointer) text };

  display_test_wait_until (shows_text_cb, pair);
}

/* The text of the first shown label with @style_class ("title-2" is a page heading). */
static const char *
find_styled_text (GtkWidget  *widget,
                  const char *style_class)
{
  if (!gtk_widget_get_mapped (widget))
    return NULL;

  if (GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, style_class))
    return gtk_label_get_text (GTK_LABEL (widget));

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      const char *text = find_styled_text (child, style_class);

      if (text != NULL)
        return text;
    }

  return NULL;
}

/* The first shown table cell that shows @text. */
static GtkWidget *
find_cell (GtkWidget  *widget,
           const char *text)
{
  if (!gtk_widget_get_mapped (widget))
    return NULL;

  if (GTK_IS_INSCRIPTION (widget) && g_strcmp0 (gtk_inscription_get_text (GTK_INSCRIPTION (widget)), text) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *cell = find_cell (child, text);

      if (cell != NULL)
        return cell;
    }

  return NULL;
}

static gboolean
has_width (gpointer data)
{
  return gtk_widget_get_width (data) > 0;
}

/* Whether @cell draws its whole text, not cut short. */
static gboolean
cell_fits_text (GtkWidget *cell)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (cell, gtk_inscription_get_text (GTK_INSCRIPTION (cell)));
  int width;

  display_test_wait_until (has_width, cell);
  pango_layout_get_pixel_size (layout, &width, NULL);
  return width <= gtk_widget_get_width (cell);
}

static LiaisonRecord *
dup_row (LiaisonSectionView *section,
         guint               position)
{
  return g_list_model_get_item (G_LIST_MODEL (liaison_section_view_get_model (section)), position);
}

static guint
n_rows (LiaisonSectionView *section)
{
  return g_list_model_get_n_items (G_LIST_MODEL (liaison_section_view_get_model (section)));
}

/* Fixture */

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  LiaisonSectionView *section;

  display_test_open_seeded_window ("liaison-window-XXXXXX", &fixture->dir, &fixture->store, &fixture->window);

  /* A section queries its table when first shown, not before. */
  section = liaison_window_get_section (fixture->window, LIAISON_RECORD_EVENT);
  g_assert_false (liaison_section_view_get_loading (section));
  g_assert_cmpuint (n_rows (section), ==, 0);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  display_test_close_window (&fixture->dir, &fixture->store, &fixture->window);
}

static LiaisonSectionView *
show_section (Fixture           *fixture,
              LiaisonRecordKind  kind)
{
  LiaisonSectionView *section = liaison_window_get_section (fixture->window, kind);

  liaison_window_set_page (fixture->window, liaison_record_kind_get_plural (kind));
  display_test_wait_until (display_test_section_is_idle, section);
  g_assert_true (liaison_window_get_current_section (fixture->window) == section);
  return section;
}

static gboolean
detail_shows (gpointer data)
{
  gpointer *pair = data;
  LiaisonRecord *shown = liaison_detail_view_get_record (pair[0]);

  return shown != NULL && g_strcmp0 (liaison_record_get_uuid (shown), pair[1]) == 0;
}

static void
wait_for_detail (LiaisonDetailView *detail,
                 const char        *uuid)
{
  gpointer pair[2] = { detail, (gpointer) uuid };

  display_test_wait_until (detail_shows, pair);
}

/* Tests */

static void
test_window_title_names_database (Fixture       *fixture,
                                  gconstpointer  data)
{
  const char *title = gtk_window_get_title (GTK_WINDOW (fixture->window));

  g_assert_nonnull (strstr (title, "seeded.db"));
  g_assert_cmpstr (liaison_window_get_page (fixture->window), ==, "overview");
}

static void
test_window_sections_list_every_record (Fixture       *fixture,
                                        gconstpointer  data)
{
  static const LiaisonRecordKind kinds[] = {
    LIAISON_RECORD_INSTITUTION, LIAISON_RECORD_AGREEMENT, LIAISON_RECORD_EVENT, LIAISON_RECORD_PERSON,
  };

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      LiaisonSectionView *section = show_section (fixture, kinds[i]);
      gint64 count = liaison_store_count (fixture->store, kinds[i], NULL);
      g_autoptr(LiaisonRecord) first = NULL;

      g_assert_cmpint (count, >, 0);
      g_assert_cmpuint (n_rows (section), ==, count);
      g_assert_cmpstr (liaison_section_view_get_page (section), ==, "list");

      first = dup_row (section, 0);
      g_assert_true (shows_text (GTK_WIDGET (liaison_section_view_get_column_view (section)),
                                 liaison_record_get_title (first)));
    }
}

static void
assert_every_row_mentions (LiaisonSectionView *section,
                           const char         *text)
{
  for (guint i = 0; i < n_rows (section); i++)
    {
      g_autoptr(LiaisonRecord) record = dup_row (section, i);
      guint n_fields;
      gboolean found = FALSE;

      liaison_record_kind_get_fields (liaison_record_get_kind (record), &n_fields);
      for (guint f = 0; f < n_fields && !found; f++)
        {
          const char *value = liaison_record_get_field_at (record, f);
          g_autofree char *folded_value = value ? g_utf8_casefold (value, -1) : NULL;
          g_autofree char *folded_text = g_utf8_casefold (text, -1);

          found = folded_value != NULL && strstr (folded_value, folded_text) != NULL;
        }
      g_assert_true (found);
    }
}

static void
test_window_search_finds_chinese_and_english (Fixture       *fixture,
                                              gconstpointer  data)
{
  LiaisonSectionView *section = show_section (fixture, LIAISON_RECORD_INSTITUTION);
  guint all = n_rows (section);
  guint chinese, english;

  search (section, "华为");
  chinese = n_rows (section);
  g_assert_cmpuint (chinese, >, 0);
  g_assert_cmpuint (chinese, <, all);
  assert_every_row_mentions (section, "华为");
  g_assert_true (shows_text (GTK_WIDGET (section), "华为技术有限公司"));

  search (section, "Huawei");
  english = n_rows (section);
  g_assert_cmpuint (english, >=, chinese);
  g_assert_cmpuint (english, <, all);
  assert_every_row_mentions (section, "Huawei");
  g_assert_true (shows_text (GTK_WIDGET (section), "Huawei Technologies Co., Ltd."));

  search (section, "no such partner anywhere");
  g_assert_cmpuint (n_rows (section), ==, 0);
  g_assert_cmpstr (liaison_section_view_get_page (section), ==, "no-results");
  g_assert_true (shows_text (GTK_WIDGET (section), "No Results Found"));

  search (section, NULL);
  g_assert_cmpuint (n_rows (section), ==, all);
  g_assert_cmpstr (liaison_section_view_get_page (section), ==, "list");
}

static gboolean
sorted_by (gpointer data)
{
  gpointer *pair = data;
  const LiaisonQuery *query = liaison_section_view_get_query (pair[0]);

  return g_strcmp0 (query->sort, pair[1]) == 0 && display_test_section_is_idle (pair[0]);
}

static void
test_window_sort_by_column_orders_in_sql (Fixture       *fixture,
                                          gconstpointer  data)
{
  LiaisonSectionView *section = show_section (fixture, LIAISON_RECORD_INSTITUTION);
  gpointer pair[2] = { section, (gpointer) "agreements" };
  g_autoptr(LiaisonQuery) expected = liaison_query_new (LIAISON_RECORD_INSTITUTION);
  g_autoptr(GArray) ids = NULL;
  g_autoptr(LiaisonRecord) first = NULL;

  /* What clicking the "Agreements" header twice does: most agreements first. */
  liaison_section_view_sort_by (section, "agreements", TRUE);
  display_test_wait_until (sorted_by, pair);
  g_assert_true (liaison_section_view_get_query (section)->descending);

  liaison_query_set_sort (expected, "agreements", TRUE);
  ids = liaison_store_query (fixture->store, expected, NULL);
  g_assert_cmpuint (ids->len, ==, n_rows (section));
  for (guint i = 0; i < ids->len; i++)
    g_assert_cmpint (liaison_record_list_get_id (liaison_section_view_get_model (section), i), ==,
                     g_array_index (ids, gint64, i));

  /* The seed's busiest partner is Huawei, with six agreements. */
  first = dup_row (section, 0);
  g_assert_cmpstr (liaison_record_get_title (first), ==, "Huawei Technologies Co., Ltd.");
  wait_until_shown (GTK_WIDGET (section), "6");

  pair[1] = (gpointer) "name";
  liaison_section_view_sort_by (section, "name", TRUE);
  display_test_wait_until (sorted_by, pair);
  g_clear_object (&first);
  first = dup_row (section, 0);
  for (guint i = 1; i < n_rows (section); i++)
    {
      g_autoptr(LiaisonRecord) next = dup_row (section, i);

      g_assert_cmpint (g_utf8_collate (g_utf8_casefold (liaison_record_get_title (first), -1),
                                       g_utf8_casefold (liaison_record_get_title (next), -1)), >=, 0);
      g_set_object (&first, next);
    }
}

static gboolean
editor_is_open (gpointer data)
{
  return liaison_detail_view_get_editor (data) != NULL;
}

static gboolean
editor_is_closed (gpointer data)
{
  return liaison_detail_view_get_editor (data) == NULL;
}

static void
test_window_create_and_edit_with_validation (Fixture       *fixture,
                                             gconstpointer  data)
{
  LiaisonSectionView *section = show_section (fixture, LIAISON_RECORD_INSTITUTION);
  LiaisonDetailView *detail = liaison_section_view_get_detail_view (section);
  gint64 before = liaison_store_count (fixture->store, LIAISON_RECORD_INSTITUTION, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaisonRecord) agreement = NULL;
  LiaisonRecord *saved;
  LiaisonEditor *editor;
  GtkWidget *row;

  /* Ctrl+N: a new institution in the detail pane. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.new-record", NULL));
  display_test_wait_until (editor_is_open, detail);
  editor = LIAISON_EDITOR (liaison_detail_view_get_editor (detail));
  g_assert_true (liaison_detail_view_get_editing (detail));

  /* Saving without a name is refused, says why, and writes nothing. */
  g_assert_false (liaison_detail_view_save (detail, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_nonnull (liaison_editor_get_field_message (editor, "name"));
  g_assert_cmpint (liaison_store_count (fixture->store, LIAISON_RECORD_INSTITUTION, NULL), ==, before);

  row = liaison_editor_get_field_row (editor, "name");
  gtk_editable_set_text (GTK_EDITABLE (row), "Université de Test");
  row = liaison_editor_get_field_row (editor, "city");
  gtk_editable_set_text (GTK_EDITABLE (row), "Lyon");
  g_assert_true (liaison_detail_view_get_modified (detail));
  g_assert_null (liaison_editor_get_field_message (editor, "name"));

  /* Ctrl+S */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL));
  display_test_wait_until (editor_is_closed, detail);
  display_test_wait_until (display_test_section_is_idle, section);

  g_assert_cmpint (liaison_store_count (fixture->store, LIAISON_RECORD_INSTITUTION, NULL), ==, before + 1);
  saved = liaison_detail_view_get_record (detail);
  g_assert_nonnull (saved);
  g_assert_cmpstr (liaison_record_get_title (saved), ==, "Université de Test");
  g_assert_cmpuint (n_rows (section), ==, before + 1);
  g_assert_true (shows_text (GTK_WIDGET (detail), "Université de Test"));
  g_assert_true (shows_text (GTK_WIDGET (detail), "Lyon"));

  /* Edit an agreement so that it ends before it starts: refused, nothing changes. */
  section = show_section (fixture, LIAISON_RECORD_AGREEMENT);
  detail = liaison_section_view_get_detail_view (section);
  agreement = test_dup_record_titled (fixture->store, LIAISON_RECORD_AGREEMENT,
                                      "Agreement on deepening comprehensive strategic cooperation between Chongqing University and Huawei");
  liaison_window_open_record (fixture->window, liaison_record_get_uuid (agreement));
  wait_for_detail (detail, liaison_record_get_uuid (agreement));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.edit", NULL));
  display_test_wait_until (editor_is_open, detail);
  editor = LIAISON_EDITOR (liaison_detail_view_get_editor (detail));
  gtk_editable_set_text (GTK_EDITABLE (liaison_editor_get_field_row (editor, "start")), "2024-01");
  gtk_editable_set_text (GTK_EDITABLE (liaison_editor_get_field_row (editor, "end")), "2023");
  g_assert_nonnull (liaison_editor_get_field_message (editor, "end"));
  g_assert_false (liaison_detail_view_save (detail, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  {
    g_autoptr(LiaisonRecord) stored = liaison_store_load_by_uuid (fixture->store, liaison_record_get_uuid (agreement), NULL);

    g_assert_cmpstr (liaison_record_get_field (stored, "end"), ==, liaison_record_get_field (agreement, "end"));
  }

  /* A valid end saves. */
  gtk_editable_set_text (GTK_EDITABLE (liaison_editor_get_field_row (editor, "end")), "2028-12-31");
  g_assert_null (liaison_editor_get_field_message (editor, "end"));
  g_assert_true (liaison_detail_view_save (detail, &error));
  g_assert_no_error (error);
  display_test_wait_until (editor_is_closed, detail);

  {
    g_autoptr(LiaisonRecord) stored = liaison_store_load_by_uuid (fixture->store, liaison_record_get_uuid (agreement), NULL);
    g_autofree char *shown = liaison_date_format ("2028-12-31");

    g_assert_cmpstr (liaison_record_get_field (stored, "end"), ==, "2028-12-31");
    g_assert_cmpstr (liaison_record_get_field (stored, "start"), ==, "2024-01");
    g_assert_true (shows_text (GTK_WIDGET (detail), shown));
  }
}

static void
test_window_unsaved_edits_ask_first (Fixture       *fixture,
                                     gconstpointer  data)
{
  LiaisonSectionView *section = show_section (fixture, LIAISON_RECORD_PERSON);
  LiaisonDetailView *detail = liaison_section_view_get_detail_view (section);
  g_autoptr(LiaisonRecord) first = dup_row (section, 0);
  AdwMessageDialog *dialog = NULL;
  LiaisonEditor *editor;

  liaison_section_view_show_record (section, first);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.edit", NULL));
  display_test_wait_until (editor_is_open, detail);
  editor = LIAISON_EDITOR (liaison_detail_view_get_editor (detail));
  gtk_editable_set_text (GTK_EDITABLE (liaison_editor_get_field_row (editor, "role")), "Dean");

  /* Choosing another person asks; Cancel keeps the edits. */
  gtk_selection_model_select_item (gtk_column_view_get_model (liaison_section_view_get_column_view (section)), 1, TRUE);
  display_test_wait_until (dialog_is_shown, &dialog);
  adw_message_dialog_response (dialog, "cancel");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_true (liaison_detail_view_get_editing (detail));
  g_assert_true (liaison_detail_view_get_modified (detail));
  g_assert_cmpstr (liaison_record_get_uuid (liaison_detail_view_get_record (detail)), ==, liaison_record_get_uuid (first));

  /* Closing the window asks too; Discard drops the edits and the store is unchanged. */
  dialog = NULL;
  gtk_window_close (GTK_WINDOW (fixture->window));
  display_test_wait_until (dialog_is_shown, &dialog);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (fixture->window)));
  adw_message_dialog_response (dialog, "discard");
  gtk_window_destroy (GTK_WINDOW (dialog));
  display_test_wait_until (editor_is_closed, detail);

  {
    g_autoptr(LiaisonRecord) stored = liaison_store_load_by_uuid (fixture->store, liaison_record_get_uuid (first), NULL);

    g_assert_cmpstr (liaison_record_get_field (stored, "role"), ==, liaison_record_get_field (first, "role"));
  }
}

static gboolean
record_is_gone (gpointer data)
{
  gpointer *pair = data;

  for (guint i = 0; i < n_rows (pair[0]); i++)
    {
      g_autoptr(LiaisonRecord) row = dup_row (pair[0], i);

      if (g_strcmp0 (liaison_record_get_uuid (row), pair[1]) == 0)
        return FALSE;
    }
  return display_test_section_is_idle (pair[0]);
}

static gboolean
record_is_listed (gpointer data)
{
  return display_test_section_is_idle (((gpointer *) data)[0]) && !record_is_gone (data);
}

static void
test_window_delete_and_undo (Fixture       *fixture,
                             gconstpointer  data)
{
  LiaisonSectionView *section = show_section (fixture, LIAISON_RECORD_EVENT);
  LiaisonDetailView *detail = liaison_section_view_get_detail_view (section);
  g_autoptr(LiaisonRecord) event = dup_row (section, 0);
  gint64 before = liaison_store_count (fixture->store, LIAISON_RECORD_EVENT, NULL);
  g_autoptr(LiaisonRecord) restored = NULL;
  gpointer pair[2] = { section, (gpointer) liaison_record_get_uuid (event) };

  liaison_section_view_show_record (section, event);
  g_assert_true (shows_text (GTK_WIDGET (detail), liaison_record_get_title (event)));

  /* The Delete key. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.delete", NULL));
  display_test_wait_until (record_is_gone, pair);
  g_assert_cmpint (liaison_store_count (fixture->store, LIAISON_RECORD_EVENT, NULL), ==, before - 1);
  g_assert_null (liaison_store_load_by_uuid (fixture->store, liaison_record_get_uuid (event), NULL));
  g_assert_null (liaison_detail_view_get_record (detail));
  g_assert_cmpuint (n_rows (section), ==, before - 1);

  /* Ctrl+Z, what the toast's Undo does too: it comes back whole, with its UUID. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.undo", NULL));
  display_test_wait_until (record_is_listed, pair);
  g_assert_cmpint (liaison_store_count (fixture->store, LIAISON_RECORD_EVENT, NULL), ==, before);
  restored = liaison_store_load_by_uuid (fixture->store, liaison_record_get_uuid (event), NULL);
  g_assert_nonnull (restored);
  g_assert_cmpstr (liaison_record_get_title (restored), ==, liaison_record_get_title (event));
  g_assert_cmpuint (liaison_record_get_links (restored)->len, ==, liaison_record_get_links (event)->len);
  wait_for_detail (detail, liaison_record_get_uuid (event));
  g_assert_true (shows_text (GTK_WIDGET (detail), liaison_record_get_title (event)));

  /* Ctrl+Shift+Z deletes it again. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.redo", NULL));
  display_test_wait_until (record_is_gone, pair);
  g_assert_cmpint (liaison_store_count (fixture->store, LIAISON_RECORD_EVENT, NULL), ==, before - 1);
}

static gboolean
page_is (gpointer data)
{
  gpointer *pair = data;

  return g_strcmp0 (liaison_window_get_page (pair[0]), pair[1]) == 0;
}

static void
test_window_follow_link_and_back (Fixture       *fixture,
                                  gconstpointer  data)
{
  LiaisonSectionView *institutions = show_section (fixture, LIAISON_RECORD_INSTITUTION);
  LiaisonDetailView *detail = liaison_section_view_get_detail_view (institutions);
  LiaisonDetailView *agreement_detail;
  g_autoptr(LiaisonRecord) university = test_dup_record_titled (fixture->store, LIAISON_RECORD_INSTITUTION, "Chongqing University");
  g_autoptr(LiaisonRecord) agreement = test_dup_record_titled (fixture->store, LIAISON_RECORD_AGREEMENT,
                                                               "Sub-agreement on building a benchmark smart campus");
  gpointer pair[2] = { fixture->window, (gpointer) "agreements" };
  GtkWidget *row;

  liaison_section_view_show_record (institutions, university);
  g_assert_true (shows_text (GTK_WIDGET (detail), "重庆大学"));
  g_assert_false (liaison_window_can_go_back (fixture->window));

  /* The university's page lists the agreement; its row opens it in Agreements. */
  row = liaison_detail_view_find_link_row (detail, liaison_record_get_uuid (agreement));
  g_assert_nonnull (row);
  g_signal_emit_by_name (row, "activated");
  display_test_wait_until (page_is, pair);

  agreement_detail = liaison_section_view_get_detail_view (liaison_window_get_section (fixture->window, LIAISON_RECORD_AGREEMENT));
  wait_for_detail (agreement_detail, liaison_record_get_uuid (agreement));
  g_assert_true (shows_text (GTK_WIDGET (agreement_detail), liaison_record_get_title (agreement)));
  g_assert_true (liaison_window_can_go_back (fixture->window));

  /* The agreement names its party; Alt+Left comes back to the university. */
  g_assert_nonnull (liaison_detail_view_find_link_row (agreement_detail, liaison_record_get_uuid (university)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.back", NULL));
  pair[1] = (gpointer) "institutions";
  display_test_wait_until (page_is, pair);
  wait_for_detail (detail, liaison_record_get_uuid (university));
  g_assert_false (liaison_window_can_go_back (fixture->window));
}

static gboolean
history_is_shown (gpointer data)
{
  LiaisonHistoryView **history = data;

  *history = display_test_find_shown_window (LIAISON_TYPE_HISTORY_VIEW);
  return *history != NULL && gtk_widget_get_mapped (GTK_WIDGET (*history));
}

static void
test_window_history_lists_an_edit (Fixture       *fixture,
                                   gconstpointer  data)
{
  LiaisonSectionView *section = show_section (fixture, LIAISON_RECORD_INSTITUTION);
  LiaisonDetailView *detail = liaison_section_view_get_detail_view (section);
  g_autoptr(LiaisonRecord) university = test_dup_record_titled (fixture->store, LIAISON_RECORD_INSTITUTION, "Chongqing University");
  LiaisonHistoryView *history = NULL;
  LiaisonEditor *editor;
  guint n_before;

  /* Ctrl+H needs a record to show the history of. */
  liaison_section_view_show_record (section, NULL);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-history", NULL);
  for (guint i = 0; i < 50; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_false (history_is_shown (&history));

  /* Before any edit here. */
  liaison_section_view_show_record (section, university);
  wait_for_detail (detail, liaison_record_get_uuid (university));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-history", NULL));
  display_test_wait_until (history_is_shown, &history);
  n_before = liaison_history_view_get_n_changes (history);
  g_assert_false (shows_text (GTK_WIDGET (history), "Chongqing → Shapingba"));
  gtk_window_destroy (GTK_WINDOW (history));
  history = NULL;

  /* Edit the university's city in its editor and save. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.edit", NULL));
  display_test_wait_until (editor_is_open, detail);
  editor = LIAISON_EDITOR (liaison_detail_view_get_editor (detail));
  gtk_editable_set_text (GTK_EDITABLE (liaison_editor_get_field_row (editor, "city")), "Shapingba");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL));
  display_test_wait_until (editor_is_closed, detail);

  /* Ctrl+H: a window over this one lists the edit first, with what it changed. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-history", NULL));
  display_test_wait_until (history_is_shown, &history);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (history)) == GTK_WINDOW (fixture->window));
  g_assert_cmpstr (liaison_history_view_get_uuid (history), ==, liaison_record_get_uuid (university));
  g_assert_cmpuint (liaison_history_view_get_n_changes (history), ==, n_before + 1);
  g_assert_true (shows_text (GTK_WIDGET (history), "Changed institution “Chongqing University”"));
  g_assert_true (shows_text (GTK_WIDGET (history), "Chongqing → Shapingba"));

  gtk_window_destroy (GTK_WINDOW (history));
}

static gboolean
is_folded (gpointer data)
{
  return liaison_section_view_get_folded (data);
}

static gboolean
is_unfolded (gpointer data)
{
  return !liaison_section_view_get_folded (data);
}

static gboolean
detail_pane_is_shown (gpointer data)
{
  return gtk_widget_get_child_visible (gtk_widget_get_parent (data)) &&
         gtk_widget_get_mapped (GTK_WIDGET (data));
}

static gboolean
detail_pane_is_hidden (gpointer data)
{
  return !gtk_widget_get_child_visible (gtk_widget_get_parent (data));
}

static gboolean
list_pane_is_hidden (gpointer data)
{
  return !gtk_widget_get_child_visible (data);
}

static gboolean
list_pane_is_shown (gpointer data)
{
  return gtk_widget_get_child_visible (data) && gtk_widget_get_mapped (GTK_WIDGET (data));
}

static void
test_window_narrow_layout_folds (Fixture       *fixture,
                                 gconstpointer  data)
{
  LiaisonSectionView *section = show_section (fixture, LIAISON_RECORD_AGREEMENT);
  LiaisonDetailView *detail = liaison_section_view_get_detail_view (section);
  g_autoptr(LiaisonRecord) first = dup_row (section, 0);
  GtkWidget *list_pane;

  g_assert_false (liaison_section_view_get_folded (section));

  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 400, 800);
  display_test_wait_until (is_folded, section);

  /* Folded, the list fills the window; choosing a row shows its page instead. */
  list_pane = gtk_widget_get_ancestor (GTK_WIDGET (liaison_section_view_get_column_view (section)), GTK_TYPE_BOX);
  g_assert_true (gtk_widget_get_child_visible (list_pane));
  /* The leaflet folds on the next allocation, after its folded property changed. */
  display_test_wait_until (detail_pane_is_hidden, detail);

  gtk_selection_model_select_item (gtk_column_view_get_model (liaison_section_view_get_column_view (section)), 0, TRUE);
  wait_for_detail (detail, liaison_record_get_uuid (first));
  display_test_wait_until (detail_pane_is_shown, detail);
  display_test_wait_until (list_pane_is_hidden, list_pane);
  g_assert_true (shows_text (GTK_WIDGET (detail), liaison_record_get_title (first)));

  /* Its back button returns to the list. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (detail), "section.show-list", NULL));
  display_test_wait_until (list_pane_is_shown, list_pane);

  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1200, 800);
  display_test_wait_until (is_unfolded, section);
  g_assert_true (gtk_widget_get_child_visible (list_pane));
}

static gboolean
window_is_narrow (gpointer data)
{
  GtkWidget *window = data;

  return gtk_widget_get_width (window) > 0 && gtk_widget_get_width (window) <= 400;
}

static gboolean
switcher_is_in_header (gpointer data)
{
  return !adw_view_switcher_title_get_title_visible (data);
}

/* GNOME's phones are 360 px wide: the window gets that narrow, folds its sections and
 * moves the view switcher to the bottom, and nothing in it asks for more width. */
static void
test_window_fits_a_phone (Fixture       *fixture,
                          gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);
  LiaisonSectionView *section = show_section (fixture, LIAISON_RECORD_AGREEMENT);
  GtkWidget *header_bar = display_test_find_descendant (window, ADW_TYPE_HEADER_BAR);
  GtkWidget *switcher_title = display_test_find_descendant (window, ADW_TYPE_VIEW_SWITCHER_TITLE);
  GtkWidget *switcher_bar = display_test_find_descendant (window, ADW_TYPE_VIEW_SWITCHER_BAR);
  GdkSurface *surface;
  int min_width;

  g_assert_nonnull (header_bar);
  g_assert_nonnull (switcher_title);
  g_assert_nonnull (switcher_bar);
  g_assert_false (adw_view_switcher_bar_get_reveal (ADW_VIEW_SWITCHER_BAR (switcher_bar)));

  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 360, 720);
  display_test_wait_until (window_is_narrow, window);
  display_test_wait_until (is_folded, section);

  surface = gtk_native_get_surface (GTK_NATIVE (window));
  g_assert_cmpint (gtk_widget_get_width (window), <=, 400);
  g_assert_cmpint (gdk_surface_get_width (surface), <=, 400);
  /* The view stack asks for the widest of its pages, the overview included. */
  gtk_widget_measure (window, GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL, NULL, NULL);
  g_assert_cmpint (min_width, <=, 360);

  /* The header bar shows the title; the sections are a bar at the bottom. */
  g_assert_true (adw_view_switcher_title_get_title_visible (ADW_VIEW_SWITCHER_TITLE (switcher_title)));
  g_assert_true (adw_view_switcher_bar_get_reveal (ADW_VIEW_SWITCHER_BAR (switcher_bar)));
  gtk_widget_measure (header_bar, GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL, NULL, NULL);
  g_assert_cmpint (min_width, <=, gtk_widget_get_width (header_bar));

  /* Wide again, the switcher is back in the header bar. */
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1200, 800);
  display_test_wait_until (is_unfolded, section);
  display_test_wait_until (switcher_is_in_header, switcher_title);
  g_assert_false (adw_view_switcher_bar_get_reveal (ADW_VIEW_SWITCHER_BAR (switcher_bar)));
}

static void
test_window_table_cells_name_their_text (Fixture       *fixture,
                                         gconstpointer  data)
{
  LiaisonSectionView *section = show_section (fixture, LIAISON_RECORD_INSTITUTION);
  GtkWidget *cell = find_cell (GTK_WIDGET (section), "Chongqing University");

  /* A screen reader reads a cell's text, and the count column's number. */
  g_assert_nonnull (cell);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (cell), GTK_ACCESSIBLE_PROPERTY_LABEL, "Chongqing University");
  cell = find_cell (GTK_WIDGET (section), "6");
  g_assert_nonnull (cell);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (cell), GTK_ACCESSIBLE_PROPERTY_LABEL, "6");
}

static void
assert_choices_fit (LiaisonSectionView *section,
                    LiaisonRecordKind   kind,
                    const char         *field_name)
{
  const LiaisonField *field = liaison_record_kind_find_field (kind, field_name, NULL);
  guint shown = 0;

  for (guint i = 0; field->choices[i] != NULL; i++)
    {
      GtkWidget *cell = find_cell (GTK_WIDGET (section), liaison_choice_get_label (field->choices[i]));

      if (cell == NULL)
        continue;
      g_assert_true (cell_fits_text (cell));
      shown++;
    }
  g_assert_cmpuint (shown, >, 1);
}

static void
test_window_fixed_columns_fit_their_values (void)
{
  GtkSettings *settings = gtk_settings_get_default ();
  g_autofree char *dir = NULL;
  g_autoptr(LiaisonStore) store = NULL;
  LiaisonWindow *window = NULL;
  LiaisonSectionView *section;
  g_autoptr(LiaisonRecord) event = NULL;
  g_autofree char *date = NULL;
  GtkWidget *cell;

  /* A big font: the columns of kinds, statuses and dates grow with their values,
   * as they do for longer words in another language. */
  g_object_set (settings, "gtk-font-name", "Sans 16", NULL);
  display_test_open_seeded_window ("liaison-window-XXXXXX", &dir, &store, &window);
  gtk_window_set_default_size (GTK_WINDOW (window), 1600, 800);

  section = liaison_window_get_section (window, LIAISON_RECORD_INSTITUTION);
  liaison_window_set_page (window, "institutions");
  display_test_wait_until (display_test_section_is_idle, section);
  assert_choices_fit (section, LIAISON_RECORD_INSTITUTION, "kind");

  section = liaison_window_get_section (window, LIAISON_RECORD_AGREEMENT);
  liaison_window_set_page (window, "agreements");
  display_test_wait_until (display_test_section_is_idle, section);
  assert_choices_fit (section, LIAISON_RECORD_AGREEMENT, "status");

  section = liaison_window_get_section (window, LIAISON_RECORD_EVENT);
  liaison_window_set_page (window, "events");
  display_test_wait_until (display_test_section_is_idle, section);
  event = g_list_model_get_item (G_LIST_MODEL (liaison_section_view_get_model (section)), 0);
  date = liaison_date_format (liaison_record_get_field (event, "date"));
  cell = find_cell (GTK_WIDGET (section), date);
  g_assert_nonnull (cell);
  g_assert_true (cell_fits_text (cell));

  display_test_close_window (&dir, &store, &window);
  gtk_settings_reset_property (settings, "gtk-font-name");
}

static void
test_window_chinese_readers_see_local_names_first (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("liaison-window-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "seeded.db", NULL);
  g_autoptr(LiaisonStore) store = NULL;
  g_autoptr(LiaisonWindow) window = NULL;
  g_autoptr(GtkColumnViewColumn) first_column = NULL;
  g_autoptr(LiaisonRecord) university = NULL;
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  LiaisonSectionView *section;
  LiaisonDetailView *detail;
  GListModel *columns;

  g_setenv ("LANGUAGE", "zh_CN", TRUE);
  store = liaison_store_open (path, LIAISON_STORE_OPEN_SEED, &error);
  g_assert_no_error (error);
  window = g_object_ref_sink (liaison_window_new (NULL, store));
  gtk_window_present (GTK_WINDOW (window));

  section = liaison_window_get_section (window, LIAISON_RECORD_INSTITUTION);
  liaison_window_set_page (window, "institutions");
  display_test_wait_until (display_test_section_is_idle, section);

  /* The local-name column comes first; the English name still has its own. */
  columns = gtk_column_view_get_columns (liaison_section_view_get_column_view (section));
  first_column = g_list_model_get_item (columns, 0);
  g_assert_cmpstr (gtk_column_view_column_get_title (first_column), ==, "Local name");
  g_assert_true (shows_text (GTK_WIDGET (section), "Chongqing University"));
  g_assert_true (shows_text (GTK_WIDGET (section), "重庆大学"));

  /* The detail's heading is the Chinese name, the English one under it. */
  university = test_dup_record_titled (store, LIAISON_RECORD_INSTITUTION, "Chongqing University");
  liaison_section_view_show_record (section, university);
  detail = liaison_section_view_get_detail_view (section);
  g_assert_cmpstr (find_styled_text (GTK_WIDGET (detail), "title-2"), ==, "重庆大学");
  g_assert_cmpstr (find_styled_text (GTK_WIDGET (detail), "title-4"), ==, "Chongqing University");

  g_unsetenv ("LANGUAGE");
  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&store);
  g_unlink (wal);
  g_unlink (shm);
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) \
  g_test_add ("/liaison/window/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("title-names-database", test_window_title_names_database);
  ADD ("sections-list-every-record", test_window_sections_list_every_record);
  ADD ("search-finds-chinese-and-english", test_window_search_finds_chinese_and_english);
  ADD ("sort-by-column-orders-in-sql", test_window_sort_by_column_orders_in_sql);
  ADD ("create-and-edit-with-validation", test_window_create_and_edit_with_validation);
  ADD ("unsaved-edits-ask-first", test_window_unsaved_edits_ask_first);
  ADD ("delete-and-undo", test_window_delete_and_undo);
  ADD ("follow-link-and-back", test_window_follow_link_and_back);
  ADD ("narrow-layout-folds", test_window_narrow_layout_folds);
  ADD ("history-lists-an-edit", test_window_history_lists_an_edit);
  ADD ("fits-a-phone", test_window_fits_a_phone);
  ADD ("table-cells-name-their-text", test_window_table_cells_name_their_text);
  g_test_add_func ("/liaison/window/fixed-columns-fit-their-values",
                   test_window_fixed_columns_fit_their_values);
  g_test_add_func ("/liaison/window/chinese-readers-see-local-names-first",
                   test_window_chinese_readers_see_local_names_first);

#undef ADD

  return g_test_run ();
}

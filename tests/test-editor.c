/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <locale.h>
#include <string.h>

#include "liaison-chooser.h"
#include "liaison-editor.h"
#include "liaison-history-view.h"
#include "test-util.h"

/*
 * The editor, the chooser and the history view, driven as a user would: text typed into
 * rows, actions activated, rows of the chooser's list activated.  Each test checks what
 * the widgets show and what the store holds.
 */

typedef struct {
  char          *dir;
  LiaisonStore  *store;
  GtkWindow     *window;
  LiaisonEditor *editor;
  LiaisonRecord *saved;
  guint          n_saved;
  guint          n_cancelled;
  char          *chosen;
} Fixture;

static void
saved_cb (LiaisonEditor *editor,
          LiaisonRecord *record,
          Fixture       *f)
{
  f->n_saved++;
  g_set_object (&f->saved, record);
}

static void
cancelled_cb (LiaisonEditor *editor,
              Fixture       *f)
{
  f->n_cancelled++;
}

static void
chosen_cb (LiaisonChooser *chooser,
           const char     *uuid,
           Fixture        *f)
{
  g_free (f->chosen);
  f->chosen = g_strdup (uuid);
}

static void
iterate (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* Runs the main loop until @done says so, for at most five seconds. */
static gboolean
wait_for (gboolean (*done) (gpointer),
          gpointer   data)
{
  gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (!done (data) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
  return done (data);
}

static GtkWidget *
find_widget (GtkWidget  *widget,
             GType       type,
             const char *name)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type) &&
      (name == NULL || g_strcmp0 (gtk_widget_get_name (widget), name) == 0))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_with_action (GtkWidget  *widget,
                  const char *action_name)
{
  if (GTK_IS_ACTIONABLE (widget) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action_name) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_with_action (child, action_name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The editor's Save button. */
static GtkWidget *
find_save_button (Fixture *f)
{
  GtkWidget *button = find_with_action (GTK_WIDGET (f->editor), "editor.save");

  g_assert_true (GTK_IS_BUTTON (button));
  return button;
}

static GtkWidget *
find_with_tooltip (GtkWidget  *widget,
                   const char *fragment)
{
  const char *tip = gtk_widget_get_tooltip_text (widget);

  if (GTK_IS_BUTTON (widget) && tip != NULL && strstr (tip, fragment) != NULL)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_with_tooltip (child, fragment);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
type_into (Fixture    *f,
           const char *field,
           const char *text)
{
  GtkWidget *row = liaison_editor_get_field_row (f->editor, field);

  g_assert_true (ADW_IS_ENTRY_ROW (row));
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  iterate ();
}

static void
assert_message (Fixture    *f,
                const char *field,
                const char *fragment)
{
  const char *message = liaison_editor_get_field_message (f->editor, field);
  GtkWidget *row = liaison_editor_get_field_row (f->editor, field);

  if (fragment == NULL)
    {
      if (message != NULL)
        g_error ("field %s shows “%s”, expected nothing", field, message);
      g_assert_false (gtk_widget_has_css_class (row, "error"));
      return;
    }

  if (message == NULL || strstr (message, fragment) == NULL)
    g_error ("field %s shows “%s”, expected “%s”", field, message ? message : "(nothing)", fragment);
  g_assert_true (gtk_widget_has_css_class (row, "error"));
}

static void
open_editor (Fixture       *f,
             LiaisonRecord *record)
{
  f->editor = LIAISON_EDITOR (liaison_editor_new (f->store, record));
  g_signal_connect (f->editor, "saved", G_CALLBACK (saved_cb), f);
  g_signal_connect (f->editor, "cancelled", G_CALLBACK (cancelled_cb), f);
  gtk_window_set_child (f->window, GTK_WIDGET (f->editor));
  gtk_window_present (f->window);
  iterate ();
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = test_make_tmpdir ();
  f->store = test_open_store (f->dir, "editor.db", LIAISON_STORE_OPEN_SEED);
  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 640, 800);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (f->window);
  iterate ();
  g_clear_object (&f->saved);
  g_clear_object (&f->store);
  g_clear_pointer (&f->chosen, g_free);
  test_remove_tree (f->dir);
  g_free (f->dir);
}

static LiaisonRecord *
load_first (LiaisonStore      *store,
            LiaisonRecordKind  kind,
            const char        *search)
{
  g_autoptr(LiaisonQuery) query = liaison_query_new (kind);
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  LiaisonRecord *record;

  liaison_query_set_search (query, search);
  ids = test_query (store, query);
  g_assert_cmpuint (ids->len, >, 0);
  record = liaison_store_load (store, kind, g_array_index (ids, gint64, 0), &error);
  g_assert_no_error (error);
  return record;
}

static void
test_new_event_validates_as_you_type_and_saves (Fixture       *f,
                                                gconstpointer  data)
{
  g_autoptr(LiaisonRecord) event = liaison_record_new (LIAISON_RECORD_EVENT);
  g_autoptr(LiaisonRecord) stored = NULL;
  GtkWidget *save;
  gint64 events = liaison_store_count (f->store, LIAISON_RECORD_EVENT, NULL);

  open_editor (f, event);
  save = find_save_button (f);

  /* A new event has no title yet: the row says so and Save is off. */
  assert_message (f, "title", "Required");
  g_assert_false (gtk_widget_get_sensitive (save));
  g_assert_false (liaison_editor_get_valid (f->editor));

  type_into (f, "title", "Signing ceremony at Shapingba");
  assert_message (f, "title", NULL);
  g_assert_true (gtk_widget_get_sensitive (save));
  g_assert_true (liaison_editor_get_modified (f->editor));

  /* An end before the start, then an end that is no date at all. */
  type_into (f, "date", "2023-08-30");
  type_into (f, "end-date", "2023");
  assert_message (f, "end-date", NULL);  /* some day of 2023: maybe after */
  type_into (f, "end-date", "2023-07");
  assert_message (f, "end-date", "Ends before it starts");
  assert_message (f, "date", NULL);
  g_assert_false (gtk_widget_get_sensitive (save));

  type_into (f, "end-date", "2023-13");
  assert_message (f, "end-date", "month 13");
  g_assert_false (gtk_widget_get_sensitive (save));

  /* Saving anyway does nothing but say why. */
  gtk_widget_activate_action (GTK_WIDGET (f->editor), "editor.save", NULL);
  iterate ();
  g_assert_cmpuint (f->n_saved, ==, 0);
  g_assert_cmpint (liaison_store_count (f->store, LIAISON_RECORD_EVENT, NULL), ==, events);

  type_into (f, "end-date", "2023-09");
  assert_message (f, "end-date", NULL);
  g_assert_true (gtk_widget_get_sensitive (save));

  g_signal_emit_by_name (save, "clicked");
  iterate ();
  g_assert_cmpuint (f->n_saved, ==, 1);
  g_assert_nonnull (liaison_record_get_uuid (f->saved));
  g_assert_false (liaison_editor_get_modified (f->editor));
  g_assert_false (gtk_widget_get_sensitive (save));
  g_assert_cmpint (liaison_store_count (f->store, LIAISON_RECORD_EVENT, NULL), ==, events + 1);

  stored = test_load (f->store, liaison_record_get_uuid (f->saved));
  g_assert_cmpstr (liaison_record_get_title (stored), ==, "Signing ceremony at Shapingba");
  g_assert_cmpstr (liaison_record_get_field (stored, "date"), ==, "2023-08-30");
  g_assert_cmpstr (liaison_record_get_field (stored, "end-date"), ==, "2023-09");
  g_assert_true (liaison_record_equal (stored, f->saved));

  /* And it can be undone, as one step. */
  g_assert_true (liaison_store_undo (f->store, NULL));
  g_assert_cmpint (liaison_store_count (f->store, LIAISON_RECORD_EVENT, NULL), ==, events);
}

static void
test_partial_dates_are_entered_naturally (Fixture       *f,
                                          gconstpointer  data)
{
  g_autoptr(LiaisonRecord) agreement = liaison_record_new (LIAISON_RECORD_AGREEMENT);
  LiaisonRecord *edited;

  open_editor (f, agreement);
  edited = liaison_editor_get_edited_record (f->editor);
  type_into (f, "title", "Framework");

  type_into (f, "signed", "04-18");
  assert_message (f, "signed", NULL);
  g_assert_cmpstr (liaison_record_get_field (edited, "signed"), ==, "--04-18");

  type_into (f, "start", "2023");
  type_into (f, "end", " 2023-08 ");
  assert_message (f, "start", NULL);
  assert_message (f, "end", NULL);
  g_assert_cmpstr (liaison_record_get_field (edited, "start"), ==, "2023");
  g_assert_cmpstr (liaison_record_get_field (edited, "end"), ==, "2023-08");

  type_into (f, "notice", "next spring");
  assert_message (f, "notice", "not a date");
  g_assert_false (liaison_editor_get_valid (f->editor));

  type_into (f, "notice", "");
  assert_message (f, "notice", NULL);
  g_assert_null (liaison_record_get_field (edited, "notice"));
  g_assert_true (liaison_editor_get_valid (f->editor));
}

static void
test_edits_stay_in_the_copy_until_saved (Fixture       *f,
                                         gconstpointer  data)
{
  g_autoptr(LiaisonRecord) agreement = load_first (f->store, LIAISON_RECORD_AGREEMENT, "Chongqing");
  g_autoptr(LiaisonRecord) stored = NULL;
  g_autofree char *title = g_strdup (liaison_record_get_title (agreement));
  AdwComboRow *status;
  GListModel *labels;
  guint active = 0;
  guint original = G_MAXUINT;

  open_editor (f, agreement);
  g_assert_false (liaison_editor_get_modified (f->editor));
  g_assert_false (gtk_widget_get_sensitive (find_save_button (f)));

  type_into (f, "title", "Renamed");
  g_assert_true (liaison_editor_get_modified (f->editor));
  g_assert_cmpstr (liaison_record_get_title (agreement), ==, title);
  g_assert_cmpstr (liaison_record_get_title (liaison_editor_get_record (f->editor)), ==, title);

  /* The status row offers the statuses by their translated names. */
  status = ADW_COMBO_ROW (liaison_editor_get_field_row (f->editor, "status"));
  labels = adw_combo_row_get_model (status);
  for (guint i = 0; i < g_list_model_get_n_items (labels); i++)
    {
      const char *label = gtk_string_list_get_string (GTK_STRING_LIST (labels), i);

      if (g_strcmp0 (label, liaison_choice_get_label ("active")) == 0)
        active = i;
      if (g_strcmp0 (label, liaison_choice_get_label (liaison_record_get_field (agreement, "status"))) == 0)
        original = i;
    }
  g_assert_cmpuint (active, >, 0);
  g_assert_cmpuint (original, !=, G_MAXUINT);
  g_assert_cmpuint (original, !=, active);
  adw_combo_row_set_selected (status, active);
  iterate ();
  g_assert_cmpstr (liaison_record_get_field (liaison_editor_get_edited_record (f->editor), "status"), ==, "active");

  /* Putting the old values back is no edit at all... */
  type_into (f, "title", title);
  g_assert_true (liaison_editor_get_modified (f->editor));
  adw_combo_row_set_selected (status, original);
  iterate ();
  g_assert_false (liaison_editor_get_modified (f->editor));

  /* ...and Cancel leaves the store as it was. */
  type_into (f, "title", "Renamed again");
  gtk_widget_activate_action (GTK_WIDGET (f->editor), "editor.cancel", NULL);
  iterate ();
  g_assert_cmpuint (f->n_cancelled, ==, 1);
  g_assert_cmpuint (f->n_saved, ==, 0);
  stored = test_load (f->store, liaison_record_get_uuid (agreement));
  g_assert_cmpstr (liaison_record_get_title (stored), ==, title);
  g_assert_true (liaison_record_equal (stored, agreement));
}

/* The position of @status among the status row's labels. */
static guint
find_status (AdwComboRow *row,
             const char  *status)
{
  GListModel *labels = adw_combo_row_get_model (row);

  for (guint i = 0; i < g_list_model_get_n_items (labels); i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (labels), i), liaison_choice_get_label (status)) == 0)
      return i;
  g_error ("The status row does not offer “%s”", status);
}

static void
test_status_picked_by_hand_is_kept (Fixture       *f,
                                    gconstpointer  data)
{
  g_autoptr(LiaisonRecord) agreement = load_first (f->store, LIAISON_RECORD_AGREEMENT, "Chongqing");
  g_autoptr(LiaisonRecord) stored = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *original = g_strdup (liaison_record_get_field (agreement, "status"));
  AdwComboRow *status;
  GtkSwitch *manual;

  /* The seed's statuses follow their dates. */
  g_assert_null (liaison_record_get_field (agreement, "status-manual"));
  open_editor (f, agreement);
  status = ADW_COMBO_ROW (liaison_editor_get_field_row (f->editor, "status"));
  manual = GTK_SWITCH (find_widget (liaison_editor_get_field_row (f->editor, "status-manual"), GTK_TYPE_SWITCH, NULL));
  g_assert_nonnull (manual);
  g_assert_false (gtk_switch_get_active (manual));

  /* Dates that make it active; the user says it has expired all the same. */
  type_into (f, "start", "2020-01-01");
  type_into (f, "end", "2099-12-31");
  g_assert_false (gtk_switch_get_active (manual));
  g_assert_cmpstr (original, !=, "expired");
  adw_combo_row_set_selected (status, find_status (status, "expired"));
  iterate ();
  g_assert_true (gtk_switch_get_active (manual));
  g_assert_cmpstr (liaison_record_get_field (liaison_editor_get_edited_record (f->editor), "status-manual"), ==, "true");

  /* Its own status back: the status follows the dates again, as it did. */
  adw_combo_row_set_selected (status, find_status (status, original));
  iterate ();
  g_assert_false (gtk_switch_get_active (manual));
  g_assert_null (liaison_record_get_field (liaison_editor_get_edited_record (f->editor), "status-manual"));

  /* Saved, the choice survives the rule that would make it active. */
  adw_combo_row_set_selected (status, find_status (status, "expired"));
  iterate ();
  g_assert_true (liaison_editor_save (f->editor, &error));
  g_assert_no_error (error);
  stored = test_load (f->store, liaison_record_get_uuid (agreement));
  g_assert_cmpstr (liaison_record_get_field (stored, "status"), ==, "expired");
  g_assert_cmpstr (liaison_record_get_field (stored, "status-manual"), ==, "true");
  g_assert_cmpstr (liaison_record_get_field (stored, "start"), ==, "2020-01-01");
}

static gboolean
chooser_finds_huawei (gpointer data)
{
  LiaisonChooser *chooser = data;
  GListModel *results = liaison_chooser_get_results (chooser);
  g_autoptr(LiaisonRecord) first = NULL;

  if (g_list_model_get_n_items (results) == 0)
    return FALSE;
  first = g_list_model_get_item (results, 0);
  return strstr (liaison_record_get_title (first), "Huawei") != NULL &&
         g_list_model_get_n_items (results) < 5;
}

static LiaisonChooser *
find_chooser (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (LIAISON_IS_CHOOSER (window))
        return LIAISON_CHOOSER (window);
    }
  return NULL;
}

static void
search_for (LiaisonChooser *chooser,
            const char     *text)
{
  GtkWidget *entry = find_widget (GTK_WIDGET (chooser), GTK_TYPE_SEARCH_ENTRY, NULL);

  g_assert_nonnull (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  /* The search runs after a short pause in typing. */
  g_assert_true (wait_for (chooser_finds_huawei, chooser));
}

static void
test_chooser_search_in_chinese_finds_huawei (Fixture       *f,
                                             gconstpointer  data)
{
  LiaisonChooser *chooser = liaison_chooser_new (f->store, LIAISON_RECORD_INSTITUTION);
  GtkWidget *list;
  g_autoptr(LiaisonRecord) huawei = NULL;
  guint all;

  g_signal_connect (chooser, "chosen", G_CALLBACK (chosen_cb), f);
  gtk_window_present (GTK_WINDOW (chooser));
  iterate ();

  all = g_list_model_get_n_items (liaison_chooser_get_results (chooser));
  g_assert_cmpuint (all, >, 5);

  search_for (chooser, "华为");
  huawei = g_list_model_get_item (liaison_chooser_get_results (chooser), 0);
  g_assert_cmpstr (liaison_record_get_field (huawei, "local-name"), ==, "华为技术有限公司");

  /* Activating the row chooses it and closes the dialog. */
  list = find_widget (GTK_WIDGET (chooser), GTK_TYPE_LIST_VIEW, NULL);
  g_assert_nonnull (list);
  gtk_widget_activate_action (list, "list.activate-item", "u", 0);
  iterate ();
  g_assert_cmpstr (f->chosen, ==, liaison_record_get_uuid (huawei));
  g_assert_null (find_chooser ());
}

static void
test_party_is_added_through_the_chooser (Fixture       *f,
                                         gconstpointer  data)
{
  g_autoptr(LiaisonRecord) agreement = liaison_record_new (LIAISON_RECORD_AGREEMENT);
  g_autoptr(LiaisonRecord) stored = NULL;
  g_autoptr(LiaisonRecord) huawei = NULL;
  GtkWidget *add;
  LiaisonChooser *chooser;
  GPtrArray *links;
  const LiaisonLink *party;

  open_editor (f, agreement);
  type_into (f, "title", "Joint laboratory");

  add = find_widget (GTK_WIDGET (f->editor), GTK_TYPE_BUTTON, "add-party");
  g_assert_nonnull (add);
  g_assert_true (gtk_widget_is_drawable (add));
  g_signal_emit_by_name (add, "clicked");
  iterate ();

  chooser = find_chooser ();
  g_assert_nonnull (chooser);
  g_assert_cmpint (liaison_chooser_get_kind (chooser), ==, LIAISON_RECORD_INSTITUTION);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (chooser)) == f->window);
  search_for (chooser, "华为");
  huawei = g_list_model_get_item (liaison_chooser_get_results (chooser), 0);
  liaison_chooser_choose (chooser, 0);
  iterate ();
  g_assert_null (find_chooser ());

  links = liaison_record_get_links (liaison_editor_get_edited_record (f->editor));
  g_assert_cmpuint (links->len, ==, 1);
  party = g_ptr_array_index (links, 0);
  g_assert_cmpint (party->type, ==, LIAISON_LINK_PARTY);
  g_assert_nonnull (find_widget (GTK_WIDGET (f->editor), ADW_TYPE_EXPANDER_ROW, NULL));

  /* Its role is typed in the party's row. */
  gtk_editable_set_text (GTK_EDITABLE (find_widget (find_widget (GTK_WIDGET (f->editor), ADW_TYPE_EXPANDER_ROW, NULL),
                                                    ADW_TYPE_ENTRY_ROW, NULL)), "company");
  iterate ();
  g_assert_cmpstr (party->role, ==, "company");

  g_assert_true (liaison_editor_save (f->editor, NULL));
  stored = test_load (f->store, liaison_record_get_uuid (f->saved));
  g_assert_cmpuint (liaison_record_get_links (stored)->len, ==, 1);
  party = g_ptr_array_index (liaison_record_get_links (stored), 0);
  g_assert_cmpstr (party->target, ==, liaison_record_get_uuid (huawei));
  g_assert_cmpstr (party->role, ==, "company");
}

static void
test_tags_are_added_and_removed (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(LiaisonRecord) agreement = load_first (f->store, LIAISON_RECORD_AGREEMENT, "Chongqing");
  g_autoptr(LiaisonRecord) stored = NULL;
  GPtrArray *links = NULL;
  GtkWidget *entry;
  GtkWidget *add;
  GtkWidget *remove = NULL;
  guint tags_before = 0;
  guint tags_after = 0;
  guint n_links;

  open_editor (f, agreement);
  links = liaison_record_get_links (liaison_editor_get_edited_record (f->editor));
  for (guint i = 0; i < links->len; i++)
    tags_before += ((LiaisonLink *) links->pdata[i])->type == LIAISON_LINK_TAG;

  add = find_widget (GTK_WIDGET (f->editor), GTK_TYPE_BUTTON, "add-tag");
  entry = find_widget (gtk_widget_get_parent (add), GTK_TYPE_ENTRY, NULL);
  g_assert_nonnull (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), "人工智能");
  g_signal_emit_by_name (entry, "activate");
  iterate ();
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");

  links = liaison_record_get_links (liaison_editor_get_edited_record (f->editor));
  for (guint i = 0; i < links->len; i++)
    tags_after += ((LiaisonLink *) links->pdata[i])->type == LIAISON_LINK_TAG;
  g_assert_cmpuint (tags_after, ==, tags_before + 1);

  /* The same tag twice is one tag. */
  n_links = links->len;
  gtk_editable_set_text (GTK_EDITABLE (entry), "人工智能");
  g_signal_emit_by_name (add, "clicked");
  iterate ();
  g_assert_cmpuint (liaison_record_get_links (liaison_editor_get_edited_record (f->editor))->len, ==, n_links);

  g_assert_true (liaison_editor_save (f->editor, NULL));
  stored = test_load (f->store, liaison_record_get_uuid (agreement));
  g_assert_true (liaison_record_equal (stored, liaison_editor_get_edited_record (f->editor)));

  /* Each chip has a remove button named for its tag. */
  remove = find_with_tooltip (find_widget (GTK_WIDGET (f->editor), GTK_TYPE_FLOW_BOX, NULL), "人工智能");
  g_assert_nonnull (remove);
  n_links = liaison_record_get_links (liaison_editor_get_edited_record (f->editor))->len;
  g_signal_emit_by_name (remove, "clicked");
  iterate ();
  g_assert_true (liaison_editor_get_modified (f->editor));
  g_assert_cmpuint (liaison_record_get_links (liaison_editor_get_edited_record (f->editor))->len, ==, n_links - 1);
  g_assert_null (find_with_tooltip (find_widget (GTK_WIDGET (f->editor), GTK_TYPE_FLOW_BOX, NULL), "人工智能"));
}

static void
test_history_lists_the_changes_of_a_record (Fixture       *f,
                                            gconstpointer  data)
{
  g_autoptr(LiaisonRecord) huawei = load_first (f->store, LIAISON_RECORD_INSTITUTION, "华为");
  LiaisonHistoryView *history;
  GtkWidget *list;
  GtkWidget *first;

  liaison_record_set_field (huawei, "city", "Dongguan");
  g_assert_true (liaison_store_save (f->store, huawei, NULL));
  g_assert_true (liaison_store_undo (f->store, NULL));

  history = liaison_history_view_new (f->store, liaison_record_get_uuid (huawei));
  gtk_window_present (GTK_WINDOW (history));
  iterate ();

  /* The seed's import is no entry of the record; the change and its undo are. */
  g_assert_cmpuint (liaison_history_view_get_n_changes (history), ==, 2);
  list = find_widget (GTK_WIDGET (history), GTK_TYPE_LIST_BOX, NULL);
  first = gtk_widget_get_first_child (list);
  g_assert_true (ADW_IS_EXPANDER_ROW (first));
  g_assert_nonnull (strstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (first)), "Undid"));
  g_assert_true (adw_expander_row_get_enable_expansion (ADW_EXPANDER_ROW (first)));

  /* It follows the store. */
  g_assert_true (liaison_store_redo (f->store, NULL));
  iterate ();
  g_assert_cmpuint (liaison_history_view_get_n_changes (history), ==, 3);

  gtk_window_destroy (GTK_WINDOW (history));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/liaison/editor/new-event-validates-as-you-type-and-saves", test_new_event_validates_as_you_type_and_saves);
  ADD ("/liaison/editor/partial-dates-are-entered-naturally", test_partial_dates_are_entered_naturally);
  ADD ("/liaison/editor/edits-stay-in-the-copy-until-saved", test_edits_stay_in_the_copy_until_saved);
  ADD ("/liaison/editor/status-picked-by-hand-is-kept", test_status_picked_by_hand_is_kept);
  ADD ("/liaison/editor/party-is-added-through-the-chooser", test_party_is_added_through_the_chooser);
  ADD ("/liaison/editor/tags-are-added-and-removed", test_tags_are_added_and_removed);
  ADD ("/liaison/chooser/search-in-chinese-finds-huawei", test_chooser_search_in_chinese_finds_huawei);
  ADD ("/liaison/history/lists-the-changes-of-a-record", test_history_lists_the_changes_of_a_record);
#undef ADD

  return g_test_run ();
}

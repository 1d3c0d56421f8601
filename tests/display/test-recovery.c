/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "display-test-util.h"
#include "liaison-application.h"
#include "liaison-backup-dialog.h"
#include "liaison-banner.h"
#include "liaison-conflict-dialog.h"
#include "liaison-editor.h"
#include "liaison-window.h"

/*
 * What the window does when the database will not take a write or will not open:
 * read-only, damaged, restored from a backup, changed by someone else while being
 * edited, or busy.  Driven through the real widgets and actions; each test checks
 * what the user sees and what the database holds.
 */

typedef struct {
  char *dir;
  char *path;
} Fixture;

static void
iterate (void)
{
  for (guint i = 0; i < 50; i++)
    g_main_context_iteration (NULL, FALSE);
}

typedef gboolean (*Condition) (gpointer data);

static void
wait_until (Condition condition,
            gpointer  data)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (!condition (data))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  iterate ();
}

typedef struct {
  GType    type;
  gpointer found;
} ToplevelWait;

static gboolean
toplevel_is_shown (gpointer data)
{
  ToplevelWait *wait = data;

  wait->found = display_test_find_shown_window (wait->type);
  return wait->found != NULL;
}

static gpointer
wait_for_toplevel (GType type)
{
  ToplevelWait wait = { type, NULL };

  wait_until (toplevel_is_shown, &wait);
  return wait.found;
}

static gboolean
window_is_idle (gpointer data)
{
  return !liaison_window_get_busy (data);
}

/* The shown button that activates @action_name ("win.edit"). */
static GtkWidget *
find_action_button (GtkWidget  *widget,
                    const char *action_name)
{
  if (!gtk_widget_get_mapped (widget))
    return NULL;
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action_name) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_action_button (child, action_name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
shows_text_containing (GtkWidget  *widget,
                       const char *text)
{
  if (!gtk_widget_get_mapped (widget))
    return FALSE;
  if (GTK_IS_LABEL (widget) && strstr (gtk_label_get_text (GTK_LABEL (widget)), text) != NULL)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    if (shows_text_containing (child, text))
      return TRUE;
  return FALSE;
}

static char *
read_bytes (const char *path,
            gsize      *length)
{
  g_autoptr(GError) error = NULL;
  char *bytes = NULL;

  g_assert_true (g_file_get_contents (path, &bytes, length, &error));
  g_assert_no_error (error);
  return bytes;
}

static LiaisonRecord *
first_record (LiaisonStore      *store,
              LiaisonRecordKind  kind)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaisonQuery) query = liaison_query_new (kind);
  g_autoptr(GArray) ids = liaison_store_query (store, query, &error);
  LiaisonRecord *record;

  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, >, 0);
  record = liaison_store_load (store, kind, g_array_index (ids, gint64, 0), &error);
  g_assert_no_error (error);
  return record;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaisonStore) store = NULL;

  fixture->dir = g_dir_make_tmp ("liaison-recovery-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "partners.db", NULL);
  store = liaison_store_open (fixture->path, LIAISON_STORE_OPEN_SEED, &error);
  g_assert_no_error (error);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  while (g_list_model_get_n_items (toplevels) > 0)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, 0);
      gtk_window_destroy (window);
    }
  iterate ();
  remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

static LiaisonWindow *
show_window (LiaisonStore *store)
{
  LiaisonWindow *window = liaison_window_new (NULL, store);

  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  gtk_window_present (GTK_WINDOW (window));
  iterate ();
  return window;
}

static gboolean
detail_shows_record (gpointer data)
{
  LiaisonDetailView *detail = data;

  return liaison_detail_view_get_record (detail) != NULL && gtk_widget_get_mapped (GTK_WIDGET (detail));
}

/* Read-only */

static void
test_read_only_database_shows_banner_and_disables_editing (Fixture       *fixture,
                                                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaisonStore) store = liaison_store_open (fixture->path, LIAISON_STORE_OPEN_READ_ONLY, &error);
  g_autoptr(LiaisonRecord) record = NULL;
  g_autoptr(LiaisonRecord) after = NULL;
  LiaisonWindow *window;
  LiaisonDetailView *detail;
  GtkWidget *banner;
  gint64 n;

  g_assert_no_error (error);
  g_assert_true (liaison_store_get_read_only (store));
  n = liaison_store_count (store, LIAISON_RECORD_INSTITUTION, NULL);
  window = show_window (store);

  /* The notice is there, says so, and names the file. */
  banner = display_test_find_descendant (GTK_WIDGET (window), LIAISON_TYPE_BANNER);
  g_assert_nonnull (banner);
  g_assert_true (liaison_banner_get_revealed (LIAISON_BANNER (banner)));
  g_assert_nonnull (strstr (liaison_banner_get_title (LIAISON_BANNER (banner)), "read-only"));
  g_assert_nonnull (strstr (liaison_banner_get_title (LIAISON_BANNER (banner)), "partners.db"));
  wait_until ((Condition) gtk_widget_get_mapped, banner);

  /* A record shown: New, Edit and Delete are there but off. */
  record = first_record (store, LIAISON_RECORD_INSTITUTION);
  liaison_window_open_record (window, liaison_record_get_uuid (record));
  detail = liaison_section_view_get_detail_view (liaison_window_get_section (window, LIAISON_RECORD_INSTITUTION));
  wait_until (detail_shows_record, detail);

  for (guint i = 0; i < 3; i++)
    {
      const char *action = (const char *[]) { "win.new-record", "win.edit", "win.delete" }[i];
      GtkWidget *button = find_action_button (GTK_WIDGET (window), action);

      if (button == NULL)
        g_error ("no button for %s is shown", action);
      g_assert_false (gtk_widget_is_sensitive (button));
    }

  /* Their shortcuts do nothing either. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.delete", NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.edit", NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.import", NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.restore-backup", NULL);
  iterate ();
  g_assert_false (liaison_detail_view_get_editing (detail));
  g_assert_null (display_test_find_shown_window (LIAISON_TYPE_BACKUP_DIALOG));
  g_assert_cmpint (liaison_store_count (store, LIAISON_RECORD_INSTITUTION, NULL), ==, n);
  after = liaison_store_load_by_uuid (store, liaison_record_get_uuid (record), &error);
  g_assert_no_error (error);
  g_assert_true (liaison_record_equal (after, record));
}

static void
test_writable_database_shows_no_banner (Fixture       *fixture,
                                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaisonStore) store = liaison_store_open (fixture->path, LIAISON_STORE_OPEN_DEFAULT, &error);
  LiaisonWindow *window;
  GtkWidget *banner;

  g_assert_no_error (error);
  window = show_window (store);
  banner = display_test_find_descendant (GTK_WIDGET (window), LIAISON_TYPE_BANNER);
  g_assert_nonnull (banner);
  g_assert_false (liaison_banner_get_revealed (LIAISON_BANNER (banner)));
  liaison_window_set_page (window, "institutions");
  iterate ();
  g_assert_true (gtk_widget_is_sensitive (find_action_button (GTK_WIDGET (window), "win.new-record")));
}

/* Damaged */

/* One application for the whole program: it exports itself on the session bus once. */
static LiaisonApplication *
start_application (void)
{
  static LiaisonApplication *application;
  g_autoptr(GError) error = NULL;

  if (application != NULL)
    return g_object_ref (application);

  application = liaison_application_new ();
  g_application_set_flags (G_APPLICATION (application), G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (application), NULL, &error));
  g_assert_no_error (error);
  return g_object_ref (application);
}

static void
test_damaged_database_offers_backups_and_stays_unchanged (Fixture       *fixture,
                                                          gconstpointer  data)
{
  g_autoptr(LiaisonApplication) application = start_application ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (fixture->path);
  g_autoptr(LiaisonStore) store = NULL;
  g_autoptr(LiaisonStore) restored = NULL;
  g_autofree char *backup = NULL;
  g_autofree char *damaged = NULL;
  g_autofree char *now = NULL;
  g_autofree char *kept = NULL;
  gsize damaged_length;
  gsize now_length;
  gsize kept_length;
  gint64 n;
  AdwMessageDialog *offer;
  LiaisonBackupDialog *backups;
  AdwMessageDialog *confirmation;
  GtkWindow *window;

  store = liaison_store_open (fixture->path, LIAISON_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  n = liaison_store_count (store, LIAISON_RECORD_INSTITUTION, NULL);
  backup = liaison_store_backup_now (store, &error);
  g_assert_no_error (error);
  g_clear_object (&store);

  /* A sync tool wrote over the beginning of the file. */
  {
    FILE *f = fopen (fixture->path, "r+b");

    g_assert_nonnull (f);
    fwrite ("garbage garbage garbage garbage garbage garbage garbage garbage", 1, 64, f);
    fclose (f);
  }
  damaged = read_bytes (fixture->path, &damaged_length);

  g_application_open (G_APPLICATION (application), &file, 1, "");
  offer = wait_for_toplevel (ADW_TYPE_MESSAGE_DIALOG);

  /* The question says what is wrong and offers the backup, another file, and quitting. */
  g_assert_nonnull (strstr (adw_message_dialog_get_body (offer), "not a Liaison database"));
  g_assert_true (adw_message_dialog_has_response (offer, "backup"));
  g_assert_true (adw_message_dialog_has_response (offer, "another"));
  g_assert_true (adw_message_dialog_has_response (offer, "close"));
  g_assert_null (display_test_find_shown_window (LIAISON_TYPE_WINDOW));

  /* Nothing was written to the damaged file, nor created beside it. */
  now = read_bytes (fixture->path, &now_length);
  g_assert_cmpmem (now, now_length, damaged, damaged_length);
  {
    g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);
    g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  }

  adw_message_dialog_response (offer, "backup");
  backups = wait_for_toplevel (LIAISON_TYPE_BACKUP_DIALOG);
  g_assert_cmpuint (liaison_backup_dialog_get_n_backups (backups), ==, 1);
  g_assert_cmpstr (liaison_backup_dialog_get_backup (backups, 0), ==, backup);

  /* Restoring asks first, then puts the backup in place and keeps the damaged file. */
  gtk_widget_activate_action (GTK_WIDGET (backups), "backup.restore", "u", 0);
  confirmation = liaison_backup_dialog_get_confirmation (backups);
  g_assert_nonnull (confirmation);
  g_free (now);
  now = read_bytes (fixture->path, &now_length);
  g_assert_cmpmem (now, now_length, damaged, damaged_length);

  adw_message_dialog_response (confirmation, "restore");
  window = wait_for_toplevel (LIAISON_TYPE_WINDOW);
  restored = g_object_ref (liaison_window_get_store (LIAISON_WINDOW (window)));
  g_assert_cmpstr (liaison_store_get_path (restored), ==, fixture->path);
  g_assert_false (liaison_store_get_read_only (restored));
  g_assert_cmpint (liaison_store_count (restored, LIAISON_RECORD_INSTITUTION, NULL), ==, n);

  {
    g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);
    const char *name;

    while ((name = g_dir_read_name (dir)) != NULL)
      if (g_str_has_prefix (name, "partners-damaged-"))
        {
          g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
          kept = read_bytes (path, &kept_length);
        }
  }
  g_assert_nonnull (kept);
  g_assert_cmpmem (kept, kept_length, damaged, damaged_length);

  gtk_window_destroy (window);
  g_clear_object (&restored);
  iterate ();
}

static void
test_damaged_database_backup_opens_read_only (Fixture       *fixture,
                                              gconstpointer  data)
{
  g_autoptr(LiaisonApplication) application = start_application ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaisonStore) store = liaison_store_open (fixture->path, LIAISON_STORE_OPEN_DEFAULT, &error);
  g_autofree char *backup = NULL;
  g_autofree char *damaged = NULL;
  g_autofree char *now = NULL;
  gsize damaged_length;
  gsize now_length;
  LiaisonBackupDialog *backups;
  GtkWindow *window;
  GtkWidget *banner;

  g_assert_no_error (error);
  backup = liaison_store_backup_now (store, &error);
  g_assert_no_error (error);
  g_clear_object (&store);
  g_assert_true (g_file_set_contents (fixture->path, "", 0, &error));
  damaged = read_bytes (fixture->path, &damaged_length);

  backups = liaison_backup_dialog_new_for_damaged (application, NULL, fixture->path);
  gtk_window_present (GTK_WINDOW (backups));
  iterate ();
  gtk_widget_activate_action (GTK_WIDGET (backups), "backup.open", "u", 0);

  window = wait_for_toplevel (LIAISON_TYPE_WINDOW);
  g_assert_cmpstr (liaison_store_get_path (liaison_window_get_store (LIAISON_WINDOW (window))), ==, backup);
  g_assert_true (liaison_store_get_read_only (liaison_window_get_store (LIAISON_WINDOW (window))));
  banner = display_test_find_descendant (GTK_WIDGET (window), LIAISON_TYPE_BANNER);
  g_assert_true (liaison_banner_get_revealed (LIAISON_BANNER (banner)));

  now = read_bytes (fixture->path, &now_length);
  g_assert_cmpmem (now, now_length, damaged, damaged_length);
  gtk_window_destroy (window);
  iterate ();
}

/* Restore */

static void
test_restore_backup_brings_data_back (Fixture       *fixture,
                                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaisonStore) store = liaison_store_open (fixture->path, LIAISON_STORE_OPEN_DEFAULT, &error);
  g_autoptr(LiaisonRecord) record = NULL;
  g_autoptr(LiaisonRecord) back = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autofree char *backup = NULL;
  LiaisonWindow *window;
  LiaisonBackupDialog *dialog;
  AdwMessageDialog *confirmation;
  gint64 n;

  g_assert_no_error (error);
  n = liaison_store_count (store, LIAISON_RECORD_AGREEMENT, NULL);
  backup = liaison_store_backup_now (store, &error);
  g_assert_no_error (error);

  window = show_window (store);
  record = first_record (store, LIAISON_RECORD_AGREEMENT);
  g_assert_true (liaison_store_delete (store, record, &error));
  g_assert_no_error (error);
  g_assert_cmpint (liaison_store_count (store, LIAISON_RECORD_AGREEMENT, NULL), ==, n - 1);
  before = liaison_store_list_backups (store, NULL);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.restore-backup", NULL);
  dialog = wait_for_toplevel (LIAISON_TYPE_BACKUP_DIALOG);
  g_assert_cmpuint (liaison_backup_dialog_get_n_backups (dialog), ==, 1);
  g_assert_true (shows_text_containing (GTK_WIDGET (dialog), "kB · partners-"));  /* size and name */

  /* Cancelling the question changes nothing. */
  gtk_widget_activate_action (GTK_WIDGET (dialog), "backup.restore", "u", 0);
  confirmation = liaison_backup_dialog_get_confirmation (dialog);
  g_assert_nonnull (confirmation);
  adw_message_dialog_response (confirmation, "cancel");
  iterate ();
  g_assert_cmpint (liaison_store_count (store, LIAISON_RECORD_AGREEMENT, NULL), ==, n - 1);

  gtk_widget_activate_action (GTK_WIDGET (dialog), "backup.restore", "u", 0);
  confirmation = liaison_backup_dialog_get_confirmation (dialog);
  liaison_window_set_page (window, "agreements");
  iterate ();
  g_assert_true (gtk_widget_is_sensitive (find_action_button (GTK_WIDGET (window), "win.new-record")));
  adw_message_dialog_response (confirmation, "restore");

  /* The copy runs in a thread: meanwhile the window paints and takes no edits. */
  g_assert_true (liaison_window_get_busy (window));
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (dialog)));
  g_assert_false (gtk_widget_is_sensitive (find_action_button (GTK_WIDGET (window), "win.new-record")));
  wait_until (window_is_idle, window);
  g_assert_true (gtk_widget_is_sensitive (find_action_button (GTK_WIDGET (window), "win.new-record")));
  iterate ();

  /* The data is back, the dialog gone, and what was replaced is a backup of its own. */
  g_assert_cmpint (liaison_store_count (store, LIAISON_RECORD_AGREEMENT, NULL), ==, n);
  back = liaison_store_load_by_uuid (store, liaison_record_get_uuid (record), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (liaison_record_get_title (back), ==, liaison_record_get_title (record));
  g_assert_null (display_test_find_shown_window (LIAISON_TYPE_BACKUP_DIALOG));
  after = liaison_store_list_backups (store, NULL);
  g_assert_cmpuint (after->len, ==, before->len + 1);

  /* The window's list reloaded: the agreement can be opened again. */
  liaison_window_open_record (window, liaison_record_get_uuid (record));
  wait_until (detail_shows_record,
              liaison_section_view_get_detail_view (liaison_window_get_section (window, LIAISON_RECORD_AGREEMENT)));
}

/* Conflicts and busy saves */

typedef struct {
  GtkWindow     *window;
  LiaisonEditor *editor;
} EditorWindow;

static EditorWindow
show_editor (LiaisonStore  *store,
             LiaisonRecord *record)
{
  EditorWindow shown;

  shown.window = GTK_WINDOW (gtk_window_new ());
  shown.editor = LIAISON_EDITOR (liaison_editor_new (store, record));
  gtk_window_set_child (shown.window, GTK_WIDGET (shown.editor));
  gtk_window_set_default_size (shown.window, 600, 700);
  gtk_window_present (shown.window);
  iterate ();
  return shown;
}

static void
type_into (LiaisonEditor *editor,
           const char    *field,
           const char    *text)
{
  GtkWidget *row = liaison_editor_get_field_row (editor, field);

  g_assert_true (ADW_IS_ENTRY_ROW (row));
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  iterate ();
}

/* Another program (liaison-cli, another window) saves the record meanwhile. */
static void
save_elsewhere (const char    *path,
                LiaisonRecord *record,
                const char    *field,
                const char    *value)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaisonStore) other = liaison_store_open (path, LIAISON_STORE_OPEN_DEFAULT, &error);
  g_autoptr(LiaisonRecord) theirs = NULL;

  g_assert_no_error (error);
  theirs = liaison_store_load_by_uuid (other, liaison_record_get_uuid (record), &error);
  g_assert_no_error (error);
  liaison_record_set_field (theirs, field, value);
  g_assert_true (liaison_store_save (other, theirs, &error));
  g_assert_no_error (error);
}

static LiaisonConflictDialog *
save_into_conflict (Fixture        *fixture,
                    LiaisonStore   *store,
                    EditorWindow   *shown,
                    LiaisonRecord  *record)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaisonRecord) stored = NULL;
  g_auto(GStrv) differences = NULL;
  LiaisonConflictDialog *dialog;

  type_into (shown->editor, "city", "Mine City");
  save_elsewhere (fixture->path, record, "city", "Theirs City");

  g_assert_false (liaison_editor_save (shown->editor, &error));
  g_assert_error (error, LIAISON_ERROR, LIAISON_ERROR_CONFLICT);
  g_clear_error (&error);

  /* The choice is offered and shows both versions of what differs. */
  dialog = wait_for_toplevel (LIAISON_TYPE_CONFLICT_DIALOG);
  differences = liaison_conflict_dialog_dup_differences (dialog);
  g_assert_true (g_strv_contains ((const char * const *) differences, "City"));
  g_assert_cmpstr (liaison_record_get_field (liaison_conflict_dialog_get_theirs (dialog), "city"), ==, "Theirs City");
  g_assert_cmpstr (liaison_record_get_field (liaison_conflict_dialog_get_mine (dialog), "city"), ==, "Mine City");
  g_assert_true (shows_text_containing (GTK_WIDGET (dialog), "Theirs City"));
  g_assert_true (shows_text_containing (GTK_WIDGET (dialog), "Mine City"));
  g_assert_true (adw_message_dialog_has_response (ADW_MESSAGE_DIALOG (dialog), "mine"));
  g_assert_true (adw_message_dialog_has_response (ADW_MESSAGE_DIALOG (dialog), "theirs"));

  /* Neither version is lost while the user decides. */
  stored = liaison_store_load_by_uuid (store, liaison_record_get_uuid (record), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (liaison_record_get_field (stored, "city"), ==, "Theirs City");
  g_assert_cmpstr (liaison_record_get_field (liaison_editor_get_edited_record (shown->editor), "city"), ==, "Mine City");
  g_assert_true (liaison_editor_get_modified (shown->editor));
  return dialog;
}

static void
test_conflict_keep_mine_saves_mine_and_keeps_theirs_in_history (Fixture       *fixture,
                                                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaisonStore) store = liaison_store_open (fixture->path, LIAISON_STORE_OPEN_DEFAULT, &error);
  g_autoptr(LiaisonRecord) record = first_record (store, LIAISON_RECORD_INSTITUTION);
  g_autoptr(LiaisonRecord) stored = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(LiaisonRecord) replaced = NULL;
  EditorWindow shown = show_editor (store, record);
  LiaisonConflictDialog *dialog = save_into_conflict (fixture, store, &shown, record);
  LiaisonChange *newest;

  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "mine");
  iterate ();

  stored = liaison_store_load_by_uuid (store, liaison_record_get_uuid (record), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (liaison_record_get_field (stored, "city"), ==, "Mine City");
  g_assert_false (liaison_editor_get_modified (shown.editor));

  /* Theirs is what the newest change replaced. */
  changes = liaison_store_list_changes (store, liaison_record_get_uuid (record), 1, &error);
  g_assert_no_error (error);
  newest = g_ptr_array_index (changes, 0);
  replaced = liaison_change_dup_before (newest, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (liaison_record_get_field (replaced, "city"), ==, "Theirs City");
  gtk_window_destroy (shown.window);
}

static void
test_conflict_take_theirs_reloads_theirs (Fixture       *fixture,
                                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaisonStore) store = liaison_store_open (fixture->path, LIAISON_STORE_OPEN_DEFAULT, &error);
  g_autoptr(LiaisonRecord) record = first_record (store, LIAISON_RECORD_INSTITUTION);
  g_autoptr(LiaisonRecord) stored = NULL;
  EditorWindow shown = show_editor (store, record);
  LiaisonConflictDialog *dialog = save_into_conflict (fixture, store, &shown, record);
  GtkWidget *row;

  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "theirs");
  iterate ();

  stored = liaison_store_load_by_uuid (store, liaison_record_get_uuid (record), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (liaison_record_get_field (stored, "city"), ==, "Theirs City");
  row = liaison_editor_get_field_row (shown.editor, "city");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "Theirs City");
  g_assert_false (liaison_editor_get_modified (shown.editor));

  /* Editing theirs saves without another question. */
  type_into (shown.editor, "city", "Agreed City");
  g_assert_true (liaison_editor_save (shown.editor, &error));
  g_assert_no_error (error);
  gtk_window_destroy (shown.window);
}

static void
test_busy_database_keeps_edits_for_retry (Fixture       *fixture,
                                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaisonStore) store = liaison_store_open (fixture->path, LIAISON_STORE_OPEN_DEFAULT, &error);
  g_autoptr(LiaisonRecord) record = first_record (store, LIAISON_RECORD_INSTITUTION);
  g_autoptr(LiaisonRecord) stored = NULL;
  EditorWindow shown = show_editor (store, record);
  sqlite3 *writer = NULL;

  liaison_store_set_busy_timeout (store, 50);
  type_into (shown.editor, "city", "Retried City");

  /* Another program holds the write lock. */
  g_assert_cmpint (sqlite3_open (fixture->path, &writer), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (writer, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);

  g_assert_false (liaison_editor_save (shown.editor, &error));
  g_assert_error (error, LIAISON_ERROR, LIAISON_ERROR_BUSY);
  iterate ();
  g_assert_true (shows_text_containing (GTK_WIDGET (shown.editor), error->message));
  g_assert_cmpstr (liaison_record_get_field (liaison_editor_get_edited_record (shown.editor), "city"), ==, "Retried City");
  g_assert_true (liaison_editor_get_modified (shown.editor));
  g_assert_null (display_test_find_shown_window (LIAISON_TYPE_CONFLICT_DIALOG));
  g_clear_error (&error);

  /* Once it lets go, Save again saves the same edits. */
  g_assert_cmpint (sqlite3_exec (writer, "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (writer);
  g_assert_true (liaison_editor_save (shown.editor, &error));
  g_assert_no_error (error);
  stored = liaison_store_load_by_uuid (store, liaison_record_get_uuid (record), &error);
  g_assert_cmpstr (liaison_record_get_field (stored, "city"), ==, "Retried City");
  gtk_window_destroy (shown.window);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) g_test_add ("/liaison/recovery/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("read-only-database-shows-banner-and-disables-editing", test_read_only_database_shows_banner_and_disables_editing);
  ADD ("writable-database-shows-no-banner", test_writable_database_shows_no_banner);
  ADD ("damaged-database-offers-backups-and-stays-unchanged", test_damaged_database_offers_backups_and_stays_unchanged);
  ADD ("damaged-database-backup-opens-read-only", test_damaged_database_backup_opens_read_only);
  ADD ("restore-backup-brings-data-back", test_restore_backup_brings_data_back);
  ADD ("conflict-keep-mine-saves-mine-and-keeps-theirs-in-history", test_conflict_keep_mine_saves_mine_and_keeps_theirs_in_history);
  ADD ("conflict-take-theirs-reloads-theirs", test_conflict_take_theirs_reloads_theirs);
  ADD ("busy-database-keeps-edits-for-retry", test_busy_database_keeps_edits_for_retry);
#undef ADD

  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-window"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "liaison-banner.h"
#include "liaison-labels.h"
#include "liaison-overview.h"
#include "liaison-window-private.h"

/*
 * The main window: one database, its sections (Overview, Institutions, Agreements,
 * Events, People) in a view stack, and a history of the records opened by following
 * links, so that Back returns.  The actions live in liaison-window-actions.c.
 */

G_DEFINE_FINAL_TYPE (LiaisonWindow, liaison_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Narrower than this, the header bar centres its view switcher only where it can. */
#define NARROW_WIDTH 600

/* The record sections, in the order of the view switcher. */
static const LiaisonRecordKind section_kinds[] = {
  LIAISON_RECORD_INSTITUTION,
  LIAISON_RECORD_AGREEMENT,
  LIAISON_RECORD_EVENT,
  LIAISON_RECORD_PERSON,
};

typedef struct {
  char *page;
  char *uuid;
} HistoryEntry;

static void
history_entry_free (gpointer data)
{
  HistoryEntry *entry = data;

  g_free (entry->page);
  g_free (entry->uuid);
  g_free (entry);
}

/* Building */

static void
overview_record_activated_cb (LiaisonWindow   *self,
                              LiaisonRecord   *record,
                              LiaisonOverview *overview)
{
  liaison_window_open_record (self, liaison_record_get_uuid (record));
}

static void
overview_section_activated_cb (LiaisonWindow     *self,
                               LiaisonRecordKind  kind,
                               LiaisonOverview   *overview)
{
  liaison_window_set_page (self, liaison_record_kind_get_plural (kind));
}

static GtkWidget *
create_overview (LiaisonWindow *self)
{
  GtkWidget *overview = liaison_overview_new (self->store);

  g_signal_connect_object (overview, "record-activated", G_CALLBACK (overview_record_activated_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (overview, "section-activated", G_CALLBACK (overview_section_activated_cb), self,
                           G_CONNECT_SWAPPED);
  return overview;
}

static void
detail_open_record_cb (LiaisonWindow     *self,
                       const char        *uuid,
                       LiaisonDetailView *detail)
{
  liaison_window_open_record (self, uuid);
}

static void
add_sections (LiaisonWindow *self)
{
  AdwViewStackPage *page;

  self->overview = create_overview (self);
  page = adw_view_stack_add_titled (self->stack, self->overview, "overview", _("Overview"));
  adw_view_stack_page_set_icon_name (page, "go-home-symbolic");

  for (guint i = 0; i < G_N_ELEMENTS (section_kinds); i++)
    {
      LiaisonRecordKind kind = section_kinds[i];
      GtkWidget *section = liaison_section_view_new (self->store, kind);
      LiaisonDetailView *detail = liaison_section_view_get_detail_view (LIAISON_SECTION_VIEW (section));

      self->sections[kind] = LIAISON_SECTION_VIEW (section);
      page = adw_view_stack_add_titled (self->stack, section, liaison_record_kind_get_plural (kind),
                                        liaison_kind_get_plural_label (kind));
      adw_view_stack_page_set_icon_name (page, liaison_kind_get_icon_name (kind));

      g_signal_connect_object (detail, "open-record", G_CALLBACK (detail_open_record_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (detail, "notify::record", G_CALLBACK (_liaison_window_update_actions), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (detail, "notify::editing", G_CALLBACK (_liaison_window_update_actions), self,
                               G_CONNECT_SWAPPED);
    }
}

static char *
dup_display_path (const char *path)
{
  const char *home = g_get_home_dir ();

  if (home != NULL && g_str_has_prefix (path, home) && path[strlen (home)] == G_DIR_SEPARATOR)
    return g_strconcat ("~", path + strlen (home), NULL);

  return g_strdup (path);
}

static void
update_title (LiaisonWindow *self)
{
  const char *path = liaison_store_get_path (self->store);
  g_autofree char *name = g_path_get_basename (path);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *display_dir = dup_display_path (dir);
  g_autofree char *title = NULL;

  /* Translators: the window title: the database's file name, then the app's name */
  title = g_strdup_printf (_("%s — Liaison"), name);
  gtk_window_set_title (GTK_WINDOW (self), title);
  adw_view_switcher_title_set_title (self->switcher_title, name);
  adw_view_switcher_title_set_subtitle (self->switcher_title, display_dir);
}

static void
update_recent_menu (LiaisonWindow *self)
{
  g_auto(GStrv) recent = g_settings_get_strv (self->settings, "recent-databases");
  const char *current = liaison_store_get_path (self->store);

  g_menu_remove_all (self->recent_menu);

  for (guint i = 0; recent[i] != NULL; i++)
    {
      g_autofree char *name = g_path_get_basename (recent[i]);
      g_autofree char *label = NULL;
      gboolean same_name = FALSE;
      g_autoptr(GMenuItem) item = NULL;

      if (g_strcmp0 (recent[i], current) == 0)
        continue;

      /* Two databases of the same name are told apart by their folder. */
      for (guint j = 0; recent[j] != NULL; j++)
        {
          g_autofree char *other = g_path_get_basename (recent[j]);

          same_name |= j != i && g_str_equal (name, other);
        }
      if (same_name)
        {
          g_autofree char *dir = g_path_get_dirname (recent[i]);
          g_autofree char *display_dir = dup_display_path (dir);

          /* Translators: a recent database: its file name and folder */
          label = g_strdup_printf (_("%s (%s)"), name, display_dir);
        }

      item = g_menu_item_new (label ? label : name, NULL);
      g_menu_item_set_action_and_target (item, "app.open-recent", "s", recent[i]);
      g_menu_append_item (self->recent_menu, item);
    }
}

static void
build_primary_menu (LiaisonWindow *self)
{
  g_autoptr(GMenu) section = g_menu_new ();
  g_autofree char *name = g_path_get_basename (liaison_store_get_path (self->store));

  self->recent_menu = g_menu_new ();
  g_menu_append (section, _("_New Database…"), "app.new-database");
  g_menu_append (section, _("_Open Database…"), "app.open-database");
  g_menu_append_submenu (section, _("_Recent Databases"), G_MENU_MODEL (self->recent_menu));
  g_menu_append (section, _("Restore _Backup…"), "win.restore-backup");

  /* The section's label names the open database. */
  g_menu_prepend_section (self->primary_menu, name, G_MENU_MODEL (section));
  update_recent_menu (self);
}

/* Under the header bar: why nothing can be changed, when the store is read-only. */
static void
add_read_only_banner (LiaisonWindow *self)
{
  const char *path = liaison_store_get_path (self->store);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *name = g_path_get_basename (path);
  g_autofree char *markup = NULL;
  const char *why;

  self->read_only_banner = liaison_banner_new ();
  gtk_box_insert_child_after (GTK_BOX (gtk_widget_get_parent (GTK_WIDGET (self->stack))), self->read_only_banner,
                              gtk_widget_get_prev_sibling (GTK_WIDGET (self->stack)));

  if (!liaison_store_get_read_only (self->store))
    return;

  if (g_access (path, W_OK) != 0)
    why = _("You may not change this file, or its disk is read-only. To edit, open a copy you may write to.");
  else if (g_access (dir, W_OK) != 0)
    why = _("Its folder may not be written to, and Liaison needs that to save. To edit, move it to a folder of yours.");
  else
    why = _("It was opened for viewing only. To work with a backup, restore it into its database.");

  /* Translators: the banner of a read-only database; %s is its file name, then why */
  markup = g_markup_printf_escaped (_("<b>“%s” is read-only.</b> %s"), name, why);
  liaison_banner_set_title (LIAISON_BANNER (self->read_only_banner), markup);
  liaison_banner_set_button (LIAISON_BANNER (self->read_only_banner), _("_Open Another…"), "app.open-database");
  liaison_banner_set_revealed (LIAISON_BANNER (self->read_only_banner), TRUE);
}

/* Navigation */

static void
push_history (LiaisonWindow *self)
{
  LiaisonSectionView *section = liaison_window_get_current_section (self);
  HistoryEntry *entry = g_new0 (HistoryEntry, 1);

  entry->page = g_strdup (liaison_window_get_page (self));
  if (section != NULL)
    {
      LiaisonRecord *shown = liaison_detail_view_get_record (liaison_section_view_get_detail_view (section));

      if (shown != NULL)
        entry->uuid = g_strdup (liaison_record_get_uuid (shown));
    }

  g_ptr_array_add (self->history, entry);
  _liaison_window_update_actions (self);
}

typedef struct {
  LiaisonWindow *window;
  LiaisonRecord *record;
  char          *page;
  gboolean       push;
} OpenData;

static void
open_data_free (OpenData *data)
{
  g_object_unref (data->window);
  g_clear_object (&data->record);
  g_free (data->page);
  g_free (data);
}

static void
open_leave_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  OpenData *data = user_data;
  LiaisonWindow *self = data->window;

  if (liaison_detail_view_leave_finish (LIAISON_DETAIL_VIEW (object), result, NULL) &&
      !gtk_widget_in_destruction (GTK_WIDGET (self)))
    {
      LiaisonSectionView *section = self->sections[liaison_record_get_kind (data->record)];

      if (data->push)
        push_history (self);
      liaison_window_set_page (self, data->page);
      liaison_section_view_show_record (section, data->record);
    }

  open_data_free (data);
}

/* Shows @record in its section (or @page, for a history entry); asks first when that
 * section's editor holds unsaved changes. */
void
_liaison_window_show_record (LiaisonWindow *self,
                             LiaisonRecord *record,
                             const char    *page,
                             gboolean       push)
{
  LiaisonSectionView *section = self->sections[liaison_record_get_kind (record)];
  OpenData *data;

  if (section == NULL)
    return;

  data = g_new0 (OpenData, 1);
  data->window = g_object_ref (self);
  data->record = g_object_ref (record);
  data->page = g_strdup (page ? page : liaison_record_kind_get_plural (liaison_record_get_kind (record)));
  data->push = push;

  liaison_detail_view_leave_async (liaison_section_view_get_detail_view (section), open_leave_cb, data);
}

/**
 * _liaison_window_go_back:
 *
 * Returns to where the user was before following the last link.
 */
void
_liaison_window_go_back (LiaisonWindow *self)
{
  g_autoptr(LiaisonRecord) record = NULL;
  HistoryEntry *entry;

  if (self->history->len == 0)
    return;

  entry = g_ptr_array_steal_index (self->history, self->history->len - 1);
  _liaison_window_update_actions (self);

  if (entry->uuid != NULL)
    record = liaison_store_load_by_uuid (self->store, entry->uuid, NULL);

  if (record != NULL)
    _liaison_window_show_record (self, record, entry->page, FALSE);
  else
    liaison_window_set_page (self, entry->page);

  history_entry_free (entry);
}

/* Callbacks */

/* Strict centering keeps the view switcher in the middle of a wide window, but asks for
 * twice the wider side of the header bar (the window buttons), which keeps a phone-sized
 * window from getting narrower than about 480 px.  Below NARROW_WIDTH the switcher has
 * moved to the bottom bar anyway and the title needs no such care.  The default size
 * follows the window's size as the user resizes it. */
static void
size_changed_cb (LiaisonWindow *self)
{
  int width = 0, height = 0;
  gboolean narrow;

  /* GTK 4.8 wants both. */
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  narrow = (width > 0 && width < NARROW_WIDTH) || gtk_window_is_maximized (GTK_WINDOW (self));
  adw_header_bar_set_centering_policy (self->header_bar,
                                       narrow ? ADW_CENTERING_POLICY_LOOSE : ADW_CENTERING_POLICY_STRICT);
}

static void
visible_child_cb (LiaisonWindow *self)
{
  LiaisonSectionView *section = liaison_window_get_current_section (self);

  g_clear_pointer (&self->search_binding, g_binding_unbind);

  if (section != NULL)
    self->search_binding = g_object_bind_property (section, "search-mode",
                                                   self->search_button, "active",
                                                   G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  else
    gtk_toggle_button_set_active (self->search_button, FALSE);

  gtk_widget_set_sensitive (GTK_WIDGET (self->search_button), section != NULL);
  _liaison_window_update_actions (self);
}

static void
recent_changed_cb (LiaisonWindow *self)
{
  update_recent_menu (self);
}

static void
close_leave_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(LiaisonWindow) self = user_data;

  /* Saved or discarded: try closing again, which checks the other sections. */
  if (liaison_detail_view_leave_finish (LIAISON_DETAIL_VIEW (object), result, NULL))
    gtk_window_close (GTK_WINDOW (self));
}

static gboolean
liaison_window_close_request (GtkWindow *window)
{
  LiaisonWindow *self = LIAISON_WINDOW (window);

  for (guint i = 0; i < G_N_ELEMENTS (section_kinds); i++)
    {
      LiaisonSectionView *section = self->sections[section_kinds[i]];
      LiaisonDetailView *detail = liaison_section_view_get_detail_view (section);

      if (liaison_detail_view_get_modified (detail))
        {
          liaison_window_set_page (self, liaison_record_kind_get_plural (section_kinds[i]));
          liaison_section_view_show_detail (section);
          liaison_detail_view_leave_async (detail, close_leave_cb, g_object_ref (self));
          return TRUE;
        }
    }

  return GTK_WINDOW_CLASS (liaison_window_parent_class)->close_request (window);
}

/* Overrides */

static void
liaison_window_dispose (GObject *object)
{
  LiaisonWindow *self = (LiaisonWindow *)object;

  g_clear_pointer (&self->search_binding, g_binding_unbind);
  gtk_widget_dispose_template (GTK_WIDGET (self), LIAISON_TYPE_WINDOW);
  memset (self->sections, 0, sizeof self->sections);
  self->overview = NULL;

  G_OBJECT_CLASS (liaison_window_parent_class)->dispose (object);
}

static void
liaison_window_finalize (GObject *object)
{
  LiaisonWindow *self = (LiaisonWindow *)object;

  g_clear_pointer (&self->history, g_ptr_array_unref);
  g_clear_object (&self->recent_menu);
  g_clear_object (&self->settings);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (liaison_window_parent_class)->finalize (object);
}

static void
liaison_window_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  LiaisonWindow *self = LIAISON_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->restoring);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liaison_window_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  LiaisonWindow *self = LIAISON_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liaison_window_constructed (GObject *object)
{
  LiaisonWindow *self = LIAISON_WINDOW (object);
  GtkApplication *application;

  G_OBJECT_CLASS (liaison_window_parent_class)->constructed (object);

  g_assert (LIAISON_IS_STORE (self->store));

  application = gtk_window_get_application (GTK_WINDOW (self));
  if (LIAISON_IS_APPLICATION (application))
    self->settings = g_object_ref (liaison_application_get_settings (LIAISON_APPLICATION (application)));
  else
    self->settings = g_settings_new (SCHEMA_ID);

  g_settings_bind (self->settings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-height", self, "default-height", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-maximized", self, "maximized", G_SETTINGS_BIND_DEFAULT);
  g_signal_connect_object (self->settings, "changed::recent-databases",
                           G_CALLBACK (recent_changed_cb), self, G_CONNECT_SWAPPED);

  g_signal_connect_object (self->store, "changed", G_CALLBACK (_liaison_window_update_actions), self,
                           G_CONNECT_SWAPPED);

  add_sections (self);
  add_read_only_banner (self);
  build_primary_menu (self);
  update_title (self);
  visible_child_cb (self);
}

static void
liaison_window_class_init (LiaisonWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = liaison_window_constructed;
  object_class->dispose = liaison_window_dispose;
  object_class->finalize = liaison_window_finalize;
  object_class->get_property = liaison_window_get_property;
  object_class->set_property = liaison_window_set_property;

  window_class->close_request = liaison_window_close_request;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, LIAISON_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* Putting older content back into the database (liaison-window-restore.c). */
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/liaisonapp/Liaison/liaison-window.ui");
  gtk_widget_class_bind_template_child (widget_class, LiaisonWindow, primary_menu);
  gtk_widget_class_bind_template_child (widget_class, LiaisonWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, LiaisonWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, LiaisonWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, LiaisonWindow, new_button);
  gtk_widget_class_bind_template_child (widget_class, LiaisonWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, LiaisonWindow, search_button);
  gtk_widget_class_bind_template_child (widget_class, LiaisonWindow, stack);
  gtk_widget_class_bind_template_callback (widget_class, visible_child_cb);

  _liaison_window_class_add_actions (widget_class);
}

static void
liaison_window_init (LiaisonWindow *self)
{
  self->history = g_ptr_array_new_with_free_func (history_entry_free);

  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect (self, "notify::default-width", G_CALLBACK (size_changed_cb), NULL);
  g_signal_connect (self, "notify::maximized", G_CALLBACK (size_changed_cb), NULL);
  size_changed_cb (self);

  if (g_str_equal (PROFILE, "development"))
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
}

/* Public API */

LiaisonWindow *
liaison_window_new (LiaisonApplication *application,
                    LiaisonStore       *store)
{
  g_return_val_if_fail (application == NULL || LIAISON_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (LIAISON_IS_STORE (store), NULL);

  return g_object_new (LIAISON_TYPE_WINDOW,
                       "application", application,
                       "store", store,
                       NULL);
}

/**
 * liaison_window_get_store:
 *
 * Returns: (transfer none): the database the window shows; dialogs (import, export)
 *   work on it
 */
LiaisonStore *
liaison_window_get_store (LiaisonWindow *self)
{
  g_return_val_if_fail (LIAISON_IS_WINDOW (self), NULL);
  return self->store;
}

/**
 * liaison_window_get_section:
 *
 * Returns: (transfer none) (nullable): the section of @kind records, %NULL for sources
 */
LiaisonSectionView *
liaison_window_get_section (LiaisonWindow     *self,
                            LiaisonRecordKind  kind)
{
  g_return_val_if_fail (LIAISON_IS_WINDOW (self), NULL);
  g_return_val_if_fail (kind < LIAISON_N_RECORD_KINDS, NULL);
  return self->sections[kind];
}

/**
 * liaison_window_get_current_section:
 *
 * Returns: (transfer none) (nullable): the section shown, %NULL on the overview
 */
LiaisonSectionView *
liaison_window_get_current_section (LiaisonWindow *self)
{
  GtkWidget *child;

  g_return_val_if_fail (LIAISON_IS_WINDOW (self), NULL);

  child = adw_view_stack_get_visible_child (self->stack);
  return LIAISON_IS_SECTION_VIEW (child) ? LIAISON_SECTION_VIEW (child) : NULL;
}

/**
 * liaison_window_get_current_query:
 *
 * Returns: (transfer none) (nullable): what the shown section lists (kind, search,
 *   filters, order), for exporting "what I see"; %NULL on the overview
 */
const LiaisonQuery *
liaison_window_get_current_query (LiaisonWindow *self)
{
  LiaisonSectionView *section;

  g_return_val_if_fail (LIAISON_IS_WINDOW (self), NULL);

  section = liaison_window_get_current_section (self);
  return section ? liaison_section_view_get_query (section) : NULL;
}

/**
 * liaison_window_get_page:
 *
 * Returns: the name of the shown page: "overview", "institutions", "agreements",
 *   "events" or "people"
 */
const char *
liaison_window_get_page (LiaisonWindow *self)
{
  g_return_val_if_fail (LIAISON_IS_WINDOW (self), NULL);
  return adw_view_stack_get_visible_child_name (self->stack);
}

void
liaison_window_set_page (LiaisonWindow *self,
                         const char    *page)
{
  g_return_if_fail (LIAISON_IS_WINDOW (self));
  g_return_if_fail (page != NULL);

  adw_view_stack_set_visible_child_name (self->stack, page);
}

/**
 * liaison_window_open_record:
 * @uuid: any record's UUID
 *
 * Shows the record in its section, remembering where the user was so that Back
 * (Alt+Left) returns there.  The overview's items and linked records open this way.
 */
void
liaison_window_open_record (LiaisonWindow *self,
                            const char    *uuid)
{
  g_autoptr(LiaisonRecord) record = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (LIAISON_IS_WINDOW (self));
  g_return_if_fail (uuid != NULL);

  record = liaison_store_load_by_uuid (self->store, uuid, &error);
  if (record == NULL)
    {
      liaison_window_add_toast (self, adw_toast_new (error->message));
      return;
    }

  _liaison_window_show_record (self, record, NULL, TRUE);
}

gboolean
liaison_window_can_go_back (LiaisonWindow *self)
{
  g_return_val_if_fail (LIAISON_IS_WINDOW (self), FALSE);
  return self->history->len > 0;
}

/**
 * liaison_window_add_toast:
 * @toast: (transfer full): the toast to show
 */
void
liaison_window_add_toast (LiaisonWindow *self,
                          AdwToast      *toast)
{
  g_return_if_fail (LIAISON_IS_WINDOW (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

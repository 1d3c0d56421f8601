/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-section-view"

#include "config.h"

#include <glib/gi18n.h>

#include "liaison-labels.h"
#include "liaison-section-view-private.h"

/*
 * One section of the window: the records of one kind in a table, with search and
 * filters, beside a detail pane; below about 600 px the two fold into pages.
 *
 * The table is a LiaisonRecordList, which holds row ids only.  Its query (search,
 * filters, the order the column headers ask for) runs in SQL in a worker thread with a
 * connection of its own, and the ids are swapped into the list when they arrive, so
 * a million rows never hold up the main loop.  The list loads the rows it shows through
 * a read-only connection that never writes, so writes do not make it query on the main
 * thread behind our back.
 */

G_DEFINE_FINAL_TYPE (LiaisonSectionView, liaison_section_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_KIND,
  PROP_LOADING,
  PROP_FOLDED,
  PROP_SEARCH_MODE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Showing the results */

void
_liaison_section_view_set_loading (LiaisonSectionView *self,
                                   gboolean            loading)
{
  if (self->loading == !!loading)
    return;

  self->loading = !!loading;
  gtk_spinner_set_spinning (self->spinner, loading);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static guint
find_position (LiaisonSectionView *self,
               gint64              id)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->model));

  for (guint i = 0; i < n; i++)
    if (liaison_record_list_get_id (self->model, i) == id)
      return i;

  return GTK_INVALID_LIST_POSITION;
}

void
_liaison_section_view_select_shown_record (LiaisonSectionView *self)
{
  LiaisonRecord *record = liaison_detail_view_get_record (LIAISON_DETAIL_VIEW (self->detail_view));
  guint position = GTK_INVALID_LIST_POSITION;

  if (record != NULL && liaison_record_get_id (record) != 0)
    position = find_position (self, liaison_record_get_id (record));

  self->updating_selection = TRUE;
  gtk_single_selection_set_selected (self->selection, position);
  self->updating_selection = FALSE;

  if (position != GTK_INVALID_LIST_POSITION)
    gtk_widget_activate_action (GTK_WIDGET (self->column_view), "list.scroll-to-item", "u", position);
}

/* Callbacks */

static void
search_changed_cb (LiaisonSectionView *self,
                   GtkSearchEntry     *entry)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));

  liaison_query_set_search (self->query, *text != '\0' ? text : NULL);
  _liaison_section_view_run_query (self);
}

static void
search_mode_cb (LiaisonSectionView *self)
{
  if (!gtk_search_bar_get_search_mode (self->search_bar))
    {
      /* Closing the search bar shows everything again. */
      if (*gtk_editable_get_text (GTK_EDITABLE (self->search_entry)) != '\0')
        gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
      if (self->query->choice || self->query->status || self->query->tag ||
          self->query->date_from || self->query->date_to)
        _liaison_section_view_clear_filters (self);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH_MODE]);
}

static void
selected_leave_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(LiaisonSectionView) self = user_data;

  if (liaison_detail_view_leave_finish (LIAISON_DETAIL_VIEW (object), result, NULL))
    {
      LiaisonRecord *record = gtk_single_selection_get_selected_item (self->selection);

      liaison_detail_view_set_record (LIAISON_DETAIL_VIEW (self->detail_view), record);
      if (record != NULL)
        liaison_section_view_show_detail (self);
    }
  else
    _liaison_section_view_select_shown_record (self);
}

static void
selection_changed_cb (LiaisonSectionView *self)
{
  LiaisonRecord *record;

  if (self->updating_selection)
    return;

  record = gtk_single_selection_get_selected_item (self->selection);
  if (record == NULL || record == liaison_detail_view_get_record (LIAISON_DETAIL_VIEW (self->detail_view)))
    return;

  /* Unsaved edits are never dropped silently. */
  liaison_detail_view_leave_async (LIAISON_DETAIL_VIEW (self->detail_view),
                                   selected_leave_cb, g_object_ref (self));
}

static void
activate_cb (LiaisonSectionView *self,
             guint               position)
{
  /* Enter or a double click on a row that is already shown: open its page. */
  liaison_section_view_show_detail (self);
}

static void
folded_cb (LiaisonSectionView *self)
{
  gboolean folded = adw_leaflet_get_folded (self->leaflet);

  if (self->detail_view == NULL)
    return;

  liaison_detail_view_set_show_back_button (LIAISON_DETAIL_VIEW (self->detail_view), folded);
  _liaison_section_view_update_narrow_columns (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOLDED]);
}

static void
store_changed_cb (LiaisonSectionView *self,
                  guint               kind,
                  LiaisonStore       *store)
{
  /* Any kind: names shown through links (parties, institutions) may have changed. */
  _liaison_section_view_reload_tags (self);
  if (self->has_results || self->loading)
    _liaison_section_view_run_query (self);
}

/* Actions */

static void
show_list_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  liaison_section_view_show_list (LIAISON_SECTION_VIEW (widget));
}

static void
clear_filters_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  LiaisonSectionView *self = LIAISON_SECTION_VIEW (widget);

  _liaison_section_view_clear_filters (self);
  gtk_popover_popdown (self->filter_popover);
}

static void
clear_search_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  LiaisonSectionView *self = LIAISON_SECTION_VIEW (widget);

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  _liaison_section_view_clear_filters (self);
}

/* Overrides */

static void
liaison_section_view_dispose (GObject *object)
{
  LiaisonSectionView *self = (LiaisonSectionView *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->store != NULL)
    g_clear_signal_handler (&self->changed_id, self->store);

  gtk_widget_dispose_template (GTK_WIDGET (self), LIAISON_TYPE_SECTION_VIEW);

  g_clear_pointer (&self->columns, g_ptr_array_unref);
  g_clear_object (&self->selection);
  g_clear_object (&self->model);
  g_clear_object (&self->reader);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (liaison_section_view_parent_class)->dispose (object);
}

static void
liaison_section_view_finalize (GObject *object)
{
  LiaisonSectionView *self = (LiaisonSectionView *)object;

  g_clear_pointer (&self->query, liaison_query_free);
  g_clear_pointer (&self->worker, _liaison_section_view_query_worker_release);
  g_strfreev (self->tags);

  G_OBJECT_CLASS (liaison_section_view_parent_class)->finalize (object);
}

static void
liaison_section_view_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  LiaisonSectionView *self = LIAISON_SECTION_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    case PROP_FOLDED:
      g_value_set_boolean (value, liaison_section_view_get_folded (self));
      break;
    case PROP_SEARCH_MODE:
      g_value_set_boolean (value, liaison_section_view_get_search_mode (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liaison_section_view_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  LiaisonSectionView *self = LIAISON_SECTION_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_KIND:
      self->kind = g_value_get_enum (value);
      break;
    case PROP_SEARCH_MODE:
      liaison_section_view_set_search_mode (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
update_texts (LiaisonSectionView *self)
{
  const char *placeholder = NULL;
  const char *empty_title = NULL;
  const char *add_label = NULL;

  switch (self->kind)
    {
    case LIAISON_RECORD_INSTITUTION:
      placeholder = _("Search institutions");
      empty_title = _("No Institutions Yet");
      add_label = _("_Add Institution");
      break;
    case LIAISON_RECORD_AGREEMENT:
      placeholder = _("Search agreements");
      empty_title = _("No Agreements Yet");
      add_label = _("_Add Agreement");
      break;
    case LIAISON_RECORD_EVENT:
      placeholder = _("Search events");
      empty_title = _("No Events Yet");
      add_label = _("_Add Event");
      break;
    case LIAISON_RECORD_PERSON:
      placeholder = _("Search people");
      empty_title = _("No People Yet");
      add_label = _("_Add Person");
      break;
    case LIAISON_RECORD_SOURCE:
    case LIAISON_N_RECORD_KINDS:
    default:
      g_assert_not_reached ();
    }

  g_object_set (self->search_entry, "placeholder-text", placeholder, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->search_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, placeholder,
                                  -1);
  adw_status_page_set_title (self->empty_page, empty_title);
  adw_status_page_set_icon_name (self->empty_page, liaison_kind_get_icon_name (self->kind));
  gtk_button_set_label (self->empty_add_button, add_label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->column_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, liaison_kind_get_plural_label (self->kind),
                                  -1);
}

static void
liaison_section_view_constructed (GObject *object)
{
  LiaisonSectionView *self = LIAISON_SECTION_VIEW (object);
  const SectionSpec *spec;
  g_autoptr(GError) error = NULL;
  GtkSorter *sorter;

  G_OBJECT_CLASS (liaison_section_view_parent_class)->constructed (object);

  g_assert (LIAISON_IS_STORE (self->store));
  spec = _liaison_section_view_get_section_spec (self->kind);

  self->reader = liaison_store_open (liaison_store_get_path (self->store), LIAISON_STORE_OPEN_READ_ONLY, &error);
  if (self->reader == NULL)
    {
      /* Not expected, since the file is open; the writer can read, just less freely. */
      g_debug ("No read-only connection, sharing the writer's: %s", error->message);
      self->reader = g_object_ref (self->store);
    }

  self->query = liaison_query_new (self->kind);
  liaison_query_set_sort (self->query, spec->sort, spec->descending);

  /* Built empty: the first query runs in a thread, not here. */
  self->model = g_object_new (LIAISON_TYPE_RECORD_LIST, "store", self->reader, NULL);
  self->selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->model)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_swapped (self->selection, "selection-changed", G_CALLBACK (selection_changed_cb), self);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));

  self->detail_view = liaison_detail_view_new (self->store, self->kind);
  adw_bin_set_child (self->detail_bin, self->detail_view);

  _liaison_section_view_add_columns (self);
  _liaison_section_view_build_filters (self);
  update_texts (self);

  self->updating_sort = TRUE;
  sorter = gtk_column_view_get_sorter (self->column_view);
  g_signal_connect_swapped (sorter, "changed", G_CALLBACK (_liaison_section_view_sorter_changed_cb), self);
  for (guint i = 0; i < spec->n_columns; i++)
    if (g_strcmp0 (spec->columns[i].sort, spec->sort) == 0)
      gtk_column_view_sort_by_column (self->column_view, g_ptr_array_index (self->columns, i),
                                      spec->descending ? GTK_SORT_DESCENDING : GTK_SORT_ASCENDING);
  self->updating_sort = FALSE;

  self->changed_id = g_signal_connect_object (self->store, "changed",
                                              G_CALLBACK (store_changed_cb), self,
                                              G_CONNECT_SWAPPED);
  folded_cb (self);
}

static void
liaison_section_view_map (GtkWidget *widget)
{
  LiaisonSectionView *self = LIAISON_SECTION_VIEW (widget);

  GTK_WIDGET_CLASS (liaison_section_view_parent_class)->map (widget);

  /* A section loads when first shown, so that opening the window queries one table. */
  if (!self->has_results && !self->loading)
    _liaison_section_view_run_query (self);
}

static void
liaison_section_view_class_init (LiaisonSectionViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = liaison_section_view_constructed;
  object_class->dispose = liaison_section_view_dispose;
  object_class->finalize = liaison_section_view_finalize;
  object_class->get_property = liaison_section_view_get_property;
  object_class->set_property = liaison_section_view_set_property;

  widget_class->map = liaison_section_view_map;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, LIAISON_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL, LIAISON_TYPE_RECORD_KIND, LIAISON_RECORD_INSTITUTION,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_FOLDED] =
    g_param_spec_boolean ("folded", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SEARCH_MODE] =
    g_param_spec_boolean ("search-mode", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/liaisonapp/Liaison/liaison-section-view.ui");
  gtk_widget_class_bind_template_child (widget_class, LiaisonSectionView, leaflet);
  gtk_widget_class_bind_template_child (widget_class, LiaisonSectionView, list_pane);
  gtk_widget_class_bind_template_child (widget_class, LiaisonSectionView, search_bar);
  gtk_widget_class_bind_template_child (widget_class, LiaisonSectionView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, LiaisonSectionView, filter_button);
  gtk_widget_class_bind_template_child (widget_class, LiaisonSectionView, filter_popover);
  gtk_widget_class_bind_template_child (widget_class, LiaisonSectionView, filter_grid);
  gtk_widget_class_bind_template_child (widget_class, LiaisonSectionView, list_stack);
  gtk_widget_class_bind_template_child (widget_class, LiaisonSectionView, spinner);
  gtk_widget_class_bind_template_child (widget_class, LiaisonSectionView, column_view);
  gtk_widget_class_bind_template_child (widget_class, LiaisonSectionView, empty_page);
  gtk_widget_class_bind_template_child (widget_class, LiaisonSectionView, empty_add_button);
  gtk_widget_class_bind_template_child (widget_class, LiaisonSectionView, detail_bin);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_mode_cb);
  gtk_widget_class_bind_template_callback (widget_class, activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, folded_cb);

  gtk_widget_class_install_action (widget_class, "section.show-list", NULL, show_list_action);
  gtk_widget_class_install_action (widget_class, "section.clear-filters", NULL, clear_filters_action);
  gtk_widget_class_install_action (widget_class, "section.clear-search", NULL, clear_search_action);

  gtk_widget_class_set_css_name (widget_class, "sectionview");
}

static void
liaison_section_view_init (LiaisonSectionView *self)
{
  self->columns = g_ptr_array_new_with_free_func (g_object_unref);
  self->worker = _liaison_section_view_query_worker_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  gtk_search_bar_set_key_capture_widget (self->search_bar, self->list_pane);
}

/* Public API */

GtkWidget *
liaison_section_view_new (LiaisonStore      *store,
                          LiaisonRecordKind  kind)
{
  g_return_val_if_fail (LIAISON_IS_STORE (store), NULL);

  return g_object_new (LIAISON_TYPE_SECTION_VIEW, "store", store, "kind", kind, NULL);
}

LiaisonRecordKind
liaison_section_view_get_kind (LiaisonSectionView *self)
{
  g_return_val_if_fail (LIAISON_IS_SECTION_VIEW (self), LIAISON_RECORD_INSTITUTION);
  return self->kind;
}

LiaisonDetailView *
liaison_section_view_get_detail_view (LiaisonSectionView *self)
{
  g_return_val_if_fail (LIAISON_IS_SECTION_VIEW (self), NULL);
  return LIAISON_DETAIL_VIEW (self->detail_view);
}

LiaisonRecordList *
liaison_section_view_get_model (LiaisonSectionView *self)
{
  g_return_val_if_fail (LIAISON_IS_SECTION_VIEW (self), NULL);
  return self->model;
}

GtkColumnView *
liaison_section_view_get_column_view (LiaisonSectionView *self)
{
  g_return_val_if_fail (LIAISON_IS_SECTION_VIEW (self), NULL);
  return self->column_view;
}

/**
 * liaison_section_view_get_query:
 *
 * Returns: (transfer none): what the table shows, or will show when the running query
 *   ends: the search, filters and order the user chose
 */
const LiaisonQuery *
liaison_section_view_get_query (LiaisonSectionView *self)
{
  g_return_val_if_fail (LIAISON_IS_SECTION_VIEW (self), NULL);
  return self->query;
}

/**
 * liaison_section_view_get_loading:
 *
 * Returns: whether a query is running; the table shows its results when it ends
 */
gboolean
liaison_section_view_get_loading (LiaisonSectionView *self)
{
  g_return_val_if_fail (LIAISON_IS_SECTION_VIEW (self), FALSE);
  return self->loading;
}

gboolean
liaison_section_view_get_folded (LiaisonSectionView *self)
{
  g_return_val_if_fail (LIAISON_IS_SECTION_VIEW (self), FALSE);
  return adw_leaflet_get_folded (self->leaflet);
}

/**
 * liaison_section_view_get_page:
 *
 * Returns: what the list pane shows: "loading", "list", "empty" or "no-results"
 */
const char *
liaison_section_view_get_page (LiaisonSectionView *self)
{
  g_return_val_if_fail (LIAISON_IS_SECTION_VIEW (self), NULL);
  return gtk_stack_get_visible_child_name (self->list_stack);
}

gboolean
liaison_section_view_get_search_mode (LiaisonSectionView *self)
{
  g_return_val_if_fail (LIAISON_IS_SECTION_VIEW (self), FALSE);
  return gtk_search_bar_get_search_mode (self->search_bar);
}

void
liaison_section_view_set_search_mode (LiaisonSectionView *self,
                                      gboolean            search_mode)
{
  g_return_if_fail (LIAISON_IS_SECTION_VIEW (self));

  gtk_search_bar_set_search_mode (self->search_bar, search_mode);
  if (search_mode)
    gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/**
 * liaison_section_view_set_search_text:
 *
 * Searches for @text as if typed (the query runs after the entry's short delay).
 */
void
liaison_section_view_set_search_text (LiaisonSectionView *self,
                                      const char         *text)
{
  GtkEditable *editable;
  const char *current;
  const char *a, *b;
  int kept, length;

  g_return_if_fail (LIAISON_IS_SECTION_VIEW (self));

  liaison_section_view_set_search_mode (self, TRUE);

  /* Edited as typing would: the common beginning stays, so the entry never passes
   * through an empty text (which searches at once, for everything, without delay). */
  editable = GTK_EDITABLE (self->search_entry);
  text = text ? text : "";
  current = gtk_editable_get_text (editable);
  for (a = current, b = text; *a != '\0' && g_utf8_get_char (a) == g_utf8_get_char (b);
       a = g_utf8_next_char (a), b = g_utf8_next_char (b))
    ;
  kept = (int) g_utf8_pointer_to_offset (current, a);
  length = (int) g_utf8_strlen (current, -1);
  if (kept < length)
    gtk_editable_delete_text (editable, kept, length);
  if (*b != '\0')
    gtk_editable_insert_text (editable, b, -1, &kept);
}

/**
 * liaison_section_view_sort_by:
 * @sort: a sort key of one of the columns ("name", "signed", "agreements")
 *
 * Sorts as clicking that column's header does.
 */
void
liaison_section_view_sort_by (LiaisonSectionView *self,
                              const char         *sort,
                              gboolean            descending)
{
  const SectionSpec *spec;

  g_return_if_fail (LIAISON_IS_SECTION_VIEW (self));

  spec = _liaison_section_view_get_section_spec (self->kind);
  for (guint i = 0; i < spec->n_columns; i++)
    if (g_strcmp0 (spec->columns[i].sort, sort) == 0)
      {
        gtk_column_view_sort_by_column (self->column_view, g_ptr_array_index (self->columns, i),
                                        descending ? GTK_SORT_DESCENDING : GTK_SORT_ASCENDING);
        return;
      }

  g_critical ("%s cannot be sorted by “%s”", liaison_record_kind_get_plural (self->kind), sort);
}

/**
 * liaison_section_view_show_record:
 *
 * Shows @record in the detail pane and selects it in the table when the table holds
 * it.  The caller has made sure no edits are pending.
 */
void
liaison_section_view_show_record (LiaisonSectionView *self,
                                  LiaisonRecord      *record)
{
  g_return_if_fail (LIAISON_IS_SECTION_VIEW (self));

  liaison_detail_view_set_record (LIAISON_DETAIL_VIEW (self->detail_view), record);
  _liaison_section_view_select_shown_record (self);
  if (record != NULL)
    liaison_section_view_show_detail (self);
}

void
liaison_section_view_show_detail (LiaisonSectionView *self)
{
  g_return_if_fail (LIAISON_IS_SECTION_VIEW (self));
  adw_leaflet_set_visible_child_name (self->leaflet, "detail");
}

void
liaison_section_view_show_list (LiaisonSectionView *self)
{
  g_return_if_fail (LIAISON_IS_SECTION_VIEW (self));
  adw_leaflet_set_visible_child_name (self->leaflet, "list");
}

/**
 * liaison_section_view_refresh:
 *
 * Runs the query again, in the background.
 */
void
liaison_section_view_refresh (LiaisonSectionView *self)
{
  g_return_if_fail (LIAISON_IS_SECTION_VIEW (self));
  _liaison_section_view_run_query (self);
}

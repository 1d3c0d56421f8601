/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-section-view"

#include "config.h"

#include <glib/gi18n.h>

#include "liaison-labels.h"
#include "liaison-section-view.h"

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

typedef enum {
  CELL_FIELD,
  CELL_PARTIES,
  CELL_INSTITUTIONS,
  CELL_AGREEMENT_COUNT,
} CellKind;

typedef struct {
  const char *title;
  const char *field;      /* for CELL_FIELD */
  const char *sort;       /* the query's sort key, or NULL when the column cannot sort */
  CellKind    cell;
  int         width;      /* fixed width, or 0 to share what is left */
  gboolean    narrow;     /* shown when the section is folded */
} ColumnSpec;

static const ColumnSpec institution_columns[] = {
  { N_("Name"), "name", "name", CELL_FIELD, 0, TRUE },
  { N_("Local name"), "local-name", "local-name", CELL_FIELD, 0, FALSE },
  { N_("Kind"), "kind", "kind", CELL_FIELD, 130, FALSE },
  { N_("City"), "city", "city", CELL_FIELD, 110, FALSE },
  { N_("Agreements"), NULL, "agreements", CELL_AGREEMENT_COUNT, 110, TRUE },
};
static const ColumnSpec agreement_columns[] = {
  { N_("Title"), "title", "title", CELL_FIELD, 0, TRUE },
  { N_("Parties"), NULL, NULL, CELL_PARTIES, 0, FALSE },
  { N_("Status"), "status", "status", CELL_FIELD, 110, TRUE },
  { N_("Signed on"), "signed", "signed", CELL_FIELD, 130, FALSE },
  { N_("Ends"), "end", "end", CELL_FIELD, 130, FALSE },
};
static const ColumnSpec event_columns[] = {
  { N_("Date"), "date", "date", CELL_FIELD, 130, TRUE },
  { N_("Title"), "title", "title", CELL_FIELD, 0, TRUE },
  { N_("Place"), "place", "place", CELL_FIELD, 150, FALSE },
  { N_("Institutions"), NULL, NULL, CELL_INSTITUTIONS, 0, FALSE },
};
static const ColumnSpec person_columns[] = {
  { N_("Name"), "name", "name", CELL_FIELD, 0, TRUE },
  { N_("Institution"), "institution", "institution", CELL_FIELD, 0, TRUE },
  { N_("Role"), "role", "role", CELL_FIELD, 0, FALSE },
};

typedef struct {
  const ColumnSpec *columns;
  guint             n_columns;
  const char       *sort;
  gboolean          descending;
} SectionSpec;

static const SectionSpec *
get_section_spec (LiaisonRecordKind kind)
{
  static const SectionSpec specs[] = {
    [LIAISON_RECORD_INSTITUTION] = { institution_columns, G_N_ELEMENTS (institution_columns), "name", FALSE },
    [LIAISON_RECORD_AGREEMENT] = { agreement_columns, G_N_ELEMENTS (agreement_columns), "signed", TRUE },
    [LIAISON_RECORD_EVENT] = { event_columns, G_N_ELEMENTS (event_columns), "date", TRUE },
    [LIAISON_RECORD_PERSON] = { person_columns, G_N_ELEMENTS (person_columns), "name", FALSE },
  };

  g_return_val_if_fail (kind < G_N_ELEMENTS (specs) && specs[kind].columns != NULL, NULL);
  return &specs[kind];
}

/* Rows read before the rest: the table shows them at once. */
#define FIRST_ROWS 200

/* One read-only connection for the queries, used by one thread at a time (the lock),
 * kept from one query to the next; it outlives the view while a thread still runs. */
typedef struct {
  GMutex        lock;
  char         *path;
  LiaisonStore *store;
} QueryWorker;

struct _LiaisonSectionView
{
  GtkWidget           parent_instance;

  LiaisonStore       *store;
  LiaisonStore       *reader;        /* read-only, for the rows the table shows */
  LiaisonRecordKind   kind;
  LiaisonQuery       *query;         /* what the table should show */
  LiaisonRecordList  *model;
  GtkSingleSelection *selection;
  GtkWidget          *detail_view;
  GPtrArray          *columns;       /* GtkColumnViewColumn, in spec order */
  GCancellable       *cancellable;
  QueryWorker        *worker;        /* the queries' own connection, shared by their threads */
  guint               generation;
  const char         *probe_sort;
  gulong              changed_id;
  guint               loading : 1;
  guint               has_results : 1;
  guint               updating_selection : 1;
  guint               updating_sort : 1;

  /* Filters, built for the kind */
  GtkDropDown        *kind_filter;
  GtkDropDown        *status_filter;
  GtkDropDown        *tag_filter;
  GtkEntry           *from_filter;
  GtkEntry           *to_filter;
  char              **tags;

  /* Template */
  AdwLeaflet         *leaflet;
  GtkWidget          *list_pane;
  GtkSearchBar       *search_bar;
  GtkSearchEntry     *search_entry;
  GtkMenuButton      *filter_button;
  GtkPopover         *filter_popover;
  GtkGrid            *filter_grid;
  GtkStack           *list_stack;
  GtkSpinner         *spinner;
  GtkColumnView      *column_view;
  AdwStatusPage      *empty_page;
  GtkButton          *empty_add_button;
  AdwBin             *detail_bin;
};

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

static void run_query (LiaisonSectionView *self);

/* Running the query in a thread */

typedef struct {
  QueryWorker  *worker;
  char         *path;
  LiaisonQuery *query;
  GArray       *first;        /* the first rows, shown while the rest are read */
  GArray       *ids;
  gint64        total;        /* records of the kind, counted when none matched */
  guint         generation;
  gint64        started;      /* monotonic µs, for the debug log */
  gboolean      shown_first;  /* main thread: the table shows the first rows */
  gboolean      done;         /* main thread: the whole result arrived */
} QueryJob;

static void
query_worker_clear (gpointer data)
{
  QueryWorker *worker = data;

  g_clear_object (&worker->store);
  g_free (worker->path);
  g_mutex_clear (&worker->lock);
}

static QueryWorker *
query_worker_new (void)
{
  QueryWorker *worker = g_atomic_rc_box_new0 (QueryWorker);

  g_mutex_init (&worker->lock);
  return worker;
}

static void
query_worker_release (QueryWorker *worker)
{
  g_atomic_rc_box_release_full (worker, query_worker_clear);
}

static void
query_job_free (gpointer data)
{
  QueryJob *job = data;

  g_clear_pointer (&job->worker, query_worker_release);
  g_free (job->path);
  g_clear_pointer (&job->query, liaison_query_free);
  g_clear_pointer (&job->first, g_array_unref);
  g_clear_pointer (&job->ids, g_array_unref);
  g_free (job);
}

static void show_results (LiaisonSectionView *self,
                          QueryJob           *job,
                          GArray             *ids);

static gboolean
first_rows_cb (gpointer data)
{
  GTask *task = data;
  LiaisonSectionView *self = g_task_get_source_object (task);
  QueryJob *job = g_task_get_task_data (task);

  if (job->done || job->generation != self->generation || g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    return G_SOURCE_REMOVE;

  g_debug ("%s: first %u rows for “%s” in %.1f ms", liaison_record_kind_get_plural (self->kind), job->first->len,
           job->query->search ? job->query->search : "", (g_get_monotonic_time () - job->started) / 1000.0);
  job->shown_first = TRUE;
  show_results (self, job, job->first);
  return G_SOURCE_REMOVE;
}

static void
cancelled_cb (GCancellable *cancellable,
              LiaisonStore *store)
{
  /* Nobody waits for this query any more: stop it, the next one needs the connection. */
  liaison_store_interrupt (store);
}

static gboolean
read_results (GTask         *task,
              QueryJob      *job,
              LiaisonStore  *store,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(LiaisonQuery) first = liaison_query_copy (job->query);

  /* The first screenful comes back at once, in the query's order (an index gives it);
   * the whole list of ids, which may be a million, follows. */
  first->limit = FIRST_ROWS;
  job->first = liaison_store_query (store, first, error);
  if (job->first == NULL)
    return FALSE;

  if (job->first->len < FIRST_ROWS)
    job->ids = g_array_ref (job->first);
  else
    {
      g_main_context_invoke_full (g_task_get_context (task), G_PRIORITY_DEFAULT,
                                  first_rows_cb, g_object_ref (task), g_object_unref);
      job->ids = liaison_store_query (store, job->query, error);
      if (job->ids == NULL)
        return FALSE;
    }

  job->total = job->ids->len > 0 ? (gint64) job->ids->len : liaison_store_count (store, job->query->kind, NULL);
  return TRUE;
}

static void
query_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  QueryJob *job = task_data;
  QueryWorker *worker = job->worker;
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(GError) error = NULL;
  gulong handler;
  gboolean ok;

  locker = g_mutex_locker_new (&worker->lock);
  if (g_task_return_error_if_cancelled (task))
    return;

  if (worker->store == NULL || g_strcmp0 (worker->path, job->path) != 0)
    {
      g_clear_object (&worker->store);
      g_free (worker->path);
      worker->path = g_strdup (job->path);
      worker->store = liaison_store_open (job->path, LIAISON_STORE_OPEN_READ_ONLY, &error);
      if (worker->store == NULL)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
    }

  handler = g_cancellable_connect (cancellable, G_CALLBACK (cancelled_cb), worker->store, NULL);
  ok = read_results (task, job, worker->store, cancellable, &error);
  g_cancellable_disconnect (cancellable, handler);

  if (g_task_return_error_if_cancelled (task))
    return;
  if (!ok)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
set_loading (LiaisonSectionView *self,
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

static void
select_shown_record (LiaisonSectionView *self)
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

/* The table takes new results: the first rows of a query, or all of a small one. */
static void
show_results (LiaisonSectionView *self,
              QueryJob           *job,
              GArray             *ids)
{
  liaison_record_list_set_results (self->model, job->query, ids);
  select_shown_record (self);
  self->has_results = TRUE;

  if (ids->len > 0)
    gtk_stack_set_visible_child_name (self->list_stack, "list");
  else if (job->total == 0)
    gtk_stack_set_visible_child_name (self->list_stack, "empty");
  else
    gtk_stack_set_visible_child_name (self->list_stack, "no-results");

  set_loading (self, FALSE);
}

static void
query_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  LiaisonSectionView *self = LIAISON_SECTION_VIEW (object);
  QueryJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  job->done = TRUE;
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      /* Cancelled: a newer query runs, or the section is going away. */
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_warning ("Could not list %s: %s", liaison_record_kind_get_plural (self->kind), error->message);
      if (job->generation == self->generation)
        set_loading (self, FALSE);
      return;
    }

  if (job->generation != self->generation)
    return;

  g_debug ("%s: %u rows for “%s” in %.1f ms", liaison_record_kind_get_plural (self->kind), job->ids->len,
           job->query->search ? job->query->search : "", (g_get_monotonic_time () - job->started) / 1000.0);
  if (!job->shown_first)
    {
      show_results (self, job, job->ids);
      return;
    }

  /* The rest after the first rows: the table grows under the rows already shown. */
  liaison_record_list_extend (self->model, job->ids);
  if (gtk_single_selection_get_selected (self->selection) == GTK_INVALID_LIST_POSITION)
    select_shown_record (self);
}

static void
run_query (LiaisonSectionView *self)
{
  g_autoptr(GTask) task = NULL;
  QueryJob *job;

  /* Widgets going away (the search entry emptied as it goes) ask for nothing more. */
  if (self->spinner == NULL || self->store == NULL)
    return;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  job = g_new0 (QueryJob, 1);
  job->worker = g_atomic_rc_box_acquire (self->worker);
  job->path = g_strdup (liaison_store_get_path (self->store));
  job->query = liaison_query_copy (self->query);
  job->generation = ++self->generation;
  job->started = g_get_monotonic_time ();

  /* The old results stay until the new ones arrive; only the first load shows a spinner. */
  set_loading (self, TRUE);
  if (!self->has_results)
    gtk_stack_set_visible_child_name (self->list_stack, "loading");

  task = g_task_new (self, self->cancellable, query_done_cb, NULL);
  g_task_set_source_tag (task, run_query);
  g_task_set_task_data (task, job, query_job_free);
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, query_thread);
}

/* Cells */

static char *
join_link_titles (LiaisonSectionView *self,
                  LiaisonRecord      *record,
                  LiaisonLinkType     type)
{
  GPtrArray *links = liaison_record_get_links (record);
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < links->len; i++)
    {
      LiaisonLink *link = g_ptr_array_index (links, i);
      g_autofree char *name = NULL;
      g_autofree char *local_name = NULL;

      if (link->type != type)
        continue;
      /* Parties and participants are institutions: their names, not whole records. */
      name = liaison_store_get_institution_names (self->reader, link->target, &local_name);
      if (name == NULL)
        continue;
      if (text->len > 0)
        g_string_append (text, _(", "));
      g_string_append (text, local_name != NULL && liaison_prefers_local_names () ? local_name : name);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *
format_cell (LiaisonSectionView *self,
             LiaisonRecord      *record,
             const ColumnSpec   *spec)
{
  switch (spec->cell)
    {
    case CELL_FIELD:
      {
        const LiaisonField *field = liaison_record_kind_find_field (self->kind, spec->field, NULL);
        const char *value = liaison_record_get_field (record, spec->field);

        /* A title column names the record as people here read names, unless the
         * table shows the local name in a column of its own (institutions). */
        if (field == liaison_record_kind_get_fields (self->kind, NULL) && self->kind != LIAISON_RECORD_INSTITUTION)
          return liaison_record_dup_display_title (record);

        return liaison_format_field_value (self->reader, field, value);
      }
    case CELL_PARTIES:
      return join_link_titles (self, record, LIAISON_LINK_PARTY);
    case CELL_INSTITUTIONS:
      return join_link_titles (self, record, LIAISON_LINK_INSTITUTION);
    case CELL_AGREEMENT_COUNT:
      {
        g_autoptr(LiaisonQuery) query = liaison_query_new (LIAISON_RECORD_AGREEMENT);
        gint64 count;

        if (liaison_record_get_uuid (record) == NULL)
          return g_strdup ("");
        query->linked_to = g_strdup (liaison_record_get_uuid (record));
        count = liaison_store_query_count (self->reader, query, NULL);
        return count > 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, count) : g_strdup ("");
      }
    default:
      g_return_val_if_reached (NULL);
    }
}

/* A cell's tooltip shows its whole text.  It is asked for when the pointer rests on the
 * cell: setting it at each bind costs a round trip to the display server per cell. */
static gboolean
query_cell_tooltip_cb (GtkWidget  *label,
                       int         x,
                       int         y,
                       gboolean    keyboard,
                       GtkTooltip *tooltip,
                       gpointer    user_data)
{
  const char *text = gtk_label_get_text (GTK_LABEL (label));

  if (*text == '\0')
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               const ColumnSpec         *spec)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (label), spec->cell == CELL_AGREEMENT_COUNT ? 1.0 : 0.0);
  if (spec->cell == CELL_AGREEMENT_COUNT)
    gtk_widget_add_css_class (label, "numeric");
  gtk_widget_set_has_tooltip (label, TRUE);
  g_signal_connect (label, "query-tooltip", G_CALLBACK (query_cell_tooltip_cb), NULL);
  gtk_list_item_set_child (item, label);
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              const ColumnSpec         *spec)
{
  LiaisonSectionView *self = g_object_get_data (G_OBJECT (factory), "liaison-section");
  LiaisonRecord *record = gtk_list_item_get_item (item);
  GtkWidget *label = gtk_list_item_get_child (item);
  g_autofree char *text = format_cell (self, record, spec);

  gtk_label_set_text (GTK_LABEL (label), text);
}

/* Sorting: the headers choose the query's ORDER BY */

static int
probe_compare (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  LiaisonSectionView *self = (LiaisonSectionView *) a;

  /* Only called by sorter_changed_cb(): tells which column sorts first. */
  self->probe_sort = user_data;
  return -1;
}

static void
sorter_changed_cb (LiaisonSectionView *self,
                   GtkSorterChange     change,
                   GtkSorter          *sorter)
{
  const SectionSpec *spec = get_section_spec (self->kind);
  GtkOrdering ordering;
  const char *sort;
  gboolean descending;

  /* GTK 4.8 cannot tell the primary sort column; the column sorters report themselves
   * when compared, and the column view inverts their answer when descending. */
  self->probe_sort = NULL;
  ordering = gtk_sorter_compare (sorter, self, self->query);  /* two items: equal ones are never compared */
  sort = self->probe_sort != NULL ? self->probe_sort : spec->sort;
  descending = self->probe_sort != NULL ? ordering == GTK_ORDERING_LARGER : spec->descending;

  if (g_strcmp0 (self->query->sort, sort) == 0 && self->query->descending == descending)
    return;

  liaison_query_set_sort (self->query, sort, descending);
  if (!self->updating_sort)
    run_query (self);
}

static void
add_columns (LiaisonSectionView *self)
{
  const SectionSpec *spec = get_section_spec (self->kind);
  g_autoptr(GArray) order = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < spec->n_columns; i++)
    g_array_append_val (order, i);

  /* Readers of Chinese see the Chinese name of institutions first. */
  if (self->kind == LIAISON_RECORD_INSTITUTION && liaison_prefers_local_names ())
    {
      g_array_index (order, guint, 0) = 1;
      g_array_index (order, guint, 1) = 0;
    }

  g_ptr_array_set_size (self->columns, spec->n_columns);

  for (guint j = 0; j < spec->n_columns; j++)
    {
      guint i = g_array_index (order, guint, j);
      const ColumnSpec *column_spec = &spec->columns[i];
      g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
      g_autoptr(GtkColumnViewColumn) column = NULL;

      g_object_set_data (G_OBJECT (factory), "liaison-section", self);
      g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), (gpointer) column_spec);
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), (gpointer) column_spec);

      column = gtk_column_view_column_new (_(column_spec->title), g_object_ref (factory));
      gtk_column_view_column_set_resizable (column, TRUE);
      if (column_spec->width > 0)
        gtk_column_view_column_set_fixed_width (column, column_spec->width);
      else
        gtk_column_view_column_set_expand (column, TRUE);

      if (column_spec->sort != NULL)
        {
          g_autoptr(GtkSorter) sorter = GTK_SORTER (gtk_custom_sorter_new (probe_compare,
                                                                           (gpointer) column_spec->sort,
                                                                           NULL));
          gtk_column_view_column_set_sorter (column, sorter);
        }

      gtk_column_view_append_column (self->column_view, column);
      g_ptr_array_index (self->columns, i) = g_object_ref (column);
    }
}

static void
update_narrow_columns (LiaisonSectionView *self)
{
  const SectionSpec *spec = get_section_spec (self->kind);
  gboolean folded = adw_leaflet_get_folded (self->leaflet);

  for (guint i = 0; i < spec->n_columns; i++)
    {
      GtkColumnViewColumn *column = g_ptr_array_index (self->columns, i);
      gboolean visible = !folded || spec->columns[i].narrow;

      /* Folded, the few columns left size to their content and the title takes the
       * rest: GTK 4.8 gives no extra width to an expanding column beside fixed ones
       * when the table is narrow. */
      gtk_column_view_column_set_visible (column, visible);
      gtk_column_view_column_set_expand (column, visible && spec->columns[i].width == 0);
      gtk_column_view_column_set_fixed_width (column, folded || spec->columns[i].width == 0
                                                      ? -1 : spec->columns[i].width);
    }
}

/* Filters */

static char *
dup_dropdown_choice (GtkDropDown        *dropdown,
                     const char * const *values)
{
  guint selected;

  if (dropdown == NULL)
    return NULL;

  selected = gtk_drop_down_get_selected (dropdown);
  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION)
    return NULL;

  return g_strdup (values[selected - 1]);
}

static gboolean
read_date_filter (GtkEntry  *entry,
                  char     **date)
{
  const char *text;

  g_clear_pointer (date, g_free);
  if (entry == NULL)
    return TRUE;

  text = gtk_editable_get_text (GTK_EDITABLE (entry));
  if (*text == '\0')
    {
      gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
      return TRUE;
    }

  if (!liaison_date_parse (text, date, NULL) ||
      liaison_date_get_precision (*date) == LIAISON_DATE_MONTH_DAY)
    {
      g_clear_pointer (date, g_free);
      gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
      return FALSE;
    }

  gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
  return TRUE;
}

static void
filters_changed_cb (LiaisonSectionView *self)
{
  const LiaisonField *kind_field = liaison_record_kind_find_field (self->kind, "kind", NULL);
  const LiaisonField *status_field = liaison_record_kind_find_field (self->kind, "status", NULL);
  gboolean valid = TRUE;
  gboolean active;

  g_free (self->query->choice);
  self->query->choice = kind_field ? dup_dropdown_choice (self->kind_filter, kind_field->choices) : NULL;
  g_free (self->query->status);
  self->query->status = status_field ? dup_dropdown_choice (self->status_filter, status_field->choices) : NULL;
  g_free (self->query->tag);
  self->query->tag = self->tags ? dup_dropdown_choice (self->tag_filter, (const char * const *) self->tags) : NULL;
  valid &= read_date_filter (self->from_filter, &self->query->date_from);
  valid &= read_date_filter (self->to_filter, &self->query->date_to);

  active = self->query->choice || self->query->status || self->query->tag ||
           self->query->date_from || self->query->date_to;
  if (active)
    gtk_widget_add_css_class (GTK_WIDGET (self->filter_button), "filters-active");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->filter_button), "filters-active");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->filter_button),
                               active ? _("Filters (some are on)") : _("Filters"));

  /* An unfinished date waits for the user rather than emptying the list. */
  if (valid)
    run_query (self);
}

static GtkWidget *
add_filter_row (LiaisonSectionView *self,
                const char         *label_text,
                GtkWidget          *widget)
{
  GtkWidget *label = gtk_label_new_with_mnemonic (label_text);
  int row = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->filter_grid));
       child; child = gtk_widget_get_next_sibling (child))
    row++;
  row /= 2;

  gtk_label_set_xalign (GTK_LABEL (label), 1.0);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), widget);
  gtk_widget_set_hexpand (widget, TRUE);
  gtk_grid_attach (self->filter_grid, label, 0, row, 1, 1);
  gtk_grid_attach (self->filter_grid, widget, 1, row, 1, 1);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (widget),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL,
                                  -1);
  return widget;
}

static GtkDropDown *
create_choice_filter (LiaisonSectionView *self,
                      const char         *label,
                      const char * const *values)
{
  g_autoptr(GtkStringList) strings = gtk_string_list_new (NULL);
  GtkWidget *dropdown;

  gtk_string_list_append (strings, _("Any"));
  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    gtk_string_list_append (strings, liaison_choice_get_label (values[i]));

  dropdown = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (strings)), NULL);
  g_signal_connect_swapped (dropdown, "notify::selected", G_CALLBACK (filters_changed_cb), self);
  return GTK_DROP_DOWN (add_filter_row (self, label, dropdown));
}

static GtkEntry *
create_date_filter (LiaisonSectionView *self,
                    const char         *label)
{
  GtkWidget *entry = gtk_entry_new ();

  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("2023, 2023-08 or 2023-08-30"));
  gtk_editable_set_width_chars (GTK_EDITABLE (entry), 16);
  g_signal_connect_swapped (entry, "changed", G_CALLBACK (filters_changed_cb), self);
  return GTK_ENTRY (add_filter_row (self, label, entry));
}

static void
reload_tags (LiaisonSectionView *self)
{
  g_autoptr(GtkStringList) strings = gtk_string_list_new (NULL);
  g_autofree char *current = NULL;
  guint selected = 0;

  if (self->tag_filter == NULL)
    return;

  current = dup_dropdown_choice (self->tag_filter, (const char * const *) self->tags);
  g_strfreev (self->tags);
  self->tags = liaison_store_list_tags (self->store, NULL);
  if (self->tags == NULL)
    self->tags = g_new0 (char *, 1);

  gtk_string_list_append (strings, _("Any"));
  for (guint i = 0; self->tags[i] != NULL; i++)
    {
      gtk_string_list_append (strings, self->tags[i]);
      if (g_strcmp0 (current, self->tags[i]) == 0)
        selected = i + 1;
    }

  g_signal_handlers_block_by_func (self->tag_filter, filters_changed_cb, self);
  gtk_drop_down_set_model (self->tag_filter, G_LIST_MODEL (strings));
  gtk_drop_down_set_selected (self->tag_filter, selected);
  g_signal_handlers_unblock_by_func (self->tag_filter, filters_changed_cb, self);
}

static void
build_filters (LiaisonSectionView *self)
{
  const LiaisonField *kind_field = liaison_record_kind_find_field (self->kind, "kind", NULL);
  const LiaisonField *status_field = liaison_record_kind_find_field (self->kind, "status", NULL);
  gboolean has_dates = liaison_query_get_date_field (self->kind) != NULL;
  gboolean has_tags = liaison_record_kind_allows_link (self->kind, LIAISON_LINK_TAG);
  GtkWidget *clear;

  if (kind_field != NULL)
    self->kind_filter = create_choice_filter (self, _("_Kind"), kind_field->choices);
  if (status_field != NULL)
    self->status_filter = create_choice_filter (self, _("_Status"), status_field->choices);
  if (has_tags)
    {
      self->tag_filter = create_choice_filter (self, _("_Area"), NULL);
      reload_tags (self);
    }
  if (has_dates)
    {
      self->from_filter = create_date_filter (self, self->kind == LIAISON_RECORD_AGREEMENT ? _("Signed _from") : _("_From"));
      self->to_filter = create_date_filter (self, _("_To"));
    }

  if (kind_field == NULL && status_field == NULL && !has_tags && !has_dates)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->filter_button), FALSE);
      return;
    }

  clear = gtk_button_new_with_mnemonic (_("_Clear Filters"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (clear), "section.clear-filters");
  gtk_widget_set_halign (clear, GTK_ALIGN_END);
  gtk_grid_attach (self->filter_grid, clear, 0, 100, 2, 1);
}

static void
clear_filters (LiaisonSectionView *self)
{
  GtkDropDown *dropdowns[] = { self->kind_filter, self->status_filter, self->tag_filter };
  GtkEntry *entries[] = { self->from_filter, self->to_filter };

  for (guint i = 0; i < G_N_ELEMENTS (dropdowns); i++)
    if (dropdowns[i] != NULL)
      {
        g_signal_handlers_block_by_func (dropdowns[i], filters_changed_cb, self);
        gtk_drop_down_set_selected (dropdowns[i], 0);
        g_signal_handlers_unblock_by_func (dropdowns[i], filters_changed_cb, self);
      }
  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    if (entries[i] != NULL)
      {
        g_signal_handlers_block_by_func (entries[i], filters_changed_cb, self);
        gtk_editable_set_text (GTK_EDITABLE (entries[i]), "");
        g_signal_handlers_unblock_by_func (entries[i], filters_changed_cb, self);
      }

  filters_changed_cb (self);
}

/* Callbacks */

static void
search_changed_cb (LiaisonSectionView *self,
                   GtkSearchEntry     *entry)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));

  liaison_query_set_search (self->query, *text != '\0' ? text : NULL);
  run_query (self);
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
        clear_filters (self);
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
    select_shown_record (self);
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
  update_narrow_columns (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOLDED]);
}

static void
store_changed_cb (LiaisonSectionView *self,
                  guint               kind,
                  LiaisonStore       *store)
{
  /* Any kind: names shown through links (parties, institutions) may have changed. */
  reload_tags (self);
  if (self->has_results || self->loading)
    run_query (self);
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

  clear_filters (self);
  gtk_popover_popdown (self->filter_popover);
}

static void
clear_search_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  LiaisonSectionView *self = LIAISON_SECTION_VIEW (widget);

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  clear_filters (self);
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
  g_clear_pointer (&self->worker, query_worker_release);
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
  spec = get_section_spec (self->kind);

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

  add_columns (self);
  build_filters (self);
  update_texts (self);

  self->updating_sort = TRUE;
  sorter = gtk_column_view_get_sorter (self->column_view);
  g_signal_connect_swapped (sorter, "changed", G_CALLBACK (sorter_changed_cb), self);
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
    run_query (self);
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
  self->worker = query_worker_new ();
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

  spec = get_section_spec (self->kind);
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
  select_shown_record (self);
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
  run_query (self);
}

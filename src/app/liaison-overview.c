/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-overview"

#include "config.h"

#include <glib/gi18n.h>

#include "liaison-chart.h"
#include "liaison-columns-layout.h"
#include "liaison-overview.h"
#include "liaison-overview-private.h"

/*
 * The first page of the window: totals, agreements ending or reaching their notice
 * date within the threshold of the ending-soon-days setting, upcoming and recent
 * events, and a chart of agreements signed per year or events per month.
 *
 * The queries run in a GTask thread on a read-only connection of the overview's own,
 * so a database of a million events never holds up the main loop; a change while a
 * load runs queues one more.  At midnight the statuses that follow the dates are
 * brought up to the new day and everything is read again.
 */

G_DEFINE_FINAL_TYPE (LiaisonOverview, liaison_overview, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  PROP_LOADING,
  PROP_CHART,
  N_PROPS
};

enum {
  RECORD_ACTIVATED,
  SECTION_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* The totals, in the order of the window's sections and of liaison_overview_init(). */
static const LiaisonRecordKind total_kinds[] = {
  LIAISON_RECORD_INSTITUTION,
  LIAISON_RECORD_AGREEMENT,
  LIAISON_RECORD_EVENT,
  LIAISON_RECORD_PERSON,
};

/* Lists */

static void
clear_list (GtkListBox *list)
{
  GtkListBoxRow *row;

  while ((row = gtk_list_box_get_row_at_index (list, 0)) != NULL)
    gtk_list_box_remove (list, GTK_WIDGET (row));
}

static void
fill_ending (LiaisonOverview *self,
             const Snapshot  *snapshot)
{
  g_autofree char *description = NULL;

  clear_list (self->ending_list);

  description = g_strdup_printf (ngettext ("Agreements that end or reach their notice date within the next %u day",
                                           "Agreements that end or reach their notice date within the next %u days",
                                           snapshot->days),
                                 snapshot->days);
  adw_preferences_group_set_description (self->ending_group, description);
  g_clear_pointer (&description, g_free);
  description = g_strdup_printf (ngettext ("No agreement in force ends or reaches its notice date within the next %u day.",
                                           "No agreement in force ends or reaches its notice date within the next %u days.",
                                           snapshot->days),
                                 snapshot->days);
  gtk_label_set_label (self->ending_placeholder, description);

  for (guint i = 0; i < snapshot->ending->len; i++)
    gtk_list_box_append (self->ending_list,
                         _liaison_overview_row_new (g_ptr_array_index (snapshot->ending, i), &snapshot->today));

  if (snapshot->n_ending > (gint64) snapshot->ending->len)
    gtk_list_box_append (self->ending_list,
                         _liaison_overview_more_row_new (snapshot->n_ending - snapshot->ending->len));
}

static void
fill_events (GtkListBox  *list,
             GPtrArray   *events,
             const GDate *today)
{
  clear_list (list);

  for (guint i = 0; i < events->len; i++)
    gtk_list_box_append (list, _liaison_overview_row_new (g_ptr_array_index (events, i), today));
}

static void
fill_chart (LiaisonOverview *self)
{
  gboolean events = g_strcmp0 (self->chart, "events") == 0;

  if (self->shown == NULL)
    return;

  liaison_chart_set_title (self->chart_widget, events ? _("Events per month") : _("Agreements signed per year"));
  adw_preferences_group_set_description (self->chart_group,
                                         events ? _("Events per month over the last twelve months")
                                                : _("Agreements signed per year"));
  _liaison_overview_set_chart_bars (self->chart_widget, events ? self->shown->per_month : self->shown->per_year);
}

void
_liaison_overview_show_snapshot (LiaisonOverview *self,
                                 Snapshot        *snapshot)
{
  gint64 n_records = 0;

  g_clear_pointer (&self->shown, _liaison_overview_snapshot_free);
  self->shown = snapshot;

  for (guint i = 0; i < G_N_ELEMENTS (total_kinds); i++)
    {
      LiaisonRecordKind kind = total_kinds[i];
      g_autofree char *count = _liaison_overview_format_count (snapshot->totals[kind]);

      gtk_label_set_label (self->total_counts[kind], count);
      gtk_label_set_label (self->total_labels[kind],
                           _liaison_overview_get_total_label (kind, snapshot->totals[kind]));
      n_records += snapshot->totals[kind];
    }

  fill_ending (self, snapshot);
  fill_events (self->upcoming_list, snapshot->upcoming, &snapshot->today);
  fill_events (self->recent_list, snapshot->recent, &snapshot->today);
  fill_chart (self);

  gtk_stack_set_visible_child_name (self->stack, n_records > 0 ? "content" : "empty");
}

void
_liaison_overview_set_loading (LiaisonOverview *self,
                               gboolean         loading)
{
  if (self->loading == !!loading)
    return;

  self->loading = !!loading;
  gtk_spinner_set_spinning (self->spinner, loading);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

/* Callbacks */

static void
store_changed_cb (LiaisonOverview *self,
                  guint            kind)
{
  _liaison_overview_queue_reload (self);
}

static void
ending_soon_days_changed_cb (LiaisonOverview *self,
                             const char      *key,
                             GSettings       *settings)
{
  _liaison_overview_queue_reload (self);
}

static void
row_activated_cb (LiaisonOverview *self,
                  GtkListBoxRow   *row,
                  GtkListBox      *list)
{
  const LiaisonDatedRecord *item = g_object_get_data (G_OBJECT (row), "liaison-item");
  g_autoptr(LiaisonRecord) record = NULL;
  g_autoptr(GError) error = NULL;

  if (item == NULL || self->store == NULL)
    return;

  record = liaison_store_load (self->store, item->kind, item->id, &error);
  if (record == NULL)
    {
      /* Deleted since the page was read: read it again. */
      g_debug ("Could not open %s: %s", item->uuid, error->message);
      _liaison_overview_queue_reload (self);
      return;
    }

  g_signal_emit (self, signals[RECORD_ACTIVATED], 0, record);
}

static void
show_section_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  LiaisonRecordKind kind;

  if (liaison_record_kind_from_string (g_variant_get_string (parameter, NULL), &kind))
    g_signal_emit (widget, signals[SECTION_ACTIVATED], 0, kind);
}

/* Building */

static void
add_total (LiaisonOverview   *self,
           LiaisonRecordKind  kind,
           const char        *tooltip)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *count = gtk_label_new ("0");
  GtkWidget *label = gtk_label_new (_liaison_overview_get_total_label (kind, 0));

  gtk_widget_add_css_class (button, "card");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "overview.show-section");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", liaison_record_kind_to_string (kind));
  gtk_widget_set_tooltip_text (button, tooltip);

  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_label_set_xalign (GTK_LABEL (count), 0);
  gtk_widget_add_css_class (count, "title-1");
  gtk_widget_add_css_class (count, "numeric");
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_box_append (GTK_BOX (box), count);
  gtk_box_append (GTK_BOX (box), label);
  gtk_button_set_child (GTK_BUTTON (button), box);
  /* Named by what it shows, "28 Institutions". */
  gtk_accessible_update_relation (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, count, label, NULL,
                                  -1);

  gtk_box_append (GTK_BOX (self->totals_box), button);

  self->total_counts[kind] = GTK_LABEL (count);
  self->total_labels[kind] = GTK_LABEL (label);
}

/* GObject */

static void
liaison_overview_dispose (GObject *object)
{
  LiaisonOverview *self = (LiaisonOverview *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->midnight_id, g_source_remove);
  _liaison_overview_stop_waiting (self);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);
  g_clear_object (&self->reader);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->shown, _liaison_overview_snapshot_free);

  /* The template's root is the bin's child: let the bin drop it first. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), LIAISON_TYPE_OVERVIEW);

  G_OBJECT_CLASS (liaison_overview_parent_class)->dispose (object);
}

static void
liaison_overview_root (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (liaison_overview_parent_class)->root (widget);
  _liaison_overview_rooted (LIAISON_OVERVIEW (widget));
}

static void
liaison_overview_unroot (GtkWidget *widget)
{
  _liaison_overview_stop_waiting (LIAISON_OVERVIEW (widget));
  GTK_WIDGET_CLASS (liaison_overview_parent_class)->unroot (widget);
}

static void
liaison_overview_finalize (GObject *object)
{
  LiaisonOverview *self = (LiaisonOverview *)object;

  g_clear_object (&self->cancellable);
  g_free (self->chart);

  G_OBJECT_CLASS (liaison_overview_parent_class)->finalize (object);
}

static void
liaison_overview_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  LiaisonOverview *self = LIAISON_OVERVIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    case PROP_CHART:
      g_value_set_string (value, self->chart);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liaison_overview_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  LiaisonOverview *self = LIAISON_OVERVIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      liaison_overview_set_store (self, g_value_get_object (value));
      break;
    case PROP_CHART:
      {
        const char *chart = g_value_get_string (value);

        if (g_strcmp0 (chart, "events") != 0)
          chart = "agreements";
        if (g_strcmp0 (self->chart, chart) == 0)
          break;
        g_free (self->chart);
        self->chart = g_strdup (chart);
        fill_chart (self);
        g_object_notify_by_pspec (object, pspec);
      }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liaison_overview_class_init (LiaisonOverviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = liaison_overview_dispose;
  object_class->finalize = liaison_overview_finalize;
  object_class->get_property = liaison_overview_get_property;
  object_class->set_property = liaison_overview_set_property;

  widget_class->root = liaison_overview_root;
  widget_class->unroot = liaison_overview_unroot;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, LIAISON_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * LiaisonOverview:loading:
   *
   * Whether the overview is reading the database.
   */
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * LiaisonOverview:chart:
   *
   * What the chart shows: "agreements" signed per year or "events" per month.
   */
  properties[PROP_CHART] =
    g_param_spec_string ("chart", NULL, NULL, "agreements",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LiaisonOverview::record-activated:
   * @record: the agreement or event, freshly loaded
   *
   * Emitted when the user opens an item of the overview.
   */
  signals[RECORD_ACTIVATED] =
    g_signal_new ("record-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, LIAISON_TYPE_RECORD);

  /**
   * LiaisonOverview::section-activated:
   * @kind: the kind of record whose total was clicked
   *
   * Emitted when the user clicks a total, to see all records of that kind.
   */
  signals[SECTION_ACTIVATED] =
    g_signal_new ("section-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, LIAISON_TYPE_RECORD_KIND);

  g_type_ensure (LIAISON_TYPE_CHART);
  g_type_ensure (LIAISON_TYPE_COLUMNS_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/liaisonapp/Liaison/liaison-overview.ui");
  gtk_widget_class_bind_template_child (widget_class, LiaisonOverview, stack);
  gtk_widget_class_bind_template_child (widget_class, LiaisonOverview, spinner);
  gtk_widget_class_bind_template_child (widget_class, LiaisonOverview, error_page);
  gtk_widget_class_bind_template_child (widget_class, LiaisonOverview, totals_box);
  gtk_widget_class_bind_template_child (widget_class, LiaisonOverview, sections_box);
  gtk_widget_class_bind_template_child (widget_class, LiaisonOverview, ending_group);
  gtk_widget_class_bind_template_child (widget_class, LiaisonOverview, ending_list);
  gtk_widget_class_bind_template_child (widget_class, LiaisonOverview, ending_placeholder);
  gtk_widget_class_bind_template_child (widget_class, LiaisonOverview, upcoming_list);
  gtk_widget_class_bind_template_child (widget_class, LiaisonOverview, recent_list);
  gtk_widget_class_bind_template_child (widget_class, LiaisonOverview, chart_group);
  gtk_widget_class_bind_template_child_full (widget_class, "chart", FALSE,
                                             G_STRUCT_OFFSET (LiaisonOverview, chart_widget));
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);

  gtk_widget_class_install_action (widget_class, "overview.show-section", "s", show_section_action);
  gtk_widget_class_install_property_action (widget_class, "overview.chart", "chart");
}

static void
liaison_overview_init (LiaisonOverview *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->chart = g_strdup ("agreements");
  g_date_clear (&self->status_day, 1);

  add_total (self, LIAISON_RECORD_INSTITUTION, _("Show all institutions"));
  add_total (self, LIAISON_RECORD_AGREEMENT, _("Show all agreements"));
  add_total (self, LIAISON_RECORD_EVENT, _("Show all events"));
  add_total (self, LIAISON_RECORD_PERSON, _("Show all people"));

  self->settings = g_settings_new (SCHEMA_ID);
  g_signal_connect_object (self->settings, "changed::ending-soon-days",
                           G_CALLBACK (ending_soon_days_changed_cb), self, G_CONNECT_SWAPPED);

  _liaison_overview_schedule_midnight (self);
}

/* Public API */

/**
 * liaison_overview_new:
 * @store: (nullable): the database to show
 *
 * Returns: (transfer floating): a new overview
 */
GtkWidget *
liaison_overview_new (LiaisonStore *store)
{
  g_return_val_if_fail (store == NULL || LIAISON_IS_STORE (store), NULL);

  return g_object_new (LIAISON_TYPE_OVERVIEW, "store", store, NULL);
}

LiaisonStore *
liaison_overview_get_store (LiaisonOverview *self)
{
  g_return_val_if_fail (LIAISON_IS_OVERVIEW (self), NULL);
  return self->store;
}

void
liaison_overview_set_store (LiaisonOverview *self,
                            LiaisonStore    *store)
{
  g_return_if_fail (LIAISON_IS_OVERVIEW (self));
  g_return_if_fail (store == NULL || LIAISON_IS_STORE (store));

  if (self->store == store)
    return;

  /* Whatever was loading belongs to the old database. */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->reload_pending = FALSE;
  _liaison_overview_set_loading (self, FALSE);

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->reader);
  g_clear_pointer (&self->shown, _liaison_overview_snapshot_free);
  g_date_clear (&self->status_day, 1);
  g_set_object (&self->store, store);

  if (store != NULL)
    {
      /* The first load brings the statuses up to today, if the store has not. */
      g_signal_connect_swapped (store, "changed", G_CALLBACK (store_changed_cb), self);
      _liaison_overview_queue_reload (self);
    }
  else
    gtk_stack_set_visible_child_name (self->stack, "empty");

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

gboolean
liaison_overview_get_loading (LiaisonOverview *self)
{
  g_return_val_if_fail (LIAISON_IS_OVERVIEW (self), FALSE);
  return self->loading;
}

/**
 * liaison_overview_reload:
 *
 * Reads the database again; the overview does so by itself when the store changes,
 * the threshold setting changes or a new day begins.
 */
void
liaison_overview_reload (LiaisonOverview *self)
{
  g_return_if_fail (LIAISON_IS_OVERVIEW (self));
  _liaison_overview_queue_reload (self);
}

GtkListBox *
_liaison_overview_get_ending_list (LiaisonOverview *self)
{
  return self->ending_list;
}

GtkListBox *
_liaison_overview_get_upcoming_list (LiaisonOverview *self)
{
  return self->upcoming_list;
}

GtkListBox *
_liaison_overview_get_recent_list (LiaisonOverview *self)
{
  return self->recent_list;
}

LiaisonChart *
_liaison_overview_get_chart (LiaisonOverview *self)
{
  return self->chart_widget;
}

/* "loading", "empty", "error" or "content" */
const char *
_liaison_overview_get_page (LiaisonOverview *self)
{
  return gtk_stack_get_visible_child_name (self->stack);
}

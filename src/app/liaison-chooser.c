/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-chooser"

#include "config.h"

#include <glib/gi18n.h>

#include "liaison-chooser.h"
#include "liaison-labels.h"

/*
 * A dialog to pick one record of a kind: a search entry over a list of the records the
 * store's query finds, as you type, in any script.  Choosing emits ::chosen with the
 * record's UUID and closes the dialog.
 */
struct _LiaisonChooser
{
  AdwWindow          parent_instance;

  LiaisonStore      *store;
  LiaisonRecordKind  kind;
  LiaisonRecordList *results;

  AdwWindowTitle    *window_title;
  GtkSearchEntry    *search_entry;
  GtkStack          *stack;
  GtkListView       *list_view;
  AdwStatusPage     *empty_page;
};

G_DEFINE_FINAL_TYPE (LiaisonChooser, liaison_chooser, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_KIND,
  N_PROPS
};

enum {
  CHOSEN,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
update_page (LiaisonChooser *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->results));

  gtk_stack_set_visible_child_name (self->stack, n > 0 ? "results" : "empty");
}

static void
run_search (LiaisonChooser *self)
{
  g_autoptr(LiaisonQuery) query = liaison_query_new (self->kind);
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  liaison_query_set_search (query, *stripped ? stripped : NULL);
  liaison_query_set_sort (query, liaison_record_kind_get_fields (self->kind, NULL)[0].name, FALSE);
  liaison_record_list_set_query (self->results, query);
  update_page (self);
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *subtitle = gtk_label_new (NULL);

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_label_set_ellipsize (GTK_LABEL (subtitle), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), subtitle);
  gtk_list_item_set_child (item, box);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  user_data)
{
  LiaisonRecord *record = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *title = gtk_widget_get_first_child (box);
  GtkWidget *subtitle = gtk_widget_get_next_sibling (title);
  g_autofree char *display = liaison_record_dup_display_title (record);
  g_autofree char *other = liaison_record_dup_other_name (record);

  gtk_label_set_text (GTK_LABEL (title), display);
  gtk_label_set_text (GTK_LABEL (subtitle), other ? other : "");
  gtk_widget_set_visible (subtitle, other != NULL);
}

static void
search_changed_cb (LiaisonChooser *self)
{
  run_search (self);
}

static void
search_activate_cb (LiaisonChooser *self)
{
  if (g_list_model_get_n_items (G_LIST_MODEL (self->results)) > 0)
    liaison_chooser_choose (self, 0);
}

static void
stop_search_cb (LiaisonChooser *self)
{
  gtk_window_close (GTK_WINDOW (self));
}

static void
list_activate_cb (LiaisonChooser *self,
                  guint           position)
{
  liaison_chooser_choose (self, position);
}

static void
liaison_chooser_constructed (GObject *object)
{
  LiaisonChooser *self = (LiaisonChooser *)object;
  g_autoptr(LiaisonQuery) query = liaison_query_new (self->kind);
  g_autofree char *title = NULL;

  G_OBJECT_CLASS (liaison_chooser_parent_class)->constructed (object);

  g_assert (self->store != NULL);

  /* Translators: the title of the dialog that picks a record, "Choose Institution" */
  title = g_strdup_printf (_("Choose %s"), liaison_record_kind_get_label (self->kind));
  adw_window_title_set_title (self->window_title, title);
  gtk_window_set_title (GTK_WINDOW (self), title);

  self->results = liaison_record_list_new (self->store, query);
  gtk_list_view_set_model (self->list_view,
                           GTK_SELECTION_MODEL (gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->results)))));
  run_search (self);
}

static void
liaison_chooser_dispose (GObject *object)
{
  LiaisonChooser *self = (LiaisonChooser *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), LIAISON_TYPE_CHOOSER);
  g_clear_object (&self->results);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (liaison_chooser_parent_class)->dispose (object);
}

static void
liaison_chooser_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  LiaisonChooser *self = LIAISON_CHOOSER (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liaison_chooser_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  LiaisonChooser *self = LIAISON_CHOOSER (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_KIND:
      self->kind = g_value_get_enum (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liaison_chooser_class_init (LiaisonChooserClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = liaison_chooser_constructed;
  object_class->dispose = liaison_chooser_dispose;
  object_class->get_property = liaison_chooser_get_property;
  object_class->set_property = liaison_chooser_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, LIAISON_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL, LIAISON_TYPE_RECORD_KIND, LIAISON_RECORD_INSTITUTION,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LiaisonChooser::chosen:
   * @uuid: the UUID of the chosen record
   *
   * Emitted when a record is chosen, just before the dialog closes.
   */
  signals[CHOSEN] =
    g_signal_new ("chosen",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/liaisonapp/Liaison/liaison-chooser.ui");
  gtk_widget_class_bind_template_child (widget_class, LiaisonChooser, window_title);
  gtk_widget_class_bind_template_child (widget_class, LiaisonChooser, search_entry);
  gtk_widget_class_bind_template_child (widget_class, LiaisonChooser, stack);
  gtk_widget_class_bind_template_child (widget_class, LiaisonChooser, list_view);
  gtk_widget_class_bind_template_child (widget_class, LiaisonChooser, empty_page);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, list_activate_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
liaison_chooser_init (LiaisonChooser *self)
{
  GtkListItemFactory *factory;

  gtk_widget_init_template (GTK_WIDGET (self));

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), NULL);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);

  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self));
}

/**
 * liaison_chooser_new:
 * @kind: the kind of record to choose
 *
 * Returns: (transfer floating): a dialog; set its transient parent, connect to
 *   #LiaisonChooser::chosen and present it
 */
LiaisonChooser *
liaison_chooser_new (LiaisonStore      *store,
                     LiaisonRecordKind  kind)
{
  g_return_val_if_fail (LIAISON_IS_STORE (store), NULL);
  g_return_val_if_fail (kind < LIAISON_N_RECORD_KINDS, NULL);

  return g_object_new (LIAISON_TYPE_CHOOSER, "store", store, "kind", kind, NULL);
}

LiaisonRecordKind
liaison_chooser_get_kind (LiaisonChooser *self)
{
  g_return_val_if_fail (LIAISON_IS_CHOOSER (self), 0);
  return self->kind;
}

/**
 * liaison_chooser_get_results:
 *
 * Returns: (transfer none): the records the search finds now, in the order shown
 */
GListModel *
liaison_chooser_get_results (LiaisonChooser *self)
{
  g_return_val_if_fail (LIAISON_IS_CHOOSER (self), NULL);
  return G_LIST_MODEL (self->results);
}

/**
 * liaison_chooser_choose:
 * @position: a position in the results
 *
 * Chooses the record at @position, as activating its row does: emits
 * #LiaisonChooser::chosen and closes the dialog.
 */
void
liaison_chooser_choose (LiaisonChooser *self,
                        guint           position)
{
  g_autoptr(LiaisonRecord) record = NULL;

  g_return_if_fail (LIAISON_IS_CHOOSER (self));

  record = g_list_model_get_item (G_LIST_MODEL (self->results), position);
  if (record == NULL || liaison_record_get_uuid (record) == NULL)
    return;

  g_signal_emit (self, signals[CHOSEN], 0, liaison_record_get_uuid (record));
  gtk_window_close (GTK_WINDOW (self));
}

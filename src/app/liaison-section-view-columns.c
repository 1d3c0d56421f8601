/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-section-view"

#include "config.h"

#include <glib/gi18n.h>

#include "liaison-labels.h"
#include "liaison-section-view-private.h"

/* The table's columns: what each kind shows, the cells, and the headers' sort order. */

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

const SectionSpec *
_liaison_section_view_get_section_spec (LiaisonRecordKind kind)
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

  /* Only called by _liaison_section_view_sorter_changed_cb(): tells which column sorts first. */
  self->probe_sort = user_data;
  return -1;
}

void
_liaison_section_view_sorter_changed_cb (LiaisonSectionView *self,
                                         GtkSorterChange     change,
                                         GtkSorter          *sorter)
{
  const SectionSpec *spec = _liaison_section_view_get_section_spec (self->kind);
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
    _liaison_section_view_run_query (self);
}

void
_liaison_section_view_add_columns (LiaisonSectionView *self)
{
  const SectionSpec *spec = _liaison_section_view_get_section_spec (self->kind);
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

void
_liaison_section_view_update_narrow_columns (LiaisonSectionView *self)
{
  const SectionSpec *spec = _liaison_section_view_get_section_spec (self->kind);
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

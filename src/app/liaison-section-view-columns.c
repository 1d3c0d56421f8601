/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-section-view"

#include "config.h"

#include <glib/gi18n.h>

#include "liaison-labels.h"
#include "liaison-section-view-private.h"

/* The table's columns: what each kind shows, the cells, and the headers' sort order. */

static const ColumnSpec institution_columns[] = {
  { N_("Name"), "name", "name", CELL_FIELD, 0, TRUE, 30 },
  { N_("Local name"), "local-name", "local-name", CELL_FIELD, 0, FALSE, 12 },
  { N_("Kind"), "kind", "kind", CELL_FIELD, WIDTH_FIT, FALSE, 0 },
  { N_("City"), "city", "city", CELL_FIELD, 110, FALSE, 0 },
  { N_("Agreements"), NULL, "agreements", CELL_AGREEMENT_COUNT, WIDTH_FIT, TRUE, 0 },
};
static const ColumnSpec agreement_columns[] = {
  { N_("Title"), "title", "title", CELL_FIELD, 0, TRUE, 30 },
  { N_("Parties"), NULL, NULL, CELL_PARTIES, 0, FALSE, 24 },
  { N_("Status"), "status", "status", CELL_FIELD, WIDTH_FIT, TRUE, 0 },
  { N_("Signed on"), "signed", "signed", CELL_FIELD, WIDTH_FIT, FALSE, 0 },
  { N_("Ends"), "end", "end", CELL_FIELD, WIDTH_FIT, FALSE, 0 },
};
static const ColumnSpec event_columns[] = {
  { N_("Date"), "date", "date", CELL_FIELD, WIDTH_FIT, TRUE, 0 },
  { N_("Title"), "title", "title", CELL_FIELD, 0, TRUE, 30 },
  { N_("Place"), "place", "place", CELL_FIELD, 150, FALSE, 0 },
  { N_("Institutions"), NULL, NULL, CELL_INSTITUTIONS, 0, FALSE, 24 },
};
static const ColumnSpec person_columns[] = {
  { N_("Name"), "name", "name", CELL_FIELD, 0, TRUE, 30 },
  { N_("Institution"), "institution", "institution", CELL_FIELD, 0, TRUE, 24 },
  { N_("Role"), "role", "role", CELL_FIELD, 0, FALSE, 16 },
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

/* An institution's name as the tables show it: the local one for a reader of Chinese.
 * One indexed lookup of the names, not the whole record with its links. */
static char *
dup_institution_name (LiaisonSectionView *self,
                      const char         *uuid)
{
  g_autofree char *local_name = NULL;
  g_autofree char *name = liaison_store_get_institution_names (self->reader, uuid, &local_name);

  if (local_name != NULL && liaison_prefers_local_names ())
    return g_steal_pointer (&local_name);
  return g_steal_pointer (&name);
}

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

      /* Parties and participants are institutions: their names, not whole records. */
      if (link->type != type || (name = dup_institution_name (self, link->target)) == NULL)
        continue;
      if (text->len > 0)
        g_string_append (text, _(", "));
      g_string_append (text, name);
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
        g_autofree char *name = NULL;

        /* A title column names the record as people here read names, unless the
         * table shows the local name in a column of its own (institutions). */
        if (field == liaison_record_kind_get_fields (self->kind, NULL) && self->kind != LIAISON_RECORD_INSTITUTION)
          return liaison_record_dup_display_title (record);

        /* A person's institution: its names only. */
        if (field->type == LIAISON_FIELD_REFERENCE && field->target == LIAISON_RECORD_INSTITUTION &&
            value != NULL && (name = dup_institution_name (self, value)) != NULL)
          return g_steal_pointer (&name);

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

/* A cell's tooltip shows its whole text when the cell cuts it short.  It is asked for
 * when the pointer rests on the cell: setting it at each bind costs a round trip to the
 * display server per cell. */
static gboolean
query_cell_tooltip_cb (GtkWidget  *cell,
                       int         x,
                       int         y,
                       gboolean    keyboard,
                       GtkTooltip *tooltip,
                       gpointer    user_data)
{
  const char *text = gtk_inscription_get_text (GTK_INSCRIPTION (cell));
  g_autoptr(PangoLayout) layout = NULL;
  int width;

  if (text == NULL || *text == '\0')
    return FALSE;

  layout = gtk_widget_create_pango_layout (cell, text);
  pango_layout_get_pixel_size (layout, &width, NULL);
  if (width <= gtk_widget_get_width (cell))
    return FALSE;

  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

/* The cells are inscriptions: unlike labels, they do not lay out their text to tell
 * their size, only to draw it, so binding the ~200 rows that GTK 4.8 keeps around the
 * visible ones costs no text layout for the rows off screen.  They ask for a number of
 * characters, not for their text's width, so setting a text never resizes the table:
 * in a fixed column, as many as fit_column_width() gives (what the column takes when
 * folded, when it is not fixed). */
static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               const ColumnSpec         *spec)
{
  GtkWidget *cell = gtk_inscription_new (NULL);
  GtkInscription *inscription = GTK_INSCRIPTION (cell);
  guint fixed_chars = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (factory), "liaison-fixed-chars"));

  gtk_inscription_set_text_overflow (inscription, GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  gtk_inscription_set_min_chars (inscription, spec->width != 0 ? fixed_chars : MIN (spec->chars, 6));
  gtk_inscription_set_nat_chars (inscription, spec->width != 0 ? fixed_chars : spec->chars);
  /* One line high and centered: an ellipsized inscription draws at its top. */
  gtk_widget_set_valign (cell, GTK_ALIGN_CENTER);
  if (spec->cell == CELL_AGREEMENT_COUNT)
    {
      gtk_inscription_set_xalign (inscription, 1.0);
      gtk_widget_add_css_class (cell, "numeric");
    }
  gtk_widget_set_has_tooltip (cell, TRUE);
  g_signal_connect (cell, "query-tooltip", G_CALLBACK (query_cell_tooltip_cb), NULL);
  gtk_list_item_set_child (item, cell);
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              const ColumnSpec         *spec)
{
  LiaisonSectionView *self = g_object_get_data (G_OBJECT (factory), "liaison-section");
  LiaisonRecord *record = gtk_list_item_get_item (item);
  GtkInscription *cell = GTK_INSCRIPTION (gtk_list_item_get_child (item));
  g_autofree char *text = format_cell (self, record, spec);

  if (g_strcmp0 (gtk_inscription_get_text (cell), text) == 0)
    return;

  gtk_inscription_set_text (cell, text);
  /* GTK 4.8 gives screen readers no text for an inscription. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (cell), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
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

/* Column widths */

/* A cell's padding, and what a header adds to its title: padding, the sort arrow. */
#define CELL_PADDING 16
#define HEADER_EXTRA 34

static int
measure_text (PangoLayout *layout,
              const char  *text)
{
  int width;

  pango_layout_set_text (layout, text, -1);
  pango_layout_get_pixel_size (layout, &width, NULL);
  return width;
}

/* A fixed column's width: its header, and every value it can hold as the user's language
 * and font write it (each choice; a date in each month), or spec->width for free text. */
static int
fit_column_width (LiaisonSectionView *self,
                  const ColumnSpec   *spec)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self->column_view), NULL);
  g_autoptr(PangoAttrList) bold = pango_attr_list_new ();
  const LiaisonField *field = spec->cell == CELL_FIELD
                              ? liaison_record_kind_find_field (self->kind, spec->field, NULL)
                              : NULL;
  int content = MAX (spec->width - CELL_PADDING, 0);
  int header;

  pango_attr_list_insert (bold, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
  pango_layout_set_attributes (layout, bold);
  header = measure_text (layout, _(spec->title)) + HEADER_EXTRA;
  pango_layout_set_attributes (layout, NULL);

  if (field != NULL && field->type == LIAISON_FIELD_CHOICE)
    {
      content = 0;
      for (guint i = 0; field->choices[i] != NULL; i++)
        content = MAX (content, measure_text (layout, liaison_choice_get_label (field->choices[i])));
    }
  else if (field != NULL && field->type == LIAISON_FIELD_DATE)
    {
      content = 0;
      for (guint month = 1; month <= 12; month++)
        {
          g_autofree char *iso = g_strdup_printf ("2000-%02u-28", month);
          g_autofree char *date = liaison_date_format (iso);

          content = MAX (content, measure_text (layout, date));
        }
    }
  else if (spec->cell == CELL_AGREEMENT_COUNT)
    content = measure_text (layout, "00000");

  return MAX (header, content + CELL_PADDING);
}

/* How many of the font's average characters fill a fixed column. */
static guint
count_column_chars (LiaisonSectionView *self,
                    int                 width)
{
  PangoFontMetrics *metrics = pango_context_get_metrics (gtk_widget_get_pango_context (GTK_WIDGET (self->column_view)),
                                                         NULL, NULL);
  int char_width = MAX (pango_font_metrics_get_approximate_char_width (metrics),
                        pango_font_metrics_get_approximate_digit_width (metrics));

  pango_font_metrics_unref (metrics);
  return (guint) ((MAX (width - CELL_PADDING, 0) * PANGO_SCALE + char_width - 1) / MAX (char_width, 1));
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
      if (column_spec->width != 0)
        g_object_set_data (G_OBJECT (factory), "liaison-fixed-chars",
                           GUINT_TO_POINTER (count_column_chars (self, fit_column_width (self, column_spec))));
      g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), (gpointer) column_spec);
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), (gpointer) column_spec);

      column = gtk_column_view_column_new (_(column_spec->title), g_object_ref (factory));
      gtk_column_view_column_set_resizable (column, TRUE);
      if (column_spec->width != 0)
        gtk_column_view_column_set_fixed_width (column, fit_column_width (self, column_spec));
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

      /* Folded, the few columns left size to their cells (as many characters as their
       * fixed width holds) and the title takes the rest: GTK 4.8 gives no extra width
       * to an expanding column beside fixed ones when the table is narrow. */
      gtk_column_view_column_set_visible (column, visible);
      gtk_column_view_column_set_expand (column, visible && spec->columns[i].width == 0);
      gtk_column_view_column_set_fixed_width (column, folded || spec->columns[i].width == 0
                                                      ? -1 : fit_column_width (self, &spec->columns[i]));
    }
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-columns-layout"

#include "config.h"

#include "liaison-columns-layout.h"

/*
 * Lays its widget's children out in as many columns (up to max-columns) as fit at
 * min-column-width each, and no more than keep the rows full: four children go in
 * four columns, two or one, never three.  Children fill the columns row by row: the
 * first at the top left, the next to its right, and so on.  Each child gets the
 * height it asks for at its column's width, so a tall child does not stretch the one
 * beside it (as a homogeneous GtkFlowBox would).
 */

struct _LiaisonColumnsLayout
{
  GtkLayoutManager parent_instance;

  int              spacing;
  int              min_column_width;
  int              max_columns;
};

G_DEFINE_FINAL_TYPE (LiaisonColumnsLayout, liaison_columns_layout, GTK_TYPE_LAYOUT_MANAGER)

enum {
  PROP_0,
  PROP_SPACING,
  PROP_MIN_COLUMN_WIDTH,
  PROP_MAX_COLUMNS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define MAX_COLUMNS 8

static guint
count_children (GtkWidget *widget)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += gtk_widget_should_layout (child) ? 1 : 0;
  return n;
}

static guint
count_columns (LiaisonColumnsLayout *self,
               GtkWidget            *widget,
               int                   width)
{
  guint n_children = count_children (widget);
  guint n = (guint) CLAMP ((width + self->spacing) / MAX (1, self->min_column_width + self->spacing),
                           1, self->max_columns);

  /* Full rows: fewer columns rather than a last row with a gap. */
  while (n > 1 && n < n_children && n_children % n != 0)
    n--;
  return n;
}

static int
column_width (LiaisonColumnsLayout *self,
              int                   width,
              guint                 n_columns)
{
  return MAX (0, (width - self->spacing * ((int) n_columns - 1)) / (int) n_columns);
}

/* The height of each child at @child_width, and of the tallest column. */
static int
lay_out (LiaisonColumnsLayout *self,
         GtkWidget            *widget,
         int                   width,
         gboolean              allocate)
{
  guint n_columns = width < 0 ? 1 : count_columns (self, widget, width);
  int child_width = width < 0 ? -1 : column_width (self, width, n_columns);
  int heights[MAX_COLUMNS] = { 0 };
  int tallest = 0;
  guint index = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      guint column;
      int min, nat;

      if (!gtk_widget_should_layout (child))
        continue;

      column = index++ % n_columns;
      gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, child_width, &min, &nat, NULL, NULL);
      if (heights[column] > 0)
        heights[column] += self->spacing;

      if (allocate)
        gtk_widget_size_allocate (child,
                                  &(GtkAllocation) { (int) column * (child_width + self->spacing),
                                                     heights[column], child_width, nat },
                                  -1);
      heights[column] += nat;
      tallest = MAX (tallest, heights[column]);
    }

  return tallest;
}

static GtkSizeRequestMode
liaison_columns_layout_get_request_mode (GtkLayoutManager *manager,
                                         GtkWidget        *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
liaison_columns_layout_measure (GtkLayoutManager *manager,
                                GtkWidget        *widget,
                                GtkOrientation    orientation,
                                int               for_size,
                                int              *minimum,
                                int              *natural,
                                int              *minimum_baseline,
                                int              *natural_baseline)
{
  LiaisonColumnsLayout *self = LIAISON_COLUMNS_LAYOUT (manager);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      int widest_min = 0, widest_nat = 0;

      for (GtkWidget *child = gtk_widget_get_first_child (widget);
           child != NULL;
           child = gtk_widget_get_next_sibling (child))
        {
          int min, nat;

          if (!gtk_widget_should_layout (child))
            continue;
          gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
          widest_min = MAX (widest_min, min);
          widest_nat = MAX (widest_nat, nat);
        }

      *minimum = widest_min;
      *natural = MAX (widest_min, self->max_columns * (MAX (widest_nat, self->min_column_width) + self->spacing)
                                  - self->spacing);
    }
  else
    {
      int height = lay_out (self, widget, for_size, FALSE);

      *minimum = height;
      *natural = height;
    }
}

static void
liaison_columns_layout_allocate (GtkLayoutManager *manager,
                                 GtkWidget        *widget,
                                 int               width,
                                 int               height,
                                 int               baseline)
{
  lay_out (LIAISON_COLUMNS_LAYOUT (manager), widget, width, TRUE);
}

static void
liaison_columns_layout_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  LiaisonColumnsLayout *self = LIAISON_COLUMNS_LAYOUT (object);

  switch (prop_id)
    {
    case PROP_SPACING:
      g_value_set_int (value, self->spacing);
      break;
    case PROP_MIN_COLUMN_WIDTH:
      g_value_set_int (value, self->min_column_width);
      break;
    case PROP_MAX_COLUMNS:
      g_value_set_int (value, self->max_columns);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liaison_columns_layout_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  LiaisonColumnsLayout *self = LIAISON_COLUMNS_LAYOUT (object);
  int *slot;

  switch (prop_id)
    {
    case PROP_SPACING:
      slot = &self->spacing;
      break;
    case PROP_MIN_COLUMN_WIDTH:
      slot = &self->min_column_width;
      break;
    case PROP_MAX_COLUMNS:
      slot = &self->max_columns;
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }

  if (*slot == g_value_get_int (value))
    return;
  *slot = g_value_get_int (value);
  gtk_layout_manager_layout_changed (GTK_LAYOUT_MANAGER (self));
  g_object_notify_by_pspec (object, pspec);
}

static void
liaison_columns_layout_class_init (LiaisonColumnsLayoutClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkLayoutManagerClass *layout_class = GTK_LAYOUT_MANAGER_CLASS (klass);

  object_class->get_property = liaison_columns_layout_get_property;
  object_class->set_property = liaison_columns_layout_set_property;

  layout_class->get_request_mode = liaison_columns_layout_get_request_mode;
  layout_class->measure = liaison_columns_layout_measure;
  layout_class->allocate = liaison_columns_layout_allocate;

  properties[PROP_SPACING] =
    g_param_spec_int ("spacing", NULL, NULL, 0, G_MAXINT, 18,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * LiaisonColumnsLayout:min-column-width:
   *
   * Two columns need at least this width each; below, the children stack in one.
   */
  properties[PROP_MIN_COLUMN_WIDTH] =
    g_param_spec_int ("min-column-width", NULL, NULL, 0, G_MAXINT, 360,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_MAX_COLUMNS] =
    g_param_spec_int ("max-columns", NULL, NULL, 1, MAX_COLUMNS, 2,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
liaison_columns_layout_init (LiaisonColumnsLayout *self)
{
  self->spacing = 18;
  self->min_column_width = 360;
  self->max_columns = 2;
}

GtkLayoutManager *
liaison_columns_layout_new (void)
{
  return g_object_new (LIAISON_TYPE_COLUMNS_LAYOUT, NULL);
}

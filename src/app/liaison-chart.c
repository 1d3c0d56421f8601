/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-chart"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "liaison-chart.h"

/*
 * A bar chart drawn with GtkSnapshot: light grid lines with their values on the left,
 * one bar per period in the theme's accent colour, labels under the axis (every
 * second or fifth one when they would not fit), values over the bars when there is
 * room, and a tooltip per bar.  Colours come from the style, so dark mode and accent
 * changes follow.  Screen readers get the title as label and a summary with every
 * value as description.
 */

typedef struct {
  char   *label;
  char   *detail;
  gint64  value;
} Bar;

struct _LiaisonChart
{
  GtkWidget  parent_instance;

  char      *title;
  GArray    *bars;      /* of Bar */
  char      *summary;
  int        hovered;   /* the bar under the pointer, or -1 */
};

/* Where things go for the current size. */
typedef struct {
  graphene_rect_t plot;       /* the bars' area; the value 0 is at its bottom */
  float           slot;       /* width given to each bar */
  float           bar_width;
  gint64          max;        /* the highest value; 0 when every bar is empty */
  gint64          top;        /* the value at the top of the plot */
  gint64          step;       /* between two grid lines */
  guint           label_every;
  gboolean        show_values;
  int             line_height;
} Geometry;

G_DEFINE_FINAL_TYPE (LiaisonChart, liaison_chart, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_N_BARS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define MAX_BAR_WIDTH 48.f
#define AXIS_GAP 6
#define CORNER_RADIUS 3.f

static void
clear_bar (gpointer data)
{
  Bar *bar = data;

  g_free (bar->label);
  g_free (bar->detail);
}

static char *
format_count (gint64 value)
{
  /* The locale's digit grouping: 100,000 or 100 000. */
  return g_strdup_printf ("%'" G_GINT64_FORMAT, value);
}

static PangoLayout *
create_small_layout (GtkWidget  *widget,
                     const char *text)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (widget, text);
  g_autoptr(PangoAttrList) attrs = pango_attr_list_new ();

  pango_attr_list_insert (attrs, pango_attr_scale_new (PANGO_SCALE_SMALL));
  pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum=1"));
  pango_layout_set_attributes (layout, attrs);
  return layout;
}

static int
text_width (GtkWidget  *widget,
            const char *text,
            int        *height)
{
  g_autoptr(PangoLayout) layout = create_small_layout (widget, text);
  int width, h;

  pango_layout_get_pixel_size (layout, &width, &h);
  if (height)
    *height = h;
  return width;
}

/* A grid step of 1, 2 or 5 times a power of ten, for about four lines. */
static gint64
nice_step (gint64 max)
{
  double raw = MAX (1.0, (double) max / 4.0);
  double magnitude = pow (10.0, floor (log10 (raw)));
  double normal = raw / magnitude;
  double step;

  if (normal <= 1.0)
    step = 1.0;
  else if (normal <= 2.0)
    step = 2.0;
  else if (normal <= 5.0)
    step = 5.0;
  else
    step = 10.0;

  return MAX (1, (gint64) (step * magnitude));
}

static void
compute_geometry (LiaisonChart *self,
                  int           width,
                  int           height,
                  Geometry     *geometry)
{
  GtkWidget *widget = GTK_WIDGET (self);
  guint n = self->bars->len;
  gint64 max = 0;
  g_autofree char *top_text = NULL;
  int axis_width, widest_label = 0, widest_value = 0;
  float top_space;

  for (guint i = 0; i < n; i++)
    {
      const Bar *bar = &g_array_index (self->bars, Bar, i);
      g_autofree char *value = format_count (bar->value);

      max = MAX (max, bar->value);
      widest_label = MAX (widest_label, text_width (widget, bar->label, NULL));
      widest_value = MAX (widest_value, text_width (widget, value, NULL));
    }

  geometry->max = max;
  geometry->step = nice_step (max);
  geometry->top = MAX (geometry->step, ((max + geometry->step - 1) / geometry->step) * geometry->step);

  top_text = format_count (geometry->top);
  axis_width = text_width (widget, top_text, &geometry->line_height) + AXIS_GAP * 2;

  geometry->slot = n > 0 ? (float) (width - axis_width) / (float) n : 0.f;
  geometry->bar_width = MIN (geometry->slot * 0.7f, MAX_BAR_WIDTH);
  geometry->show_values = n > 0 && geometry->slot >= (float) widest_value + 2.f;
  geometry->label_every = 1;
  if (geometry->slot > 0.f)
    geometry->label_every = MAX (1, (guint) ceilf (((float) widest_label + 8.f) / geometry->slot));

  top_space = (float) geometry->line_height / 2.f;
  if (geometry->show_values)
    top_space = MAX (top_space, (float) geometry->line_height + 2.f);

  graphene_rect_init (&geometry->plot, (float) axis_width, top_space,
                      MAX (0.f, (float) (width - axis_width)),
                      MAX (0.f, (float) height - top_space - (float) geometry->line_height - AXIS_GAP));
}

/* The bar's rectangle; zero-high for 0, at least 2 pixels high otherwise. */
static void
get_bar_rect (const Geometry  *geometry,
              guint            index,
              gint64           value,
              graphene_rect_t *rect)
{
  float height = geometry->plot.size.height * (float) value / (float) geometry->top;
  float x = geometry->plot.origin.x + geometry->slot * (float) index + (geometry->slot - geometry->bar_width) / 2.f;

  if (value > 0)
    height = MAX (height, 2.f);
  graphene_rect_init (rect, x, geometry->plot.origin.y + geometry->plot.size.height - height,
                      geometry->bar_width, height);
}

static int
bar_at (LiaisonChart *self,
        double        x,
        Geometry     *geometry)
{
  int index;

  compute_geometry (self, gtk_widget_get_width (GTK_WIDGET (self)),
                    gtk_widget_get_height (GTK_WIDGET (self)), geometry);
  if (self->bars->len == 0 || geometry->slot <= 0.f || x < geometry->plot.origin.x)
    return -1;

  index = (int) (((float) x - geometry->plot.origin.x) / geometry->slot);
  return index < (int) self->bars->len ? index : -1;
}

static void
update_summary (LiaisonChart *self)
{
  g_autoptr(GString) summary = g_string_new (NULL);
  guint n = self->bars->len;
  const char *title = self->title ? self->title : "";

  if (n == 0)
    {
      /* Translators: the description of an empty chart; %s is its title */
      g_string_printf (summary, _("%s: nothing to show yet."), title);
    }
  else
    {
      const Bar *first = &g_array_index (self->bars, Bar, 0);
      const Bar *last = &g_array_index (self->bars, Bar, n - 1);
      const Bar *highest = first;
      g_autofree char *total_text = NULL;
      g_autofree char *highest_text = NULL;
      gint64 total = 0;

      for (guint i = 0; i < n; i++)
        {
          const Bar *bar = &g_array_index (self->bars, Bar, i);

          total += bar->value;
          if (bar->value > highest->value)
            highest = bar;
        }

      total_text = format_count (total);
      highest_text = format_count (highest->value);
      /* Translators: a chart's description for screen readers: its title, the first and
       * last period, the total, the highest value and its period, e.g.
       * "Agreements signed per year, 2019 to 2023: 12 in all; the most, 5, in 2021." */
      g_string_printf (summary, _("%s, %s to %s: %s in all; the most, %s, in %s."),
                       title, first->label, last->label, total_text, highest_text, highest->label);

      for (guint i = 0; i < n; i++)
        {
          const Bar *bar = &g_array_index (self->bars, Bar, i);
          g_autofree char *value = format_count (bar->value);

          /* Translators: separates the values of a chart's bars, "2019: 2, 2020: 5" */
          g_string_append (summary, i == 0 ? " " : C_("list separator", ", "));
          g_string_append_printf (summary, "%s: %s", bar->label, value);
        }
      g_string_append_c (summary, '.');
    }

  g_free (self->summary);
  self->summary = g_string_free (g_steal_pointer (&summary), FALSE);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, self->summary,
                                  -1);
}

static void
get_colors (LiaisonChart *self,
            GdkRGBA      *foreground,
            GdkRGBA      *accent)
{
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  GtkStyleContext *context = gtk_widget_get_style_context (GTK_WIDGET (self));

  gtk_style_context_get_color (context, foreground);
  if (!gtk_style_context_lookup_color (context, "accent_bg_color", accent))
    gdk_rgba_parse (accent, "#3584e4");
  G_GNUC_END_IGNORE_DEPRECATIONS
}

static void
append_text (GtkSnapshot   *snapshot,
             PangoLayout   *layout,
             float          x,
             float          y,
             const GdkRGBA *color)
{
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

/* Callbacks */

static void
motion_cb (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           LiaisonChart             *self)
{
  Geometry geometry;
  int index = bar_at (self, x, &geometry);

  if (index != self->hovered)
    {
      self->hovered = index;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static void
leave_cb (GtkEventControllerMotion *controller,
          LiaisonChart             *self)
{
  if (self->hovered != -1)
    {
      self->hovered = -1;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static gboolean
query_tooltip_cb (LiaisonChart *self,
                  int           x,
                  int           y,
                  gboolean      keyboard_mode,
                  GtkTooltip   *tooltip)
{
  Geometry geometry;
  const Bar *bar;
  int index;

  if (keyboard_mode)
    {
      gtk_tooltip_set_text (tooltip, self->summary);
      return self->bars->len > 0;
    }

  index = bar_at (self, x, &geometry);
  if (index < 0)
    return FALSE;

  bar = &g_array_index (self->bars, Bar, index);
  if (bar->detail != NULL)
    gtk_tooltip_set_text (tooltip, bar->detail);
  else
    {
      g_autofree char *value = format_count (bar->value);
      g_autofree char *text = g_strdup_printf ("%s: %s", bar->label, value);
      gtk_tooltip_set_text (tooltip, text);
    }
  gtk_tooltip_set_tip_area (tooltip,
                            &(GdkRectangle) { (int) (geometry.plot.origin.x + geometry.slot * (float) index),
                                              (int) geometry.plot.origin.y,
                                              MAX (1, (int) geometry.slot),
                                              MAX (1, (int) geometry.plot.size.height) });
  return TRUE;
}

/* GtkWidget */

static void
liaison_chart_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  LiaisonChart *self = LIAISON_CHART (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 160;
      *natural = MAX (320, (int) self->bars->len * 28 + 60);
    }
  else
    {
      *minimum = 120;
      *natural = 200;
    }
}

static void
liaison_chart_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  LiaisonChart *self = LIAISON_CHART (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  GdkRGBA foreground, accent, dim, grid, hover;
  Geometry geometry;

  get_colors (self, &foreground, &accent);
  dim = foreground;
  dim.alpha *= 0.7f;
  grid = foreground;
  grid.alpha *= 0.15f;
  hover = accent;
  hover.alpha *= 0.7f;

  if (self->bars->len == 0)
    {
      g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, _("Nothing to show yet"));
      int text_w, text_h;

      pango_layout_get_pixel_size (layout, &text_w, &text_h);
      append_text (snapshot, layout, (float) (width - text_w) / 2.f, (float) (height - text_h) / 2.f, &dim);
      return;
    }

  compute_geometry (self, width, height, &geometry);
  if (geometry.plot.size.height <= 0.f || geometry.slot <= 0.f)
    return;

  /* Grid lines and their values; only the base line when there is nothing to scale. */
  for (gint64 value = 0; value <= (geometry.max > 0 ? geometry.top : 0); value += geometry.step)
    {
      float y = geometry.plot.origin.y + geometry.plot.size.height
                - geometry.plot.size.height * (float) value / (float) geometry.top;
      g_autofree char *text = format_count (value);
      g_autoptr(PangoLayout) layout = create_small_layout (widget, text);
      int text_w, text_h;

      gtk_snapshot_append_color (snapshot, value == 0 ? &dim : &grid,
                                 &GRAPHENE_RECT_INIT (geometry.plot.origin.x, roundf (y) - (value == 0 ? 0.f : 0.5f),
                                                      geometry.plot.size.width, 1.f));
      pango_layout_get_pixel_size (layout, &text_w, &text_h);
      append_text (snapshot, layout, geometry.plot.origin.x - AXIS_GAP - (float) text_w,
                   y - (float) text_h / 2.f, &dim);
    }

  for (guint i = 0; i < self->bars->len; i++)
    {
      const Bar *bar = &g_array_index (self->bars, Bar, i);
      float center = geometry.plot.origin.x + geometry.slot * ((float) i + 0.5f);
      graphene_rect_t rect;

      get_bar_rect (&geometry, i, bar->value, &rect);
      if (rect.size.height > 0.f)
        {
          GskRoundedRect rounded;
          float radius = MIN (CORNER_RADIUS, MIN (rect.size.width, rect.size.height) / 2.f);

          gsk_rounded_rect_init (&rounded, &rect,
                                 &GRAPHENE_SIZE_INIT (radius, radius), &GRAPHENE_SIZE_INIT (radius, radius),
                                 &GRAPHENE_SIZE_INIT (0, 0), &GRAPHENE_SIZE_INIT (0, 0));
          gtk_snapshot_push_rounded_clip (snapshot, &rounded);
          gtk_snapshot_append_color (snapshot, (int) i == self->hovered ? &hover : &accent, &rect);
          gtk_snapshot_pop (snapshot);
        }

      if (geometry.show_values && bar->value > 0)
        {
          g_autofree char *text = format_count (bar->value);
          g_autoptr(PangoLayout) layout = create_small_layout (widget, text);
          int text_w, text_h;

          pango_layout_get_pixel_size (layout, &text_w, &text_h);
          append_text (snapshot, layout, center - (float) text_w / 2.f,
                       rect.origin.y - (float) text_h - 1.f, &dim);
        }

      /* Labels from the last bar backwards, so the latest period is always named. */
      if ((self->bars->len - 1 - i) % geometry.label_every == 0)
        {
          g_autoptr(PangoLayout) layout = create_small_layout (widget, bar->label);
          int text_w, text_h;

          pango_layout_get_pixel_size (layout, &text_w, &text_h);
          append_text (snapshot, layout, center - (float) text_w / 2.f,
                       geometry.plot.origin.y + geometry.plot.size.height + AXIS_GAP / 2.f,
                       (int) i == self->hovered ? &foreground : &dim);
        }
    }

  if (geometry.max == 0)
    {
      g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, _("None in this period"));
      int text_w, text_h;

      pango_layout_get_pixel_size (layout, &text_w, &text_h);
      append_text (snapshot, layout,
                   geometry.plot.origin.x + (geometry.plot.size.width - (float) text_w) / 2.f,
                   geometry.plot.origin.y + (geometry.plot.size.height - (float) text_h) / 2.f, &dim);
    }
}

/* GObject */

static void
liaison_chart_finalize (GObject *object)
{
  LiaisonChart *self = (LiaisonChart *)object;

  g_clear_pointer (&self->bars, g_array_unref);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->summary, g_free);

  G_OBJECT_CLASS (liaison_chart_parent_class)->finalize (object);
}

static void
liaison_chart_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  LiaisonChart *self = LIAISON_CHART (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_N_BARS:
      g_value_set_uint (value, self->bars->len);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liaison_chart_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  LiaisonChart *self = LIAISON_CHART (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      liaison_chart_set_title (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liaison_chart_class_init (LiaisonChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = liaison_chart_finalize;
  object_class->get_property = liaison_chart_get_property;
  object_class->set_property = liaison_chart_set_property;

  widget_class->measure = liaison_chart_measure;
  widget_class->snapshot = liaison_chart_snapshot;

  /**
   * LiaisonChart:title:
   *
   * What the chart shows; screen readers announce it as the chart's name.
   */
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_N_BARS] =
    g_param_spec_uint ("n-bars", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
liaison_chart_init (LiaisonChart *self)
{
  GtkEventController *motion = gtk_event_controller_motion_new ();

  self->bars = g_array_new (FALSE, TRUE, sizeof (Bar));
  g_array_set_clear_func (self->bars, clear_bar);
  self->hovered = -1;

  g_signal_connect (motion, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect (motion, "leave", G_CALLBACK (leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);

  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (query_tooltip_cb), NULL);

  update_summary (self);
}

/* Public API */

GtkWidget *
liaison_chart_new (void)
{
  return g_object_new (LIAISON_TYPE_CHART, NULL);
}

const char *
liaison_chart_get_title (LiaisonChart *self)
{
  g_return_val_if_fail (LIAISON_IS_CHART (self), NULL);
  return self->title;
}

void
liaison_chart_set_title (LiaisonChart *self,
                         const char   *title)
{
  g_return_if_fail (LIAISON_IS_CHART (self));

  if (g_strcmp0 (self->title, title) == 0)
    return;

  g_free (self->title);
  self->title = g_strdup (title);
  update_summary (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

/**
 * liaison_chart_set_bars:
 * @bars: (array length=n_bars): the bars, left to right; the chart copies them
 *
 * Replaces what the chart shows.
 */
void
liaison_chart_set_bars (LiaisonChart          *self,
                        const LiaisonChartBar *bars,
                        guint                  n_bars)
{
  guint old_n;

  g_return_if_fail (LIAISON_IS_CHART (self));
  g_return_if_fail (bars != NULL || n_bars == 0);

  old_n = self->bars->len;
  g_array_set_size (self->bars, 0);
  for (guint i = 0; i < n_bars; i++)
    {
      Bar bar = {
        .label = g_strdup (bars[i].label ? bars[i].label : ""),
        .detail = g_strdup (bars[i].detail),
        .value = MAX (0, bars[i].value),
      };
      g_array_append_val (self->bars, bar);
    }
  self->hovered = -1;

  update_summary (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  if (old_n != n_bars)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_BARS]);
}

guint
liaison_chart_get_n_bars (LiaisonChart *self)
{
  g_return_val_if_fail (LIAISON_IS_CHART (self), 0);
  return self->bars->len;
}

gint64
liaison_chart_get_value (LiaisonChart *self,
                         guint         index)
{
  g_return_val_if_fail (LIAISON_IS_CHART (self), 0);
  g_return_val_if_fail (index < self->bars->len, 0);
  return g_array_index (self->bars, Bar, index).value;
}

const char *
liaison_chart_get_label (LiaisonChart *self,
                         guint         index)
{
  g_return_val_if_fail (LIAISON_IS_CHART (self), NULL);
  g_return_val_if_fail (index < self->bars->len, NULL);
  return g_array_index (self->bars, Bar, index).label;
}

/**
 * liaison_chart_get_summary:
 *
 * Returns: the chart's accessible description: its title, range, total, highest
 *   value and every value
 */
const char *
liaison_chart_get_summary (LiaisonChart *self)
{
  g_return_val_if_fail (LIAISON_IS_CHART (self), NULL);
  return self->summary;
}

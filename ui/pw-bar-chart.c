/* pw-bar-chart.c
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A bar chart drawn with GtkSnapshot: categories along the bottom, a value
 * axis with gridlines on the left, and one bar per series in each
 * category, with a legend above when there is more than one series.
 * Values are written above the bars when every one of them fits.
 *
 * Colours are named colours of the theme ("success_color" …), the ones the
 * level badges use, so that the dark and high-contrast styles recolour the
 * bars; text and lines are drawn in the widget's own colour.  A single
 * series may colour each bar by its category instead.
 *
 * The chart is an image to assistive technologies: its owner gives it a
 * label and a description that states the data in words.  Hovering a
 * category shows its values in a tooltip.
 */

#define G_LOG_DOMAIN "pw-bar-chart"

#include "config.h"

#include <adwaita.h>
#include <math.h>
#include <string.h>

#include "pw-bar-chart.h"

#define MIN_AXIS_MAX   4
#define MAX_TICKS      4
#define TEXT_SCALE     0.83
#define GAP            3.0
#define SPACING        6.0
#define SWATCH_SIZE    10.0
#define LEGEND_SPACING 18.0
#define MAX_BAR_WIDTH  64.0
#define MAX_GROUPED    28.0
#define CORNER_RADIUS  4.0

struct _PwBarChart
{
  GtkWidget  parent_instance;

  GStrv      series;
  GStrv      series_colors;
  GStrv      bar_colors;
  GStrv      categories;
  GArray    *values;
  guint      axis_max;
  guint      axis_step;
  char      *description;
};

G_DEFINE_FINAL_TYPE (PwBarChart, pw_bar_chart, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_DESCRIPTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  GdkRGBA text;
  GdkRGBA grid;
  GdkRGBA axis;
} Palette;

/* Where everything goes, for one size of the widget. */
typedef struct
{
  double          legend_height;
  double          value_height;
  double          label_height;
  double          tick_width;
  graphene_rect_t plot;
  double          slot;
  double          bar_width;
  guint           label_every;
  gboolean        show_values;
} Geometry;

/* Helpers ---------------------------------------------------------------------- */

static guint
n_series (PwBarChart *self)
{
  return self->series != NULL ? g_strv_length (self->series) : 1;
}

static guint
n_categories (PwBarChart *self)
{
  return self->categories != NULL ? g_strv_length (self->categories) : 0;
}

static guint
value_at (PwBarChart *self,
          guint       category,
          guint       series)
{
  guint index = category * n_series (self) + series;

  if (self->values == NULL || index >= self->values->len)
    return 0;
  return g_array_index (self->values, guint, index);
}

/* A scale of 1, 2 or 5 times a power of ten, with at most MAX_TICKS steps. */
static void
pw_bar_chart_update_axis (PwBarChart *self)
{
  static const guint multipliers[] = { 1, 2, 5 };
  guint max = MIN_AXIS_MAX;
  guint power = 1;

  for (guint i = 0; self->values != NULL && i < self->values->len; i++)
    max = MAX (max, g_array_index (self->values, guint, i));

  for (guint i = 0;; i = (i + 1) % G_N_ELEMENTS (multipliers))
    {
      self->axis_step = multipliers[i] * power;
      if (max <= self->axis_step * MAX_TICKS)
        break;
      if (i == G_N_ELEMENTS (multipliers) - 1)
        power *= 10;
    }
  self->axis_max = (max + self->axis_step - 1) / self->axis_step * self->axis_step;
}

static PangoLayout *
new_layout (PwBarChart *self,
            const char *text)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  PangoAttrList *attrs = pango_attr_list_new ();

  pango_attr_list_insert (attrs, pango_attr_scale_new (TEXT_SCALE));
  pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum"));
  pango_layout_set_attributes (layout, attrs);
  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  pango_attr_list_unref (attrs);

  return layout;
}

static void
measure_text (PwBarChart *self,
              const char *text,
              int        *width,
              int        *height)
{
  g_autoptr(PangoLayout) layout = new_layout (self, text);

  pango_layout_get_pixel_size (layout, width, height);
}

static char *
format_count (guint value)
{
  return g_strdup_printf ("%'u", value);
}

static void
lookup_color (PwBarChart *self,
              const char *name,
              GdkRGBA    *color)
{
  GtkStyleContext *context = gtk_widget_get_style_context (GTK_WIDGET (self));

  if (name == NULL || !gtk_style_context_lookup_color (context, name, color))
    gtk_style_context_get_color (context, color);
}

static void
bar_color (PwBarChart *self,
           guint       category,
           guint       series,
           GdkRGBA    *color)
{
  if (self->bar_colors != NULL && category < g_strv_length (self->bar_colors))
    lookup_color (self, self->bar_colors[category], color);
  else if (self->series_colors != NULL && series < g_strv_length (self->series_colors))
    lookup_color (self, self->series_colors[series], color);
  else
    lookup_color (self, "accent_color", color);
}

/* Lines and labels in the text colour, fainter; stronger in high contrast. */
static void
get_palette (PwBarChart *self,
             Palette    *palette)
{
  gboolean high_contrast = adw_style_manager_get_high_contrast (adw_style_manager_get_default ());

  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (self)), &palette->text);
  palette->grid = palette->axis = palette->text;
  palette->text.alpha *= high_contrast ? 1.0 : 0.8;
  palette->grid.alpha *= high_contrast ? 0.5 : 0.12;
  palette->axis.alpha *= high_contrast ? 1.0 : 0.45;
}

/* Geometry --------------------------------------------------------------------- */

/* Lays the legend's entries out in rows no wider than @width; returns the
 * height of the rows, and each entry's place if @origins is not NULL. */
static double
layout_legend (PwBarChart      *self,
               double           width,
               graphene_point_t *origins)
{
  double x = 0, y = 0, row_height = 0;

  if (n_series (self) < 2)
    return 0;
  for (guint i = 0; self->series[i] != NULL; i++)
    {
      int text_width, text_height;
      double entry_width;

      measure_text (self, self->series[i], &text_width, &text_height);
      entry_width = SWATCH_SIZE + SPACING + text_width;
      if (x > 0 && x + entry_width > width)
        {
          x = 0;
          y += row_height + SPACING;
        }
      if (origins != NULL)
        origins[i] = GRAPHENE_POINT_INIT (x, y);
      row_height = MAX (row_height, text_height);
      x += entry_width + LEGEND_SPACING;
    }
  return y + row_height + 2 * SPACING;
}

static void
measure_labels (PwBarChart *self,
                Geometry   *geo,
                int        *widest_category)
{
  g_autofree char *top = format_count (self->axis_max);
  int width, height;

  measure_text (self, top, &width, &height);
  geo->tick_width = width + SPACING;
  geo->value_height = height + GAP;

  *widest_category = 0;
  geo->label_height = 0;
  for (guint i = 0; i < n_categories (self); i++)
    {
      measure_text (self, self->categories[i], &width, &height);
      *widest_category = MAX (*widest_category, width);
      geo->label_height = MAX (geo->label_height, height + SPACING);
    }
}

static void
place_bars (PwBarChart *self,
            Geometry   *geo)
{
  guint series = n_series (self);

  if (series == 1)
    geo->bar_width = MIN (geo->slot * 0.6, MAX_BAR_WIDTH);
  else
    geo->bar_width = MIN ((geo->slot * 0.8 - GAP * (series - 1)) / series, MAX_GROUPED);
  geo->bar_width = MAX (geo->bar_width, 1.0);
}

/* Values go above the bars only if every one of them fits its bar. */
static gboolean
values_fit (PwBarChart *self,
            double      bar_width)
{
  for (guint i = 0; self->values != NULL && i < self->values->len; i++)
    {
      g_autofree char *text = format_count (g_array_index (self->values, guint, i));
      int width, height;

      measure_text (self, text, &width, &height);
      if (width > bar_width + GAP)
        return FALSE;
    }
  return TRUE;
}

static void
compute_geometry (PwBarChart *self,
                  double      width,
                  double      height,
                  Geometry   *geo)
{
  int widest_category;
  guint count = MAX (n_categories (self), 1);

  memset (geo, 0, sizeof *geo);
  geo->legend_height = layout_legend (self, width, NULL);
  measure_labels (self, geo, &widest_category);

  geo->plot = GRAPHENE_RECT_INIT (geo->tick_width, geo->legend_height + geo->value_height,
                                  width - geo->tick_width,
                                  height - geo->legend_height - geo->value_height -
                                  geo->label_height);
  geo->slot = geo->plot.size.width / count;
  geo->label_every = (guint) ceil ((widest_category + SPACING) / MAX (geo->slot, 1.0));
  place_bars (self, geo);
  geo->show_values = values_fit (self, geo->bar_width);
}

static double
bar_left (PwBarChart     *self,
          const Geometry *geo,
          guint           category,
          guint           series)
{
  guint count = n_series (self);
  double group = count * geo->bar_width + (count - 1) * GAP;

  return geo->plot.origin.x + category * geo->slot + (geo->slot - group) / 2 +
         series * (geo->bar_width + GAP);
}

/* Drawing ---------------------------------------------------------------------- */

/* Draws @text with its top centre (or its right end, if @right) at x, y. */
static void
draw_text (PwBarChart    *self,
           GtkSnapshot   *snapshot,
           const char    *text,
           double         x,
           double         y,
           gboolean       right,
           const GdkRGBA *color)
{
  g_autoptr(PangoLayout) layout = new_layout (self, text);
  int width, height;

  pango_layout_get_pixel_size (layout, &width, &height);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot,
                          &GRAPHENE_POINT_INIT (round (right ? x - width : x - width / 2.0),
                                                round (y)));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

static void
draw_legend (PwBarChart     *self,
             GtkSnapshot    *snapshot,
             const Palette  *palette,
             const Geometry *geo)
{
  guint count = n_series (self);
  g_autofree graphene_point_t *origins = NULL;
  int text_width, text_height;

  if (count < 2)
    return;
  origins = g_new0 (graphene_point_t, count);
  layout_legend (self, gtk_widget_get_width (GTK_WIDGET (self)), origins);
  for (guint i = 0; i < count; i++)
    {
      GskRoundedRect swatch;
      GdkRGBA color;

      measure_text (self, self->series[i], &text_width, &text_height);
      bar_color (self, G_MAXUINT, i, &color);
      gsk_rounded_rect_init_from_rect (&swatch,
                                       &GRAPHENE_RECT_INIT (origins[i].x,
                                                            origins[i].y +
                                                            (text_height - SWATCH_SIZE) / 2,
                                                            SWATCH_SIZE, SWATCH_SIZE), 2);
      gtk_snapshot_push_rounded_clip (snapshot, &swatch);
      gtk_snapshot_append_color (snapshot, &color, &swatch.bounds);
      gtk_snapshot_pop (snapshot);
      draw_text (self, snapshot, self->series[i],
                 origins[i].x + SWATCH_SIZE + SPACING + text_width / 2.0, origins[i].y, FALSE,
                 &palette->text);
    }
}

static double
value_y (const Geometry *geo,
         PwBarChart     *self,
         guint           value)
{
  return geo->plot.origin.y + geo->plot.size.height -
         geo->plot.size.height * value / (double) self->axis_max;
}

static void
draw_grid (PwBarChart     *self,
           GtkSnapshot    *snapshot,
           const Palette  *palette,
           const Geometry *geo)
{
  int text_height;
  int text_width;

  measure_text (self, "0", &text_width, &text_height);
  for (guint tick = 0; tick <= self->axis_max; tick += self->axis_step)
    {
      g_autofree char *text = format_count (tick);
      double y = round (value_y (geo, self, tick));

      gtk_snapshot_append_color (snapshot, tick == 0 ? &palette->axis : &palette->grid,
                                 &GRAPHENE_RECT_INIT (geo->plot.origin.x, y - (tick == 0 ? 0 : 1),
                                                      geo->plot.size.width, 1));
      draw_text (self, snapshot, text, geo->plot.origin.x - SPACING, y - text_height / 2.0,
                 TRUE, &palette->text);
    }
}

/* A bar with rounded top corners, standing on the axis. */
static void
draw_bar (GtkSnapshot           *snapshot,
          const graphene_rect_t *rect,
          const GdkRGBA         *color)
{
  double radius = MIN (CORNER_RADIUS, MIN (rect->size.width / 2, rect->size.height));
  graphene_size_t round_corner = GRAPHENE_SIZE_INIT (radius, radius);
  graphene_size_t square = GRAPHENE_SIZE_INIT (0, 0);
  GskRoundedRect shape;

  gsk_rounded_rect_init (&shape, rect, &round_corner, &round_corner, &square, &square);
  gtk_snapshot_push_rounded_clip (snapshot, &shape);
  gtk_snapshot_append_color (snapshot, color, rect);
  gtk_snapshot_pop (snapshot);
}

static void
draw_category (PwBarChart     *self,
               GtkSnapshot    *snapshot,
               const Palette  *palette,
               const Geometry *geo,
               guint           category)
{
  int text_width, text_height;

  measure_text (self, "0", &text_width, &text_height);
  for (guint s = 0; s < n_series (self); s++)
    {
      guint value = value_at (self, category, s);
      double top = value_y (geo, self, value);
      double left = bar_left (self, geo, category, s);
      double base = geo->plot.origin.y + geo->plot.size.height;
      GdkRGBA color;

      if (value > 0)
        {
          bar_color (self, category, s, &color);
          top = MIN (top, base - 2);
          draw_bar (snapshot, &GRAPHENE_RECT_INIT (left, top, geo->bar_width, base - top), &color);
        }
      if (geo->show_values)
        {
          g_autofree char *text = format_count (value);

          draw_text (self, snapshot, text, left + geo->bar_width / 2, top - text_height - GAP / 2,
                     FALSE, &palette->text);
        }
    }
  if (category % geo->label_every == 0)
    draw_text (self, snapshot, self->categories[category],
               geo->plot.origin.x + (category + 0.5) * geo->slot,
               geo->plot.origin.y + geo->plot.size.height + SPACING, FALSE, &palette->text);
}

static void
pw_bar_chart_snapshot (GtkWidget   *widget,
                       GtkSnapshot *snapshot)
{
  PwBarChart *self = PW_BAR_CHART (widget);
  Palette palette;
  Geometry geo;

  if (n_categories (self) == 0)
    return;

  get_palette (self, &palette);
  compute_geometry (self, gtk_widget_get_width (widget), gtk_widget_get_height (widget), &geo);
  if (geo.plot.size.width < 1 || geo.plot.size.height < 1)
    return;

  draw_legend (self, snapshot, &palette, &geo);
  draw_grid (self, snapshot, &palette, &geo);
  for (guint i = 0; i < n_categories (self); i++)
    draw_category (self, snapshot, &palette, &geo, i);
}

/* Tooltip ---------------------------------------------------------------------- */

static char *
describe_category (PwBarChart *self,
                   guint       category)
{
  g_autofree char *name = g_strdelimit (g_strdup (self->categories[category]), "\n", ' ');
  GString *text = g_string_new (name);

  if (self->series == NULL)
    {
      g_string_append_printf (text, ": %'u", value_at (self, category, 0));
      return g_string_free (text, FALSE);
    }
  for (guint s = 0; self->series[s] != NULL; s++)
    g_string_append_printf (text, "\n%s: %'u", self->series[s], value_at (self, category, s));
  return g_string_free (text, FALSE);
}

static gboolean
pw_bar_chart_query_tooltip (GtkWidget  *widget,
                            int         x,
                            int         y,
                            gboolean    keyboard_mode,
                            GtkTooltip *tooltip)
{
  PwBarChart *self = PW_BAR_CHART (widget);
  g_autofree char *text = NULL;
  Geometry geo;
  int category;

  if (keyboard_mode || n_categories (self) == 0)
    return FALSE;

  compute_geometry (self, gtk_widget_get_width (widget), gtk_widget_get_height (widget), &geo);
  if (geo.slot <= 0 || x < geo.plot.origin.x)
    return FALSE;
  category = (int) ((x - geo.plot.origin.x) / geo.slot);
  if (category < 0 || (guint) category >= n_categories (self))
    return FALSE;

  text = describe_category (self, category);
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

/* GObject ---------------------------------------------------------------------- */

static void
pw_bar_chart_measure (GtkWidget      *widget,
                      GtkOrientation  orientation,
                      int             for_size,
                      int            *minimum,
                      int            *natural,
                      int            *minimum_baseline,
                      int            *natural_baseline)
{
  PwBarChart *self = PW_BAR_CHART (widget);
  int legend;

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 160;
      *natural = 320;
      return;
    }

  /* The legend takes more rows as the chart narrows. */
  legend = (int) ceil (layout_legend (self, for_size > 0 ? for_size : 320, NULL));
  *minimum = 160 + legend;
  *natural = 220 + legend;
}

static void
pw_bar_chart_finalize (GObject *object)
{
  PwBarChart *self = PW_BAR_CHART (object);

  g_strfreev (self->series);
  g_strfreev (self->series_colors);
  g_strfreev (self->bar_colors);
  g_strfreev (self->categories);
  g_clear_pointer (&self->values, g_array_unref);
  g_free (self->description);

  G_OBJECT_CLASS (pw_bar_chart_parent_class)->finalize (object);
}

static void
pw_bar_chart_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  PwBarChart *self = PW_BAR_CHART (object);

  switch (prop_id)
    {
    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pw_bar_chart_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  PwBarChart *self = PW_BAR_CHART (object);

  switch (prop_id)
    {
    case PROP_DESCRIPTION:
      pw_bar_chart_set_description (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pw_bar_chart_class_init (PwBarChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = pw_bar_chart_finalize;
  object_class->get_property = pw_bar_chart_get_property;
  object_class->set_property = pw_bar_chart_set_property;

  widget_class->measure = pw_bar_chart_measure;
  widget_class->snapshot = pw_bar_chart_snapshot;
  widget_class->query_tooltip = pw_bar_chart_query_tooltip;

  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "barchart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
pw_bar_chart_init (PwBarChart *self)
{
  AdwStyleManager *style_manager = adw_style_manager_get_default ();

  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  pw_bar_chart_update_axis (self);

  /* The named colours change with the style, the widget's own may not. */
  g_signal_connect_object (style_manager, "notify::dark",
                           G_CALLBACK (gtk_widget_queue_draw), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (style_manager, "notify::high-contrast",
                           G_CALLBACK (gtk_widget_queue_draw), self, G_CONNECT_SWAPPED);
}

/* Public API ------------------------------------------------------------------- */

GtkWidget *
pw_bar_chart_new (void)
{
  return g_object_new (PW_TYPE_BAR_CHART, NULL);
}

/**
 * pw_bar_chart_set_series:
 * @names: (array zero-terminated=1) (nullable): the series, for the legend
 *   and tooltips; %NULL for a single series without a legend
 * @colors: (array zero-terminated=1) (nullable): a named colour of the
 *   theme for each series, such as "success_color"
 *
 * Sets what each bar of a category stands for.  Drops the data.
 */
void
pw_bar_chart_set_series (PwBarChart         *self,
                         const char * const *names,
                         const char * const *colors)
{
  g_return_if_fail (PW_IS_BAR_CHART (self));

  g_strfreev (self->series);
  g_strfreev (self->series_colors);
  self->series = names != NULL && names[0] != NULL ? g_strdupv ((char **) names) : NULL;
  self->series_colors = g_strdupv ((char **) colors);
  pw_bar_chart_clear (self);
}

/**
 * pw_bar_chart_set_bar_colors:
 * @colors: (array zero-terminated=1) (nullable): a named colour of the
 *   theme for each category
 *
 * Colours each bar by its category rather than by its series.
 */
void
pw_bar_chart_set_bar_colors (PwBarChart         *self,
                             const char * const *colors)
{
  g_return_if_fail (PW_IS_BAR_CHART (self));

  g_strfreev (self->bar_colors);
  self->bar_colors = g_strdupv ((char **) colors);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * pw_bar_chart_set_data:
 * @categories: (array zero-terminated=1): the labels along the bottom; a
 *   label may have two lines
 * @values: (array): for each category in turn, a value for each series
 */
void
pw_bar_chart_set_data (PwBarChart         *self,
                       const char * const *categories,
                       const guint        *values)
{
  guint n_values;

  g_return_if_fail (PW_IS_BAR_CHART (self));
  g_return_if_fail (categories != NULL);
  g_return_if_fail (values != NULL);

  g_strfreev (self->categories);
  self->categories = g_strdupv ((char **) categories);
  n_values = n_categories (self) * n_series (self);
  g_clear_pointer (&self->values, g_array_unref);
  self->values = g_array_sized_new (FALSE, FALSE, sizeof (guint), n_values);
  g_array_append_vals (self->values, values, n_values);

  pw_bar_chart_update_axis (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

/**
 * pw_bar_chart_clear:
 *
 * Drops the data and the description: the chart shows nothing.
 */
void
pw_bar_chart_clear (PwBarChart *self)
{
  g_return_if_fail (PW_IS_BAR_CHART (self));

  g_clear_pointer (&self->categories, g_strfreev);
  g_clear_pointer (&self->values, g_array_unref);
  pw_bar_chart_update_axis (self);
  pw_bar_chart_set_description (self, NULL);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

guint
pw_bar_chart_get_n_series (PwBarChart *self)
{
  g_return_val_if_fail (PW_IS_BAR_CHART (self), 0);

  return n_series (self);
}

guint
pw_bar_chart_get_n_categories (PwBarChart *self)
{
  g_return_val_if_fail (PW_IS_BAR_CHART (self), 0);

  return n_categories (self);
}

guint
pw_bar_chart_get_value (PwBarChart *self,
                        guint       category,
                        guint       series)
{
  g_return_val_if_fail (PW_IS_BAR_CHART (self), 0);
  g_return_val_if_fail (category < n_categories (self), 0);
  g_return_val_if_fail (series < n_series (self), 0);

  return value_at (self, category, series);
}

/**
 * pw_bar_chart_get_axis_max:
 *
 * Returns: the value at the top of the axis, a round number at least as
 *   big as every value
 */
guint
pw_bar_chart_get_axis_max (PwBarChart *self)
{
  g_return_val_if_fail (PW_IS_BAR_CHART (self), 0);

  return self->axis_max;
}

const char *
pw_bar_chart_get_description (PwBarChart *self)
{
  g_return_val_if_fail (PW_IS_BAR_CHART (self), NULL);

  return self->description;
}

/**
 * pw_bar_chart_set_description:
 * @description: (nullable): the data in words, for people who cannot see
 *   the chart
 */
void
pw_bar_chart_set_description (PwBarChart *self,
                              const char *description)
{
  g_return_if_fail (PW_IS_BAR_CHART (self));

  if (g_strcmp0 (self->description, description) == 0)
    return;

  g_free (self->description);
  self->description = g_strdup (description);
  if (description != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description, -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DESCRIPTION]);
}

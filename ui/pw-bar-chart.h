/* pw-bar-chart.h
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define PW_TYPE_BAR_CHART (pw_bar_chart_get_type ())
G_DECLARE_FINAL_TYPE (PwBarChart, pw_bar_chart, PW, BAR_CHART, GtkWidget)

GtkWidget  *pw_bar_chart_new             (void);
void        pw_bar_chart_set_series      (PwBarChart         *self,
                                          const char * const *names,
                                          const char * const *colors);
void        pw_bar_chart_set_bar_colors  (PwBarChart         *self,
                                          const char * const *colors);
void        pw_bar_chart_set_data        (PwBarChart         *self,
                                          const char * const *categories,
                                          const guint        *values);
void        pw_bar_chart_clear           (PwBarChart         *self);
guint       pw_bar_chart_get_n_series    (PwBarChart         *self);
guint       pw_bar_chart_get_n_categories (PwBarChart        *self);
guint       pw_bar_chart_get_value       (PwBarChart         *self,
                                          guint               category,
                                          guint               series);
guint       pw_bar_chart_get_axis_max    (PwBarChart         *self);
const char *pw_bar_chart_get_description (PwBarChart         *self);
void        pw_bar_chart_set_description (PwBarChart         *self,
                                          const char         *description);

G_END_DECLS

/* pw-summary.h
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <cairo.h>
#include <pango/pango.h>

#include "pw-caseload.h"

G_BEGIN_DECLS

/* A4 in PostScript points, the size pw_summary_write_pdf() uses. */
#define PW_SUMMARY_A4_WIDTH  595.276
#define PW_SUMMARY_A4_HEIGHT 841.89

#define PW_TYPE_SUMMARY (pw_summary_get_type ())
G_DECLARE_FINAL_TYPE (PwSummary, pw_summary, PW, SUMMARY, GObject)

PwSummary   *pw_summary_new           (PwCaseload    *caseload,
                                       gint64         child_id,
                                       GError       **error);
const char  *pw_summary_get_title     (PwSummary     *self);
gboolean     pw_summary_paginate      (PwSummary     *self,
                                       double         page_width,
                                       double         page_height,
                                       PangoContext  *context,
                                       GError       **error);
guint        pw_summary_get_n_pages   (PwSummary     *self);
void         pw_summary_draw_page     (PwSummary     *self,
                                       cairo_t       *cr,
                                       guint          page);
gboolean     pw_summary_write_pdf     (PwSummary     *self,
                                       const char    *path,
                                       GError       **error);

G_END_DECLS

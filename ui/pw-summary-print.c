/* pw-summary-print.c
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Prints a child's case summary, the same document as `pathway-cli
 * summary` writes: PwSummary lays it out on the printer's page and draws
 * each page on the print context. */

#include "config.h"

#include <glib/gi18n.h>

#include "pw-summary.h"
#include "pw-summary-print.h"

static void
on_begin_print_cb (GtkPrintOperation *operation,
                   GtkPrintContext   *context,
                   PwSummary         *summary)
{
  PangoContext *pango = gtk_print_context_create_pango_context (context);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  ok = pw_summary_paginate (summary, gtk_print_context_get_width (context),
                            gtk_print_context_get_height (context), pango, &error);
  g_object_unref (pango);
  if (!ok)
    {
      g_warning ("The case summary could not be laid out: %s", error->message);
      gtk_print_operation_cancel (operation);
      return;
    }
  gtk_print_operation_set_n_pages (operation, pw_summary_get_n_pages (summary));
}

static void
on_draw_page_cb (GtkPrintOperation *operation,
                 GtkPrintContext   *context,
                 int                page,
                 PwSummary         *summary)
{
  pw_summary_draw_page (summary, gtk_print_context_get_cairo_context (context), page);
}

/**
 * pw_summary_print_operation_new:
 *
 * Returns: (transfer full): an operation, ready to run, that prints the
 *   case summary of the child with @child_id on A4
 */
GtkPrintOperation *
pw_summary_print_operation_new (PwCaseload  *caseload,
                                gint64       child_id,
                                GError     **error)
{
  g_autoptr(PwSummary) summary = pw_summary_new (caseload, child_id, error);
  g_autoptr(GtkPageSetup) setup = NULL;
  g_autoptr(GtkPaperSize) a4 = NULL;
  GtkPrintOperation *operation;

  if (summary == NULL)
    return NULL;
  operation = gtk_print_operation_new ();
  a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);
  setup = gtk_page_setup_new ();
  gtk_page_setup_set_paper_size_and_default_margins (setup, a4);
  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_job_name (operation, pw_summary_get_title (summary));
  g_signal_connect (operation, "begin-print", G_CALLBACK (on_begin_print_cb), summary);
  g_signal_connect (operation, "draw-page", G_CALLBACK (on_draw_page_cb), summary);
  g_object_set_data_full (G_OBJECT (operation), "pw-summary", g_steal_pointer (&summary),
                          g_object_unref);
  return operation;
}

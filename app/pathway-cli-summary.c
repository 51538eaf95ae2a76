/* pathway-cli-summary.c
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* pathway-cli summary: one child's case summary as a PDF file, for a TALC
 * or Intervention Circle meeting. */

#include "config.h"

#include "pathway-cli.h"
#include "pw-summary.h"

int
pw_cli_command_summary (Options  *options,
                        char    **args)
{
  g_autoptr(PwCaseload) caseload = NULL;
  g_autoptr(PwChild) child = NULL;
  g_autoptr(PwSummary) summary = NULL;
  GError *error = NULL;
  guint n_pages;

  if (options->child_upn == NULL)
    return pw_cli_usage_error ("--child is missing: give the child's UPN");
  if (options->out == NULL)
    return pw_cli_usage_error ("--out is missing: give the PDF file to write");
  caseload = pw_cli_open_caseload (args[0], options, &error);
  if (caseload == NULL)
    return pw_cli_fail (error);
  child = pw_caseload_find_child_by_upn (caseload, options->child_upn, &error);
  if (child == NULL && error != NULL)
    return pw_cli_fail (error);
  if (child == NULL)
    {
      g_printerr ("pathway-cli: --child: no child has the UPN “%s”\n", options->child_upn);
      return EXIT_INVALID;
    }
  summary = pw_summary_new (caseload, pw_record_get_id (PW_RECORD (child)), &error);
  if (summary == NULL || !pw_summary_write_pdf (summary, options->out, &error))
    return pw_cli_fail (error);
  n_pages = pw_summary_get_n_pages (summary);
  g_print ("Wrote %u %s to %s\n", n_pages, n_pages == 1 ? "page" : "pages", options->out);
  return EXIT_OK;
}

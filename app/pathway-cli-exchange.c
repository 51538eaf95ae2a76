/* pathway-cli-exchange.c
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* pathway-cli export and import: case files to and from the store. */

#include "config.h"

#include <sodium.h>
#include <stdio.h>

#include "pathway-cli.h"
#include "pw-export.h"
#include "pw-import.h"
#include "pw-seal.h"

/* export ---------------------------------------------------------------------------- */

int
pw_cli_command_export (Options  *options,
                       char    **args)
{
  g_autoptr(PwCaseload) caseload = NULL;
  g_autoptr(PwExportScope) scope = NULL;
  guint8 recipient[PW_SEAL_PUBLIC_KEY_BYTES];
  GError *error = NULL;
  guint n = 0;

  if (options->out == NULL)
    return pw_cli_usage_error ("--out is missing: give the file to write");
  scope = pw_export_scope_parse (options->scope, options->include_archived, &error);
  if (scope == NULL)
    return pw_cli_fail (error);
  if (options->seal_to != NULL && !pw_seal_read_public_key (options->seal_to, recipient, &error))
    return pw_cli_fail (error);
  caseload = pw_cli_open_caseload (args[0], options, &error);
  if (caseload == NULL ||
      !pw_export_to_file (caseload, scope, options->out,
                          options->seal_to != NULL ? recipient : NULL, &n, &error))
    return pw_cli_fail (error);
  g_print ("Exported %u %s to %s%s\n", n, n == 1 ? "child" : "children", options->out,
           options->seal_to != NULL ? ", sealed" : "");
  return EXIT_OK;
}

/* import ---------------------------------------------------------------------------- */

static const char *
action_name (PwImportAction action)
{
  static const char *const names[] = { "add", "merge", "refuse" };

  return names[action];
}

static void
print_child (PwImportChild *child)
{
  g_autofree char *who = child->upn != NULL
                         ? g_strdup_printf ("%s (%s)", child->name, child->upn)
                         : g_strdup (child->name);

  if (child->action == PW_IMPORT_REFUSE)
    g_print ("%-7s%s\n", action_name (child->action), who);
  else
    g_print ("%-7s%s: %u new %s, %u already here\n", action_name (child->action), who,
             child->n_added, child->n_added == 1 ? "record" : "records", child->n_unchanged);
  for (guint i = 0; i < child->notes->len; i++)
    g_print ("         %s\n", (const char *) child->notes->pdata[i]);
}

static int
print_report (PwImportReport *report, gboolean dry_run)
{
  for (guint i = 0; i < report->children->len; i++)
    print_child (report->children->pdata[i]);
  g_print ("%u to add, %u to merge, %u refused\n", report->n_added, report->n_merged,
           report->n_refused);
  if (dry_run)
    g_print ("Dry run: nothing was changed.\n");
  else if (!report->applied)
    g_print ("Nothing was imported: every child must be accepted for the import to go "
             "ahead.\n");
  else
    g_print ("Imported.\n");
  return report->n_refused > 0 ? EXIT_INVALID : EXIT_OK;
}

static PwImportReport *
import_sealed (PwCaseload *caseload, Options *options, const char *path, GError **error)
{
  guint8 *secret = sodium_malloc (PW_SEAL_SECRET_KEY_BYTES);
  guint8 signer[PW_SEAL_SIGNER_KEY_BYTES];
  PwImportReport *report = NULL;

  if (secret == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE,
                           "no locked memory left for the secret key");
      return NULL;
    }
  if (pw_seal_read_secret_key (options->key_file, secret, error) &&
      (options->signer == NULL || pw_seal_read_signer_key (options->signer, signer, error)))
    report = pw_import_sealed_file (caseload, path, secret,
                                    options->signer != NULL ? signer : NULL,
                                    options->dry_run, error);
  sodium_free (secret);
  return report;
}

int
pw_cli_command_import (Options  *options,
                       char    **args)
{
  g_autoptr(PwCaseload) caseload = NULL;
  g_autoptr(PwImportReport) report = NULL;
  GError *error = NULL;

  if (options->signer != NULL && options->key_file == NULL)
    return pw_cli_usage_error ("--signer is for sealed files: give --key too");
  caseload = pw_cli_open_caseload (args[0], options, &error);
  if (caseload == NULL)
    return pw_cli_fail (error);
  report = options->key_file != NULL
           ? import_sealed (caseload, options, args[1], &error)
           : pw_import_file (caseload, args[1], options->dry_run, &error);
  if (report == NULL)
    return pw_cli_fail (error);
  if (report->signed_by != NULL)
    g_print ("Signed by %s\n", report->signed_by);
  return print_report (report, options->dry_run);
}

/* test-cli-summary.c
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* `pathway-cli summary` as a forum coordinator's script would run it: a
 * PDF for the child with that UPN, and the exit codes of the other cases. */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "pw-test-cli.h"
#include "pw-test-util.h"

#define UPN "W916200124001"

static void
make_store (PwTestDir *td)
{
  g_auto(PwCliResult) init = { 0 };
  g_auto(PwCliResult) child = { 0 };

  pw_test_run_cli (&init, PW_TEST_PASSPHRASE "\n", "init", "--passphrase-file", "-",
                   "--kdf-seconds", "0.1", td->path, NULL);
  g_assert_cmpint (init.status, ==, 0);
  pw_test_run_cli (&child, PW_TEST_PASSPHRASE "\n", "child", "add", "--passphrase-file", "-",
                   td->path, "--legal-given-name", "Ada", "--legal-family-name", "Brook",
                   "--date-of-birth", "2016-03-14", "--sex", "F", "--upn", UPN, "--sen-provision",
                   "K", "--year-group", "5", "--setting", "Severn Reach Primary School",
                   "--lead-practitioner", "Jo Lead", "--level", "3", "--level-reason",
                   "Multi-agency plan agreed", "--decided-by", "TALC panel", NULL);
  g_assert_cmpint (child.status, ==, 0);
}

static char *
pdf_text (const char *path)
{
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  if (pdftotext == NULL)
    g_error ("pdftotext is missing: build-aux/install-deps.sh installs poppler-utils");
  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, pdftotext, "-layout",
                              path, "-", NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &text, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_successful (process));
  return text;
}

static void
test_summary_written (void)
{
  g_auto(PwCliResult) result = { 0 };
  g_autofree char *out = NULL;
  g_autofree char *head = NULL;
  g_autofree char *text = NULL;
  g_autofree char *lower = g_ascii_strdown (UPN, -1);
  PwTestDir td;

  pw_test_dir_init (&td);
  make_store (&td);
  out = g_build_filename (td.dir, "ada.pdf", NULL);
  /* The UPN is found whatever its case. */
  pw_test_run_cli (&result, PW_TEST_PASSPHRASE "\n", "summary", "--passphrase-file", "-",
                   "--child", lower, "--out", out, td.path, NULL);
  g_assert_cmpint (result.status, ==, 0);
  g_assert_true (g_regex_match_simple ("^Wrote [1-9][0-9]* pages? to .*ada\\.pdf\n$", result.out,
                                       0, 0));
  head = pw_test_read_file (out, NULL);
  g_assert_true (g_str_has_prefix (head, "%PDF-"));
  text = pdf_text (out);
  g_assert_nonnull (strstr (text, "Ada Brook"));
  g_assert_nonnull (strstr (text, UPN));
  g_assert_nonnull (strstr (text, "Level 3 · Intensive"));
  g_assert_nonnull (strstr (text, "Jo Lead"));
  pw_test_dir_clear (&td);
}

static void
test_summary_refused (void)
{
  g_auto(PwCliResult) no_out = { 0 };
  g_auto(PwCliResult) no_child = { 0 };
  g_auto(PwCliResult) unknown = { 0 };
  g_auto(PwCliResult) unwritable = { 0 };
  g_autofree char *out = NULL;
  g_autofree char *bad_out = NULL;
  PwTestDir td;

  pw_test_dir_init (&td);
  make_store (&td);
  out = g_build_filename (td.dir, "ada.pdf", NULL);

  pw_test_run_cli (&no_out, PW_TEST_PASSPHRASE "\n", "summary", "--passphrase-file", "-",
                   "--child", UPN, td.path, NULL);
  g_assert_cmpint (no_out.status, ==, 64);
  g_assert_nonnull (strstr (no_out.err, "--out"));

  pw_test_run_cli (&no_child, PW_TEST_PASSPHRASE "\n", "summary", "--passphrase-file", "-",
                   "--out", out, td.path, NULL);
  g_assert_cmpint (no_child.status, ==, 64);
  g_assert_nonnull (strstr (no_child.err, "--child"));

  pw_test_run_cli (&unknown, PW_TEST_PASSPHRASE "\n", "summary", "--passphrase-file", "-",
                   "--child", "A916200124999", "--out", out, td.path, NULL);
  g_assert_cmpint (unknown.status, ==, 65);
  g_assert_nonnull (strstr (unknown.err, "--child: no child has the UPN “A916200124999”"));

  bad_out = g_build_filename (td.dir, "missing", "ada.pdf", NULL);
  pw_test_run_cli (&unwritable, PW_TEST_PASSPHRASE "\n", "summary", "--passphrase-file", "-",
                   "--child", UPN, "--out", bad_out, td.path, NULL);
  g_assert_cmpint (unwritable.status, ==, 74);
  g_assert_nonnull (strstr (unwritable.err, bad_out));

  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  pw_test_dir_clear (&td);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  if (g_getenv ("PATHWAY_CLI") == NULL)
    {
      g_printerr ("PATHWAY_CLI must name the pathway-cli to test\n");
      return 1;
    }
  g_test_add_func ("/cli-summary/written", test_summary_written);
  g_test_add_func ("/cli-summary/refused", test_summary_refused);

  return g_test_run ();
}

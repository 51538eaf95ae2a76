/* test-cli-exchange.c
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Drives pathway-cli export and import as a SENCO or a council's script
 * would: the exit status, the file written or not, and the lines printed
 * for each child. */

#include "config.h"

#include <string.h>

#include "pw-identifiers.h"
#include "pw-test-cli.h"
#include "pw-test-util.h"

#define N_CHILDREN 12

/* Whether the tool said @needle, on either stream. */
static gboolean
said (PwCliResult *result, const char *needle)
{
  return strstr (result->out, needle) != NULL || strstr (result->err, needle) != NULL;
}

static void
assert_said (PwCliResult *result, const char *needle)
{
  if (!said (result, needle))
    g_test_message ("“%s” not in:\n%s%s", needle, result->out, result->err);
  g_assert_true (said (result, needle));
}

static void
assert_status (PwCliResult *result, int status)
{
  if (result->status != status)
    g_test_message ("pathway-cli said:\n%s%s", result->out, result->err);
  g_assert_cmpint (result->status, ==, status);
}

/* A school's store with invented children, an empty store to import into,
 * and the passphrase of both in a file. */
typedef struct
{
  PwTestDir td;
  char *source;
  char *passphrase;
  char *file;
} Fixture;

static char *
path_in (Fixture *f, const char *name)
{
  return g_build_filename (f->td.dir, name, NULL);
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_auto(PwCliResult) demo = { 0 };
  g_auto(PwCliResult) init = { 0 };
  g_autofree char *n = g_strdup_printf ("%u", N_CHILDREN);

  pw_test_dir_init (&f->td);
  f->source = path_in (f, "school.pathway");
  f->passphrase = path_in (f, "passphrase.txt");
  f->file = path_in (f, "cases.xml");
  pw_test_write_file (f->passphrase, PW_TEST_PASSPHRASE "\n", strlen (PW_TEST_PASSPHRASE) + 1);
  pw_test_run_cli (&demo, NULL, "demo", "--passphrase-file", f->passphrase, "--kdf-seconds",
                   "0.1", "--children", n, "--seed", "5", f->source, NULL);
  assert_status (&demo, 0);
  pw_test_run_cli (&init, NULL, "init", "--passphrase-file", f->passphrase, "--kdf-seconds",
                   "0.1", f->td.path, NULL);
  assert_status (&init, 0);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_free (f->source);
  g_free (f->passphrase);
  g_free (f->file);
  pw_test_dir_clear (&f->td);
}

/* The number `stats` gives for the active children of @store. */
static guint
count_children (Fixture *f, const char *store)
{
  g_auto(PwCliResult) stats = { 0 };
  g_autoptr(GRegex) regex = g_regex_new ("^Children +([0-9]+)$", G_REGEX_MULTILINE, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *number = NULL;

  pw_test_run_cli (&stats, NULL, "stats", "--passphrase-file", f->passphrase, store, NULL);
  assert_status (&stats, 0);
  g_assert_true (g_regex_match (regex, stats.out, 0, &match));
  number = g_match_info_fetch (match, 1);
  return (guint) g_ascii_strtoull (number, NULL, 10);
}

static void
export_all (Fixture *f)
{
  g_auto(PwCliResult) result = { 0 };

  pw_test_run_cli (&result, NULL, "export", "--passphrase-file", f->passphrase, f->source,
                   "--out", f->file, NULL);
  assert_status (&result, 0);
}

static guint
count_lines_starting (const char *text, const char *prefix)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  guint n = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    n += g_str_has_prefix (lines[i], prefix);
  return n;
}

/* export --------------------------------------------------------------------------- */

static void
test_export (Fixture *f, gconstpointer data)
{
  g_auto(PwCliResult) result = { 0 };
  g_autofree char *count = g_strdup_printf ("%u children", N_CHILDREN);

  g_assert_cmpuint (count_children (f, f->source), ==, N_CHILDREN);
  pw_test_run_cli (&result, NULL, "export", "--passphrase-file", f->passphrase, f->source,
                   "--out", f->file, NULL);
  assert_status (&result, 0);
  g_assert_true (g_file_test (f->file, G_FILE_TEST_IS_REGULAR));
  assert_said (&result, count);
  g_assert_true (pw_test_file_contains (f->file, "<pathway"));
}

static void
test_export_bad_scope (Fixture *f, gconstpointer data)
{
  g_auto(PwCliResult) result = { 0 };

  pw_test_run_cli (&result, NULL, "export", "--passphrase-file", f->passphrase, f->source,
                   "--out", f->file, "--scope", "level=9", NULL);
  assert_status (&result, 65);
  assert_said (&result, "Scope");
  g_assert_false (g_file_test (f->file, G_FILE_TEST_EXISTS));
}

static void
test_export_without_out (Fixture *f, gconstpointer data)
{
  g_auto(PwCliResult) result = { 0 };

  pw_test_run_cli (&result, NULL, "export", "--passphrase-file", f->passphrase, f->source, NULL);
  assert_status (&result, 64);
  assert_said (&result, "--out");
}

/* import --------------------------------------------------------------------------- */

static void
test_import_dry_run (Fixture *f, gconstpointer data)
{
  g_auto(PwCliResult) result = { 0 };
  g_autofree char *summary = g_strdup_printf ("%u to add, 0 to merge, 0 refused", N_CHILDREN);

  export_all (f);
  pw_test_run_cli (&result, NULL, "import", "--passphrase-file", f->passphrase, f->td.path,
                   f->file, "--dry-run", NULL);
  assert_status (&result, 0);
  assert_said (&result, summary);
  assert_said (&result, "Dry run");
  g_assert_cmpuint (count_lines_starting (result.out, "add "), ==, N_CHILDREN);
  g_assert_cmpuint (count_children (f, f->td.path), ==, 0);
}

static void
test_import (Fixture *f, gconstpointer data)
{
  g_auto(PwCliResult) result = { 0 };
  g_auto(PwCliResult) again = { 0 };
  g_autofree char *merged = g_strdup_printf ("0 to add, %u to merge, 0 refused", N_CHILDREN);

  export_all (f);
  pw_test_run_cli (&result, NULL, "import", "--passphrase-file", f->passphrase, f->td.path,
                   f->file, NULL);
  assert_status (&result, 0);
  assert_said (&result, "Imported.");
  g_assert_cmpuint (count_children (f, f->td.path), ==, N_CHILDREN);

  /* The same file again: every child is here already. */
  pw_test_run_cli (&again, NULL, "import", "--passphrase-file", f->passphrase, f->td.path,
                   f->file, NULL);
  assert_status (&again, 0);
  assert_said (&again, merged);
  g_assert_cmpuint (count_lines_starting (again.out, "merge "), ==, N_CHILDREN);
  g_assert_cmpuint (count_children (f, f->td.path), ==, N_CHILDREN);
}

/* Gives the first child's UPN in the file a check letter that does not fit. */
static void
break_first_upn (const char *path)
{
  g_autofree char *text = pw_test_read_file (path, NULL);
  char *upn = strstr (text, "<upn>");

  g_assert_nonnull (upn);
  upn += strlen ("<upn>");
  for (char letter = 'A'; letter <= 'Z'; letter++)
    {
      g_autofree char *candidate = g_strndup (upn, 13);
      gboolean temporary = FALSE;

      candidate[0] = letter;
      if (!pw_upn_validate (candidate, &temporary, NULL))
        {
          upn[0] = letter;
          pw_test_write_file (path, text, strlen (text));
          return;
        }
    }
  g_assert_not_reached ();
}

static void
test_import_refused (Fixture *f, gconstpointer data)
{
  g_auto(PwCliResult) result = { 0 };
  g_autofree char *summary = g_strdup_printf ("%u to add, 0 to merge, 1 refused",
                                              N_CHILDREN - 1);

  export_all (f);
  break_first_upn (f->file);
  pw_test_run_cli (&result, NULL, "import", "--passphrase-file", f->passphrase, f->td.path,
                   f->file, NULL);
  assert_status (&result, 65);
  assert_said (&result, summary);
  assert_said (&result, "Nothing was imported");
  g_assert_cmpuint (count_lines_starting (result.out, "refuse "), ==, 1);
  g_assert_cmpuint (count_children (f, f->td.path), ==, 0);
}

static void
test_import_sealed (Fixture *f, gconstpointer data)
{
  g_auto(PwCliResult) keygen = { 0 };
  g_auto(PwCliResult) signer = { 0 };
  g_auto(PwCliResult) exported = { 0 };
  g_auto(PwCliResult) imported = { 0 };
  g_autofree char *council = path_in (f, "council");
  g_autofree char *public_path = path_in (f, "council.pub");
  g_autofree char *secret_path = path_in (f, "council.key");
  g_autofree char *signer_path = path_in (f, "school.signer");
  g_autofree char *sealed = path_in (f, "cases.sealed");

  pw_test_run_cli (&keygen, NULL, "keygen", council, NULL);
  assert_status (&keygen, 0);
  pw_test_run_cli (&signer, NULL, "signer", "--passphrase-file", f->passphrase, "--out",
                   signer_path, f->source, NULL);
  assert_status (&signer, 0);

  pw_test_run_cli (&exported, NULL, "export", "--passphrase-file", f->passphrase, f->source,
                   "--out", sealed, "--seal-to", public_path, NULL);
  assert_status (&exported, 0);
  g_assert_false (pw_test_file_contains (sealed, "<child"));

  pw_test_run_cli (&imported, NULL, "import", "--passphrase-file", f->passphrase, f->td.path,
                   sealed, "--key", secret_path, "--signer", signer_path, NULL);
  assert_status (&imported, 0);
  assert_said (&imported, "Signed by");
  assert_said (&imported, "Imported.");
  g_assert_cmpuint (count_children (f, f->td.path), ==, N_CHILDREN);
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
#define ADD(path, func) \
  g_test_add ("/cli-exchange/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("export", test_export);
  ADD ("export-bad-scope", test_export_bad_scope);
  ADD ("export-without-out", test_export_without_out);
  ADD ("import-dry-run", test_import_dry_run);
  ADD ("import", test_import);
  ADD ("import-refused", test_import_refused);
  ADD ("import-sealed", test_import_sealed);
#undef ADD

  return g_test_run ();
}

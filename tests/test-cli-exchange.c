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
#include "pw-test-util.h"

#define N_CHILDREN 12

typedef struct
{
  int status;
  char *out;
  char *err;
} CliResult;

static void
cli_result_clear (CliResult *result)
{
  g_clear_pointer (&result->out, g_free);
  g_clear_pointer (&result->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CliResult, cli_result_clear)

/* Runs pathway-cli with nothing on standard input; the argument list ends
 * in NULL. */
static void
run_cli (CliResult *result, ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  const char *arg;
  va_list args;

  g_ptr_array_add (argv, (gpointer) g_getenv ("PATHWAY_CLI"));
  va_start (args, result);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_set_stdin_file_path (launcher, "/dev/null");
  process = g_subprocess_launcher_spawnv (launcher, (const char *const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &result->out, &result->err, &error);
  g_assert_no_error (error);
  result->status = g_subprocess_get_exit_status (process);
}

/* Whether the tool said @needle, on either stream. */
static gboolean
said (CliResult *result, const char *needle)
{
  return strstr (result->out, needle) != NULL || strstr (result->err, needle) != NULL;
}

static void
assert_said (CliResult *result, const char *needle)
{
  if (!said (result, needle))
    g_test_message ("“%s” not in:\n%s%s", needle, result->out, result->err);
  g_assert_true (said (result, needle));
}

static void
assert_status (CliResult *result, int status)
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
  g_auto(CliResult) demo = { 0 };
  g_auto(CliResult) init = { 0 };
  g_autofree char *n = g_strdup_printf ("%u", N_CHILDREN);

  pw_test_dir_init (&f->td);
  f->source = path_in (f, "school.pathway");
  f->passphrase = path_in (f, "passphrase.txt");
  f->file = path_in (f, "cases.xml");
  pw_test_write_file (f->passphrase, PW_TEST_PASSPHRASE "\n", strlen (PW_TEST_PASSPHRASE) + 1);
  run_cli (&demo, "demo", "--passphrase-file", f->passphrase, "--kdf-seconds", "0.1",
           "--children", n, "--seed", "5", f->source, NULL);
  assert_status (&demo, 0);
  run_cli (&init, "init", "--passphrase-file", f->passphrase, "--kdf-seconds", "0.1",
           f->td.path, NULL);
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
  g_auto(CliResult) stats = { 0 };
  g_autoptr(GRegex) regex = g_regex_new ("^Children +([0-9]+)$", G_REGEX_MULTILINE, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *number = NULL;

  run_cli (&stats, "stats", "--passphrase-file", f->passphrase, store, NULL);
  assert_status (&stats, 0);
  g_assert_true (g_regex_match (regex, stats.out, 0, &match));
  number = g_match_info_fetch (match, 1);
  return (guint) g_ascii_strtoull (number, NULL, 10);
}

static void
export_all (Fixture *f)
{
  g_auto(CliResult) result = { 0 };

  run_cli (&result, "export", "--passphrase-file", f->passphrase, f->source,
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
  g_auto(CliResult) result = { 0 };
  g_autofree char *count = g_strdup_printf ("%u children", N_CHILDREN);

  g_assert_cmpuint (count_children (f, f->source), ==, N_CHILDREN);
  run_cli (&result, "export", "--passphrase-file", f->passphrase, f->source,
           "--out", f->file, NULL);
  assert_status (&result, 0);
  g_assert_true (g_file_test (f->file, G_FILE_TEST_IS_REGULAR));
  assert_said (&result, count);
  g_assert_true (pw_test_file_contains (f->file, "<pathway"));
}

static void
test_export_bad_scope (Fixture *f, gconstpointer data)
{
  g_auto(CliResult) result = { 0 };

  run_cli (&result, "export", "--passphrase-file", f->passphrase, f->source,
           "--out", f->file, "--scope", "level=9", NULL);
  assert_status (&result, 65);
  assert_said (&result, "Scope");
  g_assert_false (g_file_test (f->file, G_FILE_TEST_EXISTS));
}

static void
test_export_without_out (Fixture *f, gconstpointer data)
{
  g_auto(CliResult) result = { 0 };

  run_cli (&result, "export", "--passphrase-file", f->passphrase, f->source, NULL);
  assert_status (&result, 64);
  assert_said (&result, "--out");
}

/* import --------------------------------------------------------------------------- */

static void
test_import_dry_run (Fixture *f, gconstpointer data)
{
  g_auto(CliResult) result = { 0 };
  g_autofree char *summary = g_strdup_printf ("%u to add, 0 to merge, 0 refused", N_CHILDREN);

  export_all (f);
  run_cli (&result, "import", "--passphrase-file", f->passphrase, f->td.path, f->file,
           "--dry-run", NULL);
  assert_status (&result, 0);
  assert_said (&result, summary);
  assert_said (&result, "Dry run");
  g_assert_cmpuint (count_lines_starting (result.out, "add "), ==, N_CHILDREN);
  g_assert_cmpuint (count_children (f, f->td.path), ==, 0);
}

static void
test_import (Fixture *f, gconstpointer data)
{
  g_auto(CliResult) result = { 0 };
  g_auto(CliResult) again = { 0 };
  g_autofree char *merged = g_strdup_printf ("0 to add, %u to merge, 0 refused", N_CHILDREN);

  export_all (f);
  run_cli (&result, "import", "--passphrase-file", f->passphrase, f->td.path, f->file, NULL);
  assert_status (&result, 0);
  assert_said (&result, "Imported.");
  g_assert_cmpuint (count_children (f, f->td.path), ==, N_CHILDREN);

  /* The same file again: every child is here already. */
  run_cli (&again, "import", "--passphrase-file", f->passphrase, f->td.path, f->file, NULL);
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
  g_auto(CliResult) result = { 0 };
  g_autofree char *summary = g_strdup_printf ("%u to add, 0 to merge, 1 refused",
                                              N_CHILDREN - 1);

  export_all (f);
  break_first_upn (f->file);
  run_cli (&result, "import", "--passphrase-file", f->passphrase, f->td.path, f->file, NULL);
  assert_status (&result, 65);
  assert_said (&result, summary);
  assert_said (&result, "Nothing was imported");
  g_assert_cmpuint (count_lines_starting (result.out, "refuse "), ==, 1);
  g_assert_cmpuint (count_children (f, f->td.path), ==, 0);
}

static void
test_import_sealed (Fixture *f, gconstpointer data)
{
  g_auto(CliResult) keygen = { 0 };
  g_auto(CliResult) signer = { 0 };
  g_auto(CliResult) exported = { 0 };
  g_auto(CliResult) imported = { 0 };
  g_autofree char *council = path_in (f, "council");
  g_autofree char *public_path = path_in (f, "council.pub");
  g_autofree char *secret_path = path_in (f, "council.key");
  g_autofree char *signer_path = path_in (f, "school.signer");
  g_autofree char *sealed = path_in (f, "cases.sealed");

  run_cli (&keygen, "keygen", council, NULL);
  assert_status (&keygen, 0);
  run_cli (&signer, "signer", "--passphrase-file", f->passphrase, "--out", signer_path,
           f->source, NULL);
  assert_status (&signer, 0);

  run_cli (&exported, "export", "--passphrase-file", f->passphrase, f->source,
           "--out", sealed, "--seal-to", public_path, NULL);
  assert_status (&exported, 0);
  g_assert_false (pw_test_file_contains (sealed, "<child"));

  run_cli (&imported, "import", "--passphrase-file", f->passphrase, f->td.path, sealed,
           "--key", secret_path, "--signer", signer_path, NULL);
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

/* test-cli.c
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Drives the shipped pathway-cli as a script or a council's system would. */

#include "config.h"

#include <glib/gstdio.h>
#include <unistd.h>

#include <string.h>

#include "pw-caseload.h"
#include "pw-test-cli.h"
#include "pw-test-util.h"

static char *
recovery_key_from (const char *out)
{
  g_autoptr(GRegex) regex = g_regex_new ("([0-9A-Z]{5}-){7}[0-9A-Z]{5}", 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;

  g_assert_true (g_regex_match (regex, out, 0, &match));
  return g_match_info_fetch (match, 0);
}

static char *
write_secret_file (PwTestDir *td, const char *name, const char *secret)
{
  char *path = g_build_filename (td->dir, name, NULL);
  g_autofree char *line = g_strconcat (secret, "\n", NULL);

  pw_test_write_file (path, line, strlen (line));
  return path;
}

static void
init_store (PwTestDir *td, char **recovery_key)
{
  g_auto(PwCliResult) result = { 0 };

  pw_test_run_cli (&result, PW_TEST_PASSPHRASE "\n", "init", "--passphrase-file", "-",
                   "--kdf-seconds", "0.1", td->path, NULL);
  g_assert_cmpint (result.status, ==, 0);
  g_assert_nonnull (strstr (result.out, "Created the store"));
  *recovery_key = recovery_key_from (result.out);
}

static void
test_init_info_verify (void)
{
  g_auto(PwCliResult) info = { 0 };
  g_auto(PwCliResult) verify = { 0 };
  g_autofree char *recovery = NULL;
  PwTestDir td;

  pw_test_dir_init (&td);
  init_store (&td, &recovery);

  pw_test_run_cli (&info, NULL, "info", td.path, NULL);
  g_assert_cmpint (info.status, ==, 0);
  g_assert_nonnull (strstr (info.out, "Format version: 1"));
  g_assert_nonnull (strstr (info.out, "Key slot 0: passphrase (Argon2id"));
  g_assert_nonnull (strstr (info.out, "Key slot 1: recovery key"));
  g_assert_null (strstr (info.out, recovery));

  pw_test_run_cli (&verify, PW_TEST_PASSPHRASE "\n", "verify", "--passphrase-file", "-", td.path,
                   NULL);
  g_assert_cmpint (verify.status, ==, 0);
  g_assert_nonnull (strstr (verify.out, "intact"));
  pw_test_dir_clear (&td);
}

static void
test_wrong_passphrase_and_recovery (void)
{
  g_auto(PwCliResult) wrong = { 0 };
  g_auto(PwCliResult) with_key = { 0 };
  g_autofree char *recovery = NULL;
  g_autofree char *key_file = NULL;
  PwTestDir td;

  pw_test_dir_init (&td);
  init_store (&td, &recovery);

  pw_test_run_cli (&wrong, "not the passphrase\n", "verify", "--passphrase-file", "-", td.path,
                   NULL);
  g_assert_cmpint (wrong.status, ==, 77);
  g_assert_nonnull (strstr (wrong.err, "passphrase is not correct"));

  key_file = write_secret_file (&td, "recovery.txt", recovery);
  pw_test_run_cli (&with_key, NULL, "verify", "--recovery-key-file", key_file, td.path, NULL);
  g_assert_cmpint (with_key.status, ==, 0);
  pw_test_dir_clear (&td);
}

static void
test_passwd (void)
{
  g_auto(PwCliResult) change = { 0 };
  g_auto(PwCliResult) old = { 0 };
  g_auto(PwCliResult) new = { 0 };
  g_autofree char *recovery = NULL;
  PwTestDir td;

  pw_test_dir_init (&td);
  init_store (&td, &recovery);

  /* Both secrets on standard input, one a line. */
  pw_test_run_cli (&change, PW_TEST_PASSPHRASE "\nthe summer term passphrase\n", "passwd",
                   "--passphrase-file", "-", "--new-passphrase-file", "-", td.path, NULL);
  g_assert_cmpint (change.status, ==, 0);

  pw_test_run_cli (&old, PW_TEST_PASSPHRASE "\n", "verify", "--passphrase-file", "-", td.path,
                   NULL);
  g_assert_cmpint (old.status, ==, 77);
  pw_test_run_cli (&new, "the summer term passphrase\n", "verify", "--passphrase-file", "-",
                   td.path, NULL);
  g_assert_cmpint (new.status, ==, 0);
  pw_test_dir_clear (&td);
}

static void
test_replace_recovery_key (void)
{
  g_auto(PwCliResult) replace = { 0 };
  g_auto(PwCliResult) old = { 0 };
  g_auto(PwCliResult) new = { 0 };
  g_autofree char *recovery = NULL;
  g_autofree char *new_recovery = NULL;
  g_autofree char *old_file = NULL;
  g_autofree char *new_file = NULL;
  PwTestDir td;

  pw_test_dir_init (&td);
  init_store (&td, &recovery);
  pw_test_run_cli (&replace, PW_TEST_PASSPHRASE "\n", "recovery", "--passphrase-file", "-",
                   td.path, NULL);
  g_assert_cmpint (replace.status, ==, 0);
  new_recovery = recovery_key_from (replace.out);
  g_assert_cmpstr (new_recovery, !=, recovery);

  old_file = write_secret_file (&td, "old.txt", recovery);
  new_file = write_secret_file (&td, "new.txt", new_recovery);
  pw_test_run_cli (&old, NULL, "verify", "--recovery-key-file", old_file, td.path, NULL);
  g_assert_cmpint (old.status, ==, 77);
  pw_test_run_cli (&new, NULL, "verify", "--recovery-key-file", new_file, td.path, NULL);
  g_assert_cmpint (new.status, ==, 0);
  pw_test_dir_clear (&td);
}

static void
test_exit_codes (void)
{
  g_auto(PwCliResult) usage = { 0 };
  g_auto(PwCliResult) argv_secret = { 0 };
  g_auto(PwCliResult) not_store = { 0 };
  g_auto(PwCliResult) missing = { 0 };
  g_auto(PwCliResult) weak = { 0 };
  g_autofree char *weak_path = NULL;
  PwTestDir td;

  pw_test_dir_init (&td);
  pw_test_run_cli (&usage, NULL, "frobnicate", td.path, NULL);
  g_assert_cmpint (usage.status, ==, 64);

  /* There is no way to give a passphrase in argv. */
  pw_test_run_cli (&argv_secret, NULL, "init", "--passphrase", "hunter2hunter2", td.path, NULL);
  g_assert_cmpint (argv_secret.status, ==, 64);
  g_assert_false (g_file_test (td.path, G_FILE_TEST_EXISTS));

  pw_test_run_cli (&missing, NULL, "info", td.path, NULL);
  g_assert_cmpint (missing.status, ==, 74);

  pw_test_write_file (td.path, "just some notes, not a store", 28);
  pw_test_run_cli (&not_store, NULL, "info", td.path, NULL);
  g_assert_cmpint (not_store.status, ==, 69);
  g_assert_nonnull (strstr (not_store.err, "not a Pathway store"));

  weak_path = g_build_filename (td.dir, "weak.pathway", NULL);
  pw_test_run_cli (&weak, "short\n", "init", "--passphrase-file", "-", "--kdf-seconds", "0.1",
                   weak_path, NULL);
  g_assert_cmpint (weak.status, ==, 65);
  g_assert_nonnull (strstr (weak.err, "passphrase: must be at least 8 characters"));
  pw_test_dir_clear (&td);
}

static void
test_tampered_and_busy (void)
{
  g_auto(PwCliResult) tampered = { 0 };
  g_auto(PwCliResult) busy = { 0 };
  g_autoptr(PwStore) store = NULL;
  g_autofree char *recovery = NULL;
  PwTestDir td;

  pw_test_dir_init (&td);
  init_store (&td, &recovery);

  /* While this process has it open, the tool is told it is in use. */
  store = pw_test_reopen (td.path, PW_TEST_PASSPHRASE);
  pw_test_create_rows (store, 200, "MARKER");
  pw_test_run_cli (&busy, PW_TEST_PASSPHRASE "\n", "verify", "--passphrase-file", "-", td.path,
                   NULL);
  g_assert_cmpint (busy.status, ==, 75);
  g_assert_nonnull (strstr (busy.err, "open in another program"));
  g_clear_object (&store);

  pw_test_flip_byte (td.path, 4096 + 2 * 4096 + 700);  /* page 3 */
  pw_test_run_cli (&tampered, PW_TEST_PASSPHRASE "\n", "verify", "--passphrase-file", "-",
                   td.path, NULL);
  g_assert_cmpint (tampered.status, ==, 76);
  g_assert_nonnull (strstr (tampered.err, "Page 3"));
  pw_test_dir_clear (&td);
}

/* A store whose key slot costs less than INTERACTIVE was made by a test
 * build or edited by someone: the shipped tool refuses to derive with it. */
static void
test_refuses_cheap_key_derivation (void)
{
  g_auto(PwCliResult) result = { 0 };
  g_autoptr(PwStore) store = NULL;
  PwTestDir td;

  pw_test_dir_init (&td);
  store = pw_test_create_store (td.path, NULL);
  g_clear_object (&store);
  pw_test_run_cli (&result, PW_TEST_PASSPHRASE "\n", "verify", "--passphrase-file", "-", td.path,
                   NULL);
  g_assert_cmpint (result.status, ==, 76);
  g_assert_nonnull (strstr (result.err, "key-derivation settings outside the accepted range"));
  pw_test_dir_clear (&td);
}

/* Demo data, stats and search ------------------------------------------------------ */

/* The number on the line of `stats` output that starts with @label. */
static guint
stats_value (const char *out, const char *label)
{
  g_auto(GStrv) lines = g_strsplit (out, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], label))
      return (guint) g_ascii_strtoull (g_strchug (lines[i] + strlen (label)), NULL, 10);
  g_assert_not_reached ();
}

static guint
count_children (PwTestDir *td)
{
  g_auto(PwCliResult) stats = { 0 };

  pw_test_run_cli (&stats, PW_TEST_PASSPHRASE "\n", "stats", "--passphrase-file", "-", td->path,
                   NULL);
  g_assert_cmpint (stats.status, ==, 0);
  return stats_value (stats.out, "Children");
}

static void
test_demo_and_stats (void)
{
  g_auto(PwCliResult) create = { 0 };
  g_auto(PwCliResult) more = { 0 };
  g_auto(PwCliResult) stats = { 0 };
  g_auto(PwCliResult) verify = { 0 };
  PwTestDir td;

  pw_test_dir_init (&td);
  pw_test_run_cli (&create, PW_TEST_PASSPHRASE "\n", "demo", "--children", "60", "--seed", "9",
                   "--kdf-seconds", "0.1", "--passphrase-file", "-", td.path, NULL);
  g_assert_cmpint (create.status, ==, 0);
  g_assert_nonnull (strstr (create.out, "Added 60 demo children (seed 9)"));
  g_assert_nonnull (strstr (create.err, "Created the demo store"));
  g_assert_null (strstr (create.out, PW_TEST_PASSPHRASE));

  /* A second run unlocks the store and adds to it. */
  pw_test_run_cli (&more, PW_TEST_PASSPHRASE "\n", "demo", "--children", "15",
                   "--passphrase-file", "-", td.path, NULL);
  g_assert_cmpint (more.status, ==, 0);
  g_assert_nonnull (strstr (more.out, "the store now holds 75 children"));
  g_assert_null (strstr (more.err, "Created"));

  pw_test_run_cli (&stats, PW_TEST_PASSPHRASE "\n", "stats", "--passphrase-file", "-", td.path,
                   NULL);
  g_assert_cmpint (stats.status, ==, 0);
  g_assert_cmpuint (stats_value (stats.out, "Children"), ==, 75);
  g_assert_cmpuint (stats_value (stats.out, "  at Level 1"), >, 0);
  g_assert_cmpuint (stats_value (stats.out, "Open APDR cycles"), >, 0);
  g_assert_cmpuint (stats_value (stats.out, "Archived"), ==, 0);

  pw_test_run_cli (&verify, PW_TEST_PASSPHRASE "\n", "verify", "--passphrase-file", "-", td.path,
                   NULL);
  g_assert_cmpint (verify.status, ==, 0);
  g_assert_nonnull (strstr (verify.out, "The audit log is intact"));
  pw_test_dir_clear (&td);
}

static void
test_demo_usage (void)
{
  g_auto(PwCliResult) help = { 0 };
  g_auto(PwCliResult) none = { 0 };
  g_auto(PwCliResult) seed = { 0 };
  PwTestDir td;

  pw_test_run_cli (&help, NULL, "--help", NULL);
  g_assert_cmpint (help.status, ==, 0);
  for (guint i = 0; i < 4; i++)
    g_assert_nonnull (strstr (help.out, ((const char *[]) { "  demo ", "  child ", "  search ",
                                                           "  stats " })[i]));

  pw_test_dir_init (&td);
  pw_test_run_cli (&none, NULL, "demo", "--children", "0", td.path, NULL);
  g_assert_cmpint (none.status, ==, 64);
  g_assert_nonnull (strstr (none.err, "--children"));
  pw_test_run_cli (&seed, NULL, "demo", "--seed", "-1", td.path, NULL);
  g_assert_cmpint (seed.status, ==, 64);
  g_assert_false (g_file_test (td.path, G_FILE_TEST_EXISTS));
  pw_test_dir_clear (&td);
}

/* child add ---------------------------------------------------------------------- */

/* Runs `child add` on @td's store with the options that follow (NULL-ended). */
static void
add_child (PwCliResult *result, PwTestDir *td, ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  const char *arg;
  va_list args;

  g_ptr_array_add (argv, (gpointer) g_getenv ("PATHWAY_CLI"));
  g_ptr_array_add (argv, "child");
  g_ptr_array_add (argv, "add");
  g_ptr_array_add (argv, "--passphrase-file");
  g_ptr_array_add (argv, "-");
  g_ptr_array_add (argv, td->path);
  va_start (args, td);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  pw_test_run_cli_argv (result, PW_TEST_PASSPHRASE "\n", argv);
}

#define CHILD_ADA "--legal-given-name", "Ada", "--legal-family-name", "Brook", \
                  "--date-of-birth", "2016-03-14", "--sex", "F"

static void
test_child_add (void)
{
  g_auto(PwCliResult) added = { 0 };
  g_auto(PwCliResult) plain = { 0 };
  g_auto(PwCliResult) found = { 0 };
  g_autofree char *recovery = NULL;
  PwTestDir td;

  pw_test_dir_init (&td);
  init_store (&td, &recovery);
  add_child (&added, &td, CHILD_ADA, "--upn", "w916200124001", "--sen-provision", "K",
             "--year-group", "5", "--ethnicity", "WBRI", "--eal", "--setting",
             "Severn Reach Primary School", "--lead-practitioner", "Jo Lead", "--level", "3",
             "--level-reason", "Multi-agency plan agreed", "--decided-by", "TALC panel", NULL);
  g_assert_cmpint (added.status, ==, 0);
  g_assert_cmpstr (added.out, ==, "W916200124001\n");

  /* Without a UPN the record's uuid is printed. */
  add_child (&plain, &td, "--legal-given-name", "Zoë", "--legal-family-name", "Ashdown",
             "--date-of-birth", "2019-10-01", "--sex", "F", NULL);
  g_assert_cmpint (plain.status, ==, 0);
  g_assert_true (g_uuid_string_is_valid (g_strstrip (plain.out)));

  pw_test_run_cli (&found, PW_TEST_PASSPHRASE "\n", "search", "--passphrase-file", "-", td.path,
                   "brook", NULL);
  g_assert_cmpint (found.status, ==, 0);
  g_assert_true (g_regex_match_simple ("^Ada Brook +W916200124001 +Level 3\n$", found.out, 0, 0));
  g_assert_cmpuint (count_children (&td), ==, 2);
  pw_test_dir_clear (&td);
}

/* A refused value names its option, and nothing at all is written. */
static void
test_child_add_refused (void)
{
  g_auto(PwCliResult) upn = { 0 };
  g_auto(PwCliResult) born = { 0 };
  g_auto(PwCliResult) level = { 0 };
  g_auto(PwCliResult) missing = { 0 };
  g_auto(PwCliResult) no_reason = { 0 };
  g_auto(PwCliResult) first = { 0 };
  g_auto(PwCliResult) twice = { 0 };
  g_autofree char *recovery = NULL;
  PwTestDir td;

  pw_test_dir_init (&td);
  init_store (&td, &recovery);
  add_child (&upn, &td, CHILD_ADA, "--upn", "A916200124001", NULL);
  g_assert_cmpint (upn.status, ==, 65);
  g_assert_cmpstr (upn.err, ==, "pathway-cli: --upn: UPN check letter should be W\n");

  add_child (&born, &td, CHILD_ADA, "--date-of-birth", "2199-12-31", NULL);
  g_assert_cmpint (born.status, ==, 65);
  g_assert_nonnull (strstr (born.err, "--date-of-birth: Date of birth cannot be in the future"));

  /* Level 3 needs a lead practitioner: the child is not kept either. */
  add_child (&level, &td, CHILD_ADA, "--setting", "A New School", "--level", "3",
             "--level-reason", "TALC", "--decided-by", "Panel", NULL);
  g_assert_cmpint (level.status, ==, 65);
  g_assert_nonnull (strstr (level.err, "--level: "));
  g_assert_nonnull (strstr (level.err, "lead practitioner"));

  add_child (&missing, &td, "--legal-given-name", "Ada", NULL);
  g_assert_cmpint (missing.status, ==, 64);
  add_child (&no_reason, &td, CHILD_ADA, "--level", "2", NULL);
  g_assert_cmpint (no_reason.status, ==, 64);
  g_assert_nonnull (strstr (no_reason.err, "--level-reason"));
  g_assert_cmpuint (count_children (&td), ==, 0);

  add_child (&first, &td, CHILD_ADA, "--upn", "W916200124001", NULL);
  g_assert_cmpint (first.status, ==, 0);
  add_child (&twice, &td, CHILD_ADA, "--upn", "W916200124001", NULL);
  g_assert_cmpint (twice.status, ==, 65);
  g_assert_nonnull (strstr (twice.err, "already has this UPN"));
  g_assert_cmpuint (count_children (&td), ==, 1);
  pw_test_dir_clear (&td);
}

static void
test_search_marks_archived (void)
{
  g_auto(PwCliResult) added = { 0 };
  g_auto(PwCliResult) found = { 0 };
  g_auto(PwCliResult) nothing = { 0 };
  g_auto(PwCliResult) no_text = { 0 };
  g_autoptr(PwStore) store = NULL;
  g_autoptr(PwCaseload) caseload = NULL;
  g_autoptr(PwChild) child = NULL;
  g_autofree char *recovery = NULL;
  PwTestDir td;

  pw_test_dir_init (&td);
  init_store (&td, &recovery);
  add_child (&added, &td, CHILD_ADA, "--upn", "W916200124001", NULL);
  g_assert_cmpint (added.status, ==, 0);

  store = pw_test_reopen (td.path, PW_TEST_PASSPHRASE);
  caseload = pw_caseload_new (store, NULL);
  child = pw_caseload_find_child_by_upn (caseload, "W916200124001", NULL);
  g_assert_true (pw_caseload_set_archived (caseload, child, TRUE, NULL));
  g_clear_object (&caseload);
  g_clear_object (&store);

  pw_test_run_cli (&found, PW_TEST_PASSPHRASE "\n", "search", "--passphrase-file", "-", td.path,
                   "Ada", "Bro", NULL);
  g_assert_cmpint (found.status, ==, 0);
  g_assert_true (g_regex_match_simple ("^Ada Brook +W916200124001 +no level +archived\n$",
                                       found.out, 0, 0));

  pw_test_run_cli (&nothing, PW_TEST_PASSPHRASE "\n", "search", "--passphrase-file", "-", td.path,
                   "Nobody", NULL);
  g_assert_cmpint (nothing.status, ==, 0);
  g_assert_cmpstr (nothing.out, ==, "");
  g_assert_nonnull (strstr (nothing.err, "No child matches"));

  pw_test_run_cli (&no_text, NULL, "search", td.path, NULL);
  g_assert_cmpint (no_text.status, ==, 64);
  pw_test_dir_clear (&td);
}

/* An audit entry edited behind Pathway's back is found by verify. */
static void
test_verify_finds_edited_audit_log (void)
{
  g_auto(PwCliResult) added = { 0 };
  g_auto(PwCliResult) verify = { 0 };
  g_autoptr(PwStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *recovery = NULL;
  PwTestDir td;

  pw_test_dir_init (&td);
  init_store (&td, &recovery);
  add_child (&added, &td, CHILD_ADA, NULL);
  g_assert_cmpint (added.status, ==, 0);

  store = pw_test_reopen (td.path, PW_TEST_PASSPHRASE);
  g_assert_true (pw_store_exec (store, "UPDATE audit SET actor = 'Someone else' WHERE id = 1",
                                &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  pw_test_run_cli (&verify, PW_TEST_PASSPHRASE "\n", "verify", "--passphrase-file", "-", td.path,
                   NULL);
  g_assert_cmpint (verify.status, ==, 76);
  g_assert_nonnull (strstr (verify.err, "The audit log was changed outside Pathway: entry 1"));
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
  g_test_add_func ("/cli/init-info-verify", test_init_info_verify);
  g_test_add_func ("/cli/wrong-passphrase-and-recovery", test_wrong_passphrase_and_recovery);
  g_test_add_func ("/cli/passwd", test_passwd);
  g_test_add_func ("/cli/replace-recovery-key", test_replace_recovery_key);
  g_test_add_func ("/cli/exit-codes", test_exit_codes);
  g_test_add_func ("/cli/tampered-and-busy", test_tampered_and_busy);
  g_test_add_func ("/cli/refuses-cheap-key-derivation", test_refuses_cheap_key_derivation);
  g_test_add_func ("/cli/demo-and-stats", test_demo_and_stats);
  g_test_add_func ("/cli/demo-usage", test_demo_usage);
  g_test_add_func ("/cli/child-add", test_child_add);
  g_test_add_func ("/cli/child-add-refused", test_child_add_refused);
  g_test_add_func ("/cli/search-marks-archived", test_search_marks_archived);
  g_test_add_func ("/cli/verify-finds-edited-audit-log", test_verify_finds_edited_audit_log);

  return g_test_run ();
}

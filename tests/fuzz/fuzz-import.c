/* fuzz-import.c
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* libFuzzer target for importing a case file: the input is the file.
 *
 * One store per process, in a temporary folder, holds two invented
 * children (the same as tests/fuzz/corpus-import/demo-seed5.xml names, so
 * that merges are reached as well as additions).  Each input is written to
 * a file and imported twice, as a dry run and for real, inside a
 * transaction that is then undone: every input meets the same store, so a
 * crash reproduces from its input alone.
 *
 * Seeds: tests/fuzz/corpus-import/ (files that `pathway-cli export` wrote
 * from demo stores of two children); dictionary: tests/fuzz/import.dict. */

#include "config.h"

#include <glib/gstdio.h>
#include <sodium.h>
#include <stdio.h>

#include "pw-caseload.h"
#include "pw-crypto.h"
#include "pw-demo.h"
#include "pw-import.h"
#include "pw-store.h"

#define SEED_CHILDREN 2
#define SEED          5

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

static PwCaseload *caseload;
static char *folder;
static char *case_file;

typedef struct
{
  const guint8 *data;
  size_t size;
} Input;

/* The cheapest cost, which only a PW_TESTING build accepts. */
static const PwKdfCost test_cost = {
  crypto_pwhash_argon2id_OPSLIMIT_MIN,
  crypto_pwhash_argon2id_MEMLIMIT_MIN,
};

static void
remove_folder (void)
{
  GDir *dir = g_dir_open (folder, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (folder, name, NULL);

      g_unlink (path);
    }
  g_clear_pointer (&dir, g_dir_close);
  g_rmdir (folder);
}

static void
fail_setup (const char *what, GError *error)
{
  fprintf (stderr, "fuzz-import: %s: %s\n", what, error != NULL ? error->message : "failed");
  abort ();
}

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *store_path = NULL;
  g_autofree char *recovery = NULL;
  PwStore *store;

  pw_crypto_init ();
  folder = g_dir_make_tmp ("pathway-fuzz-import-XXXXXX", &error);
  if (folder == NULL)
    fail_setup ("temporary folder", error);
  atexit (remove_folder);
  store_path = g_build_filename (folder, "cases.pathway", NULL);
  case_file = g_build_filename (folder, "input.xml", NULL);
  store = pw_store_create (store_path, "fuzzing passphrase", &test_cost, &recovery, &error);
  if (store == NULL)
    fail_setup ("store", error);
  caseload = pw_caseload_new (store, &error);
  g_object_unref (store);
  if (caseload == NULL)
    fail_setup ("caseload", error);
  pw_caseload_set_actor (caseload, "Fuzz Tester");
  if (!pw_demo_fill (caseload, SEED_CHILDREN, SEED, &error))
    fail_setup ("demo children", error);
  return 0;
}

static gboolean
write_input (const Input *input)
{
  FILE *file = fopen (case_file, "wb");
  gboolean ok;

  if (file == NULL)
    return FALSE;
  ok = fwrite (input->data, 1, input->size, file) == input->size;
  return fclose (file) == 0 && ok;
}

static void
import_once (gboolean dry_run)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwImportReport) report = pw_import_file (caseload, case_file, dry_run, &error);

  /* A failure always says why. */
  if (report == NULL && error == NULL)
    abort ();
  if (report != NULL && error != NULL)
    abort ();
}

/* Runs inside the transaction, and always undoes it. */
static gboolean
import_both_cb (gpointer user_data, GError **error)
{
  import_once (TRUE);
  import_once (FALSE);
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "undone");
  return FALSE;
}

int
LLVMFuzzerTestOneInput (const guint8 *data, size_t size)
{
  g_autoptr(GError) error = NULL;
  Input input = { data, size };

  if (!write_input (&input))
    abort ();
  pw_caseload_transaction (caseload, import_both_cb, NULL, &error);
  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    abort ();
  while (g_main_context_iteration (NULL, FALSE))
    ;
  return 0;
}

/* test-cli-seal.c
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Drives pathway-cli keygen, signer and open as a council would: make a key
 * pair, learn a store's signing key, open what the store sealed.  The
 * sealed files are made in this process with the store's own key. */

#include "config.h"

#include <glib/gstdio.h>
#include <sodium.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pw-caseload.h"
#include "pw-seal.h"
#include "pw-test-cli.h"
#include "pw-test-util.h"

#define LABEL "Oakfield Primary School"

static char *
path_in (PwTestDir *td, const char *name)
{
  return g_build_filename (td->dir, name, NULL);
}

static guint
count_files (const char *dir_path)
{
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  guint n = 0;

  while (g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

static void
init_store (PwTestDir *td)
{
  g_auto(PwCliResult) result = { 0 };

  pw_test_run_cli (&result, PW_TEST_PASSPHRASE "\n", "init", "--passphrase-file", "-",
                   "--kdf-seconds", "0.1", td->path, NULL);
  g_assert_cmpint (result.status, ==, 0);
}

static void
keygen (PwTestDir *td, const char *name)
{
  g_auto(PwCliResult) result = { 0 };
  g_autofree char *base = path_in (td, name);

  pw_test_run_cli (&result, NULL, "keygen", base, NULL);
  g_assert_cmpint (result.status, ==, 0);
}

/* An export-like text of about 150 KiB: three parts. */
static char *
case_text (void)
{
  GString *text = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<cases>\n");

  for (guint i = 0; text->len < 150 * 1024; i++)
    g_string_append_printf (text, "  <child upn=\"A%012u\"><name>Child %u</name></child>\n", i, i);
  g_string_append (text, "</cases>\n");
  return g_string_free (text, FALSE);
}

/* Seals @text to the public key in @public_path with the store's signing
 * key, as an export would; returns the store's signing public key. */
static void
seal_with_store (PwTestDir    *td,
                 const char   *public_path,
                 const char   *text,
                 const char   *sealed_path,
                 guint8       *signer_pk)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (sealed_path);
  g_autoptr(GFileOutputStream) base = NULL;
  g_autoptr(GOutputStream) sealed = NULL;
  guint8 recipient_pk[PW_SEAL_PUBLIC_KEY_BYTES];
  guint8 signer_sk[PW_SEAL_SIGNING_KEY_BYTES];
  PwStore *store = pw_test_reopen (td->path, PW_TEST_PASSPHRASE);
  PwCaseload *caseload = pw_caseload_new (store, &error);

  g_assert_no_error (error);
  g_assert_true (pw_caseload_get_signing_key (caseload, signer_sk, signer_pk, &error));
  g_assert_true (pw_seal_read_public_key (public_path, recipient_pk, &error));
  base = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, &error);
  g_assert_no_error (error);
  sealed = pw_seal_output_stream_new (G_OUTPUT_STREAM (base), recipient_pk, signer_sk, LABEL,
                                      &error);
  g_assert_no_error (error);
  sodium_memzero (signer_sk, sizeof signer_sk);
  g_output_stream_write_all (sealed, text, strlen (text), NULL, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_close (sealed, NULL, &error);
  g_assert_no_error (error);
  g_assert_finalize_object (caseload);
  g_assert_finalize_object (store);
}

/* A store, a council key pair, and a file the store sealed to it. */
typedef struct
{
  PwTestDir td;
  char *public_path;
  char *secret_path;
  char *sealed_path;
  char *text;
  guint8 signer_pk[PW_SEAL_SIGNER_KEY_BYTES];
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  pw_test_dir_init (&f->td);
  init_store (&f->td);
  keygen (&f->td, "council");
  f->public_path = path_in (&f->td, "council.pub");
  f->secret_path = path_in (&f->td, "council.key");
  f->sealed_path = path_in (&f->td, "cases.sealed");
  f->text = case_text ();
  seal_with_store (&f->td, f->public_path, f->text, f->sealed_path, f->signer_pk);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_free (f->public_path);
  g_free (f->secret_path);
  g_free (f->sealed_path);
  g_free (f->text);
  pw_test_dir_clear (&f->td);
}

/* keygen ------------------------------------------------------------------------- */

static void
test_keygen (void)
{
  g_auto(PwCliResult) result = { 0 };
  g_auto(PwCliResult) again = { 0 };
  g_autofree char *base = NULL;
  g_autofree char *public_path = NULL;
  g_autofree char *secret_path = NULL;
  g_autofree char *secret_text = NULL;
  guint8 pk[PW_SEAL_PUBLIC_KEY_BYTES];
  GStatBuf st;
  PwTestDir td;

  pw_test_dir_init (&td);
  base = path_in (&td, "council");
  public_path = path_in (&td, "council.pub");
  secret_path = path_in (&td, "council.key");
  pw_test_run_cli (&result, NULL, "keygen", base, NULL);
  g_assert_cmpint (result.status, ==, 0);
  g_assert_nonnull (strstr (result.out, public_path));
  g_assert_nonnull (strstr (result.out, "stays with the council"));
  g_assert_true (pw_seal_read_public_key (public_path, pk, NULL));
  g_assert_cmpint (g_stat (secret_path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0077, ==, 0);

  /* A second keygen never replaces the council's key. */
  secret_text = pw_test_read_file (secret_path, NULL);
  pw_test_run_cli (&again, NULL, "keygen", base, NULL);
  g_assert_cmpint (again.status, ==, 74);
  g_assert_nonnull (strstr (again.err, "already exists"));
  pw_test_assert_file_equals (secret_path, secret_text, strlen (secret_text));
  g_assert_cmpuint (count_files (td.dir), ==, 2);
  pw_test_dir_clear (&td);
}

/* signer ------------------------------------------------------------------------- */

static void
test_signer (Fixture *f, gconstpointer data)
{
  g_auto(PwCliResult) result = { 0 };
  g_auto(PwCliResult) again = { 0 };
  g_autofree char *signer_path = path_in (&f->td, "oakfield.signer");
  g_autofree char *fingerprint = pw_seal_fingerprint (f->signer_pk);
  guint8 written[PW_SEAL_SIGNER_KEY_BYTES];

  pw_test_run_cli (&result, PW_TEST_PASSPHRASE "\n", "signer", "--passphrase-file", "-", "--out",
                   signer_path, f->td.path, NULL);
  g_assert_cmpint (result.status, ==, 0);
  g_assert_nonnull (strstr (result.out, fingerprint));
  g_assert_true (pw_seal_read_signer_key (signer_path, written, NULL));
  g_assert_cmpmem (written, sizeof written, f->signer_pk, sizeof f->signer_pk);

  /* The key was made once: asked again, the store gives the same. */
  pw_test_run_cli (&again, PW_TEST_PASSPHRASE "\n", "signer", "--passphrase-file", "-",
                   f->td.path, NULL);
  g_assert_cmpint (again.status, ==, 0);
  g_assert_nonnull (strstr (again.out, fingerprint));
}

/* open --------------------------------------------------------------------------- */

static void
test_open_to_file (Fixture *f, gconstpointer data)
{
  g_auto(PwCliResult) signer = { 0 };
  g_auto(PwCliResult) result = { 0 };
  g_autofree char *signer_path = path_in (&f->td, "oakfield.signer");
  g_autofree char *out_path = path_in (&f->td, "cases.xml");
  g_autofree char *fingerprint = pw_seal_fingerprint (f->signer_pk);
  g_autofree char *signed_by = g_strdup_printf ("Signed by %s (key %s)", LABEL, fingerprint);
  GStatBuf st;

  pw_test_run_cli (&signer, PW_TEST_PASSPHRASE "\n", "signer", "--passphrase-file", "-", "--out",
                   signer_path, f->td.path, NULL);
  g_assert_cmpint (signer.status, ==, 0);
  pw_test_run_cli (&result, NULL, "open", f->sealed_path, "--key", f->secret_path, "--signer",
                   signer_path, "--out", out_path, NULL);
  g_assert_cmpint (result.status, ==, 0);
  g_assert_nonnull (strstr (result.err, signed_by));
  pw_test_assert_file_equals (out_path, f->text, strlen (f->text));
  g_assert_cmpint (g_stat (out_path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0077, ==, 0);
}

static void
test_open_to_stdout (Fixture *f, gconstpointer data)
{
  g_auto(PwCliResult) result = { 0 };
  g_autofree char *fingerprint = pw_seal_fingerprint (f->signer_pk);

  pw_test_run_cli (&result, NULL, "open", f->sealed_path, "--key", f->secret_path, NULL);
  g_assert_cmpint (result.status, ==, 0);
  g_assert_cmpstr (result.out, ==, f->text);
  g_assert_nonnull (strstr (result.err, fingerprint));
  g_assert_nonnull (strstr (result.err, "give --signer"));
}

/* Each refusal leaves no output file, and no temporary one either. */
static void
assert_open_refused (Fixture     *f,
                     const char  *sealed_path,
                     const char  *key_path,
                     const char  *signer_path,
                     int          status,
                     const char  *message)
{
  g_auto(PwCliResult) result = { 0 };
  g_autofree char *out_path = path_in (&f->td, "cases.xml");
  guint n_files = count_files (f->td.dir);

  if (signer_path != NULL)
    pw_test_run_cli (&result, NULL, "open", sealed_path, "--key", key_path, "--out", out_path,
                     "--signer", signer_path, NULL);
  else
    pw_test_run_cli (&result, NULL, "open", sealed_path, "--key", key_path, "--out", out_path,
                     NULL);
  g_assert_cmpint (result.status, ==, status);
  g_assert_nonnull (strstr (result.err, message));
  g_assert_null (strstr (result.err, "Signed by"));
  g_assert_false (g_file_test (out_path, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_files (f->td.dir), ==, n_files);
}

static void
test_open_wrong_key (Fixture *f, gconstpointer data)
{
  g_autofree char *other_secret = path_in (&f->td, "other.key");

  keygen (&f->td, "other");
  assert_open_refused (f, f->sealed_path, other_secret, NULL, 77, "another key");
  assert_open_refused (f, f->sealed_path, f->public_path, NULL, 65,
                       "a public key was given where a secret key is needed");
}

static void
test_open_tampered (Fixture *f, gconstpointer data)
{
  g_autofree char *copy_path = path_in (&f->td, "copy.sealed");
  g_autofree char *sealed = NULL;
  gsize len = 0;

  sealed = pw_test_read_file (f->sealed_path, &len);
  pw_test_write_file (copy_path, sealed, len);
  pw_test_flip_byte (copy_path, len / 2);
  assert_open_refused (f, copy_path, f->secret_path, NULL, 76, "changed after it was sealed");

  pw_test_write_file (copy_path, sealed, len);
  pw_test_flip_byte (copy_path, len - 5);
  assert_open_refused (f, copy_path, f->secret_path, NULL, 76, "signature does not match");

  pw_test_write_file (copy_path, sealed, len - 100);
  assert_open_refused (f, copy_path, f->secret_path, NULL, 76, "cut short");

  pw_test_write_file (copy_path, f->text, strlen (f->text));
  assert_open_refused (f, copy_path, f->secret_path, NULL, 65, "not a sealed Pathway file");
}

static void
test_open_other_signer (Fixture *f, gconstpointer data)
{
  g_autofree char *signer_path = path_in (&f->td, "elsewhere.signer");
  guint8 pk[PW_SEAL_SIGNER_KEY_BYTES];
  guint8 sk[PW_SEAL_SIGNING_KEY_BYTES];

  crypto_sign_keypair (pk, sk);
  g_assert_true (pw_seal_write_signer_key (signer_path, pk, NULL));
  assert_open_refused (f, f->sealed_path, f->secret_path, signer_path, 76,
                       "not by the expected store");
  assert_open_refused (f, f->sealed_path, f->secret_path, f->public_path, 65,
                       "a public key was given where a store’s signing key is needed");
}

static void
test_open_usage (Fixture *f, gconstpointer data)
{
  g_auto(PwCliResult) no_key = { 0 };
  g_auto(PwCliResult) missing = { 0 };
  g_autofree char *missing_path = path_in (&f->td, "nothing.sealed");

  pw_test_run_cli (&no_key, NULL, "open", f->sealed_path, NULL);
  g_assert_cmpint (no_key.status, ==, 64);
  g_assert_nonnull (strstr (no_key.err, "--key"));

  pw_test_run_cli (&missing, NULL, "open", missing_path, "--key", f->secret_path, NULL);
  g_assert_cmpint (missing.status, ==, 74);
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
  g_test_add_func ("/cli-seal/keygen", test_keygen);
#define ADD(path, func) \
  g_test_add ("/cli-seal/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("signer", test_signer);
  ADD ("open-to-file", test_open_to_file);
  ADD ("open-to-stdout", test_open_to_stdout);
  ADD ("open-wrong-key", test_open_wrong_key);
  ADD ("open-tampered", test_open_tampered);
  ADD ("open-other-signer", test_open_other_signer);
  ADD ("open-usage", test_open_usage);
#undef ADD

  return g_test_run ();
}

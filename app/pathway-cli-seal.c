/* pathway-cli-seal.c
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* pathway-cli keygen, open and signer: the council's key pair, opening a
 * sealed file with it, and the store's signing key that vouches for the
 * files it seals. */

#include "config.h"

#include <gio/gunixoutputstream.h>
#include <sodium.h>
#include <unistd.h>

#include "pathway-cli.h"
#include "pw-output-file.h"
#include "pw-seal.h"

int
pw_cli_seal_exit_code (int code)
{
  switch (code)
    {
    case PW_SEAL_ERROR_WRONG_KEY:
      return EXIT_WRONG_KEY;
    case PW_SEAL_ERROR_CORRUPT:
    case PW_SEAL_ERROR_TRUNCATED:
    case PW_SEAL_ERROR_BAD_SIGNATURE:
    case PW_SEAL_ERROR_SIGNER:
      return EXIT_CORRUPT;
    case PW_SEAL_ERROR_NOT_SEALED:
    case PW_SEAL_ERROR_VERSION:
    case PW_SEAL_ERROR_KEY_FILE:
    case PW_SEAL_ERROR_INVALID:
      return EXIT_INVALID;
    default:
      return EXIT_SOFTWARE;
    }
}

int
pw_cli_command_keygen (Options  *options,
                       char    **args)
{
  g_autofree char *public_path = g_strconcat (args[0], ".pub", NULL);
  g_autofree char *secret_path = g_strconcat (args[0], ".key", NULL);
  GError *error = NULL;

  if (!pw_seal_keygen (public_path, secret_path, &error))
    return pw_cli_fail (error);
  g_print ("Public key: %s\n"
           "Give it to the settings that send you sealed files.\n", public_path);
  g_print ("Secret key: %s\n"
           "It opens those files. It stays with the council: keep it safe and never send it.\n",
           secret_path);
  return EXIT_OK;
}

/* The sealed file at @path, opened with --key and held to --signer. */
static GInputStream *
open_sealed (const char *path, Options *options, GError **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) base = NULL;
  guint8 secret_key[PW_SEAL_SECRET_KEY_BYTES];
  guint8 signer_key[PW_SEAL_SIGNER_KEY_BYTES];
  GInputStream *sealed = NULL;

  if (options->signer != NULL && !pw_seal_read_signer_key (options->signer, signer_key, error))
    return NULL;
  if (!pw_seal_read_secret_key (options->key_file, secret_key, error))
    return NULL;
  base = g_file_read (file, NULL, error);
  if (base != NULL)
    sealed = pw_seal_input_stream_new (G_INPUT_STREAM (base), secret_key, NULL, error);
  sodium_memzero (secret_key, sizeof secret_key);
  if (sealed != NULL && options->signer != NULL)
    pw_seal_input_stream_set_expected_signer (PW_SEAL_INPUT_STREAM (sealed), signer_key);
  return sealed;
}

static gboolean
copy_text (GInputStream *sealed, GOutputStream *out, GError **error)
{
  return g_output_stream_splice (out, sealed, G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE, NULL,
                                 error) >= 0;
}

/* Only a file whose final tag and signature check out appears at @path. */
static gboolean
open_to_file (GInputStream *sealed, const char *path, GError **error)
{
  g_autoptr(PwOutputFile) out = pw_output_file_new (path, 0600, error);

  return out != NULL &&
         copy_text (sealed, pw_output_file_get_stream (out), error) &&
         pw_output_file_commit (out, error);
}

/* Text reaches standard output as it is opened: after a failure, what was
 * written must be thrown away, as the exit status says. */
static gboolean
open_to_stdout (GInputStream *sealed, GError **error)
{
  g_autoptr(GOutputStream) out = g_unix_output_stream_new (STDOUT_FILENO, FALSE);

  return copy_text (sealed, out, error) && g_output_stream_flush (out, NULL, error);
}

static void
print_signer (PwSealInputStream *sealed, gboolean checked)
{
  g_autofree char *fingerprint = pw_seal_fingerprint (
    pw_seal_input_stream_get_signer_key (sealed));

  g_printerr ("Signed by %s (key %s)\n", pw_seal_input_stream_get_signer_label (sealed),
              fingerprint);
  if (!checked)
    g_printerr ("Compare the key with the sending store's (pathway-cli signer), "
                "or give --signer to have it checked.\n");
}

int
pw_cli_command_open (Options  *options,
                     char    **args)
{
  g_autoptr(GInputStream) sealed = NULL;
  GError *error = NULL;
  gboolean ok;

  if (options->key_file == NULL)
    return pw_cli_usage_error ("--key is required: the secret key file that opens the file");
  sealed = open_sealed (args[0], options, &error);
  if (sealed == NULL)
    return pw_cli_fail (error);
  if (options->out != NULL)
    ok = open_to_file (sealed, options->out, &error);
  else
    ok = open_to_stdout (sealed, &error);
  if (!ok)
    return pw_cli_fail (error);
  g_assert (pw_seal_input_stream_get_verified (PW_SEAL_INPUT_STREAM (sealed)));
  print_signer (PW_SEAL_INPUT_STREAM (sealed), options->signer != NULL);
  if (options->out != NULL)
    g_print ("Wrote %s\n", options->out);
  return EXIT_OK;
}

int
pw_cli_command_signer (Options  *options,
                       char    **args)
{
  g_autoptr(PwCaseload) caseload = NULL;
  g_autofree char *fingerprint = NULL;
  guint8 secret_key[PW_SEAL_SIGNING_KEY_BYTES];
  guint8 public_key[PW_SEAL_SIGNER_KEY_BYTES];
  GError *error = NULL;

  caseload = pw_cli_open_caseload (args[0], options, &error);
  if (caseload == NULL || !pw_caseload_get_signing_key (caseload, secret_key, public_key, &error))
    return pw_cli_fail (error);
  sodium_memzero (secret_key, sizeof secret_key);
  if (options->out != NULL && !pw_seal_write_signer_key (options->out, public_key, &error))
    return pw_cli_fail (error);
  fingerprint = pw_seal_fingerprint (public_key);
  if (options->out != NULL)
    g_print ("Wrote the store's signing key to %s\n", options->out);
  g_print ("Fingerprint: %s\n", fingerprint);
  return EXIT_OK;
}

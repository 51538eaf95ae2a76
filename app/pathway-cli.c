/* pathway-cli.c
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* pathway-cli: the store, without a display.
 *
 * Passphrases never travel in argv: they are read from the terminal with
 * echo off, or from --passphrase-file FILE ("-" is standard input, one
 * secret a line).  Exit codes are listed in exit_code_for().
 */

#include "config.h"

#include <errno.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include <fcntl.h>

#include "pw-crypto.h"
#include "pw-store.h"

enum {
  EXIT_OK = 0,
  EXIT_USAGE = 64,
  EXIT_INVALID = 65,
  EXIT_NOT_A_STORE = 69,
  EXIT_SOFTWARE = 70,
  EXIT_IO = 74,
  EXIT_BUSY = 75,
  EXIT_CORRUPT = 76,
  EXIT_WRONG_KEY = 77,
};

typedef struct
{
  char *passphrase_file;
  char *new_passphrase_file;
  char *recovery_key_file;
  double kdf_seconds;
} Options;

typedef int (*CommandFunc) (Options *options, const char *path);

typedef struct
{
  const char *name;
  CommandFunc func;
  const char *summary;
} Command;

static int
exit_code_for (const GError *error)
{
  if (error->domain != PW_STORE_ERROR)
    return EXIT_IO;
  switch (error->code)
    {
    case PW_STORE_ERROR_WRONG_KEY:
      return EXIT_WRONG_KEY;
    case PW_STORE_ERROR_NOT_A_STORE:
    case PW_STORE_ERROR_VERSION:
      return EXIT_NOT_A_STORE;
    case PW_STORE_ERROR_CORRUPT:
      return EXIT_CORRUPT;
    case PW_STORE_ERROR_BUSY:
      return EXIT_BUSY;
    case PW_STORE_ERROR_IO:
      return EXIT_IO;
    case PW_STORE_ERROR_INVALID:
      return EXIT_INVALID;
    default:
      return EXIT_SOFTWARE;
    }
}

static int
fail (GError *error)
{
  int code = exit_code_for (error);

  g_printerr ("pathway-cli: %s\n", error->message);
  g_error_free (error);
  return code;
}

static int
usage_error (const char *message)
{
  g_printerr ("pathway-cli: %s\nTry “pathway-cli --help”.\n", message);
  return EXIT_USAGE;
}

/* Secrets ---------------------------------------------------------------------
 * Read a byte at a time with read(2): no stdio buffer keeps a copy, and a
 * second secret on the next line of standard input is left for later. */

static char *
read_line_secret (int fd, GError **error)
{
  char *line = (char *) pw_secure_alloc (PW_PASSPHRASE_MAX + 2);
  gsize len = 0;
  char c;
  ssize_t n;

  while ((n = read (fd, &c, 1)) == 1 && c != '\n')
    {
      if (len > PW_PASSPHRASE_MAX)
        {
          pw_secure_free (line);
          g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_INVALID,
                       "passphrase: must be at most %d bytes long", PW_PASSPHRASE_MAX);
          return NULL;
        }
      line[len++] = c;
    }
  if (len > 0 && line[len - 1] == '\r')
    line[--len] = '\0';
  if (n < 0 || (n == 0 && len == 0))
    {
      pw_secure_free (line);
      g_set_error_literal (error, PW_STORE_ERROR, PW_STORE_ERROR_INVALID,
                           "passphrase: nothing could be read");
      return NULL;
    }
  return line;
}

static char *
read_secret_from_file (const char *file, GError **error)
{
  int fd;
  char *secret;

  if (g_strcmp0 (file, "-") == 0)
    return read_line_secret (STDIN_FILENO, error);
  fd = open (file, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    {
      g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_IO,
                   "Could not read the passphrase file “%s”: %s", file, g_strerror (errno));
      return NULL;
    }
  secret = read_line_secret (fd, error);
  close (fd);
  return secret;
}

static char *
prompt_secret (const char *prompt, GError **error)
{
  struct termios saved, quiet;
  int tty = open ("/dev/tty", O_RDWR | O_CLOEXEC);
  char *secret;

  if (tty < 0 || tcgetattr (tty, &saved) != 0)
    {
      if (tty >= 0)
        close (tty);
      g_set_error_literal (error, PW_STORE_ERROR, PW_STORE_ERROR_INVALID,
                           "passphrase: no terminal to ask on; use --passphrase-file");
      return NULL;
    }
  quiet = saved;
  quiet.c_lflag &= ~(ECHO | ECHONL);
  if (write (tty, prompt, strlen (prompt)) < 0)
    g_debug ("could not write the prompt");
  tcsetattr (tty, TCSAFLUSH, &quiet);
  secret = read_line_secret (tty, error);
  tcsetattr (tty, TCSAFLUSH, &saved);
  if (write (tty, "\n", 1) < 0)
    g_debug ("could not end the prompt");
  close (tty);
  return secret;
}

static char *
get_secret (const char *file, const char *prompt, GError **error)
{
  if (file != NULL)
    return read_secret_from_file (file, error);
  return prompt_secret (prompt, error);
}

/* A new passphrase typed at a terminal is asked for twice. */
static char *
get_new_passphrase (const char *file, const char *prompt, GError **error)
{
  char *first, *second;

  first = get_secret (file, prompt, error);
  if (first == NULL || file != NULL)
    return first;
  second = prompt_secret ("Type it again: ", error);
  if (second == NULL || strcmp (first, second) != 0)
    {
      if (second != NULL)
        g_set_error_literal (error, PW_STORE_ERROR, PW_STORE_ERROR_INVALID,
                             "passphrase: the two entries differ");
      pw_secure_free (first);
      pw_secure_free (second);
      return NULL;
    }
  pw_secure_free (second);
  return first;
}

static gboolean
unlock_store (PwStore *store, Options *options, GError **error)
{
  char *secret;
  gboolean ok;

  if (options->recovery_key_file != NULL)
    {
      secret = read_secret_from_file (options->recovery_key_file, error);
      ok = secret != NULL && pw_store_unlock_with_recovery (store, secret, error);
    }
  else
    {
      secret = get_secret (options->passphrase_file, "Passphrase: ", error);
      ok = secret != NULL && pw_store_unlock (store, secret, error);
    }
  pw_secure_free (secret);
  return ok;
}

static PwStore *
open_and_unlock (const char *path, Options *options, GError **error)
{
  g_autoptr(PwStore) store = pw_store_open (path, error);

  if (store == NULL || !unlock_store (store, options, error))
    return NULL;
  return g_steal_pointer (&store);
}

static void
print_recovery_key (const char *key)
{
  g_print ("Recovery key (shown only now; write it down and keep it apart from this computer):\n"
           "\n    %s\n\n"
           "It opens the store if the passphrase is forgotten.\n", key);
}

/* Commands ----------------------------------------------------------------------- */

static int
command_init (Options *options, const char *path)
{
  g_autoptr(PwStore) store = NULL;
  g_autofree char *recovery = NULL;
  GError *error = NULL;
  PwKdfCost cost;
  char *passphrase;

  if (options->kdf_seconds < 0.05 || options->kdf_seconds > 10)
    return usage_error ("--kdf-seconds: must be between 0.05 and 10");
  passphrase = get_new_passphrase (options->passphrase_file, "New passphrase: ", &error);
  if (passphrase == NULL)
    return fail (error);
  if (!pw_check_passphrase (passphrase, &error) ||
      !pw_kdf_cost_calibrate (options->kdf_seconds, &cost))
    {
      pw_secure_free (passphrase);
      return error != NULL ? fail (error) : EXIT_SOFTWARE;
    }
  store = pw_store_create (path, passphrase, &cost, &recovery, &error);
  pw_secure_free (passphrase);
  if (store == NULL)
    return fail (error);
  g_print ("Created the store %s\n", pw_store_get_path (store));
  print_recovery_key (recovery);
  return EXIT_OK;
}

static const char *
slot_kind_name (PwSlotKind kind)
{
  switch (kind)
    {
    case PW_SLOT_PASSPHRASE:
      return "passphrase";
    case PW_SLOT_RECOVERY:
      return "recovery key";
    case PW_SLOT_EMPTY:
    default:
      return "empty";
    }
}

static int
command_info (Options *options, const char *path)
{
  GError *error = NULL;
  PwStoreInfo info;

  if (!pw_store_read_info (path, &info, &error))
    return fail (error);
  g_print ("Format version: %u\n", info.format_version);
  g_print ("Store UUID: %s\n", info.uuid);
  g_print ("Page size: %u bytes (%u reserved for nonce and tag)\n", info.page_size,
           info.reserve_size);
  g_print ("Pages: %" G_GUINT64_FORMAT "\n", info.page_count);
  g_print ("Envelope sequence: %" G_GUINT64_FORMAT "\n", info.sequence);
  for (guint i = 0; i < info.n_slots; i++)
    {
      if (info.slot_kinds[i] == PW_SLOT_EMPTY)
        continue;
      g_print ("Key slot %u: %s (Argon2id, %" G_GUINT64_FORMAT " passes, %" G_GUINT64_FORMAT
               " MiB)\n", i, slot_kind_name (info.slot_kinds[i]), info.slot_costs[i].opslimit,
               info.slot_costs[i].memlimit >> 20);
    }
  return EXIT_OK;
}

static int
command_verify (Options *options, const char *path)
{
  g_autoptr(PwStore) store = NULL;
  GError *error = NULL;

  store = open_and_unlock (path, options, &error);
  if (store == NULL || !pw_store_verify (store, &error))
    return fail (error);
  g_print ("The store is intact: the envelope and every page authenticate, "
           "and the database passes its integrity check.\n");
  return EXIT_OK;
}

static int
command_passwd (Options *options, const char *path)
{
  g_autoptr(PwStore) store = NULL;
  GError *error = NULL;
  char *passphrase;
  gboolean ok;

  store = open_and_unlock (path, options, &error);
  if (store == NULL)
    return fail (error);
  passphrase = get_new_passphrase (options->new_passphrase_file, "New passphrase: ", &error);
  ok = passphrase != NULL && pw_store_change_passphrase (store, passphrase, &error);
  pw_secure_free (passphrase);
  if (!ok)
    return fail (error);
  g_print ("The passphrase was changed; the old one no longer opens the store.\n");
  return EXIT_OK;
}

static int
command_recovery (Options *options, const char *path)
{
  g_autoptr(PwStore) store = NULL;
  g_autofree char *key = NULL;
  GError *error = NULL;

  store = open_and_unlock (path, options, &error);
  if (store == NULL)
    return fail (error);
  key = pw_store_replace_recovery_key (store, &error);
  if (key == NULL)
    return fail (error);
  g_print ("The old recovery key no longer opens the store.\n");
  print_recovery_key (key);
  return EXIT_OK;
}

static const Command commands[] = {
  { "init", command_init, "Create a new encrypted store" },
  { "info", command_info, "Show what the store's envelope says (nothing secret)" },
  { "verify", command_verify, "Check that every page and the envelope are authentic" },
  { "passwd", command_passwd, "Change the passphrase" },
  { "recovery", command_recovery, "Replace the recovery key" },
};

static char *
commands_summary (void)
{
  GString *text = g_string_new ("Commands:\n");

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_string_append_printf (text, "  %-10s %s\n", commands[i].name, commands[i].summary);
  g_string_append (text, "\nPassphrases are read from the terminal, or from --passphrase-file "
                         "(\"-\" for standard input, one a line).\n"
                         "Exit status: 0 ok, 64 usage, 65 invalid input, 69 not a store, "
                         "74 input/output, 75 store in use, 76 damaged or tampered, "
                         "77 wrong passphrase or key.");
  return g_string_free (text, FALSE);
}

static void
options_clear (Options *options)
{
  g_clear_pointer (&options->passphrase_file, g_free);
  g_clear_pointer (&options->new_passphrase_file, g_free);
  g_clear_pointer (&options->recovery_key_file, g_free);
}

static const Command *
find_command (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_strcmp0 (commands[i].name, name) == 0)
      return &commands[i];
  return NULL;
}

int
main (int argc, char *argv[])
{
  Options options = { .kdf_seconds = 0.75 };
  gboolean version = FALSE;
  const GOptionEntry entries[] = {
    { "passphrase-file", 0, 0, G_OPTION_ARG_FILENAME, &options.passphrase_file,
      "Read the passphrase from FILE (- for standard input)", "FILE" },
    { "new-passphrase-file", 0, 0, G_OPTION_ARG_FILENAME, &options.new_passphrase_file,
      "Read the new passphrase from FILE (passwd)", "FILE" },
    { "recovery-key-file", 0, 0, G_OPTION_ARG_FILENAME, &options.recovery_key_file,
      "Unlock with the recovery key in FILE instead of the passphrase", "FILE" },
    { "kdf-seconds", 0, 0, G_OPTION_ARG_DOUBLE, &options.kdf_seconds,
      "Time one unlock spends deriving the key (init; default 0.75)", "SECONDS" },
    { "version", 0, 0, G_OPTION_ARG_NONE, &version, "Show the version", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("COMMAND STORE");
  g_autofree char *summary = commands_summary ();
  g_autoptr(GError) error = NULL;
  const Command *command;
  int status;

  setlocale (LC_ALL, "");
  pw_crypto_init ();
  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_set_summary (context, "Work with a Pathway case store without a display.");
  g_option_context_set_description (context, summary);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    status = usage_error (error->message);
  else if (version)
    status = (g_print ("pathway-cli %s\n", PACKAGE_VERSION), EXIT_OK);
  else if (argc != 3)
    status = usage_error ("give a command and a store file");
  else if ((command = find_command (argv[1])) == NULL)
    status = usage_error ("unknown command");
  else
    status = command->func (&options, argv[2]);
  options_clear (&options);
  return status;
}

/* pathway-cli.c
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* pathway-cli: the store, without a display.
 *
 * Each command has its own options: `pathway-cli COMMAND --help` lists
 * them.  Passphrases never travel in argv: they are read from the terminal
 * with echo off, or from --passphrase-file FILE ("-" is standard input, one
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

#include "pw-caseload.h"
#include "pw-crypto.h"
#include "pw-demo.h"
#include "pw-seal.h"
#include "pw-store.h"
#include "pathway-cli.h"
#include "pw-case-validator.h"


/* The options of `child add` that fill a level change, by field. */
static const struct
{
  const char *field;
  const char *option;
  const char *description;
  const char *arg_description;
} level_options[] = {
  { "to-level", "level", "Record the child’s level of intervention (1-4)", "N" },
  { "reason", "level-reason", "Why the child is at that level (with --level)", "TEXT" },
  { "decided-by", "decided-by", "Who decided the level (with --level)", "NAME" },
  { "date", "level-date", "When the level was decided (default: today)", "YYYY-MM-DD" },
  { "route", "level-route", "How the child came to the level: initial (the default), talc, "
    "marf, ehc-request, health-referral, step-down or other", "CODE" },
};

/* The options of `child add` naming a setting or worker, by REF field. */
static const struct
{
  const char *field;
  const char *option;
  const char *description;
} ref_options[] = {
  { "setting-id", "setting", "The child’s school or setting, by name (added if new)" },
  { "lead-practitioner-id", "lead-practitioner", "The lead practitioner, by name (added if new)" },
  { "key-worker-id", "key-worker", "The key worker, by name (added if new)" },
};


static int
store_exit_code (int code)
{
  switch (code)
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

int
pw_cli_exit_code_for (const GError *error)
{
  if (error->domain == PW_STORE_ERROR)
    return store_exit_code (error->code);
  if (error->domain == PW_RECORD_ERROR)
    return error->code == PW_RECORD_ERROR_AUDIT ? EXIT_CORRUPT : EXIT_INVALID;
  if (error->domain == PW_EXCHANGE_ERROR)
    return EXIT_INVALID;
  if (error->domain == PW_SEAL_ERROR)
    return pw_cli_seal_exit_code (error->code);
  return EXIT_IO;
}

int
pw_cli_fail (GError *error)
{
  int code = pw_cli_exit_code_for (error);

  g_printerr ("pathway-cli: %s\n", error->message);
  g_error_free (error);
  return code;
}

/* A value given to --@option breaks a rule. */
static int
fail_option (const char *option, GError *error)
{
  g_prefix_error (&error, "--%s: ", option);
  return pw_cli_fail (error);
}

int
pw_cli_usage_error (const char *message)
{
  g_printerr ("pathway-cli: %s\nTry “pathway-cli --help”.\n", message);
  return EXIT_USAGE;
}

G_STATIC_ASSERT (G_N_ELEMENTS (ref_options) == PW_CLI_N_REF_OPTIONS);
G_STATIC_ASSERT (G_N_ELEMENTS (level_options) == PW_CLI_N_LEVEL_OPTIONS);

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

PwCaseload *
pw_cli_open_caseload (const char *path, Options *options, GError **error)
{
  g_autoptr(PwStore) store = open_and_unlock (path, options, error);

  if (store == NULL)
    return NULL;
  return pw_caseload_new (store, error);
}

/* Commands ----------------------------------------------------------------------- */

static gboolean
check_kdf_seconds (Options *options)
{
  return options->kdf_seconds >= 0.05 && options->kdf_seconds <= 10;
}

static PwStore *
create_store (const char *path, Options *options, char **recovery, GError **error)
{
  PwStore *store = NULL;
  PwKdfCost cost;
  char *passphrase;

  passphrase = get_new_passphrase (options->passphrase_file, "New passphrase: ", error);
  if (passphrase == NULL)
    return NULL;
  if (pw_check_passphrase (passphrase, error))
    {
      if (!pw_kdf_cost_calibrate (options->kdf_seconds, &cost))
        g_set_error_literal (error, PW_STORE_ERROR, PW_STORE_ERROR_IO,
                             "key-derivation cost: could not be measured on this computer");
      else
        store = pw_store_create (path, passphrase, &cost, recovery, error);
    }
  pw_secure_free (passphrase);
  return store;
}

static int
command_init (Options *options, char **args)
{
  g_autoptr(PwStore) store = NULL;
  g_autofree char *recovery = NULL;
  GError *error = NULL;

  if (!check_kdf_seconds (options))
    return pw_cli_usage_error ("--kdf-seconds: must be between 0.05 and 10");
  store = create_store (args[0], options, &recovery, &error);
  if (store == NULL)
    return pw_cli_fail (error);
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
command_info (Options *options, char **args)
{
  GError *error = NULL;
  PwStoreInfo info;

  if (!pw_store_read_info (args[0], &info, &error))
    return pw_cli_fail (error);
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

/* The pages and the database first; then the audit log, whose chain of
 * keyed hashes shows whether entries were edited, removed or added. */
static int
command_verify (Options *options, char **args)
{
  g_autoptr(PwStore) store = NULL;
  g_autoptr(PwCaseload) caseload = NULL;
  GError *error = NULL;
  guint64 n_entries = 0;

  store = open_and_unlock (args[0], options, &error);
  if (store == NULL || !pw_store_verify (store, &error))
    return pw_cli_fail (error);
  caseload = pw_caseload_new (store, &error);
  if (caseload == NULL || !pw_caseload_verify_audit (caseload, &n_entries, &error))
    return pw_cli_fail (error);
  g_print ("The store is intact: the envelope and every page authenticate, "
           "and the database passes its integrity check.\n");
  g_print ("The audit log is intact: %" G_GUINT64_FORMAT " entries.\n", n_entries);
  return EXIT_OK;
}

static int
command_passwd (Options *options, char **args)
{
  g_autoptr(PwStore) store = NULL;
  GError *error = NULL;
  char *passphrase;
  gboolean ok;

  store = open_and_unlock (args[0], options, &error);
  if (store == NULL)
    return pw_cli_fail (error);
  passphrase = get_new_passphrase (options->new_passphrase_file, "New passphrase: ", &error);
  ok = passphrase != NULL && pw_store_change_passphrase (store, passphrase, &error);
  pw_secure_free (passphrase);
  if (!ok)
    return pw_cli_fail (error);
  g_print ("The passphrase was changed; the old one no longer opens the store.\n");
  return EXIT_OK;
}

static int
command_recovery (Options *options, char **args)
{
  g_autoptr(PwStore) store = NULL;
  g_autofree char *key = NULL;
  GError *error = NULL;

  store = open_and_unlock (args[0], options, &error);
  if (store == NULL)
    return pw_cli_fail (error);
  key = pw_store_replace_recovery_key (store, &error);
  if (key == NULL)
    return pw_cli_fail (error);
  g_print ("The old recovery key no longer opens the store.\n");
  print_recovery_key (key);
  return EXIT_OK;
}

/* demo ---------------------------------------------------------------------------- */

/* A demo store holds invented people only, so its recovery key is not shown. */
static PwCaseload *
open_or_create_demo (const char *path, Options *options, GError **error)
{
  g_autoptr(PwStore) store = NULL;
  g_autofree char *recovery = NULL;

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    return pw_cli_open_caseload (path, options, error);
  store = create_store (path, options, &recovery, error);
  if (store == NULL)
    return NULL;
  g_printerr ("Created the demo store %s\n", pw_store_get_path (store));
  return pw_caseload_new (store, error);
}

static int
command_demo (Options *options, char **args)
{
  g_autoptr(PwCaseload) caseload = NULL;
  GError *error = NULL;
  PwCaseloadStats stats;
  gint64 started;

  if (options->children < 1 || options->children > PW_DEMO_MAX_CHILDREN)
    return pw_cli_usage_error ("--children: must be between 1 and "
                        G_STRINGIFY (PW_DEMO_MAX_CHILDREN));
  if (options->seed < 0 || options->seed > G_MAXUINT32)
    return pw_cli_usage_error ("--seed: must be between 0 and 4294967295");
  if (!check_kdf_seconds (options))
    return pw_cli_usage_error ("--kdf-seconds: must be between 0.05 and 10");
  caseload = open_or_create_demo (args[0], options, &error);
  if (caseload == NULL)
    return pw_cli_fail (error);
  pw_caseload_set_actor (caseload, "Pathway demo");
  started = g_get_monotonic_time ();
  if (!pw_demo_fill (caseload, options->children, options->seed, &error) ||
      !pw_caseload_get_stats (caseload, &stats, &error))
    return pw_cli_fail (error);
  g_print ("Added %d demo children (seed %" G_GINT64_FORMAT ") in %.1f s; the store now holds "
           "%u children, %u with an open APDR cycle.\n", options->children, options->seed,
           (g_get_monotonic_time () - started) / (double) G_USEC_PER_SEC, stats.children,
           stats.open_cycles);
  return EXIT_OK;
}

/* child add ------------------------------------------------------------------------ */

typedef struct
{
  PwCaseload *caseload;
  Options *options;
  PwRecord *child;
  PwRecord *level_change;   /* NULL when no level is given */
} ChildAdd;

static PwRecordClass *
child_class (void)
{
  guint n;

  pw_entity_types (&n);  /* holds every record class */
  return g_type_class_peek (PW_TYPE_CHILD);
}

/* Fields that `child add` sets from an option of the same name: REF fields
 * are named instead (ref_options), and upn-temporary follows from the UPN. */
static gboolean
is_child_option (const PwField *field)
{
  return (field->flags & PW_FIELD_DERIVED) == 0 && field->type != PW_FIELD_REF &&
         strcmp (field->name, "upn-temporary") != 0;
}

/* Sets @field of @record from @text, checking the field's own rules. */
static gboolean
set_field (PwRecord *record, const char *field, const char *text, GError **error)
{
  return pw_record_parse_field (record, field, text, error) &&
         pw_record_check_field (record, field, error);
}

static int
fill_child (Options *options, PwRecord *child)
{
  PwRecordClass *klass = child_class ();
  GError *error = NULL;

  for (guint i = 0; i < klass->n_fields; i++)
    {
      const PwField *field = &klass->fields[i];
      const char *text = field->type == PW_FIELD_BOOL
                         ? (options->field_flags[i] ? "yes" : NULL)
                         : options->field_values[i];

      if (text != NULL && !set_field (child, field->name, text, &error))
        return fail_option (field->name, error);
    }
  if (!pw_record_is_set (child, "sen-provision"))
    pw_record_set_text (child, "sen-provision", "N");
  for (guint i = 0; i < klass->n_fields; i++)
    if ((klass->fields[i].flags & PW_FIELD_REQUIRED) != 0 &&
        !pw_record_is_set (child, klass->fields[i].name))
      {
        g_autofree char *message = g_strdup_printf ("--%s is required",
                                                    klass->fields[i].name);

        return pw_cli_usage_error (message);
      }
  return EXIT_OK;
}

static int
fill_level_change (Options *options, PwRecord *change)
{
  g_autofree char *today = pw_today ();
  GError *error = NULL;

  pw_record_set_text (change, "date", today);
  pw_record_set_text (change, "route", "initial");
  for (guint i = 0; i < G_N_ELEMENTS (level_options); i++)
    {
      const char *text = options->level_values[i];

      if (text == NULL && i < 3)
        {
          g_autofree char *message = g_strdup_printf ("--%s is required with --level",
                                                      level_options[i].option);

          return pw_cli_usage_error (message);
        }
      if (text != NULL && !set_field (change, level_options[i].field, text, &error))
        return fail_option (level_options[i].option, error);
    }
  return EXIT_OK;
}

static gboolean
level_options_given (Options *options)
{
  for (guint i = 0; i < G_N_ELEMENTS (level_options); i++)
    if (options->level_values[i] != NULL)
      return TRUE;
  return FALSE;
}

/* The option whose field the message of a failed save names, if any: core
 * messages start with the field's label. */
static const char *
option_for_message (PwRecord *record, const char *message)
{
  PwRecordClass *klass = PW_RECORD_GET_CLASS (record);
  const PwField *best = NULL;

  for (guint i = 0; i < klass->n_fields; i++)
    if (g_str_has_prefix (message, klass->fields[i].label) &&
        (best == NULL || strlen (klass->fields[i].label) > strlen (best->label)))
      best = &klass->fields[i];
  if (best == NULL)
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (level_options); i++)
    if (PW_IS_LEVEL_CHANGE (record) && strcmp (level_options[i].field, best->name) == 0)
      return level_options[i].option;
  for (guint i = 0; i < G_N_ELEMENTS (ref_options); i++)
    if (PW_IS_CHILD (record) && strcmp (ref_options[i].field, best->name) == 0)
      return ref_options[i].option;
  return PW_IS_CHILD (record) ? best->name : NULL;
}

static gboolean
save_named (PwCaseload *caseload, PwRecord *record, GError **error)
{
  const char *option;

  if (pw_caseload_save (caseload, record, error))
    return TRUE;
  option = option_for_message (record, (*error)->message);
  if (option != NULL)
    g_prefix_error (error, "--%s: ", option);
  return FALSE;
}

static gboolean
set_refs (ChildAdd *add, GError **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (ref_options); i++)
    {
      const char *name = add->options->ref_values[i];
      gint64 id;

      if (name == NULL)
        continue;
      id = i == 0 ? pw_caseload_ensure_setting (add->caseload, name, error)
                  : pw_caseload_ensure_worker (add->caseload, name, error);
      if (id == 0)
        {
          g_prefix_error (error, "--%s: ", ref_options[i].option);
          return FALSE;
        }
      pw_record_set_int (add->child, ref_options[i].field, id);
    }
  return TRUE;
}

/* In one transaction: a level refused (Level 3 without a lead
 * practitioner, say) leaves no child behind. */
static gboolean
add_child_cb (gpointer user_data, GError **error)
{
  ChildAdd *add = user_data;

  if (!set_refs (add, error) || !save_named (add->caseload, add->child, error))
    return FALSE;
  if (add->level_change == NULL)
    return TRUE;
  pw_record_set_int (add->level_change, "child-id", pw_record_get_id (add->child));
  return save_named (add->caseload, add->level_change, error);
}

static int
check_child_options (Options *options, ChildAdd *add)
{
  int status = fill_child (options, add->child);

  if (status != EXIT_OK)
    return status;
  if (options->level_values[0] == NULL)
    return level_options_given (options) ? pw_cli_usage_error ("--level is missing") : EXIT_OK;
  add->level_change = pw_record_new (PW_TYPE_LEVEL_CHANGE);
  return fill_level_change (options, add->level_change);
}

static int
command_child (Options *options, char **args)
{
  g_autoptr(PwCaseload) caseload = NULL;
  g_autoptr(PwRecord) child = pw_record_new (PW_TYPE_CHILD);
  ChildAdd add = { NULL, options, child, NULL };
  GError *error = NULL;
  const char *upn;
  int status;

  if (strcmp (args[0], "add") != 0)
    return pw_cli_usage_error ("unknown child command; the one there is, is “child add”");
  status = check_child_options (options, &add);
  if (status == EXIT_OK && (caseload = pw_cli_open_caseload (args[1], options, &error)) == NULL)
    status = pw_cli_fail (error);
  add.caseload = caseload;
  if (status == EXIT_OK && !pw_caseload_transaction (caseload, add_child_cb, &add, &error))
    status = pw_cli_fail (error);
  g_clear_object (&add.level_change);
  if (status != EXIT_OK)
    return status;
  upn = pw_record_get_text (child, "upn");
  g_print ("%s\n", upn != NULL ? upn : pw_record_get_uuid (child));
  return EXIT_OK;
}

/* search and stats ---------------------------------------------------------------- */

/* Pads by characters, not bytes, so that names with accents line up. */
static void
append_column (GString *line, const char *text, guint width)
{
  glong n = g_utf8_strlen (text, -1);

  g_string_append (line, text);
  for (glong i = n; i < (glong) width; i++)
    g_string_append_c (line, ' ');
  g_string_append_c (line, ' ');
}

static void
print_child (PwRecord *child)
{
  g_autoptr(GString) line = g_string_new (NULL);
  g_autofree char *name = g_strdup_printf ("%s %s",
                                           pw_record_get_text (child, "legal-given-name"),
                                           pw_record_get_text (child, "legal-family-name"));
  g_autofree char *level = g_strdup_printf ("Level %d",
                                            (int) pw_record_get_int (child, "current-level"));
  const char *upn = pw_record_get_text (child, "upn");

  append_column (line, name, 30);
  append_column (line, upn != NULL ? upn : "no UPN", 13);
  append_column (line, pw_record_get_int (child, "current-level") > 0 ? level : "no level", 8);
  if (pw_record_is_set (child, "archived-on"))
    g_string_append (line, "archived");
  g_strchomp (line->str);
  g_print ("%s\n", line->str);
}

static int
command_search (Options *options, char **args)
{
  g_autoptr(PwCaseload) caseload = NULL;
  g_autoptr(GListModel) children = NULL;
  g_autofree char *text = g_strjoinv (" ", args + 1);
  GError *error = NULL;
  guint n;

  if (options->limit < 1)
    return pw_cli_usage_error ("--limit: must be at least 1");
  caseload = pw_cli_open_caseload (args[0], options, &error);
  if (caseload == NULL ||
      (children = pw_caseload_search (caseload, text, options->limit, &error)) == NULL)
    return pw_cli_fail (error);
  n = g_list_model_get_n_items (children);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PwRecord) child = g_list_model_get_item (children, i);

      print_child (child);
    }
  if (n == 0)
    g_printerr ("No child matches “%s”.\n", text);
  return EXIT_OK;
}

static int
command_stats (Options *options, char **args)
{
  g_autoptr(PwCaseload) caseload = NULL;
  GError *error = NULL;
  PwCaseloadStats s;

  caseload = pw_cli_open_caseload (args[0], options, &error);
  if (caseload == NULL || !pw_caseload_get_stats (caseload, &s, &error))
    return pw_cli_fail (error);
  g_print ("%-24s %6u\n", "Children", s.children);
  for (guint level = 1; level <= 4; level++)
    {
      g_autofree char *label = g_strdup_printf ("  at Level %u", level);

      g_print ("%-24s %6u\n", label, s.by_level[level]);
    }
  g_print ("%-24s %6u\n", "  with no level", s.by_level[0]);
  g_print ("%-24s %6u\n", "Open APDR cycles", s.open_cycles);
  g_print ("%-24s %6u\n", "Reviews overdue", s.overdue_reviews);
  g_print ("%-24s %6u\n", "Reviews due in 14 days", s.due_soon);
  g_print ("%-24s %6u\n", "Persistent absence", s.persistent_absence);
  g_print ("%-24s %6u\n", "Severe absence", s.severe_absence);
  g_print ("%-24s %6u\n", "Archived", s.archived);
  return EXIT_OK;
}

/* Command line ---------------------------------------------------------------------- */

static const Command commands[] = {
  { "init", command_init, "STORE", 1, FALSE, WITH_PASSPHRASE | WITH_KDF,
    "Create a new encrypted store" },
  { "info", command_info, "STORE", 1, FALSE, 0,
    "Show what the store's envelope says (nothing secret)" },
  { "verify", command_verify, "STORE", 1, FALSE, WITH_UNLOCK,
    "Check that every page, the envelope and the audit log are authentic" },
  { "passwd", command_passwd, "STORE", 1, FALSE, WITH_UNLOCK | WITH_NEW_PASSPHRASE,
    "Change the passphrase" },
  { "recovery", command_recovery, "STORE", 1, FALSE, WITH_UNLOCK,
    "Replace the recovery key" },
  { "demo", command_demo, "STORE", 1, FALSE, WITH_UNLOCK | WITH_KDF | WITH_DEMO,
    "Fill a store (created if missing) with invented children" },
  { "child", command_child, "add STORE", 2, FALSE, WITH_UNLOCK | WITH_CHILD,
    "Add a child (child add --help lists the fields)" },
  { "search", command_search, "STORE TEXT…", 2, TRUE, WITH_UNLOCK | WITH_LIMIT,
    "Find children by name, UPN or the text of notes" },
  { "stats", command_stats, "STORE", 1, FALSE, WITH_UNLOCK,
    "Count children by level, reviews due and absence" },
  { "export", pw_cli_command_export, "STORE", 1, FALSE,
    WITH_UNLOCK | WITH_OUT | WITH_SCOPE | WITH_SEAL,
    "Write children to a Pathway case file (XML), optionally sealed" },
  { "import", pw_cli_command_import, "STORE FILE", 2, FALSE,
    WITH_UNLOCK | WITH_DRY_RUN | WITH_SECRET_KEY | WITH_SIGNER,
    "Read a Pathway case file into the store, all or nothing" },
  { "keygen", pw_cli_command_keygen, "NAME", 1, FALSE, 0,
    "Make a council's key pair for sealed files: NAME.pub and NAME.key" },
  { "open", pw_cli_command_open, "FILE", 1, FALSE, WITH_OUT | WITH_SECRET_KEY | WITH_SIGNER,
    "Open a sealed file with --key, checking its signature" },
  { "signer", pw_cli_command_signer, "STORE", 1, FALSE, WITH_UNLOCK | WITH_OUT,
    "Show the store's signing key; --out writes it for --signer" },
  { "summary", pw_cli_command_summary, "STORE", 1, FALSE,
    WITH_UNLOCK | WITH_OUT | WITH_CHILD_UPN,
    "Write a child's case summary for a TALC or Intervention Circle meeting (PDF)" },
};

static char *
commands_summary (void)
{
  GString *text = g_string_new ("Commands:\n");

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_string_append_printf (text, "  %-10s %s\n", commands[i].name, commands[i].summary);
  g_string_append (text, "\n“pathway-cli COMMAND --help” shows the options of a command.\n"
                         "Passphrases are read from the terminal, or from --passphrase-file "
                         "(\"-\" for standard input, one a line).\n"
                         "Exit status: 0 ok, 64 usage, 65 invalid input, 69 not a store, "
                         "74 input/output, 75 store in use, 76 damaged or tampered, "
                         "77 wrong passphrase or key.");
  return g_string_free (text, FALSE);
}

static void
add_entry (Options *options, const char *name, GOptionArg arg, gpointer data,
           const char *description, const char *arg_description)
{
  GOptionEntry entry = { name, 0, 0, arg, data, description, arg_description };

  g_array_append_val (options->entries, entry);
}

static void
add_unlock_entries (Options *options, guint with)
{
  if (with & WITH_PASSPHRASE)
    add_entry (options, "passphrase-file", G_OPTION_ARG_FILENAME, &options->passphrase_file,
               "Read the passphrase from FILE (- for standard input)", "FILE");
  if (with & WITH_RECOVERY_KEY)
    add_entry (options, "recovery-key-file", G_OPTION_ARG_FILENAME,
               &options->recovery_key_file,
               "Unlock with the recovery key in FILE instead of the passphrase", "FILE");
  if (with & WITH_NEW_PASSPHRASE)
    add_entry (options, "new-passphrase-file", G_OPTION_ARG_FILENAME,
               &options->new_passphrase_file, "Read the new passphrase from FILE", "FILE");
  if (with & WITH_KDF)
    add_entry (options, "kdf-seconds", G_OPTION_ARG_DOUBLE, &options->kdf_seconds,
               "Time one unlock spends deriving the key (a new store; default 0.75)",
               "SECONDS");
}

static void
add_demo_entries (Options *options, guint with)
{
  if (with & WITH_DEMO)
    {
      add_entry (options, "children", G_OPTION_ARG_INT, &options->children,
                 "How many children to add (default 200)", "N");
      add_entry (options, "seed", G_OPTION_ARG_INT64, &options->seed,
                 "The same seed adds the same children (default 1)", "S");
    }
  if (with & WITH_LIMIT)
    add_entry (options, "limit", G_OPTION_ARG_INT, &options->limit,
               "Show at most N children (default 50)", "N");
}

static void
add_exchange_entries (Options *options, guint with)
{
  if (with & WITH_OUT)
    add_entry (options, "out", G_OPTION_ARG_FILENAME, &options->out,
               "Write to FILE (replaced only when the whole file is written)", "FILE");
  if (with & WITH_SCOPE)
    {
      add_entry (options, "scope", G_OPTION_ARG_STRING, &options->scope,
                 "Which children: all (the default), level=N[,N…] or upn=UPN[,UPN…]",
                 "SCOPE");
      add_entry (options, "include-archived", G_OPTION_ARG_NONE, &options->include_archived,
                 "Include archived children", NULL);
    }
  if (with & WITH_SEAL)
    add_entry (options, "seal-to", G_OPTION_ARG_FILENAME, &options->seal_to,
               "Encrypt to the recipient's public key in FILE and sign with the store's key",
               "FILE");
  if (with & WITH_SECRET_KEY)
    add_entry (options, "key", G_OPTION_ARG_FILENAME, &options->key_file,
               "The recipient's secret key, to open a sealed file", "FILE");
  if (with & WITH_SIGNER)
    add_entry (options, "signer", G_OPTION_ARG_FILENAME, &options->signer,
               "Refuse a sealed file not signed by the store whose public key is in FILE",
               "FILE");
  if (with & WITH_DRY_RUN)
    add_entry (options, "dry-run", G_OPTION_ARG_NONE, &options->dry_run,
               "Report what would change, and change nothing", NULL);
  if (with & WITH_CHILD_UPN)
    add_entry (options, "child", G_OPTION_ARG_STRING, &options->child_upn,
               "The child, by UPN", "UPN");
}

/* "Sex: M, F or U": a code field's help lists its codes. */
static const char *
describe_field (Options *options, const PwField *field)
{
  g_autoptr(GString) text = g_string_new (field->label);
  const PwCode *codes;
  guint n;

  if (field->type != PW_FIELD_CODE)
    return field->label;
  codes = pw_codes_get (field->codes, &n);
  for (guint i = 0; i < n; i++)
    g_string_append_printf (text, "%s%s", i == 0 ? ": " : i + 1 == n ? " or " : ", ",
                            codes[i].code);
  g_ptr_array_add (options->strings, g_string_free (g_steal_pointer (&text), FALSE));
  return g_ptr_array_index (options->strings, options->strings->len - 1);
}

static const char *
field_arg_description (const PwField *field)
{
  switch (field->type)
    {
    case PW_FIELD_DATE:
      return "YYYY-MM-DD";
    case PW_FIELD_CODE:
      return "CODE";
    case PW_FIELD_INT:
      return "N";
    default:
      return "TEXT";
    }
}

static void
add_child_entries (Options *options)
{
  PwRecordClass *klass = child_class ();

  options->n_fields = klass->n_fields;
  options->field_values = g_new0 (char *, klass->n_fields);
  options->field_flags = g_new0 (gboolean, klass->n_fields);
  for (guint i = 0; i < klass->n_fields; i++)
    {
      const PwField *field = &klass->fields[i];
      gboolean flag = field->type == PW_FIELD_BOOL;

      if (!is_child_option (field))
        continue;
      add_entry (options, field->name, flag ? G_OPTION_ARG_NONE : G_OPTION_ARG_STRING,
                 flag ? (gpointer) &options->field_flags[i] : &options->field_values[i],
                 describe_field (options, field), flag ? NULL : field_arg_description (field));
    }
  for (guint i = 0; i < G_N_ELEMENTS (ref_options); i++)
    add_entry (options, ref_options[i].option, G_OPTION_ARG_STRING, &options->ref_values[i],
               ref_options[i].description, "NAME");
  for (guint i = 0; i < G_N_ELEMENTS (level_options); i++)
    add_entry (options, level_options[i].option, G_OPTION_ARG_STRING,
               &options->level_values[i], level_options[i].description,
               level_options[i].arg_description);
}

static GOptionContext *
command_context (const Command *command, Options *options)
{
  GOptionContext *context = g_option_context_new (command->parameters);
  GOptionEntry end = { NULL };

  add_unlock_entries (options, command->with);
  add_demo_entries (options, command->with);
  add_exchange_entries (options, command->with);
  if (command->with & WITH_CHILD)
    add_child_entries (options);
  g_array_append_val (options->entries, end);
  g_option_context_add_main_entries (context, (GOptionEntry *) options->entries->data, NULL);
  g_option_context_set_summary (context, command->summary);
  return context;
}

static void
options_clear (Options *options)
{
  g_clear_pointer (&options->passphrase_file, g_free);
  g_clear_pointer (&options->new_passphrase_file, g_free);
  g_clear_pointer (&options->recovery_key_file, g_free);
  for (guint i = 0; options->field_values != NULL && i < options->n_fields; i++)
    g_free (options->field_values[i]);
  g_clear_pointer (&options->field_values, g_free);
  g_clear_pointer (&options->field_flags, g_free);
  for (guint i = 0; i < G_N_ELEMENTS (options->ref_values); i++)
    g_clear_pointer (&options->ref_values[i], g_free);
  for (guint i = 0; i < G_N_ELEMENTS (options->level_values); i++)
    g_clear_pointer (&options->level_values[i], g_free);
  g_clear_pointer (&options->out, g_free);
  g_clear_pointer (&options->scope, g_free);
  g_clear_pointer (&options->seal_to, g_free);
  g_clear_pointer (&options->key_file, g_free);
  g_clear_pointer (&options->signer, g_free);
  g_clear_pointer (&options->child_upn, g_free);
  g_clear_pointer (&options->entries, g_array_unref);
  g_clear_pointer (&options->strings, g_ptr_array_unref);
}

static const Command *
find_command (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_strcmp0 (commands[i].name, name) == 0)
      return &commands[i];
  return NULL;
}

/* @argv starts at the command's name. */
static int
run_command (const Command *command, int argc, char **argv)
{
  Options options = { .kdf_seconds = 0.75, .children = 200, .seed = 1, .limit = 50 };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  guint n_args;
  int status;

  options.entries = g_array_new (FALSE, TRUE, sizeof (GOptionEntry));
  options.strings = g_ptr_array_new_with_free_func (g_free);
  context = command_context (command, &options);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    status = pw_cli_usage_error (error->message);
  else if ((n_args = argc - 1) < command->n_args ||
           (n_args > command->n_args && !command->more_args))
    status = pw_cli_usage_error ("wrong number of arguments; see the command's --help");
  else
    status = command->func (&options, argv + 1);
  options_clear (&options);
  return status;
}

/* Without a command: --help lists the commands, --version shows the version. */
static int
run_top_level (int argc, char **argv)
{
  gboolean version = FALSE;
  const GOptionEntry entries[] = {
    { "version", 0, 0, G_OPTION_ARG_NONE, &version, "Show the version", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("COMMAND …");
  g_autofree char *summary = commands_summary ();
  g_autoptr(GError) error = NULL;

  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_set_summary (context, "Work with a Pathway case store without a display.");
  g_option_context_set_description (context, summary);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return pw_cli_usage_error (error->message);
  if (!version)
    return pw_cli_usage_error ("give a command and a store file");
  g_print ("pathway-cli %s\n", PACKAGE_VERSION);
  return EXIT_OK;
}

int
main (int argc, char *argv[])
{
  g_autofree char *prgname = NULL;
  const Command *command;

  setlocale (LC_ALL, "");
  pw_crypto_init ();
  if (argc < 2 || argv[1][0] == '-')
    {
      g_set_prgname ("pathway-cli");
      return run_top_level (argc, argv);
    }
  command = find_command (argv[1]);
  if (command == NULL)
    return pw_cli_usage_error ("unknown command");
  /* For the usage line of --help: "pathway-cli demo [OPTION…] STORE". */
  prgname = g_strconcat ("pathway-cli ", command->name, NULL);
  g_set_prgname (prgname);
  return run_command (command, argc - 1, argv + 1);
}

/* pw-ui-util.c
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Small helpers the store pages and dialogs share: the passphrase strength
 * hint, the default place for a new store, and the sentences shown for the
 * core's errors.
 */

#define G_LOG_DOMAIN "pw-ui-util"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "pw-crypto.h"
#include "pw-store.h"
#include "pw-ui-util.h"

#define STORE_BASENAME  "cases"
#define STORE_EXTENSION ".pathway"
#define MAX_STORE_NAMES 100

/* Sizes of the alphabets a passphrase may draw from. */
#define POOL_LOWER 26
#define POOL_UPPER 26
#define POOL_DIGIT 10
#define POOL_OTHER 33

#define WEAK_BELOW_BITS 60.0
#define FAIR_BELOW_BITS 90.0

static guint
alphabet_size (const char *text)
{
  gboolean lower = FALSE, upper = FALSE, digit = FALSE, other = FALSE;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isupper (c))
        upper = TRUE;
      else if (g_unichar_isalpha (c))
        lower = TRUE;
      else if (g_unichar_isdigit (c))
        digit = TRUE;
      else
        other = TRUE;
    }

  return (lower ? POOL_LOWER : 0) + (upper ? POOL_UPPER : 0) +
         (digit ? POOL_DIGIT : 0) + (other ? POOL_OTHER : 0);
}

static guint
count_distinct (const char *text)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    g_hash_table_add (seen, GUINT_TO_POINTER (g_utf8_get_char (p)));

  return g_hash_table_size (seen);
}

/* A rough estimate of the bits a guesser must cover: the length, counted
 * only as far as the passphrase keeps using different characters (so that
 * "aaaaaaaaaaaa" is not long), times the bits of the alphabets it uses. */
static double
estimate_bits (const char *passphrase)
{
  glong length = g_utf8_strlen (passphrase, -1);
  glong useful = MIN (length, 2 * (glong) count_distinct (passphrase));

  return useful * log2 (MAX (alphabet_size (passphrase), 2));
}

/**
 * pw_passphrase_min_length:
 *
 * Returns: the fewest characters a new passphrase may have
 */
guint
pw_passphrase_min_length (void)
{
  return PW_PASSPHRASE_MIN;
}

/**
 * pw_passphrase_long_enough:
 * @passphrase: a passphrase being typed
 *
 * The core's rule for a new passphrase, so that the form can say so before
 * any key is derived.
 */
gboolean
pw_passphrase_long_enough (const char *passphrase)
{
  g_return_val_if_fail (passphrase != NULL, FALSE);

  return g_utf8_strlen (passphrase, -1) >= PW_PASSPHRASE_MIN;
}

PwPassphraseStrength
pw_passphrase_strength (const char *passphrase)
{
  double bits;

  g_return_val_if_fail (passphrase != NULL, PW_PASSPHRASE_TOO_SHORT);

  if (!pw_passphrase_long_enough (passphrase))
    return PW_PASSPHRASE_TOO_SHORT;

  bits = estimate_bits (passphrase);
  if (bits < WEAK_BELOW_BITS)
    return PW_PASSPHRASE_WEAK;
  if (bits < FAIR_BELOW_BITS)
    return PW_PASSPHRASE_FAIR;
  return PW_PASSPHRASE_STRONG;
}

const char *
pw_passphrase_strength_to_string (PwPassphraseStrength strength)
{
  switch (strength)
    {
    case PW_PASSPHRASE_TOO_SHORT:
      return _("Too short");
    case PW_PASSPHRASE_WEAK:
      return _("Weak");
    case PW_PASSPHRASE_FAIR:
      return _("Fair");
    case PW_PASSPHRASE_STRONG:
      return _("Strong");
    default:
      g_return_val_if_reached (NULL);
    }
}

/**
 * pw_kdf_strength_to_seconds:
 * @strength: a value of the `kdf-strength` setting
 *
 * Returns: how long one key derivation should take on this machine
 */
double
pw_kdf_strength_to_seconds (const char *strength)
{
  if (g_strcmp0 (strength, "interactive") == 0)
    return 0.25;
  if (g_strcmp0 (strength, "sensitive") == 0)
    return 2.0;
  return 0.75;
}

/**
 * pw_default_store_path:
 *
 * Proposes `$XDG_DATA_HOME/pathway/cases.pathway`, or the first free
 * `cases-N.pathway` beside it when that name is taken.
 *
 * Returns: (transfer full): an absolute path
 */
char *
pw_default_store_path (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "pathway", NULL);

  for (guint i = 1; i < MAX_STORE_NAMES; i++)
    {
      g_autofree char *name = i == 1 ? g_strdup (STORE_BASENAME STORE_EXTENSION)
                                     : g_strdup_printf (STORE_BASENAME "-%u" STORE_EXTENSION, i);
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        return g_steal_pointer (&path);
    }

  return g_build_filename (dir, STORE_BASENAME STORE_EXTENSION, NULL);
}

/**
 * pw_store_error_to_text:
 * @error: an error from the store
 *
 * The core writes its messages in English only.  Where the error's code
 * says everything a person needs, the sentence here is translated; where
 * the message carries more (which page failed, which file), it is kept.
 *
 * Returns: (transfer full): a sentence to show next to the field
 */
char *
pw_store_error_to_text (const GError *error)
{
  g_return_val_if_fail (error != NULL, NULL);

  if (error->domain != PW_STORE_ERROR)
    return g_strdup (error->message);

  switch (error->code)
    {
    case PW_STORE_ERROR_WRONG_KEY:
      return g_strdup (_("The passphrase is not correct"));
    case PW_STORE_ERROR_NOT_A_STORE:
      return g_strdup (_("This file is not a Pathway store"));
    case PW_STORE_ERROR_BUSY:
      return g_strdup (_("The store is open in another program. Close it there first."));
    case PW_STORE_ERROR_VERSION:
      return g_strdup (_("This store was made by a newer version of Pathway. "
                         "Update Pathway to open it."));
    default:
      return g_strdup (error->message);
    }
}

/**
 * pw_wipe_string:
 * @secret: (nullable): a passphrase or key in plain memory
 *
 * Overwrites @secret so that it does not linger in freed memory.
 */
void
pw_wipe_string (char *secret)
{
  if (secret != NULL)
    explicit_bzero (secret, strlen (secret));
}

/**
 * pw_clear_secret:
 * @secret: a pointer to a string to wipe and free
 */
void
pw_clear_secret (char **secret)
{
  g_return_if_fail (secret != NULL);

  pw_wipe_string (*secret);
  g_clear_pointer (secret, g_free);
}

/* pw-crypto.c
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Key derivation, guarded key memory and recovery keys.
 *
 * Passphrases and recovery keys are stretched with Argon2id into slot keys
 * that wrap the store's random data key.  The data key itself never leaves
 * guarded memory; page and envelope keys are derived from it with BLAKE2b.
 */

#include "config.h"

#include <sodium.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>

#include "pw-crypto.h"

/* Crockford's base32: no I, L, O or U, so a written key reads back. */
static const char base32_alphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

#define RECOVERY_CHECK_BYTES 3
#define RECOVERY_GROUP       5
#define KDF_MAX_OPSLIMIT     64
#define KDF_MAX_MEMLIMIT     (G_GUINT64_CONSTANT (4) << 30)

static void
disable_core_dumps (void)
{
  struct rlimit none = { 0, 0 };

  setrlimit (RLIMIT_CORE, &none);
  prctl (PR_SET_DUMPABLE, 0, 0, 0, 0);
}

/**
 * pw_crypto_init:
 *
 * Initialises libsodium and stops the process from dumping core, so that
 * keys in memory cannot end up in a core file.  Safe to call many times.
 */
void
pw_crypto_init (void)
{
  static gsize initialised = 0;

  if (g_once_init_enter (&initialised))
    {
      if (sodium_init () < 0)
        g_error ("libsodium could not be initialised");
      disable_core_dumps ();
      g_once_init_leave (&initialised, 1);
    }
}

guint8 *
pw_secure_alloc (gsize size)
{
  guint8 *mem;

  pw_crypto_init ();
  mem = sodium_malloc (size);
  if (mem == NULL)
    g_error ("out of guarded memory for keys");
  sodium_memzero (mem, size);
  return mem;
}

void
pw_secure_free (gpointer mem)
{
  if (mem != NULL)
    sodium_free (mem);
}

/**
 * pw_check_passphrase:
 *
 * Returns: %TRUE if @passphrase is acceptable for a new key slot.
 */
gboolean
pw_check_passphrase (const char  *passphrase,
                     GError     **error)
{
  glong n_chars;

  if (passphrase == NULL || !g_utf8_validate (passphrase, -1, NULL))
    {
      g_set_error_literal (error, PW_STORE_ERROR, PW_STORE_ERROR_INVALID,
                           "passphrase: must be valid UTF-8 text");
      return FALSE;
    }
  n_chars = g_utf8_strlen (passphrase, -1);
  if (n_chars < PW_PASSPHRASE_MIN)
    {
      g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_INVALID,
                   "passphrase: must be at least %d characters long", PW_PASSPHRASE_MIN);
      return FALSE;
    }
  if (strlen (passphrase) > PW_PASSPHRASE_MAX)
    {
      g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_INVALID,
                   "passphrase: must be at most %d bytes long", PW_PASSPHRASE_MAX);
      return FALSE;
    }
  return TRUE;
}

/**
 * pw_kdf_cost_is_acceptable:
 * @cost: a key-derivation cost read from a key slot or asked for
 *
 * A cost below libsodium's INTERACTIVE limits is refused (test builds accept
 * libsodium's minimum so that the suite stays fast), and so is one so high
 * that it can only come from a tampered envelope.
 */
gboolean
pw_kdf_cost_is_acceptable (const PwKdfCost *cost)
{
#ifdef PW_TESTING
  guint64 min_ops = crypto_pwhash_argon2id_OPSLIMIT_MIN;
  guint64 min_mem = crypto_pwhash_argon2id_MEMLIMIT_MIN;
#else
  guint64 min_ops = crypto_pwhash_argon2id_OPSLIMIT_INTERACTIVE;
  guint64 min_mem = crypto_pwhash_argon2id_MEMLIMIT_INTERACTIVE;
#endif

  g_return_val_if_fail (cost != NULL, FALSE);

  return cost->opslimit >= min_ops && cost->opslimit <= KDF_MAX_OPSLIMIT &&
         cost->memlimit >= min_mem && cost->memlimit <= KDF_MAX_MEMLIMIT;
}

static double
time_one_derivation (const PwKdfCost *cost)
{
  guint8 out[PW_KEY_BYTES];
  guint8 salt[PW_SALT_BYTES] = { 0 };
  gint64 start = g_get_monotonic_time ();

  if (crypto_pwhash (out, sizeof out, "calibration", 11, salt, cost->opslimit,
                     cost->memlimit, crypto_pwhash_ALG_ARGON2ID13) != 0)
    return -1;
  return (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
}

/* The first derivation pays for faulting in fresh memory and the machine
 * may be busy: warm up, then keep the faster of two timings. */
static double
time_derivation (const PwKdfCost *cost)
{
  double first, second;

  if (time_one_derivation (cost) < 0)
    return -1;
  first = time_one_derivation (cost);
  second = time_one_derivation (cost);
  return MIN (first, second);
}

/**
 * pw_kdf_cost_calibrate:
 * @target_seconds: how long one unlock should spend deriving the key
 * @cost: (out): the calibrated cost
 *
 * Measures Argon2id on this machine and picks memory and passes so that one
 * derivation takes about @target_seconds, never below INTERACTIVE.  More
 * memory is preferred to more passes: it is what makes guessing costly on
 * specialised hardware.
 *
 * Returns: %FALSE if not even INTERACTIVE could run (out of memory).
 */
gboolean
pw_kdf_cost_calibrate (double     target_seconds,
                       PwKdfCost *cost)
{
  static const guint64 memlimits[] = { 256 << 20, 128 << 20, 64 << 20 };
  double seconds = -1;
  double passes;

  pw_crypto_init ();
  for (guint i = 0; i < G_N_ELEMENTS (memlimits); i++)
    {
      cost->opslimit = crypto_pwhash_argon2id_OPSLIMIT_INTERACTIVE;
      cost->memlimit = memlimits[i];
      seconds = time_derivation (cost);
      if (seconds > 0 && seconds <= target_seconds)
        break;
    }
  if (seconds <= 0)
    return FALSE;

  /* Argon2id time grows linearly with the number of passes. */
  passes = cost->opslimit * target_seconds / seconds;
  cost->opslimit = CLAMP ((guint64) (passes + 0.5), crypto_pwhash_argon2id_OPSLIMIT_INTERACTIVE,
                          KDF_MAX_OPSLIMIT);
  return TRUE;
}

/* A recovery key carries 176 random bits, so it needs no costly stretching;
 * INTERACTIVE keeps a stolen file from being tried against it cheaply. */
void
pw_kdf_cost_for_recovery (PwKdfCost *cost)
{
#ifdef PW_TESTING
  cost->opslimit = crypto_pwhash_argon2id_OPSLIMIT_MIN;
  cost->memlimit = crypto_pwhash_argon2id_MEMLIMIT_MIN;
#else
  cost->opslimit = crypto_pwhash_argon2id_OPSLIMIT_INTERACTIVE;
  cost->memlimit = crypto_pwhash_argon2id_MEMLIMIT_INTERACTIVE;
#endif
}

gboolean
pw_derive_slot_key (const guint8     *secret,
                    gsize             secret_len,
                    const guint8     *salt,
                    const PwKdfCost  *cost,
                    guint8           *key_out,
                    GError          **error)
{
  pw_crypto_init ();
  if (crypto_pwhash (key_out, PW_KEY_BYTES, (const char *) secret, secret_len, salt,
                     cost->opslimit, cost->memlimit, crypto_pwhash_ALG_ARGON2ID13) != 0)
    {
      g_set_error_literal (error, PW_STORE_ERROR, PW_STORE_ERROR_IO,
                           "Not enough memory to derive the key from the passphrase");
      return FALSE;
    }
  return TRUE;
}

void
pw_derive_subkey (const guint8 *data_key,
                  guint64       id,
                  guint8       *subkey_out)
{
  crypto_kdf_derive_from_key (subkey_out, PW_KEY_BYTES, id, "PWSTORE1", data_key);
}

static void
recovery_check (const guint8 *raw,
                guint8       *check)
{
  crypto_generichash (check, RECOVERY_CHECK_BYTES, raw, PW_RECOVERY_RAW_BYTES, NULL, 0);
}

static void
append_base32 (GString      *out,
               const guint8 *bytes,
               gsize         n_bytes)
{
  guint buffer = 0;
  guint bits = 0;

  for (gsize i = 0; i < n_bytes; i++)
    {
      buffer = (buffer << 8) | bytes[i];
      bits += 8;
      while (bits >= 5)
        {
          bits -= 5;
          g_string_append_c (out, base32_alphabet[(buffer >> bits) & 31]);
        }
    }
  if (bits > 0)
    g_string_append_c (out, base32_alphabet[(buffer << (5 - bits)) & 31]);
}

/**
 * pw_recovery_key_generate:
 * @raw_out: (out): %PW_RECOVERY_RAW_BYTES bytes of key material
 *
 * Returns: (transfer full): the key as groups of five characters that a
 *   person can write down, for example `7K2QD-…`.
 */
char *
pw_recovery_key_generate (guint8 *raw_out)
{
  guint8 encoded[PW_RECOVERY_RAW_BYTES + RECOVERY_CHECK_BYTES];
  g_autoptr(GString) flat = g_string_new (NULL);
  GString *grouped = g_string_new (NULL);

  pw_crypto_init ();
  randombytes_buf (raw_out, PW_RECOVERY_RAW_BYTES);
  memcpy (encoded, raw_out, PW_RECOVERY_RAW_BYTES);
  recovery_check (raw_out, encoded + PW_RECOVERY_RAW_BYTES);
  append_base32 (flat, encoded, sizeof encoded);
  for (gsize i = 0; i < flat->len; i++)
    {
      if (i > 0 && i % RECOVERY_GROUP == 0)
        g_string_append_c (grouped, '-');
      g_string_append_c (grouped, flat->str[i]);
    }
  sodium_memzero (encoded, sizeof encoded);
  sodium_memzero (flat->str, flat->len);
  return g_string_free (grouped, FALSE);
}

static int
base32_value (char c)
{
  const char *pos;

  c = g_ascii_toupper (c);
  if (c == 'O')
    c = '0';
  else if (c == 'I' || c == 'L')
    c = '1';
  pos = strchr (base32_alphabet, c);
  return (pos != NULL && c != '\0') ? (int) (pos - base32_alphabet) : -1;
}

/**
 * pw_recovery_key_parse:
 * @text: a recovery key as the user typed it (case, dashes and spaces do not matter)
 * @raw_out: (out): %PW_RECOVERY_RAW_BYTES bytes of key material
 *
 * Returns: %FALSE with %PW_STORE_ERROR_INVALID if @text is not a recovery key
 *   or has a typing error.
 */
gboolean
pw_recovery_key_parse (const char  *text,
                       guint8      *raw_out,
                       GError     **error)
{
  guint8 decoded[PW_RECOVERY_RAW_BYTES + RECOVERY_CHECK_BYTES] = { 0 };
  guint8 check[RECOVERY_CHECK_BYTES];
  gsize n_bytes = 0;
  guint buffer = 0, bits = 0;

  for (const char *p = text; *p != '\0'; p++)
    {
      int value;

      if (*p == '-' || g_ascii_isspace (*p))
        continue;
      value = base32_value (*p);
      if (value < 0 || n_bytes >= sizeof decoded)
        goto invalid;
      buffer = (buffer << 5) | (guint) value;
      bits += 5;
      if (bits >= 8)
        {
          bits -= 8;
          decoded[n_bytes++] = (buffer >> bits) & 0xff;
        }
    }
  if (n_bytes != sizeof decoded)
    goto invalid;

  recovery_check (decoded, check);
  if (sodium_memcmp (check, decoded + PW_RECOVERY_RAW_BYTES, sizeof check) != 0)
    goto invalid;
  memcpy (raw_out, decoded, PW_RECOVERY_RAW_BYTES);
  sodium_memzero (decoded, sizeof decoded);
  return TRUE;

invalid:
  sodium_memzero (decoded, sizeof decoded);
  g_set_error_literal (error, PW_STORE_ERROR, PW_STORE_ERROR_INVALID,
                       "recovery key: must be 40 letters and digits in groups of five; "
                       "check it for typing errors");
  return FALSE;
}

/* test-envelope.c
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <sodium.h>
#include <string.h>

#include "pw-crypto.h"
#include "pw-envelope.h"

static void
make_envelope (PwEnvelope *env, guint64 sequence)
{
  memset (env, 0, sizeof *env);
  env->version = PW_FORMAT_VERSION;
  env->aead = PW_AEAD_XCHACHA20;
  env->page_size = PW_PAGE_SIZE;
  env->reserve_size = PW_RESERVE_SIZE;
  env->sequence = sequence;
  randombytes_buf (env->uuid, sizeof env->uuid);
  env->slots[0].kind = PW_SLOT_PASSPHRASE;
  env->slots[0].kdf = PW_KDF_ARGON2ID13;
  env->slots[0].cost.opslimit = 3;
  env->slots[0].cost.memlimit = 256 << 20;
  randombytes_buf (env->slots[0].salt, 16);
  randombytes_buf (env->slots[0].wrapped, PW_WRAPPED_BYTES);
  randombytes_buf (env->mac, PW_MAC_BYTES);
}

static void
refresh_checksum (guint8 *copy)
{
  crypto_generichash (copy + PW_ENVELOPE_COPY_SIZE - 32, 32, copy, PW_ENVELOPE_COPY_SIZE - 32,
                      NULL, 0);
}

static void
test_round_trip (void)
{
  g_autoptr(GError) error = NULL;
  guint8 data[PW_ENVELOPE_SIZE];
  PwEnvelope env, parsed;

  make_envelope (&env, 7);
  pw_envelope_serialize (&env, data);
  g_assert_true (pw_envelope_parse (data, sizeof data, &parsed, &error));
  g_assert_no_error (error);
  g_assert_true (parsed.copy_ok[0] && parsed.copy_ok[1]);
  g_assert_cmpuint (parsed.sequence, ==, 7);
  g_assert_cmpmem (parsed.uuid, 16, env.uuid, 16);
  g_assert_cmpmem (&parsed.slots, sizeof parsed.slots, &env.slots, sizeof env.slots);
  g_assert_cmpmem (parsed.mac, 32, env.mac, 32);
}

static void
test_one_damaged_copy (void)
{
  g_autoptr(GError) error = NULL;
  guint8 data[PW_ENVELOPE_SIZE];
  PwEnvelope env, parsed;

  make_envelope (&env, 3);
  for (guint copy = 0; copy < 2; copy++)
    {
      pw_envelope_serialize (&env, data);
      data[copy * PW_ENVELOPE_COPY_SIZE + 100] ^= 0x40;
      g_assert_true (pw_envelope_parse (data, sizeof data, &parsed, &error));
      g_assert_no_error (error);
      g_assert_false (parsed.copy_ok[copy]);
      g_assert_true (parsed.copy_ok[!copy]);
      g_assert_cmpmem (&parsed.slots, sizeof parsed.slots, &env.slots, sizeof env.slots);
    }
}

static void
test_both_copies_damaged (void)
{
  g_autoptr(GError) error = NULL;
  guint8 data[PW_ENVELOPE_SIZE];
  PwEnvelope env, parsed;

  make_envelope (&env, 3);
  pw_envelope_serialize (&env, data);
  data[60] ^= 1;
  data[PW_ENVELOPE_COPY_SIZE + 60] ^= 1;
  g_assert_false (pw_envelope_parse (data, sizeof data, &parsed, &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "Both copies"));
}

/* A write torn between the two copies leaves an older and a newer copy. */
static void
test_newer_copy_wins (void)
{
  g_autoptr(GError) error = NULL;
  guint8 old_data[PW_ENVELOPE_SIZE], new_data[PW_ENVELOPE_SIZE];
  PwEnvelope env, parsed;

  make_envelope (&env, 4);
  pw_envelope_serialize (&env, old_data);
  env.sequence = 5;
  env.slots[0].cost.opslimit = 4;
  pw_envelope_serialize (&env, new_data);

  memcpy (old_data, new_data, PW_ENVELOPE_COPY_SIZE);  /* A written, B not yet */
  g_assert_true (pw_envelope_parse (old_data, sizeof old_data, &parsed, &error));
  g_assert_cmpuint (parsed.sequence, ==, 5);
  g_assert_cmpuint (parsed.slots[0].cost.opslimit, ==, 4);
}

static void
test_not_a_store (void)
{
  g_autoptr(GError) error = NULL;
  guint8 data[PW_ENVELOPE_SIZE] = { 0 };
  PwEnvelope env, parsed;

  g_assert_false (pw_envelope_parse (data, sizeof data, &parsed, &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_NOT_A_STORE);
  g_clear_error (&error);

  memcpy (data, "SQLite format 3", 16);
  g_assert_false (pw_envelope_parse (data, sizeof data, &parsed, &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_NOT_A_STORE);
  g_clear_error (&error);

  make_envelope (&env, 1);
  pw_envelope_serialize (&env, data);
  g_assert_false (pw_envelope_parse (data, 1000, &parsed, &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_NOT_A_STORE);
}

static void
test_newer_format_version (void)
{
  g_autoptr(GError) error = NULL;
  guint8 data[PW_ENVELOPE_SIZE];
  PwEnvelope env, parsed;

  make_envelope (&env, 1);
  env.version = PW_FORMAT_VERSION + 1;
  pw_envelope_serialize (&env, data);
  g_assert_false (pw_envelope_parse (data, sizeof data, &parsed, &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_VERSION);
  g_assert_nonnull (strstr (error->message, "version 2"));
}

static void
test_unknown_parameters (void)
{
  g_autoptr(GError) error = NULL;
  guint8 data[PW_ENVELOPE_SIZE];
  PwEnvelope env, parsed;

  make_envelope (&env, 1);
  env.page_size = 8192;
  pw_envelope_serialize (&env, data);
  g_assert_false (pw_envelope_parse (data, sizeof data, &parsed, &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_CORRUPT);
  g_clear_error (&error);

  /* A slot kind nobody writes, with a correct checksum, spoils its copy. */
  make_envelope (&env, 1);
  pw_envelope_serialize (&env, data);
  data[48] = 9;
  refresh_checksum (data);
  g_assert_true (pw_envelope_parse (data, sizeof data, &parsed, &error));
  g_assert_false (parsed.copy_ok[0]);
}

static void
test_mac_covers_slots (void)
{
  guint8 key[32], mac_a[32], mac_b[32];
  PwEnvelope env;

  randombytes_buf (key, sizeof key);
  make_envelope (&env, 1);
  pw_envelope_compute_mac (&env, key, mac_a);
  env.slots[0].cost.memlimit += 1;
  pw_envelope_compute_mac (&env, key, mac_b);
  g_assert_true (memcmp (mac_a, mac_b, 32) != 0);
  env.slots[0].cost.memlimit -= 1;
  env.sequence++;
  pw_envelope_compute_mac (&env, key, mac_b);
  g_assert_true (memcmp (mac_a, mac_b, 32) != 0);
}

static void
test_recovery_key_format (void)
{
  g_autoptr(GError) error = NULL;
  guint8 raw[PW_RECOVERY_RAW_BYTES], parsed[PW_RECOVERY_RAW_BYTES];
  g_autofree char *key = pw_recovery_key_generate (raw);
  g_autofree char *sloppy = NULL;
  g_auto(GStrv) groups = g_strsplit (key, "-", -1);

  g_assert_cmpuint (g_strv_length (groups), ==, 8);
  for (guint i = 0; groups[i] != NULL; i++)
    g_assert_cmpuint (strlen (groups[i]), ==, 5);
  g_assert_null (strpbrk (key, "ILOU"));

  /* O for 0 and l for 1 are forgiven; so are case and spacing. */
  sloppy = g_ascii_strdown (key, -1);
  g_strdelimit (sloppy, "0", 'o');
  g_strdelimit (sloppy, "1", 'l');
  g_strdelimit (sloppy, "-", ' ');
  g_assert_true (pw_recovery_key_parse (sloppy, parsed, &error));
  g_assert_no_error (error);
  g_assert_cmpmem (raw, sizeof raw, parsed, sizeof parsed);

  g_assert_false (pw_recovery_key_parse ("", parsed, &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (pw_recovery_key_parse ("!!!!!-!!!!!", parsed, &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_INVALID);
}

static void
test_kdf_cost_limits (void)
{
  PwKdfCost cost = { 2, 64 << 20 };

  g_assert_true (pw_kdf_cost_is_acceptable (&cost));
  cost.opslimit = 0;
  g_assert_false (pw_kdf_cost_is_acceptable (&cost));
  cost.opslimit = 1000000;
  g_assert_false (pw_kdf_cost_is_acceptable (&cost));
  cost.opslimit = 3;
  cost.memlimit = G_GUINT64_CONSTANT (1) << 40;  /* a terabyte: only a tampered slot asks */
  g_assert_false (pw_kdf_cost_is_acceptable (&cost));
}

static void
test_passphrase_rules (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *huge = g_strnfill (PW_PASSPHRASE_MAX + 1, 'x');

  g_assert_true (pw_check_passphrase ("eight ch", &error));
  g_assert_false (pw_check_passphrase ("seven c", &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_INVALID);
  g_clear_error (&error);
  /* Characters, not bytes: four two-byte letters are not enough. */
  g_assert_false (pw_check_passphrase ("éééé", &error));
  g_clear_error (&error);
  g_assert_false (pw_check_passphrase (huge, &error));
  g_clear_error (&error);
  g_assert_false (pw_check_passphrase ("\xff\xfe invalid utf8", &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_INVALID);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  pw_crypto_init ();

  g_test_add_func ("/envelope/round-trip", test_round_trip);
  g_test_add_func ("/envelope/one-damaged-copy", test_one_damaged_copy);
  g_test_add_func ("/envelope/both-copies-damaged", test_both_copies_damaged);
  g_test_add_func ("/envelope/newer-copy-wins", test_newer_copy_wins);
  g_test_add_func ("/envelope/not-a-store", test_not_a_store);
  g_test_add_func ("/envelope/newer-format-version", test_newer_format_version);
  g_test_add_func ("/envelope/unknown-parameters", test_unknown_parameters);
  g_test_add_func ("/envelope/mac-covers-slots", test_mac_covers_slots);
  g_test_add_func ("/envelope/recovery-key-format", test_recovery_key_format);
  g_test_add_func ("/envelope/kdf-cost-limits", test_kdf_cost_limits);
  g_test_add_func ("/envelope/passphrase-rules", test_passphrase_rules);

  return g_test_run ();
}

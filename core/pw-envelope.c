/* pw-envelope.c
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The plaintext envelope before page 1 of a store.
 *
 * The first 4096 bytes of the file hold two copies (A at 0, B at 2048) of
 * the same record, each ending in a BLAKE2b checksum, so that a write torn
 * by a power cut leaves one intact copy.  All integers are little endian.
 *
 *   0  magic "\x89PATHWAY"      24  sequence u64
 *   8  format version u16       32  store UUID (16)
 *  10  copy index u16 (0 = A)   48  8 key slots of 128 bytes
 *  12  AEAD id u16            1072  MAC (32), keyed from the data key
 *  14  reserve size u16       1104  zero padding
 *  16  page size u32          2016  checksum over bytes 0..2015
 *  20  slot count u32
 *
 * A slot: kind u8, KDF u8, 6 zero bytes, opslimit u64, memlimit u64,
 * salt (16), nonce (24), wrapped data key (48), 16 zero bytes.
 *
 * This parser is the first code that meets a file's bytes, so it trusts
 * nothing: it is fuzzed.
 */

#include "config.h"

#include <sodium.h>
#include <string.h>

#include "pw-envelope.h"

static const guint8 magic[8] = { 0x89, 'P', 'A', 'T', 'H', 'W', 'A', 'Y' };

#define OFF_VERSION   8
#define OFF_COPY      10
#define OFF_AEAD      12
#define OFF_RESERVE   14
#define OFF_PAGE_SIZE 16
#define OFF_N_SLOTS   20
#define OFF_SEQUENCE  24
#define OFF_UUID      32
#define OFF_SLOTS     48
#define SLOT_SIZE     128
#define OFF_MAC       (OFF_SLOTS + PW_MAX_SLOTS * SLOT_SIZE)
#define OFF_CHECKSUM  (PW_ENVELOPE_COPY_SIZE - 32)

static guint16
get_u16 (const guint8 *p)
{
  return (guint16) (p[0] | (p[1] << 8));
}

static guint32
get_u32 (const guint8 *p)
{
  return (guint32) p[0] | ((guint32) p[1] << 8) | ((guint32) p[2] << 16) | ((guint32) p[3] << 24);
}

static guint64
get_u64 (const guint8 *p)
{
  return (guint64) get_u32 (p) | ((guint64) get_u32 (p + 4) << 32);
}

static void
put_u16 (guint8 *p, guint16 v)
{
  p[0] = v & 0xff;
  p[1] = v >> 8;
}

static void
put_u32 (guint8 *p, guint32 v)
{
  for (guint i = 0; i < 4; i++)
    p[i] = (v >> (8 * i)) & 0xff;
}

static void
put_u64 (guint8 *p, guint64 v)
{
  put_u32 (p, v & 0xffffffff);
  put_u32 (p + 4, v >> 32);
}

static gboolean
all_zero (const guint8 *p, gsize len)
{
  return sodium_is_zero (p, len) == 1;
}

static void
serialize_slot (const PwSlot *slot, guint8 *p)
{
  memset (p, 0, SLOT_SIZE);
  p[0] = slot->kind;
  p[1] = slot->kdf;
  put_u64 (p + 8, slot->cost.opslimit);
  put_u64 (p + 16, slot->cost.memlimit);
  memcpy (p + 24, slot->salt, 16);
  memcpy (p + 40, slot->nonce, PW_NONCE_BYTES);
  memcpy (p + 64, slot->wrapped, PW_WRAPPED_BYTES);
}

static gboolean
parse_slot (const guint8 *p, PwSlot *slot)
{
  if (!all_zero (p + 2, 6) || !all_zero (p + 112, 16))
    return FALSE;
  slot->kind = p[0];
  slot->kdf = p[1];
  slot->cost.opslimit = get_u64 (p + 8);
  slot->cost.memlimit = get_u64 (p + 16);
  memcpy (slot->salt, p + 24, 16);
  memcpy (slot->nonce, p + 40, PW_NONCE_BYTES);
  memcpy (slot->wrapped, p + 64, PW_WRAPPED_BYTES);
  if (slot->kind == PW_SLOT_EMPTY)
    return all_zero (p, SLOT_SIZE);
  return slot->kind <= PW_SLOT_RECOVERY && slot->kdf == PW_KDF_ARGON2ID13;
}

/* Everything but the copy index, the MAC and the checksum. */
static void
serialize_body (const PwEnvelope *env, guint8 *copy)
{
  memset (copy, 0, PW_ENVELOPE_COPY_SIZE);
  memcpy (copy, magic, sizeof magic);
  put_u16 (copy + OFF_VERSION, env->version);
  put_u16 (copy + OFF_AEAD, env->aead);
  put_u16 (copy + OFF_RESERVE, env->reserve_size);
  put_u32 (copy + OFF_PAGE_SIZE, env->page_size);
  put_u32 (copy + OFF_N_SLOTS, PW_MAX_SLOTS);
  put_u64 (copy + OFF_SEQUENCE, env->sequence);
  memcpy (copy + OFF_UUID, env->uuid, PW_UUID_BYTES);
  for (guint i = 0; i < PW_MAX_SLOTS; i++)
    serialize_slot (&env->slots[i], copy + OFF_SLOTS + i * SLOT_SIZE);
}

void
pw_envelope_serialize (const PwEnvelope *env,
                       guint8           *data)
{
  for (guint16 i = 0; i < 2; i++)
    {
      guint8 *copy = data + i * PW_ENVELOPE_COPY_SIZE;

      serialize_body (env, copy);
      put_u16 (copy + OFF_COPY, i);
      memcpy (copy + OFF_MAC, env->mac, PW_MAC_BYTES);
      crypto_generichash (copy + OFF_CHECKSUM, 32, copy, OFF_CHECKSUM, NULL, 0);
    }
}

void
pw_envelope_compute_mac (const PwEnvelope *env,
                         const guint8     *mac_key,
                         guint8           *mac_out)
{
  guint8 body[PW_ENVELOPE_COPY_SIZE];

  serialize_body (env, body);
  crypto_generichash (mac_out, PW_MAC_BYTES, body, OFF_MAC, mac_key, 32);
}

/* Binds a wrapped key to its store, its slot and its parameters, so that
 * moving or editing a slot makes it fail to unwrap. */
void
pw_envelope_slot_ad (const PwEnvelope *env,
                     guint             index,
                     guint8           *ad_out,
                     gsize            *ad_len)
{
  const PwSlot *slot = &env->slots[index];
  guint8 *p = ad_out;

  memcpy (p, env->uuid, PW_UUID_BYTES);
  p += PW_UUID_BYTES;
  *p++ = index;
  *p++ = slot->kind;
  *p++ = slot->kdf;
  put_u64 (p, slot->cost.opslimit);
  p += 8;
  put_u64 (p, slot->cost.memlimit);
  p += 8;
  memcpy (p, slot->salt, 16);
  p += 16;
  *ad_len = p - ad_out;
}

static gboolean
copy_checksum_ok (const guint8 *copy, guint16 index)
{
  guint8 sum[32];

  crypto_generichash (sum, sizeof sum, copy, OFF_CHECKSUM, NULL, 0);
  return sodium_memcmp (sum, copy + OFF_CHECKSUM, sizeof sum) == 0 &&
         get_u16 (copy + OFF_COPY) == index;
}

static gboolean
parse_copy (const guint8 *copy, PwEnvelope *env)
{
  memset (env, 0, sizeof *env);
  env->version = get_u16 (copy + OFF_VERSION);
  env->aead = get_u16 (copy + OFF_AEAD);
  env->reserve_size = get_u16 (copy + OFF_RESERVE);
  env->page_size = get_u32 (copy + OFF_PAGE_SIZE);
  env->sequence = get_u64 (copy + OFF_SEQUENCE);
  memcpy (env->uuid, copy + OFF_UUID, PW_UUID_BYTES);
  memcpy (env->mac, copy + OFF_MAC, PW_MAC_BYTES);
  if (get_u32 (copy + OFF_N_SLOTS) != PW_MAX_SLOTS)
    return FALSE;
  if (!all_zero (copy + OFF_MAC + PW_MAC_BYTES, OFF_CHECKSUM - OFF_MAC - PW_MAC_BYTES))
    return FALSE;
  for (guint i = 0; i < PW_MAX_SLOTS; i++)
    if (!parse_slot (copy + OFF_SLOTS + i * SLOT_SIZE, &env->slots[i]))
      return FALSE;
  return TRUE;
}

static gboolean
check_parameters (const PwEnvelope *env, GError **error)
{
  if (env->version > PW_FORMAT_VERSION)
    {
      g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_VERSION,
                   "The store uses format version %u; this version of Pathway reads "
                   "version %u", env->version, PW_FORMAT_VERSION);
      return FALSE;
    }
  if (env->version != PW_FORMAT_VERSION || env->aead != PW_AEAD_XCHACHA20 ||
      env->page_size != PW_PAGE_SIZE || env->reserve_size != PW_RESERVE_SIZE)
    {
      g_set_error_literal (error, PW_STORE_ERROR, PW_STORE_ERROR_CORRUPT,
                           "The store envelope names a page size, reserve or cipher "
                           "this version of Pathway does not use");
      return FALSE;
    }
  return TRUE;
}

/**
 * pw_envelope_parse:
 * @data: the first bytes of a file
 * @len: how many bytes @data holds
 * @env: (out): the newer intact copy
 *
 * Returns: %FALSE with %PW_STORE_ERROR_NOT_A_STORE if neither copy starts
 *   with the magic, %PW_STORE_ERROR_CORRUPT if no copy is intact.
 */
gboolean
pw_envelope_parse (const guint8  *data,
                   gsize          len,
                   PwEnvelope    *env,
                   GError       **error)
{
  PwEnvelope copies[2];
  gboolean ok[2] = { FALSE, FALSE };
  gboolean any_magic = FALSE;
  guint best;

  for (guint16 i = 0; i < 2; i++)
    {
      const guint8 *copy = data + i * PW_ENVELOPE_COPY_SIZE;

      if (len < (i + 1) * (gsize) PW_ENVELOPE_COPY_SIZE)
        break;
      if (memcmp (copy, magic, sizeof magic) != 0)
        continue;
      any_magic = TRUE;
      ok[i] = copy_checksum_ok (copy, i) && parse_copy (copy, &copies[i]);
    }

  if (!any_magic || len < PW_ENVELOPE_SIZE)
    {
      g_set_error_literal (error, PW_STORE_ERROR, PW_STORE_ERROR_NOT_A_STORE,
                           "This file is not a Pathway store");
      return FALSE;
    }
  if (!ok[0] && !ok[1])
    {
      g_set_error_literal (error, PW_STORE_ERROR, PW_STORE_ERROR_CORRUPT,
                           "Both copies of the store envelope are damaged: the file was "
                           "corrupted or tampered with");
      return FALSE;
    }

  best = (ok[0] && (!ok[1] || copies[0].sequence >= copies[1].sequence)) ? 0 : 1;
  *env = copies[best];
  env->copy_ok[0] = ok[0];
  env->copy_ok[1] = ok[1];
  return check_parameters (env, error);
}

void
pw_uuid_format (const guint8 *uuid,
                char         *out)
{
  static const char hex[] = "0123456789abcdef";
  guint j = 0;

  for (guint i = 0; i < PW_UUID_BYTES; i++)
    {
      if (i == 4 || i == 6 || i == 8 || i == 10)
        out[j++] = '-';
      out[j++] = hex[uuid[i] >> 4];
      out[j++] = hex[uuid[i] & 15];
    }
  out[j] = '\0';
}

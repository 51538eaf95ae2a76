/* pw-envelope.h
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "pw-store.h"

G_BEGIN_DECLS

#define PW_ENVELOPE_SIZE      4096
#define PW_ENVELOPE_COPY_SIZE 2048
#define PW_MAX_SLOTS          8
#define PW_PAGE_SIZE          4096
#define PW_RESERVE_SIZE       40
#define PW_FORMAT_VERSION     1
#define PW_AEAD_XCHACHA20     1
#define PW_KDF_ARGON2ID13     2
#define PW_UUID_BYTES         16
#define PW_WRAPPED_BYTES      48
#define PW_NONCE_BYTES        24
#define PW_MAC_BYTES          32

typedef struct
{
  guint8 kind;
  guint8 kdf;
  PwKdfCost cost;
  guint8 salt[16];
  guint8 nonce[PW_NONCE_BYTES];
  guint8 wrapped[PW_WRAPPED_BYTES];
} PwSlot;

typedef struct
{
  guint16 version;
  guint16 aead;
  guint32 page_size;
  guint32 reserve_size;
  guint64 sequence;
  guint8 uuid[PW_UUID_BYTES];
  PwSlot slots[PW_MAX_SLOTS];
  guint8 mac[PW_MAC_BYTES];
  /* Not stored: which copies passed their checksum when parsed. */
  gboolean copy_ok[2];
} PwEnvelope;

gboolean  pw_envelope_parse         (const guint8      *data,
                                     gsize              len,
                                     PwEnvelope        *env,
                                     GError           **error);
void      pw_envelope_serialize     (const PwEnvelope  *env,
                                     guint8            *data);
void      pw_envelope_compute_mac   (const PwEnvelope  *env,
                                     const guint8      *mac_key,
                                     guint8            *mac_out);
void      pw_envelope_slot_ad       (const PwEnvelope  *env,
                                     guint              index,
                                     guint8            *ad_out,
                                     gsize             *ad_len);
void      pw_uuid_format            (const guint8      *uuid,
                                     char              *out);

#define PW_SLOT_AD_MAX 64

G_END_DECLS

/* pw-crypto.h
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "pw-store.h"

G_BEGIN_DECLS

#define PW_KEY_BYTES          32
#define PW_SALT_BYTES         16
#define PW_RECOVERY_RAW_BYTES 22
#define PW_PASSPHRASE_MIN     8
#define PW_PASSPHRASE_MAX     1024

void       pw_crypto_init               (void);

guint8    *pw_secure_alloc              (gsize             size);
void       pw_secure_free               (gpointer          mem);

gboolean   pw_check_passphrase          (const char       *passphrase,
                                         GError          **error);
gboolean   pw_derive_slot_key           (const guint8     *secret,
                                         gsize             secret_len,
                                         const guint8     *salt,
                                         const PwKdfCost  *cost,
                                         guint8           *key_out,
                                         GError          **error);
void       pw_derive_subkey             (const guint8     *data_key,
                                         guint64           id,
                                         guint8           *subkey_out);
void       pw_kdf_cost_for_recovery     (PwKdfCost        *cost);

char      *pw_recovery_key_generate     (guint8           *raw_out);
gboolean   pw_recovery_key_parse        (const char       *text,
                                         guint8           *raw_out,
                                         GError          **error);

enum {
  PW_SUBKEY_PAGES = 1,
  PW_SUBKEY_ENVELOPE_MAC = 2,
  PW_SUBKEY_AUDIT = 3,
};

G_END_DECLS

/* pw-ui-util.h
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * PwPassphraseStrength:
 * @PW_PASSPHRASE_TOO_SHORT: shorter than a store accepts
 * @PW_PASSPHRASE_WEAK: accepted, but easy to guess
 * @PW_PASSPHRASE_FAIR: takes some guessing
 * @PW_PASSPHRASE_STRONG: long and varied
 *
 * A rough guide for the person choosing a passphrase, not a guarantee.
 */
typedef enum
{
  PW_PASSPHRASE_TOO_SHORT,
  PW_PASSPHRASE_WEAK,
  PW_PASSPHRASE_FAIR,
  PW_PASSPHRASE_STRONG,
} PwPassphraseStrength;

PwPassphraseStrength  pw_passphrase_strength           (const char   *passphrase);
const char           *pw_passphrase_strength_to_string (PwPassphraseStrength strength);
guint                 pw_passphrase_min_length         (void);
gboolean              pw_passphrase_long_enough        (const char   *passphrase);

double                pw_kdf_strength_to_seconds       (const char   *strength);

char                 *pw_default_store_path            (void);
char                 *pw_store_error_to_text           (const GError *error);

void                  pw_wipe_string                   (char         *secret);
void                  pw_clear_secret                  (char        **secret);

G_END_DECLS

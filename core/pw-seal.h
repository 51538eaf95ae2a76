/* pw-seal.h
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define PW_SEAL_ERROR (pw_seal_error_quark ())

/**
 * PwSealError:
 * @PW_SEAL_ERROR_NOT_SEALED: the file is not a sealed Pathway file
 * @PW_SEAL_ERROR_VERSION: the file was sealed by a newer format version
 * @PW_SEAL_ERROR_WRONG_KEY: the secret key does not open the file
 * @PW_SEAL_ERROR_CORRUPT: the file was changed after it was sealed
 * @PW_SEAL_ERROR_TRUNCATED: the file was cut short
 * @PW_SEAL_ERROR_BAD_SIGNATURE: the signature does not match the file
 * @PW_SEAL_ERROR_SIGNER: the file was signed by another store than the one expected
 * @PW_SEAL_ERROR_KEY_FILE: a key file is missing its key, malformed, or the wrong kind
 * @PW_SEAL_ERROR_INVALID: an argument breaks a rule (signer label, unusable public key)
 */
typedef enum
{
  PW_SEAL_ERROR_NOT_SEALED,
  PW_SEAL_ERROR_VERSION,
  PW_SEAL_ERROR_WRONG_KEY,
  PW_SEAL_ERROR_CORRUPT,
  PW_SEAL_ERROR_TRUNCATED,
  PW_SEAL_ERROR_BAD_SIGNATURE,
  PW_SEAL_ERROR_SIGNER,
  PW_SEAL_ERROR_KEY_FILE,
  PW_SEAL_ERROR_INVALID,
} PwSealError;

/* Sizes of the keys, equal to libsodium's crypto_box_* and crypto_sign_*. */
#define PW_SEAL_PUBLIC_KEY_BYTES   32   /* X25519, crypto_box_PUBLICKEYBYTES */
#define PW_SEAL_SECRET_KEY_BYTES   32   /* X25519, crypto_box_SECRETKEYBYTES */
#define PW_SEAL_SIGNER_KEY_BYTES   32   /* Ed25519, crypto_sign_PUBLICKEYBYTES */
#define PW_SEAL_SIGNING_KEY_BYTES  64   /* Ed25519, crypto_sign_SECRETKEYBYTES */

#define PW_SEAL_MAGIC_BYTES  8          /* "PWSEALED" */
#define PW_SEAL_VERSION      1
#define PW_SEAL_CHUNK_BYTES  (64 * 1024) /* plaintext in one part */
#define PW_SEAL_LABEL_MAX    256        /* bytes of the signer's label */

GQuark          pw_seal_error_quark                 (void);

gboolean        pw_seal_keygen                      (const char          *public_path,
                                                     const char          *secret_path,
                                                     GError             **error);
gboolean        pw_seal_read_public_key             (const char          *path,
                                                     guint8              *public_key,
                                                     GError             **error);
gboolean        pw_seal_read_secret_key             (const char          *path,
                                                     guint8              *secret_key,
                                                     GError             **error);
gboolean        pw_seal_write_signer_key            (const char          *path,
                                                     const guint8        *signer_key,
                                                     GError             **error);
gboolean        pw_seal_read_signer_key             (const char          *path,
                                                     guint8              *signer_key,
                                                     GError             **error);

char           *pw_seal_fingerprint                 (const guint8        *signer_key);
gboolean        pw_seal_is_sealed                   (const guint8        *head,
                                                     gsize                len);

#define PW_TYPE_SEAL_OUTPUT_STREAM (pw_seal_output_stream_get_type ())
G_DECLARE_FINAL_TYPE (PwSealOutputStream, pw_seal_output_stream, PW, SEAL_OUTPUT_STREAM,
                      GFilterOutputStream)

GOutputStream  *pw_seal_output_stream_new           (GOutputStream       *base,
                                                     const guint8        *recipient_pk,
                                                     const guint8        *signer_sk,
                                                     const char          *signer_label,
                                                     GError             **error);

#define PW_TYPE_SEAL_INPUT_STREAM (pw_seal_input_stream_get_type ())
G_DECLARE_FINAL_TYPE (PwSealInputStream, pw_seal_input_stream, PW, SEAL_INPUT_STREAM,
                      GFilterInputStream)

GInputStream   *pw_seal_input_stream_new            (GInputStream        *base,
                                                     const guint8        *recipient_sk,
                                                     const guint8        *recipient_pk,
                                                     GError             **error);
void            pw_seal_input_stream_set_expected_signer (PwSealInputStream *self,
                                                     const guint8        *signer_key);
const char     *pw_seal_input_stream_get_signer_label (PwSealInputStream *self);
const guint8   *pw_seal_input_stream_get_signer_key (PwSealInputStream   *self);
gboolean        pw_seal_input_stream_get_verified   (PwSealInputStream   *self);

G_END_DECLS

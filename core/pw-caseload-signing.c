/* pw-caseload-signing.c
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The store's Ed25519 signing key, which signs its sealed exports.  It is
 * made the first time it is needed and kept in store_meta under
 * 'signing-key' as base64 of the 64-byte secret key; the store file is
 * encrypted, so the key is too.  Its making is audited. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sodium.h>
#include <string.h>

#include "pw-caseload-private.h"
#include "pw-crypto.h"

#define SIGNING_KEY_B64_LEN sodium_base64_ENCODED_LEN (crypto_sign_SECRETKEYBYTES, \
                                                       sodium_base64_VARIANT_ORIGINAL)

typedef struct
{
  PwCaseload *self;
  guint8 *sk;
  guint8 *pk;
} SigningKey;

/* The secret key holds its seed and its public key: both must agree. */
static gboolean
parse_signing_key (const char *text, guint8 *sk, guint8 *pk, GError **error)
{
  guint8 *check_sk = pw_secure_alloc (crypto_sign_SECRETKEYBYTES);
  size_t len = 0;
  gboolean ok;

  ok = sodium_base642bin (sk, crypto_sign_SECRETKEYBYTES, text, strlen (text), NULL, &len,
                          NULL, sodium_base64_VARIANT_ORIGINAL) == 0 &&
       len == crypto_sign_SECRETKEYBYTES &&
       crypto_sign_seed_keypair (pk, check_sk, sk) == 0 &&
       sodium_memcmp (check_sk, sk, crypto_sign_SECRETKEYBYTES) == 0;
  pw_secure_free (check_sk);
  if (ok)
    return TRUE;
  sodium_memzero (sk, crypto_sign_SECRETKEYBYTES);
  g_set_error_literal (error, PW_STORE_ERROR, PW_STORE_ERROR_CORRUPT,
                       _("The store’s signing key is damaged"));
  return FALSE;
}

static gboolean
insert_signing_key (PwCaseload *self, const guint8 *sk, GError **error)
{
  char text[SIGNING_KEY_B64_LEN];
  sqlite3_stmt *stmt;
  int rc;

  stmt = _pw_caseload_prepare (self, "INSERT INTO store_meta (key, value) "
                               "VALUES ('signing-key', ?)", error);
  if (stmt == NULL)
    return FALSE;
  sodium_bin2base64 (text, sizeof text, sk, crypto_sign_SECRETKEYBYTES,
                     sodium_base64_VARIANT_ORIGINAL);
  sqlite3_bind_text (stmt, 1, text, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  _pw_caseload_release (self, stmt);
  sodium_memzero (text, sizeof text);
  return rc == SQLITE_DONE || _pw_caseload_sql_error (self, error);
}

/* A key made with the store is part of its making; one made later, for a
 * store older than signing keys, is in the audit log. */
static gboolean
create_signing_key (PwCaseload *self, guint8 *sk, guint8 *pk, GError **error)
{
  crypto_sign_keypair (pk, sk);
  if (insert_signing_key (self, sk, error) &&
      (_pw_caseload_get_new_store (self) ||
       _pw_caseload_audit (self, "create", "store_meta", "signing-key", error)))
    return TRUE;
  sodium_memzero (sk, crypto_sign_SECRETKEYBYTES);
  return FALSE;
}

static gboolean
get_signing_key_cb (gpointer   user_data,
                    GError   **error)
{
  SigningKey *key = user_data;
  char *text = NULL;
  gboolean ok;

  if (!_pw_caseload_query_text (key->self, "SELECT value FROM store_meta "
                                "WHERE key = 'signing-key'", 0, &text, error))
    return FALSE;
  if (text == NULL)
    return create_signing_key (key->self, key->sk, key->pk, error);
  ok = parse_signing_key (text, key->sk, key->pk, error);
  sodium_memzero (text, strlen (text));
  g_free (text);
  return ok;
}

/**
 * pw_caseload_get_signing_key:
 * @sk: (out caller-allocates): the Ed25519 secret key, 64 bytes
 *   (crypto_sign_SECRETKEYBYTES); wipe it with sodium_memzero() after use
 * @pk: (out caller-allocates): its public key, 32 bytes
 *   (crypto_sign_PUBLICKEYBYTES)
 *
 * The key the store signs its sealed exports with, made the first time it
 * is asked for and the same ever after.
 *
 * Returns: %TRUE with @sk and @pk filled, %FALSE with @error set
 */
gboolean
pw_caseload_get_signing_key (PwCaseload  *self,
                             guint8      *sk,
                             guint8      *pk,
                             GError     **error)
{
  SigningKey key = { self, sk, pk };

  g_return_val_if_fail (PW_IS_CASELOAD (self), FALSE);
  g_return_val_if_fail (sk != NULL && pk != NULL, FALSE);

  pw_crypto_init ();
  if (pw_caseload_transaction (self, get_signing_key_cb, &key, error))
    return TRUE;
  sodium_memzero (sk, crypto_sign_SECRETKEYBYTES);
  return FALSE;
}

/* pw-store.h
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define PW_STORE_ERROR (pw_store_error_quark ())

/**
 * PwStoreError:
 * @PW_STORE_ERROR_WRONG_KEY: the passphrase or recovery key does not open the store
 * @PW_STORE_ERROR_NOT_A_STORE: the file is not a Pathway store
 * @PW_STORE_ERROR_CORRUPT: the store is damaged or was tampered with
 * @PW_STORE_ERROR_BUSY: the store is open in another program
 * @PW_STORE_ERROR_IO: reading or writing the file failed (disk full, read-only…)
 * @PW_STORE_ERROR_LOCKED: the operation needs an unlocked store
 * @PW_STORE_ERROR_INVALID: an argument breaks a rule (weak passphrase, malformed key…)
 * @PW_STORE_ERROR_REFUSED: the store refuses the operation (page size, temporary files…)
 * @PW_STORE_ERROR_VERSION: the store was written by a newer format version
 * @PW_STORE_ERROR_SQL: a statement from an upper layer failed
 */
typedef enum
{
  PW_STORE_ERROR_WRONG_KEY,
  PW_STORE_ERROR_NOT_A_STORE,
  PW_STORE_ERROR_CORRUPT,
  PW_STORE_ERROR_BUSY,
  PW_STORE_ERROR_IO,
  PW_STORE_ERROR_LOCKED,
  PW_STORE_ERROR_INVALID,
  PW_STORE_ERROR_REFUSED,
  PW_STORE_ERROR_VERSION,
  PW_STORE_ERROR_SQL,
} PwStoreError;

/**
 * PwKdfCost:
 * @opslimit: Argon2id passes
 * @memlimit: Argon2id memory in bytes
 *
 * The cost of deriving a slot key from a passphrase.
 */
typedef struct
{
  guint64 opslimit;
  guint64 memlimit;
} PwKdfCost;

typedef enum
{
  PW_SLOT_EMPTY = 0,
  PW_SLOT_PASSPHRASE = 1,
  PW_SLOT_RECOVERY = 2,
} PwSlotKind;

/**
 * PwStoreInfo:
 *
 * What the plaintext envelope of a store says; nothing secret.
 */
typedef struct
{
  guint format_version;
  char uuid[37];
  guint page_size;
  guint reserve_size;
  guint64 page_count;
  guint64 sequence;
  guint n_slots;
  PwSlotKind slot_kinds[8];
  PwKdfCost slot_costs[8];
} PwStoreInfo;

/**
 * PwStoreFunc:
 *
 * Work run by pw_store_transaction() inside one transaction; return %FALSE
 * with @error set to roll everything back.
 */
typedef gboolean (*PwStoreFunc) (gpointer user_data, GError **error);

#define PW_TYPE_STORE (pw_store_get_type ())
G_DECLARE_FINAL_TYPE (PwStore, pw_store, PW, STORE, GObject)

GQuark       pw_store_error_quark            (void);

gboolean     pw_kdf_cost_calibrate           (double            target_seconds,
                                              PwKdfCost        *cost);
gboolean     pw_kdf_cost_is_acceptable       (const PwKdfCost  *cost);

PwStore     *pw_store_create                 (const char       *path,
                                              const char       *passphrase,
                                              const PwKdfCost  *cost,
                                              char            **recovery_key,
                                              GError          **error);
PwStore     *pw_store_open                   (const char       *path,
                                              GError          **error);
gboolean     pw_store_read_info              (const char       *path,
                                              PwStoreInfo      *info,
                                              GError          **error);

const char  *pw_store_get_path               (PwStore          *self);
const char  *pw_store_get_uuid               (PwStore          *self);
gboolean     pw_store_get_locked             (PwStore          *self);

gboolean     pw_store_unlock                 (PwStore          *self,
                                              const char       *passphrase,
                                              GError          **error);
gboolean     pw_store_unlock_with_recovery   (PwStore          *self,
                                              const char       *recovery_key,
                                              GError          **error);
void         pw_store_lock                   (PwStore          *self);

gboolean     pw_store_change_passphrase      (PwStore          *self,
                                              const char       *new_passphrase,
                                              GError          **error);
char        *pw_store_replace_recovery_key   (PwStore          *self,
                                              GError          **error);

gboolean     pw_store_verify                 (PwStore          *self,
                                              GError          **error);

gboolean     pw_store_exec                   (PwStore          *self,
                                              const char       *sql,
                                              GError          **error);
gboolean     pw_store_transaction            (PwStore          *self,
                                              PwStoreFunc       func,
                                              gpointer          user_data,
                                              GError          **error);

G_END_DECLS

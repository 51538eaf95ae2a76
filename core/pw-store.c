/* pw-store.c
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* PwStore: one encrypted file holding a caseload.
 *
 * A store is opened locked: only its plaintext envelope is read.  Unlocking
 * derives a slot key from a passphrase or recovery key with Argon2id,
 * unwraps the random data key, checks the envelope's MAC, and opens SQLite
 * through the encrypting VFS shim.  Locking closes SQLite and wipes every
 * key.  The connection runs in exclusive locking mode, so a second program
 * cannot open the same store at the same time.
 */

#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <sodium.h>
#include <string.h>
#include <unistd.h>

#include "pw-crypto.h"
#include "pw-envelope.h"
#include "pw-store-private.h"
#include "pw-vfs.h"

#define CACHE_KIB        65536
#define STORE_META_TABLE "CREATE TABLE store_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)"

struct _PwStore
{
  GObject parent_instance;

  char *path;
  char *base_vfs;
  char *vfs_name;
  PwEnvelope envelope;
  char uuid[37];

  GRecMutex lock;
  guint8 *data_key;
  PwCipher *cipher;
  guint token;
  sqlite3 *db;
  guint generation;
  GArray *close_hooks;
};

typedef struct
{
  GDestroyNotify func;
  gpointer data;
} PwCloseHook;

G_DEFINE_FINAL_TYPE (PwStore, pw_store, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PATH,
  PROP_LOCKED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_QUARK (pw-store-error-quark, pw_store_error)

/* Errors --------------------------------------------------------------------- */

static const char *
file_kind_name (PwFileKind kind)
{
  switch (kind)
    {
    case PW_FILE_WAL:
      return "the write-ahead log";
    case PW_FILE_JOURNAL:
      return "the rollback journal";
    case PW_FILE_MAIN:
    default:
      return "the store";
    }
}

static void
set_auth_error (const PwFailure *failure, GError **error)
{
  if (failure->file == PW_FILE_MAIN && failure->page == 1)
    g_set_error_literal (error, PW_STORE_ERROR, PW_STORE_ERROR_CORRUPT,
                         "Page 1 of the store failed authentication: it is not the "
                         "database this envelope describes, or it was damaged or "
                         "tampered with");
  else if (failure->file == PW_FILE_WAL)
    g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_CORRUPT,
                 "Page %u in the write-ahead log (frame %u) failed authentication: "
                 "the store was damaged or tampered with", failure->page, failure->frame);
  else
    g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_CORRUPT,
                 "Page %u of %s failed authentication: the store was damaged or "
                 "tampered with", failure->page, file_kind_name (failure->file));
}

static gboolean
set_failure_error (const PwFailure *failure, GError **error)
{
  switch (failure->kind)
    {
    case PW_FAILURE_AUTH:
      set_auth_error (failure, error);
      return TRUE;
    case PW_FAILURE_PAGE_FORMAT:
      g_set_error_literal (error, PW_STORE_ERROR, PW_STORE_ERROR_REFUSED,
                           "A store's pages are 4096 bytes with 40 reserved bytes; "
                           "a write that changes either was refused");
      return TRUE;
    case PW_FAILURE_TEMP_FILE:
      g_set_error_literal (error, PW_STORE_ERROR, PW_STORE_ERROR_REFUSED,
                           "The store never writes temporary files to disk; the "
                           "operation that needed one was refused");
      return TRUE;
    case PW_FAILURE_FOREIGN_FILE:
      g_set_error_literal (error, PW_STORE_ERROR, PW_STORE_ERROR_REFUSED,
                           "Only the store's own file can be opened inside it; "
                           "attaching another database was refused");
      return TRUE;
    case PW_FAILURE_NONE:
    default:
      return FALSE;
    }
}

static void
set_sqlite_error (sqlite3 *db, int rc, GError **error)
{
  const char *message = db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc);

  switch (rc & 0xff)
    {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error_literal (error, PW_STORE_ERROR, PW_STORE_ERROR_BUSY,
                           "The store is open in another program; close it there first");
      break;
    case SQLITE_FULL:
      g_set_error_literal (error, PW_STORE_ERROR, PW_STORE_ERROR_IO,
                           "The disk is full; nothing was changed");
      break;
    case SQLITE_READONLY:
      if (db != NULL && sqlite3_db_readonly (db, "main") == 0)
        g_set_error_literal (error, PW_STORE_ERROR, PW_STORE_ERROR_REFUSED,
                             "SQLite refused the write, as it would not fit the store's "
                             "page format; nothing was changed");
      else
        g_set_error_literal (error, PW_STORE_ERROR, PW_STORE_ERROR_IO,
                             "The store file or its folder is read-only; nothing was changed");
      break;
    case SQLITE_CANTOPEN:
    case SQLITE_IOERR:
    case SQLITE_PERM:
      g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_IO,
                   "Reading or writing the store failed (%s); nothing was changed", message);
      break;
    case SQLITE_AUTH:
      g_set_error_literal (error, PW_STORE_ERROR, PW_STORE_ERROR_REFUSED,
                           "Only the store's own file can be opened inside it; "
                           "attaching or copying out to another database was refused");
      break;
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
      g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_CORRUPT,
                   "The store's database is damaged (%s)", message);
      break;
    default:
      g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_SQL, "%s", message);
      break;
    }
}

static gboolean
is_file_error (int rc)
{
  switch (rc & 0xff)
    {
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return TRUE;
    default:
      return FALSE;
    }
}

/* Turns an SQLite failure into an error a person can act on, preferring what
 * the encrypting shim knows (which page failed, what was refused) when the
 * failure came from the files. */
static gboolean
store_error (sqlite3 *db, int rc, GError **error)
{
  PwFailure failure;

  if (pw_vfs_take_failure (&failure) && is_file_error (rc) &&
      set_failure_error (&failure, error))
    return FALSE;
  set_sqlite_error (db, rc, error);
  return FALSE;
}

/* Every operation starts with a clean record of what the shim saw. */
static void
enter (PwStore *self)
{
  PwFailure stale;

  g_rec_mutex_lock (&self->lock);
  pw_vfs_take_failure (&stale);
}

static void
leave (PwStore *self)
{
  g_rec_mutex_unlock (&self->lock);
}

gboolean
_pw_store_set_sqlite_error (PwStore  *self,
                            int       rc,
                            GError  **error)
{
  g_return_val_if_fail (PW_IS_STORE (self), FALSE);

  return store_error (self->db, rc, error);
}

static gboolean
require_unlocked (PwStore *self, GError **error)
{
  if (self->db != NULL)
    return TRUE;
  g_set_error_literal (error, PW_STORE_ERROR, PW_STORE_ERROR_LOCKED,
                       "The store is locked; unlock it first");
  return FALSE;
}

/* Envelope I/O through the base VFS --------------------------------------------
 * Never through open()/close() of our own: closing any descriptor on a file
 * drops every POSIX lock the process holds on it, SQLite's included. */

/* The VFS keeps the file's name until it is closed. */
typedef struct
{
  sqlite3_filename name;
  sqlite3_file file[];
} BaseFile;

static void
close_base_file (sqlite3_file *file)
{
  BaseFile *base = (BaseFile *) ((char *) file - G_STRUCT_OFFSET (BaseFile, file));

  if (file->pMethods != NULL)
    file->pMethods->xClose (file);
  sqlite3_free_filename (base->name);
  g_free (base);
}

static sqlite3_file *
open_base_file (const char  *base_vfs,
                const char  *path,
                int          flags,
                GError     **error)
{
  sqlite3_vfs *vfs = sqlite3_vfs_find (base_vfs);
  BaseFile *base;
  int rc;

  g_assert (vfs != NULL);
  base = g_malloc0 (sizeof (BaseFile) + vfs->szOsFile);
  base->name = sqlite3_create_filename (path, "", "", 0, NULL);
  rc = vfs->xOpen (vfs, base->name, base->file, flags | SQLITE_OPEN_MAIN_DB, NULL);
  if (rc == SQLITE_OK)
    return base->file;
  close_base_file (base->file);
  g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_IO,
               "Could not open the store file “%s” (%s)", path, sqlite3_errstr (rc));
  return NULL;
}

static gboolean
read_envelope (const char  *base_vfs,
               const char  *path,
               PwEnvelope  *env,
               GError     **error)
{
  g_autofree guint8 *data = g_malloc0 (PW_ENVELOPE_SIZE);
  sqlite3_file *file;
  sqlite3_int64 size = 0;
  int rc;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_IO, "There is no store at “%s”", path);
      return FALSE;
    }
  file = open_base_file (base_vfs, path, SQLITE_OPEN_READONLY, error);
  if (file == NULL)
    return FALSE;
  rc = file->pMethods->xFileSize (file, &size);
  if (rc == SQLITE_OK)
    rc = file->pMethods->xRead (file, data, PW_ENVELOPE_SIZE, 0);
  close_base_file (file);
  if (rc != SQLITE_OK && rc != SQLITE_IOERR_SHORT_READ)
    return store_error (NULL, rc, error);
  if (size < PW_ENVELOPE_SIZE + PW_PAGE_SIZE && size != PW_ENVELOPE_SIZE)
    {
      g_set_error_literal (error, PW_STORE_ERROR, PW_STORE_ERROR_NOT_A_STORE,
                           size == 0 ? "This file is empty, not a Pathway store"
                                     : "This file is not a Pathway store");
      return FALSE;
    }
  return pw_envelope_parse (data, PW_ENVELOPE_SIZE, env, error);
}

static void
sync_directory_of (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  int fd = open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

  if (fd >= 0)
    {
      fsync (fd);
      close (fd);
    }
}

static gboolean
write_new_envelope (const char        *base_vfs,
                    const char        *path,
                    const PwEnvelope  *env,
                    GError           **error)
{
  g_autofree guint8 *data = g_malloc0 (PW_ENVELOPE_SIZE);
  sqlite3_file *file;
  int rc;

  pw_envelope_serialize (env, data);
  file = open_base_file (base_vfs, path,
                         SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_EXCLUSIVE,
                         error);
  if (file == NULL)
    return FALSE;
  /* Only its owner need read even the ciphertext; SQLite gives the
   * journal files the same permissions. */
  g_chmod (path, 0600);
  rc = file->pMethods->xWrite (file, data, PW_ENVELOPE_SIZE, 0);
  if (rc == SQLITE_OK)
    rc = file->pMethods->xSync (file, SQLITE_SYNC_FULL);
  close_base_file (file);
  if (rc != SQLITE_OK)
    {
      g_unlink (path);  /* this call created it: leave no half-made store */
      return store_error (NULL, rc, error);
    }
  sync_directory_of (path);
  return TRUE;
}

static sqlite3_file *
main_file (PwStore *self)
{
  sqlite3_file *file = NULL;

  sqlite3_file_control (self->db, "main", SQLITE_FCNTL_FILE_POINTER, &file);
  return file;
}

static gboolean
rewrite_envelope (PwStore *self, PwEnvelope *env, GError **error)
{
  g_autofree guint8 *data = g_malloc0 (PW_ENVELOPE_SIZE);
  int rc;

  env->sequence = self->envelope.sequence + 1;
  pw_envelope_compute_mac (env, self->data_key + PW_KEY_BYTES, env->mac);
  pw_envelope_serialize (env, data);
  rc = pw_vfs_write_envelope (main_file (self), data);
  if (rc != SQLITE_OK)
    return store_error (NULL, rc, error);
  self->envelope = *env;
  self->envelope.copy_ok[0] = self->envelope.copy_ok[1] = TRUE;
  return TRUE;
}

/* Key slots ------------------------------------------------------------------ */

static gboolean
seal_slot (PwEnvelope   *env,
           guint         index,
           PwSlotKind    kind,
           const guint8 *secret,
           gsize         secret_len,
           const PwKdfCost *cost,
           const guint8 *data_key,
           GError      **error)
{
  PwSlot *slot = &env->slots[index];
  guint8 *slot_key = pw_secure_alloc (PW_KEY_BYTES);
  guint8 ad[PW_SLOT_AD_MAX];
  gsize ad_len;
  gboolean ok;

  memset (slot, 0, sizeof *slot);
  slot->kind = kind;
  slot->kdf = PW_KDF_ARGON2ID13;
  slot->cost = *cost;
  randombytes_buf (slot->salt, sizeof slot->salt);
  randombytes_buf (slot->nonce, sizeof slot->nonce);
  ok = pw_derive_slot_key (secret, secret_len, slot->salt, cost, slot_key, error);
  if (ok)
    {
      pw_envelope_slot_ad (env, index, ad, &ad_len);
      crypto_aead_xchacha20poly1305_ietf_encrypt (slot->wrapped, NULL, data_key, PW_KEY_BYTES,
                                                  ad, ad_len, NULL, slot->nonce, slot_key);
    }
  pw_secure_free (slot_key);
  return ok;
}

/* Returns the data key in guarded memory, or NULL if @secret opens no slot
 * of @kind.  A slot whose cost is out of range was edited: that is
 * reported, and the slot is not tried. */
static guint8 *
open_slots (const PwEnvelope *env,
            PwSlotKind        kind,
            const guint8     *secret,
            gsize             secret_len,
            GError          **error)
{
  guint8 *slot_key = pw_secure_alloc (PW_KEY_BYTES);
  guint8 *data_key = pw_secure_alloc (PW_KEY_BYTES * 2);

  for (guint i = 0; i < PW_MAX_SLOTS; i++)
    {
      const PwSlot *slot = &env->slots[i];
      guint8 ad[PW_SLOT_AD_MAX];
      gsize ad_len;

      if (slot->kind != kind)
        continue;
      if (!pw_kdf_cost_is_acceptable (&slot->cost))
        {
          g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_CORRUPT,
                       "Key slot %u asks for key-derivation settings outside the accepted "
                       "range: the store envelope was tampered with", i);
          goto fail;
        }
      if (!pw_derive_slot_key (secret, secret_len, slot->salt, &slot->cost, slot_key, error))
        goto fail;
      pw_envelope_slot_ad (env, i, ad, &ad_len);
      if (crypto_aead_xchacha20poly1305_ietf_decrypt (data_key, NULL, NULL, slot->wrapped,
                                                      PW_WRAPPED_BYTES, ad, ad_len,
                                                      slot->nonce, slot_key) == 0)
        {
          pw_secure_free (slot_key);
          return data_key;
        }
    }
  g_set_error_literal (error, PW_STORE_ERROR, PW_STORE_ERROR_WRONG_KEY,
                       kind == PW_SLOT_RECOVERY ? "This recovery key does not open this store"
                                                : "The passphrase is not correct");
fail:
  pw_secure_free (slot_key);
  pw_secure_free (data_key);
  return NULL;
}

static int
find_slot (const PwEnvelope *env, PwSlotKind kind)
{
  for (guint i = 0; i < PW_MAX_SLOTS; i++)
    if (env->slots[i].kind == kind)
      return i;
  return -1;
}

/* The data key buffer holds the data key, then the envelope MAC key. */
static void
derive_mac_key (guint8 *key_pair)
{
  pw_derive_subkey (key_pair, PW_SUBKEY_ENVELOPE_MAC, key_pair + PW_KEY_BYTES);
}

static gboolean
envelope_mac_ok (const PwEnvelope *env, const guint8 *key_pair)
{
  guint8 mac[PW_MAC_BYTES];

  pw_envelope_compute_mac (env, key_pair + PW_KEY_BYTES, mac);
  return sodium_memcmp (mac, env->mac, PW_MAC_BYTES) == 0;
}

/* SQLite connection ---------------------------------------------------------- */

static char *
store_uri (const char *path, guint token)
{
  g_autofree char *escaped = g_uri_escape_string (path, "/", TRUE);

  return g_strdup_printf ("file:%s?%s=%u", escaped, PW_VFS_URI_PARAM, token);
}

static gboolean
exec_sql (sqlite3 *db, const char *sql, GError **error)
{
  int rc = sqlite3_exec (db, sql, NULL, NULL, NULL);

  return rc == SQLITE_OK || store_error (db, rc, error);
}

static gboolean
prepare_new_database (sqlite3 *db, GError **error)
{
  int reserve = PW_RESERVE_SIZE;
  int rc;

  rc = sqlite3_file_control (db, "main", SQLITE_FCNTL_RESERVE_BYTES, &reserve);
  if (rc != SQLITE_OK)
    return store_error (db, rc, error);
  return exec_sql (db, "PRAGMA page_size=4096", error);
}

static gboolean
apply_connection_rules (sqlite3 *db, GError **error)
{
  static const char rules[] =
    "PRAGMA synchronous=NORMAL;"
    "PRAGMA temp_store=MEMORY;"
    "PRAGMA mmap_size=0;"
    "PRAGMA secure_delete=ON;"
    "PRAGMA foreign_keys=ON;"
    "PRAGMA cell_size_check=ON;"
    "PRAGMA cache_size=-" G_STRINGIFY (CACHE_KIB) ";";

  return exec_sql (db, rules, error);
}

/* Also the first read: it takes the exclusive lock and authenticates page 1. */
static gboolean
enter_wal_mode (sqlite3 *db, GError **error)
{
  sqlite3_stmt *stmt = NULL;
  gboolean is_wal = FALSE;
  int rc;

  rc = sqlite3_prepare_v2 (db, "PRAGMA journal_mode=WAL", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    is_wal = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "wal") == 0;
  sqlite3_finalize (stmt);
  if (rc != SQLITE_ROW)
    return store_error (db, rc, error);
  if (!is_wal)
    {
      g_set_error_literal (error, PW_STORE_ERROR, PW_STORE_ERROR_BUSY,
                           "The store is open in another program; close it there first");
      return FALSE;
    }
  return TRUE;
}

/* Every file SQLite opens must go through the shim with the store's key.
 * A URI such as "file:x?vfs=unix" in ATTACH or VACUUM INTO would write a
 * plaintext copy, so attaching anything but VACUUM's own in-memory scratch
 * database is denied. */
static int
authorize (gpointer    user_data,
           int         action,
           const char *arg1,
           const char *arg2,
           const char *db_name,
           const char *trigger)
{
  if (action == SQLITE_ATTACH && arg1 != NULL && arg1[0] != '\0')
    return SQLITE_DENY;
  return SQLITE_OK;
}

static sqlite3 *
open_database (PwStore *self, gboolean is_new, GError **error)
{
  g_autofree char *uri = store_uri (self->path, self->token);
  sqlite3 *db = NULL;
  int rc;

  pw_vfs_take_failure (&(PwFailure) { 0 });
  rc = sqlite3_open_v2 (uri, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_URI |
                        SQLITE_OPEN_FULLMUTEX | SQLITE_OPEN_EXRESCODE, self->vfs_name);
  if (rc == SQLITE_OK)
    rc = sqlite3_set_authorizer (db, authorize, NULL);
  if (rc == SQLITE_OK &&
      exec_sql (db, "PRAGMA locking_mode=EXCLUSIVE", error) &&
      (!is_new || prepare_new_database (db, error)) &&
      enter_wal_mode (db, error) &&
      apply_connection_rules (db, error) &&
      (!is_new || exec_sql (db, STORE_META_TABLE, error)))
    return db;

  if (rc != SQLITE_OK)
    store_error (db, rc, error);
  sqlite3_close_v2 (db);
  return NULL;
}

/* The layers above finalize the statements they keep prepared first, so
 * the connection, its page cache and its file really close: a locked
 * store keeps nothing decrypted in memory. */
static void
close_database (PwStore *self)
{
  for (guint i = 0; i < self->close_hooks->len; i++)
    {
      PwCloseHook *hook = &g_array_index (self->close_hooks, PwCloseHook, i);

      hook->func (hook->data);
    }
  sqlite3_close_v2 (self->db);
  self->db = NULL;
  self->generation++;
}

static void
forget_keys (PwStore *self)
{
  if (self->token != 0)
    pw_cipher_detach (self->token);
  self->token = 0;
  g_clear_pointer (&self->cipher, pw_cipher_unref);
  g_clear_pointer (&self->data_key, pw_secure_free);
}

/* Takes ownership of @key_pair. */
static gboolean
open_with_key (PwStore *self, guint8 *key_pair, gboolean is_new, GError **error)
{
  guint8 page_key[PW_KEY_BYTES];

  self->data_key = key_pair;
  pw_derive_subkey (key_pair, PW_SUBKEY_PAGES, page_key);
  self->cipher = pw_cipher_new (self->envelope.uuid, page_key);
  sodium_memzero (page_key, sizeof page_key);
  self->token = pw_cipher_attach (self->cipher);

  self->db = open_database (self, is_new, error);
  self->generation++;
  if (self->db == NULL)
    {
      forget_keys (self);
      return FALSE;
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOCKED]);
  return TRUE;
}

/* GObject ---------------------------------------------------------------------- */

static void
pw_store_finalize (GObject *object)
{
  PwStore *self = (PwStore *) object;

  if (self->db != NULL)
    close_database (self);
  forget_keys (self);
  g_array_unref (self->close_hooks);
  g_free (self->path);
  g_free (self->base_vfs);
  g_free (self->vfs_name);
  g_rec_mutex_clear (&self->lock);

  G_OBJECT_CLASS (pw_store_parent_class)->finalize (object);
}

static void
pw_store_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  PwStore *self = PW_STORE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    case PROP_LOCKED:
      g_value_set_boolean (value, pw_store_get_locked (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pw_store_class_init (PwStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pw_store_finalize;
  object_class->get_property = pw_store_get_property;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOCKED] =
    g_param_spec_boolean ("locked", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pw_store_init (PwStore *self)
{
  g_rec_mutex_init (&self->lock);
  self->close_hooks = g_array_new (FALSE, FALSE, sizeof (PwCloseHook));
}

static PwStore *
store_new (const char *path, const char *base_vfs, GError **error)
{
  PwStore *self;
  const char *real_base = base_vfs != NULL ? base_vfs : sqlite3_vfs_find (NULL)->zName;
  g_autofree char *vfs_name = base_vfs != NULL ? g_strconcat (PW_VFS_NAME "-", base_vfs, NULL)
                                               : g_strdup (PW_VFS_NAME);
  int rc;

  pw_crypto_init ();
  rc = pw_vfs_register (vfs_name, real_base);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_IO,
                   "The encryption layer could not be set up (%s)", sqlite3_errstr (rc));
      return NULL;
    }
  self = g_object_new (PW_TYPE_STORE, NULL);
  self->path = g_canonicalize_filename (path, NULL);
  self->base_vfs = g_strdup (real_base);
  self->vfs_name = g_steal_pointer (&vfs_name);
  return self;
}

/* Public API ------------------------------------------------------------------- */

static void
remove_store_files (const char *path)
{
  static const char *const suffixes[] = { "", "-wal", "-journal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *name = g_strconcat (path, suffixes[i], NULL);

      g_unlink (name);
    }
}

static guint8 *
new_envelope (PwEnvelope       *env,
              const char       *passphrase,
              const PwKdfCost  *cost,
              char            **recovery_key,
              GError          **error)
{
  guint8 *key_pair = pw_secure_alloc (PW_KEY_BYTES * 2);
  guint8 *raw = pw_secure_alloc (PW_RECOVERY_RAW_BYTES);
  g_autofree char *recovery = pw_recovery_key_generate (raw);
  PwKdfCost recovery_cost;
  gboolean ok;

  memset (env, 0, sizeof *env);
  env->version = PW_FORMAT_VERSION;
  env->aead = PW_AEAD_XCHACHA20;
  env->page_size = PW_PAGE_SIZE;
  env->reserve_size = PW_RESERVE_SIZE;
  env->sequence = 1;
  randombytes_buf (env->uuid, sizeof env->uuid);
  env->uuid[6] = (env->uuid[6] & 0x0f) | 0x40;  /* a version 4 UUID */
  env->uuid[8] = (env->uuid[8] & 0x3f) | 0x80;
  randombytes_buf (key_pair, PW_KEY_BYTES);
  derive_mac_key (key_pair);
  pw_kdf_cost_for_recovery (&recovery_cost);

  ok = seal_slot (env, 0, PW_SLOT_PASSPHRASE, (const guint8 *) passphrase,
                  strlen (passphrase), cost, key_pair, error) &&
       seal_slot (env, 1, PW_SLOT_RECOVERY, raw, PW_RECOVERY_RAW_BYTES, &recovery_cost,
                  key_pair, error);
  pw_secure_free (raw);
  if (!ok)
    {
      pw_secure_free (key_pair);
      sodium_memzero (recovery, strlen (recovery));
      return NULL;
    }
  pw_envelope_compute_mac (env, key_pair + PW_KEY_BYTES, env->mac);
  *recovery_key = g_steal_pointer (&recovery);
  return key_pair;
}

static gboolean
check_new_store (const char       *path,
                 const char       *passphrase,
                 PwKdfCost        *cost,
                 GError          **error)
{
  if (!pw_check_passphrase (passphrase, error))
    return FALSE;
  if (!pw_kdf_cost_is_acceptable (cost))
    {
      g_set_error_literal (error, PW_STORE_ERROR, PW_STORE_ERROR_INVALID,
                           "key-derivation cost: below the minimum this program accepts");
      return FALSE;
    }
  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_IO,
                   "A file already exists at “%s”; choose another name", path);
      return FALSE;
    }
  return TRUE;
}

PwStore *
_pw_store_create_full (const char       *path,
                       const char       *passphrase,
                       const PwKdfCost  *cost,
                       const char       *base_vfs,
                       char            **recovery_key,
                       GError          **error)
{
  g_autoptr(PwStore) self = NULL;
  g_autofree char *recovery = NULL;
  PwKdfCost chosen;
  guint8 *key_pair;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (recovery_key != NULL, NULL);

  self = store_new (path, base_vfs, error);
  if (self == NULL)
    return NULL;
  if (cost != NULL)
    chosen = *cost;
  else if (!pw_kdf_cost_calibrate (0.75, &chosen))
    pw_kdf_cost_for_recovery (&chosen);
  if (!check_new_store (self->path, passphrase, &chosen, error))
    return NULL;

  key_pair = new_envelope (&self->envelope, passphrase, &chosen, &recovery, error);
  if (key_pair == NULL)
    return NULL;
  pw_uuid_format (self->envelope.uuid, self->uuid);
  if (!write_new_envelope (self->base_vfs, self->path, &self->envelope, error))
    {
      pw_secure_free (key_pair);
      return NULL;
    }
  if (!open_with_key (self, key_pair, TRUE, error))
    {
      remove_store_files (self->path);  /* no half-made store is left behind */
      return NULL;
    }
  *recovery_key = g_steal_pointer (&recovery);
  return g_steal_pointer (&self);
}

/**
 * pw_store_create:
 * @path: where the new store goes; no file may exist there
 * @passphrase: at least %PW_PASSPHRASE_MIN characters
 * @cost: (nullable): key-derivation cost; %NULL calibrates it on this machine
 * @recovery_key: (out) (transfer full): the recovery key, shown to the user once
 * @error: return location for a #GError
 *
 * Creates an encrypted store with a passphrase slot and a recovery-key slot.
 *
 * Returns: (transfer full): the store, unlocked
 */
PwStore *
pw_store_create (const char       *path,
                 const char       *passphrase,
                 const PwKdfCost  *cost,
                 char            **recovery_key,
                 GError          **error)
{
  return _pw_store_create_full (path, passphrase, cost, NULL, recovery_key, error);
}

PwStore *
_pw_store_open_full (const char  *path,
                     const char  *base_vfs,
                     GError     **error)
{
  g_autoptr(PwStore) self = store_new (path, base_vfs, error);

  if (self == NULL || !read_envelope (self->base_vfs, self->path, &self->envelope, error))
    return NULL;
  pw_uuid_format (self->envelope.uuid, self->uuid);
  return g_steal_pointer (&self);
}

/**
 * pw_store_open:
 * @path: a store file
 * @error: return location for a #GError
 *
 * Reads the store's envelope.  Nothing is decrypted until it is unlocked.
 *
 * Returns: (transfer full): the store, locked
 */
PwStore *
pw_store_open (const char  *path,
               GError     **error)
{
  return _pw_store_open_full (path, NULL, error);
}

/**
 * pw_store_read_info:
 * @path: a store file
 * @info: (out): what its envelope says
 *
 * Returns: %FALSE if @path is not a readable store
 */
gboolean
pw_store_read_info (const char   *path,
                    PwStoreInfo  *info,
                    GError      **error)
{
  g_autoptr(PwStore) self = pw_store_open (path, error);
  struct stat st;

  if (self == NULL)
    return FALSE;
  memset (info, 0, sizeof *info);
  info->format_version = self->envelope.version;
  memcpy (info->uuid, self->uuid, sizeof info->uuid);
  info->page_size = self->envelope.page_size;
  info->reserve_size = self->envelope.reserve_size;
  info->sequence = self->envelope.sequence;
  info->n_slots = PW_MAX_SLOTS;
  if (g_stat (self->path, &st) == 0)
    info->page_count = (st.st_size - PW_ENVELOPE_SIZE) / PW_PAGE_SIZE;
  for (guint i = 0; i < PW_MAX_SLOTS; i++)
    {
      info->slot_kinds[i] = self->envelope.slots[i].kind;
      info->slot_costs[i] = self->envelope.slots[i].cost;
    }
  return TRUE;
}

const char *
pw_store_get_path (PwStore *self)
{
  g_return_val_if_fail (PW_IS_STORE (self), NULL);

  return self->path;
}

const char *
pw_store_get_uuid (PwStore *self)
{
  g_return_val_if_fail (PW_IS_STORE (self), NULL);

  return self->uuid;
}

gboolean
pw_store_get_locked (PwStore *self)
{
  g_return_val_if_fail (PW_IS_STORE (self), TRUE);

  return self->db == NULL;
}

static gboolean
unlock_with_secret (PwStore      *self,
                    PwSlotKind    kind,
                    const guint8 *secret,
                    gsize         secret_len,
                    GError      **error)
{
  PwEnvelope env;
  guint8 *key_pair;

  if (self->db != NULL)
    return TRUE;
  /* Read again: the envelope may have changed since the store was opened. */
  if (!read_envelope (self->base_vfs, self->path, &env, error))
    return FALSE;
  key_pair = open_slots (&env, kind, secret, secret_len, error);
  if (key_pair == NULL)
    return FALSE;
  derive_mac_key (key_pair);
  if (!envelope_mac_ok (&env, key_pair))
    {
      pw_secure_free (key_pair);
      g_set_error_literal (error, PW_STORE_ERROR, PW_STORE_ERROR_CORRUPT,
                           "The store envelope was changed without the key: it was "
                           "tampered with");
      return FALSE;
    }
  self->envelope = env;
  return open_with_key (self, key_pair, FALSE, error);
}

/**
 * pw_store_unlock:
 * @passphrase: the store's passphrase
 *
 * Derives the key (deliberately slow: run it in a worker thread) and opens
 * the database.  On a store that is already unlocked it does nothing and
 * checks nothing.
 *
 * Returns: %FALSE with %PW_STORE_ERROR_WRONG_KEY if @passphrase is wrong
 */
gboolean
pw_store_unlock (PwStore     *self,
                 const char  *passphrase,
                 GError     **error)
{
  g_return_val_if_fail (PW_IS_STORE (self), FALSE);
  g_return_val_if_fail (passphrase != NULL, FALSE);

  return unlock_with_secret (self, PW_SLOT_PASSPHRASE, (const guint8 *) passphrase,
                             strlen (passphrase), error);
}

/**
 * pw_store_unlock_with_recovery:
 * @recovery_key: the key as written down; case, spaces and dashes do not matter
 */
gboolean
pw_store_unlock_with_recovery (PwStore     *self,
                               const char  *recovery_key,
                               GError     **error)
{
  guint8 *raw;
  gboolean ok;

  g_return_val_if_fail (PW_IS_STORE (self), FALSE);
  g_return_val_if_fail (recovery_key != NULL, FALSE);

  raw = pw_secure_alloc (PW_RECOVERY_RAW_BYTES);
  ok = pw_recovery_key_parse (recovery_key, raw, error) &&
       unlock_with_secret (self, PW_SLOT_RECOVERY, raw, PW_RECOVERY_RAW_BYTES, error);
  pw_secure_free (raw);
  return ok;
}

/**
 * pw_store_lock:
 *
 * Closes the database and wipes every key.  Does nothing if already locked.
 */
void
pw_store_lock (PwStore *self)
{
  g_return_if_fail (PW_IS_STORE (self));

  enter (self);
  if (self->db != NULL)
    {
      close_database (self);
      forget_keys (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOCKED]);
    }
  leave (self);
}

static gboolean
reseal_slot (PwStore *self, PwSlotKind kind, const guint8 *secret, gsize len, GError **error)
{
  PwEnvelope env = self->envelope;
  PwKdfCost cost;
  int index = find_slot (&env, kind);

  if (index < 0)
    index = find_slot (&env, PW_SLOT_EMPTY);
  if (index < 0)
    {
      g_set_error_literal (error, PW_STORE_ERROR, PW_STORE_ERROR_REFUSED,
                           "Every key slot of the store is in use");
      return FALSE;
    }
  if (kind == PW_SLOT_RECOVERY)
    pw_kdf_cost_for_recovery (&cost);
  else
    cost = env.slots[index].cost;
  return seal_slot (&env, index, kind, secret, len, &cost, self->data_key, error) &&
         rewrite_envelope (self, &env, error);
}

/**
 * pw_store_change_passphrase:
 * @new_passphrase: at least %PW_PASSPHRASE_MIN characters
 *
 * Rewrites the passphrase slot only: no page is re-encrypted, and the old
 * passphrase stops working.
 */
gboolean
pw_store_change_passphrase (PwStore     *self,
                            const char  *new_passphrase,
                            GError     **error)
{
  gboolean ok;

  g_return_val_if_fail (PW_IS_STORE (self), FALSE);

  enter (self);
  ok = require_unlocked (self, error) &&
       pw_check_passphrase (new_passphrase, error) &&
       reseal_slot (self, PW_SLOT_PASSPHRASE, (const guint8 *) new_passphrase,
                    strlen (new_passphrase), error);
  leave (self);
  return ok;
}

/**
 * pw_store_replace_recovery_key:
 *
 * Makes a new recovery key; the old one stops working.
 *
 * Returns: (transfer full) (nullable): the new key, to show the user once
 */
char *
pw_store_replace_recovery_key (PwStore  *self,
                               GError  **error)
{
  guint8 *raw;
  g_autofree char *text = NULL;
  gboolean ok;

  g_return_val_if_fail (PW_IS_STORE (self), NULL);

  enter (self);
  raw = pw_secure_alloc (PW_RECOVERY_RAW_BYTES);
  text = pw_recovery_key_generate (raw);
  ok = require_unlocked (self, error) &&
       reseal_slot (self, PW_SLOT_RECOVERY, raw, PW_RECOVERY_RAW_BYTES, error);
  pw_secure_free (raw);
  leave (self);
  return ok ? g_steal_pointer (&text) : NULL;
}

static gboolean
verify_envelope (PwStore *self, GError **error)
{
  g_autofree guint8 *data = g_malloc0 (PW_ENVELOPE_SIZE);
  PwEnvelope env;
  int rc = pw_vfs_read_raw (main_file (self), data, PW_ENVELOPE_SIZE, 0);

  if (rc != SQLITE_OK)
    return store_error (NULL, rc, error);
  if (!pw_envelope_parse (data, PW_ENVELOPE_SIZE, &env, error))
    return FALSE;
  if (!env.copy_ok[0] || !env.copy_ok[1])
    {
      g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_CORRUPT,
                   "Copy %c of the store envelope is damaged; copy %c is intact and "
                   "still opens the store", env.copy_ok[0] ? 'B' : 'A',
                   env.copy_ok[0] ? 'A' : 'B');
      return FALSE;
    }
  if (!envelope_mac_ok (&env, self->data_key))
    {
      g_set_error_literal (error, PW_STORE_ERROR, PW_STORE_ERROR_CORRUPT,
                           "The store envelope was changed without the key: it was "
                           "tampered with");
      return FALSE;
    }
  return TRUE;
}

static gboolean
verify_integrity (PwStore *self, GError **error)
{
  sqlite3_stmt *stmt = NULL;
  g_autofree char *problem = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (self->db, "PRAGMA integrity_check", -1, &stmt, NULL);
  if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *first = (const char *) sqlite3_column_text (stmt, 0);

      if (g_strcmp0 (first, "ok") != 0)
        problem = g_strdup (first);
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_OK)
    return store_error (self->db, rc, error);
  if (problem != NULL)
    {
      PwFailure failure;

      if (pw_vfs_take_failure (&failure) && set_failure_error (&failure, error))
        return FALSE;
      g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_CORRUPT,
                   "The store's database structure is damaged: %s", problem);
      return FALSE;
    }
  return TRUE;
}

static gboolean
verify_file_pages (sqlite3_file *file, GError **error)
{
  PwFailure failure;

  if (file == NULL || file->pMethods == NULL || pw_vfs_verify_pages (file, &failure))
    return TRUE;
  if (!set_failure_error (&failure, error))
    g_set_error_literal (error, PW_STORE_ERROR, PW_STORE_ERROR_IO,
                         "Reading the store failed while verifying it");
  return FALSE;
}

/**
 * pw_store_verify:
 *
 * Authenticates the envelope and every page of the store and its log, then
 * runs SQLite's integrity check.
 *
 * Returns: %FALSE with %PW_STORE_ERROR_CORRUPT naming what failed
 */
gboolean
pw_store_verify (PwStore  *self,
                 GError  **error)
{
  sqlite3_file *wal = NULL;
  gboolean ok;

  g_return_val_if_fail (PW_IS_STORE (self), FALSE);

  enter (self);
  ok = require_unlocked (self, error) &&
       verify_envelope (self, error) &&
       verify_integrity (self, error);
  if (ok)
    {
      sqlite3_file_control (self->db, "main", SQLITE_FCNTL_JOURNAL_POINTER, &wal);
      ok = verify_file_pages (main_file (self), error) && verify_file_pages (wal, error);
    }
  leave (self);
  return ok;
}

/**
 * pw_store_exec:
 * @sql: one or more SQL statements
 *
 * Runs @sql with no result rows, for the layers above the store.
 */
gboolean
pw_store_exec (PwStore     *self,
               const char  *sql,
               GError     **error)
{
  gboolean ok;

  g_return_val_if_fail (PW_IS_STORE (self), FALSE);
  g_return_val_if_fail (sql != NULL, FALSE);

  enter (self);
  ok = require_unlocked (self, error) && exec_sql (self->db, sql, error);
  leave (self);
  return ok;
}

/**
 * pw_store_transaction:
 * @func: the work, which returns %FALSE and sets its error to roll back
 *
 * Runs @func inside one write transaction: all of it is committed, or none.
 */
gboolean
pw_store_transaction (PwStore      *self,
                      PwStoreFunc   func,
                      gpointer      user_data,
                      GError      **error)
{
  gboolean ok;

  g_return_val_if_fail (PW_IS_STORE (self), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  enter (self);
  ok = require_unlocked (self, error) && exec_sql (self->db, "BEGIN IMMEDIATE", error);
  if (ok)
    {
      ok = func (user_data, error) && exec_sql (self->db, "COMMIT", error);
      if (!ok && !sqlite3_get_autocommit (self->db))
        sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
    }
  leave (self);
  return ok;
}

sqlite3 *
_pw_store_get_db (PwStore *self)
{
  g_return_val_if_fail (PW_IS_STORE (self), NULL);

  return self->db;
}

/* Runs @func (@data) just before the connection closes, with the store
 * entered, so a layer above can finalize the statements it keeps. */
void
_pw_store_add_close_hook (PwStore        *self,
                          GDestroyNotify  func,
                          gpointer        data)
{
  PwCloseHook hook = { func, data };

  enter (self);
  g_array_append_val (self->close_hooks, hook);
  leave (self);
}

void
_pw_store_remove_close_hook (PwStore        *self,
                             GDestroyNotify  func,
                             gpointer        data)
{
  enter (self);
  for (guint i = 0; i < self->close_hooks->len; i++)
    {
      PwCloseHook *hook = &g_array_index (self->close_hooks, PwCloseHook, i);

      if (hook->func == func && hook->data == data)
        {
          g_array_remove_index (self->close_hooks, i);
          break;
        }
    }
  leave (self);
}

/* Changes each time the store is unlocked or locked: statements prepared
 * on an earlier connection are gone. */
guint
_pw_store_get_generation (PwStore *self)
{
  return self->generation;
}

void
_pw_store_enter (PwStore *self)
{
  enter (self);
}

void
_pw_store_leave (PwStore *self)
{
  g_rec_mutex_unlock (&self->lock);
}

/* Derives subkey @id of the data key; FALSE when the store is locked. */
gboolean
_pw_store_derive_key (PwStore *self,
                      guint64  id,
                      guint8  *key_out)
{
  if (self->data_key == NULL)
    return FALSE;
  pw_derive_subkey (self->data_key, id, key_out);
  return TRUE;
}

/* Whether the decrypted pages of the store or its log hold @needle. */
gboolean
_pw_store_pages_contain (PwStore    *self,
                         const void *needle,
                         gsize       len)
{
  sqlite3_file *wal = NULL;
  gboolean found;

  enter (self);
  found = self->db != NULL && pw_vfs_pages_contain (main_file (self), needle, len);
  if (self->db != NULL && !found)
    {
      sqlite3_file_control (self->db, "main", SQLITE_FCNTL_JOURNAL_POINTER, &wal);
      found = wal != NULL && wal->pMethods != NULL && pw_vfs_pages_contain (wal, needle, len);
    }
  leave (self);
  return found;
}

void
_pw_store_get_io_counts (PwStore *self,
                         guint64 *page_reads,
                         guint64 *page_writes)
{
  *page_reads = *page_writes = 0;
  if (self->cipher != NULL)
    pw_cipher_get_io_counts (self->cipher, page_reads, page_writes);
}

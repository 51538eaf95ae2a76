/* pw-vfs.c
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* An SQLite VFS shim that encrypts every page of a store.
 *
 * The shim sits over another VFS (normally "unix") and is registered under
 * its own name, never as the default.  Each page carries its nonce and tag
 * in the 40 bytes SQLite reserves at its end:
 *
 *   [ ciphertext: page_size - 40 ][ nonce: 24 ][ tag: 16 ]
 *
 * XChaCha20-Poly1305 authenticates the page under associated data made of
 * the store UUID, the file kind and the page number, and for a WAL frame
 * its commit size and the salts of the WAL generation it belongs to.  So a page moved,
 * swapped, copied from another store or replayed from an older WAL
 * generation fails to authenticate.
 *
 * The main file starts with the 4096-byte envelope; the shim shifts every
 * offset past it.  WAL frame headers and rollback-journal page numbers stay
 * plaintext: the shim takes the page number from them.
 *
 * Which key a file uses comes from a "pwcipher" URI parameter naming a
 * token in a process-wide table, so the key never appears in a file name.
 */

#include "config.h"

#include <sodium.h>
#include <string.h>

#include "pw-envelope.h"
#include "pw-vfs.h"

#define PAGE          PW_PAGE_SIZE
#define ENVELOPE      PW_ENVELOPE_SIZE
#define PAYLOAD       (PAGE - PW_RESERVE_SIZE)
#define TAG_BYTES     crypto_aead_xchacha20poly1305_ietf_ABYTES
#define WAL_HEADER    32
#define FRAME_HEADER  24
#define FRAME         (PAGE + FRAME_HEADER)
#define N_NONCES      170
#define FRAME_BINDING 12
#define AD_MAX        (PW_UUID_BYTES + 1 + 4 + FRAME_BINDING)

G_STATIC_ASSERT (PW_RESERVE_SIZE == PW_NONCE_BYTES + TAG_BYTES);

struct _PwCipher
{
  gint ref_count;
  guint8 uuid[PW_UUID_BYTES];
  guint8 *key;
  guint64 reads;
  guint64 writes;
};

typedef struct
{
  sqlite3_file base;
  PwCipher *cipher;
  PwFileKind kind;
  sqlite3_file *real;
  guint8 *scratch;
  sqlite3_int64 header_offset;
  guint8 header[FRAME_HEADER];
  guint8 wal_salts[8];
  gboolean have_wal_salts;
  guint nonce_pos;
  guint8 nonces[N_NONCES * PW_NONCE_BYTES];
} PwFile;

/* Keep the underlying file that follows PwFile aligned. */
#define PW_FILE_SIZE ((sizeof (PwFile) + 15) & ~(gsize) 15)

static GMutex registry_lock;
static GHashTable *registry;
static guint next_token = 1;
static __thread PwFailure thread_failure;

static guint32
get_be32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

static void
set_failure (PwFailureKind kind,
             PwFileKind    file,
             guint32       page,
             guint32       frame)
{
  thread_failure.kind = kind;
  thread_failure.file = file;
  thread_failure.page = page;
  thread_failure.frame = frame;
}

/**
 * pw_vfs_take_failure:
 * @failure: (out): why the last failing I/O call on this thread failed
 *
 * The record is per thread: SQLite calls the shim on the thread that runs
 * the statement.
 *
 * Returns: %TRUE if the shim refused or failed a call since the last take.
 */
gboolean
pw_vfs_take_failure (PwFailure *failure)
{
  *failure = thread_failure;
  memset (&thread_failure, 0, sizeof thread_failure);
  return failure->kind != PW_FAILURE_NONE;
}

PwCipher *
pw_cipher_new (const guint8 *uuid,
               const guint8 *page_key)
{
  PwCipher *cipher = g_new0 (PwCipher, 1);

  cipher->ref_count = 1;
  memcpy (cipher->uuid, uuid, PW_UUID_BYTES);
  cipher->key = sodium_malloc (crypto_aead_xchacha20poly1305_ietf_KEYBYTES);
  if (cipher->key == NULL)
    g_error ("out of guarded memory for keys");
  memcpy (cipher->key, page_key, crypto_aead_xchacha20poly1305_ietf_KEYBYTES);
  sodium_mprotect_readonly (cipher->key);
  return cipher;
}

PwCipher *
pw_cipher_ref (PwCipher *cipher)
{
  g_atomic_int_inc (&cipher->ref_count);
  return cipher;
}

void
pw_cipher_unref (PwCipher *cipher)
{
  if (cipher == NULL || !g_atomic_int_dec_and_test (&cipher->ref_count))
    return;
  sodium_free (cipher->key);  /* wipes the key */
  g_free (cipher);
}

void
pw_cipher_get_io_counts (PwCipher *cipher,
                         guint64  *reads,
                         guint64  *writes)
{
  *reads = __atomic_load_n (&cipher->reads, __ATOMIC_RELAXED);
  *writes = __atomic_load_n (&cipher->writes, __ATOMIC_RELAXED);
}

/**
 * pw_cipher_attach:
 *
 * Makes @cipher reachable to files opened with `pwcipher=TOKEN` in their URI.
 *
 * Returns: the token
 */
guint
pw_cipher_attach (PwCipher *cipher)
{
  guint token;

  g_mutex_lock (&registry_lock);
  if (registry == NULL)
    registry = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) pw_cipher_unref);
  token = next_token++;
  g_hash_table_insert (registry, GUINT_TO_POINTER (token), pw_cipher_ref (cipher));
  g_mutex_unlock (&registry_lock);
  return token;
}

void
pw_cipher_detach (guint token)
{
  g_mutex_lock (&registry_lock);
  if (registry != NULL)
    g_hash_table_remove (registry, GUINT_TO_POINTER (token));
  g_mutex_unlock (&registry_lock);
}

static PwCipher *
lookup_cipher (sqlite3_filename name)
{
  PwCipher *cipher = NULL;
  sqlite3_int64 token;

  if (name == NULL)
    return NULL;
  token = sqlite3_uri_int64 (name, PW_VFS_URI_PARAM, 0);
  g_mutex_lock (&registry_lock);
  if (registry != NULL && token > 0 && token <= G_MAXUINT)
    cipher = g_hash_table_lookup (registry, GUINT_TO_POINTER ((guint) token));
  if (cipher != NULL)
    pw_cipher_ref (cipher);
  g_mutex_unlock (&registry_lock);
  return cipher;
}

static gsize
make_ad (PwCipher     *cipher,
         PwFileKind    kind,
         guint32       pgno,
         const guint8 *frame_binding,
         guint8       *ad)
{
  gsize len = 0;

  memcpy (ad, cipher->uuid, PW_UUID_BYTES);
  len += PW_UUID_BYTES;
  ad[len++] = (guint8) kind;
  for (guint i = 0; i < 4; i++)
    ad[len++] = (pgno >> (24 - 8 * i)) & 0xff;
  if (frame_binding != NULL)
    {
      memcpy (ad + len, frame_binding, FRAME_BINDING);
      len += FRAME_BINDING;
    }
  return len;
}

/* @frame_binding: %NULL, or a WAL frame's commit size and generation salts */
static void
seal_page (PwCipher     *cipher,
           PwFileKind    kind,
           guint32       pgno,
           const guint8 *frame_binding,
           const guint8 *nonce,
           const guint8 *in,
           guint8       *out)
{
  guint8 ad[AD_MAX];
  gsize ad_len = make_ad (cipher, kind, pgno, frame_binding, ad);

  memcpy (out + PAYLOAD, nonce, PW_NONCE_BYTES);
  crypto_aead_xchacha20poly1305_ietf_encrypt_detached (out, out + PAYLOAD + PW_NONCE_BYTES,
                                                       NULL, in, PAYLOAD, ad, ad_len,
                                                       NULL, nonce, cipher->key);
  __atomic_fetch_add (&cipher->writes, 1, __ATOMIC_RELAXED);
}

/**
 * pw_cipher_encrypt_page:
 * @nonce: 24 fresh random bytes
 * @in: a plaintext page
 * @out: where the encrypted page goes (may not be @in)
 */
void
pw_cipher_encrypt_page (PwCipher     *cipher,
                        PwFileKind    kind,
                        guint32       pgno,
                        const guint8 *nonce,
                        const guint8 *in,
                        guint8       *out)
{
  seal_page (cipher, kind, pgno, NULL, nonce, in, out);
}

static gboolean
open_page (PwCipher     *cipher,
           PwFileKind    kind,
           guint32       pgno,
           const guint8 *frame_binding,
           guint8       *page)
{
  guint8 ad[AD_MAX];
  gsize ad_len = make_ad (cipher, kind, pgno, frame_binding, ad);

  __atomic_fetch_add (&cipher->reads, 1, __ATOMIC_RELAXED);
  if (crypto_aead_xchacha20poly1305_ietf_decrypt_detached (page, NULL, page, PAYLOAD,
                                                           page + PAYLOAD + PW_NONCE_BYTES,
                                                           ad, ad_len, page + PAYLOAD,
                                                           cipher->key) != 0)
    return FALSE;
  /* SQLite's WAL checksums cover the reserved bytes too, and SQLite wrote
   * them as zeros: give them back as zeros. */
  memset (page + PAYLOAD, 0, PW_RESERVE_SIZE);
  return TRUE;
}

/**
 * pw_cipher_decrypt_page:
 * @page: an encrypted page, decrypted in place
 *
 * Returns: %FALSE if the page fails authentication
 */
gboolean
pw_cipher_decrypt_page (PwCipher   *cipher,
                        PwFileKind  kind,
                        guint32     pgno,
                        guint8     *page)
{
  return open_page (cipher, kind, pgno, NULL, page);
}

static const guint8 *
next_nonce (PwFile *file)
{
  if (file->nonce_pos == 0 || file->nonce_pos >= N_NONCES)
    {
      randombytes_buf (file->nonces, sizeof file->nonces);
      file->nonce_pos = 0;
    }
  return file->nonces + PW_NONCE_BYTES * file->nonce_pos++;
}

/* Main file ---------------------------------------------------------------- */

static int
read_main_page (PwFile        *file,
                guint8        *page,
                sqlite3_int64  offset)
{
  guint32 pgno = (guint32) (offset / PAGE) + 1;
  int rc;

  rc = file->real->pMethods->xRead (file->real, page, PAGE, offset + ENVELOPE);
  if (rc == SQLITE_IOERR_SHORT_READ)
    memset (page, 0, PAGE);
  if (rc != SQLITE_OK)
    return rc;
  if (!open_page (file->cipher, PW_FILE_MAIN, pgno, NULL, page))
    {
      set_failure (PW_FAILURE_AUTH, PW_FILE_MAIN, pgno, 0);
      return SQLITE_IOERR_AUTH;
    }
  return SQLITE_OK;
}

static int
read_main (PwFile        *file,
           guint8        *buf,
           int            amount,
           sqlite3_int64  offset)
{
  sqlite3_int64 page_offset = offset - offset % PAGE;
  int rc;

  if (amount == PAGE && page_offset == offset)
    return read_main_page (file, buf, offset);

  /* SQLite reads parts of page 1 (the header) before it knows the page size. */
  if (offset + amount > page_offset + PAGE)
    return SQLITE_IOERR_READ;
  rc = read_main_page (file, file->scratch, page_offset);
  if (rc == SQLITE_IOERR_SHORT_READ)
    memset (buf, 0, amount);
  else if (rc == SQLITE_OK)
    memcpy (buf, file->scratch + (offset - page_offset), amount);
  return rc;
}

/* Page 1 says its page size and reserve; a write that changes either (a
 * backup from a plain database, a VACUUM with other settings) is refused. */
static gboolean
page_one_format_ok (const guint8 *page)
{
  guint page_size = (page[16] << 8) | page[17];

  return page_size == PAGE && page[20] == PW_RESERVE_SIZE;
}

static int
write_page (PwFile        *file,
            const guint8  *buf,
            guint32        pgno,
            const guint8  *frame_binding,
            sqlite3_int64  real_offset)
{
  if (pgno == 1 && !page_one_format_ok (buf))
    {
      set_failure (PW_FAILURE_PAGE_FORMAT, file->kind, pgno, 0);
      return SQLITE_IOERR_WRITE;
    }
  seal_page (file->cipher, file->kind, pgno, frame_binding, next_nonce (file), buf,
             file->scratch);
  return file->real->pMethods->xWrite (file->real, file->scratch, PAGE, real_offset);
}

static int
write_main (PwFile        *file,
            const guint8  *buf,
            int            amount,
            sqlite3_int64  offset)
{
  if (amount != PAGE || offset % PAGE != 0)
    {
      set_failure (PW_FAILURE_PAGE_FORMAT, PW_FILE_MAIN, (guint32) (offset / PAGE) + 1, 0);
      return SQLITE_IOERR_WRITE;
    }
  return write_page (file, buf, (guint32) (offset / PAGE) + 1, NULL, offset + ENVELOPE);
}

/* WAL ---------------------------------------------------------------------- */

static gboolean
is_frame_start (sqlite3_int64 offset)
{
  return offset >= WAL_HEADER && (offset - WAL_HEADER) % FRAME == 0;
}

static guint32
frame_index (sqlite3_int64 frame_offset)
{
  return (guint32) ((frame_offset - WAL_HEADER) / FRAME) + 1;
}

static void
remember_wal_salts (PwFile *file, const guint8 *wal_header)
{
  memcpy (file->wal_salts, wal_header + 16, 8);
  file->have_wal_salts = TRUE;
}

/* A frame's page is bound to its commit size and to the salts of the WAL
 * header, not to the salts in its own header: when a transaction outgrows
 * the cache, SQLite writes frames whose headers get their salts only at
 * commit.  A valid frame always ends up with the WAL header's salts. */
static int
frame_binding (PwFile *file, const guint8 *frame_header, guint8 *binding)
{
  if (!file->have_wal_salts)
    {
      guint8 wal_header[WAL_HEADER];
      int rc = file->real->pMethods->xRead (file->real, wal_header, WAL_HEADER, 0);

      if (rc != SQLITE_OK)
        return rc;
      remember_wal_salts (file, wal_header);
    }
  memcpy (binding, frame_header + 4, 4);
  memcpy (binding + 4, file->wal_salts, 8);
  return SQLITE_OK;
}

static gboolean
frame_authenticates (PwFile *file, guint8 *frame)
{
  guint8 binding[FRAME_BINDING];

  return frame_binding (file, frame, binding) == SQLITE_OK &&
         open_page (file->cipher, PW_FILE_WAL, get_be32 (frame), binding, frame + FRAME_HEADER);
}

/* A frame that fails authentication during recovery is either the torn tail
 * of a crashed write, which SQLite drops as it would an unfinished one, or
 * damage.  It is damage when an authentic commit frame of the same WAL
 * generation follows it: committed work would otherwise vanish silently. */
static gboolean
later_commit_authenticates (PwFile *file, sqlite3_int64 bad_offset)
{
  guint8 wal_header[WAL_HEADER];

  if (file->real->pMethods->xRead (file->real, wal_header, WAL_HEADER, 0) != SQLITE_OK)
    return FALSE;
  for (sqlite3_int64 offset = bad_offset + FRAME;; offset += FRAME)
    {
      if (file->real->pMethods->xRead (file->real, file->scratch, FRAME, offset) != SQLITE_OK)
        return FALSE;
      if (memcmp (file->scratch + 8, wal_header + 16, 8) != 0)
        return FALSE;
      if (frame_authenticates (file, file->scratch) && get_be32 (file->scratch + 4) != 0)
        return TRUE;
    }
}

static int
read_wal_frame (PwFile        *file,
                guint8        *frame,
                sqlite3_int64  offset)
{
  int rc = file->real->pMethods->xRead (file->real, frame, FRAME, offset);

  if (rc != SQLITE_OK || frame_authenticates (file, frame))
    return rc;
  if (later_commit_authenticates (file, offset))
    {
      set_failure (PW_FAILURE_AUTH, PW_FILE_WAL, get_be32 (frame), frame_index (offset));
      return SQLITE_IOERR_AUTH;
    }
  /* Zeros break SQLite's checksum chain: it ends the log here. */
  memset (frame + FRAME_HEADER, 0, PAGE);
  return SQLITE_OK;
}

static int
read_wal_page (PwFile        *file,
               guint8        *buf,
               sqlite3_int64  offset)
{
  sqlite3_int64 frame_offset = offset - FRAME_HEADER;
  int rc = file->real->pMethods->xRead (file->real, file->scratch, FRAME, frame_offset);

  if (rc == SQLITE_IOERR_SHORT_READ)
    memset (buf, 0, PAGE);
  if (rc != SQLITE_OK)
    return rc;
  if (!frame_authenticates (file, file->scratch))
    {
      set_failure (PW_FAILURE_AUTH, PW_FILE_WAL, get_be32 (file->scratch),
                   frame_index (frame_offset));
      return SQLITE_IOERR_AUTH;
    }
  memcpy (buf, file->scratch + FRAME_HEADER, PAGE);
  return SQLITE_OK;
}

static int
read_wal (PwFile        *file,
          guint8        *buf,
          int            amount,
          sqlite3_int64  offset)
{
  int rc;

  if (amount == FRAME && is_frame_start (offset))
    return read_wal_frame (file, buf, offset);
  if (amount == PAGE && is_frame_start (offset - FRAME_HEADER))
    return read_wal_page (file, buf, offset);
  rc = file->real->pMethods->xRead (file->real, buf, amount, offset);
  if (rc == SQLITE_OK && offset == 0 && amount == WAL_HEADER)
    remember_wal_salts (file, buf);
  return rc;
}

static int
frame_header_for (PwFile *file, sqlite3_int64 frame_offset)
{
  if (file->header_offset == frame_offset)
    return SQLITE_OK;
  file->header_offset = -1;
  return file->real->pMethods->xRead (file->real, file->header, FRAME_HEADER, frame_offset);
}

static int
write_wal_header (PwFile *file, const guint8 *header)
{
  int rc;

  if (get_be32 (header + 8) != PAGE)
    {
      set_failure (PW_FAILURE_PAGE_FORMAT, PW_FILE_WAL, 0, 0);
      return SQLITE_IOERR_WRITE;
    }
  rc = file->real->pMethods->xWrite (file->real, header, WAL_HEADER, 0);
  if (rc == SQLITE_OK)
    remember_wal_salts (file, header);
  else
    file->have_wal_salts = FALSE;  /* the header on disk is now uncertain */
  return rc;
}

static int
write_wal (PwFile        *file,
           const guint8  *buf,
           int            amount,
           sqlite3_int64  offset)
{
  guint8 binding[FRAME_BINDING];
  int rc;

  if (offset == 0 && amount == WAL_HEADER)
    return write_wal_header (file, buf);
  if (amount == FRAME_HEADER && is_frame_start (offset))
    {
      memcpy (file->header, buf, FRAME_HEADER);
      file->header_offset = offset;
    }
  if (amount != PAGE || !is_frame_start (offset - FRAME_HEADER))
    {
      if (amount > FRAME_HEADER && offset >= WAL_HEADER)
        return SQLITE_IOERR_WRITE;  /* never plaintext page data */
      return file->real->pMethods->xWrite (file->real, buf, amount, offset);
    }

  rc = frame_header_for (file, offset - FRAME_HEADER);
  if (rc == SQLITE_OK)
    rc = frame_binding (file, file->header, binding);
  if (rc != SQLITE_OK)
    return rc;
  return write_page (file, buf, get_be32 (file->header), binding, offset);
}

/* Rollback journal ----------------------------------------------------------
 * A record is [page number: 4][page][checksum: 4] after a sector-aligned
 * header, so page data always starts 4 bytes past a multiple of 8 and a
 * header never does. */

static gboolean
is_journal_page (int amount, sqlite3_int64 offset)
{
  return amount == PAGE && offset >= 4 && offset % 8 == 4;
}

static int
read_journal (PwFile        *file,
              guint8        *buf,
              int            amount,
              sqlite3_int64  offset)
{
  guint32 pgno;
  int rc;

  if (!is_journal_page (amount, offset))
    return file->real->pMethods->xRead (file->real, buf, amount, offset);

  rc = file->real->pMethods->xRead (file->real, file->scratch, PAGE + 4, offset - 4);
  if (rc == SQLITE_IOERR_SHORT_READ)
    memset (buf, 0, PAGE);
  if (rc != SQLITE_OK)
    return rc;
  pgno = get_be32 (file->scratch);
  if (!open_page (file->cipher, PW_FILE_JOURNAL, pgno, NULL, file->scratch + 4))
    {
      set_failure (PW_FAILURE_AUTH, PW_FILE_JOURNAL, pgno, 0);
      return SQLITE_IOERR_AUTH;
    }
  memcpy (buf, file->scratch + 4, PAGE);
  return SQLITE_OK;
}

static int
write_journal (PwFile        *file,
               const guint8  *buf,
               int            amount,
               sqlite3_int64  offset)
{
  int rc;

  if (amount == 4)
    {
      memcpy (file->header, buf, 4);
      file->header_offset = offset;
    }
  if (!is_journal_page (amount, offset))
    return file->real->pMethods->xWrite (file->real, buf, amount, offset);

  if (file->header_offset != offset - 4)
    {
      rc = file->real->pMethods->xRead (file->real, file->header, 4, offset - 4);
      if (rc != SQLITE_OK)
        return rc;
    }
  file->header_offset = -1;
  return write_page (file, buf, get_be32 (file->header), NULL, offset);
}

/* sqlite3_io_methods --------------------------------------------------------- */

static int
pw_close (sqlite3_file *base)
{
  PwFile *file = (PwFile *) base;
  int rc = file->real->pMethods->xClose (file->real);

  g_clear_pointer (&file->cipher, pw_cipher_unref);
  g_clear_pointer (&file->scratch, g_free);
  sodium_memzero (file->nonces, sizeof file->nonces);
  return rc;
}

static int
pw_read (sqlite3_file *base, void *buf, int amount, sqlite3_int64 offset)
{
  PwFile *file = (PwFile *) base;

  switch (file->kind)
    {
    case PW_FILE_MAIN:
      return read_main (file, buf, amount, offset);
    case PW_FILE_WAL:
      return read_wal (file, buf, amount, offset);
    case PW_FILE_JOURNAL:
    default:
      return read_journal (file, buf, amount, offset);
    }
}

static int
pw_write (sqlite3_file *base, const void *buf, int amount, sqlite3_int64 offset)
{
  PwFile *file = (PwFile *) base;

  switch (file->kind)
    {
    case PW_FILE_MAIN:
      return write_main (file, buf, amount, offset);
    case PW_FILE_WAL:
      return write_wal (file, buf, amount, offset);
    case PW_FILE_JOURNAL:
    default:
      return write_journal (file, buf, amount, offset);
    }
}

static int
pw_truncate (sqlite3_file *base, sqlite3_int64 size)
{
  PwFile *file = (PwFile *) base;

  if (file->kind == PW_FILE_MAIN)
    size += ENVELOPE;
  return file->real->pMethods->xTruncate (file->real, size);
}

static int
pw_sync (sqlite3_file *base, int flags)
{
  PwFile *file = (PwFile *) base;

  return file->real->pMethods->xSync (file->real, flags);
}

static int
pw_file_size (sqlite3_file *base, sqlite3_int64 *size)
{
  PwFile *file = (PwFile *) base;
  int rc = file->real->pMethods->xFileSize (file->real, size);

  if (rc == SQLITE_OK && file->kind == PW_FILE_MAIN)
    *size = MAX (*size - ENVELOPE, 0);
  return rc;
}

static int
pw_lock (sqlite3_file *base, int level)
{
  PwFile *file = (PwFile *) base;

  return file->real->pMethods->xLock (file->real, level);
}

static int
pw_unlock (sqlite3_file *base, int level)
{
  PwFile *file = (PwFile *) base;

  return file->real->pMethods->xUnlock (file->real, level);
}

static int
pw_check_reserved_lock (sqlite3_file *base, int *out)
{
  PwFile *file = (PwFile *) base;

  return file->real->pMethods->xCheckReservedLock (file->real, out);
}

static int
pw_file_control (sqlite3_file *base, int op, void *arg)
{
  PwFile *file = (PwFile *) base;

  if (op == SQLITE_FCNTL_MMAP_SIZE)
    {
      *(sqlite3_int64 *) arg = 0;  /* pages must pass through xRead to be decrypted */
      return SQLITE_OK;
    }
  if (op == SQLITE_FCNTL_SIZE_HINT && file->kind == PW_FILE_MAIN)
    {
      sqlite3_int64 hint = *(sqlite3_int64 *) arg + ENVELOPE;
      return file->real->pMethods->xFileControl (file->real, op, &hint);
    }
  return file->real->pMethods->xFileControl (file->real, op, arg);
}

static int
pw_sector_size (sqlite3_file *base)
{
  PwFile *file = (PwFile *) base;

  return file->real->pMethods->xSectorSize (file->real);
}

static int
pw_device_characteristics (sqlite3_file *base)
{
  PwFile *file = (PwFile *) base;
  int flags = file->real->pMethods->xDeviceCharacteristics (file->real);

  /* Atomic-write shortcuts would let SQLite skip the journal or write
   * partial pages; every write here is a whole encrypted page. */
  flags &= ~(SQLITE_IOCAP_ATOMIC | SQLITE_IOCAP_ATOMIC512 | SQLITE_IOCAP_ATOMIC1K |
             SQLITE_IOCAP_ATOMIC2K | SQLITE_IOCAP_ATOMIC4K | SQLITE_IOCAP_ATOMIC8K |
             SQLITE_IOCAP_ATOMIC16K | SQLITE_IOCAP_ATOMIC32K | SQLITE_IOCAP_ATOMIC64K |
             SQLITE_IOCAP_BATCH_ATOMIC);
  return flags | SQLITE_IOCAP_POWERSAFE_OVERWRITE;
}

static int
pw_shm_map (sqlite3_file *base, int region, int size, int extend, void volatile **out)
{
  PwFile *file = (PwFile *) base;

  return file->real->pMethods->xShmMap (file->real, region, size, extend, out);
}

static int
pw_shm_lock (sqlite3_file *base, int offset, int n, int flags)
{
  PwFile *file = (PwFile *) base;

  return file->real->pMethods->xShmLock (file->real, offset, n, flags);
}

static void
pw_shm_barrier (sqlite3_file *base)
{
  PwFile *file = (PwFile *) base;

  file->real->pMethods->xShmBarrier (file->real);
}

static int
pw_shm_unmap (sqlite3_file *base, int delete_flag)
{
  PwFile *file = (PwFile *) base;

  return file->real->pMethods->xShmUnmap (file->real, delete_flag);
}

static int
pw_fetch (sqlite3_file *base, sqlite3_int64 offset, int amount, void **out)
{
  *out = NULL;  /* no memory map: every page is decrypted on read */
  return SQLITE_OK;
}

static int
pw_unfetch (sqlite3_file *base, sqlite3_int64 offset, void *page)
{
  return SQLITE_OK;
}

static const sqlite3_io_methods pw_io_methods = {
  .iVersion = 3,
  .xClose = pw_close,
  .xRead = pw_read,
  .xWrite = pw_write,
  .xTruncate = pw_truncate,
  .xSync = pw_sync,
  .xFileSize = pw_file_size,
  .xLock = pw_lock,
  .xUnlock = pw_unlock,
  .xCheckReservedLock = pw_check_reserved_lock,
  .xFileControl = pw_file_control,
  .xSectorSize = pw_sector_size,
  .xDeviceCharacteristics = pw_device_characteristics,
  .xShmMap = pw_shm_map,
  .xShmLock = pw_shm_lock,
  .xShmBarrier = pw_shm_barrier,
  .xShmUnmap = pw_shm_unmap,
  .xFetch = pw_fetch,
  .xUnfetch = pw_unfetch,
};

/* sqlite3_vfs ---------------------------------------------------------------- */

static PwFileKind
kind_for_flags (int flags)
{
  if (flags & SQLITE_OPEN_MAIN_DB)
    return PW_FILE_MAIN;
  if (flags & SQLITE_OPEN_WAL)
    return PW_FILE_WAL;
  if (flags & SQLITE_OPEN_MAIN_JOURNAL)
    return PW_FILE_JOURNAL;
  return 0;
}

static int
pw_open (sqlite3_vfs      *vfs,
         sqlite3_filename  name,
         sqlite3_file     *base,
         int               flags,
         int              *out_flags)
{
  sqlite3_vfs *real_vfs = vfs->pAppData;
  PwFile *file = (PwFile *) base;
  int rc;

  memset (file, 0, sizeof *file);
  file->kind = kind_for_flags (flags);
  if (file->kind == 0 || name == NULL)
    {
      set_failure (PW_FAILURE_TEMP_FILE, 0, 0, 0);
      return SQLITE_CANTOPEN;
    }
  file->cipher = lookup_cipher (name);
  if (file->cipher == NULL)
    {
      set_failure (PW_FAILURE_FOREIGN_FILE, file->kind, 0, 0);
      return SQLITE_CANTOPEN;
    }

  file->real = (sqlite3_file *) ((guint8 *) file + PW_FILE_SIZE);
  rc = real_vfs->xOpen (real_vfs, name, file->real, flags, out_flags);
  if (rc != SQLITE_OK)
    {
      if (file->real->pMethods != NULL)
        file->real->pMethods->xClose (file->real);
      g_clear_pointer (&file->cipher, pw_cipher_unref);
      return rc;
    }
  file->scratch = g_malloc (FRAME + 8);
  file->header_offset = -1;
  file->base.pMethods = &pw_io_methods;
  return SQLITE_OK;
}

static int
pw_delete (sqlite3_vfs *vfs, const char *name, int sync_dir)
{
  sqlite3_vfs *real_vfs = vfs->pAppData;

  return real_vfs->xDelete (real_vfs, name, sync_dir);
}

static int
pw_access (sqlite3_vfs *vfs, const char *name, int flags, int *out)
{
  sqlite3_vfs *real_vfs = vfs->pAppData;

  return real_vfs->xAccess (real_vfs, name, flags, out);
}

static int
pw_full_pathname (sqlite3_vfs *vfs, const char *name, int n_out, char *out)
{
  sqlite3_vfs *real_vfs = vfs->pAppData;

  return real_vfs->xFullPathname (real_vfs, name, n_out, out);
}

static int
pw_randomness (sqlite3_vfs *vfs, int n, char *out)
{
  randombytes_buf (out, n);
  return n;
}

static int
pw_sleep (sqlite3_vfs *vfs, int microseconds)
{
  sqlite3_vfs *real_vfs = vfs->pAppData;

  return real_vfs->xSleep (real_vfs, microseconds);
}

static int
pw_current_time (sqlite3_vfs *vfs, double *out)
{
  sqlite3_vfs *real_vfs = vfs->pAppData;

  return real_vfs->xCurrentTime (real_vfs, out);
}

static int
pw_get_last_error (sqlite3_vfs *vfs, int n, char *out)
{
  sqlite3_vfs *real_vfs = vfs->pAppData;

  return real_vfs->xGetLastError ? real_vfs->xGetLastError (real_vfs, n, out) : 0;
}

static int
pw_current_time_int64 (sqlite3_vfs *vfs, sqlite3_int64 *out)
{
  sqlite3_vfs *real_vfs = vfs->pAppData;

  return real_vfs->xCurrentTimeInt64 (real_vfs, out);
}

/**
 * pw_vfs_register:
 * @name: the name to register the shim under, e.g. %PW_VFS_NAME
 * @base_name: (nullable): the VFS underneath, %NULL for the default
 *
 * Registers the encrypting shim (once per name), never as the default VFS.
 *
 * Returns: an SQLite result code
 */
int
pw_vfs_register (const char *name,
                 const char *base_name)
{
  static GMutex lock;
  sqlite3_vfs *real_vfs;
  sqlite3_vfs *vfs;
  int rc = SQLITE_OK;

  g_mutex_lock (&lock);
  if (sqlite3_vfs_find (name) != NULL)
    goto out;
  real_vfs = sqlite3_vfs_find (base_name);
  if (real_vfs == NULL || real_vfs->iVersion < 2)
    {
      rc = SQLITE_ERROR;
      goto out;
    }
  vfs = g_new0 (sqlite3_vfs, 1);
  vfs->iVersion = 2;
  vfs->szOsFile = PW_FILE_SIZE + real_vfs->szOsFile;
  vfs->mxPathname = real_vfs->mxPathname;
  vfs->zName = g_strdup (name);
  vfs->pAppData = real_vfs;
  vfs->xOpen = pw_open;
  vfs->xDelete = pw_delete;
  vfs->xAccess = pw_access;
  vfs->xFullPathname = pw_full_pathname;
  vfs->xRandomness = pw_randomness;
  vfs->xSleep = pw_sleep;
  vfs->xCurrentTime = pw_current_time;
  vfs->xGetLastError = pw_get_last_error;
  vfs->xCurrentTimeInt64 = pw_current_time_int64;
  rc = sqlite3_vfs_register (vfs, 0);
out:
  g_mutex_unlock (&lock);
  return rc;
}

/**
 * pw_vfs_write_envelope:
 * @file: the main file of an open store, from %SQLITE_FCNTL_FILE_POINTER
 * @envelope: %PW_ENVELOPE_SIZE bytes
 *
 * Writes copy A, syncs, then copy B, syncs: a torn write spoils at most one.
 * It goes through SQLite's own handle, as closing a second descriptor on the
 * file would drop SQLite's POSIX locks.
 */
int
pw_vfs_write_envelope (sqlite3_file *base,
                       const guint8 *envelope)
{
  PwFile *file = (PwFile *) base;
  sqlite3_file *real = file->real;
  int rc;

  g_return_val_if_fail (file->base.pMethods == &pw_io_methods, SQLITE_MISUSE);
  g_return_val_if_fail (file->kind == PW_FILE_MAIN, SQLITE_MISUSE);

  for (guint i = 0; i < 2; i++)
    {
      rc = real->pMethods->xWrite (real, envelope + i * PW_ENVELOPE_COPY_SIZE,
                                   PW_ENVELOPE_COPY_SIZE, i * PW_ENVELOPE_COPY_SIZE);
      if (rc == SQLITE_OK)
        rc = real->pMethods->xSync (real, SQLITE_SYNC_FULL);
      if (rc != SQLITE_OK)
        return rc;
    }
  return SQLITE_OK;
}

int
pw_vfs_read_raw (sqlite3_file  *base,
                 void          *buf,
                 int            amount,
                 sqlite3_int64  offset)
{
  PwFile *file = (PwFile *) base;

  g_return_val_if_fail (file->base.pMethods == &pw_io_methods, SQLITE_MISUSE);
  return file->real->pMethods->xRead (file->real, buf, amount, offset);
}

static gboolean
verify_main_pages (PwFile *file, PwFailure *failure)
{
  sqlite3_int64 size = 0;

  if (pw_file_size (&file->base, &size) != SQLITE_OK)
    return FALSE;
  for (sqlite3_int64 offset = 0; offset < size; offset += PAGE)
    {
      if (read_main_page (file, file->scratch, offset) != SQLITE_OK)
        {
          pw_vfs_take_failure (failure);
          return FALSE;
        }
    }
  return TRUE;
}

/* Frames of the current generation up to the last commit frame must all
 * authenticate; what follows the last commit is an unfinished write. */
static gboolean
verify_wal_frames (PwFile *file, PwFailure *failure)
{
  guint8 wal_header[WAL_HEADER];
  guint32 last_commit = 0, first_bad = 0, first_bad_page = 0;

  if (file->real->pMethods->xRead (file->real, wal_header, WAL_HEADER, 0) != SQLITE_OK)
    return TRUE;  /* an empty WAL */
  for (sqlite3_int64 offset = WAL_HEADER;; offset += FRAME)
    {
      guint8 *frame = file->scratch;

      if (file->real->pMethods->xRead (file->real, frame, FRAME, offset) != SQLITE_OK ||
          memcmp (frame + 8, wal_header + 16, 8) != 0)
        break;
      if (!frame_authenticates (file, frame))
        {
          if (first_bad == 0)
            first_bad = frame_index (offset), first_bad_page = get_be32 (frame);
        }
      else if (get_be32 (frame + 4) != 0)
        last_commit = frame_index (offset);
    }
  if (first_bad == 0 || first_bad > last_commit)
    return TRUE;
  failure->kind = PW_FAILURE_AUTH;
  failure->file = PW_FILE_WAL;
  failure->page = first_bad_page;
  failure->frame = first_bad;
  return FALSE;
}

/**
 * pw_vfs_verify_pages:
 * @file: the main file or WAL of an open store
 * @failure: (out): the first page that fails, if any
 *
 * Authenticates every page of the file, whether SQLite still uses it or not.
 *
 * Returns: %TRUE if every page authenticates
 */
gboolean
pw_vfs_verify_pages (sqlite3_file *base,
                     PwFailure    *failure)
{
  PwFile *file = (PwFile *) base;

  g_return_val_if_fail (file->base.pMethods == &pw_io_methods, FALSE);
  memset (failure, 0, sizeof *failure);
  if (file->kind == PW_FILE_MAIN)
    return verify_main_pages (file, failure);
  if (file->kind == PW_FILE_WAL)
    return verify_wal_frames (file, failure);
  return TRUE;
}

static gboolean
main_pages_contain (PwFile *file, const void *needle, gsize len)
{
  sqlite3_int64 size = 0;

  if (pw_file_size (&file->base, &size) != SQLITE_OK)
    return FALSE;
  for (sqlite3_int64 offset = 0; offset < size; offset += PAGE)
    if (read_main_page (file, file->scratch, offset) == SQLITE_OK &&
        memmem (file->scratch, PAGE, needle, len) != NULL)
      return TRUE;
  return FALSE;
}

static gboolean
wal_frames_contain (PwFile *file, const void *needle, gsize len)
{
  for (sqlite3_int64 offset = WAL_HEADER;; offset += FRAME)
    {
      if (file->real->pMethods->xRead (file->real, file->scratch, FRAME, offset) != SQLITE_OK)
        return FALSE;
      if (frame_authenticates (file, file->scratch) &&
          memmem (file->scratch + FRAME_HEADER, PAGE, needle, len) != NULL)
        return TRUE;
    }
}

/**
 * pw_vfs_pages_contain:
 * @file: the main file or WAL of an open store
 *
 * Searches the decrypted content of every page, in use or free, for
 * @needle: how erasure is checked to leave nothing behind.
 *
 * Returns: %TRUE if some page holds @needle
 */
gboolean
pw_vfs_pages_contain (sqlite3_file *base,
                      const void   *needle,
                      gsize         len)
{
  PwFile *file = (PwFile *) base;

  g_return_val_if_fail (file->base.pMethods == &pw_io_methods, FALSE);
  pw_vfs_take_failure (&(PwFailure) { 0 });
  if (file->kind == PW_FILE_MAIN)
    return main_pages_contain (file, needle, len);
  if (file->kind == PW_FILE_WAL)
    return wal_frames_contain (file, needle, len);
  return FALSE;
}

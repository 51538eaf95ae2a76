/* pw-vfs.h
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

G_BEGIN_DECLS

#define PW_VFS_NAME      "pathway"
#define PW_VFS_URI_PARAM "pwcipher"

typedef enum
{
  PW_FILE_MAIN = 1,
  PW_FILE_WAL = 2,
  PW_FILE_JOURNAL = 3,
} PwFileKind;

typedef enum
{
  PW_FAILURE_NONE,
  PW_FAILURE_AUTH,          /* a page failed authentication */
  PW_FAILURE_PAGE_FORMAT,   /* a write would change the page size or reserve */
  PW_FAILURE_TEMP_FILE,     /* SQLite asked for a temporary file on disk */
  PW_FAILURE_FOREIGN_FILE,  /* SQLite asked for a file with no key */
} PwFailureKind;

typedef struct
{
  PwFailureKind kind;
  PwFileKind file;
  guint32 page;
  guint32 frame;
} PwFailure;

typedef struct _PwCipher PwCipher;

int        pw_vfs_register          (const char       *name,
                                     const char       *base_name);

PwCipher  *pw_cipher_new            (const guint8     *uuid,
                                     const guint8     *page_key);
PwCipher  *pw_cipher_ref            (PwCipher         *cipher);
void       pw_cipher_unref          (PwCipher         *cipher);
guint      pw_cipher_attach         (PwCipher         *cipher);
void       pw_cipher_detach         (guint             token);
gboolean   pw_vfs_take_failure      (PwFailure        *failure);
void       pw_cipher_get_io_counts  (PwCipher         *cipher,
                                     guint64          *reads,
                                     guint64          *writes);

void       pw_cipher_encrypt_page   (PwCipher         *cipher,
                                     PwFileKind        kind,
                                     guint32           pgno,
                                     const guint8     *nonce,
                                     const guint8     *in,
                                     guint8           *out);
gboolean   pw_cipher_decrypt_page   (PwCipher         *cipher,
                                     PwFileKind        kind,
                                     guint32           pgno,
                                     guint8           *page);

int        pw_vfs_read_raw          (sqlite3_file     *file,
                                     void             *buf,
                                     int               amount,
                                     sqlite3_int64     offset);
int        pw_vfs_write_envelope    (sqlite3_file     *file,
                                     const guint8     *envelope);
gboolean   pw_vfs_verify_pages      (sqlite3_file     *file,
                                     PwFailure        *failure);
gboolean   pw_vfs_pages_contain     (sqlite3_file     *file,
                                     const void       *needle,
                                     gsize             len);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PwCipher, pw_cipher_unref)

G_END_DECLS

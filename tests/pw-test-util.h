/* pw-test-util.h
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "pw-caseload.h"
#include "pw-store.h"

G_BEGIN_DECLS

#define PW_TEST_PASSPHRASE "correct horse battery staple"

typedef struct
{
  char *dir;
  char *path;
} PwTestDir;

void       pw_test_dir_init       (PwTestDir        *td);
void       pw_test_dir_clear      (PwTestDir        *td);
const PwKdfCost *pw_test_cost     (void);
PwStore   *pw_test_create_store   (const char       *path,
                                   char            **recovery_key);
PwStore   *pw_test_reopen         (const char       *path,
                                   const char       *passphrase);
void       pw_test_create_rows    (PwStore          *store,
                                   guint             n_rows,
                                   const char       *marker);
gint64     pw_test_count_rows     (PwStore          *store,
                                   const char       *table);
gboolean   pw_test_file_contains  (const char       *path,
                                   const char       *needle);
void       pw_test_flip_byte      (const char       *path,
                                   goffset           offset);
void       pw_test_copy_bytes     (const char       *from,
                                   goffset           from_offset,
                                   const char       *to,
                                   goffset           to_offset,
                                   gsize             len);
char      *pw_test_read_file      (const char       *path,
                                   gsize            *len);
void       pw_test_write_file     (const char       *path,
                                   const char       *data,
                                   gsize             len);

/* Where things are in a store file and its write-ahead log. */
#define PW_TEST_PAGE_SIZE      4096
#define PW_TEST_ENVELOPE_SIZE  4096
#define PW_TEST_ENVELOPE_COPY  2048
#define PW_TEST_CHECKSUM_AT    2016
#define PW_TEST_SLOT_AT(i)     (48 + (i) * 128)
#define PW_TEST_SLOT_OPSLIMIT  8
#define PW_TEST_SLOT_MEMLIMIT  16
#define PW_TEST_WAL_HEADER     32
#define PW_TEST_FRAME_HEADER   24
#define PW_TEST_FRAME_SIZE     (PW_TEST_FRAME_HEADER + PW_TEST_PAGE_SIZE)

typedef struct
{
  guint32 pgno;
  guint32 commit_size;   /* 0 unless the frame ends a transaction */
} PwTestWalFrame;

goffset    pw_test_page_offset    (guint32           pgno);
guint32    pw_test_page_count     (const char       *path);
goffset    pw_test_wal_frame_offset (guint           index);
GArray    *pw_test_wal_frames     (const char       *wal_path);
void       pw_test_swap_bytes     (const char       *path,
                                   goffset           a,
                                   goffset           b,
                                   gsize             len);
guint64    pw_test_envelope_get_u64 (const char     *path,
                                   guint             copy,
                                   goffset           offset);
void       pw_test_envelope_set_u64 (const char     *path,
                                   guint             copy,
                                   goffset           offset,
                                   guint64           value);
void       pw_test_envelope_reseal (const char      *path);
void       pw_test_assert_file_equals (const char   *path,
                                   const char       *expected,
                                   gsize             len);
void       pw_test_assert_file_equals_outside (const char *path,
                                   const char       *expected,
                                   gsize             len,
                                   goffset           skip_from,
                                   gsize             skip_len);
void       pw_test_assert_message_contains (const GError *error,
                                   const char       *needle);
gboolean   pw_test_query_int64    (PwStore          *store,
                                   const char       *sql,
                                   gint64           *value,
                                   GError          **error);
void       pw_test_remove_store_files (const char   *path);

gint64     pw_test_query_int      (PwStore          *store,
                                   const char       *sql);
char      *pw_test_query_text     (PwStore          *store,
                                   const char       *sql);

/* Case records. */
char      *pw_test_make_upn       (guint             la,
                                   guint             serial,
                                   char              temporary_letter);
void       pw_test_run_main_context (void);

/* A new store in @td with its caseload, "today" pinned to PW_TEST_TODAY
 * and the actor named "Sam Senco"; pw_test_caseload_free() checks that
 * nothing keeps either alive. */
#define PW_TEST_TODAY "2026-11-23"

PwCaseload *pw_test_caseload_new   (PwTestDir       *td,
                                    PwStore        **store);
void       pw_test_caseload_free   (PwTestDir        *td,
                                    PwStore          *store,
                                    PwCaseload       *caseload);
void       pw_test_save_ok         (PwCaseload       *caseload,
                                    PwRecord         *record);

G_END_DECLS

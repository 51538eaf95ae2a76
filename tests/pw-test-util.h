/* pw-test-util.h
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

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

G_END_DECLS

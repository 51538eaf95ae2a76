/* bench-process.h
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean  bench_write_all  (int          fd,
                            const void  *data,
                            gsize        len);
gsize     bench_read_all   (int          fd,
                            void        *data,
                            gsize        len);
gboolean  bench_wait_child (GPid         pid,
                            GError     **error);

char     *bench_make_dirs  (const char   *name_template,
                            const char   *keep_dir,
                            char        **work,
                            GError      **error);

G_END_DECLS

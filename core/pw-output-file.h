/* pw-output-file.h
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _PwOutputFile PwOutputFile;

PwOutputFile   *pw_output_file_new         (const char     *path,
                                            int             mode,
                                            GError        **error);
GOutputStream  *pw_output_file_get_stream  (PwOutputFile   *self);
gboolean        pw_output_file_commit      (PwOutputFile   *self,
                                            GError        **error);
void            pw_output_file_free        (PwOutputFile   *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PwOutputFile, pw_output_file_free)

G_END_DECLS

/* pw-test-cli.h
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* What a run of pathway-cli did. */
typedef struct
{
  int status;
  char *out;
  char *err;
} PwCliResult;

void  pw_cli_result_clear   (PwCliResult  *result);
void  pw_test_run_cli_argv  (PwCliResult  *result,
                             const char   *input,
                             GPtrArray    *argv);
void  pw_test_run_cli       (PwCliResult  *result,
                             const char   *input,
                             ...) G_GNUC_NULL_TERMINATED;

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PwCliResult, pw_cli_result_clear)

G_END_DECLS

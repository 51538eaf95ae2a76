/* pw-test-cli.c
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Runs the built pathway-cli (PATHWAY_CLI in the test environment) as a
 * user would, and keeps what it said. */

#include "config.h"

#include <glib/gstdio.h>
#include <unistd.h>

#include "pw-test-cli.h"

void
pw_cli_result_clear (PwCliResult *result)
{
  g_clear_pointer (&result->out, g_free);
  g_clear_pointer (&result->err, g_free);
}

/**
 * pw_test_run_cli_argv:
 * @input: (nullable): what standard input holds
 * @argv: the program and its arguments, ending in NULL
 *
 * The input comes from a file, as a shell's redirection would give it, so
 * a tool that stops before reading it is no broken pipe.
 */
void
pw_test_run_cli_argv (PwCliResult *result,
                      const char  *input,
                      GPtrArray   *argv)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *input_path = NULL;
  int fd;

  fd = g_file_open_tmp ("pathway-cli-input-XXXXXX", &input_path, &error);
  g_assert_no_error (error);
  close (fd);
  g_assert_true (g_file_set_contents (input_path, input != NULL ? input : "", -1, NULL));
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_set_stdin_file_path (launcher, input_path);
  process = g_subprocess_launcher_spawnv (launcher, (const char *const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &result->out, &result->err, &error);
  g_assert_no_error (error);
  result->status = g_subprocess_get_exit_status (process);
  g_unlink (input_path);
}

/**
 * pw_test_run_cli:
 * @input: (nullable): what standard input holds
 * @...: pathway-cli's arguments, ending in NULL
 */
void
pw_test_run_cli (PwCliResult *result,
                 const char  *input,
                 ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  const char *arg;
  va_list args;

  g_ptr_array_add (argv, (gpointer) g_getenv ("PATHWAY_CLI"));
  va_start (args, input);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  pw_test_run_cli_argv (result, input, argv);
}

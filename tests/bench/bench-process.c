/* bench-process.c
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The pipe between a benchmark and the process it forks for one
 * measurement, so that each measurement's peak memory is its own. */

#include "config.h"

#include <errno.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "bench-process.h"
#include "bench-workload.h"

gboolean
bench_write_all (int         fd,
                 const void *data,
                 gsize       len)
{
  const char *p = data;

  while (len > 0)
    {
      gssize n = write (fd, p, len);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;
      p += n;
      len -= n;
    }
  return TRUE;
}

/* Returns: how many bytes came, fewer than @len at the end of the pipe */
gsize
bench_read_all (int    fd,
                void  *data,
                gsize  len)
{
  char *p = data;
  gsize got = 0;

  while (got < len)
    {
      gssize n = read (fd, p + got, len - got);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        break;
      got += n;
    }
  return got;
}

/**
 * bench_make_dirs:
 * @name_template: the temporary folder's name, ending in XXXXXX
 * @keep_dir: (nullable): where stores are kept between runs
 * @work: (out): a new temporary folder for this run
 *
 * Returns: the folder demo stores go in: @keep_dir, or else a copy of @work
 */
char *
bench_make_dirs (const char  *name_template,
                 const char  *keep_dir,
                 char       **work,
                 GError     **error)
{
  *work = g_dir_make_tmp (name_template, error);
  if (*work == NULL)
    return NULL;
  if (keep_dir == NULL)
    return g_strdup (*work);
  if (g_mkdir_with_parents (keep_dir, 0700) != 0)
    {
      g_set_error (error, BENCH_ERROR, 0, "Could not make %s: %s", keep_dir,
                   g_strerror (errno));
      return NULL;
    }
  return g_strdup (keep_dir);
}

/* Waits for the process @pid to end; %FALSE with @error set unless it
 * exited with status 0. */
gboolean
bench_wait_child (GPid     pid,
                  GError **error)
{
  int status;

  while (waitpid (pid, &status, 0) < 0)
    if (errno != EINTR)
      {
        g_set_error (error, BENCH_ERROR, 0, "waitpid: %s", g_strerror (errno));
        return FALSE;
      }
  return g_spawn_check_wait_status (status, error);
}

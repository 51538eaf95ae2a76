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
#include <unistd.h>

#include "bench-process.h"

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

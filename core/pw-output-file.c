/* pw-output-file.c
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A file that appears whole or not at all.  It is written under a hidden
 * temporary name beside its destination, synced, and renamed over the
 * destination only by pw_output_file_commit(); freed without a commit, the
 * temporary file is removed.  Exports, summaries and keys are written this
 * way, so that a failure never leaves half a file. */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <gio/gunixoutputstream.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "pw-output-file.h"

#define BUFFER_SIZE (64 * 1024)

struct _PwOutputFile
{
  char *path;
  char *temp_path;
  int fd;
  GOutputStream *stream;
};

static gboolean
fail_errno (GError **error, const char *path, int saved_errno)
{
  g_autofree char *display = g_filename_display_name (path);

  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno), "%s: %s", display,
               g_strerror (saved_errno));
  return FALSE;
}

/**
 * pw_output_file_new:
 * @path: where the file is to appear
 * @mode: its permissions, such as 0600 for anything about a child
 *
 * Returns: (transfer full): the file, or %NULL if its folder cannot be written
 */
PwOutputFile *
pw_output_file_new (const char  *path,
                    int          mode,
                    GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  PwOutputFile *self;
  GOutputStream *raw;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_new0 (PwOutputFile, 1);
  self->path = g_strdup (path);
  self->temp_path = g_strdup_printf ("%s/.%s.XXXXXX", dir, base);
  self->fd = g_mkstemp_full (self->temp_path, O_WRONLY | O_CLOEXEC, mode);
  if (self->fd < 0)
    {
      fail_errno (error, path, errno);
      g_clear_pointer (&self->temp_path, g_free);
      pw_output_file_free (self);
      return NULL;
    }
  raw = g_unix_output_stream_new (self->fd, FALSE);
  self->stream = g_buffered_output_stream_new_sized (raw, BUFFER_SIZE);
  g_object_unref (raw);
  return self;
}

GOutputStream *
pw_output_file_get_stream (PwOutputFile *self)
{
  return self->stream;
}

static gboolean
sync_folder (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  int fd = open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  gboolean ok;

  if (fd < 0)
    return FALSE;
  ok = fsync (fd) == 0;
  close (fd);
  return ok;
}

/**
 * pw_output_file_commit:
 *
 * Flushes and syncs what was written, and puts it in place of the
 * destination.  After a failure the destination is as it was before.
 */
gboolean
pw_output_file_commit (PwOutputFile  *self,
                       GError       **error)
{
  int fd = self->fd;
  int saved_errno = 0;

  g_return_val_if_fail (self->fd >= 0, FALSE);

  if (!g_output_stream_close (self->stream, NULL, error))
    return FALSE;
  self->fd = -1;
  if (fsync (fd) != 0)
    saved_errno = errno;
  if (close (fd) != 0 && saved_errno == 0)
    saved_errno = errno;
  if (saved_errno != 0)
    return fail_errno (error, self->path, saved_errno);
  if (g_rename (self->temp_path, self->path) != 0)
    return fail_errno (error, self->path, errno);
  g_clear_pointer (&self->temp_path, g_free);
  /* The rename is in place; a folder that cannot be synced is not worth
   * reporting the export as failed. */
  sync_folder (self->path);
  return TRUE;
}

void
pw_output_file_free (PwOutputFile *self)
{
  if (self == NULL)
    return;
  g_clear_object (&self->stream);
  if (self->fd >= 0)
    close (self->fd);
  if (self->temp_path != NULL)
    g_unlink (self->temp_path);
  g_free (self->temp_path);
  g_free (self->path);
  g_free (self);
}

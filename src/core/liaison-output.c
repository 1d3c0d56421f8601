/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-output"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "liaison-output-private.h"

/*
 * Every export, report and calendar goes through this: a temporary file in the target's
 * folder (so that the final rename stays on one file system and is atomic), written
 * through stdio, flushed and synced, then renamed over the target.
 */
struct _LiaisonOutput
{
  char     *path;
  char     *tmp_path;
  FILE     *file;
  int       write_errno;  /* the first write that failed, or 0 */
  gboolean  finished;
};

/**
 * _liaison_output_open:
 * @path: the file to write in the end
 *
 * Returns: (transfer full): an output on a new temporary file beside @path, or %NULL
 *   with @error set when the folder cannot be written to
 */
LiaisonOutput *
_liaison_output_open (const char  *path,
                      GError     **error)
{
  g_autoptr(LiaisonOutput) self = g_new0 (LiaisonOutput, 1);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  GStatBuf st;
  int fd;

  /* Renaming over a device or a pipe would replace it with a plain file. */
  if (g_stat (path, &st) == 0 && !S_ISREG (st.st_mode))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                   _("Could not write “%s”: it is not a regular file. Choose a file to write to."), path);
      return NULL;
    }

  self->path = g_strdup (path);
  self->tmp_path = g_strdup_printf ("%s/.%s.XXXXXX", dir, base);
  fd = g_mkstemp_full (self->tmp_path, O_WRONLY | O_CLOEXEC, 0644);
  if (fd < 0)
    {
      int errsv = errno;

      g_clear_pointer (&self->tmp_path, g_free);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errsv),
                   _("Could not write to the folder “%s”: %s"), dir, g_strerror (errsv));
      return NULL;
    }

  self->file = fdopen (fd, "w");
  if (self->file == NULL)
    {
      int errsv = errno;

      close (fd);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errsv),
                   _("Could not write to the folder “%s”: %s"), dir, g_strerror (errsv));
      return NULL;
    }

  return g_steal_pointer (&self);
}

/**
 * _liaison_output_write:
 * @length: the length of @data, or -1 when it is nul-terminated
 *
 * Returns: %FALSE when the write failed; _liaison_output_finish() then says why
 */
gboolean
_liaison_output_write (LiaisonOutput *self,
                       const char    *data,
                       gssize         length)
{
  gsize n = length < 0 ? strlen (data) : (gsize) length;

  g_assert (self->file != NULL);

  if (self->write_errno != 0)
    return FALSE;
  if (n > 0 && fwrite (data, 1, n, self->file) != n)
    {
      self->write_errno = errno ? errno : EIO;
      return FALSE;
    }
  return TRUE;
}

static int
write_cb (void       *context,
          const char *buffer,
          int         length)
{
  LiaisonOutput *self = context;

  return _liaison_output_write (self, buffer, length) ? length : -1;
}

/**
 * _liaison_output_new_xml_writer:
 *
 * Returns: (transfer full): an xmlTextWriter that writes into @self; free it before
 *   finishing @self
 */
xmlTextWriter *
_liaison_output_new_xml_writer (LiaisonOutput *self)
{
  xmlOutputBuffer *out = xmlOutputBufferCreateIO (write_cb, NULL, self, NULL);
  xmlTextWriter *writer;

  if (out == NULL)
    return NULL;

  writer = xmlNewTextWriter (out);
  if (writer == NULL)
    {
      xmlOutputBufferClose (out);
      return NULL;
    }

  xmlTextWriterSetIndent (writer, 1);
  xmlTextWriterSetIndentString (writer, BAD_CAST "  ");
  return writer;
}

/**
 * _liaison_output_finish:
 *
 * Flushes and syncs the temporary file and renames it over the target, unless a write
 * failed: then the error says why and the target stays as it was.  Whatever the
 * outcome, @self is then spent: free it.
 */
gboolean
_liaison_output_finish (LiaisonOutput  *self,
                        GError        **error)
{
  FILE *file = g_steal_pointer (&self->file);
  int errsv;

  g_assert (file != NULL);

  errsv = self->write_errno;
  if (errsv == 0 && (fflush (file) != 0 || ferror (file) || fsync (fileno (file)) != 0))
    errsv = errno ? errno : EIO;
  if (fclose (file) != 0 && errsv == 0)
    errsv = errno;

  if (errsv != 0)
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errsv),
                   _("Could not write “%s”: %s"), self->path, g_strerror (errsv));
      return FALSE;
    }

  if (g_rename (self->tmp_path, self->path) != 0)
    {
      errsv = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errsv),
                   _("Could not replace “%s”: %s"), self->path, g_strerror (errsv));
      return FALSE;
    }

  self->finished = TRUE;
  return TRUE;
}

/**
 * _liaison_output_free:
 *
 * Frees @self; an output that was not finished takes its temporary file with it.
 */
void
_liaison_output_free (LiaisonOutput *self)
{
  if (self == NULL)
    return;

  if (self->file != NULL)
    fclose (self->file);
  if (!self->finished && self->tmp_path != NULL)
    g_unlink (self->tmp_path);

  g_free (self->path);
  g_free (self->tmp_path);
  g_free (self);
}

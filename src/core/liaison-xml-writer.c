/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-xml-writer"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "liaison-error.h"
#include "liaison-store-private.h"
#include "liaison-xml.h"

/*
 * The canonical export: every record of the database, streamed through xmlTextWriter
 * into a temporary file beside the target, which replaces the target only once it is
 * complete and on disk.  Memory does not grow with the data beyond the list of ids.
 */

typedef struct {
  LiaisonStore     *store;
  xmlTextWriter    *writer;
  GCancellable     *cancellable;
  LiaisonProgressFunc progress;
  gpointer          user_data;
  gint64            done;
  gint64            total;
} Export;

#define W(call) G_STMT_START { if ((call) < 0) goto write_failed; } G_STMT_END

static gboolean
write_link (xmlTextWriter     *writer,
            const LiaisonLink *link)
{
  static const char * const names[] = { "party", "institution", "person", "agreement", "tag", "cite" };

  if (xmlTextWriterStartElement (writer, BAD_CAST names[link->type]) < 0)
    return FALSE;

  switch (link->type)
    {
    case LIAISON_LINK_TAG:
      if (xmlTextWriterWriteString (writer, BAD_CAST link->target) < 0)
        return FALSE;
      break;
    case LIAISON_LINK_CITATION:
      if (xmlTextWriterWriteAttribute (writer, BAD_CAST "source", BAD_CAST link->target) < 0 ||
          (link->role && xmlTextWriterWriteString (writer, BAD_CAST link->role) < 0))
        return FALSE;
      break;
    case LIAISON_LINK_PARTY:
    case LIAISON_LINK_INSTITUTION:
    case LIAISON_LINK_PERSON:
    case LIAISON_LINK_AGREEMENT:
    default:
      if (xmlTextWriterWriteAttribute (writer, BAD_CAST "ref", BAD_CAST link->target) < 0 ||
          (link->role && xmlTextWriterWriteAttribute (writer, BAD_CAST "role", BAD_CAST link->role) < 0) ||
          (link->signatory && xmlTextWriterWriteAttribute (writer, BAD_CAST "signatory", BAD_CAST link->signatory) < 0))
        return FALSE;
    }

  return xmlTextWriterEndElement (writer) >= 0;
}

/* Links come in the schema's order: parties, institutions, people, agreements, tags, citations. */
static gboolean
write_record (xmlTextWriter *writer,
              LiaisonRecord *record)
{
  LiaisonRecordKind kind = liaison_record_get_kind (record);
  GPtrArray *links = liaison_record_get_links (record);
  const LiaisonField *fields;
  guint n_fields;

  fields = liaison_record_kind_get_fields (kind, &n_fields);

  W (xmlTextWriterStartElement (writer, BAD_CAST liaison_record_kind_to_string (kind)));
  W (xmlTextWriterWriteAttribute (writer, BAD_CAST "uuid", BAD_CAST liaison_record_get_uuid (record)));
  W (xmlTextWriterWriteAttribute (writer, BAD_CAST "created", BAD_CAST liaison_record_get_created (record)));
  W (xmlTextWriterWriteAttribute (writer, BAD_CAST "modified", BAD_CAST liaison_record_get_modified (record)));
  for (guint i = 0; i < n_fields; i++)
    if ((fields[i].type == LIAISON_FIELD_CHOICE || fields[i].type == LIAISON_FIELD_BOOLEAN) &&
        liaison_record_get_field_at (record, i))
      W (xmlTextWriterWriteAttribute (writer, BAD_CAST fields[i].name,
                                      BAD_CAST liaison_record_get_field_at (record, i)));

  for (guint i = 0; i < n_fields; i++)
    {
      const char *value = liaison_record_get_field_at (record, i);

      if (value == NULL || fields[i].type == LIAISON_FIELD_CHOICE || fields[i].type == LIAISON_FIELD_BOOLEAN)
        continue;

      if (fields[i].type == LIAISON_FIELD_REFERENCE)
        {
          W (xmlTextWriterStartElement (writer, BAD_CAST fields[i].name));
          W (xmlTextWriterWriteAttribute (writer, BAD_CAST "ref", BAD_CAST value));
          W (xmlTextWriterEndElement (writer));
        }
      else
        W (xmlTextWriterWriteElement (writer, BAD_CAST fields[i].name, BAD_CAST value));
    }

  for (LiaisonLinkType type = LIAISON_LINK_PARTY; type <= LIAISON_LINK_CITATION; type++)
    for (guint i = 0; i < links->len; i++)
      {
        const LiaisonLink *link = g_ptr_array_index (links, i);

        if (link->type == type && !write_link (writer, link))
          goto write_failed;
      }

  W (xmlTextWriterEndElement (writer));
  return TRUE;

write_failed:
  return FALSE;
}

static gboolean
write_section (Export             *export,
               LiaisonRecordKind   kind,
               GError            **error)
{
  g_autoptr(LiaisonQuery) query = liaison_query_new (kind);
  g_autoptr(GArray) ids = NULL;

  liaison_query_set_sort (query, "id", FALSE);
  ids = liaison_store_query (export->store, query, error);
  if (ids == NULL)
    return FALSE;

  if (xmlTextWriterStartElement (export->writer, BAD_CAST liaison_record_kind_get_plural (kind)) < 0)
    goto write_failed;

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(LiaisonRecord) record = NULL;

      record = liaison_store_load (export->store, kind, g_array_index (ids, gint64, i), error);
      if (record == NULL)
        return FALSE;

      if (!write_record (export->writer, record))
        goto write_failed;

      if (++export->done % 1000 == 0)
        {
          if (g_cancellable_set_error_if_cancelled (export->cancellable, error))
            return FALSE;
          if (export->progress && export->total > 0)
            export->progress ((double) export->done / (double) export->total, export->user_data);
        }
    }

  if (xmlTextWriterEndElement (export->writer) < 0)
    goto write_failed;
  return TRUE;

write_failed:
  g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_FAILED,
               _("Could not write the export: the disk may be full or the file unwritable."));
  return FALSE;
}

/**
 * liaison_export_to_file:
 * @path: the file to write; replaced only when the export is complete
 * @cancellable: (nullable): cancels the export, leaving no partial file
 * @progress: (nullable) (scope call): told how far the export has come
 *
 * Writes every record of @store as a canonical Liaison document.
 */
gboolean
liaison_export_to_file (LiaisonStore         *store,
                        const char           *path,
                        GCancellable         *cancellable,
                        LiaisonProgressFunc   progress,
                        gpointer              user_data,
                        GError              **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *tmp_path = NULL;
  g_autofree char *now = NULL;
  g_autofree char *generator = NULL;
  Export export = { store, NULL, cancellable, progress, user_data, 0, 0 };
  xmlOutputBuffer *out;
  gboolean ok = FALSE;
  int fd;

  g_return_val_if_fail (LIAISON_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  tmp_path = g_strdup_printf ("%s/.%s.XXXXXX", dir, base);
  fd = g_mkstemp_full (tmp_path, O_WRONLY | O_CLOEXEC, 0644);
  if (fd < 0)
    {
      int errsv = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errsv),
                   _("Could not write to the folder “%s”: %s"), dir, g_strerror (errsv));
      return FALSE;
    }

  for (guint kind = 0; kind < LIAISON_N_RECORD_KINDS; kind++)
    {
      gint64 n = liaison_store_count (store, kind, NULL);
      export.total += MAX (n, 0);
    }

  out = xmlOutputBufferCreateFd (fd, NULL);
  export.writer = xmlNewTextWriter (out);
  if (export.writer == NULL)
    {
      xmlOutputBufferClose (out);
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_FAILED, _("Could not start the export."));
      goto out;
    }

  xmlTextWriterSetIndent (export.writer, 1);
  xmlTextWriterSetIndentString (export.writer, BAD_CAST "  ");

  now = _liaison_timestamp_now ();
  generator = g_strdup_printf ("Liaison %s", PACKAGE_VERSION);

  if (xmlTextWriterStartDocument (export.writer, "1.0", "UTF-8", NULL) < 0 ||
      xmlTextWriterStartElementNS (export.writer, NULL, BAD_CAST "liaison", BAD_CAST LIAISON_XML_NS) < 0 ||
      xmlTextWriterWriteAttribute (export.writer, BAD_CAST "version", BAD_CAST LIAISON_XML_VERSION) < 0 ||
      xmlTextWriterWriteAttribute (export.writer, BAD_CAST "generator", BAD_CAST generator) < 0 ||
      xmlTextWriterWriteAttribute (export.writer, BAD_CAST "exported", BAD_CAST now) < 0)
    {
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_FAILED,
                   _("Could not write the export: the disk may be full or the file unwritable."));
      goto out;
    }

  for (guint kind = 0; kind < LIAISON_N_RECORD_KINDS; kind++)
    if (!write_section (&export, kind, error))
      goto out;

  if (xmlTextWriterEndDocument (export.writer) < 0 || xmlTextWriterFlush (export.writer) < 0)
    {
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_FAILED,
                   _("Could not write the export: the disk may be full or the file unwritable."));
      goto out;
    }

  ok = TRUE;

out:
  /* Freeing the writer closes the output buffer and with it the descriptor. */
  if (ok && fsync (fd) != 0)
    {
      int errsv = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errsv),
                   _("Could not write the export to “%s”: %s"), path, g_strerror (errsv));
      ok = FALSE;
    }
  if (export.writer != NULL)
    xmlFreeTextWriter (export.writer);
  else if (fd >= 0)
    close (fd);

  if (ok && g_rename (tmp_path, path) != 0)
    {
      int errsv = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errsv),
                   _("Could not replace “%s”: %s"), path, g_strerror (errsv));
      ok = FALSE;
    }

  if (!ok)
    g_unlink (tmp_path);
  else if (progress)
    progress (1.0, user_data);

  return ok;
}

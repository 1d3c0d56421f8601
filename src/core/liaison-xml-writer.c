/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-xml-writer"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "liaison-error.h"
#include "liaison-exchange-private.h"
#include "liaison-output-private.h"
#include "liaison-store-stream-private.h"
#include "liaison-xml.h"

/*
 * The canonical export: every record of the database, streamed through xmlTextWriter
 * into a temporary file beside the target, which replaces the target only once it is
 * complete and on disk.  Each table is read by one statement in id order, so memory
 * does not grow with the data.
 */

typedef struct {
  LiaisonStore     *store;
  LiaisonStoreStream *stream;
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
export_record (LiaisonRecord  *record,
               gpointer        user_data,
               GError        **error)
{
  Export *export = user_data;

  if (!write_record (export->writer, record))
    {
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_FAILED,
                   _("Could not write the export: the disk may be full or the file unwritable."));
      return FALSE;
    }
  if (!_liaison_store_exchange_note_export (export->store, record, error))
    return FALSE;

  if (++export->done % 1000 == 0)
    {
      if (g_cancellable_set_error_if_cancelled (export->cancellable, error))
        return FALSE;
      if (export->progress && export->total > 0)
        export->progress ((double) export->done / (double) export->total, export->user_data);
    }
  return TRUE;
}

/* The records of a kind are streamed in id order: one statement per table. */
static gboolean
write_section (Export             *export,
               LiaisonRecordKind   kind,
               GError            **error)
{
  if (xmlTextWriterStartElement (export->writer, BAD_CAST liaison_record_kind_get_plural (kind)) < 0)
    goto write_failed;

  if (!_liaison_store_stream_foreach (export->stream, kind, export_record, export, error))
    return FALSE;

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
 * Writes every record of @store as a canonical Liaison document.  A complete export is
 * an exchange: each record's state is noted for the merge rules of a later import.
 */
gboolean
liaison_export_to_file (LiaisonStore         *store,
                        const char           *path,
                        GCancellable         *cancellable,
                        LiaisonProgressFunc   progress,
                        gpointer              user_data,
                        GError              **error)
{
  g_autoptr(LiaisonOutput) output = NULL;
  g_autofree char *now = NULL;
  g_autofree char *generator = NULL;
  Export export = { store, NULL, NULL, cancellable, progress, user_data, 0, 0 };
  gboolean snapshot;
  gboolean ok = FALSE;

  g_return_val_if_fail (LIAISON_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  output = _liaison_output_open (path, error);
  if (output == NULL)
    return FALSE;

  if (!_liaison_store_exchange_begin_export (store, error))
    return FALSE;

  /* One read transaction: a consistent snapshot, and no lock taken and dropped for
   * each of the millions of statements (it writes only the temp table). */
  snapshot = sqlite3_exec (_liaison_store_get_db (store), "BEGIN", NULL, NULL, NULL) == SQLITE_OK;

  for (guint kind = 0; kind < LIAISON_N_RECORD_KINDS; kind++)
    {
      gint64 n = liaison_store_count (store, kind, NULL);
      export.total += MAX (n, 0);
    }

  export.stream = _liaison_store_stream_new (store, error);
  if (export.stream == NULL)
    goto out;

  export.writer = _liaison_output_new_xml_writer (output);
  if (export.writer == NULL)
    {
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_FAILED, _("Could not start the export."));
      goto out;
    }

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

  g_clear_pointer (&export.writer, xmlFreeTextWriter);
  ok = _liaison_output_finish (output, error);

out:
  g_clear_pointer (&export.writer, xmlFreeTextWriter);
  g_clear_pointer (&export.stream, _liaison_store_stream_free);
  if (snapshot)
    sqlite3_exec (_liaison_store_get_db (store), ok ? "COMMIT" : "ROLLBACK", NULL, NULL, NULL);

  /* The file is in place either way; failing to note the exchange only makes the
   * next import more cautious (it reports conflicts it could have told apart). */
  {
    g_autoptr(GError) local_error = NULL;

    if (!_liaison_store_exchange_end_export (store, ok, &local_error) && ok)
      g_message ("Exported “%s” but could not note the exchange: %s", path, local_error->message);
  }

  if (ok && progress)
    progress (1.0, user_data);

  return ok;
}

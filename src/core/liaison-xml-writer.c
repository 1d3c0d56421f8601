/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-xml-writer"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "liaison-error.h"
#include "liaison-exchange-private.h"
#include "liaison-output-private.h"
#include "liaison-store-stream-private.h"
#include "liaison-xml-out-private.h"
#include "liaison-xml.h"

/*
 * The canonical export: every record of the database, streamed through a buffered
 * writer (liaison-xml-out.c, the bytes xmlTextWriter wrote) into a temporary file
 * beside the target, which replaces the target only once it is complete and on disk.  Each table is read by one statement in id order, so memory
 * does not grow with the data.
 */

typedef struct {
  LiaisonStore         *store;
  LiaisonStoreStream   *stream;
  LiaisonExchangeNotes *notes;
  LiaisonXmlOut        *out;
  GCancellable         *cancellable;
  LiaisonProgressFunc   progress;
  gpointer              user_data;
  gint64                done;
  gint64                total;
} Export;

static void
write_link (LiaisonXmlOut         *out,
            const LiaisonLinkView *link)
{
  static const char * const names[] = { "party", "institution", "person", "agreement", "tag", "cite" };

  _liaison_xml_out_start_element (out, names[link->type]);

  switch (link->type)
    {
    case LIAISON_LINK_TAG:
      _liaison_xml_out_text (out, link->target);
      break;
    case LIAISON_LINK_CITATION:
      _liaison_xml_out_attribute (out, "source", link->target);
      if (link->role)
        _liaison_xml_out_text (out, link->role);
      break;
    case LIAISON_LINK_PARTY:
    case LIAISON_LINK_INSTITUTION:
    case LIAISON_LINK_PERSON:
    case LIAISON_LINK_AGREEMENT:
    default:
      _liaison_xml_out_attribute (out, "ref", link->target);
      if (link->role)
        _liaison_xml_out_attribute (out, "role", link->role);
      if (link->signatory)
        _liaison_xml_out_attribute (out, "signatory", link->signatory);
    }

  _liaison_xml_out_end_element (out);
}

/* Links come in the schema's order: parties, institutions, people, agreements, tags, citations. */
static void
write_record (LiaisonXmlOut           *out,
              const LiaisonRecordView *record)
{
  const LiaisonField *fields;
  guint n_fields;

  fields = liaison_record_kind_get_fields (record->kind, &n_fields);

  _liaison_xml_out_start_element (out, liaison_record_kind_to_string (record->kind));
  _liaison_xml_out_attribute (out, "uuid", record->uuid);
  _liaison_xml_out_attribute (out, "created", record->created);
  _liaison_xml_out_attribute (out, "modified", record->modified);
  for (guint i = 0; i < n_fields; i++)
    if ((fields[i].type == LIAISON_FIELD_CHOICE || fields[i].type == LIAISON_FIELD_BOOLEAN) &&
        record->fields[i] != NULL)
      _liaison_xml_out_attribute (out, fields[i].name, record->fields[i]);

  for (guint i = 0; i < n_fields; i++)
    {
      const char *value = record->fields[i];

      if (value == NULL || fields[i].type == LIAISON_FIELD_CHOICE || fields[i].type == LIAISON_FIELD_BOOLEAN)
        continue;

      if (fields[i].type == LIAISON_FIELD_REFERENCE)
        {
          _liaison_xml_out_start_element (out, fields[i].name);
          _liaison_xml_out_attribute (out, "ref", value);
          _liaison_xml_out_end_element (out);
        }
      else
        _liaison_xml_out_element (out, fields[i].name, value);
    }

  for (LiaisonLinkType type = LIAISON_LINK_PARTY; type <= LIAISON_LINK_CITATION; type++)
    for (guint i = 0; i < record->n_links; i++)
      if (record->links[i].type == type)
        write_link (out, &record->links[i]);

  _liaison_xml_out_end_element (out);
}

static void
set_write_error (GError **error)
{
  g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_FAILED,
               _("Could not write the export: the disk may be full or the file unwritable."));
}

static gboolean
export_record (const LiaisonRecordView  *record,
               gpointer                  user_data,
               GError                  **error)
{
  Export *export = user_data;

  write_record (export->out, record);
  if (!_liaison_store_exchange_note_export (export->notes, record, error))
    return FALSE;

  if (++export->done % 1000 == 0)
    {
      /* A full disk stops the export soon, not at the end. */
      if (!_liaison_xml_out_ok (export->out))
        {
          set_write_error (error);
          return FALSE;
        }
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
  _liaison_xml_out_start_element (export->out, liaison_record_kind_get_plural (kind));
  if (!_liaison_store_stream_foreach (export->stream, kind, export_record, export, error))
    return FALSE;
  _liaison_xml_out_end_element (export->out);
  return TRUE;
}

static gboolean
write_output_cb (gpointer    user_data,
                 const char *data,
                 gsize       length)
{
  return _liaison_output_write (user_data, data, (gssize) length);
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
  Export export = { store, NULL, NULL, NULL, cancellable, progress, user_data, 0, 0 };
  gboolean snapshot;
  gboolean ok = FALSE;

  g_return_val_if_fail (LIAISON_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  output = _liaison_output_open (path, error);
  if (output == NULL)
    return FALSE;

  export.notes = _liaison_store_exchange_begin_export (store, error);
  if (export.notes == NULL)
    return FALSE;

  /* One read transaction: a consistent snapshot, and no lock taken and dropped for
   * each of the millions of statements (it writes only the temp table). */
  snapshot = sqlite3_exec (_liaison_store_get_db (store), "BEGIN", NULL, NULL, NULL) == SQLITE_OK;

  /* First: it also keeps the page cache small, for the counts too. */
  export.stream = _liaison_store_stream_new (store, error);
  if (export.stream == NULL)
    goto out;

  for (guint kind = 0; kind < LIAISON_N_RECORD_KINDS; kind++)
    {
      gint64 n = liaison_store_count (store, kind, NULL);
      export.total += MAX (n, 0);
    }

  export.out = _liaison_xml_out_new (write_output_cb, output);
  now = _liaison_timestamp_now ();
  generator = g_strdup_printf ("Liaison %s", PACKAGE_VERSION);

  _liaison_xml_out_start_document (export.out);
  _liaison_xml_out_start_element (export.out, "liaison");
  _liaison_xml_out_attribute (export.out, "version", LIAISON_XML_VERSION);
  _liaison_xml_out_attribute (export.out, "generator", generator);
  _liaison_xml_out_attribute (export.out, "exported", now);
  /* Where xmlTextWriterStartElementNS() put the namespace: after the attributes. */
  _liaison_xml_out_attribute (export.out, "xmlns", LIAISON_XML_NS);

  for (guint kind = 0; kind < LIAISON_N_RECORD_KINDS; kind++)
    if (!write_section (&export, kind, error))
      goto out;

  _liaison_xml_out_end_element (export.out);
  if (!_liaison_xml_out_finish (export.out))
    {
      set_write_error (error);
      goto out;
    }

  ok = _liaison_output_finish (output, error);

out:
  g_clear_pointer (&export.out, _liaison_xml_out_free);
  g_clear_pointer (&export.stream, _liaison_store_stream_free);
  if (snapshot)
    sqlite3_exec (_liaison_store_get_db (store), ok ? "COMMIT" : "ROLLBACK", NULL, NULL, NULL);

  /* The file is in place either way; failing to note the exchange only makes the
   * next import more cautious (it reports conflicts it could have told apart). */
  {
    g_autoptr(GError) local_error = NULL;

    if (!_liaison_store_exchange_end_export (g_steal_pointer (&export.notes), ok, &local_error) && ok)
      g_message ("Exported “%s” but could not note the exchange: %s", path, local_error->message);
  }

  if (ok && progress)
    progress (1.0, user_data);

  return ok;
}

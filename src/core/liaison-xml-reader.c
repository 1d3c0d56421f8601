/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-xml-reader"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "liaison-core-resources.h"
#include "liaison-error.h"
#include "liaison-exchange-private.h"
#include "liaison-store-private.h"
#include "liaison-xml-reader-private.h"
#include "liaison-xml.h"

/*
 * The importer streams a document with xmlTextReader, validating it against the
 * schema as it reads, and writes every record inside one transaction: any problem rolls
 * everything back, and the message names the file, the line and what is wrong.
 *
 * Nothing outside the document is ever read: no network, no DTD, no entity is
 * substituted, and an external-entity loader refuses whatever a document asks for.
 *
 * Merge rules.  Records match by UUID.  The store notes a digest of each record as it
 * was when last exchanged (exported or imported: see liaison-store-exchange.c).
 * Against that note, a record of the file that differs from the stored one is
 *   - changed there only (ours is as noted): updated from the file;
 *   - changed here only (theirs is as noted): kept as it is;
 *   - changed on both sides, or never exchanged: a conflict.
 * A conflict is never settled silently: without LIAISON_IMPORT_KEEP_LOCAL or
 * LIAISON_IMPORT_TAKE_THEIRS the import fails, naming the conflicts, and changes
 * nothing.  An import never deletes; a record deleted here comes back as new.
 */

static xmlSchema *
get_schema (void)
{
  static gsize schema = 0;

  if (g_once_init_enter (&schema))
    {
      g_autoptr(GBytes) bytes = liaison_get_schema_bytes ();
      g_autoptr(xmlSchemaParserCtxt) ctxt = NULL;
      xmlSchema *parsed;

      ctxt = xmlSchemaNewMemParserCtxt (g_bytes_get_data (bytes, NULL), (int) g_bytes_get_size (bytes));
      parsed = xmlSchemaParse (ctxt);
      g_assert (parsed != NULL);
      g_once_init_leave (&schema, (gsize) parsed);
    }

  return (xmlSchema *) schema;
}

/**
 * liaison_get_schema_bytes:
 *
 * Returns: (transfer full): the XML schema of Liaison documents, as shipped in
 *   `data/liaison.xsd`
 */
GBytes *
liaison_get_schema_bytes (void)
{
  return g_resource_lookup_data (liaison_core_get_resource (),
                                 "/io/github/liaisonapp/Liaison/liaison.xsd",
                                 G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
}

static xmlParserInputPtr
refuse_external_entity (const char       *url,
                        const char       *id,
                        xmlParserCtxtPtr  context)
{
  g_debug ("Refused to load external entity %s", url ? url : id ? id : "?");
  return NULL;
}

static void
fixup_clear (gpointer data)
{
  Fixup *fixup = data;

  g_free (fixup->uuid);
  g_free (fixup->target);
}

static char *
tidy_message (const char *message)
{
  g_autofree char *stripped = g_strstrip (g_strdup (message ? message : ""));
  g_auto(GStrv) parts = g_strsplit (stripped, "{" LIAISON_XML_NS "}", -1);

  return g_strjoinv ("", parts);
}

static void
structured_error_cb (void        *data,
                     xmlErrorPtr  error)
{
  Import *import = data;
  g_autofree char *message = NULL;

  if (import->xml_error != NULL || error == NULL || error->level < XML_ERR_ERROR)
    return;

  /* What the push parser says of a document that stops half-way is misleading. */
  if (error->domain == XML_FROM_PARSER && error->code == XML_ERR_DOCUMENT_END)
    message = g_strdup (_("the document ends early: it is cut short, empty, or not XML"));
  else
    message = tidy_message (error->message);
  g_set_error (&import->xml_error, LIAISON_ERROR, LIAISON_ERROR_INVALID_DOCUMENT,
               "%s:%d: %s", import->name, error->line, message);
}

G_GNUC_PRINTF (2, 3)
static void
ignore_generic_error (void       *data,
                      const char *message,
                      ...)
{
  /* libxml2 prints notes such as "Unimplemented block" here; the structured errors
   * are what a person gets to read. */
}

static gboolean
has_doctype (Import *import)
{
  xmlNodePtr node = xmlTextReaderCurrentNode (import->reader);

  return node != NULL && node->doc != NULL && (node->doc->intSubset != NULL || node->doc->extSubset != NULL);
}

static int
current_line (Import *import)
{
  xmlNodePtr node = xmlTextReaderCurrentNode (import->reader);

  /* The parser reads ahead; a node knows the line it started on. */
  if (node != NULL && (node->type == XML_ELEMENT_NODE || node->type == XML_TEXT_NODE) && xmlGetLineNo (node) > 0)
    return (int) xmlGetLineNo (node);
  return xmlTextReaderGetParserLineNumber (import->reader);
}

/* The line of the <!DOCTYPE …> in the first bytes of the document, or 0.  The reader
 * reports the DTD only after parsing all of it, with no line of its own. */
static int
find_doctype_line (Import *import)
{
  g_autofree char *head = NULL;
  const char *p, *end;
  gsize length = 0;
  int line = 1;

  if (import->bytes != NULL)
    {
      p = g_bytes_get_data (import->bytes, &length);
      length = MIN (length, 65536);
    }
  else
    {
      g_autoptr(GFile) file = g_file_new_for_path (import->name);
      g_autoptr(GFileInputStream) stream = g_file_read (file, NULL, NULL);

      head = g_malloc (65536);
      if (stream == NULL ||
          !g_input_stream_read_all (G_INPUT_STREAM (stream), head, 65536, &length, NULL, NULL))
        return 0;
      p = head;
    }

  for (end = p + length; p < end; p++)
    {
      if (end - p >= 4 && memcmp (p, "<!--", 4) == 0)
        {
          const char *close = g_strstr_len (p + 4, end - p - 4, "-->");

          for (; p < (close ? close : end); p++)
            line += *p == '\n';
          if (close == NULL)
            return 0;
        }
      else if (end - p >= 9 && memcmp (p, "<!DOCTYPE", 9) == 0)
        return line;
      else if (*p == '\n')
        line++;
    }
  return 0;
}

G_GNUC_PRINTF (3, 4)
static void
fail_at (Import      *import,
         GError     **error,
         const char  *format,
         ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID_DOCUMENT,
               "%s:%d: %s", import->name, current_line (import), message);
}

static char *
get_attribute (Import     *import,
               const char *name)
{
  xmlChar *value = xmlTextReaderGetAttribute (import->reader, BAD_CAST name);
  char *copy = g_strdup ((const char *) value);

  xmlFree (value);
  return copy;
}

static gboolean
check_root (Import  *import,
            GError **error)
{
  const char *name = (const char *) xmlTextReaderConstLocalName (import->reader);
  const char *ns = (const char *) xmlTextReaderConstNamespaceUri (import->reader);
  g_autofree char *version = NULL;

  if (g_strcmp0 (name, "liaison") != 0 || g_strcmp0 (ns, LIAISON_XML_NS) != 0)
    {
      fail_at (import, error,
               _("this is not a Liaison document: it starts with <%s> in the namespace “%s”, where <liaison> in “%s” was expected"),
               name ? name : "", ns ? ns : "", LIAISON_XML_NS);
      return FALSE;
    }

  version = get_attribute (import, "version");
  if (g_strcmp0 (version, LIAISON_XML_VERSION) != 0)
    {
      fail_at (import, error,
               _("the document is in version “%s” of the Liaison format, but this version of Liaison reads version %s; update Liaison to import it"),
               version ? version : "", LIAISON_XML_VERSION);
      return FALSE;
    }

  return TRUE;
}

static gboolean
start_record (Import  *import,
              GError **error)
{
  const char *name = (const char *) xmlTextReaderConstLocalName (import->reader);
  LiaisonRecordKind kind;
  const LiaisonField *fields;
  guint n_fields;
  g_autofree char *uuid = NULL;
  g_autofree char *created = NULL;
  g_autofree char *modified = NULL;

  if (!liaison_record_kind_from_string (name, &kind) || g_strcmp0 (name, liaison_record_kind_to_string (kind)) != 0)
    {
      fail_at (import, error, _("<%s> is not a kind of record"), name);
      return FALSE;
    }

  g_clear_object (&import->record);
  import->record = liaison_record_new (kind);
  import->record_line = current_line (import);

  uuid = get_attribute (import, "uuid");
  created = get_attribute (import, "created");
  modified = get_attribute (import, "modified");
  liaison_record_set_uuid (import->record, uuid);
  liaison_record_set_created (import->record, created);
  liaison_record_set_modified (import->record, modified);

  fields = liaison_record_kind_get_fields (kind, &n_fields);
  for (guint i = 0; i < n_fields; i++)
    if (fields[i].type == LIAISON_FIELD_CHOICE)
      {
        g_autofree char *value = get_attribute (import, fields[i].name);
        liaison_record_set_field_at (import->record, i, value);
      }
    else if (fields[i].type == LIAISON_FIELD_BOOLEAN)
      {
        /* xs:boolean: "true" or "1" set it; "false", "0" or no attribute leave it empty. */
        g_autofree char *value = get_attribute (import, fields[i].name);
        liaison_record_set_field_at (import->record, i,
                                     g_strcmp0 (value, "true") == 0 || g_strcmp0 (value, "1") == 0 ? "true" : NULL);
      }

  return TRUE;
}

static gboolean
start_child (Import  *import,
             GError **error)
{
  const char *name = (const char *) xmlTextReaderConstLocalName (import->reader);
  LiaisonRecordKind kind = liaison_record_get_kind (import->record);
  const LiaisonField *field;
  guint index;

  import->field = -1;
  import->in_text_link = FALSE;
  g_string_truncate (import->text, 0);

  field = liaison_record_kind_find_field (kind, name, &index);
  if (field != NULL && field->type == LIAISON_FIELD_REFERENCE)
    {
      g_autofree char *ref = get_attribute (import, "ref");
      liaison_record_set_field_at (import->record, index, ref);
      return TRUE;
    }
  if (field != NULL && field->type != LIAISON_FIELD_CHOICE && field->type != LIAISON_FIELD_BOOLEAN)
    {
      import->field = (int) index;
      return TRUE;
    }

  if (g_str_equal (name, "tag") || g_str_equal (name, "cite"))
    {
      import->in_text_link = TRUE;
      import->link_type = g_str_equal (name, "tag") ? LIAISON_LINK_TAG : LIAISON_LINK_CITATION;
      g_clear_pointer (&import->link_source, g_free);
      if (import->link_type == LIAISON_LINK_CITATION)
        import->link_source = get_attribute (import, "source");
      return TRUE;
    }

  {
    static const struct { const char *name; LiaisonLinkType type; } links[] = {
      { "party", LIAISON_LINK_PARTY },
      { "institution", LIAISON_LINK_INSTITUTION },
      { "person", LIAISON_LINK_PERSON },
      { "agreement", LIAISON_LINK_AGREEMENT },
    };

    for (guint i = 0; i < G_N_ELEMENTS (links); i++)
      if (g_str_equal (name, links[i].name))
        {
          g_autofree char *ref = get_attribute (import, "ref");
          g_autofree char *role = get_attribute (import, "role");
          g_autofree char *signatory = get_attribute (import, "signatory");

          liaison_record_add_link (import->record, liaison_link_new (links[i].type, ref, role, signatory));
          return TRUE;
        }
  }

  fail_at (import, error, _("<%s> does not belong in a %s"), name, liaison_record_kind_to_string (kind));
  return FALSE;
}

static void
end_child (Import *import)
{
  if (import->field >= 0)
    liaison_record_set_field_at (import->record, (guint) import->field, import->text->str);
  else if (import->in_text_link && import->link_type == LIAISON_LINK_TAG)
    liaison_record_add_link (import->record,
                             liaison_link_new (LIAISON_LINK_TAG, import->text->str, NULL, NULL));
  else if (import->in_text_link)
    liaison_record_add_link (import->record,
                             liaison_link_new (LIAISON_LINK_CITATION, import->link_source, import->text->str, NULL));

  import->field = -1;
  import->in_text_link = FALSE;
}

void
_liaison_import_tell (Import               *import,
                      LiaisonImportOutcome  outcome)
{
  LiaisonRecord *record = import->record;

  if (import->item_func)
    import->item_func (outcome, liaison_record_get_kind (record), liaison_record_get_uuid (record),
                       liaison_record_get_title (record), import->record_line, import->item_data);
}

static gboolean
read_document (Import  *import,
               GError **error)
{
  int ret;

  while ((ret = xmlTextReaderRead (import->reader)) == 1)
    {
      int type = xmlTextReaderNodeType (import->reader);
      int depth = xmlTextReaderDepth (import->reader);

      /* Before any other complaint: the parser may already have validated what follows. */
      if (has_doctype (import))
        {
          int line = find_doctype_line (import);

          g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID_DOCUMENT, "%s:%d: %s", import->name,
                       line > 0 ? line : current_line (import),
                       _("documents with a document type declaration (DTD) are refused"));
          return FALSE;
        }
      if (type == XML_READER_TYPE_ENTITY_REFERENCE || type == XML_READER_TYPE_ENTITY)
        {
          fail_at (import, error, _("entity references are refused; write the text itself"));
          return FALSE;
        }

      if (type == XML_READER_TYPE_ELEMENT && depth == 0 && !check_root (import, error))
        return FALSE;

      /* Comments before the root wait, so that a foreign root is named as such. */
      if (depth == 0 && type != XML_READER_TYPE_ELEMENT)
        continue;

      if (import->xml_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&import->xml_error));
          return FALSE;
        }
      if (xmlTextReaderIsValid (import->reader) == 0)
        {
          fail_at (import, error, _("the document does not follow the Liaison schema"));
          return FALSE;
        }

      switch (type)
        {
        case XML_READER_TYPE_ELEMENT:
          if (depth == 2 && !start_record (import, error))
            return FALSE;
          if (depth == 3 && !start_child (import, error))
            return FALSE;
          if (depth > 3)
            {
              fail_at (import, error, _("<%s> is nested too deeply"),
                       (const char *) xmlTextReaderConstLocalName (import->reader));
              return FALSE;
            }
          if (xmlTextReaderIsEmptyElement (import->reader))
            {
              if (depth == 3)
                end_child (import);
              else if (depth == 2 && !_liaison_import_finish_record (import, error))
                return FALSE;
            }
          break;

        case XML_READER_TYPE_TEXT:
        case XML_READER_TYPE_CDATA:
        case XML_READER_TYPE_SIGNIFICANT_WHITESPACE:
          if (depth == 4 && (import->field >= 0 || import->in_text_link))
            g_string_append (import->text, (const char *) xmlTextReaderConstValue (import->reader));
          break;

        case XML_READER_TYPE_END_ELEMENT:
          if (depth == 3)
            end_child (import);
          else if (depth == 2 && !_liaison_import_finish_record (import, error))
            return FALSE;
          break;

        default:
          break;
        }
    }

  if (import->xml_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&import->xml_error));
      return FALSE;
    }

  if (ret < 0 || xmlTextReaderIsValid (import->reader) == 0)
    {
      fail_at (import, error, _("the document is not well-formed or is cut short"));
      return FALSE;
    }

  if (import->n_records == 0 && xmlTextReaderReadState (import->reader) != XML_TEXTREADER_MODE_EOF)
    {
      fail_at (import, error, _("the document is empty"));
      return FALSE;
    }

  return TRUE;
}

static gboolean
run_import (LiaisonStore         *store,
            xmlTextReader        *reader,
            const char           *name,
            GBytes               *bytes,
            gint64                size,
            LiaisonImportFlags    flags,
            LiaisonImportFunc     item_func,
            gpointer              item_data,
            LiaisonImportStats   *stats,
            GCancellable         *cancellable,
            LiaisonProgressFunc   progress,
            gpointer              user_data,
            GError              **error)
{
  Import import = { 0 };
  xmlExternalEntityLoader previous_loader;
  xmlStructuredErrorFunc previous_serror;
  void *previous_serror_data;
  xmlGenericErrorFunc previous_error;
  void *previous_error_data;
  gboolean ok = FALSE;

  if (reader == NULL)
    {
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID_DOCUMENT,
                   _("Could not read “%s”: the file cannot be opened"), name);
      return FALSE;
    }

  import.store = store;
  import.name = name;
  import.bytes = bytes;
  import.reader = reader;
  import.size = size;
  import.cancellable = cancellable;
  import.progress = progress;
  import.user_data = user_data;
  import.field = -1;
  import.text = g_string_new (NULL);
  import.fixups = g_array_new (FALSE, FALSE, sizeof (Fixup));
  g_array_set_clear_func (import.fixups, fixup_clear);
  import.updated = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  import.flags = flags;
  import.item_func = item_func;
  import.item_data = item_data;
  import.conflicts = g_string_new (NULL);

  previous_loader = xmlGetExternalEntityLoader ();
  xmlSetExternalEntityLoader (refuse_external_entity);
  /* With a schema plugged in, libxml2 2.9 gives the parser's own errors (not
   * well-formed, cut short) to the thread's handler instead of the reader's. */
  previous_serror = xmlStructuredError;
  previous_serror_data = xmlStructuredErrorContext;
  previous_error = xmlGenericError;
  previous_error_data = xmlGenericErrorContext;
  xmlSetStructuredErrorFunc (&import, (xmlStructuredErrorFunc) structured_error_cb);
  xmlSetGenericErrorFunc (NULL, ignore_generic_error);

  xmlTextReaderSetStructuredErrorHandler (reader, (xmlStructuredErrorFunc) structured_error_cb, &import);
  if (xmlTextReaderSetSchema (reader, get_schema ()) != 0)
    {
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_FAILED, _("Could not load the Liaison schema."));
      goto out;
    }

  /* A copy to go back to, whatever the document brings (none for a dry run). */
  if ((flags & LIAISON_IMPORT_DRY_RUN) == 0 && !_liaison_store_backup_auto (store, FALSE, NULL, error))
    {
      g_prefix_error (error, _("Nothing was imported. "));
      goto out;
    }

  if (!_liaison_store_begin (store, error))
    goto out;

  for (guint kind = 0; kind < LIAISON_N_RECORD_KINDS; kind++)
    {
      import.last_id[kind] = _liaison_store_get_last_id (store, kind);
      import.n_stored += import.last_id[kind];
    }

  if (!read_document (&import, error) || !_liaison_import_apply_fixups (&import, error))
    {
      _liaison_store_rollback (store);
      goto out;
    }

  if (import.stats.conflicts > 0 && (flags & (LIAISON_IMPORT_DRY_RUN | LIAISON_IMPORT_KEEP_LOCAL | LIAISON_IMPORT_TAKE_THEIRS)) == 0)
    {
      _liaison_store_rollback (store);
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_CONFLICT,
                   g_dngettext (GETTEXT_PACKAGE,
                                "Nothing was imported from “%s”: %u record was changed both here and in the file since they were last exchanged. Choose which side to keep.%s",
                                "Nothing was imported from “%s”: %u records were changed both here and in the file since they were last exchanged. Choose which side to keep.%s",
                                import.stats.conflicts),
                   name, import.stats.conflicts, import.conflicts->str);
      goto out;
    }

  if (flags & LIAISON_IMPORT_DRY_RUN)
    {
      _liaison_store_rollback (store);
    }
  else
    {
      g_autofree char *summary = NULL;

      summary = g_strdup_printf (_("Imported “%s”: %u added, %u changed, %u unchanged, %u conflicts"),
                                 name, import.stats.added, import.stats.updated, import.stats.unchanged,
                                 import.stats.conflicts);
      if (import.indexes != NULL && !_liaison_store_resume_indexes (store, import.indexes, error))
        {
          _liaison_store_rollback (store);
          goto out;
        }
      if (!_liaison_store_commit (store, "import", summary, error))
        goto out;
    }

  if (stats)
    *stats = import.stats;
  if (progress)
    progress (1.0, user_data);
  ok = TRUE;

out:
  g_clear_pointer (&import.indexes, g_ptr_array_unref);
  xmlSetExternalEntityLoader (previous_loader);
  xmlSetStructuredErrorFunc (previous_serror_data, previous_serror);
  xmlSetGenericErrorFunc (previous_error_data, previous_error);
  g_clear_error (&import.xml_error);
  g_clear_object (&import.record);
  g_clear_pointer (&import.link_source, g_free);
  g_string_free (import.text, TRUE);
  g_array_unref (import.fixups);
  g_hash_table_unref (import.updated);
  g_string_free (import.conflicts, TRUE);
  return ok;
}

#define READER_OPTIONS (XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_NOWARNING | XML_PARSE_BIG_LINES)

/**
 * liaison_import_file:
 * @path: a Liaison document
 * @flags: %LIAISON_IMPORT_DRY_RUN to count without changing anything; how to settle
 *   conflicts
 * @stats: (out) (optional): what was added, changed and left as it was
 *
 * Imports a document into @store, all or nothing, by the merge rules (see the top of
 * this file): a new UUID adds a record, a known one updates the stored record when
 * only the file changed it.  Records changed on both sides make the import fail with
 * %LIAISON_ERROR_CONFLICT, naming them, unless @flags says how to settle them.
 */
gboolean
liaison_import_file (LiaisonStore         *store,
                     const char           *path,
                     LiaisonImportFlags    flags,
                     LiaisonImportStats   *stats,
                     GCancellable         *cancellable,
                     LiaisonProgressFunc   progress,
                     gpointer              user_data,
                     GError              **error)
{
  return liaison_import_file_full (store, path, flags, NULL, NULL, stats, cancellable, progress, user_data, error);
}

/**
 * liaison_import_file_full:
 * @item_func: (nullable) (scope call): told what becomes of each record, in a dry run
 *   too: the preview of an import
 *
 * Like liaison_import_file(), telling about each record.
 */
gboolean
liaison_import_file_full (LiaisonStore         *store,
                          const char           *path,
                          LiaisonImportFlags    flags,
                          LiaisonImportFunc     item_func,
                          gpointer              item_data,
                          LiaisonImportStats   *stats,
                          GCancellable         *cancellable,
                          LiaisonProgressFunc   progress,
                          gpointer              user_data,
                          GError              **error)
{
  g_autoptr(xmlTextReader) reader = NULL;
  GStatBuf st;

  g_return_val_if_fail (LIAISON_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (g_stat (path, &st) != 0 || !S_ISREG (st.st_mode))
    {
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_NOT_FOUND,
                   _("Could not read “%s”: there is no such file"), path);
      return FALSE;
    }

  reader = xmlReaderForFile (path, NULL, READER_OPTIONS);
  return run_import (store, reader, path, NULL, st.st_size, flags, item_func, item_data, stats,
                     cancellable, progress, user_data, error);
}

/**
 * liaison_import_bytes:
 * @name: how messages name the document
 *
 * Like liaison_import_file(), for a document in memory.
 */
gboolean
liaison_import_bytes (LiaisonStore         *store,
                      GBytes               *bytes,
                      const char           *name,
                      LiaisonImportFlags    flags,
                      LiaisonImportStats   *stats,
                      GError              **error)
{
  g_autoptr(xmlTextReader) reader = NULL;

  g_return_val_if_fail (LIAISON_IS_STORE (store), FALSE);
  g_return_val_if_fail (bytes != NULL, FALSE);

  reader = xmlReaderForMemory (g_bytes_get_data (bytes, NULL), (int) g_bytes_get_size (bytes),
                               NULL, NULL, READER_OPTIONS);
  return run_import (store, reader, name, bytes, (gint64) g_bytes_get_size (bytes), flags, NULL, NULL, stats,
                     NULL, NULL, NULL, error);
}

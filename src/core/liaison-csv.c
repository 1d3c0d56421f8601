/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-csv"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "liaison-csv.h"
#include "liaison-error.h"
#include "liaison-output-private.h"
#include "liaison-report-private.h"

/*
 * CSV of a list, for spreadsheets: RFC 4180 (every field quoted, quotes doubled, CRLF
 * between records), UTF-8 with a byte-order mark so that spreadsheet programs read
 * Chinese as Chinese.  The rows and their order are the query's, so the file holds
 * what the list shows; choices are written as their labels, references as names.
 * A cell a spreadsheet would take for a formula gets a leading apostrophe
 * (liaison_csv_defuse()).
 */

#define UTF8_BOM "\xef\xbb\xbf"

static const LiaisonCsvColumn source_columns[] = {
  { "title", N_("Title") },
  { "publisher", N_("Publisher") },
  { "date", N_("Date") },
  { "locator", N_("Locator") },
  { "uuid", N_("UUID") },
};
static const LiaisonCsvColumn institution_columns[] = {
  { "name", N_("Name") },
  { "local-name", N_("Local name") },
  { "short-name", N_("Short name") },
  { "kind", N_("Kind") },
  { "city", N_("City") },
  { "country", N_("Country") },
  { "agreements", N_("Agreements") },
  { "uuid", N_("UUID") },
};
static const LiaisonCsvColumn person_columns[] = {
  { "name", N_("Name") },
  { "local-name", N_("Local name") },
  { "institution", N_("Institution") },
  { "role", N_("Role") },
  { "email", N_("Email") },
  { "phone", N_("Phone") },
  { "uuid", N_("UUID") },
};
static const LiaisonCsvColumn agreement_columns[] = {
  { "title", N_("Title") },
  { "kind", N_("Kind") },
  { "status", N_("Status") },
  { "parties", N_("Parties") },
  { "signed", N_("Signed on") },
  { "start", N_("Start") },
  { "end", N_("End") },
  { "uuid", N_("UUID") },
};
static const LiaisonCsvColumn event_columns[] = {
  { "title", N_("Title") },
  { "kind", N_("Kind") },
  { "date", N_("Date") },
  { "end-date", N_("End date") },
  { "place", N_("Place") },
  { "city", N_("City") },
  { "host", N_("Host") },
  { "uuid", N_("UUID") },
};

/**
 * liaison_csv_get_columns:
 *
 * Returns: (array length=n_columns): the columns of a list of @kind, as CSV has them
 */
const LiaisonCsvColumn *
liaison_csv_get_columns (LiaisonRecordKind  kind,
                         guint             *n_columns)
{
  static const struct { const LiaisonCsvColumn *columns; guint n; } all[LIAISON_N_RECORD_KINDS] = {
    [LIAISON_RECORD_SOURCE] = { source_columns, G_N_ELEMENTS (source_columns) },
    [LIAISON_RECORD_INSTITUTION] = { institution_columns, G_N_ELEMENTS (institution_columns) },
    [LIAISON_RECORD_PERSON] = { person_columns, G_N_ELEMENTS (person_columns) },
    [LIAISON_RECORD_AGREEMENT] = { agreement_columns, G_N_ELEMENTS (agreement_columns) },
    [LIAISON_RECORD_EVENT] = { event_columns, G_N_ELEMENTS (event_columns) },
  };

  g_return_val_if_fail (kind < LIAISON_N_RECORD_KINDS, NULL);

  if (n_columns)
    *n_columns = all[kind].n;
  return all[kind].columns;
}

/**
 * liaison_csv_quote:
 * @value: (nullable): a field's text
 *
 * Returns: (transfer full): @value as one RFC 4180 field: in double quotes, with its
 *   double quotes doubled; line breaks stay inside the quotes
 */
char *
liaison_csv_quote (const char *value)
{
  GString *out = g_string_new ("\"");

  for (const char *p = value ? value : ""; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
  return g_string_free (out, FALSE);
}

/* A whole number or decimal, with its sign: a spreadsheet reads it as a number and
 * nothing more. */
static gboolean
is_plain_number (const char *value)
{
  const char *p = value;
  gboolean digits = FALSE;

  if (*p == '+' || *p == '-')
    p++;
  for (; g_ascii_isdigit (*p); p++)
    digits = TRUE;
  if (digits && (*p == '.' || *p == ','))
    for (p++, digits = FALSE; g_ascii_isdigit (*p); p++)
      digits = TRUE;
  return digits && *p == '\0';
}

/**
 * liaison_csv_defuse:
 * @value: (nullable): a cell's text
 *
 * Keeps a spreadsheet from running a cell as a formula (OWASP's “CSV injection”): a
 * cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading
 * apostrophe, which spreadsheet programs show as text.  Numbers such as `-12.5` stay
 * as they are, being no formula; a month and day without a year (`--04-18`) gets the
 * apostrophe, which keeps it from being read as the sum −(−4) − 18.
 *
 * Returns: (transfer full): the text to write
 */
char *
liaison_csv_defuse (const char *value)
{
  if (value == NULL)
    return g_strdup ("");
  if (value[0] == '\0' || strchr ("=+-@\t\r", value[0]) == NULL || is_plain_number (value))
    return g_strdup (value);
  return g_strconcat ("'", value, NULL);
}

static gboolean
first_column_cb (const char * const  *columns,
                 gpointer             data,
                 GError             **error)
{
  char **value = data;

  g_free (*value);
  *value = g_strdup (columns[0]);
  return TRUE;
}

static char *
get_value (LiaisonStore           *store,
           LiaisonRecord          *record,
           const LiaisonCsvColumn *column,
           GError                **error)
{
  const LiaisonField *field;
  const char *value;
  char *computed = NULL;

  if (g_str_equal (column->name, "uuid"))
    return g_strdup (liaison_record_get_uuid (record));

  if (g_str_equal (column->name, "parties"))
    {
      if (!_liaison_store_rows (store, LIAISON_ROWS_AGREEMENT_PARTY_NAMES, liaison_record_get_id (record),
                                NULL, NULL, first_column_cb, &computed, error))
        return NULL;
      return computed ? computed : g_strdup ("");
    }

  if (g_str_equal (column->name, "agreements"))
    {
      if (!_liaison_store_rows (store, LIAISON_ROWS_INSTITUTION_COUNTS, liaison_record_get_id (record),
                                NULL, NULL, first_column_cb, &computed, error))
        return NULL;
      return computed ? computed : g_strdup ("0");
    }

  field = liaison_record_kind_find_field (liaison_record_get_kind (record), column->name, NULL);
  g_assert (field != NULL);
  value = liaison_record_get_field (record, column->name);
  if (value == NULL)
    return g_strdup ("");

  if (field->type == LIAISON_FIELD_CHOICE)
    return g_strdup (liaison_choice_get_label (value));

  if (field->type == LIAISON_FIELD_REFERENCE)
    {
      computed = liaison_store_get_title (store, value);
      return computed ? computed : g_strdup (value);
    }

  return g_strdup (value);
}

static gboolean
write_row (LiaisonOutput  *output,
           GPtrArray      *fields)
{
  g_autoptr(GString) line = g_string_new (NULL);

  for (guint i = 0; i < fields->len; i++)
    {
      g_autofree char *quoted = liaison_csv_quote (g_ptr_array_index (fields, i));

      if (i > 0)
        g_string_append_c (line, ',');
      g_string_append (line, quoted);
    }
  g_string_append (line, "\r\n");

  return _liaison_output_write (output, line->str, (gssize) line->len);
}

/**
 * liaison_csv_export:
 * @query: the list to write: its kind, filters and order
 * @path: the file to write; replaced only when complete
 * @cancellable: (nullable): cancels the export, leaving no partial file
 * @progress: (nullable) (scope call): told how far the export has come
 *
 * Writes the records @query selects as CSV, one row each, under a header row of
 * translated column names.
 */
gboolean
liaison_csv_export (LiaisonStore         *store,
                    const LiaisonQuery   *query,
                    const char           *path,
                    GCancellable         *cancellable,
                    LiaisonProgressFunc   progress,
                    gpointer              user_data,
                    GError              **error)
{
  g_autoptr(LiaisonOutput) output = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GPtrArray) header = g_ptr_array_new ();
  const LiaisonCsvColumn *columns;
  guint n_columns;

  g_return_val_if_fail (LIAISON_IS_STORE (store), FALSE);
  g_return_val_if_fail (query != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  ids = liaison_store_query (store, query, error);
  if (ids == NULL)
    return FALSE;

  output = _liaison_output_open (path, error);
  if (output == NULL)
    return FALSE;

  columns = liaison_csv_get_columns (query->kind, &n_columns);
  for (guint i = 0; i < n_columns; i++)
    g_ptr_array_add (header, (gpointer) _(columns[i].label));

  /* A failed write is remembered; finishing reports it and keeps the target. */
  _liaison_output_write (output, UTF8_BOM, -1);
  write_row (output, header);

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(LiaisonRecord) record = NULL;
      g_autoptr(GPtrArray) row = g_ptr_array_new_with_free_func (g_free);

      record = liaison_store_load (store, query->kind, g_array_index (ids, gint64, i), error);
      if (record == NULL)
        return FALSE;

      for (guint c = 0; c < n_columns; c++)
        {
          g_autofree char *value = get_value (store, record, &columns[c], error);

          if (value == NULL)
            return FALSE;
          g_ptr_array_add (row, liaison_csv_defuse (value));
        }

      if (!write_row (output, row))
        break;  /* finishing reports why */

      if ((i + 1) % 100 == 0)
        {
          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            return FALSE;
          if (progress)
            progress ((double) (i + 1) / (double) ids->len, user_data);
        }
    }

  if (!_liaison_output_finish (output, error))
    return FALSE;

  if (progress)
    progress (1.0, user_data);
  return TRUE;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-report"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>
#include <libxslt/security.h>
#include <libxslt/transform.h>
#include <libxslt/variables.h>
#include <libxslt/xsltInternals.h>
#include <libxslt/xsltutils.h>

#include "liaison-core-resources.h"
#include "liaison-date.h"
#include "liaison-error.h"
#include "liaison-output-private.h"
#include "liaison-report.h"
#include "liaison-report-private.h"

/*
 * Reports as web pages: the report's XML through the shipped stylesheet
 * (data/liaison-report.xsl) with libxslt, which may read and write nothing else.
 */

/* The stylesheet's words, translated: passed as parameters, so that the XSL needs no
 * gettext and a browser applying it alone shows the English defaults. */
static const char * const *
get_labels (void)
{
  static const char *labels[] = {
    "l-generated", NULL,
    "l-filters", NULL,
    "l-no-filters", NULL,
    "l-summary", NULL,
    "l-total", NULL,
    "l-by-status", NULL,
    "l-by-kind", NULL,
    "l-by-year", NULL,
    "l-unknown-year", NULL,
    "l-due", NULL,
    "l-nothing-due", NULL,
    "l-ends", NULL,
    "l-notice", NULL,
    "l-agreements", NULL,
    "l-events", NULL,
    "l-none", NULL,
    "l-signed", NULL,
    "l-start", NULL,
    "l-end", NULL,
    "l-parties", NULL,
    "l-signatory", NULL,
    "l-sub-agreements", NULL,
    "l-linked-events", NULL,
    "l-linked-agreements", NULL,
    "l-sources", NULL,
    "l-tags", NULL,
    "l-responsible", NULL,
    "l-parent", NULL,
    "l-date", NULL,
    "l-place", NULL,
    "l-host", NULL,
    "l-participants", NULL,
    "l-people", NULL,
    "l-sub-units", NULL,
    "l-timeline", NULL,
    "l-institution", NULL,
    "l-location", NULL,
    "l-website", NULL,
    "l-count", NULL,
    "l-title", NULL,
    "l-status", NULL,
    "l-kind", NULL,
    "l-what", NULL,
    "l-event", NULL,
    NULL
  };

  if (labels[1] == NULL)
    {
      const char *values[] = {
        _("Generated"), _("Filters"), _("All records, no filters"), _("Summary"), _("Total"),
        _("By status"), _("By kind"), _("By year signed"), _("Unknown"), _("Falling due"),
        _("Nothing ends or falls due in this period."), _("Ends"), _("Notice date"), _("Agreements"),
        _("Events"), _("None"), _("Signed on"), _("Start"), _("End"), _("Parties"), _("Signatory"),
        _("Sub-agreements"), _("Linked events"), _("Linked agreements"), _("Sources"), _("Tags"),
        _("Responsible"), _("Part of"), _("Date"), _("Place"), _("Host"), _("Participants"),
        _("People"), _("Sub-units"), _("Timeline"), _("Institution"), _("Location"), _("Website"),
        _("Count"), _("Title"), _("Status"), _("Kind"), _("What"), _("Event"),
      };

      G_STATIC_ASSERT (G_N_ELEMENTS (values) * 2 + 1 == G_N_ELEMENTS (labels));
      for (guint i = 0; i < G_N_ELEMENTS (values); i++)
        labels[i * 2 + 1] = values[i];
    }

  return labels;
}

/* A strftime() format as the stylesheet's date pattern: %Y as {Y}, %B as {B}, %m and
 * %-m as {mm} and {m}, %d and %-d (or %e) as {dd} and {d}. */
static char *
dup_date_pattern (const char *format)
{
  static const struct { const char *conversion; const char *field; } fields[] = {
    { "%Y", "{Y}" }, { "%B", "{B}" }, { "%-m", "{m}" }, { "%m", "{mm}" },
    { "%-d", "{d}" }, { "%e", "{d}" }, { "%d", "{dd}" }, { "%%", "%" },
  };
  GString *pattern = g_string_new (NULL);

  for (const char *p = format; *p; )
    {
      guint i;

      for (i = 0; i < G_N_ELEMENTS (fields); i++)
        if (g_str_has_prefix (p, fields[i].conversion))
          break;
      if (i < G_N_ELEMENTS (fields))
        {
          g_string_append (pattern, fields[i].field);
          p += strlen (fields[i].conversion);
        }
      else
        g_string_append_c (pattern, *p++);
    }
  return g_string_free (pattern, FALSE);
}

/* The stylesheet's month names and date patterns, in the user's language, the same
 * as the window writes dates (liaison_date_format()). */
static GStrv
dup_date_params (void)
{
  GPtrArray *params = g_ptr_array_new ();
  g_autoptr(GString) months = g_string_new (NULL);
  g_autofree char *month_day = dup_date_pattern (liaison_date_get_format (LIAISON_DATE_MONTH_DAY));

  for (int month = 1; month <= 12; month++)
    {
      g_autoptr(GDateTime) dt = g_date_time_new_utc (2000, month, 1, 0, 0, 0);
      g_autofree char *name = g_date_time_format (dt, "%B");

      if (month > 1)
        g_string_append_c (months, '|');
      g_string_append (months, name);
    }

  g_ptr_array_add (params, g_strdup ("l-months"));
  g_ptr_array_add (params, g_string_free (g_steal_pointer (&months), FALSE));
  g_ptr_array_add (params, g_strdup ("l-date-full"));
  g_ptr_array_add (params, dup_date_pattern (liaison_date_get_format (LIAISON_DATE_FULL)));
  g_ptr_array_add (params, g_strdup ("l-date-year-month"));
  g_ptr_array_add (params, dup_date_pattern (liaison_date_get_format (LIAISON_DATE_YEAR_MONTH)));
  g_ptr_array_add (params, g_strdup ("l-date-month-day"));
  /* Translators: a month and day in a report when the year is not known; %s is the
   * day and month, "18 April" */
  g_ptr_array_add (params, g_strdup_printf (_("%s (year not known)"), month_day));
  g_ptr_array_add (params, NULL);
  return (GStrv) g_ptr_array_free (params, FALSE);
}

static xsltStylesheet *
load_stylesheet (GError **error)
{
  g_autoptr(GBytes) bytes = NULL;
  xmlDoc *doc;
  xsltStylesheet *style;

  bytes = g_resource_lookup_data (liaison_core_get_resource (), RESOURCE_DIR REPORT_STYLESHEET,
                                  G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (bytes == NULL)
    return NULL;

  doc = xmlReadMemory (g_bytes_get_data (bytes, NULL), (int) g_bytes_get_size (bytes),
                       REPORT_STYLESHEET, "UTF-8", XML_PARSE_NONET);
  style = doc ? xsltParseStylesheetDoc (doc) : NULL;
  if (style == NULL)
    {
      xmlFreeDoc (doc);
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_FAILED, _("Could not load the report stylesheet."));
      return NULL;
    }
  return style;
}

static int
write_html_cb (void       *context,
               const char *buffer,
               int         length)
{
  return _liaison_output_write (context, buffer, length) ? length : -1;
}

/**
 * liaison_report_transform:
 * @xml_path: a report
 * @html_path: where to write it as HTML; replaced only when complete
 *
 * Turns a report into a page for people (and printers) with the shipped stylesheet,
 * in the current language.  The stylesheet may read and write nothing else.
 */
gboolean
liaison_report_transform (const char  *xml_path,
                          const char  *html_path,
                          GError     **error)
{
  g_autoptr(LiaisonOutput) output = NULL;
  xsltStylesheet *style = NULL;
  xsltSecurityPrefs *prefs = NULL;
  xsltTransformContext *context = NULL;
  g_auto(GStrv) date_params = dup_date_params ();
  xmlDoc *doc = NULL;
  xmlDoc *result = NULL;
  xmlOutputBuffer *buffer;
  gboolean ok = FALSE;

  g_return_val_if_fail (xml_path != NULL, FALSE);
  g_return_val_if_fail (html_path != NULL, FALSE);

  doc = xmlReadFile (xml_path, NULL, XML_PARSE_NONET | XML_PARSE_NOWARNING | XML_PARSE_NOERROR);
  if (doc == NULL)
    {
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID_DOCUMENT,
                   _("Could not read the report “%s”: it is not well-formed XML"), xml_path);
      return FALSE;
    }

  style = load_stylesheet (error);
  if (style == NULL)
    goto out;

  prefs = xsltNewSecurityPrefs ();
  xsltSetSecurityPrefs (prefs, XSLT_SECPREF_READ_FILE, xsltSecurityForbid);
  xsltSetSecurityPrefs (prefs, XSLT_SECPREF_WRITE_FILE, xsltSecurityForbid);
  xsltSetSecurityPrefs (prefs, XSLT_SECPREF_CREATE_DIRECTORY, xsltSecurityForbid);
  xsltSetSecurityPrefs (prefs, XSLT_SECPREF_READ_NETWORK, xsltSecurityForbid);
  xsltSetSecurityPrefs (prefs, XSLT_SECPREF_WRITE_NETWORK, xsltSecurityForbid);

  context = xsltNewTransformContext (style, doc);
  if (context == NULL || xsltSetCtxtSecurityPrefs (prefs, context) != 0 ||
      xsltQuoteUserParams (context, (const char **) get_labels ()) != 0 ||
      xsltQuoteUserParams (context, (const char **) date_params) != 0)
    {
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_FAILED, _("Could not prepare the report stylesheet."));
      goto out;
    }

  result = xsltApplyStylesheetUser (style, doc, NULL, NULL, NULL, context);
  if (result == NULL || context->state != XSLT_STATE_OK)
    {
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID_DOCUMENT,
                   _("Could not turn “%s” into HTML: it is not a Liaison report"), xml_path);
      goto out;
    }

  output = _liaison_output_open (html_path, error);
  if (output == NULL)
    goto out;

  buffer = xmlOutputBufferCreateIO (write_html_cb, NULL, output, NULL);
  if (buffer == NULL || xsltSaveResultTo (buffer, result, style) < 0)
    {
      if (buffer)
        xmlOutputBufferClose (buffer);
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_FAILED,
                   _("Could not write the report: the disk may be full or the file unwritable."));
      goto out;
    }
  if (xmlOutputBufferClose (buffer) < 0)
    {
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_FAILED,
                   _("Could not write the report: the disk may be full or the file unwritable."));
      goto out;
    }

  ok = _liaison_output_finish (output, error);

out:
  if (context)
    xsltFreeTransformContext (context);
  if (prefs)
    xsltFreeSecurityPrefs (prefs);
  if (result)
    xmlFreeDoc (result);
  if (style)
    xsltFreeStylesheet (style);
  xmlFreeDoc (doc);
  return ok;
}

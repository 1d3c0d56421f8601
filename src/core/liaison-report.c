/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-report"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "liaison-date.h"
#include "liaison-error.h"
#include "liaison-output-private.h"
#include "liaison-report.h"
#include "liaison-report-private.h"
#include "liaison-store-private.h"

/*
 * Reports: documents for people, in the Liaison namespace, described by
 * data/liaison-report.xsd.  A report streams through xmlTextWriter into a temporary
 * file that replaces the target only when complete; it reads its records one at a
 * time, so memory stays flat whatever the size of the database.  The HTML form is the
 * same XML through data/liaison-report.xsl (libxslt needs the whole document in
 * memory for that step).
 */

G_DEFINE_BOXED_TYPE (LiaisonReport, liaison_report, liaison_report_copy, liaison_report_free)

static const char * const kind_names[LIAISON_N_REPORT_KINDS] = {
  "agreements", "institution", "events",
};

/* Boxed type */

/**
 * liaison_report_new:
 *
 * Returns: (transfer full): a report of @kind without filters
 */
LiaisonReport *
liaison_report_new (LiaisonReportKind kind)
{
  LiaisonReport *report = g_new0 (LiaisonReport, 1);

  g_return_val_if_fail (kind < LIAISON_N_REPORT_KINDS, NULL);

  report->kind = kind;
  report->horizon = LIAISON_REPORT_DEFAULT_HORIZON;
  return report;
}

/**
 * liaison_report_new_for_query:
 * @query: what a list shows
 *
 * Returns: (transfer full): the report of what @query lists, with the same filters:
 *   agreements and events give their reports; an institution list gives the profile
 *   of the institution it is linked to, if any
 */
LiaisonReport *
liaison_report_new_for_query (const LiaisonQuery *query)
{
  LiaisonReport *report;

  g_return_val_if_fail (query != NULL, NULL);

  switch (query->kind)
    {
    case LIAISON_RECORD_EVENT:
      report = liaison_report_new (LIAISON_REPORT_EVENTS);
      report->from = g_strdup (query->date_from);
      report->to = g_strdup (query->date_to);
      report->tag = g_strdup (query->tag);
      report->search = g_strdup (query->search);
      break;

    case LIAISON_RECORD_INSTITUTION:
      report = liaison_report_new (LIAISON_REPORT_INSTITUTION);
      report->institution = g_strdup (query->linked_to);
      break;

    case LIAISON_RECORD_AGREEMENT:
      report = liaison_report_new (LIAISON_REPORT_AGREEMENTS);
      report->status = g_strdup (query->status);
      report->agreement_kind = g_strdup (query->choice);
      report->tag = g_strdup (query->tag);
      report->signed_from = g_strdup (query->date_from);
      report->signed_to = g_strdup (query->date_to);
      report->search = g_strdup (query->search);
      report->institution = g_strdup (query->linked_to);
      break;

    case LIAISON_RECORD_SOURCE:
    case LIAISON_RECORD_PERSON:
    case LIAISON_N_RECORD_KINDS:
    default:
      report = liaison_report_new (LIAISON_REPORT_AGREEMENTS);
      break;
    }

  return report;
}

LiaisonReport *
liaison_report_copy (const LiaisonReport *report)
{
  LiaisonReport *copy = g_new0 (LiaisonReport, 1);

  copy->kind = report->kind;
  copy->status = g_strdup (report->status);
  copy->agreement_kind = g_strdup (report->agreement_kind);
  copy->institution = g_strdup (report->institution);
  copy->tag = g_strdup (report->tag);
  copy->signed_from = g_strdup (report->signed_from);
  copy->signed_to = g_strdup (report->signed_to);
  copy->ending_before = g_strdup (report->ending_before);
  copy->from = g_strdup (report->from);
  copy->to = g_strdup (report->to);
  copy->search = g_strdup (report->search);
  copy->horizon = report->horizon;
  copy->today = g_strdup (report->today);
  return copy;
}

void
liaison_report_free (LiaisonReport *report)
{
  if (report == NULL)
    return;

  g_free (report->status);
  g_free (report->agreement_kind);
  g_free (report->institution);
  g_free (report->tag);
  g_free (report->signed_from);
  g_free (report->signed_to);
  g_free (report->ending_before);
  g_free (report->from);
  g_free (report->to);
  g_free (report->search);
  g_free (report->today);
  g_free (report);
}

const char *
liaison_report_kind_to_string (LiaisonReportKind kind)
{
  g_return_val_if_fail (kind < LIAISON_N_REPORT_KINDS, NULL);
  return kind_names[kind];
}

gboolean
liaison_report_kind_from_string (const char        *name,
                                 LiaisonReportKind *kind)
{
  for (guint i = 0; i < LIAISON_N_REPORT_KINDS; i++)
    if (g_strcmp0 (name, kind_names[i]) == 0)
      {
        *kind = (LiaisonReportKind) i;
        return TRUE;
      }
  return FALSE;
}

/**
 * liaison_report_kind_get_label:
 *
 * Returns: the report's name for people, translated
 */
const char *
liaison_report_kind_get_label (LiaisonReportKind kind)
{
  switch (kind)
    {
    case LIAISON_REPORT_AGREEMENTS:
      return _("Agreements report");
    case LIAISON_REPORT_INSTITUTION:
      return _("Institution profile");
    case LIAISON_REPORT_EVENTS:
      return _("Events report");
    case LIAISON_N_REPORT_KINDS:
    default:
      g_return_val_if_reached (NULL);
    }
}

/* Writing helpers: a failed write sets a flag that the callers check per record. */

void
_liaison_report_start (Writer     *w,
                       const char *name)
{
  if (xmlTextWriterStartElement (w->xml, BAD_CAST name) < 0)
    w->failed = TRUE;
}

void
_liaison_report_end (Writer *w)
{
  if (xmlTextWriterEndElement (w->xml) < 0)
    w->failed = TRUE;
}

void
_liaison_report_attribute (Writer     *w,
                           const char *name,
                           const char *value)
{
  if (value != NULL && *value != '\0' &&
      xmlTextWriterWriteAttribute (w->xml, BAD_CAST name, BAD_CAST value) < 0)
    w->failed = TRUE;
}

/* A choice, with its label for people beside it: kind="visit" kind-label="Visit". */
void
_liaison_report_choice_attribute (Writer     *w,
                                  const char *name,
                                  const char *value)
{
  g_autofree char *label_name = g_strconcat (name, "-label", NULL);

  if (value == NULL)
    return;
  _liaison_report_attribute (w, name, value);
  _liaison_report_attribute (w, label_name, liaison_choice_get_label (value));
}

void
_liaison_report_text (Writer     *w,
                      const char *value)
{
  if (value != NULL && xmlTextWriterWriteString (w->xml, BAD_CAST value) < 0)
    w->failed = TRUE;
}

void
_liaison_report_element (Writer     *w,
                         const char *name,
                         const char *value)
{
  if (value == NULL || *value == '\0')
    return;
  if (xmlTextWriterWriteElement (w->xml, BAD_CAST name, BAD_CAST value) < 0)
    w->failed = TRUE;
}

/* <name ref="uuid">title</name>, the title looked up. */
void
_liaison_report_reference (Writer     *w,
                           const char *name,
                           const char *uuid)
{
  g_autofree char *title = NULL;

  if (uuid == NULL)
    return;

  title = liaison_store_get_title (w->store, uuid);
  _liaison_report_start (w, name);
  _liaison_report_attribute (w, "ref", uuid);
  _liaison_report_text (w, title ? title : uuid);
  _liaison_report_end (w);
}

gboolean
_liaison_report_check_write (Writer  *w,
                             GError **error)
{
  if (w->failed)
    {
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_FAILED,
                   _("Could not write the report: the disk may be full or the file unwritable."));
      return FALSE;
    }
  return TRUE;
}

gboolean
_liaison_report_step (Writer  *w,
                      GError **error)
{
  if (!_liaison_report_check_write (w, error))
    return FALSE;

  if (++w->done % 100 == 0)
    {
      if (g_cancellable_set_error_if_cancelled (w->cancellable, error))
        return FALSE;
      if (w->progress && w->total > 0)
        w->progress (CLAMP ((double) w->done / (double) w->total, 0.0, 0.99), w->user_data);
    }
  return TRUE;
}

static char *
report_title (LiaisonStore        *store,
              const LiaisonReport *report)
{
  return g_strdup (liaison_report_kind_get_label (report->kind));
}

static gboolean
write_xml (LiaisonStore         *store,
           const LiaisonReport  *report,
           const char           *path,
           GCancellable         *cancellable,
           LiaisonProgressFunc   progress,
           gpointer              user_data,
           GError              **error)
{
  g_autoptr(LiaisonOutput) output = NULL;
  g_autofree char *now = _liaison_timestamp_now ();
  g_autofree char *generator = g_strdup_printf ("Liaison %s", PACKAGE_VERSION);
  g_autofree char *title = report_title (store, report);
  Writer w = { store, report, NULL, cancellable, progress, user_data, 0, 0, FALSE };
  gboolean ok = FALSE;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  output = _liaison_output_open (path, error);
  if (output == NULL)
    return FALSE;

  w.xml = _liaison_output_new_xml_writer (output);
  if (w.xml == NULL)
    {
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_FAILED, _("Could not start the report."));
      return FALSE;
    }

  if (xmlTextWriterStartDocument (w.xml, "1.0", "UTF-8", NULL) < 0 ||
      xmlTextWriterWritePI (w.xml, BAD_CAST "xml-stylesheet",
                            BAD_CAST "type=\"text/xsl\" href=\"" REPORT_STYLESHEET "\"") < 0 ||
      xmlTextWriterStartElementNS (w.xml, NULL, BAD_CAST "report", BAD_CAST LIAISON_XML_NS) < 0)
    w.failed = TRUE;
  _liaison_report_attribute (&w, "version", LIAISON_XML_VERSION);
  _liaison_report_attribute (&w, "kind", liaison_report_kind_to_string (report->kind));
  _liaison_report_attribute (&w, "generated", now);
  _liaison_report_attribute (&w, "generator", generator);
  _liaison_report_element (&w, "title", title);

  switch (report->kind)
    {
    case LIAISON_REPORT_AGREEMENTS:
      ok = _liaison_report_write_agreements (&w, error);
      break;
    case LIAISON_REPORT_INSTITUTION:
      ok = _liaison_report_write_institution (&w, error);
      break;
    case LIAISON_REPORT_EVENTS:
      ok = _liaison_report_write_events (&w, error);
      break;
    case LIAISON_N_REPORT_KINDS:
    default:
      g_assert_not_reached ();
    }

  _liaison_store_select_clear (store);

  if (ok && (xmlTextWriterEndDocument (w.xml) < 0 || xmlTextWriterFlush (w.xml) < 0))
    w.failed = TRUE;
  if (ok)
    ok = _liaison_report_check_write (&w, error);

  g_clear_pointer (&w.xml, xmlFreeTextWriter);
  if (ok)
    ok = _liaison_output_finish (output, error);

  return ok;
}

/**
 * liaison_report_write:
 * @path: the file to write; replaced only when the report is complete
 * @format: XML, or HTML through the shipped stylesheet
 * @cancellable: (nullable): cancels the report, leaving no partial file
 * @progress: (nullable) (scope call): told how far the report has come
 *
 * Writes @report about @store to @path.
 */
gboolean
liaison_report_write (LiaisonStore          *store,
                      const LiaisonReport   *report,
                      const char            *path,
                      LiaisonReportFormat    format,
                      GCancellable          *cancellable,
                      LiaisonProgressFunc    progress,
                      gpointer               user_data,
                      GError               **error)
{
  g_autofree char *xml_path = NULL;
  gboolean ok;
  int fd;

  g_return_val_if_fail (LIAISON_IS_STORE (store), FALSE);
  g_return_val_if_fail (report != NULL, FALSE);
  g_return_val_if_fail (report->kind < LIAISON_N_REPORT_KINDS, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (format == LIAISON_REPORT_FORMAT_XML)
    ok = write_xml (store, report, path, cancellable, progress, user_data, error);
  else
    {
      fd = g_file_open_tmp ("liaison-report-XXXXXX.xml", &xml_path, error);
      if (fd < 0)
        return FALSE;
      close (fd);

      ok = write_xml (store, report, xml_path, cancellable, progress, user_data, error) &&
           !g_cancellable_set_error_if_cancelled (cancellable, error) &&
           liaison_report_transform (xml_path, path, error);
      g_unlink (xml_path);
    }

  if (ok && progress)
    progress (1.0, user_data);
  return ok;
}

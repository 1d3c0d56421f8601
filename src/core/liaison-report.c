/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-report"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <libxslt/security.h>
#include <libxslt/transform.h>
#include <libxslt/variables.h>
#include <libxslt/xsltInternals.h>
#include <libxslt/xsltutils.h>
#include <unistd.h>

#include "liaison-core-resources.h"
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

#define REPORT_STYLESHEET "liaison-report.xsl"
#define RESOURCE_DIR "/io/github/liaisonapp/Liaison/"

G_DEFINE_BOXED_TYPE (LiaisonReport, liaison_report, liaison_report_copy, liaison_report_free)

typedef struct {
  LiaisonStore        *store;
  const LiaisonReport *report;
  xmlTextWriter       *xml;
  GCancellable        *cancellable;
  LiaisonProgressFunc  progress;
  gpointer             user_data;
  gint64               done;
  gint64               total;
  gboolean             failed;    /* a write failed: the disk is full or gone */
} Writer;

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

static void
start (Writer     *w,
       const char *name)
{
  if (xmlTextWriterStartElement (w->xml, BAD_CAST name) < 0)
    w->failed = TRUE;
}

static void
end (Writer *w)
{
  if (xmlTextWriterEndElement (w->xml) < 0)
    w->failed = TRUE;
}

static void
attribute (Writer     *w,
           const char *name,
           const char *value)
{
  if (value != NULL && *value != '\0' &&
      xmlTextWriterWriteAttribute (w->xml, BAD_CAST name, BAD_CAST value) < 0)
    w->failed = TRUE;
}

/* A choice, with its label for people beside it: kind="visit" kind-label="Visit". */
static void
choice_attribute (Writer     *w,
                  const char *name,
                  const char *value)
{
  g_autofree char *label_name = g_strconcat (name, "-label", NULL);

  if (value == NULL)
    return;
  attribute (w, name, value);
  attribute (w, label_name, liaison_choice_get_label (value));
}

static void
text (Writer     *w,
      const char *value)
{
  if (value != NULL && xmlTextWriterWriteString (w->xml, BAD_CAST value) < 0)
    w->failed = TRUE;
}

static void
element (Writer     *w,
         const char *name,
         const char *value)
{
  if (value == NULL || *value == '\0')
    return;
  if (xmlTextWriterWriteElement (w->xml, BAD_CAST name, BAD_CAST value) < 0)
    w->failed = TRUE;
}

/* <name ref="uuid">title</name>, the title looked up. */
static void
reference (Writer     *w,
           const char *name,
           const char *uuid)
{
  g_autofree char *title = NULL;

  if (uuid == NULL)
    return;

  title = liaison_store_get_title (w->store, uuid);
  start (w, name);
  attribute (w, "ref", uuid);
  text (w, title ? title : uuid);
  end (w);
}

static gboolean
check_write (Writer  *w,
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

static gboolean
step (Writer  *w,
      GError **error)
{
  if (!check_write (w, error))
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

/* Rows */

static gboolean
write_party_cb (const char * const  *c,
                gpointer             data,
                GError             **error)
{
  Writer *w = data;

  start (w, "party");
  attribute (w, "ref", c[0]);
  attribute (w, "role", c[3]);
  element (w, "name", c[1]);
  element (w, "local-name", c[2]);
  if (c[4] != NULL)
    {
      start (w, "signatory");
      attribute (w, "ref", c[4]);
      attribute (w, "local-name", c[6]);
      text (w, c[5]);
      end (w);
    }
  end (w);
  return TRUE;
}

static gboolean
write_sub_agreement_cb (const char * const  *c,
                        gpointer             data,
                        GError             **error)
{
  Writer *w = data;

  start (w, "sub-agreement");
  attribute (w, "ref", c[0]);
  choice_attribute (w, "kind", c[2]);
  choice_attribute (w, "status", c[3]);
  attribute (w, "signed", c[4]);
  text (w, c[1]);
  end (w);
  return TRUE;
}

static gboolean
write_linked_event_cb (const char * const  *c,
                       gpointer             data,
                       GError             **error)
{
  Writer *w = data;

  start (w, "linked-event");
  attribute (w, "ref", c[0]);
  choice_attribute (w, "kind", c[2]);
  attribute (w, "date", c[3]);
  text (w, c[1]);
  end (w);
  return TRUE;
}

static gboolean
write_source_cb (const char * const  *c,
                 gpointer             data,
                 GError             **error)
{
  Writer *w = data;

  start (w, "source");
  attribute (w, "ref", c[0]);
  attribute (w, "publisher", c[2]);
  attribute (w, "date", c[3]);
  attribute (w, "detail", c[4]);
  text (w, c[1]);
  end (w);
  return TRUE;
}

static gboolean
write_participant_cb (const char * const  *c,
                      gpointer             data,
                      GError             **error)
{
  Writer *w = data;

  start (w, "participant");
  attribute (w, "ref", c[0]);
  attribute (w, "local-name", c[2]);
  attribute (w, "role", c[3]);
  text (w, c[1]);
  end (w);
  return TRUE;
}

static gboolean
write_attendee_cb (const char * const  *c,
                   gpointer             data,
                   GError             **error)
{
  Writer *w = data;

  start (w, "attendee");
  attribute (w, "ref", c[0]);
  attribute (w, "local-name", c[2]);
  attribute (w, "role", c[3]);
  attribute (w, "institution", c[4]);
  text (w, c[1]);
  end (w);
  return TRUE;
}

static gboolean
write_linked_agreement_cb (const char * const  *c,
                           gpointer             data,
                           GError             **error)
{
  Writer *w = data;

  start (w, "linked-agreement");
  attribute (w, "ref", c[0]);
  choice_attribute (w, "kind", c[2]);
  choice_attribute (w, "status", c[3]);
  text (w, c[1]);
  end (w);
  return TRUE;
}

static gboolean
write_count_cb (const char * const  *c,
                gpointer             data,
                GError             **error)
{
  Writer *w = data;

  start (w, "count");
  if (c[0] != NULL)
    choice_attribute (w, "value", c[0]);
  text (w, c[1]);
  end (w);
  return TRUE;
}

/* Years are not choices: no label. */
static gboolean
write_year_count_cb (const char * const  *c,
                     gpointer             data,
                     GError             **error)
{
  Writer *w = data;

  start (w, "count");
  attribute (w, "value", c[0]);
  text (w, c[1]);
  end (w);
  return TRUE;
}

static gboolean
write_deadline_cb (const char * const  *c,
                   gpointer             data,
                   GError             **error)
{
  Writer *w = data;

  start (w, "deadline");
  attribute (w, "what", c[0]);
  attribute (w, "date", c[1]);
  attribute (w, "ref", c[2]);
  choice_attribute (w, "status", c[4]);
  text (w, c[3]);
  end (w);
  return TRUE;
}

static gboolean
write_unit_cb (const char * const  *c,
               gpointer             data,
               GError             **error)
{
  Writer *w = data;

  start (w, "unit");
  attribute (w, "ref", c[0]);
  attribute (w, "local-name", c[2]);
  choice_attribute (w, "kind", c[3]);
  text (w, c[1]);
  end (w);
  return TRUE;
}

static gboolean
write_person_cb (const char * const  *c,
                 gpointer             data,
                 GError             **error)
{
  Writer *w = data;

  start (w, "person");
  attribute (w, "ref", c[0]);
  attribute (w, "local-name", c[2]);
  attribute (w, "role", c[3]);
  attribute (w, "email", c[4]);
  attribute (w, "phone", c[5]);
  text (w, c[1]);
  end (w);
  return TRUE;
}

static gboolean
write_entry_cb (const char * const  *c,
                gpointer             data,
                GError             **error)
{
  Writer *w = data;

  start (w, "entry");
  attribute (w, "date", c[0]);
  attribute (w, "what", c[1]);
  attribute (w, "ref", c[2]);
  text (w, c[3]);
  end (w);
  return TRUE;
}

/* Records */

static const char *
field (LiaisonRecord *record,
       const char    *name)
{
  return liaison_record_get_field (record, name);
}

static void
write_tags (Writer        *w,
            LiaisonRecord *record)
{
  GPtrArray *links = liaison_record_get_links (record);

  for (guint i = 0; i < links->len; i++)
    {
      const LiaisonLink *link = g_ptr_array_index (links, i);

      if (link->type == LIAISON_LINK_TAG)
        element (w, "tag", link->target);
    }
}

static gboolean
write_agreement (Writer   *w,
                 gint64    id,
                 GError  **error)
{
  g_autoptr(LiaisonRecord) record = liaison_store_load (w->store, LIAISON_RECORD_AGREEMENT, id, error);

  if (record == NULL)
    return FALSE;

  start (w, "agreement");
  attribute (w, "uuid", liaison_record_get_uuid (record));
  choice_attribute (w, "kind", field (record, "kind"));
  choice_attribute (w, "status", field (record, "status"));
  element (w, "title", field (record, "title"));
  reference (w, "parent", field (record, "parent"));
  element (w, "signed", field (record, "signed"));
  element (w, "start", field (record, "start"));
  element (w, "end", field (record, "end"));
  element (w, "notice", field (record, "notice"));
  element (w, "summary", field (record, "summary"));
  reference (w, "responsible", field (record, "responsible"));

  if (!_liaison_store_rows (w->store, LIAISON_ROWS_PARTIES, id, NULL, NULL, write_party_cb, w, error))
    return FALSE;
  write_tags (w, record);
  if (!_liaison_store_rows (w->store, LIAISON_ROWS_SUB_AGREEMENTS, id, NULL, NULL, write_sub_agreement_cb, w, error) ||
      !_liaison_store_rows (w->store, LIAISON_ROWS_AGREEMENT_EVENTS, id, NULL, NULL, write_linked_event_cb, w, error) ||
      !_liaison_store_rows (w->store, LIAISON_ROWS_CITATIONS, 0, liaison_record_get_uuid (record), NULL, write_source_cb, w, error))
    return FALSE;
  end (w);

  return step (w, error);
}

static gboolean
write_event (Writer   *w,
             gint64    id,
             GError  **error)
{
  g_autoptr(LiaisonRecord) record = liaison_store_load (w->store, LIAISON_RECORD_EVENT, id, error);

  if (record == NULL)
    return FALSE;

  start (w, "event");
  attribute (w, "uuid", liaison_record_get_uuid (record));
  choice_attribute (w, "kind", field (record, "kind"));
  element (w, "title", field (record, "title"));
  element (w, "date", field (record, "date"));
  element (w, "end-date", field (record, "end-date"));
  element (w, "place", field (record, "place"));
  element (w, "city", field (record, "city"));
  element (w, "summary", field (record, "summary"));
  reference (w, "host", field (record, "host"));

  if (!_liaison_store_rows (w->store, LIAISON_ROWS_EVENT_INSTITUTIONS, id, NULL, NULL, write_participant_cb, w, error) ||
      !_liaison_store_rows (w->store, LIAISON_ROWS_EVENT_PEOPLE, id, NULL, NULL, write_attendee_cb, w, error) ||
      !_liaison_store_rows (w->store, LIAISON_ROWS_EVENT_AGREEMENTS, id, NULL, NULL, write_linked_agreement_cb, w, error))
    return FALSE;
  write_tags (w, record);
  if (!_liaison_store_rows (w->store, LIAISON_ROWS_CITATIONS, 0, liaison_record_get_uuid (record), NULL, write_source_cb, w, error))
    return FALSE;
  end (w);

  return step (w, error);
}

typedef struct {
  Writer            *w;
  LiaisonRecordKind  kind;
} ListData;

static gboolean
write_selected_cb (const char * const  *c,
                   gpointer             data,
                   GError             **error)
{
  ListData *list = data;
  gint64 id = g_ascii_strtoll (c[0], NULL, 10);

  if (list->kind == LIAISON_RECORD_AGREEMENT)
    return write_agreement (list->w, id, error);
  return write_event (list->w, id, error);
}

static gboolean
write_ids (Writer             *w,
           LiaisonRecordKind   kind,
           GArray             *ids,
           GError            **error)
{
  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);

      if (!(kind == LIAISON_RECORD_AGREEMENT ? write_agreement (w, id, error) : write_event (w, id, error)))
        return FALSE;
    }
  return TRUE;
}

/* Filters */

static void
write_filter (Writer     *w,
              const char *name,
              const char *value,
              const char *shown)
{
  if (value == NULL)
    return;
  start (w, "filter");
  attribute (w, "name", name);
  attribute (w, "value", value);
  text (w, shown ? shown : value);
  end (w);
}

static gboolean
check_date (const char  *name,
            const char  *value,
            GError     **error)
{
  GDate first, last;

  if (value == NULL)
    return TRUE;

  g_date_clear (&first, 1);
  g_date_clear (&last, 1);
  if (!liaison_date_get_bounds (value, &first, &last))
    {
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID_FIELD,
                   _("The filter %s “%s” is not a date: write a year (2024), a month (2024-05) or a day (2024-05-31)"),
                   name, value);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_choice (LiaisonRecordKind   kind,
              const char         *name,
              const char         *value,
              GError            **error)
{
  const LiaisonField *f = liaison_record_kind_find_field (kind, name, NULL);
  g_autofree char *choices = NULL;

  if (value == NULL)
    return TRUE;

  for (guint i = 0; f->choices[i]; i++)
    if (g_str_equal (f->choices[i], value))
      return TRUE;

  choices = g_strjoinv (", ", (char **) f->choices);
  g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID_FIELD,
               _("The filter %s “%s” is not one of: %s"), name, value, choices);
  return FALSE;
}

typedef struct {
  char  *uuid;
  char  *name;
  guint  n;
  GString *names;
} Found;

static gboolean
found_cb (const char * const  *c,
          gpointer             data,
          GError             **error)
{
  Found *found = data;

  if (found->n++ == 0)
    {
      found->uuid = g_strdup (c[0]);
      found->name = g_strdup (c[1]);
    }
  g_string_append_printf (found->names, "%s%s (%s)", found->names->len ? ", " : "", c[1], c[0]);
  return TRUE;
}

/* An institution by UUID, or by its name, local name or short name. */
static gboolean
resolve_institution (LiaisonStore  *store,
                     const char    *given,
                     char         **uuid,
                     char         **name,
                     GError       **error)
{
  g_autoptr(LiaisonRecord) record = NULL;
  g_autoptr(GString) names = g_string_new (NULL);
  Found found = { NULL, NULL, 0, names };

  if (g_uuid_string_is_valid (given))
    {
      record = liaison_store_load_by_uuid (store, given, error);
      if (record == NULL)
        return FALSE;
      if (liaison_record_get_kind (record) != LIAISON_RECORD_INSTITUTION)
        {
          g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID_FIELD,
                       _("%s is a %s, not an institution"), given,
                       liaison_record_kind_to_string (liaison_record_get_kind (record)));
          return FALSE;
        }
      *uuid = g_strdup (given);
      *name = g_strdup (liaison_record_get_title (record));
      return TRUE;
    }

  if (!_liaison_store_rows (store, LIAISON_ROWS_FIND_INSTITUTION, 0, given, NULL, found_cb, &found, error))
    return FALSE;

  if (found.n == 1)
    {
      *uuid = found.uuid;
      *name = found.name;
      return TRUE;
    }

  g_free (found.uuid);
  g_free (found.name);
  if (found.n == 0)
    g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_NOT_FOUND,
                 _("No institution is called “%s”; give its name, local name, short name or UUID"), given);
  else
    g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID_FIELD,
                 _("“%s” names several institutions: %s; give the UUID of one"), given, names->str);
  return FALSE;
}

static char *
today_iso (const LiaisonReport *report)
{
  g_autoptr(GDateTime) now = NULL;

  if (report->today != NULL)
    return g_strdup (report->today);

  now = g_date_time_new_now_local ();
  return g_date_time_format (now, "%Y-%m-%d");
}

static char *
add_days (const char *iso,
          guint       days)
{
  GDate date;
  char buffer[16];

  g_date_clear (&date, 1);
  g_date_set_parse (&date, iso);
  if (!g_date_valid (&date))
    return g_strdup (iso);
  g_date_add_days (&date, days);
  g_date_strftime (buffer, sizeof buffer, "%Y-%m-%d", &date);
  return g_strdup (buffer);
}

/* Report kinds */

static gboolean
write_agreements_report (Writer  *w,
                         GError **error)
{
  const LiaisonReport *report = w->report;
  g_autoptr(LiaisonQuery) query = liaison_query_new (LIAISON_RECORD_AGREEMENT);
  g_autoptr(GArray) ids = NULL;
  g_autofree char *institution_uuid = NULL;
  g_autofree char *institution_name = NULL;
  g_autofree char *ending_before = NULL;
  g_autofree char *today = NULL;
  g_autofree char *last_day = NULL;
  g_autofree char *total = NULL;
  ListData list = { w, LIAISON_RECORD_AGREEMENT };

  if (!check_choice (LIAISON_RECORD_AGREEMENT, "status", report->status, error) ||
      !check_choice (LIAISON_RECORD_AGREEMENT, "kind", report->agreement_kind, error) ||
      !check_date ("signed-from", report->signed_from, error) ||
      !check_date ("signed-to", report->signed_to, error) ||
      !check_date ("ending-before", report->ending_before, error) ||
      !check_date ("today", report->today, error))
    return FALSE;

  if (report->institution != NULL &&
      !resolve_institution (w->store, report->institution, &institution_uuid, &institution_name, error))
    return FALSE;

  if (report->ending_before != NULL)
    {
      GDate first, last;
      char buffer[16];

      g_date_clear (&first, 1);
      g_date_clear (&last, 1);
      liaison_date_get_bounds (report->ending_before, &first, &last);
      g_date_strftime (buffer, sizeof buffer, "%Y-%m-%d", &first);
      ending_before = g_strdup (buffer);
    }

  query->status = g_strdup (report->status);
  query->choice = g_strdup (report->agreement_kind);
  query->tag = g_strdup (report->tag);
  query->date_from = g_strdup (report->signed_from);
  query->date_to = g_strdup (report->signed_to);
  query->linked_to = g_strdup (institution_uuid);
  liaison_query_set_search (query, report->search);
  liaison_query_set_sort (query, "signed", FALSE);

  ids = liaison_store_query (w->store, query, error);
  if (ids == NULL)
    return FALSE;
  w->total = _liaison_store_select (w->store, LIAISON_RECORD_AGREEMENT, ids, ending_before, error);
  if (w->total < 0)
    return FALSE;
  g_clear_pointer (&ids, g_array_unref);

  start (w, "filters");
  write_filter (w, "status", report->status, report->status ? liaison_choice_get_label (report->status) : NULL);
  write_filter (w, "kind", report->agreement_kind,
                report->agreement_kind ? liaison_choice_get_label (report->agreement_kind) : NULL);
  write_filter (w, "institution", institution_uuid, institution_name);
  write_filter (w, "tag", report->tag, NULL);
  write_filter (w, "signed-from", report->signed_from, NULL);
  write_filter (w, "signed-to", report->signed_to, NULL);
  write_filter (w, "ending-before", report->ending_before, NULL);
  write_filter (w, "search", report->search, NULL);
  end (w);

  total = g_strdup_printf ("%" G_GINT64_FORMAT, w->total);
  start (w, "summary");
  attribute (w, "total", total);
  start (w, "by-status");
  if (!_liaison_store_rows (w->store, LIAISON_ROWS_COUNT_STATUS, 0, NULL, NULL, write_count_cb, w, error))
    return FALSE;
  end (w);
  start (w, "by-kind");
  if (!_liaison_store_rows (w->store, LIAISON_ROWS_COUNT_AGREEMENT_KIND, 0, NULL, NULL, write_count_cb, w, error))
    return FALSE;
  end (w);
  start (w, "by-year");
  if (!_liaison_store_rows (w->store, LIAISON_ROWS_COUNT_SIGNED_YEAR, 0, NULL, NULL, write_year_count_cb, w, error))
    return FALSE;
  end (w);

  if (report->horizon > 0)
    {
      g_autofree char *days = g_strdup_printf ("%u", report->horizon);

      today = today_iso (report);
      last_day = add_days (today, report->horizon);
      start (w, "due");
      attribute (w, "days", days);
      attribute (w, "from", today);
      attribute (w, "to", last_day);
      if (!_liaison_store_rows (w->store, LIAISON_ROWS_DEADLINES, 0, today, last_day, write_deadline_cb, w, error))
        return FALSE;
      end (w);
    }
  end (w);

  start (w, "agreements");
  if (!_liaison_store_rows (w->store, LIAISON_ROWS_SELECTION, 0, NULL, NULL, write_selected_cb, &list, error))
    return FALSE;
  end (w);

  return check_write (w, error);
}

static gboolean
write_events_report (Writer  *w,
                     GError **error)
{
  const LiaisonReport *report = w->report;
  g_autoptr(LiaisonQuery) query = liaison_query_new (LIAISON_RECORD_EVENT);
  g_autoptr(GArray) ids = NULL;
  g_autofree char *total = NULL;
  ListData list = { w, LIAISON_RECORD_EVENT };

  if (!check_date ("from", report->from, error) || !check_date ("to", report->to, error))
    return FALSE;

  query->tag = g_strdup (report->tag);
  query->date_from = g_strdup (report->from);
  query->date_to = g_strdup (report->to);
  liaison_query_set_search (query, report->search);
  liaison_query_set_sort (query, "date", FALSE);

  ids = liaison_store_query (w->store, query, error);
  if (ids == NULL)
    return FALSE;
  w->total = _liaison_store_select (w->store, LIAISON_RECORD_EVENT, ids, NULL, error);
  if (w->total < 0)
    return FALSE;
  g_clear_pointer (&ids, g_array_unref);

  start (w, "filters");
  write_filter (w, "from", report->from, NULL);
  write_filter (w, "to", report->to, NULL);
  write_filter (w, "tag", report->tag, NULL);
  write_filter (w, "search", report->search, NULL);
  end (w);

  total = g_strdup_printf ("%" G_GINT64_FORMAT, w->total);
  start (w, "summary");
  attribute (w, "total", total);
  start (w, "by-kind");
  if (!_liaison_store_rows (w->store, LIAISON_ROWS_COUNT_EVENT_KIND, 0, NULL, NULL, write_count_cb, w, error))
    return FALSE;
  end (w);
  start (w, "by-year");
  if (!_liaison_store_rows (w->store, LIAISON_ROWS_COUNT_EVENT_YEAR, 0, NULL, NULL, write_year_count_cb, w, error))
    return FALSE;
  end (w);
  end (w);

  start (w, "events");
  if (!_liaison_store_rows (w->store, LIAISON_ROWS_SELECTION, 0, NULL, NULL, write_selected_cb, &list, error))
    return FALSE;
  end (w);

  return check_write (w, error);
}

static gboolean
write_institution_report (Writer  *w,
                          GError **error)
{
  const LiaisonReport *report = w->report;
  g_autoptr(LiaisonRecord) record = NULL;
  g_autoptr(LiaisonQuery) agreements = liaison_query_new (LIAISON_RECORD_AGREEMENT);
  g_autoptr(LiaisonQuery) events = liaison_query_new (LIAISON_RECORD_EVENT);
  g_autoptr(GArray) agreement_ids = NULL;
  g_autoptr(GArray) event_ids = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *name = NULL;
  gint64 id;

  if (report->institution == NULL)
    {
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID_FIELD,
                   _("An institution profile needs an institution: give its name or UUID"));
      return FALSE;
    }
  if (!resolve_institution (w->store, report->institution, &uuid, &name, error))
    return FALSE;

  record = liaison_store_load_by_uuid (w->store, uuid, error);
  if (record == NULL)
    return FALSE;
  id = liaison_record_get_id (record);

  agreements->linked_to = g_strdup (uuid);
  liaison_query_set_sort (agreements, "signed", FALSE);
  events->linked_to = g_strdup (uuid);
  liaison_query_set_sort (events, "date", FALSE);
  agreement_ids = liaison_store_query (w->store, agreements, error);
  if (agreement_ids == NULL)
    return FALSE;
  event_ids = liaison_store_query (w->store, events, error);
  if (event_ids == NULL)
    return FALSE;
  w->total = agreement_ids->len + event_ids->len;

  start (w, "filters");
  write_filter (w, "institution", uuid, name);
  end (w);

  start (w, "institution");
  attribute (w, "uuid", uuid);
  choice_attribute (w, "kind", field (record, "kind"));
  element (w, "name", field (record, "name"));
  element (w, "local-name", field (record, "local-name"));
  element (w, "short-name", field (record, "short-name"));
  reference (w, "parent", field (record, "parent"));
  element (w, "country", field (record, "country"));
  element (w, "region", field (record, "region"));
  element (w, "city", field (record, "city"));
  element (w, "website", field (record, "website"));
  element (w, "notes", field (record, "notes"));
  if (!_liaison_store_rows (w->store, LIAISON_ROWS_CITATIONS, 0, uuid, NULL, write_source_cb, w, error))
    return FALSE;
  end (w);

  start (w, "sub-units");
  if (!_liaison_store_rows (w->store, LIAISON_ROWS_SUB_UNITS, id, NULL, NULL, write_unit_cb, w, error))
    return FALSE;
  end (w);

  start (w, "people");
  if (!_liaison_store_rows (w->store, LIAISON_ROWS_PEOPLE, id, NULL, NULL, write_person_cb, w, error))
    return FALSE;
  end (w);

  start (w, "agreements");
  if (!write_ids (w, LIAISON_RECORD_AGREEMENT, agreement_ids, error))
    return FALSE;
  end (w);

  start (w, "events");
  if (!write_ids (w, LIAISON_RECORD_EVENT, event_ids, error))
    return FALSE;
  end (w);

  start (w, "timeline");
  if (!_liaison_store_rows (w->store, LIAISON_ROWS_TIMELINE, id, NULL, NULL, write_entry_cb, w, error))
    return FALSE;
  end (w);

  return check_write (w, error);
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
  attribute (&w, "version", LIAISON_XML_VERSION);
  attribute (&w, "kind", liaison_report_kind_to_string (report->kind));
  attribute (&w, "generated", now);
  attribute (&w, "generator", generator);
  element (&w, "title", title);

  switch (report->kind)
    {
    case LIAISON_REPORT_AGREEMENTS:
      ok = write_agreements_report (&w, error);
      break;
    case LIAISON_REPORT_INSTITUTION:
      ok = write_institution_report (&w, error);
      break;
    case LIAISON_REPORT_EVENTS:
      ok = write_events_report (&w, error);
      break;
    case LIAISON_N_REPORT_KINDS:
    default:
      g_assert_not_reached ();
    }

  _liaison_store_select_clear (store);

  if (ok && (xmlTextWriterEndDocument (w.xml) < 0 || xmlTextWriterFlush (w.xml) < 0))
    w.failed = TRUE;
  if (ok)
    ok = check_write (&w, error);

  g_clear_pointer (&w.xml, xmlFreeTextWriter);
  if (ok)
    ok = _liaison_output_finish (output, error);

  return ok;
}

/* HTML */

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
        _("Events"), _("None"), _("Signed"), _("Start"), _("End"), _("Parties"), _("Signatory"),
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
      xsltQuoteUserParams (context, (const char **) get_labels ()) != 0)
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

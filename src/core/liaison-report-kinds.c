/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-report"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "liaison-date.h"
#include "liaison-error.h"
#include "liaison-report.h"
#include "liaison-report-private.h"
#include "liaison-store-private.h"

/*
 * What each kind of report holds: the agreements report, the institution profile and
 * the events report, with their filters, records and rows, written through the
 * helpers of liaison-report.c.
 */

/* Rows */

static gboolean
write_party_cb (const char * const  *c,
                gpointer             data,
                GError             **error)
{
  Writer *w = data;

  _liaison_report_start (w, "party");
  _liaison_report_attribute (w, "ref", c[0]);
  _liaison_report_attribute (w, "role", c[3]);
  _liaison_report_element (w, "name", c[1]);
  _liaison_report_element (w, "local-name", c[2]);
  if (c[4] != NULL)
    {
      _liaison_report_start (w, "signatory");
      _liaison_report_attribute (w, "ref", c[4]);
      _liaison_report_attribute (w, "local-name", c[6]);
      _liaison_report_text (w, c[5]);
      _liaison_report_end (w);
    }
  _liaison_report_end (w);
  return TRUE;
}

static gboolean
write_sub_agreement_cb (const char * const  *c,
                        gpointer             data,
                        GError             **error)
{
  Writer *w = data;

  _liaison_report_start (w, "sub-agreement");
  _liaison_report_attribute (w, "ref", c[0]);
  _liaison_report_choice_attribute (w, "kind", c[2]);
  _liaison_report_choice_attribute (w, "status", c[3]);
  _liaison_report_attribute (w, "signed", c[4]);
  _liaison_report_text (w, c[1]);
  _liaison_report_end (w);
  return TRUE;
}

static gboolean
write_linked_event_cb (const char * const  *c,
                       gpointer             data,
                       GError             **error)
{
  Writer *w = data;

  _liaison_report_start (w, "linked-event");
  _liaison_report_attribute (w, "ref", c[0]);
  _liaison_report_choice_attribute (w, "kind", c[2]);
  _liaison_report_attribute (w, "date", c[3]);
  _liaison_report_text (w, c[1]);
  _liaison_report_end (w);
  return TRUE;
}

static gboolean
write_source_cb (const char * const  *c,
                 gpointer             data,
                 GError             **error)
{
  Writer *w = data;

  _liaison_report_start (w, "source");
  _liaison_report_attribute (w, "ref", c[0]);
  _liaison_report_attribute (w, "publisher", c[2]);
  _liaison_report_attribute (w, "date", c[3]);
  _liaison_report_attribute (w, "detail", c[4]);
  _liaison_report_text (w, c[1]);
  _liaison_report_end (w);
  return TRUE;
}

static gboolean
write_participant_cb (const char * const  *c,
                      gpointer             data,
                      GError             **error)
{
  Writer *w = data;

  _liaison_report_start (w, "participant");
  _liaison_report_attribute (w, "ref", c[0]);
  _liaison_report_attribute (w, "local-name", c[2]);
  _liaison_report_attribute (w, "role", c[3]);
  _liaison_report_text (w, c[1]);
  _liaison_report_end (w);
  return TRUE;
}

static gboolean
write_attendee_cb (const char * const  *c,
                   gpointer             data,
                   GError             **error)
{
  Writer *w = data;

  _liaison_report_start (w, "attendee");
  _liaison_report_attribute (w, "ref", c[0]);
  _liaison_report_attribute (w, "local-name", c[2]);
  _liaison_report_attribute (w, "role", c[3]);
  _liaison_report_attribute (w, "institution", c[4]);
  _liaison_report_text (w, c[1]);
  _liaison_report_end (w);
  return TRUE;
}

static gboolean
write_linked_agreement_cb (const char * const  *c,
                           gpointer             data,
                           GError             **error)
{
  Writer *w = data;

  _liaison_report_start (w, "linked-agreement");
  _liaison_report_attribute (w, "ref", c[0]);
  _liaison_report_choice_attribute (w, "kind", c[2]);
  _liaison_report_choice_attribute (w, "status", c[3]);
  _liaison_report_text (w, c[1]);
  _liaison_report_end (w);
  return TRUE;
}

static gboolean
write_count_cb (const char * const  *c,
                gpointer             data,
                GError             **error)
{
  Writer *w = data;

  _liaison_report_start (w, "count");
  if (c[0] != NULL)
    _liaison_report_choice_attribute (w, "value", c[0]);
  _liaison_report_text (w, c[1]);
  _liaison_report_end (w);
  return TRUE;
}

/* Years are not choices: no label. */
static gboolean
write_year_count_cb (const char * const  *c,
                     gpointer             data,
                     GError             **error)
{
  Writer *w = data;

  _liaison_report_start (w, "count");
  _liaison_report_attribute (w, "value", c[0]);
  _liaison_report_text (w, c[1]);
  _liaison_report_end (w);
  return TRUE;
}

static gboolean
write_deadline_cb (const char * const  *c,
                   gpointer             data,
                   GError             **error)
{
  Writer *w = data;

  _liaison_report_start (w, "deadline");
  _liaison_report_attribute (w, "what", c[0]);
  _liaison_report_attribute (w, "date", c[1]);
  _liaison_report_attribute (w, "ref", c[2]);
  _liaison_report_choice_attribute (w, "status", c[4]);
  _liaison_report_text (w, c[3]);
  _liaison_report_end (w);
  return TRUE;
}

static gboolean
write_unit_cb (const char * const  *c,
               gpointer             data,
               GError             **error)
{
  Writer *w = data;

  _liaison_report_start (w, "unit");
  _liaison_report_attribute (w, "ref", c[0]);
  _liaison_report_attribute (w, "local-name", c[2]);
  _liaison_report_choice_attribute (w, "kind", c[3]);
  _liaison_report_text (w, c[1]);
  _liaison_report_end (w);
  return TRUE;
}

static gboolean
write_person_cb (const char * const  *c,
                 gpointer             data,
                 GError             **error)
{
  Writer *w = data;

  _liaison_report_start (w, "person");
  _liaison_report_attribute (w, "ref", c[0]);
  _liaison_report_attribute (w, "local-name", c[2]);
  _liaison_report_attribute (w, "role", c[3]);
  _liaison_report_attribute (w, "email", c[4]);
  _liaison_report_attribute (w, "phone", c[5]);
  _liaison_report_text (w, c[1]);
  _liaison_report_end (w);
  return TRUE;
}

static gboolean
write_entry_cb (const char * const  *c,
                gpointer             data,
                GError             **error)
{
  Writer *w = data;

  _liaison_report_start (w, "entry");
  _liaison_report_attribute (w, "date", c[0]);
  _liaison_report_attribute (w, "what", c[1]);
  _liaison_report_attribute (w, "ref", c[2]);
  _liaison_report_text (w, c[3]);
  _liaison_report_end (w);
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
        _liaison_report_element (w, "tag", link->target);
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

  _liaison_report_start (w, "agreement");
  _liaison_report_attribute (w, "uuid", liaison_record_get_uuid (record));
  _liaison_report_choice_attribute (w, "kind", field (record, "kind"));
  _liaison_report_choice_attribute (w, "status", field (record, "status"));
  _liaison_report_element (w, "title", field (record, "title"));
  _liaison_report_reference (w, "parent", field (record, "parent"));
  _liaison_report_element (w, "signed", field (record, "signed"));
  _liaison_report_element (w, "start", field (record, "start"));
  _liaison_report_element (w, "end", field (record, "end"));
  _liaison_report_element (w, "notice", field (record, "notice"));
  _liaison_report_element (w, "summary", field (record, "summary"));
  _liaison_report_reference (w, "responsible", field (record, "responsible"));

  if (!_liaison_store_rows (w->store, LIAISON_ROWS_PARTIES, id, NULL, NULL, write_party_cb, w, error))
    return FALSE;
  write_tags (w, record);
  if (!_liaison_store_rows (w->store, LIAISON_ROWS_SUB_AGREEMENTS, id, NULL, NULL, write_sub_agreement_cb, w, error) ||
      !_liaison_store_rows (w->store, LIAISON_ROWS_AGREEMENT_EVENTS, id, NULL, NULL, write_linked_event_cb, w, error) ||
      !_liaison_store_rows (w->store, LIAISON_ROWS_CITATIONS, 0, liaison_record_get_uuid (record), NULL, write_source_cb, w, error))
    return FALSE;
  _liaison_report_end (w);

  return _liaison_report_step (w, error);
}

static gboolean
write_event (Writer   *w,
             gint64    id,
             GError  **error)
{
  g_autoptr(LiaisonRecord) record = liaison_store_load (w->store, LIAISON_RECORD_EVENT, id, error);

  if (record == NULL)
    return FALSE;

  _liaison_report_start (w, "event");
  _liaison_report_attribute (w, "uuid", liaison_record_get_uuid (record));
  _liaison_report_choice_attribute (w, "kind", field (record, "kind"));
  _liaison_report_element (w, "title", field (record, "title"));
  _liaison_report_element (w, "date", field (record, "date"));
  _liaison_report_element (w, "end-date", field (record, "end-date"));
  _liaison_report_element (w, "place", field (record, "place"));
  _liaison_report_element (w, "city", field (record, "city"));
  _liaison_report_element (w, "summary", field (record, "summary"));
  _liaison_report_reference (w, "host", field (record, "host"));

  if (!_liaison_store_rows (w->store, LIAISON_ROWS_EVENT_INSTITUTIONS, id, NULL, NULL, write_participant_cb, w, error) ||
      !_liaison_store_rows (w->store, LIAISON_ROWS_EVENT_PEOPLE, id, NULL, NULL, write_attendee_cb, w, error) ||
      !_liaison_store_rows (w->store, LIAISON_ROWS_EVENT_AGREEMENTS, id, NULL, NULL, write_linked_agreement_cb, w, error))
    return FALSE;
  write_tags (w, record);
  if (!_liaison_store_rows (w->store, LIAISON_ROWS_CITATIONS, 0, liaison_record_get_uuid (record), NULL, write_source_cb, w, error))
    return FALSE;
  _liaison_report_end (w);

  return _liaison_report_step (w, error);
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

/* An element holding one row callback's output for each row of a store listing. */
static gboolean
write_rows_element (Writer          *w,
                    const char      *element,
                    LiaisonRows      rows,
                    gint64           id,
                    LiaisonRowFunc   func,
                    gpointer         user_data,
                    GError         **error)
{
  _liaison_report_start (w, element);
  if (!_liaison_store_rows (w->store, rows, id, NULL, NULL, func, user_data, error))
    return FALSE;
  _liaison_report_end (w);
  return TRUE;
}

static void
write_filter (Writer     *w,
              const char *name,
              const char *value,
              const char *shown)
{
  if (value == NULL)
    return;
  _liaison_report_start (w, "filter");
  _liaison_report_attribute (w, "name", name);
  _liaison_report_attribute (w, "value", value);
  _liaison_report_text (w, shown ? shown : value);
  _liaison_report_end (w);
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

gboolean
_liaison_report_write_agreements (Writer  *w,
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

  _liaison_report_start (w, "filters");
  write_filter (w, "status", report->status, report->status ? liaison_choice_get_label (report->status) : NULL);
  write_filter (w, "kind", report->agreement_kind,
                report->agreement_kind ? liaison_choice_get_label (report->agreement_kind) : NULL);
  write_filter (w, "institution", institution_uuid, institution_name);
  write_filter (w, "tag", report->tag, NULL);
  write_filter (w, "signed-from", report->signed_from, NULL);
  write_filter (w, "signed-to", report->signed_to, NULL);
  write_filter (w, "ending-before", report->ending_before, NULL);
  write_filter (w, "search", report->search, NULL);
  _liaison_report_end (w);

  total = g_strdup_printf ("%" G_GINT64_FORMAT, w->total);
  _liaison_report_start (w, "summary");
  _liaison_report_attribute (w, "total", total);
  if (!write_rows_element (w, "by-status", LIAISON_ROWS_COUNT_STATUS, 0, write_count_cb, w, error))
    return FALSE;
  if (!write_rows_element (w, "by-kind", LIAISON_ROWS_COUNT_AGREEMENT_KIND, 0, write_count_cb, w, error))
    return FALSE;
  if (!write_rows_element (w, "by-year", LIAISON_ROWS_COUNT_SIGNED_YEAR, 0, write_year_count_cb, w, error))
    return FALSE;

  if (report->horizon > 0)
    {
      g_autofree char *days = g_strdup_printf ("%u", report->horizon);

      today = today_iso (report);
      last_day = add_days (today, report->horizon);
      _liaison_report_start (w, "due");
      _liaison_report_attribute (w, "days", days);
      _liaison_report_attribute (w, "from", today);
      _liaison_report_attribute (w, "to", last_day);
      if (!_liaison_store_rows (w->store, LIAISON_ROWS_DEADLINES, 0, today, last_day, write_deadline_cb, w, error))
        return FALSE;
      _liaison_report_end (w);
    }
  _liaison_report_end (w);

  if (!write_rows_element (w, "agreements", LIAISON_ROWS_SELECTION, 0, write_selected_cb, &list, error))
    return FALSE;

  return _liaison_report_check_write (w, error);
}

gboolean
_liaison_report_write_events (Writer  *w,
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

  _liaison_report_start (w, "filters");
  write_filter (w, "from", report->from, NULL);
  write_filter (w, "to", report->to, NULL);
  write_filter (w, "tag", report->tag, NULL);
  write_filter (w, "search", report->search, NULL);
  _liaison_report_end (w);

  total = g_strdup_printf ("%" G_GINT64_FORMAT, w->total);
  _liaison_report_start (w, "summary");
  _liaison_report_attribute (w, "total", total);
  if (!write_rows_element (w, "by-kind", LIAISON_ROWS_COUNT_EVENT_KIND, 0, write_count_cb, w, error))
    return FALSE;
  if (!write_rows_element (w, "by-year", LIAISON_ROWS_COUNT_EVENT_YEAR, 0, write_year_count_cb, w, error))
    return FALSE;
  _liaison_report_end (w);

  if (!write_rows_element (w, "events", LIAISON_ROWS_SELECTION, 0, write_selected_cb, &list, error))
    return FALSE;

  return _liaison_report_check_write (w, error);
}

gboolean
_liaison_report_write_institution (Writer  *w,
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

  _liaison_report_start (w, "filters");
  write_filter (w, "institution", uuid, name);
  _liaison_report_end (w);

  _liaison_report_start (w, "institution");
  _liaison_report_attribute (w, "uuid", uuid);
  _liaison_report_choice_attribute (w, "kind", field (record, "kind"));
  _liaison_report_element (w, "name", field (record, "name"));
  _liaison_report_element (w, "local-name", field (record, "local-name"));
  _liaison_report_element (w, "short-name", field (record, "short-name"));
  _liaison_report_reference (w, "parent", field (record, "parent"));
  _liaison_report_element (w, "country", field (record, "country"));
  _liaison_report_element (w, "region", field (record, "region"));
  _liaison_report_element (w, "city", field (record, "city"));
  _liaison_report_element (w, "website", field (record, "website"));
  _liaison_report_element (w, "notes", field (record, "notes"));
  if (!_liaison_store_rows (w->store, LIAISON_ROWS_CITATIONS, 0, uuid, NULL, write_source_cb, w, error))
    return FALSE;
  _liaison_report_end (w);

  if (!write_rows_element (w, "sub-units", LIAISON_ROWS_SUB_UNITS, id, write_unit_cb, w, error))
    return FALSE;

  if (!write_rows_element (w, "people", LIAISON_ROWS_PEOPLE, id, write_person_cb, w, error))
    return FALSE;

  _liaison_report_start (w, "agreements");
  if (!write_ids (w, LIAISON_RECORD_AGREEMENT, agreement_ids, error))
    return FALSE;
  _liaison_report_end (w);

  _liaison_report_start (w, "events");
  if (!write_ids (w, LIAISON_RECORD_EVENT, event_ids, error))
    return FALSE;
  _liaison_report_end (w);

  if (!write_rows_element (w, "timeline", LIAISON_ROWS_TIMELINE, id, write_entry_cb, w, error))
    return FALSE;

  return _liaison_report_check_write (w, error);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-ical"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libical/ical.h>
#include <string.h>

#include "liaison-date.h"
#include "liaison-error.h"
#include "liaison-ical.h"
#include "liaison-output-private.h"
#include "liaison-report-private.h"

/*
 * Events as iCalendar (RFC 5545), every line written by libical.  The calendar is
 * streamed: libical formats the calendar's head and each event on its own, and the
 * pieces go to the file one after the other, so memory does not grow with the data.
 *
 * An event is an all-day event (VALUE=DATE); the record's UUID is its UID, so that a
 * calendar importing the file again updates events instead of doubling them.  An event
 * whose date is partial (a year, a month, a day with no year) has no place in a
 * calendar: it is skipped and counted.
 */

#define PRODID "-//Liaison//Liaison " PACKAGE_VERSION "//EN"

static gboolean
parse_full_date (const char     *iso,
                 struct icaltimetype *out)
{
  if (liaison_date_get_precision (iso) != LIAISON_DATE_FULL)
    return FALSE;

  *out = icaltime_from_string (iso);
  return !icaltime_is_null_time (*out) && icaltime_is_valid_time (*out);
}

static struct icaltimetype
timestamp_to_ical (const char *timestamp)
{
  g_autoptr(GDateTime) dt = timestamp ? g_date_time_new_from_iso8601 (timestamp, NULL) : NULL;

  if (dt == NULL)
    return icaltime_current_time_with_zone (icaltimezone_get_utc_timezone ());
  return icaltime_from_timet_with_zone ((time_t) g_date_time_to_unix (dt), 0,
                                        icaltimezone_get_utc_timezone ());
}

static char *
take_ical_string (char *string)
{
  char *copy = g_strdup (string);

  icalmemory_free_buffer (string);
  return copy;
}

/* The event as a VEVENT, or NULL when its date cannot go in a calendar. */
static icalcomponent *
build_event (LiaisonStore  *store,
             LiaisonRecord *record,
             struct icaltimetype stamp)
{
  const char *date = liaison_record_get_field (record, "date");
  const char *end_date = liaison_record_get_field (record, "end-date");
  const char *place = liaison_record_get_field (record, "place");
  const char *city = liaison_record_get_field (record, "city");
  const char *summary = liaison_record_get_field (record, "summary");
  const char *kind = liaison_record_get_field (record, "kind");
  GPtrArray *links = liaison_record_get_links (record);
  struct icaltimetype start, end;
  icalcomponent *event;

  if (date == NULL || !parse_full_date (date, &start))
    return NULL;
  start.is_date = 1;

  /* DTEND of an all-day event is the day after the last. */
  if (end_date == NULL || !parse_full_date (end_date, &end) || icaltime_compare_date_only (end, start) < 0)
    end = start;
  end.is_date = 1;
  icaltime_adjust (&end, 1, 0, 0, 0);

  event = icalcomponent_new (ICAL_VEVENT_COMPONENT);
  icalcomponent_add_property (event, icalproperty_new_uid (liaison_record_get_uuid (record)));
  icalcomponent_add_property (event, icalproperty_new_dtstamp (stamp));
  icalcomponent_add_property (event, icalproperty_new_dtstart (start));
  icalcomponent_add_property (event, icalproperty_new_dtend (end));
  icalcomponent_add_property (event, icalproperty_new_summary (liaison_record_get_title (record)));
  icalcomponent_add_property (event, icalproperty_new_transp (ICAL_TRANSP_TRANSPARENT));

  if (place || city)
    {
      g_autofree char *location = (place && city) ? g_strdup_printf ("%s, %s", place, city)
                                                  : g_strdup (place ? place : city);
      icalcomponent_add_property (event, icalproperty_new_location (location));
    }
  if (summary)
    icalcomponent_add_property (event, icalproperty_new_description (summary));
  if (kind)
    icalcomponent_add_property (event, icalproperty_new_categories (liaison_choice_get_label (kind)));
  for (guint i = 0; i < links->len; i++)
    {
      const LiaisonLink *link = g_ptr_array_index (links, i);

      if (link->type == LIAISON_LINK_TAG)
        icalcomponent_add_property (event, icalproperty_new_categories (link->target));
    }

  icalcomponent_add_property (event, icalproperty_new_created (timestamp_to_ical (liaison_record_get_created (record))));
  icalcomponent_add_property (event, icalproperty_new_lastmodified (timestamp_to_ical (liaison_record_get_modified (record))));

  return event;
}

/**
 * liaison_ical_export:
 * @query: (nullable): the events to write (an event query), or %NULL for all
 * @path: the file to write; replaced only when complete
 * @stats: (out) (optional): how many events were written and skipped
 * @cancellable: (nullable): cancels the export, leaving no partial file
 * @progress: (nullable) (scope call): told how far the export has come
 *
 * Writes events as an iCalendar file of all-day events.
 */
gboolean
liaison_ical_export (LiaisonStore         *store,
                     const LiaisonQuery   *query,
                     const char           *path,
                     LiaisonIcalStats     *stats,
                     GCancellable         *cancellable,
                     LiaisonProgressFunc   progress,
                     gpointer              user_data,
                     GError              **error)
{
  g_autoptr(LiaisonQuery) all = NULL;
  g_autoptr(LiaisonOutput) output = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autofree char *head = NULL;
  LiaisonIcalStats counts = { 0, 0 };
  struct icaltimetype stamp;
  icalcomponent *calendar;
  char *end_marker;

  g_return_val_if_fail (LIAISON_IS_STORE (store), FALSE);
  g_return_val_if_fail (query == NULL || query->kind == LIAISON_RECORD_EVENT, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (query == NULL)
    {
      all = liaison_query_new (LIAISON_RECORD_EVENT);
      liaison_query_set_sort (all, "date", FALSE);
      query = all;
    }

  ids = liaison_store_query (store, query, error);
  if (ids == NULL)
    return FALSE;

  output = _liaison_output_open (path, error);
  if (output == NULL)
    return FALSE;

  stamp = icaltime_current_time_with_zone (icaltimezone_get_utc_timezone ());

  /* The calendar's own lines, up to where its events go. */
  calendar = icalcomponent_vanew (ICAL_VCALENDAR_COMPONENT,
                                  icalproperty_new_version ("2.0"),
                                  icalproperty_new_prodid (PRODID),
                                  icalproperty_new_calscale ("GREGORIAN"),
                                  (void *) 0);
  head = take_ical_string (icalcomponent_as_ical_string_r (calendar));
  icalcomponent_free (calendar);
  end_marker = strstr (head, "END:VCALENDAR");
  g_assert (end_marker != NULL);
  *end_marker = '\0';
  _liaison_output_write (output, head, -1);

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(LiaisonRecord) record = NULL;
      icalcomponent *event;

      record = liaison_store_load (store, LIAISON_RECORD_EVENT, g_array_index (ids, gint64, i), error);
      if (record == NULL)
        return FALSE;

      event = build_event (store, record, stamp);
      if (event == NULL)
        {
          g_debug ("Skipped “%s”: its date “%s” is not a whole date",
                   liaison_record_get_title (record), liaison_record_get_field (record, "date"));
          counts.skipped++;
        }
      else
        {
          g_autofree char *text = take_ical_string (icalcomponent_as_ical_string_r (event));

          icalcomponent_free (event);
          if (!_liaison_output_write (output, text, -1))
            break;  /* finishing reports why */
          counts.written++;
        }

      if ((i + 1) % 100 == 0)
        {
          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            return FALSE;
          if (progress)
            progress ((double) (i + 1) / (double) ids->len, user_data);
        }
    }

  _liaison_output_write (output, "END:VCALENDAR\r\n", -1);
  if (!_liaison_output_finish (output, error))
    return FALSE;

  if (stats)
    *stats = counts;
  if (progress)
    progress (1.0, user_data);
  return TRUE;
}

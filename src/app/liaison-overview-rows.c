/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-overview"

#include "config.h"

#include <glib/gi18n.h>
#include <time.h>

#include "liaison-overview-private.h"

/*
 * What the overview says: its rows ("Ends in 12 days · 4 December 2026 · Active",
 * "Tomorrow · 23 November 2026 · Hefei"), its totals and the bars of its chart.
 */

char *
_liaison_overview_format_count (gint64 value)
{
  /* The locale's digit grouping: 100,000 or 100 000. */
  return g_strdup_printf ("%'" G_GINT64_FORMAT, value);
}

/* The caption under a total: "Institutions", or "Institution" for one. */
const char *
_liaison_overview_get_total_label (LiaisonRecordKind kind,
                                   gint64            n)
{
  gulong count = (gulong) MIN (n, G_MAXLONG);

  switch (kind)
    {
    case LIAISON_RECORD_INSTITUTION:
      return ngettext ("Institution", "Institutions", count);
    case LIAISON_RECORD_AGREEMENT:
      return ngettext ("Agreement", "Agreements", count);
    case LIAISON_RECORD_EVENT:
      return ngettext ("Event", "Events", count);
    case LIAISON_RECORD_PERSON:
      return ngettext ("Person", "People", count);
    case LIAISON_RECORD_SOURCE:
    case LIAISON_N_RECORD_KINDS:
    default:
      g_return_val_if_reached ("");
    }
}

/* "Ends in 12 days", "Notice date tomorrow", "Ends in August 2026". */
static char *
describe_due (const LiaisonDatedRecord *item,
              const GDate              *today)
{
  gboolean notice = item->due == LIAISON_DUE_NOTICE;
  g_autofree char *date = liaison_date_format (item->date);
  int days = liaison_dated_record_get_days (item, today);

  if (liaison_date_get_precision (item->date) != LIAISON_DATE_FULL)
    /* Translators: %s is a year or a month ("2026", "August 2026") */
    return g_strdup_printf (notice ? _("Notice date in %s") : _("Ends in %s"), date);

  if (days <= 0)
    return g_strdup (notice ? _("Notice date today") : _("Ends today"));
  if (days == 1)
    return g_strdup (notice ? _("Notice date tomorrow") : _("Ends tomorrow"));

  return g_strdup_printf (notice ? ngettext ("Notice date in %d day", "Notice date in %d days", (gulong) days)
                                 : ngettext ("Ends in %d day", "Ends in %d days", (gulong) days),
                          days);
}

/* Whole calendar months from @earlier to @later (on or after it). */
static int
count_months (const GDate *earlier,
              const GDate *later)
{
  int months = ((int) g_date_get_year (later) - (int) g_date_get_year (earlier)) * 12 +
               ((int) g_date_get_month (later) - (int) g_date_get_month (earlier));

  if (g_date_get_day (later) < g_date_get_day (earlier))
    months--;
  return MAX (months, 1);
}

/* "In 3 days", "Yesterday", "12 days ago", "5 months ago", "3 years ago": days for the
 * first month, then months for the first year, then years; NULL for a partial date. */
static char *
describe_when (const LiaisonDatedRecord *item,
               const GDate              *today)
{
  int days = liaison_dated_record_get_days (item, today);
  GDate date, last, now;
  int months, years;

  if (liaison_date_get_precision (item->date) != LIAISON_DATE_FULL)
    return NULL;

  switch (days)
    {
    case 0:
      return g_strdup (_("Today"));
    case 1:
      return g_strdup (_("Tomorrow"));
    case -1:
      return g_strdup (_("Yesterday"));
    default:
      break;
    }

  if (ABS (days) < 31)
    {
      if (days > 1)
        return g_strdup_printf (ngettext ("In %d day", "In %d days", (gulong) days), days);
      return g_strdup_printf (ngettext ("%d day ago", "%d days ago", (gulong) -days), -days);
    }

  g_date_clear (&date, 1);
  g_date_clear (&last, 1);
  g_date_clear (&now, 1);
  if (!liaison_date_get_bounds (item->date, &date, &last))
    return NULL;
  if (today != NULL)
    now = *today;
  else
    g_date_set_time_t (&now, time (NULL));
  months = days > 0 ? count_months (&now, &date) : count_months (&date, &now);

  if (months < 12)
    return days > 0 ? g_strdup_printf (ngettext ("In %d month", "In %d months", (gulong) months), months)
                    : g_strdup_printf (ngettext ("%d month ago", "%d months ago", (gulong) months), months);

  years = months / 12;
  return days > 0 ? g_strdup_printf (ngettext ("In %d year", "In %d years", (gulong) years), years)
                  : g_strdup_printf (ngettext ("%d year ago", "%d years ago", (gulong) years), years);
}

/* Three parts joined by " · ", skipping empty ones. */
static char *
join_parts (const char *first,
            const char *second,
            const char *third)
{
  const char *parts[] = { first, second, third };
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      if (parts[i] == NULL || *parts[i] == '\0')
        continue;
      if (text->len > 0)
        g_string_append (text, " · ");
      g_string_append (text, parts[i]);
    }

  return g_string_free (text, FALSE);
}

/**
 * _liaison_overview_row_new:
 * @item: an agreement that is due, or an event
 * @today: the day the overview was read
 *
 * Returns: (transfer floating): an activatable row that names the record and says
 *   when; the item rides along as the row's "liaison-item"
 */
GtkWidget *
_liaison_overview_row_new (const LiaisonDatedRecord *item,
                           const GDate              *today)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *arrow = g_object_new (GTK_TYPE_IMAGE,
                                   "icon-name", "go-next-symbolic",
                                   "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                                   NULL);
  g_autofree char *date = NULL;
  g_autofree char *when = NULL;
  g_autofree char *subtitle = NULL;

  if (item->due == LIAISON_DUE_EVENT)
    {
      when = describe_when (item, today);
      date = liaison_date_format (item->date);
      subtitle = join_parts (when, date, item->detail);
    }
  else
    {
      when = describe_due (item, today);
      if (liaison_date_get_precision (item->date) == LIAISON_DATE_FULL)
        date = liaison_date_format (item->date);
      subtitle = join_parts (when, date, liaison_choice_get_label (item->detail));
    }

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), item->title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  /* Screen readers announce the title; the subtitle says when. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, subtitle, -1);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_widget_add_css_class (arrow, "dim-label");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), arrow);

  g_object_set_data_full (G_OBJECT (row), "liaison-item",
                          liaison_dated_record_copy (item), (GDestroyNotify) liaison_dated_record_free);
  return row;
}

/**
 * _liaison_overview_more_row_new:
 * @n_more: how many agreements the list leaves out
 *
 * Returns: (transfer floating): a row that says so, not activatable
 */
GtkWidget *
_liaison_overview_more_row_new (gint64 n_more)
{
  g_autofree char *count = _liaison_overview_format_count (n_more);
  g_autofree char *text = g_strdup_printf (ngettext ("And %s more agreement", "And %s more agreements",
                                                     (gulong) MIN (n_more, G_MAXLONG)), count);
  GtkWidget *label = gtk_label_new (text);
  GtkWidget *row = gtk_list_box_row_new ();

  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_set_margin_top (label, 12);
  gtk_widget_set_margin_bottom (label, 12);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_focusable (row, FALSE);
  return row;
}

/**
 * _liaison_overview_set_chart_bars:
 * @counts: (element-type LiaisonPeriodCount): years (month 0) or months
 *
 * Gives @chart a bar per period: labelled with the year or the month's short name,
 * with a tooltip that says the period and the count in words.
 */
void
_liaison_overview_set_chart_bars (LiaisonChart *chart,
                                  GArray       *counts)
{
  g_autoptr(GArray) bars = g_array_new (FALSE, TRUE, sizeof (LiaisonChartBar));
  g_autoptr(GPtrArray) strings = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < counts->len; i++)
    {
      const LiaisonPeriodCount *count = &g_array_index (counts, LiaisonPeriodCount, i);
      g_autofree char *value = _liaison_overview_format_count (count->count);
      gulong n = (gulong) MIN (count->count, G_MAXLONG);
      LiaisonChartBar bar = { NULL, NULL, count->count };
      char *label, *detail;

      if (count->month > 0)
        {
          g_autoptr(GDateTime) month = g_date_time_new_utc ((int) count->year, (int) count->month, 1, 0, 0, 0);
          g_autofree char *month_name = g_date_time_format (month, C_("date format", "%B %Y"));

          /* Translators: the label under a bar of the chart of events per month */
          label = g_date_time_format (month, C_("chart month", "%b"));
          /* Translators: the tooltip of a month's bar: the month and how many events */
          detail = g_strdup_printf (ngettext ("%s: %s event", "%s: %s events", n), month_name, value);
        }
      else
        {
          label = g_strdup_printf ("%u", count->year);
          /* Translators: the tooltip of a year's bar: the year and how many agreements */
          detail = g_strdup_printf (ngettext ("%s: %s agreement signed", "%s: %s agreements signed", n),
                                    label, value);
        }

      g_ptr_array_add (strings, label);
      g_ptr_array_add (strings, detail);
      bar.label = label;
      bar.detail = detail;
      g_array_append_val (bars, bar);
    }

  liaison_chart_set_bars (chart, (const LiaisonChartBar *) (gpointer) bars->data, bars->len);
}

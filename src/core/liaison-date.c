/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-date"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "liaison-date.h"
#include "liaison-error.h"

static gboolean
read_number (const char **p,
             guint        min_digits,
             guint        max_digits,
             guint       *value)
{
  guint n = 0;
  guint v = 0;

  while (g_ascii_isdigit (**p) && n < max_digits)
    {
      v = v * 10 + (guint) (**p - '0');
      (*p)++;
      n++;
    }

  if (n < min_digits || g_ascii_isdigit (**p))
    return FALSE;

  *value = v;
  return TRUE;
}

static gboolean
is_separator (const char *p)
{
  return *p == '-' || *p == '/' || *p == '.';
}

/* Days in a month of a year, or of an unknown year (0). */
static guint
days_in_month (guint year,
               guint month)
{
  /* With no year, any day that exists in some year is allowed: 29 February too. */
  return g_date_get_days_in_month ((GDateMonth) month, (GDateYear) (year ? year : 2000));
}

/* Checks the parts that @precision says are present: a part of 0 is out of range. */
static gboolean
check_parts (const char            *text,
             LiaisonDatePrecision   precision,
             guint                  year,
             guint                  month,
             guint                  day,
             GError               **error)
{
  gboolean has_year = precision == LIAISON_DATE_YEAR || precision == LIAISON_DATE_YEAR_MONTH ||
                      precision == LIAISON_DATE_FULL;
  gboolean has_day = precision == LIAISON_DATE_FULL || precision == LIAISON_DATE_MONTH_DAY;

  if (has_year && (year < 1000 || year > 9999))
    {
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID_FIELD,
                   _("“%s” has a year out of range: use four digits, 1000 to 9999"), text);
      return FALSE;
    }

  if (precision != LIAISON_DATE_YEAR && (month < 1 || month > 12))
    {
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID_FIELD,
                   _("“%s” has no month %u: months run from 1 to 12"), text, month);
      return FALSE;
    }

  if (has_day && (day < 1 || day > days_in_month (year, month)))
    {
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID_FIELD,
                   _("“%s” has no day %u: that month has %u days"),
                   text, day, days_in_month (year, month));
      return FALSE;
    }

  return TRUE;
}

/* Reads the canonical ISO form only; returns the precision and the parts. */
static LiaisonDatePrecision
split_iso (const char *iso,
           guint      *year,
           guint      *month,
           guint      *day)
{
  const char *p = iso;

  *year = *month = *day = 0;

  if (iso == NULL || *iso == '\0')
    return LIAISON_DATE_NONE;

  if (p[0] == '-' && p[1] == '-')
    {
      p += 2;
      if (!read_number (&p, 2, 2, month) || *p++ != '-' || !read_number (&p, 2, 2, day) || *p)
        return LIAISON_DATE_NONE;
      return LIAISON_DATE_MONTH_DAY;
    }

  if (!read_number (&p, 4, 4, year))
    return LIAISON_DATE_NONE;
  if (*p == '\0')
    return LIAISON_DATE_YEAR;
  if (*p++ != '-' || !read_number (&p, 2, 2, month))
    return LIAISON_DATE_NONE;
  if (*p == '\0')
    return LIAISON_DATE_YEAR_MONTH;
  if (*p++ != '-' || !read_number (&p, 2, 2, day) || *p)
    return LIAISON_DATE_NONE;
  return LIAISON_DATE_FULL;
}

/**
 * liaison_date_get_precision:
 * @iso: (nullable): a date in Liaison's ISO form
 *
 * Returns: which parts @iso holds, or %LIAISON_DATE_NONE when it is empty or not a
 *   valid date
 */
LiaisonDatePrecision
liaison_date_get_precision (const char *iso)
{
  guint year, month, day;
  LiaisonDatePrecision precision = split_iso (iso, &year, &month, &day);

  if (precision == LIAISON_DATE_NONE || !check_parts (iso, precision, year, month, day, NULL))
    return LIAISON_DATE_NONE;
  return precision;
}

gboolean
liaison_date_is_valid (const char *iso)
{
  return liaison_date_get_precision (iso) != LIAISON_DATE_NONE;
}

/**
 * liaison_date_parse:
 * @text: what a person typed
 * @iso: (out) (nullable): the canonical form, or %NULL when @text is empty
 * @error: a place for an error naming what is wrong
 *
 * Reads a date the way office staff write one: `2023`, `2023-8`, `2023-08-30`,
 * `2023/8/30`, `2023.08.30`, `04-18`, `4/18`, `--04-18`, `2023年8月30日`, `2023年8月`,
 * `4月18日`.  An empty text is no date, which is valid.
 *
 * Returns: %TRUE if @text is a date or empty
 */
gboolean
liaison_date_parse (const char  *text,
                    char       **iso,
                    GError     **error)
{
  g_autofree char *trimmed = NULL;
  const char *p;
  guint a = 0, b = 0, c = 0;
  guint year = 0, month = 0, day = 0;
  LiaisonDatePrecision precision = LIAISON_DATE_NONE;

  g_return_val_if_fail (iso != NULL, FALSE);

  *iso = NULL;
  if (text == NULL)
    return TRUE;

  trimmed = g_strstrip (g_strdup (text));
  if (*trimmed == '\0')
    return TRUE;

  p = trimmed;
  if (p[0] == '-' && p[1] == '-')
    p += 2;

  if (read_number (&p, 1, 4, &a))
    {
      gboolean a_is_year = (p - trimmed) >= 4 && trimmed[0] != '-';

      if (*p == '\0' && a_is_year)
        {
          year = a;
          precision = LIAISON_DATE_YEAR;
        }
      else if (a_is_year && (is_separator (p) || g_str_has_prefix (p, "年")))
        {
          gboolean chinese = g_str_has_prefix (p, "年");

          p += chinese ? strlen ("年") : 1;
          year = a;
          if (read_number (&p, 1, 2, &b))
            {
              month = b;
              if (chinese && g_str_has_prefix (p, "月"))
                p += strlen ("月");
              if (*p == '\0')
                precision = LIAISON_DATE_YEAR_MONTH;
              else
                {
                  if (!chinese && is_separator (p))
                    p++;
                  if (read_number (&p, 1, 2, &c))
                    {
                      day = c;
                      if (chinese && (g_str_has_prefix (p, "日") || g_str_has_prefix (p, "号")))
                        p += strlen ("日");
                      if (*p == '\0')
                        precision = LIAISON_DATE_FULL;
                    }
                }
            }
        }
      else if (!a_is_year && (is_separator (p) || g_str_has_prefix (p, "月")))
        {
          gboolean chinese = g_str_has_prefix (p, "月");

          p += chinese ? strlen ("月") : 1;
          month = a;
          if (read_number (&p, 1, 2, &b))
            {
              day = b;
              if (chinese && (g_str_has_prefix (p, "日") || g_str_has_prefix (p, "号")))
                p += strlen ("日");
              if (*p == '\0')
                precision = LIAISON_DATE_MONTH_DAY;
            }
        }
    }

  if (precision == LIAISON_DATE_NONE)
    {
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID_FIELD,
                   _("“%s” is not a date: write it as 2023, 2023-08, 2023-08-30, or 04-18 when the year is unknown"),
                   trimmed);
      return FALSE;
    }

  if (!check_parts (trimmed, precision, year, month, day, error))
    return FALSE;

  switch (precision)
    {
    case LIAISON_DATE_YEAR:
      *iso = g_strdup_printf ("%04u", year);
      break;
    case LIAISON_DATE_YEAR_MONTH:
      *iso = g_strdup_printf ("%04u-%02u", year, month);
      break;
    case LIAISON_DATE_FULL:
      *iso = g_strdup_printf ("%04u-%02u-%02u", year, month, day);
      break;
    case LIAISON_DATE_MONTH_DAY:
      *iso = g_strdup_printf ("--%02u-%02u", month, day);
      break;
    case LIAISON_DATE_NONE:
    default:
      g_assert_not_reached ();
    }

  return TRUE;
}

/**
 * liaison_date_get_bounds:
 * @iso: a date in ISO form
 * @first: (out): the first day it may mean
 * @last: (out): the last day it may mean
 *
 * A year means 1 January to 31 December, a month its first to its last day.
 *
 * Returns: %FALSE when @iso has no year (a month and day alone) or is not a date
 */
gboolean
liaison_date_get_bounds (const char *iso,
                         GDate      *first,
                         GDate      *last)
{
  guint year, month, day;

  switch (split_iso (iso, &year, &month, &day))
    {
    case LIAISON_DATE_YEAR:
      if (!check_parts (iso, LIAISON_DATE_YEAR, year, 0, 0, NULL))
        return FALSE;
      g_date_set_dmy (first, 1, G_DATE_JANUARY, year);
      g_date_set_dmy (last, 31, G_DATE_DECEMBER, year);
      return TRUE;
    case LIAISON_DATE_YEAR_MONTH:
      if (!check_parts (iso, LIAISON_DATE_YEAR_MONTH, year, month, 0, NULL))
        return FALSE;
      g_date_set_dmy (first, 1, month, year);
      g_date_set_dmy (last, days_in_month (year, month), month, year);
      return TRUE;
    case LIAISON_DATE_FULL:
      if (!check_parts (iso, LIAISON_DATE_FULL, year, month, day, NULL))
        return FALSE;
      g_date_set_dmy (first, day, month, year);
      *last = *first;
      return TRUE;
    case LIAISON_DATE_MONTH_DAY:
    case LIAISON_DATE_NONE:
    default:
      return FALSE;
    }
}

/**
 * liaison_date_is_before:
 * @end: (nullable): an end date
 * @start: (nullable): a start date
 *
 * Whether @end certainly lies before @start: the last day @end may mean is earlier than
 * the first day @start may mean.  Dates without a year never conflict.
 */
gboolean
liaison_date_is_before (const char *end,
                        const char *start)
{
  GDate end_first, end_last, start_first, start_last;

  g_date_clear (&end_first, 1);
  g_date_clear (&end_last, 1);
  g_date_clear (&start_first, 1);
  g_date_clear (&start_last, 1);

  if (!liaison_date_get_bounds (end, &end_first, &end_last) ||
      !liaison_date_get_bounds (start, &start_first, &start_last))
    return FALSE;

  return g_date_compare (&end_last, &start_first) < 0;
}

/**
 * liaison_date_get_format:
 * @precision: what the date has
 *
 * Returns: how the user's language writes a date of @precision, as strftime() takes it
 *   ("%-d %B %Y"), or %NULL for %LIAISON_DATE_NONE
 */
const char *
liaison_date_get_format (LiaisonDatePrecision precision)
{
  switch (precision)
    {
    case LIAISON_DATE_YEAR:
      return "%Y";
    case LIAISON_DATE_YEAR_MONTH:
      /* Translators: a date with a year and month only, as strftime() writes it */
      return C_("date format", "%B %Y");
    case LIAISON_DATE_FULL:
      /* Translators: a full date, as strftime() writes it */
      return C_("date format", "%-d %B %Y");
    case LIAISON_DATE_MONTH_DAY:
      /* Translators: a month and day whose year is unknown, as strftime() writes it */
      return C_("date format", "%-d %B");
    case LIAISON_DATE_NONE:
    default:
      return NULL;
    }
}

/**
 * liaison_date_format:
 * @iso: (nullable): a date in ISO form
 *
 * Returns: (transfer full): the date as the user's language writes it, an empty string
 *   for no date, or @iso itself when it is not a valid date
 */
char *
liaison_date_format (const char *iso)
{
  g_autoptr(GDateTime) dt = NULL;
  LiaisonDatePrecision precision;
  guint year, month, day;

  precision = split_iso (iso, &year, &month, &day);
  switch (precision)
    {
    case LIAISON_DATE_YEAR:
      return g_strdup_printf ("%04u", year);
    case LIAISON_DATE_YEAR_MONTH:
      day = 1;
      break;
    case LIAISON_DATE_FULL:
      break;
    case LIAISON_DATE_MONTH_DAY:
      year = 2000; /* a leap year, so that 29 February can be shown */
      break;
    case LIAISON_DATE_NONE:
    default:
      return g_strdup (iso ? iso : "");
    }

  if (!check_parts (iso, LIAISON_DATE_FULL, year, month, day, NULL))
    return g_strdup (iso);

  dt = g_date_time_new_utc ((int) year, (int) month, (int) day, 0, 0, 0);
  if (dt == NULL)
    return g_strdup (iso);

  return g_date_time_format (dt, liaison_date_get_format (precision));
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * Dates in Liaison may be partial.  They are stored as ISO 8601 text, the same lexical
 * forms as the XSD types of the XML format:
 *
 *   2023         a year          (xs:gYear)
 *   2023-08      a year and month (xs:gYearMonth)
 *   2023-08-30   a full date     (xs:date)
 *   --04-18      a month and day with no year (xs:gMonthDay)
 */
typedef enum {
  LIAISON_DATE_NONE,
  LIAISON_DATE_YEAR,
  LIAISON_DATE_YEAR_MONTH,
  LIAISON_DATE_FULL,
  LIAISON_DATE_MONTH_DAY,
} LiaisonDatePrecision;

LiaisonDatePrecision liaison_date_get_precision (const char  *iso);
gboolean             liaison_date_is_valid      (const char  *iso);
gboolean             liaison_date_parse         (const char  *text,
                                                 char       **iso,
                                                 GError     **error);
gboolean             liaison_date_get_bounds    (const char  *iso,
                                                 GDate       *first,
                                                 GDate       *last);
gboolean             liaison_date_is_before     (const char  *end,
                                                 const char  *start);
const char          *liaison_date_get_format    (LiaisonDatePrecision precision);
char                *liaison_date_format        (const char  *iso);

G_END_DECLS

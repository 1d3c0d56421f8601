/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "liaison-core.h"

static void
assert_parses (const char *text,
               const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *iso = NULL;

  if (!liaison_date_parse (text, &iso, &error))
    g_error ("“%s” should parse as %s but failed: %s", text, expected, error->message);
  g_assert_no_error (error);
  g_assert_cmpstr (iso, ==, expected);
}

static void
assert_refused (const char *text,
                const char *fragment)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *iso = NULL;

  if (liaison_date_parse (text, &iso, &error))
    g_error ("“%s” should be refused but parsed as %s", text, iso);
  g_assert_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID_FIELD);
  g_assert_null (iso);
  /* The message quotes what was typed and says what is wrong. */
  if (strstr (error->message, fragment) == NULL)
    g_error ("message for “%s” lacks “%s”: %s", text, fragment, error->message);
}

static void
test_parse_canonical_forms (void)
{
  assert_parses ("2023", "2023");
  assert_parses ("2023-08", "2023-08");
  assert_parses ("2023-08-30", "2023-08-30");
  assert_parses ("--04-18", "--04-18");
}

static void
test_parse_month_day_without_year (void)
{
  /* The seed's LIST visit: 18 April, year unknown. */
  assert_parses ("04-18", "--04-18");
  assert_parses ("4-18", "--04-18");
  assert_parses ("4/18", "--04-18");
  assert_parses ("4月18日", "--04-18");
  /* 29 February exists in some year, so it is allowed without one. */
  assert_parses ("02-29", "--02-29");
}

static void
test_parse_what_office_staff_type (void)
{
  assert_parses ("2023-8", "2023-08");
  assert_parses ("2023-8-5", "2023-08-05");
  assert_parses ("2023/8/30", "2023-08-30");
  assert_parses ("2023.08.30", "2023-08-30");
  assert_parses ("2023年8月30日", "2023-08-30");
  assert_parses ("2023年8月30号", "2023-08-30");
  assert_parses ("2023年8月", "2023-08");
  assert_parses ("  2023-08-30\t", "2023-08-30");
  assert_parses ("2024-02-29", "2024-02-29");
}

static void
test_parse_empty_is_no_date (void)
{
  g_autoptr(GError) error = NULL;
  char *iso = (char *) "untouched";

  g_assert_true (liaison_date_parse ("", &iso, &error));
  g_assert_no_error (error);
  g_assert_null (iso);

  iso = (char *) "untouched";
  g_assert_true (liaison_date_parse ("   ", &iso, &error));
  g_assert_null (iso);

  iso = (char *) "untouched";
  g_assert_true (liaison_date_parse (NULL, &iso, &error));
  g_assert_null (iso);
}

static void
test_parse_refuses_invalid_dates_with_a_reason (void)
{
  assert_refused ("2023-13", "no month 13");
  assert_refused ("2023-13-01", "no month 13");
  assert_refused ("13-01", "no month 13");
  assert_refused ("2023-02-29", "no day 29");
  assert_refused ("2023-04-31", "no day 31");
  assert_refused ("--04-31", "no day 31");
  assert_refused ("2023-00", "no month 0");
  assert_refused ("2023-08-00", "no day 0");
  assert_refused ("0999", "year out of range");
  assert_refused ("0000", "year out of range");
  assert_refused ("0000-01-01", "year out of range");
  assert_refused ("tomorrow", "“tomorrow” is not a date");
  assert_refused ("999", "is not a date");
  assert_refused ("12345", "is not a date");
  assert_refused ("2023-", "is not a date");
  assert_refused ("2023-08-30x", "is not a date");
  assert_refused ("2023-08-30-01", "is not a date");
  assert_refused ("-04-18", "is not a date");
  assert_refused ("--2023", "is not a date");
  assert_refused ("18", "is not a date");
  /* The message suggests the forms that work. */
  assert_refused ("soon", "2023-08-30");
}

static void
test_precision (void)
{
  g_assert_cmpint (liaison_date_get_precision ("2023"), ==, LIAISON_DATE_YEAR);
  g_assert_cmpint (liaison_date_get_precision ("2023-08"), ==, LIAISON_DATE_YEAR_MONTH);
  g_assert_cmpint (liaison_date_get_precision ("2023-08-30"), ==, LIAISON_DATE_FULL);
  g_assert_cmpint (liaison_date_get_precision ("--04-18"), ==, LIAISON_DATE_MONTH_DAY);
  g_assert_cmpint (liaison_date_get_precision (NULL), ==, LIAISON_DATE_NONE);
  g_assert_cmpint (liaison_date_get_precision (""), ==, LIAISON_DATE_NONE);

  /* Only the canonical form is a stored date; typed forms go through parse. */
  g_assert_cmpint (liaison_date_get_precision ("2023-8"), ==, LIAISON_DATE_NONE);
  g_assert_cmpint (liaison_date_get_precision ("04-18"), ==, LIAISON_DATE_NONE);
  g_assert_cmpint (liaison_date_get_precision ("2023-02-30"), ==, LIAISON_DATE_NONE);
  g_assert_cmpint (liaison_date_get_precision ("2023-08-30T10:00"), ==, LIAISON_DATE_NONE);

  g_assert_true (liaison_date_is_valid ("--02-29"));
  g_assert_true (liaison_date_is_valid ("2024-02-29"));
  g_assert_false (liaison_date_is_valid ("2023-02-29"));
  g_assert_false (liaison_date_is_valid ("--13-01"));
  /* Zero is no month, day or year, whatever the shape. */
  g_assert_false (liaison_date_is_valid ("2023-00"));
  g_assert_false (liaison_date_is_valid ("2023-08-00"));
  g_assert_false (liaison_date_is_valid ("--00-18"));
  g_assert_false (liaison_date_is_valid ("0000"));
}

static void
assert_bounds (const char *iso,
               const char *first_iso,
               const char *last_iso)
{
  GDate first, last;
  char first_text[16], last_text[16];

  g_date_clear (&first, 1);
  g_date_clear (&last, 1);
  g_assert_true (liaison_date_get_bounds (iso, &first, &last));
  g_date_strftime (first_text, sizeof first_text, "%Y-%m-%d", &first);
  g_date_strftime (last_text, sizeof last_text, "%Y-%m-%d", &last);
  g_assert_cmpstr (first_text, ==, first_iso);
  g_assert_cmpstr (last_text, ==, last_iso);
}

static void
test_bounds (void)
{
  GDate first, last;

  assert_bounds ("2023", "2023-01-01", "2023-12-31");
  assert_bounds ("2023-02", "2023-02-01", "2023-02-28");
  assert_bounds ("2024-02", "2024-02-01", "2024-02-29");
  assert_bounds ("2023-08-30", "2023-08-30", "2023-08-30");

  g_date_clear (&first, 1);
  g_date_clear (&last, 1);
  /* A day with no year has no place on a timeline. */
  g_assert_false (liaison_date_get_bounds ("--04-18", &first, &last));
  g_assert_false (liaison_date_get_bounds ("2023-13", &first, &last));
  g_assert_false (liaison_date_get_bounds ("2023-02-30", &first, &last));
  g_assert_false (liaison_date_get_bounds (NULL, &first, &last));
  g_assert_false (liaison_date_get_bounds ("0000", &first, &last));
  g_assert_false (liaison_date_get_bounds ("2023-00", &first, &last));
  g_assert_false (liaison_date_get_bounds ("whenever", &first, &last));
}

static void
test_is_before (void)
{
  g_assert_true (liaison_date_is_before ("2022", "2023"));
  g_assert_true (liaison_date_is_before ("2023-12-31", "2024"));
  g_assert_true (liaison_date_is_before ("2023-04", "2023-05-01"));
  g_assert_true (liaison_date_is_before ("2023-08-29", "2023-08-30"));

  /* Overlapping partial dates may be in order: never a conflict. */
  g_assert_false (liaison_date_is_before ("2023", "2023-05"));
  g_assert_false (liaison_date_is_before ("2023-05-01", "2023-05"));
  g_assert_false (liaison_date_is_before ("2023-08-30", "2023-08-30"));
  g_assert_false (liaison_date_is_before ("2024", "2023"));

  /* Missing or yearless dates never conflict. */
  g_assert_false (liaison_date_is_before ("--04-18", "2023"));
  g_assert_false (liaison_date_is_before ("2023", "--04-18"));
  g_assert_false (liaison_date_is_before (NULL, "2023"));
  g_assert_false (liaison_date_is_before ("2023", NULL));
}

static void
assert_formats (const char *iso,
                const char *expected)
{
  g_autofree char *text = liaison_date_format (iso);

  g_assert_cmpstr (text, ==, expected);
}

static void
test_format (void)
{
  /* Untranslated, in the C.UTF-8 locale the tests run in. */
  assert_formats ("2023", "2023");
  assert_formats ("2023-08", "August 2023");
  assert_formats ("2023-08-30", "30 August 2023");
  assert_formats ("2023-08-05", "5 August 2023");
  assert_formats ("--04-18", "18 April");
  assert_formats ("--02-29", "29 February");
  assert_formats (NULL, "");
  assert_formats ("", "");
  /* What is not a date is shown as it is, never lost. */
  assert_formats ("someday", "someday");
  assert_formats ("2023-02-30", "2023-02-30");
  assert_formats ("2023-00", "2023-00");
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/liaison/date/parse/canonical-forms", test_parse_canonical_forms);
  g_test_add_func ("/liaison/date/parse/month-day-without-year", test_parse_month_day_without_year);
  g_test_add_func ("/liaison/date/parse/what-office-staff-type", test_parse_what_office_staff_type);
  g_test_add_func ("/liaison/date/parse/empty-is-no-date", test_parse_empty_is_no_date);
  g_test_add_func ("/liaison/date/parse/refuses-invalid-dates-with-a-reason", test_parse_refuses_invalid_dates_with_a_reason);
  g_test_add_func ("/liaison/date/precision", test_precision);
  g_test_add_func ("/liaison/date/bounds", test_bounds);
  g_test_add_func ("/liaison/date/is-before-only-when-certain", test_is_before);
  g_test_add_func ("/liaison/date/format", test_format);

  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <libical/ical.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <string.h>
#include <sys/stat.h>

#include "test-util.h"

/*
 * Reports, CSV, iCalendar and the merge rules of import.  Expected values come from the
 * seed document itself (read with XPath), or from records the test adds, never from
 * the code under test.
 */

#define NS "https://liaisonapp.github.io/ns/liaison/1"
#define HUAWEI "29be803d-e5a4-4413-9d9b-464ef52c59cd"
#define SMART_CAMPUS "f46ffe50-2621-41d5-bb1e-2dae2a82531a"

typedef struct {
  char         *dir;
  LiaisonStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = test_make_tmpdir ();
  fixture->store = test_open_store (fixture->dir, "test.db", LIAISON_STORE_OPEN_SEED);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
  test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

/* Helpers */

/* Writes @report, checks that it validates, and returns it parsed. */
static xmlDoc *
write_report (Fixture       *fixture,
              LiaisonReport *report,
              const char    *name)
{
  g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
  g_autofree char *invalid = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (liaison_report_write (fixture->store, report, path, LIAISON_REPORT_FORMAT_XML,
                                       NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  invalid = test_validate_report (path);
  g_assert_cmpstr (invalid, ==, NULL);
  return xmlReadFile (path, NULL, XML_PARSE_NONET);
}

static double
xpath_number (xmlDoc     *doc,
              const char *expression)
{
  xmlXPathContext *context = xmlXPathNewContext (doc);
  xmlXPathObject *result;
  double value;

  xmlXPathRegisterNs (context, BAD_CAST "l", BAD_CAST NS);
  result = xmlXPathEvalExpression (BAD_CAST expression, context);
  g_assert_nonnull (result);
  value = xmlXPathCastToNumber (result);
  xmlXPathFreeObject (result);
  xmlXPathFreeContext (context);
  return value;
}

static char *
xpath_string (xmlDoc     *doc,
              const char *expression)
{
  xmlXPathContext *context = xmlXPathNewContext (doc);
  xmlXPathObject *result;
  xmlChar *value;
  char *copy;

  xmlXPathRegisterNs (context, BAD_CAST "l", BAD_CAST NS);
  result = xmlXPathEvalExpression (BAD_CAST expression, context);
  g_assert_nonnull (result);
  value = xmlXPathCastToString (result);
  copy = g_strdup ((const char *) value);
  xmlFree (value);
  xmlXPathFreeObject (result);
  xmlXPathFreeContext (context);
  return copy;
}

static int
seed_count (const char *expression)
{
  xmlDoc *seed = xmlReadFile (g_getenv ("LIAISON_SEED"), NULL, XML_PARSE_NONET);
  int n;

  g_assert_nonnull (seed);
  n = (int) xpath_number (seed, expression);
  xmlFreeDoc (seed);
  return n;
}

static LiaisonRecord *
save (LiaisonStore *store,
      LiaisonRecordKind kind,
      ...)
{
  g_autoptr(LiaisonRecord) record = liaison_record_new (kind);
  g_autoptr(GError) error = NULL;
  const char *name;
  va_list args;

  va_start (args, kind);
  while ((name = va_arg (args, const char *)) != NULL)
    liaison_record_set_field (record, name, va_arg (args, const char *));
  va_end (args);

  g_assert_true (liaison_store_save (store, record, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&record);
}

static void
rename_record (LiaisonStore *store,
               const char   *uuid,
               const char   *title)
{
  g_autoptr(LiaisonRecord) record = test_load (store, uuid);
  g_autoptr(GError) error = NULL;

  liaison_record_set_field_at (record, 0, title);
  g_assert_true (liaison_store_save (store, record, &error));
  g_assert_no_error (error);
}

static char *
get_title (LiaisonStore *store,
           const char   *uuid)
{
  g_autoptr(LiaisonRecord) record = test_load (store, uuid);

  return g_strdup (liaison_record_get_title (record));
}

/* Agreements report */

static void
test_agreements_report_validates_and_counts_the_seed (Fixture       *fixture,
                                                      gconstpointer  data)
{
  g_autoptr(LiaisonReport) report = liaison_report_new (LIAISON_REPORT_AGREEMENTS);
  int total = seed_count ("count(/l:liaison/l:agreements/l:agreement)");
  g_autofree char *generator = NULL;
  xmlDoc *doc;

  doc = write_report (fixture, report, "agreements.xml");

  g_assert_cmpint ((int) xpath_number (doc, "number(/l:report/l:summary/@total)"), ==, total);
  g_assert_cmpint ((int) xpath_number (doc, "count(/l:report/l:agreements/l:agreement)"), ==, total);
  g_assert_cmpint ((int) xpath_number (doc, "count(/l:report/l:filters/l:filter)"), ==, 0);

  /* Counts by status, kind and year agree with the seed document. */
  for (guint i = 0; i < 3; i++)
    {
      static const char * const statuses[] = { "signed", "active", "negotiating" };
      g_autofree char *expected = g_strdup_printf ("count(/l:liaison/l:agreements/l:agreement[@status='%s'])", statuses[i]);
      g_autofree char *got = g_strdup_printf ("number(//l:by-status/l:count[@value='%s'])", statuses[i]);

      g_assert_cmpint ((int) xpath_number (doc, got), ==, seed_count (expected));
    }
  g_assert_cmpint ((int) xpath_number (doc, "number(//l:by-kind/l:count[@value='sub-agreement'])"), ==,
                   seed_count ("count(/l:liaison/l:agreements/l:agreement[@kind='sub-agreement'])"));
  g_assert_cmpint ((int) xpath_number (doc, "number(//l:by-year/l:count[@value='2023'])"), ==,
                   seed_count ("count(/l:liaison/l:agreements/l:agreement[starts-with(l:signed, '2023')])"));
  g_assert_cmpint ((int) xpath_number (doc, "number(//l:by-year/l:count[not(@value)])"), ==,
                   seed_count ("count(/l:liaison/l:agreements/l:agreement[not(l:signed)])"));
  g_assert_cmpint ((int) xpath_number (doc, "sum(//l:by-status/l:count)"), ==, total);

  /* Each agreement carries its parties with names, and its sources. */
  g_assert_cmpint ((int) xpath_number (doc, "count(//l:agreement/l:party)"), ==, seed_count ("count(/l:liaison/l:agreements/l:agreement/l:party)"));
  g_assert_cmpint ((int) xpath_number (doc, "count(//l:agreement/l:party[@ref='" HUAWEI "']/l:local-name[. = '华为技术有限公司'])"),
                   ==, seed_count ("count(/l:liaison/l:agreements/l:agreement/l:party[@ref='" HUAWEI "'])"));
  g_assert_cmpint ((int) xpath_number (doc, "count(//l:agreement/l:source)"), ==, seed_count ("count(/l:liaison/l:agreements/l:agreement/l:cite)"));
  g_assert_cmpint ((int) xpath_number (doc, "count(//l:agreement/l:sub-agreement)"), ==,
                   seed_count ("count(/l:liaison/l:agreements/l:agreement/l:parent)"));
  g_assert_cmpint ((int) xpath_number (doc, "count(//l:agreement/l:linked-event)"), ==,
                   seed_count ("count(/l:liaison/l:events/l:event/l:agreement)"));

  generator = xpath_string (doc, "string(/l:report/@generator)");
  g_assert_cmpstr (generator, ==, "Liaison " PACKAGE_VERSION);
  g_assert_cmpint ((int) xpath_number (doc, "count(/processing-instruction('xml-stylesheet'))"), ==, 1);

  xmlFreeDoc (doc);
}

static void
test_agreements_report_filters_select_the_right_agreements (Fixture       *fixture,
                                                            gconstpointer  data)
{
  static const struct {
    const char *name;
    const char *value;
    const char *seed_xpath;
  } cases[] = {
    { "status", "signed", "count(/l:liaison/l:agreements/l:agreement[@status='signed'])" },
    { "kind", "sub-agreement", "count(/l:liaison/l:agreements/l:agreement[@kind='sub-agreement'])" },
    { "institution", "Huawei", "count(/l:liaison/l:agreements/l:agreement[l:party/@ref='" HUAWEI "'])" },
    { "institution", HUAWEI, "count(/l:liaison/l:agreements/l:agreement[l:party/@ref='" HUAWEI "'])" },
    { "tag", "digital education", "count(/l:liaison/l:agreements/l:agreement[l:tag='digital education'])" },
    { "signed-from", "2023-08", "count(/l:liaison/l:agreements/l:agreement[number(translate(l:signed, '-', '')) >= 20230801])" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(LiaisonReport) report = liaison_report_new (LIAISON_REPORT_AGREEMENTS);
      g_autofree char *name = g_strdup_printf ("filter-%u.xml", i);
      g_autofree char *recorded = NULL;
      g_autofree char *expression = g_strdup_printf ("string(//l:filter[@name='%s']/@value)", cases[i].name);
      int expected = seed_count (cases[i].seed_xpath);
      xmlDoc *doc;

      if (g_str_equal (cases[i].name, "status"))
        report->status = g_strdup (cases[i].value);
      else if (g_str_equal (cases[i].name, "kind"))
        report->agreement_kind = g_strdup (cases[i].value);
      else if (g_str_equal (cases[i].name, "institution"))
        report->institution = g_strdup (cases[i].value);
      else if (g_str_equal (cases[i].name, "tag"))
        report->tag = g_strdup (cases[i].value);
      else
        report->signed_from = g_strdup (cases[i].value);

      doc = write_report (fixture, report, name);
      g_assert_cmpint (expected, >, 0);
      g_assert_cmpint ((int) xpath_number (doc, "count(//l:agreements/l:agreement)"), ==, expected);
      g_assert_cmpint ((int) xpath_number (doc, "number(//l:summary/@total)"), ==, expected);
      g_assert_cmpint ((int) xpath_number (doc, "sum(//l:by-kind/l:count)"), ==, expected);

      /* The filter is recorded; an institution by its UUID, whatever it was given as. */
      recorded = xpath_string (doc, expression);
      g_assert_cmpstr (recorded, ==, g_str_equal (cases[i].name, "institution") ? HUAWEI : cases[i].value);
      xmlFreeDoc (doc);
    }
}

static void
test_agreements_report_lists_what_falls_due_within_the_horizon (Fixture       *fixture,
                                                                gconstpointer  data)
{
  g_autoptr(LiaisonRecord) soon = NULL;
  g_autoptr(LiaisonRecord) later = NULL;
  g_autoptr(LiaisonRecord) expired = NULL;
  g_autoptr(LiaisonReport) report = liaison_report_new (LIAISON_REPORT_AGREEMENTS);
  g_autoptr(LiaisonReport) ending = liaison_report_new (LIAISON_REPORT_AGREEMENTS);
  g_autofree char *what = NULL;
  xmlDoc *doc;

  soon = save (fixture->store, LIAISON_RECORD_AGREEMENT, "title", "Ends soon", "kind", "contract",
               "status", "active", "end", "2030-01-11", "notice", "2030-04-11", NULL);
  later = save (fixture->store, LIAISON_RECORD_AGREEMENT, "title", "Ends in June", "kind", "contract",
                "status", "active", "end", "2030-06", NULL);
  expired = save (fixture->store, LIAISON_RECORD_AGREEMENT, "title", "Already over", "kind", "contract",
                  "status", "terminated", "end", "2030-01-05", NULL);

  report->today = g_strdup ("2030-01-01");
  report->horizon = 90;
  doc = write_report (fixture, report, "due.xml");
  /* The end within 90 days; not the notice (day 100), not June, not the terminated one. */
  g_assert_cmpint ((int) xpath_number (doc, "count(//l:due/l:deadline)"), ==, 1);
  what = xpath_string (doc, "string(//l:due/l:deadline/@what)");
  g_assert_cmpstr (what, ==, "end");
  xmlFreeDoc (doc);

  /* A longer horizon takes the notice date, and June counts by its last day. */
  report->horizon = 181;
  doc = write_report (fixture, report, "due-long.xml");
  g_assert_cmpint ((int) xpath_number (doc, "count(//l:due/l:deadline)"), ==, 3);
  g_assert_cmpint ((int) xpath_number (doc, "count(//l:due/l:deadline[@what='notice'])"), ==, 1);
  xmlFreeDoc (doc);

  /* Ending before: only the agreements whose end lies before the day. */
  ending->ending_before = g_strdup ("2030-02");
  doc = write_report (fixture, ending, "ending.xml");
  g_assert_cmpint ((int) xpath_number (doc, "count(//l:agreements/l:agreement)"), ==, 2);
  g_assert_cmpint ((int) xpath_number (doc, "count(//l:agreement[l:title='Ends in June'])"), ==, 0);
  xmlFreeDoc (doc);
}

static void
test_report_refuses_bad_filters (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "bad.xml", NULL);
  g_autoptr(LiaisonReport) status = liaison_report_new (LIAISON_REPORT_AGREEMENTS);
  g_autoptr(LiaisonReport) date = liaison_report_new (LIAISON_REPORT_AGREEMENTS);
  g_autoptr(LiaisonReport) nobody = liaison_report_new (LIAISON_REPORT_INSTITUTION);
  g_autoptr(GError) error = NULL;

  status->status = g_strdup ("sleeping");
  g_assert_false (liaison_report_write (fixture->store, status, path, LIAISON_REPORT_FORMAT_XML, NULL, NULL, NULL, &error));
  g_assert_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID_FIELD);
  g_assert_nonnull (strstr (error->message, "sleeping"));
  g_clear_error (&error);

  date->ending_before = g_strdup ("2023-13");
  g_assert_false (liaison_report_write (fixture->store, date, path, LIAISON_REPORT_FORMAT_XML, NULL, NULL, NULL, &error));
  g_assert_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID_FIELD);
  g_clear_error (&error);

  nobody->institution = g_strdup ("Nobody University");
  g_assert_false (liaison_report_write (fixture->store, nobody, path, LIAISON_REPORT_FORMAT_XML, NULL, NULL, NULL, &error));
  g_assert_error (error, LIAISON_ERROR, LIAISON_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "Nobody University"));

  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

/* Institution profile and events */

static void
test_institution_profile_has_units_people_and_a_sorted_timeline (Fixture       *fixture,
                                                                 gconstpointer  data)
{
  g_autoptr(LiaisonReport) report = liaison_report_new (LIAISON_REPORT_INSTITUTION);
  g_autofree char *name = NULL;
  xmlDoc *doc;
  int n_entries;

  report->institution = g_strdup ("华为技术有限公司");
  doc = write_report (fixture, report, "profile.xml");

  name = xpath_string (doc, "string(/l:report/l:institution/l:name)");
  g_assert_cmpstr (name, ==, "Huawei Technologies Co., Ltd.");
  g_assert_cmpint ((int) xpath_number (doc, "count(//l:sub-units/l:unit)"), ==,
                   seed_count ("count(/l:liaison/l:institutions/l:institution[l:parent/@ref='" HUAWEI "'])"));
  g_assert_cmpint ((int) xpath_number (doc, "count(//l:people/l:person)"), ==,
                   seed_count ("count(/l:liaison/l:people/l:person[l:institution/@ref='" HUAWEI "'])"));
  g_assert_cmpint ((int) xpath_number (doc, "count(/l:report/l:agreements/l:agreement)"), ==,
                   seed_count ("count(/l:liaison/l:agreements/l:agreement[l:party/@ref='" HUAWEI "'])"));
  g_assert_cmpint ((int) xpath_number (doc, "count(/l:report/l:events/l:event)"), ==,
                   seed_count ("count(/l:liaison/l:events/l:event[l:host/@ref='" HUAWEI "' or l:institution/@ref='" HUAWEI "'])"));

  /* The timeline runs forward; dates with no year come last. */
  n_entries = (int) xpath_number (doc, "count(//l:timeline/l:entry)");
  g_assert_cmpint (n_entries, >, 1);
  for (int i = 1; i < n_entries; i++)
    {
      g_autofree char *a_expr = g_strdup_printf ("string(//l:timeline/l:entry[%d]/@date)", i);
      g_autofree char *b_expr = g_strdup_printf ("string(//l:timeline/l:entry[%d]/@date)", i + 1);
      g_autofree char *a = xpath_string (doc, a_expr);
      g_autofree char *b = xpath_string (doc, b_expr);

      if (!g_str_has_prefix (b, "--"))
        {
          g_assert_false (g_str_has_prefix (a, "--"));
          g_assert_cmpint (strncmp (a, b, 4), <=, 0);
        }
    }
  xmlFreeDoc (doc);
}

static void
test_events_report_keeps_to_its_date_range (Fixture       *fixture,
                                            gconstpointer  data)
{
  g_autoptr(LiaisonReport) all = liaison_report_new (LIAISON_REPORT_EVENTS);
  g_autoptr(LiaisonReport) august = liaison_report_new (LIAISON_REPORT_EVENTS);
  xmlDoc *doc;

  doc = write_report (fixture, all, "events.xml");
  g_assert_cmpint ((int) xpath_number (doc, "count(//l:events/l:event)"), ==, seed_count ("count(/l:liaison/l:events/l:event)"));
  g_assert_cmpint ((int) xpath_number (doc, "count(//l:event/l:participant)"), ==, seed_count ("count(/l:liaison/l:events/l:event/l:institution)"));
  g_assert_cmpint ((int) xpath_number (doc, "count(//l:event/l:attendee)"), ==, seed_count ("count(/l:liaison/l:events/l:event/l:person)"));
  g_assert_cmpint ((int) xpath_number (doc, "count(//l:event/l:linked-agreement)"), ==, seed_count ("count(/l:liaison/l:events/l:event/l:agreement)"));
  xmlFreeDoc (doc);

  august->from = g_strdup ("2023-08-01");
  august->to = g_strdup ("2023-08-31");
  doc = write_report (fixture, august, "august.xml");
  g_assert_cmpint ((int) xpath_number (doc, "count(//l:events/l:event)"), ==,
                   seed_count ("count(/l:liaison/l:events/l:event[starts-with(l:date, '2023-08')])"));
  g_assert_cmpint ((int) xpath_number (doc, "count(//l:events/l:event[starts-with(l:date, '--')])"), ==, 0);
  g_assert_cmpint ((int) xpath_number (doc, "count(//l:filter)"), ==, 2);
  xmlFreeDoc (doc);
}

/* HTML */

static void
test_html_has_the_sections_of_each_report (Fixture       *fixture,
                                           gconstpointer  data)
{
  static const struct {
    LiaisonReportKind kind;
    const char *headings[3];
  } cases[] = {
    { LIAISON_REPORT_AGREEMENTS, { "<h2>Summary</h2>", "<h2>Agreements (8)</h2>", "Falling due" } },
    { LIAISON_REPORT_INSTITUTION, { "<h1>Institution profile: Huawei Technologies Co., Ltd.</h1>", "<h2>Timeline</h2>", "华为技术有限公司" } },
    { LIAISON_REPORT_EVENTS, { "<h2>Summary</h2>", "<h2>Events (", "Participants" } },
  };

  g_assert_cmpint (seed_count ("count(/l:liaison/l:agreements/l:agreement)"), ==, 8);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(LiaisonReport) report = liaison_report_new (cases[i].kind);
      g_autofree char *path = g_build_filename (fixture->dir, "report.html", NULL);
      g_autofree char *html = NULL;
      g_autoptr(GError) error = NULL;

      if (cases[i].kind == LIAISON_REPORT_INSTITUTION)
        report->institution = g_strdup (HUAWEI);

      g_assert_true (liaison_report_write (fixture->store, report, path, LIAISON_REPORT_FORMAT_HTML,
                                           NULL, NULL, NULL, &error));
      g_assert_no_error (error);
      g_assert_true (g_file_get_contents (path, &html, NULL, &error));
      g_assert_true (g_str_has_prefix (html, "<!DOCTYPE html"));
      g_assert_nonnull (strstr (html, "@page { size: A4"));
      g_assert_nonnull (strstr (html, "break-before: page"));
      for (guint h = 0; h < 3; h++)
        {
          if (strstr (html, cases[i].headings[h]) == NULL)
            g_error ("“%s” is missing from the HTML of the %s report", cases[i].headings[h],
                     liaison_report_kind_to_string (cases[i].kind));
        }
    }
}

/* Partial dates read as people write them, in the window's words: a year, a month of a
 * year, a day, and the seed's 18 April whose year nobody wrote down. */
static void
test_html_writes_partial_dates_for_people (Fixture       *fixture,
                                           gconstpointer  data)
{
  static const struct { const char *iso; const char *shown; } dates[] = {
    { "2021", "<dd>2021 – 30 August 2023</dd>" },
    { "2022-08", "<dd>August 2022</dd>" },
    { "2023-08-30", "<dd>30 August 2023</dd>" },
    { "--04-18", "<dd>18 April (year not known)</dd>" },
  };
  g_autoptr(LiaisonReport) report = liaison_report_new (LIAISON_REPORT_EVENTS);
  g_autofree char *path = g_build_filename (fixture->dir, "events.html", NULL);
  g_autofree char *html = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaisonRecord) year = NULL;
  g_autoptr(LiaisonRecord) month = NULL;

  year = save (fixture->store, LIAISON_RECORD_EVENT, "title", "A year-long programme", "kind", "meeting",
               "date", "2021", "end-date", "2023-08-30", NULL);
  month = save (fixture->store, LIAISON_RECORD_EVENT, "title", "A visit in August", "kind", "visit",
                "date", "2022-08", NULL);

  g_assert_true (liaison_report_write (fixture->store, report, path, LIAISON_REPORT_FORMAT_HTML,
                                       NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &html, NULL, &error));

  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    {
      if (strstr (html, dates[i].shown) == NULL)
        g_error ("“%s” is not shown as “%s”", dates[i].iso, dates[i].shown);
    }
  g_assert_null (strstr (html, "--04-18"));
  g_assert_null (strstr (html, "2022-08"));

  /* The same words as the window's. */
  {
    g_autofree char *window = liaison_date_format ("2022-08");

    g_assert_nonnull (strstr (html, window));
  }
}

/* CSV */

/* An RFC 4180 reader, to read back what the writer wrote. */
static GPtrArray *
parse_csv (const char *text)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  GPtrArray *row = g_ptr_array_new_with_free_func (g_free);
  GString *field = g_string_new (NULL);
  const char *p = text;

  while (*p)
    {
      g_assert_cmpint (*p, ==, '"');   /* the writer quotes every field */
      for (p++; ; p++)
        {
          g_assert_cmpint (*p, !=, '\0');
          if (*p == '"' && p[1] == '"')
            {
              g_string_append_c (field, '"');
              p++;
            }
          else if (*p == '"')
            break;
          else
            g_string_append_c (field, *p);
        }
      p++;
      g_ptr_array_add (row, g_strdup (field->str));
      g_string_truncate (field, 0);

      if (*p == ',')
        p++;
      else
        {
          g_assert_true (p[0] == '\r' && p[1] == '\n');
          p += 2;
          g_ptr_array_add (rows, row);
          row = g_ptr_array_new_with_free_func (g_free);
        }
    }

  g_ptr_array_unref (row);
  g_string_free (field, TRUE);
  return rows;
}

static void
test_csv_round_trips_commas_quotes_newlines_and_chinese (Fixture       *fixture,
                                                         gconstpointer  data)
{
  const char *title = "合作, \"quoted\", 100% — 重庆大学";
  const char *lines = "first line\r\nsecond, \"line\"\n第三行";
  g_autoptr(LiaisonRecord) agreement = NULL;
  g_autoptr(LiaisonQuery) query = liaison_query_new (LIAISON_RECORD_AGREEMENT);
  g_autofree char *path = g_build_filename (fixture->dir, "agreements.csv", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  guint n_columns;
  gboolean found = FALSE;

  agreement = save (fixture->store, LIAISON_RECORD_AGREEMENT, "title", title, "kind", "contract",
                    "status", "negotiating", NULL);

  g_assert_true (liaison_csv_export (fixture->store, query, path, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &text, NULL, &error));
  g_assert_true (g_str_has_prefix (text, "\xef\xbb\xbf"));
  g_assert_true (g_utf8_validate (text, -1, NULL));

  rows = parse_csv (text + 3);
  liaison_csv_get_columns (LIAISON_RECORD_AGREEMENT, &n_columns);
  g_assert_cmpuint (rows->len, ==, 1 + seed_count ("count(/l:liaison/l:agreements/l:agreement)") + 1);
  g_assert_cmpstr (((GPtrArray *) rows->pdata[0])->pdata[0], ==, "Title");
  for (guint i = 0; i < rows->len; i++)
    {
      GPtrArray *row = rows->pdata[i];

      g_assert_cmpuint (row->len, ==, n_columns);
      if (g_strcmp0 (row->pdata[n_columns - 1], liaison_record_get_uuid (agreement)) == 0)
        {
          g_assert_cmpstr (row->pdata[0], ==, title);
          g_assert_cmpstr (row->pdata[2], ==, "Negotiating");
          found = TRUE;
        }
    }
  g_assert_true (found);

  /* Records hold line breaks only in notes and summaries, which lists do not show;
   * the quoting keeps them inside the field all the same. */
  {
    g_autofree char *quoted = liaison_csv_quote (lines);
    g_autofree char *row = g_strconcat (quoted, ",\"\"\r\n", NULL);
    g_autoptr(GPtrArray) parsed = parse_csv (row);

    g_assert_cmpuint (parsed->len, ==, 1);
    g_assert_cmpstr (((GPtrArray *) parsed->pdata[0])->pdata[0], ==, lines);
    g_assert_cmpstr (((GPtrArray *) parsed->pdata[0])->pdata[1], ==, "");
  }
}

static void
test_csv_lists_what_the_query_selects (Fixture       *fixture,
                                       gconstpointer  data)
{
  g_autoptr(LiaisonQuery) query = liaison_query_new (LIAISON_RECORD_INSTITUTION);
  g_autofree char *path = g_build_filename (fixture->dir, "institutions.csv", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;

  liaison_query_set_search (query, "Huawei");
  g_assert_true (liaison_csv_export (fixture->store, query, path, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  rows = parse_csv (text + 3);
  g_assert_cmpuint (rows->len - 1, ==, liaison_store_query_count (fixture->store, query, NULL));
  g_assert_cmpuint (rows->len, >, 2);
}

static void
test_csv_defuses_formulas_and_keeps_numbers (void)
{
  static const struct { const char *value; const char *written; } cases[] = {
    { "=HYPERLINK(\"http://example.com\")", "'=HYPERLINK(\"http://example.com\")" },
    { "+86 23 6510 2114", "'+86 23 6510 2114" },
    { "-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0" },
    { "@SUM(A1:A9)", "'@SUM(A1:A9)" },
    { "\t=1+1", "'\t=1+1" },
    { "\r=1+1", "'\r=1+1" },
    { "--04-18", "'--04-18" },
    { "-", "'-" },
    { "+", "'+" },
    { "-12", "-12" },
    { "-12.5", "-12.5" },
    { "+3,25", "+3,25" },
    { "-12.", "'-12." },
    { "-1e3", "'-1e3" },
    { "2023-08-30", "2023-08-30" },
    { "Chongqing = 重庆", "Chongqing = 重庆" },
    { "重庆大学", "重庆大学" },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *written = liaison_csv_defuse (cases[i].value);

      g_assert_cmpstr (written, ==, cases[i].written);
    }
}

/* The CSV export writes every cell through the guard: a hostile name, a phone number,
 * and the seed's event dated 18 April without a year. */
static void
test_csv_export_defuses_cells (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(LiaisonRecord) person = NULL;
  g_autoptr(LiaisonQuery) people = liaison_query_new (LIAISON_RECORD_PERSON);
  g_autoptr(LiaisonQuery) events = liaison_query_new (LIAISON_RECORD_EVENT);
  g_autofree char *people_path = g_build_filename (fixture->dir, "people.csv", NULL);
  g_autofree char *events_path = g_build_filename (fixture->dir, "events.csv", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  gboolean found = FALSE;

  person = save (fixture->store, LIAISON_RECORD_PERSON, "name", "=cmd|' /C calc'!A0",
                 "phone", "+86 23 6510 2114", "role", "@admin", NULL);
  g_assert_true (liaison_csv_export (fixture->store, people, people_path, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (people_path, &text, NULL, NULL));
  rows = parse_csv (text + 3);
  for (guint i = 1; i < rows->len; i++)
    {
      GPtrArray *row = rows->pdata[i];

      /* name, local name, institution, role, email, phone, uuid */
      if (g_strcmp0 (row->pdata[6], liaison_record_get_uuid (person)) == 0)
        {
          g_assert_cmpstr (row->pdata[0], ==, "'=cmd|' /C calc'!A0");
          g_assert_cmpstr (row->pdata[3], ==, "'@admin");
          g_assert_cmpstr (row->pdata[5], ==, "'+86 23 6510 2114");
          found = TRUE;
        }
      /* No other cell begins with a formula's first character. */
      for (guint c = 0; c < row->len; c++)
        {
          const char *cell = row->pdata[c];

          if (cell[0] != '\0')
            g_assert_null (strchr ("=+@\t\r", cell[0]));
        }
    }
  g_assert_true (found);
  g_clear_pointer (&rows, g_ptr_array_unref);
  g_clear_pointer (&text, g_free);

  liaison_query_set_search (events, "LIST delegation visit to Huawei Liaoning");
  g_assert_true (liaison_csv_export (fixture->store, events, events_path, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (events_path, &text, NULL, NULL));
  rows = parse_csv (text + 3);
  g_assert_cmpuint (rows->len, ==, 2);
  g_assert_cmpstr (((GPtrArray *) rows->pdata[0])->pdata[2], ==, "Date");
  g_assert_cmpstr (((GPtrArray *) rows->pdata[1])->pdata[2], ==, "'--04-18");
}

/* iCalendar */

static void
test_ics_has_the_events_with_whole_dates (Fixture       *fixture,
                                          gconstpointer  data)
{
  g_autoptr(LiaisonRecord) week = NULL;
  g_autoptr(LiaisonRecord) year_only = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "events.ics", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  LiaisonIcalStats stats = { 0, 0 };
  icalcomponent *calendar;
  icalcomponent *event;
  guint n_events = 0;
  int whole = seed_count ("count(/l:liaison/l:events/l:event[string-length(l:date) = 10 and not(starts-with(l:date, '--'))])");
  int partial = seed_count ("count(/l:liaison/l:events/l:event)") - whole;

  week = save (fixture->store, LIAISON_RECORD_EVENT, "title", "Summer school, week 1", "kind", "conference",
               "date", "2030-07-01", "end-date", "2030-07-05", "city", "重庆", NULL);
  year_only = save (fixture->store, LIAISON_RECORD_EVENT, "title", "Some time in 2031", "kind", "meeting",
                    "date", "2031", NULL);

  g_assert_true (liaison_ical_export (fixture->store, NULL, path, &stats, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.written, ==, whole + 1);
  g_assert_cmpuint (stats.skipped, ==, partial + 1);

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  calendar = icalparser_parse_string (text);
  g_assert_nonnull (calendar);
  g_assert_cmpint (icalcomponent_isa (calendar), ==, ICAL_VCALENDAR_COMPONENT);

  for (event = icalcomponent_get_first_component (calendar, ICAL_VEVENT_COMPONENT);
       event != NULL;
       event = icalcomponent_get_next_component (calendar, ICAL_VEVENT_COMPONENT))
    {
      const char *uid = icalcomponent_get_uid (event);
      g_autoptr(LiaisonRecord) record = test_load (fixture->store, uid);

      g_assert_cmpstr (icalcomponent_get_summary (event), ==, liaison_record_get_title (record));
      g_assert_true (icalcomponent_get_dtstart (event).is_date);
      if (g_str_equal (uid, liaison_record_get_uuid (week)))
        {
          struct icaltimetype end = icalcomponent_get_dtend (event);

          /* DTEND of an all-day event is the day after the last one. */
          g_assert_cmpint (end.year, ==, 2030);
          g_assert_cmpint (end.month, ==, 7);
          g_assert_cmpint (end.day, ==, 6);
          g_assert_cmpstr (icalcomponent_get_location (event), ==, "重庆");
        }
      g_assert_false (g_str_equal (uid, liaison_record_get_uuid (year_only)));
      n_events++;
    }
  g_assert_cmpuint (n_events, ==, stats.written);
  icalcomponent_free (calendar);
}

/* Cancelling */

static void
cancel_at_once_cb (double   fraction,
                   gpointer user_data)
{
  g_cancellable_cancel (user_data);
}

static void
test_cancelled_export_leaves_no_file (Fixture       *fixture,
                                      gconstpointer  data)
{
  LiaisonGenerateOptions options = { 20, 40, 400, 50, 7 };
  g_autoptr(LiaisonReport) report = liaison_report_new (LIAISON_REPORT_AGREEMENTS);
  g_autoptr(LiaisonQuery) query = liaison_query_new (LIAISON_RECORD_AGREEMENT);
  g_autofree char *path = g_build_filename (fixture->dir, "report.xml", NULL);
  g_autofree char *csv = g_build_filename (fixture->dir, "agreements.csv", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) error = NULL;
  const char *name;

  g_assert_true (liaison_generate (fixture->store, &options, &error));
  g_assert_no_error (error);

  /* An old file stays as it was. */
  g_assert_true (g_file_set_contents (path, "old", -1, NULL));
  before = test_file_checksum (path);

  {
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();

    g_assert_false (liaison_report_write (fixture->store, report, path, LIAISON_REPORT_FORMAT_HTML,
                                          cancellable, cancel_at_once_cb, cancellable, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_clear_error (&error);
  }
  {
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();

    g_assert_false (liaison_csv_export (fixture->store, query, csv, cancellable, cancel_at_once_cb, cancellable, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_clear_error (&error);
  }

  after = test_file_checksum (path);
  g_assert_cmpstr (after, ==, before);
  g_assert_false (g_file_test (csv, G_FILE_TEST_EXISTS));

  /* No temporary file is left beside them. */
  dir = g_dir_open (fixture->dir, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_assert_false (g_str_has_prefix (name, "."));
}

static void
test_export_refuses_to_replace_what_is_not_a_file (Fixture       *fixture,
                                                   gconstpointer  data)
{
  g_autofree char *fifo = g_build_filename (fixture->dir, "pipe", NULL);
  g_autoptr(LiaisonReport) report = liaison_report_new (LIAISON_REPORT_EVENTS);
  g_autoptr(GError) error = NULL;
  GStatBuf st;

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  g_assert_false (liaison_report_write (fixture->store, report, fifo, LIAISON_REPORT_FORMAT_XML,
                                        NULL, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE);
  g_clear_error (&error);
  g_assert_false (liaison_export_to_file (fixture->store, fixture->dir, NULL, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE);

  g_assert_cmpint (g_stat (fifo, &st), ==, 0);
  g_assert_true (S_ISFIFO (st.st_mode));
}

/* Merge rules */

typedef struct {
  guint       counts[LIAISON_IMPORT_CONFLICT + 1];
  GHashTable *outcomes;   /* uuid → outcome */
} Preview;

static void
preview_cb (LiaisonImportOutcome  outcome,
            LiaisonRecordKind     kind,
            const char           *uuid,
            const char           *title,
            int                   line,
            gpointer              user_data)
{
  Preview *preview = user_data;

  preview->counts[outcome]++;
  g_hash_table_insert (preview->outcomes, g_strdup (uuid), GINT_TO_POINTER (outcome));
}

static void
test_dry_run_tells_new_updated_unchanged_kept_and_conflicts (Fixture       *fixture,
                                                             gconstpointer  data)
{
  g_autofree char *first = g_build_filename (fixture->dir, "first.xml", NULL);
  g_autofree char *second = g_build_filename (fixture->dir, "second.xml", NULL);
  g_autofree char *our_db = g_build_filename (fixture->dir, "test.db", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *title = NULL;
  g_autoptr(LiaisonStore) theirs = NULL;
  g_autoptr(LiaisonRecord) added = NULL;
  g_autoptr(GError) error = NULL;
  Preview preview = { { 0 }, g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL) };
  LiaisonImportStats stats = { 0 };
  const char *there = "9e27557a-c339-48d7-b830-b8bebae298c8";      /* changed in their copy */
  const char *here = "0173d22c-a9c2-400e-b6c4-ccb955f02b12";       /* changed in ours */
  const char *both = SMART_CAMPUS;                                  /* changed in both */
  int total = 0;

  /* They start from our export. */
  g_assert_true (liaison_export_to_file (fixture->store, first, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  theirs = test_open_store (fixture->dir, "theirs.db", LIAISON_STORE_OPEN_DEFAULT);
  g_assert_true (liaison_import_file (theirs, first, LIAISON_IMPORT_DEFAULT, &stats, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  total = (int) stats.added;

  rename_record (theirs, there, "Changed there");
  rename_record (theirs, both, "Changed there too");
  added = save (theirs, LIAISON_RECORD_INSTITUTION, "name", "New partner", "kind", "college", NULL);
  g_assert_true (liaison_export_to_file (theirs, second, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  rename_record (fixture->store, here, "Changed here");
  rename_record (fixture->store, both, "Changed here too");

  /* The dry run tells what would become of each record, and changes nothing. */
  before = test_db_fingerprint (our_db);
  g_assert_true (liaison_import_file_full (fixture->store, second, LIAISON_IMPORT_DRY_RUN, preview_cb, &preview,
                                           &stats, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.added, ==, 1);
  g_assert_cmpuint (stats.updated, ==, 1);
  g_assert_cmpuint (stats.kept, ==, 1);
  g_assert_cmpuint (stats.conflicts, ==, 1);
  g_assert_cmpuint (stats.unchanged, ==, total - 3);
  g_assert_cmpint (GPOINTER_TO_INT (g_hash_table_lookup (preview.outcomes, there)), ==, LIAISON_IMPORT_UPDATED);
  g_assert_cmpint (GPOINTER_TO_INT (g_hash_table_lookup (preview.outcomes, here)), ==, LIAISON_IMPORT_KEPT);
  g_assert_cmpint (GPOINTER_TO_INT (g_hash_table_lookup (preview.outcomes, both)), ==, LIAISON_IMPORT_CONFLICT);
  g_assert_cmpint (GPOINTER_TO_INT (g_hash_table_lookup (preview.outcomes, liaison_record_get_uuid (added))), ==,
                   LIAISON_IMPORT_NEW);
  g_assert_cmpuint (preview.counts[LIAISON_IMPORT_UNCHANGED], ==, stats.unchanged);
  after = test_db_fingerprint (our_db);
  g_assert_cmpstr (after, ==, before);
  g_clear_pointer (&after, g_free);

  /* Without a resolution the import fails, names the conflict, and changes nothing. */
  g_assert_false (liaison_import_file (fixture->store, second, LIAISON_IMPORT_DEFAULT, &stats, NULL, NULL, NULL, &error));
  g_assert_error (error, LIAISON_ERROR, LIAISON_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, both));
  g_assert_nonnull (strstr (error->message, "Changed here too"));
  g_clear_error (&error);
  after = test_db_fingerprint (our_db);
  g_assert_cmpstr (after, ==, before);

  /* Keeping ours: theirs comes in where only they changed, ours stays elsewhere. */
  g_assert_true (liaison_import_file (fixture->store, second, LIAISON_IMPORT_KEEP_LOCAL, &stats, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  title = get_title (fixture->store, both);
  g_assert_cmpstr (title, ==, "Changed here too");
  g_clear_pointer (&title, g_free);
  title = get_title (fixture->store, there);
  g_assert_cmpstr (title, ==, "Changed there");
  g_clear_pointer (&title, g_free);
  title = get_title (fixture->store, here);
  g_assert_cmpstr (title, ==, "Changed here");
  g_clear_pointer (&title, g_free);

  /* Settled: the same file again conflicts no more. */
  g_assert_true (liaison_import_file (fixture->store, second, LIAISON_IMPORT_DRY_RUN, &stats, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.conflicts, ==, 0);
  g_assert_cmpuint (stats.kept, ==, 2);
  g_assert_cmpuint (stats.added, ==, 0);

  /* They take ours back: what we kept goes over, no conflict on their side either. */
  g_assert_true (liaison_export_to_file (fixture->store, first, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (liaison_import_file (theirs, first, LIAISON_IMPORT_DEFAULT, &stats, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.conflicts, ==, 0);
  title = get_title (theirs, both);
  g_assert_cmpstr (title, ==, "Changed here too");

  g_hash_table_unref (preview.outcomes);
}

static void
test_conflicts_can_be_settled_for_theirs (Fixture       *fixture,
                                          gconstpointer  data)
{
  g_autofree char *first = g_build_filename (fixture->dir, "first.xml", NULL);
  g_autofree char *title = NULL;
  g_autoptr(LiaisonStore) theirs = NULL;
  g_autoptr(GError) error = NULL;
  LiaisonImportStats stats = { 0 };

  g_assert_true (liaison_export_to_file (fixture->store, first, NULL, NULL, NULL, &error));
  theirs = test_open_store (fixture->dir, "theirs.db", LIAISON_STORE_OPEN_DEFAULT);
  g_assert_true (liaison_import_file (theirs, first, LIAISON_IMPORT_DEFAULT, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  rename_record (theirs, SMART_CAMPUS, "Theirs");
  rename_record (fixture->store, SMART_CAMPUS, "Ours");
  g_assert_true (liaison_export_to_file (theirs, first, NULL, NULL, NULL, &error));

  g_assert_true (liaison_import_file (fixture->store, first, LIAISON_IMPORT_TAKE_THEIRS, &stats, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.conflicts, ==, 1);
  g_assert_cmpuint (stats.updated, ==, 1);
  title = get_title (fixture->store, SMART_CAMPUS);
  g_assert_cmpstr (title, ==, "Theirs");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add ("/liaison/report/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("agreements/validates-and-counts-the-seed", test_agreements_report_validates_and_counts_the_seed);
  ADD ("agreements/filters-select-the-right-agreements", test_agreements_report_filters_select_the_right_agreements);
  ADD ("agreements/lists-what-falls-due-within-the-horizon", test_agreements_report_lists_what_falls_due_within_the_horizon);
  ADD ("refuses-bad-filters", test_report_refuses_bad_filters);
  ADD ("institution/has-units-people-and-a-sorted-timeline", test_institution_profile_has_units_people_and_a_sorted_timeline);
  ADD ("events/keep-to-their-date-range", test_events_report_keeps_to_its_date_range);
  ADD ("html/has-the-sections-of-each-report", test_html_has_the_sections_of_each_report);
  ADD ("html/writes-partial-dates-for-people", test_html_writes_partial_dates_for_people);
  ADD ("csv/round-trips-commas-quotes-newlines-and-chinese", test_csv_round_trips_commas_quotes_newlines_and_chinese);
  ADD ("csv/lists-what-the-query-selects", test_csv_lists_what_the_query_selects);
  ADD ("csv/export-defuses-cells", test_csv_export_defuses_cells);
  g_test_add_func ("/liaison/report/csv/defuses-formulas-and-keeps-numbers", test_csv_defuses_formulas_and_keeps_numbers);
  ADD ("ics/has-the-events-with-whole-dates", test_ics_has_the_events_with_whole_dates);
  ADD ("cancelled-export-leaves-no-file", test_cancelled_export_leaves_no_file);
  ADD ("export-refuses-to-replace-what-is-not-a-file", test_export_refuses_to_replace_what_is_not_a_file);
  ADD ("import/dry-run-tells-new-updated-unchanged-kept-and-conflicts", test_dry_run_tells_new_updated_unchanged_kept_and_conflicts);
  ADD ("import/conflicts-can-be-settled-for-theirs", test_conflicts_can_be_settled_for_theirs);
#undef ADD

  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <libxml/xmlwriter.h>
#include <sqlite3.h>
#include <string.h>

#include "liaison-uuid-map-private.h"
#include "liaison-xml-out-private.h"

/*
 * The export's own XML writer must write exactly what libxml2's xmlTextWriter wrote
 * (as _liaison_output_new_xml_writer() sets it up), and its UUID maps must give back
 * every stored UUID as it is stored.
 */

/* Values that escaping can get wrong. */
static const char * const awkward[] = {
  "plain",
  "",
  "a&b<c>d\"e'f",
  "&amp; already escaped &#10;",
  "line\nbreak\rreturn\r\ntab\tend",
  "中文：北京大学 · 国际合作处",
  "é ü ß Ωmega",
  "emoji 😀 ok",
  "control \x01\x02\x1f\x7f bytes",
  "invalid \xff\xfe UTF-8 \xe4\xb8 cut",
  "]]> not CDATA",
  "  leading and trailing spaces  ",
};

static int
write_gstring_cb (void       *context,
                  const char *buffer,
                  int         length)
{
  g_string_append_len (context, buffer, length);
  return length;
}

static gboolean
append_gstring_cb (gpointer    user_data,
                   const char *data,
                   gsize       length)
{
  g_string_append_len (user_data, data, (gssize) length);
  return TRUE;
}

/* The same document through both writers: nested, empty and text-only elements,
 * attributes and text, each awkward value in each place. */
static void
write_with_libxml2 (GString    *out,
                    const char *long_value)
{
  xmlOutputBuffer *buffer = xmlOutputBufferCreateIO (write_gstring_cb, NULL, out, NULL);
  xmlTextWriter *writer = xmlNewTextWriter (buffer);

  xmlTextWriterSetIndent (writer, 1);
  xmlTextWriterSetIndentString (writer, BAD_CAST "  ");
  xmlTextWriterStartDocument (writer, "1.0", "UTF-8", NULL);
  xmlTextWriterStartElementNS (writer, NULL, BAD_CAST "liaison", BAD_CAST "urn:test");
  xmlTextWriterWriteAttribute (writer, BAD_CAST "version", BAD_CAST "1");
  xmlTextWriterStartElement (writer, BAD_CAST "sources");
  xmlTextWriterEndElement (writer);
  xmlTextWriterStartElement (writer, BAD_CAST "events");
  for (guint i = 0; i < G_N_ELEMENTS (awkward); i++)
    {
      xmlTextWriterStartElement (writer, BAD_CAST "event");
      xmlTextWriterWriteAttribute (writer, BAD_CAST "uuid", BAD_CAST awkward[i]);
      xmlTextWriterWriteAttribute (writer, BAD_CAST "kind", BAD_CAST "visit");
      xmlTextWriterWriteElement (writer, BAD_CAST "title", BAD_CAST awkward[i]);
      xmlTextWriterStartElement (writer, BAD_CAST "host");
      xmlTextWriterWriteAttribute (writer, BAD_CAST "ref", BAD_CAST awkward[i]);
      xmlTextWriterEndElement (writer);
      xmlTextWriterStartElement (writer, BAD_CAST "cite");
      xmlTextWriterWriteAttribute (writer, BAD_CAST "source", BAD_CAST "s");
      xmlTextWriterWriteString (writer, BAD_CAST awkward[i]);
      xmlTextWriterEndElement (writer);
      xmlTextWriterStartElement (writer, BAD_CAST "cite");
      xmlTextWriterWriteAttribute (writer, BAD_CAST "source", BAD_CAST awkward[i]);
      xmlTextWriterEndElement (writer);
      xmlTextWriterEndElement (writer);
    }
  xmlTextWriterWriteElement (writer, BAD_CAST "notes", BAD_CAST long_value);
  xmlTextWriterEndElement (writer);
  xmlTextWriterEndElement (writer);
  xmlTextWriterEndDocument (writer);
  xmlTextWriterFlush (writer);
  xmlFreeTextWriter (writer);
}

static void
write_with_xml_out (GString    *out,
                    const char *long_value)
{
  g_autoptr(LiaisonXmlOut) writer = _liaison_xml_out_new (append_gstring_cb, out);

  _liaison_xml_out_start_document (writer);
  _liaison_xml_out_start_element (writer, "liaison");
  _liaison_xml_out_attribute (writer, "version", "1");
  _liaison_xml_out_attribute (writer, "xmlns", "urn:test");
  _liaison_xml_out_start_element (writer, "sources");
  _liaison_xml_out_end_element (writer);
  _liaison_xml_out_start_element (writer, "events");
  for (guint i = 0; i < G_N_ELEMENTS (awkward); i++)
    {
      _liaison_xml_out_start_element (writer, "event");
      _liaison_xml_out_attribute (writer, "uuid", awkward[i]);
      _liaison_xml_out_attribute (writer, "kind", "visit");
      _liaison_xml_out_element (writer, "title", awkward[i]);
      _liaison_xml_out_start_element (writer, "host");
      _liaison_xml_out_attribute (writer, "ref", awkward[i]);
      _liaison_xml_out_end_element (writer);
      _liaison_xml_out_start_element (writer, "cite");
      _liaison_xml_out_attribute (writer, "source", "s");
      _liaison_xml_out_text (writer, awkward[i]);
      _liaison_xml_out_end_element (writer);
      _liaison_xml_out_start_element (writer, "cite");
      _liaison_xml_out_attribute (writer, "source", awkward[i]);
      _liaison_xml_out_end_element (writer);
      _liaison_xml_out_end_element (writer);
    }
  _liaison_xml_out_element (writer, "notes", long_value);
  _liaison_xml_out_end_element (writer);
  _liaison_xml_out_end_element (writer);
  g_assert_true (_liaison_xml_out_finish (writer));
}

static void
test_xml_out_writes_what_libxml2_writes (void)
{
  g_autoptr(GString) expected = g_string_new (NULL);
  g_autoptr(GString) actual = g_string_new (NULL);
  g_autoptr(GString) long_value = g_string_new (NULL);

  /* Longer than the writer's buffer, with escapes across its boundaries. */
  while (long_value->len < 200 * 1024)
    g_string_append (long_value, "Peking & Tsinghua <中文> \"quoted\"\r\n");

  write_with_libxml2 (expected, long_value->str);
  write_with_xml_out (actual, long_value->str);

  g_assert_cmpuint (actual->len, ==, expected->len);
  g_assert_true (memcmp (actual->str, expected->str, expected->len) == 0);
  /* The document is what the test meant: escapes and raw bytes where expected. */
  g_assert_nonnull (strstr (actual->str, "uuid=\"line&#10;break&#13;return&#13;&#10;tab&#9;end\""));
  g_assert_nonnull (strstr (actual->str, "<title>line\nbreak&#13;return&#13;\ntab\tend</title>"));
  g_assert_nonnull (strstr (actual->str, "<sources/>"));
}

static gboolean
fail_write_cb (gpointer    user_data,
               const char *data,
               gsize       length)
{
  guint *calls = user_data;

  (*calls)++;
  return FALSE;
}

static void
test_xml_out_reports_a_failed_write (void)
{
  g_autoptr(LiaisonXmlOut) writer = NULL;
  guint calls = 0;

  writer = _liaison_xml_out_new (fail_write_cb, &calls);
  _liaison_xml_out_start_document (writer);
  _liaison_xml_out_element (writer, "liaison", "text");
  g_assert_true (_liaison_xml_out_ok (writer));  /* still buffered */
  g_assert_false (_liaison_xml_out_finish (writer));
  g_assert_false (_liaison_xml_out_ok (writer));
  g_assert_cmpuint (calls, ==, 1);
}

static void
exec_sql (sqlite3    *db,
          const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

static void
assert_lookup (LiaisonUuidMap *map,
               gint64          id,
               const char     *expected)
{
  char buffer[LIAISON_UUID_MAP_BUFFER];

  g_assert_cmpstr (_liaison_uuid_map_lookup (map, id, buffer), ==, expected);
}

static void
test_uuid_map_gives_back_stored_uuids (void)
{
  sqlite3 *db = NULL;
  g_autoptr(LiaisonUuidMap) map = NULL;
  int rc = SQLITE_ERROR;

  g_assert_cmpint (sqlite3_open (":memory:", &db), ==, SQLITE_OK);
  exec_sql (db, "CREATE TABLE institution (id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE);"
                "INSERT INTO institution VALUES"
                " (5, '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b'),"
                " (6, 'FFFFFFFF-0000-4000-8000-00000000000A'),"  /* upper case: kept as text */
                " (8, 'not-a-uuid'),"
                " (9, '00000000-0000-0000-0000-000000000000'),"  /* nil: held apart from empty slots */
                " (10, 'ffffffff-ffff-4fff-bfff-ffffffffffff')");

  map = _liaison_uuid_map_new (db, "institution", &rc);
  g_assert_nonnull (map);
  g_assert_cmpint (rc, ==, SQLITE_OK);
  assert_lookup (map, 5, "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b");
  assert_lookup (map, 6, "FFFFFFFF-0000-4000-8000-00000000000A");
  assert_lookup (map, 8, "not-a-uuid");
  assert_lookup (map, 9, "00000000-0000-0000-0000-000000000000");
  assert_lookup (map, 10, "ffffffff-ffff-4fff-bfff-ffffffffffff");
  /* A gap, and ids either side of the table's range. */
  assert_lookup (map, 7, NULL);
  assert_lookup (map, 4, NULL);
  assert_lookup (map, 11, NULL);
  assert_lookup (map, -1, NULL);
  assert_lookup (map, G_MAXINT64, NULL);
  g_clear_pointer (&map, _liaison_uuid_map_free);

  /* Too sparse for an array: everything by hash, still exact. */
  exec_sql (db, "INSERT INTO institution VALUES (1000000000, 'abcdefab-cdef-4abc-8def-abcdefabcdef')");
  map = _liaison_uuid_map_new (db, "institution", &rc);
  g_assert_nonnull (map);
  assert_lookup (map, 5, "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b");
  assert_lookup (map, 1000000000, "abcdefab-cdef-4abc-8def-abcdefabcdef");
  assert_lookup (map, 7, NULL);
  g_clear_pointer (&map, _liaison_uuid_map_free);

  /* An empty table, and a missing one. */
  exec_sql (db, "CREATE TABLE person (id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE)");
  map = _liaison_uuid_map_new (db, "person", &rc);
  g_assert_nonnull (map);
  assert_lookup (map, 1, NULL);
  g_clear_pointer (&map, _liaison_uuid_map_free);
  g_assert_null (_liaison_uuid_map_new (db, "agreement", &rc));
  g_assert_cmpint (rc, ==, SQLITE_ERROR);

  sqlite3_close (db);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/liaison/xml-out/writes-what-libxml2-writes", test_xml_out_writes_what_libxml2_writes);
  g_test_add_func ("/liaison/xml-out/reports-a-failed-write", test_xml_out_reports_a_failed_write);
  g_test_add_func ("/liaison/export/uuid-map-gives-back-stored-uuids", test_uuid_map_gives_back_stored_uuids);

  return g_test_run ();
}

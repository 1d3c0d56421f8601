/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/*
 * Helpers shared by the unit tests: temporary folders, stores, a fingerprint of a
 * database's whole content (to prove that a failure changed nothing), exports with
 * their timestamp normalised, and schema validation.
 */

#include <glib.h>
#include <glib/gstdio.h>
#include <libxml/xmlschemas.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <string.h>

#include "liaison-core.h"

G_BEGIN_DECLS

/* A fresh folder under $TMPDIR; remove it with test_remove_tree(). */
static inline char *
test_make_tmpdir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("liaison-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static inline void
test_remove_tree (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          test_remove_tree (child);
        }
      g_rmdir (path);
    }
  else
    g_unlink (path);
}

static inline LiaisonStore *
test_open_store (const char            *dir,
                 const char            *name,
                 LiaisonStoreOpenFlags  flags)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, name, NULL);
  LiaisonStore *store = liaison_store_open (path, flags, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

/* SHA-256 of a file's bytes, or "missing". */
static inline char *
test_file_checksum (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return g_strdup ("missing");
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

/*
 * A digest of every row of every table of the database at @path, read through a
 * connection of its own: equal fingerprints mean equal content, change log included.
 */
static inline char *
test_db_fingerprint (const char *path)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT name FROM sqlite_schema WHERE type = 'table'"
                                           " AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (tables, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);

  for (guint i = 0; i < tables->len; i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM \"%s\"", (char *) tables->pdata[i]);

      g_checksum_update (checksum, (const guchar *) sql, -1);
      g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        for (int c = 0; c < sqlite3_column_count (stmt); c++)
          {
            const void *blob = sqlite3_column_blob (stmt, c);
            int n = sqlite3_column_bytes (stmt, c);
            guchar type = (guchar) sqlite3_column_type (stmt, c);

            g_checksum_update (checksum, &type, 1);
            g_checksum_update (checksum, (const guchar *) &n, sizeof n);
            if (blob != NULL && n > 0)
              g_checksum_update (checksum, blob, n);
          }
      sqlite3_finalize (stmt);
    }

  sqlite3_close (db);
  return g_strdup (g_checksum_get_string (checksum));
}

/* Number of rows in a table, read through a connection of its own. */
/* The record of @kind titled exactly @title, found by a search; fails when there is none. */
static inline LiaisonRecord *
test_dup_record_titled (LiaisonStore      *store,
                        LiaisonRecordKind  kind,
                        const char        *title)
{
  g_autoptr(LiaisonQuery) query = liaison_query_new (kind);
  g_autoptr(GArray) ids = NULL;

  liaison_query_set_search (query, title);
  ids = liaison_store_query (store, query, NULL);
  g_assert_nonnull (ids);
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(LiaisonRecord) record = liaison_store_load (store, kind, g_array_index (ids, gint64, i), NULL);

      if (g_strcmp0 (liaison_record_get_title (record), title) == 0)
        return g_steal_pointer (&record);
    }
  g_error ("No %s “%s”", liaison_record_kind_to_string (kind), title);
}

/* A new institution (a university) named @name, not saved. */
static inline LiaisonRecord *
test_new_institution (const char *name)
{
  LiaisonRecord *record = liaison_record_new (LIAISON_RECORD_INSTITUTION);

  liaison_record_set_field (record, "name", name);
  liaison_record_set_field (record, "kind", "university");
  return record;
}

static inline LiaisonRecord *
test_save_new (LiaisonStore      *store,
               LiaisonRecordKind  kind,
               const char        *first,
               ...) G_GNUC_NULL_TERMINATED;

/* Saves a new record of @kind from name/value pairs (a NULL value leaves a field
 * empty), which must succeed. */
static inline LiaisonRecord *
test_save_new (LiaisonStore      *store,
               LiaisonRecordKind  kind,
               const char        *first,
               ...)
{
  g_autoptr(GError) error = NULL;
  LiaisonRecord *record = liaison_record_new (kind);
  const char *name = first;
  va_list args;

  va_start (args, first);
  while (name != NULL)
    {
      liaison_record_set_field (record, name, va_arg (args, const char *));
      name = va_arg (args, const char *);
    }
  va_end (args);

  liaison_store_save (store, record, &error);
  g_assert_no_error (error);
  return record;
}

/* Saves @record, which must succeed. */
static inline void
test_save_ok (LiaisonStore  *store,
              LiaisonRecord *record)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (liaison_store_save (store, record, &error));
  g_assert_no_error (error);
}

static inline gint64
test_db_count (const char *path,
               const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", table);
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

/* The export with its one varying attribute, exported="…", taken out. */
static inline char *
test_normalise_export (const char *xml)
{
  g_autoptr(GRegex) regex = g_regex_new (" exported=\"[^\"]*\"", 0, 0, NULL);

  return g_regex_replace_literal (regex, xml, -1, 0, "", 0, NULL);
}

static inline char *
test_export (LiaisonStore *store,
             const char   *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;

  liaison_export_to_file (store, path, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&contents);
}

static inline void
collect_schema_error_cb (void        *data,
                         xmlErrorPtr  error)
{
  GString *messages = data;

  g_string_append_printf (messages, "line %d: %s", error->line, error->message);
}

/* Validates @path against the schema @xsd; NULL when valid, else what is wrong. */
static inline char *
test_validate_file_with_schema (const char *path,
                                const char *xsd)
{
  xmlSchemaParserCtxtPtr parser;
  xmlSchemaValidCtxtPtr valid;
  xmlSchemaPtr schema;
  GString *messages = g_string_new (NULL);
  int rc;

  parser = xmlSchemaNewParserCtxt (xsd);
  schema = xmlSchemaParse (parser);
  g_assert_nonnull (schema);
  valid = xmlSchemaNewValidCtxt (schema);
  xmlSchemaSetValidStructuredErrors (valid, collect_schema_error_cb, messages);
  rc = xmlSchemaValidateFile (valid, path, 0);
  xmlSchemaFreeValidCtxt (valid);
  xmlSchemaFree (schema);
  xmlSchemaFreeParserCtxt (parser);

  if (rc == 0)
    {
      g_string_free (messages, TRUE);
      return NULL;
    }
  if (messages->len == 0)
    g_string_append_printf (messages, "validation failed with code %d", rc);
  return g_string_free (messages, FALSE);
}

/* Validates @path against the shipped schema (data/liaison.xsd); NULL when valid. */
static inline char *
test_validate_file (const char *path)
{
  const char *xsd = g_getenv ("LIAISON_SCHEMA");

  g_assert_nonnull (xsd);
  return test_validate_file_with_schema (path, xsd);
}

/* The report schema (data/liaison-report.xsd), beside the shipped data schema. */
static inline char *
test_dup_report_schema_path (void)
{
  g_autofree char *dir = g_path_get_dirname (g_getenv ("LIAISON_SCHEMA"));

  return g_build_filename (dir, "liaison-report.xsd", NULL);
}

/* Validates @path against the report schema; NULL when valid. */
static inline char *
test_validate_report (const char *path)
{
  g_autofree char *xsd = test_dup_report_schema_path ();

  return test_validate_file_with_schema (path, xsd);
}

static inline GArray *
test_query (LiaisonStore       *store,
            const LiaisonQuery *query)
{
  g_autoptr(GError) error = NULL;
  GArray *ids = liaison_store_query (store, query, &error);

  g_assert_no_error (error);
  g_assert_nonnull (ids);
  return ids;
}

/* The UUIDs a query selects, in order. */
static inline GPtrArray *
test_query_uuids (LiaisonStore       *store,
                  const LiaisonQuery *query)
{
  g_autoptr(GArray) ids = test_query (store, query);
  GPtrArray *uuids = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(LiaisonRecord) record = liaison_store_load (store, query->kind,
                                                            g_array_index (ids, gint64, i), &error);
      g_assert_no_error (error);
      g_ptr_array_add (uuids, g_strdup (liaison_record_get_uuid (record)));
    }
  return uuids;
}

static inline gboolean
test_uuids_contain (GPtrArray  *uuids,
                    const char *uuid)
{
  for (guint i = 0; i < uuids->len; i++)
    if (g_strcmp0 (uuids->pdata[i], uuid) == 0)
      return TRUE;
  return FALSE;
}

static inline LiaisonRecord *
test_load (LiaisonStore *store,
           const char   *uuid)
{
  g_autoptr(GError) error = NULL;
  LiaisonRecord *record = liaison_store_load_by_uuid (store, uuid, &error);

  g_assert_no_error (error);
  g_assert_nonnull (record);
  return record;
}

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <unistd.h>

#include "liaison-store-private.h"
#include "test-reliability.h"

/*
 * A damaged or foreign file is refused with a message that says what is wrong and
 * what to do, by the store and by liaison-cli (exit status 1), and it is never
 * written to: its bytes are the same afterwards and nothing is left beside it.
 */

typedef void (*DamageFunc) (const char *path);

typedef struct {
  const char *name;
  DamageFunc  damage;
  int         code;
  const char *says;       /* what is wrong */
  const char *hint;       /* what to do */
} Case;

static void
truncate_half (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (truncate (path, st.st_size / 2), ==, 0);
}

static void
truncate_odd (const char *path)
{
  GStatBuf st;

  /* Not even a whole number of pages. */
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (truncate (path, st.st_size - 1000), ==, 0);
}

static void
flip_magic (const char *path)
{
  rel_flip_byte (path, 3, 0x20);   /* "SQLite" → "SQlite" */
}

static void
flip_page_size (const char *path)
{
  rel_flip_byte (path, 16, 0x05);  /* 4096 → an impossible page size */
}

/* The first byte of the institution table's root page says what kind of page it is. */
static void
flip_data_page (const char *path)
{
  gint64 root = rel_query_int (path, "SELECT rootpage FROM sqlite_schema WHERE name = 'institution'");
  gint64 page_size = rel_query_int (path, "PRAGMA page_size");

  g_assert_cmpint (root, >, 1);
  rel_flip_byte (path, (root - 1) * page_size, 0xff);
}

static void
replace_with_text (const char *path)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < 100; i++)
    g_string_append (text, "Minutes of the signing ceremony with Chongqing University.\n");
  g_assert_true (g_file_set_contents (path, text->str, text->len, NULL));
}

static void
make_empty (const char *path)
{
  g_assert_true (g_file_set_contents (path, "", 0, NULL));
}

static void
make_newer (const char *path)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA user_version = %d", LIAISON_SCHEMA_VERSION + 5);

  rel_exec (path, sql);
}

static void
make_foreign (const char *path)
{
  g_unlink (path);
  rel_exec (path, "PRAGMA application_id = 1179861842; CREATE TABLE bookmark (url TEXT);"
                  " INSERT INTO bookmark VALUES ('https://www.cqu.edu.cn/')");
}

static const Case cases[] = {
  { "truncated-half", truncate_half, LIAISON_ERROR_NOT_A_DATABASE, "is incomplete", "Restore a backup" },
  { "truncated-mid-page", truncate_odd, LIAISON_ERROR_NOT_A_DATABASE, "is incomplete", "Restore a backup" },
  { "flipped-header-magic", flip_magic, LIAISON_ERROR_NOT_A_DATABASE, "is not a Liaison database", "restore a backup" },
  { "flipped-header-page-size", flip_page_size, LIAISON_ERROR_NOT_A_DATABASE, "its header is broken", "Restore a backup" },
  { "flipped-data-page", flip_data_page, LIAISON_ERROR_NOT_A_DATABASE, "is damaged", "Restore a backup" },
  { "text-file", replace_with_text, LIAISON_ERROR_NOT_A_DATABASE, "is not a Liaison database", "Choose another file" },
  { "zero-length", make_empty, LIAISON_ERROR_NOT_A_DATABASE, "is empty (0 bytes)", "Choose another file" },
  { "newer-liaison", make_newer, LIAISON_ERROR_NEWER_SCHEMA, "newer version of Liaison", "Update Liaison" },
  { "other-program", make_foreign, LIAISON_ERROR_NOT_A_DATABASE, "SQLite database of another program", "Choose another file" },
};

static void
test_damaged_file_is_refused_untouched (gconstpointer data)
{
  const Case *c = data;
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *name = g_strdup_printf ("%s.db", c->name);
  g_autofree char *path = rel_make_seeded_db (dir, name);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *backups = g_build_filename (dir, "backups", NULL);
  const LiaisonStoreOpenFlags modes[] = { LIAISON_STORE_OPEN_SEED, LIAISON_STORE_OPEN_READ_ONLY };

  c->damage (path);
  before = test_file_checksum (path);

  for (guint m = 0; m < G_N_ELEMENTS (modes); m++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(LiaisonStore) store = liaison_store_open (path, modes[m], &error);

      g_assert_null (store);
      g_assert_error (error, LIAISON_ERROR, c->code);
      rel_assert_message (error, path);
      rel_assert_message (error, c->says);
      rel_assert_message (error, c->hint);

      g_clear_pointer (&after, g_free);
      after = test_file_checksum (path);
      g_assert_cmpstr (before, ==, after);
      rel_assert_no_sidecars (path);
    }

  /* liaison-cli says the same and exits with 1. */
  g_assert_cmpint (rel_run_cli (&out, &err, "--database", path, "list", "institutions", NULL), ==, 1);
  g_assert_cmpstr (out, ==, "");
  g_assert_nonnull (strstr (err, path));
  g_assert_nonnull (strstr (err, c->says));
  g_clear_pointer (&after, g_free);
  after = test_file_checksum (path);
  g_assert_cmpstr (before, ==, after);
  rel_assert_no_sidecars (path);

  /* Nothing "repaired" it into a backup or a fresh database either. */
  g_assert_false (g_file_test (backups, G_FILE_TEST_EXISTS));

  test_remove_tree (dir);
}

/* A schema that points a table at the wrong page is found before anything is written. */
static void
test_broken_schema_is_refused (void)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *path = rel_make_seeded_db (dir, "liaison.db");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaisonStore) store = NULL;

  rel_exec (path, "PRAGMA writable_schema = ON; UPDATE sqlite_schema SET rootpage = 1 WHERE name = 'person'");
  before = test_file_checksum (path);

  store = liaison_store_open (path, LIAISON_STORE_OPEN_DEFAULT, &error);
  g_assert_null (store);
  g_assert_error (error, LIAISON_ERROR, LIAISON_ERROR_NOT_A_DATABASE);
  rel_assert_message (error, path);
  rel_assert_message (error, "Restore a backup");
  after = test_file_checksum (path);
  g_assert_cmpstr (before, ==, after);

  test_remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *test_path = g_strdup_printf ("/liaison/damaged/%s-is-refused-untouched", cases[i].name);
      g_test_add_data_func (test_path, &cases[i], test_damaged_file_is_refused_untouched);
    }
  g_test_add_func ("/liaison/damaged/broken-schema-is-refused", test_broken_schema_is_refused);

  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-store"

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <errno.h>
#include <string.h>

#include "liaison-date.h"
#include "liaison-error.h"
#include "liaison-record-private.h"
#include "liaison-stats.h"
#include "liaison-store-private.h"

/*
 * The store owns the one SQLite connection that writes to a database.  All SQL of
 * Liaison lives here and in liaison-store-schema.c; the rest of the program speaks in
 * records, queries and UUIDs.
 */
struct _LiaisonStore
{
  GObject     parent_instance;

  char       *path;
  sqlite3    *db;
  GHashTable *statements;     /* SQL → sqlite3_stmt, prepared once */
  char       *insert_sql[LIAISON_N_RECORD_KINDS];
  char       *update_sql[LIAISON_N_RECORD_KINDS];
  char       *select_sql[LIAISON_N_RECORD_KINDS];
  guint       depth;          /* nesting of _liaison_store_begin() */
  guint       backups_to_keep;
  guint       read_only : 1;
  guint       was_created : 1;
  guint       batch_changed : 1;
};

G_DEFINE_FINAL_TYPE (LiaisonStore, liaison_store, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_BACKUPS_TO_KEEP,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];


enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Link tables: which table holds a link type for a record kind, and its columns. */
typedef struct {
  LiaisonRecordKind owner;
  LiaisonLinkType   type;
  const char       *insert;
  const char       *select;
  const char       *clear;
} LinkTable;

static const LinkTable link_tables[] = {
  { LIAISON_RECORD_AGREEMENT, LIAISON_LINK_PARTY,
    "INSERT INTO agreement_party (agreement_id, institution_id, role, signatory_id, position) VALUES (?1, ?2, ?3, ?4, ?5)",
    "SELECT i.uuid, p.role, s.uuid FROM agreement_party p JOIN institution i ON i.id = p.institution_id"
    " LEFT JOIN person s ON s.id = p.signatory_id WHERE p.agreement_id = ?1 ORDER BY p.position",
    "DELETE FROM agreement_party WHERE agreement_id = ?1" },
  { LIAISON_RECORD_AGREEMENT, LIAISON_LINK_TAG,
    "INSERT INTO agreement_tag (agreement_id, tag_id, position) VALUES (?1, ?2, ?5)",
    "SELECT t.name, NULL, NULL FROM agreement_tag a JOIN tag t ON t.id = a.tag_id"
    " WHERE a.agreement_id = ?1 ORDER BY a.position",
    "DELETE FROM agreement_tag WHERE agreement_id = ?1" },
  { LIAISON_RECORD_EVENT, LIAISON_LINK_INSTITUTION,
    "INSERT INTO event_institution (event_id, institution_id, role, position) VALUES (?1, ?2, ?3, ?5)",
    "SELECT i.uuid, e.role, NULL FROM event_institution e JOIN institution i ON i.id = e.institution_id"
    " WHERE e.event_id = ?1 ORDER BY e.position",
    "DELETE FROM event_institution WHERE event_id = ?1" },
  { LIAISON_RECORD_EVENT, LIAISON_LINK_PERSON,
    "INSERT INTO event_person (event_id, person_id, role, position) VALUES (?1, ?2, ?3, ?5)",
    "SELECT p.uuid, e.role, NULL FROM event_person e JOIN person p ON p.id = e.person_id"
    " WHERE e.event_id = ?1 ORDER BY e.position",
    "DELETE FROM event_person WHERE event_id = ?1" },
  { LIAISON_RECORD_EVENT, LIAISON_LINK_AGREEMENT,
    "INSERT INTO event_agreement (event_id, agreement_id, position) VALUES (?1, ?2, ?5)",
    "SELECT a.uuid, NULL, NULL FROM event_agreement e JOIN agreement a ON a.id = e.agreement_id"
    " WHERE e.event_id = ?1 ORDER BY e.position",
    "DELETE FROM event_agreement WHERE event_id = ?1" },
  { LIAISON_RECORD_EVENT, LIAISON_LINK_TAG,
    "INSERT INTO event_tag (event_id, tag_id, position) VALUES (?1, ?2, ?5)",
    "SELECT t.name, NULL, NULL FROM event_tag e JOIN tag t ON t.id = e.tag_id"
    " WHERE e.event_id = ?1 ORDER BY e.position",
    "DELETE FROM event_tag WHERE event_id = ?1" },
};

/* Citations are keyed by the citing record's UUID, so one table serves every kind. */
#define CITATION_INSERT "INSERT INTO citation (record_uuid, source_id, detail, position) VALUES (?1, ?2, ?3, ?5)"
#define CITATION_SELECT "SELECT s.uuid, c.detail, NULL FROM citation c JOIN source s ON s.id = c.source_id" \
                        " WHERE c.record_uuid = ?1 ORDER BY c.position"
#define CITATION_CLEAR  "DELETE FROM citation WHERE record_uuid = ?1"

static LiaisonChange *
liaison_change_copy (const LiaisonChange *change)
{
  LiaisonChange *copy = g_new0 (LiaisonChange, 1);

  copy->id = change->id;
  copy->time = g_strdup (change->time);
  copy->action = g_strdup (change->action);
  copy->kind = g_strdup (change->kind);
  copy->record_uuid = g_strdup (change->record_uuid);
  copy->summary = g_strdup (change->summary);
  copy->before = g_strdup (change->before);
  copy->after = g_strdup (change->after);
  return copy;
}

G_DEFINE_BOXED_TYPE (LiaisonChange, liaison_change, liaison_change_copy, liaison_change_free)

void
liaison_change_free (LiaisonChange *change)
{
  if (change == NULL)
    return;
  g_free (change->time);
  g_free (change->action);
  g_free (change->kind);
  g_free (change->record_uuid);
  g_free (change->summary);
  g_free (change->before);
  g_free (change->after);
  g_free (change);
}

/* Helpers */

char *
_liaison_timestamp_now (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

static const char *
table_of (LiaisonRecordKind kind)
{
  return liaison_record_kind_to_string (kind);
}

/**
 * _liaison_store_set_error:
 * @rc: an SQLite result code
 * @doing: what was being done, for the message ("save the institution")
 *
 * Wraps an SQLite failure into a #GError a user can act on.
 */
void
_liaison_store_set_error (LiaisonStore  *self,
                          GError       **error,
                          int            rc,
                          const char    *doing)
{
  const char *detail = self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc);
  int errsv = self->db ? sqlite3_system_errno (self->db) : 0;

  /* A write cut short by a full disk, a quota or a file-size limit. */
  if ((rc & 0xff) == SQLITE_IOERR && rc != SQLITE_IOERR_READ && rc != SQLITE_IOERR_SHORT_READ &&
      _liaison_store_is_out_of_space (self->path, errsv))
    rc = SQLITE_FULL;

  switch (rc & 0xff)
    {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_BUSY,
                   _("Could not %s: the database “%s” is busy because another program is writing to it. Try again in a moment."),
                   doing, self->path);
      break;
    case SQLITE_FULL:
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_NO_SPACE,
                   _("Could not %s: the disk holding “%s” is full (or you reached your space limit). Nothing was changed and what was saved before is safe; free some space and try again."),
                   doing, self->path);
      break;
    case SQLITE_READONLY:
    case SQLITE_PERM:
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_READ_ONLY,
                   _("Could not %s: the database “%s” is read-only. Nothing was changed; to edit, copy it to a folder you may write to and open the copy."),
                   doing, self->path);
      break;
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_NOT_A_DATABASE,
                   _("Could not %s: “%s” is damaged or is not a Liaison database (%s). Restore a backup or open another database; the file was left as it is."),
                   doing, self->path, detail);
      break;
    case SQLITE_CANTOPEN:
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_FAILED,
                   _("Could not %s: “%s” cannot be opened (%s). Check that its folder exists and that you may write to it."),
                   doing, self->path, detail);
      break;
    case SQLITE_IOERR:
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_FAILED,
                   _("Could not %s: reading or writing “%s” failed (%s). Nothing was changed; check the disk and try again."),
                   doing, self->path, detail);
      break;
    default:
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_FAILED,
                   _("Could not %s in “%s”: %s"), doing, self->path, detail);
    }
}

static gboolean
exec (LiaisonStore  *self,
      const char    *sql,
      const char    *doing,
      GError       **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      _liaison_store_set_error (self, error, rc, doing);
      return FALSE;
    }
  return TRUE;
}

/**
 * _liaison_store_prepare:
 *
 * Returns: (transfer none): a statement prepared once per store, reset and cleared,
 *   ready to bind.  Do not nest two uses of the same SQL.
 */
sqlite3_stmt *
_liaison_store_prepare (LiaisonStore  *self,
                        const char    *sql,
                        GError       **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);
  int rc;

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      _liaison_store_set_error (self, error, rc, _("read the database"));
      return NULL;
    }

  g_hash_table_insert (self->statements, g_strdup (sql), stmt);
  return stmt;
}

sqlite3 *
_liaison_store_get_db (LiaisonStore *self)
{
  return self->db;
}

static void
bind_text (sqlite3_stmt *stmt,
           int           index,
           const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

static char *
column_text (sqlite3_stmt *stmt,
             int           index)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, index));
}

gint64
_liaison_store_lookup_id (LiaisonStore      *self,
                          LiaisonRecordKind  kind,
                          const char        *uuid)
{
  static const char * const sql[LIAISON_N_RECORD_KINDS] = {
    "SELECT id FROM source WHERE uuid = ?1",
    "SELECT id FROM institution WHERE uuid = ?1",
    "SELECT id FROM person WHERE uuid = ?1",
    "SELECT id FROM agreement WHERE uuid = ?1",
    "SELECT id FROM event WHERE uuid = ?1",
  };
  sqlite3_stmt *stmt;
  gint64 id = 0;

  if (uuid == NULL || (stmt = _liaison_store_prepare (self, sql[kind], NULL)) == NULL)
    return 0;

  bind_text (stmt, 1, uuid);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  return id;
}

gboolean
_liaison_store_find_uuid (LiaisonStore      *self,
                          const char        *uuid,
                          LiaisonRecordKind *kind,
                          gint64            *id)
{
  sqlite3_stmt *stmt;
  gboolean found = FALSE;

  stmt = _liaison_store_prepare (self,
                                 "SELECT 0, id FROM source WHERE uuid = ?1 UNION ALL "
                                 "SELECT 1, id FROM institution WHERE uuid = ?1 UNION ALL "
                                 "SELECT 2, id FROM person WHERE uuid = ?1 UNION ALL "
                                 "SELECT 3, id FROM agreement WHERE uuid = ?1 UNION ALL "
                                 "SELECT 4, id FROM event WHERE uuid = ?1", NULL);
  if (stmt == NULL || uuid == NULL)
    return FALSE;

  bind_text (stmt, 1, uuid);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      if (kind)
        *kind = (LiaisonRecordKind) sqlite3_column_int (stmt, 0);
      if (id)
        *id = sqlite3_column_int64 (stmt, 1);
      found = TRUE;
    }
  sqlite3_reset (stmt);

  return found;
}

static void
build_record_sql (LiaisonStore      *self,
                  LiaisonRecordKind  kind)
{
  guint n_fields;
  const LiaisonField *fields = liaison_record_kind_get_fields (kind, &n_fields);
  g_autoptr(GString) insert = g_string_new (NULL);
  g_autoptr(GString) values = g_string_new (NULL);
  g_autoptr(GString) update = g_string_new (NULL);
  g_autoptr(GString) select = g_string_new ("SELECT t.id, t.uuid, t.revision, t.created, t.modified");

  /* Parameters: ?1 uuid, ?2 created, ?3 modified, ?4 id, then ?5… the fields. */
  g_string_printf (insert, "INSERT INTO %s (uuid, created, modified", table_of (kind));
  g_string_assign (values, "VALUES (?1, ?2, ?3");
  g_string_printf (update, "UPDATE %s SET revision = revision + 1, created = ?2, modified = ?3", table_of (kind));

  for (guint i = 0; i < n_fields; i++)
    {
      g_string_append_printf (insert, ", %s", fields[i].column);
      g_string_append_printf (values, ", ?%u", i + 5);
      g_string_append_printf (update, ", %s = ?%u", fields[i].column, i + 5);
      if (fields[i].type == LIAISON_FIELD_REFERENCE)
        g_string_append_printf (select, ", (SELECT uuid FROM %s WHERE id = t.%s)",
                                table_of (fields[i].target), fields[i].column);
      else if (fields[i].type == LIAISON_FIELD_BOOLEAN)
        g_string_append_printf (select, ", CASE WHEN t.%s THEN 'true' END", fields[i].column);
      else
        g_string_append_printf (select, ", t.%s", fields[i].column);
    }

  g_string_append (update, " WHERE id = ?4");
  g_string_append_printf (select, " FROM %s t WHERE t.id = ?1", table_of (kind));
  g_string_append_printf (insert, ") %s)", values->str);

  self->insert_sql[kind] = g_strdup (insert->str);
  self->update_sql[kind] = g_strdup (update->str);
  self->select_sql[kind] = g_strdup (select->str);
}

/* GObject */

static void
finalize_statement (gpointer data)
{
  sqlite3_finalize (data);
}

static void
liaison_store_finalize (GObject *object)
{
  LiaisonStore *self = (LiaisonStore *)object;

  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->db != NULL)
    {
      /* A clean close checkpoints the WAL back into the database file. */
      sqlite3_close_v2 (self->db);
      self->db = NULL;
    }
  for (guint i = 0; i < LIAISON_N_RECORD_KINDS; i++)
    {
      g_free (self->insert_sql[i]);
      g_free (self->update_sql[i]);
      g_free (self->select_sql[i]);
    }
  g_free (self->path);

  G_OBJECT_CLASS (liaison_store_parent_class)->finalize (object);
}

static void
liaison_store_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  LiaisonStore *self = LIAISON_STORE (object);

  switch (prop_id)
    {
    case PROP_BACKUPS_TO_KEEP:
      g_value_set_uint (value, self->backups_to_keep);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liaison_store_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  LiaisonStore *self = LIAISON_STORE (object);

  switch (prop_id)
    {
    case PROP_BACKUPS_TO_KEEP:
      liaison_store_set_backups_to_keep (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liaison_store_class_init (LiaisonStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = liaison_store_finalize;
  object_class->get_property = liaison_store_get_property;
  object_class->set_property = liaison_store_set_property;

  /**
   * LiaisonStore:backups-to-keep:
   *
   * How many automatic backups (before imports and migrations) to keep; 0 makes
   * none before imports.  The app binds it to the GSettings key of the same name.
   */
  properties[PROP_BACKUPS_TO_KEEP] =
    g_param_spec_uint ("backups-to-keep", NULL, NULL,
                       0, 100, LIAISON_BACKUPS_TO_KEEP_DEFAULT,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LiaisonStore::changed:
   * @kind: the kind of record that changed, or %LIAISON_N_RECORD_KINDS for any
   *
   * Emitted after a write is committed.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_UINT);
}

static void
liaison_store_init (LiaisonStore *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, finalize_statement);
  self->backups_to_keep = LIAISON_BACKUPS_TO_KEEP_DEFAULT;
}

/* Opening and migrating */

static gboolean
read_pragma_int (LiaisonStore  *self,
                 const char    *sql,
                 gint64        *value,
                 GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      _liaison_store_set_error (self, error, rc, _("open the database"));
      return FALSE;
    }

  *value = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

/* Runs inside the caller's transaction. */
static gboolean
migrate (LiaisonStore  *self,
         gint64         from,
         GError       **error)
{
  g_autofree char *set_version = NULL;
  g_autofree char *set_app_id = NULL;
  guint latest = _liaison_store_get_latest_version ();

  for (guint version = (guint) from + 1; version <= latest; version++)
    {
      g_debug ("Migrating %s to schema version %u", self->path, version);
      if (!exec (self, _liaison_store_get_migration (version), _("upgrade the database"), error))
        return FALSE;
    }

  set_version = g_strdup_printf ("PRAGMA user_version = %u", latest);
  set_app_id = g_strdup_printf ("PRAGMA application_id = %d", LIAISON_APPLICATION_ID);
  return exec (self, set_version, _("upgrade the database"), error) &&
         exec (self, set_app_id, _("upgrade the database"), error);
}

/**
 * _liaison_store_upgrade:
 *
 * Brings the schema of the open database up to date in one transaction, e.g. after
 * a backup from an older version was restored into it.
 */
gboolean
_liaison_store_upgrade (LiaisonStore  *self,
                        GError       **error)
{
  gint64 version = 0;

  if (!read_pragma_int (self, "PRAGMA user_version", &version, error))
    return FALSE;
  if (version >= _liaison_store_get_latest_version ())
    return TRUE;

  if (!_liaison_store_begin (self, error))
    return FALSE;
  if (!migrate (self, version, error))
    {
      _liaison_store_rollback (self);
      return FALSE;
    }
  return _liaison_store_commit (self, NULL, NULL, error);
}

static void
remove_database_files (const char *path)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      g_unlink (file);
    }
}

/**
 * liaison_store_get_default_path:
 *
 * Returns: (transfer full): `$XDG_DATA_HOME/liaison/liaison.db`, which inside the
 *   Flatpak sandbox is the app's own data folder
 */
char *
liaison_store_get_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "liaison", "liaison.db", NULL);
}

/**
 * liaison_store_open:
 * @path: the database file; created when missing unless read-only
 * @flags: how to open it
 *
 * Opens a Liaison database and brings its schema up to date.  A file that is not a
 * Liaison database, or one written by a newer Liaison, is refused and left untouched.
 * Unless @flags has %LIAISON_STORE_OPEN_NO_STATUSES, the agreements' statuses are
 * brought up to today (liaison_store_refresh_statuses()); the window does that in a
 * thread instead, once it shows.
 *
 * Returns: (transfer full): the store, or %NULL with @error set
 */
LiaisonStore *
liaison_store_open (const char             *path,
                    LiaisonStoreOpenFlags   flags,
                    GError                **error)
{
  g_autoptr(LiaisonStore) self = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *backup_path = NULL;
  gint64 version = 0;
  gint64 app_id = 0;
  gint64 n_tables = 0;
  gboolean existed;
  gboolean immutable = FALSE;
  gboolean read_only;
  guint latest = _liaison_store_get_latest_version ();
  int open_flags;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (LIAISON_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  self->read_only = (flags & LIAISON_STORE_OPEN_READ_ONLY) != 0;

  existed = g_file_test (path, G_FILE_TEST_EXISTS);
  if (!existed && self->read_only)
    {
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_NOT_FOUND,
                   _("The database “%s” does not exist."), path);
      return NULL;
    }

  if (existed && g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_NOT_A_DATABASE,
                   _("“%s” is a folder, not a Liaison database. Choose a database file."), path);
      return NULL;
    }

  /* An empty, foreign or write-protected file is recognised before SQLite sees it. */
  read_only = self->read_only;
  if (existed && !_liaison_store_check_file (path, &read_only, &immutable, error))
    return NULL;
  self->read_only = read_only;

  if (!existed)
    {
      dir = g_path_get_dirname (path);
      if (g_mkdir_with_parents (dir, 0700) != 0)
        {
          int errsv = errno;
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errsv),
                       _("Could not create the folder “%s” for the database: %s"),
                       dir, g_strerror (errsv));
          return NULL;
        }
    }

  open_flags = self->read_only ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  if (immutable)
    {
      /* A folder we may not write to cannot hold the WAL index: read the file as is. */
      g_autofree char *uri = _liaison_store_get_immutable_uri (path);
      rc = sqlite3_open_v2 (uri, &self->db, open_flags | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, NULL);
    }
  else
    rc = sqlite3_open_v2 (path, &self->db, open_flags | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      _liaison_store_set_error (self, error, rc, _("open the database"));
      return NULL;
    }
  if (sqlite3_db_readonly (self->db, "main") == 1)
    self->read_only = TRUE;

  sqlite3_extended_result_codes (self->db, TRUE);
  sqlite3_busy_timeout (self->db, 5000);

  /* Look before touching anything: a foreign or newer file must stay as it is. */
  if (!read_pragma_int (self, "PRAGMA user_version", &version, error) ||
      !read_pragma_int (self, "PRAGMA application_id", &app_id, error) ||
      !read_pragma_int (self, "SELECT count(*) FROM sqlite_schema", &n_tables, error))
    return NULL;

  if (n_tables > 0 && app_id != LIAISON_APPLICATION_ID)
    {
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_NOT_A_DATABASE,
                   _("“%s” is not a Liaison database: it is an SQLite database of another program. Choose another file or restore a backup; the file was left as it is."),
                   path);
      return NULL;
    }

  if (version > latest)
    {
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_NEWER_SCHEMA,
                   _("“%s” was written by a newer version of Liaison (database version %" PRId64 ", this version reads up to %u). Update Liaison to open it, or choose another file; the file was left as it is."),
                   path, version, latest);
      return NULL;
    }


  if (!self->read_only)
    {
      if (!exec (self, "PRAGMA journal_mode = WAL", _("open the database"), error) ||
          !exec (self, "PRAGMA synchronous = NORMAL", _("open the database"), error))
        return NULL;
    }
  if (!exec (self, "PRAGMA foreign_keys = ON", _("open the database"), error))
    return NULL;
  if (self->read_only)
    {
      /* Readers (the window's lists, their threads) page through large tables: keep
       * more of them than the default 2 MB.  (Not mmap: mapped pages count as the
       * window's memory, hundreds of MB after one walk through an index.) */
      exec (self, "PRAGMA cache_size = -8192", _("open the database"), NULL);
    }

  if (version < latest)
    {
      if (self->read_only)
        {
          g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_READ_ONLY,
                       _("“%s” needs an upgrade to this version of Liaison, but it is read-only. Open a copy you may write to."),
                       path);
          return NULL;
        }
      self->was_created = (version == 0);
    }

  for (guint kind = 0; kind < LIAISON_N_RECORD_KINDS; kind++)
    build_record_sql (self, kind);

  /* An existing database is backed up before its schema changes. */
  if (existed && version > 0 && version < latest &&
      !_liaison_store_backup_auto (self, TRUE, &backup_path, error))
    return NULL;

  /* The schema and the seed of a new database land together, or not at all. */
  if (version < latest)
    {
      if (!_liaison_store_begin (self, error))
        return NULL;
      if (!migrate (self, version, error) ||
          (self->was_created && (flags & LIAISON_STORE_OPEN_SEED) != 0 && !_liaison_seed_import (self, error)) ||
          !_liaison_store_commit (self, NULL, NULL, error))
        {
          if (self->depth > 0)
            _liaison_store_rollback (self);
          if (backup_path != NULL && error != NULL && *error != NULL)
            {
              g_autofree char *message = (*error)->message;

              (*error)->message = g_strdup_printf (_("%s The database was left as it was; a copy made before the upgrade is in “%s”."),
                                                   message, backup_path);
            }
          if (!existed)
            {
              g_clear_pointer (&self->statements, g_hash_table_unref);
              sqlite3_close_v2 (self->db);
              self->db = NULL;
              remove_database_files (path);
            }
          return NULL;
        }
    }

  _liaison_store_undo_init (self);

  /* Statuses follow the dates: bring them up to today.  A busy database is no reason
   * not to open it; the overview tries again later. */
  if (!self->read_only && (flags & LIAISON_STORE_OPEN_NO_STATUSES) == 0)
    {
      g_autoptr(GError) local_error = NULL;

      if (!liaison_store_refresh_statuses (self, NULL, &local_error))
        g_message ("Could not update agreement statuses in %s: %s", path, local_error->message);
    }

  return g_steal_pointer (&self);
}

/**
 * liaison_store_interrupt:
 *
 * Makes the statements running on @self stop early and fail, from any thread: a query
 * nobody waits for any more.  The store stays usable.
 */
void
liaison_store_interrupt (LiaisonStore *self)
{
  g_return_if_fail (LIAISON_IS_STORE (self));

  if (self->db != NULL)
    sqlite3_interrupt (self->db);
}

const char *
liaison_store_get_path (LiaisonStore *self)
{
  g_return_val_if_fail (LIAISON_IS_STORE (self), NULL);
  return self->path;
}

gboolean
liaison_store_get_read_only (LiaisonStore *self)
{
  g_return_val_if_fail (LIAISON_IS_STORE (self), FALSE);
  return self->read_only;
}

/**
 * liaison_store_get_was_created:
 *
 * Returns: whether opening the store created its schema (a new database)
 */
gboolean
liaison_store_get_was_created (LiaisonStore *self)
{
  g_return_val_if_fail (LIAISON_IS_STORE (self), FALSE);
  return self->was_created;
}

guint
liaison_store_get_backups_to_keep (LiaisonStore *self)
{
  g_return_val_if_fail (LIAISON_IS_STORE (self), 0);
  return self->backups_to_keep;
}

/**
 * liaison_store_set_backups_to_keep:
 * @n: how many automatic backups to keep, 0 to make none before imports
 */
void
liaison_store_set_backups_to_keep (LiaisonStore *self,
                                   guint         n)
{
  g_return_if_fail (LIAISON_IS_STORE (self));

  n = MIN (n, 100);
  if (self->backups_to_keep == n)
    return;
  self->backups_to_keep = n;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BACKUPS_TO_KEEP]);
}

/**
 * liaison_store_set_busy_timeout:
 * @msec: how long a write waits for another program's write to finish
 *
 * After that, the write fails with %LIAISON_ERROR_BUSY.  The default is 5 seconds.
 */
void
liaison_store_set_busy_timeout (LiaisonStore *self,
                                guint         msec)
{
  g_return_if_fail (LIAISON_IS_STORE (self));
  sqlite3_busy_timeout (self->db, (int) MIN (msec, G_MAXINT));
}

/* Emits LiaisonStore::changed for every kind, e.g. after a restore. */
void
_liaison_store_emit_changed (LiaisonStore *self)
{
  g_signal_emit (self, signals[CHANGED], 0, (guint) LIAISON_N_RECORD_KINDS);
}

/* Transactions */

gboolean
_liaison_store_begin (LiaisonStore  *self,
                      GError       **error)
{
  if (self->read_only)
    {
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_READ_ONLY,
                   _("The database “%s” is open read-only, so nothing can be changed. To edit, copy it to a folder you may write to and open the copy."),
                   self->path);
      return FALSE;
    }

  if (self->depth++ > 0)
    return TRUE;

  self->batch_changed = FALSE;
  if (!exec (self, "BEGIN IMMEDIATE", _("start a change"), error))
    {
      self->depth = 0;
      return FALSE;
    }
  return TRUE;
}

/**
 * _liaison_store_write_log:
 *
 * Adds one entry to the change log inside the current transaction.
 */
gboolean
_liaison_store_write_log (LiaisonStore  *self,
                          const char    *action,
                          const char    *kind,
                          const char    *uuid,
                          const char    *summary,
                          const char    *before,
                          const char    *after,
                          GError       **error)
{
  g_autofree char *now = _liaison_timestamp_now ();
  sqlite3_stmt *stmt;
  int rc;

  stmt = _liaison_store_prepare (self,
                                 "INSERT INTO change_log (time, action, kind, record_uuid, summary, before, after)"
                                 " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", error);
  if (stmt == NULL)
    return FALSE;

  bind_text (stmt, 1, now);
  bind_text (stmt, 2, action);
  bind_text (stmt, 3, kind);
  bind_text (stmt, 4, uuid);
  bind_text (stmt, 5, summary);
  bind_text (stmt, 6, before);
  bind_text (stmt, 7, after);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _liaison_store_set_error (self, error, rc, _("record the change"));
      return FALSE;
    }
  return TRUE;
}

/**
 * _liaison_store_commit:
 * @action: (nullable): the change-log action for the whole batch, e.g. "import"
 * @summary: (nullable): its summary
 *
 * Ends the outermost transaction.  With @action, one change-log entry describes it.
 */
gboolean
_liaison_store_commit (LiaisonStore  *self,
                       const char    *action,
                       const char    *summary,
                       GError       **error)
{
  g_assert (self->depth > 0);

  if (--self->depth > 0)
    return TRUE;

  if (action != NULL && !_liaison_store_write_log (self, action, NULL, NULL, summary, NULL, NULL, error))
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }

  if (!exec (self, "COMMIT", _("save the change"), error))
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }

  if (self->batch_changed)
    g_signal_emit (self, signals[CHANGED], 0, (guint) LIAISON_N_RECORD_KINDS);

  return TRUE;
}

void
_liaison_store_rollback (LiaisonStore *self)
{
  g_assert (self->depth > 0);

  self->depth = 0;
  sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
}

/* Reading */

static gboolean
load_links (LiaisonStore   *self,
            LiaisonRecord  *record,
            const char     *select,
            LiaisonLinkType type,
            GError        **error)
{
  sqlite3_stmt *stmt = _liaison_store_prepare (self, select, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  if (type == LIAISON_LINK_CITATION)
    bind_text (stmt, 1, liaison_record_get_uuid (record));
  else
    sqlite3_bind_int64 (stmt, 1, liaison_record_get_id (record));

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      liaison_record_add_link (record,
                               liaison_link_new (type,
                                                 (const char *) sqlite3_column_text (stmt, 0),
                                                 (const char *) sqlite3_column_text (stmt, 1),
                                                 (const char *) sqlite3_column_text (stmt, 2)));
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      _liaison_store_set_error (self, error, rc, _("read a record"));
      return FALSE;
    }
  return TRUE;
}

static LiaisonRecord *load_record (LiaisonStore       *self,
                                   LiaisonRecordKind   kind,
                                   gint64              id,
                                   GError            **error);

/**
 * liaison_store_load:
 *
 * Returns: (transfer full): the record with its links, or %NULL with @error set
 */
LiaisonRecord *
liaison_store_load (LiaisonStore       *self,
                    LiaisonRecordKind   kind,
                    gint64              id,
                    GError            **error)
{
  g_autoptr(LiaisonRecord) record = NULL;
  gboolean own_transaction;

  g_return_val_if_fail (LIAISON_IS_STORE (self), NULL);
  g_return_val_if_fail (kind < LIAISON_N_RECORD_KINDS, NULL);

  /* The row and its links are read in one transaction: one snapshot, and the read
   * lock taken once instead of once per statement. */
  own_transaction = sqlite3_get_autocommit (self->db) && sqlite3_exec (self->db, "BEGIN", NULL, NULL, NULL) == SQLITE_OK;
  record = load_record (self, kind, id, error);
  if (own_transaction)
    sqlite3_exec (self->db, "COMMIT", NULL, NULL, NULL);

  return g_steal_pointer (&record);
}

static LiaisonRecord *
load_record (LiaisonStore       *self,
             LiaisonRecordKind   kind,
             gint64              id,
             GError            **error)
{
  g_autoptr(LiaisonRecord) record = NULL;
  sqlite3_stmt *stmt;
  guint n_fields;
  int rc;

  stmt = _liaison_store_prepare (self, self->select_sql[kind], error);
  if (stmt == NULL)
    return NULL;

  liaison_record_kind_get_fields (kind, &n_fields);
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      if (rc == SQLITE_DONE)
        g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_NOT_FOUND,
                     _("There is no %s with number %" PRId64 " in the database; it may have been deleted."),
                     liaison_record_kind_to_string (kind), id);
      else
        _liaison_store_set_error (self, error, rc, _("read a record"));
      return NULL;
    }

  record = liaison_record_new (kind);
  g_object_freeze_notify (G_OBJECT (record));
  liaison_record_set_id (record, sqlite3_column_int64 (stmt, 0));
  liaison_record_set_uuid (record, (const char *) sqlite3_column_text (stmt, 1));
  liaison_record_set_revision (record, sqlite3_column_int64 (stmt, 2));
  liaison_record_set_created (record, (const char *) sqlite3_column_text (stmt, 3));
  liaison_record_set_modified (record, (const char *) sqlite3_column_text (stmt, 4));
  for (guint i = 0; i < n_fields; i++)
    liaison_record_set_field_at (record, i, (const char *) sqlite3_column_text (stmt, (int) i + 5));
  sqlite3_reset (stmt);

  for (guint i = 0; i < G_N_ELEMENTS (link_tables); i++)
    if (link_tables[i].owner == kind &&
        !load_links (self, record, link_tables[i].select, link_tables[i].type, error))
      return NULL;

  if (kind != LIAISON_RECORD_SOURCE &&
      !load_links (self, record, CITATION_SELECT, LIAISON_LINK_CITATION, error))
    return NULL;

  g_object_thaw_notify (G_OBJECT (record));
  return g_steal_pointer (&record);
}

/**
 * liaison_store_load_by_uuid:
 *
 * Returns: (transfer full): the record of any kind with this UUID, or %NULL with
 *   @error set
 */
LiaisonRecord *
liaison_store_load_by_uuid (LiaisonStore  *self,
                            const char    *uuid,
                            GError       **error)
{
  LiaisonRecordKind kind;
  gint64 id;

  g_return_val_if_fail (LIAISON_IS_STORE (self), NULL);

  if (!_liaison_store_find_uuid (self, uuid, &kind, &id))
    {
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_NOT_FOUND,
                   _("There is no record with UUID %s in the database."), uuid ? uuid : "");
      return NULL;
    }

  return liaison_store_load (self, kind, id, error);
}

/**
 * liaison_store_get_title:
 *
 * Returns: (transfer full) (nullable): the name or title of the record with @uuid
 */
char *
liaison_store_get_title (LiaisonStore *self,
                         const char   *uuid)
{
  sqlite3_stmt *stmt;
  char *title = NULL;

  g_return_val_if_fail (LIAISON_IS_STORE (self), NULL);

  stmt = _liaison_store_prepare (self,
                                 "SELECT title FROM source WHERE uuid = ?1 UNION ALL "
                                 "SELECT name FROM institution WHERE uuid = ?1 UNION ALL "
                                 "SELECT name FROM person WHERE uuid = ?1 UNION ALL "
                                 "SELECT title FROM agreement WHERE uuid = ?1 UNION ALL "
                                 "SELECT title FROM event WHERE uuid = ?1", NULL);
  if (stmt == NULL || uuid == NULL)
    return NULL;

  bind_text (stmt, 1, uuid);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    title = column_text (stmt, 0);
  sqlite3_reset (stmt);

  return title;
}

/**
 * liaison_store_get_institution_names:
 * @local_name: (out) (optional) (nullable): its local-language name
 *
 * One indexed lookup, for lists that show linked institutions by name.
 *
 * Returns: (transfer full) (nullable): the name of the institution with @uuid
 */
char *
liaison_store_get_institution_names (LiaisonStore  *self,
                                     const char    *uuid,
                                     char         **local_name)
{
  sqlite3_stmt *stmt;
  char *name = NULL;

  g_return_val_if_fail (LIAISON_IS_STORE (self), NULL);

  if (local_name != NULL)
    *local_name = NULL;
  stmt = _liaison_store_prepare (self, "SELECT name, local_name FROM institution WHERE uuid = ?1", NULL);
  if (stmt == NULL || uuid == NULL)
    return NULL;

  bind_text (stmt, 1, uuid);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      name = column_text (stmt, 0);
      if (local_name != NULL)
        *local_name = column_text (stmt, 1);
    }
  sqlite3_reset (stmt);

  return name;
}

gint64
liaison_store_count (LiaisonStore       *self,
                     LiaisonRecordKind   kind,
                     GError            **error)
{
  g_autoptr(LiaisonQuery) query = liaison_query_new (kind);

  return liaison_store_query_count (self, query, error);
}

/* Writing */

static gboolean
insert_links (LiaisonStore   *self,
              LiaisonRecord  *record,
              GError        **error)
{
  LiaisonRecordKind kind = liaison_record_get_kind (record);
  GPtrArray *links = liaison_record_get_links (record);
  const char *label = liaison_record_kind_get_label (kind);

  for (guint i = 0; i < links->len; i++)
    {
      const LiaisonLink *link = g_ptr_array_index (links, i);
      const char *sql = NULL;
      LiaisonRecordKind target_kind = LIAISON_RECORD_SOURCE;
      sqlite3_stmt *stmt;
      gint64 target_id = 0;
      gint64 signatory_id = 0;
      int rc;

      if (link->type == LIAISON_LINK_CITATION)
        sql = CITATION_INSERT;
      for (guint t = 0; t < G_N_ELEMENTS (link_tables) && sql == NULL; t++)
        if (link_tables[t].owner == kind && link_tables[t].type == link->type)
          sql = link_tables[t].insert;
      g_assert (sql != NULL);

      switch (link->type)
        {
        case LIAISON_LINK_PARTY:
        case LIAISON_LINK_INSTITUTION:
          target_kind = LIAISON_RECORD_INSTITUTION;
          break;
        case LIAISON_LINK_PERSON:
          target_kind = LIAISON_RECORD_PERSON;
          break;
        case LIAISON_LINK_AGREEMENT:
          target_kind = LIAISON_RECORD_AGREEMENT;
          break;
        case LIAISON_LINK_CITATION:
          target_kind = LIAISON_RECORD_SOURCE;
          break;
        case LIAISON_LINK_TAG:
        default:
          break;
        }

      if (link->type == LIAISON_LINK_TAG)
        {
          sqlite3_stmt *tag = _liaison_store_prepare (self, "INSERT INTO tag (name) VALUES (?1)"
                                                      " ON CONFLICT (name) DO UPDATE SET name = name RETURNING id", error);
          if (tag == NULL)
            return FALSE;
          bind_text (tag, 1, link->target);
          rc = sqlite3_step (tag);
          if (rc == SQLITE_ROW)
            target_id = sqlite3_column_int64 (tag, 0);
          sqlite3_reset (tag);
          if (rc != SQLITE_ROW)
            {
              _liaison_store_set_error (self, error, rc, _("save a tag"));
              return FALSE;
            }
        }
      else
        {
          target_id = _liaison_store_lookup_id (self, target_kind, link->target);
          if (target_id == 0)
            {
              g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_DANGLING_REFERENCE,
                           _("%s “%s” refers to the %s %s, which is not in the database"),
                           label, liaison_record_get_title (record),
                           liaison_record_kind_to_string (target_kind), link->target);
              return FALSE;
            }
        }

      if (link->signatory != NULL)
        {
          signatory_id = _liaison_store_lookup_id (self, LIAISON_RECORD_PERSON, link->signatory);
          if (signatory_id == 0)
            {
              g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_DANGLING_REFERENCE,
                           _("%s “%s” names the signatory %s, who is not in the database"),
                           label, liaison_record_get_title (record), link->signatory);
              return FALSE;
            }
        }

      stmt = _liaison_store_prepare (self, sql, error);
      if (stmt == NULL)
        return FALSE;

      if (link->type == LIAISON_LINK_CITATION)
        bind_text (stmt, 1, liaison_record_get_uuid (record));
      else
        sqlite3_bind_int64 (stmt, 1, liaison_record_get_id (record));
      sqlite3_bind_int64 (stmt, 2, target_id);
      if (sqlite3_bind_parameter_count (stmt) >= 3)
        bind_text (stmt, 3, link->role);
      if (sqlite3_bind_parameter_count (stmt) >= 4)
        {
          if (signatory_id)
            sqlite3_bind_int64 (stmt, 4, signatory_id);
          else
            sqlite3_bind_null (stmt, 4);
        }
      sqlite3_bind_int (stmt, 5, (int) i);

      rc = sqlite3_step (stmt);
      sqlite3_reset (stmt);
      if ((rc & 0xff) == SQLITE_CONSTRAINT)
        {
          g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_DUPLICATE,
                       _("%s “%s” lists “%s” twice; remove the second one"),
                       label, liaison_record_get_title (record), link->target);
          return FALSE;
        }
      if (rc != SQLITE_DONE)
        {
          _liaison_store_set_error (self, error, rc, _("save the record’s links"));
          return FALSE;
        }
    }

  return TRUE;
}

static gboolean
clear_links (LiaisonStore   *self,
             LiaisonRecord  *record,
             GError        **error)
{
  LiaisonRecordKind kind = liaison_record_get_kind (record);

  for (guint i = 0; i <= G_N_ELEMENTS (link_tables); i++)
    {
      gboolean citation = (i == G_N_ELEMENTS (link_tables));
      sqlite3_stmt *stmt;
      int rc;

      if (citation ? kind == LIAISON_RECORD_SOURCE : link_tables[i].owner != kind)
        continue;

      stmt = _liaison_store_prepare (self, citation ? CITATION_CLEAR : link_tables[i].clear, error);
      if (stmt == NULL)
        return FALSE;
      if (citation)
        bind_text (stmt, 1, liaison_record_get_uuid (record));
      else
        sqlite3_bind_int64 (stmt, 1, liaison_record_get_id (record));
      rc = sqlite3_step (stmt);
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        {
          _liaison_store_set_error (self, error, rc, _("save the record’s links"));
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
check_revision (LiaisonStore   *self,
                LiaisonRecord  *record,
                gint64          id,
                GError        **error)
{
  LiaisonRecordKind kind = liaison_record_get_kind (record);
  g_autofree char *sql = g_strdup_printf ("SELECT revision FROM %s WHERE id = ?1", table_of (kind));
  sqlite3_stmt *stmt = _liaison_store_prepare (self, sql, error);
  gint64 stored;
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  stored = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    {
      _liaison_store_set_error (self, error, rc, _("save the record"));
      return FALSE;
    }

  if (stored != liaison_record_get_revision (record))
    {
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_CONFLICT,
                   _("%s “%s” was changed by someone else after you opened it (you opened revision %" PRId64 ", the database now holds revision %" PRId64 "). Your changes were not saved: compare both versions and choose which to keep."),
                   liaison_record_kind_get_label (kind), liaison_record_get_title (record),
                   liaison_record_get_revision (record), stored);
      return FALSE;
    }
  return TRUE;
}

/**
 * _liaison_store_save_full:
 *
 * Inserts or updates @record and its links inside the current transaction.  A record
 * whose UUID is already stored updates that row.  On success the record holds its id,
 * UUID, timestamps and revision as stored.
 */
gboolean
_liaison_store_save_full (LiaisonStore      *self,
                          LiaisonRecord     *record,
                          LiaisonSaveFlags   flags,
                          GError           **error)
{
  LiaisonRecordKind kind = liaison_record_get_kind (record);
  const char *label = liaison_record_kind_get_label (kind);
  g_autoptr(LiaisonRecord) before = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *now = NULL;
  g_autofree char *created = NULL;
  g_autofree char *modified = NULL;
  const LiaisonField *fields;
  sqlite3_stmt *stmt;
  guint n_fields;
  gint64 existing;
  int rc;

  g_assert (self->depth > 0);

  if (!liaison_record_validate (record, error))
    return FALSE;

  uuid = g_strdup (liaison_record_get_uuid (record));
  if (uuid == NULL)
    uuid = g_uuid_string_random ();

  /* A UUID the caller just drew at random needs no search; the unique index stays. */
  existing = (flags & LIAISON_SAVE_NEW) ? 0 : _liaison_store_lookup_id (self, kind, uuid);
  if (existing == 0 && liaison_record_get_id (record) != 0)
    {
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_NOT_FOUND,
                   _("%s “%s” is no longer in the database: someone deleted it while it was open"),
                   label, liaison_record_get_title (record));
      return FALSE;
    }
  if (existing == 0 && (flags & LIAISON_SAVE_NEW) == 0 && _liaison_store_find_uuid (self, uuid, NULL, NULL))
    {
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_DUPLICATE,
                   _("%s “%s” has the UUID %s, which a record of another kind already has"),
                   label, liaison_record_get_title (record), uuid);
      return FALSE;
    }

  /* Optimistic concurrency: a record loaded at one revision may only replace that one. */
  if (existing != 0 && liaison_record_get_id (record) != 0 && (flags & LIAISON_SAVE_IGNORE_REVISION) == 0 &&
      !check_revision (self, record, existing, error))
    return FALSE;

  if (existing != 0 && (flags & LIAISON_SAVE_NO_LOG) == 0)
    {
      before = liaison_store_load (self, kind, existing, error);
      if (before == NULL)
        return FALSE;
    }

  now = _liaison_timestamp_now ();
  if (flags & LIAISON_SAVE_KEEP_TIMES)
    {
      created = g_strdup (liaison_record_get_created (record) ? liaison_record_get_created (record) : now);
      modified = g_strdup (liaison_record_get_modified (record) ? liaison_record_get_modified (record) : created);
    }
  else
    {
      created = g_strdup (before ? liaison_record_get_created (before)
                          : liaison_record_get_created (record) ? liaison_record_get_created (record) : now);
      modified = g_strdup (now);
    }

  stmt = _liaison_store_prepare (self, existing ? self->update_sql[kind] : self->insert_sql[kind], error);
  if (stmt == NULL)
    return FALSE;

  bind_text (stmt, 1, uuid);
  bind_text (stmt, 2, created);
  bind_text (stmt, 3, modified);
  if (existing)
    sqlite3_bind_int64 (stmt, 4, existing);

  fields = liaison_record_kind_get_fields (kind, &n_fields);
  for (guint i = 0; i < n_fields; i++)
    {
      const char *value = liaison_record_get_field_at (record, i);
      int index = (int) i + 5;

      if (fields[i].type == LIAISON_FIELD_REFERENCE && value != NULL)
        {
          gint64 target = _liaison_store_lookup_id (self, fields[i].target, value);

          if (target == 0)
            {
              sqlite3_reset (stmt);
              g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_DANGLING_REFERENCE,
                           _("%s “%s”: the field “%s” refers to the %s %s, which is not in the database"),
                           label, liaison_record_get_title (record), fields[i].name,
                           liaison_record_kind_to_string (fields[i].target), value);
              return FALSE;
            }
          sqlite3_bind_int64 (stmt, index, target);
        }
      else if (fields[i].type == LIAISON_FIELD_BOOLEAN)
        sqlite3_bind_int (stmt, index, value != NULL);
      else
        bind_text (stmt, index, value);
    }

  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _liaison_store_set_error (self, error, rc, _("save the record"));
      return FALSE;
    }

  g_object_freeze_notify (G_OBJECT (record));
  liaison_record_set_id (record, existing ? existing : sqlite3_last_insert_rowid (self->db));
  liaison_record_set_uuid (record, uuid);
  liaison_record_set_created (record, created);
  liaison_record_set_modified (record, modified);
  liaison_record_set_revision (record, before ? liaison_record_get_revision (before) + 1
                                              : existing ? liaison_record_get_revision (record) + 1 : 1);
  g_object_thaw_notify (G_OBJECT (record));

  if ((existing && !clear_links (self, record, error)) || !insert_links (self, record, error))
    return FALSE;

  self->batch_changed = TRUE;

  if ((flags & LIAISON_SAVE_NO_LOG) == 0)
    {
      g_autofree char *before_json = before ? _liaison_record_to_json (before) : NULL;
      g_autofree char *after_json = _liaison_record_to_json (record);
      g_autofree char *summary = NULL;

      summary = g_strdup_printf (existing ? _("Changed %s “%s”") : _("Added %s “%s”"),
                                 liaison_record_kind_to_string (kind), liaison_record_get_title (record));
      if (!_liaison_store_write_log (self, existing ? "update" : "create", liaison_record_kind_to_string (kind),
                                     uuid, summary, before_json, after_json, error))
        return FALSE;
    }

  return TRUE;
}

/**
 * liaison_store_save:
 *
 * Saves @record, new or changed, with its links, in one transaction with one
 * change-log entry.  On failure nothing changes and @error says why.
 *
 * A record loaded from the store is saved only over the revision it was loaded at:
 * when someone else saved it in between, this fails with %LIAISON_ERROR_CONFLICT.
 * Load the stored version with liaison_store_load() to show both; to keep this one,
 * give it the stored revision with liaison_record_set_revision() and save again.
 */
gboolean
liaison_store_save (LiaisonStore   *self,
                    LiaisonRecord  *record,
                    GError        **error)
{
  g_return_val_if_fail (LIAISON_IS_STORE (self), FALSE);
  g_return_val_if_fail (LIAISON_IS_RECORD (record), FALSE);

  if (!_liaison_store_begin (self, error))
    return FALSE;

  /* A failed save leaves the record as it was, so that saving again is a retry. */
  {
    gint64 id = liaison_record_get_id (record);
    gint64 revision = liaison_record_get_revision (record);
    g_autofree char *uuid = g_strdup (liaison_record_get_uuid (record));
    g_autofree char *created = g_strdup (liaison_record_get_created (record));
    g_autofree char *modified = g_strdup (liaison_record_get_modified (record));

    if (!_liaison_store_apply_status_rule (self, record, NULL, error) ||
        !_liaison_store_save_full (self, record, LIAISON_SAVE_DEFAULT, error))
      _liaison_store_rollback (self);
    else if (_liaison_store_commit (self, NULL, NULL, error))
      return TRUE;

    g_object_freeze_notify (G_OBJECT (record));
    liaison_record_set_id (record, id);
    liaison_record_set_revision (record, revision);
    liaison_record_set_uuid (record, uuid);
    liaison_record_set_created (record, created);
    liaison_record_set_modified (record, modified);
    g_object_thaw_notify (G_OBJECT (record));
    return FALSE;
  }
}

/**
 * _liaison_store_delete_full:
 * @snapshot: (out) (optional): the snapshot of what was deleted, with the records that
 *   referred to it, as the change log keeps it
 *
 * Deletes @record inside the current transaction.  Unless @flags has
 * %LIAISON_SAVE_NO_LOG, one change-log entry records it.
 */
gboolean
_liaison_store_delete_full (LiaisonStore      *self,
                            LiaisonRecord     *record,
                            LiaisonSaveFlags   flags,
                            char             **snapshot,
                            GError           **error)
{
  LiaisonRecordKind kind = liaison_record_get_kind (record);
  g_autoptr(LiaisonRecord) before = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *before_json = NULL;
  sqlite3_stmt *stmt;
  gint64 id;
  int rc;

  g_assert (self->depth > 0);

  id = _liaison_store_lookup_id (self, kind, liaison_record_get_uuid (record));
  if (id == 0 || (before = liaison_store_load (self, kind, id, error)) == NULL)
    {
      if (error && *error == NULL)
        g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_NOT_FOUND,
                     _("%s “%s” is not in the database; it may have been deleted already"),
                     liaison_record_kind_get_label (kind), liaison_record_get_title (record));
      return FALSE;
    }

  /* Taken before the delete, while the records that refer to it still do. */
  before_json = _liaison_store_snapshot_for_delete (self, before, error);
  if (before_json == NULL)
    return FALSE;

  sql = g_strdup_printf ("DELETE FROM %s WHERE id = ?1", table_of (kind));
  stmt = _liaison_store_prepare (self, sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _liaison_store_set_error (self, error, rc, _("delete the record"));
      return FALSE;
    }

  if ((flags & LIAISON_SAVE_NO_LOG) == 0)
    {
      g_autofree char *summary = NULL;

      summary = g_strdup_printf (_("Deleted %s “%s”"), liaison_record_kind_to_string (kind),
                                 liaison_record_get_title (before));
      if (!_liaison_store_write_log (self, "delete", liaison_record_kind_to_string (kind),
                                     liaison_record_get_uuid (before), summary, before_json, NULL, error))
        return FALSE;
    }

  self->batch_changed = TRUE;
  if (snapshot != NULL)
    *snapshot = g_steal_pointer (&before_json);
  return TRUE;
}

/**
 * liaison_store_delete:
 *
 * Deletes @record in one transaction with one change-log entry that keeps a snapshot
 * for undo.  Links to it disappear; references to it become empty.
 */
gboolean
liaison_store_delete (LiaisonStore   *self,
                      LiaisonRecord  *record,
                      GError        **error)
{
  g_return_val_if_fail (LIAISON_IS_STORE (self), FALSE);
  g_return_val_if_fail (LIAISON_IS_RECORD (record), FALSE);

  if (!_liaison_store_begin (self, error))
    return FALSE;

  if (!_liaison_store_delete_full (self, record, LIAISON_SAVE_DEFAULT, NULL, error))
    {
      _liaison_store_rollback (self);
      return FALSE;
    }

  return _liaison_store_commit (self, NULL, NULL, error);
}

/* Queries */

/* Returns: (transfer full) (nullable): the SQL a query sorts by; no static buffer, since
 * queries run in worker threads too. */
static char *
sort_expression (LiaisonRecordKind  kind,
                 const char        *sort,
                 gboolean          *text)
{
  const LiaisonField *field;

  *text = FALSE;

  if (sort == NULL || *sort == '\0')
    sort = liaison_record_kind_get_fields (kind, NULL)[0].name;

  if (g_strcmp0 (sort, "id") == 0)
    return g_strdup ("t.id");

  if (g_strcmp0 (sort, "created") == 0 || g_strcmp0 (sort, "modified") == 0)
    return g_strdup (g_strcmp0 (sort, "created") == 0 ? "t.created" : "t.modified");

  if (kind == LIAISON_RECORD_INSTITUTION && g_strcmp0 (sort, "agreements") == 0)
    return g_strdup ("(SELECT count(*) FROM agreement_party p WHERE p.institution_id = t.id)");

  field = liaison_record_kind_find_field (kind, sort, NULL);
  if (field == NULL)
    return NULL;

  if (field->type == LIAISON_FIELD_REFERENCE)
    {
      *text = TRUE;
      return g_strdup_printf ("(SELECT %s FROM %s WHERE id = t.%s)",
                              liaison_record_kind_get_fields (field->target, NULL)[0].column,
                              table_of (field->target), field->column);
    }

  *text = field->type == LIAISON_FIELD_LINE || field->type == LIAISON_FIELD_TEXT;
  return g_strdup_printf ("t.%s", field->column);
}

static void
append_linked_condition (GString           *sql,
                         LiaisonRecordKind  kind,
                         LiaisonRecordKind  linked_kind)
{
  /* ?3 is the linked record's id, ?4 its UUID. */
  const char *condition = NULL;

  if (linked_kind == LIAISON_RECORD_SOURCE)
    condition = "t.uuid IN (SELECT record_uuid FROM citation WHERE source_id = ?3)";
  else if (kind == LIAISON_RECORD_SOURCE)
    condition = "t.id IN (SELECT source_id FROM citation WHERE record_uuid = ?4)";
  else
    switch (kind * LIAISON_N_RECORD_KINDS + linked_kind)
      {
      case LIAISON_RECORD_INSTITUTION * LIAISON_N_RECORD_KINDS + LIAISON_RECORD_INSTITUTION:
        condition = "t.parent_id = ?3";
        break;
      case LIAISON_RECORD_INSTITUTION * LIAISON_N_RECORD_KINDS + LIAISON_RECORD_PERSON:
        condition = "t.id = (SELECT institution_id FROM person WHERE id = ?3)";
        break;
      case LIAISON_RECORD_INSTITUTION * LIAISON_N_RECORD_KINDS + LIAISON_RECORD_AGREEMENT:
        condition = "t.id IN (SELECT institution_id FROM agreement_party WHERE agreement_id = ?3)";
        break;
      case LIAISON_RECORD_INSTITUTION * LIAISON_N_RECORD_KINDS + LIAISON_RECORD_EVENT:
        condition = "(t.id IN (SELECT institution_id FROM event_institution WHERE event_id = ?3)"
                    " OR t.id = (SELECT host_id FROM event WHERE id = ?3))";
        break;
      case LIAISON_RECORD_PERSON * LIAISON_N_RECORD_KINDS + LIAISON_RECORD_INSTITUTION:
        condition = "t.institution_id = ?3";
        break;
      case LIAISON_RECORD_PERSON * LIAISON_N_RECORD_KINDS + LIAISON_RECORD_AGREEMENT:
        condition = "(t.id IN (SELECT signatory_id FROM agreement_party WHERE agreement_id = ?3)"
                    " OR t.id = (SELECT responsible_id FROM agreement WHERE id = ?3))";
        break;
      case LIAISON_RECORD_PERSON * LIAISON_N_RECORD_KINDS + LIAISON_RECORD_EVENT:
        condition = "t.id IN (SELECT person_id FROM event_person WHERE event_id = ?3)";
        break;
      case LIAISON_RECORD_AGREEMENT * LIAISON_N_RECORD_KINDS + LIAISON_RECORD_INSTITUTION:
        condition = "t.id IN (SELECT agreement_id FROM agreement_party WHERE institution_id = ?3)";
        break;
      case LIAISON_RECORD_AGREEMENT * LIAISON_N_RECORD_KINDS + LIAISON_RECORD_PERSON:
        condition = "(t.responsible_id = ?3 OR t.id IN (SELECT agreement_id FROM agreement_party WHERE signatory_id = ?3))";
        break;
      case LIAISON_RECORD_AGREEMENT * LIAISON_N_RECORD_KINDS + LIAISON_RECORD_AGREEMENT:
        condition = "t.parent_id = ?3";
        break;
      case LIAISON_RECORD_AGREEMENT * LIAISON_N_RECORD_KINDS + LIAISON_RECORD_EVENT:
        condition = "t.id IN (SELECT agreement_id FROM event_agreement WHERE event_id = ?3)";
        break;
      case LIAISON_RECORD_EVENT * LIAISON_N_RECORD_KINDS + LIAISON_RECORD_INSTITUTION:
        condition = "(t.host_id = ?3 OR t.id IN (SELECT event_id FROM event_institution WHERE institution_id = ?3))";
        break;
      case LIAISON_RECORD_EVENT * LIAISON_N_RECORD_KINDS + LIAISON_RECORD_PERSON:
        condition = "t.id IN (SELECT event_id FROM event_person WHERE person_id = ?3)";
        break;
      case LIAISON_RECORD_EVENT * LIAISON_N_RECORD_KINDS + LIAISON_RECORD_AGREEMENT:
        condition = "t.id IN (SELECT event_id FROM event_agreement WHERE agreement_id = ?3)";
        break;
      default:
        break;
      }

  g_string_append_printf (sql, " AND %s", condition ? condition : "0");
}

static char *
escape_like (const char *term)
{
  GString *out = g_string_new ("%");

  for (const char *p = term; *p; p++)
    {
      if (*p == '%' || *p == '_' || *p == '\\')
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '%');
  return g_string_free (out, FALSE);
}

/* The words of a search, split at any white space, the ideographic space (U+3000)
 * too; never inside a character. */
static GPtrArray *
split_search (const char *search)
{
  g_autofree char *valid = g_utf8_make_valid (search, -1);
  GPtrArray *terms = g_ptr_array_new_with_free_func (g_free);
  const char *start = NULL;

  for (const char *p = valid;; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == 0 || g_unichar_isspace (c))
        {
          if (start != NULL)
            g_ptr_array_add (terms, g_strndup (start, p - start));
          start = NULL;
          if (c == 0)
            break;
        }
      else if (start == NULL)
        start = p;
    }
  return terms;
}

/* Builds "FROM … WHERE …" for a query, and the values to bind from ?5 on. */
static gboolean
build_where (LiaisonStore        *self,
             const LiaisonQuery  *query,
             gboolean             walk,
             GString             *sql,
             GPtrArray           *params,
             gint64              *linked_id,
             GError             **error)
{
  /* "+" keeps a term off the indexes: the rows are walked in the sort's order and
   * the terms tested on each, which finds the first rows of a common word fast. */
  const char *plus = walk ? "+" : "";
  LiaisonRecordKind kind = query->kind;
  const char *table = table_of (kind);
  const char *date_field;

  g_string_append_printf (sql, " FROM %s t WHERE 1", table);

  if (query->search != NULL)
    {
      g_autoptr(GPtrArray) terms = split_search (query->search);
      guint n_fields;
      const LiaisonField *fields = liaison_record_kind_get_fields (kind, &n_fields);

      /* Every word must be found: in the record's own text or, for agreements and
       * events, in the names of the institutions taking part (华为 finds Huawei's
       * agreements).  Those go through the institutions' index, then the links. */
      for (guint i = 0; i < terms->len; i++)
        {
          const char *term = g_ptr_array_index (terms, i);
          gboolean by_names = kind == LIAISON_RECORD_AGREEMENT || kind == LIAISON_RECORD_EVENT;
          guint own = params->len + 5;
          g_autofree char *names = NULL;

          g_string_append (sql, " AND (");
          if (g_utf8_strlen (term, -1) >= 3)
            {
              /* A trigram phrase: any substring of three or more characters. */
              g_auto(GStrv) parts = g_strsplit (term, "\"", -1);
              g_autofree char *quoted = g_strjoinv ("\"\"", parts);

              g_string_append_printf (sql, "%st.id IN (SELECT rowid FROM %s_fts WHERE %s_fts MATCH ?%u)",
                                      plus, table, table, own);
              g_ptr_array_add (params, g_strdup_printf ("\"%s\"", quoted));
              if (by_names)
                {
                  names = g_strdup_printf ("SELECT rowid FROM institution_fts WHERE institution_fts MATCH ?%u", own + 1);
                  g_ptr_array_add (params, g_strdup_printf ("{name local_name short_name} : \"%s\"", quoted));
                }
            }
          else
            {
              /* Too short for trigrams (华为, a two-letter code): scan the text. */
              g_string_append (sql, "0");
              for (guint f = 0; f < n_fields; f++)
                if (fields[f].type == LIAISON_FIELD_LINE || fields[f].type == LIAISON_FIELD_TEXT)
                  g_string_append_printf (sql, " OR t.%s LIKE ?%u ESCAPE '\\'", fields[f].column, own);
              g_ptr_array_add (params, escape_like (term));
              names = g_strdup_printf ("SELECT id FROM institution WHERE name LIKE ?%u ESCAPE '\\'"
                                       " OR local_name LIKE ?%u ESCAPE '\\' OR short_name LIKE ?%u ESCAPE '\\'",
                                       own, own, own);
            }

          if (kind == LIAISON_RECORD_AGREEMENT)
            g_string_append_printf (sql, " OR %st.id IN (SELECT agreement_id FROM agreement_party"
                                         " WHERE institution_id IN (%s))", plus, names);
          else if (kind == LIAISON_RECORD_EVENT)
            g_string_append_printf (sql, " OR %st.host_id IN (%s) OR %st.id IN (SELECT event_id FROM event_institution"
                                         " WHERE institution_id IN (%s))", plus, names, plus, names);
          g_string_append (sql, ")");
        }
    }

  if (query->choice != NULL)
    {
      if (liaison_record_kind_find_field (kind, "kind", NULL) == NULL)
        {
          g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID_FIELD,
                       _("%s records have no kind to filter on"), liaison_record_kind_get_label (kind));
          return FALSE;
        }
      g_string_append_printf (sql, " AND t.kind = ?%u", params->len + 5);
      g_ptr_array_add (params, g_strdup (query->choice));
    }

  if (query->status != NULL)
    {
      if (kind != LIAISON_RECORD_AGREEMENT)
        {
          g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID_FIELD,
                       _("Only agreements have a status to filter on"));
          return FALSE;
        }
      g_string_append_printf (sql, " AND t.status = ?%u", params->len + 5);
      g_ptr_array_add (params, g_strdup (query->status));
    }

  if (query->tag != NULL)
    {
      if (kind != LIAISON_RECORD_AGREEMENT && kind != LIAISON_RECORD_EVENT)
        {
          g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID_FIELD,
                       _("Only agreements and events have tags to filter on"));
          return FALSE;
        }
      g_string_append_printf (sql, " AND t.id IN (SELECT x.%s_id FROM %s_tag x JOIN tag g ON g.id = x.tag_id"
                                   " WHERE g.name = ?%u COLLATE NOCASE)", table, table, params->len + 5);
      g_ptr_array_add (params, g_strdup (query->tag));
    }

  date_field = liaison_query_get_date_field (kind);
  if ((query->date_from != NULL || query->date_to != NULL) && date_field == NULL)
    {
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID_FIELD,
                   _("%s records have no date to filter on"), liaison_record_kind_get_label (kind));
      return FALSE;
    }
  for (guint i = 0; i < 2; i++)
    {
      const char *bound = i == 0 ? query->date_from : query->date_to;
      const LiaisonField *field;
      GDate first, last;
      char day[16];
      const char *col;

      if (bound == NULL)
        continue;

      g_date_clear (&first, 1);
      g_date_clear (&last, 1);
      if (!liaison_date_get_bounds (bound, &first, &last))
        {
          g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID_FIELD,
                       _("“%s” cannot bound a date range: write a year, a month or a full date"), bound);
          return FALSE;
        }

      field = liaison_record_kind_find_field (kind, date_field, NULL);
      col = field->column;
      g_date_strftime (day, sizeof day, "%Y-%m-%d", i == 0 ? &first : &last);
      /* A partial date overlaps the range if any day it may mean lies inside. */
      if (i == 0)
        g_string_append_printf (sql, " AND t.%s NOT LIKE '--%%' AND (CASE length(t.%s) WHEN 4 THEN t.%s || '-12-31'"
                                     " WHEN 7 THEN t.%s || '-31' ELSE t.%s END) >= ?%u",
                                col, col, col, col, col, params->len + 5);
      else
        g_string_append_printf (sql, " AND t.%s NOT LIKE '--%%' AND (CASE length(t.%s) WHEN 4 THEN t.%s || '-01-01'"
                                     " WHEN 7 THEN t.%s || '-01' ELSE t.%s END) <= ?%u",
                                col, col, col, col, col, params->len + 5);
      g_ptr_array_add (params, g_strdup (day));
    }

  if (query->linked_to != NULL)
    {
      LiaisonRecordKind linked_kind;

      if (!_liaison_store_find_uuid (self, query->linked_to, &linked_kind, linked_id))
        {
          g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_NOT_FOUND,
                       _("There is no record with UUID %s in the database."), query->linked_to);
          return FALSE;
        }
      append_linked_condition (sql, kind, linked_kind);
    }

  return TRUE;
}

/* What a statement of a query selects, and in which order.  Empty values come last
 * whatever the direction, in an order an index can give (ORDER BY x IS NULL cannot):
 * descending, NULL sorts last by itself; ascending takes two statements, the rows
 * with a value, then those without. */
typedef enum {
  QUERY_COUNT,
  QUERY_ALL,
  QUERY_VALUES,
  QUERY_EMPTY,
  QUERY_WALK,       /* QUERY_ALL, walking the sort's index (see build_where) */
} QueryPart;

/* Whether an ascending query takes two statements: a column of the table, which an
 * index may order.  Computed keys keep "ORDER BY x IS NULL, x" in one statement. */
static gboolean
query_splits (const LiaisonQuery *query)
{
  gboolean text;
  g_autofree char *order = sort_expression (query->kind, query->sort, &text);

  return !query->descending && order != NULL && g_str_has_prefix (order, "t.") &&
         g_strcmp0 (order, "t.id") != 0;
}

static sqlite3_stmt *
prepare_query (LiaisonStore        *self,
               const LiaisonQuery  *query,
               QueryPart            part,
               GError             **error)
{
  g_autoptr(GString) sql = g_string_new (part == QUERY_COUNT ? "SELECT count(*)" : "SELECT t.id");
  g_autoptr(GPtrArray) params = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;
  gint64 linked_id = 0;
  int rc;

  g_return_val_if_fail (query->kind < LIAISON_N_RECORD_KINDS, NULL);

  if (!build_where (self, query, part == QUERY_WALK, sql, params, &linked_id, error))
    return NULL;

  if (part != QUERY_COUNT)
    {
      gboolean text;
      g_autofree char *order = sort_expression (query->kind, query->sort, &text);
      const char *collate = text ? " COLLATE NOCASE" : "";
      const char *desc = query->descending ? " DESC" : "";

      if (order == NULL)
        {
          g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID_FIELD,
                       _("%s records cannot be sorted by “%s”"),
                       liaison_record_kind_get_label (query->kind), query->sort);
          return NULL;
        }

      if (part == QUERY_VALUES)
        g_string_append_printf (sql, " AND %s IS NOT NULL ORDER BY %s%s, t.id", order, order, collate);
      else if (part == QUERY_EMPTY)
        g_string_append_printf (sql, " AND %s IS NULL ORDER BY t.id", order);
      else if (query->descending || g_strcmp0 (order, "t.id") == 0)
        g_string_append_printf (sql, " ORDER BY %s%s%s, t.id%s", order, collate, desc, desc);
      else
        g_string_append_printf (sql, " ORDER BY %s IS NULL, %s%s, t.id", order, order, collate);

      /* The offset is skipped as the rows are read, across both statements. */
      if (query->limit > 0)
        g_string_append_printf (sql, " LIMIT %u", query->limit + query->offset);
    }

  rc = sqlite3_prepare_v2 (self->db, sql->str, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      _liaison_store_set_error (self, error, rc, _("search the database"));
      return NULL;
    }

  if (linked_id != 0)
    {
      sqlite3_bind_int64 (stmt, 3, linked_id);
      bind_text (stmt, 4, query->linked_to);
    }
  for (guint i = 0; i < params->len; i++)
    bind_text (stmt, (int) i + 5, g_ptr_array_index (params, i));

  return stmt;
}

static gboolean
read_ids (LiaisonStore        *self,
          const LiaisonQuery  *query,
          QueryPart            part,
          GArray              *ids,
          guint               *skipped,
          GError             **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc = SQLITE_DONE;

  stmt = prepare_query (self, query, part, error);
  if (stmt == NULL)
    return FALSE;

  while ((query->limit == 0 || ids->len < query->limit) && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      if (*skipped < query->offset)
        (*skipped)++;
      else
        g_array_append_val (ids, id);
    }

  if (query->limit > 0 && ids->len >= query->limit)
    return TRUE;
  if (rc != SQLITE_DONE)
    {
      _liaison_store_set_error (self, error, rc, _("search the database"));
      return FALSE;
    }
  return TRUE;
}

static int
spend_budget_cb (void *data)
{
  guint *budget = data;

  return (*budget)-- == 0;
}

/* The first rows of a search, walking the sort's index: fast when the words are
 * common, slow when they are rare (the walk passes every row).  So the walk has a
 * budget; past it, the caller collects every match and sorts them instead. */
static gboolean
walk_first_rows (LiaisonStore       *self,
                 const LiaisonQuery *query,
                 GArray             *ids)
{
  guint budget = 3000;       /* of 1000 virtual machine steps: some 100k rows */
  guint skipped = 0;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  sqlite3_progress_handler (self->db, 1000, spend_budget_cb, &budget);
  ok = read_ids (self, query, QUERY_WALK, ids, &skipped, &error);
  sqlite3_progress_handler (self->db, 0, NULL, NULL);

  if (!ok)
    g_array_set_size (ids, 0);
  return ok;
}

/**
 * liaison_store_query:
 *
 * Returns: (transfer full) (element-type gint64): the ids of the records the query
 *   selects, in its order, or %NULL with @error set
 */
GArray *
liaison_store_query (LiaisonStore        *self,
                     const LiaisonQuery  *query,
                     GError             **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gboolean own_transaction = FALSE;
  guint skipped = 0;
  gboolean ok;

  g_return_val_if_fail (LIAISON_IS_STORE (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  if (query->limit > 0 && query->search != NULL && !query_splits (query) && walk_first_rows (self, query, ids))
    ok = TRUE;
  else if (!query_splits (query))
    ok = read_ids (self, query, QUERY_ALL, ids, &skipped, error);
  else
    {
      /* Both statements read one snapshot. */
      own_transaction = sqlite3_get_autocommit (self->db) && sqlite3_exec (self->db, "BEGIN", NULL, NULL, NULL) == SQLITE_OK;
      ok = read_ids (self, query, QUERY_VALUES, ids, &skipped, error) &&
           (query->limit == 0 || ids->len < query->limit ? read_ids (self, query, QUERY_EMPTY, ids, &skipped, error) : TRUE);
      if (own_transaction)
        sqlite3_exec (self->db, "COMMIT", NULL, NULL, NULL);
    }

  return ok ? g_steal_pointer (&ids) : NULL;
}

/**
 * liaison_store_query_count:
 *
 * Returns: how many records the query selects (ignoring its limit), or -1 with
 *   @error set
 */
gint64
liaison_store_query_count (LiaisonStore        *self,
                           const LiaisonQuery  *query,
                           GError             **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (LIAISON_IS_STORE (self), -1);
  g_return_val_if_fail (query != NULL, -1);

  stmt = prepare_query (self, query, QUERY_COUNT, error);
  if (stmt == NULL)
    return -1;

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      _liaison_store_set_error (self, error, rc, _("count records"));
      return -1;
    }
  return sqlite3_column_int64 (stmt, 0);
}

/**
 * liaison_store_list_changes:
 * @record_uuid: (nullable): only the changes of this record
 * @limit: at most this many, newest first; 0 for all
 *
 * Returns: (transfer full) (element-type LiaisonChange): change-log entries
 */
GPtrArray *
liaison_store_list_changes (LiaisonStore  *self,
                            const char    *record_uuid,
                            guint          limit,
                            GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) liaison_change_free);
  int rc;

  g_return_val_if_fail (LIAISON_IS_STORE (self), NULL);

  rc = sqlite3_prepare_v2 (self->db,
                           "SELECT id, time, action, kind, record_uuid, summary, before, after FROM change_log"
                           " WHERE ?1 IS NULL OR record_uuid = ?1 ORDER BY id DESC LIMIT ?2",
                           -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      _liaison_store_set_error (self, error, rc, _("read the history"));
      return NULL;
    }
  bind_text (stmt, 1, record_uuid);
  sqlite3_bind_int64 (stmt, 2, limit > 0 ? (gint64) limit : -1);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      LiaisonChange *change = g_new0 (LiaisonChange, 1);

      change->id = sqlite3_column_int64 (stmt, 0);
      change->time = column_text (stmt, 1);
      change->action = column_text (stmt, 2);
      change->kind = column_text (stmt, 3);
      change->record_uuid = column_text (stmt, 4);
      change->summary = column_text (stmt, 5);
      change->before = column_text (stmt, 6);
      change->after = column_text (stmt, 7);
      g_ptr_array_add (changes, change);
    }

  if (rc != SQLITE_DONE)
    {
      _liaison_store_set_error (self, error, rc, _("read the history"));
      return NULL;
    }
  return g_steal_pointer (&changes);
}

/**
 * liaison_store_list_tags:
 *
 * Returns: (transfer full): the tags in use, in alphabetical order
 */
char **
liaison_store_list_tags (LiaisonStore  *self,
                         GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  int rc;

  g_return_val_if_fail (LIAISON_IS_STORE (self), NULL);

  rc = sqlite3_prepare_v2 (self->db,
                           "SELECT name FROM tag WHERE id IN (SELECT tag_id FROM agreement_tag UNION SELECT tag_id FROM event_tag)"
                           " ORDER BY name COLLATE NOCASE", -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      _liaison_store_set_error (self, error, rc, _("read the tags"));
      return NULL;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (builder, (const char *) sqlite3_column_text (stmt, 0));
  if (rc != SQLITE_DONE)
    {
      _liaison_store_set_error (self, error, rc, _("read the tags"));
      return NULL;
    }
  return g_strv_builder_end (builder);
}

/**
 * liaison_store_check_integrity:
 *
 * Runs SQLite's integrity and foreign-key checks.
 */
gboolean
liaison_store_check_integrity (LiaisonStore  *self,
                               GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) fk = NULL;
  int rc;

  g_return_val_if_fail (LIAISON_IS_STORE (self), FALSE);

  rc = sqlite3_prepare_v2 (self->db, "PRAGMA integrity_check", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      _liaison_store_set_error (self, error, rc, _("check the database"));
      return FALSE;
    }
  if (g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") != 0)
    {
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_NOT_A_DATABASE,
                   _("The database “%s” is damaged: %s. Open a backup."),
                   self->path, sqlite3_column_text (stmt, 0));
      return FALSE;
    }

  rc = sqlite3_prepare_v2 (self->db, "PRAGMA foreign_key_check", -1, &fk, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (fk);
  if (rc == SQLITE_ROW)
    {
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_DANGLING_REFERENCE,
                   _("The database “%s” has a broken link in the table %s. Open a backup."),
                   self->path, sqlite3_column_text (fk, 0));
      return FALSE;
    }
  if (rc != SQLITE_DONE)
    {
      _liaison_store_set_error (self, error, rc, _("check the database"));
      return FALSE;
    }
  return TRUE;
}

/**
 * _liaison_store_get_last_id:
 *
 * Returns: the highest id of @kind, 0 when there is none
 */
gint64
_liaison_store_get_last_id (LiaisonStore      *self,
                            LiaisonRecordKind  kind)
{
  g_autofree char *sql = g_strdup_printf ("SELECT coalesce(max(id), 0) FROM %s", table_of (kind));
  sqlite3_stmt *stmt = _liaison_store_prepare (self, sql, NULL);
  gint64 id = 0;

  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  if (stmt != NULL)
    sqlite3_reset (stmt);
  return id;
}

/**
 * _liaison_store_set_reference:
 * @field: the index of a reference field of @kind
 * @target: the UUID it refers to, which must be stored
 *
 * Sets one reference of a stored record without touching its revision: the importer
 * uses it for parents that come later in a document than their children.
 */
gboolean
_liaison_store_set_reference (LiaisonStore       *self,
                              LiaisonRecordKind   kind,
                              const char         *uuid,
                              guint               field,
                              const char         *target,
                              GError            **error)
{
  const LiaisonField *fields = liaison_record_kind_get_fields (kind, NULL);
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_assert (fields[field].type == LIAISON_FIELD_REFERENCE);

  sql = g_strdup_printf ("UPDATE %s SET %s = (SELECT id FROM %s WHERE uuid = ?2) WHERE uuid = ?1",
                         table_of (kind), fields[field].column, table_of (fields[field].target));
  stmt = _liaison_store_prepare (self, sql, error);
  if (stmt == NULL)
    return FALSE;

  bind_text (stmt, 1, uuid);
  bind_text (stmt, 2, target);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _liaison_store_set_error (self, error, rc, _("link a record to its parent"));
      return FALSE;
    }
  return TRUE;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-import-undo"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "liaison-backup.h"
#include "liaison-error.h"
#include "liaison-import-undo.h"
#include "liaison-store-private.h"

/*
 * An import keeps no snapshots, so the change log cannot take it back (see
 * liaison-store-undo.c).  Instead, a copy of the database is taken just before it, in
 * the folder of backups under a name the rotation leaves alone, and the import's
 * change-log entry is noted.  Undo restores the copy, which is safe only while that
 * entry is still the newest: a later change, made here or by another program, would be
 * lost with it, so undo then refuses and says why.
 */

struct _LiaisonImportUndo
{
  char     *backup_path;
  char     *file_name;   /* the imported file's name, for messages */
  gint64    entry;       /* the import's change-log entry */
  char     *time;        /* ... and its time and summary, which tell it from a later */
  char     *summary;     /*     entry that got the same id after a restore */
  gboolean  done;
};

typedef struct {
  gint64  id;
  char   *action;
  char   *time;
  char   *summary;
} Entry;

static void
entry_clear (Entry *entry)
{
  g_clear_pointer (&entry->action, g_free);
  g_clear_pointer (&entry->time, g_free);
  g_clear_pointer (&entry->summary, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Entry, entry_clear)

static gboolean
is_memory_path (const char *path)
{
  return path == NULL || *path == '\0' || g_str_equal (path, ":memory:") || g_str_has_prefix (path, "file:");
}

/* Reads the entries after @after, oldest first, at most @limit of them. */
static GArray *
read_entries_after (LiaisonStore  *store,
                    gint64         after,
                    guint          limit,
                    GError       **error)
{
  sqlite3_stmt *stmt;
  GArray *entries;
  int rc;

  stmt = _liaison_store_prepare (store,
                                 "SELECT id, action, time, summary FROM change_log"
                                 " WHERE id > ?1 ORDER BY id LIMIT ?2", error);
  if (stmt == NULL)
    return NULL;

  entries = g_array_new (FALSE, TRUE, sizeof (Entry));
  g_array_set_clear_func (entries, (GDestroyNotify) entry_clear);

  sqlite3_bind_int64 (stmt, 1, after);
  sqlite3_bind_int (stmt, 2, (int) limit);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Entry entry;

      entry.id = sqlite3_column_int64 (stmt, 0);
      entry.action = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      entry.time = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      entry.summary = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      g_array_append_val (entries, entry);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      g_array_unref (entries);
      _liaison_store_set_error (store, error, rc, _("read the history"));
      return NULL;
    }
  return entries;
}

static gboolean
read_last_id (LiaisonStore  *store,
              gint64        *last,
              GError       **error)
{
  sqlite3_stmt *stmt = _liaison_store_prepare (store, "SELECT coalesce(max(id), 0) FROM change_log", error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *last = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  if (rc != SQLITE_ROW)
    {
      _liaison_store_set_error (store, error, rc, _("read the history"));
      return FALSE;
    }
  return TRUE;
}

static char *
make_backup_path (LiaisonStore *store)
{
  g_autofree char *dir = liaison_store_get_backup_dir (store);
  g_autofree char *name = g_strdup_printf (".before-import-%08x%08x.db", g_random_int (), g_random_int ());

  return g_build_filename (dir, name, NULL);
}

/**
 * liaison_import_file_undoable:
 * @undo: (out) (optional) (nullable): how to take the import back, or %NULL when it
 *   cannot be (a dry run, a database in memory, or another program saved a change
 *   while the file was imported)
 *
 * Like liaison_import_file_full(), keeping a copy of the database from just before
 * the import so that liaison_import_undo_apply() can take it back whole.
 */
gboolean
liaison_import_file_undoable (LiaisonStore         *store,
                              const char           *path,
                              LiaisonImportFlags    flags,
                              LiaisonImportFunc     item_func,
                              gpointer              item_data,
                              LiaisonImportStats   *stats,
                              LiaisonImportUndo   **undo,
                              GCancellable         *cancellable,
                              LiaisonProgressFunc   progress,
                              gpointer              user_data,
                              GError              **error)
{
  g_autofree char *backup_path = NULL;
  g_autoptr(GArray) entries = NULL;
  g_autoptr(LiaisonImportUndo) self = NULL;
  gint64 before = 0;
  Entry *entry;

  g_return_val_if_fail (LIAISON_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (undo != NULL)
    *undo = NULL;

  if (undo == NULL || (flags & LIAISON_IMPORT_DRY_RUN) != 0 || is_memory_path (liaison_store_get_path (store)) ||
      liaison_store_get_read_only (store))
    return liaison_import_file_full (store, path, flags, item_func, item_data, stats,
                                     cancellable, progress, user_data, error);

  if (!read_last_id (store, &before, error))
    return FALSE;

  backup_path = make_backup_path (store);
  if (!liaison_store_backup (store, backup_path, error))
    {
      g_prefix_error (error, _("Nothing was imported. "));
      return FALSE;
    }

  self = g_new0 (LiaisonImportUndo, 1);
  self->backup_path = g_steal_pointer (&backup_path);
  self->file_name = g_filename_display_basename (path);

  if (!liaison_import_file_full (store, path, flags, item_func, item_data, stats,
                                 cancellable, progress, user_data, error))
    return FALSE;

  /* Only the import's own entry may have come since the copy was taken; anything
   * else would be lost by restoring it. */
  entries = read_entries_after (store, before, 2, NULL);
  if (entries == NULL || entries->len != 1)
    {
      g_debug ("Import of %s cannot be undone: %u other changes came meanwhile",
               path, entries ? entries->len : 0);
      return TRUE;
    }

  entry = &g_array_index (entries, Entry, 0);
  if (g_strcmp0 (entry->action, "import") != 0)
    return TRUE;

  self->entry = entry->id;
  self->time = g_steal_pointer (&entry->time);
  self->summary = g_steal_pointer (&entry->summary);
  *undo = g_steal_pointer (&self);
  return TRUE;
}

/**
 * liaison_import_undo_get_summary:
 *
 * Returns: the import's change-log summary, "Imported “…”: …"
 */
const char *
liaison_import_undo_get_summary (LiaisonImportUndo *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->summary;
}

/**
 * liaison_import_undo_check:
 *
 * Whether the import can still be taken back: it was not already, and nothing was
 * saved after it.  Otherwise @error says why, naming the later change.
 */
gboolean
liaison_import_undo_check (LiaisonImportUndo  *self,
                           LiaisonStore       *store,
                           GError            **error)
{
  g_autoptr(GArray) entries = NULL;
  Entry *entry;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (LIAISON_IS_STORE (store), FALSE);

  if (self->done)
    {
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_NOT_FOUND,
                   _("The import of “%s” was already undone."), self->file_name);
      return FALSE;
    }

  /* The import's entry, then the first change after it, if any. */
  if ((entries = read_entries_after (store, self->entry - 1, 2, error)) == NULL)
    return FALSE;

  entry = entries->len > 0 ? &g_array_index (entries, Entry, 0) : NULL;
  if (entry == NULL || entry->id != self->entry || g_strcmp0 (entry->action, "import") != 0 ||
      g_strcmp0 (entry->time, self->time) != 0 || g_strcmp0 (entry->summary, self->summary) != 0)
    {
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_NOT_FOUND,
                   _("The import of “%s” cannot be undone: it is no longer in the database’s history (a backup was restored since)."),
                   self->file_name);
      return FALSE;
    }

  if (entries->len > 1)
    {
      Entry *later = &g_array_index (entries, Entry, 1);

      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_CONFLICT,
                   _("The import of “%s” cannot be undone: a later change (“%s”) would be lost with it. "
                     "Undo the later changes first, or restore a backup."),
                   self->file_name, later->summary ? later->summary : later->action);
      return FALSE;
    }

  if (!g_file_test (self->backup_path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_NOT_FOUND,
                   _("The import of “%s” cannot be undone: the copy taken before it, “%s”, is gone."),
                   self->file_name, self->backup_path);
      return FALSE;
    }

  return TRUE;
}

/**
 * liaison_import_undo_apply:
 *
 * Takes the import back by restoring the copy taken before it, after
 * liaison_import_undo_check().  The database as it was with the import is kept as a
 * backup (see liaison_store_restore()).
 */
gboolean
liaison_import_undo_apply (LiaisonImportUndo  *self,
                           LiaisonStore       *store,
                           GError            **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (LIAISON_IS_STORE (store), FALSE);

  if (!liaison_import_undo_check (self, store, error))
    return FALSE;

  if (!liaison_store_restore (store, self->backup_path, NULL, error))
    return FALSE;

  self->done = TRUE;
  return TRUE;
}

/**
 * liaison_import_undo_free:
 *
 * Frees @self and deletes the copy of the database it kept.
 */
void
liaison_import_undo_free (LiaisonImportUndo *self)
{
  if (self == NULL)
    return;

  if (self->backup_path != NULL)
    g_unlink (self->backup_path);
  g_free (self->backup_path);
  g_free (self->file_name);
  g_free (self->time);
  g_free (self->summary);
  g_free (self);
}

/**
 * liaison_store_take_external_changes:
 *
 * Tells whoever shows @store that its database was written through another
 * connection (an import or a restore in a thread of its own), so that lists and
 * pages read it again.
 */
void
liaison_store_take_external_changes (LiaisonStore *store)
{
  g_return_if_fail (LIAISON_IS_STORE (store));
  _liaison_store_emit_changed (store);
}

/**
 * liaison_store_take_restored:
 *
 * Like liaison_store_take_external_changes(), after a restore through another
 * connection (liaison_store_restore(), liaison_import_undo_apply()): the changes @store
 * could undo are gone with the content they were made to.
 */
void
liaison_store_take_restored (LiaisonStore *store)
{
  g_return_if_fail (LIAISON_IS_STORE (store));
  _liaison_store_undo_reset (store);
  _liaison_store_emit_changed (store);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-store-undo"

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>
#include <string.h>

#include "liaison-error.h"
#include "liaison-record-private.h"
#include "liaison-store-private.h"

/*
 * Undo and redo walk the change log.  Every create, update and delete writes one entry
 * with JSON snapshots of the record before and after; undo puts the "before" back, redo
 * the "after", each as one transaction that writes its own entry (whose action is what
 * it did: undoing a create logs a delete).
 *
 * The stacks hold the ids of the entries that can be undone or redone in this session.
 * They follow the log lazily: entries that appear after the store was opened are
 * ordinary writes (they clear the redo stack), except the ones undo and redo write
 * themselves.  An import has no snapshots, so it clears both stacks: what came before
 * it cannot be undone past it.
 *
 * A restore replaces the whole log, and the restored one reuses the ids of the entries
 * it lacks.  So the stacks also remember what their newest entry looked like: when
 * that entry is gone or different, the log was replaced (by this store or another
 * program) and the stacks start again from the restored log.
 *
 * A delete also takes snapshots of the records that referred to the deleted one (a
 * party of an agreement, a person's institution...), because the database drops those
 * links with it; undoing the delete puts them back.
 */

typedef struct
{
  gint64  last_seen;     /* the newest change-log entry the stacks account for */
  gint64  own_entry;     /* the entry being written by undo or redo, not a new write */
  GArray *undo;          /* of gint64 entry ids, newest last */
  GArray *redo;          /* of gint64 entry ids, next to redo last */
  char   *barrier;       /* summary of the import that cleared the stacks */
  char   *last_mark;     /* what the entry last_seen looked like (time, action, summary) */
} UndoState;

/* Putting snapshots back */

static LiaisonRecord *
load_if_present (LiaisonStore  *self,
                 const char    *uuid,
                 GError       **error)
{
  LiaisonRecordKind kind;
  gint64 id;

  if (uuid == NULL || !_liaison_store_find_uuid (self, uuid, &kind, &id))
    return NULL;
  return liaison_store_load (self, kind, id, error);
}

/* Saves @target over the stored record with its UUID (or as a new record with that
 * UUID), keeping the stored record's creation time. */
static gboolean
put_back (LiaisonStore   *self,
          LiaisonRecord  *target,
          LiaisonRecord  *current,
          GError        **error)
{
  if (current != NULL)
    {
      liaison_record_set_created (target, liaison_record_get_created (current));
      liaison_record_set_revision (target, liaison_record_get_revision (current));
    }
  return _liaison_store_save_full (self, target, LIAISON_SAVE_NO_LOG, error);
}

static gboolean
restore_referrers (LiaisonStore  *self,
                   GVariant      *snapshot,
                   GError       **error)
{
  g_autoptr(GVariant) referrers = g_variant_lookup_value (snapshot, "referrers", G_VARIANT_TYPE ("av"));

  for (gsize i = 0; referrers != NULL && i < g_variant_n_children (referrers); i++)
    {
      g_autoptr(GVariant) boxed = g_variant_get_child_value (referrers, i);
      g_autoptr(GVariant) object = g_variant_get_variant (boxed);
      g_autoptr(LiaisonRecord) current = NULL;
      g_autoptr(LiaisonRecord) target = NULL;
      LiaisonRecordKind kind;

      if (!g_variant_is_of_type (object, G_VARIANT_TYPE_VARDICT) ||
          !liaison_record_kind_from_string (_liaison_store_lookup_string (object, "record-kind"), &kind))
        {
          g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID_DOCUMENT,
                       _("A snapshot in the change log has a damaged referring record (number %u)"),
                       (guint) i + 1);
          return FALSE;
        }

      current = load_if_present (self, _liaison_store_lookup_string (object, "uuid"), error);
      if (current == NULL)
        {
          /* Deleted since, by a change that is not undone: nothing to link again. */
          if (error && *error)
            return FALSE;
          continue;
        }

      target = _liaison_store_record_from_object (kind, object, error);
      if (target == NULL || !put_back (self, target, current, error))
        return FALSE;
    }
  return TRUE;
}

static char *
describe (const LiaisonChange *change,
          gboolean             undo,
          const char          *title)
{
  const char *kind = change->kind;

  if (g_strcmp0 (change->action, "create") == 0)
    return undo ? g_strdup_printf (_("Undid adding %s “%s”"), kind, title)
                : g_strdup_printf (_("Added %s “%s” again"), kind, title);
  if (g_strcmp0 (change->action, "update") == 0)
    return undo ? g_strdup_printf (_("Undid changes to %s “%s”"), kind, title)
                : g_strdup_printf (_("Made the changes to %s “%s” again"), kind, title);
  return undo ? g_strdup_printf (_("Restored the deleted %s “%s”"), kind, title)
              : g_strdup_printf (_("Deleted %s “%s” again"), kind, title);
}

static int
compare_link_types (gconstpointer a,
                    gconstpointer b)
{
  const LiaisonLink *la = *(const LiaisonLink * const *) a;
  const LiaisonLink *lb = *(const LiaisonLink * const *) b;

  return (int) la->type - (int) lb->type;
}

/* Whether the stored record is the one a snapshot shows.  The store reads links back
 * grouped by type, whatever order they were saved in, so compare them that way. */
static gboolean
is_as_snapshot (LiaisonRecord *stored,
                LiaisonRecord *snapshot)
{
  /* A stable sort: within a type, the saved order is the order read back. */
  g_ptr_array_sort (liaison_record_get_links (snapshot), compare_link_types);
  return liaison_record_equal (stored, snapshot);
}

/*
 * Makes the record of @change what it was before (@undo) or after it, inside the
 * current transaction, and logs that as one entry.  The record must be as @change left
 * it (or found it), or something else changed it since and the step is refused.
 */
static gboolean
apply_change (LiaisonStore         *self,
              const LiaisonChange  *change,
              gboolean              undo,
              gint64               *entry,
              GError              **error)
{
  const char *target_json = undo ? change->before : change->after;
  const char *expected_json = undo ? change->after : change->before;
  g_autoptr(LiaisonRecord) current = NULL;
  g_autoptr(LiaisonRecord) expected = NULL;
  g_autoptr(LiaisonRecord) target = NULL;
  g_autoptr(GVariant) target_object = NULL;
  g_autofree char *before_json = NULL;
  g_autofree char *after_json = NULL;
  g_autofree char *summary = NULL;
  LiaisonRecordKind kind;
  const char *action;
  const char *title;

  if (!liaison_record_kind_from_string (change->kind, &kind) || change->record_uuid == NULL)
    {
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID_DOCUMENT,
                   _("The change log entry %" PRId64 " does not name its record; it cannot be undone or redone"),
                   change->id);
      return FALSE;
    }

  current = load_if_present (self, change->record_uuid, error);
  if (current == NULL && error && *error)
    return FALSE;
  if (expected_json != NULL &&
      (expected = _liaison_store_record_from_snapshot (kind, expected_json, NULL, error)) == NULL)
    return FALSE;

  if ((current == NULL) != (expected == NULL) ||
      (current != NULL && !is_as_snapshot (current, expected)))
    {
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_FAILED,
                   undo ? _("Cannot undo “%s”: the %s was changed in another way since")
                        : _("Cannot redo “%s”: the %s was changed in another way since"),
                   change->summary, liaison_record_kind_to_string (kind));
      return FALSE;
    }

  if (target_json == NULL)
    {
      title = liaison_record_get_title (current);
      if (!_liaison_store_delete_full (self, current, LIAISON_SAVE_NO_LOG, &before_json, error))
        return FALSE;
      action = "delete";
    }
  else
    {
      target = _liaison_store_record_from_snapshot (kind, target_json, &target_object, error);
      if (target == NULL || !put_back (self, target, current, error))
        return FALSE;
      /* Undoing a delete links again the records that referred to the deleted one. */
      if (current == NULL && !restore_referrers (self, target_object, error))
        return FALSE;
      before_json = current ? _liaison_record_to_json (current) : NULL;
      after_json = _liaison_record_to_json (target);
      title = liaison_record_get_title (target);
      action = current ? "update" : "create";
    }

  summary = describe (change, undo, title);
  if (!_liaison_store_write_log (self, action, change->kind, change->record_uuid, summary,
                                 before_json, after_json, error))
    return FALSE;

  *entry = sqlite3_last_insert_rowid (_liaison_store_get_db (self));
  return TRUE;
}

/* The stacks */

static void
undo_state_free (gpointer data)
{
  UndoState *state = data;

  g_array_unref (state->undo);
  g_array_unref (state->redo);
  g_free (state->barrier);
  g_free (state->last_mark);
  g_free (state);
}

static gint64
read_last_entry (LiaisonStore *self)
{
  sqlite3_stmt *stmt = _liaison_store_prepare (self, "SELECT max(id) FROM change_log", NULL);
  gint64 last = 0;

  if (stmt == NULL)
    return 0;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    last = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return last;
}

/* What tells one change-log entry from another that got the same id after a restore. */
static char *
read_mark (LiaisonStore *self,
           gint64        id)
{
  sqlite3_stmt *stmt;
  char *mark = NULL;

  if (id == 0)
    return NULL;

  stmt = _liaison_store_prepare (self, "SELECT time, action, coalesce(record_uuid, ''), summary"
                                       " FROM change_log WHERE id = ?1", NULL);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    mark = g_strjoin ("\x1f", (const char *) sqlite3_column_text (stmt, 0),
                      (const char *) sqlite3_column_text (stmt, 1),
                      (const char *) sqlite3_column_text (stmt, 2),
                      (const char *) sqlite3_column_text (stmt, 3), NULL);
  sqlite3_reset (stmt);
  return mark;
}

/* Forgets everything the stacks hold: they start again at the log's newest entry. */
static void
reset_state (LiaisonStore *self,
             UndoState    *state)
{
  g_array_set_size (state->undo, 0);
  g_array_set_size (state->redo, 0);
  g_clear_pointer (&state->barrier, g_free);
  state->own_entry = 0;
  state->last_seen = read_last_entry (self);
  g_free (state->last_mark);
  state->last_mark = read_mark (self, state->last_seen);
}

static UndoState *
get_state (LiaisonStore *self)
{
  static GQuark quark;
  UndoState *state;

  if (quark == 0)
    quark = g_quark_from_static_string ("liaison-store-undo");

  state = g_object_get_qdata (G_OBJECT (self), quark);
  if (state == NULL)
    {
      state = g_new0 (UndoState, 1);
      state->undo = g_array_new (FALSE, FALSE, sizeof (gint64));
      state->redo = g_array_new (FALSE, FALSE, sizeof (gint64));
      reset_state (self, state);
      g_object_set_qdata_full (G_OBJECT (self), quark, state, undo_state_free);
    }
  return state;
}

/* Takes in the entries written since the last look: new writes, by this store or
 * another program, can be undone and end what could be redone. */
static void
follow_log (LiaisonStore *self,
            UndoState    *state)
{
  g_autofree char *mark = read_mark (self, state->last_seen);
  gint64 was_seen = state->last_seen;
  sqlite3_stmt *stmt;

  /* The entry the stacks end at is gone or another one: a restore replaced the log. */
  if (g_strcmp0 (mark, state->last_mark) != 0)
    {
      g_debug ("The change log was replaced: undo starts again from its newest entry");
      reset_state (self, state);
      return;
    }

  stmt = _liaison_store_prepare (self, "SELECT id, action, summary FROM change_log WHERE id > ?1 ORDER BY id", NULL);
  if (stmt == NULL)
    return;

  sqlite3_bind_int64 (stmt, 1, state->last_seen);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      const char *action = (const char *) sqlite3_column_text (stmt, 1);

      state->last_seen = id;
      if (id == state->own_entry)
        continue;

      /* Statuses brought in line with the dates (liaison-store-stats.c) are nobody's
       * edit: undo passes over them to the user's own changes. */
      if (g_strcmp0 (action, "status") == 0)
        continue;

      g_array_set_size (state->redo, 0);
      if (g_strcmp0 (action, "create") == 0 || g_strcmp0 (action, "update") == 0 ||
          g_strcmp0 (action, "delete") == 0)
        {
          g_array_append_val (state->undo, id);
          g_clear_pointer (&state->barrier, g_free);
        }
      else
        {
          g_array_set_size (state->undo, 0);
          g_free (state->barrier);
          state->barrier = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
        }
    }
  sqlite3_reset (stmt);

  if (state->last_seen != was_seen)
    {
      g_free (state->last_mark);
      state->last_mark = read_mark (self, state->last_seen);
    }
}

static LiaisonChange *
load_change (LiaisonStore  *self,
             gint64         id,
             GError       **error)
{
  LiaisonChange *change = NULL;
  sqlite3_stmt *stmt;
  int rc;

  stmt = _liaison_store_prepare (self,
                                 "SELECT time, action, kind, record_uuid, summary, before, after"
                                 " FROM change_log WHERE id = ?1", error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      change = g_new0 (LiaisonChange, 1);
      change->id = id;
      change->time = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      change->action = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      change->kind = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      change->record_uuid = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      change->summary = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      change->before = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
      change->after = g_strdup ((const char *) sqlite3_column_text (stmt, 6));
    }
  sqlite3_reset (stmt);

  if (rc == SQLITE_DONE)
    g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_NOT_FOUND,
                 _("The change to undo is no longer in the change log"));
  else if (rc != SQLITE_ROW)
    _liaison_store_set_error (self, error, rc, _("read the history"));
  return change;
}

static gboolean
step (LiaisonStore  *self,
      gboolean       undo,
      GError       **error)
{
  UndoState *state = get_state (self);
  GArray *from = undo ? state->undo : state->redo;
  GArray *to = undo ? state->redo : state->undo;
  g_autoptr(LiaisonChange) change = NULL;
  gint64 id;
  gint64 entry = 0;

  follow_log (self, state);

  if (from->len == 0)
    {
      if (undo && state->barrier != NULL)
        g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_NOT_FOUND,
                     _("“%s” cannot be undone, nor anything before it: an import keeps no snapshots. "
                       "Delete the imported records, or open a backup of the database."),
                     state->barrier);
      else
        g_set_error_literal (error, LIAISON_ERROR, LIAISON_ERROR_NOT_FOUND,
                             undo ? _("There is nothing to undo") : _("There is nothing to redo"));
      return FALSE;
    }

  id = g_array_index (from, gint64, from->len - 1);
  if ((change = load_change (self, id, error)) == NULL)
    return FALSE;

  if (!_liaison_store_begin (self, error))
    return FALSE;

  if (!apply_change (self, change, undo, &entry, error))
    {
      _liaison_store_rollback (self);
      return FALSE;
    }

  /* Move the entry before committing: the commit tells everyone about the change, and
   * they may ask what can be undone next. */
  g_array_set_size (from, from->len - 1);
  g_array_append_val (to, id);
  state->own_entry = entry;

  if (!_liaison_store_commit (self, NULL, NULL, error))
    {
      g_array_set_size (to, to->len - 1);
      g_array_append_val (from, id);
      state->own_entry = 0;
      return FALSE;
    }

  follow_log (self, state);
  return TRUE;
}

/* Public API */

void
_liaison_store_undo_init (LiaisonStore *self)
{
  get_state (self);
}

/* After a restore: nothing from before it can be undone or redone. */
void
_liaison_store_undo_reset (LiaisonStore *self)
{
  reset_state (self, get_state (self));
}

/**
 * liaison_store_can_undo:
 *
 * Whether a change made since the store was opened can be undone.  The answer changes
 * only when the store writes: check again on #LiaisonStore::changed.
 */
gboolean
liaison_store_can_undo (LiaisonStore *self)
{
  UndoState *state;

  g_return_val_if_fail (LIAISON_IS_STORE (self), FALSE);

  state = get_state (self);
  follow_log (self, state);
  return state->undo->len > 0;
}

/**
 * liaison_store_can_redo:
 *
 * Whether an undone change can be made again.  A new change ends what can be redone.
 */
gboolean
liaison_store_can_redo (LiaisonStore *self)
{
  UndoState *state;

  g_return_val_if_fail (LIAISON_IS_STORE (self), FALSE);

  state = get_state (self);
  follow_log (self, state);
  return state->redo->len > 0;
}

/**
 * liaison_store_get_undo_summary:
 *
 * Returns: (nullable) (transfer full): the summary of the change undo would take
 *   back, "Deleted agreement “…”", or %NULL when there is none
 */
char *
liaison_store_get_undo_summary (LiaisonStore *self)
{
  UndoState *state;
  g_autoptr(LiaisonChange) change = NULL;

  g_return_val_if_fail (LIAISON_IS_STORE (self), NULL);

  state = get_state (self);
  follow_log (self, state);
  if (state->undo->len == 0 ||
      (change = load_change (self, g_array_index (state->undo, gint64, state->undo->len - 1), NULL)) == NULL)
    return NULL;
  return g_steal_pointer (&change->summary);
}

/**
 * liaison_store_undo:
 *
 * Takes back the newest change that is not undone yet: a created record is deleted, a
 * changed one gets its fields and links back, a deleted one comes back with its UUID,
 * its links and the links of the records that referred to it.  One transaction, one
 * change-log entry.
 */
gboolean
liaison_store_undo (LiaisonStore  *self,
                    GError       **error)
{
  g_return_val_if_fail (LIAISON_IS_STORE (self), FALSE);
  return step (self, TRUE, error);
}

/**
 * liaison_store_redo:
 *
 * Makes the most recently undone change again.  One transaction, one change-log entry.
 */
gboolean
liaison_store_redo (LiaisonStore  *self,
                    GError       **error)
{
  g_return_val_if_fail (LIAISON_IS_STORE (self), FALSE);
  return step (self, FALSE, error);
}

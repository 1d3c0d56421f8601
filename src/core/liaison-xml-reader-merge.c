/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-xml-reader"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "liaison-error.h"
#include "liaison-exchange-private.h"
#include "liaison-store-private.h"
#include "liaison-xml-reader-private.h"

/*
 * What the importer does with each record it has read: the merge rules (see
 * liaison-xml-reader.c) decide whether it is new, updated, kept or a conflict, and
 * the references between records of the file are set once all of them are in.
 */

/* Decides what becomes of a record the store has already, by the merge rules. */
static LiaisonImportOutcome
merge_outcome (Import        *import,
               LiaisonRecord *stored,
               const char    *theirs)
{
  g_autofree char *noted = NULL;
  g_autofree char *ours = NULL;

  ours = _liaison_record_digest (stored);
  if (g_str_equal (ours, theirs))
    return LIAISON_IMPORT_UNCHANGED;

  noted = _liaison_store_exchange_lookup (import->store, liaison_record_get_uuid (stored));
  if (noted == NULL)
    return LIAISON_IMPORT_CONFLICT;   /* never exchanged: who knows which is newer */
  if (g_str_equal (noted, theirs))
    return LIAISON_IMPORT_KEPT;       /* changed here only */
  if (g_str_equal (noted, ours))
    return LIAISON_IMPORT_UPDATED;    /* changed there only */
  return LIAISON_IMPORT_CONFLICT;
}

static void
add_conflict (Import        *import,
              LiaisonRecord *stored)
{
  if (import->stats.conflicts > MAX_LISTED_CONFLICTS)
    return;

  if (import->stats.conflicts == MAX_LISTED_CONFLICTS)
    {
      g_string_append (import->conflicts, "\n  …");
      return;
    }

  g_string_append_printf (import->conflicts, "\n  %s:%d: %s “%s” (%s), changed here on %s",
                          import->name, import->record_line,
                          liaison_record_kind_to_string (liaison_record_get_kind (stored)),
                          liaison_record_get_title (stored), liaison_record_get_uuid (stored),
                          liaison_record_get_modified (stored));
}

static gboolean
merge_record (Import  *import,
              GError **error)
{
  LiaisonRecord *record = import->record;
  LiaisonRecordKind kind = liaison_record_get_kind (record);
  const char *uuid = liaison_record_get_uuid (record);
  g_autoptr(GError) local_error = NULL;
  g_autofree char *theirs = _liaison_record_digest (record);
  gint64 existing;

  existing = _liaison_store_lookup_id (import->store, kind, uuid);
  if (existing != 0)
    {
      g_autoptr(LiaisonRecord) stored = NULL;
      LiaisonImportOutcome outcome;

      if (existing > import->last_id[kind] || g_hash_table_contains (import->updated, uuid))
        {
          g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_DUPLICATE,
                       _("%s:%d: the UUID %s is used by two records in this document"),
                       import->name, import->record_line, uuid);
          return FALSE;
        }

      stored = liaison_store_load (import->store, kind, existing, error);
      if (stored == NULL)
        return FALSE;

      outcome = merge_outcome (import, stored, theirs);
      if (outcome != LIAISON_IMPORT_UNCHANGED)
        g_hash_table_add (import->updated, g_strdup (uuid));
      _liaison_import_tell (import, outcome);

      switch (outcome)
        {
        case LIAISON_IMPORT_UNCHANGED:
          import->stats.unchanged++;
          return _liaison_store_exchange_set (import->store, uuid, theirs, error);

        case LIAISON_IMPORT_KEPT:
          import->stats.kept++;
          return TRUE;

        case LIAISON_IMPORT_CONFLICT:
          import->stats.conflicts++;
          if (import->flags & LIAISON_IMPORT_KEEP_LOCAL)
            /* Settled for ours: the next import of the same copy of theirs keeps ours. */
            return _liaison_store_exchange_set (import->store, uuid, theirs, error);
          if ((import->flags & LIAISON_IMPORT_TAKE_THEIRS) == 0)
            {
              add_conflict (import, stored);
              return TRUE;  /* go on, to name them all */
            }
          import->stats.updated++;
          break;

        case LIAISON_IMPORT_UPDATED:
        case LIAISON_IMPORT_NEW:
        default:
          import->stats.updated++;
          break;
        }
    }
  else
    {
      const LiaisonField *fields;
      guint n_fields;

      /* A parent further down the same section: link it up at the end. */
      fields = liaison_record_kind_get_fields (kind, &n_fields);
      for (guint i = 0; i < n_fields; i++)
        {
          const char *target = liaison_record_get_field_at (record, i);

          if (fields[i].type != LIAISON_FIELD_REFERENCE || fields[i].target != kind || target == NULL ||
              g_strcmp0 (target, uuid) == 0 || _liaison_store_lookup_id (import->store, kind, target) != 0)
            continue;

          {
            Fixup fixup = { kind, g_strdup (uuid), i, g_strdup (target), import->record_line };
            g_array_append_val (import->fixups, fixup);
          }
          liaison_record_set_field_at (record, i, NULL);
        }

      _liaison_import_tell (import, LIAISON_IMPORT_NEW);
      import->stats.added++;
    }

  if (!_liaison_store_save_full (import->store, record,
                                 LIAISON_SAVE_KEEP_TIMES | LIAISON_SAVE_NO_LOG, &local_error) ||
      !_liaison_store_exchange_set (import->store, uuid, theirs, &local_error))
    {
      g_set_error (error, LIAISON_ERROR,
                   local_error->domain == LIAISON_ERROR ? local_error->code : LIAISON_ERROR_FAILED,
                   "%s:%d: %s", import->name, import->record_line, local_error->message);
      return FALSE;
    }

  return TRUE;
}

gboolean
_liaison_import_finish_record (Import  *import,
                               GError **error)
{
  if (!merge_record (import, error))
    return FALSE;

  /* An import that has added more records than the store had goes on without indexes,
   * and builds them once at the end: that costs at most about as much again as indexing
   * what it added row by row, and is several times faster on a big document.  The
   * merge needs only the lookups by UUID and by record, which stay. */
  if (import->indexes == NULL && import->stats.added > MAX (import->n_stored, BULK_IMPORT_RECORDS))
    {
      import->indexes = _liaison_store_suspend_indexes (import->store, error);
      if (import->indexes == NULL)
        return FALSE;
    }

  if (++import->n_records % 1000 == 0)
    {
      if (g_cancellable_set_error_if_cancelled (import->cancellable, error))
        return FALSE;
      if (import->progress && import->size > 0)
        import->progress (CLAMP ((double) xmlTextReaderByteConsumed (import->reader) / (double) import->size, 0.0, 1.0),
                          import->user_data);
    }

  return TRUE;
}

gboolean
_liaison_import_apply_fixups (Import  *import,
                              GError **error)
{
  for (guint i = 0; i < import->fixups->len; i++)
    {
      const Fixup *fixup = &g_array_index (import->fixups, Fixup, i);
      const LiaisonField *field = &liaison_record_kind_get_fields (fixup->kind, NULL)[fixup->field];
      g_autoptr(GError) local_error = NULL;

      if (_liaison_store_lookup_id (import->store, fixup->kind, fixup->target) == 0)
        {
          g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_DANGLING_REFERENCE,
                       _("%s:%d: the field “%s” refers to the %s %s, which is neither in the document nor in the database"),
                       import->name, fixup->line, field->name,
                       liaison_record_kind_to_string (fixup->kind), fixup->target);
          return FALSE;
        }

      if (!_liaison_store_set_reference (import->store, fixup->kind, fixup->uuid,
                                         fixup->field, fixup->target, &local_error))
        {
          g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_FAILED,
                       "%s:%d: %s", import->name, fixup->line, local_error->message);
          return FALSE;
        }
    }
  return TRUE;
}

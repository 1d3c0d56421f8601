/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-store-undo"

#include "config.h"

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

#define MAX_JSON_DEPTH 32

static const char * const link_names[] = {
  [LIAISON_LINK_PARTY] = "party",
  [LIAISON_LINK_INSTITUTION] = "institution",
  [LIAISON_LINK_PERSON] = "person",
  [LIAISON_LINK_AGREEMENT] = "agreement",
  [LIAISON_LINK_TAG] = "tag",
  [LIAISON_LINK_CITATION] = "cite",
};

/* Who can refer to a record of a kind: each query lists the referring records' UUIDs. */
static const struct {
  LiaisonRecordKind  kind;
  const char        *sql;
} referrer_queries[] = {
  { LIAISON_RECORD_INSTITUTION, "SELECT uuid FROM institution WHERE parent_id = ?1" },
  { LIAISON_RECORD_INSTITUTION, "SELECT uuid FROM person WHERE institution_id = ?1" },
  { LIAISON_RECORD_INSTITUTION, "SELECT uuid FROM event WHERE host_id = ?1" },
  { LIAISON_RECORD_INSTITUTION, "SELECT a.uuid FROM agreement_party p JOIN agreement a ON a.id = p.agreement_id"
                                " WHERE p.institution_id = ?1" },
  { LIAISON_RECORD_INSTITUTION, "SELECT e.uuid FROM event_institution x JOIN event e ON e.id = x.event_id"
                                " WHERE x.institution_id = ?1" },
  { LIAISON_RECORD_PERSON, "SELECT uuid FROM agreement WHERE responsible_id = ?1" },
  { LIAISON_RECORD_PERSON, "SELECT a.uuid FROM agreement_party p JOIN agreement a ON a.id = p.agreement_id"
                           " WHERE p.signatory_id = ?1" },
  { LIAISON_RECORD_PERSON, "SELECT e.uuid FROM event_person x JOIN event e ON e.id = x.event_id"
                           " WHERE x.person_id = ?1" },
  { LIAISON_RECORD_AGREEMENT, "SELECT uuid FROM agreement WHERE parent_id = ?1" },
  { LIAISON_RECORD_AGREEMENT, "SELECT e.uuid FROM event_agreement x JOIN event e ON e.id = x.event_id"
                              " WHERE x.agreement_id = ?1" },
  { LIAISON_RECORD_SOURCE, "SELECT record_uuid FROM citation WHERE source_id = ?1" },
};

/* Reading snapshots: a small JSON reader into GVariant (a{sv}, av, s, d, b, mv) */

static void
set_json_error (GError     **error,
                const char  *start,
                const char  *at,
                const char  *what)
{
  g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID_DOCUMENT,
               _("A snapshot in the change log is damaged at character %ld: %s"),
               (long) (at - start) + 1, what);
}

static void
skip_space (const char **p)
{
  while (**p == ' ' || **p == '\t' || **p == '\n' || **p == '\r')
    (*p)++;
}

static gboolean
read_hex4 (const char *p,
           gunichar   *value)
{
  *value = 0;
  for (guint i = 0; i < 4; i++)
    {
      int digit = g_ascii_xdigit_value (p[i]);

      if (digit < 0)
        return FALSE;
      *value = (*value << 4) | (gunichar) digit;
    }
  return TRUE;
}

static char *
read_string (const char  *start,
             const char **p,
             GError     **error)
{
  g_autoptr(GString) out = g_string_new (NULL);

  g_assert (**p == '"');
  (*p)++;

  while (**p != '"')
    {
      gunichar c;

      if (**p == '\0' || (guchar) **p < 0x20)
        {
          set_json_error (error, start, *p, _("a text does not end"));
          return NULL;
        }
      if (**p != '\\')
        {
          g_string_append_c (out, **p);
          (*p)++;
          continue;
        }

      (*p)++;
      switch (**p)
        {
        case '"': g_string_append_c (out, '"'); break;
        case '\\': g_string_append_c (out, '\\'); break;
        case '/': g_string_append_c (out, '/'); break;
        case 'b': g_string_append_c (out, '\b'); break;
        case 'f': g_string_append_c (out, '\f'); break;
        case 'n': g_string_append_c (out, '\n'); break;
        case 'r': g_string_append_c (out, '\r'); break;
        case 't': g_string_append_c (out, '\t'); break;
        case 'u':
          if (!read_hex4 (*p + 1, &c))
            {
              set_json_error (error, start, *p, _("a \\u escape needs four hex digits"));
              return NULL;
            }
          *p += 4;
          if (c >= 0xd800 && c < 0xdc00)
            {
              gunichar low;

              if ((*p)[1] != '\\' || (*p)[2] != 'u' || !read_hex4 (*p + 3, &low) ||
                  low < 0xdc00 || low >= 0xe000)
                {
                  set_json_error (error, start, *p, _("half of a surrogate pair"));
                  return NULL;
                }
              c = 0x10000 + ((c - 0xd800) << 10) + (low - 0xdc00);
              *p += 6;
            }
          else if (c >= 0xdc00 && c < 0xe000)
            {
              set_json_error (error, start, *p, _("half of a surrogate pair"));
              return NULL;
            }
          g_string_append_unichar (out, c);
          break;
        default:
          set_json_error (error, start, *p, _("an unknown escape"));
          return NULL;
        }
      (*p)++;
    }
  (*p)++;

  if (!g_utf8_validate (out->str, out->len, NULL))
    {
      set_json_error (error, start, *p, _("a text is not valid UTF-8"));
      return NULL;
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static GVariant *
read_value (const char  *start,
            const char **p,
            guint        depth,
            GError     **error)
{
  skip_space (p);

  if (depth > MAX_JSON_DEPTH)
    {
      set_json_error (error, start, *p, _("too deeply nested"));
      return NULL;
    }

  if (**p == '"')
    {
      char *text = read_string (start, p, error);

      return text ? g_variant_new_take_string (text) : NULL;
    }

  if (**p == '{' || **p == '[')
    {
      gboolean object = (**p == '{');
      char close = object ? '}' : ']';
      g_auto(GVariantBuilder) builder;

      g_variant_builder_init (&builder, object ? G_VARIANT_TYPE_VARDICT : G_VARIANT_TYPE ("av"));
      (*p)++;
      skip_space (p);
      if (**p == close)
        {
          (*p)++;
          return g_variant_builder_end (&builder);
        }

      for (;;)
        {
          g_autofree char *key = NULL;
          GVariant *value;

          skip_space (p);
          if (object)
            {
              if (**p != '"')
                {
                  set_json_error (error, start, *p, _("a member name was expected"));
                  return NULL;
                }
              if ((key = read_string (start, p, error)) == NULL)
                return NULL;
              skip_space (p);
              if (**p != ':')
                {
                  set_json_error (error, start, *p, _("“:” was expected"));
                  return NULL;
                }
              (*p)++;
            }

          if ((value = read_value (start, p, depth + 1, error)) == NULL)
            return NULL;
          if (object)
            g_variant_builder_add (&builder, "{sv}", key, value);
          else
            g_variant_builder_add (&builder, "v", value);

          skip_space (p);
          if (**p == ',')
            {
              (*p)++;
              continue;
            }
          if (**p == close)
            {
              (*p)++;
              return g_variant_builder_end (&builder);
            }
          set_json_error (error, start, *p, object ? _("“,” or “}” was expected") : _("“,” or “]” was expected"));
          return NULL;
        }
    }

  if (strncmp (*p, "true", 4) == 0 || strncmp (*p, "false", 5) == 0)
    {
      gboolean value = (**p == 't');

      *p += value ? 4 : 5;
      return g_variant_new_boolean (value);
    }

  if (strncmp (*p, "null", 4) == 0)
    {
      *p += 4;
      return g_variant_new_maybe (G_VARIANT_TYPE_STRING, NULL);
    }

  if (**p == '-' || g_ascii_isdigit (**p))
    {
      char *end = NULL;
      double value = g_ascii_strtod (*p, &end);

      if (end == *p)
        {
          set_json_error (error, start, *p, _("a number was expected"));
          return NULL;
        }
      *p = end;
      return g_variant_new_double (value);
    }

  set_json_error (error, start, *p, _("a value was expected"));
  return NULL;
}

static GVariant *
parse_json_object (const char  *json,
                   GError     **error)
{
  const char *p = json;
  g_autoptr(GVariant) value = NULL;

  skip_space (&p);
  if (*p != '{')
    {
      set_json_error (error, json, p, _("“{” was expected"));
      return NULL;
    }
  value = read_value (json, &p, 0, error);
  if (value == NULL)
    return NULL;
  g_variant_ref_sink (value);
  skip_space (&p);
  if (*p != '\0')
    {
      set_json_error (error, json, p, _("text follows the end"));
      return NULL;
    }
  return g_steal_pointer (&value);
}

static const char *
lookup_string (GVariant   *object,
               const char *key)
{
  g_autoptr(GVariant) value = g_variant_lookup_value (object, key, G_VARIANT_TYPE_STRING);

  /* The string lives as long as @object: it is part of its serialised data. */
  return value ? g_variant_get_string (value, NULL) : NULL;
}

static gboolean
link_type_from_string (const char      *name,
                       LiaisonLinkType *type)
{
  for (guint i = 0; i < G_N_ELEMENTS (link_names); i++)
    {
      if (g_strcmp0 (link_names[i], name) == 0)
        {
          *type = (LiaisonLinkType) i;
          return TRUE;
        }
    }
  return FALSE;
}

static LiaisonRecord *
record_from_object (LiaisonRecordKind   kind,
                    GVariant           *object,
                    GError            **error)
{
  g_autoptr(LiaisonRecord) record = liaison_record_new (kind);
  g_autoptr(GVariant) links = NULL;
  guint n_fields;
  GVariantIter iter;
  const char *key;
  GVariant *value;

  liaison_record_set_uuid (record, lookup_string (object, "uuid"));
  liaison_record_set_created (record, lookup_string (object, "created"));

  /* A snapshot names only the fields that hold something: the rest are empty, even
   * the choices that a new record fills with a default. */
  liaison_record_kind_get_fields (kind, &n_fields);
  for (guint i = 0; i < n_fields; i++)
    liaison_record_set_field_at (record, i, NULL);

  g_variant_iter_init (&iter, object);
  while (g_variant_iter_loop (&iter, "{&sv}", &key, &value))
    {
      guint index;

      if (!g_variant_is_of_type (value, G_VARIANT_TYPE_STRING) ||
          liaison_record_kind_find_field (kind, key, &index) == NULL)
        continue;
      liaison_record_set_field_at (record, index, g_variant_get_string (value, NULL));
    }

  links = g_variant_lookup_value (object, "links", G_VARIANT_TYPE ("av"));
  for (gsize i = 0; links != NULL && i < g_variant_n_children (links); i++)
    {
      g_autoptr(GVariant) boxed = g_variant_get_child_value (links, i);
      g_autoptr(GVariant) link = g_variant_get_variant (boxed);
      LiaisonLinkType type;

      if (!g_variant_is_of_type (link, G_VARIANT_TYPE_VARDICT) ||
          !link_type_from_string (lookup_string (link, "type"), &type) ||
          lookup_string (link, "target") == NULL)
        {
          g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID_DOCUMENT,
                       _("A snapshot in the change log has a damaged link (number %u)"), (guint) i + 1);
          return NULL;
        }
      liaison_record_add_link (record, liaison_link_new (type,
                                                         lookup_string (link, "target"),
                                                         lookup_string (link, "role"),
                                                         lookup_string (link, "signatory")));
    }

  return g_steal_pointer (&record);
}

static LiaisonRecord *
record_from_snapshot (LiaisonRecordKind   kind,
                      const char         *json,
                      GVariant          **object_out,
                      GError            **error)
{
  g_autoptr(GVariant) object = parse_json_object (json, error);
  LiaisonRecord *record;

  if (object == NULL)
    return NULL;
  record = record_from_object (kind, object, error);
  if (record != NULL && object_out != NULL)
    *object_out = g_steal_pointer (&object);
  return record;
}

static LiaisonRecord *
change_dup_snapshot (const LiaisonChange  *change,
                     const char           *json,
                     GError              **error)
{
  LiaisonRecordKind kind;

  if (json == NULL)
    return NULL;

  if (!liaison_record_kind_from_string (change->kind, &kind))
    {
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID_DOCUMENT,
                   _("The change log entry %" G_GINT64_FORMAT " names an unknown kind of record, “%s”"),
                   change->id, change->kind ? change->kind : "");
      return NULL;
    }
  return record_from_snapshot (kind, json, NULL, error);
}

/* Snapshots for a delete */

static gboolean
is_plain_json_text (const char *text)
{
  for (const char *p = text; *p; p++)
    if (*p == '"' || *p == '\\' || (guchar) *p < 0x20)
      return FALSE;
  return TRUE;
}

/* The snapshot of a record with members added after its links: the same shape the
 * change log keeps for creates and updates, so every reader of snapshots reads it. */
static void
append_snapshot (GString       *out,
                 LiaisonRecord *record,
                 const char    *extra_name,
                 const char    *extra_value)
{
  g_autofree char *json = _liaison_record_to_json (record);
  gsize len = strlen (json);

  g_assert (len > 0 && json[len - 1] == '}');
  g_string_append_len (out, json, len - 1);
  if (extra_value != NULL && is_plain_json_text (extra_value))
    g_string_append_printf (out, ",\"%s\":\"%s\"", extra_name, extra_value);
}

/**
 * _liaison_store_snapshot_for_delete:
 *
 * The snapshot the change log keeps of a record about to be deleted: the record, its
 * creation time, and the records that refer to it, each as it is now.
 */
char *
_liaison_store_snapshot_for_delete (LiaisonStore   *self,
                                    LiaisonRecord  *record,
                                    GError        **error)
{
  LiaisonRecordKind kind = liaison_record_get_kind (record);
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GPtrArray) referrers = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint q = 0; q < G_N_ELEMENTS (referrer_queries); q++)
    {
      sqlite3_stmt *stmt;
      int rc;

      if (referrer_queries[q].kind != kind)
        continue;

      stmt = _liaison_store_prepare (self, referrer_queries[q].sql, error);
      if (stmt == NULL)
        return NULL;
      sqlite3_bind_int64 (stmt, 1, liaison_record_get_id (record));
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          const char *uuid = (const char *) sqlite3_column_text (stmt, 0);

          if (uuid == NULL || g_hash_table_contains (seen, uuid) ||
              g_strcmp0 (uuid, liaison_record_get_uuid (record)) == 0)
            continue;
          g_ptr_array_add (referrers, g_strdup (uuid));
          g_hash_table_add (seen, g_ptr_array_index (referrers, referrers->len - 1));
        }
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        {
          _liaison_store_set_error (self, error, rc, _("read the records that refer to it"));
          return NULL;
        }
    }

  append_snapshot (out, record, "created", liaison_record_get_created (record));
  g_string_append (out, ",\"referrers\":[");
  for (guint i = 0; i < referrers->len; i++)
    {
      g_autoptr(LiaisonRecord) referrer = liaison_store_load_by_uuid (self, g_ptr_array_index (referrers, i), error);

      if (referrer == NULL)
        return NULL;
      if (i > 0)
        g_string_append_c (out, ',');
      append_snapshot (out, referrer, "record-kind", liaison_record_kind_to_string (liaison_record_get_kind (referrer)));
      g_string_append_c (out, '}');
    }
  g_string_append (out, "]}");

  return g_string_free (g_steal_pointer (&out), FALSE);
}

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
          !liaison_record_kind_from_string (lookup_string (object, "record-kind"), &kind))
        {
          g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID_DOCUMENT,
                       _("A snapshot in the change log has a damaged referring record (number %u)"),
                       (guint) i + 1);
          return FALSE;
        }

      current = load_if_present (self, lookup_string (object, "uuid"), error);
      if (current == NULL)
        {
          /* Deleted since, by a change that is not undone: nothing to link again. */
          if (error && *error)
            return FALSE;
          continue;
        }

      target = record_from_object (kind, object, error);
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
                   _("The change log entry %" G_GINT64_FORMAT " does not name its record; it cannot be undone or redone"),
                   change->id);
      return FALSE;
    }

  current = load_if_present (self, change->record_uuid, error);
  if (current == NULL && error && *error)
    return FALSE;
  if (expected_json != NULL &&
      (expected = record_from_snapshot (kind, expected_json, NULL, error)) == NULL)
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
      target = record_from_snapshot (kind, target_json, &target_object, error);
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

/**
 * liaison_change_dup_before:
 *
 * Returns: (transfer full) (nullable): the record as it was before the change, or
 *   %NULL when there was none (a create, an import) or, with @error set, when the
 *   snapshot cannot be read
 */
LiaisonRecord *
liaison_change_dup_before (const LiaisonChange  *change,
                           GError              **error)
{
  g_return_val_if_fail (change != NULL, NULL);
  return change_dup_snapshot (change, change->before, error);
}

/**
 * liaison_change_dup_after:
 *
 * Returns: (transfer full) (nullable): the record as the change left it, or %NULL when
 *   there is none (a delete, an import) or, with @error set, when the snapshot cannot
 *   be read
 */
LiaisonRecord *
liaison_change_dup_after (const LiaisonChange  *change,
                          GError              **error)
{
  g_return_val_if_fail (change != NULL, NULL);
  return change_dup_snapshot (change, change->after, error);
}

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

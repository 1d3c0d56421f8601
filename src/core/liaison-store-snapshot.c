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
 * The snapshots of records the change log keeps, as JSON: reading them back into
 * records (a small JSON reader into GVariant), and taking the snapshot of a record
 * about to be deleted with the records that refer to it.
 */

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

const char *
_liaison_store_lookup_string (GVariant   *object,
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

LiaisonRecord *
_liaison_store_record_from_object (LiaisonRecordKind   kind,
                                   GVariant           *object,
                                   GError            **error)
{
  g_autoptr(LiaisonRecord) record = liaison_record_new (kind);
  g_autoptr(GVariant) links = NULL;
  guint n_fields;
  GVariantIter iter;
  const char *key;
  GVariant *value;

  liaison_record_set_uuid (record, _liaison_store_lookup_string (object, "uuid"));
  liaison_record_set_created (record, _liaison_store_lookup_string (object, "created"));

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
          !link_type_from_string (_liaison_store_lookup_string (link, "type"), &type) ||
          _liaison_store_lookup_string (link, "target") == NULL)
        {
          g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID_DOCUMENT,
                       _("A snapshot in the change log has a damaged link (number %u)"), (guint) i + 1);
          return NULL;
        }
      liaison_record_add_link (record, liaison_link_new (type,
                                                         _liaison_store_lookup_string (link, "target"),
                                                         _liaison_store_lookup_string (link, "role"),
                                                         _liaison_store_lookup_string (link, "signatory")));
    }

  return g_steal_pointer (&record);
}

LiaisonRecord *
_liaison_store_record_from_snapshot (LiaisonRecordKind   kind,
                                     const char         *json,
                                     GVariant          **object_out,
                                     GError            **error)
{
  g_autoptr(GVariant) object = parse_json_object (json, error);
  LiaisonRecord *record;

  if (object == NULL)
    return NULL;
  record = _liaison_store_record_from_object (kind, object, error);
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
                   _("The change log entry %" PRId64 " names an unknown kind of record, “%s”"),
                   change->id, change->kind ? change->kind : "");
      return NULL;
    }
  return _liaison_store_record_from_snapshot (kind, json, NULL, error);
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

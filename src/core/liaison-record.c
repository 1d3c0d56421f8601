/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-record"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "liaison-date.h"
#include "liaison-error.h"
#include "liaison-agreement.h"
#include "liaison-event.h"
#include "liaison-institution.h"
#include "liaison-person.h"
#include "liaison-record-private.h"
#include "liaison-source.h"

typedef struct
{
  gint64   id;
  char    *uuid;
  char    *created;
  char    *modified;
  gint64   revision;
  char   **values;      /* one per field of the kind, NULL when empty */
  GPtrArray *links;     /* of LiaisonLink */
} LiaisonRecordPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (LiaisonRecord, liaison_record, G_TYPE_OBJECT)

G_DEFINE_BOXED_TYPE (LiaisonLink, liaison_link, liaison_link_copy, liaison_link_free)

enum {
  PROP_0,
  PROP_ID,
  PROP_UUID,
  PROP_CREATED,
  PROP_MODIFIED,
  PROP_REVISION,
  PROP_TITLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Record */

static void
set_string (char       **slot,
            const char  *value)
{
  if (value != NULL && *value == '\0')
    value = NULL;
  if (g_strcmp0 (*slot, value) == 0)
    return;
  g_free (*slot);
  *slot = g_strdup (value);
}

static void
liaison_record_finalize (GObject *object)
{
  LiaisonRecord *self = (LiaisonRecord *)object;
  LiaisonRecordPrivate *priv = liaison_record_get_instance_private (self);
  guint n_fields = _liaison_record_kinds[LIAISON_RECORD_GET_CLASS (self)->kind].n_fields;

  for (guint i = 0; i < n_fields; i++)
    g_free (priv->values[i]);
  g_free (priv->values);
  g_clear_pointer (&priv->links, g_ptr_array_unref);
  g_free (priv->uuid);
  g_free (priv->created);
  g_free (priv->modified);

  G_OBJECT_CLASS (liaison_record_parent_class)->finalize (object);
}

static void
liaison_record_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  LiaisonRecord *self = LIAISON_RECORD (object);
  LiaisonRecordPrivate *priv = liaison_record_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, priv->id);
      break;
    case PROP_UUID:
      g_value_set_string (value, priv->uuid);
      break;
    case PROP_CREATED:
      g_value_set_string (value, priv->created);
      break;
    case PROP_MODIFIED:
      g_value_set_string (value, priv->modified);
      break;
    case PROP_REVISION:
      g_value_set_int64 (value, priv->revision);
      break;
    case PROP_TITLE:
      g_value_set_string (value, liaison_record_get_title (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liaison_record_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  LiaisonRecord *self = LIAISON_RECORD (object);

  switch (prop_id)
    {
    case PROP_ID:
      liaison_record_set_id (self, g_value_get_int64 (value));
      break;
    case PROP_UUID:
      liaison_record_set_uuid (self, g_value_get_string (value));
      break;
    case PROP_CREATED:
      liaison_record_set_created (self, g_value_get_string (value));
      break;
    case PROP_MODIFIED:
      liaison_record_set_modified (self, g_value_get_string (value));
      break;
    case PROP_REVISION:
      liaison_record_set_revision (self, g_value_get_int64 (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liaison_record_constructed (GObject *object)
{
  LiaisonRecord *self = LIAISON_RECORD (object);
  LiaisonRecordPrivate *priv = liaison_record_get_instance_private (self);
  LiaisonRecordKind kind = LIAISON_RECORD_GET_CLASS (self)->kind;
  guint choice = 0;

  G_OBJECT_CLASS (liaison_record_parent_class)->constructed (object);

  priv->values = g_new0 (char *, _liaison_record_kinds[kind].n_fields);
  for (guint i = 0; i < _liaison_record_kinds[kind].n_fields && choice < 2; i++)
    if (_liaison_record_kinds[kind].fields[i].type == LIAISON_FIELD_CHOICE)
      priv->values[i] = g_strdup (_liaison_record_kinds[kind].default_choices[choice++]);
}

static void
liaison_record_class_init (LiaisonRecordClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = liaison_record_constructed;
  object_class->finalize = liaison_record_finalize;
  object_class->get_property = liaison_record_get_property;
  object_class->set_property = liaison_record_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_UUID] =
    g_param_spec_string ("uuid", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CREATED] =
    g_param_spec_string ("created", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MODIFIED] =
    g_param_spec_string ("modified", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REVISION] =
    g_param_spec_int64 ("revision", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
liaison_record_init (LiaisonRecord *self)
{
  LiaisonRecordPrivate *priv = liaison_record_get_instance_private (self);

  priv->links = g_ptr_array_new_with_free_func ((GDestroyNotify) liaison_link_free);
}

/**
 * liaison_record_new:
 * @kind: the kind of record
 *
 * Returns: (transfer full): a new, unsaved record with the kind's default choices
 */
LiaisonRecord *
liaison_record_new (LiaisonRecordKind kind)
{
  g_return_val_if_fail (kind < LIAISON_N_RECORD_KINDS, NULL);

  return g_object_new (_liaison_record_kind_get_gtype (kind), NULL);
}

LiaisonRecordKind
liaison_record_get_kind (LiaisonRecord *self)
{
  g_return_val_if_fail (LIAISON_IS_RECORD (self), 0);
  return LIAISON_RECORD_GET_CLASS (self)->kind;
}

gint64
liaison_record_get_id (LiaisonRecord *self)
{
  LiaisonRecordPrivate *priv = liaison_record_get_instance_private (self);

  g_return_val_if_fail (LIAISON_IS_RECORD (self), 0);
  return priv->id;
}

void
liaison_record_set_id (LiaisonRecord *self,
                       gint64         id)
{
  LiaisonRecordPrivate *priv = liaison_record_get_instance_private (self);

  g_return_if_fail (LIAISON_IS_RECORD (self));
  if (priv->id == id)
    return;
  priv->id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

const char *
liaison_record_get_uuid (LiaisonRecord *self)
{
  LiaisonRecordPrivate *priv = liaison_record_get_instance_private (self);

  g_return_val_if_fail (LIAISON_IS_RECORD (self), NULL);
  return priv->uuid;
}

void
liaison_record_set_uuid (LiaisonRecord *self,
                         const char    *uuid)
{
  LiaisonRecordPrivate *priv = liaison_record_get_instance_private (self);

  g_return_if_fail (LIAISON_IS_RECORD (self));
  if (g_strcmp0 (priv->uuid, uuid) == 0)
    return;
  set_string (&priv->uuid, uuid);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UUID]);
}

const char *
liaison_record_get_created (LiaisonRecord *self)
{
  LiaisonRecordPrivate *priv = liaison_record_get_instance_private (self);

  g_return_val_if_fail (LIAISON_IS_RECORD (self), NULL);
  return priv->created;
}

void
liaison_record_set_created (LiaisonRecord *self,
                            const char    *created)
{
  LiaisonRecordPrivate *priv = liaison_record_get_instance_private (self);

  g_return_if_fail (LIAISON_IS_RECORD (self));
  if (g_strcmp0 (priv->created, created) == 0)
    return;
  set_string (&priv->created, created);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CREATED]);
}

const char *
liaison_record_get_modified (LiaisonRecord *self)
{
  LiaisonRecordPrivate *priv = liaison_record_get_instance_private (self);

  g_return_val_if_fail (LIAISON_IS_RECORD (self), NULL);
  return priv->modified;
}

void
liaison_record_set_modified (LiaisonRecord *self,
                             const char    *modified)
{
  LiaisonRecordPrivate *priv = liaison_record_get_instance_private (self);

  g_return_if_fail (LIAISON_IS_RECORD (self));
  if (g_strcmp0 (priv->modified, modified) == 0)
    return;
  set_string (&priv->modified, modified);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
}

gint64
liaison_record_get_revision (LiaisonRecord *self)
{
  LiaisonRecordPrivate *priv = liaison_record_get_instance_private (self);

  g_return_val_if_fail (LIAISON_IS_RECORD (self), 0);
  return priv->revision;
}

void
liaison_record_set_revision (LiaisonRecord *self,
                             gint64         revision)
{
  LiaisonRecordPrivate *priv = liaison_record_get_instance_private (self);

  g_return_if_fail (LIAISON_IS_RECORD (self));
  if (priv->revision == revision)
    return;
  priv->revision = revision;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REVISION]);
}

/**
 * liaison_record_get_title:
 *
 * Returns: (nullable): the record's name or title, its first field
 */
const char *
liaison_record_get_title (LiaisonRecord *self)
{
  return liaison_record_get_field_at (self, 0);
}

const char *
liaison_record_get_field_at (LiaisonRecord *self,
                             guint          index)
{
  LiaisonRecordPrivate *priv = liaison_record_get_instance_private (self);

  g_return_val_if_fail (LIAISON_IS_RECORD (self), NULL);
  g_return_val_if_fail (index < _liaison_record_kinds[liaison_record_get_kind (self)].n_fields, NULL);

  return priv->values[index];
}

void
liaison_record_set_field_at (LiaisonRecord *self,
                             guint          index,
                             const char    *value)
{
  LiaisonRecordPrivate *priv = liaison_record_get_instance_private (self);
  LiaisonRecordKind kind;
  g_autofree char *old = NULL;

  g_return_if_fail (LIAISON_IS_RECORD (self));
  kind = liaison_record_get_kind (self);
  g_return_if_fail (index < _liaison_record_kinds[kind].n_fields);

  old = g_strdup (priv->values[index]);
  set_string (&priv->values[index], value);
  if (g_strcmp0 (old, priv->values[index]) == 0)
    return;

  if (index == 0)
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
      if (strcmp (_liaison_record_kinds[kind].fields[0].name, "title") == 0)
        return;
    }
  g_object_notify (G_OBJECT (self), _liaison_record_kinds[kind].fields[index].name);
}

/**
 * liaison_record_get_field:
 * @name: a field's name, as in the XML ("local-name")
 *
 * Returns: (nullable): the field's value, %NULL when empty
 */
const char *
liaison_record_get_field (LiaisonRecord *self,
                          const char    *name)
{
  guint index;

  g_return_val_if_fail (LIAISON_IS_RECORD (self), NULL);

  if (!liaison_record_kind_find_field (liaison_record_get_kind (self), name, &index))
    g_return_val_if_reached (NULL);

  return liaison_record_get_field_at (self, index);
}

void
liaison_record_set_field (LiaisonRecord *self,
                          const char    *name,
                          const char    *value)
{
  guint index;

  g_return_if_fail (LIAISON_IS_RECORD (self));

  if (!liaison_record_kind_find_field (liaison_record_get_kind (self), name, &index))
    g_return_if_reached ();

  liaison_record_set_field_at (self, index, value);
}

/**
 * liaison_record_get_links:
 *
 * Returns: (transfer none) (element-type LiaisonLink): the record's links, in order
 */
GPtrArray *
liaison_record_get_links (LiaisonRecord *self)
{
  LiaisonRecordPrivate *priv = liaison_record_get_instance_private (self);

  g_return_val_if_fail (LIAISON_IS_RECORD (self), NULL);
  return priv->links;
}

/**
 * liaison_record_add_link:
 * @link: (transfer full): the link
 */
void
liaison_record_add_link (LiaisonRecord *self,
                         LiaisonLink   *link)
{
  LiaisonRecordPrivate *priv = liaison_record_get_instance_private (self);

  g_return_if_fail (LIAISON_IS_RECORD (self));
  g_return_if_fail (link != NULL);

  g_ptr_array_add (priv->links, link);
}

void
liaison_record_clear_links (LiaisonRecord *self)
{
  LiaisonRecordPrivate *priv = liaison_record_get_instance_private (self);

  g_return_if_fail (LIAISON_IS_RECORD (self));
  g_ptr_array_set_size (priv->links, 0);
}

/**
 * liaison_record_validate:
 *
 * Checks what a record must hold before it can be saved: required fields, lengths,
 * dates, choices, references shaped as UUIDs, an end not before its start, and links
 * the kind allows.  The error names the field and says what to write.
 */
gboolean
liaison_record_validate (LiaisonRecord  *self,
                         GError        **error)
{
  LiaisonRecordPrivate *priv = liaison_record_get_instance_private (self);
  LiaisonRecordKind kind;
  const char *label;

  g_return_val_if_fail (LIAISON_IS_RECORD (self), FALSE);

  kind = liaison_record_get_kind (self);
  label = liaison_record_kind_get_label (kind);

  for (guint i = 0; i < _liaison_record_kinds[kind].n_fields; i++)
    {
      const LiaisonField *field = &_liaison_record_kinds[kind].fields[i];
      const char *value = priv->values[i];

      if (value == NULL)
        {
          if (field->required)
            {
              g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID_FIELD,
                           _("%s: the field “%s” is required"), label, field->name);
              return FALSE;
            }
          continue;
        }

      if (!g_utf8_validate (value, -1, NULL) || g_utf8_strlen (value, -1) > field->max_length)
        {
          g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID_FIELD,
                       _("%s: the field “%s” is longer than %u characters or not valid text"),
                       label, field->name, field->max_length);
          return FALSE;
        }

      switch (field->type)
        {
        case LIAISON_FIELD_DATE:
          {
            g_autoptr(GError) local_error = NULL;
            g_autofree char *iso = NULL;

            if (!liaison_date_parse (value, &iso, &local_error) || g_strcmp0 (iso, value) != 0)
              {
                g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID_FIELD,
                             _("%s: the field “%s” is not a valid date: %s"), label, field->name,
                             local_error ? local_error->message : value);
                return FALSE;
              }
          }
          break;
        case LIAISON_FIELD_CHOICE:
          if (!g_strv_contains (field->choices, value))
            {
              g_autofree char *allowed = g_strjoinv (", ", (char **) field->choices);
              g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID_FIELD,
                           _("%s: “%s” is not a valid %s; use one of %s"),
                           label, value, field->name, allowed);
              return FALSE;
            }
          break;
        case LIAISON_FIELD_REFERENCE:
          if (!_liaison_is_uuid (value))
            {
              g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID_FIELD,
                           _("%s: the field “%s” must hold a record’s UUID, not “%s”"),
                           label, field->name, value);
              return FALSE;
            }
          if (g_strcmp0 (value, priv->uuid) == 0)
            {
              g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID_FIELD,
                           _("%s: the field “%s” cannot refer to the record itself"),
                           label, field->name);
              return FALSE;
            }
          break;
        case LIAISON_FIELD_LINE:
          if (strchr (value, '\n') != NULL)
            {
              g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID_FIELD,
                           _("%s: the field “%s” must be a single line"), label, field->name);
              return FALSE;
            }
          break;
        case LIAISON_FIELD_BOOLEAN:
          if (strcmp (value, "true") != 0)
            {
              g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID_FIELD,
                           _("%s: the field “%s” is either “true” or empty, not “%s”"),
                           label, field->name, value);
              return FALSE;
            }
          break;
        case LIAISON_FIELD_TEXT:
        default:
          break;
        }
    }

  if (kind == LIAISON_RECORD_AGREEMENT &&
      liaison_date_is_before (liaison_record_get_field (self, "end"),
                              liaison_record_get_field (self, "start")))
    {
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID_FIELD,
                   _("%s: the end date %s is before the start date %s"), label,
                   liaison_record_get_field (self, "end"), liaison_record_get_field (self, "start"));
      return FALSE;
    }

  if (kind == LIAISON_RECORD_EVENT &&
      liaison_date_is_before (liaison_record_get_field (self, "end-date"),
                              liaison_record_get_field (self, "date")))
    {
      g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID_FIELD,
                   _("%s: the end date %s is before the date %s"), label,
                   liaison_record_get_field (self, "end-date"), liaison_record_get_field (self, "date"));
      return FALSE;
    }

  for (guint i = 0; i < priv->links->len; i++)
    {
      const LiaisonLink *link = g_ptr_array_index (priv->links, i);

      if (!liaison_record_kind_allows_link (kind, link->type))
        {
          g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID_FIELD,
                       _("%s: a record of this kind cannot have a %s"), label, _liaison_record_link_label (link->type));
          return FALSE;
        }

      if (link->type == LIAISON_LINK_TAG
          ? (link->target == NULL || *link->target == '\0' || !g_utf8_validate (link->target, -1, NULL) ||
             g_utf8_strlen (link->target, -1) > LINE_MAX_LENGTH)
          : !_liaison_is_uuid (link->target))
        {
          g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID_FIELD,
                       _("%s: the %s “%s” is not valid"), label, _liaison_record_link_label (link->type),
                       link->target ? link->target : "");
          return FALSE;
        }

      if (link->signatory != NULL && !_liaison_is_uuid (link->signatory))
        {
          g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID_FIELD,
                       _("%s: the signatory “%s” is not a person’s UUID"), label, link->signatory);
          return FALSE;
        }

      if (link->role != NULL &&
          (!g_utf8_validate (link->role, -1, NULL) || g_utf8_strlen (link->role, -1) > LINE_MAX_LENGTH))
        {
          g_set_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID_FIELD,
                       _("%s: the role of a %s is longer than %u characters"), label,
                       _liaison_record_link_label (link->type), LINE_MAX_LENGTH);
          return FALSE;
        }
    }

  return TRUE;
}

/**
 * liaison_record_equal:
 *
 * Whether two records hold the same identity, fields and links (timestamps and
 * revision aside).
 */
gboolean
liaison_record_equal (LiaisonRecord *a,
                      LiaisonRecord *b)
{
  LiaisonRecordPrivate *pa = liaison_record_get_instance_private (a);
  LiaisonRecordPrivate *pb = liaison_record_get_instance_private (b);
  LiaisonRecordKind kind = liaison_record_get_kind (a);

  if (kind != liaison_record_get_kind (b) || g_strcmp0 (pa->uuid, pb->uuid) != 0)
    return FALSE;

  for (guint i = 0; i < _liaison_record_kinds[kind].n_fields; i++)
    if (g_strcmp0 (pa->values[i], pb->values[i]) != 0)
      return FALSE;

  if (pa->links->len != pb->links->len)
    return FALSE;
  for (guint i = 0; i < pa->links->len; i++)
    if (!liaison_link_equal (g_ptr_array_index (pa->links, i), g_ptr_array_index (pb->links, i)))
      return FALSE;

  return TRUE;
}

/**
 * liaison_record_copy:
 *
 * Returns: (transfer full): a record with the same identity, fields and links, for an
 *   editor to change without touching the original
 */
LiaisonRecord *
liaison_record_copy (LiaisonRecord *self)
{
  LiaisonRecordPrivate *priv = liaison_record_get_instance_private (self);
  LiaisonRecordKind kind = liaison_record_get_kind (self);
  LiaisonRecord *copy = liaison_record_new (kind);
  LiaisonRecordPrivate *cpriv = liaison_record_get_instance_private (copy);

  cpriv->id = priv->id;
  cpriv->uuid = g_strdup (priv->uuid);
  cpriv->created = g_strdup (priv->created);
  cpriv->modified = g_strdup (priv->modified);
  cpriv->revision = priv->revision;
  for (guint i = 0; i < _liaison_record_kinds[kind].n_fields; i++)
    set_string (&cpriv->values[i], priv->values[i]);
  for (guint i = 0; i < priv->links->len; i++)
    g_ptr_array_add (cpriv->links, liaison_link_copy (g_ptr_array_index (priv->links, i)));

  return copy;
}

GType
_liaison_record_kind_get_gtype (LiaisonRecordKind kind)
{
  switch (kind)
    {
    case LIAISON_RECORD_SOURCE:
      return LIAISON_TYPE_SOURCE;
    case LIAISON_RECORD_INSTITUTION:
      return LIAISON_TYPE_INSTITUTION;
    case LIAISON_RECORD_PERSON:
      return LIAISON_TYPE_PERSON;
    case LIAISON_RECORD_AGREEMENT:
      return LIAISON_TYPE_AGREEMENT;
    case LIAISON_RECORD_EVENT:
      return LIAISON_TYPE_EVENT;
    case LIAISON_N_RECORD_KINDS:
    default:
      g_return_val_if_reached (G_TYPE_INVALID);
    }
}

static void
append_json_string (GString    *out,
                    const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text; *p; p++)
    {
      switch (*p)
        {
        case '"':
          g_string_append (out, "\\\"");
          break;
        case '\\':
          g_string_append (out, "\\\\");
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        case '\r':
          g_string_append (out, "\\r");
          break;
        case '\t':
          g_string_append (out, "\\t");
          break;
        default:
          if ((guchar) *p < 0x20)
            g_string_append_printf (out, "\\u%04x", (guint) (guchar) *p);
          else
            g_string_append_c (out, *p);
        }
    }
  g_string_append_c (out, '"');
}

/**
 * _liaison_record_to_json:
 *
 * A snapshot of the record for the change log: its fields by name and its links.
 */
char *
_liaison_record_to_json (LiaisonRecord *record)
{
  LiaisonRecordPrivate *priv = liaison_record_get_instance_private (record);
  LiaisonRecordKind kind = liaison_record_get_kind (record);
  GString *out = g_string_new ("{\"uuid\":");
  static const char * const link_names[] = {
    "party", "institution", "person", "agreement", "tag", "cite"
  };

  append_json_string (out, priv->uuid ? priv->uuid : "");
  for (guint i = 0; i < _liaison_record_kinds[kind].n_fields; i++)
    {
      if (priv->values[i] == NULL)
        continue;
      g_string_append_c (out, ',');
      append_json_string (out, _liaison_record_kinds[kind].fields[i].name);
      g_string_append_c (out, ':');
      append_json_string (out, priv->values[i]);
    }

  g_string_append (out, ",\"links\":[");
  for (guint i = 0; i < priv->links->len; i++)
    {
      const LiaisonLink *link = g_ptr_array_index (priv->links, i);

      if (i > 0)
        g_string_append_c (out, ',');
      g_string_append (out, "{\"type\":");
      append_json_string (out, link_names[link->type]);
      g_string_append (out, ",\"target\":");
      append_json_string (out, link->target);
      if (link->role)
        {
          g_string_append (out, ",\"role\":");
          append_json_string (out, link->role);
        }
      if (link->signatory)
        {
          g_string_append (out, ",\"signatory\":");
          append_json_string (out, link->signatory);
        }
      g_string_append_c (out, '}');
    }
  g_string_append (out, "]}");

  return g_string_free (out, FALSE);
}

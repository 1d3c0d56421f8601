/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-record"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "liaison-record-private.h"

/*
 * The kinds of record and their fields: the field tables (in the XML schema's order),
 * the kinds' names and labels, the labels of choices, which links each kind allows,
 * and the properties through which the subclasses expose their fields.
 */

static const char * const institution_kinds[] = {
  "university", "company", "government", "exchange-centre", "college", "other", NULL
};
static const char * const agreement_kinds[] = {
  "strategic", "framework", "sub-agreement", "intention", "contract", NULL
};
static const char * const agreement_statuses[] = {
  "proposed", "negotiating", "signed", "active", "expired", "terminated", NULL
};
static const char * const event_kinds[] = {
  "visit", "signing", "meeting", "conference", "talk", "other", NULL
};

#define LINE(n, c)        { n, c, LIAISON_FIELD_LINE, 0, NULL, FALSE, LINE_MAX_LENGTH }
#define REQUIRED(n, c)    { n, c, LIAISON_FIELD_LINE, 0, NULL, TRUE, LINE_MAX_LENGTH }
#define TEXT(n, c)        { n, c, LIAISON_FIELD_TEXT, 0, NULL, FALSE, TEXT_MAX_LENGTH }
#define DATE(n, c)        { n, c, LIAISON_FIELD_DATE, 0, NULL, FALSE, 10 }
#define CHOICE(n, c, l)   { n, c, LIAISON_FIELD_CHOICE, 0, l, TRUE, LINE_MAX_LENGTH }
#define REF(n, c, k)      { n, c, LIAISON_FIELD_REFERENCE, k, NULL, FALSE, 36 }
#define BOOLEAN(n, c)     { n, c, LIAISON_FIELD_BOOLEAN, 0, NULL, FALSE, 4 }

/* Field 0 is always the record's title.  The order is the XML schema's order. */
static const LiaisonField source_fields[] = {
  REQUIRED ("title", "title"),
  LINE ("publisher", "publisher"),
  DATE ("date", "published"),
  LINE ("locator", "locator"),
  TEXT ("notes", "notes"),
};
static const LiaisonField institution_fields[] = {
  REQUIRED ("name", "name"),
  CHOICE ("kind", "kind", institution_kinds),
  LINE ("local-name", "local_name"),
  LINE ("short-name", "short_name"),
  REF ("parent", "parent_id", LIAISON_RECORD_INSTITUTION),
  LINE ("country", "country"),
  LINE ("region", "region"),
  LINE ("city", "city"),
  LINE ("website", "website"),
  TEXT ("notes", "notes"),
};
static const LiaisonField person_fields[] = {
  REQUIRED ("name", "name"),
  LINE ("local-name", "local_name"),
  REF ("institution", "institution_id", LIAISON_RECORD_INSTITUTION),
  LINE ("role", "role"),
  LINE ("email", "email"),
  LINE ("phone", "phone"),
  TEXT ("notes", "notes"),
};
static const LiaisonField agreement_fields[] = {
  REQUIRED ("title", "title"),
  CHOICE ("kind", "kind", agreement_kinds),
  CHOICE ("status", "status", agreement_statuses),
  /* Set: the status was chosen by hand; unset: it follows the dates (liaison-stats.h). */
  BOOLEAN ("status-manual", "status_manual"),
  REF ("parent", "parent_id", LIAISON_RECORD_AGREEMENT),
  DATE ("signed", "signed_date"),
  DATE ("start", "start_date"),
  DATE ("end", "end_date"),
  DATE ("notice", "notice_date"),
  TEXT ("summary", "summary"),
  REF ("responsible", "responsible_id", LIAISON_RECORD_PERSON),
};
static const LiaisonField event_fields[] = {
  REQUIRED ("title", "title"),
  CHOICE ("kind", "kind", event_kinds),
  DATE ("date", "event_date"),
  DATE ("end-date", "end_date"),
  LINE ("place", "place"),
  LINE ("city", "city"),
  TEXT ("summary", "summary"),
  REF ("host", "host_id", LIAISON_RECORD_INSTITUTION),
};

const LiaisonRecordKindInfo _liaison_record_kinds[LIAISON_N_RECORD_KINDS] = {
  [LIAISON_RECORD_SOURCE] = { "source", "sources", source_fields, G_N_ELEMENTS (source_fields), { NULL, NULL } },
  [LIAISON_RECORD_INSTITUTION] = { "institution", "institutions", institution_fields, G_N_ELEMENTS (institution_fields), { "other", NULL } },
  [LIAISON_RECORD_PERSON] = { "person", "people", person_fields, G_N_ELEMENTS (person_fields), { NULL, NULL } },
  [LIAISON_RECORD_AGREEMENT] = { "agreement", "agreements", agreement_fields, G_N_ELEMENTS (agreement_fields), { "strategic", "proposed" } },
  [LIAISON_RECORD_EVENT] = { "event", "events", event_fields, G_N_ELEMENTS (event_fields), { "meeting", NULL } },
};

/* Links */

LiaisonLink *
liaison_link_new (LiaisonLinkType  type,
                  const char      *target,
                  const char      *role,
                  const char      *signatory)
{
  LiaisonLink *link = g_new0 (LiaisonLink, 1);

  link->type = type;
  link->target = g_strdup (target);
  link->role = (role && *role) ? g_strdup (role) : NULL;
  link->signatory = (signatory && *signatory) ? g_strdup (signatory) : NULL;

  return link;
}

LiaisonLink *
liaison_link_copy (const LiaisonLink *link)
{
  return liaison_link_new (link->type, link->target, link->role, link->signatory);
}

void
liaison_link_free (LiaisonLink *link)
{
  if (link == NULL)
    return;
  g_free (link->target);
  g_free (link->role);
  g_free (link->signatory);
  g_free (link);
}

gboolean
liaison_link_equal (const LiaisonLink *a,
                    const LiaisonLink *b)
{
  return a->type == b->type &&
         g_strcmp0 (a->target, b->target) == 0 &&
         g_strcmp0 (a->role, b->role) == 0 &&
         g_strcmp0 (a->signatory, b->signatory) == 0;
}

/* Kinds */

GType
liaison_record_kind_get_type (void)
{
  static gsize type_id = 0;

  if (g_once_init_enter (&type_id))
    {
      static const GEnumValue values[] = {
        { LIAISON_RECORD_SOURCE, "LIAISON_RECORD_SOURCE", "source" },
        { LIAISON_RECORD_INSTITUTION, "LIAISON_RECORD_INSTITUTION", "institution" },
        { LIAISON_RECORD_PERSON, "LIAISON_RECORD_PERSON", "person" },
        { LIAISON_RECORD_AGREEMENT, "LIAISON_RECORD_AGREEMENT", "agreement" },
        { LIAISON_RECORD_EVENT, "LIAISON_RECORD_EVENT", "event" },
        { 0, NULL, NULL }
      };
      GType type = g_enum_register_static (g_intern_static_string ("LiaisonRecordKind"), values);
      g_once_init_leave (&type_id, type);
    }

  return type_id;
}

const char *
liaison_record_kind_to_string (LiaisonRecordKind kind)
{
  g_return_val_if_fail (kind < LIAISON_N_RECORD_KINDS, NULL);
  return _liaison_record_kinds[kind].name;
}

/**
 * liaison_record_kind_from_string:
 * @name: a kind's name, singular or plural ("institution", "people")
 *
 * Returns: %TRUE when @name names a kind
 */
gboolean
liaison_record_kind_from_string (const char        *name,
                                 LiaisonRecordKind *kind)
{
  for (guint i = 0; i < LIAISON_N_RECORD_KINDS; i++)
    {
      if (g_strcmp0 (name, _liaison_record_kinds[i].name) == 0 || g_strcmp0 (name, _liaison_record_kinds[i].plural) == 0)
        {
          *kind = (LiaisonRecordKind) i;
          return TRUE;
        }
    }
  return FALSE;
}

const char *
liaison_record_kind_get_plural (LiaisonRecordKind kind)
{
  g_return_val_if_fail (kind < LIAISON_N_RECORD_KINDS, NULL);
  return _liaison_record_kinds[kind].plural;
}

/**
 * liaison_record_kind_get_label:
 *
 * Returns: the kind's name for people, translated ("Institution")
 */
const char *
liaison_record_kind_get_label (LiaisonRecordKind kind)
{
  switch (kind)
    {
    case LIAISON_RECORD_SOURCE:
      return _("Source");
    case LIAISON_RECORD_INSTITUTION:
      return _("Institution");
    case LIAISON_RECORD_PERSON:
      return _("Person");
    case LIAISON_RECORD_AGREEMENT:
      return _("Agreement");
    case LIAISON_RECORD_EVENT:
      return _("Event");
    case LIAISON_N_RECORD_KINDS:
    default:
      g_return_val_if_reached (NULL);
    }
}

const LiaisonField *
liaison_record_kind_get_fields (LiaisonRecordKind  kind,
                                guint             *n_fields)
{
  g_return_val_if_fail (kind < LIAISON_N_RECORD_KINDS, NULL);

  if (n_fields)
    *n_fields = _liaison_record_kinds[kind].n_fields;
  return _liaison_record_kinds[kind].fields;
}

const LiaisonField *
liaison_record_kind_find_field (LiaisonRecordKind  kind,
                                const char        *name,
                                guint             *index)
{
  g_return_val_if_fail (kind < LIAISON_N_RECORD_KINDS, NULL);

  for (guint i = 0; i < _liaison_record_kinds[kind].n_fields; i++)
    {
      if (strcmp (_liaison_record_kinds[kind].fields[i].name, name) == 0)
        {
          if (index)
            *index = i;
          return &_liaison_record_kinds[kind].fields[i];
        }
    }
  return NULL;
}

gboolean
liaison_record_kind_allows_link (LiaisonRecordKind kind,
                                 LiaisonLinkType   type)
{
  switch (type)
    {
    case LIAISON_LINK_PARTY:
      return kind == LIAISON_RECORD_AGREEMENT;
    case LIAISON_LINK_INSTITUTION:
    case LIAISON_LINK_PERSON:
    case LIAISON_LINK_AGREEMENT:
      return kind == LIAISON_RECORD_EVENT;
    case LIAISON_LINK_TAG:
      return kind == LIAISON_RECORD_AGREEMENT || kind == LIAISON_RECORD_EVENT;
    case LIAISON_LINK_CITATION:
      return kind != LIAISON_RECORD_SOURCE;
    default:
      return FALSE;
    }
}

/**
 * liaison_choice_get_label:
 * @choice: a value of a choice field ("exchange-centre", "negotiating")
 *
 * Returns: the value's name for people, translated
 */
const char *
liaison_choice_get_label (const char *choice)
{
  static const struct { const char *value; const char *label; } labels[] = {
    { "university", N_("University") },
    { "company", N_("Company") },
    { "government", N_("Government body") },
    { "exchange-centre", N_("Exchange centre") },
    { "college", N_("College") },
    { "other", N_("Other") },
    { "strategic", N_("Strategic cooperation") },
    { "framework", N_("Framework agreement") },
    { "sub-agreement", N_("Sub-agreement") },
    { "intention", N_("Letter of intent") },
    { "contract", N_("Contract") },
    { "proposed", N_("Proposed") },
    { "negotiating", N_("Negotiating") },
    { "signed", N_("Signed") },
    { "active", N_("Active") },
    { "expired", N_("Expired") },
    { "terminated", N_("Terminated") },
    { "visit", N_("Visit") },
    { "signing", N_("Signing ceremony") },
    { "meeting", N_("Meeting") },
    { "conference", N_("Conference") },
    { "talk", N_("Talk") },
  };

  if (choice == NULL)
    return "";

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (strcmp (labels[i].value, choice) == 0)
      return _(labels[i].label);

  return choice;
}

/* Field properties of the subclasses: their ids start here, one per field. */
#define FIELD_PROP_BASE 100

static void
field_get_property (GObject    *object,
                    guint       prop_id,
                    GValue     *value,
                    GParamSpec *pspec)
{
  g_value_set_string (value, liaison_record_get_field_at (LIAISON_RECORD (object),
                                                          prop_id - FIELD_PROP_BASE));
}

static void
field_set_property (GObject      *object,
                    guint         prop_id,
                    const GValue *value,
                    GParamSpec   *pspec)
{
  liaison_record_set_field_at (LIAISON_RECORD (object), prop_id - FIELD_PROP_BASE,
                               g_value_get_string (value));
}

void
_liaison_record_class_install_fields (LiaisonRecordClass *klass,
                                      LiaisonRecordKind   kind)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  klass->kind = kind;
  object_class->get_property = field_get_property;
  object_class->set_property = field_set_property;

  for (guint i = 0; i < _liaison_record_kinds[kind].n_fields; i++)
    {
      const char *name = _liaison_record_kinds[kind].fields[i].name;

      /* "title" is the base class's read-only title; the field takes its place. */
      if (strcmp (name, "title") == 0)
        continue;

      g_object_class_install_property (object_class, FIELD_PROP_BASE + i,
                                       g_param_spec_string (name, NULL, NULL, NULL,
                                                            G_PARAM_READWRITE |
                                                            G_PARAM_EXPLICIT_NOTIFY |
                                                            G_PARAM_STATIC_STRINGS));
    }
}

gboolean
_liaison_is_uuid (const char *text)
{
  static const char shape[] = "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx";

  if (text == NULL || strlen (text) != sizeof shape - 1)
    return FALSE;

  for (guint i = 0; shape[i]; i++)
    {
      if (shape[i] == '-' ? text[i] != '-' : !g_ascii_isxdigit (text[i]) || g_ascii_isupper (text[i]))
        return FALSE;
    }
  return TRUE;
}

const char *
_liaison_record_link_label (LiaisonLinkType type)
{
  switch (type)
    {
    case LIAISON_LINK_PARTY:
      return _("party");
    case LIAISON_LINK_INSTITUTION:
      return _("participating institution");
    case LIAISON_LINK_PERSON:
      return _("participant");
    case LIAISON_LINK_AGREEMENT:
      return _("linked agreement");
    case LIAISON_LINK_TAG:
      return _("tag");
    case LIAISON_LINK_CITATION:
      return _("source");
    default:
      return "?";
    }
}

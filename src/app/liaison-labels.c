/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-labels"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "liaison-labels.h"

static const struct {
  LiaisonRecordKind  kind;
  const char        *name;
  const char        *label;
} field_labels[] = {
  { LIAISON_RECORD_INSTITUTION, "name", N_("Name") },
  { LIAISON_RECORD_INSTITUTION, "kind", N_("Kind") },
  { LIAISON_RECORD_INSTITUTION, "local-name", N_("Local name") },
  { LIAISON_RECORD_INSTITUTION, "short-name", N_("Short name") },
  { LIAISON_RECORD_INSTITUTION, "parent", N_("Part of") },
  { LIAISON_RECORD_INSTITUTION, "country", N_("Country") },
  { LIAISON_RECORD_INSTITUTION, "region", N_("Region") },
  { LIAISON_RECORD_INSTITUTION, "city", N_("City") },
  { LIAISON_RECORD_INSTITUTION, "website", N_("Website") },
  { LIAISON_RECORD_INSTITUTION, "notes", N_("Notes") },
  { LIAISON_RECORD_PERSON, "name", N_("Name") },
  { LIAISON_RECORD_PERSON, "local-name", N_("Local name") },
  { LIAISON_RECORD_PERSON, "institution", N_("Institution") },
  { LIAISON_RECORD_PERSON, "role", N_("Role") },
  { LIAISON_RECORD_PERSON, "email", N_("Email") },
  { LIAISON_RECORD_PERSON, "phone", N_("Phone") },
  { LIAISON_RECORD_PERSON, "notes", N_("Notes") },
  { LIAISON_RECORD_AGREEMENT, "title", N_("Title") },
  { LIAISON_RECORD_AGREEMENT, "kind", N_("Kind") },
  { LIAISON_RECORD_AGREEMENT, "status", N_("Status") },
  { LIAISON_RECORD_AGREEMENT, "status-manual", N_("Status set by hand") },
  { LIAISON_RECORD_AGREEMENT, "parent", N_("Part of") },
  { LIAISON_RECORD_AGREEMENT, "signed", N_("Signed on") },
  { LIAISON_RECORD_AGREEMENT, "start", N_("Starts") },
  { LIAISON_RECORD_AGREEMENT, "end", N_("Ends") },
  { LIAISON_RECORD_AGREEMENT, "notice", N_("Notice date") },
  { LIAISON_RECORD_AGREEMENT, "summary", N_("Summary") },
  { LIAISON_RECORD_AGREEMENT, "responsible", N_("Responsible") },
  { LIAISON_RECORD_EVENT, "title", N_("Title") },
  { LIAISON_RECORD_EVENT, "kind", N_("Kind") },
  { LIAISON_RECORD_EVENT, "date", N_("Date") },
  { LIAISON_RECORD_EVENT, "end-date", N_("End date") },
  { LIAISON_RECORD_EVENT, "place", N_("Place") },
  { LIAISON_RECORD_EVENT, "city", N_("City") },
  { LIAISON_RECORD_EVENT, "summary", N_("Summary") },
  { LIAISON_RECORD_EVENT, "host", N_("Host") },
  { LIAISON_RECORD_SOURCE, "title", N_("Title") },
  { LIAISON_RECORD_SOURCE, "publisher", N_("Publisher") },
  { LIAISON_RECORD_SOURCE, "date", N_("Published") },
  { LIAISON_RECORD_SOURCE, "locator", N_("Locator") },
  { LIAISON_RECORD_SOURCE, "notes", N_("Notes") },
};

/**
 * liaison_field_get_label:
 *
 * Returns: the field's name for people, translated ("Local name")
 */
const char *
liaison_field_get_label (LiaisonRecordKind  kind,
                         const char        *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (field_labels); i++)
    if (field_labels[i].kind == kind && strcmp (field_labels[i].name, name) == 0)
      return _(field_labels[i].label);

  return name;
}

const char *
liaison_kind_get_plural_label (LiaisonRecordKind kind)
{
  switch (kind)
    {
    case LIAISON_RECORD_SOURCE:
      return _("Sources");
    case LIAISON_RECORD_INSTITUTION:
      return _("Institutions");
    case LIAISON_RECORD_PERSON:
      return _("People");
    case LIAISON_RECORD_AGREEMENT:
      return _("Agreements");
    case LIAISON_RECORD_EVENT:
      return _("Events");
    case LIAISON_N_RECORD_KINDS:
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
liaison_kind_get_icon_name (LiaisonRecordKind kind)
{
  switch (kind)
    {
    case LIAISON_RECORD_SOURCE:
      return "text-x-generic-symbolic";
    case LIAISON_RECORD_INSTITUTION:
      return "network-workgroup-symbolic";
    case LIAISON_RECORD_PERSON:
      return "system-users-symbolic";
    case LIAISON_RECORD_AGREEMENT:
      return "x-office-document-symbolic";
    case LIAISON_RECORD_EVENT:
      return "x-office-calendar-symbolic";
    case LIAISON_N_RECORD_KINDS:
    default:
      g_return_val_if_reached (NULL);
    }
}

/**
 * liaison_prefers_local_names:
 *
 * Returns: whether the user reads Chinese, so that institutions and people show their
 *   Chinese (local) name first
 */
gboolean
liaison_prefers_local_names (void)
{
  const char * const *languages = g_get_language_names ();

  return languages[0] != NULL && g_str_has_prefix (languages[0], "zh");
}

static const char *
get_local_name (LiaisonRecord *record)
{
  switch (liaison_record_get_kind (record))
    {
    case LIAISON_RECORD_INSTITUTION:
    case LIAISON_RECORD_PERSON:
      return liaison_record_get_field (record, "local-name");
    case LIAISON_RECORD_SOURCE:
    case LIAISON_RECORD_AGREEMENT:
    case LIAISON_RECORD_EVENT:
    case LIAISON_N_RECORD_KINDS:
    default:
      return NULL;
    }
}

/**
 * liaison_record_dup_display_title:
 *
 * Returns: (transfer full): the record's title, or for a reader of Chinese the local
 *   name of an institution or person when it has one
 */
char *
liaison_record_dup_display_title (LiaisonRecord *record)
{
  const char *local = get_local_name (record);
  const char *title = liaison_record_get_title (record);

  if (local != NULL && liaison_prefers_local_names ())
    return g_strdup (local);

  return g_strdup (title ? title : _("Untitled"));
}

/**
 * liaison_record_dup_other_name:
 *
 * Returns: (transfer full) (nullable): the name the display title did not show: the
 *   local name, or the English name when the local one is shown
 */
char *
liaison_record_dup_other_name (LiaisonRecord *record)
{
  const char *local = get_local_name (record);

  if (local == NULL)
    return NULL;

  if (liaison_prefers_local_names ())
    return g_strdup (liaison_record_get_title (record));

  return g_strdup (local);
}

/**
 * liaison_format_field_value:
 *
 * Returns: (transfer full): @value as people read it: a choice's label, a date in the
 *   user's language, the title of a referenced record
 */
char *
liaison_format_field_value (LiaisonStore       *store,
                            const LiaisonField *field,
                            const char         *value)
{
  if (value == NULL)
    return g_strdup ("");

  switch (field->type)
    {
    case LIAISON_FIELD_CHOICE:
      return g_strdup (liaison_choice_get_label (value));
    case LIAISON_FIELD_DATE:
      return liaison_date_format (value);
    case LIAISON_FIELD_REFERENCE:
      {
        g_autoptr(LiaisonRecord) target = liaison_store_load_by_uuid (store, value, NULL);

        return target ? liaison_record_dup_display_title (target) : g_strdup (value);
      }
    case LIAISON_FIELD_BOOLEAN:
      return g_strdup (g_str_equal (value, "true") || g_str_equal (value, "1") ? _("Yes") : _("No"));
    case LIAISON_FIELD_LINE:
    case LIAISON_FIELD_TEXT:
    default:
      return g_strdup (value);
    }
}

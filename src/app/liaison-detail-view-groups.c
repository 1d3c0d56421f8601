/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-detail-view"

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>

#include "liaison-detail-view-private.h"
#include "liaison-labels.h"

/*
 * The groups and rows of a record's page: its fields, its parties, its own links and
 * the records linked to it by a store query, each linked record a row that opens it.
 */

static GtkWidget *
add_group (LiaisonDetailView *self,
           const char        *title)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  adw_preferences_page_add (self->record_page, ADW_PREFERENCES_GROUP (group));
  g_ptr_array_add (self->groups, group);
  return group;
}

static GtkWidget *
add_value_row (GtkWidget  *group,
               const char *label,
               const char *value,
               gboolean    long_text,
               gboolean    selectable)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);

  if (long_text)
    {
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), value);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
      gtk_widget_add_css_class (row, "long-text");
    }
  else
    {
      GtkWidget *value_label = gtk_label_new (value);

      gtk_label_set_wrap (GTK_LABEL (value_label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (value_label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_xalign (GTK_LABEL (value_label), 1.0);
      gtk_label_set_justify (GTK_LABEL (value_label), GTK_JUSTIFY_RIGHT);
      gtk_label_set_selectable (GTK_LABEL (value_label), selectable);
      gtk_widget_set_hexpand (value_label, TRUE);
      gtk_widget_add_css_class (value_label, "field-value");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), value_label);
    }

  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  return row;
}

static GtkWidget *
add_link_row (LiaisonDetailView *self,
              GtkWidget         *group,
              const char        *uuid,
              const char        *title,
              const char        *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (subtitle != NULL && *subtitle != '\0')
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  if (uuid != NULL)
    {
      GtkWidget *arrow = gtk_image_new_from_icon_name ("go-next-symbolic");

      adw_action_row_add_suffix (ADW_ACTION_ROW (row), arrow);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "liaison-uuid", g_strdup (uuid), g_free);
      g_signal_connect (row, "activated", G_CALLBACK (_liaison_detail_view_row_activated_cb), self);
    }

  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  return row;
}

/* A row for the record with @uuid, titled as the record would be. */
static GtkWidget *
add_record_row (LiaisonDetailView *self,
                GtkWidget         *group,
                const char        *uuid,
                const char        *subtitle)
{
  g_autoptr(LiaisonRecord) target = liaison_store_load_by_uuid (self->store, uuid, NULL);
  g_autofree char *title = NULL;

  if (target == NULL)
    return add_link_row (self, group, NULL, _("(missing record)"), uuid);

  title = liaison_record_dup_display_title (target);
  if (subtitle == NULL && liaison_record_get_kind (target) == LIAISON_RECORD_SOURCE)
    subtitle = liaison_record_get_field (target, "publisher");

  /* Sources have no section of their own to open. */
  return add_link_row (self, group,
                       liaison_record_get_kind (target) == LIAISON_RECORD_SOURCE ? NULL : uuid,
                       title, subtitle);
}

/* A field naming another record: the field's label, the record's title, and it opens. */
static void
add_reference_row (LiaisonDetailView *self,
                   GtkWidget         *group,
                   const char        *label,
                   const char        *uuid)
{
  g_autoptr(LiaisonRecord) target = liaison_store_load_by_uuid (self->store, uuid, NULL);
  g_autofree char *title = target ? liaison_record_dup_display_title (target) : g_strdup (uuid);
  GtkWidget *row = add_value_row (group, label, title, FALSE, target == NULL);

  if (target != NULL && liaison_record_get_kind (target) != LIAISON_RECORD_SOURCE)
    {
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "liaison-uuid", g_strdup (uuid), g_free);
      g_signal_connect (row, "activated", G_CALLBACK (_liaison_detail_view_row_activated_cb), self);
    }
}

char *
_liaison_detail_view_describe_record (LiaisonRecord *record)
{
  GPtrArray *parts = g_ptr_array_new ();
  g_autofree char *joined = NULL;
  const char *kind = NULL;
  const char *date = NULL;
  g_autofree char *date_text = NULL;

  switch (liaison_record_get_kind (record))
    {
    case LIAISON_RECORD_AGREEMENT:
      kind = liaison_record_get_field (record, "status");
      date = liaison_record_get_field (record, "signed");
      break;
    case LIAISON_RECORD_EVENT:
      kind = liaison_record_get_field (record, "kind");
      date = liaison_record_get_field (record, "date");
      break;
    case LIAISON_RECORD_INSTITUTION:
      kind = liaison_record_get_field (record, "kind");
      break;
    case LIAISON_RECORD_PERSON:
      kind = liaison_record_get_field (record, "role");
      break;
    case LIAISON_RECORD_SOURCE:
    case LIAISON_N_RECORD_KINDS:
    default:
      break;
    }

  if (kind != NULL)
    g_ptr_array_add (parts, (gpointer) liaison_choice_get_label (kind));
  if (date != NULL)
    g_ptr_array_add (parts, date_text = liaison_date_format (date));
  g_ptr_array_add (parts, NULL);

  joined = g_strjoinv (" · ", (char **) parts->pdata);
  g_ptr_array_unref (parts);
  return g_steal_pointer (&joined);
}

/* A group listing the @kind records linked to the shown one, by a store query. */
void
_liaison_detail_view_add_query_group (LiaisonDetailView *self,
                                      const char        *title,
                                      LiaisonRecordKind  kind,
                                      const char        *sort,
                                      gboolean           descending)
{
  g_autoptr(LiaisonQuery) query = liaison_query_new (kind);
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *group;

  query->linked_to = g_strdup (liaison_record_get_uuid (self->record));
  query->limit = MAX_LINKED + 1;
  liaison_query_set_sort (query, sort, descending);

  ids = liaison_store_query (self->store, query, &error);
  if (ids == NULL)
    {
      g_warning ("Could not list linked %s: %s", liaison_record_kind_get_plural (kind), error->message);
      return;
    }
  if (ids->len == 0)
    return;

  group = add_group (self, title);
  for (guint i = 0; i < MIN (ids->len, MAX_LINKED); i++)
    {
      g_autoptr(LiaisonRecord) linked = liaison_store_load (self->store, kind, g_array_index (ids, gint64, i), NULL);
      g_autofree char *linked_title = NULL;
      g_autofree char *description = NULL;

      if (linked == NULL)
        continue;
      linked_title = liaison_record_dup_display_title (linked);
      description = _liaison_detail_view_describe_record (linked);
      add_link_row (self, group, liaison_record_get_uuid (linked), linked_title, description);
    }

  if (ids->len > MAX_LINKED)
    {
      gint64 total = liaison_store_query_count (self->store, query, NULL);
      g_autofree char *more = g_strdup_printf (_("And %" PRId64 " more"), total - MAX_LINKED);

      add_link_row (self, group, NULL, more, NULL);
    }
}

/* A group of the shown record's own links of @type. */
void
_liaison_detail_view_add_links_group (LiaisonDetailView *self,
                                      const char        *title,
                                      LiaisonLinkType    type)
{
  GPtrArray *links = liaison_record_get_links (self->record);
  GtkWidget *group = NULL;

  for (guint i = 0; i < links->len; i++)
    {
      LiaisonLink *link = g_ptr_array_index (links, i);

      if (link->type != type)
        continue;
      if (group == NULL)
        group = add_group (self, title);
      add_record_row (self, group, link->target, link->role);
    }
}

void
_liaison_detail_view_add_parties_group (LiaisonDetailView *self)
{
  GPtrArray *links = liaison_record_get_links (self->record);
  GtkWidget *group = NULL;
  GtkWidget *signatories = NULL;

  for (guint i = 0; i < links->len; i++)
    {
      LiaisonLink *link = g_ptr_array_index (links, i);
      g_autofree char *signatory = NULL;
      g_autofree char *subtitle = NULL;

      if (link->type != LIAISON_LINK_PARTY)
        continue;
      if (group == NULL)
        group = add_group (self, _("Parties"));

      if (link->signatory != NULL)
        {
          g_autoptr(LiaisonRecord) person = liaison_store_load_by_uuid (self->store, link->signatory, NULL);

          signatory = person ? liaison_record_dup_display_title (person) : g_strdup (link->signatory);
        }

      if (link->role != NULL && signatory != NULL)
        /* Translators: a party of an agreement: its role, then who signed for it */
        subtitle = g_strdup_printf (_("%s · signed by %s"), link->role, signatory);
      else if (signatory != NULL)
        subtitle = g_strdup_printf (_("Signed by %s"), signatory);
      else
        subtitle = g_strdup (link->role);

      add_record_row (self, group, link->target, subtitle);
    }

  /* Signatories get rows of their own, so that they open too. */
  for (guint i = 0; i < links->len; i++)
    {
      LiaisonLink *link = g_ptr_array_index (links, i);
      g_autofree char *party = NULL;

      if (link->type != LIAISON_LINK_PARTY || link->signatory == NULL)
        continue;
      if (signatories == NULL)
        signatories = add_group (self, _("Signatories"));
      party = liaison_store_get_title (self->store, link->target);
      add_record_row (self, signatories, link->signatory, party);
    }
}

void
_liaison_detail_view_add_details_group (LiaisonDetailView *self)
{
  const LiaisonField *fields;
  GtkWidget *group;
  GPtrArray *links = liaison_record_get_links (self->record);
  g_autoptr(GStrvBuilder) tags = g_strv_builder_new ();
  g_auto(GStrv) tag_names = NULL;
  guint n_fields;
  guint n_rows = 0;

  group = add_group (self, _("Details"));
  fields = liaison_record_kind_get_fields (self->kind, &n_fields);

  /* Field 0 is the title, shown above. */
  for (guint i = 1; i < n_fields; i++)
    {
      const char *value = liaison_record_get_field_at (self->record, i);
      const char *label = liaison_field_get_label (self->kind, fields[i].name);

      if (value == NULL)
        continue;

      /* The local name of institutions and people is shown beside the title. */
      if (g_str_equal (fields[i].name, "local-name"))
        continue;

      if (fields[i].type == LIAISON_FIELD_REFERENCE)
        add_reference_row (self, group, label, value);
      else
        {
          g_autofree char *text = liaison_format_field_value (self->store, &fields[i], value);

          add_value_row (group, label, text, fields[i].type == LIAISON_FIELD_TEXT, TRUE);
        }
      n_rows++;
    }

  for (guint i = 0; i < links->len; i++)
    {
      LiaisonLink *link = g_ptr_array_index (links, i);

      if (link->type == LIAISON_LINK_TAG)
        g_strv_builder_add (tags, link->target);
    }
  tag_names = g_strv_builder_end (tags);
  if (tag_names[0] != NULL)
    {
      g_autofree char *joined = g_strjoinv (", ", tag_names);

      add_value_row (group, _("Areas of cooperation"), joined, FALSE, TRUE);
      n_rows++;
    }

  gtk_widget_set_visible (group, n_rows > 0);
}

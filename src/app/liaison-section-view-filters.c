/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-section-view"

#include "config.h"

#include <glib/gi18n.h>

#include "liaison-section-view-private.h"

/* The filter popover: choices, areas and dates, built for the kind, that narrow the query. */

static char *
dup_dropdown_choice (GtkDropDown        *dropdown,
                     const char * const *values)
{
  guint selected;

  if (dropdown == NULL)
    return NULL;

  selected = gtk_drop_down_get_selected (dropdown);
  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION)
    return NULL;

  return g_strdup (values[selected - 1]);
}

static gboolean
read_date_filter (GtkEntry  *entry,
                  char     **date)
{
  const char *text;

  g_clear_pointer (date, g_free);
  if (entry == NULL)
    return TRUE;

  text = gtk_editable_get_text (GTK_EDITABLE (entry));
  if (*text == '\0')
    {
      gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
      return TRUE;
    }

  if (!liaison_date_parse (text, date, NULL) ||
      liaison_date_get_precision (*date) == LIAISON_DATE_MONTH_DAY)
    {
      g_clear_pointer (date, g_free);
      gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
      return FALSE;
    }

  gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
  return TRUE;
}

static void
filters_changed_cb (LiaisonSectionView *self)
{
  const LiaisonField *kind_field = liaison_record_kind_find_field (self->kind, "kind", NULL);
  const LiaisonField *status_field = liaison_record_kind_find_field (self->kind, "status", NULL);
  gboolean valid = TRUE;
  gboolean active;

  g_free (self->query->choice);
  self->query->choice = kind_field ? dup_dropdown_choice (self->kind_filter, kind_field->choices) : NULL;
  g_free (self->query->status);
  self->query->status = status_field ? dup_dropdown_choice (self->status_filter, status_field->choices) : NULL;
  g_free (self->query->tag);
  self->query->tag = self->tags ? dup_dropdown_choice (self->tag_filter, (const char * const *) self->tags) : NULL;
  valid &= read_date_filter (self->from_filter, &self->query->date_from);
  valid &= read_date_filter (self->to_filter, &self->query->date_to);

  active = self->query->choice || self->query->status || self->query->tag ||
           self->query->date_from || self->query->date_to;
  if (active)
    gtk_widget_add_css_class (GTK_WIDGET (self->filter_button), "filters-active");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->filter_button), "filters-active");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->filter_button),
                               active ? _("Filters (some are on)") : _("Filters"));

  /* An unfinished date waits for the user rather than emptying the list. */
  if (valid)
    _liaison_section_view_run_query (self);
}

static GtkWidget *
add_filter_row (LiaisonSectionView *self,
                const char         *label_text,
                GtkWidget          *widget)
{
  GtkWidget *label = gtk_label_new_with_mnemonic (label_text);
  int row = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->filter_grid));
       child; child = gtk_widget_get_next_sibling (child))
    row++;
  row /= 2;

  gtk_label_set_xalign (GTK_LABEL (label), 1.0);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), widget);
  gtk_widget_set_hexpand (widget, TRUE);
  gtk_grid_attach (self->filter_grid, label, 0, row, 1, 1);
  gtk_grid_attach (self->filter_grid, widget, 1, row, 1, 1);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (widget),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL,
                                  -1);
  return widget;
}

static GtkDropDown *
create_choice_filter (LiaisonSectionView *self,
                      const char         *label,
                      const char * const *values)
{
  g_autoptr(GtkStringList) strings = gtk_string_list_new (NULL);
  GtkWidget *dropdown;

  gtk_string_list_append (strings, _("Any"));
  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    gtk_string_list_append (strings, liaison_choice_get_label (values[i]));

  dropdown = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (strings)), NULL);
  g_signal_connect_swapped (dropdown, "notify::selected", G_CALLBACK (filters_changed_cb), self);
  return GTK_DROP_DOWN (add_filter_row (self, label, dropdown));
}

static GtkEntry *
create_date_filter (LiaisonSectionView *self,
                    const char         *label)
{
  GtkWidget *entry = gtk_entry_new ();

  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("2023, 2023-08 or 2023-08-30"));
  gtk_editable_set_width_chars (GTK_EDITABLE (entry), 16);
  g_signal_connect_swapped (entry, "changed", G_CALLBACK (filters_changed_cb), self);
  return GTK_ENTRY (add_filter_row (self, label, entry));
}

void
_liaison_section_view_reload_tags (LiaisonSectionView *self)
{
  g_autoptr(GtkStringList) strings = gtk_string_list_new (NULL);
  g_autofree char *current = NULL;
  guint selected = 0;

  if (self->tag_filter == NULL)
    return;

  current = dup_dropdown_choice (self->tag_filter, (const char * const *) self->tags);
  g_strfreev (self->tags);
  self->tags = liaison_store_list_tags (self->store, NULL);
  if (self->tags == NULL)
    self->tags = g_new0 (char *, 1);

  gtk_string_list_append (strings, _("Any"));
  for (guint i = 0; self->tags[i] != NULL; i++)
    {
      gtk_string_list_append (strings, self->tags[i]);
      if (g_strcmp0 (current, self->tags[i]) == 0)
        selected = i + 1;
    }

  g_signal_handlers_block_by_func (self->tag_filter, filters_changed_cb, self);
  gtk_drop_down_set_model (self->tag_filter, G_LIST_MODEL (strings));
  gtk_drop_down_set_selected (self->tag_filter, selected);
  g_signal_handlers_unblock_by_func (self->tag_filter, filters_changed_cb, self);
}

void
_liaison_section_view_build_filters (LiaisonSectionView *self)
{
  const LiaisonField *kind_field = liaison_record_kind_find_field (self->kind, "kind", NULL);
  const LiaisonField *status_field = liaison_record_kind_find_field (self->kind, "status", NULL);
  gboolean has_dates = liaison_query_get_date_field (self->kind) != NULL;
  gboolean has_tags = liaison_record_kind_allows_link (self->kind, LIAISON_LINK_TAG);
  GtkWidget *clear;

  if (kind_field != NULL)
    self->kind_filter = create_choice_filter (self, _("_Kind"), kind_field->choices);
  if (status_field != NULL)
    self->status_filter = create_choice_filter (self, _("_Status"), status_field->choices);
  if (has_tags)
    {
      self->tag_filter = create_choice_filter (self, _("_Area"), NULL);
      _liaison_section_view_reload_tags (self);
    }
  if (has_dates)
    {
      self->from_filter = create_date_filter (self, self->kind == LIAISON_RECORD_AGREEMENT ? _("Signed _from") : _("_From"));
      self->to_filter = create_date_filter (self, _("_To"));
    }

  if (kind_field == NULL && status_field == NULL && !has_tags && !has_dates)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->filter_button), FALSE);
      return;
    }

  clear = gtk_button_new_with_mnemonic (_("_Clear Filters"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (clear), "section.clear-filters");
  gtk_widget_set_halign (clear, GTK_ALIGN_END);
  gtk_grid_attach (self->filter_grid, clear, 0, 100, 2, 1);
}

void
_liaison_section_view_clear_filters (LiaisonSectionView *self)
{
  GtkDropDown *dropdowns[] = { self->kind_filter, self->status_filter, self->tag_filter };
  GtkEntry *entries[] = { self->from_filter, self->to_filter };

  for (guint i = 0; i < G_N_ELEMENTS (dropdowns); i++)
    if (dropdowns[i] != NULL)
      {
        g_signal_handlers_block_by_func (dropdowns[i], filters_changed_cb, self);
        gtk_drop_down_set_selected (dropdowns[i], 0);
        g_signal_handlers_unblock_by_func (dropdowns[i], filters_changed_cb, self);
      }
  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    if (entries[i] != NULL)
      {
        g_signal_handlers_block_by_func (entries[i], filters_changed_cb, self);
        gtk_editable_set_text (GTK_EDITABLE (entries[i]), "");
        g_signal_handlers_unblock_by_func (entries[i], filters_changed_cb, self);
      }

  filters_changed_cb (self);
}

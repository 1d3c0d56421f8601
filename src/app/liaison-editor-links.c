/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "liaison-editor-private.h"

/*
 * The links of the record in the editor, one group per kind of link: parties of an
 * agreement (institution, role, signatory), participating institutions and people of an
 * event (with their role), its linked agreements, tags as chips with an entry that
 * completes from the tags in use, and cited sources.  Links are edited in place in the
 * editor's copy; every change rebuilds its group and asks the editor to check again.
 */

#define N_LINK_TYPES (LIAISON_LINK_CITATION + 1)

typedef struct
{
  LiaisonEditorLinks  *links;
  LiaisonLinkType      type;
  AdwPreferencesGroup *group;
  GPtrArray           *rows;       /* what the group holds now */
  GtkFlowBox          *chips;      /* tags */
  GtkEntry            *tag_entry;
  GtkListStore        *tag_names;  /* completion of the tag entry */
} Section;

struct _LiaisonEditorLinks
{
  LiaisonEditor *editor;
  LiaisonStore  *store;
  LiaisonRecord *record;     /* the editor's copy */
  Section        sections[N_LINK_TYPES];
};

static const struct {
  LiaisonRecordKind  target;
  const char        *title;
  const char        *add;
  const char        *name;         /* of the add button */
  const char        *role;         /* NULL: the link has no role */
} section_info[N_LINK_TYPES] = {
  [LIAISON_LINK_PARTY] = { LIAISON_RECORD_INSTITUTION, N_("Parties"), N_("Add a Party"), "add-party", N_("Role") },
  [LIAISON_LINK_INSTITUTION] = { LIAISON_RECORD_INSTITUTION, N_("Participating Institutions"),
                                 N_("Add an Institution"), "add-institution", N_("Role") },
  [LIAISON_LINK_PERSON] = { LIAISON_RECORD_PERSON, N_("Participants"), N_("Add a Person"), "add-person", N_("Role") },
  [LIAISON_LINK_AGREEMENT] = { LIAISON_RECORD_AGREEMENT, N_("Linked Agreements"), N_("Link an Agreement"),
                               "add-agreement", NULL },
  [LIAISON_LINK_TAG] = { LIAISON_RECORD_SOURCE, N_("Tags"), N_("Add Tag"), "add-tag", NULL },
  [LIAISON_LINK_CITATION] = { LIAISON_RECORD_SOURCE, N_("Sources"), N_("Cite a Source"), "add-citation",
                              N_("Where in the source") },
};

static void rebuild (Section *section);

static GPtrArray *
get_links (Section *section)
{
  return liaison_record_get_links (section->links->record);
}

static void
changed (Section *section)
{
  rebuild (section);
  _liaison_editor_update (section->links->editor);
}

static gboolean
has_link (Section    *section,
          const char *target)
{
  GPtrArray *links = get_links (section);

  for (guint i = 0; i < links->len; i++)
    {
      const LiaisonLink *link = g_ptr_array_index (links, i);

      if (link->type == section->type && g_strcmp0 (link->target, target) == 0)
        return TRUE;
    }
  return FALSE;
}

/* Adds @link where the store will read it back: after the links of its type and of the
 * types before it, so that a saved record and the one loaded again are equal. */
static void
insert_link (Section     *section,
             LiaisonLink *link)
{
  GPtrArray *links = get_links (section);
  guint position = links->len;

  while (position > 0 && ((LiaisonLink *) g_ptr_array_index (links, position - 1))->type > link->type)
    position--;
  g_ptr_array_insert (links, (int) position, link);
}

/* The link a widget of a row stands for, if it is still in the record. */
static LiaisonLink *
get_row_link (Section   *section,
              GtkWidget *widget)
{
  LiaisonLink *link = g_object_get_data (G_OBJECT (widget), "liaison-link");
  guint index;

  if (link == NULL || !g_ptr_array_find (get_links (section), link, &index))
    return NULL;
  return link;
}

static char *
describe_link (Section           *section,
               const LiaisonLink *link)
{
  g_autofree char *signatory = NULL;

  if (link->signatory != NULL)
    {
      g_autofree char *name = _liaison_editor_dup_title (section->links->editor, link->signatory);

      /* Translators: who signed an agreement for a party */
      signatory = g_strdup_printf (_("Signed by %s"), name);
    }

  if (link->role != NULL && signatory != NULL)
    return g_strdup_printf ("%s · %s", link->role, signatory);
  if (link->role != NULL)
    return g_strdup (link->role);
  return g_steal_pointer (&signatory);
}

/* Callbacks */

static void
remove_clicked_cb (GtkButton *button,
                   Section   *section)
{
  LiaisonLink *link = get_row_link (section, GTK_WIDGET (button));

  if (link == NULL)
    return;
  g_ptr_array_remove (get_links (section), link);
  changed (section);
}

static void
role_changed_cb (GtkEditable *editable,
                 Section     *section)
{
  LiaisonLink *link = get_row_link (section, GTK_WIDGET (editable));
  GtkWidget *expander = gtk_widget_get_ancestor (GTK_WIDGET (editable), ADW_TYPE_EXPANDER_ROW);
  const char *text = gtk_editable_get_text (editable);
  g_autofree char *summary = NULL;

  if (link == NULL)
    return;

  g_free (link->role);
  link->role = *text ? g_strdup (text) : NULL;

  /* Only the summary changes: rebuilding would take the focus from the entry. */
  summary = describe_link (section, link);
  if (expander != NULL)
    adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), summary ? summary : "");
  _liaison_editor_update (section->links->editor);
}

static void
link_chosen_cb (LiaisonEditor  *editor,
                const char     *uuid,
                LiaisonChooser *chooser)
{
  Section *section = g_object_get_data (G_OBJECT (chooser), "liaison-section");

  if (section->links->record == NULL || has_link (section, uuid))
    return;

  insert_link (section, liaison_link_new (section->type, uuid, NULL, NULL));
  changed (section);
}

static void
add_clicked_cb (GtkButton *button,
                Section   *section)
{
  LiaisonChooser *chooser = _liaison_editor_choose (section->links->editor,
                                                    section_info[section->type].target,
                                                    G_CALLBACK (link_chosen_cb));

  g_object_set_data (G_OBJECT (chooser), "liaison-section", section);
}

static void
signatory_chosen_cb (LiaisonEditor  *editor,
                     const char     *uuid,
                     LiaisonChooser *chooser)
{
  Section *section = g_object_get_data (G_OBJECT (chooser), "liaison-section");
  LiaisonLink *link = get_row_link (section, GTK_WIDGET (chooser));

  if (link == NULL)
    return;
  g_free (link->signatory);
  link->signatory = g_strdup (uuid);
  changed (section);
}

static void
signatory_choose_cb (GtkButton *button,
                     Section   *section)
{
  LiaisonLink *link = get_row_link (section, GTK_WIDGET (button));
  LiaisonChooser *chooser;

  if (link == NULL)
    return;

  chooser = _liaison_editor_choose (section->links->editor, LIAISON_RECORD_PERSON,
                                    G_CALLBACK (signatory_chosen_cb));
  g_object_set_data (G_OBJECT (chooser), "liaison-section", section);
  g_object_set_data (G_OBJECT (chooser), "liaison-link", link);
}

static void
signatory_clear_cb (GtkButton *button,
                    Section   *section)
{
  LiaisonLink *link = get_row_link (section, GTK_WIDGET (button));

  if (link == NULL)
    return;
  g_clear_pointer (&link->signatory, g_free);
  changed (section);
}

static void
add_tag (Section *section)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (section->tag_entry))));

  if (*name == '\0' || section->links->record == NULL)
    return;

  if (!has_link (section, name))
    {
      insert_link (section, liaison_link_new (LIAISON_LINK_TAG, name, NULL, NULL));
      changed (section);
    }
  gtk_editable_set_text (GTK_EDITABLE (section->tag_entry), "");
}

static void
tag_entry_activate_cb (GtkEntry *entry,
                       Section  *section)
{
  add_tag (section);
}

static void
tag_add_clicked_cb (GtkButton *button,
                    Section   *section)
{
  add_tag (section);
  gtk_widget_grab_focus (GTK_WIDGET (section->tag_entry));
}

/* Rows */

static GtkWidget *
create_flat_button (const char *icon_name,
                    const char *tooltip,
                    GCallback   callback,
                    Section    *section,
                    LiaisonLink *link)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  /* GTK 4.8 gives an icon button no name from its tooltip: screen readers need one. */
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  g_object_set_data (G_OBJECT (button), "liaison-link", link);
  g_signal_connect (button, "clicked", callback, section);
  return button;
}

static GtkWidget *
create_signatory_row (Section     *section,
                      LiaisonLink *link)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *name = _liaison_editor_dup_title (section->links->editor, link->signatory);
  GtkWidget *choose = create_flat_button ("document-edit-symbolic", _("Choose the Signatory"),
                                          G_CALLBACK (signatory_choose_cb), section, link);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Signatory"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), name ? name : _("None"));
  if (link->signatory != NULL)
    adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                               create_flat_button ("edit-clear-symbolic", _("Clear the Signatory"),
                                                   G_CALLBACK (signatory_clear_cb), section, link));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), choose);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), choose);
  return row;
}

static GtkWidget *
create_link_row (Section     *section,
                 LiaisonLink *link)
{
  g_autofree char *title = _liaison_editor_dup_title (section->links->editor, link->target);
  g_autofree char *remove_label = g_strdup_printf (_("Remove “%s”"), title);
  GtkWidget *remove = create_flat_button ("user-trash-symbolic", remove_label,
                                          G_CALLBACK (remove_clicked_cb), section, link);
  const char *role_label = section_info[section->type].role;
  g_autofree char *summary = NULL;
  GtkWidget *row;
  GtkWidget *role;

  if (role_label == NULL)
    {
      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
      return row;
    }

  summary = describe_link (section, link);
  row = adw_expander_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), summary ? summary : "");
  adw_expander_row_add_action (ADW_EXPANDER_ROW (row), remove);

  role = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (role), _(role_label));
  gtk_editable_set_text (GTK_EDITABLE (role), link->role ? link->role : "");
  g_object_set_data (G_OBJECT (role), "liaison-link", link);
  g_signal_connect (role, "changed", G_CALLBACK (role_changed_cb), section);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), role);

  if (section->type == LIAISON_LINK_PARTY)
    adw_expander_row_add_row (ADW_EXPANDER_ROW (row), create_signatory_row (section, link));

  return row;
}

static GtkWidget *
create_chip (Section     *section,
             LiaisonLink *link)
{
  GtkWidget *chip = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 2);
  GtkWidget *label = gtk_label_new (link->target);
  g_autofree char *remove_label = g_strdup_printf (_("Remove the tag “%s”"), link->target);
  GtkWidget *remove = create_flat_button ("window-close-symbolic", remove_label,
                                          G_CALLBACK (remove_clicked_cb), section, link);

  gtk_widget_add_css_class (chip, "card");
  gtk_widget_set_halign (chip, GTK_ALIGN_START);
  gtk_widget_set_margin_start (label, 10);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 30);
  gtk_widget_add_css_class (remove, "circular");
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, remove_label, -1);
  gtk_box_append (GTK_BOX (chip), label);
  gtk_box_append (GTK_BOX (chip), remove);
  return chip;
}

static void
rebuild (Section *section)
{
  GPtrArray *links = get_links (section);
  guint n = 0;

  for (guint i = 0; i < section->rows->len; i++)
    adw_preferences_group_remove (section->group, g_ptr_array_index (section->rows, i));
  g_ptr_array_set_size (section->rows, 0);

  if (section->chips != NULL)
    {
      GtkWidget *child;

      while ((child = gtk_widget_get_first_child (GTK_WIDGET (section->chips))) != NULL)
        gtk_flow_box_remove (section->chips, child);
    }

  for (guint i = 0; i < links->len; i++)
    {
      LiaisonLink *link = g_ptr_array_index (links, i);

      if (link->type != section->type)
        continue;
      n++;

      if (section->chips != NULL)
        gtk_flow_box_insert (section->chips, create_chip (section, link), -1);
      else
        {
          GtkWidget *row = create_link_row (section, link);

          adw_preferences_group_add (section->group, row);
          g_ptr_array_add (section->rows, row);
        }
    }

  if (section->chips != NULL)
    gtk_widget_set_visible (GTK_WIDGET (section->chips), n > 0);
  adw_preferences_group_set_description (section->group, n == 0 && section->chips == NULL ? _("None yet") : NULL);
}

static void
build_tag_section (Section *section)
{
  GtkEntryCompletion *completion = gtk_entry_completion_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *add = gtk_button_new_with_mnemonic (_("_Add"));

  section->chips = GTK_FLOW_BOX (gtk_flow_box_new ());
  gtk_flow_box_set_selection_mode (section->chips, GTK_SELECTION_NONE);
  gtk_flow_box_set_column_spacing (section->chips, 6);
  gtk_flow_box_set_row_spacing (section->chips, 6);
  gtk_flow_box_set_max_children_per_line (section->chips, 8);
  gtk_widget_set_margin_bottom (GTK_WIDGET (section->chips), 6);

  section->tag_names = gtk_list_store_new (1, G_TYPE_STRING);
  gtk_entry_completion_set_model (completion, GTK_TREE_MODEL (section->tag_names));
  gtk_entry_completion_set_text_column (completion, 0);
  gtk_entry_completion_set_inline_completion (completion, TRUE);
  gtk_entry_completion_set_popup_single_match (completion, FALSE);

  section->tag_entry = GTK_ENTRY (gtk_entry_new ());
  gtk_widget_set_hexpand (GTK_WIDGET (section->tag_entry), TRUE);
  gtk_entry_set_placeholder_text (section->tag_entry, _("New tag, such as an area of cooperation"));
  gtk_entry_set_completion (section->tag_entry, completion);
  g_object_unref (completion);
  gtk_accessible_update_property (GTK_ACCESSIBLE (section->tag_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("New tag"), -1);
  g_signal_connect (section->tag_entry, "activate", G_CALLBACK (tag_entry_activate_cb), section);

  gtk_widget_set_name (add, section_info[LIAISON_LINK_TAG].name);
  g_signal_connect (add, "clicked", G_CALLBACK (tag_add_clicked_cb), section);

  gtk_box_append (GTK_BOX (box), GTK_WIDGET (section->tag_entry));
  gtk_box_append (GTK_BOX (box), add);
  adw_preferences_group_add (section->group, GTK_WIDGET (section->chips));
  adw_preferences_group_add (section->group, box);
}

static void
fill_tag_names (Section       *section,
                LiaisonStore  *store)
{
  g_auto(GStrv) tags = liaison_store_list_tags (store, NULL);

  gtk_list_store_clear (section->tag_names);
  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    gtk_list_store_insert_with_values (section->tag_names, NULL, -1, 0, tags[i], -1);
}

/* API */

LiaisonEditorLinks *
_liaison_editor_links_new (LiaisonEditor *editor,
                           GtkBox        *content)
{
  LiaisonEditorLinks *links = g_new0 (LiaisonEditorLinks, 1);

  links->editor = editor;

  for (guint type = 0; type < N_LINK_TYPES; type++)
    {
      Section *section = &links->sections[type];

      section->links = links;
      section->type = type;
      section->rows = g_ptr_array_new ();
      section->group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
      adw_preferences_group_set_title (section->group, _(section_info[type].title));
      gtk_widget_set_visible (GTK_WIDGET (section->group), FALSE);

      if (type == LIAISON_LINK_TAG)
        build_tag_section (section);
      else
        {
          GtkWidget *add = gtk_button_new_from_icon_name ("list-add-symbolic");

          gtk_widget_add_css_class (add, "flat");
          gtk_widget_set_valign (add, GTK_ALIGN_CENTER);
          gtk_widget_set_tooltip_text (add, _(section_info[type].add));
          gtk_accessible_update_property (GTK_ACCESSIBLE (add), GTK_ACCESSIBLE_PROPERTY_LABEL, _(section_info[type].add), -1);
          gtk_widget_set_name (add, section_info[type].name);
          g_signal_connect (add, "clicked", G_CALLBACK (add_clicked_cb), section);
          adw_preferences_group_set_header_suffix (section->group, add);
        }

      gtk_box_append (content, GTK_WIDGET (section->group));
    }

  return links;
}

void
_liaison_editor_links_free (LiaisonEditorLinks *links)
{
  for (guint type = 0; type < N_LINK_TYPES; type++)
    {
      g_clear_pointer (&links->sections[type].rows, g_ptr_array_unref);
      g_clear_object (&links->sections[type].tag_names);
    }
  g_free (links);
}

/* Shows the links of @record, the editor's copy, and edits them there. */
void
_liaison_editor_links_load (LiaisonEditorLinks *links,
                            LiaisonStore       *store,
                            LiaisonRecord      *record)
{
  LiaisonRecordKind kind = liaison_record_get_kind (record);

  links->store = store;
  links->record = record;

  for (guint type = 0; type < N_LINK_TYPES; type++)
    {
      Section *section = &links->sections[type];
      gboolean allowed = liaison_record_kind_allows_link (kind, type);

      gtk_widget_set_visible (GTK_WIDGET (section->group), allowed);
      if (!allowed)
        continue;
      if (type == LIAISON_LINK_TAG)
        fill_tag_names (section, store);
      rebuild (section);
    }
}

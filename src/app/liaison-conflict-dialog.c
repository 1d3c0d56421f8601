/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-conflict-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "liaison-conflict-dialog.h"
#include "liaison-labels.h"

/*
 * Asked when a save finds that someone else (another window, liaison-cli) saved the
 * record after the editor opened it.  It shows, field by field, what differs between
 * the stored version ("theirs") and the edited one ("yours"), and offers Keep Mine,
 * Take Theirs, or going on editing.  Whichever is kept, the other stays in the
 * record's history.  The responses are "cancel", "theirs" and "mine"; the editor acts
 * on them.
 */

struct _LiaisonConflictDialog
{
  AdwMessageDialog  parent_instance;

  LiaisonStore     *store;
  LiaisonRecord    *mine;
  LiaisonRecord    *theirs;
  GPtrArray        *differences;   /* of field labels (and "Links"), in field order */
};

G_DEFINE_FINAL_TYPE (LiaisonConflictDialog, liaison_conflict_dialog, ADW_TYPE_MESSAGE_DIALOG)

static char *
format_value (LiaisonConflictDialog *self,
              const LiaisonField    *field,
              const char            *value)
{
  char *text;

  if (value == NULL || *value == '\0')
    /* Translators: in the comparison of two versions, a field that is empty */
    return g_strdup (_("(empty)"));
  text = liaison_format_field_value (self->store, field, value);
  /* A long summary is told apart by its beginning; the editor shows it whole. */
  if (g_utf8_strlen (text, -1) > 160)
    {
      g_autofree char *start = g_utf8_substring (text, 0, 160);

      g_free (text);
      text = g_strconcat (start, "…", NULL);
    }
  return text;
}

static gboolean
links_equal (LiaisonRecord *a,
             LiaisonRecord *b)
{
  GPtrArray *la = liaison_record_get_links (a);
  GPtrArray *lb = liaison_record_get_links (b);

  if (la->len != lb->len)
    return FALSE;
  for (guint i = 0; i < la->len; i++)
    {
      gboolean found = FALSE;

      for (guint j = 0; j < lb->len && !found; j++)
        found = liaison_link_equal (g_ptr_array_index (la, i), g_ptr_array_index (lb, j));
      if (!found)
        return FALSE;
    }
  return TRUE;
}

static GtkWidget *
create_row (const char *title,
            const char *theirs,
            const char *mine)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *theirs_markup = NULL;
  g_autofree char *mine_markup = NULL;
  g_autofree char *subtitle = NULL;

  /* Translators: the stored version of a field, beside "Yours:" */
  theirs_markup = g_markup_printf_escaped (_("Theirs: %s"), theirs);
  /* Translators: the edited version of a field, beside "Theirs:" */
  mine_markup = g_markup_printf_escaped (_("Yours: %s"), mine);
  subtitle = g_strconcat (theirs_markup, "\n", mine_markup, NULL);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  return row;
}

static void
build_comparison (LiaisonConflictDialog *self)
{
  LiaisonRecordKind kind = liaison_record_get_kind (self->mine);
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *scroller;
  const LiaisonField *fields;
  guint n_fields;

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("What differs"),
                                  -1);

  fields = liaison_record_kind_get_fields (kind, &n_fields);
  for (guint i = 0; i < n_fields; i++)
    {
      const char *a = liaison_record_get_field_at (self->theirs, i);
      const char *b = liaison_record_get_field_at (self->mine, i);
      const char *label = liaison_field_get_label (kind, fields[i].name);
      g_autofree char *theirs = NULL;
      g_autofree char *mine = NULL;

      if (g_strcmp0 (a ? a : "", b ? b : "") == 0)
        continue;

      theirs = format_value (self, &fields[i], a);
      mine = format_value (self, &fields[i], b);
      gtk_list_box_append (GTK_LIST_BOX (list), create_row (label, theirs, mine));
      g_ptr_array_add (self->differences, g_strdup (label));
    }

  if (!links_equal (self->theirs, self->mine))
    {
      guint n_theirs = liaison_record_get_links (self->theirs)->len;
      guint n_mine = liaison_record_get_links (self->mine)->len;
      g_autofree char *theirs = g_strdup_printf (ngettext ("%u link", "%u links", n_theirs), n_theirs);
      g_autofree char *mine = g_strdup_printf (ngettext ("%u link", "%u links", n_mine), n_mine);

      /* Translators: parties, participants, tags and sources, compared between versions */
      gtk_list_box_append (GTK_LIST_BOX (list), create_row (_("Links, tags and sources"), theirs, mine));
      g_ptr_array_add (self->differences, g_strdup (_("Links, tags and sources")));
    }

  if (self->differences->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     _("Both versions hold the same values"));
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }

  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 320);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), list);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (self), scroller);
}

static void
liaison_conflict_dialog_dispose (GObject *object)
{
  LiaisonConflictDialog *self = LIAISON_CONFLICT_DIALOG (object);

  g_clear_object (&self->store);
  g_clear_object (&self->mine);
  g_clear_object (&self->theirs);
  g_clear_pointer (&self->differences, g_ptr_array_unref);

  G_OBJECT_CLASS (liaison_conflict_dialog_parent_class)->dispose (object);
}

static void
liaison_conflict_dialog_class_init (LiaisonConflictDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = liaison_conflict_dialog_dispose;
}

static void
liaison_conflict_dialog_init (LiaisonConflictDialog *self)
{
  self->differences = g_ptr_array_new_with_free_func (g_free);
}

/**
 * liaison_conflict_dialog_new:
 * @mine: the edited record, which could not be saved
 * @theirs: the record as it is stored now
 */
LiaisonConflictDialog *
liaison_conflict_dialog_new (GtkWindow     *parent,
                             LiaisonStore  *store,
                             LiaisonRecord *mine,
                             LiaisonRecord *theirs)
{
  LiaisonConflictDialog *self;
  g_autofree char *title = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (LIAISON_IS_STORE (store), NULL);
  g_return_val_if_fail (LIAISON_IS_RECORD (mine), NULL);
  g_return_val_if_fail (LIAISON_IS_RECORD (theirs), NULL);

  self = g_object_new (LIAISON_TYPE_CONFLICT_DIALOG,
                       "transient-for", parent,
                       "modal", TRUE,
                       "heading", _("Changed by Someone Else"),
                       "default-response", "cancel",
                       "close-response", "cancel",
                       NULL);
  self->store = g_object_ref (store);
  self->mine = liaison_record_copy (mine);
  self->theirs = liaison_record_copy (theirs);

  title = liaison_record_dup_display_title (theirs);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (self),
                                  _("“%s” was saved elsewhere (in another window or by liaison-cli) after you began editing it. "
                                    "Choose the version to keep. The other one stays in the record’s history."),
                                  title);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (self),
                                    "cancel", _("_Keep Editing"),
                                    "theirs", _("_Take Theirs"),
                                    "mine", _("Keep _Mine"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (self), "mine", ADW_RESPONSE_SUGGESTED);

  build_comparison (self);
  return self;
}

/**
 * liaison_conflict_dialog_get_mine:
 *
 * Returns: (transfer none): the edited version
 */
LiaisonRecord *
liaison_conflict_dialog_get_mine (LiaisonConflictDialog *self)
{
  g_return_val_if_fail (LIAISON_IS_CONFLICT_DIALOG (self), NULL);
  return self->mine;
}

/**
 * liaison_conflict_dialog_get_theirs:
 *
 * Returns: (transfer none): the stored version, with its revision
 */
LiaisonRecord *
liaison_conflict_dialog_get_theirs (LiaisonConflictDialog *self)
{
  g_return_val_if_fail (LIAISON_IS_CONFLICT_DIALOG (self), NULL);
  return self->theirs;
}

/**
 * liaison_conflict_dialog_dup_differences:
 *
 * Returns: (transfer full): the labels of the fields the dialog lists as different
 */
GStrv
liaison_conflict_dialog_dup_differences (LiaisonConflictDialog *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (LIAISON_IS_CONFLICT_DIALOG (self), NULL);

  for (guint i = 0; i < self->differences->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (self->differences, i));
  return g_strv_builder_end (builder);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-history-view"

#include "config.h"

#include <glib/gi18n.h>

#include "liaison-history-view.h"
#include "liaison-labels.h"

/*
 * The history of one record: its entries in the change log, newest first, each with
 * when and what, and what it changed field by field and link by link, read from the
 * snapshots the log keeps.
 */
struct _LiaisonHistoryView
{
  AdwWindow       parent_instance;

  LiaisonStore   *store;
  char           *uuid;
  guint           n_changes;

  AdwWindowTitle *window_title;
  GtkStack       *stack;
  GtkListBox     *list_box;
};

G_DEFINE_FINAL_TYPE (LiaisonHistoryView, liaison_history_view, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_UUID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define MAX_CHANGES 500
#define MAX_VALUE_CHARS 80

static const char *
action_label (const char *action)
{
  if (g_strcmp0 (action, "create") == 0)
    return C_("history", "Added");
  if (g_strcmp0 (action, "update") == 0)
    return C_("history", "Changed");
  if (g_strcmp0 (action, "delete") == 0)
    return C_("history", "Deleted");
  if (g_strcmp0 (action, "import") == 0)
    return C_("history", "Imported");
  return action;
}

static const char *
link_label (LiaisonLinkType type)
{
  switch (type)
    {
    case LIAISON_LINK_PARTY:
      return _("Party");
    case LIAISON_LINK_INSTITUTION:
      return _("Participating institution");
    case LIAISON_LINK_PERSON:
      return _("Participant");
    case LIAISON_LINK_AGREEMENT:
      return _("Linked agreement");
    case LIAISON_LINK_TAG:
      return _("Tag");
    case LIAISON_LINK_CITATION:
      return _("Source");
    default:
      return "";
    }
}

static char *
format_time (const char *iso)
{
  g_autoptr(GDateTime) utc = iso ? g_date_time_new_from_iso8601 (iso, NULL) : NULL;
  g_autoptr(GDateTime) local = NULL;

  if (utc == NULL)
    return g_strdup (iso ? iso : "");
  local = g_date_time_to_local (utc);
  /* Translators: when a change was made; see the strftime() manual page */
  return g_date_time_format (local, C_("history time", "%-d %B %Y, %H:%M"));
}

static char *
shorten (char *text)
{
  if (text != NULL && g_utf8_strlen (text, -1) > MAX_VALUE_CHARS)
    {
      char *end = g_utf8_offset_to_pointer (text, MAX_VALUE_CHARS);
      char *shortened = g_strdup_printf ("%.*s…", (int) (end - text), text);

      g_free (text);
      return shortened;
    }
  return text;
}

static char *
format_value (LiaisonHistoryView *self,
              const LiaisonField *field,
              const char         *value)
{
  if (value == NULL)
    return g_strdup (_("(empty)"));
  if (field->type == LIAISON_FIELD_BOOLEAN)
    return g_strdup (_("Yes"));
  return shorten (liaison_format_field_value (self->store, field, value));
}

static void
add_difference (GtkWidget  *expander,
                const char *title,
                const char *detail)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), detail);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);
}

static char *
describe_link_target (LiaisonHistoryView *self,
                      const LiaisonLink  *link)
{
  g_autofree char *title = NULL;

  if (link->type == LIAISON_LINK_TAG)
    return g_strdup (link->target);
  title = liaison_store_get_title (self->store, link->target);
  if (title == NULL)
    title = g_strdup (link->target);
  if (link->role != NULL)
    return g_strdup_printf ("%s (%s)", title, link->role);
  return g_steal_pointer (&title);
}

static const LiaisonLink *
find_link (GPtrArray         *links,
           const LiaisonLink *like)
{
  for (guint i = 0; links != NULL && i < links->len; i++)
    {
      const LiaisonLink *link = g_ptr_array_index (links, i);

      if (link->type == like->type && g_strcmp0 (link->target, like->target) == 0)
        return link;
    }
  return NULL;
}

/* One link list against the other: each link only in @from is told as added (or
 * removed), and with @added, each link whose role changed. */
static guint
add_link_differences (LiaisonHistoryView *self,
                      GtkWidget          *expander,
                      GPtrArray          *from,
                      GPtrArray          *to,
                      gboolean            added)
{
  guint n = 0;

  for (guint i = 0; from != NULL && i < from->len; i++)
    {
      const LiaisonLink *link = g_ptr_array_index (from, i);
      const LiaisonLink *other = find_link (to, link);
      g_autofree char *target = describe_link_target (self, link);
      g_autofree char *detail = NULL;

      if (other == NULL)
        /* Translators: a link added to or removed from a record, "Added: Huawei" */
        detail = g_strdup_printf (added ? _("Added: %s") : _("Removed: %s"), target);
      else if (added && !liaison_link_equal (link, other))
        {
          g_autofree char *was = describe_link_target (self, other);

          detail = g_strdup_printf ("%s → %s", was, target);
        }

      if (detail != NULL)
        {
          add_difference (expander, link_label (link->type), detail);
          n++;
        }
    }
  return n;
}

static GtkWidget *
create_change_row (LiaisonHistoryView  *self,
                   const LiaisonChange *change)
{
  g_autoptr(LiaisonRecord) before = liaison_change_dup_before (change, NULL);
  g_autoptr(LiaisonRecord) after = liaison_change_dup_after (change, NULL);
  LiaisonRecord *any = after ? after : before;
  g_autofree char *when = format_time (change->time);
  g_autofree char *subtitle = g_strdup_printf ("%s · %s", when, action_label (change->action));
  GtkWidget *row = adw_expander_row_new ();
  const LiaisonField *fields;
  guint n_fields;
  guint n = 0;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), change->summary ? change->summary : "");
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);

  if (any == NULL)
    {
      gtk_widget_set_sensitive (row, FALSE);
      return row;
    }

  fields = liaison_record_kind_get_fields (liaison_record_get_kind (any), &n_fields);
  for (guint i = 0; i < n_fields; i++)
    {
      const char *was = before ? liaison_record_get_field_at (before, i) : NULL;
      const char *now = after ? liaison_record_get_field_at (after, i) : NULL;
      g_autofree char *was_text = NULL;
      g_autofree char *now_text = NULL;
      g_autofree char *detail = NULL;

      if (g_strcmp0 (was, now) == 0)
        continue;

      was_text = format_value (self, &fields[i], was);
      now_text = format_value (self, &fields[i], now);
      if (before == NULL)
        detail = g_steal_pointer (&now_text);
      else if (after == NULL)
        detail = g_steal_pointer (&was_text);
      else
        detail = g_strdup_printf ("%s → %s", was_text, now_text);

      add_difference (row, liaison_field_get_label (liaison_record_get_kind (any), fields[i].name), detail);
      n++;
    }

  n += add_link_differences (self, row, after ? liaison_record_get_links (after) : NULL,
                             before ? liaison_record_get_links (before) : NULL, TRUE);
  n += add_link_differences (self, row, before ? liaison_record_get_links (before) : NULL,
                             after ? liaison_record_get_links (after) : NULL, FALSE);

  adw_expander_row_set_enable_expansion (ADW_EXPANDER_ROW (row), n > 0);
  return row;
}

static void
reload (LiaisonHistoryView *self)
{
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box))) != NULL)
    gtk_list_box_remove (self->list_box, child);

  title = liaison_store_get_title (self->store, self->uuid);
  if (title == NULL)
    {
      /* Deleted: the newest entry still knows its name. */
      changes = liaison_store_list_changes (self->store, self->uuid, 1, NULL);
      if (changes != NULL && changes->len > 0)
        {
          g_autoptr(LiaisonRecord) last = liaison_change_dup_before (changes->pdata[0], NULL);

          if (last != NULL)
            title = g_strdup (liaison_record_get_title (last));
        }
      g_clear_pointer (&changes, g_ptr_array_unref);
    }
  adw_window_title_set_subtitle (self->window_title, title ? title : "");

  changes = liaison_store_list_changes (self->store, self->uuid, MAX_CHANGES, &error);
  if (changes == NULL)
    {
      g_warning ("Could not read the history of %s: %s", self->uuid, error->message);
      self->n_changes = 0;
    }
  else
    {
      self->n_changes = changes->len;
      for (guint i = 0; i < changes->len; i++)
        {
          GtkWidget *row = create_change_row (self, changes->pdata[i]);

          /* The newest change shows what it did without a click. */
          if (i == 0 && adw_expander_row_get_enable_expansion (ADW_EXPANDER_ROW (row)))
            adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
          gtk_list_box_append (self->list_box, row);
        }
    }

  gtk_stack_set_visible_child_name (self->stack, self->n_changes > 0 ? "changes" : "empty");
}

static void
store_changed_cb (LiaisonHistoryView *self,
                  guint               kind)
{
  reload (self);
}

static void
liaison_history_view_constructed (GObject *object)
{
  LiaisonHistoryView *self = (LiaisonHistoryView *)object;

  G_OBJECT_CLASS (liaison_history_view_parent_class)->constructed (object);

  g_signal_connect_object (self->store, "changed", G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);
  reload (self);
}

static void
liaison_history_view_dispose (GObject *object)
{
  LiaisonHistoryView *self = (LiaisonHistoryView *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), LIAISON_TYPE_HISTORY_VIEW);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (liaison_history_view_parent_class)->dispose (object);
}

static void
liaison_history_view_finalize (GObject *object)
{
  LiaisonHistoryView *self = (LiaisonHistoryView *)object;

  g_free (self->uuid);

  G_OBJECT_CLASS (liaison_history_view_parent_class)->finalize (object);
}

static void
liaison_history_view_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  LiaisonHistoryView *self = LIAISON_HISTORY_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_UUID:
      g_value_set_string (value, self->uuid);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liaison_history_view_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  LiaisonHistoryView *self = LIAISON_HISTORY_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_UUID:
      self->uuid = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liaison_history_view_class_init (LiaisonHistoryViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = liaison_history_view_constructed;
  object_class->dispose = liaison_history_view_dispose;
  object_class->finalize = liaison_history_view_finalize;
  object_class->get_property = liaison_history_view_get_property;
  object_class->set_property = liaison_history_view_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, LIAISON_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_UUID] =
    g_param_spec_string ("uuid", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/liaisonapp/Liaison/liaison-history-view.ui");
  gtk_widget_class_bind_template_child (widget_class, LiaisonHistoryView, window_title);
  gtk_widget_class_bind_template_child (widget_class, LiaisonHistoryView, stack);
  gtk_widget_class_bind_template_child (widget_class, LiaisonHistoryView, list_box);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
liaison_history_view_init (LiaisonHistoryView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * liaison_history_view_new:
 * @uuid: the record whose history to show; it may be deleted
 *
 * Returns: (transfer floating): a dialog; set its transient parent and present it
 */
LiaisonHistoryView *
liaison_history_view_new (LiaisonStore *store,
                          const char   *uuid)
{
  g_return_val_if_fail (LIAISON_IS_STORE (store), NULL);
  g_return_val_if_fail (uuid != NULL, NULL);

  return g_object_new (LIAISON_TYPE_HISTORY_VIEW, "store", store, "uuid", uuid, NULL);
}

const char *
liaison_history_view_get_uuid (LiaisonHistoryView *self)
{
  g_return_val_if_fail (LIAISON_IS_HISTORY_VIEW (self), NULL);
  return self->uuid;
}

/**
 * liaison_history_view_get_n_changes:
 *
 * Returns: how many entries of the change log the view lists
 */
guint
liaison_history_view_get_n_changes (LiaisonHistoryView *self)
{
  g_return_val_if_fail (LIAISON_IS_HISTORY_VIEW (self), 0);
  return self->n_changes;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-banner"

#include "config.h"

#include "liaison-banner.h"

/*
 * A strip under the header bar that says something about the whole window (the
 * database is read-only) and offers one thing to do about it.  libadwaita 1.2 has no
 * AdwBanner; this is the same idea: a revealer, a centred text and a pill button.
 */

struct _LiaisonBanner
{
  AdwBin       parent_instance;

  GtkRevealer *revealer;
  GtkLabel    *title_label;
  GtkButton   *button;
};

G_DEFINE_FINAL_TYPE (LiaisonBanner, liaison_banner, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_REVEALED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
liaison_banner_dispose (GObject *object)
{
  /* The revealer is the bin's child and a template child: let the bin let go first. */
  adw_bin_set_child (ADW_BIN (object), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), LIAISON_TYPE_BANNER);

  G_OBJECT_CLASS (liaison_banner_parent_class)->dispose (object);
}

static void
liaison_banner_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  LiaisonBanner *self = LIAISON_BANNER (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, liaison_banner_get_title (self));
      break;
    case PROP_REVEALED:
      g_value_set_boolean (value, liaison_banner_get_revealed (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liaison_banner_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  LiaisonBanner *self = LIAISON_BANNER (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      liaison_banner_set_title (self, g_value_get_string (value));
      break;
    case PROP_REVEALED:
      liaison_banner_set_revealed (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liaison_banner_class_init (LiaisonBannerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = liaison_banner_dispose;
  object_class->get_property = liaison_banner_get_property;
  object_class->set_property = liaison_banner_set_property;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REVEALED] =
    g_param_spec_boolean ("revealed", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/liaisonapp/Liaison/liaison-banner.ui");
  gtk_widget_class_bind_template_child (widget_class, LiaisonBanner, revealer);
  gtk_widget_class_bind_template_child (widget_class, LiaisonBanner, title_label);
  gtk_widget_class_bind_template_child (widget_class, LiaisonBanner, button);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
liaison_banner_init (LiaisonBanner *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
liaison_banner_new (void)
{
  return g_object_new (LIAISON_TYPE_BANNER, NULL);
}

const char *
liaison_banner_get_title (LiaisonBanner *self)
{
  g_return_val_if_fail (LIAISON_IS_BANNER (self), NULL);
  return gtk_label_get_label (self->title_label);
}

/**
 * liaison_banner_set_title:
 * @title: Pango markup; escape what comes from outside
 */
void
liaison_banner_set_title (LiaisonBanner *self,
                          const char    *title)
{
  g_return_if_fail (LIAISON_IS_BANNER (self));

  if (g_strcmp0 (title, gtk_label_get_label (self->title_label)) == 0)
    return;

  gtk_label_set_markup (self->title_label, title ? title : "");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

/**
 * liaison_banner_set_button:
 * @label: (nullable): the button's label with a mnemonic, or %NULL for no button
 * @action_name: (nullable): what the button activates
 */
void
liaison_banner_set_button (LiaisonBanner *self,
                           const char    *label,
                           const char    *action_name)
{
  g_return_if_fail (LIAISON_IS_BANNER (self));

  gtk_button_set_label (self->button, label ? label : "");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->button), action_name);
  gtk_widget_set_visible (GTK_WIDGET (self->button), label != NULL);
}

gboolean
liaison_banner_get_revealed (LiaisonBanner *self)
{
  g_return_val_if_fail (LIAISON_IS_BANNER (self), FALSE);
  return gtk_revealer_get_reveal_child (self->revealer);
}

void
liaison_banner_set_revealed (LiaisonBanner *self,
                             gboolean       revealed)
{
  g_return_if_fail (LIAISON_IS_BANNER (self));

  revealed = !!revealed;
  if (revealed == gtk_revealer_get_reveal_child (self->revealer))
    return;

  gtk_revealer_set_reveal_child (self->revealer, revealed);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REVEALED]);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-preferences-window"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "liaison-preferences-window.h"

/*
 * The Preferences window: the settings a user should change, bound to GSettings so that
 * every change applies at once and there is nothing to save.  The spin buttons take
 * their limits from the ranges in the schema.
 */

struct _LiaisonPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;

  /* Template children */
  GtkAdjustment        *backups_adjustment;
  GtkAdjustment        *ending_soon_adjustment;
};

G_DEFINE_FINAL_TYPE (LiaisonPreferencesWindow, liaison_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
get_double_from_uint_cb (GValue   *value,
                         GVariant *variant,
                         gpointer  user_data)
{
  g_value_set_double (value, g_variant_get_uint32 (variant));
  return TRUE;
}

static GVariant *
get_uint_from_double_cb (const GValue       *value,
                         const GVariantType *expected_type,
                         gpointer            user_data)
{
  double d = round (g_value_get_double (value));

  return g_variant_new_uint32 ((guint32) CLAMP (d, 0, G_MAXUINT32));
}

/* Binds an unsigned key to @adjustment, limited to the key's range in the schema. */
static void
bind_uint_key (LiaisonPreferencesWindow *self,
               const char               *key,
               GtkAdjustment            *adjustment)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettingsSchemaKey) schema_key = NULL;
  g_autoptr(GVariant) range = NULL;
  g_autoptr(GVariant) limits = NULL;
  const char *range_type = NULL;
  guint32 min = 0;
  guint32 max = G_MAXUINT32;

  g_object_get (self->settings, "settings-schema", &schema, NULL);
  schema_key = g_settings_schema_get_key (schema, key);
  g_assert (g_variant_type_equal (g_settings_schema_key_get_value_type (schema_key),
                                  G_VARIANT_TYPE_UINT32));

  range = g_settings_schema_key_get_range (schema_key);
  g_variant_get (range, "(&sv)", &range_type, &limits);
  if (g_str_equal (range_type, "range"))
    g_variant_get (limits, "(uu)", &min, &max);

  /* The limits come first, or the adjustment would clamp the stored value. */
  gtk_adjustment_set_lower (adjustment, min);
  gtk_adjustment_set_upper (adjustment, max);
  g_settings_bind_with_mapping (self->settings, key, adjustment, "value",
                                G_SETTINGS_BIND_DEFAULT,
                                get_double_from_uint_cb, get_uint_from_double_cb,
                                NULL, NULL);
}

/* Overrides */

static void
liaison_preferences_window_constructed (GObject *object)
{
  LiaisonPreferencesWindow *self = (LiaisonPreferencesWindow *)object;

  G_OBJECT_CLASS (liaison_preferences_window_parent_class)->constructed (object);

  g_assert (G_IS_SETTINGS (self->settings));

  bind_uint_key (self, "ending-soon-days", self->ending_soon_adjustment);
  bind_uint_key (self, "backups-to-keep", self->backups_adjustment);
}

static void
liaison_preferences_window_dispose (GObject *object)
{
  LiaisonPreferencesWindow *self = (LiaisonPreferencesWindow *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), LIAISON_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (liaison_preferences_window_parent_class)->dispose (object);
}

static void
liaison_preferences_window_get_property (GObject    *object,
                                         guint       prop_id,
                                         GValue     *value,
                                         GParamSpec *pspec)
{
  LiaisonPreferencesWindow *self = LIAISON_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liaison_preferences_window_set_property (GObject      *object,
                                         guint         prop_id,
                                         const GValue *value,
                                         GParamSpec   *pspec)
{
  LiaisonPreferencesWindow *self = LIAISON_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
liaison_preferences_window_class_init (LiaisonPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = liaison_preferences_window_constructed;
  object_class->dispose = liaison_preferences_window_dispose;
  object_class->get_property = liaison_preferences_window_get_property;
  object_class->set_property = liaison_preferences_window_set_property;

  /**
   * LiaisonPreferencesWindow:settings:
   *
   * The application's settings, which the window reads and writes.
   */
  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL,
                         G_TYPE_SETTINGS,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "liaison-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, LiaisonPreferencesWindow, backups_adjustment);
  gtk_widget_class_bind_template_child (widget_class, LiaisonPreferencesWindow, ending_soon_adjustment);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
liaison_preferences_window_init (LiaisonPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Public API */

/**
 * liaison_preferences_window_new:
 * @settings: the application's settings
 *
 * Returns: (transfer none): a new preferences window editing @settings; like every
 *   window, it belongs to GTK until it is destroyed
 */
LiaisonPreferencesWindow *
liaison_preferences_window_new (GSettings *settings)
{
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  return g_object_new (LIAISON_TYPE_PREFERENCES_WINDOW,
                       "settings", settings,
                       NULL);
}

GSettings *
liaison_preferences_window_get_settings (LiaisonPreferencesWindow *self)
{
  g_return_val_if_fail (LIAISON_IS_PREFERENCES_WINDOW (self), NULL);

  return self->settings;
}

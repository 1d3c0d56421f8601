/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>

#include "liaison-preferences-window.h"
#include "liaison-resources.h"

/*
 * The Preferences window edits GSettings directly: what the settings hold shows in the
 * spin buttons, what the user enters lands in the settings, and the limits are the
 * schema's ranges.  Runs with GSETTINGS_BACKEND=memory.
 */

typedef struct {
  GSettings                *settings;
  LiaisonPreferencesWindow *window;
  GtkSpinButton            *ending_soon;
  GtkSpinButton            *backups;
} Fixture;

static void
collect_spin_buttons (GtkWidget *widget,
                      GPtrArray *found)
{
  if (GTK_IS_SPIN_BUTTON (widget))
    g_ptr_array_add (found, widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_spin_buttons (child, found);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GPtrArray) spins = g_ptr_array_new ();

  f->settings = g_settings_new ("io.github.liaisonapp.Liaison");
  g_settings_reset (f->settings, "ending-soon-days");
  g_settings_reset (f->settings, "backups-to-keep");
  g_settings_set_uint (f->settings, "ending-soon-days", 45);

  f->window = liaison_preferences_window_new (f->settings);
  g_assert_true (LIAISON_IS_PREFERENCES_WINDOW (f->window));
  g_assert_true (liaison_preferences_window_get_settings (f->window) == f->settings);

  /* The window shows two spin buttons: the ending-soon threshold first, then backups. */
  collect_spin_buttons (GTK_WIDGET (f->window), spins);
  g_assert_cmpuint (spins->len, ==, 2);
  f->ending_soon = g_ptr_array_index (spins, 0);
  f->backups = g_ptr_array_index (spins, 1);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_clear_object (&f->settings);
}

static void
test_shows_stored_values (Fixture       *f,
                          gconstpointer  data)
{
  g_assert_cmpint (gtk_spin_button_get_value_as_int (f->ending_soon), ==, 45);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (f->backups), ==, 5);

  /* A change made elsewhere (another window, gsettings) shows at once. */
  g_settings_set_uint (f->settings, "backups-to-keep", 12);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (f->backups), ==, 12);
}

static void
test_entered_values_are_stored (Fixture       *f,
                                gconstpointer  data)
{
  gtk_spin_button_set_value (f->ending_soon, 120);
  g_assert_cmpuint (g_settings_get_uint (f->settings, "ending-soon-days"), ==, 120);

  gtk_spin_button_set_value (f->backups, 0);
  g_assert_cmpuint (g_settings_get_uint (f->settings, "backups-to-keep"), ==, 0);
}

static void
test_limits_follow_schema (Fixture       *f,
                           gconstpointer  data)
{
  double min, max;

  gtk_spin_button_get_range (f->ending_soon, &min, &max);
  g_assert_cmpfloat (min, ==, 1);
  g_assert_cmpfloat (max, ==, 3650);
  gtk_spin_button_get_range (f->backups, &min, &max);
  g_assert_cmpfloat (min, ==, 0);
  g_assert_cmpfloat (max, ==, 100);

  /* Out of range input is clamped, so the settings never hold an invalid value. */
  gtk_spin_button_set_value (f->ending_soon, 99999);
  g_assert_cmpuint (g_settings_get_uint (f->settings, "ending-soon-days"), ==, 3650);
  gtk_spin_button_set_value (f->ending_soon, 0);
  g_assert_cmpuint (g_settings_get_uint (f->settings, "ending-soon-days"), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  /* Linking a static library takes only what is used: use the templates' resource. */
  g_assert_nonnull (liaison_get_resource ());

  g_test_add ("/liaison/preferences-window/shows-stored-values", Fixture, NULL,
              fixture_set_up, test_shows_stored_values, fixture_tear_down);
  g_test_add ("/liaison/preferences-window/entered-values-are-stored", Fixture, NULL,
              fixture_set_up, test_entered_values_are_stored, fixture_tear_down);
  g_test_add ("/liaison/preferences-window/limits-follow-schema", Fixture, NULL,
              fixture_set_up, test_limits_follow_schema, fixture_tear_down);

  return g_test_run ();
}

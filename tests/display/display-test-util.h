/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/*
 * Helpers shared by the display tests: a window over a freshly seeded database, and
 * waiting for the main loop to get somewhere.
 */

#include <adwaita.h>

#include "liaison-core.h"
#include "liaison-window.h"
#include "../test-util.h"

G_BEGIN_DECLS

typedef gboolean (*Condition) (gpointer data);

/* Runs the main loop until @condition holds, failing after a minute; then lets the
 * frame that shows the change be drawn. */
static inline void
display_test_wait_until (Condition condition,
                         gpointer  data)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (!condition (data))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  for (guint i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
}

/* A Condition: the section view @data has finished its query and shows its result. */
static inline gboolean
display_test_section_is_idle (gpointer data)
{
  return !liaison_section_view_get_loading (data) &&
         g_strcmp0 (liaison_section_view_get_page (data), "loading") != 0;
}

/* The first shown window of @type, or NULL. */
static inline gpointer
display_test_find_shown_window (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }
  return NULL;
}

/* @widget or its first descendant of @type, depth first; NULL when there is none. */
static inline GtkWidget *
display_test_find_descendant (GtkWidget *widget,
                              GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = display_test_find_descendant (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* A new temporary folder named after @dir_template, a database seeded in it
 * ("seeded.db"), and a window over it, 1200×800, shown. */
static inline void
display_test_open_seeded_window (const char     *dir_template,
                                 char          **dir,
                                 LiaisonStore  **store,
                                 LiaisonWindow **window)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  *dir = g_dir_make_tmp (dir_template, &error);
  g_assert_no_error (error);
  path = g_build_filename (*dir, "seeded.db", NULL);
  *store = liaison_store_open (path, LIAISON_STORE_OPEN_SEED, &error);
  g_assert_no_error (error);

  *window = g_object_ref_sink (liaison_window_new (NULL, *store));
  gtk_window_set_default_size (GTK_WINDOW (*window), 1200, 800);
  gtk_window_present (GTK_WINDOW (*window));
}

/* Closes what display_test_open_seeded_window() opened and removes the folder. */
static inline void
display_test_close_window (char          **dir,
                           LiaisonStore  **store,
                           LiaisonWindow **window)
{
  gtk_window_destroy (GTK_WINDOW (*window));
  g_clear_object (window);
  g_clear_object (store);
  test_remove_tree (*dir);
  g_clear_pointer (dir, g_free);
}

G_END_DECLS

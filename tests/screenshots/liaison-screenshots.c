/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>

#include "liaison-application.h"
#include "liaison-core.h"
#include "liaison-window.h"

/*
 * Renders the main window into PNGs: every page, each section with a record open and
 * with its editor, at the size and in the colour scheme asked for.  The window draws
 * itself into a texture, so the pictures do not depend on a window manager.
 *
 *   liaison-screenshots [--dark] [--width W] [--height H] [--database PATH] OUTDIR
 *
 * tests/screenshots/screenshots.sh runs it at 1280×800 and 400×800, light and dark.
 * The translations come from LIAISON_LOCALEDIR when set (the build's po folder), so
 * LANGUAGE=zh_CN shows the window in Chinese before Liaison is installed.
 */

static gboolean dark;
static int width = 1280;
static int height = 800;
static char *database;

static const GOptionEntry entries[] = {
  { "dark", 0, 0, G_OPTION_ARG_NONE, &dark, "Dark style", NULL },
  { "width", 0, 0, G_OPTION_ARG_INT, &width, "Window width", "W" },
  { "height", 0, 0, G_OPTION_ARG_INT, &height, "Window height", "H" },
  { "database", 0, 0, G_OPTION_ARG_FILENAME, &database, "Database (default: a freshly seeded one)", "PATH" },
  { NULL }
};

/* Institutions and agreements to show, when the database has them. */
static const char * const favourites[] = {
  "Chongqing University",
  "Agreement on deepening comprehensive strategic cooperation between Chongqing University and Huawei",
  "Chongqing University–Huawei signing ceremony on deepening comprehensive strategic cooperation",
  "Wang Shuxin",
};

static void
settle (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
}

static void
wait_idle (LiaisonSectionView *section)
{
  gint64 deadline = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;

  while ((liaison_section_view_get_loading (section) ||
          g_strcmp0 (liaison_section_view_get_page (section), "loading") == 0) &&
         g_get_monotonic_time () < deadline)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
}

static gboolean
count_frame_cb (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       data)
{
  guint *frames = data;

  (*frames)++;
  gtk_widget_queue_draw (widget);
  return G_SOURCE_CONTINUE;
}

static void
wait_frames (GtkWidget *window,
             guint      n)
{
  guint frames = 0;
  guint id = gtk_widget_add_tick_callback (window, count_frame_cb, &frames, NULL);
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  gtk_widget_queue_draw (window);
  while (frames < n + 1 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  gtk_widget_remove_tick_callback (window, id);
}

static void
save_png (GtkWidget  *window,
          const char *dir,
          const char *name)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (window);
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = g_build_filename (dir, name, NULL);
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (window));
  int w = gtk_widget_get_width (window);
  int h = gtk_widget_get_height (window);

  /* The window's picture is the one its last frame drew: let two more frames pass. */
  settle (300);
  wait_frames (window, 2);

  for (guint attempt = 0; node == NULL && attempt < 50; attempt++)
    {
      g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();

      if (attempt > 0)
        wait_frames (window, 1);
      w = gtk_widget_get_width (window);
      h = gtk_widget_get_height (window);
      gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), w, h);
      node = gtk_snapshot_to_node (snapshot);
    }
  if (node == NULL)
    g_error ("Nothing drawn for %s", name);
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, w, h));
  if (!gdk_texture_save_to_png (texture, path))
    g_error ("Could not write %s", path);
  g_print ("%s\n", path);
}

static LiaisonRecord *
find_favourite (LiaisonStore      *store,
                LiaisonRecordKind  kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (favourites); i++)
    {
      g_autoptr(LiaisonQuery) query = liaison_query_new (kind);
      g_autoptr(GArray) ids = NULL;

      liaison_query_set_search (query, favourites[i]);
      query->limit = 20;
      ids = liaison_store_query (store, query, NULL);
      for (guint j = 0; ids != NULL && j < ids->len; j++)
        {
          g_autoptr(LiaisonRecord) record = liaison_store_load (store, kind, g_array_index (ids, gint64, j), NULL);

          if (record != NULL && g_strcmp0 (liaison_record_get_title (record), favourites[i]) == 0)
            return g_steal_pointer (&record);
        }
    }
  return NULL;
}

int
main (int   argc,
      char *argv[])
{
  static const LiaisonRecordKind kinds[] = {
    LIAISON_RECORD_INSTITUTION, LIAISON_RECORD_AGREEMENT, LIAISON_RECORD_EVENT, LIAISON_RECORD_PERSON,
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("OUTDIR");
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaisonStore) store = NULL;
  g_autofree char *tmpdir = NULL;
  g_autofree char *prefix = NULL;
  g_autoptr(LiaisonApplication) application = NULL;
  LiaisonWindow *window;
  const char *outdir;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("LIAISON_LOCALEDIR") ? g_getenv ("LIAISON_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 2)
    {
      g_printerr ("%s\n", error ? error->message : "Name the folder for the pictures");
      return 2;
    }
  outdir = argv[1];
  g_mkdir_with_parents (outdir, 0755);

  /* The application, registered but not run, brings the style sheet and shortcuts. */
  application = liaison_application_new ();
  g_application_set_flags (G_APPLICATION (application), G_APPLICATION_NON_UNIQUE);
  if (!g_application_register (G_APPLICATION (application), NULL, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      dark ? ADW_COLOR_SCHEME_FORCE_DARK : ADW_COLOR_SCHEME_FORCE_LIGHT);

  if (database == NULL)
    {
      tmpdir = g_dir_make_tmp ("liaison-shots-XXXXXX", &error);
      g_assert_no_error (error);
      database = g_build_filename (tmpdir, "Partnerships.db", NULL);
    }
  store = liaison_store_open (database, LIAISON_STORE_OPEN_SEED, &error);
  if (store == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  window = liaison_window_new (application, store);
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  settle (1500);

  prefix = g_strdup_printf ("%dx%d-%s", width, height, dark ? "dark" : "light");

  {
    g_autofree char *name = g_strdup_printf ("%s-0-overview.png", prefix);
    save_png (GTK_WIDGET (window), outdir, name);
  }

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      LiaisonSectionView *section = liaison_window_get_section (window, kinds[i]);
      const char *plural = liaison_record_kind_get_plural (kinds[i]);
      g_autoptr(LiaisonRecord) record = NULL;
      g_autofree char *list_name = g_strdup_printf ("%s-%u-%s-list.png", prefix, i + 1, plural);
      g_autofree char *detail_name = g_strdup_printf ("%s-%u-%s-detail.png", prefix, i + 1, plural);
      g_autofree char *editor_name = g_strdup_printf ("%s-%u-%s-editor.png", prefix, i + 1, plural);

      liaison_window_set_page (window, plural);
      wait_idle (section);
      save_png (GTK_WIDGET (window), outdir, list_name);

      record = find_favourite (store, kinds[i]);
      if (record == NULL && g_list_model_get_n_items (G_LIST_MODEL (liaison_section_view_get_model (section))) > 0)
        record = g_list_model_get_item (G_LIST_MODEL (liaison_section_view_get_model (section)), 0);
      if (record == NULL)
        continue;

      liaison_section_view_show_record (section, record);
      save_png (GTK_WIDGET (window), outdir, detail_name);

      gtk_widget_activate_action (GTK_WIDGET (window), "win.edit", NULL);
      save_png (GTK_WIDGET (window), outdir, editor_name);
      liaison_detail_view_stop_editing (liaison_section_view_get_detail_view (section));
      liaison_section_view_show_list (section);
    }

  /* Search in Chinese, with the filters open beside it. */
  {
    LiaisonSectionView *section = liaison_window_get_section (window, LIAISON_RECORD_INSTITUTION);
    g_autofree char *name = g_strdup_printf ("%s-5-search-chinese.png", prefix);

    liaison_window_set_page (window, "institutions");
    liaison_section_view_set_search_text (section, "华为");
    settle (400);
    wait_idle (section);
    save_png (GTK_WIDGET (window), outdir, name);
  }

  gtk_window_destroy (GTK_WINDOW (window));
  if (tmpdir != NULL)
    {
      g_autoptr(GDir) dir = g_dir_open (tmpdir, 0, NULL);
      const char *file;

      while (dir != NULL && (file = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *path = g_build_filename (tmpdir, file, NULL);
          g_unlink (path);
        }
      g_rmdir (tmpdir);
    }

  return 0;
}

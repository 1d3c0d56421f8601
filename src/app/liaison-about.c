/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-about"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <libxml/xmlversion.h>
#include <sqlite3.h>

#include "liaison-about.h"

/*
 * The About window: version, licence, credits, and the articles the seed records were
 * taken from.  The articles are the <source> records of data/seed.xml; none of them has
 * a web address there, so they are listed by title and publisher, without links.
 */

#define PROJECT_URL "https://github.com/liaisonapp/liaison"

static const struct {
  const char *title;
  const char *publisher;
} seed_sources[] = {
  { N_("Open University of China delegation visits iFLYTEK and Huawei"),
    N_("Open University of China") },
  { N_("Chongqing University and Huawei Technologies Co., Ltd. deepen comprehensive strategic cooperation"),
    N_("Chongqing University (Campus News)") },
  { N_("HIREP international education industry exchange meeting in Changsha"),
    N_("Singapore Technology Information") },
  { N_("LIST went to the Huawei Technology Co.LTD, Liaoning for investigation"),
    N_("Liaoning Institute of Science and Technology (LIST)") },
  { N_("Ministry of Education event on digital empowerment for a learning society"),
    N_("Xinhua News Agency") },
};

static char *
build_debug_info (void)
{
  GString *info = g_string_new (NULL);

  g_string_append_printf (info, "Liaison %s (%s, profile %s)\n",
                          PACKAGE_VERSION, APPLICATION_ID, PROFILE);
  g_string_append_printf (info, "GLib %u.%u.%u\n",
                          glib_major_version, glib_minor_version, glib_micro_version);
  g_string_append_printf (info, "GTK %u.%u.%u\n",
                          gtk_get_major_version (), gtk_get_minor_version (),
                          gtk_get_micro_version ());
  g_string_append_printf (info, "libadwaita %u.%u.%u\n",
                          adw_get_major_version (), adw_get_minor_version (),
                          adw_get_micro_version ());
  g_string_append_printf (info, "SQLite %s\n", sqlite3_libversion ());
  g_string_append_printf (info, "libxml2 %s\n", LIBXML_DOTTED_VERSION);
  if (g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS))
    g_string_append (info, "Running in a Flatpak sandbox\n");

  return g_string_free (info, FALSE);
}

/**
 * liaison_show_about:
 * @parent: (nullable): the window the About window belongs to
 *
 * Presents the About window.
 */
void
liaison_show_about (GtkWindow *parent)
{
  g_autofree char *developer = g_strdup_printf ("%s %s", _("The Liaison developers"), PROJECT_URL);
  const char *developers[] = { developer, NULL };
  const char *artists[] = { _("The Liaison developers"), NULL };
  g_autofree char *debug_info = build_debug_info ();
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) sources = NULL;
  AdwAboutWindow *about;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));

  for (guint i = 0; i < G_N_ELEMENTS (seed_sources); i++)
    {
      /* Translators: an article in the About window's list of seed sources:
       * its title, then its publisher. */
      g_autofree char *source = g_strdup_printf (_("%s — %s"),
                                                 _(seed_sources[i].title),
                                                 _(seed_sources[i].publisher));

      g_strv_builder_add (builder, source);
    }
  sources = g_strv_builder_end (builder);

  about = ADW_ABOUT_WINDOW (adw_about_window_new ());
  adw_about_window_set_application_name (about, _("Liaison"));
  adw_about_window_set_application_icon (about, APPLICATION_ID);
  adw_about_window_set_developer_name (about, _("The Liaison developers"));
  adw_about_window_set_version (about, PACKAGE_VERSION);
  adw_about_window_set_comments (about, _("Keep track of partner institutions, agreements and events"));
  adw_about_window_set_website (about, PROJECT_URL);
  adw_about_window_set_issue_url (about, PROJECT_URL "/issues");
  adw_about_window_set_copyright (about, _("© 2026 The Liaison developers"));
  adw_about_window_set_license_type (about, GTK_LICENSE_GPL_3_0);
  adw_about_window_set_developers (about, developers);
  adw_about_window_set_artists (about, artists);
  /* Translators: put your names here, one per line, as "Name <email>" or "Name url". */
  adw_about_window_set_translator_credits (about, _("translator-credits"));
  adw_about_window_set_debug_info (about, debug_info);
  adw_about_window_set_debug_info_filename (about, "liaison-debug-info.txt");

  adw_about_window_add_acknowledgement_section (about, _("Seed Data Sources"),
                                                (const char **) sources);
  adw_about_window_add_link (about, _("_Seed Data"), PROJECT_URL "/blob/main/data/seed.xml");

  if (parent != NULL)
    {
      gtk_window_set_transient_for (GTK_WINDOW (about), parent);
      gtk_window_set_modal (GTK_WINDOW (about), TRUE);
    }
  gtk_window_present (GTK_WINDOW (about));
}

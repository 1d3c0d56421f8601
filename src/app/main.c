/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "liaison-application.h"
#include "liaison-bench.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(LiaisonApplication) app = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = liaison_application_new ();
  liaison_bench_attach (GTK_APPLICATION (app));

  return g_application_run (G_APPLICATION (app), argc, argv);
}

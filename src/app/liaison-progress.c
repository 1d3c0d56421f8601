/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-progress"

#include "config.h"

#include <glib/gi18n.h>

#include "liaison-progress.h"

/**
 * liaison_progress_store_cb:
 * @fraction: how far the job is, from 0 to 1
 * @permille: (type gint): the int the main loop reads
 *
 * Stores @fraction in thousandths, atomically; called in the job's thread.
 */
void
liaison_progress_store_cb (double   fraction,
                           gpointer permille)
{
  g_atomic_int_set ((int *) permille, (int) CLAMP (fraction * 1000.0, 0.0, 1000.0));
}

/**
 * liaison_progress_bar_show_permille:
 * @permille: the int liaison_progress_store_cb() stores into
 *
 * Shows on @bar how far the job is, as a bar and as "42 %".
 */
void
liaison_progress_bar_show_permille (GtkProgressBar *bar,
                                    int            *permille)
{
  int value = g_atomic_int_get (permille);
  g_autofree char *text = NULL;

  gtk_progress_bar_set_fraction (bar, value / 1000.0);
  /* Translators: how far an export or an import is, "42 %" */
  text = g_strdup_printf (_("%d %%"), value / 10);
  gtk_progress_bar_set_text (bar, text);
}

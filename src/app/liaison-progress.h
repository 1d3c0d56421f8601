/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/*
 * How far a job running in a thread is, in thousandths held in an int: the thread
 * stores it through liaison_progress_store_cb() (a LiaisonProgressFunc whose data is
 * that int), the main loop shows it with liaison_progress_bar_show_permille().
 */
void liaison_progress_store_cb          (double          fraction,
                                         gpointer        permille);
void liaison_progress_bar_show_permille (GtkProgressBar *bar,
                                         int            *permille);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define LIAISON_TYPE_COLUMNS_LAYOUT (liaison_columns_layout_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonColumnsLayout, liaison_columns_layout, LIAISON, COLUMNS_LAYOUT, GtkLayoutManager)

GtkLayoutManager *liaison_columns_layout_new (void);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "liaison-window.h"

G_BEGIN_DECLS

struct _LiaisonWindow
{
  AdwApplicationWindow  parent_instance;

  LiaisonStore         *store;
  GSettings            *settings;
  GMenu                *recent_menu;
  GPtrArray            *history;      /* HistoryEntry, the last is the newest */
  GBinding             *search_binding;
  GtkWidget            *overview;
  LiaisonSectionView   *sections[LIAISON_N_RECORD_KINDS];
  GtkWidget            *read_only_banner;
  gboolean              restoring;    /* liaison-window-restore.c */

  /* Template */
  GMenu                *primary_menu;
  AdwToastOverlay      *toast_overlay;
  AdwHeaderBar         *header_bar;
  GtkButton            *back_button;
  GtkButton            *new_button;
  AdwViewSwitcherTitle *switcher_title;
  GtkToggleButton      *search_button;
  AdwViewStack         *stack;
};

/* liaison-window.c */
void _liaison_window_show_record       (LiaisonWindow  *self,
                                        LiaisonRecord  *record,
                                        const char     *page,
                                        gboolean        push);
void _liaison_window_go_back           (LiaisonWindow  *self);

/* liaison-window-actions.c */
void _liaison_window_class_add_actions (GtkWidgetClass *widget_class);
void _liaison_window_update_actions    (LiaisonWindow  *self);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "liaison-detail-view.h"

G_BEGIN_DECLS

#define MAX_LINKED 50

struct _LiaisonDetailView
{
  GtkWidget           parent_instance;

  LiaisonStore       *store;
  LiaisonRecordKind   kind;
  LiaisonRecord      *record;
  GPtrArray          *groups;        /* AdwPreferencesGroup added for the record */
  gulong              changed_id;

  GtkWidget          *editor;        /* the editor while editing, or NULL */

  /* Template */
  GtkWidget          *toolbar;
  GtkWidget          *toolbar_separator;
  GtkWidget          *back_button;
  GtkLabel           *toolbar_title;
  GtkStack           *button_stack;
  GtkStack           *stack;
  AdwStatusPage      *empty_page;
  AdwPreferencesPage *record_page;
  GtkLabel           *title_label;
  GtkLabel           *subtitle_label;
  GtkLabel           *summary_label;
  AdwBin             *editor_bin;
};

/* liaison-detail-view.c */
void  _liaison_detail_view_row_activated_cb  (AdwActionRow      *row,
                                              LiaisonDetailView *self);

/* liaison-detail-view-groups.c: building the page */
void  _liaison_detail_view_add_details_group (LiaisonDetailView *self);
void  _liaison_detail_view_add_links_group   (LiaisonDetailView *self,
                                              const char        *title,
                                              LiaisonLinkType    type);
void  _liaison_detail_view_add_parties_group (LiaisonDetailView *self);
void  _liaison_detail_view_add_query_group   (LiaisonDetailView *self,
                                              const char        *title,
                                              LiaisonRecordKind  kind,
                                              const char        *sort,
                                              gboolean           descending);
char *_liaison_detail_view_describe_record   (LiaisonRecord     *record);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "liaison-core.h"
#include "liaison-detail-view.h"

G_BEGIN_DECLS

#define LIAISON_TYPE_SECTION_VIEW (liaison_section_view_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonSectionView, liaison_section_view, LIAISON, SECTION_VIEW, GtkWidget)

GtkWidget          *liaison_section_view_new             (LiaisonStore       *store,
                                                          LiaisonRecordKind   kind);
LiaisonRecordKind   liaison_section_view_get_kind        (LiaisonSectionView *self);
LiaisonDetailView  *liaison_section_view_get_detail_view (LiaisonSectionView *self);
LiaisonRecordList  *liaison_section_view_get_model       (LiaisonSectionView *self);
GtkColumnView      *liaison_section_view_get_column_view (LiaisonSectionView *self);
const LiaisonQuery *liaison_section_view_get_query       (LiaisonSectionView *self);
gboolean            liaison_section_view_get_loading     (LiaisonSectionView *self);
gboolean            liaison_section_view_get_folded      (LiaisonSectionView *self);
const char         *liaison_section_view_get_page        (LiaisonSectionView *self);
gboolean            liaison_section_view_get_search_mode (LiaisonSectionView *self);
void                liaison_section_view_set_search_mode (LiaisonSectionView *self,
                                                          gboolean            search_mode);
void                liaison_section_view_set_search_text (LiaisonSectionView *self,
                                                          const char         *text);
void                liaison_section_view_sort_by         (LiaisonSectionView *self,
                                                          const char         *sort,
                                                          gboolean            descending);
void                liaison_section_view_show_record     (LiaisonSectionView *self,
                                                          LiaisonRecord      *record);
void                liaison_section_view_show_detail     (LiaisonSectionView *self);
void                liaison_section_view_show_list       (LiaisonSectionView *self);
void                liaison_section_view_refresh         (LiaisonSectionView *self);

G_END_DECLS

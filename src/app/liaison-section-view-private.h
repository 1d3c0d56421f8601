/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "liaison-section-view.h"

G_BEGIN_DECLS

/* What a column shows, and how each kind's table is laid out. */
typedef enum {
  CELL_FIELD,
  CELL_PARTIES,
  CELL_INSTITUTIONS,
  CELL_AGREEMENT_COUNT,
} CellKind;

#define WIDTH_FIT (-1)

typedef struct {
  const char *title;
  const char *field;      /* for CELL_FIELD */
  const char *sort;       /* the query's sort key, or NULL when the column cannot sort */
  CellKind    cell;
  int         width;      /* fixed width, WIDTH_FIT for choices, dates and counts (as wide as
                           * their widest value), or 0 to share what is left */
  gboolean    narrow;     /* shown when the section is folded */
  guint       chars;      /* for a column that shares what is left: the characters it asks for */
} ColumnSpec;

typedef struct {
  const ColumnSpec *columns;
  guint             n_columns;
  const char       *sort;
  gboolean          descending;
} SectionSpec;

/* The queries' own read-only connection (liaison-section-view-query.c). */
typedef struct _QueryWorker QueryWorker;

struct _LiaisonSectionView
{
  GtkWidget           parent_instance;

  LiaisonStore       *store;
  LiaisonStore       *reader;        /* read-only, for the rows the table shows */
  LiaisonRecordKind   kind;
  LiaisonQuery       *query;         /* what the table should show */
  LiaisonRecordList  *model;
  GtkSingleSelection *selection;
  GtkWidget          *detail_view;
  GPtrArray          *columns;       /* GtkColumnViewColumn, in spec order */
  GCancellable       *cancellable;
  QueryWorker        *worker;        /* the queries' own connection, shared by their threads */
  guint               generation;
  const char         *probe_sort;
  gulong              changed_id;
  guint               loading : 1;
  guint               has_results : 1;
  guint               updating_selection : 1;
  guint               updating_sort : 1;

  /* Filters, built for the kind */
  GtkDropDown        *kind_filter;
  GtkDropDown        *status_filter;
  GtkDropDown        *tag_filter;
  GtkEntry           *from_filter;
  GtkEntry           *to_filter;
  char              **tags;

  /* Template */
  AdwLeaflet         *leaflet;
  GtkWidget          *list_pane;
  GtkSearchBar       *search_bar;
  GtkSearchEntry     *search_entry;
  GtkMenuButton      *filter_button;
  GtkPopover         *filter_popover;
  GtkGrid            *filter_grid;
  GtkStack           *list_stack;
  GtkSpinner         *spinner;
  GtkColumnView      *column_view;
  AdwStatusPage      *empty_page;
  GtkButton          *empty_add_button;
  AdwBin             *detail_bin;
};

/* liaison-section-view.c */
void               _liaison_section_view_set_loading           (LiaisonSectionView       *self,
                                                                gboolean                  loading);
void               _liaison_section_view_select_shown_record   (LiaisonSectionView       *self);

/* liaison-section-view-query.c */
QueryWorker       *_liaison_section_view_query_worker_new      (void);
void               _liaison_section_view_query_worker_release  (QueryWorker              *worker);
void               _liaison_section_view_run_query             (LiaisonSectionView       *self);

/* liaison-section-view-columns.c */
const SectionSpec *_liaison_section_view_get_section_spec      (LiaisonRecordKind         kind);
void               _liaison_section_view_add_columns           (LiaisonSectionView       *self);
void               _liaison_section_view_update_narrow_columns (LiaisonSectionView       *self);
void               _liaison_section_view_sorter_changed_cb     (LiaisonSectionView       *self,
                                                                GtkSorterChange           change,
                                                                GtkSorter                *sorter);

/* liaison-section-view-filters.c */
void               _liaison_section_view_build_filters         (LiaisonSectionView       *self);
void               _liaison_section_view_reload_tags           (LiaisonSectionView       *self);
void               _liaison_section_view_clear_filters         (LiaisonSectionView       *self);

G_END_DECLS

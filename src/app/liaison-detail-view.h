/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "liaison-core.h"

G_BEGIN_DECLS

#define LIAISON_TYPE_DETAIL_VIEW (liaison_detail_view_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonDetailView, liaison_detail_view, LIAISON, DETAIL_VIEW, GtkWidget)

GtkWidget         *liaison_detail_view_new                  (LiaisonStore         *store,
                                                             LiaisonRecordKind     kind);
LiaisonStore      *liaison_detail_view_get_store            (LiaisonDetailView    *self);
LiaisonRecordKind  liaison_detail_view_get_kind             (LiaisonDetailView    *self);
LiaisonRecord     *liaison_detail_view_get_record           (LiaisonDetailView    *self);
void               liaison_detail_view_set_record           (LiaisonDetailView    *self,
                                                             LiaisonRecord        *record);
void               liaison_detail_view_set_show_back_button (LiaisonDetailView    *self,
                                                             gboolean              show);
gboolean           liaison_detail_view_get_editing          (LiaisonDetailView    *self);
gboolean           liaison_detail_view_get_modified         (LiaisonDetailView    *self);
GtkWidget         *liaison_detail_view_get_editor           (LiaisonDetailView    *self);
gboolean           liaison_detail_view_edit                 (LiaisonDetailView    *self,
                                                             LiaisonRecord        *record);
gboolean           liaison_detail_view_save                 (LiaisonDetailView    *self,
                                                             GError              **error);
void               liaison_detail_view_stop_editing         (LiaisonDetailView    *self);
void               liaison_detail_view_leave_async          (LiaisonDetailView    *self,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
gboolean           liaison_detail_view_leave_finish         (LiaisonDetailView    *self,
                                                             GAsyncResult         *result,
                                                             GError              **error);
GtkWidget         *liaison_detail_view_find_link_row        (LiaisonDetailView    *self,
                                                             const char           *uuid);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "liaison-query.h"
#include "liaison-store.h"

G_BEGIN_DECLS

#define LIAISON_TYPE_RECORD_LIST (liaison_record_list_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonRecordList, liaison_record_list, LIAISON, RECORD_LIST, GObject)

LiaisonRecordList  *liaison_record_list_new       (LiaisonStore        *store,
                                                   const LiaisonQuery  *query);
LiaisonStore       *liaison_record_list_get_store (LiaisonRecordList   *self);
const LiaisonQuery *liaison_record_list_get_query (LiaisonRecordList   *self);
void                liaison_record_list_set_query (LiaisonRecordList   *self,
                                                   const LiaisonQuery  *query);
void                liaison_record_list_set_results (LiaisonRecordList *self,
                                                     const LiaisonQuery *query,
                                                     GArray            *ids);
void                liaison_record_list_extend    (LiaisonRecordList   *self,
                                                   GArray              *ids);
gboolean            liaison_record_list_refresh   (LiaisonRecordList   *self,
                                                   GError             **error);
gint64              liaison_record_list_get_id    (LiaisonRecordList   *self,
                                                   guint                position);

G_END_DECLS

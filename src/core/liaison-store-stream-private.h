/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "liaison-store-private.h"

G_BEGIN_DECLS

/* liaison-store-stream.c: every record of a kind in id order, for the export */
typedef gboolean (*LiaisonStoreRecordFunc) (LiaisonRecord  *record,
                                            gpointer        user_data,
                                            GError        **error);

typedef struct _LiaisonStoreStream LiaisonStoreStream;

LiaisonStoreStream *_liaison_store_stream_new     (LiaisonStore            *store,
                                                   GError                 **error);
gboolean            _liaison_store_stream_foreach (LiaisonStoreStream      *self,
                                                   LiaisonRecordKind        kind,
                                                   LiaisonStoreRecordFunc   func,
                                                   gpointer                 user_data,
                                                   GError                 **error);
void                _liaison_store_stream_free    (LiaisonStoreStream      *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LiaisonStoreStream, _liaison_store_stream_free)

/* liaison-store-records.c: a record from a row of its kind's select, without links */
LiaisonRecord *_liaison_store_record_from_row (LiaisonRecordKind  kind,
                                               sqlite3_stmt      *stmt);

G_END_DECLS

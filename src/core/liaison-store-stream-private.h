/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "liaison-store-private.h"

G_BEGIN_DECLS

/* liaison-store-stream.c: every record of a kind in id order, for the export */

/* A link as a LiaisonLink holds it (an empty role or signatory is NULL). */
typedef struct {
  LiaisonLinkType  type;
  const char      *target;
  const char      *role;
  const char      *signatory;
} LiaisonLinkView;

/* A record as liaison_store_load() would build it, without building it: the strings
 * live until the callback returns; an empty value is NULL, as in a LiaisonRecord. */
typedef struct {
  LiaisonRecordKind       kind;
  gint64                  id;
  const char             *uuid;
  const char             *created;
  const char             *modified;
  const char * const     *fields;  /* the kind's fields, in order */
  const LiaisonLinkView  *links;   /* in the order of liaison_record_get_links() */
  guint                   n_links;
} LiaisonRecordView;

typedef gboolean (*LiaisonStoreRecordFunc) (const LiaisonRecordView  *record,
                                            gpointer                  user_data,
                                            GError                  **error);

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

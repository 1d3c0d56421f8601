/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "liaison-store-stream-private.h"

G_BEGIN_DECLS

/*
 * The exchange state of a record: a digest of its fields and links as they were when it
 * was last exported or imported.  The importer's merge rules compare both the stored
 * record and the file's against it (see liaison-xml-reader.c); a digest, unlike a
 * timestamp, tells a change from none whatever the clocks say.  The SQL lives in
 * liaison-store-exchange.c.
 */

#define LIAISON_DIGEST_LENGTH 32  /* SHA-256 */
#define LIAISON_UUID_LENGTH 36

/* An export's notes of what it wrote (liaison-store-exchange.c). */
typedef struct _LiaisonExchangeNotes LiaisonExchangeNotes;

char     *_liaison_record_digest              (LiaisonRecord  *record);
void      _liaison_record_view_digest         (const LiaisonRecordView *record,
                                               GString        *data,
                                               guint8          digest[LIAISON_DIGEST_LENGTH]);
char     *_liaison_store_exchange_lookup      (LiaisonStore   *self,
                                               const char     *uuid);
gboolean  _liaison_store_exchange_set         (LiaisonStore   *self,
                                               const char     *uuid,
                                               const char     *digest,
                                               GError        **error);
LiaisonExchangeNotes *_liaison_store_exchange_begin_export (LiaisonStore             *self,
                                                            GError                  **error);
gboolean  _liaison_store_exchange_note_export (LiaisonExchangeNotes     *self,
                                               const LiaisonRecordView  *record,
                                               GError                  **error);
gboolean  _liaison_store_exchange_end_export  (LiaisonExchangeNotes     *notes,
                                               gboolean                  complete,
                                               GError                  **error);

G_END_DECLS

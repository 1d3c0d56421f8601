/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "liaison-store.h"

G_BEGIN_DECLS

/*
 * The exchange state of a record: a digest of its fields and links as they were when it
 * was last exported or imported.  The importer's merge rules compare both the stored
 * record and the file's against it (see liaison-xml-reader.c); a digest, unlike a
 * timestamp, tells a change from none whatever the clocks say.  The SQL lives in
 * liaison-store-exchange.c.
 */

char     *_liaison_record_digest              (LiaisonRecord  *record);
char     *_liaison_store_exchange_lookup      (LiaisonStore   *self,
                                               const char     *uuid);
gboolean  _liaison_store_exchange_set         (LiaisonStore   *self,
                                               const char     *uuid,
                                               const char     *digest,
                                               GError        **error);
gboolean  _liaison_store_exchange_begin_export (LiaisonStore  *self,
                                               GError        **error);
gboolean  _liaison_store_exchange_note_export (LiaisonStore   *self,
                                               LiaisonRecord  *record,
                                               GError        **error);
gboolean  _liaison_store_exchange_end_export  (LiaisonStore   *self,
                                               gboolean        complete,
                                               GError        **error);

G_END_DECLS

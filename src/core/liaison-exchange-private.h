/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "liaison-store.h"

G_BEGIN_DECLS

/*
 * The exchange state of a record: its local revision and its modified stamp when it was
 * last exported or imported.  The importer's merge rules compare against it (see
 * liaison-xml-reader.c).  The SQL lives in liaison-store-exchange.c.
 */

/* A revision no record ever has: "changed here since the exchange". */
#define LIAISON_EXCHANGE_REVISION_CHANGED 0

gboolean _liaison_store_exchange_lookup       (LiaisonStore   *self,
                                               const char     *uuid,
                                               gint64         *revision,
                                               char          **modified);
gboolean _liaison_store_exchange_set          (LiaisonStore   *self,
                                               const char     *uuid,
                                               gint64          revision,
                                               const char     *modified,
                                               GError        **error);
gboolean _liaison_store_exchange_begin_export (LiaisonStore   *self,
                                               GError        **error);
gboolean _liaison_store_exchange_note_export  (LiaisonStore   *self,
                                               LiaisonRecord  *record,
                                               GError        **error);
gboolean _liaison_store_exchange_end_export   (LiaisonStore   *self,
                                               gboolean        complete,
                                               GError        **error);

G_END_DECLS

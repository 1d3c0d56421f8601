/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "liaison-query.h"
#include "liaison-store.h"
#include "liaison-xml.h"

G_BEGIN_DECLS

/* A column of a list as the CSV export writes it. */
typedef struct {
  const char *name;    /* a field name, "uuid", "parties" or "agreements" */
  const char *label;   /* the header, untranslated (N_()) */
} LiaisonCsvColumn;

const LiaisonCsvColumn *liaison_csv_get_columns (LiaisonRecordKind    kind,
                                                 guint               *n_columns);
char                   *liaison_csv_quote       (const char          *value);
char                   *liaison_csv_defuse      (const char          *value);
gboolean                liaison_csv_export      (LiaisonStore        *store,
                                                 const LiaisonQuery  *query,
                                                 const char          *path,
                                                 GCancellable        *cancellable,
                                                 LiaisonProgressFunc  progress,
                                                 gpointer             user_data,
                                                 GError             **error);

G_END_DECLS

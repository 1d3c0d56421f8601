/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "liaison-store.h"

G_BEGIN_DECLS

/* Called now and then during long work, with a fraction from 0 to 1. */
typedef void (*LiaisonProgressFunc) (double   fraction,
                                     gpointer user_data);

typedef enum {
  LIAISON_IMPORT_DEFAULT = 0,
  LIAISON_IMPORT_DRY_RUN = 1 << 0,  /* check and count, then roll back */
} LiaisonImportFlags;

typedef struct {
  guint added;
  guint updated;
  guint unchanged;
} LiaisonImportStats;

gboolean liaison_export_to_file   (LiaisonStore         *store,
                                   const char           *path,
                                   GCancellable         *cancellable,
                                   LiaisonProgressFunc   progress,
                                   gpointer              user_data,
                                   GError              **error);
gboolean liaison_import_file      (LiaisonStore         *store,
                                   const char           *path,
                                   LiaisonImportFlags    flags,
                                   LiaisonImportStats   *stats,
                                   GCancellable         *cancellable,
                                   LiaisonProgressFunc   progress,
                                   gpointer              user_data,
                                   GError              **error);
gboolean liaison_import_bytes     (LiaisonStore         *store,
                                   GBytes               *bytes,
                                   const char           *name,
                                   LiaisonImportFlags    flags,
                                   LiaisonImportStats   *stats,
                                   GError              **error);
GBytes  *liaison_get_schema_bytes (void);

G_END_DECLS

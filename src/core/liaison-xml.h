/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "liaison-store.h"

G_BEGIN_DECLS

/* Called now and then during long work, with a fraction from 0 to 1. */
typedef void (*LiaisonProgressFunc) (double   fraction,
                                     gpointer user_data);

/*
 * The merge rules (see docs in liaison-xml-reader.c): records match by UUID; a record
 * changed both here and in the file since they were last exchanged is a conflict.
 * Without a resolution flag, an import with conflicts fails and changes nothing.
 */
typedef enum {
  LIAISON_IMPORT_DEFAULT     = 0,
  LIAISON_IMPORT_DRY_RUN     = 1 << 0,  /* check and count, then roll back */
  LIAISON_IMPORT_KEEP_LOCAL  = 1 << 1,  /* a conflict keeps the record as it is here */
  LIAISON_IMPORT_TAKE_THEIRS = 1 << 2,  /* a conflict takes the record from the file */
} LiaisonImportFlags;

typedef struct {
  guint added;
  guint updated;
  guint unchanged;
  guint conflicts;  /* changed on both sides since the last exchange */
  guint kept;       /* the file's copy is older than ours: ours stays */
} LiaisonImportStats;

/* What the import does, or would do, with one record of the file. */
typedef enum {
  LIAISON_IMPORT_NEW,
  LIAISON_IMPORT_UPDATED,
  LIAISON_IMPORT_UNCHANGED,
  LIAISON_IMPORT_KEPT,
  LIAISON_IMPORT_CONFLICT,
} LiaisonImportOutcome;

/* Told about each record of the file, in document order; the strings live for the call. */
typedef void (*LiaisonImportFunc) (LiaisonImportOutcome  outcome,
                                   LiaisonRecordKind     kind,
                                   const char           *uuid,
                                   const char           *title,
                                   int                   line,
                                   gpointer              user_data);

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
gboolean liaison_import_file_full (LiaisonStore         *store,
                                   const char           *path,
                                   LiaisonImportFlags    flags,
                                   LiaisonImportFunc     item_func,
                                   gpointer              item_data,
                                   LiaisonImportStats   *stats,
                                   GCancellable         *cancellable,
                                   LiaisonProgressFunc   progress,
                                   gpointer              user_data,
                                   GError              **error);
GBytes  *liaison_get_schema_bytes (void);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "liaison-store.h"
#include "liaison-xml.h"

G_BEGIN_DECLS

/*
 * A way back from one import: a copy of the database taken just before it, and the
 * change-log entry the import wrote.  It can be taken back as long as nothing else
 * was saved after the import.  Freeing it deletes the copy.
 */
typedef struct _LiaisonImportUndo LiaisonImportUndo;

gboolean    liaison_import_file_undoable        (LiaisonStore          *store,
                                                 const char            *path,
                                                 LiaisonImportFlags     flags,
                                                 LiaisonImportFunc      item_func,
                                                 gpointer               item_data,
                                                 LiaisonImportStats    *stats,
                                                 LiaisonImportUndo    **undo,
                                                 GCancellable          *cancellable,
                                                 LiaisonProgressFunc    progress,
                                                 gpointer               user_data,
                                                 GError               **error);
const char *liaison_import_undo_get_summary     (LiaisonImportUndo     *self);
gboolean    liaison_import_undo_check           (LiaisonImportUndo     *self,
                                                 LiaisonStore          *store,
                                                 GError               **error);
gboolean    liaison_import_undo_apply           (LiaisonImportUndo     *self,
                                                 LiaisonStore          *store,
                                                 GError               **error);
void        liaison_import_undo_free            (LiaisonImportUndo     *self);
void        liaison_store_take_external_changes (LiaisonStore          *store);
void        liaison_store_take_restored         (LiaisonStore          *store);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LiaisonImportUndo, liaison_import_undo_free)

G_END_DECLS

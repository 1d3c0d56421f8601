/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "liaison-window.h"

G_BEGIN_DECLS

#define LIAISON_TYPE_IMPORT_DIALOG (liaison_import_dialog_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonImportDialog, liaison_import_dialog, LIAISON, IMPORT_DIALOG, AdwWindow)

GtkWidget          *liaison_import_dialog_new            (LiaisonWindow       *window);
void                liaison_import_dialog_preview_file   (LiaisonImportDialog *self,
                                                          GFile               *file);
gboolean            liaison_import_dialog_get_busy       (LiaisonImportDialog *self);
gboolean            liaison_import_dialog_get_stats      (LiaisonImportDialog *self,
                                                          LiaisonImportStats  *stats);
GPtrArray          *liaison_import_dialog_list_conflicts (LiaisonImportDialog *self);
void                liaison_import_dialog_set_resolution (LiaisonImportDialog *self,
                                                          LiaisonImportFlags   resolution);
gboolean            liaison_import_dialog_get_can_import (LiaisonImportDialog *self);
const char         *liaison_import_dialog_get_message    (LiaisonImportDialog *self);
AdwToast           *liaison_import_dialog_get_toast      (LiaisonImportDialog *self);

G_END_DECLS

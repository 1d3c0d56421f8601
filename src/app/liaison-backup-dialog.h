/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "liaison-application.h"
#include "liaison-window.h"

G_BEGIN_DECLS

#define LIAISON_TYPE_BACKUP_DIALOG (liaison_backup_dialog_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonBackupDialog, liaison_backup_dialog, LIAISON, BACKUP_DIALOG, AdwWindow)

LiaisonBackupDialog *liaison_backup_dialog_new              (LiaisonWindow       *window);
LiaisonBackupDialog *liaison_backup_dialog_new_for_damaged  (LiaisonApplication  *application,
                                                             GtkWindow           *parent,
                                                             const char          *db_path);
guint                liaison_backup_dialog_get_n_backups    (LiaisonBackupDialog *self);
const char          *liaison_backup_dialog_get_backup       (LiaisonBackupDialog *self,
                                                             guint                index);
AdwMessageDialog    *liaison_backup_dialog_get_confirmation (LiaisonBackupDialog *self);

G_END_DECLS

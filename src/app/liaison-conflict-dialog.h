/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "liaison-core.h"

G_BEGIN_DECLS

#define LIAISON_TYPE_CONFLICT_DIALOG (liaison_conflict_dialog_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonConflictDialog, liaison_conflict_dialog, LIAISON, CONFLICT_DIALOG, AdwMessageDialog)

LiaisonConflictDialog *liaison_conflict_dialog_new             (GtkWindow             *parent,
                                                                LiaisonStore          *store,
                                                                LiaisonRecord         *mine,
                                                                LiaisonRecord         *theirs);
LiaisonRecord         *liaison_conflict_dialog_get_mine        (LiaisonConflictDialog *self);
LiaisonRecord         *liaison_conflict_dialog_get_theirs      (LiaisonConflictDialog *self);
GStrv                  liaison_conflict_dialog_dup_differences (LiaisonConflictDialog *self);

G_END_DECLS

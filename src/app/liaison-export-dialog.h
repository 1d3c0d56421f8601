/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "liaison-window.h"

G_BEGIN_DECLS

/* What the Export dialog writes, in the order of its "What" list. */
typedef enum {
  LIAISON_EXPORT_AGREEMENTS_REPORT,
  LIAISON_EXPORT_INSTITUTION_PROFILE,
  LIAISON_EXPORT_EVENTS_REPORT,
  LIAISON_EXPORT_ALL_DATA,
  LIAISON_EXPORT_LIST_CSV,
  LIAISON_EXPORT_EVENTS_ICS,
  LIAISON_N_EXPORTS,
} LiaisonExportKind;

typedef enum {
  LIAISON_EXPORT_FORMAT_HTML,
  LIAISON_EXPORT_FORMAT_XML,
  LIAISON_EXPORT_FORMAT_CSV,
  LIAISON_EXPORT_FORMAT_ICS,
} LiaisonExportFormat;

#define LIAISON_TYPE_EXPORT_DIALOG (liaison_export_dialog_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonExportDialog, liaison_export_dialog, LIAISON, EXPORT_DIALOG, AdwWindow)

GtkWidget           *liaison_export_dialog_new              (LiaisonWindow       *window);
LiaisonExportKind    liaison_export_dialog_get_kind         (LiaisonExportDialog *self);
void                 liaison_export_dialog_set_kind         (LiaisonExportDialog *self,
                                                             LiaisonExportKind    kind);
LiaisonExportFormat  liaison_export_dialog_get_format       (LiaisonExportDialog *self);
gboolean             liaison_export_dialog_set_format       (LiaisonExportDialog *self,
                                                             LiaisonExportFormat  format);
char                *liaison_export_dialog_dup_default_name (LiaisonExportDialog *self);
void                 liaison_export_dialog_export_to_file   (LiaisonExportDialog *self,
                                                             GFile               *file);
gboolean             liaison_export_dialog_get_busy         (LiaisonExportDialog *self);
const char          *liaison_export_dialog_get_message      (LiaisonExportDialog *self);

G_END_DECLS

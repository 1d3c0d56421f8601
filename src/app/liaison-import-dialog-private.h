/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "liaison-import-dialog.h"

G_BEGIN_DECLS

/* One record of the file, as the dry run saw it. */
typedef struct {
  LiaisonImportOutcome  outcome;
  LiaisonRecordKind     kind;
  char                 *uuid;
  char                 *title;
  int                   line;
} Item;

/* The work of one run, handed to its thread. */
typedef struct {
  char               *db_path;
  char               *path;
  LiaisonImportFlags  flags;
  guint               backups_to_keep;
  GArray             *items;      /* Item, dry run only */
  LiaisonImportStats  stats;
  LiaisonImportUndo  *undo;
  int                 permille;   /* progress, atomic */
} ImportJob;

struct _LiaisonImportDialog
{
  AdwWindow             parent_instance;

  LiaisonWindow        *window;
  LiaisonStore         *store;
  GFile                *file;
  GArray               *items;        /* Item of the last preview */
  LiaisonImportStats    stats;
  gboolean              has_preview;
  GPtrArray            *item_rows;    /* rows added for the preview's records */
  char                 *message;
  AdwToast             *toast;        /* weak: the toast of the import */

  GtkFileChooserNative *chooser;
  GCancellable         *cancellable;
  GTask                *task;
  guint                 progress_id;
  gboolean              close_when_done;

  /* Template */
  GtkButton            *cancel_button;
  GtkButton            *import_button;
  GtkStack             *stack;
  AdwStatusPage        *working_page;
  GtkProgressBar       *progress_bar;
  AdwStatusPage        *error_page;
  AdwPreferencesGroup  *summary_group;
  GtkLabel             *added_label;
  GtkLabel             *updated_label;
  GtkLabel             *unchanged_label;
  GtkLabel             *kept_label;
  GtkLabel             *conflicts_label;
  AdwPreferencesGroup  *conflicts_group;
  AdwComboRow          *resolution_row;
  AdwPreferencesGroup  *changes_group;
  AdwExpanderRow       *added_expander;
  AdwExpanderRow       *updated_expander;
  GtkLabel             *blocked_label;
};

/* liaison-import-dialog.c: what the dialog shows */
void _liaison_import_dialog_set_task        (LiaisonImportDialog *self,
                                             GTask               *task);
void _liaison_import_dialog_update_actions  (LiaisonImportDialog *self);
void _liaison_import_dialog_set_message     (LiaisonImportDialog *self,
                                             const char          *message);
void _liaison_import_dialog_show_preview    (LiaisonImportDialog *self);
void _liaison_import_dialog_show_error      (LiaisonImportDialog *self,
                                             const GError        *error);

/* liaison-import-dialog-job.c: the dry run and the import */
void _liaison_import_dialog_start           (LiaisonImportDialog *self,
                                             LiaisonImportFlags   flags,
                                             GAsyncReadyCallback  callback);
void _liaison_import_dialog_preview_done_cb (GObject             *object,
                                             GAsyncResult        *result,
                                             gpointer             user_data);
void _liaison_import_dialog_apply_done_cb   (GObject             *object,
                                             GAsyncResult        *result,
                                             gpointer             user_data);

G_END_DECLS

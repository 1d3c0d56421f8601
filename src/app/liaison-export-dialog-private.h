/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "liaison-export-dialog.h"

G_BEGIN_DECLS

struct _LiaisonExportDialog
{
  AdwWindow             parent_instance;

  LiaisonWindow        *window;
  LiaisonStore         *store;
  LiaisonQuery         *query;            /* the list the window showed, or NULL */
  LiaisonRecordKind     list_kind;        /* what the CSV export lists */
  char                 *institution_name; /* the institution the window showed, and ... */
  char                 *institution_uuid; /* ... its UUID, used while the name is unchanged */
  GArray               *formats;          /* LiaisonExportFormat offered for the kind */
  const char * const   *choices;          /* the values of choice_row, after "any" */
  const char * const   *statuses;         /* the values of status_row, after "any" */

  GtkFileChooserNative *chooser;
  GCancellable         *cancellable;
  GTask                *task;
  guint                 progress_id;
  char                 *message;
  gboolean              close_when_done;

  /* Template */
  GtkButton            *cancel_button;
  GtkButton            *export_button;
  GtkStack             *stack;
  AdwComboRow          *kind_row;
  AdwComboRow          *format_row;
  AdwPreferencesGroup  *filters_group;
  AdwEntryRow          *search_row;
  AdwComboRow          *status_row;
  AdwComboRow          *choice_row;
  AdwEntryRow          *institution_row;
  AdwEntryRow          *tag_row;
  AdwEntryRow          *from_row;
  AdwEntryRow          *to_row;
  GtkLabel             *message_label;
  AdwStatusPage        *progress_page;
  GtkProgressBar       *progress_bar;
};

/* The work of one export, handed to its thread. */
typedef struct {
  LiaisonExportKind    kind;
  LiaisonExportFormat  format;
  char                *db_path;
  gboolean             writable;   /* a full export notes what was exchanged */
  LiaisonReport       *report;
  LiaisonQuery        *query;
  char                *path;
  LiaisonIcalStats     ical;
  int                  permille;   /* progress, atomic */
} ExportJob;

/* liaison-export-dialog.c: the form */
void               _liaison_export_dialog_set_str      (char                **str,
                                                        const char           *value);
char              *_liaison_export_dialog_dup_row_text (AdwEntryRow          *row);
const char        *_liaison_export_dialog_get_choice   (AdwComboRow          *row,
                                                        const char * const   *values);
gboolean           _liaison_export_dialog_is_busy      (LiaisonExportDialog  *self);
LiaisonRecordKind  _liaison_export_dialog_get_csv_kind (LiaisonExportDialog  *self);
void               _liaison_export_dialog_set_message  (LiaisonExportDialog  *self,
                                                        const char           *message,
                                                        gboolean              is_error);
void               _liaison_export_dialog_set_busy     (LiaisonExportDialog  *self,
                                                        GTask                *task);

/* liaison-export-dialog-job.c: reading the form into a job and running it */
void               _liaison_export_job_free            (gpointer              data);
ExportJob         *_liaison_export_dialog_create_job   (LiaisonExportDialog  *self,
                                                        GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ExportJob, _liaison_export_job_free)

G_END_DECLS

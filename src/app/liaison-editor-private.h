/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "liaison-chooser.h"
#include "liaison-editor.h"

G_BEGIN_DECLS

typedef struct _LiaisonEditorLinks LiaisonEditorLinks;

/* liaison-editor.c */
void                _liaison_editor_update      (LiaisonEditor       *self);
LiaisonRecord      *_liaison_editor_get_copy    (LiaisonEditor       *self);
LiaisonChooser     *_liaison_editor_choose      (LiaisonEditor       *self,
                                                 LiaisonRecordKind    kind,
                                                 GCallback            callback);
char               *_liaison_editor_dup_title   (LiaisonEditor       *self,
                                                 const char          *uuid);

/* liaison-editor-links.c: the groups of parties, participants, tags and sources */
LiaisonEditorLinks *_liaison_editor_links_new   (LiaisonEditor       *editor,
                                                 GtkBox              *content);
void                _liaison_editor_links_free  (LiaisonEditorLinks  *links);
void                _liaison_editor_links_load  (LiaisonEditorLinks  *links,
                                                 LiaisonStore        *store,
                                                 LiaisonRecord       *record);

typedef struct
{
  LiaisonEditor      *editor;
  const LiaisonField *field;
  guint               index;
  GtkWidget          *row;
  GtkWidget          *message_row;
  GtkLabel           *message;
  GtkLabel           *hint;          /* dates: how the date reads */
  GtkWidget          *clear_button;  /* references */
  GtkSwitch          *toggle;        /* booleans */
  GtkTextBuffer      *buffer;        /* paragraphs */
  char               *problem;       /* dates: why the text is not a date */
} FieldRow;

struct _LiaisonEditor
{
  AdwBin               parent_instance;

  LiaisonStore        *store;
  LiaisonRecord       *original;
  LiaisonRecord       *copy;

  FieldRow            *field_rows;
  guint                n_field_rows;
  GPtrArray           *group_rows;    /* what was added to fields_group */
  LiaisonEditorLinks  *links;

  guint                loading : 1;
  guint                modified : 1;
  guint                valid : 1;
  guint                saving_failed : 1;

  GtkLabel            *error_label;
  AdwPreferencesGroup *fields_group;
  GtkBox              *content;
  GtkWidget           *save_button;
};

/* liaison-editor.c: helpers of the field rows */
const char *_liaison_editor_date_to_text   (const char    *iso);
FieldRow   *_liaison_editor_find_field_row (LiaisonEditor *self,
                                            const char    *name);
gboolean    _liaison_editor_is_blank       (const char    *text);
gboolean    _liaison_editor_is_new         (LiaisonEditor *self);
void        _liaison_editor_show_error     (LiaisonEditor *self,
                                            const char    *message);

/* liaison-editor-fields.c: the field rows */
void        _liaison_editor_load_record    (LiaisonEditor *self);

G_END_DECLS

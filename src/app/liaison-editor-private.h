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

G_END_DECLS

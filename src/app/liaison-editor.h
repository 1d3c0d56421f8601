/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "liaison-core.h"

G_BEGIN_DECLS

#define LIAISON_TYPE_EDITOR (liaison_editor_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonEditor, liaison_editor, LIAISON, EDITOR, AdwBin)

GtkWidget     *liaison_editor_new               (LiaisonStore   *store,
                                                 LiaisonRecord  *record);
LiaisonStore  *liaison_editor_get_store         (LiaisonEditor  *self);
LiaisonRecord *liaison_editor_get_record        (LiaisonEditor  *self);
void           liaison_editor_set_record        (LiaisonEditor  *self,
                                                 LiaisonRecord  *record);
LiaisonRecord *liaison_editor_get_edited_record (LiaisonEditor  *self);
gboolean       liaison_editor_get_modified      (LiaisonEditor  *self);
gboolean       liaison_editor_get_valid         (LiaisonEditor  *self);
gboolean       liaison_editor_save              (LiaisonEditor  *self,
                                                 GError        **error);
GtkWidget     *liaison_editor_get_field_row     (LiaisonEditor  *self,
                                                 const char     *name);
const char    *liaison_editor_get_field_message (LiaisonEditor  *self,
                                                 const char     *name);
void           liaison_editor_focus_first_field (LiaisonEditor  *self);

G_END_DECLS

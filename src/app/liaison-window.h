/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "liaison-core.h"
#include "liaison-application.h"
#include "liaison-section-view.h"

G_BEGIN_DECLS

#define LIAISON_TYPE_WINDOW (liaison_window_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonWindow, liaison_window, LIAISON, WINDOW, AdwApplicationWindow)

LiaisonWindow      *liaison_window_new               (LiaisonApplication *application,
                                                      LiaisonStore       *store);
LiaisonStore       *liaison_window_get_store         (LiaisonWindow      *self);
LiaisonSectionView *liaison_window_get_section       (LiaisonWindow      *self,
                                                      LiaisonRecordKind   kind);
LiaisonSectionView *liaison_window_get_current_section (LiaisonWindow    *self);
const LiaisonQuery *liaison_window_get_current_query (LiaisonWindow      *self);
const char         *liaison_window_get_page          (LiaisonWindow      *self);
void                liaison_window_set_page          (LiaisonWindow      *self,
                                                      const char         *page);
void                liaison_window_open_record       (LiaisonWindow      *self,
                                                      const char         *uuid);
gboolean            liaison_window_can_go_back       (LiaisonWindow      *self);
void                liaison_window_add_toast         (LiaisonWindow      *self,
                                                      AdwToast           *toast);

/* liaison-window-restore.c */
typedef gboolean  (*LiaisonRestoreFunc)              (LiaisonStore       *store,
                                                      gpointer            data,
                                                      GError            **error);
void                liaison_window_restore_async     (LiaisonWindow      *self,
                                                      const char         *progress,
                                                      LiaisonRestoreFunc  func,
                                                      gpointer            data,
                                                      GDestroyNotify      destroy,
                                                      GAsyncReadyCallback callback,
                                                      gpointer            user_data);
gboolean            liaison_window_restore_finish    (LiaisonWindow      *self,
                                                      GAsyncResult       *result,
                                                      GError            **error);
gboolean            liaison_window_get_busy          (LiaisonWindow      *self);

G_END_DECLS

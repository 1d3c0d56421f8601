/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define LIAISON_TYPE_PREFERENCES_WINDOW (liaison_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonPreferencesWindow, liaison_preferences_window, LIAISON, PREFERENCES_WINDOW, AdwPreferencesWindow)

LiaisonPreferencesWindow *liaison_preferences_window_new          (GSettings                *settings);
GSettings                *liaison_preferences_window_get_settings (LiaisonPreferencesWindow *self);

G_END_DECLS

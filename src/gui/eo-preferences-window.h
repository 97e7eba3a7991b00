/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eo-preferences-window.h: the account: service, login, API key in the keyring */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define EO_TYPE_PREFERENCES_WINDOW (eo_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (EoPreferencesWindow, eo_preferences_window, EO, PREFERENCES_WINDOW,
                      AdwPreferencesWindow)

EoPreferencesWindow *eo_preferences_window_new (void);

G_END_DECLS

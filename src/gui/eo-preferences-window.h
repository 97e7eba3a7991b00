/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eo-preferences-window.h: the account: service, login, API key in the keyring; the sender's
 * details the postal forms print */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define EO_TYPE_PREFERENCES_WINDOW (eo_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (EoPreferencesWindow, eo_preferences_window, EO, PREFERENCES_WINDOW,
                      AdwPreferencesWindow)

EoPreferencesWindow *eo_preferences_window_new            (void);
/* The "Sender" page's entry row of an EoPrintSenderField (for tests) */
GtkWidget           *eo_preferences_window_get_sender_row (EoPreferencesWindow *self,
                                                           guint                field);
/* Brings the "Sender" page forward */
void                 eo_preferences_window_show_sender    (EoPreferencesWindow *self);

G_END_DECLS

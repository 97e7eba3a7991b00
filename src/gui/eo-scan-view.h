/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eo-scan-view.h: the window's scan mode: a barcode scanner's codes, wherever the focus is */
#pragma once

#include <adwaita.h>

#include "eo-scan-session.h"

G_BEGIN_DECLS

#define EO_TYPE_SCAN_VIEW (eo_scan_view_get_type ())

G_DECLARE_FINAL_TYPE (EoScanView, eo_scan_view, EO, SCAN_VIEW, AdwBin)

/*
 * While it is mapped, the keys typed in its window (a scanner types like a keyboard: the code,
 * then Enter) are taken in the capture phase, whatever has the focus, and each line is fed to
 * the session; keys with Ctrl or Alt go on to the shortcuts. It shows what the session waits
 * for, the last result (big, green or red; announced to screen readers), the counts and the
 * session's pairs with Undo on the last. Escape forgets a code half typed, else emits "leave".
 */
GtkWidget     *eo_scan_view_new         (void);
void           eo_scan_view_set_session (EoScanView    *self,
                                         EoScanSession *session);
EoScanSession *eo_scan_view_get_session (EoScanView    *self);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eo-a11y.h: small fixes to what the accessibility tree shows */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void eo_a11y_fix_mnemonic_buttons (GtkWidget *root);

G_END_DECLS

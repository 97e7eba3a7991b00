/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eo-print-history.h: the shop's recent print runs, each to be printed again */
#pragma once

#include <adwaita.h>

#include "eo-store.h"

G_BEGIN_DECLS

#define EO_TYPE_PRINT_HISTORY (eo_print_history_get_type ())

G_DECLARE_FINAL_TYPE (EoPrintHistory, eo_print_history, EO, PRINT_HISTORY, AdwWindow)

/*
 * The store's last runs of this shop, newest first: when, the forms and the orders, and a
 * "Print Again…" button each. It reads the run's orders from the store and opens the print
 * dialog with the run's forms and sums (a missing order is said here, by its number). Read
 * again when that dialog closes, as it records what it prints.
 */
EoPrintHistory *eo_print_history_new            (GtkWindow      *parent,
                                                 EoStore        *store);
/* What "Print Again…" does for run_id (one of those listed) */
void            eo_print_history_print_again    (EoPrintHistory *self,
                                                 gint64          run_id);
/* The runs listed */
guint           eo_print_history_get_n_runs     (EoPrintHistory *self);
/* TRUE while a run's orders are read */
gboolean        eo_print_history_get_loading    (EoPrintHistory *self);
/* The problem shown (the store's, or an order missing), or NULL */
const char     *eo_print_history_get_message    (EoPrintHistory *self);
/* For tests: the "Print Again…" button of a run listed, or NULL */
GtkWidget      *eo_print_history_get_again_button (EoPrintHistory *self,
                                                   gint64          run_id);

G_END_DECLS

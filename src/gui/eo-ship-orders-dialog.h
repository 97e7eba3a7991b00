/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eo-ship-orders-dialog.h: "Mark as Sent…" for the orders selected in "To Ship": a tracking number each */
#pragma once

#include <adwaita.h>

#include "eo-outbox.h"

G_BEGIN_DECLS

#define EO_TYPE_SHIP_ORDERS_DIALOG (eo_ship_orders_dialog_get_type ())

G_DECLARE_FINAL_TYPE (EoShipOrdersDialog, eo_ship_orders_dialog, EO, SHIP_ORDERS_DIALOG,
                      AdwMessageDialog)

/*
 * orders: EoToShipOrder. An entry row per order takes its tracking number, checked as a batch
 * file's rows are (eo_batch_file_parse: check digits, the same number twice); "Mark as Sent"
 * is enabled when every row can be sent. The changes go through the batch plan (what this shop
 * already has is not sent again, what waits is retried) into the outbox, which sends them.
 * "queued" (guint n_queued, guint n_already_sent) when they are in the outbox; "failed"
 * (GError) when they could not be queued.
 */
EoShipOrdersDialog *eo_ship_orders_dialog_new       (GtkWindow *parent,
                                                     EoOutbox  *outbox,
                                                     GPtrArray *orders);
/* The entry row of the nth order, for tests */
GtkWidget          *eo_ship_orders_dialog_get_entry (EoShipOrdersDialog *self,
                                                     guint               nth);

G_END_DECLS

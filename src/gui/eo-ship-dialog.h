/* eo-ship-dialog.h: mark an order sent, with its tracking number and the date of posting */
#pragma once

#include <adwaita.h>

#include "eo-client.h"
#include "eo-order.h"
#include "eo-outbox.h"

G_BEGIN_DECLS

#define EO_TYPE_SHIP_DIALOG (eo_ship_dialog_get_type ())

G_DECLARE_FINAL_TYPE (EoShipDialog, eo_ship_dialog, EO, SHIP_DIALOG, AdwWindow)

/* Emits "status-changed" (gint64 bill_id, EoOrderStatus status) once the shop has recorded
 * the change, then closes */
EoShipDialog *eo_ship_dialog_new (EoClient *client,
                                  EoOrder  *order);

/* Through the outbox: saved first, then sent. When it waits (no connection), the dialog emits
 * "status-queued" (gint64 bill_id, EoOrderStatus status, GError why or NULL), then closes. */
void          eo_ship_dialog_set_outbox (EoShipDialog *self,
                                        EoOutbox     *outbox);

G_END_DECLS

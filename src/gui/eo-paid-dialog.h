/* eo-paid-dialog.h: mark an order paid, with the date and time of payment */
#pragma once

#include <adwaita.h>

#include "eo-client.h"
#include "eo-order.h"
#include "eo-outbox.h"

G_BEGIN_DECLS

#define EO_TYPE_PAID_DIALOG (eo_paid_dialog_get_type ())

G_DECLARE_FINAL_TYPE (EoPaidDialog, eo_paid_dialog, EO, PAID_DIALOG, AdwWindow)

/* Emits "status-changed" (gint64 bill_id, EoOrderStatus status) once the shop has recorded
 * the change, then closes */
EoPaidDialog *eo_paid_dialog_new (EoClient *client,
                                  EoOrder  *order);

/* Through the outbox: saved first, then sent. When it waits (no connection), the dialog emits
 * "status-queued" (gint64 bill_id, EoOrderStatus status, GError why or NULL), then closes. */
void          eo_paid_dialog_set_outbox (EoPaidDialog *self,
                                        EoOutbox     *outbox);

G_END_DECLS

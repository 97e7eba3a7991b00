/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eo-status-dialog.h: mark an order sent (tracking number, date of posting) or paid (date) */
#pragma once

#include <adwaita.h>

#include "eo-client.h"
#include "eo-order.h"
#include "eo-outbox.h"

G_BEGIN_DECLS

#define EO_TYPE_STATUS_DIALOG (eo_status_dialog_get_type ())

G_DECLARE_FINAL_TYPE (EoStatusDialog, eo_status_dialog, EO, STATUS_DIALOG, AdwWindow)

/* status: EO_ORDER_STATUS_SENT (asks for the tracking number, its check digit verified as it
 * is typed, and when it was posted) or EO_ORDER_STATUS_PAID (asks when it was paid).
 * Emits "status-changed" (gint64 bill_id, EoOrderStatus status) once the shop has recorded
 * the change, then closes. */
EoStatusDialog *eo_status_dialog_new        (EoClient       *client,
                                             EoOrder        *order,
                                             EoOrderStatus   status);

/* Through the outbox: saved first, then sent. When it waits (no connection), the dialog emits
 * "status-queued" (gint64 bill_id, EoOrderStatus status, GError why or NULL), then closes. */
void            eo_status_dialog_set_outbox (EoStatusDialog *self,
                                             EoOutbox       *outbox);

G_END_DECLS

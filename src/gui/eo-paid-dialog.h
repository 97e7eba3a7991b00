/* eo-paid-dialog.h: mark an order paid, with the date and time of payment */
#pragma once

#include <adwaita.h>

#include "eo-client.h"
#include "eo-order.h"

G_BEGIN_DECLS

#define EO_TYPE_PAID_DIALOG (eo_paid_dialog_get_type ())

G_DECLARE_FINAL_TYPE (EoPaidDialog, eo_paid_dialog, EO, PAID_DIALOG, AdwWindow)

/* Emits "status-changed" (gint64 bill_id, EoOrderStatus status) once the shop has recorded
 * the change, then closes */
EoPaidDialog *eo_paid_dialog_new (EoClient *client,
                                  EoOrder  *order);

G_END_DECLS

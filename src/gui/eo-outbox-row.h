/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eo-outbox-row.h: a change waiting in the outbox popover, with Retry Now and Discard */
#pragma once

#include <adwaita.h>

#include "eo-store.h"

G_BEGIN_DECLS

/* An item of the popover's list: one change, and whether it is for the shop set up now */
#define EO_TYPE_OUTBOX_ITEM (eo_outbox_item_get_type ())

G_DECLARE_FINAL_TYPE (EoOutboxItem, eo_outbox_item, EO, OUTBOX_ITEM, GObject)

EoOutboxItem   *eo_outbox_item_new           (EoOutboxChange *change,
                                              gboolean        this_shop);
EoOutboxChange *eo_outbox_item_get_change    (EoOutboxItem   *self);
gboolean        eo_outbox_item_get_this_shop (EoOutboxItem   *self);

#define EO_TYPE_OUTBOX_ROW (eo_outbox_row_get_type ())

G_DECLARE_FINAL_TYPE (EoOutboxRow, eo_outbox_row, EO, OUTBOX_ROW, AdwActionRow)

/* Its buttons activate win.outbox-retry and win.outbox-discard with the change's id */
GtkWidget      *eo_outbox_row_new            (EoOutboxItem   *item);
EoOutboxItem   *eo_outbox_row_get_item       (EoOutboxRow    *self);

G_END_DECLS

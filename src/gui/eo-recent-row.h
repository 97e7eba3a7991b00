/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eo-recent-row.h: a saved order in the recent-orders sidebar and the search results */
#pragma once

#include <adwaita.h>

#include "eo-stored-order.h"

G_BEGIN_DECLS

#define EO_TYPE_RECENT_ROW (eo_recent_row_get_type ())

G_DECLARE_FINAL_TYPE (EoRecentRow, eo_recent_row, EO, RECENT_ROW, AdwActionRow)

GtkWidget     *eo_recent_row_new       (EoStoredOrder *order);
EoStoredOrder *eo_recent_row_get_order (EoRecentRow   *self);

G_END_DECLS

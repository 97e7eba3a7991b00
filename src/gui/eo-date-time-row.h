/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eo-date-time-row.h: a row to pick a date (calendar) and a time (hours, minutes) */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define EO_TYPE_DATE_TIME_ROW (eo_date_time_row_get_type ())

G_DECLARE_FINAL_TYPE (EoDateTimeRow, eo_date_time_row, EO, DATE_TIME_ROW, AdwActionRow)

/* Local time; starts as now */
GDateTime *eo_date_time_row_get_date_time (EoDateTimeRow *self);
void       eo_date_time_row_set_date_time (EoDateTimeRow *self,
                                           GDateTime     *date_time);

G_END_DECLS

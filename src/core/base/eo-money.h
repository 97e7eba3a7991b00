/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eo-money.h: money as exact integer kopecks */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Money is exact integer kopecks; EO_MONEY_NONE means the field was absent or empty */
#define EO_MONEY_NONE G_MININT64

/* "1 990,00 ₽" in the current locale's digit grouping and decimal mark; "" for EO_MONEY_NONE */
char        *eo_money_format                (gint64 kopecks);

/* Parse "1990", "1990.5", "1990.00", "1 990,00" (and JSON numbers) into kopecks; FALSE when not money */
gboolean     eo_money_parse                 (const char *text,
                                             gint64     *out_kopecks);

G_END_DECLS

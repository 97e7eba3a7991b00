/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eo-date.h: the service's dates */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The service's dates: "YYYY-MM-DD HH:MM:SS" (Moscow time) or unix seconds; NULL when empty/invalid */
GDateTime   *eo_date_parse                  (const char *text);

/*
 * A date as a person types it, for the command line, the batch file and the dialogs alike (one
 * rule): ISO 8601 (2024-03-01, 2024-03-01 12:00, 2024-03-01T12:00:00, with or without an offset
 * such as +03:00), DD.MM.YYYY or DD/MM/YYYY with an optional HH:MM[:SS], or unix seconds
 * (9 to 11 digits). Without an offset it is local time. A date alone is noon, local time, so
 * that no time zone moves it to another day. NULL when it is none of these or no such day.
 */
GDateTime   *eo_date_parse_human            (const char *text);

G_END_DECLS

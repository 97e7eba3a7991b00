/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eo-date.h: the service's dates */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The service's dates: "YYYY-MM-DD HH:MM:SS" (Moscow time) or unix seconds; NULL when empty/invalid */
GDateTime   *eo_date_parse                  (const char *text);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eo-partner.h: a partner (affiliate) credited for an order item */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define EO_TYPE_PARTNER (eo_partner_get_type ())

G_DECLARE_FINAL_TYPE (EoPartner, eo_partner, EO, PARTNER, GObject)

/*
 * Properties (read-only):
 *   "level"       gint      partner_lvl (0 when absent)
 *   "partner-id"  char*
 *   "name"        char*
 *   "fee"         gint64    kopecks (EO_MONEY_NONE when absent)
 */

EoPartner   *eo_partner_new_from_json   (JsonNode  *node);

gint         eo_partner_get_level       (EoPartner *self);
const char  *eo_partner_get_partner_id  (EoPartner *self);
const char  *eo_partner_get_name        (EoPartner *self);
gint64       eo_partner_get_fee         (EoPartner *self);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eo-to-ship-order.c: a row of the "to ship" list, as the store's to-ship query gives it */

#include "config.h"

#include "eo-to-ship-order.h"

#include "eo-money.h"

struct _EoToShipOrder
{
  GObject parent_instance;
  gint64 bill_id;
  char *full_name;
  char *email;
  char *city;
  char *postalcode;
  char *address;
  gint64 item_count;
  gint64 total;
  gint64 paid_at;
  gint64 created_at;
  gboolean sending;
};

G_DEFINE_FINAL_TYPE (EoToShipOrder, eo_to_ship_order, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_BILL_ID,
  PROP_FULL_NAME,
  PROP_EMAIL,
  PROP_CITY,
  PROP_POSTALCODE,
  PROP_ADDRESS,
  PROP_ITEM_COUNT,
  PROP_TOTAL,
  PROP_PAID_AT,
  PROP_CREATED_AT,
  PROP_SENDING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
eo_to_ship_order_finalize (GObject *object)
{
  EoToShipOrder *self = (EoToShipOrder *) object;

  g_free (self->full_name);
  g_free (self->email);
  g_free (self->city);
  g_free (self->postalcode);
  g_free (self->address);

  G_OBJECT_CLASS (eo_to_ship_order_parent_class)->finalize (object);
}

static void
eo_to_ship_order_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  EoToShipOrder *self = EO_TO_SHIP_ORDER (object);

  switch (prop_id)
    {
    case PROP_BILL_ID:
      g_value_set_int64 (value, self->bill_id);
      break;
    case PROP_FULL_NAME:
      g_value_set_string (value, self->full_name);
      break;
    case PROP_EMAIL:
      g_value_set_string (value, self->email);
      break;
    case PROP_CITY:
      g_value_set_string (value, self->city);
      break;
    case PROP_POSTALCODE:
      g_value_set_string (value, self->postalcode);
      break;
    case PROP_ADDRESS:
      g_value_set_string (value, self->address);
      break;
    case PROP_ITEM_COUNT:
      g_value_set_int64 (value, self->item_count);
      break;
    case PROP_TOTAL:
      g_value_set_int64 (value, self->total);
      break;
    case PROP_PAID_AT:
      g_value_set_int64 (value, self->paid_at);
      break;
    case PROP_CREATED_AT:
      g_value_set_int64 (value, self->created_at);
      break;
    case PROP_SENDING:
      g_value_set_boolean (value, self->sending);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
eo_to_ship_order_class_init (EoToShipOrderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = eo_to_ship_order_finalize;
  object_class->get_property = eo_to_ship_order_get_property;

  properties[PROP_BILL_ID] =
    g_param_spec_int64 ("bill-id", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
  properties[PROP_FULL_NAME] = g_param_spec_string ("full-name", NULL, NULL, "", flags);
  properties[PROP_EMAIL] = g_param_spec_string ("email", NULL, NULL, "", flags);
  properties[PROP_CITY] = g_param_spec_string ("city", NULL, NULL, "", flags);
  properties[PROP_POSTALCODE] = g_param_spec_string ("postalcode", NULL, NULL, "", flags);
  properties[PROP_ADDRESS] = g_param_spec_string ("address", NULL, NULL, "", flags);
  properties[PROP_ITEM_COUNT] =
    g_param_spec_int64 ("item-count", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
  properties[PROP_TOTAL] =
    g_param_spec_int64 ("total", NULL, NULL, G_MININT64, G_MAXINT64, EO_MONEY_NONE, flags);
  properties[PROP_PAID_AT] =
    g_param_spec_int64 ("paid-at", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
  properties[PROP_CREATED_AT] =
    g_param_spec_int64 ("created-at", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
  properties[PROP_SENDING] = g_param_spec_boolean ("sending", NULL, NULL, FALSE, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
eo_to_ship_order_init (EoToShipOrder *self)
{
}

EoToShipOrder *
eo_to_ship_order_new (gint64      bill_id,
                      const char *full_name,
                      const char *email,
                      const char *city,
                      const char *postalcode,
                      const char *address,
                      gint64      item_count,
                      gint64      total,
                      gint64      paid_at,
                      gint64      created_at,
                      gboolean    sending)
{
  EoToShipOrder *self = g_object_new (EO_TYPE_TO_SHIP_ORDER, NULL);

  self->bill_id = bill_id;
  self->full_name = g_strdup (full_name != NULL ? full_name : "");
  self->email = g_strdup (email != NULL ? email : "");
  self->city = g_strdup (city != NULL ? city : "");
  self->postalcode = g_strdup (postalcode != NULL ? postalcode : "");
  self->address = g_strdup (address != NULL ? address : "");
  self->item_count = item_count;
  self->total = total;
  self->paid_at = paid_at;
  self->created_at = created_at;
  self->sending = sending;

  return self;
}

gint64
eo_to_ship_order_get_bill_id (EoToShipOrder *self)
{
  g_return_val_if_fail (EO_IS_TO_SHIP_ORDER (self), 0);

  return self->bill_id;
}

const char *
eo_to_ship_order_get_full_name (EoToShipOrder *self)
{
  g_return_val_if_fail (EO_IS_TO_SHIP_ORDER (self), NULL);

  return self->full_name;
}

const char *
eo_to_ship_order_get_email (EoToShipOrder *self)
{
  g_return_val_if_fail (EO_IS_TO_SHIP_ORDER (self), NULL);

  return self->email;
}

const char *
eo_to_ship_order_get_city (EoToShipOrder *self)
{
  g_return_val_if_fail (EO_IS_TO_SHIP_ORDER (self), NULL);

  return self->city;
}

const char *
eo_to_ship_order_get_postalcode (EoToShipOrder *self)
{
  g_return_val_if_fail (EO_IS_TO_SHIP_ORDER (self), NULL);

  return self->postalcode;
}

const char *
eo_to_ship_order_get_address (EoToShipOrder *self)
{
  g_return_val_if_fail (EO_IS_TO_SHIP_ORDER (self), NULL);

  return self->address;
}

gint64
eo_to_ship_order_get_item_count (EoToShipOrder *self)
{
  g_return_val_if_fail (EO_IS_TO_SHIP_ORDER (self), 0);

  return self->item_count;
}

gint64
eo_to_ship_order_get_total (EoToShipOrder *self)
{
  g_return_val_if_fail (EO_IS_TO_SHIP_ORDER (self), 0);

  return self->total;
}

gint64
eo_to_ship_order_get_paid_at (EoToShipOrder *self)
{
  g_return_val_if_fail (EO_IS_TO_SHIP_ORDER (self), 0);

  return self->paid_at;
}

gint64
eo_to_ship_order_get_created_at (EoToShipOrder *self)
{
  g_return_val_if_fail (EO_IS_TO_SHIP_ORDER (self), 0);

  return self->created_at;
}

gboolean
eo_to_ship_order_get_sending (EoToShipOrder *self)
{
  g_return_val_if_fail (EO_IS_TO_SHIP_ORDER (self), FALSE);

  return self->sending;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eo-stored-order.c
 *
 * A row of the order history: what the sidebar and the search results show.
 */

#include "config.h"

#include "eo-stored-order.h"

struct _EoStoredOrder
{
  GObject parent_instance;

  gint64 bill_id;
  char *full_name;
  char *email;
  char *phone;
  char *city;
  char *address;
  char *pay_status;
  char *tracking;
  char *local_status;
  gint64 fetched_at;
};

G_DEFINE_FINAL_TYPE (EoStoredOrder, eo_stored_order, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_BILL_ID,
  PROP_FULL_NAME,
  PROP_EMAIL,
  PROP_PHONE,
  PROP_CITY,
  PROP_ADDRESS,
  PROP_PAY_STATUS,
  PROP_TRACKING,
  PROP_LOCAL_STATUS,
  PROP_FETCHED_AT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
eo_stored_order_finalize (GObject *object)
{
  EoStoredOrder *self = (EoStoredOrder *) object;

  g_free (self->full_name);
  g_free (self->email);
  g_free (self->phone);
  g_free (self->city);
  g_free (self->address);
  g_free (self->pay_status);
  g_free (self->tracking);
  g_free (self->local_status);

  G_OBJECT_CLASS (eo_stored_order_parent_class)->finalize (object);
}

static void
eo_stored_order_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  EoStoredOrder *self = EO_STORED_ORDER (object);

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
    case PROP_PHONE:
      g_value_set_string (value, self->phone);
      break;
    case PROP_CITY:
      g_value_set_string (value, self->city);
      break;
    case PROP_ADDRESS:
      g_value_set_string (value, self->address);
      break;
    case PROP_PAY_STATUS:
      g_value_set_string (value, self->pay_status);
      break;
    case PROP_TRACKING:
      g_value_set_string (value, self->tracking);
      break;
    case PROP_LOCAL_STATUS:
      g_value_set_string (value, self->local_status);
      break;
    case PROP_FETCHED_AT:
      g_value_set_int64 (value, self->fetched_at);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
eo_stored_order_class_init (EoStoredOrderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = eo_stored_order_finalize;
  object_class->get_property = eo_stored_order_get_property;

  properties[PROP_BILL_ID] =
    g_param_spec_int64 ("bill-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FULL_NAME] =
    g_param_spec_string ("full-name", NULL, NULL, "",
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_EMAIL] =
    g_param_spec_string ("email", NULL, NULL, "",
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PHONE] =
    g_param_spec_string ("phone", NULL, NULL, "",
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CITY] =
    g_param_spec_string ("city", NULL, NULL, "",
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ADDRESS] =
    g_param_spec_string ("address", NULL, NULL, "",
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PAY_STATUS] =
    g_param_spec_string ("pay-status", NULL, NULL, "",
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TRACKING] =
    g_param_spec_string ("tracking", NULL, NULL, "",
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOCAL_STATUS] =
    g_param_spec_string ("local-status", NULL, NULL, "",
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FETCHED_AT] =
    g_param_spec_int64 ("fetched-at", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
eo_stored_order_init (EoStoredOrder *self)
{
}

EoStoredOrder *
eo_stored_order_new (gint64      bill_id,
                     const char *full_name,
                     const char *email,
                     const char *phone,
                     const char *city,
                     const char *address,
                     const char *pay_status,
                     const char *tracking,
                     const char *local_status,
                     gint64      fetched_at)
{
  EoStoredOrder *self = g_object_new (EO_TYPE_STORED_ORDER, NULL);

  self->bill_id = bill_id;
  self->full_name = g_strdup (full_name != NULL ? full_name : "");
  self->email = g_strdup (email != NULL ? email : "");
  self->phone = g_strdup (phone != NULL ? phone : "");
  self->city = g_strdup (city != NULL ? city : "");
  self->address = g_strdup (address != NULL ? address : "");
  self->pay_status = g_strdup (pay_status != NULL ? pay_status : "");
  self->tracking = g_strdup (tracking != NULL ? tracking : "");
  self->local_status = g_strdup (local_status != NULL ? local_status : "");
  self->fetched_at = fetched_at;

  return self;
}

gint64
eo_stored_order_get_bill_id (EoStoredOrder *self)
{
  g_return_val_if_fail (EO_IS_STORED_ORDER (self), 0);

  return self->bill_id;
}

const char *
eo_stored_order_get_full_name (EoStoredOrder *self)
{
  g_return_val_if_fail (EO_IS_STORED_ORDER (self), NULL);

  return self->full_name;
}

const char *
eo_stored_order_get_email (EoStoredOrder *self)
{
  g_return_val_if_fail (EO_IS_STORED_ORDER (self), NULL);

  return self->email;
}

const char *
eo_stored_order_get_phone (EoStoredOrder *self)
{
  g_return_val_if_fail (EO_IS_STORED_ORDER (self), NULL);

  return self->phone;
}

const char *
eo_stored_order_get_city (EoStoredOrder *self)
{
  g_return_val_if_fail (EO_IS_STORED_ORDER (self), NULL);

  return self->city;
}

const char *
eo_stored_order_get_address (EoStoredOrder *self)
{
  g_return_val_if_fail (EO_IS_STORED_ORDER (self), NULL);

  return self->address;
}

const char *
eo_stored_order_get_pay_status (EoStoredOrder *self)
{
  g_return_val_if_fail (EO_IS_STORED_ORDER (self), NULL);

  return self->pay_status;
}

const char *
eo_stored_order_get_tracking (EoStoredOrder *self)
{
  g_return_val_if_fail (EO_IS_STORED_ORDER (self), NULL);

  return self->tracking;
}

const char *
eo_stored_order_get_local_status (EoStoredOrder *self)
{
  g_return_val_if_fail (EO_IS_STORED_ORDER (self), NULL);

  return self->local_status;
}

gint64
eo_stored_order_get_fetched_at (EoStoredOrder *self)
{
  g_return_val_if_fail (EO_IS_STORED_ORDER (self), 0);

  return self->fetched_at;
}

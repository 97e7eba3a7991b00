/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eo-order-item.c
 *
 * One line of an order, from one element of the order's "items", with its partners.
 */

#include "config.h"

#include "eo-order-item.h"

#include "eo-json.h"
#include "eo-order.h"
#include "eo-partner.h"

struct _EoOrderItem
{
  GObject     parent_instance;

  char       *id;
  char       *title;
  char       *pincode;
  gint64      sum;
  gint64      price;
  GListStore *partners;
};

G_DEFINE_FINAL_TYPE (EoOrderItem, eo_order_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_TITLE,
  PROP_PINCODE,
  PROP_SUM,
  PROP_PRICE,
  PROP_PARTNERS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
eo_order_item_finalize (GObject *object)
{
  EoOrderItem *self = (EoOrderItem *) object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->pincode, g_free);
  g_clear_object (&self->partners);

  G_OBJECT_CLASS (eo_order_item_parent_class)->finalize (object);
}

static void
eo_order_item_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  EoOrderItem *self = EO_ORDER_ITEM (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_PINCODE:
      g_value_set_string (value, self->pincode);
      break;

    case PROP_SUM:
      g_value_set_int64 (value, self->sum);
      break;

    case PROP_PRICE:
      g_value_set_int64 (value, self->price);
      break;

    case PROP_PARTNERS:
      g_value_set_object (value, self->partners);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
eo_order_item_class_init (EoOrderItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = eo_order_item_finalize;
  object_class->get_property = eo_order_item_get_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL,
                         "",
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL,
                         "",
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_PINCODE] =
    g_param_spec_string ("pincode", NULL, NULL,
                         "",
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_SUM] =
    g_param_spec_int64 ("sum", NULL, NULL,
                        G_MININT64, G_MAXINT64, EO_MONEY_NONE,
                        (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_PRICE] =
    g_param_spec_int64 ("price", NULL, NULL,
                        G_MININT64, G_MAXINT64, EO_MONEY_NONE,
                        (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_PARTNERS] =
    g_param_spec_object ("partners", NULL, NULL,
                         G_TYPE_LIST_MODEL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
eo_order_item_init (EoOrderItem *self)
{
  self->id = g_strdup ("");
  self->title = g_strdup ("");
  self->pincode = g_strdup ("");
  self->sum = EO_MONEY_NONE;
  self->price = EO_MONEY_NONE;
  self->partners = g_list_store_new (EO_TYPE_PARTNER);
}

EoOrderItem *
eo_order_item_new_from_json (JsonNode *node)
{
  g_autoptr(EoOrderItem) self = g_object_new (EO_TYPE_ORDER_ITEM, NULL);
  g_autoptr(JsonArray) partners = NULL;
  JsonObject *object;

  if (node == NULL || JSON_NODE_TYPE (node) != JSON_NODE_OBJECT)
    return g_steal_pointer (&self);

  object = json_node_get_object (node);

  g_free (self->id);
  self->id = eo_json_dup_text (object, "id", EO_JSON_MAX_TEXT);
  g_free (self->title);
  self->title = eo_json_dup_text (object, "title", EO_JSON_MAX_TEXT);
  g_free (self->pincode);
  self->pincode = eo_json_dup_text (object, "pincode", EO_JSON_MAX_TEXT);
  self->sum = eo_json_get_money (object, "sum");
  self->price = eo_json_get_money (object, "price");

  partners = eo_json_dup_array (object, "partners");
  if (partners != NULL)
    {
      guint n = json_array_get_length (partners);
      g_autoptr(GPtrArray) list = g_ptr_array_new_full (n, g_object_unref);

      for (guint i = 0; i < n; i++)
        g_ptr_array_add (list, eo_partner_new_from_json (json_array_get_element (partners, i)));

      /* One splice: a model bound to a list view gets one items-changed, not n */
      g_list_store_splice (self->partners, 0, 0, list->pdata, list->len);
    }

  return g_steal_pointer (&self);
}

const char *
eo_order_item_get_id (EoOrderItem *self)
{
  g_return_val_if_fail (EO_IS_ORDER_ITEM (self), NULL);

  return self->id;
}

const char *
eo_order_item_get_title (EoOrderItem *self)
{
  g_return_val_if_fail (EO_IS_ORDER_ITEM (self), NULL);

  return self->title;
}

const char *
eo_order_item_get_pincode (EoOrderItem *self)
{
  g_return_val_if_fail (EO_IS_ORDER_ITEM (self), NULL);

  return self->pincode;
}

gint64
eo_order_item_get_sum (EoOrderItem *self)
{
  g_return_val_if_fail (EO_IS_ORDER_ITEM (self), EO_MONEY_NONE);

  return self->sum;
}

gint64
eo_order_item_get_price (EoOrderItem *self)
{
  g_return_val_if_fail (EO_IS_ORDER_ITEM (self), EO_MONEY_NONE);

  return self->price;
}

GListModel *
eo_order_item_get_partners (EoOrderItem *self)
{
  g_return_val_if_fail (EO_IS_ORDER_ITEM (self), NULL);

  return G_LIST_MODEL (self->partners);
}

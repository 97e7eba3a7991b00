/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-order.c: an order from arbitrary bytes. As JSON, whatever parses must build an order (or
 * fail cleanly when it is not an object) whose every property reads back; as text, money that
 * parses must format and parse back to the same kopecks, and a date must not crash. */

#include "config.h"

#include <locale.h>
#include <stdint.h>
#include <string.h>

#include "eo-order.h"
#include "eo-order-item.h"
#include "eo-partner.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static void
read_every_property (GObject *object)
{
  g_autofree GParamSpec **pspecs = NULL;
  guint n_pspecs;

  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (object), &n_pspecs);
  for (guint i = 0; i < n_pspecs; i++)
    {
      g_auto(GValue) value = G_VALUE_INIT;

      g_value_init (&value, pspecs[i]->value_type);
      g_object_get_property (object, pspecs[i]->name, &value);
      if (G_VALUE_HOLDS_STRING (&value))
        g_assert (g_utf8_validate (g_value_get_string (&value), -1, NULL));
    }
}

static void
check_money (gint64 kopecks)
{
  g_autofree char *text = eo_money_format (kopecks);
  gint64 back = 0;

  if (kopecks == EO_MONEY_NONE)
    {
      g_assert (*text == '\0');
      return;
    }

  g_assert (eo_money_parse (text, &back));
  g_assert (back == kopecks);
}

static void
check_order (EoOrder *order)
{
  GListModel *items = eo_order_get_items (order);

  read_every_property (G_OBJECT (order));
  check_money (eo_order_get_price (order));
  check_money (eo_order_get_bill_sum_topay (order));
  check_money (eo_order_get_prepayment_minsum (order));

  /* The link is empty or absolute http(s), never anything a browser would run */
  g_assert (*eo_order_get_link (order) == '\0' ||
            g_ascii_strncasecmp (eo_order_get_link (order), "https://", 8) == 0 ||
            g_ascii_strncasecmp (eo_order_get_link (order), "http://", 7) == 0);

  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(EoOrderItem) item = g_list_model_get_item (items, i);
      GListModel *partners = eo_order_item_get_partners (item);

      read_every_property (G_OBJECT (item));
      check_money (eo_order_item_get_sum (item));
      check_money (eo_order_item_get_price (item));

      for (guint j = 0; j < g_list_model_get_n_items (partners); j++)
        {
          g_autoptr(EoPartner) partner = g_list_model_get_item (partners, j);

          read_every_property (G_OBJECT (partner));
          check_money (eo_partner_get_fee (partner));
        }
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_autoptr(GDateTime) date = NULL;
  gint64 kopecks = 0;

  /* Money formats in the C locale here: grouping "," and decimal "." */
  setlocale (LC_ALL, "C");

  if (json_parser_load_from_data (parser, (const char *) data, size, NULL) &&
      json_parser_get_root (parser) != NULL)
    {
      JsonNode *root = json_parser_get_root (parser);
      g_autoptr(GError) error = NULL;
      g_autoptr(EoOrder) order = eo_order_new_from_json (root, "acme.expertam.ru", &error);

      g_assert ((order == NULL) == (JSON_NODE_TYPE (root) != JSON_NODE_OBJECT));
      g_assert ((order == NULL) == (error != NULL));
      if (order != NULL)
        check_order (order);
    }

  if (eo_money_parse (text, &kopecks))
    check_money (kopecks);

  date = eo_date_parse (text);
  if (date != NULL)
    g_assert (g_date_time_get_year (date) >= 1 && g_date_time_get_year (date) <= 9999);

  return 0;
}

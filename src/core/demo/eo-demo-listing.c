/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eo-demo-listing.c: the demo shop's listing methods (getOrdersWithGoods, GetBills) and the
 * orders made for them at run time, relative to now */

#include "config.h"

#include "eo-demo-server-private.h"

#include <stdio.h>
#include <string.h>

#include "eo-date.h"

#define DAY_SECONDS (24 * 3600)

static const char * const customers[][4] = {
  /* first name, last name, e-mail, phone */
  { "Анна", "Крылова", "a.krylova@example.ru", "+7 903 111-22-33" },
  { "Игорь", "Соловьёв", "solovyov@example.com", "+7 (921) 400-50-60" },
  { "Наталья", "Орлова", "orlova.n@example.ru", "89161234567" },
  { "Виктор", "Зайцев", "v.zaitsev@example.org", "+7 912 700-80-90" },
  { "Ирина", "Лебедева", "lebedeva@example.ru", "+7 (383) 222-33-44" },
  { "Максим", "Новиков", "novikov.m@example.com", "+7 904 555-66-77" },
  { "Светлана", "Морозова", "morozova.s@example.ru", "+7 917 101-20-30" },
  { "Роман", "Волков", "volkov@example.net", "+7 950 303-40-50" },
};

static const char * const places[][4] = {
  /* region, city, address, postcode */
  { "Свердловская область", "Екатеринбург", "ул. Малышева, д. 51, кв. 12", "620014" },
  { "Москва", "Москва", "Профсоюзная ул., д. 93, корп. 2, кв. 148", "117279" },
  { "Республика Татарстан", "Казань", "ул. Баумана, д. 7, кв. 3", "420111" },
  { "Новосибирская область", "Новосибирск", "Красный пр., д. 25, кв. 40", "630099" },
  { "Санкт-Петербург", "Санкт-Петербург", "Невский пр., д. 100, кв. 8", "191025" },
};

static const char * const products[][3] = {
  /* id, title, price */
  { "17", "Курс «Основы фотографии»", "4990.00" },
  { "42", "Набор для вышивания «Сирень»", "1290.00" },
  { "43", "Пяльцы деревянные, 20 см", "590.00" },
  { "55", "Книга «Свет и тень»", "1850.00" },
};

/* One order for the listings: i picks its customer, place and product; paid, with_address and
 * with_postcode say what it is */
static void
add_listed_order (EoDemoServer *self,
                  gint64        id,
                  guint         i,
                  gint64        created,
                  gboolean      paid,
                  gboolean      with_address,
                  gboolean      with_postcode)
{
  g_autoptr(JsonObject) order = json_object_new ();
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *created_text = eo_demo_format_moscow_time (created);
  g_autofree char *paid_text = paid ? eo_demo_format_moscow_time (created + 600 + (i % 5) * 300)
                                    : g_strdup ("");
  g_autofree char *link = g_strdup_printf ("/bill/%" G_GINT64_FORMAT "/%08x", id, i * 2654435761u);
  const char * const *customer = customers[i % G_N_ELEMENTS (customers)];
  const char * const *place = places[i % G_N_ELEMENTS (places)];
  const char * const *product = products[i % G_N_ELEMENTS (products)];
  JsonArray *items = json_array_new ();
  JsonArray *good_ids = json_array_new ();
  JsonObject *item = json_object_new ();
  JsonObject *utm = json_object_new ();

  json_object_set_int_member (order, "id", id);
  json_object_set_string_member (order, "first_name", customer[0]);
  json_object_set_string_member (order, "last_name", customer[1]);
  json_object_set_string_member (order, "middle_name", "");
  json_object_set_string_member (order, "email", customer[2]);
  json_object_set_string_member (order, "phone", customer[3]);
  json_object_set_string_member (order, "country", with_address || with_postcode ? "Россия" : "");
  json_object_set_string_member (order, "region", with_address ? place[0] : "");
  json_object_set_string_member (order, "city", with_address ? place[1] : "");
  json_object_set_string_member (order, "address", with_address ? place[2] : "");
  json_object_set_string_member (order, "postalcode", with_postcode ? place[3] : "");
  json_object_set_string_member (order, "created", created_text);
  json_object_set_string_member (order, "pay_status", paid ? "paid" : "waiting");
  json_object_set_string_member (order, "paid", paid_text);
  json_object_set_string_member (order, "type", with_address || with_postcode ? "goods" : "service");
  json_object_set_string_member (order, "payway", paid ? "Банковская карта" : "");
  json_object_set_string_member (order, "comment", "");
  json_object_set_string_member (order, "domain", "shop.example.ru");
  json_object_set_string_member (order, "link", link);
  json_array_add_string_element (good_ids, product[0]);
  json_object_set_array_member (order, "good_ids", good_ids);
  json_object_set_int_member (order, "good_count", 1);
  json_object_set_string_member (order, "price", product[2]);
  json_object_set_int_member (order, "is_recurrent", 0);
  json_object_set_string_member (order, "bill_sum_topay", paid ? "0.00" : product[2]);
  json_object_set_string_member (order, "tag", "");
  json_object_set_string_member (order, "kupon", "");
  json_object_set_string_member (utm, "source", i % 2 == 0 ? "yandex" : "vk");
  json_object_set_object_member (order, "utm", utm);
  json_object_set_string_member (item, "id", product[0]);
  json_object_set_string_member (item, "title", product[1]);
  json_object_set_string_member (item, "sum", product[2]);
  json_object_set_string_member (item, "price", product[2]);
  json_object_set_array_member (item, "partners", json_array_new ());
  json_array_add_object_element (items, item);
  json_object_set_array_member (order, "items", items);

  node = json_node_init_object (json_node_alloc (), order);
  eo_demo_store_order (self, node);
}

void
eo_demo_add_listed_samples (EoDemoServer *self,
                            gint64        now)
{
  /* spread over the last 90 days, the newest an hour old (so it is paid before now) */
  for (guint i = 0; i < EO_DEMO_LISTED_COUNT; i++)
    {
      gint64 created = now - 3600 - (gint64) i * (89 * DAY_SECONDS / EO_DEMO_LISTED_COUNT)
                       - (gint64) (i * 7919u % 3600u);
      gboolean paid = i % 3 != 2;
      gboolean with_address = i % 5 != 4 && i % 10 != 3;
      gboolean with_postcode = i % 5 != 4 && i % 10 != 1;

      add_listed_order (self, EO_DEMO_LISTED_FIRST_ID + i, i, created, paid, with_address,
                        with_postcode);
    }
}

void
eo_demo_server_add_listed_orders (EoDemoServer *self,
                                  guint         n,
                                  guint         days)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  g_return_if_fail (EO_IS_DEMO_SERVER (self));
  g_return_if_fail (days > 0);

  g_mutex_lock (&self->mutex);
  for (guint i = 0; i < n; i++)
    {
      gint64 created = now - 3600 - (gint64) ((double) i * (days * (double) DAY_SECONDS - 7200) / n);

      add_listed_order (self, EO_DEMO_BULK_FIRST_ID + i, i, created, TRUE, TRUE, TRUE);
    }
  g_mutex_unlock (&self->mutex);
}

/* A "dd.mm.yyyy" parameter; FALSE when it is not one or no such day */
static gboolean
parse_day (const char *text,
           GDate      *out_day)
{
  guint day, month, year;

  if (strlen (text) != 10 || text[2] != '.' || text[5] != '.')
    return FALSE;
  for (guint i = 0; i < 10; i++)
    if (i != 2 && i != 5 && !g_ascii_isdigit (text[i]))
      return FALSE;
  if (sscanf (text, "%2u.%2u.%4u", &day, &month, &year) != 3 ||
      !g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    return FALSE;

  g_date_clear (out_day, 1);
  g_date_set_dmy (out_day, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  return TRUE;
}

/* The day (Moscow time) of a unix time */
static void
moscow_day (gint64  unix_seconds,
            GDate  *out_day)
{
  g_date_clear (out_day, 1);
  g_date_set_julian (out_day, (guint32) ((unix_seconds + MOSCOW_OFFSET) / DAY_SECONDS + 719163));
}

static gboolean
order_created (JsonObject *order,
               gint64     *out_created)
{
  g_autoptr(GDateTime) created = NULL;
  const char *text;

  if (!json_object_has_member (order, "created"))
    return FALSE;
  if (eo_demo_member_get_int (order, "created", out_created))
    return TRUE;

  text = json_object_get_string_member_with_default (order, "created", NULL);
  if (text == NULL || (created = eo_date_parse (text)) == NULL)
    return FALSE;
  *out_created = g_date_time_to_unix (created);
  return TRUE;
}

static gboolean
order_is_paid (JsonObject *order)
{
  const char *status = json_object_get_string_member_with_default (order, "pay_status", "");

  return g_strcmp0 (status, "paid") == 0;
}

/* Whether one of the order's products (its items' ids) is among goods */
static gboolean
order_has_goods (JsonObject *order,
                 GPtrArray  *goods)
{
  JsonNode *items = json_object_get_member (order, "items");

  if (items != NULL && JSON_NODE_HOLDS_ARRAY (items))
    {
      JsonArray *array = json_node_get_array (items);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *item = json_array_get_element (array, i);
          gint64 id;
          g_autofree char *text = NULL;

          if (!JSON_NODE_HOLDS_OBJECT (item) ||
              !eo_demo_member_get_int (json_node_get_object (item), "id", &id))
            continue;
          text = g_strdup_printf ("%" G_GINT64_FORMAT, id);
          for (guint j = 0; j < goods->len; j++)
            if (g_str_equal (goods->pdata[j], text))
              return TRUE;
        }
    }

  return FALSE;
}

static gint
compare_created (gconstpointer a,
                 gconstpointer b)
{
  JsonObject *x = json_node_get_object (*(JsonNode **) a);
  JsonObject *y = json_node_get_object (*(JsonNode **) b);
  gint64 cx = 0, cy = 0, ix = 0, iy = 0;

  order_created (x, &cx);
  order_created (y, &cy);
  if (cx != cy)
    return cx < cy ? -1 : 1;
  eo_demo_member_get_int (x, "id", &ix);
  eo_demo_member_get_int (y, "id", &iy);
  return ix < iy ? -1 : ix > iy;
}

/*
 * getOrdersWithGoods: begin_date, end_date (dd.mm.yyyy, the order's creation day in Moscow
 * time), paid (1/true: paid orders only), goods (a product id, or goods[0], goods[1]...).
 * A range over one month is cut at its start (it keeps the month that ends on end_date); no
 * dates: the last 24 hours; no end_date: up to today.
 */
gint64
eo_demo_handle_list_orders (EoDemoServer  *self,
                            EoParams      *params,
                            JsonNode     **out_result)
{
  const char *begin_text = eo_params_lookup_string (params, "begin_date");
  const char *end_text = eo_params_lookup_string (params, "end_date");
  const char *paid_text = eo_params_lookup_string (params, "paid");
  g_autoptr(GPtrArray) goods = g_ptr_array_new ();
  g_autoptr(GPtrArray) found = g_ptr_array_new ();
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gboolean paid_only, by_day;
  GDate begin, end, limit;
  GHashTableIter iter;
  JsonArray *result;
  gpointer value;

  paid_only = paid_text != NULL &&
              (g_str_equal (paid_text, "1") || g_ascii_strcasecmp (paid_text, "true") == 0);

  for (guint i = 0; i < eo_params_get_length (params); i++)
    {
      const char *key = eo_params_get_key (params, i);

      if (g_str_equal (key, "goods") || g_str_has_prefix (key, "goods["))
        {
          JsonNode *node = eo_params_get_value (params, i);

          if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
            g_ptr_array_add (goods, (gpointer) json_node_get_string (node));
        }
    }

  by_day = begin_text != NULL || end_text != NULL;
  if (end_text != NULL && !parse_day (end_text, &end))
    return 3;
  if (end_text == NULL)
    moscow_day (now, &end);
  if (begin_text != NULL && !parse_day (begin_text, &begin))
    return 3;
  if (begin_text == NULL)
    begin = end;

  /* at most one month: the month that ends on end_date */
  limit = end;
  g_date_subtract_months (&limit, 1);
  g_date_add_days (&limit, 1);
  if (g_date_compare (&begin, &limit) < 0)
    begin = limit;

  g_hash_table_iter_init (&iter, self->orders);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      JsonObject *order = json_node_get_object (value);
      gint64 created;

      if (!order_created (order, &created))
        continue;
      if (by_day)
        {
          GDate day;

          moscow_day (created, &day);
          if (g_date_compare (&day, &begin) < 0 || g_date_compare (&day, &end) > 0)
            continue;
        }
      else if (created < now - DAY_SECONDS || created > now)
        {
          continue;
        }
      if (paid_only && !order_is_paid (order))
        continue;
      if (goods->len > 0 && !order_has_goods (order, goods))
        continue;
      g_ptr_array_add (found, value);
    }

  g_ptr_array_sort (found, compare_created);
  result = json_array_sized_new (found->len);
  for (guint i = 0; i < found->len; i++)
    json_array_add_element (result, eo_demo_node_deep_copy (found->pdata[i]));
  *out_result = json_node_init_array (json_node_alloc (), result);
  json_array_unref (result);

  return 0;
}

/* GetBills: email (required), pay_status (paid, waiting, cancel; optional): the customer's
 * orders, keyed by order number (an empty list is [], as PHP's json_encode gives it) */
gint64
eo_demo_handle_get_bills (EoDemoServer  *self,
                          EoParams      *params,
                          JsonNode     **out_result)
{
  const char *email = eo_params_lookup_string (params, "email");
  const char *pay_status = eo_params_lookup_string (params, "pay_status");
  g_autoptr(GPtrArray) found = g_ptr_array_new ();
  g_autoptr(JsonObject) result = json_object_new ();
  GHashTableIter iter;
  gpointer value;

  if (email == NULL || *email == '\0')
    return 3;
  if (pay_status != NULL && *pay_status != '\0' && !g_str_equal (pay_status, "paid") &&
      !g_str_equal (pay_status, "waiting") && !g_str_equal (pay_status, "cancel"))
    return 3;

  g_hash_table_iter_init (&iter, self->orders);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      JsonObject *order = json_node_get_object (value);
      const char *its_email = json_object_get_string_member_with_default (order, "email", "");
      const char *its_status = json_object_get_string_member_with_default (order, "pay_status", "");

      if (its_email == NULL || g_ascii_strcasecmp (its_email, email) != 0)
        continue;
      if (pay_status != NULL && *pay_status != '\0' && g_strcmp0 (its_status, pay_status) != 0)
        continue;
      g_ptr_array_add (found, value);
    }

  if (found->len == 0)
    {
      *out_result = json_node_init_array (json_node_alloc (), json_array_new ());
      json_array_unref (json_node_get_array (*out_result));
      return 0;
    }

  g_ptr_array_sort (found, compare_created);
  for (guint i = 0; i < found->len; i++)
    {
      gint64 id = 0;
      g_autofree char *key = NULL;

      eo_demo_member_get_int (json_node_get_object (found->pdata[i]), "id", &id);
      key = g_strdup_printf ("%" G_GINT64_FORMAT, id);
      json_object_set_member (result, key, eo_demo_node_deep_copy (found->pdata[i]));
    }
  *out_result = json_node_init_object (json_node_alloc (), result);

  return 0;
}

static gint
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 x = **(gint64 **) a;
  gint64 y = **(gint64 **) b;

  return x < y ? -1 : x > y;
}

JsonNode *
eo_demo_server_dup_orders (EoDemoServer *self)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key;
  JsonArray *array;
  JsonNode *node;

  g_return_val_if_fail (EO_IS_DEMO_SERVER (self), NULL);

  g_mutex_lock (&self->mutex);
  g_hash_table_iter_init (&iter, self->orders);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (ids, key);
  g_ptr_array_sort (ids, compare_ids);
  array = json_array_sized_new (ids->len);
  for (guint i = 0; i < ids->len; i++)
    json_array_add_element (array,
                            eo_demo_node_deep_copy (g_hash_table_lookup (self->orders, ids->pdata[i])));
  g_mutex_unlock (&self->mutex);

  node = json_node_init_array (json_node_alloc (), array);
  json_array_unref (array);
  return node;
}

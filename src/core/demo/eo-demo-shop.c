/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eo-demo-shop.c: what the demo shop answers: its orders, getOrderDetails and UpdateOrderStatus
 * (the listing methods are in eo-demo-listing.c), checked and signed as the service does */

#include "config.h"

#include "eo-demo-server-private.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "eo-core-resources.h"

const char *
eo_demo_api_error_text (gint64 code)
{
  switch (code)
    {
    case 0:
      return "ok";
    case 1:
      return "not transferred hash";
    case 2:
      return "no transmitted data";
    case 3:
      return "wrong posted data";
    case 4:
      return "incorrect hash";
    case 5:
      return "invalid user name";
    case 6:
      return "permission denied for ip 127.0.0.1";
    case 7:
      return "account disabled";
    case 8:
      return "API request limit exhausted";
    default:
      return "error";
    }
}

char *
eo_demo_make_secret (void)
{
  static const char alphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  GString *out = g_string_sized_new (DEMO_SECRET_LENGTH);

  for (guint i = 0; i < DEMO_SECRET_LENGTH; i++)
    g_string_append_c (out, alphabet[g_random_int_range (0, (gint32) sizeof alphabet - 1)]);

  return g_string_free (out, FALSE);
}

/* A JSON member as an integer: numbers, or strings of decimal digits */
gboolean
eo_demo_member_get_int (JsonObject *object,
                const char *member,
                gint64     *out_value)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;

  if (json_node_get_value_type (node) == G_TYPE_INT64)
    {
      *out_value = json_node_get_int (node);
      return TRUE;
    }

  if (json_node_get_value_type (node) == G_TYPE_STRING)
    {
      guint64 value;

      if (!g_ascii_string_to_unsigned (json_node_get_string (node), 10, 0, G_MAXINT64, &value, NULL))
        return FALSE;
      *out_value = (gint64) value;
      return TRUE;
    }

  return FALSE;
}

/* A request parameter as a positive integer (digits only, as the service's ids and dates are) */
static gboolean
param_get_id (EoParams   *params,
              const char *key,
              gint64     *out_value)
{
  const char *text = eo_params_lookup_string (params, key);
  guint64 value;

  if (text == NULL ||
      !g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &value, NULL))
    return FALSE;

  *out_value = (gint64) value;
  return TRUE;
}

/* json_node_copy() shares objects and arrays; the stored orders must not be shared */
JsonNode *
eo_demo_node_deep_copy (JsonNode *node)
{
  JsonNode *copy;

  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      JsonObject *out = json_object_new ();
      g_autoptr(GList) members = json_object_get_members (object);

      for (GList *l = members; l != NULL; l = l->next)
        json_object_set_member (out, l->data,
                                eo_demo_node_deep_copy (json_object_get_member (object, l->data)));
      copy = json_node_new (JSON_NODE_OBJECT);
      json_node_take_object (copy, out);
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      JsonArray *out = json_array_sized_new (json_array_get_length (array));

      for (guint i = 0; i < json_array_get_length (array); i++)
        json_array_add_element (out, eo_demo_node_deep_copy (json_array_get_element (array, i)));
      copy = json_node_new (JSON_NODE_ARRAY);
      json_node_take_array (copy, out);
    }
  else
    {
      copy = json_node_copy (node);
    }

  return copy;
}

void
eo_demo_store_order (EoDemoServer *self,
                     JsonNode     *order)
{
  gint64 id;

  g_assert (JSON_NODE_HOLDS_OBJECT (order));

  if (!eo_demo_member_get_int (json_node_get_object (order), "id", &id))
    {
      g_warning ("Demo order without a numeric id ignored");
      return;
    }

  g_hash_table_insert (self->orders, g_memdup2 (&id, sizeof id), eo_demo_node_deep_copy (order));
}

void
eo_demo_load_sample_orders (EoDemoServer *self)
{
  g_autoptr(GBytes) data = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *orders;
  gsize size;
  const char *text;

  data = g_resource_lookup_data (eo_core_get_resource (), DEMO_ORDERS_PATH,
                                 G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  /* compiled in: a failure here is a build error */
  g_assert_no_error (error);

  text = g_bytes_get_data (data, &size);
  if (!json_parser_load_from_data (parser, text, (gssize) size, &error))
    g_error ("The demo orders do not parse: %s", error->message);

  orders = json_node_get_array (json_parser_get_root (parser));
  for (guint i = 0; i < json_array_get_length (orders); i++)
    eo_demo_store_order (self, json_array_get_element (orders, i));
}

GBytes *
eo_demo_envelope_new (gint64      code,
                      const char *text,
                      const char *secret,
                      gboolean    with_hash,
                      JsonNode   *result)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  gsize length;
  char *data;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "error_code");
  json_builder_add_int_value (builder, code);
  json_builder_set_member_name (builder, "error_text");
  json_builder_add_string_value (builder, text);
  if (with_hash)
    {
      g_autofree char *hash = eo_signature_reply_hash (code, text, secret);

      json_builder_set_member_name (builder, "hash");
      json_builder_add_string_value (builder, hash);
    }
  if (result != NULL)
    {
      json_builder_set_member_name (builder, "result");
      json_builder_add_value (builder, json_node_copy (result));
    }
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  data = json_generator_to_data (generator, &length);

  return g_bytes_new_take (data, length);
}

/* A genuine reply that cannot fit the client's cap: the envelope, then megabytes of whitespace */
GBytes *
eo_demo_make_oversized (EoDemoServer *self)
{
  g_autofree char *hash = eo_signature_reply_hash (0, "ok", self->secret);
  g_autoptr(GString) out = g_string_sized_new (OVERSIZED_PADDING + 128);

  g_string_append_printf (out, "{\"error_code\":0,\"error_text\":\"ok\",\"hash\":\"%s\",\"result\":{",
                          hash);
  g_string_set_size (out, out->len + OVERSIZED_PADDING);
  memset (out->str + out->len - OVERSIZED_PADDING, ' ', OVERSIZED_PADDING);
  g_string_append (out, "}}");

  return g_string_free_to_bytes (g_steal_pointer (&out));
}

/* The order as getOrderDetails shows it; the good_info fields only when asked for */
static JsonNode *
order_for_reply (JsonNode *order,
                 gboolean  good_info)
{
  JsonNode *copy = eo_demo_node_deep_copy (order);

  if (!good_info)
    {
      JsonObject *object = json_node_get_object (copy);

      json_object_remove_member (object, "good_ids");
      json_object_remove_member (object, "good_count");
      json_object_remove_member (object, "prepayment_enabled");
      json_object_remove_member (object, "prepayment_minsum");
    }

  return copy;
}

char *
eo_demo_format_moscow_time (gint64 unix_seconds)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_offset (MOSCOW_OFFSET);
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (unix_seconds);
  g_autoptr(GDateTime) local = NULL;

  if (utc == NULL)
    return g_strdup ("");

  local = g_date_time_to_timezone (utc, zone);
  return g_date_time_format (local, "%Y-%m-%d %H:%M:%S");
}

static gint64
handle_get_order_details (EoDemoServer  *self,
                          EoParams      *params,
                          JsonNode     **out_result)
{
  const char *good_info = eo_params_lookup_string (params, "good_info");
  JsonNode *order;
  gint64 bill_id;

  if (!param_get_id (params, "bill_id", &bill_id))
    return 3;

  order = g_hash_table_lookup (self->orders, &bill_id);
  if (order == NULL)
    return 3;

  *out_result = order_for_reply (order,
                                 good_info != NULL &&
                                 (g_str_equal (good_info, "1") ||
                                  g_ascii_strcasecmp (good_info, "true") == 0));
  return 0;
}

static gint64
handle_update_order_status (EoDemoServer *self,
                            EoParams     *params)
{
  const char *status = eo_params_lookup_string (params, "status");
  const char *date_text = eo_params_lookup_string (params, "date");
  const char *rpo = eo_params_lookup_string (params, "rpo");
  g_autoptr(JsonObject) change = NULL;
  g_autofree char *when = NULL;
  JsonObject *order;
  JsonNode *node;
  gboolean needs_date, needs_rpo;
  gint64 bill_id;
  gint64 date = 0;

  if (!param_get_id (params, "bill_id", &bill_id) || status == NULL)
    return 3;

  if (!g_str_equal (status, "sent") && !g_str_equal (status, "paid") &&
      !g_str_equal (status, "return") && !g_str_equal (status, "cancel"))
    return 3;
  needs_date = g_str_equal (status, "sent") || g_str_equal (status, "paid");
  needs_rpo = g_str_equal (status, "sent");

  if (date_text != NULL && !param_get_id (params, "date", &date))
    return 3;
  if ((needs_date && date_text == NULL) ||
      (needs_rpo && (rpo == NULL || *rpo == '\0')))
    return 3;

  node = g_hash_table_lookup (self->orders, &bill_id);
  if (node == NULL)
    return 3;

  order = json_node_get_object (node);
  when = date_text != NULL ? eo_demo_format_moscow_time (date) : g_strdup ("");
  if (g_str_equal (status, "sent"))
    {
      json_object_set_string_member (order, "delivery_status", "sent");
      json_object_set_string_member (order, "sent", when);
      json_object_set_string_member (order, "rpo", rpo);
    }
  else if (g_str_equal (status, "paid"))
    {
      json_object_set_string_member (order, "pay_status", "paid");
      json_object_set_string_member (order, "paid", when);
      json_object_set_string_member (order, "bill_sum_topay", "0.00");
    }
  else
    {
      json_object_set_string_member (order, "pay_status", status);
    }

  change = json_object_new ();
  json_object_set_int_member (change, "bill_id", bill_id);
  json_object_set_string_member (change, "status", status);
  if (date_text != NULL)
    json_object_set_int_member (change, "date", date);
  else
    json_object_set_null_member (change, "date");
  if (rpo != NULL)
    json_object_set_string_member (change, "rpo", rpo);
  else
    json_object_set_null_member (change, "rpo");
  json_array_add_object_element (self->changes, g_steal_pointer (&change));

  return 0;
}

/* The parameters as PHP's $_POST holds them, minus the hash: a repeated key keeps its first
 * position and its last value */
static EoParams *
params_as_php_post (EoParams    *form,
                    const char **out_hash)
{
  EoParams *post = eo_params_new ();
  guint n = eo_params_get_length (form);

  *out_hash = NULL;
  for (guint i = 0; i < n; i++)
    {
      const char *key = eo_params_get_key (form, i);
      gboolean seen = FALSE;
      guint last = i;

      for (guint j = 0; j < i && !seen; j++)
        seen = g_str_equal (eo_params_get_key (form, j), key);
      if (seen)
        continue;

      for (guint j = i + 1; j < n; j++)
        if (g_str_equal (eo_params_get_key (form, j), key))
          last = j;

      if (g_str_equal (key, "hash"))
        *out_hash = json_node_get_string (eo_params_get_value (form, last));
      else
        eo_params_add_node (post, key, eo_params_get_value (form, last));
    }

  return post;
}

/* Checks and runs one API call; returns the service's error code */
gint64
eo_demo_handle_api_call (EoDemoServer  *self,
                         const char    *method,
                         GBytes        *body,
                         JsonNode     **out_result)
{
  g_autoptr(EoParams) form = NULL;
  g_autoptr(EoParams) post = NULL;
  g_autofree char *query = NULL;
  g_autofree char *expected = NULL;
  const char *hash;
  gsize length;
  const char *data = g_bytes_get_data (body, &length);

  form = eo_params_new_from_form (data, length);
  if (form == NULL)
    return 3;

  post = params_as_php_post (form, &hash);
  if (hash == NULL)
    return 1;
  if (eo_params_get_length (post) == 0)
    return 2;

  query = eo_params_build_query (post);
  expected = eo_signature_request_hash (query, DEMO_LOGIN, self->secret);
  if (!eo_signature_equal (expected, hash))
    return 4;

  if (g_ascii_strcasecmp (method, "getOrderDetails") == 0)
    return handle_get_order_details (self, post, out_result);
  if (g_ascii_strcasecmp (method, "UpdateOrderStatus") == 0)
    return handle_update_order_status (self, post);
  if (g_ascii_strcasecmp (method, "getOrdersWithGoods") == 0)
    return eo_demo_handle_list_orders (self, post, out_result);
  if (g_ascii_strcasecmp (method, "GetBills") == 0)
    return eo_demo_handle_get_bills (self, post, out_result);

  return 3;
}


JsonNode *
eo_demo_server_dup_order (EoDemoServer *self,
                          gint64        bill_id)
{
  JsonNode *order;
  JsonNode *copy = NULL;

  g_return_val_if_fail (EO_IS_DEMO_SERVER (self), NULL);

  g_mutex_lock (&self->mutex);
  order = g_hash_table_lookup (self->orders, &bill_id);
  if (order != NULL)
    copy = eo_demo_node_deep_copy (order);
  g_mutex_unlock (&self->mutex);

  return copy;
}

void
eo_demo_server_put_order (EoDemoServer *self,
                          JsonNode     *order)
{
  g_return_if_fail (EO_IS_DEMO_SERVER (self));
  g_return_if_fail (order != NULL && JSON_NODE_HOLDS_OBJECT (order));

  g_mutex_lock (&self->mutex);
  eo_demo_store_order (self, order);
  g_mutex_unlock (&self->mutex);
}

void
eo_demo_server_add_synthetic_orders (EoDemoServer *self,
                                     guint         n)
{
  static const char * const names[][2] = {
    { "Ольга", "Смирнова" }, { "Дмитрий", "Кузнецов" }, { "Елена", "Попова" },
    { "Сергей", "Васильев" }, { "Татьяна", "Соколова" }, { "Павел", "Михайлов" },
  };
  static const char * const cities[] = {
    "Москва", "Казань", "Пермь", "Тверь", "Омск", "Тула", "Самара",
  };

  g_return_if_fail (EO_IS_DEMO_SERVER (self));

  g_mutex_lock (&self->mutex);
  for (guint i = 0; i < n; i++)
    {
      gint64 id = EO_DEMO_SYNTHETIC_FIRST_ID + i;
      g_autoptr(JsonObject) order = json_object_new ();
      g_autoptr(JsonNode) node = NULL;
      g_autofree char *email = g_strdup_printf ("customer%" G_GINT64_FORMAT "@example.com", id);
      g_autofree char *phone = g_strdup_printf ("+7 (900) %03u-%02u-%02u",
                                                (i / 10000) % 1000, (i / 100) % 100, i % 100);

      json_object_set_int_member (order, "id", id);
      json_object_set_string_member (order, "first_name", names[i % G_N_ELEMENTS (names)][0]);
      json_object_set_string_member (order, "last_name", names[i % G_N_ELEMENTS (names)][1]);
      json_object_set_string_member (order, "email", email);
      json_object_set_string_member (order, "phone", phone);
      json_object_set_string_member (order, "country", "Россия");
      json_object_set_string_member (order, "city", cities[i % G_N_ELEMENTS (cities)]);
      json_object_set_string_member (order, "address", "ул. Ленина, д. 1");
      json_object_set_string_member (order, "created", "2024-03-01 12:00:00");
      json_object_set_string_member (order, "pay_status", "waiting");
      json_object_set_string_member (order, "paid", "");
      json_object_set_int_member (order, "price", 1000);
      json_object_set_int_member (order, "bill_sum_topay", 1000);
      json_object_set_array_member (order, "items", json_array_new ());

      node = json_node_init_object (json_node_alloc (), order);
      eo_demo_store_order (self, node);
    }
  g_mutex_unlock (&self->mutex);
}

JsonNode *
eo_demo_server_dup_changes (EoDemoServer *self)
{
  g_autoptr(JsonNode) node = NULL;
  JsonNode *copy;

  g_return_val_if_fail (EO_IS_DEMO_SERVER (self), NULL);

  g_mutex_lock (&self->mutex);
  node = json_node_init_array (json_node_alloc (), self->changes);
  /* a deep copy, so the caller's node does not change under it */
  copy = eo_demo_node_deep_copy (node);
  g_mutex_unlock (&self->mutex);

  return copy;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-order.c
 *
 * EoOrder, EoOrderItem and EoPartner from getOrderDetails replies, the tolerant JSON getters,
 * money and dates.
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "eo-error.h"
#include "eo-json.h"
#include "eo-order.h"
#include "eo-order-item.h"
#include "eo-partner.h"

static void check_properties (GObject *object);

static JsonNode *
parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);

  return json_node_copy (json_parser_get_root (parser));
}

static JsonNode *
load_fixture (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", name, NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);

  return parse_json (text);
}

static EoOrder *
order_from_text (const char *text,
                 const char *fallback_host)
{
  g_autoptr(JsonNode) node = parse_json (text);
  g_autoptr(GError) error = NULL;
  EoOrder *order;

  order = eo_order_new_from_json (node, fallback_host, &error);
  g_assert_no_error (error);
  g_assert_nonnull (order);

  return order;
}

static EoOrder *
order_from_fixture (const char *name)
{
  g_autoptr(JsonNode) node = load_fixture (name);
  g_autoptr(GError) error = NULL;
  EoOrder *order;

  order = eo_order_new_from_json (node, "fallback.expertam.ru", &error);
  g_assert_no_error (error);
  g_assert_nonnull (order);

  return order;
}

static EoOrderItem *
get_item (EoOrder *order,
          guint    position)
{
  EoOrderItem *item = g_list_model_get_item (eo_order_get_items (order), position);

  g_assert_true (EO_IS_ORDER_ITEM (item));
  /* The model keeps its own reference for the order's lifetime */
  g_object_unref (item);

  return item;
}

static EoPartner *
get_partner (EoOrderItem *item,
             guint        position)
{
  EoPartner *partner = g_list_model_get_item (eo_order_item_get_partners (item), position);

  g_assert_true (EO_IS_PARTNER (partner));
  g_object_unref (partner);

  return partner;
}

static void
test_order_full (void)
{
  g_autoptr(EoOrder) order = order_from_fixture ("order-full.json");
  const char * const *good_ids;
  GListModel *items;
  EoOrderItem *item;
  EoPartner *partner;
  gint64 sum = 0;

  g_assert_cmpint (eo_order_get_id (order), ==, 1001);
  g_assert_cmpstr (eo_order_get_first_name (order), ==, "Иван");
  g_assert_cmpstr (eo_order_get_last_name (order), ==, "Петров");
  g_assert_cmpstr (eo_order_get_middle_name (order), ==, "Сергеевич");
  g_assert_cmpstr (eo_order_get_full_name (order), ==, "Петров Иван Сергеевич");
  g_assert_cmpstr (eo_order_get_email (order), ==, "ivan.petrov@example.ru");
  g_assert_cmpstr (eo_order_get_phone (order), ==, "+7 (912) 345-67-89");
  g_assert_cmpstr (eo_order_get_country (order), ==, "Россия");
  g_assert_cmpstr (eo_order_get_region (order), ==, "Свердловская область");
  g_assert_cmpstr (eo_order_get_city (order), ==, "Екатеринбург");
  g_assert_cmpstr (eo_order_get_address (order), ==, "ул. Ленина, д. 5, кв. 12");
  g_assert_cmpstr (eo_order_get_postalcode (order), ==, "620014");

  g_assert_nonnull (eo_order_get_created (order));
  g_assert_cmpint (g_date_time_to_unix (eo_order_get_created (order)), ==, 1709283600);
  g_assert_nonnull (eo_order_get_paid (order));
  g_assert_cmpint (g_date_time_to_unix (eo_order_get_paid (order)), ==, 1709382645);
  g_assert_cmpstr (eo_order_get_pay_status (order), ==, "paid");
  g_assert_true (eo_order_get_is_paid (order));

  g_assert_cmpstr (eo_order_get_order_type (order), ==, "physical");
  g_assert_cmpstr (eo_order_get_payway (order), ==, "Банковская карта");
  g_assert_cmpstr (eo_order_get_comment (order), ==,
                   "Позвонить за час до доставки, \"домофон\" не работает");
  g_assert_cmpstr (eo_order_get_domain (order), ==, "shop.example.ru");
  g_assert_cmpstr (eo_order_get_link (order), ==, "https://shop.example.ru/bill/1001/abc123");
  g_assert_cmpstr (eo_order_get_tag (order), ==, "весна-2024");
  g_assert_cmpstr (eo_order_get_kupon (order), ==, "SPRING10");

  good_ids = eo_order_get_good_ids (order);
  g_assert_cmpuint (g_strv_length ((GStrv) good_ids), ==, 3);
  g_assert_cmpstr (good_ids[0], ==, "15");
  g_assert_cmpstr (good_ids[2], ==, "17");
  g_assert_cmpint (eo_order_get_good_count (order), ==, 3);

  g_assert_cmpint (eo_order_get_price (order), ==, 597050);
  g_assert_cmpint (eo_order_get_bill_sum_topay (order), ==, 0);
  g_assert_true (eo_order_get_prepayment_enabled (order));
  g_assert_cmpint (eo_order_get_prepayment_minsum (order), ==, 50000);

  g_assert_cmpstr (eo_order_get_utm_source (order), ==, "yandex");
  g_assert_cmpstr (eo_order_get_utm_medium (order), ==, "cpc");
  g_assert_cmpstr (eo_order_get_utm_campaign (order), ==, "весна");
  g_assert_cmpstr (eo_order_get_utm_content (order), ==, "banner-1");
  g_assert_cmpstr (eo_order_get_utm_term (order), ==, "книги почтой");

  items = eo_order_get_items (order);
  g_assert_true (g_list_model_get_item_type (items) == EO_TYPE_ORDER_ITEM);
  g_assert_cmpuint (g_list_model_get_n_items (items), ==, 3);

  item = get_item (order, 0);
  g_assert_cmpstr (eo_order_item_get_id (item), ==, "15");
  g_assert_cmpstr (eo_order_item_get_title (item), ==, "Книга «Война и мир»");
  g_assert_cmpint (eo_order_item_get_sum (item), ==, 199050);
  g_assert_cmpint (eo_order_item_get_price (item), ==, 249000);
  g_assert_cmpstr (eo_order_item_get_pincode (item), ==, "PIN-15-XYZ");
  g_assert_true (g_list_model_get_item_type (eo_order_item_get_partners (item)) ==
                 EO_TYPE_PARTNER);
  g_assert_cmpuint (g_list_model_get_n_items (eo_order_item_get_partners (item)), ==, 2);

  partner = get_partner (item, 0);
  g_assert_cmpint (eo_partner_get_level (partner), ==, 1);
  g_assert_cmpstr (eo_partner_get_partner_id (partner), ==, "501");
  g_assert_cmpstr (eo_partner_get_name (partner), ==, "partner_anna");
  g_assert_cmpint (eo_partner_get_fee (partner), ==, 19905);

  partner = get_partner (item, 1);
  g_assert_cmpint (eo_partner_get_level (partner), ==, 2);
  g_assert_cmpstr (eo_partner_get_partner_id (partner), ==, "502");
  g_assert_cmpstr (eo_partner_get_name (partner), ==, "партнёр");
  g_assert_cmpint (eo_partner_get_fee (partner), ==, 9950);

  item = get_item (order, 1);
  g_assert_cmpstr (eo_order_item_get_pincode (item), ==, "");
  g_assert_cmpuint (g_list_model_get_n_items (eo_order_item_get_partners (item)), ==, 0);

  item = get_item (order, 2);
  g_assert_cmpint (eo_order_item_get_price (item), ==, 199000);
  partner = get_partner (item, 0);
  g_assert_cmpint (eo_partner_get_fee (partner), ==, 0);

  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    sum += eo_order_item_get_sum (get_item (order, i));
  g_assert_cmpint (sum, ==, eo_order_get_price (order));
}

static void
test_order_raw_json (void)
{
  g_autoptr(EoOrder) order = order_from_fixture ("order-full.json");
  g_autoptr(JsonNode) again = parse_json (eo_order_get_raw_json (order));
  g_autoptr(JsonNode) original = load_fixture ("order-full.json");

  /* The saved copy is the same JSON, and builds the same order */
  g_assert_true (json_node_equal (again, original));
  g_assert_nonnull (strstr (eo_order_get_raw_json (order), "Петров"));
}

static void
assert_empty_texts (EoOrder *order)
{
  g_assert_cmpstr (eo_order_get_first_name (order), ==, "");
  g_assert_cmpstr (eo_order_get_last_name (order), ==, "");
  g_assert_cmpstr (eo_order_get_middle_name (order), ==, "");
  g_assert_cmpstr (eo_order_get_full_name (order), ==, "");
  g_assert_cmpstr (eo_order_get_email (order), ==, "");
  g_assert_cmpstr (eo_order_get_phone (order), ==, "");
  g_assert_cmpstr (eo_order_get_country (order), ==, "");
  g_assert_cmpstr (eo_order_get_region (order), ==, "");
  g_assert_cmpstr (eo_order_get_city (order), ==, "");
  g_assert_cmpstr (eo_order_get_address (order), ==, "");
  g_assert_cmpstr (eo_order_get_postalcode (order), ==, "");
  g_assert_cmpstr (eo_order_get_pay_status (order), ==, "");
  g_assert_cmpstr (eo_order_get_order_type (order), ==, "");
  g_assert_cmpstr (eo_order_get_payway (order), ==, "");
  g_assert_cmpstr (eo_order_get_comment (order), ==, "");
  g_assert_cmpstr (eo_order_get_domain (order), ==, "");
  g_assert_cmpstr (eo_order_get_link (order), ==, "");
  g_assert_cmpstr (eo_order_get_tag (order), ==, "");
  g_assert_cmpstr (eo_order_get_kupon (order), ==, "");
  g_assert_cmpstr (eo_order_get_utm_source (order), ==, "");
  g_assert_cmpstr (eo_order_get_utm_medium (order), ==, "");
  g_assert_cmpstr (eo_order_get_utm_campaign (order), ==, "");
  g_assert_cmpstr (eo_order_get_utm_content (order), ==, "");
  g_assert_cmpstr (eo_order_get_utm_term (order), ==, "");
}

static void
test_order_minimal (void)
{
  g_autoptr(EoOrder) order = order_from_fixture ("order-minimal.json");

  g_assert_cmpint (eo_order_get_id (order), ==, 1002);
  assert_empty_texts (order);
  g_assert_null (eo_order_get_created (order));
  g_assert_null (eo_order_get_paid (order));
  g_assert_false (eo_order_get_is_paid (order));
  g_assert_nonnull (eo_order_get_good_ids (order));
  g_assert_null (eo_order_get_good_ids (order)[0]);
  g_assert_cmpint (eo_order_get_good_count (order), ==, 0);
  g_assert_cmpint (eo_order_get_price (order), ==, EO_MONEY_NONE);
  g_assert_cmpint (eo_order_get_bill_sum_topay (order), ==, EO_MONEY_NONE);
  g_assert_cmpint (eo_order_get_prepayment_minsum (order), ==, EO_MONEY_NONE);
  g_assert_false (eo_order_get_prepayment_enabled (order));
  g_assert_cmpuint (g_list_model_get_n_items (eo_order_get_items (order)), ==, 0);
  g_assert_cmpstr (eo_order_get_raw_json (order), ==, "{\"id\":\"1002\"}");
}

static void
test_order_empty_object (void)
{
  g_autoptr(EoOrder) order = order_from_text ("{}", NULL);

  g_assert_cmpint (eo_order_get_id (order), ==, 0);
  assert_empty_texts (order);
}

static void
test_order_odd_types (void)
{
  g_autoptr(EoOrder) order = order_from_fixture ("order-odd-types.json");
  const char * const *good_ids;
  EoOrderItem *item;
  EoPartner *partner;

  g_assert_cmpint (eo_order_get_id (order), ==, 1003);
  g_assert_cmpstr (eo_order_get_first_name (order), ==, "");
  g_assert_cmpstr (eo_order_get_last_name (order), ==, "12345");
  g_assert_cmpstr (eo_order_get_middle_name (order), ==, "");
  g_assert_cmpstr (eo_order_get_full_name (order), ==, "12345");
  /* PHP prints false as "" */
  g_assert_cmpstr (eo_order_get_email (order), ==, "");
  g_assert_cmpstr (eo_order_get_phone (order), ==, "79123456789");
  g_assert_cmpstr (eo_order_get_country (order), ==, "");
  g_assert_cmpstr (eo_order_get_region (order), ==, "");
  g_assert_cmpstr (eo_order_get_city (order), ==, "1.5");
  g_assert_cmpstr (eo_order_get_address (order), ==, "");
  g_assert_cmpstr (eo_order_get_postalcode (order), ==, "620014");

  g_assert_nonnull (eo_order_get_created (order));
  g_assert_cmpint (g_date_time_to_unix (eo_order_get_created (order)), ==, 1709283600);
  g_assert_cmpint (g_date_time_get_hour (eo_order_get_created (order)), ==, 12);
  g_assert_null (eo_order_get_paid (order));
  g_assert_cmpstr (eo_order_get_pay_status (order), ==, "0");
  g_assert_false (eo_order_get_is_paid (order));

  g_assert_cmpstr (eo_order_get_order_type (order), ==, "2");
  g_assert_cmpstr (eo_order_get_payway (order), ==, "");
  g_assert_cmpstr (eo_order_get_domain (order), ==, "https://shop.example.ru/");
  g_assert_cmpstr (eo_order_get_link (order), ==, "https://shop.example.ru/bill/1003/zz");
  g_assert_cmpstr (eo_order_get_tag (order), ==, "");
  g_assert_cmpstr (eo_order_get_kupon (order), ==, "0");

  good_ids = eo_order_get_good_ids (order);
  g_assert_cmpuint (g_strv_length ((GStrv) good_ids), ==, 2);
  g_assert_cmpstr (good_ids[0], ==, "21");
  g_assert_cmpstr (good_ids[1], ==, "22");
  g_assert_cmpint (eo_order_get_good_count (order), ==, 2);

  g_assert_cmpint (eo_order_get_price (order), ==, 199050);
  g_assert_cmpint (eo_order_get_bill_sum_topay (order), ==, 199050);
  g_assert_false (eo_order_get_prepayment_enabled (order));
  g_assert_cmpint (eo_order_get_prepayment_minsum (order), ==, EO_MONEY_NONE);

  /* "utm": [] is PHP's empty object */
  g_assert_cmpstr (eo_order_get_utm_source (order), ==, "");
  g_assert_cmpstr (eo_order_get_utm_term (order), ==, "");

  g_assert_cmpuint (g_list_model_get_n_items (eo_order_get_items (order)), ==, 2);

  item = get_item (order, 0);
  g_assert_cmpstr (eo_order_item_get_id (item), ==, "21");
  g_assert_cmpstr (eo_order_item_get_title (item), ==, "777");
  g_assert_cmpint (eo_order_item_get_sum (item), ==, 199050);
  g_assert_cmpint (eo_order_item_get_price (item), ==, EO_MONEY_NONE);
  g_assert_cmpstr (eo_order_item_get_pincode (item), ==, "4321");
  g_assert_cmpuint (g_list_model_get_n_items (eo_order_item_get_partners (item)), ==, 1);
  partner = get_partner (item, 0);
  g_assert_cmpint (eo_partner_get_level (partner), ==, 3);
  g_assert_cmpstr (eo_partner_get_partner_id (partner), ==, "9");
  g_assert_cmpstr (eo_partner_get_name (partner), ==, "");
  g_assert_cmpint (eo_partner_get_fee (partner), ==, 1250);

  item = get_item (order, 1);
  g_assert_cmpstr (eo_order_item_get_id (item), ==, "22");
  g_assert_cmpstr (eo_order_item_get_title (item), ==, "Вторая позиция");
  g_assert_cmpint (eo_order_item_get_sum (item), ==, EO_MONEY_NONE);
  g_assert_cmpint (eo_order_item_get_price (item), ==, EO_MONEY_NONE);
  g_assert_cmpstr (eo_order_item_get_pincode (item), ==, "");
  g_assert_cmpuint (g_list_model_get_n_items (eo_order_item_get_partners (item)), ==, 0);
}

static void
test_order_odd_items (void)
{
  /* Items and partners that are not objects still give (empty) rows, never a crash */
  g_autoptr(EoOrder) order = order_from_text ("{\"id\": 5, \"items\": [null, 7, \"x\", [],"
                                              " {\"partners\": [null, 1, {}]}]}", NULL);
  EoOrderItem *item;
  EoPartner *partner;

  g_assert_cmpuint (g_list_model_get_n_items (eo_order_get_items (order)), ==, 5);
  item = get_item (order, 0);
  g_assert_cmpstr (eo_order_item_get_title (item), ==, "");
  g_assert_cmpint (eo_order_item_get_sum (item), ==, EO_MONEY_NONE);

  item = get_item (order, 4);
  g_assert_cmpuint (g_list_model_get_n_items (eo_order_item_get_partners (item)), ==, 3);
  partner = get_partner (item, 1);
  g_assert_cmpint (eo_partner_get_level (partner), ==, 0);
  g_assert_cmpstr (eo_partner_get_name (partner), ==, "");
  g_assert_cmpint (eo_partner_get_fee (partner), ==, EO_MONEY_NONE);
}

static void
test_order_any_types (void)
{
  static const char * const members[] = {
    "id", "first_name", "last_name", "middle_name", "email", "phone", "country", "region",
    "city", "address", "postalcode", "created", "pay_status", "paid", "type", "payway",
    "comment", "domain", "link", "good_ids", "good_count", "price", "bill_sum_topay",
    "prepayment_enabled", "prepayment_minsum", "tag", "kupon", "utm", "items",
  };
  static const char * const values[] = {
    "null", "true", "false", "0", "-1", "1.5", "1e308", "\"\"", "\"x\"", "[]", "{}", "[1, null]",
    "{\"0\": 1}", "[[]]", "{\"0\": {\"partners\": {\"0\": []}}}", "[{\"partners\": 5}]",
  };

  /* Every field in every JSON type: an order comes out, nothing warns (warnings are fatal) */
  for (guint m = 0; m < G_N_ELEMENTS (members); m++)
    for (guint v = 0; v < G_N_ELEMENTS (values); v++)
      {
        g_autofree char *json = g_strdup_printf ("{\"%s\": %s}", members[m], values[v]);
        g_autoptr(EoOrder) order = order_from_text (json, "acme.expertam.ru");

        g_assert_nonnull (eo_order_get_full_name (order));
        g_assert_nonnull (eo_order_get_link (order));
        g_assert_nonnull (eo_order_get_good_ids (order));
        g_assert_nonnull (eo_order_get_raw_json (order));
        check_properties (G_OBJECT (order));
      }
}

static void
test_order_broken_unicode (void)
{
  /* json-glib 1.6 passes these through as bytes that are not UTF-8 */
  g_autoptr(EoOrder) order = order_from_text ("{\"first_name\": \"\\u043\u0420\","
                                              " \"last_name\": \"\\ud800x\","
                                              " \"items\": [{\"title\": \"\\u04\u0420\u0420\"}]}",
                                              NULL);
  EoOrderItem *item = get_item (order, 0);

  g_assert_true (g_utf8_validate (eo_order_get_first_name (order), -1, NULL));
  g_assert_true (g_utf8_validate (eo_order_get_last_name (order), -1, NULL));
  g_assert_true (g_utf8_validate (eo_order_get_full_name (order), -1, NULL));
  g_assert_true (g_utf8_validate (eo_order_item_get_title (item), -1, NULL));
  g_assert_true (g_utf8_validate (eo_order_get_raw_json (order), -1, NULL));
}

static void
test_order_not_object (void)
{
  const char *replies[] = { "[]", "[{\"id\": 1}]", "null", "42", "\"order\"", "true" };

  for (guint i = 0; i < G_N_ELEMENTS (replies); i++)
    {
      g_autoptr(JsonNode) node = parse_json (replies[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(EoOrder) order = eo_order_new_from_json (node, "shop.expertam.ru", &error);

      g_assert_null (order);
      g_assert_error (error, EO_ERROR, EO_ERROR_BAD_REPLY);
      g_assert_cmpstr (error->message, !=, "");
    }
}

static void
test_order_many_items (void)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(EoOrder) order = NULL;
  GListModel *items;
  gint64 sum = 0;
  gint64 expected = 0;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, "777");
  json_builder_set_member_name (builder, "items");
  json_builder_begin_array (builder);
  for (guint i = 0; i < 1000; i++)
    {
      g_autofree char *id = g_strdup_printf ("%u", i);
      g_autofree char *money = g_strdup_printf ("%u.%02u", i, i % 100);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, id);
      json_builder_set_member_name (builder, "title");
      json_builder_add_string_value (builder, "Товар");
      json_builder_set_member_name (builder, "sum");
      json_builder_add_string_value (builder, money);
      json_builder_end_object (builder);
      expected += (gint64) i * 100 + i % 100;
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);

  order = eo_order_new_from_json (root, NULL, &error);
  g_assert_no_error (error);

  items = eo_order_get_items (order);
  g_assert_cmpuint (g_list_model_get_n_items (items), ==, 1000);
  for (guint i = 0; i < 1000; i++)
    {
      g_autoptr(EoOrderItem) item = g_list_model_get_item (items, i);
      g_autofree char *id = g_strdup_printf ("%u", i);

      g_assert_cmpstr (eo_order_item_get_id (item), ==, id);
      sum += eo_order_item_get_sum (item);
    }
  g_assert_cmpint (sum, ==, expected);
  g_assert_cmpint (sum, ==, 49999500);
}

static void
test_order_long_strings (void)
{
  g_autoptr(GString) title = g_string_new (NULL);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(EoOrder) order = NULL;
  EoOrderItem *item;

  for (guint i = 0; i < 10000; i++)
    g_string_append (title, "Ж");

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "comment");
  json_builder_add_string_value (builder, title->str);
  json_builder_set_member_name (builder, "items");
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, title->str);
  json_builder_end_object (builder);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);

  order = eo_order_new_from_json (root, NULL, NULL);
  g_assert_nonnull (order);
  g_assert_cmpint (g_utf8_strlen (eo_order_get_comment (order), -1), ==, EO_JSON_MAX_TEXT);
  g_assert_true (g_utf8_validate (eo_order_get_comment (order), -1, NULL));
  item = get_item (order, 0);
  g_assert_cmpint (g_utf8_strlen (eo_order_item_get_title (item), -1), ==, EO_JSON_MAX_TEXT);
  /* The saved copy keeps everything */
  g_assert_cmpuint (strlen (eo_order_get_raw_json (order)), >, 2 * 2 * 10000);
}

static void
test_order_full_name (void)
{
  const struct {
    const char *json;
    const char *full_name;
  } cases[] = {
    { "{\"first_name\":\"Анна\"}", "Анна" },
    { "{\"last_name\":\"Иванова\",\"first_name\":\"Анна\"}", "Иванова Анна" },
    { "{\"last_name\":\"Иванова\",\"middle_name\":\"Петровна\"}", "Иванова Петровна" },
    { "{\"last_name\":\" \",\"first_name\":\" Анна \",\"middle_name\":null}", "Анна" },
    { "{\"last_name\":\"\",\"first_name\":\"\",\"middle_name\":\"\"}", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(EoOrder) order = order_from_text (cases[i].json, NULL);

      g_assert_cmpstr (eo_order_get_full_name (order), ==, cases[i].full_name);
    }
}

static void
test_order_is_paid (void)
{
  const struct {
    const char *json;
    gboolean    is_paid;
  } cases[] = {
    { "{\"pay_status\":\"paid\"}", TRUE },
    { "{\"pay_status\":\"PAID\"}", TRUE },
    { "{\"pay_status\":1}", TRUE },
    { "{\"pay_status\":\"1\"}", TRUE },
    { "{\"pay_status\":\"Оплачен\"}", TRUE },
    { "{\"pay_status\":\"waiting\",\"paid\":\"2024-03-02 10:00:00\"}", TRUE },
    { "{\"paid\":1709382645}", TRUE },
    { "{\"pay_status\":\"waiting\"}", FALSE },
    { "{\"pay_status\":\"0\",\"paid\":\"\"}", FALSE },
    { "{\"pay_status\":\"cancel\",\"paid\":\"0000-00-00 00:00:00\"}", FALSE },
    { "{\"paid\":0}", FALSE },
    { "{\"paid\":null}", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(EoOrder) order = order_from_text (cases[i].json, NULL);

      g_assert_cmpint (eo_order_get_is_paid (order), ==, cases[i].is_paid);
    }
}

static void
test_order_link (void)
{
  const struct {
    const char *json;
    const char *fallback_host;
    const char *link;
  } cases[] = {
    { "{\"domain\":\"shop.ru\",\"link\":\"/bill/1/a\"}", "acme.expertam.ru",
      "https://shop.ru/bill/1/a" },
    { "{\"domain\":\"https://shop.ru/\",\"link\":\"/bill/1/a\"}", NULL,
      "https://shop.ru/bill/1/a" },
    { "{\"domain\":\"HTTP://shop.ru//\",\"link\":\"/bill/1/a\"}", NULL,
      "https://shop.ru/bill/1/a" },
    { "{\"domain\":\"\",\"link\":\"/bill/1/a\"}", "acme.expertam.ru",
      "https://acme.expertam.ru/bill/1/a" },
    { "{\"link\":\"/bill/1/a\"}", "acme.expertam.ru", "https://acme.expertam.ru/bill/1/a" },
    { "{\"domain\":null,\"link\":\"/bill/1/a\"}", "acme.expertam.ru",
      "https://acme.expertam.ru/bill/1/a" },
    { "{\"link\":\"/bill/1/a\"}", NULL, "" },
    { "{\"link\":\"/bill/1/a\"}", "", "" },
    { "{\"domain\":\"evil.ru/x@\",\"link\":\"/bill/1/a\"}", NULL, "" },
    { "{\"domain\":\"shop.ru\",\"link\":\"https://pay.shop.ru/bill/1\"}", "acme.expertam.ru",
      "https://pay.shop.ru/bill/1" },
    { "{\"link\":\"http://pay.shop.ru/bill/1\"}", NULL, "http://pay.shop.ru/bill/1" },
    { "{\"domain\":\"shop.ru\",\"link\":\"javascript:alert(1)\"}", "acme.expertam.ru", "" },
    { "{\"domain\":\"shop.ru\",\"link\":\"JavaScript:alert(1)\"}", NULL, "" },
    { "{\"domain\":\"shop.ru\",\"link\":\"bill/1\"}", NULL, "" },
    { "{\"domain\":\"shop.ru\",\"link\":\"file:///etc/passwd\"}", NULL, "" },
    { "{\"domain\":\"shop.ru\",\"link\":\"https://\"}", NULL, "" },
    { "{\"domain\":\"shop.ru\",\"link\":\"/bill/1 a\"}", NULL, "" },
    { "{\"domain\":\"shop.ru\",\"link\":\"\"}", "acme.expertam.ru", "" },
    { "{\"domain\":\"shop.ru\",\"link\":null}", "acme.expertam.ru", "" },
    { "{\"domain\":\"shop.ru\",\"link\":12}", "acme.expertam.ru", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(EoOrder) order = order_from_text (cases[i].json, cases[i].fallback_host);

      g_test_message ("link case %u: %s", i, cases[i].json);
      g_assert_cmpstr (eo_order_get_link (order), ==, cases[i].link);
    }
}

static void
check_properties (GObject *object)
{
  g_autofree GParamSpec **pspecs = NULL;
  guint n_pspecs;

  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (object), &n_pspecs);
  g_assert_cmpuint (n_pspecs, >, 0);

  for (guint i = 0; i < n_pspecs; i++)
    {
      g_auto(GValue) value = G_VALUE_INIT;

      /* Models built from JSON: readable, never writable from outside */
      g_assert_true (pspecs[i]->flags & G_PARAM_READABLE);
      g_assert_false (pspecs[i]->flags & G_PARAM_WRITABLE);
      g_value_init (&value, pspecs[i]->value_type);
      g_object_get_property (object, pspecs[i]->name, &value);

      if (G_VALUE_HOLDS_STRING (&value))
        g_assert_nonnull (g_value_get_string (&value));
    }
}

static void
test_order_properties (void)
{
  static const char * const order_names[] = {
    "id", "first-name", "last-name", "middle-name", "full-name", "email", "phone", "country",
    "region", "city", "address", "postalcode", "created", "paid", "pay-status", "is-paid",
    "order-type", "payway", "comment", "domain", "link", "tag", "kupon", "good-ids",
    "good-count", "price", "bill-sum-topay", "prepayment-enabled", "prepayment-minsum",
    "utm-source", "utm-medium", "utm-campaign", "utm-content", "utm-term", "items", "raw-json",
  };
  static const char * const item_names[] = { "id", "title", "pincode", "sum", "price", "partners" };
  static const char * const partner_names[] = { "level", "partner-id", "name", "fee" };
  g_autoptr(EoOrder) order = order_from_fixture ("order-full.json");
  g_autoptr(EoOrder) minimal = order_from_fixture ("order-minimal.json");
  g_autoptr(GDateTime) created = NULL;
  g_autoptr(GListModel) items = NULL;
  g_autoptr(GListModel) partners = NULL;
  g_autoptr(EoPartner) partner = NULL;
  g_auto(GStrv) good_ids = NULL;
  g_autofree char *full_name = NULL;
  g_autofree char *link = NULL;
  g_autofree char *utm_term = NULL;
  g_autofree char *order_type = NULL;
  g_autofree char *title = NULL;
  g_autofree char *partner_name = NULL;
  gint64 id, price, bill_sum_topay, item_sum, fee;
  gboolean is_paid, prepayment_enabled;
  int level;
  EoOrderItem *item;

  for (guint i = 0; i < G_N_ELEMENTS (order_names); i++)
    g_assert_nonnull (g_object_class_find_property (G_OBJECT_GET_CLASS (order), order_names[i]));
  g_assert_cmpuint (G_N_ELEMENTS (order_names), ==, 36);

  g_object_get (order,
                "id", &id,
                "full-name", &full_name,
                "created", &created,
                "is-paid", &is_paid,
                "order-type", &order_type,
                "link", &link,
                "good-ids", &good_ids,
                "price", &price,
                "bill-sum-topay", &bill_sum_topay,
                "prepayment-enabled", &prepayment_enabled,
                "utm-term", &utm_term,
                "items", &items,
                NULL);
  g_assert_cmpint (id, ==, 1001);
  g_assert_cmpstr (full_name, ==, "Петров Иван Сергеевич");
  g_assert_cmpint (g_date_time_to_unix (created), ==, 1709283600);
  g_assert_true (is_paid);
  g_assert_cmpstr (order_type, ==, "physical");
  g_assert_cmpstr (link, ==, "https://shop.example.ru/bill/1001/abc123");
  g_assert_cmpuint (g_strv_length (good_ids), ==, 3);
  g_assert_cmpint (price, ==, 597050);
  g_assert_cmpint (bill_sum_topay, ==, 0);
  g_assert_true (prepayment_enabled);
  g_assert_cmpstr (utm_term, ==, "книги почтой");
  g_assert_true (items == eo_order_get_items (order));

  item = get_item (order, 0);
  for (guint i = 0; i < G_N_ELEMENTS (item_names); i++)
    g_assert_nonnull (g_object_class_find_property (G_OBJECT_GET_CLASS (item), item_names[i]));
  g_object_get (item, "title", &title, "sum", &item_sum, "partners", &partners, NULL);
  g_assert_cmpstr (title, ==, "Книга «Война и мир»");
  g_assert_cmpint (item_sum, ==, 199050);
  g_assert_cmpuint (g_list_model_get_n_items (partners), ==, 2);

  partner = g_list_model_get_item (partners, 1);
  for (guint i = 0; i < G_N_ELEMENTS (partner_names); i++)
    g_assert_nonnull (g_object_class_find_property (G_OBJECT_GET_CLASS (partner),
                                                    partner_names[i]));
  g_object_get (partner, "level", &level, "name", &partner_name, "fee", &fee, NULL);
  g_assert_cmpint (level, ==, 2);
  g_assert_cmpstr (partner_name, ==, "партнёр");
  g_assert_cmpint (fee, ==, 9950);

  check_properties (G_OBJECT (order));
  check_properties (G_OBJECT (minimal));
  check_properties (G_OBJECT (item));
  check_properties (G_OBJECT (partner));
}

static void
test_money_parse (void)
{
  const struct {
    const char *text;
    gint64      kopecks;
  } good[] = {
    { "1990", 199000 },
    { "1990.5", 199050 },
    { "1990.50", 199050 },
    { "1990.00", 199000 },
    { "1990,5", 199050 },
    { "1 990,50", 199050 },
    { "1\u00A0990,50", 199050 },
    { "1\u202F990,50", 199050 },
    { "1,990.50", 199050 },
    { "1.990,50", 199050 },
    { "1,000,000", 100000000 },
    { "1 000 000.01", 100000001 },
    { " 42 ", 4200 },
    { "0", 0 },
    { "0.01", 1 },
    { ".5", 50 },
    { " ,5", 50 },
    { "7.", 700 },
    { "-12.34", -1234 },
    { "+12.34", 1234 },
    { "\u221212,34", -1234 },
    { "1\u00A0990,00\u00A0₽", 199000 },
    { "1990 ₽", 199000 },
    { "33.333333333333", 3333 },
    { "0.995", 100 },
    { "-0.005", -1 },
    { "0.004", 0 },
    { "99999999999999.99", G_GINT64_CONSTANT (9999999999999999) },
  };
  const char *bad[] = {
    "", " ", "abc", "12abc", "1.2.3", "1,2,3.4.5", "1e5", "1990 руб", "--1", "1 ", ",",
    ".", "-", "1,,000", "1 .5", "1. 5", "₽", "NaN", "0x10", "1,000.00.00",
    "123456789012345678901234567890", "1990\xff", "12 34", "1 9900", "1,99,000",
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      gint64 kopecks = -7;

      g_test_message ("money: '%s'", good[i].text);
      g_assert_true (eo_money_parse (good[i].text, &kopecks));
      g_assert_cmpint (kopecks, ==, good[i].kopecks);
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *shown = g_strescape (bad[i], NULL);
      gint64 kopecks = -7;

      /* Escaped: one of them is not UTF-8, and TAP output must be */
      g_test_message ("not money: '%s'", shown);
      /* "1 " is money after trimming, the rest are not */
      if (g_str_equal (bad[i], "1 "))
        {
          g_assert_true (eo_money_parse (bad[i], &kopecks));
          g_assert_cmpint (kopecks, ==, 100);
          continue;
        }
      g_assert_false (eo_money_parse (bad[i], &kopecks));
      g_assert_cmpint (kopecks, ==, -7);
    }

  g_assert_false (eo_money_parse (NULL, NULL));
}

static void
test_money_json (void)
{
  g_autoptr(JsonNode) node = parse_json ("{\"int\": 1990, \"real\": 1990.5, \"whole\": 1990.0,"
                                         " \"str\": \"1990.00\", \"ru\": \"1 990,50\","
                                         " \"cents\": 0.1, \"sum\": 0.30000000000000004,"
                                         " \"tiny\": 1e-7, \"huge\": 1e300, \"bigint\": "
                                         "9223372036854775807, \"neg\": -5.25,"
                                         " \"null\": null, \"empty\": \"\", \"bool\": true,"
                                         " \"obj\": {}, \"arr\": [1]}");
  JsonObject *object = json_node_get_object (node);

  g_assert_cmpint (eo_json_get_money (object, "int"), ==, 199000);
  g_assert_cmpint (eo_json_get_money (object, "real"), ==, 199050);
  g_assert_cmpint (eo_json_get_money (object, "whole"), ==, 199000);
  g_assert_cmpint (eo_json_get_money (object, "str"), ==, 199000);
  g_assert_cmpint (eo_json_get_money (object, "ru"), ==, 199050);
  g_assert_cmpint (eo_json_get_money (object, "cents"), ==, 10);
  g_assert_cmpint (eo_json_get_money (object, "sum"), ==, 30);
  g_assert_cmpint (eo_json_get_money (object, "tiny"), ==, 0);
  g_assert_cmpint (eo_json_get_money (object, "neg"), ==, -525);
  g_assert_cmpint (eo_json_get_money (object, "huge"), ==, EO_MONEY_NONE);
  g_assert_cmpint (eo_json_get_money (object, "bigint"), ==, EO_MONEY_NONE);
  g_assert_cmpint (eo_json_get_money (object, "null"), ==, EO_MONEY_NONE);
  g_assert_cmpint (eo_json_get_money (object, "empty"), ==, EO_MONEY_NONE);
  g_assert_cmpint (eo_json_get_money (object, "bool"), ==, EO_MONEY_NONE);
  g_assert_cmpint (eo_json_get_money (object, "obj"), ==, EO_MONEY_NONE);
  g_assert_cmpint (eo_json_get_money (object, "arr"), ==, EO_MONEY_NONE);
  g_assert_cmpint (eo_json_get_money (object, "absent"), ==, EO_MONEY_NONE);
  g_assert_cmpint (eo_json_get_money (NULL, "absent"), ==, EO_MONEY_NONE);
}

static void
assert_money_format (gint64      kopecks,
                     const char *expected)
{
  g_autofree char *text = eo_money_format (kopecks);

  g_assert_cmpstr (text, ==, expected);
}

static void
test_money_format_c (void)
{
  g_autofree char *saved = g_strdup (setlocale (LC_ALL, NULL));

  g_assert_nonnull (setlocale (LC_ALL, "C"));

  assert_money_format (199000, "1,990.00\u00A0₽");
  assert_money_format (199050, "1,990.50\u00A0₽");
  assert_money_format (0, "0.00\u00A0₽");
  assert_money_format (5, "0.05\u00A0₽");
  assert_money_format (99999, "999.99\u00A0₽");
  assert_money_format (100000, "1,000.00\u00A0₽");
  assert_money_format (123456789, "1,234,567.89\u00A0₽");
  assert_money_format (-199050, "-1,990.50\u00A0₽");
  assert_money_format (-5, "-0.05\u00A0₽");
  assert_money_format (G_MAXINT64, "92,233,720,368,547,758.07\u00A0₽");
  assert_money_format (G_MININT64 + 1, "-92,233,720,368,547,758.07\u00A0₽");
  assert_money_format (EO_MONEY_NONE, "");

  /* What is formatted reads back as the same amount */
  for (gint64 kopecks = -300007; kopecks < 300007; kopecks += 9973)
    {
      g_autofree char *text = eo_money_format (kopecks);
      gint64 back = 0;

      g_assert_true (eo_money_parse (text, &back));
      g_assert_cmpint (back, ==, kopecks);
    }

  setlocale (LC_ALL, saved);
}

static void
test_money_format_ru (void)
{
  g_autofree char *saved = g_strdup (setlocale (LC_ALL, NULL));
  g_autofree char *text = NULL;
  const struct lconv *lc;
  g_autofree char *expected = NULL;
  gint64 back = 0;

  if (setlocale (LC_ALL, "ru_RU.UTF-8") == NULL)
    {
      g_test_skip ("The ru_RU.UTF-8 locale is not installed");
      return;
    }

  lc = localeconv ();
  text = eo_money_format (199050);
  expected = g_strdup_printf ("1%s990,50\u00A0₽", lc->mon_thousands_sep);
  g_assert_cmpstr (text, ==, expected);
  /* glibc's ru_RU groups with a narrow or a plain no-break space, and uses a decimal comma */
  g_assert_true (g_str_equal (text, "1\u202F990,50\u00A0₽") ||
                 g_str_equal (text, "1\u00A0990,50\u00A0₽"));
  g_assert_true (eo_money_parse (text, &back));
  g_assert_cmpint (back, ==, 199050);

  setlocale (LC_ALL, saved);
}

static void
assert_date (const char *text,
             gint64      unix_seconds)
{
  g_autoptr(GDateTime) date = eo_date_parse (text);

  g_test_message ("date: '%s'", text);
  g_assert_nonnull (date);
  g_assert_cmpint (g_date_time_to_unix (date), ==, unix_seconds);
}

static void
test_date_parse (void)
{
  const char *bad[] = {
    NULL, "", "   ", "0", "00", "0000-00-00 00:00:00", "0000-00-00", "2024-02-30 10:00:00",
    "2024-13-01", "2024-03-01 24:00:00", "2024-03-01 12:60:00", "2024-3-1", "yesterday",
    "2024-03-01 12:00:00 junk", "-5", "99999999999999999999", "1709283600.5",
  };
  g_autoptr(GDateTime) date = NULL;
  g_autoptr(GTimeZone) moscow = g_time_zone_new_identifier ("Europe/Moscow");

  /* Moscow is UTC+3: noon there is 09:00 UTC */
  assert_date ("2024-03-01 12:00:00", 1709283600);
  assert_date ("2024-03-01T12:00:00", 1709283600);
  assert_date ("2024-03-01 12:00", 1709283600);
  assert_date (" 2024-03-01 12:00:00 ", 1709283600);
  assert_date ("2024-03-01", 1709283600 - 12 * 3600);
  assert_date ("1709283600", 1709283600);
  assert_date ("2024-03-01T09:00:00Z", 1709283600);
  assert_date ("2024-03-01T12:00:00+03:00", 1709283600);
  assert_date ("2024-02-29 00:00:00", 1709154000);

  date = eo_date_parse ("2024-03-01 12:00:00");
  g_assert_cmpint (g_date_time_get_hour (date), ==, 12);
  g_assert_cmpint (g_date_time_get_utc_offset (date), ==, 3 * G_TIME_SPAN_HOUR);
  g_clear_pointer (&date, g_date_time_unref);

  /* Unix seconds are shown in Moscow time too */
  date = eo_date_parse ("1709283600");
  g_assert_cmpint (g_date_time_get_hour (date), ==, 12);
  g_clear_pointer (&date, g_date_time_unref);

  /* With tzdata, Moscow's history is right: +04:00 in 2011-2014 */
  if (moscow != NULL)
    assert_date ("2012-06-01 12:00:00", 1338537600);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_test_message ("not a date: '%s'", bad[i] != NULL ? bad[i] : "(null)");
      date = eo_date_parse (bad[i]);
      g_assert_null (date);
    }
}

static void
test_json_strings (void)
{
  g_autoptr(JsonNode) node = parse_json ("{\"s\": \"текст\", \"i\": -42, \"r\": 1990.5,"
                                         " \"w\": 1990.0, \"e\": 1e25, \"t\": 1e-7,"
                                         " \"p\": 0.1, \"b\": true, \"f\": false, \"n\": null,"
                                         " \"a\": [1], \"o\": {\"x\": 1}, \"z\": 0}");
  JsonObject *object = json_node_get_object (node);
  const struct {
    const char *member;
    const char *expected;
  } cases[] = {
    { "s", "текст" },
    { "i", "-42" },
    { "r", "1990.5" },
    { "w", "1990" },
    { "e", "1.0E+25" },
    { "t", "1.0E-7" },
    { "p", "0.1" },
    { "b", "1" },
    { "f", "" },
    { "n", NULL },
    { "a", NULL },
    { "o", NULL },
    { "z", "0" },
    { "absent", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = eo_json_dup_string (object, cases[i].member);
      g_autofree char *field = eo_json_dup_text (object, cases[i].member, 3);

      g_assert_cmpstr (text, ==, cases[i].expected);
      g_assert_nonnull (field);
      g_assert_cmpint (g_utf8_strlen (field, -1), <=, 3);
    }

  g_assert_null (eo_json_dup_string (NULL, "s"));
  g_assert_null (eo_json_node_dup_string (NULL));
}

static void
test_json_ints (void)
{
  g_autoptr(JsonNode) node = parse_json ("{\"i\": 7, \"s\": \"1002\", \"sp\": \" 12 \","
                                         " \"neg\": \"-3\", \"r\": 5.0, \"rf\": 5.5,"
                                         " \"x\": \"12a\", \"e\": \"\", \"n\": null,"
                                         " \"b\": true, \"o\": {}, \"big\": "
                                         "\"99999999999999999999\"}");
  JsonObject *object = json_node_get_object (node);
  gint64 value = -1;

  g_assert_true (eo_json_get_int (object, "i", &value));
  g_assert_cmpint (value, ==, 7);
  g_assert_true (eo_json_get_int (object, "s", &value));
  g_assert_cmpint (value, ==, 1002);
  g_assert_true (eo_json_get_int (object, "sp", &value));
  g_assert_cmpint (value, ==, 12);
  g_assert_true (eo_json_get_int (object, "neg", &value));
  g_assert_cmpint (value, ==, -3);
  g_assert_true (eo_json_get_int (object, "r", &value));
  g_assert_cmpint (value, ==, 5);

  value = -1;
  g_assert_false (eo_json_get_int (object, "rf", &value));
  g_assert_false (eo_json_get_int (object, "x", &value));
  g_assert_false (eo_json_get_int (object, "e", &value));
  g_assert_false (eo_json_get_int (object, "n", &value));
  g_assert_false (eo_json_get_int (object, "b", &value));
  g_assert_false (eo_json_get_int (object, "o", &value));
  g_assert_false (eo_json_get_int (object, "big", &value));
  g_assert_false (eo_json_get_int (object, "absent", &value));
  g_assert_false (eo_json_get_int (NULL, "i", &value));
  g_assert_cmpint (value, ==, -1);
}

static void
test_json_booleans (void)
{
  g_autoptr(JsonNode) node = parse_json ("{\"t\": true, \"f\": false, \"one\": 1, \"zero\": 0,"
                                         " \"s1\": \"1\", \"s0\": \"0\", \"st\": \"TRUE\","
                                         " \"sf\": \"false\", \"yes\": \"yes\", \"no\": \"no\","
                                         " \"e\": \"\", \"n\": null, \"x\": \"maybe\","
                                         " \"o\": {}}");
  JsonObject *object = json_node_get_object (node);

  g_assert_true (eo_json_get_boolean (object, "t", FALSE));
  g_assert_false (eo_json_get_boolean (object, "f", TRUE));
  g_assert_true (eo_json_get_boolean (object, "one", FALSE));
  g_assert_false (eo_json_get_boolean (object, "zero", TRUE));
  g_assert_true (eo_json_get_boolean (object, "s1", FALSE));
  g_assert_false (eo_json_get_boolean (object, "s0", TRUE));
  g_assert_true (eo_json_get_boolean (object, "st", FALSE));
  g_assert_false (eo_json_get_boolean (object, "sf", TRUE));
  g_assert_true (eo_json_get_boolean (object, "yes", FALSE));
  g_assert_false (eo_json_get_boolean (object, "no", TRUE));

  /* Nothing to go on: the caller's fallback */
  g_assert_true (eo_json_get_boolean (object, "e", TRUE));
  g_assert_false (eo_json_get_boolean (object, "e", FALSE));
  g_assert_true (eo_json_get_boolean (object, "n", TRUE));
  g_assert_true (eo_json_get_boolean (object, "x", TRUE));
  g_assert_true (eo_json_get_boolean (object, "o", TRUE));
  g_assert_true (eo_json_get_boolean (object, "absent", TRUE));
}

static void
test_json_containers (void)
{
  g_autoptr(JsonNode) node = parse_json ("{\"obj\": {\"a\": 1}, \"empty\": [], \"list\": [1, 2],"
                                         " \"keyed\": {\"0\": \"a\", \"1\": \"b\", \"5\": \"c\"},"
                                         " \"str\": \"x\", \"n\": null}");
  JsonObject *object = json_node_get_object (node);
  g_autoptr(JsonArray) list = NULL;
  g_autoptr(JsonArray) keyed = NULL;
  g_autoptr(JsonArray) empty = NULL;
  g_autoptr(JsonArray) from_object = NULL;

  g_assert_nonnull (eo_json_get_object (object, "obj"));
  g_assert_null (eo_json_get_object (object, "empty"));
  g_assert_null (eo_json_get_object (object, "list"));
  g_assert_null (eo_json_get_object (object, "str"));
  g_assert_null (eo_json_get_object (object, "n"));
  g_assert_null (eo_json_get_object (object, "absent"));

  list = eo_json_dup_array (object, "list");
  g_assert_nonnull (list);
  g_assert_cmpuint (json_array_get_length (list), ==, 2);

  empty = eo_json_dup_array (object, "empty");
  g_assert_nonnull (empty);
  g_assert_cmpuint (json_array_get_length (empty), ==, 0);

  keyed = eo_json_dup_array (object, "keyed");
  g_assert_nonnull (keyed);
  g_assert_cmpuint (json_array_get_length (keyed), ==, 3);
  g_assert_cmpstr (json_array_get_string_element (keyed, 0), ==, "a");
  g_assert_cmpstr (json_array_get_string_element (keyed, 1), ==, "b");
  g_assert_cmpstr (json_array_get_string_element (keyed, 2), ==, "c");

  from_object = eo_json_dup_array (object, "obj");
  g_assert_cmpuint (json_array_get_length (from_object), ==, 1);

  g_assert_null (eo_json_dup_array (object, "str"));
  g_assert_null (eo_json_dup_array (object, "n"));
  g_assert_null (eo_json_dup_array (object, "absent"));
  g_assert_null (eo_json_dup_array (NULL, "list"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/order/full", test_order_full);
  g_test_add_func ("/order/raw-json", test_order_raw_json);
  g_test_add_func ("/order/minimal", test_order_minimal);
  g_test_add_func ("/order/empty-object", test_order_empty_object);
  g_test_add_func ("/order/odd-types", test_order_odd_types);
  g_test_add_func ("/order/odd-items", test_order_odd_items);
  g_test_add_func ("/order/any-types", test_order_any_types);
  g_test_add_func ("/order/broken-unicode", test_order_broken_unicode);
  g_test_add_func ("/order/not-object", test_order_not_object);
  g_test_add_func ("/order/many-items", test_order_many_items);
  g_test_add_func ("/order/long-strings", test_order_long_strings);
  g_test_add_func ("/order/full-name", test_order_full_name);
  g_test_add_func ("/order/is-paid", test_order_is_paid);
  g_test_add_func ("/order/link", test_order_link);
  g_test_add_func ("/order/properties", test_order_properties);
  g_test_add_func ("/money/parse", test_money_parse);
  g_test_add_func ("/money/json", test_money_json);
  g_test_add_func ("/money/format-c", test_money_format_c);
  g_test_add_func ("/money/format-ru", test_money_format_ru);
  g_test_add_func ("/date/parse", test_date_parse);
  g_test_add_func ("/json/strings", test_json_strings);
  g_test_add_func ("/json/ints", test_json_ints);
  g_test_add_func ("/json/booleans", test_json_booleans);
  g_test_add_func ("/json/containers", test_json_containers);

  return g_test_run ();
}

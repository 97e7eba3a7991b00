/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-listing.c: the listing methods, getOrdersWithGoods and GetBills, between EoClient and the
 * demo shop: days in Moscow time, the paid and goods filters, the one-month cut, bad items */

#include "config.h"

#include <string.h>

#include "eo-client.h"
#include "eo-date.h"
#include "eo-demo-server.h"
#include "eo-error.h"
#include "eo-json.h"

#define DAY (24 * 3600)

typedef struct
{
  EoDemoServer *server;
  EoClient     *client;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->server = eo_demo_server_new ();
  g_assert_true (eo_demo_server_start (f->server, &error));
  f->client = eo_client_new ();
  g_assert_true (eo_client_set_account (f->client, eo_demo_server_get_url (f->server),
                                        eo_demo_server_get_login (f->server),
                                        eo_demo_server_get_secret (f->server), &error));
  eo_client_set_timeout (f->client, 5);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  eo_demo_server_stop (f->server);
  g_clear_object (&f->client);
  g_clear_object (&f->server);
}

static void
result_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GPtrArray *
list_orders (Fixture             *f,
             GDateTime           *begin,
             GDateTime           *end,
             gboolean             paid_only,
             const char * const  *goods,
             guint               *out_skipped,
             GError             **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  eo_client_list_orders_async (f->client, begin, end, paid_only, goods, NULL, result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return eo_client_list_orders_finish (f->client, result, out_skipped, error);
}

static GPtrArray *
get_bills (Fixture     *f,
           const char  *email,
           const char  *pay_status,
           GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  eo_client_get_bills_async (f->client, email, pay_status, NULL, result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return eo_client_get_bills_finish (f->client, result, NULL, error);
}

/* The Moscow day of unix seconds, as days since the epoch */
static gint64
moscow_day (gint64 unix_seconds)
{
  return (unix_seconds + 3 * 3600) / DAY;
}

/* The ids, "a,b,c", of the shop's orders created from first_day to last_day (Moscow days since
 * the epoch), paid only if asked, with product good if given, sorted by number */
static char *
expected_ids (Fixture    *f,
              gint64      first_day,
              gint64      last_day,
              gboolean    paid_only,
              const char *good)
{
  g_autoptr(JsonNode) all = eo_demo_server_dup_orders (f->server);
  JsonArray *orders = json_node_get_array (all);
  GString *ids = g_string_new (NULL);

  for (guint i = 0; i < json_array_get_length (orders); i++)
    {
      JsonObject *order = json_array_get_object_element (orders, i);
      g_autofree char *created_text = eo_json_dup_string (order, "created");
      g_autofree char *pay_status = eo_json_dup_string (order, "pay_status");
      g_autoptr(GDateTime) created = eo_date_parse (created_text);
      g_autoptr(JsonArray) items = eo_json_dup_array (order, "items");
      gint64 id = 0, day;
      gboolean has_good = good == NULL;

      if (created == NULL)
        continue;
      day = moscow_day (g_date_time_to_unix (created));
      for (guint j = 0; items != NULL && j < json_array_get_length (items); j++)
        {
          g_autofree char *item_id = eo_json_dup_string (json_array_get_object_element (items, j),
                                                         "id");

          has_good = has_good || g_strcmp0 (item_id, good) == 0;
        }
      if (day < first_day || day > last_day || (paid_only && g_strcmp0 (pay_status, "paid") != 0) ||
          !has_good)
        continue;
      eo_json_get_int (order, "id", &id);
      g_string_append_printf (ids, "%s%" G_GINT64_FORMAT, ids->len > 0 ? "," : "", id);
    }

  return g_string_free (ids, FALSE);
}

static gint
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 x = eo_order_get_id (*(EoOrder **) a);
  gint64 y = eo_order_get_id (*(EoOrder **) b);

  return x < y ? -1 : x > y;
}

static char *
ids_of (GPtrArray *orders)
{
  GString *ids = g_string_new (NULL);

  g_ptr_array_sort (orders, compare_ids);
  for (guint i = 0; i < orders->len; i++)
    g_string_append_printf (ids, "%s%" G_GINT64_FORMAT, ids->len > 0 ? "," : "",
                            eo_order_get_id (orders->pdata[i]));
  return g_string_free (ids, FALSE);
}

/* A month of days, paid only: exactly the paid orders created on those Moscow days */
static void
test_month_paid (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) begin = g_date_time_add_days (now, -40);
  g_autoptr(GDateTime) end = g_date_time_add_days (now, -12);
  g_autoptr(GPtrArray) orders = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *got = NULL;
  guint skipped = 99;

  orders = list_orders (f, begin, end, TRUE, NULL, &skipped, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (skipped, ==, 0);
  expected = expected_ids (f, moscow_day (g_date_time_to_unix (begin)),
                           moscow_day (g_date_time_to_unix (end)), TRUE, NULL);
  got = ids_of (orders);
  g_assert_cmpstr (got, !=, "");
  g_assert_cmpstr (got, ==, expected);
  for (guint i = 0; i < orders->len; i++)
    g_assert_true (eo_order_get_is_paid (orders->pdata[i]));
}

/* Paid and waiting alike without the filter; only product 42's orders with goods = {42} */
static void
test_all_and_goods (Fixture       *f,
                    gconstpointer  data)
{
  const char * const goods[] = { "42", NULL };
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) begin = g_date_time_add_days (now, -25);
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) some = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected_all = NULL;
  g_autofree char *expected_some = NULL;
  g_autofree char *got_all = NULL;
  g_autofree char *got_some = NULL;
  gint64 first = moscow_day (g_date_time_to_unix (begin));
  gint64 last = moscow_day (g_date_time_to_unix (now));

  all = list_orders (f, begin, now, FALSE, NULL, NULL, &error);
  g_assert_no_error (error);
  some = list_orders (f, begin, now, FALSE, goods, NULL, &error);
  g_assert_no_error (error);

  expected_all = expected_ids (f, first, last, FALSE, NULL);
  expected_some = expected_ids (f, first, last, FALSE, "42");
  got_all = ids_of (all);
  got_some = ids_of (some);
  g_assert_cmpstr (got_all, ==, expected_all);
  g_assert_cmpstr (got_some, ==, expected_some);
  g_assert_cmpuint (some->len, >, 0);
  g_assert_cmpuint (some->len, <, all->len);
}

/* A range over one month is cut at its start: it gives what the month ending on end_date does */
static void
test_month_cut (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GTimeZone) moscow = g_time_zone_new_offset (3 * 3600);
  g_autoptr(GDateTime) now_utc = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) now = g_date_time_to_timezone (now_utc, moscow);
  g_autoptr(GDateTime) begin = g_date_time_add_days (now, -85);
  g_autoptr(GDateTime) month_ago = g_date_time_add_months (now, -1);
  g_autoptr(GDateTime) cut = g_date_time_add_days (month_ago, 1);
  g_autoptr(GPtrArray) long_range = NULL;
  g_autoptr(GPtrArray) month = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *got_long = NULL;
  g_autofree char *got_month = NULL;
  g_autofree char *expected = NULL;

  long_range = list_orders (f, begin, now, FALSE, NULL, NULL, &error);
  g_assert_no_error (error);
  month = list_orders (f, cut, now, FALSE, NULL, NULL, &error);
  g_assert_no_error (error);
  got_long = ids_of (long_range);
  got_month = ids_of (month);
  g_assert_cmpstr (got_long, ==, got_month);
  expected = expected_ids (f, moscow_day (g_date_time_to_unix (begin)),
                           moscow_day (g_date_time_to_unix (now)), FALSE, NULL);
  /* the 85 days have more orders than the month the service gave */
  g_assert_cmpuint (strlen (expected), >, strlen (got_long));
}

/* A day's edges are Moscow midnight: an order made at 23:59:59 and one at 00:00:00 the next
 * day (Moscow time) fall in different days, whatever the caller's time zone */
static void
test_moscow_day_edges (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GTimeZone) moscow = g_time_zone_new_offset (3 * 3600);
  g_autoptr(GTimeZone) far_west = g_time_zone_new_offset (-10 * 3600);
  g_autoptr(GDateTime) day = g_date_time_new (moscow, 2024, 3, 31, 12, 0, 0);
  g_autoptr(GDateTime) day_west = g_date_time_to_timezone (day, far_west);
  g_autoptr(GPtrArray) orders = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *got = NULL;
  g_autofree char *text = eo_client_format_day (day_west);

  g_assert_cmpstr (text, ==, "31.03.2024");

  g_assert_true (json_parser_load_from_data (parser,
                 "[{\"id\": 9001, \"created\": \"2024-03-31 23:59:59\", \"pay_status\": \"paid\"},"
                 " {\"id\": 9002, \"created\": \"2024-04-01 00:00:00\", \"pay_status\": \"paid\"},"
                 " {\"id\": 9003, \"created\": \"2024-03-31 00:00:00\", \"pay_status\": \"paid\"}]",
                 -1, &error));
  for (guint i = 0; i < 3; i++)
    eo_demo_server_put_order (f->server,
                              json_array_get_element (json_node_get_array (json_parser_get_root (parser)), i));

  orders = list_orders (f, day_west, day_west, TRUE, NULL, NULL, &error);
  g_assert_no_error (error);
  got = ids_of (orders);
  g_assert_cmpstr (got, ==, "9001,9003");
}

/* An item without a number is skipped and counted, not a crash nor the whole list lost */
static void
test_bad_item_skipped (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GTimeZone) moscow = g_time_zone_new_offset (3 * 3600);
  g_autoptr(GDateTime) day = g_date_time_new (moscow, 2024, 5, 10, 12, 0, 0);
  g_autoptr(GPtrArray) orders = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *got = NULL;
  guint skipped = 0;

  g_assert_true (json_parser_load_from_data (parser,
                 "[{\"id\": 0, \"created\": \"2024-05-10 10:00:00\", \"items\": 5},"
                 " {\"id\": \"9101\", \"created\": \"2024-05-10 11:00:00\", \"items\": {\"x\": 1},"
                 "  \"price\": [], \"utm\": \"none\", \"paid\": 17}]",
                 -1, &error));
  for (guint i = 0; i < 2; i++)
    eo_demo_server_put_order (f->server,
                              json_array_get_element (json_node_get_array (json_parser_get_root (parser)), i));

  orders = list_orders (f, day, day, FALSE, NULL, &skipped, &error);
  g_assert_no_error (error);
  got = ids_of (orders);
  g_assert_cmpstr (got, ==, "9101");
  g_assert_cmpuint (skipped, ==, 1);
}

/* A failing call is an error (the sync retries it); the next one works */
static void
test_fault_once (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GPtrArray) orders = NULL;
  g_autoptr(GError) error = NULL;

  eo_demo_server_set_fault_calls (f->server, EO_DEMO_FAULT_WRONG_HASH, 1);
  orders = list_orders (f, now, now, TRUE, NULL, NULL, &error);
  g_assert_error (error, EO_ERROR, EO_ERROR_BAD_SIGNATURE);
  g_assert_null (orders);
  g_clear_error (&error);

  orders = list_orders (f, now, now, TRUE, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (orders);
}

/* No dates: the last day; the service's own defaults, through a raw call */
static void
test_no_dates_last_day (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(EoParams) params = eo_params_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonObject) reply = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  JsonArray *orders;

  eo_params_add_boolean (params, "paid", FALSE);
  eo_client_call_async (f->client, "getOrdersWithGoods", params, NULL, result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  reply = eo_client_call_finish (f->client, result, &error);
  g_assert_no_error (error);
  orders = json_object_get_array_member (reply, "result");
  g_assert_cmpuint (json_array_get_length (orders), >, 0);
  for (guint i = 0; i < json_array_get_length (orders); i++)
    {
      g_autofree char *text = eo_json_dup_string (json_array_get_object_element (orders, i),
                                                  "created");
      g_autoptr(GDateTime) created = eo_date_parse (text);

      g_assert_cmpint (g_date_time_difference (now, created), <=, (gint64) DAY * G_USEC_PER_SEC);
    }
}

/* GetBills: the customer's orders by number, the pay_status filter, none is [], e-mail required */
static void
test_get_bills (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) paid = NULL;
  g_autoptr(GPtrArray) none = NULL;
  g_autoptr(GPtrArray) bad = NULL;
  g_autoptr(GError) error = NULL;

  all = get_bills (f, "A.Krylova@example.ru", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, >=, 3);
  for (guint i = 0; i < all->len; i++)
    {
      g_assert_cmpstr (eo_order_get_email (all->pdata[i]), ==, "a.krylova@example.ru");
      if (i > 0)
        g_assert_cmpint (eo_order_get_id (all->pdata[i - 1]), <, eo_order_get_id (all->pdata[i]));
    }

  paid = get_bills (f, "a.krylova@example.ru", "paid", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (paid->len, >, 0);
  g_assert_cmpuint (paid->len, <, all->len);
  for (guint i = 0; i < paid->len; i++)
    g_assert_true (eo_order_get_is_paid (paid->pdata[i]));

  none = get_bills (f, "nobody@example.ru", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (none->len, ==, 0);

  bad = get_bills (f, "  ", NULL, &error);
  g_assert_error (error, EO_ERROR, EO_ERROR_INVALID_INPUT);
  g_assert_null (bad);
}

/* The listing parameters are signed as PHP's http_build_query writes them */
static void
test_signed_params (void)
{
  g_autoptr(EoParams) params = eo_params_new ();
  g_autoptr(JsonArray) array = json_array_new ();
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *query = NULL;

  eo_params_add_string (params, "begin_date", "01.03.2024");
  eo_params_add_string (params, "end_date", "31.03.2024");
  eo_params_add_boolean (params, "paid", TRUE);
  json_array_add_string_element (array, "17");
  json_array_add_string_element (array, "42");
  node = json_node_init_array (json_node_alloc (), array);
  eo_params_add_node (params, "goods", node);
  query = eo_params_build_query (params);
  g_assert_cmpstr (query, ==,
                   "begin_date=01.03.2024&end_date=31.03.2024&paid=1&goods%5B0%5D=17&goods%5B1%5D=42");
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/listing/month-paid", test_month_paid);
  ADD ("/listing/all-and-goods", test_all_and_goods);
  ADD ("/listing/month-cut", test_month_cut);
  ADD ("/listing/moscow-day-edges", test_moscow_day_edges);
  ADD ("/listing/bad-item-skipped", test_bad_item_skipped);
  ADD ("/listing/fault-once", test_fault_once);
  ADD ("/listing/no-dates-last-day", test_no_dates_last_day);
  ADD ("/listing/get-bills", test_get_bills);
#undef ADD
  g_test_add_func ("/listing/signed-params", test_signed_params);

  return g_test_run ();
}

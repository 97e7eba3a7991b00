/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-client.c: EoClient against the demo shop on loopback, and against a scripted server */

#include "config.h"

#include <libsoup/soup.h>
#include <locale.h>
#include <string.h>

#include "eo-client.h"
#include "eo-demo-server.h"
#include "eo-error.h"

#define SCRIPTED_SECRET "scripted-secret-0123456789abcdefghijklmn"

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
  g_assert_no_error (error);

  f->client = eo_client_new ();
  g_assert_true (eo_client_set_account (f->client, eo_demo_server_get_url (f->server),
                                        eo_demo_server_get_login (f->server),
                                        eo_demo_server_get_secret (f->server), &error));
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->client);
  eo_demo_server_stop (f->server);
  g_assert_finalize_object (f->server);
  /* let the closed connections' sources run down */
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
store_result_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return *result;
}

static JsonObject *
call_sync (EoClient     *client,
           const char   *method,
           EoParams     *params,
           GCancellable *cancellable,
           GError      **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  eo_client_call_async (client, method, params, cancellable, store_result_cb, &result);
  return eo_client_call_finish (client, wait_for (&result), error);
}

static EoOrder *
get_order_sync (EoClient  *client,
                gint64     bill_id,
                GError   **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  eo_client_get_order_async (client, bill_id, NULL, store_result_cb, &result);
  return eo_client_get_order_finish (client, wait_for (&result), error);
}

static gboolean
update_status_sync (EoClient       *client,
                    gint64          bill_id,
                    EoOrderStatus   status,
                    gint64          date,
                    const char     *rpo,
                    GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GDateTime) when = date != 0 ? g_date_time_new_from_unix_utc (date) : NULL;

  eo_client_update_status_async (client, bill_id, status, when, rpo, NULL,
                                 store_result_cb, &result);
  return eo_client_update_status_finish (client, wait_for (&result), error);
}

static EoParams *
order_params (gint64 bill_id)
{
  EoParams *params = eo_params_new ();

  eo_params_add_int (params, "bill_id", bill_id);
  eo_params_add_boolean (params, "good_info", TRUE);
  return params;
}

/* The last change the demo shop recorded */
static JsonObject *
last_change (EoDemoServer *server,
             guint         expected_count)
{
  g_autoptr(JsonNode) changes = eo_demo_server_dup_changes (server);
  JsonArray *array = json_node_get_array (changes);

  g_assert_cmpuint (json_array_get_length (array), ==, expected_count);
  return json_object_ref (json_array_get_object_element (array, expected_count - 1));
}

/* ---- login and base URL ---- */

static void
test_login_is_valid (void)
{
  g_assert_true (eo_client_login_is_valid ("shop"));
  g_assert_true (eo_client_login_is_valid ("my-shop-42"));
  g_assert_true (eo_client_login_is_valid ("a"));
  g_assert_true (eo_client_login_is_valid ("abcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghij123"));

  g_assert_false (eo_client_login_is_valid (NULL));
  g_assert_false (eo_client_login_is_valid (""));
  g_assert_false (eo_client_login_is_valid ("-shop"));
  g_assert_false (eo_client_login_is_valid ("shop-"));
  g_assert_false (eo_client_login_is_valid ("Shop"));
  g_assert_false (eo_client_login_is_valid ("my_shop"));
  g_assert_false (eo_client_login_is_valid ("shop.evil.com"));
  g_assert_false (eo_client_login_is_valid ("evil.com/x?"));
  g_assert_false (eo_client_login_is_valid ("магазин"));
  g_assert_false (eo_client_login_is_valid ("abcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghij1234"));
}

static void
test_base_url (void)
{
  static const struct {
    const char *url_template;
    const char *login;
    const char *expected;   /* NULL: refused */
  } cases[] = {
    { NULL, "shop", "https://shop.expertam.ru/api/" },
    { EO_URL_TEMPLATE_EXPERTAM, "my-shop", "https://my-shop.expertam.ru/api/" },
    { EO_URL_TEMPLATE_JUSTCLICK, "shop", "https://shop.justclick.ru/api/" },
    { "https://api.example.com/{login}/api", "shop", "https://api.example.com/shop/api/" },
    { "https://example.com", "shop", "https://example.com/" },
    { "HTTPS://example.com:8443/api/", "shop", "https://example.com:8443/api/" },
    { "http://127.0.0.1:8080/api/", "demo", "http://127.0.0.1:8080/api/" },
    { "http://127.1.2.3/api", "demo", "http://127.1.2.3/api/" },
    { "http://localhost:9000/api/", "demo", "http://localhost:9000/api/" },
    { "http://[::1]:9000/api/", "demo", "http://[::1]:9000/api/" },
    /* refused */
    { "http://{login}.expertam.ru/api/", "shop", NULL },
    { "http://example.com/api/", "shop", NULL },
    { "http://127.0.0.1.evil.com/api/", "shop", NULL },
    { "http://localhost.evil.com/api/", "shop", NULL },
    { "http://10.0.0.1/api/", "shop", NULL },
    { "ftp://example.com/api/", "shop", NULL },
    { "file:///etc/passwd", "shop", NULL },
    { "https://user:password@example.com/api/", "shop", NULL },
    { "https://example.com/api/?a=1", "shop", NULL },
    { "https://example.com/api/#x", "shop", NULL },
    { "https:///api/", "shop", NULL },
    { "not a url", "shop", NULL },
    { NULL, "Shop", NULL },
    { NULL, "evil.com#", NULL },
    { NULL, "", NULL },
    { NULL, NULL, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *url = eo_client_build_base_url (cases[i].url_template, cases[i].login, &error);

      if (cases[i].expected != NULL)
        {
          g_assert_no_error (error);
          g_assert_cmpstr (url, ==, cases[i].expected);
        }
      else
        {
          g_assert_error (error, EO_ERROR, EO_ERROR_INVALID_INPUT);
          g_assert_null (url);
        }
    }
}

static void
test_set_account (void)
{
  g_autoptr(EoClient) client = eo_client_new ();
  g_autoptr(GError) error = NULL;

  g_assert_false (eo_client_has_account (client));

  g_assert_false (eo_client_set_account (client, NULL, "Bad Login", "key", &error));
  g_assert_error (error, EO_ERROR, EO_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  g_assert_false (eo_client_set_account (client, "http://{login}.example.com/api/", "shop", "key",
                                         &error));
  g_assert_error (error, EO_ERROR, EO_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  g_assert_false (eo_client_set_account (client, NULL, "shop", "", &error));
  g_assert_error (error, EO_ERROR, EO_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_false (eo_client_has_account (client));

  g_assert_true (eo_client_set_account (client, NULL, "shop", "secret-key", &error));
  g_assert_no_error (error);
  g_assert_true (eo_client_has_account (client));
  g_assert_cmpstr (eo_client_get_login (client), ==, "shop");
  g_assert_cmpstr (eo_client_get_base_url (client), ==, "https://shop.expertam.ru/api/");
  g_assert_cmpstr (eo_client_get_host (client), ==, "shop.expertam.ru");

  g_assert_cmpuint (eo_client_get_timeout (client), ==, EO_CLIENT_DEFAULT_TIMEOUT);
  eo_client_set_timeout (client, 5);
  g_assert_cmpuint (eo_client_get_timeout (client), ==, 5);
}

static void
test_status_strings (void)
{
  EoOrderStatus status = EO_ORDER_STATUS_CANCEL;

  g_assert_cmpstr (eo_order_status_to_string (EO_ORDER_STATUS_SENT), ==, "sent");
  g_assert_cmpstr (eo_order_status_to_string (EO_ORDER_STATUS_PAID), ==, "paid");
  g_assert_cmpstr (eo_order_status_to_string (EO_ORDER_STATUS_RETURN), ==, "return");
  g_assert_cmpstr (eo_order_status_to_string (EO_ORDER_STATUS_CANCEL), ==, "cancel");

  g_assert_true (eo_order_status_from_string ("sent", &status));
  g_assert_cmpint (status, ==, EO_ORDER_STATUS_SENT);
  g_assert_true (eo_order_status_from_string ("return", &status));
  g_assert_cmpint (status, ==, EO_ORDER_STATUS_RETURN);
  g_assert_false (eo_order_status_from_string ("Sent", &status));
  g_assert_false (eo_order_status_from_string ("", &status));
  g_assert_false (eo_order_status_from_string (NULL, &status));
  g_assert_cmpint (status, ==, EO_ORDER_STATUS_RETURN);
}

static void
test_no_account (void)
{
  g_autoptr(EoClient) client = eo_client_new ();
  g_autoptr(EoParams) params = order_params (1001);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) reply = call_sync (client, "getOrderDetails", params, NULL, &error);

  g_assert_error (error, EO_ERROR, EO_ERROR_NO_ACCOUNT);
  g_assert_null (reply);
}

/* ---- the two methods and the raw call against the demo shop ---- */

static void
test_raw_call (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(EoParams) params = order_params (1001);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) reply = call_sync (f->client, "getOrderDetails", params, NULL, &error);
  JsonObject *result;

  g_assert_no_error (error);
  g_assert_nonnull (reply);
  g_assert_cmpint (json_object_get_int_member (reply, "error_code"), ==, 0);
  g_assert_cmpstr (json_object_get_string_member (reply, "error_text"), ==, "ok");
  result = json_object_get_object_member (reply, "result");
  g_assert_nonnull (result);
  g_assert_cmpstr (json_object_get_string_member (result, "id"), ==, "1001");
  g_assert_cmpstr (json_object_get_string_member (result, "last_name"), ==, "Иванова");
  g_assert_cmpstr (json_object_get_string_member (result, "postalcode"), ==, "620014");
  g_assert_true (json_object_has_member (result, "good_ids"));
  g_assert_cmpuint (eo_demo_server_get_request_count (f->server), ==, 1);
}

static void
test_raw_call_bad_method (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(EoParams) params = order_params (1001);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) reply = call_sync (f->client, "../admin", params, NULL, &error);

  g_assert_error (error, EO_ERROR, EO_ERROR_INVALID_INPUT);
  g_assert_null (reply);
  g_assert_cmpuint (eo_demo_server_get_request_count (f->server), ==, 0);
  g_clear_error (&error);

  /* a method the shop does not have: refused with a genuine reply */
  g_clear_pointer (&reply, json_object_unref);
  reply = call_sync (f->client, "GetOrders", params, NULL, &error);
  g_assert_error (error, EO_ERROR, EO_ERROR_WRONG_DATA);
  g_assert_null (reply);
}

static void
test_get_order (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EoOrder) order = get_order_sync (f->client, 1001, &error);

  g_assert_no_error (error);
  g_assert_nonnull (order);
  g_assert_cmpint (eo_order_get_id (order), ==, 1001);
  g_assert_cmpstr (eo_order_get_last_name (order), ==, "Иванова");
  g_assert_cmpstr (eo_order_get_first_name (order), ==, "Мария");
  g_assert_cmpstr (eo_order_get_middle_name (order), ==, "Сергеевна");
  g_assert_cmpstr (eo_order_get_city (order), ==, "Екатеринбург");
  g_assert_cmpstr (eo_order_get_postalcode (order), ==, "620014");
  g_assert_cmpint (eo_order_get_price (order), ==, 628000);
  g_assert_cmpint (eo_order_get_bill_sum_topay (order), ==, 0);
  g_assert_true (eo_order_get_is_paid (order));
  g_assert_cmpstr (eo_order_get_utm_source (order), ==, "yandex");
  g_assert_cmpuint (g_list_model_get_n_items (eo_order_get_items (order)), ==, 2);
  g_assert_cmpint (eo_order_get_good_count (order), ==, 2);
  g_assert_cmpstr (eo_order_get_link (order), ==, "https://shop.example.ru/bill/1001/f3a9c2e1");
}

static void
test_get_every_sample_order (Fixture       *f,
                             gconstpointer  data)
{
  for (gint64 id = 1001; id <= 1012; id++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(EoOrder) order = get_order_sync (f->client, id, &error);

      g_assert_no_error (error);
      g_assert_cmpint (eo_order_get_id (order), ==, id);
      g_assert_cmpstr (eo_order_get_last_name (order), !=, "");
      g_assert_nonnull (eo_order_get_created (order));
      g_assert_cmpuint (g_list_model_get_n_items (eo_order_get_items (order)), >, 0);
    }
}

static void
test_get_order_unknown (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EoOrder) order = get_order_sync (f->client, 999, &error);

  g_assert_error (error, EO_ERROR, EO_ERROR_WRONG_DATA);
  g_assert_null (order);
  g_clear_error (&error);

  /* refused before anything is sent */
  order = get_order_sync (f->client, 0, &error);
  g_assert_error (error, EO_ERROR, EO_ERROR_INVALID_INPUT);
  g_assert_cmpuint (eo_demo_server_get_request_count (f->server), ==, 1);
}

static void
test_put_order (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(JsonNode) fixture = json_from_string ("{\"id\": \"2001\", \"last_name\": \"Ёлкина\","
                                                  " \"price\": \"15.5\", \"items\": []}", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(EoOrder) order = NULL;
  g_autoptr(JsonNode) stored = NULL;

  eo_demo_server_put_order (f->server, fixture);
  stored = eo_demo_server_dup_order (f->server, 2001);
  g_assert_nonnull (stored);
  g_assert_null (eo_demo_server_dup_order (f->server, 2002));

  order = get_order_sync (f->client, 2001, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (eo_order_get_last_name (order), ==, "Ёлкина");
  g_assert_cmpint (eo_order_get_price (order), ==, 1550);
}

static void
test_ship (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) change = NULL;
  g_autoptr(JsonNode) order = NULL;

  g_assert_true (update_status_sync (f->client, 1002, EO_ORDER_STATUS_SENT, 1710500000,
                                     "62001411000016", &error));
  g_assert_no_error (error);

  change = last_change (f->server, 1);
  g_assert_cmpuint (json_object_get_size (change), ==, 4);
  g_assert_cmpint (json_object_get_int_member (change, "bill_id"), ==, 1002);
  g_assert_cmpstr (json_object_get_string_member (change, "status"), ==, "sent");
  g_assert_cmpint (json_object_get_int_member (change, "date"), ==, 1710500000);
  g_assert_cmpstr (json_object_get_string_member (change, "rpo"), ==, "62001411000016");

  order = eo_demo_server_dup_order (f->server, 1002);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (order), "rpo"), ==,
                   "62001411000016");
  /* 1710500000 is 2024-03-15 10:53:20 UTC, 13:53:20 in Moscow */
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (order), "sent"), ==,
                   "2024-03-15 13:53:20");
}

static void
test_status_changes (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) change = NULL;
  g_autoptr(JsonNode) order = NULL;

  g_assert_true (update_status_sync (f->client, 1005, EO_ORDER_STATUS_PAID, 1700000000, NULL,
                                     &error));
  g_assert_no_error (error);
  change = last_change (f->server, 1);
  g_assert_cmpint (json_object_get_int_member (change, "bill_id"), ==, 1005);
  g_assert_cmpstr (json_object_get_string_member (change, "status"), ==, "paid");
  g_assert_cmpint (json_object_get_int_member (change, "date"), ==, 1700000000);
  g_assert_true (json_object_get_null_member (change, "rpo"));
  order = eo_demo_server_dup_order (f->server, 1005);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (order), "pay_status"), ==,
                   "paid");
  g_clear_pointer (&change, json_object_unref);

  g_assert_true (update_status_sync (f->client, 1003, EO_ORDER_STATUS_RETURN, 0, NULL, &error));
  g_assert_no_error (error);
  change = last_change (f->server, 2);
  g_assert_cmpint (json_object_get_int_member (change, "bill_id"), ==, 1003);
  g_assert_cmpstr (json_object_get_string_member (change, "status"), ==, "return");
  g_assert_true (json_object_get_null_member (change, "date"));
  g_assert_true (json_object_get_null_member (change, "rpo"));
  g_clear_pointer (&change, json_object_unref);

  g_assert_true (update_status_sync (f->client, 1010, EO_ORDER_STATUS_CANCEL, 1700000001, NULL,
                                     &error));
  g_assert_no_error (error);
  change = last_change (f->server, 3);
  g_assert_cmpint (json_object_get_int_member (change, "bill_id"), ==, 1010);
  g_assert_cmpstr (json_object_get_string_member (change, "status"), ==, "cancel");
  g_assert_cmpint (json_object_get_int_member (change, "date"), ==, 1700000001);
}

static void
test_status_refused (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) changes = NULL;

  /* refused locally: nothing is sent */
  g_assert_false (update_status_sync (f->client, 1002, EO_ORDER_STATUS_SENT, 1700000000, NULL,
                                      &error));
  g_assert_error (error, EO_ERROR, EO_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_false (update_status_sync (f->client, 1002, EO_ORDER_STATUS_SENT, 1700000000, "",
                                      &error));
  g_assert_error (error, EO_ERROR, EO_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_false (update_status_sync (f->client, 1002, EO_ORDER_STATUS_SENT, 0, "62001411000016",
                                      &error));
  g_assert_error (error, EO_ERROR, EO_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_false (update_status_sync (f->client, 1002, EO_ORDER_STATUS_PAID, 0, NULL, &error));
  g_assert_error (error, EO_ERROR, EO_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_false (update_status_sync (f->client, -5, EO_ORDER_STATUS_CANCEL, 0, NULL, &error));
  g_assert_error (error, EO_ERROR, EO_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_cmpuint (eo_demo_server_get_request_count (f->server), ==, 0);

  /* refused by the shop: no such order */
  g_assert_false (update_status_sync (f->client, 999, EO_ORDER_STATUS_CANCEL, 0, NULL, &error));
  g_assert_error (error, EO_ERROR, EO_ERROR_WRONG_DATA);
  g_assert_cmpuint (eo_demo_server_get_request_count (f->server), ==, 1);

  changes = eo_demo_server_dup_changes (f->server);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (changes)), ==, 0);
}

/* ---- the general error codes ---- */

static void
test_error_codes (Fixture       *f,
                  gconstpointer  data)
{
  static const struct {
    gint    api_code;
    EoError expected;
  } forced[] = {
    { 1, EO_ERROR_SERVICE_BUG },
    { 2, EO_ERROR_SERVICE_BUG },
    { 3, EO_ERROR_WRONG_DATA },
    { 4, EO_ERROR_WRONG_KEY },
    { 5, EO_ERROR_WRONG_LOGIN },
    { 6, EO_ERROR_IP_DENIED },
    { 7, EO_ERROR_ACCOUNT_DISABLED },
    { 8, EO_ERROR_RATE_LIMITED },
  };
  g_autoptr(EoParams) params = order_params (1001);
  g_autoptr(EoParams) empty = eo_params_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) reply = NULL;
  g_autoptr(EoClient) wrong_key = eo_client_new ();

  /* 2, for real: a call with no parameters */
  reply = call_sync (f->client, "getOrderDetails", empty, NULL, &error);
  g_assert_error (error, EO_ERROR, EO_ERROR_SERVICE_BUG);
  g_assert_nonnull (strstr (error->message, "no transmitted data"));
  g_assert_null (reply);
  g_clear_error (&error);

  /* 3, for real: no such order */
  g_clear_pointer (&params, eo_params_unref);
  params = order_params (31337);
  reply = call_sync (f->client, "getOrderDetails", params, NULL, &error);
  g_assert_error (error, EO_ERROR, EO_ERROR_WRONG_DATA);
  g_clear_error (&error);

  /* 4, for real: a wrong key. The shop signs its refusal with the real key, so the client
   * cannot verify it: an unverifiable code 4 is reported as the wrong key it most likely is */
  g_assert_true (eo_client_set_account (wrong_key, eo_demo_server_get_url (f->server), "demo",
                                        "0000000000000000000000000000000000000000", &error));
  reply = call_sync (wrong_key, "getOrderDetails", params, NULL, &error);
  g_assert_error (error, EO_ERROR, EO_ERROR_WRONG_KEY);
  g_assert_nonnull (strstr (error->message, "API key"));
  g_assert_null (strstr (error->message, "0000000000"));
  g_clear_error (&error);

  /* the shop's own answer to that request was code 4 */
  g_clear_object (&wrong_key);
  wrong_key = eo_client_new ();
  g_assert_true (eo_client_set_account (wrong_key, eo_demo_server_get_url (f->server), "nobody",
                                        eo_demo_server_get_secret (f->server), &error));
  reply = call_sync (wrong_key, "getOrderDetails", params, NULL, &error);
  g_assert_error (error, EO_ERROR, EO_ERROR_WRONG_KEY);
  g_assert_nonnull (strstr (error->message, "incorrect hash"));
  g_assert_null (strstr (error->message, eo_demo_server_get_secret (f->server)));
  g_clear_error (&error);

  /* the rest are forced, genuinely signed */
  for (guint i = 0; i < G_N_ELEMENTS (forced); i++)
    {
      eo_demo_server_set_forced_error (f->server, forced[i].api_code);
      reply = call_sync (f->client, "getOrderDetails", params, NULL, &error);
      g_assert_error (error, EO_ERROR, (gint) forced[i].expected);
      g_assert_true (eo_error_is_refusal (error));
      g_assert_null (reply);
      g_clear_error (&error);
    }

  eo_demo_server_set_forced_error (f->server, 0);
  g_clear_pointer (&params, eo_params_unref);
  params = order_params (1001);
  reply = call_sync (f->client, "getOrderDetails", params, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (reply);
}

/* ---- the shop's request checks, as PHP makes them, seen from a plain HTTP client ---- */

static JsonObject *
post_raw (EoDemoServer *server,
          const char   *method,
          const char   *body)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *url = g_strconcat (eo_demo_server_get_url (server), method, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (SOUP_METHOD_POST, url);
  g_autoptr(GBytes) request = g_bytes_new (body, strlen (body));
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *object;
  gsize length;
  const char *data;

  soup_message_set_request_body_from_bytes (msg, "application/x-www-form-urlencoded", request);
  soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL, store_result_cb,
                                    &result);
  reply = soup_session_send_and_read_finish (session, wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);

  data = g_bytes_get_data (reply, &length);
  g_assert_true (json_parser_load_from_data (parser, data, (gssize) length, &error));
  object = json_node_get_object (json_parser_get_root (parser));
  g_assert_true (eo_signature_check_reply (json_object_get_int_member (object, "error_code"),
                                           json_object_get_string_member (object, "error_text"),
                                           json_object_get_string_member (object, "hash"),
                                           eo_demo_server_get_secret (server)));
  return json_object_ref (object);
}

static gint64
post_raw_code (EoDemoServer *server,
               const char   *method,
               const char   *body)
{
  g_autoptr(JsonObject) reply = post_raw (server, method, body);

  return json_object_get_int_member (reply, "error_code");
}

static void
test_server_checks (Fixture       *f,
                    gconstpointer  data)
{
  const char *secret = eo_demo_server_get_secret (f->server);
  g_autofree char *hash = NULL;
  g_autofree char *body = NULL;
  g_autoptr(JsonObject) reply = NULL;

  g_assert_cmpint (post_raw_code (f->server, "getOrderDetails", "bill_id=1001&good_info=1"), ==, 1);
  g_assert_cmpint (post_raw_code (f->server, "getOrderDetails", "hash=0123"), ==, 2);
  g_assert_cmpint (post_raw_code (f->server, "getOrderDetails",
                                  "bill_id=1001&hash=00000000000000000000000000000000"), ==, 4);
  g_assert_cmpint (post_raw_code (f->server, "getOrderDetails", "bill_id=%ZZ&hash=0"), ==, 3);

  /* the shop rebuilds Q from the decoded form: another encoding of the same values passes */
  hash = eo_signature_request_hash ("bill_id=1001&good_info=0&note=%D0%81%2A+%7E", "demo", secret);
  body = g_strconcat ("bill%5Fid=1001&good_info=0&note=%d0%81*%20~&hash=", hash, NULL);
  reply = post_raw (f->server, "getOrderDetails", body);
  g_assert_cmpint (json_object_get_int_member (reply, "error_code"), ==, 0);
  /* without good_info the extra fields are left out */
  g_assert_false (json_object_has_member (json_object_get_object_member (reply, "result"),
                                          "good_ids"));
  g_clear_pointer (&reply, json_object_unref);
  g_clear_pointer (&body, g_free);
  g_clear_pointer (&hash, g_free);

  /* a repeated key, as in PHP's $_POST: first position, last value */
  hash = eo_signature_request_hash ("bill_id=1003&good_info=1", "demo", secret);
  body = g_strdup_printf ("bill_id=1001&good_info=1&bill_id=1003&hash=%s", hash);
  reply = post_raw (f->server, "getOrderDetails", body);
  g_assert_cmpint (json_object_get_int_member (reply, "error_code"), ==, 0);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (reply, "result"),
                                                  "id"), ==, "1003");
  g_clear_pointer (&body, g_free);
  g_clear_pointer (&hash, g_free);

  /* UpdateOrderStatus's own checks: status, date and rpo */
  hash = eo_signature_request_hash ("bill_id=1002&status=sent&date=1700000000", "demo", secret);
  body = g_strdup_printf ("bill_id=1002&status=sent&date=1700000000&hash=%s", hash);
  g_assert_cmpint (post_raw_code (f->server, "UpdateOrderStatus", body), ==, 3);
  g_clear_pointer (&body, g_free);
  g_clear_pointer (&hash, g_free);

  hash = eo_signature_request_hash ("bill_id=1002&status=lost", "demo", secret);
  body = g_strdup_printf ("bill_id=1002&status=lost&hash=%s", hash);
  g_assert_cmpint (post_raw_code (f->server, "UpdateOrderStatus", body), ==, 3);
  g_clear_pointer (&body, g_free);
  g_clear_pointer (&hash, g_free);

  hash = eo_signature_request_hash ("bill_id=1002&status=paid&date=yesterday", "demo", secret);
  body = g_strdup_printf ("bill_id=1002&status=paid&date=yesterday&hash=%s", hash);
  g_assert_cmpint (post_raw_code (f->server, "UpdateOrderStatus", body), ==, 3);

  g_assert_cmpuint (eo_demo_server_get_request_count (f->server), ==, 9);
}

/* ---- faults: each gives its own error, no crash, no hang ---- */

static void
test_faults (Fixture       *f,
             gconstpointer  data)
{
  static const struct {
    EoDemoFault fault;
    EoError     expected;
  } cases[] = {
    { EO_DEMO_FAULT_HTTP_500, EO_ERROR_HTTP_STATUS },
    { EO_DEMO_FAULT_HTML, EO_ERROR_NOT_JSON },
    { EO_DEMO_FAULT_TRUNCATED, EO_ERROR_NOT_JSON },
    { EO_DEMO_FAULT_MISSING_HASH, EO_ERROR_BAD_SIGNATURE },
    { EO_DEMO_FAULT_WRONG_HASH, EO_ERROR_BAD_SIGNATURE },
    { EO_DEMO_FAULT_OVERSIZED, EO_ERROR_TOO_LARGE },
    { EO_DEMO_FAULT_NEVER_REPLY, EO_ERROR_TIMEOUT },
  };
  g_autoptr(EoParams) params = order_params (1001);

  /* the timeout is a deadline for the whole call: long enough for the oversized body to be read
   * up to the cap under valgrind */
  eo_client_set_timeout (f->client, 3);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonObject) reply = NULL;
      g_autoptr(EoOrder) order = NULL;
      gint64 start = g_get_monotonic_time ();
      gint64 elapsed_ms;

      eo_demo_server_set_fault (f->server, cases[i].fault);
      reply = call_sync (f->client, "getOrderDetails", params, NULL, &error);
      elapsed_ms = (g_get_monotonic_time () - start) / 1000;
      g_test_message ("fault %d: %s (%" G_GINT64_FORMAT " ms)", cases[i].fault,
                      error != NULL ? error->message : "no error", elapsed_ms);
      g_assert_error (error, EO_ERROR, (gint) cases[i].expected);
      g_assert_null (reply);
      g_assert_cmpint (elapsed_ms, <, 10000);
      g_clear_error (&error);

      /* the typed call fails the same way and shows no data */
      order = get_order_sync (f->client, 1001, &error);
      g_assert_error (error, EO_ERROR, (gint) cases[i].expected);
      g_assert_null (order);

      /* and the client is fine afterwards */
      eo_demo_server_set_fault (f->server, EO_DEMO_FAULT_NONE);
      g_clear_error (&error);
      reply = call_sync (f->client, "getOrderDetails", params, NULL, &error);
      g_assert_no_error (error);
      g_assert_nonnull (reply);
    }
}

static void
test_latency (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(EoParams) params = order_params (1004);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) reply = NULL;
  gint64 start = g_get_monotonic_time ();

  eo_demo_server_set_latency (f->server, 300);
  reply = call_sync (f->client, "getOrderDetails", params, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (reply);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 300 * 1000);
}

static gboolean
cancel_cb (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(EoParams) params = order_params (1001);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) reply = NULL;
  gint64 cancelled_at;

  eo_demo_server_set_fault (f->server, EO_DEMO_FAULT_NEVER_REPLY);
  eo_client_call_async (f->client, "getOrderDetails", params, cancellable, store_result_cb,
                        &result);
  /* cancel once the request has reached the server and is being held there */
  while (eo_demo_server_get_request_count (f->server) == 0)
    g_main_context_iteration (NULL, TRUE);
  g_idle_add (cancel_cb, cancellable);
  while (!g_cancellable_is_cancelled (cancellable))
    g_main_context_iteration (NULL, TRUE);
  cancelled_at = g_get_monotonic_time ();

  reply = eo_client_call_finish (f->client, wait_for (&result), &error);
  g_test_message ("cancelled after %" G_GINT64_FORMAT " µs",
                  g_get_monotonic_time () - cancelled_at);
  g_assert_error (error, EO_ERROR, EO_ERROR_CANCELLED);
  g_assert_true (eo_error_is_cancelled (error));
  g_assert_null (reply);
  g_assert_cmpint (g_get_monotonic_time () - cancelled_at, <, G_USEC_PER_SEC / 2);
  g_clear_error (&error);

  /* already cancelled: nothing is sent */
  g_clear_object (&result);
  eo_client_get_order_async (f->client, 1001, cancellable, store_result_cb, &result);
  g_assert_null (eo_client_get_order_finish (f->client, wait_for (&result), &error));
  g_assert_error (error, EO_ERROR, EO_ERROR_CANCELLED);
  g_assert_cmpuint (eo_demo_server_get_request_count (f->server), ==, 1);
}

static void
test_network_error (void)
{
  g_autoptr(EoDemoServer) server = eo_demo_server_new ();
  g_autoptr(EoClient) client = eo_client_new ();
  g_autoptr(EoParams) params = order_params (1001);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) reply = NULL;

  /* a port that was just free: nobody listens there now */
  g_assert_true (eo_demo_server_start (server, &error));
  g_assert_true (eo_client_set_account (client, eo_demo_server_get_url (server), "demo",
                                        eo_demo_server_get_secret (server), &error));
  eo_demo_server_stop (server);

  reply = call_sync (client, "getOrderDetails", params, NULL, &error);
  g_assert_error (error, EO_ERROR, EO_ERROR_NETWORK);
  g_assert_true (eo_error_is_retryable (error));
  g_assert_null (reply);
}

/* ---- a scripted server: answers whatever the test sets ---- */

typedef struct
{
  SoupServer *server;
  char       *url;
  guint       status;
  char       *location;
  char       *body;
  guint       requests;
} Scripted;

static void
scripted_cb (SoupServer        *server,
             SoupServerMessage *msg,
             const char        *path,
             GHashTable        *query,
             gpointer           user_data)
{
  Scripted *s = user_data;

  s->requests++;
  if (s->location != NULL)
    soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Location",
                                  s->location);
  soup_server_message_set_status (msg, s->status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, s->body,
                                    strlen (s->body));
}

static Scripted *
scripted_new (void)
{
  Scripted *s = g_new0 (Scripted, 1);
  g_autoptr(GError) error = NULL;
  GSList *uris;

  s->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (s->server, NULL, scripted_cb, s, NULL);
  g_assert_true (soup_server_listen_local (s->server, 0,
                                           SOUP_SERVER_LISTEN_IPV4_ONLY,
                                           &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (s->server);
  s->url = g_strdup_printf ("http://127.0.0.1:%d/api/", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  s->status = 200;
  s->body = g_strdup ("{}");

  return s;
}

static void
scripted_set_reply (Scripted   *s,
                    const char *code_json,
                    gint64      code,
                    const char *text,
                    const char *result_json)
{
  g_autofree char *hash = eo_signature_reply_hash (code, text, SCRIPTED_SECRET);

  g_free (s->body);
  s->body = g_strdup_printf ("{\"error_code\":%s,\"error_text\":\"%s\",\"hash\":\"%s\"%s%s}",
                             code_json, text, hash, result_json != NULL ? ",\"result\":" : "",
                             result_json != NULL ? result_json : "");
}

static void
scripted_free (Scripted *s)
{
  soup_server_disconnect (s->server);
  g_assert_finalize_object (s->server);
  g_free (s->url);
  g_free (s->location);
  g_free (s->body);
  g_free (s);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Scripted, scripted_free)

static EoClient *
client_for (Scripted *s)
{
  EoClient *client = eo_client_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (eo_client_set_account (client, s->url, "shop", SCRIPTED_SECRET, &error));
  g_assert_no_error (error);
  eo_client_set_timeout (client, 5);
  return client;
}

static void
test_redirect (void)
{
  g_autoptr(Scripted) s = scripted_new ();
  g_autoptr(Scripted) target = scripted_new ();
  g_autoptr(EoClient) client = client_for (s);
  g_autoptr(EoParams) params = order_params (1001);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) reply = NULL;

  scripted_set_reply (target, "0", 0, "ok", "{}");
  s->location = g_strconcat (target->url, "getOrderDetails", NULL);

  for (guint status = 301; status <= 308; status++)
    {
      if (status == 304 || status == 305 || status == 306)
        continue;
      s->status = status;
      reply = call_sync (client, "getOrderDetails", params, NULL, &error);
      g_assert_error (error, EO_ERROR, EO_ERROR_HTTP_STATUS);
      g_assert_nonnull (strstr (error->message, "redirect"));
      g_assert_null (reply);
      g_clear_error (&error);
    }
  g_assert_cmpuint (target->requests, ==, 0);
}

static void
test_reply_shapes (void)
{
  g_autoptr(Scripted) s = scripted_new ();
  g_autoptr(EoClient) client = client_for (s);
  g_autoptr(EoParams) params = order_params (1001);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) reply = NULL;
  g_autoptr(EoOrder) order = NULL;

  /* error_code as a string */
  scripted_set_reply (s, "\"0\"", 0, "ok", "{\"id\":\"1001\"}");
  reply = call_sync (client, "getOrderDetails", params, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (reply);
  g_clear_pointer (&reply, json_object_unref);

  scripted_set_reply (s, "\"3\"", 3, "wrong posted data", NULL);
  reply = call_sync (client, "getOrderDetails", params, NULL, &error);
  g_assert_error (error, EO_ERROR, EO_ERROR_WRONG_DATA);
  g_clear_error (&error);

  /* codes beyond the general ones */
  scripted_set_reply (s, "302", 302, "bill not found", NULL);
  reply = call_sync (client, "getOrderDetails", params, NULL, &error);
  g_assert_error (error, EO_ERROR, EO_ERROR_NO_SUCH_ORDER);
  g_clear_error (&error);

  scripted_set_reply (s, "977", 977, "something new", NULL);
  reply = call_sync (client, "getOrderDetails", params, NULL, &error);
  g_assert_error (error, EO_ERROR, EO_ERROR_API_OTHER);
  g_assert_nonnull (strstr (error->message, "something new"));
  g_clear_error (&error);

  /* a genuine reply about another order */
  scripted_set_reply (s, "0", 0, "ok", "{\"id\":\"1002\",\"last_name\":\"Петров\"}");
  order = get_order_sync (client, 1001, &error);
  g_assert_error (error, EO_ERROR, EO_ERROR_BAD_REPLY);
  g_assert_null (order);
  g_clear_error (&error);

  /* no order in it ([] is PHP's empty array) */
  scripted_set_reply (s, "0", 0, "ok", "[]");
  order = get_order_sync (client, 1001, &error);
  g_assert_error (error, EO_ERROR, EO_ERROR_BAD_REPLY);
  g_assert_null (order);
  g_clear_error (&error);

  /* not an object, no code, empty */
  g_free (s->body);
  s->body = g_strdup ("[1, 2, 3]");
  reply = call_sync (client, "getOrderDetails", params, NULL, &error);
  g_assert_error (error, EO_ERROR, EO_ERROR_NOT_JSON);
  g_clear_error (&error);

  g_free (s->body);
  s->body = g_strdup ("{\"error_text\":\"ok\",\"hash\":\"00\"}");
  reply = call_sync (client, "getOrderDetails", params, NULL, &error);
  g_assert_error (error, EO_ERROR, EO_ERROR_BAD_REPLY);
  g_clear_error (&error);

  g_free (s->body);
  s->body = g_strdup ("");
  reply = call_sync (client, "getOrderDetails", params, NULL, &error);
  g_assert_error (error, EO_ERROR, EO_ERROR_NOT_JSON);
  g_clear_error (&error);

  /* a declared length over the cap is refused before reading */
  g_free (s->body);
  s->body = g_strnfill (EO_CLIENT_MAX_REPLY_SIZE + 1, ' ');
  reply = call_sync (client, "getOrderDetails", params, NULL, &error);
  g_assert_error (error, EO_ERROR, EO_ERROR_TOO_LARGE);
  g_clear_error (&error);

  s->status = 404;
  reply = call_sync (client, "getOrderDetails", params, NULL, &error);
  g_assert_error (error, EO_ERROR, EO_ERROR_HTTP_STATUS);
  g_assert_nonnull (strstr (error->message, "404"));
  g_clear_error (&error);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  /* everything here is on loopback: the desktop's proxy settings (libproxy) do not apply */
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/client/login-is-valid", test_login_is_valid);
  g_test_add_func ("/client/base-url", test_base_url);
  g_test_add_func ("/client/set-account", test_set_account);
  g_test_add_func ("/client/status-strings", test_status_strings);
  g_test_add_func ("/client/no-account", test_no_account);
  g_test_add ("/client/raw-call", Fixture, NULL, fixture_setup, test_raw_call, fixture_teardown);
  g_test_add ("/client/raw-call-bad-method", Fixture, NULL, fixture_setup,
              test_raw_call_bad_method, fixture_teardown);
  g_test_add ("/client/get-order", Fixture, NULL, fixture_setup, test_get_order,
              fixture_teardown);
  g_test_add ("/client/get-every-sample-order", Fixture, NULL, fixture_setup,
              test_get_every_sample_order, fixture_teardown);
  g_test_add ("/client/get-order-unknown", Fixture, NULL, fixture_setup, test_get_order_unknown,
              fixture_teardown);
  g_test_add ("/client/put-order", Fixture, NULL, fixture_setup, test_put_order,
              fixture_teardown);
  g_test_add ("/client/ship", Fixture, NULL, fixture_setup, test_ship, fixture_teardown);
  g_test_add ("/client/status-changes", Fixture, NULL, fixture_setup, test_status_changes,
              fixture_teardown);
  g_test_add ("/client/status-refused", Fixture, NULL, fixture_setup, test_status_refused,
              fixture_teardown);
  g_test_add ("/client/error-codes", Fixture, NULL, fixture_setup, test_error_codes,
              fixture_teardown);
  g_test_add ("/demo-server/request-checks", Fixture, NULL, fixture_setup, test_server_checks,
              fixture_teardown);
  g_test_add ("/client/faults", Fixture, NULL, fixture_setup, test_faults, fixture_teardown);
  g_test_add ("/client/latency", Fixture, NULL, fixture_setup, test_latency, fixture_teardown);
  g_test_add ("/client/cancel", Fixture, NULL, fixture_setup, test_cancel, fixture_teardown);
  g_test_add_func ("/client/network-error", test_network_error);
  g_test_add_func ("/client/redirect", test_redirect);
  g_test_add_func ("/client/reply-shapes", test_reply_shapes);

  return g_test_run ();
}

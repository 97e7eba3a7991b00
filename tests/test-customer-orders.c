/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-customer-orders.c: EoCustomerOrders against the demo shop: newest first, kept for the
 * TTL (no request), asked again after it, one request for lookups at the same time, a failure
 * reported and not kept, cancellation, clear, another shop */

#include "config.h"

#include "eo-customer-orders.h"
#include "eo-demo-server.h"
#include "eo-error.h"

#define WAIT_SECONDS 10
#define KRYLOVA "a.krylova@example.ru"

typedef struct
{
  EoDemoServer     *server;
  EoClient         *client;
  EoCustomerOrders *cache;
  gint64            now;     /* the cache's clock, microseconds */
} Fixture;

static gint64
fake_clock (gpointer user_data)
{
  return ((Fixture *) user_data)->now;
}

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
  f->now = 1000 * G_USEC_PER_SEC;
  f->cache = eo_customer_orders_new (f->client);
  eo_customer_orders_set_clock (f->cache, fake_clock, f);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  eo_demo_server_set_fault (f->server, EO_DEMO_FAULT_NONE);
  g_clear_object (&f->cache);
  eo_demo_server_stop (f->server);
  g_clear_object (&f->client);
  g_clear_object (&f->server);
}

static void
result_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  GAsyncResult **out = user_data;

  g_assert_null (*out);
  *out = g_object_ref (result);
}

static gboolean
timed_out_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Iterate until *result is set; failing after WAIT_SECONDS */
static void
wait_for (GAsyncResult **result)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (WAIT_SECONDS, timed_out_cb, &timed_out);

  while (*result == NULL && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (timed_out)
    g_error ("no answer in %u seconds", WAIT_SECONDS);
  g_source_remove (id);
}

static GPtrArray *
finish (Fixture       *f,
        GAsyncResult **result,
        GError       **error)
{
  wait_for (result);
  return eo_customer_orders_lookup_finish (f->cache, *result, error);
}

static GPtrArray *
lookup (Fixture     *f,
        const char  *email,
        GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  eo_customer_orders_lookup_async (f->cache, email, NULL, result_cb, &result);
  return finish (f, &result, error);
}

/* "a,b,c": the orders' numbers in the order given */
static char *
ids_of (GPtrArray *orders)
{
  GString *ids = g_string_new (NULL);

  for (guint i = 0; i < orders->len; i++)
    g_string_append_printf (ids, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "",
                            eo_order_get_id (orders->pdata[i]));
  return g_string_free (ids, FALSE);
}

/* The demo shop's orders of that address, newest first, as "a,b,c" */
static char *
expected_ids (Fixture    *f,
              const char *email)
{
  g_autoptr(JsonNode) all = eo_demo_server_dup_orders (f->server);
  JsonArray *array = json_node_get_array (all);
  g_autoptr(GPtrArray) orders = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      EoOrder *order = eo_order_new_from_json (json_array_get_element (array, i), NULL, &error);

      g_assert_no_error (error);
      if (g_ascii_strcasecmp (eo_order_get_email (order), email) == 0)
        g_ptr_array_add (orders, order);
      else
        g_object_unref (order);
    }

  /* newest first: the demo shop's listed orders get older as their numbers grow */
  for (guint i = 1; i < orders->len; i++)
    g_assert_cmpint (g_date_time_compare (eo_order_get_created (orders->pdata[i - 1]),
                                          eo_order_get_created (orders->pdata[i])), >, 0);
  return ids_of (orders);
}

static void
test_newest_first (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) orders = lookup (f, "  A.Krylova@Example.RU ", &error);
  g_autofree char *ids = NULL;
  g_autofree char *expected = expected_ids (f, KRYLOVA);

  g_assert_no_error (error);
  g_assert_cmpuint (orders->len, >=, 3);
  ids = ids_of (orders);
  g_assert_cmpstr (ids, ==, expected);
  for (guint i = 1; i < orders->len; i++)
    g_assert_cmpint (g_date_time_compare (eo_order_get_created (orders->pdata[i - 1]),
                                          eo_order_get_created (orders->pdata[i])), >=, 0);
}

/* Within the TTL no request; after it, one */
static void
test_kept_for_ttl (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) second = NULL;
  g_autoptr(GPtrArray) third = NULL;
  g_autofree char *first_ids = NULL;
  g_autofree char *second_ids = NULL;
  guint requests = eo_demo_server_get_request_count (f->server);

  g_assert_false (eo_customer_orders_is_cached (f->cache, KRYLOVA));
  first = lookup (f, KRYLOVA, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (eo_demo_server_get_request_count (f->server), ==, requests + 1);
  g_assert_true (eo_customer_orders_is_cached (f->cache, KRYLOVA));

  /* just before the TTL ends, in another case: the kept answer, a copy of its own */
  f->now += EO_CUSTOMER_ORDERS_DEFAULT_TTL - 1;
  second = lookup (f, "A.KRYLOVA@example.ru", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (eo_demo_server_get_request_count (f->server), ==, requests + 1);
  g_assert_true (second != first);
  first_ids = ids_of (first);
  second_ids = ids_of (second);
  g_assert_cmpstr (first_ids, ==, second_ids);
  g_assert_true (first->pdata[0] == second->pdata[0]);
  g_ptr_array_set_size (second, 0);

  /* at the TTL: asked again */
  f->now += 1;
  g_assert_false (eo_customer_orders_is_cached (f->cache, KRYLOVA));
  third = lookup (f, KRYLOVA, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (eo_demo_server_get_request_count (f->server), ==, requests + 2);
  g_assert_cmpuint (third->len, ==, first->len);
  /* other addresses are kept apart */
  g_clear_pointer (&third, g_ptr_array_unref);
  third = lookup (f, "solovyov@example.com", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (eo_demo_server_get_request_count (f->server), ==, requests + 3);
  for (guint i = 0; i < third->len; i++)
    g_assert_cmpstr (eo_order_get_email (third->pdata[i]), ==, "solovyov@example.com");

  /* a TTL of 0 keeps nothing */
  eo_customer_orders_set_ttl (f->cache, 0);
  g_clear_pointer (&third, g_ptr_array_unref);
  third = lookup (f, KRYLOVA, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (eo_demo_server_get_request_count (f->server), ==, requests + 4);
}

/* A customer with no orders: an empty list, kept like any answer */
static void
test_no_orders (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) orders = lookup (f, "nobody@example.ru", &error);
  guint requests = eo_demo_server_get_request_count (f->server);

  g_assert_no_error (error);
  g_assert_cmpuint (orders->len, ==, 0);
  g_clear_pointer (&orders, g_ptr_array_unref);
  orders = lookup (f, "nobody@example.ru", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (orders->len, ==, 0);
  g_assert_cmpuint (eo_demo_server_get_request_count (f->server), ==, requests);
}

/* Lookups of one address at the same time make one request */
static void
test_one_request (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GAsyncResult) a = NULL;
  g_autoptr(GAsyncResult) b = NULL;
  g_autoptr(GAsyncResult) c = NULL;
  g_autoptr(GPtrArray) orders_a = NULL;
  g_autoptr(GPtrArray) orders_b = NULL;
  g_autoptr(GPtrArray) orders_c = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *ids_a = NULL;
  g_autofree char *ids_b = NULL;
  guint requests = eo_demo_server_get_request_count (f->server);

  eo_customer_orders_lookup_async (f->cache, KRYLOVA, NULL, result_cb, &a);
  eo_customer_orders_lookup_async (f->cache, "A.Krylova@example.ru", NULL, result_cb, &b);
  eo_customer_orders_lookup_async (f->cache, "solovyov@example.com", NULL, result_cb, &c);
  orders_a = finish (f, &a, &error);
  g_assert_no_error (error);
  orders_b = finish (f, &b, &error);
  g_assert_no_error (error);
  orders_c = finish (f, &c, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (eo_demo_server_get_request_count (f->server), ==, requests + 2);
  ids_a = ids_of (orders_a);
  ids_b = ids_of (orders_b);
  g_assert_cmpstr (ids_a, ==, ids_b);
  g_assert_true (orders_a != orders_b);
  g_assert_cmpuint (orders_c->len, >, 0);
  g_assert_cmpstr (eo_order_get_email (orders_c->pdata[0]), ==, "solovyov@example.com");
}

/* A failure goes to everyone waiting, and the next lookup asks again */
static void
test_failure_not_kept (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GAsyncResult) a = NULL;
  g_autoptr(GAsyncResult) b = NULL;
  g_autoptr(GPtrArray) orders = NULL;
  g_autoptr(GError) error = NULL;
  guint requests = eo_demo_server_get_request_count (f->server);

  eo_demo_server_set_fault (f->server, EO_DEMO_FAULT_HTTP_500);
  eo_customer_orders_lookup_async (f->cache, KRYLOVA, NULL, result_cb, &a);
  eo_customer_orders_lookup_async (f->cache, KRYLOVA, NULL, result_cb, &b);
  orders = finish (f, &a, &error);
  g_assert_error (error, EO_ERROR, EO_ERROR_HTTP_STATUS);
  g_assert_null (orders);
  g_clear_error (&error);
  orders = finish (f, &b, &error);
  g_assert_error (error, EO_ERROR, EO_ERROR_HTTP_STATUS);
  g_assert_null (orders);
  g_clear_error (&error);
  g_assert_cmpuint (eo_demo_server_get_request_count (f->server), ==, requests + 1);
  g_assert_false (eo_customer_orders_is_cached (f->cache, KRYLOVA));

  /* still failing: asked again, failing again */
  orders = lookup (f, KRYLOVA, &error);
  g_assert_error (error, EO_ERROR, EO_ERROR_HTTP_STATUS);
  g_clear_error (&error);
  g_assert_cmpuint (eo_demo_server_get_request_count (f->server), ==, requests + 2);

  /* a forged reply is refused too */
  eo_demo_server_set_fault (f->server, EO_DEMO_FAULT_NONE);
  eo_demo_server_set_fault_calls (f->server, EO_DEMO_FAULT_WRONG_HASH, 1);
  orders = lookup (f, KRYLOVA, &error);
  g_assert_error (error, EO_ERROR, EO_ERROR_BAD_SIGNATURE);
  g_clear_error (&error);
  g_assert_cmpuint (eo_demo_server_get_request_count (f->server), ==, requests + 3);

  /* the shop answers again: asked, and kept */
  orders = lookup (f, KRYLOVA, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (orders->len, >, 0);
  g_assert_cmpuint (eo_demo_server_get_request_count (f->server), ==, requests + 4);
  g_assert_true (eo_customer_orders_is_cached (f->cache, KRYLOVA));
}

/* A caller that cancels is answered at once; the request goes on for the others, and stops when
 * nobody waits for it */
static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GCancellable) other = g_cancellable_new ();
  g_autoptr(GAsyncResult) a = NULL;
  g_autoptr(GAsyncResult) b = NULL;
  g_autoptr(GAsyncResult) c = NULL;
  g_autoptr(GPtrArray) orders = NULL;
  g_autoptr(GError) error = NULL;

  eo_customer_orders_lookup_async (f->cache, KRYLOVA, cancellable, result_cb, &a);
  eo_customer_orders_lookup_async (f->cache, KRYLOVA, NULL, result_cb, &b);
  g_cancellable_cancel (cancellable);
  orders = finish (f, &a, &error);
  g_assert_true (eo_error_is_cancelled (error));
  g_assert_null (orders);
  g_clear_error (&error);
  orders = finish (f, &b, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (orders->len, >, 0);
  g_clear_pointer (&orders, g_ptr_array_unref);

  /* An already cancelled cancellable: no request */
  g_clear_object (&a);
  eo_customer_orders_clear (f->cache);
  {
    guint requests = eo_demo_server_get_request_count (f->server);

    eo_customer_orders_lookup_async (f->cache, KRYLOVA, cancellable, result_cb, &a);
    orders = finish (f, &a, &error);
    g_assert_true (eo_error_is_cancelled (error));
    g_clear_error (&error);
    g_assert_cmpuint (eo_demo_server_get_request_count (f->server), ==, requests);
  }

  /* The shop never answers: the only caller cancels, is told at once, and nothing is kept */
  eo_demo_server_set_fault (f->server, EO_DEMO_FAULT_NEVER_REPLY);
  eo_customer_orders_lookup_async (f->cache, KRYLOVA, other, result_cb, &c);
  g_cancellable_cancel (other);
  orders = finish (f, &c, &error);
  g_assert_true (eo_error_is_cancelled (error));
  g_clear_error (&error);
  g_assert_false (eo_customer_orders_is_cached (f->cache, KRYLOVA));
  eo_demo_server_set_fault (f->server, EO_DEMO_FAULT_NONE);
}

/* clear: the kept answers go, and the lookups under way are told */
static void
test_clear (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GAsyncResult) a = NULL;
  g_autoptr(GPtrArray) orders = NULL;
  g_autoptr(GError) error = NULL;
  guint requests;

  orders = lookup (f, KRYLOVA, &error);
  g_assert_no_error (error);
  g_clear_pointer (&orders, g_ptr_array_unref);
  requests = eo_demo_server_get_request_count (f->server);

  eo_customer_orders_clear (f->cache);
  g_assert_false (eo_customer_orders_is_cached (f->cache, KRYLOVA));
  orders = lookup (f, KRYLOVA, &error);
  g_assert_no_error (error);
  g_clear_pointer (&orders, g_ptr_array_unref);
  g_assert_cmpuint (eo_demo_server_get_request_count (f->server), ==, requests + 1);

  /* invalidate: that address only */
  orders = lookup (f, "solovyov@example.com", &error);
  g_assert_no_error (error);
  g_clear_pointer (&orders, g_ptr_array_unref);
  eo_customer_orders_invalidate (f->cache, "Solovyov@example.com");
  g_assert_false (eo_customer_orders_is_cached (f->cache, "solovyov@example.com"));
  g_assert_true (eo_customer_orders_is_cached (f->cache, KRYLOVA));

  /* by an order: the answers that list it */
  g_assert_false (eo_customer_orders_invalidate_order (f->cache, 1001));
  g_assert_true (eo_customer_orders_is_cached (f->cache, KRYLOVA));
  g_assert_true (eo_customer_orders_invalidate_order (f->cache, EO_DEMO_LISTED_FIRST_ID));
  g_assert_false (eo_customer_orders_is_cached (f->cache, KRYLOVA));

  /* under way */
  eo_customer_orders_lookup_async (f->cache, KRYLOVA, NULL, result_cb, &a);
  eo_customer_orders_clear (f->cache);
  orders = finish (f, &a, &error);
  g_assert_true (eo_error_is_cancelled (error));
  g_clear_error (&error);

  /* the cancelled request's answer, if any came, was not kept */
  for (guint i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_false (eo_customer_orders_is_cached (f->cache, KRYLOVA));
}

/* The client turned to another shop: what was kept for the first one is not given */
static void
test_other_shop (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(EoDemoServer) other = eo_demo_server_new ();
  g_autoptr(GPtrArray) orders = NULL;
  g_autoptr(GError) error = NULL;
  guint requests;

  orders = lookup (f, KRYLOVA, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (orders->len, >, 0);
  g_clear_pointer (&orders, g_ptr_array_unref);

  /* Another demo shop, on another port */
  g_assert_true (eo_demo_server_start (other, &error));
  g_assert_true (eo_client_set_account (f->client, eo_demo_server_get_url (other),
                                        eo_demo_server_get_login (other),
                                        eo_demo_server_get_secret (other), &error));
  requests = eo_demo_server_get_request_count (other);
  g_assert_false (eo_customer_orders_is_cached (f->cache, KRYLOVA));
  orders = lookup (f, KRYLOVA, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (orders->len, >, 0);
  g_assert_cmpuint (eo_demo_server_get_request_count (other), ==, requests + 1);
  g_assert_true (eo_customer_orders_is_cached (f->cache, KRYLOVA));
  eo_demo_server_stop (other);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/customer-orders/newest-first", Fixture, NULL, fixture_setup, test_newest_first,
              fixture_teardown);
  g_test_add ("/customer-orders/kept-for-ttl", Fixture, NULL, fixture_setup, test_kept_for_ttl,
              fixture_teardown);
  g_test_add ("/customer-orders/no-orders", Fixture, NULL, fixture_setup, test_no_orders,
              fixture_teardown);
  g_test_add ("/customer-orders/one-request", Fixture, NULL, fixture_setup,
              test_one_request, fixture_teardown);
  g_test_add ("/customer-orders/failure-not-kept", Fixture, NULL, fixture_setup,
              test_failure_not_kept, fixture_teardown);
  g_test_add ("/customer-orders/cancel", Fixture, NULL, fixture_setup, test_cancel,
              fixture_teardown);
  g_test_add ("/customer-orders/clear", Fixture, NULL, fixture_setup, test_clear,
              fixture_teardown);
  g_test_add ("/customer-orders/other-shop", Fixture, NULL, fixture_setup, test_other_shop,
              fixture_teardown);

  return g_test_run ();
}

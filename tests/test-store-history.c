/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-store-history.c: saving orders, reading them back, the recent ones, per shop */

#include "config.h"

#include "store-test-util.h"

static void
save_order_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static void
test_save_get_recent (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) recent = NULL;
  g_autoptr(EoStoredOrder) first = NULL;
  g_autofree char *json = NULL;
  g_autofree char *missing = NULL;
  gint64 bill_id;
  char *name;

  save (fixture->store, 1, "Анна", "Смирнова", "", "anna@example.ru", "", "Казань", "", 100);
  save (fixture->store, 2, "Олег", "Петров", "Ильич", "", "", "Тверь", "", 200);
  save (fixture->store, 3, "Вера", "Орлова", "", "", "", "Омск", "", 300);

  json = eo_store_get_order_json (fixture->store, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json, ==, "{\"id\":\"2\",\"first_name\":\"Олег\"}");

  missing = eo_store_get_order_json (fixture->store, 99, &error);
  g_assert_no_error (error);
  g_assert_null (missing);

  /* Fetched again later: it comes first, with the new data */
  save (fixture->store, 1, "Анна", "Кузнецова", "", "anna@example.ru", "", "Казань", "", 400);

  recent = eo_store_recent_orders (fixture->store, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (recent), ==, 2);
  first = g_list_model_get_item (recent, 0);
  g_assert_cmpint (eo_stored_order_get_bill_id (first), ==, 1);
  g_assert_cmpstr (eo_stored_order_get_full_name (first), ==, "Кузнецова Анна");
  g_assert_cmpstr (eo_stored_order_get_email (first), ==, "anna@example.ru");
  g_assert_cmpstr (eo_stored_order_get_city (first), ==, "Казань");
  g_assert_cmpstr (eo_stored_order_get_pay_status (first), ==, "waiting");
  g_assert_cmpstr (eo_stored_order_get_tracking (first), ==, "");
  g_assert_cmpint (eo_stored_order_get_fetched_at (first), ==, 400);

  /* Properties, for the window's bindings */
  g_object_get (first, "bill-id", &bill_id, "full-name", &name, NULL);
  g_assert_cmpint (bill_id, ==, 1);
  g_assert_cmpstr (name, ==, "Кузнецова Анна");
  g_free (name);

  /* The old surname is gone from the index, the new one is there */
  assert_search (fixture->store, "Смирнова", "");
  assert_search (fixture->store, "Кузнецова", "1");

  /* An empty search is the recent list */
  assert_search (fixture->store, "  ", "1,3,2");
}

static void
test_save_order_model (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(EoOrder) full = order_from_fixture ("order-full.json");
  g_autoptr(EoOrder) minimal = order_from_fixture ("order-minimal.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(EoOrder) again = NULL;
  g_autofree char *json = NULL;
  GAsyncResult *result = NULL;

  g_assert_true (eo_store_save_order (fixture->store, full, 100, &error));
  g_assert_no_error (error);

  eo_store_save_order_async (fixture->store, minimal, 100, NULL, save_order_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (eo_store_save_order_finish (fixture->store, result, &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  /* Offline: the saved JSON gives the same order back */
  json = eo_store_get_order_json (fixture->store, eo_order_get_id (full), &error);
  g_assert_no_error (error);
  g_assert_true (json_parser_load_from_data (parser, json, -1, &error));
  again = eo_order_new_from_json (json_parser_get_root (parser), "shop.expertam.ru", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (eo_order_get_full_name (again), ==, eo_order_get_full_name (full));
  g_assert_cmpint (eo_order_get_price (again), ==, eo_order_get_price (full));
  g_assert_cmpuint (g_list_model_get_n_items (eo_order_get_items (again)), ==,
                    g_list_model_get_n_items (eo_order_get_items (full)));

  assert_search (fixture->store, "Петров", "1001");
  assert_search (fixture->store, "Сергеевич", "1001");
  assert_search (fixture->store, "екатеринбург", "1001");
  assert_search (fixture->store, "ivan.petrov@example.ru", "1001");
  assert_search (fixture->store, "89123456789", "1001");
}

/* A saved order is the shop's it was fetched from: another shop's window does not show it */
static void
test_history_accounts (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  g_autoptr(GListModel) recent = NULL;

  /* from before shops were recorded: every shop's */
  save (fixture->store, 7001, "Анна", "Легасова", "", "", "", "Тула", "", 100);
  eo_store_set_account (fixture->store, "shop-a");
  save (fixture->store, 7002, "Борис", "Ашкин", "", "", "+7 900 111-22-33", "Тула", "", 110);
  eo_store_set_account (fixture->store, "shop-b");
  save (fixture->store, 7003, "Вера", "Бэшкина", "", "", "", "Тула", "", 120);

  /* shop-b: its own and the old one, in search, in the recent list and opened by number */
  assert_search (fixture->store, "Тула", "7003,7001");
  assert_search (fixture->store, "Ашкин", "");
  assert_search (fixture->store, "9001112233", "");
  recent = eo_store_recent_orders (fixture->store, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (recent), ==, 2);
  json = eo_store_get_order_json (fixture->store, 7002, &error);
  g_assert_no_error (error);
  g_assert_null (json);

  /* shop-a sees its own */
  eo_store_set_account (fixture->store, "shop-a");
  assert_search (fixture->store, "Тула", "7002,7001");
  assert_search (fixture->store, "9001112233", "7002");
  json = eo_store_get_order_json (fixture->store, 7002, &error);
  g_assert_no_error (error);
  g_assert_nonnull (json);

  /* no shop set (the command line's offline search): all of them */
  eo_store_set_account (fixture->store, NULL);
  assert_search (fixture->store, "Тула", "7003,7002,7001");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  ADD ("/store/history/save-get-recent", test_save_get_recent);
  ADD ("/store/history/save-order-model", test_save_order_model);
  ADD ("/store/history/accounts", test_history_accounts);

  return g_test_run ();
}

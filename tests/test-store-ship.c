/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-store-ship.c: the to-ship rule (each of its cases), its filters and order, orders set aside,
 * the sync state, and migration 4 filling the new columns of orders saved before */

#include "config.h"

#include "store-test-util.h"

/* A saved order: pay_status, paid (a date text or ""), postcode and street address */
static void
save_json (EoStore    *store,
           gint64      bill_id,
           const char *pay_status,
           const char *paid,
           const char *created,
           const char *postalcode,
           const char *address,
           const char *good_id,
           const char *last_name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *json =
    g_strdup_printf ("{\"id\": %" G_GINT64_FORMAT ", \"last_name\": \"%s\", \"pay_status\": \"%s\","
                     " \"paid\": \"%s\", \"created\": \"%s\", \"postalcode\": \"%s\","
                     " \"address\": \"%s\", \"city\": \"Тверь\", \"price\": \"1290.00\","
                     " \"good_count\": 2, \"items\": [{\"id\": \"%s\", \"title\": \"x\"}]}",
                     bill_id, last_name, pay_status, paid, created, postalcode, address, good_id);
  EoStoreOrderFields fields = {
    .bill_id = bill_id, .last_name = last_name, .city = "Тверь", .address = address,
    .pay_status = pay_status,
  };

  g_assert_true (eo_store_save_order_fields (store, &fields, json, 100, &error));
  g_assert_no_error (error);
}

/* A paid order with a postcode, paid at the given day of March 2024 */
static void
save_paid (EoStore *store,
           gint64   bill_id,
           guint    day)
{
  g_autofree char *paid = g_strdup_printf ("2024-03-%02u 10:00:00", day);

  save_json (store, bill_id, "paid", paid, "2024-03-01 09:00:00", "170100", "ул. Советская, 1",
             "42", "Иванова");
}

/* The to-ship list as "1,2s,3" (s: sending) */
static char *
to_ship_ids (EoStore              *store,
             const EoToShipFilter *filter)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) list = eo_store_to_ship (store, filter, &error);
  GString *ids = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(EoToShipOrder) row = g_list_model_get_item (list, i);

      g_string_append_printf (ids, "%s%" G_GINT64_FORMAT "%s", ids->len > 0 ? "," : "",
                              eo_to_ship_order_get_bill_id (row),
                              eo_to_ship_order_get_sending (row) ? "s" : "");
    }

  return g_string_free (ids, FALSE);
}

#define assert_to_ship(store, filter, expected) \
  G_STMT_START { \
    g_autofree char *_ids = to_ship_ids ((store), (filter)); \
    g_assert_cmpstr (_ids, ==, (expected)); \
  } G_STMT_END

/* Paid + postcode or street address: listed; unpaid or no postal address: not */
static void
test_paid_with_address (Fixture       *fixture,
                        gconstpointer  data)
{
  save_json (fixture->store, 1, "paid", "2024-03-02 10:00:00", "", "170100", "", "1", "А");
  save_json (fixture->store, 2, "paid", "2024-03-03 10:00:00", "", "", "ул. Ленина, 1", "1", "Б");
  save_json (fixture->store, 3, "paid", "2024-03-04 10:00:00", "", "", "", "1", "В");
  save_json (fixture->store, 4, "waiting", "", "2024-03-01 10:00:00", "170100", "ул. Ленина, 1",
             "1", "Г");
  /* paid by its date alone (EoOrder's rule) */
  save_json (fixture->store, 5, "", "2024-03-05 10:00:00", "", "170100", "", "1", "Д");
  save_json (fixture->store, 6, "paid", "2024-03-06 10:00:00", "", "  ", " ", "1", "Е");

  assert_to_ship (fixture->store, NULL, "1,2,5");
}

/* A successful sent, return or cancel removes it; a successful paid, or a failed sent, does not;
 * a pending sent shows it as sending */
static void
test_log_and_outbox (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 id;

  for (guint i = 1; i <= 7; i++)
    save_paid (fixture->store, i, i);
  assert_to_ship (fixture->store, NULL, "1,2,3,4,5,6,7");

  id = enqueue (fixture->store, 1, "sent", 1000, RPO_FOR_SEND, 200, NULL);
  g_assert_true (eo_store_outbox_mark_done (fixture->store, id, 300, &error));
  id = enqueue (fixture->store, 2, "return", 0, NULL, 200, NULL);
  g_assert_true (eo_store_outbox_mark_done (fixture->store, id, 300, &error));
  id = enqueue (fixture->store, 3, "cancel", 0, NULL, 200, NULL);
  g_assert_true (eo_store_outbox_mark_done (fixture->store, id, 300, &error));
  id = enqueue (fixture->store, 4, "paid", 1000, NULL, 200, NULL);
  g_assert_true (eo_store_outbox_mark_done (fixture->store, id, 300, &error));
  id = enqueue (fixture->store, 5, "sent", 1000, RPO_FOR_SEND, 200, NULL);
  g_assert_true (eo_store_outbox_mark_failed (fixture->store, id, FALSE, "refused", 300, &error));
  enqueue (fixture->store, 6, "sent", 1000, RPO_FOR_SEND, 200, NULL);
  g_assert_no_error (error);

  assert_to_ship (fixture->store, NULL, "4,5,6s,7");

  /* the pending one confirmed: gone */
  g_assert_true (eo_store_outbox_mark_done (fixture->store,
                                            enqueue (fixture->store, 6, "sent", 1000,
                                                     RPO_FOR_SEND, 200, NULL),
                                            400, &error));
  assert_to_ship (fixture->store, NULL, "4,5,7");

  /* shipped from here before the sync first fetched it: not listed when it is saved */
  g_assert_true (eo_store_outbox_mark_done (fixture->store,
                                            enqueue (fixture->store, 8, "sent", 1000,
                                                     RPO_FOR_SEND, 200, NULL),
                                            400, &error));
  save_paid (fixture->store, 8, 8);
  assert_to_ship (fixture->store, NULL, "4,5,7");
}

/* Another shop's log, outbox and set-aside orders do not count for this one */
static void
test_other_shop (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 id;

  eo_store_set_account (fixture->store, "mine");
  save_paid (fixture->store, 1, 1);
  save_paid (fixture->store, 2, 2);
  save_paid (fixture->store, 3, 3);

  eo_store_set_account (fixture->store, "other");
  id = enqueue (fixture->store, 1, "sent", 1000, RPO_FOR_SEND, 200, NULL);
  g_assert_true (eo_store_outbox_mark_done (fixture->store, id, 300, &error));
  enqueue (fixture->store, 2, "sent", 1000, RPO_FOR_SEND, 200, NULL);
  g_assert_true (eo_store_set_aside (fixture->store, 3, 300, &error));
  /* and the other shop does not see this shop's orders */
  assert_to_ship (fixture->store, NULL, "");

  eo_store_set_account (fixture->store, "mine");
  assert_to_ship (fixture->store, NULL, "1,2,3");
}

/* Set aside: gone from the list; undone: back; undoing twice is an error */
static void
test_set_aside (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 at = 0;

  save_paid (fixture->store, 1, 1);
  save_paid (fixture->store, 2, 2);

  g_assert_true (eo_store_set_aside (fixture->store, 1, 500, &error));
  g_assert_true (eo_store_set_aside (fixture->store, 1, 600, &error));
  g_assert_true (eo_store_is_set_aside (fixture->store, 1, &at, &error));
  g_assert_cmpint (at, ==, 500);
  g_assert_false (eo_store_is_set_aside (fixture->store, 2, NULL, &error));
  g_assert_no_error (error);
  assert_to_ship (fixture->store, NULL, "2");

  g_assert_true (eo_store_undo_set_aside (fixture->store, 1, &error));
  assert_to_ship (fixture->store, NULL, "1,2");
  g_assert_false (eo_store_undo_set_aside (fixture->store, 1, &error));
  g_assert_error (error, EO_STORE_ERROR, EO_STORE_ERROR_NOT_FOUND);
}

/* Oldest paid first (the creation time without a payment date); filters by text, product, since */
static void
test_order_and_filters (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) list = NULL;
  g_autoptr(EoToShipOrder) first = NULL;
  EoToShipFilter by_text = { .text = "крыл" };
  EoToShipFilter by_good = { .good_id = "55" };
  EoToShipFilter by_none = { .text = "--" };
  EoToShipFilter by_since = { .since = 1709460000 /* 2024-03-03 10:00 UTC */ };

  save_json (fixture->store, 10, "paid", "2024-03-09 10:00:00", "2024-03-01 10:00:00", "170100",
             "", "42", "Иванова");
  save_json (fixture->store, 11, "paid", "2024-03-02 10:00:00", "2024-03-02 09:00:00", "170100",
             "", "55", "Крылова");
  save_json (fixture->store, 12, "paid", "", "2024-03-05 10:00:00", "170100", "", "42", "Петрова");
  /* without "paid" the order can still be paid (pay_status): sorted by its creation */
  assert_to_ship (fixture->store, NULL, "11,12,10");

  assert_to_ship (fixture->store, &by_text, "11");
  assert_to_ship (fixture->store, &by_good, "11");
  assert_to_ship (fixture->store, &by_none, "");
  assert_to_ship (fixture->store, &by_since, "12");

  list = eo_store_to_ship (fixture->store, NULL, &error);
  g_assert_no_error (error);
  first = g_list_model_get_item (list, 0);
  g_assert_cmpstr (eo_to_ship_order_get_full_name (first), ==, "Крылова");
  g_assert_cmpstr (eo_to_ship_order_get_postalcode (first), ==, "170100");
  g_assert_cmpint (eo_to_ship_order_get_item_count (first), ==, 2);
  g_assert_cmpint (eo_to_ship_order_get_total (first), ==, 129000);
  g_assert_cmpint (eo_to_ship_order_get_paid_at (first), ==, 1709362800);
}

/* The async call gives the same list */
static void
test_async (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GListModel) list = NULL;
  g_autoptr(GError) error = NULL;
  EoToShipFilter filter = { .good_id = "42" };

  save_paid (fixture->store, 1, 1);
  eo_store_to_ship_async (fixture->store, &filter, NULL, store_result_cb, &result);
  list = eo_store_to_ship_finish (fixture->store, wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);
}

static void
test_sync_state (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *day = NULL;
  gint64 at = 0;

  eo_store_set_account (fixture->store, "mine");
  g_assert_false (eo_store_get_sync_state (fixture->store, &day, &at, &error));
  g_assert_no_error (error);
  g_assert_true (eo_store_set_sync_state (fixture->store, "2024-03-01", 100, &error));
  g_assert_true (eo_store_set_sync_state (fixture->store, "2024-03-05", 200, &error));
  g_assert_true (eo_store_get_sync_state (fixture->store, &day, &at, &error));
  g_assert_cmpstr (day, ==, "2024-03-05");
  g_assert_cmpint (at, ==, 200);
  g_clear_pointer (&day, g_free);

  eo_store_set_account (fixture->store, "other");
  g_assert_false (eo_store_get_sync_state (fixture->store, &day, &at, &error));
  g_assert_no_error (error);
}

/* An order saved by schema 3 is listed once the file is migrated: the new columns are filled
 * from the saved JSON */
static void
test_migration_fills_facts (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  save_paid (fixture->store, 1, 1);
  save_paid (fixture->store, 2, 2);
  g_assert_true (eo_store_outbox_mark_done (fixture->store,
                                            enqueue (fixture->store, 2, "sent", 1000, RPO_FOR_SEND,
                                                     200, NULL),
                                            300, &error));
  g_clear_object (&fixture->store);
  raw_exec (fixture->path,
            "DROP INDEX log_sent_rpo; DROP INDEX outbox_sent_rpo;"
            "DROP TABLE print_run_orders; DROP TABLE print_runs;"
            "DROP INDEX orders_to_ship; DROP INDEX log_done; DROP TRIGGER log_settles;"
            "ALTER TABLE orders DROP COLUMN settled;"
            "DROP TABLE sync_state; DROP TABLE set_aside;"
            "ALTER TABLE orders DROP COLUMN postalcode; ALTER TABLE orders DROP COLUMN is_paid;"
            "ALTER TABLE orders DROP COLUMN paid_at; ALTER TABLE orders DROP COLUMN created_at;"
            "ALTER TABLE orders DROP COLUMN item_count; ALTER TABLE orders DROP COLUMN total;"
            "ALTER TABLE orders DROP COLUMN good_ids; PRAGMA user_version = 3;");
  reopen (fixture);
  g_assert_cmpint (eo_store_get_opened_version (fixture->store), ==, 3);
  assert_to_ship (fixture->store, NULL, "1");
  g_assert_cmpint (raw_int (fixture->path, "SELECT total FROM orders WHERE bill_id = 1"), ==, 129000);
  g_assert_cmpint (raw_int (fixture->path, "SELECT settled FROM orders WHERE bill_id = 2"), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  ADD ("/store-ship/paid-with-address", test_paid_with_address);
  ADD ("/store-ship/log-and-outbox", test_log_and_outbox);
  ADD ("/store-ship/other-shop", test_other_shop);
  ADD ("/store-ship/set-aside", test_set_aside);
  ADD ("/store-ship/order-and-filters", test_order_and_filters);
  ADD ("/store-ship/async", test_async);
  ADD ("/store-ship/sync-state", test_sync_state);
  ADD ("/store-ship/migration-fills-facts", test_migration_fills_facts);

  return g_test_run ();
}

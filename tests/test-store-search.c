/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-store-search.c: searching the saved orders: names, phones, tracking numbers, hostile text */

#include "config.h"

#include "store-test-util.h"

static void
test_search_fields (Fixture       *fixture,
                    gconstpointer  data)
{
  fill_search_orders (fixture->store);

  /* Number, whole and as a prefix */
  assert_search (fixture->store, "1001", "1001");
  assert_search (fixture->store, "100", "1003,1002,1001");

  /* Each part of the name, any case, and as a prefix */
  assert_search (fixture->store, "Иванов", "2001,1001");
  assert_search (fixture->store, "иван", "2001,1001");
  /* "пётр" is also the start of "Петрович" */
  assert_search (fixture->store, "ИВАНОВ ПЁТР", "2001,1001");
  assert_search (fixture->store, "ПЁТР ИВАНОВ Невский", "2001");
  assert_search (fixture->store, "петрович", "1001");
  assert_search (fixture->store, "smith", "1003");
  assert_search (fixture->store, "Мария Семёнова", "1002");
  /* ё and е are one letter for the search */
  assert_search (fixture->store, "Семенова", "1002");
  assert_search (fixture->store, "петр", "2001,1001");

  /* E-mail, whole and in part */
  assert_search (fixture->store, "ivan.petrov@mail.ru", "1001");
  assert_search (fixture->store, "masha@", "1002");
  assert_search (fixture->store, "mail.ru", "2001,1001");

  /* Phone in any format */
  assert_search (fixture->store, "+7 (912) 345-67-89", "1001");
  assert_search (fixture->store, "89123456789", "1001");
  assert_search (fixture->store, "9123456789", "1001");
  assert_search (fixture->store, "+79123456789", "1001");
  assert_search (fixture->store, "345-67-89", "1001");
  assert_search (fixture->store, "8 843 200", "1002");
  assert_search (fixture->store, "+7 916 111", "2001");
  assert_search (fixture->store, "7946 0958", "1003");

  /* City */
  assert_search (fixture->store, "москва", "1001");
  assert_search (fixture->store, "санкт-петербург", "2001");
  assert_search (fixture->store, "Петербург", "2001");

  /* Address */
  assert_search (fixture->store, "ленина", "1001");
  assert_search (fixture->store, "Baker", "1003");
  assert_search (fixture->store, "невский", "2001");

  /* Words narrow each other down */
  assert_search (fixture->store, "иванов москва", "1001");
  assert_search (fixture->store, "иванов london", "");
}

static void
test_search_tracking (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) found = NULL;
  g_autoptr(EoStoredOrder) row = NULL;
  gint64 sent, abroad;

  fill_search_orders (fixture->store);

  sent = enqueue (fixture->store, 1001, "sent", 1700000000, "62001411000016", 50, NULL);
  abroad = enqueue (fixture->store, 1003, "sent", 1700000000, "ra123456785ru", 50, NULL);

  /* Not searchable until the service confirmed it */
  assert_search (fixture->store, "62001411000016", "");

  g_assert_true (eo_store_outbox_mark_done (fixture->store, sent, 60, &error));
  g_assert_no_error (error);
  g_assert_true (eo_store_outbox_mark_done (fixture->store, abroad, 60, &error));
  g_assert_no_error (error);

  assert_search (fixture->store, "62001411000016", "1001");
  assert_search (fixture->store, "620014 11 00001 6", "1001");
  assert_search (fixture->store, "6200141100", "1001");
  assert_search (fixture->store, "RA123456785RU", "1003");
  assert_search (fixture->store, "RA 1234 5678 5RU", "1003");
  assert_search (fixture->store, "ra-12345678", "1003");
  assert_search (fixture->store, "ra123456", "1003");

  found = eo_store_search (fixture->store, "62001411000016", 10, &error);
  g_assert_no_error (error);
  row = g_list_model_get_item (found, 0);
  g_assert_cmpstr (eo_stored_order_get_tracking (row), ==, "62001411000016");
  g_assert_cmpstr (eo_stored_order_get_local_status (row), ==, "sent");

  /* Fetched again: the tracking number stays */
  save (fixture->store, 1001, "Иван", "Иванов", "Петрович", "ivan.petrov@mail.ru", "", "Москва",
        "", 70);
  assert_search (fixture->store, "62001411000016", "1001");
}

static void
test_search_tracking_before_fetch (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 id;

  /* Shipped from a batch file before the order was ever opened */
  id = enqueue (fixture->store, 5005, "sent", 1700000000, "62001411000016", 50, NULL);
  g_assert_true (eo_store_outbox_mark_done (fixture->store, id, 60, &error));
  g_assert_no_error (error);

  save (fixture->store, 5005, "Лев", "Толстой", "", "", "", "Тула", "", 70);
  assert_search (fixture->store, "62001411000016", "5005");
}

static void
test_search_hostile_text (Fixture       *fixture,
                          gconstpointer  data)
{
  const char *texts[] = {
    "\"", "\"\"", "*", "-", "+", "(", ")", "NEAR(", "a OR b", "NOT x", "AND", "^x", "x:y",
    "bill_id:1001", "'; DROP TABLE orders; --", "ab\"cd", "иван\"", "{first_name}: x", "\\",
    "+7 (", "12345\"", "((((((", "%", "_",
  };

  fill_search_orders (fixture->store);

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autofree char *ids = search_ids (fixture->store, texts[i]);

      g_test_message ("%s -> %s", texts[i], ids);
    }

  /* FTS syntax is taken as words, not as operators */
  assert_search (fixture->store, "NOT иванов", "");
  assert_search (fixture->store, "иванов OR", "");
  assert_search (fixture->store, "bill_id:1001", "");
  assert_search (fixture->store, "'; DROP TABLE orders; --", "");
  assert_search (fixture->store, "1001", "1001");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  ADD ("/store/search/fields", test_search_fields);
  ADD ("/store/search/tracking", test_search_tracking);
  ADD ("/store/search/tracking-before-fetch", test_search_tracking_before_fetch);
  ADD ("/store/search/hostile-text", test_search_hostile_text);

  return g_test_run ();
}

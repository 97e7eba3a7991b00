/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-store-schema.c: opening the store's file, migrating older schemas, refusing newer ones */

#include "config.h"

#include "store-test-util.h"

static void
test_migrate_empty (Fixture       *fixture,
                    gconstpointer  data)
{
  g_assert_cmpint (eo_store_get_opened_version (fixture->store), ==, 0);
  g_assert_cmpint (raw_int (fixture->path, "PRAGMA user_version"), ==, EO_STORE_SCHEMA_VERSION);
  g_assert_cmpint (raw_int (fixture->path, "SELECT count(*) FROM sqlite_master WHERE name IN"
                                           " ('orders', 'orders_fts', 'outbox', 'log')"), ==, 4);
  g_assert_cmpstr (eo_store_get_path (fixture->store), ==, fixture->path);

  /* WAL mode is a property of the file */
  g_assert_cmpint (raw_int (fixture->path, "SELECT journal_mode = 'wal' FROM pragma_journal_mode"),
                   ==, 1);

  /* Opening again migrates nothing */
  reopen (fixture);
  g_assert_cmpint (eo_store_get_opened_version (fixture->store), ==, EO_STORE_SCHEMA_VERSION);
}

static void
test_migrate_from_v1 (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) pending = NULL;
  g_autofree char *json = NULL;

  /* The schema of version 1, as that version wrote it, with data in it */
  raw_exec (fixture->path,
            "CREATE TABLE orders ("
            "  bill_id INTEGER PRIMARY KEY, full_name TEXT NOT NULL DEFAULT '',"
            "  email TEXT NOT NULL DEFAULT '', phone TEXT NOT NULL DEFAULT '',"
            "  city TEXT NOT NULL DEFAULT '', fetched_at INTEGER NOT NULL, raw_json TEXT NOT NULL);"
            "CREATE TABLE outbox ("
            "  id INTEGER PRIMARY KEY, bill_id INTEGER NOT NULL, status TEXT NOT NULL, date INTEGER,"
            "  rpo TEXT NOT NULL DEFAULT '', state INTEGER NOT NULL DEFAULT 0,"
            "  attempts INTEGER NOT NULL DEFAULT 0, created_at INTEGER NOT NULL,"
            "  next_attempt INTEGER NOT NULL, last_error TEXT NOT NULL DEFAULT '');"
            "INSERT INTO orders VALUES (1001, 'Иванов Иван Петрович', 'ivan@example.ru',"
            "  '+7 (912) 345-67-89', 'Москва', 100,"
            "  '{\"id\":1001,\"first_name\":\"\\u0418\\u0432\\u0430\\u043d\",\"last_name\":\"Иванов\","
            "    \"middle_name\":\"Петрович\",\"address\":\"ул. Ленина, 5\",\"pay_status\":\"paid\"}');"
            "INSERT INTO orders VALUES (1002, 'Smith', '', '', 'Omsk', 200, 'not json');"
            "INSERT INTO outbox VALUES (1, 1001, 'sent', 1700000000, '62001411000016', 1, 0, 90, 90, '');"
            "INSERT INTO outbox VALUES (2, 1002, 'paid', 1700000000, '', 0, 2, 150, 160, 'timeout');"
            "PRAGMA user_version = 1;");

  fixture->store = eo_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (eo_store_get_opened_version (fixture->store), ==, 1);
  g_assert_cmpint (raw_int (fixture->path, "PRAGMA user_version"), ==, EO_STORE_SCHEMA_VERSION);

  /* The data is kept, and the new columns are filled from it */
  json = eo_store_get_order_json (fixture->store, 1002, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json, ==, "not json");
  assert_search (fixture->store, "иван", "1001");
  assert_search (fixture->store, "Петрович", "1001");
  assert_search (fixture->store, "ленина", "1001");
  assert_search (fixture->store, "89123456789", "1001");
  assert_search (fixture->store, "62001411000016", "1001");
  assert_search (fixture->store, "omsk", "1002");

  pending = eo_store_outbox_list_pending (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pending->len, ==, 1);
  g_assert_cmpint (((EoOutboxChange *) pending->pdata[0])->bill_id, ==, 1002);
  g_assert_cmpuint (((EoOutboxChange *) pending->pdata[0])->attempts, ==, 2);
  /* from before shops were recorded: any shop's account may send it */
  g_assert_cmpstr (((EoOutboxChange *) pending->pdata[0])->account, ==, "");
  eo_store_set_account (fixture->store, "shop");
  {
    g_autofree char *ids = claim_ids_released (fixture->store, 1000, 10);

    g_assert_cmpstr (ids, ==, "2");
  }
}

static void
test_migrate_too_new (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EoStore) store = NULL;

  raw_exec (fixture->path, "CREATE TABLE future (x); PRAGMA user_version = 99;");

  store = eo_store_open (fixture->path, &error);
  g_assert_error (error, EO_STORE_ERROR, EO_STORE_ERROR_TOO_NEW);
  g_assert_null (store);
  /* Left as it was */
  g_assert_cmpint (raw_int (fixture->path, "PRAGMA user_version"), ==, 99);
}

static void
test_open_bad_path (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EoStore) store = eo_store_open ("/proc/no-such-dir/orders.db", &error);

  g_assert_error (error, EO_STORE_ERROR, EO_STORE_ERROR_OPEN);
  g_assert_null (store);
}

static void
test_default_path (void)
{
  g_autofree char *path = eo_store_get_default_path ();
  g_autofree char *expected = g_build_filename (g_get_user_data_dir (), "expertam-orders",
                                                "orders.db", NULL);

  g_assert_cmpstr (path, ==, expected);
}

static void
test_two_connections (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EoStore) other = NULL;
  g_autoptr(GPtrArray) pending = NULL;

  /* The command line queues a change while the app has the file open */
  other = eo_store_open (fixture->path, &error);
  g_assert_no_error (error);
  enqueue (other, 9, "cancel", 0, NULL, 100, NULL);

  pending = eo_store_outbox_list_pending (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pending->len, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  ADD ("/store/migrate/empty", test_migrate_empty);
  ADD_UNOPENED ("/store/migrate/from-v1", test_migrate_from_v1);
  ADD_UNOPENED ("/store/migrate/too-new", test_migrate_too_new);
  g_test_add_func ("/store/open/bad-path", test_open_bad_path);
  g_test_add_func ("/store/open/default-path", test_default_path);
  ADD ("/store/two-connections", test_two_connections);

  return g_test_run ();
}

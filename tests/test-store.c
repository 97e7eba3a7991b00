/* test-store.c: the SQLite store: migrations, history and search, outbox, log */

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "eo-error.h"
#include "eo-store.h"

#define RPO_FOR_SEND "62001411000016"

typedef struct
{
  char    *dir;
  char    *path;
  EoStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp (NULL, &error);
  g_assert_no_error (error);
  /* A folder that does not exist yet: open creates it */
  fixture->path = g_build_filename (fixture->dir, "data", "orders.db", NULL);

  if (data == NULL)
    {
      fixture->store = eo_store_open (fixture->path, &error);
      g_assert_no_error (error);
      g_assert_nonnull (fixture->store);
    }
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    {
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          remove_tree (child);
        }
    }

  g_remove (path);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
  remove_tree (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static void
reopen (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  g_clear_object (&fixture->store);
  fixture->store = eo_store_open (fixture->path, &error);
  g_assert_no_error (error);
}

/* Runs SQL on the file directly, as an older app version would have */
static void
raw_exec (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;
  g_autofree char *dir = g_path_get_dirname (path);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("SQL failed: %s", message);
  sqlite3_close (db);
}

static gint64
raw_int (const char *path,
         const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return value;
}

static void
save (EoStore    *store,
      gint64      bill_id,
      const char *first,
      const char *last,
      const char *middle,
      const char *email,
      const char *phone,
      const char *city,
      const char *address,
      gint64      now)
{
  EoStoreOrderFields fields = {
    .bill_id = bill_id, .first_name = first, .last_name = last, .middle_name = middle,
    .email = email, .phone = phone, .city = city, .address = address, .pay_status = "waiting",
  };
  g_autofree char *json = g_strdup_printf ("{\"id\":\"%" G_GINT64_FORMAT "\",\"first_name\":\"%s\"}",
                                           bill_id, first);
  g_autoptr(GError) error = NULL;

  g_assert_true (eo_store_save_order_fields (store, &fields, json, now, &error));
  g_assert_no_error (error);
}

/* The bill ids a search finds, as "3,1" (newest first) */
static char *
search_ids (EoStore    *store,
            const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) found = eo_store_search (store, text, 50, &error);
  GString *ids = g_string_new (NULL);

  g_assert_no_error (error);
  g_assert_nonnull (found);

  for (guint i = 0; i < g_list_model_get_n_items (found); i++)
    {
      g_autoptr(EoStoredOrder) row = g_list_model_get_item (found, i);

      g_string_append_printf (ids, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "",
                              eo_stored_order_get_bill_id (row));
    }

  return g_string_free (ids, FALSE);
}

#define assert_search(store, text, expected) \
  G_STMT_START { \
    g_autofree char *_ids = search_ids ((store), (text)); \
    g_assert_cmpstr (_ids, ==, (expected)); \
  } G_STMT_END

static GDateTime *
date_at (gint64 unix_time)
{
  return g_date_time_new_from_unix_utc (unix_time);
}

static gint64
enqueue (EoStore    *store,
         gint64      bill_id,
         const char *status,
         gint64      date,
         const char *rpo,
         gint64      now,
         gboolean   *out_existing)
{
  g_autoptr(GDateTime) when = date != 0 ? date_at (date) : NULL;
  g_autoptr(EoOutboxChange) change = eo_outbox_change_new (bill_id, status, when, rpo);
  g_autoptr(GError) error = NULL;
  gint64 id;

  id = eo_store_outbox_enqueue (store, change, now, out_existing, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_assert_cmpint (change->id, ==, id);

  return id;
}

/* The ids claim_due hands out at now, as "1,3" */
static char *
claim_ids (EoStore *store,
           gint64   now,
           guint    max)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) due = eo_store_outbox_claim_due (store, now, max, &error);
  GString *ids = g_string_new (NULL);

  g_assert_no_error (error);

  for (guint i = 0; i < due->len; i++)
    {
      EoOutboxChange *change = g_ptr_array_index (due, i);

      g_string_append_printf (ids, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "", change->id);
    }

  return g_string_free (ids, FALSE);
}

/* claim_ids, then every claimed change given back */
static char *
claim_ids_released (EoStore *store,
                    gint64   now,
                    guint    max)
{
  char *ids = claim_ids (store, now, max);
  g_auto(GStrv) each = g_strsplit (ids, ",", -1);

  for (guint i = 0; each[i] != NULL; i++)
    if (each[i][0] != '\0')
      eo_store_outbox_release (store, g_ascii_strtoll (each[i], NULL, 10));

  return ids;
}

static EoOutboxChange *
get_change (EoStore *store,
            gint64   id)
{
  g_autoptr(GError) error = NULL;
  EoOutboxChange *change = eo_store_outbox_get (store, id, &error);

  g_assert_no_error (error);
  return change;
}

/* ------------------------------------------------------------------------------------------- */

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

static EoOrder *
order_from_fixture (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", name, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  EoOrder *order;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  order = eo_order_new_from_json (json_parser_get_root (parser), "shop.expertam.ru", &error);
  g_assert_no_error (error);

  return order;
}

static void
save_order_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
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

static void
fill_search_orders (EoStore *store)
{
  save (store, 1001, "Иван", "Иванов", "Петрович", "ivan.petrov@mail.ru", "+7 (912) 345-67-89",
        "Москва", "ул. Ленина, д. 5, кв. 12", 10);
  save (store, 1002, "Мария", "Семёнова", "Олеговна", "masha@yandex.ru", "8 (843) 200-11-22",
        "Казань", "пр. Победы, 17", 20);
  save (store, 1003, "John", "Smith", "", "john@example.com", "+44 20 7946 0958",
        "London", "221B Baker Street", 30);
  save (store, 2001, "Пётр", "Иванов", "", "petr@mail.ru", "9161112233",
        "Санкт-Петербург", "Невский проспект, 1", 40);
}

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

static void
test_outbox_ordering (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *ids = NULL;
  gint64 a, b, c, a2;
  gint64 when = 0;

  a = enqueue (fixture->store, 1, "paid", 1700000000, NULL, 100, NULL);
  b = enqueue (fixture->store, 2, "sent", 1700000000, "62001411000016", 110, NULL);
  c = enqueue (fixture->store, 3, "cancel", 0, NULL, 120, NULL);
  /* A second change of order 1 waits for the first */
  a2 = enqueue (fixture->store, 1, "sent", 1700000000, "RA123456785RU", 130, NULL);

  g_assert_true (eo_store_outbox_next_attempt (fixture->store, &when, &error));
  g_assert_cmpint (when, ==, 100);

  /* Nothing is due before it was queued */
  ids = claim_ids (fixture->store, 99, 10);
  g_assert_cmpstr (ids, ==, "");
  g_clear_pointer (&ids, g_free);

  /* Oldest first, up to the limit */
  {
    g_autofree char *expected = g_strdup_printf ("%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT, a, b);

    ids = claim_ids (fixture->store, 1000, 2);
    g_assert_cmpstr (ids, ==, expected);
    g_clear_pointer (&ids, g_free);
  }
  {
    g_autofree char *expected = NULL;

    /* a and b are in flight: c is next; a2 waits behind a */
    ids = claim_ids (fixture->store, 1000, 10);
    expected = g_strdup_printf ("%" G_GINT64_FORMAT, c);
    g_assert_cmpstr (ids, ==, expected);
    g_clear_pointer (&ids, g_free);
  }

  g_assert_true (eo_store_outbox_mark_done (fixture->store, a, 1001, &error));
  g_assert_no_error (error);
  {
    g_autofree char *expected = g_strdup_printf ("%" G_GINT64_FORMAT, a2);

    ids = claim_ids (fixture->store, 1001, 10);
    g_assert_cmpstr (ids, ==, expected);
    g_clear_pointer (&ids, g_free);
  }

  /* Released (cancelled): due again */
  eo_store_outbox_release (fixture->store, b);
  {
    g_autofree char *expected = g_strdup_printf ("%" G_GINT64_FORMAT, b);

    ids = claim_ids (fixture->store, 1001, 10);
    g_assert_cmpstr (ids, ==, expected);
  }
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

/* A change is for the shop it was made for: another shop's account never sends it */
static void
test_outbox_accounts (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) pending = NULL;
  g_autoptr(EoOutboxChange) a = NULL;
  g_autofree char *ids = NULL;
  g_autofree char *expected = NULL;
  gboolean existing = TRUE;
  gint64 for_a, for_b, same_for_b, legacy;

  /* From before shops were recorded: any shop may send it */
  g_assert_null (eo_store_get_account (fixture->store));
  legacy = enqueue (fixture->store, 3, "cancel", 0, NULL, 100, NULL);

  eo_store_set_account (fixture->store, "shop-a");
  g_assert_cmpstr (eo_store_get_account (fixture->store), ==, "shop-a");
  for_a = enqueue (fixture->store, 1, "sent", 1700000000, "62001411000016", 100, NULL);
  a = get_change (fixture->store, for_a);
  g_assert_cmpstr (a->account, ==, "shop-a");
  g_assert_true (eo_outbox_change_is_for (a, "shop-a"));
  g_assert_false (eo_outbox_change_is_for (a, "shop-b"));
  g_assert_false (eo_outbox_change_is_for (a, NULL));

  eo_store_set_account (fixture->store, "shop-b");
  for_b = enqueue (fixture->store, 2, "paid", 1700000000, NULL, 100, NULL);
  /* the same change for another shop is a change of its own, not a duplicate */
  same_for_b = enqueue (fixture->store, 1, "sent", 1700000000, "62001411000016", 100, &existing);
  g_assert_false (existing);
  g_assert_cmpint (same_for_b, !=, for_a);

  /* shop-b sends its own and the unrecorded one, never shop-a's */
  ids = claim_ids_released (fixture->store, 1000, 10);
  expected = g_strdup_printf ("%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT,
                              legacy, for_b, same_for_b);
  g_assert_cmpstr (ids, ==, expected);
  g_clear_pointer (&ids, g_free);
  g_clear_pointer (&expected, g_free);

  /* shop-a's is listed, waiting for its shop */
  pending = eo_store_outbox_list_pending (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pending->len, ==, 4);
  g_assert_cmpstr (((EoOutboxChange *) pending->pdata[0])->account, ==, "");
  g_assert_true (eo_outbox_change_is_for (pending->pdata[0], "shop-b"));
  g_assert_cmpstr (((EoOutboxChange *) pending->pdata[1])->account, ==, "shop-a");

  /* back on shop-a: its change goes out (the order's own sequence is per shop) */
  eo_store_set_account (fixture->store, "shop-a");
  ids = claim_ids_released (fixture->store, 1000, 10);
  expected = g_strdup_printf ("%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT, legacy, for_a);
  g_assert_cmpstr (ids, ==, expected);
  g_clear_pointer (&ids, g_free);

  /* no shop set: all of them */
  eo_store_set_account (fixture->store, NULL);
  ids = claim_ids_released (fixture->store, 1000, 10);
  {
    g_auto(GStrv) each = g_strsplit (ids, ",", -1);

    /* order 1 has a change for each shop: one waits while the other is in flight */
    g_assert_cmpuint (g_strv_length (each), ==, 3);
  }
}

static void
test_outbox_ordering_exact (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) due = NULL;
  gint64 ids[4];

  /* Queued in one order, due in another after failures */
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    ids[i] = enqueue (fixture->store, 10 + i, "cancel", 0, NULL, 100 + i, NULL);

  due = eo_store_outbox_claim_due (fixture->store, 200, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (due->len, ==, 4);
  for (guint i = 0; i < 4; i++)
    g_assert_cmpint (((EoOutboxChange *) due->pdata[i])->id, ==, ids[i]);
  g_clear_pointer (&due, g_ptr_array_unref);

  /* ids[0] fails twice (due at 300 + 10), ids[1] once (due at 300 + 5) */
  g_assert_true (eo_store_outbox_mark_failed (fixture->store, ids[0], TRUE, "timeout", 295, &error));
  g_assert_true (eo_store_outbox_mark_failed (fixture->store, ids[0], TRUE, "timeout", 300, &error));
  g_assert_true (eo_store_outbox_mark_failed (fixture->store, ids[1], TRUE, "timeout", 300, &error));
  g_assert_no_error (error);
  eo_store_outbox_release (fixture->store, ids[2]);
  eo_store_outbox_release (fixture->store, ids[3]);

  due = eo_store_outbox_claim_due (fixture->store, 400, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (due->len, ==, 4);
  g_assert_cmpint (((EoOutboxChange *) due->pdata[0])->id, ==, ids[2]);
  g_assert_cmpint (((EoOutboxChange *) due->pdata[1])->id, ==, ids[3]);
  g_assert_cmpint (((EoOutboxChange *) due->pdata[2])->id, ==, ids[1]);
  g_assert_cmpint (((EoOutboxChange *) due->pdata[3])->id, ==, ids[0]);
}

static void
test_outbox_dedup (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) pending = NULL;
  g_autoptr(GPtrArray) many = NULL;
  gboolean existing = TRUE;
  gint64 a, again, other_rpo, other_date, done_again;

  a = enqueue (fixture->store, 7, "sent", 1700000000, "62001411000016", 100, &existing);
  g_assert_false (existing);

  /* The same change, typed differently: the same row */
  again = enqueue (fixture->store, 7, "sent", 1700000000, " 6200 1411-000016 ", 200, &existing);
  g_assert_true (existing);
  g_assert_cmpint (again, ==, a);

  other_rpo = enqueue (fixture->store, 7, "sent", 1700000000, "RA123456785RU", 200, &existing);
  g_assert_false (existing);
  g_assert_cmpint (other_rpo, !=, a);

  other_date = enqueue (fixture->store, 7, "sent", 1700000001, "62001411000016", 200, &existing);
  g_assert_false (existing);
  g_assert_cmpint (other_date, !=, a);

  /* Once done, the same change may be made again (a new row) */
  g_assert_true (eo_store_outbox_mark_done (fixture->store, a, 300, &error));
  g_assert_no_error (error);
  done_again = enqueue (fixture->store, 7, "sent", 1700000000, "62001411000016", 400, &existing);
  g_assert_false (existing);
  g_assert_cmpint (done_again, !=, a);

  /* Many at once: duplicates inside the list and of pending rows collapse */
  many = g_ptr_array_new_with_free_func ((GDestroyNotify) eo_outbox_change_unref);
  g_ptr_array_add (many, eo_outbox_change_new (8, "cancel", NULL, NULL));
  g_ptr_array_add (many, eo_outbox_change_new (8, "cancel", NULL, NULL));
  g_ptr_array_add (many, eo_outbox_change_new (7, "sent", NULL, "RA123456785RU"));
  g_assert_false (eo_store_outbox_enqueue_many (fixture->store, many, 500, &error));
  g_assert_error (error, EO_STORE_ERROR, EO_STORE_ERROR_INVALID);
  g_clear_error (&error);
  /* All or none: nothing of it was queued */
  pending = eo_store_outbox_list_pending (fixture->store, &error);
  g_assert_cmpuint (pending->len, ==, 3);
  g_clear_pointer (&pending, g_ptr_array_unref);

  g_ptr_array_remove_index (many, 2);
  g_assert_true (eo_store_outbox_enqueue_many (fixture->store, many, 500, &error));
  g_assert_no_error (error);
  g_assert_cmpint (((EoOutboxChange *) many->pdata[0])->id, ==,
                   ((EoOutboxChange *) many->pdata[1])->id);

  pending = eo_store_outbox_list_pending (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pending->len, ==, 4);
  /* Oldest first */
  g_assert_cmpint (((EoOutboxChange *) pending->pdata[0])->id, ==, other_rpo);
}

static void
test_outbox_invalid (Fixture       *fixture,
                     gconstpointer  data)
{
  struct {
    gint64      bill_id;
    const char *status;
    gint64      date;
    const char *rpo;
  } bad[] = {
    { 0, "paid", 1700000000, NULL },
    { 1, "shipped", 1700000000, NULL },
    { 1, "sent", 1700000000, NULL },
    { 1, "sent", 1700000000, "  " },
    { 1, "sent", 0, "62001411000016" },
    { 1, "paid", 0, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GDateTime) date = bad[i].date != 0 ? date_at (bad[i].date) : NULL;
      g_autoptr(EoOutboxChange) change = eo_outbox_change_new (bad[i].bill_id, bad[i].status,
                                                               date, bad[i].rpo);
      g_autoptr(GError) error = NULL;

      g_assert_cmpint (eo_store_outbox_enqueue (fixture->store, change, 100, NULL, &error), ==, 0);
      g_assert_error (error, EO_STORE_ERROR, EO_STORE_ERROR_INVALID);
    }

  /* return and cancel need neither */
  enqueue (fixture->store, 1, "return", 0, NULL, 100, NULL);
  enqueue (fixture->store, 1, "cancel", 0, NULL, 100, NULL);
}

static void
test_outbox_backoff (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EoOutboxChange) change = NULL;
  g_autoptr(GError) network = g_error_new_literal (EO_ERROR, EO_ERROR_NETWORK, "No route to host");
  EoOutboxState state = EO_OUTBOX_STATE_DONE;
  gint64 now = 1000;
  gint64 id;
  gint64 expected_delay = 5;

  g_assert_cmpint (eo_outbox_backoff_delay (1), ==, 5);
  g_assert_cmpint (eo_outbox_backoff_delay (2), ==, 10);
  g_assert_cmpint (eo_outbox_backoff_delay (3), ==, 20);
  g_assert_cmpint (eo_outbox_backoff_delay (9), ==, 1280);
  g_assert_cmpint (eo_outbox_backoff_delay (10), ==, EO_OUTBOX_BACKOFF_MAX);
  g_assert_cmpint (eo_outbox_backoff_delay (1000), ==, EO_OUTBOX_BACKOFF_MAX);

  id = enqueue (fixture->store, 42, "paid", 1700000000, NULL, now, NULL);

  for (guint attempt = 1; attempt <= 12; attempt++)
    {
      g_autofree char *ids = claim_ids (fixture->store, now, 10);
      g_autofree char *expected = g_strdup_printf ("%" G_GINT64_FORMAT, id);

      g_assert_cmpstr (ids, ==, expected);

      /* Network failures are retried, later each time */
      g_assert_true (eo_store_outbox_complete (fixture->store, id, network, now, &state, &error));
      g_assert_no_error (error);
      g_assert_cmpint (state, ==, EO_OUTBOX_STATE_PENDING);

      g_clear_pointer (&change, eo_outbox_change_unref);
      change = get_change (fixture->store, id);
      g_assert_cmpuint (change->attempts, ==, attempt);
      g_assert_cmpint (change->next_attempt, ==, now + expected_delay);
      g_assert_cmpstr (change->last_error, ==, "No route to host");

      /* Not a second early */
      g_clear_pointer (&ids, g_free);
      ids = claim_ids (fixture->store, now + expected_delay - 1, 10);
      g_assert_cmpstr (ids, ==, "");

      now += expected_delay;
      expected_delay = MIN (expected_delay * 2, EO_OUTBOX_BACKOFF_MAX);
    }

  /* A person's retry makes it due now and starts the backoff over */
  g_assert_true (eo_store_outbox_retry (fixture->store, id, now - 100, &error));
  g_assert_no_error (error);
  g_clear_pointer (&change, eo_outbox_change_unref);
  change = get_change (fixture->store, id);
  g_assert_cmpuint (change->attempts, ==, 0);
  g_assert_cmpint (change->next_attempt, ==, now - 100);

  /* Then it works */
  {
    g_autofree char *ids = claim_ids (fixture->store, now, 10);

    g_assert_cmpstr (ids, !=, "");
  }
  g_assert_true (eo_store_outbox_complete (fixture->store, id, NULL, now, &state, &error));
  g_assert_no_error (error);
  g_assert_cmpint (state, ==, EO_OUTBOX_STATE_DONE);
  g_assert_false (eo_store_outbox_next_attempt (fixture->store, NULL, &error));
  g_assert_no_error (error);
}

static void
test_outbox_refusal (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) refusal = eo_error_new_from_api (3, "wrong posted data");
  g_autoptr(GError) bad_signature = g_error_new_literal (EO_ERROR, EO_ERROR_BAD_SIGNATURE,
                                                         "The reply's signature is wrong");
  g_autoptr(GError) rate_limit = eo_error_new_from_api (8, "limit");
  g_autoptr(GError) cancelled = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "Cancelled");
  g_autoptr(GPtrArray) failed = NULL;
  g_autoptr(GPtrArray) log = NULL;
  g_autoptr(EoOutboxChange) change = NULL;
  EoOutboxState state;
  gint64 refused, tampered, limited, requeued;
  gboolean existing;

  refused = enqueue (fixture->store, 1, "paid", 1700000000, NULL, 100, NULL);
  tampered = enqueue (fixture->store, 2, "paid", 1700000000, NULL, 100, NULL);
  limited = enqueue (fixture->store, 3, "paid", 1700000000, NULL, 100, NULL);
  g_free (claim_ids (fixture->store, 100, 10));

  g_assert_true (eo_store_outbox_complete (fixture->store, refused, refusal, 101, &state, &error));
  g_assert_cmpint (state, ==, EO_OUTBOX_STATE_FAILED);
  g_assert_true (eo_store_outbox_complete (fixture->store, tampered, bad_signature, 101, &state,
                                           &error));
  g_assert_cmpint (state, ==, EO_OUTBOX_STATE_FAILED);
  /* Code 8 (rate limit) is worth retrying */
  g_assert_true (eo_store_outbox_complete (fixture->store, limited, rate_limit, 101, &state, &error));
  g_assert_cmpint (state, ==, EO_OUTBOX_STATE_PENDING);
  g_assert_no_error (error);

  /* Refused changes are never due again, however late it gets */
  {
    g_autofree char *ids = claim_ids (fixture->store, G_MAXINT32, 10);
    g_autofree char *expected = g_strdup_printf ("%" G_GINT64_FORMAT, limited);

    g_assert_cmpstr (ids, ==, expected);
  }

  /* Cancelled: nothing changes, it is just free to be claimed again */
  g_assert_true (eo_store_outbox_complete (fixture->store, limited, cancelled, 102, &state, &error));
  g_assert_no_error (error);
  g_assert_cmpint (state, ==, EO_OUTBOX_STATE_PENDING);
  change = get_change (fixture->store, limited);
  g_assert_cmpuint (change->attempts, ==, 1);

  /* The person sees them, with the service's reason */
  failed = eo_store_outbox_list_failed (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (failed->len, ==, 2);
  g_assert_cmpint (((EoOutboxChange *) failed->pdata[0])->id, ==, refused);
  g_assert_nonnull (strstr (((EoOutboxChange *) failed->pdata[0])->last_error, "wrong posted data"));
  g_assert_cmpint (((EoOutboxChange *) failed->pdata[0])->state, ==, EO_OUTBOX_STATE_FAILED);

  /* Queueing the same change again puts the failed one back (one row, not two) */
  requeued = enqueue (fixture->store, 1, "paid", 1700000000, NULL, 200, &existing);
  g_assert_false (existing);
  g_assert_cmpint (requeued, ==, refused);
  g_clear_pointer (&change, eo_outbox_change_unref);
  change = get_change (fixture->store, refused);
  g_assert_cmpint (change->state, ==, EO_OUTBOX_STATE_PENDING);
  g_assert_cmpstr (change->last_error, ==, "");

  /* The person drops the other one */
  g_assert_true (eo_store_outbox_discard (fixture->store, tampered, 300, &error));
  g_assert_no_error (error);
  g_clear_pointer (&failed, g_ptr_array_unref);
  failed = eo_store_outbox_list_failed (fixture->store, &error);
  g_assert_cmpuint (failed->len, ==, 0);

  /* A done change cannot be dropped; an unknown one is not found */
  g_assert_true (eo_store_outbox_mark_done (fixture->store, refused, 400, &error));
  g_assert_false (eo_store_outbox_discard (fixture->store, refused, 400, &error));
  g_assert_error (error, EO_STORE_ERROR, EO_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (eo_store_outbox_mark_done (fixture->store, 9999, 400, &error));
  g_assert_error (error, EO_STORE_ERROR, EO_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* The log tells the story of order 1, newest first */
  log = eo_store_list_log (fixture->store, 1, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (log->len, ==, 4);
  g_assert_cmpint (((EoLogEntry *) log->pdata[0])->result, ==, EO_LOG_DONE);
  g_assert_cmpint (((EoLogEntry *) log->pdata[0])->at, ==, 400);
  g_assert_cmpint (((EoLogEntry *) log->pdata[1])->result, ==, EO_LOG_QUEUED);
  g_assert_cmpint (((EoLogEntry *) log->pdata[2])->result, ==, EO_LOG_FAILED);
  g_assert_nonnull (strstr (((EoLogEntry *) log->pdata[2])->message, "wrong posted data"));
  g_assert_cmpint (((EoLogEntry *) log->pdata[3])->result, ==, EO_LOG_QUEUED);
  g_assert_cmpstr (((EoLogEntry *) log->pdata[3])->status, ==, "paid");
  g_assert_cmpint (g_date_time_to_unix (((EoLogEntry *) log->pdata[3])->date), ==, 1700000000);
  g_clear_pointer (&log, g_ptr_array_unref);

  log = eo_store_list_log (fixture->store, 0, 100, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (log->len, ==, 9);
}

static void
test_outbox_retry_duplicate (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) pending = NULL;
  g_autoptr(EoOutboxChange) change = NULL;
  gint64 first, second;

  /* A change refused, queued again by hand: the refused copy is not revived beside it */
  first = enqueue (fixture->store, 5, "cancel", 0, NULL, 100, NULL);
  g_assert_true (eo_store_outbox_mark_failed (fixture->store, first, FALSE, "no", 101, &error));
  g_assert_no_error (error);
  raw_exec (fixture->path, "INSERT INTO outbox (bill_id, status, rpo, state, created_at, next_attempt)"
                           " VALUES (5, 'cancel', '', 0, 102, 102)");
  second = raw_int (fixture->path, "SELECT max(id) FROM outbox");

  g_assert_true (eo_store_outbox_retry (fixture->store, first, 200, &error));
  g_assert_no_error (error);
  pending = eo_store_outbox_list_pending (fixture->store, &error);
  g_assert_cmpuint (pending->len, ==, 1);
  g_assert_cmpint (((EoOutboxChange *) pending->pdata[0])->id, ==, second);
  change = get_change (fixture->store, first);
  g_assert_cmpint (change->state, ==, EO_OUTBOX_STATE_DISCARDED);
}

static void
test_outbox_durable (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) pending = NULL;
  g_autoptr(GPtrArray) claimed = NULL;
  EoOutboxChange *change;
  gint64 id;

  id = enqueue (fixture->store, 77, "sent", 1700000000, "62001411000016", 100, NULL);
  g_free (claim_ids (fixture->store, 100, 10));

  /* The app dies with the change in flight */
  reopen (fixture);

  pending = eo_store_outbox_list_pending (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pending->len, ==, 1);
  change = pending->pdata[0];
  g_assert_cmpint (change->id, ==, id);
  g_assert_cmpint (change->bill_id, ==, 77);
  g_assert_cmpstr (change->status, ==, "sent");
  g_assert_cmpstr (change->rpo, ==, "62001411000016");
  g_assert_cmpint (g_date_time_to_unix (change->date), ==, 1700000000);
  g_assert_cmpint (change->created_at, ==, 100);

  /* And it is due again at once */
  claimed = eo_store_outbox_claim_due (fixture->store, 100, 4, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (claimed->len, ==, 1);
}

/* Async ------------------------------------------------------------------------------------- */

static void
store_result_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);

  return *slot;
}

static void
test_async (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EoStore) store = NULL;
  g_autoptr(GListModel) found = NULL;
  g_autoptr(GListModel) recent = NULL;
  g_autoptr(GDateTime) date = date_at (1700000000);
  g_autoptr(EoOutboxChange) change = eo_outbox_change_new (1001, "sent", date, "62001411000016");
  g_autoptr(GError) network = g_error_new_literal (EO_ERROR, EO_ERROR_TIMEOUT, "Timed out");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *json = NULL;
  GAsyncResult *result = NULL;
  EoOutboxState state;
  gint64 id;

  eo_store_open_async (fixture->path, NULL, store_result_cb, &result);
  store = eo_store_open_finish (wait_for (&result), &error);
  g_assert_no_error (error);
  g_clear_object (&result);

  fill_search_orders (store);

  eo_store_search_async (store, "Москва", 10, NULL, store_result_cb, &result);
  found = eo_store_search_finish (store, wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (found), ==, 1);
  g_clear_object (&result);

  eo_store_recent_orders_async (store, 3, NULL, store_result_cb, &result);
  recent = eo_store_recent_orders_finish (store, wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (recent), ==, 3);
  g_clear_object (&result);

  eo_store_get_order_json_async (store, 1002, NULL, store_result_cb, &result);
  json = eo_store_get_order_json_finish (store, wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (json);
  g_clear_object (&result);

  /* A search cancelled (replaced by a newer one) reports that */
  g_cancellable_cancel (cancellable);
  eo_store_search_async (store, "Москва", 10, cancellable, store_result_cb, &result);
  g_assert_null (eo_store_search_finish (store, wait_for (&result), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_clear_object (&result);

  eo_store_outbox_enqueue_async (store, change, 100, NULL, store_result_cb, &result);
  id = eo_store_outbox_enqueue_finish (store, wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_clear_object (&result);

  g_free (claim_ids (store, 100, 1));
  eo_store_outbox_complete_async (store, id, network, 100, NULL, store_result_cb, &result);
  g_assert_true (eo_store_outbox_complete_finish (store, wait_for (&result), &state, &error));
  g_assert_no_error (error);
  g_assert_cmpint (state, ==, EO_OUTBOX_STATE_PENDING);
  g_clear_object (&result);

  eo_store_open_async ("/proc/no-such-dir/orders.db", NULL, store_result_cb, &result);
  g_assert_null (eo_store_open_finish (wait_for (&result), &error));
  g_assert_error (error, EO_STORE_ERROR, EO_STORE_ERROR_OPEN);
  g_clear_object (&result);
}

typedef struct
{
  guint      running;
  guint      max_running;
  GPtrArray *sent;        /* EoOutboxChange, in the order they were started */
  guint      progress_calls;
  guint      progress_failed;
} FakeService;

static gboolean
fake_reply_cb (gpointer data)
{
  GTask *task = data;
  FakeService *service = g_task_get_task_data (task);
  EoOutboxChange *change = g_object_get_data (G_OBJECT (task), "change");

  service->running--;

  if (change->bill_id == 2)
    g_task_return_new_error (task, EO_ERROR, EO_ERROR_NETWORK, "Connection refused");
  else if (change->bill_id == 3)
    g_task_return_error (task, eo_error_new_from_api (302, "no such order"));
  else if (change->bill_id == 4)
    g_task_return_error_if_cancelled (task);
  else
    g_task_return_boolean (task, TRUE);

  return G_SOURCE_REMOVE;
}

static void
fake_send (EoOutboxChange      *change,
           GCancellable        *cancellable,
           GAsyncReadyCallback  callback,
           gpointer             callback_data,
           gpointer             user_data)
{
  FakeService *service = user_data;
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, callback_data);

  g_task_set_task_data (task, service, NULL);
  g_task_set_check_cancellable (task, FALSE);
  g_object_set_data_full (G_OBJECT (task), "change", eo_outbox_change_ref (change),
                          (GDestroyNotify) eo_outbox_change_unref);
  g_ptr_array_add (service->sent, eo_outbox_change_ref (change));
  service->running++;
  service->max_running = MAX (service->max_running, service->running);
  g_idle_add_full (G_PRIORITY_DEFAULT, fake_reply_cb, g_object_ref (task), g_object_unref);
}

static gboolean
fake_finish (GAsyncResult  *result,
             GError       **error,
             gpointer       user_data)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
fake_progress (EoOutboxChange *change,
               EoOutboxState   state,
               const GError   *error,
               gpointer        user_data)
{
  FakeService *service = user_data;

  service->progress_calls++;
  if (state == EO_OUTBOX_STATE_FAILED)
    {
      service->progress_failed++;
      g_assert_nonnull (error);
      g_assert_true (eo_error_is_refusal (error));
    }
}

static void
test_outbox_send_due (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) pending = NULL;
  g_autoptr(GPtrArray) failed = NULL;
  FakeService service = { 0 };
  GAsyncResult *result = NULL;
  guint done = 0, refused = 0, retry = 0;
  gint64 first_of_1, second_of_1;
  gint64 first_pos = -1, second_pos = -1;

  service.sent = g_ptr_array_new_with_free_func ((GDestroyNotify) eo_outbox_change_unref);

  first_of_1 = enqueue (fixture->store, 1, "paid", 1700000000, NULL, 100, NULL);
  enqueue (fixture->store, 2, "paid", 1700000000, NULL, 100, NULL);   /* network: retried */
  enqueue (fixture->store, 3, "paid", 1700000000, NULL, 100, NULL);   /* refused */
  for (gint64 bill = 10; bill < 20; bill++)
    enqueue (fixture->store, bill, "cancel", 0, NULL, 100, NULL);
  second_of_1 = enqueue (fixture->store, 1, "sent", 1700000000, RPO_FOR_SEND, 100, NULL);

  eo_store_outbox_send_due_async (fixture->store, 200, 3, fake_send, fake_finish, fake_progress,
                                  &service, NULL, store_result_cb, &result);
  g_assert_true (eo_store_outbox_send_due_finish (fixture->store, wait_for (&result), &done,
                                                  &refused, &retry, &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  /* Every change once, never more than 3 at a time; order 1's two changes in order */
  g_assert_cmpuint (service.sent->len, ==, 14);
  g_assert_cmpuint (service.max_running, ==, 3);
  for (guint i = 0; i < service.sent->len; i++)
    {
      EoOutboxChange *change = g_ptr_array_index (service.sent, i);

      if (change->id == first_of_1)
        first_pos = i;
      if (change->id == second_of_1)
        second_pos = i;
    }
  g_assert_cmpint (first_pos, >=, 0);
  g_assert_cmpint (second_pos, >, first_pos);

  g_assert_cmpuint (done, ==, 12);
  g_assert_cmpuint (refused, ==, 1);
  g_assert_cmpuint (retry, ==, 1);
  g_assert_cmpuint (service.progress_calls, ==, 14);
  g_assert_cmpuint (service.progress_failed, ==, 1);

  pending = eo_store_outbox_list_pending (fixture->store, &error);
  g_assert_cmpuint (pending->len, ==, 1);
  g_assert_cmpint (((EoOutboxChange *) pending->pdata[0])->bill_id, ==, 2);
  g_assert_cmpint (((EoOutboxChange *) pending->pdata[0])->next_attempt, ==, 205);
  failed = eo_store_outbox_list_failed (fixture->store, &error);
  g_assert_cmpuint (failed->len, ==, 1);
  g_assert_cmpint (((EoOutboxChange *) failed->pdata[0])->bill_id, ==, 3);

  /* Nothing due: it finishes at once */
  g_ptr_array_set_size (service.sent, 0);
  eo_store_outbox_send_due_async (fixture->store, 200, 0, fake_send, fake_finish, NULL,
                                  &service, NULL, store_result_cb, &result);
  g_assert_true (eo_store_outbox_send_due_finish (fixture->store, wait_for (&result), &done,
                                                  NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (done, ==, 0);
  g_assert_cmpuint (service.sent->len, ==, 0);
  g_clear_object (&result);

  g_ptr_array_unref (service.sent);
}

static void
test_outbox_send_cancelled (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) pending = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  FakeService service = { 0 };
  GAsyncResult *result = NULL;

  service.sent = g_ptr_array_new_with_free_func ((GDestroyNotify) eo_outbox_change_unref);

  /* Order 4's reply honours the cancellable: cancelled before it comes, it stays pending */
  enqueue (fixture->store, 4, "cancel", 0, NULL, 100, NULL);
  eo_store_outbox_send_due_async (fixture->store, 200, 4, fake_send, fake_finish, fake_progress,
                                  &service, cancellable, store_result_cb, &result);
  g_cancellable_cancel (cancellable);
  g_assert_false (eo_store_outbox_send_due_finish (fixture->store, wait_for (&result), NULL,
                                                   NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_object (&result);
  g_clear_error (&error);

  pending = eo_store_outbox_list_pending (fixture->store, &error);
  g_assert_cmpuint (pending->len, ==, 1);
  g_assert_cmpuint (((EoOutboxChange *) pending->pdata[0])->attempts, ==, 0);
  g_assert_cmpuint (service.progress_calls, ==, 0);

  g_ptr_array_unref (service.sent);
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

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
#define ADD_UNOPENED(path, func) \
  g_test_add (path, Fixture, "unopened", fixture_set_up, func, fixture_tear_down)

  ADD ("/store/migrate/empty", test_migrate_empty);
  ADD_UNOPENED ("/store/migrate/from-v1", test_migrate_from_v1);
  ADD_UNOPENED ("/store/migrate/too-new", test_migrate_too_new);
  g_test_add_func ("/store/open/bad-path", test_open_bad_path);
  g_test_add_func ("/store/open/default-path", test_default_path);
  ADD ("/store/history/save-get-recent", test_save_get_recent);
  ADD ("/store/history/save-order-model", test_save_order_model);
  ADD ("/store/search/fields", test_search_fields);
  ADD ("/store/search/tracking", test_search_tracking);
  ADD ("/store/search/tracking-before-fetch", test_search_tracking_before_fetch);
  ADD ("/store/search/hostile-text", test_search_hostile_text);
  ADD ("/store/outbox/ordering", test_outbox_ordering);
  ADD ("/store/outbox/ordering-after-backoff", test_outbox_ordering_exact);
  ADD ("/store/outbox/dedup", test_outbox_dedup);
  ADD ("/store/outbox/accounts", test_outbox_accounts);
  ADD ("/store/history/accounts", test_history_accounts);
  ADD ("/store/outbox/invalid", test_outbox_invalid);
  ADD ("/store/outbox/backoff", test_outbox_backoff);
  ADD ("/store/outbox/refusal", test_outbox_refusal);
  ADD ("/store/outbox/retry-duplicate", test_outbox_retry_duplicate);
  ADD ("/store/outbox/durable", test_outbox_durable);
  ADD ("/store/outbox/send-due", test_outbox_send_due);
  ADD ("/store/outbox/send-cancelled", test_outbox_send_cancelled);
  ADD ("/store/async", test_async);
  ADD ("/store/two-connections", test_two_connections);

  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* store-test-util.c: the store tests' shared fixture and helpers */

#include "config.h"

#include "store-test-util.h"

#include <glib/gstdio.h>
#include <string.h>

void
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

void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
  remove_tree (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

void
reopen (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  g_clear_object (&fixture->store);
  fixture->store = eo_store_open (fixture->path, &error);
  g_assert_no_error (error);
}

/* Runs SQL on the file directly, as an older app version would have */
void
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

gint64
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


void
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
char *
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

GDateTime *
date_at (gint64 unix_time)
{
  return g_date_time_new_from_unix_utc (unix_time);
}

gint64
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
char *
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
char *
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

EoOutboxChange *
get_change (EoStore *store,
            gint64   id)
{
  g_autoptr(GError) error = NULL;
  EoOutboxChange *change = eo_store_outbox_get (store, id, &error);

  g_assert_no_error (error);
  return change;
}

/* Four orders the search and async tests look for */
void
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

EoOrder *
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

EoOrder *
order_from_json (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  EoOrder *order;

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  order = eo_order_new_from_json (json_parser_get_root (parser), "shop.expertam.ru", &error);
  g_assert_no_error (error);

  return order;
}

void
store_result_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

GAsyncResult *
wait_for (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);

  return *slot;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-store-print-runs.c: the print runs kept per shop: recorded, listed, read back, migrated */

#include "config.h"

#include "store-test-util.h"

static gint64
record (EoStore    *store,
        const char *forms,
        gint64      first_bill_id,
        guint       n_orders,
        gint64      now)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EoPrintRun) run = eo_print_run_new (forms);
  gint64 id;

  for (guint i = 0; i < n_orders; i++)
    eo_print_run_add_order (run, first_bill_id + i, 100 * (i + 1), 1000 * (i + 1), NULL);

  id = eo_store_record_print_run (store, run, now, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);

  return id;
}

/* The runs listed, as "3:1005,1006 2:1003" (newest first) */
static char *
list_ids (EoStore *store,
          guint    limit)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) runs = eo_store_list_print_runs (store, limit, &error);
  GString *text = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < runs->len; i++)
    {
      EoPrintRun *run = g_ptr_array_index (runs, i);
      g_autofree char *bill_ids = eo_print_run_join_bill_ids (run, ",");

      g_string_append_printf (text, "%s%" G_GINT64_FORMAT ":%s", i > 0 ? " " : "", run->id,
                              bill_ids);
    }

  return g_string_free (text, FALSE);
}

static void
test_record_and_get (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EoPrintRun) run = eo_print_run_new ("slip,7p");
  g_autoptr(EoPrintRun) back = NULL;
  const EoPrintRunOrder *order;
  gint64 id;

  run->blank = TRUE;
  run->list_number = 3;
  run->id = 99;                /* ignored */
  run->created_at = 5;         /* ignored */
  eo_print_run_add_order (run, 1002, 377000, 377000, "LS018350611RU");
  eo_print_run_add_order (run, 1001, 0, 129000, NULL);

  id = eo_store_record_print_run (fixture->store, run, 1700000000, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);

  /* Read back after the file is opened again */
  reopen (fixture);
  back = eo_store_get_print_run (fixture->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (back->id, ==, id);
  g_assert_cmpint (back->created_at, ==, 1700000000);
  g_assert_cmpstr (back->forms, ==, "slip,7p");
  g_assert_true (back->blank);
  g_assert_cmpuint (back->list_number, ==, 3);
  g_assert_cmpuint (back->orders->len, ==, 2);

  /* In the order printed, each with its own sums */
  order = eo_print_run_get_order (back, 0);
  g_assert_cmpint (order->bill_id, ==, 1002);
  g_assert_cmpint (order->cod, ==, 377000);
  g_assert_cmpint (order->declared_value, ==, 377000);
  g_assert_cmpstr (order->tracking, ==, "LS018350611RU");
  order = eo_print_run_get_order (back, 1);
  g_assert_cmpint (order->bill_id, ==, 1001);
  g_assert_cmpint (order->cod, ==, 0);
  g_assert_cmpint (order->declared_value, ==, 129000);
  g_assert_cmpstr (order->tracking, ==, "");

  /* The copy is the same run */
  {
    g_autoptr(EoPrintRun) copy = eo_print_run_copy (back);
    g_autofree char *ids = eo_print_run_join_bill_ids (copy, " ");

    g_assert_cmpint (copy->id, ==, id);
    g_assert_true (copy->blank);
    g_assert_cmpstr (ids, ==, "1002 1001");
    g_assert_cmpstr (eo_print_run_get_order (copy, 0)->tracking, ==, "LS018350611RU");
  }
}

static void
test_list_newest_first (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) runs = NULL;
  g_autofree char *all = NULL;
  g_autofree char *two = NULL;
  g_autofree char *expected_all = NULL;
  g_autofree char *expected_two = NULL;
  gint64 a, b, c;

  runs = eo_store_list_print_runs (fixture->store, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (runs->len, ==, 0);

  /* Recorded in the same second: still newest first */
  a = record (fixture->store, "slip", 1001, 1, 100);
  b = record (fixture->store, "7p", 1002, 2, 100);
  c = record (fixture->store, "list", 1005, 3, 200);

  all = list_ids (fixture->store, 10);
  expected_all = g_strdup_printf ("%" G_GINT64_FORMAT ":1005,1006,1007 %" G_GINT64_FORMAT
                                  ":1002,1003 %" G_GINT64_FORMAT ":1001", c, b, a);
  g_assert_cmpstr (all, ==, expected_all);

  two = list_ids (fixture->store, 2);
  expected_two = g_strdup_printf ("%" G_GINT64_FORMAT ":1005,1006,1007 %" G_GINT64_FORMAT
                                  ":1002,1003", c, b);
  g_assert_cmpstr (two, ==, expected_two);

  /* The listed runs carry their sums and forms */
  g_clear_pointer (&runs, g_ptr_array_unref);
  runs = eo_store_list_print_runs (fixture->store, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (runs->len, ==, 1);
  g_assert_cmpstr (((EoPrintRun *) runs->pdata[0])->forms, ==, "list");
  g_assert_cmpint (((EoPrintRun *) runs->pdata[0])->created_at, ==, 200);
  g_assert_cmpint (eo_print_run_get_order (runs->pdata[0], 2)->cod, ==, 300);
  g_assert_cmpint (eo_print_run_get_order (runs->pdata[0], 2)->declared_value, ==, 3000);
}

static void
test_per_shop (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EoPrintRun) run = NULL;
  g_autofree char *none = NULL;
  g_autofree char *other = NULL;
  g_autofree char *mine = NULL;
  g_autofree char *expected = NULL;
  gint64 id, unset;

  eo_store_set_account (fixture->store, "mine");
  id = record (fixture->store, "slip", 1001, 1, 100);

  eo_store_set_account (fixture->store, "other");
  other = list_ids (fixture->store, 10);
  g_assert_cmpstr (other, ==, "");
  run = eo_store_get_print_run (fixture->store, id, &error);
  g_assert_error (error, EO_STORE_ERROR, EO_STORE_ERROR_NOT_FOUND);
  g_assert_null (run);
  g_clear_error (&error);

  /* No shop set: the runs recorded with none, not another shop's */
  eo_store_set_account (fixture->store, NULL);
  unset = record (fixture->store, "7p", 2001, 1, 150);
  none = list_ids (fixture->store, 10);
  expected = g_strdup_printf ("%" G_GINT64_FORMAT ":2001", unset);
  g_assert_cmpstr (none, ==, expected);
  g_clear_pointer (&expected, g_free);

  eo_store_set_account (fixture->store, "mine");
  mine = list_ids (fixture->store, 10);
  expected = g_strdup_printf ("%" G_GINT64_FORMAT ":1001", id);
  g_assert_cmpstr (mine, ==, expected);
  run = eo_store_get_print_run (fixture->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (run->id, ==, id);
}

static void
test_bad_run (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EoPrintRun) no_orders = eo_print_run_new ("slip");
  g_autoptr(EoPrintRun) no_forms = eo_print_run_new (" , ");
  g_autoptr(EoPrintRun) negative = eo_print_run_new ("7p");
  g_autoptr(EoPrintRun) bad_id = eo_print_run_new ("7p");
  g_autoptr(EoPrintRun) no_list = eo_print_run_new ("list");
  g_autoptr(EoPrintRun) unknown = NULL;
  EoPrintRun *bad[] = { no_orders, no_forms, negative, bad_id, no_list };

  eo_print_run_add_order (no_forms, 1001, 0, 0, NULL);
  eo_print_run_add_order (negative, 1001, 100, 100, NULL);
  eo_print_run_add_order (negative, 1002, 0, -1, NULL);
  eo_print_run_add_order (bad_id, 0, 0, 0, NULL);
  eo_print_run_add_order (no_list, 1001, 0, 0, NULL);
  no_list->list_number = 0;

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_assert_cmpint (eo_store_record_print_run (fixture->store, bad[i], 100, &error), ==, 0);
      g_assert_error (error, EO_STORE_ERROR, EO_STORE_ERROR_INVALID);
      g_clear_error (&error);
    }

  /* Nothing of them was kept */
  g_assert_cmpint (raw_int (fixture->path, "SELECT count(*) FROM print_runs"), ==, 0);
  g_assert_cmpint (raw_int (fixture->path, "SELECT count(*) FROM print_run_orders"), ==, 0);

  unknown = eo_store_get_print_run (fixture->store, 42, &error);
  g_assert_error (error, EO_STORE_ERROR, EO_STORE_ERROR_NOT_FOUND);
  g_assert_null (unknown);
}

/* Every row of every table but the print runs', as text, to compare a file before and after */
static char *
dump_tables (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *tables = NULL;
  GString *dump = g_string_new (NULL);

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "SELECT type, name, ifnull (sql, '') FROM sqlite_master"
                                       " WHERE tbl_name NOT LIKE 'print_run%'"
                                       " AND name NOT IN ('log_sent_rpo', 'outbox_sent_rpo')"
                                       " ORDER BY name",
                                       -1, &tables, NULL), ==, SQLITE_OK);
  while (sqlite3_step (tables) == SQLITE_ROW)
    {
      const char *type = (const char *) sqlite3_column_text (tables, 0);
      const char *name = (const char *) sqlite3_column_text (tables, 1);
      g_autofree char *select = NULL;
      sqlite3_stmt *rows = NULL;

      g_string_append_printf (dump, "%s %s: %s\n", type, name, sqlite3_column_text (tables, 2));
      if (g_strcmp0 (type, "table") != 0)
        continue;

      /* (a table without rowid is in the order of its key) */
      select = g_strdup_printf ("SELECT * FROM \"%s\" ORDER BY rowid", name);
      if (sqlite3_prepare_v2 (db, select, -1, &rows, NULL) != SQLITE_OK)
        {
          g_free (select);
          select = g_strdup_printf ("SELECT * FROM \"%s\"", name);
          g_assert_cmpint (sqlite3_prepare_v2 (db, select, -1, &rows, NULL), ==, SQLITE_OK);
        }
      while (sqlite3_step (rows) == SQLITE_ROW)
        {
          for (int c = 0; c < sqlite3_column_count (rows); c++)
            {
              const unsigned char *value = sqlite3_column_text (rows, c);

              g_string_append_printf (dump, "%s%s", c > 0 ? "|" : "  ",
                                      value != NULL ? (const char *) value : "NULL");
            }
          g_string_append_c (dump, '\n');
        }
      sqlite3_finalize (rows);
    }
  sqlite3_finalize (tables);
  sqlite3_close (db);

  return g_string_free (dump, FALSE);
}

/* A file of schema 4 with a row in every table migrates to the newest keeping each of them */
static void
test_migrate_from_v4 (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *runs = NULL;
  g_autofree char *expected = NULL;
  gint64 sent, id;

  /* Orders, changes (one done: the log has it; one pending), a sync state and one set aside */
  eo_store_set_account (fixture->store, "mine");
  save (fixture->store, 1001, "Иван", "Иванов", "", "ivan@example.ru", "+7 912 345-67-89",
        "Москва", "ул. Ленина, 5", 10);
  save (fixture->store, 1002, "Мария", "Семёнова", "", "", "", "Казань", "", 20);
  sent = enqueue (fixture->store, 1001, "sent", 1700000000, RPO_FOR_SEND, 30, NULL);
  g_assert_true (eo_store_outbox_mark_done (fixture->store, sent, 40, &error));
  g_assert_no_error (error);
  enqueue (fixture->store, 1002, "cancel", 0, NULL, 50, NULL);
  g_assert_true (eo_store_set_sync_state (fixture->store, "2024-03-05", 60, &error));
  g_assert_true (eo_store_set_aside (fixture->store, 1002, 70, &error));
  g_assert_no_error (error);
  g_clear_object (&fixture->store);

  /* As schema 4 left it: migrations 1 to 4 are the released ones, unchanged */
  raw_exec (fixture->path,
            "DROP INDEX log_sent_rpo; DROP INDEX outbox_sent_rpo;"
            "DROP TABLE print_run_orders; DROP TABLE print_runs; PRAGMA user_version = 4;");
  g_assert_cmpint (raw_int (fixture->path, "SELECT count(*) FROM log"), >, 0);
  g_assert_cmpint (raw_int (fixture->path, "SELECT count(*) FROM set_aside"), ==, 1);
  before = dump_tables (fixture->path);

  reopen (fixture);
  g_assert_cmpint (eo_store_get_opened_version (fixture->store), ==, 4);
  g_assert_cmpint (raw_int (fixture->path, "PRAGMA user_version"), ==, EO_STORE_SCHEMA_VERSION);

  /* Every row and every table, index and trigger as they were */
  after = dump_tables (fixture->path);
  g_assert_cmpstr (after, ==, before);

  /* ...and the new tables work */
  eo_store_set_account (fixture->store, "mine");
  id = record (fixture->store, "slip,7p", 1001, 2, 100);
  runs = list_ids (fixture->store, 5);
  expected = g_strdup_printf ("%" G_GINT64_FORMAT ":1001,1002", id);
  g_assert_cmpstr (runs, ==, expected);
  assert_search (fixture->store, "иванов", "1001");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  ADD ("/store-print-runs/record-and-get", test_record_and_get);
  ADD ("/store-print-runs/list-newest-first", test_list_newest_first);
  ADD ("/store-print-runs/per-shop", test_per_shop);
  ADD ("/store-print-runs/bad-run", test_bad_run);
  ADD ("/store-print-runs/migrate-from-v4", test_migrate_from_v4);

  return g_test_run ();
}

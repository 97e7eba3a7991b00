/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eo-store-schema.c: the store's schema, its migrations, and the SQL functions its index uses */

#include "config.h"

#include "eo-store-private.h"

#include <glib/gi18n-lib.h>

/* The indexed columns; the index gets them through eo_fold (ё is е for the search) */
#define FTS_COLUMNS \
  "bill_id, first_name, last_name, middle_name, email, phone, city, address, tracking"
#define FTS_VALUES(row) \
  row ".bill_id, eo_fold (" row ".first_name), eo_fold (" row ".last_name)," \
  " eo_fold (" row ".middle_name), eo_fold (" row ".email), eo_fold (" row ".phone)," \
  " eo_fold (" row ".city), eo_fold (" row ".address), eo_fold (" row ".tracking)"

/* Each entry takes the database from version i to i + 1; never edit a released one. */
static const char * const migrations[] = {
  /* 1: orders and outbox */
  "CREATE TABLE orders ("
  "  bill_id      INTEGER PRIMARY KEY,"
  "  full_name    TEXT NOT NULL DEFAULT '',"
  "  email        TEXT NOT NULL DEFAULT '',"
  "  phone        TEXT NOT NULL DEFAULT '',"
  "  city         TEXT NOT NULL DEFAULT '',"
  "  fetched_at   INTEGER NOT NULL,"
  "  raw_json     TEXT NOT NULL"
  ");"
  "CREATE TABLE outbox ("
  "  id           INTEGER PRIMARY KEY,"
  "  bill_id      INTEGER NOT NULL,"
  "  status       TEXT NOT NULL,"
  "  date         INTEGER,"
  "  rpo          TEXT NOT NULL DEFAULT '',"
  "  state        INTEGER NOT NULL DEFAULT 0,"
  "  attempts     INTEGER NOT NULL DEFAULT 0,"
  "  created_at   INTEGER NOT NULL,"
  "  next_attempt INTEGER NOT NULL,"
  "  last_error   TEXT NOT NULL DEFAULT ''"
  ");",

  /* 2: name parts, address, phone digits, tracking, full-text index, dedup, log */
  "ALTER TABLE orders ADD COLUMN first_name   TEXT NOT NULL DEFAULT '';"
  "ALTER TABLE orders ADD COLUMN last_name    TEXT NOT NULL DEFAULT '';"
  "ALTER TABLE orders ADD COLUMN middle_name  TEXT NOT NULL DEFAULT '';"
  "ALTER TABLE orders ADD COLUMN address      TEXT NOT NULL DEFAULT '';"
  "ALTER TABLE orders ADD COLUMN pay_status   TEXT NOT NULL DEFAULT '';"
  "ALTER TABLE orders ADD COLUMN phone_digits TEXT NOT NULL DEFAULT '';"
  "ALTER TABLE orders ADD COLUMN tracking     TEXT NOT NULL DEFAULT '';"
  "ALTER TABLE orders ADD COLUMN local_status TEXT NOT NULL DEFAULT '';"
  "UPDATE orders SET"
  "  first_name  = ifnull (CAST (json_extract (raw_json, '$.first_name') AS TEXT), ''),"
  "  last_name   = ifnull (CAST (json_extract (raw_json, '$.last_name') AS TEXT), ''),"
  "  middle_name = ifnull (CAST (json_extract (raw_json, '$.middle_name') AS TEXT), ''),"
  "  address     = ifnull (CAST (json_extract (raw_json, '$.address') AS TEXT), ''),"
  "  pay_status  = ifnull (CAST (json_extract (raw_json, '$.pay_status') AS TEXT), '')"
  "  WHERE json_valid (raw_json) AND json_type (raw_json) = 'object';"
  "UPDATE orders SET phone_digits = eo_phone_digits (phone);"
  "UPDATE orders SET"
  "  tracking = ifnull ((SELECT rpo FROM outbox WHERE outbox.bill_id = orders.bill_id"
  "                      AND status = 'sent' AND state = 1 ORDER BY id DESC LIMIT 1), ''),"
  "  local_status = ifnull ((SELECT status FROM outbox WHERE outbox.bill_id = orders.bill_id"
  "                          AND state = 1 ORDER BY id DESC LIMIT 1), '');"
  "CREATE INDEX orders_fetched ON orders (fetched_at);"
  /* Phone digits are matched anywhere in the number: a trigram index finds substrings */
  "CREATE VIRTUAL TABLE orders_phone_fts USING fts5 ("
  "  phone_digits, content = 'orders', content_rowid = 'bill_id', tokenize = 'trigram'"
  ");"
  "CREATE TRIGGER orders_phone_fts_insert AFTER INSERT ON orders BEGIN"
  "  INSERT INTO orders_phone_fts (rowid, phone_digits) VALUES (new.bill_id, new.phone_digits);"
  "END;"
  "CREATE TRIGGER orders_phone_fts_delete AFTER DELETE ON orders BEGIN"
  "  INSERT INTO orders_phone_fts (orders_phone_fts, rowid, phone_digits)"
  "  VALUES ('delete', old.bill_id, old.phone_digits);"
  "END;"
  "CREATE TRIGGER orders_phone_fts_update AFTER UPDATE OF phone_digits ON orders BEGIN"
  "  INSERT INTO orders_phone_fts (orders_phone_fts, rowid, phone_digits)"
  "  VALUES ('delete', old.bill_id, old.phone_digits);"
  "  INSERT INTO orders_phone_fts (rowid, phone_digits) VALUES (new.bill_id, new.phone_digits);"
  "END;"
  "INSERT INTO orders_phone_fts (orders_phone_fts) VALUES ('rebuild');"
  "CREATE VIRTUAL TABLE orders_fts USING fts5 (" FTS_COLUMNS ","
  "  content = 'orders', content_rowid = 'bill_id',"
  "  tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3'"
  ");"
  "CREATE TRIGGER orders_fts_insert AFTER INSERT ON orders BEGIN"
  "  INSERT INTO orders_fts (rowid, " FTS_COLUMNS ") VALUES (new.bill_id, " FTS_VALUES ("new") ");"
  "END;"
  "CREATE TRIGGER orders_fts_delete AFTER DELETE ON orders BEGIN"
  "  INSERT INTO orders_fts (orders_fts, rowid, " FTS_COLUMNS ")"
  "  VALUES ('delete', old.bill_id, " FTS_VALUES ("old") ");"
  "END;"
  "CREATE TRIGGER orders_fts_update"
  "  AFTER UPDATE OF first_name, last_name, middle_name, email, phone, city, address, tracking"
  "  ON orders BEGIN"
  "  INSERT INTO orders_fts (orders_fts, rowid, " FTS_COLUMNS ")"
  "  VALUES ('delete', old.bill_id, " FTS_VALUES ("old") ");"
  "  INSERT INTO orders_fts (rowid, " FTS_COLUMNS ") VALUES (new.bill_id, " FTS_VALUES ("new") ");"
  "END;"
  "INSERT INTO orders_fts (rowid, " FTS_COLUMNS ")"
  "  SELECT bill_id, " FTS_VALUES ("orders") " FROM orders;"
  "CREATE UNIQUE INDEX outbox_pending_once ON outbox (bill_id, status, ifnull (date, -1), rpo)"
  "  WHERE state = 0;"
  "CREATE INDEX outbox_by_bill ON outbox (bill_id, state);"
  "CREATE INDEX outbox_due ON outbox (state, next_attempt);"
  "CREATE TABLE log ("
  "  id           INTEGER PRIMARY KEY,"
  "  at           INTEGER NOT NULL,"
  "  change_id    INTEGER NOT NULL,"
  "  bill_id      INTEGER NOT NULL,"
  "  status       TEXT NOT NULL,"
  "  date         INTEGER,"
  "  rpo          TEXT NOT NULL DEFAULT '',"
  "  result       INTEGER NOT NULL,"
  "  message      TEXT NOT NULL DEFAULT ''"
  ");"
  "CREATE INDEX log_by_bill ON log (bill_id, id);",

  /* 3: the shop (its login) each change and each order is for; '' for those from before */
  "ALTER TABLE outbox ADD COLUMN account TEXT NOT NULL DEFAULT '';"
  "ALTER TABLE orders ADD COLUMN account TEXT NOT NULL DEFAULT '';"
  "DROP INDEX outbox_pending_once;"
  "CREATE UNIQUE INDEX outbox_pending_once"
  "  ON outbox (account, bill_id, status, ifnull (date, -1), rpo) WHERE state = 0;",

  /* 4: what the to-ship list reads from an order; the last synced day and the orders set aside,
   * per shop */
  "ALTER TABLE orders ADD COLUMN postalcode TEXT NOT NULL DEFAULT '';"
  "ALTER TABLE orders ADD COLUMN is_paid    INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE orders ADD COLUMN paid_at    INTEGER;"
  "ALTER TABLE orders ADD COLUMN created_at INTEGER;"
  "ALTER TABLE orders ADD COLUMN item_count INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE orders ADD COLUMN total      INTEGER;"
  "ALTER TABLE orders ADD COLUMN good_ids   TEXT NOT NULL DEFAULT '';"
  "UPDATE orders SET"
  "  postalcode = eo_order_fact (raw_json, 'postalcode'),"
  "  is_paid    = eo_order_fact (raw_json, 'is_paid'),"
  "  paid_at    = eo_order_fact (raw_json, 'paid_at'),"
  "  created_at = eo_order_fact (raw_json, 'created_at'),"
  "  item_count = eo_order_fact (raw_json, 'item_count'),"
  "  total      = eo_order_fact (raw_json, 'total'),"
  "  good_ids   = eo_order_fact (raw_json, 'good_ids');"
  /* settled: the log of the order's own shop has a successful sent, return or cancel for it;
   * kept by a trigger, so that the to-ship query starts from the few orders still open */
  "ALTER TABLE orders ADD COLUMN settled    INTEGER NOT NULL DEFAULT 0;"
  "UPDATE orders SET settled = " SETTLED_SQL ("orders.bill_id", "orders.account") ";"
  "CREATE TRIGGER log_settles AFTER INSERT ON log"
  "  WHEN new.result = 1 AND new.status IN ('sent', 'return', 'cancel') BEGIN"
  "  UPDATE orders SET settled = 1 WHERE bill_id = new.bill_id AND settled = 0"
  "    AND (account = '' OR ifnull ((SELECT account FROM outbox WHERE id = new.change_id), '')"
  "         IN ('', account));"
  "END;"
  /* the to-ship query's candidates, oldest paid first */
  "CREATE INDEX orders_to_ship ON orders (ifnull (paid_at, created_at), bill_id)"
  "  WHERE is_paid = 1 AND settled = 0 AND (postalcode <> '' OR trim (address) <> '');"
  "CREATE INDEX log_done ON log (bill_id, status) WHERE result = 1;"
  "CREATE TABLE sync_state ("
  "  account      TEXT PRIMARY KEY,"
  "  last_day     TEXT NOT NULL,"
  "  synced_at    INTEGER NOT NULL"
  ");"
  "CREATE TABLE set_aside ("
  "  account      TEXT NOT NULL,"
  "  bill_id      INTEGER NOT NULL,"
  "  at           INTEGER NOT NULL,"
  "  PRIMARY KEY (account, bill_id)"
  ");",

  /* 5: the print runs, per shop, and the orders of each with the sums printed for them */
  "CREATE TABLE print_runs ("
  "  id           INTEGER PRIMARY KEY,"
  "  account      TEXT NOT NULL,"
  "  created_at   INTEGER NOT NULL,"
  "  forms        TEXT NOT NULL,"
  "  blank        INTEGER NOT NULL DEFAULT 0,"
  "  list_number  INTEGER NOT NULL DEFAULT 1"
  ");"
  "CREATE INDEX print_runs_by_shop ON print_runs (account, id);"
  "CREATE TABLE print_run_orders ("
  "  run_id         INTEGER NOT NULL REFERENCES print_runs (id) ON DELETE CASCADE,"
  "  position       INTEGER NOT NULL,"
  "  bill_id        INTEGER NOT NULL,"
  "  cod            INTEGER NOT NULL,"
  "  declared_value INTEGER NOT NULL,"
  "  tracking       TEXT NOT NULL DEFAULT '',"
  "  PRIMARY KEY (run_id, position)"
  ");",

  /* 6: which order a tracking number was sent with (the scan station asks at every code) */
  ("CREATE INDEX log_sent_rpo ON log (rpo) WHERE status = 'sent' AND result = 1;"
   "CREATE INDEX outbox_sent_rpo ON outbox (rpo) WHERE status = 'sent' AND state = 0;"),
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == EO_STORE_SCHEMA_VERSION);

/* The digits of a phone number; a leading 7 or 8 of an 11-digit number (the country code,
 * or the trunk prefix) is dropped, so every way of writing a Russian number gives the same */
char *
eo_store_phone_digits (const char *phone)
{
  GString *digits = g_string_new (NULL);

  for (const char *p = phone != NULL ? phone : ""; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        g_string_append_c (digits, *p);
    }

  if (digits->len == 11 && (digits->str[0] == '7' || digits->str[0] == '8'))
    g_string_erase (digits, 0, 1);

  return g_string_free (digits, FALSE);
}

/* ё and Ё become е and Е: Russian is written both ways, and unicode61 keeps them apart */
char *
eo_store_fold_text (const char *text)
{
  GString *folded = g_string_new (NULL);

  for (const char *p = text != NULL ? text : ""; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == 0x0451)
        c = 0x0435;
      else if (c == 0x0401)
        c = 0x0415;
      g_string_append_unichar (folded, c);
    }

  return g_string_free (folded, FALSE);
}

static void
sql_fold (sqlite3_context  *context,
          int               argc,
          sqlite3_value   **argv)
{
  const char *text = (const char *) sqlite3_value_text (argv[0]);

  if (text == NULL)
    sqlite3_result_null (context);
  else
    sqlite3_result_text (context, eo_store_fold_text (text), -1, g_free);
}

static void
sql_phone_digits (sqlite3_context  *context,
                  int               argc,
                  sqlite3_value   **argv)
{
  char *digits = eo_store_phone_digits ((const char *) sqlite3_value_text (argv[0]));

  sqlite3_result_text (context, digits, -1, g_free);
}

gboolean
eo_store_schema_migrate (EoStore  *self,
                         GError  **error)
{
  sqlite3_stmt *stmt;
  int version;

  if (sqlite3_create_function (self->db, "eo_phone_digits", 1,
                               SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
                               NULL, sql_phone_digits, NULL, NULL) != SQLITE_OK)
    {
      eo_store_db_error (self, error);
      return FALSE;
    }

  if (sqlite3_create_function (self->db, "eo_fold", 1,
                               SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
                               NULL, sql_fold, NULL, NULL) != SQLITE_OK)
    {
      eo_store_db_error (self, error);
      return FALSE;
    }

  if (!eo_store_register_fact_function (self, error))
    return FALSE;

  /* One write transaction for the check and every step: a second process waits, then sees
   * the migrated version */
  if (!eo_store_begin (self, error))
    return FALSE;

  if (sqlite3_prepare_v2 (self->db, "PRAGMA user_version", -1, &stmt, NULL) != SQLITE_OK)
    {
      eo_store_db_error (self, error);
      eo_store_rollback (self);
      return FALSE;
    }
  sqlite3_step (stmt);
  version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);

  self->opened_version = version;

  if (version > EO_STORE_SCHEMA_VERSION)
    {
      eo_store_rollback (self);
      g_set_error (error, EO_STORE_ERROR, EO_STORE_ERROR_TOO_NEW,
                   _("The order database %s was written by a newer version of Expertam Orders. "
                     "Update the app to open it."), self->path);
      return FALSE;
    }

  for (int v = version; v < EO_STORE_SCHEMA_VERSION; v++)
    {
      g_autofree char *set_version = NULL;

      g_debug ("Migrating %s from schema %d to %d", self->path, v, v + 1);

      if (!eo_store_exec (self, migrations[v], error))
        {
          eo_store_rollback (self);
          return FALSE;
        }

      set_version = g_strdup_printf ("PRAGMA user_version = %d", v + 1);
      if (!eo_store_exec (self, set_version, error))
        {
          eo_store_rollback (self);
          return FALSE;
        }
    }

  return eo_store_commit (self, error);
}

/* eo-store.c
 *
 * One SQLite database in WAL mode: the orders fetched (raw JSON, searchable columns and an
 * FTS5 index), the outbox of status changes, and the log of what happened to them. Every call
 * takes the store's lock, so one connection serves the main thread and the GTask workers.
 */

#include "config.h"

#include <inttypes.h>

#include "eo-store.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "eo-error.h"
#include "eo-tracking.h"

G_DEFINE_QUARK (eo-store-error-quark, eo_store_error)

struct _EoStore
{
  GObject     parent_instance;

  GMutex      lock;
  sqlite3    *db;
  char       *path;
  int         opened_version;
  GHashTable *statements;   /* const char *sql (static) -> sqlite3_stmt */
  GHashTable *in_flight;    /* gint64 *id -> gint64 *bill_id */
  char       *account;      /* the shop changes are queued for and sent to; NULL: any */
};

G_DEFINE_FINAL_TYPE (EoStore, eo_store, G_TYPE_OBJECT)

/* ------------------------------------------------------------------------------------------- */
/* Schema                                                                                      */

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
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == EO_STORE_SCHEMA_VERSION);

#define OUTBOX_COLUMNS \
  "id, bill_id, status, date, rpo, state, attempts, created_at, next_attempt, last_error, account"

/* The store's shop, its orders and changes: those from before shops were recorded belong to
 * every shop; with no shop set, everything matches. Parameter 7 of every statement using it,
 * bound by bind_account() */
#define ACCOUNT_MATCHES "(?7 IS NULL OR account = ?7 OR account = '')"
#define ACCOUNT_PARAM   7

#define ORDER_COLUMNS \
  "bill_id, full_name, email, phone, city, address, pay_status, tracking, local_status, fetched_at"

/* ------------------------------------------------------------------------------------------- */
/* SQLite helpers (the caller holds the lock)                                                  */

static gboolean
set_db_error (EoStore  *self,
              GError  **error)
{
  g_set_error (error, EO_STORE_ERROR, EO_STORE_ERROR_FAILED,
               _("The order database failed: %s"), sqlite3_errmsg (self->db));
  return FALSE;
}

static gboolean
exec_sql (EoStore     *self,
          const char  *sql,
          GError     **error)
{
  char *message = NULL;

  if (sqlite3_exec (self->db, sql, NULL, NULL, &message) != SQLITE_OK)
    {
      g_set_error (error, EO_STORE_ERROR, EO_STORE_ERROR_FAILED,
                   _("The order database failed: %s"),
                   message != NULL ? message : sqlite3_errmsg (self->db));
      sqlite3_free (message);
      return FALSE;
    }

  return TRUE;
}

/* A prepared statement for a static SQL string, kept for the life of the store */
static sqlite3_stmt *
get_stmt (EoStore     *self,
          const char  *sql,
          GError     **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  if (sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
    {
      set_db_error (self, error);
      return NULL;
    }

  g_hash_table_insert (self->statements, (gpointer) sql, stmt);

  return stmt;
}

/* Steps a statement that returns no rows, then resets it */
static gboolean
step_done (EoStore      *self,
           sqlite3_stmt *stmt,
           GError      **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      set_db_error (self, error);
      sqlite3_reset (stmt);
      return FALSE;
    }

  sqlite3_reset (stmt);
  return TRUE;
}

static const char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  return text != NULL ? text : "";
}

static void
bind_text (sqlite3_stmt *stmt,
           int           index,
           const char   *text)
{
  sqlite3_bind_text (stmt, index, text != NULL ? text : "", -1, SQLITE_TRANSIENT);
}

/* The store's shop for ACCOUNT_MATCHES, or NULL (any shop) when none is set */
static void
bind_account (EoStore      *self,
              sqlite3_stmt *stmt)
{
  if (self->account != NULL)
    bind_text (stmt, ACCOUNT_PARAM, self->account);
  else
    sqlite3_bind_null (stmt, ACCOUNT_PARAM);
}

static void
bind_date (sqlite3_stmt *stmt,
           int           index,
           GDateTime    *date)
{
  if (date != NULL)
    sqlite3_bind_int64 (stmt, index, g_date_time_to_unix (date));
  else
    sqlite3_bind_null (stmt, index);
}

static GDateTime *
column_date (sqlite3_stmt *stmt,
             int           column)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return NULL;

  return g_date_time_new_from_unix_local (sqlite3_column_int64 (stmt, column));
}

static gboolean
begin (EoStore  *self,
       GError  **error)
{
  return exec_sql (self, "BEGIN IMMEDIATE", error);
}

static gboolean
commit (EoStore  *self,
        GError  **error)
{
  if (!exec_sql (self, "COMMIT", error))
    {
      exec_sql (self, "ROLLBACK", NULL);
      return FALSE;
    }

  return TRUE;
}

static void
rollback (EoStore *self)
{
  if (!sqlite3_get_autocommit (self->db))
    exec_sql (self, "ROLLBACK", NULL);
}

/* The digits of a phone number; a leading 7 or 8 of an 11-digit number (the country code,
 * or the trunk prefix) is dropped, so every way of writing a Russian number gives the same */
static char *
phone_digits (const char *phone)
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
static char *
fold_text (const char *text)
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
    sqlite3_result_text (context, fold_text (text), -1, g_free);
}

static void
sql_phone_digits (sqlite3_context  *context,
                  int               argc,
                  sqlite3_value   **argv)
{
  char *digits = phone_digits ((const char *) sqlite3_value_text (argv[0]));

  sqlite3_result_text (context, digits, -1, g_free);
}

/* ------------------------------------------------------------------------------------------- */
/* Object                                                                                      */

static void
finalize_stmt (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
eo_store_finalize (GObject *object)
{
  EoStore *self = (EoStore *) object;

  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->db != NULL)
    sqlite3_close_v2 (self->db);
  g_clear_pointer (&self->in_flight, g_hash_table_unref);
  g_free (self->path);
  g_free (self->account);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (eo_store_parent_class)->finalize (object);
}

static void
eo_store_class_init (EoStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = eo_store_finalize;
}

static void
eo_store_init (EoStore *self)
{
  g_mutex_init (&self->lock);
  self->statements = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL,
                                            finalize_stmt);
  self->in_flight = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
}

/**
 * eo_store_set_account:
 * @account: (nullable): the login of the shop changes are for, or %NULL for any
 *
 * Changes queued from now on are recorded for @account (unless they name one), and only
 * changes for @account, or from before shops were recorded, are claimed for sending: a change
 * made for one shop is never sent to another. With %NULL, every change is claimed.
 */
void
eo_store_set_account (EoStore    *self,
                      const char *account)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_if_fail (EO_IS_STORE (self));

  locker = g_mutex_locker_new (&self->lock);
  g_free (self->account);
  self->account = g_strdup (account);
}

const char *
eo_store_get_account (EoStore *self)
{
  g_return_val_if_fail (EO_IS_STORE (self), NULL);

  return self->account;
}

char *
eo_store_get_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "expertam-orders", "orders.db", NULL);
}

char *
eo_store_get_demo_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "expertam-orders", "demo-shop.db", NULL);
}

static gboolean
migrate (EoStore  *self,
         GError  **error)
{
  sqlite3_stmt *stmt;
  int version;

  /* One write transaction for the check and every step: a second process waits, then sees
   * the migrated version */
  if (!begin (self, error))
    return FALSE;

  if (sqlite3_prepare_v2 (self->db, "PRAGMA user_version", -1, &stmt, NULL) != SQLITE_OK)
    {
      set_db_error (self, error);
      rollback (self);
      return FALSE;
    }
  sqlite3_step (stmt);
  version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);

  self->opened_version = version;

  if (version > EO_STORE_SCHEMA_VERSION)
    {
      rollback (self);
      g_set_error (error, EO_STORE_ERROR, EO_STORE_ERROR_TOO_NEW,
                   _("The order database %s was written by a newer version of Expertam Orders. "
                     "Update the app to open it."), self->path);
      return FALSE;
    }

  for (int v = version; v < EO_STORE_SCHEMA_VERSION; v++)
    {
      g_autofree char *set_version = NULL;

      g_debug ("Migrating %s from schema %d to %d", self->path, v, v + 1);

      if (!exec_sql (self, migrations[v], error))
        {
          rollback (self);
          return FALSE;
        }

      set_version = g_strdup_printf ("PRAGMA user_version = %d", v + 1);
      if (!exec_sql (self, set_version, error))
        {
          rollback (self);
          return FALSE;
        }
    }

  return commit (self, error);
}

EoStore *
eo_store_open (const char  *path,
               GError     **error)
{
  g_autoptr(EoStore) self = NULL;
  g_autofree char *dir = NULL;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (EO_TYPE_STORE, NULL);
  self->path = g_strdup (path);

  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, EO_STORE_ERROR, EO_STORE_ERROR_OPEN,
                   _("Cannot create the folder %s: %s"), dir, g_strerror (saved_errno));
      return NULL;
    }

  rc = sqlite3_open_v2 (path, &self->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                        NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, EO_STORE_ERROR, EO_STORE_ERROR_OPEN,
                   _("Cannot open the order database %s: %s"), path,
                   self->db != NULL ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
      return NULL;
    }

  /* The app and the command line may use the file at the same time. synchronous=FULL: a
   * change in the outbox must survive a power cut, not only a crash. */
  sqlite3_busy_timeout (self->db, 10000);
  if (!exec_sql (self,
                 "PRAGMA journal_mode = WAL;"
                 "PRAGMA synchronous = FULL;"
                 "PRAGMA foreign_keys = ON;",
                 error))
    return NULL;

  if (sqlite3_create_function (self->db, "eo_phone_digits", 1,
                               SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
                               NULL, sql_phone_digits, NULL, NULL) != SQLITE_OK)
    {
      set_db_error (self, error);
      return NULL;
    }

  if (sqlite3_create_function (self->db, "eo_fold", 1,
                               SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
                               NULL, sql_fold, NULL, NULL) != SQLITE_OK)
    {
      set_db_error (self, error);
      return NULL;
    }

  if (!migrate (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

static void
open_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  EoStore *store = eo_store_open (task_data, &error);

  if (store == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, store, g_object_unref);
}

void
eo_store_open_async (const char          *path,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (path != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, eo_store_open_async);
  g_task_set_task_data (task, g_strdup (path), g_free);
  g_task_run_in_thread (task, open_thread);
}

EoStore *
eo_store_open_finish (GAsyncResult  *result,
                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == eo_store_open_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

const char *
eo_store_get_path (EoStore *self)
{
  g_return_val_if_fail (EO_IS_STORE (self), NULL);

  return self->path;
}

int
eo_store_get_opened_version (EoStore *self)
{
  g_return_val_if_fail (EO_IS_STORE (self), 0);

  return self->opened_version;
}

/* ------------------------------------------------------------------------------------------- */
/* History                                                                                     */

static char *
join_name (const EoStoreOrderFields *fields)
{
  const char *parts[] = { fields->last_name, fields->first_name, fields->middle_name };
  GString *name = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      g_autofree char *part = g_strstrip (g_strdup (parts[i] != NULL ? parts[i] : ""));

      if (*part == '\0')
        continue;
      if (name->len > 0)
        g_string_append_c (name, ' ');
      g_string_append (name, part);
    }

  return g_string_free (name, FALSE);
}

static gboolean
save_order_locked (EoStore                  *self,
                   const EoStoreOrderFields *fields,
                   const char               *raw_json,
                   gint64                    now,
                   GError                  **error)
{
  static const char sql[] =
    "INSERT INTO orders (bill_id, full_name, email, phone, city, fetched_at, raw_json,"
    "                    first_name, last_name, middle_name, address, pay_status, phone_digits,"
    "                    tracking, local_status, account)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13,"
    "  ifnull ((SELECT rpo FROM outbox WHERE bill_id = ?1 AND status = 'sent' AND state = 1"
    "           ORDER BY id DESC LIMIT 1), ''),"
    "  ifnull ((SELECT status FROM outbox WHERE bill_id = ?1 AND state = 1"
    "           ORDER BY id DESC LIMIT 1), ''), ?14)"
    " ON CONFLICT (bill_id) DO UPDATE SET"
    "  full_name = excluded.full_name, email = excluded.email, phone = excluded.phone,"
    "  city = excluded.city, fetched_at = excluded.fetched_at, raw_json = excluded.raw_json,"
    "  first_name = excluded.first_name, last_name = excluded.last_name,"
    "  middle_name = excluded.middle_name, address = excluded.address,"
    "  pay_status = excluded.pay_status, phone_digits = excluded.phone_digits,"
    "  account = excluded.account";
  g_autofree char *full_name = join_name (fields);
  g_autofree char *digits = phone_digits (fields->phone);
  sqlite3_stmt *stmt;

  if (fields->bill_id <= 0)
    {
      g_set_error (error, EO_STORE_ERROR, EO_STORE_ERROR_INVALID,
                   _("An order without a number cannot be saved."));
      return FALSE;
    }

  stmt = get_stmt (self, sql, error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, fields->bill_id);
  bind_text (stmt, 2, full_name);
  bind_text (stmt, 3, fields->email);
  bind_text (stmt, 4, fields->phone);
  bind_text (stmt, 5, fields->city);
  sqlite3_bind_int64 (stmt, 6, now);
  bind_text (stmt, 7, raw_json != NULL ? raw_json : "{}");
  bind_text (stmt, 8, fields->first_name);
  bind_text (stmt, 9, fields->last_name);
  bind_text (stmt, 10, fields->middle_name);
  bind_text (stmt, 11, fields->address);
  bind_text (stmt, 12, fields->pay_status);
  bind_text (stmt, 13, digits);
  bind_text (stmt, 14, self->account != NULL ? self->account : "");

  return step_done (self, stmt, error);
}

gboolean
eo_store_save_order_fields (EoStore                  *self,
                            const EoStoreOrderFields *fields,
                            const char               *raw_json,
                            gint64                    now,
                            GError                  **error)
{
  g_return_val_if_fail (EO_IS_STORE (self), FALSE);
  g_return_val_if_fail (fields != NULL, FALSE);

  return eo_store_save_orders_fields (self, fields, &raw_json, 1, now, error);
}

gboolean
eo_store_save_orders_fields (EoStore                  *self,
                             const EoStoreOrderFields *fields,
                             const char * const       *raw_jsons,
                             gsize                     n_orders,
                             gint64                    now,
                             GError                  **error)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_val_if_fail (EO_IS_STORE (self), FALSE);
  g_return_val_if_fail (fields != NULL || n_orders == 0, FALSE);
  g_return_val_if_fail (raw_jsons != NULL || n_orders == 0, FALSE);

  locker = g_mutex_locker_new (&self->lock);

  if (!begin (self, error))
    return FALSE;

  for (gsize i = 0; i < n_orders; i++)
    {
      if (!save_order_locked (self, &fields[i], raw_jsons[i], now, error))
        {
          rollback (self);
          return FALSE;
        }
    }

  return commit (self, error);
}

gboolean
eo_store_save_order (EoStore  *self,
                     EoOrder  *order,
                     gint64    now,
                     GError  **error)
{
  EoStoreOrderFields fields;

  g_return_val_if_fail (EO_IS_STORE (self), FALSE);
  g_return_val_if_fail (EO_IS_ORDER (order), FALSE);

  fields = (EoStoreOrderFields) {
    .bill_id = eo_order_get_id (order),
    .first_name = eo_order_get_first_name (order),
    .last_name = eo_order_get_last_name (order),
    .middle_name = eo_order_get_middle_name (order),
    .email = eo_order_get_email (order),
    .phone = eo_order_get_phone (order),
    .city = eo_order_get_city (order),
    .address = eo_order_get_address (order),
    .pay_status = eo_order_get_pay_status (order),
  };

  return eo_store_save_order_fields (self, &fields, eo_order_get_raw_json (order), now, error);
}

char *
eo_store_get_order_json (EoStore  *self,
                         gint64    bill_id,
                         GError  **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  sqlite3_stmt *stmt;
  char *json = NULL;
  int rc;

  g_return_val_if_fail (EO_IS_STORE (self), NULL);

  locker = g_mutex_locker_new (&self->lock);

  stmt = get_stmt (self,
                   "SELECT raw_json FROM orders WHERE bill_id = ?1 AND " ACCOUNT_MATCHES,
                   error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, bill_id);
  bind_account (self, stmt);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    json = g_strdup (column_text (stmt, 0));
  else if (rc != SQLITE_DONE)
    set_db_error (self, error);
  sqlite3_reset (stmt);

  return json;
}

/* Runs a statement selecting ORDER_COLUMNS into a list of EoStoredOrder */
static GListModel *
collect_orders (EoStore       *self,
                sqlite3_stmt  *stmt,
                GError       **error)
{
  g_autoptr(GListStore) list = g_list_store_new (EO_TYPE_STORED_ORDER);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(EoStoredOrder) row =
        eo_stored_order_new (sqlite3_column_int64 (stmt, 0),
                             column_text (stmt, 1),
                             column_text (stmt, 2),
                             column_text (stmt, 3),
                             column_text (stmt, 4),
                             column_text (stmt, 5),
                             column_text (stmt, 6),
                             column_text (stmt, 7),
                             column_text (stmt, 8),
                             sqlite3_column_int64 (stmt, 9));

      g_list_store_append (list, row);
    }

  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      set_db_error (self, error);
      return NULL;
    }

  return G_LIST_MODEL (g_steal_pointer (&list));
}

static GListModel *
recent_orders_locked (EoStore  *self,
                      guint     limit,
                      GError  **error)
{
  sqlite3_stmt *stmt;

  stmt = get_stmt (self,
                   "SELECT " ORDER_COLUMNS " FROM orders"
                   " WHERE " ACCOUNT_MATCHES
                   " ORDER BY fetched_at DESC, bill_id DESC LIMIT ?1",
                   error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, limit);
  bind_account (self, stmt);

  return collect_orders (self, stmt, error);
}

GListModel *
eo_store_recent_orders (EoStore  *self,
                        guint     limit,
                        GError  **error)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_val_if_fail (EO_IS_STORE (self), NULL);

  locker = g_mutex_locker_new (&self->lock);

  return recent_orders_locked (self, limit, error);
}

/* An FTS5 query where every word of the text is a quoted phrase matched as a prefix (the
 * person's text never becomes FTS syntax); NULL when there is no word to look for */
static char *
build_fts_query (const char *text)
{
  g_autofree char *folded = fold_text (text);
  g_auto(GStrv) words = g_strsplit_set (folded, " \t\r\n", -1);
  GString *query = g_string_new (NULL);

  for (guint i = 0; words[i] != NULL; i++)
    {
      gboolean has_word_char = FALSE;

      for (const char *p = words[i]; *p != '\0'; p = g_utf8_next_char (p))
        {
          if (g_unichar_isalnum (g_utf8_get_char (p)))
            {
              has_word_char = TRUE;
              break;
            }
        }

      if (!has_word_char)
        continue;

      if (query->len > 0)
        g_string_append_c (query, ' ');
      g_string_append_c (query, '"');
      for (const char *p = words[i]; *p != '\0'; p++)
        {
          if (*p == '"')
            g_string_append_c (query, '"');
          g_string_append_c (query, *p);
        }
      g_string_append (query, "\"*");
    }

  if (query->len == 0)
    {
      g_string_free (query, TRUE);
      return NULL;
    }

  return g_string_free (query, FALSE);
}

/* The digits of a text made only of digits and the punctuation of phone and tracking numbers
 * ("+7 (912) 345-67-89"); NULL for any other text */
static char *
digits_of_number_text (const char *text)
{
  GString *digits = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        g_string_append_c (digits, *p);
      else if (strchr (" \t+-().", *p) == NULL)
        {
          g_string_free (digits, TRUE);
          return NULL;
        }
    }

  return g_string_free (digits, FALSE);
}

/* The text without spaces and dashes when that leaves 5 or more ASCII letters and digits and
 * nothing else, and spaces or dashes were there; NULL otherwise */
static char *
compact_word (const char *text)
{
  GString *compact = g_string_new (NULL);
  gboolean removed = FALSE;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == ' ' || *p == '-' || *p == '\t')
        removed = TRUE;
      else if (g_ascii_isalnum (*p))
        g_string_append_c (compact, *p);
      else
        {
          removed = FALSE;
          break;
        }
    }

  if (!removed || compact->len < 5)
    {
      g_string_free (compact, TRUE);
      return NULL;
    }

  return g_string_free (compact, FALSE);
}

static GListModel *
search_locked (EoStore     *self,
               const char  *text,
               guint        limit,
               GError     **error)
{
  static const char words_sql[] =
    "SELECT " ORDER_COLUMNS " FROM orders WHERE bill_id IN"
    " (SELECT rowid FROM orders_fts WHERE orders_fts MATCH ?1 ORDER BY rowid DESC LIMIT ?2)"
    " AND " ACCOUNT_MATCHES
    " ORDER BY bill_id DESC";
  /* Or the digits anywhere in the phone (a quoted trigram phrase); or, after a leading 7 or 8,
   * the national number's start */
  static const char number_sql[] =
    "SELECT " ORDER_COLUMNS " FROM orders WHERE bill_id IN"
    " (SELECT rowid FROM"
    "   (SELECT rowid FROM orders_fts WHERE orders_fts MATCH ?1 ORDER BY rowid DESC LIMIT ?2)"
    "  UNION SELECT rowid FROM"
    "   (SELECT rowid FROM orders_phone_fts WHERE orders_phone_fts MATCH ?3"
    "    ORDER BY rowid DESC LIMIT ?2))"
    " AND " ACCOUNT_MATCHES
    " ORDER BY bill_id DESC LIMIT ?2";
  static const char number_national_sql[] =
    "SELECT " ORDER_COLUMNS " FROM orders WHERE bill_id IN"
    " (SELECT rowid FROM"
    "   (SELECT rowid FROM orders_fts WHERE orders_fts MATCH ?1 ORDER BY rowid DESC LIMIT ?2)"
    "  UNION SELECT rowid FROM"
    "   (SELECT rowid FROM orders_phone_fts WHERE orders_phone_fts MATCH ?3"
    "    ORDER BY rowid DESC LIMIT ?2)"
    "  UNION SELECT bill_id FROM"
    "   (SELECT o.bill_id FROM orders_phone_fts AS f JOIN orders AS o ON o.bill_id = f.rowid"
    "    WHERE orders_phone_fts MATCH ?4 AND substr (o.phone_digits, 1, ?5) = ?6"
    "    ORDER BY o.bill_id DESC LIMIT ?2))"
    " AND " ACCOUNT_MATCHES
    " ORDER BY bill_id DESC LIMIT ?2";
  g_autofree char *trimmed = g_strstrip (g_strdup (text != NULL ? text : ""));
  g_autofree char *query = NULL;
  g_autofree char *digits = NULL;
  g_autofree char *compact = NULL;
  sqlite3_stmt *stmt;

  query = build_fts_query (trimmed);
  if (query == NULL)
    return recent_orders_locked (self, limit, error);

  /* "RA 1234 5678 5RU": a tracking number is one word in the index */
  compact = compact_word (trimmed);
  if (compact != NULL)
    {
      g_autofree char *words = g_steal_pointer (&query);

      query = g_strdup_printf ("(%s) OR \"%s\"*", words, compact);
    }

  digits = digits_of_number_text (trimmed);
  if (digits != NULL && strlen (digits) >= 5)
    {
      g_autofree char *phrase = g_strdup_printf ("\"%s\"", digits);

      /* The digits as one word: an order number, or a tracking number typed in groups
       * ("620014 11 00001 6"); the groups alone ("+7" "(912)") would match half the index */
      g_free (query);
      query = g_strdup_printf ("%s*", phrase);

      if ((digits[0] == '7' || digits[0] == '8') && strlen (digits) >= 6)
        {
          const char *national = digits + 1;
          g_autofree char *national_phrase = g_strdup_printf ("\"%s\"", national);

          stmt = get_stmt (self, number_national_sql, error);
          if (stmt == NULL)
            return NULL;
          bind_text (stmt, 4, national_phrase);
          sqlite3_bind_int64 (stmt, 5, strlen (national));
          bind_text (stmt, 6, national);
        }
      else
        {
          stmt = get_stmt (self, number_sql, error);
          if (stmt == NULL)
            return NULL;
        }
      bind_text (stmt, 3, phrase);
    }
  else
    {
      stmt = get_stmt (self, words_sql, error);
      if (stmt == NULL)
        return NULL;
    }

  bind_text (stmt, 1, query);
  sqlite3_bind_int64 (stmt, 2, limit);
  bind_account (self, stmt);

  return collect_orders (self, stmt, error);
}

GListModel *
eo_store_search (EoStore     *self,
                 const char  *text,
                 guint        limit,
                 GError     **error)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_val_if_fail (EO_IS_STORE (self), NULL);

  locker = g_mutex_locker_new (&self->lock);

  return search_locked (self, text, limit, error);
}

/* ------------------------------------------------------------------------------------------- */
/* Outbox                                                                                      */

static EoOutboxChange *
read_change (sqlite3_stmt *stmt)
{
  EoOutboxChange *change = g_rc_box_new0 (EoOutboxChange);

  change->id = sqlite3_column_int64 (stmt, 0);
  change->bill_id = sqlite3_column_int64 (stmt, 1);
  change->status = g_strdup (column_text (stmt, 2));
  change->date = column_date (stmt, 3);
  change->rpo = g_strdup (column_text (stmt, 4));
  change->state = sqlite3_column_int (stmt, 5);
  change->attempts = sqlite3_column_int (stmt, 6);
  change->created_at = sqlite3_column_int64 (stmt, 7);
  change->next_attempt = sqlite3_column_int64 (stmt, 8);
  change->last_error = g_strdup (column_text (stmt, 9));
  change->account = g_strdup (column_text (stmt, 10));

  return change;
}

static GPtrArray *
collect_changes (EoStore       *self,
                 sqlite3_stmt  *stmt,
                 GError       **error)
{
  g_autoptr(GPtrArray) changes =
    g_ptr_array_new_with_free_func ((GDestroyNotify) eo_outbox_change_unref);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (changes, read_change (stmt));

  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      set_db_error (self, error);
      return NULL;
    }

  return g_steal_pointer (&changes);
}

static EoOutboxChange *
get_change_locked (EoStore  *self,
                   gint64    id,
                   GError  **error)
{
  sqlite3_stmt *stmt;
  EoOutboxChange *change = NULL;
  int rc;

  stmt = get_stmt (self, "SELECT " OUTBOX_COLUMNS " FROM outbox WHERE id = ?", error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    change = read_change (stmt);
  else if (rc == SQLITE_DONE)
    g_set_error (error, EO_STORE_ERROR, EO_STORE_ERROR_NOT_FOUND,
                 _("There is no change %" PRId64 " in the outbox."), id);
  else
    set_db_error (self, error);
  sqlite3_reset (stmt);

  return change;
}

static gboolean
log_change (EoStore              *self,
            const EoOutboxChange *change,
            EoLogResult           result,
            const char           *message,
            gint64                now,
            GError              **error)
{
  sqlite3_stmt *stmt;

  stmt = get_stmt (self,
                   "INSERT INTO log (at, change_id, bill_id, status, date, rpo, result, message)"
                   " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                   error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, now);
  sqlite3_bind_int64 (stmt, 2, change->id);
  sqlite3_bind_int64 (stmt, 3, change->bill_id);
  bind_text (stmt, 4, change->status);
  bind_date (stmt, 5, change->date);
  bind_text (stmt, 6, change->rpo);
  sqlite3_bind_int (stmt, 7, result);
  bind_text (stmt, 8, message);

  return step_done (self, stmt, error);
}

static gboolean
check_change (const EoOutboxChange  *change,
              GError               **error)
{
  static const char * const statuses[] = { "sent", "paid", "return", "cancel" };
  gboolean known = FALSE;

  if (change->bill_id <= 0)
    {
      g_set_error (error, EO_STORE_ERROR, EO_STORE_ERROR_INVALID,
                   _("The order number must be a positive number."));
      return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    known |= g_strcmp0 (change->status, statuses[i]) == 0;

  if (!known)
    {
      g_set_error (error, EO_STORE_ERROR, EO_STORE_ERROR_INVALID,
                   _("Unknown order status “%s”: use sent, paid, return or cancel."),
                   change->status);
      return FALSE;
    }

  if (change->date == NULL &&
      (g_str_equal (change->status, "sent") || g_str_equal (change->status, "paid")))
    {
      g_set_error (error, EO_STORE_ERROR, EO_STORE_ERROR_INVALID,
                   _("Marking an order %s needs a date."), change->status);
      return FALSE;
    }

  if (g_str_equal (change->status, "sent") && (change->rpo == NULL || *change->rpo == '\0'))
    {
      g_set_error (error, EO_STORE_ERROR, EO_STORE_ERROR_INVALID,
                   _("Marking an order sent needs a tracking number."));
      return FALSE;
    }

  return TRUE;
}

static gint64
enqueue_locked (EoStore        *self,
                EoOutboxChange *change,
                gint64          now,
                gboolean       *out_existing,
                GError        **error)
{
  sqlite3_stmt *stmt;
  gint64 id = 0;
  EoOutboxState state = EO_OUTBOX_STATE_PENDING;
  int rc;

  if (out_existing != NULL)
    *out_existing = FALSE;

  if (!check_change (change, error))
    return 0;

  /* For the store's shop, unless the change names one */
  if (change->account == NULL || change->account[0] == '\0')
    {
      g_free (change->account);
      change->account = g_strdup (self->account != NULL ? self->account : "");
    }

  /* The same change pending (or failed, to be tried again) */
  stmt = get_stmt (self,
                   "SELECT id, state FROM outbox"
                   " WHERE bill_id = ? AND status = ? AND date IS ? AND rpo = ? AND account = ?"
                   "  AND state IN (0, 2)"
                   " ORDER BY state, id LIMIT 1",
                   error);
  if (stmt == NULL)
    return 0;

  sqlite3_bind_int64 (stmt, 1, change->bill_id);
  bind_text (stmt, 2, change->status);
  bind_date (stmt, 3, change->date);
  bind_text (stmt, 4, change->rpo);
  bind_text (stmt, 5, change->account);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      id = sqlite3_column_int64 (stmt, 0);
      state = sqlite3_column_int (stmt, 1);
    }
  else if (rc != SQLITE_DONE)
    {
      set_db_error (self, error);
      sqlite3_reset (stmt);
      return 0;
    }
  sqlite3_reset (stmt);

  if (id != 0 && state == EO_OUTBOX_STATE_PENDING)
    {
      if (out_existing != NULL)
        *out_existing = TRUE;
      change->id = id;
      return id;
    }

  if (id != 0)
    {
      stmt = get_stmt (self,
                       "UPDATE outbox SET state = 0, attempts = 0, next_attempt = ?,"
                       " last_error = '' WHERE id = ?",
                       error);
      if (stmt == NULL)
        return 0;
      sqlite3_bind_int64 (stmt, 1, now);
      sqlite3_bind_int64 (stmt, 2, id);
      if (!step_done (self, stmt, error))
        return 0;
    }
  else
    {
      stmt = get_stmt (self,
                       "INSERT INTO outbox (bill_id, status, date, rpo, state, attempts,"
                       "                    created_at, next_attempt, last_error, account)"
                       " VALUES (?, ?, ?, ?, 0, 0, ?, ?, '', ?)",
                       error);
      if (stmt == NULL)
        return 0;
      sqlite3_bind_int64 (stmt, 1, change->bill_id);
      bind_text (stmt, 2, change->status);
      bind_date (stmt, 3, change->date);
      bind_text (stmt, 4, change->rpo);
      sqlite3_bind_int64 (stmt, 5, now);
      sqlite3_bind_int64 (stmt, 6, now);
      bind_text (stmt, 7, change->account);
      if (!step_done (self, stmt, error))
        return 0;
      id = sqlite3_last_insert_rowid (self->db);
      change->created_at = now;
    }

  change->id = id;
  change->state = EO_OUTBOX_STATE_PENDING;
  change->attempts = 0;
  change->next_attempt = now;
  g_free (change->last_error);
  change->last_error = g_strdup ("");

  if (!log_change (self, change, EO_LOG_QUEUED, "", now, error))
    return 0;

  return id;
}

gint64
eo_store_outbox_enqueue (EoStore         *self,
                         EoOutboxChange  *change,
                         gint64           now,
                         gboolean        *out_existing,
                         GError         **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  gint64 id;

  g_return_val_if_fail (EO_IS_STORE (self), 0);
  g_return_val_if_fail (change != NULL, 0);

  locker = g_mutex_locker_new (&self->lock);

  if (!begin (self, error))
    return 0;

  id = enqueue_locked (self, change, now, out_existing, error);
  if (id == 0)
    {
      rollback (self);
      return 0;
    }

  if (!commit (self, error))
    return 0;

  return id;
}

gboolean
eo_store_outbox_enqueue_many (EoStore    *self,
                              GPtrArray  *changes,
                              gint64      now,
                              GError    **error)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_val_if_fail (EO_IS_STORE (self), FALSE);
  g_return_val_if_fail (changes != NULL, FALSE);

  locker = g_mutex_locker_new (&self->lock);

  if (!begin (self, error))
    return FALSE;

  for (guint i = 0; i < changes->len; i++)
    {
      if (enqueue_locked (self, g_ptr_array_index (changes, i), now, NULL, error) == 0)
        {
          rollback (self);
          for (guint j = 0; j < changes->len; j++)
            ((EoOutboxChange *) g_ptr_array_index (changes, j))->id = 0;
          return FALSE;
        }
    }

  return commit (self, error);
}

EoOutboxChange *
eo_store_outbox_get (EoStore  *self,
                     gint64    id,
                     GError  **error)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_val_if_fail (EO_IS_STORE (self), NULL);

  locker = g_mutex_locker_new (&self->lock);

  return get_change_locked (self, id, error);
}

GPtrArray *
eo_store_outbox_list_pending (EoStore  *self,
                              GError  **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (EO_IS_STORE (self), NULL);

  locker = g_mutex_locker_new (&self->lock);

  stmt = get_stmt (self, "SELECT " OUTBOX_COLUMNS " FROM outbox WHERE state = 0 ORDER BY id",
                   error);
  if (stmt == NULL)
    return NULL;

  return collect_changes (self, stmt, error);
}

GPtrArray *
eo_store_outbox_list_failed (EoStore  *self,
                             GError  **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (EO_IS_STORE (self), NULL);

  locker = g_mutex_locker_new (&self->lock);

  stmt = get_stmt (self, "SELECT " OUTBOX_COLUMNS " FROM outbox WHERE state = 2 ORDER BY id",
                   error);
  if (stmt == NULL)
    return NULL;

  return collect_changes (self, stmt, error);
}

static gboolean
bill_in_flight (EoStore *self,
                gint64   bill_id)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->in_flight);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      if (*(gint64 *) value == bill_id)
        return TRUE;
    }

  return FALSE;
}

/*
 * The due changes, oldest due first, that nothing in flight holds back. Each change in flight
 * hides at most one row of the query (the oldest pending change of its order), so a LIMIT of
 * max_changes plus the number in flight finds max_changes when there are that many.
 */
static GPtrArray *
claim_due_locked (EoStore  *self,
                  gint64    now,
                  guint     max_changes,
                  GError  **error)
{
  g_autoptr(GPtrArray) due = NULL;
  g_autoptr(GPtrArray) claimed = NULL;
  sqlite3_stmt *stmt;

  claimed = g_ptr_array_new_with_free_func ((GDestroyNotify) eo_outbox_change_unref);
  if (max_changes == 0)
    return g_steal_pointer (&claimed);

  stmt = get_stmt (self,
                   "SELECT " OUTBOX_COLUMNS " FROM outbox AS o"
                   " WHERE state = 0 AND next_attempt <= ?1"
                   "  AND " ACCOUNT_MATCHES
                   "  AND NOT EXISTS (SELECT 1 FROM outbox AS p"
                   "                  WHERE p.bill_id = o.bill_id AND p.account = o.account"
                   "                   AND p.state = 0 AND p.id < o.id)"
                   " ORDER BY next_attempt, id LIMIT ?2",
                   error);
  if (stmt == NULL)
    return NULL;

  /* Only the changes for the shop this store sends to (and those from before shops were
   * recorded): another shop's wait, listed, until its account is set up again */
  sqlite3_bind_int64 (stmt, 1, now);
  sqlite3_bind_int64 (stmt, 2, (gint64) max_changes + g_hash_table_size (self->in_flight));
  bind_account (self, stmt);
  due = collect_changes (self, stmt, error);
  if (due == NULL)
    return NULL;

  for (guint i = 0; i < due->len && claimed->len < max_changes; i++)
    {
      EoOutboxChange *change = g_ptr_array_index (due, i);

      if (g_hash_table_contains (self->in_flight, &change->id) ||
          bill_in_flight (self, change->bill_id))
        continue;

      g_hash_table_insert (self->in_flight,
                           g_memdup2 (&change->id, sizeof change->id),
                           g_memdup2 (&change->bill_id, sizeof change->bill_id));
      g_ptr_array_add (claimed, eo_outbox_change_ref (change));
    }

  return g_steal_pointer (&claimed);
}

GPtrArray *
eo_store_outbox_claim_due (EoStore  *self,
                           gint64    now,
                           guint     max_changes,
                           GError  **error)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_val_if_fail (EO_IS_STORE (self), NULL);

  locker = g_mutex_locker_new (&self->lock);

  return claim_due_locked (self, now, max_changes, error);
}

void
eo_store_outbox_release (EoStore *self,
                         gint64   id)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_if_fail (EO_IS_STORE (self));

  locker = g_mutex_locker_new (&self->lock);
  g_hash_table_remove (self->in_flight, &id);
}

gboolean
eo_store_outbox_next_attempt (EoStore  *self,
                              gint64   *out_when,
                              GError  **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  sqlite3_stmt *stmt;
  gboolean found = FALSE;

  g_return_val_if_fail (EO_IS_STORE (self), FALSE);

  locker = g_mutex_locker_new (&self->lock);

  stmt = get_stmt (self, "SELECT min (next_attempt) FROM outbox WHERE state = 0", error);
  if (stmt == NULL)
    return FALSE;

  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    {
      found = TRUE;
      if (out_when != NULL)
        *out_when = sqlite3_column_int64 (stmt, 0);
    }
  sqlite3_reset (stmt);

  return found;
}

static gboolean
update_state (EoStore     *self,
              gint64       id,
              int          state,
              guint        attempts,
              gint64       next_attempt,
              const char  *last_error,
              GError     **error)
{
  sqlite3_stmt *stmt;

  stmt = get_stmt (self,
                   "UPDATE outbox SET state = ?, attempts = ?, next_attempt = ?, last_error = ?"
                   " WHERE id = ?",
                   error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int (stmt, 1, state);
  sqlite3_bind_int (stmt, 2, attempts);
  sqlite3_bind_int64 (stmt, 3, next_attempt);
  bind_text (stmt, 4, last_error);
  sqlite3_bind_int64 (stmt, 5, id);

  return step_done (self, stmt, error);
}

static gboolean
mark_done_locked (EoStore  *self,
                  gint64    id,
                  gint64    now,
                  GError  **error)
{
  g_autoptr(EoOutboxChange) change = get_change_locked (self, id, error);
  sqlite3_stmt *stmt;

  if (change == NULL)
    return FALSE;

  /* The service did it, whatever the person decided meanwhile */
  if (change->state != EO_OUTBOX_STATE_DONE)
    {
      if (!update_state (self, id, EO_OUTBOX_STATE_DONE, change->attempts, change->next_attempt,
                         "", error))
        return FALSE;

      stmt = get_stmt (self,
                       "UPDATE orders SET local_status = ?2,"
                       " tracking = CASE WHEN ?2 = 'sent' THEN ?3 ELSE tracking END"
                       " WHERE bill_id = ?1",
                       error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, change->bill_id);
      bind_text (stmt, 2, change->status);
      bind_text (stmt, 3, change->rpo);
      if (!step_done (self, stmt, error))
        return FALSE;

      if (!log_change (self, change, EO_LOG_DONE, "", now, error))
        return FALSE;
    }

  return TRUE;
}

gboolean
eo_store_outbox_mark_done (EoStore  *self,
                           gint64    id,
                           gint64    now,
                           GError  **error)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_val_if_fail (EO_IS_STORE (self), FALSE);

  locker = g_mutex_locker_new (&self->lock);

  g_hash_table_remove (self->in_flight, &id);

  if (!begin (self, error))
    return FALSE;

  if (!mark_done_locked (self, id, now, error))
    {
      rollback (self);
      return FALSE;
    }

  return commit (self, error);
}

static gboolean
mark_failed_locked (EoStore        *self,
                    gint64          id,
                    gboolean        retryable,
                    const char     *message,
                    gint64          now,
                    EoOutboxState  *out_state,
                    GError        **error)
{
  g_autoptr(EoOutboxChange) change = get_change_locked (self, id, error);
  EoOutboxState state;
  guint attempts;

  if (change == NULL)
    return FALSE;

  state = change->state;
  attempts = change->attempts + 1;

  /* A change confirmed or dropped meanwhile stays so; the attempt is only logged */
  if (change->state == EO_OUTBOX_STATE_PENDING)
    {
      gint64 next_attempt = change->next_attempt;

      if (retryable)
        next_attempt = now + eo_outbox_backoff_delay (attempts);
      else
        state = EO_OUTBOX_STATE_FAILED;

      if (!update_state (self, id, state, attempts, next_attempt, message, error))
        return FALSE;
    }

  if (!log_change (self, change, retryable ? EO_LOG_RETRY : EO_LOG_FAILED, message, now, error))
    return FALSE;

  if (out_state != NULL)
    *out_state = state;

  return TRUE;
}

gboolean
eo_store_outbox_mark_failed (EoStore     *self,
                             gint64       id,
                             gboolean     retryable,
                             const char  *message,
                             gint64       now,
                             GError     **error)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_val_if_fail (EO_IS_STORE (self), FALSE);

  locker = g_mutex_locker_new (&self->lock);

  g_hash_table_remove (self->in_flight, &id);

  if (!begin (self, error))
    return FALSE;

  if (!mark_failed_locked (self, id, retryable, message != NULL ? message : "", now, NULL, error))
    {
      rollback (self);
      return FALSE;
    }

  return commit (self, error);
}

gboolean
eo_store_outbox_complete (EoStore        *self,
                          gint64          id,
                          const GError   *result,
                          gint64          now,
                          EoOutboxState  *out_state,
                          GError        **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  EoOutboxState state = EO_OUTBOX_STATE_DONE;
  gboolean ok;

  g_return_val_if_fail (EO_IS_STORE (self), FALSE);

  locker = g_mutex_locker_new (&self->lock);

  g_hash_table_remove (self->in_flight, &id);

  if (result != NULL && eo_error_is_cancelled (result))
    {
      g_autoptr(EoOutboxChange) change = get_change_locked (self, id, error);

      if (change == NULL)
        return FALSE;
      if (out_state != NULL)
        *out_state = change->state;
      return TRUE;
    }

  if (!begin (self, error))
    return FALSE;

  if (result == NULL)
    ok = mark_done_locked (self, id, now, error);
  else
    ok = mark_failed_locked (self, id, eo_error_is_retryable (result), result->message, now,
                             &state, error);

  if (!ok)
    {
      rollback (self);
      return FALSE;
    }

  if (!commit (self, error))
    return FALSE;

  if (out_state != NULL)
    *out_state = state;

  return TRUE;
}

gboolean
eo_store_outbox_retry (EoStore  *self,
                       gint64    id,
                       gint64    now,
                       GError  **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(EoOutboxChange) change = NULL;

  g_return_val_if_fail (EO_IS_STORE (self), FALSE);

  locker = g_mutex_locker_new (&self->lock);

  if (!begin (self, error))
    return FALSE;

  change = get_change_locked (self, id, error);
  if (change == NULL)
    {
      rollback (self);
      return FALSE;
    }

  if (change->state != EO_OUTBOX_STATE_PENDING && change->state != EO_OUTBOX_STATE_FAILED)
    {
      rollback (self);
      g_set_error (error, EO_STORE_ERROR, EO_STORE_ERROR_INVALID,
                   _("This change is no longer waiting to be sent."));
      return FALSE;
    }

  if (change->state == EO_OUTBOX_STATE_FAILED)
    {
      /* Queued again through enqueue, which keeps it unique: when the same change is pending
       * already, this copy is dropped */
      gint64 queued = enqueue_locked (self, change, now, NULL, error);

      if (queued == 0 ||
          (queued != id &&
           !update_state (self, id, EO_OUTBOX_STATE_DISCARDED, change->attempts,
                          change->next_attempt, change->last_error, error)))
        {
          rollback (self);
          return FALSE;
        }
    }
  else if (!update_state (self, id, EO_OUTBOX_STATE_PENDING, 0, now, change->last_error, error))
    {
      rollback (self);
      return FALSE;
    }

  return commit (self, error);
}

gboolean
eo_store_outbox_discard (EoStore  *self,
                         gint64    id,
                         gint64    now,
                         GError  **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(EoOutboxChange) change = NULL;

  g_return_val_if_fail (EO_IS_STORE (self), FALSE);

  locker = g_mutex_locker_new (&self->lock);

  if (!begin (self, error))
    return FALSE;

  change = get_change_locked (self, id, error);
  if (change == NULL)
    {
      rollback (self);
      return FALSE;
    }

  if (change->state == EO_OUTBOX_STATE_DONE)
    {
      rollback (self);
      g_set_error (error, EO_STORE_ERROR, EO_STORE_ERROR_INVALID,
                   _("The service has already made this change; it cannot be dropped."));
      return FALSE;
    }

  if (change->state != EO_OUTBOX_STATE_DISCARDED &&
      (!update_state (self, id, EO_OUTBOX_STATE_DISCARDED, change->attempts, change->next_attempt,
                      change->last_error, error) ||
       !log_change (self, change, EO_LOG_DISCARDED, "", now, error)))
    {
      rollback (self);
      return FALSE;
    }

  return commit (self, error);
}

/* ------------------------------------------------------------------------------------------- */
/* Sending with bounded concurrency                                                            */

/*
 * Replies are recorded in the background, in batches, so that a job slot is refilled as soon
 * as its reply arrives: the run claims a window of due changes ahead (marked in flight, so
 * that no one else sends them and per-order ordering holds) and starts the next send from it.
 * One job at a time on the store's worker records the outcomes gathered so far in one
 * transaction, then tops the window up. The run reports completion only once every outcome
 * has been committed.
 */

typedef struct
{
  EoOutboxChange *change;
  GError         *error;     /* NULL: done */
  gboolean        release;   /* not sent (cancelled, or never started): only given back */
} SendOutcome;

typedef struct
{
  gint64                  now;
  guint                   max_jobs;
  guint                   window_size; /* changes claimed ahead, running ones included */
  EoOutboxSendFunc        send;
  EoOutboxSendFinishFunc  finish;
  EoOutboxProgressFunc    progress;
  gpointer                user_data;
  GQueue                  window;      /* claimed, not started yet: EoOutboxChange */
  GPtrArray              *outcomes;    /* replies not handed to the worker yet: SendOutcome */
  gboolean                recording;   /* a record-and-claim job is on the worker */
  gboolean                drained;     /* the last claim found fewer than it asked for */
  guint                   running;
  guint                   done;
  guint                   failed;
  guint                   retry;
  GError                 *error;       /* the first store failure */
} SendRun;

typedef struct
{
  GTask          *task;
  EoOutboxChange *change;
} SendJob;

/* One job on the worker: records outcomes, then claims up to want changes */
typedef struct
{
  GPtrArray *outcomes;
  gint64     now;
  guint      want;
  guint      n_recorded;
  GPtrArray *claimed;
} RecordJob;

static void     send_pump        (GTask        *task);
static gboolean store_task_check (EoStore      *self,
                                  GAsyncResult *result,
                                  gpointer      source_tag);

static void
send_outcome_free (SendOutcome *outcome)
{
  eo_outbox_change_unref (outcome->change);
  g_clear_error (&outcome->error);
  g_free (outcome);
}

static void
send_outcome_add (SendRun        *run,
                  EoOutboxChange *change,
                  const GError   *error,
                  gboolean        release)
{
  SendOutcome *outcome = g_new0 (SendOutcome, 1);

  outcome->change = eo_outbox_change_ref (change);
  outcome->error = error != NULL ? g_error_copy (error) : NULL;
  outcome->release = release;
  g_ptr_array_add (run->outcomes, outcome);
}

static void
send_job_free (SendJob *job)
{
  g_object_unref (job->task);
  eo_outbox_change_unref (job->change);
  g_free (job);
}

static void
send_run_free (SendRun *run)
{
  g_queue_clear_full (&run->window, (GDestroyNotify) eo_outbox_change_unref);
  g_ptr_array_unref (run->outcomes);
  g_clear_error (&run->error);
  g_free (run);
}

static void
record_job_free (RecordJob *job)
{
  g_clear_pointer (&job->outcomes, g_ptr_array_unref);
  g_clear_pointer (&job->claimed, g_ptr_array_unref);
  g_free (job);
}

/*
 * Records the outcomes in one transaction and gives their changes back (the caller holds the
 * lock). This commit alone runs with synchronous=NORMAL: in WAL mode a power cut may lose it
 * (the file stays sound), and then the change is pending again and sent once more, which is
 * harmless since a status update is idempotent. The change itself was committed with
 * synchronous=FULL when it was queued, before it was ever sent.
 */
static gboolean
record_outcomes_locked (EoStore    *self,
                        GPtrArray  *outcomes,
                        gint64      now,
                        guint      *out_recorded,
                        GError    **error)
{
  gboolean ok = TRUE;
  guint n_recorded = 0;

  for (guint i = 0; i < outcomes->len; i++)
    {
      SendOutcome *outcome = g_ptr_array_index (outcomes, i);

      if (!outcome->release)
        n_recorded++;
    }

  if (n_recorded > 0)
    {
      ok = exec_sql (self, "PRAGMA synchronous = NORMAL", error) && begin (self, error);

      for (guint i = 0; ok && i < outcomes->len; i++)
        {
          SendOutcome *outcome = g_ptr_array_index (outcomes, i);
          const GError *result = outcome->error;

          if (outcome->release)
            continue;

          if (result == NULL)
            ok = mark_done_locked (self, outcome->change->id, now, error);
          else
            ok = mark_failed_locked (self, outcome->change->id, eo_error_is_retryable (result),
                                     result->message, now, NULL, error);
        }

      if (ok)
        ok = commit (self, error);
      else
        rollback (self);

      /* Every other commit must reach the disk */
      if (!exec_sql (self, "PRAGMA synchronous = FULL", ok ? error : NULL))
        ok = FALSE;
    }

  /* Given back only now, so that no claim sees a change in flight as pending */
  for (guint i = 0; i < outcomes->len; i++)
    {
      SendOutcome *outcome = g_ptr_array_index (outcomes, i);

      g_hash_table_remove (self->in_flight, &outcome->change->id);
    }

  *out_recorded = ok ? n_recorded : 0;

  return ok;
}

static void
record_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  EoStore *self = source_object;
  RecordJob *job = task_data;
  g_autoptr(GMutexLocker) locker = NULL;
  GError *error = NULL;

  locker = g_mutex_locker_new (&self->lock);

  if (!record_outcomes_locked (self, job->outcomes, job->now, &job->n_recorded, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  job->claimed = claim_due_locked (self, job->now, job->want, &error);
  if (job->claimed == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
record_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SendRun *run = g_task_get_task_data (task);
  RecordJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  run->recording = FALSE;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (run->error == NULL)
        run->error = g_steal_pointer (&error);
    }
  else
    {
      for (guint i = 0; i < job->claimed->len; i++)
        g_queue_push_tail (&run->window, eo_outbox_change_ref (job->claimed->pdata[i]));

      /* Recorded outcomes may have let later changes of their orders become due */
      if (job->want > 0)
        run->drained = job->claimed->len < job->want;
      else if (job->n_recorded > 0)
        run->drained = FALSE;
    }

  send_pump (task);
}

static void
send_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  SendJob *job = user_data;
  GTask *task = job->task;
  SendRun *run = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  EoOutboxState state = EO_OUTBOX_STATE_DONE;

  if (!run->finish (result, &error, run->user_data))
    {
      if (error == NULL)
        error = g_error_new_literal (EO_ERROR, EO_ERROR_FAILED, _("Sending failed."));

      if (eo_error_is_cancelled (error))
        state = EO_OUTBOX_STATE_PENDING;
      else if (eo_error_is_retryable (error))
        {
          state = EO_OUTBOX_STATE_PENDING;
          run->retry++;
        }
      else
        {
          state = EO_OUTBOX_STATE_FAILED;
          run->failed++;
        }
    }
  else
    run->done++;

  if (error != NULL && eo_error_is_cancelled (error))
    send_outcome_add (run, job->change, NULL, TRUE);
  else
    {
      if (run->progress != NULL)
        run->progress (job->change, state, error, run->user_data);
      send_outcome_add (run, job->change, error, FALSE);
    }

  run->running--;
  send_pump (task);
  send_job_free (job);
}

/* Starts sends from the window, hands outcomes to the worker, tops the window up, and returns
 * the result once nothing is under way */
static void
send_pump (GTask *task)
{
  SendRun *run = g_task_get_task_data (task);
  EoStore *self = g_task_get_source_object (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  gboolean stopping = run->error != NULL || g_cancellable_is_cancelled (cancellable);
  guint in_hand;
  guint want = 0;

  if (stopping)
    {
      EoOutboxChange *change;

      while ((change = g_queue_pop_head (&run->window)) != NULL)
        {
          send_outcome_add (run, change, NULL, TRUE);
          eo_outbox_change_unref (change);
        }
    }

  while (run->running < run->max_jobs && !g_queue_is_empty (&run->window))
    {
      SendJob *job = g_new0 (SendJob, 1);

      job->task = g_object_ref (task);
      job->change = g_queue_pop_head (&run->window);
      run->running++;
      run->send (job->change, cancellable, send_cb, job, run->user_data);
    }

  if (run->recording)
    return;

  in_hand = run->running + g_queue_get_length (&run->window);
  if (!stopping && !run->drained && in_hand < run->window_size)
    want = run->window_size - in_hand;

  if (run->outcomes->len > 0 || want > 0)
    {
      g_autoptr(GTask) record = NULL;
      RecordJob *job = g_new0 (RecordJob, 1);

      job->outcomes = g_steal_pointer (&run->outcomes);
      run->outcomes = g_ptr_array_new_with_free_func ((GDestroyNotify) send_outcome_free);
      job->now = run->now;
      job->want = want;
      run->recording = TRUE;

      /* Not cancellable: outcomes are recorded, claimed changes handed back */
      record = g_task_new (self, NULL, record_cb, g_object_ref (task));
      g_task_set_source_tag (record, send_pump);
      g_task_set_task_data (record, job, (GDestroyNotify) record_job_free);
      g_task_run_in_thread (record, record_thread);
      return;
    }

  if (run->running > 0)
    return;

  g_assert (g_queue_is_empty (&run->window));

  if (run->error != NULL)
    g_task_return_error (task, g_steal_pointer (&run->error));
  else if (!g_task_return_error_if_cancelled (task))
    g_task_return_boolean (task, TRUE);
}

void
eo_store_outbox_send_due_async (EoStore                *self,
                                gint64                  now,
                                guint                   max_jobs,
                                EoOutboxSendFunc        send,
                                EoOutboxSendFinishFunc  finish,
                                EoOutboxProgressFunc    progress,
                                gpointer                user_data,
                                GCancellable           *cancellable,
                                GAsyncReadyCallback     callback,
                                gpointer                callback_data)
{
  g_autoptr(GTask) task = NULL;
  SendRun *run;

  g_return_if_fail (EO_IS_STORE (self));
  g_return_if_fail (send != NULL);
  g_return_if_fail (finish != NULL);

  run = g_new0 (SendRun, 1);
  run->now = now;
  run->max_jobs = max_jobs > 0 ? max_jobs : EO_OUTBOX_DEFAULT_JOBS;
  /* Enough in hand that a slot never waits for the worker */
  run->window_size = 2 * run->max_jobs;
  run->send = send;
  run->finish = finish;
  run->progress = progress;
  run->user_data = user_data;
  g_queue_init (&run->window);
  run->outcomes = g_ptr_array_new_with_free_func ((GDestroyNotify) send_outcome_free);

  task = g_task_new (self, cancellable, callback, callback_data);
  g_task_set_source_tag (task, eo_store_outbox_send_due_async);
  g_task_set_task_data (task, run, (GDestroyNotify) send_run_free);
  send_pump (task);
}

gboolean
eo_store_outbox_send_due_finish (EoStore       *self,
                                 GAsyncResult  *result,
                                 guint         *out_done,
                                 guint         *out_failed,
                                 guint         *out_retry,
                                 GError       **error)
{
  SendRun *run;

  g_return_val_if_fail (store_task_check (self, result, eo_store_outbox_send_due_async), FALSE);

  run = g_task_get_task_data (G_TASK (result));
  if (out_done != NULL)
    *out_done = run->done;
  if (out_failed != NULL)
    *out_failed = run->failed;
  if (out_retry != NULL)
    *out_retry = run->retry;

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ------------------------------------------------------------------------------------------- */
/* Log                                                                                         */

GPtrArray *
eo_store_list_log (EoStore  *self,
                   gint64    bill_id,
                   guint     limit,
                   GError  **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (EO_IS_STORE (self), NULL);

  locker = g_mutex_locker_new (&self->lock);

  stmt = get_stmt (self,
                   "SELECT at, change_id, bill_id, status, date, rpo, result, message FROM log"
                   " WHERE ?1 = 0 OR bill_id = ?1 ORDER BY id DESC LIMIT ?2",
                   error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, bill_id);
  sqlite3_bind_int64 (stmt, 2, limit);

  entries = g_ptr_array_new_with_free_func ((GDestroyNotify) eo_log_entry_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      EoLogEntry *entry = g_new0 (EoLogEntry, 1);

      entry->at = sqlite3_column_int64 (stmt, 0);
      entry->change_id = sqlite3_column_int64 (stmt, 1);
      entry->bill_id = sqlite3_column_int64 (stmt, 2);
      entry->status = g_strdup (column_text (stmt, 3));
      entry->date = column_date (stmt, 4);
      entry->rpo = g_strdup (column_text (stmt, 5));
      entry->result = sqlite3_column_int (stmt, 6);
      entry->message = g_strdup (column_text (stmt, 7));
      g_ptr_array_add (entries, entry);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      set_db_error (self, error);
      return NULL;
    }

  return g_steal_pointer (&entries);
}

/* ------------------------------------------------------------------------------------------- */
/* Async wrappers: the synchronous calls in a GTask thread (the lock serialises them)          */

typedef struct
{
  gint64          id;
  gint64          now;
  guint           limit;
  char           *text;
  EoOutboxChange *change;
  EoOrder        *order;
  GError         *result;
} StoreCall;

static void
store_call_free (StoreCall *call)
{
  g_free (call->text);
  g_clear_pointer (&call->change, eo_outbox_change_unref);
  g_clear_object (&call->order);
  g_clear_error (&call->result);
  g_free (call);
}

static GTask *
store_task_new (EoStore             *self,
                gpointer             source_tag,
                StoreCall           *call,
                GCancellable        *cancellable,
                GAsyncReadyCallback  callback,
                gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, call, (GDestroyNotify) store_call_free);

  return task;
}

static gboolean
store_task_check (EoStore      *self,
                  GAsyncResult *result,
                  gpointer      source_tag)
{
  return g_task_is_valid (result, self) &&
         g_task_get_source_tag (G_TASK (result)) == source_tag;
}

static void
save_order_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  StoreCall *call = task_data;
  GError *error = NULL;

  if (!eo_store_save_order (source_object, call->order, call->now, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
eo_store_save_order_async (EoStore             *self,
                           EoOrder             *order,
                           gint64               now,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  StoreCall *call = g_new0 (StoreCall, 1);

  g_return_if_fail (EO_IS_STORE (self));
  g_return_if_fail (EO_IS_ORDER (order));

  /* EoOrder is immutable once built, so the worker may read it */
  call->order = g_object_ref (order);
  call->now = now;
  task = store_task_new (self, eo_store_save_order_async, call, cancellable, callback, user_data);
  g_task_run_in_thread (task, save_order_thread);
}

gboolean
eo_store_save_order_finish (EoStore       *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (store_task_check (self, result, eo_store_save_order_async), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
get_order_json_thread (GTask        *task,
                       gpointer      source_object,
                       gpointer      task_data,
                       GCancellable *cancellable)
{
  StoreCall *call = task_data;
  GError *error = NULL;
  char *json = eo_store_get_order_json (source_object, call->id, &error);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, json, g_free);
}

void
eo_store_get_order_json_async (EoStore             *self,
                               gint64               bill_id,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  StoreCall *call = g_new0 (StoreCall, 1);

  g_return_if_fail (EO_IS_STORE (self));

  call->id = bill_id;
  task = store_task_new (self, eo_store_get_order_json_async, call, cancellable, callback,
                         user_data);
  g_task_run_in_thread (task, get_order_json_thread);
}

char *
eo_store_get_order_json_finish (EoStore       *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (store_task_check (self, result, eo_store_get_order_json_async), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
recent_orders_thread (GTask        *task,
                      gpointer      source_object,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  StoreCall *call = task_data;
  GError *error = NULL;
  GListModel *orders = eo_store_recent_orders (source_object, call->limit, &error);

  if (orders == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, orders, g_object_unref);
}

void
eo_store_recent_orders_async (EoStore             *self,
                              guint                limit,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  StoreCall *call = g_new0 (StoreCall, 1);

  g_return_if_fail (EO_IS_STORE (self));

  call->limit = limit;
  task = store_task_new (self, eo_store_recent_orders_async, call, cancellable, callback,
                         user_data);
  g_task_run_in_thread (task, recent_orders_thread);
}

GListModel *
eo_store_recent_orders_finish (EoStore       *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (store_task_check (self, result, eo_store_recent_orders_async), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
search_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  StoreCall *call = task_data;
  GError *error = NULL;
  GListModel *orders;

  /* A newer search has replaced this one */
  if (g_task_return_error_if_cancelled (task))
    return;

  orders = eo_store_search (source_object, call->text, call->limit, &error);
  if (orders == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, orders, g_object_unref);
}

void
eo_store_search_async (EoStore             *self,
                       const char          *text,
                       guint                limit,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  StoreCall *call = g_new0 (StoreCall, 1);

  g_return_if_fail (EO_IS_STORE (self));

  call->text = g_strdup (text);
  call->limit = limit;
  task = store_task_new (self, eo_store_search_async, call, cancellable, callback, user_data);
  g_task_run_in_thread (task, search_thread);
}

GListModel *
eo_store_search_finish (EoStore       *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (store_task_check (self, result, eo_store_search_async), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
enqueue_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  StoreCall *call = task_data;
  GError *error = NULL;
  gint64 id = eo_store_outbox_enqueue (source_object, call->change, call->now, NULL, &error);

  if (id == 0)
    g_task_return_error (task, error);
  else
    g_task_return_int (task, id);
}

void
eo_store_outbox_enqueue_async (EoStore             *self,
                               EoOutboxChange      *change,
                               gint64               now,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  StoreCall *call = g_new0 (StoreCall, 1);

  g_return_if_fail (EO_IS_STORE (self));
  g_return_if_fail (change != NULL);

  /* Not cancellable: once asked for, the change is written */
  call->change = eo_outbox_change_new (change->bill_id, change->status, change->date, change->rpo);
  call->now = now;
  task = store_task_new (self, eo_store_outbox_enqueue_async, call, NULL, callback, user_data);
  g_task_set_check_cancellable (task, FALSE);
  g_task_run_in_thread (task, enqueue_thread);
}

gint64
eo_store_outbox_enqueue_finish (EoStore       *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (store_task_check (self, result, eo_store_outbox_enqueue_async), 0);

  return g_task_propagate_int (G_TASK (result), error);
}

static void
complete_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  StoreCall *call = task_data;
  GError *error = NULL;
  EoOutboxState state;

  if (!eo_store_outbox_complete (source_object, call->id, call->result, call->now, &state, &error))
    g_task_return_error (task, error);
  else
    g_task_return_int (task, state);
}

void
eo_store_outbox_complete_async (EoStore             *self,
                                gint64               id,
                                const GError        *result,
                                gint64               now,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  StoreCall *call = g_new0 (StoreCall, 1);

  g_return_if_fail (EO_IS_STORE (self));

  call->id = id;
  call->now = now;
  call->result = result != NULL ? g_error_copy (result) : NULL;
  task = store_task_new (self, eo_store_outbox_complete_async, call, NULL, callback, user_data);
  g_task_set_check_cancellable (task, FALSE);
  g_task_run_in_thread (task, complete_thread);
}

gboolean
eo_store_outbox_complete_finish (EoStore        *self,
                                 GAsyncResult   *result,
                                 EoOutboxState  *out_state,
                                 GError        **error)
{
  GError *local_error = NULL;
  gssize state;

  g_return_val_if_fail (store_task_check (self, result, eo_store_outbox_complete_async), FALSE);

  state = g_task_propagate_int (G_TASK (result), &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }

  if (out_state != NULL)
    *out_state = state;

  return TRUE;
}

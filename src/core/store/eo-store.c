/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eo-store.c: the store object: open, close, paths, its shop, its worker thread, SQL helpers
 *
 * One SQLite database in WAL mode: the orders fetched (raw JSON, searchable columns and an
 * FTS5 index), the outbox of status changes, and the log of what happened to them. Every call
 * takes the store's lock, so one connection serves the caller's threads and the store's own
 * worker thread, which runs the _async calls in order. The rest is in eo-store-*.c.
 */

#include "config.h"

#include "eo-store-private.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

G_DEFINE_QUARK (eo-store-error-quark, eo_store_error)

G_DEFINE_FINAL_TYPE (EoStore, eo_store, G_TYPE_OBJECT)

/* ------------------------------------------------------------------------------------------- */
/* SQLite helpers (the caller holds the lock)                                                  */

gboolean
eo_store_db_error (EoStore  *self,
                   GError  **error)
{
  g_set_error (error, EO_STORE_ERROR, EO_STORE_ERROR_FAILED,
               _("The order database failed: %s"), sqlite3_errmsg (self->db));
  return FALSE;
}

gboolean
eo_store_exec (EoStore     *self,
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
sqlite3_stmt *
eo_store_stmt (EoStore     *self,
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
      eo_store_db_error (self, error);
      return NULL;
    }

  g_hash_table_insert (self->statements, (gpointer) sql, stmt);

  return stmt;
}

/* Steps a statement that returns no rows, then resets it */
gboolean
eo_store_step_done (EoStore      *self,
                    sqlite3_stmt *stmt,
                    GError      **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      eo_store_db_error (self, error);
      sqlite3_reset (stmt);
      return FALSE;
    }

  sqlite3_reset (stmt);
  return TRUE;
}

const char *
eo_store_column_text (sqlite3_stmt *stmt,
                      int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  return text != NULL ? text : "";
}

void
eo_store_bind_text (sqlite3_stmt *stmt,
                    int           index,
                    const char   *text)
{
  sqlite3_bind_text (stmt, index, text != NULL ? text : "", -1, SQLITE_TRANSIENT);
}

/* The store's shop for ACCOUNT_MATCHES, or NULL (any shop) when none is set */
void
eo_store_bind_account (EoStore      *self,
                       sqlite3_stmt *stmt)
{
  if (self->account != NULL)
    eo_store_bind_text (stmt, ACCOUNT_PARAM, self->account);
  else
    sqlite3_bind_null (stmt, ACCOUNT_PARAM);
}

const char *
eo_store_shop_key (EoStore *self)
{
  return self->account != NULL ? self->account : "";
}

void
eo_store_bind_date (sqlite3_stmt *stmt,
                    int           index,
                    GDateTime    *date)
{
  if (date != NULL)
    sqlite3_bind_int64 (stmt, index, g_date_time_to_unix (date));
  else
    sqlite3_bind_null (stmt, index);
}

GDateTime *
eo_store_column_date (sqlite3_stmt *stmt,
                      int           column)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return NULL;

  return g_date_time_new_from_unix_local (sqlite3_column_int64 (stmt, column));
}

gboolean
eo_store_begin (EoStore  *self,
                GError  **error)
{
  return eo_store_exec (self, "BEGIN IMMEDIATE", error);
}

gboolean
eo_store_commit (EoStore  *self,
                 GError  **error)
{
  if (!eo_store_exec (self, "COMMIT", error))
    {
      eo_store_exec (self, "ROLLBACK", NULL);
      return FALSE;
    }

  return TRUE;
}

void
eo_store_rollback (EoStore *self)
{
  if (!sqlite3_get_autocommit (self->db))
    eo_store_exec (self, "ROLLBACK", NULL);
}

/* ------------------------------------------------------------------------------------------- */
/* The worker: one thread per store runs the _async calls, one at a time, in order             */

typedef struct
{
  GTask           *task;
  GTaskThreadFunc  func;
} EoStoreJob;

/* Pushed by finalize: the worker ends when it pops it */
static EoStoreJob stop_job;

/*
 * The worker holds no reference on the store (each queued task does), so the store is
 * finalized once the caller and the last task let go. That may happen here, when the task of
 * the job just run is the last to hold the store: then finalize cannot join this thread, and
 * lets it end on its own after the stop job, which it finds next in its queue.
 */
static gpointer
worker_thread (gpointer data)
{
  GAsyncQueue *jobs = data;
  EoStoreJob *job;

  while ((job = g_async_queue_pop (jobs)) != &stop_job)
    {
      job->func (job->task, g_task_get_source_object (job->task), g_task_get_task_data (job->task),
                 g_task_get_cancellable (job->task));
      g_object_unref (job->task);
      g_free (job);
    }

  g_async_queue_unref (jobs);

  return NULL;
}

void
eo_store_task_run (GTask           *task,
                   GTaskThreadFunc  func)
{
  EoStore *self = g_task_get_source_object (task);
  EoStoreJob *job = g_new0 (EoStoreJob, 1);

  job->task = g_object_ref (task);
  job->func = func;

  /* Not under the store's lock, which the worker may hold for a while */
  if (g_once_init_enter (&self->worker))
    g_once_init_leave (&self->worker,
                       g_thread_new ("eo-store", worker_thread, g_async_queue_ref (self->jobs)));

  g_async_queue_push (self->jobs, job);
}

void
eo_store_call_free (EoStoreCall *call)
{
  g_free (call->text);
  g_clear_pointer (&call->change, eo_outbox_change_unref);
  g_clear_object (&call->order);
  g_clear_error (&call->result);
  g_clear_pointer (&call->outcomes, g_ptr_array_unref);
  g_clear_pointer (&call->orders, g_ptr_array_unref);
  g_free (call->good_id);
  g_free (call);
}

GTask *
eo_store_task_new (EoStore             *self,
                   gpointer             source_tag,
                   EoStoreCall         *call,
                   GCancellable        *cancellable,
                   GAsyncReadyCallback  callback,
                   gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, call, (GDestroyNotify) eo_store_call_free);

  return task;
}

gboolean
eo_store_task_check (EoStore      *self,
                     GAsyncResult *result,
                     gpointer      source_tag)
{
  return g_task_is_valid (result, self) &&
         g_task_get_source_tag (G_TASK (result)) == source_tag;
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

  /* Every queued call holds the store: none is left but the stop */
  if (self->worker != NULL)
    {
      g_async_queue_push (self->jobs, &stop_job);
      if (g_thread_self () == self->worker)
        g_thread_unref (self->worker);
      else
        g_thread_join (self->worker);
      self->worker = NULL;
    }
  g_async_queue_unref (self->jobs);

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
  self->jobs = g_async_queue_new ();
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
  /* Every command-line run is the last connection to close: a checkpoint there would copy its
   * pages into the database and sync both files each time. SQLite's automatic checkpoint (every
   * 1000 pages of WAL) does it during a commit instead. */
  sqlite3_db_config (self->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
  if (!eo_store_exec (self,
                      "PRAGMA journal_mode = WAL;"
                      "PRAGMA synchronous = FULL;"
                      "PRAGMA foreign_keys = ON;",
                      error))
    return NULL;

  if (!eo_store_schema_migrate (self, error))
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

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eo-outbox.c: the window's side of the outbox: sends due changes, retries on a timer */
#include "config.h"

#include "eo-outbox.h"

#include "eo-error.h"
#include "eo-outbox-client.h"

struct _EoOutbox
{
  GObject       parent_instance;

  EoStore      *store;
  EoClient     *client;
  GCancellable *cancellable;      /* the run under way; NULL when none */
  GHashTable   *waiters;          /* gint64 change id -> GTask of eo_outbox_submit_async */
  guint         jobs;
  guint         n_pending;
  guint         timer_id;
  EoOutboxClock clock;
  gpointer      clock_data;

  guint         again : 1;
  guint         sending : 1;        /* a change came while a run was under way */
};

G_DEFINE_FINAL_TYPE (EoOutbox, eo_outbox, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_N_PENDING,
  PROP_SENDING,
  N_PROPS
};

enum {
  CHANGED,
  CHANGE_SENT,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

typedef struct
{
  EoOutboxState  state;
  GError        *failure;
} SubmitResult;

static void
submit_result_free (SubmitResult *result)
{
  g_clear_error (&result->failure);
  g_free (result);
}

static gint64
real_now (gpointer user_data)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

static guint
real_arm (guint       delay,
          GSourceFunc func,
          gpointer    func_data,
          gpointer    user_data)
{
  return g_timeout_add_seconds (delay, func, func_data);
}

static void
real_disarm (guint    handle,
             gpointer user_data)
{
  g_source_remove (handle);
}

static const EoOutboxClock real_clock = { real_now, real_arm, real_disarm };

static gint64
now_seconds (EoOutbox *self)
{
  return self->clock.now (self->clock_data);
}

static void
eo_outbox_disarm (EoOutbox *self)
{
  guint handle = self->timer_id;

  self->timer_id = 0;
  if (handle != 0)
    self->clock.disarm (handle, self->clock_data);
}

static void
eo_outbox_set_sending (EoOutbox *self,
                       gboolean  sending)
{
  if (self->sending != !!sending)
    {
      self->sending = !!sending;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SENDING]);
    }
}

static void
eo_outbox_update (EoOutbox *self)
{
  g_autoptr(GPtrArray) list = eo_outbox_list (self);

  if (self->n_pending != list->len)
    {
      self->n_pending = list->len;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PENDING]);
    }

  g_signal_emit (self, signals[CHANGED], 0);
}

static void
eo_outbox_answer (EoOutbox      *self,
                  gint64         id,
                  EoOutboxState  state,
                  const GError  *failure)
{
  GTask *task = g_hash_table_lookup (self->waiters, &id);
  SubmitResult *result;

  if (task == NULL)
    return;

  result = g_new0 (SubmitResult, 1);
  result->state = state;
  result->failure = failure != NULL ? g_error_copy (failure) : NULL;
  g_task_return_pointer (task, result, (GDestroyNotify) submit_result_free);
  g_hash_table_remove (self->waiters, &id);
}

static gboolean
eo_outbox_timer_cb (gpointer user_data)
{
  EoOutbox *self = user_data;

  self->timer_id = 0;
  eo_outbox_send_now (self);

  return G_SOURCE_REMOVE;
}

/*
 * The earliest time one of this shop's changes can be claimed (as the store claims them): the
 * oldest pending change of each of its orders. Another shop's changes wait for that account, and
 * a later change of an order for the one before it, so neither may wake the outbox.
 */
static gboolean
eo_outbox_next_attempt (EoOutbox *self,
                        gint64   *out_when)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) pending = eo_store_outbox_list_pending (self->store, &error);
  g_autoptr(GHashTable) orders = NULL;
  const char *login = eo_client_get_login (self->client);
  gboolean found = FALSE;

  if (pending == NULL)
    {
      g_warning ("The outbox could not be read: %s", error->message);
      return FALSE;
    }

  orders = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < pending->len; i++)   /* oldest first */
    {
      EoOutboxChange *change = g_ptr_array_index (pending, i);
      char *order;

      if (login != NULL && !eo_outbox_change_is_for (change, login))
        continue;

      order = g_strdup_printf ("%" G_GINT64_FORMAT " %s", change->bill_id, change->account);
      if (!g_hash_table_add (orders, order))
        continue;

      if (!found || change->next_attempt < *out_when)
        *out_when = change->next_attempt;
      found = TRUE;
    }

  return found;
}

/* Sends again when the earliest backoff of this shop's changes ends */
static void
eo_outbox_schedule (EoOutbox *self)
{
  gint64 when = 0;

  eo_outbox_disarm (self);

  if (eo_outbox_next_attempt (self, &when))
    self->timer_id = self->clock.arm ((guint) CLAMP (when - now_seconds (self), 1,
                                                     EO_OUTBOX_BACKOFF_MAX),
                                      eo_outbox_timer_cb, self, self->clock_data);
}

static void
eo_outbox_progress_cb (EoOutboxChange *change,
                       EoOutboxState   state,
                       const GError   *error,
                       gpointer        user_data)
{
  EoOutbox *self = user_data;

  eo_outbox_answer (self, change->id, state, error);
  g_signal_emit (self, signals[CHANGE_SENT], 0, change, (int) state, error);
  eo_outbox_update (self);
}

/* The store passes one user_data to send, finish and progress: this outbox */
static void
eo_outbox_send_change (EoOutboxChange      *change,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             callback_data,
                       gpointer             user_data)
{
  EoOutbox *self = user_data;

  eo_outbox_client_send (change, cancellable, callback, callback_data, self->client);
}

static gboolean
eo_outbox_send_change_finish (GAsyncResult  *result,
                              GError       **error,
                              gpointer       user_data)
{
  EoOutbox *self = user_data;

  return eo_outbox_client_send_finish (result, error, self->client);
}

static void
eo_outbox_send_due_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(EoOutbox) self = user_data;
  g_autoptr(GError) error = NULL;
  GHashTableIter iter;
  gpointer key;

  if (!eo_outbox_sender_send_due_finish (EO_STORE (object), result, NULL, NULL, NULL, &error) &&
      !eo_error_is_cancelled (error))
    g_warning ("The outbox could not be sent: %s", error->message);

  g_clear_object (&self->cancellable);

  if (self->again && !eo_error_is_cancelled (error))
    {
      eo_outbox_send_now (self);
      return;
    }

  /* Changes not sent in this run wait behind an earlier change of their order */
  g_hash_table_iter_init (&iter, self->waiters);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      GTask *task = g_hash_table_lookup (self->waiters, key);
      SubmitResult *answer = g_new0 (SubmitResult, 1);

      answer->state = EO_OUTBOX_STATE_PENDING;
      g_task_return_pointer (task, answer, (GDestroyNotify) submit_result_free);
      g_hash_table_iter_remove (&iter);
    }

  eo_outbox_update (self);

  if (!eo_error_is_cancelled (error))
    eo_outbox_schedule (self);

  eo_outbox_set_sending (self, FALSE);
}

/* The shop the client talks to now: the store records each change queued for it, and sends
 * only its changes (another shop's wait until that account is back) */
static void
eo_outbox_sync_account (EoOutbox *self)
{
  eo_store_set_account (self->store, eo_client_get_login (self->client));
}

void
eo_outbox_send_now (EoOutbox *self)
{
  g_return_if_fail (EO_IS_OUTBOX (self));

  if (self->cancellable != NULL)
    {
      self->again = TRUE;
      return;
    }

  self->again = FALSE;
  eo_outbox_disarm (self);
  self->cancellable = g_cancellable_new ();
  eo_outbox_sync_account (self);
  eo_outbox_set_sending (self, TRUE);
  eo_outbox_sender_send_due_async (self->store, now_seconds (self), self->jobs,
                                   eo_outbox_send_change, eo_outbox_send_change_finish,
                                   eo_outbox_progress_cb, self,
                                   self->cancellable, eo_outbox_send_due_cb, g_object_ref (self));
}

void
eo_outbox_stop (EoOutbox *self)
{
  g_return_if_fail (EO_IS_OUTBOX (self));

  self->again = FALSE;
  eo_outbox_disarm (self);
  g_cancellable_cancel (self->cancellable);
}

static void
eo_outbox_enqueue_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  EoOutbox *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  gint64 id;

  id = eo_store_outbox_enqueue_finish (EO_STORE (object), result, &error);

  if (id == 0)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_hash_table_insert (self->waiters, g_memdup2 (&id, sizeof id), g_object_ref (task));
  eo_outbox_update (self);
  eo_outbox_send_now (self);
}

void
eo_outbox_submit_async (EoOutbox           *self,
                        EoOutboxChange     *change,
                        GCancellable       *cancellable,
                        GAsyncReadyCallback callback,
                        gpointer            user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (EO_IS_OUTBOX (self));
  g_return_if_fail (change != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, eo_outbox_submit_async);
  eo_outbox_sync_account (self);
  eo_store_outbox_enqueue_async (self->store, change, now_seconds (self), NULL,
                                 eo_outbox_enqueue_cb, g_steal_pointer (&task));
}

gboolean
eo_outbox_submit_finish (EoOutbox      *self,
                         GAsyncResult  *result,
                         EoOutboxState *out_state,
                         GError       **out_failure,
                         GError       **error)
{
  SubmitResult *answer;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  answer = g_task_propagate_pointer (G_TASK (result), error);
  if (answer == NULL)
    return FALSE;

  if (out_state != NULL)
    *out_state = answer->state;
  if (out_failure != NULL)
    *out_failure = g_steal_pointer (&answer->failure);
  submit_result_free (answer);

  return TRUE;
}

gboolean
eo_outbox_submit_many (EoOutbox   *self,
                       GPtrArray  *changes,
                       GError    **error)
{
  g_return_val_if_fail (EO_IS_OUTBOX (self), FALSE);

  eo_outbox_sync_account (self);
  if (!eo_store_outbox_enqueue_many (self->store, changes, now_seconds (self), error))
    return FALSE;

  eo_outbox_update (self);
  eo_outbox_send_now (self);

  return TRUE;
}

gboolean
eo_outbox_retry (EoOutbox  *self,
                 gint64     id,
                 GError   **error)
{
  g_return_val_if_fail (EO_IS_OUTBOX (self), FALSE);

  if (!eo_store_outbox_retry (self->store, id, now_seconds (self), error))
    return FALSE;

  eo_outbox_update (self);
  eo_outbox_send_now (self);

  return TRUE;
}

gboolean
eo_outbox_discard (EoOutbox  *self,
                   gint64     id,
                   GError   **error)
{
  gboolean ok;

  g_return_val_if_fail (EO_IS_OUTBOX (self), FALSE);

  ok = eo_store_outbox_discard (self->store, id, now_seconds (self), error);
  eo_outbox_update (self);

  return ok;
}

GPtrArray *
eo_outbox_list (EoOutbox *self)
{
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GPtrArray) failed = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (EO_IS_OUTBOX (self), NULL);

  list = eo_store_outbox_list_pending (self->store, &error);
  if (list != NULL)
    failed = eo_store_outbox_list_failed (self->store, &error);

  if (list == NULL || failed == NULL)
    {
      g_warning ("The outbox could not be read: %s", error->message);
      return g_ptr_array_new_with_free_func ((GDestroyNotify) eo_outbox_change_unref);
    }

  for (guint i = 0; i < failed->len; i++)
    g_ptr_array_add (list, eo_outbox_change_ref (g_ptr_array_index (failed, i)));

  return g_steal_pointer (&list);
}

EoStore *
eo_outbox_get_store (EoOutbox *self)
{
  g_return_val_if_fail (EO_IS_OUTBOX (self), NULL);

  return self->store;
}

guint
eo_outbox_get_n_pending (EoOutbox *self)
{
  g_return_val_if_fail (EO_IS_OUTBOX (self), 0);

  return self->n_pending;
}

void
eo_outbox_set_jobs (EoOutbox *self,
                    guint     jobs)
{
  g_return_if_fail (EO_IS_OUTBOX (self));

  self->jobs = jobs;
}

static void
eo_outbox_dispose (GObject *object)
{
  EoOutbox *self = EO_OUTBOX (object);

  eo_outbox_disarm (self);
  g_cancellable_cancel (self->cancellable);

  G_OBJECT_CLASS (eo_outbox_parent_class)->dispose (object);
}

static void
eo_outbox_finalize (GObject *object)
{
  EoOutbox *self = EO_OUTBOX (object);

  g_clear_pointer (&self->waiters, g_hash_table_unref);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  g_clear_object (&self->client);

  G_OBJECT_CLASS (eo_outbox_parent_class)->finalize (object);
}

static void
eo_outbox_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  EoOutbox *self = EO_OUTBOX (object);

  switch (prop_id)
    {
    case PROP_N_PENDING:
      g_value_set_uint (value, self->n_pending);
      break;

    case PROP_SENDING:
      g_value_set_boolean (value, self->sending);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
eo_outbox_class_init (EoOutboxClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = eo_outbox_dispose;
  object_class->finalize = eo_outbox_finalize;
  object_class->get_property = eo_outbox_get_property;

  properties[PROP_N_PENDING] =
    g_param_spec_uint ("n-pending", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_SENDING] =
    g_param_spec_boolean ("sending", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  signals[CHANGE_SENT] =
    g_signal_new ("change-sent",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3,
                  EO_TYPE_OUTBOX_CHANGE | G_SIGNAL_TYPE_STATIC_SCOPE,
                  G_TYPE_INT,
                  G_TYPE_ERROR | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
eo_outbox_init (EoOutbox *self)
{
  self->waiters = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  self->jobs = EO_OUTBOX_DEFAULT_JOBS;
  self->clock = real_clock;
}

EoOutbox *
eo_outbox_new (EoStore  *store,
               EoClient *client)
{
  EoOutbox *self;

  g_return_val_if_fail (EO_IS_STORE (store), NULL);
  g_return_val_if_fail (EO_IS_CLIENT (client), NULL);

  self = g_object_new (EO_TYPE_OUTBOX, NULL);
  self->store = g_object_ref (store);
  self->client = g_object_ref (client);
  eo_outbox_update (self);

  return self;
}

gboolean
eo_outbox_get_sending (EoOutbox *self)
{
  g_return_val_if_fail (EO_IS_OUTBOX (self), FALSE);

  return self->sending;
}

void
eo_outbox_set_clock (EoOutbox            *self,
                     const EoOutboxClock *clock,
                     gpointer             user_data)
{
  g_return_if_fail (EO_IS_OUTBOX (self));

  eo_outbox_disarm (self);
  self->clock = clock != NULL ? *clock : real_clock;
  self->clock_data = clock != NULL ? user_data : NULL;
}

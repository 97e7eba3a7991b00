/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eo-customer-orders.c: a customer's orders by e-mail (GetBills), kept a few minutes */

#include "config.h"

#include "eo-customer-orders.h"

#include <glib/gi18n.h>

#include "eo-error.h"

/* A kept answer */
typedef struct
{
  GPtrArray *orders;   /* EoOrder, newest first */
  gint64     fetched;  /* on the clock */
} Entry;

typedef struct _Request Request;

/* One caller waiting for a request */
typedef struct
{
  GTask   *task;
  GSource *cancel_source;  /* the caller's cancellable; NULL without one */
  Request *request;
} Waiter;

/* One GetBills under way, answering everyone who asks for the same address meanwhile */
struct _Request
{
  gint              ref_count;
  EoCustomerOrders *self;         /* no ref: only used while in self->requests */
  char             *key;
  GCancellable     *cancellable;
  GPtrArray        *waiters;      /* Waiter */
  gboolean          detached;     /* out of self->requests: its answer goes to nobody */
};

struct _EoCustomerOrders
{
  GObject                parent_instance;

  EoClient              *client;
  char                  *account;   /* the client's base URL and login the answers are for */
  GHashTable            *entries;   /* key -> Entry */
  GHashTable            *requests;  /* key -> Request (a ref) */
  GTimeSpan              ttl;
  EoCustomerOrdersClock  clock;
  gpointer               clock_data;
};

G_DEFINE_FINAL_TYPE (EoCustomerOrders, eo_customer_orders, G_TYPE_OBJECT)

static void
entry_free (gpointer data)
{
  Entry *entry = data;

  g_ptr_array_unref (entry->orders);
  g_free (entry);
}

static Request *
request_ref (Request *request)
{
  request->ref_count++;
  return request;
}

static void
request_unref (gpointer data)
{
  Request *request = data;

  if (--request->ref_count > 0)
    return;

  g_assert (request->waiters->len == 0);
  g_ptr_array_unref (request->waiters);
  g_object_unref (request->cancellable);
  g_free (request->key);
  g_free (request);
}

static gpointer
copy_order (gconstpointer order,
            gpointer      unused)
{
  return g_object_ref ((gpointer) order);
}

static GPtrArray *
copy_orders (GPtrArray *orders)
{
  return g_ptr_array_copy (orders, copy_order, NULL);
}

/* The waiter's task ends with orders (a copy is given) or error (copied); the waiter is freed */
static void
waiter_finish (Waiter       *waiter,
               GPtrArray    *orders,
               const GError *error)
{
  g_autoptr(GTask) task = g_steal_pointer (&waiter->task);

  if (waiter->cancel_source != NULL)
    {
      g_source_destroy (waiter->cancel_source);
      g_clear_pointer (&waiter->cancel_source, g_source_unref);
    }
  g_free (waiter);

  if (orders != NULL)
    g_task_return_pointer (task, copy_orders (orders), (GDestroyNotify) g_ptr_array_unref);
  else
    g_task_return_error (task, g_error_copy (error));
}

static GError *
new_cancelled_error (void)
{
  return g_error_new_literal (EO_ERROR, EO_ERROR_CANCELLED, _("The request was cancelled."));
}

/* Out of self->requests, and its request cancelled when nobody is left to wait for it */
static void
request_detach (Request *request)
{
  if (request->detached)
    return;

  request->detached = TRUE;
  g_cancellable_cancel (request->cancellable);
  g_hash_table_remove (request->self->requests, request->key);
}

static gboolean
waiter_cancelled_cb (GCancellable *cancellable,
                     gpointer      user_data)
{
  Waiter *waiter = user_data;
  Request *request = waiter->request;
  g_autoptr(GError) error = new_cancelled_error ();

  g_ptr_array_remove (request->waiters, waiter);
  /* The source is being dispatched: it goes once this returns */
  g_clear_pointer (&waiter->cancel_source, g_source_unref);
  waiter_finish (waiter, NULL, error);

  if (request->waiters->len == 0)
    request_detach (request);

  return G_SOURCE_REMOVE;
}

static gint
compare_newest_first (gconstpointer a,
                      gconstpointer b)
{
  EoOrder *x = *(EoOrder **) a;
  EoOrder *y = *(EoOrder **) b;
  GDateTime *cx = eo_order_get_created (x);
  GDateTime *cy = eo_order_get_created (y);
  gint64 ix = eo_order_get_id (x);
  gint64 iy = eo_order_get_id (y);

  /* Undated ones last */
  if (cx != NULL && cy == NULL)
    return -1;
  if (cx == NULL && cy != NULL)
    return 1;
  if (cx != NULL && cy != NULL)
    {
      gint c = g_date_time_compare (cy, cx);

      if (c != 0)
        return c;
    }

  return ix > iy ? -1 : ix < iy;
}

static gint64
eo_customer_orders_now (EoCustomerOrders *self)
{
  return self->clock != NULL ? self->clock (self->clock_data) : g_get_monotonic_time ();
}

static void
request_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Request *request = user_data;
  g_autoptr(GPtrArray) orders = NULL;
  g_autoptr(GPtrArray) waiters = NULL;
  g_autoptr(GError) error = NULL;
  EoCustomerOrders *self = request->self;

  orders = eo_client_get_bills_finish (EO_CLIENT (source), result, NULL, &error);

  /* Cleared, or everybody cancelled: they have been told already */
  if (request->detached)
    {
      request_unref (request);
      return;
    }

  if (orders != NULL)
    {
      Entry *entry = g_new0 (Entry, 1);

      g_ptr_array_sort (orders, compare_newest_first);
      entry->orders = g_ptr_array_ref (orders);
      entry->fetched = eo_customer_orders_now (self);
      g_hash_table_replace (self->entries, g_strdup (request->key), entry);
    }
  else
    {
      g_debug ("The orders of a customer could not be listed: %s", error->message);
    }

  /* A waiter's callback may start another lookup of the same address: a new request then */
  waiters = g_steal_pointer (&request->waiters);
  request->waiters = g_ptr_array_new ();
  request->detached = TRUE;
  g_hash_table_remove (self->requests, request->key);

  for (guint i = 0; i < waiters->len; i++)
    waiter_finish (waiters->pdata[i], orders, error);

  request_unref (request);
}

/* The address as the answers are kept: no surrounding spaces, lower case */
static char *
make_key (const char *email)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (email != NULL ? email : ""));

  return g_utf8_strdown (trimmed, -1);
}

/* The shop the client talks to: its base URL and login */
static char *
dup_account (EoClient *client)
{
  if (!eo_client_has_account (client))
    return NULL;

  return g_strconcat (eo_client_get_base_url (client), "\n", eo_client_get_login (client), NULL);
}

/* Forget what was kept for another shop */
static void
eo_customer_orders_check_account (EoCustomerOrders *self)
{
  g_autofree char *account = dup_account (self->client);

  if (g_strcmp0 (account, self->account) == 0)
    return;

  eo_customer_orders_clear (self);
  g_free (self->account);
  self->account = g_steal_pointer (&account);
}

/* The kept answer for key, if still fresh; a stale one is dropped */
static Entry *
eo_customer_orders_fresh_entry (EoCustomerOrders *self,
                                const char       *key)
{
  Entry *entry = g_hash_table_lookup (self->entries, key);

  if (entry == NULL)
    return NULL;

  if (eo_customer_orders_now (self) - entry->fetched < self->ttl)
    return entry;

  g_hash_table_remove (self->entries, key);
  return NULL;
}

static void
eo_customer_orders_dispose (GObject *object)
{
  EoCustomerOrders *self = EO_CUSTOMER_ORDERS (object);

  if (self->requests != NULL)
    eo_customer_orders_clear (self);

  G_OBJECT_CLASS (eo_customer_orders_parent_class)->dispose (object);
}

static void
eo_customer_orders_finalize (GObject *object)
{
  EoCustomerOrders *self = EO_CUSTOMER_ORDERS (object);

  g_clear_pointer (&self->requests, g_hash_table_unref);
  g_clear_pointer (&self->entries, g_hash_table_unref);
  g_clear_object (&self->client);
  g_clear_pointer (&self->account, g_free);

  G_OBJECT_CLASS (eo_customer_orders_parent_class)->finalize (object);
}

static void
eo_customer_orders_class_init (EoCustomerOrdersClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = eo_customer_orders_dispose;
  object_class->finalize = eo_customer_orders_finalize;
}

static void
eo_customer_orders_init (EoCustomerOrders *self)
{
  self->entries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, entry_free);
  self->requests = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, request_unref);
  self->ttl = EO_CUSTOMER_ORDERS_DEFAULT_TTL;
}

EoCustomerOrders *
eo_customer_orders_new (EoClient *client)
{
  EoCustomerOrders *self;

  g_return_val_if_fail (EO_IS_CLIENT (client), NULL);

  self = g_object_new (EO_TYPE_CUSTOMER_ORDERS, NULL);
  self->client = g_object_ref (client);
  self->account = dup_account (client);

  return self;
}

EoClient *
eo_customer_orders_get_client (EoCustomerOrders *self)
{
  g_return_val_if_fail (EO_IS_CUSTOMER_ORDERS (self), NULL);

  return self->client;
}

void
eo_customer_orders_set_ttl (EoCustomerOrders *self,
                            GTimeSpan         ttl)
{
  g_return_if_fail (EO_IS_CUSTOMER_ORDERS (self));
  g_return_if_fail (ttl >= 0);

  self->ttl = ttl;
}

void
eo_customer_orders_set_clock (EoCustomerOrders      *self,
                              EoCustomerOrdersClock  clock,
                              gpointer               user_data)
{
  g_return_if_fail (EO_IS_CUSTOMER_ORDERS (self));

  self->clock = clock;
  self->clock_data = user_data;
}

void
eo_customer_orders_lookup_async (EoCustomerOrders    *self,
                                 const char          *email,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *key = NULL;
  Request *request;
  Waiter *waiter;
  Entry *entry;

  g_return_if_fail (EO_IS_CUSTOMER_ORDERS (self));
  g_return_if_fail (email != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, eo_customer_orders_lookup_async);
  /* Cancellation is answered here, at once, whatever the request does */
  g_task_set_check_cancellable (task, FALSE);

  if (g_cancellable_is_cancelled (cancellable))
    {
      g_task_return_error (task, new_cancelled_error ());
      return;
    }

  eo_customer_orders_check_account (self);
  key = make_key (email);

  if ((entry = eo_customer_orders_fresh_entry (self, key)) != NULL)
    {
      g_task_return_pointer (task, copy_orders (entry->orders),
                             (GDestroyNotify) g_ptr_array_unref);
      return;
    }

  request = g_hash_table_lookup (self->requests, key);
  if (request == NULL)
    {
      g_autofree char *trimmed = g_strstrip (g_strdup (email));

      request = g_new0 (Request, 1);
      request->ref_count = 1;
      request->self = self;
      request->key = g_strdup (key);
      request->cancellable = g_cancellable_new ();
      request->waiters = g_ptr_array_new ();
      g_hash_table_insert (self->requests, request->key, request);
      eo_client_get_bills_async (self->client, trimmed, NULL, request->cancellable,
                                 request_done_cb, request_ref (request));
    }

  waiter = g_new0 (Waiter, 1);
  waiter->task = g_steal_pointer (&task);
  waiter->request = request;
  g_ptr_array_add (request->waiters, waiter);

  if (cancellable != NULL)
    {
      waiter->cancel_source = g_cancellable_source_new (cancellable);
      g_source_set_callback (waiter->cancel_source, G_SOURCE_FUNC (waiter_cancelled_cb), waiter,
                             NULL);
      g_source_set_static_name (waiter->cancel_source, "[eo] customer orders cancelled");
      g_source_attach (waiter->cancel_source, g_task_get_context (waiter->task));
    }
}

GPtrArray *
eo_customer_orders_lookup_finish (EoCustomerOrders  *self,
                                  GAsyncResult      *result,
                                  GError           **error)
{
  g_return_val_if_fail (EO_IS_CUSTOMER_ORDERS (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == eo_customer_orders_lookup_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

gboolean
eo_customer_orders_is_cached (EoCustomerOrders *self,
                              const char       *email)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (EO_IS_CUSTOMER_ORDERS (self), FALSE);
  g_return_val_if_fail (email != NULL, FALSE);

  eo_customer_orders_check_account (self);
  key = make_key (email);

  return eo_customer_orders_fresh_entry (self, key) != NULL;
}

void
eo_customer_orders_invalidate (EoCustomerOrders *self,
                               const char       *email)
{
  g_autofree char *key = NULL;

  g_return_if_fail (EO_IS_CUSTOMER_ORDERS (self));
  g_return_if_fail (email != NULL);

  key = make_key (email);
  g_hash_table_remove (self->entries, key);
}

static gboolean
entry_has_order (gpointer key,
                 gpointer value,
                 gpointer user_data)
{
  Entry *entry = value;
  gint64 bill_id = *(gint64 *) user_data;

  for (guint i = 0; i < entry->orders->len; i++)
    if (eo_order_get_id (entry->orders->pdata[i]) == bill_id)
      return TRUE;

  return FALSE;
}

gboolean
eo_customer_orders_invalidate_order (EoCustomerOrders *self,
                                     gint64            bill_id)
{
  g_return_val_if_fail (EO_IS_CUSTOMER_ORDERS (self), FALSE);

  return g_hash_table_foreach_remove (self->entries, entry_has_order, &bill_id) > 0;
}

void
eo_customer_orders_clear (EoCustomerOrders *self)
{
  g_autoptr(GPtrArray) requests = g_ptr_array_new_with_free_func (request_unref);
  g_autoptr(GError) error = new_cancelled_error ();
  GHashTableIter iter;
  gpointer value;

  g_return_if_fail (EO_IS_CUSTOMER_ORDERS (self));

  g_hash_table_remove_all (self->entries);

  g_hash_table_iter_init (&iter, self->requests);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (requests, request_ref (value));

  for (guint i = 0; i < requests->len; i++)
    {
      Request *request = requests->pdata[i];
      g_autoptr(GPtrArray) waiters = g_steal_pointer (&request->waiters);

      request->waiters = g_ptr_array_new ();
      request_detach (request);
      for (guint j = 0; j < waiters->len; j++)
        waiter_finish (waiters->pdata[j], NULL, error);
    }
}

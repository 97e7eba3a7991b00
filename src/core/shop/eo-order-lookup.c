/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eo-order-lookup.c: one order looked up: the saved copy, then the shop's answer, then saved */

#include "config.h"

#include "eo-order-lookup.h"

#include "eo-error.h"
#include "eo-saved-order.h"

struct _EoOrderLookup
{
  GObject             parent_instance;

  EoClient           *client;
  EoStore            *store;
  GCancellable       *cancellable;     /* the lookup under way; cancelled by the next */
  GCancellable       *save_cancellable; /* the history writes; cancelled on dispose only */

  gint64              bill_id;
  EoOrder            *order;
  EoOrderLookupState  state;
  GError             *error;
  guint               n_saving;
  guint               saved_only : 1;   /* the lookup under way stops after the saved copy */
  guint               unsaved : 1;      /* the shop's answer came with no store to keep it */
};

G_DEFINE_FINAL_TYPE (EoOrderLookup, eo_order_lookup, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (EoOrderLookupState, eo_order_lookup_state,
  G_DEFINE_ENUM_VALUE (EO_ORDER_LOOKUP_IDLE, "idle"),
  G_DEFINE_ENUM_VALUE (EO_ORDER_LOOKUP_LOADING, "loading"),
  G_DEFINE_ENUM_VALUE (EO_ORDER_LOOKUP_REFRESHING, "refreshing"),
  G_DEFINE_ENUM_VALUE (EO_ORDER_LOOKUP_DONE, "done"),
  G_DEFINE_ENUM_VALUE (EO_ORDER_LOOKUP_FAILED, "failed"))

enum
{
  PROP_0,
  PROP_BILL_ID,
  PROP_ORDER,
  PROP_STATE,
  PROP_ERROR,
  PROP_SAVING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
eo_order_lookup_set_state (EoOrderLookup      *self,
                           EoOrderLookupState  state)
{
  if (self->state == state)
    return;

  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
eo_order_lookup_set_order (EoOrderLookup *self,
                           EoOrder       *order)
{
  if (g_set_object (&self->order, order))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ORDER]);
}

static void
eo_order_lookup_set_error (EoOrderLookup *self,
                           GError        *error)
{
  if (self->error == NULL && error == NULL)
    return;

  g_clear_error (&self->error);
  self->error = error;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

static void
eo_order_lookup_order_saved_cb (GObject      *object,
                                GAsyncResult *result,
                                gpointer      user_data)
{
  g_autoptr(EoOrderLookup) self = user_data;
  g_autoptr(GError) error = NULL;

  eo_store_save_order_finish (EO_STORE (object), result, &error);

  /* "saving" goes false only after "saved": a caller waiting on it has heard the outcome */
  if (!eo_error_is_cancelled (error))
    g_signal_emit (self, signals[SAVED], 0, error);

  self->n_saving--;
  if (self->n_saving == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SAVING]);
}

static void
eo_order_lookup_save (EoOrderLookup *self)
{
  self->unsaved = FALSE;
  if (self->n_saving++ == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SAVING]);
  eo_store_save_order_async (self->store, self->order, g_get_real_time () / G_USEC_PER_SEC,
                             self->save_cancellable, eo_order_lookup_order_saved_cb,
                             g_object_ref (self));
}

static void
eo_order_lookup_got_order_cb (GObject      *object,
                              GAsyncResult *result,
                              gpointer      user_data)
{
  g_autoptr(EoOrderLookup) self = user_data;
  g_autoptr(EoOrder) order = NULL;
  g_autoptr(GError) error = NULL;

  order = eo_client_get_order_finish (EO_CLIENT (object), result, &error);
  if (eo_error_is_cancelled (error))
    return;

  g_object_freeze_notify (G_OBJECT (self));

  if (order == NULL)
    {
      /* What is shown (the saved copy, or the order before a refresh) stays */
      eo_order_lookup_set_error (self, g_steal_pointer (&error));
      eo_order_lookup_set_state (self, EO_ORDER_LOOKUP_FAILED);
      g_object_thaw_notify (G_OBJECT (self));
      return;
    }

  eo_order_lookup_set_order (self, order);
  eo_order_lookup_set_state (self, EO_ORDER_LOOKUP_DONE);

  /* Every order fetched is kept, for the search and the recent orders, as this shop's (as
   * soon as there is a store, when there is none yet) */
  self->unsaved = TRUE;
  if (self->store != NULL)
    eo_order_lookup_save (self);

  g_object_thaw_notify (G_OBJECT (self));
}

static void
eo_order_lookup_fetch (EoOrderLookup *self)
{
  eo_client_get_order_async (self->client, self->bill_id, self->cancellable,
                             eo_order_lookup_got_order_cb, g_object_ref (self));
}

static void
eo_order_lookup_saved_copy_cb (GObject      *object,
                               GAsyncResult *result,
                               gpointer      user_data)
{
  g_autoptr(EoOrderLookup) self = user_data;
  g_autoptr(EoOrder) order = NULL;
  g_autoptr(GError) error = NULL;

  order = eo_saved_order_load_finish (result, &error);
  if (eo_error_is_cancelled (error))
    return;

  if (error != NULL)
    g_warning ("Saved order %" G_GINT64_FORMAT " could not be read: %s",
               self->bill_id, error->message);

  /* Shown at once from the history; the shop's answer replaces it */
  if (order != NULL)
    {
      g_object_freeze_notify (G_OBJECT (self));
      eo_order_lookup_set_order (self, order);
      eo_order_lookup_set_state (self, EO_ORDER_LOOKUP_REFRESHING);
      g_object_thaw_notify (G_OBJECT (self));
    }

  if (!self->saved_only)
    eo_order_lookup_fetch (self);
}

void
eo_order_lookup_run (EoOrderLookup      *self,
                     gint64              bill_id,
                     EoOrderLookupFlags  flags)
{
  gboolean keep = (flags & EO_ORDER_LOOKUP_KEEP_ORDER) != 0 && self->order != NULL &&
                  bill_id == self->bill_id;

  g_return_if_fail (EO_IS_ORDER_LOOKUP (self));
  g_return_if_fail (bill_id > 0);
  g_return_if_fail (self->client != NULL);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  g_object_freeze_notify (G_OBJECT (self));
  if (self->bill_id != bill_id)
    {
      self->bill_id = bill_id;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BILL_ID]);
    }
  eo_order_lookup_set_error (self, NULL);
  self->unsaved = FALSE;
  self->saved_only = (flags & EO_ORDER_LOOKUP_SAVED_ONLY) != 0;
  if (!keep)
    eo_order_lookup_set_order (self, NULL);
  eo_order_lookup_set_state (self, keep ? EO_ORDER_LOOKUP_REFRESHING : EO_ORDER_LOOKUP_LOADING);
  g_object_thaw_notify (G_OBJECT (self));

  if (!keep && (flags & (EO_ORDER_LOOKUP_SAVED_FIRST | EO_ORDER_LOOKUP_SAVED_ONLY)) != 0 &&
      self->store != NULL)
    eo_saved_order_load_async (self->store, bill_id, eo_client_get_host (self->client),
                               self->cancellable, eo_order_lookup_saved_copy_cb,
                               g_object_ref (self));
  else if (!self->saved_only)
    eo_order_lookup_fetch (self);
}

void
eo_order_lookup_cancel (EoOrderLookup *self)
{
  g_return_if_fail (EO_IS_ORDER_LOOKUP (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->state == EO_ORDER_LOOKUP_LOADING || self->state == EO_ORDER_LOOKUP_REFRESHING)
    eo_order_lookup_set_state (self, self->order != NULL ? EO_ORDER_LOOKUP_DONE
                                                         : EO_ORDER_LOOKUP_IDLE);
}

void
eo_order_lookup_set_client (EoOrderLookup *self,
                            EoClient      *client)
{
  g_return_if_fail (EO_IS_ORDER_LOOKUP (self));
  g_return_if_fail (client == NULL || EO_IS_CLIENT (client));

  if (self->client != client)
    eo_order_lookup_cancel (self);
  g_set_object (&self->client, client);
}

void
eo_order_lookup_set_store (EoOrderLookup *self,
                           EoStore       *store)
{
  g_return_if_fail (EO_IS_ORDER_LOOKUP (self));
  g_return_if_fail (store == NULL || EO_IS_STORE (store));

  /* Letting go of a store (the shop changes): an answer not kept yet is not the next shop's */
  if (store == NULL)
    self->unsaved = FALSE;

  g_set_object (&self->store, store);

  if (self->store != NULL && self->unsaved && self->state == EO_ORDER_LOOKUP_DONE)
    eo_order_lookup_save (self);
}

gint64
eo_order_lookup_get_bill_id (EoOrderLookup *self)
{
  g_return_val_if_fail (EO_IS_ORDER_LOOKUP (self), 0);

  return self->bill_id;
}

EoOrder *
eo_order_lookup_get_order (EoOrderLookup *self)
{
  g_return_val_if_fail (EO_IS_ORDER_LOOKUP (self), NULL);

  return self->order;
}

EoOrderLookupState
eo_order_lookup_get_state (EoOrderLookup *self)
{
  g_return_val_if_fail (EO_IS_ORDER_LOOKUP (self), EO_ORDER_LOOKUP_IDLE);

  return self->state;
}

const GError *
eo_order_lookup_get_error (EoOrderLookup *self)
{
  g_return_val_if_fail (EO_IS_ORDER_LOOKUP (self), NULL);

  return self->error;
}

gboolean
eo_order_lookup_get_saving (EoOrderLookup *self)
{
  g_return_val_if_fail (EO_IS_ORDER_LOOKUP (self), FALSE);

  return self->n_saving > 0;
}

EoOrderLookup *
eo_order_lookup_new (EoClient *client,
                     EoStore  *store)
{
  EoOrderLookup *self;

  g_return_val_if_fail (client == NULL || EO_IS_CLIENT (client), NULL);
  g_return_val_if_fail (store == NULL || EO_IS_STORE (store), NULL);

  self = g_object_new (EO_TYPE_ORDER_LOOKUP, NULL);
  g_set_object (&self->client, client);
  g_set_object (&self->store, store);

  return self;
}

static void
eo_order_lookup_dispose (GObject *object)
{
  EoOrderLookup *self = EO_ORDER_LOOKUP (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->client);
  g_clear_object (&self->store);
  g_clear_object (&self->order);

  G_OBJECT_CLASS (eo_order_lookup_parent_class)->dispose (object);
}

static void
eo_order_lookup_finalize (GObject *object)
{
  EoOrderLookup *self = EO_ORDER_LOOKUP (object);

  g_clear_object (&self->save_cancellable);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (eo_order_lookup_parent_class)->finalize (object);
}

static void
eo_order_lookup_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  EoOrderLookup *self = EO_ORDER_LOOKUP (object);

  switch (prop_id)
    {
    case PROP_BILL_ID:
      g_value_set_int64 (value, self->bill_id);
      break;
    case PROP_ORDER:
      g_value_set_object (value, self->order);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_ERROR:
      g_value_set_boxed (value, self->error);
      break;
    case PROP_SAVING:
      g_value_set_boolean (value, self->n_saving > 0);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
eo_order_lookup_class_init (EoOrderLookupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = eo_order_lookup_dispose;
  object_class->finalize = eo_order_lookup_finalize;
  object_class->get_property = eo_order_lookup_get_property;

  properties[PROP_BILL_ID] =
    g_param_spec_int64 ("bill-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ORDER] =
    g_param_spec_object ("order", NULL, NULL, EO_TYPE_ORDER,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, EO_TYPE_ORDER_LOOKUP_STATE, EO_ORDER_LOOKUP_IDLE,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ERROR] =
    g_param_spec_boxed ("error", NULL, NULL, G_TYPE_ERROR,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SAVING] =
    g_param_spec_boolean ("saving", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                                 G_TYPE_ERROR | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
eo_order_lookup_init (EoOrderLookup *self)
{
  self->save_cancellable = g_cancellable_new ();
}

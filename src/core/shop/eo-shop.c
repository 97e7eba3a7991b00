/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eo-shop.c: the shop the app works on: its account, its client, its store (or the demo shop's) */

#include "config.h"

#include "eo-shop.h"

#include <glib/gi18n-lib.h>

#include "eo-error.h"

struct _EoShop
{
  GObject        parent_instance;

  EoClient      *client;
  EoDemoServer  *demo_server;
  EoStore       *store;
  char          *store_path;         /* the one open or opening: the shop's, or the demo's */
  GCancellable  *store_cancellable;
  GCancellable  *cancellable;        /* the account being loaded */

  guint          demo : 1;
  guint          ready : 1;
};

G_DEFINE_FINAL_TYPE (EoShop, eo_shop, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_CLIENT,
  PROP_STORE,
  PROP_DEMO,
  PROP_READY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  PROBLEM,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
eo_shop_problem (EoShop     *self,
                 const char *message)
{
  g_signal_emit (self, signals[PROBLEM], 0, message);
}

static void
eo_shop_set_store (EoShop  *self,
                   EoStore *store)
{
  if (g_set_object (&self->store, store))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

static void
eo_shop_set_state (EoShop   *self,
                   gboolean  ready,
                   gboolean  demo)
{
  g_object_freeze_notify (G_OBJECT (self));

  if (self->demo != !!demo)
    {
      self->demo = !!demo;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEMO]);
    }

  if (self->ready != !!ready)
    {
      self->ready = !!ready;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READY]);
    }

  g_object_thaw_notify (G_OBJECT (self));
}

static void
eo_shop_store_opened_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(EoShop) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(EoStore) store = NULL;

  store = eo_store_open_finish (result, &error);

  if (eo_error_is_cancelled (error))
    return;

  if (store == NULL)
    {
      g_autofree char *message = NULL;

      g_warning ("Could not open the saved orders: %s", error->message);
      message = g_strdup_printf (_("The saved orders could not be opened: %s"), error->message);
      eo_shop_problem (self, message);
      return;
    }

  /* The history and the changes are this shop's */
  eo_store_set_account (store, eo_client_get_login (self->client));
  eo_shop_set_store (self, store);
}

/* The demo shop and the shop have a file each. Called as the client turns to one or the
 * other, before anything can be queued through it: the old store goes first. */
static void
eo_shop_use_store (EoShop   *self,
                   gboolean  demo)
{
  g_autofree char *path = demo ? eo_store_get_demo_path () : eo_store_get_default_path ();

  if (g_strcmp0 (path, self->store_path) == 0)
    return;

  g_cancellable_cancel (self->store_cancellable);
  g_clear_object (&self->store_cancellable);
  eo_shop_set_store (self, NULL);

  g_free (self->store_path);
  self->store_path = g_steal_pointer (&path);
}

static void
eo_shop_open_store_async (EoShop *self)
{
  if (self->store != NULL || self->store_cancellable != NULL)
    return;

  self->store_cancellable = g_cancellable_new ();
  eo_store_open_async (self->store_path, self->store_cancellable,
                       eo_shop_store_opened_cb, g_object_ref (self));
}

static void
eo_shop_start_demo (EoShop *self)
{
  g_autoptr(GError) error = NULL;

  if (self->demo_server == NULL)
    {
      g_autoptr(EoDemoServer) server = eo_demo_server_new ();

      if (!eo_demo_server_start (server, &error))
        {
          g_warning ("Could not start the demo shop: %s", error->message);
          eo_shop_problem (self, _("The demo shop could not start"));
          eo_shop_set_state (self, FALSE, TRUE);
          return;
        }

      self->demo_server = g_steal_pointer (&server);
    }

  /* Leaving the shop: its changes stay in its own file, out of the demo shop's reach */
  eo_shop_use_store (self, TRUE);

  if (!eo_client_set_account (self->client,
                              eo_demo_server_get_url (self->demo_server),
                              eo_demo_server_get_login (self->demo_server),
                              eo_demo_server_get_secret (self->demo_server),
                              &error))
    {
      g_warning ("Could not use the demo shop: %s", error->message);
      eo_shop_set_state (self, FALSE, TRUE);
      return;
    }

  eo_shop_set_state (self, TRUE, TRUE);
  eo_shop_open_store_async (self);
}

static gboolean
eo_shop_use_account (EoShop           *self,
                     const EoAccount  *account,
                     GError          **error)
{
  /* The shop's file (leaving the demo shop: its changes stay in its own) */
  eo_shop_use_store (self, FALSE);

  /* Another shop: whoever sends the last one's changes lets go of the store first (they stay
   * in the outbox, for that shop); it comes back once the client is the new shop's */
  if (g_strcmp0 (eo_client_get_login (self->client), account->login) != 0)
    {
      g_cancellable_cancel (self->store_cancellable);
      g_clear_object (&self->store_cancellable);
      eo_shop_set_store (self, NULL);
    }

  if (!eo_client_set_account (self->client, account->url_template, account->login,
                              account->secret, error))
    return FALSE;

  if (self->demo_server != NULL)
    {
      eo_demo_server_stop (self->demo_server);
      g_clear_object (&self->demo_server);
    }

  eo_shop_set_state (self, TRUE, FALSE);
  return TRUE;
}

static void
eo_shop_account_loaded_cb (GObject      *object,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  g_autoptr(EoShop) self = user_data;
  g_autoptr(EoAccount) account = NULL;
  g_autoptr(GError) error = NULL;

  account = eo_account_load_finish (result, &error);

  if (eo_error_is_cancelled (error))
    return;

  if (account != NULL && eo_shop_use_account (self, account, &error))
    {
      eo_shop_open_store_async (self);
      return;
    }

  if (!g_error_matches (error, EO_ERROR, EO_ERROR_NO_ACCOUNT))
    eo_shop_problem (self, error->message);

  eo_shop_start_demo (self);
}

void
eo_shop_load (EoShop   *self,
              gboolean  force_demo)
{
  g_return_if_fail (EO_IS_SHOP (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  if (force_demo)
    {
      eo_shop_start_demo (self);
      return;
    }

  eo_account_load_async (self->cancellable, eo_shop_account_loaded_cb, g_object_ref (self));
}

gboolean
eo_shop_set_account (EoShop           *self,
                     const EoAccount  *account,
                     GError          **error)
{
  g_return_val_if_fail (EO_IS_SHOP (self), FALSE);
  g_return_val_if_fail (account != NULL, FALSE);

  return eo_shop_use_account (self, account, error);
}

EoStore *
eo_shop_open_store (EoShop  *self,
                    GError **error)
{
  g_autoptr(EoStore) store = NULL;

  g_return_val_if_fail (EO_IS_SHOP (self), NULL);
  g_return_val_if_fail (self->store_path != NULL, NULL);

  if (self->store != NULL)
    return self->store;

  g_cancellable_cancel (self->store_cancellable);
  g_clear_object (&self->store_cancellable);

  store = eo_store_open (self->store_path, error);
  if (store == NULL)
    return NULL;

  eo_store_set_account (store, eo_client_get_login (self->client));
  eo_shop_set_store (self, store);

  return self->store;
}

void
eo_shop_shutdown (EoShop *self)
{
  g_return_if_fail (EO_IS_SHOP (self));

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->store_cancellable);

  if (self->demo_server != NULL)
    eo_demo_server_stop (self->demo_server);
}

EoClient *
eo_shop_get_client (EoShop *self)
{
  g_return_val_if_fail (EO_IS_SHOP (self), NULL);

  return self->client;
}

EoStore *
eo_shop_get_store (EoShop *self)
{
  g_return_val_if_fail (EO_IS_SHOP (self), NULL);

  return self->store;
}

gboolean
eo_shop_get_demo (EoShop *self)
{
  g_return_val_if_fail (EO_IS_SHOP (self), FALSE);

  return self->demo;
}

gboolean
eo_shop_get_ready (EoShop *self)
{
  g_return_val_if_fail (EO_IS_SHOP (self), FALSE);

  return self->ready;
}

EoDemoServer *
eo_shop_get_demo_server (EoShop *self)
{
  g_return_val_if_fail (EO_IS_SHOP (self), NULL);

  return self->demo_server;
}

EoShop *
eo_shop_new (void)
{
  return g_object_new (EO_TYPE_SHOP, NULL);
}

static void
eo_shop_dispose (GObject *object)
{
  EoShop *self = EO_SHOP (object);

  eo_shop_shutdown (self);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store_cancellable);
  g_clear_object (&self->store);
  g_clear_object (&self->demo_server);
  g_clear_object (&self->client);

  G_OBJECT_CLASS (eo_shop_parent_class)->dispose (object);
}

static void
eo_shop_finalize (GObject *object)
{
  EoShop *self = EO_SHOP (object);

  g_free (self->store_path);

  G_OBJECT_CLASS (eo_shop_parent_class)->finalize (object);
}

static void
eo_shop_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  EoShop *self = EO_SHOP (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_DEMO:
      g_value_set_boolean (value, self->demo);
      break;
    case PROP_READY:
      g_value_set_boolean (value, self->ready);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
eo_shop_class_init (EoShopClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = eo_shop_dispose;
  object_class->finalize = eo_shop_finalize;
  object_class->get_property = eo_shop_get_property;

  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, EO_TYPE_CLIENT,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, EO_TYPE_STORE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DEMO] =
    g_param_spec_boolean ("demo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_READY] =
    g_param_spec_boolean ("ready", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[PROBLEM] = g_signal_new ("problem", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
eo_shop_init (EoShop *self)
{
  self->client = eo_client_new ();
}

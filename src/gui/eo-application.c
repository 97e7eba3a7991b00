/* eo-application.c: the application: one client, the account, the demo shop */
#include "config.h"

#include "eo-application.h"

#include <glib/gi18n.h>

#include "eo-account.h"
#include "eo-demo-server.h"
#include "eo-error.h"
#include "eo-preferences-window.h"
#include "eo-store.h"
#include "eo-window.h"

struct _EoApplication
{
  AdwApplication  parent_instance;

  EoClient       *client;
  EoDemoServer   *demo_server;
  EoStore        *store;
  char           *store_path;         /* the one open or opening: the shop's, or the demo's */
  GCancellable   *store_cancellable;
  GCancellable   *cancellable;

  guint           force_demo : 1;
  guint           demo : 1;
  guint           ready : 1;
  guint           setup_started : 1;
};

G_DEFINE_FINAL_TYPE (EoApplication, eo_application, ADW_TYPE_APPLICATION)

enum {
  PROP_0,
  PROP_DEMO,
  PROP_READY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void eo_application_store_opened_cb (GObject      *object,
                                            GAsyncResult *result,
                                            gpointer      user_data);

static void
eo_application_detach_store (EoApplication *self)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (EO_IS_WINDOW (l->data))
      eo_window_set_store (EO_WINDOW (l->data), NULL);
}

static void
eo_application_attach_store (EoApplication *self)
{
  if (self->store == NULL)
    return;

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (EO_IS_WINDOW (l->data))
      eo_window_set_store (EO_WINDOW (l->data), self->store);
}

/* The demo shop and the shop have a file each: an order or a change of one never shows in, or
 * goes out to, the other. Called as the client turns to one or the other, before anything can
 * be queued through it. */
static void
eo_application_use_store (EoApplication *self,
                          gboolean       demo)
{
  g_autofree char *path = demo ? eo_store_get_demo_path () : eo_store_get_default_path ();

  if (g_strcmp0 (path, self->store_path) == 0)
    return;

  g_cancellable_cancel (self->store_cancellable);
  g_clear_object (&self->store_cancellable);
  g_clear_object (&self->store);
  eo_application_detach_store (self);

  g_free (self->store_path);
  self->store_path = g_steal_pointer (&path);
  self->store_cancellable = g_cancellable_new ();
  eo_store_open_async (self->store_path, self->store_cancellable,
                       eo_application_store_opened_cb, g_object_ref (self));
}

static void
eo_application_set_state (EoApplication *self,
                          gboolean       ready,
                          gboolean       demo)
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
eo_application_toast (EoApplication *self,
                      const char    *message)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (EO_IS_WINDOW (window))
    eo_window_show_toast (EO_WINDOW (window), message);
}

static void
eo_application_start_demo (EoApplication *self)
{
  g_autoptr(GError) error = NULL;

  if (self->demo_server == NULL)
    {
      g_autoptr(EoDemoServer) server = eo_demo_server_new ();

      if (!eo_demo_server_start (server, &error))
        {
          g_warning ("Could not start the demo shop: %s", error->message);
          eo_application_toast (self, _("The demo shop could not start"));
          eo_application_set_state (self, FALSE, TRUE);
          return;
        }

      self->demo_server = g_steal_pointer (&server);
    }

  /* Leaving the shop: its changes stay in its own file, out of the demo shop's reach */
  eo_application_use_store (self, TRUE);

  if (!eo_client_set_account (self->client,
                              eo_demo_server_get_url (self->demo_server),
                              eo_demo_server_get_login (self->demo_server),
                              eo_demo_server_get_secret (self->demo_server),
                              &error))
    {
      g_warning ("Could not use the demo shop: %s", error->message);
      eo_application_set_state (self, FALSE, TRUE);
      return;
    }

  eo_application_set_state (self, TRUE, TRUE);
}

static void
eo_application_account_loaded_cb (GObject      *object,
                                  GAsyncResult *result,
                                  gpointer      user_data)
{
  g_autoptr(EoApplication) self = user_data;
  g_autoptr(EoAccount) account = NULL;
  g_autoptr(GError) error = NULL;

  account = eo_account_load_finish (result, &error);

  if (eo_error_is_cancelled (error))
    return;

  /* The shop's file (leaving the demo shop: its changes stay in its own, out of the shop's
   * reach) */
  if (account != NULL)
    eo_application_use_store (self, FALSE);

  /* Another shop: what the windows are sending for the last one stops first (it stays in the
   * outbox, for that shop), then the store is handed back to them */
  if (account != NULL &&
      g_strcmp0 (eo_client_get_login (self->client), account->login) != 0)
    eo_application_detach_store (self);

  if (account != NULL &&
      eo_client_set_account (self->client, account->url_template, account->login,
                             account->secret, &error))
    {
      if (self->demo_server != NULL)
        {
          eo_demo_server_stop (self->demo_server);
          g_clear_object (&self->demo_server);
        }

      eo_application_set_state (self, TRUE, FALSE);
      eo_application_attach_store (self);
      return;
    }

  if (!g_error_matches (error, EO_ERROR, EO_ERROR_NO_ACCOUNT))
    eo_application_toast (self, error->message);

  eo_application_start_demo (self);
}

void
eo_application_reload_account (EoApplication *self)
{
  g_return_if_fail (EO_IS_APPLICATION (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  if (self->force_demo)
    {
      eo_application_start_demo (self);
      return;
    }

  eo_account_load_async (self->cancellable,
                         eo_application_account_loaded_cb,
                         g_object_ref (self));
}

static void
eo_application_store_opened_cb (GObject      *object,
                                GAsyncResult *result,
                                gpointer      user_data)
{
  g_autoptr(EoApplication) self = user_data;
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
      eo_application_toast (self, message);
      return;
    }

  self->store = g_steal_pointer (&store);
  eo_application_attach_store (self);
}

/* The keyring, the settings, the store and the demo server wait until the window has been
 * drawn once */
static void
eo_application_after_first_frame_cb (GdkFrameClock *frame_clock,
                                     EoApplication *self)
{
  g_signal_handlers_disconnect_by_func (frame_clock,
                                        eo_application_after_first_frame_cb,
                                        self);

  /* The store opens once the account is known: the shop's file, or the demo shop's */
  if (!self->setup_started)
    {
      self->setup_started = TRUE;
      eo_application_reload_account (self);
    }
}

static void
eo_application_window_realized_cb (GtkWidget     *window,
                                   EoApplication *self)
{
  GdkFrameClock *frame_clock = gtk_widget_get_frame_clock (window);

  g_signal_handlers_disconnect_by_func (window, eo_application_window_realized_cb, self);
  g_signal_connect_object (frame_clock, "after-paint",
                           G_CALLBACK (eo_application_after_first_frame_cb),
                           self, 0);
}

static void
eo_application_activate (GApplication *app)
{
  EoApplication *self = EO_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    {
      window = GTK_WINDOW (eo_window_new (self, self->client));
      g_object_bind_property (self, "demo", window, "demo", G_BINDING_SYNC_CREATE);
      g_object_bind_property (self, "ready", window, "ready", G_BINDING_SYNC_CREATE);
      eo_window_set_store (EO_WINDOW (window), self->store);

      if (!self->setup_started)
        g_signal_connect_object (window, "realize",
                                 G_CALLBACK (eo_application_window_realized_cb),
                                 self, 0);
    }

  gtk_window_present (window);
}

static int
eo_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  EoApplication *self = EO_APPLICATION (app);

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("expertam-orders %s\n", PACKAGE_VERSION);
      return 0;
    }

  if (g_variant_dict_contains (options, "demo"))
    self->force_demo = TRUE;

  return -1;
}

static void
eo_application_quit_action (GSimpleAction *action,
                            GVariant      *parameter,
                            gpointer       user_data)
{
  EoApplication *self = user_data;

  /* Close windows rather than quit outright, so they save their size and cancel their work */
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; )
    {
      GtkWindow *window = l->data;

      l = l->next;
      gtk_window_close (window);
    }
}

static void
eo_application_preferences_closed_cb (EoApplication *self)
{
  eo_application_reload_account (self);
}

static void
eo_application_preferences_action (GSimpleAction *action,
                                   GVariant      *parameter,
                                   gpointer       user_data)
{
  EoApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  EoPreferencesWindow *preferences;

  preferences = eo_preferences_window_new ();
  gtk_window_set_transient_for (GTK_WINDOW (preferences), parent);
  gtk_window_set_application (GTK_WINDOW (preferences), GTK_APPLICATION (self));
  g_signal_connect_object (preferences, "destroy",
                           G_CALLBACK (eo_application_preferences_closed_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (preferences));
}

static void
eo_application_about_action (GSimpleAction *action,
                             GVariant      *parameter,
                             gpointer       user_data)
{
  EoApplication *self = user_data;
  static const char *developers[] = { "Expertam Orders contributors", NULL };
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", parent,
                        "modal", TRUE,
                        "application-name", _("Expertam Orders"),
                        "application-icon", APP_ID,
                        "developer-name", _("Expertam Orders contributors"),
                        "developers", developers,
                        "version", PACKAGE_VERSION,
                        "comments", _("Run an online shop’s orders from the desktop: look orders up, "
                                      "mark them sent with a tracking number, paid, returned or "
                                      "cancelled."),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static const GActionEntry app_actions[] = {
  { "quit", eo_application_quit_action },
  { "preferences", eo_application_preferences_action },
  { "about", eo_application_about_action },
};

static void
eo_application_startup (GApplication *app)
{
  EoApplication *self = EO_APPLICATION (app);
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };

  G_APPLICATION_CLASS (eo_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences",
                                         preferences_accels);
}

static void
eo_application_shutdown (GApplication *app)
{
  EoApplication *self = EO_APPLICATION (app);

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->store_cancellable);

  if (self->demo_server != NULL)
    eo_demo_server_stop (self->demo_server);

  G_APPLICATION_CLASS (eo_application_parent_class)->shutdown (app);
}

static void
eo_application_dispose (GObject *object)
{
  EoApplication *self = EO_APPLICATION (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->store_cancellable);
  g_clear_object (&self->store);
  g_clear_pointer (&self->store_path, g_free);
  g_clear_object (&self->demo_server);
  g_clear_object (&self->client);

  G_OBJECT_CLASS (eo_application_parent_class)->dispose (object);
}

static void
eo_application_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  EoApplication *self = EO_APPLICATION (object);

  switch (prop_id)
    {
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
eo_application_class_init (EoApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = eo_application_dispose;
  object_class->get_property = eo_application_get_property;

  app_class->activate = eo_application_activate;
  app_class->startup = eo_application_startup;
  app_class->shutdown = eo_application_shutdown;
  app_class->handle_local_options = eo_application_handle_local_options;

  properties[PROP_DEMO] =
    g_param_spec_boolean ("demo", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_READY] =
    g_param_spec_boolean ("ready", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static const GOptionEntry option_entries[] = {
  { "demo", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Open the demo shop, even when an account is set up"), NULL },
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Show the version and quit"), NULL },
  { NULL }
};

static void
eo_application_init (EoApplication *self)
{
  self->client = eo_client_new ();

  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
}

EoApplication *
eo_application_new (void)
{
  return g_object_new (EO_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", "/io/github/expertam_orders/ExpertamOrders",
                       NULL);
}

EoClient *
eo_application_get_client (EoApplication *self)
{
  g_return_val_if_fail (EO_IS_APPLICATION (self), NULL);

  return self->client;
}

gboolean
eo_application_get_demo (EoApplication *self)
{
  g_return_val_if_fail (EO_IS_APPLICATION (self), FALSE);

  return self->demo;
}

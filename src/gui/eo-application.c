/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eo-application.c: the application: the shop (EoShop) handed to its windows, and its actions */
#include "config.h"

#include "eo-application.h"

#include <glib/gi18n.h>

#include "eo-preferences-window.h"
#include "eo-shop.h"
#include "eo-window.h"

struct _EoApplication
{
  AdwApplication  parent_instance;

  EoShop         *shop;

  guint           force_demo : 1;
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

/* The windows follow the shop's store: let go of the old one (what they send for it stops;
 * it stays in that shop's outbox) and take the new one */
static void
eo_application_shop_store_cb (EoApplication *self)
{
  EoStore *store = eo_shop_get_store (self->shop);

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (EO_IS_WINDOW (l->data))
      eo_window_set_store (EO_WINDOW (l->data), store);
}

static void
eo_application_shop_problem_cb (EoApplication *self,
                                const char    *message)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (EO_IS_WINDOW (window))
    eo_window_show_toast (EO_WINDOW (window), message);
}

static void
eo_application_shop_state_cb (EoApplication *self,
                              GParamSpec    *pspec)
{
  if (g_str_equal (pspec->name, "demo"))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEMO]);
  else
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READY]);
}

void
eo_application_reload_account (EoApplication *self)
{
  g_return_if_fail (EO_IS_APPLICATION (self));

  eo_shop_load (self->shop, self->force_demo);
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
      window = GTK_WINDOW (eo_window_new (self, eo_shop_get_client (self->shop)));
      g_object_bind_property (self, "demo", window, "demo", G_BINDING_SYNC_CREATE);
      g_object_bind_property (self, "ready", window, "ready", G_BINDING_SYNC_CREATE);
      eo_window_set_store (EO_WINDOW (window), eo_shop_get_store (self->shop));

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

  eo_shop_shutdown (self->shop);

  G_APPLICATION_CLASS (eo_application_parent_class)->shutdown (app);
}

static void
eo_application_dispose (GObject *object)
{
  EoApplication *self = EO_APPLICATION (object);

  if (self->shop != NULL)
    g_signal_handlers_disconnect_by_data (self->shop, self);
  g_clear_object (&self->shop);

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
      g_value_set_boolean (value, eo_shop_get_demo (self->shop));
      break;

    case PROP_READY:
      g_value_set_boolean (value, eo_shop_get_ready (self->shop));
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
  /* The shop: its account (else the demo shop), its client and its store */
  self->shop = eo_shop_new ();
  g_signal_connect_object (self->shop, "notify::store",
                           G_CALLBACK (eo_application_shop_store_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->shop, "notify::demo",
                           G_CALLBACK (eo_application_shop_state_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->shop, "notify::ready",
                           G_CALLBACK (eo_application_shop_state_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->shop, "problem",
                           G_CALLBACK (eo_application_shop_problem_cb), self, G_CONNECT_SWAPPED);

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

EoShop *
eo_application_get_shop (EoApplication *self)
{
  g_return_val_if_fail (EO_IS_APPLICATION (self), NULL);

  return self->shop;
}

EoClient *
eo_application_get_client (EoApplication *self)
{
  g_return_val_if_fail (EO_IS_APPLICATION (self), NULL);

  return eo_shop_get_client (self->shop);
}

gboolean
eo_application_get_demo (EoApplication *self)
{
  g_return_val_if_fail (EO_IS_APPLICATION (self), FALSE);

  return eo_shop_get_demo (self->shop);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eo-preferences-window.c: the account: service, login, API key in the keyring; the sender's
 * details the postal forms print */
#include "config.h"

#include "eo-preferences-window.h"
#include "eo-a11y.h"

#include <glib/gi18n.h>
#include <string.h>

#include "eo-account.h"
#include "eo-client.h"
#include "eo-error.h"
#include "eo-print-sender.h"
#include "eo-secrets.h"

struct _EoPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;
  GtkSpinButton        *batch_jobs_spin;
  GCancellable         *cancellable;
  EoClient             *check_client;  /* only while Check Connection runs */

  AdwComboRow          *service_row;
  AdwEntryRow          *custom_url_row;
  AdwEntryRow          *login_row;
  GtkLabel             *account_hint_label;
  AdwPasswordEntryRow  *key_row;
  AdwActionRow         *key_status_row;
  GtkButton            *forget_button;
  AdwActionRow         *check_row;
  GtkImage             *check_icon;
  GtkSpinner           *check_spinner;
  AdwPreferencesGroup  *sender_group;
  AdwPreferencesGroup  *bank_group;
  GtkLabel             *sender_hint_label;
  AdwEntryRow          *sender_rows[EO_PRINT_SENDER_N_FIELDS];

  guint                 has_stored_key : 1;
};

G_DEFINE_FINAL_TYPE (EoPreferencesWindow, eo_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static const char *services[] = { "expertam", "justclick", "custom" };

static void eo_preferences_window_lookup_key (EoPreferencesWindow *self);

static const char *
eo_preferences_window_get_service (EoPreferencesWindow *self)
{
  guint selected = adw_combo_row_get_selected (self->service_row);

  return selected < G_N_ELEMENTS (services) ? services[selected] : services[0];
}

static const char *
eo_preferences_window_get_template (EoPreferencesWindow *self)
{
  return eo_account_template_for_service (eo_preferences_window_get_service (self),
                                          gtk_editable_get_text (GTK_EDITABLE (self->custom_url_row)));
}

static const char *
eo_preferences_window_get_login (EoPreferencesWindow *self)
{
  return gtk_editable_get_text (GTK_EDITABLE (self->login_row));
}

/* The host the key is filed under in the keyring, as EoAccount looks it up: that of the base URL,
 * without the port; NULL with a reason */
static char *
eo_preferences_window_dup_host (EoPreferencesWindow  *self,
                                GError              **error)
{
  g_autofree char *base_url = NULL;
  g_autoptr(GUri) uri = NULL;

  base_url = eo_client_build_base_url (eo_preferences_window_get_template (self),
                                       eo_preferences_window_get_login (self),
                                       error);
  if (base_url == NULL)
    return NULL;

  uri = g_uri_parse (base_url, G_URI_FLAGS_NONE, error);
  if (uri == NULL)
    return NULL;

  return g_strdup (g_uri_get_host (uri));
}

static void
eo_preferences_window_toast (EoPreferencesWindow *self,
                             const char          *message)
{
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (message));
}

static void
eo_preferences_window_set_hint (EoPreferencesWindow *self,
                                const char          *hint)
{
  gtk_label_set_label (self->account_hint_label, hint != NULL ? hint : "");
  gtk_widget_set_visible (GTK_WIDGET (self->account_hint_label), hint != NULL);
}

static void
eo_preferences_window_set_check_result (EoPreferencesWindow *self,
                                        const char          *icon_name,
                                        const char          *message)
{
  adw_action_row_set_subtitle (self->check_row, message);
  gtk_widget_set_visible (GTK_WIDGET (self->check_icon), icon_name != NULL);
  if (icon_name != NULL)
    gtk_image_set_from_icon_name (self->check_icon, icon_name);
}

static void
eo_preferences_window_update_actions (EoPreferencesWindow *self)
{
  gboolean login_ok = eo_client_login_is_valid (eo_preferences_window_get_login (self));
  gboolean checking = self->check_client != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "prefs.check", login_ok && !checking);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "prefs.save-key", login_ok);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "prefs.forget-key",
                                 login_ok && self->has_stored_key);
  gtk_widget_set_visible (GTK_WIDGET (self->forget_button), self->has_stored_key);
}

static void
service_selected_cb (EoPreferencesWindow *self,
                     GParamSpec          *pspec,
                     AdwComboRow         *row)
{
  const char *service = eo_preferences_window_get_service (self);

  gtk_widget_set_visible (GTK_WIDGET (self->custom_url_row), g_str_equal (service, "custom"));

  if (!g_str_equal (g_settings_get_string (self->settings, "service"), service))
    {
      g_settings_set_string (self->settings, "service", service);
      eo_preferences_window_lookup_key (self);
    }
}

static void
custom_url_changed_cb (EoPreferencesWindow *self,
                       AdwEntryRow         *row)
{
  eo_preferences_window_set_hint (self, NULL);
}

static void
custom_url_apply_cb (EoPreferencesWindow *self,
                     AdwEntryRow         *row)
{
  const char *url = gtk_editable_get_text (GTK_EDITABLE (row));
  g_autoptr(GError) error = NULL;
  g_autofree char *base_url = NULL;

  /* Check the template with a sample login, so a typo shows up now rather than at the first search */
  base_url = eo_client_build_base_url (url, "shop", &error);
  if (base_url == NULL)
    {
      eo_preferences_window_set_hint (self, error->message);
      gtk_widget_add_css_class (GTK_WIDGET (row), "error");
      return;
    }

  gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
  g_settings_set_string (self->settings, "custom-url", url);
  eo_preferences_window_lookup_key (self);
}

static void
login_changed_cb (EoPreferencesWindow *self,
                  AdwEntryRow         *row)
{
  const char *login = gtk_editable_get_text (GTK_EDITABLE (row));

  if (login[0] == '\0' || eo_client_login_is_valid (login))
    {
      gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
      eo_preferences_window_set_hint (self, NULL);
    }
  else
    {
      gtk_widget_add_css_class (GTK_WIDGET (row), "error");
      eo_preferences_window_set_hint (self,
                                      _("A login is lower-case Latin letters, digits and hyphens, "
                                        "up to 63, as in the shop’s address: LOGIN.expertam.ru."));
    }

  eo_preferences_window_update_actions (self);
}

static void
login_apply_cb (EoPreferencesWindow *self,
                AdwEntryRow         *row)
{
  const char *login = gtk_editable_get_text (GTK_EDITABLE (row));

  if (login[0] != '\0' && !eo_client_login_is_valid (login))
    return;

  g_settings_set_string (self->settings, "login", login);
  eo_preferences_window_lookup_key (self);
}

static void
eo_preferences_window_lookup_cb (GObject      *object,
                                 GAsyncResult *result,
                                 gpointer      user_data)
{
  g_autoptr(EoPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *secret = NULL;

  secret = eo_secrets_lookup_finish (result, &error);

  if (eo_error_is_cancelled (error))
    return;

  self->has_stored_key = secret != NULL;

  if (error != NULL)
    adw_action_row_set_subtitle (self->key_status_row, error->message);
  else if (secret != NULL)
    adw_action_row_set_subtitle (self->key_status_row, _("A key for this login is in the keyring"));
  else
    adw_action_row_set_subtitle (self->key_status_row, _("No key stored for this login"));

  if (secret != NULL)
    memset (secret, 0, strlen (secret));

  eo_preferences_window_update_actions (self);
}

static void
eo_preferences_window_lookup_key (EoPreferencesWindow *self)
{
  g_autofree char *host = NULL;

  self->has_stored_key = FALSE;
  eo_preferences_window_update_actions (self);

  if (!eo_client_login_is_valid (eo_preferences_window_get_login (self)) ||
      (host = eo_preferences_window_dup_host (self, NULL)) == NULL)
    {
      adw_action_row_set_subtitle (self->key_status_row, _("Type the login first"));
      return;
    }

  eo_secrets_lookup_async (host, eo_preferences_window_get_login (self), self->cancellable,
                           eo_preferences_window_lookup_cb, g_object_ref (self));
}

static void
eo_preferences_window_store_cb (GObject      *object,
                                GAsyncResult *result,
                                gpointer      user_data)
{
  g_autoptr(EoPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!eo_secrets_store_finish (result, &error))
    {
      if (eo_error_is_cancelled (error))
        return;

      eo_preferences_window_toast (self, error->message);
      return;
    }

  /* The key is never shown again: the field only ever takes a new one */
  gtk_editable_set_text (GTK_EDITABLE (self->key_row), "");
  eo_preferences_window_toast (self, _("The key is stored in the keyring"));
  eo_preferences_window_lookup_key (self);
}

static void
save_key_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  EoPreferencesWindow *self = EO_PREFERENCES_WINDOW (widget);
  const char *secret = gtk_editable_get_text (GTK_EDITABLE (self->key_row));
  g_autoptr(GError) error = NULL;
  g_autofree char *host = NULL;
  g_autofree char *key = g_strstrip (g_strdup (secret));

  if (key[0] == '\0')
    return;

  host = eo_preferences_window_dup_host (self, &error);
  if (host == NULL)
    {
      eo_preferences_window_set_hint (self, error->message);
      return;
    }

  /* Saving the key saves the login it belongs to */
  g_settings_set_string (self->settings, "login", eo_preferences_window_get_login (self));

  eo_secrets_store_async (host, eo_preferences_window_get_login (self), key, self->cancellable,
                          eo_preferences_window_store_cb, g_object_ref (self));
  memset (key, 0, strlen (key));
}

static void
key_apply_cb (EoPreferencesWindow *self,
              AdwEntryRow         *row)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "prefs.save-key", NULL);
}

static void
eo_preferences_window_clear_cb (GObject      *object,
                                GAsyncResult *result,
                                gpointer      user_data)
{
  g_autoptr(EoPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!eo_secrets_clear_finish (result, &error))
    {
      if (eo_error_is_cancelled (error))
        return;

      eo_preferences_window_toast (self, error->message);
      return;
    }

  eo_preferences_window_toast (self, _("The key is removed from the keyring"));
  eo_preferences_window_lookup_key (self);
}

static void
forget_key_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  EoPreferencesWindow *self = EO_PREFERENCES_WINDOW (widget);
  g_autofree char *host = eo_preferences_window_dup_host (self, NULL);

  if (host == NULL)
    return;

  eo_secrets_clear_async (host, eo_preferences_window_get_login (self), self->cancellable,
                          eo_preferences_window_clear_cb, g_object_ref (self));
}

/* Any genuine answer means the login and the key work, including "no such order" */
static void
eo_preferences_window_check_cb (GObject      *object,
                                GAsyncResult *result,
                                gpointer      user_data)
{
  g_autoptr(EoPreferencesWindow) self = user_data;
  g_autoptr(EoOrder) order = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  const char *icon = "dialog-warning-symbolic";

  order = eo_client_get_order_finish (EO_CLIENT (object), result, &error);

  if (eo_error_is_cancelled (error))
    return;

  g_clear_object (&self->check_client);
  gtk_spinner_set_spinning (self->check_spinner, FALSE);
  eo_preferences_window_update_actions (self);

  if (error == NULL ||
      g_error_matches (error, EO_ERROR, EO_ERROR_NO_SUCH_ORDER) ||
      g_error_matches (error, EO_ERROR, EO_ERROR_WRONG_DATA))
    {
      icon = "emblem-ok-symbolic";
      message = g_strdup (_("It works: the service accepted the login and the key."));
    }
  else if (g_error_matches (error, EO_ERROR, EO_ERROR_WRONG_KEY) ||
           g_error_matches (error, EO_ERROR, EO_ERROR_BAD_SIGNATURE))
    message = g_strdup (_("Wrong API key: the service did not accept it. Copy the key from your "
                          "account again."));
  else if (g_error_matches (error, EO_ERROR, EO_ERROR_WRONG_LOGIN))
    message = g_strdup_printf (_("Wrong login: the service has no account “%s”."),
                               eo_preferences_window_get_login (self));
  else if (g_error_matches (error, EO_ERROR, EO_ERROR_IP_DENIED))
    message = g_strdup (_("This computer’s IP address is not allowed: allow it in the account’s "
                          "API settings."));
  else if (g_error_matches (error, EO_ERROR, EO_ERROR_ACCOUNT_DISABLED))
    message = g_strdup (_("The account is disabled: contact the service."));
  else if (g_error_matches (error, EO_ERROR, EO_ERROR_NETWORK) ||
           g_error_matches (error, EO_ERROR, EO_ERROR_TIMEOUT))
    message = g_strdup_printf (_("No network: the service could not be reached (%s)."),
                               error->message);
  else if (g_error_matches (error, EO_ERROR, EO_ERROR_TLS))
    message = g_strdup_printf (_("The secure connection failed: %s"), error->message);
  else
    message = g_strdup (error->message);

  eo_preferences_window_set_check_result (self, icon, message);
}

static void
eo_preferences_window_check_with_key (EoPreferencesWindow *self,
                                      const char          *secret)
{
  g_autoptr(GError) error = NULL;

  if (secret == NULL || secret[0] == '\0')
    {
      eo_preferences_window_set_check_result (self, "dialog-warning-symbolic",
                                              _("No API key: type it above."));
      return;
    }

  /* A client of its own, so a key being tried never replaces the one in use */
  self->check_client = eo_client_new ();
  eo_client_set_timeout (self->check_client, 20);

  if (!eo_client_set_account (self->check_client,
                              eo_preferences_window_get_template (self),
                              eo_preferences_window_get_login (self),
                              secret,
                              &error))
    {
      g_clear_object (&self->check_client);
      eo_preferences_window_set_check_result (self, "dialog-warning-symbolic", error->message);
      return;
    }

  gtk_spinner_set_spinning (self->check_spinner, TRUE);
  eo_preferences_window_set_check_result (self, NULL, _("Checking…"));
  eo_preferences_window_update_actions (self);
  eo_client_get_order_async (self->check_client, 1, self->cancellable,
                             eo_preferences_window_check_cb, g_object_ref (self));
}

static void
eo_preferences_window_check_lookup_cb (GObject      *object,
                                       GAsyncResult *result,
                                       gpointer      user_data)
{
  g_autoptr(EoPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *secret = NULL;

  secret = eo_secrets_lookup_finish (result, &error);

  if (eo_error_is_cancelled (error))
    return;

  if (error != NULL)
    eo_preferences_window_set_check_result (self, "dialog-warning-symbolic", error->message);
  else
    eo_preferences_window_check_with_key (self, secret);

  if (secret != NULL)
    memset (secret, 0, strlen (secret));
}

static void
check_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  EoPreferencesWindow *self = EO_PREFERENCES_WINDOW (widget);
  const char *typed = gtk_editable_get_text (GTK_EDITABLE (self->key_row));
  g_autofree char *host = NULL;
  g_autoptr(GError) error = NULL;

  if (self->check_client != NULL)
    return;

  /* A key typed and not yet saved is the one to try; otherwise the stored one */
  if (typed[0] != '\0')
    {
      g_autofree char *key = g_strstrip (g_strdup (typed));

      eo_preferences_window_check_with_key (self, key);
      memset (key, 0, strlen (key));
      return;
    }

  host = eo_preferences_window_dup_host (self, &error);
  if (host == NULL)
    {
      eo_preferences_window_set_check_result (self, "dialog-warning-symbolic", error->message);
      return;
    }

  eo_secrets_lookup_async (host, eo_preferences_window_get_login (self), self->cancellable,
                           eo_preferences_window_check_lookup_cb, g_object_ref (self));
}

/* The sender's details ------------------------------------------------------------------- */

static const char *const sender_titles[EO_PRINT_SENDER_N_FIELDS] = {
  N_("Name"),
  N_("Street, House, Office"),
  N_("City"),
  N_("Region"),
  N_("Postcode"),
  N_("Phone"),
  N_("INN (Taxpayer Number)"),
  N_("Bank"),
  N_("BIK (Bank Code)"),
  N_("Correspondent Account"),
  N_("Settlement Account"),
};

static void
eo_preferences_window_update_sender_hint (EoPreferencesWindow *self)
{
  for (int i = 0; i < EO_PRINT_SENDER_N_FIELDS; i++)
    {
      const char *reason = g_object_get_data (G_OBJECT (self->sender_rows[i]), "eo-reason");

      if (reason != NULL)
        {
          gtk_label_set_label (self->sender_hint_label, reason);
          gtk_widget_set_visible (GTK_WIDGET (self->sender_hint_label), TRUE);
          return;
        }
    }
  gtk_widget_set_visible (GTK_WIDGET (self->sender_hint_label), FALSE);
}

/* Kept as soon as it is valid, as a binding would; what cannot be printed is never kept: the row
 * says why, and the settings keep the last good value */
static void
sender_row_changed_cb (EoPreferencesWindow *self,
                       AdwEntryRow         *row)
{
  EoPrintSenderField field = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "eo-field"));
  g_autoptr(GError) error = NULL;
  g_autofree char *kept = NULL;
  g_autoptr(GVariant) dict = NULL;
  g_autoptr(EoPrintSender) sender = NULL;

  kept = eo_print_sender_check_value (field, gtk_editable_get_text (GTK_EDITABLE (row)), &error);
  if (kept == NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (row), "error");
      gtk_widget_set_tooltip_text (GTK_WIDGET (row), error->message);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, error->message, -1);
      g_object_set_data_full (G_OBJECT (row), "eo-reason", g_strdup (error->message), g_free);
      eo_preferences_window_update_sender_hint (self);
      return;
    }

  gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
  gtk_widget_set_tooltip_text (GTK_WIDGET (row), NULL);
  gtk_accessible_reset_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
  g_object_set_data (G_OBJECT (row), "eo-reason", NULL);
  eo_preferences_window_update_sender_hint (self);

  dict = g_settings_get_value (self->settings, "sender");
  sender = eo_print_sender_new_from_variant (dict);
  if (g_str_equal (eo_print_sender_get (sender, field), kept))
    return;
  eo_print_sender_set (sender, field, kept);
  g_settings_set_value (self->settings, "sender", eo_print_sender_to_variant (sender));
}

static void
eo_preferences_window_init_sender (EoPreferencesWindow *self)
{
  g_autoptr(GVariant) dict = g_settings_get_value (self->settings, "sender");
  g_autoptr(EoPrintSender) sender = eo_print_sender_new_from_variant (dict);

  for (int i = 0; i < EO_PRINT_SENDER_N_FIELDS; i++)
    {
      GtkWidget *row = adw_entry_row_new ();
      gboolean bank = i >= EO_PRINT_SENDER_INN;

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(sender_titles[i]));
      adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (row),
                                       eo_print_sender_field_is_digits (i) ? GTK_INPUT_PURPOSE_DIGITS
                                       : i == EO_PRINT_SENDER_PHONE ? GTK_INPUT_PURPOSE_PHONE
                                       : GTK_INPUT_PURPOSE_FREE_FORM);
      gtk_editable_set_text (GTK_EDITABLE (row), eo_print_sender_get (sender, i));
      g_object_set_data (G_OBJECT (row), "eo-field", GINT_TO_POINTER (i));
      g_signal_connect_object (row, "changed", G_CALLBACK (sender_row_changed_cb), self,
                               G_CONNECT_SWAPPED);
      adw_preferences_group_add (bank ? self->bank_group : self->sender_group, row);
      self->sender_rows[i] = ADW_ENTRY_ROW (row);
    }
}

static gboolean
eo_preferences_window_close_request (GtkWindow *window)
{
  EoPreferencesWindow *self = EO_PREFERENCES_WINDOW (window);

  g_cancellable_cancel (self->cancellable);

  return GTK_WINDOW_CLASS (eo_preferences_window_parent_class)->close_request (window);
}

static void
eo_preferences_window_dispose (GObject *object)
{
  EoPreferencesWindow *self = EO_PREFERENCES_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), EO_TYPE_PREFERENCES_WINDOW);

  G_OBJECT_CLASS (eo_preferences_window_parent_class)->dispose (object);
}

static void
eo_preferences_window_finalize (GObject *object)
{
  EoPreferencesWindow *self = EO_PREFERENCES_WINDOW (object);

  g_clear_object (&self->check_client);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (eo_preferences_window_parent_class)->finalize (object);
}

static void
eo_preferences_window_class_init (EoPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = eo_preferences_window_dispose;
  object_class->finalize = eo_preferences_window_finalize;

  window_class->close_request = eo_preferences_window_close_request;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/expertam_orders/ExpertamOrders/eo-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, EoPreferencesWindow, service_row);
  gtk_widget_class_bind_template_child (widget_class, EoPreferencesWindow, batch_jobs_spin);
  gtk_widget_class_bind_template_child (widget_class, EoPreferencesWindow, custom_url_row);
  gtk_widget_class_bind_template_child (widget_class, EoPreferencesWindow, login_row);
  gtk_widget_class_bind_template_child (widget_class, EoPreferencesWindow, account_hint_label);
  gtk_widget_class_bind_template_child (widget_class, EoPreferencesWindow, key_row);
  gtk_widget_class_bind_template_child (widget_class, EoPreferencesWindow, key_status_row);
  gtk_widget_class_bind_template_child (widget_class, EoPreferencesWindow, forget_button);
  gtk_widget_class_bind_template_child (widget_class, EoPreferencesWindow, check_row);
  gtk_widget_class_bind_template_child (widget_class, EoPreferencesWindow, check_icon);
  gtk_widget_class_bind_template_child (widget_class, EoPreferencesWindow, check_spinner);
  gtk_widget_class_bind_template_child (widget_class, EoPreferencesWindow, sender_group);
  gtk_widget_class_bind_template_child (widget_class, EoPreferencesWindow, bank_group);
  gtk_widget_class_bind_template_child (widget_class, EoPreferencesWindow, sender_hint_label);
  gtk_widget_class_bind_template_callback (widget_class, service_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, custom_url_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, custom_url_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, login_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, login_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, key_apply_cb);

  gtk_widget_class_install_action (widget_class, "prefs.save-key", NULL, save_key_action);
  gtk_widget_class_install_action (widget_class, "prefs.forget-key", NULL, forget_key_action);
  gtk_widget_class_install_action (widget_class, "prefs.check", NULL, check_action);
}

static void
eo_preferences_window_init (EoPreferencesWindow *self)
{
  g_autofree char *service = NULL;
  g_autofree char *custom_url = NULL;
  g_autofree char *login = NULL;

  self->cancellable = g_cancellable_new ();
  self->settings = g_settings_new (EO_SETTINGS_SCHEMA_ID);

  gtk_widget_init_template (GTK_WIDGET (self));
  eo_a11y_fix_mnemonic_buttons (GTK_WIDGET (self));

  service = g_settings_get_string (self->settings, "service");
  custom_url = g_settings_get_string (self->settings, "custom-url");
  login = g_settings_get_string (self->settings, "login");

  gtk_editable_set_text (GTK_EDITABLE (self->custom_url_row), custom_url);
  gtk_editable_set_text (GTK_EDITABLE (self->login_row), login);

  for (guint i = 0; i < G_N_ELEMENTS (services); i++)
    if (g_str_equal (service, services[i]))
      adw_combo_row_set_selected (self->service_row, i);

  gtk_widget_set_visible (GTK_WIDGET (self->custom_url_row), g_str_equal (service, "custom"));
  g_settings_bind (self->settings, "batch-jobs", self->batch_jobs_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);
  eo_preferences_window_init_sender (self);
  eo_preferences_window_lookup_key (self);
}

EoPreferencesWindow *
eo_preferences_window_new (void)
{
  return g_object_new (EO_TYPE_PREFERENCES_WINDOW, NULL);
}

GtkWidget *
eo_preferences_window_get_sender_row (EoPreferencesWindow *self,
                                      guint                field)
{
  g_return_val_if_fail (EO_IS_PREFERENCES_WINDOW (self), NULL);
  g_return_val_if_fail (field < EO_PRINT_SENDER_N_FIELDS, NULL);

  return GTK_WIDGET (self->sender_rows[field]);
}

void
eo_preferences_window_show_sender (EoPreferencesWindow *self)
{
  g_return_if_fail (EO_IS_PREFERENCES_WINDOW (self));

  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (self), "sender");
}

/* eo-window.c: the main window: order search, the order, toasts */
#include "config.h"

#include <inttypes.h>

#include "eo-window.h"
#include "eo-a11y.h"

#include <glib/gi18n.h>

#include "eo-batch-dialog.h"
#include "eo-error.h"
#include "eo-outbox.h"
#include "eo-saved-order.h"
#include "eo-order-view.h"
#include "eo-status-dialog.h"

struct _EoWindow
{
  AdwApplicationWindow  parent_instance;

  EoClient             *client;
  EoOrder              *order;
  GSettings            *settings;
  EoStore              *store;           /* NULL until it is open */
  EoOutbox             *outbox;

  /* Cancelled on close; lookup_cancellable also by the next lookup */
  GCancellable         *cancellable;
  GCancellable         *lookup_cancellable;

  gint64                bill_id;          /* the order looked up last, 0 for none */
  gint64                pending_bill_id;  /* asked for before the client was ready */

  GtkSearchEntry       *search_entry;
  AdwToastOverlay      *toast_overlay;
  GtkStack             *stack;
  GtkSpinner           *spinner;
  GtkLabel             *loading_label;
  AdwStatusPage        *error_page;
  EoOrderView          *order_view;
  AdwLeaflet           *leaflet;
  GtkWidget            *sidebar;
  GtkWidget            *content;
  GtkStack             *sidebar_stack;
  GtkListBox           *recent_list;
  GtkListBox           *results_list;
  GtkLabel             *results_label;
  GtkMenuButton        *outbox_button;
  GtkLabel             *outbox_count_label;
  GtkLabel             *outbox_title_label;
  GtkListBox           *outbox_list;

  guint                 demo : 1;
  guint                 ready : 1;
  guint                 changing_status : 1;
  guint                 refreshing : 1;      /* the lookup refreshes the order on screen */
};

G_DEFINE_FINAL_TYPE (EoWindow, eo_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_ORDER,
  PROP_DEMO,
  PROP_READY,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void eo_window_lookup (EoWindow *self,
                              gint64    bill_id,
                              gboolean  keep_view);
static void eo_window_reload_recent (EoWindow *self);

static gboolean
is_object (gpointer  unused,
           GObject  *object)
{
  return object != NULL;
}

static void
eo_window_update_actions (EoWindow *self)
{
  gboolean can_change = self->order != NULL && self->ready && !self->changing_status;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.mark-sent", can_change);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.mark-paid", can_change);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.mark-returned", can_change);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-order", can_change);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.retry", self->bill_id != 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.ship-batch", self->outbox != NULL);
}

/* The order view is the biggest part of the window: it is built when the first order arrives,
 * so that the first frame does not wait for it */
static void
eo_window_ensure_order_view (EoWindow *self)
{
  GtkStackPage *page;

  if (self->order_view != NULL)
    return;

  self->order_view = EO_ORDER_VIEW (eo_order_view_new ());
  g_object_bind_property (self, "order", self->order_view, "order", G_BINDING_SYNC_CREATE);
  page = gtk_stack_add_named (self->stack, GTK_WIDGET (self->order_view), "order");
  gtk_stack_page_set_title (page, _("Order"));
}

static void
eo_window_set_page (EoWindow   *self,
                    const char *page)
{
  if (g_str_equal (page, "order"))
    eo_window_ensure_order_view (self);

  gtk_spinner_set_spinning (self->spinner, g_str_equal (page, "loading"));
  gtk_stack_set_visible_child_name (self->stack, page);
}

static void
eo_window_set_order (EoWindow *self,
                     EoOrder  *order)
{
  if (g_set_object (&self->order, order))
    {
      eo_window_update_actions (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ORDER]);
    }
}

static GtkWidget *
create_saved_row (gpointer item,
                  gpointer user_data)
{
  EoStoredOrder *order = item;
  g_autoptr(GString) subtitle = g_string_new (NULL);
  g_autofree char *title = NULL;
  const char *name = eo_stored_order_get_full_name (order);
  const char *details[] = {
    eo_stored_order_get_city (order),
    eo_stored_order_get_phone (order),
    eo_stored_order_get_email (order),
    eo_stored_order_get_tracking (order),
  };
  GtkWidget *row;

  if (name[0] != '\0')
    title = g_strdup_printf (_("%" PRId64 " · %s"),
                             eo_stored_order_get_bill_id (order), name);
  else
    title = g_strdup_printf (_("Order %" PRId64), eo_stored_order_get_bill_id (order));

  for (guint i = 0; i < G_N_ELEMENTS (details); i++)
    if (details[i][0] != '\0')
      g_string_append_printf (subtitle, "%s%s", subtitle->len > 0 ? " · " : "", details[i]);

  row = adw_action_row_new ();
  /* Names come from the shop: never markup */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 1);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "eo-stored-order", g_object_ref (order), g_object_unref);

  return row;
}

static void
saved_row_activated_cb (EoWindow      *self,
                        GtkListBoxRow *row,
                        GtkListBox    *list)
{
  EoStoredOrder *order = g_object_get_data (G_OBJECT (row), "eo-stored-order");

  g_return_if_fail (order != NULL);

  adw_leaflet_set_visible_child (self->leaflet, self->content);
  eo_window_lookup (self, eo_stored_order_get_bill_id (order), FALSE);
}

static void
eo_window_recent_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(EoWindow) self = user_data;
  g_autoptr(GListModel) recent = NULL;
  g_autoptr(GError) error = NULL;

  recent = eo_store_recent_orders_finish (EO_STORE (object), result, &error);

  if (eo_error_is_cancelled (error))
    return;

  if (recent == NULL)
    {
      g_warning ("The recent orders could not be read: %s", error->message);
      return;
    }

  gtk_list_box_bind_model (self->recent_list, recent, create_saved_row, NULL, NULL);
  gtk_stack_set_visible_child_name (self->sidebar_stack,
                                    g_list_model_get_n_items (recent) > 0 ? "list" : "empty");
}

static void
eo_window_reload_recent (EoWindow *self)
{
  if (self->store != NULL)
    eo_store_recent_orders_async (self->store, 100, self->cancellable,
                                  eo_window_recent_cb, g_object_ref (self));
}

static void
eo_window_search_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(EoWindow) self = user_data;
  g_autoptr(GListModel) found = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  guint n;

  found = eo_store_search_finish (EO_STORE (object), result, &error);

  if (eo_error_is_cancelled (error))
    return;

  g_clear_object (&self->lookup_cancellable);

  if (found == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("The saved orders could not be searched: %s"),
                                                  error->message);
      eo_window_show_toast (self, message);
      return;
    }

  n = g_list_model_get_n_items (found);
  if (n == 0)
    text = g_strdup_printf (_("No saved order matches “%s”"),
                            gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  else
    text = g_strdup_printf (ngettext ("%u saved order matches “%s”",
                                      "%u saved orders match “%s”", n),
                            n, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  gtk_label_set_label (self->results_label, text);
  gtk_list_box_bind_model (self->results_list, found, create_saved_row, NULL, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->results_list), n > 0);
  eo_window_set_page (self, "results");
}

/* Searches the history, offline: names, phone, e-mail, city, tracking number */
static void
eo_window_search_history (EoWindow   *self,
                          const char *text)
{
  if (self->store == NULL)
    {
      eo_window_show_toast (self, _("The saved orders are not open yet; try again in a moment"));
      return;
    }

  g_cancellable_cancel (self->lookup_cancellable);
  g_clear_object (&self->lookup_cancellable);
  self->lookup_cancellable = g_cancellable_new ();
  eo_store_search_async (self->store, text, 200, self->lookup_cancellable,
                         eo_window_search_cb, g_object_ref (self));
}

void
eo_window_show_toast (EoWindow   *self,
                      const char *message)
{
  AdwToast *toast;

  g_return_if_fail (EO_IS_WINDOW (self));
  g_return_if_fail (message != NULL);

  toast = adw_toast_new (message);
  adw_toast_set_timeout (toast, 4);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* What the error page says: a short title; the description is the error's own message */
static const char *
eo_window_error_title (const GError *error)
{
  if (error->domain == EO_ERROR)
    {
      switch ((EoError) error->code)
        {
        case EO_ERROR_NO_SUCH_ORDER:
        case EO_ERROR_WRONG_DATA:
          return _("No Such Order");
        case EO_ERROR_NETWORK:
        case EO_ERROR_TIMEOUT:
          return _("No Connection");
        case EO_ERROR_TLS:
          return _("Untrusted Connection");
        case EO_ERROR_WRONG_KEY:
        case EO_ERROR_BAD_SIGNATURE:
          return _("Wrong API Key");
        case EO_ERROR_WRONG_LOGIN:
          return _("Wrong Login");
        case EO_ERROR_IP_DENIED:
          return _("Access Denied");
        case EO_ERROR_ACCOUNT_DISABLED:
          return _("Account Disabled");
        case EO_ERROR_RATE_LIMITED:
          return _("Too Many Requests");
        default:
          break;
        }
    }

  return _("The Order Could Not Be Loaded");
}

static void
eo_window_order_saved_cb (GObject      *object,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  g_autoptr(EoWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!eo_store_save_order_finish (EO_STORE (object), result, &error))
    {
      if (!eo_error_is_cancelled (error))
        g_warning ("The order could not be saved: %s", error->message);
      return;
    }

  eo_window_reload_recent (self);
}

static void
eo_window_get_order_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(EoWindow) self = user_data;
  g_autoptr(EoOrder) order = NULL;
  g_autoptr(GError) error = NULL;

  order = eo_client_get_order_finish (EO_CLIENT (object), result, &error);

  if (eo_error_is_cancelled (error))
    return;

  g_clear_object (&self->lookup_cancellable);

  if (order == NULL && self->refreshing && self->order != NULL)
    {
      g_autofree char *message = NULL;

      /* The order on screen stays; only its refresh failed */
      message = g_strdup_printf (_("Order %" PRId64 " could not be refreshed: %s"),
                                 self->bill_id, error->message);
      eo_window_show_toast (self, message);
      return;
    }

  if (order == NULL)
    {
      g_autofree char *description = NULL;

      description = g_strdup_printf (_("Order %" PRId64 ": %s"),
                                     self->bill_id, error->message);
      adw_status_page_set_title (self->error_page, eo_window_error_title (error));
      adw_status_page_set_description (self->error_page, description);
      eo_window_set_order (self, NULL);
      eo_window_set_page (self, "error");
      return;
    }

  eo_window_set_order (self, order);
  eo_window_set_page (self, "order");

  if (self->store != NULL)
    eo_store_save_order_async (self->store, order, g_get_real_time () / G_USEC_PER_SEC,
                               self->cancellable, eo_window_order_saved_cb,
                               g_object_ref (self));
}

/* Fetches self->bill_id from the shop (as soon as the client is ready) */
static void
eo_window_fetch (EoWindow *self)
{
  if (!self->ready)
    {
      self->pending_bill_id = self->bill_id;
      return;
    }

  self->pending_bill_id = 0;
  if (self->lookup_cancellable == NULL)
    self->lookup_cancellable = g_cancellable_new ();
  eo_client_get_order_async (self->client, self->bill_id, self->lookup_cancellable,
                             eo_window_get_order_cb, g_object_ref (self));
}

static void
eo_window_saved_order_cb (GObject      *object,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  g_autoptr(EoWindow) self = user_data;
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
      self->refreshing = TRUE;
      eo_window_set_order (self, order);
      eo_window_set_page (self, "order");
    }

  eo_window_fetch (self);
}

/* keep_view: refresh the order shown without replacing it by the loading page */
static void
eo_window_lookup (EoWindow *self,
                  gint64    bill_id,
                  gboolean  keep_view)
{
  g_assert (EO_IS_WINDOW (self));
  g_assert (bill_id > 0);

  g_cancellable_cancel (self->lookup_cancellable);
  g_clear_object (&self->lookup_cancellable);

  self->bill_id = bill_id;
  self->refreshing = keep_view;
  eo_window_update_actions (self);
  self->lookup_cancellable = g_cancellable_new ();

  if (!keep_view)
    {
      g_autofree char *text = g_strdup_printf (_("Loading order %" PRId64 "…"), bill_id);

      gtk_label_set_label (self->loading_label, text);
      eo_window_set_page (self, "loading");

      if (self->store != NULL)
        {
          eo_saved_order_load_async (self->store, bill_id, eo_client_get_host (self->client),
                                     self->lookup_cancellable, eo_window_saved_order_cb,
                                     g_object_ref (self));
          return;
        }
    }

  eo_window_fetch (self);
}

void
eo_window_open_order (EoWindow *self,
                      gint64    bill_id)
{
  g_return_if_fail (EO_IS_WINDOW (self));
  g_return_if_fail (bill_id > 0);

  eo_window_lookup (self, bill_id, FALSE);
}

/* Digits only, after dropping spaces and a leading '#'; 0 when it is not an order number */
static gint64
eo_window_parse_bill_id (const char *text)
{
  g_autoptr(GString) digits = g_string_new (NULL);
  guint64 value = 0;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == ' ' || (*p == '#' && digits->len == 0))
        continue;
      if (!g_ascii_isdigit (*p))
        return 0;
      g_string_append_c (digits, *p);
    }

  if (digits->len == 0 || digits->len > 18)
    return 0;

  if (!g_ascii_string_to_unsigned (digits->str, 10, 1, G_MAXINT64, &value, NULL))
    return 0;

  return (gint64) value;
}

static void
search_changed_cb (EoWindow       *self,
                   GtkSearchEntry *entry)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));

  if (text[0] != '\0' && eo_window_parse_bill_id (text) == 0)
    gtk_widget_set_tooltip_text (GTK_WIDGET (entry),
                                 _("Press Enter to search the saved orders"));
  else
    gtk_widget_set_tooltip_text (GTK_WIDGET (entry),
                                 _("Type an order number and press Enter"));
}

static void
search_activate_cb (EoWindow       *self,
                    GtkSearchEntry *entry)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  gint64 bill_id;

  if (text[0] == '\0')
    return;

  bill_id = eo_window_parse_bill_id (text);

  if (bill_id == 0)
    {
      eo_window_search_history (self, text);
      return;
    }

  eo_window_lookup (self, bill_id, FALSE);
}

static void
search_stop_cb (EoWindow       *self,
                GtkSearchEntry *entry)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
}

static void
focus_search_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  EoWindow *self = EO_WINDOW (widget);

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
}

static void
retry_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  EoWindow *self = EO_WINDOW (widget);

  if (self->bill_id > 0)
    eo_window_lookup (self, self->bill_id, FALSE);
}

static void
show_toast_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  eo_window_show_toast (EO_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

/* Built when asked for, not with every window as GtkApplication's help overlay would be */
static void
show_shortcuts_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  g_autoptr(GtkBuilder) builder = NULL;
  GtkWindow *shortcuts;

  builder = gtk_builder_new_from_resource ("/io/github/expertam_orders/ExpertamOrders/eo-shortcuts-window.ui");
  shortcuts = GTK_WINDOW (gtk_builder_get_object (builder, "shortcuts_window"));
  gtk_window_set_transient_for (shortcuts, GTK_WINDOW (widget));
  gtk_window_present (shortcuts);
}

static char *
eo_window_status_done_message (gint64        bill_id,
                               EoOrderStatus status)
{
  switch (status)
    {
    case EO_ORDER_STATUS_SENT:
      return g_strdup_printf (_("Order %" PRId64 " marked as sent"), bill_id);
    case EO_ORDER_STATUS_PAID:
      return g_strdup_printf (_("Order %" PRId64 " marked as paid"), bill_id);
    case EO_ORDER_STATUS_RETURN:
      return g_strdup_printf (_("Order %" PRId64 " marked as returned"), bill_id);
    case EO_ORDER_STATUS_CANCEL:
      return g_strdup_printf (_("Order %" PRId64 " cancelled"), bill_id);
    default:
      g_assert_not_reached ();
    }
}

/* After any status change: say so and fetch the order again, so the view shows what the shop has */
static void
eo_window_status_changed (EoWindow      *self,
                          gint64         bill_id,
                          EoOrderStatus  status)
{
  g_autofree char *message = eo_window_status_done_message (bill_id, status);

  eo_window_show_toast (self, message);

  if (self->bill_id == bill_id)
    eo_window_lookup (self, bill_id, TRUE);
}

static void
dialog_status_changed_cb (EoWindow  *self,
                          gint64     bill_id,
                          int        status,
                          GtkWidget *dialog)
{
  eo_window_status_changed (self, bill_id, (EoOrderStatus) status);
}

static void
eo_window_status_queued (EoWindow     *self,
                         gint64        bill_id,
                         const GError *why)
{
  if (why != NULL)
    g_debug ("Order %" G_GINT64_FORMAT " waits in the outbox: %s", bill_id, why->message);

  eo_window_show_toast (self, _("Saved; will be sent when the connection is back"));
}

static void
dialog_status_queued_cb (EoWindow     *self,
                         gint64        bill_id,
                         int           status,
                         const GError *why,
                         GtkWidget    *dialog)
{
  eo_window_status_queued (self, bill_id, why);
}

/* The status dialog for the order shown: sent or paid */
static void
eo_window_open_status_dialog (EoWindow      *self,
                              EoOrderStatus  status)
{
  EoStatusDialog *dialog;

  if (self->order == NULL)
    return;

  dialog = eo_status_dialog_new (self->client, self->order, status);
  eo_status_dialog_set_outbox (dialog, self->outbox);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (self));
  g_signal_connect_object (dialog, "status-queued",
                           G_CALLBACK (dialog_status_queued_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (dialog, "status-changed",
                           G_CALLBACK (dialog_status_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
mark_sent_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  eo_window_open_status_dialog (EO_WINDOW (widget), EO_ORDER_STATUS_SENT);
}

static void
mark_paid_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  eo_window_open_status_dialog (EO_WINDOW (widget), EO_ORDER_STATUS_PAID);
}

typedef struct
{
  EoWindow      *self;
  gint64         bill_id;
  EoOrderStatus  status;
} StatusChange;

static void
status_change_free (StatusChange *change)
{
  g_clear_object (&change->self);
  g_free (change);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StatusChange, status_change_free)

static void
status_change_closure_notify (gpointer  data,
                              GClosure *closure)
{
  status_change_free (data);
}

static void
eo_window_update_status_cb (GObject      *object,
                            GAsyncResult *result,
                            gpointer      user_data)
{
  g_autoptr(StatusChange) change = user_data;
  g_autoptr(GError) error = NULL;
  EoWindow *self;

  eo_client_update_status_finish (EO_CLIENT (object), result, &error);

  if (eo_error_is_cancelled (error))
    return;

  self = change->self;
  self->changing_status = FALSE;
  eo_window_update_actions (self);

  if (error != NULL)
    {
      g_autofree char *message = NULL;

      message = g_strdup_printf (_("Order %" PRId64 " was not changed: %s"),
                                 change->bill_id, error->message);
      eo_window_show_toast (self, message);
      return;
    }

  eo_window_status_changed (self, change->bill_id, change->status);
}

static void
eo_window_submit_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(StatusChange) change = user_data;
  g_autoptr(GError) failure = NULL;
  g_autoptr(GError) error = NULL;
  EoOutboxState state = EO_OUTBOX_STATE_PENDING;
  EoWindow *self;

  if (!eo_outbox_submit_finish (EO_OUTBOX (object), result, &state, &failure, &error) &&
      eo_error_is_cancelled (error))
    return;

  self = change->self;
  self->changing_status = FALSE;
  eo_window_update_actions (self);

  if (error != NULL || state == EO_OUTBOX_STATE_FAILED)
    {
      g_autofree char *message = NULL;

      message = g_strdup_printf (_("Order %" PRId64 " was not changed: %s"),
                                 change->bill_id, (error != NULL ? error : failure)->message);
      eo_window_show_toast (self, message);
      return;
    }

  if (state == EO_OUTBOX_STATE_PENDING)
    eo_window_status_queued (self, change->bill_id, failure);
  else
    eo_window_status_changed (self, change->bill_id, change->status);
}

static void
eo_window_confirm_response_cb (AdwMessageDialog *dialog,
                               const char       *response,
                               StatusChange     *pending)
{
  EoWindow *self = pending->self;
  StatusChange *change;

  if (!g_str_equal (response, "change"))
    return;

  change = g_new0 (StatusChange, 1);
  change->self = g_object_ref (self);
  change->bill_id = pending->bill_id;
  change->status = pending->status;

  self->changing_status = TRUE;
  eo_window_update_actions (self);

  if (self->outbox != NULL)
    {
      g_autoptr(EoOutboxChange) queued = NULL;

      queued = eo_outbox_change_new (change->bill_id, eo_order_status_to_string (change->status),
                                     NULL, NULL);
      eo_outbox_submit_async (self->outbox, queued, self->cancellable,
                              eo_window_submit_cb, change);
      return;
    }

  eo_client_update_status_async (self->client, change->bill_id, change->status, NULL, NULL,
                                 self->cancellable, eo_window_update_status_cb, change);
}

static void
eo_window_confirm_status (EoWindow      *self,
                          EoOrderStatus  status)
{
  g_autofree char *heading = NULL;
  StatusChange *pending;
  AdwMessageDialog *dialog;
  const char *body;
  const char *label;
  gint64 bill_id;

  if (self->order == NULL)
    return;

  bill_id = eo_order_get_id (self->order);

  if (status == EO_ORDER_STATUS_CANCEL)
    {
      heading = g_strdup_printf (_("Cancel Order %" PRId64 "?"), bill_id);
      body = _("The shop will record the order as cancelled. This cannot be undone from here.");
      label = _("_Cancel Order");
    }
  else
    {
      heading = g_strdup_printf (_("Mark Order %" PRId64 " as Returned?"), bill_id);
      body = _("The shop will record that the customer returned the order.");
      label = _("Mark as _Returned");
    }

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading, body));
  adw_message_dialog_add_responses (dialog,
                                    "keep", _("_Keep Order"),
                                    "change", label,
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "change",
                                              status == EO_ORDER_STATUS_CANCEL
                                                ? ADW_RESPONSE_DESTRUCTIVE
                                                : ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "keep");
  adw_message_dialog_set_close_response (dialog, "keep");
  pending = g_new0 (StatusChange, 1);
  pending->self = g_object_ref (self);
  pending->bill_id = bill_id;
  pending->status = status;
  g_signal_connect_data (dialog, "response",
                         G_CALLBACK (eo_window_confirm_response_cb),
                         pending, status_change_closure_notify, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
mark_returned_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  eo_window_confirm_status (EO_WINDOW (widget), EO_ORDER_STATUS_RETURN);
}

static void
cancel_order_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  eo_window_confirm_status (EO_WINDOW (widget), EO_ORDER_STATUS_CANCEL);
}

static const char *
outbox_change_status_label (EoOutboxChange *change)
{
  EoOrderStatus status;

  if (!eo_order_status_from_string (change->status, &status))
    return change->status;

  switch (status)
    {
    case EO_ORDER_STATUS_SENT:
      return _("sent");
    case EO_ORDER_STATUS_PAID:
      return _("paid");
    case EO_ORDER_STATUS_RETURN:
      return _("returned");
    case EO_ORDER_STATUS_CANCEL:
      return _("cancelled");
    default:
      return change->status;
    }
}

static void
outbox_row_button_clicked_cb (EoWindow  *self,
                              GtkButton *button)
{
  const char *action = g_object_get_data (G_OBJECT (button), "eo-action");
  gint64 id = *(gint64 *) g_object_get_data (G_OBJECT (button), "eo-change-id");

  gtk_widget_activate_action (GTK_WIDGET (self), action, "x", id);
}

static GtkWidget *
eo_window_outbox_row_button (EoWindow   *self,
                             const char *label,
                             const char *action,
                             gint64      id)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  eo_a11y_fix_mnemonic_buttons (button);

  /* The popover's rows are rebuilt on every change: the button carries its change */
  g_object_set_data (G_OBJECT (button), "eo-action", (gpointer) action);
  g_object_set_data_full (G_OBJECT (button), "eo-change-id", g_memdup2 (&id, sizeof id), g_free);
  g_signal_connect_object (button, "clicked",
                           G_CALLBACK (outbox_row_button_clicked_cb), self, G_CONNECT_SWAPPED);

  return button;
}

static GtkWidget *
eo_window_outbox_row (EoWindow       *self,
                      EoOutboxChange *change)
{
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  GtkWidget *row;
  GtkWidget *box;
  GtkWidget *retry;
  GtkWidget *discard;

  if (change->rpo[0] != '\0')
    title = g_strdup_printf (_("Order %" PRId64 ": %s, %s"), change->bill_id,
                             outbox_change_status_label (change), change->rpo);
  else
    title = g_strdup_printf (_("Order %" PRId64 ": %s"), change->bill_id,
                             outbox_change_status_label (change));

  if (!eo_outbox_change_is_for (change, eo_client_get_login (self->client)))
    subtitle = g_strdup_printf (_("For the shop “%s”: sent when its account is set up again"),
                                change->account);
  else if (change->state == EO_OUTBOX_STATE_FAILED)
    subtitle = g_strdup_printf (_("Refused: %s"), change->last_error);
  else if (change->last_error[0] != '\0')
    subtitle = g_strdup_printf (ngettext ("Waiting, %u attempt failed: %s",
                                          "Waiting, %u attempts failed: %s", change->attempts),
                                change->attempts, change->last_error);
  else
    subtitle = g_strdup (_("Waiting to be sent"));

  row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  retry = eo_window_outbox_row_button (self, _("_Retry Now"), "win.outbox-retry", change->id);
  discard = eo_window_outbox_row_button (self, _("_Discard…"), "win.outbox-discard", change->id);
  gtk_widget_add_css_class (discard, "destructive-action");
  gtk_box_append (GTK_BOX (box), retry);
  gtk_box_append (GTK_BOX (box), discard);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), box);

  return row;
}

static void
eo_window_update_outbox (EoWindow *self)
{
  g_autoptr(GPtrArray) changes = NULL;
  g_autofree char *count = NULL;
  g_autofree char *title = NULL;
  GtkWidget *child;

  if (self->outbox == NULL)
    return;

  changes = eo_outbox_list (self->outbox);
  count = g_strdup_printf ("%u", changes->len);
  title = g_strdup_printf (ngettext ("%u change waits to be sent to the shop",
                                     "%u changes wait to be sent to the shop", changes->len),
                           changes->len);
  gtk_label_set_label (self->outbox_count_label, count);
  gtk_label_set_label (self->outbox_title_label, title);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->outbox_button), title);
  gtk_widget_set_visible (GTK_WIDGET (self->outbox_button), changes->len > 0);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->outbox_list))) != NULL)
    gtk_list_box_remove (self->outbox_list, child);

  for (guint i = 0; i < changes->len; i++)
    gtk_list_box_append (self->outbox_list, eo_window_outbox_row (self, g_ptr_array_index (changes, i)));

  if (changes->len == 0)
    gtk_menu_button_popdown (self->outbox_button);
}

static void
eo_window_outbox_change_sent_cb (EoWindow       *self,
                                 EoOutboxChange *change,
                                 int             state,
                                 const GError   *error,
                                 EoOutbox       *outbox)
{
  /* A change that waited went through: the order on screen may be out of date */
  if (state == EO_OUTBOX_STATE_DONE && change->bill_id == self->bill_id && self->order != NULL &&
      !self->changing_status)
    eo_window_lookup (self, self->bill_id, TRUE);
}

static void
outbox_retry_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  EoWindow *self = EO_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (self->outbox != NULL &&
      !eo_outbox_retry (self->outbox, g_variant_get_int64 (parameter), &error))
    eo_window_show_toast (self, error->message);
}

static void
eo_window_discard_response_cb (AdwMessageDialog *dialog,
                               const char       *response,
                               EoWindow         *self)
{
  g_autoptr(GError) error = NULL;
  gint64 id = *(gint64 *) g_object_get_data (G_OBJECT (dialog), "eo-change-id");

  if (g_str_equal (response, "discard") && self->outbox != NULL &&
      !eo_outbox_discard (self->outbox, id, &error))
    eo_window_show_toast (self, error->message);
}

static void
outbox_discard_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  EoWindow *self = EO_WINDOW (widget);
  gint64 id = g_variant_get_int64 (parameter);
  g_autoptr(EoOutboxChange) change = NULL;
  g_autofree char *heading = NULL;
  AdwMessageDialog *dialog;

  if (self->outbox == NULL)
    return;

  change = eo_store_outbox_get (eo_outbox_get_store (self->outbox), id, NULL);
  if (change == NULL)
    return;

  gtk_menu_button_popdown (self->outbox_button);
  heading = g_strdup_printf (_("Discard the Change to Order %" PRId64 "?"),
                             change->bill_id);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading,
                                                       _("The shop will never get it. "
                                                         "Make the change again if it is needed.")));
  adw_message_dialog_add_responses (dialog,
                                    "keep", _("_Keep"),
                                    "discard", _("_Discard"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "keep");
  adw_message_dialog_set_close_response (dialog, "keep");
  g_object_set_data_full (G_OBJECT (dialog), "eo-change-id",
                          g_memdup2 (&id, sizeof id), g_free);
  g_signal_connect_object (dialog, "response",
                           G_CALLBACK (eo_window_discard_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
show_sidebar_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  EoWindow *self = EO_WINDOW (widget);

  adw_leaflet_set_visible_child (self->leaflet, self->sidebar);
}

static void
ship_batch_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  EoWindow *self = EO_WINDOW (widget);
  EoBatchDialog *dialog;

  if (self->outbox == NULL)
    return;

  dialog = eo_batch_dialog_new (self->outbox);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (self));
  gtk_window_present (GTK_WINDOW (dialog));
}

static gboolean
eo_window_close_request (GtkWindow *window)
{
  EoWindow *self = EO_WINDOW (window);
  int width;
  int height;

  g_cancellable_cancel (self->lookup_cancellable);
  g_cancellable_cancel (self->cancellable);

  gtk_window_get_default_size (window, &width, &height);
  g_settings_delay (self->settings);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
  g_settings_apply (self->settings);

  return GTK_WINDOW_CLASS (eo_window_parent_class)->close_request (window);
}

static void
eo_window_constructed (GObject *object)
{
  EoWindow *self = EO_WINDOW (object);

  G_OBJECT_CLASS (eo_window_parent_class)->constructed (object);

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  eo_window_update_actions (self);
}

static void
eo_window_dispose (GObject *object)
{
  EoWindow *self = EO_WINDOW (object);

  g_cancellable_cancel (self->lookup_cancellable);
  g_cancellable_cancel (self->cancellable);
  if (self->outbox != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->outbox, self);
      eo_outbox_stop (self->outbox);
    }

  gtk_widget_dispose_template (GTK_WIDGET (self), EO_TYPE_WINDOW);

  G_OBJECT_CLASS (eo_window_parent_class)->dispose (object);
}

static void
eo_window_finalize (GObject *object)
{
  EoWindow *self = EO_WINDOW (object);

  g_clear_object (&self->lookup_cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->order);
  g_clear_object (&self->client);
  g_clear_object (&self->settings);
  g_clear_object (&self->outbox);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (eo_window_parent_class)->finalize (object);
}

static void
eo_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  EoWindow *self = EO_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;

    case PROP_ORDER:
      g_value_set_object (value, self->order);
      break;

    case PROP_DEMO:
      g_value_set_boolean (value, self->demo);
      break;

    case PROP_READY:
      g_value_set_boolean (value, self->ready);
      break;

    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
eo_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  EoWindow *self = EO_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      self->client = g_value_dup_object (value);
      break;

    case PROP_DEMO:
      eo_window_set_demo (self, g_value_get_boolean (value));
      break;

    case PROP_READY:
      eo_window_set_ready (self, g_value_get_boolean (value));
      break;

    case PROP_STORE:
      eo_window_set_store (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
eo_window_class_init (EoWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = eo_window_constructed;
  object_class->dispose = eo_window_dispose;
  object_class->finalize = eo_window_finalize;
  object_class->get_property = eo_window_get_property;
  object_class->set_property = eo_window_set_property;

  window_class->close_request = eo_window_close_request;

  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL,
                         EO_TYPE_CLIENT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_ORDER] =
    g_param_spec_object ("order", NULL, NULL,
                         EO_TYPE_ORDER,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_DEMO] =
    g_param_spec_boolean ("demo", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_READY] =
    g_param_spec_boolean ("ready", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         EO_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (EO_TYPE_ORDER);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/expertam_orders/ExpertamOrders/eo-window.ui");
  gtk_widget_class_bind_template_child (widget_class, EoWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, EoWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, EoWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, EoWindow, spinner);
  gtk_widget_class_bind_template_child (widget_class, EoWindow, loading_label);
  gtk_widget_class_bind_template_child (widget_class, EoWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, EoWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, EoWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, EoWindow, content);
  gtk_widget_class_bind_template_child (widget_class, EoWindow, sidebar_stack);
  gtk_widget_class_bind_template_child (widget_class, EoWindow, recent_list);
  gtk_widget_class_bind_template_child (widget_class, EoWindow, results_list);
  gtk_widget_class_bind_template_child (widget_class, EoWindow, results_label);
  gtk_widget_class_bind_template_child (widget_class, EoWindow, outbox_button);
  gtk_widget_class_bind_template_child (widget_class, EoWindow, outbox_count_label);
  gtk_widget_class_bind_template_child (widget_class, EoWindow, outbox_title_label);
  gtk_widget_class_bind_template_child (widget_class, EoWindow, outbox_list);
  gtk_widget_class_bind_template_callback (widget_class, saved_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, is_object);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_stop_cb);

  gtk_widget_class_install_action (widget_class, "win.focus-search", NULL, focus_search_action);
  gtk_widget_class_install_action (widget_class, "win.retry", NULL, retry_action);
  gtk_widget_class_install_action (widget_class, "win.show-toast", "s", show_toast_action);
  gtk_widget_class_install_action (widget_class, "win.show-help-overlay", NULL, show_shortcuts_action);
  gtk_widget_class_install_action (widget_class, "win.mark-sent", NULL, mark_sent_action);
  gtk_widget_class_install_action (widget_class, "win.mark-paid", NULL, mark_paid_action);
  gtk_widget_class_install_action (widget_class, "win.mark-returned", NULL, mark_returned_action);
  gtk_widget_class_install_action (widget_class, "win.cancel-order", NULL, cancel_order_action);
  gtk_widget_class_install_action (widget_class, "win.outbox-retry", "x", outbox_retry_action);
  gtk_widget_class_install_action (widget_class, "win.outbox-discard", "x", outbox_discard_action);
  gtk_widget_class_install_action (widget_class, "win.show-sidebar", NULL, show_sidebar_action);
  gtk_widget_class_install_action (widget_class, "win.ship-batch", NULL, ship_batch_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "win.focus-search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l, GDK_CONTROL_MASK,
                                       "win.focus-search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_b, GDK_CONTROL_MASK,
                                       "win.ship-batch", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_question, GDK_CONTROL_MASK,
                                       "win.show-help-overlay", NULL);
}

static void
eo_window_init (EoWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* A narrow window opens on the search and the order; the recent orders are a button away */
  adw_leaflet_set_visible_child (self->leaflet, self->content);
  eo_a11y_fix_mnemonic_buttons (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
  self->cancellable = g_cancellable_new ();
}

EoWindow *
eo_window_new (EoApplication *application,
               EoClient      *client)
{
  g_return_val_if_fail (application == NULL || EO_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (EO_IS_CLIENT (client), NULL);

  return g_object_new (EO_TYPE_WINDOW,
                       "application", application,
                       "client", client,
                       NULL);
}

EoClient *
eo_window_get_client (EoWindow *self)
{
  g_return_val_if_fail (EO_IS_WINDOW (self), NULL);

  return self->client;
}

EoOrder *
eo_window_get_order (EoWindow *self)
{
  g_return_val_if_fail (EO_IS_WINDOW (self), NULL);

  return self->order;
}

gboolean
eo_window_get_demo (EoWindow *self)
{
  g_return_val_if_fail (EO_IS_WINDOW (self), FALSE);

  return self->demo;
}

void
eo_window_set_demo (EoWindow *self,
                    gboolean  demo)
{
  g_return_if_fail (EO_IS_WINDOW (self));

  demo = !!demo;

  if (self->demo != demo)
    {
      self->demo = demo;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEMO]);
    }
}

gboolean
eo_window_get_ready (EoWindow *self)
{
  g_return_val_if_fail (EO_IS_WINDOW (self), FALSE);

  return self->ready;
}

void
eo_window_set_ready (EoWindow *self,
                     gboolean  ready)
{
  g_return_if_fail (EO_IS_WINDOW (self));

  ready = !!ready;

  if (self->ready == ready)
    return;

  self->ready = ready;
  eo_window_update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READY]);

  if (ready && self->outbox != NULL)
    eo_outbox_send_now (self->outbox);

  if (ready && self->pending_bill_id > 0)
    eo_window_lookup (self, self->pending_bill_id, FALSE);
}

const char *
eo_window_get_page (EoWindow *self)
{
  g_return_val_if_fail (EO_IS_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

EoStore *
eo_window_get_store (EoWindow *self)
{
  g_return_val_if_fail (EO_IS_WINDOW (self), NULL);

  return self->store;
}

/* The history and the outbox: from now on status changes are saved before they are sent */
void
eo_window_set_store (EoWindow *self,
                     EoStore  *store)
{
  g_return_if_fail (EO_IS_WINDOW (self));
  g_return_if_fail (store == NULL || EO_IS_STORE (store));

  if (self->store == store)
    return;

  if (self->outbox != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->outbox, self);
      eo_outbox_stop (self->outbox);
      g_clear_object (&self->outbox);
    }

  g_set_object (&self->store, store);

  if (store != NULL)
    {
      /* The history and the changes shown are this shop's */
      eo_store_set_account (store, eo_client_get_login (self->client));
      self->outbox = eo_outbox_new (store, self->client);
      eo_outbox_set_jobs (self->outbox, g_settings_get_uint (self->settings, "batch-jobs"));
      g_signal_connect_object (self->outbox, "changed",
                               G_CALLBACK (eo_window_update_outbox), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->outbox, "change-sent",
                               G_CALLBACK (eo_window_outbox_change_sent_cb), self,
                               G_CONNECT_SWAPPED);
      eo_window_update_outbox (self);
      eo_window_reload_recent (self);

      /* What an earlier run left behind goes out now */
      if (self->ready)
        eo_outbox_send_now (self->outbox);
    }

  eo_window_update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

EoOutbox *
eo_window_get_outbox (EoWindow *self)
{
  g_return_val_if_fail (EO_IS_WINDOW (self), NULL);

  return self->outbox;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eo-window-actions.c: the main window's win.* actions: status changes, the outbox, dialogs */
#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>

#include "eo-window-private.h"

#include "eo-batch-dialog.h"
#include "eo-error.h"
#include "eo-print-dialog.h"
#include "eo-print-history.h"
#include "eo-status-dialog.h"

void
_eo_window_actions_update (EoWindow *self)
{
  gboolean can_change = self->order != NULL && self->ready && !self->changing_status;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.mark-sent", can_change);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.mark-paid", can_change);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.mark-returned", can_change);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-order", can_change);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.retry", self->bill_id != 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.ship-batch", self->outbox != NULL);
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
    _eo_window_lookup (self, self->bill_id, FALSE);
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
    _eo_window_lookup (self, bill_id, TRUE);
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
  _eo_window_actions_update (self);

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
  _eo_window_actions_update (self);

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
  _eo_window_actions_update (self);

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
show_to_ship_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  EoWindow *self = EO_WINDOW (widget);

  _eo_window_show_to_ship (self);
  gtk_widget_child_focus (GTK_WIDGET (self->to_ship_page), GTK_DIR_TAB_FORWARD);
}

/* The recent orders, in the sidebar (brought in when the window is narrow) */
static void
show_recent_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  EoWindow *self = EO_WINDOW (widget);
  GtkListBoxRow *first = gtk_list_box_get_row_at_index (self->recent_list, 0);

  adw_leaflet_set_visible_child (self->leaflet, self->sidebar);
  if (first != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (first));
}

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  EoWindow *self = EO_WINDOW (widget);

  _eo_window_ensure_to_ship_page (self);
  eo_to_ship_page_refresh (self->to_ship_page);
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

/* The order on screen, or the orders selected in "To Ship" when the list is shown */
static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  EoWindow *self = EO_WINDOW (widget);
  const char *page = eo_window_get_page (self);
  g_autoptr(GPtrArray) orders = NULL;
  EoPrintDialog *dialog;

  if (g_strcmp0 (page, "to-ship") == 0 && self->to_ship_page != NULL)
    {
      if (eo_to_ship_page_get_n_selected (self->to_ship_page) == 0)
        eo_window_show_toast (self, _("Select the orders to print first"));
      else
        gtk_widget_activate_action (GTK_WIDGET (self->to_ship_page), "to-ship.print", NULL);
      return;
    }

  if (g_strcmp0 (page, "order") != 0 || self->order == NULL)
    {
      eo_window_show_toast (self, _("Open an order, or select orders to ship, to print them"));
      return;
    }

  orders = g_ptr_array_new ();
  g_ptr_array_add (orders, self->order);
  dialog = eo_print_dialog_new (GTK_WINDOW (self), orders);
  eo_print_dialog_set_store (dialog, self->store);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The shop's recent print runs, to print one again */
static void
print_history_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  EoWindow *self = EO_WINDOW (widget);
  EoPrintHistory *history;

  if (self->store == NULL)
    {
      eo_window_show_toast (self, _("The shop is still opening: its print history can be shown "
                                    "once it is open"));
      return;
    }

  history = eo_print_history_new (GTK_WINDOW (self), self->store);
  gtk_window_present (GTK_WINDOW (history));
}

void
_eo_window_class_actions_init (EoWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

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
  gtk_widget_class_install_action (widget_class, "win.show-to-ship", NULL, show_to_ship_action);
  gtk_widget_class_install_action (widget_class, "win.show-recent", NULL, show_recent_action);
  gtk_widget_class_install_action (widget_class, "win.refresh", NULL, refresh_action);
  gtk_widget_class_install_property_action (widget_class, "win.scan-mode", "scan-mode");
  gtk_widget_class_install_action (widget_class, "win.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "win.print-history", NULL, print_history_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "win.focus-search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l, GDK_CONTROL_MASK,
                                       "win.focus-search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_b, GDK_CONTROL_MASK,
                                       "win.ship-batch", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_CONTROL_MASK,
                                       "win.show-to-ship", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_2, GDK_CONTROL_MASK,
                                       "win.show-recent", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "win.refresh", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.scan-mode", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "win.print", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_question, GDK_CONTROL_MASK,
                                       "win.show-help-overlay", NULL);
}

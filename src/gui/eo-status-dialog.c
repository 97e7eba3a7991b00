/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eo-status-dialog.c: mark an order sent (with its tracking number and the date of posting)
 * or paid (with the date of payment), through the outbox */
#include "config.h"

#include <inttypes.h>

#include "eo-status-dialog.h"
#include "eo-a11y.h"

#include <glib/gi18n.h>

#include "eo-date-time-row.h"
#include "eo-error.h"
#include "eo-outbox.h"
#include "eo-order-summary.h"
#include "eo-tracking.h"

struct _EoStatusDialog
{
  AdwWindow            parent_instance;

  EoClient            *client;
  EoOutbox            *outbox;           /* NULL: sent directly, without the store */
  EoOrder             *order;
  EoOrderStatus        status;           /* EO_ORDER_STATUS_SENT or EO_ORDER_STATUS_PAID */
  GCancellable        *cancellable;
  char                *tracking_number;  /* normalized; NULL when it cannot be sent */

  GtkWidget           *send_button;
  AdwPreferencesGroup *error_group;
  AdwPreferencesGroup *tracking_group;
  AdwPreferencesGroup *date_group;
  EoOrderSummary      *order_summary;
  GtkLabel            *error_label;
  AdwEntryRow         *tracking_row;
  AdwActionRow        *other_carrier_row;
  GtkSwitch           *other_carrier_switch;
  GtkLabel            *tracking_status_label;
  EoDateTimeRow       *date_time_row;
  GtkSpinner          *spinner;

  guint                sending : 1;
};

G_DEFINE_FINAL_TYPE (EoStatusDialog, eo_status_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_ORDER,
  PROP_STATUS,
  N_PROPS
};

enum {
  STATUS_CHANGED,
  STATUS_QUEUED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
eo_status_dialog_update_sensitivity (EoStatusDialog *self)
{
  gboolean can_send = !self->sending &&
                      (self->status != EO_ORDER_STATUS_SENT || self->tracking_number != NULL);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "status.send", can_send);
  gtk_widget_set_sensitive (GTK_WIDGET (self->tracking_row), !self->sending);
  gtk_widget_set_sensitive (GTK_WIDGET (self->other_carrier_row), !self->sending);
  gtk_widget_set_sensitive (GTK_WIDGET (self->date_time_row), !self->sending);
}

/* Live validation: a Russian Post number must have the right check digit; anything that is
 * not one at all may be sent as typed once the person says it is another carrier's */
static void
eo_status_dialog_validate (EoStatusDialog *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->tracking_row));
  g_autofree char *normalized = NULL;
  g_autoptr(GError) error = NULL;
  EoTrackingKind kind;
  gboolean other_carrier = FALSE;

  kind = eo_tracking_validate (text, &normalized, &error);
  g_clear_pointer (&self->tracking_number, g_free);

  if (error == NULL)
    {
      self->tracking_number = g_steal_pointer (&normalized);
      gtk_label_set_label (self->tracking_status_label,
                           kind == EO_TRACKING_KIND_S10
                             ? _("An international Russian Post number: the check digit is right.")
                             : _("A Russian Post number: the check digit is right."));
      gtk_widget_remove_css_class (GTK_WIDGET (self->tracking_row), "error");
      gtk_widget_remove_css_class (GTK_WIDGET (self->tracking_status_label), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->tracking_status_label), "success");
    }
  else if (g_error_matches (error, EO_TRACKING_ERROR, EO_TRACKING_ERROR_EMPTY))
    {
      gtk_label_set_label (self->tracking_status_label,
                           _("Type or scan the number from the receipt: 14 digits, or two letters, "
                             "nine digits and two letters."));
      gtk_widget_remove_css_class (GTK_WIDGET (self->tracking_row), "error");
      gtk_widget_remove_css_class (GTK_WIDGET (self->tracking_status_label), "error");
      gtk_widget_remove_css_class (GTK_WIDGET (self->tracking_status_label), "success");
    }
  else
    {
      other_carrier = kind == EO_TRACKING_KIND_UNKNOWN;

      if (other_carrier && gtk_switch_get_active (self->other_carrier_switch))
        self->tracking_number = g_steal_pointer (&normalized);

      gtk_label_set_label (self->tracking_status_label, error->message);
      gtk_widget_add_css_class (GTK_WIDGET (self->tracking_row), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->tracking_status_label), "error");
      gtk_widget_remove_css_class (GTK_WIDGET (self->tracking_status_label), "success");
    }

  /* A screen reader hears what is wrong with the number without leaving the entry */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->tracking_row),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  gtk_label_get_text (self->tracking_status_label),
                                  -1);
  gtk_widget_set_visible (GTK_WIDGET (self->other_carrier_row), other_carrier);
  eo_status_dialog_update_sensitivity (self);
}

static void
tracking_changed_cb (EoStatusDialog *self,
                     AdwEntryRow    *row)
{
  /* A new number is a new decision: the confirmation was for the old one */
  gtk_switch_set_active (self->other_carrier_switch, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->error_group), FALSE);
  eo_status_dialog_validate (self);
}

static void
other_carrier_toggled_cb (EoStatusDialog *self,
                          GParamSpec     *pspec,
                          GtkSwitch      *toggle)
{
  eo_status_dialog_validate (self);
}

static void
tracking_activated_cb (EoStatusDialog *self,
                       AdwEntryRow    *row)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "status.send", NULL);
}

static void
eo_status_dialog_set_sending (EoStatusDialog *self,
                              gboolean        sending)
{
  self->sending = !!sending;
  gtk_spinner_set_spinning (self->spinner, self->sending);
  eo_status_dialog_update_sensitivity (self);
}

static void
eo_status_dialog_update_status_cb (GObject      *object,
                                   GAsyncResult *result,
                                   gpointer      user_data)
{
  g_autoptr(EoStatusDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!eo_client_update_status_finish (EO_CLIENT (object), result, &error))
    {
      if (eo_error_is_cancelled (error))
        return;

      eo_status_dialog_set_sending (self, FALSE);
      gtk_label_set_label (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_group), TRUE);
      return;
    }

  eo_status_dialog_set_sending (self, FALSE);
  g_signal_emit (self, signals[STATUS_CHANGED], 0,
                 eo_order_get_id (self->order), (int) self->status);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
eo_status_dialog_submit_cb (GObject      *object,
                            GAsyncResult *result,
                            gpointer      user_data)
{
  g_autoptr(EoStatusDialog) self = user_data;
  g_autoptr(GError) failure = NULL;
  g_autoptr(GError) error = NULL;
  EoOutboxState state = EO_OUTBOX_STATE_PENDING;

  if (!eo_outbox_submit_finish (EO_OUTBOX (object), result, &state, &failure, &error))
    {
      if (eo_error_is_cancelled (error))
        return;

      /* Not even saved: the dialog stays, with the reason */
      eo_status_dialog_set_sending (self, FALSE);
      gtk_label_set_label (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_group), TRUE);
      return;
    }

  eo_status_dialog_set_sending (self, FALSE);

  if (state == EO_OUTBOX_STATE_FAILED)
    {
      gtk_label_set_label (self->error_label, failure->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_group), TRUE);
      return;
    }

  if (state == EO_OUTBOX_STATE_DONE)
    g_signal_emit (self, signals[STATUS_CHANGED], 0,
                   eo_order_get_id (self->order), (int) self->status);
  else
    g_signal_emit (self, signals[STATUS_QUEUED], 0,
                   eo_order_get_id (self->order), (int) self->status, failure);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
send_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  EoStatusDialog *self = EO_STATUS_DIALOG (widget);

  if (self->sending || (self->status == EO_ORDER_STATUS_SENT && self->tracking_number == NULL))
    return;

  gtk_widget_set_visible (GTK_WIDGET (self->error_group), FALSE);
  eo_status_dialog_set_sending (self, TRUE);

  if (self->outbox != NULL)
    {
      g_autoptr(EoOutboxChange) change = NULL;

      change = eo_outbox_change_new (eo_order_get_id (self->order),
                                     eo_order_status_to_string (self->status),
                                     eo_date_time_row_get_date_time (self->date_time_row),
                                     self->tracking_number);
      eo_outbox_submit_async (self->outbox, change, self->cancellable,
                              eo_status_dialog_submit_cb, g_object_ref (self));
      return;
    }

  eo_client_update_status_async (self->client,
                                 eo_order_get_id (self->order),
                                 self->status,
                                 eo_date_time_row_get_date_time (self->date_time_row),
                                 self->tracking_number,
                                 self->cancellable,
                                 eo_status_dialog_update_status_cb,
                                 g_object_ref (self));
}

static gboolean
eo_status_dialog_close_request (GtkWindow *window)
{
  EoStatusDialog *self = EO_STATUS_DIALOG (window);

  g_cancellable_cancel (self->cancellable);

  return GTK_WINDOW_CLASS (eo_status_dialog_parent_class)->close_request (window);
}

static void
eo_status_dialog_constructed (GObject *object)
{
  EoStatusDialog *self = EO_STATUS_DIALOG (object);

  G_OBJECT_CLASS (eo_status_dialog_parent_class)->constructed (object);

  eo_order_summary_set_order (self->order_summary, self->order);

  if (self->status == EO_ORDER_STATUS_SENT)
    {
      gtk_window_set_title (GTK_WINDOW (self), _("Mark as Sent"));
      gtk_button_set_label (GTK_BUTTON (self->send_button), _("Mark as _Sent"));
      adw_preferences_group_set_title (self->date_group, _("Posted"));
      gtk_window_set_default_size (GTK_WINDOW (self), 520, 640);
    }
  else
    {
      gtk_window_set_title (GTK_WINDOW (self), _("Mark as Paid"));
      gtk_button_set_label (GTK_BUTTON (self->send_button), _("Mark as _Paid"));
      adw_preferences_group_set_title (self->date_group, _("Payment Received"));
      gtk_window_set_default_size (GTK_WINDOW (self), 520, 440);
      gtk_widget_set_visible (GTK_WIDGET (self->tracking_group), FALSE);
    }
  eo_a11y_fix_mnemonic_buttons (GTK_WIDGET (self));

  if (self->status == EO_ORDER_STATUS_SENT)
    {
      eo_status_dialog_validate (self);
      gtk_widget_grab_focus (GTK_WIDGET (self->tracking_row));
    }
  else
    eo_status_dialog_update_sensitivity (self);
}

static void
eo_status_dialog_dispose (GObject *object)
{
  EoStatusDialog *self = EO_STATUS_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), EO_TYPE_STATUS_DIALOG);

  G_OBJECT_CLASS (eo_status_dialog_parent_class)->dispose (object);
}

static void
eo_status_dialog_finalize (GObject *object)
{
  EoStatusDialog *self = EO_STATUS_DIALOG (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->client);
  g_clear_object (&self->outbox);
  g_clear_object (&self->order);
  g_clear_pointer (&self->tracking_number, g_free);

  G_OBJECT_CLASS (eo_status_dialog_parent_class)->finalize (object);
}

static void
eo_status_dialog_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  EoStatusDialog *self = EO_STATUS_DIALOG (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;

    case PROP_ORDER:
      g_value_set_object (value, self->order);
      break;

    case PROP_STATUS:
      g_value_set_int (value, self->status);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
eo_status_dialog_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  EoStatusDialog *self = EO_STATUS_DIALOG (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      self->client = g_value_dup_object (value);
      break;

    case PROP_ORDER:
      self->order = g_value_dup_object (value);
      break;

    case PROP_STATUS:
      self->status = g_value_get_int (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
eo_status_dialog_class_init (EoStatusDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = eo_status_dialog_constructed;
  object_class->dispose = eo_status_dialog_dispose;
  object_class->finalize = eo_status_dialog_finalize;
  object_class->get_property = eo_status_dialog_get_property;
  object_class->set_property = eo_status_dialog_set_property;

  window_class->close_request = eo_status_dialog_close_request;

  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL,
                         EO_TYPE_CLIENT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_ORDER] =
    g_param_spec_object ("order", NULL, NULL,
                         EO_TYPE_ORDER,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /* An EoOrderStatus: sent or paid */
  properties[PROP_STATUS] =
    g_param_spec_int ("status", NULL, NULL,
                      EO_ORDER_STATUS_SENT, EO_ORDER_STATUS_PAID, EO_ORDER_STATUS_SENT,
                      (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * EoStatusDialog::status-changed:
   * @bill_id: the order
   * @status: an EoOrderStatus, the dialog's
   *
   * The shop has recorded the change; the dialog closes right after.
   */
  signals[STATUS_CHANGED] =
    g_signal_new ("status-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_INT);

  signals[STATUS_QUEUED] =
    g_signal_new ("status-queued",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_INT64, G_TYPE_INT,
                  G_TYPE_ERROR | G_SIGNAL_TYPE_STATIC_SCOPE);

  g_type_ensure (EO_TYPE_ORDER);
  g_type_ensure (EO_TYPE_DATE_TIME_ROW);
  g_type_ensure (EO_TYPE_ORDER_SUMMARY);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/expertam_orders/ExpertamOrders/eo-status-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, EoStatusDialog, send_button);
  gtk_widget_class_bind_template_child (widget_class, EoStatusDialog, error_group);
  gtk_widget_class_bind_template_child (widget_class, EoStatusDialog, tracking_group);
  gtk_widget_class_bind_template_child (widget_class, EoStatusDialog, date_group);
  gtk_widget_class_bind_template_child (widget_class, EoStatusDialog, order_summary);
  gtk_widget_class_bind_template_child (widget_class, EoStatusDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, EoStatusDialog, tracking_row);
  gtk_widget_class_bind_template_child (widget_class, EoStatusDialog, other_carrier_row);
  gtk_widget_class_bind_template_child (widget_class, EoStatusDialog, other_carrier_switch);
  gtk_widget_class_bind_template_child (widget_class, EoStatusDialog, tracking_status_label);
  gtk_widget_class_bind_template_child (widget_class, EoStatusDialog, date_time_row);
  gtk_widget_class_bind_template_child (widget_class, EoStatusDialog, spinner);
  gtk_widget_class_bind_template_callback (widget_class, tracking_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, tracking_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, other_carrier_toggled_cb);

  gtk_widget_class_install_action (widget_class, "status.send", NULL, send_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
eo_status_dialog_init (EoStatusDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
}

EoStatusDialog *
eo_status_dialog_new (EoClient      *client,
                      EoOrder       *order,
                      EoOrderStatus  status)
{
  g_return_val_if_fail (EO_IS_CLIENT (client), NULL);
  g_return_val_if_fail (EO_IS_ORDER (order), NULL);
  g_return_val_if_fail (status == EO_ORDER_STATUS_SENT || status == EO_ORDER_STATUS_PAID, NULL);

  return g_object_new (EO_TYPE_STATUS_DIALOG,
                       "client", client,
                       "order", order,
                       "status", (int) status,
                       NULL);
}

void
eo_status_dialog_set_outbox (EoStatusDialog *self,
                             EoOutbox     *outbox)
{
  g_return_if_fail (EO_IS_STATUS_DIALOG (self));
  g_return_if_fail (outbox == NULL || EO_IS_OUTBOX (outbox));

  g_set_object (&self->outbox, outbox);
}

/* eo-paid-dialog.c: mark an order paid, with the date and time of payment */
#include "config.h"

#include <inttypes.h>

#include "eo-paid-dialog.h"
#include "eo-a11y.h"

#include <glib/gi18n.h>

#include "eo-date-time-row.h"
#include "eo-error.h"
#include "eo-outbox.h"
#include "eo-order-view.h"

struct _EoPaidDialog
{
  AdwWindow            parent_instance;

  EoClient            *client;
  EoOutbox            *outbox;           /* NULL: sent directly, without the store */
  EoOrder             *order;
  GCancellable        *cancellable;

  AdwPreferencesGroup *error_group;
  GtkLabel            *error_label;
  EoDateTimeRow       *date_time_row;
  GtkSpinner          *spinner;

  guint                sending : 1;
};

G_DEFINE_FINAL_TYPE (EoPaidDialog, eo_paid_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_ORDER,
  N_PROPS
};

enum {
  STATUS_CHANGED,
  STATUS_QUEUED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static char *
format_title (gpointer unused,
              gint64   id)
{
  return g_strdup_printf (_("Order %" PRId64), id);
}

static char *
format_address (gpointer    unused,
                const char *postalcode,
                const char *region,
                const char *city,
                const char *address,
                const char *country)
{
  return eo_format_address (postalcode, region, city, address, country);
}

static void
eo_paid_dialog_set_sending (EoPaidDialog *self,
                            gboolean      sending)
{
  self->sending = !!sending;
  gtk_spinner_set_spinning (self->spinner, self->sending);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "paid.send", !self->sending);
  gtk_widget_set_sensitive (GTK_WIDGET (self->date_time_row), !self->sending);
}

static void
eo_paid_dialog_update_status_cb (GObject      *object,
                                 GAsyncResult *result,
                                 gpointer      user_data)
{
  g_autoptr(EoPaidDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!eo_client_update_status_finish (EO_CLIENT (object), result, &error))
    {
      if (eo_error_is_cancelled (error))
        return;

      eo_paid_dialog_set_sending (self, FALSE);
      gtk_label_set_label (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_group), TRUE);
      return;
    }

  eo_paid_dialog_set_sending (self, FALSE);
  g_signal_emit (self, signals[STATUS_CHANGED], 0,
                 eo_order_get_id (self->order), (int) EO_ORDER_STATUS_PAID);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
eo_paid_dialog_submit_cb (GObject      *object,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  g_autoptr(EoPaidDialog) self = user_data;
  g_autoptr(GError) failure = NULL;
  g_autoptr(GError) error = NULL;
  EoOutboxState state = EO_OUTBOX_STATE_PENDING;

  if (!eo_outbox_submit_finish (EO_OUTBOX (object), result, &state, &failure, &error))
    {
      if (eo_error_is_cancelled (error))
        return;

      /* Not even saved: the dialog stays, with the reason */
      eo_paid_dialog_set_sending (self, FALSE);
      gtk_label_set_label (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_group), TRUE);
      return;
    }

  eo_paid_dialog_set_sending (self, FALSE);

  if (state == EO_OUTBOX_STATE_FAILED)
    {
      gtk_label_set_label (self->error_label, failure->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_group), TRUE);
      return;
    }

  if (state == EO_OUTBOX_STATE_DONE)
    g_signal_emit (self, signals[STATUS_CHANGED], 0,
                   eo_order_get_id (self->order), (int) EO_ORDER_STATUS_PAID);
  else
    g_signal_emit (self, signals[STATUS_QUEUED], 0,
                   eo_order_get_id (self->order), (int) EO_ORDER_STATUS_PAID, failure);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
send_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  EoPaidDialog *self = EO_PAID_DIALOG (widget);

  if (self->sending)
    return;

  gtk_widget_set_visible (GTK_WIDGET (self->error_group), FALSE);
  eo_paid_dialog_set_sending (self, TRUE);

  if (self->outbox != NULL)
    {
      g_autoptr(EoOutboxChange) change = NULL;

      change = eo_outbox_change_new (eo_order_get_id (self->order),
                                     eo_order_status_to_string (EO_ORDER_STATUS_PAID),
                                     eo_date_time_row_get_date_time (self->date_time_row),
                                     NULL);
      eo_outbox_submit_async (self->outbox, change, self->cancellable,
                              eo_paid_dialog_submit_cb, g_object_ref (self));
      return;
    }

  eo_client_update_status_async (self->client,
                                 eo_order_get_id (self->order),
                                 EO_ORDER_STATUS_PAID,
                                 eo_date_time_row_get_date_time (self->date_time_row),
                                 NULL,
                                 self->cancellable,
                                 eo_paid_dialog_update_status_cb,
                                 g_object_ref (self));
}

static gboolean
eo_paid_dialog_close_request (GtkWindow *window)
{
  EoPaidDialog *self = EO_PAID_DIALOG (window);

  g_cancellable_cancel (self->cancellable);

  return GTK_WINDOW_CLASS (eo_paid_dialog_parent_class)->close_request (window);
}

static void
eo_paid_dialog_dispose (GObject *object)
{
  EoPaidDialog *self = EO_PAID_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), EO_TYPE_PAID_DIALOG);

  G_OBJECT_CLASS (eo_paid_dialog_parent_class)->dispose (object);
}

static void
eo_paid_dialog_finalize (GObject *object)
{
  EoPaidDialog *self = EO_PAID_DIALOG (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->client);
  g_clear_object (&self->outbox);
  g_clear_object (&self->order);

  G_OBJECT_CLASS (eo_paid_dialog_parent_class)->finalize (object);
}

static void
eo_paid_dialog_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  EoPaidDialog *self = EO_PAID_DIALOG (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;

    case PROP_ORDER:
      g_value_set_object (value, self->order);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
eo_paid_dialog_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  EoPaidDialog *self = EO_PAID_DIALOG (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      self->client = g_value_dup_object (value);
      break;

    case PROP_ORDER:
      self->order = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
eo_paid_dialog_class_init (EoPaidDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = eo_paid_dialog_dispose;
  object_class->finalize = eo_paid_dialog_finalize;
  object_class->get_property = eo_paid_dialog_get_property;
  object_class->set_property = eo_paid_dialog_set_property;

  window_class->close_request = eo_paid_dialog_close_request;

  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL,
                         EO_TYPE_CLIENT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_ORDER] =
    g_param_spec_object ("order", NULL, NULL,
                         EO_TYPE_ORDER,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * EoPaidDialog::status-changed:
   * @bill_id: the order
   * @status: an EoOrderStatus, here always EO_ORDER_STATUS_PAID
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

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/expertam_orders/ExpertamOrders/eo-paid-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, EoPaidDialog, error_group);
  gtk_widget_class_bind_template_child (widget_class, EoPaidDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, EoPaidDialog, date_time_row);
  gtk_widget_class_bind_template_child (widget_class, EoPaidDialog, spinner);
  gtk_widget_class_bind_template_callback (widget_class, format_title);
  gtk_widget_class_bind_template_callback (widget_class, format_address);

  gtk_widget_class_install_action (widget_class, "paid.send", NULL, send_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
eo_paid_dialog_init (EoPaidDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  eo_a11y_fix_mnemonic_buttons (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
}

EoPaidDialog *
eo_paid_dialog_new (EoClient *client,
                    EoOrder  *order)
{
  g_return_val_if_fail (EO_IS_CLIENT (client), NULL);
  g_return_val_if_fail (EO_IS_ORDER (order), NULL);

  return g_object_new (EO_TYPE_PAID_DIALOG,
                       "client", client,
                       "order", order,
                       NULL);
}

void
eo_paid_dialog_set_outbox (EoPaidDialog *self,
                           EoOutbox     *outbox)
{
  g_return_if_fail (EO_IS_PAID_DIALOG (self));
  g_return_if_fail (outbox == NULL || EO_IS_OUTBOX (outbox));

  g_set_object (&self->outbox, outbox);
}

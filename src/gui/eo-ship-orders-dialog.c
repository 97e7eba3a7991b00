/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eo-ship-orders-dialog.c: "Mark as Sent…" for the orders selected in "To Ship": a tracking number each */
#include "config.h"

#include "eo-ship-orders-dialog.h"

#include <inttypes.h>
#include <string.h>

#include <glib/gi18n.h>

#include "eo-batch-file.h"
#include "eo-batch-plan.h"
#include "eo-to-ship-order.h"
#include "eo-to-ship-row.h"

struct _EoShipOrdersDialog
{
  AdwMessageDialog  parent_instance;

  EoOutbox         *outbox;
  GPtrArray        *orders;   /* EoToShipOrder */
  GPtrArray        *entries;  /* AdwEntryRow, one per order, borrowed */
};

G_DEFINE_FINAL_TYPE (EoShipOrdersDialog, eo_ship_orders_dialog, ADW_TYPE_MESSAGE_DIALOG)

enum {
  SIGNAL_QUEUED,
  SIGNAL_FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The entries as a batch file's text: one "number<TAB>tracking" line per order */
static char *
eo_ship_orders_dialog_text (EoShipOrdersDialog *self)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < self->orders->len; i++)
    {
      EoToShipOrder *order = g_ptr_array_index (self->orders, i);
      g_autofree char *rpo = g_strdup (gtk_editable_get_text (g_ptr_array_index (self->entries, i)));

      g_strdelimit (rpo, "\t\r\n\"", ' ');
      g_string_append_printf (text, "%" PRId64 "\t%s\n", eo_to_ship_order_get_bill_id (order), rpo);
    }

  return g_string_free (text, FALSE);
}

/* The rows, one per order in order, or NULL (error set) */
static GPtrArray *
eo_ship_orders_dialog_parse (EoShipOrdersDialog  *self,
                             GDateTime           *now,
                             GError             **error)
{
  g_autofree char *text = eo_ship_orders_dialog_text (self);
  g_autoptr(GPtrArray) rows = eo_batch_file_parse (text, strlen (text), now, error);

  if (rows == NULL)
    return NULL;

  if (rows->len != self->orders->len)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("Every order needs a tracking number"));
      return NULL;
    }

  return g_steal_pointer (&rows);
}

/* Each entry says what is wrong with its number; Mark as Sent once every one is sendable */
static void
eo_ship_orders_dialog_check (EoShipOrdersDialog *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GPtrArray) rows = NULL;
  gboolean can_send = TRUE;

  rows = eo_ship_orders_dialog_parse (self, now, NULL);

  for (guint i = 0; i < self->entries->len; i++)
    {
      GtkWidget *entry = g_ptr_array_index (self->entries, i);
      const EoBatchRow *row = rows != NULL ? g_ptr_array_index (rows, i) : NULL;
      gboolean empty = gtk_editable_get_text (GTK_EDITABLE (entry))[0] == '\0';
      gboolean invalid = row == NULL || row->state == EO_BATCH_ROW_INVALID;

      if (empty || invalid)
        can_send = FALSE;

      if (!empty && row != NULL && row->reason != NULL)
        {
          gtk_widget_set_tooltip_text (entry, row->reason);
          gtk_accessible_update_property (GTK_ACCESSIBLE (entry),
                                          GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, row->reason, -1);
        }
      else
        {
          gtk_widget_set_tooltip_text (entry, NULL);
          gtk_accessible_reset_property (GTK_ACCESSIBLE (entry),
                                         GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
        }

      if (!empty && invalid)
        gtk_widget_add_css_class (entry, "error");
      else
        gtk_widget_remove_css_class (entry, "error");

      if (!empty && row != NULL && row->state == EO_BATCH_ROW_WARNING)
        gtk_widget_add_css_class (entry, "warning");
      else
        gtk_widget_remove_css_class (entry, "warning");
    }

  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "send", can_send);
}

/* The same plan as the batch dialog and `expertam ship-batch` */
static gboolean
eo_ship_orders_dialog_send (EoShipOrdersDialog  *self,
                            guint               *out_queued,
                            guint               *out_already,
                            GError             **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) plan = NULL;
  g_autoptr(GPtrArray) changes = NULL;

  *out_queued = 0;
  *out_already = 0;

  rows = eo_ship_orders_dialog_parse (self, now, error);
  if (rows == NULL)
    return FALSE;

  plan = eo_batch_plan_make (eo_outbox_get_store (self->outbox), rows, TRUE, now, FALSE, error);
  if (plan == NULL)
    return FALSE;

  changes = g_ptr_array_new_with_free_func ((GDestroyNotify) eo_outbox_change_unref);
  for (guint i = 0; i < plan->len; i++)
    {
      EoBatchPlanItem *step = g_ptr_array_index (plan, i);

      switch (step->action)
        {
        case EO_BATCH_PLAN_QUEUE:
          g_ptr_array_add (changes, eo_outbox_change_ref (step->change));
          break;
        case EO_BATCH_PLAN_RETRY:
          if (!eo_outbox_retry (self->outbox, step->change->id, error))
            return FALSE;
          (*out_queued)++;
          break;
        case EO_BATCH_PLAN_ALREADY_SENT:
          (*out_already)++;
          break;
        case EO_BATCH_PLAN_SKIP:
        default:
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("Order %" PRId64 " cannot be marked as sent: %s"), step->row->bill_id,
                       step->row->reason != NULL ? step->row->reason : "");
          return FALSE;
        }
    }

  /* Committed to the outbox before anything is sent */
  if (changes->len > 0 && !eo_outbox_submit_many (self->outbox, changes, error))
    return FALSE;

  *out_queued += changes->len;

  return TRUE;
}

static void
eo_ship_orders_dialog_response (AdwMessageDialog *dialog,
                                const char       *response)
{
  EoShipOrdersDialog *self = EO_SHIP_ORDERS_DIALOG (dialog);
  g_autoptr(GError) error = NULL;
  guint queued;
  guint already;

  if (!g_str_equal (response, "send"))
    return;

  if (eo_ship_orders_dialog_send (self, &queued, &already, &error))
    g_signal_emit (self, signals[SIGNAL_QUEUED], 0, queued, already);
  else
    g_signal_emit (self, signals[SIGNAL_FAILED], 0, error);
}

static void
eo_ship_orders_dialog_finalize (GObject *object)
{
  EoShipOrdersDialog *self = EO_SHIP_ORDERS_DIALOG (object);

  g_clear_object (&self->outbox);
  g_clear_pointer (&self->orders, g_ptr_array_unref);
  g_clear_pointer (&self->entries, g_ptr_array_unref);

  G_OBJECT_CLASS (eo_ship_orders_dialog_parent_class)->finalize (object);
}

static void
eo_ship_orders_dialog_class_init (EoShipOrdersDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = eo_ship_orders_dialog_finalize;

  signals[SIGNAL_QUEUED] =
    g_signal_new ("queued", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);
  signals[SIGNAL_FAILED] =
    g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
eo_ship_orders_dialog_init (EoShipOrdersDialog *self)
{
  self->entries = g_ptr_array_new ();
  g_signal_connect (self, "response", G_CALLBACK (eo_ship_orders_dialog_response), NULL);
}

EoShipOrdersDialog *
eo_ship_orders_dialog_new (GtkWindow *parent,
                           EoOutbox  *outbox,
                           GPtrArray *orders)
{
  EoShipOrdersDialog *self;
  g_autofree char *heading = NULL;
  GtkWidget *scrolled;
  GtkWidget *list;

  g_return_val_if_fail (EO_IS_OUTBOX (outbox), NULL);
  g_return_val_if_fail (orders != NULL && orders->len > 0, NULL);

  heading = g_strdup_printf (ngettext ("Mark %u Order as Sent", "Mark %u Orders as Sent",
                                       orders->len), orders->len);
  self = g_object_new (EO_TYPE_SHIP_ORDERS_DIALOG,
                       "transient-for", parent,
                       "modal", TRUE,
                       "heading", heading,
                       "body", _("Type or scan the tracking number of each parcel. The shop is told "
                                 "when the connection allows; the changes wait in the outbox until then."),
                       NULL);
  self->outbox = g_object_ref (outbox);
  self->orders = g_ptr_array_ref (orders);

  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Tracking Numbers"), -1);

  for (guint i = 0; i < orders->len; i++)
    {
      EoToShipOrder *order = g_ptr_array_index (orders, i);
      g_autofree char *title = eo_to_ship_row_format_title (order);
      g_autofree char *label = NULL;
      GtkWidget *entry = adw_entry_row_new ();

      label = g_strdup_printf (_("Tracking number of order %" PRId64),
                               eo_to_ship_order_get_bill_id (order));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (entry), title);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (entry), FALSE);
      gtk_accessible_update_property (GTK_ACCESSIBLE (entry),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      g_signal_connect_object (entry, "changed",
                               G_CALLBACK (eo_ship_orders_dialog_check), self, G_CONNECT_SWAPPED);
      gtk_list_box_append (GTK_LIST_BOX (list), entry);
      g_ptr_array_add (self->entries, entry);
    }

  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 360);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), list);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (self), scrolled);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (self),
                                    "cancel", _("_Cancel"),
                                    "send", _("Mark as _Sent"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (self), "send",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (self), "send");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (self), "cancel");
  eo_ship_orders_dialog_check (self);

  return self;
}

GtkWidget *
eo_ship_orders_dialog_get_entry (EoShipOrdersDialog *self,
                                 guint               nth)
{
  g_return_val_if_fail (EO_IS_SHIP_ORDERS_DIALOG (self), NULL);
  g_return_val_if_fail (nth < self->entries->len, NULL);

  return g_ptr_array_index (self->entries, nth);
}

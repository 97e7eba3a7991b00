/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eo-to-ship-page-actions.c: the "To Ship" page's sync and its actions on the selected orders:
 * Set Aside, Mark as Sent…, Print…, Select All */
#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>

#include "eo-to-ship-page-private.h"

#include "eo-error.h"
#include "eo-print-dialog.h"
#include "eo-saved-order.h"
#include "eo-ship-orders-dialog.h"
#include "eo-to-ship-order.h"
#include "eo-to-ship-row.h"

/* The sync ------------------------------------------------------------------------------- */

static void
eo_to_ship_page_set_syncing (EoToShipPage *self,
                             gboolean      syncing)
{
  if (self->syncing == !!syncing)
    return;

  self->syncing = !!syncing;
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), syncing);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  _eo_to_ship_page_update_sync_label (self);
  g_object_notify (G_OBJECT (self), "syncing");
}

static void
sync_progress_cb (EoToShipPage *self,
                  GParamSpec   *pspec,
                  EoSync       *sync)
{
  guint total = eo_sync_get_windows_total (sync);
  guint done = eo_sync_get_windows_done (sync);
  g_autofree char *text = NULL;

  if (total == 0)
    return;

  text = g_strdup_printf (_("Syncing with the shop: %u of %u"), done, total);
  gtk_progress_bar_set_fraction (self->progress_bar, (double) done / total);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->progress_bar),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, text, -1);
}

static void
eo_to_ship_page_sync_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(EoToShipPage) self = user_data;
  g_autoptr(GError) error = NULL;

  eo_sync_run_finish (EO_SYNC (object), result, &error);

  if (eo_error_is_cancelled (error))
    return;

  eo_to_ship_page_set_syncing (self, FALSE);

  /* What the store has is listed all the same: the page works offline */
  if (error != NULL)
    {
      g_autofree char *message = g_strdup_printf (_("The orders to ship could not be synced: %s"),
                                                  error->message);

      _eo_to_ship_page_show_toast (self, message);
    }

  eo_to_ship_page_reload (self);
  g_signal_emit_by_name (self, "synced");
}

void
eo_to_ship_page_refresh (EoToShipPage *self)
{
  g_return_if_fail (EO_IS_TO_SHIP_PAGE (self));

  if (self->sync == NULL)
    {
      eo_to_ship_page_reload (self);
      return;
    }

  if (self->syncing)
    return;

  g_clear_object (&self->sync_cancellable);
  self->sync_cancellable = g_cancellable_new ();
  eo_to_ship_page_set_syncing (self, TRUE);
  /* What the store has is shown while the shop is asked */
  eo_to_ship_page_reload (self);
  eo_sync_run_async (self->sync, NULL, self->sync_cancellable, eo_to_ship_page_sync_cb,
                     g_object_ref (self));
}

/* A sync needs both the client and the store; a new pair stops the one under way */
void
_eo_to_ship_page_update_sync (EoToShipPage *self)
{
  g_cancellable_cancel (self->sync_cancellable);
  if (self->sync != NULL)
    g_signal_handlers_disconnect_by_data (self->sync, self);
  g_clear_object (&self->sync);
  eo_to_ship_page_set_syncing (self, FALSE);

  if (self->client == NULL || self->store == NULL)
    return;

  self->sync = eo_sync_new (self->client, self->store);
  g_signal_connect_object (self->sync, "notify::windows-done", G_CALLBACK (sync_progress_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sync, "notify::windows-total", G_CALLBACK (sync_progress_cb),
                           self, G_CONNECT_SWAPPED);
}

/* Set Aside and its Undo ------------------------------------------------------------------ */

static void
undo_set_aside_cb (AdwToast *toast,
                   gpointer  user_data)
{
  EoToShipPage *self = g_object_get_data (G_OBJECT (toast), "eo-page");
  GArray *ids = g_object_get_data (G_OBJECT (toast), "eo-bill-ids");

  if (self == NULL || self->store == NULL)
    return;

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(GError) error = NULL;

      if (!eo_store_undo_set_aside (self->store, g_array_index (ids, gint64, i), &error) &&
          !g_error_matches (error, EO_STORE_ERROR, EO_STORE_ERROR_NOT_FOUND))
        _eo_to_ship_page_show_toast (self, error->message);
    }

  eo_to_ship_page_reload (self);
}

static void
set_aside_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  EoToShipPage *self = EO_TO_SHIP_PAGE (widget);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *message = NULL;
  GHashTableIter iter;
  gpointer key;
  AdwToast *toast;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  if (self->store == NULL)
    return;

  g_hash_table_iter_init (&iter, self->checked);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      g_autoptr(GError) error = NULL;

      if (!eo_store_set_aside (self->store, *(gint64 *) key, now, &error))
        {
          _eo_to_ship_page_show_toast (self, error->message);
          break;
        }
      g_array_append_val (ids, *(gint64 *) key);
    }
  g_hash_table_remove_all (self->checked);
  eo_to_ship_page_reload (self);

  if (ids->len == 0)
    return;

  if (ids->len == 1)
    message = g_strdup_printf (_("Order %" PRId64 " set aside"), g_array_index (ids, gint64, 0));
  else
    message = g_strdup_printf (ngettext ("%u order set aside", "%u orders set aside", ids->len),
                               ids->len);
  toast = adw_toast_new (message);
  adw_toast_set_timeout (toast, 6);
  adw_toast_set_button_label (toast, _("_Undo"));
  g_object_set_data_full (G_OBJECT (toast), "eo-page", g_object_ref (self), g_object_unref);
  g_object_set_data_full (G_OBJECT (toast), "eo-bill-ids", g_array_ref (ids),
                          (GDestroyNotify) g_array_unref);
  g_signal_connect (toast, "button-clicked", G_CALLBACK (undo_set_aside_cb), NULL);
  _eo_to_ship_page_toast (self, toast);
}

/* Mark as Sent… --------------------------------------------------------------------------- */

static void
dialog_queued_cb (EoToShipPage       *self,
                  guint               queued,
                  guint               already,
                  EoShipOrdersDialog *dialog)
{
  g_autofree char *message = NULL;

  if (queued > 0)
    message = g_strdup_printf (ngettext ("%u order is being marked as sent",
                                         "%u orders are being marked as sent", queued), queued);
  else
    message = g_strdup_printf (ngettext ("%u order was already marked as sent",
                                         "%u orders were already marked as sent", already),
                               already);
  _eo_to_ship_page_show_toast (self, message);
  g_hash_table_remove_all (self->checked);
  eo_to_ship_page_reload (self);
}

static void
dialog_failed_cb (EoToShipPage       *self,
                  const GError       *error,
                  EoShipOrdersDialog *dialog)
{
  g_autofree char *message = g_strdup_printf (_("The orders were not marked as sent: %s"),
                                              error->message);

  _eo_to_ship_page_show_toast (self, message);
}

static gint
compare_listed (gconstpointer a,
                gconstpointer b,
                gpointer      positions)
{
  guint pa = GPOINTER_TO_UINT (g_hash_table_lookup (positions, *(EoToShipOrder **) a));
  guint pb = GPOINTER_TO_UINT (g_hash_table_lookup (positions, *(EoToShipOrder **) b));

  return (pa > pb) - (pa < pb);
}

/* The selected orders (EoToShipOrder) in the list's order: oldest paid first */
static GPtrArray *
eo_to_ship_page_checked_in_order (EoToShipPage *self)
{
  GPtrArray *orders = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) positions = g_hash_table_new (NULL, NULL);
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->checked);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (orders, g_object_ref (value));
  for (guint i = 0; self->orders != NULL && i < g_list_model_get_n_items (self->orders); i++)
    {
      g_autoptr(EoToShipOrder) listed = g_list_model_get_item (self->orders, i);

      for (guint j = 0; j < orders->len; j++)
        if (eo_to_ship_order_get_bill_id (orders->pdata[j]) ==
            eo_to_ship_order_get_bill_id (listed))
          g_hash_table_insert (positions, orders->pdata[j], GUINT_TO_POINTER (i + 1));
    }
  g_ptr_array_sort_with_data (orders, compare_listed, positions);

  return orders;
}

static void
mark_sent_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  EoToShipPage *self = EO_TO_SHIP_PAGE (widget);
  g_autoptr(GPtrArray) orders = NULL;
  EoShipOrdersDialog *dialog;

  if (self->outbox == NULL || g_hash_table_size (self->checked) == 0)
    return;

  orders = eo_to_ship_page_checked_in_order (self);
  dialog = eo_ship_orders_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), self->outbox,
                                      orders);
  g_signal_connect_object (dialog, "queued", G_CALLBACK (dialog_queued_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (dialog, "failed", G_CALLBACK (dialog_failed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Print… ----------------------------------------------------------------------------------- */

/* The selected orders are read from the store one after another, then printed together */
typedef struct
{
  EoToShipPage *self;
  GPtrArray    *to_ship;  /* EoToShipOrder, in the list's order */
  GPtrArray    *orders;   /* EoOrder read so far */
} PrintLoad;

static void
print_load_free (PrintLoad *load)
{
  g_object_unref (load->self);
  g_ptr_array_unref (load->to_ship);
  g_ptr_array_unref (load->orders);
  g_free (load);
}

static void print_load_next (PrintLoad *load);

static void
print_loaded_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  PrintLoad *load = user_data;
  g_autoptr(EoOrder) order = NULL;
  g_autoptr(GError) error = NULL;
  EoToShipOrder *wanted = g_ptr_array_index (load->to_ship, load->orders->len);

  order = eo_saved_order_load_finish (result, &error);
  if (order == NULL)
    {
      g_autofree char *message = NULL;

      if (error != NULL)
        message = g_strdup_printf (_("Order %" PRId64 " could not be read: %s"),
                                   eo_to_ship_order_get_bill_id (wanted), error->message);
      else
        message = g_strdup_printf (_("Order %" PRId64 " is not saved here: sync the list "
                                     "again to print it"), eo_to_ship_order_get_bill_id (wanted));
      _eo_to_ship_page_show_toast (load->self, message);
      load->self->loading_print = FALSE;
      _eo_to_ship_page_update_actions (load->self);
      print_load_free (load);
      return;
    }

  g_ptr_array_add (load->orders, g_steal_pointer (&order));
  print_load_next (load);
}

static void
print_load_next (PrintLoad *load)
{
  EoToShipPage *self = load->self;
  EoPrintDialog *dialog;

  if (load->orders->len < load->to_ship->len && self->store != NULL)
    {
      EoToShipOrder *next = g_ptr_array_index (load->to_ship, load->orders->len);

      /* Not the list's cancellable: a reload meanwhile does not stop Print… */
      eo_saved_order_load_async (self->store, eo_to_ship_order_get_bill_id (next), NULL,
                                 NULL, print_loaded_cb, load);
      return;
    }

  self->loading_print = FALSE;
  _eo_to_ship_page_update_actions (self);
  if (load->orders->len == load->to_ship->len && gtk_widget_get_root (GTK_WIDGET (self)) != NULL)
    {
      dialog = eo_print_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                    load->orders);
      eo_print_dialog_set_store (dialog, self->store);
      gtk_window_present (GTK_WINDOW (dialog));
    }
  print_load_free (load);
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  EoToShipPage *self = EO_TO_SHIP_PAGE (widget);
  PrintLoad *load;

  if (self->store == NULL || self->loading_print || g_hash_table_size (self->checked) == 0)
    return;

  load = g_new0 (PrintLoad, 1);
  load->self = g_object_ref (self);
  load->to_ship = eo_to_ship_page_checked_in_order (self);
  load->orders = g_ptr_array_new_with_free_func (g_object_unref);
  self->loading_print = TRUE;
  _eo_to_ship_page_update_actions (self);
  print_load_next (load);
}

static void
select_all_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  EoToShipPage *self = EO_TO_SHIP_PAGE (widget);
  guint n = self->orders != NULL ? MIN (g_list_model_get_n_items (self->orders),
                                        EO_TO_SHIP_PAGE_MAX_ROWS) : 0;
  gboolean all = TRUE;
  GtkWidget *child;

  /* Select All (the orders listed, also those whose rows are not made yet), or none when all
   * are selected already */
  for (guint i = 0; all && i < n; i++)
    {
      g_autoptr(EoToShipOrder) order = g_list_model_get_item (self->orders, i);
      gint64 bill_id = eo_to_ship_order_get_bill_id (order);

      if (!eo_to_ship_order_get_sending (order) && !g_hash_table_contains (self->checked, &bill_id))
        all = FALSE;
    }

  g_hash_table_remove_all (self->checked);
  for (guint i = 0; !all && i < n; i++)
    {
      g_autoptr(EoToShipOrder) order = g_list_model_get_item (self->orders, i);
      gint64 bill_id = eo_to_ship_order_get_bill_id (order);

      if (!eo_to_ship_order_get_sending (order))
        g_hash_table_insert (self->checked, g_memdup2 (&bill_id, sizeof bill_id),
                             g_object_ref (order));
    }

  for (child = gtk_widget_get_first_child (GTK_WIDGET (self->list)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (EO_IS_TO_SHIP_ROW (child))
      eo_to_ship_row_set_checked (EO_TO_SHIP_ROW (child), !all);
  _eo_to_ship_page_update_actions (self);
}

void
_eo_to_ship_page_class_actions_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "to-ship.mark-sent", NULL, mark_sent_action);
  gtk_widget_class_install_action (widget_class, "to-ship.set-aside", NULL, set_aside_action);
  gtk_widget_class_install_action (widget_class, "to-ship.select-all", NULL, select_all_action);
  gtk_widget_class_install_action (widget_class, "to-ship.print", NULL, print_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_a, GDK_CONTROL_MASK,
                                       "to-ship.select-all", NULL);
}

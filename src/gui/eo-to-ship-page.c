/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eo-to-ship-page.c: the window's "To Ship" page: paid orders with a postal address, not yet sent */
#include "config.h"

#include "eo-to-ship-page-private.h"

#include <inttypes.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "eo-error.h"
#include "eo-order.h"
#include "eo-order-item.h"
#include "eo-store.h"
#include "eo-to-ship-order.h"
#include "eo-to-ship-row.h"

/* Products are gathered from at most this many orders of the list */
#define MAX_PRODUCT_ORDERS 500
/* Rows made at once (a window's worth), then this many more at a time while idle */
#define FIRST_ROWS 40
#define MORE_ROWS  100


G_DEFINE_FINAL_TYPE (EoToShipPage, eo_to_ship_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_COUNT,
  PROP_SYNCING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_OPEN_ORDER,
  SIGNAL_SYNCED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

void
_eo_to_ship_page_toast (EoToShipPage *self,
                       AdwToast     *toast)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
  else
    g_object_unref (g_object_ref_sink (toast));
}

void
_eo_to_ship_page_show_toast (EoToShipPage *self,
                            const char   *message)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_timeout (toast, 4);
  _eo_to_ship_page_toast (self, toast);
}

/* "2 Dec 2026, 14:05" of a unix time */
static char *
format_moment (gint64 at)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (at);
  g_autoptr(GDateTime) local = g_date_time_to_local (utc);

  return g_date_time_format (local, _("%-d %b %Y, %H:%M"));
}

void
_eo_to_ship_page_update_sync_label (EoToShipPage *self)
{
  g_autofree char *last_day = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  gint64 synced_at = 0;

  if (self->syncing)
    text = g_strdup (_("Syncing with the shop…"));
  else if (self->store != NULL &&
           eo_store_get_sync_state (self->store, &last_day, &synced_at, &error) && synced_at > 0)
    {
      g_autofree char *moment = format_moment (synced_at);

      text = g_strdup_printf (_("Last synced with the shop: %s"), moment);
    }
  else
    {
      if (error != NULL)
        g_warning ("The sync state could not be read: %s", error->message);
      text = g_strdup (_("Not synced with the shop yet: the list shows the orders saved here"));
    }

  gtk_label_set_label (self->sync_label, text);
  adw_status_page_set_description (self->empty_page, text);
}

static guint
eo_to_ship_page_count_checked (EoToShipPage *self)
{
  return g_hash_table_size (self->checked);
}

void
_eo_to_ship_page_update_actions (EoToShipPage *self)
{
  guint n_checked = eo_to_ship_page_count_checked (self);
  guint n_shown = self->orders != NULL ? g_list_model_get_n_items (self->orders) : 0;
  g_autofree char *selected = NULL;

  selected = n_checked > 0
               ? g_strdup_printf (ngettext ("%u selected", "%u selected", n_checked), n_checked)
               : g_strdup ("");
  gtk_label_set_label (self->selected_label, selected);
  gtk_action_bar_set_revealed (self->action_bar, n_shown > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "to-ship.mark-sent",
                                 n_checked > 0 && self->outbox != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "to-ship.set-aside",
                                 n_checked > 0 && self->store != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "to-ship.print",
                                 n_checked > 0 && self->store != NULL && !self->loading_print);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "to-ship.select-all", n_shown > 0);
}

static void
row_checked_cb (EoToShipPage *self,
                GParamSpec   *pspec,
                EoToShipRow  *row)
{
  EoToShipOrder *order = eo_to_ship_row_get_order (row);
  gint64 bill_id = eo_to_ship_order_get_bill_id (order);

  if (eo_to_ship_row_get_checked (row))
    g_hash_table_insert (self->checked, g_memdup2 (&bill_id, sizeof bill_id),
                         g_object_ref (order));
  else
    g_hash_table_remove (self->checked, &bill_id);

  _eo_to_ship_page_update_actions (self);
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  EoToShipPage *self = user_data;
  gint64 bill_id = eo_to_ship_order_get_bill_id (item);
  GtkWidget *row = eo_to_ship_row_new (item);

  if (g_hash_table_contains (self->checked, &bill_id))
    eo_to_ship_row_set_checked (EO_TO_SHIP_ROW (row), TRUE);
  g_signal_connect_object (row, "notify::checked", G_CALLBACK (row_checked_cb), self,
                           G_CONNECT_SWAPPED);

  return row;
}

static void
row_activated_cb (EoToShipPage  *self,
                  GtkListBoxRow *row,
                  GtkListBox    *list)
{
  EoToShipOrder *order = eo_to_ship_row_get_order (EO_TO_SHIP_ROW (row));

  g_signal_emit (self, signals[SIGNAL_OPEN_ORDER], 0, eo_to_ship_order_get_bill_id (order));
}

/* The product chosen, or NULL for all */
static const char *
eo_to_ship_page_get_product (EoToShipPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->product_dropdown);

  if (selected == GTK_INVALID_LIST_POSITION || selected == 0 || selected > self->product_ids->len)
    return NULL;

  return g_ptr_array_index (self->product_ids, selected - 1);
}

static gboolean
eo_to_ship_page_filtering (EoToShipPage *self)
{
  return gtk_editable_get_text (GTK_EDITABLE (self->filter_entry))[0] != '\0' ||
         eo_to_ship_page_get_product (self) != NULL;
}

static gint
compare_titles (gconstpointer a,
                gconstpointer b,
                gpointer      titles)
{
  return g_utf8_collate (g_hash_table_lookup (titles, *(const char **) a),
                         g_hash_table_lookup (titles, *(const char **) b));
}

/* The products of the orders to ship, by title, for the product filter */
static void
eo_to_ship_page_update_products (EoToShipPage *self,
                                 GListModel   *all)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GtkStringList) names = NULL;
  g_autofree char *keep = g_strdup (eo_to_ship_page_get_product (self));
  guint n = MIN (g_list_model_get_n_items (all), MAX_PRODUCT_ORDERS);
  guint selected = 0;
  GHashTableIter iter;
  gpointer id;
  gboolean same;

  /* Each order is read once: the products offered are those of every order listed so far */
  for (guint i = 0; self->store != NULL && i < n; i++)
    {
      g_autoptr(EoToShipOrder) order = g_list_model_get_item (all, i);
      gint64 bill_id = eo_to_ship_order_get_bill_id (order);
      g_autofree char *json = NULL;
      g_autoptr(JsonNode) node = NULL;
      g_autoptr(EoOrder) full = NULL;
      GListModel *items;

      if (g_hash_table_contains (self->scanned, &bill_id))
        continue;
      g_hash_table_add (self->scanned, g_memdup2 (&bill_id, sizeof bill_id));

      json = eo_store_get_order_json (self->store, bill_id, NULL);
      if (json == NULL || (node = json_from_string (json, NULL)) == NULL ||
          (full = eo_order_new_from_json (node, NULL, NULL)) == NULL)
        continue;

      items = eo_order_get_items (full);
      for (guint j = 0; j < g_list_model_get_n_items (items); j++)
        {
          g_autoptr(EoOrderItem) item = g_list_model_get_item (items, j);
          const char *good_id = eo_order_item_get_id (item);
          const char *title = eo_order_item_get_title (item);

          if (good_id[0] != '\0' && !g_hash_table_contains (self->product_titles, good_id))
            g_hash_table_insert (self->product_titles, g_strdup (good_id),
                                 g_strdup (title[0] != '\0' ? title : good_id));
        }
    }

  g_hash_table_iter_init (&iter, self->product_titles);
  while (g_hash_table_iter_next (&iter, &id, NULL))
    g_ptr_array_add (ids, g_strdup (id));
  g_ptr_array_sort_with_data (ids, compare_titles, self->product_titles);

  same = ids->len == self->product_ids->len;
  for (guint i = 0; same && i < ids->len; i++)
    same = g_str_equal (ids->pdata[i], self->product_ids->pdata[i]);
  if (same && gtk_drop_down_get_model (self->product_dropdown) != NULL)
    return;

  names = gtk_string_list_new (NULL);
  gtk_string_list_append (names, _("All Products"));
  for (guint i = 0; i < ids->len; i++)
    {
      gtk_string_list_append (names, g_hash_table_lookup (self->product_titles, ids->pdata[i]));
      if (keep != NULL && g_str_equal (keep, ids->pdata[i]))
        selected = i + 1;
    }

  g_ptr_array_unref (self->product_ids);
  self->product_ids = g_steal_pointer (&ids);
  self->updating_products = TRUE;
  gtk_drop_down_set_model (self->product_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->product_dropdown, selected);
  self->updating_products = FALSE;
}

static gboolean
same_row (EoToShipOrder *a,
          EoToShipOrder *b)
{
  return eo_to_ship_order_get_bill_id (a) == eo_to_ship_order_get_bill_id (b) &&
         eo_to_ship_order_get_sending (a) == eo_to_ship_order_get_sending (b) &&
         eo_to_ship_order_get_paid_at (a) == eo_to_ship_order_get_paid_at (b) &&
         eo_to_ship_order_get_total (a) == eo_to_ship_order_get_total (b) &&
         eo_to_ship_order_get_item_count (a) == eo_to_ship_order_get_item_count (b) &&
         g_str_equal (eo_to_ship_order_get_full_name (a), eo_to_ship_order_get_full_name (b)) &&
         g_str_equal (eo_to_ship_order_get_city (a), eo_to_ship_order_get_city (b)) &&
         g_str_equal (eo_to_ship_order_get_postalcode (a), eo_to_ship_order_get_postalcode (b)) &&
         g_str_equal (eo_to_ship_order_get_address (a), eo_to_ship_order_get_address (b));
}

/* The rows' store becomes the first orders of the list: what both begin and end with stays */
static void
eo_to_ship_page_splice (EoToShipPage *self,
                        GListModel   *orders)
{
  GListModel *old = G_LIST_MODEL (self->shown);
  guint n_old = g_list_model_get_n_items (old);
  guint n_new = MIN (g_list_model_get_n_items (orders), EO_TO_SHIP_PAGE_MAX_ROWS);
  guint head = 0;
  guint tail = 0;
  g_autoptr(GPtrArray) added = g_ptr_array_new_with_free_func (g_object_unref);

  while (head < n_old && head < n_new)
    {
      g_autoptr(EoToShipOrder) a = g_list_model_get_item (old, head);
      g_autoptr(EoToShipOrder) b = g_list_model_get_item (orders, head);

      if (!same_row (a, b))
        break;
      head++;
    }
  while (tail < n_old - head && tail < n_new - head)
    {
      g_autoptr(EoToShipOrder) a = g_list_model_get_item (old, n_old - 1 - tail);
      g_autoptr(EoToShipOrder) b = g_list_model_get_item (orders, n_new - 1 - tail);

      if (!same_row (a, b))
        break;
      tail++;
    }

  for (guint i = head; i < n_new - tail; i++)
    g_ptr_array_add (added, g_list_model_get_item (orders, i));
  g_list_store_splice (self->shown, head, n_old - head - tail, added->pdata, added->len);
}

static gboolean
grow_rows_cb (gpointer user_data)
{
  EoToShipPage *self = user_data;
  guint size = gtk_slice_list_model_get_size (self->rows);
  guint wanted = g_list_model_get_n_items (G_LIST_MODEL (self->shown));

  size = MIN (size + MORE_ROWS, wanted);
  gtk_slice_list_model_set_size (self->rows, size);
  if (size < wanted)
    return G_SOURCE_CONTINUE;

  self->grow_source = 0;
  return G_SOURCE_REMOVE;
}

static gboolean
update_products_cb (gpointer user_data)
{
  EoToShipPage *self = user_data;

  self->products_source = 0;
  if (self->all != NULL)
    eo_to_ship_page_update_products (self, self->all);

  return G_SOURCE_REMOVE;
}

static void
eo_to_ship_page_show (EoToShipPage *self,
                      GListModel   *orders)
{
  g_autoptr(GHashTable) listed = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  guint n_orders = g_list_model_get_n_items (orders);
  GHashTableIter iter;
  gpointer key;

  g_set_object (&self->orders, orders);

  /* Only the rows that changed are made again (a reload after a change is one row); the first
   * rows are on screen at once, the others made while idle */
  eo_to_ship_page_splice (self, orders);
  if (gtk_slice_list_model_get_size (self->rows) < MIN (n_orders, EO_TO_SHIP_PAGE_MAX_ROWS) &&
      self->grow_source == 0)
    self->grow_source = g_idle_add_full (G_PRIORITY_LOW, grow_rows_cb, self, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->more_label), n_orders > EO_TO_SHIP_PAGE_MAX_ROWS);
  if (n_orders > EO_TO_SHIP_PAGE_MAX_ROWS)
    {
      g_autofree char *more = g_strdup_printf (ngettext ("The oldest %u of %u order are shown: filter to find the others",
                                                         "The oldest %u of %u orders are shown: filter to find the others",
                                                         n_orders),
                                               EO_TO_SHIP_PAGE_MAX_ROWS, n_orders);

      gtk_label_set_label (self->more_label, more);
    }

  /* What left the list (or is sending now) is no longer selected */
  for (guint i = 0; i < g_list_model_get_n_items (orders); i++)
    {
      g_autoptr(EoToShipOrder) order = g_list_model_get_item (orders, i);
      gint64 bill_id = eo_to_ship_order_get_bill_id (order);

      if (!eo_to_ship_order_get_sending (order))
        g_hash_table_add (listed, g_memdup2 (&bill_id, sizeof bill_id));
    }
  g_hash_table_iter_init (&iter, self->checked);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (listed, key))
      g_hash_table_iter_remove (&iter);

  /* The rows kept show what is selected now */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (EO_IS_TO_SHIP_ROW (child))
      {
        gint64 bill_id = eo_to_ship_order_get_bill_id (eo_to_ship_row_get_order (EO_TO_SHIP_ROW (child)));

        eo_to_ship_row_set_checked (EO_TO_SHIP_ROW (child),
                                    g_hash_table_contains (self->checked, &bill_id));
      }

  if (g_list_model_get_n_items (orders) > 0)
    gtk_stack_set_visible_child_name (self->list_stack, "list");
  else
    gtk_stack_set_visible_child_name (self->list_stack,
                                      eo_to_ship_page_filtering (self) ? "no-match" : "empty");

  _eo_to_ship_page_update_actions (self);
}

typedef struct
{
  EoToShipPage *self;
  gboolean      all;    /* the unfiltered list: the count and the products */
} Load;

static void
load_free (Load *load)
{
  g_object_unref (load->self);
  g_free (load);
}

static void
eo_to_ship_page_load_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  Load *load = user_data;
  EoToShipPage *self = load->self;
  g_autoptr(GListModel) orders = NULL;
  g_autoptr(GError) error = NULL;

  orders = eo_store_to_ship_finish (EO_STORE (object), result, &error);
  self->loads--;

  if (eo_error_is_cancelled (error))
    {
      load_free (load);
      return;
    }

  if (orders == NULL)
    {
      g_warning ("The orders to ship could not be read: %s", error->message);
      load_free (load);
      return;
    }

  if (load->all)
    {
      guint count = 0;

      for (guint i = 0; i < g_list_model_get_n_items (orders); i++)
        {
          g_autoptr(EoToShipOrder) order = g_list_model_get_item (orders, i);

          if (!eo_to_ship_order_get_sending (order))
            count++;
        }
      if (count != self->count)
        {
          self->count = count;
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNT]);
        }
    }

  /* On screen first; the product filter's choices after */
  if (!load->all || !eo_to_ship_page_filtering (self))
    eo_to_ship_page_show (self, orders);
  if (load->all)
    {
      g_set_object (&self->all, orders);
      if (self->products_source == 0)
        self->products_source = g_idle_add_full (G_PRIORITY_LOW, update_products_cb, self, NULL);
    }

  load_free (load);
}

static void
eo_to_ship_page_load (EoToShipPage *self,
                      gboolean      all)
{
  EoToShipFilter filter = { 0 };
  Load *load;

  if (!all)
    {
      const char *text = gtk_editable_get_text (GTK_EDITABLE (self->filter_entry));

      /* No text is no text filter (an empty one would match nothing) */
      filter.text = text[0] != '\0' ? text : NULL;
      filter.good_id = eo_to_ship_page_get_product (self);
    }

  load = g_new0 (Load, 1);
  load->self = g_object_ref (self);
  load->all = all;
  self->loads++;
  eo_store_to_ship_async (self->store, all ? NULL : &filter, self->load_cancellable,
                          eo_to_ship_page_load_cb, load);
}

void
eo_to_ship_page_reload (EoToShipPage *self)
{
  g_return_if_fail (EO_IS_TO_SHIP_PAGE (self));

  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  self->load_cancellable = g_cancellable_new ();

  _eo_to_ship_page_update_sync_label (self);

  if (self->store == NULL)
    {
      g_autoptr(GListStore) none = g_list_store_new (EO_TYPE_TO_SHIP_ORDER);

      eo_to_ship_page_show (self, G_LIST_MODEL (none));
      return;
    }

  /* The whole list for the count and the products; the filtered one after it, in the same
   * store worker's order */
  eo_to_ship_page_load (self, TRUE);
  if (eo_to_ship_page_filtering (self))
    eo_to_ship_page_load (self, FALSE);
}

static void
filter_changed_cb (EoToShipPage *self)
{
  if (self->updating_products)
    return;

  eo_to_ship_page_reload (self);
}

/* The type ------------------------------------------------------------------------------- */

static void
outbox_changed_cb (EoToShipPage *self)
{
  eo_to_ship_page_reload (self);
}

static void
eo_to_ship_page_dispose (GObject *object)
{
  EoToShipPage *self = EO_TO_SHIP_PAGE (object);

  g_clear_handle_id (&self->grow_source, g_source_remove);
  g_clear_handle_id (&self->products_source, g_source_remove);
  g_cancellable_cancel (self->load_cancellable);
  g_cancellable_cancel (self->sync_cancellable);
  if (self->outbox != NULL)
    g_signal_handlers_disconnect_by_data (self->outbox, self);
  if (self->sync != NULL)
    g_signal_handlers_disconnect_by_data (self->sync, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), EO_TYPE_TO_SHIP_PAGE);

  G_OBJECT_CLASS (eo_to_ship_page_parent_class)->dispose (object);
}

static void
eo_to_ship_page_finalize (GObject *object)
{
  EoToShipPage *self = EO_TO_SHIP_PAGE (object);

  g_clear_object (&self->load_cancellable);
  g_clear_object (&self->sync_cancellable);
  g_clear_object (&self->sync);
  g_clear_object (&self->client);
  g_clear_object (&self->outbox);
  g_clear_object (&self->store);
  g_clear_object (&self->orders);
  g_clear_object (&self->rows);
  g_clear_object (&self->shown);
  g_clear_object (&self->all);
  g_clear_pointer (&self->checked, g_hash_table_unref);
  g_clear_pointer (&self->product_ids, g_ptr_array_unref);
  g_clear_pointer (&self->product_titles, g_hash_table_unref);
  g_clear_pointer (&self->scanned, g_hash_table_unref);

  G_OBJECT_CLASS (eo_to_ship_page_parent_class)->finalize (object);
}

static void
eo_to_ship_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  EoToShipPage *self = EO_TO_SHIP_PAGE (object);

  switch (prop_id)
    {
    case PROP_COUNT:
      g_value_set_uint (value, self->count);
      break;

    case PROP_SYNCING:
      g_value_set_boolean (value, self->syncing);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
eo_to_ship_page_class_init (EoToShipPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = eo_to_ship_page_dispose;
  object_class->finalize = eo_to_ship_page_finalize;
  object_class->get_property = eo_to_ship_page_get_property;

  properties[PROP_COUNT] =
    g_param_spec_uint ("count", NULL, NULL, 0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SYNCING] =
    g_param_spec_boolean ("syncing", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_SYNCED] =
    g_signal_new ("synced", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
  signals[SIGNAL_OPEN_ORDER] =
    g_signal_new ("open-order", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/expertam_orders/ExpertamOrders/eo-to-ship-page.ui");
  gtk_widget_class_bind_template_child (widget_class, EoToShipPage, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, EoToShipPage, filter_entry);
  gtk_widget_class_bind_template_child (widget_class, EoToShipPage, product_dropdown);
  gtk_widget_class_bind_template_child (widget_class, EoToShipPage, sync_label);
  gtk_widget_class_bind_template_child (widget_class, EoToShipPage, more_label);
  gtk_widget_class_bind_template_child (widget_class, EoToShipPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, EoToShipPage, list);
  gtk_widget_class_bind_template_child (widget_class, EoToShipPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, EoToShipPage, action_bar);
  gtk_widget_class_bind_template_child (widget_class, EoToShipPage, selected_label);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);

  _eo_to_ship_page_class_actions_init (widget_class);
}

static void
eo_to_ship_page_init (EoToShipPage *self)
{
  g_autoptr(GListStore) none = g_list_store_new (EO_TYPE_TO_SHIP_ORDER);

  gtk_widget_init_template (GTK_WIDGET (self));

  self->checked = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  self->product_ids = g_ptr_array_new_with_free_func (g_free);
  self->product_titles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->scanned = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->load_cancellable = g_cancellable_new ();
  self->shown = g_list_store_new (EO_TYPE_TO_SHIP_ORDER);
  self->rows = gtk_slice_list_model_new (g_object_ref (G_LIST_MODEL (self->shown)), 0, FIRST_ROWS);
  gtk_list_box_bind_model (self->list, G_LIST_MODEL (self->rows), create_row, self, NULL);
  eo_to_ship_page_update_products (self, G_LIST_MODEL (none));
  eo_to_ship_page_reload (self);
}

GtkWidget *
eo_to_ship_page_new (void)
{
  return g_object_new (EO_TYPE_TO_SHIP_PAGE, NULL);
}

void
eo_to_ship_page_set_client (EoToShipPage *self,
                            EoClient     *client)
{
  g_return_if_fail (EO_IS_TO_SHIP_PAGE (self));
  g_return_if_fail (client == NULL || EO_IS_CLIENT (client));

  if (g_set_object (&self->client, client))
    _eo_to_ship_page_update_sync (self);
}

void
eo_to_ship_page_set_outbox (EoToShipPage *self,
                            EoOutbox     *outbox)
{
  g_return_if_fail (EO_IS_TO_SHIP_PAGE (self));
  g_return_if_fail (outbox == NULL || EO_IS_OUTBOX (outbox));

  if (self->outbox == outbox)
    return;

  if (self->outbox != NULL)
    g_signal_handlers_disconnect_by_data (self->outbox, self);
  g_set_object (&self->outbox, outbox);
  g_clear_object (&self->store);
  if (outbox != NULL)
    self->store = g_object_ref (eo_outbox_get_store (outbox));
  g_hash_table_remove_all (self->checked);
  g_hash_table_remove_all (self->scanned);
  g_hash_table_remove_all (self->product_titles);
  _eo_to_ship_page_update_sync (self);

  /* A change sent or given up may put an order on the list or take it off */
  if (outbox != NULL)
    g_signal_connect_object (outbox, "changed", G_CALLBACK (outbox_changed_cb), self,
                             G_CONNECT_SWAPPED);

  eo_to_ship_page_reload (self);
}

guint
eo_to_ship_page_get_count (EoToShipPage *self)
{
  g_return_val_if_fail (EO_IS_TO_SHIP_PAGE (self), 0);

  return self->count;
}

gboolean
eo_to_ship_page_get_syncing (EoToShipPage *self)
{
  g_return_val_if_fail (EO_IS_TO_SHIP_PAGE (self), FALSE);

  return self->syncing;
}

GListModel *
eo_to_ship_page_get_orders (EoToShipPage *self)
{
  g_return_val_if_fail (EO_IS_TO_SHIP_PAGE (self), NULL);

  return self->orders;
}

gboolean
eo_to_ship_page_get_loaded (EoToShipPage *self)
{
  g_return_val_if_fail (EO_IS_TO_SHIP_PAGE (self), FALSE);

  return self->orders != NULL && self->loads == 0 && !self->syncing && self->grow_source == 0 &&
         self->products_source == 0;
}

guint
eo_to_ship_page_get_n_selected (EoToShipPage *self)
{
  g_return_val_if_fail (EO_IS_TO_SHIP_PAGE (self), 0);

  return g_hash_table_size (self->checked);
}

gboolean
eo_to_ship_page_set_checked (EoToShipPage *self,
                             gint64        bill_id,
                             gboolean      checked)
{
  g_return_val_if_fail (EO_IS_TO_SHIP_PAGE (self), FALSE);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (EO_IS_TO_SHIP_ROW (child) &&
        eo_to_ship_order_get_bill_id (eo_to_ship_row_get_order (EO_TO_SHIP_ROW (child))) == bill_id)
      {
        eo_to_ship_row_set_checked (EO_TO_SHIP_ROW (child), checked);
        return eo_to_ship_row_get_checked (EO_TO_SHIP_ROW (child)) == checked;
      }

  return FALSE;
}

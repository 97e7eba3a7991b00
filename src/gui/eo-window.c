/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eo-window.c: the main window: its type, template, properties and lifecycle; the outbox popover */
#include "config.h"

#include <inttypes.h>

#include "eo-window-private.h"
#include "eo-a11y.h"
#include "eo-outbox-row.h"
#include "eo-to-ship-page.h"

#include <glib/gi18n.h>

G_DEFINE_FINAL_TYPE (EoWindow, eo_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_ORDER,
  PROP_DEMO,
  PROP_READY,
  PROP_STORE,
  PROP_SCAN_MODE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The order's own buttons are not shown over the "To Ship" list, which has its own */
static gboolean
order_actions_visible (gpointer    unused,
                       GObject    *order,
                       const char *page)
{
  return order != NULL && g_strcmp0 (page, "to-ship") != 0;
}

/* One of the customer's other orders, from the order view */
static void
order_view_open_order_cb (EoWindow    *self,
                          gint64       bill_id,
                          EoOrderView *view)
{
  if (bill_id > 0)
    _eo_window_lookup (self, bill_id, FALSE);
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
  eo_order_view_set_customer_orders (self->order_view, self->customer_orders);
  g_signal_connect_object (self->order_view, "open-order",
                           G_CALLBACK (order_view_open_order_cb), self, G_CONNECT_SWAPPED);
  g_object_bind_property (self, "order", self->order_view, "order", G_BINDING_SYNC_CREATE);
  page = gtk_stack_add_named (self->stack, GTK_WIDGET (self->order_view), "order");
  gtk_stack_page_set_title (page, _("Order"));
}

static void to_ship_open_order_cb (EoWindow     *self,
                                   gint64        bill_id,
                                   EoToShipPage *page);
static void to_ship_count_cb      (EoWindow     *self,
                                   GParamSpec   *pspec,
                                   EoToShipPage *page);
static void to_ship_synced_cb     (EoWindow     *self,
                                   EoToShipPage *page);

/* The "To Ship" page is not in the first frame (the sidebar's row is, its count comes with the
 * page): it is built with the other pages after it, or before that when it is shown, F5 or the
 * sync on start */
void
_eo_window_ensure_to_ship_page (EoWindow *self)
{
  GtkStackPage *page;

  if (self->to_ship_page != NULL)
    return;

  self->to_ship_page = EO_TO_SHIP_PAGE (eo_to_ship_page_new ());
  g_signal_connect_object (self->to_ship_page, "open-order",
                           G_CALLBACK (to_ship_open_order_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->to_ship_page, "notify::count",
                           G_CALLBACK (to_ship_count_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->to_ship_page, "synced",
                           G_CALLBACK (to_ship_synced_cb), self, G_CONNECT_SWAPPED);
  g_object_bind_property (self->to_ship_page, "syncing", self->sync_spinner, "visible",
                          G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->to_ship_page, "syncing", self->sync_spinner, "spinning",
                          G_BINDING_SYNC_CREATE);
  /* Hidden until it is first shown: the stack does not measure it before that, so that its
   * arrival after the first frame does not make a narrow window grow to its minimum width */
  gtk_widget_set_visible (GTK_WIDGET (self->to_ship_page), FALSE);
  /* After the welcome page, where the template had it */
  page = gtk_stack_add_named (self->stack, GTK_WIDGET (self->to_ship_page), "to-ship");
  gtk_stack_page_set_title (page, _("To Ship"));

  eo_to_ship_page_set_client (self->to_ship_page, self->client);
  if (self->outbox != NULL)
    eo_to_ship_page_set_outbox (self->to_ship_page, self->outbox);
}

/* The pages the first frame does not show (eo-window-pages.ui): the loading, results and error
 * pages, the sidebar's "No Recent Orders", the header's buttons for an order, its menus and the
 * demo shop's badge and note. They are built in an idle after the first frame,
 * or before that when one of them is needed */
void
_eo_window_ensure_pages (EoWindow *self)
{
  g_autoptr(GtkBuilderScope) scope = NULL;
  g_autoptr(GtkBuilder) builder = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *welcome_demo_box;
  GtkWidget *ship_button;
  GtkStackPage *page;

  g_clear_handle_id (&self->pages_idle_id, g_source_remove);

  _eo_window_ensure_to_ship_page (self);

  if (self->error_page != NULL)
    return;

  /* The main menu: a GtkPopoverMenu, built as the model is set */
  gtk_menu_button_set_menu_model (self->primary_menu_button, self->primary_menu);
  gtk_menu_button_set_create_popup_func (self->primary_menu_button, NULL, NULL, NULL);

  scope = gtk_builder_cscope_new ();
  gtk_builder_cscope_add_callback_symbols (GTK_BUILDER_CSCOPE (scope),
                                           "saved_row_activated_cb",
                                           G_CALLBACK (_eo_window_saved_row_activated),
                                           "order_actions_visible",
                                           G_CALLBACK (order_actions_visible),
                                           NULL);
  builder = gtk_builder_new ();
  gtk_builder_set_scope (builder, scope);
  gtk_builder_set_current_object (builder, G_OBJECT (self));
  gtk_builder_expose_object (builder, "EoWindow", G_OBJECT (self));
  /* The header's buttons for an order look at the page shown */
  gtk_builder_expose_object (builder, "stack", G_OBJECT (self->stack));
  if (!gtk_builder_add_from_resource (builder,
                                      "/io/github/expertam_orders/ExpertamOrders/eo-window-pages.ui",
                                      &error))
    g_error ("The window's pages could not be built: %s", error->message);

  self->spinner = GTK_SPINNER (gtk_builder_get_object (builder, "spinner"));
  self->loading_label = GTK_LABEL (gtk_builder_get_object (builder, "loading_label"));
  self->results_label = GTK_LABEL (gtk_builder_get_object (builder, "results_label"));
  self->results_list = GTK_LIST_BOX (gtk_builder_get_object (builder, "results_list"));
  self->error_page = ADW_STATUS_PAGE (gtk_builder_get_object (builder, "error_page"));

  page = gtk_stack_add_named (self->stack,
                              GTK_WIDGET (gtk_builder_get_object (builder, "loading_page")),
                              "loading");
  gtk_stack_page_set_title (page, _("Loading"));
  page = gtk_stack_add_named (self->stack,
                              GTK_WIDGET (gtk_builder_get_object (builder, "results_page")),
                              "results");
  gtk_stack_page_set_title (page, _("Saved Orders"));
  page = gtk_stack_add_named (self->stack, GTK_WIDGET (self->error_page), "error");
  gtk_stack_page_set_title (page, _("Error"));
  eo_a11y_fix_mnemonic_buttons (GTK_WIDGET (self->error_page));

  /* In the header bar where the template had them: after sidebar_button, after outbox_button */
  ship_button = GTK_WIDGET (gtk_builder_get_object (builder, "ship_button"));
  adw_header_bar_pack_start (self->header_bar, ship_button);
  adw_header_bar_pack_start (self->header_bar,
                             GTK_WIDGET (gtk_builder_get_object (builder, "status_button")));
  adw_header_bar_pack_end (self->header_bar,
                           GTK_WIDGET (gtk_builder_get_object (builder, "demo_badge")));
  welcome_demo_box = GTK_WIDGET (gtk_builder_get_object (builder, "welcome_demo_box"));
  adw_status_page_set_child (self->welcome_page, welcome_demo_box);
  eo_a11y_fix_mnemonic_buttons (ship_button);
  eo_a11y_fix_mnemonic_buttons (welcome_demo_box);

  /* The recent orders, if they came first, stay shown */
  gtk_stack_add_named (self->sidebar_stack,
                       GTK_WIDGET (gtk_builder_get_object (builder, "empty_page")),
                       "empty");
  if (gtk_widget_get_first_child (GTK_WIDGET (self->recent_list)) == NULL)
    gtk_stack_set_visible_child_name (self->sidebar_stack, "empty");
}

/* The main menu asked for (F10, a click) before the idle built it */
static void
eo_window_primary_menu_cb (GtkMenuButton *button,
                           gpointer       user_data)
{
  _eo_window_ensure_pages (EO_WINDOW (user_data));
}

static gboolean
eo_window_pages_idle_cb (gpointer user_data)
{
  EoWindow *self = user_data;

  self->pages_idle_id = 0;
  _eo_window_ensure_pages (self);

  return G_SOURCE_REMOVE;
}

static void
eo_window_after_first_frame_cb (GdkFrameClock *frame_clock,
                                EoWindow      *self)
{
  g_signal_handlers_disconnect_by_func (frame_clock, eo_window_after_first_frame_cb, self);

  if (self->error_page == NULL && self->pages_idle_id == 0)
    self->pages_idle_id = g_idle_add (eo_window_pages_idle_cb, self);
}

static void
eo_window_realize (GtkWidget *widget)
{
  EoWindow *self = EO_WINDOW (widget);

  GTK_WIDGET_CLASS (eo_window_parent_class)->realize (widget);

  g_signal_connect_object (gtk_widget_get_frame_clock (widget), "after-paint",
                           G_CALLBACK (eo_window_after_first_frame_cb), self, 0);
}

void
_eo_window_set_page (EoWindow   *self,
                     const char *page)
{
  _eo_window_ensure_pages (self);
  if (g_str_equal (page, "order"))
    eo_window_ensure_order_view (self);

  gtk_spinner_set_spinning (self->spinner, g_str_equal (page, "loading"));
  if (g_str_equal (page, "to-ship"))
    gtk_widget_set_visible (GTK_WIDGET (self->to_ship_page), TRUE);
  gtk_stack_set_visible_child_name (self->stack, page);

  /* The sidebar's "To Ship" is highlighted while its page is shown */
  if (g_str_equal (page, "to-ship"))
    gtk_list_box_select_row (self->places_list, self->to_ship_row);
  else
    gtk_list_box_unselect_all (self->places_list);
}

void
_eo_window_set_order (EoWindow *self,
                      EoOrder  *order)
{
  if (g_set_object (&self->order, order))
    {
      _eo_window_actions_update (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ORDER]);
    }
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


static GtkWidget *
create_outbox_row (gpointer item,
                   gpointer user_data)
{
  return eo_outbox_row_new (item);
}

void
_eo_window_update_outbox (EoWindow *self)
{
  g_autoptr(GPtrArray) changes = NULL;
  g_autofree char *count = NULL;
  g_autofree char *title = NULL;
  g_autoptr(GPtrArray) items = NULL;
  const char *login = eo_client_get_login (self->client);

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

  items = g_ptr_array_new_full (changes->len, g_object_unref);
  for (guint i = 0; i < changes->len; i++)
    {
      EoOutboxChange *change = g_ptr_array_index (changes, i);

      g_ptr_array_add (items, eo_outbox_item_new (change, eo_outbox_change_is_for (change, login)));
    }
  g_list_store_splice (self->outbox_changes, 0,
                       g_list_model_get_n_items (G_LIST_MODEL (self->outbox_changes)),
                       items->pdata, items->len);

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
  /* The customers' orders kept with their old status are asked for again; the list on screen
   * too when it shows the order (the order on screen is not in it) */
  if (state == EO_OUTBOX_STATE_DONE &&
      eo_customer_orders_invalidate_order (self->customer_orders, change->bill_id) &&
      change->bill_id != self->bill_id && self->order_view != NULL)
    eo_order_view_reload_customer_orders (self->order_view);

  /* A change that waited went through: the order on screen may be out of date */
  if (state == EO_OUTBOX_STATE_DONE && change->bill_id == self->bill_id && self->order != NULL &&
      !self->changing_status)
    _eo_window_lookup (self, self->bill_id, TRUE);
}

/* The "To Ship" page; its list is read again from the store */
void
_eo_window_show_to_ship (EoWindow *self)
{
  adw_leaflet_set_visible_child (self->leaflet, self->content);
  _eo_window_set_page (self, "to-ship");
}

static void
to_ship_open_order_cb (EoWindow     *self,
                       gint64        bill_id,
                       EoToShipPage *page)
{
  _eo_window_lookup (self, bill_id, FALSE);
}

/* The sync saved orders to the history: the recent orders may have more */
static void
to_ship_synced_cb (EoWindow     *self,
                   EoToShipPage *page)
{
  _eo_window_reload_recent (self);
}

static void
to_ship_count_cb (EoWindow     *self,
                  GParamSpec   *pspec,
                  EoToShipPage *page)
{
  guint count = eo_to_ship_page_get_count (page);
  g_autofree char *text = g_strdup_printf ("%u", count);
  g_autofree char *label = NULL;

  label = g_strdup_printf (ngettext ("To Ship, %u order", "To Ship, %u orders", count), count);
  gtk_label_set_label (self->to_ship_count_label, text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->to_ship_row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

static gboolean
eo_window_first_sync_cb (gpointer user_data)
{
  EoWindow *self = user_data;

  self->first_sync_source = 0;
  _eo_window_ensure_to_ship_page (self);
  eo_to_ship_page_refresh (self->to_ship_page);

  return G_SOURCE_REMOVE;
}

static gboolean
eo_window_first_frame_cb (GtkWidget     *widget,
                          GdkFrameClock *clock,
                          gpointer       user_data)
{
  EoWindow *self = EO_WINDOW (widget);

  /* After this frame is painted, not before it */
  if (self->first_sync_source == 0)
    self->first_sync_source = g_idle_add_full (G_PRIORITY_LOW, eo_window_first_sync_cb, self, NULL);

  return G_SOURCE_REMOVE;
}

/* The sync on start, once the store is open and the account ready, after the first frame */
static void
eo_window_maybe_first_sync (EoWindow *self)
{
  if (self->first_sync_done || self->store == NULL || !self->ready)
    return;

  self->first_sync_done = TRUE;
  gtk_widget_add_tick_callback (GTK_WIDGET (self), eo_window_first_frame_cb, NULL, NULL);
}

static gboolean
eo_window_close_request (GtkWindow *window)
{
  EoWindow *self = EO_WINDOW (window);
  int width;
  int height;

  g_cancellable_cancel (self->lookup_cancellable);
  g_cancellable_cancel (self->cancellable);
  if (self->lookup != NULL)
    eo_order_lookup_cancel (self->lookup);

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

  _eo_window_lookup_init (self);
  self->customer_orders = eo_customer_orders_new (self->client);

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  _eo_window_actions_update (self);
}

static void
eo_window_dispose (GObject *object)
{
  EoWindow *self = EO_WINDOW (object);

  g_clear_handle_id (&self->first_sync_source, g_source_remove);
  g_cancellable_cancel (self->lookup_cancellable);
  g_cancellable_cancel (self->cancellable);
  if (self->lookup != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->lookup, self);
      eo_order_lookup_cancel (self->lookup);
      g_clear_object (&self->lookup);
    }
  if (self->outbox != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->outbox, self);
      eo_outbox_stop (self->outbox);
    }
  g_clear_handle_id (&self->pages_idle_id, g_source_remove);
  if (self->scan_view != NULL)
    eo_scan_view_set_session (self->scan_view, NULL);
  g_clear_object (&self->scan_session);
  if (self->customer_orders != NULL)
    eo_customer_orders_clear (self->customer_orders);

  gtk_widget_dispose_template (GTK_WIDGET (self), EO_TYPE_WINDOW);
  /* The pages built later went with the stacks */
  self->order_view = NULL;
  self->to_ship_page = NULL;
  self->scan_view = NULL;
  self->spinner = NULL;
  self->loading_label = NULL;
  self->results_label = NULL;
  self->results_list = NULL;
  self->error_page = NULL;

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
  g_clear_object (&self->outbox_changes);
  g_clear_object (&self->customer_orders);
  g_clear_object (&self->scan_session);
  g_free (self->scan_return_page);

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

    case PROP_SCAN_MODE:
      g_value_set_boolean (value, self->scan_mode);
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

    case PROP_SCAN_MODE:
      _eo_window_set_scan_mode (self, g_value_get_boolean (value));
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

  widget_class->realize = eo_window_realize;

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

  /* The scan station's page (win.scan-mode, Ctrl+Shift+S) */
  properties[PROP_SCAN_MODE] =
    g_param_spec_boolean ("scan-mode", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (EO_TYPE_ORDER);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/expertam_orders/ExpertamOrders/eo-window.ui");
  gtk_widget_class_bind_template_child (widget_class, EoWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, EoWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, EoWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, EoWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, EoWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, EoWindow, content);
  gtk_widget_class_bind_template_child (widget_class, EoWindow, sidebar_stack);
  gtk_widget_class_bind_template_child (widget_class, EoWindow, recent_list);
  gtk_widget_class_bind_template_child (widget_class, EoWindow, outbox_button);
  gtk_widget_class_bind_template_child (widget_class, EoWindow, outbox_count_label);
  gtk_widget_class_bind_template_child (widget_class, EoWindow, outbox_title_label);
  gtk_widget_class_bind_template_child (widget_class, EoWindow, outbox_list);
  gtk_widget_class_bind_template_child (widget_class, EoWindow, places_list);
  gtk_widget_class_bind_template_child (widget_class, EoWindow, to_ship_row);
  gtk_widget_class_bind_template_child (widget_class, EoWindow, to_ship_count_label);
  gtk_widget_class_bind_template_child (widget_class, EoWindow, sync_spinner);
  gtk_widget_class_bind_template_child (widget_class, EoWindow, primary_menu_button);
  gtk_widget_class_bind_template_child (widget_class, EoWindow, primary_menu);
  gtk_widget_class_bind_template_child (widget_class, EoWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, EoWindow, welcome_page);
  gtk_widget_class_bind_template_callback_full (widget_class, "saved_row_activated_cb",
                                                G_CALLBACK (_eo_window_saved_row_activated));
  gtk_widget_class_bind_template_callback_full (widget_class, "search_activate_cb",
                                                G_CALLBACK (_eo_window_search_activate));
  gtk_widget_class_bind_template_callback_full (widget_class, "search_changed_cb",
                                                G_CALLBACK (_eo_window_search_changed));
  gtk_widget_class_bind_template_callback_full (widget_class, "search_stop_cb",
                                                G_CALLBACK (_eo_window_search_stop));
  _eo_window_class_actions_init (klass);
}

static void
eo_window_init (EoWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* A narrow window opens on the search and the order; the recent orders are a button away */
  adw_leaflet_set_visible_child (self->leaflet, self->content);
  eo_a11y_fix_mnemonic_buttons (GTK_WIDGET (self));
  gtk_menu_button_set_create_popup_func (self->primary_menu_button, eo_window_primary_menu_cb,
                                         self, NULL);

  /* The changes the outbox holds, a row each */
  self->outbox_changes = g_list_store_new (EO_TYPE_OUTBOX_ITEM);
  gtk_list_box_bind_model (self->outbox_list, G_LIST_MODEL (self->outbox_changes),
                           create_outbox_row, NULL, NULL);

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
  _eo_window_actions_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READY]);

  if (ready && self->outbox != NULL)
    eo_outbox_send_now (self->outbox);
  eo_window_maybe_first_sync (self);

  /* The order asked for before: its saved copy, if any, stays while the shop is asked */
  if (ready && self->pending_bill_id > 0)
    _eo_window_lookup (self, self->pending_bill_id, TRUE);
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
  if (self->to_ship_page != NULL)
    eo_to_ship_page_set_outbox (self->to_ship_page, NULL);
  _eo_window_scan_store_changed (self);

  g_set_object (&self->store, store);
  if (self->lookup != NULL)
    eo_order_lookup_set_store (self->lookup, store);

  /* Another shop (or none while it opens): what was kept of its customers' orders goes, and
   * the lookup under way ends (the list is hidden); the new shop is asked once it is open */
  if (self->customer_orders != NULL)
    eo_customer_orders_clear (self->customer_orders);
  if (self->order_view != NULL && store != NULL)
    eo_order_view_reload_customer_orders (self->order_view);

  if (store != NULL)
    {
      /* The history and the changes shown are this shop's */
      eo_store_set_account (store, eo_client_get_login (self->client));
      self->outbox = eo_outbox_new (store, self->client);
      eo_outbox_set_jobs (self->outbox, g_settings_get_uint (self->settings, "batch-jobs"));
      g_signal_connect_object (self->outbox, "changed",
                               G_CALLBACK (_eo_window_update_outbox), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->outbox, "change-sent",
                               G_CALLBACK (eo_window_outbox_change_sent_cb), self,
                               G_CONNECT_SWAPPED);
      _eo_window_update_outbox (self);
      _eo_window_reload_recent (self);
      if (self->to_ship_page != NULL)
        eo_to_ship_page_set_outbox (self->to_ship_page, self->outbox);

      /* What an earlier run left behind goes out now */
      if (self->ready)
        eo_outbox_send_now (self->outbox);
    }

  _eo_window_actions_update (self);
  eo_window_maybe_first_sync (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

EoOutbox *
eo_window_get_outbox (EoWindow *self)
{
  g_return_val_if_fail (EO_IS_WINDOW (self), NULL);

  return self->outbox;
}

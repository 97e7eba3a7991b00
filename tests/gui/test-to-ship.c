/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-to-ship.c: the window's "To Ship" page against the demo shop: the sync on start lists the
 * shop's paid orders with an address, Mark as Sent on a selection goes through the outbox to the
 * shop, Set Aside and its Undo, and the list from the store once the shop is gone. Runs under
 * xvfb-run and dbus-run-session, with a fresh store in a temporary XDG_DATA_HOME. */
#include "config.h"

#include <adwaita.h>
#include <json-glib/json-glib.h>

#include "eo-demo-server.h"
#include "eo-order.h"
#include "eo-ship-orders-dialog.h"
#include "eo-store.h"
#include "eo-to-ship-order.h"
#include "eo-to-ship-page.h"
#include "eo-tracking.h"
#include "eo-window.h"
#include "gui-test-util.h"

#define WAIT_MS 20000

static EoDemoServer *server;
static EoClient *client;
static EoStore *store;
static char *data_dir;

static EoWindow *
new_window (void)
{
  EoWindow *window = eo_window_new (NULL, client);

  eo_window_set_ready (window, TRUE);
  eo_window_set_store (window, store);
  gtk_window_present (GTK_WINDOW (window));

  return window;
}

static void
destroy_window (EoWindow *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  gui_test_drain ();
}

static gboolean
page_built (gpointer user_data)
{
  return gui_test_find_widget (user_data, EO_TYPE_TO_SHIP_PAGE, NULL) != NULL;
}

/* The page is built after the window's first frame */
static EoToShipPage *
get_page (EoWindow *window)
{
  GtkWidget *page;

  g_assert_true (gui_test_wait_for (page_built, window, WAIT_MS));
  page = gui_test_find_widget (GTK_WIDGET (window), EO_TYPE_TO_SHIP_PAGE, NULL);

  return EO_TO_SHIP_PAGE (page);
}

static gboolean
page_loaded (gpointer user_data)
{
  return eo_to_ship_page_get_loaded (user_data);
}

static void
wait_loaded (EoToShipPage *page)
{
  g_assert_true (gui_test_wait_for (page_loaded, page, WAIT_MS));
}

/* The bill ids the page lists, in order */
static GArray *
listed_ids (EoToShipPage *page)
{
  GListModel *orders = eo_to_ship_page_get_orders (page);
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; orders != NULL && i < g_list_model_get_n_items (orders); i++)
    {
      g_autoptr(EoToShipOrder) order = g_list_model_get_item (orders, i);
      gint64 id = eo_to_ship_order_get_bill_id (order);

      g_array_append_val (ids, id);
    }

  return ids;
}

static gboolean
is_listed (EoToShipPage *page,
           gint64        bill_id,
           gboolean     *out_sending)
{
  GListModel *orders = eo_to_ship_page_get_orders (page);

  for (guint i = 0; orders != NULL && i < g_list_model_get_n_items (orders); i++)
    {
      g_autoptr(EoToShipOrder) order = g_list_model_get_item (orders, i);

      if (eo_to_ship_order_get_bill_id (order) == bill_id)
        {
          if (out_sending != NULL)
            *out_sending = eo_to_ship_order_get_sending (order);
          return TRUE;
        }
    }

  return FALSE;
}

/* What the demo shop has to ship: paid, with a postcode or a street address, made in the last
 * 100 days (the sync's range here), by number */
static GArray *
shop_to_ship (void)
{
  g_autoptr(JsonNode) node = eo_demo_server_dup_orders (server);
  JsonArray *orders = json_node_get_array (node);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) since = g_date_time_add_days (now, -100);
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < json_array_get_length (orders); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(EoOrder) order = eo_order_new_from_json (json_array_get_element (orders, i),
                                                         NULL, &error);
      gint64 id;

      g_assert_no_error (error);
      if (!eo_order_get_is_paid (order) ||
          (eo_order_get_postalcode (order)[0] == '\0' && eo_order_get_address (order)[0] == '\0') ||
          eo_order_get_created (order) == NULL ||
          g_date_time_compare (eo_order_get_created (order), since) < 0)
        continue;

      id = eo_order_get_id (order);
      g_array_append_val (ids, id);
    }

  return ids;
}

static gint
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

static gboolean
shop_changed (gint64      bill_id,
              const char *rpo)
{
  g_autoptr(JsonNode) node = eo_demo_server_dup_changes (server);
  JsonArray *changes = json_node_get_array (node);

  for (guint i = 0; i < json_array_get_length (changes); i++)
    {
      JsonObject *change = json_array_get_object_element (changes, i);

      if (json_object_get_int_member (change, "bill_id") == bill_id &&
          g_strcmp0 (json_object_get_string_member (change, "status"), "sent") == 0 &&
          g_strcmp0 (json_object_get_string_member (change, "rpo"), rpo) == 0)
        return TRUE;
    }

  return FALSE;
}

/* A valid Russian Post number: 14 digits, the last one the check digit */
static char *
make_tracking (guint serial)
{
  for (guint digit = 0; digit < 10; digit++)
    {
      g_autofree char *number = g_strdup_printf ("6200141%06u%u", serial, digit);
      g_autoptr(GError) error = NULL;

      if (eo_tracking_validate (number, NULL, &error) == EO_TRACKING_KIND_DOMESTIC &&
          error == NULL)
        return g_steal_pointer (&number);
    }

  g_assert_not_reached ();
}

typedef struct
{
  EoToShipPage *page;
  gint64        bill_id;
  gboolean      listed;   /* wanted */
  gboolean      sending;  /* wanted when listed */
} ListedWait;

static gboolean
listed_is (gpointer user_data)
{
  ListedWait *wait = user_data;
  gboolean sending = FALSE;

  if (!eo_to_ship_page_get_loaded (wait->page))
    return FALSE;

  if (!wait->listed)
    return !is_listed (wait->page, wait->bill_id, NULL);

  return is_listed (wait->page, wait->bill_id, &sending) && sending == wait->sending;
}

static void
wait_listed (EoToShipPage *page,
             gint64        bill_id,
             gboolean      listed,
             gboolean      sending)
{
  ListedWait wait = { page, bill_id, listed, sending };

  if (!gui_test_wait_for (listed_is, &wait, WAIT_MS))
    g_error ("Order %" G_GINT64_FORMAT " is %s, %s", bill_id,
             is_listed (page, bill_id, NULL) ? "listed" : "not listed",
             listed ? "expected listed" : "expected gone");
}

typedef struct
{
  GtkWidget  *widget;
  const char *text;
} TextWait;

static gboolean
text_shown (gpointer user_data)
{
  TextWait *wait = user_data;

  return gui_test_shows_text (wait->widget, wait->text);
}

static void
assert_text_shown (GtkWidget  *widget,
                   const char *text)
{
  TextWait wait = { widget, text };

  if (!gui_test_wait_for (text_shown, &wait, WAIT_MS))
    {
      g_autofree char *shown = gui_test_collect_text (widget);

      g_error ("“%s” is not shown; the widget shows:\n%s", text, shown);
    }
}

typedef struct
{
  EoWindow *window;
  gint64    bill_id;
} OrderWait;

static gboolean
order_shown (gpointer user_data)
{
  OrderWait *wait = user_data;
  EoOrder *order = eo_window_get_order (wait->window);

  return order != NULL && eo_order_get_id (order) == wait->bill_id &&
         g_strcmp0 (eo_window_get_page (wait->window), "order") == 0;
}

static gboolean
is_false (gpointer user_data)
{
  return !eo_to_ship_page_get_syncing (user_data);
}

/* The sync on start brings the shop's paid orders with an address, each once, oldest paid
 * first; Ctrl+1 shows them with their count in the sidebar */
/* The header's widget with that tooltip (its buttons for the order on screen) */
static GtkWidget *
header_widget (EoWindow   *window,
               const char *tooltip)
{
  GtkWidget *header_bar = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (window),
                                                                     EO_TYPE_WINDOW,
                                                                     "header_bar"));
  g_autoptr(GPtrArray) queue = g_ptr_array_new ();

  g_ptr_array_add (queue, header_bar);
  for (guint i = 0; i < queue->len; i++)
    {
      GtkWidget *w = g_ptr_array_index (queue, i);

      if (g_strcmp0 (gtk_widget_get_tooltip_text (w), tooltip) == 0)
        return w;
      for (GtkWidget *c = gtk_widget_get_first_child (w); c != NULL;
           c = gtk_widget_get_next_sibling (c))
        g_ptr_array_add (queue, c);
    }

  return NULL;
}

static void
test_list (void)
{
  EoWindow *window = new_window ();
  EoToShipPage *page = get_page (window);
  g_autoptr(GArray) expected = shop_to_ship ();
  g_autoptr(GArray) listed = NULL;
  g_autoptr(GArray) sorted = NULL;
  g_autofree char *count = NULL;
  g_autofree char *sync_state = NULL;
  gint64 last_paid = 0;
  gint64 synced_at = 0;

  g_assert_cmpuint (expected->len, >, 10);

  /* Not before the first frame: the sync starts after it */
  g_assert_false (eo_to_ship_page_get_syncing (page));
  g_assert_true (gui_test_wait_for ((GuiTestCondition) eo_to_ship_page_get_syncing, page,
                                    WAIT_MS));
  g_assert_true (gui_test_wait_for (is_false, page, WAIT_MS));
  wait_loaded (page);
  g_assert_true (eo_store_get_sync_state (store, &sync_state, &synced_at, NULL));
  g_assert_cmpint (synced_at, >, 0);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-to-ship", NULL);
  g_assert_cmpstr (eo_window_get_page (window), ==, "to-ship");

  listed = listed_ids (page);
  sorted = g_array_copy (listed);
  g_array_sort (sorted, compare_ids);
  g_assert_cmpuint (sorted->len, ==, expected->len);
  for (guint i = 0; i < expected->len; i++)
    g_assert_cmpint (g_array_index (sorted, gint64, i), ==, g_array_index (expected, gint64, i));

  /* Oldest paid first */
  for (guint i = 0; i < g_list_model_get_n_items (eo_to_ship_page_get_orders (page)); i++)
    {
      g_autoptr(EoToShipOrder) order = g_list_model_get_item (eo_to_ship_page_get_orders (page), i);

      g_assert_cmpint (eo_to_ship_order_get_paid_at (order), >=, last_paid);
      last_paid = eo_to_ship_order_get_paid_at (order);
    }

  /* The badge counts them; the rows show the customer and the place */
  count = g_strdup_printf ("%u", expected->len);
  g_assert_cmpuint (eo_to_ship_page_get_count (page), ==, expected->len);
  assert_text_shown (GTK_WIDGET (window), count);
  {
    g_autoptr(EoToShipOrder) first = g_list_model_get_item (eo_to_ship_page_get_orders (page), 0);
    g_autofree char *title = g_strdup_printf ("%" G_GINT64_FORMAT " · %s",
                                              eo_to_ship_order_get_bill_id (first),
                                              eo_to_ship_order_get_full_name (first));

    assert_text_shown (GTK_WIDGET (page), title);
    assert_text_shown (GTK_WIDGET (page), eo_to_ship_order_get_city (first));
  }
  assert_text_shown (GTK_WIDGET (page), "Last synced with the shop");

  /* The text filter: only the first order's customer */
  {
    g_autoptr(EoToShipOrder) first = g_list_model_get_item (eo_to_ship_page_get_orders (page), 0);
    GtkWidget *entry = gui_test_find_widget (GTK_WIDGET (page), GTK_TYPE_SEARCH_ENTRY, NULL);
    g_autoptr(GArray) filtered = NULL;

    gtk_editable_set_text (GTK_EDITABLE (entry), eo_to_ship_order_get_email (first));
    g_signal_emit_by_name (entry, "search-changed");
    wait_loaded (page);
    filtered = listed_ids (page);
    g_assert_cmpuint (filtered->len, >=, 1);
    g_assert_cmpuint (filtered->len, <, expected->len);
    g_assert_true (is_listed (page, eo_to_ship_order_get_bill_id (first), NULL));
    for (guint i = 0; i < filtered->len; i++)
      {
        g_autoptr(EoToShipOrder) order = g_list_model_get_item (eo_to_ship_page_get_orders (page), i);

        g_assert_cmpstr (eo_to_ship_order_get_email (order), ==, eo_to_ship_order_get_email (first));
      }
    /* The count stays the whole list's */
    g_assert_cmpuint (eo_to_ship_page_get_count (page), ==, expected->len);

    /* A text no order has: the page says so, and the count is still the whole list's */
    gtk_editable_set_text (GTK_EDITABLE (entry), "Zzyzxwq");
    g_signal_emit_by_name (entry, "search-changed");
    wait_loaded (page);
    g_assert_cmpuint (g_list_model_get_n_items (eo_to_ship_page_get_orders (page)), ==, 0);
    assert_text_shown (GTK_WIDGET (page), "No Matching Orders");
    g_assert_cmpuint (eo_to_ship_page_get_count (page), ==, expected->len);

    gtk_editable_set_text (GTK_EDITABLE (entry), "");
    g_signal_emit_by_name (entry, "search-changed");
    wait_loaded (page);
  }

  /* The product filter: the second product offered lists fewer orders, all of that product */
  {
    GtkDropDown *products = GTK_DROP_DOWN (gui_test_find_widget (GTK_WIDGET (page),
                                                                 GTK_TYPE_DROP_DOWN, NULL));
    g_autoptr(GArray) filtered = NULL;

    g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (products)), >, 2);
    gtk_drop_down_set_selected (products, 1);
    wait_loaded (page);
    filtered = listed_ids (page);
    g_assert_cmpuint (filtered->len, >=, 1);
    g_assert_cmpuint (filtered->len, <, expected->len);
    gtk_drop_down_set_selected (products, 0);
    wait_loaded (page);
    g_assert_cmpuint (g_list_model_get_n_items (eo_to_ship_page_get_orders (page)), ==,
                      expected->len);
  }

  /* A row opens its order, as a search would */
  {
    GtkWidget *list = gui_test_find_widget (GTK_WIDGET (page), GTK_TYPE_LIST_BOX, NULL);
    GtkListBoxRow *row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 0);
    g_autoptr(EoToShipOrder) first = g_list_model_get_item (eo_to_ship_page_get_orders (page), 0);
    OrderWait wait = { window, eo_to_ship_order_get_bill_id (first) };
    GtkWidget *ship_button;
    GtkWidget *status_button;

    g_assert_nonnull (row);
    g_signal_emit_by_name (list, "row-activated", row);
    g_assert_true (gui_test_wait_for (order_shown, &wait, WAIT_MS));
    g_assert_cmpstr (eo_window_get_page (window), ==, "order");

    /* The header's buttons for the order are shown with it */
    ship_button = header_widget (window, "Mark the order as sent, with its tracking number");
    status_button = header_widget (window, "Other Status Changes");
    g_assert_nonnull (ship_button);
    g_assert_nonnull (status_button);
    g_assert_true (gtk_widget_get_visible (ship_button));
    g_assert_true (gtk_widget_get_visible (status_button));

    /* Ctrl+1 brings the list back, without them: the list has its own */
    gtk_widget_activate_action (GTK_WIDGET (window), "win.show-to-ship", NULL);
    g_assert_cmpstr (eo_window_get_page (window), ==, "to-ship");
    g_assert_false (gtk_widget_get_visible (ship_button));
    g_assert_false (gtk_widget_get_visible (status_button));
  }

  destroy_window (window);
}

static gboolean
dialog_shown (gpointer user_data)
{
  return gui_test_find_toplevel (EO_TYPE_SHIP_ORDERS_DIALOG) != NULL;
}

/* Two orders selected, a tracking number each: they show as sending, the shop gets both, and
 * they leave the list */
static void
test_mark_sent (void)
{
  EoWindow *window = new_window ();
  EoToShipPage *page = get_page (window);
  g_autoptr(EoToShipOrder) first = NULL;
  g_autoptr(EoToShipOrder) second = NULL;
  g_autofree char *rpo1 = make_tracking (301);
  g_autofree char *rpo2 = make_tracking (302);
  EoShipOrdersDialog *dialog;
  guint count;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-to-ship", NULL);
  wait_loaded (page);
  g_assert_true (gui_test_wait_for (is_false, page, WAIT_MS));
  wait_loaded (page);
  count = eo_to_ship_page_get_count (page);
  first = g_list_model_get_item (eo_to_ship_page_get_orders (page), 0);
  second = g_list_model_get_item (eo_to_ship_page_get_orders (page), 1);

  g_assert_true (eo_to_ship_page_set_checked (page, eo_to_ship_order_get_bill_id (first), TRUE));
  g_assert_true (eo_to_ship_page_set_checked (page, eo_to_ship_order_get_bill_id (second), TRUE));
  assert_text_shown (GTK_WIDGET (page), "2 selected");

  gtk_widget_activate_action (GTK_WIDGET (page), "to-ship.mark-sent", NULL);
  g_assert_true (gui_test_wait_for (dialog_shown, NULL, WAIT_MS));
  dialog = EO_SHIP_ORDERS_DIALOG (gui_test_find_toplevel (EO_TYPE_SHIP_ORDERS_DIALOG));

  /* Not sendable until every order has a valid number */
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "send"));
  gtk_editable_set_text (GTK_EDITABLE (eo_ship_orders_dialog_get_entry (dialog, 0)), rpo1);
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "send"));
  gtk_editable_set_text (GTK_EDITABLE (eo_ship_orders_dialog_get_entry (dialog, 1)), "62001411234567");
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "send"));
  gtk_editable_set_text (GTK_EDITABLE (eo_ship_orders_dialog_get_entry (dialog, 1)), rpo2);
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "send"));

  /* Slow enough to see them sending */
  eo_demo_server_set_latency (server, 1500);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "send");
  wait_listed (page, eo_to_ship_order_get_bill_id (first), TRUE, TRUE);
  wait_listed (page, eo_to_ship_order_get_bill_id (second), TRUE, TRUE);
  assert_text_shown (GTK_WIDGET (page), "Sending");
  g_assert_cmpuint (eo_to_ship_page_get_count (page), ==, count - 2);
  eo_demo_server_set_latency (server, 0);

  wait_listed (page, eo_to_ship_order_get_bill_id (first), FALSE, FALSE);
  wait_listed (page, eo_to_ship_order_get_bill_id (second), FALSE, FALSE);
  g_assert_true (shop_changed (eo_to_ship_order_get_bill_id (first), rpo1));
  g_assert_true (shop_changed (eo_to_ship_order_get_bill_id (second), rpo2));
  g_assert_cmpuint (eo_to_ship_page_get_count (page), ==, count - 2);

  destroy_window (window);
}

static gboolean
undo_shown (gpointer user_data)
{
  return gui_test_find_widget (user_data, GTK_TYPE_BUTTON, "_Undo") != NULL;
}

/* Set Aside takes an order off the list; the toast's Undo brings it back */
static void
test_set_aside (void)
{
  EoWindow *window = new_window ();
  EoToShipPage *page = get_page (window);
  g_autoptr(EoToShipOrder) order = NULL;
  GtkWidget *undo;
  gint64 bill_id;
  guint count;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-to-ship", NULL);
  g_assert_true (gui_test_wait_for (is_false, page, WAIT_MS));
  wait_loaded (page);
  count = eo_to_ship_page_get_count (page);
  order = g_list_model_get_item (eo_to_ship_page_get_orders (page), 2);
  bill_id = eo_to_ship_order_get_bill_id (order);

  g_assert_true (eo_to_ship_page_set_checked (page, bill_id, TRUE));
  gtk_widget_activate_action (GTK_WIDGET (page), "to-ship.set-aside", NULL);
  wait_listed (page, bill_id, FALSE, FALSE);
  g_assert_true (eo_store_is_set_aside (store, bill_id, NULL, NULL));
  g_assert_cmpuint (eo_to_ship_page_get_count (page), ==, count - 1);

  g_assert_true (gui_test_wait_for (undo_shown, window, WAIT_MS));
  undo = gui_test_find_widget (GTK_WIDGET (window), GTK_TYPE_BUTTON, "_Undo");
  g_signal_emit_by_name (undo, "clicked");
  wait_listed (page, bill_id, TRUE, FALSE);
  g_assert_false (eo_store_is_set_aside (store, bill_id, NULL, NULL));
  g_assert_cmpuint (eo_to_ship_page_get_count (page), ==, count);

  destroy_window (window);
}

/* With the shop gone, the sync fails with a toast and the list is still the store's */
static void
test_offline (void)
{
  g_autoptr(GListModel) stored = eo_store_to_ship (store, NULL, NULL);
  EoWindow *window;
  EoToShipPage *page;
  g_autoptr(GArray) listed = NULL;

  g_assert_cmpuint (g_list_model_get_n_items (stored), >, 0);
  eo_demo_server_stop (server);

  window = new_window ();
  page = get_page (window);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-to-ship", NULL);
  g_assert_true (gui_test_wait_for ((GuiTestCondition) eo_to_ship_page_get_syncing, page,
                                    WAIT_MS));
  g_assert_true (gui_test_wait_for (is_false, page, WAIT_MS));
  assert_text_shown (GTK_WIDGET (window), "could not be synced");
  wait_loaded (page);

  listed = listed_ids (page);
  g_assert_cmpuint (listed->len, ==, g_list_model_get_n_items (stored));
  for (guint i = 0; i < listed->len; i++)
    {
      g_autoptr(EoToShipOrder) order = g_list_model_get_item (stored, i);

      g_assert_cmpint (g_array_index (listed, gint64, i), ==, eo_to_ship_order_get_bill_id (order));
    }
  assert_text_shown (GTK_WIDGET (page), "Last synced with the shop");

  destroy_window (window);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) before = NULL;
  g_autofree char *store_path = NULL;
  g_autofree char *day = NULL;
  int result;

  /* A fresh store for every run */
  data_dir = g_dir_make_tmp (NULL, &error);
  g_assert_no_error (error);
  g_setenv ("XDG_DATA_HOME", data_dir, TRUE);

  gui_test_init (&argc, &argv);

  server = eo_demo_server_new ();
  g_assert_true (eo_demo_server_start (server, &error));

  client = eo_client_new ();
  g_assert_true (eo_client_set_account (client,
                                        eo_demo_server_get_url (server),
                                        eo_demo_server_get_login (server),
                                        eo_demo_server_get_secret (server),
                                        &error));
  g_assert_no_error (error);

  store_path = eo_store_get_default_path ();
  g_assert_true (g_str_has_prefix (store_path, data_dir));
  store = eo_store_open (store_path, &error);
  g_assert_no_error (error);
  eo_store_set_account (store, eo_demo_server_get_login (server));

  /* The incremental sync starts a day before the last synced day: 100 days back covers the demo
   * shop's 90 days of orders */
  now = g_date_time_new_now_utc ();
  before = g_date_time_add_days (now, -99);
  day = g_date_time_format (before, "%Y-%m-%d");
  g_assert_true (eo_store_set_sync_state (store, day, 0, &error));
  g_assert_no_error (error);

  g_test_add_func ("/to-ship/list", test_list);
  g_test_add_func ("/to-ship/mark-sent", test_mark_sent);
  g_test_add_func ("/to-ship/set-aside", test_set_aside);
  /* Last: the shop stops */
  g_test_add_func ("/to-ship/offline", test_offline);

  result = g_test_run ();

  g_clear_object (&store);
  g_clear_object (&server);
  g_clear_object (&client);
  g_free (data_dir);

  return result;
}

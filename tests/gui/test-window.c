/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-window.c: the window on the demo shop: search, the order view, the status dialogs,
 * accessible names. Runs under xvfb-run and dbus-run-session. */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "eo-date-time-row.h"
#include "eo-order-item-row.h"
#include "eo-demo-server.h"
#include "eo-order-item.h"
#include "eo-order-view.h"
#include "eo-status-dialog.h"
#include "eo-to-ship-page.h"
#include "eo-tracking.h"
#include "eo-window.h"
#include "gui-test-util.h"

#define WAIT_MS 10000

static EoDemoServer *server;
static EoClient *client;

static EoWindow *
new_window (void)
{
  EoWindow *window = eo_window_new (NULL, client);

  eo_window_set_ready (window, TRUE);
  gtk_window_present (GTK_WINDOW (window));

  return window;
}

static void
destroy_window (EoWindow *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  gui_test_drain ();
}

typedef struct
{
  EoWindow   *window;
  const char *page;
} PageWait;

static gboolean
page_is (gpointer user_data)
{
  PageWait *wait = user_data;

  return g_strcmp0 (eo_window_get_page (wait->window), wait->page) == 0;
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

/* Type into the search entry and press Enter, as a person does */
static void
search (EoWindow   *window,
        const char *text)
{
  GtkWidget *entry = gui_test_find_widget (GTK_WIDGET (window), GTK_TYPE_SEARCH_ENTRY, NULL);

  g_assert_nonnull (entry);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.focus-search", NULL);
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  g_signal_emit_by_name (entry, "activate");
}

static void
open_order (EoWindow   *window,
            const char *number)
{
  PageWait wait = { window, "order" };

  search (window, number);
  g_assert_true (gui_test_wait_for (page_is, &wait, WAIT_MS));
  /* The customer's other orders, asked for with the order, have come */
  g_assert_true (gui_test_wait_customer_orders (GTK_WIDGET (window), WAIT_MS));
}

static EoOrder *
demo_order (gint64 bill_id)
{
  g_autoptr(JsonNode) node = eo_demo_server_dup_order (server, bill_id);
  g_autoptr(GError) error = NULL;
  EoOrder *order;

  g_assert_nonnull (node);
  order = eo_order_new_from_json (node, NULL, &error);
  g_assert_no_error (error);

  return order;
}

static void
test_search_shows_order (void)
{
  EoWindow *window = new_window ();
  g_autoptr(EoOrder) expected = demo_order (1001);
  g_autoptr(EoOrderItem) item = g_list_model_get_item (eo_order_get_items (expected), 0);

  g_assert_cmpstr (eo_window_get_page (window), ==, "welcome");

  open_order (window, "1001");
  g_assert_cmpint (eo_order_get_id (eo_window_get_order (window)), ==, 1001);

  g_assert_cmpstr (eo_order_get_full_name (expected), !=, "");
  g_assert_cmpstr (eo_order_get_postalcode (expected), !=, "");
  g_assert_nonnull (item);
  g_assert_cmpstr (eo_order_item_get_title (item), !=, "");

  assert_text_shown (GTK_WIDGET (window), "1001");
  assert_text_shown (GTK_WIDGET (window), eo_order_get_full_name (expected));
  assert_text_shown (GTK_WIDGET (window), eo_order_get_postalcode (expected));
  assert_text_shown (GTK_WIDGET (window), eo_order_item_get_title (item));

  destroy_window (window);
}

static void
test_search_hint_for_letters (void)
{
  EoWindow *window = new_window ();
  guint requests = eo_demo_server_get_request_count (server);

  /* Not an order number: a search of the saved orders (none here), never a request */
  search (window, "10o1");
  gui_test_drain ();

  g_assert_cmpuint (eo_demo_server_get_request_count (server), ==, requests);
  g_assert_cmpstr (eo_window_get_page (window), ==, "welcome");

  destroy_window (window);
}

static void
test_wrong_number_shows_error (void)
{
  EoWindow *window = new_window ();
  PageWait wait = { window, "error" };

  search (window, "999999");
  g_assert_true (gui_test_wait_for (page_is, &wait, WAIT_MS));
  g_assert_null (eo_window_get_order (window));
  assert_text_shown (GTK_WIDGET (window), "999999");
  g_assert_nonnull (gui_test_find_widget (GTK_WIDGET (window), GTK_TYPE_BUTTON, "_Retry"));

  /* The next search replaces the error */
  open_order (window, "1001");

  destroy_window (window);
}

static gboolean
is_null (gpointer user_data)
{
  return *(gpointer *) user_data == NULL;
}

typedef struct
{
  guint n_changes;
} ChangesWait;

static guint
count_changes (void)
{
  g_autoptr(JsonNode) changes = eo_demo_server_dup_changes (server);

  return json_array_get_length (json_node_get_array (changes));
}

static gboolean
changes_reach (gpointer user_data)
{
  ChangesWait *wait = user_data;

  return count_changes () >= wait->n_changes;
}

static JsonObject *
last_change (JsonNode **out_node)
{
  JsonNode *changes = eo_demo_server_dup_changes (server);
  JsonArray *array = json_node_get_array (changes);

  *out_node = changes;

  return json_array_get_object_element (array, json_array_get_length (array) - 1);
}

typedef struct
{
  EoWindow *window;
  EoOrder  *old_order;
} RefreshWait;

static gboolean
order_refreshed (gpointer user_data)
{
  RefreshWait *wait = user_data;
  EoOrder *order = eo_window_get_order (wait->window);

  return order != NULL && order != wait->old_order;
}

static void
test_ship_dialog (void)
{
  EoWindow *window = new_window ();
  g_autoptr(GDateTime) posted = g_date_time_new_local (2026, 3, 2, 10, 30, 0);
  g_autoptr(GError) expected_error = NULL;
  g_autoptr(EoOrder) old_order = NULL;
  g_autoptr(JsonNode) changes = NULL;
  EoStatusDialog *dialog;
  GtkWidget *entry;
  GtkWidget *send_button;
  JsonObject *change;
  ChangesWait changes_wait;
  RefreshWait refresh_wait;
  guint n_changes;
  guint requests;

  open_order (window, "1001");
  old_order = g_object_ref (eo_window_get_order (window));
  n_changes = count_changes ();

  gtk_widget_activate_action (GTK_WIDGET (window), "win.mark-sent", NULL);
  dialog = EO_STATUS_DIALOG (gui_test_find_toplevel (EO_TYPE_STATUS_DIALOG));
  g_assert_nonnull (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);

  /* The last look: the customer's name is in the dialog */
  assert_text_shown (GTK_WIDGET (dialog), eo_order_get_full_name (old_order));

  /* A wrong check digit: refused, and the reason is shown */
  entry = gui_test_find_widget (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, NULL);
  send_button = gui_test_find_widget (GTK_WIDGET (dialog), GTK_TYPE_BUTTON, "Mark as _Sent");
  g_assert_nonnull (entry);
  g_assert_nonnull (send_button);
  gtk_editable_set_text (GTK_EDITABLE (entry), "62001411000017");
  eo_tracking_validate ("62001411000017", NULL, &expected_error);
  g_assert_error (expected_error, EO_TRACKING_ERROR, EO_TRACKING_ERROR_CHECK_DIGIT);
  assert_text_shown (GTK_WIDGET (dialog), expected_error->message);
  g_assert_false (gtk_widget_get_sensitive (send_button));

  requests = eo_demo_server_get_request_count (server);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "status.send", NULL);
  gui_test_drain ();
  g_assert_cmpuint (eo_demo_server_get_request_count (server), ==, requests);
  g_assert_cmpuint (count_changes (), ==, n_changes);

  /* The right one, with a date picked: exactly these are recorded */
  gtk_editable_set_text (GTK_EDITABLE (entry), "62001411000016");
  g_assert_true (gtk_widget_get_sensitive (send_button));
  eo_date_time_row_set_date_time (EO_DATE_TIME_ROW (gui_test_find_widget (GTK_WIDGET (dialog),
                                                                          EO_TYPE_DATE_TIME_ROW,
                                                                          NULL)),
                                  posted);
  g_signal_emit_by_name (entry, "entry-activated");

  changes_wait.n_changes = n_changes + 1;
  g_assert_true (gui_test_wait_for (changes_reach, &changes_wait, WAIT_MS));
  g_assert_true (gui_test_wait_for (is_null, &dialog, WAIT_MS));

  change = last_change (&changes);
  g_assert_cmpint (json_object_get_int_member (change, "bill_id"), ==, 1001);
  g_assert_cmpstr (json_object_get_string_member (change, "status"), ==, "sent");
  g_assert_cmpstr (json_object_get_string_member (change, "rpo"), ==, "62001411000016");
  g_assert_cmpint (json_object_get_int_member (change, "date"), ==, g_date_time_to_unix (posted));

  /* The toast, and the order fetched again */
  assert_text_shown (GTK_WIDGET (window), "Order 1001 marked as sent");
  refresh_wait.window = window;
  refresh_wait.old_order = old_order;
  g_assert_true (gui_test_wait_for (order_refreshed, &refresh_wait, WAIT_MS));
  g_assert_cmpstr (eo_window_get_page (window), ==, "order");

  destroy_window (window);
}

static void
test_ship_dialog_escape_cancels (void)
{
  EoWindow *window = new_window ();
  EoStatusDialog *dialog;
  guint n_changes;

  open_order (window, "1001");
  n_changes = count_changes ();

  gtk_widget_activate_action (GTK_WIDGET (window), "win.mark-sent", NULL);
  dialog = EO_STATUS_DIALOG (gui_test_find_toplevel (EO_TYPE_STATUS_DIALOG));
  g_assert_nonnull (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);

  gtk_widget_activate_action (GTK_WIDGET (dialog), "window.close", NULL);
  g_assert_true (gui_test_wait_for (is_null, &dialog, WAIT_MS));
  g_assert_cmpuint (count_changes (), ==, n_changes);

  destroy_window (window);
}

static void
test_other_carrier_needs_confirmation (void)
{
  EoWindow *window = new_window ();
  g_autoptr(GError) error = NULL;
  EoStatusDialog *dialog;
  GtkWidget *entry;
  GtkWidget *send_button;
  GtkWidget *confirm;

  /* Not a Russian Post number at all: the dialog asks before it sends it */
  g_assert_cmpint (eo_tracking_validate ("1Z999AA10123456784", NULL, &error), ==,
                   EO_TRACKING_KIND_UNKNOWN);
  g_assert_nonnull (error);

  open_order (window, "1001");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.mark-sent", NULL);
  dialog = EO_STATUS_DIALOG (gui_test_find_toplevel (EO_TYPE_STATUS_DIALOG));
  g_assert_nonnull (dialog);

  entry = gui_test_find_widget (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, NULL);
  send_button = gui_test_find_widget (GTK_WIDGET (dialog), GTK_TYPE_BUTTON, "Mark as _Sent");
  confirm = gui_test_find_widget (GTK_WIDGET (dialog), GTK_TYPE_SWITCH, NULL);
  g_assert_nonnull (confirm);

  gtk_editable_set_text (GTK_EDITABLE (entry), "1Z999AA10123456784");
  g_assert_false (gtk_widget_get_sensitive (send_button));
  g_assert_true (gtk_widget_get_visible (gtk_widget_get_ancestor (confirm, ADW_TYPE_ACTION_ROW)));

  gtk_switch_set_active (GTK_SWITCH (confirm), TRUE);
  g_assert_true (gtk_widget_get_sensitive (send_button));

  /* Another number is another decision */
  gtk_editable_set_text (GTK_EDITABLE (entry), "1Z999AA10123456785");
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (confirm)));
  g_assert_false (gtk_widget_get_sensitive (send_button));

  gtk_window_destroy (GTK_WINDOW (dialog));
  destroy_window (window);
}

static guint
count_item_rows (GtkWidget *widget)
{
  guint n = EO_IS_ORDER_ITEM_ROW (widget) ? 1 : 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_item_rows (child);

  return n;
}

static void
test_thousand_items (void)
{
  g_autoptr(JsonNode) node = eo_demo_server_dup_order (server, 1001);
  JsonObject *object = json_node_get_object (node);
  JsonArray *items = json_array_new ();
  EoWindow *window;
  gint64 start;

  for (guint i = 0; i < 1000; i++)
    {
      JsonObject *item = json_object_new ();
      g_autofree char *title = g_strdup_printf ("Товар номер %u", i + 1);

      json_object_set_int_member (item, "id", i + 1);
      json_object_set_string_member (item, "title", title);
      json_object_set_string_member (item, "sum", "100.00");
      json_object_set_string_member (item, "price", "120.00");
      json_object_set_string_member (item, "pincode", "PIN-0000");
      json_array_add_object_element (items, item);
    }
  json_object_set_int_member (object, "id", 5000);
  json_object_set_array_member (object, "items", items);
  eo_demo_server_put_order (server, node);

  window = new_window ();
  start = g_get_monotonic_time ();
  open_order (window, "5000");
  assert_text_shown (GTK_WIDGET (window), "Товар номер 1\n");
  g_test_message ("1000 items shown in %.0f ms", (g_get_monotonic_time () - start) / 1000.0);

  /* The list recycles rows (GtkListView keeps about 200 around what is on screen), so it does
   * not make one for every item */
  g_assert_cmpuint (count_item_rows (GTK_WIDGET (window)), <, 300);

  destroy_window (window);
}

static void
test_mark_paid (void)
{
  EoWindow *window = new_window ();
  g_autoptr(GDateTime) paid = g_date_time_new_local (2026, 2, 27, 18, 5, 0);
  g_autoptr(JsonNode) changes = NULL;
  EoStatusDialog *dialog;
  JsonObject *change;
  ChangesWait wait;

  open_order (window, "1001");
  wait.n_changes = count_changes () + 1;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.mark-paid", NULL);
  dialog = EO_STATUS_DIALOG (gui_test_find_toplevel (EO_TYPE_STATUS_DIALOG));
  g_assert_nonnull (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);

  eo_date_time_row_set_date_time (EO_DATE_TIME_ROW (gui_test_find_widget (GTK_WIDGET (dialog),
                                                                          EO_TYPE_DATE_TIME_ROW,
                                                                          NULL)),
                                  paid);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "status.send", NULL);

  g_assert_true (gui_test_wait_for (changes_reach, &wait, WAIT_MS));
  g_assert_true (gui_test_wait_for (is_null, &dialog, WAIT_MS));
  change = last_change (&changes);
  g_assert_cmpint (json_object_get_int_member (change, "bill_id"), ==, 1001);
  g_assert_cmpstr (json_object_get_string_member (change, "status"), ==, "paid");
  g_assert_cmpint (json_object_get_int_member (change, "date"), ==, g_date_time_to_unix (paid));
  assert_text_shown (GTK_WIDGET (window), "Order 1001 marked as paid");

  destroy_window (window);
}

static void
confirm_status (EoWindow   *window,
                const char *action,
                const char *status,
                const char *toast)
{
  g_autoptr(JsonNode) changes = NULL;
  AdwMessageDialog *dialog;
  JsonObject *change;
  ChangesWait wait;

  wait.n_changes = count_changes () + 1;

  gtk_widget_activate_action (GTK_WIDGET (window), action, NULL);
  dialog = ADW_MESSAGE_DIALOG (gui_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  /* As the dialog's button does: respond, then close */
  adw_message_dialog_response (dialog, "change");
  gtk_window_close (GTK_WINDOW (dialog));

  g_assert_true (gui_test_wait_for (is_null, &dialog, WAIT_MS));
  g_assert_true (gui_test_wait_for (changes_reach, &wait, WAIT_MS));
  change = last_change (&changes);
  g_assert_cmpint (json_object_get_int_member (change, "bill_id"), ==, 1002);
  g_assert_cmpstr (json_object_get_string_member (change, "status"), ==, status);
  assert_text_shown (GTK_WIDGET (window), toast);
}

static void
test_mark_returned_and_cancelled (void)
{
  EoWindow *window = new_window ();

  open_order (window, "1002");
  confirm_status (window, "win.mark-returned", "return", "Order 1002 marked as returned");
  confirm_status (window, "win.cancel-order", "cancel", "Order 1002 cancelled");

  destroy_window (window);
}

static void
test_refusal_is_shown (void)
{
  EoWindow *window = new_window ();
  PageWait wait = { window, "error" };

  eo_demo_server_set_forced_error (server, 6);
  search (window, "1001");
  g_assert_true (gui_test_wait_for (page_is, &wait, WAIT_MS));
  eo_demo_server_set_forced_error (server, 0);

  /* Retry works once the service lets us in */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.retry", NULL);
  wait.page = "order";
  g_assert_true (gui_test_wait_for (page_is, &wait, WAIT_MS));

  destroy_window (window);
}

/* Every icon-only button has a tooltip, on screen */
static void
assert_icon_buttons_described (GtkWidget *widget)
{
  if ((GTK_IS_BUTTON (widget) && gtk_button_get_icon_name (GTK_BUTTON (widget)) != NULL) ||
      (GTK_IS_MENU_BUTTON (widget) && gtk_menu_button_get_icon_name (GTK_MENU_BUTTON (widget)) != NULL))
    {
      const char *tooltip = gtk_widget_get_tooltip_text (widget);

      /* Buttons inside libadwaita's and GTK's own widgets are theirs to label */
      if (gtk_widget_get_parent (widget) != NULL &&
          !g_str_has_prefix (G_OBJECT_TYPE_NAME (gtk_widget_get_parent (widget)), "Adw") &&
          !g_str_has_prefix (G_OBJECT_TYPE_NAME (gtk_widget_get_parent (widget)), "Gtk"))
        g_assert_nonnull (tooltip);
      if (tooltip != NULL)
        g_assert_cmpstr (tooltip, !=, "");
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    assert_icon_buttons_described (child);
}

/* In the .ui files, every icon-only button has a tooltip and an accessible label */
typedef struct
{
  GPtrArray  *stack;     /* of ObjectInfo */
  const char *file;
  GString    *property;  /* the name of the <property> being read, or NULL */
  gboolean    in_accessibility;
  guint       n_buttons;
} UiCheck;

typedef struct
{
  char     *class_name;
  gboolean  icon;
  gboolean  tooltip;
  gboolean  a11y_label;
} ObjectInfo;

static void
object_info_free (ObjectInfo *info)
{
  g_free (info->class_name);
  g_free (info);
}

static void
ui_start_element (GMarkupParseContext  *context,
                  const char           *element,
                  const char          **names,
                  const char          **values,
                  gpointer              user_data,
                  GError              **error)
{
  UiCheck *check = user_data;
  ObjectInfo *top = check->stack->len > 0 ? g_ptr_array_index (check->stack, check->stack->len - 1) : NULL;

  if (g_str_equal (element, "object") || g_str_equal (element, "template"))
    {
      ObjectInfo *info = g_new0 (ObjectInfo, 1);

      for (guint i = 0; names[i] != NULL; i++)
        if (g_str_equal (names[i], "class"))
          info->class_name = g_strdup (values[i]);
      g_ptr_array_add (check->stack, info);
    }
  else if (g_str_equal (element, "accessibility"))
    check->in_accessibility = TRUE;
  else if (g_str_equal (element, "property") && top != NULL)
    {
      for (guint i = 0; names[i] != NULL; i++)
        if (g_str_equal (names[i], "name"))
          {
            if (check->in_accessibility && g_str_equal (values[i], "label"))
              top->a11y_label = TRUE;
            else if (!check->in_accessibility && g_str_equal (values[i], "icon-name"))
              top->icon = TRUE;
            else if (!check->in_accessibility && g_str_equal (values[i], "tooltip-text"))
              top->tooltip = TRUE;
          }
    }
}

static void
ui_end_element (GMarkupParseContext  *context,
                const char           *element,
                gpointer              user_data,
                GError              **error)
{
  UiCheck *check = user_data;

  if (g_str_equal (element, "accessibility"))
    check->in_accessibility = FALSE;
  else if (g_str_equal (element, "object") || g_str_equal (element, "template"))
    {
      ObjectInfo *info = g_ptr_array_index (check->stack, check->stack->len - 1);

      if (info->icon && (g_strcmp0 (info->class_name, "GtkButton") == 0 ||
                         g_strcmp0 (info->class_name, "GtkMenuButton") == 0))
        {
          check->n_buttons++;
          if (!info->tooltip || !info->a11y_label)
            g_error ("%s: an icon-only %s lacks a %s", check->file, info->class_name,
                     info->tooltip ? "accessible label" : "tooltip");
        }

      g_ptr_array_remove_index (check->stack, check->stack->len - 1);
    }
}

static void
test_accessible_names (void)
{
  static const GMarkupParser parser = { ui_start_element, ui_end_element, NULL, NULL, NULL };
  const char *base = "/io/github/expertam_orders/ExpertamOrders/";
  g_auto(GStrv) files = NULL;
  g_autoptr(GError) error = NULL;
  EoWindow *window;
  UiCheck check = { 0 };
  guint n_ui = 0;

  files = g_resources_enumerate_children (base, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  g_assert_no_error (error);

  check.stack = g_ptr_array_new_with_free_func ((GDestroyNotify) object_info_free);

  for (guint i = 0; files[i] != NULL; i++)
    {
      g_autofree char *path = g_strconcat (base, files[i], NULL);
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GMarkupParseContext) context = NULL;
      gsize size;
      const char *data;

      if (!g_str_has_suffix (files[i], ".ui"))
        continue;

      bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
      g_assert_no_error (error);
      data = g_bytes_get_data (bytes, &size);
      check.file = files[i];
      context = g_markup_parse_context_new (&parser, 0, &check, NULL);
      g_assert_true (g_markup_parse_context_parse (context, data, size, &error));
      g_assert_no_error (error);
      n_ui++;
    }

  g_assert_cmpuint (n_ui, >=, 6);
  g_assert_cmpuint (check.n_buttons, >=, 6);
  g_ptr_array_unref (check.stack);

  /* And on screen, with an order and the ship dialog open */
  window = new_window ();
  open_order (window, "1001");
  assert_icon_buttons_described (GTK_WIDGET (window));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.mark-sent", NULL);
  assert_icon_buttons_described (gui_test_find_toplevel (EO_TYPE_STATUS_DIALOG));
  gtk_window_destroy (GTK_WINDOW (gui_test_find_toplevel (EO_TYPE_STATUS_DIALOG)));

  destroy_window (window);
}

static void
test_shortcuts_window (void)
{
  EoWindow *window = new_window ();
  GtkWidget *shortcuts;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL);
  shortcuts = gui_test_find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW);
  g_assert_nonnull (shortcuts);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (shortcuts)) == GTK_WINDOW (window));
  gtk_window_destroy (GTK_WINDOW (shortcuts));

  destroy_window (window);
}

static gboolean
leaflet_folded (gpointer user_data)
{
  return adw_leaflet_get_folded (user_data);
}

static gboolean
leaflet_unfolded (gpointer user_data)
{
  return !adw_leaflet_get_folded (user_data);
}

/* The first widget under root (breadth first) that activates action_name */
static GtkWidget *
find_actionable (GtkWidget  *root,
                 const char *action_name)
{
  g_autoptr(GPtrArray) queue = g_ptr_array_new ();

  g_ptr_array_add (queue, root);
  for (guint i = 0; i < queue->len; i++)
    {
      GtkWidget *w = g_ptr_array_index (queue, i);

      if (GTK_IS_ACTIONABLE (w) &&
          g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (w)), action_name) == 0)
        return w;
      for (GtkWidget *c = gtk_widget_get_first_child (w); c != NULL;
           c = gtk_widget_get_next_sibling (c))
        g_ptr_array_add (queue, c);
    }

  return NULL;
}

/* A narrow window folds the recent orders away behind a button; a wide one shows both */
static void
test_narrow_window_folds (void)
{
  EoWindow *window = eo_window_new (NULL, client);
  AdwLeaflet *leaflet;
  GtkWidget *sidebar_button;
  GtkWidget *content;

  gtk_window_set_default_size (GTK_WINDOW (window), 360, 640);
  eo_window_set_ready (window, TRUE);
  gtk_window_present (GTK_WINDOW (window));

  leaflet = ADW_LEAFLET (gui_test_find_widget (GTK_WIDGET (window), ADW_TYPE_LEAFLET, NULL));
  g_assert_nonnull (leaflet);
  g_assert_true (gui_test_wait_for (leaflet_folded, leaflet, WAIT_MS));

  /* folded: it opens on the search and the order, and a button brings the recent orders */
  g_assert_true (gui_test_find_widget (adw_leaflet_get_visible_child (leaflet),
                                       GTK_TYPE_SEARCH_ENTRY, NULL) != NULL);
  sidebar_button = find_actionable (GTK_WIDGET (window), "win.show-sidebar");
  g_assert_nonnull (sidebar_button);
  g_assert_true (gtk_widget_get_visible (sidebar_button));
  g_assert_true (gtk_widget_is_sensitive (sidebar_button));

  content = adw_leaflet_get_visible_child (leaflet);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-sidebar", NULL);
  gui_test_drain ();
  g_assert_true (adw_leaflet_get_visible_child (leaflet) != content);
  /* and back, as the Back key or a swipe would */
  g_assert_true (adw_leaflet_navigate (leaflet, ADW_NAVIGATION_DIRECTION_FORWARD));
  g_assert_true (adw_leaflet_get_visible_child (leaflet) == content);

  /* wide again: both sides, no button */
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 700);
  g_assert_true (gui_test_wait_for (leaflet_unfolded, leaflet, WAIT_MS));
  g_assert_false (gtk_widget_get_visible (sidebar_button));

  destroy_window (window);
}

static gboolean
to_ship_page_built (gpointer user_data)
{
  return gui_test_find_widget (user_data, EO_TYPE_TO_SHIP_PAGE, NULL) != NULL;
}

static gboolean
sidebar_shows_empty (gpointer user_data)
{
  return g_strcmp0 (gtk_stack_get_visible_child_name (user_data), "empty") == 0;
}

/* What the first frame does not show is built after it; the main menu opens before that too */
static void
test_parts_after_first_frame (void)
{
  EoWindow *window = eo_window_new (NULL, client);
  GtkMenuButton *menu_button;
  GtkStack *sidebar_stack;
  GtkPopover *popover;

  menu_button = GTK_MENU_BUTTON (gtk_widget_get_template_child (GTK_WIDGET (window), EO_TYPE_WINDOW,
                                                                "primary_menu_button"));

  /* Not drawn yet: the menu is built as it is asked for */
  g_assert_null (gtk_menu_button_get_menu_model (menu_button));
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (menu_button)));
  gtk_window_present (GTK_WINDOW (window));
  gtk_menu_button_popup (menu_button);
  popover = gtk_menu_button_get_popover (menu_button);
  g_assert_true (GTK_IS_POPOVER_MENU (popover));
  g_assert_nonnull (gtk_popover_menu_get_menu_model (GTK_POPOVER_MENU (popover)));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (popover)));
  gtk_menu_button_popdown (menu_button);
  /* The rest came with it */
  g_assert_nonnull (find_actionable (GTK_WIDGET (window), "win.mark-sent"));
  g_assert_true (to_ship_page_built (window));
  destroy_window (window);

  /* The sidebar's "To Ship" (or Ctrl+1) before the first frame builds its page and shows it;
   * the row and its count badge are there from the start */
  window = eo_window_new (NULL, client);
  g_assert_false (to_ship_page_built (window));
  g_assert_nonnull (find_actionable (GTK_WIDGET (window), "win.show-to-ship"));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (
    gtk_widget_get_template_child (GTK_WIDGET (window), EO_TYPE_WINDOW, "to_ship_row"))));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (
    gtk_widget_get_template_child (GTK_WIDGET (window), EO_TYPE_WINDOW, "to_ship_count_label"))));
  gtk_window_present (GTK_WINDOW (window));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-to-ship", NULL);
  g_assert_true (to_ship_page_built (window));
  g_assert_cmpstr (eo_window_get_page (window), ==, "to-ship");
  destroy_window (window);

  /* Drawn once: the other pages follow, with the sidebar's "No Recent Orders" */
  window = new_window ();
  sidebar_stack = GTK_STACK (gtk_widget_get_template_child (GTK_WIDGET (window), EO_TYPE_WINDOW,
                                                            "sidebar_stack"));
  g_assert_null (find_actionable (GTK_WIDGET (window), "win.mark-sent"));
  g_assert_false (to_ship_page_built (window));
  g_assert_true (gui_test_wait_for (sidebar_shows_empty, sidebar_stack, WAIT_MS));
  g_assert_true (to_ship_page_built (window));
  g_assert_cmpstr (eo_window_get_page (window), ==, "welcome");
  assert_text_shown (GTK_WIDGET (sidebar_stack), "No Recent Orders");
  g_assert_nonnull (find_actionable (GTK_WIDGET (window), "win.mark-sent"));
  g_assert_nonnull (gtk_menu_button_get_menu_model (
    GTK_MENU_BUTTON (gtk_widget_get_template_child (GTK_WIDGET (window), EO_TYPE_WINDOW,
                                                    "primary_menu_button"))));

  destroy_window (window);
}

/* The order view's list of the customer's other orders */
static GtkWidget *
customer_orders_group (EoWindow *window)
{
  GtkWidget *view = gui_test_find_widget (GTK_WIDGET (window), EO_TYPE_ORDER_VIEW, NULL);

  g_assert_nonnull (view);
  return GTK_WIDGET (gtk_widget_get_template_child (view, EO_TYPE_ORDER_VIEW,
                                                    "customer_orders_group"));
}

/* The titles of the group's rows, "a|b|c" */
static char *
customer_order_titles (EoWindow *window)
{
  GtkWidget *group = customer_orders_group (window);
  GtkWidget *list = gui_test_find_widget (group, GTK_TYPE_LIST_BOX, NULL);
  GString *titles = g_string_new (NULL);

  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (ADW_IS_PREFERENCES_ROW (row) && gtk_widget_get_visible (row))
      g_string_append_printf (titles, "%s%s", titles->len > 0 ? "|" : "",
                              adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));

  return g_string_free (titles, FALSE);
}

/* "Order a|Order b|...": the demo shop's other orders of that order's customer, newest first
 * (the listed orders get older as their numbers grow) */
static char *
expected_customer_orders (gint64 bill_id)
{
  g_autoptr(EoOrder) order = demo_order (bill_id);
  g_autoptr(JsonNode) all = eo_demo_server_dup_orders (server);
  JsonArray *array = json_node_get_array (all);
  GString *titles = g_string_new (NULL);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *other = json_array_get_object_element (array, i);
      gint64 id = json_object_get_int_member (other, "id");

      if (id != bill_id && g_ascii_strcasecmp (json_object_get_string_member (other, "email"),
                                               eo_order_get_email (order)) == 0)
        g_string_append_printf (titles, "%sOrder %" G_GINT64_FORMAT, titles->len > 0 ? "|" : "",
                                id);
    }

  return g_string_free (titles, FALSE);
}

static gboolean
order_is (gpointer user_data)
{
  RefreshWait *wait = user_data;
  EoOrder *order = eo_window_get_order (wait->window);

  return order != NULL && eo_order_get_id (order) == GPOINTER_TO_INT (wait->old_order) &&
         g_strcmp0 (eo_window_get_page (wait->window), "order") == 0;
}

static void
test_customer_orders (void)
{
  EoWindow *window = new_window ();
  g_autofree char *expected = expected_customer_orders (EO_DEMO_LISTED_FIRST_ID);
  g_autofree char *titles = NULL;
  g_autofree char *number = g_strdup_printf ("%d", EO_DEMO_LISTED_FIRST_ID);
  g_autofree char *second_title = NULL;
  g_auto(GStrv) expected_titles = NULL;
  g_autoptr(EoOrder) second = NULL;
  g_autoptr(JsonNode) node = NULL;
  GtkWidget *group, *row, *retry;
  GtkWidget *view;
  gint64 second_id;
  guint requests;
  RefreshWait wait = { window, NULL };

  /* A customer of the demo shop with several orders: the others are listed, newest first */
  expected_titles = g_strsplit (expected, "|", -1);
  g_assert_cmpuint (g_strv_length (expected_titles), >=, 2);
  open_order (window, number);
  group = customer_orders_group (window);
  g_assert_true (gtk_widget_get_visible (group));
  g_assert_cmpstr (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (group)), ==,
                   "Other Orders of This Customer");
  titles = customer_order_titles (window);
  g_assert_cmpstr (titles, ==, expected);

  /* A row shows the date, the status as the app words it and the sum, and says them all */
  second_id = g_ascii_strtoll (expected_titles[0] + strlen ("Order "), NULL, 10);
  second = demo_order (second_id);
  row = gui_test_find_widget (group, ADW_TYPE_ACTION_ROW, expected_titles[0]);
  g_assert_nonnull (row);
  g_assert_true (gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (row)));
  {
    g_autoptr(GDateTime) local = g_date_time_to_local (eo_order_get_created (second));
    g_autofree char *date = g_date_time_format (local, "%-d %b %Y, %H:%M");
    g_autofree char *status = eo_format_pay_status (eo_order_get_pay_status (second),
                                                    eo_order_get_is_paid (second));
    g_autofree char *sum = eo_money_format (eo_order_get_price (second));

    g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, date);
    g_assert_true (gui_test_shows_text (row, status));
    g_assert_true (gui_test_shows_text (row, sum));
    g_assert_cmpstr (status, ==, eo_order_get_is_paid (second) ? "Paid" : "Awaiting payment");
  }

  /* Activating it opens that order; its list comes from what the window kept: only the order
   * is asked for */
  requests = eo_demo_server_get_request_count (server);
  g_signal_emit_by_name (gtk_widget_get_parent (row), "row-activated", row);
  wait.old_order = GINT_TO_POINTER ((int) second_id);
  g_assert_true (gui_test_wait_for (order_is, &wait, WAIT_MS));
  g_assert_true (gui_test_wait_customer_orders (GTK_WIDGET (window), WAIT_MS));
  g_assert_cmpuint (eo_demo_server_get_request_count (server), ==, requests + 1);
  g_clear_pointer (&titles, g_free);
  g_clear_pointer (&expected, g_free);
  titles = customer_order_titles (window);
  expected = expected_customer_orders (second_id);
  g_assert_cmpstr (titles, ==, expected);
  second_title = g_strdup_printf ("Order %d", EO_DEMO_LISTED_FIRST_ID);
  g_assert_nonnull (strstr (titles, second_title));

  /* The shop fails: the reason, and Retry, which asks again */
  view = gui_test_find_widget (GTK_WIDGET (window), EO_TYPE_ORDER_VIEW, NULL);
  eo_customer_orders_clear (eo_order_view_get_customer_orders (EO_ORDER_VIEW (view)));
  eo_demo_server_set_fault (server, EO_DEMO_FAULT_HTTP_500);
  eo_order_view_reload_customer_orders (EO_ORDER_VIEW (view));
  /* meanwhile a spinner row says what is going on */
  assert_text_shown (group, "Looking for the customer’s other orders…");
  g_assert_nonnull (gui_test_find_widget (group, GTK_TYPE_SPINNER, NULL));
  g_assert_true (gui_test_wait_customer_orders (GTK_WIDGET (window), WAIT_MS));
  eo_demo_server_set_fault (server, EO_DEMO_FAULT_NONE);
  assert_text_shown (group, "The other orders could not be loaded");
  assert_text_shown (group, "HTTP error 500");
  retry = gui_test_find_widget (group, GTK_TYPE_BUTTON, "_Retry");
  g_assert_nonnull (retry);
  requests = eo_demo_server_get_request_count (server);
  g_signal_emit_by_name (retry, "clicked");
  g_assert_true (gui_test_wait_customer_orders (GTK_WIDGET (window), WAIT_MS));
  g_assert_cmpuint (eo_demo_server_get_request_count (server), ==, requests + 1);
  g_clear_pointer (&titles, g_free);
  titles = customer_order_titles (window);
  g_assert_cmpstr (titles, ==, expected);

  /* A customer with no other order */
  open_order (window, "1002");
  g_clear_pointer (&titles, g_free);
  titles = customer_order_titles (window);
  g_assert_cmpstr (titles, ==, "No other orders");
  g_assert_true (gtk_widget_get_visible (group));

  /* No e-mail: no section */
  node = eo_demo_server_dup_order (server, 1003);
  json_object_set_int_member (json_node_get_object (node), "id", 5003);
  json_object_set_string_member (json_node_get_object (node), "email", "");
  eo_demo_server_put_order (server, node);
  requests = eo_demo_server_get_request_count (server);
  open_order (window, "5003");
  g_assert_false (gtk_widget_get_visible (group));
  g_assert_cmpuint (eo_demo_server_get_request_count (server), ==, requests + 1);

  destroy_window (window);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int result;

  gui_test_init (&argc, &argv);

  server = eo_demo_server_new ();
  g_assert_true (eo_demo_server_start (server, &error));
  g_assert_no_error (error);

  client = eo_client_new ();
  g_assert_true (eo_client_set_account (client,
                                        eo_demo_server_get_url (server),
                                        eo_demo_server_get_login (server),
                                        eo_demo_server_get_secret (server),
                                        &error));
  g_assert_no_error (error);

  g_test_add_func ("/window/search-shows-order", test_search_shows_order);
  g_test_add_func ("/window/search-hint-for-letters", test_search_hint_for_letters);
  g_test_add_func ("/window/wrong-number-shows-error", test_wrong_number_shows_error);
  g_test_add_func ("/window/refusal-is-shown", test_refusal_is_shown);
  g_test_add_func ("/window/ship-dialog", test_ship_dialog);
  g_test_add_func ("/window/ship-dialog-escape-cancels", test_ship_dialog_escape_cancels);
  g_test_add_func ("/window/other-carrier-needs-confirmation", test_other_carrier_needs_confirmation);
  g_test_add_func ("/window/thousand-items", test_thousand_items);
  g_test_add_func ("/window/mark-paid", test_mark_paid);
  g_test_add_func ("/window/mark-returned-and-cancelled", test_mark_returned_and_cancelled);
  g_test_add_func ("/window/shortcuts-window", test_shortcuts_window);
  g_test_add_func ("/window/parts-after-first-frame", test_parts_after_first_frame);
  g_test_add_func ("/window/accessible-names", test_accessible_names);
  g_test_add_func ("/window/narrow-window-folds", test_narrow_window_folds);
  g_test_add_func ("/window/customer-orders", test_customer_orders);

  result = g_test_run ();

  eo_demo_server_stop (server);
  g_clear_object (&client);
  g_clear_object (&server);

  return result;
}

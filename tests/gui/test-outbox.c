/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-outbox.c: the window with the store: status changes through the outbox (also with the
 * network down), the history search, the recent orders, the batch dialog. Runs under xvfb-run
 * and dbus-run-session, with a fresh store in a temporary XDG_DATA_HOME. */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "eo-batch-dialog.h"
#include "eo-batch-file.h"
#include "eo-demo-server.h"
#include "eo-outbox-row.h"
#include "eo-recent-row.h"
#include "eo-status-dialog.h"
#include "eo-store.h"
#include "eo-tracking.h"
#include "eo-window.h"
#include "gui-test-util.h"

#define WAIT_MS 10000

static EoDemoServer *server;
static EoClient *client;
static EoStore *store;
static char *data_dir;

static EoWindow *
new_window_with (EoClient *with_client)
{
  EoWindow *window = eo_window_new (NULL, with_client);

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

static void
search (EoWindow   *window,
        const char *text)
{
  GtkWidget *entry = gui_test_find_widget (GTK_WIDGET (window), GTK_TYPE_SEARCH_ENTRY, NULL);

  g_assert_nonnull (entry);
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

static guint
count_changes (void)
{
  g_autoptr(JsonNode) changes = eo_demo_server_dup_changes (server);

  return json_array_get_length (json_node_get_array (changes));
}

typedef struct
{
  guint n_changes;
} ChangesWait;

static gboolean
changes_reach (gpointer user_data)
{
  ChangesWait *wait = user_data;

  return count_changes () >= wait->n_changes;
}

/* The demo shop's last change for this order, or NULL */
static JsonObject *
shop_change_for (gint64      bill_id,
                 JsonNode  **out_node)
{
  JsonNode *changes = eo_demo_server_dup_changes (server);
  JsonArray *array = json_node_get_array (changes);
  JsonObject *found = NULL;

  *out_node = changes;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *change = json_array_get_object_element (array, i);

      if (json_object_get_int_member (change, "bill_id") == bill_id)
        found = change;
    }

  return found;
}

static guint
outbox_length (void)
{
  g_autoptr(GPtrArray) pending = eo_store_outbox_list_pending (store, NULL);
  g_autoptr(GPtrArray) failed = eo_store_outbox_list_failed (store, NULL);

  return pending->len + failed->len;
}

static gboolean
outbox_empty (gpointer user_data)
{
  EoOutbox *outbox = user_data;

  return outbox_length () == 0 && !eo_outbox_get_sending (outbox);
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

static gboolean
is_null (gpointer user_data)
{
  return *(gpointer *) user_data == NULL;
}

/* Opens the ship dialog on the order shown and sends this number */
static void
ship_from_window (EoWindow   *window,
                  const char *rpo)
{
  EoStatusDialog *dialog;
  GtkWidget *entry;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.mark-sent", NULL);
  dialog = EO_STATUS_DIALOG (gui_test_find_toplevel (EO_TYPE_STATUS_DIALOG));
  g_assert_nonnull (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);

  entry = gui_test_find_widget (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, NULL);
  gtk_editable_set_text (GTK_EDITABLE (entry), rpo);
  g_signal_emit_by_name (entry, "entry-activated");
  if (!gui_test_wait_for (is_null, &dialog, WAIT_MS))
    {
      g_autofree char *shown = gui_test_collect_text (GTK_WIDGET (dialog));

      g_error ("The ship dialog stays open; it shows:\n%s", shown);
    }
}

static GtkWidget *
outbox_button (EoWindow *window)
{
  return GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (window), EO_TYPE_WINDOW,
                                                    "outbox_button"));
}

static void
test_ship_goes_through_outbox (void)
{
  EoWindow *window = new_window_with (client);
  EoOutbox *outbox = eo_window_get_outbox (window);
  g_autofree char *rpo = make_tracking (1);
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GPtrArray) log = NULL;
  ChangesWait wait = { count_changes () + 1 };
  JsonObject *change;

  g_assert_nonnull (outbox);
  open_order (window, "1001");
  ship_from_window (window, rpo);

  g_assert_true (gui_test_wait_for (changes_reach, &wait, WAIT_MS));
  change = shop_change_for (1001, &node);
  g_assert_nonnull (change);
  g_assert_cmpstr (json_object_get_string_member (change, "rpo"), ==, rpo);

  /* It went through the outbox (the log has it queued, then done), which is empty now */
  g_assert_true (gui_test_wait_for (outbox_empty, outbox, WAIT_MS));
  log = eo_store_list_log (store, 1001, 10, NULL);
  g_assert_nonnull (log);
  g_assert_cmpuint (log->len, >=, 2);
  g_assert_cmpint (((EoLogEntry *) g_ptr_array_index (log, 0))->result, ==, EO_LOG_DONE);
  assert_text_shown (GTK_WIDGET (window), "Order 1001 marked as sent");
  g_assert_false (gtk_widget_get_visible (outbox_button (window)));

  destroy_window (window);
}

static gboolean
widget_visible (gpointer user_data)
{
  return gtk_widget_get_visible (user_data);
}

static void
test_network_down_keeps_change (void)
{
  g_autoptr(EoClient) offline = eo_client_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *rpo = make_tracking (2);
  EoWindow *window;
  GtkWidget *button;
  GtkWidget *retry;
  guint n_changes = count_changes ();
  ChangesWait wait = { n_changes + 1 };
  JsonObject *change;

  /* Nothing listens on port 1 */
  g_assert_true (eo_client_set_account (offline, "http://127.0.0.1:1/api/",
                                        eo_demo_server_get_login (server),
                                        eo_demo_server_get_secret (server), &error));
  g_assert_no_error (error);
  window = new_window_with (offline);

  /* 1001 was opened before: the saved copy shows, offline */
  open_order (window, "1001");
  ship_from_window (window, rpo);

  assert_text_shown (GTK_WIDGET (window), "Saved; will be sent when the connection is back");
  g_assert_cmpuint (outbox_length (), ==, 1);
  g_assert_cmpuint (count_changes (), ==, n_changes);

  button = outbox_button (window);
  g_assert_true (gui_test_wait_for (widget_visible, button, WAIT_MS));
  assert_text_shown (button, "1");
  retry = gui_test_find_widget (button, GTK_TYPE_BUTTON, "_Retry Now");
  g_assert_nonnull (retry);

  /* A row made from the change it shows, its buttons aimed at that change */
  {
    g_autoptr(GPtrArray) pending = eo_store_outbox_list_pending (store, NULL);
    GtkWidget *row = gtk_widget_get_ancestor (retry, EO_TYPE_OUTBOX_ROW);
    EoOutboxChange *shown;
    GVariant *target;

    g_assert_nonnull (row);
    shown = eo_outbox_item_get_change (eo_outbox_row_get_item (EO_OUTBOX_ROW (row)));
    g_assert_cmpuint (pending->len, ==, 1);
    g_assert_cmpint (shown->id, ==, ((EoOutboxChange *) pending->pdata[0])->id);
    g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (retry)), ==,
                     "win.outbox-retry");
    target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (retry));
    g_assert_cmpint (g_variant_get_int64 (target), ==, shown->id);
  }

  /* The connection is back: Retry Now sends it */
  g_assert_true (eo_client_set_account (offline, eo_demo_server_get_url (server),
                                        eo_demo_server_get_login (server),
                                        eo_demo_server_get_secret (server), &error));
  g_signal_emit_by_name (retry, "clicked");
  g_assert_true (gui_test_wait_for (changes_reach, &wait, WAIT_MS));
  g_assert_true (gui_test_wait_for (outbox_empty, eo_window_get_outbox (window), WAIT_MS));
  change = shop_change_for (1001, &node);
  g_assert_cmpstr (json_object_get_string_member (change, "rpo"), ==, rpo);
  gui_test_drain ();
  g_assert_false (gtk_widget_get_visible (button));

  destroy_window (window);
}

static gboolean
outbox_idle (gpointer user_data)
{
  return !eo_outbox_get_sending (user_data);
}

/* A change made for one shop is never sent with another shop's account: it waits, says so,
 * and goes out once its own account is back */
static void
test_other_shop_waits (void)
{
  g_autoptr(EoClient) switching = eo_client_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *rpo = make_tracking (3);
  EoWindow *window;
  EoOutbox *outbox;
  GtkWidget *button;
  GtkWidget *retry;
  GtkWidget *popover;
  guint n_changes = count_changes ();
  ChangesWait wait = { n_changes + 1 };
  JsonObject *change;

  /* Queued for this shop while the service cannot be reached */
  g_assert_true (eo_client_set_account (switching, "http://127.0.0.1:1/api/",
                                        eo_demo_server_get_login (server),
                                        eo_demo_server_get_secret (server), &error));
  g_assert_no_error (error);
  window = new_window_with (switching);
  outbox = eo_window_get_outbox (window);
  open_order (window, "1001");
  ship_from_window (window, rpo);
  g_assert_cmpuint (outbox_length (), ==, 1);

  /* Another shop's account, on a reachable service: Retry Now sends nothing */
  g_assert_true (eo_client_set_account (switching, eo_demo_server_get_url (server),
                                        "othershop", eo_demo_server_get_secret (server), &error));
  button = outbox_button (window);
  g_assert_true (gui_test_wait_for (widget_visible, button, WAIT_MS));
  retry = gui_test_find_widget (button, GTK_TYPE_BUTTON, "_Retry Now");
  g_assert_nonnull (retry);
  g_signal_emit_by_name (retry, "clicked");
  g_assert_true (gui_test_wait_for (outbox_idle, outbox, WAIT_MS));
  g_assert_cmpuint (count_changes (), ==, n_changes);
  g_assert_cmpuint (outbox_length (), ==, 1);

  /* and the list says whose it is */
  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  popover = GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (button)));
  {
    g_autofree char *text = g_strdup_printf ("For the shop “%s”",
                                             eo_demo_server_get_login (server));

    assert_text_shown (popover, text);
  }
  gtk_menu_button_popdown (GTK_MENU_BUTTON (button));

  /* Its own account again: it goes out */
  g_assert_true (eo_client_set_account (switching, eo_demo_server_get_url (server),
                                        eo_demo_server_get_login (server),
                                        eo_demo_server_get_secret (server), &error));
  retry = gui_test_find_widget (button, GTK_TYPE_BUTTON, "_Retry Now");
  g_assert_nonnull (retry);
  g_signal_emit_by_name (retry, "clicked");
  g_assert_true (gui_test_wait_for (changes_reach, &wait, WAIT_MS));
  g_assert_true (gui_test_wait_for (outbox_empty, outbox, WAIT_MS));
  change = shop_change_for (1001, &node);
  g_assert_cmpstr (json_object_get_string_member (change, "rpo"), ==, rpo);

  destroy_window (window);
}

static void
test_discard_asks_first (void)
{
  g_autoptr(EoClient) offline = eo_client_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *rpo = make_tracking (3);
  AdwMessageDialog *dialog;
  EoWindow *window;
  GtkWidget *discard;

  g_assert_true (eo_client_set_account (offline, "http://127.0.0.1:1/api/",
                                        eo_demo_server_get_login (server),
                                        eo_demo_server_get_secret (server), &error));
  window = new_window_with (offline);
  open_order (window, "1001");
  ship_from_window (window, rpo);
  g_assert_cmpuint (outbox_length (), ==, 1);

  discard = gui_test_find_widget (outbox_button (window), GTK_TYPE_BUTTON, "_Discard…");
  g_assert_nonnull (discard);
  g_signal_emit_by_name (discard, "clicked");
  dialog = ADW_MESSAGE_DIALOG (gui_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_cmpuint (outbox_length (), ==, 1);

  g_signal_emit_by_name (dialog, "response", "discard");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_cmpuint (outbox_length (), ==, 0);

  destroy_window (window);
}

static void
test_history_search (void)
{
  EoWindow *window = new_window_with (client);
  g_autoptr(JsonNode) node = eo_demo_server_dup_order (server, 1002);
  g_autoptr(EoOrder) order = eo_order_new_from_json (node, NULL, NULL);
  g_auto(GStrv) words = g_strsplit (eo_order_get_full_name (order), " ", 2);
  g_autofree char *title = NULL;
  PageWait wait = { window, "results" };
  GtkStack *stack;
  GtkWidget *results;
  GtkListBoxRow *row;
  guint requests;

  open_order (window, "1002");
  title = g_strdup_printf ("1002 · %s", eo_order_get_full_name (order));
  /* The sidebar lists it */
  assert_text_shown (GTK_WIDGET (window), title);

  /* By a name, offline: no request */
  requests = eo_demo_server_get_request_count (server);
  search (window, words[0]);
  g_assert_true (gui_test_wait_for (page_is, &wait, WAIT_MS));
  g_assert_cmpuint (eo_demo_server_get_request_count (server), ==, requests);
  /* The results page is not in the window's template: it is built after the first frame */
  stack = GTK_STACK (gtk_widget_get_template_child (GTK_WIDGET (window), EO_TYPE_WINDOW, "stack"));
  results = gui_test_find_widget (gtk_stack_get_child_by_name (stack, "results"),
                                  GTK_TYPE_LIST_BOX, NULL);
  g_assert_nonnull (results);
  assert_text_shown (results, title);

  /* Opening a result shows it at once */
  row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (results), 0);
  g_assert_nonnull (row);
  g_assert_true (EO_IS_RECENT_ROW (row));
  g_assert_cmpint (eo_stored_order_get_bill_id (eo_recent_row_get_order (EO_RECENT_ROW (row))), ==,
                   1002);
  g_signal_emit_by_name (results, "row-activated", row);
  g_assert_cmpstr (eo_window_get_page (window), ==, "loading");
  wait.page = "order";
  g_assert_true (gui_test_wait_for (page_is, &wait, WAIT_MS));

  destroy_window (window);
}

typedef struct
{
  EoBatchDialog *dialog;
  guint          n_sent;
} BatchWait;

static gboolean
batch_loaded (gpointer user_data)
{
  BatchWait *wait = user_data;

  return eo_batch_dialog_get_n_rows (wait->dialog) > 0;
}

static gboolean
batch_sent (gpointer user_data)
{
  BatchWait *wait = user_data;

  return eo_batch_dialog_get_n_sent (wait->dialog) >= wait->n_sent &&
         !eo_batch_dialog_get_sending (wait->dialog);
}

static gboolean
batch_some_sent (gpointer user_data)
{
  BatchWait *wait = user_data;

  return eo_batch_dialog_get_n_sent (wait->dialog) >= wait->n_sent;
}

static gboolean
batch_idle (gpointer user_data)
{
  BatchWait *wait = user_data;

  return !eo_batch_dialog_get_sending (wait->dialog);
}

typedef struct
{
  const char *path;
  const char *text;
} FileWait;

static gboolean
file_has (gpointer user_data)
{
  FileWait *wait = user_data;
  g_autofree char *contents = NULL;

  return g_file_get_contents (wait->path, &contents, NULL, NULL) &&
         strstr (contents, wait->text) != NULL;
}

static void
test_batch_dialog (void)
{
  EoWindow *window = new_window_with (client);
  g_autoptr(GString) csv = g_string_new ("bill_id;rpo\r\n");
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) export = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *path = g_build_filename (data_dir, "parcels.csv", NULL);
  g_autofree char *export_path = g_build_filename (data_dir, "failed.csv", NULL);
  g_autofree char *exported = NULL;
  g_autofree char *bad_rpo = make_tracking (99);
  EoBatchDialog *dialog;
  EoBatchRow *bad;
  BatchWait wait;
  FileWait file_wait;

  eo_demo_server_add_synthetic_orders (server, 10);
  for (guint i = 0; i < 4; i++)
    {
      g_autofree char *rpo = make_tracking (10 + i);

      g_string_append_printf (csv, "%u;%s\r\n", EO_DEMO_SYNTHETIC_FIRST_ID + i, rpo);
    }
  /* A wrong check digit */
  bad_rpo[13] = bad_rpo[13] == '9' ? '0' : bad_rpo[13] + 1;
  g_string_append_printf (csv, "%u;%s\r\n", EO_DEMO_SYNTHETIC_FIRST_ID + 4, bad_rpo);
  g_assert_true (g_file_set_contents (path, csv->str, csv->len, &error));

  rows = eo_batch_file_parse (csv->str, csv->len, now, &error);
  g_assert_no_error (error);
  bad = g_ptr_array_index (rows, 4);
  g_assert_cmpint (bad->state, ==, EO_BATCH_ROW_INVALID);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.ship-batch", NULL);
  dialog = EO_BATCH_DIALOG (gui_test_find_toplevel (EO_TYPE_BATCH_DIALOG));
  g_assert_nonnull (dialog);
  wait.dialog = dialog;
  wait.n_sent = 4;

  file = g_file_new_for_path (path);
  eo_batch_dialog_load_file (dialog, file);
  g_assert_true (gui_test_wait_for (batch_loaded, &wait, WAIT_MS));
  g_assert_cmpuint (eo_batch_dialog_get_n_rows (dialog), ==, 5);
  assert_text_shown (GTK_WIDGET (dialog), bad->reason);

  gtk_widget_activate_action (GTK_WIDGET (dialog), "batch.send", NULL);
  g_assert_true (gui_test_wait_for (batch_sent, &wait, WAIT_MS));
  g_assert_cmpuint (eo_batch_dialog_get_n_sent (dialog), ==, 4);
  g_assert_cmpuint (eo_batch_dialog_get_n_failed (dialog), ==, 1);
  assert_text_shown (GTK_WIDGET (dialog), "4 of 4 sent");

  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(JsonNode) node = NULL;
      g_autofree char *rpo = make_tracking (10 + i);
      JsonObject *change = shop_change_for (EO_DEMO_SYNTHETIC_FIRST_ID + i, &node);

      g_assert_nonnull (change);
      g_assert_cmpstr (json_object_get_string_member (change, "status"), ==, "sent");
      g_assert_cmpstr (json_object_get_string_member (change, "rpo"), ==, rpo);
    }
  g_assert_cmpuint (outbox_length (), ==, 0);

  /* Export Failed Rows: the bad row, with its reason */
  export = g_file_new_for_path (export_path);
  eo_batch_dialog_export_failed (dialog, export);
  file_wait.path = export_path;
  file_wait.text = bad_rpo;
  g_assert_true (gui_test_wait_for (file_has, &file_wait, WAIT_MS));
  g_assert_true (g_file_get_contents (export_path, &exported, NULL, NULL));
  g_assert_nonnull (strstr (exported, bad->reason));

  gtk_window_destroy (GTK_WINDOW (dialog));

  /* The same file again (the person is not sure it went out): what the shop already has is
   * shown as sent and not sent a second time */
  {
    guint n_before = count_changes ();
    EoBatchDialog *again;

    gtk_widget_activate_action (GTK_WIDGET (window), "win.ship-batch", NULL);
    again = EO_BATCH_DIALOG (gui_test_find_toplevel (EO_TYPE_BATCH_DIALOG));
    g_assert_nonnull (again);
    wait.dialog = again;
    eo_batch_dialog_load_file (again, file);
    g_assert_true (gui_test_wait_for (batch_loaded, &wait, WAIT_MS));
    gtk_widget_activate_action (GTK_WIDGET (again), "batch.send", NULL);
    g_assert_true (gui_test_wait_for (batch_sent, &wait, WAIT_MS));
    g_assert_cmpuint (eo_batch_dialog_get_n_sent (again), ==, 4);
    g_assert_cmpuint (count_changes (), ==, n_before);
    g_assert_cmpuint (outbox_length (), ==, 0);
    gtk_window_destroy (GTK_WINDOW (again));
  }

  destroy_window (window);
}

/* Stop: what was sent stays sent, the rest stays in the outbox; Send sends the rest on */
static void
test_batch_stop (void)
{
  EoWindow *window = new_window_with (client);
  g_autoptr(GString) csv = g_string_new ("");
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (data_dir, "stop.tsv", NULL);
  const guint first = 10, n_rows = 16;
  EoBatchDialog *dialog;
  BatchWait wait;
  guint sent_at_stop;

  eo_demo_server_add_synthetic_orders (server, first + n_rows);
  for (guint i = 0; i < n_rows; i++)
    {
      g_autofree char *rpo = make_tracking (100 + i);

      g_string_append_printf (csv, "%u\t%s\n", EO_DEMO_SYNTHETIC_FIRST_ID + first + i, rpo);
    }
  g_assert_true (g_file_set_contents (path, csv->str, csv->len, &error));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.ship-batch", NULL);
  dialog = EO_BATCH_DIALOG (gui_test_find_toplevel (EO_TYPE_BATCH_DIALOG));
  g_assert_nonnull (dialog);
  wait.dialog = dialog;

  file = g_file_new_for_path (path);
  eo_batch_dialog_load_file (dialog, file);
  g_assert_true (gui_test_wait_for (batch_loaded, &wait, WAIT_MS));
  g_assert_cmpuint (eo_batch_dialog_get_n_rows (dialog), ==, n_rows);

  /* Slow answers, so that Stop comes in the middle */
  eo_demo_server_set_latency (server, 150);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "batch.send", NULL);
  g_assert_true (eo_batch_dialog_get_sending (dialog));
  wait.n_sent = 1;
  g_assert_true (gui_test_wait_for (batch_some_sent, &wait, WAIT_MS));
  gtk_widget_activate_action (GTK_WIDGET (dialog), "batch.cancel", NULL);
  g_assert_true (gui_test_wait_for (batch_idle, &wait, WAIT_MS));
  eo_demo_server_set_latency (server, 0);

  sent_at_stop = eo_batch_dialog_get_n_sent (dialog);
  g_test_message ("%u of %u sent when stopped", sent_at_stop, n_rows);
  g_assert_cmpuint (sent_at_stop, >=, 1);
  g_assert_cmpuint (sent_at_stop, <, n_rows);
  g_assert_cmpuint (eo_batch_dialog_get_n_failed (dialog), ==, 0);
  /* nothing lost: every row not confirmed is still queued */
  g_assert_cmpuint (outbox_length (), ==, n_rows - sent_at_stop);
  assert_text_shown (GTK_WIDGET (dialog), "Queued");
  {
    g_autofree char *progress = g_strdup_printf ("%u of %u sent", sent_at_stop, n_rows);

    assert_text_shown (GTK_WIDGET (dialog), progress);
  }

  /* Send again: the rest goes out, once */
  gtk_widget_activate_action (GTK_WIDGET (dialog), "batch.send", NULL);
  wait.n_sent = n_rows;
  g_assert_true (gui_test_wait_for (batch_sent, &wait, WAIT_MS));
  g_assert_cmpuint (eo_batch_dialog_get_n_sent (dialog), ==, n_rows);
  g_assert_cmpuint (outbox_length (), ==, 0);
  for (guint i = 0; i < n_rows; i++)
    {
      g_autoptr(JsonNode) node = NULL;
      g_autofree char *rpo = make_tracking (100 + i);
      JsonObject *change = shop_change_for (EO_DEMO_SYNTHETIC_FIRST_ID + first + i, &node);

      g_assert_nonnull (change);
      g_assert_cmpstr (json_object_get_string_member (change, "rpo"), ==, rpo);
    }

  gtk_window_destroy (GTK_WINDOW (dialog));
  destroy_window (window);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *store_path = NULL;
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

  g_test_add_func ("/outbox/ship-goes-through-outbox", test_ship_goes_through_outbox);
  g_test_add_func ("/outbox/network-down-keeps-change", test_network_down_keeps_change);
  g_test_add_func ("/outbox/other-shop-waits", test_other_shop_waits);
  g_test_add_func ("/outbox/discard-asks-first", test_discard_asks_first);
  g_test_add_func ("/outbox/history-search", test_history_search);
  g_test_add_func ("/outbox/batch-dialog", test_batch_dialog);
  g_test_add_func ("/outbox/batch-stop", test_batch_stop);

  result = g_test_run ();

  g_clear_object (&store);
  eo_demo_server_stop (server);
  g_clear_object (&server);
  g_clear_object (&client);
  g_free (data_dir);

  return result;
}

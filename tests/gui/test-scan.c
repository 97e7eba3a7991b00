/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-scan.c: the window's scan mode against the demo shop, driven as a USB scanner does: keys
 * typed through XTest (`xdotool type --delay 1`), a code and Enter, wherever the focus is. 20
 * orders marked sent with every bad case among them (a wrong check digit, an unknown order, an
 * order not paid, one without an address, one set aside, one already sent, the same pair again,
 * a double read, another order's number, what is no code): the demo shop applies exactly the 20
 * right changes; the results, the counts and the accessible parts are checked, Escape leaves.
 * Runs under xvfb-run and dbus-run-session, with a fresh store in a temporary XDG_DATA_HOME. */
#include "config.h"

#include <adwaita.h>
#include <json-glib/json-glib.h>
#ifdef GDK_WINDOWING_X11
#include <gdk/x11/gdkx.h>
#endif

#include "eo-demo-server.h"
#include "eo-order.h"
#include "eo-scan-session.h"
#include "eo-scan-view.h"
#include "eo-status-dialog.h"
#include "eo-store.h"
#include "eo-tracking.h"
#include "eo-window.h"
#include "gui-test-util.h"

#define WAIT_MS 30000

static EoDemoServer *server;
static EoClient *client;
static EoStore *store;
static char *data_dir;

/* A valid domestic tracking number made from n, or (bad) the same with a wrong check digit */
static char *
tracking_for (guint    n,
              gboolean bad)
{
  g_autofree char *first13 = g_strdup_printf ("8010200%06u", n % 1000000);
  int check = eo_tracking_domestic_check_digit (first13);

  return g_strdup_printf ("%s%d", first13, bad ? (check + 1) % 10 : check);
}

/* Listed demo order i: paid when i % 3 != 2, with a postal address when i % 5 != 4 */
static gint64
listed (guint i)
{
  return EO_DEMO_LISTED_FIRST_ID + i;
}

static gboolean
listed_to_ship (guint i)
{
  return i % 3 != 2 && i % 5 != 4;
}

typedef struct
{
  GString       *keys;       /* what the scanner types: codes, each with Enter */
  GArray        *expected;   /* EoScanOutcome of each code, in order */
  GPtrArray     *codes;
  GString       *changes;    /* the changes the shop must apply, "bill:rpo" by number */
  GPtrArray     *results;    /* EoScanResult, as they came */
  guint          n_keys;
} Script;

static void
add (Script        *script,
     const char    *code,
     EoScanOutcome  outcome)
{
  g_string_append_printf (script->keys, "%s\n", code);
  script->n_keys += (guint) strlen (code) + 1;
  g_array_append_val (script->expected, outcome);
  g_ptr_array_add (script->codes, g_strdup (code));
}

static void
add_pair (GPtrArray  *pairs,
          gint64      bill_id,
          const char *rpo)
{
  g_ptr_array_add (pairs, g_strdup_printf ("%" G_GINT64_FORMAT ":%s", bill_id, rpo));
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static char *
sorted_joined (GPtrArray *lines)
{
  g_ptr_array_sort (lines, compare_strings);
  g_ptr_array_add (lines, NULL);
  return g_strjoinv (" ", (char **) lines->pdata);
}

/* The "sent" changes the demo shop applied, "bill:rpo" by number */
static char *
shop_changes (void)
{
  g_autoptr(JsonNode) node = eo_demo_server_dup_changes (server);
  JsonArray *changes = json_node_get_array (node);
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < json_array_get_length (changes); i++)
    {
      JsonObject *change = json_array_get_object_element (changes, i);

      g_assert_cmpstr (json_object_get_string_member (change, "status"), ==, "sent");
      g_ptr_array_add (lines, g_strdup_printf ("%" G_GINT64_FORMAT ":%s",
                                               json_object_get_int_member (change, "bill_id"),
                                               json_object_get_string_member (change, "rpo")));
    }

  return sorted_joined (lines);
}

static void
on_result (EoScanSession *session,
           EoScanResult  *result,
           Script        *script)
{
  g_ptr_array_add (script->results, eo_scan_result_copy (result));
}

/* Runs an xdotool command to its end, the main context turning meanwhile */
static void
xdotool_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  g_subprocess_wait_check_finish (G_SUBPROCESS (source), result, &error);
  g_assert_no_error (error);
  *done = TRUE;
}

static gboolean
flag_set (gpointer user_data)
{
  return *(gboolean *) user_data;
}

static void
xdotool (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) process = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_NONE, &error);
  gboolean done = FALSE;

  g_assert_no_error (error);
  g_subprocess_wait_check_async (process, NULL, xdotool_done_cb, &done);
  g_assert_true (gui_test_wait_for (flag_set, &done, WAIT_MS));
}

static void
focus_window (gpointer window)
{
#ifdef GDK_WINDOWING_X11
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));
  g_autofree char *xid = NULL;

  g_assert_true (GDK_IS_X11_SURFACE (surface));
  xid = g_strdup_printf ("%lu", (unsigned long) gdk_x11_surface_get_xid (surface));
  xdotool ((const char * const[]) { "xdotool", "windowfocus", "--sync", xid, NULL });
#endif
}

static gboolean
scan_view_shown (gpointer user_data)
{
  GtkWidget *view = gui_test_find_widget (user_data, EO_TYPE_SCAN_VIEW, NULL);

  return view != NULL && gtk_widget_get_mapped (view);
}

typedef struct
{
  Script        *script;
  EoScanSession *session;
  EoOutbox      *outbox;
} Settle;

static gboolean
all_judged (gpointer user_data)
{
  Settle *settle = user_data;

  return settle->script->results->len >= settle->script->expected->len &&
         !eo_scan_session_get_busy (settle->session) &&
         !eo_outbox_get_sending (settle->outbox) &&
         eo_scan_session_get_answered (settle->session);
}

static gboolean
scan_mode_off (gpointer user_data)
{
  gboolean on = TRUE;

  g_object_get (user_data, "scan-mode", &on, NULL);
  return !on;
}

static gboolean
window_shown (gpointer user_data)
{
  return gtk_widget_get_mapped (user_data);
}

static void
test_scan_twenty (void)
{
  EoWindow *window = eo_window_new (NULL, client);
  g_autoptr(GPtrArray) pairs = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *expected_changes = NULL;
  g_autofree char *changes = NULL;
  g_autofree char *counts = NULL;
  Script script = { 0 };
  Settle settle;
  GtkWidget *view;
  EoScanSession *session;
  guint good[40];
  guint n_good = 0;
  guint n_refused = 0;
  gint64 started, took;
  gboolean on = FALSE;
  g_autofree char *first_rpo = tracking_for (500, FALSE);

  script.keys = g_string_new (NULL);
  script.expected = g_array_new (FALSE, FALSE, sizeof (EoScanOutcome));
  script.codes = g_ptr_array_new_with_free_func (g_free);
  script.results = g_ptr_array_new_with_free_func ((GDestroyNotify) eo_scan_result_free);

  for (guint i = 0; i < EO_DEMO_LISTED_COUNT && n_good < G_N_ELEMENTS (good); i++)
    if (listed_to_ship (i))
      good[n_good++] = i;
  g_assert_cmpuint (n_good, >=, 22);

  /* set aside here, so not to ship (one of the good ones, not among the 20) */
  g_assert_true (eo_store_set_aside (store, listed (good[21]), 1, &error));
  g_assert_no_error (error);

  /* 20 pairs, and every bad case among them */
  for (guint k = 0; k < 20; k++)
    {
      g_autofree char *order = g_strdup_printf ("%" G_GINT64_FORMAT, listed (good[k]));
      g_autofree char *rpo = tracking_for (500 + k, FALSE);

      switch (k)
        {
        case 1:
          /* a misread tracking number, then the right one */
          {
            g_autofree char *bad = tracking_for (500 + k, TRUE);

            add (&script, order, EO_SCAN_OUTCOME_ORDER_PICKED);
            add (&script, bad, EO_SCAN_OUTCOME_BAD_CHECK_DIGIT);
            add (&script, rpo, EO_SCAN_OUTCOME_QUEUED);
          }
          break;
        case 2:
          /* the tracking number first */
          add (&script, rpo, EO_SCAN_OUTCOME_NEED_ORDER);
          add (&script, order, EO_SCAN_OUTCOME_QUEUED);
          break;
        case 3:
          /* a double read of the slip */
          add (&script, order, EO_SCAN_OUTCOME_ORDER_PICKED);
          add (&script, order, EO_SCAN_OUTCOME_REPEATED);
          add (&script, rpo, EO_SCAN_OUTCOME_QUEUED);
          break;
        case 4:
          /* the first parcel's number for this order: refused; then its own */
          add (&script, order, EO_SCAN_OUTCOME_ORDER_PICKED);
          add (&script, first_rpo, EO_SCAN_OUTCOME_TRACKING_TAKEN);
          add (&script, rpo, EO_SCAN_OUTCOME_QUEUED);
          break;
        case 5:
          {
            g_autofree char *first = g_strdup_printf ("%" G_GINT64_FORMAT, listed (good[0]));
            g_autofree char *not_paid = g_strdup_printf ("%" G_GINT64_FORMAT, listed (2));
            g_autofree char *no_address = g_strdup_printf ("%" G_GINT64_FORMAT, listed (4));
            g_autofree char *aside = g_strdup_printf ("%" G_GINT64_FORMAT, listed (good[21]));

            /* the first order again: already sent; its number again: the same pair */
            add (&script, first, EO_SCAN_OUTCOME_NOT_TO_SHIP);
            add (&script, first_rpo, EO_SCAN_OUTCOME_SAME_PAIR);
            add (&script, "999999", EO_SCAN_OUTCOME_UNKNOWN_ORDER);
            add (&script, not_paid, EO_SCAN_OUTCOME_NOT_TO_SHIP);
            add (&script, no_address, EO_SCAN_OUTCOME_NOT_TO_SHIP);
            add (&script, aside, EO_SCAN_OUTCOME_NOT_TO_SHIP);
            add (&script, "ABC-12", EO_SCAN_OUTCOME_UNREADABLE);
            add (&script, order, EO_SCAN_OUTCOME_ORDER_PICKED);
            add (&script, rpo, EO_SCAN_OUTCOME_QUEUED);
          }
          break;
        default:
          add (&script, order, EO_SCAN_OUTCOME_ORDER_PICKED);
          add (&script, rpo, EO_SCAN_OUTCOME_QUEUED);
          break;
        }
      add_pair (pairs, listed (good[k]), rpo);
    }
  expected_changes = sorted_joined (pairs);
  for (guint i = 0; i < script.expected->len; i++)
    {
      EoScanOutcome outcome = g_array_index (script.expected, EoScanOutcome, i);

      if (outcome != EO_SCAN_OUTCOME_ORDER_PICKED && outcome != EO_SCAN_OUTCOME_QUEUED &&
          outcome != EO_SCAN_OUTCOME_SAME_PAIR && outcome != EO_SCAN_OUTCOME_NEED_ORDER)
        n_refused++;
    }

  eo_window_set_ready (window, TRUE);
  eo_window_set_store (window, store);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (gui_test_wait_for (window_shown, window, WAIT_MS));
  focus_window (window);

  /* Ctrl+Shift+S: scan mode */
  xdotool ((const char * const[]) { "xdotool", "key", "ctrl+shift+s", NULL });
  g_assert_true (gui_test_wait_for (scan_view_shown, window, WAIT_MS));
  g_object_get (window, "scan-mode", &on, NULL);
  g_assert_true (on);
  view = gui_test_find_widget (GTK_WIDGET (window), EO_TYPE_SCAN_VIEW, NULL);
  session = eo_scan_view_get_session (EO_SCAN_VIEW (view));
  g_assert_nonnull (session);
  g_signal_connect (session, "result", G_CALLBACK (on_result), &script);
  g_assert_true (gui_test_shows_text (view, "Scan an order’s packing slip"));

  /* the focus in the search entry, as a person may have left it: the codes still go to scan
   * mode, and nothing to the entry */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.focus-search", NULL);
  gui_test_drain ();

  started = g_get_monotonic_time ();
  xdotool ((const char * const[]) { "xdotool", "type", "--delay", "1", script.keys->str, NULL });
  settle = (Settle) { &script, session, eo_window_get_outbox (window) };
  g_assert_true (gui_test_wait_for (all_judged, &settle, WAIT_MS));
  took = g_get_monotonic_time () - started;
  g_test_message ("%u keys typed at 1 ms a key and judged in %.2f s: %.0f keys/s, none lost",
                  script.n_keys, took / 1e6, script.n_keys / (took / 1e6));

  /* every code read whole, in order, with the outcome it should have */
  g_assert_cmpuint (script.results->len, ==, script.expected->len);
  for (guint i = 0; i < script.results->len; i++)
    {
      const EoScanResult *result = script.results->pdata[i];
      g_autofree char *normalized = eo_tracking_normalize (script.codes->pdata[i]);

      if (result->outcome != g_array_index (script.expected, EoScanOutcome, i))
        g_error ("code %u (%s): outcome %d, expected %d: %s", i,
                 (char *) script.codes->pdata[i], result->outcome,
                 g_array_index (script.expected, EoScanOutcome, i), result->message);
      g_assert_cmpstr (result->code, ==, normalized);
      g_assert_cmpstr (result->message, !=, "");
    }

  /* the shop has exactly the 20 right pairs */
  changes = shop_changes ();
  g_assert_cmpstr (changes, ==, expected_changes);

  /* the counts and the last result, as shown */
  g_assert_cmpuint (eo_scan_session_get_n_sent (session), ==, 20);
  g_assert_cmpuint (eo_scan_session_get_n_waiting (session), ==, 0);
  g_assert_cmpuint (eo_scan_session_get_n_refused (session), ==, n_refused);
  counts = g_strdup_printf ("20 sent, 0 waiting for the connection, %u refused", n_refused);
  g_assert_true (gui_test_shows_text (view, counts));
  {
    const EoScanResult *last = script.results->pdata[script.results->len - 1];

    g_assert_true (gui_test_shows_text (view, last->message));
  }
  /* the search entry took none of it */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (gui_test_find_widget (GTK_WIDGET (window),
                                                                            GTK_TYPE_SEARCH_ENTRY,
                                                                            NULL))), ==, "");

  /* the result is an alert (a screen reader says it), the list and buttons have names */
  {
    GtkWidget *alert = NULL;
    GtkWidget *list = gui_test_find_widget (view, GTK_TYPE_LIST_BOX, NULL);

    for (GtkWidget *child = gtk_widget_get_first_child (view); child != NULL; )
      {
        if (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (child)) ==
            GTK_ACCESSIBLE_ROLE_ALERT)
          {
            alert = child;
            break;
          }
        if (gtk_widget_get_first_child (child) != NULL)
          child = gtk_widget_get_first_child (child);
        else
          {
            while (child != view && gtk_widget_get_next_sibling (child) == NULL)
              child = gtk_widget_get_parent (child);
            child = child == view ? NULL : gtk_widget_get_next_sibling (child);
          }
      }
    g_assert_nonnull (alert);
    g_assert_true (gtk_widget_get_mapped (alert));
    g_assert_nonnull (list);
    g_assert_cmpuint (g_list_model_get_n_items (eo_scan_session_get_pairs (session)), ==, 20);
    g_assert_nonnull (gui_test_find_widget (view, GTK_TYPE_BUTTON, "_Undo Last Pair"));
    g_assert_nonnull (gui_test_find_widget (view, GTK_TYPE_BUTTON, "_Leave Scan Mode"));
  }

  /* Escape leaves scan mode */
  xdotool ((const char * const[]) { "xdotool", "key", "Escape", NULL });
  g_assert_true (gui_test_wait_for (scan_mode_off, window, WAIT_MS));

  g_string_free (script.keys, TRUE);
  g_array_unref (script.expected);
  g_ptr_array_unref (script.codes);
  g_ptr_array_unref (script.results);
  gtk_window_destroy (GTK_WINDOW (window));
  gui_test_drain ();
}

static gboolean
order_shown (gpointer user_data)
{
  EoOrder *order = eo_window_get_order (user_data);

  return order != NULL && eo_order_get_id (order) == listed (6);
}

static gboolean
dialog_shown (gpointer user_data)
{
  GtkWidget *dialog = gui_test_find_toplevel (EO_TYPE_STATUS_DIALOG);

  return dialog != NULL && gtk_widget_get_mapped (dialog);
}

typedef struct
{
  GtkEditable *editable;
  const char  *text;
} Typed;

static gboolean
text_typed (gpointer user_data)
{
  Typed *typed = user_data;

  return g_strcmp0 (gtk_editable_get_text (typed->editable), typed->text) == 0;
}

/* Outside scan mode, the search entry and the tracking number's entry take a scanner's burst
 * whole */
static void
test_entries_take_bursts (void)
{
  EoWindow *window = eo_window_new (NULL, client);
  g_autofree char *order = g_strdup_printf ("%" G_GINT64_FORMAT "\n", listed (6));
  g_autofree char *rpo = tracking_for (900, FALSE);
  GtkWidget *dialog;
  GtkWidget *row;
  Typed typed;

  eo_window_set_ready (window, TRUE);
  eo_window_set_store (window, store);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (gui_test_wait_for (window_shown, window, WAIT_MS));
  focus_window (window);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.focus-search", NULL);
  gui_test_drain ();
  xdotool ((const char * const[]) { "xdotool", "type", "--delay", "1", order, NULL });
  g_assert_true (gui_test_wait_for (order_shown, window, WAIT_MS));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.mark-sent", NULL);
  g_assert_true (gui_test_wait_for (dialog_shown, NULL, WAIT_MS));
  dialog = gui_test_find_toplevel (EO_TYPE_STATUS_DIALOG);
  row = gui_test_find_widget (dialog, ADW_TYPE_ENTRY_ROW, NULL);
  g_assert_nonnull (row);
  gtk_widget_grab_focus (row);
  focus_window (dialog);
  xdotool ((const char * const[]) { "xdotool", "type", "--delay", "1", rpo, NULL });
  typed = (Typed) { GTK_EDITABLE (row), rpo };
  g_assert_true (gui_test_wait_for (text_typed, &typed, WAIT_MS));

  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (window));
  gui_test_drain ();
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *store_path = NULL;
  int result;

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
  store = eo_store_open (store_path, &error);
  g_assert_no_error (error);
  eo_store_set_account (store, eo_demo_server_get_login (server));

  g_test_add_func ("/scan/twenty-orders", test_scan_twenty);
  g_test_add_func ("/scan/entries-take-bursts", test_entries_take_bursts);

  result = g_test_run ();

  g_clear_object (&store);
  eo_demo_server_stop (server);
  g_clear_object (&server);
  g_clear_object (&client);
  g_free (data_dir);

  return result;
}

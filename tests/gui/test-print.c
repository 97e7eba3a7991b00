/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-print.c: the print dialog against the demo shop: Ctrl+P's action on the order shown and on
 * the orders selected in "To Ship", the PDF exported in a worker thread and the one GTK's print
 * operation writes (page count and sizes read back with pdfinfo), the forms chosen kept in the
 * settings, the cash-on-delivery rule and a missing sender's field said in the dialog, and the
 * Sender page of Preferences refusing what the forms cannot print; the Print History dialog
 * listing the runs recorded, and printing one again with its forms and sums. Runs under xvfb-run and
 * dbus-run-session, with the memory settings backend and a fresh store in a temporary
 * XDG_DATA_HOME. */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "eo-account.h"
#include "eo-demo-server.h"
#include "eo-order.h"
#include "eo-preferences-window.h"
#include "eo-money.h"
#include "eo-print-dialog.h"
#include "eo-print-history.h"
#include "eo-store.h"
#include "eo-to-ship-order.h"
#include "eo-to-ship-page.h"
#include "eo-window.h"
#include "gui-test-util.h"

#define WAIT_MS 20000

static EoDemoServer *server;
static EoClient *client;
static EoStore *store;
static char *data_dir;
static GSettings *settings;

static void
set_sender (gboolean with_bank)
{
  g_auto(GVariantBuilder) builder = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE ("a{ss}"));

  g_variant_builder_add (&builder, "{ss}", "name", "ИП Соколова Анна Викторовна");
  g_variant_builder_add (&builder, "{ss}", "address", "ул. Ленина, д. 5, оф. 12");
  g_variant_builder_add (&builder, "{ss}", "city", "Тверь");
  g_variant_builder_add (&builder, "{ss}", "postcode", "170100");
  if (with_bank)
    {
      g_variant_builder_add (&builder, "{ss}", "inn", "690123456789");
      g_variant_builder_add (&builder, "{ss}", "bank", "ПАО Сбербанк");
      g_variant_builder_add (&builder, "{ss}", "bik", "042809679");
      g_variant_builder_add (&builder, "{ss}", "corr-account", "30101810700000000679");
      g_variant_builder_add (&builder, "{ss}", "account", "40802810163000001234");
    }
  g_settings_set_value (settings, "sender", g_variant_builder_end (&builder));
}

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
  GtkWidget *dialog;

  while ((dialog = gui_test_find_toplevel (EO_TYPE_PRINT_DIALOG)) != NULL)
    gtk_window_destroy (GTK_WINDOW (dialog));
  while ((dialog = gui_test_find_toplevel (EO_TYPE_PRINT_HISTORY)) != NULL)
    gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (window));
  gui_test_drain ();
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
dialog_shown (gpointer user_data)
{
  return gui_test_find_toplevel (EO_TYPE_PRINT_DIALOG) != NULL;
}

static gboolean
not_busy (gpointer user_data)
{
  return !eo_print_dialog_get_busy (user_data);
}

/* The pages pdfinfo reads, and the size of each as "W x H" in whole points */
static guint
pdf_pages (const char  *path,
           GPtrArray   *sizes)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  int status = 0;
  guint pages = 0;
  const char *argv[] = { "pdfinfo", "-f", "1", "-l", "9999", path, NULL };

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               &out, &err, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      double w, h;
      guint n;

      if (g_str_has_prefix (lines[i], "Pages:"))
        pages = (guint) g_ascii_strtoull (lines[i] + strlen ("Pages:"), NULL, 10);
      else if (sizes != NULL && sscanf (lines[i], "Page %u size: %lf x %lf", &n, &w, &h) == 3)
        g_ptr_array_add (sizes, g_strdup_printf ("%.0f x %.0f", w, h));
    }

  return pages;
}

static void
choose_forms (EoPrintDialog     *dialog,
              const EoPrintForm *forms,
              gsize              n_forms)
{
  for (int f = 0; f < EO_PRINT_N_FORMS; f++)
    {
      gboolean wanted = FALSE;

      for (gsize i = 0; i < n_forms; i++)
        wanted |= forms[i] == (EoPrintForm) f;
      gtk_check_button_set_active (GTK_CHECK_BUTTON (eo_print_dialog_get_form_check (dialog, f)),
                                   wanted);
    }
}

static gboolean
action_enabled (EoPrintDialog *dialog,
                const char    *label)
{
  GtkWidget *button = gui_test_find_widget (GTK_WIDGET (dialog), GTK_TYPE_BUTTON, label);

  g_assert_nonnull (button);
  return gtk_widget_is_sensitive (button);
}

static EoPrintDialog *
open_order_dialog (EoWindow *window,
                   gint64    bill_id)
{
  OrderWait wait = { window, bill_id };

  eo_window_open_order (window, bill_id);
  g_assert_true (gui_test_wait_for (order_shown, &wait, WAIT_MS));

  /* Ctrl+P's action */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.print", NULL));
  g_assert_true (gui_test_wait_for (dialog_shown, NULL, WAIT_MS));

  return EO_PRINT_DIALOG (gui_test_find_toplevel (EO_TYPE_PRINT_DIALOG));
}

/* Order 1002 (3 770 left to pay): a slip, a 7-п and the list exported in 3 pages; the choice
 * is kept, and the next dialog starts with it */
static void
test_export (void)
{
  EoWindow *window;
  EoPrintDialog *dialog;
  const EoPrintForm forms[] = { EO_PRINT_FORM_SLIP, EO_PRINT_FORM_7P, EO_PRINT_FORM_LIST };
  g_autofree char *path = g_build_filename (data_dir, "order.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GPtrArray) sizes = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) kept = NULL;

  set_sender (FALSE);
  window = new_window ();
  dialog = open_order_dialog (window, 1002);
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (window));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==, "Print Order 1002");

  /* The defaults: COD what is left to pay, the declared value the order's sum */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (eo_print_dialog_get_cod_row (dialog, 0))),
                   ==, gtk_editable_get_text (GTK_EDITABLE (eo_print_dialog_get_value_row (dialog, 0))));
  g_assert_true (g_str_has_prefix (gtk_editable_get_text (GTK_EDITABLE (eo_print_dialog_get_cod_row (dialog, 0))),
                                   "3"));

  choose_forms (dialog, forms, G_N_ELEMENTS (forms));
  g_assert_null (eo_print_dialog_get_message (dialog));
  g_assert_cmpuint (eo_print_dialog_get_n_pages (dialog), ==, 3);
  g_assert_true (action_enabled (dialog, "_Export PDF…"));

  eo_print_dialog_export_pdf (dialog, file);
  g_assert_true (eo_print_dialog_get_busy (dialog));
  g_assert_true (gui_test_wait_for (not_busy, dialog, WAIT_MS));
  g_assert_null (eo_print_dialog_get_message (dialog));
  g_assert_nonnull (eo_print_dialog_get_status (dialog));
  g_assert_nonnull (strstr (eo_print_dialog_get_status (dialog), "3 pages exported"));
  g_assert_cmpuint (pdf_pages (path, sizes), ==, 3);
  /* A4, 198 x 141 mm, A4 */
  g_assert_cmpstr (sizes->pdata[0], ==, "595 x 842");
  g_assert_cmpstr (sizes->pdata[1], ==, "561 x 400");
  g_assert_cmpstr (sizes->pdata[2], ==, "595 x 842");

  /* Recorded in the shop's print history, as it was printed */
  g_assert_nonnull (strstr (eo_print_dialog_get_status (dialog), "Recorded as print run"));
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) runs = eo_store_list_print_runs (store, 1, &error);
    const EoPrintRun *run;

    g_assert_no_error (error);
    g_assert_cmpuint (runs->len, ==, 1);
    run = runs->pdata[0];
    g_assert_cmpstr (run->forms, ==, "slip,7p,list");
    g_assert_false (run->blank);
    g_assert_cmpuint (run->orders->len, ==, 1);
    g_assert_cmpint (eo_print_run_get_order (run, 0)->bill_id, ==, 1002);
    g_assert_cmpint (eo_print_run_get_order (run, 0)->cod, ==, 377000);
  }

  kept = g_settings_get_strv (settings, "print-forms");
  g_assert_cmpuint (g_strv_length (kept), ==, 3);
  g_assert_cmpstr (kept[0], ==, "slip");
  g_assert_cmpstr (kept[1], ==, "7p");
  g_assert_cmpstr (kept[2], ==, "list");

  gtk_window_destroy (GTK_WINDOW (dialog));
  gui_test_drain ();

  /* Offered again */
  dialog = open_order_dialog (window, 1002);
  for (int f = 0; f < EO_PRINT_N_FORMS; f++)
    g_assert_cmpint (gtk_check_button_get_active (GTK_CHECK_BUTTON (eo_print_dialog_get_form_check (dialog, f))),
                     ==, f == EO_PRINT_FORM_SLIP || f == EO_PRINT_FORM_7P || f == EO_PRINT_FORM_LIST);

  destroy_window (window);
}

/* Print… through GtkPrintOperation, GTK writing the PDF: every page on paper of its own size */
static void
test_print_operation (void)
{
  EoWindow *window;
  EoPrintDialog *dialog;
  const EoPrintForm forms[] = { EO_PRINT_FORM_7P, EO_PRINT_FORM_112EP, EO_PRINT_FORM_107 };
  g_autofree char *path = g_build_filename (data_dir, "printed.pdf", NULL);
  g_autoptr(GPtrArray) sizes = g_ptr_array_new_with_free_func (g_free);

  set_sender (TRUE);
  window = new_window ();
  dialog = open_order_dialog (window, 1002);
  choose_forms (dialog, forms, G_N_ELEMENTS (forms));
  g_assert_null (eo_print_dialog_get_message (dialog));
  g_assert_cmpuint (eo_print_dialog_get_n_pages (dialog), ==, 3);

  eo_print_dialog_print (dialog, path);
  g_assert_true (gui_test_wait_for (not_busy, dialog, WAIT_MS));
  g_assert_null (eo_print_dialog_get_message (dialog));
  g_assert_cmpuint (pdf_pages (path, sizes), ==, 3);
  g_assert_cmpuint (sizes->len, ==, 3);
  /* 198 x 141 mm, A4, A4 landscape */
  g_assert_cmpstr (sizes->pdata[0], ==, "561 x 400");
  g_assert_cmpstr (sizes->pdata[1], ==, "595 x 842");
  g_assert_cmpstr (sizes->pdata[2], ==, "842 x 595");

  destroy_window (window);
}

/* A declared value below the COD: said on the order's row and in the dialog, nothing can be
 * printed; a form that needs the sender's bank details without them: said, with the way to
 * Preferences */
static void
test_errors (void)
{
  EoWindow *window;
  EoPrintDialog *dialog;
  const EoPrintForm slip = EO_PRINT_FORM_SLIP;
  const EoPrintForm transfer = EO_PRINT_FORM_112EP;
  g_autofree char *path = g_build_filename (data_dir, "refused.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GtkWidget *value_row;

  set_sender (FALSE);
  window = new_window ();
  dialog = open_order_dialog (window, 1002);
  choose_forms (dialog, &slip, 1);
  g_assert_null (eo_print_dialog_get_message (dialog));

  value_row = eo_print_dialog_get_value_row (dialog, 0);
  gtk_editable_set_text (GTK_EDITABLE (value_row), "100");
  g_assert_nonnull (eo_print_dialog_get_message (dialog));
  g_assert_nonnull (strstr (eo_print_dialog_get_message (dialog),
                            "is less than the cash-on-delivery sum"));
  g_assert_true (gui_test_shows_text (GTK_WIDGET (dialog), eo_print_dialog_get_message (dialog)));
  g_assert_true (gtk_widget_has_css_class (value_row, "error"));
  g_assert_true (gui_test_shows_text (GTK_WIDGET (dialog), "The declared value must be at least"));
  g_assert_false (action_enabled (dialog, "_Export PDF…"));
  g_assert_false (action_enabled (dialog, "_Print…"));
  g_assert_cmpuint (eo_print_dialog_get_n_pages (dialog), ==, 0);

  /* Driven anyway: nothing is written */
  eo_print_dialog_export_pdf (dialog, file);
  g_assert_false (eo_print_dialog_get_busy (dialog));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  /* Not money: the row says so */
  gtk_editable_set_text (GTK_EDITABLE (value_row), "много");
  g_assert_true (gtk_widget_has_css_class (value_row, "error"));
  g_assert_true (gui_test_shows_text (GTK_WIDGET (dialog), "is not a sum of money"));

  /* Fixed: the problem is gone */
  gtk_editable_set_text (GTK_EDITABLE (value_row), "4000");
  g_assert_null (eo_print_dialog_get_message (dialog));
  g_assert_false (gtk_widget_has_css_class (value_row, "error"));
  g_assert_true (action_enabled (dialog, "_Export PDF…"));

  /* ф.112ЭП without the bank details; set meanwhile, the dialog takes them at once */
  choose_forms (dialog, &transfer, 1);
  g_assert_nonnull (eo_print_dialog_get_message (dialog));
  g_assert_nonnull (strstr (eo_print_dialog_get_message (dialog), "INN"));
  g_assert_nonnull (strstr (eo_print_dialog_get_message (dialog), "Preferences"));
  g_assert_true (gtk_widget_get_visible (gui_test_find_widget (GTK_WIDGET (dialog), GTK_TYPE_BUTTON,
                                                               "Set the _Sender…")));
  set_sender (TRUE);
  gui_test_drain ();
  g_assert_null (eo_print_dialog_get_message (dialog));
  g_assert_cmpuint (eo_print_dialog_get_n_pages (dialog), ==, 1);

  destroy_window (window);
}

static gboolean
page_built (gpointer user_data)
{
  return gui_test_find_widget (user_data, EO_TYPE_TO_SHIP_PAGE, NULL) != NULL;
}

static gboolean
page_ready (gpointer user_data)
{
  return eo_to_ship_page_get_loaded (user_data) && !eo_to_ship_page_get_syncing (user_data) &&
         eo_to_ship_page_get_orders (user_data) != NULL &&
         g_list_model_get_n_items (eo_to_ship_page_get_orders (user_data)) >= 3;
}

/* Three orders selected in "To Ship": Ctrl+P prints them in the list's order, a slip and a
 * 7-п each and one list: 7 pages */
static void
test_to_ship (void)
{
  EoWindow *window = new_window ();
  EoToShipPage *page;
  EoPrintDialog *dialog;
  const EoPrintForm forms[] = { EO_PRINT_FORM_SLIP, EO_PRINT_FORM_7P, EO_PRINT_FORM_LIST };
  g_autofree char *path = g_build_filename (data_dir, "to-ship.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *first_title = NULL;

  set_sender (FALSE);
  g_assert_true (gui_test_wait_for (page_built, window, WAIT_MS));
  page = EO_TO_SHIP_PAGE (gui_test_find_widget (GTK_WIDGET (window), EO_TYPE_TO_SHIP_PAGE, NULL));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-to-ship", NULL);
  g_assert_true (gui_test_wait_for ((GuiTestCondition) eo_to_ship_page_get_syncing, page, WAIT_MS));
  g_assert_true (gui_test_wait_for (page_ready, page, WAIT_MS));

  /* Nothing selected: nothing to print, said so */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.print", NULL));
  gui_test_drain ();
  g_assert_null (gui_test_find_toplevel (EO_TYPE_PRINT_DIALOG));

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(EoToShipOrder) order = g_list_model_get_item (eo_to_ship_page_get_orders (page), i);

      g_assert_true (eo_to_ship_page_set_checked (page, eo_to_ship_order_get_bill_id (order), TRUE));
      if (i == 0)
        first_title = g_strdup_printf ("%" G_GINT64_FORMAT " · %s",
                                       eo_to_ship_order_get_bill_id (order),
                                       eo_to_ship_order_get_full_name (order));
    }
  g_assert_nonnull (gui_test_find_widget (GTK_WIDGET (page), GTK_TYPE_BUTTON, "_Print…"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.print", NULL));
  g_assert_true (gui_test_wait_for (dialog_shown, NULL, WAIT_MS));
  dialog = EO_PRINT_DIALOG (gui_test_find_toplevel (EO_TYPE_PRINT_DIALOG));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==, "Print 3 Orders");
  g_assert_nonnull (gui_test_find_widget (GTK_WIDGET (dialog), ADW_TYPE_EXPANDER_ROW, first_title));

  choose_forms (dialog, forms, G_N_ELEMENTS (forms));
  g_assert_cmpuint (eo_print_dialog_get_n_pages (dialog), ==, 7);
  eo_print_dialog_export_pdf (dialog, file);
  g_assert_true (gui_test_wait_for (not_busy, dialog, WAIT_MS));
  g_assert_null (eo_print_dialog_get_message (dialog));
  g_assert_cmpuint (pdf_pages (path, NULL), ==, 7);

  destroy_window (window);
}

/* The Sender page keeps a valid field at once, in the key `expertam sender` uses, and never one
 * the forms cannot print: that row shows the error and says why */
static void
test_preferences_sender (void)
{
  EoPreferencesWindow *preferences = eo_preferences_window_new ();
  GtkWidget *inn = eo_preferences_window_get_sender_row (preferences, EO_PRINT_SENDER_INN);
  GtkWidget *city = eo_preferences_window_get_sender_row (preferences, EO_PRINT_SENDER_CITY);
  g_autoptr(GVariant) dict = NULL;
  const char *value = NULL;

  set_sender (FALSE);
  gtk_window_present (GTK_WINDOW (preferences));
  eo_preferences_window_show_sender (preferences);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (city)), ==, "Тверь");

  gtk_editable_set_text (GTK_EDITABLE (inn), "12345");
  g_assert_true (gtk_widget_has_css_class (inn, "error"));
  g_assert_true (gui_test_shows_text (GTK_WIDGET (preferences), "this one has 5 digits"));
  dict = g_settings_get_value (settings, "sender");
  g_assert_false (g_variant_lookup (dict, "inn", "&s", &value));
  g_clear_pointer (&dict, g_variant_unref);

  gtk_editable_set_text (GTK_EDITABLE (inn), "6901 2345 6789");
  g_assert_false (gtk_widget_has_css_class (inn, "error"));
  dict = g_settings_get_value (settings, "sender");
  g_assert_true (g_variant_lookup (dict, "inn", "&s", &value));
  g_assert_cmpstr (value, ==, "690123456789");
  g_clear_pointer (&dict, g_variant_unref);

  gtk_editable_set_text (GTK_EDITABLE (city), "  Тверь-2 ");
  dict = g_settings_get_value (settings, "sender");
  g_assert_true (g_variant_lookup (dict, "city", "&s", &value));
  g_assert_cmpstr (value, ==, "Тверь-2");

  gtk_window_destroy (GTK_WINDOW (preferences));
  gui_test_drain ();
}

static gboolean
history_shown (gpointer user_data)
{
  return gui_test_find_toplevel (EO_TYPE_PRINT_HISTORY) != NULL;
}

static gboolean
history_settled (gpointer user_data)
{
  return !eo_print_history_get_loading (user_data);
}

static gboolean
history_says (gpointer user_data)
{
  return eo_print_history_get_message (user_data) != NULL;
}

static EoPrintHistory *
open_history (EoWindow *window)
{
  EoPrintHistory *history;

  /* The main menu's Print History… */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.print-history", NULL));
  g_assert_true (gui_test_wait_for (history_shown, NULL, WAIT_MS));
  history = EO_PRINT_HISTORY (gui_test_find_toplevel (EO_TYPE_PRINT_HISTORY));
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (history)));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (history)) == GTK_WINDOW (window));

  return history;
}

static gboolean
form_active (EoPrintDialog *dialog,
             EoPrintForm    form)
{
  return gtk_check_button_get_active (GTK_CHECK_BUTTON (eo_print_dialog_get_form_check (dialog,
                                                                                        form)));
}

/* A run of order 1002 exported with a COD of 1 500 and a declared value of 4 000, on blanks: the
 * history lists it first, and its Print Again… opens the print dialog with those forms, the
 * blank switch and the sums, the settings' choice (changed meanwhile) left alone. A run with an
 * order the store does not have: said in the history, naming the order. */
static void
test_history (void)
{
  EoWindow *window;
  EoPrintDialog *dialog;
  EoPrintHistory *history;
  GtkWidget *button;
  const EoPrintForm forms[] = { EO_PRINT_FORM_SLIP, EO_PRINT_FORM_7P };
  g_autofree char *path = g_build_filename (data_dir, "again.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GPtrArray) runs = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(EoPrintRun) missing = NULL;
  g_autofree char *cod = eo_money_format (150000);
  g_autofree char *value = eo_money_format (400000);
  g_autofree char *accessible = NULL;
  g_auto(GStrv) kept = NULL;
  const EoPrintRun *run;
  gint64 run_id, missing_id;

  set_sender (FALSE);
  window = new_window ();
  dialog = open_order_dialog (window, 1002);
  choose_forms (dialog, forms, G_N_ELEMENTS (forms));
  gtk_switch_set_active (GTK_SWITCH (eo_print_dialog_get_blank_switch (dialog)), TRUE);
  gtk_editable_set_text (GTK_EDITABLE (eo_print_dialog_get_value_row (dialog, 0)), "4000");
  gtk_editable_set_text (GTK_EDITABLE (eo_print_dialog_get_cod_row (dialog, 0)), "1500");
  g_assert_null (eo_print_dialog_get_message (dialog));
  eo_print_dialog_export_pdf (dialog, file);
  g_assert_true (gui_test_wait_for (not_busy, dialog, WAIT_MS));
  g_assert_null (eo_print_dialog_get_message (dialog));

  runs = eo_store_list_print_runs (store, 1, &error);
  g_assert_no_error (error);
  run = runs->pdata[0];
  run_id = run->id;
  g_assert_cmpstr (run->forms, ==, "slip,7p");
  g_assert_true (run->blank);
  g_assert_cmpint (eo_print_run_get_order (run, 0)->cod, ==, 150000);
  g_assert_cmpint (eo_print_run_get_order (run, 0)->declared_value, ==, 400000);
  gtk_window_destroy (GTK_WINDOW (dialog));
  gui_test_drain ();

  /* Another choice kept meanwhile: printing again does not take it, nor change it */
  {
    const char *list_only[] = { "list", NULL };

    g_settings_set_strv (settings, "print-forms", list_only);
    g_settings_set_boolean (settings, "print-blank", FALSE);
  }

  history = open_history (window);
  g_assert_cmpuint (eo_print_history_get_n_runs (history), >=, 1);
  g_assert_null (eo_print_history_get_message (history));
  g_assert_true (gui_test_shows_text (GTK_WIDGET (history),
                                      "Packing Slip, Address Label (ф.7-п) · onto blank forms · "
                                      "1002"));
  button = eo_print_history_get_again_button (history, run_id);
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_mapped (button));
  accessible = g_strdup_printf ("Print run %" G_GINT64_FORMAT " of ", run_id);
  g_assert_true (g_str_has_prefix (gtk_widget_get_tooltip_text (button), accessible));

  g_assert_true (gtk_widget_activate (button));
  g_assert_true (gui_test_wait_for (dialog_shown, NULL, WAIT_MS));
  g_assert_true (gui_test_wait_for (history_settled, history, WAIT_MS));
  g_assert_null (eo_print_history_get_message (history));
  dialog = EO_PRINT_DIALOG (gui_test_find_toplevel (EO_TYPE_PRINT_DIALOG));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (history));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==, "Print Order 1002");
  for (int f = 0; f < EO_PRINT_N_FORMS; f++)
    g_assert_cmpint (form_active (dialog, f), ==, f == EO_PRINT_FORM_SLIP || f == EO_PRINT_FORM_7P);
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (eo_print_dialog_get_blank_switch (dialog))));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (eo_print_dialog_get_cod_row (dialog, 0))),
                   ==, cod);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (eo_print_dialog_get_value_row (dialog, 0))),
                   ==, value);
  g_assert_null (eo_print_dialog_get_message (dialog));
  g_assert_cmpuint (eo_print_dialog_get_n_pages (dialog), ==, 2);

  kept = g_settings_get_strv (settings, "print-forms");
  g_assert_cmpuint (g_strv_length (kept), ==, 1);
  g_assert_cmpstr (kept[0], ==, "list");
  g_assert_false (g_settings_get_boolean (settings, "print-blank"));

  /* Closed: the history is read again, and is still there */
  gtk_window_destroy (GTK_WINDOW (dialog));
  gui_test_drain ();
  g_assert_true (gui_test_find_toplevel (EO_TYPE_PRINT_HISTORY) == GTK_WIDGET (history));
  gtk_window_destroy (GTK_WINDOW (history));
  gui_test_drain ();

  /* A run whose order 990001 the store does not have */
  missing = eo_print_run_new ("slip");
  eo_print_run_add_order (missing, 1002, 0, 0, NULL);
  eo_print_run_add_order (missing, 990001, 0, 0, NULL);
  missing_id = eo_store_record_print_run (store, missing, g_get_real_time () / G_USEC_PER_SEC,
                                          &error);
  g_assert_no_error (error);
  g_assert_cmpint (missing_id, >, run_id);

  history = open_history (window);
  button = eo_print_history_get_again_button (history, missing_id);
  g_assert_nonnull (button);
  /* The button's activation ends with "clicked" a moment later */
  g_assert_true (gtk_widget_activate (button));
  g_assert_true (gui_test_wait_for (history_says, history, WAIT_MS));
  g_assert_false (eo_print_history_get_loading (history));
  g_assert_nonnull (strstr (eo_print_history_get_message (history), "order 990001"));
  g_assert_true (gui_test_shows_text (GTK_WIDGET (history), eo_print_history_get_message (history)));
  g_assert_null (gui_test_find_toplevel (EO_TYPE_PRINT_DIALOG));

  destroy_window (window);
}

/* A store with no runs: the history says so; no store yet: the window says so */
static void
test_history_empty (void)
{
  g_autofree char *path = g_build_filename (data_dir, "empty.db", NULL);
  g_autoptr(EoStore) empty = NULL;
  g_autoptr(GError) error = NULL;
  EoWindow *window;
  EoPrintHistory *history;

  empty = eo_store_open (path, &error);
  g_assert_no_error (error);
  eo_store_set_account (empty, eo_demo_server_get_login (server));

  window = eo_window_new (NULL, client);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.print-history", NULL));
  gui_test_drain ();
  g_assert_null (gui_test_find_toplevel (EO_TYPE_PRINT_HISTORY));
  g_assert_true (gui_test_shows_text (GTK_WIDGET (window), "The shop is still opening"));

  eo_window_set_store (window, empty);
  history = open_history (window);
  g_assert_cmpuint (eo_print_history_get_n_runs (history), ==, 0);
  g_assert_true (gui_test_shows_text (GTK_WIDGET (history), "No Print Runs Yet"));

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
  settings = g_settings_new (EO_SETTINGS_SCHEMA_ID);

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

  /* The sync covers the demo shop's 90 days of orders */
  now = g_date_time_new_now_utc ();
  before = g_date_time_add_days (now, -99);
  day = g_date_time_format (before, "%Y-%m-%d");
  g_assert_true (eo_store_set_sync_state (store, day, 0, &error));
  g_assert_no_error (error);

  g_test_add_func ("/print/export", test_export);
  g_test_add_func ("/print/print-operation", test_print_operation);
  g_test_add_func ("/print/errors", test_errors);
  g_test_add_func ("/print/to-ship", test_to_ship);
  g_test_add_func ("/print/preferences-sender", test_preferences_sender);
  g_test_add_func ("/print/history", test_history);
  g_test_add_func ("/print/history-empty", test_history_empty);

  result = g_test_run ();

  g_clear_object (&settings);
  g_clear_object (&store);
  g_clear_object (&server);
  g_clear_object (&client);
  g_free (data_dir);

  return result;
}

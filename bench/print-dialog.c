/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench/print-dialog.c: the print dialog for a big selection: N orders from their dialog made to
 * its first frame, one keystroke in a sum (every order checked again), and the PDF of a slip and
 * a ф.7-п each exported in the worker thread, with the longest the main loop went without
 * running meanwhile (what the person would feel as a freeze) and the peak resident set size.
 *
 * Usage (on a display): xvfb-run BUILDDIR/bench/bench-print-dialog [N_ORDERS]   (500)
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>

#include "bench-report.h"
#include "eo-account.h"
#include "eo-print-dialog.h"

static gint64 last_tick;
static gint64 longest_gap;

static EoOrder *
make_order (guint i)
{
  g_autofree char *json = g_strdup_printf (
    "{\"id\": \"%u\", \"first_name\": \"Мария\", \"last_name\": \"Иванова-%u\","
    " \"middle_name\": \"Сергеевна\", \"phone\": \"+7 912 345-67-89\","
    " \"region\": \"Свердловская область\", \"city\": \"Екатеринбург\","
    " \"address\": \"ул. Малышева, д. %u, кв. 12\", \"postalcode\": \"620014\","
    " \"created\": \"2026-12-01 10:24:05\", \"price\": \"6280.00\", \"bill_sum_topay\": \"6280.00\","
    " \"items\": [{\"id\": \"17\", \"title\": \"Курс «Основы фотографии»\", \"sum\": \"4990.00\"},"
    " {\"id\": \"42\", \"title\": \"Набор для вышивания «Сирень»\", \"sum\": \"1290.00\"}]}",
    100000 + i, i, i % 200 + 1);
  g_autoptr(JsonNode) node = json_from_string (json, NULL);

  return eo_order_new_from_json (node, "shop.example.ru", NULL);
}

static gboolean
tick_cb (gpointer user_data)
{
  gint64 now = g_get_monotonic_time ();

  longest_gap = MAX (longest_gap, now - last_tick);
  last_tick = now;
  return G_SOURCE_CONTINUE;
}

static void
painted_cb (GdkFrameClock *clock,
            gboolean      *painted)
{
  *painted = TRUE;
}

int
main (int   argc,
      char *argv[])
{
  guint n_orders = argc > 1 ? (guint) atoi (argv[1]) : 500;
  g_autoptr(GPtrArray) orders = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GSettings) settings = NULL;
  g_auto(GVariantBuilder) sender = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE ("a{ss}"));
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  GtkWidget *parent;
  EoPrintDialog *dialog;
  gboolean painted = FALSE;
  gint64 start;
  guint tick;
  GStatBuf st;

  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  adw_init ();

  settings = g_settings_new (EO_SETTINGS_SCHEMA_ID);
  g_variant_builder_add (&sender, "{ss}", "name", "ИП Соколова Анна Викторовна");
  g_variant_builder_add (&sender, "{ss}", "address", "ул. Ленина, д. 5, оф. 12");
  g_variant_builder_add (&sender, "{ss}", "city", "Тверь");
  g_variant_builder_add (&sender, "{ss}", "postcode", "170100");
  g_settings_set_value (settings, "sender", g_variant_builder_end (&sender));
  g_settings_set_strv (settings, "print-forms", (const char * const[]) { "slip", "7p", NULL });

  for (guint i = 0; i < n_orders; i++)
    g_ptr_array_add (orders, make_order (i));

  parent = gtk_window_new ();
  gtk_window_present (GTK_WINDOW (parent));

  /* Made and painted */
  start = g_get_monotonic_time ();
  dialog = eo_print_dialog_new (GTK_WINDOW (parent), orders);
  gtk_window_present (GTK_WINDOW (dialog));
  while (!gtk_widget_get_realized (GTK_WIDGET (dialog)))
    g_main_context_iteration (NULL, TRUE);
  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (dialog)), "after-paint",
                    G_CALLBACK (painted_cb), &painted);
  while (!painted)
    g_main_context_iteration (NULL, TRUE);
  printf ("orders %u\n", n_orders);
  printf ("dialog-shown-ms %.0f\n", (g_get_monotonic_time () - start) / 1000.0);

  /* A keystroke in the first order's declared value */
  start = g_get_monotonic_time ();
  gtk_editable_set_text (GTK_EDITABLE (eo_print_dialog_get_value_row (dialog, 0)), "7000");
  printf ("keystroke-ms %.1f\n", (g_get_monotonic_time () - start) / 1000.0);

  /* The export, the main loop watched every 5 ms */
  dir = g_dir_make_tmp (NULL, NULL);
  path = g_build_filename (dir, "bench.pdf", NULL);
  file = g_file_new_for_path (path);
  start = g_get_monotonic_time ();
  last_tick = start;
  tick = g_timeout_add (5, tick_cb, NULL);
  eo_print_dialog_export_pdf (dialog, file);
  while (eo_print_dialog_get_busy (dialog))
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick);
  if (g_stat (path, &st) != 0 || eo_print_dialog_get_message (dialog) != NULL)
    {
      fprintf (stderr, "the export failed: %s\n", eo_print_dialog_get_message (dialog));
      return 1;
    }
  printf ("pages %u, PDF %.1f MB\n", eo_print_dialog_get_n_pages (dialog), st.st_size / 1e6);
  printf ("export-ms %.0f\n", (g_get_monotonic_time () - start) / 1000.0);
  printf ("longest-main-loop-gap-ms %.1f\n", longest_gap / 1000.0);
  printf ("peak-rss-mb %.0f\n", bench_peak_rss_kb () / 1024.0);

  g_unlink (path);
  g_rmdir (dir);
  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (parent));
  return 0;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench/print.c: a morning's print run: N orders x (packing slip + ф.7-п) to one PDF
 *
 * Each order has three items, a COD sum, a declared value and a tracking number (so every page
 * has barcodes). Prints the time to lay out and write the PDF, each run and the median, the
 * file's size and the process's peak resident set size. Goal: 200 orders in < 2 s, < 150 MB.
 *
 * Usage: bench-print [N_ORDERS [RUNS]]   (200, 3)
 */

#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "eo-print-document.h"
#include "eo-tracking.h"

static long
peak_rss_kb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, "VmHWM:");
  return line != NULL ? strtol (line + strlen ("VmHWM:"), NULL, 10) : -1;
}

static EoOrder *
make_order (guint i)
{
  g_autofree char *json = g_strdup_printf (
    "{\"id\": \"%u\", \"first_name\": \"Мария\", \"last_name\": \"Иванова-%u\","
    " \"middle_name\": \"Сергеевна\", \"phone\": \"+7 912 345-67-89\","
    " \"region\": \"Свердловская область\", \"city\": \"Екатеринбург\","
    " \"address\": \"ул. Малышева, д. %u, кв. 12\", \"postalcode\": \"620014\","
    " \"created\": \"2026-12-01 10:24:05\", \"price\": \"6280.00\", \"bill_sum_topay\": \"6280.00\","
    " \"comment\": \"Позвоните за час до доставки.\","
    " \"items\": [{\"id\": \"17\", \"title\": \"Курс «Основы фотографии»\", \"sum\": \"4990.00\","
    " \"pincode\": \"PH-7Q4K-2M9X\"}, {\"id\": \"42\", \"title\": \"Набор для вышивания «Сирень»\","
    " \"sum\": \"1290.00\"}, {\"id\": \"43\", \"title\": \"Пяльцы\", \"sum\": \"0.00\"}]}",
    100000 + i, i, i % 200 + 1);
  g_autoptr(JsonNode) node = json_from_string (json, NULL);

  return eo_order_new_from_json (node, "shop.example.ru", NULL);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

int
main (int   argc,
      char *argv[])
{
  guint n_orders = argc > 1 ? (guint) atoi (argv[1]) : 200;
  guint runs = argc > 2 ? (guint) atoi (argv[2]) : 3;
  g_autoptr(EoPrintSender) sender = eo_print_sender_new ();
  g_autoptr(GPtrArray) parcels = g_ptr_array_new_with_free_func ((GDestroyNotify) eo_print_parcel_free);
  const EoPrintForm forms[] = { EO_PRINT_FORM_SLIP, EO_PRINT_FORM_7P };
  g_autofree char *dir = g_dir_make_tmp ("bench-print-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "run.pdf", NULL);
  g_autofree double *times = g_new0 (double, MAX (runs, 1));
  GStatBuf st = { 0 };
  guint n_pages = 0;

  eo_print_sender_set (sender, EO_PRINT_SENDER_NAME, "ИП Соколова Анна Викторовна");
  eo_print_sender_set (sender, EO_PRINT_SENDER_ADDRESS, "ул. Ленина, д. 5, оф. 12");
  eo_print_sender_set (sender, EO_PRINT_SENDER_CITY, "Тверь");
  eo_print_sender_set (sender, EO_PRINT_SENDER_POSTCODE, "170100");
  eo_print_sender_set (sender, EO_PRINT_SENDER_PHONE, "+7 4822 55-44-33");

  for (guint i = 0; i < n_orders; i++)
    {
      g_autoptr(EoOrder) order = make_order (i);
      char first13[14];
      char tracking[15];

      g_snprintf (first13, sizeof first13, "8010270%06u", i);
      g_snprintf (tracking, sizeof tracking, "%s%d", first13, eo_tracking_domestic_check_digit (first13));
      g_ptr_array_add (parcels, eo_print_parcel_new (order, 628000, 628000, tracking));
    }

  for (guint r = 0; r < runs; r++)
    {
      g_autoptr(EoPrintDocument) doc = NULL;
      g_autoptr(GError) error = NULL;
      gint64 start = g_get_monotonic_time ();

      doc = eo_print_document_new (sender, parcels, forms, G_N_ELEMENTS (forms), NULL, &error);
      if (doc == NULL || !eo_print_document_write_pdf (doc, path, &error))
        g_error ("%s", error->message);
      times[r] = (g_get_monotonic_time () - start) / 1e6;
      n_pages = eo_print_document_get_n_pages (doc);
      printf ("run %u: %.3f s\n", r + 1, times[r]);
    }
  g_stat (path, &st);
  qsort (times, runs, sizeof (double), compare_doubles);
  printf ("orders %u, pages %u, PDF %.1f MB\n", n_orders, n_pages, st.st_size / 1e6);
  printf ("median %.3f s (goal < 2 s), peak RSS %.1f MB (goal < 150 MB)\n", times[runs / 2],
          peak_rss_kb () / 1024.0);
  g_unlink (path);
  g_rmdir (dir);
  return 0;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* print-sample.c: draws the sample orders' forms to OUTDIR (whole.pdf, blank.pdf, offset.pdf
 * with ф.7-п moved, list.csv) for test-print-pdf.py and the screenshots */

#include "config.h"

#include <locale.h>

#include "print-test-util.h"

static const EoPrintForm all_forms[] = {
  EO_PRINT_FORM_SLIP, EO_PRINT_FORM_SLIP_LABEL, EO_PRINT_FORM_7P, EO_PRINT_FORM_112EP,
  EO_PRINT_FORM_LIST, EO_PRINT_FORM_ENVELOPE_DL, EO_PRINT_FORM_ENVELOPE_C5,
  EO_PRINT_FORM_ENVELOPE_C4, EO_PRINT_FORM_116, EO_PRINT_FORM_107,
};

static void
write_pdf (const char *dir,
           const char *name,
           gboolean    blank,
           double      offset_x_7p,
           double      offset_y_7p)
{
  g_autoptr(EoPrintSender) sender = print_test_sender ();
  g_autoptr(GPtrArray) parcels = print_test_parcels ();
  g_autoptr(GDateTime) date = g_date_time_new_local (2026, 12, 2, 9, 0, 0);
  EoPrintOptions options = { .blank = blank, .date = date, .list_number = 3 };

  options.offset_x[EO_PRINT_FORM_7P] = offset_x_7p;
  options.offset_y[EO_PRINT_FORM_7P] = offset_y_7p;
  g_autoptr(EoPrintDocument) doc = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, name, NULL);

  doc = eo_print_document_new (sender, parcels, all_forms, G_N_ELEMENTS (all_forms), &options, &error);
  g_assert_no_error (error);
  eo_print_document_write_pdf (doc, path, &error);
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(EoPrintSender) sender = print_test_sender ();
  g_autoptr(GPtrArray) parcels = print_test_parcels ();
  g_autofree char *csv = NULL;
  g_autofree char *csv_path = NULL;
  g_autoptr(GError) error = NULL;

  setlocale (LC_ALL, "");
  if (argc != 2)
    {
      g_printerr ("Usage: %s OUTDIR\n", argv[0]);
      return 2;
    }

  write_pdf (argv[1], "whole.pdf", FALSE, 0, 0);
  write_pdf (argv[1], "blank.pdf", TRUE, 0, 0);
  /* The printer's calibration: ф.7-п 4 mm right and 2.5 mm up */
  write_pdf (argv[1], "offset.pdf", TRUE, 4, -2.5);

  csv = eo_print_list_csv (sender, parcels);
  csv_path = g_build_filename (argv[1], "list.csv", NULL);
  if (!g_file_set_contents (csv_path, csv, -1, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  return 0;
}

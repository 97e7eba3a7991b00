/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-print.c: the print run's rules (declared value and COD, the sender's fields, the form
 * names), its pages and sizes, and the list's CSV; the drawing is read back by test-print-pdf.py */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "eo-error.h"
#include "print-test-util.h"

static void
test_forms_parse (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) forms = eo_print_forms_parse (" slip, 7p ,112EP,list", &error);
  g_autoptr(GArray) bad = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (forms->len, ==, 4);
  g_assert_cmpint (g_array_index (forms, EoPrintForm, 0), ==, EO_PRINT_FORM_SLIP);
  g_assert_cmpint (g_array_index (forms, EoPrintForm, 1), ==, EO_PRINT_FORM_7P);
  g_assert_cmpint (g_array_index (forms, EoPrintForm, 2), ==, EO_PRINT_FORM_112EP);
  g_assert_cmpint (g_array_index (forms, EoPrintForm, 3), ==, EO_PRINT_FORM_LIST);

  bad = eo_print_forms_parse ("slip,7a", &error);
  g_assert_null (bad);
  g_assert_error (error, EO_ERROR, EO_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "7a"));
  g_assert_nonnull (strstr (error->message, "envelope-c5"));
  g_clear_error (&error);

  g_assert_null (eo_print_forms_parse (" , ", &error));
  g_assert_error (error, EO_ERROR, EO_ERROR_INVALID_INPUT);
}

static void
test_cod_rule (void)
{
  g_autoptr(EoPrintSender) sender = print_test_sender ();
  g_autoptr(GPtrArray) parcels = g_ptr_array_new_with_free_func ((GDestroyNotify) eo_print_parcel_free);
  g_autoptr(EoOrder) order = print_test_order (1201, "Иванова", "Мария", "620014", "ул. Мира, 1", "");
  g_autoptr(EoPrintDocument) doc = NULL;
  g_autoptr(GError) error = NULL;
  EoPrintForm form = EO_PRINT_FORM_7P;

  /* COD 1990.00 with a declared value of 1989.99: refused, naming the order and both sums */
  g_ptr_array_add (parcels, eo_print_parcel_new (order, 199000, 198999, NULL));
  doc = eo_print_document_new (sender, parcels, &form, 1, NULL, &error);
  g_assert_null (doc);
  g_assert_error (error, EO_ERROR, EO_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "1201"));
  g_assert_nonnull (strstr (error->message, "1 989,99"));
  g_assert_nonnull (strstr (error->message, "1 990,00"));
  g_clear_error (&error);

  /* COD with no declared value at all: refused too */
  g_ptr_array_set_size (parcels, 0);
  g_ptr_array_add (parcels, eo_print_parcel_new (order, 100, 0, NULL));
  g_assert_null (eo_print_document_new (sender, parcels, &form, 1, NULL, &error));
  g_assert_error (error, EO_ERROR, EO_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  /* Equal is fine, and so is no COD */
  g_ptr_array_set_size (parcels, 0);
  g_ptr_array_add (parcels, eo_print_parcel_new (order, 199000, 199000, NULL));
  g_ptr_array_add (parcels, eo_print_parcel_new (order, 0, 0, NULL));
  doc = eo_print_document_new (sender, parcels, &form, 1, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (eo_print_document_get_n_pages (doc), ==, 2);
}

static void
test_missing_sender_field (void)
{
  g_autoptr(GPtrArray) parcels = print_test_parcels ();
  const struct
  {
    EoPrintForm form;
    EoPrintSenderField field;
    gboolean needed;
  } cases[] = {
    { EO_PRINT_FORM_112EP, EO_PRINT_SENDER_INN, TRUE },
    { EO_PRINT_FORM_112EP, EO_PRINT_SENDER_BIK, TRUE },
    { EO_PRINT_FORM_112EP, EO_PRINT_SENDER_CORR_ACCOUNT, TRUE },
    { EO_PRINT_FORM_112EP, EO_PRINT_SENDER_ACCOUNT, TRUE },
    { EO_PRINT_FORM_112EP, EO_PRINT_SENDER_BANK, TRUE },
    { EO_PRINT_FORM_7P, EO_PRINT_SENDER_POSTCODE, TRUE },
    { EO_PRINT_FORM_7P, EO_PRINT_SENDER_ADDRESS, TRUE },
    { EO_PRINT_FORM_7P, EO_PRINT_SENDER_INN, FALSE },
    { EO_PRINT_FORM_SLIP, EO_PRINT_SENDER_NAME, TRUE },
    { EO_PRINT_FORM_SLIP, EO_PRINT_SENDER_POSTCODE, FALSE },
    { EO_PRINT_FORM_LIST, EO_PRINT_SENDER_CITY, TRUE },
    { EO_PRINT_FORM_ENVELOPE_DL, EO_PRINT_SENDER_POSTCODE, TRUE },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(EoPrintSender) sender = print_test_sender ();
      g_autoptr(EoPrintDocument) doc = NULL;
      g_autoptr(GError) error = NULL;

      eo_print_sender_set (sender, cases[i].field, "  ");
      doc = eo_print_document_new (sender, parcels, &cases[i].form, 1, NULL, &error);
      if (!cases[i].needed)
        {
          g_assert_no_error (error);
          g_assert_nonnull (doc);
          continue;
        }
      g_assert_null (doc);
      g_assert_error (error, EO_ERROR, EO_ERROR_INVALID_INPUT);
      /* The message names the field, as a person reads it and as the option to set it */
      g_assert_nonnull (strstr (error->message, eo_print_sender_field_label (cases[i].field)));
      g_assert_nonnull (strstr (error->message, eo_print_sender_field_key (cases[i].field)));
      g_assert_nonnull (strstr (error->message, eo_print_form_key (cases[i].form)));
    }
}

static void
test_pages (void)
{
  g_autoptr(EoPrintSender) sender = print_test_sender ();
  g_autoptr(GPtrArray) parcels = print_test_parcels ();
  g_autoptr(EoPrintDocument) doc = NULL;
  g_autoptr(GError) error = NULL;
  const EoPrintForm forms[] = { EO_PRINT_FORM_7P, EO_PRINT_FORM_112EP, EO_PRINT_FORM_LIST };
  const double sizes[][2] = { { 198, 141 }, { 198, 141 }, { 198, 141 }, { 210, 297 }, { 210, 297 },
                              { 210, 297 } };
  double w, h;

  /* Three 7-п, ф.112ЭП for the two parcels with COD only, one page of the list */
  doc = eo_print_document_new (sender, parcels, forms, G_N_ELEMENTS (forms), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (eo_print_document_get_n_pages (doc), ==, G_N_ELEMENTS (sizes));
  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      eo_print_document_get_page_size (doc, i, &w, &h);
      g_assert_cmpfloat_with_epsilon (w, sizes[i][0], 0.01);
      g_assert_cmpfloat_with_epsilon (h, sizes[i][1], 0.01);
    }

  /* ф.107 only for the two parcels with a declared value, A4 landscape */
  {
    g_autoptr(EoPrintDocument) inventory = NULL;
    EoPrintForm form = EO_PRINT_FORM_107;

    inventory = eo_print_document_new (sender, parcels, &form, 1, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (eo_print_document_get_n_pages (inventory), ==, 2);
    eo_print_document_get_page_size (inventory, 1, &w, &h);
    g_assert_cmpfloat_with_epsilon (w, 297, 0.01);
    g_assert_cmpfloat_with_epsilon (h, 210, 0.01);
  }

  /* 112ЭП alone for prepaid orders only: nothing to print, said so */
  g_ptr_array_remove_range (parcels, 0, 2);
  g_clear_pointer (&doc, eo_print_document_free);
  doc = eo_print_document_new (sender, parcels, &forms[1], 1, NULL, &error);
  g_assert_null (doc);
  g_assert_error (error, EO_ERROR, EO_ERROR_INVALID_INPUT);
}

static void
test_list_pages (void)
{
  g_autoptr(EoPrintSender) sender = print_test_sender ();
  g_autoptr(GPtrArray) parcels = g_ptr_array_new_with_free_func ((GDestroyNotify) eo_print_parcel_free);
  g_autoptr(EoOrder) order = print_test_order (1, "Петров", "Илья", "101000", "Москва", "");
  g_autoptr(EoPrintDocument) doc = NULL;
  g_autoptr(GError) error = NULL;
  EoPrintForm form = EO_PRINT_FORM_LIST;

  /* Twelve rows a page: thirteen parcels take two */
  for (guint i = 0; i < 12 + 1; i++)
    g_ptr_array_add (parcels, eo_print_parcel_new (order, 0, 0, NULL));
  doc = eo_print_document_new (sender, parcels, &form, 1, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (eo_print_document_get_n_pages (doc), ==, 2);
}

static void
test_csv (void)
{
  g_autoptr(EoPrintSender) sender = print_test_sender ();
  g_autoptr(GPtrArray) parcels = print_test_parcels ();
  g_autofree char *csv = eo_print_list_csv (sender, parcels);
  g_auto(GStrv) lines = g_strsplit (csv, "\r\n", -1);

  /* A header, three rows, the totals, and the empty string after the last CRLF */
  g_assert_cmpuint (g_strv_length (lines), ==, 6);
  g_assert_true (g_str_has_prefix (lines[0], "№,Заказ,Адресат,"));
  g_assert_cmpstr (lines[1], ==,
                   "1,1001,Иванова Мария,+7 912 345-67-89,620014,"
                   "\"Екатеринбург, ул. Малышева, д. 51, кв. 12\",80102700123457,1990.00,1990.00");
  g_assert_true (g_str_has_suffix (lines[2], ",LS018350611RU,5000.00,21.05"));
  g_assert_true (g_str_has_suffix (lines[3], ",,0.00,0.00"));
  g_assert_cmpstr (lines[4], ==, "Итого,3,ИП Соколова Анна Викторовна,,,,,6990.00,2011.05");
  g_assert_cmpstr (lines[5], ==, "");
}

/* The fields of digits: trimmed, spaces between groups dropped, the wrong length or a letter
 * refused naming the field; the other fields as typed, trimmed */
static void
test_sender_check (void)
{
  g_autoptr(EoPrintSender) sender = print_test_sender ();
  g_autoptr(EoPrintSender) back = NULL;
  g_autoptr(GVariant) dict = NULL;
  g_autoptr(GError) error = NULL;
  char *kept;

  kept = eo_print_sender_check_value (EO_PRINT_SENDER_ACCOUNT, " 4080 2810 1630 0000 1234 ", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kept, ==, "40802810163000001234");
  g_free (kept);
  kept = eo_print_sender_check_value (EO_PRINT_SENDER_INN, "6901234567", &error);
  g_assert_cmpstr (kept, ==, "6901234567");
  g_free (kept);
  kept = eo_print_sender_check_value (EO_PRINT_SENDER_POSTCODE, "", &error);
  g_assert_cmpstr (kept, ==, "");
  g_free (kept);
  kept = eo_print_sender_check_value (EO_PRINT_SENDER_PHONE, " +7 (4822) 55-44-33 ", &error);
  g_assert_cmpstr (kept, ==, "+7 (4822) 55-44-33");
  g_free (kept);

  g_assert_null (eo_print_sender_check_value (EO_PRINT_SENDER_INN, "69012345678", &error));
  g_assert_error (error, EO_ERROR, EO_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "INN"));
  g_assert_nonnull (strstr (error->message, "11 digits"));
  g_clear_error (&error);
  g_assert_null (eo_print_sender_check_value (EO_PRINT_SENDER_POSTCODE, "17O100", &error));
  g_assert_error (error, EO_ERROR, EO_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "digits only"));
  g_clear_error (&error);
  g_assert_null (eo_print_sender_check_value (EO_PRINT_SENDER_BIK, "04280967", &error));
  g_assert_error (error, EO_ERROR, EO_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  /* The settings' dictionary and back */
  eo_print_sender_set (sender, EO_PRINT_SENDER_REGION, "");
  dict = g_variant_ref_sink (eo_print_sender_to_variant (sender));
  g_assert_false (g_variant_lookup (dict, "region", "&s", NULL));
  back = eo_print_sender_new_from_variant (dict);
  for (int i = 0; i < EO_PRINT_SENDER_N_FIELDS; i++)
    g_assert_cmpstr (eo_print_sender_get (back, i), ==, eo_print_sender_get (sender, i));
}

static void
count_progress (guint    done,
                guint    n_pages,
                gpointer user_data)
{
  guint *calls = user_data;

  g_assert_cmpuint (done, ==, *calls + 1);
  (*calls)++;
}

/* The PDF with progress, page by page; cancelled, no file is left */
static void
test_write_progress (void)
{
  g_autoptr(EoPrintSender) sender = print_test_sender ();
  g_autoptr(GPtrArray) parcels = print_test_parcels ();
  g_autoptr(EoPrintDocument) doc = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp (NULL, &error);
  g_autofree char *path = g_build_filename (dir, "out.pdf", NULL);
  const EoPrintForm forms[] = { EO_PRINT_FORM_SLIP, EO_PRINT_FORM_7P };
  guint calls = 0;

  doc = eo_print_document_new (sender, parcels, forms, G_N_ELEMENTS (forms), NULL, &error);
  g_assert_no_error (error);
  g_assert_true (eo_print_document_write_pdf_full (doc, path, cancellable, count_progress, &calls,
                                                   &error));
  g_assert_no_error (error);
  g_assert_cmpuint (calls, ==, eo_print_document_get_n_pages (doc));
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

  g_cancellable_cancel (cancellable);
  g_assert_false (eo_print_document_write_pdf_full (doc, path, cancellable, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/print/forms-parse", test_forms_parse);
  g_test_add_func ("/print/cod-rule", test_cod_rule);
  g_test_add_func ("/print/missing-sender-field", test_missing_sender_field);
  g_test_add_func ("/print/pages", test_pages);
  g_test_add_func ("/print/list-pages", test_list_pages);
  g_test_add_func ("/print/csv", test_csv);
  g_test_add_func ("/print/sender-check", test_sender_check);
  g_test_add_func ("/print/write-progress", test_write_progress);

  return g_test_run ();
}

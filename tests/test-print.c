/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-print.c: the print run's rules (declared value and COD, the sender's fields, the form
 * names), its pages and sizes, and the list's CSV; the drawing is read back by test-print-pdf.py */

#include "config.h"

#include <string.h>

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

  return g_test_run ();
}

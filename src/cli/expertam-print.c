/* SPDX-License-Identifier: GPL-3.0-or-later */
/* expertam-print.c: `expertam print BILL_ID... -o FILE.pdf`: the postal forms and packing slips
 * of orders fetched from the shop, in one PDF; the list for the post office also as CSV */

#include "config.h"

#include <glib/gi18n.h>

#include "eo-error.h"
#include "eo-order-lookup.h"
#include "eo-tracking.h"
#include "expertam-private.h"

static EoOrder *
fetch_order (EoClient  *client,
             gint64     bill_id,
             GError   **error)
{
  g_autoptr(EoOrderLookup) lookup = eo_order_lookup_new (client, NULL);
  EoOrder *order;

  eo_order_lookup_run (lookup, bill_id, EO_ORDER_LOOKUP_FLAGS_NONE);
  for (;;)
    {
      EoOrderLookupState state = eo_order_lookup_get_state (lookup);

      if (state != EO_ORDER_LOOKUP_LOADING && state != EO_ORDER_LOOKUP_REFRESHING)
        break;
      g_main_context_iteration (NULL, TRUE);
    }
  order = eo_order_lookup_get_order (lookup);
  if (order == NULL)
    {
      g_propagate_error (error, g_error_copy (eo_order_lookup_get_error (lookup)));
      return NULL;
    }
  return g_object_ref (order);
}

static gboolean
parse_sum (const char  *text,
           const char  *option,
           gint64      *out,
           GError     **error)
{
  if (text == NULL)
    return TRUE;
  if (!eo_money_parse (text, out) || *out < 0)
    {
      g_set_error (error, EXPERTAM_ERROR, EXPERTAM_ERROR_USAGE,
                   _("“%s” is not a sum of money for %s (use 1990 or 1990.50)"), text, option);
      return FALSE;
    }
  return TRUE;
}

/* "7p=4,-2.5": the form and its offset right and down in mm */
static gboolean
parse_offset (const char   *text,
              EoPrintForm  *out_form,
              double       *out_x,
              double       *out_y,
              GError      **error)
{
  g_auto(GStrv) parts = g_strsplit (text, "=", 2);
  g_auto(GStrv) xy = NULL;
  g_autoptr(GArray) forms = NULL;
  char *end_x = NULL, *end_y = NULL;

  if (g_strv_length (parts) == 2)
    xy = g_strsplit (parts[1], ",", 2);
  if (xy == NULL || g_strv_length (xy) != 2)
    goto bad;
  if ((forms = eo_print_forms_parse (parts[0], error)) == NULL)
    return FALSE;
  *out_x = g_ascii_strtod (g_strstrip (xy[0]), &end_x);
  *out_y = g_ascii_strtod (g_strstrip (xy[1]), &end_y);
  if (forms->len != 1 || xy[0][0] == '\0' || *end_x != '\0' || xy[1][0] == '\0' || *end_y != '\0' ||
      ABS (*out_x) > 50 || ABS (*out_y) > 50)
    goto bad;
  *out_form = g_array_index (forms, EoPrintForm, 0);
  return TRUE;

bad:
  g_set_error (error, EXPERTAM_ERROR, EXPERTAM_ERROR_USAGE,
               _("“%s” is not an offset: use FORM=X,Y in mm, right and down, such as 7p=4,-2.5"),
               text);
  return FALSE;
}

/* The saved offsets, with the new ones saved first */
static gboolean
apply_offsets (GSettings       *settings,
               char           **offsets,
               EoPrintOptions  *options,
               GError         **error)
{
  g_autoptr(GVariant) saved = g_settings_get_value (settings, "print-offsets");
  GVariantIter iter;
  const char *key;
  double x, y;

  g_variant_iter_init (&iter, saved);
  while (g_variant_iter_next (&iter, "{&s(dd)}", &key, &x, &y))
    for (int f = 0; f < EO_PRINT_N_FORMS; f++)
      if (g_strcmp0 (key, eo_print_form_key (f)) == 0)
        {
          options->offset_x[f] = x;
          options->offset_y[f] = y;
        }

  if (offsets == NULL)
    return TRUE;

  for (guint i = 0; offsets[i] != NULL; i++)
    {
      EoPrintForm form;

      if (!parse_offset (offsets[i], &form, &x, &y, error))
        return FALSE;
      options->offset_x[form] = x;
      options->offset_y[form] = y;
    }

  {
    g_auto(GVariantBuilder) builder = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE ("a{s(dd)}"));

    for (int f = 0; f < EO_PRINT_N_FORMS; f++)
      if (options->offset_x[f] != 0 || options->offset_y[f] != 0)
        g_variant_builder_add (&builder, "{s(dd)}", eo_print_form_key (f), options->offset_x[f],
                               options->offset_y[f]);
    g_settings_set_value (settings, "print-offsets", g_variant_builder_end (&builder));
    g_settings_sync ();
  }
  return TRUE;
}

gboolean
expertam_builtin_print (char   **args,
                        GError **error)
{
  gboolean help = FALSE;
  gboolean blank = FALSE;
  g_autofree char *forms_text = NULL;
  g_autofree char *cod_text = NULL;
  g_autofree char *value_text = NULL;
  g_autofree char *output = NULL;
  g_autofree char *csv_output = NULL;
  g_auto(GStrv) tracks = NULL;
  g_auto(GStrv) offsets = NULL;
  int list_number = 1;
  const GOptionEntry entries[] = {
    { "forms", 'f', 0, G_OPTION_ARG_STRING, &forms_text,
      N_("The forms, comma-separated: slip, slip-label, 7p, 112ep, list, envelope-dl, "
         "envelope-c5, envelope-c4, 116, 107 (default: slip,7p)"), N_("FORMS") },
    { "cod", 0, 0, G_OPTION_ARG_STRING, &cod_text,
      N_("Cash on delivery for every order (default: what is left to pay)"), N_("SUM") },
    { "value", 0, 0, G_OPTION_ARG_STRING, &value_text,
      N_("Declared value for every order (default: the order’s sum)"), N_("SUM") },
    { "track", 't', 0, G_OPTION_ARG_STRING_ARRAY, &tracks,
      N_("A tracking number, one per order in the order given"), N_("NUMBER") },
    { "blank", 0, 0, G_OPTION_ARG_NONE, &blank,
      N_("Print only the data, onto pre-printed blanks"), NULL },
    { "list-number", 0, 0, G_OPTION_ARG_INT, &list_number,
      N_("The list’s number for the day (default: 1)"), N_("N") },
    { "offset", 0, 0, G_OPTION_ARG_STRING_ARRAY, &offsets,
      N_("Move a form’s print by X mm right and Y mm down, saved for the next runs too"),
      N_("FORM=X,Y") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The PDF to write"), N_("FILE.pdf") },
    { "csv", 0, 0, G_OPTION_ARG_FILENAME, &csv_output,
      N_("Also write the list for the post office as CSV"), N_("FILE.csv") },
    HELP_ENTRY (&help),
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    expertam_option_context_new (_("BILL_ID…"),
                                 _("Print the postal forms and packing slips of orders to a PDF."),
                                 NULL);
  g_autoptr(GArray) forms = NULL;
  g_autoptr(GPtrArray) parcels = NULL;
  g_autoptr(EoPrintSender) sender = NULL;
  g_autoptr(EoPrintDocument) doc = NULL;
  g_autoptr(EoClient) client = NULL;
  g_autoptr(GSettings) settings = NULL;
  EoPrintOptions options = { 0 };
  gint64 cod = -1, value = -1;
  guint n_orders;

  if (!expertam_parse_options (context, entries, &args, error))
    return FALSE;
  if (help)
    return expertam_print_help (context);

  n_orders = g_strv_length (args) - 1;
  if (n_orders == 0)
    return expertam_fail_arguments (error, _("Give at least one order number"));
  if (output == NULL)
    return expertam_fail_arguments (error, _("Name the PDF to write with -o FILE.pdf"));
  if (tracks != NULL && g_strv_length (tracks) != n_orders)
    return expertam_fail_arguments (error, _("Give one --track for each order, or none"));
  if (list_number < 1)
    return expertam_fail_arguments (error, _("The list’s number starts at 1"));

  /* Everything the person typed is checked before the shop is asked */
  forms = eo_print_forms_parse (forms_text != NULL ? forms_text : "slip,7p", error);
  if (forms == NULL ||
      !parse_sum (cod_text, "--cod", &cod, error) ||
      !parse_sum (value_text, "--value", &value, error))
    return FALSE;
  for (guint i = 0; tracks != NULL && tracks[i] != NULL; i++)
    {
      g_autofree char *normalized = NULL;

      if (eo_tracking_validate (tracks[i], &normalized, error) == EO_TRACKING_KIND_UNKNOWN &&
          error != NULL && *error != NULL)
        return FALSE;
      g_clear_error (error);
      g_free (tracks[i]);
      tracks[i] = g_steal_pointer (&normalized);
    }
  for (guint i = 0; i < n_orders; i++)
    {
      gint64 bill_id;

      if (!expertam_parse_bill_id (args[i + 1], &bill_id, error))
        return FALSE;
    }
  if ((settings = expertam_open_settings (error)) == NULL ||
      !apply_offsets (settings, offsets, &options, error) ||
      (sender = expertam_load_sender (error)) == NULL ||
      (client = expertam_open_client (error)) == NULL)
    return FALSE;

  parcels = g_ptr_array_new_with_free_func ((GDestroyNotify) eo_print_parcel_free);
  for (guint i = 0; i < n_orders; i++)
    {
      g_autoptr(EoOrder) order = NULL;
      gint64 bill_id = 0, order_cod, order_value;

      expertam_parse_bill_id (args[i + 1], &bill_id, NULL);
      if ((order = fetch_order (client, bill_id, error)) == NULL)
        return FALSE;

      /* COD: what is left to pay; declared value: the order's sum */
      order_cod = cod >= 0 ? cod : MAX (eo_order_get_bill_sum_topay (order), 0);
      order_value = value >= 0 ? value : MAX (eo_order_get_price (order), 0);
      g_ptr_array_add (parcels, eo_print_parcel_new (order, order_cod, order_value,
                                                     tracks != NULL ? tracks[i] : NULL));
    }

  options.blank = blank;
  options.list_number = (guint) list_number;
  doc = eo_print_document_new (sender, parcels, (const EoPrintForm *) forms->data, forms->len,
                               &options, error);
  if (doc == NULL || !eo_print_document_write_pdf (doc, output, error))
    return FALSE;

  if (csv_output != NULL)
    {
      g_autofree char *csv = eo_print_list_csv (sender, parcels);

      if (!g_file_set_contents (csv_output, csv, -1, error))
        return FALSE;
    }

  expertam_print_line (ngettext ("%s: %u page", "%s: %u pages",
                                    eo_print_document_get_n_pages (doc)),
                       output, eo_print_document_get_n_pages (doc));
  return TRUE;
}

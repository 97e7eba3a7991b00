/* SPDX-License-Identifier: GPL-3.0-or-later */
/* expertam-print.c: `expertam print BILL_ID... -o FILE.pdf`: the postal forms and packing slips
 * of orders fetched from the shop (or of the to-ship list, or a recorded run again), in one PDF;
 * the list for the post office also as CSV; `expertam print --history`: the runs recorded */

#include "config.h"

#include <inttypes.h>
#include <string.h>

#include <glib/gi18n.h>

#include "eo-error.h"
#include "eo-money.h"
#include "eo-to-ship-order.h"
#include "eo-order-lookup.h"
#include "eo-tracking.h"
#include "expertam-private.h"

/* A store that cannot keep an order fetched: a warning says why, and the command goes on */
static void
saved_cb (EoOrderLookup *lookup,
          const GError  *error,
          gpointer       user_data)
{
  if (error != NULL)
    expertam_print_error_line (error->message);
}

/* The order from the shop, kept in store as the window's lookup keeps it (store may be NULL) */
static EoOrder *
fetch_order (EoClient  *client,
             EoStore   *store,
             gint64     bill_id,
             GError   **error)
{
  g_autoptr(EoOrderLookup) lookup = eo_order_lookup_new (client, store);
  EoOrder *order;

  g_signal_connect (lookup, "saved", G_CALLBACK (saved_cb), NULL);
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
  while (eo_order_lookup_get_saving (lookup))
    g_main_context_iteration (NULL, TRUE);
  return g_object_ref (order);
}

/* The saved copy (the to-ship list's orders were just synced; a run printed again is printed
 * from what was kept), fetched from the shop only when there is none */
static EoOrder *
load_order (EoClient  *client,
            EoStore   *store,
            gint64     bill_id,
            GError   **error)
{
  g_autofree char *json = eo_store_get_order_json (store, bill_id, error);
  g_autoptr(JsonNode) node = NULL;
  EoOrder *order;

  if (json == NULL && error != NULL && *error != NULL)
    return NULL;
  if (json != NULL && (node = json_from_string (json, NULL)) != NULL &&
      (order = eo_order_new_from_json (node, eo_client_get_host (client), NULL)) != NULL)
    return order;
  return fetch_order (client, store, bill_id, error);
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

/* "2026-12-03 09:41", local time */
static char *
format_time (gint64 unix_seconds)
{
  g_autoptr(GDateTime) date = g_date_time_new_from_unix_local (unix_seconds);

  return date != NULL ? g_date_time_format (date, "%Y-%m-%d %H:%M") : g_strdup ("-");
}

/* `--history`: a line a run, newest first */
static gboolean
print_history (EoStore  *store,
               int       limit,
               GError  **error)
{
  g_autoptr(GPtrArray) runs = eo_store_list_print_runs (store, (guint) limit, error);

  if (runs == NULL)
    return FALSE;

  if (runs->len == 0)
    {
      /* Said on stderr, but nothing failed: the exit status is 0 */
      g_set_error (error, EXPERTAM_ERROR, EXPERTAM_ERROR_NOTHING_FOUND,
                   _("Nothing was printed yet."));
      return FALSE;
    }

  for (guint i = 0; i < runs->len; i++)
    {
      EoPrintRun *run = g_ptr_array_index (runs, i);
      g_autofree char *when = format_time (run->created_at);
      g_autofree char *forms = expertam_clean (run->forms);
      g_autofree char *bill_ids = eo_print_run_join_bill_ids (run, " ");

      expertam_print_line ("%" G_GINT64_FORMAT "\t%s\t%s\t%s\t%s", run->id, when, forms,
                           run->blank ? _("on blanks") : "-", bill_ids);
    }

  return TRUE;
}

static gboolean
parse_run_id (const char  *text,
              gint64      *out_id,
              GError     **error)
{
  guint64 value = 0;

  if (text[0] == '\0' || text[strspn (text, "0123456789")] != '\0' ||
      !g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &value, NULL))
    {
      g_autofree char *shown = expertam_clean (text);

      g_set_error (error, EXPERTAM_ERROR, EXPERTAM_ERROR_USAGE,
                   _("“%s” is not a print run number: “expertam print --history” lists them"),
                   shown);
      return FALSE;
    }
  *out_id = (gint64) value;
  return TRUE;
}

/* The forms as a run keeps them: their keys, "slip,7p" */
static char *
forms_to_text (GArray *forms)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < forms->len; i++)
    g_string_append_printf (text, "%s%s", i > 0 ? "," : "",
                            eo_print_form_key (g_array_index (forms, EoPrintForm, i)));
  return g_string_free (text, FALSE);
}

/* The to-ship list's orders to print: those whose sent mark waits in the outbox are packed
 * already */
static GArray *
to_ship_bill_ids (EoShop     *shop,
                  EoStore    *store,
                  GDateTime  *since,
                  gboolean    offline,
                  GError    **error)
{
  g_autoptr(GListModel) list = NULL;
  g_autoptr(GArray) bill_ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  if ((list = expertam_load_to_ship (shop, store, since, offline, error)) == NULL)
    return NULL;

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(EoToShipOrder) order = g_list_model_get_item (list, i);
      gint64 bill_id = eo_to_ship_order_get_bill_id (order);

      if (!eo_to_ship_order_get_sending (order))
        g_array_append_val (bill_ids, bill_id);
    }

  if (bill_ids->len == 0)
    {
      g_set_error (error, EXPERTAM_ERROR, EXPERTAM_ERROR_NOTHING_FOUND, _("Nothing to ship."));
      return NULL;
    }

  return g_steal_pointer (&bill_ids);
}

gboolean
expertam_builtin_print (char   **args,
                        GError **error)
{
  gboolean help = FALSE;
  gboolean blank = FALSE;
  gboolean to_ship = FALSE;
  gboolean offline = FALSE;
  gboolean history = FALSE;
  g_autofree char *forms_text = NULL;
  g_autofree char *cod_text = NULL;
  g_autofree char *value_text = NULL;
  g_autofree char *output = NULL;
  g_autofree char *csv_output = NULL;
  g_autofree char *since_text = NULL;
  g_autofree char *again_text = NULL;
  g_auto(GStrv) tracks = NULL;
  g_auto(GStrv) offsets = NULL;
  int list_number = G_MININT;  /* not given */
  int limit = G_MININT;        /* not given */
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
    { "to-ship", 0, 0, G_OPTION_ARG_NONE, &to_ship,
      N_("Print the orders of the to-ship list (synced first, as expertam to-ship) instead of "
         "orders given by number"), NULL },
    { "since", 's', 0, G_OPTION_ARG_STRING, &since_text,
      N_("With --to-ship: sync from this day and print only the orders made since"),
      N_("DATE") },
    { "offline", 0, 0, G_OPTION_ARG_NONE, &offline,
      N_("With --to-ship: do not sync, print the list as it was synced before"), NULL },
    { "history", 0, 0, G_OPTION_ARG_NONE, &history,
      N_("List the recent print runs, newest first: number, time, forms, blanks, orders"), NULL },
    { "limit", 'n', 0, G_OPTION_ARG_INT, &limit,
      N_("With --history: how many runs (default: 20)"), N_("N") },
    { "again", 0, 0, G_OPTION_ARG_STRING, &again_text,
      N_("Print a recorded run again, with its forms and sums"), N_("RUN") },
    HELP_ENTRY (&help),
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    expertam_option_context_new (_("BILL_ID…"),
                                 _("Print the postal forms and packing slips of orders to a PDF."),
                                 _("Every run is recorded: --history lists them, --again RUN "
                                   "prints one again. Orders given by number are fetched from "
                                   "the shop; those of --to-ship and --again are printed as "
                                   "they were saved, fetched only when they were not."));
  g_autoptr(GArray) forms = NULL;
  g_autoptr(GArray) bill_ids = NULL;
  g_autoptr(GPtrArray) parcels = NULL;
  g_autoptr(EoPrintSender) sender = NULL;
  g_autoptr(EoPrintDocument) doc = NULL;
  g_autoptr(EoShop) shop = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(EoPrintRun) again = NULL;
  g_autoptr(EoPrintRun) run = NULL;
  g_autoptr(GError) store_error = NULL;
  g_autoptr(GDateTime) since = NULL;
  g_autofree char *forms_key = NULL;
  EoPrintOptions options = { 0 };
  EoClient *client;
  EoStore *store = NULL;
  gint64 cod = -1, value = -1, again_id = 0;
  guint n_args;

  if (!expertam_parse_options (context, entries, &args, error))
    return FALSE;
  if (help)
    return expertam_print_help (context);

  /* One source of orders: numbers, --to-ship, --again; or --history alone */
  n_args = g_strv_length (args) - 1;
  if ((n_args > 0) + to_ship + (again_text != NULL) + history > 1)
    return expertam_fail_arguments (error, _("Give order numbers, --to-ship, --again or "
                                             "--history, one of them"));
  if (history)
    {
      if (forms_text != NULL || cod_text != NULL || value_text != NULL || tracks != NULL ||
          blank || list_number != G_MININT || offsets != NULL || output != NULL ||
          csv_output != NULL || since_text != NULL || offline)
        return expertam_fail_arguments (error, _("--history takes no other option but --limit"));
      if (limit != G_MININT && (limit < 1 || limit > 1000))
        return expertam_fail_arguments (error, _("--limit is from 1 to 1000"));
      if ((shop = expertam_open_shop (error)) == NULL ||
          (store = eo_shop_open_store (shop, error)) == NULL)
        return FALSE;
      return print_history (store, limit != G_MININT ? limit : 20, error);
    }
  if (limit != G_MININT)
    return expertam_fail_arguments (error, _("--limit goes with --history"));
  if (!to_ship && (since_text != NULL || offline))
    return expertam_fail_arguments (error, _("--since and --offline go with --to-ship"));
  if (again_text != NULL &&
      (forms_text != NULL || cod_text != NULL || value_text != NULL || tracks != NULL ||
       blank || list_number != G_MININT))
    return expertam_fail_arguments (error, _("--again prints the run as it was: leave out "
                                             "--forms, --cod, --value, --track, --blank and "
                                             "--list-number"));
  if (to_ship && tracks != NULL)
    return expertam_fail_arguments (error, _("--track goes with orders given by number"));
  if (n_args == 0 && !to_ship && again_text == NULL)
    return expertam_fail_arguments (error, _("Give at least one order number"));
  if (output == NULL)
    return expertam_fail_arguments (error, _("Name the PDF to write with -o FILE.pdf"));
  if (tracks != NULL && g_strv_length (tracks) != n_args)
    return expertam_fail_arguments (error, _("Give one --track for each order, or none"));
  if (list_number != G_MININT && list_number < 1)
    return expertam_fail_arguments (error, _("The list’s number starts at 1"));

  /* Everything the person typed is checked before the shop is asked */
  if ((again_text != NULL && !parse_run_id (again_text, &again_id, error)) ||
      !expertam_parse_since (since_text, &since, error))
    return FALSE;
  if (again_text == NULL)
    {
      forms = eo_print_forms_parse (forms_text != NULL ? forms_text : "slip,7p", error);
      if (forms == NULL ||
          !parse_sum (cod_text, "--cod", &cod, error) ||
          !parse_sum (value_text, "--value", &value, error))
        return FALSE;
    }
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
  bill_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < n_args; i++)
    {
      gint64 bill_id;

      if (!expertam_parse_bill_id (args[i + 1], &bill_id, error))
        return FALSE;
      g_array_append_val (bill_ids, bill_id);
    }
  if ((settings = expertam_open_settings (error)) == NULL ||
      !apply_offsets (settings, offsets, &options, error) ||
      (sender = expertam_load_sender (error)) == NULL ||
      (shop = expertam_open_shop (error)) == NULL)
    return FALSE;
  client = eo_shop_get_client (shop);

  /* The runs are kept in the store; orders given by number are printed even when it cannot be
   * opened (a warning says why, and the run is not recorded) */
  if (n_args > 0)
    {
      if ((store = eo_shop_open_store (shop, &store_error)) == NULL)
        expertam_print_error_line (store_error->message);
    }
  else if ((store = eo_shop_open_store (shop, error)) == NULL)
    return FALSE;

  if (again_text != NULL)
    {
      if ((again = eo_store_get_print_run (store, again_id, error)) == NULL ||
          (forms = eo_print_forms_parse (again->forms, error)) == NULL)
        return FALSE;
      for (guint i = 0; i < again->orders->len; i++)
        g_array_append_val (bill_ids, eo_print_run_get_order (again, i)->bill_id);
    }
  else if (to_ship)
    {
      g_clear_pointer (&bill_ids, g_array_unref);
      if ((bill_ids = to_ship_bill_ids (shop, store, since, offline, error)) == NULL)
        return FALSE;
    }

  forms_key = forms_to_text (forms);
  run = eo_print_run_new (forms_key);
  run->blank = again != NULL ? again->blank : blank;
  if (again != NULL)
    run->list_number = again->list_number;
  else
    run->list_number = list_number != G_MININT ? (guint) list_number : 1;

  parcels = g_ptr_array_new_with_free_func ((GDestroyNotify) eo_print_parcel_free);
  for (guint i = 0; i < bill_ids->len; i++)
    {
      g_autoptr(EoOrder) order = NULL;
      gint64 bill_id = g_array_index (bill_ids, gint64, i), order_cod, order_value;
      const char *track = tracks != NULL ? tracks[i] : NULL;

      order = n_args > 0 ? fetch_order (client, store, bill_id, error)
                         : load_order (client, store, bill_id, error);
      if (order == NULL)
        return FALSE;

      if (again != NULL)
        {
          const EoPrintRunOrder *printed = eo_print_run_get_order (again, i);

          order_cod = printed->cod;
          order_value = printed->declared_value;
          track = printed->tracking[0] != '\0' ? printed->tracking : NULL;
        }
      else
        {
          /* COD: what is left to pay; declared value: the order's sum */
          order_cod = cod >= 0 ? cod : MAX (eo_order_get_bill_sum_topay (order), 0);
          order_value = value >= 0 ? value : MAX (eo_order_get_price (order), 0);
        }
      g_ptr_array_add (parcels, eo_print_parcel_new (order, order_cod, order_value, track));
      eo_print_run_add_order (run, bill_id, order_cod, order_value, track);
    }

  options.blank = run->blank;
  options.list_number = run->list_number;
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

  /* A run printed again is that run still; every other one is recorded (when it cannot be,
   * a warning says why: the PDF is written) */
  if (again == NULL && store != NULL)
    {
      g_autoptr(GError) record_error = NULL;
      gint64 id = eo_store_record_print_run (store, run, expertam_now_seconds (), &record_error);

      if (id == 0)
        expertam_print_error_line (record_error->message);
      else
        expertam_print_line (_("Recorded as print run %" PRId64 "."), id);
    }

  return TRUE;
}

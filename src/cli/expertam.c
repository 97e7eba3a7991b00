/* expertam.c
 *
 * The `expertam` command: a thin front end on the core library for scripts and the terminal.
 * Every core call is async; each command waits for its result by iterating the default
 * main context, so the commands read top to bottom.
 */

#include "config.h"

#include <errno.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include <gio/gio.h>
#include <gio/gunixinputstream.h>
#include <glib-unix.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "eo-account.h"
#include "eo-client.h"
#include "eo-demo-server.h"
#include "eo-error.h"
#include "eo-order.h"
#include "eo-order-item.h"
#include "eo-partner.h"
#include "eo-secrets.h"
#include "eo-signature.h"
#include "eo-tracking.h"

/* Exit statuses, as DESIGN.md gives them: 3 is network, TLS, timeout or reply failure */
enum
{
  EXIT_DONE = 0,
  EXIT_REFUSED = 1,
  EXIT_USAGE = 2,
  EXIT_FAILED = 3,
};

#define MAX_BILL_ID_DIGITS 18
#define MAX_KEY_LENGTH     1024
#define MAX_SHOWN_CHARS    2000
#define LABEL_WIDTH        16

typedef struct
{
  const char *name;
  const char *summary;
  int       (*run) (char **args);
} Command;

/* Output */

static void
print_error_line (const char *message)
{
  g_autofree char *line = eo_sanitize_text (message, MAX_SHOWN_CHARS);

  /* One line, UTF-8 whatever the locale, so scripts can grep it */
  fprintf (stderr, "expertam: %s\n", line);
  fflush (stderr);
}

static int fail (int         status,
                 const char *format,
                 ...) G_GNUC_PRINTF (2, 3);

static int
fail (int         status,
      const char *format,
      ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  print_error_line (message);
  return status;
}

static int
status_for_error (const GError *error)
{
  if (eo_error_is_refusal (error))
    return EXIT_REFUSED;

  if (error->domain == EO_TRACKING_ERROR ||
      g_error_matches (error, EO_ERROR, EO_ERROR_INVALID_INPUT) ||
      g_error_matches (error, EO_ERROR, EO_ERROR_NO_ACCOUNT))
    return EXIT_USAGE;

  return EXIT_FAILED;
}

/* The core's messages already say what to do (EO_ERROR_NO_ACCOUNT: how to set one up) */
static int
fail_with_error (const GError *error)
{
  print_error_line (error->message);
  return status_for_error (error);
}

static void
print_out (const char *text)
{
  /* UTF-8 whatever the locale: g_print() would transliterate Cyrillic under LANG=C */
  fputs (text, stdout);
}

static void print_line (const char *format,
                        ...) G_GNUC_PRINTF (1, 2);

static void
print_line (const char *format,
            ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);

  print_out (text);
  print_out ("\n");
}

/* Text from the network, made safe for a terminal */
static char *
clean (const char *text)
{
  return eo_sanitize_text (text, MAX_SHOWN_CHARS);
}

/* "Label:" padded so that the values line up, whatever the translation's length */
static void
print_labelled (const char *label,
                const char *value)
{
  glong width = g_utf8_strlen (label, -1) + 1;

  print_line ("%s:%*s%s", label, (int) MAX (LABEL_WIDTH - width, 1), "", value);
}

static void
print_field (const char *label,
             const char *value)
{
  g_autofree char *shown = NULL;

  if (value == NULL || value[0] == '\0')
    return;

  shown = clean (value);
  print_labelled (label, shown);
}

static void
print_money_field (const char *label,
                   gint64      kopecks)
{
  g_autofree char *money = NULL;

  if (kopecks == EO_MONEY_NONE)
    return;

  money = eo_money_format (kopecks);
  print_labelled (label, money);
}

static char *
format_date (GDateTime *date)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (date);
  const char *lc_time = setlocale (LC_TIME, NULL);

  /* The C locale's %x is the ambiguous 03/01/24: use ISO there */
  if (lc_time == NULL || g_str_equal (lc_time, "C") || g_str_equal (lc_time, "POSIX") ||
      g_str_has_prefix (lc_time, "C."))
    return g_date_time_format (local, "%Y-%m-%d %H:%M:%S");

  return g_date_time_format (local, "%x %X");
}

static void
print_date_field (const char *label,
                  GDateTime  *date)
{
  g_autofree char *text = NULL;

  if (date == NULL)
    return;

  text = format_date (date);
  print_labelled (label, text);
}

static char *
node_to_pretty_json (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, node);

  return json_generator_to_data (generator, NULL);
}

/* Waiting for the core's async calls */

static void
store_result_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GAsyncResult **out_result = user_data;

  *out_result = g_object_ref (result);
}

static void
wait_for_result (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
}

/* Arguments */

static gboolean
is_all_digits (const char *text)
{
  if (*text == '\0')
    return FALSE;

  for (; *text != '\0'; text++)
    {
      if (!g_ascii_isdigit (*text))
        return FALSE;
    }

  return TRUE;
}

static gboolean
parse_bill_id (const char  *text,
               gint64      *out_bill_id,
               GError     **error)
{
  guint64 value = 0;

  if (!is_all_digits (text) || strlen (text) > MAX_BILL_ID_DIGITS ||
      !g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &value, NULL))
    {
      g_autofree char *shown = clean (text);

      g_set_error (error, EO_ERROR, EO_ERROR_INVALID_INPUT,
                   _("“%s” is not an order number: use its digits only, like 1001."), shown);
      return FALSE;
    }

  *out_bill_id = (gint64) value;
  return TRUE;
}

/* Starts with YYYY-MM-DD */
static gboolean
is_plain_date_prefix (const char *text)
{
  if (strnlen (text, 10) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;

  for (int i = 0; i < 10; i++)
    {
      if (i != 4 && i != 7 && !g_ascii_isdigit (text[i]))
        return FALSE;
    }

  return TRUE;
}

/* GLib's ISO 8601 parser wants a 'T' and seconds: take "2024-03-01 12:00" as people type it */
static char *
complete_iso8601 (const char *text)
{
  g_autoptr(GString) out = g_string_new (text);

  if (is_plain_date_prefix (text) && (text[10] == ' ' || text[10] == 't'))
    out->str[10] = 'T';

  if (is_plain_date_prefix (text) && out->len >= 16 && out->str[10] == 'T' &&
      g_ascii_isdigit (out->str[11]) && g_ascii_isdigit (out->str[12]) && out->str[13] == ':' &&
      g_ascii_isdigit (out->str[14]) && g_ascii_isdigit (out->str[15]) &&
      (out->len == 16 || out->str[16] != ':'))
    g_string_insert (out, 16, ":00");

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* ISO 8601 (local time when it has no offset), a plain YYYY-MM-DD (local midnight),
 * or unix seconds */
static GDateTime *
parse_date (const char  *text,
            GError     **error)
{
  g_autoptr(GTimeZone) local_zone = g_time_zone_new_local ();
  g_autoptr(GDateTime) date = NULL;
  guint64 seconds = 0;

  if (is_all_digits (text))
    {
      /* Up to the year 9999 */
      if (g_ascii_string_to_unsigned (text, 10, 0, G_GINT64_CONSTANT (253402300799),
                                      &seconds, NULL))
        date = g_date_time_new_from_unix_local ((gint64) seconds);
    }
  else if (is_plain_date_prefix (text) && text[10] == '\0')
    {
      date = g_date_time_new (local_zone,
                              (int) g_ascii_strtoll (text, NULL, 10),
                              (int) g_ascii_strtoll (text + 5, NULL, 10),
                              (int) g_ascii_strtoll (text + 8, NULL, 10),
                              0, 0, 0);
    }
  else
    {
      g_autofree char *completed = complete_iso8601 (text);

      date = g_date_time_new_from_iso8601 (completed, local_zone);
    }

  if (date == NULL)
    {
      g_autofree char *shown = clean (text);

      g_set_error (error, EO_ERROR, EO_ERROR_INVALID_INPUT,
                   _("“%s” is not a date: use 2024-03-01, 2024-03-01T12:00:00 (optionally with "
                     "an offset such as +03:00) or unix seconds."), shown);
      return NULL;
    }

  return g_steal_pointer (&date);
}

static GDateTime *
parse_date_or_now (const char  *text,
                   GError     **error)
{
  if (text == NULL)
    return g_date_time_new_now_local ();

  return parse_date (text, error);
}

#define HELP_ENTRY(flag) \
  { "help", 'h', 0, G_OPTION_ARG_NONE, (flag), N_("Show this help"), NULL }

static GOptionContext *
command_context_new (const char *parameters,
                     const char *summary,
                     const char *description)
{
  GOptionContext *context = g_option_context_new (parameters);

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_help_enabled (context, FALSE);
  g_option_context_set_summary (context, summary);
  if (description != NULL)
    g_option_context_set_description (context, description);

  return context;
}

/* Returns -1 to go on with the command, or the status to exit with */
static int
parse_options (GOptionContext   *context,
               const GOptionEntry *entries,
               const gboolean   *help,
               char           ***args)
{
  g_autoptr(GError) error = NULL;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  if (!g_option_context_parse_strv (context, args, &error))
    return fail (EXIT_USAGE, _("%s (see “%s --help”)"), error->message, g_get_prgname ());

  /* GOptionContext leaves the "--" that lets an argument start with a dash */
  if (g_strv_length (*args) > 1 && g_str_equal ((*args)[1], "--"))
    {
      char **rest = *args + 1;

      g_free (rest[0]);
      memmove (rest, rest + 1, (g_strv_length (rest + 1) + 1) * sizeof (char *));
    }

  if (*help)
    {
      g_autofree char *text = g_option_context_get_help (context, TRUE, NULL);

      print_out (text);
      return EXIT_DONE;
    }

  return -1;
}

static int
fail_arguments (const char *what)
{
  return fail (EXIT_USAGE, _("%s (see “%s --help”)"), what, g_get_prgname ());
}

static EoClient *
open_client (GError **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(EoAccount) account = NULL;
  g_autoptr(EoClient) client = NULL;

  eo_account_load_async (NULL, store_result_cb, &result);
  wait_for_result (&result);
  account = eo_account_load_finish (result, error);
  if (account == NULL)
    return NULL;

  client = eo_client_new ();
  if (!eo_client_set_account (client, account->url_template, account->login, account->secret,
                              error))
    return NULL;

  return g_steal_pointer (&client);
}

/* show */

static void
print_order (EoOrder *order)
{
  GListModel *items = eo_order_get_items (order);
  guint n_items = items != NULL ? g_list_model_get_n_items (items) : 0;
  const char *pay_status = eo_order_get_pay_status (order);
  const char *paid_text = eo_order_get_is_paid (order) ? _("paid") : _("unpaid");
  const char *address_parts[] = {
    eo_order_get_postalcode (order),
    eo_order_get_region (order),
    eo_order_get_city (order),
    eo_order_get_address (order),
    eo_order_get_country (order),
  };
  const struct { const char *label; const char *value; } utm[] = {
    { "source", eo_order_get_utm_source (order) },
    { "medium", eo_order_get_utm_medium (order) },
    { "campaign", eo_order_get_utm_campaign (order) },
    { "content", eo_order_get_utm_content (order) },
    { "term", eo_order_get_utm_term (order) },
  };
  g_autoptr(GString) utm_text = g_string_new (NULL);
  g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, eo_order_get_id (order));
  gboolean has_address = FALSE;

  print_line (_("Order %s"), number);

  /* The service's own word, unless it only repeats "paid" */
  if (pay_status[0] != '\0' &&
      !(eo_order_get_is_paid (order) && g_ascii_strcasecmp (pay_status, "paid") == 0))
    {
      g_autofree char *shown = clean (pay_status);
      g_autofree char *status = g_strdup_printf ("%s (%s)", paid_text, shown);

      print_field (_("Status"), status);
    }
  else
    print_field (_("Status"), paid_text);

  print_date_field (_("Created"), eo_order_get_created (order));
  print_field (_("Customer"), eo_order_get_full_name (order));
  print_field (_("E-mail"), eo_order_get_email (order));
  print_field (_("Phone"), eo_order_get_phone (order));

  /* As on a Russian envelope, one part a line */
  for (gsize i = 0; i < G_N_ELEMENTS (address_parts); i++)
    {
      g_autofree char *shown = NULL;

      if (address_parts[i][0] == '\0')
        continue;

      if (!has_address)
        print_line ("%s:", _("Delivery address"));
      has_address = TRUE;

      shown = clean (address_parts[i]);
      print_line ("  %s", shown);
    }

  if (n_items > 0)
    print_line ("%s:", _("Items"));

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(EoOrderItem) item = g_list_model_get_item (items, i);
      g_autofree char *title = clean (eo_order_item_get_title (item));
      GListModel *partners = eo_order_item_get_partners (item);
      guint n_partners = partners != NULL ? g_list_model_get_n_items (partners) : 0;
      gint64 sum = eo_order_item_get_sum (item);
      gint64 price = eo_order_item_get_price (item);

      print_line ("  %u. %s", i + 1, title[0] != '\0' ? title : _("(no title)"));

      if (sum != EO_MONEY_NONE && price != EO_MONEY_NONE && sum != price)
        {
          g_autofree char *sum_text = eo_money_format (sum);
          g_autofree char *price_text = eo_money_format (price);

          /* Translators: what the customer paid for an item, then its list price */
          print_line (_("     %s (list price %s)"), sum_text, price_text);
        }
      else if (sum != EO_MONEY_NONE || price != EO_MONEY_NONE)
        {
          g_autofree char *money = eo_money_format (sum != EO_MONEY_NONE ? sum : price);

          print_line ("     %s", money);
        }

      if (eo_order_item_get_pincode (item)[0] != '\0')
        {
          g_autofree char *pin = clean (eo_order_item_get_pincode (item));

          print_line ("     %s: %s", _("PIN"), pin);
        }

      for (guint j = 0; j < n_partners; j++)
        {
          g_autoptr(EoPartner) partner = g_list_model_get_item (partners, j);
          g_autofree char *name = clean (eo_partner_get_name (partner));
          g_autofree char *fee = eo_money_format (eo_partner_get_fee (partner));

          if (name[0] == '\0')
            {
              g_free (name);
              name = clean (eo_partner_get_partner_id (partner));
            }

          if (fee[0] != '\0')
            /* Translators: a partner credited for an item: level, name, fee */
            print_line (_("     Partner, level %d: %s, fee %s"),
                        eo_partner_get_level (partner), name, fee);
          else
            print_line (_("     Partner, level %d: %s"), eo_partner_get_level (partner), name);
        }
    }

  print_money_field (_("Price"), eo_order_get_price (order));
  print_money_field (_("Left to pay"), eo_order_get_bill_sum_topay (order));
  print_date_field (_("Paid"), eo_order_get_paid (order));
  print_field (_("Payment method"), eo_order_get_payway (order));
  print_field (_("Payment link"), eo_order_get_link (order));
  print_field (_("Coupon"), eo_order_get_kupon (order));
  print_field (_("Tag"), eo_order_get_tag (order));

  for (gsize i = 0; i < G_N_ELEMENTS (utm); i++)
    {
      if (utm[i].value[0] == '\0')
        continue;

      if (utm_text->len > 0)
        g_string_append (utm_text, ", ");
      g_string_append_printf (utm_text, "%s=%s", utm[i].label, utm[i].value);
    }
  print_field ("UTM", utm_text->str);

  print_field (_("Comment"), eo_order_get_comment (order));
}

static int
run_show (char **args)
{
  gboolean help = FALSE;
  gboolean as_json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 'j', 0, G_OPTION_ARG_NONE, &as_json,
      N_("Print the order as the service sent it, as JSON"), NULL },
    HELP_ENTRY (&help),
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    command_context_new (_("BILL_ID"), _("Show an order: customer, delivery address, items, "
                                         "payment, partners and utm."), NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(EoClient) client = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(EoOrder) order = NULL;
  gint64 bill_id = 0;
  int status;

  if ((status = parse_options (context, entries, &help, &args)) >= 0)
    return status;

  if (g_strv_length (args) != 2)
    return fail_arguments (_("Give one order number"));

  if (!parse_bill_id (args[1], &bill_id, &error) ||
      (client = open_client (&error)) == NULL)
    return fail_with_error (error);

  eo_client_get_order_async (client, bill_id, NULL, store_result_cb, &result);
  wait_for_result (&result);
  order = eo_client_get_order_finish (client, result, &error);
  if (order == NULL)
    return fail_with_error (error);

  if (as_json)
    {
      g_autoptr(JsonNode) node = json_from_string (eo_order_get_raw_json (order), &error);
      g_autofree char *text = NULL;

      if (node == NULL)
        return fail_with_error (error);

      text = node_to_pretty_json (node);
      print_line ("%s", text);
    }
  else
    print_order (order);

  return EXIT_DONE;
}

/* ship and status */

static int
update_status (gint64         bill_id,
               EoOrderStatus  order_status,
               GDateTime     *date,
               const char    *rpo)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EoClient) client = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  client = open_client (&error);
  if (client == NULL)
    return fail_with_error (error);

  eo_client_update_status_async (client, bill_id, order_status, date, rpo, NULL,
                                 store_result_cb, &result);
  wait_for_result (&result);
  if (!eo_client_update_status_finish (client, result, &error))
    return fail_with_error (error);

  return EXIT_DONE;
}

static int
run_ship (char **args)
{
  gboolean help = FALSE;
  gboolean any_number = FALSE;
  g_autofree char *rpo = NULL;
  g_autofree char *date_text = NULL;
  const GOptionEntry entries[] = {
    { "rpo", 'r', 0, G_OPTION_ARG_STRING, &rpo,
      N_("The parcel’s Russian Post tracking number (РПО)"), N_("NUMBER") },
    { "date", 'd', 0, G_OPTION_ARG_STRING, &date_text,
      N_("When it was posted: 2024-03-01, 2024-03-01T12:00:00[+03:00] or unix seconds "
         "(default: now)"), N_("DATE") },
    { "any-number", 0, 0, G_OPTION_ARG_NONE, &any_number,
      N_("Send a number that is not a valid Russian Post number (another carrier’s) as typed"),
      NULL },
    HELP_ENTRY (&help),
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    command_context_new (_("BILL_ID --rpo NUMBER"),
                         _("Mark an order sent, with the parcel’s tracking number and the date it "
                           "was posted."),
                         _("The tracking number’s check digit is verified first: a typo is refused "
                           "before anything is sent."));
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) date = NULL;
  g_autofree char *normalized = NULL;
  g_autofree char *number = NULL;
  g_autofree char *date_shown = NULL;
  gint64 bill_id = 0;
  int status;

  if ((status = parse_options (context, entries, &help, &args)) >= 0)
    return status;

  if (g_strv_length (args) != 2)
    return fail_arguments (_("Give one order number"));

  if (rpo == NULL)
    return fail_arguments (_("Give the tracking number with --rpo NUMBER"));

  if (!parse_bill_id (args[1], &bill_id, &error) ||
      (date = parse_date_or_now (date_text, &error)) == NULL)
    return fail_with_error (error);

  eo_tracking_validate (rpo, &normalized, &error);
  if (error != NULL)
    {
      if (normalized[0] == '\0')
        return fail_with_error (error);
      if (!any_number)
        /* Translators: %s says what is wrong with the tracking number */
        return fail (EXIT_USAGE, _("%s To send it as typed anyway (another carrier’s number), "
                                   "add --any-number."), error->message);
      g_clear_error (&error);
    }

  if ((status = update_status (bill_id, EO_ORDER_STATUS_SENT, date, normalized)) != EXIT_DONE)
    return status;

  number = g_strdup_printf ("%" G_GINT64_FORMAT, bill_id);
  date_shown = format_date (date);
  print_line (_("Order %s marked as sent (tracking number %s, date %s)"),
              number, normalized, date_shown);
  return EXIT_DONE;
}

static int
run_status (char **args)
{
  gboolean help = FALSE;
  g_autofree char *date_text = NULL;
  const GOptionEntry entries[] = {
    { "date", 'd', 0, G_OPTION_ARG_STRING, &date_text,
      N_("When it happened: 2024-03-01, 2024-03-01T12:00:00[+03:00] or unix seconds "
         "(default: now; sent only with paid)"), N_("DATE") },
    HELP_ENTRY (&help),
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    command_context_new (_("BILL_ID paid|return|cancel"),
                         _("Mark an order paid (cash, bank transfer), returned or cancelled."),
                         _("To mark an order sent, use “expertam ship”: it needs the tracking "
                           "number."));
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) date = NULL;
  EoOrderStatus order_status = EO_ORDER_STATUS_PAID;
  g_autofree char *number = NULL;
  gint64 bill_id = 0;
  int status;

  if ((status = parse_options (context, entries, &help, &args)) >= 0)
    return status;

  if (g_strv_length (args) != 3)
    return fail_arguments (_("Give an order number and one of paid, return, cancel"));

  if (!parse_bill_id (args[1], &bill_id, &error))
    return fail_with_error (error);

  if (g_str_equal (args[2], "sent"))
    return fail (EXIT_USAGE, _("To mark an order sent, use “expertam ship %s --rpo NUMBER”."),
                 args[1]);

  if (!eo_order_status_from_string (args[2], &order_status))
    {
      g_autofree char *shown = clean (args[2]);
      g_autofree char *what = NULL;

      what = g_strdup_printf (_("“%s” is not a status: use paid, return or cancel"), shown);

      return fail_arguments (what);
    }

  /* The service wants a date with paid; with return and cancel only when one is given */
  if ((order_status == EO_ORDER_STATUS_PAID || date_text != NULL) &&
      (date = parse_date_or_now (date_text, &error)) == NULL)
    return fail_with_error (error);

  if ((status = update_status (bill_id, order_status, date, NULL)) != EXIT_DONE)
    return status;

  number = g_strdup_printf ("%" G_GINT64_FORMAT, bill_id);
  if (order_status == EO_ORDER_STATUS_PAID)
    {
      g_autofree char *date_shown = format_date (date);

      print_line (_("Order %s marked as paid (date %s)"), number, date_shown);
    }
  else if (order_status == EO_ORDER_STATUS_RETURN)
    print_line (_("Order %s marked as returned"), number);
  else
    print_line (_("Order %s marked as cancelled"), number);

  return EXIT_DONE;
}

/* login */

/* One line from standard input, without echo when it is a terminal */
static char *
read_key (const char  *login,
          GError     **error)
{
  g_autoptr(GInputStream) base = g_unix_input_stream_new (STDIN_FILENO, FALSE);
  g_autoptr(GDataInputStream) input = g_data_input_stream_new (base);
  struct termios saved;
  gboolean echo_off = FALSE;
  g_autofree char *line = NULL;
  gsize length = 0;

  if (isatty (STDIN_FILENO))
    {
      struct termios quiet;

      fprintf (stderr, _("API key for %s: "), login);
      fflush (stderr);

      if (tcgetattr (STDIN_FILENO, &saved) == 0)
        {
          quiet = saved;
          quiet.c_lflag &= ~(tcflag_t) ECHO;
          echo_off = tcsetattr (STDIN_FILENO, TCSAFLUSH, &quiet) == 0;
        }
    }

  line = g_data_input_stream_read_line_utf8 (input, &length, NULL, error);

  if (echo_off)
    {
      tcsetattr (STDIN_FILENO, TCSAFLUSH, &saved);
      fputc ('\n', stderr);
    }

  if (line == NULL)
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, EO_ERROR, EO_ERROR_INVALID_INPUT,
                     _("No API key on standard input: give it as one line, e.g. "
                       "“expertam login %s < key-file”."), login);
      return NULL;
    }

  g_strstrip (line);
  length = strlen (line);

  if (length == 0 || length > MAX_KEY_LENGTH)
    {
      explicit_bzero (line, length);
      g_set_error (error, EO_ERROR, EO_ERROR_INVALID_INPUT,
                   _("The API key on standard input is empty or too long: give it as one line."));
      return NULL;
    }

  for (gsize i = 0; i < length; i++)
    {
      if (g_ascii_iscntrl (line[i]))
        {
          explicit_bzero (line, length);
          g_set_error (error, EO_ERROR, EO_ERROR_INVALID_INPUT,
                       _("The API key on standard input has control characters in it."));
          return NULL;
        }
    }

  return g_steal_pointer (&line);
}

static void
secret_free (char *secret)
{
  if (secret != NULL)
    explicit_bzero (secret, strlen (secret));
  g_free (secret);
}

typedef char SecretText;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SecretText, secret_free)

static gboolean
save_settings (const char *service,
               const char *login,
               const char *url)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettings) settings = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, EO_SETTINGS_SCHEMA_ID, TRUE);
  if (schema == NULL)
    return FALSE;

  settings = g_settings_new_full (schema, NULL, NULL);
  g_settings_delay (settings);
  g_settings_set_string (settings, "service", service);
  g_settings_set_string (settings, "login", login);
  if (url != NULL)
    g_settings_set_string (settings, "custom-url", url);
  g_settings_apply (settings);
  g_settings_sync ();

  return TRUE;
}

static int
run_login (char **args)
{
  gboolean help = FALSE;
  g_autofree char *service = NULL;
  g_autofree char *url = NULL;
  const GOptionEntry entries[] = {
    { "service", 's', 0, G_OPTION_ARG_STRING, &service,
      N_("expertam (default), justclick, or custom with --url"), N_("SERVICE") },
    { "url", 'u', 0, G_OPTION_ARG_STRING, &url,
      N_("The API’s base URL for a custom service; {login} in it is replaced by the login"),
      N_("TEMPLATE") },
    HELP_ENTRY (&help),
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    command_context_new (_("LOGIN"),
                         _("Store the account’s API key in the keyring. The key is read from "
                           "standard input, one line; it is never taken from the command line."),
                         _("The key is in the shop’s account: the “API” link at the bottom, or "
                           "Shop › Settings › API, “Secret key for the signature”."));
  g_autoptr(GError) error = NULL;
  g_autoptr(EoClient) client = NULL;
  g_autoptr(SecretText) key = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  const char *url_template;
  const char *login;
  int status;

  if ((status = parse_options (context, entries, &help, &args)) >= 0)
    return status;

  if (g_strv_length (args) != 2)
    return fail_arguments (_("Give one login"));

  login = args[1];
  if (!eo_client_login_is_valid (login))
    {
      g_autofree char *shown = clean (login);

      return fail (EXIT_USAGE, _("“%s” is not a valid login: it is the first part of the shop’s "
                                 "address, like “myshop” in myshop.expertam.ru (a-z, 0-9, -)."),
                   shown);
    }

  if (service == NULL)
    service = g_strdup (url != NULL ? "custom" : "expertam");

  if (!g_str_equal (service, "expertam") && !g_str_equal (service, "justclick") &&
      !g_str_equal (service, "custom"))
    return fail_arguments (_("The service is one of expertam, justclick, custom"));

  if (g_str_equal (service, "custom") != (url != NULL))
    return fail_arguments (_("A custom service needs --url TEMPLATE, and --url needs "
                             "--service custom"));

  url_template = eo_account_template_for_service (service, url);
  if (url_template == NULL)
    return fail_arguments (_("Give the API’s base URL with --url TEMPLATE"));

  key = read_key (login, &error);
  if (key == NULL)
    return fail_with_error (error);

  /* Checks the URL and gives the host the keyring entry is filed under */
  client = eo_client_new ();
  if (!eo_client_set_account (client, url_template, login, key, &error))
    return fail_with_error (error);

  eo_secrets_store_async (eo_client_get_host (client), login, key, NULL, store_result_cb, &result);
  wait_for_result (&result);
  if (!eo_secrets_store_finish (result, &error))
    return fail_with_error (error);

  if (save_settings (service, login, url))
    {
      print_line (_("Stored the API key for “%s” at %s in the keyring; this is now the account "
                    "expertam and the app use."), login, eo_client_get_host (client));
    }
  else
    {
      g_autofree char *quoted_url = g_shell_quote (url_template);
      g_autofree char *quoted_host = g_shell_quote (eo_client_get_host (client));

      print_line (_("Stored the API key for “%s” at %s in the keyring."),
                  login, eo_client_get_host (client));
      print_line (_("The app’s settings are not installed here, so expertam cannot find this "
                    "account by itself. Give it the account in the environment:"));
      print_line ("  export EXPERTAM_LOGIN=%s EXPERTAM_API_URL=%s "
                  "EXPERTAM_API_KEY=\"$(secret-tool lookup host %s login %s)\"",
                  login, quoted_url, quoted_host, login);
    }

  return EXIT_DONE;
}

/* api */

static gboolean
is_method_name (const char *text)
{
  gsize length = strlen (text);

  if (length == 0 || length > 64)
    return FALSE;

  for (gsize i = 0; i < length; i++)
    {
      if (!g_ascii_isalnum (text[i]) && text[i] != '_')
        return FALSE;
    }

  return TRUE;
}

static int
run_api (char **args)
{
  gboolean help = FALSE;
  const GOptionEntry entries[] = {
    HELP_ENTRY (&help),
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    command_context_new (_("METHOD [KEY=VALUE…]"),
                         _("Call any API method, signed, and print the verified reply as JSON."),
                         _("The parameters are sent in the order given; the signature is added. "
                           "Example: expertam api getOrderDetails bill_id=1001 good_info=1"));
  g_autoptr(GError) error = NULL;
  g_autoptr(EoClient) client = NULL;
  g_autoptr(EoParams) params = eo_params_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonObject) reply = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *text = NULL;
  int status;

  if ((status = parse_options (context, entries, &help, &args)) >= 0)
    return status;

  if (g_strv_length (args) < 2)
    return fail_arguments (_("Give the API method’s name"));

  if (!is_method_name (args[1]))
    {
      g_autofree char *shown = clean (args[1]);

      return fail (EXIT_USAGE, _("“%s” is not an API method name (letters, digits and _ only)."),
                   shown);
    }

  for (guint i = 2; args[i] != NULL; i++)
    {
      const char *equals = strchr (args[i], '=');
      g_autofree char *key = NULL;

      if (equals == NULL || equals == args[i])
        {
          g_autofree char *shown = clean (args[i]);

          return fail (EXIT_USAGE, _("“%s” is not a parameter: write KEY=VALUE."), shown);
        }

      key = g_strndup (args[i], equals - args[i]);
      if (g_str_equal (key, "hash"))
        return fail (EXIT_USAGE,
                     _("The hash parameter is added by expertam itself: leave it out."));

      eo_params_add_string (params, key, equals + 1);
    }

  client = open_client (&error);
  if (client == NULL)
    return fail_with_error (error);

  eo_client_call_async (client, args[1], params, NULL, store_result_cb, &result);
  wait_for_result (&result);
  reply = eo_client_call_finish (client, result, &error);
  if (reply == NULL)
    return fail_with_error (error);

  node = json_node_init_object (json_node_alloc (), reply);
  text = node_to_pretty_json (node);
  print_line ("%s", text);

  return EXIT_DONE;
}

/* demo-server */

static gboolean
quit_on_signal_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_CONTINUE;
}

static int
run_demo_server (char **args)
{
  gboolean help = FALSE;
  const GOptionEntry entries[] = {
    HELP_ENTRY (&help),
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    command_context_new (NULL,
                         _("Run the demo shop on this computer and print its URL, login and key, "
                           "until interrupted."),
                         _("Use it with: EXPERTAM_API_URL=URL EXPERTAM_LOGIN=demo "
                           "EXPERTAM_API_KEY=KEY expertam show 1001"));
  g_autoptr(GError) error = NULL;
  g_autoptr(EoDemoServer) server = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  guint sigint_id, sigterm_id;
  int status;

  if ((status = parse_options (context, entries, &help, &args)) >= 0)
    return status;

  if (g_strv_length (args) != 1)
    return fail_arguments (_("demo-server takes no arguments"));

  server = eo_demo_server_new ();
  if (!eo_demo_server_start (server, &error))
    return fail_with_error (error);

  loop = g_main_loop_new (NULL, FALSE);
  sigint_id = g_unix_signal_add (SIGINT, quit_on_signal_cb, loop);
  sigterm_id = g_unix_signal_add (SIGTERM, quit_on_signal_cb, loop);

  print_line ("url: %s", eo_demo_server_get_url (server));
  print_line ("login: %s", eo_demo_server_get_login (server));
  print_line ("key: %s", eo_demo_server_get_secret (server));
  fflush (stdout);

  g_main_loop_run (loop);

  g_source_remove (sigint_id);
  g_source_remove (sigterm_id);
  eo_demo_server_stop (server);

  return EXIT_DONE;
}

/* main */

static const Command commands[] = {
  { "show", N_("Show an order, human-readable or as JSON"), run_show },
  { "ship", N_("Mark an order sent, with its tracking number and date"), run_ship },
  { "status", N_("Mark an order paid, returned or cancelled"), run_status },
  { "login", N_("Store the API key (read from standard input) in the keyring"), run_login },
  { "api", N_("Call any API method, signed; print the verified reply as JSON"), run_api },
  { "demo-server", N_("Run the demo shop on loopback and print its URL, login and key"),
    run_demo_server },
};

static void
print_usage (void)
{
  g_autoptr(GString) text = g_string_new (NULL);

  g_string_append_printf (text, "%s\n  expertam %s\n\n%s\n\n%s\n",
                          _("Usage:"), _("COMMAND [OPTION…]"),
                          _("Run an Expertam or JustClick shop’s orders from the command line."),
                          _("Commands:"));

  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_string_append_printf (text, "  %-13s%s\n", commands[i].name, _(commands[i].summary));
    }

  g_string_append_printf (text, "\n%s\n%s\n%s\n",
                          _("Run “expertam COMMAND --help” for a command’s options."),
                          _("The account comes from the app’s settings and the keyring, or from "
                            "EXPERTAM_LOGIN, EXPERTAM_API_KEY and EXPERTAM_API_URL."),
                          _("Exit status: 0 done, 1 the service refused, 2 bad usage or input, "
                            "3 network, TLS or reply failure."));

  print_out (text->str);
}

int
main (int   argc,
      char *argv[])
{
  const Command *command = NULL;
  g_auto(GStrv) args = NULL;
  g_autofree char *prgname = NULL;
  int status;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_set_prgname ("expertam");

  if (argc < 2)
    return fail (EXIT_USAGE, _("Give a command (see “expertam --help”)"));

  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") ||
      g_str_equal (argv[1], "help"))
    {
      print_usage ();
      return EXIT_DONE;
    }

  if (g_str_equal (argv[1], "--version"))
    {
      print_line ("expertam %s", PACKAGE_VERSION);
      return EXIT_DONE;
    }

  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      if (g_str_equal (argv[1], commands[i].name))
        command = &commands[i];
    }

  if (command == NULL)
    {
      g_autofree char *shown = eo_sanitize_text (argv[1], 100);

      return fail (EXIT_USAGE, _("“%s” is not a command (see “expertam --help”)"), shown);
    }

  /* "expertam show" in the command's usage and error lines */
  prgname = g_strdup_printf ("expertam %s", command->name);
  g_set_prgname (prgname);

  args = g_new0 (char *, argc);
  args[0] = g_strdup (prgname);
  for (int i = 2; i < argc; i++)
    args[i - 1] = g_strdup (argv[i]);

  status = command->run (args);

  if (fflush (stdout) != 0 || ferror (stdout))
    return fail (EXIT_FAILED, _("Could not write the output: %s"), g_strerror (errno));

  return status;
}

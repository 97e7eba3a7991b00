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
#include "eo-batch-file.h"
#include "eo-signature.h"
#include "eo-outbox-client.h"
#include "eo-store.h"
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
      g_error_matches (error, EO_STORE_ERROR, EO_STORE_ERROR_INVALID) ||
      g_error_matches (error, EO_STORE_ERROR, EO_STORE_ERROR_NOT_FOUND) ||
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

/* The store and the outbox */

static gint64
now_seconds (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

static EoStore *
open_store (GError **error)
{
  g_autofree char *path = eo_store_get_default_path ();

  return eo_store_open (path, error);
}

/* What became of one change this command queued */
typedef struct
{
  gboolean       attempted;
  EoOutboxState  state;
  GError        *error;
} Outcome;

static void
outcome_free (Outcome *outcome)
{
  g_clear_error (&outcome->error);
  g_free (outcome);
}

typedef struct
{
  EoClient   *client;
  EoStore    *store;
  GHashTable *watched;     /* gint64 change id -> Outcome: the changes this command is about */
  gboolean    print_all;   /* a result line for the watched changes too (batch, outbox --retry) */
  guint       sent;
  guint       refused;
  guint       failed;      /* failed for good without a refusal (bad signature...) */
  guint       queued;
} Sender;

static void
sender_clear (Sender *sender)
{
  g_clear_object (&sender->client);
  g_clear_object (&sender->store);
  g_clear_pointer (&sender->watched, g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Sender, sender_clear)

/* The client, then the store: no change is queued for an account that is not there */
static gboolean
sender_open (Sender  *sender,
             GError **error)
{
  sender->watched = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                           (GDestroyNotify) outcome_free);
  sender->client = open_client (error);
  if (sender->client == NULL)
    return FALSE;

  sender->store = open_store (error);
  if (sender->store == NULL)
    return FALSE;

  /* Changes are recorded for this shop, and only this shop's are sent */
  eo_store_set_account (sender->store, eo_client_get_login (sender->client));
  return TRUE;
}

static void
sender_watch (Sender *sender,
              gint64  id)
{
  g_hash_table_insert (sender->watched, g_memdup2 (&id, sizeof id), g_new0 (Outcome, 1));
}

static Outcome *
sender_lookup (Sender *sender,
               gint64  id)
{
  return g_hash_table_lookup (sender->watched, &id);
}

/* The outbox's sending, with this command's client (eo-outbox-client) */
static void
send_change (EoOutboxChange      *change,
             GCancellable        *cancellable,
             GAsyncReadyCallback  callback,
             gpointer             callback_data,
             gpointer             user_data)
{
  Sender *sender = user_data;

  eo_outbox_client_send (change, cancellable, callback, callback_data, sender->client);
}

static gboolean
send_change_finish (GAsyncResult  *result,
                    GError       **error,
                    gpointer       user_data)
{
  Sender *sender = user_data;

  return eo_outbox_client_send_finish (result, error, sender->client);
}

/* A status as people read it: a change's (sent, paid, return, cancel) or an order's payment
 * status (paid, waiting, cancel); any other word the service uses is shown as given */
static const char *
status_word (const char *status)
{
  static const struct {
    const char *service;
    const char *label;
  } known[] = {
    { "sent", N_("sent") },
    { "paid", N_("paid") },
    { "return", N_("returned") },
    { "cancel", N_("cancelled") },
    { "waiting", N_("unpaid") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (known); i++)
    if (g_ascii_strcasecmp (status, known[i].service) == 0)
      return _(known[i].label);

  return status;
}

/* "1001 sent 62001411000016", "1003 paid" */
static char *
describe_change (EoOutboxChange *change)
{
  if (change->rpo[0] != '\0')
    return g_strdup_printf ("%" G_GINT64_FORMAT " %s %s", change->bill_id,
                            status_word (change->status), change->rpo);

  return g_strdup_printf ("%" G_GINT64_FORMAT " %s", change->bill_id,
                          status_word (change->status));
}

static void
print_result_line (EoOutboxChange *change,
                   EoOutboxState   state,
                   const GError   *error)
{
  g_autofree char *message = error != NULL ? clean (error->message) : NULL;
  g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, change->bill_id);

  if (state == EO_OUTBOX_STATE_DONE)
    {
      g_autofree char *described = describe_change (change);

      print_line ("%s", described);
    }
  else if (state == EO_OUTBOX_STATE_PENDING)
    /* Translators: an order number, then why its change is still waiting to be sent */
    print_line (_("%s queued: %s"), number, message);
  else if (eo_error_is_refusal (error))
    /* Translators: an order number, then the service's reason */
    print_line (_("%s refused: %s"), number, message);
  else
    print_line (_("%s failed: %s"), number, message);

  /* a script or a person watching a long batch sees each line as it comes */
  fflush (stdout);
}

static void
send_progress_cb (EoOutboxChange *change,
                  EoOutboxState   state,
                  const GError   *error,
                  gpointer        user_data)
{
  Sender *sender = user_data;
  Outcome *outcome = sender_lookup (sender, change->id);

  if (outcome != NULL)
    {
      outcome->attempted = TRUE;
      outcome->state = state;
      g_clear_error (&outcome->error);
      outcome->error = error != NULL ? g_error_copy (error) : NULL;

      if (state == EO_OUTBOX_STATE_DONE)
        sender->sent++;
      else if (state == EO_OUTBOX_STATE_PENDING)
        sender->queued++;
      else if (eo_error_is_refusal (error))
        sender->refused++;
      else
        sender->failed++;
    }

  /* Earlier changes from the outbox always get their line: the person should know */
  if (outcome == NULL || sender->print_all)
    print_result_line (change, state, error);
}

/* Mentions the earlier changes that go out with this command's own */
static void
mention_earlier_changes (Sender *sender,
                         gint64  now)
{
  g_autoptr(GPtrArray) pending = eo_store_outbox_list_pending (sender->store, NULL);
  guint n_due = 0;

  for (guint i = 0; pending != NULL && i < pending->len; i++)
    {
      EoOutboxChange *change = g_ptr_array_index (pending, i);

      if (change->next_attempt <= now && sender_lookup (sender, change->id) == NULL)
        n_due++;
    }

  if (n_due > 0)
    {
      print_line (ngettext ("Sending %u earlier change waiting in the outbox too.",
                            "Sending %u earlier changes waiting in the outbox too.", n_due),
                  n_due);
      fflush (stdout);
    }
}

/* Sends every change due now, jobs at a time; records what became of the watched ones */
static gboolean
send_due (Sender  *sender,
          guint    jobs,
          GError **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  gint64 now = now_seconds ();

  mention_earlier_changes (sender, now);

  eo_outbox_sender_send_due_async (sender->store, now, jobs, send_change, send_change_finish,
                                   send_progress_cb, sender, NULL, store_result_cb, &result);
  wait_for_result (&result);

  return eo_outbox_sender_send_due_finish (sender->store, result, NULL, NULL, NULL, error);
}

/* The same change (order, status, tracking number) already waiting or failed, whatever its
 * date: the person gave no date, so it is the one they mean */
static EoOutboxChange *
find_queued_change (EoStore    *store,
                    gint64      bill_id,
                    const char *status,
                    const char *rpo)
{
  g_autoptr(GPtrArray) pending = eo_store_outbox_list_pending (store, NULL);
  g_autoptr(GPtrArray) failed = eo_store_outbox_list_failed (store, NULL);
  GPtrArray *lists[] = { pending, failed };

  for (gsize l = 0; l < G_N_ELEMENTS (lists); l++)
    {
      for (guint i = 0; lists[l] != NULL && i < lists[l]->len; i++)
        {
          EoOutboxChange *change = g_ptr_array_index (lists[l], i);

          if (change->bill_id == bill_id && g_str_equal (change->status, status) &&
              g_str_equal (change->rpo, rpo != NULL ? rpo : ""))
            return eo_outbox_change_ref (change);
        }
    }

  return NULL;
}

/*
 * ship and status: the change is committed to the outbox, then sent with whatever else is due.
 * Without a date given, the same change already queued keeps its date (*date is replaced).
 * Returns the exit status; on EXIT_DONE the caller says what was done.
 */
static int
queue_and_send (gint64         bill_id,
                EoOrderStatus  order_status,
                GDateTime    **date,
                gboolean       date_given,
                const char    *rpo)
{
  g_auto(Sender) sender = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(EoOutboxChange) change = NULL;
  g_autoptr(EoOutboxChange) queued = NULL;
  g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, bill_id);
  const char *status = eo_order_status_to_string (order_status);
  g_autofree char *message = NULL;
  gboolean existing = FALSE;
  Outcome *outcome;
  gint64 now = now_seconds ();
  gint64 id;

  if (!sender_open (&sender, &error))
    return fail_with_error (error);

  if (!date_given)
    queued = find_queued_change (sender.store, bill_id, status, rpo);
  if (queued != NULL)
    {
      g_clear_pointer (date, g_date_time_unref);
      *date = queued->date != NULL ? g_date_time_ref (queued->date) : NULL;
    }

  change = eo_outbox_change_new (bill_id, status, *date, rpo);
  id = eo_store_outbox_enqueue (sender.store, change, now, &existing, &error);
  if (id == 0)
    return fail_with_error (error);

  /* Asked again: send it now, whatever its backoff */
  if (existing && !eo_store_outbox_retry (sender.store, id, now, &error))
    return fail_with_error (error);

  sender_watch (&sender, id);
  if (!send_due (&sender, EO_OUTBOX_DEFAULT_JOBS, &error))
    return fail_with_error (error);

  outcome = sender_lookup (&sender, id);
  if (!outcome->attempted)
    return fail (EXIT_FAILED, _("Order %s has an earlier change waiting to be sent again; this one "
                                "is queued after it: run “expertam outbox --retry”."), number);

  if (outcome->state == EO_OUTBOX_STATE_DONE)
    return EXIT_DONE;

  message = clean (outcome->error->message);

  if (outcome->state == EO_OUTBOX_STATE_PENDING)
    /* Translators: %s is why the change could not be sent (a network error...) */
    return fail (EXIT_FAILED, _("%s The change is queued and will be sent again: run “expertam "
                                "outbox --retry”."), message);

  /* The person reads the refusal right here: nothing is left waiting for them */
  if (eo_error_is_refusal (outcome->error))
    {
      eo_store_outbox_discard (sender.store, id, now_seconds (), NULL);
      return fail_with_error (outcome->error);
    }

  return fail (status_for_error (outcome->error),
               _("%s The change is kept in the outbox: run “expertam outbox --retry” once this "
                 "is fixed."), message);
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
  g_autoptr(EoStore) store = NULL;
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

  /* Every order fetched is kept, for `expertam search` and the window's history, as this
   * shop's */
  if ((store = open_store (&error)) != NULL)
    eo_store_set_account (store, eo_client_get_login (client));
  if (store == NULL ||
      !eo_store_save_order (store, order, now_seconds (), &error))
    {
      print_error_line (error->message);
      g_clear_error (&error);
    }

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

  if ((status = queue_and_send (bill_id, EO_ORDER_STATUS_SENT, &date, date_text != NULL, normalized)) != EXIT_DONE)
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

  if ((status = queue_and_send (bill_id, order_status, &date, date_text != NULL, NULL)) != EXIT_DONE)
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

/* Results of a run that sends many changes: a summary line, and the exit status */

static int
finish_sending (Sender *sender,
                guint   already_sent)
{
  g_autoptr(GString) summary = g_string_new (NULL);
  guint waiting = 0;
  GHashTableIter iter;
  gpointer key, value;

  /* Changes that waited behind an earlier one of the same order, still in its backoff */
  g_hash_table_iter_init (&iter, sender->watched);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      Outcome *outcome = value;

      if (!outcome->attempted)
        {
          g_autoptr(EoOutboxChange) change = eo_store_outbox_get (sender->store,
                                                                  *(gint64 *) key, NULL);

          if (change != NULL)
            {
              g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, change->bill_id);

              print_line (_("%s queued: an earlier change of this order is waiting to be sent "
                            "again"), number);
            }
          waiting++;
        }
    }

  /* Translators: the summary of a batch; the numbers are counts of orders */
  g_string_append_printf (summary, _("%u sent, %u refused, %u queued"),
                          sender->sent, sender->refused, sender->queued + waiting);
  if (sender->failed > 0)
    g_string_append_printf (summary, _(", %u failed"), sender->failed);
  if (already_sent > 0)
    g_string_append_printf (summary, _(", %u already sent before"), already_sent);
  print_line ("%s", summary->str);

  if (sender->refused > 0)
    return fail (EXIT_REFUSED,
                 ngettext ("%u change was refused by the service (reasons above): fix it, then "
                           "“expertam outbox --retry”, or drop it with “expertam outbox "
                           "--discard ID”.",
                           "%u changes were refused by the service (reasons above): fix them, "
                           "then “expertam outbox --retry”, or drop them with “expertam outbox "
                           "--discard ID”.", sender->refused),
                 sender->refused);

  if (sender->queued + waiting + sender->failed > 0)
    return fail (EXIT_FAILED,
                 ngettext ("%u change is still in the outbox: run “expertam outbox --retry” "
                           "to send it again.",
                           "%u changes are still in the outbox: run “expertam outbox --retry” "
                           "to send them again.", sender->queued + waiting + sender->failed),
                 sender->queued + waiting + sender->failed);

  return EXIT_DONE;
}

static gboolean
parse_jobs (int      jobs,
            GError **error)
{
  if (jobs < 1 || jobs > EO_CLIENT_MAX_CONNECTIONS)
    {
      g_set_error (error, EO_ERROR, EO_ERROR_INVALID_INPUT,
                   _("--jobs is from 1 to %d."), EO_CLIENT_MAX_CONNECTIONS);
      return FALSE;
    }

  return TRUE;
}

/* ship-batch */

/* TRUE when the change of a row was confirmed by the service before: the log knows */
static gboolean
row_already_sent (EoStore        *store,
                  EoOutboxChange *change,
                  gboolean        any_date)
{
  g_autoptr(GPtrArray) log = eo_store_list_log (store, change->bill_id, 100, NULL);

  for (guint i = 0; log != NULL && i < log->len; i++)
    {
      EoLogEntry *entry = g_ptr_array_index (log, i);

      if (entry->result == EO_LOG_DONE && g_str_equal (entry->status, change->status) &&
          g_str_equal (entry->rpo, change->rpo) &&
          (any_date || (entry->date != NULL && change->date != NULL &&
                        g_date_time_equal (entry->date, change->date))))
        return TRUE;
    }

  return FALSE;
}

static int
run_ship_batch (char **args)
{
  gboolean help = FALSE;
  gboolean any_number = FALSE;
  gboolean skip_invalid = FALSE;
  g_autofree char *date_text = NULL;
  int jobs = EO_OUTBOX_DEFAULT_JOBS;
  const GOptionEntry entries[] = {
    { "jobs", 'j', 0, G_OPTION_ARG_INT, &jobs,
      N_("How many orders are sent at a time (1 to 16, default 4)"), N_("N") },
    { "date", 'd', 0, G_OPTION_ARG_STRING, &date_text,
      N_("When the parcels without a date in the file were posted (default: now)"), N_("DATE") },
    { "any-number", 0, 0, G_OPTION_ARG_NONE, &any_number,
      N_("Also send the numbers that are not Russian Post numbers (another carrier’s)"), NULL },
    { "skip-invalid", 0, 0, G_OPTION_ARG_NONE, &skip_invalid,
      N_("Send the valid rows even when others are not valid"), NULL },
    HELP_ENTRY (&help),
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    command_context_new (_("FILE"),
                         _("Mark many orders sent, from a CSV or TSV file of order number, "
                           "tracking number and optional date; prints a result line per row."),
                         _("Every row is checked first (tracking number check digits, duplicates, "
                           "dates); when a row is not valid nothing is sent. The changes go "
                           "through the outbox: what cannot be sent now is kept and sent again "
                           "by “expertam outbox --retry”. Rows already sent are skipped."));
  g_auto(Sender) sender = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now_date = g_date_time_new_now_local ();
  g_autoptr(GDateTime) default_date = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  guint n_bad = 0, n_skipped = 0, already_sent = 0;
  gint64 now;
  int status;

  if ((status = parse_options (context, entries, &help, &args)) >= 0)
    return status;

  if (g_strv_length (args) != 2)
    return fail_arguments (_("Give one file"));

  if (!parse_jobs (jobs, &error) ||
      (default_date = parse_date_or_now (date_text, &error)) == NULL)
    return fail_with_error (error);

  file = g_file_new_for_commandline_arg (args[1]);
  rows = eo_batch_file_load (file, now_date, NULL, &error);
  if (rows == NULL)
    {
      g_autofree char *shown = clean (args[1]);

      return fail (EXIT_USAGE, _("Cannot read the batch file “%s”: %s"), shown, error->message);
    }

  for (guint i = 0; i < rows->len; i++)
    {
      EoBatchRow *row = g_ptr_array_index (rows, i);
      g_autofree char *bill = clean (row->bill_text != NULL ? row->bill_text : "");
      g_autofree char *reason = clean (row->reason != NULL ? row->reason : "");

      if (row->state == EO_BATCH_ROW_INVALID)
        /* Translators: a line number of the file, the order number as written, the reason */
        print_line (_("line %u: %s: %s"), row->line, bill, reason);
      else if (row->state == EO_BATCH_ROW_WARNING && !any_number)
        print_line (_("line %u: %s: %s (add --any-number to send it as written)"),
                    row->line, bill, reason);
      else
        continue;

      n_bad++;
    }

  if (n_bad > 0 && !skip_invalid)
    return fail (EXIT_USAGE,
                 ngettext ("%u of %u rows is not valid (see above); nothing was sent: fix it, or "
                           "add --skip-invalid to send the others.",
                           "%u of %u rows are not valid (see above); nothing was sent: fix them, "
                           "or add --skip-invalid to send the others.", n_bad),
                 n_bad, rows->len);
  n_skipped = n_bad;

  if (!sender_open (&sender, &error))
    return fail_with_error (error);
  sender.print_all = TRUE;

  now = now_seconds ();
  changes = g_ptr_array_new_with_free_func ((GDestroyNotify) eo_outbox_change_unref);
  for (guint i = 0; i < rows->len; i++)
    {
      EoBatchRow *row = g_ptr_array_index (rows, i);
      gboolean own_date = row->date != NULL || date_text != NULL;
      g_autoptr(EoOutboxChange) change = NULL;
      g_autoptr(EoOutboxChange) queued = NULL;

      if (row->state == EO_BATCH_ROW_INVALID ||
          (row->state == EO_BATCH_ROW_WARNING && !any_number))
        continue;

      change = eo_outbox_change_new (row->bill_id, "sent",
                                     row->date != NULL ? row->date : default_date, row->rpo);

      /* A second run of the same file (after a crash, a dropped network) sends only the rest */
      if (row_already_sent (sender.store, change, !own_date))
        {
          g_autofree char *described = describe_change (change);

          /* Translators: "1001 sent 62001411000016", then this */
          print_line (_("%s (already sent before)"), described);
          already_sent++;
          continue;
        }

      if (!own_date)
        queued = find_queued_change (sender.store, row->bill_id, "sent", row->rpo);

      if (queued != NULL)
        {
          if (!eo_store_outbox_retry (sender.store, queued->id, now, &error))
            return fail_with_error (error);
          sender_watch (&sender, queued->id);
        }
      else
        g_ptr_array_add (changes, g_steal_pointer (&change));
    }

  if (!eo_store_outbox_enqueue_many (sender.store, changes, now, &error))
    return fail_with_error (error);

  for (guint i = 0; i < changes->len; i++)
    sender_watch (&sender, ((EoOutboxChange *) g_ptr_array_index (changes, i))->id);

  if (!send_due (&sender, (guint) jobs, &error))
    return fail_with_error (error);

  if (n_skipped > 0)
    print_line (ngettext ("%u row was not valid and was skipped.",
                          "%u rows were not valid and were skipped.", n_skipped), n_skipped);

  return finish_sending (&sender, already_sent);
}

/* outbox */

static const char *
state_name (EoOutboxState state)
{
  switch (state)
    {
    case EO_OUTBOX_STATE_PENDING:
      return _("pending");
    case EO_OUTBOX_STATE_FAILED:
      return _("failed");
    case EO_OUTBOX_STATE_DONE:
      return _("done");
    case EO_OUTBOX_STATE_DISCARDED:
    default:
      return _("discarded");
    }
}

/* Left-aligned in width characters, not bytes: the translated words are Cyrillic */
static char *
pad (const char *text,
     guint       width)
{
  glong length = g_utf8_strlen (text, -1);
  GString *out = g_string_new (text);

  for (glong i = length; i < (glong) width; i++)
    g_string_append_c (out, ' ');

  return g_string_free (out, FALSE);
}

static void
print_outbox_change (EoOutboxChange *change,
                     gint64          now)
{
  g_autofree char *date = change->date != NULL ? format_date (change->date) : g_strdup ("-");
  g_autofree char *next = NULL;
  g_autofree char *message = clean (change->last_error);

  if (change->state != EO_OUTBOX_STATE_PENDING)
    next = g_strdup ("-");
  else if (change->next_attempt <= now)
    next = g_strdup (_("now"));
  else
    {
      g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (change->next_attempt);

      next = format_date (when);
    }

  g_autofree char *shown_status = clean (status_word (change->status));
  g_autofree char *state_col = pad (state_name (change->state), 8);
  g_autofree char *status_col = pad (shown_status, 9);
  g_autofree char *date_col = pad (date, 19);
  g_autofree char *next_col = pad (next, 19);
  g_autofree char *shop = clean (change->account);
  g_autofree char *shop_col = pad (shop[0] != '\0' ? shop : "-", 12);

  print_line ("%-5" G_GINT64_FORMAT " %s %-8" G_GINT64_FORMAT " %s %-15s %s %-8u %s %s %s",
              change->id, state_col, change->bill_id, status_col,
              change->rpo[0] != '\0' ? change->rpo : "-", date_col, change->attempts, next_col,
              shop_col, message[0] != '\0' ? message : "-");
}

static int
list_outbox (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EoStore) store = NULL;
  g_autoptr(GPtrArray) pending = NULL;
  g_autoptr(GPtrArray) failed = NULL;
  gint64 now = now_seconds ();

  if ((store = open_store (&error)) == NULL ||
      (pending = eo_store_outbox_list_pending (store, &error)) == NULL ||
      (failed = eo_store_outbox_list_failed (store, &error)) == NULL)
    return fail_with_error (error);

  if (pending->len == 0 && failed->len == 0)
    {
      print_line (_("The outbox is empty: every change was sent."));
      return EXIT_DONE;
    }

  /* Translators: the column heads of the outbox list; keep them one word each */
  {
    const char *heads[] = { _("ID"), _("STATE"), _("ORDER"), _("STATUS"), _("TRACKING"), _("DATE"),
                            _("ATTEMPTS"), _("NEXT"), _("SHOP") };
    const guint widths[] = { 5, 8, 8, 9, 15, 19, 8, 19, 12 };
    g_autoptr(GString) line = g_string_new (NULL);

    for (guint i = 0; i < G_N_ELEMENTS (heads); i++)
      {
        g_autofree char *cell = pad (heads[i], widths[i]);

        g_string_append_printf (line, "%s ", cell);
      }
    g_string_append (line, _("LAST-ERROR"));
    print_line ("%s", line->str);
  }
  for (guint i = 0; i < pending->len; i++)
    print_outbox_change (g_ptr_array_index (pending, i), now);
  for (guint i = 0; i < failed->len; i++)
    print_outbox_change (g_ptr_array_index (failed, i), now);

  return EXIT_DONE;
}

static int
retry_outbox (guint jobs)
{
  g_auto(Sender) sender = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) pending = NULL;
  g_autoptr(GPtrArray) failed = NULL;
  gint64 now = now_seconds ();
  guint other_shops = 0;

  if (!sender_open (&sender, &error) ||
      (pending = eo_store_outbox_list_pending (sender.store, &error)) == NULL ||
      (failed = eo_store_outbox_list_failed (sender.store, &error)) == NULL)
    return fail_with_error (error);
  sender.print_all = TRUE;

  if (pending->len == 0 && failed->len == 0)
    {
      print_line (_("The outbox is empty: nothing to send."));
      return EXIT_DONE;
    }

  /* The person asks: now, whatever the backoff; another shop's changes stay for that shop */
  for (guint p = 0; p < 2; p++)
    {
      GPtrArray *list = p == 0 ? pending : failed;

      for (guint i = 0; i < list->len; i++)
        {
          EoOutboxChange *change = g_ptr_array_index (list, i);

          if (!eo_outbox_change_is_for (change, eo_client_get_login (sender.client)))
            {
              other_shops++;
              continue;
            }

          if (!eo_store_outbox_retry (sender.store, change->id, now, &error))
            return fail_with_error (error);
          sender_watch (&sender, change->id);
        }
    }

  if (other_shops > 0)
    print_line (ngettext ("%u change is for another shop: it stays in the outbox and is sent with "
                          "that shop’s account.",
                          "%u changes are for other shops: they stay in the outbox and are sent "
                          "with those shops’ accounts.", other_shops), other_shops);

  if (!send_due (&sender, jobs, &error))
    return fail_with_error (error);

  return finish_sending (&sender, 0);
}

static int
discard_change (const char *id_text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EoStore) store = NULL;
  gint64 id = 0;

  if (!parse_bill_id (id_text, &id, &error))
    {
      g_autofree char *shown = clean (id_text);

      return fail (EXIT_USAGE, _("“%s” is not a change’s ID: see the first column of "
                                 "“expertam outbox”."), shown);
    }

  if ((store = open_store (&error)) == NULL ||
      !eo_store_outbox_discard (store, id, now_seconds (), &error))
    return fail_with_error (error);

  print_line (_("Change %s discarded: it will not be sent."), id_text);
  return EXIT_DONE;
}

static int
run_outbox (char **args)
{
  gboolean help = FALSE;
  gboolean retry = FALSE;
  g_autofree char *discard = NULL;
  int jobs = EO_OUTBOX_DEFAULT_JOBS;
  const GOptionEntry entries[] = {
    { "retry", 'r', 0, G_OPTION_ARG_NONE, &retry,
      N_("Send every waiting and failed change now"), NULL },
    { "discard", 0, 0, G_OPTION_ARG_STRING, &discard,
      N_("Drop one change, by the ID in the list: it will not be sent"), N_("ID") },
    { "jobs", 'j', 0, G_OPTION_ARG_INT, &jobs,
      N_("How many changes are sent at a time with --retry (1 to 16, default 4)"), N_("N") },
    HELP_ENTRY (&help),
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    command_context_new (NULL,
                         _("List the status changes waiting to be sent or refused, send them "
                           "again, or drop one."),
                         _("Every change is written to the outbox before it is sent, and leaves "
                           "it only when the service confirms it: what a dropped network or a "
                           "crash interrupted is sent again by the next ship, status, ship-batch "
                           "or outbox --retry."));
  g_autoptr(GError) error = NULL;
  int status;

  if ((status = parse_options (context, entries, &help, &args)) >= 0)
    return status;

  if (g_strv_length (args) != 1)
    return fail_arguments (_("outbox takes no arguments"));

  if (retry && discard != NULL)
    return fail_arguments (_("Give --retry or --discard, not both"));

  if (!parse_jobs (jobs, &error))
    return fail_with_error (error);

  if (discard != NULL)
    return discard_change (discard);

  if (retry)
    return retry_outbox ((guint) jobs);

  return list_outbox ();
}

/* search */

static int
run_search (char **args)
{
  gboolean help = FALSE;
  const GOptionEntry entries[] = {
    HELP_ENTRY (&help),
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    command_context_new (_("TEXT…"),
                         _("Find saved orders by number, name, phone, e-mail, city, address or "
                           "tracking number, offline; prints number, name, city and status."),
                         _("Every order shown (by expertam or the app) is saved on this computer. "
                           "A phone matches in any format: 89123456789, +7 912 345-67-89."));
  g_autoptr(GError) error = NULL;
  g_autoptr(EoStore) store = NULL;
  g_autoptr(GListModel) found = NULL;
  g_autofree char *text = NULL;
  guint n;
  int status;

  if ((status = parse_options (context, entries, &help, &args)) >= 0)
    return status;

  if (g_strv_length (args) < 2)
    return fail_arguments (_("Give the text to search for"));

  text = g_strjoinv (" ", args + 1);
  if ((store = open_store (&error)) == NULL ||
      (found = eo_store_search (store, text, 100, &error)) == NULL)
    return fail_with_error (error);

  n = g_list_model_get_n_items (found);
  if (n == 0)
    {
      g_autofree char *shown = clean (text);

      return fail (EXIT_DONE, _("No saved order matches “%s”: orders are saved when they are "
                                "shown."), shown);
    }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(EoStoredOrder) order = g_list_model_get_item (found, i);
      g_autofree char *name = clean (eo_stored_order_get_full_name (order));
      g_autofree char *city = clean (eo_stored_order_get_city (order));
      g_autoptr(GString) state = g_string_new (NULL);
      g_autofree char *shown_state = NULL;
      const char *pay_status = eo_stored_order_get_pay_status (order);
      const char *local = eo_stored_order_get_local_status (order);
      const char *tracking = eo_stored_order_get_tracking (order);

      g_string_append (state, status_word (pay_status));
      if (local[0] != '\0' && !g_str_equal (local, pay_status))
        g_string_append_printf (state, "%s%s", state->len > 0 ? ", " : "", status_word (local));
      if (tracking[0] != '\0')
        g_string_append_printf (state, "%s%s", state->len > 0 ? " " : "", tracking);

      shown_state = clean (state->str);
      print_line ("%" G_GINT64_FORMAT "\t%s\t%s\t%s", eo_stored_order_get_bill_id (order),
                  name[0] != '\0' ? name : "-", city[0] != '\0' ? city : "-",
                  shown_state[0] != '\0' ? shown_state : "-");
    }

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
  int n_orders = 0;
  int latency = 0;
  /* For the tests and benchmarks, not in --help */
  const GOptionEntry entries[] = {
    { "orders", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_INT, &n_orders, NULL, NULL },
    { "latency", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_INT, &latency, NULL, NULL },
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

  if (n_orders < 0 || n_orders > 100000 || latency < 0 || latency > 60000)
    return fail_arguments (_("--orders is from 0 to 100000, --latency from 0 to 60000 ms"));

  server = eo_demo_server_new ();
  eo_demo_server_add_synthetic_orders (server, (guint) n_orders);
  eo_demo_server_set_latency (server, (guint) latency);
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
  { "ship-batch", N_("Mark many orders sent from a CSV or TSV file"), run_ship_batch },
  { "outbox", N_("List the changes waiting to be sent; send them again"), run_outbox },
  { "search", N_("Find saved orders by name, phone, e-mail, city… (offline)"), run_search },
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

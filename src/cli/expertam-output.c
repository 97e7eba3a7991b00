/* SPDX-License-Identifier: GPL-3.0-or-later */
/* expertam-output.c: how `expertam` prints: UTF-8 lines, the readable order, statuses in words */

#include "config.h"

#include <locale.h>
#include <stdio.h>

#include <glib/gi18n.h>

#include "eo-error.h"
#include "eo-money.h"
#include "eo-order-item.h"
#include "eo-partner.h"
#include "expertam-private.h"

void
expertam_print_error_line (const char *message)
{
  g_autofree char *line = eo_sanitize_text (message, MAX_SHOWN_CHARS);

  /* One line, UTF-8 whatever the locale, so scripts can grep it */
  fprintf (stderr, "expertam: %s\n", line);
  fflush (stderr);
}

void
expertam_print_out (const char *text)
{
  /* UTF-8 whatever the locale: g_print() would transliterate Cyrillic under LANG=C */
  fputs (text, stdout);
}

void
expertam_print_line (const char *format,
                     ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);

  expertam_print_out (text);
  expertam_print_out ("\n");
}

char *
expertam_clean (const char *text)
{
  return eo_sanitize_text (text, MAX_SHOWN_CHARS);
}

/* "Label:" padded so that the values line up, whatever the translation's length */
void
expertam_print_labelled (const char *label,
                         const char *value)
{
  glong width = g_utf8_strlen (label, -1) + 1;

  expertam_print_line ("%s:%*s%s", label, (int) MAX (LABEL_WIDTH - width, 1), "", value);
}

void
expertam_print_field (const char *label,
                      const char *value)
{
  g_autofree char *shown = NULL;

  if (value == NULL || value[0] == '\0')
    return;

  shown = expertam_clean (value);
  expertam_print_labelled (label, shown);
}

void
expertam_print_money_field (const char *label,
                            gint64      kopecks)
{
  g_autofree char *money = NULL;

  if (kopecks == EO_MONEY_NONE)
    return;

  money = eo_money_format (kopecks);
  expertam_print_labelled (label, money);
}

char *
expertam_format_date (GDateTime *date)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (date);
  const char *lc_time = setlocale (LC_TIME, NULL);

  /* The C locale's %x is the ambiguous 03/01/24: use ISO there */
  if (lc_time == NULL || g_str_equal (lc_time, "C") || g_str_equal (lc_time, "POSIX") ||
      g_str_has_prefix (lc_time, "C."))
    return g_date_time_format (local, "%Y-%m-%d %H:%M:%S");

  return g_date_time_format (local, "%x %X");
}

void
expertam_print_date_field (const char *label,
                           GDateTime  *date)
{
  g_autofree char *text = NULL;

  if (date == NULL)
    return;

  text = expertam_format_date (date);
  expertam_print_labelled (label, text);
}

char *
expertam_node_to_pretty_json (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, node);

  return json_generator_to_data (generator, NULL);
}

/* An order as people read it: labels lined up, the address one part a line, then the items */
void
expertam_print_order (EoOrder *order)
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

  expertam_print_line (_("Order %s"), number);

  /* The service's own word, unless it only repeats "paid" */
  if (pay_status[0] != '\0' &&
      !(eo_order_get_is_paid (order) && g_ascii_strcasecmp (pay_status, "paid") == 0))
    {
      g_autofree char *shown = expertam_clean (pay_status);
      g_autofree char *status = g_strdup_printf ("%s (%s)", paid_text, shown);

      expertam_print_field (_("Status"), status);
    }
  else
    expertam_print_field (_("Status"), paid_text);

  expertam_print_date_field (_("Created"), eo_order_get_created (order));
  expertam_print_field (_("Customer"), eo_order_get_full_name (order));
  expertam_print_field (_("E-mail"), eo_order_get_email (order));
  expertam_print_field (_("Phone"), eo_order_get_phone (order));

  /* As on a Russian envelope, one part a line */
  for (gsize i = 0; i < G_N_ELEMENTS (address_parts); i++)
    {
      g_autofree char *shown = NULL;

      if (address_parts[i][0] == '\0')
        continue;

      if (!has_address)
        expertam_print_line ("%s:", _("Delivery address"));
      has_address = TRUE;

      shown = expertam_clean (address_parts[i]);
      expertam_print_line ("  %s", shown);
    }

  if (n_items > 0)
    expertam_print_line ("%s:", _("Items"));

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(EoOrderItem) item = g_list_model_get_item (items, i);
      g_autofree char *title = expertam_clean (eo_order_item_get_title (item));
      GListModel *partners = eo_order_item_get_partners (item);
      guint n_partners = partners != NULL ? g_list_model_get_n_items (partners) : 0;
      gint64 sum = eo_order_item_get_sum (item);
      gint64 price = eo_order_item_get_price (item);

      expertam_print_line ("  %u. %s", i + 1, title[0] != '\0' ? title : _("(no title)"));

      if (sum != EO_MONEY_NONE && price != EO_MONEY_NONE && sum != price)
        {
          g_autofree char *sum_text = eo_money_format (sum);
          g_autofree char *price_text = eo_money_format (price);

          /* Translators: what the customer paid for an item, then its list price */
          expertam_print_line (_("     %s (list price %s)"), sum_text, price_text);
        }
      else if (sum != EO_MONEY_NONE || price != EO_MONEY_NONE)
        {
          g_autofree char *money = eo_money_format (sum != EO_MONEY_NONE ? sum : price);

          expertam_print_line ("     %s", money);
        }

      if (eo_order_item_get_pincode (item)[0] != '\0')
        {
          g_autofree char *pin = expertam_clean (eo_order_item_get_pincode (item));

          expertam_print_line ("     %s: %s", _("PIN"), pin);
        }

      for (guint j = 0; j < n_partners; j++)
        {
          g_autoptr(EoPartner) partner = g_list_model_get_item (partners, j);
          g_autofree char *name = expertam_clean (eo_partner_get_name (partner));
          g_autofree char *fee = eo_money_format (eo_partner_get_fee (partner));

          if (name[0] == '\0')
            {
              g_free (name);
              name = expertam_clean (eo_partner_get_partner_id (partner));
            }

          if (fee[0] != '\0')
            /* Translators: a partner credited for an item: level, name, fee */
            expertam_print_line (_("     Partner, level %d: %s, fee %s"),
                                 eo_partner_get_level (partner), name, fee);
          else
            expertam_print_line (_("     Partner, level %d: %s"), eo_partner_get_level (partner),
                                 name);
        }
    }

  expertam_print_money_field (_("Price"), eo_order_get_price (order));
  expertam_print_money_field (_("Left to pay"), eo_order_get_bill_sum_topay (order));
  expertam_print_date_field (_("Paid"), eo_order_get_paid (order));
  expertam_print_field (_("Payment method"), eo_order_get_payway (order));
  expertam_print_field (_("Payment link"), eo_order_get_link (order));
  expertam_print_field (_("Coupon"), eo_order_get_kupon (order));
  expertam_print_field (_("Tag"), eo_order_get_tag (order));

  for (gsize i = 0; i < G_N_ELEMENTS (utm); i++)
    {
      if (utm[i].value[0] == '\0')
        continue;

      if (utm_text->len > 0)
        g_string_append (utm_text, ", ");
      g_string_append_printf (utm_text, "%s=%s", utm[i].label, utm[i].value);
    }
  expertam_print_field ("UTM", utm_text->str);

  expertam_print_field (_("Comment"), eo_order_get_comment (order));
}

/* A status as people read it: a change's (sent, paid, return, cancel) or an order's payment
 * status (paid, waiting, cancel); any other word the service uses is shown as given */
const char *
expertam_status_word (const char *status)
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

/* An outbox change's state, one word */
const char *
expertam_state_name (EoOutboxState state)
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
char *
expertam_pad (const char *text,
              guint       width)
{
  glong length = g_utf8_strlen (text, -1);
  GString *out = g_string_new (text);

  for (glong i = length; i < (glong) width; i++)
    g_string_append_c (out, ' ');

  return g_string_free (out, FALSE);
}

/* "1001 sent 62001411000016", "1003 paid" */
char *
expertam_describe_change (EoOutboxChange *change)
{
  if (change->rpo[0] != '\0')
    return g_strdup_printf ("%" G_GINT64_FORMAT " %s %s", change->bill_id,
                            expertam_status_word (change->status), change->rpo);

  return g_strdup_printf ("%" G_GINT64_FORMAT " %s", change->bill_id,
                          expertam_status_word (change->status));
}

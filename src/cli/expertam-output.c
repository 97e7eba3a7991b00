/* SPDX-License-Identifier: GPL-3.0-or-later */
/* expertam-output.c: how `expertam` prints: UTF-8 lines, labels lined up, statuses in words */

#include "config.h"

#include <locale.h>
#include <stdio.h>

#include <glib/gi18n.h>

#include "eo-error.h"
#include "eo-money.h"
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

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eo-money.c: amounts of money as exact kopecks, read from the service's text and shown in the locale */

#include "config.h"

#include "eo-money.h"

#include <glib/gi18n-lib.h>
#include <locale.h>
#include <string.h>

/* Money */

static gboolean
is_group_separator (gunichar c)
{
  /* Space, no-break space, narrow no-break space (glibc's ru_RU), thin space, apostrophe */
  return c == ' ' || c == 0x00A0 || c == 0x202F || c == 0x2009 || c == '\'';
}

gboolean
eo_money_parse (const char *text,
                gint64     *out_kopecks)
{
  g_autoptr(GString) integer = g_string_new (NULL);
  g_autoptr(GString) fraction = g_string_new (NULL);
  g_autofree char *copy = NULL;
  const char *p;
  const char *end;
  gunichar decimal_mark = 0;
  guint dots = 0;
  guint commas = 0;
  gboolean negative = FALSE;
  gboolean in_fraction = FALSE;
  gboolean after_separator = FALSE;
  guint n_groups = 0;
  guint group_len = 0;
  guint64 kopecks = 0;

  if (text == NULL)
    return FALSE;

  copy = g_strdup (text);
  /* Text from the network is valid UTF-8, but eo_money_parse() is public API */
  if (!g_utf8_validate (copy, -1, NULL))
    return FALSE;

  /* Trim spaces (of every width) and a trailing rouble sign, as eo_money_format() writes it */
  p = copy;
  end = copy + strlen (copy);
  while (p < end && is_group_separator (g_utf8_get_char (p)) && *p != '\'')
    p = g_utf8_next_char (p);
  for (;;)
    {
      const char *prev;

      if (end <= p)
        break;
      prev = g_utf8_find_prev_char (p, end);
      if (prev == NULL)
        break;
      if ((is_group_separator (g_utf8_get_char (prev)) && *prev != '\'') ||
          g_utf8_get_char (prev) == 0x20BD)
        end = prev;
      else
        break;
    }

  if (p < end && (*p == '-' || *p == '+'))
    {
      negative = *p == '-';
      p++;
    }
  else if (p < end && g_utf8_get_char (p) == 0x2212)
    {
      negative = TRUE;
      p = g_utf8_next_char (p);
    }

  for (const char *q = p; q < end; q++)
    {
      if (*q == '.')
        dots++;
      else if (*q == ',')
        commas++;
    }

  /* With both marks, the last one is the decimal mark ("1,990.50", "1.990,50"); a mark that
   * repeats is grouping ("1,000,000"); a single one is the decimal mark ("1990,5", "1990.5") */
  if (dots > 0 && commas > 0)
    decimal_mark = strrchr (p, '.') > strrchr (p, ',') ? '.' : ',';
  else if (dots == 1)
    decimal_mark = '.';
  else if (commas == 1)
    decimal_mark = ',';

  if (decimal_mark != 0 && (decimal_mark == '.' ? dots : commas) != 1)
    return FALSE;

  while (p < end)
    {
      gunichar c = g_utf8_get_char (p);

      if (c >= '0' && c <= '9')
        {
          g_string_append_c (in_fraction ? fraction : integer, (char) c);
          after_separator = FALSE;
          group_len++;
        }
      else if (c == decimal_mark)
        {
          if (after_separator || (n_groups > 0 && group_len != 3))
            return FALSE;
          in_fraction = TRUE;
        }
      else if (!in_fraction && (c == '.' || c == ',' || is_group_separator (c)))
        {
          /* Grouping sits between digits, in thousands: "1 990", "12,345,678" */
          if (after_separator || group_len == 0 || group_len > 3 ||
              (n_groups > 0 && group_len != 3))
            return FALSE;
          after_separator = TRUE;
          n_groups++;
          group_len = 0;
        }
      else
        {
          return FALSE;
        }
      p = g_utf8_next_char (p);
    }

  if (after_separator || integer->len + fraction->len == 0 ||
      (n_groups > 0 && !in_fraction && group_len != 3))
    return FALSE;

  for (gsize i = 0; i < integer->len; i++)
    {
      guint digit = integer->str[i] - '0';

      kopecks = kopecks * 10 + digit;
      /* Ten thousand trillion roubles is no order's money; the bound keeps kopecks in range */
      if (kopecks > G_GUINT64_CONSTANT (10000000000000000))
        return FALSE;
    }
  kopecks *= 100;

  if (fraction->len > 0)
    kopecks += (fraction->str[0] - '0') * 10;
  if (fraction->len > 1)
    kopecks += fraction->str[1] - '0';
  /* Rounded half away from zero, as a cashier would; PHP arithmetic can leave more digits */
  if (fraction->len > 2 && fraction->str[2] >= '5')
    kopecks += 1;

  if (out_kopecks != NULL)
    *out_kopecks = negative ? -(gint64) kopecks : (gint64) kopecks;
  return TRUE;
}

/* The locale's string if it is usable UTF-8 text, else NULL */
static const char *
locale_text (const char *text)
{
  if (text == NULL || *text == '\0' || !g_utf8_validate (text, -1, NULL))
    return NULL;

  return text;
}

char *
eo_money_format (gint64 kopecks)
{
  const struct lconv *lc;
  const char *decimal_point = NULL;
  const char *thousands_sep = NULL;
  char digits[32];
  GString *out;
  guint64 magnitude;
  gsize n_digits;

  if (kopecks == EO_MONEY_NONE)
    return g_strdup ("");

  lc = localeconv ();
  if (locale_text (lc->mon_decimal_point) != NULL)
    {
      decimal_point = lc->mon_decimal_point;
      thousands_sep = locale_text (lc->mon_thousands_sep);
    }
  else
    {
      decimal_point = locale_text (lc->decimal_point);
      thousands_sep = locale_text (lc->thousands_sep);
    }

  if (decimal_point == NULL)
    decimal_point = ".";
  /* The C locale has no grouping; money still reads better grouped */
  if (thousands_sep == NULL || g_str_equal (thousands_sep, decimal_point))
    thousands_sep = g_str_equal (decimal_point, ",") ? "\u00A0" : ",";

  magnitude = kopecks < 0 ? (guint64) 0 - (guint64) kopecks : (guint64) kopecks;
  g_snprintf (digits, sizeof digits, "%" G_GUINT64_FORMAT, magnitude / 100);
  n_digits = strlen (digits);

  out = g_string_new (kopecks < 0 ? "-" : NULL);
  for (gsize i = 0; i < n_digits; i++)
    {
      if (i > 0 && (n_digits - i) % 3 == 0)
        g_string_append (out, thousands_sep);
      g_string_append_c (out, digits[i]);
    }
  g_string_append_printf (out, "%s%02u\u00A0₽", decimal_point, (guint) (magnitude % 100));

  return g_string_free (out, FALSE);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eo-tracking.c
 *
 * Russian Post tracking numbers: normalising what was typed or scanned, telling the
 * 14-digit domestic numbers from the UPU S10 international ones, and their check digits.
 */

#include "config.h"

#include "eo-tracking.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#define DOMESTIC_LENGTH 14
#define S10_DIGITS      9
#define MAX_LISTED      8

G_DEFINE_QUARK (eo-tracking-error-quark, eo_tracking_error)

static gboolean
is_ignorable (gunichar c)
{
  /* Spaces of every kind (also no-break ones), line ends from a scanner's Enter, dashes, and
   * the invisible characters that copying from web pages and PDFs leaves behind */
  return g_unichar_isspace (c) ||
         g_unichar_type (c) == G_UNICODE_DASH_PUNCTUATION ||
         c == 0x2212 ||
         c == 0x200B || c == 0x200C || c == 0x200D || c == 0x2060 || c == 0xFEFF;
}

char *
eo_tracking_normalize (const char *input)
{
  g_autofree char *valid = NULL;
  GString *out;
  const char *p;

  if (input == NULL)
    return g_strdup ("");

  valid = g_utf8_make_valid (input, -1);
  out = g_string_sized_new (strlen (valid));

  for (p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (is_ignorable (c))
        continue;
      if (c < 0x80)
        g_string_append_c (out, g_ascii_toupper ((char) c));
      else
        g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

static gboolean
all_ascii_digits (const char *text,
                  gsize       length)
{
  gsize i;

  if (text == NULL || strlen (text) != length)
    return FALSE;

  for (i = 0; i < length; i++)
    if (!g_ascii_isdigit (text[i]))
      return FALSE;

  return TRUE;
}

int
eo_tracking_domestic_check_digit (const char *first13)
{
  int sum = 0;
  int i;

  if (!all_ascii_digits (first13, DOMESTIC_LENGTH - 1))
    return -1;

  /* Positions d1, d3 ... d13 (indices 0, 2 ... 12) weigh 3, the others 1 */
  for (i = 0; i < DOMESTIC_LENGTH - 1; i++)
    sum += (first13[i] - '0') * (i % 2 == 0 ? 3 : 1);

  return (10 - sum % 10) % 10;
}

int
eo_tracking_s10_check_digit (const char *digits8)
{
  static const int weights[8] = { 8, 6, 4, 2, 3, 5, 9, 7 };
  int sum = 0;
  int check;
  int i;

  if (!all_ascii_digits (digits8, 8))
    return -1;

  for (i = 0; i < 8; i++)
    sum += (digits8[i] - '0') * weights[i];

  check = 11 - sum % 11;
  if (check == 10)
    return 0;
  if (check == 11)
    return 5;
  return check;
}

/* What the normalized text is made of, and its shape */
typedef struct
{
  guint     n_chars;
  guint     n_digits;
  guint     lead_letters;    /* letters (any script) before the first digit */
  guint     mid_digits;      /* the run of digits after them */
  guint     tail_letters;    /* letters after that run, up to the end */
  gboolean  letters_digits_letters;
  gboolean  starts_with_digit;
  gboolean  has_cyrillic;
  GString  *cyrillic;        /* distinct Cyrillic characters, quoted, for the message */
  GString  *others;          /* distinct characters that are not ASCII letters or digits */
} Scan;

static void
list_add (GString  *list,
          gunichar  c)
{
  char buf[8] = { 0 };
  g_autofree char *item = NULL;

  if (g_unichar_isprint (c))
    {
      g_unichar_to_utf8 (c, buf);
      item = g_strdup_printf ("“%s”", buf);
    }
  else
    item = g_strdup_printf ("U+%04X", c);

  if (strstr (list->str, item) != NULL)
    return;

  if (list->len > 0)
    {
      if (g_utf8_strlen (list->str, -1) > MAX_LISTED * 4)
        {
          if (!g_str_has_suffix (list->str, "…"))
            g_string_append (list, ", …");
          return;
        }
      g_string_append (list, ", ");
    }
  g_string_append (list, item);
}

static void
scan_text (const char *text,
           Scan       *scan)
{
  const char *p;
  int stage = 0;  /* 0 leading letters, 1 digits, 2 trailing letters, 3 anything else */

  memset (scan, 0, sizeof *scan);
  scan->cyrillic = g_string_new (NULL);
  scan->others = g_string_new (NULL);
  scan->starts_with_digit = g_ascii_isdigit (text[0]);

  for (p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gboolean digit = c < 0x80 && g_ascii_isdigit ((char) c);
      gboolean letter = !digit && g_unichar_isalpha (c);

      scan->n_chars++;
      if (digit)
        scan->n_digits++;

      if (g_unichar_get_script (c) == G_UNICODE_SCRIPT_CYRILLIC)
        {
          scan->has_cyrillic = TRUE;
          list_add (scan->cyrillic, c);
        }
      if (!(c < 0x80 && g_ascii_isalnum ((char) c)))
        list_add (scan->others, c);

      if (stage == 0 && letter)
        scan->lead_letters++;
      else if ((stage == 0 || stage == 1) && digit)
        {
          stage = 1;
          scan->mid_digits++;
        }
      else if ((stage == 1 || stage == 2) && letter)
        {
          stage = 2;
          scan->tail_letters++;
        }
      else
        stage = 3;
    }

  scan->letters_digits_letters = stage == 2;
}

static void
scan_clear (Scan *scan)
{
  g_string_free (scan->cyrillic, TRUE);
  g_string_free (scan->others, TRUE);
}

static EoTrackingKind
guess_kind (const Scan *scan)
{
  if (scan->n_digits == scan->n_chars)
    return EO_TRACKING_KIND_DOMESTIC;

  /* Letters, digits, letters: an S10 number with a letter too many or too few, or a digit
   * lost or doubled, or one typed in the Cyrillic layout */
  if (scan->letters_digits_letters &&
      scan->lead_letters >= 1 && scan->lead_letters <= 3 &&
      scan->tail_letters >= 1 && scan->tail_letters <= 3 &&
      scan->mid_digits >= S10_DIGITS - 2 && scan->mid_digits <= S10_DIGITS + 2)
    return EO_TRACKING_KIND_S10;

  /* About 14 characters, at least two thirds digits: a domestic number with typos such as
   * O for 0 */
  if (scan->starts_with_digit &&
      scan->n_chars >= DOMESTIC_LENGTH - 2 && scan->n_chars <= DOMESTIC_LENGTH + 2 &&
      scan->n_digits * 3 >= scan->n_chars * 2)
    return EO_TRACKING_KIND_DOMESTIC;

  return EO_TRACKING_KIND_UNKNOWN;
}

static gboolean
check_domestic (const char  *number,
                GError     **error)
{
  char first13[DOMESTIC_LENGTH] = { 0 };
  int n = (int) strlen (number);
  int expected;
  int found;

  if (n != DOMESTIC_LENGTH)
    {
      g_set_error (error, EO_TRACKING_ERROR, EO_TRACKING_ERROR_LENGTH,
                   g_dngettext (GETTEXT_PACKAGE,
                                "A Russian Post number has 14 digits; this one has %d digit.",
                                "A Russian Post number has 14 digits; this one has %d digits.",
                                n),
                   n);
      return FALSE;
    }

  memcpy (first13, number, DOMESTIC_LENGTH - 1);
  expected = eo_tracking_domestic_check_digit (first13);
  found = number[DOMESTIC_LENGTH - 1] - '0';
  g_assert (expected >= 0);

  if (expected != found)
    {
      g_set_error (error, EO_TRACKING_ERROR, EO_TRACKING_ERROR_CHECK_DIGIT,
                   /* Translators: the check digit of a 14-digit Russian Post number */
                   _("The check digit is wrong: the last digit should be %d, not %d. "
                     "Check the number for a typo."),
                   expected, found);
      return FALSE;
    }

  return TRUE;
}

static gboolean
check_s10 (const char  *number,
           const Scan  *scan,
           GError     **error)
{
  char digits8[9] = { 0 };
  int expected;
  int found;

  if (scan->lead_letters != 2 || scan->tail_letters != 2)
    {
      g_set_error_literal (error, EO_TRACKING_ERROR, EO_TRACKING_ERROR_LENGTH,
                           _("An international number starts with 2 letters and ends with "
                             "2 letters, like RA123456785RU. Check the letters."));
      return FALSE;
    }

  if (scan->mid_digits != S10_DIGITS)
    {
      int n = (int) scan->mid_digits;

      g_set_error (error, EO_TRACKING_ERROR, EO_TRACKING_ERROR_LENGTH,
                   g_dngettext (GETTEXT_PACKAGE,
                                "An international number has 9 digits between the letters, "
                                "like RA123456785RU; this one has %d digit.",
                                "An international number has 9 digits between the letters, "
                                "like RA123456785RU; this one has %d digits.",
                                n),
                   n);
      return FALSE;
    }

  memcpy (digits8, number + 2, 8);
  expected = eo_tracking_s10_check_digit (digits8);
  found = number[2 + 8] - '0';
  g_assert (expected >= 0);

  if (expected != found)
    {
      g_set_error (error, EO_TRACKING_ERROR, EO_TRACKING_ERROR_CHECK_DIGIT,
                   /* Translators: the check digit of an international number such as
                    * RA123456785RU is the one just before the last two letters */
                   _("The check digit is wrong: the digit before the last two letters "
                     "should be %d, not %d. Check the number for a typo."),
                   expected, found);
      return FALSE;
    }

  return TRUE;
}

EoTrackingKind
eo_tracking_validate (const char  *input,
                      char       **out_normalized,
                      GError     **error)
{
  g_autofree char *normalized = eo_tracking_normalize (input);
  EoTrackingKind kind = EO_TRACKING_KIND_UNKNOWN;
  Scan scan;

  g_return_val_if_fail (error == NULL || *error == NULL, EO_TRACKING_KIND_UNKNOWN);

  if (normalized[0] == '\0')
    {
      g_set_error_literal (error, EO_TRACKING_ERROR, EO_TRACKING_ERROR_EMPTY,
                           _("The tracking number is empty. Type or scan the number from "
                             "the post office receipt."));
      goto out;
    }

  scan_text (normalized, &scan);
  kind = guess_kind (&scan);

  if (scan.has_cyrillic)
    {
      g_set_error (error, EO_TRACKING_ERROR, EO_TRACKING_ERROR_CHARACTERS,
                   /* Translators: %s lists the Cyrillic letters found, each in quotes */
                   _("The number has Cyrillic letters (%s), but tracking numbers use Latin "
                     "letters only. Switch the keyboard layout to English and type it again."),
                   scan.cyrillic->str);
    }
  else if (kind == EO_TRACKING_KIND_DOMESTIC && scan.others->len == 0 &&
           scan.n_digits != scan.n_chars)
    {
      g_autoptr(GString) letters = g_string_new (NULL);
      const char *p;

      for (p = normalized; *p != '\0'; p++)
        if (!g_ascii_isdigit (*p))
          list_add (letters, (gunichar) *p);

      g_set_error (error, EO_TRACKING_ERROR, EO_TRACKING_ERROR_CHARACTERS,
                   /* Translators: %s lists the letters found, each in quotes */
                   _("A 14-digit Russian Post number has only digits, but this one has %s. "
                     "Check the number for a typo."),
                   letters->str);
    }
  else if (scan.others->len > 0)
    {
      g_set_error (error, EO_TRACKING_ERROR, EO_TRACKING_ERROR_CHARACTERS,
                   /* Translators: %s lists the characters found, each in quotes */
                   _("These characters cannot be in a tracking number: %s. "
                     "Use only Latin letters and digits."),
                   scan.others->str);
    }
  else if (kind == EO_TRACKING_KIND_DOMESTIC)
    check_domestic (normalized, error);
  else if (kind == EO_TRACKING_KIND_S10)
    check_s10 (normalized, &scan, error);
  else
    {
      /* Latin letters and digits in a shape no Russian Post number has: the caller warns,
       * lets the person confirm, and sends it as typed (another carrier's number) */
      g_set_error_literal (error, EO_TRACKING_ERROR, EO_TRACKING_ERROR_CHARACTERS,
                           _("This is not a Russian Post number: those have 14 digits, or "
                             "2 letters, 9 digits and 2 letters, like RA123456785RU. If it is "
                             "another carrier’s number, check it before sending."));
    }

  scan_clear (&scan);

out:
  if (out_normalized != NULL)
    *out_normalized = g_steal_pointer (&normalized);

  return kind;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-tracking.c: Russian Post tracking numbers
 *
 * Every valid number here is a literal worked out by hand (the sums are in the comments),
 * so the test does not repeat the code's own arithmetic.
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "eo-tracking.h"

static void
assert_valid (const char     *input,
              EoTrackingKind  expected_kind,
              const char     *expected_normalized)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *normalized = NULL;
  EoTrackingKind kind;

  kind = eo_tracking_validate (input, &normalized, &error);
  g_assert_no_error (error);
  g_assert_cmpint (kind, ==, expected_kind);
  g_assert_cmpstr (normalized, ==, expected_normalized);

  /* Also without asking for the normalized form */
  kind = eo_tracking_validate (input, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (kind, ==, expected_kind);
}

static void
assert_invalid (const char       *input,
                EoTrackingKind    expected_kind,
                EoTrackingError   expected_code,
                const char       *expected_normalized,
                const char       *message_part)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *normalized = NULL;
  EoTrackingKind kind;

  kind = eo_tracking_validate (input, &normalized, &error);
  g_assert_error (error, EO_TRACKING_ERROR, (int) expected_code);
  g_assert_cmpint (kind, ==, expected_kind);
  g_assert_cmpstr (normalized, ==, expected_normalized);
  if (message_part != NULL && strstr (error->message, message_part) == NULL)
    g_error ("“%s” is not in the message “%s”", message_part, error->message);

  /* No error asked for: the kind is still returned and nothing crashes */
  kind = eo_tracking_validate (input, NULL, NULL);
  g_assert_cmpint (kind, ==, expected_kind);
}

static void
test_domestic_check_digit (void)
{
  /* 6 2 0 0 1 4 1 1 0 0 0 0 1: odd 6+0+1+1+0+0+1 = 9, x3 = 27; even 2+0+4+1+0+0 = 7;
   * s = 34, (10 - 4) mod 10 = 6 */
  g_assert_cmpint (eo_tracking_domestic_check_digit ("6200141100001"), ==, 6);
  /* 1 then zeros: s = 3, check 7 */
  g_assert_cmpint (eo_tracking_domestic_check_digit ("1000000000000"), ==, 7);
  /* 8 then zeros: s = 24, check 6 */
  g_assert_cmpint (eo_tracking_domestic_check_digit ("8000000000000"), ==, 6);
  /* all zeros: s = 0, (10 - 0) mod 10 = 0 */
  g_assert_cmpint (eo_tracking_domestic_check_digit ("0000000000000"), ==, 0);

  g_assert_cmpint (eo_tracking_domestic_check_digit (NULL), ==, -1);
  g_assert_cmpint (eo_tracking_domestic_check_digit (""), ==, -1);
  g_assert_cmpint (eo_tracking_domestic_check_digit ("620014110000"), ==, -1);
  g_assert_cmpint (eo_tracking_domestic_check_digit ("62001411000016"), ==, -1);
  g_assert_cmpint (eo_tracking_domestic_check_digit ("620014110000A"), ==, -1);
}

static void
test_s10_check_digit (void)
{
  /* 1*8 + 2*6 + 3*4 + 4*2 + 5*3 + 6*5 + 7*9 + 8*7 = 204; 204 mod 11 = 6; 11 - 6 = 5 */
  g_assert_cmpint (eo_tracking_s10_check_digit ("12345678"), ==, 5);
  /* 9*8 + 8*6 + 7*4 + 6*2 + 5*3 + 4*5 + 3*9 + 2*7 = 236; 236 mod 11 = 5; 11 - 5 = 6 */
  g_assert_cmpint (eo_tracking_s10_check_digit ("98765432"), ==, 6);
  /* 3*8 = 24; 24 mod 11 = 2; 11 - 2 = 9 */
  g_assert_cmpint (eo_tracking_s10_check_digit ("30000000"), ==, 9);
  /* 1*8 + 2*2 = 12; 12 mod 11 = 1; 11 - 1 = 10, which becomes 0 */
  g_assert_cmpint (eo_tracking_s10_check_digit ("10020000"), ==, 0);
  /* 6*8 + 4*6 + 4*4 = 88 = 8*11; 88 mod 11 = 0; 11 - 0 = 11, which becomes 5 */
  g_assert_cmpint (eo_tracking_s10_check_digit ("64400000"), ==, 5);
  /* all zeros: sum 0, 11, which becomes 5 */
  g_assert_cmpint (eo_tracking_s10_check_digit ("00000000"), ==, 5);

  g_assert_cmpint (eo_tracking_s10_check_digit (NULL), ==, -1);
  g_assert_cmpint (eo_tracking_s10_check_digit ("1234567"), ==, -1);
  g_assert_cmpint (eo_tracking_s10_check_digit ("123456789"), ==, -1);
  g_assert_cmpint (eo_tracking_s10_check_digit ("1234567A"), ==, -1);
}

static void
test_domestic_valid (void)
{
  /* The protocol's example */
  assert_valid ("62001411000016", EO_TRACKING_KIND_DOMESTIC, "62001411000016");
  /* 1 2 7 0 ...: odd 1+7 = 8, x3 = 24; even 2; s = 26; check 4 */
  assert_valid ("12700000000004", EO_TRACKING_KIND_DOMESTIC, "12700000000004");
  /* 4 5 0 0 2 3 1 2 5 0 0 0 1: odd 4+0+2+1+5+0+1 = 13, x3 = 39; even 5+0+3+2+0+0 = 10;
   * s = 49; check 1 */
  assert_valid ("45002312500011", EO_TRACKING_KIND_DOMESTIC, "45002312500011");
  /* 1 0 1 0 8 6 1 2 3 4 5 6 7: odd 1+1+8+1+3+5+7 = 26, x3 = 78; even 0+0+6+2+4+6 = 18;
   * s = 96; check 4 */
  assert_valid ("10108612345674", EO_TRACKING_KIND_DOMESTIC, "10108612345674");
  /* 1 then zeros: s = 3; check 7 */
  assert_valid ("10000000000007", EO_TRACKING_KIND_DOMESTIC, "10000000000007");
}

static void
test_domestic_month_not_checked (void)
{
  /* Month code 99: 6 2 0 0 1 4 9 9 0 0 0 0 1: odd 6+0+1+9+0+0+1 = 17, x3 = 51;
   * even 2+0+4+9+0+0 = 15; s = 66; check 4 */
  assert_valid ("62001499000014", EO_TRACKING_KIND_DOMESTIC, "62001499000014");
  /* Month code 00: as the protocol's example with 11 -> 00: odd 6+0+1+0+0+0+1 = 8, x3 = 24;
   * even 2+0+4+0+0+0 = 6; s = 30; check 0 */
  assert_valid ("62001400000010", EO_TRACKING_KIND_DOMESTIC, "62001400000010");
}

static void
test_domestic_wrong_check_digit (void)
{
  assert_invalid ("62001411000017", EO_TRACKING_KIND_DOMESTIC, EO_TRACKING_ERROR_CHECK_DIGIT,
                  "62001411000017", "last digit should be 6, not 7");
  assert_invalid ("12700000000000", EO_TRACKING_KIND_DOMESTIC, EO_TRACKING_ERROR_CHECK_DIGIT,
                  "12700000000000", "should be 4, not 0");
  /* One digit mistyped before the check digit (d13 1 -> 2): odd 6+0+1+1+0+0+2 = 10, x3 = 30;
   * even 7; s = 37; the check digit would be 3, and 6 is there */
  assert_invalid ("62001411000026", EO_TRACKING_KIND_DOMESTIC, EO_TRACKING_ERROR_CHECK_DIGIT,
                  "62001411000026", "should be 3, not 6");
}

static void
test_domestic_length (void)
{
  assert_invalid ("6200141100001", EO_TRACKING_KIND_DOMESTIC, EO_TRACKING_ERROR_LENGTH,
                  "6200141100001", "14 digits; this one has 13 digits");
  assert_invalid ("620014110000160", EO_TRACKING_KIND_DOMESTIC, EO_TRACKING_ERROR_LENGTH,
                  "620014110000160", "this one has 15 digits");
  assert_invalid ("7", EO_TRACKING_KIND_DOMESTIC, EO_TRACKING_ERROR_LENGTH,
                  "7", "this one has 1 digit.");
}

static void
test_domestic_letters (void)
{
  /* Letter O typed for zero */
  assert_invalid ("62001411OOOO16", EO_TRACKING_KIND_DOMESTIC, EO_TRACKING_ERROR_CHARACTERS,
                  "62001411OOOO16", "“O”");
  assert_invalid ("6200141I000016", EO_TRACKING_KIND_DOMESTIC, EO_TRACKING_ERROR_CHARACTERS,
                  "6200141I000016", "only digits");
  assert_invalid ("62001411000016#", EO_TRACKING_KIND_DOMESTIC, EO_TRACKING_ERROR_CHARACTERS,
                  "62001411000016#", "“#”");
}

static void
test_s10_valid (void)
{
  assert_valid ("RA123456785RU", EO_TRACKING_KIND_S10, "RA123456785RU");
  /* 10 -> 0: 1*8 + 2*2 = 12, 12 mod 11 = 1, 11 - 1 = 10 */
  assert_valid ("RA100200000RU", EO_TRACKING_KIND_S10, "RA100200000RU");
  /* 11 -> 5: 6*8 + 4*6 + 4*4 = 88, 88 mod 11 = 0, 11 - 0 = 11 */
  assert_valid ("RA644000005RU", EO_TRACKING_KIND_S10, "RA644000005RU");
  /* 9*8 + 8*6 + 7*4 + 6*2 + 5*3 + 4*5 + 3*9 + 2*7 = 236, 236 mod 11 = 5, 11 - 5 = 6 */
  assert_valid ("EE987654326CN", EO_TRACKING_KIND_S10, "EE987654326CN");
  /* 3*8 = 24, 24 mod 11 = 2, check 9 */
  assert_valid ("CP300000009RU", EO_TRACKING_KIND_S10, "CP300000009RU");
}

static void
test_s10_wrong_check_digit (void)
{
  /* The signature vectors' RA644000001RU is only a parameter there: its check digit is 5 */
  assert_invalid ("RA644000001RU", EO_TRACKING_KIND_S10, EO_TRACKING_ERROR_CHECK_DIGIT,
                  "RA644000001RU", "should be 5, not 1");
  assert_invalid ("RA123456780RU", EO_TRACKING_KIND_S10, EO_TRACKING_ERROR_CHECK_DIGIT,
                  "RA123456780RU", "should be 5, not 0");
  assert_invalid ("RA100200005RU", EO_TRACKING_KIND_S10, EO_TRACKING_ERROR_CHECK_DIGIT,
                  "RA100200005RU", "should be 0, not 5");
}

static void
test_s10_length (void)
{
  assert_invalid ("RA12345678RU", EO_TRACKING_KIND_S10, EO_TRACKING_ERROR_LENGTH,
                  "RA12345678RU", "this one has 8 digits");
  assert_invalid ("RA1234567855RU", EO_TRACKING_KIND_S10, EO_TRACKING_ERROR_LENGTH,
                  "RA1234567855RU", "this one has 10 digits");
  assert_invalid ("R123456785RU", EO_TRACKING_KIND_S10, EO_TRACKING_ERROR_LENGTH,
                  "R123456785RU", "starts with 2 letters and ends with 2 letters");
  assert_invalid ("RA123456785R", EO_TRACKING_KIND_S10, EO_TRACKING_ERROR_LENGTH,
                  "RA123456785R", "2 letters");
  assert_invalid ("RAA123456785RU", EO_TRACKING_KIND_S10, EO_TRACKING_ERROR_LENGTH,
                  "RAA123456785RU", "2 letters");
}

static void
test_normalize (void)
{
  const struct
  {
    const char *input;
    const char *output;
  } cases[] = {
    { NULL, "" },
    { "", "" },
    { "  \t\n", "" },
    { "ra 1234 5678 5ru", "RA123456785RU" },
    { "  62001411000016  ", "62001411000016" },
    { "6200-1411-0000-16", "62001411000016" },
    { "620014\t11000016", "62001411000016" },
    /* no-break space, narrow no-break space, en dash, zero-width space */
    { "620014\u00a0110\u202f000\u201316\u200b", "62001411000016" },
    /* a barcode scanner's burst: the digits then Enter */
    { "62001411000016\r\n", "62001411000016" },
    /* only ASCII is upper-cased; Cyrillic is left for the check to reject */
    { "кф123", "кф123" },
    /* invalid UTF-8 becomes U+FFFD rather than passing through */
    { "12\xff" "3", "12\xef\xbf\xbd" "3" },
  };
  gsize i;

  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = eo_tracking_normalize (cases[i].input);

      g_assert_cmpstr (out, ==, cases[i].output);
    }
}

static void
test_normalized_input_validates (void)
{
  assert_valid ("ra 1234 5678 5ru", EO_TRACKING_KIND_S10, "RA123456785RU");
  assert_valid (" Ra-123-456-785-rU ", EO_TRACKING_KIND_S10, "RA123456785RU");
  assert_valid ("620 014 11 00001 6", EO_TRACKING_KIND_DOMESTIC, "62001411000016");
  assert_valid ("62001411000016\n", EO_TRACKING_KIND_DOMESTIC, "62001411000016");
  assert_valid ("\u00a062\u00a0001411000016\u00a0", EO_TRACKING_KIND_DOMESTIC, "62001411000016");
}

static void
test_cyrillic (void)
{
  /* RA...RU typed with the Russian layout on: R -> к, A -> ф, U -> г */
  assert_invalid ("кф123456785кг", EO_TRACKING_KIND_S10, EO_TRACKING_ERROR_CHARACTERS,
                  "кф123456785кг", "keyboard layout");
  assert_invalid ("кф123456785кг", EO_TRACKING_KIND_S10, EO_TRACKING_ERROR_CHARACTERS,
                  "кф123456785кг", "“к”");
  /* Look-alikes: Cyrillic Р and А, Latin RU */
  assert_invalid ("РА123456785RU", EO_TRACKING_KIND_S10, EO_TRACKING_ERROR_CHARACTERS,
                  "РА123456785RU", "Cyrillic letters (“Р”, “А”)");
  /* Cyrillic О for a zero in a domestic number */
  assert_invalid ("620014110О0016", EO_TRACKING_KIND_DOMESTIC, EO_TRACKING_ERROR_CHARACTERS,
                  "620014110О0016", "keyboard layout");
}

static void
test_empty (void)
{
  assert_invalid ("", EO_TRACKING_KIND_UNKNOWN, EO_TRACKING_ERROR_EMPTY, "", "empty");
  assert_invalid (NULL, EO_TRACKING_KIND_UNKNOWN, EO_TRACKING_ERROR_EMPTY, "", NULL);
  assert_invalid ("   ", EO_TRACKING_KIND_UNKNOWN, EO_TRACKING_ERROR_EMPTY, "", NULL);
  assert_invalid (" \t\u00a0\r\n", EO_TRACKING_KIND_UNKNOWN, EO_TRACKING_ERROR_EMPTY, "", NULL);
  assert_invalid ("- - -", EO_TRACKING_KIND_UNKNOWN, EO_TRACKING_ERROR_EMPTY, "", NULL);
}

static void
test_other_carriers (void)
{
  /* UPS */
  assert_invalid ("1Z999AA10123456784", EO_TRACKING_KIND_UNKNOWN, EO_TRACKING_ERROR_CHARACTERS,
                  "1Z999AA10123456784", "not a Russian Post number");
  assert_invalid ("1z 999 aa1 0123 4567 84", EO_TRACKING_KIND_UNKNOWN,
                  EO_TRACKING_ERROR_CHARACTERS, "1Z999AA10123456784", "another carrier");
  /* DHL parcel */
  assert_invalid ("JJD0002249999999999", EO_TRACKING_KIND_UNKNOWN, EO_TRACKING_ERROR_CHARACTERS,
                  "JJD0002249999999999", "not a Russian Post number");
  /* Signs that no tracking number has */
  assert_invalid ("№ 12/34", EO_TRACKING_KIND_UNKNOWN, EO_TRACKING_ERROR_CHARACTERS,
                  "№12/34", "“/”");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/tracking/domestic/check-digit", test_domestic_check_digit);
  g_test_add_func ("/tracking/domestic/valid", test_domestic_valid);
  g_test_add_func ("/tracking/domestic/month-not-checked", test_domestic_month_not_checked);
  g_test_add_func ("/tracking/domestic/wrong-check-digit", test_domestic_wrong_check_digit);
  g_test_add_func ("/tracking/domestic/length", test_domestic_length);
  g_test_add_func ("/tracking/domestic/letters", test_domestic_letters);
  g_test_add_func ("/tracking/s10/check-digit", test_s10_check_digit);
  g_test_add_func ("/tracking/s10/valid", test_s10_valid);
  g_test_add_func ("/tracking/s10/wrong-check-digit", test_s10_wrong_check_digit);
  g_test_add_func ("/tracking/s10/length", test_s10_length);
  g_test_add_func ("/tracking/normalize", test_normalize);
  g_test_add_func ("/tracking/normalized-input", test_normalized_input_validates);
  g_test_add_func ("/tracking/cyrillic", test_cyrillic);
  g_test_add_func ("/tracking/empty", test_empty);
  g_test_add_func ("/tracking/other-carriers", test_other_carriers);

  return g_test_run ();
}

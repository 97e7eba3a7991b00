/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-date.c: the one rule for dates people type (eo_date_parse_human) */

#include "config.h"

#include "eo-date.h"

static void
assert_local (const char *text,
              int         year,
              int         month,
              int         day,
              int         hour,
              int         minute,
              int         second)
{
  g_autoptr(GDateTime) parsed = eo_date_parse_human (text);
  g_autoptr(GDateTime) expected = g_date_time_new_local (year, month, day, hour, minute, second);

  if (parsed == NULL)
    g_error ("“%s” was not read as a date", text);
  if (!g_date_time_equal (parsed, expected))
    {
      g_autofree char *got = g_date_time_format_iso8601 (parsed);
      g_autofree char *want = g_date_time_format_iso8601 (expected);

      g_error ("“%s” read as %s, expected %s", text, got, want);
    }
}

static void
test_formats (void)
{
  /* A date alone is noon, whichever way it is written */
  assert_local ("2024-03-01", 2024, 3, 1, 12, 0, 0);
  assert_local ("01.03.2024", 2024, 3, 1, 12, 0, 0);
  assert_local ("01/03/2024", 2024, 3, 1, 12, 0, 0);
  /* A time is kept */
  assert_local ("2024-03-01 08:15", 2024, 3, 1, 8, 15, 0);
  assert_local ("2024-03-01T08:15:30", 2024, 3, 1, 8, 15, 30);
  assert_local ("01.03.2024 23:59", 2024, 3, 1, 23, 59, 0);
  assert_local ("29.02.2024", 2024, 2, 29, 12, 0, 0);
}

static void
test_offsets_and_seconds (void)
{
  g_autoptr(GDateTime) with_offset = eo_date_parse_human ("2024-03-01T12:00:00+03:00");
  g_autoptr(GDateTime) short_offset = eo_date_parse_human ("2024-03-01T12:00+03:00");
  g_autoptr(GDateTime) unix_seconds = eo_date_parse_human ("1709283600");

  g_assert_nonnull (with_offset);
  g_assert_cmpint (g_date_time_to_unix (with_offset), ==, 1709283600);
  g_assert_nonnull (short_offset);
  g_assert_cmpint (g_date_time_to_unix (short_offset), ==, 1709283600);
  g_assert_nonnull (unix_seconds);
  g_assert_cmpint (g_date_time_to_unix (unix_seconds), ==, 1709283600);
}

static void
test_not_dates (void)
{
  const char *bad[] = {
    "", "tomorrow", "2024-13-01", "2024-02-30", "31.04.2024", "2024-03-01 25:00",
    "01.03.2024T12:00", "2024-3-1", "1.3", "12345", "2024-03-01 12:00 extra", "01.03-2024",
    "2024-03-01T12", "12abc", "yesterday",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GDateTime) parsed = eo_date_parse_human (bad[i]);

      if (parsed != NULL)
        g_error ("“%s” was read as a date", bad[i]);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/date/formats", test_formats);
  g_test_add_func ("/date/offsets-and-seconds", test_offsets_and_seconds);
  g_test_add_func ("/date/not-dates", test_not_dates);

  return g_test_run ();
}

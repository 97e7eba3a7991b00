/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eo-date.c: the service's dates, in Moscow time */

#include "config.h"

#include "eo-date.h"

#include <stdio.h>
#include <string.h>

/* Dates */

static GTimeZone *
get_moscow_time_zone (void)
{
  static GTimeZone *moscow = NULL;

  if (g_once_init_enter (&moscow))
    {
      GTimeZone *tz = g_time_zone_new_identifier ("Europe/Moscow");

      /* Without tzdata (a minimal container) Moscow's offset since 2014 is still right */
      if (tz == NULL)
        tz = g_time_zone_new_offset (3 * 60 * 60);

      g_once_init_leave (&moscow, tz);
    }

  return moscow;
}

static gboolean
read_number (const char **p,
             guint        n_digits,
             int         *out_value)
{
  int value = 0;

  for (guint i = 0; i < n_digits; i++)
    {
      if (!g_ascii_isdigit ((*p)[i]))
        return FALSE;
      value = value * 10 + ((*p)[i] - '0');
    }

  *p += n_digits;
  *out_value = value;
  return TRUE;
}

static gboolean
is_all_digits (const char *text)
{
  if (*text == '\0')
    return FALSE;

  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;

  return TRUE;
}

GDateTime *
eo_date_parse (const char *text)
{
  g_autofree char *copy = NULL;
  GTimeZone *moscow = get_moscow_time_zone ();
  const char *p;
  int year, month, day;
  int hour = 0, minute = 0, second = 0;

  if (text == NULL)
    return NULL;

  copy = g_strstrip (g_strdup (text));
  if (*copy == '\0')
    return NULL;

  if (is_all_digits (copy))
    {
      guint64 seconds;
      g_autoptr(GDateTime) utc = NULL;

      /* 0 is PHP's "never"; the range check keeps GDateTime within year 9999 */
      if (!g_ascii_string_to_unsigned (copy, 10, 1, G_GINT64_CONSTANT (253402300799), &seconds,
                                       NULL))
        return NULL;

      utc = g_date_time_new_from_unix_utc ((gint64) seconds);
      return utc != NULL ? g_date_time_to_timezone (utc, moscow) : NULL;
    }

  p = copy;
  if (read_number (&p, 4, &year) && *p++ == '-' &&
      read_number (&p, 2, &month) && *p++ == '-' &&
      read_number (&p, 2, &day))
    {
      gboolean valid = TRUE;

      if (*p == ' ' || *p == 'T')
        {
          p++;
          valid = read_number (&p, 2, &hour) && *p++ == ':' && read_number (&p, 2, &minute);
          if (valid && *p == ':')
            {
              p++;
              valid = read_number (&p, 2, &second);
            }
        }

      if (valid && *p == '\0')
        {
          /* "0000-00-00 00:00:00" is MySQL's empty date */
          if (year < 1 || month < 1 || month > 12 || day < 1 ||
              day > g_date_get_days_in_month (month, year) ||
              hour > 23 || minute > 59 || second > 59)
            return NULL;

          return g_date_time_new (moscow, year, month, day, hour, minute, second);
        }
    }

  /* Anything else ISO 8601 (with its own offset, or Moscow time without one) */
  return g_date_time_new_from_iso8601 (copy, moscow);
}

/* The dates people type */

static GDateTime *
local_date (int    year,
            int    month,
            int    day,
            int    hour,
            int    minute,
            double seconds)
{
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1 ||
      day > g_date_get_days_in_month (month, year) ||
      hour > 23 || minute > 59 || seconds >= 60)
    return NULL;

  return g_date_time_new_local (year, month, day, hour, minute, seconds);
}

GDateTime *
eo_date_parse_human (const char *text)
{
  int year, month, day, hour = 0, minute = 0, second = 0;
  int consumed = 0, time_consumed = 0;
  char sep1 = 0, sep2 = 0;
  const char *rest;

  g_return_val_if_fail (text != NULL, NULL);

  if (*text == '\0')
    return NULL;

  if (strspn (text, "0123456789") == strlen (text))
    {
      guint64 seconds;

      if (strlen (text) < 9 || strlen (text) > 11 ||
          !g_ascii_string_to_unsigned (text, 10, 0, G_MAXINT64, &seconds, NULL))
        return NULL;
      return g_date_time_new_from_unix_local ((gint64) seconds);
    }

  if (sscanf (text, "%4d-%2d-%2d%n", &year, &month, &day, &consumed) == 3 && consumed == 10)
    sep1 = sep2 = '-';
  else if (sscanf (text, "%2d%c%2d%c%4d%n", &day, &sep1, &month, &sep2, &year, &consumed) != 5 ||
           sep1 != sep2 || (sep1 != '.' && sep1 != '/') || consumed < 8)
    return NULL;

  rest = text + consumed;
  if (*rest == '\0')
    return local_date (year, month, day, 12, 0, 0);

  if ((*rest == ' ' || (*rest == 'T' && sep1 == '-')) &&
      (sscanf (rest + 1, "%2d:%2d:%2d%n", &hour, &minute, &second, &time_consumed) == 3 ||
       sscanf (rest + 1, "%2d:%2d%n", &hour, &minute, &time_consumed) == 2) &&
      hour >= 0 && minute >= 0 && second >= 0)
    {
      if (rest[1 + time_consumed] == '\0')
        return local_date (year, month, day, hour, minute, second);
    }

  /* A time with a zone (2024-03-01T08:15:00+03:00) */
  if (sep1 == '-')
    {
      g_autoptr(GString) iso = g_string_new (text);
      g_autoptr(GTimeZone) local = g_time_zone_new_local ();

      iso->str[10] = 'T';
      /* hh:mm with an offset: the seconds GLib's parser wants */
      if (iso->len > 16 && iso->str[13] == ':' && iso->str[16] != ':' && iso->str[16] != '.')
        g_string_insert (iso, 16, ":00");
      return g_date_time_new_from_iso8601 (iso->str, local);
    }

  return NULL;
}


/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eo-sum-words.c: sums in Russian words (three-digit groups, feminine thousands) */

#include "config.h"

#include "eo-sum-words.h"

/* These are the words of the forms, in Russian whatever the interface language */
static const char *const units_m[] = {
  "", "один", "два", "три", "четыре", "пять", "шесть", "семь", "восемь", "девять",
};
static const char *const units_f[] = {
  "", "одна", "две", "три", "четыре", "пять", "шесть", "семь", "восемь", "девять",
};
static const char *const teens[] = {
  "десять", "одиннадцать", "двенадцать", "тринадцать", "четырнадцать", "пятнадцать",
  "шестнадцать", "семнадцать", "восемнадцать", "девятнадцать",
};
static const char *const tens[] = {
  "", "", "двадцать", "тридцать", "сорок", "пятьдесят", "шестьдесят", "семьдесят",
  "восемьдесят", "девяносто",
};
static const char *const hundreds[] = {
  "", "сто", "двести", "триста", "четыреста", "пятьсот", "шестьсот", "семьсот", "восемьсот",
  "девятьсот",
};

/* The groups from the thousands up: gender and the three forms of the noun */
static const struct
{
  gboolean feminine;
  const char *one, *few, *many;
} scales[] = {
  { TRUE, "тысяча", "тысячи", "тысяч" },
  { FALSE, "миллион", "миллиона", "миллионов" },
  { FALSE, "миллиард", "миллиарда", "миллиардов" },
  { FALSE, "триллион", "триллиона", "триллионов" },
  { FALSE, "квадриллион", "квадриллиона", "квадриллионов" },
  { FALSE, "квинтиллион", "квинтиллиона", "квинтиллионов" },
};

const char *
eo_sum_words_plural (gint64      n,
                     const char *one,
                     const char *few,
                     const char *many)
{
  gint64 last_two = n % 100;
  gint64 last = n % 10;

  if (last_two >= 11 && last_two <= 19)
    return many;
  if (last == 1)
    return one;
  if (last >= 2 && last <= 4)
    return few;
  return many;
}

static void
append_word (GString    *out,
             const char *word)
{
  if (word[0] == '\0')
    return;
  if (out->len > 0)
    g_string_append_c (out, ' ');
  g_string_append (out, word);
}

/* 1..999 */
static void
append_group (GString  *out,
              int       n,
              gboolean  feminine)
{
  int h = n / 100, t = (n / 10) % 10, u = n % 10;

  append_word (out, hundreds[h]);
  if (t == 1)
    {
      append_word (out, teens[u]);
      return;
    }
  append_word (out, tens[t]);
  append_word (out, feminine ? units_f[u] : units_m[u]);
}

char *
eo_sum_words_number (gint64   n,
                     gboolean feminine)
{
  GString *out;
  int groups[8];
  int n_groups = 0;

  g_return_val_if_fail (n >= 0, NULL);

  if (n == 0)
    return g_strdup ("ноль");

  while (n > 0)
    {
      groups[n_groups++] = (int) (n % 1000);
      n /= 1000;
    }

  out = g_string_new (NULL);
  for (int i = n_groups - 1; i >= 0; i--)
    {
      if (groups[i] == 0)
        continue;
      if (i == 0)
        {
          append_group (out, groups[i], feminine);
          continue;
        }
      append_group (out, groups[i], scales[i - 1].feminine);
      append_word (out, eo_sum_words_plural (groups[i], scales[i - 1].one,
                                             scales[i - 1].few, scales[i - 1].many));
    }
  return g_string_free (out, FALSE);
}

char *
eo_sum_words_roubles (gint64 kopecks)
{
  g_autofree char *words = NULL;
  gint64 roubles, kop;
  gunichar first;
  char first_utf8[8] = { 0 };

  g_return_val_if_fail (kopecks >= 0, NULL);

  roubles = kopecks / 100;
  kop = kopecks % 100;
  words = eo_sum_words_number (roubles, FALSE);

  /* Capitalise the first letter (Cyrillic: one UTF-8 character) */
  first = g_unichar_toupper (g_utf8_get_char (words));
  g_unichar_to_utf8 (first, first_utf8);

  return g_strdup_printf ("%s%s %s %02" G_GINT64_FORMAT " %s", first_utf8,
                          g_utf8_next_char (words),
                          eo_sum_words_plural (roubles, "рубль", "рубля", "рублей"),
                          kop, eo_sum_words_plural (kop, "копейка", "копейки", "копеек"));
}

char *
eo_sum_words_short (gint64 kopecks)
{
  g_autofree char *words = NULL;

  g_return_val_if_fail (kopecks >= 0, NULL);

  words = eo_sum_words_number (kopecks / 100, FALSE);
  return g_strdup_printf ("%" G_GINT64_FORMAT " (%s) руб. %02" G_GINT64_FORMAT " коп.",
                          kopecks / 100, words, kopecks % 100);
}

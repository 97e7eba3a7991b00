/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eo-sum-words.h: sums in Russian words, as postal forms want them */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A whole number in Russian words, lower case: "ноль", "двадцать одна" when feminine
 * (тысяча, копейка), "один миллион". n must be >= 0. */
char *eo_sum_words_number  (gint64   n,
                            gboolean feminine);

/* The form of a noun after n: one ("рубль"), few ("рубля") or many ("рублей") */
const char *eo_sum_words_plural (gint64      n,
                                 const char *one,
                                 const char *few,
                                 const char *many);

/* Roubles in words, kopecks in figures, first letter capitalised (ф.112ЭП):
 * 199000 -> "Одна тысяча девятьсот девяносто рублей 00 копеек". kopecks must be >= 0. */
char *eo_sum_words_roubles (gint64 kopecks);

/* "1990 (одна тысяча девятьсот девяносто) руб. 00 коп." (ф.7-п, ф.116) */
char *eo_sum_words_short   (gint64 kopecks);

G_END_DECLS

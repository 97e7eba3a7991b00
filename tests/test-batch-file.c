/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-batch-file.c: the batch shipping list: decoding, splitting, checks of every row */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "eo-batch-file.h"
#include "eo-error.h"

/* Valid numbers: 14-digit domestic and S10 */
#define RPO_A "62001411000016"
#define RPO_B "RA123456785RU"
#define RPO_C "10000000000007"

static GDateTime *
test_now (void)
{
  /* 2024-03-15 10:00 local */
  return g_date_time_new_local (2024, 3, 15, 10, 0, 0);
}

static GPtrArray *
parse_len (const char *data,
           gsize       length)
{
  g_autoptr(GDateTime) now = test_now ();
  g_autoptr(GError) error = NULL;
  GPtrArray *rows = eo_batch_file_parse (data, length, now, &error);

  g_assert_no_error (error);
  g_assert_nonnull (rows);

  return rows;
}

static GPtrArray *
parse (const char *data)
{
  return parse_len (data, strlen (data));
}

static EoBatchRow *
row_at (GPtrArray *rows,
        guint      i)
{
  g_assert_cmpuint (i, <, rows->len);
  return g_ptr_array_index (rows, i);
}

static void
assert_row (GPtrArray       *rows,
            guint            i,
            guint            line,
            gint64           bill_id,
            const char      *rpo,
            EoBatchRowState  state)
{
  EoBatchRow *row = row_at (rows, i);

  g_test_message ("row %u: line %u, %" G_GINT64_FORMAT " %s state %d: %s", i, row->line,
                  row->bill_id, row->rpo, row->state, row->reason);
  g_assert_cmpuint (row->line, ==, line);
  g_assert_cmpint (row->bill_id, ==, bill_id);
  g_assert_cmpstr (row->rpo, ==, rpo);
  g_assert_cmpint (row->state, ==, state);
  if (state == EO_BATCH_ROW_VALID)
    g_assert_null (row->reason);
  else
    g_assert_nonnull (row->reason);
}

static void
assert_reason_has (GPtrArray  *rows,
                   guint       i,
                   const char *part)
{
  EoBatchRow *row = row_at (rows, i);

  if (row->reason == NULL || strstr (row->reason, part) == NULL)
    g_error ("row %u: reason “%s” does not have “%s”", i, row->reason, part);
}

static void
test_separators (void)
{
  const char *texts[] = {
    "1001;" RPO_A "\n1002;" RPO_B "\n",
    "1001," RPO_A "\n1002," RPO_B "\n",
    "1001\t" RPO_A "\n1002\t" RPO_B "\n",
    /* spaces around fields, no final newline */
    "  1001 ; " RPO_A " \n 1002 ;" RPO_B,
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(GPtrArray) rows = parse (texts[i]);

      g_assert_cmpuint (rows->len, ==, 2);
      assert_row (rows, 0, 1, 1001, RPO_A, EO_BATCH_ROW_VALID);
      assert_row (rows, 1, 2, 1002, RPO_B, EO_BATCH_ROW_VALID);
      g_assert_cmpint (row_at (rows, 0)->kind, ==, EO_TRACKING_KIND_DOMESTIC);
      g_assert_cmpint (row_at (rows, 1)->kind, ==, EO_TRACKING_KIND_S10);
      g_assert_null (row_at (rows, 0)->date);
    }
}

static void
test_bom_crlf (void)
{
  g_autoptr(GPtrArray) rows = parse ("\xEF\xBB\xBF" "1001;" RPO_A ";2024-03-01\r\n"
                                     "1002;" RPO_B ";01.03.2024\r\n");

  g_assert_cmpuint (rows->len, ==, 2);
  assert_row (rows, 0, 1, 1001, RPO_A, EO_BATCH_ROW_VALID);
  assert_row (rows, 1, 2, 1002, RPO_B, EO_BATCH_ROW_VALID);
  g_assert_cmpstr (row_at (rows, 0)->bill_text, ==, "1001");
  g_assert_cmpint (g_date_time_get_day_of_month (row_at (rows, 0)->date), ==, 1);
  g_assert_cmpint (g_date_time_get_hour (row_at (rows, 0)->date), ==, 12);
  g_assert_true (g_date_time_equal (row_at (rows, 0)->date, row_at (rows, 1)->date));
}

static void
test_utf16_and_cp1251 (void)
{
  g_autoptr(GPtrArray) utf16 = NULL;
  g_autoptr(GPtrArray) cp1251 = NULL;
  const char *text = "Заказ;Трек\r\n1001;" RPO_A "\r\n";
  gsize length = 0;
  g_autofree char *converted = g_convert (text, -1, "UTF-16LE", "UTF-8", NULL, &length, NULL);
  g_autofree char *with_bom = g_malloc (length + 2);
  g_autofree char *windows = g_convert (text, -1, "WINDOWS-1251", "UTF-8", NULL, &length, NULL);

  /* UTF-16 with its BOM, as Excel's "Unicode text" */
  g_assert_nonnull (converted);
  {
    gsize utf16_length = 0;

    g_free (g_convert (text, -1, "UTF-16LE", "UTF-8", NULL, &utf16_length, NULL));
    memcpy (with_bom, "\xFF\xFE", 2);
    memcpy (with_bom + 2, converted, utf16_length);
    utf16 = parse_len (with_bom, utf16_length + 2);
  }
  g_assert_cmpuint (utf16->len, ==, 1);
  assert_row (utf16, 0, 2, 1001, RPO_A, EO_BATCH_ROW_VALID);

  g_assert_nonnull (windows);
  cp1251 = parse_len (windows, length);
  g_assert_cmpuint (cp1251->len, ==, 1);
  assert_row (cp1251, 0, 2, 1001, RPO_A, EO_BATCH_ROW_VALID);
}

static void
test_quotes (void)
{
  g_autoptr(GPtrArray) rows = parse ("\"1001\";\"" RPO_A "\"\n"
                                     /* the separator inside quotes: this file's separator is ';' */
                                     "\"1002\";\"RA 1234;56785RU\"\n"
                                     "1003;  \"" RPO_C "\"  ;\"2024-03-01 10:30\"\n"
                                     /* doubled quotes inside a quoted field */
                                     "\"10\"\"04\";" RPO_B "\n"
                                     /* a newline inside quotes */
                                     "\"1005\n\";\"x\"\n");

  g_assert_cmpuint (rows->len, ==, 5);
  assert_row (rows, 0, 1, 1001, RPO_A, EO_BATCH_ROW_VALID);
  /* ';' inside the quotes is part of the field, which is then not a tracking number */
  assert_row (rows, 1, 2, 1002, "RA1234;56785RU", EO_BATCH_ROW_INVALID);
  assert_row (rows, 2, 3, 1003, RPO_C, EO_BATCH_ROW_VALID);
  g_assert_cmpint (g_date_time_get_minute (row_at (rows, 2)->date), ==, 30);
  g_assert_cmpstr (row_at (rows, 3)->bill_text, ==, "10\"04");
  assert_row (rows, 3, 4, 0, RPO_B, EO_BATCH_ROW_INVALID);
  assert_reason_has (rows, 3, "10\"04");
  /* The row that starts on line 5; the next would start on 7 */
  assert_row (rows, 4, 5, 1005, "X", EO_BATCH_ROW_INVALID);
}

static void
test_quote_unclosed (void)
{
  g_autoptr(GPtrArray) rows = parse ("1001;" RPO_A "\n1002;\"" RPO_B "\n");

  g_assert_cmpuint (rows->len, ==, 2);
  assert_row (rows, 0, 1, 1001, RPO_A, EO_BATCH_ROW_VALID);
  g_assert_cmpint (row_at (rows, 1)->state, ==, EO_BATCH_ROW_INVALID);
  assert_reason_has (rows, 1, "quote");
}

static void
test_headers (void)
{
  g_autoptr(GPtrArray) english = parse ("order,tracking,date\n1001," RPO_A ",2024-03-01\n");
  /* Cyrillic names, in another order */
  g_autoptr(GPtrArray) russian = parse ("\xEF\xBB\xBF" "ШПИ;Дата отправки;Номер заказа\r\n"
                                        RPO_A ";01.03.2024;1001\r\n"
                                        RPO_B ";;1002\r\n");
  /* A header it cannot read: the default order */
  g_autoptr(GPtrArray) unknown = parse ("a;b;c\n1001;" RPO_A "\n");

  g_assert_cmpuint (english->len, ==, 1);
  assert_row (english, 0, 2, 1001, RPO_A, EO_BATCH_ROW_VALID);
  g_assert_nonnull (row_at (english, 0)->date);

  g_assert_cmpuint (russian->len, ==, 2);
  assert_row (russian, 0, 2, 1001, RPO_A, EO_BATCH_ROW_VALID);
  g_assert_cmpint (g_date_time_get_month (row_at (russian, 0)->date), ==, 3);
  assert_row (russian, 1, 3, 1002, RPO_B, EO_BATCH_ROW_VALID);
  g_assert_null (row_at (russian, 1)->date);

  g_assert_cmpuint (unknown->len, ==, 1);
  assert_row (unknown, 0, 2, 1001, RPO_A, EO_BATCH_ROW_VALID);
}

static void
test_empty_lines (void)
{
  g_autoptr(GPtrArray) rows = parse ("\n\r\n   \n1001;" RPO_A "\n\n;;\n \t \n1002;" RPO_B "\n\n");

  g_assert_cmpuint (rows->len, ==, 2);
  assert_row (rows, 0, 4, 1001, RPO_A, EO_BATCH_ROW_VALID);
  assert_row (rows, 1, 8, 1002, RPO_B, EO_BATCH_ROW_VALID);
}

static void
test_bad_rows (void)
{
  g_autoptr(GPtrArray) rows = parse ("Заказ;РПО;Дата\n"
                                     "10a1;" RPO_A "\n"                 /* 0: bad number */
                                     "1002;62001411000017\n"             /* 1: check digit */
                                     "1003;\n"                           /* 2: no tracking */
                                     ";" RPO_C "\n"                      /* 3: no number */
                                     "1005;RA123456785RU;31.02.2024\n"   /* 4: no such date */
                                     "1006;6200141100001\n"              /* 5: 13 digits */
                                     "1007;1Z999AA10123456784\n"         /* 6: another carrier */
                                     "1008;" RPO_A "1;2024-03-01\n"      /* 7: 15 digits */
                                     "1009;62001411000023;2025-01-01\n"  /* 8: future */
                                     "1010;62001411000030;1999-12-31\n"  /* 9: too old */
                                     "1011;62001411000047;1710000000\n"  /* 10: unix seconds */
                                     "0;62001411000054\n"                /* 11: zero */
                                     "№1013;62001411000061\n");          /* 12: № prefix */

  g_assert_cmpuint (rows->len, ==, 13);

  assert_row (rows, 0, 2, 0, RPO_A, EO_BATCH_ROW_INVALID);
  assert_reason_has (rows, 0, "10a1");
  assert_row (rows, 1, 3, 1002, "62001411000017", EO_BATCH_ROW_INVALID);
  assert_reason_has (rows, 1, "6");
  assert_row (rows, 2, 4, 1003, "", EO_BATCH_ROW_INVALID);
  assert_row (rows, 3, 5, 0, RPO_C, EO_BATCH_ROW_INVALID);
  assert_row (rows, 4, 6, 1005, RPO_B, EO_BATCH_ROW_INVALID);
  assert_reason_has (rows, 4, "31.02.2024");
  assert_row (rows, 5, 7, 1006, "6200141100001", EO_BATCH_ROW_INVALID);
  assert_row (rows, 6, 8, 1007, "1Z999AA10123456784", EO_BATCH_ROW_WARNING);
  assert_row (rows, 7, 9, 1008, RPO_A "1", EO_BATCH_ROW_INVALID);
  assert_row (rows, 8, 10, 1009, "62001411000023", EO_BATCH_ROW_INVALID);
  assert_reason_has (rows, 8, "future");
  assert_row (rows, 9, 11, 1010, "62001411000030", EO_BATCH_ROW_INVALID);
  assert_row (rows, 10, 12, 1011, "62001411000047", EO_BATCH_ROW_VALID);
  g_assert_cmpint (g_date_time_to_unix (row_at (rows, 10)->date), ==, 1710000000);
  assert_row (rows, 11, 13, 0, "62001411000054", EO_BATCH_ROW_INVALID);
  assert_row (rows, 12, 14, 1013, "62001411000061", EO_BATCH_ROW_VALID);

  g_assert_cmpuint (eo_batch_file_count (rows, EO_BATCH_ROW_VALID), ==, 2);
  g_assert_cmpuint (eo_batch_file_count (rows, EO_BATCH_ROW_WARNING), ==, 1);
  g_assert_cmpuint (eo_batch_file_count (rows, EO_BATCH_ROW_INVALID), ==, 10);
}

static void
test_dates (void)
{
  g_autoptr(GPtrArray) rows = parse ("1;62001411000016;2024-03-01T08:15:00+03:00\n"
                                     "2;62001411000023;2024-03-01 08:15\n"
                                     "3;62001411000030;01/03/2024\n"
                                     "4;62001411000047;01.03.2024 08:15\n"
                                     "5;62001411000054;2024-13-01\n"
                                     "6;62001411000061;yesterday\n"
                                     "7;62001411000078;2024-03-16\n");
  g_autoptr(GDateTime) utc = NULL;

  utc = g_date_time_to_utc (row_at (rows, 0)->date);
  g_assert_cmpint (g_date_time_get_hour (utc), ==, 5);
  g_assert_cmpint (g_date_time_get_minute (row_at (rows, 1)->date), ==, 15);
  g_assert_cmpint (row_at (rows, 2)->state, ==, EO_BATCH_ROW_VALID);
  g_assert_cmpint (g_date_time_get_day_of_month (row_at (rows, 2)->date), ==, 1);
  g_assert_true (g_date_time_equal (row_at (rows, 1)->date, row_at (rows, 3)->date));
  g_assert_cmpint (row_at (rows, 4)->state, ==, EO_BATCH_ROW_INVALID);
  g_assert_cmpint (row_at (rows, 5)->state, ==, EO_BATCH_ROW_INVALID);
  /* Tomorrow (by a day at most) is accepted: the post office's clock may be ahead */
  g_assert_cmpint (row_at (rows, 6)->state, ==, EO_BATCH_ROW_VALID);
}

static void
test_duplicates (void)
{
  g_autoptr(GPtrArray) rows = parse ("1001;" RPO_A "\n"
                                     "1001;" RPO_A "\n"       /* 1: the same row again */
                                     "1002;" RPO_B "\n"
                                     "1002;" RPO_C "\n"       /* 3: same order, other number */
                                     "1004;62001411000023\n"
                                     "1005;6200 1411 0000 23\n" /* 5: same parcel, other order */
                                     "1006;62001411000030\n");

  g_assert_cmpuint (rows->len, ==, 7);
  assert_row (rows, 0, 1, 1001, RPO_A, EO_BATCH_ROW_VALID);
  assert_row (rows, 1, 2, 1001, RPO_A, EO_BATCH_ROW_INVALID);
  assert_reason_has (rows, 1, "line 1");
  assert_row (rows, 2, 3, 1002, RPO_B, EO_BATCH_ROW_INVALID);
  assert_reason_has (rows, 2, "line 4");
  assert_row (rows, 3, 4, 1002, RPO_C, EO_BATCH_ROW_INVALID);
  assert_reason_has (rows, 3, "line 3");
  assert_row (rows, 4, 5, 1004, "62001411000023", EO_BATCH_ROW_INVALID);
  assert_reason_has (rows, 4, "line 6");
  assert_row (rows, 5, 6, 1005, "62001411000023", EO_BATCH_ROW_INVALID);
  assert_reason_has (rows, 5, "line 5");
  assert_row (rows, 6, 7, 1006, "62001411000030", EO_BATCH_ROW_VALID);
}

static void
test_not_rows (void)
{
  const struct {
    const char *data;
    gsize       length;
  } bad[] = {
    { "", 0 },
    { "\xEF\xBB\xBF", 3 },
    { "\n\r\n  \n", 6 },
    { "order;tracking\n", 15 },
    { "1001\0;x", 7 },
  };
  g_autoptr(GDateTime) now = test_now ();

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) rows = eo_batch_file_parse (bad[i].data, bad[i].length, now, &error);

      g_assert_null (rows);
      g_assert_error (error, EO_ERROR, EO_ERROR_INVALID_INPUT);
    }
}

static void
test_to_changes (void)
{
  g_autoptr(GPtrArray) rows = parse ("1001;" RPO_A ";2024-03-01\n"
                                     "1002;1Z999AA10123456784\n"
                                     "1003;62001411000017\n");
  g_autoptr(GDateTime) now = test_now ();
  g_autoptr(GPtrArray) valid = eo_batch_file_to_changes (rows, FALSE, now);
  g_autoptr(GPtrArray) all = eo_batch_file_to_changes (rows, TRUE, now);
  EoOutboxChange *change;

  g_assert_cmpuint (valid->len, ==, 1);
  change = g_ptr_array_index (valid, 0);
  g_assert_cmpint (change->bill_id, ==, 1001);
  g_assert_cmpstr (change->status, ==, "sent");
  g_assert_cmpstr (change->rpo, ==, RPO_A);
  g_assert_cmpint (g_date_time_get_day_of_month (change->date), ==, 1);

  g_assert_cmpuint (all->len, ==, 2);
  change = g_ptr_array_index (all, 1);
  g_assert_true (g_date_time_equal (change->date, now));
}

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static void
test_load (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = test_now ();
  g_autoptr(GFileIOStream) stream = NULL;
  g_autoptr(GFile) file = g_file_new_tmp (NULL, &stream, &error);
  g_autoptr(GFile) missing = g_file_new_for_path ("/nonexistent/batch.csv");
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) async_rows = NULL;
  g_autoptr(GPtrArray) none = NULL;
  GAsyncResult *result = NULL;
  const char text[] = "1001;" RPO_A "\n";

  g_assert_no_error (error);
  g_assert_true (g_file_replace_contents (file, text, strlen (text), NULL, FALSE,
                                          G_FILE_CREATE_NONE, NULL, NULL, &error));
  g_assert_no_error (error);

  rows = eo_batch_file_load (file, now, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1);

  eo_batch_file_load_async (file, now, NULL, load_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  async_rows = eo_batch_file_load_finish (result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (async_rows->len, ==, 1);
  g_clear_object (&result);

  none = eo_batch_file_load (missing, now, NULL, &error);
  g_assert_null (none);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);

  g_file_delete (file, NULL, NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/batch-file/separators", test_separators);
  g_test_add_func ("/batch-file/bom-crlf", test_bom_crlf);
  g_test_add_func ("/batch-file/utf16-cp1251", test_utf16_and_cp1251);
  g_test_add_func ("/batch-file/quotes", test_quotes);
  g_test_add_func ("/batch-file/quote-unclosed", test_quote_unclosed);
  g_test_add_func ("/batch-file/headers", test_headers);
  g_test_add_func ("/batch-file/empty-lines", test_empty_lines);
  g_test_add_func ("/batch-file/bad-rows", test_bad_rows);
  g_test_add_func ("/batch-file/dates", test_dates);
  g_test_add_func ("/batch-file/duplicates", test_duplicates);
  g_test_add_func ("/batch-file/not-rows", test_not_rows);
  g_test_add_func ("/batch-file/to-changes", test_to_changes);
  g_test_add_func ("/batch-file/load", test_load);

  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eo-batch-file.c
 *
 * The post office's list reduced to "order;tracking[;date]" rows: decoded, split (RFC 4180
 * quoting, any of three separators), and every row checked before anything is sent.
 */

#include "config.h"

#include <inttypes.h>

#include "eo-batch-file.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "eo-date.h"
#include "eo-error.h"

G_DEFINE_BOXED_TYPE (EoBatchRow, eo_batch_row, eo_batch_row_copy, eo_batch_row_free)

EoBatchRow *
eo_batch_row_copy (const EoBatchRow *row)
{
  EoBatchRow *copy;

  g_return_val_if_fail (row != NULL, NULL);

  copy = g_new0 (EoBatchRow, 1);
  *copy = *row;
  copy->bill_text = g_strdup (row->bill_text);
  copy->rpo = g_strdup (row->rpo);
  copy->date = row->date != NULL ? g_date_time_ref (row->date) : NULL;
  copy->reason = g_strdup (row->reason);

  return copy;
}

void
eo_batch_row_free (EoBatchRow *row)
{
  if (row == NULL)
    return;

  g_free (row->bill_text);
  g_free (row->rpo);
  g_clear_pointer (&row->date, g_date_time_unref);
  g_free (row->reason);
  g_free (row);
}

/* ------------------------------------------------------------------------------------------- */
/* Decoding and splitting                                                                      */

/* The data as UTF-8 without a BOM; NULL when it is not text */
static char *
decode (const char  *data,
        gsize        length,
        GError     **error)
{
  const guchar *bytes = (const guchar *) data;
  g_autofree char *converted = NULL;
  const char *charset = NULL;

  if (length >= 2 && bytes[0] == 0xFF && bytes[1] == 0xFE)
    charset = "UTF-16LE";
  else if (length >= 2 && bytes[0] == 0xFE && bytes[1] == 0xFF)
    charset = "UTF-16BE";

  if (charset != NULL)
    {
      gsize written = 0;

      converted = g_convert (data + 2, length - 2, "UTF-8", charset, NULL, &written, NULL);
      if (converted == NULL)
        goto not_text;
      data = converted;
      length = written;
    }

  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      data += 3;
      length -= 3;
    }

  if (memchr (data, '\0', length) != NULL)
    goto not_text;

  if (g_utf8_validate_len (data, length, NULL))
    return g_strndup (data, length);

  /* Excel on a Russian Windows saves CSV in Windows-1251 */
  {
    char *cp1251 = g_convert (data, length, "UTF-8", "WINDOWS-1251", NULL, NULL, NULL);

    if (cp1251 != NULL)
      return cp1251;
  }

not_text:
  g_set_error (error, EO_ERROR, EO_ERROR_INVALID_INPUT,
               _("The file is not a text file. Save the list as CSV or as tab-separated text."));
  return NULL;
}

typedef struct
{
  guint      line;
  GPtrArray *fields;     /* char * */
  gboolean   unclosed;   /* a quote that never ends */
} Record;

static void
record_free (Record *record)
{
  g_ptr_array_unref (record->fields);
  g_free (record);
}

/* The separator of the first line with content: the most frequent of tab, ';' and ',' outside
 * quotes (in that order of preference on a tie) */
static char
detect_separator (const char *text)
{
  const char candidates[] = { '\t', ';', ',' };
  guint counts[G_N_ELEMENTS (candidates)] = { 0 };
  gboolean in_quotes = FALSE;
  gboolean content = FALSE;
  char best = ';';
  guint best_count = 0;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        in_quotes = !in_quotes;
      else if (!in_quotes && (*p == '\n' || *p == '\r'))
        {
          if (content)
            break;
        }
      else if (!in_quotes)
        {
          for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
            counts[i] += *p == candidates[i];
          content |= !g_ascii_isspace (*p);
        }
    }

  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    {
      if (counts[i] > best_count)
        {
          best = candidates[i];
          best_count = counts[i];
        }
    }

  return best;
}

static void
end_field (Record  *record,
           GString *field)
{
  g_ptr_array_add (record->fields, g_strstrip (g_strdup (field->str)));
  g_string_truncate (field, 0);
}

static Record *
record_new (guint line)
{
  Record *record = g_new0 (Record, 1);

  record->line = line;
  record->fields = g_ptr_array_new_with_free_func (g_free);

  return record;
}

/* Splits into records of trimmed fields; a quoted field may hold separators, newlines and
 * doubled quotes */
static GPtrArray *
split_records (const char *text,
               char        separator)
{
  GPtrArray *records = g_ptr_array_new_with_free_func ((GDestroyNotify) record_free);
  g_autoptr(GString) field = g_string_new (NULL);
  Record *record = record_new (1);
  guint line = 1;
  gboolean in_quotes = FALSE;
  gboolean field_has_text = FALSE;

  for (const char *p = text; ; p++)
    {
      if (in_quotes)
        {
          if (*p == '\0')
            {
              record->unclosed = TRUE;
              in_quotes = FALSE;
              p--;
              continue;
            }
          if (*p == '"' && p[1] == '"')
            {
              g_string_append_c (field, '"');
              p++;
            }
          else if (*p == '"')
            in_quotes = FALSE;
          else if (*p == '\r' && p[1] == '\n')
            continue;
          else
            {
              if (*p == '\n')
                line++;
              g_string_append_c (field, *p);
            }
          continue;
        }

      if (*p == '"' && !field_has_text)
        {
          /* Spaces before an opening quote are not part of the field */
          g_string_truncate (field, 0);
          in_quotes = TRUE;
          field_has_text = TRUE;
        }
      else if (*p == separator)
        {
          end_field (record, field);
          field_has_text = FALSE;
        }
      else if (*p == '\r' || *p == '\n' || *p == '\0')
        {
          end_field (record, field);
          field_has_text = FALSE;
          g_ptr_array_add (records, record);

          if (*p == '\0')
            break;
          if (*p == '\r' && p[1] == '\n')
            p++;
          line++;
          record = record_new (line);
        }
      else
        {
          g_string_append_c (field, *p);
          field_has_text |= !g_ascii_isspace (*p);
        }
    }

  return records;
}

static gboolean
record_is_empty (Record *record)
{
  for (guint i = 0; i < record->fields->len; i++)
    {
      if (*(const char *) g_ptr_array_index (record->fields, i) != '\0')
        return FALSE;
    }

  return !record->unclosed;
}

/* ------------------------------------------------------------------------------------------- */
/* Columns                                                                                     */

typedef struct
{
  int bill;
  int rpo;
  int date;
} Columns;

static gboolean
contains_any (const char         *text,
              const char * const *words)
{
  for (guint i = 0; words[i] != NULL; i++)
    {
      if (strstr (text, words[i]) != NULL)
        return TRUE;
    }

  return FALSE;
}

/* Column positions from a header's names; the default order when they say nothing clear */
static Columns
columns_from_header (Record *header)
{
  static const char * const date_words[] = { "date", "дата", "когда", NULL };
  static const char * const rpo_words[] = {
    "rpo", "рпо", "track", "трек", "шпи", "barcode", "штрих", "почтов", "parcel", "посыл", NULL
  };
  static const char * const bill_words[] = {
    "order", "bill", "заказ", "счет", "счёт", "номер", "number", "id", "№", NULL
  };
  Columns columns = { -1, -1, -1 };

  for (guint i = 0; i < header->fields->len; i++)
    {
      g_autofree char *name = g_utf8_strdown (g_ptr_array_index (header->fields, i), -1);

      if (columns.date < 0 && contains_any (name, date_words))
        columns.date = i;
      else if (columns.rpo < 0 && contains_any (name, rpo_words))
        columns.rpo = i;
      else if (columns.bill < 0 && contains_any (name, bill_words))
        columns.bill = i;
    }

  if (columns.bill < 0 || columns.rpo < 0)
    return (Columns) { 0, 1, 2 };

  return columns;
}

static const char *
field_at (Record *record,
          int     column)
{
  if (column < 0 || (guint) column >= record->fields->len)
    return "";

  return g_ptr_array_index (record->fields, column);
}

/* An order number: digits, optionally after "№" or "#" */
static gboolean
parse_bill_id (const char *text,
               gint64     *out_bill_id)
{
  guint64 value = 0;

  if (g_str_has_prefix (text, "№"))
    text += strlen ("№");
  else if (*text == '#')
    text++;
  while (*text == ' ')
    text++;

  if (*text == '\0' || strlen (text) > 18)
    return FALSE;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (!g_ascii_isdigit (*p))
        return FALSE;
      value = value * 10 + (guint64) (*p - '0');
    }

  if (value == 0)
    return FALSE;

  *out_bill_id = (gint64) value;
  return TRUE;
}

/* A header row starts with something that is not an order number */
static gboolean
looks_like_header (Record *record)
{
  gint64 bill_id;

  return !parse_bill_id (field_at (record, 0), &bill_id);
}

/* ------------------------------------------------------------------------------------------- */
/* Dates                                                                                       */

/* ------------------------------------------------------------------------------------------- */
/* Rows                                                                                        */

static void
row_set_state (EoBatchRow      *row,
               EoBatchRowState  state,
               char            *reason)
{
  /* The first problem found is the one shown; an error outranks a warning */
  if (row->state == EO_BATCH_ROW_INVALID ||
      (row->state == EO_BATCH_ROW_WARNING && state == EO_BATCH_ROW_WARNING))
    {
      g_free (reason);
      return;
    }

  row->state = state;
  g_free (row->reason);
  row->reason = reason;
}

/* Latin letters and digits only: the shape of another carrier's number */
static gboolean
is_plain_alnum (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      if (!g_ascii_isalnum (*p))
        return FALSE;
    }

  return *text != '\0';
}

static EoBatchRow *
check_record (Record        *record,
              const Columns *columns,
              GDateTime     *now)
{
  EoBatchRow *row = g_new0 (EoBatchRow, 1);
  const char *bill_text = field_at (record, columns->bill);
  const char *rpo_text = field_at (record, columns->rpo);
  const char *date_text = field_at (record, columns->date);
  g_autoptr(GError) tracking_error = NULL;

  row->line = record->line;
  row->bill_text = g_strdup (bill_text);
  row->state = EO_BATCH_ROW_VALID;

  if (record->unclosed)
    row_set_state (row, EO_BATCH_ROW_INVALID,
                   g_strdup (_("A quote opened in this row is never closed.")));

  if (*bill_text == '\0')
    row_set_state (row, EO_BATCH_ROW_INVALID, g_strdup (_("The order number is missing.")));
  else if (!parse_bill_id (bill_text, &row->bill_id))
    {
      g_autofree char *shown = eo_sanitize_text (bill_text, 40);

      row_set_state (row, EO_BATCH_ROW_INVALID,
                     g_strdup_printf (_("“%s” is not an order number: it should be digits only."),
                                      shown));
    }

  row->kind = eo_tracking_validate (rpo_text, &row->rpo, &tracking_error);
  if (*rpo_text == '\0')
    row_set_state (row, EO_BATCH_ROW_INVALID, g_strdup (_("The tracking number is missing.")));
  else if (tracking_error != NULL)
    {
      EoBatchRowState state = EO_BATCH_ROW_INVALID;

      /* Latin letters and digits, long enough to be a parcel number: another carrier's */
      if (row->kind == EO_TRACKING_KIND_UNKNOWN && is_plain_alnum (row->rpo) &&
          strlen (row->rpo) >= 8)
        state = EO_BATCH_ROW_WARNING;
      row_set_state (row, state, g_strdup (tracking_error->message));
    }

  if (*date_text != '\0')
    {
      /* Up to the end of tomorrow: the post office's clock or zone may be ahead */
      g_autoptr(GDateTime) today = g_date_time_new_local (g_date_time_get_year (now),
                                                          g_date_time_get_month (now),
                                                          g_date_time_get_day_of_month (now),
                                                          0, 0, 0);
      g_autoptr(GDateTime) latest = g_date_time_add_days (today, 2);

      row->date = eo_date_parse_human (date_text);
      if (row->date == NULL)
        {
          g_autofree char *shown = eo_sanitize_text (date_text, 40);

          row_set_state (row, EO_BATCH_ROW_INVALID,
                         g_strdup_printf (_("“%s” is not a date. Write it as 2024-03-01 or "
                                            "01.03.2024."), shown));
        }
      else if (g_date_time_compare (row->date, latest) >= 0)
        row_set_state (row, EO_BATCH_ROW_INVALID,
                       g_strdup (_("The date is in the future. Check the year and the month.")));
      else if (g_date_time_get_year (row->date) < 2000)
        row_set_state (row, EO_BATCH_ROW_INVALID,
                       g_strdup (_("The date is too long ago. Check the year.")));
    }

  return row;
}

/* Flags the rows that repeat an order or a tracking number */
static void
check_duplicates (GPtrArray *rows)
{
  g_autoptr(GHashTable) by_bill = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) by_rpo = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < rows->len; i++)
    {
      EoBatchRow *row = g_ptr_array_index (rows, i);
      EoBatchRow *first;

      if (row->bill_id > 0)
        {
          first = g_hash_table_lookup (by_bill, &row->bill_id);
          if (first == NULL)
            g_hash_table_insert (by_bill, &row->bill_id, row);
          else if (g_str_equal (first->rpo, row->rpo))
            row_set_state (row, EO_BATCH_ROW_INVALID,
                           g_strdup_printf (_("The same as line %u."), first->line));
          else
            {
              /* Which number is right? Neither row is sent until the file is fixed. */
              row_set_state (row, EO_BATCH_ROW_INVALID,
                             g_strdup_printf (_("Order %" PRId64 " is also on line %u, "
                                                "with another tracking number."),
                                              row->bill_id, first->line));
              row_set_state (first, EO_BATCH_ROW_INVALID,
                             g_strdup_printf (_("Order %" PRId64 " is also on line %u, "
                                                "with another tracking number."),
                                              row->bill_id, row->line));
            }
        }

      if (*row->rpo != '\0')
        {
          first = g_hash_table_lookup (by_rpo, row->rpo);
          if (first == NULL)
            g_hash_table_insert (by_rpo, row->rpo, row);
          else if (first->bill_id != row->bill_id)
            {
              row_set_state (row, EO_BATCH_ROW_INVALID,
                             g_strdup_printf (_("Tracking number %s is also on line %u, for "
                                                "another order."), row->rpo, first->line));
              row_set_state (first, EO_BATCH_ROW_INVALID,
                             g_strdup_printf (_("Tracking number %s is also on line %u, for "
                                                "another order."), row->rpo, row->line));
            }
        }
    }
}

GPtrArray *
eo_batch_file_parse (const char  *data,
                     gsize        length,
                     GDateTime   *now,
                     GError     **error)
{
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  Columns columns = { 0, 1, 2 };
  gboolean first = TRUE;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (now != NULL, NULL);

  if (length > EO_BATCH_FILE_MAX_SIZE)
    {
      g_set_error (error, EO_ERROR, EO_ERROR_INVALID_INPUT,
                   _("The file is too large for a list of parcels (more than %u MB)."),
                   EO_BATCH_FILE_MAX_SIZE / (1024 * 1024));
      return NULL;
    }

  text = decode (data != NULL ? data : "", length, error);
  if (text == NULL)
    return NULL;

  records = split_records (text, detect_separator (text));
  rows = g_ptr_array_new_with_free_func ((GDestroyNotify) eo_batch_row_free);

  for (guint i = 0; i < records->len; i++)
    {
      Record *record = g_ptr_array_index (records, i);

      if (record_is_empty (record))
        continue;

      if (first)
        {
          first = FALSE;
          if (looks_like_header (record))
            {
              columns = columns_from_header (record);
              continue;
            }
        }

      g_ptr_array_add (rows, check_record (record, &columns, now));
    }

  if (rows->len == 0)
    {
      g_set_error (error, EO_ERROR, EO_ERROR_INVALID_INPUT,
                   _("The file has no rows. Each row needs an order number and a tracking "
                     "number, separated by “;”, “,” or a tab."));
      return NULL;
    }

  check_duplicates (rows);

  return g_steal_pointer (&rows);
}

GPtrArray *
eo_batch_file_load (GFile         *file,
                    GDateTime     *now,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE,
                            cancellable, error);
  if (info == NULL)
    return NULL;

  if (g_file_info_get_size (info) > EO_BATCH_FILE_MAX_SIZE)
    {
      g_set_error (error, EO_ERROR, EO_ERROR_INVALID_INPUT,
                   _("The file is too large for a list of parcels (more than %u MB)."),
                   EO_BATCH_FILE_MAX_SIZE / (1024 * 1024));
      return NULL;
    }

  if (!g_file_load_contents (file, cancellable, &contents, &length, NULL, error))
    return NULL;

  return eo_batch_file_parse (contents, length, now, error);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  GPtrArray *rows = eo_batch_file_load (G_FILE (source_object), task_data, cancellable, &error);

  if (rows == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, rows, (GDestroyNotify) g_ptr_array_unref);
}

void
eo_batch_file_load_async (GFile               *file,
                          GDateTime           *now,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (now != NULL);

  task = g_task_new (file, cancellable, callback, user_data);
  g_task_set_source_tag (task, eo_batch_file_load_async);
  g_task_set_task_data (task, g_date_time_ref (now), (GDestroyNotify) g_date_time_unref);
  g_task_run_in_thread (task, load_thread);
}

GPtrArray *
eo_batch_file_load_finish (GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == eo_batch_file_load_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

guint
eo_batch_file_count (GPtrArray       *rows,
                     EoBatchRowState  state)
{
  guint count = 0;

  g_return_val_if_fail (rows != NULL, 0);

  for (guint i = 0; i < rows->len; i++)
    count += ((EoBatchRow *) g_ptr_array_index (rows, i))->state == state;

  return count;
}

GPtrArray *
eo_batch_file_to_changes (GPtrArray *rows,
                          gboolean   with_warnings,
                          GDateTime *default_date)
{
  GPtrArray *changes;

  g_return_val_if_fail (rows != NULL, NULL);
  g_return_val_if_fail (default_date != NULL, NULL);

  changes = g_ptr_array_new_with_free_func ((GDestroyNotify) eo_outbox_change_unref);

  for (guint i = 0; i < rows->len; i++)
    {
      EoBatchRow *row = g_ptr_array_index (rows, i);

      if (row->state == EO_BATCH_ROW_VALID ||
          (with_warnings && row->state == EO_BATCH_ROW_WARNING))
        g_ptr_array_add (changes,
                         eo_outbox_change_new (row->bill_id, "sent",
                                               row->date != NULL ? row->date : default_date,
                                               row->rpo));
    }

  return changes;
}

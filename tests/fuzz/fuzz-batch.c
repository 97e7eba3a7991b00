/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-batch.c: the batch file reader (CSV/TSV, any encoding, quotes, headers) on arbitrary bytes */

#include "config.h"

#include <stdint.h>
#include <string.h>

#include "eo-batch-file.h"
#include "eo-error.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  /* a fixed "now", so that a crash reproduces on any day */
  g_autoptr(GDateTime) now = g_date_time_new_utc (2024, 3, 15, 10, 0, 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = eo_batch_file_parse ((const char *) data, size, now, &error);
  g_autoptr(GPtrArray) changes = NULL;
  guint last_line = 0;
  guint sendable = 0;

  g_assert ((rows == NULL) != (error == NULL));
  if (rows == NULL)
    {
      g_assert (error->domain == EO_ERROR);
      g_assert (g_utf8_validate (error->message, -1, NULL));
      return 0;
    }

  g_assert (rows->len > 0);
  for (guint i = 0; i < rows->len; i++)
    {
      EoBatchRow *row = g_ptr_array_index (rows, i);

      /* rows come in file order, each with what the person is shown as valid UTF-8 */
      g_assert (row->line >= 1 && row->line > last_line);
      last_line = row->line;
      g_assert (row->bill_id >= 0);
      g_assert (row->bill_text != NULL && g_utf8_validate (row->bill_text, -1, NULL));
      g_assert (row->rpo != NULL && g_utf8_validate (row->rpo, -1, NULL));
      g_assert (row->state == EO_BATCH_ROW_VALID || row->state == EO_BATCH_ROW_WARNING ||
                row->state == EO_BATCH_ROW_INVALID);
      g_assert ((row->state == EO_BATCH_ROW_VALID) == (row->reason == NULL));
      g_assert (row->reason == NULL || g_utf8_validate (row->reason, -1, NULL));
      if (row->state != EO_BATCH_ROW_INVALID)
        {
          /* only a row with an order and a tracking number is ever sent */
          g_assert (row->bill_id > 0 && row->rpo[0] != '\0');
          sendable++;
        }
    }

  g_assert (eo_batch_file_count (rows, EO_BATCH_ROW_VALID) +
            eo_batch_file_count (rows, EO_BATCH_ROW_WARNING) == sendable);
  changes = eo_batch_file_to_changes (rows, TRUE, now);
  g_assert (changes->len == sendable);

  return 0;
}

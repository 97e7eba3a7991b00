/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eo-batch-file.h: the list of parcels to mark sent, from a CSV or TSV file */
#pragma once

#include <gio/gio.h>

#include "eo-outbox-change.h"
#include "eo-tracking.h"

G_BEGIN_DECLS

/* Larger files are refused: a day's post office list is a few kilobytes */
#define EO_BATCH_FILE_MAX_SIZE (8 * 1024 * 1024)

typedef enum
{
  EO_BATCH_ROW_VALID,
  EO_BATCH_ROW_WARNING,        /* sendable once the person confirms (another carrier's number) */
  EO_BATCH_ROW_INVALID,        /* not sendable: reason says why */
} EoBatchRowState;

#define EO_TYPE_BATCH_ROW (eo_batch_row_get_type ())

/**
 * EoBatchRow:
 * One row of the file: order number, tracking number and optional date, checked.
 */
typedef struct
{
  guint            line;       /* 1-based line of the file where the row starts */
  gint64           bill_id;    /* 0 when the order number is missing or unreadable */
  char            *bill_text;  /* the order number field as written (trimmed) */
  char            *rpo;        /* the tracking number, normalised; "" when missing */
  EoTrackingKind   kind;
  GDateTime       *date;       /* NULL when the row has none */
  EoBatchRowState  state;
  char            *reason;     /* why it is invalid or needs a look; NULL when valid */
} EoBatchRow;

GType        eo_batch_row_get_type   (void) G_GNUC_CONST;
EoBatchRow  *eo_batch_row_copy       (const EoBatchRow *row);
void         eo_batch_row_free       (EoBatchRow       *row);

/*
 * Reads the rows of a file: order number, tracking number and optional date, separated by
 * ';', ',' or a tab (detected), with an optional header row (its column names may put the
 * columns in another order), in UTF-8 with or without a BOM (UTF-16 with a BOM and
 * Windows-1251 are converted), LF or CRLF, fields optionally quoted ("" is a quote).
 * Empty lines are skipped. Every row is checked: order number, tracking number check digits,
 * date (ISO 8601, DD.MM.YYYY, or unix seconds; a date alone means noon local time; not later
 * than tomorrow), and duplicate orders or tracking numbers.
 * Fails only when the data is not text or has no rows. Returns EoBatchRow, in file order.
 */
GPtrArray   *eo_batch_file_parse     (const char    *data,
                                      gsize          length,
                                      GDateTime     *now,
                                      GError       **error);

/* Reads the file (at most EO_BATCH_FILE_MAX_SIZE) and parses it */
void         eo_batch_file_load_async  (GFile               *file,
                                        GDateTime           *now,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
GPtrArray   *eo_batch_file_load_finish (GAsyncResult        *result,
                                        GError             **error);
GPtrArray   *eo_batch_file_load        (GFile               *file,
                                        GDateTime           *now,
                                        GCancellable        *cancellable,
                                        GError             **error);

/* How many rows are in the state */
guint        eo_batch_file_count     (GPtrArray     *rows,
                                      EoBatchRowState state);

/* "sent" changes (EoOutboxChange) for the valid rows, and the warning rows when
 * with_warnings; a row without a date gets default_date */
GPtrArray   *eo_batch_file_to_changes (GPtrArray    *rows,
                                       gboolean      with_warnings,
                                       GDateTime    *default_date);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EoBatchRow, eo_batch_row_free)

G_END_DECLS

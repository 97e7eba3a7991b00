/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eo-batch-dialog.h: mark a whole file of parcels sent, through the outbox */
#pragma once

#include <adwaita.h>

#include "eo-outbox.h"

G_BEGIN_DECLS

#define EO_TYPE_BATCH_DIALOG (eo_batch_dialog_get_type ())

G_DECLARE_FINAL_TYPE (EoBatchDialog, eo_batch_dialog, EO, BATCH_DIALOG, AdwWindow)

EoBatchDialog *eo_batch_dialog_new           (EoOutbox      *outbox);
/* What Open… and Export Failed Rows… do once a file is picked */
void           eo_batch_dialog_load_file     (EoBatchDialog *self,
                                              GFile         *file);
void           eo_batch_dialog_export_failed (EoBatchDialog *self,
                                              GFile         *file);
/* Rows read, rows sent, rows failed (refused, invalid, or waiting for a retry) */
guint          eo_batch_dialog_get_n_rows    (EoBatchDialog *self);
guint          eo_batch_dialog_get_n_sent    (EoBatchDialog *self);
guint          eo_batch_dialog_get_n_failed  (EoBatchDialog *self);
/* TRUE while changes are being sent */
gboolean       eo_batch_dialog_get_sending   (EoBatchDialog *self);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eo-scan-private.h: what the scan station's files share */
#pragma once

#include "eo-scan-session.h"

G_BEGIN_DECLS

EoScanPair *eo_scan_pair_new          (gint64           bill_id,
                                       const char      *tracking,
                                       const char      *full_name,
                                       const char      *city,
                                       gint64           scanned_at,
                                       gint64           change_id);
void        eo_scan_pair_set_state    (EoScanPair      *self,
                                       EoScanPairState  state,
                                       const char      *message);
/* The outbox answered at least once (or the pair is no longer waiting) */
gboolean    eo_scan_pair_get_answered (EoScanPair      *self);
void        eo_scan_pair_set_answered (EoScanPair      *self);

G_END_DECLS

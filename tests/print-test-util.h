/* SPDX-License-Identifier: GPL-3.0-or-later */
/* print-test-util.h: the sample sender and orders the printing tests draw */
#pragma once

#include "eo-print-document.h"

G_BEGIN_DECLS

/* The shop with every field set */
EoPrintSender *print_test_sender  (void);
/* An order from a JSON literal's fields */
EoOrder       *print_test_order   (gint64      id,
                                   const char *last_name,
                                   const char *first_name,
                                   const char *postcode,
                                   const char *address,
                                   const char *comment);
/* Three parcels: 1001 with COD 1990.00 and a domestic number, 1002 with a very long name and
 * address and an S10 number, 1003 prepaid with no number */
GPtrArray     *print_test_parcels (void);

G_END_DECLS

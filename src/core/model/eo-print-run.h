/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eo-print-run.h: one print run as the store keeps it: the forms, and each order's sums */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* One order of a run, in the order printed */
typedef struct
{
  gint64  bill_id;
  gint64  cod;                 /* cash on delivery printed, kopecks (0: none) */
  gint64  declared_value;      /* declared value printed, kopecks (0: none) */
  char   *tracking;            /* the tracking number printed; "" when none */
} EoPrintRunOrder;

#define EO_TYPE_PRINT_RUN (eo_print_run_get_type ())

typedef struct
{
  gint64    id;                /* the store's; 0 before it is recorded */
  gint64    created_at;        /* unix seconds */
  char     *forms;             /* the forms' keys, as "slip,7p" */
  gboolean  blank;             /* printed onto pre-printed blanks */
  guint     list_number;       /* the list's number for the day (1 and up) */
  GArray   *orders;            /* EoPrintRunOrder, in the order printed */
} EoPrintRun;

GType        eo_print_run_get_type          (void) G_GNUC_CONST;
/* An empty run of these forms (list_number 1) */
EoPrintRun  *eo_print_run_new               (const char       *forms);
/* Adds an order at the end; tracking may be NULL */
void         eo_print_run_add_order         (EoPrintRun       *run,
                                             gint64            bill_id,
                                             gint64            cod,
                                             gint64            declared_value,
                                             const char       *tracking);
/* The order at position i; its bill ids joined by sep ("1001,1002") */
const EoPrintRunOrder *eo_print_run_get_order (const EoPrintRun *run,
                                             guint             i);
char        *eo_print_run_join_bill_ids     (const EoPrintRun *run,
                                             const char       *sep);
EoPrintRun  *eo_print_run_copy              (const EoPrintRun *run);
void         eo_print_run_free              (EoPrintRun       *run);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EoPrintRun, eo_print_run_free)

G_END_DECLS

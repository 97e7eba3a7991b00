/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eo-print-dialog.h: printing the postal forms and packing slips of one order or many */
#pragma once

#include <adwaita.h>

#include "eo-print-document.h"
#include "eo-print-run.h"
#include "eo-store.h"

G_BEGIN_DECLS

#define EO_TYPE_PRINT_DIALOG (eo_print_dialog_get_type ())

G_DECLARE_FINAL_TYPE (EoPrintDialog, eo_print_dialog, EO, PRINT_DIALOG, AdwWindow)

/*
 * orders: EoOrder, at least one, printed in that order. A check row per form (the choice kept
 * in the settings' "print-forms" when something is printed or exported), "Blank Forms"
 * ("print-blank"), and per order its cash on delivery (what is left to pay) and declared value
 * (its sum). What the core would refuse is said in the dialog before anything is drawn: a
 * declared value below the COD (on the order's row too), a sender's field a form needs (with a
 * way to Preferences), no form. The sender and the calibration are the settings' ("sender",
 * "print-offsets"), as for `expertam print`.
 */
EoPrintDialog *eo_print_dialog_new          (GtkWindow     *parent,
                                             GPtrArray     *orders);
/* Where each run printed or exported is recorded (the shop's print history); NULL: nowhere */
void           eo_print_dialog_set_store    (EoPrintDialog *self,
                                             EoStore       *store);
/* The run's choice, to print it again: its forms, "Blank Forms", and the sums of each order it
 * has (matched by number; the others keep theirs). The settings' choice is kept as it was until
 * something is printed or exported. A form the dialog does not know is left out. */
void           eo_print_dialog_apply_run    (EoPrintDialog    *self,
                                             const EoPrintRun *run);
/* A form's name as the dialog shows it, translated: "Address Label (ф.7-п)" */
const char    *eo_print_dialog_form_title   (EoPrintForm    form);
/* What Export PDF… does once a file is picked: the PDF is written in a worker thread, with
 * the progress shown; "busy" until it is done */
void           eo_print_dialog_export_pdf   (EoPrintDialog *self,
                                             GFile         *file);
/* What Print… does: a GtkPrintOperation drawing the core's pages, each on paper of its size.
 * export_filename: NULL to ask for a printer; a path to have GTK write its PDF there instead
 * (GTK_PRINT_OPERATION_ACTION_EXPORT) */
void           eo_print_dialog_print        (EoPrintDialog *self,
                                             const char    *export_filename);
/* TRUE while a PDF is written or a print run is drawn */
gboolean       eo_print_dialog_get_busy     (EoPrintDialog *self);
/* The problem shown, or NULL when there is none */
const char    *eo_print_dialog_get_message  (EoPrintDialog *self);
/* After a run: what it did ("5 pages exported to …"), or NULL */
const char    *eo_print_dialog_get_status   (EoPrintDialog *self);
/* The pages the choice makes now; 0 when it cannot be printed */
guint          eo_print_dialog_get_n_pages  (EoPrintDialog *self);
/* For tests: the check button of a form, "Blank Forms", and the nth order's entry rows */
GtkWidget     *eo_print_dialog_get_blank_switch (EoPrintDialog *self);
GtkWidget     *eo_print_dialog_get_form_check (EoPrintDialog *self,
                                               EoPrintForm    form);
GtkWidget     *eo_print_dialog_get_cod_row  (EoPrintDialog *self,
                                             guint          nth);
GtkWidget     *eo_print_dialog_get_value_row (EoPrintDialog *self,
                                              guint          nth);

G_END_DECLS

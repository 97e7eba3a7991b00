/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eo-print-document.h: postal forms and packing slips laid out on pages of their own size */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "eo-order.h"
#include "eo-print-sender.h"

G_BEGIN_DECLS

typedef enum
{
  EO_PRINT_FORM_SLIP,         /* packing slip, A4 */
  EO_PRINT_FORM_SLIP_LABEL,   /* packing slip, 100 x 150 mm label */
  EO_PRINT_FORM_7P,           /* ф.7-п address label, 198 x 141 mm */
  EO_PRINT_FORM_112EP,        /* ф.112ЭП COD money transfer, A4 */
  EO_PRINT_FORM_LIST,         /* the list for the post office (ф.103), A4 */
  EO_PRINT_FORM_ENVELOPE_DL,  /* 220 x 110 mm */
  EO_PRINT_FORM_ENVELOPE_C5,  /* 229 x 162 mm */
  EO_PRINT_FORM_ENVELOPE_C4,  /* 324 x 229 mm */
  EO_PRINT_FORM_116,          /* ф.116 accompanying address, A4 landscape */
  EO_PRINT_FORM_107,          /* ф.107 inventory, two copies side by side, A4 landscape */
  EO_PRINT_N_FORMS,
} EoPrintForm;

/* "slip", "slip-label", "7p", "112ep", "list", "envelope-dl", "envelope-c5", "envelope-c4",
 * "116", "107" */
const char *eo_print_form_key        (EoPrintForm form);
/* Parses "slip,7p,list" (spaces allowed); an unknown name is EO_ERROR_INVALID_INPUT naming it */
GArray     *eo_print_forms_parse     (const char  *list,
                                      GError     **error);

/* The first sender's field the form needs that is not set: FALSE when it has all it needs */
gboolean    eo_print_form_missing_field (EoPrintForm          form,
                                         const EoPrintSender *sender,
                                         EoPrintSenderField  *out_field);

/* One parcel: the order and what the post office is told about it */
typedef struct
{
  EoOrder *order;
  gint64   cod;             /* cash on delivery, kopecks; 0: none */
  gint64   declared_value;  /* kopecks; 0: none */
  char    *tracking;        /* the tracking number (ШПИ), or NULL */
} EoPrintParcel;

EoPrintParcel *eo_print_parcel_new   (EoOrder     *order,
                                      gint64       cod,
                                      gint64       declared_value,
                                      const char  *tracking);
void           eo_print_parcel_free  (EoPrintParcel *parcel);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EoPrintParcel, eo_print_parcel_free)

typedef struct
{
  gboolean   blank;                       /* only the data, onto a pre-printed blank */
  double     offset_x[EO_PRINT_N_FORMS];  /* calibration per form, mm (right, down) */
  double     offset_y[EO_PRINT_N_FORMS];
  GDateTime *date;                        /* the day printed on the list and slips; NULL: now */
  guint      list_number;                 /* the list's number for the day; 0 is taken as 1 */
} EoPrintOptions;

typedef struct _EoPrintDocument EoPrintDocument;

/* Checks everything before drawing anything: each parcel's declared value is at least its COD
 * sum, and the sender has every field the forms need (EO_ERROR_INVALID_INPUT, translated,
 * naming the order or the field). parcels: EoPrintParcel*; forms are drawn in the order given,
 * each for every parcel (ф.112ЭП only for parcels with COD, ф.107 only for those with a
 * declared value), the list once for all. */
EoPrintDocument *eo_print_document_new (const EoPrintSender   *sender,
                                        GPtrArray             *parcels,
                                        const EoPrintForm     *forms,
                                        guint                  n_forms,
                                        const EoPrintOptions  *options,
                                        GError               **error);
void             eo_print_document_free          (EoPrintDocument *doc);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EoPrintDocument, eo_print_document_free)

guint            eo_print_document_get_n_pages   (EoPrintDocument *doc);
void             eo_print_document_get_page_size (EoPrintDocument *doc,
                                                  guint            page,
                                                  double          *width_mm,
                                                  double          *height_mm);
/* cr: origin at the page's top-left corner, units of points (as a PDF or print surface) */
void             eo_print_document_draw_page     (EoPrintDocument *doc,
                                                  guint            page,
                                                  cairo_t         *cr);
/* One PDF, each page its own size */
gboolean         eo_print_document_write_pdf     (EoPrintDocument  *doc,
                                                  const char       *filename,
                                                  GError          **error);

/* Called after each page drawn, from the thread that writes */
typedef void (*EoPrintProgressFunc) (guint    pages_done,
                                     guint    n_pages,
                                     gpointer user_data);

/* The same, with a progress call per page, and stopping (G_IO_ERROR_CANCELLED, the file
 * removed) when cancelled. A document is drawn by one thread at a time, not necessarily the
 * one that made it: the PDF may be written in a worker thread. */
gboolean         eo_print_document_write_pdf_full (EoPrintDocument     *doc,
                                                   const char          *filename,
                                                   GCancellable        *cancellable,
                                                   EoPrintProgressFunc  progress,
                                                   gpointer             user_data,
                                                   GError             **error);

/* The list for the post office as CSV (UTF-8, comma-separated, a header row, a totals row) */
char            *eo_print_list_csv               (const EoPrintSender *sender,
                                                  GPtrArray           *parcels);

G_END_DECLS

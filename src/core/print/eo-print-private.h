/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eo-print-private.h: the drawing helpers and the forms, shared by the print folder's files */
#pragma once

#include <pango/pangocairo.h>

#include "eo-print-document.h"

G_BEGIN_DECLS

#define EO_MM_TO_PT (72.0 / 25.4)

typedef struct
{
  cairo_t             *cr;        /* in mm, the form's offset applied */
  const EoPrintSender *sender;
  gboolean             blank;     /* data only: no frames, captions or cells */
  GDateTime           *date;
  guint                list_number;
} EoPrintContext;

typedef enum
{
  EO_TEXT_LEFT = 0,
  EO_TEXT_CENTER = 1 << 0,
  EO_TEXT_RIGHT = 1 << 1,
  EO_TEXT_BOLD = 1 << 2,
  EO_TEXT_WRAP = 1 << 3,     /* wrap into the box's height, shrinking until it fits */
  EO_TEXT_MONO = 1 << 4,
  EO_TEXT_GROW_UP = 1 << 5,  /* one line unless it would shrink much: then two, the box twice as
                              * tall upwards (a long name above its line) */
} EoTextFlags;

/* Text in a box (mm): one line shrunk to the box's width, or wrapped and shrunk to its height;
 * never drawn outside the box. size_pt: the largest size. */
void     eo_print_text       (EoPrintContext *ctx,
                              double          x,
                              double          y,
                              double          w,
                              double          h,
                              double          size_pt,
                              EoTextFlags     flags,
                              const char     *text);
/* A small caption, drawn only on the whole form */
void     eo_print_caption    (EoPrintContext *ctx,
                              double          x,
                              double          y,
                              double          w,
                              double          size_pt,
                              const char     *text);
/* A rectangle outline (whole form only) */
void     eo_print_frame      (EoPrintContext *ctx,
                              double          x,
                              double          y,
                              double          w,
                              double          h,
                              double          line_mm);
void     eo_print_hline      (EoPrintContext *ctx,
                              double          x,
                              double          y,
                              double          w);
/* One character per cell: n cells of cell_w x cell_h from (x, y); the cells' outlines on the
 * whole form only. Characters past n are not drawn. */
void     eo_print_cells      (EoPrintContext *ctx,
                              double          x,
                              double          y,
                              guint           n,
                              double          cell_w,
                              double          cell_h,
                              const char     *text);
/* An "×" in a 3 mm box at (x, y) */
void     eo_print_mark       (EoPrintContext *ctx,
                              double          x,
                              double          y,
                              gboolean        checked);

typedef enum
{
  EO_BARCODE_CODE128,
  EO_BARCODE_ITF,   /* Interleaved 2 of 5 */
} EoBarcodeKind;

/* A barcode (zint's vector output) centred in the box, its module as wide as max_module_mm
 * or narrower to fit w; returns FALSE (and draws nothing) when zint refuses the data */
gboolean eo_print_barcode    (EoPrintContext *ctx,
                              EoBarcodeKind   kind,
                              const char     *data,
                              double          x,
                              double          y,
                              double          w,
                              double          h,
                              double          max_module_mm);
/* The postal code stencil of an envelope (9-segment digits), 61 x 15 mm from (x, y) */
void     eo_print_postcode_stencil (EoPrintContext *ctx,
                                    double          x,
                                    double          y,
                                    const char     *postcode);

/* Helpers for the forms */
char    *eo_print_digits_only      (const char *text);
char    *eo_print_order_address    (EoOrder    *order);
char    *eo_print_money            (gint64      kopecks);

/* The forms: each draws one page */
void     eo_print_draw_slip        (EoPrintContext *ctx, const EoPrintParcel *parcel, gboolean label);
void     eo_print_draw_7p          (EoPrintContext *ctx, const EoPrintParcel *parcel);
void     eo_print_draw_112ep       (EoPrintContext *ctx, const EoPrintParcel *parcel);
void     eo_print_draw_envelope    (EoPrintContext *ctx, const EoPrintParcel *parcel,
                                    double w, double h);
void     eo_print_draw_116         (EoPrintContext *ctx, const EoPrintParcel *parcel);
void     eo_print_draw_107         (EoPrintContext *ctx, const EoPrintParcel *parcel);
/* Rows first..first+n-1 of the list; the totals and signatures on the last page */
void     eo_print_draw_list        (EoPrintContext *ctx, GPtrArray *parcels, guint first,
                                    guint n, gboolean last_page, guint page, guint n_pages);

#define EO_PRINT_LIST_ROWS_PER_PAGE 12

G_END_DECLS

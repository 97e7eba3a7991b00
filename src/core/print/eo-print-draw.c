/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eo-print-draw.c: text in boxes, digit cells, barcodes (libzint) and the postcode stencil */

#include "config.h"

#include "eo-print-private.h"

#include <string.h>
#include <zint.h>

#define PT_TO_MM (25.4 / 72.0)
#define MIN_SIZE_PT 4.5

static PangoLayout *
make_layout (EoPrintContext *ctx,
             double          size_pt,
             EoTextFlags     flags)
{
  PangoLayout *layout = pango_cairo_create_layout (ctx->cr);
  g_autoptr(PangoFontDescription) font = NULL;
  cairo_font_options_t *options = cairo_font_options_create ();

  /* Metrics as the PDF has them, not hinted to some screen */
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (pango_layout_get_context (layout), options);
  /* The page is in mm: glyph positions rounded to whole units would be rounded to whole mm */
  pango_context_set_round_glyph_positions (pango_layout_get_context (layout), FALSE);
  cairo_font_options_destroy (options);
  pango_layout_context_changed (layout);

  font = pango_font_description_from_string ((flags & EO_TEXT_MONO) ? "DejaVu Sans Mono"
                                                                    : "DejaVu Sans");
  pango_font_description_set_absolute_size (font, size_pt * PT_TO_MM * PANGO_SCALE);
  if (flags & EO_TEXT_BOLD)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  return layout;
}

void
eo_print_text (EoPrintContext *ctx,
               double          x,
               double          y,
               double          w,
               double          h,
               double          size_pt,
               EoTextFlags     flags,
               const char     *text)
{
  g_autoptr(PangoLayout) layout = NULL;
  PangoRectangle ink, logical;
  double size = size_pt;
  double tw, th;

  if (text == NULL || text[0] == '\0' || w <= 0 || h <= 0)
    return;

  if ((flags & EO_TEXT_GROW_UP) && !(flags & EO_TEXT_WRAP))
    {
      g_autoptr(PangoLayout) line = make_layout (ctx, size_pt, flags);

      pango_layout_set_text (line, text, -1);
      pango_layout_get_extents (line, &ink, &logical);
      if ((double) logical.width / PANGO_SCALE > w / 0.8)
        {
          eo_print_text (ctx, x, y - h, w, 2 * h, size_pt,
                         (flags & ~EO_TEXT_GROW_UP) | EO_TEXT_WRAP, text);
          return;
        }
    }

  /* Shrink until it fits: the width for one line, the height when wrapped */
  for (;;)
    {
      g_clear_object (&layout);
      layout = make_layout (ctx, size, flags);
      if (flags & EO_TEXT_WRAP)
        {
          pango_layout_set_width (layout, (int) (w * PANGO_SCALE));
          pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
        }
      else
        pango_layout_set_single_paragraph_mode (layout, TRUE);
      pango_layout_set_alignment (layout, (flags & EO_TEXT_CENTER) ? PANGO_ALIGN_CENTER
                                          : (flags & EO_TEXT_RIGHT) ? PANGO_ALIGN_RIGHT
                                          : PANGO_ALIGN_LEFT);
      pango_layout_set_text (layout, text, -1);
      pango_layout_get_extents (layout, &ink, &logical);
      tw = (double) logical.width / PANGO_SCALE;
      th = (double) logical.height / PANGO_SCALE;
      if ((tw <= w + 0.01 && th <= h + 0.01) || size <= MIN_SIZE_PT)
        break;
      size = MAX (MIN_SIZE_PT, size * 0.92);
    }

  /* Still too large at the smallest size: cut at the box, ending in "…" */
  if (tw > w + 0.01 || th > h + 0.01)
    {
      pango_layout_set_width (layout, (int) (w * PANGO_SCALE));
      if (flags & EO_TEXT_WRAP)
        pango_layout_set_height (layout, (int) (h * PANGO_SCALE));
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      pango_layout_get_extents (layout, &ink, &logical);
      tw = (double) logical.width / PANGO_SCALE;
      th = (double) logical.height / PANGO_SCALE;
    }

  cairo_save (ctx->cr);
  cairo_rectangle (ctx->cr, x, y, w, h);
  cairo_clip (ctx->cr);
  cairo_set_source_rgb (ctx->cr, 0, 0, 0);
  if (flags & EO_TEXT_WRAP)
    cairo_move_to (ctx->cr, x, y);
  else
    {
      double dx = (flags & EO_TEXT_CENTER) ? (w - tw) / 2 : (flags & EO_TEXT_RIGHT) ? w - tw : 0;

      /* One line: centred in the box's height */
      cairo_move_to (ctx->cr, x + dx - (double) logical.x / PANGO_SCALE, y + (h - th) / 2);
    }
  pango_cairo_show_layout (ctx->cr, layout);
  cairo_restore (ctx->cr);
}

void
eo_print_caption (EoPrintContext *ctx,
                  double          x,
                  double          y,
                  double          w,
                  double          size_pt,
                  const char     *text)
{
  if (ctx->blank)
    return;
  eo_print_text (ctx, x, y, w, size_pt * PT_TO_MM * 1.3, size_pt, EO_TEXT_LEFT, text);
}

void
eo_print_frame (EoPrintContext *ctx,
                double          x,
                double          y,
                double          w,
                double          h,
                double          line_mm)
{
  if (ctx->blank)
    return;
  cairo_save (ctx->cr);
  cairo_set_source_rgb (ctx->cr, 0, 0, 0);
  cairo_set_line_width (ctx->cr, line_mm);
  cairo_rectangle (ctx->cr, x, y, w, h);
  cairo_stroke (ctx->cr);
  cairo_restore (ctx->cr);
}

void
eo_print_hline (EoPrintContext *ctx,
                double          x,
                double          y,
                double          w)
{
  if (ctx->blank)
    return;
  cairo_save (ctx->cr);
  cairo_set_source_rgb (ctx->cr, 0, 0, 0);
  cairo_set_line_width (ctx->cr, 0.2);
  cairo_move_to (ctx->cr, x, y);
  cairo_line_to (ctx->cr, x + w, y);
  cairo_stroke (ctx->cr);
  cairo_restore (ctx->cr);
}

void
eo_print_cells (EoPrintContext *ctx,
                double          x,
                double          y,
                guint           n,
                double          cell_w,
                double          cell_h,
                const char     *text)
{
  const char *p = text != NULL ? text : "";

  for (guint i = 0; i < n; i++)
    {
      char one[8] = { 0 };

      if (!ctx->blank)
        {
          cairo_save (ctx->cr);
          cairo_set_source_rgb (ctx->cr, 0, 0, 0);
          cairo_set_line_width (ctx->cr, 0.15);
          cairo_rectangle (ctx->cr, x + i * cell_w, y, cell_w, cell_h);
          cairo_stroke (ctx->cr);
          cairo_restore (ctx->cr);
        }
      if (*p == '\0')
        continue;
      g_unichar_to_utf8 (g_utf8_get_char (p), one);
      p = g_utf8_next_char (p);
      eo_print_text (ctx, x + i * cell_w, y, cell_w, cell_h, 11, EO_TEXT_CENTER | EO_TEXT_MONO, one);
    }
}

void
eo_print_mark (EoPrintContext *ctx,
               double          x,
               double          y,
               gboolean        checked)
{
  eo_print_frame (ctx, x, y, 3, 3, 0.2);
  if (!checked)
    return;
  cairo_save (ctx->cr);
  cairo_set_source_rgb (ctx->cr, 0, 0, 0);
  cairo_set_line_width (ctx->cr, 0.35);
  cairo_move_to (ctx->cr, x + 0.5, y + 0.5);
  cairo_line_to (ctx->cr, x + 2.5, y + 2.5);
  cairo_move_to (ctx->cr, x + 2.5, y + 0.5);
  cairo_line_to (ctx->cr, x + 0.5, y + 2.5);
  cairo_stroke (ctx->cr);
  cairo_restore (ctx->cr);
}

gboolean
eo_print_barcode (EoPrintContext *ctx,
                  EoBarcodeKind   kind,
                  const char     *data,
                  double          x,
                  double          y,
                  double          w,
                  double          h,
                  double          max_module_mm)
{
  struct zint_symbol *symbol;
  struct zint_vector_rect *rect;
  double module_mm, units_per_module, sx, sy, bw;
  int status;

  if (data == NULL || data[0] == '\0')
    return FALSE;

  symbol = ZBarcode_Create ();
  symbol->symbology = kind == EO_BARCODE_ITF ? BARCODE_C25INTER : BARCODE_CODE128;
  symbol->show_hrt = 0;
  status = ZBarcode_Encode_and_Buffer_Vector (symbol, (const unsigned char *) data,
                                              (int) strlen (data), 0);
  if (status >= ZINT_ERROR || symbol->vector == NULL || symbol->width <= 0)
    {
      g_debug ("zint refused “%s”: %s", data, symbol->errtxt);
      ZBarcode_Delete (symbol);
      return FALSE;
    }

  /* Narrower modules only when the box asks for it; the quiet zones are the box's margins */
  units_per_module = symbol->vector->width / symbol->width;
  module_mm = MIN (max_module_mm, w / symbol->width);
  sx = module_mm / units_per_module;
  sy = h / symbol->vector->height;
  bw = module_mm * symbol->width;

  cairo_save (ctx->cr);
  cairo_set_source_rgb (ctx->cr, 0, 0, 0);
  cairo_translate (ctx->cr, x + (w - bw) / 2, y);
  for (rect = symbol->vector->rectangles; rect != NULL; rect = rect->next)
    {
      if (rect->colour != -1 && rect->colour != 7)
        continue;
      cairo_rectangle (ctx->cr, rect->x * sx, rect->y * sy, rect->width * sx, rect->height * sy);
    }
  cairo_fill (ctx->cr);
  cairo_restore (ctx->cr);

  ZBarcode_Delete (symbol);
  return TRUE;
}

/* The 9 segments: a top, b upper right, c lower right, d bottom, e lower left, f upper left,
 * g middle, h diagonal top right to middle left, i diagonal middle right to bottom left */
static const char *const stencil_digits[10] = {
  "abcdef", "bch", "abdi", "aghi", "bcfg", "acdfg", "cdegh", "aeh", "abcdefg", "abfgi",
};

static void
stencil_segment (cairo_t *cr,
                 char     segment,
                 double   x0,
                 double   y0,
                 double   x1,
                 double   y1)
{
  double ym = (y0 + y1) / 2;

  switch (segment)
    {
    case 'a': cairo_move_to (cr, x0, y0); cairo_line_to (cr, x1, y0); break;
    case 'b': cairo_move_to (cr, x1, y0); cairo_line_to (cr, x1, ym); break;
    case 'c': cairo_move_to (cr, x1, ym); cairo_line_to (cr, x1, y1); break;
    case 'd': cairo_move_to (cr, x0, y1); cairo_line_to (cr, x1, y1); break;
    case 'e': cairo_move_to (cr, x0, ym); cairo_line_to (cr, x0, y1); break;
    case 'f': cairo_move_to (cr, x0, y0); cairo_line_to (cr, x0, ym); break;
    case 'g': cairo_move_to (cr, x0, ym); cairo_line_to (cr, x1, ym); break;
    case 'h': cairo_move_to (cr, x1, y0); cairo_line_to (cr, x0, ym); break;
    case 'i': cairo_move_to (cr, x1, ym); cairo_line_to (cr, x0, y1); break;
    default: break;
    }
}

void
eo_print_postcode_stencil (EoPrintContext *ctx,
                           double          x,
                           double          y,
                           const char     *postcode)
{
  g_autofree char *digits = eo_print_digits_only (postcode);
  cairo_t *cr = ctx->cr;

  cairo_save (cr);
  cairo_translate (cr, x, y);
  cairo_set_source_rgb (cr, 0, 0, 0);

  if (!ctx->blank)
    {
      /* Seven bars, the key bar under the first, the guide dots of every cell */
      for (int i = 0; i < 7; i++)
        cairo_rectangle (cr, 9 * i, 0, 7, 2);
      cairo_rectangle (cr, 0, 3, 7, 1);
      cairo_fill (cr);
      for (int i = 1; i <= 6; i++)
        for (int gx = 0; gx <= 5; gx++)
          for (int gy = 0; gy <= 10; gy++)
            if (gx == 0 || gx == 5 || gy == 0 || gy == 5 || gy == 10)
              {
                cairo_arc (cr, 9 * i + 1 + gx, 4 + gy, 0.12, 0, 2 * G_PI);
                cairo_fill (cr);
              }
    }

  cairo_set_line_width (cr, 0.5);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  for (int i = 0; i < 6 && digits[i] != '\0'; i++)
    {
      const char *segments = stencil_digits[digits[i] - '0'];
      double x0 = 9 * (i + 1) + 1, x1 = x0 + 5;

      for (const char *s = segments; *s != '\0'; s++)
        stencil_segment (cr, *s, x0, 4, x1, 14);
      cairo_stroke (cr);
    }
  cairo_restore (cr);
}

char *
eo_print_digits_only (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text != NULL ? text : ""; *p != '\0'; p++)
    if (g_ascii_isdigit (*p))
      g_string_append_c (out, *p);
  return g_string_free (out, FALSE);
}

char *
eo_print_order_address (EoOrder *order)
{
  GString *out = g_string_new (NULL);
  const char *parts[] = {
    eo_order_get_address (order), eo_order_get_city (order), eo_order_get_region (order),
  };

  for (gsize i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      if (parts[i][0] == '\0')
        continue;
      if (out->len > 0)
        g_string_append (out, ", ");
      g_string_append (out, parts[i]);
    }
  return g_string_free (out, FALSE);
}

/* "1 990,00 руб.": the forms' own spelling, the same in any locale */
char *
eo_print_money (gint64 kopecks)
{
  g_autofree char *digits = g_strdup_printf ("%" G_GINT64_FORMAT, kopecks / 100);
  GString *out = g_string_new (NULL);
  gsize len = strlen (digits);

  for (gsize i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append (out, " ");
      g_string_append_c (out, digits[i]);
    }
  g_string_append_printf (out, ",%02d руб.", (int) (kopecks % 100));
  return g_string_free (out, FALSE);
}

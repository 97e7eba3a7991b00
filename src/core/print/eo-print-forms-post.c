/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eo-print-forms-post.c: the list for the post office (in the spirit of ф.103) and envelopes */

#include "config.h"

#include "eo-print-private.h"

#include <string.h>

/* The list's columns, mm from the left edge */
#define COL_N       12.0
#define COL_TO      20.0
#define COL_TRACK   86.0
#define COL_VALUE  160.0
#define COL_COD    180.0
#define COL_END    200.0
#define HEAD_H      38.0
#define ROW_H       18.0

static void
list_cell (EoPrintContext *ctx,
           double          x0,
           double          x1,
           double          y,
           double          h)
{
  cairo_save (ctx->cr);
  cairo_set_source_rgb (ctx->cr, 0, 0, 0);
  cairo_set_line_width (ctx->cr, 0.2);
  cairo_rectangle (ctx->cr, x0, y, x1 - x0, h);
  cairo_stroke (ctx->cr);
  cairo_restore (ctx->cr);
}

void
eo_print_draw_list (EoPrintContext *ctx,
                    GPtrArray      *parcels,
                    guint           first,
                    guint           n,
                    gboolean        last_page,
                    guint           page,
                    guint           n_pages)
{
  g_autofree char *date = g_date_time_format (ctx->date, "%d.%m.%Y");
  g_autofree char *title = g_strdup_printf ("Список № %u внутренних почтовых отправлений от %s",
                                            ctx->list_number, date);
  g_autofree char *sender_address = eo_print_sender_full_address (ctx->sender);
  g_autofree char *sender = g_strdup_printf ("Отправитель: %s, %s, %s",
                                             eo_print_sender_get (ctx->sender, EO_PRINT_SENDER_NAME),
                                             eo_print_sender_get (ctx->sender, EO_PRINT_SENDER_POSTCODE),
                                             sender_address);
  g_autofree char *count = g_strdup_printf ("Всего отправлений: %u    Лист %u из %u",
                                            parcels->len, page + 1, n_pages);
  const double cols[] = { COL_N, COL_TO, COL_TRACK, COL_VALUE, COL_COD, COL_END };
  const char *heads[] = { "№", "Адресат, телефон, индекс, адрес", "ШПИ", "Объявл. ценность, руб.",
                          "Налож. платёж, руб." };
  double y = HEAD_H;

  eo_print_text (ctx, 170, 8, 30, 5, 9, EO_TEXT_RIGHT, "Ф. 103");
  eo_print_text (ctx, 12, 12, 188, 7, 13, EO_TEXT_BOLD | EO_TEXT_CENTER, title);
  eo_print_text (ctx, 12, 21, 188, 9, 9, EO_TEXT_WRAP, sender);
  eo_print_text (ctx, 12, 31, 188, 5, 9, EO_TEXT_LEFT, count);

  for (guint c = 0; c < G_N_ELEMENTS (heads); c++)
    {
      list_cell (ctx, cols[c], cols[c + 1], y, 8);
      eo_print_text (ctx, cols[c] + 0.5, y + 0.5, cols[c + 1] - cols[c] - 1, 7, 8,
                     EO_TEXT_WRAP | EO_TEXT_BOLD, heads[c]);
    }
  y += 8;

  for (guint i = first; i < first + n; i++)
    {
      const EoPrintParcel *parcel = g_ptr_array_index (parcels, i);
      EoOrder *order = parcel->order;
      g_autofree char *num = g_strdup_printf ("%u", i + 1);
      g_autofree char *who = g_strdup_printf ("%s, %s", eo_order_get_full_name (order),
                                              eo_order_get_phone (order));
      g_autofree char *address = eo_print_order_address (order);
      g_autofree char *where = g_strdup_printf ("%s, %s", eo_order_get_postalcode (order), address);
      g_autofree char *value = eo_print_money (parcel->declared_value);
      g_autofree char *cod = eo_print_money (parcel->cod);

      for (guint c = 0; c + 1 < G_N_ELEMENTS (cols); c++)
        list_cell (ctx, cols[c], cols[c + 1], y, ROW_H);
      eo_print_text (ctx, COL_N + 0.5, y + 1, COL_TO - COL_N - 1, 5, 9, EO_TEXT_LEFT, num);
      eo_print_text (ctx, COL_TO + 1, y + 1, COL_TRACK - COL_TO - 2, 5, 9, EO_TEXT_BOLD | EO_TEXT_WRAP, who);
      eo_print_text (ctx, COL_TO + 1, y + 6, COL_TRACK - COL_TO - 2, ROW_H - 7, 8, EO_TEXT_WRAP, where);
      if (parcel->tracking != NULL)
        {
          gboolean domestic = strlen (parcel->tracking) == 14;

          /* The quiet zones are the 5 mm the box keeps on each side */
          eo_print_barcode (ctx, domestic ? EO_BARCODE_ITF : EO_BARCODE_CODE128, parcel->tracking,
                            COL_TRACK + 5, y + 1.5, COL_VALUE - COL_TRACK - 10, 11, 0.4);
          eo_print_text (ctx, COL_TRACK + 1, y + 13, COL_VALUE - COL_TRACK - 2, 4.5, 9,
                         EO_TEXT_CENTER | EO_TEXT_MONO, parcel->tracking);
        }
      eo_print_text (ctx, COL_VALUE + 0.5, y + 1, COL_COD - COL_VALUE - 1, 5, 8, EO_TEXT_RIGHT, value);
      eo_print_text (ctx, COL_COD + 0.5, y + 1, COL_END - COL_COD - 1, 5, 8, EO_TEXT_RIGHT, cod);
      y += ROW_H;
    }

  if (last_page)
    {
      gint64 value = 0, cod = 0;
      g_autofree char *tv = NULL;
      g_autofree char *tc = NULL;

      for (guint i = 0; i < parcels->len; i++)
        {
          const EoPrintParcel *parcel = g_ptr_array_index (parcels, i);

          value += parcel->declared_value;
          cod += parcel->cod;
        }
      tv = eo_print_money (value);
      tc = eo_print_money (cod);
      list_cell (ctx, COL_N, COL_VALUE, y, 7);
      list_cell (ctx, COL_VALUE, COL_COD, y, 7);
      list_cell (ctx, COL_COD, COL_END, y, 7);
      eo_print_text (ctx, COL_TO, y + 1, COL_VALUE - COL_TO - 2, 5, 9, EO_TEXT_BOLD | EO_TEXT_RIGHT, "Итого:");
      eo_print_text (ctx, COL_VALUE + 0.5, y + 1, COL_COD - COL_VALUE - 1, 5, 8, EO_TEXT_RIGHT | EO_TEXT_BOLD, tv);
      eo_print_text (ctx, COL_COD + 0.5, y + 1, COL_END - COL_COD - 1, 5, 8, EO_TEXT_RIGHT | EO_TEXT_BOLD, tc);
      y += 16;

      eo_print_text (ctx, 12, y, 40, 5, 10, EO_TEXT_BOLD, "ОТПРАВИТЕЛЬ");
      eo_print_hline (ctx, 45, y + 5, 60);
      eo_print_text (ctx, 110, y, 40, 5, 10, EO_TEXT_BOLD, "ПРИНЯЛ");
      eo_print_hline (ctx, 135, y + 5, 65);
      eo_print_text (ctx, 45, y + 5.5, 60, 4, 7, EO_TEXT_CENTER, "(подпись, ФИО)");
      eo_print_text (ctx, 135, y + 5.5, 65, 4, 7, EO_TEXT_CENTER, "(подпись, ФИО, оттиск КПШ)");
    }
}

void
eo_print_draw_envelope (EoPrintContext      *ctx,
                        const EoPrintParcel *parcel,
                        double               w,
                        double               h)
{
  EoOrder *order = parcel->order;
  g_autofree char *sender_address = eo_print_sender_full_address (ctx->sender);
  g_autofree char *address = eo_print_order_address (order);
  double k = MIN (w / 220.0, h / 110.0);  /* the blocks grow with the envelope */
  double bw = 95 * k, line = 6 * k;
  double fx = 10, fy = 10;
  double tx = w - bw - 10, ty = h - 5 * line - 10;

  /* From: top left */
  eo_print_caption (ctx, fx, fy, 20, 7 * k, "От кого");
  eo_print_text (ctx, fx + 16 * k, fy, bw - 16 * k, line, 10 * k, EO_TEXT_LEFT,
                 eo_print_sender_get (ctx->sender, EO_PRINT_SENDER_NAME));
  eo_print_hline (ctx, fx + 16 * k, fy + line, bw - 16 * k);
  eo_print_caption (ctx, fx, fy + line + 1, 20, 7 * k, "Откуда");
  eo_print_text (ctx, fx + 16 * k, fy + line + 0.5, bw - 16 * k, 2 * line - 1, 10 * k, EO_TEXT_WRAP, sender_address);
  eo_print_hline (ctx, fx, fy + 3 * line, bw);
  eo_print_caption (ctx, fx, fy + 3 * line + 1, 20, 7 * k, "Индекс");
  eo_print_cells (ctx, fx + 16 * k, fy + 3 * line + 1, 6, 4 * k, 5 * k,
                  eo_print_sender_get (ctx->sender, EO_PRINT_SENDER_POSTCODE));

  /* To: bottom right */
  eo_print_caption (ctx, tx, ty, 20, 7 * k, "Кому");
  eo_print_text (ctx, tx + 14 * k, ty, bw - 14 * k, line, 11 * k, EO_TEXT_BOLD | EO_TEXT_WRAP, eo_order_get_full_name (order));
  eo_print_hline (ctx, tx + 14 * k, ty + line, bw - 14 * k);
  eo_print_caption (ctx, tx, ty + line + 1, 20, 7 * k, "Куда");
  eo_print_text (ctx, tx + 14 * k, ty + line + 0.5, bw - 14 * k, 3 * line - 1, 11 * k, EO_TEXT_WRAP, address);
  eo_print_hline (ctx, tx, ty + 4 * line, bw);
  eo_print_caption (ctx, tx, ty + 4 * line + 1, 20, 7 * k, "Индекс");
  eo_print_cells (ctx, tx + 16 * k, ty + 4 * line + 1, 6, 4 * k, 5 * k, eo_order_get_postalcode (order));

  /* The recipient's postcode in the stencil, bottom left */
  eo_print_postcode_stencil (ctx, 10, h - 25, eo_order_get_postalcode (order));
}

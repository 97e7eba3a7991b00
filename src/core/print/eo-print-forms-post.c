/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eo-print-forms-post.c: the list for the post office (in the spirit of ф.103), envelopes, ф.116
 * and ф.107 */

#include "config.h"

#include "eo-print-private.h"

#include <string.h>

#include "eo-order-item.h"
#include "eo-sum-words.h"

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

/* ф.116 (accompanying address, A4 landscape): the addresses and sums on its left half, the lower
 * coupon again; positions from the CS-Cart template */
void
eo_print_draw_116 (EoPrintContext      *ctx,
                   const EoPrintParcel *parcel)
{
  EoOrder *order = parcel->order;
  g_autofree char *sender_address = eo_print_sender_full_address (ctx->sender);
  g_autofree char *address = eo_print_order_address (order);
  g_autofree char *value = parcel->declared_value > 0 ? eo_sum_words_short (parcel->declared_value) : NULL;
  g_autofree char *cod = parcel->cod > 0 ? eo_sum_words_short (parcel->cod) : NULL;

  eo_print_frame (ctx, 10, 8, 135, 194, 0.4);
  eo_print_caption (ctx, 12, 10, 30, 7, "ф. 116");
  eo_print_caption (ctx, 40, 14, 100, 11, "СОПРОВОДИТЕЛЬНЫЙ АДРЕС");
  eo_print_caption (ctx, 40, 20, 100, 8, "к посылке    ПОЧТА РОССИИ");

  eo_print_caption (ctx, 12, 41, 100, 7, "С объявленной ценностью");
  eo_print_hline (ctx, 19, 49, 115);
  eo_print_text (ctx, 19, 45, 115, 4, 9, EO_TEXT_LEFT, value);
  eo_print_caption (ctx, 12, 50, 100, 7, "С наложенным платежом");
  eo_print_hline (ctx, 19, 58, 115);
  eo_print_text (ctx, 19, 54, 115, 4, 9, EO_TEXT_LEFT, cod);

  eo_print_caption (ctx, 12, 59.5, 20, 7, "Кому");
  eo_print_hline (ctx, 20, 68, 115);
  eo_print_text (ctx, 20, 63.5, 115, 4.5, 10, EO_TEXT_GROW_UP, eo_order_get_full_name (order));
  eo_print_caption (ctx, 12, 70, 20, 7, "Куда");
  eo_print_text (ctx, 19, 70, 85, 8.5, 10, EO_TEXT_WRAP, address);
  eo_print_hline (ctx, 19, 78.5, 85);
  eo_print_cells (ctx, 105, 78.5, 6, 5, 5, eo_order_get_postalcode (order));
  eo_print_caption (ctx, 105, 74.5, 30, 6, "Индекс");

  eo_print_caption (ctx, 12, 84, 22, 7, "От кого");
  eo_print_hline (ctx, 35, 88.5, 100);
  eo_print_text (ctx, 35, 84, 100, 4.5, 10, EO_TEXT_LEFT, eo_print_sender_get (ctx->sender, EO_PRINT_SENDER_NAME));
  eo_print_caption (ctx, 12, 89.5, 10, 6, "Адрес");
  eo_print_text (ctx, 20, 89, 83, 9, 10, EO_TEXT_WRAP, sender_address);
  eo_print_hline (ctx, 20, 98, 83);
  eo_print_cells (ctx, 104, 94, 6, 5, 5, eo_print_sender_get (ctx->sender, EO_PRINT_SENDER_POSTCODE));

  eo_print_caption (ctx, 12, 104, 120, 6, "Предъявлен документ (вид, серия, номер, дата выдачи, кем выдан)");
  eo_print_hline (ctx, 12, 112, 130);
  eo_print_hline (ctx, 12, 118.5, 130);

  /* The lower coupon: cut off along the dashes */
  if (!ctx->blank)
    {
      const double dash[] = { 2, 1.5 };

      cairo_save (ctx->cr);
      cairo_set_line_width (ctx->cr, 0.2);
      cairo_set_dash (ctx->cr, dash, 2, 0);
      cairo_move_to (ctx->cr, 10, 150);
      cairo_line_to (ctx->cr, 145, 150);
      cairo_stroke (ctx->cr);
      cairo_restore (ctx->cr);
    }
  eo_print_caption (ctx, 12, 152, 100, 8, "ОТРЕЗНОЙ ТАЛОН");
  eo_print_caption (ctx, 12, 157.5, 26, 6, "Объявл. ценность");
  eo_print_text (ctx, 38, 160.5, 58, 7, 7, EO_TEXT_WRAP, value);
  eo_print_caption (ctx, 98, 157.5, 30, 6, "Налож. платёж");
  eo_print_text (ctx, 98, 160.5, 45, 7, 7, EO_TEXT_WRAP, cod);
  eo_print_caption (ctx, 12, 168.5, 18, 7, "Кому");
  eo_print_text (ctx, 30, 168.5, 110, 4.5, 10, EO_TEXT_LEFT, eo_order_get_full_name (order));
  eo_print_hline (ctx, 30, 173, 110);
  eo_print_caption (ctx, 12, 174, 18, 7, "Куда");
  eo_print_text (ctx, 30, 174, 72, 9, 9, EO_TEXT_WRAP, address);
  eo_print_cells (ctx, 104, 179, 6, 5, 5, eo_order_get_postalcode (order));

  /* The right half is the post's */
  eo_print_frame (ctx, 150, 8, 137, 194, 0.2);
  eo_print_caption (ctx, 152, 10, 130, 7, "Для отметок почты");
}

/* ф.107 (inventory, A4 landscape): two copies side by side, 14 rows each */
void
eo_print_draw_107 (EoPrintContext      *ctx,
                   const EoPrintParcel *parcel)
{
  EoOrder *order = parcel->order;
  GListModel *items = eo_order_get_items (order);
  guint n_items = g_list_model_get_n_items (items);
  g_autofree char *address = eo_print_order_address (order);
  g_autofree char *to = g_strdup_printf ("%s, %s", eo_order_get_postalcode (order), address);
  gint64 total = 0;
  guint count = 0;

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(EoOrderItem) item = g_list_model_get_item (items, i);
      gint64 sum = eo_order_item_get_sum (item);

      total += sum != EO_MONEY_NONE ? sum : 0;
      count++;
    }

  for (int copy = 0; copy < 2; copy++)
    {
      double dx = copy * 145.0;
      double y = 51.5;
      g_autofree char *total_text = eo_print_money (total);
      g_autofree char *count_text = g_strdup_printf ("%u", count);

      eo_print_frame (ctx, dx + 10, 8, 135, 194, 0.3);
      eo_print_caption (ctx, dx + 12, 10, 30, 7, "ф. 107");
      eo_print_caption (ctx, dx + 40, 14, 100, 11, "ОПИСЬ");
      eo_print_caption (ctx, dx + 40, 20, 100, 8, "вложения в посылку");
      eo_print_caption (ctx, dx + 12, 28, 15, 7, "Куда");
      eo_print_text (ctx, dx + 27, 27.5, 115, 8, 8, EO_TEXT_WRAP, to);
      eo_print_hline (ctx, dx + 27, 35.5, 115);
      eo_print_caption (ctx, dx + 12, 37.5, 15, 7, "Кому");
      eo_print_text (ctx, dx + 27, 37, 115, 4.5, 9, EO_TEXT_LEFT, eo_order_get_full_name (order));
      eo_print_hline (ctx, dx + 27, 41.5, 115);

      eo_print_frame (ctx, dx + 19, 45, 7, 6.5, 0.2);
      eo_print_frame (ctx, dx + 26, 45, 63, 6.5, 0.2);
      eo_print_frame (ctx, dx + 89, 45, 15, 6.5, 0.2);
      eo_print_frame (ctx, dx + 104, 45, 27, 6.5, 0.2);
      eo_print_caption (ctx, dx + 19.5, 46.5, 6, 6, "№");
      eo_print_caption (ctx, dx + 27, 46.5, 60, 6, "Наименование предметов");
      eo_print_caption (ctx, dx + 89.5, 46.5, 14, 6, "Кол-во");
      eo_print_caption (ctx, dx + 104.5, 46.5, 26, 6, "Ценность, руб.");

      for (guint i = 0; i < 14; i++, y += 5.5)
        {
          g_autoptr(EoOrderItem) item = NULL;
          g_autofree char *n = NULL;
          g_autofree char *sum = NULL;
          gint64 s;

          eo_print_frame (ctx, dx + 19, y, 7, 5.5, 0.15);
          eo_print_frame (ctx, dx + 26, y, 63, 5.5, 0.15);
          eo_print_frame (ctx, dx + 89, y, 15, 5.5, 0.15);
          eo_print_frame (ctx, dx + 104, y, 27, 5.5, 0.15);
          if (i >= n_items)
            continue;
          item = g_list_model_get_item (items, i);
          if (i == 13 && n_items > 14)
            {
              g_autofree char *more = g_strdup_printf ("… и ещё %u", n_items - 13);

              eo_print_text (ctx, dx + 27, y, 62, 5.5, 6, EO_TEXT_LEFT, more);
              continue;
            }
          s = eo_order_item_get_sum (item);
          n = g_strdup_printf ("%u", i + 1);
          sum = eo_print_money (s != EO_MONEY_NONE ? s : 0);
          eo_print_text (ctx, dx + 20, y, 6, 5.5, 7, EO_TEXT_LEFT, n);
          eo_print_text (ctx, dx + 27, y, 61.5, 5.5, 6, EO_TEXT_WRAP, eo_order_item_get_title (item));
          eo_print_text (ctx, dx + 90, y, 13, 5.5, 7, EO_TEXT_CENTER, "1");
          eo_print_text (ctx, dx + 105, y, 25, 5.5, 7, EO_TEXT_RIGHT, sum);
        }

      eo_print_caption (ctx, dx + 27, y + 1, 60, 7, "Общий итог");
      eo_print_text (ctx, dx + 90, y, 13, 5.5, 7, EO_TEXT_CENTER | EO_TEXT_BOLD, count_text);
      eo_print_text (ctx, dx + 105, y, 25, 5.5, 7, EO_TEXT_RIGHT | EO_TEXT_BOLD, total_text);

      eo_print_caption (ctx, dx + 20, 138, 40, 7, "Отправитель");
      eo_print_text (ctx, dx + 20, 142, 80, 5, 9, EO_TEXT_LEFT,
                     eo_print_sender_get (ctx->sender, EO_PRINT_SENDER_NAME));
      eo_print_hline (ctx, dx + 20, 147, 110);
      eo_print_caption (ctx, dx + 20, 148, 80, 6, "(подпись)");
      eo_print_caption (ctx, dx + 20, 160, 110, 7, "Проверил (подпись работника связи) ________________");
    }
}

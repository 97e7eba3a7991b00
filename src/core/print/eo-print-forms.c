/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eo-print-forms.c: the packing slip, ф.7-п and ф.112ЭП
 *
 * The forms' fixed words are Russian whatever the interface language: they are the post's
 * forms and the slip goes to a Russian customer. Data positions of ф.7-п and ф.112ЭП follow
 * the open CS-Cart templates (11 pt, a box per character where the blank has cells).
 */

#include "config.h"

#include "eo-print-private.h"

#include <string.h>

#include "eo-order-item.h"
#include "eo-sum-words.h"

static void
draw_order_barcode (EoPrintContext *ctx,
                    gint64          id,
                    double          x,
                    double          y,
                    double          w,
                    double          h)
{
  g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, id);

  eo_print_barcode (ctx, EO_BARCODE_CODE128, number, x, y, w, h - 5, 0.5);
  eo_print_text (ctx, x, y + h - 4.5, w, 4.5, 10, EO_TEXT_CENTER | EO_TEXT_MONO, number);
}

void
eo_print_draw_slip (EoPrintContext      *ctx,
                    const EoPrintParcel *parcel,
                    gboolean             label)
{
  EoOrder *order = parcel->order;
  GListModel *items = eo_order_get_items (order);
  guint n_items = g_list_model_get_n_items (items);
  g_autofree char *sender_address = eo_print_sender_full_address (ctx->sender);
  g_autofree char *address = eo_print_order_address (order);
  g_autofree char *title = g_strdup_printf ("Заказ № %" G_GINT64_FORMAT, eo_order_get_id (order));
  g_autofree char *date = NULL;
  g_autofree char *customer = NULL;
  GDateTime *created = eo_order_get_created (order);
  double m = label ? 4 : 15;             /* margin */
  double pw = label ? 100 : 210;
  double w = pw - 2 * m;
  double scale = label ? 0.75 : 1.0;     /* text sizes */
  double y = m;
  double row_h = label ? 4.5 : 6;
  guint max_rows = label ? 8 : 24;
  gint64 total = 0;

  date = g_date_time_format (created != NULL ? created : ctx->date, "%d.%m.%Y");

  /* The shop, then the order's number as a barcode and in figures */
  eo_print_text (ctx, m, y, w * 0.55, 7 * scale, 14 * scale, EO_TEXT_BOLD,
                 eo_print_sender_get (ctx->sender, EO_PRINT_SENDER_NAME));
  eo_print_text (ctx, m, y + 7 * scale, w * 0.55, 10 * scale, 8 * scale, EO_TEXT_WRAP, sender_address);
  eo_print_text (ctx, m, y + 17 * scale, w * 0.55, 4 * scale, 8 * scale, EO_TEXT_LEFT,
                 eo_print_sender_get (ctx->sender, EO_PRINT_SENDER_PHONE));
  draw_order_barcode (ctx, eo_order_get_id (order), m + w * 0.58, y, w * 0.42, label ? 15 : 22);
  y += label ? 22 : 28;

  eo_print_text (ctx, m, y, w * 0.7, 8 * scale, 16 * scale, EO_TEXT_BOLD, title);
  eo_print_text (ctx, m + w * 0.7, y, w * 0.3, 8 * scale, 11 * scale, EO_TEXT_RIGHT, date);
  y += 10 * scale;
  eo_print_hline (ctx, m, y, w);
  y += 2;

  /* The customer */
  customer = g_strdup_printf ("%s  %s  %s", eo_order_get_full_name (order),
                              eo_order_get_phone (order), eo_order_get_email (order));
  eo_print_text (ctx, m, y, w, 6 * scale, 11 * scale, EO_TEXT_BOLD | EO_TEXT_WRAP, g_strstrip (customer));
  y += 6 * scale;
  {
    g_autofree char *full = g_strdup_printf ("%s%s%s", eo_order_get_postalcode (order),
                                             eo_order_get_postalcode (order)[0] ? ", " : "", address);
    eo_print_text (ctx, m, y, w, 10 * scale, 10 * scale, EO_TEXT_WRAP, full);
  }
  y += 12 * scale;

  /* The items: title, PIN, price */
  eo_print_frame (ctx, m, y, w, row_h, 0.3);
  eo_print_text (ctx, m + 1, y, 8, row_h, 9 * scale, EO_TEXT_BOLD, "№");
  eo_print_text (ctx, m + 8, y, w * 0.47, row_h, 9 * scale, EO_TEXT_BOLD, "Наименование");
  eo_print_text (ctx, m + 8 + w * 0.47, y, w * 0.25, row_h, 9 * scale, EO_TEXT_BOLD, "PIN");
  eo_print_text (ctx, m + w * 0.75, y, w * 0.25 - 1, row_h, 9 * scale, EO_TEXT_BOLD | EO_TEXT_RIGHT, "Цена");
  y += row_h;
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(EoOrderItem) item = g_list_model_get_item (items, i);
      gint64 sum = eo_order_item_get_sum (item);
      g_autofree char *n = g_strdup_printf ("%u", i + 1);
      g_autofree char *price = NULL;

      if (sum == EO_MONEY_NONE)
        sum = eo_order_item_get_price (item);
      if (sum != EO_MONEY_NONE)
        total += sum;
      if (i >= max_rows)
        continue;
      if (i + 1 == max_rows && n_items > max_rows)
        {
          g_autofree char *more = g_strdup_printf ("… и ещё %u", n_items - i);

          eo_print_text (ctx, m + 8, y, w * 0.47, row_h, 9 * scale, EO_TEXT_LEFT, more);
          y += row_h;
          continue;
        }
      price = sum != EO_MONEY_NONE ? eo_print_money (sum) : g_strdup ("");
      eo_print_text (ctx, m + 1, y, 7, row_h, 9 * scale, EO_TEXT_LEFT, n);
      eo_print_text (ctx, m + 8, y, w * 0.47 - 1, row_h, 9 * scale, EO_TEXT_LEFT,
                     eo_order_item_get_title (item));
      eo_print_text (ctx, m + 8 + w * 0.47, y, w * 0.25 - 1, row_h, 8 * scale, EO_TEXT_MONO,
                     eo_order_item_get_pincode (item));
      eo_print_text (ctx, m + w * 0.75, y, w * 0.25 - 1, row_h, 9 * scale, EO_TEXT_RIGHT, price);
      y += row_h;
      eo_print_hline (ctx, m, y, w);
    }
  y += 2;

  /* The sums */
  {
    gint64 price = eo_order_get_price (order);
    g_autofree char *sum = eo_print_money (price != EO_MONEY_NONE ? price : total);
    g_autofree char *cod = eo_print_money (parcel->cod);

    eo_print_text (ctx, m + w * 0.4, y, w * 0.35, row_h, 10 * scale, EO_TEXT_RIGHT, "Итого:");
    eo_print_text (ctx, m + w * 0.75, y, w * 0.25 - 1, row_h, 10 * scale, EO_TEXT_RIGHT | EO_TEXT_BOLD, sum);
    y += row_h;
    eo_print_text (ctx, m + w * 0.4, y, w * 0.35, row_h, 10 * scale, EO_TEXT_RIGHT,
                   parcel->cod > 0 ? "Наложенный платёж:" : "Оплачено полностью");
    if (parcel->cod > 0)
      eo_print_text (ctx, m + w * 0.75, y, w * 0.25 - 1, row_h, 10 * scale, EO_TEXT_RIGHT | EO_TEXT_BOLD, cod);
    y += row_h + 2;
  }

  /* The customer's comment */
  if (eo_order_get_comment (order)[0] != '\0')
    {
      double ph = label ? 150 : 297;
      double h = MIN (label ? 30 : 50, ph - m - y - 5);

      eo_print_text (ctx, m, y, w, 5 * scale, 9 * scale, EO_TEXT_BOLD, "Комментарий покупателя:");
      y += 5 * scale;
      eo_print_frame (ctx, m, y, w, h, 0.2);
      eo_print_text (ctx, m + 1.5, y + 1, w - 3, h - 2, 10 * scale, EO_TEXT_WRAP,
                     eo_order_get_comment (order));
    }

  if (!label)
    eo_print_text (ctx, m, 297 - m - 5, w, 5, 9, EO_TEXT_CENTER, "Спасибо за покупку!");
}

static void
draw_money_line (EoPrintContext *ctx,
                 double          x,
                 double          y,
                 double          w,
                 gint64          kopecks)
{
  g_autofree char *text = kopecks > 0 ? eo_sum_words_short (kopecks) : NULL;

  eo_print_hline (ctx, x, y + 5, w);
  eo_print_text (ctx, x, y, w, 5, 11, EO_TEXT_WRAP, text);
}

void
eo_print_draw_7p (EoPrintContext      *ctx,
                  const EoPrintParcel *parcel)
{
  EoOrder *order = parcel->order;
  g_autofree char *sender_address = eo_print_sender_full_address (ctx->sender);
  g_autofree char *address = eo_print_order_address (order);
  g_autofree char *sender_phone = eo_print_digits_only (eo_print_sender_get (ctx->sender, EO_PRINT_SENDER_PHONE));
  g_autofree char *phone = eo_print_digits_only (eo_order_get_phone (order));
  const char *sp = strlen (sender_phone) > 10 ? sender_phone + strlen (sender_phone) - 10 : sender_phone;
  const char *rp = strlen (phone) > 10 ? phone + strlen (phone) - 10 : phone;

  /* The heading and the kind of item */
  eo_print_frame (ctx, 5, 5, 188, 131, 0.4);
  eo_print_caption (ctx, 8, 7, 40, 7, "ф. 7-п");
  eo_print_text (ctx, 8, 11, 50, 6, ctx->blank ? 0 : 12, EO_TEXT_BOLD, ctx->blank ? NULL : "ПОЧТА РОССИИ");
  eo_print_caption (ctx, 8, 18, 50, 8, "АДРЕСНЫЙ ЯРЛЫК");
  eo_print_mark (ctx, 63, 13, FALSE);
  eo_print_caption (ctx, 67, 13, 28, 8, "Бандероль");
  eo_print_mark (ctx, 63, 19, TRUE);
  eo_print_caption (ctx, 67, 19, 28, 8, "Посылка");
  eo_print_mark (ctx, 99, 13 - 1.2, parcel->declared_value > 0);
  eo_print_caption (ctx, 103, 12, 70, 7, "с объявленной ценностью");
  eo_print_mark (ctx, 99, 16 + 0.6, parcel->cod > 0);
  eo_print_caption (ctx, 103, 17, 70, 7, "с наложенным платежом");

  /* Declared value and COD, in figures and words */
  eo_print_caption (ctx, 100, 38.5, 85, 7, "Объявленная ценность (руб.)");
  draw_money_line (ctx, 100, 43, 85, parcel->declared_value);
  eo_print_caption (ctx, 100, 50.5, 85, 7, "Наложенный платёж (руб.)");
  draw_money_line (ctx, 100, 55, 85, parcel->cod);

  /* From: the shop */
  eo_print_caption (ctx, 8, 50.5, 15, 8, "От кого");
  eo_print_hline (ctx, 23, 55.5, 70);
  eo_print_text (ctx, 23, 50.5, 70, 5, 11, EO_TEXT_LEFT, eo_print_sender_get (ctx->sender, EO_PRINT_SENDER_NAME));
  eo_print_caption (ctx, 8, 61, 15, 8, "Откуда");
  eo_print_frame (ctx, 17, 66, 72, 15, 0.15);
  eo_print_text (ctx, 17.5, 66.3, 71, 14.4, 11, EO_TEXT_WRAP, sender_address);
  eo_print_caption (ctx, 8, 83.5, 15, 6, "Телефон");
  eo_print_cells (ctx, 23, 83, 10, 4.2, 5, sp);
  eo_print_caption (ctx, 70, 88.5, 20, 6, "Индекс");
  eo_print_cells (ctx, 70, 83, 6, 4, 5, eo_print_sender_get (ctx->sender, EO_PRINT_SENDER_POSTCODE));

  /* To: the customer */
  eo_print_caption (ctx, 97, 71, 15, 8, "Кому");
  eo_print_hline (ctx, 105, 80.5, 80);
  eo_print_text (ctx, 105, 75.5, 80, 5, 11, EO_TEXT_GROW_UP, eo_order_get_full_name (order));
  eo_print_caption (ctx, 97, 86, 15, 8, "Куда");
  eo_print_frame (ctx, 100, 91, 82, 15, 0.15);
  eo_print_text (ctx, 100.5, 91.3, 81, 14.4, 11, EO_TEXT_WRAP, address);
  eo_print_caption (ctx, 97, 108.5, 10, 6, "Тел.");
  eo_print_cells (ctx, 106, 108, 10, 4.2, 5, rp);
  eo_print_caption (ctx, 153.5, 113.5, 20, 6, "Индекс");
  eo_print_cells (ctx, 153.5, 108, 6, 4, 5, eo_order_get_postalcode (order));

  /* The tracking number, when there is one */
  if (parcel->tracking != NULL)
    {
      gboolean domestic = strlen (parcel->tracking) == 14;

      eo_print_barcode (ctx, domestic ? EO_BARCODE_ITF : EO_BARCODE_CODE128, parcel->tracking,
                        10, 95, 80, 14, 0.45);
      eo_print_text (ctx, 10, 110, 80, 5, 10, EO_TEXT_CENTER | EO_TEXT_MONO, parcel->tracking);
    }
}

void
eo_print_draw_112ep (EoPrintContext      *ctx,
                     const EoPrintParcel *parcel)
{
  EoOrder *order = parcel->order;
  const EoPrintSender *s = ctx->sender;
  g_autofree char *words = eo_sum_words_roubles (parcel->cod);
  g_autofree char *roubles = g_strdup_printf ("%" G_GINT64_FORMAT, parcel->cod / 100);
  g_autofree char *kopecks = g_strdup_printf ("%02d", (int) (parcel->cod % 100));
  g_autofree char *sender_address = eo_print_sender_full_address (s);
  g_autofree char *address = eo_print_order_address (order);

  /* The stamp zones and the main frame (the customs.ru reproduction's boxes) */
  eo_print_caption (ctx, 10, 7, 40, 8, "ф. 112ЭП");
  eo_print_frame (ctx, 54, 7, 85, 37, 0.2);
  eo_print_caption (ctx, 56, 8, 80, 6, "Зона оттиска ККМ");
  eo_print_frame (ctx, 151, 7, 37, 37, 0.2);
  eo_print_caption (ctx, 153, 8, 33, 6, "Зона 2D-кода");
  eo_print_frame (ctx, 10, 50, 186, 108, 0.4);
  eo_print_caption (ctx, 12, 51, 60, 9, "ПОЧТОВЫЙ ПЕРЕВОД");
  eo_print_caption (ctx, 130, 51, 64, 7, "ПОЧТА РОССИИ");

  /* The sum: roubles and kopecks in figures, in words beside */
  eo_print_caption (ctx, 12, 61, 40, 6, "Сумма");
  eo_print_frame (ctx, 19, 66, 15, 5, 0.15);
  eo_print_text (ctx, 19, 66, 15, 5, 11, EO_TEXT_CENTER, roubles);
  eo_print_caption (ctx, 35, 66.5, 7, 7, "руб.");
  eo_print_frame (ctx, 42, 66, 7, 5, 0.15);
  eo_print_text (ctx, 42, 66, 7, 5, 11, EO_TEXT_CENTER, kopecks);
  eo_print_caption (ctx, 50, 66.5, 8, 7, "коп.");
  eo_print_frame (ctx, 60, 60, 125, 5, 0.15);
  eo_print_text (ctx, 60.5, 60, 124, 5, 10, EO_TEXT_LEFT, words);
  eo_print_caption (ctx, 60, 65.5, 125, 6, "(Рубли прописью, копейки цифрами)");
  eo_print_mark (ctx, 14, 72, TRUE);
  eo_print_caption (ctx, 18, 72, 40, 7, "НАЛОЖЕННЫЙ ПЛАТЕЖ");
  eo_print_caption (ctx, 120, 70, 30, 6, "SMS о поступлении");
  eo_print_text (ctx, 151, 69, 40, 5, 10, EO_TEXT_LEFT, eo_print_sender_get (s, EO_PRINT_SENDER_PHONE));

  /* The payee: the shop */
  eo_print_caption (ctx, 12, 82.5, 15, 8, "Кому");
  eo_print_hline (ctx, 27, 87.5, 160);
  eo_print_text (ctx, 27, 82.5, 160, 5, 11, EO_TEXT_LEFT, eo_print_sender_get (s, EO_PRINT_SENDER_NAME));
  eo_print_caption (ctx, 12, 89, 15, 8, "Куда");
  eo_print_text (ctx, 27, 89, 130, 13, 11, EO_TEXT_WRAP, sender_address);
  eo_print_hline (ctx, 27, 95, 130);
  eo_print_hline (ctx, 27, 101, 130);
  eo_print_caption (ctx, 160, 91, 30, 6, "Индекс");
  eo_print_cells (ctx, 160, 95, 6, 4.6, 5, eo_print_sender_get (s, EO_PRINT_SENDER_POSTCODE));

  /* The payee's bank details, each in its cells */
  eo_print_caption (ctx, 12, 121.5, 15, 8, "ИНН");
  eo_print_cells (ctx, 27, 121, 12, 4.2, 5, eo_print_sender_get (s, EO_PRINT_SENDER_INN));
  eo_print_caption (ctx, 84, 121.5, 18, 8, "Кор/счёт");
  eo_print_cells (ctx, 102.5, 121, 20, 4.2, 5, eo_print_sender_get (s, EO_PRINT_SENDER_CORR_ACCOUNT));
  eo_print_caption (ctx, 12, 127, 43, 8, "Наименование банка");
  eo_print_hline (ctx, 55, 131.5, 131);
  eo_print_text (ctx, 55, 126.5, 131, 5, 10, EO_TEXT_LEFT, eo_print_sender_get (s, EO_PRINT_SENDER_BANK));
  eo_print_caption (ctx, 12, 133, 22, 8, "Рас/счёт");
  eo_print_cells (ctx, 34, 132.5, 20, 4.2, 5, eo_print_sender_get (s, EO_PRINT_SENDER_ACCOUNT));
  eo_print_caption (ctx, 138, 133, 11, 8, "БИК");
  eo_print_cells (ctx, 149, 132.5, 9, 4.2, 5, eo_print_sender_get (s, EO_PRINT_SENDER_BIK));

  /* The payer: the customer */
  eo_print_caption (ctx, 12, 138.5, 23, 8, "От кого");
  eo_print_hline (ctx, 35, 143, 150);
  eo_print_hline (ctx, 10, 137.5, 186);
  eo_print_text (ctx, 35, 138, 150, 5, 11, EO_TEXT_LEFT, eo_order_get_full_name (order));
  eo_print_caption (ctx, 12, 145.5, 18, 8, "Адрес");
  eo_print_text (ctx, 30, 145, 127, 11, 10, EO_TEXT_WRAP, address);
  eo_print_caption (ctx, 160, 147, 30, 6, "Индекс");
  eo_print_cells (ctx, 160, 151, 6, 4.6, 5, eo_order_get_postalcode (order));
}

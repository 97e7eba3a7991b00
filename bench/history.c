/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench/history.c: the order history with 100,000 orders: how long a search takes
 *
 * Fills a store in a temporary folder in one transaction, then times 200 searches of the kinds
 * people make (a surname, part of it, a phone in several formats, an e-mail, a city, a street,
 * an order or tracking number) and prints the median and the worst. Target: under 20 ms.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <stdlib.h>

#include "eo-store.h"

#define N_ORDERS   100000
#define N_SEARCHES 200
#define LIMIT      50

static const char * const first_names[] = {
  "Александр", "Алексей", "Андрей", "Анна", "Валентина", "Виктор", "Галина", "Дмитрий",
  "Екатерина", "Елена", "Иван", "Ирина", "Ксения", "Максим", "Мария", "Наталья", "Никита",
  "Ольга", "Павел", "Пётр", "Сергей", "Светлана", "Татьяна", "Юлия",
};
static const char * const last_names[] = {
  "Иванов", "Смирнов", "Кузнецов", "Попов", "Васильев", "Петров", "Соколов", "Михайлов",
  "Новиков", "Фёдоров", "Морозов", "Волков", "Алексеев", "Лебедев", "Семёнов", "Егоров",
  "Павлов", "Козлов", "Степанов", "Николаев", "Орлов", "Андреев", "Макаров", "Никитин",
  "Захаров", "Зайцев", "Соловьёв", "Борисов", "Яковлев", "Григорьев",
};
static const char * const middle_names[] = {
  "Александрович", "Сергеевич", "Иванович", "Петрович", "Андреевич", "Дмитриевич",
  "Владимирович", "Николаевич", "",
};
static const char * const cities[] = {
  "Москва", "Санкт-Петербург", "Новосибирск", "Екатеринбург", "Казань", "Нижний Новгород",
  "Челябинск", "Самара", "Омск", "Ростов-на-Дону", "Уфа", "Красноярск", "Воронеж", "Пермь",
  "Волгоград", "Краснодар", "Тверь", "Тула", "Ярославль", "Калининград",
};
static const char * const streets[] = {
  "ул. Ленина", "ул. Пушкина", "пр. Мира", "ул. Гагарина", "ул. Садовая", "ул. Советская",
  "ул. Молодёжная", "ул. Школьная", "Невский проспект", "ул. Лесная", "наб. Реки Мойки",
};
static const char * const translit[] = {
  "ivanov", "smirnov", "kuznetsov", "popov", "vasiliev", "petrov", "sokolov", "mikhailov",
  "novikov", "fedorov", "morozov", "volkov", "alekseev", "lebedev", "semenov", "egorov",
  "pavlov", "kozlov", "stepanov", "nikolaev", "orlov", "andreev", "makarov", "nikitin",
  "zakharov", "zaitsev", "soloviev", "borisov", "yakovlev", "grigoriev",
};
static const char * const mail_hosts[] = {
  "mail.ru", "yandex.ru", "gmail.com", "bk.ru", "inbox.ru",
};

typedef struct
{
  EoStoreOrderFields fields;
  char              *email;
  char              *phone;
  char              *address;
  char              *json;
  char              *national;  /* the phone's 10 digits */
} Synthetic;

#define PICK(rand, list) ((list)[g_rand_int_range ((rand), 0, G_N_ELEMENTS (list))])

static void
make_order (GRand     *rand,
            gint64     bill_id,
            Synthetic *order)
{
  gboolean female = g_rand_boolean (rand);
  const char *last = PICK (rand, last_names);
  guint surname = g_rand_int_range (rand, 0, G_N_ELEMENTS (last_names));
  guint code = g_rand_int_range (rand, 900, 1000);
  guint number = g_rand_int_range (rand, 0, 10000000);
  g_autofree char *last_name = NULL;

  last = last_names[surname];
  last_name = female ? g_strconcat (last, "а", NULL) : g_strdup (last);

  order->national = g_strdup_printf ("%03u%07u", code, number);
  /* The same number written the ways customers write it */
  switch (bill_id % 4)
    {
    case 0:
      order->phone = g_strdup_printf ("+7 (%03u) %03u-%02u-%02u", code, number / 10000,
                                      (number / 100) % 100, number % 100);
      break;
    case 1:
      order->phone = g_strdup_printf ("8%s", order->national);
      break;
    case 2:
      order->phone = g_strdup_printf ("+7%s", order->national);
      break;
    default:
      order->phone = g_strdup_printf ("8 %03u %03u %04u", code, number / 10000, number % 10000);
      break;
    }

  order->email = g_strdup_printf ("%s.%" G_GINT64_FORMAT "@%s", translit[surname], bill_id % 9973,
                                  PICK (rand, mail_hosts));
  order->address = g_strdup_printf ("%s, д. %d, кв. %d", PICK (rand, streets),
                                    g_rand_int_range (rand, 1, 150),
                                    g_rand_int_range (rand, 1, 300));

  order->fields.bill_id = bill_id;
  order->fields.first_name = PICK (rand, first_names);
  order->fields.last_name = g_intern_string (last_name);
  order->fields.middle_name = PICK (rand, middle_names);
  order->fields.email = order->email;
  order->fields.phone = order->phone;
  order->fields.city = PICK (rand, cities);
  order->fields.address = order->address;
  order->fields.pay_status = g_rand_boolean (rand) ? "paid" : "waiting";

  order->json = g_strdup_printf ("{\"id\":\"%" G_GINT64_FORMAT "\",\"first_name\":\"%s\","
                                 "\"last_name\":\"%s\",\"middle_name\":\"%s\",\"email\":\"%s\","
                                 "\"phone\":\"%s\",\"country\":\"Россия\",\"city\":\"%s\","
                                 "\"address\":\"%s\",\"postalcode\":\"%06d\","
                                 "\"created\":\"2024-03-01 12:00:00\",\"pay_status\":\"%s\","
                                 "\"price\":\"1990.00\",\"bill_sum_topay\":\"0.00\","
                                 "\"items\":[{\"id\":\"1\",\"title\":\"Книга\",\"sum\":\"1990.00\","
                                 "\"price\":\"2490.00\"}]}",
                                 bill_id, order->fields.first_name, order->fields.last_name,
                                 order->fields.middle_name, order->email, order->phone,
                                 order->fields.city, order->address,
                                 g_rand_int_range (rand, 100000, 999999),
                                 order->fields.pay_status);
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

typedef struct
{
  const char *kind;
  char       *text;
} Query;

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (20240301);
  g_autofree char *dir = g_dir_make_tmp (NULL, &error);
  g_autofree char *path = NULL;
  g_autoptr(EoStore) store = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  Synthetic *orders = g_new0 (Synthetic, N_ORDERS);
  EoStoreOrderFields *fields = g_new0 (EoStoreOrderFields, N_ORDERS);
  const char **jsons = g_new0 (const char *, N_ORDERS);
  Query queries[N_SEARCHES];
  double times[N_SEARCHES];
  double worst = 0;
  const char *worst_text = NULL;
  const char *worst_kind = NULL;
  gint64 start, now = g_get_real_time () / G_USEC_PER_SEC;
  guint total_hits = 0;
  GStatBuf st;

  if (dir == NULL)
    g_error ("%s", error->message);
  path = g_build_filename (dir, "orders.db", NULL);

  store = eo_store_open (path, &error);
  if (store == NULL)
    g_error ("%s", error->message);

  for (guint i = 0; i < N_ORDERS; i++)
    {
      make_order (rand, 100000 + i, &orders[i]);
      fields[i] = orders[i].fields;
      jsons[i] = orders[i].json;
    }

  start = g_get_monotonic_time ();
  if (!eo_store_save_orders_fields (store, fields, jsons, N_ORDERS, now, &error))
    g_error ("%s", error->message);
  g_print ("filled %d orders in one transaction: %.1f s\n", N_ORDERS,
           (g_get_monotonic_time () - start) / 1e6);

  /* Some of them shipped from this computer, so tracking numbers are searchable */
  changes = g_ptr_array_new_with_free_func ((GDestroyNotify) eo_outbox_change_unref);
  for (guint i = 0; i < 200; i++)
    {
      g_autoptr(GDateTime) date = g_date_time_new_from_unix_utc (now);
      g_autofree char *rpo = g_strdup_printf ("RA%08u5RU", 10000000 + i * 37);

      g_ptr_array_add (changes, eo_outbox_change_new (100000 + i * 450, "sent", date, rpo));
    }
  if (!eo_store_outbox_enqueue_many (store, changes, now, &error))
    g_error ("%s", error->message);
  start = g_get_monotonic_time ();
  for (guint i = 0; i < changes->len; i++)
    {
      if (!eo_store_outbox_mark_done (store, ((EoOutboxChange *) changes->pdata[i])->id, now,
                                      &error))
        g_error ("%s", error->message);
    }
  g_print ("marked %u changes done, one transaction each: %.1f ms each\n", changes->len,
           (g_get_monotonic_time () - start) / 1e3 / changes->len);

  for (guint i = 0; i < N_SEARCHES; i++)
    {
      Synthetic *o = &orders[g_rand_int_range (rand, 0, N_ORDERS)];

      switch (i % 13)
        {
        case 0:
          queries[i] = (Query) { "surname", g_strdup (o->fields.last_name) };
          break;
        case 1:
          queries[i] = (Query) { "surname prefix", g_utf8_substring (o->fields.last_name, 0, 3) };
          break;
        case 2:
          queries[i] = (Query) { "first + surname",
                                 g_strdup_printf ("%s %s", o->fields.first_name,
                                                  o->fields.last_name) };
          break;
        case 3:
          queries[i] = (Query) { "e-mail", g_strdup (o->email) };
          break;
        case 4:
          queries[i] = (Query) { "phone +7 (9xx)", g_strdup_printf ("+7 (%.3s) %.3s-%.2s-%.2s",
                                                                    o->national, o->national + 3,
                                                                    o->national + 6,
                                                                    o->national + 8) };
          break;
        case 5:
          queries[i] = (Query) { "phone 8...", g_strdup_printf ("8%s", o->national) };
          break;
        case 6:
          queries[i] = (Query) { "phone 10 digits", g_strdup (o->national) };
          break;
        case 7:
          queries[i] = (Query) { "phone part", g_strndup (o->national + 3, 7) };
          break;
        case 8:
          queries[i] = (Query) { "city", g_utf8_strdown (o->fields.city, -1) };
          break;
        case 9:
          queries[i] = (Query) { "street", g_strdup ("Пушкина") };
          break;
        case 10:
          queries[i] = (Query) { "order number",
                                 g_strdup_printf ("%" G_GINT64_FORMAT, o->fields.bill_id) };
          break;
        case 11:
          queries[i] = (Query) { "tracking number",
                                 g_strdup_printf ("RA%08u5RU", 10000000 + (i % 200) * 37) };
          break;
        default:
          queries[i] = (Query) { "one letter", g_strdup ("м") };
          break;
        }
    }

  for (guint i = 0; i < N_SEARCHES; i++)
    {
      g_autoptr(GListModel) found = NULL;

      start = g_get_monotonic_time ();
      found = eo_store_search (store, queries[i].text, LIMIT, &error);
      times[i] = (g_get_monotonic_time () - start) / 1000.0;
      if (found == NULL)
        g_error ("%s: %s", queries[i].text, error->message);
      total_hits += g_list_model_get_n_items (found);
      if (times[i] > worst)
        {
          worst = times[i];
          worst_text = queries[i].text;
          worst_kind = queries[i].kind;
        }
    }

  for (guint k = 0; k < 13; k++)
    {
      double kind_worst = 0, kind_sum = 0;
      guint n = 0;

      for (guint i = k; i < N_SEARCHES; i += 13)
        {
          kind_worst = MAX (kind_worst, times[i]);
          kind_sum += times[i];
          n++;
        }
      g_print ("  %-16s mean %6.2f ms, worst %6.2f ms\n", queries[k].kind, kind_sum / n,
               kind_worst);
    }

  g_print ("worst: %s “%s”\n", worst_kind, worst_text);
  qsort (times, N_SEARCHES, sizeof times[0], compare_doubles);
  g_print ("%d searches (limit %d, %u rows found): median %.2f ms, worst %.2f ms\n",
           N_SEARCHES, LIMIT, total_hits, (times[N_SEARCHES / 2 - 1] + times[N_SEARCHES / 2]) / 2,
           times[N_SEARCHES - 1]);

  if (g_stat (path, &st) == 0)
    g_print ("database: %.1f MB\n", st.st_size / 1e6);

  for (guint i = 0; i < N_SEARCHES; i++)
    g_free (queries[i].text);
  for (guint i = 0; i < N_ORDERS; i++)
    {
      g_free (orders[i].email);
      g_free (orders[i].phone);
      g_free (orders[i].address);
      g_free (orders[i].json);
      g_free (orders[i].national);
    }
  g_free (orders);
  g_free (fields);
  g_free (jsons);

  g_clear_object (&store);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);

    g_remove (wal);
    g_remove (shm);
    g_remove (path);
    g_rmdir (dir);
  }

  return EXIT_SUCCESS;
}

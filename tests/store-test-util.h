/* SPDX-License-Identifier: GPL-3.0-or-later */
/* store-test-util.h: the store tests' fixture (a fresh database in a temporary folder), helpers */
#pragma once

#include <sqlite3.h>

#include "eo-error.h"
#include "eo-store.h"

G_BEGIN_DECLS

#define RPO_FOR_SEND "62001411000016"

typedef struct
{
  char    *dir;
  char    *path;
  EoStore *store;
} Fixture;

/* data NULL: the store is opened; anything else: only the path is made */
void            fixture_set_up      (Fixture       *fixture,
                                     gconstpointer  data);
void            fixture_tear_down   (Fixture       *fixture,
                                     gconstpointer  data);
void            reopen              (Fixture       *fixture);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
#define ADD_UNOPENED(path, func) \
  g_test_add (path, Fixture, "unopened", fixture_set_up, func, fixture_tear_down)

/* SQL on the file directly, as an older app version would have run it */
void            raw_exec            (const char    *path,
                                     const char    *sql);
gint64          raw_int             (const char    *path,
                                     const char    *sql);

void            save                (EoStore       *store,
                                     gint64         bill_id,
                                     const char    *first,
                                     const char    *last,
                                     const char    *middle,
                                     const char    *email,
                                     const char    *phone,
                                     const char    *city,
                                     const char    *address,
                                     gint64         now);

/* Orders 1001 (Иван Иванов, Москва), 1002 (Мария Семёнова, Казань), 1003 (John Smith, London),
 * 2001 (Пётр Иванов, Санкт-Петербург), fetched at 10, 20, 30, 40 */
void            fill_search_orders  (EoStore       *store);

/* The bill ids a search finds, as "3,1" (newest first) */
char           *search_ids          (EoStore       *store,
                                     const char    *text);

#define assert_search(store, text, expected) \
  G_STMT_START { \
    g_autofree char *_ids = search_ids ((store), (text)); \
    g_assert_cmpstr (_ids, ==, (expected)); \
  } G_STMT_END

GDateTime      *date_at             (gint64         unix_time);

gint64          enqueue             (EoStore       *store,
                                     gint64         bill_id,
                                     const char    *status,
                                     gint64         date,
                                     const char    *rpo,
                                     gint64         now,
                                     gboolean      *out_existing);

/* The ids claim_due hands out at now, as "1,3"; _released gives every claimed change back */
char           *claim_ids           (EoStore       *store,
                                     gint64         now,
                                     guint          max);
char           *claim_ids_released  (EoStore       *store,
                                     gint64         now,
                                     guint          max);

EoOutboxChange *get_change          (EoStore       *store,
                                     gint64         id);

/* An EoOrder from tests/fixtures/NAME, or from a JSON text */
EoOrder        *order_from_fixture  (const char    *name);
EoOrder        *order_from_json     (const char    *json);

/* A GAsyncReadyCallback storing a reference to the result in *user_data (GAsyncResult **) */
void            store_result_cb     (GObject       *object,
                                     GAsyncResult  *result,
                                     gpointer       user_data);
/* Iterates the default main context until *slot is set */
GAsyncResult   *wait_for            (GAsyncResult **slot);

G_END_DECLS

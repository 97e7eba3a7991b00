/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eo-print-run.c: one print run as the store keeps it: the forms, and each order's sums */

#include "config.h"

#include <inttypes.h>

#include "eo-print-run.h"

G_DEFINE_BOXED_TYPE (EoPrintRun, eo_print_run, eo_print_run_copy, eo_print_run_free)

static void
order_clear (gpointer data)
{
  EoPrintRunOrder *order = data;

  g_clear_pointer (&order->tracking, g_free);
}

EoPrintRun *
eo_print_run_new (const char *forms)
{
  EoPrintRun *run = g_new0 (EoPrintRun, 1);

  run->forms = g_strdup (forms != NULL ? forms : "");
  run->list_number = 1;
  run->orders = g_array_new (FALSE, TRUE, sizeof (EoPrintRunOrder));
  g_array_set_clear_func (run->orders, order_clear);

  return run;
}

void
eo_print_run_add_order (EoPrintRun *run,
                        gint64      bill_id,
                        gint64      cod,
                        gint64      declared_value,
                        const char *tracking)
{
  EoPrintRunOrder order = {
    .bill_id = bill_id,
    .cod = cod,
    .declared_value = declared_value,
    .tracking = g_strdup (tracking != NULL ? tracking : ""),
  };

  g_return_if_fail (run != NULL);

  g_array_append_val (run->orders, order);
}

const EoPrintRunOrder *
eo_print_run_get_order (const EoPrintRun *run,
                        guint             i)
{
  g_return_val_if_fail (run != NULL, NULL);
  g_return_val_if_fail (i < run->orders->len, NULL);

  return &g_array_index (run->orders, EoPrintRunOrder, i);
}

char *
eo_print_run_join_bill_ids (const EoPrintRun *run,
                            const char       *sep)
{
  GString *text = g_string_new (NULL);

  g_return_val_if_fail (run != NULL, NULL);

  for (guint i = 0; i < run->orders->len; i++)
    g_string_append_printf (text, "%s%" PRId64, i > 0 ? sep : "",
                            g_array_index (run->orders, EoPrintRunOrder, i).bill_id);

  return g_string_free (text, FALSE);
}

EoPrintRun *
eo_print_run_copy (const EoPrintRun *run)
{
  EoPrintRun *copy;

  g_return_val_if_fail (run != NULL, NULL);

  copy = eo_print_run_new (run->forms);
  copy->id = run->id;
  copy->created_at = run->created_at;
  copy->blank = run->blank;
  copy->list_number = run->list_number;
  for (guint i = 0; i < run->orders->len; i++)
    {
      const EoPrintRunOrder *order = &g_array_index (run->orders, EoPrintRunOrder, i);

      eo_print_run_add_order (copy, order->bill_id, order->cod, order->declared_value,
                              order->tracking);
    }

  return copy;
}

void
eo_print_run_free (EoPrintRun *run)
{
  if (run == NULL)
    return;

  g_free (run->forms);
  g_array_unref (run->orders);
  g_free (run);
}

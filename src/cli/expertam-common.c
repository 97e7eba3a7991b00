/* SPDX-License-Identifier: GPL-3.0-or-later */
/* expertam-common.c: what the builtins share: waiting for the core, the account, the store, and
 * the arguments (order numbers, dates, --jobs) */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "eo-account.h"
#include "eo-date.h"
#include "eo-error.h"
#include "expertam-private.h"

/* Waiting for the core's async calls */

void
expertam_store_result_cb (GObject      *source,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  GAsyncResult **out_result = user_data;

  *out_result = g_object_ref (result);
}

void
expertam_wait_for_result (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
}

/* The account and the store */

/* The shop of the account in the environment, or the settings and the keyring; no demo shop
 * stands in for a missing one (the command says how to set one up) */
EoShop *
expertam_open_shop (GError **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(EoAccount) account = NULL;
  g_autoptr(EoShop) shop = eo_shop_new ();

  eo_account_load_async (NULL, expertam_store_result_cb, &result);
  expertam_wait_for_result (&result);
  account = eo_account_load_finish (result, error);
  if (account == NULL || !eo_shop_set_account (shop, account, error))
    return NULL;

  return g_steal_pointer (&shop);
}

EoClient *
expertam_open_client (GError **error)
{
  g_autoptr(EoShop) shop = expertam_open_shop (error);

  return shop != NULL ? g_object_ref (eo_shop_get_client (shop)) : NULL;
}

gint64
expertam_now_seconds (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

EoStore *
expertam_open_store (GError **error)
{
  g_autofree char *path = eo_store_get_default_path ();

  return eo_store_open (path, error);
}

/* Arguments */

static gboolean
is_all_digits (const char *text)
{
  if (*text == '\0')
    return FALSE;

  for (; *text != '\0'; text++)
    {
      if (!g_ascii_isdigit (*text))
        return FALSE;
    }

  return TRUE;
}

gboolean
expertam_parse_bill_id (const char  *text,
                        gint64      *out_bill_id,
                        GError     **error)
{
  guint64 value = 0;

  if (!is_all_digits (text) || strlen (text) > MAX_BILL_ID_DIGITS ||
      !g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &value, NULL))
    {
      g_autofree char *shown = expertam_clean (text);

      g_set_error (error, EO_ERROR, EO_ERROR_INVALID_INPUT,
                   _("“%s” is not an order number: use its digits only, like 1001."), shown);
      return FALSE;
    }

  *out_bill_id = (gint64) value;
  return TRUE;
}

/* The one rule for typed dates (eo_date_parse_human): a date alone is noon, local time */
static GDateTime *
parse_date (const char  *text,
            GError     **error)
{
  GDateTime *date = eo_date_parse_human (text);

  if (date == NULL)
    {
      g_autofree char *shown = expertam_clean (text);

      g_set_error (error, EO_ERROR, EO_ERROR_INVALID_INPUT,
                   _("“%s” is not a date: use 2024-03-01 (noon), 01.03.2024, 2024-03-01 12:00, "
                     "2024-03-01T12:00:00+03:00 or unix seconds."), shown);
      return NULL;
    }

  return date;
}

GDateTime *
expertam_parse_date_or_now (const char  *text,
                            GError     **error)
{
  if (text == NULL)
    return g_date_time_new_now_local ();

  return parse_date (text, error);
}

gboolean
expertam_parse_jobs (int      jobs,
                     GError **error)
{
  if (jobs < 1 || jobs > EO_CLIENT_MAX_CONNECTIONS)
    {
      g_set_error (error, EO_ERROR, EO_ERROR_INVALID_INPUT,
                   _("--jobs is from 1 to %d."), EO_CLIENT_MAX_CONNECTIONS);
      return FALSE;
    }

  return TRUE;
}


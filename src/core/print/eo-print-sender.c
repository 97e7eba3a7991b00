/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eo-print-sender.c: the sender's details (the shop) printed on the postal forms */

#include "config.h"

#include "eo-print-sender.h"

#include <string.h>
#include <glib/gi18n-lib.h>

static const char *const keys[EO_PRINT_SENDER_N_FIELDS] = {
  "name", "address", "city", "region", "postcode", "phone", "inn", "bank", "bik",
  "corr-account", "account",
};

EoPrintSender *
eo_print_sender_new (void)
{
  return g_new0 (EoPrintSender, 1);
}

EoPrintSender *
eo_print_sender_copy (const EoPrintSender *sender)
{
  EoPrintSender *copy = eo_print_sender_new ();

  for (int i = 0; i < EO_PRINT_SENDER_N_FIELDS; i++)
    copy->fields[i] = g_strdup (sender->fields[i]);
  return copy;
}

void
eo_print_sender_free (EoPrintSender *sender)
{
  if (sender == NULL)
    return;
  for (int i = 0; i < EO_PRINT_SENDER_N_FIELDS; i++)
    g_free (sender->fields[i]);
  g_free (sender);
}

const char *
eo_print_sender_get (const EoPrintSender *sender,
                     EoPrintSenderField   field)
{
  g_return_val_if_fail (field < EO_PRINT_SENDER_N_FIELDS, "");

  return sender->fields[field] != NULL ? sender->fields[field] : "";
}

void
eo_print_sender_set (EoPrintSender      *sender,
                     EoPrintSenderField  field,
                     const char         *value)
{
  g_return_if_fail (field < EO_PRINT_SENDER_N_FIELDS);

  g_free (sender->fields[field]);
  sender->fields[field] = value != NULL ? g_strstrip (g_strdup (value)) : NULL;
}

const char *
eo_print_sender_field_key (EoPrintSenderField field)
{
  g_return_val_if_fail (field < EO_PRINT_SENDER_N_FIELDS, "");

  return keys[field];
}

gboolean
eo_print_sender_field_from_key (const char         *key,
                                EoPrintSenderField *out_field)
{
  for (int i = 0; i < EO_PRINT_SENDER_N_FIELDS; i++)
    if (g_strcmp0 (key, keys[i]) == 0)
      {
        *out_field = (EoPrintSenderField) i;
        return TRUE;
      }
  return FALSE;
}

const char *
eo_print_sender_field_label (EoPrintSenderField field)
{
  switch (field)
    {
    case EO_PRINT_SENDER_NAME:
      return _("name");
    case EO_PRINT_SENDER_ADDRESS:
      return _("address");
    case EO_PRINT_SENDER_CITY:
      return _("city");
    case EO_PRINT_SENDER_REGION:
      return _("region");
    case EO_PRINT_SENDER_POSTCODE:
      return _("postcode");
    case EO_PRINT_SENDER_PHONE:
      return _("phone");
    case EO_PRINT_SENDER_INN:
      return _("INN (taxpayer number)");
    case EO_PRINT_SENDER_BANK:
      return _("bank");
    case EO_PRINT_SENDER_BIK:
      return _("BIK (bank code)");
    case EO_PRINT_SENDER_CORR_ACCOUNT:
      return _("correspondent account");
    case EO_PRINT_SENDER_ACCOUNT:
      return _("settlement account");
    case EO_PRINT_SENDER_N_FIELDS:
    default:
      break;
    }
  g_return_val_if_reached ("");
}

char *
eo_print_sender_full_address (const EoPrintSender *sender)
{
  GString *out = g_string_new (NULL);
  const EoPrintSenderField parts[] = {
    EO_PRINT_SENDER_ADDRESS, EO_PRINT_SENDER_CITY, EO_PRINT_SENDER_REGION,
  };

  for (gsize i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      const char *part = eo_print_sender_get (sender, parts[i]);

      if (part[0] == '\0')
        continue;
      if (out->len > 0)
        g_string_append (out, ", ");
      g_string_append (out, part);
    }
  return g_string_free (out, FALSE);
}

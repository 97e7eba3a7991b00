/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eo-print-sender.c: the sender's details (the shop) printed on the postal forms */

#include "config.h"

#include "eo-print-sender.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "eo-error.h"

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

gboolean
eo_print_sender_field_is_digits (EoPrintSenderField field)
{
  switch (field)
    {
    case EO_PRINT_SENDER_POSTCODE:
    case EO_PRINT_SENDER_INN:
    case EO_PRINT_SENDER_BIK:
    case EO_PRINT_SENDER_CORR_ACCOUNT:
    case EO_PRINT_SENDER_ACCOUNT:
      return TRUE;
    case EO_PRINT_SENDER_NAME:
    case EO_PRINT_SENDER_ADDRESS:
    case EO_PRINT_SENDER_CITY:
    case EO_PRINT_SENDER_REGION:
    case EO_PRINT_SENDER_PHONE:
    case EO_PRINT_SENDER_BANK:
    case EO_PRINT_SENDER_N_FIELDS:
    default:
      return FALSE;
    }
}

char *
eo_print_sender_check_value (EoPrintSenderField   field,
                             const char          *value,
                             GError             **error)
{
  g_autofree char *kept = g_strstrip (g_strdup (value != NULL ? value : ""));
  GString *digits;
  gsize n;

  g_return_val_if_fail (field < EO_PRINT_SENDER_N_FIELDS, NULL);

  if (!g_utf8_validate (kept, -1, NULL))
    {
      g_set_error (error, EO_ERROR, EO_ERROR_INVALID_INPUT,
                   _("The sender’s %s is not valid text."), eo_print_sender_field_label (field));
      return NULL;
    }
  if (kept[0] == '\0' || !eo_print_sender_field_is_digits (field))
    return g_steal_pointer (&kept);

  digits = g_string_new (NULL);
  for (const char *p = kept; *p != '\0'; p++)
    {
      if (*p == ' ')
        continue;
      if (!g_ascii_isdigit (*p))
        {
          g_string_free (digits, TRUE);
          g_set_error (error, EO_ERROR, EO_ERROR_INVALID_INPUT,
                       _("The sender’s %s is digits only: “%s” is not."),
                       eo_print_sender_field_label (field), kept);
          return NULL;
        }
      g_string_append_c (digits, *p);
    }

  n = digits->len;
  if ((field == EO_PRINT_SENDER_POSTCODE && n != 6) ||
      (field == EO_PRINT_SENDER_INN && n != 10 && n != 12) ||
      (field == EO_PRINT_SENDER_BIK && n != 9) ||
      ((field == EO_PRINT_SENDER_CORR_ACCOUNT || field == EO_PRINT_SENDER_ACCOUNT) && n != 20))
    {
      const char *wanted;

      switch (field)
        {
        case EO_PRINT_SENDER_POSTCODE:
          wanted = _("6 digits");
          break;
        case EO_PRINT_SENDER_INN:
          wanted = _("10 digits (an organisation) or 12 (a person)");
          break;
        case EO_PRINT_SENDER_BIK:
          wanted = _("9 digits");
          break;
        default:
          wanted = _("20 digits");
          break;
        }
      g_set_error (error, EO_ERROR, EO_ERROR_INVALID_INPUT,
                   /* Translators: the field, then what it should be ("6 digits"), then the
                    * number of digits typed */
                   g_dngettext (GETTEXT_PACKAGE, "The sender’s %s is %s: this one has %u digit.",
                                "The sender’s %s is %s: this one has %u digits.", (gulong) n),
                   eo_print_sender_field_label (field), wanted, (guint) n);
      g_string_free (digits, TRUE);
      return NULL;
    }
  return g_string_free (digits, FALSE);
}

EoPrintSender *
eo_print_sender_new_from_variant (GVariant *dict)
{
  EoPrintSender *sender = eo_print_sender_new ();

  if (dict == NULL || !g_variant_is_of_type (dict, G_VARIANT_TYPE ("a{ss}")))
    return sender;
  for (int i = 0; i < EO_PRINT_SENDER_N_FIELDS; i++)
    {
      const char *value = NULL;

      if (g_variant_lookup (dict, keys[i], "&s", &value))
        eo_print_sender_set (sender, i, value);
    }
  return sender;
}

GVariant *
eo_print_sender_to_variant (const EoPrintSender *sender)
{
  g_auto(GVariantBuilder) builder = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE ("a{ss}"));

  for (int i = 0; i < EO_PRINT_SENDER_N_FIELDS; i++)
    if (eo_print_sender_get (sender, i)[0] != '\0')
      g_variant_builder_add (&builder, "{ss}", keys[i], eo_print_sender_get (sender, i));
  return g_variant_builder_end (&builder);
}

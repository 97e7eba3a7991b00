/* SPDX-License-Identifier: GPL-3.0-or-later */
/* expertam-sender-details.c: `expertam sender [--name N] ...`: the shop's details for the
 * postal forms, kept in the settings (not secret); printed when no option is given */

#include "config.h"

#include <glib/gi18n.h>

#include "eo-account.h"
#include "expertam-private.h"

GSettings *
expertam_open_settings (GError **error)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, EO_SETTINGS_SCHEMA_ID, TRUE);
  if (schema == NULL)
    {
      g_set_error_literal (error, EXPERTAM_ERROR, EXPERTAM_ERROR_FAILED,
                           _("The app’s settings are not installed here, so the sender’s details "
                             "cannot be kept."));
      return NULL;
    }
  return g_settings_new_full (schema, NULL, NULL);
}

EoPrintSender *
expertam_load_sender (GError **error)
{
  g_autoptr(GSettings) settings = expertam_open_settings (error);
  g_autoptr(GVariant) dict = NULL;

  if (settings == NULL)
    return NULL;

  dict = g_settings_get_value (settings, "sender");
  return eo_print_sender_new_from_variant (dict);
}

gboolean
expertam_builtin_sender_details (char   **args,
                                 GError **error)
{
  gboolean help = FALSE;
  char *values[EO_PRINT_SENDER_N_FIELDS] = { NULL };
  const GOptionEntry entries[] = {
    { "name", 0, 0, G_OPTION_ARG_STRING, &values[EO_PRINT_SENDER_NAME],
      N_("The shop’s name as the forms print it"), N_("NAME") },
    { "address", 0, 0, G_OPTION_ARG_STRING, &values[EO_PRINT_SENDER_ADDRESS],
      N_("Street, house, office"), N_("ADDRESS") },
    { "city", 0, 0, G_OPTION_ARG_STRING, &values[EO_PRINT_SENDER_CITY], N_("City"), N_("CITY") },
    { "region", 0, 0, G_OPTION_ARG_STRING, &values[EO_PRINT_SENDER_REGION], N_("Region"),
      N_("REGION") },
    { "postcode", 0, 0, G_OPTION_ARG_STRING, &values[EO_PRINT_SENDER_POSTCODE],
      N_("Postcode (6 digits)"), N_("POSTCODE") },
    { "phone", 0, 0, G_OPTION_ARG_STRING, &values[EO_PRINT_SENDER_PHONE], N_("Phone"),
      N_("PHONE") },
    { "inn", 0, 0, G_OPTION_ARG_STRING, &values[EO_PRINT_SENDER_INN],
      N_("INN, the taxpayer number (ф.112ЭП)"), N_("INN") },
    { "bank", 0, 0, G_OPTION_ARG_STRING, &values[EO_PRINT_SENDER_BANK],
      N_("The bank’s name (ф.112ЭП)"), N_("BANK") },
    { "bik", 0, 0, G_OPTION_ARG_STRING, &values[EO_PRINT_SENDER_BIK],
      N_("The bank’s BIK (ф.112ЭП)"), N_("BIK") },
    { "corr-account", 0, 0, G_OPTION_ARG_STRING, &values[EO_PRINT_SENDER_CORR_ACCOUNT],
      N_("The bank’s correspondent account (ф.112ЭП)"), N_("ACCOUNT") },
    { "account", 0, 0, G_OPTION_ARG_STRING, &values[EO_PRINT_SENDER_ACCOUNT],
      N_("The shop’s settlement account (ф.112ЭП)"), N_("ACCOUNT") },
    HELP_ENTRY (&help),
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    expertam_option_context_new (NULL,
                                 _("Set the sender’s details the postal forms print (the shop); "
                                   "with no option, print them."),
                                 NULL);
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(EoPrintSender) sender = NULL;
  gboolean changed = FALSE;
  gboolean ok = FALSE;

  if (!expertam_parse_options (context, entries, &args, error))
    goto out;
  if (help)
    {
      ok = expertam_print_help (context);
      goto out;
    }
  if (g_strv_length (args) != 1)
    {
      ok = expertam_fail_arguments (error, _("This command takes options only"));
      goto out;
    }
  if ((settings = expertam_open_settings (error)) == NULL ||
      (sender = expertam_load_sender (error)) == NULL)
    goto out;

  /* Every value is checked before any is kept: the forms print digits one per cell */
  for (int i = 0; i < EO_PRINT_SENDER_N_FIELDS; i++)
    if (values[i] != NULL)
      {
        g_autofree char *kept = eo_print_sender_check_value (i, values[i], error);

        if (kept == NULL)
          goto out;
        eo_print_sender_set (sender, i, kept);
        changed = TRUE;
      }

  if (changed)
    {
      g_settings_set_value (settings, "sender", eo_print_sender_to_variant (sender));
      g_settings_sync ();
    }

  for (int i = 0; i < EO_PRINT_SENDER_N_FIELDS; i++)
    expertam_print_labelled (eo_print_sender_field_key (i), eo_print_sender_get (sender, i));
  ok = TRUE;

out:
  for (int i = 0; i < EO_PRINT_SENDER_N_FIELDS; i++)
    g_free (values[i]);
  return ok;
}

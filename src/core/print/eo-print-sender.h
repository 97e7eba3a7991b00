/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eo-print-sender.h: the sender's details (the shop) printed on the postal forms */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  EO_PRINT_SENDER_NAME,
  EO_PRINT_SENDER_ADDRESS,
  EO_PRINT_SENDER_CITY,
  EO_PRINT_SENDER_REGION,
  EO_PRINT_SENDER_POSTCODE,
  EO_PRINT_SENDER_PHONE,
  EO_PRINT_SENDER_INN,
  EO_PRINT_SENDER_BANK,
  EO_PRINT_SENDER_BIK,
  EO_PRINT_SENDER_CORR_ACCOUNT,
  EO_PRINT_SENDER_ACCOUNT,
  EO_PRINT_SENDER_N_FIELDS,
} EoPrintSenderField;

typedef struct
{
  char *fields[EO_PRINT_SENDER_N_FIELDS];  /* NULL or "" when not set */
} EoPrintSender;

EoPrintSender *eo_print_sender_new          (void);
EoPrintSender *eo_print_sender_copy         (const EoPrintSender *sender);
void           eo_print_sender_free         (EoPrintSender *sender);

/* Never NULL: "" when not set */
const char    *eo_print_sender_get          (const EoPrintSender *sender,
                                             EoPrintSenderField   field);
void           eo_print_sender_set          (EoPrintSender       *sender,
                                             EoPrintSenderField   field,
                                             const char          *value);

/* "name", "address", "city", "region", "postcode", "phone", "inn", "bank", "bik",
 * "corr-account", "account": the settings keys' and the CLI options' names */
const char    *eo_print_sender_field_key    (EoPrintSenderField field);
gboolean       eo_print_sender_field_from_key (const char         *key,
                                               EoPrintSenderField *out_field);
/* Translated, for messages: "name", "INN", "correspondent account" ... */
const char    *eo_print_sender_field_label  (EoPrintSenderField field);

/* "address, city, region" with the parts that are set */
char          *eo_print_sender_full_address (const EoPrintSender *sender);

/* TRUE for the fields of digits only, one per cell of the forms: postcode (6), INN (10 or 12),
 * BIK (9), correspondent account (20) and settlement account (20) */
gboolean       eo_print_sender_field_is_digits (EoPrintSenderField field);
/* The value as it is kept: trimmed, and for a field of digits without the spaces people type
 * between groups; NULL with EO_ERROR_INVALID_INPUT (translated, naming the field) when it
 * cannot be printed on the forms. "" (not set) is always accepted. */
char          *eo_print_sender_check_value  (EoPrintSenderField   field,
                                             const char          *value,
                                             GError             **error);

/* To and from the settings' "sender" key (a{ss}, the keys of eo_print_sender_field_key; only
 * the fields that are set are written) */
EoPrintSender *eo_print_sender_new_from_variant (GVariant         *dict);
GVariant      *eo_print_sender_to_variant   (const EoPrintSender *sender);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EoPrintSender, eo_print_sender_free)

G_END_DECLS

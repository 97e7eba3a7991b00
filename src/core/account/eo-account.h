/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eo-account.h: where the account comes from: the environment, or GSettings + the keyring */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* GSettings schema (installed by data/; may be absent for an uninstalled CLI):
 *   service     's'  "expertam" | "justclick" | "custom"
 *   login       's'
 *   custom-url  's'  a URL template, "{login}" may appear in it
 */
#define EO_SETTINGS_SCHEMA_ID "io.github.expertam_orders.ExpertamOrders"

typedef struct
{
  char     *url_template;  /* never NULL */
  char     *login;         /* never NULL */
  char     *secret;        /* never NULL; do not log */
  gboolean  from_env;      /* EXPERTAM_* variables were used */
} EoAccount;

#define EO_TYPE_ACCOUNT (eo_account_get_type ())

GType       eo_account_get_type             (void) G_GNUC_CONST;
EoAccount  *eo_account_copy                 (const EoAccount *self);
/* Wipes the secret before freeing */
void        eo_account_free                 (EoAccount       *self);

/* The URL template for a service name ("expertam", "justclick", "custom" with custom_url) */
const char *eo_account_template_for_service (const char      *service,
                                             const char      *custom_url);

/* EXPERTAM_LOGIN + EXPERTAM_API_KEY (+ EXPERTAM_API_URL) when set; else the settings' service and
 * login with the key from the keyring. Fails with EO_ERROR_NO_ACCOUNT when there is none. */
void        eo_account_load_async           (GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
EoAccount  *eo_account_load_finish          (GAsyncResult        *result,
                                             GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EoAccount, eo_account_free)

G_END_DECLS

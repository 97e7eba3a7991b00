/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eo-secrets.c
 *
 * The API key in the Secret Service (or the secret portal inside Flatpak), one item per
 * service host and login. The key never goes to a log, a file or GSettings.
 */

#include "config.h"

#include "eo-secrets.h"

#include <glib/gi18n-lib.h>

const SecretSchema *
eo_secrets_get_schema (void)
{
  static const SecretSchema schema = {
    "io.github.expertam_orders.ExpertamOrders.ApiKey",
    SECRET_SCHEMA_NONE,
    {
      { "host", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "login", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    }
  };

  return &schema;
}

/* For a key the caller never collected: overwrite it before the memory is reused */
static void
wipe_and_free (gpointer data)
{
  char *secret = data;

  if (secret == NULL)
    return;

  secret_password_wipe (secret);
  g_free (secret);
}

static void
store_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!secret_password_store_finish (result, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

void
eo_secrets_store_async (const char          *host,
                        const char          *login,
                        const char          *secret,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *label = NULL;

  g_return_if_fail (host != NULL && *host != '\0');
  g_return_if_fail (login != NULL && *login != '\0');
  g_return_if_fail (secret != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, eo_secrets_store_async);

  /* Translators: the name of the item in the keyring (Passwords and Keys);
   * the first %s is the login, the second the service's host, e.g. shop.expertam.ru */
  label = g_strdup_printf (_("Expertam Orders API key for %s at %s"), login, host);

  secret_password_store (eo_secrets_get_schema (), SECRET_COLLECTION_DEFAULT, label, secret,
                         cancellable, store_cb, g_steal_pointer (&task),
                         "host", host,
                         "login", login,
                         NULL);
}

gboolean
eo_secrets_store_finish (GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == eo_secrets_store_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
lookup_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  char *stored;

  stored = secret_password_lookup_finish (result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (stored == NULL)
    {
      g_task_return_pointer (task, NULL, NULL);
      return;
    }

  /* libsecret may hand out non-pageable memory that only secret_password_free() may release;
   * the caller gets an ordinary string */
  g_task_return_pointer (task, g_strdup (stored), wipe_and_free);
  secret_password_free (stored);
}

void
eo_secrets_lookup_async (const char          *host,
                         const char          *login,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (host != NULL && *host != '\0');
  g_return_if_fail (login != NULL && *login != '\0');
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, eo_secrets_lookup_async);

  secret_password_lookup (eo_secrets_get_schema (), cancellable,
                          lookup_cb, g_steal_pointer (&task),
                          "host", host,
                          "login", login,
                          NULL);
}

/* Returns the key (free it after wiping it with secret_password_wipe()), or NULL: when no
 * key is stored without an error */
char *
eo_secrets_lookup_finish (GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == eo_secrets_lookup_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
clear_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  /* FALSE without an error means there was nothing to clear, which is success here */
  secret_password_clear_finish (result, &error);
  if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

void
eo_secrets_clear_async (const char          *host,
                        const char          *login,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (host != NULL && *host != '\0');
  g_return_if_fail (login != NULL && *login != '\0');
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, eo_secrets_clear_async);

  secret_password_clear (eo_secrets_get_schema (), cancellable,
                         clear_cb, g_steal_pointer (&task),
                         "host", host,
                         "login", login,
                         NULL);
}

/* TRUE when no key is stored any more for that host and login (also when there was none) */
gboolean
eo_secrets_clear_finish (GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == eo_secrets_clear_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

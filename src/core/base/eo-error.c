/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eo-error.c
 *
 * The core library's error domain and the mapping of the service's error codes.
 */

#include "config.h"

#include <inttypes.h>

#include "eo-error.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>

G_DEFINE_QUARK (eo-error-quark, eo_error)

gboolean
eo_error_is_cancelled (const GError *error)
{
  return g_error_matches (error, EO_ERROR, EO_ERROR_CANCELLED) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

gboolean
eo_error_is_refusal (const GError *error)
{
  return error != NULL &&
         error->domain == EO_ERROR &&
         error->code >= EO_ERROR_SERVICE_BUG;
}

gboolean
eo_error_is_retryable (const GError *error)
{
  if (error == NULL || error->domain != EO_ERROR)
    return FALSE;

  switch ((EoError) error->code)
    {
    case EO_ERROR_NETWORK:
    case EO_ERROR_TIMEOUT:
    case EO_ERROR_HTTP_STATUS:
    case EO_ERROR_NOT_JSON:
    case EO_ERROR_TOO_LARGE:
    case EO_ERROR_RATE_LIMITED:
      return TRUE;

    case EO_ERROR_FAILED:
    case EO_ERROR_INVALID_INPUT:
    case EO_ERROR_NO_ACCOUNT:
    case EO_ERROR_TLS:
    case EO_ERROR_BAD_SIGNATURE:
    case EO_ERROR_BAD_REPLY:
    case EO_ERROR_CANCELLED:
    case EO_ERROR_SERVICE_BUG:
    case EO_ERROR_WRONG_DATA:
    case EO_ERROR_WRONG_KEY:
    case EO_ERROR_WRONG_LOGIN:
    case EO_ERROR_IP_DENIED:
    case EO_ERROR_ACCOUNT_DISABLED:
    case EO_ERROR_NO_SUCH_ORDER:
    case EO_ERROR_API_OTHER:
    default:
      return FALSE;
    }
}

EoError
eo_error_from_api_code (gint64 api_code)
{
  switch (api_code)
    {
    case 1:
    case 2:
    case 201:
    case 203:
    case 303:
      return EO_ERROR_SERVICE_BUG;
    case 3:
      return EO_ERROR_WRONG_DATA;
    case 4:
      return EO_ERROR_WRONG_KEY;
    case 5:
      return EO_ERROR_WRONG_LOGIN;
    case 6:
      return EO_ERROR_IP_DENIED;
    case 7:
      return EO_ERROR_ACCOUNT_DISABLED;
    case 8:
      return EO_ERROR_RATE_LIMITED;
    case 200:
    case 302:
    case 400:
      return EO_ERROR_NO_SUCH_ORDER;
    default:
      return EO_ERROR_API_OTHER;
    }
}

static const char *
explain_api_code (EoError code)
{
  switch (code)
    {
    case EO_ERROR_SERVICE_BUG:
      return _("The service rejected the request as malformed. This is a bug in Expertam Orders; please report it.");
    case EO_ERROR_WRONG_DATA:
      return _("The service did not accept the data. Check the order number and the fields.");
    case EO_ERROR_WRONG_KEY:
      return _("The API key or the login is wrong. Check them in Preferences.");
    case EO_ERROR_WRONG_LOGIN:
      return _("The service does not know this login. Check the login in Preferences.");
    case EO_ERROR_IP_DENIED:
      return _("The account does not allow API access from this computer’s IP address. Allow it in the account’s API settings.");
    case EO_ERROR_ACCOUNT_DISABLED:
      return _("The account is disabled. Contact the service’s support.");
    case EO_ERROR_RATE_LIMITED:
      return _("The service’s API request limit is used up, or the API is disabled for the account. Try again later.");
    case EO_ERROR_NO_SUCH_ORDER:
      return _("There is no order with this number.");
    case EO_ERROR_API_OTHER:
    case EO_ERROR_FAILED:
    case EO_ERROR_INVALID_INPUT:
    case EO_ERROR_NO_ACCOUNT:
    case EO_ERROR_NETWORK:
    case EO_ERROR_TLS:
    case EO_ERROR_TIMEOUT:
    case EO_ERROR_HTTP_STATUS:
    case EO_ERROR_NOT_JSON:
    case EO_ERROR_TOO_LARGE:
    case EO_ERROR_BAD_SIGNATURE:
    case EO_ERROR_BAD_REPLY:
    case EO_ERROR_CANCELLED:
    default:
      return _("The service refused the request.");
    }
}

GError *
eo_error_new_from_api (gint64      api_code,
                       const char *error_text)
{
  EoError code = eo_error_from_api_code (api_code);
  g_autofree char *text = eo_sanitize_text (error_text != NULL ? error_text : "", 200);

  /* Translators: the first %s explains the problem; then the service's own error code and text */
  return g_error_new (EO_ERROR, code, _("%s (service error %" PRId64 ": %s)"),
                      explain_api_code (code), api_code, text);
}

char *
eo_sanitize_text (const char *text,
                  gsize       max_chars)
{
  GString *out;
  const char *p;
  gsize n = 0;

  if (text == NULL)
    return g_strdup ("");

  out = g_string_new (NULL);
  p = text;
  while (*p != '\0')
    {
      gunichar c = g_utf8_get_char_validated (p, -1);

      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          g_string_append_unichar (out, 0xFFFD);
          p++;
        }
      else
        {
          if (n >= max_chars)
            {
              g_string_append (out, "…");
              break;
            }
          if (g_unichar_iscntrl (c) || c == 0x2028 || c == 0x2029 ||
              (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069))
            g_string_append_c (out, ' ');
          else
            g_string_append_unichar (out, c);
          p = g_utf8_next_char (p);
        }
      n++;
    }

  return g_string_free (out, FALSE);
}

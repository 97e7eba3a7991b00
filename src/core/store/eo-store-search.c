/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eo-store-search.c: searching the saved orders offline (the full-text and phone indexes) */

#include "config.h"

#include "eo-store-private.h"

#include <string.h>

/* An FTS5 query where every word of the text is a quoted phrase matched as a prefix (the
 * person's text never becomes FTS syntax); NULL when there is no word to look for */
char *
eo_store_build_fts_query (const char *text)
{
  g_autofree char *folded = eo_store_fold_text (text);
  g_auto(GStrv) words = g_strsplit_set (folded, " \t\r\n", -1);
  GString *query = g_string_new (NULL);

  for (guint i = 0; words[i] != NULL; i++)
    {
      gboolean has_word_char = FALSE;

      for (const char *p = words[i]; *p != '\0'; p = g_utf8_next_char (p))
        {
          if (g_unichar_isalnum (g_utf8_get_char (p)))
            {
              has_word_char = TRUE;
              break;
            }
        }

      if (!has_word_char)
        continue;

      if (query->len > 0)
        g_string_append_c (query, ' ');
      g_string_append_c (query, '"');
      for (const char *p = words[i]; *p != '\0'; p++)
        {
          if (*p == '"')
            g_string_append_c (query, '"');
          g_string_append_c (query, *p);
        }
      g_string_append (query, "\"*");
    }

  if (query->len == 0)
    {
      g_string_free (query, TRUE);
      return NULL;
    }

  return g_string_free (query, FALSE);
}

/* The digits of a text made only of digits and the punctuation of phone and tracking numbers
 * ("+7 (912) 345-67-89"); NULL for any other text */
static char *
digits_of_number_text (const char *text)
{
  GString *digits = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        g_string_append_c (digits, *p);
      else if (strchr (" \t+-().", *p) == NULL)
        {
          g_string_free (digits, TRUE);
          return NULL;
        }
    }

  return g_string_free (digits, FALSE);
}

/* The text without spaces and dashes when that leaves 5 or more ASCII letters and digits and
 * nothing else, and spaces or dashes were there; NULL otherwise */
static char *
compact_word (const char *text)
{
  GString *compact = g_string_new (NULL);
  gboolean removed = FALSE;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == ' ' || *p == '-' || *p == '\t')
        removed = TRUE;
      else if (g_ascii_isalnum (*p))
        g_string_append_c (compact, *p);
      else
        {
          removed = FALSE;
          break;
        }
    }

  if (!removed || compact->len < 5)
    {
      g_string_free (compact, TRUE);
      return NULL;
    }

  return g_string_free (compact, FALSE);
}

static GListModel *
search_locked (EoStore     *self,
               const char  *text,
               guint        limit,
               GError     **error)
{
  static const char words_sql[] =
    "SELECT " ORDER_COLUMNS " FROM orders WHERE bill_id IN"
    " (SELECT rowid FROM orders_fts WHERE orders_fts MATCH ?1 ORDER BY rowid DESC LIMIT ?2)"
    " AND " ACCOUNT_MATCHES
    " ORDER BY bill_id DESC";
  /* Or the digits anywhere in the phone (a quoted trigram phrase); or, after a leading 7 or 8,
   * the national number's start */
  static const char number_sql[] =
    "SELECT " ORDER_COLUMNS " FROM orders WHERE bill_id IN"
    " (SELECT rowid FROM"
    "   (SELECT rowid FROM orders_fts WHERE orders_fts MATCH ?1 ORDER BY rowid DESC LIMIT ?2)"
    "  UNION SELECT rowid FROM"
    "   (SELECT rowid FROM orders_phone_fts WHERE orders_phone_fts MATCH ?3"
    "    ORDER BY rowid DESC LIMIT ?2))"
    " AND " ACCOUNT_MATCHES
    " ORDER BY bill_id DESC LIMIT ?2";
  static const char number_national_sql[] =
    "SELECT " ORDER_COLUMNS " FROM orders WHERE bill_id IN"
    " (SELECT rowid FROM"
    "   (SELECT rowid FROM orders_fts WHERE orders_fts MATCH ?1 ORDER BY rowid DESC LIMIT ?2)"
    "  UNION SELECT rowid FROM"
    "   (SELECT rowid FROM orders_phone_fts WHERE orders_phone_fts MATCH ?3"
    "    ORDER BY rowid DESC LIMIT ?2)"
    "  UNION SELECT bill_id FROM"
    "   (SELECT o.bill_id FROM orders_phone_fts AS f JOIN orders AS o ON o.bill_id = f.rowid"
    "    WHERE orders_phone_fts MATCH ?4 AND substr (o.phone_digits, 1, ?5) = ?6"
    "    ORDER BY o.bill_id DESC LIMIT ?2))"
    " AND " ACCOUNT_MATCHES
    " ORDER BY bill_id DESC LIMIT ?2";
  g_autofree char *trimmed = g_strstrip (g_strdup (text != NULL ? text : ""));
  g_autofree char *query = NULL;
  g_autofree char *digits = NULL;
  g_autofree char *compact = NULL;
  sqlite3_stmt *stmt;

  query = eo_store_build_fts_query (trimmed);
  if (query == NULL)
    return eo_store_recent_orders_locked (self, limit, error);

  /* "RA 1234 5678 5RU": a tracking number is one word in the index */
  compact = compact_word (trimmed);
  if (compact != NULL)
    {
      g_autofree char *words = g_steal_pointer (&query);

      query = g_strdup_printf ("(%s) OR \"%s\"*", words, compact);
    }

  digits = digits_of_number_text (trimmed);
  if (digits != NULL && strlen (digits) >= 5)
    {
      g_autofree char *phrase = g_strdup_printf ("\"%s\"", digits);

      /* The digits as one word: an order number, or a tracking number typed in groups
       * ("620014 11 00001 6"); the groups alone ("+7" "(912)") would match half the index */
      g_free (query);
      query = g_strdup_printf ("%s*", phrase);

      if ((digits[0] == '7' || digits[0] == '8') && strlen (digits) >= 6)
        {
          const char *national = digits + 1;
          g_autofree char *national_phrase = g_strdup_printf ("\"%s\"", national);

          stmt = eo_store_stmt (self, number_national_sql, error);
          if (stmt == NULL)
            return NULL;
          eo_store_bind_text (stmt, 4, national_phrase);
          sqlite3_bind_int64 (stmt, 5, strlen (national));
          eo_store_bind_text (stmt, 6, national);
        }
      else
        {
          stmt = eo_store_stmt (self, number_sql, error);
          if (stmt == NULL)
            return NULL;
        }
      eo_store_bind_text (stmt, 3, phrase);
    }
  else
    {
      stmt = eo_store_stmt (self, words_sql, error);
      if (stmt == NULL)
        return NULL;
    }

  eo_store_bind_text (stmt, 1, query);
  sqlite3_bind_int64 (stmt, 2, limit);
  eo_store_bind_account (self, stmt);

  return eo_store_collect_orders (self, stmt, error);
}

GListModel *
eo_store_search (EoStore     *self,
                 const char  *text,
                 guint        limit,
                 GError     **error)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_val_if_fail (EO_IS_STORE (self), NULL);

  locker = g_mutex_locker_new (&self->lock);

  return search_locked (self, text, limit, error);
}

static void
search_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  EoStoreCall *call = task_data;
  GError *error = NULL;
  GListModel *orders;

  /* A newer search has replaced this one */
  if (g_task_return_error_if_cancelled (task))
    return;

  orders = eo_store_search (source_object, call->text, call->limit, &error);
  if (orders == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, orders, g_object_unref);
}

void
eo_store_search_async (EoStore             *self,
                       const char          *text,
                       guint                limit,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  EoStoreCall *call = g_new0 (EoStoreCall, 1);

  g_return_if_fail (EO_IS_STORE (self));

  call->text = g_strdup (text);
  call->limit = limit;
  task = eo_store_task_new (self, eo_store_search_async, call, cancellable, callback, user_data);
  eo_store_task_run (task, search_thread);
}

GListModel *
eo_store_search_finish (EoStore       *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (eo_store_task_check (self, result, eo_store_search_async), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

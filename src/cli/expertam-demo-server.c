/* SPDX-License-Identifier: GPL-3.0-or-later */
/* expertam-demo-server.c: `expertam demo-server`: the demo shop on loopback, until interrupted */

#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <glib-unix.h>

#include <glib/gi18n.h>

#include "eo-demo-server.h"
#include "expertam-private.h"

static gboolean
quit_on_signal_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_CONTINUE;
}

gboolean
expertam_builtin_demo_server (char   **args,
                              GError **error)
{
  gboolean help = FALSE;
  int n_orders = 0;
  int latency = 0;
  gboolean print_changes = FALSE;
  /* For the tests and benchmarks, not in --help */
  const GOptionEntry entries[] = {
    { "orders", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_INT, &n_orders, NULL, NULL },
    { "latency", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_INT, &latency, NULL, NULL },
    { "print-changes", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_NONE, &print_changes, NULL, NULL },
    HELP_ENTRY (&help),
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    expertam_option_context_new (NULL,
                                 _("Run the demo shop on this computer and print its URL, login "
                                   "and key, until interrupted."),
                                 _("Use it with: EXPERTAM_API_URL=URL EXPERTAM_LOGIN=demo "
                                   "EXPERTAM_API_KEY=KEY expertam show 1001"));
  g_autoptr(EoDemoServer) server = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  guint sigint_id, sigterm_id;

  if (!expertam_parse_options (context, entries, &args, error))
    return FALSE;

  if (help)
    return expertam_print_help (context);

  if (g_strv_length (args) != 1)
    return expertam_fail_arguments (error, _("demo-server takes no arguments"));

  if (n_orders < 0 || n_orders > 100000 || latency < 0 || latency > 60000)
    return expertam_fail_arguments (error, _("--orders is from 0 to 100000, --latency from 0 to "
                                             "60000 ms"));

  server = eo_demo_server_new ();
  eo_demo_server_add_synthetic_orders (server, (guint) n_orders);
  eo_demo_server_set_latency (server, (guint) latency);
  if (!eo_demo_server_start (server, error))
    return FALSE;

  loop = g_main_loop_new (NULL, FALSE);
  sigint_id = g_unix_signal_add (SIGINT, quit_on_signal_cb, loop);
  sigterm_id = g_unix_signal_add (SIGTERM, quit_on_signal_cb, loop);

  expertam_print_line ("url: %s", eo_demo_server_get_url (server));
  expertam_print_line ("login: %s", eo_demo_server_get_login (server));
  expertam_print_line ("key: %s", eo_demo_server_get_secret (server));
  fflush (stdout);

  g_main_loop_run (loop);

  g_source_remove (sigint_id);
  g_source_remove (sigterm_id);
  eo_demo_server_stop (server);

  /* the status changes it applied, a line each: "change: BILL_ID STATUS RPO" */
  if (print_changes)
    {
      g_autoptr(JsonNode) changes = eo_demo_server_dup_changes (server);
      JsonArray *array = json_node_get_array (changes);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonObject *change = json_array_get_object_element (array, i);
          const char *rpo = json_object_get_string_member_with_default (change, "rpo", NULL);

          expertam_print_line ("change: %" G_GINT64_FORMAT " %s %s",
                               json_object_get_int_member (change, "bill_id"),
                               json_object_get_string_member (change, "status"),
                               rpo != NULL ? rpo : "-");
        }
      fflush (stdout);
    }

  return TRUE;
}

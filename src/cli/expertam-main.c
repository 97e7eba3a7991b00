/* SPDX-License-Identifier: GPL-3.0-or-later */
/* expertam-main.c: the `expertam` command: its table of subcommands, --help, and exit statuses
 *
 * A thin front end on the core library for scripts and the terminal. Each subcommand is a
 * builtin in its own expertam-CMD.c that returns FALSE with a GError on failure; this is the one
 * place where that error becomes the one line on stderr and the exit status. Every core call is
 * async; each builtin waits for its result by iterating the default main context, so the
 * builtins read top to bottom.
 */

#include "config.h"

#include <errno.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "eo-error.h"
#include "eo-tracking.h"
#include "expertam-private.h"

typedef struct
{
  const char      *name;
  const char      *summary;
  ExpertamBuiltin  run;
} Command;

static const Command commands[] = {
  { "show", N_("Show an order, human-readable or as JSON"), expertam_builtin_show },
  { "ship", N_("Mark an order sent, with its tracking number and date"), expertam_builtin_ship },
  { "status", N_("Mark an order paid, returned or cancelled"), expertam_builtin_status },
  { "ship-batch", N_("Mark many orders sent from a CSV or TSV file"),
    expertam_builtin_ship_batch },
  { "outbox", N_("List the changes waiting to be sent; send them again"),
    expertam_builtin_outbox },
  { "sync", N_("Fetch the shop’s paid orders into the order history"), expertam_builtin_sync },
  { "to-ship", N_("List the paid orders waiting for a parcel (syncs first)"),
    expertam_builtin_to_ship },
  { "set-aside", N_("Take an order off the to-ship list, or put it back"),
    expertam_builtin_set_aside },
  { "scan", N_("Mark orders sent from a barcode scanner: order, then tracking number"),
    expertam_builtin_scan },
  { "customer", N_("List a customer’s orders by e-mail"), expertam_builtin_customer },
  { "print", N_("Print postal forms and packing slips of orders to a PDF"),
    expertam_builtin_print },
  { "sender", N_("Set or show the sender’s details for the postal forms"),
    expertam_builtin_sender_details },
  { "search", N_("Find saved orders by name, phone, e-mail, city… (offline)"),
    expertam_builtin_search },
  { "login", N_("Store the API key (read from standard input) in the keyring"),
    expertam_builtin_login },
  { "api", N_("Call any API method, signed; print the verified reply as JSON"),
    expertam_builtin_api },
  { "demo-server", N_("Run the demo shop on loopback and print its URL, login and key"),
    expertam_builtin_demo_server },
};

G_DEFINE_QUARK (expertam-error-quark, expertam_error)

/* The exit status for an error: the command's own name theirs; the core's are sorted here */
int
expertam_status_for_error (const GError *error)
{
  if (error->domain == EXPERTAM_ERROR)
    {
      switch ((ExpertamError) error->code)
        {
        case EXPERTAM_ERROR_NOTHING_FOUND:
          return EXIT_DONE;
        case EXPERTAM_ERROR_REFUSED:
          return EXIT_REFUSED;
        case EXPERTAM_ERROR_USAGE:
          return EXIT_USAGE;
        case EXPERTAM_ERROR_FAILED:
        default:
          return EXIT_FAILED;
        }
    }

  if (eo_error_is_refusal (error))
    return EXIT_REFUSED;

  if (error->domain == EO_TRACKING_ERROR ||
      g_error_matches (error, EO_STORE_ERROR, EO_STORE_ERROR_INVALID) ||
      g_error_matches (error, EO_STORE_ERROR, EO_STORE_ERROR_NOT_FOUND) ||
      g_error_matches (error, EO_ERROR, EO_ERROR_INVALID_INPUT) ||
      g_error_matches (error, EO_ERROR, EO_ERROR_NO_ACCOUNT))
    return EXIT_USAGE;

  return EXIT_FAILED;
}

/* Options */

GOptionContext *
expertam_option_context_new (const char *parameters,
                             const char *summary,
                             const char *description)
{
  GOptionContext *context = g_option_context_new (parameters);

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_help_enabled (context, FALSE);
  g_option_context_set_summary (context, summary);
  if (description != NULL)
    g_option_context_set_description (context, description);

  return context;
}

gboolean
expertam_parse_options (GOptionContext      *context,
                        const GOptionEntry  *entries,
                        char              ***args,
                        GError             **error)
{
  g_autoptr(GError) local_error = NULL;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  if (!g_option_context_parse_strv (context, args, &local_error))
    {
      g_set_error (error, EXPERTAM_ERROR, EXPERTAM_ERROR_USAGE, _("%s (see “%s --help”)"),
                   local_error->message, g_get_prgname ());
      return FALSE;
    }

  /* GOptionContext leaves the "--" that lets an argument start with a dash */
  if (g_strv_length (*args) > 1 && g_str_equal ((*args)[1], "--"))
    {
      char **rest = *args + 1;

      g_free (rest[0]);
      memmove (rest, rest + 1, (g_strv_length (rest + 1) + 1) * sizeof (char *));
    }

  return TRUE;
}

gboolean
expertam_print_help (GOptionContext *context)
{
  g_autofree char *text = g_option_context_get_help (context, TRUE, NULL);

  expertam_print_out (text);
  return TRUE;
}

gboolean
expertam_fail_arguments (GError     **error,
                         const char  *what)
{
  g_set_error (error, EXPERTAM_ERROR, EXPERTAM_ERROR_USAGE, _("%s (see “%s --help”)"), what,
               g_get_prgname ());
  return FALSE;
}

/* main */

static void
print_usage (void)
{
  g_autoptr(GString) text = g_string_new (NULL);

  g_string_append_printf (text, "%s\n  expertam %s\n\n%s\n\n%s\n",
                          _("Usage:"), _("COMMAND [OPTION…]"),
                          _("Run an Expertam or JustClick shop’s orders from the command line."),
                          _("Commands:"));

  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_string_append_printf (text, "  %-13s%s\n", commands[i].name, _(commands[i].summary));
    }

  g_string_append_printf (text, "\n%s\n%s\n%s\n",
                          _("Run “expertam COMMAND --help” for a command’s options."),
                          _("The account comes from the app’s settings and the keyring, or from "
                            "EXPERTAM_LOGIN, EXPERTAM_API_KEY and EXPERTAM_API_URL."),
                          _("Exit status: 0 done, 1 the service refused, 2 bad usage or input, "
                            "3 network, TLS or reply failure."));

  expertam_print_out (text->str);
}

static int
fail (int         status,
      const char *message)
{
  expertam_print_error_line (message);
  return status;
}

int
main (int   argc,
      char *argv[])
{
  const Command *command = NULL;
  g_auto(GStrv) args = NULL;
  g_autofree char *prgname = NULL;
  g_autoptr(GError) error = NULL;
  int status = EXIT_DONE;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_set_prgname ("expertam");

  if (argc < 2)
    return fail (EXIT_USAGE, _("Give a command (see “expertam --help”)"));

  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") ||
      g_str_equal (argv[1], "help"))
    {
      print_usage ();
      return EXIT_DONE;
    }

  if (g_str_equal (argv[1], "--version"))
    {
      expertam_print_line ("expertam %s", PACKAGE_VERSION);
      return EXIT_DONE;
    }

  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      if (g_str_equal (argv[1], commands[i].name))
        command = &commands[i];
    }

  if (command == NULL)
    {
      g_autofree char *shown = eo_sanitize_text (argv[1], 100);
      g_autofree char *message = g_strdup_printf (_("“%s” is not a command (see “expertam "
                                                    "--help”)"), shown);

      return fail (EXIT_USAGE, message);
    }

  /* "expertam show" in the command's usage and error lines */
  prgname = g_strdup_printf ("expertam %s", command->name);
  g_set_prgname (prgname);

  args = g_new0 (char *, argc);
  args[0] = g_strdup (prgname);
  for (int i = 2; i < argc; i++)
    args[i - 1] = g_strdup (argv[i]);

  /* The one place an error becomes the line on stderr and the exit status */
  if (!command->run (args, &error))
    {
      g_assert (error != NULL);
      status = fail (expertam_status_for_error (error), error->message);
    }

  if (fflush (stdout) != 0 || ferror (stdout))
    {
      g_autofree char *message = g_strdup_printf (_("Could not write the output: %s"),
                                                  g_strerror (errno));

      return fail (EXIT_FAILED, message);
    }

  return status;
}

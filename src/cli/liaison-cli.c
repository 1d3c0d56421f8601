/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <stdlib.h>

#include "liaison-cli-backup.h"
#include "liaison-core.h"

/*
 * liaison-cli: the headless face of Liaison, for scripts and cron.
 * Exit status: 0 success, 1 failure (message on stderr), 2 wrong usage.
 */

#define EXIT_USAGE 2

static char *database_path;
static gboolean show_version;

static const GOptionEntry global_entries[] = {
  { "database", 'd', 0, G_OPTION_ARG_FILENAME, &database_path,
    N_("The database to use (default: the user’s Liaison database)"), N_("PATH") },
  { "version", 0, 0, G_OPTION_ARG_NONE, &show_version, N_("Print the version and exit"), NULL },
  { NULL }
};

typedef int (*CommandFunc) (int argc, char **argv);

static int
fail (GError *error)
{
  g_printerr ("liaison-cli: %s\n", error->message);
  g_error_free (error);
  return EXIT_FAILURE;
}

static int
usage (GOptionContext *context,
       const char     *message)
{
  g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);

  if (message)
    g_printerr ("liaison-cli: %s\n\n", message);
  g_printerr ("%s", help);
  return EXIT_USAGE;
}

static gboolean
parse (GOptionContext  *context,
       int             *argc,
       char          ***argv,
       int             *status)
{
  g_autoptr(GError) error = NULL;

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      *status = usage (context, error->message);
      return FALSE;
    }
  return TRUE;
}

static LiaisonStore *
open_store (LiaisonStoreOpenFlags   flags,
            GError                **error)
{
  g_autofree char *path = database_path ? g_strdup (database_path) : liaison_store_get_default_path ();
  LiaisonStore *store = liaison_store_open (path, flags, error);

  if (store != NULL)
    liaison_cli_apply_settings (store);
  return store;
}

static int cmd_backup (int argc, char **argv) { return liaison_cli_backup (database_path, argc, argv); }
static int cmd_restore (int argc, char **argv) { return liaison_cli_restore (database_path, argc, argv); }
static int cmd_backups (int argc, char **argv) { return liaison_cli_backups (database_path, argc, argv); }

static int
cmd_init (int    argc,
          char **argv)
{
  gboolean empty = FALSE;
  const GOptionEntry entries[] = {
    { "empty", 0, 0, G_OPTION_ARG_NONE, &empty, N_("Create the database without the seed records"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(LiaisonStore) store = NULL;
  g_autofree char *path = database_path ? g_strdup (database_path) : liaison_store_get_default_path ();
  GError *error = NULL;
  int status;

  g_option_context_set_summary (context, _("Create a database, with the seed records unless --empty is given."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!parse (context, &argc, &argv, &status))
    return status;
  if (argc > 1)
    return usage (context, _("init takes no arguments"));

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_printerr (_("liaison-cli: “%s” already exists; choose another path with --database\n"), path);
      return EXIT_FAILURE;
    }

  store = liaison_store_open (path, empty ? LIAISON_STORE_OPEN_DEFAULT : LIAISON_STORE_OPEN_SEED, &error);
  if (store == NULL)
    return fail (error);

  g_print (_("Created %s\n"), path);
  return EXIT_SUCCESS;
}

/* Writes through @func to @output, or to standard output when @output is NULL. */
typedef gboolean (*WriteFunc) (const char  *path,
                               gpointer     data,
                               GError     **error);

static int
write_output (const char *output,
              WriteFunc   func,
              gpointer    data)
{
  g_autofree char *tmp_dir = NULL;
  g_autofree char *target = NULL;
  g_autofree char *contents = NULL;
  GError *error = NULL;
  gsize length;
  gboolean ok;

  if (output != NULL)
    return func (output, data, &error) ? EXIT_SUCCESS : fail (error);

  tmp_dir = g_dir_make_tmp ("liaison-cli-XXXXXX", &error);
  if (tmp_dir == NULL)
    return fail (error);
  target = g_build_filename (tmp_dir, "output", NULL);

  ok = func (target, data, &error) && g_file_get_contents (target, &contents, &length, &error);
  g_remove (target);
  g_rmdir (tmp_dir);
  if (!ok)
    return fail (error);

  fwrite (contents, 1, length, stdout);
  return EXIT_SUCCESS;
}

typedef struct {
  LiaisonStore     *store;
  LiaisonQuery     *query;
  LiaisonIcalStats  ical;
} ExportData;

static gboolean
export_xml (const char  *path,
            gpointer     data,
            GError     **error)
{
  ExportData *export = data;

  return liaison_export_to_file (export->store, path, NULL, NULL, NULL, error);
}

static gboolean
export_csv (const char  *path,
            gpointer     data,
            GError     **error)
{
  ExportData *export = data;

  return liaison_csv_export (export->store, export->query, path, NULL, NULL, NULL, error);
}

static gboolean
export_ics (const char  *path,
            gpointer     data,
            GError     **error)
{
  ExportData *export = data;

  return liaison_ical_export (export->store, NULL, path, &export->ical, NULL, NULL, NULL, error);
}

static int
cmd_export (int    argc,
            char **argv)
{
  g_autofree char *output = NULL;
  g_autofree char *format = NULL;
  g_autofree char *kind_name = NULL;
  const GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format, N_("xml (everything, for exchange; the default), csv (one list) or ics (events)"), N_("FORMAT") },
    { "kind", 'k', 0, G_OPTION_ARG_STRING, &kind_name, N_("With --format csv: institutions, people, agreements, events or sources"), N_("KIND") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write to FILE instead of standard output"), N_("FILE") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(LiaisonStore) store = NULL;
  g_autoptr(LiaisonQuery) query = NULL;
  ExportData export = { NULL, NULL, { 0, 0 } };
  LiaisonRecordKind kind = LIAISON_RECORD_AGREEMENT;
  WriteFunc func;
  GError *error = NULL;
  int status;

  g_option_context_set_summary (context, _("Export every record as a Liaison XML document, a list as CSV, or the events as iCalendar."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!parse (context, &argc, &argv, &status))
    return status;
  if (argc > 1)
    return usage (context, _("export takes no arguments"));

  if (format == NULL || g_str_equal (format, "xml"))
    func = export_xml;
  else if (g_str_equal (format, "csv"))
    func = export_csv;
  else if (g_str_equal (format, "ics"))
    func = export_ics;
  else
    return usage (context, _("--format must be xml, csv or ics"));

  if (func == export_csv && (kind_name == NULL || !liaison_record_kind_from_string (kind_name, &kind)))
    return usage (context, _("--format csv needs --kind institutions, people, agreements, events or sources"));
  if (func != export_csv && kind_name != NULL)
    return usage (context, _("--kind goes with --format csv only"));

  store = open_store (LIAISON_STORE_OPEN_SEED, &error);
  if (store == NULL)
    return fail (error);

  query = liaison_query_new (kind);
  export.store = store;
  export.query = query;

  status = write_output (output, func, &export);
  if (status == EXIT_SUCCESS && func == export_ics && export.ical.skipped > 0)
    g_printerr (g_dngettext (GETTEXT_PACKAGE,
                             "liaison-cli: wrote %u events; skipped %u event whose date is not a whole day (a year, a month, or a day with no year)\n",
                             "liaison-cli: wrote %u events; skipped %u events whose dates are not whole days (a year, a month, or a day with no year)\n",
                             export.ical.skipped),
                export.ical.written, export.ical.skipped);
  return status;
}

typedef struct {
  LiaisonStore        *store;
  LiaisonReport       *report;
  LiaisonReportFormat  format;
} ReportData;

static gboolean
write_report (const char  *path,
              gpointer     data,
              GError     **error)
{
  ReportData *report = data;

  return liaison_report_write (report->store, report->report, path, report->format, NULL, NULL, NULL, error);
}

static int
cmd_report (int    argc,
            char **argv)
{
  g_autofree char *status_filter = NULL;
  g_autofree char *kind_filter = NULL;
  g_autofree char *institution = NULL;
  g_autofree char *tag = NULL;
  g_autofree char *signed_from = NULL;
  g_autofree char *signed_to = NULL;
  g_autofree char *ending_before = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *search = NULL;
  g_autofree char *today = NULL;
  g_autofree char *format = NULL;
  g_autofree char *output = NULL;
  int within = LIAISON_REPORT_DEFAULT_HORIZON;
  const GOptionEntry entries[] = {
    { "status", 0, 0, G_OPTION_ARG_STRING, &status_filter, N_("agreements: only this status"), N_("STATUS") },
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind_filter, N_("agreements: only this kind"), N_("KIND") },
    { "institution", 0, 0, G_OPTION_ARG_STRING, &institution, N_("agreements: only those this institution is a party to"), N_("ID|NAME") },
    { "tag", 0, 0, G_OPTION_ARG_STRING, &tag, N_("agreements, events: only those with this tag"), N_("TAG") },
    { "signed-from", 0, 0, G_OPTION_ARG_STRING, &signed_from, N_("agreements: signed on or after DATE"), N_("DATE") },
    { "signed-to", 0, 0, G_OPTION_ARG_STRING, &signed_to, N_("agreements: signed on or before DATE"), N_("DATE") },
    { "ending-before", 0, 0, G_OPTION_ARG_STRING, &ending_before, N_("agreements: ending before DATE"), N_("DATE") },
    { "within", 0, 0, G_OPTION_ARG_INT, &within, N_("agreements: list what ends or falls due within N days (default 90)"), N_("N") },
    { "today", 0, 0, G_OPTION_ARG_STRING, &today, N_("agreements: count the N days from DATE instead of today"), N_("DATE") },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from, N_("events: on or after DATE"), N_("DATE") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_("events: on or before DATE"), N_("DATE") },
    { "search", 's', 0, G_OPTION_ARG_STRING, &search, N_("agreements, events: only those whose text contains TEXT"), N_("TEXT") },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format, N_("xml (the default) or html"), N_("FORMAT") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write to FILE instead of standard output"), N_("FILE") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("agreements|institution ID|NAME|events");
  g_autoptr(LiaisonStore) store = NULL;
  g_autoptr(LiaisonReport) report = NULL;
  ReportData data = { NULL, NULL, LIAISON_REPORT_FORMAT_XML };
  LiaisonReportKind kind;
  GError *error = NULL;
  int status;

  g_option_context_set_summary (context, _("Write a report as XML (with its schema and stylesheet) or as a page of HTML."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!parse (context, &argc, &argv, &status))
    return status;
  if (argc < 2 || !liaison_report_kind_from_string (argv[1], &kind))
    return usage (context, _("report needs one of agreements, institution or events"));
  if (kind == LIAISON_REPORT_INSTITUTION ? argc != 3 : argc != 2)
    return usage (context, kind == LIAISON_REPORT_INSTITUTION ? _("report institution needs exactly one ID or NAME")
                                                              : _("too many arguments"));

  if (kind != LIAISON_REPORT_AGREEMENTS &&
      (status_filter || kind_filter || institution || signed_from || signed_to || ending_before || today ||
       within != LIAISON_REPORT_DEFAULT_HORIZON))
    return usage (context, _("--status, --kind, --institution, --signed-from, --signed-to, --ending-before, --within and --today go with agreements reports only"));
  if (kind != LIAISON_REPORT_EVENTS && (from || to))
    return usage (context, _("--from and --to go with events reports only"));
  if (kind == LIAISON_REPORT_INSTITUTION && (tag || search))
    return usage (context, _("--tag and --search do not go with an institution profile"));
  if (within < 0)
    return usage (context, _("--within must not be negative"));

  if (format == NULL || g_str_equal (format, "xml"))
    data.format = LIAISON_REPORT_FORMAT_XML;
  else if (g_str_equal (format, "html"))
    data.format = LIAISON_REPORT_FORMAT_HTML;
  else
    return usage (context, _("--format must be xml or html"));

  report = liaison_report_new (kind);
  report->status = g_steal_pointer (&status_filter);
  report->agreement_kind = g_steal_pointer (&kind_filter);
  report->institution = kind == LIAISON_REPORT_INSTITUTION ? g_strdup (argv[2]) : g_steal_pointer (&institution);
  report->tag = g_steal_pointer (&tag);
  report->signed_from = g_steal_pointer (&signed_from);
  report->signed_to = g_steal_pointer (&signed_to);
  report->ending_before = g_steal_pointer (&ending_before);
  report->from = g_steal_pointer (&from);
  report->to = g_steal_pointer (&to);
  report->search = g_steal_pointer (&search);
  report->today = g_steal_pointer (&today);
  report->horizon = (guint) within;

  store = open_store (LIAISON_STORE_OPEN_SEED, &error);
  if (store == NULL)
    return fail (error);

  data.store = store;
  data.report = report;
  return write_output (output, write_report, &data);
}

static void
print_import_item_cb (LiaisonImportOutcome  outcome,
                      LiaisonRecordKind     kind,
                      const char           *uuid,
                      const char           *title,
                      int                   line,
                      gpointer              user_data)
{
  static const char * const words[] = {
    [LIAISON_IMPORT_NEW] = "new",
    [LIAISON_IMPORT_UPDATED] = "updated",
    [LIAISON_IMPORT_UNCHANGED] = "unchanged",
    [LIAISON_IMPORT_KEPT] = "kept",
    [LIAISON_IMPORT_CONFLICT] = "conflict",
  };
  gboolean *verbose = user_data;

  /* Unchanged records are the bulk of a repeated import: counted, not listed. */
  if (outcome == LIAISON_IMPORT_UNCHANGED && !*verbose)
    return;
  g_print ("%s\t%s\t%s\t%s\n", words[outcome], liaison_record_kind_to_string (kind), uuid, title);
}

static int
cmd_import (int    argc,
            char **argv)
{
  gboolean dry_run = FALSE;
  gboolean verbose = FALSE;
  g_autofree char *on_conflict = NULL;
  const GOptionEntry entries[] = {
    { "dry-run", 'n', 0, G_OPTION_ARG_NONE, &dry_run, N_("Check the file and tell what would change, changing nothing"), NULL },
    { "on-conflict", 0, 0, G_OPTION_ARG_STRING, &on_conflict, N_("What to do with records changed on both sides: fail (the default), keep (ours) or theirs"), N_("WHAT") },
    { "verbose", 'v', 0, G_OPTION_ARG_NONE, &verbose, N_("With --dry-run: list the unchanged records too"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("FILE"));
  g_autoptr(LiaisonStore) store = NULL;
  LiaisonImportStats stats = { 0 };
  LiaisonImportFlags flags = LIAISON_IMPORT_DEFAULT;
  GError *error = NULL;
  int status;

  g_option_context_set_summary (context, _("Import a Liaison XML document, all or nothing. Records match by UUID; "
                                           "a record changed both here and in the file since the last exchange is a conflict, "
                                           "which makes the import fail unless --on-conflict says which side to keep."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!parse (context, &argc, &argv, &status))
    return status;
  if (argc != 2)
    return usage (context, _("import needs exactly one FILE"));

  if (on_conflict == NULL || g_str_equal (on_conflict, "fail"))
    ;
  else if (g_str_equal (on_conflict, "keep"))
    flags |= LIAISON_IMPORT_KEEP_LOCAL;
  else if (g_str_equal (on_conflict, "theirs"))
    flags |= LIAISON_IMPORT_TAKE_THEIRS;
  else
    return usage (context, _("--on-conflict must be fail, keep or theirs"));
  if (dry_run)
    flags |= LIAISON_IMPORT_DRY_RUN;

  store = open_store (LIAISON_STORE_OPEN_SEED, &error);
  if (store == NULL)
    return fail (error);

  if (!liaison_import_file_full (store, argv[1], flags, dry_run ? print_import_item_cb : NULL, &verbose,
                                 &stats, NULL, NULL, NULL, &error))
    return fail (error);

  g_print (dry_run ? _("Would add %u, change %u, leave %u unchanged, keep %u newer here; %u conflicts\n")
                   : _("Added %u, changed %u, left %u unchanged, kept %u newer here; %u conflicts\n"),
           stats.added, stats.updated, stats.unchanged, stats.kept, stats.conflicts);
  return EXIT_SUCCESS;
}

static void
print_row (LiaisonRecord *record)
{
  LiaisonRecordKind kind = liaison_record_get_kind (record);
  static const char * const columns[LIAISON_N_RECORD_KINDS][3] = {
    [LIAISON_RECORD_SOURCE] = { "publisher", "date", NULL },
    [LIAISON_RECORD_INSTITUTION] = { "local-name", "kind", "city" },
    [LIAISON_RECORD_PERSON] = { "role", NULL, NULL },
    [LIAISON_RECORD_AGREEMENT] = { "status", "signed", "end" },
    [LIAISON_RECORD_EVENT] = { "date", "city", "kind" },
  };
  g_autoptr(GString) line = g_string_new (liaison_record_get_uuid (record));

  g_string_append_printf (line, "\t%s", liaison_record_get_title (record));
  for (guint i = 0; i < 3 && columns[kind][i]; i++)
    {
      const char *value = liaison_record_get_field (record, columns[kind][i]);
      g_string_append_printf (line, "\t%s", value ? value : "");
    }
  g_print ("%s\n", line->str);
}

static int
cmd_list (int    argc,
          char **argv)
{
  g_autofree char *search = NULL;
  g_autofree char *sort = NULL;
  g_autofree char *status_filter = NULL;
  g_autofree char *kind_filter = NULL;
  g_autofree char *tag = NULL;
  gboolean descending = FALSE;
  int limit = 0;
  const GOptionEntry entries[] = {
    { "search", 's', 0, G_OPTION_ARG_STRING, &search, N_("Only records whose text contains TEXT"), N_("TEXT") },
    { "sort", 0, 0, G_OPTION_ARG_STRING, &sort, N_("Sort by FIELD (e.g. name, title, date, signed, city)"), N_("FIELD") },
    { "descending", 0, 0, G_OPTION_ARG_NONE, &descending, N_("Sort in descending order"), NULL },
    { "status", 0, 0, G_OPTION_ARG_STRING, &status_filter, N_("Only agreements with this status"), N_("STATUS") },
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind_filter, N_("Only records of this kind"), N_("KIND") },
    { "tag", 0, 0, G_OPTION_ARG_STRING, &tag, N_("Only agreements or events with this tag"), N_("TAG") },
    { "limit", 'n', 0, G_OPTION_ARG_INT, &limit, N_("Print at most N records"), N_("N") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("institutions|people|agreements|events|sources");
  g_autoptr(LiaisonStore) store = NULL;
  g_autoptr(LiaisonQuery) query = NULL;
  g_autoptr(GArray) ids = NULL;
  LiaisonRecordKind kind;
  GError *error = NULL;
  int status;

  g_option_context_set_summary (context, _("List records, one per line: UUID, name and key fields, separated by tabs."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!parse (context, &argc, &argv, &status))
    return status;
  if (argc != 2 || !liaison_record_kind_from_string (argv[1], &kind))
    return usage (context, _("list needs one of institutions, people, agreements, events or sources"));
  if (limit < 0)
    return usage (context, _("--limit must not be negative"));

  store = open_store (LIAISON_STORE_OPEN_SEED, &error);
  if (store == NULL)
    return fail (error);

  query = liaison_query_new (kind);
  liaison_query_set_search (query, search);
  liaison_query_set_sort (query, sort, descending);
  query->status = g_steal_pointer (&status_filter);
  query->choice = g_steal_pointer (&kind_filter);
  query->tag = g_steal_pointer (&tag);
  query->limit = (guint) limit;

  ids = liaison_store_query (store, query, &error);
  if (ids == NULL)
    return fail (error);

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(LiaisonRecord) record = liaison_store_load (store, kind, g_array_index (ids, gint64, i), &error);

      if (record == NULL)
        return fail (error);
      print_row (record);
    }

  return EXIT_SUCCESS;
}

static int
cmd_show (int    argc,
          char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("UUID");
  g_autoptr(LiaisonStore) store = NULL;
  g_autoptr(LiaisonRecord) record = NULL;
  const LiaisonField *fields;
  GPtrArray *links;
  guint n_fields;
  GError *error = NULL;
  int status;

  g_option_context_set_summary (context, _("Show one record with its links."));
  if (!parse (context, &argc, &argv, &status))
    return status;
  if (argc != 2)
    return usage (context, _("show needs exactly one UUID"));

  store = open_store (LIAISON_STORE_OPEN_SEED, &error);
  if (store == NULL)
    return fail (error);

  record = liaison_store_load_by_uuid (store, argv[1], &error);
  if (record == NULL)
    return fail (error);

  fields = liaison_record_kind_get_fields (liaison_record_get_kind (record), &n_fields);
  g_print ("%s: %s\n", "record", liaison_record_kind_to_string (liaison_record_get_kind (record)));
  g_print ("%s: %s\n", "uuid", liaison_record_get_uuid (record));
  for (guint i = 0; i < n_fields; i++)
    {
      const char *value = liaison_record_get_field_at (record, i);

      if (value == NULL)
        continue;
      if (fields[i].type == LIAISON_FIELD_REFERENCE)
        {
          g_autofree char *title = liaison_store_get_title (store, value);
          g_print ("%s: %s (%s)\n", fields[i].name, title ? title : "?", value);
        }
      else
        g_print ("%s: %s\n", fields[i].name, value);
    }

  links = liaison_record_get_links (record);
  for (guint i = 0; i < links->len; i++)
    {
      static const char * const names[] = { "party", "institution", "person", "agreement", "tag", "cite" };
      const LiaisonLink *link = g_ptr_array_index (links, i);

      if (link->type == LIAISON_LINK_TAG)
        g_print ("%s: %s\n", names[link->type], link->target);
      else
        {
          g_autofree char *title = liaison_store_get_title (store, link->target);
          g_print ("%s: %s (%s)%s%s\n", names[link->type], title ? title : "?", link->target,
                   link->role ? " — " : "", link->role ? link->role : "");
        }
    }

  g_print ("%s: %s\n", "created", liaison_record_get_created (record));
  g_print ("%s: %s\n", "modified", liaison_record_get_modified (record));
  return EXIT_SUCCESS;
}

static int
cmd_generate (int    argc,
              char **argv)
{
  int institutions = -1, agreements = -1, events = -1, people = -1;
  int random_seed = 1;
  const GOptionEntry entries[] = {
    { "institutions", 0, 0, G_OPTION_ARG_INT, &institutions, N_("How many institutions to add"), N_("N") },
    { "agreements", 0, 0, G_OPTION_ARG_INT, &agreements, N_("How many agreements to add"), N_("N") },
    { "events", 0, 0, G_OPTION_ARG_INT, &events, N_("How many events to add"), N_("N") },
    { "people", 0, 0, G_OPTION_ARG_INT, &people, N_("How many people to add (default: two per institution)"), N_("N") },
    { "random-seed", 0, 0, G_OPTION_ARG_INT, &random_seed, N_("Seed of the random generator (default: 1)"), N_("S") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(LiaisonStore) store = NULL;
  LiaisonGenerateOptions options;
  GError *error = NULL;
  int status;

  g_option_context_set_summary (context, _("Add realistic synthetic records, the same for the same seed, in one transaction."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!parse (context, &argc, &argv, &status))
    return status;
  if (argc > 1 || institutions < 0 || agreements < 0 || events < 0)
    return usage (context, _("generate needs --institutions, --agreements and --events, each zero or more"));
  if (people < -1 || random_seed < 0)
    return usage (context, _("--people and --random-seed must not be negative"));

  store = open_store (LIAISON_STORE_OPEN_DEFAULT, &error);
  if (store == NULL)
    return fail (error);

  options.institutions = (guint) institutions;
  options.agreements = (guint) agreements;
  options.events = (guint) events;
  options.people = people >= 0 ? (guint) people : (guint) institutions * 2;
  options.random_seed = (guint32) random_seed;

  if (!liaison_generate (store, &options, &error))
    return fail (error);

  return EXIT_SUCCESS;
}

static const struct {
  const char  *name;
  CommandFunc  func;
  const char  *summary;
} commands[] = {
  { "init", cmd_init, N_("Create a database") },
  { "export", cmd_export, N_("Export everything as XML, a list as CSV, events as iCalendar") },
  { "import", cmd_import, N_("Import an XML document") },
  { "list", cmd_list, N_("List records") },
  { "report", cmd_report, N_("Write a report as XML or HTML") },
  { "show", cmd_show, N_("Show one record") },
  { "generate", cmd_generate, N_("Add synthetic records for scale tests") },
  { "backup", cmd_backup, N_("Back up the database") },
  { "restore", cmd_restore, N_("Replace the database with a backup") },
  { "backups", cmd_backups, N_("List the automatic backups") },
};

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GString) description = NULL;
  g_autofree char *prgname = NULL;
  int status;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* Translated only now that the locale is set. */
  description = g_string_new (_("Commands:"));

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_string_append_printf (description, "\n  %-10s %s", commands[i].name, _(commands[i].summary));
  g_string_append_printf (description, "\n\n%s", _("Run “liaison-cli COMMAND --help” for a command’s options."));

  context = g_option_context_new (_("COMMAND [OPTION…]"));
  g_option_context_set_summary (context, _("Track cooperation partnerships: institutions, agreements and events."));
  g_option_context_set_description (context, description->str);
  g_option_context_add_main_entries (context, global_entries, GETTEXT_PACKAGE);
  g_option_context_set_strict_posix (context, TRUE);
  if (!parse (context, &argc, &argv, &status))
    return status;

  if (show_version)
    {
      g_print ("liaison-cli %s\n", PACKAGE_VERSION);
      return EXIT_SUCCESS;
    }

  if (argc < 2)
    return usage (context, _("no command given"));

  prgname = g_strdup_printf ("liaison-cli %s", argv[1]);
  g_set_prgname (prgname);

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (argv[1], commands[i].name))
      return commands[i].func (argc - 1, argv + 1);

  {
    g_autofree char *message = g_strdup_printf (_("unknown command “%s”"), argv[1]);
    return usage (context, message);
  }
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "liaison-query.h"
#include "liaison-store.h"
#include "liaison-xml.h"

G_BEGIN_DECLS

typedef enum {
  LIAISON_REPORT_AGREEMENTS,   /* filtered agreements with a summary */
  LIAISON_REPORT_INSTITUTION,  /* the profile of one institution */
  LIAISON_REPORT_EVENTS,       /* events in a date range */
  LIAISON_N_REPORT_KINDS,
} LiaisonReportKind;

typedef enum {
  LIAISON_REPORT_FORMAT_XML,
  LIAISON_REPORT_FORMAT_HTML,
} LiaisonReportFormat;

#define LIAISON_REPORT_DEFAULT_HORIZON 90

#define LIAISON_TYPE_REPORT (liaison_report_get_type ())

/*
 * What a report shows.  Strings are owned and freed with the report; dates are ISO
 * 8601 and may be partial (a year, a month).  Filters that do not apply to the kind are
 * ignored.
 */
typedef struct {
  LiaisonReportKind  kind;
  char              *status;          /* agreements: the status must equal this */
  char              *agreement_kind;  /* agreements: the kind must equal this */
  char              *institution;     /* agreements: a party; institution: the subject.  UUID or name */
  char              *tag;             /* agreements and events: must carry this tag */
  char              *signed_from;     /* agreements: signed on or after */
  char              *signed_to;       /* agreements: signed on or before */
  char              *ending_before;   /* agreements: ending before */
  char              *from;            /* events: on or after */
  char              *to;              /* events: on or before */
  char              *search;          /* agreements and events: words to find */
  guint              horizon;         /* agreements: the summary lists what falls due within this many days */
  char              *today;           /* the day the horizon counts from, YYYY-MM-DD; NULL: today */
} LiaisonReport;

GType          liaison_report_get_type         (void) G_GNUC_CONST;
LiaisonReport *liaison_report_new              (LiaisonReportKind     kind);
LiaisonReport *liaison_report_new_for_query    (const LiaisonQuery   *query);
LiaisonReport *liaison_report_copy             (const LiaisonReport  *report);
void           liaison_report_free             (LiaisonReport        *report);
const char    *liaison_report_kind_to_string   (LiaisonReportKind     kind);
gboolean       liaison_report_kind_from_string (const char           *name,
                                                LiaisonReportKind    *kind);
const char    *liaison_report_kind_get_label   (LiaisonReportKind     kind);
gboolean       liaison_report_write            (LiaisonStore         *store,
                                                const LiaisonReport  *report,
                                                const char           *path,
                                                LiaisonReportFormat   format,
                                                GCancellable         *cancellable,
                                                LiaisonProgressFunc   progress,
                                                gpointer              user_data,
                                                GError              **error);
gboolean       liaison_report_transform        (const char           *xml_path,
                                                const char           *html_path,
                                                GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LiaisonReport, liaison_report_free)

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libxml/xmlwriter.h>

#include "liaison-report.h"
#include "liaison-store.h"

G_BEGIN_DECLS

/*
 * The queries behind reports, CSV and iCalendar (SQL of the store, in
 * liaison-store-report.c).  Rows come one at a time to a callback, as text; nothing
 * accumulates.  Each set names its parameters: ?1 a record id, ?2 and ?3 text.
 */
typedef enum {
  LIAISON_ROWS_PARTIES,                 /* ?1 agreement: uuid, name, local name, role, signatory uuid, signatory name, signatory local name */
  LIAISON_ROWS_SUB_AGREEMENTS,          /* ?1 agreement: uuid, title, kind, status, signed */
  LIAISON_ROWS_AGREEMENT_EVENTS,        /* ?1 agreement: uuid, title, kind, date */
  LIAISON_ROWS_CITATIONS,               /* ?2 record uuid: source uuid, title, publisher, date, detail */
  LIAISON_ROWS_EVENT_INSTITUTIONS,      /* ?1 event: uuid, name, local name, role */
  LIAISON_ROWS_EVENT_PEOPLE,            /* ?1 event: uuid, name, local name, role, institution */
  LIAISON_ROWS_EVENT_AGREEMENTS,        /* ?1 event: uuid, title, kind, status */
  LIAISON_ROWS_SUB_UNITS,               /* ?1 institution: uuid, name, local name, kind */
  LIAISON_ROWS_PEOPLE,                  /* ?1 institution: uuid, name, local name, role, email, phone */
  LIAISON_ROWS_TIMELINE,                /* ?1 institution: date, what, kind of record, uuid, title */
  LIAISON_ROWS_COUNT_STATUS,            /* selection of agreements: value, count */
  LIAISON_ROWS_COUNT_AGREEMENT_KIND,    /* selection of agreements: value, count */
  LIAISON_ROWS_COUNT_SIGNED_YEAR,       /* selection of agreements: year or NULL, count */
  LIAISON_ROWS_DEADLINES,               /* selection of agreements, ?2 first day, ?3 last day: what, date, uuid, title, status */
  LIAISON_ROWS_COUNT_EVENT_KIND,        /* selection of events: value, count */
  LIAISON_ROWS_COUNT_EVENT_YEAR,        /* selection of events: year or NULL, count */
  LIAISON_ROWS_SELECTION,               /* the selection in order: id */
  LIAISON_ROWS_FIND_INSTITUTION,        /* ?2 a name: uuid, name (at most 10) */
  LIAISON_ROWS_AGREEMENT_PARTY_NAMES,   /* ?1 agreement: names of the parties, joined by "; " */
  LIAISON_ROWS_INSTITUTION_COUNTS,      /* ?1 institution: agreements, people, sub-units */
  LIAISON_N_ROWS
} LiaisonRows;

/* Called for each row; @columns holds as many strings as the set has columns. */
typedef gboolean (*LiaisonRowFunc) (const char * const  *columns,
                                    gpointer             user_data,
                                    GError             **error);

gboolean _liaison_store_rows             (LiaisonStore      *self,
                                          LiaisonRows        rows,
                                          gint64             id,
                                          const char        *text,
                                          const char        *text2,
                                          LiaisonRowFunc     func,
                                          gpointer           user_data,
                                          GError           **error);
gint64   _liaison_store_select           (LiaisonStore      *self,
                                          LiaisonRecordKind  kind,
                                          GArray            *ids,
                                          const char        *ending_before,
                                          GError           **error);
void     _liaison_store_select_clear     (LiaisonStore      *self);

/* The stylesheet that turns a report into a web page, and where it is in the resources */
#define REPORT_STYLESHEET "liaison-report.xsl"
#define RESOURCE_DIR "/io/github/liaisonapp/Liaison/"

/* A report being written (liaison-report.c and liaison-report-kinds.c) */
typedef struct {
  LiaisonStore        *store;
  const LiaisonReport *report;
  xmlTextWriter       *xml;
  GCancellable        *cancellable;
  LiaisonProgressFunc  progress;
  gpointer             user_data;
  gint64               done;
  gint64               total;
  gboolean             failed;    /* a write failed: the disk is full or gone */
} Writer;

/* liaison-report.c: writing the document; a failed write sets a flag that callers check per record */
void     _liaison_report_start             (Writer      *w,
                                            const char  *name);
void     _liaison_report_end               (Writer      *w);
void     _liaison_report_attribute         (Writer      *w,
                                            const char  *name,
                                            const char  *value);
void     _liaison_report_choice_attribute  (Writer      *w,
                                            const char  *name,
                                            const char  *value);
void     _liaison_report_text              (Writer      *w,
                                            const char  *value);
void     _liaison_report_element           (Writer      *w,
                                            const char  *name,
                                            const char  *value);
void     _liaison_report_reference         (Writer      *w,
                                            const char  *name,
                                            const char  *uuid);
gboolean _liaison_report_check_write       (Writer      *w,
                                            GError     **error);
gboolean _liaison_report_step              (Writer      *w,
                                            GError     **error);

/* liaison-report-kinds.c: the three kinds of report */
gboolean _liaison_report_write_agreements  (Writer      *w,
                                            GError     **error);
gboolean _liaison_report_write_events      (Writer      *w,
                                            GError     **error);
gboolean _liaison_report_write_institution (Writer      *w,
                                            GError     **error);

G_END_DECLS

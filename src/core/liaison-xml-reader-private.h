/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libxml/xmlreader.h>

#include "liaison-xml.h"

G_BEGIN_DECLS

typedef struct {
  LiaisonRecordKind kind;
  char             *uuid;
  guint             field;
  char             *target;
  int               line;
} Fixup;

typedef struct {
  LiaisonStore       *store;
  const char         *name;
  GBytes             *bytes;          /* the document, when imported from memory */
  xmlTextReader      *reader;
  GCancellable       *cancellable;
  LiaisonProgressFunc progress;
  gpointer            user_data;
  gint64              size;

  GError             *xml_error;      /* the first error libxml2 reported */

  LiaisonRecord      *record;
  int                 record_line;
  int                 field;          /* the field element being read, or -1 */
  gboolean            in_text_link;   /* a <tag> or <cite> being read */
  LiaisonLinkType     link_type;
  char               *link_source;
  GString            *text;

  GArray             *fixups;
  gint64              last_id[LIAISON_N_RECORD_KINDS];  /* before this import */
  gint64              n_stored;       /* records before this import, about */
  GPtrArray          *indexes;        /* set aside while a big import runs */
  GHashTable         *updated;        /* UUIDs of stored records this import has met */
  LiaisonImportStats  stats;
  guint               n_records;

  LiaisonImportFlags  flags;
  LiaisonImportFunc   item_func;
  gpointer            item_data;
  GString            *conflicts;      /* the first few, for the message */
} Import;

#define MAX_LISTED_CONFLICTS 10

/* Records an import adds, at least, before it sets the indexes aside. */
#define BULK_IMPORT_RECORDS 1000

/* liaison-xml-reader.c: reading the document */
void     _liaison_import_tell          (Import                *import,
                                        LiaisonImportOutcome   outcome);

/* liaison-xml-reader-merge.c: merging its records into the store */
gboolean _liaison_import_apply_fixups  (Import                *import,
                                        GError               **error);
gboolean _liaison_import_finish_record (Import                *import,
                                        GError               **error);

G_END_DECLS

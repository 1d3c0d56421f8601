/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "liaison-record.h"

G_BEGIN_DECLS

#define LIAISON_TYPE_QUERY (liaison_query_get_type ())

/*
 * What a list shows: a kind of record, a search text, filters and an order.  The store
 * turns it into SQL; nothing filters or sorts in memory.  Strings are owned and freed
 * with the query; set them with g_free()/g_strdup() or the setters.
 */
typedef struct {
  LiaisonRecordKind  kind;
  char              *search;      /* words to find, in any script */
  char              *sort;        /* a field name, "id", "created", "modified" or "agreements" */
  gboolean           descending;
  char              *choice;      /* the "kind" field must equal this */
  char              *status;      /* agreements: the status must equal this */
  char              *tag;         /* agreements and events: must carry this tag */
  char              *date_from;   /* the kind's main date is on or after this */
  char              *date_to;     /* ... and on or before this */
  char              *linked_to;   /* UUID: only records linked to this record */
  guint              limit;       /* 0: no limit */
  guint              offset;
} LiaisonQuery;

GType         liaison_query_get_type   (void) G_GNUC_CONST;
LiaisonQuery *liaison_query_new        (LiaisonRecordKind   kind);
LiaisonQuery *liaison_query_copy       (const LiaisonQuery *query);
void          liaison_query_free       (LiaisonQuery       *query);
void          liaison_query_set_search (LiaisonQuery       *query,
                                        const char         *search);
void          liaison_query_set_sort   (LiaisonQuery       *query,
                                        const char         *sort,
                                        gboolean            descending);
const char   *liaison_query_get_date_field (LiaisonRecordKind kind);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LiaisonQuery, liaison_query_free)

G_END_DECLS

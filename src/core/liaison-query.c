/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-query"

#include "config.h"

#include "liaison-query.h"

G_DEFINE_BOXED_TYPE (LiaisonQuery, liaison_query, liaison_query_copy, liaison_query_free)

LiaisonQuery *
liaison_query_new (LiaisonRecordKind kind)
{
  LiaisonQuery *query = g_new0 (LiaisonQuery, 1);

  g_return_val_if_fail (kind < LIAISON_N_RECORD_KINDS, NULL);
  query->kind = kind;
  return query;
}

LiaisonQuery *
liaison_query_copy (const LiaisonQuery *query)
{
  LiaisonQuery *copy = g_memdup2 (query, sizeof *query);

  copy->search = g_strdup (query->search);
  copy->sort = g_strdup (query->sort);
  copy->choice = g_strdup (query->choice);
  copy->status = g_strdup (query->status);
  copy->tag = g_strdup (query->tag);
  copy->date_from = g_strdup (query->date_from);
  copy->date_to = g_strdup (query->date_to);
  copy->linked_to = g_strdup (query->linked_to);
  return copy;
}

void
liaison_query_free (LiaisonQuery *query)
{
  if (query == NULL)
    return;
  g_free (query->search);
  g_free (query->sort);
  g_free (query->choice);
  g_free (query->status);
  g_free (query->tag);
  g_free (query->date_from);
  g_free (query->date_to);
  g_free (query->linked_to);
  g_free (query);
}

void
liaison_query_set_search (LiaisonQuery *query,
                          const char   *search)
{
  g_free (query->search);
  query->search = g_strdup (search);
}

void
liaison_query_set_sort (LiaisonQuery *query,
                        const char   *sort,
                        gboolean      descending)
{
  g_free (query->sort);
  query->sort = g_strdup (sort);
  query->descending = descending;
}

/**
 * liaison_query_get_date_field:
 *
 * Returns: (nullable): the field a date range filters on: when an agreement was
 *   signed, when an event happens, when a source was published
 */
const char *
liaison_query_get_date_field (LiaisonRecordKind kind)
{
  switch (kind)
    {
    case LIAISON_RECORD_AGREEMENT:
      return "signed";
    case LIAISON_RECORD_EVENT:
    case LIAISON_RECORD_SOURCE:
      return "date";
    case LIAISON_RECORD_INSTITUTION:
    case LIAISON_RECORD_PERSON:
    case LIAISON_N_RECORD_KINDS:
    default:
      return NULL;
    }
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "liaison-query.h"
#include "liaison-store.h"
#include "liaison-xml.h"

G_BEGIN_DECLS

/* How an iCalendar export went: events written, and those left out for want of a
 * whole date (a year, a month, or a day with no year cannot go in a calendar). */
typedef struct {
  guint written;
  guint skipped;
} LiaisonIcalStats;

gboolean liaison_ical_export (LiaisonStore        *store,
                              const LiaisonQuery  *query,
                              const char          *path,
                              LiaisonIcalStats    *stats,
                              GCancellable        *cancellable,
                              LiaisonProgressFunc  progress,
                              gpointer             user_data,
                              GError             **error);

G_END_DECLS

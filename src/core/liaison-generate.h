/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "liaison-store.h"

G_BEGIN_DECLS

typedef struct {
  guint   institutions;
  guint   people;
  guint   agreements;
  guint   events;
  guint32 random_seed;
} LiaisonGenerateOptions;

gboolean liaison_generate (LiaisonStore                  *store,
                           const LiaisonGenerateOptions  *options,
                           GError                       **error);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-seed"

#include "config.h"

#include "liaison-core-resources.h"
#include "liaison-store-private.h"
#include "liaison-xml.h"

/*
 * A new database starts with the cooperation history of five public news articles,
 * shipped as a canonical document and imported through the ordinary importer.
 */
gboolean
_liaison_seed_import (LiaisonStore  *self,
                      GError       **error)
{
  g_autoptr(GBytes) bytes = NULL;

  bytes = g_resource_lookup_data (liaison_core_get_resource (),
                                  "/io/github/liaisonapp/Liaison/seed.xml",
                                  G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (bytes == NULL)
    return FALSE;

  return liaison_import_bytes (self, bytes, "seed.xml", LIAISON_IMPORT_DEFAULT, NULL, error);
}

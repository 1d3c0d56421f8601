/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* liaison-uuid-map.c: the UUIDs of a table by record id, in memory, for the export */
typedef struct _LiaisonUuidMap LiaisonUuidMap;

#define LIAISON_UUID_MAP_BUFFER 37

LiaisonUuidMap *_liaison_uuid_map_new    (sqlite3        *db,
                                          const char     *table,
                                          int            *rc);
const char     *_liaison_uuid_map_lookup (LiaisonUuidMap *self,
                                          gint64          id,
                                          char            buffer[LIAISON_UUID_MAP_BUFFER]);
gsize           _liaison_uuid_map_get_size (LiaisonUuidMap *self);
void            _liaison_uuid_map_free   (LiaisonUuidMap *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LiaisonUuidMap, _liaison_uuid_map_free)

G_END_DECLS

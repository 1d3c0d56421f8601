/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "liaison-query.h"
#include "liaison-record.h"

G_BEGIN_DECLS

#define LIAISON_SCHEMA_VERSION 1
#define LIAISON_BACKUPS_TO_KEEP_DEFAULT 5

typedef enum {
  LIAISON_STORE_OPEN_DEFAULT   = 0,
  LIAISON_STORE_OPEN_SEED      = 1 << 0,  /* a new database gets the bundled seed */
  LIAISON_STORE_OPEN_READ_ONLY = 1 << 1,
  LIAISON_STORE_OPEN_NO_STATUSES = 1 << 2,  /* the caller brings the statuses up to date */
} LiaisonStoreOpenFlags;

#define LIAISON_TYPE_CHANGE (liaison_change_get_type ())

/* An entry of the change log. */
typedef struct {
  gint64  id;
  char   *time;
  char   *action;       /* create, update, delete, import */
  char   *kind;
  char   *record_uuid;
  char   *summary;
  char   *before;       /* JSON snapshot, or NULL */
  char   *after;
} LiaisonChange;

GType liaison_change_get_type (void) G_GNUC_CONST;
void  liaison_change_free     (LiaisonChange *change);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LiaisonChange, liaison_change_free)

#define LIAISON_TYPE_STORE (liaison_store_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonStore, liaison_store, LIAISON, STORE, GObject)

char          *liaison_store_get_default_path (void);
LiaisonStore  *liaison_store_open             (const char             *path,
                                               LiaisonStoreOpenFlags   flags,
                                               GError                **error);
const char    *liaison_store_get_path         (LiaisonStore           *self);
void           liaison_store_interrupt        (LiaisonStore           *self);
gboolean       liaison_store_get_read_only    (LiaisonStore           *self);
gboolean       liaison_store_get_was_created  (LiaisonStore           *self);
gint64         liaison_store_count            (LiaisonStore           *self,
                                               LiaisonRecordKind       kind,
                                               GError                **error);
gint64         liaison_store_query_count      (LiaisonStore           *self,
                                               const LiaisonQuery     *query,
                                               GError                **error);
GArray        *liaison_store_query            (LiaisonStore           *self,
                                               const LiaisonQuery     *query,
                                               GError                **error);
LiaisonRecord *liaison_store_load             (LiaisonStore           *self,
                                               LiaisonRecordKind       kind,
                                               gint64                  id,
                                               GError                **error);
GPtrArray     *liaison_store_load_many        (LiaisonStore           *self,
                                               LiaisonRecordKind       kind,
                                               const gint64           *ids,
                                               guint                   n_ids,
                                               GError                **error);
LiaisonRecord *liaison_store_load_by_uuid     (LiaisonStore           *self,
                                               const char             *uuid,
                                               GError                **error);
char          *liaison_store_get_title        (LiaisonStore           *self,
                                               const char             *uuid);
char          *liaison_store_get_institution_names (LiaisonStore      *self,
                                                   const char        *uuid,
                                                   char             **local_name);
gboolean       liaison_store_save             (LiaisonStore           *self,
                                               LiaisonRecord          *record,
                                               GError                **error);
gboolean       liaison_store_delete           (LiaisonStore           *self,
                                               LiaisonRecord          *record,
                                               GError                **error);
GPtrArray     *liaison_store_list_changes     (LiaisonStore           *self,
                                               const char             *record_uuid,
                                               guint                   limit,
                                               GError                **error);
char         **liaison_store_list_tags        (LiaisonStore           *self,
                                               GError                **error);
gboolean       liaison_store_check_integrity  (LiaisonStore           *self,
                                               GError                **error);
guint          liaison_store_get_backups_to_keep (LiaisonStore        *self);
void           liaison_store_set_backups_to_keep (LiaisonStore        *self,
                                                  guint                n);
void           liaison_store_set_busy_timeout (LiaisonStore           *self,
                                               guint                   msec);

/* Undo and redo (liaison-store-undo.c): they walk the change log; check again on
 * LiaisonStore::changed. */
gboolean       liaison_store_can_undo         (LiaisonStore           *self);
gboolean       liaison_store_can_redo         (LiaisonStore           *self);
char          *liaison_store_get_undo_summary (LiaisonStore           *self);
gboolean       liaison_store_undo             (LiaisonStore           *self,
                                               GError                **error);
gboolean       liaison_store_redo             (LiaisonStore           *self,
                                               GError                **error);
LiaisonRecord *liaison_change_dup_before      (const LiaisonChange    *change,
                                               GError                **error);
LiaisonRecord *liaison_change_dup_after       (const LiaisonChange    *change,
                                               GError                **error);

G_END_DECLS

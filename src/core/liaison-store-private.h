/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "liaison-private.h"
#include "liaison-store.h"

G_BEGIN_DECLS

/* PRAGMA application_id of a Liaison database: "Lian". */
#define LIAISON_APPLICATION_ID 0x4c69616e

/*
 * The store owns the one SQLite connection that writes to a database.  All SQL of
 * Liaison lives in the liaison-store*.c files; the rest of the program speaks in
 * records, queries and UUIDs.
 */
struct _LiaisonStore
{
  GObject     parent_instance;

  char       *path;
  sqlite3    *db;
  GHashTable *statements;     /* SQL → sqlite3_stmt, prepared once */
  char       *insert_sql[LIAISON_N_RECORD_KINDS];
  char       *update_sql[LIAISON_N_RECORD_KINDS];
  char       *select_sql[LIAISON_N_RECORD_KINDS];
  guint       depth;          /* nesting of _liaison_store_begin() */
  guint       backups_to_keep;
  guint       read_only : 1;
  guint       was_created : 1;
  guint       batch_changed : 1;
};

typedef enum {
  LIAISON_SAVE_DEFAULT    = 0,
  LIAISON_SAVE_KEEP_TIMES = 1 << 0,  /* created/modified come from the record (import) */
  LIAISON_SAVE_NO_LOG     = 1 << 1,  /* part of a batch that logs once */
  LIAISON_SAVE_IGNORE_REVISION = 1 << 2,  /* undo, restore: no optimistic-concurrency check */
  LIAISON_SAVE_NEW        = 1 << 3,  /* a new record whose UUID was just drawn at random */
} LiaisonSaveFlags;

const char    *_liaison_store_get_migration (guint                 version);
sqlite3       *_liaison_store_get_db        (LiaisonStore         *self);
sqlite3_stmt  *_liaison_store_prepare       (LiaisonStore         *self,
                                             const char           *sql,
                                             GError              **error);
void           _liaison_store_set_error     (LiaisonStore         *self,
                                             GError              **error,
                                             int                   rc,
                                             const char           *doing);
gboolean       _liaison_store_begin         (LiaisonStore         *self,
                                             GError              **error);
gboolean       _liaison_store_commit        (LiaisonStore         *self,
                                             const char           *action,
                                             const char           *summary,
                                             GError              **error);
void           _liaison_store_rollback      (LiaisonStore         *self);
gboolean       _liaison_store_save_full     (LiaisonStore         *self,
                                             LiaisonRecord        *record,
                                             LiaisonSaveFlags      flags,
                                             GError              **error);
gint64         _liaison_store_lookup_id     (LiaisonStore         *self,
                                             LiaisonRecordKind     kind,
                                             const char           *uuid);
gboolean       _liaison_store_find_uuid     (LiaisonStore         *self,
                                             const char           *uuid,
                                             LiaisonRecordKind    *kind,
                                             gint64               *id);
gint64         _liaison_store_get_last_id   (LiaisonStore         *self,
                                             LiaisonRecordKind     kind);
gboolean       _liaison_store_set_reference (LiaisonStore         *self,
                                             LiaisonRecordKind     kind,
                                             const char           *uuid,
                                             guint                 field,
                                             const char           *target,
                                             GError              **error);
gboolean       _liaison_store_delete_full   (LiaisonStore         *self,
                                             LiaisonRecord        *record,
                                             LiaisonSaveFlags      flags,
                                             char                **snapshot,
                                             GError              **error);
gboolean       _liaison_store_write_log     (LiaisonStore         *self,
                                             const char           *action,
                                             const char           *kind,
                                             const char           *uuid,
                                             const char           *summary,
                                             const char           *before,
                                             const char           *after,
                                             GError              **error);
char          *_liaison_timestamp_now       (void);

/* liaison-store.c: small helpers of every liaison-store-*.c file */
const char    *_liaison_store_table_of      (LiaisonRecordKind     kind);
gboolean       _liaison_store_exec          (LiaisonStore         *self,
                                             const char           *sql,
                                             const char           *doing,
                                             GError              **error);
void           _liaison_store_bind_text     (sqlite3_stmt         *stmt,
                                             int                   index,
                                             const char           *text);
char          *_liaison_store_column_text   (sqlite3_stmt         *stmt,
                                             int                   index);

/* liaison-store-links.c: the links of a record, in the current transaction */
gboolean       _liaison_store_load_links    (LiaisonStore         *self,
                                             LiaisonRecord        *record,
                                             GError              **error);
gboolean       _liaison_store_load_links_many (LiaisonStore       *self,
                                               LiaisonRecordKind   kind,
                                               const char         *ids_json,
                                               GHashTable         *by_id,
                                               GHashTable         *by_uuid,
                                               GError            **error);
gboolean       _liaison_store_insert_links  (LiaisonStore         *self,
                                             LiaisonRecord        *record,
                                             GError              **error);
gboolean       _liaison_store_clear_links   (LiaisonStore         *self,
                                             LiaisonRecord        *record,
                                             GError              **error);

/* liaison-store-undo.c */
void           _liaison_store_undo_init          (LiaisonStore   *self);
void           _liaison_store_undo_reset         (LiaisonStore   *self);

/* liaison-store-stats.c */
gboolean       _liaison_store_apply_status_rule (LiaisonStore   *self,
                                                 LiaisonRecord  *record,
                                                 const GDate    *today,
                                                 GError        **error);

void           _liaison_store_emit_changed  (LiaisonStore         *self);
gboolean       _liaison_store_upgrade       (LiaisonStore         *self,
                                             GError              **error);

/* liaison-store-schema.c: the test hook adds one more migration after the last. */
guint          _liaison_store_get_latest_version (void);
void           _liaison_store_set_test_migration (const char       *sql);

/* liaison-store-check.c */
gboolean       _liaison_store_check_file         (const char       *path,
                                                  gboolean         *read_only,
                                                  gboolean         *immutable,
                                                  GError          **error);
char          *_liaison_store_get_immutable_uri  (const char       *path);
gboolean       _liaison_store_is_out_of_space    (const char       *path,
                                                  int               errsv);
gboolean       _liaison_store_read_int           (sqlite3          *db,
                                                  const char       *sql,
                                                  gint64           *value);

/* liaison-store-backup.c */
gboolean       _liaison_store_backup_auto        (LiaisonStore     *self,
                                                  gboolean          always,
                                                  char            **backup_path,
                                                  GError          **error);

/* liaison-store-bulk.c: big batches in one transaction */
gint64         _liaison_store_set_cache_size     (LiaisonStore     *self,
                                                  gint64            size);
GPtrArray     *_liaison_store_suspend_indexes    (LiaisonStore     *self,
                                                  GError          **error);
gboolean       _liaison_store_resume_indexes     (LiaisonStore     *self,
                                                  GPtrArray        *restore,
                                                  GError          **error);

/* liaison-seed.c */
gboolean       _liaison_seed_import         (LiaisonStore         *self,
                                             GError              **error);

/* liaison-store-snapshot.c: the change log's snapshots of records (used by undo) */
char          *_liaison_store_snapshot_for_delete  (LiaisonStore       *self,
                                                    LiaisonRecord      *record,
                                                    GError            **error);
const char    *_liaison_store_lookup_string        (GVariant           *object,
                                                    const char         *key);
LiaisonRecord *_liaison_store_record_from_object   (LiaisonRecordKind   kind,
                                                    GVariant           *object,
                                                    GError            **error);
LiaisonRecord *_liaison_store_record_from_snapshot (LiaisonRecordKind   kind,
                                                    const char         *json,
                                                    GVariant          **object_out,
                                                    GError            **error);

/* liaison-store-backup.c: making backups, also for liaison-store-restore.c */
gboolean  _liaison_backup_auto       (LiaisonStore  *self,
                                      gboolean       always,
                                      gboolean       prune_now,
                                      char         **backup_path,
                                      GError       **error);
char     *_liaison_backup_get_stem   (const char    *db_path);
void      _liaison_backup_prune      (LiaisonStore  *self,
                                      guint          keep);
int       _liaison_backup_run        (sqlite3       *dest,
                                      sqlite3       *src);
gboolean  _liaison_backup_same_file  (const char    *a,
                                      const char    *b);
gboolean  _liaison_backup_write_copy (sqlite3       *src,
                                      const char    *db_path,
                                      const char    *dest_path,
                                      GError       **error);

G_END_DECLS

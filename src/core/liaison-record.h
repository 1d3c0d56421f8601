/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum {
  LIAISON_RECORD_SOURCE,
  LIAISON_RECORD_INSTITUTION,
  LIAISON_RECORD_PERSON,
  LIAISON_RECORD_AGREEMENT,
  LIAISON_RECORD_EVENT,
  LIAISON_N_RECORD_KINDS,
} LiaisonRecordKind;

typedef enum {
  LIAISON_FIELD_LINE,       /* one line of text */
  LIAISON_FIELD_TEXT,       /* paragraphs */
  LIAISON_FIELD_DATE,       /* a partial date, see liaison-date.h */
  LIAISON_FIELD_CHOICE,     /* one of a fixed list of words */
  LIAISON_FIELD_REFERENCE,  /* the UUID of another record */
  LIAISON_FIELD_BOOLEAN,    /* "true", or NULL for false */
} LiaisonFieldType;

/* A field of a record kind: its property, XML and SQL names and what it may hold. */
typedef struct {
  const char         *name;      /* property and XML name, "local-name" */
  const char         *column;    /* SQL column, "local_name" */
  LiaisonFieldType    type;
  LiaisonRecordKind   target;    /* for references */
  const char * const *choices;   /* for choices, NULL-terminated */
  gboolean            required;
  guint               max_length;
} LiaisonField;

/* The links a record can hold besides its fields. */
typedef enum {
  LIAISON_LINK_PARTY,        /* agreement → institution, role, signatory person */
  LIAISON_LINK_INSTITUTION,  /* event → participating institution, role */
  LIAISON_LINK_PERSON,       /* event → participating person, role */
  LIAISON_LINK_AGREEMENT,    /* event → agreement */
  LIAISON_LINK_TAG,          /* agreement or event → a tag (target is the tag's name) */
  LIAISON_LINK_CITATION,     /* any record but a source → source, detail in role */
} LiaisonLinkType;

#define LIAISON_TYPE_LINK (liaison_link_get_type ())

typedef struct {
  LiaisonLinkType  type;
  char            *target;     /* UUID of the linked record, or a tag's name */
  char            *role;       /* role of a party or participant; detail of a citation */
  char            *signatory;  /* parties only: UUID of the person who signed */
} LiaisonLink;

GType        liaison_link_get_type (void) G_GNUC_CONST;
LiaisonLink *liaison_link_new      (LiaisonLinkType    type,
                                    const char        *target,
                                    const char        *role,
                                    const char        *signatory);
LiaisonLink *liaison_link_copy     (const LiaisonLink *link);
void         liaison_link_free     (LiaisonLink       *link);
gboolean     liaison_link_equal    (const LiaisonLink *a,
                                    const LiaisonLink *b);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LiaisonLink, liaison_link_free)

#define LIAISON_TYPE_RECORD_KIND (liaison_record_kind_get_type ())
#define LIAISON_TYPE_RECORD (liaison_record_get_type ())

G_DECLARE_DERIVABLE_TYPE (LiaisonRecord, liaison_record, LIAISON, RECORD, GObject)

struct _LiaisonRecordClass
{
  GObjectClass parent_class;

  LiaisonRecordKind kind;
};

GType               liaison_record_kind_get_type       (void) G_GNUC_CONST;
const char         *liaison_record_kind_to_string      (LiaisonRecordKind   kind);
gboolean            liaison_record_kind_from_string    (const char         *name,
                                                        LiaisonRecordKind  *kind);
const char         *liaison_record_kind_get_plural     (LiaisonRecordKind   kind);
const char         *liaison_record_kind_get_label      (LiaisonRecordKind   kind);
const LiaisonField *liaison_record_kind_get_fields     (LiaisonRecordKind   kind,
                                                        guint              *n_fields);
const LiaisonField *liaison_record_kind_find_field     (LiaisonRecordKind   kind,
                                                        const char         *name,
                                                        guint              *index);
gboolean            liaison_record_kind_allows_link    (LiaisonRecordKind   kind,
                                                        LiaisonLinkType     type);
const char         *liaison_choice_get_label           (const char         *choice);

LiaisonRecord      *liaison_record_new                 (LiaisonRecordKind   kind);
LiaisonRecordKind   liaison_record_get_kind            (LiaisonRecord      *self);
gint64              liaison_record_get_id              (LiaisonRecord      *self);
void                liaison_record_set_id              (LiaisonRecord      *self,
                                                        gint64              id);
const char         *liaison_record_get_uuid            (LiaisonRecord      *self);
void                liaison_record_set_uuid            (LiaisonRecord      *self,
                                                        const char         *uuid);
const char         *liaison_record_get_created         (LiaisonRecord      *self);
void                liaison_record_set_created         (LiaisonRecord      *self,
                                                        const char         *created);
const char         *liaison_record_get_modified        (LiaisonRecord      *self);
void                liaison_record_set_modified        (LiaisonRecord      *self,
                                                        const char         *modified);
gint64              liaison_record_get_revision        (LiaisonRecord      *self);
void                liaison_record_set_revision        (LiaisonRecord      *self,
                                                        gint64              revision);
const char         *liaison_record_get_title           (LiaisonRecord      *self);
const char         *liaison_record_get_field           (LiaisonRecord      *self,
                                                        const char         *name);
void                liaison_record_set_field           (LiaisonRecord      *self,
                                                        const char         *name,
                                                        const char         *value);
const char         *liaison_record_get_field_at        (LiaisonRecord      *self,
                                                        guint               index);
void                liaison_record_set_field_at        (LiaisonRecord      *self,
                                                        guint               index,
                                                        const char         *value);
GPtrArray          *liaison_record_get_links           (LiaisonRecord      *self);
void                liaison_record_add_link            (LiaisonRecord      *self,
                                                        LiaisonLink        *link);
void                liaison_record_clear_links         (LiaisonRecord      *self);
gboolean            liaison_record_validate            (LiaisonRecord      *self,
                                                        GError            **error);
gboolean            liaison_record_equal               (LiaisonRecord      *a,
                                                        LiaisonRecord      *b);
LiaisonRecord      *liaison_record_copy                (LiaisonRecord      *self);

G_END_DECLS

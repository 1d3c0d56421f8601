/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "liaison-record.h"

G_BEGIN_DECLS

void     _liaison_record_class_install_fields (LiaisonRecordClass *klass,
                                               LiaisonRecordKind   kind);
GType    _liaison_record_kind_get_gtype       (LiaisonRecordKind   kind);
gboolean _liaison_is_uuid                     (const char         *text);
char    *_liaison_record_to_json              (LiaisonRecord      *record);

/* liaison-record-fields.c: the kinds of record and their fields */
#define LINE_MAX_LENGTH 1000
#define TEXT_MAX_LENGTH 100000

typedef struct {
  const char         *name;
  const char         *plural;
  const LiaisonField *fields;
  guint               n_fields;
  const char         *default_choices[2];
} LiaisonRecordKindInfo;

extern const LiaisonRecordKindInfo _liaison_record_kinds[LIAISON_N_RECORD_KINDS];

const char *_liaison_record_link_label (LiaisonLinkType type);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "liaison-record.h"

G_BEGIN_DECLS

void     _liaison_record_class_install_fields (LiaisonRecordClass *klass,
                                               LiaisonRecordKind   kind);
GType    _liaison_record_kind_get_gtype       (LiaisonRecordKind   kind);
gboolean _liaison_is_uuid                     (const char         *text);
char    *_liaison_record_to_json              (LiaisonRecord      *record);

G_END_DECLS

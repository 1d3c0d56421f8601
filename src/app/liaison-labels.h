/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "liaison-core.h"

G_BEGIN_DECLS

/* How the window names things: field labels, record titles and values for people. */

const char *liaison_field_get_label          (LiaisonRecordKind    kind,
                                              const char          *name);
const char *liaison_kind_get_plural_label    (LiaisonRecordKind    kind);
const char *liaison_kind_get_icon_name       (LiaisonRecordKind    kind);
gboolean    liaison_prefers_local_names      (void);
char       *liaison_record_dup_display_title (LiaisonRecord       *record);
char       *liaison_record_dup_other_name    (LiaisonRecord       *record);
char       *liaison_format_field_value       (LiaisonStore        *store,
                                              const LiaisonField  *field,
                                              const char          *value);

G_END_DECLS

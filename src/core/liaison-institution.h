/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "liaison-record.h"

G_BEGIN_DECLS

#define LIAISON_TYPE_INSTITUTION (liaison_institution_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonInstitution, liaison_institution, LIAISON, INSTITUTION, LiaisonRecord)

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "liaison-record.h"

G_BEGIN_DECLS

#define LIAISON_TYPE_SOURCE (liaison_source_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonSource, liaison_source, LIAISON, SOURCE, LiaisonRecord)

G_END_DECLS

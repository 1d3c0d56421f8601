/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "liaison-record.h"

G_BEGIN_DECLS

#define LIAISON_TYPE_EVENT (liaison_event_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonEvent, liaison_event, LIAISON, EVENT, LiaisonRecord)

G_END_DECLS

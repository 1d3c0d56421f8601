/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "liaison-record.h"

G_BEGIN_DECLS

#define LIAISON_TYPE_PERSON (liaison_person_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonPerson, liaison_person, LIAISON, PERSON, LiaisonRecord)

G_END_DECLS

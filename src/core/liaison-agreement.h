/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "liaison-record.h"

G_BEGIN_DECLS

#define LIAISON_TYPE_AGREEMENT (liaison_agreement_get_type ())

G_DECLARE_FINAL_TYPE (LiaisonAgreement, liaison_agreement, LIAISON, AGREEMENT, LiaisonRecord)

G_END_DECLS

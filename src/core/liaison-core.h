/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "liaison-agreement.h"
#include "liaison-date.h"
#include "liaison-error.h"
#include "liaison-event.h"
#include "liaison-generate.h"
#include "liaison-institution.h"
#include "liaison-person.h"
#include "liaison-query.h"
#include "liaison-record.h"
#include "liaison-record-list.h"
#include "liaison-source.h"
#include "liaison-stats.h"
#include "liaison-store.h"
#include "liaison-xml.h"

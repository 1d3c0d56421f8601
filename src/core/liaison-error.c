/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-error"

#include "config.h"

#include "liaison-error.h"

G_DEFINE_QUARK (liaison-error-quark, liaison_error)

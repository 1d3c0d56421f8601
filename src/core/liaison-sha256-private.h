/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* liaison-sha256.c: SHA-256 of a buffer, with the CPU's SHA instructions when it has
 * them (GChecksum otherwise); the same digest either way. */
#define LIAISON_SHA256_LENGTH 32

void     _liaison_sha256                (const void *data,
                                         gsize       length,
                                         guint8      digest[LIAISON_SHA256_LENGTH]);
gboolean _liaison_sha256_is_accelerated (void);

G_END_DECLS

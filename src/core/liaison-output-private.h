/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <libxml/xmlwriter.h>

G_BEGIN_DECLS

/*
 * A file written beside its target under a temporary name, which replaces the target
 * only when it is complete and on disk.  Freeing an output that was not finished
 * removes the temporary file: a failed or cancelled export leaves nothing behind and
 * the old target as it was.
 */
typedef struct _LiaisonOutput LiaisonOutput;

LiaisonOutput *_liaison_output_open           (const char     *path,
                                               GError        **error);
gboolean       _liaison_output_write          (LiaisonOutput  *self,
                                               const char     *data,
                                               gssize          length);
xmlTextWriter *_liaison_output_new_xml_writer (LiaisonOutput  *self);
gboolean       _liaison_output_finish         (LiaisonOutput  *self,
                                               GError        **error);
void           _liaison_output_free           (LiaisonOutput  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LiaisonOutput, _liaison_output_free)

G_END_DECLS

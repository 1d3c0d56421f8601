/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * liaison-xml-out.c: a buffered XML writer for the export, which writes the same bytes
 * as libxml2's xmlTextWriter indented with two spaces (escaping included), without its
 * per-call cost.
 */
typedef struct _LiaisonXmlOut LiaisonXmlOut;

/* Writes @length bytes; %FALSE when that failed. */
typedef gboolean (*LiaisonXmlOutWriteFunc) (gpointer    user_data,
                                            const char *data,
                                            gsize       length);

LiaisonXmlOut *_liaison_xml_out_new            (LiaisonXmlOutWriteFunc  write,
                                                gpointer                user_data);
void           _liaison_xml_out_start_document (LiaisonXmlOut          *self);
void           _liaison_xml_out_start_element  (LiaisonXmlOut          *self,
                                                const char             *name);
void           _liaison_xml_out_attribute      (LiaisonXmlOut          *self,
                                                const char             *name,
                                                const char             *value);
void           _liaison_xml_out_text           (LiaisonXmlOut          *self,
                                                const char             *text);
void           _liaison_xml_out_end_element    (LiaisonXmlOut          *self);
void           _liaison_xml_out_element        (LiaisonXmlOut          *self,
                                                const char             *name,
                                                const char             *text);
gboolean       _liaison_xml_out_ok             (LiaisonXmlOut          *self);
gboolean       _liaison_xml_out_finish         (LiaisonXmlOut          *self);
void           _liaison_xml_out_free           (LiaisonXmlOut          *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LiaisonXmlOut, _liaison_xml_out_free)

G_END_DECLS

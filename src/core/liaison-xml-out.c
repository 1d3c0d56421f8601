/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-xml-out"

#include "config.h"

#include <string.h>

#include "liaison-xml-out-private.h"

/*
 * The export used libxml2's xmlTextWriter, which cost a third of its time: a call per
 * attribute through a list of nodes, an escaping pass into a new string, and an output
 * buffer with an encoder.  This writes the same bytes into a buffer of its own:
 *
 * - attribute values escape & < > " as entities and tab, newline and carriage return
 *   as character references (libxml2's xmlBufAttrSerializeTxtContent() for a document
 *   in UTF-8);
 * - text escapes & < > " as entities and carriage return as &#13;
 *   (xmlEncodeSpecialChars());
 * - every other byte is copied as it is, as libxml2 does once the document is declared
 *   UTF-8: non-ASCII text, control characters and even invalid UTF-8;
 * - an element starts on a line of its own, indented two spaces a level; one that holds
 *   only text ends on the same line, one with nothing in it is written <name/>.
 *
 * tests/test-xml-out.c holds it to libxml2's output.
 */

#define BUFFER_SIZE (64 * 1024)
#define MAX_DEPTH 16

struct _LiaisonXmlOut
{
  LiaisonXmlOutWriteFunc  write;
  gpointer                user_data;
  char                   *buffer;
  gsize                   length;
  const char             *names[MAX_DEPTH];  /* the open elements; static strings */
  guint                   depth;
  gboolean                open;       /* the innermost start tag still lacks its '>' */
  gboolean                indent_end; /* an end tag goes on a line of its own */
  gboolean                failed;
};

/* What each byte becomes, or NULL when it is copied: one table for attributes and
 * one for text. */
static const char *attribute_escapes[256] = {
  ['&'] = "&amp;", ['<'] = "&lt;", ['>'] = "&gt;", ['"'] = "&quot;",
  ['\t'] = "&#9;", ['\n'] = "&#10;", ['\r'] = "&#13;",
};

static const char *text_escapes[256] = {
  ['&'] = "&amp;", ['<'] = "&lt;", ['>'] = "&gt;", ['"'] = "&quot;",
  ['\r'] = "&#13;",
};

/* The same bytes, and the end of the string, as a table the scan stops at. */
static const guint8 attribute_stops[256] = {
  ['\0'] = 1, ['&'] = 1, ['<'] = 1, ['>'] = 1, ['"'] = 1, ['\t'] = 1, ['\n'] = 1, ['\r'] = 1,
};

static const guint8 text_stops[256] = {
  ['\0'] = 1, ['&'] = 1, ['<'] = 1, ['>'] = 1, ['"'] = 1, ['\r'] = 1,
};

static void
flush (LiaisonXmlOut *self)
{
  if (self->length > 0 && !self->failed && !self->write (self->user_data, self->buffer, self->length))
    self->failed = TRUE;
  self->length = 0;
}

static void
append (LiaisonXmlOut *self,
        const char    *data,
        gsize          length)
{
  if (self->length + length > BUFFER_SIZE)
    {
      flush (self);
      if (length > BUFFER_SIZE)
        {
          if (!self->failed && !self->write (self->user_data, data, length))
            self->failed = TRUE;
          return;
        }
    }
  memcpy (self->buffer + self->length, data, length);
  self->length += length;
}

static inline void
append_char (LiaisonXmlOut *self,
             char           c)
{
  if (self->length == BUFFER_SIZE)
    flush (self);
  self->buffer[self->length++] = c;
}

#define append_literal(self, s) append ((self), (s), sizeof (s) - 1)

/* Copies @text up to its end, replacing the bytes that @stops marks (besides the
 * end) with their @escapes. */
static void
append_escaped (LiaisonXmlOut      *self,
                const char         *text,
                const guint8       *stops,
                const char * const *escapes)
{
  const guchar *p = (const guchar *) text;

  for (;;)
    {
      const guchar *run = p;
      const char *escape;

      while (stops[*p] == 0)
        p++;
      append (self, (const char *) run, (gsize) (p - run));
      if (*p == '\0')
        break;
      escape = escapes[*p++];
      append (self, escape, strlen (escape));
    }
}

static void
append_indent (LiaisonXmlOut *self,
               guint          level)
{
  for (guint i = 0; i < level; i++)
    append_literal (self, "  ");
}

LiaisonXmlOut *
_liaison_xml_out_new (LiaisonXmlOutWriteFunc  write,
                      gpointer                user_data)
{
  LiaisonXmlOut *self = g_new0 (LiaisonXmlOut, 1);

  self->write = write;
  self->user_data = user_data;
  self->buffer = g_malloc (BUFFER_SIZE);
  self->indent_end = TRUE;
  return self;
}

void
_liaison_xml_out_start_document (LiaisonXmlOut *self)
{
  append_literal (self, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
}

/**
 * _liaison_xml_out_start_element:
 * @name: a static string: it is kept until the element ends
 */
void
_liaison_xml_out_start_element (LiaisonXmlOut *self,
                                const char    *name)
{
  g_assert (self->depth < MAX_DEPTH);

  if (self->open)
    append_literal (self, ">\n");
  append_indent (self, self->depth);
  append_char (self, '<');
  append (self, name, strlen (name));
  self->names[self->depth++] = name;
  self->open = TRUE;
}

void
_liaison_xml_out_attribute (LiaisonXmlOut *self,
                            const char    *name,
                            const char    *value)
{
  g_assert (self->open);

  /* xmlTextWriterWriteAttribute() fails on a missing value; so does the export. */
  if (value == NULL)
    {
      self->failed = TRUE;
      return;
    }

  append_char (self, ' ');
  append (self, name, strlen (name));
  append_literal (self, "=\"");
  append_escaped (self, value, attribute_stops, attribute_escapes);
  append_char (self, '"');
}

void
_liaison_xml_out_text (LiaisonXmlOut *self,
                       const char    *text)
{
  g_assert (self->depth > 0);

  if (self->open)
    append_char (self, '>');
  self->open = FALSE;
  self->indent_end = FALSE;
  append_escaped (self, text, text_stops, text_escapes);
}

void
_liaison_xml_out_end_element (LiaisonXmlOut *self)
{
  const char *name;

  g_assert (self->depth > 0);

  name = self->names[--self->depth];
  if (self->open)
    append_literal (self, "/>\n");
  else
    {
      if (self->indent_end)
        append_indent (self, self->depth);
      append_literal (self, "</");
      append (self, name, strlen (name));
      append_literal (self, ">\n");
    }
  self->open = FALSE;
  self->indent_end = TRUE;
}

/* An element that holds @text and nothing else. */
void
_liaison_xml_out_element (LiaisonXmlOut *self,
                          const char    *name,
                          const char    *text)
{
  _liaison_xml_out_start_element (self, name);
  _liaison_xml_out_text (self, text);
  _liaison_xml_out_end_element (self);
}

/* Whether every write so far succeeded. */
gboolean
_liaison_xml_out_ok (LiaisonXmlOut *self)
{
  return !self->failed;
}

/**
 * _liaison_xml_out_finish:
 *
 * Writes what is buffered.
 *
 * Returns: %FALSE if any write failed
 */
gboolean
_liaison_xml_out_finish (LiaisonXmlOut *self)
{
  flush (self);
  return !self->failed;
}

void
_liaison_xml_out_free (LiaisonXmlOut *self)
{
  if (self == NULL)
    return;
  g_free (self->buffer);
  g_free (self);
}

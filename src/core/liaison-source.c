/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-source"

#include "config.h"

#include "liaison-source.h"
#include "liaison-record-private.h"

/* A source record: its properties are the fields listed in liaison-record.c. */
struct _LiaisonSource
{
  LiaisonRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (LiaisonSource, liaison_source, LIAISON_TYPE_RECORD)

static void
liaison_source_class_init (LiaisonSourceClass *klass)
{
  _liaison_record_class_install_fields (LIAISON_RECORD_CLASS (klass), LIAISON_RECORD_SOURCE);
}

static void
liaison_source_init (LiaisonSource *self)
{
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-event"

#include "config.h"

#include "liaison-event.h"
#include "liaison-record-private.h"

/* A event record: its properties are the fields listed in liaison-record.c. */
struct _LiaisonEvent
{
  LiaisonRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (LiaisonEvent, liaison_event, LIAISON_TYPE_RECORD)

static void
liaison_event_class_init (LiaisonEventClass *klass)
{
  _liaison_record_class_install_fields (LIAISON_RECORD_CLASS (klass), LIAISON_RECORD_EVENT);
}

static void
liaison_event_init (LiaisonEvent *self)
{
}

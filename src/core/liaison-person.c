/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-person"

#include "config.h"

#include "liaison-person.h"
#include "liaison-record-private.h"

/* A person record: its properties are the fields listed in liaison-record.c. */
struct _LiaisonPerson
{
  LiaisonRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (LiaisonPerson, liaison_person, LIAISON_TYPE_RECORD)

static void
liaison_person_class_init (LiaisonPersonClass *klass)
{
  _liaison_record_class_install_fields (LIAISON_RECORD_CLASS (klass), LIAISON_RECORD_PERSON);
}

static void
liaison_person_init (LiaisonPerson *self)
{
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-institution"

#include "config.h"

#include "liaison-institution.h"
#include "liaison-record-private.h"

/* A institution record: its properties are the fields listed in liaison-record.c. */
struct _LiaisonInstitution
{
  LiaisonRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (LiaisonInstitution, liaison_institution, LIAISON_TYPE_RECORD)

static void
liaison_institution_class_init (LiaisonInstitutionClass *klass)
{
  _liaison_record_class_install_fields (LIAISON_RECORD_CLASS (klass), LIAISON_RECORD_INSTITUTION);
}

static void
liaison_institution_init (LiaisonInstitution *self)
{
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-agreement"

#include "config.h"

#include "liaison-agreement.h"
#include "liaison-record-private.h"

/* A agreement record: its properties are the fields listed in liaison-record.c. */
struct _LiaisonAgreement
{
  LiaisonRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (LiaisonAgreement, liaison_agreement, LIAISON_TYPE_RECORD)

static void
liaison_agreement_class_init (LiaisonAgreementClass *klass)
{
  _liaison_record_class_install_fields (LIAISON_RECORD_CLASS (klass), LIAISON_RECORD_AGREEMENT);
}

static void
liaison_agreement_init (LiaisonAgreement *self)
{
}

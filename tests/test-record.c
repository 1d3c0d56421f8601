/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "liaison-core.h"

#define UUID_A "29be803d-e5a4-4413-9d9b-464ef52c59cd"
#define UUID_B "63283e8c-845f-4266-8d69-fe1fca9f9de2"

static void
assert_invalid (LiaisonRecord *record,
                const char    *fragment)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (liaison_record_validate (record, &error));
  g_assert_error (error, LIAISON_ERROR, LIAISON_ERROR_INVALID_FIELD);
  if (strstr (error->message, fragment) == NULL)
    g_error ("validation message lacks “%s”: %s", fragment, error->message);
}

static void
assert_valid (LiaisonRecord *record)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (liaison_record_validate (record, &error));
  g_assert_no_error (error);
}

static void
test_kind_names (void)
{
  LiaisonRecordKind kind = LIAISON_N_RECORD_KINDS;

  for (guint i = 0; i < LIAISON_N_RECORD_KINDS; i++)
    {
      const char *name = liaison_record_kind_to_string (i);
      const char *plural = liaison_record_kind_get_plural (i);

      g_assert_true (liaison_record_kind_from_string (name, &kind));
      g_assert_cmpint (kind, ==, i);
      g_assert_true (liaison_record_kind_from_string (plural, &kind));
      g_assert_cmpint (kind, ==, i);
      g_assert_nonnull (liaison_record_kind_get_label (i));
    }

  g_assert_true (liaison_record_kind_from_string ("people", &kind));
  g_assert_cmpint (kind, ==, LIAISON_RECORD_PERSON);
  g_assert_cmpstr (liaison_record_kind_get_plural (LIAISON_RECORD_PERSON), ==, "people");
  g_assert_false (liaison_record_kind_from_string ("castle", &kind));
  g_assert_false (liaison_record_kind_from_string (NULL, &kind));
}

static void
test_fields_describe_each_kind (void)
{
  guint n_fields, index;
  const LiaisonField *fields;
  const LiaisonField *field;

  /* Field 0 is the title of every kind. */
  for (guint i = 0; i < LIAISON_N_RECORD_KINDS; i++)
    {
      fields = liaison_record_kind_get_fields (i, &n_fields);
      g_assert_cmpuint (n_fields, >, 1);
      g_assert_true (fields[0].required);
      g_assert_true (g_str_equal (fields[0].name, "name") || g_str_equal (fields[0].name, "title"));
    }

  field = liaison_record_kind_find_field (LIAISON_RECORD_INSTITUTION, "local-name", &index);
  g_assert_nonnull (field);
  g_assert_cmpstr (field->column, ==, "local_name");
  g_assert_cmpint (field->type, ==, LIAISON_FIELD_LINE);

  field = liaison_record_kind_find_field (LIAISON_RECORD_INSTITUTION, "parent", NULL);
  g_assert_cmpint (field->type, ==, LIAISON_FIELD_REFERENCE);
  g_assert_cmpint (field->target, ==, LIAISON_RECORD_INSTITUTION);

  field = liaison_record_kind_find_field (LIAISON_RECORD_AGREEMENT, "status", NULL);
  g_assert_cmpint (field->type, ==, LIAISON_FIELD_CHOICE);
  g_assert_true (g_strv_contains (field->choices, "negotiating"));

  field = liaison_record_kind_find_field (LIAISON_RECORD_EVENT, "date", NULL);
  g_assert_cmpint (field->type, ==, LIAISON_FIELD_DATE);

  g_assert_null (liaison_record_kind_find_field (LIAISON_RECORD_PERSON, "status", NULL));
  g_assert_cmpstr (liaison_choice_get_label ("exchange-centre"), ==, "Exchange centre");
  g_assert_cmpstr (liaison_choice_get_label ("unheard-of"), ==, "unheard-of");
}

static void
test_new_record_has_default_choices (void)
{
  g_autoptr(LiaisonRecord) institution = liaison_record_new (LIAISON_RECORD_INSTITUTION);
  g_autoptr(LiaisonRecord) agreement = liaison_record_new (LIAISON_RECORD_AGREEMENT);
  g_autoptr(LiaisonRecord) event = liaison_record_new (LIAISON_RECORD_EVENT);
  g_autoptr(LiaisonRecord) person = liaison_record_new (LIAISON_RECORD_PERSON);

  g_assert_true (LIAISON_IS_INSTITUTION (institution));
  g_assert_true (LIAISON_IS_AGREEMENT (agreement));
  g_assert_cmpint (liaison_record_get_kind (event), ==, LIAISON_RECORD_EVENT);
  g_assert_cmpstr (liaison_record_get_field (institution, "kind"), ==, "other");
  g_assert_cmpstr (liaison_record_get_field (agreement, "kind"), ==, "strategic");
  g_assert_cmpstr (liaison_record_get_field (agreement, "status"), ==, "proposed");
  g_assert_cmpstr (liaison_record_get_field (event, "kind"), ==, "meeting");
  g_assert_null (liaison_record_get_field (person, "name"));
  g_assert_null (liaison_record_get_uuid (person));
  g_assert_cmpint (liaison_record_get_id (person), ==, 0);
  g_assert_cmpint (liaison_record_get_links (person)->len, ==, 0);
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

static void
test_fields_are_properties_that_notify_on_change (void)
{
  g_autoptr(LiaisonRecord) record = liaison_record_new (LIAISON_RECORD_INSTITUTION);
  g_autofree char *value = NULL;
  guint local_notified = 0;
  guint title_notified = 0;

  g_signal_connect (record, "notify::local-name", G_CALLBACK (count_notify_cb), &local_notified);
  g_signal_connect (record, "notify::title", G_CALLBACK (count_notify_cb), &title_notified);

  g_object_set (record, "local-name", "华为技术有限公司", NULL);
  g_assert_cmpstr (liaison_record_get_field (record, "local-name"), ==, "华为技术有限公司");
  g_assert_cmpuint (local_notified, ==, 1);

  /* The same value again is no change. */
  liaison_record_set_field (record, "local-name", "华为技术有限公司");
  g_assert_cmpuint (local_notified, ==, 1);

  g_object_get (record, "local-name", &value, NULL);
  g_assert_cmpstr (value, ==, "华为技术有限公司");

  /* An empty string is no value. */
  liaison_record_set_field (record, "local-name", "");
  g_assert_null (liaison_record_get_field (record, "local-name"));
  g_assert_cmpuint (local_notified, ==, 2);

  /* The first field is also the record's title. */
  liaison_record_set_field (record, "name", "Huawei Technologies Co., Ltd.");
  g_assert_cmpstr (liaison_record_get_title (record), ==, "Huawei Technologies Co., Ltd.");
  g_assert_cmpuint (title_notified, ==, 1);
}

static void
test_identity_properties (void)
{
  g_autoptr(LiaisonRecord) record = liaison_record_new (LIAISON_RECORD_PERSON);
  guint notified = 0;

  g_signal_connect (record, "notify::uuid", G_CALLBACK (count_notify_cb), &notified);
  liaison_record_set_uuid (record, UUID_A);
  liaison_record_set_uuid (record, UUID_A);
  g_assert_cmpuint (notified, ==, 1);
  g_assert_cmpstr (liaison_record_get_uuid (record), ==, UUID_A);

  liaison_record_set_revision (record, 3);
  liaison_record_set_created (record, "2023-08-30T10:00:00Z");
  liaison_record_set_modified (record, "2023-08-31T10:00:00Z");
  g_assert_cmpint (liaison_record_get_revision (record), ==, 3);
  g_assert_cmpstr (liaison_record_get_created (record), ==, "2023-08-30T10:00:00Z");
  g_assert_cmpstr (liaison_record_get_modified (record), ==, "2023-08-31T10:00:00Z");
}

static void
test_validate_required_field (void)
{
  g_autoptr(LiaisonRecord) record = liaison_record_new (LIAISON_RECORD_INSTITUTION);

  assert_invalid (record, "“name” is required");
  liaison_record_set_field (record, "name", "Chongqing University");
  assert_valid (record);
}

static void
test_validate_choice (void)
{
  g_autoptr(LiaisonRecord) record = liaison_record_new (LIAISON_RECORD_AGREEMENT);

  liaison_record_set_field (record, "title", "Cooperation");
  liaison_record_set_field (record, "status", "pending");
  /* Names the bad value, the field, and what would do. */
  assert_invalid (record, "“pending” is not a valid status");
  assert_invalid (record, "negotiating");
  liaison_record_set_field (record, "status", "active");
  assert_valid (record);

  liaison_record_set_field (record, "kind", NULL);
  assert_invalid (record, "“kind” is required");
}

static void
test_validate_dates (void)
{
  g_autoptr(LiaisonRecord) agreement = liaison_record_new (LIAISON_RECORD_AGREEMENT);
  g_autoptr(LiaisonRecord) event = liaison_record_new (LIAISON_RECORD_EVENT);

  liaison_record_set_field (agreement, "title", "Cooperation");
  liaison_record_set_field (agreement, "signed", "2023-02-30");
  assert_invalid (agreement, "“signed” is not a valid date");
  assert_invalid (agreement, "no day 30");

  /* Stored dates are canonical: a typed form must go through liaison_date_parse(). */
  liaison_record_set_field (agreement, "signed", "2023/8/30");
  assert_invalid (agreement, "“signed”");

  liaison_record_set_field (agreement, "signed", "2023-08-30");
  liaison_record_set_field (agreement, "start", "2023-09");
  liaison_record_set_field (agreement, "end", "2023-08-31");
  assert_invalid (agreement, "end date 2023-08-31 is before the start date 2023-09");

  liaison_record_set_field (agreement, "end", "2023-09");
  assert_valid (agreement);
  liaison_record_set_field (agreement, "end", "--04-18");
  assert_valid (agreement);

  liaison_record_set_field (event, "title", "Visit");
  liaison_record_set_field (event, "date", "2023-08-30");
  liaison_record_set_field (event, "end-date", "2023-08-29");
  assert_invalid (event, "end date 2023-08-29 is before the date 2023-08-30");
  liaison_record_set_field (event, "end-date", "2023-08-30");
  assert_valid (event);
}

static void
test_validate_references (void)
{
  g_autoptr(LiaisonRecord) record = liaison_record_new (LIAISON_RECORD_INSTITUTION);

  liaison_record_set_field (record, "name", "School of Big Data");
  liaison_record_set_field (record, "parent", "Chongqing University");
  assert_invalid (record, "“parent” must hold a record’s UUID");

  liaison_record_set_field (record, "parent", "29BE803D-E5A4-4413-9D9B-464EF52C59CD");
  assert_invalid (record, "“parent”");

  liaison_record_set_uuid (record, UUID_A);
  liaison_record_set_field (record, "parent", UUID_A);
  assert_invalid (record, "cannot refer to the record itself");

  liaison_record_set_field (record, "parent", UUID_B);
  assert_valid (record);
}

static void
test_validate_text (void)
{
  g_autoptr(LiaisonRecord) record = liaison_record_new (LIAISON_RECORD_PERSON);
  g_autofree char *long_line = g_strnfill (1001, 'x');
  g_autofree char *longest_line = g_strnfill (1000, 'x');

  liaison_record_set_field (record, "name", "Wang\nQiming");
  assert_invalid (record, "“name” must be a single line");

  liaison_record_set_field (record, "name", long_line);
  assert_invalid (record, "“name” is longer than 1000 characters");
  liaison_record_set_field (record, "name", longest_line);
  assert_valid (record);

  /* Paragraphs may span lines. */
  liaison_record_set_field (record, "name", "王启明");
  liaison_record_set_field (record, "notes", "First line.\nSecond line.");
  assert_valid (record);

  /* Broken UTF-8, cut in the middle of a character, is refused, not overrun. */
  liaison_record_set_field (record, "role", "Dean \xe5\x8d");
  assert_invalid (record, "“role”");
  liaison_record_set_field (record, "role", "\xf0");
  assert_invalid (record, "not valid text");
}

static void
test_validate_links (void)
{
  g_autoptr(LiaisonRecord) source = liaison_record_new (LIAISON_RECORD_SOURCE);
  g_autoptr(LiaisonRecord) event = liaison_record_new (LIAISON_RECORD_EVENT);
  g_autoptr(LiaisonRecord) agreement = liaison_record_new (LIAISON_RECORD_AGREEMENT);

  liaison_record_set_field (source, "title", "Campus news");
  liaison_record_add_link (source, liaison_link_new (LIAISON_LINK_CITATION, UUID_A, NULL, NULL));
  assert_invalid (source, "cannot have a source");

  liaison_record_set_field (event, "title", "Signing");
  liaison_record_add_link (event, liaison_link_new (LIAISON_LINK_PARTY, UUID_A, NULL, NULL));
  assert_invalid (event, "cannot have a party");

  liaison_record_set_field (agreement, "title", "Cooperation");
  liaison_record_add_link (agreement, liaison_link_new (LIAISON_LINK_PARTY, "Huawei", NULL, NULL));
  assert_invalid (agreement, "the party “Huawei” is not valid");

  liaison_record_clear_links (agreement);
  liaison_record_add_link (agreement, liaison_link_new (LIAISON_LINK_PARTY, UUID_A, "company", "Wu Hui"));
  assert_invalid (agreement, "the signatory “Wu Hui” is not a person’s UUID");

  liaison_record_clear_links (agreement);
  liaison_record_add_link (agreement, liaison_link_new (LIAISON_LINK_TAG, "", NULL, NULL));
  assert_invalid (agreement, "tag");

  /* Broken UTF-8 in a tag or a role is refused too. */
  liaison_record_clear_links (agreement);
  liaison_record_add_link (agreement, liaison_link_new (LIAISON_LINK_TAG, "smart \xe6", NULL, NULL));
  assert_invalid (agreement, "tag");
  liaison_record_clear_links (agreement);
  liaison_record_add_link (agreement, liaison_link_new (LIAISON_LINK_PARTY, UUID_A, "\xf0", NULL));
  assert_invalid (agreement, "role");

  liaison_record_clear_links (agreement);
  liaison_record_add_link (agreement, liaison_link_new (LIAISON_LINK_PARTY, UUID_A, "company", UUID_B));
  liaison_record_add_link (agreement, liaison_link_new (LIAISON_LINK_TAG, "smart campus", NULL, NULL));
  liaison_record_add_link (agreement, liaison_link_new (LIAISON_LINK_CITATION, UUID_B, "signing report", NULL));
  assert_valid (agreement);
}

static void
test_link_empty_strings_are_no_value (void)
{
  g_autoptr(LiaisonLink) link = liaison_link_new (LIAISON_LINK_PARTY, UUID_A, "", "");
  g_autoptr(LiaisonLink) copy = NULL;

  g_assert_null (link->role);
  g_assert_null (link->signatory);
  copy = liaison_link_copy (link);
  g_assert_true (liaison_link_equal (link, copy));
  g_free (copy->role);
  copy->role = g_strdup ("company");
  g_assert_false (liaison_link_equal (link, copy));
}

static void
test_copy_and_equal (void)
{
  g_autoptr(LiaisonRecord) record = liaison_record_new (LIAISON_RECORD_AGREEMENT);
  g_autoptr(LiaisonRecord) copy = NULL;
  g_autoptr(LiaisonRecord) reordered = NULL;

  liaison_record_set_uuid (record, UUID_A);
  liaison_record_set_field (record, "title", "Cooperation");
  liaison_record_set_field (record, "signed", "2023-08-30");
  liaison_record_add_link (record, liaison_link_new (LIAISON_LINK_TAG, "smart campus", NULL, NULL));
  liaison_record_add_link (record, liaison_link_new (LIAISON_LINK_TAG, "digital education", NULL, NULL));

  copy = liaison_record_copy (record);
  g_assert_true (copy != record);
  g_assert_true (liaison_record_equal (record, copy));
  g_assert_cmpstr (liaison_record_get_uuid (copy), ==, UUID_A);

  /* The copy is independent of the original. */
  liaison_record_set_field (copy, "signed", "2023-08-31");
  g_assert_false (liaison_record_equal (record, copy));
  g_assert_cmpstr (liaison_record_get_field (record, "signed"), ==, "2023-08-30");

  /* Link order is part of a record. */
  reordered = liaison_record_copy (record);
  liaison_record_clear_links (reordered);
  liaison_record_add_link (reordered, liaison_link_new (LIAISON_LINK_TAG, "digital education", NULL, NULL));
  liaison_record_add_link (reordered, liaison_link_new (LIAISON_LINK_TAG, "smart campus", NULL, NULL));
  g_assert_false (liaison_record_equal (record, reordered));

  /* Timestamps and revision are not. */
  g_object_unref (copy);
  copy = liaison_record_copy (record);
  liaison_record_set_revision (copy, 7);
  liaison_record_set_modified (copy, "2030-01-01T00:00:00Z");
  g_assert_true (liaison_record_equal (record, copy));
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/liaison/record/kind-names", test_kind_names);
  g_test_add_func ("/liaison/record/fields-describe-each-kind", test_fields_describe_each_kind);
  g_test_add_func ("/liaison/record/new-record-has-default-choices", test_new_record_has_default_choices);
  g_test_add_func ("/liaison/record/fields-are-properties-that-notify-on-change", test_fields_are_properties_that_notify_on_change);
  g_test_add_func ("/liaison/record/identity-properties", test_identity_properties);
  g_test_add_func ("/liaison/record/validate/required-field", test_validate_required_field);
  g_test_add_func ("/liaison/record/validate/choice", test_validate_choice);
  g_test_add_func ("/liaison/record/validate/dates", test_validate_dates);
  g_test_add_func ("/liaison/record/validate/references", test_validate_references);
  g_test_add_func ("/liaison/record/validate/text", test_validate_text);
  g_test_add_func ("/liaison/record/validate/links", test_validate_links);
  g_test_add_func ("/liaison/record/link-empty-strings-are-no-value", test_link_empty_strings_are_no_value);
  g_test_add_func ("/liaison/record/copy-and-equal", test_copy_and_equal);

  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-store"

#include "config.h"

#include "liaison-store-private.h"

/*
 * The schema, one migration per version.  A migration is frozen once released: a new
 * version adds a new entry, it never edits an old one.  Each runs inside the
 * transaction that also sets PRAGMA user_version.
 */

static const char schema_v1[] =
  "CREATE TABLE source ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT NOT NULL UNIQUE,"
  "  title TEXT NOT NULL CHECK (title <> ''),"
  "  publisher TEXT,"
  "  published TEXT,"
  "  locator TEXT,"
  "  notes TEXT,"
  "  revision INTEGER NOT NULL DEFAULT 1,"
  "  created TEXT NOT NULL,"
  "  modified TEXT NOT NULL"
  ");"
  "CREATE TABLE institution ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT NOT NULL UNIQUE,"
  "  name TEXT NOT NULL CHECK (name <> ''),"
  "  kind TEXT NOT NULL DEFAULT 'other' CHECK (kind IN ('university', 'company', 'government', 'exchange-centre', 'college', 'other')),"
  "  local_name TEXT,"
  "  short_name TEXT,"
  "  parent_id INTEGER REFERENCES institution (id) ON DELETE SET NULL,"
  "  country TEXT,"
  "  region TEXT,"
  "  city TEXT,"
  "  website TEXT,"
  "  notes TEXT,"
  "  revision INTEGER NOT NULL DEFAULT 1,"
  "  created TEXT NOT NULL,"
  "  modified TEXT NOT NULL"
  ");"
  "CREATE INDEX institution_parent ON institution (parent_id) WHERE parent_id IS NOT NULL;"
  "CREATE INDEX institution_name ON institution (name COLLATE NOCASE);"
  "CREATE TABLE person ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT NOT NULL UNIQUE,"
  "  name TEXT NOT NULL CHECK (name <> ''),"
  "  local_name TEXT,"
  "  institution_id INTEGER REFERENCES institution (id) ON DELETE SET NULL,"
  "  role TEXT,"
  "  email TEXT,"
  "  phone TEXT,"
  "  notes TEXT,"
  "  revision INTEGER NOT NULL DEFAULT 1,"
  "  created TEXT NOT NULL,"
  "  modified TEXT NOT NULL"
  ");"
  "CREATE INDEX person_institution ON person (institution_id);"
  "CREATE INDEX person_name ON person (name COLLATE NOCASE);"
  "CREATE TABLE agreement ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT NOT NULL UNIQUE,"
  "  title TEXT NOT NULL CHECK (title <> ''),"
  "  kind TEXT NOT NULL CHECK (kind IN ('strategic', 'framework', 'sub-agreement', 'intention', 'contract')),"
  "  status TEXT NOT NULL CHECK (status IN ('proposed', 'negotiating', 'signed', 'active', 'expired', 'terminated')),"
  "  status_manual INTEGER NOT NULL DEFAULT 0 CHECK (status_manual IN (0, 1)),"
  "  parent_id INTEGER REFERENCES agreement (id) ON DELETE SET NULL,"
  "  signed_date TEXT,"
  "  start_date TEXT,"
  "  end_date TEXT,"
  "  notice_date TEXT,"
  "  summary TEXT,"
  "  responsible_id INTEGER REFERENCES person (id) ON DELETE SET NULL,"
  "  revision INTEGER NOT NULL DEFAULT 1,"
  "  created TEXT NOT NULL,"
  "  modified TEXT NOT NULL"
  ");"
  "CREATE INDEX agreement_parent ON agreement (parent_id) WHERE parent_id IS NOT NULL;"
  "CREATE INDEX agreement_responsible ON agreement (responsible_id) WHERE responsible_id IS NOT NULL;"
  "CREATE INDEX agreement_title ON agreement (title COLLATE NOCASE);"
  "CREATE INDEX agreement_signed ON agreement (signed_date);"
  "CREATE INDEX agreement_end ON agreement (end_date);"
  "CREATE INDEX agreement_notice ON agreement (notice_date);"
  "CREATE TABLE event ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT NOT NULL UNIQUE,"
  "  title TEXT NOT NULL CHECK (title <> ''),"
  "  kind TEXT NOT NULL CHECK (kind IN ('visit', 'signing', 'meeting', 'conference', 'talk', 'other')),"
  "  event_date TEXT,"
  "  end_date TEXT,"
  "  place TEXT,"
  "  city TEXT,"
  "  summary TEXT,"
  "  host_id INTEGER REFERENCES institution (id) ON DELETE SET NULL,"
  "  revision INTEGER NOT NULL DEFAULT 1,"
  "  created TEXT NOT NULL,"
  "  modified TEXT NOT NULL"
  ");"
  "CREATE INDEX event_host ON event (host_id) WHERE host_id IS NOT NULL;"
  "CREATE INDEX event_date ON event (event_date);"
  "CREATE INDEX event_title ON event (title COLLATE NOCASE);"
  /* Links; position keeps the order a person gave them. */
  "CREATE TABLE agreement_party ("
  "  agreement_id INTEGER NOT NULL REFERENCES agreement (id) ON DELETE CASCADE,"
  "  institution_id INTEGER NOT NULL REFERENCES institution (id) ON DELETE CASCADE,"
  "  role TEXT,"
  "  signatory_id INTEGER REFERENCES person (id) ON DELETE SET NULL,"
  "  position INTEGER NOT NULL,"
  "  PRIMARY KEY (agreement_id, institution_id)"
  ") WITHOUT ROWID;"
  "CREATE INDEX agreement_party_institution ON agreement_party (institution_id);"
  "CREATE INDEX agreement_party_signatory ON agreement_party (signatory_id) WHERE signatory_id IS NOT NULL;"
  "CREATE TABLE event_institution ("
  "  event_id INTEGER NOT NULL REFERENCES event (id) ON DELETE CASCADE,"
  "  institution_id INTEGER NOT NULL REFERENCES institution (id) ON DELETE CASCADE,"
  "  role TEXT,"
  "  position INTEGER NOT NULL,"
  "  PRIMARY KEY (event_id, institution_id)"
  ") WITHOUT ROWID;"
  "CREATE INDEX event_institution_institution ON event_institution (institution_id);"
  "CREATE TABLE event_person ("
  "  event_id INTEGER NOT NULL REFERENCES event (id) ON DELETE CASCADE,"
  "  person_id INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,"
  "  role TEXT,"
  "  position INTEGER NOT NULL,"
  "  PRIMARY KEY (event_id, person_id)"
  ") WITHOUT ROWID;"
  "CREATE INDEX event_person_person ON event_person (person_id);"
  "CREATE TABLE event_agreement ("
  "  event_id INTEGER NOT NULL REFERENCES event (id) ON DELETE CASCADE,"
  "  agreement_id INTEGER NOT NULL REFERENCES agreement (id) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL,"
  "  PRIMARY KEY (event_id, agreement_id)"
  ") WITHOUT ROWID;"
  "CREATE INDEX event_agreement_agreement ON event_agreement (agreement_id);"
  "CREATE TABLE tag ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL UNIQUE"
  ");"
  "CREATE TABLE agreement_tag ("
  "  agreement_id INTEGER NOT NULL REFERENCES agreement (id) ON DELETE CASCADE,"
  "  tag_id INTEGER NOT NULL REFERENCES tag (id) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL,"
  "  PRIMARY KEY (agreement_id, tag_id)"
  ") WITHOUT ROWID;"
  "CREATE INDEX agreement_tag_tag ON agreement_tag (tag_id);"
  "CREATE TABLE event_tag ("
  "  event_id INTEGER NOT NULL REFERENCES event (id) ON DELETE CASCADE,"
  "  tag_id INTEGER NOT NULL REFERENCES tag (id) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL,"
  "  PRIMARY KEY (event_id, tag_id)"
  ") WITHOUT ROWID;"
  "CREATE INDEX event_tag_tag ON event_tag (tag_id);"
  /* Any record but a source can cite sources; the record is named by its UUID. */
  "CREATE TABLE citation ("
  "  record_uuid TEXT NOT NULL,"
  "  source_id INTEGER NOT NULL REFERENCES source (id) ON DELETE CASCADE,"
  "  detail TEXT,"
  "  position INTEGER NOT NULL,"
  "  PRIMARY KEY (record_uuid, source_id)"
  ") WITHOUT ROWID;"
  "CREATE INDEX citation_source ON citation (source_id);"
  "CREATE TRIGGER institution_uncite AFTER DELETE ON institution BEGIN DELETE FROM citation WHERE record_uuid = old.uuid; END;"
  "CREATE TRIGGER person_uncite AFTER DELETE ON person BEGIN DELETE FROM citation WHERE record_uuid = old.uuid; END;"
  "CREATE TRIGGER agreement_uncite AFTER DELETE ON agreement BEGIN DELETE FROM citation WHERE record_uuid = old.uuid; END;"
  "CREATE TRIGGER event_uncite AFTER DELETE ON event BEGIN DELETE FROM citation WHERE record_uuid = old.uuid; END;"
  /* What changed, when: history, undo and audit.  before/after are JSON snapshots. */
  "CREATE TABLE change_log ("
  "  id INTEGER PRIMARY KEY,"
  "  time TEXT NOT NULL,"
  "  action TEXT NOT NULL CHECK (action IN ('create', 'update', 'delete', 'import', 'status')),"
  "  kind TEXT,"
  "  record_uuid TEXT,"
  "  summary TEXT NOT NULL,"
  "  before TEXT,"
  "  after TEXT"
  ");"
  "CREATE INDEX change_log_record ON change_log (record_uuid) WHERE record_uuid IS NOT NULL;"
  /* Each record as it was at its last exchange (export or import), as a digest of its
   * fields and links: the merge rules compare both sides against it. */
  "CREATE TABLE exchange_state ("
  "  uuid TEXT PRIMARY KEY,"
  "  digest TEXT NOT NULL"
  ") WITHOUT ROWID;"
  /* Full-text search: trigram indexes find any substring of three or more characters,
   * in Latin or Chinese script alike; shorter searches fall back to LIKE. */
  "CREATE VIRTUAL TABLE source_fts USING fts5 (title, publisher, locator, notes,"
  "  content = 'source', content_rowid = 'id', tokenize = 'trigram case_sensitive 0');"
  "CREATE TRIGGER source_fts_insert AFTER INSERT ON source BEGIN"
  "  INSERT INTO source_fts (rowid, title, publisher, locator, notes) VALUES (new.id, new.title, new.publisher, new.locator, new.notes);"
  "END;"
  "CREATE TRIGGER source_fts_delete AFTER DELETE ON source BEGIN"
  "  INSERT INTO source_fts (source_fts, rowid, title, publisher, locator, notes) VALUES ('delete', old.id, old.title, old.publisher, old.locator, old.notes);"
  "END;"
  "CREATE TRIGGER source_fts_update AFTER UPDATE OF title, publisher, locator, notes ON source BEGIN"
  "  INSERT INTO source_fts (source_fts, rowid, title, publisher, locator, notes) VALUES ('delete', old.id, old.title, old.publisher, old.locator, old.notes);"
  "  INSERT INTO source_fts (rowid, title, publisher, locator, notes) VALUES (new.id, new.title, new.publisher, new.locator, new.notes);"
  "END;"
  "CREATE VIRTUAL TABLE institution_fts USING fts5 (name, local_name, short_name, country, region, city, website, notes,"
  "  content = 'institution', content_rowid = 'id', tokenize = 'trigram case_sensitive 0');"
  "CREATE TRIGGER institution_fts_insert AFTER INSERT ON institution BEGIN"
  "  INSERT INTO institution_fts (rowid, name, local_name, short_name, country, region, city, website, notes)"
  "  VALUES (new.id, new.name, new.local_name, new.short_name, new.country, new.region, new.city, new.website, new.notes);"
  "END;"
  "CREATE TRIGGER institution_fts_delete AFTER DELETE ON institution BEGIN"
  "  INSERT INTO institution_fts (institution_fts, rowid, name, local_name, short_name, country, region, city, website, notes)"
  "  VALUES ('delete', old.id, old.name, old.local_name, old.short_name, old.country, old.region, old.city, old.website, old.notes);"
  "END;"
  "CREATE TRIGGER institution_fts_update AFTER UPDATE OF name, local_name, short_name, country, region, city, website, notes ON institution BEGIN"
  "  INSERT INTO institution_fts (institution_fts, rowid, name, local_name, short_name, country, region, city, website, notes)"
  "  VALUES ('delete', old.id, old.name, old.local_name, old.short_name, old.country, old.region, old.city, old.website, old.notes);"
  "  INSERT INTO institution_fts (rowid, name, local_name, short_name, country, region, city, website, notes)"
  "  VALUES (new.id, new.name, new.local_name, new.short_name, new.country, new.region, new.city, new.website, new.notes);"
  "END;"
  "CREATE VIRTUAL TABLE person_fts USING fts5 (name, local_name, role, email, phone, notes,"
  "  content = 'person', content_rowid = 'id', tokenize = 'trigram case_sensitive 0');"
  "CREATE TRIGGER person_fts_insert AFTER INSERT ON person BEGIN"
  "  INSERT INTO person_fts (rowid, name, local_name, role, email, phone, notes)"
  "  VALUES (new.id, new.name, new.local_name, new.role, new.email, new.phone, new.notes);"
  "END;"
  "CREATE TRIGGER person_fts_delete AFTER DELETE ON person BEGIN"
  "  INSERT INTO person_fts (person_fts, rowid, name, local_name, role, email, phone, notes)"
  "  VALUES ('delete', old.id, old.name, old.local_name, old.role, old.email, old.phone, old.notes);"
  "END;"
  "CREATE TRIGGER person_fts_update AFTER UPDATE OF name, local_name, role, email, phone, notes ON person BEGIN"
  "  INSERT INTO person_fts (person_fts, rowid, name, local_name, role, email, phone, notes)"
  "  VALUES ('delete', old.id, old.name, old.local_name, old.role, old.email, old.phone, old.notes);"
  "  INSERT INTO person_fts (rowid, name, local_name, role, email, phone, notes)"
  "  VALUES (new.id, new.name, new.local_name, new.role, new.email, new.phone, new.notes);"
  "END;"
  "CREATE VIRTUAL TABLE agreement_fts USING fts5 (title, summary,"
  "  content = 'agreement', content_rowid = 'id', tokenize = 'trigram case_sensitive 0');"
  "CREATE TRIGGER agreement_fts_insert AFTER INSERT ON agreement BEGIN"
  "  INSERT INTO agreement_fts (rowid, title, summary) VALUES (new.id, new.title, new.summary);"
  "END;"
  "CREATE TRIGGER agreement_fts_delete AFTER DELETE ON agreement BEGIN"
  "  INSERT INTO agreement_fts (agreement_fts, rowid, title, summary) VALUES ('delete', old.id, old.title, old.summary);"
  "END;"
  "CREATE TRIGGER agreement_fts_update AFTER UPDATE OF title, summary ON agreement BEGIN"
  "  INSERT INTO agreement_fts (agreement_fts, rowid, title, summary) VALUES ('delete', old.id, old.title, old.summary);"
  "  INSERT INTO agreement_fts (rowid, title, summary) VALUES (new.id, new.title, new.summary);"
  "END;"
  "CREATE VIRTUAL TABLE event_fts USING fts5 (title, place, city, summary,"
  "  content = 'event', content_rowid = 'id', tokenize = 'trigram case_sensitive 0');"
  "CREATE TRIGGER event_fts_insert AFTER INSERT ON event BEGIN"
  "  INSERT INTO event_fts (rowid, title, place, city, summary) VALUES (new.id, new.title, new.place, new.city, new.summary);"
  "END;"
  "CREATE TRIGGER event_fts_delete AFTER DELETE ON event BEGIN"
  "  INSERT INTO event_fts (event_fts, rowid, title, place, city, summary) VALUES ('delete', old.id, old.title, old.place, old.city, old.summary);"
  "END;"
  "CREATE TRIGGER event_fts_update AFTER UPDATE OF title, place, city, summary ON event BEGIN"
  "  INSERT INTO event_fts (event_fts, rowid, title, place, city, summary) VALUES ('delete', old.id, old.title, old.place, old.city, old.summary);"
  "  INSERT INTO event_fts (rowid, title, place, city, summary) VALUES (new.id, new.title, new.place, new.city, new.summary);"
  "END;";

static const char * const migrations[] = {
  NULL,       /* version 0: an empty file */
  schema_v1,
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == LIAISON_SCHEMA_VERSION + 1);

/* Tests only: one more migration after the last, to prove a failing one changes nothing. */
static const char *test_migration;

/**
 * _liaison_store_get_migration:
 * @version: the version a migration leads to, 1 or more
 *
 * Returns: (nullable): the SQL that takes a database from @version - 1 to @version
 */
const char *
_liaison_store_get_migration (guint version)
{
  if (version == LIAISON_SCHEMA_VERSION + 1)
    return test_migration;
  if (version == 0 || version >= G_N_ELEMENTS (migrations))
    return NULL;
  return migrations[version];
}

void
_liaison_store_set_test_migration (const char *sql)
{
  test_migration = sql;
}

/**
 * _liaison_store_get_latest_version:
 *
 * Returns: the schema version a database is migrated to
 */
guint
_liaison_store_get_latest_version (void)
{
  return LIAISON_SCHEMA_VERSION + (test_migration != NULL ? 1 : 0);
}

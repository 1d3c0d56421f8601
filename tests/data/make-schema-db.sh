#!/bin/sh
# Builds tests/data/schema-v1.db, a small seeded database of schema version 1, as the
# released Liaison writes it.  test-migrations opens it with the current code and
# checks that its data survives.
#
#   tests/data/make-schema-db.sh BUILD_DIR
#
# Run it with the build of the release that froze schema version 1, and commit the
# result.  Until that release, regenerate it whenever schema v1 changes (the test
# /liaison/migrations/v1-fixture-matches-schema-v1 says when).  Once a new schema
# version exists, keep schema-v1.db as it is and add schema-v2.db the same way.
set -eu

build=${1:?usage: $0 BUILD_DIR}
cli="$build/src/cli/liaison-cli"
here=$(cd "$(dirname "$0")" && pwd)
out="$here/schema-v1.db"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The seed, a few generated records (fixed random seed) and one edit, so the file
# has links, tags, citations and a change log.
TZ=UTC "$cli" --database "$tmp/v1.db" init
TZ=UTC "$cli" --database "$tmp/v1.db" generate --institutions 20 --agreements 15 --events 30 --random-seed 11
"$cli" --database "$tmp/v1.db" export --output "$tmp/all.xml"
sed "s/<name>Open University of China<\/name>/<name>The Open University of China<\/name>/" \
  "$tmp/all.xml" > "$tmp/edit.xml"
TZ=UTC "$cli" --database "$tmp/v1.db" import "$tmp/edit.xml" > /dev/null

# One self-contained file: no write-ahead log beside it.
sqlite3 "$tmp/v1.db" "PRAGMA journal_mode = DELETE; VACUUM;" > /dev/null
test "$(sqlite3 "$tmp/v1.db" 'PRAGMA user_version')" = 1
test "$(sqlite3 "$tmp/v1.db" 'PRAGMA integrity_check')" = ok
mv "$tmp/v1.db" "$out"
echo "Wrote $out"

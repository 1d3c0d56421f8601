#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Fails when a file under src/ or data/ holds translatable strings (_(", N_(", C_(",
# translatable="yes") but is missing from po/POTFILES.in, when POTFILES.in names a
# file that does not exist, or when POTFILES.in is not sorted.  Lists each problem.
#
# Usage: check-potfiles.sh [SOURCE_ROOT]

set -eu

root=${1:-"$(dirname "$0")/.."}
cd "$root"

potfiles=po/POTFILES.in
status=0
listed=$(mktemp)
found=$(mktemp)
trap 'rm -f "$listed" "$found"' EXIT

# Entries, without comments and blank lines.
sed -e 's/#.*//' -e 's/[[:space:]]*$//' -e '/^$/d' "$potfiles" > "$listed"

grep -rlF -e '_("' -e 'translatable="yes"' src data | LC_ALL=C sort > "$found"

missing=$(LC_ALL=C sort "$listed" | LC_ALL=C comm -13 - "$found")
if [ -n "$missing" ]; then
  echo "Files with translatable strings missing from $potfiles:"
  echo "$missing" | sed 's/^/  /'
  status=1
fi

while IFS= read -r file; do
  if [ ! -f "$file" ]; then
    echo "$potfiles names $file, which does not exist"
    status=1
  fi
done < "$listed"

if ! LC_ALL=C sort -c "$listed" 2>/dev/null; then
  echo "$potfiles is not sorted; sort it with: LC_ALL=C sort -o $potfiles $potfiles"
  status=1
fi

if [ "$status" -eq 0 ]; then
  echo "$potfiles lists all $(wc -l < "$found") files with translatable strings"
fi
exit "$status"

#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Fails when a translation is incomplete: untranslated or fuzzy messages, counted by
# msgfmt --statistics after merging the .po file with the strings the sources hold
# now (so that a .po file that was never updated does not pass for complete).
#
# Usage: check-translation.sh PO_FILE

set -eu

po=$1
podir=$(cd "$(dirname "$po")" && pwd)
root=$(dirname "$podir")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

merged="$tmp/merged.po"
if command -v xgettext >/dev/null && command -v msgmerge >/dev/null &&
   (cd "$root" && xgettext --files-from=po/POTFILES.in --directory=. --output="$tmp/liaison.pot" \
                  --from-code=UTF-8 --add-comments --keyword=_ --keyword=N_ --keyword=C_:1c,2 \
                  --keyword=NC_:1c,2 --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 \
                  --keyword=g_dpgettext2:2c,3 --package-name=liaison 2> "$tmp/xgettext.log"); then
  msgmerge --quiet --output-file="$merged" "$po" "$tmp/liaison.pot"
else
  echo "Could not extract the current strings (xgettext); checking $po as it is"
  cat "$tmp/xgettext.log" 2>/dev/null || true
  cp "$po" "$merged"
fi

statistics=$(LC_ALL=C msgfmt --check --statistics -o /dev/null "$merged" 2>&1)
echo "$(basename "$po"): $statistics"

untranslated=$(msgattrib --untranslated --no-obsolete "$merged" | grep -c '^msgid ' || true)
fuzzy=$(msgattrib --only-fuzzy --no-obsolete "$merged" | grep -c '^msgid ' || true)
# Each list has a header entry when it is not empty.
[ "$untranslated" -gt 0 ] && untranslated=$((untranslated - 1))
[ "$fuzzy" -gt 0 ] && fuzzy=$((fuzzy - 1))

if [ "$untranslated" -gt 0 ] || [ "$fuzzy" -gt 0 ]; then
  echo "$untranslated untranslated and $fuzzy fuzzy messages, for example:"
  msgattrib --untranslated --no-obsolete --no-wrap "$merged" | grep '^msgid "..*"' | head -n 15 | sed 's/^/  untranslated: /'
  msgattrib --only-fuzzy --no-obsolete --no-wrap "$merged" | grep '^msgid "..*"' | head -n 15 | sed 's/^/  fuzzy: /'
  exit 1
fi

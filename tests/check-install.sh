#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Installs the build into a temporary DESTDIR and checks that binaries, desktop file,
# metainfo, icons, GSettings schema, translations, XML schemas and stylesheet land where
# the runtime looks for them; then runs liaison-cli --version and init from there.
#
# Usage: check-install.sh BUILDDIR PREFIX BINDIR DATADIR APP_ID VERSION BUILD_APP
set -eu

builddir=$1 prefix=$2 bindir=$3 datadir=$4 app_id=$5 version=$6 build_app=$7
dest=$(mktemp -d "${TMPDIR:-/tmp}/liaison-install-XXXXXX")
trap 'rm -rf "$dest"' EXIT
status=0

meson install -C "$builddir" --destdir "$dest" --no-rebuild --quiet >/dev/null

# meson gives absolute bindir/datadir, or ones relative to the prefix.
case $bindir in /*) ;; *) bindir=$prefix/$bindir ;; esac
case $datadir in /*) ;; *) datadir=$prefix/$datadir ;; esac
bin=$dest$bindir
share=$dest$datadir

expect() {
  if [ -s "$1" ]; then
    echo "ok: ${1#"$dest"}"
  else
    echo "MISSING: ${1#"$dest"}"
    status=1
  fi
}

expect "$bin/liaison-cli"
expect "$share/glib-2.0/schemas/io.github.liaisonapp.Liaison.gschema.xml"
expect "$share/liaison/liaison.xsd"
expect "$share/liaison/liaison-report.xsd"
expect "$share/liaison/liaison-report.xsl"
expect "$share/man/man1/liaison-cli.1"
while read -r lang; do
  case $lang in ''|'#'*) continue ;; esac
  expect "$share/locale/$lang/LC_MESSAGES/liaison.mo"
done < "$(dirname "$0")/../po/LINGUAS"

if [ "$build_app" = true ]; then
  expect "$bin/liaison"
  expect "$share/applications/$app_id.desktop"
  expect "$share/metainfo/$app_id.metainfo.xml"
  expect "$share/icons/hicolor/scalable/apps/$app_id.svg"
  expect "$share/icons/hicolor/symbolic/apps/$app_id-symbolic.svg"
  if [ -s "$share/applications/$app_id.desktop" ]; then
    exec_line=$(sed -n 's/^Exec=//p' "$share/applications/$app_id.desktop")
    icon_line=$(sed -n 's/^Icon=//p' "$share/applications/$app_id.desktop")
    [ "${exec_line%% *}" = liaison ] || { echo "the desktop file runs “$exec_line”, not liaison"; status=1; }
    [ "$icon_line" = "$app_id" ] || { echo "the desktop file's icon is “$icon_line”, not $app_id"; status=1; }
  fi
fi

# The installed CLI runs from there: its version, and a new seeded database.
out=$("$bin/liaison-cli" --version)
echo "liaison-cli --version: $out"
case $out in *"$version"*) ;; *) echo "liaison-cli --version does not print $version"; status=1 ;; esac

db=$dest/check/new.db
"$bin/liaison-cli" --database "$db" init
[ -s "$db" ] || { echo "liaison-cli init created no database at $db"; status=1; }
n=$("$bin/liaison-cli" --database "$db" list institutions | wc -l)
echo "the new database holds $n institutions"
[ "$n" -gt 0 ] || { echo "the new database has no seed institutions"; status=1; }

exit $status

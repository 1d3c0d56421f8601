#!/bin/bash
# Builds the Flatpak manifest against a local runtime made from Debian 12 packages
# (Flathub cannot be reached from the project's machines), installs it, runs it under
# Xvfb and checks that
#   - the window appears,
#   - the app creates its seeded database inside the sandbox's data directory,
#   - liaison-cli, run inside the sandbox, writes a report there.
# It keeps a screenshot in flatpak/test-output/ (or $OUTPUT).
#
# The manifest is used as it is, except for runtime, sdk and runtime-version, which name
# the local stand-ins for org.gnome.Platform and org.gnome.Sdk.  The archives the manifest
# downloads are taken from Debian's archive (same tarball, same sha256) and put in
# flatpak-builder's download cache, so the build runs with --disable-download.
#
# Usage: [WORK=/tmp/liaison-flatpak] [OUTPUT=DIR] flatpak/test-flatpak.sh
# Needs root the first time (the runtime script installs host packages and uses chroot),
# about 5 GB of disk and 5-10 minutes; a re-run takes about a minute.
set -euo pipefail

APP_ID=io.github.liaisonapp.Liaison
HERE=$(cd "$(dirname "$0")" && pwd)
SRCDIR=$(dirname "$HERE")
MANIFEST=$HERE/$APP_ID.json
WORK=${WORK:-/tmp/liaison-flatpak}
OUTPUT=${OUTPUT:-$HERE/test-output}
RUNTIME_SCRIPT=${RUNTIME_SCRIPT:-$SRCDIR/../shared/tools/debian-flatpak-runtime.sh}
[ -x "$RUNTIME_SCRIPT" ] || RUNTIME_SCRIPT=/work/shared/tools/debian-flatpak-runtime.sh

export WORK
export FLATPAK_USER_DIR=$WORK/fp-user
# The sandbox's home: keeps ~/.var/app of this test apart from the user's own.
export HOME=$WORK/home
STATE_DIR=$WORK/fb-state
BUILD_DIR=$WORK/fb-build
TEST_MANIFEST=$HERE/.$APP_ID.local.json   # beside the original, so "path": ".." holds
APP_DATA=$HOME/.var/app/$APP_ID/data

log() { printf '\n=== [%(%H:%M:%S)T] %s\n' -1 "$*"; }
fail() { printf 'FAIL: %s\n' "$*" >&2; exit 1; }
start=$(date +%s)

mkdir -p "$WORK" "$HOME" "$OUTPUT"
trap 'rm -f "$TEST_MANIFEST"' EXIT

# ------------------------------------------------------------------ runtime and SDK
log "local runtime and SDK"
# The GNOME SDK has cmake and perl; the Debian stand-in gets them to build libical.
EXTRA_SDK_PKGS="cmake perl ${EXTRA_SDK_PKGS:-}" "$RUNTIME_SCRIPT" > "$WORK/runtime.log" 2>&1 ||
  { tail -30 "$WORK/runtime.log"; fail "could not build the local runtime (see $WORK/runtime.log)"; }
for tool in flatpak flatpak-builder xvfb-run dbus-run-session xdotool import xmllint; do
  command -v "$tool" >/dev/null || fail "$tool is missing"
done

# ------------------------------------------------------------------ manifest
log "manifest with the local runtime"
python3 - "$MANIFEST" "$TEST_MANIFEST" <<'PY'
import json, sys
manifest = json.load(open(sys.argv[1]))
manifest.update({"runtime": "org.example.Platform", "sdk": "org.example.Sdk",
                 "runtime-version": "12"})
json.dump(manifest, open(sys.argv[2], "w"), indent=4)
PY

# ------------------------------------------------------------------ download cache
# Every archive the manifest names must already be in the cache: the build is offline.
# Debian ships the same upstream tarballs as its .orig.tar.* files.
fetch_from_debian() {  # fetch_from_debian <source package> <orig file> <sha256> <name in cache>
  local pkg=$1 orig=$2 sha=$3 name=$4 dest=$STATE_DIR/downloads/$3
  [ -f "$dest/$name" ] && return 0
  local apt=$WORK/apt-src
  mkdir -p "$apt/lists/partial" "$apt/get" "$dest"
  echo "deb-src http://deb.debian.org/debian bookworm main" > "$apt/sources.list"
  local opts=(-o "Dir::Etc::sourcelist=$apt/sources.list" -o "Dir::Etc::sourceparts=-"
              -o "Dir::State::Lists=$apt/lists")
  apt-get "${opts[@]}" update -qq
  (cd "$apt/get" && apt-get "${opts[@]}" source --download-only "$pkg" >/dev/null 2>&1 || true)
  [ -f "$apt/get/$orig" ] || fail "could not get $orig from Debian"
  echo "$sha  $apt/get/$orig" | sha256sum --check --quiet ||
    fail "$orig from Debian differs from the manifest's archive"
  cp "$apt/get/$orig" "$dest/$name"
}
python3 - "$MANIFEST" > "$WORK/archives.txt" <<'PY'
import json, os, sys
for module in json.load(open(sys.argv[1]))["modules"]:
    for source in module.get("sources", []):
        if source.get("type") == "archive":
            print(module["name"], source["sha256"], os.path.basename(source["url"]))
PY
while read -r module sha name; do
  case $module in
    libical) fetch_from_debian libical3 libical3_3.0.16.orig.tar.gz "$sha" "$name" ;;
    *) [ -f "$STATE_DIR/downloads/$sha/$name" ] || fail "no offline source for module $module" ;;
  esac
done < "$WORK/archives.txt"

# ------------------------------------------------------------------ build and install
log "flatpak-builder"
build_start=$(date +%s)
flatpak-builder --user --install --force-clean --disable-download --disable-rofiles-fuse \
  --state-dir="$STATE_DIR" "$BUILD_DIR" "$TEST_MANIFEST" > "$WORK/build.log" 2>&1 ||
  { tail -40 "$WORK/build.log"; fail "flatpak-builder failed (see $WORK/build.log)"; }
build_seconds=$(( $(date +%s) - build_start ))
flatpak --user info "$APP_ID" | sed -n '1,12p'
# The sandbox gets exactly the minimal permissions: no file system access at all.
permissions=$(flatpak --user info --show-permissions "$APP_ID")
echo "$permissions"
expected=$'[Context]\nshared=ipc;\nsockets=x11;wayland;fallback-x11;\ndevices=dri;'
[ "$(printf '%s' "$permissions" | sed '/^$/d')" = "$expected" ] ||
  fail "the sandbox's permissions differ from --share=ipc --socket=wayland --socket=fallback-x11 --device=dri"

# ------------------------------------------------------------------ run
log "run under Xvfb"
rm -rf "$HOME/.var/app/$APP_ID"
export OUTPUT APP_ID APP_DATA
xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- bash -euo pipefail -c '
  export GDK_BACKEND=x11 NO_AT_BRIDGE=1
  flatpak run "$APP_ID" > "$OUTPUT/app.log" 2>&1 &
  app=$!
  trap "kill $app 2>/dev/null || true" EXIT
  window=""
  for i in $(seq 1 60); do
    window=$(xdotool search --onlyvisible --name "Liaison" 2>/dev/null | head -n1 || true)
    [ -n "$window" ] && break
    kill -0 $app 2>/dev/null || { cat "$OUTPUT/app.log"; echo "FAIL: the app exited"; exit 1; }
    sleep 1
  done
  [ -n "$window" ] || { cat "$OUTPUT/app.log"; echo "FAIL: no window within 60 s"; exit 1; }
  echo "window $window: $(xdotool getwindowname "$window")"
  sleep 3   # let the first frames draw
  import -window root "$OUTPUT/flatpak-window.png"

  [ -s "$APP_DATA/liaison/liaison.db" ] || { echo "FAIL: no database at $APP_DATA/liaison/liaison.db"; exit 1; }

  # The report is written inside the sandbox: /var/data is the app data directory.
  if flatpak run --command=liaison-cli "$APP_ID" --help 2>&1 | grep -qw report; then
    flatpak run --command=liaison-cli "$APP_ID" report agreements --output /var/data/agreements.xml
  else
    flatpak run --command=liaison-cli "$APP_ID" export --output /var/data/agreements.xml
  fi
  flatpak run --command=liaison-cli "$APP_ID" --version
'
[ -s "$APP_DATA/agreements.xml" ] || fail "liaison-cli wrote no report at $APP_DATA/agreements.xml"
xmllint --noout "$APP_DATA/agreements.xml" || fail "the report is not well-formed XML"
cp "$APP_DATA/agreements.xml" "$OUTPUT/agreements.xml"
# The report comes from the seeded database: the seed holds agreements.
[ "$(grep -c '<agreement ' "$OUTPUT/agreements.xml" || true)" -gt 0 ] ||
  fail "the report lists no agreements: the sandbox's database was not seeded"

log "PASS"
echo "database:   $APP_DATA/liaison/liaison.db ($(stat -c %s "$APP_DATA/liaison/liaison.db") bytes)"
echo "report:     $OUTPUT/agreements.xml ($(grep -c '<agreement ' "$OUTPUT/agreements.xml" || true) agreements)"
echo "screenshot: $OUTPUT/flatpak-window.png"
echo "build: ${build_seconds}s, total: $(( $(date +%s) - start ))s"

#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Renders every page of the main window, each section with a record open and with its
# editor, at 1280×800 and 400×800, light and dark, into a folder of PNGs.  In Chinese:
#   LANGUAGE=zh_CN LANG=zh_CN.UTF-8 tests/screenshots/screenshots.sh BUILDDIR OUTDIR
#
#   tests/screenshots/screenshots.sh BUILDDIR [OUTDIR] [-- --database PATH]
#
# BUILDDIR is a meson build directory configured with -Dtests=true; OUTDIR defaults to
# BUILDDIR/screenshots.  Runs under its own Xvfb and session bus.
set -eu

builddir=$(realpath "${1:?name the meson build directory}")
outdir=${2:-$builddir/screenshots}
shift $(( $# >= 2 ? 2 : 1 ))
[ "${1:-}" = "--" ] && shift

tool="$builddir/tests/display/liaison-screenshots"
[ -x "$tool" ] || { echo "$tool is missing: configure with -Dtests=true and build" >&2; exit 1; }

mkdir -p "$outdir"
export GSETTINGS_SCHEMA_DIR="$builddir/data"
export GSETTINGS_BACKEND=memory
export NO_AT_BRIDGE=1
export GDK_DEBUG=${GDK_DEBUG:-}
export LANGUAGE=${LANGUAGE:-en}
# The build's translations (LANGUAGE=zh_CN LANG=zh_CN.UTF-8 for Chinese pictures).
export LIAISON_LOCALEDIR="$builddir/po"

for size in 1280x800 400x800; do
  width=${size%x*}
  height=${size#*x}
  for scheme in light dark; do
    flags=(--width "$width" --height "$height")
    [ "$scheme" = dark ] && flags+=(--dark)
    xvfb-run -a -s "-screen 0 1400x900x24" dbus-run-session -- \
      "$tool" "${flags[@]}" "$@" "$outdir" 2> >(grep -v -e dbus-daemon -e SpiRegistry >&2)
  done
done

echo "Screenshots in $outdir"

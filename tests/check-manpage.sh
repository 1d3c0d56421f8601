#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Fails when liaison-cli has a command or an option that its manual page does not
# describe, or when groff finds a problem in the page.
#
# Usage: check-manpage.sh LIAISON_CLI MANPAGE
set -eu

cli=$1 page=$2
status=0
export LC_ALL=C.UTF-8 LANGUAGE=

# In roff source a minus is written \-.
roff() { printf '%s' "$1" | sed 's/-/\\-/g'; }

commands=$("$cli" --help | sed -n '/^Commands:/,/^$/p' | sed -n 's/^  \([a-z][a-z-]*\) .*/\1/p')
[ -n "$commands" ] || { echo "liaison-cli --help lists no commands"; exit 1; }

check_options() {  # check_options WHAT HELP-TEXT
  for option in $(printf '%s\n' "$2" | sed -n '/^Application Options:/,/^$/p' |
                  grep -o -- '--[a-z][a-z-]*' | sort -u); do
    if ! grep -qF -- "$(roff "$option")" "$page"; then
      echo "$1: the option $option is not in the manual page"
      status=1
    fi
  done
}

check_options "liaison-cli" "$("$cli" --help)"
for command in $commands; do
  if ! grep -q "^\.SS $(roff "$command")\( \|\$\)" "$page"; then
    echo "the command $command has no section (.SS $command) in the manual page"
    status=1
  fi
  check_options "liaison-cli $command" "$("$cli" "$command" --help)"
done
echo "commands checked: $(echo $commands)"

if command -v groff >/dev/null; then
  warnings=$(groff -man -ww -z "$page" 2>&1)
  [ -z "$warnings" ] || { echo "groff: $warnings"; status=1; }
fi

exit $status

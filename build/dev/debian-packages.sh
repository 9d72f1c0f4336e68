#!/usr/bin/env bash
# Usage: debian-packages.sh WHO PACKAGE…
# Makes sure the Debian PACKAGEs are installed, for WHO (a few words: "Qt", "The kit
# checks"). Installs what is missing when run as root; otherwise prints the exact apt-get
# command and exits 1. Used by qt-deps.sh and kit-deps.sh.
set -euo pipefail

who=$1
shift

missing=()
for package in "$@"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "ok installed" \
        || missing+=("$package")
done
# FIRSTSTOP_LIST_MISSING=1: only name what is missing, one a line, so CI can install every
# script's packages in one apt-get run (each run reads the package lists and runs dpkg's
# triggers again).
if [ "${FIRSTSTOP_LIST_MISSING:-}" = 1 ]; then
    [ "${#missing[@]}" -eq 0 ] || printf '%s\n' "${missing[@]}"
    exit 0
fi
[ "${#missing[@]}" -eq 0 ] && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
    echo "$who needs these Debian packages: ${missing[*]}" >&2
    exit 1
fi
if [ "$(id -u)" -ne 0 ]; then
    echo "$who needs Debian packages that are not installed. Install them with:" >&2
    echo "  sudo apt-get install ${missing[*]}" >&2
    exit 1
fi
echo "Installing the Debian packages $who needs: ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get install -y -qq "${missing[@]}" >/dev/null \
    || { apt-get update -qq && apt-get install -y -qq "${missing[@]}" >/dev/null; }

#!/usr/bin/env bash
# The Debian packages the operating-system kits' checks need (tests/build/): shellcheck
# for the shell scripts, systemd-analyze (in systemd) for the unit files, useradd (in
# passwd) for the install script run in a throwaway root, nginx and openssl to check the
# example reverse-proxy site. The Windows kit's checks need only Python packages.
# Installs what is missing when run as root; otherwise prints the exact apt-get command
# and exits 1.
set -euo pipefail

packages=(
    shellcheck
    systemd
    passwd
    # nginx -t on the example site (its service is not started by this script).
    nginx
    openssl
)

missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "ok installed" \
        || missing+=("$package")
done
[ "${#missing[@]}" -eq 0 ] && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
    echo "The kit checks need these Debian packages: ${missing[*]}" >&2
    exit 1
fi
if [ "$(id -u)" -ne 0 ]; then
    echo "The kit checks need packages that are not installed. Install them with:" >&2
    echo "  sudo apt-get install ${missing[*]}" >&2
    exit 1
fi
echo "Installing the packages the kit checks need: ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get install -y -qq "${missing[@]}" >/dev/null \
    || { apt-get update -qq && apt-get install -y -qq "${missing[@]}" >/dev/null; }

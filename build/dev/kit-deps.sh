#!/usr/bin/env bash
# The Debian packages the operating-system kits' checks need (tests/build/): shellcheck
# for the shell scripts, systemd-analyze (in systemd) for the unit files, useradd (in
# passwd) for the install script run in a throwaway root, nginx and openssl to check the
# example reverse-proxy site. The Windows kit's checks need only Python packages.
# Installs what is missing when run as root; otherwise prints the exact apt-get command
# and exits 1 (build/dev/debian-packages.sh).
set -euo pipefail

packages=(
    shellcheck
    systemd
    passwd
    # nginx -t on the example sites, and the two-machine site run unprivileged in front of
    # two backends (tests/multiprocess). Its service is not started by this script.
    nginx
    openssl
)

exec "$(dirname "$0")/debian-packages.sh" "The kit checks" "${packages[@]}"

#!/usr/bin/env bash
# The Debian package the performance page's browser test needs
# (tests/casebackend/test_performance_page.py): Chromium, run headless to load the page from
# the backend on loopback, dump its DOM and take screenshots at desktop and phone widths.
# Without it that test is skipped, saying why. Installs it when run as root; otherwise
# prints the exact apt-get command and exits 1 (build/dev/debian-packages.sh).
set -euo pipefail

packages=(
    chromium
)

exec "$(dirname "$0")/debian-packages.sh" "The performance page's browser test" "${packages[@]}"

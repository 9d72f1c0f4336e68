#!/usr/bin/env bash
# The Debian packages the screen-reader test needs (tests/accessibility/): Xvfb, because
# Qt's AT-SPI bridge lives in its xcb platform plugin (offscreen, an app never registers);
# a D-Bus session bus of the test's own; and at-spi2-core, the accessibility bus and its
# registry, which a screen reader such as Orca asks about the apps. Without them that test
# is skipped, saying why. Installs what is missing when run as root; otherwise prints the
# exact apt-get command and exits 1 (build/dev/debian-packages.sh).
set -euo pipefail

packages=(
    xvfb
    dbus-daemon
    at-spi2-core
)

exec "$(dirname "$0")/debian-packages.sh" "The screen-reader test" "${packages[@]}"

#!/usr/bin/env bash
# The system libraries Qt (PySide6 from PyPI) needs on Debian, for the apps on a screen and
# for the tests offscreen. Installs what is missing when run as root; otherwise prints the
# exact apt-get command and exits 1.
set -euo pipefail

packages=(
    # Drawing, offscreen and on a screen.
    libegl1 libgl1 libopengl0 libglib2.0-0 libdbus-1-3
    # Keyboards.
    libxkbcommon0 libxkbcommon-x11-0
    # Fonts: the kiosk's text, including Arabic script.
    libfontconfig1 libfreetype6 fonts-dejavu-core
    # The xcb platform plugin (an X server, or Xvfb for the start-up benchmarks).
    libx11-xcb1 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-randr0
    libxcb-render-util0 libxcb-shape0 libxcb-xfixes0 libxcb-xkb1
    # QtTextToSpeech links QtMultimedia, which links PulseAudio's client library.
    libpulse0
)

exec "$(dirname "$0")/debian-packages.sh" "Qt" "${packages[@]}"

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

missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "ok installed" \
        || missing+=("$package")
done
[ "${#missing[@]}" -eq 0 ] && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
    echo "Qt needs these system libraries (Debian package names): ${missing[*]}" >&2
    exit 1
fi
if [ "$(id -u)" -ne 0 ]; then
    echo "Qt needs system libraries that are not installed. Install them with:" >&2
    echo "  sudo apt-get install ${missing[*]}" >&2
    exit 1
fi
echo "Installing the system libraries Qt needs: ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get install -y -qq "${missing[@]}" >/dev/null \
    || { apt-get update -qq && apt-get install -y -qq "${missing[@]}" >/dev/null; }

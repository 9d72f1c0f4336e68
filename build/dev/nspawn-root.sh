#!/usr/bin/env bash
# A Debian root booted by systemd-nspawn, for measuring the kiosk's restart under a real
# systemd (tests/perf/bench_restart.py): systemd, and the libraries the kiosk bundle's Qt
# needs to draw on an X server. Needs root, debootstrap and systemd-container (installed
# here when missing), and about 600 MB. Usage: build/dev/nspawn-root.sh [DIR]
set -euo pipefail

root=${1:-build/work/nspawn-root}
[ -x "$root/lib/systemd/systemd" ] && exit 0
[ "$(id -u)" -eq 0 ] || { echo "Run this as root: it builds a system root with debootstrap." >&2; exit 1; }
"$(dirname "$0")/debian-packages.sh" "The restart benchmark" debootstrap systemd-container

libraries=(
    systemd systemd-sysv dbus procps
    libegl1 libgl1 libopengl0 libglib2.0-0 libdbus-1-3 libfontconfig1 libfreetype6
    fonts-dejavu-core libpulse0 libxkbcommon0 libxkbcommon-x11-0 libx11-xcb1 libxcb-cursor0
    libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-randr0 libxcb-render-util0
    libxcb-shape0 libxcb-xfixes0 libxcb-xkb1
)
include=$(IFS=,; echo "${libraries[*]}")
mkdir -p "$(dirname "$root")"
debootstrap --variant=minbase --include="$include" bookworm "$root" http://deb.debian.org/debian

#!/usr/bin/env bash
# Usage: python-deps.sh [PYTHON]
# Python 3.11 and its venv module, which make needs to create .venv/. Debian splits the
# venv module's ensurepip into its own package, python3.11-venv, so a fresh Debian with
# python3.11 alone cannot make a virtual environment. Installs what is missing when run as
# root; otherwise prints the exact apt-get command and exits 1.
set -euo pipefail

python=${1:-python3.11}
here=$(dirname "$0")

if ! command -v "$python" >/dev/null 2>&1; then
    [ "$python" = python3.11 ] && "$here/debian-packages.sh" "First Stop" python3.11 python3.11-venv
    command -v "$python" >/dev/null 2>&1 \
        || { echo "Python 3.11 is needed: install python3.11 and python3.11-venv first." >&2; exit 1; }
fi
"$python" -c 'import ensurepip, venv' >/dev/null 2>&1 && exit 0
exec "$here/debian-packages.sh" "Python's venv module" python3.11-venv

#!/usr/bin/env bash
# Build the bundles: build/bundle/build.sh [kiosk] [desk]  (both when none is named).
# Each lands in build/dist/firststop-<name>/ (one folder, its program inside it).
# Needs PyInstaller in the interpreter given by $PYTHON (make bundle installs it).
set -euo pipefail
cd "$(dirname "$0")/../.."
PYTHON=${PYTHON:-python}
names=("$@")
[ ${#names[@]} -eq 0 ] && names=(kiosk desk)
for name in "${names[@]}"; do
    "$PYTHON" -m PyInstaller --noconfirm --log-level WARN \
        --distpath build/dist --workpath "build/work/$name" "build/bundle/$name.spec"
    echo "build/dist/firststop-$name: $(du -sh "build/dist/firststop-$name" | cut -f1)"
done

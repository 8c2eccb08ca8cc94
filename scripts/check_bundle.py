"""Check that the desktop build carries what it needs: every shared library its files link to
is found, in the bundle or among the few a Linux desktop provides itself (the X11/xcb client
libraries the README's quick start lists, OpenGL, fontconfig, the C runtime).

    python scripts/check_bundle.py dist/cafe-loyalty
    python scripts/check_bundle.py --windows dist/windows/cafe-loyalty

Linux: reads ``ldd``; prints the system libraries the build uses, and exits 1 naming any other
library that cannot be found: something the build should have bundled.

``--windows`` (a bundle built under Wine, checked from Linux): the two programs, Qt's Windows
and offscreen platforms, the translations and the core's assets are there; what the spec leaves
out is not (a 20 MB software OpenGL, Qt's network library); and it is at most 130 MB.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

# What the build leaves to the desktop: X11 and xcb (README quick start, ui/platform_check.py),
# OpenGL/EGL, fonts, D-Bus, GLib, and the C and C++ runtimes.
SYSTEM = re.compile(
    r"^(linux-vdso|ld-linux|libc|libm|libdl|librt|libpthread|libstdc\+\+|libgcc_s|libz|libzstd"
    r"|libxcb.*|libX.*|libxkbcommon.*|libGL.*|libEGL.*|libOpenGL|libfontconfig|libfreetype|libexpat"
    r"|libdbus-1|libglib-2\.0|libgthread-2\.0|libgobject-2\.0|libgio-2\.0|libpcre.*|libffi|libuuid"
    r"|libbrotli.*|libpng.*|libbz2|libharfbuzz|libgraphite2|libsystemd|libcap|liblzma|liblz4"
    r"|libgcrypt|libgpg-error|libmount|libblkid|libselinux)\b"
)


def libraries(path: Path) -> list[tuple[str, str]]:
    """(name, where ldd found it, or 'not found') for one file."""
    done = subprocess.run(["ldd", str(path)], capture_output=True, text=True)
    found = []
    for line in done.stdout.splitlines():
        parts = line.strip().split(" => ")
        if len(parts) == 2:
            found.append((parts[0].strip(), parts[1].split(" (")[0].strip()))
    return found


def check(bundle: Path) -> tuple[set[str], dict[str, set[str]]]:
    """The system libraries used, and the missing ones that are not the system's (by file)."""
    used: set[str] = set()
    missing: dict[str, set[str]] = {}
    bundled = {p.name for p in bundle.rglob("*") if p.is_file()}
    for path in sorted(bundle.rglob("*")):
        if not path.is_file() or not (".so" in path.name or (path.parent == bundle and path.stat().st_mode & 0o111)):
            continue
        for name, where in libraries(path):
            if SYSTEM.match(name):
                used.add(name)
            elif where == "not found" and name not in bundled:
                missing.setdefault(name, set()).add(str(path.relative_to(bundle)))
    return used, missing


WINDOWS_NEEDED = (
    "cafe-loyalty.exe",
    "cafe-loyalty-cli.exe",
    "_internal/PySide6/Qt6Core.dll",
    "_internal/PySide6/Qt6Widgets.dll",
    "_internal/PySide6/QtWidgets.pyd",
    "_internal/PySide6/plugins/platforms/qwindows.dll",
    "_internal/PySide6/plugins/platforms/qoffscreen.dll",
    "_internal/PySide6/translations/qtbase_fa.qm",
    "_internal/cafe_loyalty/assets/translations/cafe_loyalty_fa.qm",
    "_internal/cafe_loyalty/assets/fonts/Vazirmatn-Regular.ttf",
)
WINDOWS_LEFT_OUT = ("opengl32sw.dll", "Qt6Network.dll", "qtiff.dll", "qwebp.dll", "cafe_loyalty_fa.ts")
WINDOWS_MOST_MB = 130


def check_windows(bundle: Path) -> list[str]:
    """What is wrong with a Windows bundle (nothing: an empty list)."""
    problems = [f"missing {name}" for name in WINDOWS_NEEDED if not (bundle / name).is_file()]
    names = {p.name for p in bundle.rglob("*") if p.is_file()}
    problems += [f"should have been left out: {name}" for name in WINDOWS_LEFT_OUT if name in names]
    size = sum(p.stat().st_size for p in bundle.rglob("*") if p.is_file()) / 2**20
    if size > WINDOWS_MOST_MB:
        problems.append(f"{size:.0f} MB, more than {WINDOWS_MOST_MB} MB")
    print(f"Windows bundle: {len(names)} files, {size:.0f} MB")
    return problems


def main(argv: list[str]) -> int:
    if argv and argv[0] == "--windows":
        problems = check_windows(Path(argv[1] if len(argv) > 1 else "dist/windows/cafe-loyalty"))
        for problem in problems:
            print(f"PROBLEM {problem}")
        return 1 if problems else 0
    if not sys.platform.startswith("linux"):
        print("check_bundle: Linux only (ldd); nothing checked")
        return 0
    bundle = Path(argv[0] if argv else "dist/cafe-loyalty")
    used, missing = check(bundle)
    print("system libraries the build uses: " + " ".join(sorted(used)))
    if missing:
        for name, users in sorted(missing.items()):
            print(f"MISSING {name} (needed by {', '.join(sorted(users)[:3])})")
        return 1
    print("every other library is in the bundle")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""Check that the desktop build carries what it needs: every shared library its files link to
is found, in the bundle or among the few a Linux desktop provides itself (the X11/xcb client
libraries the README's quick start lists, OpenGL, fontconfig, the C runtime).

    python scripts/check_bundle.py dist/cafe-loyalty

Linux only (it reads ``ldd``). Prints the system libraries the build uses, and exits 1 naming
any other library that cannot be found: something the build should have bundled.
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


def main(argv: list[str]) -> int:
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

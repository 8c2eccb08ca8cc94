"""Before Qt starts on Linux: are the X11 libraries its "xcb" platform plugin needs installed?

PySide6 from pip does not carry them, and when one is missing Qt aborts with "could not load the
Qt platform plugin xcb", which a café owner cannot act on. This looks for them first (through
``ctypes.util.find_library``, which reads the system's library cache) and says what to install.
No Qt is imported here: it runs before Qt can abort.
"""

from __future__ import annotations

import ctypes.util
import sys
from collections.abc import Callable, Mapping

# library name for find_library -> (Debian/Ubuntu package, Fedora package)
XCB_LIBRARIES: dict[str, tuple[str, str]] = {
    "xcb-cursor": ("libxcb-cursor0", "xcb-util-cursor"),
    "xkbcommon-x11": ("libxkbcommon-x11-0", "libxkbcommon-x11"),
    "xcb-icccm": ("libxcb-icccm4", "xcb-util-wm"),
    "xcb-keysyms": ("libxcb-keysyms1", "xcb-util-keysyms"),
    "xcb-image": ("libxcb-image0", "xcb-util-image"),
    "xcb-render-util": ("libxcb-render-util0", "xcb-util-renderutil"),
    "xcb-shape": ("libxcb-shape0", "libxcb"),
    "xcb-randr": ("libxcb-randr0", "libxcb"),
    "xcb-xfixes": ("libxcb-xfixes0", "libxcb"),
    "xcb-xkb": ("libxcb-xkb1", "libxcb"),
}


def uses_xcb(env: Mapping[str, str], platform: str | None = None) -> bool:
    """Whether Qt will start its X11 plugin: on Linux, asked for by name, or an X display
    without a Wayland one (Qt prefers Wayland when both are there)."""
    if not (platform or sys.platform).startswith("linux"):
        return False
    chosen = env.get("QT_QPA_PLATFORM", "")
    if chosen:
        return chosen.startswith("xcb")
    return bool(env.get("DISPLAY")) and not env.get("WAYLAND_DISPLAY")


def missing_xcb_libraries(
    env: Mapping[str, str],
    find: Callable[[str], str | None] | None = None,
    platform: str | None = None,
) -> list[str]:
    """The libraries Qt's xcb plugin needs that this system lacks ([] when none, or no xcb)."""
    if not uses_xcb(env, platform):
        return []
    find = find or ctypes.util.find_library
    return [name for name in XCB_LIBRARIES if not find(name)]


def install_advice(missing: list[str]) -> str:
    """What to tell the person starting the till, with the exact commands."""
    debian = sorted({XCB_LIBRARIES[name][0] for name in missing})
    fedora = sorted({XCB_LIBRARIES[name][1] for name in missing})
    return (
        "cafe-loyalty cannot open its window: this computer lacks system libraries that Qt needs "
        f"to draw on an X11 desktop ({', '.join('lib' + name for name in missing)}).\n"
        "Install them, then start cafe-loyalty again:\n"
        f"  Debian or Ubuntu:  sudo apt install {' '.join(debian)}\n"
        f"  Fedora:            sudo dnf install {' '.join(fedora)}\n"
        "(The command-line tools work without them: cafe-loyalty --help-cli.)"
    )

"""Print what a screen reader (Orca) is given by the running till: each control's role and
accessible name, read over AT-SPI, the Linux accessibility bus.

    # Debian/Ubuntu: sudo apt install at-spi2-core python3-pyatspi
    xvfb-run -a dbus-run-session -- bash -c '
        /usr/libexec/at-spi-bus-launcher --launch-immediately &
        QT_LINUX_ACCESSIBILITY_ALWAYS_ON=1 cafe-loyalty --db demo.db & sleep 6
        /usr/bin/python3 scripts/accessible_tree.py'

Run it with the system Python that has pyatspi (not the till's own environment). A control
with no name is printed as ``(NO NAME)``: a screen reader would say only its role.
"""

from __future__ import annotations

import sys

import pyatspi  # type: ignore[import-not-found]  # the system's python3-pyatspi

SILENT_ROLES = {"filler", "panel", "scroll pane", "viewport", "page tab list", "layered pane"}
CONTROLS = {"push button", "toggle button", "check box", "radio button", "combo box", "text", "list", "menu item"}


def walk(node, depth: int, out: list[str], unnamed: list[str]) -> None:
    if node is None or depth > 30:
        return
    role, name = node.getRoleName(), node.name
    if role not in SILENT_ROLES:
        if name:
            out.append("  " * min(depth, 10) + f"[{role}] {name}")
        elif role in CONTROLS:
            out.append("  " * min(depth, 10) + f"[{role}] (NO NAME)")
            unnamed.append(role)
    for i in range(node.childCount):
        try:
            walk(node.getChildAtIndex(i), depth + 1, out, unnamed)
        except Exception:  # a node gone while walking (the till repainted)
            continue


def main() -> int:
    desktop = pyatspi.Registry.getDesktop(0)
    apps = [desktop.getChildAtIndex(i) for i in range(desktop.childCount)]
    till = next((a for a in apps if a is not None and "cafe" in (a.name or "").lower()), None)
    if till is None:
        print("The till is not on the accessibility bus (is it running, with accessibility on?)")
        return 2
    out: list[str] = []
    unnamed: list[str] = []
    walk(till, 0, out, unnamed)
    print("\n".join(out))
    print(f"{len(out)} named nodes; {len(unnamed)} controls without a name")
    return 1 if unnamed else 0


if __name__ == "__main__":
    sys.exit(main())

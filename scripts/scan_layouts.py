"""Check by hand that a card scan opens the customer whatever keyboard layout is active.

Needs a real X server (Xvfb is enough), ``setxkbmap`` and python-xlib (``pip install
python-xlib``; a development tool, not a dependency of the app):

    Xvfb :99 & DISPLAY=:99 QT_QPA_PLATFORM=xcb python scripts/scan_layouts.py

It opens the real till on a throw-away café, switches the X keyboard to each layout with
``setxkbmap``, and presses the keys of a card code as a USB scanner does (XTest key events by
keycode, Shift held for capitals, a few ms apart, then Return). It prints what the till did,
then types the code's characters as the layout would (no key positions) into the search box,
as a barista typing by hand would, and prints that too.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtWidgets import QApplication
from Xlib import X, display
from Xlib.ext import xtest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cafe_loyalty_ui.operations import Operations
from cafe_loyalty_ui.till.window import TillWindow

from cafe_loyalty.app import Cafe
from cafe_loyalty.scanning import keymap

LAYOUTS = ["us", "ir", "ara", "de", "fr", "ru"]
SHIFT, RETURN = 50, 36


def pump(app: QApplication, seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.002)


def main() -> int:
    app = QApplication(sys.argv[:1])
    folder = Path(tempfile.mkdtemp())
    cafe = Cafe.open(folder / "cafe.db")
    cafe.set_up("Scan check")
    sara = cafe.customers.add("Sara")
    window = TillWindow(cafe, Operations())
    window.show()
    window.activateWindow()
    pump(app, 0.5)
    x = display.Display()
    where = dict(zip(keymap.US_KEYS, keymap.PHYSICAL["xkb"], strict=True))
    failures = 0
    for layout in LAYOUTS:
        subprocess.run(["setxkbmap", layout], check=True)
        x.sync()
        pump(app, 0.3)
        window.close_panel()
        window.search.clear()
        window.search.setFocus()
        pump(app, 0.1)
        for ch in sara.card.code:
            shift = ch.isalpha()
            if shift:
                xtest.fake_input(x, X.KeyPress, SHIFT)
            xtest.fake_input(x, X.KeyPress, where[ch.lower()])
            xtest.fake_input(x, X.KeyRelease, where[ch.lower()])
            if shift:
                xtest.fake_input(x, X.KeyRelease, SHIFT)
            x.sync()
            pump(app, 0.008)
        xtest.fake_input(x, X.KeyPress, RETURN)
        xtest.fake_input(x, X.KeyRelease, RETURN)
        x.sync()
        pump(app, 0.3)
        opened = window.panel.customer is not None and window.panel.customer.id == sara.id
        failures += not opened
        banner = window.banner.text() if window.banner.isVisible() else "-"
        outcome = "opened Sara" if opened else "did NOT open"
        print(f"{layout:4} scan: {outcome}; search box {window.search.text()!r}; banner {banner!r}")
    subprocess.run(["setxkbmap", "us"], check=True)
    window.close()
    cafe.close()
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

"""A customer-facing scanner in USB serial mode (#31), with a pseudo-terminal pair standing in
for the port: the scanner writes to one end, the till reads the other with pyserial. Its scans
check the customer in whatever window has focus; the barista's scanner keeps the wedge."""

from __future__ import annotations

import os
import threading

import pytest
from PySide6.QtCore import Qt

from cafe_loyalty import till_prefs
from cafe_loyalty.scanning.serial_port import SerialScanner

pytestmark = pytest.mark.skipif(not hasattr(os, "openpty"), reason="pseudo-terminals are a POSIX thing")


@pytest.fixture
def port():
    """(the scanner's end, the port's name the till opens)."""
    scanner, till = os.openpty()
    try:
        yield scanner, os.ttyname(till)
    finally:
        os.close(scanner)
        os.close(till)


def test_each_line_is_one_scan_whatever_ends_it(port):
    scanner_end, name = port
    seen: list[str] = []
    got = threading.Event()

    def on_code(code: str) -> None:
        seen.append(code)
        if len(seen) == 3:
            got.set()

    reader = SerialScanner(name, on_code).start()
    try:
        assert reader.opened.wait(10)
        os.write(scanner_end, b"K7QM-4T2X-9RBD-CW3F\r")  # most scanners end with CR
        os.write(scanner_end, b"HTTP://CAFE.LOCAL:8765/C/ABCD\r\n")
        os.write(scanner_end, b"  \r\nSECOND")  # an empty line is no scan; a line waits for its end
        os.write(scanner_end, b"-PART\n")
        assert got.wait(10), seen
    finally:
        reader.stop()
    assert seen == ["K7QM-4T2X-9RBD-CW3F", "HTTP://CAFE.LOCAL:8765/C/ABCD", "SECOND-PART"]


def test_a_missing_port_is_said_and_tried_again(tmp_path):
    reasons: list[str] = []
    said = threading.Event()
    reader = SerialScanner(str(tmp_path / "no-such-port"), lambda _c: None, lambda r: (reasons.append(r), said.set()))
    reader.start()
    try:
        assert said.wait(10) and reasons
    finally:
        reader.stop()


@pytest.mark.parametrize("code", ["en", "fa"])
def test_a_customer_scan_on_the_serial_port_checks_them_in_wherever_the_focus_is(
    qtbot, cafe, make_till, port, language, code
):
    language(code)
    scanner_end, name = port
    sara = cafe.customers.add("Sara")
    till_prefs.save(customer_scanner=name)
    window = make_till()
    qtbot.waitUntil(lambda: window.serial_scanner is not None and window.serial_scanner.opened.is_set())
    window.search.setFocus()
    window.search.setText("Reza")  # the barista is typing: the scan must not land here
    os.write(scanner_end, sara.card.code.encode() + b"\r")
    qtbot.waitUntil(lambda: window.panel.customer is not None and window.panel.customer.id == sara.id)
    assert window.search.text() == "Reza"
    assert window.banner.isVisible() and ("Sara" in window.banner.text())
    os.write(scanner_end, b"NOT-A-CARD-0000\r")  # a forged code: said plainly, nobody opened
    qtbot.waitUntil(lambda: window.banner.property("tone") == "warn")
    assert window.panel.customer.id == sara.id
    window.close()
    assert window.serial_scanner is None


def test_the_owner_chooses_the_port_for_this_till(qtbot, cafe, make_till, port):
    from .test_ui_owner import unlock

    _scanner_end, name = port
    window = make_till()
    unlock(qtbot, window)
    side = window.owner_dialog.customer_side
    qtbot.waitUntil(lambda: side._loaded is not None)
    side.scanner_port.setEditText(name)  # not listed (a pseudo-terminal): typed
    assert side.unsaved()
    qtbot.mouseClick(side.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: till_prefs.load().get("customer_scanner") == name)
    qtbot.waitUntil(lambda: window.serial_scanner is not None and window.serial_scanner.port == name)

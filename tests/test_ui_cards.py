"""Scanning cards at the till (scanner wedge and typed codes), and printing, saving and
replacing cards from the window."""

from __future__ import annotations

import pytest
from cafe_loyalty_ui.operations import Operations
from cafe_loyalty_ui.printing import CARD_MM, make_printer
from cafe_loyalty_ui.till.window import TillWindow
from PIL import Image
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox

from cafe_loyalty.printing import codes

from .conftest import settle
from .qr import decode_all, page_sizes_mm, rasterise


def type_at(window, text: str, gap_ms: float, enter: bool = True):
    """Key clicks into whatever has focus, ``gap_ms`` apart on the detector's clock, then Enter.

    ``qtbot.keyClick`` handles printable ASCII (what scanners send); other characters go in as
    key events with their text."""
    for ch in text:
        window.key_clock.ms += gap_ms
        target = QApplication.focusWidget() or window.search
        if " " <= ch <= "~":
            QTest.keyClick(target, ch)
        else:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(target, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))
    if enter:
        window.key_clock.ms += gap_ms
        QTest.keyClick(QApplication.focusWidget() or window.search, Qt.Key.Key_Return)
    settle(window)  # the search, or the scanned card's lookup, runs on the database thread


def wait_idle(qtbot, window):
    qtbot.waitUntil(lambda: window.ops.idle)


def test_wedge_scan_in_the_search_box_opens_the_customer(qtbot, cafe, window):
    cafe.customers.add("Reza")
    sara = cafe.customers.add("Sara")
    window.model.refresh()
    qtbot.waitUntil(lambda: window.ops.idle)
    window.search.setFocus()
    type_at(window, "Re", gap_ms=150, enter=False)  # someone had started typing
    window.key_clock.ms += 3000  # ... then the regular hands over their card
    type_at(window, sara.card.code, gap_ms=8)
    assert window.panel.customer.id == sara.id
    assert window.search.text() == "Re"  # the scan's characters are taken back out
    assert not window.banner.isVisible()


def test_a_scan_reads_card_and_profile_in_one_trip_to_the_database_thread(qtbot, cafe, window, monkeypatch):
    sara = cafe.customers.add("Sara")
    qtbot.waitUntil(lambda: window.ops.idle)
    trips = []
    query = window.ops.query
    monkeypatch.setattr(window.ops, "query", lambda fn, *a, **k: (trips.append(fn), query(fn, *a, **k))[1])
    window.keys.handle_scan([sara.card.code])
    qtbot.waitUntil(lambda: window.ops.idle)
    assert window.panel.customer.id == sara.id and window.panel_stack.currentWidget() is window.panel
    assert trips == [cafe.till.of_card]  # the profiles (or, a server away, the till's copy)


def test_wedge_scan_without_clicking_the_search_box(qtbot, cafe, window):
    sara = cafe.customers.add("Sara")
    window.model.refresh()
    qtbot.waitUntil(lambda: window.ops.idle)
    window.open_customer(sara.id)
    qtbot.waitUntil(lambda: window.ops.idle)
    window.panel.stamp_button.setFocus()
    reza = cafe.customers.add("Reza")
    type_at(window, reza.card.code.lower().replace("-", ""), gap_ms=5)
    assert window.panel.customer.id == reza.id
    assert cafe.ledger.current_card(sara.id).filled == 2  # no key pressed the Stamp button


def test_url_payload_scan(qtbot, cafe, window):
    cafe.settings.update(card_url_template="https://shirin.cafe/c/{code}", by=cafe.staff.owner_id())
    sara = cafe.customers.add("Sara")
    window.search.setFocus()
    type_at(window, f"https://shirin.cafe/c/{sara.card.code}", gap_ms=4)
    assert window.panel.customer.id == sara.id


def test_slow_typing_is_not_a_scan_but_a_typed_code_still_opens(qtbot, cafe, window):
    sara = cafe.customers.add("Sara")
    seen = []
    window.wedge.scanned.connect(seen.append)
    window.search.setFocus()
    type_at(window, sara.card.code, gap_ms=120)
    assert seen == []  # a person typed it
    assert window.panel.customer.id == sara.id  # manual code entry, check character validated
    assert window.search.text() == ""


def test_typing_anywhere_goes_to_the_search_box(qtbot, cafe, window):
    cafe.customers.add("Sara")
    cafe.customers.add("Reza")
    window.add_button.setFocus()
    type_at(window, "sa", gap_ms=150, enter=False)
    assert window.search.text() == "sa" and window.search.hasFocus()
    assert window.model.rowCount() == 1


def test_a_scanned_product_barcode_is_named_as_not_a_card(qtbot, cafe, window):
    cafe.customers.add("Sara")
    window.search.setFocus()
    type_at(window, "4006381333931", gap_ms=5)  # a product barcode
    assert window.panel.customer is None and window.search.text() == ""
    assert "not a card code" in window.banner.text()


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        ("K7QM-4T2X-9RBD-CW3X", "does not check out"),
        ("https://evil.example/c/K7QM-4T2X-9RBD-CW3F", "another website"),
        ("K7QM-4T2X-9RBD-CW3F" + "Z" * 5000, "too long"),
    ],
)
def test_bad_scans_say_why_and_open_nobody(qtbot, cafe, window, payload, message):
    cafe.settings.update(card_url_template="https://shirin.cafe/c/{code}", by=cafe.staff.owner_id())
    cafe.customers.add("Sara")
    window.search.setFocus()
    type_at(window, payload, gap_ms=3)
    assert window.panel.customer is None
    assert message in window.banner.text() and window.banner.property("tone") == "error"


def test_unknown_and_control_character_codes(qtbot, cafe, window):
    cafe.customers.add("Sara")
    window.search.setFocus()
    type_at(window, codes.new_code(), gap_ms=3)
    assert window.panel.customer is None and "another café" in window.banner.text()
    window.keys.handle_scan("K7QM\x1b-4T2X-9RBD-CW3F")
    qtbot.waitUntil(lambda: window.ops.idle)
    assert window.panel.customer is None and "control characters" in window.banner.text()


def test_replaced_card_scan_names_the_new_card(qtbot, cafe, window):
    sara = cafe.customers.add("Sara")
    window.open_customer(sara.id)
    qtbot.waitUntil(lambda: window.ops.idle)
    window.panel.reissue_action.trigger()
    qtbot.waitUntil(lambda: window.ops.idle)
    box = window.panel.flows.confirm_box
    assert box.isVisible() and sara.card.code in box.text()
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Yes), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.ops.idle)
    wait_idle(qtbot, window)
    new_code = cafe.customers.get(sara.id).card.code
    assert new_code != sara.card.code and new_code in window.panel.banner.text()
    assert cafe.ledger.current_card(sara.id).filled == 2  # progress kept
    window.activateWindow()  # as the window manager does when the message box closes
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.close_panel()
    window.search.setFocus()
    type_at(window, sara.card.code, gap_ms=3)
    assert window.panel.customer is None
    assert "replaced" in window.banner.text() and new_code in window.banner.text()
    assert window.banner.property("tone") == "warn"
    type_at(window, new_code, gap_ms=3)
    assert window.panel.customer.id == sara.id


def test_print_card_previews_at_card_size_and_prints_a_readable_qr(qtbot, cafe, window, tmp_path):
    sara = cafe.customers.add("Sara")
    window.open_customer(sara.id)
    qtbot.waitUntil(lambda: window.ops.idle)
    window.panel.print_action.trigger()
    qtbot.waitUntil(lambda: window.ops.idle)
    wait_idle(qtbot, window)
    dialog = window.panel.flows.print_dialog
    assert dialog is not None and dialog.isVisible()
    printer = make_printer(CARD_MM)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    dialog.paintRequested.emit(printer)  # what the Print button of the preview does
    [(w, h)] = page_sizes_mm(tmp_path / "printed.pdf")
    assert w == pytest.approx(85.6, abs=0.3) and h == pytest.approx(54.0, abs=0.3)
    [page] = rasterise(tmp_path / "printed.pdf")
    assert decode_all(page) == [sara.card.code]
    dialog.close()


@pytest.mark.parametrize("kind", ["pdf", "png"])
def test_save_card_from_the_panel(qtbot, cafe, window, tmp_path, kind):
    sara = cafe.customers.add("Sara")
    window.open_customer(sara.id)
    qtbot.waitUntil(lambda: window.ops.idle)
    (window.panel.pdf_action if kind == "pdf" else window.panel.png_action).trigger()
    dialog = window.panel.flows.file_dialog
    assert dialog.isVisible()
    target = tmp_path / f"sara.{kind}"
    dialog.selectFile(str(target))
    dialog.accept()
    wait_idle(qtbot, window)
    assert target.exists() and "Card saved" in window.panel.banner.text()
    image = rasterise(target)[0] if kind == "pdf" else Image.open(target)
    assert decode_all(image) == [sara.card.code]


def test_batch_print_new_regulars_with_progress(qtbot, cafe, clock, window, tmp_path):
    cafe.customers.add("Old")
    clock.advance(days=30)
    new = [cafe.customers.add(f"New {i}") for i in range(12)]
    qtbot.mouseClick(window.batch_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.ops.idle)
    dialog = window.batch_dialog
    assert dialog.isVisible()
    from PySide6.QtCore import QDate

    dialog.since.setDate(QDate(clock.now().year, clock.now().month, clock.now().day).addDays(-1))
    qtbot.waitUntil(lambda: window.ops.idle)
    assert dialog.ids == [c.id for c in new]
    assert dialog.count.text() == "12 card(s) · 2 A4 sheet(s)"
    steps = []
    window.ops.progress.connect(lambda done, total: steps.append((done, total)))
    qtbot.mouseClick(dialog.pdf_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.ops.idle)
    dialog.file_dialog.selectFile(str(tmp_path / "batch.pdf"))
    dialog.file_dialog.accept()
    wait_idle(qtbot, window)
    assert steps == [(1, 2), (2, 2)]
    assert "Saved" in dialog.error.text()
    pages = rasterise(tmp_path / "batch.pdf", dpi=150)
    assert sorted(c for p in pages for c in decode_all(p)) == sorted(c.card.code for c in new)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)  # Print…
    wait_idle(qtbot, window)
    assert dialog.print_dialog.isVisible()
    dialog.print_dialog.close()


def test_batch_dialog_with_nobody_new_cannot_print(qtbot, cafe, clock, window):
    cafe.customers.add("Old")
    window.owner.open_batch_print()
    qtbot.waitUntil(lambda: window.ops.idle)
    from PySide6.QtCore import QDate

    window.batch_dialog.since.setDate(QDate(2100, 1, 1))
    assert not window.batch_dialog.ok_button.isEnabled() and not window.batch_dialog.pdf_button.isEnabled()


def test_camera_frames_are_decoded_off_the_ui_thread(qtbot, cafe):
    from cafe_loyalty_ui.camera import FrameDecoder
    from PySide6.QtGui import QImage

    sara = cafe.customers.add("Sara")
    frame = QImage.fromData(cafe.cards.card_png(sara.id)).scaledToWidth(640)  # a camera-sized frame
    decoder = FrameDecoder()
    with qtbot.waitSignal(decoder.decoded, timeout=5000) as found:
        assert decoder.offer(frame)
        assert not decoder.offer(frame)  # busy: the next frame is dropped, not queued
    assert found.args == [sara.card.code]
    blank = QImage(640, 480, QImage.Format.Format_RGB32)
    blank.fill(0xFFFFFF)
    seen = []
    decoder.decoded.connect(seen.append)
    assert decoder.offer(blank)
    qtbot.waitUntil(lambda: decoder.offer(blank))  # decoder free again: the blank frame found nothing
    decoder.close()
    assert seen == []


def test_camera_button_only_when_a_camera_exists(qtbot, cafe, monkeypatch):
    from cafe_loyalty_ui import camera
    from cafe_loyalty_ui.till import top_bar

    monkeypatch.setattr(camera, "_module", lambda name: None)  # as without PySide6-Addons
    assert camera.available_cameras() == []
    for cameras, shown in (([], False), (["USB camera"], True)):
        monkeypatch.setattr(top_bar, "available_cameras", lambda cameras=cameras: cameras)
        w = TillWindow(cafe.till, Operations(synchronous=True), cafe.settings.all())
        qtbot.addWidget(w)
        w.show()
        assert w.camera_button.isVisible() is shown

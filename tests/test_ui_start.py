"""Starting the app: first-run setup, a second copy, a damaged or newer file."""

from __future__ import annotations

import sqlite3

import pytest
from cafe_loyalty_ui import app as ui_app
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from cafe_loyalty.app import Cafe
from cafe_loyalty.store.db import AppLock
from cafe_loyalty.store.migrations import LATEST

from .conftest import type_text


@pytest.fixture
def messages(monkeypatch):
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: shown.append(text))
    return shown


@pytest.fixture
def session(qtbot, db_path):
    s = ui_app.Session(ui_app.make_app(), db_path)
    yield s
    s.close()


def test_first_run_asks_for_the_cafe_name_then_opens_the_till(qtbot, session, db_path):
    assert session.start()
    dialog = session.setup_dialog
    assert dialog.isVisible() and session.window is None
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)  # no name yet
    assert dialog.error.isVisible() and "café name" in dialog.error.text()
    qtbot.keyClicks(dialog.cafe_name, "Cafe Shirin")
    qtbot.keyClicks(dialog.owner_name, "Maryam")
    qtbot.keyClicks(dialog.pin, "12")
    qtbot.keyClicks(dialog.pin_again, "12")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert "PIN" in dialog.error.text() and session.window is None
    qtbot.keyClicks(dialog.pin, "34")
    qtbot.keyClicks(dialog.pin_again, "34")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: session.window is not None and session.window.ops.idle)
    assert session.window is not None and session.window.isVisible()
    assert session.window.cafe_name.text() == "Cafe Shirin"
    assert session.window.empty_title.text() == "Add your first regular"
    staff = session.cafe.staff.list()
    assert [(s.name, s.role, s.has_pin) for s in staff] == [
        ("Maryam", "owner", True),
        ("Barista", "barista", False),
    ]


def test_a_set_up_cafe_opens_straight_on_the_till(qtbot, session, db_path):
    cafe = Cafe.open(db_path)
    cafe.set_up("Café Shirin")
    cafe.customers.add("Sara")
    cafe.close()
    assert session.start()
    assert session.setup_dialog is None
    qtbot.waitUntil(lambda: session.window.ops.idle)  # the first page of tiles
    assert session.window.model.rowCount() == 1


def test_second_copy_is_told_and_does_not_open(qtbot, session, db_path, messages):
    with AppLock(db_path):
        assert not session.start()
    assert "already open" in messages[0]
    assert session.window is None and session.setup_dialog is None


def test_newer_or_damaged_file_is_explained(qtbot, db_path, messages):
    con = sqlite3.connect(db_path)
    con.execute(f"PRAGMA user_version = {LATEST + 5}")
    con.close()
    session = ui_app.Session(ui_app.make_app(), db_path)
    assert not session.start()
    assert "newer version" in messages[-1]
    db_path.write_bytes(b"\x00garbage" * 1000)
    session = ui_app.Session(ui_app.make_app(), db_path)
    assert not session.start()
    assert "damaged" in messages[-1] or "not a database" in messages[-1].lower()
    with AppLock(db_path):  # the failed start left no lock behind
        pass


def test_icons_are_drawn_when_shown_at_the_size_and_scale_asked(qapp):
    """Icons render on demand (start-up cost); each size must still come out sharp and tinted."""
    from cafe_loyalty_ui import icons
    from PySide6.QtCore import QSize
    from PySide6.QtGui import QColor, QIcon

    icon = icons.icon("stamp", "#FF0000", disabled="#0000FF")

    def colours(pixmap) -> set[str]:
        image = pixmap.toImage()
        return {
            image.pixelColor(x, y).name()
            for x in range(image.width())
            for y in range(image.height())
            if image.pixelColor(x, y).alpha() == 255
        }

    small, sharp = icon.pixmap(QSize(22, 22)), icon.pixmap(QSize(22, 22), 2.0)
    assert small.size() == QSize(22, 22)
    # A high-DPI screen: 22 points drawn with at least twice the pixels (Qt before 6.8 passes the
    # engine a size already in device pixels and draws larger; either way it is sharp).
    assert sharp.deviceIndependentSize().toSize() == QSize(22, 22) and sharp.width() >= 44
    assert colours(small) == {QColor("#FF0000").name()}
    assert colours(icon.pixmap(QSize(22, 22), QIcon.Mode.Disabled)) == {QColor("#0000FF").name()}
    assert not icon.isNull() and icon.pixmap(QSize(22, 22)).cacheKey() == small.cacheKey()  # drawn once


def test_the_owner_pin_is_asked_twice_and_persian_digits_are_digits(qtbot, session, db_path):
    """#31: a PIN nobody sees is typed twice; ۲۴۶۸ on a Persian keyboard is the PIN 2468."""
    assert session.start()
    dialog = session.setup_dialog
    assert dialog.pin.placeholderText() == "Optional, 4-12 digits"  # fits its field (it was cut off)
    qtbot.keyClicks(dialog.cafe_name, "Cafe Shirin")
    qtbot.keyClicks(dialog.pin, "2468")
    qtbot.keyClicks(dialog.pin_again, "2486")  # a slip of the finger
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert "not the same" in dialog.error.text() and session.window is None
    assert session.cafe is not None and not session.cafe.is_set_up  # nothing was saved
    dialog.pin_again.clear()
    type_text(dialog.pin_again, "۲۴۶۸")
    assert dialog.pin_again.text() == "۲۴۶۸"
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: session.window is not None and session.window.ops.idle)
    assert session.cafe.staff.check_owner("2468").role == "owner"
    assert session.cafe.staff.check_owner("٢٤٦٨").role == "owner"  # Arabic-Indic digits too


def test_setup_asks_the_country_and_phones_become_international(qtbot, session, db_path):
    """#31: a Persian café's 0912… numbers stayed as typed; the country is asked at setup."""
    assert session.start()
    dialog = session.setup_dialog
    qtbot.keyClicks(dialog.cafe_name, "Shirin")
    assert dialog.country.count() > 20 and dialog.country.itemData(0) == ""
    dialog.country.setCurrentIndex(dialog.country.findData("IR"))
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: session.window is not None and session.window.ops.idle)
    assert session.cafe.settings.get("phone_region") == "IR"
    assert session.cafe.customers.add("Sara", phone="0912 345 6789").phone == "+989123456789"

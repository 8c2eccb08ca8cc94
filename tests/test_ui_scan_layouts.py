"""A card scan opens the customer whatever keyboard layout the till is in (issue: scans failed
in Persian, Arabic, German and French layouts). The key events here carry what an X server or
Windows would put in them: the key's native position, Shift for capitals, and the character the
active layout made of it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QInputMethodEvent, QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from cafe_loyalty.scanning import keymap

from .conftest import settle
from .test_keymap import SHIFTED, person_types
from .test_ui_cards import type_at


def scan(window, code: str, layout: str, platform: str, gap_ms: float = 8, positions: bool = True) -> None:
    """A US scanner's key presses for ``code`` arriving through ``layout`` on ``platform``."""
    window.wedge.platform = platform
    table = keymap.PHYSICAL[keymap.PLATFORMS.get(platform, "xkb")]
    plain, shifted = keymap.LAYOUTS[layout]
    target = QApplication.focusWidget() or window.search
    for ch in code:
        index = keymap.US_KEYS.index(ch.lower())
        capital = ch.isalpha()
        text = (shifted if capital else plain)[index]
        scan_code, virtual = (table[index], 0) if positions else (0, 0)
        if platform == "cocoa" and positions:
            scan_code, virtual = 1, table[index]
        modifiers = Qt.KeyboardModifier.ShiftModifier if capital else Qt.KeyboardModifier.NoModifier
        window.key_clock.ms += gap_ms
        if capital:  # the scanner presses Shift first: a key event that types nothing
            QApplication.sendEvent(target, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Shift, modifiers, 50, 0, 0, ""))
        if len(text) > 1:  # Arabic's lam-alef: Qt gets it from the input method, with no key event
            event = QInputMethodEvent()
            event.setCommitString(text)
            QApplication.sendEvent(target, event)
            continue
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(target, QKeyEvent(kind, Qt.Key.Key_unknown, modifiers, scan_code, virtual, 0, text))
    window.key_clock.ms += gap_ms
    QTest.keyClick(QApplication.focusWidget() or window.search, Qt.Key.Key_Return)
    settle(window)


@pytest.mark.parametrize("layout", ["fa", "ar", "de", "fr", "ru"])
@pytest.mark.parametrize("platform", ["xcb", "windows", "cocoa"])
def test_a_scan_opens_the_customer_in_any_layout(qtbot, cafe, window, layout, platform):
    cafe.customers.add("Reza")
    sara = cafe.customers.add("Sara")
    window.search.setFocus()
    scan(window, sara.card.code, layout, platform)
    assert window.panel.customer is not None and window.panel.customer.id == sara.id
    assert window.search.text() == "" and not window.banner.isVisible()


@pytest.mark.parametrize("layout", SHIFTED)
def test_without_key_positions_the_characters_decide(qtbot, cafe, window, layout):
    """Remote desktops and some Bluetooth scanners report no positions."""
    sara = cafe.customers.add("Sara")
    window.search.setFocus()
    scan(window, sara.card.code, layout, "offscreen", positions=False)
    assert window.panel.customer is not None and window.panel.customer.id == sara.id


def test_a_failed_scan_is_never_a_name(qtbot, cafe, window):
    cafe.customers.add("Sara")
    window.search.setFocus()
    type_at(window, "۹اشغ-غغدذ-۴قلت-ایثر", gap_ms=8)  # a card from elsewhere, through Persian keys
    assert window.panel.customer is None
    assert window.search.text() == ""
    assert "Card not recognised" in window.banner.text() and "Persian" in window.banner.text()
    # no "Add ‘…’ as a new regular": the regulars' tiles are back
    assert window.stack.currentWidget() is window.tiles and window.model.rowCount() == 1
    assert cafe.customers.count() == 1


def test_a_code_typed_by_hand_in_the_persian_layout_is_found(qtbot, cafe, window):
    sara = cafe.customers.add("Sara")
    window.search.setFocus()
    type_at(window, person_types(sara.card.code, "fa"), gap_ms=150)  # a person, not a scanner
    assert window.panel.customer is not None and window.panel.customer.id == sara.id
    assert window.search.text() == ""

"""Telling a card scanner from a person at the keyboard.

USB and Bluetooth QR scanners act as keyboards ("keyboard wedge"): they type the code and press
Enter. A scanner types evenly and fast (a few ms a key); people leave 60 ms or more between
keys. A burst of at least ``min_length`` characters, each within ``max_gap_ms`` of the last and
ending in Enter just as fast, is a scan; the till then says whether it is one of our cards.

The detector watches key presses anywhere in the till window, so a scan works without clicking
the search box first; keys typed while nothing editable has focus are sent to the search box.
Each key's position is kept with its character, so a scan typed through a Persian, Arabic,
German or French layout is read back as the code it was (:mod:`cafe_loyalty.scanning.keymap`).
"""

from __future__ import annotations

import time
import unicodedata
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QGuiApplication, QInputMethodEvent, QKeyEvent
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QLineEdit, QPlainTextEdit, QTextEdit, QWidget

from cafe_loyalty.printing import codes
from cafe_loyalty.scanning import keymap

_EDITABLE = (QLineEdit, QTextEdit, QPlainTextEdit, QAbstractSpinBox)


def looks_like_payload(text: str) -> bool:
    """The shape of what our cards hold: a code, or a web address (ours or not: the service
    decides, and explains a foreign one). A code typed in another keyboard layout (Persian
    letters for a Latin code) counts too: the card service reads it back."""
    text = text.strip()
    if text.lower().startswith(("http://", "https://")):
        return True
    return any(codes.looks_like_code(candidate) for candidate in keymap.candidates(text))


# Key presses that type nothing by themselves: a scanner holds Shift for each capital letter.
_MODIFIERS = {
    Qt.Key.Key_Shift,
    Qt.Key.Key_Control,
    Qt.Key.Key_Alt,
    Qt.Key.Key_AltGr,
    Qt.Key.Key_Meta,
    Qt.Key.Key_CapsLock,
    Qt.Key.Key_NumLock,
}


class WedgeDetector(QObject):
    #: A completed scan: its readings, best first (the keys' positions decoded as a US keyboard
    #: would type them, when the platform reports positions; then the characters typed).
    scanned = Signal(list)

    def __init__(
        self,
        window: QWidget,
        search: QLineEdit | None,
        now_ms: Callable[[], float] | None = None,
        max_gap_ms: float = 35.0,
        min_length: int = 8,
    ):
        super().__init__(window)
        self._window = window
        self._search = search
        self.now_ms = now_ms or (lambda: time.monotonic() * 1000)
        self.platform = QGuiApplication.platformName()  # which key-position table applies
        self.max_gap_ms = max_gap_ms
        self.min_length = min_length
        self._burst: list[str] = []
        self._keys: list[tuple[int, int, bool]] = []  # (native scan code, native virtual key, shift)
        self._last = float("-inf")
        self._before = ""  # the search text before the burst began, restored after a scan
        QApplication.instance().installEventFilter(self)

    def _ours(self, obj: QObject) -> bool:
        if QApplication.activeModalWidget() is not None or QApplication.activePopupWidget() is not None:
            return False
        return isinstance(obj, QWidget) and obj.window() is self._window

    def _input_method(self, event: QInputMethodEvent) -> None:
        """Keys whose character is more than one letter (Arabic's lam-alef) reach Qt through
        the input method, as text with no key event: part of the burst, position unknown."""
        text = event.commitString()
        if not text or event.preeditString():
            return
        now = self.now_ms()
        if now - self._last > self.max_gap_ms:
            self._burst, self._keys = [], []
            self._before = self._search.text() if self._search else ""
        self._burst.append(text)
        self._keys.append((0, 0, False))  # no position: the scan is read from its characters
        self._last = now

    def _reset(self) -> None:
        self._burst, self._keys, self._last = [], [], float("-inf")

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.InputMethod and self._ours(obj):
            self._input_method(event)  # type: ignore[arg-type]
            return False
        if event.type() != QEvent.Type.KeyPress or not self._ours(obj):
            return False
        assert isinstance(event, QKeyEvent)
        # Qt offers one key press to the focus widget, then to its parents: count it once.
        if obj is not QApplication.focusWidget() and QApplication.focusWidget() is not None:
            return False
        key = event.key()
        if key in _MODIFIERS:
            return False  # neither part of the burst nor the end of it
        now = self.now_ms()
        gap = now - self._last
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            burst, keys = "".join(self._burst), list(self._keys)
            # Speed and shape: evenly fast keys, long enough, closed by an equally fast Enter.
            # What was scanned is judged by the card service (a foreign code gets a message).
            is_scan = gap <= self.max_gap_ms and len(self._keys) >= self.min_length
            self._reset()
            if is_scan:
                # A scan is never a name: what it typed into the search box goes (the till
                # empties the box too if the scan opens nobody).
                if self._search is not None:
                    self._search.setText(self._before)
                by_position = keymap.from_keys(self.platform, keys)
                self.scanned.emit([r for r in (by_position, burst) if r])
                return True
            return False
        text = event.text()
        if (
            not text
            or any(unicodedata.category(ch) == "Cc" for ch in text)
            or event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
        ):
            self._reset()
            return False
        if gap > self.max_gap_ms:
            self._burst, self._keys = [], []
            self._before = self._search.text() if self._search else ""
        self._burst.append(text)
        self._keys.append(
            (
                event.nativeScanCode(),
                event.nativeVirtualKey(),
                bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier),
            )
        )
        self._last = now
        if self._search is None:
            return not isinstance(obj, _EDITABLE)  # a window with no search box (the customer display)
        if not isinstance(obj, _EDITABLE):
            # Typing with no text field focused goes to the search box.
            self._search.setFocus()
            self._search.insert(text)
            return True
        return False

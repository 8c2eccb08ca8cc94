"""Telling a card scanner from a person at the keyboard.

USB and Bluetooth QR scanners act as keyboards ("keyboard wedge"): they type the code and press
Enter. A scanner types evenly and fast (a few ms a key); people leave 60 ms or more between
keys. A burst of at least ``min_length`` characters, each within ``max_gap_ms`` of the last and
ending in Enter just as fast, is a scan; the till then says whether it is one of our cards.

The detector watches key presses anywhere in the till window, so a scan works without clicking
the search box first; keys typed while nothing editable has focus are sent to the search box.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QLineEdit, QPlainTextEdit, QTextEdit, QWidget

from cafe_loyalty import codes

_EDITABLE = (QLineEdit, QTextEdit, QPlainTextEdit, QAbstractSpinBox)


def looks_like_payload(text: str) -> bool:
    """The shape of what our cards hold: a code, or a web address (ours or not: the service
    decides, and explains a foreign one)."""
    text = text.strip()
    return codes.looks_like_code(text) or text.lower().startswith(("http://", "https://"))


class WedgeDetector(QObject):
    #: A completed scan: the text the scanner typed (without the Enter).
    scanned = Signal(str)

    def __init__(
        self,
        window: QWidget,
        search: QLineEdit,
        now_ms: Callable[[], float] | None = None,
        max_gap_ms: float = 35.0,
        min_length: int = 8,
    ):
        super().__init__(window)
        self._window = window
        self._search = search
        self.now_ms = now_ms or (lambda: time.monotonic() * 1000)
        self.max_gap_ms = max_gap_ms
        self.min_length = min_length
        self._burst: list[str] = []
        self._last = float("-inf")
        self._before = ""  # the search text before the burst began, restored after a scan
        QApplication.instance().installEventFilter(self)

    def _ours(self, obj: QObject) -> bool:
        if QApplication.activeModalWidget() is not None or QApplication.activePopupWidget() is not None:
            return False
        return isinstance(obj, QWidget) and obj.window() is self._window

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not self._ours(obj):
            return False
        assert isinstance(event, QKeyEvent)
        # Qt offers one key press to the focus widget, then to its parents: count it once.
        if obj is not QApplication.focusWidget() and QApplication.focusWidget() is not None:
            return False
        now = self.now_ms()
        gap = now - self._last
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            burst = "".join(self._burst)
            # Speed and shape: evenly fast keys, long enough, closed by an equally fast Enter.
            # What was scanned is judged by the card service (a foreign code gets a message).
            is_scan = gap <= self.max_gap_ms and len(burst) >= self.min_length
            self._burst, self._last = [], float("-inf")
            if is_scan:
                self._search.setText(self._before)
                self.scanned.emit(burst)
                return True
            return False
        text = event.text()
        if (
            not text
            or not text.isprintable()
            or event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
        ):
            self._burst, self._last = [], float("-inf")
            return False
        if gap > self.max_gap_ms:
            self._burst = []
            self._before = self._search.text()
        self._burst.append(text)
        self._last = now
        if not isinstance(obj, _EDITABLE):
            # Typing with no text field focused goes to the search box.
            self._search.setFocus()
            self._search.insert(text)
            return True
        return False

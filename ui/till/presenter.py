"""The base of the till window's presenters (issue #33).

The till window holds the widgets and assembles a few presenters, each a ``QObject`` child of
the window holding what one part of the counter does (its keys and scans, its status strips, the
customer display link, the regular forms, the way to the owner's screen). A presenter reads and
sets the window's widgets and reaches the core through the window's ``till`` only; its own
words are translated in its own context.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

if TYPE_CHECKING:
    from cafe_loyalty_ui.till.window import TillWindow


class Presenter(QObject):
    def __init__(self, window: TillWindow):
        super().__init__(window)
        self._w = window

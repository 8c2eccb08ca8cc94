"""Guards against a broken Qt binding: PySide6 6.12.0 released a reference to None on every
void call, which aborts the till on Python 3.11 after a few thousand paints."""

from __future__ import annotations

import sys

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QPainter, QPixmap
from PySide6.QtWidgets import QLabel


def test_void_calls_do_not_leak_references_to_none(qtbot):
    pixmap = QPixmap(50, 50)
    painter = QPainter(pixmap)
    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for _ in range(200):
        painter.setPen(QColor("red"))
        painter.drawEllipse(QRectF(1, 1, 5, 5))
        label.setText("x")
    drift = sys.getrefcount(None) - before
    painter.end()
    assert abs(drift) < 50, f"the Qt binding changed None's refcount by {drift} over 600 calls"

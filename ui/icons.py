"""Icons drawn from the SVGs in ``assets/icons``, tinted per use, so one set serves light
buttons, dark buttons and disabled states alike."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QByteArray, QRectF, Qt
from PySide6.QtGui import QIcon, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer

from cafe_loyalty import assets


@cache
def _svg(name: str) -> str:
    return assets.path("icons", f"{name}.svg").read_text(encoding="utf-8")


def pixmap(name: str, color: str = "#3B2A1E", size: int = 24, ratio: float = 2.0) -> QPixmap:
    data = QByteArray(_svg(name).replace("currentColor", color).encode())
    renderer = QSvgRenderer(data)
    pm = QPixmap(int(size * ratio), int(size * ratio))
    pm.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pm)
    renderer.render(painter, QRectF(0, 0, pm.width(), pm.height()))
    painter.end()
    pm.setDevicePixelRatio(ratio)
    return pm


def icon(name: str, color: str = "#3B2A1E", disabled: str = "#B9AEA4") -> QIcon:
    # Two sizes drawn at twice the pixels cover every button (18-28 px) sharply on any screen;
    # Qt scales the nearest. Each size costs a render at start, so no more than that.
    result = QIcon()
    for size in (24, 32):
        result.addPixmap(pixmap(name, color, size), QIcon.Mode.Normal)
        result.addPixmap(pixmap(name, disabled, size), QIcon.Mode.Disabled)
    return result


def app_icon() -> QIcon:
    return QIcon(str(assets.path("icons", "app.svg")))

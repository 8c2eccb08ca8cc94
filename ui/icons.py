"""Icons drawn from the SVGs in ``assets/icons``, tinted per use, so one set serves light
buttons, dark buttons and disabled states alike."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QByteArray, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QIcon, QIconEngine, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer

from cafe_loyalty import assets

from . import theme


@cache
def _svg(name: str) -> str:
    return assets.path("icons", f"{name}.svg").read_text(encoding="utf-8")


def pixmap(name: str, color: str | None = None, size: int = 24, ratio: float = 2.0) -> QPixmap:
    color = color or theme.ICON
    data = QByteArray(_svg(name).replace("currentColor", color).encode())
    renderer = QSvgRenderer(data)
    pm = QPixmap(int(size * ratio), int(size * ratio))
    pm.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pm)
    renderer.render(painter, QRectF(0, 0, pm.width(), pm.height()))
    painter.end()
    pm.setDevicePixelRatio(ratio)
    return pm


class _TintedIcon(QIconEngine):
    """Draws the SVG only when Qt asks for a size and mode, at that size: the till has about
    twenty icons, and rendering each one at every size up front cost a tenth of the start-up."""

    def __init__(self, name: str, color: str, disabled: str):
        super().__init__()
        self._name, self._color, self._disabled = name, color, disabled
        self._drawn: dict[tuple[int, int, bool], QPixmap] = {}

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        return self.scaledPixmap(size, mode, state, 1.0)

    def scaledPixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State, scale: float) -> QPixmap:
        side = max(1, min(size.width(), size.height()))
        off = mode == QIcon.Mode.Disabled
        key = (side, round(scale * 100), off)
        if key not in self._drawn:
            self._drawn[key] = pixmap(self._name, self._disabled if off else self._color, side, max(scale, 1.0))
        return self._drawn[key]

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        ratio = painter.device().devicePixelRatioF() if painter.device() else 1.0
        painter.drawPixmap(rect, self.scaledPixmap(rect.size(), mode, state, ratio))

    def actualSize(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QSize:
        side = min(size.width(), size.height())
        return QSize(side, side)

    def clone(self) -> QIconEngine:
        return _TintedIcon(self._name, self._color, self._disabled)


def icon(name: str, color: str | None = None, disabled: str | None = None) -> QIcon:
    """An icon in ``color`` (``disabled`` when its button is; both default to the theme's),
    drawn sharp at whatever size and screen scale it is shown."""
    color, disabled = color or theme.ICON, disabled or theme.DISABLED_TEXT
    return QIcon(_TintedIcon(name, color, disabled))


def app_icon() -> QIcon:
    return QIcon(str(assets.path("icons", "app.svg")))

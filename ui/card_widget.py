"""The stamp card as the customer knows it: slots in rows, head-start slots marked apart."""

from __future__ import annotations

from cafe_loyalty_ui import i18n, icons, theme
from PySide6.QtCore import QCoreApplication, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from cafe_loyalty.services.views import CardView


def spoken_card(card: CardView) -> str:
    """What a screen reader says for the card: "6 of 10 stamps, 2 of them head start"."""
    text = i18n.numbers(QCoreApplication.translate("StampCardWidget", "{0} of {1} stamps"), card.filled, card.slots)
    if card.head_start:
        text += i18n.list_separator() + i18n.numbers(
            QCoreApplication.translate("StampCardWidget", "{0} of them head start"), card.head_start
        )
    if card.redeemable:
        text += i18n.list_separator() + QCoreApplication.translate("StampCardWidget", "the reward is ready")
    return text


class StampCardWidget(QWidget):
    """Draws ``card``. Head-start slots are gold with a star; earned ones espresso with a tick;
    the rest are empty rings. Exposes ``slot_states()`` so tests can read what is drawn."""

    PER_ROW = 5

    def __init__(self, parent: QWidget | None = None, cell: int = 68):
        super().__init__(parent)
        self._card: CardView | None = None
        self.cell = cell  # the slot's square, in pixels (the customer display draws them large)
        #: A slot being marked (the stamp just given) and how far its mark has grown, 0 to 1.
        self.pulse_slot: int | None = None
        self.pulse = 1.0
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumHeight(140)
        icon = round(cell * 22 / 68)
        self._star = icons.pixmap("star", theme.ESPRESSO, icon)
        self._tick = icons.pixmap("check", "#FFFFFF", icon)

    def set_cell(self, cell: int) -> None:
        """Slots of another size (the customer display fits them to its screen)."""
        if cell == self.cell:
            return
        self.cell = cell
        icon = round(cell * 22 / 68)
        self._star = icons.pixmap("star", theme.ESPRESSO, icon)
        self._tick = icons.pixmap("check", "#FFFFFF", icon)
        self.setMinimumHeight(min(140, 2 * cell + 8))
        self.set_card(self._card)

    def set_card(self, card: CardView | None) -> None:
        self._card = card
        self.setAccessibleName(spoken_card(card) if card else "")
        rows = ((card.slots if card else 10) + self.PER_ROW - 1) // self.PER_ROW
        self.setFixedHeight(max(1, rows) * self.cell + 8)
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(max(380, self.cell * self.PER_ROW + 20), self.minimumHeight())

    def slot_states(self) -> list[str]:
        """'head', 'earned' or 'empty' for each slot, in order."""
        card = self._card
        if card is None:
            return []
        head = min(card.head_start, card.filled)
        return ["head"] * head + ["earned"] * (card.filled - head) + ["empty"] * (card.slots - card.filled)

    @staticmethod
    def slot_label(index: int) -> str:
        """The number in an empty slot, in the till's digits (Persian digits in Persian)."""
        return i18n.digits(str(index + 1))

    def paintEvent(self, event) -> None:
        if self._card is None:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        states = self.slot_states()
        per_row = self.PER_ROW
        cell = min(float(self.cell), self.width() / per_row)
        d = cell - 14 * self.cell / 68
        half_icon = self._star.width() / 2 / self._star.devicePixelRatio()
        full = self._card.redeemable
        rtl = self.layoutDirection() == Qt.LayoutDirection.RightToLeft
        for i, state in enumerate(states):
            row, col = divmod(i, per_row)
            if rtl:
                col = per_row - 1 - col
            x = col * cell + (self.width() - per_row * cell) / 2 + 7
            r = QRectF(x, row * self.cell + 7, d, d)
            if i == self.pulse_slot and self.pulse < 1.0:  # the new stamp grows into place
                grow = 0.4 + 0.6 * self.pulse
                r = QRectF(r.center().x() - d * grow / 2, r.center().y() - d * grow / 2, d * grow, d * grow)
            if state == "head":
                painter.setPen(QPen(QColor(theme.CARAMEL), 2, Qt.PenStyle.DashLine))
                painter.setBrush(QColor(theme.GOLD))
                painter.drawEllipse(r)
                painter.drawPixmap(QPointF(r.center().x() - half_icon, r.center().y() - half_icon), self._star)
            elif state == "earned":
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(QColor(theme.GREEN if full else theme.ESPRESSO))
                painter.drawEllipse(r)
                painter.drawPixmap(QPointF(r.center().x() - half_icon, r.center().y() - half_icon), self._tick)
            else:
                painter.setPen(QPen(QColor(theme.LINE), 2.5))
                painter.setBrush(QColor(theme.CREAM))
                painter.drawEllipse(r)
                font = QFont(self.font())
                font.setPixelSize(round(15 * self.cell / 68))
                painter.setFont(font)
                painter.setPen(QColor(theme.SLOT_NUMBER))
                painter.drawText(r, Qt.AlignmentFlag.AlignCenter, self.slot_label(i))
        painter.end()

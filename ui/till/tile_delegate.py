"""Paints one regular as a large tile: avatar, first name, last name and card progress."""

from __future__ import annotations

from cafe_loyalty_ui import i18n, icons, theme
from cafe_loyalty_ui.till.customer_model import SummaryRole
from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

TILE = QSize(212, 118)


def initials(first: str, last: str) -> str:
    """Two letters for the avatar. A zero-width non-joiner keeps Persian initials apart:
    without it "علی کریمی" would show a joined "عک" that reads as a word."""
    letters = [part[0] for part in (first, last) if part]
    return "\u200c".join(letters).upper() or "?"


class TileDelegate(QStyledItemDelegate):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._gift = self._sharp("gift")
        self._cake = self._sharp("cake")

    @staticmethod
    def _sharp(name: str):
        """An 18 px white icon, drawn with as many pixels as the scaled tile shows it at."""
        return icons.pixmap(name, "#FFFFFF", 18, ratio=2.0 * theme.scale)

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        return QSize(theme.px(TILE.width()), theme.px(TILE.height()))

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        summary = index.data(SummaryRole)
        if summary is None:
            return
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rtl = option.direction == Qt.LayoutDirection.RightToLeft
        # Drawn at normal size and scaled as a whole for larger text, so nothing in it moves.
        painter.translate(QPointF(option.rect.topLeft()))
        painter.scale(theme.scale, theme.scale)
        scale = theme.scale
        rect = QRectF(0, 0, option.rect.width() / scale, option.rect.height() / scale).adjusted(5, 5, -5, -5)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        hovered = bool(option.state & QStyle.StateFlag.State_MouseOver)
        full = summary.filled >= summary.slots

        path = QPainterPath()
        path.addRoundedRect(rect, 16, 16)
        painter.fillPath(path, QColor(theme.SURFACE))
        border = theme.CARAMEL if selected else (theme.GOLD if full else (theme.CARAMEL if hovered else theme.LINE))
        painter.setPen(QPen(QColor(border), 2.5 if selected or full else 1))
        painter.drawPath(path)

        # avatar
        d = 46
        ax = rect.right() - 14 - d if rtl else rect.left() + 14
        avatar = QRectF(ax, rect.top() + 14, d, d)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(theme.avatar_colour(summary.id))
        painter.drawEllipse(avatar)
        font = QFont(option.font)
        font.setPixelSize(18)
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(QColor("white"))
        painter.drawText(avatar, Qt.AlignmentFlag.AlignCenter, initials(summary.first_name, summary.last_name))

        if summary.birthday_week:
            # A pink cake on the avatar: their birthday is this week.
            badge_rect = QRectF(avatar.right() - 16, avatar.top() - 6, 26, 26)
            painter.setPen(QPen(QColor(theme.SURFACE), 2))
            painter.setBrush(QColor(theme.BIRTHDAY))
            painter.drawEllipse(badge_rect)
            painter.drawPixmap(QPointF(badge_rect.center().x() - 9, badge_rect.center().y() - 9), self._cake)

        # names
        text_left = rect.left() + 14 if rtl else avatar.right() + 12
        text_width = rect.width() - d - 40
        name_font = QFont(option.font)
        name_font.setPixelSize(20)
        name_font.setBold(True)
        painter.setFont(name_font)
        painter.setPen(QColor(theme.INK))
        align = Qt.AlignmentFlag.AlignRight if rtl else Qt.AlignmentFlag.AlignLeft
        first = QFontMetrics(name_font).elidedText(summary.first_name, Qt.TextElideMode.ElideRight, int(text_width))
        painter.drawText(
            QRectF(text_left, rect.top() + 12, text_width, 28), align | Qt.AlignmentFlag.AlignVCenter, first
        )
        small = QFont(option.font)
        small.setPixelSize(14)
        painter.setFont(small)
        painter.setPen(QColor(theme.MUTED))
        last = QFontMetrics(small).elidedText(summary.last_name, Qt.TextElideMode.ElideRight, int(text_width))
        painter.drawText(
            QRectF(text_left, rect.top() + 40, text_width, 20), align | Qt.AlignmentFlag.AlignVCenter, last
        )

        # progress: one dot a slot, the last line of the tile
        slots = max(1, summary.slots)
        gap = 4.0
        avail = rect.width() - 28 - 54
        dot = min(12.0, (avail - gap * (slots - 1)) / slots)
        y = rect.bottom() - 14 - dot
        for i in range(slots):
            pos = i if not rtl else slots - 1 - i
            x = rect.left() + 14 + (54 if rtl else 0) + pos * (dot + gap)
            r = QRectF(x, y, dot, dot)
            if i < summary.filled:
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(QColor(theme.GREEN if full else theme.ESPRESSO))
            else:
                painter.setPen(QPen(QColor(theme.LINE), 1.5))
                painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawEllipse(r)
        badge = QRectF(rect.right() - 50 if not rtl else rect.left() + 10, y - 9, 40, dot + 18)
        if full:
            # A full card earns a reward: a green gift badge, readable without words.
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(theme.GREEN))
            painter.drawRoundedRect(badge, 12, 12)
            painter.drawPixmap(QPointF(badge.center().x() - 9, badge.center().y() - 9), self._gift)
        else:
            count_font = QFont(option.font)
            count_font.setPixelSize(13)
            count_font.setBold(True)
            painter.setFont(count_font)
            painter.setPen(QColor(theme.MUTED))
            painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, i18n.digits(f"{summary.filled}/{summary.slots}"))
        painter.restore()

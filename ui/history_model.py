"""The card history list: one row per card issued, stamp or reward, undone ones struck out."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QAbstractListModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from cafe_loyalty.clock import to_local
from cafe_loyalty.services.views import HistoryEntry

from . import icons, theme

EntryRole = Qt.ItemDataRole.UserRole + 1


def tr(text: str) -> str:
    return QCoreApplication.translate("HistoryModel", text)


def when(value: dt.datetime, today: dt.date | None = None) -> str:
    local = to_local(value)
    today = today or dt.datetime.now().date()
    if local.date() == today:
        return local.strftime("%H:%M")
    if local.year == today.year:
        return local.strftime("%a %d %b, %H:%M")
    return local.strftime("%d %b %Y")


def describe(entry: HistoryEntry) -> str:
    if entry.kind == "issued":
        text = tr("New card, {0} stamps head start").format(entry.detail)
    elif entry.kind == "redemption":
        text = tr("Reward: {0}").format(entry.detail)
    else:
        text = tr("Stamp") + (tr(" (guard overridden)") if entry.forced else "")
    if entry.staff:
        text += f" · {entry.staff}"
    if entry.voided:
        text += "\n" + tr("Undone: {0}").format(entry.void_reason)
    return text


class HistoryModel(QAbstractListModel):
    def __init__(self, parent: Any = None):
        super().__init__(parent)
        self._rows: list[HistoryEntry] = []
        self._icons = {
            "issued": icons.icon("star", theme.CARAMEL),
            "purchase": icons.icon("stamp", theme.ESPRESSO),
            "redemption": icons.icon("gift", theme.GREEN),
        }

    def set_entries(self, entries: list[HistoryEntry]) -> None:
        self.beginResetModel()
        self._rows = list(entries)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        entry = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{when(entry.at)}   {describe(entry)}"
        if role == Qt.ItemDataRole.DecorationRole:
            return self._icons[entry.kind]
        if role == Qt.ItemDataRole.ForegroundRole and entry.voided:
            return QColor(theme.MUTED)
        if role == Qt.ItemDataRole.FontRole and entry.voided:
            font = QFont()
            font.setStrikeOut(True)
            return font
        if role == EntryRole:
            return entry
        return None

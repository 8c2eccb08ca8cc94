"""The card history list: one row per card issued, stamp or reward, undone ones struck out."""

from __future__ import annotations

from typing import Any

from cafe_loyalty_ui import i18n, icons, theme
from PySide6.QtCore import QAbstractListModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from cafe_loyalty.services.ledger import CARRY_REASON, MERGED_CARD
from cafe_loyalty.services.merging import MERGE_REASON
from cafe_loyalty.services.views import HistoryEntry


def describe(entry: HistoryEntry) -> str:
    # QCoreApplication.translate with a literal context, so lupdate files these under HistoryModel.
    if entry.kind == "issued":
        text = QCoreApplication.translate("HistoryModel", "New card, {0} stamps head start").format(
            i18n.digits(entry.detail)
        )
    elif entry.kind == "carried":
        text = QCoreApplication.translate("HistoryModel", "{0} stamps carried over from a paper card").format(
            i18n.digits(entry.detail)
        )
    elif entry.kind == "redemption":
        text = QCoreApplication.translate("HistoryModel", "Reward: {0}").format(entry.detail)
    else:
        text = QCoreApplication.translate("HistoryModel", "Stamp")
        if entry.forced:
            text += QCoreApplication.translate("HistoryModel", " (guard overridden)")
        if entry.added_later:
            text += QCoreApplication.translate("HistoryModel", " (added later, from a paper log)")
    if entry.staff:
        text += f"{i18n.sep()}{entry.staff}"
    if entry.voided and entry.void_reason:
        text += "\n" + QCoreApplication.translate("HistoryModel", "Undone: {0}").format(_reason(entry.void_reason))
    elif entry.voided:  # never a bare "Undone:" (#31)
        text += "\n" + QCoreApplication.translate("HistoryModel", "Undone")
    return text


class HistoryModel(QAbstractListModel):
    def __init__(self, parent: Any = None):
        super().__init__(parent)
        self._rows: list[HistoryEntry] = []
        self._icons = {
            "issued": icons.icon("star", theme.CARAMEL),
            "purchase": icons.icon("stamp", theme.ESPRESSO),
            "carried": icons.icon("note", theme.ESPRESSO),
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
            return f"{i18n.when(entry.at)}   {describe(entry)}"
        if role == Qt.ItemDataRole.DecorationRole:
            return self._icons[entry.kind]
        if role == Qt.ItemDataRole.ForegroundRole and entry.voided:
            return QColor(theme.MUTED)
        if role == Qt.ItemDataRole.FontRole and entry.voided:
            font = QFont()
            font.setStrikeOut(True)
            return font
        return None


def _reason(text: str) -> str:
    """The reasons the core gives itself, in the till's language (a barista's own is kept as typed)."""
    known = {
        MERGE_REASON: QCoreApplication.translate(
            "HistoryModel", "merged into another regular: the head start is not counted twice"
        ),
        CARRY_REASON: QCoreApplication.translate("HistoryModel", "paper card stamps instead of the head start"),
        MERGED_CARD: QCoreApplication.translate("HistoryModel", "a duplicate's card, merged into this regular"),
    }
    return known.get(text, text)

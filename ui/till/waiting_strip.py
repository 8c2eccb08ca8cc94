"""Who checked in at the customer display while the barista was serving someone else.

A short strip above the tiles: one tap opens the regular (and takes them off the strip).
Kept in memory only: a check-in is a moment at the counter, not something to store.
"""

from __future__ import annotations

from typing import Any

from cafe_loyalty_ui.widgets import RowsListModel, strip_list
from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QWidget

MAX_WAITING = 6  # the oldest drops off: a queue this long has been served by hand anyway


class WaitingModel(RowsListModel):
    rows: list[tuple[int, str]]  # (customer id, first name), oldest first

    def add(self, customer_id: int, name: str) -> None:
        rows = [r for r in self.rows if r[0] != customer_id] + [(customer_id, name)]
        self.set_rows(rows[-MAX_WAITING:])

    def remove(self, customer_id: int) -> None:
        if any(r[0] == customer_id for r in self.rows):
            self.set_rows([r for r in self.rows if r[0] != customer_id])

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        customer_id, name = self.rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return name
        if role == Qt.ItemDataRole.UserRole:
            return customer_id
        return None


class WaitingStrip(QFrame):
    chosen = Signal(int)  # a customer id to open

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("checkbackStrip")  # the same quiet look as the check-back strip
        self.model = WaitingModel(self)
        row = QHBoxLayout(self)
        row.setContentsMargins(12, 8, 12, 8)
        row.addWidget(QLabel(self.tr("CHECKED IN"), objectName="sectionTitle"))
        self.list = strip_list(self.model, self.tr("Regulars who checked in at the display"))
        self.list.clicked.connect(lambda index: self.chosen.emit(index.data(Qt.ItemDataRole.UserRole)))
        row.addWidget(self.list, 1)
        self.model.modelReset.connect(lambda: self.setVisible(bool(self.model.rows)))
        self.setVisible(False)

    def choose(self, row: int) -> None:
        self.chosen.emit(self.model.rows[row][0])

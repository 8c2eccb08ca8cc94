"""The tile grid's model: regulars matching the search, fetched a page at a time."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from cafe_loyalty.services.customers import Customers
from cafe_loyalty.services.views import CustomerSummary

from . import i18n

SummaryRole = Qt.ItemDataRole.UserRole + 1
IdRole = Qt.ItemDataRole.UserRole + 2

Index = QModelIndex | QPersistentModelIndex


class CustomerListModel(QAbstractListModel):
    """Holds the rows of the current search; the view asks for more as it scrolls, so ten
    thousand regulars cost one page of work, not ten thousand tiles."""

    PAGE = 120

    def __init__(self, customers: Customers, parent: Any = None, likely_now: Any = None):
        super().__init__(parent)
        self._customers = customers
        self._likely_now = likely_now  # () -> customer ids; shown first when nothing is typed
        self.likely_ids: list[int] = []
        self._query = ""
        self._rows: list[CustomerSummary] = []
        self._more = False

    @property
    def query(self) -> str:
        return self._query

    def set_query(self, text: str) -> None:
        self.beginResetModel()
        self._query = text
        self._rows = self._customers.search(text, limit=self.PAGE)
        self._more = len(self._rows) == self.PAGE
        if not text.strip() and self._likely_now is not None:
            # Nothing typed: the regulars who usually come about now go first.
            self.likely_ids = self._likely_now()
            first = self._customers.summaries(self.likely_ids)
            chosen = set(self.likely_ids)
            self._rows = first + [r for r in self._rows if r.id not in chosen]
        else:
            self.likely_ids = []
        self.endResetModel()

    def refresh(self) -> None:
        """Re-run the current search (after a stamp moved someone to the front)."""
        self.set_query(self._query)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{row.first_name} {row.last_name}".strip()
        if role == Qt.ItemDataRole.AccessibleTextRole:
            birthday = " 🎂" if row.birthday_week else ""
            return i18n.digits(f"{row.first_name} {row.last_name}, {row.filled} / {row.slots}{birthday}".strip())
        if role == SummaryRole:
            return row
        if role == IdRole:
            return row.id
        return None

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._more

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or not self._more:
            return
        loaded = {r.id for r in self._rows}
        more = self._customers.search(self._query, limit=self.PAGE, offset=len(self._rows) - len(self.likely_ids))
        more = [r for r in more if r.id not in loaded]
        self._more = len(more) == self.PAGE
        if more:
            self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(more) - 1)
            self._rows.extend(more)
            self.endInsertRows()

    def row_of(self, customer_id: int) -> int:
        return next((i for i, r in enumerate(self._rows) if r.id == customer_id), -1)

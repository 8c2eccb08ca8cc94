"""The tile grid's model: regulars matching the search, fetched a page at a time."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any

from cafe_loyalty_ui import i18n
from PySide6.QtCore import QAbstractListModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt

from cafe_loyalty.services.views import CustomerSummary
from cafe_loyalty.till import Till

SummaryRole = Qt.ItemDataRole.UserRole + 1
IdRole = Qt.ItemDataRole.UserRole + 2

Index = QModelIndex | QPersistentModelIndex


def _recency(row: CustomerSummary) -> tuple[bool, dt.datetime, int]:
    """The search's order (``last_seen_at DESC, id DESC``, never-seen last) as a sort key."""
    return (row.last_seen_at is not None, row.last_seen_at or dt.datetime.min, row.id)


Query = Callable[..., None]  # Operations.query: (fn, *args, on_done=...) on the database thread


class CustomerListModel(QAbstractListModel):
    """Holds the rows of the current search; the view asks for more as it scrolls, so ten
    thousand regulars cost one page of work, not ten thousand tiles.

    Every read runs on the database thread through ``query``; an answer to a search the
    barista has since typed past is dropped. After a write only the rows it touched are
    fetched again (:meth:`update_rows`): a stamp repaints one tile, and tiles never jump
    under the barista's finger: the one just served moves to the front, as one row move."""

    PAGE = 120

    def __init__(self, customers: Till, query: Query, parent: Any = None, likely_now: Any = None):
        super().__init__(parent)
        self._customers = customers
        self._query_fn = query
        self._likely_now = likely_now  # () -> customer ids; shown first when nothing is typed
        self.likely_ids: list[int] = []
        self._query = ""
        self._generation = 0  # bumped by every new search; older answers are stale
        self._rows: list[CustomerSummary] = []
        self._more = False
        self._fetching = False
        # One search on the database thread at a time, and only the newest text waiting behind
        # it: a card scanner types 16 keys in a burst, and 16 queued searches would hold up the
        # scan's own lookup behind them (560 ms at 100,000 regulars).
        self._searching = False
        self._waiting: str | None = None

    def set_query(self, text: str) -> None:
        self._generation += 1
        if self._searching:
            self._waiting = text
            return
        self._start(text)

    def _start(self, text: str) -> None:
        self._searching = True
        generation = self._generation
        likely = list(self._likely_now()) if not text.strip() and self._likely_now is not None else []
        self._query_fn(
            self._first_page,
            text,
            likely,
            on_done=lambda found: self._got_page(generation, text, likely, found),
            on_error=lambda _error: self._search_over() and False,  # reported as usual, after the next starts
        )

    def _search_over(self) -> bool:
        """The search in flight has answered: start the one that waited, if any."""
        self._searching = False
        text, self._waiting = self._waiting, None
        if text is not None:
            self._start(text)
        return True

    def _first_page(self, text: str, likely: list[int]) -> tuple[list[CustomerSummary], bool]:
        """On the database thread: the first page and whether there is more. With nothing
        typed, the regulars who usually come about now go first."""
        rows = self._customers.search(text, limit=self.PAGE)
        more = len(rows) == self.PAGE
        if likely:
            chosen = set(likely)
            rows = self._customers.summaries(likely) + [r for r in rows if r.id not in chosen]
        return rows, more

    def _got_page(
        self, generation: int, text: str, likely: list[int], found: tuple[list[CustomerSummary], bool]
    ) -> None:
        self._search_over()
        if generation != self._generation:
            return
        self.beginResetModel()
        self._query = text
        self.likely_ids = likely
        self._rows, self._more = found
        self._fetching = False
        self.endResetModel()

    def shows(self, text: str) -> bool:
        """Whether the tiles are the answer to ``text``, with no search still on its way."""
        return self._query == text and not self._searching and self._waiting is None

    def refresh(self) -> None:
        """Re-run the current search (new regulars, a restore, a new "likely now" order)."""
        self.set_query(self._query)

    def update_rows(self, ids: Iterable[int]) -> None:
        """Fetch again only these regulars' tiles; one that is gone (forgotten) leaves."""
        shown = [i for i in ids if self.row_of(i) >= 0]
        if shown:
            generation = self._generation
            self._query_fn(
                self._customers.summaries, shown, on_done=lambda rows: self._got_rows(generation, shown, rows)
            )

    def _got_rows(self, generation: int, asked: list[int], rows: list[CustomerSummary]) -> None:
        if generation != self._generation:
            return
        found = {r.id: r for r in rows}
        for customer_id in asked:
            row = self.row_of(customer_id)
            if row < 0:
                continue
            if customer_id in found:
                self._rows[row] = found[customer_id]
                index = self.index(row)
                self.dataChanged.emit(index, index)
                self._keep_order(row)
            else:
                self.beginRemoveRows(QModelIndex(), row, row)
                del self._rows[row]
                self.endRemoveRows()

    def _keep_order(self, row: int) -> None:
        """Move a regular just seen to where the search order puts them (most recent first),
        as one row move: the view animates nothing and keeps every other tile."""
        first = len(self.likely_ids)  # "likely now" tiles keep their places at the front
        if row < first:
            return
        key = _recency(self._rows[row])
        target = first
        while target < row and _recency(self._rows[target]) > key:
            target += 1
        if target < row:
            self.beginMoveRows(QModelIndex(), row, row, QModelIndex(), target)
            self._rows.insert(target, self._rows.pop(row))
            self.endMoveRows()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{row.first_name} {row.last_name}".strip()
        if role == Qt.ItemDataRole.AccessibleTextRole:  # "Sara Ahmadi, 6 of 10 stamps, birthday this week"
            parts = [
                f"{row.first_name} {row.last_name}".strip(),
                i18n.numbers(
                    QCoreApplication.translate("CustomerListModel", "{0} of {1} stamps"), row.filled, row.slots
                ),
            ]
            if row.birthday_week:
                parts.append(QCoreApplication.translate("CustomerListModel", "birthday this week"))
            return i18n.list_separator().join(parts)
        if role == SummaryRole:
            return row
        if role == IdRole:
            return row.id
        return None

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._more and not self._fetching

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or not self._more or self._fetching:
            return
        self._fetching = True
        generation = self._generation
        offset = len(self._rows) - len(self.likely_ids)
        self._query_fn(
            self._customers.search,
            self._query,
            self.PAGE,
            offset,
            on_done=lambda more: self._got_more(generation, more),
        )

    def _got_more(self, generation: int, more: list[CustomerSummary]) -> None:
        if generation != self._generation:
            return
        self._fetching = False
        loaded = {r.id for r in self._rows}
        self._more = len(more) == self.PAGE
        more = [r for r in more if r.id not in loaded]
        if more:
            self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(more) - 1)
            self._rows.extend(more)
            self.endInsertRows()

    def row_of(self, customer_id: int) -> int:
        return next((i for i, r in enumerate(self._rows) if r.id == customer_id), -1)

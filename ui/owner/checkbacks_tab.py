"""Owner ▸ Check-backs: what regulars thought of what is new on the menu, and how often the team
checked back, week by week: encouragement, listed in staff order, never ranked."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from cafe_loyalty_ui import i18n
from cafe_loyalty_ui.owner.screen import OwnerTab
from cafe_loyalty_ui.widgets import save_dialog
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
)

from cafe_loyalty.services.checkbacks import NewItem, StaffWeek


class RowsModel(QAbstractTableModel):
    """A read-only table of rows already worded for the screen."""

    def __init__(self, headers: Callable[[], list[str]], parent: Any = None):
        super().__init__(parent)
        self._headers = headers
        self.cells: list[list[str]] = []

    def set_cells(self, cells: Sequence[list[str]]) -> None:
        self.beginResetModel()
        self.cells = list(cells)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.cells)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers())

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._headers()[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.isValid() and role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.cells[index.row()][index.column()]  # the tooltip: a long cell in full
        return None


def rows_table(model: RowsModel, wrap_last: bool = False) -> QTableView:
    """``wrap_last``: the last column (a reason, say) wraps inside its width and each row is as
    tall as its text, so it reads in full instead of ending in "…"."""
    table = QTableView()
    table.setModel(model)
    table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    table.verticalHeader().hide()
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    if wrap_last:
        table.setWordWrap(True)
        table.setTextElideMode(Qt.TextElideMode.ElideNone)
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        last = model.columnCount() - 1
        table.horizontalHeader().setSectionResizeMode(last, QHeaderView.ResizeMode.Stretch)
    return table


class CheckBacksTab(OwnerTab):
    areas = ("feedback", "menu", "staff")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.file_dialog: QFileDialog | None = None
        v = QVBoxLayout(self)
        v.addWidget(self.result)
        v.addWidget(QLabel(self.tr("NEW ON THE MENU"), objectName="sectionTitle"))
        self.items_model = RowsModel(
            lambda: [
                self.tr("Item"),
                self.tr("Added"),
                self.tr("Tried by"),
                self.tr("Liked"),
                self.tr("Had it again"),
            ],
            self,
        )
        self.items = rows_table(self.items_model)
        v.addWidget(self.items, 1)
        self.items_empty = QLabel(self.tr("Nothing was added to the menu in the last six months."), objectName="hint")
        v.addWidget(self.items_empty)
        v.addWidget(QLabel(self.tr("CHECK-BACKS, WEEK BY WEEK"), objectName="sectionTitle"))
        self.weeks_model = RowsModel(lambda: [self.tr("Who"), self.tr("Week of"), self.tr("Check-backs")], self)
        self.weeks = rows_table(self.weeks_model)
        v.addWidget(self.weeks, 1)
        self.weeks_total = QLabel(objectName="hint")
        self.weeks_total.setWordWrap(True)
        v.addWidget(self.weeks_total)
        row = QHBoxLayout()
        row.addStretch(1)
        self.export_items_button = QPushButton(self.tr("Export new items as CSV…"))
        self.export_weeks_button = QPushButton(self.tr("Export check-backs as CSV…"))
        self.export_items_button.clicked.connect(lambda: self._ask_file("new-on-the-menu.csv", "items"))
        self.export_weeks_button.clicked.connect(lambda: self._ask_file("check-backs.csv", "weeks"))
        row.addWidget(self.export_items_button)
        row.addWidget(self.export_weeks_button)
        for button in (self.export_items_button, self.export_weeks_button):
            button.setVisible(not self.managing)  # files of the chain's data are the owner's
        v.addLayout(row)
        self.reload()

    def reload(self) -> None:
        self._ops.query(self._cafe.checkbacks.new_items, 6, self.scope, on_done=self._got_items)
        self._ops.query(self._cafe.checkbacks.by_staff, 8, self.scope, on_done=self._got_weeks)

    def _got_items(self, items: list[NewItem]) -> None:
        self.items_model.set_cells(
            [
                [
                    i.name,
                    i18n.date_text(i.added.date()),
                    i18n.number(i.tried),
                    i18n.numbers(self.tr("{0} of {1} asked"), i.liked, i.answered) if i.answered else "—",
                    i18n.number(i.again),
                ]
                for i in items
            ]
        )
        self.items_empty.setVisible(not items)

    def _got_weeks(self, weeks: list[StaffWeek]) -> None:
        self.weeks_model.set_cells([[w.staff, i18n.date_text(w.week_of), i18n.number(w.checkbacks)] for w in weeks])
        total = sum(w.checkbacks for w in weeks)
        self.weeks_total.setText(
            i18n.numbers(self.tr("The team checked back {0} times in the last eight weeks. Thank you!"), total)
            if total
            else self.tr("No check-backs yet: the till shows whom to ask a little after serving.")
        )

    def _ask_file(self, name: str, which: str) -> None:
        self.file_dialog = save_dialog(self, self.tr("Export as CSV"), name, "csv")
        self.file_dialog.fileSelected.connect(lambda path: self.export(which, path))
        self.file_dialog.open()

    def export(self, which: str, path: str) -> None:
        save = self._cafe.checkbacks.save_new_items if which == "items" else self._cafe.checkbacks.save_by_staff
        self.act(save, path, writes=False, on_done=self._saved)

    def _saved(self, path: Path) -> None:
        self.result.say(self.tr("Saved {0}.").format(i18n.isolate(str(path))))

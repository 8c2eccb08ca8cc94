"""Customer menu ▸ Merge a duplicate into this regular…: search for the other record, read the
rule, merge (owner only; the core checks and does it in one transaction)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QLineEdit, QListView, QPushButton, QVBoxLayout, QWidget

from cafe_loyalty.app import Cafe
from cafe_loyalty.services.merging import MergeResult
from cafe_loyalty.services.views import CustomerSummary

from . import i18n, theme
from .operations import Operations
from .widgets import Banner, RowsListModel


def merged_text(result: MergeResult) -> str:
    """What a merge did, for the banner of whichever screen asked for it."""
    return i18n.numbers(
        QCoreApplication.translate("MergeDialog", "Merged: {0} stamp(s) moved; the card is {1} of {2}."),
        result.stamps_moved,
        result.card.filled,
        result.card.slots,
    )


class FoundModel(RowsListModel):
    """Regulars found by the search (not the one being kept)."""

    rows: list[CustomerSummary]

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            name = f"{row.first_name} {row.last_name}".strip()
            return i18n.numbers(
                "{0} (#{1})  {2}" + i18n.sep() + "{3}/{4}", name, row.id, row.phone, row.filled, row.slots
            )
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        return None


class MergeDialog(QDialog):
    merged = Signal(object)  # MergeResult

    def __init__(self, cafe: Cafe, ops: Operations, keep_id: int, keep_name: str, owner_id: int, parent: QWidget):
        super().__init__(parent)
        self._cafe, self._ops, self.keep_id, self._owner = cafe, ops, keep_id, owner_id
        self.setWindowTitle(self.tr("Merge a duplicate into {0}").format(i18n.isolate(keep_name)))
        v = QVBoxLayout(self)
        rule = QLabel(
            self.tr(
                "Find the other record of {0}. Every earned stamp, visit, reward, feedback and treat moves to {0}; "
                "the head start is not counted twice; if the stamps fill the card it is ready to redeem and the rest "
                "start the next card. The other printed card will open {0}."
            ).format(i18n.isolate(keep_name)),
            objectName="hint",
        )
        rule.setWordWrap(True)
        v.addWidget(rule)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search a name, phone or card code…"))
        self.search.setAccessibleName(self.tr("Search the other record"))
        self.search.textChanged.connect(self._search)
        v.addWidget(self.search)
        self.model = FoundModel(self)
        self.found = QListView()
        self.found.setModel(self.model)
        v.addWidget(self.found, 1)
        self.banner = Banner()
        v.addWidget(self.banner)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        cancel = QPushButton(self.tr("Cancel"))
        cancel.clicked.connect(self.reject)
        self.merge_button = QPushButton(self.tr("Merge into {0}").format(i18n.isolate(keep_name)))
        theme.set_kind(self.merge_button, "primary")
        self.merge_button.clicked.connect(self.merge)
        buttons.addWidget(cancel)
        buttons.addWidget(self.merge_button)
        v.addLayout(buttons)
        self.resize(560, 460)
        self._search("")

    def _search(self, text: str) -> None:
        keep = self.keep_id
        self._ops.query(
            self._cafe.customers.search,
            text,
            50,
            on_done=lambda rows: self.model.set_rows([r for r in rows if r.id != keep]),
        )

    def merge(self) -> None:
        index = self.found.currentIndex()
        if not index.isValid():
            self.banner.say(self.tr("Choose the other record first."), "warn")
            return

        def done(result: MergeResult) -> None:
            self.merged.emit(result)
            self.accept()

        other = index.data(Qt.ItemDataRole.UserRole)
        merge = self._cafe.merging.merge
        self._ops.run(merge, self.keep_id, other, by=self._owner, on_done=done, on_error=self.banner.said_error)

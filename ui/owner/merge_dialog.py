"""Merging two records of one regular (owner only; the core checks and does it in one
transaction): from the customer menu, search for the other record; from Owner ▸ Regulars, pick a
pair. Either way the preview dialog shows both records, the choices and the card afterwards."""

from __future__ import annotations

from typing import Any

from cafe_loyalty_ui import i18n, theme
from cafe_loyalty_ui.card_widget import StampCardWidget
from cafe_loyalty_ui.operations import Operations
from cafe_loyalty_ui.widgets import Banner, RowsListModel
from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from cafe_loyalty.app import Cafe
from cafe_loyalty.services.merging import MergePreview, MergeResult
from cafe_loyalty.services.views import CardView, CustomerSummary


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
        self.merge_button = _cancel_and(self, v, self.tr("Merge into {0}").format(i18n.isolate(keep_name)))
        self.merge_button.clicked.connect(self.merge)
        self.resize(560, 460)
        self.preview_dialog: MergePreviewDialog | None = None
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

        def previewed(preview: MergePreview) -> None:
            self.preview_dialog = MergePreviewDialog(self._cafe, self._ops, preview, self._owner, self)
            self.preview_dialog.merged.connect(self._merged)
            self.preview_dialog.open()

        other = index.data(Qt.ItemDataRole.UserRole)
        self._ops.query(
            self._cafe.merging.preview, self.keep_id, other, on_done=previewed, on_error=self.banner.said_error
        )

    def _merged(self, result: MergeResult) -> None:
        self.merged.emit(result)
        self.accept()


class MergePreviewDialog(QDialog):
    """Before a merge: both records side by side, which name, phone and notes to keep, and the
    kept regular's card as it will be, then Merge. Laid out, not a wall of text (#31)."""

    merged = Signal(object)  # MergeResult

    def __init__(self, cafe: Cafe, ops: Operations, preview: MergePreview, owner_id: int, parent: QWidget):
        super().__init__(parent)
        self._cafe, self._ops, self._owner, self.preview = cafe, ops, owner_id, preview
        keep, other = preview.keep, preview.other
        self.setWindowTitle(self.tr("Merge two records of one regular"))
        v = QVBoxLayout(self)
        grid = QGridLayout()
        grid.addWidget(QLabel(self.tr("KEEP"), objectName="sectionTitle"), 0, 1)
        grid.addWidget(QLabel(self.tr("MERGE INTO IT"), objectName="sectionTitle"), 0, 2)
        self.choices: dict[str, QButtonGroup] = {}
        rows = (
            ("name", self.tr("Name"), _name(keep), _name(other), False),
            ("phone", self.tr("Phone"), keep.phone, other.phone, False),
            ("notes", self.tr("Notes"), keep.notes, other.notes, True),
        )
        for row, (field, label, mine, theirs, both) in enumerate(rows, start=1):
            grid.addWidget(QLabel(label), row, 0)
            group = QButtonGroup(self)
            for column, (value, text) in enumerate((("keep", mine), ("other", theirs)), start=1):
                button = QRadioButton(text or self.tr("(empty)"))
                button.setEnabled(bool(text) or value == "keep")
                button.setProperty("choice", value)
                group.addButton(button)
                grid.addWidget(button, row, column)
            if both:
                join = QRadioButton(self.tr("Both, joined"))
                join.setProperty("choice", "both")
                group.addButton(join)
                grid.addWidget(join, row, 3)
            default = "both" if both and other.notes and keep.notes else ("keep" if mine or not theirs else "other")
            next(b for b in group.buttons() if b.property("choice") == default).setChecked(True)
            self.choices[field] = group
        v.addLayout(grid)
        v.addWidget(QLabel(self.tr("THE CARD AFTERWARDS"), objectName="sectionTitle"))
        self.card = StampCardWidget()
        self.card.set_card(
            CardView(
                id=0,
                customer_id=keep.id,
                code=keep.card.code,
                slots=preview.slots,
                head_start=preview.head_start,
                filled=preview.filled,
                status="active",
                issued_at=keep.card.issued_at,
            )
        )
        v.addWidget(self.card)
        moved = i18n.numbers(
            self.tr("{0} stamp(s) move to this card ({1} of {2})."), preview.stamps_moved, preview.filled, preview.slots
        )
        if preview.stamps_waiting:
            moved += " " + i18n.numbers(self.tr("{0} more start the next card."), preview.stamps_waiting)
        self.outcome = QLabel(moved, objectName="progressHint")
        self.outcome.setWordWrap(True)
        v.addWidget(self.outcome)
        rule = QLabel(
            self.tr(
                "Visits, rewards, feedback and treats move too; the head start is counted once; the other printed "
                "card opens this regular from now on."
            ),
            objectName="hint",
        )
        rule.setWordWrap(True)
        v.addWidget(rule)
        self.banner = Banner()
        v.addWidget(self.banner)
        self.merge_button = _cancel_and(self, v, self.tr("Merge"))
        self.merge_button.clicked.connect(self.merge)

    def chosen(self) -> dict[str, str]:
        return {field: group.checkedButton().property("choice") for field, group in self.choices.items()}

    def merge(self) -> None:
        def done(result: MergeResult) -> None:
            self.merged.emit(result)
            self.accept()

        self.merge_button.setEnabled(False)
        self._ops.run(
            self._cafe.merging.merge,
            self.preview.keep.id,
            self.preview.other.id,
            by=self._owner,
            choose=self.chosen(),
            on_done=done,
            on_error=lambda error: self.merge_button.setEnabled(True) or self.banner.said_error(error),
        )


def _name(customer: Any) -> str:
    return f"{customer.first_name} {customer.last_name}".strip()


def _cancel_and(dialog: QDialog, layout: QVBoxLayout, action: str) -> QPushButton:
    """Cancel and the dialog's one action, at the foot of ``layout``; returns the action."""
    buttons = QHBoxLayout()
    buttons.addStretch(1)
    cancel = QPushButton(QCoreApplication.translate("MergeDialog", "Cancel"))
    cancel.clicked.connect(dialog.reject)
    button = QPushButton(action)
    theme.set_kind(button, "primary")
    buttons.addWidget(cancel)
    buttons.addWidget(button)
    layout.addLayout(buttons)
    return button

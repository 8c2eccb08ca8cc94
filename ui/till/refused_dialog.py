"""Stamps to decide (issue #18): stamps this till kept while the server was away, which the
server then refused (another till had stamped the card within the guard, or filled it). Nothing
is dropped without the owner: for each, add it after all (a forced stamp) or drop it; both are
audited on the server (``ReplicaTill.keep`` / ``drop``)."""

from __future__ import annotations

from typing import Any

from cafe_loyalty_ui import i18n, theme
from cafe_loyalty_ui.dialogs.common import ClosingDialog
from cafe_loyalty_ui.operations import Operations
from cafe_loyalty_ui.widgets import Banner, RowsListModel
from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QListView, QPushButton, QVBoxLayout, QWidget

from cafe_loyalty.till import QueuedStamp, Till


class RefusedModel(RowsListModel):
    """One line per refused stamp: who, when, and why the server refused it."""

    rows: list[QueuedStamp]

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        stamp = self.rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return f"{stamp.name}{i18n.sep()}{i18n.when(stamp.at)}\n{i18n.error_text(stamp.refusal())}"
        if role == Qt.ItemDataRole.UserRole:
            return stamp.ref
        return None


class RefusedDialog(ClosingDialog):
    """Lists the refused stamps; the owner adds or drops the one chosen."""

    decided = Signal()

    def __init__(self, till: Till, ops: Operations, owner_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self._till, self._ops, self._owner = till, ops, owner_id
        self.setWindowTitle(self.tr("Stamps to decide"))
        v = QVBoxLayout(self)
        hint = QLabel(
            self.tr(
                "These stamps were made on this till while the server was away. When they were sent, the server "
                "refused them: another till had stamped the card meanwhile, or filled it. Add each one after all "
                "(it is marked as forced) or drop it. Either way it is kept in the audit log."
            ),
            objectName="hint",
        )
        hint.setWordWrap(True)
        v.addWidget(hint)
        self.model = RefusedModel(self)
        self.list = QListView()
        self.list.setModel(self.model)
        self.list.setWordWrap(True)
        self.list.setAccessibleName(self.tr("Refused stamps"))
        v.addWidget(self.list, 1)
        self.banner = Banner()
        v.addWidget(self.banner)
        buttons = QHBoxLayout()
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.accept)
        self.drop_button = QPushButton(self.tr("Drop it"))
        self.drop_button.clicked.connect(lambda: self._decide(keep=False))
        self.keep_button = QPushButton(self.tr("Add it anyway"))
        theme.set_kind(self.keep_button, "primary")
        self.keep_button.clicked.connect(lambda: self._decide(keep=True))
        buttons.addWidget(close)
        buttons.addStretch(1)
        buttons.addWidget(self.drop_button)
        buttons.addWidget(self.keep_button)
        v.addLayout(buttons)
        self.resize(theme.px(600), theme.px(420))
        self.load()

    def load(self) -> None:
        self._ops.query(self._till.refused, on_done=self._got)

    def _got(self, rows: list[QueuedStamp]) -> None:
        self.model.set_rows(rows)
        if rows:
            self.list.setCurrentIndex(self.model.index(0))
        for button in (self.keep_button, self.drop_button):
            button.setEnabled(bool(rows))

    def _decide(self, keep: bool) -> None:
        index = self.list.currentIndex()
        if not index.isValid():
            self.banner.say(self.tr("Choose a stamp first."), "warn")
            return
        ref = index.data(Qt.ItemDataRole.UserRole)

        def done(_result: object) -> None:
            self.banner.say(self.tr("Added to the card.") if keep else self.tr("Dropped; the audit log keeps it."))
            self.decided.emit()
            self.load()

        self._ops.run(
            self._till.keep if keep else self._till.drop,
            ref,
            by=self._owner,
            on_done=done,
            on_error=self.banner.said_error,
        )

"""Owner ▸ Branches: the chain's cafés, and which one this till stands in (issue #34).

A single café sees one branch here, named after it; adding a second makes it a chain, and from
then on the till shows its branch beside the café's name and every stamp says where it was made.
"""

from __future__ import annotations

from typing import Any

from cafe_loyalty_ui import i18n, theme
from cafe_loyalty_ui.owner.screen import OwnerTab
from cafe_loyalty_ui.widgets import RowsListModel, selected_row
from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QVBoxLayout,
)

from cafe_loyalty.services.branches import BranchView


class BranchListModel(RowsListModel):
    """The branches, this till's marked."""

    here: int | None = None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        branch: BranchView = self.rows[index.row()]
        mark = i18n.sep() + self.tr("this till") if branch.id == self.here else ""
        return (
            f"{i18n.isolate(branch.name)}{i18n.sep()}"
            + self.tr("since {0}").format(i18n.date_text(branch.created_at.date()))
            + mark
        )


class BranchesTab(OwnerTab):
    areas = ("branches",)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        v = QVBoxLayout(self)
        hint = QLabel(
            self.tr(
                "A chain's regulars and their cards are shared: a card stamped in one branch shows the same "
                "progress in every other. Each till records where it stands."
            ),
            objectName="hint",
        )
        hint.setWordWrap(True)
        v.addWidget(hint)
        self.model = BranchListModel(self)
        self.branch_list = QListView(objectName="history")
        self.branch_list.setModel(self.model)
        v.addWidget(self.branch_list, 1)
        form = QFormLayout()
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("e.g. Riverside"))
        form.addRow(self.tr("Branch name"), self.name)
        self.here_choice = QComboBox()
        form.addRow(self.tr("This till is at"), self.here_choice)
        v.addLayout(form)
        v.addWidget(self.result)
        row = QHBoxLayout()
        self.rename_button = QPushButton(self.tr("Rename selected"))
        self.here_button = QPushButton(self.tr("Stand this till here"))
        self.add_button = QPushButton(self.tr("Add branch"))
        theme.set_kind(self.add_button, "primary")
        row.addStretch(1)
        for button in (self.rename_button, self.here_button, self.add_button):
            row.addWidget(button)
        v.addLayout(row)
        self.add_button.clicked.connect(self.add_branch)
        self.rename_button.clicked.connect(self.rename_branch)
        self.here_button.clicked.connect(self.stand_here)
        self.reload()

    def reload(self) -> None:
        cafe = self._cafe
        self._ops.query(lambda: (cafe.branches.list(), cafe.here.id), on_done=self._got)

    def _got(self, found: tuple[list[BranchView], int | None]) -> None:
        branches, here = found
        self.model.here = here
        self.model.set_rows(branches)
        self.here_choice.clear()
        for branch in branches:
            self.here_choice.addItem(branch.name, branch.id)
        self.here_choice.setCurrentIndex(max(0, self.here_choice.findData(here)))

    def add_branch(self) -> None:
        def done(branch: BranchView) -> None:
            self.name.clear()
            self.result.say(self.tr("{0} added.").format(i18n.isolate(branch.name)), "ok")

        self.act(self._cafe.branches.add, self.name.text(), on_done=done)

    def rename_branch(self) -> None:
        row = selected_row(self.branch_list, self.result, self.tr("Choose a branch in the list first."))
        if row is None:
            return
        branch: BranchView = self.model.rows[row]

        def done(renamed: BranchView) -> None:
            self.name.clear()
            self.result.say(self.tr("{0} is now called {1}.").format(branch.name, renamed.name), "ok")

        self.act(self._cafe.branches.rename, branch.id, self.name.text(), on_done=done)

    def stand_here(self) -> None:
        """This till's branch is its own preference (kept on this computer), not the café's."""
        chosen = self.here_choice.currentData()
        if chosen is None:
            return

        def done(_result: Any) -> None:
            self.result.say(self.tr("This till is now at {0}.").format(self.here_choice.currentText()), "ok")
            self.reload()

        self._ops.run(self._cafe.choose_branch, chosen, writes=False, on_done=done, on_error=self.failed)

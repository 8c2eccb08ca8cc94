"""Owner ▸ Staff: who works the till, and the PINs that open this screen."""

from __future__ import annotations

from cafe_loyalty_ui import i18n, theme
from cafe_loyalty_ui.owner.screen import OwnerTab
from cafe_loyalty_ui.widgets import PinPair, selected_row
from PySide6.QtCore import QStringListModel
from PySide6.QtWidgets import QComboBox, QFormLayout, QHBoxLayout, QLineEdit, QListView, QPushButton, QVBoxLayout

from cafe_loyalty.services.staff import StaffView


class StaffTab(OwnerTab):
    areas = ("staff",)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._staff: list[StaffView] = []
        v = QVBoxLayout(self)
        self.staff_model = QStringListModel(self)
        self.staff_list = QListView()
        self.staff_list.setModel(self.staff_model)
        self.staff_list.setObjectName("history")
        v.addWidget(self.staff_list, 1)
        form = QFormLayout()
        self.staff_name = QLineEdit()
        self.staff_role = QComboBox()
        self.staff_role.addItem(self.tr("Barista"), "barista")
        if not self.managing:  # a branch manager adds baristas to their branch
            self.staff_role.addItem(self.tr("Branch manager"), "manager")
            self.staff_role.addItem(self.tr("Owner"), "owner")
        # A chain's owner says where someone works (shown once there is a second branch).
        self.staff_branch = QComboBox()
        form.addRow(self.tr("Name"), self.staff_name)
        form.addRow(self.tr("Role"), self.staff_role)
        form.addRow(self.tr("Branch"), self.staff_branch)
        self._branch_row = form.rowCount() - 1
        form.setRowVisible(self._branch_row, False)
        self._form = form
        self.pins = PinPair(form, self.tr("PIN"), self.tr("Owners need one; baristas don't"), self)
        self.staff_pin, self.staff_pin_again = self.pins.pin, self.pins.again
        v.addLayout(form)
        v.addWidget(self.result)
        row = QHBoxLayout()
        self.set_pin_button = QPushButton(self.tr("Set PIN of selected"))
        self.add_staff_button = QPushButton(self.tr("Add staff member"))
        theme.set_kind(self.add_staff_button, "primary")
        row.addStretch(1)
        row.addWidget(self.set_pin_button)
        row.addWidget(self.add_staff_button)
        v.addLayout(row)
        self.add_staff_button.clicked.connect(self.add_staff)
        self.set_pin_button.clicked.connect(self.set_pin)
        self.reload()

    def reload(self) -> None:
        cafe, scope = self._cafe, self.scope
        self._ops.query(lambda: (cafe.staff.list(scope), cafe.branches.list()), on_done=self._got_staff)

    def _got_staff(self, found: tuple[list[StaffView], list]) -> None:
        self._staff, branches = found
        names = {b.id: b.name for b in branches}
        chain = len(branches) > 1
        role = {"owner": self.tr("owner"), "barista": self.tr("barista"), "manager": self.tr("branch manager")}
        self.staff_model.setStringList(
            [
                f"{s.name}{i18n.sep()}{role[s.role]}"
                + (i18n.sep() + i18n.isolate(names.get(s.branch_id or 0, "")) if chain else "")
                + (i18n.sep() + self.tr("PIN") if s.has_pin else "")
                for s in self._staff
            ]
        )
        if not self.managing:
            chosen = self.staff_branch.currentData()
            self.staff_branch.clear()
            for branch in branches:
                self.staff_branch.addItem(branch.name, branch.id)
            self.staff_branch.setCurrentIndex(max(0, self.staff_branch.findData(chosen)))
            self._form.setRowVisible(self._branch_row, chain)

    def add_staff(self) -> None:
        def done(person: StaffView) -> None:
            self.staff_name.clear()
            self.pins.clear()
            self.result.say(self.tr("{0} added.").format(i18n.isolate(person.name)), "ok")

        pin = self._typed_pin()
        if pin is not None:
            where = self.scope if self.managing else self.staff_branch.currentData()
            self.act(
                self._cafe.staff.add,
                self.staff_name.text(),
                self.staff_role.currentData(),
                pin or None,
                branch=where,
                on_done=done,
            )

    def set_pin(self) -> None:
        row = selected_row(self.staff_list, self.result, self.tr("Choose someone in the list first."))
        if row is None:
            return
        person = self._staff[row]

        def done(_view: StaffView) -> None:
            self.pins.clear()
            self.result.say(self.tr("PIN set for {0}.").format(i18n.isolate(person.name)), "ok")

        pin = self._typed_pin()
        if pin is not None:
            self.act(self._cafe.staff.set_pin, person.id, pin, on_done=done)

    def _typed_pin(self) -> str | None:
        """The PIN typed twice, or None (and why, in the banner) when the two differ."""
        pin = self.pins.text()
        if pin is None:
            self.result.say(self.pins.mismatch(), "error")
        return pin

"""The owner's screen, behind the owner PIN: one tab per area, each in its own module.

Every action is a service call on the worker as the unlocked owner; the core checks the
owner's right to it, validates the input and writes the audit log."""

from __future__ import annotations

from cafe_loyalty_ui import i18n
from cafe_loyalty_ui.dialogs.common import ClosingDialog
from cafe_loyalty_ui.operations import Operations
from cafe_loyalty_ui.owner.backup_tab import BackupTab
from cafe_loyalty_ui.owner.branches_tab import BranchesTab
from cafe_loyalty_ui.owner.checkbacks_tab import CheckBacksTab
from cafe_loyalty_ui.owner.customer_side_tab import CustomerSideTab
from cafe_loyalty_ui.owner.menu_tab import MenuTab
from cafe_loyalty_ui.owner.programme_tab import ProgrammeTab
from cafe_loyalty_ui.owner.regulars_tab import RegularsTab
from cafe_loyalty_ui.owner.screen import OwnerTab
from cafe_loyalty_ui.owner.sections import Sections
from cafe_loyalty_ui.owner.settings_tab import SettingsTab
from cafe_loyalty_ui.owner.staff_tab import StaffTab
from cafe_loyalty_ui.widgets import Banner, guard_wheels
from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QFrame, QLabel, QMessageBox, QPushButton, QScrollArea, QVBoxLayout, QWidget

from cafe_loyalty.app import Cafe
from cafe_loyalty.changes import Changes
from cafe_loyalty.page.mdns import local_addresses
from cafe_loyalty.services.staff import StaffView


class OwnerDialog(ClosingDialog):
    """Follows ``ops.changed`` once and hands each change to the tabs, which reload their own
    area: a restore, a new staff member or a menu change elsewhere shows up here too."""

    def __init__(self, cafe: Cafe, ops: Operations, owner: StaffView, parent: QWidget | None = None):
        super().__init__(parent)
        self._cafe = cafe
        self._ops = ops
        self.owner = owner
        self._closing = False  # set once the owner chose to close over unsaved changes
        self.unsaved_box: QMessageBox | None = None
        self.setWindowTitle(self.tr("Owner"))
        self.setMinimumSize(640, 560)
        # The sidebar takes about 200 px: the sections keep the 900 they had as tabs, where the
        # screen has room (a 1366-wide counter screen does).
        self.resize(1120, 680)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        title = self.tr("Branch manager · {0}") if owner.role == "manager" else self.tr("Owner · {0}")
        layout.addWidget(QLabel(title.format(i18n.isolate(owner.name)), objectName="dialogTitle"))
        self.pin_warning = Banner()
        layout.addWidget(self.pin_warning)
        self.tabs = Sections()  # a sidebar: nine sections fit at any text size, in both languages
        layout.addWidget(self.tabs, 1)
        self.staff = StaffTab(cafe, ops, owner)
        self.checkbacks = CheckBacksTab(cafe, ops, owner)
        if owner.role == "manager":
            # Their branch's staff, check-backs and figures; nothing of the chain's (issue #34).
            self.owner_tabs: list[OwnerTab] = [self.staff, self.checkbacks]
            sections = [(self.tr("Staff"), "users"), (self.tr("Check-backs"), "note")]
        else:
            self.backup = BackupTab(cafe, ops, owner)
            self.settings = SettingsTab(cafe, ops, owner)
            self.branches = BranchesTab(cafe, ops, owner)
            self.menu = MenuTab(cafe, ops, owner)
            self.regulars = RegularsTab(cafe, ops, owner)
            self.customer_side = CustomerSideTab(cafe, ops, owner, addresses=local_addresses())
            self.owner_tabs = [
                self.backup,
                self.settings,
                self.staff,
                self.menu,
                self.regulars,
                self.checkbacks,
                self.customer_side,
            ]
            sections = [
                (self.tr("Backup"), "archive"),
                (self.tr("Settings"), "sliders"),
                (self.tr("Staff"), "users"),
                (self.tr("Menu"), "coffee"),
                (self.tr("Regulars"), "star"),
                (self.tr("Check-backs"), "note"),
                (self.tr("Customer side"), "monitor"),
            ]
        for tab, (title, icon) in zip(self.owner_tabs, sections, strict=True):
            self.tabs.addTab(self._scrolling(tab), title, icon)
        self.programme = ProgrammeTab(cafe, ops, owner)
        self.programme_scroll = self._scrolling(self.programme)
        self.tabs.addTab(self.programme_scroll, self.tr("Programme"), "chart")
        self.owner_tabs.append(self.programme)
        if owner.role != "manager":  # the chain's shape: the owner's, last (a single café rarely needs it)
            self.tabs.addTab(self._scrolling(self.branches), self.tr("Branches"), "store")
            self.owner_tabs.append(self.branches)
        self.tabs.currentChanged.connect(self._tab_shown)
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.clicked.connect(self.accept)
        layout.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignRight)
        # Dropped when the dialog closes (ClosingDialog.done): nothing here outlives it.
        if owner.role != "manager":
            self.follow(ops.progress, self.backup.show_progress)
        self.follow(ops.changed, self._data_changed)
        self._check_pin()
        guard_wheels(self)

    def showEvent(self, event) -> None:
        """No larger than the screen it opens on (a small counter screen)."""
        screen = self.screen()
        if screen is not None:
            room = screen.availableGeometry().size() - QSize(40, 60)
            if self.width() > room.width() or self.height() > room.height():
                self.resize(self.size().boundedTo(room))
        super().showEvent(event)

    @staticmethod
    def _scrolling(tab: QWidget) -> QScrollArea:
        """Qt opens a dialog at most two thirds of the screen high: on a 768-pixel counter
        screen a tab scrolls rather than squeezing its fields until their text is cut off."""
        area = QScrollArea()
        area.setWidget(tab)
        area.setWidgetResizable(True)
        area.setFrameShape(QFrame.Shape.NoFrame)
        area.setObjectName("tabScroll")  # transparent in the theme: the tab's own panel shows
        return area

    def _check_pin(self) -> None:
        def known(pin_set: bool) -> None:
            self.pin_warning.say(
                self.tr("No owner PIN is set: anyone at the till can open this screen. Set one under Staff."), "warn"
            )
            self.pin_warning.setVisible(not pin_set)

        self._ops.query(self._cafe.staff.owner_pin_set, on_done=known)

    def _data_changed(self, changes: Changes) -> None:
        for tab in self.owner_tabs:
            tab.follow(changes)
        if changes.area("staff"):
            self._check_pin()

    # -- closing over unsaved changes ------------------------------------------------------

    def done(self, result: int) -> None:
        """Close, Esc or the window's own close: a section with changes not yet saved asks
        Save / Discard / Cancel first (ticking "Serve the phone page" and pressing Close once
        saved nothing, silently)."""
        dirty = [tab for tab in self.owner_tabs if tab.unsaved()]
        if not dirty or self._closing:
            super().done(result)
            return
        names = i18n.list_separator().join(self.tabs.tabText(self.owner_tabs.index(tab)) for tab in dirty)
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("Unsaved changes"),
            self.tr("You changed {0} and did not save.").format(names),
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setInformativeText(self.tr("Save the changes before closing?"))
        box.setDefaultButton(QMessageBox.StandardButton.Save)
        box.button(QMessageBox.StandardButton.Save).setText(self.tr("Save"))
        box.button(QMessageBox.StandardButton.Discard).setText(self.tr("Discard changes"))
        box.button(QMessageBox.StandardButton.Cancel).setText(self.tr("Keep editing"))
        box.finished.connect(lambda _code: self._unsaved_answer(box.standardButton(box.clickedButton()), dirty, result))
        self.unsaved_box = box
        box.open()

    def _unsaved_answer(self, answer: QMessageBox.StandardButton, dirty: list[OwnerTab], result: int) -> None:
        self.unsaved_box = None
        if answer == QMessageBox.StandardButton.Discard:
            self._close_now(result)
            return
        if answer != QMessageBox.StandardButton.Save:  # Cancel, or the box closed: keep editing
            self.tabs.setCurrentIndex(self.owner_tabs.index(dirty[0]))
            return
        waiting = {id(tab) for tab in dirty}
        failed: list[OwnerTab] = []

        def saved(tab: OwnerTab, ok: bool) -> None:
            waiting.discard(id(tab))
            if not ok:
                failed.append(tab)
            if waiting:
                return
            if failed:  # the reason is in that section's banner: show it, stay open
                self.tabs.setCurrentIndex(self.owner_tabs.index(failed[0]))
            else:
                self._close_now(result)

        for tab in dirty:
            tab.save_changes(lambda ok, tab=tab: saved(tab, ok))

    def discard_and_close(self) -> None:
        """The till is being made again (a new language or colours were just saved here)."""
        self._close_now(0)

    def _close_now(self, result: int) -> None:
        self._closing = True
        super().done(result)

    def _tab_shown(self, index: int) -> None:
        if self.tabs.widget(index) is self.programme_scroll and self.programme.report is None:
            self.programme.refresh()

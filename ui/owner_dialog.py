"""The owner's screen, behind the owner PIN: one tab per area, each in its own module.

Every action is a service call on the worker as the unlocked owner; the core checks the
owner's right to it, validates the input and writes the audit log."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QPushButton, QScrollArea, QTabWidget, QVBoxLayout, QWidget

from cafe_loyalty.app import Cafe
from cafe_loyalty.changes import Changes
from cafe_loyalty.mdns import local_addresses
from cafe_loyalty.services.staff import StaffView

from .backup_tab import BackupTab
from .checkbacks_tab import CheckBacksTab
from .customer_side_tab import CustomerSideTab
from .dialogs import ClosingDialog
from .menu_tab import MenuTab
from .operations import Operations
from .owner_tab import OwnerTab
from .programme_tab import ProgrammeTab
from .regulars_tab import RegularsTab
from .settings_tab import SettingsTab
from .staff_tab import StaffTab
from .widgets import Banner


class OwnerDialog(ClosingDialog):
    """Follows ``ops.changed`` once and hands each change to the tabs, which reload their own
    area: a restore, a new staff member or a menu change elsewhere shows up here too."""

    def __init__(self, cafe: Cafe, ops: Operations, owner: StaffView, parent: QWidget | None = None):
        super().__init__(parent)
        self._cafe = cafe
        self._ops = ops
        self.owner = owner
        self.setWindowTitle(self.tr("Owner"))
        self.setMinimumSize(640, 560)
        self.resize(960, 680)  # seven tabs: their names fit side by side
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.addWidget(QLabel(self.tr("Owner · {0}").format(owner.name), objectName="dialogTitle"))
        self.pin_warning = Banner()
        layout.addWidget(self.pin_warning)
        self.tabs = QTabWidget()
        layout.addWidget(self.tabs, 1)
        self.backup = BackupTab(cafe, ops, owner)
        self.settings = SettingsTab(cafe, ops, owner)
        self.staff = StaffTab(cafe, ops, owner)
        self.menu = MenuTab(cafe, ops, owner)
        self.regulars = RegularsTab(cafe, ops, owner)
        self.checkbacks = CheckBacksTab(cafe, ops, owner)
        self.customer_side = CustomerSideTab(cafe, ops, owner, addresses=local_addresses())
        self.owner_tabs: list[OwnerTab] = [
            self.backup,
            self.settings,
            self.staff,
            self.menu,
            self.regulars,
            self.checkbacks,
            self.customer_side,
        ]
        for tab, title in zip(
            self.owner_tabs,
            (
                self.tr("Backup"),
                self.tr("Settings"),
                self.tr("Staff"),
                self.tr("Menu"),
                self.tr("Regulars"),
                self.tr("Check-backs"),
                self.tr("Customer side"),
            ),
            strict=True,
        ):
            self.tabs.addTab(self._scrolling(tab), title)
        self.programme = ProgrammeTab(cafe, ops, owner)
        self.programme_scroll = self._scrolling(self.programme)
        self.tabs.addTab(self.programme_scroll, self.tr("Programme"))
        self.owner_tabs.append(self.programme)
        self.tabs.currentChanged.connect(self._tab_shown)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.accept)
        layout.addWidget(close, 0, Qt.AlignmentFlag.AlignRight)
        # Dropped when the dialog closes (ClosingDialog.done): nothing here outlives it.
        self.follow(ops.progress, self.backup.show_progress)
        self.follow(ops.changed, self._data_changed)
        self._check_pin()

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

    def _tab_shown(self, index: int) -> None:
        if self.tabs.widget(index) is self.programme_scroll and self.programme.report is None:
            self.programme.refresh()

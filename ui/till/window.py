"""The till: search above a grid of regulars, the customer panel beside it.

Keyboard: type to search; Enter opens the single match and a second Enter stamps it; Down and Up
choose any tile and Enter opens it (the focus stays in the search field, where a scanner types);
Esc clears the search and closes the panel.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar

from cafe_loyalty_ui import i18n, icons, theme
from cafe_loyalty_ui.dialogs.common import CustomerDialog
from cafe_loyalty_ui.display.customer_display import CustomerDisplay
from cafe_loyalty_ui.operations import Operations
from cafe_loyalty_ui.scanner import WedgeDetector
from cafe_loyalty_ui.till.checkback_strip import TICK_MS, CheckBackStrip
from cafe_loyalty_ui.till.counter_keys import CounterKeys
from cafe_loyalty_ui.till.customer_model import CustomerListModel, IdRole
from cafe_loyalty_ui.till.display_link import DisplayLink
from cafe_loyalty_ui.till.owner_access import OwnerAccess
from cafe_loyalty_ui.till.panel import CustomerPanel
from cafe_loyalty_ui.till.regular_forms import RegularForms
from cafe_loyalty_ui.till.status_strips import StatusStrips
from cafe_loyalty_ui.till.tile_delegate import TileDelegate
from cafe_loyalty_ui.till.top_bar import build_top_bar, fit_search_hint
from cafe_loyalty_ui.till.waiting_strip import WaitingStrip
from cafe_loyalty_ui.widgets import Banner
from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListView,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from cafe_loyalty.changes import Changes
from cafe_loyalty.scanning.serial_port import SerialScanner
from cafe_loyalty.services.checkbacks import CheckBackDue
from cafe_loyalty.services.privacy import ForgetResult
from cafe_loyalty.services.staff import StaffView
from cafe_loyalty.till import Till

if TYPE_CHECKING:
    from cafe_loyalty_ui.owner.dialog import OwnerDialog


# The size the till is laid out for; a smaller screen (1366 x 768 less a taskbar, a 1280 x 800
# tablet) gets the till maximised instead, so the Stamp and Redeem row never falls below it.
PREFERRED = QSize(1280, 800)


COLLAPSED = 64  # a top-bar button showing its icon only


def needs_maximising(available: QSize) -> bool:
    return available.width() < PREFERRED.width() or available.height() < PREFERRED.height()


class ScannerLink(QObject):
    """The serial scanner's thread hands each line here; Qt delivers it on the UI thread."""

    scanned = Signal(str)
    failed = Signal(str)


class TillWindow(QMainWindow):
    # The owner changed the colours (light, dark, high contrast) or the language, or both in
    # one save: the session rebuilds the till once, in both.
    appearance_changed = Signal(str, str)  # theme, language
    text_size_changed = Signal(int)  # someone at this till chose another text size (percent)
    #: The regular on the panel (an id), or ``None`` when the panel closed: the customer
    #: display follows this.
    customer_shown = Signal(object)

    def __init__(self, till: Till, ops: Operations, settings: dict[str, Any], parent: QWidget | None = None):
        super().__init__(parent)
        self.till = till
        # Read by whoever opened the database, with it; afterwards only on the database thread,
        # when a change says the settings moved. The window itself never reads on the UI thread.
        self.settings = settings
        self._language_setting = self.settings["language"]
        self.ops = ops
        self.keys = CounterKeys(self)
        self.strips = StatusStrips(self)
        self.display_link = DisplayLink(self)
        self.forms = RegularForms(self)
        self.owner = OwnerAccess(self)
        self.dialog: CustomerDialog | None = None
        self.batch_dialog: QDialog | None = None
        self.owner_dialog: OwnerDialog | None = None
        self._enter_opened: str | None = None  # the query whose single match Enter opened
        self._arrowed = False  # Down/Up chose a tile since the last Enter
        self.setWindowTitle(self.tr("{0} · Loyalty till").format(self.settings["cafe_name"]))
        self.setWindowIcon(icons.app_icon())
        self.resize(PREFERRED)

        root = QWidget(objectName="till")
        self.setCentralWidget(root)
        outer = QVBoxLayout(root)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)

        bar = build_top_bar(self)
        self.customer_display: CustomerDisplay | None = None
        self.display_warning: QMessageBox | None = None  # before the display covers the till
        self.serial_scanner: SerialScanner | None = None  # the customer's, in USB serial mode
        self._scanner_problem = ""
        self._scanner_link = ScannerLink(self)  # its thread's lines, delivered on this one
        self._scanner_link.scanned.connect(self.display_link._customer_scanned)
        self._scanner_link.failed.connect(self.display_link._customer_scanner_failed)
        self.same_regular_box: QMessageBox | None = None  # "Open Sara instead" / "Add anyway"
        outer.addWidget(bar)
        self.top_bar = bar
        self._worded: dict[QAbstractButton, int] = {}  # each button's width with its words
        bar.installEventFilter(self)
        self.search.setMinimumWidth(theme.px(220))
        # With large text on a narrow screen these lose their words first (the icon, tooltip
        # and spoken name stay), in this order, rather than squeezing the search field.
        self.collapsible: list[QAbstractButton] = [
            self.batch_button,
            self.display_button,
            self.owner_button,
            self.camera_button,
            self.add_button,
        ]
        for button in self.collapsible:
            button.setProperty("label", button.text())
            button.setAccessibleName(button.text())
            button.setMinimumWidth(COLLAPSED)  # the icon alone: words never hold the window wider

        # body: tiles (or an empty state) beside the panel
        body = QHBoxLayout()
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(0)
        left = QVBoxLayout()
        left.setContentsMargins(20, 16, 12, 16)
        # While the server of a till of several is away (issue #18): stays until it is back.
        self.offline_strip = QLabel(objectName="banner")
        self.offline_strip.setProperty("tone", "error")
        self.offline_strip.setWordWrap(True)
        self.offline_strip.hide()
        left.addWidget(self.offline_strip)
        self.banner = Banner()
        left.addWidget(self.banner)
        self.reminder, self.reminder_text, self.reminder_button = self._action_strip(
            self.tr("Back up now"), lambda: self.owner.open_owner("backup")
        )
        left.addWidget(self.reminder)
        self.strips.update_reminder()
        # Stamps kept while the server was away that it refused: the owner decides (issue #18).
        self.refused, self.refused_text, self.refused_button = self._action_strip(
            self.tr("Decide…"), self.strips.open_refused
        )
        left.addWidget(self.refused)
        self.refused.hide()
        self.refused_dialog: QDialog | None = None
        self.strips.update_refused()
        # The two-minute check-back: fed by the change notifications below, timed in memory.
        self.checkbacks = CheckBackStrip(till.clock.now)
        self.checkbacks.answer.connect(self._check_back)
        left.addWidget(self.checkbacks)
        # Customers who checked themselves in at the display while the barista was busy.
        self.waiting = WaitingStrip()
        self.waiting.chosen.connect(self.open_customer)
        left.addWidget(self.waiting)
        self.checkback_timer = QTimer(self)
        self.checkback_timer.setInterval(TICK_MS)
        self.checkback_timer.timeout.connect(self.checkbacks.model.tick)
        self.checkback_timer.start()
        self.stack = QStackedWidget()
        # "Likely now" reads weeks of stamps: it is worked out on the maintenance thread every
        # ten minutes (habits change slowly) and the tiles use the latest answer.
        self.likely_ids: list[int] = []
        self.model = CustomerListModel(till, ops.query, self, likely_now=lambda: self.likely_ids)
        self.model.modelReset.connect(self._update_empty)
        self.model.rowsRemoved.connect(self._update_empty)
        self.tiles = QListView()
        self.tiles.setModel(self.model)
        self.tiles.setAccessibleName(self.tr("Regulars"))
        self.tiles.setItemDelegate(TileDelegate(self.tiles))
        self.tiles.setViewMode(QListView.ViewMode.IconMode)
        self.tiles.setResizeMode(QListView.ResizeMode.Adjust)
        self.tiles.setMovement(QListView.Movement.Static)
        self.tiles.setUniformItemSizes(True)
        self.tiles.setSpacing(4)
        self.tiles.setMouseTracking(True)
        self.tiles.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.tiles.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        self.tiles.clicked.connect(lambda index: self.open_customer(index.data(IdRole)))
        self.stack.addWidget(self.tiles)
        self.empty = self._empty_state()
        self.stack.addWidget(self.empty)
        left.addWidget(self.stack, 1)
        body.addLayout(left, 1)

        self.panel_stack = QStackedWidget()
        self.panel_stack.setMinimumWidth(min(theme.px(500), 560))
        self.panel_stack.setMaximumWidth(theme.px(560))
        placeholder = QLabel(self.tr("Tap a regular to see their card.\n\nOr scan their card."))
        placeholder.setObjectName("placeholder")
        placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        placeholder.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.placeholder = placeholder
        self.panel = CustomerPanel(till, ops, self.staff_id)
        self.panel.edit_requested.connect(self.forms.open_edit_customer)
        self.panel.closed.connect(self.close_panel)
        self.panel.shown.connect(self._panel_shown)
        self.panel.forgotten.connect(self._forgotten)
        self.panel_stack.addWidget(placeholder)
        self.panel_stack.addWidget(self.panel)
        body.addWidget(self.panel_stack)
        outer.addLayout(body, 1)

        self.wedge = WedgeDetector(self, self.search)
        self.wedge.scanned.connect(self.keys.handle_scan)
        self.search.textChanged.connect(self._search_changed)
        self.search.installEventFilter(self)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, activated=self.clear)
        for keys, step in (
            (QKeySequence.StandardKey.ZoomIn, 1),
            ("Ctrl+=", 1),
            (QKeySequence.StandardKey.ZoomOut, -1),
        ):
            QShortcut(QKeySequence(keys), self, activated=lambda s=step: self.keys.step_text_size(s))
        QShortcut(QKeySequence("Ctrl+0"), self, activated=lambda: self.keys.choose_text_size(100))
        # Closes the customer display from anywhere in the app, the display itself included.
        QShortcut(
            QKeySequence(self.CLOSE_DISPLAY),
            self,
            activated=self.display_link.close_display,
            context=Qt.ShortcutContext.ApplicationShortcut,
        )
        self.keys._action_keys()
        self.ops.changed.connect(self._data_changed)
        self.load_branch()
        self.ops.failed.connect(lambda message: self.banner.say(message, "error"))
        self._search_changed("")
        self.search.setFocus()
        # A snapshot a day, taken on the worker: at start, then hourly for tills left running.
        self.snapshot_timer = QTimer(self)
        self.snapshot_timer.setInterval(60 * 60 * 1000)
        self.snapshot_timer.timeout.connect(self.strips.take_snapshot)
        self.snapshot_timer.start()
        QTimer.singleShot(0, self.strips.take_snapshot)
        self.likely_timer = QTimer(self)
        self.likely_timer.setInterval(10 * 60 * 1000)
        self.likely_timer.timeout.connect(self.refresh_likely)
        self.likely_timer.start()
        QTimer.singleShot(0, self.refresh_likely)
        self.ops.background(till.checkbacks_due, on_done=self.checkbacks.model.offer_all)
        self.display_link.start_customer_scanner()
        # A backup a day in the owner's folder, once the till has been idle a few minutes
        # (never while a stamp waits on the worker); closing the till writes one too (Session).
        self._last_busy = time.monotonic()
        self.ops.busy_changed.connect(self._busy)
        self.auto_backup_timer = QTimer(self)
        self.auto_backup_timer.setInterval(60_000)
        self.auto_backup_timer.timeout.connect(self.strips.maybe_auto_backup)
        self.auto_backup_timer.start()
        self._auto_backup_running = False

    AUTO_BACKUP_IDLE = 5 * 60  # seconds without work at the till before a backup is written

    def _busy(self, busy: bool) -> None:
        self._last_busy = time.monotonic()

    @staticmethod
    def _action_strip(action: str, act: Callable[[], None]) -> tuple[QFrame, QLabel, QPushButton]:
        """A strip over the tiles with a message and the one button that deals with it."""
        strip = QFrame(objectName="reminder")
        row = QHBoxLayout(strip)
        row.setContentsMargins(14, 8, 8, 8)
        text = QLabel()
        text.setWordWrap(True)
        button = QPushButton(action)
        theme.set_kind(button, "primary")
        button.clicked.connect(act)
        row.addWidget(text, 1)
        row.addWidget(button)
        return strip, text, button

    def _empty_state(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        self.empty_title = QLabel(objectName="emptyTitle")
        self.empty_title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_text = QLabel(objectName="emptyText")
        self.empty_text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_text.setWordWrap(True)
        self.empty_button = QPushButton(icons.icon("user-plus", theme.ON_ACCENT), "")
        theme.set_kind(self.empty_button, "primary")
        self.empty_button.setIconSize(QSize(24, 24))
        self.empty_button.setStyleSheet("font-size: 19px; min-height: 52px; padding: 8px 28px;")
        self.empty_button.clicked.connect(lambda: self.forms.open_new_customer(self.search.text()))
        layout.addWidget(self.empty_title)
        layout.addSpacing(8)
        layout.addWidget(self.empty_text)
        layout.addSpacing(20)
        layout.addWidget(self.empty_button, 0, Qt.AlignmentFlag.AlignCenter)
        layout.addStretch(2)
        return page

    # -- state -----------------------------------------------------------------------------

    def staff_id(self) -> int | None:
        """Who is at the till (None only in a café with no staff at all)."""
        value = self.staff_combo.currentData()
        return int(value) if value is not None else None

    def _search_changed(self, text: str) -> None:
        self.clear_button.setVisible(bool(text))
        self._enter_opened = None
        self._arrowed = False
        self.model.set_query(text)

    def _update_empty(self) -> None:
        if self.model.rowCount():
            self.stack.setCurrentWidget(self.tiles)
            return
        query = self.search.text().strip()
        if query:
            self.empty_title.setText(self.tr("No regular matches “{0}”").format(query))
            self.empty_text.setText(self.tr("Check the spelling, or add them now."))
            self.empty_button.setText(self.tr("Add “{0}” as a new regular").format(query))
        else:
            self.empty_title.setText(self.tr("Add your first regular"))
            self.empty_text.setText(
                self.tr("Regulars get a stamp card with a head start.\nTap below when one is at the counter.")
            )
            self.empty_button.setText(self.tr("Add your first regular"))
        self.stack.setCurrentWidget(self.empty)

    def _data_changed(self, changes: Changes) -> None:
        """One write's changes: the tiles it touched, the staff list, the café's name. The
        panel follows on its own (``CustomerPanel._data_changed``)."""
        if changes.everything:
            self.owner.after_restore()
        elif changes.area("customers.added"):
            self.model.refresh()
        elif changes.customers:
            self.model.update_rows(changes.customers)
        if changes.everything or changes.setting("checkback_minutes", "checkback_expire_minutes"):
            self.ops.background(self.till.checkbacks_due, on_done=self.checkbacks.model.offer_all)
        else:
            for customer_id in changes.customers:  # a visit, a stamp, an undo, an answer
                self.ops.query(
                    self.till.checkback_for,
                    customer_id,
                    on_done=lambda due, customer_id=customer_id: self.checkbacks.model.offer(customer_id, due),
                )
        if changes.area("staff"):
            self.load_staff()
        if changes.area("settings"):
            self.ops.query(self.till.settings, on_done=self._got_settings)
        if changes.everything or changes.area("branches"):
            self.load_branch()
        if changes.area("backups") or changes.area("customers.added"):
            self.strips.update_reminder()

    def _check_back(self, due: CheckBackDue, result: str, text: str) -> None:
        """An answer from the strip, recorded by whoever is at the till."""

        def recorded(_view: object) -> None:
            self.checkbacks.done(due)
            self.banner.say(
                self.tr("Thanks: noted.")
                if result == "good"
                else self.tr("Noted. It is on the owner's list to follow up.")
            )

        self.ops.run(
            self.till.record_checkback,
            due.customer_id,
            result,
            visit_id=due.visit_id,
            stamp_id=due.stamp_id,
            item_id=due.item_id,
            text=text,
            by=self.staff_id(),
            on_done=recorded,
        )

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.fit_top_bar()
        # The panel grows with the text, but leaves the tiles at least 45 % of the window.
        widest = max(self.panel_stack.minimumWidth(), min(theme.px(560), round(self.width() * 0.55)))
        self.panel_stack.setMaximumWidth(widest)

    def fit_top_bar(self) -> None:
        """Give the top bar's buttons back their words while the bar has room, and take them
        away (last first) when it has not: large text on a 1366-pixel screen. Worked out from
        the widths alone, and only what changes is touched: relabelling asks for a new layout,
        which asks for this again."""
        shown = [b for b in self.collapsible if not b.isHidden()]
        for button in shown:
            if button.text():
                self._worded[button] = max(button.sizeHint().width(), COLLAPSED)
        if any(b not in self._worded for b in shown):
            return  # not measured with its words yet (a button shown later): next time
        layout = self.top_bar.layout()
        needs = (
            layout.sizeHint().width()
            - self.search.sizeHint().width()
            + self.search.minimumWidth()
            - sum(max(b.sizeHint().width(), COLLAPSED) for b in shown)
            + sum(self._worded[b] for b in shown)
        )
        bare = set()
        for button in shown:
            if needs <= self.width():
                break
            needs -= self._worded[button] - COLLAPSED
            bare.add(button)
        for button in shown:
            self._label_button(button, button not in bare)

    @staticmethod
    def _label_button(button: QAbstractButton, words: bool) -> None:
        label = button.property("label")
        if words == bool(button.text()):
            return
        button.setText(label if words else "")
        if isinstance(button, QToolButton):
            style = Qt.ToolButtonStyle.ToolButtonTextBesideIcon if words else Qt.ToolButtonStyle.ToolButtonIconOnly
            button.setToolButtonStyle(style)
        if not words and not button.toolTip():
            button.setToolTip(label)

    def show_fitting(self) -> None:
        """Show the till at its preferred size, or maximised on a screen too small for it."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is not None and needs_maximising(screen.availableGeometry().size()):
            self.showMaximized()
        else:
            self.show()

    def open_customer(self, customer_id: int) -> None:
        """Show a regular (their profile is read on the database thread; a damaged table is
        reported, with a snapshot offered, never a crash)."""
        self.banner.hide()
        self.panel.show_customer(customer_id)

    def _panel_shown(self, customer_id: int) -> None:
        self.panel_stack.setCurrentWidget(self.panel)
        self.waiting.model.remove(customer_id)
        self.customer_shown.emit(customer_id)
        row = self.model.row_of(customer_id)
        if row >= 0:
            self.tiles.setCurrentIndex(self.model.index(row))

    def _forgotten(self, name: str, result: ForgetResult) -> None:
        self.close_panel()
        said = self.tr("{0} was forgotten: their personal data is erased.").format(i18n.isolate(name))
        if result.in_file == "pending":
            said += " " + self.tr(
                "The old text could not be wiped from the file's free space yet (the disk is full or another "
                "program is reading it); the till finishes that by itself at its next maintenance pass."
            )
        if result.copies_erased:
            said += " " + i18n.numbers(self.tr("Erased from {0} snapshot(s) on this computer."), result.copies_erased)
        if result.copies_deleted:
            said += " " + i18n.numbers(
                self.tr("{0} snapshot(s) that could not be rewritten were deleted."), result.copies_deleted
            )
        self.banner.say(said, "ok")

    def close_panel(self) -> None:
        self.panel.clear()
        self.panel_stack.setCurrentWidget(self.placeholder)
        self.tiles.clearSelection()
        self.customer_shown.emit(None)

    # -- the customer display --------------------------------------------------------------

    # -- keyboard shortcuts -----------------------------------------------------------------

    # Single function keys for what a barista does most: one key, no chord for a wet hand, and
    # the same key in every keyboard layout (a letter is not, in Persian or Arabic).
    KEYS: ClassVar[dict[str, str]] = {"stamp": "F2", "redeem": "F3", "undo": "F4", "new": "Ctrl+N", "search": "Ctrl+F"}
    CLOSE_DISPLAY = "Ctrl+Shift+D"

    # -- text size ----------------------------------------------------------------------------

    # -- the customer's scanner on a serial port ------------------------------------------

    def clear(self) -> None:
        """Esc: a fresh start for the next customer, the last message included. While the
        customer display covers the till's own screen, Esc closes the display first."""
        if self.customer_display is not None and self.customer_display.screen() is self.screen():
            self.display_link.close_display()
            return
        self.search.clear()
        self.close_panel()
        self.banner.hide()
        self.search.setFocus()

    # -- keyboard --------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.search and event.type() in (QEvent.Type.Resize, QEvent.Type.LayoutDirectionChange):
            size = self.glass.sizeHint()
            x = theme.px(10)
            room = theme.px(30)  # the text starts after the magnifier, on its side
            if self.search.layoutDirection() == Qt.LayoutDirection.RightToLeft:
                x = self.search.width() - x - size.width()
                self.search.setTextMargins(0, 0, room, 0)
            else:
                self.search.setTextMargins(room, 0, 0, 0)
            self.glass.setGeometry(x, (self.search.height() - size.height()) // 2, size.width(), size.height())
            fit_search_hint(self.search)
        if watched is self.top_bar and event.type() == QEvent.Type.LayoutRequest:
            self.fit_top_bar()  # the staff list or a label changed: the words may fit now, or not
        if watched is self.search and event.type() == QEvent.Type.KeyPress:
            key = QKeyEvent(event).key() if not isinstance(event, QKeyEvent) else event.key()
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.keys.enter_pressed()
                return True
            if key == Qt.Key.Key_Escape:
                self.clear()
                return True
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
                self.keys.step_tile(1 if key == Qt.Key.Key_Down else -1)
                return True
        return super().eventFilter(watched, event)

    # -- dialogs ---------------------------------------------------------------------------

    def load_branch(self) -> None:
        """The branch beside the café's name (a chain's till; a single café shows none)."""

        def got(label: str) -> None:
            self.branch_name.setText(i18n.isolate(label))
            self.branch_name.setVisible(bool(label))

        self.ops.query(self.till.branch_label, on_done=got, on_error=lambda _e: True)

    def load_staff(self) -> None:
        self.ops.query(self.till.staff, on_done=self._got_staff)

    def _got_staff(self, people: list[StaffView]) -> None:
        current = self.staff_combo.currentData()
        self.staff_combo.clear()
        for person in people:
            self.staff_combo.addItem(person.name, person.id)
        index = self.staff_combo.findData(current)
        if index >= 0:
            self.staff_combo.setCurrentIndex(index)

    def refresh_likely(self) -> None:
        self.ops.background(self.till.likely_now, on_done=self._got_likely)

    def _got_likely(self, ids: list[int]) -> None:
        if ids != self.likely_ids:
            self.likely_ids = ids
            if not self.search.text().strip():
                self.model.refresh()

    def _got_settings(self, values: dict) -> None:
        self.settings = values
        if values["theme"] != theme.current or values["language"] != self._language_setting:
            # The whole window is rebuilt (by the session), not patched: in the new colours and
            # the new language together, whichever of them changed.
            self._language_setting = values["language"]
            self.appearance_changed.emit(values["theme"], values["language"])
            return
        name = values["cafe_name"]
        self.cafe_name.setText(name)
        self.setWindowTitle(self.tr("{0} · Loyalty till").format(name))

    def closeEvent(self, event) -> None:
        if self.customer_display is not None:
            self.customer_display.close()  # not forgotten: it reopens with the till
            self.customer_display.deleteLater()
            self.customer_display = None
        self.display_link.stop_customer_scanner()
        self.auto_backup_timer.stop()
        self.snapshot_timer.stop()
        self.likely_timer.stop()
        self.ops.shutdown()
        super().closeEvent(event)

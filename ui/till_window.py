"""The till: search above a grid of regulars, the customer panel beside it.

Keyboard: type to search; Enter opens the single match and a second Enter stamps it; Esc
clears the search and closes the panel.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from cafe_loyalty import keymap
from cafe_loyalty.app import Cafe
from cafe_loyalty.errors import CafeError, RevokedCode
from cafe_loyalty.services.views import CustomerView

from . import i18n, icons, theme
from .camera import CameraScanDialog, available_cameras
from .customer_model import CustomerListModel, IdRole
from .customer_panel import Banner, CustomerPanel
from .dialogs import CustomerDialog
from .operations import Operations
from .owner_dialog import OwnerDialog, PinDialog
from .scanner import WedgeDetector, looks_like_payload
from .tile_delegate import TileDelegate


class TillWindow(QMainWindow):
    language_changed = Signal(str)

    def __init__(self, cafe: Cafe, ops: Operations, parent: QWidget | None = None):
        super().__init__(parent)
        self.cafe = cafe
        self._language_setting = cafe.settings.get("language")
        self.ops = ops
        self.dialog: CustomerDialog | None = None
        self.batch_dialog: QDialog | None = None
        self.owner_dialog: OwnerDialog | None = None
        self.pin_dialog: PinDialog | None = None
        self._enter_opened: str | None = None  # the query whose single match Enter opened
        self.setWindowTitle(self.tr("{0} · Loyalty till").format(cafe.settings.get("cafe_name")))
        self.setWindowIcon(icons.app_icon())
        self.resize(1280, 800)

        root = QWidget(objectName="till")
        self.setCentralWidget(root)
        outer = QVBoxLayout(root)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)

        # top bar
        bar = QWidget(objectName="topBar")
        bar.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        top = QHBoxLayout(bar)
        top.setContentsMargins(24, 14, 24, 14)
        top.setSpacing(16)
        logo = QLabel()
        logo.setPixmap(icons.app_icon().pixmap(40, 40))
        top.addWidget(logo)
        self.cafe_name = QLabel(cafe.settings.get("cafe_name"), objectName="cafeName")
        top.addWidget(self.cafe_name)
        self.search = QLineEdit(objectName="search")
        self.search.setPlaceholderText(self.tr("Search a name, phone or card code…"))
        self.search.addAction(icons.icon("search", theme.MUTED), QLineEdit.ActionPosition.LeadingPosition)
        self.search.setClearButtonEnabled(True)
        self.search.setFixedHeight(50)
        self.search.setAccessibleName(self.tr("Search regulars"))
        top.addWidget(self.search, 1)
        self.add_button = QPushButton(icons.icon("user-plus", "#FFFFFF"), self.tr("New regular"))
        theme.set_kind(self.add_button, "primary")
        self.add_button.setIconSize(QSize(22, 22))
        self.add_button.setMinimumHeight(48)
        self.add_button.clicked.connect(lambda: self.open_new_customer(""))
        top.addWidget(self.add_button)
        self.batch_button = QPushButton(icons.icon("printer"), self.tr("Print cards"))
        self.batch_button.setIconSize(QSize(22, 22))
        self.batch_button.setMinimumHeight(48)
        self.batch_button.clicked.connect(self.open_batch_print)
        top.addWidget(self.batch_button)
        self.camera_button = QPushButton(icons.icon("scan"), self.tr("Scan"))
        self.camera_button.setToolTip(self.tr("Scan a card with the camera"))
        self.camera_button.setIconSize(QSize(22, 22))
        self.camera_button.setMinimumHeight(48)
        self.camera_button.clicked.connect(self.open_camera)
        self.camera_button.setVisible(bool(available_cameras()))
        top.addWidget(self.camera_button)
        self.owner_button = QPushButton(icons.icon("lock"), self.tr("Owner"))
        self.owner_button.setIconSize(QSize(22, 22))
        self.owner_button.setMinimumHeight(48)
        self.owner_button.setToolTip(self.tr("Backups, settings and staff (owner PIN)"))
        self.owner_button.clicked.connect(lambda: self.open_owner())
        top.addWidget(self.owner_button)
        self.staff_combo = QComboBox()
        self.staff_combo.setToolTip(self.tr("Who is at the till"))
        self.staff_combo.setAccessibleName(self.tr("Who is at the till"))
        self.staff_combo.setMinimumHeight(44)
        self.load_staff()
        top.addWidget(self.staff_combo)
        outer.addWidget(bar)

        # body: tiles (or an empty state) beside the panel
        body = QHBoxLayout()
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(0)
        left = QVBoxLayout()
        left.setContentsMargins(20, 16, 12, 16)
        self.banner = Banner()
        left.addWidget(self.banner)
        self.reminder = QFrame(objectName="reminder")
        reminder = QHBoxLayout(self.reminder)
        reminder.setContentsMargins(14, 8, 8, 8)
        self.reminder_text = QLabel()
        self.reminder_text.setWordWrap(True)
        self.reminder_button = QPushButton(self.tr("Back up now"))
        theme.set_kind(self.reminder_button, "primary")
        self.reminder_button.clicked.connect(lambda: self.open_owner("backup"))
        reminder.addWidget(self.reminder_text, 1)
        reminder.addWidget(self.reminder_button)
        left.addWidget(self.reminder)
        self.update_reminder()
        self.stack = QStackedWidget()
        # "Likely now" reads weeks of stamps: it is worked out on the maintenance thread every
        # ten minutes (habits change slowly) and the tiles use the latest answer.
        self.likely_ids: list[int] = []
        self.model = CustomerListModel(cafe.customers, self, likely_now=lambda: self.likely_ids)
        self.tiles = QListView()
        self.tiles.setModel(self.model)
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
        self.panel_stack.setMinimumWidth(500)
        self.panel_stack.setMaximumWidth(560)
        placeholder = QLabel(self.tr("Tap a regular to see their card.\n\nOr scan their card."))
        placeholder.setObjectName("placeholder")
        placeholder.setStyleSheet("background: #FFFFFF; border-left: 1px solid #E6DDD3;")
        placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        placeholder.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.placeholder = placeholder
        self.panel = CustomerPanel(cafe, ops, self.staff_id)
        self.panel.edit_requested.connect(self.open_edit_customer)
        self.panel.closed.connect(self.close_panel)
        self.panel.forgotten.connect(self._forgotten)
        self.panel_stack.addWidget(placeholder)
        self.panel_stack.addWidget(self.panel)
        body.addWidget(self.panel_stack)
        outer.addLayout(body, 1)

        self.wedge = WedgeDetector(self, self.search)
        self.wedge.scanned.connect(self.handle_scan)
        self.search.textChanged.connect(self._search_changed)
        self.search.installEventFilter(self)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, activated=self.clear)
        self.ops.changed.connect(self._data_changed)
        self.ops.failed.connect(lambda message: self.banner.say(message, "error"))
        self._search_changed("")
        self.search.setFocus()
        # A snapshot a day, taken on the worker: at start, then hourly for tills left running.
        self.snapshot_timer = QTimer(self)
        self.snapshot_timer.setInterval(60 * 60 * 1000)
        self.snapshot_timer.timeout.connect(self.take_snapshot)
        self.snapshot_timer.start()
        QTimer.singleShot(0, self.take_snapshot)
        self.likely_timer = QTimer(self)
        self.likely_timer.setInterval(10 * 60 * 1000)
        self.likely_timer.timeout.connect(self.refresh_likely)
        self.likely_timer.start()
        QTimer.singleShot(0, self.refresh_likely)

    def _empty_state(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        self.empty_title = QLabel(objectName="emptyTitle")
        self.empty_title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_text = QLabel(objectName="emptyText")
        self.empty_text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_text.setWordWrap(True)
        self.empty_button = QPushButton(icons.icon("user-plus", "#FFFFFF"), "")
        theme.set_kind(self.empty_button, "primary")
        self.empty_button.setIconSize(QSize(24, 24))
        self.empty_button.setStyleSheet("font-size: 19px; min-height: 52px; padding: 8px 28px;")
        self.empty_button.clicked.connect(lambda: self.open_new_customer(self.search.text()))
        layout.addWidget(self.empty_title)
        layout.addSpacing(8)
        layout.addWidget(self.empty_text)
        layout.addSpacing(20)
        layout.addWidget(self.empty_button, 0, Qt.AlignmentFlag.AlignCenter)
        layout.addStretch(2)
        return page

    # -- state -----------------------------------------------------------------------------

    def staff_id(self) -> int:
        value = self.staff_combo.currentData()
        return int(value) if value is not None else self.cafe.staff.default().id

    def _search_changed(self, text: str) -> None:
        self._enter_opened = None
        self.model.set_query(text)
        self._update_empty()

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

    def _data_changed(self) -> None:
        self.model.refresh()
        self._update_empty()
        if self.panel.customer is not None:
            row = self.model.row_of(self.panel.customer.id)
            if row >= 0:
                self.tiles.setCurrentIndex(self.model.index(row))

    def open_customer(self, customer_id: int) -> None:
        self.banner.hide()
        try:
            self.panel.show_customer(customer_id)
        except Exception as exc:  # e.g. a damaged table: say so (and offer a snapshot), never crash
            self.ops.report(exc)
            return
        self.panel_stack.setCurrentWidget(self.panel)
        row = self.model.row_of(customer_id)
        if row >= 0:
            self.tiles.setCurrentIndex(self.model.index(row))

    def _forgotten(self, name: str, pending: bool) -> None:
        self.close_panel()
        self.model.refresh()
        self._update_empty()
        said = self.tr("{0} was forgotten: their personal data is erased.").format(name)
        if pending:
            said += " " + self.tr(
                "The old text could not be wiped from the file's free space yet (the disk is full or another "
                "program is reading it); the till finishes that by itself at its next maintenance pass."
            )
        self.banner.say(said, "ok")

    def close_panel(self) -> None:
        self.panel.customer = None
        self.panel.card = None
        self.panel_stack.setCurrentWidget(self.placeholder)
        self.tiles.clearSelection()

    def clear(self) -> None:
        self.search.clear()
        self.close_panel()
        self.search.setFocus()

    # -- keyboard --------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.search and event.type() == QEvent.Type.KeyPress:
            key = QKeyEvent(event).key() if not isinstance(event, QKeyEvent) else event.key()
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.enter_pressed()
                return True
            if key == Qt.Key.Key_Escape:
                self.clear()
                return True
        return super().eventFilter(watched, event)

    def handle_scan(self, payload: str | list[str]) -> None:
        """Open the regular a scanned (or typed) card belongs to, or say why not.

        ``payload`` is a typed code or the readings of one scan (see ``WedgeDetector``). A scan
        that opens nobody empties the search box: it must never become a new regular's name.
        A plain indexed read, done right here: a scan must show the customer at once."""
        scanned = isinstance(payload, list)
        try:
            customer = self.cafe.cards.lookup(payload)
        except RevokedCode as exc:
            self.banner.say(i18n.error_text(exc) + " " + self.tr("Search their name to open the current card."), "warn")
            return
        except CafeError as exc:
            message = i18n.error_text(exc)
            if scanned:
                self.search.clear()
                message = self.tr("Card not recognised.") + " " + message
                layout = keymap.typed_in(" ".join(payload))
                if layout is not None:
                    message += " " + self.tr(
                        "The keyboard is in {0}: a card scanner types as if on an English keyboard. If scans keep "
                        "failing, switch the keyboard to English before scanning."
                    ).format(i18n.layout_name(layout))
            self.banner.say(message, "error")
            return
        except Exception as exc:  # e.g. a damaged table
            self.ops.report(exc)
            return
        self.open_customer(customer.id)

    def enter_pressed(self) -> None:
        query = self.search.text()
        if looks_like_payload(query):  # a code typed (or pasted) by hand
            self.handle_scan(query)
            if self.panel.customer is not None:
                self.search.clear()
            return
        if self._enter_opened == query and self.panel.customer is not None:
            self.panel.stamp()
            return
        if self.model.rowCount() == 1:
            self.open_customer(self.model.index(0).data(IdRole))
            self._enter_opened = query

    # -- dialogs ---------------------------------------------------------------------------

    def open_new_customer(self, name: str = "") -> None:
        def submit(values, done, failed):
            self.ops.run(self.cafe.customers.add, by=self.staff_id(), on_done=done, on_error=failed, **values)

        self.dialog = CustomerDialog(submit, name=name, parent=self, referrers=self._referrers())
        self.dialog.saved.connect(self._customer_saved)
        self.dialog.open()

    def open_edit_customer(self, customer_id: int) -> None:
        customer = self.cafe.customers.get(customer_id)

        def submit(values, done, failed):
            self.ops.run(
                self.cafe.customers.update,
                customer_id,
                by=self.staff_id(),
                on_done=done,
                on_error=failed,
                **values,
            )

        self.dialog = CustomerDialog(submit, customer=customer, parent=self, referrers=self._referrers())
        self.dialog.saved.connect(self._customer_saved)
        self.dialog.open()

    def _referrers(self) -> list[tuple[int, str]]:
        return [(c.id, f"{c.first_name} {c.last_name}".strip()) for c in self.cafe.customers.search("", limit=300)]

    def _customer_saved(self, customer: CustomerView) -> None:
        if self.search.text() and not any(
            self.model.index(i).data(IdRole) == customer.id for i in range(self.model.rowCount())
        ):
            self.search.clear()
        self.open_customer(customer.id)

    def load_staff(self) -> None:
        current = self.staff_combo.currentData()
        self.staff_combo.clear()
        for person in self.cafe.staff.list() or [self.cafe.staff.default()]:
            self.staff_combo.addItem(person.name, person.id)
        index = self.staff_combo.findData(current)
        if index >= 0:
            self.staff_combo.setCurrentIndex(index)

    def update_reminder(self) -> None:
        due = self.cafe.backups.reminder_due()
        if due:
            last = self.cafe.backups.last_backup_at()
            if last is None:
                self.reminder_text.setText(self.tr("No backup yet. Export one and keep it away from this computer."))
            else:
                days = (self.cafe.clock.now() - last).days
                self.reminder_text.setText(
                    self.tr("The last backup was %n day(s) ago. Time for this month's.", "", days)
                )
        self.reminder.setVisible(due)

    def refresh_likely(self) -> None:
        self.ops.background(self.cafe.regulars.likely_now, on_done=self._got_likely)

    def _got_likely(self, ids: list[int]) -> None:
        if ids != self.likely_ids:
            self.likely_ids = ids
            if not self.search.text().strip():
                self._data_changed()

    def take_snapshot(self) -> None:
        def failed(error: Exception) -> bool:
            if isinstance(error, CafeError):
                self.banner.say(
                    self.tr("Today's automatic snapshot failed: {0}").format(i18n.error_text(error)), "warn"
                )
                return True
            return False

        self.ops.background(self.cafe.backups.snapshot_if_due, on_error=failed)
        # An erasure whose wipe of the free space had to wait (full disk, another reader).
        self.ops.background(self.cafe.privacy.finish_pending, on_error=lambda _e: True)

    def open_owner(self, tab: str = "") -> None:
        """PIN first (when one is set), then the owner screen."""
        if self.cafe.staff.owner_pin_set():
            self.pin_dialog = PinDialog(self.cafe, self)
            self.pin_dialog.unlocked.connect(lambda owner: self._show_owner(owner, tab))
            self.pin_dialog.open()
        else:
            self._show_owner(self.cafe.staff.unlock_owner(None), tab)

    def _show_owner(self, owner, tab: str) -> None:
        self.owner_dialog = OwnerDialog(self.cafe, self.ops, owner, self)
        if tab == "backup":
            self.owner_dialog.tabs.setCurrentIndex(0)
        self.owner_dialog.restored.connect(self.after_restore)
        self.owner_dialog.settings_changed.connect(self.after_settings)
        self.owner_dialog.finished.connect(lambda _r: self.update_reminder())
        self.owner_dialog.open()

    def after_restore(self) -> None:
        """Everything on screen came from the old database: start the till view afresh."""
        self.close_panel()
        self.search.clear()
        self.model.refresh()
        self._update_empty()
        self.after_settings()
        self.banner.say(self.tr("The backup was restored."), "ok")

    def after_settings(self) -> None:
        language = self.cafe.settings.get("language")
        if language != self._language_setting:
            # The whole window is rebuilt in the new language (by the session), not patched.
            self._language_setting = language
            self.language_changed.emit(language)
            return
        name = self.cafe.settings.get("cafe_name")
        self.cafe_name.setText(name)
        self.setWindowTitle(self.tr("{0} · Loyalty till").format(name))
        self.load_staff()
        self.update_reminder()

    def open_camera(self) -> None:
        self.camera_dialog = CameraScanDialog(self)
        self.camera_dialog.scanned.connect(self.handle_scan)
        self.camera_dialog.open()

    def open_batch_print(self) -> None:
        from .batch_print import BatchPrintDialog  # QtPrintSupport loads when it is first wanted

        self.batch_dialog = BatchPrintDialog(self.cafe, self.ops, self)
        self.batch_dialog.open()

    def closeEvent(self, event) -> None:
        self.snapshot_timer.stop()
        self.likely_timer.stop()
        self.ops.shutdown()
        super().closeEvent(event)

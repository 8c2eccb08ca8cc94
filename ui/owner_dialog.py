"""The owner's screen, behind the owner PIN: backups, settings and staff.

Every action here is a service call on the worker (backups show progress); the services check
the input and write the audit log.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QStringListModel, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from cafe_loyalty.app import Cafe
from cafe_loyalty.backup import SUFFIX, BackupSummary
from cafe_loyalty.changes import Changes
from cafe_loyalty.clock import to_local
from cafe_loyalty.errors import CafeError
from cafe_loyalty.services.backups import BackupReminder, RestoreResult
from cafe_loyalty.services.menu import MenuItemView
from cafe_loyalty.services.settings import SPECS
from cafe_loyalty.services.staff import StaffView

from . import i18n, theme
from .customer_panel import Banner, save_dialog
from .dialogs import ClosingDialog
from .operations import Operations
from .programme_tab import ProgrammeTab


def _spin(key: str, suffix: str = "") -> QSpinBox:
    spec = SPECS[key]
    return QSpinBox(minimum=spec.low, maximum=spec.high, suffix=suffix)


def _selected_row(view: QListView, banner: Banner, hint: str) -> int | None:
    """The row chosen in ``view``, or None after saying ``hint`` in ``banner``."""
    index = view.currentIndex()
    if not index.isValid():
        banner.say(hint, "warn")
        return None
    return index.row()


def _counts_text(counts: dict[str, int]) -> str:
    return i18n.numbers(
        QCoreApplication.translate("OwnerDialog", "{0} customers, {1} stamps, {2} rewards"),
        counts.get("customer", 0),
        counts.get("stamp", 0),
        counts.get("redemption", 0),
    )


CARE_LIMIT = 100  # longest list shown on the Regulars tab (longest absence first)


class OwnerDialog(ClosingDialog):
    """Each tab reads through ``ops.query`` and follows ``ops.changed`` for its own area, so a
    restore, a new staff member or a menu change elsewhere shows up here too."""

    def __init__(self, cafe: Cafe, ops: Operations, owner: StaffView, parent: QWidget | None = None):
        super().__init__(parent)
        self._cafe = cafe
        self._ops = ops
        self.owner = owner
        self.file_dialog: QFileDialog | None = None
        self.pending_restore: tuple[str, str] | None = None  # (kind, path) waiting for confirmation
        self.setWindowTitle(self.tr("Owner"))
        self.setMinimumSize(640, 560)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        title = QLabel(self.tr("Owner · {0}").format(owner.name), objectName="dialogTitle")
        layout.addWidget(title)
        self.pin_warning = Banner()
        layout.addWidget(self.pin_warning)
        self.tabs = QTabWidget()
        layout.addWidget(self.tabs, 1)
        self.tabs.addTab(self._backup_tab(), self.tr("Backup"))
        self.tabs.addTab(self._settings_tab(), self.tr("Settings"))
        self.tabs.addTab(self._staff_tab(), self.tr("Staff"))
        self.tabs.addTab(self._menu_tab(), self.tr("Menu"))
        self.tabs.addTab(self._regulars_tab(), self.tr("Regulars"))
        self.programme = ProgrammeTab(cafe, ops)
        self.tabs.addTab(self.programme, self.tr("Programme"))
        self.tabs.currentChanged.connect(self._tab_shown)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.accept)
        layout.addWidget(close, 0, Qt.AlignmentFlag.AlignRight)
        # Dialogs are deleted on close: these connections go with them (see ``done``).
        ops.progress.connect(self._progress)
        ops.changed.connect(self._data_changed)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        self.refresh_backup_status()
        self._check_pin()

    def _check_pin(self) -> None:
        def known(pin_set: bool) -> None:
            self.pin_warning.say(
                self.tr("No owner PIN is set: anyone at the till can open this screen. Set one under Staff."), "warn"
            )
            self.pin_warning.setVisible(not pin_set)

        self._ops.query(self._cafe.staff.owner_pin_set, on_done=known)

    def done(self, result: int) -> None:
        self._ops.progress.disconnect(self._progress)
        self._ops.changed.disconnect(self._data_changed)
        super().done(result)

    def _data_changed(self, changes: Changes) -> None:
        """Each tab reloads when a write touched what it shows."""
        if changes.area("backups") or changes.everything:
            self.refresh_backup_status()
        if changes.area("settings"):
            self.load_settings()
        if changes.area("staff"):
            self.load_staff()
            self._check_pin()
        if changes.area("menu"):
            self.load_menu()

    def _tab_shown(self, index: int) -> None:
        if self.tabs.widget(index) is self.programme and self.programme.report is None:
            self.programme.refresh()

    # -- backup tab ------------------------------------------------------------------------

    def _backup_tab(self) -> QWidget:
        page = QWidget()
        v = QVBoxLayout(page)
        v.setSpacing(12)
        self.backup_status = QLabel()
        self.backup_status.setWordWrap(True)
        v.addWidget(self.backup_status)
        form = QFormLayout()
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setPlaceholderText(self.tr("Optional: encrypts the backup file"))
        self.passphrase_again = QLineEdit()
        self.passphrase_again.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase_again.setPlaceholderText(self.tr("Repeat it when exporting"))
        form.addRow(self.tr("Passphrase"), self.passphrase)
        form.addRow(self.tr("Again"), self.passphrase_again)
        v.addLayout(form)
        row = QHBoxLayout()
        self.export_button = QPushButton(self.tr("Export backup…"))
        theme.set_kind(self.export_button, "primary")
        self.verify_button = QPushButton(self.tr("Verify a backup…"))
        self.restore_button = QPushButton(self.tr("Restore from backup…"))
        for b in (self.export_button, self.verify_button, self.restore_button):
            row.addWidget(b)
        v.addLayout(row)
        self.export_button.clicked.connect(self.ask_export)
        self.verify_button.clicked.connect(lambda: self.ask_open(self.verify))
        self.restore_button.clicked.connect(lambda: self.ask_open(self.check_restore))
        self.progress = QProgressBar()
        self.progress.hide()
        v.addWidget(self.progress)
        self.backup_result = Banner()
        v.addWidget(self.backup_result)
        self.confirm = QFrame()
        c = QHBoxLayout(self.confirm)
        c.setContentsMargins(0, 0, 0, 0)
        self.confirm_text = QLabel()
        self.confirm_text.setWordWrap(True)
        self.confirm_button = QPushButton(self.tr("Restore"))
        theme.set_kind(self.confirm_button, "primary")
        self.confirm_button.clicked.connect(self.restore)
        cancel = QPushButton(self.tr("Cancel"))
        cancel.clicked.connect(self._cancel_restore)
        c.addWidget(self.confirm_text, 1)
        c.addWidget(cancel)
        c.addWidget(self.confirm_button)
        self.confirm.hide()
        v.addWidget(self.confirm)
        v.addWidget(QLabel(self.tr("DAILY SNAPSHOTS (kept automatically, newest first)"), objectName="sectionTitle"))
        self.snapshot_model = QStringListModel(self)
        self.snapshot_list = QListView()
        self.snapshot_list.setModel(self.snapshot_model)
        self.snapshot_list.setObjectName("history")
        v.addWidget(self.snapshot_list, 1)
        self.snapshot_button = QPushButton(self.tr("Go back to this snapshot…"))
        self.snapshot_button.clicked.connect(self.check_snapshot_restore)
        v.addWidget(self.snapshot_button, 0, Qt.AlignmentFlag.AlignRight)
        return page

    def refresh_backup_status(self) -> None:
        backups = self._cafe.backups
        self._ops.query(lambda: (backups.reminder(), backups.snapshots()), on_done=self._got_backup_status)

    def _got_backup_status(self, found: tuple[BackupReminder, list[Path]]) -> None:
        reminder, self._snapshots = found
        if reminder.days_since is None:
            text = self.tr("No backup has been exported yet.")
        else:
            text = self.tr("Last backup: %n day(s) ago.", "", reminder.days_since)
        if reminder.due:
            text += " " + self.tr("Time for this month's backup: export one and keep it off this computer.")
        self.backup_status.setText(text)
        self.snapshot_model.setStringList([i18n.iso_text(p.stem.removeprefix("snapshot-")) for p in self._snapshots])

    def _passphrase(self) -> str | None:
        return self.passphrase.text() or None

    def _busy(self, busy: bool) -> None:
        for b in (self.export_button, self.verify_button, self.restore_button, self.snapshot_button):
            b.setEnabled(not busy)
        self.progress.setVisible(busy)
        if busy:
            self.progress.setRange(0, 0)

    def _progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)

    def _failed(self, error: Exception) -> bool:
        self._busy(False)
        if isinstance(error, CafeError):
            self.backup_result.say(i18n.error_text(error), "error")
            return True
        return False

    def ask_export(self) -> None:
        if self.passphrase.text() != self.passphrase_again.text():
            self.backup_result.say(self.tr("The two passphrases differ."), "error")
            return
        default = self._cafe.backups.default_path(Path.home())
        self.file_dialog = save_dialog(self, self.tr("Export backup"), default.name, SUFFIX.lstrip("."))
        self.file_dialog.fileSelected.connect(self.export)
        self.file_dialog.open()

    def _run(self, fn, *args, on_done, writes: bool = True, **kwargs) -> None:
        """A backup operation on the worker, as the owner, with the tab showing it is busy."""
        self._busy(True)
        self._ops.run(fn, *args, by=self.owner.id, on_done=on_done, on_error=self._failed, writes=writes, **kwargs)

    def export(self, path: str) -> None:
        self._run(self._cafe.backups.create, path, passphrase=self._passphrase(), progress=True, on_done=self._exported)

    def _exported(self, summary: BackupSummary) -> None:
        self._busy(False)
        self.backup_result.say(
            self.tr("Backup saved to {0} ({1}). Keep a copy away from the café.").format(
                summary.path, _counts_text(summary.counts)
            ),
            "ok",
        )

    def ask_open(self, then) -> None:
        self.file_dialog = QFileDialog(
            self, self.tr("Choose a backup"), str(Path.home()), self.tr("Café backups (*{0})").format(SUFFIX)
        )
        self.file_dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        self.file_dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        self.file_dialog.fileSelected.connect(then)
        self.file_dialog.open()

    def verify(self, path: str) -> None:
        self._run(self._cafe.backups.verify, path, self._passphrase(), writes=False, on_done=self._verified)

    def _verified(self, summary: BackupSummary) -> None:
        self._busy(False)
        self.backup_result.say(
            self.tr("This backup is good. Made {0}: {1}. Integrity: {2}.").format(
                i18n.iso_text(summary.created_at),
                _counts_text(summary.counts),
                self.tr("ok") if summary.integrity == "ok" else summary.integrity,
            ),
            "ok",
        )

    def check_restore(self, path: str) -> None:
        """Check the backup fully before asking; show it beside what it would replace."""
        self._run(
            self._cafe.backups.verify,
            path,
            self._passphrase(),
            writes=False,
            on_done=lambda summary: self._ask_restore(
                "backup", path, i18n.iso_text(summary.created_at), summary.counts
            ),
        )

    def check_snapshot_restore(self) -> None:
        row = _selected_row(self.snapshot_list, self.backup_result, self.tr("Choose a snapshot first."))
        if row is None:
            return
        path = self._snapshots[row]
        self._ask_restore("snapshot", str(path), i18n.iso_text(path.stem.removeprefix("snapshot-")), None)

    def _ask_restore(self, kind: str, path: str, when: str, counts: dict[str, int] | None) -> None:
        self._ops.query(
            self._cafe.backups.current_counts, on_done=lambda now: self._confirm_restore(kind, path, when, counts, now)
        )

    def _confirm_restore(
        self, kind: str, path: str, when: str, counts: dict[str, int] | None, current: dict[str, int]
    ) -> None:
        self._busy(False)
        now = _counts_text(current)
        what = (
            self.tr("the backup of {0} ({1})").format(when, _counts_text(counts))
            if counts
            else self.tr("the snapshot of {0}").format(when)
        )
        self.confirm_text.setText(
            self.tr("Replace the current database ({0}) with {1}? A safety copy of today's data is kept.").format(
                now, what
            )
        )
        self.pending_restore = (kind, path)
        self.confirm.show()

    def _cancel_restore(self) -> None:
        self.pending_restore = None
        self.confirm.hide()

    def restore(self) -> None:
        if self.pending_restore is None:
            return
        kind, path = self.pending_restore
        self.confirm.hide()
        self.pending_restore = None
        if kind == "backup":
            self._run(self._cafe.backups.restore, path, self._passphrase(), on_done=self._restored)
        else:
            self._run(self._cafe.backups.restore_snapshot, path, on_done=self._restored)

    def _restored(self, result: RestoreResult) -> None:
        self._busy(False)  # every tab reloads from the change (everything) that came first
        self.backup_result.say(
            self.tr("Restored. Today's data before the restore was saved as {0}.").format(result.safety_copy), "ok"
        )

    # -- settings tab ----------------------------------------------------------------------

    def _settings_tab(self) -> QWidget:
        page = QWidget()
        v = QVBoxLayout(page)
        form = QFormLayout()
        # Limits come from the core's SPECS: the spin boxes cannot offer what the service refuses.
        self.setting_widgets: dict[str, Any] = {
            "cafe_name": QLineEdit(),
            "card_slots": _spin("card_slots"),
            "head_start": _spin("head_start"),
            "reward_text": QLineEdit(),
            "guard_minutes": _spin("guard_minutes", self.tr(" min")),
            "card_show_names": QCheckBox(self.tr("Print first names on cards")),
            "card_url_template": QLineEdit(placeholderText="https://example.com/c/{code}"),
            "backup_reminder_days": _spin("backup_reminder_days", self.tr(" days")),
            "language": QComboBox(),
        }
        for code, name in i18n.LANGUAGES.items():
            self.setting_widgets["language"].addItem(name, code)
        labels = {
            "cafe_name": self.tr("Café name"),
            "card_slots": self.tr("Slots on a card"),
            "head_start": self.tr("Head start (filled at issue)"),
            "reward_text": self.tr("Reward"),
            "guard_minutes": self.tr("Double-tap guard"),
            "card_show_names": "",
            "card_url_template": self.tr("Card web address"),
            "backup_reminder_days": self.tr("Backup reminder"),
            "language": self.tr("Language (the till reopens in it)"),
        }
        for key, widget in self.setting_widgets.items():
            form.addRow(labels[key], widget)
        v.addLayout(form)
        hint = QLabel(self.tr("A new card size or head start applies to cards issued from now on."), objectName="hint")
        v.addWidget(hint)
        self.settings_result = Banner()
        v.addWidget(self.settings_result)
        self.save_settings_button = QPushButton(self.tr("Save settings"))
        theme.set_kind(self.save_settings_button, "primary")
        self.save_settings_button.clicked.connect(self.save_settings)
        v.addWidget(self.save_settings_button, 0, Qt.AlignmentFlag.AlignRight)
        v.addStretch(1)
        self.load_settings()
        return page

    def load_settings(self) -> None:
        self._ops.query(self._cafe.settings.all, on_done=self._got_settings)

    def _got_settings(self, values: dict[str, Any]) -> None:
        for key, widget in self.setting_widgets.items():
            if isinstance(widget, QSpinBox):
                widget.setValue(int(values[key]))
            elif isinstance(widget, QCheckBox):
                widget.setChecked(bool(values[key]))
            elif isinstance(widget, QComboBox):
                widget.setCurrentIndex(max(0, widget.findData(values[key])))
            else:
                widget.setText(str(values[key]))

    def setting_values(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, widget in self.setting_widgets.items():
            if isinstance(widget, QSpinBox):
                out[key] = widget.value()
            elif isinstance(widget, QCheckBox):
                out[key] = int(widget.isChecked())
            elif isinstance(widget, QComboBox):
                out[key] = widget.currentData()
            else:
                out[key] = widget.text()
        return out

    def save_settings(self) -> None:
        def done(_values) -> None:
            self.settings_result.say(self.tr("Settings saved."), "ok")

        def failed(error: Exception) -> bool:
            if isinstance(error, CafeError):
                self.settings_result.say(i18n.error_text(error), "error")
                return True
            return False

        self._ops.run(
            self._cafe.settings.update, by=self.owner.id, on_done=done, on_error=failed, **self.setting_values()
        )

    # -- menu tab --------------------------------------------------------------------------

    def _menu_tab(self) -> QWidget:
        page = QWidget()
        v = QVBoxLayout(page)
        self.menu_model = QStringListModel(self)
        self.menu_list = QListView(objectName="history")
        self.menu_list.setModel(self.menu_model)
        v.addWidget(self.menu_list, 1)
        form = QFormLayout()
        self.item_name = QLineEdit()
        self.item_category = QLineEdit()
        self.item_category.setPlaceholderText(self.tr("coffee, tea, cake…"))
        form.addRow(self.tr("New item"), self.item_name)
        form.addRow(self.tr("Category"), self.item_category)
        v.addLayout(form)
        self.menu_result = Banner()
        v.addWidget(self.menu_result)
        row = QHBoxLayout()
        self.remove_item_button = QPushButton(self.tr("Take off the menu"))
        self.add_item_button = QPushButton(self.tr("Add to menu"))
        theme.set_kind(self.add_item_button, "primary")
        row.addStretch(1)
        row.addWidget(self.remove_item_button)
        row.addWidget(self.add_item_button)
        v.addLayout(row)
        self.add_item_button.clicked.connect(self.add_item)
        self.remove_item_button.clicked.connect(self.remove_item)
        self.load_menu()
        return page

    def load_menu(self) -> None:
        self._ops.query(self._cafe.menu.list, on_done=self._got_menu)

    def _got_menu(self, menu: list[MenuItemView]) -> None:
        self._menu = menu
        self.menu_model.setStringList(
            [
                f"{i.name} · {i.category or '—'} · "
                + self.tr("added {0}").format(i18n.date_text(dt.date.fromisoformat(i.added_on)))
                for i in self._menu
            ]
        )

    def _menu_failed(self, error: Exception) -> bool:
        if isinstance(error, CafeError):
            self.menu_result.say(i18n.error_text(error), "error")
            return True
        return False

    def add_item(self) -> None:
        def done(item) -> None:
            self.item_name.clear()
            self.menu_result.say(
                self.tr("{0} is on the menu; regulars who have not had it will be offered it.").format(item.name), "ok"
            )

        self._ops.run(
            self._cafe.menu.add,
            self.item_name.text(),
            self.item_category.text(),
            by=self.owner.id,
            on_done=done,
            on_error=self._menu_failed,
        )

    def remove_item(self) -> None:
        row = _selected_row(self.menu_list, self.menu_result, self.tr("Choose an item first."))
        if row is None:
            return
        self._ops.run(
            self._cafe.menu.set_active,
            self._menu[row].id,
            False,
            by=self.owner.id,
            on_error=self._menu_failed,
        )

    # -- regulars tab ----------------------------------------------------------------------

    def _regulars_tab(self) -> QWidget:
        page = QWidget()
        grid = QGridLayout(page)
        self.care_models: dict[str, QStringListModel] = {}
        titles = {
            "birthdays": self.tr("BIRTHDAYS IN THE NEXT TWO WEEKS"),
            "followups": self.tr("FEEDBACK TO FOLLOW UP"),
            "lapsed": self.tr("REGULARS TO WIN BACK"),
            "referrals": self.tr("WHO BRINGS FRIENDS"),
        }
        for n, (key, title) in enumerate(titles.items()):
            box = QVBoxLayout()
            box.addWidget(QLabel(title, objectName="sectionTitle"))
            model = QStringListModel(self)
            view = QListView(objectName="history")
            view.setModel(model)
            view.setWordWrap(True)
            box.addWidget(view)
            self.care_models[key] = model
            grid.addLayout(box, n // 2, n % 2)
        self.load_care()
        return page

    def load_care(self) -> None:
        """The four lists read weeks of visits at a big café: gathered on the maintenance thread."""
        regulars, feedback = self._cafe.regulars, self._cafe.feedback

        def gather() -> tuple:
            return regulars.upcoming_birthdays(14), feedback.follow_ups(), regulars.lapsed(), regulars.referrals()

        self._ops.background(gather, on_done=self._show_care)

    def _show_care(self, found: tuple) -> None:
        birthdays, follow_ups, lapsed, referrals = found
        self.care_models["birthdays"].setStringList(
            [f"{i18n.date_text(d, weekday=True, year=False)} · {name}" for d, _cid, name in birthdays]
            or [self.tr("No birthdays coming up.")]
        )
        self.care_models["followups"].setStringList(
            [f"{i18n.date_text(to_local(f.at).date(), year=False)} · {f.first_name}: {f.text}" for f in follow_ups]
            or [self.tr("All dealt with.")]
        )
        shown = [
            i18n.numbers(
                self.tr("{0}: {1} days away (usually every {2})"), r.first_name, r.days_since, r.usual_interval_days
            )
            for r in lapsed[:CARE_LIMIT]
        ]
        if len(lapsed) > CARE_LIMIT:
            shown.append(
                i18n.numbers(self.tr("…and {0} more (the command line lists them all)"), len(lapsed) - CARE_LIMIT)
            )
        self.care_models["lapsed"].setStringList(shown or [self.tr("Nobody is lapsing.")])
        self.care_models["referrals"].setStringList(
            [self.tr("{0}: %n friend(s)", "", n).format(name) for _cid, name, n in referrals]
            or [self.tr("No referrals yet.")]
        )

    # -- staff tab -------------------------------------------------------------------------

    def _staff_tab(self) -> QWidget:
        page = QWidget()
        v = QVBoxLayout(page)
        self.staff_model = QStringListModel(self)
        self.staff_list = QListView()
        self.staff_list.setModel(self.staff_model)
        self.staff_list.setObjectName("history")
        v.addWidget(self.staff_list, 1)
        form = QFormLayout()
        self.staff_name = QLineEdit()
        self.staff_role = QComboBox()
        self.staff_role.addItem(self.tr("Barista"), "barista")
        self.staff_role.addItem(self.tr("Owner"), "owner")
        self.staff_pin = QLineEdit()
        self.staff_pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.staff_pin.setPlaceholderText(self.tr("Owners need one; baristas don't"))
        form.addRow(self.tr("Name"), self.staff_name)
        form.addRow(self.tr("Role"), self.staff_role)
        form.addRow(self.tr("PIN"), self.staff_pin)
        v.addLayout(form)
        self.staff_result = Banner()
        v.addWidget(self.staff_result)
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
        self.load_staff()
        return page

    def load_staff(self) -> None:
        self._ops.query(self._cafe.staff.list, on_done=self._got_staff)

    def _got_staff(self, staff: list[StaffView]) -> None:
        self._staff = staff
        role = {"owner": self.tr("owner"), "barista": self.tr("barista")}
        self.staff_model.setStringList(
            [f"{s.name} · {role[s.role]}" + (" · " + self.tr("PIN") if s.has_pin else "") for s in self._staff]
        )

    def _staff_failed(self, error: Exception) -> bool:
        if isinstance(error, CafeError):
            self.staff_result.say(i18n.error_text(error), "error")
            return True
        return False

    def add_staff(self) -> None:
        def done(person: StaffView) -> None:
            self.staff_name.clear()
            self.staff_pin.clear()
            self.staff_result.say(self.tr("{0} added.").format(person.name), "ok")

        self._ops.run(
            self._cafe.staff.add,
            self.staff_name.text(),
            self.staff_role.currentData(),
            self.staff_pin.text() or None,
            by=self.owner.id,
            on_done=done,
            on_error=self._staff_failed,
        )

    def set_pin(self) -> None:
        row = _selected_row(self.staff_list, self.staff_result, self.tr("Choose someone in the list first."))
        if row is None:
            return
        person = self._staff[row]

        def done(_view) -> None:
            self.staff_pin.clear()
            self.staff_result.say(self.tr("PIN set for {0}.").format(person.name), "ok")

        self._ops.run(
            self._cafe.staff.set_pin,
            person.id,
            self.staff_pin.text(),
            by=self.owner.id,
            on_done=done,
            on_error=self._staff_failed,
        )

"""Owner ▸ Backup: export, verify and restore the monthly backup, go back to a daily snapshot,
and export spreadsheets of the café's data.

Each step runs on the worker with a progress bar; a restore is verified in full and shown beside
what it would replace before the owner confirms it. A spreadsheet export can be stopped."""

from __future__ import annotations

import threading
from pathlib import Path

from cafe_loyalty_ui import i18n, theme
from cafe_loyalty_ui.owner.backup_passphrase_dialog import BackupPassphraseDialog
from cafe_loyalty_ui.owner.screen import OwnerTab, counts_text
from cafe_loyalty_ui.widgets import SecretPair, save_dialog, selected_row
from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListView,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
)

from cafe_loyalty.backup.archive import SUFFIX, BackupSummary
from cafe_loyalty.errors import CafeError
from cafe_loyalty.io.spreadsheets import SpreadsheetExport
from cafe_loyalty.services.auto_backups import AutoBackupStatus
from cafe_loyalty.services.backups import BackupReminder, RestoreResult


class BackupTab(OwnerTab):
    areas = ("backups", "settings")  # the café's name is in the backup's file name

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.file_dialog: QFileDialog | None = None
        self.pending_restore: tuple[str, str] | None = None  # (kind, path) waiting for confirmation
        self._snapshots: list[Path] = []
        self._default_name = "cafe" + SUFFIX  # until the status read below names it
        v = QVBoxLayout(self)
        v.setSpacing(12)
        self.backup_status = QLabel()
        self.backup_status.setWordWrap(True)
        v.addWidget(self.backup_status)
        form = QFormLayout()
        self.passphrases = SecretPair(
            form,
            self.tr("Passphrase"),
            self.tr("Optional: encrypts the backup file"),
            self.tr("Repeat it when exporting"),
            parent=self,
        )
        self.passphrase, self.passphrase_again = self.passphrases.first, self.passphrases.again
        v.addLayout(form)
        row = QHBoxLayout()
        self.export_button = QPushButton(self.tr("Export backup…"))
        theme.set_kind(self.export_button, "primary")
        self.verify_button = QPushButton(self.tr("Verify a backup…"))
        self.restore_button = QPushButton(self.tr("Restore from backup…"))
        for b in (self.export_button, self.verify_button, self.restore_button):
            row.addWidget(b)
        v.addLayout(row)
        sheets = QHBoxLayout()
        self.sheets_button = QPushButton(self.tr("Export spreadsheets…"))
        self.sheets_button.setToolTip(self.tr("Customers, cards, stamps and visits as CSV files for a spreadsheet"))
        self.sheets_button.clicked.connect(self.ask_sheets)
        self.stop_button = QPushButton(self.tr("Stop"))
        self.stop_button.clicked.connect(self.stop)
        self.stop_button.hide()
        sheets.addWidget(self.sheets_button)
        sheets.addStretch(1)
        sheets.addWidget(self.stop_button)
        v.addLayout(sheets)
        self._stopping = threading.Event()
        self.export_button.clicked.connect(self.ask_export)
        self.verify_button.clicked.connect(lambda: self.ask_open(self.verify))
        self.restore_button.clicked.connect(lambda: self.ask_open(self.check_restore))
        self.progress = QProgressBar()
        self.progress.hide()
        v.addWidget(self.progress)
        v.addWidget(self.result)
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
        v.addWidget(QLabel(self.tr("A BACKUP A DAY, OFF THIS COMPUTER"), objectName="sectionTitle"))
        self.auto_status = QLabel(objectName="hint")
        self.auto_status.setWordWrap(True)
        v.addWidget(self.auto_status)
        auto_row = QHBoxLayout()
        self.folder_button = QPushButton(self.tr("Keep backups in…"))
        self.folder_button.setToolTip(
            self.tr("A USB stick, a network folder, or a folder Google Drive, Dropbox, OneDrive or Syncthing mirrors")
        )
        self.folder_button.clicked.connect(self.ask_folder)
        self.auto_now_button = QPushButton(self.tr("Back up there now"))
        self.auto_now_button.clicked.connect(self.auto_now)
        self.passphrase_button = QPushButton(self.tr("Passphrase…"))
        self.passphrase_button.setToolTip(self.tr("Encrypt the backups written to the folder"))
        self.passphrase_button.clicked.connect(lambda: self.ask_passphrase(self._auto_encrypted))
        self.auto_off_button = QPushButton(self.tr("Stop"))
        self.auto_off_button.clicked.connect(lambda: self.act(self._cafe.auto_backups.choose_folder, ""))
        self.passphrase_dialog: BackupPassphraseDialog | None = None
        self._auto_encrypted = False
        for button in (self.folder_button, self.auto_now_button, self.passphrase_button, self.auto_off_button):
            auto_row.addWidget(button)
        auto_row.addStretch(1)
        v.addLayout(auto_row)
        v.addWidget(QLabel(self.tr("DAILY SNAPSHOTS (kept automatically, newest first)"), objectName="sectionTitle"))
        self.snapshot_model = QStringListModel(self)
        self.snapshot_list = QListView()
        self.snapshot_list.setModel(self.snapshot_model)
        self.snapshot_list.setObjectName("history")
        v.addWidget(self.snapshot_list, 1)
        self.snapshot_button = QPushButton(self.tr("Go back to this snapshot…"))
        self.snapshot_button.clicked.connect(self.check_snapshot_restore)
        v.addWidget(self.snapshot_button, 0, Qt.AlignmentFlag.AlignRight)
        self.reload()

    def reload(self) -> None:
        backups = self._cafe.backups
        self._ops.query(
            lambda: (backups.reminder(), backups.snapshots(), backups.default_path(Path.home()).name),
            on_done=self._got_status,
        )
        self._ops.query(self._cafe.auto_backups.status, on_done=self._got_auto)

    def _got_auto(self, status: AutoBackupStatus) -> None:
        self._auto_encrypted = status.encrypted
        for button in (self.auto_now_button, self.passphrase_button, self.auto_off_button):
            button.setVisible(bool(status.folder))
        if not status.folder:
            self.auto_status.setText(
                self.tr(
                    "Choose a folder on a USB stick, a network share or a synced folder: the till then writes "
                    "a verified backup there every day, when it closes or when it is idle, and keeps 7 daily, "
                    "4 weekly and 12 monthly ones."
                )
            )
            return
        text = self.tr("Backups go to {0}.").format(i18n.isolate(status.folder))
        if status.last_at is not None:
            text += " " + self.tr("Last one {0} (verified).").format(i18n.when(status.last_at))
        else:
            text += " " + self.tr("None written there yet.")
        if status.encrypted and status.passphrase_here:
            text += " " + self.tr("Encrypted with the passphrase this computer keeps.")
        elif status.encrypted:
            text += " " + self.tr("Encrypted, but this computer does not hold the passphrase: type it again.")
        else:
            text += " " + self.tr("Not encrypted.")
        if status.failing_since is not None:
            text += " " + self.tr("Failing since {0}: {1}").format(i18n.when(status.failing_since), status.problem)
        self.auto_status.setText(text)

    def ask_folder(self) -> None:
        self.file_dialog = QFileDialog(self, self.tr("Keep backups in"))
        self.file_dialog.setFileMode(QFileDialog.FileMode.Directory)
        self.file_dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
        self.file_dialog.fileSelected.connect(
            lambda folder: self.act(self._cafe.auto_backups.choose_folder, folder, on_done=self._folder_chosen)
        )
        self.file_dialog.open()

    def _folder_chosen(self, status: AutoBackupStatus) -> None:
        self.result.say(self.tr("Backups will be kept there."), "ok")
        if status.folder and not status.encrypted:
            self.ask_passphrase(False)  # offered now: a USB stick gets lost

    def ask_passphrase(self, encrypted: bool) -> None:
        dialog = self.passphrase_dialog = BackupPassphraseDialog(self, encrypted)

        def said(error: Exception) -> bool:
            if isinstance(error, CafeError):
                dialog.result.say(i18n.error_text(error), "error")
                return True
            return self.failed(error)

        def done(text: str):
            return lambda _status: (dialog.accept(), self.result.say(text, "ok"))

        dialog.chosen.connect(
            lambda passphrase: self.act(
                self._cafe.auto_backups.set_passphrase,
                passphrase,
                on_done=done(self.tr("The backups will be encrypted with that passphrase. Keep it somewhere safe.")),
                on_error=said,
            )
        )
        dialog.stopped.connect(
            lambda: self.act(
                self._cafe.auto_backups.set_passphrase,
                None,
                on_done=done(self.tr("The backups will no longer be encrypted.")),
                on_error=said,
            )
        )
        dialog.open()

    def auto_now(self) -> None:
        self._busy(True)
        self._ops.run(
            self._cafe.auto_backups.run,
            force=True,
            on_done=lambda done: (
                self._busy(False),
                self.result.say(self.tr("Written and verified: {0}").format(i18n.isolate(done.written)), "ok"),
                self.reload(),
            ),
            on_error=lambda error: (self.failed(error), self.reload())[0],
        )

    def _got_status(self, found: tuple[BackupReminder, list[Path], str]) -> None:
        reminder, self._snapshots, self._default_name = found
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
        for b in (
            self.export_button,
            self.verify_button,
            self.restore_button,
            self.snapshot_button,
            self.sheets_button,
        ):
            b.setEnabled(not busy)
        if not busy:
            self.stop_button.hide()
        self.progress.setVisible(busy)
        if busy:
            self.progress.setRange(0, 0)

    def show_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)

    def failed(self, error: Exception) -> bool:
        self._busy(False)
        return super().failed(error)

    def _run(self, fn, *args, on_done, writes: bool = True, **kwargs) -> None:
        """A backup operation on the worker, with the tab showing it is busy."""
        self._busy(True)
        self.act(fn, *args, on_done=on_done, writes=writes, **kwargs)

    def ask_export(self) -> None:
        if self.passphrases.text() is None:
            self.result.say(self.tr("The two passphrases differ."), "error")
            return
        self.file_dialog = save_dialog(self, self.tr("Export backup"), self._default_name, SUFFIX.lstrip("."))
        self.file_dialog.fileSelected.connect(self.export)
        self.file_dialog.open()

    def export(self, path: str) -> None:
        self._run(self._cafe.backups.create, path, passphrase=self._passphrase(), progress=True, on_done=self._exported)

    def _exported(self, summary: BackupSummary) -> None:
        self._busy(False)
        self.result.say(
            self.tr(
                "Backup saved to {0} ({1}). Keep a copy away from the café. Spreadsheets of the same data are a "
                "separate export, below."
            ).format(i18n.isolate(summary.path), counts_text(summary.counts)),
            "ok",
        )
        self.sheets_button.setFocus()  # the second step, offered right after the backup

    # -- spreadsheets ----------------------------------------------------------------------

    def ask_sheets(self) -> None:
        """Choose where: a new dated folder is made inside the folder chosen."""
        self.file_dialog = QFileDialog(self, self.tr("Export spreadsheets into"), str(Path.home()))
        self.file_dialog.setFileMode(QFileDialog.FileMode.Directory)
        self.file_dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
        self.file_dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        self.file_dialog.fileSelected.connect(self.export_sheets)
        self.file_dialog.open()

    def export_sheets(self, parent: str) -> None:
        backups, stopping = self._cafe.backups, self._stopping
        stopping.clear()

        def export(*, by: int, progress) -> SpreadsheetExport:
            folder = backups.default_spreadsheet_folder(Path(parent))
            return backups.export_spreadsheets(folder, by=by, progress=progress, stopped=stopping.is_set)

        self.stop_button.show()
        self._run(export, progress=True, writes=False, on_done=self._sheets_done)

    def stop(self) -> None:
        self._stopping.set()

    def _sheets_done(self, done: SpreadsheetExport) -> None:
        self._busy(False)
        files = i18n.list_separator().join(
            i18n.numbers(self.tr("{0}: {1} rows"), name, rows) for name, rows in done.files.items()
        )
        self.result.say(self.tr("Spreadsheets saved in {0} ({1}).").format(i18n.isolate(str(done.folder)), files), "ok")

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
        self.result.say(
            self.tr("This backup is good. Made {0}: {1}. Integrity: {2}.").format(
                i18n.iso_text(summary.created_at),
                counts_text(summary.counts),
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
        row = selected_row(self.snapshot_list, self.result, self.tr("Choose a snapshot first."))
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
        what = (
            self.tr("the backup of {0} ({1})").format(when, counts_text(counts))
            if counts
            else self.tr("the snapshot of {0}").format(when)
        )
        self.confirm_text.setText(
            self.tr("Replace the current database ({0}) with {1}? A safety copy of today's data is kept.").format(
                counts_text(current), what
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
        said = self.tr("Restored. Today's data before the restore was saved as {0}.").format(result.safety_copy)
        if result.forgotten_again:
            said += " " + self.tr(
                "%n customer(s) forgotten since then were forgotten again.", "", result.forgotten_again
            )
        self.result.say(said, "ok")

"""The strips over the tiles that say what needs doing: the monthly backup reminder and the
automatic backup's trouble, the server being away, stamps the server refused, and the daily
snapshot and backup behind them.

A presenter of the till window (see :mod:`~cafe_loyalty_ui.till.presenter`)."""

from __future__ import annotations

import time

from cafe_loyalty_ui import i18n
from cafe_loyalty_ui.dialogs.pin import as_owner
from cafe_loyalty_ui.till.presenter import Presenter

from cafe_loyalty.clock import to_local
from cafe_loyalty.errors import CafeError
from cafe_loyalty.services.auto_backups import AutoBackupStatus
from cafe_loyalty.services.backups import BackupReminder
from cafe_loyalty.services.staff import StaffView


class StatusStrips(Presenter):
    def maybe_auto_backup(self) -> bool:
        """Start today's automatic backup if one is due and the till is idle; True if started."""
        idle_for = time.monotonic() - self._w._last_busy
        if self._w._auto_backup_running or not self._w.ops.idle or idle_for < self._w.AUTO_BACKUP_IDLE:
            return False
        self._w._auto_backup_running = True

        def finished(_result: object = None) -> None:
            self._w._auto_backup_running = False
            self.update_reminder()

        def failed(_error: Exception) -> bool:
            finished()
            return True  # recorded by the core and said in the strip, never a dialog

        self._w.ops.background(self._w.till.run_auto_backup, on_done=finished, on_error=failed)
        return True

    def update_reminder(self) -> None:
        self._w.ops.query(
            lambda: (self._w.till.backup_reminder(), self._w.till.auto_backup_status()),
            on_done=lambda both: self._got_reminder(*both),
        )

    def _got_reminder(self, reminder: BackupReminder, auto: AutoBackupStatus | None = None) -> None:
        if auto is not None and auto.failing_since is not None:
            # Never a dialog during service: a line in the strip, a warning after three days.
            since = i18n.date_text(to_local(auto.failing_since).date(), weekday=True, year=False)
            text = self.tr("Backups could not be written to {0} since {1}.").format(i18n.isolate(auto.folder), since)
            if auto.serious:
                text += " " + self.tr("Check the stick or the network folder: the last backup is getting old.")
            self._w.reminder_text.setText(text)
            self._w.reminder.setProperty("tone", "error" if auto.serious else "warn")
            self._w.reminder.style().unpolish(self._w.reminder)
            self._w.reminder.style().polish(self._w.reminder)
            self._w.reminder.setVisible(not self._w.offline_strip.isVisible())
            return
        if self._w.reminder.property("tone"):
            self._w.reminder.setProperty("tone", "")
            self._w.reminder.style().unpolish(self._w.reminder)
            self._w.reminder.style().polish(self._w.reminder)
        if reminder.due:
            if reminder.days_since is None:
                self._w.reminder_text.setText(self.tr("No backup yet. Export one and keep it away from this computer."))
            else:
                self._w.reminder_text.setText(
                    self.tr("The last backup was %n day(s) ago. Time for this month's.", "", reminder.days_since)
                )
        self._w.reminder.setVisible(reminder.due and not self._w.offline_strip.isVisible())

    def show_offline(self, text: str | None) -> None:
        """The strip that says the server is away (None: it is back). Meanwhile the backup
        reminder steps aside: a backup needs the server, and the tiles need the room."""
        if text is None:
            self._w.offline_strip.hide()
            self.update_reminder()
            return
        self._w.offline_strip.setText(text)
        self._w.offline_strip.show()
        self._w.reminder.hide()

    def update_refused(self) -> None:
        self._w.ops.query(self._w.till.refused, on_done=self._got_refused)

    def _got_refused(self, rows: list) -> None:
        self._w.refused_text.setText(
            self.tr(
                "%n stamp(s) made while the server was away were refused when sent. The owner decides.", "", len(rows)
            )
        )
        self._w.refused.setVisible(bool(rows))

    def open_refused(self) -> None:
        """PIN first (when one is set), then the stamps to decide."""
        as_owner(self._w, self._w.till, self._w.ops, self._show_refused)

    def _show_refused(self, owner: StaffView) -> None:
        from cafe_loyalty_ui.till.refused_dialog import RefusedDialog

        self._w.refused_dialog = dialog = RefusedDialog(self._w.till, self._w.ops, owner.id, self._w)
        dialog.decided.connect(self.update_refused)
        dialog.open()

    def take_snapshot(self) -> None:
        def failed(error: Exception) -> bool:
            if isinstance(error, CafeError):
                self._w.banner.say(
                    self.tr("Today's automatic snapshot failed: {0}").format(i18n.error_text(error)), "warn"
                )
                return True
            return False

        self._w.ops.background(self._w.till.snapshot_if_due, on_error=failed)
        # An erasure whose wipe of the free space had to wait (full disk, another reader).
        self._w.ops.background(self._w.till.finish_pending_erasures, on_error=lambda _e: True)

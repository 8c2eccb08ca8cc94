"""Starting the till: one QApplication, the app lock, the database, first-run setup."""

from __future__ import annotations

import datetime as dt
import logging
import sys
from pathlib import Path
from typing import Any

import shiboken6
from cafe_loyalty_ui.dialogs.common import SetupDialog
from cafe_loyalty_ui.till.server_link import ServerLink
from cafe_loyalty_ui.till.window import TillWindow
from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QApplication, QInputDialog, QLineEdit, QMessageBox, QWidget

from cafe_loyalty import till_prefs
from cafe_loyalty.app import Cafe, default_db_path, local_folder_for
from cafe_loyalty.backup.crypto import WrongPassphrase
from cafe_loyalty.errors import CafeError, DamagedDatabase, ServerUnreachable, StorageError
from cafe_loyalty.page.host import PhonePageHost
from cafe_loyalty.replica.till_file import TILL_FILE
from cafe_loyalty.services.backups import good_snapshot, replace_damaged
from cafe_loyalty.store.db import AppLock, is_url
from cafe_loyalty.store.failures import storage_errors
from cafe_loyalty.till import Sent

from . import i18n, icons, theme
from .operations import Operations

log = logging.getLogger(__name__)


def _quiet(_error: Exception) -> bool:
    """Upkeep of the till's copy that fails loses nothing: the next refresh brings it."""
    return True


class Session:
    """What one running till holds: the lock on the file, the services and the windows."""

    def __init__(
        self, app: QApplication, path: Path | str, language: str | None = None, customer_display: bool = False
    ):
        self.app = app
        self.customer_display = customer_display  # --customer-display: open it with the till
        self.page_host: PhonePageHost | None = None
        self.path = path  # a SQLite file, or a PostgreSQL server's address
        self.language = language  # --lang: this run only; otherwise the café's setting
        # One till to a SQLite file. On a server several tills are the point, but each keeps
        # its own queue and copy (cafe_loyalty.replica): one copy of the app to those.
        self.lock = AppLock(local_folder_for(str(path)) / TILL_FILE if is_url(path) else path)
        self.cafe: Cafe | None = None
        self.ops: Operations | None = None
        self.window: TillWindow | None = None
        self.setup_dialog: SetupDialog | None = None
        self.restore_box: QMessageBox | None = None  # first start: "restore this backup?"
        self.passphrase_dialog: QInputDialog | None = None
        self._recovering = False
        self.settings: dict[str, Any] = {}
        self.link: ServerLink | None = None  # on a server: what the other tills commit
        self._link_slots: list[tuple[Any, Any]] = []
        self._offline_since = ""  # the last contact with the server, while it is away
        self._offline_timer = QTimer()
        self._offline_timer.setInterval(30_000)
        self._offline_timer.timeout.connect(self._say_offline)

    def start(self) -> bool:
        """Open the file and show the first screen; False (after telling the person) if not."""
        try:
            self.lock.acquire()
            try:
                # A till of several that has kept a copy starts even while the server is away.
                self.cafe = Cafe.open(self.path, offline_ok=True)
            except StorageError as exc:
                if not self._offer_snapshot(exc):
                    raise
                self.cafe = Cafe.open(self.path)
        except CafeError as exc:
            if self.lock.is_locked:
                self.lock.release()
            QMessageBox.critical(None, "Café Loyalty", i18n.error_text(exc))
            return False
        # Read once, with the database being opened; the till keeps them current from then on.
        try:
            self.settings = self.cafe.till.settings()  # from the till's copy if the server is away
        except CafeError as exc:
            QMessageBox.critical(None, "Café Loyalty", i18n.error_text(exc))
            self.close()
            return False
        if self.cafe.url is not None:  # the till's worker threads have their own from here on
            self.cafe.release_connection()
        theme.use(self.settings["theme"])
        size = till_prefs.load().get("text_size")
        theme.set_text_size(size if isinstance(size, int) else 100)
        if self.settings["cafe_name"]:  # set up
            i18n.install(self.app, self.language or self.settings["language"])
            self.show_till()
        else:
            i18n.install(self.app, self.language or i18n.system_language())
            self.show_setup()
        return True

    def show_setup(self) -> None:
        """First run; picking a language there rebuilds the dialog in it, keeping what was typed."""
        assert self.cafe is not None
        old = self.setup_dialog
        self.setup_dialog = SetupDialog(self.cafe.set_up)
        if old is not None:
            for field in ("cafe_name", "owner_name", "pin", "pin_again"):
                getattr(self.setup_dialog, field).setText(getattr(old, field).text())
            self.setup_dialog.country.setCurrentIndex(
                max(0, self.setup_dialog.country.findData(old.country.currentData()))
            )
            old.hide()
            old.deleteLater()
        self.setup_dialog.language_chosen.connect(self._setup_language)
        self.setup_dialog.restore_chosen.connect(self.restore_first)
        self.setup_dialog.accepted.connect(self._set_up_done)
        self.setup_dialog.rejected.connect(self.app.quit)
        self.setup_dialog.show()

    def restore_first(self, path: str, passphrase: str | None = None) -> None:
        """A new computer: start from a backup (the backup folder's newest, say). It is checked
        and summarised first; an encrypted one asks its passphrase."""
        assert self.cafe is not None and self.setup_dialog is not None
        dialog = self.setup_dialog
        try:
            summary = self.cafe.backups.verify(path, passphrase)
        except WrongPassphrase as exc:
            ask = QInputDialog(dialog)
            ask.setWindowTitle(QCoreApplication.translate("Session", "Restore from a backup"))
            ask.setLabelText(i18n.error_text(exc))
            ask.setTextEchoMode(QLineEdit.EchoMode.Password)
            ask.textValueSelected.connect(lambda typed: self.restore_first(path, typed))
            self.passphrase_dialog = ask
            ask.open()
            return
        except CafeError as exc:
            dialog.show_error(i18n.error_text(exc))
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            QCoreApplication.translate("Session", "Restore from a backup"),
            i18n.numbers(
                QCoreApplication.translate(
                    "Session", "The backup of {0}: {1} regulars, {2} stamps. Start the till with it?"
                ),
                i18n.iso_text(summary.created_at),
                summary.counts.get("customer", 0),
                summary.counts.get("stamp", 0),
            ),
            QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel,
            dialog,
        )
        box.button(QMessageBox.StandardButton.Ok).setText(QCoreApplication.translate("Session", "Restore"))
        box.finished.connect(
            lambda _r: (
                box.standardButton(box.clickedButton()) == QMessageBox.StandardButton.Ok
                and self._restored_first(path, passphrase)
            )
        )
        self.restore_box = box
        box.open()

    def _restored_first(self, path: str, passphrase: str | None) -> None:
        assert self.cafe is not None and self.setup_dialog is not None
        try:
            self.cafe.backups.restore(path, passphrase)
        except CafeError as exc:
            self.setup_dialog.show_error(i18n.error_text(exc))
            return
        language = self.cafe.settings.get("language")
        i18n.install(self.app, self.language or language)
        self.setup_dialog.accept()  # the till opens on the café the backup held

    def _set_up_done(self) -> None:
        assert self.cafe is not None
        self.settings = self.cafe.settings.all()  # what setup just wrote; no worker exists yet
        self.show_till()

    def _setup_language(self, language: str) -> None:
        i18n.install(self.app, language)
        QTimer.singleShot(0, self.show_setup)  # not from inside the old dialog's own signal

    def switch_appearance(self, look: str, language: str) -> None:
        """The owner chose other colours, another language, or both in one save: the style
        sheet, the translation and every window are made again, once."""
        theme.use(look)
        i18n.install(self.app, language)
        QTimer.singleShot(0, self._rebuild_till)

    def switch_text_size(self, percent: int) -> None:
        """Someone at this till chose another text size: kept for this till, and the till is
        made again with it (sizes are read when widgets are built)."""
        till_prefs.save(text_size=percent)
        theme.set_text_size(percent)
        i18n.install(self.app, i18n.current())
        QTimer.singleShot(0, self._rebuild_till)

    def _rebuild_till(self) -> None:
        """The till made again (colours, language, text size); the regular who was open stays
        open: the barista was serving them."""
        open_id = None
        if self.window is not None:
            self.settings = self.window.settings  # kept current by the till from its changes
            shown = self.window.panel.customer
            open_id = shown.id if shown is not None else None
            owner = getattr(self.window, "owner_dialog", None)
            if owner is not None and shiboken6.isValid(owner) and owner.isVisible():
                owner.discard_and_close()  # its save is what asked for the new till
            self.window.close()  # also stops its operations
            self.window.deleteLater()
        self.show_till()
        if open_id is not None and self.window is not None:
            self.window.open_customer(open_id)

    def _offer_snapshot(self, error: StorageError) -> bool:
        """The database cannot be opened: offer the newest automatic snapshot that is sound."""
        damaged = isinstance(error, DamagedDatabase) and not is_url(self.path)
        snapshot = good_snapshot(Path(self.path)) if damaged else None
        if snapshot is None:
            return False
        if not self._ask_snapshot(i18n.error_text(error), snapshot, None):
            return False
        replace_damaged(Path(self.path), snapshot, dt.datetime.now().strftime("%Y%m%d-%H%M%S"))
        return True

    def _ask_snapshot(self, problem: str, snapshot: Path, parent: QWidget | None) -> bool:
        day = snapshot.stem.removeprefix("snapshot-")
        answer = QMessageBox.question(
            parent,
            "Café Loyalty",
            QCoreApplication.translate(
                "Session",
                "{0}\n\nThere is an automatic snapshot from {1}. Restore it? Anything recorded after it "
                "is lost, unless you have a newer backup. The damaged file is kept beside it.",
            ).format(problem, i18n.iso_text(day)),
        )
        return answer == QMessageBox.StandardButton.Yes

    def damaged(self, problem: str) -> None:
        """The open database turned out damaged (a read or write met a damaged table, or the
        health check found damage): the same offer as at start, then the till starts again on
        the snapshot. The damaged file is kept beside it."""
        if self._recovering or self.window is None:
            return
        self._recovering = True
        try:
            snapshot = None if is_url(self.path) else good_snapshot(Path(self.path))
            if snapshot is None:
                QMessageBox.warning(
                    self.window,
                    "Café Loyalty",
                    QCoreApplication.translate(
                        "Session",
                        "{0}\n\nThere is no sound automatic snapshot to go back to. Keep working only as needed, "
                        "then restore a backup from the Owner screen.",
                    ).format(problem),
                )
                return
            if not self._ask_snapshot(problem, snapshot, self.window):
                return
            self.window.close()
            self.window.deleteLater()
            self.window = None
            if self.ops is not None:
                self.ops.shutdown()
            if self.cafe is not None:
                self.cafe.close()
            replace_damaged(Path(self.path), snapshot, dt.datetime.now().strftime("%Y%m%d-%H%M%S"))
            self.cafe = Cafe.open(self.path)
            self.show_till()
        except CafeError as exc:
            QMessageBox.critical(None, "Café Loyalty", i18n.error_text(exc))
        finally:
            self._recovering = False

    def show_till(self) -> None:
        assert self.cafe is not None
        self.ops = Operations()
        self.window = TillWindow(self.cafe.till, self.ops, self.settings)
        self.window.appearance_changed.connect(self.switch_appearance)
        self.window.text_size_changed.connect(self.switch_text_size)
        ops = self.ops
        # A report still queued from the till before a recovery is about the file it replaced.
        ops.damaged.connect(lambda problem: ops is self.ops and self.damaged(problem))
        self.window.show_fitting()
        if self.customer_display or till_prefs.load().get("display_open"):
            self.window.display_link.open_display()
        if self.cafe.url is not None:
            self._listen(ops)
            till = self.cafe.till
            # The till's copy follows every change, here and on the other tills (the core decides
            # what to read again; see ReplicaTill.follow), on the maintenance thread.
            ops.changed.connect(
                lambda changes: ops is self.ops and ops.background(till.follow, changes, on_error=_quiet)
            )
            if not till.offline:
                self._catch_up(ops)
                ops.background(till.refresh, on_error=_quiet)
        self.page_host = self.page_host or PhonePageHost(self.cafe)
        ops.changed.connect(lambda changes: changes.setting(*PhonePageHost.KEYS) and self.apply_page(ops))
        self.apply_page(ops)
        # A health report about the file a recovery has since replaced is dropped, like the
        # damage reports above: another read may have found the damage first.
        ops.background(self.cafe.backups.quick_check, on_done=lambda result: ops is self.ops and self._health(result))

    def _listen(self, ops: Operations) -> None:
        """On a server: what the other tills commit refreshes this till's screens (and its
        customer display), and a lost server is said in the banner."""
        assert self.cafe is not None and self.cafe.url is not None
        fresh = self.link is None
        if self.link is None:
            self.link = ServerLink(self.cafe.url)
        link = self.link
        for signal, slot in self._link_slots:  # the till's earlier window (before a rebuild)
            signal.disconnect(slot)
        window = self.window
        assert window is not None

        def lost(since: str) -> None:
            assert self.cafe is not None
            self.cafe.till.away()  # taps go to the queue at once, without trying the server
            self._offline_since = since
            self._say_offline()
            self._offline_timer.start()

        def back() -> None:
            self._offline_timer.stop()
            window.strips.show_offline(None)
            window.banner.say(QCoreApplication.translate("Session", "Connected to the server again."), "ok")
            self._catch_up(ops)

        def unreachable() -> None:  # a read found the server away before the listener said so
            if not window.offline_strip.isVisible():
                lost(link.last_contact.strftime("%H:%M"))

        self._link_slots = [
            (link.heard, ops.changed.emit),
            (link.lost, lost),
            (link.back, back),
            (ops.unreachable, unreachable),
        ]
        for signal, slot in self._link_slots:
            signal.connect(slot)
        if fresh:
            link.start()  # after the connections: its first word may be that the server is away
        if link.is_lost or self.cafe.till.offline:  # a till started on its copy, or rebuilt
            lost(self._offline_since or link.last_contact.strftime("%H:%M"))

    def _say_offline(self) -> None:
        """The strip over the tiles while the server is away: since when, and how many stamps
        wait on this till (read on the database thread; said again each half minute)."""
        window, ops, link = self.window, self.ops, self.link
        if window is None or ops is None or link is None:
            return
        minutes = int((dt.datetime.now() - link.last_contact).total_seconds() // 60)

        def say(waiting: int) -> None:
            if window is not self.window:
                return
            window.strips.show_offline(
                i18n.numbers(
                    QCoreApplication.translate(
                        "Session",
                        "The database server cannot be reached (last contact {0}, {1} min ago). Stamps are kept on "
                        "this till ({2} waiting) and sent when it is back; other changes wait.",
                    ),
                    self._offline_since,
                    minutes,
                    waiting,
                )
            )

        ops.query(self.cafe.till.waiting if self.cafe else (lambda: 0), on_done=say)

    def _catch_up(self, ops: Operations) -> None:
        """Send what this till kept while the server was away, and say what became of it."""
        assert self.cafe is not None

        def report(sent: Sent) -> None:
            window = self.window
            if window is None or ops is not self.ops:
                return
            window.strips.update_refused()
            if sent.refused:
                window.banner.say(
                    i18n.numbers(
                        QCoreApplication.translate(
                            "Session",
                            "Stamps kept on this till were sent: {0} added, {1} refused by the server. The owner "
                            "decides on those.",
                        ),
                        sent.sent + sent.already,
                        sent.refused,
                    ),
                    "warn",
                )
            elif sent.sent:
                window.banner.say(
                    i18n.numbers(
                        QCoreApplication.translate(
                            "Session", "Connected again: {0} stamp(s) kept on this till were sent."
                        ),
                        sent.sent,
                    ),
                    "ok",
                )

        ops.run(self.cafe.till.catch_up, on_done=report, on_error=lambda e: isinstance(e, ServerUnreachable))

    def apply_page(self, ops: Operations) -> None:
        """Start, move or stop the phone page as the settings say (on the maintenance thread:
        announcing the café's name takes a moment); a failure to listen is said on the till."""
        host = self.page_host
        if host is None:
            return

        def failed(error: Exception) -> bool:
            if isinstance(error, CafeError) and self.window is not None and ops is self.ops:
                self.window.banner.say(i18n.error_text(error), "warn")
                return True
            return False

        ops.background(host.apply, on_error=failed)

    def _health(self, result: str) -> None:
        if result != "ok" and self.window is not None:
            self.damaged(
                QCoreApplication.translate("Session", "The database reports damage ({0}).").format(result[:200])
            )

    def close(self) -> None:
        if self.link is not None:
            self.link.stop()
        if self.window is not None:
            self.window.close()
        if self.ops is not None:
            self.ops.shutdown()
        if self.cafe is not None and not self.cafe.till.offline:
            self._backup_at_close()
        if self.page_host is not None:
            self.page_host.stop()
        if self.cafe is not None:
            self.cafe.close()
        if self.lock.is_locked:
            self.lock.release()

    def _backup_at_close(self) -> None:
        """The end of the day: today's automatic backup, if the owner chose a folder and none
        was written today. A failure is recorded for the strip at the next start, never shown
        as a dialog on the way out."""
        assert self.cafe is not None
        try:
            with storage_errors():
                if self.cafe.is_set_up and self.cafe.auto_backups.due():
                    self.cafe.auto_backups.run()
        except CafeError:
            log.warning("automatic backup at close failed", exc_info=True)


def database_target(db: str | None) -> Path | str:
    """Where the till opens: ``--db``, else the address kept for this till in ``till.json``
    (``"database"``, a till of several on a server), else the café's file in this user's data
    folder."""
    db = db or till_prefs.load().get("database") or None
    if not db or not isinstance(db, str):
        return default_db_path()
    return db if is_url(db) else Path(db)


def make_app() -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("cafe-loyalty")
    app.setApplicationDisplayName("Café Loyalty")
    app.setWindowIcon(icons.app_icon())
    theme.apply(app)
    return app  # type: ignore[return-value]


def run(db: str | None = None, language: str | None = None, customer_display: bool = False) -> int:
    app = make_app()
    session = Session(app, database_target(db), language, customer_display)
    if not session.start():
        return 1
    try:
        return app.exec()
    finally:
        session.close()

"""Starting the till: one QApplication, the app lock, the database, first-run setup."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox

from cafe_loyalty.app import Cafe, default_db_path
from cafe_loyalty.db import AppLock
from cafe_loyalty.errors import CafeError

from . import icons, theme
from .dialogs import SetupDialog
from .operations import Operations
from .till_window import TillWindow


class Session:
    """What one running till holds: the lock on the file, the services and the windows."""

    def __init__(self, app: QApplication, path: Path):
        self.app = app
        self.path = path
        self.lock = AppLock(path)
        self.cafe: Cafe | None = None
        self.ops: Operations | None = None
        self.window: TillWindow | None = None
        self.setup_dialog: SetupDialog | None = None

    def start(self) -> bool:
        """Open the file and show the first screen; False (after telling the person) if not."""
        try:
            self.lock.acquire()
            self.cafe = Cafe.open(self.path)
        except CafeError as exc:
            if self.lock.is_locked:
                self.lock.release()
            QMessageBox.critical(None, "Café Loyalty", exc.message)
            return False
        if self.cafe.is_set_up:
            self.show_till()
        else:
            self.setup_dialog = SetupDialog(self.cafe.set_up)
            self.setup_dialog.accepted.connect(self.show_till)
            self.setup_dialog.rejected.connect(self.app.quit)
            self.setup_dialog.show()
        return True

    def show_till(self) -> None:
        assert self.cafe is not None
        self.ops = Operations()
        self.window = TillWindow(self.cafe, self.ops)
        self.window.show()

    def close(self) -> None:
        if self.window is not None:
            self.window.close()
        if self.ops is not None:
            self.ops.shutdown()
        if self.cafe is not None:
            self.cafe.close()
        if self.lock.is_locked:
            self.lock.release()


def make_app() -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("cafe-loyalty")
    app.setApplicationDisplayName("Café Loyalty")
    app.setWindowIcon(icons.app_icon())
    theme.apply(app)
    return app  # type: ignore[return-value]


def run(db: str | None = None) -> int:
    app = make_app()
    session = Session(app, Path(db) if db else default_db_path())
    if not session.start():
        return 1
    try:
        return app.exec()
    finally:
        session.close()

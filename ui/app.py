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


def run(db: str | None = None, lang: str | None = None) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("cafe-loyalty")
    app.setApplicationDisplayName("Café Loyalty")
    app.setWindowIcon(icons.app_icon())
    theme.apply(app)
    path = Path(db) if db else default_db_path()
    lock = AppLock(path)
    try:
        lock.acquire()
        cafe = Cafe.open(path)
    except CafeError as exc:
        QMessageBox.critical(None, "Café Loyalty", exc.message)
        return exc.exit_code
    try:
        if not cafe.is_set_up:
            setup = SetupDialog(cafe.set_up)
            if setup.exec() != SetupDialog.DialogCode.Accepted:
                return 0
        ops = Operations()
        window = TillWindow(cafe, ops)
        window.show()
        return app.exec()
    finally:
        cafe.close()
        lock.release()

"""A child process for the cold-start benchmark: start, show a window, print the wall-clock
time once it is on screen, and leave at once.

    python bench/start.py empty          # the floor: a bare PySide6 window
    python bench/start.py till DB_PATH   # the till on a database, as ``cafe-loyalty --db`` starts it
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> None:
    if sys.argv[1] != "empty":
        import cafe_loyalty_ui.main  # noqa: F401  (the core, loaded before Qt as the entry point does)

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QWidget

    if sys.argv[1] == "empty":
        app = QApplication(sys.argv[:1])
        window = QWidget()
        window.resize(1280, 800)
        window.show()
    else:
        from cafe_loyalty_ui.app import Session, make_app

        app = make_app()
        session = Session(app, Path(sys.argv[2]))
        if not session.start():
            raise SystemExit("the till did not start")
        window = session.window

    def shown() -> None:
        window.repaint()  # the first frame, painted now
        print(time.time(), flush=True)
        os._exit(0)  # the time is taken: skip the orderly shutdown

    QTimer.singleShot(0, shown)
    app.exec()


if __name__ == "__main__":
    main()

"""The README's picture of a till whose PostgreSQL server is away (issue #18), taken for real:
a server is started on a temporary folder (tests/pg_server.py), the till starts on it, the
server is stopped, and a regular is stamped on the till's own queue.

xvfb-run -s "-screen 0 1366x860x24" python docs/offline_screenshot.py
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ["CAFE_LOYALTY_CONFIG_DIR"] = tempfile.mkdtemp()  # this till's own files: not this user's
os.environ["XDG_DATA_HOME"] = tempfile.mkdtemp()

from cafe_loyalty_ui.app import Session, make_app
from PySide6.QtCore import QCoreApplication

from cafe_loyalty.app import Cafe
from docs.screenshots import OUT, REGULARS
from tests.pg_server import Server


def wait_for(condition, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise SystemExit("the till did not get there")
        QCoreApplication.processEvents()
        time.sleep(0.02)


def main() -> None:
    server = Server().start()
    try:
        url = server.new_database()
        cafe = Cafe.open(url)
        cafe.set_up("Café Shirin", "Maryam", "2468")
        cafe.settings.update(guard_minutes=0, by=cafe.staff.owner_id())  # stamps made a moment ago
        staff = next(s.id for s in cafe.staff.list() if s.role == "barista")
        for first, last, usual, notes, stamps in reversed(REGULARS):
            extra = {"allergies": "nuts"} if first == "Sara" else {}
            regular = cafe.customers.add(first, last_name=last, usual=usual, notes=notes, by=staff, **extra)
            for _ in range(stamps):
                cafe.ledger.stamp(regular.card.id, by=staff)
        sara = cafe.customers.search("Sara")[0].id
        cafe.close()
        session = Session(make_app(), url)
        assert session.start()
        window = session.window
        window.resize(1366, 768)
        wait_for(lambda: window.ops.idle and session.link._listener.listening.is_set())
        window.staff_combo.setCurrentIndex(1)
        server.pause()  # the server goes away in the middle of service
        wait_for(lambda: window.offline_strip.isVisible())
        window.open_customer(sara)
        wait_for(lambda: window.panel.customer is not None and window.ops.idle)
        window.panel.actions.stamp()
        wait_for(lambda: window.ops.idle and window.panel.offline_note.isVisible())
        session._say_offline()
        wait_for(lambda: window.ops.idle)
        QCoreApplication.processEvents()
        window.grab().save(str(OUT / "till-offline.png"))
        session.close()
        print("wrote till-offline.png")
    finally:
        server.resume()
        server.stop()


if __name__ == "__main__":
    main()

"""Shared fixtures. Qt runs offscreen so the suite needs no display."""

from __future__ import annotations

import os
import subprocess

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import functools

import pytest
from pytestqt.qtbot import QtBot

from cafe_loyalty.app import Cafe
from cafe_loyalty.clock import FakeClock

# The GUI tests wait on conditions (a signal, a widget's state), never for a fixed time. The
# bound on such a wait only matters when the condition never comes: pytest-qt's 5 s was once
# too short on a busy 2-core CI machine (a test failed, then passed on the next run). 30 s.
WAIT_MS = 30_000


def _longer(wait):
    @functools.wraps(wait)
    def waiting(self, *args, timeout: int = WAIT_MS, **kwargs):
        return wait(self, *args, timeout=timeout, **kwargs)

    return waiting


for _name in ("waitUntil", "waitSignal", "waitSignals", "waitCallback", "waitExposed", "waitActive"):
    if hasattr(QtBot, _name):
        setattr(QtBot, _name, _longer(getattr(QtBot, _name)))


@pytest.fixture(autouse=True)
def till_config(tmp_path, monkeypatch):
    """This till's own preferences (which screen the customer display uses) and files go to a
    folder of the test's own, never the user's."""
    folder = tmp_path / "till-config"
    monkeypatch.setenv("CAFE_LOYALTY_CONFIG_DIR", str(folder))
    # A till on a server keeps its own files (its queue, its copy of the regulars) in the user's
    # data folder: each test gets one of its own.
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data-home"))
    return folder


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


def pytest_addoption(parser):
    parser.addoption(
        "--engine",
        choices=("sqlite", "postgresql"),
        default="sqlite",
        help="the database the 'cafe' fixture opens: a SQLite file (the default) or a fresh database "
        "on a PostgreSQL server started for the run (issue #18)",
    )


def pytest_collection_modifyitems(config, items):
    if config.getoption("--engine") != "postgresql":
        return
    skip = pytest.mark.skip(reason="about the SQLite file itself (its pages, locks, snapshots or copies)")
    for item in items:
        if item.get_closest_marker("sqlite_only"):
            item.add_marker(skip)


@pytest.fixture(scope="session")
def pg_server():
    """A PostgreSQL server for the whole run (tests/pg_server.py); skipped with the reason
    when none can be started, except in the CI (CAFE_TEST_REQUIRE_POSTGRESQL), which installs one."""
    from tests.pg_server import Server

    try:
        server = Server().start()
    except (RuntimeError, OSError, subprocess.CalledProcessError) as exc:
        if os.environ.get("CAFE_TEST_REQUIRE_POSTGRESQL"):  # the CI: a missing server fails
            raise
        pytest.skip(f"no PostgreSQL server: {exc}")
    yield server
    server.stop()


@pytest.fixture
def pg_url(pg_server):
    """A database on the test server with the café's schema and nothing in it, emptied again
    after the test."""
    url = pg_server.reused()
    yield url
    pg_server.empty(url)


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "cafe.db"


@pytest.fixture
def db_target(request, db_path):
    """Where the 'cafe' fixture keeps the café: the SQLite file, or (--engine postgresql) a
    fresh database on the test server."""
    if request.config.getoption("--engine") == "postgresql":
        return request.getfixturevalue("pg_url")
    return db_path


@pytest.fixture
def cafe(db_target, clock):
    """A set-up café (name, owner with PIN, one barista) on a fresh file, with a fake clock."""
    c = Cafe.open(db_target, clock=clock)
    c.set_up("Café Shirin", "Maryam", "2468")
    yield c
    c.close()


@pytest.fixture
def barista(cafe) -> int:
    return next(s.id for s in cafe.staff.list() if s.role == "barista")


@pytest.fixture
def make_till(qtbot, cafe):
    """A shown till window on ``cafe`` with the real worker thread (or inline, if asked)."""
    from cafe_loyalty_ui.operations import Operations
    from cafe_loyalty_ui.till.window import TillWindow

    def _make(synchronous: bool = False):
        window = TillWindow(cafe.till, Operations(synchronous=synchronous), cafe.settings.all())
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        qtbot.waitUntil(lambda: window.ops.idle)  # the first page of tiles, the staff, the reminder
        return window

    return _make


class KeyClock:
    """The scanner detector's clock, moved by the test: key timing without sleeping."""

    def __init__(self):
        self.ms = 1_000_000.0

    def __call__(self) -> float:
        return self.ms


@pytest.fixture
def window(make_till):
    """A till whose scanner detector runs on a :class:`KeyClock` (``window.key_clock``)."""
    w = make_till()
    w.activateWindow()
    w.key_clock = KeyClock()
    w.wedge.now_ms = w.key_clock
    return w


def rows_of(cafe) -> dict[str, list[tuple]]:
    """Every row of every table of ``cafe``, on either engine (to show nothing was written)."""
    from cafe_loyalty.store.pg_schema import TABLES

    key = {"setting": '"key"'}
    return {
        t: [tuple(r) for r in cafe.db.execute_sql(f'SELECT * FROM "{t}" ORDER BY {key.get(t, "id")}').fetchall()]
        for t in TABLES
    }


def activate(window) -> None:
    """Make ``window`` the active one, as a click on it would: shortcuts belong to the active
    window, and the offscreen platform activates none by itself. Qt marks the call deprecated
    for applications (the window system decides); for a test it is the way to get there."""
    import warnings

    from PySide6.QtWidgets import QApplication

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        QApplication.setActiveWindow(window)


def drop_windows() -> None:
    """Delete every top-level window left by earlier tests. Switching language restyles each
    live widget, so leftovers would make every switch slower as the suite goes on."""
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QApplication

    for widget in QApplication.topLevelWidgets():
        widget.close()
        widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture
def language(qapp):
    """Run a test in the given language (``language("fa")``), back to English afterwards."""
    from cafe_loyalty_ui import i18n

    def _set(code: str) -> None:
        drop_windows()
        i18n.install(qapp, code)

    yield _set
    drop_windows()
    i18n.install(qapp, "en")


def settle(window) -> None:
    """Run Qt's event loop until the till's database thread has delivered every read and write
    (for helpers that have no ``qtbot``; tests use ``qtbot.waitUntil(lambda: w.ops.idle)``)."""
    from PySide6.QtCore import QCoreApplication, QDeadlineTimer

    deadline = QDeadlineTimer(10_000)
    while not window.ops.idle:
        assert not deadline.hasExpired(), "the database thread did not finish"
        QCoreApplication.processEvents()


def closed(dialog) -> bool:
    """A dialog that closed: hidden, or already deleted (dialogs delete themselves on close)."""
    import shiboken6

    return not shiboken6.isValid(dialog) or not dialog.isVisible()


def type_text(widget, text: str) -> None:
    """Type ``text`` into ``widget`` as a keyboard in any layout delivers it: a key press and
    release carrying each character (QTest's keyClicks takes Latin letters only)."""
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch))

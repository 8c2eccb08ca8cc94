"""Hearing the other tills (issue #18): what another till on the same PostgreSQL server
commits arrives here within moments, as the same :class:`changes.Changes` a till's own writes
give, so the screens refresh the same way. No polling: the server pushes each notice
(LISTEN/NOTIFY), sent inside the writer's transaction, so a notice means a commit.

The listener has a connection and a thread of its own. When the connection is lost it says so,
tries again every few seconds, and once back says that too, so the till reloads what it may
have missed meanwhile.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from cafe_loyalty import changes
from cafe_loyalty.store import passwords

RETRY_SECONDS = 3.0
WAKE_SECONDS = 1.0  # how often the thread looks up from waiting, to notice it should stop


class Listener:
    """Calls ``on_change(Changes)`` for each change another till commits, ``on_lost()`` when
    the server stops answering and ``on_back()`` when it answers again; all on the listener's
    thread (a Qt front end passes them on through a signal)."""

    def __init__(
        self,
        url: str,
        on_change: Callable[[changes.Changes], None],
        on_lost: Callable[[], None] | None = None,
        on_back: Callable[[], None] | None = None,
        own: str = changes.ORIGIN,
    ):
        self._own = own  # notices from this origin are this till's own: left out
        self._url = url
        self._on_change = on_change
        self._on_lost = on_lost or (lambda: None)
        self._on_back = on_back or (lambda: None)
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.listening = threading.Event()  # set while a connection is listening

    def start(self) -> Listener:
        self._thread = threading.Thread(target=self._run, name="cafe-loyalty-listener", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=WAKE_SECONDS * 3)

    def _run(self) -> None:
        import psycopg

        lost = False
        while not self._stop.is_set():
            try:
                with psycopg.connect(
                    self._url, autocommit=True, connect_timeout=5, **passwords.connect_args(self._url)
                ) as con:
                    con.execute(f"LISTEN {changes.CHANNEL}")
                    self.listening.set()
                    if lost:
                        lost = False
                        self._on_back()
                    while not self._stop.is_set():
                        for notice in con.notifies(timeout=WAKE_SECONDS):
                            origin, what = changes.from_notice(notice.payload)
                            if origin != self._own and what:
                                self._on_change(what)
            except psycopg.Error:
                self.listening.clear()
                if not lost:
                    lost = True
                    self._on_lost()
                self._stop.wait(RETRY_SECONDS)
        self.listening.clear()

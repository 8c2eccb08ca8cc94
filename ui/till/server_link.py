"""The till's ear on the other tills (issue #18): changes they commit on the PostgreSQL server
come in as the same change notes as the till's own, so every screen refreshes the same way; a
lost server is said in the banner, with the time of the last contact, and its return too (and
then everything is read again, since notices may have been missed)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QObject, Signal

from cafe_loyalty.changes import EVERYTHING, Changes
from cafe_loyalty.replica.live import Listener


class ServerLink(QObject):
    """Starts a :class:`Listener` on the café's server and passes what it hears to the UI
    thread through signals (the listener calls from a thread of its own)."""

    heard = Signal(object)  # Changes another till committed
    lost = Signal(str)  # the server stopped answering; the last contact, as HH:MM
    back = Signal()

    def __init__(self, url: str, parent: QObject | None = None):
        super().__init__(parent)
        self.last_contact = dt.datetime.now()
        self.is_lost = False  # the server has not answered since it was last heard
        self._listener = Listener(url, self._heard, self._lost, self._back)

    def start(self) -> ServerLink:
        self._listener.start()
        return self

    def stop(self) -> None:
        self._listener.stop()

    def _heard(self, changes: Changes) -> None:
        self.last_contact = dt.datetime.now()
        self.heard.emit(changes)

    def _lost(self) -> None:
        self.is_lost = True
        self.lost.emit(self.last_contact.strftime("%H:%M"))

    def _back(self) -> None:
        self.is_lost = False
        self.last_contact = dt.datetime.now()
        self.back.emit()
        self.heard.emit(EVERYTHING)  # read again whatever was missed meanwhile

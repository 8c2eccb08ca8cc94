"""Time as a dependency, so rules about "10 minutes ago" are tested without sleeping."""

from __future__ import annotations

import datetime as dt
from typing import Protocol


class Clock(Protocol):
    def now(self) -> dt.datetime:
        """Current time, naive UTC (the form stored in the database)."""


class SystemClock:
    def now(self) -> dt.datetime:
        return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class FakeClock:
    """A clock tests move by hand."""

    def __init__(self, start: dt.datetime | None = None):
        self.current = start or dt.datetime(2026, 3, 2, 8, 30)

    def now(self) -> dt.datetime:
        return self.current

    def advance(self, **kwargs: float) -> None:
        self.current += dt.timedelta(**kwargs)


def to_local(value: dt.datetime) -> dt.datetime:
    """A stored UTC time in the machine's local zone, for display."""
    return value.replace(tzinfo=dt.UTC).astimezone().replace(tzinfo=None)

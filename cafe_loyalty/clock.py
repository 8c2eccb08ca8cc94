"""Time as a dependency, so rules about "10 minutes ago" are tested without sleeping."""

from __future__ import annotations

import datetime as dt
from typing import Protocol
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


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


def zone(name: str, *, strict: bool = True) -> dt.tzinfo | None:
    """The café's time zone by IANA name ("Asia/Tehran"); None for this computer's own. Not
    ``strict`` (reading a stored setting): a zone this computer does not know (a café database
    moved to a machine without that zone's data) falls back to the computer's own."""
    if not name:
        return None
    try:
        return ZoneInfo(name)
    except (ValueError, OSError, ZoneInfoNotFoundError):
        if strict:
            raise
        return None


def utc_offset(value: dt.datetime, tz: dt.tzinfo | None) -> dt.timedelta:
    """The offset from UTC at the stored (naive UTC) moment ``value``, daylight saving included."""
    aware = value.replace(tzinfo=dt.UTC)
    local = aware.astimezone(tz) if tz is not None else aware.astimezone()
    offset = local.utcoffset()
    return offset if offset is not None else dt.timedelta(0)


def offset_spans(start: dt.datetime, end: dt.datetime, tz: dt.tzinfo | None) -> list[tuple[dt.datetime, dt.timedelta]]:
    """Where the UTC offset changes between ``start`` and ``end`` (naive UTC): each span's
    first moment and its offset, so a window that crosses a daylight-saving change can be read
    with the right local time on each side. Changes are found to the second."""
    spans = [(start, utc_offset(start, tz))]
    day = dt.timedelta(days=1)
    probe = start
    while probe < end:
        step_end = min(probe + day, end)
        if utc_offset(step_end, tz) != spans[-1][1]:
            low, high = probe, step_end  # the change is in (low, high]: bisect to the second
            while high - low > dt.timedelta(seconds=1):
                mid = low + (high - low) / 2
                if utc_offset(mid, tz) == spans[-1][1]:
                    low = mid
                else:
                    high = mid
            spans.append((high, utc_offset(high, tz)))
        probe = step_end
    return spans


def to_local(value: dt.datetime) -> dt.datetime:
    """A stored UTC time in the machine's local zone, for display."""
    return value.replace(tzinfo=dt.UTC).astimezone().replace(tzinfo=None)

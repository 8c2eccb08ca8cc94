"""Where SQLite and PostgreSQL differ, in one place (issue #18).

The services write their hand-tuned SQL once, in SQLite's spelling (``?`` and ``:name``
parameters, the functions both engines share). What the engines spell differently comes from
here: date arithmetic, a weekday-and-hour key, a truth value counted as a number, the larger
of two values, a field of the audit log's JSON, and how a row is taken for update. The
PostgreSQL connection turns the parameter marks into psycopg's (:func:`to_psycopg`); nothing
else in the services knows which engine it runs on.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass
from typing import Any

import peewee as pw


@dataclass(frozen=True)
class Dialect:
    name: str

    @property
    def postgresql(self) -> bool:
        return self.name == "postgresql"

    @property
    def join_in_order(self) -> str:
        """A join SQLite's planner must take in the order written (its CROSS JOIN); PostgreSQL
        plans it well by itself."""
        return "JOIN" if self.postgresql else "CROSS JOIN"

    def newest_first(self, column: str) -> str:
        """``column`` descending with empty ones last, as SQLite sorts them by itself."""
        return f"{column} DESC NULLS LAST" if self.postgresql else f"{column} DESC"

    @property
    def is_not(self) -> str:
        """Inequality that treats NULL as a value (SQLite's IS NOT)."""
        return "IS DISTINCT FROM" if self.postgresql else "IS NOT"

    def days(self, later: str, earlier: str) -> str:
        """``later - earlier`` in days, with the fraction (a timestamp column or parameter each)."""
        if self.postgresql:
            return f"(EXTRACT(EPOCH FROM (CAST({later} AS timestamp) - CAST({earlier} AS timestamp))) / 86400.0)"
        return f"(julianday({later}) - julianday({earlier}))"

    def whole(self, number: str) -> str:
        """``number`` cut to an integer toward zero (SQLite's CAST; PostgreSQL's rounds)."""
        return f"CAST(trunc({number}) AS integer)" if self.postgresql else f"CAST({number} AS INTEGER)"

    def shifted(self, moment: str, amount: str) -> str:
        """``moment`` moved by ``amount``, a parameter such as '+3 hours' or '-120 seconds'."""
        if self.postgresql:
            return f"(CAST({moment} AS timestamp) + CAST({amount} AS interval))"
        return f"datetime({moment}, {amount})"

    def weekday_hour(self, moment: str, offset: str) -> str:
        """The weekday and hour of ``moment`` moved by ``offset`` (as shifted), as text to
        compare with :meth:`weekday_hour_of` (the offset is used once: one parameter)."""
        if self.postgresql:
            return f"to_char({self.shifted(moment, offset)}, 'D HH24')"
        return f"strftime('%w %H', {moment}, {offset})"

    def weekday_hour_of(self, moment: dt.datetime) -> str:
        """What :meth:`weekday_hour` gives for ``moment`` (SQLite counts Sunday 0, PostgreSQL 1)."""
        weekday = int(moment.strftime("%w")) + (1 if self.postgresql else 0)
        return f"{weekday} {moment.strftime('%H')}"

    def number(self, truth: str) -> str:
        """A condition as 1 or 0, to be summed or compared (SQLite's truth values already are)."""
        return f"CAST(({truth}) AS integer)" if self.postgresql else f"({truth})"

    def latest(self, column: str, value: str) -> str:
        """The later of a nullable time column and a value (the value when the column is empty)."""
        if self.postgresql:
            return f"GREATEST({column}, {value})"  # GREATEST passes over NULL
        return f"max(coalesce({column}, ''), {value})"

    def earliest(self, column: str, value: str) -> str:
        if self.postgresql:
            return f"LEAST({column}, {value})"
        return f"min(coalesce({column}, {value}), {value})"

    def greatest(self, a: str, b: str) -> str:
        return f"GREATEST({a}, {b})" if self.postgresql else f"max({a}, {b})"

    def json_text(self, column: str, key: str) -> str:
        """The text of ``key`` in the JSON held in ``column`` (the audit log's detail)."""
        if not re.fullmatch(r"[a-z_]+", key):
            raise ValueError(key)
        if self.postgresql:
            return f"(CAST({column} AS jsonb) ->> '{key}')"
        return f"json_extract({column}, '$.{key}')"

    def together(self, first: str, then: str) -> str | None:
        """Two writes as one statement where that saves a round trip: on a server each statement
        is one, so ``first`` (an UPDATE) runs as a data-modifying WITH before ``then``; SQLite
        runs in-process and has none (None: run them one after the other)."""
        return f"WITH first AS ({first}) {then}" if self.postgresql else None

    def stored_time(self, when: dt.datetime) -> object:
        """A time as a parameter compared with a stored one: SQLite keeps times as text (in an
        order that is time order), PostgreSQL as timestamps."""
        return when if self.postgresql else when.isoformat(" ")

    def search(self, columns: str, where: str) -> str:
        """The tiles search: living regulars (alias ``c``) with their active card (``cd``)
        matching ``where``, most recently seen first, a page at a time (parameters: those of
        ``where``, then LIMIT and OFFSET). A whole statement per engine: each is tuned to its
        planner (bench/run.py, bench/postgresql.py)."""
        if self.postgresql:
            # The matching runs on the tile-order index alone (it holds the key), and only the
            # page found reads customer rows: PostgreSQL would otherwise read the row of every
            # regular it passes over, a rare word's whole table.
            return f"""
                WITH hits AS (
                    SELECT c.id, c.last_seen_at FROM customer c WHERE {where}
                    AND EXISTS (SELECT 1 FROM card a WHERE a.customer_id = c.id AND a.status = 'active')
                    ORDER BY c.last_seen_at DESC NULLS LAST, c.id DESC LIMIT ? OFFSET ?)
                SELECT {columns}
                FROM hits h JOIN customer c ON c.id = h.id
                JOIN card cd ON cd.customer_id = c.id AND cd.status = 'active'
                ORDER BY h.last_seen_at DESC NULLS LAST, h.id DESC"""
        return f"""
            SELECT {columns}
            FROM customer c CROSS JOIN card cd ON cd.customer_id = c.id AND cd.status = 'active'
            WHERE {where}
            ORDER BY c.last_seen_at DESC, c.id DESC
            LIMIT ? OFFSET ?"""


SQLITE = Dialect("sqlite")
POSTGRESQL = Dialect("postgresql")


def of(db: pw.Database) -> Dialect:
    """The dialect of an open peewee database (or the proxy the models use)."""
    target = getattr(db, "obj", None) or db
    return POSTGRESQL if isinstance(target, pw.PostgresqlDatabase) else SQLITE


# -- parameters --------------------------------------------------------------------------------

_MARKS = re.compile(r"'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"|%|\?(\d*)|(?<!:):([A-Za-z_]\w*)")


def to_psycopg(sql: str, params: Any) -> tuple[str, Any]:
    """SQLite's parameter marks (``?``, ``?1``, ``:name``) as psycopg's (``%s``,
    ``%(name)s``), with every literal ``%`` doubled; marks inside quoted text are left alone.
    Numbered marks become named ones, so a value used twice is sent once."""
    out, numbered = _translated(sql)
    if numbered and isinstance(params, list | tuple):
        params = {f"p{n}": value for n, value in enumerate(params, start=1)}
    return out, params


@functools.lru_cache(maxsize=1024)
def _translated(sql: str) -> tuple[str, bool]:
    """The translation of one statement's text, worked out once (the services' SQL is a few
    hundred fixed texts; the stamp's runs on every tap)."""
    numbered = False

    def mark(match: re.Match[str]) -> str:
        nonlocal numbered
        whole = match.group(0)
        if whole.startswith(("'", '"')):
            return whole.replace("%", "%%")  # psycopg reads marks inside quotes too
        if whole == "%":
            return "%%"
        if whole.startswith("?"):
            if match.group(1):
                numbered = True
                return f"%(p{match.group(1)})s"
            return "%s"
        return f"%({match.group(2)})s"

    return _MARKS.sub(mark, sql), numbered

"""The till's own SQLite file (issue #18): the queue of stamps made while the server was away, and
the copy of the regulars the counter reads from then.

Stamps, and only stamps, go into the queue (``synchronous=FULL``: a stamp the till says it kept
survives a power cut or a killed process). The copy holds no more than the till shows, and is
rewritten whole at each refresh: a regular forgotten on the server is gone from it at the next.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cafe_loyalty.errors import CafeError, StorageError
from cafe_loyalty.rules.search import matching
from cafe_loyalty.services.settings import SPECS
from cafe_loyalty.till import QueuedStamp

WAITING, SENT, REFUSED, DROPPED = "waiting", "sent", "refused", "dropped"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS queued (
    ref TEXT PRIMARY KEY, customer_id INTEGER NOT NULL, name TEXT NOT NULL, at TEXT NOT NULL,
    staff_id INTEGER, forced INTEGER NOT NULL, state TEXT NOT NULL, reason TEXT NOT NULL DEFAULT '',
    reason_params TEXT NOT NULL DEFAULT '{}', seq INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS queued_state ON queued (state, seq);
CREATE TABLE IF NOT EXISTS regular (
    id INTEGER PRIMARY KEY, first_name TEXT NOT NULL, last_name TEXT NOT NULL, phone TEXT NOT NULL,
    allergies TEXT NOT NULL, dietary TEXT NOT NULL, usual TEXT NOT NULL, search_key TEXT NOT NULL,
    last_seen_at TEXT, created_at TEXT NOT NULL, card_id INTEGER NOT NULL, slots INTEGER NOT NULL,
    head_start INTEGER NOT NULL, issued_at TEXT NOT NULL, filled INTEGER NOT NULL, last_stamp_at TEXT,
    code TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS code (code TEXT PRIMARY KEY, customer_id INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS kept (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""

TILL_FILE = "till.db"  # in the till's own folder for the café (app.local_folder_for)


def parse_time(value: Any) -> dt.datetime | None:
    if value is None or isinstance(value, dt.datetime):
        return value
    return dt.datetime.fromisoformat(str(value))


def _text(value: dt.datetime | None) -> str | None:
    return value.isoformat(" ") if value is not None else None


@dataclass(frozen=True)
class CopiedRegular:
    id: int
    first_name: str
    last_name: str
    phone: str
    allergies: str
    dietary: str
    usual: str
    search_key: str
    last_seen_at: str | None
    created_at: str
    card_id: int
    slots: int
    head_start: int
    issued_at: str
    filled: int
    last_stamp_at: str | None
    code: str


class TillFile:
    """The till's own SQLite file: the queue of stamps and the copy of the regulars.

    A connection per thread (the till's database thread stamps, its maintenance thread refreshes
    the copy), each with ``synchronous=FULL`` and WAL, so one never waits long on the other."""

    def __init__(self, path: Path):
        self.path = path
        self._local = threading.local()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._con().executescript(_SCHEMA)
        except (OSError, sqlite3.Error) as exc:
            raise StorageError("This till cannot keep its own file {file} ({reason}).", file=path, reason=exc) from exc

    def _con(self) -> sqlite3.Connection:
        con = getattr(self._local, "con", None)
        if con is None:
            con = sqlite3.connect(self.path, timeout=10, isolation_level=None, check_same_thread=False)
            con.execute("PRAGMA journal_mode=wal")
            con.execute("PRAGMA synchronous=FULL")
            con.execute("PRAGMA secure_delete=ON")  # a forgotten regular's row is overwritten
            self._local.con = con
        return con

    def close(self) -> None:
        con = getattr(self._local, "con", None)
        if con is not None:
            con.close()
            self._local.con = None

    def _write(self, sql: str, params: Sequence[Any] = ()) -> None:
        try:
            self._con().execute(sql, params)
        except sqlite3.Error as exc:
            raise StorageError(
                "This till could not keep the stamp in its own file ({reason}); nothing was saved.", reason=exc
            ) from exc

    # -- the queue -------------------------------------------------------------------------

    def add(self, stamp: QueuedStamp) -> None:
        """Kept durably (one committed transaction) before the till says it is stamped."""
        self._write(
            "INSERT INTO queued (ref, customer_id, name, at, staff_id, forced, state, seq) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, (SELECT coalesce(max(seq), 0) + 1 FROM queued))",
            (stamp.ref, stamp.customer_id, stamp.name, _text(stamp.at), stamp.staff_id, stamp.forced, stamp.state),
        )

    def stamps(self, state: str, customer_id: int | None = None) -> list[QueuedStamp]:
        sql = "SELECT ref, customer_id, name, at, staff_id, forced, state, reason, reason_params FROM queued "
        sql += "WHERE state = ?" + (" AND customer_id = ?" if customer_id is not None else "") + " ORDER BY seq"
        params: tuple[Any, ...] = (state,) if customer_id is None else (state, customer_id)
        return [
            QueuedStamp(r[0], r[1], r[2], parse_time(r[3]) or dt.datetime.min, r[4], bool(r[5]), r[6], r[7], r[8])
            for r in self._con().execute(sql, params)
        ]

    def waiting_for(self) -> dict[int, int]:
        """How many stamps wait, per regular (for a page of tiles in one query)."""
        rows = self._con().execute("SELECT customer_id, count(*) FROM queued WHERE state = ? GROUP BY 1", (WAITING,))
        return dict(rows.fetchall())

    def count(self, state: str) -> int:
        return int(self._con().execute("SELECT count(*) FROM queued WHERE state = ?", (state,)).fetchone()[0])

    def mark(self, ref: str, state: str, refusal: CafeError | None = None) -> None:
        reason, params = (refusal.template, json.dumps(refusal.params, default=str)) if refusal else ("", "{}")
        self._write(
            "UPDATE queued SET state = ?, reason = ?, reason_params = ? WHERE ref = ?", (state, reason, params, ref)
        )

    # -- the copy of the regulars ----------------------------------------------------------

    def keep_regulars(self, rows: list[tuple], code_rows: list[tuple], kept: dict[str, Any]) -> None:
        """Replace the whole copy in one transaction (a regular forgotten since is gone from it)."""
        con = self._con()
        try:
            con.execute("BEGIN IMMEDIATE")
            con.execute("DELETE FROM regular")
            con.execute("DELETE FROM code")
            con.executemany(
                f"INSERT INTO regular VALUES ({', '.join('?' * 17)})", [tuple(map(_plain, r)) for r in rows]
            )
            con.executemany("INSERT OR REPLACE INTO code VALUES (?, ?)", code_rows)
            con.executemany(
                "INSERT OR REPLACE INTO kept VALUES (?, ?)", [(k, json.dumps(v, default=str)) for k, v in kept.items()]
            )
            con.execute("COMMIT")
            self._forget_old_pages()
        except sqlite3.Error as exc:
            if con.in_transaction:
                con.execute("ROLLBACK")
            raise StorageError("This till could not keep its copy of the regulars ({reason}).", reason=exc) from exc

    def _forget_old_pages(self) -> None:
        """The write-ahead log still holds pages as they were before: fold it into the file and
        empty it, so a regular forgotten on the server leaves nothing of theirs on this till."""
        self._con().execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def keep_regular(self, row: tuple | None, code_rows: list[tuple], customer_id: int) -> None:
        """One regular's row and printed codes again (after a stamp, an edit, a new card); None:
        they are gone (forgotten, or merged into another), and so is every trace of them here.

        One transaction (a crash never leaves the regular half-written), committed without
        waiting for the disk: the copy is a cache of the server, refreshed again whenever it
        answers, and the next stamp kept in the queue (``synchronous=FULL``) makes it durable
        too. It ran after every stamp on a server as four transactions, each with its own flush
        to disk (issue #34: a chain's tills share the till computer's disk with nobody, but
        not with their own fsyncs)."""
        con = self._con()
        try:
            con.execute("PRAGMA synchronous=NORMAL")
            with con:  # BEGIN … COMMIT (ROLLBACK on an error)
                con.execute("BEGIN")
                con.execute("DELETE FROM regular WHERE id = ?", (customer_id,))
                con.execute("DELETE FROM code WHERE customer_id = ?", (customer_id,))
                if row is not None:
                    con.execute(f"INSERT INTO regular VALUES ({', '.join('?' * 17)})", tuple(map(_plain, row)))
                    con.executemany("INSERT OR REPLACE INTO code VALUES (?, ?)", code_rows)
        except sqlite3.Error as exc:
            raise StorageError("This till could not keep its copy of the regulars ({reason}).", reason=exc) from exc
        finally:
            con.execute("PRAGMA synchronous=FULL")
        if row is None:
            self._forget_old_pages()

    def note_stamp(self, customer_id: int, card: tuple[int, int, int, int], at: dt.datetime) -> None:
        """The server's answer to this till's stamp, written into the copy when reading the
        regular again failed (the server went away just after it answered): without it the copy
        would lag one stamp behind, and the till, stamping on while away, would queue a stamp on
        a card the server already holds full. ``card`` is (id, slots, head start, filled)."""
        card_id, slots, head_start, filled = card
        try:
            with self._con() as con:
                con.execute("BEGIN")
                con.execute(
                    "UPDATE regular SET card_id = ?, slots = ?, head_start = ?, filled = ?, last_stamp_at = ?, "
                    "last_seen_at = ? WHERE id = ?",
                    (card_id, slots, head_start, filled, _text(at), _text(at), customer_id),
                )
        except sqlite3.Error as exc:
            raise StorageError("This till could not keep its copy of the regulars ({reason}).", reason=exc) from exc

    def kept(self, key: str) -> Any:
        """What was kept beside the regulars: ``settings`` (the café's, as a dict), ``staff``."""
        row = self._con().execute("SELECT value FROM kept WHERE key = ?", (key,)).fetchone()
        return json.loads(row[0]) if row else None

    def setting(self, key: str) -> Any:
        return (self.kept("settings") or {}).get(key, SPECS[key].default)

    @staticmethod
    def has_copy(path: Path) -> bool:
        """True when this till has kept a copy before (it may then start without the server)."""
        if not path.is_file():
            return False
        try:
            con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
            try:
                return con.execute("SELECT 1 FROM kept WHERE key = 'settings'").fetchone() is not None
            finally:
                con.close()
        except sqlite3.Error:
            return False

    def regular(self, customer_id: int) -> CopiedRegular | None:
        row = self._con().execute("SELECT * FROM regular WHERE id = ?", (customer_id,)).fetchone()
        return CopiedRegular(*row) if row else None

    def owner_of(self, code: str) -> int | None:
        row = self._con().execute("SELECT customer_id FROM code WHERE code = ?", (code,)).fetchone()
        return row[0] if row else None

    def search(self, query: str, limit: int, offset: int, only: list[int] | None) -> list[CopiedRegular]:
        """The same matching as the server's search (every folded word, anywhere in the key)."""
        where, params = matching(query, "search_key")
        where.append("1")  # every regular, when nothing was typed
        if only is not None:
            where.append(f"id IN ({','.join('?' * len(only))})")
            params.extend(only)
        sql = (
            f"SELECT * FROM regular WHERE {' AND '.join(where)} "
            "ORDER BY last_seen_at IS NULL, last_seen_at DESC, id DESC LIMIT ? OFFSET ?"
        )
        return [CopiedRegular(*r) for r in self._con().execute(sql, [*params, limit, offset])]

    def size(self) -> int:
        return int(self._con().execute("SELECT count(*) FROM regular").fetchone()[0])


def _plain(value: Any) -> Any:
    return _text(value) if isinstance(value, dt.datetime) else value

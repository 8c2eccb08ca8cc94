"""A till of several keeps stamping when the server cannot be reached (issue #18).

Stamps, and only stamps, then go into a queue in the till's own SQLite file (``synchronous=FULL``:
a stamp the till says it kept survives a power cut or a killed process). Each stamp gets its id
on the till before the server is even tried, and keeps it in the queue, so a stamp whose commit
may or may not have reached the server (the answer was lost) is sent again under the same id and
found there instead of being added twice (``stamp.till_ref`` is unique on the server).

When the server answers again the queue is sent, oldest first, each stamp in its own
transaction. The server checks the double-tap guard and the full card again (another till may
have stamped meanwhile); a stamp it refuses stays on the till, marked refused with the reason,
until the owner decides: add it after all or drop it (both audited on the server).

The same file holds a copy of the regulars (names, allergies, card progress, printed codes),
refreshed while the server answers, so the barista can still find and scan someone. It holds no
more than the till shows, and is rewritten whole at each refresh: a regular forgotten on the
server is gone from it at the next one.

:class:`Counter` is what the till's screens call for the four things a barista does at the
counter (find, open, scan, stamp). On a single SQLite file it is the services themselves; on a
server, :class:`OfflineCounter` falls back to the queue and the copy.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import sqlite3
import threading
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from cafe_loyalty import changes
from cafe_loyalty.errors import CafeError, CardStateError, ServerBusy, ServerUnreachable, StorageError, TooSoon
from cafe_loyalty.printing import codes
from cafe_loyalty.scanning import keymap
from cafe_loyalty.services.customers import tiles_in_order
from cafe_loyalty.services.ledger import _ago
from cafe_loyalty.services.profiles import Profile
from cafe_loyalty.services.regulars import UsualOrder
from cafe_loyalty.services.settings import SPECS, reward_in
from cafe_loyalty.services.staff import StaffView
from cafe_loyalty.services.views import CardView, CustomerSummary, CustomerView
from cafe_loyalty.store.db import read, storage_errors
from cafe_loyalty.store.models import Stamp
from cafe_loyalty.text import fold

if TYPE_CHECKING:
    from cafe_loyalty.app import Cafe

WAITING, SENT, REFUSED, DROPPED = "waiting", "sent", "refused", "dropped"
T = TypeVar("T")

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

# Everything the copy holds, read from the server in one statement (living regulars only).
_REGULARS = """
    SELECT c.id, c.first_name, c.last_name, c.phone, c.allergies, c.dietary, c.usual, c.search_key,
           c.last_seen_at, c.created_at, cd.id, cd.slots, cd.head_start, cd.issued_at,
           (SELECT count(*) FROM stamp s WHERE s.card_id = cd.id AND s.voided_at IS NULL),
           (SELECT max(s.at) FROM stamp s WHERE s.card_id = cd.id AND s.source = 'purchase' AND s.voided_at IS NULL),
           coalesce((SELECT k.code FROM card_code k WHERE k.customer_id = c.id AND k.revoked_at IS NULL
                     AND k.replaced_by_id IS NULL ORDER BY k.id DESC LIMIT 1), '')
    FROM customer c JOIN card cd ON cd.customer_id = c.id AND cd.status = 'active'
    WHERE c.forgotten_at IS NULL AND c.merged_into_id IS NULL"""
_CODES = """
    SELECT k.code, coalesce(c.merged_into_id, c.id) FROM card_code k JOIN customer c ON c.id = k.customer_id
    WHERE k.revoked_at IS NULL AND c.forgotten_at IS NULL"""
TILL_FILE = "till.db"  # in the till's own folder for the café (app.local_folder_for)
RETRY_SECONDS = 15.0  # while away, the server is tried again this often (a till also hears it return)
# A server call from the counter that has not answered in this long is cut and the server taken
# as away (a stamp is queued). Longer than the 5 s lock timeout, so a wait for another till's
# change ends as "busy" from the server first.
SERVER_DEADLINE = 8.0


def _time(value: Any) -> dt.datetime | None:
    if value is None or isinstance(value, dt.datetime):
        return value
    return dt.datetime.fromisoformat(str(value))


def _text(value: dt.datetime | None) -> str | None:
    return value.isoformat(" ") if value is not None else None


@dataclass(frozen=True)
class QueuedStamp:
    """A stamp made while the server was away: who it was for, when, by whom, and where it is."""

    ref: str
    customer_id: int
    name: str
    at: dt.datetime
    staff_id: int | None
    forced: bool
    state: str
    reason: str = ""  # why the server refused it: an error template ...
    reason_params: str = "{}"  # ... and its values, as JSON (translated where it is shown)

    def refusal(self) -> CafeError:
        """The server's refusal, as the error it raised (for the till to show in its language)."""
        return CafeError(self.reason, **json.loads(self.reason_params))


@dataclass(frozen=True)
class Sent:
    """What one send of the queue did."""

    sent: int = 0  # added on the server now
    already: int = 0  # were there already (an earlier send's answer was lost)
    refused: int = 0  # refused by the server: they wait for the owner
    waiting: int = 0  # still on the till: the server went away again


@dataclass(frozen=True)
class _Regular:
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
            QueuedStamp(r[0], r[1], r[2], _time(r[3]) or dt.datetime.min, r[4], bool(r[5]), r[6], r[7], r[8])
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
        they are gone (forgotten, or merged into another), and so is every trace of them here."""
        self._write("DELETE FROM regular WHERE id = ?", (customer_id,))
        self._write("DELETE FROM code WHERE customer_id = ?", (customer_id,))
        if row is None:
            self._forget_old_pages()
            return
        self._write(f"INSERT INTO regular VALUES ({', '.join('?' * 17)})", tuple(map(_plain, row)))
        for code in code_rows:
            self._write("INSERT OR REPLACE INTO code VALUES (?, ?)", code)

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

    def regular(self, customer_id: int) -> _Regular | None:
        row = self._con().execute("SELECT * FROM regular WHERE id = ?", (customer_id,)).fetchone()
        return _Regular(*row) if row else None

    def owner_of(self, code: str) -> int | None:
        row = self._con().execute("SELECT customer_id FROM code WHERE code = ?", (code,)).fetchone()
        return row[0] if row else None

    def search(self, query: str, limit: int, offset: int, only: list[int] | None) -> list[_Regular]:
        """The same matching as the server's search (every folded word, anywhere in the key)."""
        where: list[str] = ["1"]
        params: list[Any] = []
        for token in fold(query[:200]).replace("-", "").split()[:8]:
            where.append("instr(search_key, ?) > 0")
            params.append(token)
        if only is not None:
            where.append(f"id IN ({','.join('?' * len(only))})")
            params.extend(only)
        sql = (
            f"SELECT * FROM regular WHERE {' AND '.join(where)} "
            "ORDER BY last_seen_at IS NULL, last_seen_at DESC, id DESC LIMIT ? OFFSET ?"
        )
        return [_Regular(*r) for r in self._con().execute(sql, [*params, limit, offset])]

    def size(self) -> int:
        return int(self._con().execute("SELECT count(*) FROM regular").fetchone()[0])


def _plain(value: Any) -> Any:
    return _text(value) if isinstance(value, dt.datetime) else value


class Counter:
    """What the till's screens call to find, open, scan and stamp a regular, and to know who
    serves. On a single SQLite file: the services as they are."""

    def __init__(self, cafe: Cafe):
        self._cafe = cafe

    @property
    def offline(self) -> bool:
        """True while the till works from its own file (only a till on a server can)."""
        return False

    def stamp(self, card: CardView, by: int | None, force: bool = False, ref: str | None = None) -> CardView:
        return self._cafe.ledger.stamp(card.id, by, force, ref=ref)

    def search(
        self, query: str = "", limit: int = 100, offset: int = 0, only: list[int] | None = None
    ) -> list[CustomerSummary]:
        return self._cafe.customers.search(query, limit, offset, only)

    def summaries(self, ids: list[int]) -> list[CustomerSummary]:
        """Tiles for these regulars, in the order given."""
        return tiles_in_order(self.search, ids)

    def panel(self, customer_id: int) -> Profile:
        return self._cafe.profiles.panel(customer_id)

    def of_card(self, payload: str | Sequence[str]) -> Profile:
        return self._cafe.profiles.of_card(payload)

    def staff(self) -> list[StaffView]:
        return self._cafe.staff.list()

    def settings(self) -> dict[str, Any]:
        return self._cafe.settings.all()

    def waiting(self) -> int:
        """Stamps kept on this till for the server (none on a single file)."""
        return 0

    def catch_up(self) -> Sent:
        """The server is back: send what waits (nothing on a single file)."""
        return Sent()

    def refresh(self) -> int:
        """Bring the till's copy of the regulars up to date (none on a single file)."""
        return 0

    def refresh_some(self, customer_ids: Sequence[int]) -> None:
        """Bring these regulars' rows of the copy up to date (after a change to them)."""

    def refused(self) -> list[QueuedStamp]:
        return []

    def away(self) -> None:
        """The server stopped answering (nothing to do on a single file)."""

    def back(self) -> None:
        """The server answers again (nothing to do on a single file)."""

    def close(self) -> None:
        pass


class OfflineCounter(Counter):
    """The counter of a till on a server: when the server does not answer, stamps are kept
    in the till's queue and the rest comes from its copy (see the module's docstring).

    Once the server has not answered, the till stops asking it for each tap (on a network that
    drops packets each try would wait seconds) and tries again after :data:`RETRY_SECONDS`, or
    at once when told it is back (:meth:`back`: a till hears that from its listener)."""

    def __init__(self, cafe: Cafe, path: Path, away: bool = False):
        super().__init__(cafe)
        self.file = TillFile(path)
        # The monotonic time of the last failed try (``away``: the till started without it).
        self._away_since: float | None = time.monotonic() if away else None
        self._failure: ServerUnreachable | None = None  # why the last call to the server failed
        self._started_away = away

    @property
    def offline(self) -> bool:
        return self._away_since is not None

    def back(self) -> None:
        """The server answers again (its listener heard it): the next call tries it."""
        self._away_since = None

    def _server_worth_trying(self) -> bool:
        return self._away_since is None or time.monotonic() - self._away_since >= RETRY_SECONDS

    def away(self) -> None:
        """The server stopped answering (this till's call failed, or its listener said so):
        taps go to the queue at once, without waiting on the server first."""
        self._away_since = time.monotonic()

    def _deadline(self) -> contextlib.AbstractContextManager[None]:
        deadline = getattr(self._cafe.db, "deadline", None)
        return deadline(SERVER_DEADLINE) if deadline else contextlib.nullcontext()

    def _from_server(self, call: Callable[[], T]) -> T | None:
        """``call()`` on the server, or None when it is away (now, or recently)."""
        if not self._server_worth_trying():
            return None
        try:
            with self._deadline(), storage_errors():  # a plain query's failure, said as the till says it
                result = call()
        except ServerUnreachable as exc:
            self.away()
            self._failure = exc
            return None
        self._away_since = None
        return result

    def _landed(self, ref: str, customer_id: int) -> CardView | Literal[False] | None:
        """After a stamp whose answer was lost: did the server keep it? Asked once, on a new
        connection: the card (it is there), False (the server answers and it is not), or
        None (the server cannot say now)."""
        try:
            with self._deadline(), storage_errors():
                kept = Stamp.select(Stamp.id).where(Stamp.till_ref == ref).exists()
                found: CardView | Literal[False] = self._cafe.ledger.current_card(customer_id) if kept else False
        except ServerUnreachable:
            return None
        self._away_since = None  # it answered
        return found

    def close(self) -> None:
        self.file.close()

    # -- stamping --------------------------------------------------------------------------

    def stamp(self, card: CardView, by: int | None, force: bool = False, ref: str | None = None) -> CardView:
        """On the server when it answers (after sending what waits, so stamps arrive in the
        order they were made); otherwise into the queue, after the same checks against the
        copy: the guard, and a full card (redeeming needs the server)."""
        ref = ref or uuid.uuid4().hex  # made here, before the server is tried: see the module docstring
        if self.file.count(WAITING) and self._server_worth_trying():
            self.send_waiting()
        if not self.file.count(WAITING) and self._server_worth_trying():
            self._failure = None
            view = self._from_server(lambda: self._cafe.ledger.stamp(card.id, by, force, ref=ref))
            # No answer after sending: the server may have kept it all the same. (Kept waiting
            # for the write lock, the server answered and rolled back: nothing was kept.)
            if view is None and not isinstance(self._failure, ServerBusy):
                landed = self._landed(ref, card.customer_id)
                if landed is False:  # it answers now, and has not got it: the normal stamp, once
                    view = self._from_server(lambda: self._cafe.ledger.stamp(card.id, by, force, ref=ref))
                elif landed is None:  # nobody can say: kept here under the same ref, sent later
                    return self._queue(ref, card, by, force, checked=False)
                else:
                    view = landed
            if view is not None:
                self._refresh_one(card.customer_id)
                return view
        return self._queue(ref, card, by, force)

    def _queue(self, ref: str, card: CardView, by: int | None, force: bool, checked: bool = True) -> CardView:
        """Into the queue after the copy's checks; ``checked=False`` for a stamp the server may
        already have (its answer was lost): the copy cannot judge it (another till may have
        redeemed), so it waits under its ref and the server, which knows, decides on sending."""
        regular = self.file.regular(card.customer_id)
        if regular is None:
            raise StorageError(
                "The database server cannot be reached, and this regular is not in this till's copy yet; "
                "nothing was saved. Note the stamp on paper."
            )
        waiting = self.file.stamps(WAITING, card.customer_id)
        filled = regular.filled + len(waiting)
        if checked and filled >= regular.slots:
            raise CardStateError("This card is full. Redeeming needs the server: give the reward when it is back.")
        now = self._cafe.clock.now()
        last = max([t for t in [_time(regular.last_stamp_at), *(w.at for w in waiting)] if t is not None], default=None)
        guard = int(self.file.setting("guard_minutes"))
        if checked and last is not None and guard and not force:
            minutes = abs((now - last).total_seconds()) / 60
            if minutes < guard:
                raise TooSoon("This card was already stamped {ago}.", ago=_ago(minutes), minutes_ago=minutes)
        name = f"{regular.first_name} {regular.last_name}".strip()
        self.file.add(QueuedStamp(ref, card.customer_id, name, now, by, force, WAITING))
        # Screens refresh from this as from a stamp on the server (their reads then come from
        # the copy, with the stamps waiting here).
        changes.note_event("stamp.add", "card", card.id, card.customer_id, {"queued": True})
        return self._card(regular, filled + 1)

    def send_waiting(self) -> Sent:
        """Send the queue, oldest first, each stamp in its own transaction. Stops (keeping the
        rest) when the server goes away again."""
        sent = already = refused = 0
        for stamp in self.file.stamps(WAITING):
            try:
                with self._deadline():
                    view = self._cafe.ledger.stamp_from_queue(
                        stamp.ref, stamp.customer_id, stamp.at, stamp.staff_id, stamp.forced
                    )
            except ServerUnreachable:
                self.away()
                break
            except StorageError:
                break  # busy, or a disk problem on the server: tried again with the next send
            except CafeError as exc:  # the guard, a full card, a regular gone: the owner decides
                self.file.mark(stamp.ref, REFUSED, exc)
                refused += 1
                continue
            self._away_since = None
            self.file.mark(stamp.ref, SENT)
            if view is None:
                already += 1
            else:
                sent += 1
            self._refresh_one(stamp.customer_id)
        return Sent(sent, already, refused, self.file.count(WAITING))

    def waiting(self) -> int:
        return self.file.count(WAITING)

    def catch_up(self) -> Sent:
        """The server answers again (the till's listener heard it): its schema is checked, as
        at start (a till that started without it has not yet), then the queue is sent."""
        self.back()
        if self._started_away:
            try:
                with storage_errors():
                    self._cafe.reconnect()
            except ServerUnreachable:
                self.away()
                raise
            self._started_away = False
        return self.send_waiting()

    def refused(self) -> list[QueuedStamp]:
        return self.file.stamps(REFUSED)

    def keep(self, ref: str, by: int | None) -> CardView:
        """The owner adds a refused stamp after all (see ``Ledger.keep_queued``)."""
        stamp = self._refused(ref)
        view = self._cafe.ledger.keep_queued(stamp.ref, stamp.customer_id, stamp.at, stamp.staff_id, by=by)
        self.file.mark(ref, SENT)
        self._refresh_one(stamp.customer_id)
        return view

    def drop(self, ref: str, by: int | None) -> None:
        """The owner drops a refused stamp (audited on the server with the reason it was refused)."""
        stamp = self._refused(ref)
        reason = stamp.refusal().message
        self._cafe.ledger.drop_queued(stamp.ref, stamp.customer_id, stamp.at, stamp.staff_id, reason, by=by)
        self.file.mark(ref, DROPPED)

    def _refused(self, ref: str) -> QueuedStamp:
        for stamp in self.file.stamps(REFUSED):
            if stamp.ref == ref:
                return stamp
        raise CardStateError("That stamp was already decided on.")

    # -- the copy of the regulars ----------------------------------------------------------

    def refresh(self) -> int:
        """Read every living regular (and the staff and settings) from the server into the
        copy; how many regulars there are."""
        db = self._cafe.db
        with read(db):
            rows = db.execute_sql(_REGULARS).fetchall()
            code_rows = db.execute_sql(_CODES).fetchall()
            kept = {"settings": self._cafe.settings.all(), "staff": [asdict(s) for s in self._cafe.staff.list()]}
        self._away_since = None
        self.file.keep_regulars(rows, code_rows, kept)
        return len(rows)

    def refresh_some(self, customer_ids: Sequence[int]) -> None:
        if self.offline:
            return  # the copy is what there is; it is refreshed whole when the server is back
        for customer_id in customer_ids:
            self._refresh_one(customer_id)

    def _refresh_one(self, customer_id: int) -> None:
        """Keep one regular's row current after a change (a failure here loses nothing: the
        next full refresh brings it)."""
        try:
            with storage_errors():
                row = self._cafe.db.execute_sql(_REGULARS + " AND c.id = ?", (customer_id,)).fetchone()
                code_rows = self._cafe.db.execute_sql(
                    _CODES + " AND coalesce(c.merged_into_id, c.id) = ?", (customer_id,)
                ).fetchall()
            self.file.keep_regular(row, code_rows, customer_id)
        except CafeError:
            pass

    def _card(self, regular: _Regular, filled: int) -> CardView:
        return CardView(
            id=regular.card_id,
            customer_id=regular.id,
            code=regular.code,
            slots=regular.slots,
            head_start=regular.head_start,
            filled=filled,
            status="active",
            issued_at=_time(regular.issued_at) or dt.datetime.min,
        )

    def _filled(self, regular: _Regular) -> int:
        return regular.filled + len(self.file.stamps(WAITING, regular.id))

    # -- reading, from the copy when the server is away ------------------------------------

    def search(
        self, query: str = "", limit: int = 100, offset: int = 0, only: list[int] | None = None
    ) -> list[CustomerSummary]:
        found = self._from_server(lambda: Counter.search(self, query, limit, offset, only))
        if found is not None:
            return found
        waiting = self.file.waiting_for()
        return [
            CustomerSummary(
                id=r.id,
                first_name=r.first_name,
                last_name=r.last_name,
                phone=r.phone,
                filled=r.filled + waiting.get(r.id, 0),
                slots=r.slots,
                last_seen_at=_time(r.last_seen_at),
            )
            for r in self.file.search(query, limit, offset, only)
        ]

    def panel(self, customer_id: int) -> Profile:
        profile = self._from_server(lambda: Counter.panel(self, customer_id))
        if profile is not None:
            return profile
        regular = self.file.regular(customer_id)
        if regular is None:
            raise ServerUnreachable(
                "The database server cannot be reached, and this regular is not in this till's copy; nothing was read."
            )
        return self._offline_profile(regular)

    def of_card(self, payload: str | Sequence[str]) -> Profile:
        profile = self._from_server(lambda: Counter.of_card(self, payload))
        if profile is not None:
            return profile
        template = self.file.setting("card_url_template")
        readings = [payload] if isinstance(payload, str) else [p for p in payload if p]
        for reading in readings:
            for candidate in keymap.candidates(reading[: codes.MAX_PAYLOAD + 1]):
                try:
                    owner = self.file.owner_of(codes.canonical(codes.code_from_payload(candidate, template)))
                except CafeError:
                    continue
                regular = self.file.regular(owner) if owner is not None else None
                if regular is not None:
                    return self._offline_profile(regular)
        raise ServerUnreachable(
            "The database server cannot be reached, and this card is not in this till's copy; nothing was read."
        )

    def staff(self) -> list[StaffView]:
        found = self._from_server(lambda: Counter.staff(self))
        if found is not None:
            return found
        return [StaffView(**s) for s in self.file.kept("staff") or []]

    def settings(self) -> dict[str, Any]:
        found = self._from_server(lambda: Counter.settings(self))
        if found is not None:
            return found
        kept = self.file.kept("settings")
        if kept is None:
            raise ServerUnreachable("The database server cannot be reached, and this till has no copy yet.")
        return {key: kept.get(key, spec.default) for key, spec in SPECS.items()}

    def _offline_profile(self, regular: _Regular) -> Profile:
        """What the copy knows, for the panel: name, allergies and diet, the usual as they
        wrote it, and the card with the stamps waiting on this till. No history or feedback
        (they are on the server)."""
        customer = CustomerView(
            id=regular.id,
            first_name=regular.first_name,
            last_name=regular.last_name,
            phone=regular.phone,
            email="",
            usual=regular.usual,
            notes="",
            created_at=_time(regular.created_at) or dt.datetime.min,
            last_seen_at=_time(regular.last_seen_at),
            card=self._card(regular, self._filled(regular)),
            allergies=regular.allergies,
            dietary=regular.dietary,
        )
        return Profile(
            customer=customer,
            history=[],
            usual=UsualOrder(None, regular.usual, "", "note") if regular.usual else None,
            birthday_week=False,
            today=self._cafe.clock.now().date(),
            visits=0,
            milestone=None,
            days_as_regular=10_000,
            suggestion=None,
            open_feedback=[],
            reward_text=reward_in({k: self.file.setting(k) for k in ("reward_text", "reward_text_fa", "language")}),
            offline=True,
        )

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

The same file holds a copy of the regulars (:mod:`~cafe_loyalty.replica.till_file`), which
follows the change stream (:meth:`ReplicaTill.follow`: this till's own writes and what the
other tills commit), so the barista can still find and scan someone.

:class:`ReplicaTill` is the :class:`~cafe_loyalty.till.Till` of a till on a server: stamps,
search, the panel, scans, staff and settings fall back to the queue and the copy; every other
counter call needs the server and, while it is away, is refused at once with
:class:`~cafe_loyalty.errors.ServerUnreachable` (the till says so) instead of waiting on the
connection on the till's one database thread."""

from __future__ import annotations

import contextlib
import datetime as dt
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, ParamSpec, TypeVar

from cafe_loyalty import changes
from cafe_loyalty.changes import Changes
from cafe_loyalty.errors import CafeError, CardStateError, ServerBusy, ServerUnreachable, StorageError
from cafe_loyalty.printing import codes
from cafe_loyalty.replica.till_file import (
    DROPPED,
    REFUSED,
    SENT,
    WAITING,
    CopiedRegular,
    TillFile,
    parse_time,
)
from cafe_loyalty.rules import stamping
from cafe_loyalty.rules.stamping import CardState
from cafe_loyalty.scanning import keymap
from cafe_loyalty.services.profiles import Profile
from cafe_loyalty.services.regulars import UsualOrder
from cafe_loyalty.services.settings import SPECS, reward_in
from cafe_loyalty.services.staff import StaffView
from cafe_loyalty.services.views import CardView, CustomerSummary, CustomerView
from cafe_loyalty.store import fragments
from cafe_loyalty.store.db import read
from cafe_loyalty.store.failures import storage_errors
from cafe_loyalty.store.models import Stamp
from cafe_loyalty.till import QueuedStamp, Sent, Till

if TYPE_CHECKING:
    from cafe_loyalty.app import Cafe

T = TypeVar("T")
P = ParamSpec("P")

# The counter's calls that need the server (see :class:`~cafe_loyalty.till.Till`): while it is
# away they are refused at once; what works from the copy is overridden in ReplicaTill instead.
SERVER_ONLY = (
    "customer", "add_customer", "update_customer", "already_here", "likely_now",
    "redeem", "undo", "record_visit", "menu", "give_treat", "add_feedback", "resolve_feedback",
    "checkbacks_due", "checkback_for", "record_checkback",
    "card_png", "save_card_pdf", "save_card_png", "slip_png", "save_slip_pdf", "print_slip", "reissue_card",
    "card_of", "check_in", "check_in_by_phone", "rest_screen",
    "branch_label", "owner_pin_set", "unlock_owner", "save_export", "forget",
    "backup_reminder", "auto_backup_status", "run_auto_backup", "snapshot_if_due", "finish_pending_erasures",
)  # fmt: skip

# Everything the copy holds, read from the server in one statement (living regulars only).
_REGULARS = f"""
    SELECT c.id, c.first_name, c.last_name, c.phone, c.allergies, c.dietary, c.usual, c.search_key,
           c.last_seen_at, c.created_at, cd.id, cd.slots, cd.head_start, cd.issued_at,
           {fragments.filled("cd")}, {fragments.last_purchase("cd")}, coalesce({fragments.current_code("c.id")}, '')
    FROM customer c JOIN card cd ON cd.customer_id = c.id AND cd.status = 'active'
    WHERE c.forgotten_at IS NULL AND c.merged_into_id IS NULL"""

_CODES = """
    SELECT k.code, coalesce(c.merged_into_id, c.id) FROM card_code k JOIN customer c ON c.id = k.customer_id
    WHERE k.revoked_at IS NULL AND c.forgotten_at IS NULL"""

RETRY_SECONDS = 15.0  # while away, the server is tried again this often (a till also hears it return)

# A server call from the counter that has not answered in this long is cut and the server taken
# as away (a stamp is queued). Longer than the 5 s lock timeout, so a wait for another till's
# change ends as "busy" from the server first.
SERVER_DEADLINE = 8.0


class ReplicaTill(Till):
    """The counter of a till on a server: when the server does not answer, stamps are kept
    in the till's queue and the rest comes from its copy (see the module's docstring).

    Once the server has not answered, the till stops asking it for each tap (on a network that
    drops packets each try would wait seconds) and tries again after :data:`RETRY_SECONDS`, or
    at once when told it is back (:meth:`back`: a till hears that from its listener)."""

    def __init__(self, cafe: Cafe, path: Path, away: bool = False):
        super().__init__(cafe)
        self.file = TillFile(path)
        for name in SERVER_ONLY:  # refused at once while away, never waiting on the connection
            setattr(self, name, self._on_server(getattr(self, name)))
        self._fresh: set[int] = set()  # regulars this till's own stamp has just refreshed in the copy
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

    def _on_server(self, call: Callable[P, T]) -> Callable[P, T]:
        """``call`` as the counter makes it on a server: refused at once while the server is
        away (recently failed), cut after :data:`SERVER_DEADLINE`, and a failure marks it away."""

        def guarded(*args: P.args, **kwargs: P.kwargs) -> T:
            if not self._server_worth_trying():
                raise ServerUnreachable(
                    "The database server cannot be reached; nothing was saved. Meanwhile a till keeps only "
                    "stamps, and sends them when it is back."
                )
            try:
                with self._deadline(), storage_errors():
                    result = call(*args, **kwargs)
            except ServerUnreachable:
                self.away()
                raise
            self._away_since = None
            return result

        return guarded

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
            view = self._from_server(lambda: Till.stamp(self, card, by, force, ref))
            # No answer after sending: the server may have kept it all the same. (Kept waiting
            # for the write lock, the server answered and rolled back: nothing was kept.)
            if view is None and not isinstance(self._failure, ServerBusy):
                landed = self._landed(ref, card.customer_id)
                if landed is False:  # it answers now, and has not got it: the normal stamp, once
                    view = self._from_server(lambda: Till.stamp(self, card, by, force, ref))
                elif landed is None:  # nobody can say: kept here under the same ref, sent later
                    return self._queue(ref, card, by, force, checked=False)
                else:
                    view = landed
            if view is not None:
                self._after_stamp(view)
                self._fresh.add(card.customer_id)  # its echo in the change stream is not read again
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
        now = self._cafe.clock.now()
        if checked:
            times = [t for t in [parse_time(regular.last_stamp_at), *(w.at for w in waiting)] if t is not None]
            state = CardState(regular.slots, filled, max(times, default=None))
            refused = stamping.refusal(state, now, int(self.file.setting("guard_minutes")), force, away=True)
            if refused is not None:
                raise refused
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
                self._refresh_one(stamp.customer_id)
            else:
                sent += 1
                self._after_stamp(view)
        return Sent(sent, already, refused, self.file.count(WAITING))

    def waiting(self) -> int:
        return self.file.count(WAITING)

    def catch_up(self) -> Sent:
        """The server answers again (the till's listener heard it): its schema is checked, as
        at start (a till that started without it has not yet), then the queue is sent."""
        self.back()
        try:
            self._answering()
            if self._started_away:
                with storage_errors():
                    self._cafe.reconnect()
                self._started_away = False
        except ServerUnreachable:
            self.away()
            raise
        return self.send_waiting()

    def _answering(self) -> None:
        """Make sure this thread's connection is a live one before the queue is sent. The server
        may have ended it while it was away (a session idle in a transaction is ended after 10 s)
        and that shows only at its next statement: which would otherwise be the first stamp sent,
        leaving the queue waiting for the next return. One cheap statement finds a dead one, and
        the next connects afresh; a second failure means the server is away again."""
        for attempt in range(2):
            try:
                with self._deadline(), storage_errors():
                    self._cafe.db.execute_sql("SELECT 1")
                return
            except ServerUnreachable:
                if attempt:
                    raise

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

    def follow(self, changes: Changes) -> None:
        """Apply one change, here or on another till, to the copy: a restore (or the server's
        return) reads it whole; the regulars it touched are read again, once. A regular this
        till has just stamped was refreshed with the stamp's answer, so the echo of that stamp
        is skipped (if another till's change to them came first, that one is skipped instead
        and the echo reads them: either way the last read is after both)."""
        if changes.everything:
            self.refresh()
            return
        fresh = self._fresh & changes.customers
        self._fresh -= fresh
        self.refresh_some(sorted(changes.customers - fresh))

    def refresh_some(self, customer_ids: Sequence[int]) -> None:
        if self.offline:
            return  # the copy is what there is; it is refreshed whole when the server is back
        for customer_id in customer_ids:
            self._refresh_one(customer_id)

    def _refresh_one(self, customer_id: int) -> bool:
        """Keep one regular's row current after a change; False when it could not be read (a
        failure here loses nothing: the next full refresh brings it)."""
        try:
            with self._deadline(), storage_errors():
                row = self._cafe.db.execute_sql(_REGULARS + " AND c.id = ?", (customer_id,)).fetchone()
                code_rows = self._cafe.db.execute_sql(
                    _CODES + " AND (c.id = ? OR c.merged_into_id = ?)", (customer_id, customer_id)
                ).fetchall()
            self.file.keep_regular(row, code_rows, customer_id)
        except ServerUnreachable:
            self.away()  # the next tap goes to the queue at once, not after another deadline
            return False
        except CafeError:
            return False
        return True

    def _after_stamp(self, view: CardView) -> None:
        """The copy after a stamp the server kept: read again, or, when the server went away
        between its answer and that read, the answer itself (the copy must not lag behind a
        stamp this till acknowledged: the next ones may be judged by it, offline)."""
        if not self._refresh_one(view.customer_id):
            with contextlib.suppress(CafeError):
                self.file.note_stamp(
                    view.customer_id, (view.id, view.slots, view.head_start, view.filled), self._cafe.clock.now()
                )

    def _card(self, regular: CopiedRegular, filled: int) -> CardView:
        return CardView(
            id=regular.card_id,
            customer_id=regular.id,
            code=regular.code,
            slots=regular.slots,
            head_start=regular.head_start,
            filled=filled,
            status="active",
            issued_at=parse_time(regular.issued_at) or dt.datetime.min,
        )

    def _filled(self, regular: CopiedRegular) -> int:
        return regular.filled + len(self.file.stamps(WAITING, regular.id))

    # -- reading, from the copy when the server is away ------------------------------------

    def search(
        self, query: str = "", limit: int = 100, offset: int = 0, only: list[int] | None = None
    ) -> list[CustomerSummary]:
        found = self._from_server(lambda: Till.search(self, query, limit, offset, only))
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
                last_seen_at=parse_time(r.last_seen_at),
            )
            for r in self.file.search(query, limit, offset, only)
        ]

    def panel(self, customer_id: int) -> Profile:
        profile = self._from_server(lambda: Till.panel(self, customer_id))
        if profile is not None:
            return profile
        regular = self.file.regular(customer_id)
        if regular is None:
            raise ServerUnreachable(
                "The database server cannot be reached, and this regular is not in this till's copy; nothing was read."
            )
        return self._offline_profile(regular)

    def of_card(self, payload: str | Sequence[str]) -> Profile:
        profile = self._from_server(lambda: Till.of_card(self, payload))
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
        found = self._from_server(lambda: Till.staff(self))
        if found is not None:
            return found
        return [StaffView(**s) for s in self.file.kept("staff") or []]

    def settings(self) -> dict[str, Any]:
        found = self._from_server(lambda: Till.settings(self))
        if found is not None:
            return found
        kept = self.file.kept("settings")
        if kept is None:
            raise ServerUnreachable("The database server cannot be reached, and this till has no copy yet.")
        return {key: kept.get(key, spec.default) for key, spec in SPECS.items()}

    def _offline_profile(self, regular: CopiedRegular) -> Profile:
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
            created_at=parse_time(regular.created_at) or dt.datetime.min,
            last_seen_at=parse_time(regular.last_seen_at),
            card=self._card(regular, self._filled(regular)),
            allergies=regular.allergies,
            dietary=regular.dietary,
        )
        return Profile(
            customer=customer,
            usual=UsualOrder(None, regular.usual, "", "note") if regular.usual else None,
            today=self._cafe.clock.now().date(),
            reward_text=reward_in({k: self.file.setting(k) for k in ("reward_text", "reward_text_fa", "language")}),
            offline=True,
        )

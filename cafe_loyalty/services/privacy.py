"""A customer's own data: everything we hold about them as JSON, and forgetting them.

Forgetting erases the personal fields and every free text (notes, feedback, treats, the
audit log's copies of their details), of the regular and of every duplicate merged into them,
revokes their card codes, and keeps only anonymous
rows (stamps, visits) so the café's counts stay right. ``secure_delete`` and a WAL checkpoint
make sure the erased text is not left behind in free pages or the journal.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import peewee as pw

from cafe_loyalty.backup import erasure
from cafe_loyalty.store.db import write
from cafe_loyalty.store.engine import Engine
from cafe_loyalty.store.models import Setting

from ..clock import Clock
from ..files import atomic_write
from ..rights import owner_only
from .audit import Audit
from .lookup import living_customer
from .views import JsonView


class Privacy:
    def __init__(self, db: pw.Database, clock: Clock, audit: Audit, copies: Callable[[], list[Path]], engine: Engine):
        self._db = db
        self._engine = engine
        self._clock = clock
        self._audit = audit
        self._copies = copies  # the database's copies on this disk: daily snapshots, safety copies

    @owner_only("export a customer's data")
    def export(self, customer_id: int, by: int | None = None) -> dict[str, Any]:
        """All we hold about one customer, for them to take away."""
        living_customer(customer_id)
        sql = self._db.execute_sql

        def rows(query: str) -> list[dict[str, Any]]:
            cursor = sql(query, (customer_id,))
            names = [d[0] for d in cursor.description]
            return [dict(zip(names, r, strict=True)) for r in cursor.fetchall()]

        details = rows(
            "SELECT id, first_name, last_name, phone, email, usual, notes, allergies, dietary, birthday_month, "
            "birthday_day, birthday_year, birthday_calendar, created_at, last_seen_at, referred_by_id "
            "FROM customer WHERE id = ?"
        )[0]
        return {
            "customer": details,
            "card_codes": rows("SELECT code, issued_at, revoked_at FROM card_code WHERE customer_id = ?"),
            "cards": rows("SELECT id, slots, head_start, status, issued_at, closed_at FROM card WHERE customer_id = ?"),
            "stamps": rows(
                "SELECT s.at, s.source, s.voided_at, s.void_reason FROM stamp s JOIN card c ON c.id = s.card_id "
                "WHERE c.customer_id = ? ORDER BY s.id"
            ),
            "rewards": rows(
                "SELECT r.at, r.reward, r.voided_at FROM redemption r JOIN card c ON c.id = r.card_id "
                "WHERE c.customer_id = ?"
            ),
            "visits": rows(
                "SELECT v.at, m.name AS item, i.modifiers FROM visit v JOIN visit_item i ON i.visit_id = v.id "
                "JOIN menu_item m ON m.id = i.item_id WHERE v.customer_id = ? ORDER BY v.at"
            ),
            "feedback": rows("SELECT at, kind, text, status, resolution FROM feedback WHERE customer_id = ?"),
            "treats": rows("SELECT at, what, why, note FROM treat WHERE customer_id = ?"),
        }

    @owner_only("export a customer's data")
    def save_export(self, customer_id: int, path: str | Path, by: int | None = None) -> Path:
        """The export as a JSON file, written whole or not at all."""
        data = json.dumps(self.export(customer_id, by=by), ensure_ascii=False, indent=2, default=str).encode()
        return atomic_write(path, lambda tmp: tmp.write_bytes(data))

    @owner_only("forget a customer")
    def forget(self, customer_id: int, by: int | None = None, *, copies: bool = False) -> ForgetResult:
        """Erase the customer and record the erasure (so a restore forgets them again).

        With ``copies``, also erase them now from the daily snapshots and safety copies on disk
        (each rewritten and checked; one that cannot be is deleted rather than kept with the
        data). Backups kept elsewhere cannot be reached: their restore forgets them again."""
        now = self._clock.now()
        execute = self._db.execute_sql
        with write(self._db):
            living_customer(customer_id)
            records = []
            for one in erasure.family(execute, customer_id):  # and every duplicate merged into them
                erasure.record(execute, one, now)
                erasure.erase(execute, one, now)
                records += erasure.recorded(execute, one)
            self._audit.record("customer.forget", "customer", customer_id, by=by)
        result = self.finish_erasure()
        if not copies:
            return result
        scrubbed, deleted = 0, 0
        for path in self._copies():
            if erasure.scrub_file(path, records):
                scrubbed += 1
            else:
                path.unlink(missing_ok=True)
                deleted += 1
        return dataclasses.replace(result, copies_erased=scrubbed, copies_deleted=deleted)

    def finish_erasure(self) -> ForgetResult:
        """Make sure erased text is gone from the file itself, not merely unreferenced.

        ``VACUUM`` (with ``secure_delete``) rewrites the database without the freed pages and a
        ``TRUNCATE`` checkpoint folds the journal back in. Either can fail after the erasure
        itself has committed: a nearly full disk has no room for VACUUM's copy, and another
        program reading the database keeps its old pages in the journal. Then the erasure
        stands, a flag says the file still needs this, and the till's maintenance pass (or the
        next ``forget``) finishes it."""
        reason = self._engine.reclaim(_PERSONAL)  # on a server: the tables rewritten (VACUUM FULL)
        self._set_pending(bool(reason))
        return ForgetResult(in_file="pending" if reason else "erased", reason=reason)

    def finish_pending(self) -> ForgetResult | None:
        """The maintenance pass: finish an erasure's wipe that had to wait, if there is one."""
        return self.finish_erasure() if self.erasure_pending() else None

    def erasure_pending(self) -> bool:
        return Setting.select().where((Setting.key == _PENDING) & (Setting.value == "1")).exists()

    def _set_pending(self, pending: bool) -> None:
        if pending == self.erasure_pending():
            return
        with write(self._db):
            Setting.put(_PENDING, "1" if pending else "0")


_PENDING = "erasure_pending"
# The tables whose rows can hold what a regular told the café (names, notes, feedback).
_PERSONAL = ("customer", "event", "feedback", "treat", "card_code", "import_row", "visit_item")


@dataclass(frozen=True)
class ForgetResult(JsonView):
    """A forget always erases in the database; ``in_file`` says whether the old text is also
    gone from the file's free space and journal ("erased") or will be once possible ("pending";
    ``reason`` is "disk full", "reader" or "error")."""

    in_file: str
    reason: str
    copies_erased: int = 0  # snapshots and safety copies rewritten without them
    copies_deleted: int = 0  # ...or deleted because they could not be

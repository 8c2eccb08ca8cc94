"""A customer's own data: everything we hold about them as JSON, and forgetting them.

Forgetting erases the personal fields and every free text (notes, feedback, treats, the
audit log's copies of their details), revokes their card codes, and keeps only anonymous
rows (stamps, visits) so the café's counts stay right. ``secure_delete`` and a WAL checkpoint
make sure the erased text is not left behind in free pages or the journal.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import peewee as pw

from ..clock import Clock
from ..db import storage_errors, write
from ..errors import NotFound, StorageError
from ..models import CardCode, Customer, Event, Feedback, Treat
from .audit import Audit


class Privacy:
    def __init__(self, db: pw.SqliteDatabase, clock: Clock, audit: Audit):
        self._db = db
        self._clock = clock
        self._audit = audit

    def export(self, customer_id: int) -> dict[str, Any]:
        """All we hold about one customer, for them to take away."""
        customer = Customer.get_or_none((Customer.id == customer_id) & Customer.forgotten_at.is_null())
        if customer is None:
            raise NotFound("There is no customer with id {customer_id}.", customer_id=customer_id)
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

    def save_export(self, customer_id: int, path: str | Path) -> Path:
        """The export as a JSON file, written whole or not at all."""
        data = json.dumps(self.export(customer_id), ensure_ascii=False, indent=2, default=str).encode()
        path = Path(path)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(f".{path.name}.part")
            tmp.write_bytes(data)
            tmp.replace(path)
        except OSError as exc:
            raise StorageError("Could not save {file}: {reason}.", file=path.name, reason=exc.strerror or exc) from exc
        return path

    def forget(self, customer_id: int, by: int | None = None) -> None:
        now = self._clock.now()
        with write(self._db):
            customer = Customer.get_or_none((Customer.id == customer_id) & Customer.forgotten_at.is_null())
            if customer is None:
                raise NotFound("There is no customer with id {customer_id}.", customer_id=customer_id)
            Customer.update(
                first_name="(forgotten)",
                last_name="",
                phone="",
                email="",
                usual="",
                notes="",
                allergies="",
                dietary="",
                usual_item=None,
                usual_modifiers="",
                birthday_month=None,
                birthday_day=None,
                birthday_year=None,
                birthday_calendar="gregorian",
                search_key="",
                forgotten_at=now,
            ).where(Customer.id == customer_id).execute()
            CardCode.update(revoked_at=now).where(
                (CardCode.customer == customer_id) & CardCode.revoked_at.is_null()
            ).execute()
            Feedback.update(text="", resolution="").where(Feedback.customer == customer_id).execute()
            Treat.update(note="").where(Treat.customer == customer_id).execute()
            # The audit log copied their details when they were added or edited: keep that the
            # events happened, drop what they said.
            feedback_ids = [f.id for f in Feedback.select(Feedback.id).where(Feedback.customer == customer_id)]
            # (stamp events copy nothing personal; leaving them out lets SQLite use the index)
            erased = json.dumps({"erased": "customer forgotten"})
            for entity, ids in (("customer", [customer_id]), ("feedback", feedback_ids)):
                if ids:
                    Event.update(detail=erased).where(
                        (Event.action != "stamp.add") & (Event.entity == entity) & Event.entity_id.in_(ids)
                    ).execute()
            self._audit.record("customer.forget", "customer", customer_id, by=by)
        with storage_errors():
            # Overwrite the freed space and fold the journal back in, so the erased text is gone
            # from the file itself, not merely unreferenced.
            self._db.execute_sql("PRAGMA secure_delete = ON")
            self._db.execute_sql("VACUUM")
            self._db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")

"""The audit log: every change a service makes is recorded in the same transaction.

Most changes write an event row. A stamp does not: its own row already holds who, when, which
card and whether the double-tap guard was overridden, and one row fewer per stamp is the
till's hottest path. ``for_entity`` shows a card's stamp rows and its events together, in
order, so the log still shows every change (voids and forced stamps included)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import peewee as pw

from cafe_loyalty.store.models import Event, Stamp

from .. import changes
from ..clock import Clock


@dataclass(frozen=True)
class EventView:
    id: int
    at: dt.datetime
    staff_id: int | None
    action: str
    entity: str
    entity_id: int | None
    detail: dict[str, Any]


class Audit:
    _INSERT = "INSERT INTO event (at, staff_id, action, entity, entity_id, detail) VALUES (?, ?, ?, ?, ?, ?)"

    def __init__(self, db: pw.Database, clock: Clock):
        self._clock = clock
        self._execute = db.execute_sql

    def record(
        self,
        action: str,
        entity: str,
        entity_id: int | None,
        *,
        by: int | None,
        execute: Callable[..., Any] | None = None,
        of_customer: int | None = None,
        **detail: Any,
    ) -> None:
        """Append one event. Call inside the service's write transaction, never on its own.

        The event is also noted as a change (``changes.note_event``) for whoever records the
        call; ``of_customer`` names the regular a card event concerns (``detail["customer"]``
        does the same where the event stores it).

        Plain SQL rather than ``Event.create``: it runs in every write, the stamp included
        (which passes its connection's ``execute`` to skip peewee's wrapper)."""
        customer = of_customer if of_customer is not None else detail.get("customer")
        changes.note_event(action, entity, entity_id, customer if isinstance(customer, int) else None, detail)
        (execute or self._execute)(
            self._INSERT,
            (
                Event.at.db_value(self._clock.now()),
                by,
                action,
                entity,
                entity_id,
                json.dumps(detail, ensure_ascii=False, default=str),
            ),
        )

    def noted(self, action: str, entity: str, entity_id: int, *, of_customer: int | None, **detail: Any) -> None:
        """A change whose own row is its audit record (a stamp): noted for whoever follows
        changes, with no event row written."""
        changes.note_event(action, entity, entity_id, of_customer, detail)

    def for_entity(self, entity: str, entity_id: int) -> list[EventView]:
        """Every recorded change of one row, oldest first; a card's stamps come from its stamp
        rows (older cafés also have a ``stamp.add`` event for each: shown once)."""
        query = Event.select().where((Event.entity == entity) & (Event.entity_id == entity_id)).order_by(Event.id)
        found = [
            EventView(e.id, e.at, e.staff_id, e.action, e.entity, e.entity_id, json.loads(e.detail)) for e in query
        ]
        if entity != "card":
            return found
        logged = {e.detail.get("stamp") for e in found if e.action == "stamp.add"}
        stamps = Stamp.select().where((Stamp.card == entity_id) & (Stamp.source == "purchase")).order_by(Stamp.id)
        found += [
            EventView(0, s.at, s.staff_id, "stamp.add", "card", entity_id, {"stamp": s.id, "forced": s.forced})
            for s in stamps
            if s.id not in logged
        ]
        return sorted(found, key=lambda e: e.at)  # stable: events keep their order at equal times

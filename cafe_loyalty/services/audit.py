"""The audit log: every change a service makes is recorded in the same transaction."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import peewee as pw

from .. import changes
from ..clock import Clock
from ..models import Event


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

    def for_entity(self, entity: str, entity_id: int) -> list[EventView]:
        query = Event.select().where((Event.entity == entity) & (Event.entity_id == entity_id)).order_by(Event.id)
        return [EventView(e.id, e.at, e.staff_id, e.action, e.entity, e.entity_id, json.loads(e.detail)) for e in query]

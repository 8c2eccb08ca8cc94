"""The audit log: every change a service makes is recorded in the same transaction."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

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

    def __init__(self, clock: Clock):
        self._clock = clock

    def record(
        self,
        action: str,
        entity: str,
        entity_id: int | None,
        *,
        by: int | None,
        execute: Callable[..., Any] | None = None,
        **detail: Any,
    ) -> None:
        """Append one event. Call inside the service's write transaction, never on its own.

        Plain SQL rather than ``Event.create``: it runs in every write, the stamp included
        (which passes its connection's ``execute`` to skip peewee's wrapper)."""
        (execute or Event._meta.database.execute_sql)(
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

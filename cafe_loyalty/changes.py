"""What a write changed, so a screen (or a second screen, or another till) refreshes only that.

Every change a service makes is audited in the same transaction (``Audit.record``), so the
audit call is where the change is noted too: a service cannot write something, audit it and
forget to report it. A front end wraps a call in :func:`recording` and gets the result and a
:class:`Changes` back together (``Cafe.perform``); code that does not record pays one context
variable lookup per write.

The same object is what the customer display and other tills will subscribe to (issues #14
and #18): it carries ids and setting keys, never personal data.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

# Which program a change told to the other tills came from (issue #18): a till hears its own
# notices too and leaves those out, having already shown what it did.
ORIGIN = uuid.uuid4().hex[:12]
CHANNEL = "cafe_loyalty"  # PostgreSQL's LISTEN/NOTIFY channel the tills share

# Audit entities and the area of the till they belong to (``customer``/``card`` carry ids).
_AREAS = {
    "staff": "staff",
    "branch": "branches",
    "menu_item": "menu",
    "backup": "backups",
    "setting": "settings",
    "experiment": "experiment",
    "import": "customers.added",
    "phones": "customers.added",  # every regular's phone written again: the tiles start afresh
}


@dataclass(frozen=True)
class Changes:
    """Ids and keys touched by one operation. ``everything`` after a restore: the whole
    database was replaced, so every screen starts afresh."""

    customers: frozenset[int] = frozenset()
    cards: frozenset[int] = frozenset()
    settings: frozenset[str] = frozenset()
    areas: frozenset[str] = frozenset()  # staff, menu, backups, settings, feedback, customers.added
    everything: bool = False
    # (merged away, kept): a screen showing the first shows the second instead (issue #31).
    merged: frozenset[tuple[int, int]] = frozenset()

    def __bool__(self) -> bool:
        return self.everything or bool(self.customers or self.cards or self.settings or self.areas)

    def customer(self, customer_id: int | None) -> bool:
        """Did this operation change what is shown about ``customer_id``?"""
        return self.everything or (customer_id is not None and customer_id in self.customers)

    def area(self, name: str) -> bool:
        return self.everything or name in self.areas

    def merged_into(self, customer_id: int | None) -> int | None:
        """The regular ``customer_id`` was merged into by this operation, if it was."""
        return next((keep for other, keep in self.merged if other == customer_id), None)

    def setting(self, *keys: str) -> bool:
        return self.everything or any(k in self.settings for k in keys)

    def __or__(self, other: Changes) -> Changes:
        return Changes(
            self.customers | other.customers,
            self.cards | other.cards,
            self.settings | other.settings,
            self.areas | other.areas,
            self.everything or other.everything,
            self.merged | other.merged,
        )


EVERYTHING = Changes(everything=True)
NOTHING = Changes()


@dataclass
class ChangeLog:
    """Collects notes during one recorded call; :meth:`freeze` gives the :class:`Changes`."""

    customers: set[int] = field(default_factory=set)
    cards: set[int] = field(default_factory=set)
    settings: set[str] = field(default_factory=set)
    areas: set[str] = field(default_factory=set)
    everything: bool = False
    merged: set[tuple[int, int]] = field(default_factory=set)

    def freeze(self) -> Changes:
        return Changes(
            frozenset(self.customers),
            frozenset(self.cards),
            frozenset(self.settings),
            frozenset(self.areas),
            self.everything,
            frozenset(self.merged),
        )


_current: ContextVar[ChangeLog | None] = ContextVar("cafe_loyalty_changes", default=None)
# What the write transaction under way changed, told to the other tills when it commits.
_transaction: ContextVar[ChangeLog | None] = ContextVar("cafe_loyalty_transaction", default=None)


@contextmanager
def transaction_log() -> Iterator[ChangeLog | None]:
    """Collect what one write transaction changes (its outermost block gets the log; a nested
    block gets None and its notes go to the outer one)."""
    if _transaction.get() is not None:
        yield None
        return
    log = ChangeLog()
    token = _transaction.set(log)
    try:
        yield log
    finally:
        _transaction.reset(token)


def to_notice(changes: Changes) -> str:
    """``changes`` as the text of a notice to the other tills: ids and keys only. Too many
    for one notice (PostgreSQL takes 8000 bytes) is said as "everything"."""
    data = {
        "origin": ORIGIN,
        "customers": sorted(changes.customers),
        "cards": sorted(changes.cards),
        "settings": sorted(changes.settings),
        "areas": sorted(changes.areas),
        "everything": changes.everything,
        "merged": sorted(changes.merged),
    }
    text = json.dumps(data, separators=(",", ":"))
    if len(text) > 7000:
        text = json.dumps({"origin": ORIGIN, "everything": True})
    return text


def from_notice(text: str) -> tuple[str, Changes]:
    """The origin and the changes of another till's notice (nothing, if it is not one)."""
    try:
        data = json.loads(text)
        return str(data.get("origin", "")), Changes(
            frozenset(int(i) for i in data.get("customers", ())),
            frozenset(int(i) for i in data.get("cards", ())),
            frozenset(str(k) for k in data.get("settings", ())),
            frozenset(str(a) for a in data.get("areas", ())),
            bool(data.get("everything", False)),
            frozenset((int(a), int(b)) for a, b in data.get("merged", ())),
        )
    except (ValueError, TypeError, AttributeError):
        return "", NOTHING


@contextmanager
def recording() -> Iterator[ChangeLog]:
    """Collect what the calls inside change (on this thread). Nested recordings each see
    their own calls and pass them on to the outer one."""
    outer = _current.get()
    log = ChangeLog()
    token = _current.set(log)
    try:
        yield log
    finally:
        _current.reset(token)
        if outer is not None:
            outer.customers |= log.customers
            outer.cards |= log.cards
            outer.settings |= log.settings
            outer.areas |= log.areas
            outer.everything |= log.everything
            outer.merged |= log.merged


def note_event(action: str, entity: str, entity_id: int | None, customer: int | None, detail: dict[str, Any]) -> None:
    """Called by ``Audit.record`` for every audited change: maps the event to what it touched."""
    for log in (_current.get(), _transaction.get()):
        if log is not None:
            _note(log, action, entity, entity_id, customer, detail)


def _note(
    log: ChangeLog, action: str, entity: str, entity_id: int | None, customer: int | None, detail: dict[str, Any]
) -> None:
    if action == "backup.restore" or action.startswith("backup.restore"):
        log.everything = True
        return
    if entity == "customer" and entity_id is not None:
        log.customers.add(entity_id)
        if action == "customer.merge" and isinstance(detail.get("merged"), int):
            log.customers.add(detail["merged"])  # the duplicate's tile leaves every till
            log.merged.add((detail["merged"], entity_id))
        if action == "customer.add":
            log.areas.add("customers.added")
    elif entity == "card" and entity_id is not None:
        log.cards.add(entity_id)
    elif entity == "feedback":
        log.areas.add("feedback")
    elif entity == "setting":
        log.settings.add(str(detail.get("key", "")))
    if entity in _AREAS:
        log.areas.add(_AREAS[entity])
    if customer is not None:
        log.customers.add(customer)

"""Visits: what a regular had, recorded in one tap, and the stamp it earns.

A visit with items is a Visit row (and, unless told otherwise, a purchase stamp linked to it).
A café that only stamps records no Visit rows: each purchase stamp then counts as a visit by
itself. ``visit_events.VISIT_EVENTS`` is that union, used by every count and report.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import peewee as pw

from cafe_loyalty.store import dialect
from cafe_loyalty.store.db import write
from cafe_loyalty.store.models import Customer, Staff, Visit, VisitItem

from ..clock import Clock, to_local
from ..errors import ValidationError
from .audit import Audit
from .ledger import Ledger
from .lookup import living_customer
from .menu import Menu, normalise_modifiers
from .views import CardView, JsonView
from .visit_events import VISIT_EVENTS, seen


@dataclass(frozen=True)
class VisitResult(JsonView):
    visit_id: int
    items: list[str]
    modifiers: str
    stamped: bool
    card: CardView | None


# A till's clock and the one a visit was typed from may differ a little; more is a typing error.
CLOCK_SKEW = dt.timedelta(minutes=5)
# How far before its setup a café may type in history (from a paper notebook, say).
HISTORY_BEFORE_SETUP = dt.timedelta(days=365)


class Visits:
    def __init__(self, db: pw.Database, clock: Clock, audit: Audit, menu: Menu, ledger: Ledger):
        self._db = db
        self._clock = clock
        self._audit = audit
        self._menu = menu
        self._ledger = ledger

    def _check_time(self, at: dt.datetime) -> dt.datetime:
        """A visit entered afterwards must have happened: not in the future, and not before
        the café existed (a year before the day it was set up, for history typed in)."""
        now = self._clock.now()
        if at > now + CLOCK_SKEW:
            raise ValidationError("A visit cannot be in the future.")
        first = Staff.select(Staff.created_at).order_by(Staff.created_at).first()
        opened = first.created_at if first else None
        if opened is not None:
            earliest = to_local(opened - HISTORY_BEFORE_SETUP).replace(hour=0, minute=0, second=0, microsecond=0)
            if to_local(at) < earliest:
                raise ValidationError(
                    "A visit cannot be that long ago: the café started using the till on {setup}, and history "
                    "goes back at most a year before that ({day}).",
                    setup=to_local(opened).date(),
                    day=earliest.date(),
                )
        return at

    def record(
        self,
        customer_id: int,
        item_ids: Sequence[int],
        modifiers: str = "",
        *,
        at: dt.datetime | None = None,
        stamp: bool = True,
        force: bool = False,
        pin_usual: bool = False,
        by: int | None = None,
    ) -> VisitResult:
        """Record what was had and, with ``stamp``, stamp the card in the same transaction
        (the double-tap guard applies; a refused stamp records nothing). ``pin_usual`` makes the
        first item (with these modifiers) their usual order."""
        if not item_ids:
            raise ValidationError("Choose at least one item.")
        modifiers = normalise_modifiers(modifiers)
        items = [self._menu.resolve(str(i)) for i in item_ids]
        when = self._check_time(at) if at is not None else self._clock.now()
        with write(self._db, customer_id):  # about this regular only: other tills stamp on meanwhile
            living_customer(customer_id)
            visit = Visit.create(customer=customer_id, at=when, staff=by, branch=self._ledger.here.id)
            VisitItem.insert_many(
                [{"visit": visit.id, "item": item.id, "modifiers": modifiers} for item in items]
            ).execute()
            card = None
            if stamp:
                card_id = self._ledger.current_card(customer_id).id
                card = self._ledger.stamp(card_id, by=by, force=force, at=when, visit_id=visit.id)
            else:
                self._db.execute_sql(seen(dialect.of(self._db)), (Visit.at.db_value(when), customer_id))
            if pin_usual:
                Customer.update(usual_item=items[0].id, usual_modifiers=modifiers).where(
                    Customer.id == customer_id
                ).execute()
            self._audit.record(
                "visit.add",
                "customer",
                customer_id,
                by=by,
                visit=visit.id,
                items=[i.name for i in items],
                modifiers=modifiers,
                stamped=stamp,
            )
        return VisitResult(visit.id, [i.name for i in items], modifiers, stamp, card)

    def count(self, customer_id: int) -> int:
        sql = f"SELECT count(*) FROM ({VISIT_EVENTS}) AS e WHERE customer_id = ?"
        return self._db.execute_sql(sql, (customer_id,)).fetchone()[0]

    def history(self, customer_id: int, limit: int = 20) -> list[tuple[dt.datetime, int, str]]:
        """(time, item id, modifiers) of the newest visit items, newest first."""
        rows = self._db.execute_sql(
            "SELECT v.at, i.item_id, i.modifiers FROM visit v JOIN visit_item i ON i.visit_id = v.id "
            "WHERE v.customer_id = ? AND v.voided_at IS NULL ORDER BY v.at DESC, i.id DESC LIMIT ?",
            (customer_id, limit),
        ).fetchall()
        parse = Visit.at.python_value
        return [(parse(at), item, mods) for at, item, mods in rows]

"""Duplicate regulars: finding them, and merging one into another.

A busy counter creates the same regular twice ("Sara" on Monday, "Sara K." with her phone on
Friday). One rule, said in the merge dialog and the README: every earned stamp, visit, reward,
feedback, treat and check-back moves to the kept regular; the other's head start is not counted
twice (voided, with the reason); if the merged stamps fill the kept card, it is full and ready
to redeem, and the rest start the next card when it is issued. The other's printed code keeps
working and opens the kept regular. Owner only, audited, one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import peewee as pw

from cafe_loyalty.store.db import read, write
from cafe_loyalty.store.models import Card, CardCode, CheckBack, Customer, Feedback, Stamp, Treat, Visit

from ..clock import Clock
from ..errors import ValidationError
from ..rights import owner_only
from ..text import fold, phone_tail
from .audit import Audit
from .customers import Customers, search_key
from .ledger import EARNED, Ledger, _filled
from .lookup import living_customer
from .views import JsonView

MERGE_REASON = "merged into another regular: the head start is not counted twice"
# The fields a merge fills on the kept regular when they are empty there.
FILLED = ("last_name", "phone", "email", "usual", "allergies", "dietary", "usual_modifiers")
BIRTHDAY = ("birthday_month", "birthday_day", "birthday_year", "birthday_calendar")


@dataclass(frozen=True)
class Twin(JsonView):
    """One regular of a pair that may be the same person."""

    id: int
    name: str
    phone: str
    birthday: str  # "MM-DD", or ""
    visits: int


@dataclass(frozen=True)
class DuplicatePair(JsonView):
    first: Twin
    second: Twin
    reason: str  # phone | name_birthday


@dataclass(frozen=True)
class MergePreview(JsonView):
    """What a merge would give, shown before the owner confirms: both records side by side and
    the kept regular's card after it (stamps that do not fit wait for the next card)."""

    keep: Any  # CustomerView
    other: Any  # CustomerView
    filled: int  # the kept card after the merge
    slots: int
    head_start: int
    stamps_moved: int
    stamps_waiting: int


# What the owner may choose between the two records (the rest is filled where empty).
CHOICES = {"name": ("keep", "other"), "phone": ("keep", "other"), "notes": ("keep", "other", "both")}


@dataclass(frozen=True)
class MergeResult(JsonView):
    kept: int
    merged: int
    stamps_moved: int
    stamps_waiting: int  # to start the next card (the kept card filled up)
    visits_moved: int
    card: Any  # the kept regular's current CardView


def _name_key(first: str, last: str) -> str:
    return fold(f"{first}{last}").replace(" ", "")


class Merging:
    def __init__(self, db: pw.Database, clock: Clock, audit: Audit, ledger: Ledger, customers: Customers):
        self._db = db
        self._clock = clock
        self._audit = audit
        self._ledger = ledger
        self._customers = customers

    def possible_duplicates(self, limit: int = 200) -> list[DuplicatePair]:
        """Pairs with the same phone (its last ten digits, so 0912… and +98912… meet), or the
        same name once letter forms, diacritics, case and spaces are folded as in search, and
        the same birthday. The newer of each pair second (the one usually merged away)."""
        with read(self._db):
            rows = self._db.execute_sql(
                "SELECT id, first_name, last_name, phone, birthday_month, birthday_day, visits "
                "FROM customer WHERE forgotten_at IS NULL ORDER BY id"
            ).fetchall()
        by_key: dict[tuple[str, ...], list[tuple]] = {}
        for row in rows:
            tail = phone_tail(row[3])
            if tail:
                by_key.setdefault(("phone", tail), []).append(row)
            if row[4]:
                by_key.setdefault(("name_birthday", _name_key(row[1], row[2]), str(row[4]), str(row[5])), []).append(
                    row
                )
        pairs: list[DuplicatePair] = []
        seen: set[tuple[int, int]] = set()
        for key, group in by_key.items():
            for other in group[1:]:
                pair = (group[0][0], other[0])
                if pair in seen:
                    continue
                seen.add(pair)
                pairs.append(DuplicatePair(_twin(group[0]), _twin(other), key[0]))
                if len(pairs) >= limit:
                    return pairs
        return pairs

    def preview(self, keep_id: int, other_id: int) -> MergePreview:
        """The merge as it would come out, writing nothing (for the dialog that confirms it)."""
        if keep_id == other_id:
            raise ValidationError("Choose two different regulars to merge.")
        with read(self._db):
            living_customer(keep_id), living_customer(other_id)
            keep_card = self._ledger.active_card(keep_id)
            other_card = self._ledger.active_card(other_id)
            earned = (
                Stamp.select()
                .where((Stamp.card == other_card.id) & Stamp.source.in_(EARNED) & Stamp.voided_at.is_null())
                .count()
            )
            filled = _filled(keep_card.id)
            moved = min(earned, max(0, keep_card.slots - filled))
            return MergePreview(
                self._customers.get(keep_id),
                self._customers.get(other_id),
                filled + moved,
                keep_card.slots,
                keep_card.head_start,
                moved,
                earned - moved,
            )

    @owner_only("merge two regulars")
    def merge(self, keep_id: int, other_id: int, by: int | None, choose: dict[str, str] | None = None) -> MergeResult:
        """``choose``: which record's name and phone to keep ("keep" or "other") and the notes
        ("keep", "other" or "both", the default: joined)."""
        if keep_id == other_id:
            raise ValidationError("Choose two different regulars to merge.")
        choose = dict(choose or {})
        for field, value in choose.items():
            if field not in CHOICES or value not in CHOICES[field]:
                raise ValidationError("Keep the name, phone or notes of one record: not {value!r}.", value=value)
        with write(self._db):
            keep, other = living_customer(keep_id), living_customer(other_id)
            now = self._clock.now()
            keep_card = self._ledger.active_card(keep_id)
            other_card = self._ledger.active_card(other_id)
            # Finished cards, rewards and their history come along as they are.
            Card.update(customer=keep_id).where((Card.customer == other_id) & (Card.id != other_card.id)).execute()
            # The head start was given once, to the kept card.
            Stamp.update(voided_at=now, voided_by=by, void_reason=MERGE_REASON).where(
                (Stamp.card == other_card.id) & (Stamp.source == "head_start") & Stamp.voided_at.is_null()
            ).execute()
            earned = [
                s.id
                for s in Stamp.select(Stamp.id)
                .where((Stamp.card == other_card.id) & Stamp.source.in_(EARNED) & Stamp.voided_at.is_null())
                .order_by(Stamp.at, Stamp.id)
            ]
            room = max(0, keep_card.slots - _filled(keep_card.id))
            moved, waiting = earned[:room], earned[room:]
            if moved:
                Stamp.update(card=keep_card.id).where(Stamp.id.in_(moved)).execute()
            # What did not fit waits on the other card, now the kept regular's, for the next
            # card (Ledger.issue_card takes it); with nothing waiting the card is void.
            Card.update(customer=keep_id, status="merged" if waiting else "void", closed_at=now).where(
                Card.id == other_card.id
            ).execute()
            visits = Visit.update(customer=keep_id).where(Visit.customer == other_id).execute()
            for model in (Feedback, Treat, CheckBack):
                model.update(customer=keep_id).where(model.customer == other_id).execute()
            Customer.update(referred_by=keep_id).where(Customer.referred_by == other_id).execute()
            # The other's printed card keeps working: its code now opens the kept regular, as
            # an alias (replaced_by points to the kept code), never as their current code.
            current = CardCode.get(
                (CardCode.customer == keep_id) & CardCode.revoked_at.is_null() & CardCode.replaced_by.is_null()
            )
            CardCode.update(customer=keep_id, replaced_by=current.id).where(
                (CardCode.customer == other_id) & CardCode.revoked_at.is_null()
            ).execute()
            self._fill(keep, other, choose)
            Customer.update(
                first_name="(merged)",
                last_name="",
                phone="",
                email="",
                usual="",
                notes="",
                allergies="",
                dietary="",
                usual_modifiers="",
                usual_item=None,
                birthday_month=None,
                birthday_day=None,
                birthday_year=None,
                search_key="",
                forgotten_at=now,
                merged_into=keep_id,
            ).where(Customer.id == other_id).execute()
            self._audit.record(
                "customer.merge",
                "customer",
                keep_id,
                by=by,
                merged=other_id,
                stamps_moved=len(moved),
                stamps_waiting=len(waiting),
                visits_moved=visits,
                chose=choose,
            )
            card = self._ledger.current_card(keep_id)
        return MergeResult(keep_id, other_id, len(moved), len(waiting), visits, card)

    def _fill(self, keep: Customer, other: Customer, choose: dict[str, str]) -> None:
        """The kept regular's empty fields take the other's, and the owner's choices apply (the
        other's name or phone; notes of one or both, joined by default); the visit count and
        first and last visits combine."""
        changes: dict[str, Any] = {f: getattr(other, f) for f in FILLED if not getattr(keep, f) and getattr(other, f)}
        if choose.get("name") == "other":
            changes.update(first_name=other.first_name, last_name=other.last_name)
        if choose.get("phone") == "other" and other.phone:
            changes["phone"] = other.phone
        if keep.birthday_month is None and other.birthday_month is not None:
            changes.update({f: getattr(other, f) for f in BIRTHDAY})
        if keep.usual_item_id is None and other.usual_item_id is not None:
            changes["usual_item"] = other.usual_item_id
        notes = choose.get("notes", "both")
        if notes == "other":
            changes["notes"] = other.notes
        elif notes == "both" and other.notes and other.notes not in keep.notes:
            changes["notes"] = (keep.notes + "\n" + other.notes).strip()[:2000]
        changes["visits"] = keep.visits + other.visits
        firsts = [d for d in (keep.first_visit_at, other.first_visit_at) if d is not None]
        lasts = [d for d in (keep.last_seen_at, other.last_seen_at) if d is not None]
        changes["first_visit_at"] = min(firsts) if firsts else None
        changes["last_seen_at"] = max(lasts) if lasts else None
        phone = changes.get("phone", keep.phone)
        changes["search_key"] = search_key(
            changes.get("first_name", keep.first_name),
            changes.get("last_name", keep.last_name),
            phone,
            self._ledger.current_card(keep.id).code,
        )
        Customer.update(**changes).where(Customer.id == keep.id).execute()


def _twin(row: tuple) -> Twin:
    birthday = f"{row[4]:02d}-{row[5]:02d}" if row[4] and row[5] else ""
    return Twin(row[0], f"{row[1]} {row[2]}".strip(), row[3], birthday, row[6])

"""The stamp card rules: head start, stamping, the double-tap guard, redeeming and undo.

A card's progress is ``COUNT`` of its non-voided stamps, head-start stamps included, so there
is no counter to drift. Nothing is deleted: undo voids the newest stamp or redemption with a
reason, and every step is written to the audit log in the same transaction.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import peewee as pw

from cafe_loyalty.rules import stamping
from cafe_loyalty.rules.stamping import CardState
from cafe_loyalty.store import dialect, fragments
from cafe_loyalty.store.db import statements, write
from cafe_loyalty.store.models import Card, CardCode, Customer, Enrolment, Event, Redemption, Staff, Stamp, Visit

from ..clock import Clock
from ..errors import CardStateError, NotFound, ValidationError
from ..rights import owner_only
from ..text import clean
from .audit import Audit
from .branches import Here
from .experiments import arms_of, design_for_new_card
from .settings import SPECS, Settings, reward_in
from .views import CardView, HistoryEntry, RedeemResult, UndoResult
from .visit_events import VISIT_EVENTS, seen


def _filled(card_id: int) -> int:
    return Stamp.select().where((Stamp.card == card_id) & Stamp.voided_at.is_null()).count()


# Why head-start stamps were voided when a paper card's stamps came instead (Ledger.carry_over);
# Undo of the carry-over gives them back.
CARRY_REASON = "paper card stamps instead of the head start"
MERGED_CARD = "a duplicate's card, merged into this regular"  # why a card that no reward issued is void


def _carried_on(card_id: int) -> Any:
    return (Stamp.card == card_id) & (Stamp.source == "carried") & Stamp.voided_at.is_null()


# Stamps a customer earned (a paper card's count as earned): what a merge moves.
EARNED = ("purchase", "carried")


def _current_code(customer_id: int) -> str:
    """The code printed on their current card; a merged twin's code (an alias, pointing to
    this one by ``replaced_by``) also opens them but is not their card."""
    row = (
        CardCode.select(CardCode.code)
        .where((CardCode.customer == customer_id) & CardCode.revoked_at.is_null() & CardCode.replaced_by.is_null())
        .order_by(CardCode.id.desc())
        .first()
    )
    return row.code if row else ""


class Ledger:
    def __init__(self, db: pw.Database, clock: Clock, audit: Audit, settings: Settings, here: Here):
        self._db = db
        self.here = here  # the branch each stamp, card and reward records
        self._clock = clock
        self._audit = audit
        self._settings = settings
        d = dialect.of(db)
        self._seen = seen(d)
        self._stamp_and_seen = d.together(self._seen, self._STAMP_AND_SEEN)

    # -- reading ---------------------------------------------------------------------------

    def view(self, card: Card) -> CardView:
        return CardView(
            id=card.id,
            customer_id=card.customer_id,
            code=_current_code(card.customer_id),
            slots=card.slots,
            head_start=card.head_start,
            filled=_filled(card.id),
            status=card.status,
            issued_at=card.issued_at,
        )

    def _active_row(self, customer_id: int) -> Card:
        card = Card.get_or_none((Card.customer == customer_id) & (Card.status == "active"))
        if card is None:
            raise NotFound("Customer {customer_id} has no card.", customer_id=customer_id)
        return card

    def current_card(self, customer_id: int) -> CardView:
        return self.view(self._active_row(customer_id))

    def active_card(self, customer_id: int) -> Card:
        """The row of the card they are filling (for services that move stamps onto it)."""
        return self._active_row(customer_id)

    def card(self, card_id: int) -> CardView:
        row = Card.get_or_none(Card.id == card_id)
        if row is None:
            raise NotFound("There is no card {card_id}.", card_id=card_id)
        return self.view(row)

    def history(self, customer_id: int, limit: int = 60) -> list[HistoryEntry]:
        """Newest first: card issues, stamps and redemptions, voided ones included."""
        names: dict[int | None, str] = {s.id: s.name for s in Staff.select(Staff.id, Staff.name)}
        query = (
            Stamp.select()
            .join(Card)
            .where((Card.customer == customer_id) & (Stamp.source != "head_start"))
            .order_by(Stamp.at.desc(), Stamp.id.desc())
            .limit(limit)
        )
        stamps = list(query)
        later = {
            json.loads(event.detail).get("stamp")
            for event in Event.select(Event.detail).where(
                (Event.entity == "card")
                & Event.entity_id.in_({s.card_id for s in stamps})
                & (Event.action == "stamp.later")
            )
        }
        # A paper card's stamps are one event, like the head start: the first of them stands
        # for all, with their number.
        carried: dict[tuple[int, bool], int] = {}
        for s in stamps:
            if s.source == "carried":
                carried[(s.card_id, s.voided_at is not None)] = carried.get((s.card_id, s.voided_at is not None), 0) + 1
        shown: set[tuple[int, bool]] = set()
        kept = []
        for s in stamps:
            key = (s.card_id, s.voided_at is not None)
            if s.source == "carried":
                if key in shown:
                    continue
                shown.add(key)
            kept.append(s)
        stamps = kept
        entries = [
            HistoryEntry(
                at=s.at,
                kind=s.source,
                detail=str(carried.get((s.card_id, s.voided_at is not None), "")) if s.source == "carried" else "",
                card_id=s.card_id,
                staff=names.get(s.staff_id, ""),
                forced=s.forced,
                voided=s.voided_at is not None,
                void_reason=s.void_reason or "",
                added_later=s.id in later,
            )
            for s in stamps
        ]
        # The head start is one event, the card's issue, not N separate stamps.
        cards = list(Card.select().where(Card.customer == customer_id).order_by(Card.id.desc()).limit(limit))
        # A card is void because the reward that issued it was undone (its reason), or because
        # it was a merged duplicate's.
        void_ids = [c.id for c in cards if c.status == "void"]
        why_void = (
            {
                r.next_card_id: r.void_reason or ""
                for r in Redemption.select(Redemption.next_card, Redemption.void_reason).where(
                    Redemption.next_card.in_(void_ids) & Redemption.voided_at.is_null(False)
                )
            }
            if void_ids
            else {}
        )
        entries += [
            HistoryEntry(
                at=c.issued_at,
                kind="issued",
                card_id=c.id,
                staff="",
                voided=c.status == "void",
                void_reason=why_void.get(c.id, MERGED_CARD if c.status == "void" else ""),
                detail=str(c.head_start),
            )
            for c in cards
        ]
        redemptions = (
            Redemption.select(Redemption)
            .join(Card, on=(Redemption.card == Card.id))
            .where(Card.customer == customer_id)
            .order_by(Redemption.at.desc())
            .limit(limit)
        )
        entries += [
            HistoryEntry(
                at=r.at,
                kind="redemption",
                card_id=r.card_id,
                staff=names.get(r.staff_id, ""),
                voided=r.voided_at is not None,
                void_reason=r.void_reason or "",
                detail=r.reward,
            )
            for r in redemptions
        ]
        # Ties in time (one moment can hold a redemption and the next card's issue) are broken
        # by card, then by the order things happen on one card: issued, stamped, redeemed.
        order = {"issued": 0, "carried": 1, "purchase": 1, "redemption": 2}
        entries.sort(key=lambda e: (e.at, e.card_id, order[e.kind]), reverse=True)
        return entries[:limit]

    # -- writing ---------------------------------------------------------------------------

    def issue_card(self, customer_id: int, by: int | None) -> Card:
        """A new card with the head start of today's settings, or of the regular's arm while a
        head-start experiment runs (their first card then enrols them). Call inside a transaction."""
        slots = self._settings.get("card_slots")
        head = self._settings.get("head_start")
        plan = design_for_new_card(customer_id)
        if plan is not None:
            experiment, arm, _ = plan
            design = arms_of(experiment)[arm]
            slots, head = design.slots, design.head_start
        now = self._clock.now()
        card = Card.create(customer=customer_id, slots=slots, head_start=head, issued_at=now, branch=self.here.id)
        if plan is not None and plan[2]:
            Enrolment.create(experiment=plan[0].id, customer=customer_id, arm=plan[1], at=now, card=card.id)
        if head:
            Stamp.insert_many(
                [{"card": card.id, "at": now, "staff": by, "source": "head_start", "branch": card.branch_id}] * head
            ).execute()
        self._audit.record("card.issue", "card", card.id, by=by, customer=customer_id, slots=slots, head_start=head)
        self._take_waiting(customer_id, card)
        return card

    def _take_waiting(self, customer_id: int, card: Card) -> None:
        """Stamps left over from a merge (they did not fit the card they were merged onto)
        start this new card; what still does not fit waits for the next."""
        waiting = list(
            Stamp.select(Stamp.id, Stamp.card)
            .join(Card)
            .where((Card.customer == customer_id) & (Card.status == "merged") & Stamp.voided_at.is_null())
            .order_by(Stamp.at, Stamp.id)
            .limit(max(0, card.slots - _filled(card.id)))
        )
        if not waiting:
            return
        Stamp.update(card=card.id).where(Stamp.id.in_([s.id for s in waiting])).execute()
        emptied = {s.card_id for s in waiting}
        Card.update(status="void").where(
            Card.id.in_(emptied)
            & ~pw.fn.EXISTS(Stamp.select(Stamp.id).where((Stamp.card == Card.id) & Stamp.voided_at.is_null()))
        ).execute()

    # One round trip for everything a stamp must check: the card, its progress, the newest
    # purchase stamp (for the guard), the guard setting and the printed code to report.
    _STAMP_STATE = f"""
        SELECT c.customer_id, c.slots, c.head_start, c.status, c.issued_at,
               {fragments.filled("c")}, {fragments.last_purchase("c")}, {fragments.current_code("c.customer_id")},
               (SELECT value FROM setting WHERE key = 'guard_minutes')
        FROM card c WHERE c.id = ?"""
    # The stamp (parameters: at, customer, card, staff, forced, visit, till_ref, branch), after ``seen``.
    _STAMP_AND_SEEN = (
        "INSERT INTO stamp (card_id, at, staff_id, source, forced, visit_id, till_ref, branch_id) "
        "VALUES (?3, ?1, ?4, 'purchase', ?5, ?6, ?7, ?8) RETURNING id"
    )
    _STAMP_INSERT = (
        "INSERT INTO stamp (card_id, at, staff_id, source, forced, visit_id, till_ref, branch_id) "
        "VALUES (?, ?, ?, 'purchase', ?, ?, ?, ?) RETURNING id"
    )

    # After an undo: one visit fewer, and the first one found again in case it was that one.
    @staticmethod
    def _unseen(d: dialect.Dialect) -> str:
        return (
            f"UPDATE customer SET visits = {d.greatest('visits - 1', '0')}, "
            f"first_visit_at = (SELECT min(at) FROM ({VISIT_EVENTS}) AS e WHERE customer_id = ?1) WHERE id = ?1"
        )

    def stamp(
        self,
        card_id: int,
        by: int | None,
        force: bool = False,
        *,
        at: dt.datetime | None = None,
        visit_id: int | None = None,
        ref: str | None = None,
        regular: int | None = None,
    ) -> CardView:
        """One purchase stamp. Refuses a full card and, unless ``force``, a second stamp on the
        same card within ``guard_minutes`` (a double tap); a forced stamp is marked as such.

        This is the till's hottest path, so it is written as three statements and one commit
        (two on PostgreSQL, where the first also carries the BEGIN; see bench/run.py: it is
        measured against a bare INSERT+COMMIT); the stamp row is its
        own audit record (see :mod:`audit`). ``ref`` is the id a till of several gives the
        stamp (:mod:`offline`): sent again, it is found rather than added twice."""
        sql = statements(self._db)
        # ``regular``: the card's owner, when the caller knows it: on a server the stamp then
        # waits only for writes about them (issue #34); a wrong one is refused below.
        with write(self._db, regular):
            state = sql(self._STAMP_STATE, (card_id,)).fetchone()
            if state is None:
                raise NotFound("There is no card {card_id}.", card_id=card_id)
            customer_id, slots, head_start, status, issued_at, filled, last_at, code, guard = state
            if regular is not None and regular != customer_id:  # the card changed hands (a merge)
                raise CardStateError("This card is no longer in use; open the customer again.")
            guard = int(guard) if guard is not None else SPECS["guard_minutes"].default
            now = at or self._clock.now()
            card = CardState(slots, filled, Stamp.at.python_value(last_at), active=status == "active")
            refused = stamping.refusal(card, now, guard, force)
            if refused is not None:
                raise refused
            when = Stamp.at.db_value(now)
            branch = self.here.id
            if self._stamp_and_seen:
                values = (when, customer_id, card_id, by, force, visit_id, ref, branch)
                stamp_id = sql(self._stamp_and_seen, values).fetchone()[0]
            else:
                stamp_id = sql(self._STAMP_INSERT, (card_id, when, by, force, visit_id, ref, branch)).fetchone()[0]
                sql(self._seen, (when, customer_id))
            self._audit.noted("stamp.add", "card", card_id, stamp=stamp_id, forced=force, of_customer=customer_id)
        return CardView(
            id=card_id,
            customer_id=customer_id,
            code=code or "",
            slots=slots,
            head_start=head_start,
            filled=filled + 1,
            status=status,
            issued_at=Card.issued_at.python_value(issued_at),
        )

    def stamp_customer(self, customer_id: int, by: int | None, force: bool = False) -> CardView:
        """Stamp whichever card the customer is filling when the stamp is written.

        The card is found inside the stamp's own write transaction (``BEGIN IMMEDIATE``), so a
        redemption by another till between "open the customer" and "stamp" cannot make this
        purchase fail with "no longer in use": it lands on the customer's new card."""
        with write(self._db, customer_id):
            return self.stamp(self._active_row(customer_id).id, by, force)

    @owner_only("add a stamp from a paper log")
    def stamp_later(self, customer_id: int, at: dt.datetime, by: int | None, force: bool = False) -> CardView:
        """A purchase copied from a paper log (the till was down): owner only, on the card the
        regular is filling, at the time it happened, never in the future nor before that card
        was issued. Unlike a tap, it writes an audit event, which the history shows as "added later"."""
        with write(self._db):
            card = self._active_row(customer_id)
            now = self._clock.now()
            if at > now:
                raise ValidationError("A stamp added later cannot be in the future.")
            if at < card.issued_at:
                raise ValidationError(
                    "The current card was issued {issued}; a stamp cannot be added before that.",
                    issued=card.issued_at.isoformat(" ", "minutes"),
                )
            view = self.stamp(card.id, by, force, at=at)
            stamp_id = Stamp.select(pw.fn.max(Stamp.id)).where(Stamp.card == card.id).scalar()
            self._audit.record(
                "stamp.later", "card", card.id, by=by, stamp=stamp_id, at=at.isoformat(" "), of_customer=customer_id
            )
        return view

    # -- stamps a till kept while the server was away (issue #18, :mod:`cafe_loyalty.replica.offline`) --

    def stamp_from_queue(
        self, ref: str, customer_id: int, at: dt.datetime, staff: int | None, force: bool = False
    ) -> CardView | None:
        """A stamp a till made while the server was away, sent now: on the card the regular is
        filling, at the time it was made, with the guard and the full card checked again here
        (another till may have stamped meanwhile). None when a stamp with this ``ref`` is
        already here: a send whose answer was lost, repeated, adds nothing."""
        with write(self._db, customer_id):
            if Stamp.select().where(Stamp.till_ref == ref).exists():
                return None
            return self.stamp(self._active_row(customer_id).id, staff, force, at=at, ref=ref)

    @owner_only("add a stamp the server refused")
    def keep_queued(self, ref: str, customer_id: int, at: dt.datetime, staff: int | None, by: int | None) -> CardView:
        """The owner's decision on a stamp the server refused when its till sent it (the guard,
        or a card filled meanwhile): add it after all, as a forced stamp, audited. A full card
        still refuses it: redeem first."""
        with write(self._db):
            view = self.stamp_from_queue(ref, customer_id, at, staff, force=True)
            card = view.id if view else self._active_row(customer_id).id
            self._audit.record(
                "stamp.kept", "card", card, by=by, ref=ref, at=at.isoformat(" "), of_customer=customer_id
            )
            return view or self.current_card(customer_id)

    @owner_only("drop a stamp the server refused")
    def drop_queued(
        self, ref: str, customer_id: int, at: dt.datetime, staff: int | None, reason: str, by: int | None
    ) -> None:
        """The owner's other decision: the refused stamp is not added. Nothing is deleted
        anywhere; the audit log keeps what was dropped, by whom and why."""
        with write(self._db):
            self._audit.record(
                "stamp.dropped",
                "customer",
                customer_id,
                by=by,
                ref=ref,
                at=at.isoformat(" "),
                staff=staff,
                reason=clean(reason, field="reason", max_len=200),
            )

    def carry_over(self, customer_id: int, stamps: int, by: int | None) -> CardView:
        """Stamps already on a paper card, moved onto the regular's current card when they come
        over to the till: as "carried" entries, not as a head start. Unless the owner's setting
        says "head start plus carried stamps", they replace the card's head start (voided with
        a reason), so the head start is not given twice. Once per card; undone by Undo."""
        with write(self._db, customer_id):
            card = self._active_row(customer_id)
            if not 1 <= stamps <= card.slots - 1:
                raise ValidationError(
                    "A paper card can bring 1 to {most} stamps (one fewer than the {slots} slots).",
                    most=card.slots - 1,
                    slots=card.slots,
                )
            if Stamp.select().where(_carried_on(card.id)).exists():
                raise CardStateError("This card already has stamps carried over from a paper card.")
            now = self._clock.now()
            replace = not self._settings.get("carry_with_head_start")
            if replace:  # the card then had no head start: its row says so (screens, reports)
                Stamp.update(voided_at=now, voided_by=by, void_reason=CARRY_REASON).where(
                    (Stamp.card == card.id) & (Stamp.source == "head_start") & Stamp.voided_at.is_null()
                ).execute()
                card.head_start = 0
                card.save()
            filled = _filled(card.id)
            if filled + stamps > card.slots:
                raise ValidationError(
                    "The card has {filled} of {slots} stamps: a paper card can add at most {room}.",
                    filled=filled,
                    slots=card.slots,
                    room=card.slots - filled,
                )
            Stamp.insert_many(
                [{"card": card.id, "at": now, "staff": by, "source": "carried", "branch": self.here.id}] * stamps
            ).execute()
            self._audit.record(
                "card.carry",
                "card",
                card.id,
                by=by,
                stamps=stamps,
                head_start_replaced=replace,
                of_customer=customer_id,
            )
            return self.view(card)

    def redeem(self, card_id: int, by: int | None) -> RedeemResult:
        """Give the reward for a full card and start the next card with its head start. On a
        server it waits only for writes about the card's regular (issue #34), like a stamp."""
        regular = Card.select(Card.customer).where(Card.id == card_id).scalar()
        with write(self._db, regular):
            card = Card.get_or_none(Card.id == card_id)
            if card is None:
                raise NotFound("There is no card {card_id}.", card_id=card_id)
            if card.customer_id != regular:  # merged into another regular before the lock was ours
                raise CardStateError("This card is no longer in use; open the customer again.")
            if card.status != "active":
                raise CardStateError("This card was already redeemed.")
            filled = _filled(card.id)
            if filled < card.slots:
                raise CardStateError(
                    "The card is not full yet ({filled} of {slots}); {left} to go.",
                    filled=filled,
                    slots=card.slots,
                    left=card.slots - filled,
                )
            now = self._clock.now()
            reward = reward_in(self._settings.all())
            card.status, card.closed_at = "redeemed", now
            card.save()
            new = self.issue_card(card.customer_id, by)
            redemption = Redemption.create(
                card=card.id, next_card=new.id, at=now, staff=by, reward=reward, branch=self.here.id
            )
            Customer.update(last_seen_at=now).where(Customer.id == card.customer_id).execute()
            self._audit.record(
                "card.redeem",
                "card",
                card.id,
                by=by,
                redemption=redemption.id,
                reward=reward,
                of_customer=card.customer_id,
            )
            return RedeemResult(reward=reward, redeemed=self.view(card), card=self.view(new))

    def undo(self, customer_id: int, reason: str, by: int | None) -> UndoResult:
        """Void the newest stamp on the current card or, if it has none, the redemption that
        started it (the full card comes back; the new card is voided). Never deletes."""
        reason = clean(reason, field="reason", max_len=200, required=True)
        with write(self._db, customer_id):
            card = self._active_row(customer_id)
            now = self._clock.now()
            last = (
                Stamp.select()
                .where((Stamp.card == card.id) & Stamp.source.in_(("purchase", "carried")) & Stamp.voided_at.is_null())
                .order_by(Stamp.at.desc(), Stamp.id.desc())
                .first()
            )
            if last is not None and last.source == "carried":  # the paper card, all of it
                Stamp.update(voided_at=now, voided_by=by, void_reason=reason).where(_carried_on(card.id)).execute()
                card.head_start += (
                    Stamp.update(voided_at=None, voided_by=None, void_reason=None)
                    .where(
                        (Stamp.card == card.id) & (Stamp.source == "head_start") & (Stamp.void_reason == CARRY_REASON)
                    )
                    .execute()
                )
                card.save()
                self._audit.record("card.carry.void", "card", card.id, by=by, reason=reason, of_customer=customer_id)
                return UndoResult(undone="carried", card=self.view(card))
            if last is not None:
                last.voided_at, last.voided_by, last.void_reason = now, by, reason
                last.save()
                if last.visit_id is not None:  # the purchase it came with was the mistake too
                    Visit.update(voided_at=now).where(Visit.id == last.visit_id).execute()
                self._db.execute_sql(self._unseen(dialect.of(self._db)), (customer_id,))
                self._audit.record(
                    "stamp.void", "card", card.id, by=by, stamp=last.id, reason=reason, of_customer=customer_id
                )
                return UndoResult(undone="stamp", card=self.view(card))
            redemption = Redemption.get_or_none((Redemption.next_card == card.id) & Redemption.voided_at.is_null())
            if redemption is None:
                raise CardStateError("There is nothing to undo on this card.")
            redemption.voided_at, redemption.voided_by_id, redemption.void_reason = now, by, reason
            redemption.save()
            Stamp.update(voided_at=now, voided_by=by, void_reason=reason).where(
                (Stamp.card == card.id) & Stamp.voided_at.is_null()
            ).execute()
            card.status, card.closed_at = "void", now
            card.save()
            previous = Card.get_by_id(redemption.card_id)
            previous.status, previous.closed_at = "active", None
            previous.save()
            self._audit.record(
                "card.redeem.void",
                "card",
                previous.id,
                by=by,
                redemption=redemption.id,
                reason=reason,
                of_customer=customer_id,
            )
            return UndoResult(undone="redemption", card=self.view(previous))

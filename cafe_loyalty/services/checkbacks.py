"""The two-minute check-back: a little after serving, someone asks whether everything is right.

It catches a problem while it can still be fixed and shows the regular they matter (the
background articles, 003). Every visit (an itemised visit, or a purchase stamp without one) is
due for a check-back ``checkback_minutes`` after it, and is dropped ``checkback_expire_minutes``
after it if nobody asked. The till learns of visits from its change notifications and asks
:meth:`CheckBacks.pending_for` about that one regular; nothing polls the database.

Why this visit first (the strip shows the highest reason first): an open or last complaint, their
first visit, an item they never had before, their first hundred days ("day 12 of 100"), a
milestone visit, else their usual.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import peewee as pw

from cafe_loyalty.io.spreadsheets import save_table
from cafe_loyalty.store import dialect
from cafe_loyalty.store.db import read, write
from cafe_loyalty.store.fragments import in_branch
from cafe_loyalty.store.models import Card, CheckBack, Customer, Feedback, MenuItem, Stamp, Visit, VisitItem

from ..clock import Clock, to_local
from ..errors import NotFound, ValidationError
from ..rights import owner_only
from ..text import MAX_TEXT, clean
from .appended import first_id_since
from .audit import Audit
from .branches import Here
from .lookup import living_customer
from .regulars import is_new_regular
from .settings import Settings
from .views import JsonView

RESULTS = ("good", "not", "note")
# Reasons, highest first; the UI words them.
REASONS = ("complaint", "first_visit", "new_item", "new_regular", "milestone", "usual")
MILESTONES = (10, 25, 50, 100, 200, 300, 500, 1000)
# A tried item is asked about at the next visit for this long, if nobody checked back.
ASK_NEXT_TIME_DAYS = 60


@dataclass(frozen=True)
class CheckBackDue(JsonView):
    customer_id: int
    first_name: str
    served_at: dt.datetime
    due_at: dt.datetime  # shown from then
    expires_at: dt.datetime  # dropped then
    visit_id: int | None  # an itemised visit, or
    stamp_id: int | None  # a purchase stamp without one
    item_id: int | None  # what to ask about
    item: str  # its name ("" for a plain stamp)
    reason: str  # one of REASONS
    visits: int  # their visit count, for "visit 25"
    day: int  # their day as a regular, for "day 12 of 100"

    @property
    def rank(self) -> int:
        return REASONS.index(self.reason)


@dataclass(frozen=True)
class CheckBackView(JsonView):
    id: int
    customer_id: int
    result: str
    item: str
    feedback_id: int | None
    feedback_kind: str | None


@dataclass(frozen=True)
class AskAbout(JsonView):
    """What to ask a regular at their next visit: an item they tried last time, not asked about."""

    visit_id: int
    item_id: int
    item: str
    tried_at: dt.datetime


class CheckBacks:
    def __init__(self, db: pw.Database, clock: Clock, audit: Audit, settings: Settings, here: Here):
        self._db = db
        self._here = here
        self._clock = clock
        self._audit = audit
        self._settings = settings

    def _timing(self) -> tuple[dt.timedelta, dt.timedelta] | None:
        delay = self._settings.get("checkback_minutes")
        if not delay:
            return None  # turned off
        return dt.timedelta(minutes=delay), dt.timedelta(minutes=self._settings.get("checkback_expire_minutes"))

    # -- what is due ---------------------------------------------------------------------------

    def pending_for(self, customer_id: int) -> CheckBackDue | None:
        """The regular's newest visit if it still waits for a check-back (not yet expired and
        not answered); None otherwise, or when check-backs are off."""
        timing = self._timing()
        if timing is None:
            return None
        with read(self._db):
            since = self._clock.now() - timing[1]
            newest = self._newest_visit(customer_id)
            return self._due(newest, timing) if newest and newest[1] >= since else None

    def _newest_visit(self, customer_id: int) -> tuple | None:
        """(customer, at, visit id, stamp id) of one regular's newest visit, through their own
        indexes: this runs after every tap, so it must not search the whole day's stamps."""
        visit = self._db.execute_sql(
            "SELECT at, id FROM visit WHERE customer_id = ? AND voided_at IS NULL ORDER BY at DESC, id DESC LIMIT 1",
            (customer_id,),
        ).fetchone()
        stamp = self._db.execute_sql(
            "SELECT s.at, s.id FROM stamp s WHERE s.card_id IN "
            "(SELECT id FROM card WHERE customer_id = ? ORDER BY id DESC LIMIT 2) "
            "AND s.source = 'purchase' AND s.voided_at IS NULL AND s.visit_id IS NULL ORDER BY s.id DESC LIMIT 1",
            (customer_id,),
        ).fetchone()
        found = []
        if visit is not None:
            found.append((customer_id, Visit.at.python_value(visit[0]), visit[1], None))
        if stamp is not None:
            found.append((customer_id, Stamp.at.python_value(stamp[0]), None, stamp[1]))
        return max(found, key=lambda e: e[1]) if found else None

    def due(self) -> list[CheckBackDue]:
        """Every visit still waiting for a check-back (the strip at start, ``checkback list``),
        highest reason first, then oldest first; one per regular (their newest visit)."""
        timing = self._timing()
        if timing is None:
            return []
        with read(self._db):
            newest: dict[int, tuple] = {}
            for event in self._visits_since(self._clock.now() - timing[1]):
                newest[event[0]] = event
            found = [d for d in (self._due(e, timing) for e in newest.values()) if d is not None]
        return sorted(found, key=lambda d: (d.rank, d.served_at))

    def _visits_since(self, since: dt.datetime) -> list[tuple]:
        """(customer, at, visit id, stamp id) of every visit since ``since``, oldest first."""
        stamp_from = first_id_since(self._db, "stamp", since) or 1 << 62
        visit_from = first_id_since(self._db, "visit", since) or 1 << 62
        rows = self._db.execute_sql(
            "SELECT v.customer_id, v.at, v.id, NULL FROM visit v WHERE v.id >= :v AND v.at >= :since "
            "AND v.voided_at IS NULL "
            "UNION ALL SELECT d.customer_id, s.at, NULL, s.id FROM stamp s JOIN card d ON d.id = s.card_id "
            "WHERE s.id >= :s AND s.at >= :since AND s.source = 'purchase' AND s.voided_at IS NULL "
            "AND s.visit_id IS NULL ORDER BY 2",
            {"v": visit_from, "s": stamp_from, "since": since.isoformat(" ")},
        ).fetchall()
        return [(c, Visit.at.python_value(at), v, s) for c, at, v, s in rows]

    def _due(self, event: tuple, timing: tuple[dt.timedelta, dt.timedelta]) -> CheckBackDue | None:
        customer_id, at, visit_id, stamp_id = event
        customer = Customer.get_or_none((Customer.id == customer_id) & Customer.forgotten_at.is_null())
        if customer is None or self._answered(customer_id, visit_id, stamp_id):
            return None
        item_id, item, new = None, "", False
        if visit_id is not None:
            items = list(
                MenuItem.select(MenuItem.id, MenuItem.name)
                .join(VisitItem, on=(VisitItem.item == MenuItem.id))
                .where(VisitItem.visit == visit_id)
                .order_by(VisitItem.id)
            )
            tried_before = self._tried_before(customer_id, visit_id)
            first_time = [m for m in items if m.id not in tried_before]
            chosen = first_time[0] if first_time else (items[0] if items else None)
            if chosen is not None:
                item_id, item, new = chosen.id, chosen.name, bool(first_time)
        day = (to_local(at).date() - to_local(customer.created_at).date()).days + 1
        reason = "usual"
        if self._complained(customer_id):
            reason = "complaint"
        elif customer.visits <= 1:
            reason = "first_visit"
        elif new:
            reason = "new_item"
        elif is_new_regular(day):
            reason = "new_regular"
        elif customer.visits in MILESTONES:
            reason = "milestone"
        return CheckBackDue(
            customer_id=customer_id,
            first_name=customer.first_name,
            served_at=at,
            due_at=at + timing[0],
            expires_at=at + timing[1],
            visit_id=visit_id,
            stamp_id=stamp_id,
            item_id=item_id,
            item=item,
            reason=reason,
            visits=customer.visits,
            day=day,
        )

    @staticmethod
    def _answered(customer_id: int, visit_id: int | None, stamp_id: int | None) -> bool:
        query = CheckBack.select().where(CheckBack.customer == customer_id)
        if visit_id is not None:
            return query.where(CheckBack.visit == visit_id).exists()
        return query.where(CheckBack.stamp == stamp_id).exists()

    @staticmethod
    def _tried_before(customer_id: int, visit_id: int) -> set[int]:
        rows = (
            VisitItem.select(VisitItem.item)
            .join(Visit)
            .where((Visit.customer == customer_id) & (Visit.id != visit_id) & Visit.voided_at.is_null())
        )
        return {r.item_id for r in rows}

    @staticmethod
    def _complained(customer_id: int) -> bool:
        """An open complaint, or the newest feedback they gave was one."""
        newest = Feedback.select(Feedback.kind, Feedback.status).where(Feedback.customer == customer_id)
        last = newest.order_by(Feedback.at.desc(), Feedback.id.desc()).first()
        if last is not None and last.kind == "complaint":
            return True
        return (
            Feedback.select()
            .where((Feedback.customer == customer_id) & (Feedback.kind == "complaint") & (Feedback.status == "open"))
            .exists()
        )

    def ask_next_time(self, customer_id: int) -> AskAbout | None:
        """An item they had for the first time at their last itemised visit (within 60 days,
        not their first visit), which nobody checked back about: the panel asks "How was it?" when they come in again.
        Only once the check-back's own chance has passed, so the two never ask at once."""
        timing = self._timing()
        expire = timing[1] if timing else dt.timedelta(0)
        now = self._clock.now()
        with read(self._db):
            last = (
                Visit.select(Visit.id, Visit.at)
                .where((Visit.customer == customer_id) & Visit.voided_at.is_null())
                .order_by(Visit.at.desc(), Visit.id.desc())
                .first()
            )
            if (
                last is None
                or not now - dt.timedelta(days=ASK_NEXT_TIME_DAYS) <= last.at < now - expire
                or CheckBack.select().where(CheckBack.visit == last.id).exists()
            ):
                return None
            earlier = self._tried_before(customer_id, last.id)  # ``last`` is their newest visit
            if not earlier:
                return None  # their first visit: everything was new, nothing was "tried"
            for item in (
                MenuItem.select(MenuItem.id, MenuItem.name)
                .join(VisitItem, on=(VisitItem.item == MenuItem.id))
                .where(VisitItem.visit == last.id)
                .order_by(VisitItem.id)
            ):
                if item.id not in earlier:
                    return AskAbout(last.id, item.id, item.name, last.at)
        return None

    # -- the answer ----------------------------------------------------------------------------

    def customer_of(self, *, visit_id: int | None = None, stamp_id: int | None = None) -> int:
        """Whose visit (or purchase stamp) this is: the CLI names only the visit."""
        if visit_id is not None:
            row = Visit.get_or_none(Visit.id == visit_id)
            if row is None:
                raise NotFound("There is no visit {visit_id}.", visit_id=visit_id)
            return row.customer_id
        card = Card.select(Card.customer).join(Stamp).where(Stamp.id == stamp_id).first()
        if card is None:
            raise NotFound("There is no stamp {stamp_id}.", stamp_id=stamp_id)
        return card.customer_id

    def record(
        self,
        customer_id: int,
        result: str,
        *,
        visit_id: int | None = None,
        stamp_id: int | None = None,
        item_id: int | None = None,
        text: str = "",
        by: int | None = None,
    ) -> CheckBackView:
        """The regular's answer. "good" is kept as praise; "not" as a complaint, open on the
        owner's follow-up list; "note" as an idea, open, with the note's text."""
        if result not in RESULTS:
            raise ValidationError("A check-back is good, not (not quite) or note.")
        text = clean(text, field="note", max_len=MAX_TEXT, required=result == "note")
        if (visit_id is None) == (stamp_id is None):
            raise ValidationError("A check-back is about one visit: give the visit or the stamp.")
        now = self._clock.now()
        with write(self._db, customer_id):
            living_customer(customer_id)
            if visit_id is not None:
                visit = Visit.get_or_none((Visit.id == visit_id) & (Visit.customer == customer_id))
                if visit is None:
                    raise NotFound("There is no visit {visit_id} of this regular.", visit_id=visit_id)
            else:
                stamp = (
                    Stamp.select(Stamp.id)
                    .join(Card)
                    .where((Stamp.id == stamp_id) & (Card.customer == customer_id) & (Stamp.source == "purchase"))
                    .first()
                )
                if stamp is None:
                    raise NotFound("There is no stamp {stamp_id} of this regular.", stamp_id=stamp_id)
            if self._answered(customer_id, visit_id, stamp_id):
                raise ValidationError("Someone already checked back about that visit.")
            item = MenuItem.get_or_none(MenuItem.id == item_id) if item_id is not None else None
            if item_id is not None and item is None:
                raise NotFound("There is no menu item {item_id}.", item_id=item_id)
            about = f" ({item.name})" if item else ""
            # What the answer leaves for the café to act on (or to be glad of), as feedback.
            kind, said, status = {
                "good": ("praise", text or f"Checked back: all good{about}", "resolved"),
                "not": ("complaint", text or f"Not quite{about}", "open"),
            }.get(result, ("idea", text, "open"))
            feedback = Feedback.create(
                customer=customer_id, at=now, staff=by, kind=kind, text=said, status=status, branch=self._here.id
            )
            row = CheckBack.create(
                customer=customer_id,
                visit=visit_id,
                stamp=stamp_id,
                item=item.id if item else None,
                at=now,
                staff=by,
                result=result,
                feedback=feedback.id,
                branch=self._here.id,
            )
            self._audit.record("checkback.record", "feedback", feedback.id, by=by, customer=customer_id, result=result)
        return CheckBackView(row.id, customer_id, result, item.name if item else "", feedback.id, feedback.kind)

    # -- for the owner -------------------------------------------------------------------------

    def new_items(self, months: int = 6, branch: int | None = None) -> list[NewItem]:
        """Items added to the menu in the last ``months``: how many regulars tried each, how
        many check-backs about it were good (of those answered good or not), and how many
        regulars had it again on a later visit. Forgotten regulars are left out. ``branch``:
        the visits and check-backs of that branch (the menu is the chain's)."""
        if not 1 <= months <= 36:
            raise ValidationError("Choose 1 to 36 months.")
        since = self._clock.now() - dt.timedelta(days=round(months * 30.44))

        def here(table: str) -> str:
            return in_branch(table, branch)

        with read(self._db):
            rows = self._db.execute_sql(
                "SELECT m.id, m.name, m.created_at, "
                " (SELECT count(DISTINCT v.customer_id) FROM visit_item i JOIN visit v ON v.id = i.visit_id "
                "   JOIN customer c ON c.id = v.customer_id "
                f"   WHERE i.item_id = m.id AND v.voided_at IS NULL AND c.forgotten_at IS NULL{here('v')}), "
                f" (SELECT count(*) FROM checkback k WHERE k.item_id = m.id AND k.result = 'good'{here('k')}), "
                " (SELECT count(*) FROM checkback k WHERE k.item_id = m.id AND k.result IN ('good', 'not')"
                f"{here('k')}), "
                " (SELECT count(*) FROM (SELECT v.customer_id FROM visit_item i JOIN visit v ON v.id = i.visit_id "
                "   JOIN customer c ON c.id = v.customer_id "
                f"   WHERE i.item_id = m.id AND v.voided_at IS NULL AND c.forgotten_at IS NULL{here('v')} "
                "   GROUP BY v.customer_id HAVING count(DISTINCT v.id) > 1) AS again) "
                "FROM menu_item m WHERE m.created_at >= :since ORDER BY m.created_at DESC, m.id DESC",
                {"since": since.isoformat(" "), "branch": branch},
            ).fetchall()
        return [
            NewItem(i, name, MenuItem.created_at.python_value(added), tried, liked, answered, again)
            for i, name, added, tried, liked, answered, again in rows
        ]

    @owner_only("export what regulars thought of new items")
    def save_new_items(self, path: str | Path, months: int = 6, *, by: int | None, branch: int | None = None) -> Path:
        """ "New on the menu" as a CSV file for the owner."""
        rows = [[i.name, i.added, i.tried, i.liked, i.answered, i.again] for i in self.new_items(months, branch)]
        return save_table(path, ["item", "added", "tried_by", "liked", "asked", "had_again_by"], rows)

    @owner_only("export check-backs per staff member")
    def save_by_staff(self, path: str | Path, weeks: int = 8, *, by: int | None, branch: int | None = None) -> Path:
        """Check-backs per staff member per week as a CSV file for the owner."""
        rows = [[w.staff, w.week_of, w.checkbacks] for w in self.by_staff(weeks, branch)]
        return save_table(path, ["staff", "week_of", "checkbacks"], rows)

    def by_staff(self, weeks: int = 8, branch: int | None = None) -> list[StaffWeek]:
        """Check-backs each staff member made, week by week (weeks start on the day ``weeks``
        weeks ago), for encouragement: in staff order, never ranked. ``branch``: the
        check-backs made there."""
        if not 1 <= weeks <= 52:
            raise ValidationError("Choose 1 to 52 weeks.")
        now = self._clock.now()
        start = now - dt.timedelta(weeks=weeks)
        d = dialect.of(self._db)
        with read(self._db):
            rows = self._db.execute_sql(
                f"SELECT s.id, s.name, {d.whole(d.days('k.at', ':start') + ' / 7')} AS week, count(*) "
                f"FROM checkback k JOIN staff s ON s.id = k.staff_id WHERE k.at >= :start{in_branch('k', branch)} "
                "GROUP BY s.id, week ORDER BY s.id, week",
                {"start": start.isoformat(" "), "branch": branch},
            ).fetchall()
        return [
            StaffWeek(staff_id, name, (start + dt.timedelta(weeks=week)).date(), count)
            for staff_id, name, week, count in rows
        ]


@dataclass(frozen=True)
class NewItem(JsonView):
    id: int
    name: str
    added: dt.datetime
    tried: int  # regulars who had it
    liked: int  # check-backs about it that were good
    answered: int  # check-backs about it answered good or not quite
    again: int  # regulars who had it on more than one visit

    _json_extra = ("liked_share",)

    @property
    def liked_share(self) -> float | None:
        return self.liked / self.answered if self.answered else None


@dataclass(frozen=True)
class StaffWeek(JsonView):
    staff_id: int
    staff: str
    week_of: dt.date
    checkbacks: int

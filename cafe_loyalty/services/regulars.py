"""What the till knows about a regular, so every barista can greet them as the owner would:
the usual order, a birthday this week, something new to try, milestones, and who is lapsing.

All rules take "today" from the injected clock (in the café's local time), so they are tested
without waiting for a birthday.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

import peewee as pw

from cafe_loyalty.rules.birthdays import Birthday, in_birthday_week
from cafe_loyalty.store import dialect
from cafe_loyalty.store.db import write
from cafe_loyalty.store.models import Customer, MenuItem, Treat

from ..clock import Clock, offset_spans, to_local, utc_offset, zone
from ..errors import NotFound, ValidationError
from ..text import clean
from .appended import first_id_since
from .audit import Audit
from .lookup import living_customer
from .menu import normalise_modifiers
from .settings import Settings
from .views import JsonView
from .visits import Visits

MILESTONES = (1, 10, 50, 100, 250, 500)
LEARN_FROM_VISITS = 20
NEW_REGULAR_DAYS = 100
# Why a treat was given; a birthday treat is limited to one a year.
TREAT_REASONS = ("birthday", "new-item", "milestone", "apology", "other")
LAPSE_FACTOR = 3
LAPSE_MIN_DAYS = 21
LAPSE_WINDOW_DAYS = 183


def _birthday_of(row: Customer) -> Birthday | None:
    if row.birthday_month is None or row.birthday_day is None:
        return None
    return Birthday(row.birthday_month, row.birthday_day, row.birthday_year, row.birthday_calendar)


def milestone_at(visits: int) -> int | None:
    """The milestone a regular reaches with this visit (1st, 10th, 50th…), if any."""
    return visits if visits in MILESTONES else None


def is_new_regular(days_as_regular: int) -> bool:
    """Their first hundred days: the till shows "New regular · day N" to help them settle in."""
    return days_as_regular <= NEW_REGULAR_DAYS


@dataclass(frozen=True)
class UsualOrder(JsonView):
    item_id: int | None
    item: str
    modifiers: str
    source: str  # pinned | learned | note

    @property
    def text(self) -> str:
        return ", ".join(p for p in (self.item, self.modifiers) if p)


@dataclass(frozen=True)
class LapsedRegular(JsonView):
    id: int
    first_name: str
    last_name: str
    visits: int
    usual_interval_days: float
    days_since: int


class Regulars:
    def __init__(self, db: pw.Database, clock: Clock, audit: Audit, settings: Settings, visits: Visits):
        self._db = db
        self._clock = clock
        self._audit = audit
        self._settings = settings
        self._visits = visits

    def today(self) -> dt.date:
        return to_local(self._clock.now()).date()

    def _customer(self, customer_id: int) -> Customer:
        return living_customer(customer_id)

    # -- the usual -------------------------------------------------------------------------

    def usual(self, customer_id: int) -> UsualOrder | None:
        """Pinned by a barista if so; else learned: the most frequent item and modifiers over the
        last 20 items had (a tie goes to the more recent); else the free-text note, if any."""
        return self.usual_of(self._customer(customer_id))

    def usual_of(self, row: Customer) -> UsualOrder | None:
        """:meth:`usual` for a row already read (the panel's profile reads it once)."""
        customer_id = row.id
        if row.usual_item_id is not None:
            return UsualOrder(
                row.usual_item_id, MenuItem.get_by_id(row.usual_item_id).name, row.usual_modifiers, "pinned"
            )
        history = self._visits.history(customer_id, LEARN_FROM_VISITS)
        if history:
            tally = Counter((item, mods) for _at, item, mods in history)
            recency: dict[tuple[int, str], int] = {}
            for rank, (_at, item, mods) in enumerate(history):
                recency.setdefault((item, mods), rank)
            item, mods = max(tally, key=lambda key: (tally[key], -recency[key]))
            return UsualOrder(item, MenuItem.get_by_id(item).name, mods, "learned")
        if row.usual:
            return UsualOrder(None, row.usual, "", "note")
        return None

    def pin_usual(self, customer_id: int, item_id: int | None, modifiers: str = "", by: int | None = None) -> None:
        """Pin (or, with ``item_id=None``, unpin) the usual order."""
        modifiers = normalise_modifiers(modifiers) if item_id else ""
        with write(self._db, customer_id):
            row = self._customer(customer_id)
            if item_id is not None and MenuItem.get_or_none(MenuItem.id == item_id) is None:
                raise NotFound("There is no menu item {item_id}.", item_id=item_id)
            row.usual_item_id, row.usual_modifiers = item_id, modifiers
            row.save()
            self._audit.record("usual.pin", "customer", customer_id, by=by, item=item_id, modifiers=modifiers)

    # -- birthdays -------------------------------------------------------------------------

    def birthday(self, customer_id: int) -> Birthday | None:
        return _birthday_of(self._customer(customer_id))

    def is_birthday_week(self, customer_id: int) -> bool:
        return self.birthday_week_of(self._customer(customer_id))

    def birthday_week_of(self, row: Customer) -> bool:
        birthday = _birthday_of(row)
        return birthday is not None and in_birthday_week(birthday, self.today())

    def upcoming_birthdays(self, days: int = 14) -> list[tuple[dt.date, int, str]]:
        """(date, customer id, first name) for birthdays in the next ``days`` days, soonest first."""
        today = self.today()
        rows = Customer.select(
            Customer.id, Customer.first_name, Customer.birthday_month, Customer.birthday_day, Customer.birthday_calendar
        ).where(Customer.birthday_month.is_null(False) & Customer.forgotten_at.is_null())
        found = []
        for r in rows:
            birthday = _birthday_of(r)
            if birthday is None:
                continue
            when = birthday.next_on_or_after(today)
            if (when - today).days <= days:
                found.append((when, r.id, r.first_name))
        return sorted(found)

    # -- surprise and delight --------------------------------------------------------------

    def suggestion(self, customer_id: int) -> str | None:
        """The newest menu item this regular has never had ("try our new saffron cake")."""
        row = self._db.execute_sql(
            "SELECT m.name FROM menu_item m WHERE m.active AND m.id NOT IN ("
            " SELECT i.item_id FROM visit_item i JOIN visit v ON v.id = i.visit_id"
            " WHERE v.customer_id = ? AND v.voided_at IS NULL)"
            f" AND m.id {dialect.of(self._db).is_not} (SELECT usual_item_id FROM customer WHERE id = ?)"
            " ORDER BY m.created_at DESC, m.id DESC LIMIT 1",
            (customer_id, customer_id),
        ).fetchone()
        return row[0] if row else None

    def give_treat(self, customer_id: int, what: str, why: str, note: str = "", by: int | None = None) -> int:
        """Record a treat. Kept occasional: one birthday treat a year, and other treats no closer
        together than the ``treat_min_days`` setting."""
        what = clean(what, field="treat", max_len=120, required=True)
        if why not in TREAT_REASONS:
            raise ValidationError("A treat's reason is birthday, new-item, milestone, apology or other.")
        now = self._clock.now()
        with write(self._db, customer_id):
            self._customer(customer_id)
            if why == "birthday":
                since = now - dt.timedelta(days=330)
                if (
                    Treat.select()
                    .where((Treat.customer == customer_id) & (Treat.why == "birthday") & (Treat.at > since))
                    .exists()
                ):
                    raise ValidationError("They already had a birthday treat this year.")
            else:
                gap = self._settings.get("treat_min_days")
                last = Treat.select(pw.fn.MAX(Treat.at)).where(Treat.customer == customer_id).scalar()
                if last is not None and now - Treat.at.python_value(last) < dt.timedelta(days=gap):
                    raise ValidationError(
                        "They had a treat less than {gap} days ago; keep surprises occasional.", gap=gap
                    )
            row = Treat.create(customer=customer_id, at=now, staff=by, what=what, why=why, note=note)
            self._audit.record("treat.give", "customer", customer_id, by=by, what=what, why=why)
        return row.id

    # -- milestones and care ---------------------------------------------------------------

    def milestone(self, customer_id: int) -> int | None:
        """The visit milestone they are at now (1st, 10th, 50th, 100th…), if any."""
        return milestone_at(self._visits.count(customer_id))

    def days_as_regular(self, customer_id: int) -> int:
        return self.days_as_regular_of(self._customer(customer_id))

    def days_as_regular_of(self, row: Customer) -> int:
        return (self.today() - to_local(row.created_at).date()).days + 1

    def lapsed(self) -> list[LapsedRegular]:
        """Regulars whose absence is three times their usual gap between visits (and at least
        three weeks): the people to win back. Needs three visits to know a usual gap, and a
        visit in the last six months: someone gone longer is past winning back.

        Reads only the regulars last seen in that window (through the tile-order index) and the
        visit count and first visit kept on their row, not years of stamps."""
        now = self._clock.now()
        d = dialect.of(self._db)
        rows = self._db.execute_sql(
            "SELECT id, first_name, last_name, visits, gap, away FROM ("
            " SELECT id, first_name, last_name, visits,"
            f" {d.days('last_seen_at', 'first_visit_at')} / (visits - 1) AS gap,"
            f" {d.days('?1', 'last_seen_at')} AS away"
            " FROM customer WHERE last_seen_at >= ?2 AND last_seen_at <= ?3 AND forgotten_at IS NULL AND visits >= 3)"
            f" AS r WHERE away >= {d.greatest('?4 * gap', '?5')} ORDER BY away DESC, id",
            (
                now.isoformat(" "),
                (now - dt.timedelta(days=LAPSE_WINDOW_DAYS)).isoformat(" "),
                (now - dt.timedelta(days=LAPSE_MIN_DAYS)).isoformat(" "),
                LAPSE_FACTOR,
                LAPSE_MIN_DAYS,
            ),
        ).fetchall()
        return [LapsedRegular(cid, first, last, n, round(gap, 1), int(away)) for cid, first, last, n, gap, away in rows]

    def likely_now(self, limit: int = 24, weeks: int = 12) -> list[int]:
        """Regulars who usually come at this hour on this weekday (at least twice in the last
        ``weeks`` weeks, within an hour of now, local time), most habitual first.

        Stamps are appended in time order, so the start of the window is found by a binary
        search on the stamp id and only those rows are read: no index on time is needed, and
        stamping stays as cheap as it was.

        Each stamp is read in the café's local time *at that stamp* (the ``time_zone``
        setting): the window is cut where daylight saving time changed, and each part is read
        with its own offset, so a change of the clocks does not shift habits by an hour."""
        now = self._clock.now()
        start = now - dt.timedelta(weeks=weeks)
        first_id = first_id_since(self._db, "stamp", start)
        if first_id is None:
            return []
        tz = zone(self._settings.get("time_zone"), strict=False)
        local = now + utc_offset(now, tz)
        # One strftime a row, compared with the three "weekday hour" keys around now.
        d = dialect.of(self._db)
        keys = [d.weekday_hour_of(local + dt.timedelta(hours=h)) for h in (-1, 0, 1)]
        parts, params = [], []
        spans = offset_spans(start, now, tz)
        bounds = [first_id] + [first_id_since(self._db, "stamp", at) for at, _offset in spans[1:]]
        for n, (_at, offset) in enumerate(spans):
            low, high = bounds[n], bounds[n + 1] if n + 1 < len(bounds) else None
            if low is None or (high is not None and high <= low):
                continue  # no stamps in this part of the window
            parts.append(
                "SELECT s.card_id, s.at FROM stamp s WHERE s.id >= ?"
                + (" AND s.id < ?" if high is not None else "")
                + f" AND s.source = 'purchase' AND s.voided_at IS NULL AND {d.weekday_hour('s.at', '?')} IN (?, ?, ?)"
            )
            params += [low, *([high] if high is not None else []), f"{round(offset.total_seconds()):+d} seconds", *keys]
        rows = self._db.execute_sql(
            f"SELECT d.customer_id, count(*) AS n, max(m.at) FROM ({' UNION ALL '.join(parts)}) m "
            "JOIN card d ON d.id = m.card_id JOIN customer c ON c.id = d.customer_id "
            "WHERE c.forgotten_at IS NULL "
            "GROUP BY d.customer_id HAVING count(*) >= 2 ORDER BY n DESC, max(m.at) DESC LIMIT ?",
            (*params, limit),
        ).fetchall()
        return [r[0] for r in rows]

    def referrals(self) -> list[tuple[int, str, int]]:
        """(customer id, first name, friends referred) for everyone who brought someone."""
        rows = self._db.execute_sql(
            "SELECT r.id, r.first_name, count(*) FROM customer c JOIN customer r ON r.id = c.referred_by_id "
            "WHERE r.forgotten_at IS NULL GROUP BY r.id ORDER BY count(*) DESC, r.first_name"
        ).fetchall()
        return [(a, b, c) for a, b, c in rows]

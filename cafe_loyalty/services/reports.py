"""How the programme is doing, for the owner: visits week by week, how many regulars come back,
and how many cards get finished (:mod:`completion`).

Each figure is one read of the rows in its time window (found by id, see ``appended``), so the
report costs the same on the first day and after ten years of stamps.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import peewee as pw

from cafe_loyalty.store import dialect
from cafe_loyalty.store.db import read
from cafe_loyalty.store.fragments import in_branch

from ..clock import Clock
from ..errors import ValidationError
from .appended import first_id_since
from .completion import STUDY_BLANK, STUDY_HEAD_START, Completion, card_completion
from .settings import Settings
from .views import JsonView

# Completion looks at cards issued this long before the judging cut by default: a year of
# judged cards, the programme as it is now rather than as it was.
COMPLETION_PERIOD_DAYS = 365
ACTIVE_DAYS = 30
MAX_WEEKS = 104


@dataclass(frozen=True)
class WeekFigures(JsonView):
    start: dt.date  # the first day of the seven
    visits: int
    regulars: int  # different regulars who came
    rewards: int


@dataclass(frozen=True)
class ProgrammeReport(JsonView):
    as_of: dt.datetime
    regulars: int  # on the books (forgotten ones left out)
    active: int  # came in the last 30 days
    new: int  # joined in the last 30 days
    visits: int  # in the last 30 days
    rewards: int  # given in the last 30 days
    came_back: int  # of those who came 31-60 days ago, how many came again in the last 30
    came_before: int
    weeks: list[WeekFigures]

    _json_extra = ("return_rate",)

    @property
    def return_rate(self) -> float | None:
        return self.came_back / self.came_before if self.came_before else None


@dataclass(frozen=True)
class CompletionReport(JsonView):
    """Card completion for the cards issued in a period, beside the study's two designs."""

    issued_from: dt.date
    issued_to: dt.date  # inclusive
    completion: Completion
    study_head_start: float = STUDY_HEAD_START
    study_blank: float = STUDY_BLANK


class Reports:
    def __init__(self, db: pw.Database, clock: Clock, settings: Settings):
        self._db = db
        self._clock = clock
        self._settings = settings

    def completion(
        self, issued_from: dt.date | None = None, issued_to: dt.date | None = None, branch: int | None = None
    ) -> CompletionReport:
        """How many of the cards issued from ``issued_from`` to ``issued_to`` (inclusive) were
        finished within ``completion_days``, judged as :mod:`completion` explains. By default,
        the cards issued in the year before the judging cut and those since (running).
        ``branch``: only the cards that branch issued (None: the whole chain)."""
        now = self._clock.now()
        window = self._settings.get("completion_days")
        today = now.date()
        issued_to = issued_to or today
        issued_from = issued_from or today - dt.timedelta(days=window + COMPLETION_PERIOD_DAYS)
        if issued_from > issued_to:
            raise ValidationError("The period starts after it ends.")
        start = dt.datetime.combine(issued_from, dt.time())
        end = dt.datetime.combine(issued_to + dt.timedelta(days=1), dt.time())
        with read(self._db):
            completion = card_completion(
                self._db,
                now,
                window,
                "c.issued_at >= :start AND c.issued_at < :end" + in_branch("c", branch),
                {"start": _text(start), "end": _text(end), "branch": branch},
            )
        return CompletionReport(issued_from, issued_to, completion)

    def programme(self, weeks: int = 12, branch: int | None = None) -> ProgrammeReport:
        """``branch``: the visits and rewards that branch saw, and the regulars who joined there
        (None: the whole chain, each regular once however many branches they visit)."""
        if not 1 <= weeks <= MAX_WEEKS:
            raise ValidationError("A report covers 1 to {most} weeks.", most=MAX_WEEKS)
        now = self._clock.now()
        sql = self._db.execute_sql
        day = dt.timedelta(days=1)
        window_start = min(now - dt.timedelta(weeks=weeks), now - 2 * ACTIVE_DAYS * day)
        first_stamp = first_id_since(self._db, "stamp", window_start)
        first_visit = first_id_since(self._db, "visit", window_start)
        first_reward = first_id_since(self._db, "redemption", window_start)
        none = 1 << 62  # an id past the end: the window holds no rows of that table
        # A visit is an itemised Visit, or a purchase stamp that has none (visit_events.VISIT_EVENTS), each side
        # limited to the window by id so neither table is read in full.
        events = (
            "SELECT v.customer_id AS cid, v.at AS at FROM visit v WHERE v.id >= :visit AND v.voided_at IS NULL"
            f"{in_branch('v', branch)} UNION ALL "
            "SELECT d.customer_id, s.at FROM stamp s JOIN card d ON d.id = s.card_id "
            "WHERE s.id >= :stamp AND s.source = 'purchase' AND s.voided_at IS NULL AND s.visit_id IS NULL"
            f"{in_branch('s', branch)}"
        )
        ids = {"visit": first_visit or none, "stamp": first_stamp or none}
        start_of = [(now - (weeks - w) * dt.timedelta(weeks=1)) for w in range(weeks)]
        recent, before = _text(now - ACTIVE_DAYS * day), _text(now - 2 * ACTIVE_DAYS * day)
        # One read of the window's visits (the CTE is used twice, so SQLite keeps it): week by
        # week, then per regular whether they came in the 30 days before and the 30 since.
        # One rule for forgotten customers: figures about people (regulars, who came, who came
        # back) leave them out, as "of N regulars" does; visits and rewards keep their
        # anonymous counts, so the café's totals stay right.
        week_rows: dict[int, tuple[int, int]] = {}
        came_before = came_back = active = visits = 0
        q = dialect.of(self._db)
        ago = q.whole(q.days(":now", "at") + " / 7")

        def count_of(condition: str) -> str:  # regulars for whom ``condition`` holds, as an integer
            return f"CAST(coalesce(sum(CASE WHEN {condition} THEN 1 ELSE 0 END), 0) AS INTEGER)"

        for kind, a, b, c, d in sql(
            f"WITH e AS (SELECT cid, at, {q.number('cid IN (SELECT customer_id FROM erasure)')} AS gone "
            f"FROM ({events}) AS ev WHERE at >= :since AND at < :now) "
            f"SELECT 0, {ago} AS ago, count(*), "
            "count(DISTINCT CASE WHEN gone = 0 THEN cid END), 0 FROM e WHERE at >= :weeks GROUP BY ago "
            f"UNION ALL SELECT 1, {count_of('earlier = 1 AND gone = 0')}, "
            f"{count_of('earlier = 1 AND later = 1 AND gone = 0')}, {count_of('later = 1 AND gone = 0')}, "
            "CAST(coalesce(sum(n), 0) AS INTEGER) FROM (SELECT cid, max(gone) AS gone, "
            f"max({q.number('at < :recent')}) AS earlier, max({q.number('at >= :recent')}) AS later, "
            f"sum({q.number('at >= :recent')}) AS n "
            "FROM e WHERE at >= :before GROUP BY cid) AS per_regular",
            {
                **ids,
                "now": _text(now),
                "since": _text(window_start),
                "weeks": _text(start_of[0]),
                "recent": recent,
                "before": before,
                "branch": branch,
            },
        ).fetchall():
            if kind == 0:
                week_rows[int(a)] = (b, c)
            else:
                came_before, came_back, active, visits = a, b, c, d
        rewarded = {"now": _text(now), "first": first_reward or none, "branch": branch}
        reward_rows = dict(
            sql(
                f"SELECT {q.whole(q.days(':now', 'r.at') + ' / 7')} AS ago, count(*) FROM redemption r "
                f"WHERE r.id >= :first AND r.voided_at IS NULL AND r.at >= :start AND r.at < :now"
                f"{in_branch('r', branch)} GROUP BY ago",
                {**rewarded, "start": _text(start_of[0])},
            ).fetchall()
        )
        rewards = sql(
            "SELECT count(*) FROM redemption r WHERE r.id >= :first AND r.voided_at IS NULL AND r.at >= :recent"
            + in_branch("r", branch),
            {**rewarded, "recent": recent},
        ).fetchone()[0]
        # Both through the tile-order index: a regular who joined lately was also seen lately.
        # A branch's regulars are those who joined there.
        joined = {"recent": recent, "branch": branch}
        regulars = sql(
            "SELECT count(*) FROM customer c WHERE c.forgotten_at IS NULL" + in_branch("c", branch), joined
        ).fetchone()[0]
        new = sql(
            "SELECT count(*) FROM customer c WHERE c.last_seen_at >= :recent AND c.created_at >= :recent "
            "AND c.forgotten_at IS NULL" + in_branch("c", branch),
            joined,
        ).fetchone()[0]
        return ProgrammeReport(
            as_of=now,
            regulars=regulars,
            active=active,
            new=new,
            visits=visits,
            rewards=rewards,
            came_back=came_back,
            came_before=came_before,
            weeks=[
                WeekFigures(
                    start=start_of[w].date(),
                    visits=week_rows.get(weeks - 1 - w, (0, 0))[0],
                    regulars=week_rows.get(weeks - 1 - w, (0, 0))[1],
                    rewards=reward_rows.get(weeks - 1 - w, 0),
                )
                for w in range(weeks)
            ],
        )


def _text(moment: dt.datetime) -> str:
    """How sqlite3 stores a datetime, so comparisons in SQL are comparisons of time."""
    return moment.isoformat(" ")

"""How many cards get finished, judged honestly: the one computation behind the Programme tab,
``report programme`` and each arm of the head-start experiment.

A card is judged only once it has had the whole window (``completion_days``, 180 by default):
it is *finished* if its reward was given within that many days of being issued, and *not
finished* otherwise. A younger card is *running* and counts neither way, even if it is already
finished: counting the quick finishers among the young cards while leaving the slow ones out
would make the rate look better than it is. The study the card design comes from (Nunes and
Drèze, J. Consumer Research 32:504, 2006) counted completion the same way, over a fixed time.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import peewee as pw

from cafe_loyalty.rules.stats import wilson
from cafe_loyalty.store import dialect, fragments
from cafe_loyalty.store.dialect import Dialect

from .views import JsonView

# The car-wash study: a 10-slot card with 2 stamps given was finished by 34% of customers, a
# blank 8-slot card by 19%, both needing 8 purchases.
STUDY_HEAD_START = 0.34
STUDY_BLANK = 0.19


@dataclass(frozen=True)
class Completion(JsonView):
    window_days: int
    cards: int  # issued in the period (voided cards left out)
    finished: int  # judged, and rewarded within the window
    not_finished: int  # judged, and not rewarded within the window
    running: int  # younger than the window: not judged yet
    median_days: float | None  # whole days from issue to reward, finished cards
    median_purchases: float | None  # purchase stamps on finished cards
    one_purchase_only: int  # judged cards that never got a second purchase stamp

    _json_extra = ("judged", "rate", "ci_low", "ci_high", "one_purchase_share")

    @property
    def judged(self) -> int:
        return self.finished + self.not_finished

    @property
    def rate(self) -> float | None:
        return self.finished / self.judged if self.judged else None

    @property
    def ci_low(self) -> float | None:
        interval = wilson(self.finished, self.judged)
        return interval.low if interval else None

    @property
    def ci_high(self) -> float | None:
        interval = wilson(self.finished, self.judged)
        return interval.high if interval else None

    @property
    def one_purchase_share(self) -> float | None:
        return self.one_purchase_only / self.judged if self.judged else None


# One pass over the cards, grouped: each card falls in a bucket (running, not finished, or
# finished after N whole days) with the purchases its design needs, and whether it never got a
# second purchase. A redeemed card was full, so it had exactly the purchases its design needs;
# only for the others are stamps counted (those not undone, less the head start: only purchase
# stamps are ever undone), from the stamp index alone, and only for judged cards. The card index
# by issue date holds every column read here (schema 8), so no card row is read.
RUNNING, NOT_FINISHED = -2, -1


def _grouped(d: Dialect, where: str) -> str:
    days = d.days("c.closed_at", "c.issued_at")
    return f"""
    SELECT bucket, need, count(*), sum(one) FROM (
      SELECT CASE WHEN c.issued_at > :cut THEN {RUNNING}
                  WHEN c.status = 'redeemed' AND {days} <= :days THEN {d.whole(days)}
                  ELSE {NOT_FINISHED} END AS bucket,
             c.slots - c.head_start AS need,
             CASE WHEN c.issued_at > :cut THEN 0
                  WHEN c.status = 'redeemed' THEN {d.number("c.slots - c.head_start <= 1")}
                  ELSE {d.number(fragments.filled("c") + " - c.head_start <= 1")} END AS one
      FROM card c WHERE c.status NOT IN ('void', 'merged') AND {where}) AS cards
    GROUP BY bucket, need"""


def _median(counts: dict[int, int]) -> float | None:
    """The median of values given as {value: how many times}."""
    total = sum(counts.values())
    if not total:
        return None
    low_rank, high_rank = (total - 1) // 2, total // 2  # 0-based ranks of the middle one or two
    low = high = None
    seen = 0
    for value in sorted(counts):
        upto = seen + counts[value]  # this value holds ranks seen .. upto - 1
        if low is None and low_rank < upto:
            low = value
        if high_rank < upto:
            high = value
            break
        seen = upto
    assert low is not None and high is not None
    return (low + high) / 2


def card_completion(
    db: pw.Database, now: dt.datetime, window_days: int, where: str, params: dict[str, object]
) -> Completion:
    """Completion of the cards ``where`` picks (SQL on ``card c``, with named ``params``)."""
    args = {**params, "cut": (now - dt.timedelta(days=window_days)).isoformat(" "), "days": window_days}
    total = finished = not_finished = one_only = 0
    days: dict[int, int] = {}
    purchases: dict[int, int] = {}
    for bucket, need, count, one in db.execute_sql(_grouped(dialect.of(db), where), args):
        total += count
        one_only += one or 0
        if bucket == NOT_FINISHED:
            not_finished += count
        elif bucket >= 0:
            finished += count
            days[bucket] = days.get(bucket, 0) + count
            purchases[need] = purchases.get(need, 0) + count
    return Completion(
        window_days=window_days,
        cards=total,
        finished=finished,
        not_finished=not_finished,
        running=total - finished - not_finished,
        median_days=_median(days),
        median_purchases=_median(purchases),
        one_purchase_only=one_only,
    )

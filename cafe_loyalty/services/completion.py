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
import statistics
from dataclasses import dataclass

import peewee as pw

from ..stats import wilson
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
    median_days: float | None  # days from issue to reward, finished cards
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


# Per card: when it was issued, when its reward was given (a redeemed card's ``closed_at``; an
# undone redemption makes the card active again) and the purchases its design needs. A redeemed
# card was full, so it had exactly those purchases; only for the others are stamps counted
# (those not undone, less the head start: only purchase stamps are ever undone), from the card
# index alone, and only for judged cards (the CASE keeps SQLite from counting the rest).
_CARDS = """
    SELECT c.id AS card_no, c.issued_at AS issued, c.head_start AS head, c.slots - c.head_start AS need,
           CASE WHEN c.status = 'redeemed' THEN c.closed_at END AS done
    FROM card c WHERE c.status != 'void' AND {where}"""
_FINISHED = "issued <= :cut AND done IS NOT NULL AND julianday(done) - julianday(issued) <= :days"
_ONE_PURCHASE = (
    "CASE WHEN issued > :cut THEN 0 WHEN done IS NOT NULL THEN need <= 1 "
    "ELSE (SELECT count(*) FROM stamp s WHERE s.card_id = card_no AND s.voided_at IS NULL) - head <= 1 END"
)


def card_completion(
    db: pw.SqliteDatabase, now: dt.datetime, window_days: int, where: str, params: dict[str, object]
) -> Completion:
    """Completion of the cards ``where`` picks (SQL on ``card c``, with named ``params``).
    Call inside a read transaction, so both statements see the same cards."""
    cards = _CARDS.format(where=where)
    args = {**params, "cut": (now - dt.timedelta(days=window_days)).isoformat(" "), "days": window_days}
    total, judged, finished, one_only = db.execute_sql(
        f"SELECT count(*), coalesce(sum(issued <= :cut), 0), coalesce(sum({_FINISHED}), 0), "
        f"coalesce(sum({_ONE_PURCHASE}), 0) FROM ({cards})",
        args,
    ).fetchone()
    rows = db.execute_sql(f"SELECT julianday(done) - julianday(issued), need FROM ({cards}) WHERE {_FINISHED}", args)
    days, purchases = [], []
    for took, need in rows:
        days.append(took)
        purchases.append(need)
    return Completion(
        window_days=window_days,
        cards=total,
        finished=finished,
        not_finished=judged - finished,
        running=total - judged,
        median_days=round(statistics.median(days), 1) if days else None,
        median_purchases=statistics.median(purchases) if purchases else None,
        one_purchase_only=one_only,
    )

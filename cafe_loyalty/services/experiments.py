"""Does the head start work in this café? A randomised test of two card designs.

How it works, and why (the Programme tab states the same in plain words):

- **Who is in.** From the start, each *new* regular (their first card is issued after it) gets
  arm A or B with probability 1/2, drawn from ``Random(f"{seed}-{customer_id}")``: the stored
  seed and the regular's number reproduce every draw. Regulars who had a card before are not in
  it. A regular keeps their arm, next cards included, until the experiment ends.
- **What is compared.** Each regular's *first* card in the experiment, judged as in
  :mod:`completion` (finished within the window or not; younger cards are running). One card per
  regular keeps the observations independent: a regular who finishes one card and starts the
  next would otherwise count twice, and the keen ones more often.
- **No false wins from peeking.** The number of cards per arm is planned at the start (Fleiss's
  formula, :func:`stats.cards_per_arm`, for the smallest difference the owner cares about, at 5%
  significance and 80% power). The verdict is given once the first ``planned`` regulars of each
  arm have all been judged, with a two-sided two-proportion test at 5%, on exactly those cards.
  Looking at the figures before then changes nothing. If the owner stops early, a difference is
  declared only if p < 0.001 (the Haybittle–Peto rule: J. L. Haybittle, Br. J. Radiol. 44:793,
  1971; R. Peto et al., Br. J. Cancer 34:585, 1976); otherwise the result is inconclusive.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import re
import secrets
from dataclasses import dataclass
from pathlib import Path

import peewee as pw

from cafe_loyalty.io.spreadsheets import save_table
from cafe_loyalty.rules.stats import Interval, cards_per_arm, difference_interval, two_proportion_p_value
from cafe_loyalty.store import dialect
from cafe_loyalty.store.db import read, write
from cafe_loyalty.store.fragments import in_branch
from cafe_loyalty.store.models import Card, Enrolment, Experiment

from ..clock import Clock
from ..errors import CardStateError, ValidationError
from ..rights import owner_only
from .audit import Audit
from .completion import STUDY_BLANK, Completion, card_completion
from .settings import SPECS, Settings
from .views import JsonView

ALPHA = 0.05
POWER = 0.80
EARLY_ALPHA = 0.001  # Haybittle–Peto: what an early stop needs to declare a difference
DEFAULT_ARMS = "10/2,8/0"
DEFAULT_MIN_EFFECT = 0.10
CAME_BACK_DAYS = 30
# "Came back" needs another visit on another occasion: at least this long after joining.
SAME_VISIT_HOURS = 4
ARM_NAMES = ("A", "B")


@dataclass(frozen=True)
class Design(JsonView):
    slots: int
    head_start: int

    _json_extra = ("purchases",)

    @property
    def purchases(self) -> int:
        """Purchases from a new card to the reward."""
        return self.slots - self.head_start

    def __str__(self) -> str:
        return f"{self.slots}/{self.head_start}"


def parse_design(text: str) -> Design:
    """``"10/2"``: 10 slots, 2 of them filled when the card is issued."""
    found = re.fullmatch(r"\s*(\d{1,3})\s*/\s*(\d{1,3})\s*", str(text))
    if not found:
        raise ValidationError("A card design is slots/head start, like 10/2, not {text!r}.", text=str(text)[:20])
    slots, head = int(found.group(1)), int(found.group(2))
    low, high = SPECS["card_slots"].low, SPECS["card_slots"].high
    assert low is not None and high is not None  # card_slots is a bounded number
    if not (low <= slots <= high) or head >= slots:
        raise ValidationError(
            "A card has {low} to {high} slots, and fewer stamps given than slots: {text} is not possible.",
            low=low,
            high=high,
            text=f"{slots}/{head}",
        )
    return Design(slots, head)


def parse_arms(text: str) -> tuple[Design, Design]:
    parts = [p for p in str(text).split(",") if p.strip()]
    if len(parts) != 2:
        raise ValidationError("An experiment compares two card designs, like 10/2,8/0.")
    a, b = parse_design(parts[0]), parse_design(parts[1])
    if a == b:
        raise ValidationError("The two designs are the same; choose two different ones.")
    if a.purchases != b.purchases:
        raise ValidationError(
            "Both designs must need the same purchases to the reward ({a} needs {pa}, {b} needs {pb}), "
            "or the test would compare the reward's price, not the head start.",
            a=str(a),
            b=str(b),
            pa=a.purchases,
            pb=b.purchases,
        )
    return a, b


@dataclass(frozen=True)
class ArmResult(JsonView):
    name: str  # "A" or "B"
    slots: int
    head_start: int
    regulars: int  # enrolled in this arm
    planned: int  # of them, the first ``planned`` form the test's sample
    completion: Completion  # of the sample's first cards
    came_back: int  # of the sample's regulars who joined 30+ days ago, came again within 30 days
    came_back_of: int

    _json_extra = ("cards", "completed", "failed", "running", "rate", "ci_low", "ci_high")

    # The names the issue and scripts use, over the completion figures.
    @property
    def cards(self) -> int:
        return self.completion.cards

    @property
    def completed(self) -> int:
        return self.completion.finished

    @property
    def failed(self) -> int:
        return self.completion.not_finished

    @property
    def running(self) -> int:
        return self.completion.running

    @property
    def rate(self) -> float | None:
        return self.completion.rate

    @property
    def ci_low(self) -> float | None:
        return self.completion.ci_low

    @property
    def ci_high(self) -> float | None:
        return self.completion.ci_high


@dataclass(frozen=True)
class Forecast(JsonView):
    """How long a test would take at this café's own pace: the regulars who joined in the last
    90 days (imports left out: they are not new customers and do not join a test), a month, and
    the completion rate the plan starts from. For the owner's plain answer: "about 9 months"."""

    baseline: float
    new_per_month: float
    window_days: int

    def planned(self, min_effect: float) -> int:
        """Cards in each design for a difference of ``min_effect`` (as :meth:`Experiments.start`)."""
        baseline = min(max(self.baseline, 0.02), 0.98 - min_effect)
        return cards_per_arm(baseline + min_effect, baseline, ALPHA, POWER)

    def months(self, min_effect: float, still_to_issue: int | None = None) -> tuple[float, float] | None:
        """(months to give out the cards, months to the verdict), or None when nobody joined
        lately (no pace to go by). ``still_to_issue``: for a running test, the cards not yet
        given."""
        if self.new_per_month <= 0:
            return None
        cards = 2 * self.planned(min_effect) if still_to_issue is None else still_to_issue
        issue = cards / self.new_per_month
        return issue, issue + self.window_days / DAYS_A_MONTH


DAYS_A_MONTH = 30.44


@dataclass(frozen=True)
class ExperimentStatus(JsonView):
    id: int
    started_at: dt.datetime
    ended_at: dt.datetime | None
    kept: str | None
    seed: int
    window_days: int
    min_effect: float
    baseline: float
    planned_cards_per_arm: int
    arms: list[ArmResult]
    difference: float | None  # rate A - rate B, on the judged cards of the sample
    difference_low: float | None
    difference_high: float | None
    p_value: float | None  # only with a verdict: before it, a p-value invites peeking
    verdict: str  # collecting | a_better | b_better | no_difference | inconclusive
    judged_fully: bool  # every card of the planned sample has been judged
    new_per_month: float = 0.0  # the café's pace (see Forecast), for "the verdict in about N months"

    @property
    def months_to_verdict(self) -> float | None:
        """At the café's pace, how long until the planned cards are all judged (None: no pace)."""
        if self.ended_at is not None or self.verdict != "collecting":
            return 0.0
        to_issue = sum(max(0, arm.planned - arm.regulars) for arm in self.arms)
        forecast = Forecast(self.baseline, self.new_per_month, self.window_days)
        found = forecast.months(self.min_effect, still_to_issue=to_issue)
        return None if found is None else found[1]

    _json_extra = ("running_now", "months_to_verdict")

    @property
    def running_now(self) -> bool:
        return self.ended_at is None


def draw_arm(seed: int, customer_id: int) -> int:
    """The arm of one regular: reproducible from the experiment's seed and their number."""
    return random.Random(f"{seed}-{customer_id}").randrange(2)


def running_experiment() -> Experiment | None:
    return Experiment.select().where(Experiment.ended_at.is_null()).order_by(Experiment.id.desc()).first()


def design_for_new_card(customer_id: int) -> tuple[Experiment, int, bool] | None:
    """The experiment and arm a new card of this regular follows, and whether this card enrols
    them (their first card, issued while it runs); None if they are not in a running one.
    Called by the ledger inside the card's own transaction."""
    experiment = running_experiment()
    if experiment is None:
        return None
    enrolled = Enrolment.get_or_none((Enrolment.experiment == experiment.id) & (Enrolment.customer == customer_id))
    if enrolled is not None:
        return experiment, enrolled.arm, False
    if Card.select().where(Card.customer == customer_id).exists():
        return None  # had a card before the start: not in it
    return experiment, draw_arm(experiment.seed, customer_id), True


def arms_of(experiment: Experiment) -> tuple[Design, Design]:
    a, b = json.loads(experiment.arms)
    return Design(*a), Design(*b)


class Experiments:
    def __init__(self, db: pw.Database, clock: Clock, audit: Audit, settings: Settings):
        self._db = db
        self._clock = clock
        self._audit = audit
        self._settings = settings

    # -- the owner's actions -----------------------------------------------------------------

    @owner_only("start a head-start experiment")
    def start(
        self,
        arms: str = DEFAULT_ARMS,
        min_effect: float = DEFAULT_MIN_EFFECT,
        seed: int | None = None,
        *,
        by: int | None,
    ) -> ExperimentStatus:
        """Start assigning new regulars to two designs; the sample size is planned now."""
        a, b = parse_arms(arms)
        if not 0.02 <= min_effect <= 0.5:
            raise ValidationError("The smallest difference worth finding is 2 to 50 points, not {x}.", x=min_effect)
        if seed is not None and not 0 <= seed < 2**31:
            raise ValidationError("The seed is a whole number from 0 to 2147483647.")
        window = self._settings.get("completion_days")
        now = self._clock.now()
        forecast = self.forecast()
        baseline = min(max(forecast.baseline, 0.02), 0.98 - min_effect)
        planned = forecast.planned(min_effect)
        with write(self._db):
            if running_experiment() is not None:
                raise CardStateError("An experiment is already running. Stop it before starting another.")
            experiment = Experiment.create(
                started_at=now,
                started_by_id=by,
                arms=json.dumps([[a.slots, a.head_start], [b.slots, b.head_start]]),
                min_effect=min_effect,
                baseline=round(baseline, 4),
                planned_per_arm=planned,
                window_days=window,
                seed=secrets.randbelow(2**31) if seed is None else seed,
            )
            self._audit.record(
                "experiment.start",
                "experiment",
                experiment.id,
                by=by,
                arms=f"{a},{b}",
                min_effect=min_effect,
                planned_per_arm=planned,
                seed=experiment.seed,
            )
        return self.status_of(experiment.id)

    @owner_only("end a head-start experiment")
    def stop(self, keep: str, *, by: int | None) -> ExperimentStatus:
        """End the running experiment; new cards from now on use the design ``keep``."""
        design = parse_design(keep)
        with write(self._db):
            experiment = running_experiment()
            if experiment is None:
                raise CardStateError("No experiment is running.")
            if design not in arms_of(experiment):
                raise ValidationError(
                    "Keep one of the two designs tested ({arms}), not {keep}.",
                    arms=",".join(map(str, arms_of(experiment))),
                    keep=str(design),
                )
            experiment.ended_at, experiment.ended_by_id, experiment.kept = self._clock.now(), by, str(design)
            experiment.save()
            self._settings.update(by=by, card_slots=design.slots, head_start=design.head_start)
            self._audit.record("experiment.stop", "experiment", experiment.id, by=by, kept=str(design))
        return self.status_of(experiment.id)

    @owner_only("export an experiment's cards")
    def export_cards(self, path: str | Path, *, by: int | None, experiment_id: int | None = None) -> Path:
        """One row per card of the experiment's regulars (no names): for a spreadsheet or a
        statistician. Written whole or not at all."""
        with read(self._db):
            experiment = self._pick(experiment_id)
            first = dialect.of(self._db).number("c.id = e.card_id")
            rows = self._db.execute_sql(
                f"SELECT e.customer_id, e.arm, c.id, c.slots, c.head_start, c.issued_at, {first}, "
                "(SELECT count(*) FROM stamp s WHERE s.card_id = c.id AND s.source = 'purchase' "
                "AND s.voided_at IS NULL), "
                "(SELECT min(r.at) FROM redemption r WHERE r.card_id = c.id AND r.voided_at IS NULL) "
                "FROM enrolment e JOIN card c ON c.customer_id = e.customer_id AND c.issued_at >= e.at "
                + ("AND c.issued_at <= ? " if experiment.ended_at is not None else "")
                + "WHERE e.experiment_id = ? AND c.status NOT IN ('void', 'merged') ORDER BY e.id, c.id",
                (*([experiment.ended_at] if experiment.ended_at is not None else []), experiment.id),
            ).fetchall()

        header = [
            "regular",
            "arm",
            "card",
            "slots",
            "head_start",
            "issued_at",
            "first_card",
            "purchase_stamps",
            "completed_at",
        ]
        table = [
            [cid, ARM_NAMES[arm], card, slots, head, issued, int(bool(first)), bought, done or ""]
            for cid, arm, card, slots, head, issued, first, bought, done in rows
        ]
        return save_table(path, header, table)

    # -- reading -----------------------------------------------------------------------------

    def current(self, branch: int | None = None) -> ExperimentStatus | None:
        """The running experiment or, if none runs, the newest one; None if there never was one.
        ``branch``: only the regulars whose first card of it that branch issued (a chain tests
        one design everywhere; each branch sees its own share)."""
        with read(self._db):
            newest = Experiment.select().order_by(Experiment.ended_at.is_null().desc(), Experiment.id.desc()).first()
            return self._status(newest, branch) if newest else None

    def forecast(self) -> Forecast:
        """The café's pace and completion, for planning a test before it starts. Planned around
        the café's own completion if it has enough judged cards, else the study's blank card:
        the rarer rate of the pair, so the plan is not too small. Read without the write lock:
        at a big café it reads every card (about a second)."""
        window = self._settings.get("completion_days")
        now = self._clock.now()
        with read(self._db):
            own = card_completion(self._db, now, window, "TRUE", {})
            pace = self._new_per_month(now)
        baseline = own.rate if own.judged >= 50 and own.rate else STUDY_BLANK
        return Forecast(baseline, pace, window)

    def _new_per_month(self, now: dt.datetime) -> float:
        since = now - dt.timedelta(days=90)
        joined = self._db.execute_sql(
            "SELECT count(*) FROM customer c WHERE c.created_at >= ? AND c.merged_into_id IS NULL "
            "AND NOT EXISTS (SELECT 1 FROM import_row r WHERE r.customer_id = c.id AND r.kind = 'added')",
            (since,),
        ).fetchone()[0]
        return round(joined / (90 / DAYS_A_MONTH), 1)

    def status_of(self, experiment_id: int, branch: int | None = None) -> ExperimentStatus:
        with read(self._db):
            return self._status(self._pick(experiment_id), branch)

    def _pick(self, experiment_id: int | None) -> Experiment:
        query = Experiment.select()
        found = (
            query.where(Experiment.id == experiment_id).first()
            if experiment_id is not None
            else query.order_by(Experiment.ended_at.is_null().desc(), Experiment.id.desc()).first()
        )
        if found is None:
            raise CardStateError("There is no experiment yet. Start one from the Programme tab.")
        return found

    def _status(self, experiment: Experiment, branch: int | None = None) -> ExperimentStatus:
        now = self._clock.now()
        planned = experiment.planned_per_arm
        results = []
        for arm, design in enumerate(arms_of(experiment)):
            sample = (
                "c.id IN (SELECT card_id FROM enrolment WHERE experiment_id = :e AND arm = :arm "
                "ORDER BY id LIMIT :planned)" + in_branch("c", branch)
            )
            params: dict[str, object] = {"e": experiment.id, "arm": arm, "planned": planned, "branch": branch}
            completion = card_completion(self._db, now, experiment.window_days, sample, params)
            enrolled = (Enrolment.experiment == experiment.id) & (Enrolment.arm == arm)
            if branch is not None:
                enrolled &= Enrolment.card.in_(Card.select(Card.id).where(Card.branch == branch))
            regulars = Enrolment.select().where(enrolled).count()
            came_back, came_back_of = self._came_back(experiment.id, arm, planned, now, branch)
            results.append(
                ArmResult(
                    ARM_NAMES[arm],
                    design.slots,
                    design.head_start,
                    regulars,
                    planned,
                    completion,
                    came_back,
                    came_back_of,
                )
            )
        a, b = results[0].completion, results[1].completion
        judged_fully = all(r.regulars >= planned and r.completion.running == 0 for r in results)
        interval: Interval | None = difference_interval(a.finished, a.judged, b.finished, b.judged)
        p_value = two_proportion_p_value(a.finished, a.judged, b.finished, b.judged)
        verdict = "collecting"
        if judged_fully:
            verdict = self._verdict(p_value, a, b, ALPHA, "no_difference")
        elif experiment.ended_at is not None:
            verdict = self._verdict(p_value, a, b, EARLY_ALPHA, "inconclusive")
        return ExperimentStatus(
            id=experiment.id,
            started_at=experiment.started_at,
            ended_at=experiment.ended_at,
            kept=experiment.kept,
            seed=experiment.seed,
            window_days=experiment.window_days,
            min_effect=experiment.min_effect,
            baseline=experiment.baseline,
            planned_cards_per_arm=planned,
            arms=results,
            difference=(a.rate - b.rate) if a.rate is not None and b.rate is not None else None,
            difference_low=interval.low if interval else None,
            difference_high=interval.high if interval else None,
            p_value=p_value if verdict != "collecting" else None,
            verdict=verdict,
            judged_fully=judged_fully,
            new_per_month=self._new_per_month(now),
        )

    @staticmethod
    def _verdict(p_value: float | None, a: Completion, b: Completion, alpha: float, otherwise: str) -> str:
        if p_value is None or a.rate is None or b.rate is None or p_value >= alpha:
            return otherwise
        return "a_better" if a.rate > b.rate else "b_better"

    def _came_back(
        self, experiment_id: int, arm: int, planned: int, now: dt.datetime, branch: int | None
    ) -> tuple[int, int]:
        """Of the sample's regulars who joined at least 30 days ago, how many came again (a
        purchase stamp or a recorded visit) more than a few hours and at most 30 days later."""
        later, until = f"+{SAME_VISIT_HOURS} hours", f"+{CAME_BACK_DAYS} days"
        d = dialect.of(self._db)
        start, end = d.shifted("e.at", ":later"), d.shifted("e.at", ":until")
        again = (
            "EXISTS (SELECT 1 FROM card d JOIN stamp s ON s.card_id = d.id WHERE d.customer_id = e.customer_id"
            "  AND s.source = 'purchase' AND s.voided_at IS NULL"
            f"  AND s.at >= {start} AND s.at <= {end})"
            " OR EXISTS (SELECT 1 FROM visit v WHERE v.customer_id = e.customer_id AND v.voided_at IS NULL"
            f"  AND v.at >= {start} AND v.at <= {end})"
        )
        return self._db.execute_sql(
            f"SELECT coalesce(sum({d.number(again)}), 0), count(*) "
            "FROM (SELECT customer_id, at, card_id FROM enrolment WHERE experiment_id = :e AND arm = :arm "
            "      ORDER BY id LIMIT :planned) e WHERE e.at <= :cut"
            + ("" if branch is None else " AND e.card_id IN (SELECT c.id FROM card c WHERE c.branch_id = :branch)"),
            {
                "branch": branch,
                "e": experiment_id,
                "arm": arm,
                "planned": planned,
                "later": later,
                "until": until,
                "cut": (now - dt.timedelta(days=CAME_BACK_DAYS)).isoformat(" "),
            },
        ).fetchone()

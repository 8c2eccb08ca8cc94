"""Fill a café's running head-start experiment with simulated regulars whose true completion
rates are known, to see the Programme tab and ``experiment status`` find (or not find) them.

    cafe-loyalty --db sim.db setup "Sim Café" --owner O --pin 2468
    cafe-loyalty --db sim.db experiment start --min-effect 0.15 --owner-pin 2468
    python bench/experiment_sim.py sim.db --rates 0.34,0.19 --months 6
    cafe-loyalty --db sim.db experiment status

The experiment's start is moved back so that the regulars join over ``months`` and every one
of them has had the whole finishing window by today: all cards are judged. Each regular joins
with a purchase on their first card; with the arm's probability they then finish it within the
window (visits at their own pace), otherwise they stop coming or finish too late. Rows are
written with plain sqlite3 in time order, as a till appends them (``bench/datagen.py`` does the
same for the benchmark café).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sqlite3
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.datagen import FIRST, LAST, _code
from cafe_loyalty.services.customers import search_key
from cafe_loyalty.services.experiments import draw_arm

MINUTE = dt.timedelta(minutes=1)


def _gaps(rng: random.Random, count: int, mean_days: float) -> list[float]:
    return [rng.expovariate(1 / mean_days) + 0.05 for _ in range(count)]


def _visits_after(rng: random.Random, purchases: int, span_days: float | None, mean_days: float) -> list[float]:
    """Days after joining of ``purchases`` more visits; spread to exactly ``span_days`` if given."""
    gaps = _gaps(rng, purchases, mean_days)
    if span_days is not None and gaps:
        scale = span_days / sum(gaps)
        gaps = [g * scale for g in gaps]
    days, total = [], 0.0
    for gap in gaps:
        total += gap
        days.append(total)
    return days


def fill(
    path: Path,
    rates: tuple[float, float],
    months: int = 6,
    seed: int = 1,
    regulars: int | None = None,
    now: dt.datetime | None = None,
) -> dict[str, int]:
    """Add simulated regulars to the running experiment in ``path``; returns counts per arm.

    ``regulars`` defaults to enough for both arms to reach the plan (simple randomisation
    leaves the arms a little uneven, so new regulars keep coming until both have)."""
    rng = random.Random(seed)
    con = sqlite3.connect(path, isolation_level=None)
    try:
        con.execute("PRAGMA foreign_keys = ON")
        row = con.execute(
            "SELECT id, arms, planned_per_arm, window_days, seed FROM experiment WHERE ended_at IS NULL"
        ).fetchone()
        if row is None:
            raise SystemExit("no experiment is running in this café: start one first")
        experiment, arms_json, planned, window, draw_seed = row
        if con.execute("SELECT count(*) FROM enrolment WHERE experiment_id = ?", (experiment,)).fetchone()[0]:
            raise SystemExit("this experiment already has regulars: simulate into a fresh one")
        arms = [tuple(a) for a in __import__("json").loads(arms_json)]
        now = now or dt.datetime.now(dt.UTC).replace(tzinfo=None)
        start = now - dt.timedelta(days=window + 2 + months * 30.5)
        staff = con.execute("SELECT id FROM staff ORDER BY id LIMIT 1").fetchone()[0]
        next_id = (con.execute("SELECT max(id) FROM customer").fetchone()[0] or 0) + 1
        card_id = (con.execute("SELECT max(id) FROM card").fetchone()[0] or 0) + 1
        counts = [0, 0]
        events: list[tuple] = []  # (at, kind, values): stored in time order at the end
        customers, cards, codes, enrolments = [], [], [], []
        n = 0
        while (regulars is None and min(counts) < planned) or (regulars is not None and n < regulars):
            cid = next_id + n
            n += 1
            arm = draw_arm(draw_seed, cid)
            counts[arm] += 1
            slots, head = arms[arm]
            need = slots - head
            joined = start + dt.timedelta(days=rng.uniform(0, months * 30.5))
            first, last = rng.choice(FIRST), rng.choice(LAST)
            roll = rng.random()
            pace = rng.uniform(3, 20)  # mean days between visits
            redeemed_at = None
            if roll < rates[arm]:  # finishes within the window
                days = _visits_after(rng, need - 1, min(window - 1, rng.expovariate(1 / (pace * need)) + need), pace)
                redeemed_at = joined + dt.timedelta(days=days[-1]) + MINUTE if days else joined + MINUTE
            elif rng.random() < 0.5:  # stops coming before the card is full
                days = [d for d in _visits_after(rng, rng.randrange(0, need - 1), None, pace * 2) if d < window]
            else:  # keeps coming, but finishes only after the window
                days = _visits_after(rng, need - 1, window * rng.uniform(1.05, 1.8), pace)
                redeemed_at = joined + dt.timedelta(days=days[-1]) + MINUTE
            if redeemed_at is not None and redeemed_at >= now:
                redeemed_at, days = None, [d for d in days if joined + dt.timedelta(days=d) < now]
            purchases = [joined] + [joined + dt.timedelta(days=d) for d in days]
            seen = purchases[-1]
            code = _code(rng)
            customers.append(
                (cid, first, last, search_key(first, last, "", code), joined, seen, len(purchases), joined)
            )
            codes.append((cid, code, joined))
            card = card_id
            card_id += 1
            cards.append((card, cid, slots, head, joined, "redeemed" if redeemed_at else "active", redeemed_at))
            enrolments.append((experiment, cid, arm, joined, card))
            events += [(joined, "stamp", (card, joined, staff, "head_start"))] * head
            events += [(at, "stamp", (card, at, staff, "purchase")) for at in purchases]
            if redeemed_at is not None:
                following = card_id
                card_id += 1
                cards.append((following, cid, slots, head, redeemed_at, "active", None))
                events.append((redeemed_at, "redemption", (card, following, redeemed_at, staff)))
                events += [(redeemed_at, "stamp", (following, redeemed_at, staff, "head_start"))] * head
        # Stored as the app stores times (ISO text, a space between date and time).
        customers, codes, cards, enrolments = (
            [tuple(v.isoformat(" ") if isinstance(v, dt.datetime) else v for v in row) for row in rows]
            for rows in (customers, codes, cards, enrolments)
        )
        events = [
            (at, kind, tuple(v.isoformat(" ") if isinstance(v, dt.datetime) else v for v in values))
            for at, kind, values in events
        ]
        con.execute("BEGIN")
        con.execute("UPDATE experiment SET started_at = ? WHERE id = ?", (start.isoformat(" "), experiment))
        con.executemany(
            "INSERT INTO customer (id, first_name, last_name, phone, email, usual, notes, search_key, created_at, "
            "last_seen_at, visits, first_visit_at) VALUES (?,?,?,'','','','',?,?,?,?,?)",
            customers,
        )
        con.executemany("INSERT INTO card_code (customer_id, code, issued_at) VALUES (?,?,?)", codes)
        con.executemany(
            "INSERT INTO card (id, customer_id, slots, head_start, issued_at, status, closed_at) "
            "VALUES (?,?,?,?,?,?,?)",
            cards,
        )
        con.executemany(
            "INSERT INTO enrolment (experiment_id, customer_id, arm, at, card_id) VALUES (?,?,?,?,?)", enrolments
        )
        events.sort(key=lambda e: (e[0], e[1]))
        con.executemany(
            "INSERT INTO stamp (card_id, at, staff_id, source, forced) VALUES (?,?,?,?,0)",
            [e[2] for e in events if e[1] == "stamp"],
        )
        con.executemany(
            "INSERT INTO redemption (card_id, next_card_id, at, staff_id, reward) VALUES (?,?,?,?,'a free drink')",
            [e[2] for e in events if e[1] == "redemption"],
        )
        con.execute("COMMIT")
        return {"A": counts[0], "B": counts[1], "planned": planned}
    finally:
        con.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db", type=Path)
    parser.add_argument("--rates", default="0.34,0.19", help="true completion of designs A and B")
    parser.add_argument("--months", type=int, default=6, help="regulars join over this many months")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--regulars", type=int, help="how many new regulars (default: enough for the plan)")
    args = parser.parse_args(argv)
    a, b = (float(x) for x in args.rates.split(","))
    counts = fill(args.db, (a, b), args.months, args.seed, args.regulars)
    print(
        f"added {counts['A'] + counts['B']} regulars: {counts['A']} in A, {counts['B']} in B "
        f"(planned {counts['planned']} each)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

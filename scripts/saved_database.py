"""Write the small café that tests/data/schema_vN.db holds, with the release being saved.

Run it from a checkout of the release whose schema is being frozen, so the file is exactly what
that release wrote (not today's code imitating it):

    git worktree add /tmp/rel <commit>
    PYTHONPATH=/tmp/rel python scripts/saved_database.py tests/data/schema_vN.db

It uses only service calls that every release since schema 2 has, so one script serves them all.
``tests/test_saved_databases.py`` checks each file upgrades to today's schema with this content.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from cafe_loyalty.app import Cafe
from cafe_loyalty.clock import FakeClock

START = dt.datetime(2026, 3, 2, 8, 30)


def write(path: Path) -> None:
    if path.exists():
        raise SystemExit(f"{path} exists; saved files are written once")
    clock = FakeClock(START)
    cafe = Cafe.open(path, clock)
    cafe.set_up("Café Shirin", "Shirin", "2468")
    owner = next(s.id for s in cafe.staff.list() if s.role == "owner")
    barista = next(s.id for s in cafe.staff.list() if s.role == "barista")
    latte = cafe.menu.add("Latte", "coffee", by=owner).id
    cake = cafe.menu.add("Saffron cake", "cake", by=owner).id

    sara = cafe.customers.add(
        "Sara",
        last_name="Ahmadi",
        phone="0912 345 6789",
        usual="latte, low-fat milk, not too hot",
        allergies="walnuts",
        birthday_month=5,
        birthday_day=14,
        by=barista,
    ).id
    ali = cafe.customers.add("علي", last_name="رضایی", notes="likes the window seat", by=barista).id
    zoe = cafe.customers.add("Zoë 🎉", dietary="vegan", referred_by=sara, by=barista).id
    gone = cafe.customers.add("Forget", last_name="Me", phone="0900 000 0000", by=barista).id

    # Sara fills a card, redeems it, gets one stamp on the next and has it undone.
    for _ in range(8):
        clock.advance(days=1)
        cafe.ledger.stamp(cafe.ledger.current_card(sara).id, barista)
    cafe.ledger.redeem(cafe.ledger.current_card(sara).id, barista)
    clock.advance(days=1)
    cafe.ledger.stamp(cafe.ledger.current_card(sara).id, barista)
    cafe.ledger.undo(sara, "wrong customer", barista)
    cafe.regulars.give_treat(sara, "Saffron cake", "birthday", by=barista)

    # Ali's usual is learned from what he had; Zoë tried the cake and complained.
    for _ in range(3):
        clock.advance(days=1)
        cafe.visits.record(ali, [latte], "oat milk", by=barista)
    clock.advance(hours=2)
    cafe.visits.record(zoe, [cake], by=barista)
    cafe.feedback.add(zoe, "The cake was dry", "complaint", by=barista)
    cafe.ledger.stamp(cafe.ledger.current_card(gone).id, barista)
    cafe.privacy.forget(gone, by=owner)
    cafe.close()


if __name__ == "__main__":
    write(Path(sys.argv[1]))

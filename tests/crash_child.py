"""Stamps in a loop for the crash test, printing each stamp id once its commit returned."""

import sys

from cafe_loyalty.app import Cafe

cafe = Cafe.open(sys.argv[1])
if not cafe.is_set_up:
    cafe.set_up("Crash Café")
    cafe.settings.update(guard_minutes=0, by=cafe.staff.owner_id())
staff = cafe.staff.default().id
people = [c.id for c in cafe.customers.search("", limit=10)] or [cafe.customers.add(f"Guest {i}").id for i in range(3)]
print("ready", flush=True)
n = 0
while True:
    card = cafe.ledger.current_card(people[n % len(people)])
    if card.redeemable:
        cafe.ledger.redeem(card.id, by=staff)
    else:
        cafe.ledger.stamp(card.id, by=staff)
        stamp_id = cafe.db.execute_sql("SELECT max(id) FROM stamp WHERE source = 'purchase'").fetchone()[0]
        print(stamp_id, flush=True)
    n += 1

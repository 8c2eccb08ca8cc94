"""One till in the several-tills test (tests/test_postgresql.py): stamps the shared cards in
turn, redeeming a card it finds full, and reports what the server accepted from it."""

from __future__ import annotations

import json
import sys

from cafe_loyalty.app import Cafe
from cafe_loyalty.errors import CardStateError, TooSoon


def main(url: str, rounds: int, customers: list[int]) -> None:
    cafe = Cafe.open(url)
    stamped = redeemed = refused = 0
    try:
        for n in range(rounds):
            customer = customers[n % len(customers)]
            try:
                cafe.ledger.stamp_customer(customer, by=None)
                stamped += 1
            except (CardStateError, TooSoon):
                refused += 1
                card = cafe.ledger.current_card(customer)
                if card.filled >= card.slots:
                    try:
                        cafe.ledger.redeem(card.id, by=None)
                        redeemed += 1
                    except CardStateError:
                        pass  # another till redeemed it first
    finally:
        cafe.close()
    print(json.dumps({"stamped": stamped, "redeemed": redeemed, "refused": refused}))


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), [int(c) for c in sys.argv[3].split(",")])

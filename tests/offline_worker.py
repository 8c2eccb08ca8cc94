"""One till in the kill-while-offline test (tests/test_offline.py): stamps regulars in turn
through the till's counter until it is killed, saying each stamp's id before it tries (``try``)
and once the till has acknowledged it (``ack``: on the server, or kept in the till's queue).
With ``--drain`` it sends what its queue holds and prints what that did, as JSON."""

from __future__ import annotations

import dataclasses
import json
import sys
import uuid

from cafe_loyalty.app import Cafe
from cafe_loyalty.errors import CafeError


def main(url: str, customers: list[int], drain: bool) -> None:
    cafe = Cafe.open(url, offline_ok=True)
    counter = cafe.till
    if drain:
        sent = counter.catch_up()
        print(json.dumps({**dataclasses.asdict(sent), "refused_total": len(counter.refused())}), flush=True)
        cafe.close()
        return
    if not counter.offline:
        counter.refresh()
    print("ready", flush=True)
    cards = {c: counter.panel(c).card for c in customers}
    n = 0
    while True:
        customer = customers[n % len(customers)]
        n += 1
        ref = uuid.uuid4().hex
        print(f"try {ref}", flush=True)
        try:
            counter.stamp(cards[customer], by=None, ref=ref)
        except CafeError as exc:
            print(f"no {ref} {type(exc).__name__}", flush=True)
            continue
        print(f"ack {ref}", flush=True)


if __name__ == "__main__":
    main(sys.argv[1], [int(c) for c in sys.argv[2].split(",")], "--drain" in sys.argv)

"""The several-tills benchmark (issue #18): the same café on PostgreSQL, against floors measured
in the same run on the same server.

    python bench/run.py --engine postgresql [--pg-url postgresql://user@host/db] [--size …] [--quick]

Without ``--pg-url`` a server is started on a temporary folder (tests/pg_server.py), with the
durability settings PostgreSQL ships with (fsync on). The café is generated as a SQLite file and
moved in with the same copy ``db copy`` makes (its time is a row too). Rows:

- the stamp against a bare psycopg INSERT+COMMIT on loopback (target ≤ 1.5×);
- search as you type against the same query run bare (target p99 ≤ 16 ms);
- a stamp on till A until till B hears it (LISTEN/NOTIFY), target p95 ≤ 1 s;
- the owner's backup of the café on the server against ``pg_dump -Fc`` of the same database in
  the same run (issue #34: target ≤ 2×).
"""

from __future__ import annotations

import queue
import random
import statistics
import time
from pathlib import Path

from bench.datagen import generate
from cafe_loyalty.app import Cafe
from cafe_loyalty.replica.live import Listener
from cafe_loyalty.store.copying import copy_cafe
from cafe_loyalty.store.db import connect


def run(size, work: Path, url: str | None, quick: bool, rng: random.Random, row, timed, pct, prefixes) -> list:
    server = None
    if url is None:
        from tests.pg_server import Server

        server = Server()
        server.durable = True
        server.start()
        url = server.new_database(empty=True)
    try:
        path = work / f"bench-{size.name}.db"
        if not path.exists():
            generate(path, size)
        source = Cafe.open(path)
        target = connect(url)
        t0 = time.perf_counter()
        result = copy_cafe(source.db, target, replace=True)
        copied = time.perf_counter() - t0
        source.close()
        target.close()
        rows = [row(f"db copy into PostgreSQL ({result.rows:,} rows)", copied, "s")]
        cafe = Cafe.open(url)
        try:
            rows += _backup(cafe, url, work, row)
            n_stamp, n_search, n_heard = (20, 100, 10) if quick else (300, 1000, 100)
            rows += _stamp(cafe, url, n_stamp, rng, row, timed, pct)
            rows += _search(cafe, url, n_search, rng, row, timed, pct, prefixes)
            rows += _heard(cafe, url, n_heard, rng, row, pct)
        finally:
            cafe.close()
        return rows
    finally:
        if server is not None:
            server.stop()


def _backup(cafe: Cafe, url: str, work: Path, row) -> list:
    """The owner's backup (a portable .cafebackup: the café copied into a SQLite file, checked,
    zipped) against PostgreSQL's own dump of the same database, in the same run."""
    import subprocess

    from tests.pg_server import _bindir

    owner = cafe.staff.owner_id()
    t0 = time.perf_counter()
    made = cafe.backups.create(work / "chain.cafebackup", by=owner)
    ours = time.perf_counter() - t0
    dump = str(_bindir() / "pg_dump") if _bindir() else "pg_dump"
    t0 = time.perf_counter()
    subprocess.run([dump, "-Fc", "-f", str(work / "chain.dump"), url], check=True, capture_output=True)
    theirs = time.perf_counter() - t0
    size = Path(made.path).stat().st_size / 1e6
    return [
        row(f"backup of the café on the server ({size:.0f} MB file)", ours, "s", theirs),
        row("pg_dump -Fc of the same database", theirs, "s"),
    ]


def _stamp(cafe: Cafe, url: str, n: int, rng, row, timed, pct) -> list:
    import psycopg

    raw = psycopg.connect(url, autocommit=True)
    ids = [r[0] for r in raw.execute("SELECT id FROM customer LIMIT 20000").fetchall()]
    staff = cafe.staff.default().id
    service, floor = [], []
    for _ in range(n):
        cid = rng.choice(ids)
        card = cafe.ledger.current_card(cid)
        if card.redeemable:
            card = cafe.ledger.redeem(card.id, by=staff).card
        service.append(timed(lambda card=card: cafe.ledger.stamp(card.id, by=staff)))

        def insert(card=card) -> None:
            with raw.transaction():
                raw.execute(
                    "INSERT INTO stamp (card_id, at, staff_id, source, forced) "
                    "VALUES (%s, now(), %s, 'purchase', false)",
                    (card.id, staff),
                )

        floor.append(timed(insert))
    raw.close()
    return [
        row("PostgreSQL stamp (service) p50", statistics.median(service), "ms", statistics.median(floor)),
        row("PostgreSQL stamp (service) p95", pct(service, 95), "ms", pct(floor, 95)),
    ]


def _search(cafe: Cafe, url: str, n: int, rng, row, timed, pct, prefixes) -> list:
    import psycopg

    from cafe_loyalty.services import customers as mod

    queries = prefixes(rng, n)
    service = [timed(lambda q=q: cafe.customers.search(q, limit=120)) for q in queries]
    raw = psycopg.connect(url, autocommit=True)
    sql = (
        "SELECT c.id, c.first_name, c.last_name FROM customer c WHERE c.forgotten_at IS NULL AND "
        "c.search_key LIKE %s ESCAPE '\\' ORDER BY c.last_seen_at DESC NULLS LAST, c.id DESC LIMIT 120"
    )
    floor = [timed(lambda q=q: raw.execute(sql, (f"%{mod.fold(q)}%",)).fetchall()) for q in queries]
    raw.close()
    return [
        row("PostgreSQL search p50", statistics.median(service), "ms", statistics.median(floor)),
        row("PostgreSQL search p99", pct(service, 99), "ms", pct(floor, 99)),
    ]


def _heard(cafe: Cafe, url: str, n: int, rng, row, pct) -> list:
    """From till A's Stamp (its commit included) to the moment till B's listener has it."""
    heard: queue.Queue = queue.Queue()
    listener = Listener(url, lambda changes: heard.put(time.perf_counter()), own="").start()
    try:
        if not listener.listening.wait(30):
            return [row("stamp on till A -> heard on till B p95", float("nan"), "ms")]
        ids = [r[0] for r in cafe.db.execute_sql("SELECT id FROM customer LIMIT 5000").fetchall()]
        staff = cafe.staff.default().id
        waits = []
        for _ in range(n):
            card = cafe.ledger.current_card(rng.choice(ids))
            if card.redeemable:
                card = cafe.ledger.redeem(card.id, by=staff).card
                heard.get(timeout=30)
            start = time.perf_counter()
            cafe.ledger.stamp(card.id, by=staff)
            waits.append((heard.get(timeout=30) - start) * 1000)
    finally:
        listener.stop()
    return [
        row("stamp on till A -> heard on till B p50", statistics.median(waits), "ms"),
        row("stamp on till A -> heard on till B p95", pct(waits, 95), "ms"),
    ]

"""The chain simulation (issue #34): many branches on one PostgreSQL server, many tills at once.

    python bench/chain.py [--quick] [--json] [--pg-url postgresql://user@host/db]

It starts its own server (tests/pg_server.py, fsync on) unless given one, builds a chain
(branches, regulars with a year of history), then runs it: tills as separate processes stamping
at a peak-hour rate with bursts, each with a listener; one owner importing regulars meanwhile;
the owner's reports running. Then it checks every acknowledged stamp against the server, times
search at the run's size, ``db copy`` with COPY, and the owner's backup against ``pg_dump``.

Full size: 50 branches, 1,000,000 regulars, ~30 million stamps, 50 tills. ``--quick`` (CI): 10
branches, 20 tills, at least 2,000 stamps acknowledged, 100,000 regulars, the same import.
Targets: nothing lost or doubled; stamp p99 ≤ 50 ms; heard p95 ≤ 1 s; no till waits more than
500 ms behind the import; search p99 ≤ 25 ms. The exit code is 0 when the run completes (a missed
target is printed, and is the finding, not a crash); 1 when a stamp was lost or doubled.
"""

from __future__ import annotations

import argparse
import bisect
import csv
import datetime as dt
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from dataclasses import asdict, dataclass, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script: bench.* and tests.* import from the checkout
    sys.path.insert(0, str(ROOT))

from bench.datagen import FIRST, LAST  # noqa: E402


@dataclass(frozen=True)
class Shape:
    branches: int
    regulars: int
    tills: int
    stamps: int  # acknowledged stamps to reach before stopping (at least)
    redeemed_cards: float  # per regular, on average: each is 10 stamps of history
    imported: int
    searches: int


FULL = Shape(
    branches=50, regulars=1_000_000, tills=50, stamps=10_000, redeemed_cards=2.5, imported=100_000, searches=2000
)
QUICK = Shape(branches=10, regulars=100_000, tills=20, stamps=2_000, redeemed_cards=0.5, imported=100_000, searches=500)

TARGETS = {
    "stamp_p99_ms": 50.0,
    "heard_by_other_tills_p95_ms": 1000.0,
    "longest_till_stall_during_import_ms": 500.0,
    "search_p99_ms": 25.0,
}


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))]


# -- building the chain ----------------------------------------------------------------------


def build(url: str, shape: Shape, rng: random.Random) -> float:
    """The chain on the server: branches, regulars (with their codes and active cards, written
    with COPY), and their history as SQL on the server (redeemed cards with ten stamps each, a
    reward each, the active card's stamps). Returns the seconds it took."""
    import psycopg

    from cafe_loyalty.app import Cafe
    from cafe_loyalty.printing import codes
    from cafe_loyalty.services.customers import search_key

    t0 = time.perf_counter()
    cafe = Cafe.open(url)
    cafe.set_up("Roastery", "Owner", "2468")
    owner = cafe.staff.owner_id()
    cafe.settings.update(by=owner, guard_minutes=1)
    for n in range(2, shape.branches + 1):
        cafe.branches.add(f"Branch {n:02d}", by=owner)
    branch_ids = [b.id for b in cafe.branches.list()]
    cafe.close()
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    year_ago = now - dt.timedelta(days=365)
    with psycopg.connect(url) as con:
        with con.cursor().copy(
            "COPY customer (id, first_name, last_name, phone, email, usual, notes, search_key, created_at, "
            "last_seen_at, visits, first_visit_at, branch_id) FROM STDIN"
        ) as copy:
            for i in range(1, shape.regulars + 1):
                first, last = FIRST[i % len(FIRST)], LAST[(i // len(FIRST)) % len(LAST)]
                phone = f"+49151{i:08d}"
                created = year_ago + dt.timedelta(minutes=rng.randrange(60 * 24 * 60))
                code = codes.new_code()
                copy.write_row(
                    (
                        i, first, last, phone, "", "", "", search_key(first, last, phone, code, national=""),
                        created, created, 0, created, branch_ids[i % len(branch_ids)],
                    )
                )  # fmt: skip
                _codes.append((i, code, created))
        with con.cursor().copy("COPY card_code (customer_id, code, issued_at) FROM STDIN") as copy:
            for row in _codes:
                copy.write_row(row)
        _codes.clear()
        b = len(branch_ids)
        first_branch = branch_ids[0]
        # History: regular i has floor(r) or ceil(r) redeemed cards, 100 days apart, then the active one.
        whole, part = int(shape.redeemed_cards), shape.redeemed_cards - int(shape.redeemed_cards)
        steps = [
            f"""INSERT INTO card (customer_id, slots, head_start, issued_at, status, closed_at, branch_id)
                SELECT c.id, 10, 2, c.created_at + j * interval '100 days', 'redeemed',
                       c.created_at + (j * 100 + 60) * interval '1 day', {first_branch} + (c.id + j) % {b}
                FROM customer c CROSS JOIN generate_series(0, {whole}) AS j
                WHERE j < {whole} + CASE WHEN (c.id % 100) < {round(part * 100)} THEN 1 ELSE 0 END""",
            """INSERT INTO card (customer_id, slots, head_start, issued_at, status, branch_id)
                SELECT c.id, 10, 2, coalesce(max(d.closed_at), c.created_at), 'active', c.branch_id
                FROM customer c LEFT JOIN card d ON d.customer_id = c.id GROUP BY c.id""",
            """INSERT INTO stamp (card_id, at, source, forced, branch_id)
                SELECT d.id, d.issued_at, 'head_start', FALSE, d.branch_id
                FROM card d CROSS JOIN generate_series(1, 2)""",
            f"""INSERT INTO stamp (card_id, at, source, forced, branch_id)
                SELECT d.id, d.issued_at + k * interval '7 days' + (d.id % 600) * interval '1 minute', 'purchase',
                       FALSE, {first_branch} + (d.id + k) % {b}
                FROM card d CROSS JOIN generate_series(1, 8) AS k
                WHERE d.status = 'redeemed' OR k <= d.customer_id % 7""",
            f"""INSERT INTO redemption (card_id, next_card_id, at, reward, branch_id)
                SELECT d.id, NULL, d.closed_at, 'A free drink', {first_branch} + d.id % {b}
                FROM card d WHERE d.status = 'redeemed'""",
            """UPDATE customer c SET visits = s.n, last_seen_at = s.last
                FROM (SELECT d.customer_id, count(*) AS n, max(t.at) AS last
                      FROM stamp t JOIN card d ON d.id = t.card_id
                      WHERE t.source = 'purchase' GROUP BY d.customer_id) AS s
                WHERE s.customer_id = c.id""",
        ]
        for step in steps:
            con.execute(step)
        for table in ("customer", "card_code", "card", "stamp", "redemption"):
            con.execute(
                f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), coalesce(max(id), 1)) FROM \"{table}\""
            )
        con.commit()
        con.autocommit = True
        con.execute("VACUUM (ANALYZE)")
    return time.perf_counter() - t0


_codes: list[tuple[int, str, dt.datetime]] = []


# -- the processes ---------------------------------------------------------------------------


def till_worker(url: str, branch: int, seed: int, regulars: int) -> None:
    """One till: stamps random regulars at a peak-hour pace with bursts until stdin says stop,
    printing each acknowledged stamp (``ack ref card started_wall latency_ms``) and, at the end,
    what its listener heard (``heard card wall``)."""
    from cafe_loyalty.app import Cafe
    from cafe_loyalty.errors import CafeError, CardStateError, TooSoon
    from cafe_loyalty.replica.live import Listener

    rng = random.Random(seed)
    cafe = Cafe.open(url)
    cafe.branches.choose(branch)
    staff = cafe.staff.default()
    by = staff.id if staff else None
    heard: list[tuple[int, float]] = []
    listener = Listener(url, lambda changes: heard.extend((c, time.time()) for c in changes.cards)).start()
    listener.listening.wait(30)
    print("ready", flush=True)
    sys.stdin.readline()  # "go": every till has started (starting 20 Pythons is a load of its own)
    stop = threading.Event()
    threading.Thread(target=lambda: (sys.stdin.read(), stop.set()), daemon=True).start()
    refused = 0
    # The first customer comes at a moment of their own: twenty tills whose first stamps (each
    # process's coldest: its first write on a new connection) all land in the same 50 ms on two
    # cores are a herd no café has, and they were the whole of p99.
    stop.wait(rng.uniform(0, 2.0))
    while not stop.is_set():
        burst = rng.choice((1, 1, 1, 2, 3, 5))  # a queue at the counter now and then
        for _ in range(burst):
            customer = rng.randrange(1, regulars + 1)
            try:
                card = cafe.ledger.current_card(customer)  # the panel the barista has open
                if card.filled >= card.slots:
                    card = cafe.ledger.redeem(card.id, by=by).card
                ref = uuid.uuid4().hex
                wall, t0 = time.time(), time.perf_counter()
                cafe.till.stamp(card, by=by, ref=ref)
                took = (time.perf_counter() - t0) * 1000
            except (TooSoon, CardStateError):
                refused += 1  # the guard (two tills, one regular, one minute), or a card filled meanwhile
                continue
            except CafeError as exc:
                print(f"error {type(exc).__name__} {exc}", flush=True)
                continue
            print(f"ack {ref} {card.id} {wall:.6f} {took:.3f}", flush=True)
        # A burst every two seconds on average: several times a real counter's peak hour (a
        # customer every 20 to 30 s), so 20 tills on this 2-core machine are a chain at its busiest.
        stop.wait(rng.expovariate(0.5))
    listener.stop()
    for card_id, wall in heard:
        print(f"heard {card_id} {wall:.6f}")
    print(f"refused {refused}", flush=True)
    cafe.close()


def import_worker(url: str, path: str) -> None:
    from cafe_loyalty.app import Cafe

    cafe = Cafe.open(url)
    start = time.time()
    result = cafe.imports.run(path, by=cafe.staff.owner_id())
    print(json.dumps({"start": start, "end": time.time(), "added": result.added}), flush=True)
    cafe.close()


def reports_worker(url: str, branches: int) -> None:
    """The owner's reports, one after another, per branch and for the chain, until stdin closes."""
    from cafe_loyalty.app import Cafe

    cafe = Cafe.open(url)
    ids = [b.id for b in cafe.branches.list()]
    stop = threading.Event()
    threading.Thread(target=lambda: (sys.stdin.read(), stop.set()), daemon=True).start()
    times = []
    n = 0
    while not stop.is_set():
        branch = None if n % (branches + 1) == 0 else ids[n % len(ids)]
        t0 = time.perf_counter()
        cafe.reports.programme(branch=branch)
        cafe.reports.completion(branch=branch)
        times.append((time.perf_counter() - t0) * 1000)
        n += 1
        stop.wait(5)  # the owner's screen, refreshed now and then
    print(json.dumps({"reports": len(times), "report_p50_ms": statistics.median(times) if times else None}))
    cafe.close()


def _spawn(args: list[str], folder: Path) -> subprocess.Popen[str]:
    """A process of its own, with its own data and settings folders (a till's queue and copy)."""
    folder.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "XDG_DATA_HOME": str(folder), "CAFE_LOYALTY_CONFIG_DIR": str(folder)}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH", "")]))
    return subprocess.Popen(
        [sys.executable, str(Path(__file__).resolve()), *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=(folder / "stderr.txt").open("w"),
        text=True,
        env=env,
    )


# -- the run -----------------------------------------------------------------------------------


def run(shape: Shape, url: str, work: Path, rng: random.Random, say, copies: bool = True, tills: bool = True) -> dict:
    from cafe_loyalty.app import Cafe

    results: dict = {"branches": shape.branches, "tills": shape.tills, "regulars": shape.regulars}
    say(f"building the chain: {shape.branches} branches, {shape.regulars:,} regulars …")
    results["build_s"] = round(build(url, shape, rng), 1)
    cafe = Cafe.open(url)
    results["stamps_in_history"] = cafe.db.execute_sql("SELECT count(*) FROM stamp").fetchone()[0]
    branch_ids = [b.id for b in cafe.branches.list()]
    say(f"built in {results['build_s']} s: {results['stamps_in_history']:,} stamps")

    from bench.run import prefixes

    waits = []
    for prefix in prefixes(rng, shape.searches):
        t0 = time.perf_counter()
        cafe.customers.search(prefix, limit=30)
        waits.append((time.perf_counter() - t0) * 1000)
    results["search_p50_ms"], results["search_p99_ms"] = round(statistics.median(waits), 2), round(pct(waits, 99), 2)

    if not tills:  # --copies-only: the chain as built, copied and backed up
        return _copies(cafe, url, work, results, say, copies=True)

    sheet = work / "regulars-to-import.csv"
    with sheet.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["first name", "last name", "phone"])
        for i in range(shape.imported):
            writer.writerow([rng.choice(FIRST), rng.choice(LAST), f"+49160{i:08d}"])

    say(f"{shape.tills} tills stamping, one importing {shape.imported:,} regulars, the reports running …")
    tills = [
        _spawn(["--worker", "till", url, str(branch_ids[n % len(branch_ids)]), str(n), str(shape.regulars)],
               work / f"till-{n}")
        for n in range(shape.tills)
    ]  # fmt: skip
    lines: list[list[str]] = [[] for _ in tills]
    readers = []
    for n, proc in enumerate(tills):
        assert proc.stdout is not None
        reader = threading.Thread(target=lambda p=proc, n=n: lines[n].extend(p.stdout), daemon=True)
        reader.start()
        readers.append(reader)

    def acks() -> int:
        return sum(1 for out in lines for line in list(out) if line.startswith("ack "))

    deadline = time.monotonic() + 300
    while not all("ready\n" in out for out in lines) and time.monotonic() < deadline:
        time.sleep(0.2)
    for proc in tills:
        assert proc.stdin is not None
        proc.stdin.write("go\n")
        proc.stdin.flush()
    reports = _spawn(["--worker", "reports", url, str(shape.branches)], work / "reports")
    while acks() < shape.tills * 5 and time.monotonic() < deadline:
        time.sleep(0.2)
    importer = _spawn(["--worker", "import", url, str(sheet)], work / "import")
    imported_out = importer.communicate(timeout=3600)[0]
    if importer.returncode != 0:
        say((work / "import" / "stderr.txt").read_text()[-2000:])
    say(f"import finished; {acks():,} stamps acknowledged so far")
    deadline = time.monotonic() + 600
    while acks() < shape.stamps and time.monotonic() < deadline:
        time.sleep(0.2)
    for proc in [*tills, reports]:
        assert proc.stdin is not None
        proc.stdin.close()
    assert reports.stdout is not None
    report_out = reports.stdout.read()
    reports.wait(timeout=120)
    for proc in tills:
        proc.wait(timeout=120)
    for reader in readers:
        reader.join(timeout=30)

    import_times = json.loads(imported_out.strip().splitlines()[-1]) if importer.returncode == 0 else {}
    results["import_s"] = round(import_times["end"] - import_times["start"], 1) if import_times else None
    results.update(json.loads(report_out.strip().splitlines()[-1]) if report_out.strip() else {})
    acked: list[tuple[str, int, float, float, int]] = []
    heard: dict[int, dict[int, list[float]]] = {}  # till -> card -> times heard
    refused = errors = 0
    for n, out in enumerate(lines):
        for line in out:
            kind, *rest = line.split()
            if kind == "ack":
                acked.append((rest[0], int(rest[1]), float(rest[2]), float(rest[3]), n))
            elif kind == "heard":
                heard.setdefault(n, {}).setdefault(int(rest[0]), []).append(float(rest[1]))
            elif kind == "refused":
                refused += int(rest[0])
            elif kind == "error":
                errors += 1
    firsts = {}
    for a in sorted(acked, key=lambda a: a[2]):
        firsts.setdefault(a[4], a[3])
    results["first_stamp_of_a_till_p50_ms"] = round(statistics.median(firsts.values()), 2) if firsts else None
    latencies = [a[3] for a in acked]
    if os.environ.get("CHAIN_DUMP"):  # every stamp, for a closer look at the tail
        Path(os.environ["CHAIN_DUMP"]).write_text(json.dumps(acked))
    results["stamps_acknowledged"] = len(acked)
    results["stamps_refused_by_the_guard_or_a_full_card"] = refused
    results["stamp_errors"] = errors
    results["stamp_p50_ms"] = round(statistics.median(latencies), 2) if latencies else None
    results["stamp_p99_ms"] = round(pct(latencies, 99), 2)
    if import_times:
        during = [a[3] for a in acked if import_times["start"] <= a[2] <= import_times["end"]]
        results["stamps_during_import"] = len(during)
        results["longest_till_stall_during_import_ms"] = round(max(during), 1) if during else None
        outside = [a[3] for a in acked if not import_times["start"] <= a[2] <= import_times["end"]]
        results["stamp_p50_ms_without_import"] = round(statistics.median(outside), 2) if outside else None
        results["stamp_p99_ms_without_import"] = round(pct(outside, 99), 2)
    heard_ms = []
    for _ref, card, wall, _took, till in acked:
        for other, cards in heard.items():
            if other == till:
                continue
            times = sorted(cards.get(card, []))
            i = bisect.bisect_left(times, wall)
            if i < len(times):
                heard_ms.append((times[i] - wall) * 1000)  # from the tap, its commit included
    results["heard_by_other_tills_p95_ms"] = round(pct(heard_ms, 95), 1)
    refs = [a[0] for a in acked]
    found = dict(
        cafe.db.execute_sql(
            "SELECT till_ref, count(*) FROM stamp WHERE till_ref = ANY(%s) GROUP BY till_ref", (refs,)
        ).fetchall()
    )
    results["stamps_lost"] = sum(1 for r in refs if r not in found)
    results["stamps_doubled"] = sum(1 for r in refs if found.get(r, 0) > 1)

    say(json.dumps(results))  # the run's own figures, before the copies (minutes at full size)
    return _copies(cafe, url, work, results, say, copies)


def _copies(cafe, url: str, work: Path, results: dict, say, copies: bool) -> dict:
    say("db copy, backup and pg_dump …" if copies else "(no copies: --no-copies)")
    try:
        if not copies:
            raise RuntimeError("not measured in this run (--no-copies)")
        results.update(_copy_and_backup(cafe, url, work))
    except Exception as exc:  # a failure here is a finding to report, not a reason to lose the run
        results["copy_or_backup_failed"] = f"{type(exc).__name__}: {exc}"
    cafe.close()
    results["targets_missed"] = [k for k, most in TARGETS.items() if k in results and not results[k] <= most]
    if "copy_or_backup_failed" in results:
        results["targets_missed"].append("copy_or_backup_failed")
    return results


def _copy_and_backup(cafe, url: str, work: Path) -> dict:
    """``db copy`` of the chain, as a café's file, into an empty database on the same server
    (the way a café comes to a server), and the owner's backup against ``pg_dump -Fc`` of the
    same database, in the same run."""
    import psycopg

    from cafe_loyalty.store.copying import copy_cafe
    from cafe_loyalty.store.db import connect
    from tests.pg_server import _bindir

    base, _, name = url.rpartition("/")
    copy_name = f"{name}_copy"
    with psycopg.connect(f"{base}/postgres", autocommit=True) as con:
        con.execute(f'DROP DATABASE IF EXISTS "{copy_name}"')
        con.execute(f'CREATE DATABASE "{copy_name}"')
    as_file = connect(work / "chain-as-a-file.db")
    copy_cafe(cafe.db, as_file, replace=True)
    target = connect(f"{base}/{copy_name}")
    t0 = time.perf_counter()
    done = copy_cafe(as_file, target, replace=True)
    copied = time.perf_counter() - t0
    target.close()
    as_file.close()
    (work / "chain-as-a-file.db").unlink()
    with psycopg.connect(f"{base}/postgres", autocommit=True) as con:
        con.execute(f'DROP DATABASE "{copy_name}"')
    t0 = time.perf_counter()
    cafe.backups.create(work / "chain.cafebackup", by=cafe.staff.owner_id())
    backup = time.perf_counter() - t0
    t0 = time.perf_counter()  # what a restore checks first: the file loaded and checked whole
    cafe.backups.verify(work / "chain.cafebackup", by=cafe.staff.owner_id())
    verified = time.perf_counter() - t0
    dump = str(_bindir() / "pg_dump") if _bindir() else "pg_dump"
    t0 = time.perf_counter()
    subprocess.run([dump, "-Fc", "-f", str(work / "chain.dump"), url], check=True, capture_output=True)
    dumped = time.perf_counter() - t0
    return {
        "db_copy_rows": done.rows,
        "db_copy_rows_per_s": round(done.rows / copied),
        "backup_s": round(backup, 2),
        "pg_dump_s": round(dumped, 2),
        "backup_vs_pg_dump": round(backup / dumped, 2),
        "backup_verify_s": round(verified, 2),
        "backup_mb": round((work / "chain.cafebackup").stat().st_size / 1e6, 1),
        "pg_dump_mb": round((work / "chain.dump").stat().st_size / 1e6, 1),
        "backup_file": str(work / "chain.cafebackup"),
    }


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args[:1] == ["--worker"]:
        kind, rest = args[1], args[2:]
        if kind == "till":
            till_worker(rest[0], int(rest[1]), int(rest[2]), int(rest[3]))
        elif kind == "import":
            import_worker(rest[0], rest[1])
        else:
            reports_worker(rest[0], int(rest[1]))
        return 0
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="the CI's size (under 15 minutes here)")
    parser.add_argument("--json", action="store_true", help="print the results as one JSON object")
    parser.add_argument("--pg-url", help="an empty database on a server (default: start one)")
    parser.add_argument("--seed", type=int, default=34)
    parser.add_argument("--no-copies", action="store_true", help="leave out db copy, backup and pg_dump (minutes)")
    parser.add_argument("--copies-only", action="store_true", help="only build, db copy, backup, pg_dump")
    for name in ("branches", "regulars", "tills", "stamps", "imported"):
        parser.add_argument(f"--{name}", type=int, help=f"override the size's {name}")
    options = parser.parse_args(args)
    shape = QUICK if options.quick else FULL
    overrides = {k: getattr(options, k) for k in ("branches", "regulars", "tills", "stamps", "imported")}
    shape = replace(shape, **{k: v for k, v in overrides.items() if v is not None})
    rng = random.Random(options.seed)

    def say(text: str) -> None:
        print(text, file=sys.stderr if options.json else sys.stdout, flush=True)

    server = None
    url = options.pg_url
    if url is None:
        from tests.pg_server import Server

        server = Server()
        server.durable = True  # the shipped settings: fsync on
        # As the README says for a chain: three per till, five per phone page, ten for the owner.
        server.max_connections = 3 * shape.tills + 5 + 10
        server.start()
        url = server.new_database(empty=True)
    started = time.perf_counter()
    try:
        with tempfile.TemporaryDirectory(prefix="cafe-chain-") as folder:
            results = run(
                shape, url, Path(folder), rng, say, copies=not options.no_copies, tills=not options.copies_only
            )
    finally:
        if server is not None:
            server.stop()
    results["total_s"] = round(time.perf_counter() - started, 1)
    results["shape"] = asdict(shape)
    if options.json:
        print(json.dumps(results, indent=2))
    else:
        width = max(len(k) for k in results)
        for key, value in results.items():
            target = f"  (target ≤ {TARGETS[key]:g})" if key in TARGETS else ""
            print(f"{key:<{width}}  {value}{target}")
    return 1 if results.get("stamps_lost") or results.get("stamps_doubled") else 0


if __name__ == "__main__":
    sys.exit(main())

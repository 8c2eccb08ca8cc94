"""Benchmarks of the till against floors measured in the same run, on the same machine.

    python bench/run.py [--size tiny|small|issue3|medium|large] [--quick] [--json] [--results FILE]

Each row is ``name, value, unit, floor, ratio``: the floor is the least the operation could
cost here (a raw sqlite3 INSERT+COMMIT with the app's pragmas, the same SQL run bare), so the
ratio says what the app adds, whatever the disk. Nothing here asserts a time; CI runs
``--quick`` only so that the benchmark keeps working.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench.datagen import FIRST, LAST, SIZES, generate
from cafe_loyalty.app import Cafe

Row = dict[str, object]


def peak_rss_mb() -> float:
    """Peak resident memory so far (the whole benchmark: data generation, the till, backups)."""
    try:
        import resource
    except ImportError:  # Windows
        return float("nan")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1024 / (1024 if sys.platform == "darwin" else 1)


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(q / 100 * (len(values) - 1)))]


def row(name: str, value: float, unit: str, floor: float | None = None) -> Row:
    return {
        "name": name,
        "value": round(value, 4),
        "unit": unit,
        "floor": None if floor is None else round(floor, 4),
        "ratio": None if not floor else round(value / floor, 2),
    }


def timed(fn: Callable[[], object]) -> float:
    t0 = time.perf_counter()
    fn()
    return (time.perf_counter() - t0) * 1000


def raw_connection(path: Path) -> sqlite3.Connection:
    con = sqlite3.connect(path, isolation_level=None)
    for pragma in ("journal_mode = wal", "synchronous = FULL", "foreign_keys = ON", "busy_timeout = 5000"):
        con.execute(f"PRAGMA {pragma}")
    return con


def bench_stamp(cafe: Cafe, path: Path, n: int, rng: random.Random) -> list[Row]:
    """The service call a Stamp tap makes, interleaved with the raw floor to share drift."""
    raw = raw_connection(path)
    ids = [r[0] for r in raw.execute("SELECT id FROM customer").fetchall()]
    card_of = dict(raw.execute("SELECT customer_id, id FROM card WHERE status='active'").fetchall())
    service, floor = [], []
    staff = cafe.staff.default().id
    for _ in range(n):
        cid = rng.choice(ids)
        card = cafe.ledger.current_card(cid)
        if card.redeemable:
            card = cafe.ledger.redeem(card.id, by=staff).card
            card_of[cid] = card.id
        service.append(timed(lambda card=card: cafe.ledger.stamp(card.id, by=staff)))

        def insert(cid=cid) -> None:
            raw.execute("BEGIN IMMEDIATE")
            raw.execute(
                "INSERT INTO stamp (card_id, at, staff_id, source, forced) VALUES (?, datetime('now'), ?, "
                "'purchase', 0)",
                (card_of[cid], staff),
            )
            raw.execute("COMMIT")

        floor.append(timed(insert))
    raw.close()
    f50 = statistics.median(floor)
    return [
        row("stamp (service) p50", statistics.median(service), "ms", f50),
        row("stamp (service) p95", pct(service, 95), "ms", pct(floor, 95)),
    ]


def bench_ui_stamp(cafe: Cafe, n: int, rng: random.Random, floor_ms: float) -> list[Row]:
    """Click on the real Stamp button to the committed row, through the worker thread."""
    from cafe_loyalty_ui.app import make_app
    from cafe_loyalty_ui.operations import Operations
    from cafe_loyalty_ui.till.window import TillWindow
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    app = make_app()
    ops = Operations()
    window = TillWindow(cafe.till, ops, cafe.settings.all())
    window.show()
    ids = [s.id for s in cafe.customers.search("", limit=500)]

    def wait() -> None:
        # Block in Qt's event loop as the app does (the GIL is free for the worker meanwhile),
        # until the write and the reads that follow it (the panel's profile, the tile) are in.
        until_idle(app, ops)

    committed: list[float] = []
    real_stamp = cafe.ledger.stamp

    def stamp_and_note(*args, **kwargs):
        result = real_stamp(*args, **kwargs)
        committed.append(time.perf_counter())  # the service returns after COMMIT
        return result

    cafe.ledger.stamp = stamp_and_note  # type: ignore[method-assign]
    times, to_commit = [], []
    for _ in range(n):
        window.open_customer(rng.choice(ids))
        wait()
        if window.panel.card.redeemable:
            window.panel.actions.redeem()
            wait()
        app.processEvents()  # draw the opened panel first: that paint is not the stamp's cost
        t0 = time.perf_counter()
        QTest.mouseClick(window.panel.stamp_button, Qt.MouseButton.LeftButton)
        wait()
        times.append((time.perf_counter() - t0) * 1000)
        to_commit.append((committed[-1] - t0) * 1000)
    cafe.ledger.stamp = real_stamp  # type: ignore[method-assign]
    window.close()
    return [
        row("stamp (click to committed row, UI) p50", statistics.median(to_commit), "ms", floor_ms),
        row("stamp (click to panel redrawn, UI) p50", statistics.median(times), "ms"),
    ]


def bench_display(cafe: Cafe, n: int, rng: random.Random) -> list[Row]:
    """A stamp committed at the till to the customer display's card repainted (issue #14): the
    display follows the till's change notifications and reads the card on the database thread."""
    from cafe_loyalty_ui.app import make_app
    from cafe_loyalty_ui.operations import Operations
    from cafe_loyalty_ui.till.window import TillWindow
    from PySide6.QtCore import QEvent, QObject, Qt
    from PySide6.QtTest import QTest

    app = make_app()
    ops = Operations()
    window = TillWindow(cafe.till, ops, cafe.settings.all())
    window.show()
    display = window.display_link.open_display()
    painted: list[float] = []

    class Watch(QObject):
        def eventFilter(self, obj, event):
            if obj is display.card and event.type() == QEvent.Type.Paint:
                painted.append(time.perf_counter())
            return False

    watch = Watch()
    display.card.installEventFilter(watch)
    committed: list[float] = []
    real_stamp = cafe.ledger.stamp

    def stamp_and_note(*args, **kwargs):
        result = real_stamp(*args, **kwargs)
        committed.append(time.perf_counter())
        return result

    cafe.ledger.stamp = stamp_and_note  # type: ignore[method-assign]
    ids = [s.id for s in cafe.customers.search("", limit=500)]
    delays = []
    for _ in range(n):
        window.open_customer(rng.choice(ids))
        until_idle(app, ops)
        if window.panel.card.redeemable:
            window.panel.actions.redeem()
            until_idle(app, ops)
        app.processEvents()
        QTest.mouseClick(window.panel.stamp_button, Qt.MouseButton.LeftButton)
        until_idle(app, ops)
        deadline = time.perf_counter() + 5
        while not (painted and committed and painted[-1] > committed[-1]) and time.perf_counter() < deadline:
            app.processEvents()
        after = [t for t in painted if t > committed[-1]]
        if after:
            delays.append((after[0] - committed[-1]) * 1000)
    cafe.ledger.stamp = real_stamp  # type: ignore[method-assign]
    window.display_link.close_display()
    window.close()
    return [
        row("commit -> customer display repainted p50", statistics.median(delays), "ms"),
        row("commit -> customer display repainted p95", pct(delays, 95), "ms"),
    ]


def bench_page(cafe: Cafe, n: int, rate: float, seconds: float) -> list[Row]:
    """The phone page as the till runs it (a process of its own, see cafe_loyalty/page_host.py)
    under a steady load from another process, as phones would be; and the till's stamp while
    it is served, against the same paced stamps with no load, in the same run."""
    import socket
    import subprocess

    from cafe_loyalty.page.host import PhonePageHost

    owner = cafe.staff.owner_id()
    before = cafe.settings.all()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    cafe.settings.update(
        by=owner, phone_page=1, phone_page_bind="127.0.0.1", phone_page_port=port, phone_page_address="127.0.0.1"
    )
    host = PhonePageHost(cafe, rate=rate * 10)  # one loopback address stands for every phone here
    host.apply()
    staff = cafe.staff.default().id
    ids = [s.id for s in cafe.customers.search("", limit=500)]
    code = cafe.customers.get(ids[0]).card.code

    def stamp(customer_id: int) -> float:
        card = cafe.ledger.current_card(customer_id)
        if card.redeemable:
            cafe.ledger.redeem(card.id, by=staff)
            card = cafe.ledger.current_card(customer_id)
        return timed(lambda: cafe.ledger.stamp(card.id, by=staff, force=True))

    quiet = []
    for k in range(n):  # paced as under load below: a busy till, not a tight loop
        quiet.append(stamp(ids[k % len(ids)]))
        time.sleep(0.02)
    load_script = str(Path(__file__).with_name("page_load.py"))
    load = subprocess.Popen(
        [sys.executable, load_script, str(port), f"/c/{code}", str(rate), str(seconds)],
        stdout=subprocess.PIPE,
        text=True,
    )
    begun = time.perf_counter()
    loaded = []
    k = 0
    while load.poll() is None:
        took = stamp(ids[k % len(ids)])
        k += 1
        if 0.5 < time.perf_counter() - begun < seconds:  # while the load is running, not starting
            loaded.append(took)
        time.sleep(0.02)
    result = json.loads(load.stdout.read())
    host.stop()
    cafe.settings.update(by=owner, **{key: before[key] for key in (*PhonePageHost.KEYS, "card_url_template")})
    latencies = result["latencies_ms"]
    ok = sum(1 for s in result["statuses"] if s == 200)
    return [
        row(f"phone page p50 at {rate:.0f} req/s", statistics.median(latencies), "ms"),
        row(f"phone page p99 at {rate:.0f} req/s", pct(latencies, 99), "ms"),
        row("phone page requests answered 200", ok / max(1, len(latencies)) * 100, "%"),
        row("stamp p50 with the page under load", statistics.median(loaded), "ms", statistics.median(quiet)),
    ]


def bench_import(work: Path, rows: int) -> list[Row]:
    """Importing ``rows`` regulars from a CSV (issue #17), against the floor of inserting the
    rows that import writes (the regulars, their codes, cards, head-start stamps and import
    records) with a bare executemany each, in one transaction, in the same run, on a copy of
    the same empty café."""
    from cafe_loyalty.printing import codes

    rng = random.Random(5)
    source = work / "import.csv"
    with source.open("w", encoding="utf-8") as f:
        f.write("first name,last name,phone,email,birthday\n")
        for n in range(rows):
            month, day = rng.randint(1, 12), rng.randint(1, 28)
            f.write(
                f"{rng.choice(FIRST)},{rng.choice(LAST)}-{n},0912{n:07d},guest{n}@example.com,"
                f"{rng.randint(1950, 2005)}-{month:02d}-{day:02d}\n"
            )
    empty = work / "import-empty.db"
    cafe = Cafe.open(empty)
    cafe.set_up("Bench café", "Owner", "")
    cafe.settings.update(by=cafe.staff.owner_id(), phone_region="IR")
    cafe.close()
    floor_db, app_db = work / "import-floor.db", work / "import-app.db"
    shutil.copy(empty, floor_db)
    shutil.copy(empty, app_db)

    raw = raw_connection(floor_db)
    when = "2026-12-01 09:00:00"
    people = [
        (n + 1, f"First{n}", f"Last{n}", f"+98912{n:07d}", f"guest{n}@example.com", f"first{n} last{n}")
        for n in range(rows)
    ]

    def floor() -> None:
        raw.execute("BEGIN IMMEDIATE")
        raw.executemany(
            "INSERT INTO customer (id, first_name, last_name, phone, email, usual, notes, search_key, created_at) "
            "VALUES (?, ?, ?, ?, ?, '', '', ?, '2026-12-01')",
            people,
        )
        raw.executemany(
            "INSERT INTO card_code (id, code, customer_id, issued_at) VALUES (?, ?, ?, ?)",
            [(p[0], codes.new_code(), p[0], when) for p in people],
        )
        raw.executemany(
            "INSERT INTO card (id, customer_id, slots, head_start, issued_at, status) "
            "VALUES (?, ?, 10, 2, ?, 'active')",
            [(p[0], p[0], when) for p in people],
        )
        raw.executemany(
            "INSERT INTO stamp (card_id, at, source, forced) VALUES (?, ?, 'head_start', 0)",
            [(p[0], when) for p in people for _ in range(2)],
        )
        raw.execute(
            "INSERT INTO import_batch (id, at, file_name, added, updated, skipped, rejected) "
            "VALUES (1, ?, 'f', 0, 0, 0, 0)",
            (when,),
        )
        raw.executemany(
            "INSERT INTO import_row (batch_id, customer_id, kind, before) VALUES (1, ?, 'added', '{}')",
            [(p[0],) for p in people],
        )
        raw.execute("COMMIT")

    floor_s = timed(floor) / 1000
    raw.close()
    cafe = Cafe.open(app_db)
    plan_s = timed(lambda: cafe.imports.plan(source)) / 1000
    run_s = timed(lambda: cafe.imports.run(source, by=cafe.staff.owner_id())) / 1000
    added = cafe.backups.current_counts()["customer"]
    cafe.close()
    assert added == rows, added
    return [
        row(f"import {rows:,} regulars: dry run (read, check)", plan_s, "s"),
        row(f"import {rows:,} regulars (read, check, write)", run_s, "s", floor_s),
    ]


def import_in_own_process(work: Path, rows: int) -> list[Row]:
    """The import benchmark in a process of its own: its 100,000 rows in memory would otherwise
    be this process's peak, which is meant to say what the till itself needs. Its own peak is
    reported as a row."""
    import subprocess

    code = (
        "import json, sys; from pathlib import Path; sys.path.insert(0, sys.argv[1]); "
        "from bench.run import bench_import, peak_rss_mb, row; "
        "rows = bench_import(Path(sys.argv[2]), int(sys.argv[3])); "
        "rows.append(row('peak RSS of the import process', peak_rss_mb(), 'MB')); print(json.dumps(rows))"
    )
    root = str(Path(__file__).resolve().parent.parent)
    out = subprocess.run(
        [sys.executable, "-c", code, root, str(work), str(rows)], capture_output=True, text=True, check=True
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def until_idle(app, ops) -> None:
    """Run Qt's event loop until the database thread has delivered everything asked of it."""
    from PySide6.QtCore import QEventLoop

    while not ops.idle:
        app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)


def bench_cards(cafe: Cafe, n: int, rng: random.Random, work: Path) -> list[Row]:
    """One card as PNG (render + encode), and an A4 sheet of ten as PDF."""
    ids = [s.id for s in cafe.customers.search("", limit=200)]
    png = [timed(lambda cid=cid: cafe.cards.save_png(cid, work / "card.png")) for cid in rng.sample(ids, n)]
    sheets = [
        timed(lambda: cafe.cards.save_sheets(rng.sample(ids, 10), work / "sheet.pdf")) for _ in range(max(2, n // 10))
    ]
    return [
        row("card PNG p50", statistics.median(png), "ms"),
        row("A4 sheet of 10, PDF p50", statistics.median(sheets), "ms"),
    ]


def bench_scan(cafe: Cafe, n: int, rng: random.Random) -> list[Row]:
    """A scanner types a code and Enter; time from the Enter key to the panel painted."""
    from cafe_loyalty_ui.app import make_app
    from cafe_loyalty_ui.operations import Operations
    from cafe_loyalty_ui.till.window import TillWindow
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    app = make_app()
    window = TillWindow(cafe.till, Operations(), cafe.settings.all())
    window.show()
    app.processEvents()
    fake_ms = [0.0]
    window.wedge.now_ms = lambda: fake_ms[0]
    rows = cafe.db.execute_sql(
        "SELECT customer_id, code FROM card_code WHERE revoked_at IS NULL ORDER BY random() LIMIT ?", (n,)
    ).fetchall()
    times = []
    for customer_id, code in rows:
        window.search.setFocus()
        for ch in code:
            fake_ms[0] += 5
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(window.search, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))
        fake_ms[0] += 5
        app.processEvents()
        t0 = time.perf_counter()
        QApplication.sendEvent(
            window.search, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier, "\r")
        )
        until_idle(app, window.ops)  # the card's lookup and the profile, on the database thread
        window.panel.repaint()  # paint now, synchronously, as the next frame would
        times.append((time.perf_counter() - t0) * 1000)
        assert window.panel.customer is not None and window.panel.customer.id == customer_id
        fake_ms[0] += 5000
    window.close()
    return [
        row("scan to customer panel shown p50", statistics.median(times), "ms"),
        row("scan to customer panel shown p95", pct(times, 95), "ms"),
    ]


def bench_backup(cafe: Cafe, path: Path, work: Path, repeats: int) -> list[Row]:
    """Our backup file against SQLite's own ``.backup`` of the same database; our verify
    against ``PRAGMA integrity_check`` alone. Best of ``repeats`` for each, interleaved."""
    import subprocess

    cli = shutil.which("sqlite3")

    def floor_backup() -> None:
        target = work / "floor.db"
        target.unlink(missing_ok=True)
        if cli:
            subprocess.run([cli, str(path), f".backup '{target}'"], check=True)
        else:  # the same C API, through Python
            src, dst = sqlite3.connect(path), sqlite3.connect(target)
            src.backup(dst)
            src.close()
            dst.close()

    def integrity() -> None:
        con = sqlite3.connect(path)
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        con.close()

    ours, floor, verify, check = [], [], [], []
    for _ in range(repeats):
        floor.append(timed(floor_backup))
        ours.append(timed(lambda: cafe.backups.create(work / "b.cafebackup", by=cafe.staff.owner_id())))
        check.append(timed(integrity))
        verify.append(timed(lambda: cafe.backups.verify(work / "b.cafebackup", by=cafe.staff.owner_id())))
    return [
        row("database file backed up", path.stat().st_size / 1e6, "MB"),
        row(
            "backup file vs sqlite3 .backup" + ("" if cli else " (API)"),
            min(ours),
            "ms",
            min(floor),
        ),
        row("backup verify vs integrity_check", min(verify), "ms", min(check)),
    ]


def bench_knowing(cafe: Cafe, n: int, rng: random.Random, data_end: dt.datetime) -> list[Row]:
    """The customer panel with everything on it (usual, birthday, suggestion, milestones,
    feedback, card, history), painted; and the "likely now" order at the data's own last day."""
    from cafe_loyalty_ui.app import make_app
    from cafe_loyalty_ui.operations import Operations
    from cafe_loyalty_ui.till.window import TillWindow

    from cafe_loyalty.clock import FakeClock
    from cafe_loyalty.services.regulars import Regulars

    app = make_app()
    window = TillWindow(cafe.till, Operations(), cafe.settings.all())
    window.show()
    ids = [r[0] for r in cafe.db.execute_sql("SELECT id FROM customer ORDER BY random() LIMIT ?", (n,)).fetchall()]
    panel = []
    for cid in ids:
        t0 = time.perf_counter()
        window.open_customer(cid)
        until_idle(app, window.ops)
        window.panel.repaint()
        panel.append((time.perf_counter() - t0) * 1000)
    window.close()
    clock = FakeClock(data_end)
    regulars = Regulars(cafe.db, clock, cafe.audit, cafe.settings, cafe.visits)
    likely = []
    for hour in range(8, 8 + max(3, n // 10)):
        clock.current = clock.current.replace(hour=hour % 24)
        likely.append(timed(regulars.likely_now))
    return [
        row("customer panel open p50", statistics.median(panel), "ms"),
        row("customer panel open p95", pct(panel, 95), "ms"),
        row("likely-now tile order p50", statistics.median(likely), "ms"),
    ]


def bench_cold_start(path: Path, repeats: int) -> list[Row]:
    """Process start to the first frame on screen: the till on this database against a bare
    PySide6 window (the Python and Qt start-up nobody can avoid). Best of ``repeats``, after one
    unmeasured start of each that leaves the compiled bytecode behind, as ``pip install`` does for
    an installed app (with ``PYTHONDONTWRITEBYTECODE`` set, every start compiled the till's own
    source again: about 100 ms that no café pays)."""
    import subprocess

    script = str(Path(__file__).resolve().parent / "start.py")
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)

    def once(*args: str) -> float:
        t0 = time.time()
        out = subprocess.run([sys.executable, script, *args], capture_output=True, text=True, env=env, check=True)
        return (float(out.stdout.strip().splitlines()[-1]) - t0) * 1000

    once("empty")
    once("till", str(path))
    till, empty = [], []
    for _ in range(repeats):
        empty.append(once("empty"))
        till.append(once("till", str(path)))
    return [row("cold start to till shown", min(till), "ms", min(empty))]


def bench_typing(cafe: Cafe, n: int, rng: random.Random) -> list[Row]:
    """Typing into the real search field: from the key event to the tiles repainted with the
    answer (the search runs on the database thread). Start-up work on the maintenance thread
    (the day's snapshot, "likely now") is finished first: a search never waits for it."""
    from cafe_loyalty_ui.app import make_app
    from cafe_loyalty_ui.operations import Operations
    from cafe_loyalty_ui.till.window import TillWindow
    from PySide6.QtCore import QEvent, QEventLoop, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    app = make_app()
    window = TillWindow(cafe.till, Operations(), cafe.settings.all())
    window.show()
    app.processEvents()
    window.wedge.now_ms = lambda: 0.0  # typed by a person: never taken for a scanner
    until_idle(app, window.ops)
    times = []
    for word in prefixes(rng, n):
        window.search.clear()
        app.processEvents()
        for ch in word:
            t0 = time.perf_counter()
            QApplication.sendEvent(
                window.search, QKeyEvent(QEvent.Type.KeyPress, 0, Qt.KeyboardModifier.NoModifier, ch)
            )
            text = window.search.text()
            while not window.model.shows(text):  # the answer to this key, not all work idle
                app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
            window.tiles.viewport().repaint()
            times.append((time.perf_counter() - t0) * 1000)
    window.close()
    return [
        row("keystroke to tiles repainted p50", statistics.median(times), "ms"),
        row("keystroke to tiles repainted p99", pct(times, 99), "ms"),
        row("keystroke to tiles repainted max", max(times), "ms"),
    ]


def bench_reports(cafe: Cafe, repeats: int, data_end: dt.datetime) -> list[Row]:
    """The owner's report queries at the data's last day: the Programme tab and the four lists
    of the Regulars tab. Best of ``repeats``; no floor (the target is absolute: 200 ms)."""
    from cafe_loyalty.clock import FakeClock
    from cafe_loyalty.services.feedback import FeedbackService
    from cafe_loyalty.services.regulars import Regulars
    from cafe_loyalty.services.reports import Reports

    clock = FakeClock(data_end)
    reports = Reports(cafe.db, clock, cafe.settings)
    regulars = Regulars(cafe.db, clock, cafe.audit, cafe.settings, cafe.visits)
    feedback = FeedbackService(cafe.db, clock, cafe.audit, cafe.here)
    queries = {
        "report: programme (12 weeks)": lambda: reports.programme(12),
        "report: card completion (18 months of cards)": reports.completion,
        "report: regulars to win back": regulars.lapsed,
        "report: birthdays in 2 weeks": lambda: regulars.upcoming_birthdays(14),
        "report: who brings friends": regulars.referrals,
        "report: feedback to follow up": feedback.follow_ups,
    }
    return [row(name, min(timed(fn) for _ in range(repeats)), "ms") for name, fn in queries.items()]


def bench_storage(cafe: Cafe, path: Path) -> list[Row]:
    """Bytes on disk per million stamps: the whole file, and the stamp table with its index."""
    cafe.db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    stamps = cafe.db.execute_sql("SELECT count(*) FROM stamp").fetchone()[0]
    rows = [row("database file per 1M stamps", path.stat().st_size / stamps * 1e6 / 1e6, "MB")]
    try:
        stamp_bytes = cafe.db.execute_sql(
            "SELECT sum(pgsize) FROM dbstat WHERE name IN ('stamp', 'stamp_card_id_voided_at')"
        ).fetchone()[0]
    except Exception:  # SQLite built without the dbstat table
        return rows
    return [*rows, row("stamp table + index per 1M stamps", stamp_bytes / stamps * 1e6 / 1e6, "MB")]


def prefixes(rng: random.Random, count: int) -> list[str]:
    out = []
    for _ in range(count):
        kind = rng.random()
        if kind < 0.6:
            word = rng.choice(FIRST)
        elif kind < 0.9:
            word = rng.choice(LAST)
        else:
            word = "09" + "".join(rng.choice("0123456789") for _ in range(4))
        out.append(word[: rng.randint(1, max(1, len(word)))])
    return out


def bench_search(cafe: Cafe, path: Path, n: int, rng: random.Random) -> list[Row]:
    """Search as you type: one query per keystroke-prefix, as the tile model runs it."""
    from cafe_loyalty.services import customers as mod

    queries = prefixes(rng, n)
    service = [timed(lambda q=q: cafe.customers.search(q, limit=120)) for q in queries]
    raw = raw_connection(path)
    floor = []
    for q in queries:
        token = mod.fold(q)
        sql = (
            "SELECT c.id, c.first_name, c.last_name FROM customer c WHERE c.forgotten_at IS NULL AND "
            "c.search_key LIKE ? ESCAPE '\\' ORDER BY c.last_seen_at DESC, c.id DESC LIMIT 120"
        )
        floor.append(timed(lambda token=token, sql=sql: raw.execute(sql, (f"%{token}%",)).fetchall()))
    raw.close()
    return [
        row("search p50", statistics.median(service), "ms", statistics.median(floor)),
        row("search p95", pct(service, 95), "ms", pct(floor, 95)),
        row("search p99", pct(service, 99), "ms", pct(floor, 99)),
    ]


# Targets from issue #7 (at the large size), shown beside the measurements in RESULTS.md.
TARGETS = {
    "stamp (service) p50": "≤ 1.5× floor",
    "search p99": "≤ 16 ms",
    "keystroke to tiles repainted max": "≤ 50 ms",
    "cold start to till shown": "≤ 1.5× floor, < 1000 ms",
    "customer panel open p95": "≤ 30 ms",
    "peak RSS of this process": "≤ 250 MB",
    "report: programme (12 weeks)": "≤ 200 ms",
    "report: regulars to win back": "≤ 200 ms",
    "report: birthdays in 2 weeks": "≤ 200 ms",
    "report: who brings friends": "≤ 200 ms",
    "report: feedback to follow up": "≤ 200 ms",
    "backup file vs sqlite3 .backup": "≤ 1.5× floor (issue #16)",
    "backup verify vs integrity_check": "≤ 1.5× floor (issue #5)",
}
ANALYSIS_MARK = "<!-- everything below this line is kept when the script rewrites the file -->"


def machine_notes() -> list[str]:
    import platform

    import peewee
    import PySide6

    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        mem = next(
            f"{int(line.split()[1]) / 1024 / 1024:.0f} GiB"
            for line in Path("/proc/meminfo").read_text().splitlines()
            if line.startswith("MemTotal")
        )
    except (OSError, StopIteration):
        mem = "?"
    return [
        f"- machine: {cpu}, {os.cpu_count()} logical CPUs, {mem} RAM, {platform.system()} {platform.release()}",
        f"- Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}, PySide6 {PySide6.__version__}, "
        f"peewee {peewee.__version__}",
        f"- Qt platform: {os.environ.get('QT_QPA_PLATFORM', 'default')}; database on the working directory's disk",
    ]


def profile_stamp(cafe: Cafe, n: int) -> list[str]:
    """Where a stamp's time goes: cProfile over ``n`` service calls, the top functions by own time."""
    import cProfile
    import io
    import pstats

    staff = cafe.staff.default().id
    ids = [r[0] for r in cafe.db.execute_sql("SELECT id FROM customer ORDER BY random() LIMIT ?", (n,)).fetchall()]
    cards = [cafe.ledger.current_card(cid) for cid in ids]
    cards = [c for c in cards if not c.redeemable]
    profiler = cProfile.Profile()
    profiler.enable()
    for card in cards:
        cafe.ledger.stamp(card.id, by=staff, force=True)
    profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(8)
    root = str(Path(__file__).resolve().parent.parent) + os.sep
    lines = [ln.rstrip().replace(root, "") for ln in out.getvalue().splitlines() if ln.strip()]
    start = next(i for i, ln in enumerate(lines) if ln.lstrip().startswith("ncalls"))
    return [f"{len(cards)} stamps, cProfile, top functions by own time:", "", "```", *lines[start:], "```"]


def write_results(path: Path, size_line: str, rows: list[Row], profile: list[str]) -> None:
    kept = ""
    if path.exists() and ANALYSIS_MARK in path.read_text(encoding="utf-8"):
        kept = path.read_text(encoding="utf-8").split(ANALYSIS_MARK, 1)[1]
    table = ["| measurement | value | floor | ratio | target |", "|---|---:|---:|---:|---|"]
    for r in rows:
        floor = "" if r["floor"] is None else f"{r['floor']:.3f} {r['unit']}"
        ratio = "" if r["ratio"] is None else f"{r['ratio']:.2f}×"
        table.append(
            f"| {r['name']} | {r['value']:.3f} {r['unit']} | {floor} | {ratio} | {TARGETS.get(r['name'], '')} |"
        )
    text = "\n".join(
        [
            "# Benchmark results",
            "",
            f"Written by `python bench/run.py --size {size_line.split(':')[0].split()[-1]} --results bench/RESULTS.md` "
            f"on {dt.date.today().isoformat()}. Floors are measured in the same run on the same machine; "
            "a ratio is value / floor.",
            "",
            *machine_notes(),
            "",
            f"**{size_line}**",
            "",
            *table,
            "",
            "## Where a stamp's time goes",
            "",
            *profile,
            "",
            ANALYSIS_MARK,
        ]
    )
    path.write_text(text + (kept or "\n"), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", choices=sorted(SIZES), default="issue3")
    parser.add_argument("--quick", action="store_true", help="few iterations: checks the benchmark runs")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--dir", help="where to build the database (default: a temporary folder on disk)")
    parser.add_argument("--results", metavar="FILE", help="also write the table as Markdown (bench/RESULTS.md)")
    parser.add_argument(
        "--engine",
        choices=("sqlite", "postgresql"),
        default="sqlite",
        help="postgresql: the several-tills rows (bench/postgresql.py) instead",
    )
    parser.add_argument("--pg-url", help="a PostgreSQL database to use (default: a server started for the run)")
    args = parser.parse_args(argv)
    size = SIZES[args.size]
    rng = random.Random(11)
    work = Path(args.dir or tempfile.mkdtemp(prefix="cafe-bench-", dir=Path.cwd()))
    work.mkdir(parents=True, exist_ok=True)
    if args.engine == "postgresql":
        from bench import postgresql

        try:
            rows = postgresql.run(size, work, args.pg_url, args.quick, rng, row, timed, pct, prefixes)
        finally:
            if not args.dir:
                shutil.rmtree(work, ignore_errors=True)
        print_table(f"size {size.name} on PostgreSQL{'  (quick)' if args.quick else ''}", rows)
        return 0
    path = work / f"bench-{size.name}.db"
    t0 = time.perf_counter()
    counts = generate(path, size)
    gen_s = time.perf_counter() - t0
    cafe = Cafe.open(path)
    # "Now" for the reports and "likely now": the generated history's last day (the benchmark's
    # own stamps are made today, after a gap, and would leave the time windows empty).
    data_end = dt.datetime.fromisoformat(cafe.db.execute_sql("SELECT max(at) FROM stamp").fetchone()[0])
    n_stamp, n_search, n_ui = (20, 100, 10) if args.quick else (300, 1000, 100)
    rows = [row("generate data", gen_s, "s")]
    stamp_rows = bench_stamp(cafe, path, n_stamp, rng)
    rows += stamp_rows
    rows += bench_ui_stamp(cafe, n_ui, rng, stamp_rows[0]["floor"])
    rows += bench_display(cafe, n_ui, rng)
    rows += bench_page(cafe, n_ui * 3, 200.0, 2.0 if args.quick else 10.0)
    rows += bench_search(cafe, path, n_search, rng)
    rows += bench_cards(cafe, 5 if args.quick else 30, rng, work)
    rows += bench_scan(cafe, 10 if args.quick else 100, rng)
    rows += bench_knowing(cafe, 10 if args.quick else 100, rng, data_end)
    rows += bench_typing(cafe, 10 if args.quick else 100, rng)
    rows += bench_reports(cafe, 1 if args.quick else 3, data_end)
    rows += bench_backup(cafe, path, work, 1 if args.quick else 3)
    rows += bench_storage(cafe, path)
    rows += import_in_own_process(work, 2_000 if args.quick else 100_000)
    rows += bench_cold_start(path, 1 if args.quick else 5)
    rows.append(row("peak RSS of this process", peak_rss_mb(), "MB"))
    profile = profile_stamp(cafe, 50 if args.quick else 300) if args.results else []
    cafe.close()
    if not args.dir:
        shutil.rmtree(work, ignore_errors=True)
    size_line = (
        f"size {size.name}: {counts['customers']:,} regulars, {counts['stamps']:,} stamps, "
        f"{counts['visits']:,} itemised visits, {counts['cards']:,} cards{'  (quick)' if args.quick else ''}"
    )
    if args.results:
        write_results(Path(args.results), size_line, rows, profile)
    if args.json:
        print(json.dumps(rows, indent=2))
    else:
        print_table(size_line, rows)
    return 0


def print_table(title: str, rows: list[Row]) -> None:
    width = max(40, *(len(str(r["name"])) for r in rows))
    print(title)
    print(f"{'name':<{width}} {'value':>10} {'unit':<4} {'floor':>10} {'ratio':>7}")
    for r in rows:
        floor = "" if r["floor"] is None else f"{r['floor']:.3f}"
        ratio = "" if r["ratio"] is None else f"{r['ratio']:.2f}x"
        print(f"{r['name']:<{width}} {r['value']:>10.3f} {r['unit']:<4} {floor:>10} {ratio:>7}")


if __name__ == "__main__":
    sys.exit(main())

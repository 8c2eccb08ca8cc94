"""A till of several when the server cannot be reached (issue #18): stamps go into the till's
own queue and are sent exactly once when the server is back; the server checks them again and
the owner decides on those it refuses; the regulars are found, opened and scanned from the
till's copy; other writes are refused plainly; a killed till keeps its queue.

The server is really stopped (``pg_ctl stop -m immediate``) and started again."""

from __future__ import annotations

import dataclasses
import json
import queue
import random
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from cafe_loyalty import changes
from cafe_loyalty.app import Cafe, local_folder_for
from cafe_loyalty.changes import Changes
from cafe_loyalty.errors import CardStateError, PermissionDenied, ServerUnreachable, StorageError, TooSoon
from cafe_loyalty.printing import codes
from cafe_loyalty.replica.till import ReplicaTill
from cafe_loyalty.replica.till_file import REFUSED, TILL_FILE
from cafe_loyalty.store.models import Event, Stamp

from .conftest import rows_of


@pytest.fixture
def till(pg_url, clock):
    """A till on the server with two regulars and a copy of them; the server running."""
    cafe = Cafe.open(pg_url, clock=clock)
    cafe.set_up("Café Shirin", "Maryam", "2468")
    cafe.sara = cafe.customers.add("Sara", last_name="Ahmadi", allergies="walnuts", usual="latte")
    cafe.reza = cafe.customers.add("رضا", phone="0912 345 6789")
    cafe.till.refresh()
    yield cafe
    cafe.close()


@pytest.fixture
def away(pg_server):
    """Stops the server for the test (``away()``), and starts it again whatever happens."""
    yield pg_server.pause
    pg_server.resume()


def back(cafe: Cafe, pg_server) -> None:
    pg_server.resume()
    cafe.till.back()


def counter(cafe: Cafe) -> ReplicaTill:
    assert isinstance(cafe.till, ReplicaTill)
    return cafe.till


def server_stamps(cafe: Cafe, customer_id: int) -> list[tuple]:
    return cafe.db.execute_sql(
        "SELECT s.till_ref, s.at, s.forced FROM stamp s JOIN card c ON c.id = s.card_id "
        "WHERE c.customer_id = ? AND s.source = 'purchase' ORDER BY s.id",
        (customer_id,),
    ).fetchall()


def test_stamps_made_while_the_server_is_away_are_kept_and_sent_once(till, away, pg_server, clock):
    sara, reza = till.sara, till.reza
    c = counter(till)
    away()
    view = c.stamp(sara.card, by=None)
    assert view.filled == 3 and c.offline and c.waiting() == 1
    clock.advance(minutes=1)
    assert c.stamp(reza.card, by=None).filled == 3
    # What the barista sees meanwhile comes from the till's copy, with the waiting stamps.
    assert [(r.first_name, r.filled) for r in c.search("sar")] == [("Sara", 3)]
    assert [r.first_name for r in c.search("۰۹۱۲")] == ["رضا"]  # Persian digits, as on the server
    profile = c.panel(sara.id)
    assert profile.offline and profile.customer.allergies == "walnuts" and profile.card.filled == 3
    assert c.of_card(sara.card.code.lower()).customer.id == sara.id  # a scan
    for forged in ("K7QM-4T2X-9RBD-CW3F", "<script>alert(1)</script>", "\u202eسلام", ""):
        with pytest.raises(ServerUnreachable, match="not in this till's copy"):
            c.of_card(forged)  # refused plainly, offline too
    assert [s.name for s in c.staff()] and c.settings()["cafe_name"] == "Café Shirin"
    with pytest.raises(ServerUnreachable, match="cannot be reached"):
        till.customers.add("Nima")  # any other write: said plainly, nothing kept

    back(till, pg_server)
    sent = c.send_waiting()
    assert (sent.sent, sent.already, sent.refused, sent.waiting) == (2, 0, 0, 0), [r.reason for r in c.refused()]
    assert c.send_waiting().sent == 0  # nothing is sent twice
    for customer in (sara, reza):
        (row,) = server_stamps(till, customer.id)
        assert row[0] and not row[2]  # the till's id, not forced
    assert till.ledger.current_card(sara.id).filled == 3
    assert [r.first_name for r in till.customers.search("")] == ["رضا", "Sara"]  # seen when stamped
    assert till.customers.search("nima") == []


def test_the_till_checks_the_guard_and_the_full_card_against_its_copy(till, away, clock):
    c = counter(till)
    away()
    c.stamp(till.sara.card, by=None)
    with pytest.raises(TooSoon):
        c.stamp(till.sara.card, by=None)  # a double tap, offline too
    for _ in range(7):
        clock.advance(minutes=10)
        c.stamp(till.sara.card, by=None, force=False)
    assert c.waiting() == 8
    clock.advance(minutes=10)
    with pytest.raises(CardStateError, match="Redeeming needs the server"):
        c.stamp(till.sara.card, by=None)
    assert c.waiting() == 8
    nima = dataclasses.replace(till.sara.card, id=999, customer_id=999)
    with pytest.raises(StorageError, match="not in this till's copy"):
        c.stamp(nima, by=None)
    assert c.waiting() == 8


def test_every_other_counter_call_is_refused_at_once_while_the_server_is_away(till, away, monkeypatch):
    """#33: redeem, undo, a visit, the check-back after a stamp, a slip, the customer display's
    card... each used to wait on the dead connection on the till's one database thread. Now
    the till knows the server is away and refuses them before touching the connection."""
    c = counter(till)
    away()
    c.stamp(till.sara.card, by=None)  # finds the server away (and queues the stamp)
    assert c.offline
    touched = []
    monkeypatch.setattr(till.db, "execute_sql", lambda *a, **k: touched.append(a) or pytest.fail("touched"))
    calls = {
        "redeem": lambda: c.redeem(till.sara.card.id, by=None),
        "undo": lambda: c.undo(till.sara.id, "mistake", by=None),
        "record_visit": lambda: c.record_visit(till.sara.id, []),
        "checkback_for": lambda: c.checkback_for(till.sara.id),
        "card_of": lambda: c.card_of(till.sara.id),
        "slip_png": lambda: c.slip_png(till.sara.id),
        "add_customer": lambda: c.add_customer("Nima"),
    }
    for name, call in calls.items():
        with pytest.raises(ServerUnreachable, match="keeps only stamps"):
            call()
        assert touched == [], name


def test_the_copy_follows_each_change_once(till, monkeypatch):
    """#33: a stamp refreshes its regular in the copy with the answer; the echo of that same
    change (the till's own, forwarded by its screens) is not read from the server again, while
    a later change to them is."""
    c = counter(till)
    read_again = []
    real = c._refresh_one
    monkeypatch.setattr(c, "_refresh_one", lambda customer_id: (read_again.append(customer_id), real(customer_id)))
    with changes.recording() as log:
        c.stamp(till.sara.card, by=None)
    assert read_again == [till.sara.id]  # with the stamp's answer
    c.follow(log.freeze())
    assert read_again == [till.sara.id]  # the echo: not again
    c.follow(Changes(customers=frozenset({till.sara.id, till.reza.id})))
    assert sorted(read_again) == sorted([till.sara.id, till.sara.id, till.reza.id])
    assert c.file.regular(till.sara.id).filled == 3


def test_the_queue_is_sent_even_when_the_server_ended_the_tills_connection_meanwhile(till, away, pg_server, pg_url):
    """The server may end a till's connection while it is away (here: ended by the server
    outright); that shows only at the next statement, which must not be the first stamp sent,
    or the queue waits for the next return of the server."""
    c = counter(till)
    away()
    c.stamp(till.sara.card, by=None)
    assert c.waiting() == 1
    pg_server.resume()
    assert till.customers.search("sara")  # the till connects again (its old connection died)...
    admin = Cafe.open(pg_url)
    try:  # ... and the server ends that connection before the till's listener hears it is back
        admin.db.execute_sql(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() "
            "AND pid <> pg_backend_pid()"
        )
    finally:
        admin.close()
    sent = c.catch_up()
    assert (sent.sent, sent.waiting) == (1, 0)
    assert len(server_stamps(till, till.sara.id)) == 1


def test_the_copy_finds_exactly_whom_the_server_finds(till):
    """#33: one matching rule (rules/search.py) for the server and the till's copy; the copy
    once matched with instr() while the server used LIKE."""
    for name, extra in (
        ("100% Ali", {}),
        ("a_b", {}),
        ("Zoë", {"last_name": "Ng"}),
        ("مریم", {"phone": "0912 111 2233"}),
    ):
        till.customers.add(name, **extra)
    c = counter(till)
    c.refresh()
    queries = [
        "",
        "sara",
        "SARA",
        "رض",
        "ريض",
        "%",
        "_",
        "100%",
        "a_b",
        "zoe",
        "۰۹۱۲",
        "0912 111",
        "ahmadi sara",
        "x y z",
    ]
    for query in queries:
        server = sorted(s.id for s in till.customers.search(query))
        copy = sorted(r.id for r in c.file.search(query, 100, 0, None))
        assert copy == server, query


def answer_lost(till, monkeypatch) -> None:
    """From now on the server commits each stamp, and its answer never reaches the till."""
    real = till.ledger.stamp

    def committed_but_unanswered(*args, **kwargs):
        real(*args, **kwargs)
        raise ServerUnreachable("lost on the way back")

    monkeypatch.setattr(till.ledger, "stamp", committed_but_unanswered)


def test_a_stamp_whose_answer_was_lost_is_looked_up_and_said_as_stamped(till, monkeypatch):
    """The server committed but the till never heard back (#30): the till asks the server for
    the stamp's id on a new connection, finds it, and says it was stamped; nothing is queued."""
    c = counter(till)
    answer_lost(till, monkeypatch)
    assert c.stamp(till.sara.card, by=None).filled == 3
    assert c.waiting() == 0 and not c.offline
    assert len(server_stamps(till, till.sara.id)) == 1


def test_a_lost_answer_that_nobody_can_confirm_waits_and_is_found_when_sent(till, monkeypatch):
    """The answer was lost and the server cannot be asked either: the stamp waits under the same
    id, unjudged by the copy (the server may have it), and sending it finds it there."""
    c = counter(till)
    answer_lost(till, monkeypatch)
    monkeypatch.setattr(c, "_landed", lambda ref, customer_id: None)  # the lookup cannot reach it either
    assert c.stamp(till.sara.card, by=None).filled == 3  # kept in the queue
    assert c.waiting() == 1
    monkeypatch.undo()
    c.back()
    sent = c.send_waiting()
    assert (sent.sent, sent.already) == (0, 1)
    assert len(server_stamps(till, till.sara.id)) == 1


def test_a_stamp_answered_just_before_the_server_went_away_is_counted_by_the_copy(
    till, away, pg_server, monkeypatch, clock
):
    """The server kept a stamp and answered, then stopped before the till could read Sara again
    (CI found it: the copy lagged one stamp behind, so the till, stamping on offline, queued one
    stamp more than her card holds and the server refused it). The copy counts the answer: the
    till fills her card offline exactly, and every queued stamp is kept on the server."""
    c = counter(till)
    real = till.ledger.stamp

    def answered_then_gone(*args, **kwargs):
        view = real(*args, **kwargs)
        away()  # after the commit and its answer, before the till reads her again
        return view

    monkeypatch.setattr(till.ledger, "stamp", answered_then_gone)
    assert c.stamp(till.sara.card, by=None).filled == 3
    monkeypatch.undo()
    assert c.offline  # the failed read said so: the next tap does not wait on the server
    assert c.panel(till.sara.id).card.filled == 3
    for _ in range(7):
        clock.advance(minutes=10)
        c.stamp(till.sara.card, by=None)
    clock.advance(minutes=10)
    with pytest.raises(CardStateError, match="Redeeming needs the server"):
        c.stamp(till.sara.card, by=None)  # full: the copy knows
    back(till, pg_server)
    sent = c.send_waiting()
    assert (sent.sent, sent.refused, sent.waiting) == (7, 0, 0), [r.reason for r in c.refused()]
    assert till.ledger.current_card(till.sara.id).filled == 10


def test_the_server_checks_again_and_the_owner_decides_on_what_it_refuses(till, away, pg_server, pg_url, clock):
    """Another till stamped Sara and Reza just before this one lost the server, so this till's
    copy did not know: the server refuses the two queued stamps (the double-tap guard); they wait
    for the owner, who adds one after all and drops the other, both audited."""
    other = Cafe.open(pg_url, clock=clock)
    try:
        other.ledger.stamp(till.sara.card.id, by=None)
        other.ledger.stamp(till.reza.card.id, by=None)
    finally:
        other.close()
    c = counter(till)
    away()
    clock.advance(minutes=1)
    c.stamp(till.sara.card, by=None)
    c.stamp(till.reza.card, by=None)
    back(till, pg_server)
    assert c.send_waiting().refused == 2
    refused = c.refused()
    assert [r.customer_id for r in refused] == [till.sara.id, till.reza.id]
    assert refused[0].state == REFUSED and "already stamped" in refused[0].refusal().message
    barista = next(s.id for s in till.staff.list() if s.role == "barista")
    owner = till.staff.owner_id()
    before = rows_of(till)
    with pytest.raises(PermissionDenied):
        c.keep(refused[0].ref, by=barista)
    assert rows_of(till) == before
    assert c.keep(refused[0].ref, by=owner).filled == 4
    c.drop(refused[1].ref, by=owner)
    assert c.refused() == [] and c.waiting() == 0
    kept = server_stamps(till, till.sara.id)[-1]
    assert kept[0] == refused[0].ref and kept[2]  # added, marked forced
    assert len(server_stamps(till, till.reza.id)) == 1  # the other till's only
    actions = [(e.action, json.loads(e.detail)["ref"]) for e in Event.select().where(Event.action.startswith("stamp."))]
    assert actions == [("stamp.kept", refused[0].ref), ("stamp.dropped", refused[1].ref)]
    with pytest.raises(CardStateError, match="already decided"):
        c.drop(refused[1].ref, by=owner)


def test_a_till_with_a_copy_starts_without_the_server_and_catches_up(till, away, pg_server, pg_url, clock):
    sara = till.sara
    till.close()
    away()
    with pytest.raises(ServerUnreachable):
        Cafe.open(pg_url, clock=clock)  # without leave to start on its copy
    offline = Cafe.open(pg_url, clock=clock, offline_ok=True)
    try:
        c = counter(offline)
        assert c.offline and c.panel(sara.id).offline
        c.stamp(c.panel(sara.id).card, by=None)
        pg_server.resume()
        offline.reconnect()
        c.back()
        assert c.send_waiting().sent == 1
        assert len(server_stamps(offline, sara.id)) == 1
        assert Stamp.select().where(Stamp.till_ref.is_null(False)).count() == 1
    finally:
        offline.close()


def test_a_till_never_connected_cannot_start_without_the_server(pg_url, away):
    away()
    with pytest.raises(ServerUnreachable):
        Cafe.open(pg_url, offline_ok=True)
    assert not (local_folder_for(pg_url) / TILL_FILE).exists()


def test_forgetting_a_regular_takes_them_out_of_the_copy(till, pg_url):
    """Forgotten on another till: this till's copy drops them when it hears of it (and a full
    refresh would too), leaving no trace of their name or card in its file."""
    c = counter(till)
    reza = till.reza
    other = Cafe.open(pg_url)
    try:
        other.privacy.forget(reza.id, by=other.staff.owner_id())
    finally:
        other.close()
    assert c.file.regular(reza.id) is not None  # not heard yet
    assert c.file.owner_of(codes.canonical(reza.card.code)) == reza.id
    c.refresh_some([reza.id])  # what the till does on the notice
    assert c.file.regular(reza.id) is None and c.file.size() == 1
    assert c.file.owner_of(codes.canonical(reza.card.code)) is None
    on_disk = b"".join(p.read_bytes() for p in c.file.path.parent.glob(TILL_FILE + "*"))
    assert "رضا".encode() not in on_disk and b"0912" not in on_disk
    c.refresh()
    assert c.file.size() == 1


def test_on_a_single_file_the_counter_is_the_services(tmp_path, clock):
    cafe = Cafe.open(tmp_path / "cafe.db", clock=clock)
    try:
        cafe.set_up("Café Shirin")
        sara = cafe.customers.add("Sara")
        assert cafe.till.stamp(sara.card, by=None).filled == 3
        assert cafe.till.search("sara")[0].filled == 3 and not cafe.till.offline
        assert cafe.till.waiting() == 0 and cafe.till.refused() == []
        assert not list(tmp_path.rglob(TILL_FILE))
    finally:
        cafe.close()


# -- the till killed while the server is away ----------------------------------------------------


class Worker:
    """A till process (tests/offline_worker.py) whose output lines are read on a thread."""

    def __init__(self, url: str, customers: list[int]):
        root = Path(__file__).resolve().parent.parent
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.offline_worker", url, ",".join(map(str, customers))],
            cwd=root,
            stdout=subprocess.PIPE,
            text=True,
        )
        self.lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put(line.split())
        self.lines.put(["end"])

    def until_acks(self, count: int, tried: set[str], acked: set[str]) -> None:
        seen = 0
        while seen < count:
            words = self.lines.get(timeout=60)
            assert words[0] != "end", "the till stopped by itself"
            seen += self._note(words, tried, acked)

    @staticmethod
    def _note(words: list[str], tried: set[str], acked: set[str]) -> int:
        if words[0] == "try":
            tried.add(words[1])
        elif words[0] == "ack":
            acked.add(words[1])
            return 1
        return 0

    def kill(self, tried: set[str], acked: set[str]) -> None:
        """Kill it, then note what it said before it died (it ran on after the last line read)."""
        self.process.kill()
        self.process.wait()
        while (words := self.lines.get(timeout=60))[0] != "end":
            self._note(words, tried, acked)


def test_every_acknowledged_stamp_reaches_the_server_once_through_a_stopped_server_and_killed_tills(
    pg_server, pg_url, away
):
    """Stop the server in the middle of a stamping loop, kill the till at random moments while
    it is away (and start it again, on its copy), start the server again: every stamp the till
    acknowledged is on the server exactly once, and nothing it did not try is."""
    seed = random.randrange(1_000_000)
    rnd = random.Random(seed)
    setup = Cafe.open(pg_url)
    setup.set_up("Café Shirin")
    setup.settings.update(by=setup.staff.owner_id(), guard_minutes=0)
    customers = [setup.customers.add(f"Regular {n}").id for n in range(40)]
    setup.close()
    tried: set[str] = set()
    acked: set[str] = set()
    worker = Worker(pg_url, customers)
    try:
        worker.until_acks(15, tried, acked)
        away()  # in the middle of the loop
        worker.until_acks(10, tried, acked)
        for _ in range(3):
            worker.until_acks(rnd.randint(1, 8), tried, acked)
            worker.kill(tried, acked)  # most likely in the middle of the next stamp
            worker = Worker(pg_url, customers)  # starts on its copy: the server is still away
            worker.until_acks(5, tried, acked)
    finally:
        worker.kill(tried, acked)
    pg_server.resume()
    drained = subprocess.run(
        [sys.executable, "-m", "tests.offline_worker", pg_url, "0", "--drain"],
        cwd=Path(__file__).resolve().parent.parent,
        capture_output=True,
        text=True,
        check=True,
    )
    result = json.loads(drained.stdout)
    assert result["waiting"] == 0 and result["refused_total"] == 0, (seed, result)
    check = Cafe.open(pg_url)
    try:
        on_server = dict(
            check.db.execute_sql("SELECT till_ref, count(*) FROM stamp WHERE till_ref IS NOT NULL GROUP BY till_ref")
        )
    finally:
        check.close()
    assert acked <= set(on_server), (seed, len(acked - set(on_server)))
    assert set(on_server) <= tried, seed
    assert set(on_server.values()) == {1}
    assert len(acked) >= 15 + 10 + 3 * 5


# -- the till's screens ----------------------------------------------------------------------------


def test_the_till_keeps_stamping_while_the_server_is_away_and_says_so(qtbot, till, away, pg_server, pg_url):
    """Two tills' worth in one: the till on screen loses its server in the middle of service,
    stamps into its queue (the strip over the tiles says since when and how many wait), and
    sends them when the server is back; a stamp the server refuses waits on the till until the
    owner, with the PIN, drops it."""
    from cafe_loyalty_ui.app import Session, make_app
    from PySide6.QtCore import Qt

    sara, reza = till.sara, till.reza
    till.close()
    session = Session(make_app(), pg_url)
    try:
        assert session.start()
        window = session.window
        link = session.link
        qtbot.waitUntil(lambda: link._listener.listening.is_set(), timeout=30_000)
        qtbot.waitUntil(lambda: window.ops.idle)
        window.open_customer(sara.id)
        qtbot.waitUntil(lambda: window.panel.customer is not None and window.ops.idle)
        # A new regular on another till (a process of its own) reaches this till's copy.
        other = subprocess.run(
            [sys.executable, "-m", "cafe_loyalty", "--db", pg_url, "--json", "customer", "add", "Nima"],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert other.returncode == 0, other.stderr
        nima = json.loads(other.stdout)["id"]
        qtbot.waitUntil(lambda: counter(session.cafe).file.regular(nima) is not None, timeout=30_000)

        away()
        qtbot.waitUntil(lambda: window.offline_strip.isVisible(), timeout=30_000)
        assert "cannot be reached" in window.offline_strip.text()
        qtbot.mouseClick(window.panel.stamp_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: window.ops.idle)
        assert "sent when the server is back" in window.panel.banner.text()
        assert window.panel.progress.text() == "3 of 10"
        qtbot.waitUntil(lambda: window.panel.offline_note.isVisible())  # reloaded from the copy
        # The lists the stamp refreshes could not reach the server: said once, in the strip.
        assert not window.banner.isVisible() or "nothing was saved" not in window.banner.text()
        window.search.setText("nim")  # found in the copy
        qtbot.waitUntil(lambda: window.model.rowCount() == 1 and window.ops.idle)
        nima_code = json.loads(other.stdout)["card"]["code"]
        assert counter(session.cafe).of_card(nima_code).customer.id == nima  # and their card scans
        window.search.setText("رض")
        qtbot.waitUntil(lambda: window.model.rowCount() == 1 and window.ops.idle)
        window.open_customer(reza.id)
        qtbot.waitUntil(lambda: window.panel.customer is not None and window.panel.customer.id == reza.id)
        qtbot.mouseClick(window.panel.stamp_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: window.ops.idle)
        session._say_offline()
        qtbot.waitUntil(lambda: "2 waiting" in window.offline_strip.text())

        # Meanwhile another till stamped Reza on the server (it had it while this one did not).
        pg_server.resume()
        other = Cafe.open(pg_url)
        other.ledger.stamp(reza.card.id, by=None)
        other.close()
        qtbot.waitUntil(lambda: not window.offline_strip.isVisible(), timeout=30_000)
        qtbot.waitUntil(lambda: window.refused.isVisible(), timeout=30_000)
        assert "1 added, 1 refused" in window.banner.text()
        check = Cafe.open(pg_url)
        try:
            assert check.ledger.current_card(sara.id).filled == 3  # Sara's kept stamp arrived
            assert check.ledger.current_card(reza.id).filled == 3  # the other till's only
        finally:
            check.close()

        qtbot.mouseClick(window.refused_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: window.ops.idle)
        qtbot.keyClicks(window.pin_dialog.pin, "2468")
        qtbot.mouseClick(window.pin_dialog.ok_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: window.refused_dialog is not None and window.ops.idle)
        dialog = window.refused_dialog
        assert dialog.model.rowCount() == 1 and "رضا" in dialog.model.index(0).data()
        qtbot.mouseClick(dialog.drop_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: window.ops.idle and dialog.model.rowCount() == 0)
        qtbot.waitUntil(lambda: not window.refused.isVisible())
    finally:
        session.close()


def test_the_till_starts_on_its_copy_while_the_server_is_away(qtbot, till, away, pg_url):
    from cafe_loyalty_ui.app import Session, make_app

    sara = till.sara
    till.close()
    away()
    session = Session(make_app(), pg_url)
    try:
        assert session.start()
        window = session.window
        qtbot.waitUntil(lambda: window.offline_strip.isVisible(), timeout=30_000)
        qtbot.waitUntil(lambda: window.model.rowCount() == 2 and window.staff_combo.count() == 2)
        window.open_customer(sara.id)
        qtbot.waitUntil(lambda: window.panel.customer is not None)
        assert window.panel.offline_note.isVisible() and "walnuts" in window.panel.alert.text()
        assert window.windowTitle().startswith("Café Shirin")
    finally:
        session.close()


def test_a_second_copy_of_the_till_on_this_computer_is_told(qtbot, till, pg_url, monkeypatch):
    """Each till keeps one queue: a second copy of the app here, on the same server, would
    share it, so it is refused as a second copy on a SQLite file is."""
    from cafe_loyalty_ui.app import Session, make_app
    from PySide6.QtWidgets import QMessageBox

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: shown.append(text))
    till.close()
    first, second = Session(make_app(), pg_url), Session(make_app(), pg_url)
    try:
        assert first.start()
        assert not second.start()
        assert "already open" in shown[0] and second.window is None
    finally:
        second.close()
        first.close()


def test_a_till_on_a_server_holds_only_the_connections_it_needs(qtbot, till, pg_url):
    """#34: a chain's server counts every till's connections against its limit (PostgreSQL's
    default is 100). A running till holds three: its database thread, its maintenance thread
    and its listener; the connection that opened the café and read its settings at start is
    given back (it was a fourth, held for nothing)."""
    import psycopg
    from cafe_loyalty_ui.app import Session, make_app

    till.close()
    probe = psycopg.connect(pg_url, autocommit=True)
    count = (
        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() "
        "AND backend_type = 'client backend'"
    )
    session = Session(make_app(), pg_url)
    try:
        assert session.start()
        window = session.window
        qtbot.waitUntil(lambda: session.link._listener.listening.is_set(), timeout=30_000)
        qtbot.waitUntil(lambda: window.ops.idle)
        window.strips.take_snapshot()  # the maintenance thread has worked too
        qtbot.waitUntil(lambda: window.ops.idle)
        assert probe.execute(count).fetchone()[0] == 3
    finally:
        session.close()
        probe.close()

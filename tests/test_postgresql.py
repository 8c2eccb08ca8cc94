"""Several tills on one PostgreSQL server (issue #18): opening a café there, the schema and its
version, moving a café in and out with ``db copy``, and tills writing at the same moment.

These run against a real server (tests/pg_server.py); the rest of the suite runs on PostgreSQL
too with ``pytest --engine postgresql``."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from cafe_loyalty.app import Cafe
from cafe_loyalty.cli import main as cli
from cafe_loyalty.errors import CardStateError, SchemaTooNew, StorageError, TooSoon, ValidationError
from cafe_loyalty.store import migrations
from cafe_loyalty.store.copying import copy_cafe
from cafe_loyalty.store.db import connect


@pytest.fixture
def server_cafe(pg_url, clock):
    cafe = Cafe.open(pg_url, clock=clock)
    cafe.set_up("Café Shirin", "Maryam", "2468")
    yield cafe
    cafe.close()


def test_a_cafe_opens_on_the_server_at_the_current_schema(server_cafe, pg_url):
    assert migrations.schema_version(server_cafe.db) == migrations.LATEST
    sara = server_cafe.customers.add("سارا", last_name="Ahmadi")
    server_cafe.ledger.stamp(sara.card.id, by=None)
    again = Cafe.open(pg_url)  # a second till: nothing to upgrade, the same café
    try:
        assert again.customers.search("سار")[0].filled == 3
        assert again.url == pg_url and "postgresql-127.0.0.1" in str(again.path.parent)
    finally:
        again.close()


def test_a_newer_schema_on_the_server_is_refused(server_cafe, pg_url):
    server_cafe.db.execute_sql('UPDATE "schema_version" SET "version" = %s', (migrations.LATEST + 1,))
    with pytest.raises(SchemaTooNew, match="newer version"):
        Cafe.open(pg_url)


def test_a_database_holding_something_else_is_refused_and_left_alone(pg_server):
    url = pg_server.new_database(empty=True)
    try:
        db = connect(url)
        db.execute_sql("CREATE TABLE invoices (n integer)")
        db.close()
        with pytest.raises(StorageError, match="other tables"):
            Cafe.open(url)
        db = connect(url)
        tables = [r[0] for r in db.execute_sql("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")]
        db.close()
        assert tables == ["invoices"]
    finally:
        pg_server.drop_database(url)


def test_an_unreachable_server_is_said_plainly(tmp_path):
    with pytest.raises(StorageError, match="cannot be reached"):
        Cafe.open("postgresql://nobody@127.0.0.1:9/cafe")


def _fill(cafe: Cafe) -> None:
    owner = cafe.staff.owner_id()
    latte = cafe.menu.add("Latte", by=owner)
    for n, name in enumerate(["Sara", "Reza", "زهرا", "Chloé 🙂"]):
        c = cafe.customers.add(name, last_name="Test", phone=f"+98912000000{n}", allergies="nuts" if n else "")
        cafe.visits.record(c.id, [latte.id], by=owner)
        for _ in range(n):
            cafe.ledger.stamp(c.card.id, by=owner, force=True)
    cafe.feedback.add(c.id, "Too loud", "complaint", by=owner)


def _filled_file(tmp_path) -> Path:
    """A café file set up and filled (``_fill``), closed: the source of a copy."""
    start = tmp_path / "cafe.db"
    cafe = Cafe.open(start)
    cafe.set_up("Café Shirin", "Maryam", "2468")
    _fill(cafe)
    cafe.close()
    return start


def test_db_copy_moves_a_cafe_to_the_server_and_back_verified(tmp_path, pg_url, capsys):
    """The owner's move: a SQLite café onto PostgreSQL with the command line, every table
    counted and checksummed; the tills then work there (new ids do not collide with copied
    ones); and back into a SQLite file, equal again."""
    start = _filled_file(tmp_path)
    assert cli(["db", "copy", "--from", str(start), "--to", pg_url, "--json"]) == 0
    copied = json.loads(capsys.readouterr().out)
    # 4 head starts of 2, a stamp with each recorded visit, and 0 + 1 + 2 + 3 more
    assert copied["counts"]["customer"] == 4 and copied["counts"]["stamp"] == 4 * 2 + 4 + 6

    there = Cafe.open(pg_url)
    try:
        assert {s.first_name for s in there.customers.search("")} == {"Sara", "Reza", "زهرا", "Chloé 🙂"}
        newcomer = there.customers.add("Mina")  # the server's ids carry on after the copied ones
        assert newcomer.id == 5
        there.ledger.stamp(newcomer.card.id, by=None)
    finally:
        there.close()

    assert cli(["db", "copy", "--from", pg_url, "--to", str(start)]) == 2  # it holds a café
    assert "already holds a café" in capsys.readouterr().err
    back = tmp_path / "back.db"
    assert cli(["db", "copy", "--from", pg_url, "--to", str(back)]) == 0
    assert "every table was counted and checksummed" in capsys.readouterr().out
    again = Cafe.open(back)
    try:
        mina = again.customers.search("mina")[0]
        assert mina.filled == 3 and again.feedback.open_for(again.customers.search("chlo")[0].id)
    finally:
        again.close()


def test_a_copy_whose_row_points_nowhere_is_refused_and_the_keys_stay(tmp_path, pg_url):
    """#34: the server's foreign keys are set aside for the copy and added back after it, which
    checks every row at once; a row pointing nowhere fails the copy, and the target keeps its
    keys and holds nothing of it."""
    import sqlite3

    start = _filled_file(tmp_path)
    con = sqlite3.connect(start)
    con.execute("PRAGMA foreign_keys = OFF")
    con.execute("UPDATE stamp SET card_id = 999999 WHERE id = (SELECT max(id) FROM stamp)")
    con.commit()
    con.close()
    target = connect(pg_url)
    try:
        keys = (
            "SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND connamespace = current_schema()::regnamespace"
        )
        source = Cafe.open(start)
        try:
            with pytest.raises(StorageError, match="points to a row that is not there"):
                copy_cafe(source.db, target)
        finally:
            source.close()
        assert target.execute_sql(keys).fetchone()[0] > 0
        assert target.execute_sql('SELECT count(*) FROM "stamp"').fetchone()[0] == 0
    finally:
        target.close()


def test_the_servers_indexes_are_built_again_after_a_copy_and_a_duplicate_fails_it(tmp_path, pg_url):
    """#34: the copy sets the server's indexes aside and builds them again after (as pg_restore
    does). Every one is back after a copy; a row a unique index forbids (two regulars holding
    the same printed code, which a damaged file can) fails the copy, and the target keeps its
    indexes and holds nothing of it."""
    import sqlite3

    indexes = "SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema() ORDER BY 1"
    target = connect(pg_url)
    try:
        migrations.migrate(target)
        before = target.execute_sql(indexes).fetchall()
        start = _filled_file(tmp_path)
        source = connect(start)
        try:
            copy_cafe(source, target)
        finally:
            source.close()
        assert target.execute_sql(indexes).fetchall() == before

        con = sqlite3.connect(start)
        con.execute("DROP INDEX card_code_code")  # a damaged file, which no longer says no
        con.execute("UPDATE card_code SET code = (SELECT min(code) FROM card_code)")
        con.commit()
        con.close()
        source = connect(start)
        try:
            with pytest.raises(StorageError, match="two rows where one is allowed"):
                copy_cafe(source, target, replace=True)
        finally:
            source.close()
        assert target.execute_sql(indexes).fetchall() == before
        assert target.execute_sql("SELECT count(*) FROM card_code").fetchone()[0] > 1  # the first copy, kept
    finally:
        target.close()


def test_a_copy_by_a_user_who_does_not_own_the_tables_keeps_the_keys_and_copies(tmp_path, pg_url):
    """Only the tables' owner may set the keys aside: anyone else's copy checks them at the
    commit, as before, and still copies everything."""
    import uuid

    start = _filled_file(tmp_path)
    owner = connect(pg_url)
    role = f"till_{uuid.uuid4().hex[:8]}"
    try:
        migrations.migrate(owner)
        owner.execute_sql(f"CREATE ROLE {role} LOGIN")
        owner.execute_sql(f"GRANT ALL ON ALL TABLES IN SCHEMA public TO {role}")
        owner.execute_sql(f"GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO {role}")
    finally:
        owner.close()
    target = connect(pg_url.replace("postgres@", f"{role}@", 1))
    source = Cafe.open(start)
    try:
        result = copy_cafe(source.db, target)
        assert result.counts["stamp"] == source.db.execute_sql("SELECT count(*) FROM stamp").fetchone()[0] > 0
    finally:
        source.close()
        target.close()


def test_times_flags_and_keys_come_back_from_the_server_exactly_as_the_file_held_them(tmp_path, pg_url):
    """#34: the server writes out times and yes/no values itself for a copy (no per-value work in
    Python). A time on the second, one with trailing zeros in its fraction, one with six digits,
    a forced stamp and setting keys that sort differently in a locale's collation go to the
    server and back to a new file value for value, and the checksums of all three agree."""
    import datetime as dt
    import sqlite3

    start = tmp_path / "cafe.db"
    cafe = Cafe.open(start)
    cafe.set_up("Café Shirin", "Maryam", "2468")
    sara = cafe.customers.add("Sara\t\\ «سارا» 🌸", last_name="\u200f\n")
    cafe.ledger.stamp(sara.card.id, by=None, force=True)
    cafe.close()
    con = sqlite3.connect(start)
    times = ["2026-12-07 09:00:00", "2026-12-07 09:00:00.500000", "2026-12-07 09:00:00.123456"]
    ids = [r[0] for r in con.execute("SELECT id FROM stamp ORDER BY id")][-3:]
    for stamp_id, at in zip(ids, times, strict=True):
        con.execute("UPDATE stamp SET at = ? WHERE id = ?", (at, stamp_id))
    con.executemany("INSERT INTO setting (key, value) VALUES (?, ?)", [("a_b", '"1"'), ("ab", '"2"'), ("a-c", '"3"')])
    con.commit()
    before = {t: con.execute(f'SELECT * FROM "{t}" ORDER BY 1').fetchall() for t in ("stamp", "setting", "customer")}
    con.close()
    source, target, back = connect(start), connect(pg_url), connect(tmp_path / "back.db")
    try:
        there = copy_cafe(source, target)
        again = copy_cafe(target, back)
        assert there.checksums == again.checksums
        at = dict(target.execute_sql('SELECT id, "at" FROM stamp').fetchall())
        assert [at[i] for i in ids] == [dt.datetime.fromisoformat(t) for t in times]
        assert target.execute_sql("SELECT count(*) FROM stamp WHERE forced").fetchone()[0] == 1
    finally:
        for db in (source, target, back):
            db.close()
    con = sqlite3.connect(tmp_path / "back.db")
    try:
        after = {t: con.execute(f'SELECT * FROM "{t}" ORDER BY 1').fetchall() for t in before}
    finally:
        con.close()
    assert after == before


def test_a_copy_that_does_not_match_is_rolled_back(tmp_path, pg_url, monkeypatch):
    """A difference found by the checksums (here: one value changed on its way) leaves the
    target as it was: nothing of the copy stays."""
    from cafe_loyalty.store import copying

    start = tmp_path / "cafe.db"
    cafe = Cafe.open(start)
    cafe.set_up("Café Shirin", "Maryam", "2468")
    _fill(cafe)
    real = copying._outgoing

    def damaged(chunk):
        return [["Sarah" if value == "Sara" else value for value in row] for row in real(chunk)]

    monkeypatch.setattr(copying, "_outgoing", damaged)
    target = connect(pg_url)
    try:
        with pytest.raises(StorageError, match="does not match"):
            copy_cafe(cafe.db, target)
        assert target.execute_sql('SELECT count(*) FROM "customer"').fetchone()[0] == 0
    finally:
        target.close()
        cafe.close()


def test_a_copy_of_an_older_schema_is_refused(tmp_path, pg_url):
    source = connect(tmp_path / "old.db")
    migrations.STEPS[1](source)
    source.execute_sql("PRAGMA user_version = 1")
    target = connect(pg_url)
    try:
        with pytest.raises(ValidationError, match="schema 1"):
            copy_cafe(source, target)
    finally:
        source.close()
        target.close()


def test_a_backup_on_the_server_is_one_portable_file_that_restores_into_sqlite(server_cafe, tmp_path):
    _fill(server_cafe)
    owner = server_cafe.staff.owner_id()
    summary = server_cafe.backups.create(tmp_path / "b.cafebackup", by=owner)
    assert summary.counts["customer"] == 4
    local = Cafe.open(tmp_path / "restored.db")
    try:
        local.set_up("Elsewhere", "Owner", "1357")
        local.backups.restore(summary.path, by=local.staff.owner_id())
        assert {s.first_name for s in local.customers.search("")} == {"Sara", "Reza", "زهرا", "Chloé 🙂"}
    finally:
        local.close()


def _four_tills_at_once(cafe, action, refusal) -> list[str]:
    """``action`` from four threads released at the same instant, each with its own
    connection to the server (as four tills have): "done" or "refused" for each."""
    start = threading.Barrier(4)
    results: list[str] = []

    def till() -> None:
        start.wait()
        try:
            action()
            results.append("done")
        except refusal:
            results.append("refused")
        finally:
            cafe.db.close()  # this thread's connection

    threads = [threading.Thread(target=till) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


def test_two_tills_redeeming_the_same_card_at_once_give_one_reward(server_cafe):
    server_cafe.settings.update(guard_minutes=0, by=server_cafe.staff.owner_id())
    sara = server_cafe.customers.add("Sara")
    for _ in range(8):
        server_cafe.ledger.stamp(sara.card.id, by=None)
    results = _four_tills_at_once(server_cafe, lambda: server_cafe.ledger.redeem(sara.card.id, by=None), CardStateError)
    assert sorted(results) == ["done", "refused", "refused", "refused"]
    assert server_cafe.db.execute_sql("SELECT count(*) FROM redemption").fetchone()[0] == 1


def test_the_double_tap_guard_holds_across_tills(server_cafe):
    """Four tills stamp the same card in the same instant: one stamp, three refused."""
    sara = server_cafe.customers.add("Sara")
    results = _four_tills_at_once(server_cafe, lambda: server_cafe.ledger.stamp(sara.card.id, by=None), TooSoon)
    assert sorted(results) == ["done", "refused", "refused", "refused"]
    assert server_cafe.ledger.current_card(sara.id).filled == 3


def test_four_tills_stamping_shared_cards_lose_and_double_nothing(server_cafe, pg_url):
    """4 processes x 250 stamps on 3 shared cards, redeeming whichever they find full: every
    stamp the server accepted is there once, no card ever holds more than its slots, and each
    reward belongs to exactly one full card."""
    server_cafe.settings.update(guard_minutes=0, by=server_cafe.staff.owner_id())
    ids = [server_cafe.customers.add(name).id for name in ("Sara", "Reza", "Mina")]
    tills = [
        subprocess.Popen(
            [sys.executable, "-m", "tests.pg_worker", pg_url, "250", ",".join(map(str, ids))],
            stdout=subprocess.PIPE,
            text=True,
        )
        for _ in range(4)
    ]
    reports = [json.loads(t.communicate(timeout=300)[0]) for t in tills]
    assert all(t.returncode == 0 for t in tills)
    stamped = sum(r["stamped"] for r in reports)
    redeemed = sum(r["redeemed"] for r in reports)
    sql = server_cafe.db.execute_sql
    assert stamped + sum(r["refused"] for r in reports) == 1000
    assert sql("SELECT count(*) FROM stamp WHERE source = 'purchase'").fetchone()[0] == stamped
    assert sql("SELECT count(*) FROM redemption").fetchone()[0] == redeemed > 0
    over = sql(
        "SELECT count(*) FROM card c WHERE (SELECT count(*) FROM stamp s WHERE s.card_id = c.id "
        "AND s.voided_at IS NULL) > c.slots"
    ).fetchone()[0]
    assert over == 0
    not_full = sql(
        "SELECT count(*) FROM redemption r JOIN card c ON c.id = r.card_id WHERE "
        "(SELECT count(*) FROM stamp s WHERE s.card_id = c.id AND s.voided_at IS NULL) != c.slots"
    ).fetchone()[0]
    assert not_full == 0


def _other_till_stamps(url: str, customer_id: int) -> None:
    """Another till, in a process of its own, stamps ``customer_id``'s card (its command line)."""
    other = subprocess.run(
        [sys.executable, "-m", "cafe_loyalty", "--db", url, "stamp", str(customer_id)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert other.returncode == 0, other.stderr


def test_a_change_on_another_till_is_heard_and_a_till_s_own_is_not(server_cafe, pg_url):
    """Another till (another process) stamps: this till hears which regular and card changed,
    pushed by the server (LISTEN/NOTIFY), not polled. Its own stamp, made first, is not heard
    back (it has shown it already): the first notice to arrive is the other till's."""
    import queue

    from cafe_loyalty.replica.live import Listener

    heard: queue.Queue = queue.Queue()
    sara, reza = server_cafe.customers.add("Sara"), server_cafe.customers.add("Reza")
    listener = Listener(pg_url, heard.put).start()
    try:
        assert listener.listening.wait(30)
        server_cafe.ledger.stamp(sara.card.id, by=None)  # this till
        _other_till_stamps(pg_url, reza.id)
        changes = heard.get(timeout=30)
        assert changes.customers == {reza.id} and changes.cards == {reza.card.id}
    finally:
        listener.stop()


def test_a_lost_server_is_reported_and_its_return_too(pg_server):
    """The listener says when the server stops answering and when it answers again, so the
    till can show it and reload what it missed."""
    import queue

    from cafe_loyalty.replica.live import Listener

    url = pg_server.new_database()
    events: queue.Queue = queue.Queue()
    listener = Listener(url, lambda c: events.put("change"), lambda: events.put("lost"), lambda: events.put("back"))
    listener.start()
    try:
        assert listener.listening.wait(30)
        pg_server.drop_database(url)  # WITH (FORCE): the listener's connection is cut
        assert events.get(timeout=30) == "lost"
        with psycopg_connect(pg_server.url + "/postgres") as con:
            con.execute(f'CREATE DATABASE "{url.rsplit("/", 1)[1]}"')
        assert events.get(timeout=30) == "back"
    finally:
        listener.stop()
        pg_server.drop_database(url)


def psycopg_connect(url: str):
    import psycopg

    return psycopg.connect(url, autocommit=True)


def test_a_till_shows_another_till_s_stamp_without_being_touched(qtbot, server_cafe, pg_url):
    """Two tills side by side (the second is another process): a stamp on the other till
    appears on this till's tile and open panel by itself."""
    from cafe_loyalty_ui.app import Session, make_app
    from cafe_loyalty_ui.till.customer_model import SummaryRole

    sara = server_cafe.customers.add("Sara")
    session = Session(make_app(), pg_url)
    try:
        assert session.start()
        window = session.window
        qtbot.waitUntil(lambda: window.model.row_of(sara.id) >= 0)
        window.open_customer(sara.id)
        qtbot.waitUntil(lambda: window.panel.customer is not None)
        assert session.link is not None
        qtbot.waitUntil(lambda: session.link._listener.listening.is_set(), timeout=30_000)
        _other_till_stamps(pg_url, sara.id)
        tile = lambda: window.model.index(window.model.row_of(sara.id)).data(SummaryRole).filled  # noqa: E731
        qtbot.waitUntil(lambda: tile() == 3 and window.panel.progress.text() == "3 of 10", timeout=30_000)
    finally:
        session.close()


def test_db_copy_refuses_bad_requests_and_never_prints_a_password(tmp_path, pg_url, capsys):
    """The same database twice, or a café that is not there: a one-line error and nothing
    written. A password in the server's address is left out of what is printed."""
    start = tmp_path / "cafe.db"
    assert cli(["db", "copy", "--from", str(tmp_path / "nowhere.db"), "--to", pg_url]) != 0
    assert "There is no café" in capsys.readouterr().err
    assert not (tmp_path / "nowhere.db").exists()
    assert cli(["db", "copy", "--from", str(start), "--to", str(start)]) == 2
    assert "the same database" in capsys.readouterr().err
    cafe = Cafe.open(start)
    cafe.set_up("Café Shirin", "Maryam", "2468")
    cafe.close()
    with_password = pg_url.replace("postgres@", "postgres:s3cret-word@", 1)  # the test server trusts
    assert cli(["db", "copy", "--from", str(start), "--to", with_password]) == 0
    out = capsys.readouterr().out
    assert "s3cret-word" not in out and "postgres@127.0.0.1" in out


def test_a_till_starts_on_the_address_it_was_given(tmp_path, till_config):
    """--db first; else the address kept in this till's till.json; else the café's file."""
    from pathlib import Path

    from cafe_loyalty_ui.app import database_target

    from cafe_loyalty import till_prefs
    from cafe_loyalty.app import default_db_path

    assert database_target(None) == default_db_path()
    till_prefs.save(database="postgresql://cafe@server/cafe")
    assert database_target(None) == "postgresql://cafe@server/cafe"
    assert database_target(str(tmp_path / "x.db")) == Path(tmp_path / "x.db")
    till_prefs.save(database=7)  # a damaged preference is not an address
    assert database_target(None) == default_db_path()


def test_a_server_without_pg_trgm_rights_still_takes_the_cafe(pg_server):
    """The trigram index for search needs the pg_trgm extension, which a database's owner may
    add. A till whose user may not (a database owned by someone else) still gets the café, and
    its search works, without that index."""
    url = pg_server.new_database(empty=True)
    with psycopg_connect(url) as con:
        con.execute("DROP ROLE IF EXISTS cafe_plain")
        con.execute("CREATE ROLE cafe_plain LOGIN")
        con.execute("GRANT CREATE, USAGE ON SCHEMA public TO cafe_plain")
    plain = url.replace("postgres@", "cafe_plain@", 1)
    try:
        cafe = Cafe.open(plain)
        try:
            cafe.set_up("Café Shirin")
            cafe.customers.add("Sara")
            assert [c.first_name for c in cafe.customers.search("sar")] == ["Sara"]
            indexes = {r[0] for r in cafe.db.execute_sql("SELECT indexname FROM pg_indexes").fetchall()}
            assert "customer_search_trgm" not in indexes and "customer_pkey" in indexes
        finally:
            cafe.close()
        with psycopg_connect(pg_server.reused()) as con:  # where the owner ran it: the index is there
            assert con.execute("SELECT 1 FROM pg_indexes WHERE indexname = 'customer_search_trgm'").fetchone()
    finally:
        pg_server.drop_database(url)
        with psycopg_connect(pg_server.url + "/postgres") as con:
            con.execute("DROP OWNED BY cafe_plain")
            con.execute("DROP ROLE cafe_plain")


@pytest.fixture
def held_for(pg_url):
    """Hold one regular's write lock from another connection (as a till mid-stamp would)."""
    import psycopg

    from cafe_loyalty.store.db import REGULAR_LOCKS, WRITE_LOCK

    other = psycopg.connect(pg_url, autocommit=True)

    def hold(customer_id: int) -> None:
        other.execute("BEGIN")
        other.execute(
            f"SELECT pg_advisory_xact_lock_shared({WRITE_LOCK}), pg_advisory_xact_lock({REGULAR_LOCKS}, %s)",
            (customer_id,),
        )

    yield hold
    other.execute("ROLLBACK")
    other.close()


def test_stamps_for_different_regulars_do_not_wait_for_each_other(server_cafe, held_for):
    """#34: a stamp waits only for writes about its own regular and for the café-wide ones; 50
    branches stamping different regulars no longer go one at a time."""
    from cafe_loyalty.errors import ServerBusy

    sara, reza = server_cafe.customers.add("Sara"), server_cafe.customers.add("Reza")
    server_cafe.db.execute_sql("SET lock_timeout = 300")  # a wait is a refusal, quickly
    held_for(sara.id)
    ledger = server_cafe.ledger  # the till's own stamp names the regular the same way (Till.stamp)
    assert ledger.stamp(reza.card.id, by=None, regular=reza.id).filled == 3  # another regular: at once
    with pytest.raises(ServerBusy):
        ledger.stamp(sara.card.id, by=None, regular=sara.id)  # the same regular: waits its turn
    with pytest.raises(ServerBusy):
        ledger.stamp(reza.card.id, by=None, force=True)  # a stamp that does not say whose: café-wide
    with pytest.raises(ServerBusy):
        server_cafe.customers.update(reza.id, notes="likes oat milk")  # a café-wide write waits for all


def test_a_redeem_an_undo_and_a_visit_wait_only_for_their_own_regular(server_cafe, held_for):
    """#34: the counter's other writes about one regular (a reward, an undo, a visit with its
    stamp, a check-back, feedback) are scoped to that regular as the stamp is."""
    from cafe_loyalty.errors import ServerBusy

    owner = server_cafe.staff.owner_id()
    server_cafe.settings.update(by=owner, card_slots=3, head_start=2, guard_minutes=0)
    latte = server_cafe.menu.add("Latte", by=owner).id
    sara, reza = server_cafe.customers.add("Sara"), server_cafe.customers.add("Reza")
    for who in (sara, reza):
        server_cafe.ledger.stamp(who.card.id, by=None)
    server_cafe.db.execute_sql("SET lock_timeout = 300")
    held_for(sara.id)
    done = server_cafe.ledger.redeem(reza.card.id, by=None)  # another regular: at once
    visit = server_cafe.visits.record(reza.id, [latte], stamp=True)
    server_cafe.ledger.undo(reza.id, "tapped twice", by=None)
    server_cafe.feedback.add(reza.id, "Lovely", "praise")
    assert done.card.filled == 2 and visit.visit_id
    for call in (
        lambda: server_cafe.ledger.redeem(sara.card.id, by=None),
        lambda: server_cafe.ledger.undo(sara.id, "oops", by=None),
        lambda: server_cafe.visits.record(sara.id, [latte]),
        lambda: server_cafe.feedback.add(sara.id, "Cold", "complaint"),
    ):
        with pytest.raises(ServerBusy):  # the same regular: each waits its turn
            call()


def test_the_tills_stamp_on_while_an_import_writes_a_chunk(server_cafe, held_for, tmp_path):
    """#34: an import's chunk (new regulars only, ids from the sequences) shares the café's lock
    as a stamp does: held by another connection, a stamp goes through at once; a café-wide write
    and another import's chunk wait for it."""
    from cafe_loyalty.errors import ServerBusy
    from cafe_loyalty.store.db import NEW_ROWS

    sara = server_cafe.customers.add("Sara")
    sheet = tmp_path / "regulars.csv"
    sheet.write_text("name,phone\nLeila,09121112233\n", encoding="utf-8")
    server_cafe.db.execute_sql("SET lock_timeout = 300")
    held_for(NEW_ROWS)
    assert server_cafe.ledger.stamp(sara.card.id, by=None, regular=sara.id).filled == 3
    with pytest.raises(ServerBusy):
        server_cafe.customers.update(sara.id, notes="likes oat milk")
    with pytest.raises(ServerBusy):
        server_cafe.imports.run(sheet, by=server_cafe.staff.owner_id())
    assert server_cafe.customers.search("Leila") == []


def test_a_long_read_is_not_ended_by_the_tills_idle_limit(server_cafe):
    """A backup of a chain reads a table, writes it into the backup's file for minutes, then
    reads the next: the 10 s limit on a session idle in a transaction (there for a till cut off
    mid-write) ended it. A copy's read turns the limit off for its own transaction only."""
    from cafe_loyalty.store.db import read

    def limit() -> str:
        return server_cafe.db.execute_sql("SHOW idle_in_transaction_session_timeout").fetchone()[0]

    assert limit() == "10s"
    with read(server_cafe.db, long=True):
        assert limit() == "0"
    with read(server_cafe.db):
        assert limit() == "10s"


def test_a_copy_into_the_server_is_not_ended_by_the_idle_limit(server_cafe, tmp_path, pg_server, monkeypatch):
    """The copy's write on the target waits for minutes on the reading at chain size: its own
    transaction lifts the limit (seen from inside, as each table is checked)."""
    from cafe_loyalty.store import copying

    source = Cafe.open(tmp_path / "source.db")
    source.set_up("Source", "O", "2468")
    source.customers.add("Sara")
    url = pg_server.new_database(empty=True)
    target = connect(url)
    seen = []
    checksum = copying._checksum

    def looking(db, table, columns):
        if db is target:
            seen.append(db.execute_sql("SHOW idle_in_transaction_session_timeout").fetchone()[0])
        return checksum(db, table, columns)

    monkeypatch.setattr(copying, "_checksum", looking)
    try:
        copy_cafe(source.db, target, replace=True)
        assert seen and set(seen) == {"0"}
        assert target.execute_sql("SHOW idle_in_transaction_session_timeout").fetchone()[0] == "10s"
    finally:
        source.close()
        target.close()
        pg_server.drop_database(url)


def test_a_stamp_for_a_card_that_changed_hands_is_refused(server_cafe):
    sara, twin = server_cafe.customers.add("Sara"), server_cafe.customers.add("Sara", last_name="A")
    with pytest.raises(CardStateError, match="no longer in use"):
        server_cafe.ledger.stamp(sara.card.id, by=None, regular=twin.id)
    assert server_cafe.ledger.current_card(sara.id).filled == 2


def test_a_cafe_on_the_server_from_before_branches_becomes_a_chain_of_one(pg_server, tmp_path):
    """The saved schema-10 café, put on a server at schema 10 row for row, upgrades to branches
    with its whole history in one branch named after it (issue #34; SQLite's side is in
    test_saved_databases.py)."""
    import datetime as dt
    import shutil
    import sqlite3

    import psycopg

    from cafe_loyalty.store import pg_schema
    from tests.test_saved_databases import saved

    copy = tmp_path / "v10.db"
    shutil.copy(saved(10), copy)
    old = sqlite3.connect(copy)
    url = pg_server.new_database(empty=True)
    try:
        db = connect(url)
        with db.atomic():
            for version in (9, 10):
                pg_schema.STEPS[version](db)
            db.execute_sql('UPDATE "schema_version" SET "version" = 10')
        db.close()
        with psycopg.connect(url) as con:
            con.execute("SET CONSTRAINTS ALL DEFERRED")
            for table in (t for t in pg_schema.TABLES if t != "branch"):
                cursor = old.execute(f'SELECT * FROM "{table}"')
                columns = [c[0] for c in cursor.description]
                kinds = dict(
                    con.execute(
                        "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = %s", (table,)
                    ).fetchall()
                )

                def value(column: str, v: object, kinds: dict = kinds) -> object:
                    if v is not None and kinds[column] == "boolean":
                        return bool(v)
                    if isinstance(v, str) and kinds[column].startswith("timestamp"):
                        return dt.datetime.fromisoformat(v)
                    return v

                rows = [tuple(value(c, v) for c, v in zip(columns, row, strict=True)) for row in cursor]
                if rows:
                    names = ", ".join(f'"{c}"' for c in columns)
                    marks = ", ".join(["%s"] * len(columns))
                    con.cursor().executemany(f'INSERT INTO "{table}" ({names}) VALUES ({marks})', rows)
            stamps = con.execute('SELECT count(*) FROM "stamp"').fetchone()[0]
        cafe = Cafe.open(url)
        try:
            assert migrations.schema_version(cafe.db) == migrations.LATEST
            (only,) = cafe.branches.list()
            assert only.name == "Café Shirin"
            for table in pg_schema.BRANCH_TABLES:
                where = cafe.db.execute_sql(f'SELECT DISTINCT branch_id FROM "{table}"').fetchall()
                assert where in ([], [(only.id,)]), table
            assert cafe.db.execute_sql('SELECT count(*) FROM "stamp"').fetchone()[0] == stamps > 0
            (sara,) = cafe.customers.search("sara")
            assert cafe.ledger.current_card(sara.id).filled == 2
        finally:
            cafe.close()
    finally:
        old.close()
        pg_server.drop_database(url)

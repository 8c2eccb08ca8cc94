"""Durability settings, schema versions, the second-copy lock and a full disk."""

from __future__ import annotations

import sqlite3
import subprocess
import sys

import pytest

from cafe_loyalty.app import Cafe
from cafe_loyalty.errors import AlreadyRunning, SchemaTooNew, StorageError
from cafe_loyalty.store.db import AppLock
from cafe_loyalty.store.migrations import LATEST
from cafe_loyalty.store.models import Customer, Event, Stamp


@pytest.mark.sqlite_only
def test_connection_pragmas(cafe):
    pragma = lambda name: cafe.db.execute_sql(f"PRAGMA {name}").fetchone()[0]  # noqa: E731
    assert pragma("journal_mode") == "wal"
    assert pragma("synchronous") == 2  # FULL
    assert pragma("foreign_keys") == 1
    assert pragma("busy_timeout") >= 1000
    assert pragma("user_version") == LATEST


def test_first_open_creates_file_and_schema(tmp_path):
    path = tmp_path / "sub" / "dir" / "new.db"
    cafe = Cafe.open(path)
    assert path.exists() and not cafe.is_set_up
    cafe.close()


def test_newer_schema_is_refused_untouched(tmp_path):
    path = tmp_path / "future.db"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE customer (id INTEGER PRIMARY KEY)")
    con.execute(f"PRAGMA user_version = {LATEST + 1}")
    con.commit()
    con.close()
    before = path.read_bytes()
    with pytest.raises(SchemaTooNew, match="newer version"):
        Cafe.open(path)
    assert path.read_bytes() == before


def test_foreign_database_and_non_database_are_refused(tmp_path):
    other = tmp_path / "other.db"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY)")
    con.commit()
    con.close()
    with pytest.raises(StorageError, match="not a cafe-loyalty"):
        Cafe.open(other)
    text = tmp_path / "notes.db"
    text.write_text("shopping list: milk, beans\n" * 100)
    with pytest.raises(StorageError):
        Cafe.open(text)


def test_second_copy_of_the_app_is_told_clearly(db_path):
    with AppLock(db_path), pytest.raises(AlreadyRunning, match="already open"), AppLock(db_path):
        pass
    with AppLock(db_path):  # released: a later start works
        pass


def test_second_copy_in_another_process_is_refused(db_path):
    code = (
        "import sys; from cafe_loyalty.store.db import AppLock; from cafe_loyalty.errors import AlreadyRunning\n"
        f"try:\n    AppLock({str(db_path)!r}).acquire()\nexcept AlreadyRunning:\n    sys.exit(42)\n"
    )
    with AppLock(db_path):
        assert subprocess.run([sys.executable, "-c", code]).returncode == 42
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0


@pytest.mark.sqlite_only
def test_full_disk_during_stamp_changes_nothing(cafe, clock, barista):
    sara = cafe.customers.add("Sara")
    pages = cafe.db.execute_sql("PRAGMA page_count").fetchone()[0]
    cafe.db.execute_sql(f"PRAGMA max_page_count = {pages}")  # the file cannot grow: a full disk
    stamps, events = Stamp.select().count(), Event.select().count()
    with pytest.raises(StorageError, match="disk is full"):
        for _ in range(200):  # fill the free pages until a write needs a new one
            clock.advance(minutes=11)
            cafe.customers.add("Filler " * 10, notes="x" * 1900)
    customers = Customer.select().count()
    with pytest.raises(StorageError, match="disk is full"):
        for _ in range(5000):
            clock.advance(minutes=11)
            card = cafe.ledger.current_card(sara.id)
            if card.redeemable:
                cafe.ledger.redeem(card.id, by=barista)
            else:
                cafe.ledger.stamp(card.id, by=barista)
    # whatever failed left no half-written rows: each customer still has exactly one active card
    assert Customer.select().count() == customers
    rows = cafe.db.execute_sql(
        "SELECT count(*) FROM customer c WHERE (SELECT count(*) FROM card WHERE customer_id=c.id "
        "AND status='active') != 1"
    ).fetchone()[0]
    assert rows == 0
    assert Stamp.select().count() >= stamps and Event.select().count() >= events
    assert cafe.db.execute_sql("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_core_never_imports_qt():
    code = "import sys, cafe_loyalty.cli, cafe_loyalty.app; print('PySide6' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_a_saved_version_1_database_is_upgraded_with_nothing_lost(tmp_path):
    """tests/data/schema_v1.db was written by the first release (schema 1)."""
    import shutil
    from pathlib import Path

    from cafe_loyalty.store import migrations

    path = tmp_path / "old.db"
    shutil.copy(Path(__file__).with_name("data") / "schema_v1.db", path)
    before = sqlite3.connect(path)
    assert before.execute("PRAGMA user_version").fetchone()[0] == 1
    stamps = before.execute("SELECT id, card_id, at, source, voided_at FROM stamp ORDER BY id").fetchall()
    before.close()
    cafe = Cafe.open(path)
    assert cafe.db.execute_sql("PRAGMA user_version").fetchone()[0] == migrations.LATEST
    after = cafe.db.execute_sql("SELECT id, card_id, at, source, voided_at FROM stamp ORDER BY id").fetchall()
    assert after == stamps
    sara = cafe.customers.search("sara")[0]
    assert cafe.customers.get(sara.id).usual == "latte, low-fat milk, not too hot"
    assert cafe.regulars.usual(sara.id).source == "note"  # the old free text still shows
    ali = cafe.customers.search("علي")[0]
    assert ali.first_name == "علی"
    # schema 5 counted the visits already made: the purchase stamps, with their first one
    purchases = [r for r in stamps if r[3] == "purchase" and r[4] is None]
    counted = cafe.db.execute_sql("SELECT sum(visits), min(first_visit_at) FROM customer").fetchone()
    assert counted == (len(purchases), min(r[2] for r in purchases))
    # and the new features work on the old data
    item = cafe.menu.add("Latte", by=cafe.staff.owner_id()).id
    assert cafe.visits.record(sara.id, [item], stamp=False).visit_id
    cafe.close()


def test_schema_6_gives_a_set_up_cafe_without_an_owner_its_owner(tmp_path):
    """Setup used to allow a café with no owner; the first owner action then invented one (a
    read that wrote). Upgrading such a café adds its owner once; a café never set up gets none."""
    import peewee as pw

    from cafe_loyalty.app import Cafe
    from cafe_loyalty.store import migrations

    for name, set_up in (("old.db", True), ("blank.db", False)):
        path = tmp_path / name
        db = pw.SqliteDatabase(str(path))
        for version in range(1, 6):
            migrations.STEPS[version](db)
        db.execute_sql("PRAGMA user_version = 5")
        if set_up:
            db.execute_sql("INSERT INTO setting VALUES ('cafe_name', 'Old Café'), ('language', 'fa')")
            db.execute_sql(
                "INSERT INTO staff (name, role, pin_hash, active, created_at) "
                "VALUES ('Barista', 'barista', NULL, 1, '2026-01-01 08:00:00')"
            )
        db.close()
        cafe = Cafe.open(path)
        try:
            owners = [(s.name, s.has_pin) for s in cafe.staff.list() if s.role == "owner"]
            assert owners == ([("مدیر", False)] if set_up else [])
            if set_up:
                assert cafe.staff.check_owner(None).name == "مدیر"  # owner screens open, as before
        finally:
            cafe.close()


@pytest.mark.sqlite_only
def test_a_write_holds_the_write_lock_before_its_first_statement(cafe):
    """BEGIN IMMEDIATE, not BEGIN: another process cannot slip a write between the guard's read
    and the stamp. Checked from a second connection, which must find the database locked."""
    from cafe_loyalty.store.db import write

    other = sqlite3.connect(cafe.path, timeout=0)
    try:
        with write(cafe.db), pytest.raises(sqlite3.OperationalError, match="locked"):
            other.execute("BEGIN IMMEDIATE")
        other.execute("BEGIN IMMEDIATE")  # released once the write is over
        other.rollback()
    finally:
        other.close()


@pytest.mark.sqlite_only
def test_a_read_of_several_statements_leaves_the_write_lock_free(cafe):
    """A profile is read in one snapshot, but a till's stamp never queues behind it."""
    from cafe_loyalty.store.db import read

    sara = cafe.customers.add("Sara")
    other = sqlite3.connect(cafe.path, timeout=0)
    try:
        with read(cafe.db):
            assert cafe.db.execute_sql("SELECT first_name FROM customer").fetchall() == [("Sara",)]
            other.execute("BEGIN IMMEDIATE")  # another till could write now
            other.execute("UPDATE customer SET notes = 'x' WHERE id = ?", (sara.id,))
            other.commit()
            # ...and this read still sees its own snapshot
            assert cafe.db.execute_sql("SELECT notes FROM customer").fetchall() == [("",)]
    finally:
        other.close()


def test_errors_are_judged_by_their_type_not_by_words_in_the_chain():
    """#30: losing the connection while a full card's stamp was refused said "The disk is full":
    the words "This card is full" were in the chain. A rule's message is never a storage fault."""
    psycopg = pytest.importorskip("psycopg")
    import peewee as pw

    from cafe_loyalty.errors import CafeError, CardStateError, ServerBusy, ServerUnreachable
    from cafe_loyalty.store.failures import describe

    try:
        try:
            raise CardStateError("This card is full. Redeem it first.")
        except CafeError:
            raise psycopg.OperationalError("server closed the connection unexpectedly") from None
    except psycopg.OperationalError as exc:
        lost = describe(pw.OperationalError(exc, *exc.args))
    assert isinstance(lost, ServerUnreachable) and "disk" not in lost.message

    class LockNotAvailable(Exception):
        sqlstate = "55P03"

    assert isinstance(
        describe(pw.OperationalError(LockNotAvailable("canceling statement due to lock timeout"))), ServerBusy
    )

    class DiskFull(Exception):
        sqlstate = "53100"

    assert "disk is full" in describe(DiskFull("could not extend file")).message
    assert not isinstance(describe(CardStateError("This card is full.")), ServerUnreachable)
    assert "disk" not in describe(CardStateError("This card is full.")).message

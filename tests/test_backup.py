"""Backups: a round trip keeps every row; damaged, foreign, newer or wrongly unlocked backups
are refused with the current database untouched; snapshots roll; the reminder comes due."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import sqlite3
import zipfile
from pathlib import Path

import pytest

from cafe_loyalty.app import Cafe
from cafe_loyalty.backup import archive as backup
from cafe_loyalty.backup.crypto import WrongPassphrase
from cafe_loyalty.errors import PermissionDenied, SchemaTooNew, StorageError, ValidationError
from cafe_loyalty.io.spreadsheets import Stopped
from cafe_loyalty.store import migrations

# On a server the backup is checked in tests/test_postgresql.py.
pytestmark = pytest.mark.sqlite_only  # the backup of a SQLite file: its pages, WAL and snapshots

TABLES = backup.TABLES


def populate(cafe, clock, barista):
    cafe.settings.update(guard_minutes=0, reward_text="a slice of cake", by=cafe.staff.owner_id())
    people = [
        cafe.customers.add("Sara", last_name="Ahmadi", phone="0912 345 6789", usual="latte", notes='said "hi", 5%'),
        cafe.customers.add("مهر\u200cناز", last_name="کریمی"),
        cafe.customers.add("=HYPERLINK(1)", notes="line one\nline two"),
        cafe.customers.add("Leo ☕"),
    ]
    for i, person in enumerate(people):
        for _ in range(3 + 3 * i):
            card = cafe.ledger.current_card(person.id)
            if card.redeemable:
                cafe.ledger.redeem(card.id, by=barista)
            else:
                cafe.ledger.stamp(card.id, by=barista)
            clock.advance(minutes=17)
    cafe.ledger.undo(people[0].id, "stamped twice", by=barista)
    cafe.cards.reissue(people[1].id, by=barista)
    return people


def dump(path) -> dict[str, list[tuple]]:
    con = sqlite3.connect(path)
    try:
        return {t: con.execute(f'SELECT * FROM "{t}" ORDER BY rowid').fetchall() for t in TABLES}
    finally:
        con.close()


def test_round_trip_into_a_fresh_install_keeps_every_row(cafe, clock, barista, tmp_path):
    populate(cafe, clock, barista)
    summary = cafe.backups.create(tmp_path, by=cafe.staff.owner_id())
    assert summary.path.endswith(".cafebackup") and "café-shirin" in summary.path
    assert summary.counts["customer"] == 4 and summary.counts["stamp"] > 20
    before = dump(cafe.path)
    before["event"] = before["event"][:]  # the live database has one more event (backup.create)
    fresh = Cafe.open(tmp_path / "fresh" / "cafe.db")
    result = fresh.backups.restore(summary.path, by=fresh.staff.owner_id())
    after = dump(fresh.path)
    for table in TABLES:
        if table in ("event", "setting"):
            continue
        assert after[table] == before[table], table
    # the restored audit log is the backed-up one plus the restore itself
    assert after["event"][: summary.counts["event"]] == before["event"][: summary.counts["event"]]
    assert json.loads(after["event"][-1][-1])["file"] == summary.path
    assert fresh.customers.search("مهرناز")[0].first_name == "مهر\u200cناز"
    assert result.safety_copy and result.migrated_from == migrations.LATEST
    fresh.close()


def read_csv(path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline="")))


def test_a_backup_holds_the_database_and_its_manifest_only(cafe, clock, barista, tmp_path):
    populate(cafe, clock, barista)
    summary = cafe.backups.create(tmp_path / "b.cafebackup", by=cafe.staff.owner_id())
    with zipfile.ZipFile(summary.path) as zf:
        names = set(zf.namelist())
        manifest = json.loads(zf.read("manifest.json"))
        data = zf.read("cafe.db")
    assert names == {"manifest.json", "cafe.db"}
    assert manifest["schema_version"] == migrations.LATEST and manifest["counts"] == summary.counts
    assert manifest["members"] == {"cafe.db": {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}}


def test_spreadsheets_are_their_own_export(cafe, clock, barista, tmp_path):
    people = populate(cafe, clock, barista)
    done = cafe.backups.export_spreadsheets(tmp_path / "sheets", by=cafe.staff.owner_id())
    folder = tmp_path / "sheets"
    assert done.folder == str(folder)
    assert sorted(p.name for p in folder.iterdir()) == ["cards.csv", "customers.csv", "stamps.csv", "visits.csv"]
    customers, stamps, visits = (read_csv(folder / f"{n}.csv") for n in ("customers", "stamps", "visits"))
    assert [c["first_name"] for c in customers] == ["Sara", "مهر\u200cناز", "'=HYPERLINK(1)", "Leo ☕"]
    assert customers[0]["notes"] == 'said "hi", 5%' and customers[2]["notes"] == "line one\nline two"
    assert customers[1]["card_code"] == cafe.customers.get(people[1].id).card.code
    assert len(stamps) == cafe.db.execute_sql("SELECT count(*) FROM stamp").fetchone()[0]
    assert any(s["void_reason"] == "stamped twice" for s in stamps)
    purchases = [s for s in stamps if s["source"] == "purchase" and not s["voided_at"]]
    assert len(visits) == len(purchases)
    assert done.files == {
        "customers.csv": 4,
        "cards.csv": len(read_csv(folder / "cards.csv")),
        "stamps.csv": len(stamps),
        "visits.csv": len(visits),
    }
    # one table, and the default folder (dated, beside the backups, numbered when taken)
    first = cafe.backups.export_spreadsheets(tables=["customers"], by=cafe.staff.owner_id())
    second = cafe.backups.export_spreadsheets(tables=["customers"], by=cafe.staff.owner_id())
    assert first.folder.endswith("spreadsheets-café-shirin-2026-03-02") and second.folder == first.folder + "-2"
    assert [p.name for p in Path(first.folder).iterdir()] == ["customers.csv"]


def test_every_cell_a_spreadsheet_would_run_is_neutralised(cafe, tmp_path):
    for opener in ("=1+1", "+1", "-1", "@SUM(A1)"):  # tab and CR openers never survive clean()
        cafe.customers.add("Guest", notes=opener)
    cafe.backups.export_spreadsheets(tmp_path / "s", ["customers"], by=cafe.staff.owner_id())
    notes = [c["notes"] for c in read_csv(tmp_path / "s" / "customers.csv")]
    assert notes and all(n.startswith("'") for n in notes), notes


def test_a_stopped_or_refused_export_writes_nothing(cafe, clock, barista, tmp_path):
    populate(cafe, clock, barista)
    owner = cafe.staff.owner_id()
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    with pytest.raises(Stopped):
        cafe.backups.export_spreadsheets(tmp_path / "s", by=owner, stopped=lambda: True)
    with pytest.raises(ValidationError, match="Unknown spreadsheet"):
        cafe.backups.export_spreadsheets(tmp_path / "s", ["customers", "wallets"], by=owner)
    taken = tmp_path / "taken"
    taken.write_text("the owner's own file")
    with pytest.raises(ValidationError, match="already exists"):
        cafe.backups.export_spreadsheets(taken, by=owner)
    assert taken.read_text() == "the owner's own file"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["taken"]  # no folder, no half file


def test_a_full_disk_during_a_spreadsheet_export_leaves_nothing(cafe, clock, barista, tmp_path, monkeypatch):
    import errno
    import os

    from cafe_loyalty.io import spreadsheets

    populate(cafe, clock, barista)

    def full(_fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(spreadsheets.os, "fsync", full)
    with pytest.raises(StorageError, match=r"Could not write the spreadsheets.*No space left"):
        cafe.backups.export_spreadsheets(tmp_path / "s", by=cafe.staff.owner_id())
    assert [p.name for p in tmp_path.iterdir() if p.name == "s" or p.name.startswith(".s")] == []


def test_spreadsheets_come_from_one_snapshot(cafe, clock, barista, tmp_path):
    """A stamp committed while the export runs is in every file or in none."""
    sara = cafe.customers.add("Sara")
    cafe.ledger.stamp(sara.card.id, by=barista)
    seen = []

    def stamp_meanwhile() -> bool:
        if not seen:  # after the first chunk of the first file is read
            clock.advance(hours=1)
            cafe.ledger.stamp(sara.card.id, by=barista)
            seen.append(True)
        return False

    cafe.backups.export_spreadsheets(
        tmp_path / "s", ["customers", "stamps", "visits"], by=cafe.staff.owner_id(), stopped=stamp_meanwhile
    )
    stamps = read_csv(tmp_path / "s" / "stamps.csv")
    visits = read_csv(tmp_path / "s" / "visits.csv")
    assert seen and len(visits) == 1 and len([s for s in stamps if s["source"] == "purchase"]) == 1
    assert cafe.ledger.current_card(sara.id).filled == 4  # the stamp itself was saved


def test_a_backup_written_by_0_1_with_spreadsheets_inside_still_verifies_and_restores(tmp_path):
    """tests/data/backup_0.1_with_csv.cafebackup was written by release 0.1 (CSV members inside)."""
    old = Path(__file__).with_name("data") / "backup_0.1_with_csv.cafebackup"
    with zipfile.ZipFile(old) as zf:
        assert "customers.csv" in zf.namelist()
    fresh = Cafe.open(tmp_path / "new-computer.db")
    try:
        summary = fresh.backups.verify(old, by=None)
        assert summary.counts["customer"] == 4 and summary.schema_version == 6
        fresh.backups.restore(old, by=None)
        assert fresh.settings.get("cafe_name") == "Café Shirin"
        assert [c.first_name for c in fresh.customers.search("sara")] == ["Sara"]
    finally:
        fresh.close()


def test_encrypted_backup_round_trip_and_wrong_passphrase(cafe, clock, barista, tmp_path):
    populate(cafe, clock, barista)
    summary = cafe.backups.create(tmp_path / "secret.cafebackup", passphrase="correct horse", by=cafe.staff.owner_id())
    raw = (tmp_path / "secret.cafebackup").read_bytes()
    assert not raw.startswith(b"PK") and b"Sara" not in raw and b"cafe.db" not in raw
    assert cafe.backups.verify(summary.path, "correct horse", by=cafe.staff.owner_id()).encrypted
    with pytest.raises(WrongPassphrase, match="encrypted"):
        cafe.backups.verify(summary.path, by=cafe.staff.owner_id())
    before = dump(cafe.path)
    with pytest.raises(WrongPassphrase, match="Wrong passphrase"):
        cafe.backups.restore(summary.path, "wrong horse", by=cafe.staff.owner_id())
    assert dump(cafe.path) == before
    fresh = Cafe.open(tmp_path / "fresh.db")
    fresh.backups.restore(summary.path, "correct horse", by=fresh.staff.owner_id())
    assert fresh.customers.count() == 4
    fresh.close()


def corrupt(path, how: str):
    data = bytearray(path.read_bytes())
    if how == "truncated":
        path.write_bytes(bytes(data[: len(data) // 2]))
    elif how == "flipped":
        with zipfile.ZipFile(path) as zf:
            info = zf.getinfo("cafe.db")
        offset = info.header_offset + 30 + len(info.filename) + 4096 + 100
        data[offset] ^= 0xFF
        path.write_bytes(bytes(data))
    elif how == "not a zip":
        path.write_bytes(b"hello, this is a shopping list\n" * 50)
    elif how == "empty":
        path.write_bytes(b"")


@pytest.mark.parametrize(
    ("how", "message"),
    [
        ("truncated", "not a cafe-loyalty backup, or it is damaged"),
        ("flipped", "damaged"),
        ("not a zip", "not a cafe-loyalty backup"),
        ("empty", "not a cafe-loyalty backup"),
    ],
)
def test_damaged_backups_are_refused_and_nothing_changes(cafe, clock, barista, tmp_path, how, message):
    populate(cafe, clock, barista)
    summary = cafe.backups.create(tmp_path / "b.cafebackup", by=cafe.staff.owner_id())
    corrupt(tmp_path / "b.cafebackup", how)
    before = dump(cafe.path)
    with pytest.raises(ValidationError, match=message):
        cafe.backups.verify(summary.path, by=cafe.staff.owner_id())
    with pytest.raises(ValidationError, match=message):
        cafe.backups.restore(summary.path, by=cafe.staff.owner_id())
    assert dump(cafe.path) == before
    assert not cafe.backups.safety_dir.exists()  # refused before anything was touched


def test_truncated_encrypted_backup_is_refused(cafe, clock, barista, tmp_path):
    populate(cafe, clock, barista)
    summary = cafe.backups.create(tmp_path / "b.cafebackup", passphrase="pw", by=cafe.staff.owner_id())
    data = (tmp_path / "b.cafebackup").read_bytes()
    (tmp_path / "b.cafebackup").write_bytes(data[:-100])
    with pytest.raises(ValidationError):
        cafe.backups.verify(summary.path, "pw", by=cafe.staff.owner_id())


def rewrite_member(path, name, content: bytes, fix_manifest: bool, fix_hash: bool = False):
    with zipfile.ZipFile(path) as zf:
        members = {n: zf.read(n) for n in zf.namelist()}
    members[name] = content
    if fix_manifest or fix_hash:
        import hashlib

        manifest = json.loads(members["manifest.json"])
        manifest["members"][name]["sha256"] = hashlib.sha256(content).hexdigest()
        members["manifest.json"] = json.dumps(manifest).encode()
    if fix_manifest:
        if name == "cafe.db":
            tmp = path.with_suffix(".probe")
            tmp.write_bytes(content)
            con = sqlite3.connect(tmp)
            manifest["schema_version"] = con.execute("PRAGMA user_version").fetchone()[0]
            manifest["counts"] = backup.counts(con)
            con.close()
        members["manifest.json"] = json.dumps(manifest).encode()
    with zipfile.ZipFile(path, "w") as zf:
        for n, data in members.items():
            zf.writestr(n, data)


def test_backup_from_a_newer_version_is_refused(cafe, clock, barista, tmp_path):
    populate(cafe, clock, barista)
    summary = cafe.backups.create(tmp_path / "b.cafebackup", by=cafe.staff.owner_id())
    with zipfile.ZipFile(summary.path) as zf:
        db = zf.read("cafe.db")
    probe = tmp_path / "newer.db"
    probe.write_bytes(db)
    con = sqlite3.connect(probe)
    con.execute(f"PRAGMA user_version = {migrations.LATEST + 1}")
    con.commit()
    con.close()
    rewrite_member(tmp_path / "b.cafebackup", "cafe.db", probe.read_bytes(), fix_manifest=True)
    before = dump(cafe.path)
    with pytest.raises(SchemaTooNew, match="newer version"):
        cafe.backups.restore(summary.path, by=cafe.staff.owner_id())
    assert dump(cafe.path) == before


def damaged_db(summary) -> bytes:
    with zipfile.ZipFile(summary.path) as zf:
        db = bytearray(zf.read("cafe.db"))
    page = 4096
    for n in range(1, len(db) // page):  # scribble over the cell area of every b-tree page
        db[n * page + 12 : n * page + 40] = b"\xa5" * 28
    return bytes(db)


def test_a_member_changed_after_backup_fails_its_checksum(cafe, clock, barista, tmp_path):
    populate(cafe, clock, barista)
    summary = cafe.backups.create(tmp_path / "b.cafebackup", by=cafe.staff.owner_id())
    rewrite_member(tmp_path / "b.cafebackup", "cafe.db", damaged_db(summary), fix_manifest=False)
    with pytest.raises(ValidationError, match=r"checksum of cafe\.db does not match"):
        cafe.backups.verify(summary.path, by=cafe.staff.owner_id())


def test_a_database_that_fails_integrity_check_is_refused(cafe, clock, barista, tmp_path):
    populate(cafe, clock, barista)
    summary = cafe.backups.create(tmp_path / "b.cafebackup", by=cafe.staff.owner_id())
    rewrite_member(tmp_path / "b.cafebackup", "cafe.db", damaged_db(summary), fix_manifest=False, fix_hash=True)
    before = dump(cafe.path)
    with pytest.raises(ValidationError, match=r"damaged|integrity"):
        cafe.backups.restore(summary.path, by=cafe.staff.owner_id())
    assert dump(cafe.path) == before


def test_a_zip_that_is_not_ours(cafe, tmp_path):
    path = tmp_path / "photos.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("holiday.jpg", b"\xff\xd8")
    with pytest.raises(ValidationError, match="no manifest"):
        cafe.backups.verify(path, by=cafe.staff.owner_id())
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("manifest.json", json.dumps({"format": "something-else"}))
    with pytest.raises(ValidationError, match="not a cafe-loyalty backup"):
        cafe.backups.verify(path, by=cafe.staff.owner_id())


def test_an_older_schema_backup_is_migrated_after_restore(cafe, clock, barista, tmp_path, monkeypatch):
    populate(cafe, clock, barista)
    summary = cafe.backups.create(tmp_path / "v1.cafebackup", by=cafe.staff.owner_id())
    # The next release adds schema 2; restoring the version-1 backup must bring it up to 2.
    monkeypatch.setitem(
        migrations.STEPS,
        migrations.LATEST + 1,
        lambda db: db.execute_sql("ALTER TABLE customer ADD COLUMN pronouns TEXT"),
    )
    monkeypatch.setattr(migrations, "LATEST", migrations.LATEST + 1)
    result = cafe.backups.restore(summary.path, by=cafe.staff.owner_id())
    assert result.migrated_from == migrations.LATEST - 1
    assert cafe.db.execute_sql("PRAGMA user_version").fetchone()[0] == migrations.LATEST
    assert "pronouns" in [c.name for c in cafe.db.get_columns("customer")]
    assert cafe.customers.count() == 4


def test_failed_write_leaves_no_partial_backup(cafe, clock, barista, tmp_path, monkeypatch):
    populate(cafe, clock, barista)
    real = backup._fsync_replace

    def full_disk(tmp, final):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(backup, "_fsync_replace", full_disk)
    with pytest.raises(StorageError, match="No space left"):
        cafe.backups.create(tmp_path / "usb" / "b.cafebackup", by=cafe.staff.owner_id())
    assert list((tmp_path / "usb").iterdir()) == []
    assert cafe.backups.last_backup_at() is None  # not counted as done
    monkeypatch.setattr(backup, "_fsync_replace", real)


def test_reminder_comes_due_after_the_setting(cafe, clock, barista, tmp_path):
    assert not cafe.backups.reminder_due()  # nothing worth keeping yet
    cafe.customers.add("Sara")
    assert cafe.backups.reminder_due()  # never backed up
    cafe.backups.create(tmp_path, by=cafe.staff.owner_id())
    assert not cafe.backups.reminder_due()
    clock.advance(days=30, minutes=1)
    assert cafe.backups.reminder_due()
    cafe.settings.update(backup_reminder_days=45, by=cafe.staff.owner_id())
    assert not cafe.backups.reminder_due()


def test_daily_snapshots_roll_and_keep_fourteen(cafe, clock):
    cafe.customers.add("Sara")
    first = cafe.backups.snapshot_if_due()
    assert first is not None and cafe.backups.snapshot_if_due() is None  # one a day
    for _ in range(20):
        clock.advance(days=1)
        cafe.backups.snapshot_if_due()
    shots = cafe.backups.snapshots()
    assert len(shots) == 14 and not first.exists()
    con = sqlite3.connect(shots[0])
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert con.execute("SELECT first_name FROM customer").fetchall() == [("Sara",)]
    con.close()


def test_owner_pin_and_lockout(cafe, clock):
    owner = cafe.staff.unlock_owner("2468")
    assert owner.role == "owner"
    for left in (4, 3, 2, 1):
        with pytest.raises(PermissionDenied, match=f"{left} tr"):
            cafe.staff.unlock_owner("0000")
    with pytest.raises(PermissionDenied, match="locked for 5 minutes"):
        cafe.staff.unlock_owner("1111")
    with pytest.raises(PermissionDenied, match="locked"):
        cafe.staff.unlock_owner("2468")  # even the right PIN waits
    reopened = Cafe.open(cafe.path, clock=clock)  # restarting does not reset the lock
    with pytest.raises(PermissionDenied, match="locked"):
        reopened.staff.unlock_owner("2468")
    clock.advance(minutes=5, seconds=1)
    assert reopened.staff.unlock_owner("2468").id == owner.id
    actions = [e.action for e in reopened.audit.for_entity("staff", owner.id)]
    assert actions.count("owner.unlock") == 2


def test_no_owner_pin_means_owner_screens_are_open(tmp_path):
    cafe = Cafe.open(tmp_path / "open.db")
    cafe.set_up("Café")
    assert not cafe.staff.owner_pin_set()
    assert cafe.staff.unlock_owner(None).role == "owner"
    cafe.close()


def test_restore_a_daily_snapshot(cafe, clock, barista):
    sara = cafe.customers.add("Sara")
    cafe.backups.snapshot_if_due()
    clock.advance(hours=3)
    cafe.ledger.stamp(sara.card.id, by=barista)
    cafe.customers.add("Mistake")
    [shot] = cafe.backups.snapshots()
    result = cafe.backups.restore_snapshot(shot, by=cafe.staff.owner_id())
    assert cafe.customers.count() == 1 and cafe.ledger.current_card(sara.id).filled == 2
    assert result.restored.counts["customer"] == 1
    # and the day's work is still in the safety copy
    con = sqlite3.connect(result.safety_copy)
    assert con.execute("SELECT count(*) FROM customer").fetchone()[0] == 2
    con.close()


def test_damaged_database_is_replaced_by_the_newest_good_snapshot(tmp_path, clock):
    from cafe_loyalty.services.backups import good_snapshot, replace_damaged

    path = tmp_path / "cafe.db"
    cafe = Cafe.open(path, clock=clock)
    cafe.set_up("Café")
    cafe.customers.add("Sara")
    good = cafe.backups.snapshot_if_due()
    clock.advance(days=1)
    newer = cafe.backups.snapshot_if_due()
    cafe.close()
    newer.write_bytes(b"garbage" * 1000)  # the newest snapshot is bad too
    data = bytearray(path.read_bytes())
    data[0:16] = b"\x00" * 16  # the live file is damaged
    path.write_bytes(bytes(data))
    with pytest.raises(StorageError, match="damaged"):
        Cafe.open(path)
    assert good_snapshot(path) == good
    aside = replace_damaged(path, good, "20260302")
    assert aside.exists() and aside.read_bytes()[:16] == b"\x00" * 16
    reopened = Cafe.open(path)
    assert [c.first_name for c in reopened.customers.search("")] == ["Sara"]
    reopened.close()


def test_a_backup_verifies_and_restores(cafe, clock, barista, tmp_path):
    populate(cafe, clock, barista)
    summary = cafe.backups.create(tmp_path / "lean.cafebackup", by=cafe.staff.owner_id())
    assert cafe.backups.verify(summary.path, by=cafe.staff.owner_id()).counts == summary.counts
    fresh = Cafe.open(tmp_path / "fresh.db")
    fresh.backups.restore(summary.path, by=fresh.staff.owner_id())
    assert fresh.customers.count() == 4
    fresh.close()


_PROBE = r"""
import fcntl, struct, sys
with open(sys.argv[1], "rb") as f:
    lock = struct.pack("hhqqi", fcntl.F_WRLCK, 0, 0x40000002, 510, 0)  # SQLite's shared-lock bytes
    kind, _w, _s, _l, pid = struct.unpack("hhqqi", fcntl.fcntl(f, fcntl.F_GETLK, lock))
print(pid if kind != fcntl.F_UNLCK else 0)
"""


def shared_lock_holder(path) -> int:
    """Which process holds SQLite's shared lock on ``path`` (asked from another process)."""
    import subprocess
    import sys

    return int(subprocess.run([sys.executable, "-c", _PROBE, str(path)], capture_output=True, text=True).stdout)


@pytest.mark.skipif(not hasattr(__import__("os"), "pread"), reason="POSIX locks")
def test_a_backup_reads_the_live_file_once_and_keeps_the_tills_locks(cafe, clock, barista, tmp_path, monkeypatch):
    """The database is read straight into the zip (no snapshot copy first), through a descriptor
    that is never closed: closing one would drop the till's POSIX locks on the file."""
    import os

    populate(cafe, clock, barista)
    cafe.customers.get(1)  # the till's connection is open and has read
    assert shared_lock_holder(cafe.path) == os.getpid()
    monkeypatch.setattr(backup, "copy_file", lambda *a: pytest.fail("took a snapshot copy first"))
    summary = cafe.backups.create(tmp_path / "b.cafebackup", by=cafe.staff.owner_id())
    assert shared_lock_holder(cafe.path) == os.getpid()  # still ours after the backup
    monkeypatch.undo()
    fresh = Cafe.open(tmp_path / "fresh.db")
    fresh.backups.restore(summary.path, by=fresh.staff.owner_id())
    assert fresh.customers.count() == 4
    fresh.close()


def test_a_backup_while_another_program_reads_takes_a_snapshot_instead(cafe, clock, barista, tmp_path):
    """Another program in the middle of a read keeps the WAL from being emptied: the live file
    alone is then not the latest state, so the backup copies a snapshot, and misses nothing."""
    populate(cafe, clock, barista)
    reader = sqlite3.connect(cafe.path, isolation_level=None)
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM stamp").fetchone()  # holds its snapshot
    last = cafe.customers.add("Added while another program reads")
    try:
        summary = cafe.backups.create(tmp_path / "b.cafebackup", by=cafe.staff.owner_id())
    finally:
        reader.execute("ROLLBACK")
        reader.close()
    fresh = Cafe.open(tmp_path / "fresh.db")
    fresh.backups.restore(summary.path, by=fresh.staff.owner_id())
    assert fresh.customers.get(last.id).first_name == "Added while another program reads"
    assert summary.counts["customer"] == 5
    fresh.close()


@pytest.mark.sqlite_only
def test_a_restored_backup_counts_as_this_months_backup(tmp_path, clock):
    """#31: right after restoring a backup (on a new computer, say) the till said "No backup
    yet" and asked for this month's backup again: the restored file's own date of its last
    backup is from before that very backup was made."""
    import datetime as dt

    from cafe_loyalty.app import Cafe
    from cafe_loyalty.store.models import Setting

    clock.current = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    old = Cafe.open(tmp_path / "old.db", clock=clock)
    old.set_up("C", "O", "2468")
    owner = old.staff.owner_id()
    old.customers.add("Sara")
    with old.db.atomic():
        Setting.put("last_backup_at", (clock.current - dt.timedelta(days=40)).isoformat())
    made = old.backups.create(tmp_path / "away", by=owner)
    old.close()
    new = Cafe.open(tmp_path / "new.db", clock=clock)
    new.set_up("New", "O", "2468")
    new.backups.restore(made.path, by=new.staff.owner_id())
    reminder = new.backups.reminder()
    assert not reminder.due and reminder.days_since == 0
    new.close()

"""Forgetting survives a restore (issue #16): a customer forgotten after a backup or snapshot
was made is forgotten again when it is restored, before the data is visible; the snapshots and
safety copies on disk can be scrubbed at once. Checked on the raw bytes of every file."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from cafe_loyalty.app import Cafe
from cafe_loyalty.cli import main
from cafe_loyalty.store import migrations

SECRET = "Zanzibar-0912-777-secret"


def holds(path: Path, text: str = SECRET) -> bool:
    """The file and its -wal/-shm side files, as bytes."""
    raw = b"".join(p.read_bytes() for p in path.parent.iterdir() if p.name.startswith(path.name))
    return text.encode() in raw


def sara_with_a_secret(cafe):
    sara = cafe.customers.add("Sara", notes=SECRET, phone="0912 777 0000")
    cafe.ledger.stamp(sara.card.id, by=None)
    cafe.feedback.add(sara.id, f"about {SECRET}", "complaint")
    return sara


@pytest.mark.sqlite_only
def test_restoring_an_older_backup_forgets_them_again(cafe, clock, tmp_path):
    owner = cafe.staff.owner_id()
    sara = sara_with_a_secret(cafe)
    reza = cafe.customers.add("Reza")
    old = cafe.backups.create(tmp_path / "before.cafebackup", by=owner)
    clock.advance(days=3)
    cafe.privacy.forget(sara.id, by=owner)
    assert not holds(cafe.path)

    result = cafe.backups.restore(old.path, by=owner)
    assert result.forgotten_again == 1
    assert cafe.customers.search("sara") == [] and cafe.customers.search("0912") == []
    assert [c.first_name for c in cafe.customers.search("")] == ["Reza"]
    assert cafe.customers.get(reza.id).first_name == "Reza"  # everyone else as in the backup
    assert cafe.ledger.current_card(sara.id).filled == 3  # their counts stay, anonymously
    assert not holds(cafe.path)
    rows = cafe.db.execute_sql("SELECT customer_id, erased_at FROM erasure").fetchall()
    assert [r[0] for r in rows] == [sara.id]
    # the restore's audit event says so, and the record itself holds nothing personal
    dump = cafe.db.execute_sql("SELECT * FROM erasure").fetchall()
    assert "Sara" not in repr(dump) and SECRET not in repr(dump)


@pytest.mark.sqlite_only
def test_restoring_a_daily_snapshot_forgets_them_again(cafe, clock):
    owner = cafe.staff.owner_id()
    sara = sara_with_a_secret(cafe)
    snapshot = cafe.backups.snapshot_if_due()
    clock.advance(hours=2)
    cafe.privacy.forget(sara.id, by=owner)  # without scrubbing the copies: the snapshot keeps her
    assert holds(snapshot)
    result = cafe.backups.restore_snapshot(snapshot, by=owner)
    assert result.forgotten_again == 1
    assert cafe.customers.search("sara") == [] and not holds(cafe.path)


def test_an_id_reused_by_another_person_is_not_touched(cafe, clock, tmp_path):
    """A backup from another café (or before a rebuild) where customer 1 is someone else."""
    owner = cafe.staff.owner_id()
    sara = sara_with_a_secret(cafe)
    cafe.privacy.forget(sara.id, by=owner)

    other = Cafe.open(tmp_path / "other" / "cafe.db", clock=clock)
    clock.advance(days=40)  # created at another time
    other.set_up("Other Café")
    nima = other.customers.add("Nima")
    assert nima.id == sara.id
    theirs = other.backups.create(tmp_path / "other.cafebackup", by=other.staff.owner_id())
    other.close()

    result = cafe.backups.restore(theirs.path, by=owner)
    assert result.forgotten_again == 0
    assert cafe.customers.get(nima.id).first_name == "Nima"


@pytest.mark.sqlite_only
def test_forgetting_can_scrub_every_copy_on_disk_at_once(cafe, clock, tmp_path):
    owner = cafe.staff.owner_id()
    sara = sara_with_a_secret(cafe)
    cafe.customers.add("Reza")
    first = cafe.backups.snapshot_if_due()
    clock.advance(days=1)
    second = cafe.backups.snapshot_if_due()
    safety = cafe.backups.safety_copy("before-restore")
    clock.advance(days=1)
    broken = cafe.backups.snapshot_if_due()
    broken.write_bytes(b"not a database at all " + SECRET.encode())  # cannot be rewritten
    copies = [first, second, safety, broken]
    assert all(holds(p) for p in copies)

    result = cafe.privacy.forget(sara.id, by=owner, copies=True)
    assert (result.copies_erased, result.copies_deleted) == (3, 1)
    assert not broken.exists()  # deleted rather than kept with the data
    for kept in (first, second, safety):
        assert not holds(kept), kept
        con = sqlite3.connect(kept)
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert con.execute("SELECT first_name FROM customer ORDER BY id").fetchall() == [("(forgotten)",), ("Reza",)]
        con.close()
    assert not holds(cafe.path)
    # a scrubbed snapshot still restores, with her still forgotten
    assert cafe.backups.restore_snapshot(first, by=owner).forgotten_again == 0
    assert [c.first_name for c in cafe.customers.search("")] == ["Reza"]


def test_schema_7_records_the_customers_forgotten_before_it(tmp_path):
    path = tmp_path / "old.db"
    shutil.copy(Path(__file__).with_name("data") / "schema_v6.db", path)
    con = sqlite3.connect(path)
    forgotten = con.execute("SELECT id, created_at FROM customer WHERE forgotten_at IS NOT NULL").fetchall()
    con.close()
    assert len(forgotten) == 1
    cafe = Cafe.open(path)
    try:
        assert migrations.LATEST >= 7
        rows = cafe.db.execute_sql("SELECT customer_id, customer_created_at FROM erasure").fetchall()
        assert rows == forgotten
    finally:
        cafe.close()


@pytest.mark.sqlite_only
@pytest.mark.parametrize("scrub", [False, True])
def test_forget_and_restore_from_the_command_line(cafe, clock, tmp_path, capsys, scrub):
    sara = sara_with_a_secret(cafe)
    snapshot = cafe.backups.snapshot_if_due()
    db = cafe.address
    cafe.close()
    pin = ["--owner-pin", "2468"]
    assert main(["--db", db, "backup", "create", "--out", str(tmp_path / "b.cafebackup"), *pin]) == 0
    extra = ["--snapshots"] if scrub else []
    assert main(["--db", db, "--json", "customer", "forget", str(sara.id), "--yes", *pin, *extra]) == 0
    assert holds(snapshot) is not scrub
    capsys.readouterr()
    assert main(["--db", db, "--json", "backup", "restore", str(tmp_path / "b.cafebackup"), "--yes", *pin]) == 0
    assert '"forgotten_again": 1' in capsys.readouterr().out
    assert not holds(Path(db))


def every_file_holds(folder: Path, texts: list[str]) -> list[str]:
    """Which of ``texts`` any file under ``folder`` still holds, as bytes (UTF-8 as stored)."""
    raw = b"".join(p.read_bytes() for p in folder.rglob("*") if p.is_file())
    return [t for t in texts if t.encode() in raw]


@pytest.mark.sqlite_only
def test_forget_reaches_a_duplicate_merged_into_them(tmp_path):
    """The second hostile probe's repro (#30), through the installed command: two records of
    Farideh, merged, then forgotten. The duplicate's own audit event (its name, phone and notes)
    and a treat's text were left in the file; they must be gone from every file, stay gone after
    a restore of a backup taken before the merge, and not reach the restore's safety copy."""
    from tests.test_installed_command import SCRIPT, run, user_env

    if SCRIPT is None:
        pytest.skip("the console script is not installed")
    env, till, away = user_env(tmp_path / "home"), tmp_path / "till", tmp_path / "away"
    till.mkdir()
    away.mkdir()
    # Seven digits of the phone: four ("4455") turned up by chance in a timestamp's microseconds.
    secrets = ["Farideh", "Kowsari", "7319846", "Note-of-the-duplicate", "Saffron-cake-for-exams"]
    pin = "--owner-pin 2468"
    for line in (
        "cafe-loyalty --db cafe.db setup C --owner O --pin 2468",
        "cafe-loyalty --db cafe.db customer add Farideh --last-name Kowsari --phone 09127319846",
        "cafe-loyalty --db cafe.db customer add Farideh --last-name Kowsari --phone +989127319846 "
        "--notes Note-of-the-duplicate",
        f"cafe-loyalty --db cafe.db backup create --out {away} {pin}",
        "cafe-loyalty --db cafe.db treat 2 Saffron-cake-for-exams --why other",
        f"cafe-loyalty --db cafe.db customer merge 1 2 --yes {pin}",
        f"cafe-loyalty --db cafe.db customer forget 1 --yes {pin}",
    ):
        done = run(line, till, env)
        assert done.returncode == 0, (line, done.stderr)
    assert every_file_holds(till, secrets) == []  # the database, its journal, snapshots: nothing
    con = sqlite3.connect(till / "cafe.db")
    assert con.execute("SELECT count(*) FROM erasure").fetchone()[0] == 2  # both, so a restore forgets both
    con.close()
    (backup,) = away.glob("*.cafebackup")
    done = run(f"cafe-loyalty --db cafe.db backup restore {backup} --yes {pin}", till, env)
    assert done.returncode == 0, done.stderr
    assert "2 customer(s) forgotten" in done.stdout
    assert every_file_holds(till, secrets) == []  # the restored file and the safety copy
    assert list(till.rglob("*safety*")), "the restore kept a safety copy (and it was checked above)"

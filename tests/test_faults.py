"""Bad days: a damaged table in a file that still opens, a read-only data folder, forgetting a
customer on a full disk or while another program reads the database."""

from __future__ import annotations

import errno
import sqlite3

import pytest
from cafe_loyalty_ui import app as ui_app
from filelock import FileLock
from PySide6.QtWidgets import QMessageBox

from cafe_loyalty.app import Cafe
from cafe_loyalty.cli import main
from cafe_loyalty.errors import DamagedDatabase


def damage_table(path, table: str) -> None:
    """Zero the root page of ``table``: the file still opens, reading that table fails."""
    con = sqlite3.connect(path)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    root, page = (
        con.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0],
        con.execute("PRAGMA page_size").fetchone()[0],
    )
    con.close()
    data = bytearray(path.read_bytes())
    data[(root - 1) * page : root * page] = b"\x00" * page
    path.write_bytes(bytes(data))


@pytest.fixture
def damaged(tmp_path, clock):
    """A café with a snapshot from yesterday, whose stamp table is damaged today."""
    path = tmp_path / "cafe.db"
    cafe = Cafe.open(path, clock=clock)
    cafe.set_up("Café", "Maryam", "2468")
    sara = cafe.customers.add("Sara")
    snapshot = cafe.backups.snapshot_if_due()
    cafe.settings.update(guard_minutes=0, by=cafe.staff.owner_id())
    cafe.ledger.stamp(sara.card.id, by=None)
    cafe.close()
    damage_table(path, "stamp")
    return path, snapshot


def test_a_damaged_table_is_a_message_on_the_command_line(damaged, capsys):
    path, _snapshot = damaged
    assert main(["--db", str(path), "customer", "show", "1"]) == 5
    err = capsys.readouterr().err
    assert "damaged" in err and "Traceback" not in err
    assert main(["--db", str(path), "stamp", "1"]) == 5


def test_the_health_check_reports_damage_instead_of_raising(damaged):
    path, _snapshot = damaged
    cafe = Cafe.open(path)
    try:
        found = cafe.backups.quick_check()
        assert found != "ok" and found
        with pytest.raises(DamagedDatabase):
            cafe.ledger.stamp_customer(1, by=None)
    finally:
        cafe.close()


def test_the_till_offers_the_snapshot_when_it_meets_a_damaged_table(qtbot, damaged, monkeypatch):
    path, snapshot = damaged
    asked: list[str] = []

    def answer(parent, title, text, *rest):
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", answer)
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: pytest.fail(f"warned instead of offering: {a}"))
    session = ui_app.Session(ui_app.make_app(), path)
    try:
        assert session.start()
        first, first_ops = session.window, session.ops
        qtbot.waitUntil(lambda: bool(asked))  # the health check on the maintenance thread found it
        assert "snapshot from" in asked[0] and "damage" in asked[0]
        qtbot.waitUntil(lambda: session.window is not None and session.window is not first)
        first_ops.damaged.emit("a read of the old file failed")  # arrives after the recovery
        assert len(asked) == 1  # about the replaced file: no second offer, no second copy
        kept = [p for p in path.parent.iterdir() if "-damaged-" in p.name and p.suffix == ".db"]
        assert len(kept) == 1  # the damaged file is kept for a specialist
        assert session.cafe.backups.quick_check() == "ok"
        assert session.cafe.ledger.current_card(1).filled == 2  # as of the snapshot
        assert session.cafe.ledger.stamp_customer(1, by=None).filled == 3  # and the till works
        assert snapshot.exists()
    finally:
        session.close()


def test_opening_a_regular_on_a_damaged_table_offers_the_snapshot(qtbot, damaged, monkeypatch):
    path, _snapshot = damaged
    asked: list[str] = []

    def refuse(parent, title, text, *rest):
        asked.append(text)
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", refuse)
    session = ui_app.Session(ui_app.make_app(), path)
    monkeypatch.setattr(session.__class__, "_health", lambda self, result: None)  # only the open below
    try:
        assert session.start()
        session.window.open_customer(1)
        qtbot.waitUntil(lambda: session.window.ops.idle)
        assert asked and "damaged" in asked[0]
        assert "damaged" in session.window.banner.text()
        assert session.window.isVisible()  # refused the offer: the till stays open, nothing replaced
        assert not [p for p in path.parent.iterdir() if "-damaged-" in p.name]
    finally:
        session.close()


def test_a_read_only_data_folder_is_explained(qtbot, tmp_path, monkeypatch):
    """As root a chmod does not stop writes, so the read-only file system is the OS's error."""

    def read_only(self, *args, **kwargs):
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(FileLock, "acquire", read_only)
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: shown.append(text))
    session = ui_app.Session(ui_app.make_app(), tmp_path / "cafe.db")
    assert not session.start()
    assert "cannot be written" in shown[0] and "Read-only file system" in shown[0]
    assert session.window is None and not (tmp_path / "cafe.db").exists()


def file_holds(path, text: str) -> bool:
    raw = b"".join(p.read_bytes() for p in path.parent.iterdir() if p.name.startswith(path.name))
    return text.encode() in raw


@pytest.mark.sqlite_only
def test_forget_while_another_program_reads(cafe, capsys):
    sara = cafe.customers.add("Sara", notes="Zanzibar-secret-note")
    reader = sqlite3.connect(cafe.path)
    reader.execute("PRAGMA busy_timeout = 0")
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM customer").fetchone()  # holds its snapshot of the file
    cafe.db.execute_sql("PRAGMA busy_timeout = 50")  # the checkpoint's wait for the reader, shortened
    try:
        result = cafe.privacy.forget(sara.id, by=cafe.staff.owner_id())
        assert (result.in_file, result.reason) == ("pending", "reader")
        assert cafe.privacy.erasure_pending()
        assert cafe.customers.search("Sara") == []  # forgotten in the database at once
    finally:
        reader.rollback()
        reader.close()
    assert cafe.privacy.finish_pending().in_file == "erased"  # the maintenance pass
    assert not cafe.privacy.erasure_pending() and cafe.privacy.finish_pending() is None
    assert not file_holds(cafe.path, "Zanzibar-secret-note")


@pytest.mark.sqlite_only
def test_forget_says_so_when_the_space_cannot_be_reclaimed(cafe, monkeypatch):
    sara = cafe.customers.add("Sara", notes="Zanzibar-secret-note")
    real = cafe.db.execute_sql

    def full_disk(sql, *args, **kwargs):
        if sql == "VACUUM":
            raise sqlite3.OperationalError("database or disk is full")
        return real(sql, *args, **kwargs)

    monkeypatch.setattr(cafe.db, "execute_sql", full_disk)
    result = cafe.privacy.forget(sara.id, by=cafe.staff.owner_id())
    assert (result.in_file, result.reason) == ("pending", "disk full")
    assert cafe.customers.search("Sara") == []  # the erasure itself stands
    monkeypatch.setattr(cafe.db, "execute_sql", real)
    assert cafe.privacy.finish_pending().in_file == "erased"
    assert not file_holds(cafe.path, "Zanzibar-secret-note")


def test_forget_on_the_command_line_tells_what_happened(cafe, capsys, monkeypatch):
    cafe.customers.add("Sara")
    cafe.close()
    from cafe_loyalty.services.privacy import ForgetResult, Privacy

    monkeypatch.setattr(Privacy, "finish_erasure", lambda self: ForgetResult(in_file="pending", reason="disk full"))
    assert main(["--db", cafe.address, "customer", "forget", "1", "--yes", "--owner-pin", "2468"]) == 0
    out = capsys.readouterr().out
    assert "forgotten" in out and "could not be reclaimed yet" in out

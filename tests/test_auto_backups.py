"""Backups that leave the till by themselves (#35): a folder the owner chooses, a verified
backup a day written under a temporary name and renamed, rotation that keeps 7 daily, 4 weekly
and 12 monthly and deletes nothing else, failures said (and escalated) without interrupting
service, and a new computer started from a backup."""

from __future__ import annotations

import datetime as dt
import errno
import os

import pytest

from cafe_loyalty.backup import archive as backup
from cafe_loyalty.errors import CafeError, StorageError
from cafe_loyalty.services.auto_backups import kept

pytestmark = pytest.mark.sqlite_only


@pytest.fixture
def folder(tmp_path):
    where = tmp_path / "usb"
    where.mkdir()
    return where


@pytest.fixture
def owner(cafe):
    return cafe.staff.owner_id()


def ours(folder):
    return sorted(p.name for p in folder.iterdir() if "-auto-" in p.name and p.suffix == ".cafebackup")


def test_a_year_of_rotation_keeps_7_daily_4_weekly_12_monthly():
    start = dt.datetime(2026, 1, 1, 22, 0)
    times = [start + dt.timedelta(days=n) for n in range(365)]
    keep = kept(times, 7, 4, 12)
    days = sorted({t.date() for t in keep}, reverse=True)
    assert days[:7] == [t.date() for t in sorted(times, reverse=True)[:7]]  # the last seven days
    weeks = {t.isocalendar()[:2] for t in keep}
    months = {(t.year, t.month) for t in keep}
    assert len(weeks) >= 4 and len(months) == 12 and len(keep) <= 7 + 4 + 12
    assert max(times) in keep and min(times) not in keep  # the oldest month is the 13th: gone


def test_one_backup_a_day_verified_rotated_and_nothing_else_touched(cafe, clock, owner, folder):
    cafe.customers.add("Sara")
    (folder / "my-notes.txt").write_text("the owner's own file")
    manual = folder / "café-shirin-2026-01-05.cafebackup"
    manual.write_bytes(b"a manual backup, not ours to rotate")
    cafe.auto_backups.choose_folder(folder, by=owner)
    written = []
    for _day in range(40):
        done = cafe.auto_backups.run()
        assert done.written and not cafe.auto_backups.due()  # one a day: the next waits for tomorrow
        assert cafe.auto_backups.run().written == ""
        written.append(done.written)
        clock.advance(days=1)
    files = ours(folder)
    expected = kept([dt.datetime.strptime(p.rsplit("-auto-", 1)[1][:17], "%Y-%m-%d-%H%M%S") for p in written], 7, 4, 12)
    assert len(files) == len(expected) and len(files) < 40
    assert (folder / "my-notes.txt").exists() and manual.exists()  # never the owner's files
    newest = folder / files[-1]
    (folder.parent / "check").mkdir()
    summary, _db = backup.open_backup(newest, folder.parent / "check")
    assert summary.counts["customer"] == 1
    assert not cafe.backups.reminder().due  # the monthly reminder is satisfied


@pytest.mark.parametrize("where", ["write", "verify", "rename"])
def test_a_backup_cut_short_leaves_no_backup_and_the_earlier_ones_intact(
    cafe, clock, owner, folder, monkeypatch, where
):
    cafe.auto_backups.choose_folder(folder, by=owner)
    cafe.auto_backups.run()
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    clock.advance(days=1)

    def cut(*_a, **_k):
        raise OSError(errno.EIO, "Input/output error (the stick was pulled)")

    target = {"write": (backup, "_zip_time"), "verify": (backup, "open_backup"), "rename": (os, "replace")}[where]
    monkeypatch.setattr(*target, cut)
    with pytest.raises((StorageError, OSError)):
        cafe.auto_backups.run()
    monkeypatch.undo()
    after = {p.name: p.read_bytes() for p in folder.iterdir()}
    assert after == before  # nothing half-written looks like a backup; nothing earlier lost
    status = cafe.auto_backups.status()
    assert status.failing_since is not None and "Input/output" in status.problem


def test_a_missing_or_full_folder_is_said_and_escalated_after_three_days(cafe, clock, owner, folder, monkeypatch):
    cafe.auto_backups.choose_folder(folder, by=owner)
    folder.rmdir()  # unplugged
    with pytest.raises(StorageError, match="not there"):
        cafe.auto_backups.run()
    first = cafe.auto_backups.status()
    assert first.failing_since is not None and not first.serious
    folder.mkdir()

    def full(*_a, **_k):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(backup, "_zip_time", full)
    clock.advance(days=3)
    with pytest.raises(StorageError):
        cafe.auto_backups.run()
    later = cafe.auto_backups.status()
    assert later.failing_since == first.failing_since and later.serious and "No space" in later.problem
    monkeypatch.undo()
    assert cafe.auto_backups.run().written  # back: the failure is over
    assert cafe.auto_backups.status().failing_since is None


def test_a_folder_that_is_not_there_or_not_writable_is_refused_when_chosen(cafe, owner, tmp_path, monkeypatch):
    from cafe_loyalty.errors import ValidationError

    with pytest.raises(ValidationError, match="no folder"):
        cafe.auto_backups.choose_folder(tmp_path / "not-plugged-in", by=owner)
    original = type(tmp_path).write_bytes

    def read_only(self, data):
        if self.name.startswith(".cafe-loyalty-write-test"):
            raise PermissionError(errno.EROFS, "Read-only file system")
        return original(self, data)

    monkeypatch.setattr(type(tmp_path), "write_bytes", read_only)
    with pytest.raises(StorageError, match="cannot be written"):
        cafe.auto_backups.choose_folder(tmp_path, by=owner)
    assert cafe.auto_backups.status().folder == ""


def test_the_command_line_chooses_the_folder_runs_and_reports(tmp_path, folder, capsys):
    from cafe_loyalty.cli import main

    db = str(tmp_path / "c.db")
    assert main(["--db", db, "setup", "C", "--owner", "O", "--pin", "2468"]) == 0
    assert main(["--db", db, "backup", "auto", "--folder", str(folder)]) == 8  # owner only
    assert main(["--db", db, "backup", "auto", "--folder", str(folder), "--owner-pin", "2468"]) == 0
    assert main(["--db", db, "backup", "auto", "run"]) == 0  # a scheduled task: no PIN
    assert "Written and verified" in capsys.readouterr().out
    assert main(["--db", db, "--json", "backup", "status"]) == 0
    out = capsys.readouterr().out
    assert '"folder"' in out and '"last_file"' in out and ".cafebackup" in out
    assert len(ours(folder)) == 1


def test_the_till_never_starts_a_backup_while_it_is_working(qtbot, cafe, owner, folder, make_till):
    cafe.auto_backups.choose_folder(folder, by=owner)
    window = make_till()
    window._last_busy = 0.0  # long idle...
    window.ops._outstanding += 1  # ...but a stamp is on the worker
    assert window.ops.idle is False and window.strips.maybe_auto_backup() is False
    window.ops._outstanding -= 1
    window._busy(False)  # the till just worked: not idle yet
    assert window.strips.maybe_auto_backup() is False
    window._last_busy = 0.0
    assert window.strips.maybe_auto_backup() is True
    qtbot.waitUntil(lambda: not window._auto_backup_running)
    assert len(ours(folder)) == 1


@pytest.mark.parametrize("code", ["en", "fa"])
def test_the_till_says_when_backups_fail_and_escalates(qtbot, cafe, clock, owner, folder, make_till, language, code):
    language(code)
    cafe.auto_backups.choose_folder(folder, by=owner)
    folder.rmdir()
    with pytest.raises(StorageError):
        cafe.auto_backups.run()
    window = make_till()
    qtbot.waitUntil(lambda: window.reminder.isVisible())
    text = window.reminder_text.text()
    assert str(folder) in text and window.reminder.property("tone") == "warn"
    clock.advance(days=4)
    window.strips.update_reminder()
    qtbot.waitUntil(lambda: window.reminder.property("tone") == "error")


def _backup_of_a_cafe(tmp_path, passphrase=None):
    from cafe_loyalty.app import Cafe

    old = Cafe.open(tmp_path / "old" / "cafe.db")
    old.set_up("Café Shirin", "Maryam", "2468", "en")
    for name in ("Sara", "Reza"):
        old.customers.add(name)
    made = old.backups.create(tmp_path / "old", passphrase=passphrase, by=old.staff.owner_id())
    old.close()
    return made.path


@pytest.mark.parametrize("passphrase", [None, "a long walk"])
def test_a_new_computer_starts_from_a_backup_at_first_start(qtbot, tmp_path, passphrase, monkeypatch):
    """The till's computer died: on the new one the first-start dialog restores the backup."""
    from cafe_loyalty_ui import app as ui_app
    from cafe_loyalty_ui import i18n
    from PySide6.QtWidgets import QMessageBox

    monkeypatch.setattr(i18n, "system_language", lambda: "en")
    path = _backup_of_a_cafe(tmp_path, passphrase)
    session = ui_app.Session(ui_app.make_app(), tmp_path / "new" / "cafe.db")
    try:
        assert session.start()
        dialog = session.setup_dialog
        assert dialog.restore_button.isVisible()
        dialog.restore_chosen.emit(path)  # what the file dialog does when the file is picked
        if passphrase:
            ask = session.passphrase_dialog
            assert ask is not None and "encrypted" in ask.labelText()
            ask.setTextValue(passphrase)
            ask.accept()
        box = session.restore_box
        assert "2 regulars" in box.text()
        box.button(QMessageBox.StandardButton.Ok).click()
        qtbot.waitUntil(lambda: session.window is not None and session.window.ops.idle)
        assert session.window.cafe_name.text() == "Café Shirin"
        assert {c.first_name for c in session.cafe.customers.search("")} == {"Sara", "Reza"}
    finally:
        session.close()


def test_backup_restore_on_a_computer_with_no_cafe_through_the_installed_command(tmp_path):
    from tests.test_installed_command import SCRIPT, run, user_env

    if SCRIPT is None:
        pytest.skip("the console script is not installed")
    path = _backup_of_a_cafe(tmp_path)
    env = user_env(tmp_path / "home")
    done = run(f'cafe-loyalty backup restore "{path}" --yes', tmp_path, env)
    assert done.returncode == 0, done.stderr
    shown = run("cafe-loyalty customer find --json", tmp_path, env)
    assert shown.returncode == 0 and "Sara" in shown.stdout and "Reza" in shown.stdout


def test_the_owner_chooses_the_folder_in_the_backup_tab(qtbot, cafe, owner, folder, make_till):
    from PySide6.QtCore import Qt

    from .test_ui_owner import unlock

    window = make_till()
    unlock(qtbot, window)
    tab = window.owner_dialog.backup
    qtbot.waitUntil(lambda: "Choose a folder" in tab.auto_status.text())
    qtbot.mouseClick(tab.folder_button, Qt.MouseButton.LeftButton)
    tab.file_dialog.fileSelected.emit(str(folder))  # the folder picked in the dialog
    qtbot.waitUntil(lambda: str(folder) in tab.auto_status.text())
    qtbot.mouseClick(tab.auto_now_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(ours(folder)) == 1 and "verified" in tab.auto_status.text())


# -- encrypted automatic backups: the passphrase kept on the till, never in the database -----


def test_encrypted_backups_need_the_passphrase_and_the_database_never_holds_it(cafe, owner, folder, tmp_path):
    from cafe_loyalty.backup import passphrases as backup_passphrases
    from cafe_loyalty.backup.crypto import WrongPassphrase

    cafe.customers.add("Sara")
    cafe.auto_backups.choose_folder(folder, by=owner)
    status = cafe.auto_backups.set_passphrase("a long walk home", by=owner)
    assert status.encrypted and status.passphrase_here
    written = cafe.auto_backups.run().written
    (tmp_path / "a").mkdir()
    with pytest.raises(WrongPassphrase):
        backup.open_backup(written, tmp_path / "a")  # a lost stick reveals nothing
    (tmp_path / "b").mkdir()
    summary, _db = backup.open_backup(written, tmp_path / "b", "a long walk home")
    assert summary.counts["customer"] == 1
    assert b"a long walk home" not in _db.read_bytes()  # not inside what it locks
    store = backup_passphrases.store_path()
    assert store.stat().st_mode & 0o077 == 0  # this user's eyes only
    cafe.auto_backups.set_passphrase(None, by=owner)  # stop: the next ones are plain
    assert not cafe.auto_backups.status().encrypted and "a long walk home" not in store.read_text()
    (tmp_path / "c").mkdir()
    assert backup.open_backup(cafe.auto_backups.run(force=True).written, tmp_path / "c")[0].counts["customer"] == 1


@pytest.mark.parametrize("bad", ["", "short", "        ", "x" * 1025])
def test_a_weak_or_odd_passphrase_is_refused_and_nothing_changes(cafe, owner, folder, bad):
    from cafe_loyalty.backup import passphrases as backup_passphrases
    from cafe_loyalty.errors import ValidationError

    cafe.auto_backups.choose_folder(folder, by=owner)
    with pytest.raises(ValidationError, match="passphrase"):
        cafe.auto_backups.set_passphrase(bad, by=owner)
    assert not cafe.auto_backups.status().encrypted and not backup_passphrases.store_path().exists()
    with pytest.raises(CafeError):
        cafe.auto_backups.set_passphrase("a long walk home", by=None)  # the owner's to choose


def test_on_a_new_computer_without_the_passphrase_backups_fail_clearly_until_it_is_typed(
    cafe, owner, folder, monkeypatch, tmp_path
):
    cafe.auto_backups.choose_folder(folder, by=owner)
    cafe.auto_backups.set_passphrase("a long walk home", by=owner)
    monkeypatch.setenv("CAFE_LOYALTY_CONFIG_DIR", str(tmp_path / "another-computer"))
    status = cafe.auto_backups.status()
    assert status.encrypted and not status.passphrase_here
    with pytest.raises(StorageError, match="does not hold their passphrase"):
        cafe.auto_backups.run()
    assert ours(folder) == [] and "passphrase" in cafe.auto_backups.status().problem  # said in the strip
    cafe.auto_backups.set_passphrase("a long walk home", by=owner)
    assert cafe.auto_backups.run().written and cafe.auto_backups.status().failing_since is None


def test_encryption_through_the_installed_command(tmp_path, folder):
    from tests.test_installed_command import SCRIPT, run, user_env

    if SCRIPT is None:
        pytest.skip("the console script is not installed")
    env = user_env(tmp_path / "home")
    assert run("cafe-loyalty setup C --owner O --pin 2468", tmp_path, env).returncode == 0
    done = run(f'cafe-loyalty backup auto --folder "{folder}" --encrypt --owner-pin 2468', tmp_path, env, stdin="")
    assert done.returncode != 0 and "passphrase" in done.stderr.lower()  # nothing typed: refused
    assert '"folder": ""' in run("cafe-loyalty --json backup status", tmp_path, env).stdout  # nothing changed
    typed = "a long walk home\na long walk home\n"
    done = run(f'cafe-loyalty backup auto --folder "{folder}" --encrypt --owner-pin 2468', tmp_path, env, typed)
    assert done.returncode == 0 and "Encrypted with the passphrase" in done.stdout, done.stderr
    assert "a long walk home" not in done.stdout + done.stderr
    assert run("cafe-loyalty backup auto run", tmp_path, env).returncode == 0
    (name,) = ours(folder)
    plain = run(f'cafe-loyalty backup verify "{folder / name}" --owner-pin 2468', tmp_path, env)
    assert plain.returncode != 0 and "passphrase" in plain.stderr.lower()
    verify = f'cafe-loyalty backup verify "{folder / name}" --owner-pin 2468'
    good = run(verify + ' --passphrase "a long walk home"', tmp_path, env)
    assert good.returncode == 0, good.stderr


def test_choosing_a_folder_offers_a_passphrase_in_the_backup_tab(qtbot, cafe, owner, folder, make_till, tmp_path):
    from PySide6.QtCore import Qt

    from .test_ui_owner import unlock

    window = make_till()
    unlock(qtbot, window)
    tab = window.owner_dialog.backup
    qtbot.waitUntil(lambda: "Choose a folder" in tab.auto_status.text())
    qtbot.mouseClick(tab.folder_button, Qt.MouseButton.LeftButton)
    tab.file_dialog.fileSelected.emit(str(folder))
    qtbot.waitUntil(lambda: tab.passphrase_dialog is not None and tab.passphrase_dialog.isVisible())
    dialog = tab.passphrase_dialog
    qtbot.keyClicks(dialog.first, "a long walk home")
    qtbot.keyClicks(dialog.again, "a long walk hom")
    qtbot.mouseClick(dialog.encrypt_button, Qt.MouseButton.LeftButton)
    assert "differ" in dialog.result.text() and not cafe.auto_backups.status().encrypted
    dialog.first.setText("short")
    dialog.again.setText("short")
    qtbot.mouseClick(dialog.encrypt_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "at least 8" in dialog.result.text())
    assert dialog.isVisible() and not cafe.auto_backups.status().encrypted
    dialog.first.setText("a long walk home")
    dialog.again.setText("a long walk home")
    qtbot.mouseClick(dialog.encrypt_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    qtbot.waitUntil(lambda: "Encrypted with the passphrase" in tab.auto_status.text())
    qtbot.mouseClick(tab.auto_now_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(ours(folder)) == 1)
    (tmp_path / "x").mkdir()
    assert backup.open_backup(folder / ours(folder)[0], tmp_path / "x", "a long walk home")[0].counts


def test_a_damaged_passphrase_file_is_a_clear_error_and_changes_nothing(cafe, owner, folder):
    from cafe_loyalty.backup import passphrases as backup_passphrases

    cafe.auto_backups.choose_folder(folder, by=owner)
    store = backup_passphrases.store_path()
    store.parent.mkdir(parents=True, exist_ok=True)
    store.write_text("{not json", encoding="utf-8")
    with pytest.raises(StorageError, match="cannot be read"):
        cafe.auto_backups.set_passphrase("a long walk home", by=owner)
    status = cafe.auto_backups.status()
    assert not status.encrypted and store.read_text(encoding="utf-8") == "{not json"
    assert cafe.auto_backups.run().written  # the plain backups carry on

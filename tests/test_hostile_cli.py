"""The CLI under hostile input: every command and argument kind (ids, numbers, dates, text,
paths) is tried with what an attacker or a bad day would type. Each must end in a one-line
message with its documented exit code, never a traceback, and a refused command must write
nothing (the failed-PIN counter excepted, which must persist)."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys

import pytest

from cafe_loyalty.cli import main

HUGE = "99999999999999999999"
LONG = "7" * 5000
OWNER = ("--owner-pin", "2468")
# Rows that a refused owner command may change: the failed-PIN counter and its audit event.
PIN_COUNTER = {"owner_pin_failures", "owner_pin_locked_until"}


@pytest.fixture
def cafe_file(tmp_path, capsys):
    path = tmp_path / "X.db"
    assert main(["--db", str(path), "setup", "C", "--owner", "O", "--pin", "2468"]) == 0
    assert main(["--db", str(path), "customer", "add", "Sara"]) == 0
    assert main(["--db", str(path), "menu", "add", "Latte", *OWNER]) == 0
    capsys.readouterr()
    return path


def dump(path) -> dict[str, list[tuple]]:
    """Every row of every table, without the PIN counter's rows (allowed to change)."""
    con = sqlite3.connect(path)
    try:
        tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        rows = {t: con.execute(f'SELECT * FROM "{t}" ORDER BY rowid').fetchall() for t in tables}
    finally:
        con.close()
    rows["setting"] = [r for r in rows["setting"] if r[0] not in PIN_COUNTER]
    rows["event"] = [r for r in rows["event"] if r[3] != "owner.pin_failed"]
    return rows


def listing(folder) -> list[str]:
    # A lock file (``X.db.lock``) left behind would be listed too: a refusal leaves none.
    return sorted(p.name for p in folder.iterdir())


def refused(path, capsys, *args: str) -> tuple[int, str]:
    before = dump(path)
    files = listing(path.parent)
    code = main(["--db", str(path), *args])  # a traceback would fail the test right here
    out, err = capsys.readouterr()
    assert code in (2, 3, 4, 5, 8), (code, out, err)
    assert out == "" and err.strip(), (out, err)
    assert "Traceback" not in err and len(err.strip().splitlines()[-1]) < 400
    assert dump(path) == before, f"{args} wrote to the database"
    assert listing(path.parent) == files, f"{args} left a file behind"
    return code, err


ID_COMMANDS = [
    ("stamp", "{}"),
    ("redeem", "{}"),
    ("undo", "{}", "--reason", "oops"),
    ("customer", "show", "{}"),
    ("customer", "edit", "{}", "--notes", "n"),
    ("customer", "usual", "{}", "Latte"),
    ("customer", "export", "{}", *OWNER),
    ("customer", "forget", "{}", "--yes", *OWNER),
    ("card", "show", "{}"),
    ("card", "print", "{}", "--pdf", "out.pdf"),
    ("card", "sheet", "{}", "--pdf", "out.pdf"),
    ("card", "reissue", "{}"),
    ("feedback", "add", "{}", "text", "--kind", "idea"),
    ("feedback", "resolve", "{}"),
    ("treat", "{}", "cake"),
    ("visit", "{}", "Latte"),
    ("customer", "add", "Reza", "--referred-by", "{}"),
    ("stamp", "1", "--staff", "{}"),
    ("visit", "1", "{}"),
]
BAD_IDS = [HUGE, LONG, "-1", "0", "1e3", "abc", "\u202e1", "☕", " "]


@pytest.mark.parametrize("template", ID_COMMANDS, ids=lambda t: " ".join(t))
@pytest.mark.parametrize("bad", BAD_IDS, ids=["huge", "5000 digits", "-1", "0", "1e3", "abc", "rlo", "emoji", "blank"])
def test_bad_ids_are_refused_cleanly(cafe_file, capsys, template, bad):
    args = [bad if part == "{}" else part for part in template]
    if "--pdf" in args:
        args[args.index("--pdf") + 1] = str(cafe_file.parent / "out.pdf")
    refused(cafe_file, capsys, *args)


@pytest.mark.parametrize(
    "args",
    [
        ("customer", "find", "x", "--limit", HUGE),
        ("customer", "find", "x", "--limit", "-5"),
        ("customer", "find", "x", "--limit", "0"),
        ("customer", "birthdays", "--days", LONG),
        ("report", "--weeks", "0"),
        ("report", "--weeks", HUGE),
        ("settings", "set", "guard_minutes=" + HUGE, *OWNER),
        ("settings", "set", "card_slots=" + LONG, *OWNER),
        ("settings", "set", "nonsense", *OWNER),
        ("settings", "set", "no_such_key=1", *OWNER),
    ],
    ids=lambda a: " ".join(a)[:40],
)
def test_bad_numbers_are_refused_cleanly(cafe_file, capsys, args):
    refused(cafe_file, capsys, *args)


@pytest.mark.parametrize(
    "when",
    ["9999-12-31T23:59:59-14:00", "0001-01-01T00:00+14:00", "2099-01-01", "1900-01-01T00:00", "yesterday", ""],
)
def test_visits_at_impossible_times_are_refused(cafe_file, capsys, when):
    refused(cafe_file, capsys, "visit", "1", "Latte", "--at", when)


@pytest.mark.parametrize("birthday", ["0000-01-01", "1899-12-31", "2099-01-01", "13-40", "02-30", "1-2-3-4", "١٢-٠١"])
def test_impossible_birthdays_are_refused(cafe_file, capsys, birthday):
    refused(cafe_file, capsys, "customer", "add", "Reza", "--birthday", birthday)
    refused(cafe_file, capsys, "customer", "edit", "1", "--birthday", birthday)


@pytest.mark.parametrize(
    "name", ["", "   ", "\u202e\u200f", "x" * 10_000, "\x00\x01"], ids=["empty", "blank", "bidi", "huge", "nul"]
)
def test_names_that_are_not_names_are_refused(cafe_file, capsys, name):
    refused(cafe_file, capsys, "customer", "add", name)


def test_text_that_is_not_utf8_is_refused(cafe_file, capsys):
    # The shell hands undecodable bytes to Python as lone surrogates.
    bad = b"Sara\xff\xfe".decode("utf-8", "surrogateescape")
    _code, err = refused(cafe_file, capsys, "customer", "find", bad)
    assert "not valid UTF-8" in err
    refused(cafe_file, capsys, "customer", "add", bad)


def test_setup_on_a_cafe_that_is_set_up_is_refused(cafe_file, capsys):
    code, err = refused(cafe_file, capsys, "setup", "Hijacked", "--owner", "Mallory", "--pin", "0000")
    assert code == 8 and "already set up" in err
    # ... so the would-be owner's PIN opens nothing
    refused(cafe_file, capsys, "customer", "export", "1", "--owner-pin", "0000")
    refused(cafe_file, capsys, "settings", "set", "guard_minutes=0", "--owner-pin", "0000")


def test_a_refused_owner_command_writes_nothing_but_the_pin_counter(cafe_file, capsys):
    refused(cafe_file, capsys, "settings", "set", "guard_minutes=0", "--owner-pin", "1111")
    con = sqlite3.connect(cafe_file)
    assert con.execute("SELECT value FROM setting WHERE key = 'owner_pin_failures'").fetchone() == ("1",)
    con.close()
    # the right PIN, but the command itself is refused: no "owner.unlock", no reset written
    refused(cafe_file, capsys, "settings", "set", "head_start=99", *OWNER)
    refused(cafe_file, capsys, "customer", "export", "42", *OWNER)
    refused(cafe_file, capsys, "backup", "restore", str(cafe_file.parent / "missing.cafebackup"), "--yes", *OWNER)


@pytest.mark.parametrize(
    "args",
    [
        ("customer", "add", "Sara"),
        ("stamp", "1"),
        ("backup", "create"),
        ("export", "csv"),
        ("settings", "set", "guard_minutes=0"),
        ("customer", "find", "x"),
    ],
)
def test_commands_on_a_cafe_never_set_up_are_refused_and_create_nothing(tmp_path, capsys, args):
    path = tmp_path / "new.db"
    assert main(["--db", str(path), *args]) == 2
    assert "not set up" in capsys.readouterr().err.replace("no café at", "not set up")
    assert list(tmp_path.iterdir()) == []
    # A file left by a till whose setup dialog was cancelled: still refused, still unchanged.
    from cafe_loyalty.app import Cafe

    Cafe.open(path).close()
    before = dump(path)
    assert main(["--db", str(path), *args]) == 2
    assert "not set up yet" in capsys.readouterr().err
    assert dump(path) == before


def test_an_empty_database_file_is_not_taken_as_a_new_cafe(tmp_path, capsys):
    path = tmp_path / "cafe.db"
    path.write_bytes(b"")
    for args in (["setup", "New"], ["customer", "find", ""]):
        assert main(["--db", str(path), *args]) == 5
        assert "empty (0 bytes)" in capsys.readouterr().err
    assert path.stat().st_size == 0


def test_targets_that_are_not_files_are_refused(cafe_file, capsys, tmp_path):
    folder = tmp_path / "folder"
    folder.mkdir()
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    link = tmp_path / "link.pdf"
    link.symlink_to(tmp_path / "elsewhere.pdf")
    for target in (fifo, link):
        _code, err = refused(cafe_file, capsys, "card", "print", "1", "--pdf", str(target))
        assert "not an ordinary file" in err
    assert fifo.exists() and link.is_symlink() and not (tmp_path / "elsewhere.pdf").exists()
    _code, err = refused(cafe_file, capsys, "backup", "create", "--out", str(fifo), *OWNER)
    assert "not an ordinary file" in err
    _code, err = refused(cafe_file, capsys, "backup", "create", "--out", str(tmp_path / ("b" * 300)), *OWNER)
    assert "too long" in err


def test_customer_export_json_into_a_full_disk(cafe_file):
    exe = shutil.which("cafe-loyalty")
    assert exe
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [exe, "--db", str(cafe_file), "customer", "export", "1", *OWNER],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
        )
    assert done.returncode == 5 and "Traceback" not in done.stderr
    assert "could not write the output" in done.stderr


def test_json_into_a_closed_pipe_ends_quietly(cafe_file):
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader (`| head -c 10`) is gone before anything is written
    try:
        done = subprocess.run(
            [sys.executable, "-m", "cafe_loyalty", "--db", str(cafe_file), "customer", "find", "", "--json"],
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
        )
    finally:
        os.close(write_end)
    assert done.returncode == 1 and done.stderr == ""


def test_undecodable_bytes_from_the_shell(cafe_file):
    done = subprocess.run(
        [sys.executable, "-m", "cafe_loyalty", "--db", str(cafe_file), "customer", "find", b"\xff\xfe"],
        capture_output=True,
    )
    assert done.returncode == 2 and b"Traceback" not in done.stderr and b"not valid UTF-8" in done.stderr


def test_stamp_lands_on_the_new_card_after_another_till_redeemed(cafe_file, capsys):
    """The customer was looked up, then another till redeemed their full card: the stamp is the
    same customer's purchase and goes on the new card."""
    for _ in range(8):
        assert main(["--db", str(cafe_file), "stamp", "1", "--force"]) == 0
    capsys.readouterr()
    from cafe_loyalty.app import Cafe

    other = Cafe.open(cafe_file)
    try:
        full = other.ledger.current_card(1)
        other.ledger.redeem(full.id, by=None)
        card = other.ledger.stamp_customer(1, by=None, force=True)
    finally:
        other.close()
    assert card.id != full.id and card.filled == 3
    assert main(["--db", str(cafe_file), "stamp", "1", "--force", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["filled"] == 4

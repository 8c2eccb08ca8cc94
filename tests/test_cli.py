"""The CLI contract: commands, JSON shapes, exit codes, errors on stderr that change nothing."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys

import pytest

from cafe_loyalty.cli import main, wants_cli


@pytest.fixture
def run(db_path, capsys):
    """Run a CLI command on ``db_path``. A test that does not start with ``setup`` gets a café
    set up for it (named "Café", no owner PIN), as commands are refused where there is none."""

    def _run(*args: str, expect: int = 0):
        if not db_path.exists() and args[0] != "setup":
            assert main(["setup", "Café", "--db", str(db_path)]) == 0
            capsys.readouterr()
        code = main([*args, "--db", str(db_path)])
        out, err = capsys.readouterr()
        assert code == expect, (out, err)
        return out, err

    return _run


def as_json(run, *args: str):
    out, _ = run(*args, "--json")
    return json.loads(out)


def test_full_card_cycle_through_the_cli(run):
    sara = as_json(run, "customer", "add", "Sara", "--last-name", "Ahmadi", "--phone", "0912 345 6789")
    assert sara["first_name"] == "Sara" and isinstance(sara["id"], int)
    card = sara["card"]
    assert (card["slots"], card["head_start"], card["filled"], card["redeemable"]) == (10, 2, 2, False)
    for i in range(8):
        card = as_json(run, "stamp", str(sara["id"]), "--force")
        assert card["filled"] == 3 + i
    assert card["redeemable"] is True
    result = as_json(run, "redeem", card["code"])
    assert result["reward"] and result["card"]["filled"] == 2 and result["card"]["redeemable"] is False
    undone = as_json(run, "undo", str(sara["id"]), "--reason", "wrong customer")
    assert undone["undone"] == "redemption" and undone["card"]["redeemable"] is True
    shown = as_json(run, "card", "show", card["code"].lower())
    assert shown["filled"] == 10 and shown["code"] == card["code"]


def test_find_and_show(run):
    as_json(run, "customer", "add", "علی", "--last-name", "کریمی")
    as_json(run, "customer", "add", "Sara")
    found = as_json(run, "customer", "find", "علي")
    assert [c["first_name"] for c in found] == ["علی"]
    assert {"id", "first_name", "last_name"} <= set(found[0])
    shown = as_json(run, "customer", "show", str(found[0]["id"]))
    assert shown["last_name"] == "کریمی" and shown["card"]["filled"] == 2
    assert shown["history"][0]["kind"] == "issued"
    out, _ = run("customer", "find", "nobody-here")
    assert "No regular" in out


def test_guard_refuses_without_force(run, db_path):
    sara = as_json(run, "customer", "add", "Sara")
    as_json(run, "stamp", str(sara["id"]))
    out, err = run("stamp", str(sara["id"]), "--json", expect=4)
    assert out == "" and "already stamped" in err and "--force" in err
    assert as_json(run, "card", "show", str(sara["id"]))["filled"] == 3


@pytest.mark.parametrize(
    ("args", "expect", "message"),
    [
        (("customer", "add", "   "), 2, "first name"),
        (("customer", "add", "x" * 10_000), 2, "too long"),
        (("stamp", "999"), 3, "no customer"),
        (("stamp", "K7QM-4T2X-9RBD-CW3X"), 3, "does not check out"),
        (("stamp", "hello"), 3, "not a card code"),
        (("redeem", "1"), 4, "not full"),
        (("undo", "1", "--reason", "oops"), 4, "nothing to undo"),
        (("settings", "set", "head_start=12"), 2, "smaller"),
    ],
)
def test_errors_go_to_stderr_and_change_nothing(run, args, expect, message):
    as_json(run, "customer", "add", "Sara")
    before = as_json(run, "customer", "show", "1")
    out, err = run(*args, expect=expect)
    assert out == "" and message in err.lower()
    assert as_json(run, "customer", "show", "1") == before


def test_settings_show_and_set(run):
    settings = as_json(run, "settings", "set", "card_slots=12", "head_start=3", "reward_text=a cookie")
    assert (settings["card_slots"], settings["head_start"], settings["reward_text"]) == (12, 3, "a cookie")
    assert as_json(run, "customer", "add", "Sara")["card"]["slots"] == 12


def test_setup_names_the_cafe(run):
    settings = as_json(run, "setup", "Café Shirin", "--owner", "Maryam", "--pin", "2468")
    assert settings["cafe_name"] == "Café Shirin"
    staff = as_json(run, "staff", "list")
    assert [s["role"] for s in staff] == ["owner", "barista"]


def test_wants_cli_tells_commands_from_app_options():
    assert wants_cli(["customer", "add", "Sara"])
    assert wants_cli(["--db", "x.db", "stamp", "1"])
    assert not wants_cli([])
    assert not wants_cli(["--db", "stamp"])  # a database file that happens to be called "stamp"
    assert not wants_cli(["--lang", "fa"])


def test_installed_entry_point_and_module_run_the_cli(db_path):
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    exe = shutil.which("cafe-loyalty")
    assert exe, "pip install -e . should have put cafe-loyalty on PATH"
    subprocess.run([exe, "setup", "Café", "--db", str(db_path)], capture_output=True, env=env, check=True)
    out = subprocess.run(
        [exe, "customer", "add", "Sara", "--db", str(db_path), "--json"],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    code = json.loads(out.stdout)["card"]["code"]
    out = subprocess.run(
        [sys.executable, "-m", "cafe_loyalty", "stamp", code, "--db", str(db_path), "--json"],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    assert json.loads(out.stdout)["filled"] == 3


def test_card_print_sheet_lookup_and_reissue(run, tmp_path):
    from PIL import Image

    from .qr import decode_all, page_sizes_mm

    sara = as_json(run, "customer", "add", "Sara")
    reza = as_json(run, "customer", "add", "Reza")
    printed = as_json(
        run,
        "card",
        "print",
        str(sara["id"]),
        "--pdf",
        str(tmp_path / "s.pdf"),
        "--png",
        str(tmp_path / "s.png"),
    )
    assert len(printed["files"]) == 2
    assert decode_all(Image.open(tmp_path / "s.png")) == [sara["card"]["code"]]
    sheet = as_json(run, "card", "sheet", "--new-since", "2000-01-01", "--pdf", str(tmp_path / "sheet.pdf"))
    assert sheet["customer_ids"] == [sara["id"], reza["id"]] and sheet["pages"] == 1
    assert len(page_sizes_mm(tmp_path / "sheet.pdf")) == 1
    found = as_json(run, "card", "lookup", sara["card"]["code"])
    assert found["customer"]["id"] == sara["id"] and found["card"]["filled"] == 2
    new = as_json(run, "card", "reissue", str(sara["id"]))
    assert new["revoked_code"] == sara["card"]["code"] and new["code"] != sara["card"]["code"]
    out, err = run("card", "lookup", sara["card"]["code"], expect=3)
    assert out == "" and "replaced" in err and new["code"] in err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("card", "print", "1"), "--pdf"),
        (("card", "sheet", "--new-since", "yesterday", "--pdf", "x.pdf"), "yyyy-mm-dd"),
        (("card", "sheet", "--new-since", "2999-01-01", "--pdf", "x.pdf"), "no regulars"),
        (("card", "lookup", "https://evil.example/c/K7QM-4T2X-9RBD-CW3F"), "web address"),
    ],
)
def test_card_command_errors(run, args, message, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    as_json(run, "customer", "add", "Sara")
    out, err = run(*args, expect=2 if message != "web address" else 3)
    assert out == "" and message in err.lower()
    assert not (tmp_path / "x.pdf").exists()


def test_backup_commands_need_the_owner_pin_and_round_trip(run, tmp_path, db_path):
    from cafe_loyalty.store.db import AppLock

    as_json(run, "setup", "Café Shirin", "--owner", "Maryam", "--pin", "2468")
    as_json(run, "customer", "add", "Sara")
    out, err = run("backup", "create", expect=8)
    assert out == "" and "owner's PIN" in err
    out, err = run("backup", "create", "--owner-pin", "1111", expect=8)
    assert "Wrong PIN" in err
    made = as_json(run, "backup", "create", "--owner-pin", "2468", "--out", str(tmp_path / "b.cafebackup"))
    assert made["counts"]["customer"] == 1 and made["encrypted"] is False
    checked = as_json(run, "backup", "verify", made["path"], "--owner-pin", "2468")
    assert checked["integrity"] == "ok" and checked["counts"] == made["counts"]
    as_json(run, "customer", "add", "Reza")
    out, err = run("backup", "restore", made["path"], "--owner-pin", "2468", expect=2)
    assert "--yes" in err and "2 customers" in err  # shows what it will replace, changes nothing
    assert len(as_json(run, "customer", "find", "")) == 2
    with AppLock(db_path):
        out, err = run("backup", "restore", made["path"], "--owner-pin", "2468", "--yes", expect=6)
        assert "till is open" in err
    restored = as_json(run, "backup", "restore", made["path"], "--owner-pin", "2468", "--yes")
    assert restored["restored"]["counts"]["customer"] == 1 and restored["safety_copy"]
    assert [c["first_name"] for c in as_json(run, "customer", "find", "")] == ["Sara"]


def test_export_csv_from_the_cli(run, tmp_path):
    as_json(run, "setup", "Café Shirin", "--owner", "Maryam", "--pin", "2468")
    as_json(run, "customer", "add", "Sara", "--phone", "0912 345 6789")
    out, err = run("export", "csv", "--out", str(tmp_path / "s"), expect=8)
    assert out == "" and "PIN" in err and not (tmp_path / "s").exists()
    done = as_json(run, "export", "csv", "--owner-pin", "2468", "--out", str(tmp_path / "s"), "--tables", "customers")
    assert done == {"folder": str(tmp_path / "s"), "files": {"customers.csv": 1}}
    assert "Sara" in (tmp_path / "s" / "customers.csv").read_text(encoding="utf-8-sig")
    _out, err = run("export", "csv", "--owner-pin", "2468", "--out", str(tmp_path / "s"), expect=2)
    assert "already exists" in err
    _out, err = run("export", "csv", "--owner-pin", "2468", "--tables", "customers,secrets", expect=2)
    assert "Unknown spreadsheet(s): secrets" in err
    made = as_json(run, "export", "csv", "--owner-pin", "2468")  # the default: a dated folder
    assert sorted(made["files"]) == ["cards.csv", "customers.csv", "stamps.csv", "visits.csv"]
    assert "spreadsheets-café-shirin-" in made["folder"]


def test_encrypted_backup_from_the_cli(run, tmp_path, monkeypatch):
    as_json(run, "customer", "add", "Sara")
    monkeypatch.setenv("CAFE_LOYALTY_PASSPHRASE", "tea and cake")
    made = as_json(run, "backup", "create", "--out", str(tmp_path))
    assert made["encrypted"] and made["path"].endswith(".cafebackup")
    monkeypatch.delenv("CAFE_LOYALTY_PASSPHRASE")
    _out, err = run("backup", "verify", made["path"], expect=2)
    assert "encrypted" in err
    _out, err = run("backup", "verify", made["path"], "--passphrase", "coffee", expect=2)
    assert "Wrong passphrase" in err
    assert as_json(run, "backup", "verify", made["path"], "--passphrase", "tea and cake")["encrypted"]


def test_settings_set_is_owner_only_once_a_pin_exists(run):
    as_json(run, "setup", "Café", "--owner", "Maryam", "--pin", "2468")
    _out, err = run("settings", "set", "card_slots=12", expect=8)
    assert "PIN" in err
    assert as_json(run, "settings", "set", "card_slots=12", "--owner-pin", "2468")["card_slots"] == 12


def test_menu_visit_usual_feedback_and_privacy_commands(run, db_path):
    as_json(run, "setup", "Café", "--owner", "Maryam", "--pin", "2468")
    _out, err = run("menu", "add", "Latte", expect=8)  # the menu is the owner's, as at the till
    assert "PIN" in err
    latte = as_json(run, "menu", "add", "Latte", "--category", "coffee", "--owner-pin", "2468")
    as_json(run, "menu", "add", "Saffron cake", "--category", "cake", "--owner-pin", "2468")
    assert [i["name"] for i in as_json(run, "menu", "list")] == ["Saffron cake", "Latte"]  # by category
    sara = as_json(run, "customer", "add", "Sara", "--birthday", "1992-02-29", "--allergies", "nuts")
    assert sara["birthday"] == {"month": 2, "day": 29, "year": 1992, "calendar": "gregorian"} and sara["usual"] is None
    visit = as_json(run, "visit", str(sara["id"]), "latte", "--modifiers", "low-fat milk, not too hot")
    assert visit["stamped"] and visit["card"]["filled"] == 3
    earlier = (dt.datetime.now() - dt.timedelta(days=10)).replace(hour=8, minute=15).isoformat(timespec="minutes")
    as_json(run, "visit", str(sara["id"]), str(latte["id"]), "--at", earlier, "--no-stamp")
    shown = as_json(run, "customer", "show", str(sara["id"]))
    assert shown["usual"] == {
        "item_id": latte["id"],
        "item": "Latte",
        "modifiers": "low-fat milk, not too hot",
        "source": "learned",
    }
    assert shown["suggestion"] == "Saffron cake" and shown["visits"] == 2 and shown["feedback"] == []
    fb = as_json(run, "feedback", "add", str(sara["id"]), "Cold coffee", "--kind", "complaint")
    assert as_json(run, "customer", "show", str(sara["id"]))["feedback"][0]["text"] == "Cold coffee"
    assert [f["id"] for f in as_json(run, "feedback", "list")] == [fb["id"]]
    as_json(run, "feedback", "resolve", str(fb["id"]), "--note", "new grinder")
    assert as_json(run, "customer", "show", str(sara["id"]))["feedback"] == []
    pinned = as_json(run, "customer", "usual", str(sara["id"]), "Saffron cake", "--modifiers", "warm")
    assert pinned["source"] == "pinned"
    assert as_json(run, "customer", "lapsed") == []
    _out, err = run("customer", "export", str(sara["id"]), expect=8)
    assert "PIN" in err
    exported = json.loads(run("customer", "export", str(sara["id"]), "--owner-pin", "2468")[0])
    assert exported["customer"]["allergies"] == "nuts" and len(exported["visits"]) == 2
    _out, err = run("customer", "forget", str(sara["id"]), "--owner-pin", "2468", expect=2)
    assert "--yes" in err
    as_json(run, "customer", "forget", str(sara["id"]), "--owner-pin", "2468", "--yes")
    _out, err = run("customer", "show", str(sara["id"]), expect=3)
    assert "no customer" in err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("visit", "1", "Espresso"), "not on the menu"),
        (("visit", "1", "Latte", "--at", "yesterday"), "--at"),
        (("customer", "add", "Leo", "--birthday", "02-30"), "no day 30"),
        (("customer", "add", "Leo", "--birthday", "someday"), "mm-dd"),
        (("feedback", "resolve", "99"), "no feedback"),
        (("menu", "add", "  "), "item name"),
    ],
)
def test_issue6_commands_refuse_bad_input(run, args, message):
    as_json(run, "customer", "add", "Sara")
    as_json(run, "menu", "add", "Latte")
    out, err = run(*args, expect=2 if message not in ("not on the menu", "no feedback") else 3)
    assert out == "" and message in err.lower()
    assert len(as_json(run, "customer", "find", "")) == 1


def test_cli_takes_a_jalali_birthday(run):
    sara = as_json(run, "customer", "add", "Sara", "--birthday", "1399-12-30", "--jalali")
    assert sara["birthday"] == {"month": 12, "day": 30, "year": 1399, "calendar": "jalali"}
    _out, err = run("customer", "add", "Reza", "--birthday", "1404-12-30", "--jalali", expect=2)
    assert "no day 30" in err
    assert [c["first_name"] for c in as_json(run, "customer", "find")] == ["Sara"]

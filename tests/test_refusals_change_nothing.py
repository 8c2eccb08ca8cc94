"""Refused commands change nothing, anywhere: the second hostile probe's findings, run through
the installed ``cafe-loyalty`` as the probe ran them (tests/test_installed_command.py has the
helpers). A file that is not a café is left byte for byte as it was: not switched to WAL, no
``-wal``/``-shm`` and no lock file beside it."""

from __future__ import annotations

import hashlib
import sqlite3

import pytest

from tests.test_installed_command import SCRIPT, run, user_env

pytestmark = pytest.mark.skipif(SCRIPT is None, reason="the console script is not installed (pip install -e .)")


@pytest.fixture
def folder(tmp_path):
    con = sqlite3.connect(tmp_path / "other.db")
    con.executescript("CREATE TABLE note (x TEXT); INSERT INTO note VALUES ('not a café');")
    con.close()
    env = user_env(tmp_path / "home")
    assert run("cafe-loyalty --db cafe.db setup C --owner O --pin 2468", tmp_path, env).returncode == 0
    return tmp_path


def state(folder) -> tuple[list[str], dict[str, str]]:
    names = sorted(p.name for p in folder.iterdir() if p.name != "home")
    return names, {n: hashlib.sha256((folder / n).read_bytes()).hexdigest() for n in ("cafe.db", "other.db")}


@pytest.mark.parametrize(
    "line, code",
    [
        ("cafe-loyalty --db other.db customer show 1", 5),
        ("cafe-loyalty --db other.db stamp 1", 5),
        ("cafe-loyalty db copy --from cafe.db --to other.db", 5),
        ("cafe-loyalty db copy --from cafe.db --to other.db --yes", 5),
        ("cafe-loyalty db copy --from other.db --to new.db", 5),
        ('cafe-loyalty db copy --from "" --to new.db', 2),
        ('cafe-loyalty db copy --from cafe.db --to ""', 2),
        ("cafe-loyalty db copy --from missing.db --to new.db", 2),
        ("cafe-loyalty db copy --from cafe.db --to cafe.db", 2),
        ('cafe-loyalty --db "" customer find x', 2),
        ("cafe-loyalty --db cafe.db import undo 99999999999999999999999999 --yes --owner-pin 2468", 2),
        ("cafe-loyalty --db cafe.db import undo 9223372036854775808 --yes --owner-pin 2468", 2),
        ("cafe-loyalty --db cafe.db import undo 0 --yes --owner-pin 2468", 2),
    ],
)
def test_a_refused_command_changes_nothing(folder, line, code):
    before = state(folder)
    done = run(line, folder, user_env(folder / "home"))
    assert "Traceback" not in done.stderr
    assert done.returncode == code, done.stderr
    assert done.stderr.count("\n") <= 6 and "error" in done.stderr  # a message, not a dump
    assert state(folder) == before  # no lock file, no -wal, no new file, not a byte changed


def test_a_copy_that_works_leaves_no_lock_files(folder):
    done = run("cafe-loyalty db copy --from cafe.db --to new.db", folder, user_env(folder / "home"))
    assert done.returncode == 0, done.stderr
    assert not list(folder.glob("*.lock"))


def test_persian_digits_are_digits_on_the_command_line(folder):
    """A Persian keyboard types ۲۴۶۸: the owner's PIN, ids and counts read it as 2468 (#31)."""
    env = user_env(folder / "home")
    added = run("cafe-loyalty --db cafe.db customer add Sara --paper-stamps ۳ --json", folder, env)
    assert added.returncode == 0, added.stderr
    done = run("cafe-loyalty --db cafe.db stamp ۱ --at 2099-01-01T10:00 --owner-pin ۲۴۶۸", folder, env)
    assert "Wrong PIN" not in done.stderr and "PIN" not in done.stderr, done.stderr
    shown = run("cafe-loyalty --db cafe.db card show ١ --json", folder, env)  # Arabic-Indic one
    assert shown.returncode == 0 and '"filled": 3' in shown.stdout, shown.stdout + shown.stderr

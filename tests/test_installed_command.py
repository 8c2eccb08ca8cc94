"""The installed ``cafe-loyalty`` command, run as a user runs it: a subprocess of the console
script pip made, never ``cli.main`` in the test's own process.

``cafe-loyalty db copy`` once started the till's argument parser ("unrecognized arguments")
because the entry point kept its own copy of the command list; every test of the CLI called
``cli.main`` directly and could not see it. These tests run every subcommand's ``--help``, every
command block of the README (tests/readme_blocks.py says how blocks are marked), and a real call
of each command group through the console script.
"""

from __future__ import annotations

import json
import os
import shlex
import shutil
import signal
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from cafe_loyalty.cli import build_parser, command_names, subcommands
from cafe_loyalty.scanning.keymap import LAYOUTS, US_KEYS, US_SHIFTED
from tests.readme_blocks import Block, blocks

ROOT = Path(__file__).resolve().parent.parent
IMPORTS = Path(__file__).parent / "data" / "imports"
SCRIPT = shutil.which("cafe-loyalty")
pytestmark = pytest.mark.skipif(SCRIPT is None, reason="the console script is not installed (pip install -e .)")

# The README's example values, and what stands for them in a test's café.
CODE = "K7QM-4T2X-9RBD-CW3F"
FRENCH_SCAN = "-QBC)..."
BACKUP_NAME = "café-shirin-2026-11-23.cafebackup"
SERVER = "postgresql://cafe@server/cafe"
FILES = {
    "regulars.xlsx": "persian-regulars.xlsx",
    "loyverse.csv": "loyverse-customers.csv",
    "square.csv": "square-customers.csv",
}


def user_env(home: Path) -> dict[str, str]:
    """A user's environment on a fresh machine: a home of their own, the default data folder
    under it (~/.local/share/cafe-loyalty), no test settings."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "CAFE_LOYALTY_", "PG"))}
    env.update(HOME=str(home), CAFE_LOYALTY_CONFIG_DIR=str(home / ".config" / "cafe-loyalty"))
    env["LC_ALL"] = env["LANG"] = "C.UTF-8"
    return env


def run(line: str, cwd: Path, env: dict[str, str], stdin: str = "") -> subprocess.CompletedProcess[str]:
    """One command line through bash (as typed in a terminal: ``~``, quotes and ``>`` work)."""
    return subprocess.run(
        ["bash", "-c", line],
        cwd=cwd,
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        start_new_session=True,  # no terminal: getpass reads stdin, as in a script
    )


def typed_by_french_scanner(code: str) -> str:
    """What a scanner sending US key positions types into a French (AZERTY) layout."""
    plain, shifted = LAYOUTS["fr"]
    out = ""
    for ch in code:
        if ch in US_KEYS:
            out += plain[US_KEYS.index(ch)]
        else:
            out += shifted[US_SHIFTED.index(ch)]
    return out


def current_code(cwd: Path, env: dict[str, str]) -> str:
    done = run("cafe-loyalty card show 1 --json", cwd, env)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)["code"]


def substituted(line: str, cwd: Path, env: dict[str, str], server: str | None) -> str:
    if CODE in line or FRENCH_SCAN in line:
        code = current_code(cwd, env)
        # Quoted for the shell as a user pastes it: a French scan can type both kinds of quote.
        line = line.replace(CODE, code).replace(f'"{FRENCH_SCAN}"', shlex.quote(typed_by_french_scanner(code)))
    if BACKUP_NAME in line:
        made = sorted((cwd / "usb").glob("*.cafebackup"))
        assert made, "the README verifies a backup it has not made"
        line = line.replace(f"/media/usb/{BACKUP_NAME}", str(made[-1])).replace(BACKUP_NAME, str(made[-1]))
    if SERVER in line:
        assert server, "a block with the server's address runs with a test server"
        line = line.replace(SERVER, server)
    return line.replace("/media/usb", str(cwd / "usb"))


RUN_BLOCKS = [b for b in blocks() if b.mode == "run"]


def test_every_readme_block_of_commands_is_marked():
    """A new command block in the README is run by the test, or says why it cannot be."""
    unmarked = [b.name for b in blocks() if not b.mode]
    assert not unmarked, f"add <!-- readme-test: run --> or <!-- readme-test: no -- REASON --> before {unmarked}"
    assert RUN_BLOCKS, "the README's command blocks are run"


@pytest.mark.parametrize("block", RUN_BLOCKS, ids=lambda b: b.name)
def test_readme_block_runs_through_the_installed_command(block: Block, tmp_path, request):
    home, cwd = tmp_path / "home", tmp_path / "work"
    home.mkdir()
    (cwd / "usb").mkdir(parents=True)
    for name, source in FILES.items():
        shutil.copy(IMPORTS / source, cwd / name)
    env = user_env(home)
    server = request.getfixturevalue("pg_url") if any(SERVER in line.text for line in block.lines) else None
    if not any(" setup " in line.text for line in block.lines):  # the quick start's café
        made = run('cafe-loyalty setup "Café Shirin" --owner Maryam --pin 2468', cwd, env)
        assert made.returncode == 0, made.stderr
    ran = 0
    for line in block.lines:
        if line.skipped:
            continue
        command = substituted(line.text, cwd, env, server)
        done = run(command, cwd, env)
        where = f"README.md:{line.number}: {command}\nstdout: {done.stdout[-600:]}\nstderr: {done.stderr[-1500:]}"
        assert "Traceback" not in done.stderr, where
        assert done.returncode == line.expect_exit, where
        if line.expect_exit:
            assert done.stderr.startswith("error: "), where  # a refusal says why
        ran += 1
    assert ran, "the block ran at least one command"


def group_of(line: str) -> str:
    """The command group a line runs (the first word that is not an option or its value)."""
    words = line.split()[1:]
    while words and words[0].startswith("--"):
        words = words[2:] if words[0] in ("--db", "--lang") else words[1:]
    return words[0] if words else ""


def test_the_readme_runs_every_command_group():
    """Each command group is in a README block that runs (serve-page and db password, which
    need a server or a prompt, are run by the tests below)."""
    covered = {group_of(line.text) for b in RUN_BLOCKS for line in b.lines if not line.skipped}
    missing = set(command_names()) - covered - {"serve-page"}
    assert not missing, f"no README block runs {sorted(missing)}"


def _leaf_commands(parser, prefix=()):
    children = subcommands(parser)
    if not children:
        yield prefix
    for name, child in children.items():
        yield from _leaf_commands(child, (*prefix, name))


LEAVES = list(_leaf_commands(build_parser()))


def test_every_subcommand_answers_help_through_the_installed_command(tmp_path):
    assert len(LEAVES) > 40 and ("db", "copy") in LEAVES and ("db", "password") in LEAVES
    env = user_env(tmp_path)
    # A few at a time: each is a Python start-up.
    pending = list(LEAVES)
    while pending:
        batch, pending = pending[:6], pending[6:]
        procs = [
            (
                words,
                subprocess.Popen([SCRIPT, *words, "--help"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE),
            )
            for words in batch
        ]
        for words, proc in procs:
            out, err = proc.communicate(timeout=120)
            shown = " ".join(words)
            assert proc.returncode == 0, f"{shown}: {err.decode()}"
            assert f"usage: cafe-loyalty {shown}" in " ".join(out.decode().split()), f"{shown}: {out.decode()[:300]}"
    assert not list(tmp_path.rglob("*.db")), "help creates no café"


def test_db_copy_through_the_installed_command(tmp_path):
    env = user_env(tmp_path)
    assert run("cafe-loyalty --db a.db setup A --owner M --pin 2468", tmp_path, env).returncode == 0
    assert run("cafe-loyalty --db a.db customer add Sara", tmp_path, env).returncode == 0
    done = run("cafe-loyalty db copy --from a.db --to b.db --json", tmp_path, env)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["counts"]["customer"] == 1
    shown = run("cafe-loyalty --db b.db customer show 1 --json", tmp_path, env)
    assert json.loads(shown.stdout)["first_name"] == "Sara"
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".lock") == []


KEYRING = '''
"""A keyring kept in a JSON file, so a subprocess's password store can be read back."""
import json, os
from keyring.backend import KeyringBackend

class FileKeyring(KeyringBackend):
    priority = 1
    path = os.environ["TEST_KEYRING_FILE"]

    def _load(self):
        return json.load(open(self.path)) if os.path.exists(self.path) else {}

    def get_password(self, service, username):
        return self._load().get(f"{service}/{username}")

    def set_password(self, service, username, password):
        data = self._load(); data[f"{service}/{username}"] = password
        json.dump(data, open(self.path, "w"))

    def delete_password(self, service, username):
        data = self._load(); data.pop(f"{service}/{username}", None)
        json.dump(data, open(self.path, "w"))
'''


def test_db_password_through_the_installed_command(tmp_path):
    pytest.importorskip("keyring")
    (tmp_path / "file_keyring.py").write_text(KEYRING)
    env = user_env(tmp_path) | {
        "PYTHONPATH": str(tmp_path),
        "PYTHON_KEYRING_BACKEND": "file_keyring.FileKeyring",
        "TEST_KEYRING_FILE": str(tmp_path / "store.json"),
    }
    url = "postgresql://cafe@server/cafe"
    done = run(f"cafe-loyalty db password --db {url}", tmp_path, env, stdin="s3cret\n")
    assert done.returncode == 0, done.stderr
    store = json.loads((tmp_path / "store.json").read_text())
    assert list(store.values()) == ["s3cret"]
    assert "s3cret" not in done.stdout + done.stderr
    done = run(f"cafe-loyalty db password --db {url} --forget", tmp_path, env)
    assert done.returncode == 0, done.stderr
    assert json.loads((tmp_path / "store.json").read_text()) == {}


def test_serve_page_through_the_installed_command(tmp_path):
    env = user_env(tmp_path)
    assert run("cafe-loyalty --db a.db setup A --owner M --pin 2468", tmp_path, env).returncode == 0
    proc = subprocess.Popen(
        [SCRIPT, "--db", "a.db", "serve-page", "--host", "127.0.0.1", "--port", "0", "--no-mdns", "--json"],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        first = json.loads(proc.stdout.readline())
        with urllib.request.urlopen(first["serving"], timeout=30) as page:
            assert page.status == 200 and b"<html" in page.read().lower()
    finally:
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=30)
    assert proc.returncode == 0 and "Traceback" not in err, err


def test_python_dash_m_and_the_console_script_agree(tmp_path):
    env = user_env(tmp_path)
    a = run("cafe-loyalty --help-cli", tmp_path, env)
    b = subprocess.run([sys.executable, "-m", "cafe_loyalty", "--help"], env=env, capture_output=True, text=True)
    assert a.returncode == b.returncode == 0
    for name in command_names():
        assert name in a.stdout and name in b.stdout

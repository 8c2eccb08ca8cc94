"""The till's password for its server lives in the computer's password store (issue #18), set
with ``cafe-loyalty db password``; never in the café's database, settings or till.json."""

from __future__ import annotations

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail

from cafe_loyalty.cli import main as cli
from cafe_loyalty.store import passwords
from cafe_loyalty.store.db import postgresql_database

URL = "postgresql://cafe@server.local:5433/shirin"


class MemoryKeyring(KeyringBackend):
    """A password store in memory, as Windows, macOS or the Secret Service would keep it."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.kept: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.kept.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.kept[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if (service, username) not in self.kept:
            raise keyring.errors.PasswordDeleteError(username)
        del self.kept[(service, username)]


@pytest.fixture
def store(monkeypatch):
    monkeypatch.delenv("PGPASSWORD", raising=False)
    before = keyring.get_keyring()
    memory = MemoryKeyring()
    keyring.set_keyring(memory)
    yield memory
    keyring.set_keyring(before)


def test_a_kept_password_reaches_the_connection_and_nowhere_else(store, monkeypatch, capsys):
    monkeypatch.setattr("getpass.getpass", lambda prompt: "s3cret-word")
    assert cli(["db", "password", "--db", URL]) == 0
    out = capsys.readouterr().out
    assert "s3cret-word" not in out and "cafe@server.local" in out
    assert store.kept == {("cafe-loyalty", "cafe@server.local:5433/shirin"): "s3cret-word"}
    assert postgresql_database(URL).connect_params["password"] == "s3cret-word"
    # Another server, or a password given another way, is left alone.
    assert "password" not in postgresql_database("postgresql://cafe@other/shirin").connect_params
    monkeypatch.setenv("PGPASSWORD", "from-the-environment")
    assert "password" not in postgresql_database(URL).connect_params
    monkeypatch.delenv("PGPASSWORD")
    assert "password" not in postgresql_database(URL.replace("cafe@", "cafe:typed@")).connect_params

    assert cli(["db", "password", "--db", URL, "--forget"]) == 0
    assert store.kept == {} and "password" not in postgresql_database(URL).connect_params
    assert cli(["db", "password", "--db", URL, "--forget"]) == 0  # nothing kept: nothing to do


def test_no_password_store_and_bad_requests_are_said_plainly(monkeypatch, capsys):
    before = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        monkeypatch.setattr("getpass.getpass", lambda prompt: "s3cret-word")
        assert cli(["db", "password", "--db", URL]) != 0
        assert "no password store" in capsys.readouterr().err
        assert passwords.stored(URL) is None  # and reading from no store finds nothing
    finally:
        keyring.set_keyring(before)
    assert cli(["db", "password", "--db", "cafe.db"]) != 0
    assert "server's address" in capsys.readouterr().err
    monkeypatch.setattr("getpass.getpass", lambda prompt: "")
    assert cli(["db", "password", "--db", URL]) != 0
    assert "nothing was kept" in capsys.readouterr().err

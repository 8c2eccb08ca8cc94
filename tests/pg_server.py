"""A real PostgreSQL server for the tests (issue #18), started on a temporary directory.

``CAFE_TEST_POSTGRESQL`` may name a server to use instead (``postgresql://user@host:port``; each
test gets a database of its own there). Otherwise the server's programs are found through
``pg_config --bindir`` or the usual Debian folders, and a cluster is made with ``initdb`` in a
temporary folder, listening on a free port of 127.0.0.1 only, with trust authentication (it
accepts no connection from elsewhere). PostgreSQL refuses to run as root, so as root it runs as
the ``postgres`` user, as the Debian package creates it.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from pathlib import Path

import psycopg
import pytest

ENV = "CAFE_TEST_POSTGRESQL"


def _bindir() -> Path | None:
    config = shutil.which("pg_config")
    if config:
        found = Path(subprocess.run([config, "--bindir"], capture_output=True, text=True).stdout.strip())
        if (found / "pg_ctl").exists():
            return found
    for folder in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True):
        if (Path(folder) / "pg_ctl").exists():
            return Path(folder)
    ctl = shutil.which("pg_ctl")
    return Path(ctl).parent if ctl else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """One PostgreSQL server; :meth:`new_database` hands out empty databases on it."""

    def __init__(self) -> None:
        self.url = os.environ.get(ENV, "").rstrip("/")
        self._folder: str | None = None
        self._bin: Path | None = None
        self._as: list[str] = []
        self._made_template: str | None = None
        self.data: Path | None = None  # the data folder, when the server is this run's own
        self._work: str | None = None
        self.durable = False
        self.max_connections: int | None = None  # the server's default (100) unless set
        self._options = ""
        self.paused = False

    def start(self) -> Server:
        if self.url:
            return self
        self._bin = _bindir()
        if self._bin is None:
            raise RuntimeError(
                "PostgreSQL is not installed (no pg_ctl): apt-get install postgresql, or set "
                f"{ENV} to a server's address."
            )
        self._folder = tempfile.mkdtemp(prefix="cafe-pg-")
        if os.geteuid() == 0:
            shutil.chown(self._folder, "postgres")
            self._as = ["runuser", "-u", "postgres", "--"]
        data = f"{self._folder}/data"
        self.data = Path(data)
        port = _free_port()
        self._run("initdb", "-D", data, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C.UTF-8")
        # Durability against power loss is the server's business, not what the tests check:
        # without fsync a test run is several times faster. A commit still reaches the OS
        # before it returns (synchronous_commit stays on), so a server the tests stop at once
        # (pause) keeps every commit, as a crashed server does. The benchmark asks for the
        # shipped settings (durable).
        options = f"-p {port} -k {self._folder} -c listen_addresses=127.0.0.1"
        if not self.durable:
            options += " -c fsync=off -c full_page_writes=off"
        if self.max_connections:
            options += f" -c max_connections={self.max_connections}"
        self._options = options
        self._run("pg_ctl", "-D", data, "-o", options, "-l", f"{self._folder}/log", "-w", "start")
        self.url = f"postgresql://postgres@127.0.0.1:{port}"
        return self

    def _run(self, program: str, *args: str) -> None:
        assert self._bin is not None
        subprocess.run([*self._as, str(self._bin / program), *args], check=True, capture_output=True)

    def new_database(self, empty: bool = False) -> str:
        """A database of its own: with the café's schema already made (copied from a template
        made once, which is much faster than making it again), or ``empty``."""
        name = f"cafe_{uuid.uuid4().hex[:12]}"
        template = "" if empty else f' TEMPLATE "{self._template()}"'
        with psycopg.connect(f"{self.url}/postgres", autocommit=True) as con:
            con.execute(f'CREATE DATABASE "{name}"{template}')
        return f"{self.url}/{name}"

    def _template(self) -> str:
        if self._made_template is None:
            from cafe_loyalty.store import migrations
            from cafe_loyalty.store.db import connect

            url = self.new_database(empty=True)
            db = connect(url)
            migrations.migrate(db)
            db.close()
            self._made_template = url.rsplit("/", 1)[1]
        return self._made_template

    def reused(self) -> str:
        """A database for one test, emptied after it (much faster than a new one each time):
        the same database each call, unless the last test left it unusable."""
        if self._work is None:
            self._work = self.new_database()
        return self._work

    def empty(self, url: str) -> None:
        """Every table of the reused database emptied and its ids started again; dropped (and
        made anew next time) if that cannot be done."""
        from cafe_loyalty.store import migrations
        from cafe_loyalty.store.pg_schema import TABLES

        try:
            with psycopg.connect(url, autocommit=True, options="-c lock_timeout=5000") as con:
                con.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )
                names = ", ".join(f'"{t}"' for t in TABLES)
                con.execute(f"TRUNCATE {names} RESTART IDENTITY CASCADE")
                con.execute('UPDATE "schema_version" SET "version" = %s', (migrations.LATEST,))
                extra = con.execute("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'").fetchone()[0]
                if extra != len(TABLES) + 1:
                    raise psycopg.Error("a test made tables of its own")
        except psycopg.Error:
            self.drop_database(url)
            self._work = None

    def drop_database(self, url: str) -> None:
        name = url.rsplit("/", 1)[1]
        with psycopg.connect(f"{self.url}/postgres", autocommit=True) as con:
            con.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def pause(self) -> None:
        """Stop the server at once, as a crash or a pulled cable would (``immediate``: no
        goodbye to its clients). Only a server this run started can be paused."""
        if self._folder is None:
            pytest.skip("the tests were given a server; they cannot stop it")
        self._run("pg_ctl", "-D", f"{self._folder}/data", "-m", "immediate", "stop")
        self.paused = True

    def resume(self) -> None:
        """Start a paused server again (nothing to do if it runs)."""
        if not self.paused:
            return
        self.paused = False
        assert self._folder is not None
        data, log = f"{self._folder}/data", f"{self._folder}/log"
        self._run("pg_ctl", "-D", data, "-o", self._options, "-l", log, "-w", "start")

    def stop(self) -> None:
        if self._folder is None:
            return
        self._run("pg_ctl", "-D", f"{self._folder}/data", "-m", "immediate", "stop")
        shutil.rmtree(self._folder, ignore_errors=True)
        self._folder = None

"""Where the two engines differ as whole operations on the café's storage (issue #33).

:mod:`~cafe_loyalty.store.dialect` holds what they spell differently inside a statement; this
holds what they do differently as a whole: where a consistent copy to read from comes from,
how the café is copied into a file or replaced by one, how freed pages of erased text are
reclaimed, how tables are counted and checked, what a backup is written from. A SQLite café is
a file on this till; a café on PostgreSQL is copied through
:func:`~cafe_loyalty.store.copying.copy_cafe` into a SQLite file to be read (the spreadsheets),
and backed up as its tables' COPY text (:class:`TableStreams`). The services ask
:func:`engine_of` and never branch on the engine themselves.
"""

from __future__ import annotations

import contextlib
import sqlite3
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import peewee as pw

from cafe_loyalty.errors import StorageError, ValidationError
from cafe_loyalty.store import migrations
from cafe_loyalty.store.copying import TextStream, copy_cafe, text_streams
from cafe_loyalty.store.db import connect, is_postgresql, read
from cafe_loyalty.store.failures import storage_errors


@dataclass(frozen=True)
class TableStreams:
    """A café on a server as its tables' text, read in one snapshot: what its backup holds
    (see :func:`~cafe_loyalty.store.copying.text_streams`)."""

    schema: int
    tables: Iterator[TextStream]


def copy_file(source: Path, target: Path) -> None:
    """A consistent copy of the SQLite file ``source`` (which may be in use) as a self-contained
    file. SQLite's online backup API reads one committed state while writers go on (WAL); the
    copy is switched out of WAL so it needs no side files."""
    src = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode = DELETE")
        finally:
            dst.close()
    except sqlite3.DatabaseError as exc:
        raise StorageError("Could not copy the database: {reason}.", reason=exc) from exc
    finally:
        src.close()


def copy_into(source: Path, con: sqlite3.Connection) -> None:
    """Replace the whole content of the open database ``con`` with ``source``, atomically.

    SQLite's backup API writes the destination inside one transaction: other connections see
    the old database or the new one, never a mix, and a crash midway leaves the old one. This is
    why a restore does not rename files: renaming under open WAL connections would let a stale
    ``-wal`` file be replayed onto the new database."""
    src = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
    try:
        src_page = src.execute("PRAGMA page_size").fetchone()[0]
        dst_page = con.execute("PRAGMA page_size").fetchone()[0]
        if src_page != dst_page:
            raise ValidationError(
                "The backup's page size ({src_page}) differs from this database's ({dst_page}).",
                src_page=src_page,
                dst_page=dst_page,
            )
        src.backup(con)
    except sqlite3.DatabaseError as exc:
        raise StorageError(
            "The restore could not be written; the database is unchanged ({reason}).", reason=exc
        ) from exc
    finally:
        src.close()


def wipe_free_space(execute: Callable[..., Any]) -> None:
    """Rewrite a SQLite file without the pages its erased text was freed from (the live file,
    a backup being restored, a snapshot on disk)."""
    execute("PRAGMA secure_delete = ON")
    execute("VACUUM")


class FileEngine:
    """A café in a SQLite file on this till."""

    #: A copy a day is kept beside the file (on a server each till would copy the whole café).
    keeps_daily_snapshots = True

    def __init__(self, db: pw.Database, path: Path):
        self._db = db
        self._path = path

    @contextlib.contextmanager
    def readable(self) -> Iterator[tuple[Path, sqlite3.Connection | None]]:
        """A SQLite file holding one consistent state of the café, and the live connection
        that guards that state while it is read (here: the file itself)."""
        yield self._path, self._db.connection()

    def backup_source(self) -> contextlib.AbstractContextManager[tuple[Path | TableStreams, sqlite3.Connection | None]]:
        """What a backup is written from: here the file itself (see ``readable``)."""
        return self.readable()

    def counts(self, tables: Iterable[str]) -> dict[str, int]:
        con = self._db.connection()
        present = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        return {t: con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables if t in present}

    def quick_check(self) -> str:
        """SQLite's quick integrity check: "ok" or what is wrong. Damage bad enough to stop the
        check itself is a finding too, not an error: the caller is there to hear about damage."""
        try:
            return str(self._db.execute_sql("PRAGMA quick_check").fetchone()[0])
        except (pw.DatabaseError, sqlite3.DatabaseError) as exc:
            return str(exc)

    def copy_to(self, target: Path) -> None:
        copy_file(self._path, target)

    def page_size(self) -> int:
        """The page size a file that is to replace this one must have (the backup API cannot
        change a WAL database's)."""
        return int(self._db.connection().execute("PRAGMA page_size").fetchone()[0])

    def take(self, staged: Path) -> None:
        """Replace the café with the prepared file ``staged``, in one transaction."""
        copy_into(staged, self._db.connection())

    def reclaim(self, tables: Iterable[str]) -> str:
        """Rewrite the file without the pages erased text was freed from, and fold the journal
        back in: "" when done, else why not yet ("disk full", "reader", "error")."""
        try:
            with storage_errors():
                wipe_free_space(self._db.execute_sql)
                busy, _log, _done = self._db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        except StorageError as exc:
            return "disk full" if "full" in exc.template else "error"
        return "reader" if busy else ""


class ServerEngine:
    """A café on a PostgreSQL server: this till holds no copy of it on disk."""

    keeps_daily_snapshots = False  # the server is kept by the owner's backups and its own tools

    def __init__(self, db: pw.Database):
        self._db = db

    @contextlib.contextmanager
    def readable(self) -> Iterator[tuple[Path, sqlite3.Connection | None]]:
        """The server's café copied from one consistent snapshot into a SQLite file in a
        temporary folder: what a backup or the spreadsheets are made from."""
        with tempfile.TemporaryDirectory(prefix=".cafe-copy-") as work:
            path = Path(work) / "cafe.db"
            target = connect(path)
            try:
                copy_cafe(self._db, target)
            finally:
                target.close()
            yield path, None

    @contextlib.contextmanager
    def backup_source(self) -> Iterator[tuple[Path | TableStreams, sqlite3.Connection | None]]:
        """The server's tables as its own COPY text, in one snapshot (issue #34: copied into a
        SQLite file first, a chain's backup took eight times as long as ``pg_dump``)."""
        with read(self._db, long=True):
            yield TableStreams(migrations.schema_version(self._db), text_streams(self._db)), None

    def counts(self, tables: Iterable[str]) -> dict[str, int]:
        """Every table is there: the server starts at schema 9."""
        return {t: self._db.execute_sql(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}

    @staticmethod
    def quick_check() -> str:
        return "ok"  # the server keeps its own files sound (checksums, WAL)

    def copy_to(self, target: Path) -> None:
        copy = connect(target)
        try:
            copy_cafe(self._db, copy, replace=True)  # one taken this same second: made again
        finally:
            copy.close()

    @staticmethod
    def page_size() -> int:
        return 4096  # the file is copied row by row: any page size will do

    def take(self, staged: Path) -> None:
        """Replace the café with the prepared file ``staged``, in one transaction."""
        source = connect(staged)
        try:
            copy_cafe(source, self._db, replace=True)
        finally:
            source.close()

    def reclaim(self, tables: Iterable[str]) -> str:
        """An updated row's old version stays in the table until it is vacuumed: the tables that
        can hold what a regular told the café are rewritten without them (VACUUM FULL takes each
        table for a moment; a till that holds it longer than the lock timeout leaves it for the
        next maintenance pass)."""
        try:
            with storage_errors():
                self._db.execute_sql("VACUUM (FULL) " + ", ".join(f'"{t}"' for t in tables))
        except StorageError as exc:
            return "reader" if "busy" in exc.template else "error"
        return ""


Engine = FileEngine | ServerEngine


def engine_of(db: pw.Database, path: Path) -> Engine:
    """The engine of an open café (``path``: its file, or this till's folder for a server)."""
    return ServerEngine(db) if is_postgresql(db) else FileEngine(db, path)

"""Opening the SQLite file safely, and turning SQLite's failures into messages for people.

Every connection gets WAL, ``synchronous=FULL`` (a stamp shown on screen survives a power cut),
foreign keys and a busy timeout. Write transactions start with ``BEGIN IMMEDIATE`` so a rule
checked inside one (the double-tap guard) cannot race another process.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import peewee as pw
from filelock import FileLock, Timeout

from .errors import AlreadyRunning, DamagedDatabase, StorageError

PRAGMAS = {
    "journal_mode": "wal",
    "synchronous": 2,  # FULL
    "foreign_keys": 1,
    "busy_timeout": 5000,
}


class ImmediateDatabase(pw.SqliteDatabase):
    """Every outermost transaction is ``BEGIN IMMEDIATE``: the write lock is taken before the
    first read, so a rule checked inside (the double-tap guard) cannot race another process.

    Through ``begin`` rather than peewee 4's ``lock_type`` argument, which peewee 3.17 (our
    lowest supported version) passes on to ``sqlite3.connect`` and fails."""

    def begin(self, lock_type: str | None = None) -> None:
        super().begin(lock_type or "IMMEDIATE")


def connect(path: str | Path) -> pw.SqliteDatabase:
    """A peewee database on ``path`` with the durability pragmas; connections are per thread."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StorageError(
            "Cannot create the folder for the database {file}: {reason}.", file=path, reason=exc.strerror
        ) from exc
    db = ImmediateDatabase(str(path), pragmas=PRAGMAS)
    with storage_errors():
        db.connect(reuse_if_open=True)
    return db


def describe(exc: BaseException) -> StorageError:
    # When SQLite rolls a transaction back by itself (a full disk does), peewee's own ROLLBACK
    # then fails with "no transaction is active"; the cause is further down the chain.
    causes: list[str] = []
    link: BaseException | None = exc
    while link is not None and len(causes) < 8:
        causes.append(str(link).lower())
        link = link.__cause__ or link.__context__
    text = " | ".join(causes)
    if "full" in text:
        return StorageError("The disk is full, so nothing was saved. Free some space and try again.")
    if "readonly" in text or "read-only" in text:
        return StorageError("The database file is read-only, so nothing was saved.")
    if "locked" in text or "busy" in text:
        return StorageError("The database is busy in another program; nothing was saved. Try again.")
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return DamagedDatabase("The database file is damaged. Restore it from a backup.")
    if "unable to open" in text:
        return StorageError("The database file cannot be opened (check the folder exists and is writable).")
    return StorageError("The database reported an error; nothing was saved ({reason}).", reason=exc)


@contextlib.contextmanager
def storage_errors() -> Iterator[None]:
    """Re-raise SQLite I/O failures as :class:`StorageError` with a plain-language message."""
    try:
        yield
    except (pw.OperationalError, pw.DatabaseError, sqlite3.OperationalError, sqlite3.DatabaseError) as exc:
        if isinstance(exc, pw.IntegrityError | sqlite3.IntegrityError):
            raise
        raise describe(exc) from exc


@contextlib.contextmanager
def write(db: pw.SqliteDatabase) -> Iterator[None]:
    """One durable transaction: all of it is on disk when this block exits, or none of it is."""
    try:
        with storage_errors(), db.atomic():
            yield
    except BaseException:
        # A failed ROLLBACK (SQLite already rolled back) must not leave the next write inside a
        # transaction; but only the outermost block may end it, not a nested one (a savepoint).
        if db.transaction_depth() == 0:
            connection = db.connection()
            if connection.in_transaction:
                connection.rollback()
        raise


@contextlib.contextmanager
def read(db: pw.Database) -> Iterator[None]:
    """Several reads that must agree (one snapshot), without taking the write lock: a plain
    ``atomic()`` here is ``BEGIN IMMEDIATE`` and would queue a till's stamp behind a read."""
    with storage_errors(), db.atomic("DEFERRED"):
        yield


def peek_version(path: Path) -> int | None:
    """The schema version of an existing file, read without changing a byte of it.

    Opening with our pragmas would switch the file to WAL; a file we will refuse (newer schema,
    not a database) must be left exactly as it was.
    """
    if not path.exists():
        return None
    if path.stat().st_size == 0:
        # SQLite would take an empty file as a new database, and the till would greet the owner
        # with "set up your café" where their data used to be. A new café is made only where
        # there is no file at all.
        raise DamagedDatabase(
            "The database file {file} is empty (0 bytes). If your café's data should be there, restore a "
            "snapshot or backup; for a new café, delete the empty file or choose another one.",
            file=path,
        )
    try:
        con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            return int(con.execute("PRAGMA user_version").fetchone()[0])
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        raise describe(exc) from exc


class AppLock:
    """Keeps a second copy of the app off the same database file.

    SQLite alone would keep the file consistent, but two tills on one file would show each other
    stale cards; the owner should be told instead. The lock is an OS file lock, released by the
    OS if the app crashes.
    """

    def __init__(self, db_path: str | Path):
        self.path = Path(str(db_path) + ".lock")
        self._lock = FileLock(str(self.path), timeout=0)

    def acquire(self) -> AppLock:
        try:
            self._lock.acquire()
        except Timeout as exc:
            raise AlreadyRunning(
                "cafe-loyalty is already open on this database (perhaps in another window). Close the other copy first."
            ) from exc
        except OSError as exc:  # a read-only folder or medium: the lock file cannot be made
            raise StorageError(
                "The folder {folder} cannot be written ({reason}), so the till cannot keep its data there. "
                "Choose a writable folder with --db.",
                folder=self.path.parent,
                reason=exc.strerror or exc,
            ) from exc
        return self

    def release(self) -> None:
        self._lock.release()

    @property
    def is_locked(self) -> bool:
        return self._lock.is_locked

    def __enter__(self) -> AppLock:
        return self.acquire()

    def __exit__(self, *exc: object) -> None:
        self.release()

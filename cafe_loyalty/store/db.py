"""Opening the database safely, and turning its failures into messages for people.

SQLite (the default): every connection gets WAL, ``synchronous=FULL`` (a stamp shown on screen
survives a power cut), foreign keys and a busy timeout. Write transactions start with
``BEGIN IMMEDIATE`` so a rule checked inside one (the double-tap guard) cannot race another
process.

PostgreSQL (several tills, issue #18): the same promise. A write transaction first takes one
transaction-level advisory lock, so writes from every till follow one another as they do on
SQLite: each rule is checked on what the others have committed, with no per-service locking to
get wrong. A till's writes take milliseconds and a café makes a few a minute, so the queue is
never felt (bench/run.py --engine postgresql measures the stamp). A read that must agree with
itself runs in one REPEATABLE READ snapshot. The server commits durably (``fsync``,
``synchronous_commit``) unless its owner turned that off."""

from __future__ import annotations

import contextlib
import os
import socket
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, cast

import peewee as pw
from filelock import FileLock, Timeout

from cafe_loyalty import changes
from cafe_loyalty.errors import (
    AlreadyRunning,
    DamagedDatabase,
    NotACafe,
    StorageError,
)
from cafe_loyalty.store.dialect import of as dialect_of
from cafe_loyalty.store.dialect import to_psycopg
from cafe_loyalty.store.failures import describe, storage_errors

# One number for "a till is writing" (pg_advisory_xact_lock) and one for "a till is upgrading
# the schema" (pg_advisory_lock): arbitrary, fixed, and unlikely to meet another program's.
WRITE_LOCK = 0x4361_6665_0001
# A regular's own lock (issue #34): the two-key advisory lock (REGULAR_LOCKS, id mod 2^31) — a
# space apart from the one-key locks above. Two regulars sharing a key only wait for each other.
REGULAR_LOCKS = 0x4361_6665
# The "regular" of writes that only add rows nobody else's write can touch yet (an import's
# chunks, with ids from the sequences): they share the café's lock as stamps do, and wait for
# each other (no regular has id 0).
NEW_ROWS = 0

SCHEMA_LOCK = 0x4361_6665_0002

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


# Peewee's own translation of driver errors into its exceptions (not in its public names).
_PEEWEE_ERRORS = getattr(pw, "__exception_wrapper__")  # noqa: B009


class Deadlines:
    """A client-side deadline for server calls made inside :meth:`CafePostgres.deadline`.

    A network path that stops relaying without closing (a hung server or middlebox) still
    acknowledges packets, so neither TCP keepalives nor ``tcp_user_timeout`` fire and a read
    would wait for the whole stall. One watcher thread per database shuts down the socket of a
    call past its deadline: the driver then fails at once ("server closed the connection"), the
    till treats the server as away and its stamp goes to the queue."""

    def __init__(self) -> None:
        self._calls: dict[int, tuple[float, Any]] = {}  # thread id -> (deadline, connection)
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None
        self.cut = 0  # how many calls were cut (for tests and the log)

    def start(self, seconds: float, conn: Any) -> None:
        with self._lock:
            self._calls[threading.get_ident()] = (time.monotonic() + seconds, conn)
            if self._thread is None:
                self._thread = threading.Thread(target=self._watch, name="cafe-deadlines", daemon=True)
                self._thread.start()

    def end(self) -> None:
        with self._lock:
            self._calls.pop(threading.get_ident(), None)

    def _watch(self) -> None:
        while not self._wake.wait(0.25):
            now = time.monotonic()
            with self._lock:
                late = [(ident, conn) for ident, (due, conn) in self._calls.items() if due <= now]
                for ident, _conn in late:
                    self._calls.pop(ident, None)
            for _ident, conn in late:
                self.cut += 1
                _shut(conn)


def _shut(conn: Any) -> None:
    """Shut the connection's socket down under the driver (a duplicate of its descriptor is
    shut, then closed): the driver's blocked read returns at once."""
    try:
        sock = socket.socket(fileno=os.dup(conn.fileno()))
    except (OSError, ValueError, AttributeError):
        return
    try:
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)
    finally:
        sock.close()


class CafePostgres(pw.PostgresqlDatabase):
    """PostgreSQL for the services, which write their SQL in SQLite's spelling: raw SQL with
    ``?`` or ``:name`` marks is turned into psycopg's here (peewee's own queries already are).

    A transaction begun without an isolation level is a write: its BEGIN and the café's write
    lock go with its first statement in one round trip, and the notice of what it changed goes
    with its COMMIT (the stamp is a few round trips on a network: each one saved is felt)."""

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self._till = threading.local()
        self.deadlines = Deadlines()

    @contextlib.contextmanager
    def _on_this_thread(self, name: str, value: Any) -> Iterator[None]:
        previous = getattr(self._till, name, None)
        setattr(self._till, name, value)
        try:
            yield
        finally:
            setattr(self._till, name, previous)

    def deadline(self, seconds: float) -> contextlib.AbstractContextManager[None]:
        """Every server call in this block (on this thread) is cut after ``seconds``; see
        :class:`Deadlines`. The till's counter calls the server inside one."""
        return self._on_this_thread("deadline", seconds)

    @contextlib.contextmanager
    def _timed(self) -> Iterator[None]:
        seconds: float | None = getattr(self._till, "deadline", None)
        conn = cast(Any, self)._state.conn if seconds is not None else None  # peewee's per-thread state
        if seconds is None or conn is None:
            yield
            return
        self.deadlines.start(seconds, conn)
        try:
            yield
        finally:
            self.deadlines.end()

    def execute_sql(self, sql: str, params: Any = None, *args: Any, **kwargs: Any) -> Any:
        if "%s" not in sql and "%(" not in sql:
            sql, params = to_psycopg(sql, params)
        self._drop_dead_connection()
        if getattr(self._till, "deadline", None) is not None:
            with _PEEWEE_ERRORS:
                self.connect(reuse_if_open=True)
        with self._timed():
            return self._execute(sql, params, *args, **kwargs)

    def _execute(self, sql: str, params: Any = None, *args: Any, **kwargs: Any) -> Any:
        if not self._begin_pending():
            return super().execute_sql(sql, params, *args, **kwargs)
        # A write's BEGIN and its lock go with its first statement, in one round trip
        # (psycopg's pipeline mode sends all three before waiting for an answer).
        self._till.pending = False
        cursor = super().cursor()
        with _PEEWEE_ERRORS, cursor.connection.pipeline():
            cursor.execute("BEGIN")
            cursor.execute(self._lock_sql())
            cursor.execute(sql, params or ())
        return cursor

    def _lock_sql(self) -> str:
        """The write lock a write takes first. Writes about one regular (a stamp: its card, its
        visit) share the café's lock and take that regular's own, so writes about different
        regulars do not wait for each other (issue #34: 50 branches stamped one at a time);
        every other write takes the café's lock alone, and so waits for them all and they for it."""
        scope = getattr(self._till, "scope", None)
        if scope is None:
            return f"SELECT pg_advisory_xact_lock({WRITE_LOCK})"
        return (
            f"SELECT pg_advisory_xact_lock_shared({WRITE_LOCK}), "
            f"pg_advisory_xact_lock({REGULAR_LOCKS}, {int(scope) % 2_147_483_647})"
        )

    def scoped(self, regular: int | None) -> contextlib.AbstractContextManager[None]:
        """The next write begun on this thread is about ``regular`` only (see ``_lock_sql``)."""
        return self._on_this_thread("scope", regular)

    def cursor(self, *args: Any, **kwargs: Any) -> Any:
        if self._begin_pending():  # a caller with a cursor of its own: the BEGIN goes first
            self._till.pending = False
            with _PEEWEE_ERRORS:
                super().cursor().execute(f"BEGIN; {self._lock_sql()}")
        return super().cursor(*args, **kwargs)

    def _begin_pending(self) -> bool:
        return getattr(self._till, "pending", False)

    def _drop_dead_connection(self) -> None:
        """A connection the server dropped (it restarted, the network went) is forgotten
        between transactions, so the next statement connects afresh: the till comes back by
        itself once the server does."""
        if self.transaction_depth() or self.is_closed():
            return
        state = cast(Any, self)._state  # peewee's per-thread connection state
        if state.conn is not None and (state.conn.closed or state.conn.broken):
            state.reset()

    def begin(self, isolation_level: Any = None) -> None:
        self._drop_dead_connection()
        # Connected now, not by the first statement: peewee forgets the transaction it is in
        # when it opens a connection.
        with _PEEWEE_ERRORS:
            self.connect(reuse_if_open=True)
        self._till.notice = None
        if isolation_level is not None:
            self._till.locked = self._till.pending = False
            super().begin(isolation_level)
            return
        # Sent with the transaction's first statement (see execute_sql): the lock is taken
        # before anything is read, so each rule is checked on what the other tills committed.
        self._till.pending = self._till.locked = True

    def holds_write_lock(self) -> bool:
        return getattr(self._till, "locked", False)

    def take_write_lock(self) -> None:
        """For a write inside a transaction begun as a read."""
        self.execute_sql("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK,))
        self._till.locked = True

    def notify_on_commit(self, text: str) -> None:
        self._till.notice = text

    def commit(self) -> None:
        notice = getattr(self._till, "notice", None)
        self._till.notice, self._till.locked = None, False
        if self._begin_pending():  # nothing was sent: nothing to commit
            self._till.pending = False
            return
        if notice is None:
            with self._timed():
                super().commit()
            return
        literal = "'" + notice.replace("'", "''") + "'"  # JSON of ids and keys
        with _PEEWEE_ERRORS, self._timed():
            self.cursor().execute(f"SELECT pg_notify('{changes.CHANNEL}', {literal}); COMMIT")

    def rollback(self) -> None:
        self._till.notice, self._till.locked = None, False
        if self._begin_pending():
            self._till.pending = False
            return
        super().rollback()


def script(text: str) -> Callable[[pw.Database], None]:
    """A schema step that runs each statement of ``text`` (split at ``;``) in order."""

    def step(db: pw.Database) -> None:
        for statement in text.split(";"):
            if statement.strip():
                db.execute_sql(statement)

    return step


def is_url(target: str | Path) -> bool:
    """True for a PostgreSQL address (``postgresql://…``), False for a SQLite file path."""
    return str(target).startswith(("postgresql://", "postgres://"))


def postgresql_database(url: str) -> CafePostgres:
    """A peewee database for the server at ``url``, not yet connected. libpq reads what the
    address leaves out (the password from PGPASSWORD or ~/.pgpass, sslmode and the rest from the
    address or the PG* variables); a password kept in the computer's password store is added
    (:mod:`passwords`). The till itself never stores one."""
    try:
        import psycopg  # noqa: F401  (a clear message when the extra is not installed)
    except ImportError as exc:
        raise StorageError("PostgreSQL needs the psycopg driver: pip install 'cafe-loyalty[postgresql]'.") from exc
    # libpq takes a whole address where a database name goes, and reads the rest from it. A
    # lock another till holds is waited for 5 s at most, as SQLite's busy timeout does, and a
    # server that does not answer is given up on after 5 s: the till then says so.
    from cafe_loyalty.store import passwords

    return CafePostgres(
        url.replace("postgres://", "postgresql://", 1),
        **passwords.connect_args(url),
        # idle_in_transaction_session_timeout: a till cut off in the middle of a change (its
        # side gone, the server's still open) would hold the café's write lock until the
        # server's own keepalive notices, two hours by default; the server ends it in 10 s.
        options="-c lock_timeout=5000 -c idle_in_transaction_session_timeout=10000",
        connect_timeout=5,
        # A network that drops without a word is noticed within seconds, not the OS's minutes.
        tcp_user_timeout=5000,
        keepalives_idle=5,
        keepalives_interval=2,
        keepalives_count=2,
        application_name="cafe-loyalty",
    )


def connect_postgresql(url: str) -> CafePostgres:
    """:func:`postgresql_database`, connected (or a :class:`ServerUnreachable` saying why not)."""
    db = postgresql_database(url)
    with storage_errors():
        db.connect(reuse_if_open=True)
    return db


def connect(path: str | Path) -> pw.Database:
    """A peewee database on ``path`` (a SQLite file, or a PostgreSQL address); connections are
    per thread."""
    if is_url(path):
        return connect_postgresql(str(path))
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


def is_postgresql(db: pw.Database) -> bool:
    return dialect_of(db).postgresql


class _Translating:
    """The few calls the services make on a DB-API connection (``execute``, ``executemany``),
    on PostgreSQL, taking SQLite's parameter marks as the services write them."""

    def __init__(self, db: pw.Database):
        self._db = db

    def execute(self, sql: str, params: Any = ()) -> Any:
        return self._db.execute_sql(sql, params)

    def executemany(self, sql: str, rows: Any) -> Any:
        sql, _ = to_psycopg(sql, ())
        cursor = self._db.cursor()
        cursor.executemany(sql, list(rows))
        return cursor


def connection(db: pw.Database) -> Any:
    """This thread's connection for bulk and hot-path SQL: on SQLite the sqlite3 connection
    itself (no wrapper per statement); on PostgreSQL one that turns the marks into psycopg's."""
    return _Translating(db) if is_postgresql(db) else db.connection()


def planned_each_time(db: pw.Database, sql: str, params: Any) -> Any:
    """Run ``sql`` so that the server plans it for these very values (a cursor back).

    psycopg prepares a statement run five times, and PostgreSQL may then keep one plan for any
    values; for the search that plan is blind to how rare the word typed is, and a rare one
    reads the whole table (bench/postgresql.py measured p99 45 ms against 9 ms planned each
    time at 100,000 regulars). SQLite plans in-process: it runs as usual."""
    if not is_postgresql(db):
        return db.execute_sql(sql, params)
    sql, params = to_psycopg(sql, params)
    cursor = db.cursor()
    with _PEEWEE_ERRORS:
        cursor.execute(sql, params, prepare=False)
    return cursor


def statements(db: pw.Database) -> Callable[..., Any]:
    """How the hottest path (the stamp) runs its SQL (see :func:`connection`)."""
    return connection(db).execute


def ids_given(db: pw.Database, *tables: str) -> None:
    """After rows were inserted with ids chosen by the till (an import, a copy): on
    PostgreSQL the tables' id sequences are moved past them (SQLite needs nothing)."""
    if not is_postgresql(db):
        return
    for table in tables:
        db.execute_sql(
            f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), coalesce(max(id), 1), max(id) IS NOT NULL) "
            f'FROM "{table}"'
        )


@contextlib.contextmanager
def write(db: pw.Database, regular: int | None = None) -> Iterator[None]:
    """One durable transaction: all of it is on disk when this block exits, or none of it is.
    ``regular``: the write is about that regular only (a stamp), so on a server it waits only
    for writes about them and for the café-wide ones (an outer write's lock covers a nested one)."""
    server_db = getattr(db, "obj", None) or db
    scope = server_db.scoped(regular) if isinstance(server_db, CafePostgres) and db.transaction_depth() == 0 else None
    try:
        with storage_errors(), scope or contextlib.nullcontext(), db.atomic():
            if not is_postgresql(db):
                yield
                return
            server = cast(CafePostgres, getattr(db, "obj", None) or db)
            if not server.holds_write_lock():  # a write inside a read's transaction
                server.take_write_lock()
            with changes.transaction_log() as log:
                yield
                if log is not None and (notice := log.freeze()):
                    # Sent with the COMMIT: the other tills hear it when, and only if, it commits.
                    server.notify_on_commit(changes.to_notice(notice))
    except BaseException:
        # A failed ROLLBACK (SQLite already rolled back) must not leave the next write inside a
        # transaction; but only the outermost block may end it, not a nested one (a savepoint).
        if db.transaction_depth() == 0 and not is_postgresql(db):
            connection = db.connection()
            if connection.in_transaction:
                connection.rollback()
        raise


@contextlib.contextmanager
def read(db: pw.Database, *, long: bool = False) -> Iterator[None]:
    """Several reads that must agree (one snapshot), without taking the write lock: a plain
    ``atomic()`` here is ``BEGIN IMMEDIATE`` and would queue a till's stamp behind a read.
    On PostgreSQL the reads share one REPEATABLE READ snapshot and take no lock.

    ``long``: a copy or a backup, which reads a table, then writes it elsewhere for a while
    before reading the next. The till's limit on a session idle in a transaction (10 s, so a
    till cut off mid-change cannot hold the write lock) would end it: a backup of a chain's 30
    million stamps did (bench/chain.py). A read holds no write lock, so for it the limit is off."""
    if is_postgresql(db):
        with storage_errors(), db.atomic(isolation_level="REPEATABLE READ"):
            if long:
                db.execute_sql("SET LOCAL idle_in_transaction_session_timeout = 0")
            yield
        return
    with storage_errors(), db.atomic("DEFERRED"):
        yield


# Tables that a café's file never had before its first schema step: another program's database.
OTHER_TABLES = "SELECT count(*) FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"


def peek_version(path: Path) -> int | None:
    """The schema version of an existing file, read without changing a byte of it; another
    program's database is refused here, before anything could switch it to WAL or lock it.

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
        # A WAL file that was closed cleanly is whole without its journal; read it as
        # immutable, or a read-only open would still leave -wal and -shm files beside it.
        journal = Path(f"{path}-wal").exists()
        con = sqlite3.connect(f"{path.resolve().as_uri()}?{'mode=ro' if journal else 'immutable=1'}", uri=True)
        try:
            version = int(con.execute("PRAGMA user_version").fetchone()[0])
            if version == 0 and con.execute(OTHER_TABLES).fetchone()[0]:
                raise NotACafe("This file is a database, but not a cafe-loyalty one. Choose another file.")
            return version
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
        self._made = False  # this lock made the file, so it takes it away again

    def acquire(self) -> AppLock:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            existed = self.path.exists()
            self._lock.acquire()
            self._made = not existed
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
        """Unlock, and remove the lock file if this lock made it: a command that was refused,
        or a till that closed, leaves nothing beside the café's file. It is removed while still
        held, so no other copy can be holding a lock on the name just removed."""
        if self._made and self._lock.is_locked:
            with contextlib.suppress(OSError):  # Windows: the file lock removes its own file
                self.path.unlink()
            self._made = False
        self._lock.release()

    @property
    def is_locked(self) -> bool:
        return self._lock.is_locked

    def __enter__(self) -> AppLock:
        return self.acquire()

    def __exit__(self, *exc: object) -> None:
        self.release()

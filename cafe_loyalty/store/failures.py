"""A driver's failure, said as the till says it (issue #30): judged by SQLite's result code or
PostgreSQL's SQLSTATE found anywhere in the exception's chain, never by the words of a message
(they change with the driver's version and the server's language). A disk that is full, a file
another program holds, a damaged table, a server that does not answer or keeps the till waiting
each become the :class:`~cafe_loyalty.errors.StorageError` the person at the till can act on."""

from __future__ import annotations

import contextlib
import sqlite3
import sys
from collections.abc import Iterator

import peewee as pw

from cafe_loyalty.errors import (
    CafeError,
    DamagedDatabase,
    ServerBusy,
    ServerUnreachable,
    StorageError,
)


def _chain(exc: BaseException) -> Iterator[BaseException]:
    """The error and what it wraps: ``__cause__``/``__context__``, and the driver's own error
    that peewee keeps as ``orig``. A :class:`CafeError` in the chain ("This card is
    full") is a rule's message, never a storage failure, and is skipped."""
    seen: list[BaseException] = []
    link: BaseException | None = exc
    while link is not None and len(seen) < 8 and link not in seen:
        seen.append(link)
        if not isinstance(link, CafeError):
            yield link
        inner = getattr(link, "orig", None)  # peewee keeps the driver's error here
        if not isinstance(inner, BaseException):
            inner = link.args[0] if link.args and isinstance(link.args[0], BaseException) else None
        link = inner or link.__cause__ or link.__context__


# SQLite's primary result codes (sqlite3.Error.sqlite_errorcode & 0xFF) and PostgreSQL's
# SQLSTATEs (psycopg's ``sqlstate``), each to what the till says.
_SQLITE_KINDS = {13: "full", 8: "readonly", 5: "busy", 6: "busy", 11: "damaged", 26: "damaged", 14: "cannot_open"}

_PG_KINDS = {
    "53100": "full",  # disk_full
    "25006": "readonly",  # read_only_sql_transaction
    "55P03": "server_busy",  # lock_not_available: another till holds the write lock too long
    "57014": "unreachable",  # query_canceled: a statement past its deadline
    "57P01": "unreachable",  # admin_shutdown
    "57P02": "unreachable",  # crash_shutdown
    "57P03": "unreachable",  # cannot_connect_now (starting up)
    "08000": "unreachable",
    "08003": "unreachable",
    "08006": "unreachable",
    "08001": "unreachable",
    "08004": "unreachable",
    "28P01": "password",
    "28000": "password",
}


def _kind(link: BaseException) -> str | None:
    code = getattr(link, "sqlite_errorcode", None)
    if isinstance(code, int):
        return _SQLITE_KINDS.get(code & 0xFF, "other")
    state = getattr(link, "sqlstate", None)
    if state:
        return _PG_KINDS.get(state, "other")
    psycopg = sys.modules.get("psycopg")  # loaded only by a café on a server
    if psycopg is not None and isinstance(link, psycopg.OperationalError):
        # psycopg's connection-level failures carry no SQLSTATE: refused, closed, timed out,
        # or a password refused while connecting (said in words only).
        text = str(link).lower()
        if "password authentication failed" in text or "no password supplied" in text:
            return "password"
        return "unreachable"
    return None


def _kind_from_text(text: str) -> str:
    """For errors that carry no code (peewee's own, or a message re-raised as text)."""
    if "database or disk is full" in text or "no space left" in text:
        return "full"
    if "readonly" in text or "read-only" in text:
        return "readonly"
    if "database is locked" in text or "database is busy" in text:
        return "busy"
    if "not a database" in text or "malformed" in text:
        return "damaged"
    if "unable to open" in text:
        return "cannot_open"
    return "other"


def describe(exc: BaseException) -> StorageError:
    """A driver's failure as the person at the till is told it, judged by the error's type and
    code (SQLite's result code, PostgreSQL's SQLSTATE), not by words that a message carried
    along in the chain might also contain."""
    links = list(_chain(exc))
    kind = next((k for k in map(_kind, links) if k is not None and k != "other"), None)
    if kind is None:
        kind = _kind_from_text(" | ".join(str(link).lower() for link in links))
    first = links[0] if links else exc
    if kind == "full":
        return StorageError("The disk is full, so nothing was saved. Free some space and try again.")
    if kind == "readonly":
        return StorageError("The database file is read-only, so nothing was saved.")
    if kind == "busy":
        return StorageError("The database is busy in another program; nothing was saved. Try again.")
    if kind == "damaged":
        return DamagedDatabase("The database file is damaged. Restore it from a backup.")
    if kind == "cannot_open":
        return StorageError("The database file cannot be opened (check the folder exists and is writable).")
    if kind == "server_busy":
        return ServerBusy(
            "The database server kept this till waiting: another till or the owner's work holds the café's "
            "write lock. Nothing was saved; a till keeps stamps meanwhile and sends them when it can."
        )
    if kind == "unreachable":
        return ServerUnreachable(
            "The database server cannot be reached; nothing was saved. Check that it is running and the "
            "network is up ({reason}). Meanwhile a till keeps only stamps, and sends them when it is back.",
            reason=str(first).strip().splitlines()[0][:200] if str(first).strip() else type(first).__name__,
        )
    if kind == "password":
        return StorageError(
            "The database server refused the user name or password. Keep the password for this till with "
            "cafe-loyalty db password --db ADDRESS, or set PGPASSWORD or a .pgpass file."
        )
    return StorageError("The database reported an error; nothing was saved ({reason}).", reason=first)


@contextlib.contextmanager
def storage_errors() -> Iterator[None]:
    """Re-raise SQLite I/O failures as :class:`StorageError` with a plain-language message."""
    try:
        yield
    except (pw.OperationalError, pw.DatabaseError, sqlite3.OperationalError, sqlite3.DatabaseError) as exc:
        if isinstance(exc, pw.IntegrityError | sqlite3.IntegrityError):
            raise
        raise describe(exc) from exc

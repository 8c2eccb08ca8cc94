"""Copying a whole café from one database to another (issue #18): a SQLite file to a
PostgreSQL server when a café grows to several tills, back again, or into the SQLite file a
backup holds.

The copy reads the source in one consistent snapshot and writes the target in one transaction:
every table in the order its foreign keys need, ids kept. Each table is then counted and
checksummed on both sides (its rows in key order, values written out the same way whichever
engine holds them), and a difference rolls the whole copy back. A target that already holds a
café is refused unless the caller says to replace it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import peewee as pw

from cafe_loyalty.errors import StorageError, ValidationError
from cafe_loyalty.store import migrations, pg_schema
from cafe_loyalty.store.db import connection, ids_given, is_postgresql, read, write
from cafe_loyalty.store.failures import storage_errors

TABLES = pg_schema.TABLES
# Columns PostgreSQL keeps as booleans and SQLite as 0 and 1.
FLAGS = {("staff", "active"), ("menu_item", "active"), ("stamp", "forced")}
CHUNK = 2000

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class CopyResult:
    counts: dict[str, int]
    checksums: dict[str, str]

    @property
    def rows(self) -> int:
        return sum(self.counts.values())


def _is_time(column: str) -> bool:
    return column == "at" or column.endswith("_at")


def _key(db: pw.Database, table: str) -> str:
    """The order both engines read a table in: by id, or by the setting's key compared byte by
    byte (SQLite's order; the server's own collation may sort underscores differently)."""
    if table != "setting":
        return '"id"'
    return '"key" COLLATE "C"' if is_postgresql(db) else '"key"'


def _columns(db: pw.Database, table: str) -> list[str]:
    cursor = db.execute_sql(f'SELECT * FROM "{table}" LIMIT 0')
    return [c[0] for c in cursor.description]


# A time as SQLite holds it (``str(datetime)``: microseconds only when there are any), written
# out by the server itself. Converting each value in Python was half of a copy's time at chain
# size (issue #34); PostgreSQL's own output trims trailing zeros of the fraction, hence to_char.
_PG_TIME = (
    "CASE WHEN date_trunc('second', {c}) = {c} THEN to_char({c}, 'YYYY-MM-DD HH24:MI:SS') "
    "ELSE to_char({c}, 'YYYY-MM-DD HH24:MI:SS.US') END"
)


def _selected(db: pw.Database, table: str, columns: list[str]) -> str:
    """The columns of ``table`` as every copy reads them, whichever engine holds them: a time
    as SQLite's text, a yes/no as 0 or 1. Both engines' rows are then equal value for value
    (the checksums compare them as they are), and each engine takes the other's as they are
    (the server reads that text as a timestamp and 0 or 1 as a boolean)."""
    if not is_postgresql(db):
        return ", ".join(f'"{c}"' for c in columns)
    out = []
    for column in columns:
        quoted = f'"{column}"'
        if _is_time(column):
            out.append(_PG_TIME.format(c=quoted))
        elif (table, column) in FLAGS:
            out.append(f"{quoted}::int")
        else:
            out.append(quoted)
    return ", ".join(out)


def _outgoing(chunk: list[tuple[Any, ...]]) -> list[Any]:
    """Rows on their way to the target (a seam the tests use to damage one)."""
    return chunk


def _rows(db: pw.Database, table: str, columns: list[str]) -> Iterator[list[tuple[Any, ...]]]:
    cursor = db.execute_sql(f'SELECT {_selected(db, table, columns)} FROM "{table}" ORDER BY {_key(db, table)}')
    while chunk := cursor.fetchmany(CHUNK):
        yield chunk


class _Tally:
    """A table's rows counted and checksummed as they pass, in key order and in chunks of
    :data:`CHUNK` (both sides are read the same way, so their chunks are the same)."""

    def __init__(self) -> None:
        self._digest = hashlib.sha256()
        self.count = 0

    def add(self, chunk: list[tuple[Any, ...]]) -> None:
        self._digest.update(repr(chunk).encode())  # one call a chunk: per row it cost seconds
        self.count += len(chunk)

    def result(self) -> tuple[int, str]:
        return self.count, self._digest.hexdigest()


def _checksum(db: pw.Database, table: str, columns: list[str]) -> tuple[int, str]:
    tally = _Tally()
    for chunk in _rows(db, table, columns):
        tally.add(chunk)
    return tally.result()


def _insert_rows(
    source: pw.Database, target: pw.Database, table: str, columns: list[str], tally: _Tally
) -> Iterator[int]:
    """Into a SQLite file: prepared INSERTs, a chunk at a time (in-process, nothing faster)."""
    out = connection(target)
    names = ", ".join(f'"{c}"' for c in columns)
    insert = f'INSERT INTO "{table}" ({names}) VALUES ({", ".join("?" for _ in columns)})'
    for chunk in _rows(source, table, columns):
        out.executemany(insert, _outgoing(chunk))
        tally.add(chunk)
        yield len(chunk)


def _copy_rows(
    source: pw.Database, target: pw.Database, table: str, columns: list[str], tally: _Tally
) -> Iterator[int]:
    """Into PostgreSQL: one ``COPY ... FROM STDIN`` per table (issue #34), streamed in the copy's
    own transaction. An INSERT per row is a round trip each (12,000 rows a second on loopback);
    COPY sends the rows as one stream."""
    names = ", ".join(f'"{c}"' for c in columns)
    copy = f'COPY "{table}" ({names}) FROM STDIN'
    with storage_errors(), target.connection().cursor() as cursor, cursor.copy(copy) as stream:
        for chunk in _rows(source, table, columns):
            for row in _outgoing(chunk):
                stream.write_row(row)
            tally.add(chunk)
            yield len(chunk)


def _set_keys_aside(target: pw.Database) -> list[tuple[str, str, str]]:
    """The server's foreign keys, dropped for the copy in its own transaction (issue #34).

    Checked row by row, deferred to the commit, they were half the copy's time (6.9 of 14.6 s
    for a million rows); added back afterwards, each is checked in one pass over its table.
    Only the tables' owner may drop them: for anyone else nothing is dropped and the keys are
    checked at the commit as before (the savepoint keeps the copy's transaction usable)."""
    keys = target.execute_sql(
        "SELECT c.conrelid::regclass::text, c.conname, pg_get_constraintdef(c.oid) FROM pg_constraint c "
        "WHERE c.contype = 'f' AND c.connamespace = current_schema()::regnamespace ORDER BY 1, 2"
    ).fetchall()
    try:
        with target.atomic():  # a savepoint
            for table, name, _definition in keys:
                target.execute_sql(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
    except pw.ProgrammingError:  # not the owner: keep them, checked at the commit
        return []
    return [(table, name, definition) for table, name, definition in keys]


def _check_keys_again(target: pw.Database, keys: list[tuple[str, str, str]]) -> None:
    """The keys set aside, added back: each checks every copied row at once, and a row that
    points nowhere fails the copy (its transaction rolls back with the keys still in place)."""
    for table, name, definition in keys:
        try:
            target.execute_sql(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')
        except pw.IntegrityError as exc:
            raise StorageError(
                "A row of {table} points to a row that is not there ({reason}); nothing was copied.",
                table=table,
                reason=str(exc).strip().splitlines()[0][:200],
            ) from exc


def _set_indexes_aside(target: pw.Database) -> list[str]:
    """The server's indexes other than the primary keys, dropped for the copy in its own
    transaction and built again after it (as ``pg_restore`` does): built in one sorted pass
    each instead of kept up row by row, the server took the rows faster than the copy could
    send them. A unique one built again checks every copied row. Only the tables' owner may:
    for anyone else they stay, kept up as before."""
    indexes = target.execute_sql(
        "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.schemaname = current_schema() "
        "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname "
        "AND c.connamespace = current_schema()::regnamespace) ORDER BY 1"
    ).fetchall()
    try:
        with target.atomic():  # a savepoint
            for name, _definition in indexes:
                target.execute_sql(f'DROP INDEX "{name}"')
    except pw.ProgrammingError:  # not the owner
        return []
    return [definition for _name, definition in indexes]


def _build_indexes_again(target: pw.Database, indexes: list[str]) -> None:
    if not indexes:
        return
    target.execute_sql("SET LOCAL maintenance_work_mem = '256MB'")  # each index sorted in memory
    for definition in indexes:
        try:
            target.execute_sql(definition)
        except pw.IntegrityError as exc:
            raise StorageError(
                "The copy holds two rows where one is allowed ({reason}); nothing was copied.",
                reason=str(exc).strip().splitlines()[0][:200],
            ) from exc


def holds_a_cafe(db: pw.Database) -> bool:
    return any(db.execute_sql(f'SELECT 1 FROM "{t}" LIMIT 1').fetchone() for t in ("setting", "staff", "customer"))


def copy_cafe(
    source: pw.Database,
    target: pw.Database,
    *,
    replace: bool = False,
    progress: Progress | None = None,
) -> CopyResult:
    """Copy everything in ``source`` into ``target`` (both open, either engine), verified.
    The target is brought to the current schema first; a target holding a café is refused
    unless ``replace``, and then emptied in the same transaction as the copy."""
    found = migrations.schema_version(source)
    if found != migrations.LATEST:
        raise ValidationError(
            "The café to copy is at schema {found}; open it with this version of the app first, which "
            "upgrades it to {latest}.",
            found=found,
            latest=migrations.LATEST,
        )
    migrations.migrate(target)
    target_pg = is_postgresql(target)
    counts: dict[str, int] = {}
    checksums: dict[str, str] = {}
    with read(source, long=True), write(target):
        # Rows may point ahead (a card code to the newer code that replaced it): the keys are
        # checked when the copy commits, all at once.
        if target_pg:
            target.execute_sql("SET CONSTRAINTS ALL DEFERRED")
            # The copy reads, converts and checksums for minutes at chain size while this
            # transaction waits on it; no till has the target open (db copy's rule), and the
            # till's 10 s idle limit ended the copy of 30 million stamps (bench/chain.py).
            target.execute_sql("SET LOCAL idle_in_transaction_session_timeout = 0")
        else:
            target.execute_sql("PRAGMA defer_foreign_keys = ON")
        if holds_a_cafe(target):
            if not replace:
                raise ValidationError(
                    "The target already holds a café. Nothing was copied; to replace it, say so (--yes)."
                )
            for table in reversed(TABLES):
                target.execute_sql(f'DELETE FROM "{table}"')
        else:  # the one branch the schema gives a new database, which the café's own replace
            target.execute_sql('DELETE FROM "branch"')
        total = sum(source.execute_sql(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in TABLES) or 1
        done = 0
        keys = _set_keys_aside(target) if target_pg else []
        indexes = _set_indexes_aside(target) if target_pg else []
        columns_of = {table: _columns(source, table) for table in TABLES}
        write_rows = _copy_rows if target_pg else _insert_rows
        tallies = {table: _Tally() for table in TABLES}  # the source, as it is read
        for table in TABLES:
            columns = columns_of[table]
            for written in write_rows(source, target, table, columns, tallies[table]):
                done += written
                if progress is not None:
                    progress(done, total)
        _build_indexes_again(target, indexes)
        _check_keys_again(target, keys)
        ids_given(target, *(t for t in TABLES if t != "setting"))
        for table in TABLES:
            columns = columns_of[table]
            want = tallies[table].result()
            have = _checksum(target, table, columns)
            if want != have:
                raise StorageError(
                    "The copy of {table} does not match the original ({have} rows against {want}); nothing was copied.",
                    table=table,
                    have=have[0],
                    want=want[0],
                )
            counts[table], checksums[table] = want
    if target_pg:
        # Statistics and the visibility map for the new rows now, not whenever autovacuum
        # comes by: until then the server plans the till's search blind (bench/postgresql.py).
        with storage_errors():
            target.execute_sql("VACUUM (ANALYZE)")
    return CopyResult(counts, checksums)


TextStream = tuple[str, list[str], Iterator[bytes]]
TEXT_BLOCK = 1 << 20  # bytes handed on at a time (hashed and compressed on the way)


def text_streams(db: pw.Database) -> Iterator[TextStream]:
    """Every table of a café on a server as PostgreSQL's own ``COPY ... TO STDOUT`` text (a
    line a row, tab between values, ``\\N`` for nothing), in key order, with its columns:
    what a backup of a chain keeps (issue #34). The server writes it out in C, as ``pg_dump``
    does; read row by row in Python the same backup took eight times as long. Values are as
    :func:`_selected` reads them, so a time is SQLite's text and a yes/no 0 or 1 (the backup
    loads into either engine as it is). Call inside :func:`read` (``long=True``): one snapshot
    for every table."""
    for table in TABLES:
        columns = _columns(db, table)
        yield table, columns, _copied_out(db, table, columns)


def _copied_out(db: pw.Database, table: str, columns: list[str]) -> Iterator[bytes]:
    query = f'SELECT {_selected(db, table, columns)} FROM "{table}" ORDER BY {_key(db, table)}'
    with storage_errors(), db.connection().cursor() as cursor, cursor.copy(f"COPY ({query}) TO STDOUT") as stream:
        gathered = bytearray()
        for row in stream:  # the server sends a row a message
            gathered += row
            if len(gathered) >= TEXT_BLOCK:
                yield bytes(gathered)
                gathered.clear()
        if gathered:
            yield bytes(gathered)

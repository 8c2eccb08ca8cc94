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

import datetime as dt
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


def _key(table: str) -> str:
    return '"key"' if table == "setting" else '"id"'


def _columns(db: pw.Database, table: str) -> list[str]:
    cursor = db.execute_sql(f'SELECT * FROM "{table}" LIMIT 0')
    return [c[0] for c in cursor.description]


def _same(table: str, column: str, value: Any) -> Any:
    """A value as both engines' copies compare it (for the checksum)."""
    if value is None:
        return None
    if _is_time(column):
        if isinstance(value, str):
            value = dt.datetime.fromisoformat(value)
        return value.isoformat(" ")
    if (table, column) in FLAGS:
        return int(bool(value))
    if isinstance(value, float):
        return repr(value)
    return value


def _for(target_pg: bool, table: str, column: str, value: Any) -> Any:
    """A value as the target engine takes it."""
    if value is None:
        return None
    if _is_time(column):
        if target_pg:
            return dt.datetime.fromisoformat(value) if isinstance(value, str) else value
        return value.isoformat(" ") if isinstance(value, dt.datetime) else value
    if (table, column) in FLAGS:
        return bool(value) if target_pg else int(bool(value))
    return value


def _rows(db: pw.Database, table: str, columns: list[str]) -> Iterator[list[tuple[Any, ...]]]:
    names = ", ".join(f'"{c}"' for c in columns)
    cursor = db.execute_sql(f'SELECT {names} FROM "{table}" ORDER BY {_key(table)}')
    while chunk := cursor.fetchmany(CHUNK):
        yield chunk


def _checksum(db: pw.Database, table: str, columns: list[str]) -> tuple[int, str]:
    digest = hashlib.sha256()
    count = 0
    for chunk in _rows(db, table, columns):
        for row in chunk:
            digest.update(repr(tuple(_same(table, c, v) for c, v in zip(columns, row, strict=True))).encode())
            count += 1
    return count, digest.hexdigest()


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
    with read(source), write(target):
        # Rows may point ahead (a card code to the newer code that replaced it): the keys are
        # checked when the copy commits, all at once.
        if target_pg:
            target.execute_sql("SET CONSTRAINTS ALL DEFERRED")
        else:
            target.execute_sql("PRAGMA defer_foreign_keys = ON")
        if holds_a_cafe(target):
            if not replace:
                raise ValidationError(
                    "The target already holds a café. Nothing was copied; to replace it, say so (--yes)."
                )
            for table in reversed(TABLES):
                target.execute_sql(f'DELETE FROM "{table}"')
        total = sum(source.execute_sql(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in TABLES) or 1
        done = 0
        out = connection(target)
        columns_of = {table: _columns(source, table) for table in TABLES}
        for table in TABLES:
            columns = columns_of[table]
            names = ", ".join(f'"{c}"' for c in columns)
            marks = ", ".join("?" for _ in columns)
            insert = f'INSERT INTO "{table}" ({names}) VALUES ({marks})'
            for chunk in _rows(source, table, columns):
                out.executemany(
                    insert,
                    [tuple(_for(target_pg, table, c, v) for c, v in zip(columns, row, strict=True)) for row in chunk],
                )
                done += len(chunk)
                if progress is not None:
                    progress(done, total)
        ids_given(target, *(t for t in TABLES if t != "setting"))
        for table in TABLES:
            columns = columns_of[table]
            want = _checksum(source, table, columns)
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

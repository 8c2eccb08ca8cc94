"""The table layout of a backup (format 2, issue #34): what a café on a server is backed up as.

One member per table, ``<table>.tsv``, holding PostgreSQL's ``COPY ... TO STDOUT`` text: a line
a row, a tab between values, ``\\N`` for nothing, and backslash escapes for a tab, a newline, a
carriage return and a backslash inside a value (and ``\\b``, ``\\f``, ``\\v``, which the server
also writes). The server writes it in C as ``pg_dump`` does, so a chain's backup costs about what
``pg_dump`` costs; the manifest lists each table's columns and rows.

Reading one loads it into a new SQLite file of the backup's schema version, which then goes
through the same checks and the same restore as a backup of a single café's file: so a chain's
backup restores into a single till as well as into a server. A backup is a file from outside:
every name is checked against the schema before it is used in a statement, and a line that is
not a row of its table is refused as damage."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path

import peewee as pw

from cafe_loyalty.store import migrations

SUFFIX = ".tsv"
CHUNK = 2000  # rows a statement while loading
MAX_ROW = 16 << 20  # bytes: no row of a café comes near it; a forged file's endless line stops here

_ESCAPES = {"\\": "\\", "t": "\t", "n": "\n", "r": "\r", "b": "\b", "f": "\f", "v": "\v"}
_ESCAPED = re.compile(r"\\(.?)", re.DOTALL)
_NAME = re.compile(r"[a-z][a-z0-9_]{0,62}")


def member(table: str) -> str:
    return f"{table}{SUFFIX}"


def rows_in(block: bytes) -> int:
    """Rows in a block of COPY text (a newline inside a value is written as ``\\n``)."""
    return block.count(b"\n")


def _unescaped(value: str) -> str:
    def one(match: re.Match[str]) -> str:
        try:
            return _ESCAPES[match.group(1)]
        except KeyError:
            raise ValueError(f"an unknown escape \\{match.group(1)}") from None

    return _ESCAPED.sub(one, value)


def parse(blocks: Iterable[bytes], width: int) -> Iterator[list[list[str | None]]]:
    """The rows of a table's COPY text, a list of at most :data:`CHUNK` at a time. Raises
    ValueError on a line that is not ``width`` values, an unknown escape, or text that is not
    UTF-8 (the caller says which file and member)."""
    rest = b""
    chunk: list[list[str | None]] = []
    for block in blocks:
        rest += block
        end = rest.rfind(b"\n")
        if end < 0:
            if len(rest) > MAX_ROW:
                raise ValueError("a row longer than any a café holds")
            continue
        lines, rest = rest[: end + 1].decode("utf-8"), rest[end + 1 :]  # a line ends whole: no split letter
        for line in lines[:-1].split("\n"):
            values = line.split("\t")
            if len(values) != width:
                raise ValueError(f"a row of {len(values)} values where the table has {width}")
            chunk.append([None if v == "\\N" else _unescaped(v) if "\\" in v else v for v in values])
            if len(chunk) == CHUNK:
                yield chunk
                chunk = []
    if rest:
        raise ValueError("the last row is cut short")
    if chunk:
        yield chunk


def empty_database(path: Path, schema: int) -> sqlite3.Connection:
    """A new SQLite file at ``schema`` with no rows (the steps' own rows taken out), open in a
    transaction, its foreign keys checked once everything is in (:func:`finish`)."""
    if schema < 1 or schema not in migrations.STEPS:
        raise ValueError(f"no schema version {schema}")
    steps = pw.SqliteDatabase(str(path))  # the steps run on a peewee database
    try:
        for version in range(1, schema + 1):
            with steps.atomic():
                migrations.STEPS[version](steps)
        steps.execute_sql(f"PRAGMA user_version = {int(schema)}")
    finally:
        steps.close()
    con = sqlite3.connect(path, isolation_level=None)
    con.execute("PRAGMA journal_mode = OFF")  # a file being built: thrown away if anything fails
    con.execute("PRAGMA synchronous = OFF")
    con.execute("PRAGMA foreign_keys = OFF")
    con.execute("BEGIN")
    for (table,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall():
        if not table.startswith("sqlite_"):
            con.execute(f'DELETE FROM "{table}"')
    return con


def check_names(con: sqlite3.Connection, table: str, columns: list[str]) -> None:
    """``table`` and ``columns`` exist in the database being built, exactly (no name from the
    manifest reaches a statement unchecked)."""
    if not _NAME.fullmatch(table) or not all(isinstance(c, str) and _NAME.fullmatch(c) for c in columns):
        raise ValueError("a table or column name that is not one")
    have = [r[1] for r in con.execute(f'PRAGMA table_info("{table}")')]
    if not have:
        raise ValueError(f"a table {table} its schema does not have")
    if sorted(columns) != sorted(have):
        raise ValueError(f"the columns of {table} differ from its schema's")


def load(con: sqlite3.Connection, table: str, columns: list[str], chunks: Iterable[list[list[str | None]]]) -> int:
    """The rows into ``table`` as text: SQLite's column types make a whole number of an
    INTEGER column's text, as the copy from a server would have written it."""
    names = ", ".join(f'"{c}"' for c in columns)
    insert = f'INSERT INTO "{table}" ({names}) VALUES ({", ".join("?" for _ in columns)})'
    count = 0
    for chunk in chunks:
        con.executemany(insert, chunk)
        count += len(chunk)
    return count


def finish(con: sqlite3.Connection) -> None:
    """Every row's references checked at once, then committed."""
    dangling = con.execute("PRAGMA foreign_key_check").fetchone()
    if dangling is not None:
        raise ValueError(f"a row of {dangling[0]} points to a row of {dangling[2]} that is not there")
    con.execute("COMMIT")


def build(path: Path, schema: int, tables: Iterable[tuple[str, list[str], Iterable[bytes]]]) -> dict[str, int]:
    """The SQLite file at ``path`` from a backup's tables; rows per table. ValueError on damage."""
    con = empty_database(path, schema)
    try:
        loaded = {}
        for table, columns, blocks in tables:
            check_names(con, table, columns)
            loaded[table] = load(con, table, columns, parse(blocks, len(columns)))
        finish(con)
        return loaded
    except sqlite3.Error as exc:
        raise ValueError(str(exc)) from exc
    finally:
        con.close()

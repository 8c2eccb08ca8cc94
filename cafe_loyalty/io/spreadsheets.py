"""Spreadsheets of the café's data: customers, cards, stamps and visits as CSV files.

Their own export, apart from the backup (the backup is the database alone, so it stays as fast
as SQLite's copy). All files come from one read snapshot of the live database, are written into
a hidden folder and appear under their name only when complete: a stopped or failed export
leaves nothing behind. Text cells that a spreadsheet would run as a formula are neutralised.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import shutil
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from cafe_loyalty.backup.archive import slug
from cafe_loyalty.errors import CafeError, StorageError, ValidationError
from cafe_loyalty.files import atomic_write
from cafe_loyalty.store import fragments

Progress = Callable[[int, int], None]
CHUNK = 20_000  # rows per read: progress and "stop" are looked at this often


class Stopped(CafeError):
    """The owner stopped the export; nothing was written."""


def _text(expr: str) -> str:
    """A CSV field from SQL text, quoted, with spreadsheet formulas neutralised (a name like
    ``=HYPERLINK(...)`` must not run when the owner opens the file; OWASP's list of openers)."""
    opener = "('=', '+', '-', '@', char(9), char(13))"
    safe = f"CASE WHEN substr({expr}, 1, 1) IN {opener} THEN '''' || {expr} ELSE {expr} END"
    return f"""CASE WHEN {expr} IS NULL THEN '' ELSE '"' || replace({safe}, '"', '""') || '"' END"""


def _plain(expr: str) -> str:
    return f"coalesce(CAST({expr} AS TEXT), '')"


# (file, header, columns as (kind, SQL expression), FROM ... clause)
CSV_EXPORTS: list[tuple[str, list[str], list[tuple[str, str]], str]] = [
    (
        "customers.csv",
        [
            "id",
            "first_name",
            "last_name",
            "phone",
            "email",
            "usual",
            "notes",
            "created_at",
            "last_seen_at",
            "card_code",
        ],
        [
            ("n", "c.id"),
            ("t", "c.first_name"),
            ("t", "c.last_name"),
            ("t", "c.phone"),
            ("t", "c.email"),
            ("t", "c.usual"),
            ("t", "c.notes"),
            ("n", "c.created_at"),
            ("n", "c.last_seen_at"),
            ("t", fragments.current_code("c.id")),
        ],
        "FROM customer c WHERE c.forgotten_at IS NULL ORDER BY c.id",
    ),
    (
        "cards.csv",
        ["id", "customer_id", "slots", "head_start", "filled", "status", "issued_at", "closed_at"],
        [
            ("n", "d.id"),
            ("n", "d.customer_id"),
            ("n", "d.slots"),
            ("n", "d.head_start"),
            ("n", fragments.filled("d")),
            ("n", "d.status"),
            ("n", "d.issued_at"),
            ("n", "d.closed_at"),
        ],
        "FROM card d ORDER BY d.id",
    ),
    (
        "stamps.csv",
        ["id", "card_id", "at", "source", "staff", "forced", "voided_at", "void_reason"],
        [
            ("n", "s.id"),
            ("n", "s.card_id"),
            ("n", "s.at"),
            ("n", "s.source"),
            ("t", "f.name"),
            ("n", "s.forced"),
            ("n", "s.voided_at"),
            ("t", "s.void_reason"),
        ],
        "FROM stamp s LEFT JOIN staff f ON f.id = s.staff_id ORDER BY s.id",
    ),
    (
        # A visit is a purchase that earned a stamp (until visits with menu items are recorded).
        "visits.csv",
        ["customer_id", "first_name", "at", "staff"],
        [("n", "d.customer_id"), ("t", "c.first_name"), ("n", "s.at"), ("t", "f.name")],
        "FROM stamp s JOIN card d ON d.id = s.card_id JOIN customer c ON c.id = d.customer_id "
        "LEFT JOIN staff f ON f.id = s.staff_id "
        "WHERE s.source = 'purchase' AND s.voided_at IS NULL AND c.forgotten_at IS NULL ORDER BY s.id",
    ),
]

TABLES = {spec[0].removesuffix(".csv"): spec for spec in CSV_EXPORTS}


@dataclass(frozen=True)
class SpreadsheetExport:
    folder: str
    files: dict[str, int]  # file name -> rows written

    def to_json(self) -> dict[str, object]:
        return {"folder": self.folder, "files": self.files}


def choose_tables(names: Sequence[str] | None) -> list[str]:
    if not names:
        return list(TABLES)
    unknown = [n for n in names if n not in TABLES]
    if unknown:
        raise ValidationError(
            "Unknown spreadsheet(s): {names}. Choose from: {choices}.",
            names=", ".join(unknown),
            choices=", ".join(TABLES),
        )
    return list(dict.fromkeys(names))


def _select(spec: tuple) -> str:
    """The CSV line is built by SQLite itself (quoting included): far faster than Python per row."""
    _name, _header, columns, source = spec
    line = " || ',' || ".join(_text(e) if kind == "t" else _plain(e) for kind, e in columns)
    return f"SELECT {line} {source}"


def export(
    db_path: Path,
    folder: Path,
    tables: Sequence[str] | None = None,
    *,
    progress: Progress | None = None,
    stopped: Callable[[], bool] = lambda: False,
) -> SpreadsheetExport:
    """Write the chosen spreadsheets into the new folder ``folder`` (which must not exist)."""
    names = choose_tables(tables)
    folder = Path(folder)
    if os.path.lexists(folder):
        raise ValidationError("{folder} already exists; choose another name for the spreadsheets.", folder=folder)
    part = folder.with_name(f".{folder.name}.part")
    con = sqlite3.connect(f"{Path(db_path).resolve().as_uri()}?mode=ro", uri=True, isolation_level=None)
    written: dict[str, int] = {}
    try:
        shutil.rmtree(part, ignore_errors=True)
        part.mkdir(parents=True)
        con.execute("BEGIN")  # one snapshot for every file: a stamp meanwhile is in all or none
        totals = {n: con.execute(f"SELECT count(*) {TABLES[n][3]}").fetchone()[0] for n in names}
        total, done = sum(totals.values()), 0
        if progress:
            progress(0, total)
        for name in names:
            spec = TABLES[name]
            rows = 0
            with open(part / spec[0], "w", encoding="utf-8-sig", newline="") as out:  # BOM: Excel reads UTF-8
                out.write(",".join(spec[1]) + "\r\n")
                cursor = con.execute(_select(spec))
                while chunk := cursor.fetchmany(CHUNK):
                    if stopped():
                        raise Stopped("The export was stopped; no spreadsheet was saved.")
                    out.write("\r\n".join(r[0] for r in chunk) + "\r\n")
                    rows += len(chunk)
                    done += len(chunk)
                    if progress:
                        progress(min(done, total), total)
                out.flush()
                os.fsync(out.fileno())
            written[spec[0]] = rows
        con.execute("COMMIT")
        os.replace(part, folder)
    except BaseException as exc:  # stopped, refused or failed: no half folder is left
        shutil.rmtree(part, ignore_errors=True)
        if isinstance(exc, sqlite3.DatabaseError):
            raise StorageError("Could not read the database for the spreadsheets: {reason}.", reason=exc) from exc
        if isinstance(exc, OSError):
            raise StorageError(
                "Could not write the spreadsheets to {folder}: {reason}. Nothing was saved there.",
                folder=folder.parent,
                reason=exc.strerror or exc,
            ) from exc
        raise
    finally:
        con.close()
    return SpreadsheetExport(str(folder), written)


def default_folder(parent: Path, cafe_name: str, when: dt.date) -> Path:
    """``spreadsheets-cafe-shirin-2026-11-23`` in ``parent``, numbered if that name is taken."""
    base = f"spreadsheets-{slug(cafe_name)}-{when.isoformat()}"
    candidate, n = Path(parent) / base, 2
    while os.path.lexists(candidate):
        candidate, n = Path(parent) / f"{base}-{n}", n + 1
    return candidate


_OPENERS = ("=", "+", "-", "@", "\t", "\r")


def save_table(path: str | Path, header: Sequence[str], rows: Sequence[Sequence[object]]) -> Path:
    """One small owner list as a CSV file, written whole or not at all: UTF-8 with a BOM (Excel
    reads Persian), and text that a spreadsheet would run as a formula prefixed with ``'``."""

    def cell(value: object) -> object:
        if isinstance(value, str) and value.startswith(_OPENERS):
            return "'" + value
        if isinstance(value, dt.datetime):
            return value.isoformat(" ", "seconds")
        return "" if value is None else value

    def save(tmp: Path) -> None:
        with open(tmp, "w", encoding="utf-8-sig", newline="") as f:
            out = csv.writer(f)
            out.writerow(header)
            out.writerows([cell(v) for v in row] for row in rows)

    return atomic_write(path, save)

"""Importing regulars from a spreadsheet: a notebook typed into Excel, or the customer export of
another till (Loyverse, Square).

:meth:`Imports.plan` reads the file and says what an import would do (the dry run, also the
preview): the columns and how they are mapped, the first rows as they will be stored, the
regulars to add, the ones that match an existing regular (same phone, or same name and
birthday) and what happens to them, and every rejected row with its line, column, value and
reason. It writes nothing. :meth:`Imports.run` does the same reading and writes what the plan
says in one transaction: all of it, or (on any failure, or if stopped) nothing. An import is
kept as a batch and can be undone as a whole while none of its regulars has been served.

Speed: the rows are written with ``executemany`` in the import's own transaction, with ids
given here; no per-row audit event (the batch and its rows are the record)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import peewee as pw

from cafe_loyalty.io import tabular
from cafe_loyalty.io.import_rows import FIELDS, _Bad, _cell, _short, guess_mapping, match_keys, phone_region, row_values
from cafe_loyalty.io.spreadsheets import Stopped, save_table
from cafe_loyalty.store.db import connection, read, write
from cafe_loyalty.store.models import ImportBatch

from ..clock import Clock, to_local
from ..errors import CafeError, ValidationError
from ..rights import owner_only
from .audit import Audit
from .branches import Here
from .import_batches import BatchWriter
from .settings import Settings
from .views import JsonView

POLICIES = ("skip", "update", "add")  # what happens to a row that matches an existing regular

PREVIEW_ROWS = 10

ROW_FIELDS = (
    "first_name",
    "last_name",
    "phone",
    "email",
    "notes",
    "allergies",
    "birthday_month",
    "birthday_day",
    "birthday_year",
    "birthday_calendar",
    "stamps",
    "_dialled",
)


def _packed(values: dict[str, Any]) -> tuple[Any, ...]:
    return tuple(values.get(f) for f in ROW_FIELDS)


def _unpacked(row: tuple[Any, ...]) -> dict[str, Any]:
    return {f: v for f, v in zip(ROW_FIELDS, row, strict=True) if v is not None}


@dataclass(frozen=True)
class Rejected(JsonView):
    line: int
    column: str
    value: str
    reason: str  # in English (the CLI, the saved file); ``error`` for a screen to translate
    cells: tuple[str, ...] = ()  # the row as it was, for the "fix and import again" file
    error: CafeError | None = None

    def to_json(self) -> dict[str, Any]:
        return {"line": self.line, "column": self.column, "value": self.value, "reason": self.reason}


def _rejected(line: int, column: str, value: str, error: CafeError, cells: list[str]) -> Rejected:
    return Rejected(line, column, _short(value), error.message, tuple(cells), error)


@dataclass(frozen=True)
class Match(JsonView):
    """A row that looks like a regular the till already has."""

    line: int
    name: str
    existing_id: int
    existing_name: str
    by: str  # phone | name_birthday
    action: str  # skip | update | add


@dataclass
class ImportPlan(JsonView):
    file: str
    kind: str
    encoding: str
    delimiter: str
    columns: list[str]
    mapping: dict[str, str]
    rows: int = 0
    to_add: int = 0
    to_update: int = 0
    to_skip: int = 0
    rejected: list[Rejected] = field(default_factory=list)
    # Rows kept with a field left empty (or stamps clamped to the card): an optional field that
    # could not be read never costs the regular their row (issue #31).
    warnings: list[Rejected] = field(default_factory=list)
    matches: list[Match] = field(default_factory=list)
    preview: list[dict[str, Any]] = field(default_factory=list)
    # What run() writes, not shown, as compact tuples (ROW_FIELDS): a regular's values take
    # about 300 bytes rather than a kilobyte as a dict, so 100,000 rows stay near 30 MB.
    _adds: list[tuple[Any, ...]] = field(default_factory=list, repr=False)
    _fills: list[tuple[int, tuple[Any, ...]]] = field(default_factory=list, repr=False)

    _json_extra = ()

    @property
    def has_work(self) -> bool:
        """False when every row was rejected or is already here: the run would refuse."""
        return bool(self._adds or self._fills)

    def to_json(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "kind": self.kind,
            "encoding": self.encoding,
            "delimiter": self.delimiter,
            "columns": self.columns,
            "mapping": self.mapping,
            "rows": self.rows,
            "to_add": self.to_add,
            "to_update": self.to_update,
            "to_skip": self.to_skip,
            "rejected": [r.to_json() for r in self.rejected],
            "warnings": [w.to_json() for w in self.warnings],
            "matches": [m.to_json() for m in self.matches],
            "preview": self.preview,
        }


@dataclass(frozen=True)
class ImportResult(JsonView):
    batch_id: int
    added: int
    updated: int
    skipped: int
    rejected: int


@dataclass(frozen=True)
class BatchView(JsonView):
    id: int
    at: dt.datetime
    file_name: str
    added: int
    updated: int
    skipped: int
    rejected: int
    undone_at: dt.datetime | None


@dataclass(frozen=True)
class UndoImportResult(JsonView):
    batch_id: int
    removed: int
    restored: int


class ImportBlocked(CafeError):
    """An import cannot be undone: some of its regulars have been served since."""

    exit_code = 4

    def __init__(self, template: str, blockers: list[tuple[int, str]], **params: object):
        super().__init__(template, **params)
        self.blockers = blockers


class NothingToImport(ValidationError):
    """The plan adds and fills nothing; the dry run says so as the real run does."""

    def __init__(self) -> None:
        super().__init__("Nothing to import: every row was rejected or is already here.")


class Imports:
    def __init__(self, db: pw.Database, clock: Clock, audit: Audit, settings: Settings, here: Here):
        self._db = db
        self._here = here  # the branch the imported regulars (and their cards) join
        self._clock = clock
        self._audit = audit
        self._settings = settings
        self._writer = BatchWriter(db, settings, here, ROW_FIELDS)

    # -- reading -------------------------------------------------------------------------

    def plan(
        self,
        path: str | Path,
        mapping: dict[str, str] | None = None,
        encoding: str = "",
        duplicates: str = "skip",
        choices: dict[int, str] | None = None,
        date_order: str = "",
        progress: Callable[[int, int], None] | None = None,
        stop: Callable[[], bool] | None = None,
    ) -> ImportPlan:
        """What importing ``path`` would do, writing nothing (the dry run and the preview).

        ``mapping`` (column -> field) replaces the guessed one for the columns it names;
        ``duplicates`` is what to do with rows matching a regular (skip, update: fill their
        empty fields, add: a new regular anyway), ``choices`` the same per line; ``date_order``
        (dmy or mdy) reads dates like 03/04/1990, which are rejected as ambiguous without it."""
        if duplicates not in POLICIES:
            raise ValidationError("For a regular already here, choose one of: {choices}.", choices=", ".join(POLICIES))
        if date_order not in ("", "dmy", "mdy"):
            raise ValidationError("The date order is dmy or mdy.")
        table = tabular.open_table(path, encoding)
        chosen = guess_mapping(table.header)
        for column, target in (mapping or {}).items():
            if column not in table.header:
                raise ValidationError("There is no column {column!r} in the file.", column=column[:80])
            if target not in FIELDS:
                raise ValidationError("A column maps to one of: {choices}.", choices=", ".join(FIELDS))
            chosen = {c: f for c, f in chosen.items() if f != target or target == "ignore"}
            chosen[column] = target
        chosen = {c: f for c, f in chosen.items() if f != "ignore"}
        if not any(f in ("first_name", "name") for f in chosen.values()):
            raise ValidationError(
                "No column holds the names. Map one column to 'first name' or 'name' (columns: {columns}).",
                columns=", ".join(h[:40] for h in table.header[:12]),
            )
        plan = ImportPlan(Path(path).name, table.kind, table.encoding, table.delimiter, table.header, chosen)
        index = {column: table.header.index(column) for column in chosen}
        existing = self._existing()
        in_file: dict[tuple, int] = {}
        settings = self._settings.all()
        region = phone_region(settings)
        today = to_local(self._clock.now()).date()
        slots = settings["card_slots"]
        persian = settings.get("language") == "fa"  # Arabic yeh and kaf become Persian ones
        for line, cells in table.rows():
            if stop is not None and plan.rows % 500 == 0 and stop():
                raise Stopped("Stopped: nothing was imported.")
            plan.rows += 1
            if progress is not None and plan.rows % 2000 == 0:
                progress(plan.rows, 0)
            if len(cells) > len(table.header):
                extra = next((c for c in cells[len(table.header) :] if c.strip()), "")
                if extra:
                    error = ValidationError(
                        "This row has {cells} cells; the first line names {columns} columns.",
                        cells=len(cells),
                        columns=len(table.header),
                    )
                    plan.rejected.append(_rejected(line, "", extra, error, cells))
                    continue
            raw = {f: _cell(cells, index[c]) for c, f in chosen.items()}
            left_out: list[tuple[str, str, CafeError]] = []
            try:
                values = row_values(raw, region, today, date_order, slots, left_out, persian)
            except _Bad as bad:
                column = next((c for c, f in chosen.items() if f == bad.field), "")
                plan.rejected.append(_rejected(line, column, raw.get(bad.field, ""), bad.error, cells))
                continue
            for name, value, why in left_out:
                column = next((c for c, f in chosen.items() if f == name), name)
                plan.warnings.append(_rejected(line, column, value, why, cells))
            keys = match_keys(values)
            twin = next((in_file[k] for k in keys if k in in_file), None)
            if twin is not None:
                error = ValidationError("The same regular as line {line} of this file.", line=twin)
                plan.rejected.append(_rejected(line, "", values["first_name"], error, cells))
                continue
            for k in keys:
                in_file[k] = line
            found = next(((existing[k], k[0]) for k in keys if k in existing), None)
            if found is None:
                plan._adds.append(_packed(values))
                plan.to_add += 1
            else:
                (existing_id, existing_name), by = found
                action = (choices or {}).get(line, duplicates)
                if action not in POLICIES:
                    raise ValidationError(
                        "For a regular already here, choose one of: {choices}.", choices=", ".join(POLICIES)
                    )
                plan.matches.append(Match(line, values["first_name"], existing_id, existing_name, by, action))
                if action == "add":
                    plan._adds.append(_packed(values))
                    plan.to_add += 1
                elif action == "update":
                    if values.get("stamps"):
                        error = ValidationError("Stamps come only with a new regular; this one is already here.")
                        column = next((c for c, f in chosen.items() if f == "stamps"), "")
                        plan.rejected.append(_rejected(line, column, str(values["stamps"]), error, cells))
                        plan.matches.pop()
                        continue
                    plan._fills.append((existing_id, _packed(values)))
                    plan.to_update += 1
                else:
                    plan.to_skip += 1
            if len(plan.preview) < PREVIEW_ROWS:
                shown = {k: v for k, v in values.items() if v not in ("", None) and not k.startswith("_")}
                plan.preview.append({"line": line, **shown})
        if plan.rows == 0:
            raise ValidationError("{file} has column names but no rows.", file=Path(path).name)
        return plan

    def _existing(self) -> dict[tuple, tuple[int, str]]:
        """Match keys of the regulars here: phone (last ten digits) and name with birthday."""
        found: dict[tuple, tuple[int, str]] = {}
        with read(self._db):
            rows = self._db.execute_sql(
                "SELECT id, first_name, last_name, phone, birthday_month, birthday_day FROM customer "
                "WHERE forgotten_at IS NULL"
            ).fetchall()
        for cid, first, last, phone, month, day in rows:
            name = f"{first} {last}".strip()
            for key in match_keys(
                {"first_name": first, "last_name": last, "phone": phone, "birthday_month": month, "birthday_day": day}
            ):
                found.setdefault(key, (cid, name))
        return found

    # -- writing -------------------------------------------------------------------------

    @owner_only("import regulars from a file")
    def run(
        self,
        path: str | Path,
        by: int | None,
        mapping: dict[str, str] | None = None,
        encoding: str = "",
        duplicates: str = "skip",
        choices: dict[int, str] | None = None,
        date_order: str = "",
        progress: Callable[[int, int], None] | None = None,
        stop: Callable[[], bool] | None = None,
    ) -> ImportResult:
        """Import what :meth:`plan` shows (rejected rows are left out): all of it or, on any
        failure or if stopped, nothing. Written in chunks, each its own transaction, so the
        other tills of a chain stamp on meanwhile (:mod:`import_batches`); the batch is marked
        finished with the last, and what was written is taken back if it does not get there."""
        plan = self.plan(path, mapping, encoding, duplicates, choices, date_order, progress, stop)
        if not plan.has_work:
            raise NothingToImport()
        total = len(plan._adds) + len(plan._fills)
        now = self._clock.now()
        with write(self._db):
            batch = ImportBatch.create(
                at=now,
                by=by,
                file_name=plan.file[:200],
                added=len(plan._adds),
                updated=len(plan._fills),
                skipped=plan.to_skip,
                rejected=len(plan.rejected),
            )
        try:
            self._writer.add(batch.id, plan._adds, now, by, progress, stop, total)
            self._writer.fill(batch.id, plan._fills)
        except BaseException:
            self._abandon(batch.id)
            raise
        with write(self._db):
            ImportBatch.update(finished_at=self._clock.now()).where(ImportBatch.id == batch.id).execute()
            self._audit.record(
                "import.run",
                "import",
                batch.id,
                by=by,
                file=plan.file[:200],
                added=len(plan._adds),
                updated=len(plan._fills),
                skipped=plan.to_skip,
                rejected=len(plan.rejected),
            )
        return ImportResult(batch.id, len(plan._adds), len(plan._fills), plan.to_skip, len(plan.rejected))

    def _abandon(self, batch_id: int) -> None:
        """An import that did not finish leaves nothing: what its chunks wrote goes, and so does
        the batch. (A regular it added whom a till served meanwhile stays, with the batch, so
        the owner sees it; a crash mid-import leaves the batch unfinished in the list, to undo.)"""
        with write(self._db):
            if self._writer.served(batch_id):
                ImportBatch.update(finished_at=self._clock.now()).where(ImportBatch.id == batch_id).execute()
                return
            self._writer.take_back(batch_id)
            connection(self._db).execute("DELETE FROM import_row WHERE batch_id = ?", (batch_id,))
            ImportBatch.delete().where(ImportBatch.id == batch_id).execute()

    # -- the owner's list and undo -------------------------------------------------------

    def batches(self) -> list[BatchView]:
        return [
            BatchView(b.id, b.at, b.file_name, b.added, b.updated, b.skipped, b.rejected, b.undone_at)
            for b in ImportBatch.select().order_by(ImportBatch.id.desc()).limit(50)
        ]

    @owner_only("undo an import")
    def undo(self, batch_id: int, by: int | None) -> UndoImportResult:
        """Take an import back as a whole: the regulars it added go (with their codes, cards
        and head starts), the fields it filled are emptied again. Refused, naming them, if any
        regular it added has been served since (a stamp, a visit, a reward, feedback, a treat)
        or merged."""
        with write(self._db):
            batch = ImportBatch.get_or_none(ImportBatch.id == batch_id)
            if batch is None:
                raise ValidationError("There is no import {batch}.", batch=batch_id)
            if batch.undone_at is not None:
                raise ValidationError("That import was already undone.")
            blockers = self._writer.served(batch_id)
            if blockers:
                names = ", ".join(f"{name} (#{cid})" for cid, name in blockers[:10])
                raise ImportBlocked(
                    "This import cannot be undone: {count} of its regulars have been served since, among them "
                    "{names}. Forget or edit them one by one instead.",
                    blockers=[(int(c), str(n)) for c, n in blockers],
                    count=len(blockers),
                    names=names,
                )
            ids, restored = self._writer.take_back(batch_id)
            ImportBatch.update(undone_at=self._clock.now(), undone_by=by).where(ImportBatch.id == batch_id).execute()
            self._audit.record("import.undo", "import", batch_id, by=by, removed=len(ids), restored=restored)
        return UndoImportResult(batch_id, len(ids), restored)

    # -- the rejected rows, to fix and import again --------------------------------------

    def save_rejected(self, plan: ImportPlan, path: str | Path) -> Path:
        """The rejected rows as they were, with a last column saying why, then the rows kept
        with a field left empty: fix them in any spreadsheet program and import the file again
        (kept rows, with "fill in their empty fields", get the field they missed)."""
        if not plan.rejected and not plan.warnings:
            raise ValidationError("No row was rejected.")
        rows = [[*r.cells, f"line {r.line}: {r.reason}"] for r in plan.rejected]
        rows += [[*w.cells, f"line {w.line}: imported without {w.column}: {w.reason}"] for w in plan.warnings]
        return save_table(path, [*plan.columns, "why"], rows)

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
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import peewee as pw

from cafe_loyalty.io import tabular
from cafe_loyalty.io.import_rows import FIELDS, _Bad, _cell, _short, guess_mapping, match_keys, phone_region, row_values
from cafe_loyalty.io.spreadsheets import Stopped, save_table
from cafe_loyalty.printing import codes
from cafe_loyalty.store import fragments
from cafe_loyalty.store.db import connection, ids_given, read, write
from cafe_loyalty.store.models import ImportBatch

from ..clock import Clock, to_local
from ..errors import CafeError, ValidationError
from ..rights import owner_only
from .audit import Audit
from .branches import Here
from .customers import search_key
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
        """Import what :meth:`plan` shows, in one transaction (rejected rows are left out)."""
        plan = self.plan(path, mapping, encoding, duplicates, choices, date_order, progress, stop)
        if not plan.has_work:
            raise NothingToImport()
        total = len(plan._adds) + len(plan._fills)
        with write(self._db):
            now = self._clock.now()
            batch = ImportBatch.create(
                at=now,
                by=by,
                file_name=plan.file[:200],
                added=len(plan._adds),
                updated=len(plan._fills),
                skipped=plan.to_skip,
                rejected=len(plan.rejected),
            )
            self._add_all(batch.id, plan._adds, now, by, progress, stop, total)
            self._fill_all(batch.id, plan._fills)
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

    def _add_all(
        self,
        batch_id: int,
        rows: list[tuple[Any, ...]],
        now: dt.datetime,
        by: int | None,
        progress: Callable[[int, int], None] | None,
        stop: Callable[[], bool] | None,
        total: int,
    ) -> None:
        """New regulars with ids given here, each with a code, a card and its head start (or
        a paper card's stamps: Ledger.carry_over's rule), in a few executemany calls."""
        if not rows:
            return
        con = connection(self._db)
        settings = self._settings.all()
        slots, head = settings["card_slots"], settings["head_start"]
        plus = bool(settings["carry_with_head_start"])
        when = ImportBatch.at.db_value(now)
        branch = self._here.id

        def next_id(table: str) -> int:
            return (con.execute(f"SELECT coalesce(max(id), 0) FROM {table}").fetchone()[0]) + 1

        customer_id, code_id, card_id = next_id("customer"), next_id("card_code"), next_id("card")
        taken = {r[0] for r in con.execute("SELECT code FROM card_code")}
        for start in range(0, len(rows), 5000):
            if stop is not None and stop():
                raise Stopped("Stopped: nothing was imported.")
            chunk = rows[start : start + 5000]
            customers, code_rows, cards, stamps, records = [], [], [], [], []
            for packed in chunk:
                values = _unpacked(packed)
                code = codes.new_code()
                while code in taken:
                    code = codes.new_code()
                taken.add(code)
                carried = int(values.get("stamps") or 0)
                card_head = head if (plus or not carried) else 0
                if card_head + carried > slots:
                    carried = slots - card_head  # checked per row in row_values; kept safe here
                customers.append(
                    (
                        customer_id,
                        values["first_name"],
                        values.get("last_name", ""),
                        values.get("phone", ""),
                        values.get("email", ""),
                        values.get("notes", ""),
                        values.get("allergies", ""),
                        values.get("birthday_month"),
                        values.get("birthday_day"),
                        values.get("birthday_year"),
                        values.get("birthday_calendar", "gregorian"),
                        search_key(
                            values["first_name"],
                            values.get("last_name", ""),
                            values.get("phone", ""),
                            code,
                            national=values.get("_dialled"),
                        ),
                        when,
                        branch,
                    )
                )
                code_rows.append((code_id, code, customer_id, when))
                cards.append((card_id, customer_id, slots, card_head, when, branch))
                stamps += [(card_id, when, by, "head_start", branch)] * card_head
                stamps += [(card_id, when, by, "carried", branch)] * carried
                records.append((batch_id, customer_id, "added", "{}"))
                customer_id, code_id, card_id = customer_id + 1, code_id + 1, card_id + 1
            con.executemany(
                "INSERT INTO customer (id, first_name, last_name, phone, email, notes, allergies, birthday_month, "
                "birthday_day, birthday_year, birthday_calendar, search_key, created_at, branch_id, usual) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '')",
                customers,
            )
            con.executemany("INSERT INTO card_code (id, code, customer_id, issued_at) VALUES (?, ?, ?, ?)", code_rows)
            con.executemany(
                "INSERT INTO card (id, customer_id, slots, head_start, issued_at, branch_id, status) "
                "VALUES (?, ?, ?, ?, ?, ?, 'active')",
                cards,
            )
            con.executemany(
                "INSERT INTO stamp (card_id, at, staff_id, source, forced, branch_id) VALUES (?, ?, ?, ?, FALSE, ?)",
                stamps,
            )
            con.executemany("INSERT INTO import_row (batch_id, customer_id, kind, before) VALUES (?, ?, ?, ?)", records)
            if progress is not None:
                progress(min(start + len(chunk), total), total)
        ids_given(self._db, "customer", "card_code", "card")

    def _fill_all(self, batch_id: int, fills: list[tuple[int, tuple[Any, ...]]]) -> None:
        """Existing regulars get the import's values only where their fields are empty."""
        con = connection(self._db)
        fillable = ("last_name", "phone", "email", "notes", "allergies")
        for customer_id, packed in fills:
            values = _unpacked(packed)
            row = con.execute(
                "SELECT first_name, last_name, phone, email, notes, allergies, birthday_month "
                "FROM customer WHERE id = ?",
                (customer_id,),
            ).fetchone()
            current = dict(zip(("first_name", *fillable, "birthday_month"), row, strict=True))
            changes = {k: values[k] for k in fillable if values.get(k) and not current[k]}
            if values.get("birthday_month") and current["birthday_month"] is None:
                changes.update(
                    {k: values.get(k) for k in ("birthday_month", "birthday_day", "birthday_year", "birthday_calendar")}
                )
            before = {k: current.get(k) for k in changes}
            if changes:
                sets = ", ".join(f"{k} = ?" for k in changes)
                con.execute(f"UPDATE customer SET {sets} WHERE id = ?", (*changes.values(), customer_id))
                self._rekey(customer_id)
            con.execute(
                "INSERT INTO import_row (batch_id, customer_id, kind, before) VALUES (?, ?, 'updated', ?)",
                (
                    batch_id,
                    customer_id,
                    json.dumps({"before": before, "after": changes}, ensure_ascii=False, default=str),
                ),
            )

    def _rekey(self, customer_id: int) -> None:
        con = connection(self._db)
        first, last, phone = con.execute(
            "SELECT first_name, last_name, phone FROM customer WHERE id = ?", (customer_id,)
        ).fetchone()
        code = con.execute(f"SELECT {fragments.current_code('?')}", (customer_id,)).fetchone()
        con.execute(
            "UPDATE customer SET search_key = ? WHERE id = ?",
            (search_key(first, last, phone, code[0] if code else ""), customer_id),
        )

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
            con = connection(self._db)
            added = "SELECT customer_id FROM import_row WHERE batch_id = ? AND kind = 'added'"
            blockers = con.execute(
                f"""SELECT c.id, c.first_name || CASE WHEN c.last_name != '' THEN ' ' || c.last_name ELSE '' END
                    FROM customer c WHERE c.id IN ({added}) AND (
                      c.forgotten_at IS NOT NULL
                      OR EXISTS (SELECT 1 FROM stamp s JOIN card d ON d.id = s.card_id
                                 WHERE d.customer_id = c.id AND s.source NOT IN ('head_start', 'carried'))
                      OR EXISTS (SELECT 1 FROM card d WHERE d.customer_id = c.id AND d.status != 'active')
                      OR EXISTS (SELECT 1 FROM visit v WHERE v.customer_id = c.id)
                      OR EXISTS (SELECT 1 FROM feedback f WHERE f.customer_id = c.id)
                      OR EXISTS (SELECT 1 FROM treat t WHERE t.customer_id = c.id)
                      OR EXISTS (SELECT 1 FROM customer r WHERE r.referred_by_id = c.id)
                      OR EXISTS (SELECT 1 FROM card_code k WHERE k.customer_id = c.id AND k.replaced_by_id IS NOT NULL))
                    ORDER BY c.id""",
                (batch_id,),
            ).fetchall()
            if blockers:
                names = ", ".join(f"{name} (#{cid})" for cid, name in blockers[:10])
                raise ImportBlocked(
                    "This import cannot be undone: {count} of its regulars have been served since, among them "
                    "{names}. Forget or edit them one by one instead.",
                    blockers=[(int(c), str(n)) for c, n in blockers],
                    count=len(blockers),
                    names=names,
                )
            ids = [r[0] for r in con.execute(added, (batch_id,)).fetchall()]
            for start in range(0, len(ids), 500):
                part = ids[start : start + 500]
                marks = ",".join("?" * len(part))
                con.execute(
                    f"DELETE FROM stamp WHERE card_id IN (SELECT id FROM card WHERE customer_id IN ({marks}))", part
                )
                for table in ("card", "card_code", "import_row", "checkback", "enrolment"):
                    con.execute(f"DELETE FROM {table} WHERE customer_id IN ({marks})", part)
                con.execute(f"DELETE FROM customer WHERE id IN ({marks})", part)
            restored = 0
            for customer_id, before in con.execute(
                "SELECT customer_id, before FROM import_row WHERE batch_id = ? AND kind = 'updated'", (batch_id,)
            ).fetchall():
                record = json.loads(before or "{}")
                after, old = record.get("after", {}), record.get("before", {})
                current = con.execute(
                    f"SELECT {', '.join(after) or 'id'} FROM customer WHERE id = ? AND forgotten_at IS NULL",
                    (customer_id,),
                ).fetchone()
                if current is None or not after:
                    continue
                back = {k: old.get(k) for k, now_value in zip(after, current, strict=True) if now_value == after[k]}
                if back:
                    sets = ", ".join(f"{k} = ?" for k in back)
                    con.execute(f"UPDATE customer SET {sets} WHERE id = ?", (*back.values(), customer_id))
                    self._rekey(customer_id)
                    restored += 1
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

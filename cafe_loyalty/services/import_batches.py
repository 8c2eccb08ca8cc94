"""Writing an import's batch, and taking it back (issue #34: in chunks).

A chain's import of 100,000 regulars used to be one transaction under the café's write lock:
every till's stamp in every branch waited for all of it. Now each chunk of :data:`CHUNK`
regulars is its own transaction, adding rows nobody else can touch yet with ids from the
server's sequences, under the café's lock *shared* (as a stamp takes it): the tills stamp on
while it runs (bench/chain.py: the longest stamp during a 100,000-regular import 26 ms, against
801 ms with exclusive chunks). The import stays all or nothing for the owner:
:class:`~.imports.Imports` marks the batch finished only after its last chunk, and takes back
what it wrote if anything fails or it is stopped; an undo takes back the whole batch in one
transaction, as before.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import Any

import peewee as pw

from cafe_loyalty.io.spreadsheets import Stopped
from cafe_loyalty.printing import codes
from cafe_loyalty.store import fragments
from cafe_loyalty.store.db import NEW_ROWS, connection, is_postgresql, read, write
from cafe_loyalty.store.models import ImportBatch

from .branches import Here
from .customers import search_key
from .settings import Settings

# Regulars written per transaction. A chunk shares the café's lock with the stamps (NEW_ROWS), so
# the size only sets how often the import commits; the tills' stamps do not wait for it.
CHUNK = 500


def unpacked(row: tuple[Any, ...], fields: tuple[str, ...]) -> dict[str, Any]:
    return {f: v for f, v in zip(fields, row, strict=True) if v is not None}


class BatchWriter:
    """The rows of one import batch: added, filled in, taken back."""

    def __init__(self, db: pw.Database, settings: Settings, here: Here, fields: tuple[str, ...]):
        self._db = db
        self._settings = settings
        self._here = here  # the branch the imported regulars (and their cards) join
        self._fields = fields

    def add(
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
        a paper card's stamps: Ledger.carry_over's rule), a few executemany calls per chunk of
        :data:`CHUNK`, each chunk its own transaction (the ids are found inside it: a till may
        add a regular between two chunks)."""
        if not rows:
            return
        settings = self._settings.all()
        slots, head = settings["card_slots"], settings["head_start"]
        plus = bool(settings["carry_with_head_start"])
        when, branch = ImportBatch.at.db_value(now), self._here.id  # the branch the new regulars join
        with read(self._db):
            taken = {r[0] for r in connection(self._db).execute("SELECT code FROM card_code")}
        for start in range(0, len(rows), CHUNK):
            if stop is not None and stop():
                raise Stopped("Stopped: nothing was imported.")
            # New regulars only, with ids from the server's sequences: no till's write touches
            # them, so a chunk shares the café's lock as a stamp does (NEW_ROWS) instead of
            # taking it alone; a merge or a restore still waits for it, and it for them.
            with write(self._db, NEW_ROWS):
                con = connection(self._db)
                self._add_chunk(
                    con, batch_id, rows[start : start + CHUNK], when, branch, by, taken, (slots, head, plus)
                )
            if progress is not None:
                progress(min(start + CHUNK, len(rows)), total)

    def _add_chunk(
        self,
        con: Any,
        batch_id: int,
        chunk: list[tuple[Any, ...]],
        when: Any,
        branch: int | None,
        by: int | None,
        taken: set[str],
        design: tuple[int, int, bool],
    ) -> None:
        slots, head, plus = design
        customer_ids, code_ids, card_ids = (
            iter(self._new_ids(con, t, len(chunk))) for t in ("customer", "card_code", "card")
        )
        customers, code_rows, cards, stamps, records = [], [], [], [], []
        for packed in chunk:
            customer_id, code_id, card_id = next(customer_ids), next(code_ids), next(card_ids)
            values = unpacked(packed, self._fields)
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

    def _new_ids(self, con: Any, table: str, count: int) -> list[int]:
        """``count`` ids for new rows of ``table``: the server's sequence hands them out (other
        tills add regulars meanwhile, each taking the next); SQLite's write is the only one."""
        if is_postgresql(self._db):
            return [
                r[0]
                for r in con.execute(
                    f"SELECT nextval(pg_get_serial_sequence('\"{table}\"', 'id')) FROM generate_series(1, ?)", (count,)
                ).fetchall()
            ]
        first = con.execute(f"SELECT coalesce(max(id), 0) + 1 FROM {table}").fetchone()[0]
        return list(range(first, first + count))

    def fill(self, batch_id: int, fills: list[tuple[int, tuple[Any, ...]]]) -> None:
        """Existing regulars get the import's values only where their fields are empty, a
        transaction per :data:`CHUNK`."""
        for start in range(0, len(fills), CHUNK):
            with write(self._db):
                self._fill_chunk(batch_id, fills[start : start + CHUNK])

    def _fill_chunk(self, batch_id: int, fills: list[tuple[int, tuple[Any, ...]]]) -> None:
        con = connection(self._db)
        fillable = ("last_name", "phone", "email", "notes", "allergies")
        for customer_id, packed in fills:
            values = unpacked(packed, self._fields)
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
                self.rekey(customer_id)
            con.execute(
                "INSERT INTO import_row (batch_id, customer_id, kind, before) VALUES (?, ?, 'updated', ?)",
                (
                    batch_id,
                    customer_id,
                    json.dumps({"before": before, "after": changes}, ensure_ascii=False, default=str),
                ),
            )

    def rekey(self, customer_id: int) -> None:
        con = connection(self._db)
        first, last, phone = con.execute(
            "SELECT first_name, last_name, phone FROM customer WHERE id = ?", (customer_id,)
        ).fetchone()
        code = con.execute(f"SELECT {fragments.current_code('?')}", (customer_id,)).fetchone()
        con.execute(
            "UPDATE customer SET search_key = ? WHERE id = ?",
            (search_key(first, last, phone, code[0] if code else ""), customer_id),
        )

    def served(self, batch_id: int) -> list[tuple[int, str]]:
        """The regulars this batch added who have been served (or changed) since: an undo
        would take away their history, so it is refused naming them."""
        con = connection(self._db)
        added = "SELECT customer_id FROM import_row WHERE batch_id = ? AND kind = 'added'"
        return con.execute(
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

    def take_back(self, batch_id: int) -> tuple[list[int], int]:
        """Remove the regulars the batch added and empty the fields it filled (those nobody
        changed since): (the ids removed, how many regulars got their fields back)."""
        con = connection(self._db)
        added = "SELECT customer_id FROM import_row WHERE batch_id = ? AND kind = 'added'"
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
                self.rekey(customer_id)
                restored += 1
        return ids, restored

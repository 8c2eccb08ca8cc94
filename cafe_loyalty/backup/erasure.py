"""Forgetting a customer, as SQL that runs on any copy of the café: the live database, a backup
being restored, a daily snapshot on disk.

A forgotten customer must not come back when the owner restores a backup taken before the
erasure. Each erasure is therefore recorded in ``erasure`` (schema 7) with no personal data:
the customer's id, when that customer row was created, and when they were forgotten. A restore
applies every recorded erasure to the copy before it becomes the live database. The creation
time tells a reused id (another person, in a backup from another café) from the one forgotten.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from cafe_loyalty.store.engine import wipe_free_space

Execute = Callable[..., Any]
Erasure = tuple[int, str, str]  # customer id, the customer row's created_at, erased at (as stored)

ERASED_DETAIL = json.dumps({"erased": "customer forgotten"})

# Personal fields and free text of one customer (``:now``, ``:id``); stamps and visits stay as
# anonymous rows so the café's counts remain right.
_STATEMENTS = (
    """UPDATE customer SET first_name = '(forgotten)', last_name = '', phone = '', email = '', usual = '',
        notes = '', allergies = '', dietary = '', usual_item_id = NULL, usual_modifiers = '',
        birthday_month = NULL, birthday_day = NULL, birthday_year = NULL, birthday_calendar = 'gregorian',
        search_key = '', forgotten_at = :now WHERE id = :id""",
    "UPDATE card_code SET revoked_at = :now WHERE customer_id = :id AND revoked_at IS NULL",
    "UPDATE feedback SET text = '', resolution = '' WHERE customer_id = :id",
    # What was given is personal too ("a slice of cake for Sara's exam").
    "UPDATE treat SET what = '', note = '' WHERE customer_id = :id",
    # What an import found in their fields before filling them (schema 9).
    "UPDATE import_row SET before = '{}' WHERE customer_id = :id",
    # The audit log copied their details when they were added or edited: keep that the events
    # happened, drop what they said. (Stamp events copy nothing personal, and leaving them out
    # lets SQLite use the partial index.)
    """UPDATE event SET detail = :detail WHERE action != 'stamp.add' AND (
        (entity = 'customer' AND entity_id = :id)
        OR (entity = 'feedback' AND entity_id IN (SELECT id FROM feedback WHERE customer_id = :id)))""",
)


def erase(execute: Execute, customer_id: int, now: dt.datetime | str) -> None:
    """Erase one customer's personal data (inside the caller's transaction)."""
    params = {"now": now, "id": customer_id, "detail": ERASED_DETAIL}
    for statement in _STATEMENTS:
        execute(statement, params)


def family(execute: Execute, customer_id: int) -> list[int]:
    """The customer and every regular merged into them (and into those, in turn): a merged
    duplicate's own rows (its audit events, what an import found) still hold what they told the
    café, so forgetting the one kept must forget them too. Current schema only (9 and later)."""
    rows = execute(
        "WITH RECURSIVE kin(id) AS (SELECT CAST(? AS INTEGER) "
        "UNION SELECT c.id FROM customer c JOIN kin ON c.merged_into_id = kin.id) SELECT id FROM kin ORDER BY id",
        (customer_id,),
    ).fetchall()
    return [int(r[0]) for r in rows]


def record(execute: Execute, customer_id: int, now: dt.datetime) -> None:
    """Note the erasure itself (no personal data), in the same transaction as ``erase``."""
    execute(
        "INSERT INTO erasure (customer_id, customer_created_at, erased_at) "
        "SELECT id, created_at, ? FROM customer WHERE id = ? ON CONFLICT DO NOTHING",
        (now, customer_id),
    )


def recorded(execute: Execute, customer_id: int | None = None) -> list[Erasure]:
    """Every erasure recorded, or one customer's."""
    sql = "SELECT customer_id, customer_created_at, erased_at FROM erasure"
    if customer_id is None:
        return [tuple(r) for r in execute(sql).fetchall()]
    return [tuple(r) for r in execute(sql + " WHERE customer_id = ?", (customer_id,)).fetchall()]


def reapply(execute: Execute, erasures: Iterable[Erasure], *, keep_records: bool = True) -> int:
    """Forget again, in a copy (a backup being restored), everyone forgotten since it was made;
    the erasure records are carried into it. Returns how many customers were forgotten again."""
    again = 0
    for customer_id, created_at, erased_at in erasures:
        if keep_records:
            execute(
                "INSERT INTO erasure (customer_id, customer_created_at, erased_at) VALUES (?, ?, ?) "
                "ON CONFLICT DO NOTHING",
                (customer_id, created_at, erased_at),
            )
        # A regular merged away has forgotten_at set by the merge, yet their old rows still
        # hold what they said: erase whoever the record names (erasing twice is harmless).
        found = execute(
            "SELECT forgotten_at IS NULL FROM customer WHERE id = ? AND created_at = ?", (customer_id, created_at)
        ).fetchone()
        if found:
            erase(execute, customer_id, erased_at)
            again += 1 if found[0] else 0
    return again


def scrub_file(path: Path, erasures: list[Erasure]) -> bool:
    """Erase the customers in ``erasures`` from a database file on disk (a daily snapshot or a
    safety copy): rewritten, VACUUMed and checked. False if it could not be, and then the caller
    deletes the file rather than keep the data in it."""
    try:
        con = sqlite3.connect(path, isolation_level=None)
        try:
            con.execute("PRAGMA journal_mode = DELETE")
            con.execute("BEGIN IMMEDIATE")
            # a copy from before schema 7 has no table for the records: erase all the same
            has_table = con.execute("SELECT 1 FROM sqlite_master WHERE name = 'erasure'").fetchone() is not None
            reapply(con.execute, erasures, keep_records=has_table)
            con.execute("COMMIT")
            wipe_free_space(con.execute)
            return con.execute("PRAGMA quick_check").fetchone()[0] == "ok"
        finally:
            con.close()
    except sqlite3.DatabaseError:
        return False

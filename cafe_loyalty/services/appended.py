"""Tables the till appends to as things happen (stamps, visits, rewards): their ids rise with
time, so "everything since a date" starts at an id found by binary search.

That keeps a time index off the hot path: every stamp would pay to update one, and only
"likely now" and the reports ever ask by time. A row written with an earlier time than its
neighbours (a visit entered afterwards with ``--at``) only blurs the window's edge by that row.
"""

from __future__ import annotations

import datetime as dt

import peewee as pw

from cafe_loyalty.store import dialect

APPENDED = {"stamp": "at", "visit": "at", "redemption": "at"}


def first_id_since(db: pw.Database, table: str, when: dt.datetime) -> int | None:
    """The smallest id in ``table`` whose time is at or after ``when``; None if none is."""
    column = APPENDED[table]  # a fixed name, never user input, so it can go into the SQL
    sql = db.execute_sql
    # Two statements: together, min() and max() would make SQLite read the whole table.
    low = sql(f"SELECT min(id) FROM {table}").fetchone()[0]
    high = sql(f"SELECT max(id) FROM {table}").fetchone()[0]
    if low is None:
        return None
    target = dialect.of(db).stored_time(when)
    if sql(f"SELECT {column} FROM {table} WHERE id = ?", (high,)).fetchone()[0] < target:
        return None
    while low < high:  # ids may have gaps: look at the nearest existing id at or above mid
        mid = (low + high) // 2
        row = sql(f"SELECT id, {column} FROM {table} WHERE id >= ? ORDER BY id LIMIT 1", (mid,)).fetchone()
        if row[1] >= target:
            high = row[0] if row[0] < high else mid
        else:
            low = row[0] + 1
    return low

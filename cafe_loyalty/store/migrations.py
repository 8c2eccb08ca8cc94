"""Schema versions, kept in ``PRAGMA user_version`` and upgraded by an ordered chain.

Each step is frozen SQL (not ``create_tables`` from today's models), so upgrading an old file
always does what that release did. Add a step by appending to ``STEPS``; never edit an old one.
A file from a newer release is refused rather than guessed at.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

import peewee as pw

from cafe_loyalty.errors import NotACafe, SchemaTooNew
from cafe_loyalty.store import pg_schema
from cafe_loyalty.store.db import OTHER_TABLES, SCHEMA_LOCK, is_postgresql, script
from cafe_loyalty.store.failures import storage_errors

SCHEMA_V1 = """
CREATE TABLE "customer" ("id" INTEGER NOT NULL PRIMARY KEY, "first_name" TEXT NOT NULL, "last_name" TEXT NOT NULL, "phone" TEXT NOT NULL, "email" TEXT NOT NULL, "usual" TEXT NOT NULL, "notes" TEXT NOT NULL, "birthday_month" INTEGER, "birthday_day" INTEGER, "birthday_year" INTEGER, "search_key" TEXT NOT NULL, "created_at" DATETIME NOT NULL, "last_seen_at" DATETIME, "forgotten_at" DATETIME);
CREATE INDEX "customer_last_seen_at" ON "customer" ("last_seen_at");
CREATE TABLE "card" ("id" INTEGER NOT NULL PRIMARY KEY, "customer_id" INTEGER NOT NULL, "slots" INTEGER NOT NULL, "head_start" INTEGER NOT NULL, "issued_at" DATETIME NOT NULL, "status" VARCHAR(12) NOT NULL, "closed_at" DATETIME, FOREIGN KEY ("customer_id") REFERENCES "customer" ("id") ON DELETE RESTRICT);
CREATE INDEX "card_customer_id_status" ON "card" ("customer_id", "status");
-- A customer has exactly one card being filled at a time.
CREATE UNIQUE INDEX "card_one_active" ON "card" ("customer_id") WHERE "status" = 'active';
CREATE TABLE "card_code" ("id" INTEGER NOT NULL PRIMARY KEY, "code" VARCHAR(19) NOT NULL, "customer_id" INTEGER NOT NULL, "issued_at" DATETIME NOT NULL, "revoked_at" DATETIME, "replaced_by_id" INTEGER, FOREIGN KEY ("customer_id") REFERENCES "customer" ("id") ON DELETE RESTRICT, FOREIGN KEY ("replaced_by_id") REFERENCES "card_code" ("id") ON DELETE RESTRICT);
CREATE UNIQUE INDEX "card_code_code" ON "card_code" ("code");
CREATE INDEX "card_code_customer_id" ON "card_code" ("customer_id");
CREATE TABLE "staff" ("id" INTEGER NOT NULL PRIMARY KEY, "name" VARCHAR(80) NOT NULL, "role" VARCHAR(16) NOT NULL, "pin_hash" VARCHAR(255), "active" INTEGER NOT NULL, "created_at" DATETIME NOT NULL);
CREATE TABLE "event" ("id" INTEGER NOT NULL PRIMARY KEY, "at" DATETIME NOT NULL, "staff_id" INTEGER, "action" VARCHAR(40) NOT NULL, "entity" VARCHAR(24) NOT NULL, "entity_id" INTEGER, "detail" TEXT NOT NULL, FOREIGN KEY ("staff_id") REFERENCES "staff" ("id") ON DELETE RESTRICT);
CREATE INDEX "event_entity_entity_id" ON "event" ("entity", "entity_id");
CREATE TABLE "menu_item" ("id" INTEGER NOT NULL PRIMARY KEY, "name" TEXT NOT NULL, "category" TEXT NOT NULL, "active" INTEGER NOT NULL, "created_at" DATETIME NOT NULL);
CREATE TABLE "redemption" ("id" INTEGER NOT NULL PRIMARY KEY, "card_id" INTEGER NOT NULL, "next_card_id" INTEGER, "at" DATETIME NOT NULL, "staff_id" INTEGER, "reward" TEXT NOT NULL, "voided_at" DATETIME, "voided_by_id" INTEGER, "void_reason" TEXT, FOREIGN KEY ("card_id") REFERENCES "card" ("id") ON DELETE RESTRICT, FOREIGN KEY ("next_card_id") REFERENCES "card" ("id") ON DELETE RESTRICT, FOREIGN KEY ("staff_id") REFERENCES "staff" ("id") ON DELETE RESTRICT, FOREIGN KEY ("voided_by_id") REFERENCES "staff" ("id") ON DELETE RESTRICT);
CREATE INDEX "redemption_card_id" ON "redemption" ("card_id");
CREATE INDEX "redemption_next_card_id" ON "redemption" ("next_card_id");
CREATE TABLE "setting" ("key" VARCHAR(40) NOT NULL PRIMARY KEY, "value" TEXT NOT NULL);
CREATE TABLE "stamp" ("id" INTEGER NOT NULL PRIMARY KEY, "card_id" INTEGER NOT NULL, "at" DATETIME NOT NULL, "staff_id" INTEGER, "source" VARCHAR(12) NOT NULL, "forced" INTEGER NOT NULL, "voided_at" DATETIME, "voided_by_id" INTEGER, "void_reason" TEXT, FOREIGN KEY ("card_id") REFERENCES "card" ("id") ON DELETE RESTRICT, FOREIGN KEY ("staff_id") REFERENCES "staff" ("id") ON DELETE RESTRICT, FOREIGN KEY ("voided_by_id") REFERENCES "staff" ("id") ON DELETE RESTRICT);
CREATE INDEX "stamp_card_id_voided_at" ON "stamp" ("card_id", "voided_at");
"""


def _v1(db: pw.Database) -> None:
    for statement in SCHEMA_V1.split(";"):
        if statement.strip():
            db.execute_sql(statement)


# Version 2: knowing the regular. What they had (visits and their items, linked to the stamp
# they earned), the usual order pinned by a barista, allergies and diet, who referred them,
# feedback and its follow-up, treats given.
SCHEMA_V2 = """
ALTER TABLE "customer" ADD COLUMN "allergies" TEXT NOT NULL DEFAULT '';
ALTER TABLE "customer" ADD COLUMN "dietary" TEXT NOT NULL DEFAULT '';
ALTER TABLE "customer" ADD COLUMN "usual_item_id" INTEGER REFERENCES "menu_item" ("id") ON DELETE RESTRICT;
ALTER TABLE "customer" ADD COLUMN "usual_modifiers" TEXT NOT NULL DEFAULT '';
ALTER TABLE "customer" ADD COLUMN "referred_by_id" INTEGER REFERENCES "customer" ("id") ON DELETE RESTRICT;
CREATE INDEX "customer_referred_by_id" ON "customer" ("referred_by_id");
ALTER TABLE "menu_item" ADD COLUMN "updated_at" DATETIME;
CREATE TABLE "visit" ("id" INTEGER NOT NULL PRIMARY KEY, "customer_id" INTEGER NOT NULL, "at" DATETIME NOT NULL, "staff_id" INTEGER, "voided_at" DATETIME, FOREIGN KEY ("customer_id") REFERENCES "customer" ("id") ON DELETE RESTRICT, FOREIGN KEY ("staff_id") REFERENCES "staff" ("id") ON DELETE RESTRICT);
CREATE INDEX "visit_customer_id_at" ON "visit" ("customer_id", "at");
CREATE TABLE "visit_item" ("id" INTEGER NOT NULL PRIMARY KEY, "visit_id" INTEGER NOT NULL, "item_id" INTEGER NOT NULL, "modifiers" TEXT NOT NULL DEFAULT '', FOREIGN KEY ("visit_id") REFERENCES "visit" ("id") ON DELETE RESTRICT, FOREIGN KEY ("item_id") REFERENCES "menu_item" ("id") ON DELETE RESTRICT);
CREATE INDEX "visit_item_visit_id" ON "visit_item" ("visit_id");
ALTER TABLE "stamp" ADD COLUMN "visit_id" INTEGER REFERENCES "visit" ("id") ON DELETE RESTRICT;
CREATE TABLE "feedback" ("id" INTEGER NOT NULL PRIMARY KEY, "customer_id" INTEGER NOT NULL, "at" DATETIME NOT NULL, "staff_id" INTEGER, "kind" VARCHAR(12) NOT NULL, "text" TEXT NOT NULL, "status" VARCHAR(12) NOT NULL DEFAULT 'open', "resolved_at" DATETIME, "resolved_by_id" INTEGER, "resolution" TEXT NOT NULL DEFAULT '', FOREIGN KEY ("customer_id") REFERENCES "customer" ("id") ON DELETE RESTRICT, FOREIGN KEY ("staff_id") REFERENCES "staff" ("id") ON DELETE RESTRICT, FOREIGN KEY ("resolved_by_id") REFERENCES "staff" ("id") ON DELETE RESTRICT);
CREATE INDEX "feedback_customer_id" ON "feedback" ("customer_id");
CREATE INDEX "feedback_open" ON "feedback" ("status") WHERE "status" = 'open';
CREATE TABLE "treat" ("id" INTEGER NOT NULL PRIMARY KEY, "customer_id" INTEGER NOT NULL, "at" DATETIME NOT NULL, "staff_id" INTEGER, "what" TEXT NOT NULL, "why" VARCHAR(16) NOT NULL, "note" TEXT NOT NULL DEFAULT '', FOREIGN KEY ("customer_id") REFERENCES "customer" ("id") ON DELETE RESTRICT, FOREIGN KEY ("staff_id") REFERENCES "staff" ("id") ON DELETE RESTRICT);
CREATE INDEX "treat_customer_id" ON "treat" ("customer_id");
"""


_run = script  # each version's statements, in order


# Version 3: a birthday is kept in the calendar it was given in (Jalali birthdays follow Nowruz).
SCHEMA_V3 = """
ALTER TABLE "customer" ADD COLUMN "birthday_calendar" VARCHAR(10) NOT NULL DEFAULT 'gregorian'
    CHECK ("birthday_calendar" IN ('gregorian', 'jalali'));
"""

# Version 4: search as you type reads one index, not the table. The tiles list regulars by
# last visit; a search walks that order and tests each search key. With the key inside the
# index the walk never visits the table, so a query nobody matches costs one pass over a
# few megabytes (about 10 ms at 100,000 regulars instead of 100 ms of random row reads).
SCHEMA_V4 = """
DROP INDEX "customer_last_seen_at";
CREATE INDEX "customer_last_seen_at_id_forgotten_at_search_key"
    ON "customer" ("last_seen_at", "id", "forgotten_at", "search_key");
"""

# Version 5: each regular's visit count and first visit, kept with last_seen_at in the same
# UPDATE of the stamp's transaction (the row is written anyway, so it costs nothing), so that
# "regulars to win back" reads only the regulars last seen weeks ago instead of every stamp.
# The counts start from the visits already recorded: itemised visits plus purchase stamps
# without one (services/visits.py VISIT_EVENTS, written out here as it was at version 5).
# Cards get an index by issue date for the completion rate (a card is inserted only when a
# regular joins or is rewarded, so it costs the stamp path nothing). The audit log's index
# leaves out stamp events: nothing looks them up by card (forgetting a customer looks for
# events that copied personal details, and a stamp's holds none), and that index page was one
# of the few a stamp writes.
SCHEMA_V5 = """
ALTER TABLE "customer" ADD COLUMN "visits" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "customer" ADD COLUMN "first_visit_at" DATETIME;
CREATE TEMP TABLE "visit_stats" AS
    SELECT customer_id, count(*) AS n, min(at) AS first_at FROM (
        SELECT v.customer_id AS customer_id, v.at AS at FROM visit v WHERE v.voided_at IS NULL
        UNION ALL
        SELECT d.customer_id, s.at FROM stamp s JOIN card d ON d.id = s.card_id
         WHERE s.source = 'purchase' AND s.voided_at IS NULL AND s.visit_id IS NULL
    ) GROUP BY customer_id;
CREATE UNIQUE INDEX temp."visit_stats_customer" ON "visit_stats" (customer_id);
UPDATE "customer" SET
    "visits" = coalesce((SELECT n FROM temp."visit_stats" WHERE customer_id = "customer".id), 0),
    "first_visit_at" = (SELECT first_at FROM temp."visit_stats" WHERE customer_id = "customer".id);
DROP TABLE temp."visit_stats";
CREATE INDEX "card_issued_at_status" ON "card" ("issued_at", "status");
DROP INDEX "event_entity_entity_id";
CREATE INDEX "event_entity_entity_id" ON "event" ("entity", "entity_id") WHERE "action" != 'stamp.add';
"""

# Version 6: every café that is set up has an owner. Setup used to allow a café without one, and
# the first owner action then invented an "Owner" row (a read that wrote, even when the action
# was refused). Now setup always creates the owner, and this step gives older cafés theirs.
SCHEMA_V6 = """
INSERT INTO "staff" ("name", "role", "pin_hash", "active", "created_at")
SELECT CASE WHEN (SELECT "value" FROM "setting" WHERE "key" = 'language') = 'fa' THEN 'مدیر' ELSE 'Owner' END,
       'owner', NULL, 1, datetime('now')
WHERE EXISTS (SELECT 1 FROM "setting" WHERE "key" = 'cafe_name' AND "value" != '')
  AND NOT EXISTS (SELECT 1 FROM "staff" WHERE "role" = 'owner' AND "active");
"""

# Version 7: forgetting survives a restore. Each erasure is recorded without personal data (the
# customer's id and when that row was created, to tell a reused id apart, and when), so that a
# restore of an older backup forgets them again (cafe_loyalty/erasure.py). Customers forgotten
# before this version get their records here.
SCHEMA_V7 = """
CREATE TABLE "erasure" ("id" INTEGER NOT NULL PRIMARY KEY, "customer_id" INTEGER NOT NULL, "customer_created_at" DATETIME NOT NULL, "erased_at" DATETIME NOT NULL);
CREATE UNIQUE INDEX "erasure_customer_id_customer_created_at" ON "erasure" ("customer_id", "customer_created_at");
INSERT INTO "erasure" ("customer_id", "customer_created_at", "erased_at")
SELECT "id", "created_at", "forgotten_at" FROM "customer" WHERE "forgotten_at" IS NOT NULL;
"""

# Version 8: the head-start experiment. The plan is stored when it starts; each new regular's
# arm is stored when their first card is issued (services/experiments.py). Check-backs (staff
# asked how it was) are kept with who asked (services/checkbacks.py). The card index by
# issue date also holds what card completion reads, so that report reads no card rows.
SCHEMA_V8 = """
DROP INDEX "card_issued_at_status";
CREATE INDEX "card_issued_at_status_closed_at_head_start_slots" ON "card" ("issued_at", "status", "closed_at", "head_start", "slots");
CREATE TABLE "experiment" ("id" INTEGER NOT NULL PRIMARY KEY, "started_at" DATETIME NOT NULL, "started_by_id" INTEGER, "arms" TEXT NOT NULL, "min_effect" REAL NOT NULL, "baseline" REAL NOT NULL, "planned_per_arm" INTEGER NOT NULL, "window_days" INTEGER NOT NULL, "seed" INTEGER NOT NULL, "ended_at" DATETIME, "ended_by_id" INTEGER, "kept" TEXT, FOREIGN KEY ("started_by_id") REFERENCES "staff" ("id") ON DELETE RESTRICT, FOREIGN KEY ("ended_by_id") REFERENCES "staff" ("id") ON DELETE RESTRICT);
CREATE TABLE "enrolment" ("id" INTEGER NOT NULL PRIMARY KEY, "experiment_id" INTEGER NOT NULL, "customer_id" INTEGER NOT NULL, "arm" INTEGER NOT NULL, "at" DATETIME NOT NULL, "card_id" INTEGER NOT NULL, FOREIGN KEY ("experiment_id") REFERENCES "experiment" ("id") ON DELETE RESTRICT, FOREIGN KEY ("customer_id") REFERENCES "customer" ("id") ON DELETE RESTRICT, FOREIGN KEY ("card_id") REFERENCES "card" ("id") ON DELETE RESTRICT);
CREATE UNIQUE INDEX "enrolment_customer_id_experiment_id" ON "enrolment" ("customer_id", "experiment_id");
CREATE INDEX "enrolment_experiment_id_arm" ON "enrolment" ("experiment_id", "arm");
CREATE TABLE "checkback" ("id" INTEGER NOT NULL PRIMARY KEY, "customer_id" INTEGER NOT NULL, "visit_id" INTEGER, "stamp_id" INTEGER, "item_id" INTEGER, "at" DATETIME NOT NULL, "staff_id" INTEGER, "result" VARCHAR(8) NOT NULL, "feedback_id" INTEGER, FOREIGN KEY ("customer_id") REFERENCES "customer" ("id") ON DELETE RESTRICT, FOREIGN KEY ("visit_id") REFERENCES "visit" ("id") ON DELETE RESTRICT, FOREIGN KEY ("stamp_id") REFERENCES "stamp" ("id") ON DELETE RESTRICT, FOREIGN KEY ("item_id") REFERENCES "menu_item" ("id") ON DELETE RESTRICT, FOREIGN KEY ("staff_id") REFERENCES "staff" ("id") ON DELETE RESTRICT, FOREIGN KEY ("feedback_id") REFERENCES "feedback" ("id") ON DELETE RESTRICT);
CREATE INDEX "checkback_customer_id_at" ON "checkback" ("customer_id", "at");
CREATE INDEX "checkback_item_id_result" ON "checkback" ("item_id", "result");
CREATE INDEX "checkback_at" ON "checkback" ("at");
"""

# Version 9: switching to the till (issue #17). A regular merged into another keeps a row that
# points to the one kept (their printed code then opens the kept regular); an import of regulars
# is kept as a batch with what it added or filled in, so it can be undone as a whole.
SCHEMA_V9 = """
ALTER TABLE "customer" ADD COLUMN "merged_into_id" INTEGER REFERENCES "customer" ("id") ON DELETE RESTRICT;
CREATE TABLE "import_batch" ("id" INTEGER NOT NULL PRIMARY KEY, "at" DATETIME NOT NULL, "by_id" INTEGER, "file_name" TEXT NOT NULL, "added" INTEGER NOT NULL, "updated" INTEGER NOT NULL, "skipped" INTEGER NOT NULL, "rejected" INTEGER NOT NULL, "undone_at" DATETIME, "undone_by_id" INTEGER, FOREIGN KEY ("by_id") REFERENCES "staff" ("id") ON DELETE RESTRICT, FOREIGN KEY ("undone_by_id") REFERENCES "staff" ("id") ON DELETE RESTRICT);
CREATE TABLE "import_row" ("id" INTEGER NOT NULL PRIMARY KEY, "batch_id" INTEGER NOT NULL, "customer_id" INTEGER NOT NULL, "kind" VARCHAR(8) NOT NULL, "before" TEXT NOT NULL, FOREIGN KEY ("batch_id") REFERENCES "import_batch" ("id") ON DELETE RESTRICT, FOREIGN KEY ("customer_id") REFERENCES "customer" ("id") ON DELETE RESTRICT);
CREATE INDEX "import_row_batch_id" ON "import_row" ("batch_id");
CREATE INDEX "import_row_customer_id" ON "import_row" ("customer_id");
"""

# Version 10 (the same statements on both engines): stamps carry the id their till gave them.
SCHEMA_V10 = pg_schema.SCHEMA_V10

# Version 11 (issue #34): branches; the statements are pg_schema's, spelled for SQLite.
SCHEMA_V11 = pg_schema.SCHEMA_V11.format(
    id='"id" INTEGER NOT NULL PRIMARY KEY', time="DATETIME", now="datetime('now')", deferrable=""
)

STEPS: dict[int, Callable[[pw.Database], None]] = {
    1: _v1,
    2: _run(SCHEMA_V2),
    3: _run(SCHEMA_V3),
    4: _run(SCHEMA_V4),
    5: _run(SCHEMA_V5),
    6: _run(SCHEMA_V6),
    7: _run(SCHEMA_V7),
    8: _run(SCHEMA_V8),
    9: _run(SCHEMA_V9),
    10: _run(SCHEMA_V10),
    11: _run(SCHEMA_V11),
}
LATEST = max(STEPS)


def schema_version(db: pw.Database) -> int:
    with storage_errors():
        if is_postgresql(db):
            if db.execute_sql("SELECT to_regclass('schema_version')").fetchone()[0] is None:
                return 0
            return int(db.execute_sql('SELECT "version" FROM "schema_version"').fetchone()[0])
        return int(db.execute_sql("PRAGMA user_version").fetchone()[0])


def check_version(found: int | None) -> None:
    if found is not None and found > LATEST:
        raise SchemaTooNew(
            "This database was written by a newer version of cafe-loyalty (schema {schema}; "
            "this version knows {known}). Update the app to open it.",
            schema=found,
            known=LATEST,
        )


def migrate(db: pw.Database) -> int:
    """Bring ``db`` to :data:`LATEST`, one transaction per step; returns the version found."""
    if is_postgresql(db):
        return _migrate_postgresql(db)
    found = schema_version(db)
    check_version(found)
    if found == 0 and db.execute_sql(OTHER_TABLES).fetchone()[0]:
        raise NotACafe("This file is a database, but not a cafe-loyalty one. Choose another file.")
    for version in range(found + 1, LATEST + 1):
        with storage_errors(), db.atomic():
            STEPS[version](db)
            db.execute_sql(f"PRAGMA user_version = {version}")
    return found


def _migrate_postgresql(db: pw.Database) -> int:
    """The same versions on PostgreSQL, from the first there (:data:`pg_schema.FIRST`). The
    first till to start upgrades, holding a session lock; the others wait for it, then find
    the schema current. A server database with other tables is refused, never written."""
    with storage_errors():
        db.execute_sql("SELECT pg_advisory_lock(%s)", (SCHEMA_LOCK,))
        try:
            found = schema_version(db)
            check_version(found)
            if (
                found == 0
                and db.execute_sql(
                    "SELECT count(*) FROM pg_catalog.pg_tables WHERE schemaname = current_schema()"
                ).fetchone()[0]
            ):
                raise NotACafe(
                    "This PostgreSQL database already holds other tables, not a café's. Create an empty "
                    "database for the till (see README, Several tills)."
                )
            for version in range(max(found + 1, pg_schema.FIRST), LATEST + 1):
                with db.atomic():
                    pg_schema.STEPS[version](db)
                    db.execute_sql('UPDATE "schema_version" SET "version" = %s', (version,))
            return found
        finally:
            db.execute_sql("SELECT pg_advisory_unlock(%s)", (SCHEMA_LOCK,))


# -- what a version looks like -------------------------------------------------------------
# A backup or snapshot is restored only if its database has exactly the tables, columns and
# indexes its schema version defines: ``user_version`` alone is one byte anyone can set.

Shape = dict[str, tuple]


def shape(con: sqlite3.Connection) -> Shape:
    """Tables (columns with type, not-null, default, key) and indexes (table, unique, partial,
    columns) of an open database, sqlite's own objects left out."""
    found: Shape = {}
    objects = con.execute(
        "SELECT type, name, tbl_name FROM sqlite_master WHERE type IN ('table', 'index') "
        "AND name NOT LIKE 'sqlite_%' ORDER BY type, name"
    ).fetchall()
    for kind, name, table in objects:
        if kind == "table":
            columns = con.execute(f'PRAGMA table_info("{name}")').fetchall()
            found[f"table {name}"] = tuple((c[1], c[2].upper(), c[3], c[4], c[5]) for c in columns)
        else:
            listed = {r[1]: r for r in con.execute(f'PRAGMA index_list("{table}")')}
            indexed = tuple(r[2] for r in con.execute(f'PRAGMA index_info("{name}")'))
            row = listed.get(name)
            found[f"index {name}"] = (table, row[2] if row else None, row[4] if row else None, indexed)
    return found


def expected_shape(version: int) -> Shape:
    """The shape a database of ``version`` has, built by running the steps up to it."""
    reference = pw.SqliteDatabase(":memory:")
    try:
        for step in range(1, version + 1):
            STEPS[step](reference)
        return shape(reference.connection())
    finally:
        reference.close()


def shape_problem(con: sqlite3.Connection, version: int) -> str | None:
    """Why ``con`` is not a cafe-loyalty database of ``version`` (None when it is)."""
    if version < 1 or version not in STEPS:
        return f"it has no cafe-loyalty schema version ({version})"
    want, have = expected_shape(version), shape(con)
    missing = sorted(set(want) - set(have))
    extra = sorted(set(have) - set(want))
    changed = sorted(k for k in set(want) & set(have) if want[k] != have[k])
    for label, names in (("is missing", missing), ("has an unexpected", extra), ("has a different", changed)):
        if names:
            return f"it {label} {names[0]}"
    return None

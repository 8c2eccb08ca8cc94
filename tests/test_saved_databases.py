"""Every released schema has a file written by that release (scripts/saved_database.py), and each
upgrades to today's schema with nothing lost, as Electrum tests its old wallet files.

A new schema version must add its file here: the first test fails until it does."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from cafe_loyalty.app import Cafe
from cafe_loyalty.errors import TooSoon
from cafe_loyalty.store import migrations

pytestmark = pytest.mark.sqlite_only  # SQLite files saved by earlier releases

DATA = Path(__file__).with_name("data")
WRITTEN_BY_SCRIPT = range(2, migrations.LATEST + 1)  # schema_v1.db predates the script
# Rows that an upgrade must carry over unchanged, column for column as the old file had them.
KEPT = {
    "customer": "id, first_name, last_name, phone, created_at, last_seen_at, forgotten_at",
    "card": "id, customer_id, slots, head_start, issued_at, status, closed_at",
    "card_code": "id, code, customer_id, revoked_at",
    "stamp": "id, card_id, at, staff_id, source, forced, voided_at, void_reason",
    "redemption": "id, card_id, next_card_id, at, reward",
    "visit": "id, customer_id, at",
    "feedback": "id, customer_id, kind, text, status",
    "staff": "id, name, role, pin_hash",
    "event": "id, at, action, entity, entity_id",
}


def saved(version: int) -> Path:
    return DATA / f"schema_v{version}.db"


def rows(path: Path) -> dict[str, list[tuple]]:
    con = sqlite3.connect(path)
    try:
        return {t: con.execute(f"SELECT {cols} FROM {t} ORDER BY 1").fetchall() for t, cols in KEPT.items()}
    finally:
        con.close()


def test_every_released_schema_has_a_saved_file():
    missing = [v for v in range(1, migrations.LATEST + 1) if not saved(v).is_file()]
    assert missing == [], "write them with scripts/saved_database.py from the release that had the schema"


@pytest.mark.parametrize("version", WRITTEN_BY_SCRIPT)
def test_a_saved_file_has_exactly_the_shape_its_frozen_steps_build(tmp_path, version):
    """A step edited after its release would build another shape than the release wrote."""
    copy = tmp_path / "saved.db"  # reading a WAL file in place would leave -shm files in tests/data
    shutil.copy(saved(version), copy)
    con = sqlite3.connect(copy)
    try:
        assert con.execute("PRAGMA user_version").fetchone()[0] == version
        assert migrations.shape(con) == migrations.expected_shape(version)
    finally:
        con.close()


@pytest.mark.parametrize("version", WRITTEN_BY_SCRIPT)
def test_a_saved_file_upgrades_with_nothing_lost(tmp_path, version):
    path = tmp_path / "old.db"
    shutil.copy(saved(version), path)
    before = rows(path)
    cafe = Cafe.open(path)
    try:
        db = cafe.db
        assert db.execute_sql("PRAGMA user_version").fetchone()[0] == migrations.LATEST
        assert db.execute_sql("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert db.execute_sql("PRAGMA foreign_key_check").fetchall() == []
        assert migrations.shape_problem(db.connection(), migrations.LATEST) is None
    finally:
        cafe.close()
    after = rows(path)
    for table, old in before.items():
        assert after[table][: len(old)] == old, table  # the upgrade may add audit rows, never change one


@pytest.mark.parametrize("version", WRITTEN_BY_SCRIPT)
def test_the_saved_cafe_reads_back_as_it_was_written(tmp_path, version):
    path = tmp_path / "old.db"
    shutil.copy(saved(version), path)
    cafe = Cafe.open(path)
    try:
        assert cafe.settings.get("cafe_name") == "Café Shirin"
        owner = cafe.staff.check_owner("2468")
        assert owner.name == "Shirin"

        (sara,) = cafe.customers.search("sara")
        # a full card redeemed, then one stamp on the next card undone: back to the head start
        card = cafe.ledger.current_card(sara.id)
        assert (card.slots, card.head_start, card.filled, card.status) == (10, 2, 2, "active")
        kinds = [(e.kind, e.voided) for e in cafe.ledger.history(sara.id)]
        assert kinds.count(("purchase", False)) == 8 and ("purchase", True) in kinds
        assert ("redemption", False) in kinds
        # these releases wrote an event per stamp as well as the row: the card's log shows each once
        first = min(e.card_id for e in cafe.ledger.history(sara.id) if e.kind == "purchase")
        log = [e.action for e in cafe.audit.for_entity("card", first)]
        assert log.count("stamp.add") == 8
        assert cafe.regulars.usual(sara.id).item == "latte, low-fat milk, not too hot"
        profile = cafe.customers.get(sara.id)
        assert (profile.allergies, profile.birthday["month"], profile.birthday["day"]) == ("walnuts", 5, 14)

        # Arabic letters as typed are found by the Persian form, and the name kept as entered
        (ali,) = cafe.customers.search("علی")
        assert (ali.first_name, ali.last_name) == ("علي", "رضایی")  # Arabic ye, as typed
        usual = cafe.regulars.usual(ali.id)
        assert (usual.item, usual.modifiers, usual.source) == ("Latte", "oat milk", "learned")

        (zoe,) = cafe.customers.search("zoe")
        assert zoe.first_name == "Zoë 🎉"
        assert [(f.kind, f.text) for f in cafe.feedback.open_for(zoe.id)] == [("complaint", "The cake was dry")]
        assert cafe.customers.get(zoe.id).referred_by_id == sara.id

        # the forgotten regular is gone from search and from the file's text
        assert cafe.customers.search("forget") == [] and cafe.customers.search("0900") == []
        raw = path.read_bytes()
        assert b"0900 000 0000" not in raw and b"Forget" not in raw

        # and the old café takes new work: a stamp, then the double-tap guard
        stamped = cafe.ledger.stamp(card.id, owner.id)
        assert stamped.filled == 3
        with pytest.raises(TooSoon):
            cafe.ledger.stamp(card.id, owner.id)
    finally:
        cafe.close()


@pytest.mark.parametrize("version", [v for v in WRITTEN_BY_SCRIPT if v < 11])
def test_a_cafe_from_before_branches_becomes_a_chain_of_one_with_its_history(tmp_path, version):
    """Schema 11 (issue #34): one branch, named after the café, holding every stamp, visit,
    reward, card, check-back, feedback, regular and staff member the café had."""
    path = tmp_path / "old.db"
    shutil.copy(saved(version), path)
    cafe = Cafe.open(path)
    try:
        (only,) = cafe.branches.list()
        assert only.name == "Café Shirin" and not cafe.branches.is_chain()
        for table in ("stamp", "visit", "redemption", "card", "checkback", "feedback", "customer", "staff"):
            where = cafe.db.execute_sql(f'SELECT DISTINCT branch_id FROM "{table}"').fetchall()
            assert where in ([], [(only.id,)]), table
        assert cafe.db.execute_sql("SELECT count(*) FROM stamp").fetchone()[0] > 0
    finally:
        cafe.close()

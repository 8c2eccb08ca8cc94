"""The backup of a café on a server (issue #34): its tables as the server writes them out
(format 2, the table layout), about as fast as ``pg_dump``. It restores into a single till's file
and into the server, is checked whole before anything is restored, and a damaged or forged one
is refused with nothing changed. A single till's backup stays format 1 (every version reads it)."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import zipfile
from pathlib import Path

import pytest

from cafe_loyalty.app import Cafe
from cafe_loyalty.backup import archive, table_layout
from cafe_loyalty.cli import main as cli
from cafe_loyalty.errors import SchemaTooNew, ValidationError
from cafe_loyalty.store import migrations
from cafe_loyalty.store.copying import copy_cafe
from cafe_loyalty.store.db import connect

from .conftest import rows_of

# Every character COPY's text must escape, and the text that spells its "nothing".
ODD = ["Sara\ttab", "line\nbreak\r", "back\\slash", "\\N", "\u200fسارا\u200f", "🌸 Zoë", "\b\f\v", ""]


@pytest.fixture
def chain(pg_url, clock):
    cafe = Cafe.open(pg_url, clock=clock)
    cafe.set_up("Café Shirin", "Maryam", "2468")
    for n, name in enumerate(ODD):
        regular = cafe.customers.add(f"R{n}", last_name=name, usual=name, allergies=name)
        clock.advance(minutes=7, seconds=n, microseconds=n * 100_000)  # on the second, and with fractions
        cafe.ledger.stamp(regular.card.id, by=None, force=n % 2 == 0)
    # The till keeps a name on one line; a note written by another program may hold anything.
    cafe.db.execute_sql("UPDATE customer SET allergies = %s WHERE first_name = 'R0'", ("".join(ODD),))
    yield cafe
    cafe.close()


def owner(cafe: Cafe) -> int:
    return cafe.staff.owner_id()


def table_rows(path: Path) -> dict[str, list[tuple]]:
    con = sqlite3.connect(path)
    try:
        names = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return {t: con.execute(f'SELECT * FROM "{t}" ORDER BY 1').fetchall() for t in names}
    finally:
        con.close()


def test_a_chains_backup_holds_its_tables_and_restores_into_a_single_till(chain, pg_url, tmp_path):
    """Value for value (and type for type) what a copy of the server into a file holds: odd
    text, times with and without fractions, yes/no columns, every table."""
    out = tmp_path / "chain.cafebackup"
    summary = chain.backups.create(out, by=owner(chain))
    with zipfile.ZipFile(out) as zf:
        manifest = json.loads(zf.read("manifest.json"))
        assert "cafe.db" not in zf.namelist()
        assert zf.getinfo("stamp.tsv").compress_type == zipfile.ZIP_DEFLATED
    assert manifest["format_version"] == 2 and manifest["tables"]["customer"]["rows"] == len(ODD)
    assert summary.counts["stamp"] == manifest["counts"]["stamp"] == 3 * len(ODD)  # head start 2 + 1 each
    reference = tmp_path / "reference.db"
    source, target = connect(pg_url), connect(reference)
    try:
        copy_cafe(source, target)
    finally:
        source.close()
        target.close()

    single = Cafe.open(tmp_path / "single.db")
    try:
        single.set_up("Elsewhere", "Nima", "1357")
        single.backups.restore(out, by=owner(single))
        names = sorted(c.last_name for c in single.customers.search("", limit=50))
        assert names == sorted(c.last_name for c in chain.customers.search("", limit=50))
        assert "back\\slash" in names and "\\N" in names and "Sara\ttab" not in names  # a tab is a space
    finally:
        single.close()
    restored, wanted = table_rows(tmp_path / "single.db"), table_rows(reference)
    for table, rows in wanted.items():
        if table in ("event", "setting"):  # the restore's own audit and last-backup time
            continue
        assert restored[table] == rows, table
        assert [list(map(type, r)) for r in restored[table]] == [list(map(type, r)) for r in rows], table


def test_a_chains_backup_restores_into_the_server(chain, tmp_path):
    out = tmp_path / "chain.cafebackup"
    chain.backups.create(out, by=owner(chain))
    before = rows_of(chain)
    chain.customers.add("After the backup")
    chain.backups.restore(out, by=owner(chain))
    after = rows_of(chain)
    for table in before:
        if table not in ("event", "setting"):
            assert after[table] == before[table], table
    assert chain.customers.search("after the backup") == []


def test_an_encrypted_chain_backup_needs_its_passphrase(chain, tmp_path):
    out = tmp_path / "chain.cafebackup"
    chain.backups.create(out, passphrase="a long walk home", by=owner(chain))
    with pytest.raises(ValidationError, match="passphrase"):
        chain.backups.verify(out, by=owner(chain))
    summary = chain.backups.verify(out, passphrase="a long walk home", by=owner(chain))
    assert summary.encrypted and summary.counts["customer"] == len(ODD)


def test_a_single_tills_backup_stays_in_the_layout_every_version_reads(tmp_path):
    cafe = Cafe.open(tmp_path / "cafe.db")
    try:
        cafe.set_up("Café Shirin", "Maryam", "2468")
        out = cafe.backups.create(tmp_path / "one.cafebackup", by=owner(cafe)).path
    finally:
        cafe.close()
    with zipfile.ZipFile(out) as zf:
        assert json.loads(zf.read("manifest.json"))["format_version"] == 1 and "cafe.db" in zf.namelist()


def test_the_command_line_backs_up_and_checks_a_chain(chain, pg_url, tmp_path, capsys):
    out = tmp_path / "cli.cafebackup"
    assert cli(["--db", pg_url, "backup", "create", "--out", str(out), "--owner-pin", "2468"]) == 0
    capsys.readouterr()
    assert cli(["--db", pg_url, "backup", "verify", str(out), "--owner-pin", "2468"]) == 0
    said = capsys.readouterr().out
    assert "stamp" in said and str(3 * len(ODD)) in said


def test_rows_read_the_same_wherever_the_blocks_break():
    """The server's text arrives in blocks that may end inside a row or a letter: read whole
    or a byte at a time, it is the same rows (a tab, a newline and a backslash in a value
    escaped, ``\\N`` nothing, the text \\N itself escaped)."""
    text = "1\tسارا 🌸\t\\N\n2\ta\\tb\\nc\\\\d\t\\\\N\n".encode()
    whole = [row for chunk in table_layout.parse([text], 3) for row in chunk]
    assert whole == [["1", "سارا 🌸", None], ["2", "a\tb\nc\\d", "\\N"]]
    for size in (1, 2, 3, 5, 7):
        blocks = [text[i : i + size] for i in range(0, len(text), size)]
        assert [row for chunk in table_layout.parse(blocks, 3) for row in chunk] == whole


# -- damaged and forged ------------------------------------------------------------------------


def rewritten(src: Path, dst: Path, *, manifest=None, member=None) -> Path:
    """``src`` written again as ``dst``: ``manifest(m)`` edits the manifest, ``member(name,
    data)`` a member's bytes (its checksum and size in the manifest follow, as a forger's would)."""
    with zipfile.ZipFile(src) as zin:
        m = json.loads(zin.read("manifest.json"))
        data = {n: zin.read(n) for n in zin.namelist() if n != "manifest.json"}
    for name in list(data):
        if member is not None:
            data[name] = member(name, data[name])
            m["members"][name] = {"sha256": hashlib.sha256(data[name]).hexdigest(), "size": len(data[name])}
    if manifest is not None:
        manifest(m)
    with zipfile.ZipFile(dst, "w") as zout:
        for name, value in data.items():
            zout.writestr(name, value)
        zout.writestr("manifest.json", json.dumps(m))
    return dst


def swap(old: bytes, new: bytes, only: str = "customer.tsv"):
    return lambda name, data: data.replace(old, new, 1) if name == only else data


def set_key(*path, value):
    def edit(m):
        node = m
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = value

    return edit


@pytest.mark.parametrize(
    ("change", "error", "message"),
    [
        (dict(member=swap(b"R1", b"R9")), None, None),  # a forged but well-formed change is a backup
        (dict(member=swap(b"\tR1\t", b"\tR1\tR1\t")), ValidationError, "cannot be read"),  # a value too many
        (dict(member=swap(b"\\\\", b"\\q")), ValidationError, "unknown escape"),
        (dict(member=swap(b"R1", b"\xff\xfe")), ValidationError, "cannot be read"),  # not UTF-8
        (dict(member=lambda n, d: d[:-1] if n == "customer.tsv" else d), ValidationError, "cut short"),
        (dict(member=lambda n, d: d + d if n == "customer.tsv" else d), ValidationError, "cannot be read"),  # twice
        (
            dict(member=lambda n, d: d + b"x" * (table_layout.MAX_ROW + 1) if n == "customer.tsv" else d),
            ValidationError,
            "longer than any",
        ),
        (dict(manifest=set_key("tables", "customer", "rows", value=3)), ValidationError, "inconsistent"),
        (dict(manifest=set_key("schema_version", value=migrations.LATEST + 1)), SchemaTooNew, "newer version"),
        (dict(manifest=set_key("format_version", value=3)), SchemaTooNew, "newer version"),
        (
            dict(manifest=set_key("tables", "customer", "columns", value=['id"; DROP TABLE stamp; --'])),
            ValidationError,
            "cannot be read",
        ),
        (dict(manifest=lambda m: m["tables"].pop("customer")), ValidationError, "points to a row of customer"),
        (dict(manifest=lambda m: m["members"].pop("stamp.tsv")), ValidationError, "no file for the table"),
        (
            dict(manifest=set_key("tables", "invoices", value={"columns": ["id"], "rows": 0})),
            ValidationError,
            "no file for the table",
        ),
    ],
)
def test_a_damaged_or_forged_chain_backup_is_refused_and_changes_nothing(chain, tmp_path, change, error, message):
    good = tmp_path / "good.cafebackup"
    chain.backups.create(good, by=owner(chain))
    bad = rewritten(good, tmp_path / "bad.cafebackup", **change)
    before = rows_of(chain)
    if error is None:
        assert chain.backups.verify(bad, by=owner(chain)).counts["customer"] == len(ODD)
        return
    with pytest.raises(error, match=message):
        chain.backups.restore(bad, by=owner(chain))
    assert rows_of(chain) == before


def test_a_member_changed_after_the_backup_fails_its_checksum(chain, tmp_path):
    good = tmp_path / "good.cafebackup"
    chain.backups.create(good, by=owner(chain))
    bad = rewritten(
        good,
        tmp_path / "bad.cafebackup",
        member=swap(b"R1", b"R7"),
        manifest=lambda m: m["members"]["customer.tsv"].update(sha256="0" * 64),
    )
    with pytest.raises(ValidationError, match=r"checksum of customer\.tsv does not match"):
        archive.open_backup(bad, tmp_path)

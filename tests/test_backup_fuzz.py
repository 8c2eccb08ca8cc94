"""Damaged and hostile backup files: truncations, byte flips, malformed manifests and
encryption headers, and databases that are not a café's. Verify and restore must agree, every
refusal is a message (a CafeError), and the live database is never changed by a refusal."""

from __future__ import annotations

import base64
import hashlib
import io
import json
import random
import sqlite3
import struct
import zipfile

import pytest

from cafe_loyalty.backup import archive as backup
from cafe_loyalty.backup import crypto
from cafe_loyalty.errors import CafeError, SchemaTooNew, ValidationError

from .test_backup import dump

pytestmark = pytest.mark.sqlite_only  # damaged SQLite backup files


@pytest.fixture
def made(cafe, barista, tmp_path):
    cafe.settings.update(guard_minutes=0, by=cafe.staff.owner_id())
    for name in ("Sara", "مهرناز", "Leo ☕"):
        person = cafe.customers.add(name)
        for _ in range(3):
            cafe.ledger.stamp(person.card.id, by=barista)
    return cafe.backups.create(tmp_path / "good.cafebackup", by=cafe.staff.owner_id())


def agree(cafe, path, passphrase=None) -> str | None:
    """Verify and restore give the same answer, and a refused restore changes nothing.
    Returns the refusal's message (None when the file was good)."""
    before = dump(cafe.path)
    try:
        cafe.backups.verify(path, passphrase, by=cafe.staff.owner_id())
        verified = None
    except CafeError as exc:
        verified = exc.message
    try:
        cafe.backups.restore(path, passphrase, by=cafe.staff.owner_id())
        restored = None
    except CafeError as exc:
        restored = exc.message
        assert dump(cafe.path) == before
    assert (verified is None) == (restored is None), (verified, restored)
    return verified


def write_zip(path, members: dict[str, bytes]) -> None:
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)


def members_of(path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {n: zf.read(n) for n in zf.namelist()}


def test_truncations_and_byte_flips(cafe, made, tmp_path):
    data = (tmp_path / "good.cafebackup").read_bytes()
    rng = random.Random(20261123)
    cases = [data[:n] for n in (0, 1, 30, 100, len(data) // 3, len(data) // 2, len(data) - 22, len(data) - 1)]
    for _ in range(30):
        flipped = bytearray(data)
        flipped[rng.randrange(len(data))] ^= 1 << rng.randrange(8)
        cases.append(bytes(flipped))
    refusals = 0
    for n, case in enumerate(cases):
        path = tmp_path / f"case{n}.cafebackup"
        path.write_bytes(case)
        refusals += agree(cafe, path) is not None
    # a flip may land in bytes nothing reads (a zip's timestamps); a cut one never verifies
    assert refusals >= 8 + 20


MANIFEST_CASES = {
    "format_version text": lambda m: m.update(format_version="abc"),
    "format_version null": lambda m: m.update(format_version=None),
    "format_version list": lambda m: m.update(format_version=[1]),
    "format_version true": lambda m: m.update(format_version=True),
    "members a list": lambda m: m.update(members=["cafe.db"]),
    "member a string": lambda m: m.update(members={"cafe.db": "sha"}),
    "member without hash": lambda m: m["members"]["cafe.db"].pop("sha256"),
    "hash not hex": lambda m: m["members"]["cafe.db"].update(sha256="z" * 64),
    "size a string": lambda m: m["members"]["cafe.db"].update(size="1"),
    "size negative": lambda m: m["members"]["cafe.db"].update(size=-1),
    "member path": lambda m: m["members"].update({"../evil": {"sha256": "0" * 64, "size": 1}}),
    "counts a list": lambda m: m.update(counts=[1, 2]),
    "count text": lambda m: m["counts"].update(customer="3"),
    "schema text": lambda m: m.update(schema_version="5"),
    "cafe name a dict": lambda m: m.update(cafe_name={"a": 1}),
    "no members": lambda m: m.pop("members"),
}


@pytest.mark.parametrize("change", MANIFEST_CASES, ids=list(MANIFEST_CASES))
def test_malformed_manifests_are_refused(cafe, made, tmp_path, change):
    members = members_of(made.path)
    manifest = json.loads(members["manifest.json"])
    MANIFEST_CASES[change](manifest)
    members["manifest.json"] = json.dumps(manifest).encode()
    path = tmp_path / "bad.cafebackup"
    write_zip(path, members)
    assert agree(cafe, path) is not None


@pytest.mark.parametrize(
    "text",
    [b"[" * 100_000 + b"]" * 100_000, b'{"a": ' * 50_000 + b"1" + b"}" * 50_000, b" " * (2 << 20), b"\xff\xfe"],
    ids=["nested list", "nested dict", "huge", "not utf-8"],
)
def test_manifests_that_cannot_be_read(cafe, made, tmp_path, text):
    members = members_of(made.path)
    members["manifest.json"] = text
    path = tmp_path / "bad.cafebackup"
    write_zip(path, members)
    assert agree(cafe, path) is not None


def rebuilt(made, tmp_path, db_bytes: bytes):
    """A backup whose manifest describes ``db_bytes`` correctly (a consistent forgery)."""
    members = members_of(made.path)
    manifest = json.loads(members["manifest.json"])
    probe = tmp_path / "probe.db"
    probe.write_bytes(db_bytes)
    con = sqlite3.connect(probe)
    manifest["schema_version"] = con.execute("PRAGMA user_version").fetchone()[0]
    manifest["counts"] = backup.counts(con)
    con.close()
    manifest["members"] = {"cafe.db": {"sha256": hashlib.sha256(db_bytes).hexdigest(), "size": len(db_bytes)}}
    path = tmp_path / "forged.cafebackup"
    write_zip(path, {"cafe.db": db_bytes, "manifest.json": json.dumps(manifest).encode()})
    return path


def foreign_db(tmp_path, version: int, sql: str) -> bytes:
    path = tmp_path / f"foreign{version}.db"
    con = sqlite3.connect(path)
    con.executescript(sql)
    con.execute(f"PRAGMA user_version = {version}")
    con.commit()
    con.close()
    return path.read_bytes()


@pytest.mark.parametrize(
    ("version", "sql"),
    [
        (5, "CREATE TABLE t1 (x);"),
        (0, "CREATE TABLE customer (id INTEGER PRIMARY KEY);"),
        (6, "CREATE TABLE customer (id INTEGER PRIMARY KEY, name TEXT);"),
    ],
    ids=["other tables", "user_version 0", "wrong columns"],
)
def test_a_database_that_is_not_a_cafes_is_refused(cafe, made, tmp_path, version, sql):
    path = rebuilt(made, tmp_path, foreign_db(tmp_path, version, sql))
    message = agree(cafe, path)
    assert message is not None and "not a cafe-loyalty database" in message
    cafe.customers.get(1)  # the till still works


def test_a_cafe_database_missing_an_index_is_refused(cafe, made, tmp_path):
    with zipfile.ZipFile(made.path) as zf:
        db = tmp_path / "x.db"
        db.write_bytes(zf.read("cafe.db"))
    con = sqlite3.connect(db)
    con.execute('DROP INDEX "card_one_active"')  # the rule "one active card per customer" would go
    con.commit()
    con.close()
    message = agree(cafe, rebuilt(made, tmp_path, db.read_bytes()))
    assert message is not None and "card_one_active" in message


def test_another_page_size_verifies_and_restores(cafe, made, tmp_path):
    with zipfile.ZipFile(made.path) as zf:
        db = tmp_path / "x.db"
        db.write_bytes(zf.read("cafe.db"))
    con = sqlite3.connect(db)
    con.execute("PRAGMA page_size = 8192")
    con.execute("VACUUM")
    con.close()
    path = rebuilt(made, tmp_path, db.read_bytes())
    assert agree(cafe, path) is None
    assert cafe.customers.count() == 3 and cafe.ledger.current_card(1).filled == 5
    assert cafe.db.execute_sql("PRAGMA page_size").fetchone()[0] == 4096


def encrypted_with_header(made, tmp_path, header: object, raw: bytes | None = None):
    data = (tmp_path / "good.cafebackup").read_bytes()
    body = raw if raw is not None else json.dumps(header).encode()
    path = tmp_path / "enc.cafebackup"
    path.write_bytes(crypto.MAGIC + struct.pack(">I", len(body)) + body + data[:100])
    return path


def good_header() -> dict:
    return {
        "kdf": "scrypt",
        "n": 2**15,
        "r": 8,
        "p": 1,
        "salt": base64.b64encode(b"s" * 16).decode(),
        "nonce": base64.b64encode(b"n" * 7).decode(),
        "chunk": crypto.CHUNK,
    }


HEADER_CASES = {
    "n=3": {"n": 3},
    "n=-1": {"n": -1},
    "n=2**30": {"n": 2**30},
    "n text": {"n": "16384"},
    "r huge": {"r": 10_000},
    "p=0": {"p": 0},
    "empty nonce": {"nonce": ""},
    "200-byte nonce": {"nonce": base64.b64encode(b"x" * 200).decode()},
    "numeric salt": {"salt": 12345},
    "salt not base64": {"salt": "!!!"},
    "other kdf": {"kdf": "md5"},
}


@pytest.mark.parametrize("change", HEADER_CASES, ids=list(HEADER_CASES))
def test_hostile_encryption_headers_are_refused_quickly(cafe, made, tmp_path, change):
    path = encrypted_with_header(made, tmp_path, good_header() | HEADER_CASES[change])
    with pytest.raises(ValidationError):
        cafe.backups.verify(path, "secret", by=cafe.staff.owner_id())
    assert agree(cafe, path, "secret") is not None


@pytest.mark.parametrize("raw", [b"[1, 2]", b'"header"', b"{" * 3000, b"x"], ids=["list", "string", "nested", "junk"])
def test_encryption_headers_that_are_not_objects(cafe, made, tmp_path, raw):
    path = encrypted_with_header(made, tmp_path, None, raw=raw)
    assert agree(cafe, path, "secret") is not None


def test_an_oversized_header_length_is_refused(cafe, made, tmp_path):
    path = tmp_path / "enc.cafebackup"
    path.write_bytes(crypto.MAGIC + struct.pack(">I", 2**31) + b"{}")
    with pytest.raises(ValidationError, match="header is damaged"):
        crypto.decrypt(io.BytesIO(path.read_bytes()), io.BytesIO(), "secret")


def test_a_newer_format_is_refused_as_newer(cafe, made, tmp_path):
    members = members_of(made.path)
    manifest = json.loads(members["manifest.json"])
    manifest["format_version"] = backup.FORMAT_VERSION + 1
    members["manifest.json"] = json.dumps(manifest).encode()
    path = tmp_path / "newer.cafebackup"
    write_zip(path, members)
    with pytest.raises(SchemaTooNew):
        cafe.backups.verify(path, by=cafe.staff.owner_id())

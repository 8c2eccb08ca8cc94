"""The backup file: one ``.cafebackup`` zip a café owner can keep, check and restore.

Inside: ``manifest.json`` with the app and schema versions, the time, row counts and the SHA-256
of every member, and the café. A single till's backup (format 1) holds ``cafe.db``, a consistent
snapshot of its file taken while the till keeps working; a café on a server (format 2, issue #34)
is backed up as its tables in the server's own COPY text, one ``<table>.tsv`` each (see
:mod:`~cafe_loyalty.backup.table_layout`), which reading loads into a SQLite file: from there
both formats are checked and restored alike, into either engine. With a passphrase the whole
zip is encrypted (see :mod:`cafe_loyalty.backup.crypto`). Backups written by 0.1 also hold CSV
members; they are checked against the manifest like any member and still restore. Spreadsheets
are now their own export (:mod:`cafe_loyalty.io.spreadsheets`).

Reading a backup checks all of it (zip structure, manifest, checksums, ``PRAGMA
integrity_check``, schema version) before anything is restored.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import re
import sqlite3
import tempfile
import threading
import zipfile
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from cafe_loyalty.backup import crypto, table_layout
from cafe_loyalty.errors import SchemaTooNew, StorageError, ValidationError
from cafe_loyalty.files import check_target
from cafe_loyalty.store import migrations
from cafe_loyalty.store.engine import TableStreams, copy_file

FORMAT = "cafe-loyalty-backup"
FORMAT_VERSION = 2  # the newest this version reads
FILE_LAYOUT = 1  # the café's SQLite file (a single till's backup): readable by every version
TABLE_LAYOUT = 2  # the tables as COPY text (a café on a server): see table_layout
SUFFIX = ".cafebackup"
DB_MEMBER = "cafe.db"
MANIFEST = "manifest.json"
TABLES = ("customer", "card_code", "card", "stamp", "redemption", "staff", "menu_item", "event", "setting")

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class BackupSummary:
    path: str
    created_at: str
    app_version: str
    schema_version: int
    cafe_name: str
    counts: dict[str, int]
    encrypted: bool
    members: dict[str, dict[str, object]] = field(default_factory=dict)
    integrity: str = "ok"

    def to_json(self) -> dict[str, object]:
        return {k: v for k, v in self.__dict__.items() if k != "members"} | {"members": sorted(self.members)}


def counts(con: sqlite3.Connection) -> dict[str, int]:
    present = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    return {t: con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in TABLES if t in present}


def _fsync_replace(tmp: Path, final: Path) -> None:
    with open(tmp, "rb+") as f:
        os.fsync(f.fileno())
    os.replace(tmp, final)


BLOCK = 4 << 20  # bytes per read and write while copying the database into the zip

# Descriptors on live database files that this process never closes. Closing *any* descriptor
# of a file drops every POSIX lock the process holds on it, SQLite's own included: the till's
# shared lock would vanish, and another program closing its connection would then take itself
# for the last one and delete the WAL under the till. So the file is opened once and kept.
_KEPT: dict[tuple[int, int], int] = {}
_KEPT_LOCK = threading.Lock()


def _kept_descriptor(path: Path) -> int:
    info = os.stat(path)
    key = (info.st_dev, info.st_ino)
    with _KEPT_LOCK:
        if key not in _KEPT:
            _KEPT[key] = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
        return _KEPT[key]


@dataclass
class _Frozen:
    """The live file, unchanging while a read transaction started on an empty WAL is open."""

    fd: int
    size: int
    schema: int
    counts: dict[str, int]

    def blocks(self) -> Iterator[bytes]:
        offset = 0
        while offset < self.size:
            block = os.pread(self.fd, min(BLOCK, self.size - offset), offset)  # POSIX: _frozen checked
            if not block:
                raise OSError("the database file ended early")
            offset += len(block)
            yield block


@contextlib.contextmanager
def _frozen(con: sqlite3.Connection, path: Path) -> Iterator[_Frozen | None]:
    """Read the live database file itself, as ``sqlite3 .backup`` reads it, instead of taking a
    copy first and copying that again. ``None`` when that cannot be done safely (the WAL could
    not be emptied: another program is in the middle of reading), and the caller snapshots.

    After a ``TRUNCATE`` checkpoint the WAL is empty; a read transaction begun then sees the
    file alone, and no checkpoint may write into the file while it is open. The WAL being
    still empty after the transaction began proves no write slipped in between."""
    if not hasattr(os, "pread") or con.in_transaction:
        yield None
        return
    wal = Path(f"{path}-wal")
    busy = con.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
    con.execute("BEGIN")
    try:
        page_size = con.execute("PRAGMA page_size").fetchone()[0]
        pages = con.execute("PRAGMA page_count").fetchone()[0]  # also starts the read snapshot
        if busy or (wal.exists() and wal.stat().st_size > 0):
            yield None
            return
        schema = con.execute("PRAGMA user_version").fetchone()[0]
        yield _Frozen(_kept_descriptor(path), page_size * pages, schema, counts(con))
    finally:
        con.execute("ROLLBACK")


def _snapshot_blocks(snap: Path) -> Iterator[bytes]:
    with open(snap, "rb") as src:
        while block := src.read(BLOCK):
            yield block


def write_backup(
    source: Path | TableStreams,
    out_path: Path,
    *,
    app_version: str,
    cafe_name: str,
    passphrase: str | None = None,
    progress: Progress | None = None,
    live: sqlite3.Connection | None = None,
) -> BackupSummary:
    """Write a complete backup to ``out_path``: the database and the manifest (spreadsheets
    are their own export, :mod:`spreadsheets`).

    ``source`` is the SQLite file of a café on this till, or a server café's tables
    (:class:`TableStreams`, written in the table layout). With ``live`` (the till's own
    connection, idle, on this thread) the database file is read once, straight into the zip,
    under a read transaction (see ``_frozen``): about the cost of ``sqlite3 .backup``.
    Otherwise, or when that cannot be done safely, SQLite's backup API takes a snapshot first
    and that is copied in. The SHA-256 is worked out beside the copy.

    The file appears only when complete (written beside it under a temporary name, synced,
    then renamed): a full disk or a pulled USB stick leaves no half backup behind."""
    steps = 2 + (1 if passphrase else 0)
    done = 0

    def step() -> None:
        nonlocal done
        done += 1
        if progress:
            progress(done, steps)

    out_path = check_target(out_path)
    try:
        out_path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StorageError("Cannot write to {folder}: {reason}.", folder=out_path.parent, reason=exc.strerror) from exc
    with tempfile.TemporaryDirectory(prefix="cafe-backup-") as work_dir, contextlib.ExitStack() as stack:
        work = Path(work_dir)
        columns: dict[str, list[str]] = {}  # the table layout's, filled as each table is read
        rows: dict[str, int] = {}
        if isinstance(source, TableStreams):
            schema, layout = source.schema, TABLE_LAYOUT
            contents = _table_members(source, columns, rows)
        else:
            layout = FILE_LAYOUT
            schema, table_counts, blocks = _database_blocks(source, live, work, stack)
            contents = iter([(DB_MEMBER, blocks)])
        step()
        tmp = out_path.with_name(f".{out_path.name}.part")
        members: dict[str, dict[str, object]] = {}
        hasher = stack.enter_context(ThreadPoolExecutor(1))
        try:
            zip_target = work / "backup.zip" if passphrase else tmp
            # The tables' text shrinks to a fifth at zlib's fastest level; the database file is
            # stored as it is (it is read straight from the live file, and restores as fast).
            with zipfile.ZipFile(zip_target, "w", zipfile.ZIP_DEFLATED, allowZip64=True, compresslevel=1) as zf:
                for name, blocks in contents:
                    members[name] = _write_member(zf, name, blocks, hasher, compressed=layout == TABLE_LAYOUT)
                step()
                if layout == TABLE_LAYOUT:
                    table_counts = {t: rows[t] for t in TABLES if t in rows}
                created_at = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
                manifest = {
                    "format": FORMAT,
                    "format_version": layout,
                    "app_version": app_version,
                    "schema_version": schema,
                    "created_at": created_at,
                    "cafe_name": cafe_name,
                    "counts": table_counts,
                    "members": members,
                }
                if layout == TABLE_LAYOUT:
                    manifest["tables"] = {t: {"columns": columns[t], "rows": rows[t]} for t in columns}
                zf.writestr(MANIFEST, json.dumps(manifest, indent=2, ensure_ascii=False))
            stack.close()  # the read transaction ends as soon as the database is copied
            if passphrase:
                with open(zip_target, "rb") as src, open(tmp, "wb") as dst:
                    crypto.encrypt(src, dst, passphrase)
                step()
            _fsync_replace(tmp, out_path)
        except OSError as exc:
            tmp.unlink(missing_ok=True)
            raise StorageError(
                "Could not write the backup to {folder}: {reason}. Nothing was saved there.",
                folder=out_path.parent,
                reason=exc.strerror or exc,
            ) from exc
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
    return BackupSummary(
        path=str(out_path),
        created_at=created_at,
        app_version=app_version,
        schema_version=schema,
        cafe_name=cafe_name,
        counts=table_counts,
        encrypted=bool(passphrase),
        members=members,
    )


def _database_blocks(
    db_path: Path, live: sqlite3.Connection | None, work: Path, stack: contextlib.ExitStack
) -> tuple[int, dict[str, int], Iterator[bytes]]:
    """The SQLite file's schema, row counts and bytes: the live file itself when that is safe
    (``_frozen``), else a snapshot taken first."""
    try:
        frozen = stack.enter_context(_frozen(live, Path(db_path))) if live is not None else None
    except sqlite3.DatabaseError as exc:
        raise StorageError("Could not read the database: {reason}.", reason=exc) from exc
    if frozen is not None:
        return frozen.schema, frozen.counts, frozen.blocks()
    snap = work / DB_MEMBER
    copy_file(Path(db_path), snap)
    con = sqlite3.connect(snap)
    try:
        schema = con.execute("PRAGMA user_version").fetchone()[0]
        table_counts = counts(con)
    except sqlite3.DatabaseError as exc:
        raise StorageError("Could not read the database copy: {reason}.", reason=exc) from exc
    finally:
        con.close()
    return schema, table_counts, _snapshot_blocks(snap)


def _table_members(
    source: TableStreams, columns: dict[str, list[str]], rows: dict[str, int]
) -> Iterator[tuple[str, Iterator[bytes]]]:
    """A member per table; each table's columns and rows are noted as it is read."""
    for table, names, blocks in source.tables:
        columns[table] = names

        def counted(table: str = table, blocks: Iterator[bytes] = blocks) -> Iterator[bytes]:
            rows[table] = 0
            for block in blocks:
                rows[table] += table_layout.rows_in(block)
                yield block

        yield table_layout.member(table), counted()


def _write_member(
    zf: zipfile.ZipFile, name: str, blocks: Iterator[bytes], hasher: ThreadPoolExecutor, compressed: bool
) -> dict[str, object]:
    """One member from ``blocks``, hashed on the second thread as it is written."""
    info = zipfile.ZipInfo(name, date_time=_zip_time())
    if compressed:
        info.compress_type = zipfile.ZIP_DEFLATED
        info._compresslevel = 1  # type: ignore[attr-defined]  # what ZipFile.open(str) would set
    digest, size = hashlib.sha256(), 0
    with zf.open(info, "w", force_zip64=True) as member:
        hashed = None
        for block in blocks:
            if hashed is not None:
                hashed.result()  # at most two blocks in memory
            hashed = hasher.submit(digest.update, block)  # hashlib releases the GIL
            member.write(block)  # zlib's CRC and the write release it too
            size += len(block)
        if hashed is not None:
            hashed.result()
    return {"sha256": digest.hexdigest(), "size": size}


def _zip_time() -> tuple[int, int, int, int, int, int]:
    return dt.datetime.now().timetuple()[:6]


def open_backup(path: Path, workdir: Path, passphrase: str | None = None) -> tuple[BackupSummary, Path]:
    """Check a backup completely and extract its database into ``workdir``.

    Returns the summary and the extracted database. Raises ValidationError (not a backup,
    corrupt, wrong checksum, wrong passphrase), SchemaTooNew, or StorageError."""
    path = Path(path)
    try:
        with open(path, "rb") as f:
            head = f.read(len(crypto.MAGIC))
    except OSError as exc:
        raise ValidationError("Cannot read {file}: {reason}.", file=path, reason=exc.strerror) from exc
    encrypted = crypto.is_encrypted(head)
    zip_path = path
    if encrypted:
        if not passphrase:
            raise crypto.WrongPassphrase("This backup is encrypted. Enter its passphrase.")
        zip_path = workdir / "backup.zip"
        with open(path, "rb") as src, open(zip_path, "wb") as dst:
            crypto.decrypt(src, dst, passphrase)
    try:
        zf = zipfile.ZipFile(zip_path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise ValidationError(
            "{file} is not a cafe-loyalty backup, or it is damaged (not a readable zip).", file=path.name
        ) from exc
    with zf:
        manifest = _read_manifest(zf, path)
        members = manifest["members"]
        for name, info in members.items():
            try:
                stored = zf.getinfo(name).file_size
            except KeyError as exc:
                raise ValidationError("{file} is damaged: {name} is missing.", file=path.name, name=name) from exc
            if stored != info["size"]:
                raise ValidationError("{file} is damaged: {name} has the wrong size.", file=path.name, name=name)
        db = workdir / DB_MEMBER
        if manifest["format_version"] == TABLE_LAYOUT:
            _build_from_tables(zf, path, manifest, db)
            integrity, schema, table_counts = inspect(db, f"The database inside {path.name}")
        else:
            # The database must be on disk before SQLite can check it; the CSV files are only
            # hashed. SQLite's integrity check, zlib and hashlib all release the GIL, so the
            # check runs on a second thread while the CSV members are read: verify costs little
            # more than the integrity check itself.
            _check_member(zf, path, DB_MEMBER, members[DB_MEMBER], db)
            with ThreadPoolExecutor(1) as pool:
                inspected = pool.submit(inspect, db, f"The database inside {path.name}")
                for name, info in members.items():
                    if name != DB_MEMBER:
                        _check_member(zf, path, name, info, None)
                integrity, schema, table_counts = inspected.result()
    if schema != manifest["schema_version"] or table_counts != manifest["counts"]:
        raise ValidationError("{file} is inconsistent: its manifest does not describe its database.", file=path.name)
    summary = BackupSummary(
        path=str(path),
        created_at=manifest["created_at"],
        app_version=manifest["app_version"],
        schema_version=schema,
        cafe_name=manifest["cafe_name"],
        counts=table_counts,
        encrypted=encrypted,
        members=members,
        integrity=integrity,
    )
    return summary, db


MAX_MANIFEST = 1 << 20  # a real one is about 1 KB
_SHA256 = re.compile(r"[0-9a-f]{64}")


def _read_manifest(zf: zipfile.ZipFile, path: Path) -> dict:
    """The manifest, checked field by field before any of it is used.

    A backup is a file from outside: every field is checked for type and bounds here, so a
    hostile or damaged manifest is refused with a message, never a traceback or a long hang."""
    try:
        info = zf.getinfo(MANIFEST)
    except KeyError as exc:
        raise ValidationError("{file} is not a cafe-loyalty backup (it has no manifest).", file=path.name) from exc

    def damaged(what: str) -> ValidationError:
        return ValidationError("{file} is damaged: its manifest {problem}.", file=path.name, problem=what)

    if info.file_size > MAX_MANIFEST:
        raise damaged("is far too large")
    try:
        with zf.open(info) as f:
            manifest = json.loads(f.read(MAX_MANIFEST + 1))
    except RecursionError as exc:
        raise damaged("is nested too deeply") from exc
    except (ValueError, zipfile.BadZipFile, OSError, EOFError) as exc:
        raise damaged("cannot be read") from exc
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise ValidationError("{file} is not a cafe-loyalty backup.", file=path.name)

    def whole(value: object, low: int = 0) -> bool:
        return isinstance(value, int) and not isinstance(value, bool) and low <= value < 2**63

    version = manifest.get("format_version")
    if not whole(version, 1):
        raise damaged("has no valid format version")
    assert isinstance(version, int)
    if version > FORMAT_VERSION:
        raise SchemaTooNew("This backup was made by a newer version of cafe-loyalty. Update the app first.")
    if not whole(manifest.get("schema_version")):
        raise damaged("has no valid schema version")
    for key, most in (("created_at", 64), ("app_version", 64), ("cafe_name", 400)):
        if not isinstance(manifest.get(key, ""), str) or len(manifest.get(key, "")) > most:
            raise damaged(f"has an invalid {key}")
        manifest.setdefault(key, "")
    counts = manifest.get("counts")
    if not isinstance(counts, dict) or len(counts) > 64 or not all(whole(v) for v in counts.values()):
        raise damaged("has invalid row counts")
    members = manifest.get("members")
    if not isinstance(members, dict) or not members or len(members) > 64:
        raise damaged("lists no files")
    for name, member in members.items():
        if "/" in name or "\\" in name or name.startswith(".") or len(name) > 64:
            raise ValidationError(
                "{file} holds an unexpected file name {name!r}; refusing it.", file=path.name, name=name[:64]
            )
        if (
            not isinstance(member, dict)
            or not isinstance(member.get("sha256"), str)
            or not _SHA256.fullmatch(member["sha256"])
            or not whole(member.get("size"))
        ):
            raise damaged(f"describes {name} wrongly")
    if version == TABLE_LAYOUT:
        _check_tables(manifest, damaged)
    elif DB_MEMBER not in members:
        raise ValidationError("{file} is damaged: it lists no database.", file=path.name)
    return manifest


def _check_tables(manifest: dict, damaged: Callable[[str], ValidationError]) -> None:
    """The table layout's list of tables: each with its columns (names only, checked again
    against the schema before any is used) and rows, and its member listed."""
    tables = manifest.get("tables")
    if not isinstance(tables, dict) or not tables or len(tables) > 64:
        raise damaged("lists no tables")
    for table, entry in tables.items():
        if (
            not isinstance(entry, dict)
            or not isinstance(entry.get("columns"), list)
            or not 0 < len(entry["columns"]) <= 64
            or not all(isinstance(c, str) and len(c) <= 64 for c in entry["columns"])
            or not isinstance(entry.get("rows"), int)
            or isinstance(entry.get("rows"), bool)
            or not 0 <= entry["rows"] < 2**63
        ):
            raise damaged(f"describes the table {str(table)[:64]!r} wrongly")
        if table_layout.member(table) not in manifest["members"]:
            raise damaged(f"lists no file for the table {str(table)[:64]!r}")


def _build_from_tables(zf: zipfile.ZipFile, path: Path, manifest: dict, db: Path) -> None:
    """A backup in the table layout, loaded into a new SQLite file at ``db`` (then checked like
    any backup's database). Each member's SHA-256 is checked as it is read, before the file is
    used; a newer schema is refused before anything is built."""
    schema = manifest["schema_version"]
    _refuse_newer(schema, path.name)
    tables = manifest["tables"]
    members = manifest["members"]
    names = {table: table_layout.member(table) for table in tables}
    streams = [
        (table, entry["columns"], _member_blocks(zf, path, names[table], members[names[table]]))
        for table, entry in tables.items()
    ]
    try:
        loaded = table_layout.build(db, schema, streams)
    except ValueError as exc:
        db.unlink(missing_ok=True)
        raise ValidationError(
            "{file} is damaged: {name} cannot be read ({reason}).", file=path.name, name="the tables", reason=exc
        ) from exc
    for table, entry in tables.items():
        if loaded.get(table) != entry["rows"]:
            raise ValidationError(
                "{file} is inconsistent: its manifest does not describe its database.", file=path.name
            )


def _member_blocks(zf: zipfile.ZipFile, path: Path, name: str, info: dict) -> Iterator[bytes]:
    """A member's bytes; its SHA-256 is compared with the manifest's after the last block."""
    digest = hashlib.sha256()
    try:
        with zf.open(name) as src:
            while block := src.read(1 << 20):
                digest.update(block)
                yield block
    except KeyError as exc:
        raise ValidationError("{file} is damaged: {name} is missing.", file=path.name, name=name) from exc
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise ValidationError(
            "{file} is damaged: {name} cannot be read ({reason}).", file=path.name, name=name, reason=exc
        ) from exc
    if digest.hexdigest() != info.get("sha256"):
        raise ValidationError("{file} is damaged: the checksum of {name} does not match.", file=path.name, name=name)


def _check_member(zf: zipfile.ZipFile, path: Path, name: str, info: dict, target: Path | None) -> None:
    """Read one member, compare its SHA-256 with the manifest, and keep it at ``target``."""
    try:
        with open(target, "wb") if target else _Discard() as dst:
            for block in _member_blocks(zf, path, name, info):
                dst.write(block)
    except OSError as exc:
        raise ValidationError(
            "{file} is damaged: {name} cannot be read ({reason}).", file=path.name, name=name, reason=exc
        ) from exc


class _Discard:
    def write(self, data: bytes) -> None:
        pass

    def __enter__(self) -> _Discard:
        return self

    def __exit__(self, *exc: object) -> None:
        pass


def _refuse_newer(schema: int, source: str) -> None:
    """A database (or a backup's tables) from a newer schema than this version knows."""
    if schema > migrations.LATEST:
        raise SchemaTooNew(
            "{source} comes from a newer version of cafe-loyalty (schema {schema}; this version knows "
            "{known}). Update the app to restore it.",
            source=source,
            schema=schema,
            known=migrations.LATEST,
        )


def inspect(db: Path, label: str) -> tuple[str, int, dict[str, int]]:
    """Integrity, schema version and row counts of a database file about to be restored.

    Refuses (naming it by ``label``) one that is unreadable, damaged, or from a newer schema."""
    try:
        con = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
        try:
            integrity = con.execute("PRAGMA integrity_check").fetchone()[0]
            schema = con.execute("PRAGMA user_version").fetchone()[0]
            if integrity != "ok":
                raise ValidationError("{source} fails its integrity check: {problem}.", source=label, problem=integrity)
            _refuse_newer(schema, label)
            problem = migrations.shape_problem(con, schema)
            if problem:
                raise ValidationError(
                    "{source} is not a cafe-loyalty database: {problem}.", source=label, problem=problem
                )
            table_counts = counts(con)
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        raise ValidationError("{source} is damaged ({reason}).", source=label, reason=exc) from exc
    return integrity, schema, table_counts


def slug(cafe_name: str) -> str:
    """The café's name (any script) as a file name part: ``café-shirin``."""
    text = "".join(ch if ch.isalnum() else "-" for ch in cafe_name.casefold()).strip("-")
    while "--" in text:
        text = text.replace("--", "-")
    return text[:40] or "cafe"


def default_name(cafe_name: str, when: dt.date) -> str:
    """``cafe-shirin-2026-11-23.cafebackup``: the café's name and the date."""
    return f"{slug(cafe_name)}-{when.isoformat()}{SUFFIX}"

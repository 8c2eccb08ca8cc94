"""Backups the owner exports, verifies and restores; daily snapshots kept without asking.

Restore never leaves a half-restored database: the backup is checked completely first, the
current database is copied aside, and the backup is written into it with SQLite's backup API
in a single transaction (see :func:`cafe_loyalty.store.engine.copy_into`).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import sqlite3
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import peewee as pw

from cafe_loyalty import __version__
from cafe_loyalty.backup import archive as backup
from cafe_loyalty.backup import erasure
from cafe_loyalty.io import spreadsheets
from cafe_loyalty.store import migrations
from cafe_loyalty.store.engine import copy_file, engine_of, wipe_free_space
from cafe_loyalty.store.failures import storage_errors
from cafe_loyalty.store.migrations import migrate, shape_problem
from cafe_loyalty.store.models import Setting

from ..clock import Clock
from ..errors import StorageError
from ..rights import owner_only
from .audit import Audit
from .branches import Here
from .settings import Settings

SNAPSHOTS_KEPT = 14


@dataclass(frozen=True)
class RestoreResult:
    restored: backup.BackupSummary
    safety_copy: str
    migrated_from: int
    forgotten_again: int = 0  # customers forgotten since the backup was made, erased from it again

    def to_json(self) -> dict[str, object]:
        return {
            "restored": self.restored.to_json(),
            "safety_copy": self.safety_copy,
            "migrated_from": self.migrated_from,
            "forgotten_again": self.forgotten_again,
        }


@dataclass(frozen=True)
class BackupReminder:
    due: bool
    days_since: int | None  # None: never backed up


class Backups:
    def __init__(
        self, db: pw.Database, path: Path, clock: Clock, audit: Audit, settings: Settings, here: Here | None = None
    ):
        self._db = db
        self._here = here or Here()  # the till's branch, looked up again after a restore
        self._path = Path(path)
        self._clock = clock
        self._audit = audit
        self._settings = settings
        self._engine = engine_of(db, self._path)

    # -- where things go -------------------------------------------------------------------

    @property
    def snapshot_dir(self) -> Path:
        return self._path.parent / f"{self._path.stem}-snapshots"

    @property
    def safety_dir(self) -> Path:
        return self._path.parent / f"{self._path.stem}-safety"

    def default_path(self, folder: Path) -> Path:
        return Path(folder) / backup.default_name(self._settings.get("cafe_name") or "cafe", self._clock.now().date())

    # -- export ----------------------------------------------------------------------------

    @owner_only("export spreadsheets of the café's data")
    def export_spreadsheets(
        self,
        folder: str | Path | None = None,
        tables: Sequence[str] | None = None,
        *,
        by: int | None = None,
        progress=None,
        stopped: Callable[[], bool] = lambda: False,
    ) -> spreadsheets.SpreadsheetExport:
        """CSV files for a spreadsheet, in a new folder (by default a dated one beside the
        backups). Owner-only: they hold every regular's name and contact details."""
        if folder is None:
            folder = self.default_spreadsheet_folder(self._path.parent / "backups")
        with self._engine.readable() as (source, _live):  # on a server: from one consistent copy
            return spreadsheets.export(source, Path(folder), tables, progress=progress, stopped=stopped)

    def default_spreadsheet_folder(self, parent: Path) -> Path:
        return spreadsheets.default_folder(parent, self._settings.get("cafe_name") or "cafe", self._clock.now().date())

    @owner_only("export a backup")
    def create(
        self,
        out: str | Path,
        *,
        passphrase: str | None = None,
        by: int | None = None,
        progress=None,
    ) -> backup.BackupSummary:
        """Write a backup. ``out`` is a file, or a folder to put the default-named file in."""
        out = Path(out)
        try:
            is_folder = out.is_dir()
        except OSError:  # a name too long to look up: check_target explains
            is_folder = False
        if is_folder:
            out = self.default_path(out)
        # On a server the backup holds the tables as the server writes them out (the table
        # layout); either kind restores into either engine.
        with self._engine.backup_source() as (source, live):
            summary = backup.write_backup(
                source,
                out,
                app_version=__version__,
                cafe_name=self._settings.get("cafe_name"),
                passphrase=passphrase or None,
                progress=progress,
                live=live,
            )
        with storage_errors(), self._db.atomic():
            Setting.put("last_backup_at", self._clock.now().isoformat())
            self._audit.record("backup.create", "backup", None, by=by, file=str(out), encrypted=bool(passphrase))
        return summary

    def last_backup_at(self) -> dt.datetime | None:
        row = Setting.get_or_none(Setting.key == "last_backup_at")
        return dt.datetime.fromisoformat(row.value) if row else None

    def reminder(self) -> BackupReminder:
        """Whether to remind the owner, and how many days the last backup is old."""
        last = self.last_backup_at()
        days = None if last is None else max(0, (self._clock.now() - last).days)
        return BackupReminder(self.reminder_due(), days)

    def reminder_due(self) -> bool:
        """True when the owner should be reminded: the last backup is older than the setting
        (or there was none, once there is something worth keeping)."""
        last = self.last_backup_at()
        if last is None:
            return self._db.execute_sql("SELECT count(*) FROM customer").fetchone()[0] > 0
        return self._clock.now() - last > dt.timedelta(days=self._settings.get("backup_reminder_days"))

    # -- check and restore -----------------------------------------------------------------

    @owner_only("check a backup")
    def verify(self, path: str | Path, passphrase: str | None = None, by: int | None = None) -> backup.BackupSummary:
        with tempfile.TemporaryDirectory(prefix="cafe-verify-") as work:
            summary, _db = backup.open_backup(Path(path), Path(work), passphrase)
        with storage_errors(), self._db.atomic():
            self._audit.record("backup.verify", "backup", None, by=by, file=str(path))
        return summary

    def current_counts(self) -> dict[str, int]:
        return self._engine.counts(backup.TABLES)

    @owner_only("restore a backup")
    def restore(self, path: str | Path, passphrase: str | None = None, by: int | None = None) -> RestoreResult:
        """Replace the whole database with a backup, after checking it and saving a safety copy."""
        with self._workdir() as work:
            summary, extracted = backup.open_backup(Path(path), work, passphrase)
            return self._replace_with(extracted, summary, "backup.restore", by)

    @owner_only("go back to a snapshot")
    def restore_snapshot(self, snapshot: str | Path, by: int | None = None) -> RestoreResult:
        """Go back to one of the daily snapshots (after a bad day at the till)."""
        snapshot = Path(snapshot)
        _integrity, schema, table_counts = backup.inspect(snapshot, f"The snapshot {snapshot.name}")
        summary = backup.BackupSummary(
            path=str(snapshot),
            created_at=snapshot.stem.removeprefix("snapshot-"),
            app_version="",
            schema_version=schema,
            cafe_name="",
            counts=table_counts,
            encrypted=False,
        )
        with self._workdir() as work:
            staged = work / "snapshot.db"
            copy_file(snapshot, staged)
            return self._replace_with(staged, summary, "snapshot.restore", by)

    @contextlib.contextmanager
    def _workdir(self) -> Iterator[Path]:
        """Beside the database, on the disk that already holds it (the system's temporary
        folder may be a small RAM disk)."""
        try:
            self._path.parent.mkdir(parents=True, exist_ok=True)  # on a server: this till's folder
            work = tempfile.TemporaryDirectory(prefix=".cafe-restore-", dir=self._path.parent)
        except OSError as exc:
            raise StorageError(
                "Cannot prepare the restore in {folder}: {reason}. Nothing was restored.",
                folder=self._path.parent,
                reason=exc.strerror or exc,
            ) from exc
        with work as name:
            yield Path(name)

    def _replace_with(self, staged: Path, summary: backup.BackupSummary, action: str, by: int | None) -> RestoreResult:
        """The whole restore as one change of the live database.

        Everything that must follow a restore (this version's page size, the schema upgrade,
        the audit event) is done to the checked copy first; the live database then takes the
        finished copy in one transaction of SQLite's backup API. So a restore either happens
        completely or not at all: it never leaves an un-upgraded database or a missing event."""
        safety = self.safety_copy("before-restore" if action == "backup.restore" else "before-snapshot-restore")
        page_size = self._engine.page_size()
        erasures = erasure.recorded(self._db.execute_sql)
        # The backup just restored is this month's backup too: the reminder must not ask for
        # one again (the copy's own date is from before that backup was made).
        backed_up = [t for t in (self.last_backup_at(), _when(summary.created_at, action)) if t is not None]
        found, again = self._prepare(
            staged,
            page_size,
            erasures,
            action,
            by,
            min(max(backed_up), self._clock.now()) if backed_up else None,  # a clock ahead is not the future
            file=summary.path,
            safety_copy=str(safety),
        )
        self._engine.take(staged)  # the checked copy replaces the café, in one transaction
        self._here.forget()
        return RestoreResult(restored=summary, safety_copy=str(safety), migrated_from=found, forgotten_again=again)

    def _prepare(
        self,
        staged: Path,
        page_size: int,
        erasures: list[erasure.Erasure],
        action: str,
        by: int | None,
        backed_up: dt.datetime | None,
        **detail: Any,
    ) -> tuple[int, int]:
        """Upgrade the checked copy, forget again in it everyone forgotten here since it was
        made, and add the audit event: all before the live database takes it."""
        try:
            con = sqlite3.connect(staged)
            try:
                con.execute("PRAGMA journal_mode = DELETE")
                if con.execute("PRAGMA page_size").fetchone()[0] != page_size:
                    # The backup API cannot change a WAL database's page size: rebuild the copy.
                    con.execute(f"PRAGMA page_size = {int(page_size)}")
                    con.execute("VACUUM")
            finally:
                con.close()
        except sqlite3.DatabaseError as exc:
            raise StorageError("Could not prepare the restore: {reason}. Nothing was restored.", reason=exc) from exc
        copy = pw.SqliteDatabase(str(staged), pragmas={"foreign_keys": 1})
        try:
            found = migrate(copy)
            with storage_errors(), copy.atomic():
                again = erasure.reapply(copy.execute_sql, erasures)
                if backed_up is not None:
                    kept = copy.execute_sql("SELECT value FROM setting WHERE key = 'last_backup_at'").fetchone()
                    if kept is None or dt.datetime.fromisoformat(kept[0]) < backed_up:
                        copy.execute_sql(
                            "INSERT INTO setting (key, value) VALUES ('last_backup_at', ?) "
                            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                            (backed_up.isoformat(),),
                        )
                self._audit.record(
                    action, "backup", None, by=by, execute=copy.execute_sql, forgotten_again=again, **detail
                )
            if again:  # the erased text must not travel into the live file in free pages
                with storage_errors():
                    wipe_free_space(copy.execute_sql)
            problem = shape_problem(copy.connection(), migrations.LATEST)
        finally:
            copy.close()
        if problem:
            raise StorageError(
                "The upgraded backup is not as expected ({problem}); nothing was restored.", problem=problem
            )
        return found, again

    def quick_check(self) -> str:
        """The open database's quick integrity check: "ok" when healthy, else what is wrong."""
        return self._engine.quick_check()

    def safety_copy(self, why: str) -> Path:
        """A plain copy of the current database, kept before anything replaces it."""
        stamp = self._clock.now().strftime("%Y%m%d-%H%M%S")
        target = self.safety_dir / f"{why}-{stamp}.db"
        try:
            self.safety_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StorageError(
                "Cannot create {folder}: {reason}. Nothing was restored.", folder=self.safety_dir, reason=exc.strerror
            ) from exc
        self._engine.copy_to(target)  # on a server: the café as a SQLite file on this till
        return target

    # -- rolling snapshots -----------------------------------------------------------------

    def local_copies(self) -> list[Path]:
        """Every copy of the database this app keeps on this disk: daily snapshots and the
        safety copies taken before restores."""
        safety = sorted(self.safety_dir.glob("*.db")) if self.safety_dir.exists() else []
        return self.snapshots() + safety

    def snapshots(self) -> list[Path]:
        """Daily snapshots, newest first."""
        if not self.snapshot_dir.exists():
            return []
        return sorted(self.snapshot_dir.glob("snapshot-*.db"), reverse=True)

    def snapshot_if_due(self) -> Path | None:
        """Take today's snapshot if there is none yet, and keep only the newest 14.

        Not on a PostgreSQL server: there each till would copy the whole café every day; the
        server is kept by the owner's backups (one file, as on SQLite) and the server's own
        tools (README, Several tills)."""
        if not self._engine.keeps_daily_snapshots:
            return None
        target = self.snapshot_dir / f"snapshot-{self._clock.now().date().isoformat()}.db"
        if target.exists():
            return None
        try:
            self.snapshot_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StorageError(
                "Cannot create {folder}: {reason}.", folder=self.snapshot_dir, reason=exc.strerror
            ) from exc
        partial = target.with_suffix(".part")
        self._engine.copy_to(partial)
        partial.replace(target)
        for old in self.snapshots()[SNAPSHOTS_KEPT:]:
            old.unlink(missing_ok=True)
        return target


def replace_damaged(db_path: Path, snapshot: Path, when: str) -> Path:
    """Put ``snapshot`` in place of a damaged database that is not open, keeping the damaged
    file (and its WAL side files) beside it for a specialist. Returns where it was moved."""
    aside = db_path.with_name(f"{db_path.stem}-damaged-{when}{db_path.suffix}")
    try:
        partial = db_path.with_suffix(".restoring")
        copy_file(snapshot, partial)
        for suffix in ("", "-wal", "-shm"):
            side = Path(str(db_path) + suffix)
            if side.exists():
                side.replace(Path(str(aside) + suffix))
        partial.replace(db_path)
    except OSError as exc:
        raise StorageError("Could not put the snapshot in place: {reason}.", reason=exc.strerror or exc) from exc
    return aside


def good_snapshot(db_path: Path) -> Path | None:
    """The newest snapshot of ``db_path`` that passes ``quick_check`` (for a damaged database)."""
    folder = db_path.parent / f"{db_path.stem}-snapshots"
    for candidate in sorted(folder.glob("snapshot-*.db"), reverse=True):
        try:
            con = sqlite3.connect(f"{candidate.resolve().as_uri()}?mode=ro", uri=True)
            try:
                if con.execute("PRAGMA quick_check").fetchone()[0] == "ok":
                    return candidate
            finally:
                con.close()
        except sqlite3.DatabaseError:
            continue
    return None


def _when(created_at: str, action: str) -> dt.datetime | None:
    """When a restored backup was made, as the till keeps backup times (naive UTC); a daily
    snapshot is not a backup that left the computer and counts for nothing."""
    if action != "backup.restore":
        return None
    try:
        made = dt.datetime.fromisoformat(created_at)
    except ValueError:
        return None
    return made.astimezone(dt.UTC).replace(tzinfo=None) if made.tzinfo else made

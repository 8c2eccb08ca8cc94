"""Backups that leave the till by themselves (issue #35).

The café's whole history lives on one computer. Once the owner names a folder (a USB stick, a
network share, or a folder a sync client mirrors: Google Drive, Dropbox, OneDrive, Syncthing), a
backup is written there once a day: when the till closes at the end of the day, or when it has
been idle a few minutes, or when ``backup auto run`` is called by a scheduled task. Each is the
same file as a manual backup, written under a hidden temporary name, verified, then renamed: a
half-written file never looks like a backup. Older ones are rotated (7 daily, 4 weekly, 12
monthly by default) only after the new one verified, and only files this café's automatic
backups wrote (by their name) are ever deleted.

A failure (the stick unplugged, the share offline, a full disk, a read-only folder) never
interrupts service: it is recorded with the day it began, and the till says so in its strip.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

import peewee as pw

from cafe_loyalty import __version__
from cafe_loyalty.backup import archive as backup
from cafe_loyalty.backup import passphrases
from cafe_loyalty.store.db import read, write
from cafe_loyalty.store.engine import engine_of
from cafe_loyalty.store.models import Setting

from ..clock import Clock, to_local
from ..errors import CafeError, StorageError, ValidationError
from ..rights import owner_only
from .audit import Audit
from .backups import Backups
from .settings import Settings
from .views import JsonView

# Kept in the settings table (the café's, so a restore brings them along).
_LAST, _FILE, _FAILING, _PROBLEM = (
    "auto_backup_last_at",
    "auto_backup_last_file",
    "auto_backup_failing_since",
    ("auto_backup_problem"),
)
# Set while the backups are encrypted: names this café's passphrase in backup_passphrases (the
# passphrase itself is kept on the computer, never in the database the backup holds).
_KEY = "auto_backup_key"
MIN_PASSPHRASE = 8
ESCALATE_DAYS = 3  # failing this long: the till's strip turns from a note into a warning


@dataclass(frozen=True)
class AutoBackupStatus(JsonView):
    folder: str  # "" until the owner chooses one
    last_at: dt.datetime | None  # the last backup written and verified there
    last_file: str
    next_due: dt.datetime | None  # the earliest a new one is due (None: no folder)
    failing_since: dt.datetime | None  # the first failure since the last success
    problem: str  # why, in English (the till translates its own words)
    failing_days: int = 0  # whole days since the first failure
    encrypted: bool = False  # the backups are encrypted with a passphrase kept on the till
    passphrase_here: bool = False  # and this computer holds it (False after a move: type it again)

    _json_extra = ("serious",)

    @property
    def serious(self) -> bool:
        """Failing for :data:`ESCALATE_DAYS` or more: said as a warning, not a note."""
        return self.failing_since is not None and self.failing_days >= ESCALATE_DAYS


@dataclass(frozen=True)
class AutoBackupResult(JsonView):
    written: str  # the new file, or "" when nothing was due
    deleted: list[str]  # older automatic backups rotated away
    status: AutoBackupStatus


class AutoBackups:
    def __init__(self, db: pw.Database, path: Path, clock: Clock, audit: Audit, settings: Settings, backups: Backups):
        self._db, self._path, self._clock, self._audit = db, path, clock, audit
        self._settings, self._backups = settings, backups
        self._engine = engine_of(db, Path(path))

    # -- the folder --------------------------------------------------------------------------

    @owner_only("choose the automatic backups' folder")
    def choose_folder(self, folder: str | Path, by: int | None = None) -> AutoBackupStatus:
        """Keep the backups in ``folder`` from now on ("" stops them). It must exist and take
        a file now: a USB stick that is not plugged in is refused, not remembered."""
        text = str(folder).strip()
        if text:
            where = Path(text).expanduser()
            if not where.is_dir():
                raise ValidationError(
                    "There is no folder {folder}. Plug in the stick or create it first.", folder=where
                )
            probe = where / f".cafe-loyalty-write-test-{os.getpid()}"
            try:
                probe.write_bytes(b"ok")
                probe.unlink()
            except OSError as exc:
                raise StorageError(
                    "The folder {folder} cannot be written ({reason}).", folder=where, reason=exc.strerror or exc
                ) from exc
            text = str(where.resolve())
        self._settings.update(backup_folder=text, by=by)
        return self.status()

    def status(self) -> AutoBackupStatus:
        with read(self._db):  # one snapshot; a server that went away is a StorageError
            return self._status()

    def _status(self) -> AutoBackupStatus:
        values = self._settings.all()
        folder = str(values.get("backup_folder") or "")
        last = _time(Setting.get_or_none(Setting.key == _LAST))
        failing = _time(Setting.get_or_none(Setting.key == _FAILING))
        problem = Setting.get_or_none(Setting.key == _PROBLEM)
        file_row = Setting.get_or_none(Setting.key == _FILE)
        due = None
        if folder:
            due = self._clock.now() if last is None else _next_day(last)
        days = (self._clock.now() - failing).days if failing is not None else 0
        key = self._key()
        here = False
        if key:
            try:
                here = passphrases.get(key) is not None
            except StorageError:
                here = False
        return AutoBackupStatus(
            folder,
            last,
            file_row.value if file_row else "",
            due,
            failing,
            problem.value if problem else "",
            days,
            bool(key),
            here,
        )

    def _key(self) -> str:
        row = Setting.get_or_none(Setting.key == _KEY)
        return row.value if row is not None else ""

    @owner_only("set the automatic backups' passphrase")
    def set_passphrase(self, passphrase: str | None, by: int | None = None) -> AutoBackupStatus:
        """Encrypt the automatic backups from the next one on (None: stop encrypting). The
        passphrase is kept on this computer (see :mod:`~cafe_loyalty.backup.passphrases`); the
        owner needs it to restore one, so the till cannot remind them of it later."""
        if passphrase is not None:
            check_passphrase(passphrase)
        with read(self._db):
            key = self._key()
        if passphrase is None:
            if key:
                passphrases.keep(key, None)
            with write(self._db):
                Setting.delete().where(Setting.key == _KEY).execute()
                self._audit.record("backup.passphrase", "backup", None, by=by, encrypted=False)
            return self.status()
        key = key or passphrases.new_key()
        passphrases.keep(key, passphrase)  # on the computer first: never a key without its passphrase
        with write(self._db):
            Setting.put(_KEY, key)
            self._audit.record("backup.passphrase", "backup", None, by=by, encrypted=True)
        return self.status()

    def _passphrase(self) -> str | None:
        key = self._key()
        if not key:
            return None
        passphrase = passphrases.get(key)
        if passphrase is None:
            raise StorageError(
                "The automatic backups are encrypted, but this computer does not hold their passphrase (it was set "
                "on another one). Type it again in Owner ▸ Backup ▸ Passphrase…"
            )
        return passphrase

    def due(self) -> bool:
        """A folder is chosen and no backup was written there today (the café's local day)."""
        status = self.status()
        return bool(status.folder) and (status.next_due is None or status.next_due <= self._clock.now())

    # -- writing -----------------------------------------------------------------------------

    def run(self, force: bool = False) -> AutoBackupResult:
        """Write today's backup if it is due (or ``force``), verify it, then rotate. Runs
        without an owner: it is the café's own routine, chosen by the owner once. A failure
        is recorded (and said by the till), then raised as the StorageError it is."""
        status = self.status()
        if not status.folder or not (force or self.due()):
            return AutoBackupResult("", [], status)
        folder = Path(status.folder)
        try:
            written = self._write(folder)
            deleted = self._rotate(folder, written)
        except CafeError as exc:
            self._failed(exc.message)
            raise
        except OSError as exc:
            reason = exc.strerror or str(exc)
            self._failed(reason)
            raise StorageError(
                "Backups could not be written to {folder}: {reason}.", folder=folder, reason=reason
            ) from exc
        with write(self._db):
            now = self._clock.now()
            Setting.put(_LAST, now.isoformat())
            Setting.put(_FILE, written.name)
            Setting.delete().where(Setting.key.in_([_FAILING, _PROBLEM])).execute()
            Setting.put("last_backup_at", now.isoformat())  # the monthly reminder is satisfied
            self._audit.record("backup.auto", "backup", None, by=None, file=str(written), deleted=len(deleted))
        return AutoBackupResult(str(written), [str(p) for p in deleted], self.status())

    def _write(self, folder: Path) -> Path:
        if not folder.is_dir():
            raise StorageError("The backup folder {folder} is not there (unplugged, or offline).", folder=folder)
        for stale in folder.glob(".cafe-auto-*.unverified"):  # an earlier run cut short
            stale.unlink(missing_ok=True)
        with read(self._db):
            passphrase = self._passphrase()
        name = self._name(self._clock.now())
        pending = folder / f".cafe-auto-{name}.unverified"
        final = folder / name
        try:
            with self._engine.backup_source() as (source, live):
                backup.write_backup(
                    source,
                    pending,
                    app_version=__version__,
                    cafe_name=self._cafe_name(),
                    passphrase=passphrase,
                    live=live,
                )
            with tempfile.TemporaryDirectory(prefix="cafe-verify-") as work:
                backup.open_backup(pending, Path(work), passphrase)  # checked whole before it is a backup
            os.replace(pending, final)
        except BaseException:
            pending.unlink(missing_ok=True)
            raise
        return final

    def _cafe_name(self) -> str:
        return str(self._settings.get("cafe_name") or "cafe")

    def _name(self, when: dt.datetime) -> str:
        return f"{backup.slug(self._cafe_name())}-auto-{when:%Y-%m-%d-%H%M%S}.cafebackup"

    def _pattern(self) -> re.Pattern[str]:
        return re.compile(re.escape(backup.slug(self._cafe_name())) + r"-auto-(\d{4}-\d{2}-\d{2}-\d{6})\.cafebackup")

    def _rotate(self, folder: Path, newest: Path) -> list[Path]:
        """Keep the newest of each of the last N days, weeks and months (settings); delete the
        rest of this café's automatic backups, and nothing else."""
        pattern = self._pattern()
        ours: list[tuple[dt.datetime, Path]] = []
        for path in folder.iterdir():
            found = pattern.fullmatch(path.name)
            if found and path.is_file():
                ours.append((dt.datetime.strptime(found.group(1), "%Y-%m-%d-%H%M%S"), path))
        keep = kept(
            [when for when, _ in ours],
            self._settings.get("backup_keep_daily"),
            self._settings.get("backup_keep_weekly"),
            self._settings.get("backup_keep_monthly"),
        )
        deleted = []
        for when, path in ours:
            if when not in keep and path != newest:
                path.unlink(missing_ok=True)
                deleted.append(path)
        return deleted

    def _failed(self, reason: str) -> None:
        """Remember since when backups fail, and why; never stops the caller's work."""
        try:
            with write(self._db):
                if Setting.get_or_none(Setting.key == _FAILING) is None:
                    Setting.put(_FAILING, self._clock.now().isoformat())
                Setting.put(_PROBLEM, reason[:300])
        except CafeError:
            pass  # the database itself cannot be written: the till says that on its own


def check_passphrase(passphrase: str) -> str:
    """Refuse a passphrase too weak to guard a lost stick (or absurdly long); front ends call
    this before changing anything else, so a refusal changes nothing."""
    if len(passphrase) < MIN_PASSPHRASE or not passphrase.strip():
        raise ValidationError(
            "A backup passphrase needs at least {count} characters: it guards every backup that leaves the café.",
            count=MIN_PASSPHRASE,
        )
    if len(passphrase) > 1024:
        raise ValidationError("That passphrase is too long (1024 characters at most).")
    return passphrase


def kept(times: list[dt.datetime], daily: int, weekly: int, monthly: int) -> set[dt.datetime]:
    """Which backups a grandfather-father-son rotation keeps: the newest of each of the last
    ``daily`` days, ``weekly`` ISO weeks and ``monthly`` months that have one."""
    newest_first = sorted(times, reverse=True)
    keep: set[dt.datetime] = set()
    for count, key in (
        (daily, lambda t: t.date()),
        (weekly, lambda t: t.isocalendar()[:2]),
        (monthly, lambda t: (t.year, t.month)),
    ):
        seen: list[object] = []
        for when in newest_first:
            period = key(when)
            if period in seen:
                continue
            if len(seen) >= count:
                break
            seen.append(period)
            keep.add(when)
    return keep


def _time(row: Setting | None) -> dt.datetime | None:
    if row is None or not row.value:
        return None
    try:
        return dt.datetime.fromisoformat(row.value)
    except ValueError:
        return None


def _next_day(last: dt.datetime) -> dt.datetime:
    """The start of the café's next local day after ``last`` (naive UTC, as stored)."""
    local = to_local(last)
    midnight = dt.datetime.combine(local.date() + dt.timedelta(days=1), dt.time())
    return midnight.astimezone(dt.UTC).replace(tzinfo=None)

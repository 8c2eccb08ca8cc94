"""The service container: one per open database, handed to the UI and the CLI alike."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

import peewee as pw
import platformdirs

from cafe_loyalty.replica.till import ReplicaTill
from cafe_loyalty.replica.till_file import TILL_FILE, TillFile
from cafe_loyalty.store.db import connect, is_url, peek_version, postgresql_database, write
from cafe_loyalty.store.engine import engine_of
from cafe_loyalty.store.migrations import check_version, migrate
from cafe_loyalty.store.models import database_proxy
from cafe_loyalty.till import Till

from . import APP_NAME, changes, till_prefs
from .clock import Clock, SystemClock
from .errors import CafeError, NotFound, PermissionDenied, ServerUnreachable, ValidationError
from .services.audit import Audit
from .services.auto_backups import AutoBackups
from .services.backups import Backups
from .services.branches import Branches, Here
from .services.cards import CardService
from .services.checkbacks import CheckBacks
from .services.customers import Customers
from .services.display import CustomerSide
from .services.experiments import Experiments
from .services.feedback import FeedbackService
from .services.imports import Imports
from .services.ledger import Ledger
from .services.menu import Menu
from .services.merging import Merging
from .services.privacy import Privacy
from .services.profiles import Profiles
from .services.regulars import Regulars
from .services.reports import Reports
from .services.settings import Settings
from .services.staff import StaffService
from .services.visits import Visits
from .text import clean

# What a new café starts with, in the language it chose at setup: the owner can change each later.
FIRST_RUN_WORDS = {
    "en": {"owner": "Owner", "barista": "Barista"},
    "fa": {"owner": "مدیر", "barista": "باریستا"},
}


T = TypeVar("T")


@dataclass(frozen=True)
class Done(Generic[T]):
    """A service call's result and what it changed."""

    result: T
    changes: changes.Changes


def local_folder_for(url: str) -> Path:
    """This till's own folder for a café on a PostgreSQL server (host and database in its
    name; never the user name or password)."""
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    name = "".join(
        c if c.isalnum() or c in "-." else "-" for c in f"{parts.hostname or 'local'}-{parts.path.strip('/')}"
    )
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / f"postgresql-{name}"


def default_db_path() -> Path:
    """Where the café's data lives unless ``--db`` says otherwise (per-user data directory)."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "cafe.db"


class Cafe:
    """Everything a front end needs, built on one database file."""

    def __init__(self, db: pw.Database, path: Path, clock: Clock | None = None):
        self.db = db
        # The SQLite file; on PostgreSQL, where this till keeps its own files (backups it
        # exports, snapshots) beside a name that is never opened as a database.
        self.path = path
        self.url: str | None = None  # the PostgreSQL server's address, when on one
        self.clock = clock or SystemClock()
        self.audit = Audit(db, self.clock)
        self.settings = Settings(db, self.audit)
        # Which branch this till's writes record (issue #34): the front end chooses it.
        self.here = Here()
        self.branches = Branches(db, self.clock, self.audit, self.here)
        self.staff = StaffService(db, self.clock, self.audit, self.here)
        self.ledger = Ledger(db, self.clock, self.audit, self.settings, self.here)
        self.customers = Customers(db, self.clock, self.audit, self.ledger)
        self.menu = Menu(db, self.clock, self.audit)
        self.visits = Visits(db, self.clock, self.audit, self.menu, self.ledger)
        self.regulars = Regulars(db, self.clock, self.audit, self.settings, self.visits)
        self.feedback = FeedbackService(db, self.clock, self.audit, self.here)
        self.backups = Backups(db, path, self.clock, self.audit, self.settings, self.here)
        self.privacy = Privacy(db, self.clock, self.audit, self.backups.local_copies, engine_of(db, path))
        self.auto_backups = AutoBackups(db, path, self.clock, self.audit, self.settings, self.backups)
        self.reports = Reports(db, self.clock, self.settings)
        self.experiments = Experiments(db, self.clock, self.audit, self.settings)
        self.checkbacks = CheckBacks(db, self.clock, self.audit, self.settings, self.here)
        self.cards = CardService(db, self.clock, self.audit, self.settings, self.customers, self.ledger)
        self.imports = Imports(db, self.clock, self.audit, self.settings, self.here)
        self.merging = Merging(db, self.clock, self.audit, self.ledger, self.customers)
        self.customer_side = CustomerSide(db, self.clock, self.settings, self.regulars, self.cards)
        # A new country: the phones already kept are written again as full international numbers.
        self.settings.after_change["phone_region"] = self.customers.normalise_phones
        # A single café's one branch is the café: renamed with it (a chain names its branches).
        self.settings.after_change["cafe_name"] = lambda name, _by: self.branches.name_the_only_one(name)
        self.profiles = Profiles(
            db,
            self.customers,
            self.ledger,
            self.regulars,
            self.visits,
            self.feedback,
            self.settings,
            self.cards,
            self.checkbacks,
        )
        # The one door of the counter's screens (on a server: with a queue and a copy for when it is away).
        self.till: Till = Till(self)

    def stand_in_saved_branch(self) -> None:
        """Stand in the branch this computer's till named for this café (its preferences); a
        branch this café no longer has leaves the till in the first one."""
        chosen = till_prefs.branch_for(self.address)
        if chosen is None:
            return
        try:
            self.branches.choose(chosen)
        except NotFound:
            self.branches.choose(None)
        except CafeError:  # a till that starts with its server away: checked when it is back
            self.here.choose(chosen)

    def choose_branch(self, branch_id: int | None) -> None:
        """Stand this till in ``branch_id`` from now on, and remember it on this computer."""
        self.branches.choose(branch_id)
        till_prefs.save_branch(self.address, branch_id)

    @property
    def address(self) -> str:
        """Where the café is, as ``--db`` takes it: the server's address or the file's path."""
        return self.url or str(self.path)

    def perform(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> Done[T]:
        """Call a service and return its result together with what it changed (see
        :mod:`cafe_loyalty.changes`). Front ends that redraw screens go through this; a call
        that raises changed nothing (its transaction was rolled back)."""
        with changes.recording() as log:
            result = fn(*args, **kwargs)
        return Done(result, log.freeze())

    @classmethod
    def open(cls, path: str | Path | None = None, clock: Clock | None = None, *, offline_ok: bool = False) -> Cafe:
        """Open (creating on first use) and upgrade the database at ``path``: a SQLite file,
        or a PostgreSQL server's address (``postgresql://user@host/cafe``).

        ``offline_ok``: a till on a server that cannot be reached, but which has kept a copy of
        the café before, opens on that copy (it stamps into its queue; :meth:`reconnect` when
        the server is back). Without a copy the server's absence is the error."""
        if path and is_url(path):
            url = str(path)
            folder = local_folder_for(url)
            started_offline = False
            try:
                db: pw.Database = connect(url)
                database_proxy.initialize(db)
                migrate(db)
            except ServerUnreachable:
                if not (offline_ok and TillFile.has_copy(folder / TILL_FILE)):
                    raise
                db = postgresql_database(url)  # connects when the server is back
                database_proxy.initialize(db)
                started_offline = True
            cafe = cls(db, folder / "cafe.db", clock)
            cafe.url = url
            cafe.till = ReplicaTill(cafe, folder / TILL_FILE, away=started_offline)
            cafe.stand_in_saved_branch()
            return cafe
        path = Path(path) if path else default_db_path()
        check_version(peek_version(path))
        db = connect(path)
        database_proxy.initialize(db)
        migrate(db)
        cafe = cls(db, path, clock)
        cafe.stand_in_saved_branch()
        return cafe

    def reconnect(self) -> None:
        """The server answers again after the till started without it: its schema is checked
        (and brought up to date) before the queue is sent."""
        if self.url is not None:
            migrate(self.db)

    @property
    def is_set_up(self) -> bool:
        """False until the first-run questions (café name) have been answered."""
        return bool(self.settings.get("cafe_name"))

    def set_up(
        self, cafe_name: str, owner_name: str = "", owner_pin: str = "", language: str = "en", country: str = ""
    ) -> None:
        """First run: name the café and its language, and create its owner (with a PIN if one
        is given) and a barista. All of it is saved together, or nothing is.

        Only once: on a café that is set up, renaming it or adding an owner are owner actions
        behind the current PIN, so setup is refused rather than letting anyone add an owner."""
        cafe_name = clean(cafe_name, field="café name", max_len=80, required=True)
        if language not in FIRST_RUN_WORDS:
            raise ValidationError("The language is one of: {choices}.", choices=", ".join(FIRST_RUN_WORDS))
        words = FIRST_RUN_WORDS[language]
        with write(self.db):
            if self.is_set_up:
                raise PermissionDenied(
                    "This café is already set up (as {name}). Only the owner, with the owner's PIN, can change "
                    "its name or staff.",
                    name=self.settings.get("cafe_name"),
                )
            # The reward needs no words here: each language has its own (settings.reward_in).
            # The country makes phone numbers full international ones (#31).
            chosen: dict[str, Any] = {"cafe_name": cafe_name, "language": language}
            if country:
                chosen["phone_region"] = country
            self.settings.update(**chosen)
            self.branches.name_the_only_one(cafe_name)
            owner = self.staff.owner_id()
            if owner is None:  # nobody to act as yet: the café's first owner is created here
                owner = self.staff.add(owner_name or words["owner"], role="owner", pin=owner_pin or None).id
            if not any(s.role == "barista" for s in self.staff.list()):
                self.staff.add(words["barista"], by=owner)

    def release_connection(self) -> None:
        """Give back this thread's connection (opened again if the thread needs one): on a
        server every till's connections count against the server's limit (issue #34), and the
        thread that opened the café has no more work for it once the till's own threads run."""
        if not self.db.is_closed():
            self.db.close()

    def close(self) -> None:
        self.till.close()
        if not self.db.is_closed():
            self.db.close()

"""The branches of a chain (issue #34), and which one this till stands in.

A single café is a chain of one branch (schema 11 made every café one, named after it), so
nothing here asks a one-branch café anything: the till writes its stamps to the only branch. A
till of a chain names its branch in its own preferences (:mod:`cafe_loyalty.till_prefs`, kept by
the front end, which tells :class:`Here`); the regulars and their cards stay the chain's, so a
card stamped in one branch shows the same progress in every other.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import peewee as pw

from cafe_loyalty.store.db import write
from cafe_loyalty.store.models import Branch

from ..clock import Clock
from ..errors import NotFound, ValidationError
from ..rights import owner_only
from ..text import clean, fold
from .audit import Audit
from .views import JsonView

MAX_BRANCHES = 500  # far past any chain this app is for; a runaway script stops here


@dataclass(frozen=True)
class BranchView(JsonView):
    id: int
    name: str
    created_at: dt.datetime


def _view(row: Branch) -> BranchView:
    return BranchView(row.id, row.name, row.created_at)


class Here:
    """The branch this process's writes record. Chosen once by the front end (the till's
    preference, or the command line's ``--branch``); until then, and if the chosen branch is not
    one of this café's, the chain's first branch, which is the only one of a single café. Read
    on every stamp, so the answer is kept, not asked of the database each time."""

    def __init__(self) -> None:
        self._chosen: int | None = None
        self._first: int | None = None
        self._check_chosen = False

    def choose(self, branch_id: int | None) -> None:
        self._chosen = branch_id
        self._check_chosen = False

    @property
    def id(self) -> int | None:
        if self._check_chosen:  # after a restore: the chosen branch may not be in it
            self._check_chosen = False
            if not Branch.select().where(Branch.id == self._chosen, Branch.closed_at.is_null()).exists():
                self._chosen = None
        if self._chosen is not None:
            return self._chosen
        if self._first is None:
            self._first = Branch.select(pw.fn.min(Branch.id)).where(Branch.closed_at.is_null()).scalar()
        return self._first

    def forget(self) -> None:
        """The database under the café was replaced (a restore): find the first branch again,
        and keep the chosen one only if the restored café has it (else every stamp would name a
        branch that is not there, and fail)."""
        self._first = None
        self._check_chosen = self._chosen is not None


class Branches:
    def __init__(self, db: pw.Database, clock: Clock, audit: Audit, here: Here):
        self._db = db
        self._clock = clock
        self._audit = audit
        self.here = here

    def list(self) -> list[BranchView]:
        return [_view(r) for r in Branch.select().where(Branch.closed_at.is_null()).order_by(Branch.id)]

    def is_chain(self) -> bool:
        """More than one branch: only then do screens name the branch."""
        return Branch.select().where(Branch.closed_at.is_null()).count() > 1

    def get(self, branch_id: int) -> BranchView:
        row = Branch.get_or_none((Branch.id == branch_id) & Branch.closed_at.is_null())
        if row is None:
            raise NotFound("There is no branch {branch}.", branch=branch_id)
        return _view(row)

    def named(self, name: str) -> BranchView:
        """The branch called ``name`` (letter case, accents and Persian/Arabic letter forms
        aside, as search compares names), for the command line's ``--branch NAME``."""
        wanted = fold(name.strip())
        for row in Branch.select().where(Branch.closed_at.is_null()):
            if fold(row.name) == wanted:
                return _view(row)
        raise NotFound(
            "There is no branch called {name}. The branches: {names}.",
            name=name.strip()[:80],
            names=", ".join(b.name for b in self.list()),
        )

    def label(self) -> str:
        """What the counter shows beside the café's name: this till's branch in a chain, and
        nothing in a single café (which sees no new screens)."""
        return self.current().name if self.is_chain() else ""

    def current(self) -> BranchView:
        """The branch this till stands in."""
        branch = self.here.id
        if branch is None:
            raise NotFound("This café has no branch.")
        return self.get(branch)

    def choose(self, branch_id: int | None) -> BranchView:
        """Stand this till in ``branch_id`` (None: the first). A branch that is not this café's
        is refused, and the choice stays as it was."""
        if branch_id is not None:
            self.get(branch_id)
        self.here.choose(branch_id)
        return self.current()

    def name_the_only_one(self, name: str) -> None:
        """Setup names a new café's one branch after the café (schema 11 made it before the café
        had a name), or makes it where an emptied database has none. Call inside the setup's
        transaction."""
        count = Branch.select().count()
        if count == 1:
            if Branch.select().where(Branch.name != name).exists():
                Branch.update(name=name).execute()
        elif count == 0:
            Branch.create(name=name, created_at=self._clock.now())
        self.here.forget()

    @owner_only("add a branch")
    def add(self, name: str, by: int | None) -> BranchView:
        name = self._free_name(name)
        with write(self._db):
            if Branch.select().count() >= MAX_BRANCHES:
                raise ValidationError("A chain can have at most {most} branches.", most=MAX_BRANCHES)
            row = Branch.create(name=name, created_at=self._clock.now())
            self._audit.record("branch.add", "branch", row.id, by=by, name=name)
        return _view(row)

    @owner_only("rename a branch")
    def rename(self, branch_id: int, name: str, by: int | None) -> BranchView:
        name = self._free_name(name, keep=branch_id)
        with write(self._db):
            row = Branch.get_or_none((Branch.id == branch_id) & Branch.closed_at.is_null())
            if row is None:
                raise NotFound("There is no branch {branch}.", branch=branch_id)
            before, row.name = row.name, name
            row.save()
            self._audit.record("branch.rename", "branch", row.id, by=by, before=before, after=name)
        return _view(row)

    def _free_name(self, name: str, keep: int | None = None) -> str:
        """A clean name no other branch has (compared as :meth:`named` finds them)."""
        name = clean(name, field="branch name", max_len=80, required=True)
        folded = fold(name)
        for row in Branch.select(Branch.id, Branch.name):
            if row.id != keep and fold(row.name) == folded:
                raise ValidationError("There is already a branch called {name}.", name=row.name)
        return name

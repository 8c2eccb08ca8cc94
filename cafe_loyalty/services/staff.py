"""Who is at the till, and the owner's PIN (a slow salted hash, never the PIN itself)."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import secrets
from dataclasses import dataclass

import peewee as pw

from cafe_loyalty.store.db import write
from cafe_loyalty.store.models import Setting, Staff

from ..clock import Clock
from ..errors import NotFound, PermissionDenied, ValidationError
from ..rights import managed
from ..text import ascii_digits, clean
from .audit import Audit
from .branches import Here

_SCRYPT = {"n": 2**14, "r": 8, "p": 1}
MAX_PIN_TRIES = 5
LOCK_MINUTES = 5
_LOCK_KEYS = ("owner_pin_failures", "owner_pin_locked_until")


def hash_pin(pin: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(pin.encode(), salt=salt, dklen=32, **_SCRYPT)
    return "scrypt$" + base64.b64encode(salt).decode() + "$" + base64.b64encode(digest).decode()


def check_pin(pin: str, stored: str | None) -> bool:
    if not stored:
        return False
    _, salt, digest = stored.split("$")
    again = hashlib.scrypt(pin.encode(), salt=base64.b64decode(salt), dklen=32, **_SCRYPT)
    return hmac.compare_digest(again, base64.b64decode(digest))


def _valid_pin(pin: str) -> str:
    pin = ascii_digits(pin.strip())
    if not (pin.isascii() and pin.isdigit() and 4 <= len(pin) <= 12):
        raise ValidationError("A PIN is 4 to 12 digits.")
    return pin


ROLES = ("barista", "manager", "owner")


@dataclass(frozen=True)
class StaffView:
    id: int
    name: str
    role: str
    has_pin: bool
    branch_id: int | None = None  # where they work; a manager's rights stop at it


def _view(row: Staff) -> StaffView:
    return StaffView(row.id, row.name, row.role, bool(row.pin_hash), row.branch_id)


def _branch_of_staff(arguments: dict[str, object]) -> int | None:
    row = Staff.get_or_none(Staff.id == arguments["staff_id"])
    return row.branch_id if row is not None else None


def _is_manager(by: int | None) -> bool:
    return by is not None and Staff.select().where((Staff.id == by) & (Staff.role == "manager")).exists()


class StaffService:
    def __init__(self, db: pw.Database, clock: Clock, audit: Audit, here: Here):
        self._db = db
        self._here = here
        self._clock = clock
        self._audit = audit

    @managed("add a staff member")
    def add(
        self,
        name: str,
        role: str = "barista",
        pin: str | None = None,
        by: int | None = None,
        branch: int | None = None,
    ) -> StaffView:
        """Someone new at ``branch`` (None: this till's). The owner adds anyone; a branch
        manager adds baristas to their own branch. A manager needs a PIN: it is what opens
        their branch's screens."""
        name = clean(name, field="name", max_len=80, required=True)
        if role not in ROLES:
            raise ValidationError("A role is 'barista', 'manager' or 'owner'.")
        if role != "barista" and _is_manager(by):
            raise PermissionDenied("A branch manager can add baristas only; ask the owner.")
        if role == "manager" and not pin:
            raise ValidationError("A branch manager needs a PIN.")
        pin_hash = hash_pin(_valid_pin(pin)) if pin else None
        with write(self._db):
            where = branch if branch is not None else self._here.id
            row = Staff.create(name=name, role=role, pin_hash=pin_hash, created_at=self._clock.now(), branch=where)
            self._audit.record("staff.add", "staff", row.id, by=by, name=name, role=role, branch=where)
        return _view(row)

    def list(self, branch: int | None = None) -> list[StaffView]:
        """Everyone active, or those of one ``branch``."""
        query = Staff.select().where(Staff.active)
        if branch is not None:
            query = query.where(Staff.branch == branch)
        return [_view(r) for r in query.order_by(Staff.id)]

    def get(self, staff_id: int) -> StaffView:
        row = Staff.get_or_none(Staff.id == staff_id)
        if row is None:
            raise NotFound("No staff member with id {staff_id}.", staff_id=staff_id)
        return _view(row)

    def default(self) -> StaffView | None:
        """The staff member the till and CLI act as when nobody is chosen (the first active one).

        A getter: it never writes. Setup always creates a barista; a café with no active staff
        records its actions with no staff member rather than inventing one."""
        row = Staff.select().where(Staff.active).order_by(Staff.id).first()
        return _view(row) if row else None

    def owner_id(self) -> int | None:
        """The café's (first active) owner, who owner-only actions act as once unlocked."""
        row = Staff.select(Staff.id).where(Staff.active & (Staff.role == "owner")).order_by(Staff.id).first()
        return row.id if row else None

    # -- the owner's PIN -------------------------------------------------------------------

    def owner_pin_set(self) -> bool:
        return Staff.select().where(Staff.active & (Staff.role == "owner") & Staff.pin_hash.is_null(False)).exists()

    def _lock_state(self) -> tuple[int, dt.datetime | None]:
        rows = {r.key: r.value for r in Setting.select().where(Setting.key.in_(list(_LOCK_KEYS)))}
        failures = int(rows.get("owner_pin_failures", 0) or 0)
        until = rows.get("owner_pin_locked_until")
        return failures, (dt.datetime.fromisoformat(until) if until else None)

    def check_owner(self, pin: str | None, *, managers: bool = False) -> StaffView:
        """The owner whose PIN this is, for an owner-only action; PermissionDenied otherwise.

        Five wrong PINs in a row lock owner actions for five minutes (kept in the database, so
        restarting the app does not reset it). With no owner PIN set, the owner screens are
        open, and say so. The failed-PIN counter is the only thing this writes: a refused
        command must change nothing else, and a granted one records its own audit event."""
        owners = list(Staff.select().where(Staff.active & (Staff.role == "owner")).order_by(Staff.id))
        if not owners:
            raise PermissionDenied("This café has no owner yet. Set the café up first.")
        if not any(o.pin_hash for o in owners):
            return _view(owners[0])
        now = self._clock.now()
        failures, until = self._lock_state()
        if until and now < until:
            minutes = max(1, round((until - now).total_seconds() / 60))
            raise PermissionDenied(
                "Too many wrong PINs. Owner actions are locked for {minutes} more minute(s).", minutes=minutes
            )
        holders = list(Staff.select().where(Staff.active & (Staff.role == "manager") & Staff.pin_hash.is_null(False)))
        match = next(
            (o for o in owners + holders if o.pin_hash and pin and check_pin(ascii_digits(pin.strip()), o.pin_hash)),
            None,
        )
        if match is not None:
            if failures or until:
                with write(self._db):
                    self._set_lock(0, None)
            if match.role == "manager" and not managers:  # a right PIN, for the wrong door
                raise PermissionDenied("Only the chain's owner can do this, not a branch manager.")
            return _view(match)
        failures += 1
        locked = failures >= MAX_PIN_TRIES
        with write(self._db):
            self._set_lock(0 if locked else failures, now + dt.timedelta(minutes=LOCK_MINUTES) if locked else None)
            self._audit.record("owner.pin_failed", "staff", None, by=None, failures=failures, locked=locked)
        if not pin:
            raise PermissionDenied("This needs the owner's PIN.")
        if locked:
            raise PermissionDenied("Wrong PIN. Owner actions are locked for {minutes} minutes.", minutes=LOCK_MINUTES)
        left = MAX_PIN_TRIES - failures
        if left == 1:
            raise PermissionDenied("Wrong PIN. 1 try left before a short lock.")
        raise PermissionDenied("Wrong PIN. {left} tries left before a short lock.", left=left)

    def unlock_owner(self, pin: str | None) -> StaffView:
        """Open the owner screen: :meth:`check_owner`, and the opening itself is audited
        (it is the whole action; commands run behind the PIN audit their own writes). A branch
        manager's PIN opens it too, showing only what they may do (their ``role`` says)."""
        owner = self.check_owner(pin, managers=True)
        with write(self._db):
            self._audit.record("owner.unlock", "staff", owner.id, by=owner.id)
        return owner

    def _set_lock(self, failures: int, until: dt.datetime | None) -> None:
        Setting.put("owner_pin_failures", str(failures))
        Setting.put("owner_pin_locked_until", until.isoformat() if until else "")

    @managed("set a PIN", branch_of=_branch_of_staff)
    def set_pin(self, staff_id: int, pin: str, by: int | None = None) -> StaffView:
        """The owner sets anyone's; a branch manager their own and their baristas'."""
        pin_hash = hash_pin(_valid_pin(pin))
        with write(self._db):
            row = Staff.get_or_none(Staff.id == staff_id)
            if row is None:
                raise NotFound("No staff member with id {staff_id}.", staff_id=staff_id)
            if row.role != "barista" and row.id != by and _is_manager(by):
                raise PermissionDenied("A branch manager can set their baristas' PINs only.")
            row.pin_hash = pin_hash
            row.save()
            self._audit.record("staff.pin", "staff", row.id, by=by)
        return _view(row)

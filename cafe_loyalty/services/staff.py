"""Who is at the till, and the owner's PIN (a slow salted hash, never the PIN itself)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from dataclasses import dataclass

import peewee as pw

from ..clock import Clock
from ..db import write
from ..errors import NotFound, ValidationError
from ..models import Staff
from ..text import clean
from .audit import Audit

_SCRYPT = {"n": 2**14, "r": 8, "p": 1}


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
    pin = pin.strip()
    if not (pin.isascii() and pin.isdigit() and 4 <= len(pin) <= 12):
        raise ValidationError("A PIN is 4 to 12 digits.")
    return pin


@dataclass(frozen=True)
class StaffView:
    id: int
    name: str
    role: str
    has_pin: bool


def _view(row: Staff) -> StaffView:
    return StaffView(row.id, row.name, row.role, bool(row.pin_hash))


class StaffService:
    def __init__(self, db: pw.SqliteDatabase, clock: Clock, audit: Audit):
        self._db = db
        self._clock = clock
        self._audit = audit

    def add(self, name: str, role: str = "barista", pin: str | None = None, by: int | None = None) -> StaffView:
        name = clean(name, field="name", max_len=80, required=True)
        if role not in ("barista", "owner"):
            raise ValidationError("A role is 'barista' or 'owner'.")
        pin_hash = hash_pin(_valid_pin(pin)) if pin else None
        with write(self._db):
            row = Staff.create(name=name, role=role, pin_hash=pin_hash, created_at=self._clock.now())
            self._audit.record("staff.add", "staff", row.id, by=by, name=name, role=role)
        return _view(row)

    def list(self) -> list[StaffView]:
        return [_view(r) for r in Staff.select().where(Staff.active).order_by(Staff.id)]

    def get(self, staff_id: int) -> StaffView:
        row = Staff.get_or_none(Staff.id == staff_id)
        if row is None:
            raise NotFound(f"No staff member with id {staff_id}.")
        return _view(row)

    def default(self) -> StaffView:
        """The staff member the till and CLI act as when nobody is chosen: created on demand."""
        row = Staff.select().where(Staff.active).order_by(Staff.id).first()
        if row is None:
            return self.add("Till")
        return _view(row)

    def verify_pin(self, staff_id: int, pin: str) -> bool:
        row = Staff.get_or_none(Staff.id == staff_id)
        return bool(row) and check_pin(pin, row.pin_hash)

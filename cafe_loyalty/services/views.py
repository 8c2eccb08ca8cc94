"""Plain values the services return: what a screen or a JSON line shows, detached from rows."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields, is_dataclass
from typing import Any


def _jsonable(value: Any) -> Any:
    if isinstance(value, JsonView):
        return value.to_json()
    if is_dataclass(value) and not isinstance(value, type):  # a rule's value (rules/ knows no JSON)
        return {f.name: _jsonable(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, dt.datetime):
        return value.isoformat(timespec="seconds") + "Z"
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    return value


class JsonView:
    """A dataclass that turns into JSON for the CLI, with derived properties named in
    ``_json_extra`` included (so a script sees ``redeemable`` without recomputing it)."""

    _json_extra: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        data = {f.name: _jsonable(getattr(self, f.name)) for f in fields(self)}  # type: ignore[arg-type]
        data.update({name: _jsonable(getattr(self, name)) for name in self._json_extra})
        return data


@dataclass(frozen=True)
class CardView(JsonView):
    id: int
    customer_id: int
    code: str
    slots: int
    head_start: int
    filled: int
    status: str
    issued_at: dt.datetime

    _json_extra = ("redeemable",)

    @property
    def redeemable(self) -> bool:
        return self.status == "active" and self.filled >= self.slots

    @property
    def earned(self) -> int:
        """Purchase stamps on this card (the rest of ``filled`` is the head start)."""
        return max(0, self.filled - self.head_start)


@dataclass(frozen=True)
class CustomerSummary(JsonView):
    """One tile: enough to greet someone and show their progress, nothing more."""

    id: int
    first_name: str
    last_name: str
    phone: str
    filled: int
    slots: int
    last_seen_at: dt.datetime | None
    birthday_week: bool = False


@dataclass(frozen=True)
class CustomerView(JsonView):
    id: int
    first_name: str
    last_name: str
    phone: str
    email: str
    usual: str
    notes: str
    created_at: dt.datetime
    last_seen_at: dt.datetime | None
    card: CardView
    allergies: str = ""
    dietary: str = ""
    referred_by_id: int | None = None
    birthday: dict[str, int | str | None] | None = None  # month, day, year?, calendar

    @property
    def display_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


@dataclass(frozen=True)
class HistoryEntry(JsonView):
    """A line of a card's history: a card issued (``detail`` = head start), a purchase stamp,
    stamps carried over from a paper card (``detail`` = how many) or a redemption (``detail`` =
    reward), voided or not."""

    at: dt.datetime
    kind: str  # issued | purchase | carried | redemption
    card_id: int
    staff: str
    forced: bool = False
    voided: bool = False
    void_reason: str = ""
    detail: str = ""
    added_later: bool = False  # copied from a paper log by the owner (Ledger.stamp_later)


@dataclass(frozen=True)
class RedeemResult(JsonView):
    reward: str
    redeemed: CardView
    card: CardView  # the new card with its head start


@dataclass(frozen=True)
class UndoResult(JsonView):
    undone: str  # "stamp" | "carried" | "redemption"
    card: CardView

"""What the customer sees: the counter display and the phone page read only through here.

Both face the customer, so the privacy rule lives in one place: a :class:`ShownCard` carries
the greeting name the owner allows (first name, initial or none), the card's progress, the
reward and a birthday flag, and nothing else: never a last name, phone, note, allergy,
feedback or history. Self check-in goes through :meth:`CustomerSide.check_in`, which
answers an unknown, revoked or replaced code with the same friendly refusal and slows down
a burst of bad scans.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass

import peewee as pw

from cafe_loyalty.printing import codes
from cafe_loyalty.rules.birthdays import Birthday, in_birthday_week
from cafe_loyalty.store import fragments
from cafe_loyalty.store.db import read
from cafe_loyalty.store.models import Customer

from ..clock import Clock
from ..errors import CafeError, InvalidCode, NotFound, RevokedCode
from ..text import phone_tail
from .cards import CardService, contact_line
from .regulars import Regulars
from .settings import Settings, reward_in
from .views import JsonView


class AskAtCounter(CafeError):
    """The one answer the customer's side gives to anything it cannot use: it reveals nothing
    (not whether a code was ever ours, revoked or replaced)."""

    exit_code = 3


ASK_AT_COUNTER = "Please ask at the counter."
SLOW_DOWN = "Please wait a moment, then ask at the counter."


def ask_at_counter() -> AskAtCounter:
    return AskAtCounter("Please ask at the counter.")  # the literal, for the translation script


@dataclass(frozen=True)
class ShownCard(JsonView):
    """One customer as the customer's side may show them. ``customer_id`` is for the till
    (check-in opens the panel); it is never drawn or put in a page."""

    customer_id: int
    card_id: int
    name: str  # what the owner allows: the first name, its initial, or ""
    slots: int
    head_start: int
    filled: int
    reward: str
    birthday_week: bool

    _json_extra = ("redeemable", "to_go")

    @property
    def redeemable(self) -> bool:
        return self.filled >= self.slots

    @property
    def to_go(self) -> int:
        return max(0, self.slots - self.filled)


@dataclass(frozen=True)
class RestScreen(JsonView):
    """What the display shows between customers: the programme's pitch."""

    cafe_name: str
    slots: int
    head_start: int
    reward: str
    newest_item: str  # "" unless the owner shows it
    contact: str  # the café's contact line, each part only if filled in
    phone_checkin: bool


def moment(before: ShownCard | None, after: ShownCard) -> str:
    """What just happened to the card on show, for the display to mark it: ``redeemed`` (a new
    card replaced a full one), ``stamped`` (one more slot), ``ready`` (that stamp filled the
    card), ``undone`` or ``same``. Only the same regular's states are compared."""
    if before is None or before.customer_id != after.customer_id:
        return "same"
    if after.card_id != before.card_id:
        return "redeemed" if before.redeemable else "same"
    if after.filled > before.filled:
        return "ready" if after.redeemable else "stamped"
    if after.filled < before.filled:
        return "undone"
    return "same"


def shown_name(first_name: str, style: str) -> str:
    """The greeting name allowed by ``display_name``: an initial is the first letter (not a
    combining mark, so a Persian name's initial is a letter)."""
    if style == "none" or not first_name:
        return ""
    if style == "initial":
        letter = next((ch for ch in first_name if ch.isalpha()), first_name[0])
        return letter.upper() + "."
    return first_name


class ScanGate:
    """Slows down a burst of bad check-ins at the customer's side (someone trying codes, or a
    card that will not read): after ``allowed`` failures within ``window`` seconds, each new
    attempt waits ``pause`` seconds, doubling up to ``longest``. A good scan clears it. Kept in
    memory: the display and the phone page each hold their own."""

    def __init__(
        self, clock: Clock, allowed: int = 5, window: float = 60.0, pause: float = 5.0, longest: float = 120.0
    ):
        self._clock = clock
        self.allowed, self.window, self.pause, self.longest = allowed, window, pause, longest
        self._failures: deque[dt.datetime] = deque()
        self._blocked_until: dt.datetime | None = None
        self._streak = 0
        self._lock = threading.Lock()

    def check(self) -> None:
        """Raise :class:`AskAtCounter` (with the slow-down words) while paused."""
        with self._lock:
            now = self._clock.now()
            if self._blocked_until is not None and now < self._blocked_until:
                raise AskAtCounter("Please wait a moment, then ask at the counter.")

    def failed(self) -> None:
        with self._lock:
            now = self._clock.now()
            self._failures.append(now)
            while self._failures and (now - self._failures[0]).total_seconds() > self.window:
                self._failures.popleft()
            if len(self._failures) >= self.allowed:
                seconds = min(self.longest, self.pause * 2**self._streak)
                self._streak += 1
                self._blocked_until = now + dt.timedelta(seconds=seconds)

    def succeeded(self) -> None:
        with self._lock:
            self._failures.clear()
            self._blocked_until, self._streak = None, 0


class CustomerSide:
    """Reads for the counter display and the phone page, and self check-in."""

    def __init__(
        self,
        db: pw.Database,
        clock: Clock,
        settings: Settings,
        regulars: Regulars,
        cards: CardService,
    ):
        self._db = db
        self._clock = clock
        self._settings = settings
        self._regulars = regulars
        self._cards = cards
        self.gate = ScanGate(clock)

    def card_of(self, customer_id: int) -> ShownCard:
        """The regular the till has open, as the display may show them (NotFound once they
        are forgotten)."""
        with read(self._db):
            found = self._read("c.id = ?", customer_id)
            if found is None:
                raise NotFound("There is no customer {customer_id}.", customer_id=customer_id)
            return found[0]

    def card_by_code(self, code: str) -> ShownCard:
        """The phone page's read: a card's current progress by its printed code. Anything but
        a current code of a living regular is :class:`AskAtCounter` (the page says "not found")."""
        return self.page(code)[0]

    def page(self, code: str) -> tuple[ShownCard, RestScreen, str]:
        """Everything one phone page shows (the card, the café's words, the language) in one
        read of a few plain queries: what the page costs is kept to what it needs."""
        try:
            code = codes.canonical(code[:80])
        except InvalidCode as exc:
            raise ask_at_counter() from exc
        with read(self._db):
            found = self._read("c.id = (SELECT customer_id FROM card_code WHERE code = ? AND revoked_at IS NULL)", code)
            if found is None:
                raise ask_at_counter()
            card, settings = found
            return card, self._rest(settings), settings["language"]

    def _read(self, where: str, value: object) -> tuple[ShownCard, dict] | None:
        """One living regular's card as the customer may see it, and the settings it used."""
        row = self._db.execute_sql(
            f"""SELECT c.id, c.first_name, c.birthday_month, c.birthday_day, c.birthday_calendar,
                       cd.id, cd.slots, cd.head_start,
                       {fragments.filled("cd")}
                FROM customer c JOIN card cd ON cd.customer_id = c.id AND cd.status = 'active'
                WHERE {where} AND c.forgotten_at IS NULL""",
            (value,),
        ).fetchone()
        if row is None:
            return None
        settings = self._settings.all()
        birthday = Birthday(row[2], row[3], None, row[4]) if row[2] else None
        card = ShownCard(
            customer_id=row[0],
            card_id=row[5],
            name=shown_name(row[1], settings["display_name"]),
            slots=row[6],
            head_start=row[7],
            filled=row[8],
            reward=reward_in(settings),
            birthday_week=bool(settings["display_birthday"])
            and birthday is not None
            and in_birthday_week(birthday, self._regulars.today()),
        )
        return card, settings

    def rest_screen(self) -> RestScreen:
        with read(self._db):
            return self._rest(self._settings.all())

    def _rest(self, settings: dict) -> RestScreen:
        newest = ""
        if settings["display_newest_item"]:
            found = self._db.execute_sql(
                "SELECT name FROM menu_item WHERE active ORDER BY created_at DESC, id DESC LIMIT 1"
            ).fetchone()
            newest = found[0] if found else ""
        return RestScreen(
            cafe_name=settings["cafe_name"],
            slots=settings["card_slots"],
            head_start=settings["head_start"],
            reward=reward_in(settings),
            newest_item=newest,
            contact=contact_line(settings),
            phone_checkin=bool(settings["display_phone_checkin"]),
        )

    def check_in(self, readings: str | Sequence[str]) -> ShownCard:
        """A customer scanned their own card at the display. Read-only: nothing is stamped."""
        self.gate.check()
        try:
            with read(self._db):
                customer = self._cards.lookup(readings)
                found = self._read("c.id = ?", customer.id)
                if found is None:
                    raise NotFound("There is no customer {customer_id}.", customer_id=customer.id)
                shown = found[0]
        except (InvalidCode, RevokedCode, NotFound) as exc:
            self.gate.failed()
            raise ask_at_counter() from exc
        self.gate.succeeded()
        return shown

    def check_in_by_phone(self, typed: str) -> ShownCard:
        """Check-in by phone number on a touch display (off unless the owner turns it on).

        The last ten digits typed (Persian or Latin) must be those of exactly one regular's
        phone (``phone_tail``, as duplicates and imports match), so 0912…, +98912… and
        0098912… meet. Two regulars sharing a number, or none, get the same refusal."""
        self.gate.check()
        if not self._settings.get("display_phone_checkin"):
            raise ask_at_counter()
        tail = phone_tail(typed[:40])
        if not tail:
            self.gate.failed()
            raise ask_at_counter()
        with read(self._db):
            rows = list(
                Customer.select()
                .where(
                    Customer.search_key.contains(tail[-7:]) & Customer.forgotten_at.is_null() & (Customer.phone != "")
                )
                .limit(50)
            )
            matches = [row for row in rows if phone_tail(row.phone) == tail]
            if len(matches) != 1:
                self.gate.failed()
                raise ask_at_counter()
            row = matches[0]
            shown = self._read("c.id = ?", row.id)[0]  # type: ignore[index]  # alive: just read
        self.gate.succeeded()
        return shown

"""Regulars: adding, editing, finding them as the barista types, and resolving a scanned code."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

import peewee as pw

from cafe_loyalty.printing import codes
from cafe_loyalty.rules.birthdays import Birthday, in_birthday_week, validate_birthday
from cafe_loyalty.rules.search import matching
from cafe_loyalty.store import dialect, fragments
from cafe_loyalty.store.db import planned_each_time, write
from cafe_loyalty.store.failures import storage_errors
from cafe_loyalty.store.models import CardCode, Customer, Setting

from ..clock import Clock, to_local
from ..errors import InvalidCode, RevokedCode, ValidationError
from ..ids import is_id_text, parse_id
from ..text import MAX_NAME, MAX_TEXT, clean, clean_phone, fold, phone_key, phone_tail
from .audit import Audit
from .ledger import Ledger
from .lookup import living_customer
from .views import CustomerSummary, CustomerView

EDITABLE = (
    "first_name",
    "last_name",
    "phone",
    "email",
    "usual",
    "notes",
    "allergies",
    "dietary",
    "referred_by",
    "birthday_month",
    "birthday_day",
    "birthday_year",
    "birthday_calendar",
)
BIRTHDAY = ("birthday_month", "birthday_day", "birthday_year", "birthday_calendar")
DIETARY = ("vegetarian", "vegan", "lactose-free", "gluten-free", "nut-free", "halal", "no caffeine")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def international(text: str, region: str) -> str:
    """``text`` as a full international number (E.164) when it is a valid number of the café's
    country (``region``), else as typed. Valid, not merely possible: "12345" stays "12345"."""
    if not region or not text:
        return text
    import phonenumbers

    try:
        number = phonenumbers.parse(fold(text), region)
    except phonenumbers.NumberParseException:
        return text
    if not phonenumbers.is_valid_number(number):
        return text
    return str(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164))


def _region() -> str:
    """The café's country for phone numbers (a setting; empty: numbers kept as typed)."""
    row = Setting.get_or_none(Setting.key == "phone_region")
    return row.value if row else ""


def clean_fields(values: dict[str, Any], today: Any = None) -> dict[str, Any]:
    unknown = set(values) - set(EDITABLE)
    if unknown:
        raise ValidationError("Unknown field(s): {fields}.", fields=", ".join(sorted(unknown)))
    out: dict[str, Any] = {}
    if any(k in values for k in BIRTHDAY):
        # 0 is a value to refuse (year 0000), not "no year": only None and "" mean unset
        month, day, year = (None if values.get(k) in (None, "") else values.get(k) for k in BIRTHDAY[:3])
        calendar_ = values.get("birthday_calendar") or "gregorian"
        birthday = validate_birthday(month, day, year, today or dt.date.today(), calendar_)
        out.update(
            zip(
                BIRTHDAY,
                (birthday.month, birthday.day, birthday.year, birthday.calendar)
                if birthday
                else (None, None, None, "gregorian"),
                strict=True,
            )
        )
    for key, value in values.items():
        if key in BIRTHDAY:
            continue
        if key == "first_name":
            out[key] = clean(value, field="first name", max_len=MAX_NAME, required=True)
        elif key == "last_name":
            out[key] = clean(value, field="last name", max_len=MAX_NAME)
        elif key == "phone":
            out[key] = clean_phone(value)
        elif key == "email":
            email = clean(value, field="email", max_len=254)
            if email and not _EMAIL.match(email):
                raise ValidationError("That email address does not look right.")
            out[key] = email
        elif key == "usual":
            out[key] = clean(value, field="usual order", max_len=300)
        elif key == "allergies":
            out[key] = clean(value, field="allergies", max_len=300)
        elif key == "dietary":
            flags = [f.strip().casefold() for f in (value or "").split(",") if f.strip()]
            strange = [f for f in flags if f not in DIETARY]
            if strange:
                raise ValidationError(
                    "Unknown dietary flag(s): {flags}. Use: {allowed}.",
                    flags=", ".join(strange),
                    allowed=", ".join(DIETARY),
                )
            out[key] = ",".join(dict.fromkeys(flags))
        elif key == "referred_by":
            out[key] = _referrer(value)
        else:
            out[key] = clean(value, field="notes", max_len=MAX_TEXT)
    return out


def _referrer(value: Any) -> Any:
    if value in (None, "", 0):
        return None
    try:
        referrer = parse_id(value, "'Referred by'")
    except ValidationError as exc:
        raise ValidationError("'Referred by' must be a customer id.") from exc
    if not Customer.select().where((Customer.id == referrer) & Customer.forgotten_at.is_null()).exists():
        raise ValidationError("'Referred by': there is no customer with id {referrer}.", referrer=referrer)
    return referrer


def search_key(first: str, last: str, phone: str, code: str, national: str | None = None) -> str:
    """What the search box matches against: folded names, phone digits and the card code. A
    number stored with its country code (+989121234567, from an import) is also found as it
    is dialled at home (09121234567; ``national`` when the caller knows it already)."""
    if national is None:
        national = _national(phone) if phone.startswith("+") else ""
    parts = (fold(first), fold(last), phone_key(phone), national, code.replace("-", "").lower())
    return " ".join(p for p in parts if p)


def _national(phone: str) -> str:
    import phonenumbers  # loaded with the first such number, not at start

    try:
        number = phonenumbers.parse(phone, None)
    except phonenumbers.NumberParseException:
        return ""
    return phone_key(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL))


def tiles_in_order(search: Callable[..., list[CustomerSummary]], ids: list[int]) -> list[CustomerSummary]:
    """Tiles for these customers from ``search`` (the server's, or a till's copy), in the order
    given."""
    if not ids:
        return []
    found = {s.id: s for s in search("", limit=len(ids), only=ids)}
    return [found[i] for i in ids if i in found]


class Customers:
    def __init__(self, db: pw.Database, clock: Clock, audit: Audit, ledger: Ledger):
        self._db = db
        self._clock = clock
        self._audit = audit
        self._ledger = ledger

    def add(self, first_name: str, *, by: int | None = None, paper_stamps: int = 0, **fields: Any) -> CustomerView:
        """A new regular with a printed-card code and a first card that already has its head
        start, or the stamps of the paper card they bring (``paper_stamps``, see
        :meth:`Ledger.carry_over`), all in one transaction."""
        values = clean_fields({"first_name": first_name, **fields}, to_local(self._clock.now()).date())
        if values.get("phone"):
            values["phone"] = international(values["phone"], _region())
        now = self._clock.now()
        with write(self._db):
            # They are at the counter now, so they belong at the front of the tiles.
            row = Customer.create(created_at=now, last_seen_at=now, branch=self._ledger.here.id, **values)
            code = self.new_code(row.id, now)
            row.search_key = search_key(row.first_name, row.last_name, row.phone, code)
            row.save()
            self._ledger.issue_card(row.id, by)
            self._audit.record("customer.add", "customer", row.id, by=by, **values)
            if paper_stamps:
                self._ledger.carry_over(row.id, int(paper_stamps), by)
        return self.get(row.id)

    def new_code(self, customer_id: int, now: Any) -> str:
        """Create and store a fresh printed-card code. Call inside a write transaction."""
        while True:  # a collision in 2**75 will not happen, but the unique index would say so
            code = codes.new_code()
            if not CardCode.select().where(CardCode.code == code).exists():
                CardCode.create(code=code, customer=customer_id, issued_at=now)
                return code

    def update(self, customer_id: int, *, by: int | None = None, paper_stamps: int = 0, **fields: Any) -> CustomerView:
        values = clean_fields(fields, to_local(self._clock.now()).date())
        if values.get("phone"):
            values["phone"] = international(values["phone"], _region())
        with write(self._db):
            if paper_stamps:
                self._ledger.carry_over(customer_id, int(paper_stamps), by)
            row = self._row(customer_id)
            # referred_by compared by id: reading the relation would load the referrer's row
            before = {k: getattr(row, "referred_by_id" if k == "referred_by" else k) for k in values}
            changed = {k: v for k, v in values.items() if before[k] != v}
            if changed.get("referred_by") == customer_id:
                raise ValidationError("A regular cannot have referred themselves.")
            if changed:
                for key, value in changed.items():
                    setattr(row, key, value)
                row.search_key = search_key(
                    row.first_name, row.last_name, row.phone, self._ledger.current_card(row.id).code
                )
                row.save()
                self._audit.record(
                    "customer.edit",
                    "customer",
                    row.id,
                    by=by,
                    before={k: before[k] for k in changed},
                    after=changed,
                )
        return self.get(customer_id)

    def _row(self, customer_id: int) -> Customer:
        return living_customer(customer_id)

    def get(self, customer_id: int) -> CustomerView:
        with storage_errors():
            return self.view(self._row(customer_id))

    def view(self, row: Customer) -> CustomerView:
        """The customer as a screen shows them (with their current card), from a row already read."""
        return CustomerView(
            id=row.id,
            first_name=row.first_name,
            last_name=row.last_name,
            phone=row.phone,
            email=row.email,
            usual=row.usual,
            notes=row.notes,
            created_at=row.created_at,
            last_seen_at=row.last_seen_at,
            card=self._ledger.current_card(row.id),
            allergies=row.allergies,
            dietary=row.dietary,
            referred_by_id=row.referred_by_id,
            birthday=(
                {
                    "month": row.birthday_month,
                    "day": row.birthday_day,
                    "year": row.birthday_year,
                    "calendar": row.birthday_calendar,
                }
                if row.birthday_month
                else None
            ),
        )

    def count(self) -> int:
        return Customer.select().where(Customer.forgotten_at.is_null()).count()

    def summaries(self, ids: list[int]) -> list[CustomerSummary]:
        """Tiles for these customers, in the order given."""
        return tiles_in_order(self.search, ids)

    def normalise_phones(self, region: str, by: int | None = None) -> int:
        """The café's country changed: phones kept as typed (0912…) become full international
        numbers (+98912…) where they are possible numbers there; the number as dialled at home
        is still found (the search key keeps it). Inside the settings' transaction. Returns
        how many changed."""
        if not region:
            return 0

        rows = self._db.execute_sql(
            "SELECT c.id, c.first_name, c.last_name, c.phone, k.code FROM customer c "
            "JOIN card_code k ON k.customer_id = c.id AND k.revoked_at IS NULL AND k.replaced_by_id IS NULL "
            "WHERE c.forgotten_at IS NULL AND c.phone != '' AND c.phone NOT LIKE '+%'"
        ).fetchall()
        changed = 0
        for customer_id, first, last, phone, code in rows:
            e164 = international(phone, region)
            if e164.startswith("+") and e164 != phone:
                Customer.update(phone=e164, search_key=search_key(first, last, e164, code)).where(
                    Customer.id == customer_id
                ).execute()
                changed += 1
        if changed:
            self._audit.record("customer.phones", "phones", None, by=by, region=region, changed=changed)
        return changed

    def already_here(
        self,
        first_name: str = "",
        last_name: str = "",
        phone: str = "",
        birthday_month: int | None = None,
        birthday_day: int | None = None,
        **_other: Any,
    ) -> list[CustomerSummary]:
        """Regulars who look like the one about to be added: the same phone (its last ten
        digits, so 0912… and +98912… meet) or the same name, folded as in search, with the
        same birthday. Asked before adding, so the till can offer "Open Sara instead"."""
        found: dict[int, CustomerSummary] = {}
        tail = phone_tail(clean_phone(phone or ""))
        if tail:
            for row in self.search(tail[-7:], limit=20):
                if phone_tail(row.phone) == tail:
                    found[row.id] = row
        if birthday_month and first_name.strip():
            name = fold(f"{first_name}{last_name}").replace(" ", "")
            candidates = self.search(first_name, limit=50)
            same = [c.id for c in candidates if fold(f"{c.first_name}{c.last_name}").replace(" ", "") == name]
            if same:
                rows = Customer.select(Customer.id, Customer.birthday_month, Customer.birthday_day).where(
                    Customer.id.in_(same)
                )
                born = {r.id for r in rows if (r.birthday_month, r.birthday_day) == (birthday_month, birthday_day)}
                found.update({c.id: c for c in candidates if c.id in born})
        return list(found.values())

    def search(
        self, query: str = "", limit: int = 100, offset: int = 0, only: list[int] | None = None
    ) -> list[CustomerSummary]:
        """Regulars whose name, phone or card code contains every word typed, most recently
        seen first. Matching is on folded text, so case, diacritics, Arabic/Persian letter
        forms, ZWNJ and Persian digits do not matter."""
        where, params = matching(query, "c.search_key")
        where.append("c.forgotten_at IS NULL")
        if only is not None:
            where.append(f"c.id IN ({','.join('?' * len(only))})")
            params.extend(only)
        columns = f"""c.id, c.first_name, c.last_name, c.phone, c.last_seen_at, cd.slots,
                   {fragments.filled("cd")},
                   c.birthday_month, c.birthday_day, c.birthday_calendar"""
        sql = dialect.of(self._db).search(columns, " AND ".join(where))
        with storage_errors():
            rows = planned_each_time(self._db, sql, [*params, limit, offset]).fetchall()
        parse = Customer.last_seen_at.python_value
        today = to_local(self._clock.now()).date()
        return [
            CustomerSummary(
                id=r[0],
                first_name=r[1],
                last_name=r[2],
                phone=r[3],
                last_seen_at=parse(r[4]),
                slots=r[5],
                filled=r[6],
                birthday_week=bool(r[7]) and in_birthday_week(Birthday(r[7], r[8], None, r[9]), today),
            )
            for r in rows
        ]

    def by_code(self, text: str) -> int:
        """The customer a typed or scanned card code belongs to.

        A malformed code, a failed check character or an unknown code is refused; a replaced
        code says which code replaced it, so the barista can hand back the right card.
        """
        code = codes.canonical(text)
        row = CardCode.get_or_none(CardCode.code == code)
        if row is None:
            raise InvalidCode("No regular has this card. It may belong to another café.")
        customer = Customer.get_by_id(row.customer_id)
        if customer.forgotten_at is not None:
            raise InvalidCode("This card no longer belongs to anyone.")
        if row.revoked_at is not None:
            current = _current_code_row(row)
            raise RevokedCode(
                "This card ({code}) was replaced by card {current}." if current else "This card ({code}) was replaced.",
                current_code=current.code if current else None,
                customer_id=row.customer_id,
                code=code,
                current=current.code if current else "",
            )
        return row.customer_id

    def resolve(self, text: str) -> int:
        """A customer id from what a person typed on the command line: an id or a card code."""
        text = text.strip()
        if is_id_text(text):
            return self._row(parse_id(text, "A customer id")).id
        return self.by_code(text)


def _current_code_row(row: CardCode) -> CardCode | None:
    seen = set()
    while row.replaced_by_id is not None and row.id not in seen:
        seen.add(row.id)
        row = CardCode.get_by_id(row.replaced_by_id)
    return row if row.revoked_at is None else None

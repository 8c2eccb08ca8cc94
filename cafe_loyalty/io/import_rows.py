"""One row of an imported customer list, read without trusting it: which column is which (the
headers of Loyverse's and Square's exports and of hand-made sheets, in English and Persian),
phone numbers as the café's country dials them, birthdays in any calendar and order, and a cell
that would be a formula in a spreadsheet. Pure functions, so every rule is tested on its own."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from cafe_loyalty.errors import CafeError, ValidationError
from cafe_loyalty.rules.birthdays import validate_birthday
from cafe_loyalty.services.customers import clean_fields
from cafe_loyalty.text import clean_phone, fold, persian_letters, phone_key, phone_tail

FIELDS = ("first_name", "last_name", "name", "phone", "email", "birthday", "notes", "allergies", "stamps", "ignore")

# Column names recognised at once (folded as search folds, so case, spacing, ZWNJ and Arabic
# letter forms do not matter). Loyverse's customer export, Square's customer directory export,
# and common hand-made sheets in English and Persian; the owner can change any of them.
_KNOWN = {
    # names
    "name": "name",
    "full name": "name",
    "customer name": "name",  # Loyverse
    "customer": "name",
    "first name": "first_name",  # Square
    "given name": "first_name",
    "firstname": "first_name",
    "last name": "last_name",  # Square
    "surname": "last_name",
    "family name": "last_name",
    "lastname": "last_name",
    "نام": "first_name",
    "نام کوچک": "first_name",
    "نام خانوادگی": "last_name",
    "فامیلی": "last_name",
    "نام و نام خانوادگی": "name",
    # phone
    "phone": "phone",  # Loyverse
    "phone number": "phone",  # Square
    "mobile": "phone",
    "mobile phone": "phone",
    "telephone": "phone",
    "tel": "phone",
    "cell": "phone",
    "موبایل": "phone",
    "تلفن": "phone",
    "تلفن همراه": "phone",
    "شماره تلفن": "phone",
    "شماره موبایل": "phone",
    "همراه": "phone",
    # email
    "email": "email",  # Loyverse
    "email address": "email",  # Square
    "e-mail": "email",
    "ایمیل": "email",
    # birthday
    "birthday": "birthday",  # Square
    "birth date": "birthday",
    "birthdate": "birthday",
    "date of birth": "birthday",
    "dob": "birthday",
    "تولد": "birthday",
    "تاریخ تولد": "birthday",
    # notes
    "note": "notes",  # Loyverse
    "notes": "notes",
    "memo": "notes",  # Square
    "comment": "notes",
    "comments": "notes",
    "یادداشت": "notes",
    "توضیحات": "notes",
    # allergies
    "allergies": "allergies",
    "allergy": "allergies",
    "حساسیت": "allergies",
    "آلرژی": "allergies",
    # stamps already earned on a paper card
    "stamps": "stamps",
    "stamps earned": "stamps",
    "stamps already earned": "stamps",
    "stamp balance": "stamps",
    "مهر": "stamps",
    "تعداد مهر": "stamps",
}

_OPENERS = ("=", "+", "-", "@", "\t", "\r")

# What a spreadsheet runs: "=…" and "@…" always; "+" or "-" when an operator or a call follows
# (+1+1, -2*3, +cmd|…), so "- oat milk" and "-1" stay notes.
_FORMULA = re.compile(r"^(?:[=@]|[+\-]\S*[=+\-*/^&(|!])")

_DATE = re.compile(r"^(\d{1,4})[-/.](\d{1,2})(?:[-/.](\d{1,4}))?$")


def _header_key(name: str) -> str:
    return fold(name).replace("_", "").replace(" ", "").replace("-", "")


_KNOWN_KEYS = {_header_key(name): target for name, target in _KNOWN.items()}


def guess_mapping(header: list[str]) -> dict[str, str]:
    """Column name -> field for the columns recognised; each field taken once (first wins)."""
    mapping: dict[str, str] = {}
    taken: set[str] = set()
    for column in header:
        found = _KNOWN_KEYS.get(_header_key(column))
        if found and found not in taken:
            mapping[column] = found
            taken.add(found)
    return mapping


class _Bad(Exception):
    """A row refused: the field at fault and why (a person's message, translatable)."""

    def __init__(self, field: str, error: CafeError):
        super().__init__(error.message)
        self.field, self.error = field, error


def _cell(cells: list[str], index: int) -> str:
    value = cells[index] if index < len(cells) else ""
    value = value.strip()
    if value.startswith("'") and value[1:2] in _OPENERS:  # neutralised by a spreadsheet export
        value = value[1:]
    return value


def _short(value: str) -> str:
    return value if len(value) <= 60 else value[:57] + "…"


def phone_region(settings: dict) -> str:
    """The country whose numbers are written without a country code: the setting, or Iran for
    a Persian café; empty means numbers are kept as typed unless they start with +."""
    return settings.get("phone_region") or ("IR" if settings.get("language") == "fa" else "")


_PHONE_PUNCTUATION = re.compile(r"[\s().\-/]")


def normalise_phone(text: str, region: str) -> str:
    """E.164 (+989121234567) when phonenumbers recognises the number for ``region`` (09…, +98,
    0098 and Persian digits all meet); otherwise the number as typed (cleaned).

    phonenumbers takes tens of microseconds a number, too slow for 100,000 rows; but what it
    does to a plain number depends only on the number's first digits and its length. So its
    answer for one number is kept by that shape (the country code and how many leading digits
    it dropped) and applied to the others of the same shape; any other number goes to it."""
    digits = _PHONE_PUNCTUATION.sub("", fold(text))
    plus = digits.startswith("+")
    body = digits[1:] if plus else digits
    if not body.isdigit():
        return _parse_phone(text, region)
    shape = (region, ("+" if plus else "") + body[:7], len(body))
    if shape not in _SHAPES:
        if len(_SHAPES) > 20_000:  # bounded: a list with that many shapes is not a café's
            _SHAPES.clear()
        e164 = _parse_phone(digits, region)
        _SHAPES[shape] = (_shape_of(e164, body) or False) if e164.startswith("+") else None
    found = _SHAPES[shape]
    if found is False:  # the library did more than drop leading digits: ask it each time
        return _parse_phone(text, region)
    if found is None or found is True:  # not a number the library takes: kept as typed
        return text
    prefix, dropped = found
    return prefix + body[dropped:]


def _checked_phone(text: str, region: str) -> str:
    """The number in E.164 when it is a possible number for the café's country (or a full
    international one, +… or 00…); without a country, a national number of 6 to 15 digits is
    kept as typed. Anything else ("123", "+1", a word) is not a phone and is refused."""
    normalised = normalise_phone(text, region)
    if normalised.startswith("+") and normalised != text:
        return normalised  # recognised and rewritten by phonenumbers (or its kept shape)
    folded = fold(text).strip()
    international = "+" + folded[2:] if folded.startswith("00") else folded
    found = _possible(international, region)
    if found:
        return found
    digits = "".join(ch for ch in folded if ch.isdigit())
    if not region and not folded.startswith(("+", "00")) and 6 <= len(digits) <= 15 and not _LETTERS.search(folded):
        return normalised
    raise ValidationError("{text} is not a phone number.", text=_short(text))


def _possible(text: str, region: str) -> str | None:
    """E.164 when phonenumbers finds a possible number in ``text``, else None."""
    import phonenumbers

    try:
        number = phonenumbers.parse(text, region or None)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_possible_number(number):
        return None
    return str(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164))


_SHAPES: dict[tuple[str, str, int], tuple[str, int] | bool | None] = {}  # False: always ask

_LETTERS = re.compile(r"[^\W\d_]")


def _shape_of(e164: str, body: str) -> tuple[str, int] | None:
    """How ``body`` became ``e164``: (what comes before the kept digits, how many were dropped)."""
    for dropped in range(0, min(6, len(body)) + 1):
        rest = body[dropped:]
        if e164.endswith(rest) and len(rest) >= 6:
            return e164[: len(e164) - len(rest)], dropped
    return None


def _parse_phone(text: str, region: str) -> str:
    return _possible(fold(text), region) or text


def parse_birthday(text: str, date_order: str, today: dt.date) -> dict[str, Any]:
    """YYYY-MM-DD (a year before 1700 is Jalali: 1370/06/15), MM-DD (Square, no year),
    DD/MM/YYYY or MM/DD/YYYY (by ``date_order``; ambiguous ones refused), Persian digits."""
    text = fold(text).replace(" ", "")
    found = _DATE.match(text)
    if not found:
        raise _Bad("birthday", ValidationError("{text} is not a date (write it as YYYY-MM-DD).", text=text[:40]))
    a, b, c = found.groups()
    year: int | None
    if len(a) >= 3:  # year first
        year, month, day = int(a), int(b), int(c or 0)
        if c is None:
            raise _Bad("birthday", ValidationError("A birthday needs both a month and a day (the year is optional)."))
    elif c is None:  # MM-DD
        year, month, day = None, int(a), int(b)
    else:
        year = int(c)
        first, second = int(a), int(b)
        if first > 12 or date_order == "dmy":
            day, month = first, second
        elif second > 12 or date_order == "mdy":
            month, day = first, second
        else:
            raise _Bad(
                "birthday",
                ValidationError("{text} could be day/month or month/day: choose how dates are written.", text=text),
            )
        if year < 100:
            raise _Bad("birthday", ValidationError("{text} has a two-digit year: write the year in full.", text=text))
    calendar_ = "jalali" if year is not None and year < 1700 else "gregorian"
    try:
        birthday = validate_birthday(month, day, year, today, calendar_)
    except CafeError as error:
        raise _Bad("birthday", error) from error
    if birthday is None:
        return {}
    return {
        "birthday_month": birthday.month,
        "birthday_day": birthday.day,
        "birthday_year": birthday.year,
        "birthday_calendar": birthday.calendar,
    }


# Fields whose bad value costs the row: without a usable name there is nobody to add.
REQUIRED = ("first_name",)


def row_values(
    raw: dict[str, str],
    region: str,
    today: dt.date,
    date_order: str,
    slots: int,
    left_out: list[tuple[str, str, CafeError]] | None = None,
    persian: bool = False,
) -> dict[str, Any]:
    """One row's values as they will be stored, or :class:`_Bad` naming the field and why.

    With ``left_out``, an optional field that cannot be read is left empty and noted there
    (field, value, why) instead of refusing the row; paper stamps beyond the card are clamped
    to a full card less one. Only a missing or unusable name refuses the row."""
    values: dict[str, Any] = {}

    def optional(name: str, value: str, error: CafeError) -> None:
        if left_out is None or name in REQUIRED:
            raise _Bad(name, error)
        left_out.append((name, value, error))

    named = {"first_name", "last_name"} - set(raw)  # the fields a single name column fills
    if "name" in raw and not raw.get("first_name"):
        parts = raw["name"].split(None, 1)
        raw = {
            **raw,
            "first_name": parts[0] if parts else "",
            "last_name": raw.get("last_name") or (parts[1] if len(parts) > 1 else ""),
        }
    for key in ("first_name", "last_name", "notes", "allergies", "email"):
        value = raw.get(key, "")
        column = "name" if key in named and "name" in raw else key
        try:  # the same rules as a regular added at the till
            cleaned = clean_fields({key: value})[key]
            # Judged on the cleaned text: a space, tab or invisible mark before "=" is removed
            # by cleaning, and what is stored must not run when a spreadsheet opens an export.
            if _FORMULA.match(cleaned):
                raise ValidationError("This looks like a spreadsheet formula ({start}…).", start=cleaned[:8])
        except CafeError as error:
            if column == "name" or key in REQUIRED:
                raise _Bad(column, error) from error
            optional(key, value, error)
            cleaned = ""
        values[key] = persian_letters(cleaned) if persian else cleaned
    if raw.get("phone"):
        try:
            values["phone"] = clean_phone(_checked_phone(raw["phone"], region))
        except CafeError as error:
            optional("phone", raw["phone"], error)
        else:
            dialled = phone_key(raw["phone"])
            if values["phone"].startswith("+") and not raw["phone"].lstrip().startswith(("+", "00")):
                values["_dialled"] = dialled  # as dialled at home: the search key has it already
    if raw.get("birthday"):
        try:
            values.update(parse_birthday(raw["birthday"], date_order, today))
        except _Bad as bad:
            optional("birthday", raw["birthday"], bad.error)
    if raw.get("stamps"):
        text = fold(raw["stamps"])
        most = slots - 1
        if not text.isdigit():
            optional(
                "stamps",
                raw["stamps"],
                ValidationError("Stamps on a paper card are a whole number from 0 to {most}.", most=most),
            )
        elif int(text) > most:
            optional(
                "stamps",
                raw["stamps"],
                ValidationError(
                    "{value} stamps do not fit a card of {slots}: {most} were carried over.",
                    value=int(text[:6]),
                    slots=slots,
                    most=most,
                ),
            )
            values["stamps"] = most
        else:
            values["stamps"] = int(text)
    return values


def match_keys(values: dict[str, Any]) -> list[tuple]:
    """What tells the same regular: the phone's last ten digits, or the folded full name with
    the birthday's month and day."""
    keys: list[tuple] = []
    tail = phone_tail(values.get("phone") or "")
    if tail:
        keys.append(("phone", tail))
    if values.get("birthday_month"):
        name = fold(f"{values.get('first_name', '')}{values.get('last_name', '')}").replace(" ", "")
        keys.append(("name_birthday", name, values["birthday_month"], values.get("birthday_day")))
    return keys

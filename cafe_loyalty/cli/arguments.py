"""Reading the command line's values (ids, days, fractions, PINs, passphrases), each checked before a
service sees it."""

from __future__ import annotations

import argparse
import datetime as dt
import math
import os
from collections.abc import Callable
from typing import Any

from cafe_loyalty.app import Cafe
from cafe_loyalty.errors import ValidationError
from cafe_loyalty.ids import is_id_text, parse_id
from cafe_loyalty.printing import codes
from cafe_loyalty.store.db import is_url
from cafe_loyalty.text import ascii_digits


def _birthday(text: str | None) -> tuple[int | None, int | None, int | None] | None:
    """``MM-DD`` or ``YYYY-MM-DD``; "" clears it; None leaves it alone."""
    if text is None:
        return None
    if not text.strip():
        return (None, None, None)
    parts = text.strip().split("-")
    widths = [len(p) for p in parts]
    if widths not in ([1, 1], [1, 2], [2, 1], [2, 2], [4, 1, 1], [4, 1, 2], [4, 2, 1], [4, 2, 2]) or not all(
        p.isascii() and p.isdigit() for p in parts
    ):
        raise ValidationError("Write the birthday as MM-DD or YYYY-MM-DD, not {text!r}.", text=text[:40])
    numbers = [int(p) for p in parts]
    if len(numbers) == 2:
        return (numbers[0], numbers[1], None)
    return (numbers[1], numbers[2], numbers[0])


def _birthday_fields(args: argparse.Namespace) -> dict[str, Any]:
    """The birthday as customer fields, so it is checked and saved with the rest in one write."""
    birthday = _birthday(args.birthday)
    if birthday is None:
        return {}
    month, day, year = birthday
    return {
        "birthday_month": month,
        "birthday_day": day,
        "birthday_year": year,
        "birthday_calendar": "jalali" if args.jalali else "gregorian",
    }


def _staff_id(cafe: Cafe, args: argparse.Namespace) -> int | None:
    if getattr(args, "staff", None):
        return cafe.staff.get(args.staff).id
    default = cafe.staff.default()
    return default.id if default else None


PERSONAL = ("last_name", "phone", "email", "usual", "notes", "allergies", "dietary", "referred_by")


def _import_options(args: argparse.Namespace) -> dict[str, Any]:
    mapping = {}
    for pair in args.map or []:
        column, sep, target = pair.rpartition("=")
        if not sep or not column:
            raise ValidationError("Write a column mapping as COLUMN=field, not {pair!r}.", pair=pair[:60])
        mapping[column] = target
    return {
        "mapping": mapping,
        "encoding": args.encoding or "",
        "duplicates": args.duplicates,
        "date_order": args.date_order or "",
    }


MERGE_RULE = (
    "Every earned stamp, visit, reward, feedback and treat of #{other} moves to #{keep}; the head start is "
    "not counted twice; if the stamps fill #{keep}'s card it is ready to redeem and the rest start the next "
    "card. #{other}'s printed card then opens #{keep}."
)


def _moment(text: str) -> dt.datetime:
    """``--at``: an ISO time, local unless it names its offset, as stored (UTC, naive)."""
    try:
        at = dt.datetime.fromisoformat(text)
        if at.tzinfo is not None:
            return at.astimezone(dt.UTC).replace(tzinfo=None)
        return at.astimezone().astimezone(dt.UTC).replace(tzinfo=None)  # a local time, as a person types it
    except (ValueError, OverflowError) as exc:
        raise ValidationError("--at takes a time like 2026-03-02T08:30, not {at!r}.", at=text[:40]) from exc


def _owner(cafe: Cafe, args: argparse.Namespace) -> int | None:
    """Owner-only commands need the owner's PIN (``--owner-pin`` or CAFE_LOYALTY_OWNER_PIN).

    A café never set up has no owner and nothing to protect: only restoring a backup into it
    (moving a café to a new computer) reaches here, and it acts as nobody in particular."""
    if not cafe.is_set_up:
        return None
    pin = getattr(args, "owner_pin", None) or os.environ.get("CAFE_LOYALTY_OWNER_PIN")
    return cafe.staff.check_owner(pin).id


def _passphrase(args: argparse.Namespace) -> str | None:
    return getattr(args, "passphrase", None) or os.environ.get("CAFE_LOYALTY_PASSPHRASE") or None


def _new_passphrase(args: argparse.Namespace) -> str:
    """From --passphrase or CAFE_LOYALTY_PASSPHRASE, else typed twice (never shown)."""
    given = _passphrase(args)
    if given:
        return given
    import getpass

    try:
        first = getpass.getpass("Backup passphrase (at least 8 characters): ")
        again = getpass.getpass("The same again: ")
    except EOFError:
        raise ValidationError("No passphrase was typed; nothing was changed.") from None
    if again != first:
        raise ValidationError("The two passphrases differ; nothing was changed.")
    return first


def _safe_address(target: str) -> str:
    """A database's address without a password in it (for messages)."""
    if not is_url(target):
        return str(target)
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(target)
    if parts.password is None:
        return target
    host = parts.hostname or ""
    netloc = f"{parts.username}@{host}" + (f":{parts.port}" if parts.port else "")
    return urlunsplit(parts._replace(netloc=netloc))


def _record_id(what: str) -> Callable[[str], int]:
    def parse(text: str) -> int:
        try:
            return parse_id(text, what)
        except ValidationError as exc:
            raise argparse.ArgumentTypeError(exc.message) from exc

    parse.__name__ = what  # argparse names the type in its message
    return parse


def _target(text: str) -> str:
    """A customer id or a card code (checked for shape here, for existence by the service)."""
    stripped = text.strip()
    if is_id_text(stripped):
        _record_id("customer id")(stripped)
    elif not stripped or len(stripped) > codes.MAX_PAYLOAD:
        raise argparse.ArgumentTypeError("give a customer id or a card code")
    return text


def _day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date like 2026-03-02: {text[:20]!r}") from None


def _fraction(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not 0.02 <= value <= 0.5:  # also refuses nan and inf
        raise argparse.ArgumentTypeError(f"a share from 0.02 to 0.5, like 0.10: not {text[:20]!r}")
    return value


def _bounded(low: int, high: int) -> Callable[[str], int]:
    def parse(text: str) -> int:
        stripped = ascii_digits(text.strip())
        if not (stripped.lstrip("-").isascii() and stripped.lstrip("-").isdigit()) or len(stripped) > 12:
            raise argparse.ArgumentTypeError(f"give a whole number from {low} to {high}")
        value = int(stripped)
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"give a whole number from {low} to {high}")
        return value

    parse.__name__ = "number"
    return parse

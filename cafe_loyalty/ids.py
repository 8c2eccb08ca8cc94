"""Record ids typed by people: checked once, before they reach SQL.

SQLite's integers are 64-bit; Python's are not, so ``99999999999999999999`` would reach the
driver and fail there (OverflowError), and 5,000 digits fail even earlier (``int()`` refuses
them). Every front end parses ids here, so a bad one is a clear refusal that changes nothing.
"""

from __future__ import annotations

from .errors import ValidationError
from .text import ascii_digits

MAX_ID = 2**63 - 1
_MAX_DIGITS = len(str(MAX_ID))


def is_id_text(text: str) -> bool:
    """True for what is meant as an id (digits, Persian ones too), whether or not it is in range."""
    text = ascii_digits(text)
    return text.isascii() and text.isdigit()


def parse_id(text: str | int, what: str = "id") -> int:
    """A positive id in SQLite's range, from text or an int; ValidationError otherwise."""
    if isinstance(text, bool):
        raise ValidationError("{what} must be a whole number from 1, not {value}.", what=what, value=text)
    if isinstance(text, int):
        value = text
    else:
        raw = ascii_digits(str(text).strip())
        if not is_id_text(raw) or len(raw.lstrip("0")) > _MAX_DIGITS:
            shown = raw if len(raw) <= 24 else raw[:20] + "…"
            raise ValidationError("{what} must be a whole number from 1, not {value!r}.", what=what, value=shown)
        value = int(raw)
    if not 1 <= value <= MAX_ID:
        raise ValidationError("{what} must be a whole number from 1, not {value}.", what=what, value=value)
    return value

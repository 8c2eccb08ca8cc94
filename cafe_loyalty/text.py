"""Cleaning of names typed at the till, and the folded form that search compares.

A name is stored as the person typed it (after removing invisible control characters that
could reorder or hide text), but it is *found* through a folded key: case, diacritics, the
Arabic and Persian forms of the same letter, zero-width joiners and Eastern digits all compare
equal, so "علي" typed on an Arabic keyboard finds "علی" typed on a Persian one.
"""

from __future__ import annotations

import re
import unicodedata

from .errors import ValidationError

MAX_NAME = 80
MAX_TEXT = 2000

# Bidi embedding/override/isolate controls can make a name display as something else
# ("Trojan Source"); zero-width characters make two equal-looking names differ.
_BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_INVISIBLE = "\u200b\u200c\u200d\u200e\u200f\u2060\ufeff\u061c" + _BIDI_CONTROLS

_LETTER_FOLD = str.maketrans(
    {
        "\u064a": "\u06cc",  # ARABIC YEH -> FARSI YEH
        "\u0649": "\u06cc",  # ALEF MAKSURA -> FARSI YEH
        "\u06d2": "\u06cc",  # YEH BARREE
        "\u0643": "\u06a9",  # ARABIC KAF -> KEHEH
        "\u0629": "\u0647",  # TEH MARBUTA -> HEH
        "\u06c0": "\u0647",  # HEH WITH YEH ABOVE
        "\u0623": "\u0627",  # ALEF WITH HAMZA ABOVE
        "\u0625": "\u0627",  # ALEF WITH HAMZA BELOW
        "\u0622": "\u0627",  # ALEF WITH MADDA
        "\u0671": "\u0627",  # ALEF WASLA
        "\u0624": "\u0648",  # WAW WITH HAMZA
        "\u0626": "\u06cc",  # YEH WITH HAMZA
        "\u0640": None,  # TATWEEL (kashida), pure stretching
        **{ch: None for ch in _INVISIBLE},
        # Persian and Arabic-Indic digits -> ASCII, so phone numbers typed either way meet.
        **{chr(0x06F0 + i): str(i) for i in range(10)},
        **{chr(0x0660 + i): str(i) for i in range(10)},
    }
)

_DIGIT_FOLD = str.maketrans({chr(0x06F0 + i): str(i) for i in range(10)} | {chr(0x0660 + i): str(i) for i in range(10)})

_SPACES = re.compile(r"\s+")
_CONTROL_CATEGORIES = {"Cc", "Cf", "Co", "Cs", "Cn"}


_PERSIAN_LETTERS = str.maketrans({"\u064a": "\u06cc", "\u0649": "\u06cc", "\u0643": "\u06a9"})


def persian_letters(text: str) -> str:
    """Arabic yeh and kaf (ي ى ك) as the Persian ی and ک. A Windows-1256 sheet from a Persian
    Excel has only the Arabic ones; in a Persian café "علي" is stored and shown as "علی"."""
    return text if text.isascii() else text.translate(_PERSIAN_LETTERS)


def ascii_digits(text: str) -> str:
    """Persian (۲۴۶۸) and Arabic-Indic (٢٤٦٨) digits as ASCII ones. A Persian keyboard types
    the former: every PIN, id and count the till reads goes through this, as search does."""
    return text if text.isascii() else text.translate(_DIGIT_FOLD)


def fold(text: str) -> str:
    """The search key of ``text``: what two spellings of the same name have in common."""
    if text.isascii():  # no letter forms, marks or Eastern digits to fold: the common case
        return _SPACES.sub(" ", text.casefold()).strip()
    text = unicodedata.normalize("NFKD", text.translate(_LETTER_FOLD))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = unicodedata.normalize("NFC", text).translate(_LETTER_FOLD).casefold()
    return _SPACES.sub(" ", text).strip()


def clean(text: str | None, *, field: str, max_len: int, required: bool = False) -> str:
    """Make ``text`` safe to store, or refuse it with a message naming ``field``.

    Bidi overrides and other format/control characters are removed (a name must look like what
    it is); ZWNJ is kept because Persian spelling needs it. Letters, emoji and punctuation are
    kept exactly.
    """
    text = text or ""
    if text.isascii() and text.isprintable():  # nothing to remove or normalise: the common case
        text = text.strip() if field == "notes" else _SPACES.sub(" ", text).strip()
        return _checked(text, field, max_len, required)
    text = unicodedata.normalize("NFC", text)
    kept = []
    for ch in text:
        if ch == "\u200c":  # ZWNJ is part of correct Persian spelling (می‌خواهم)
            kept.append(ch)
        elif ch in "\n\t":
            kept.append(" " if field != "notes" else ch)
        elif unicodedata.category(ch) in _CONTROL_CATEGORIES:
            continue
        else:
            kept.append(ch)
    text = "".join(kept).strip()
    if field != "notes":
        text = _SPACES.sub(" ", text)
    return _checked(text, field, max_len, required)


def _checked(text: str, field: str, max_len: int, required: bool) -> str:
    if required and not fold(text):
        raise ValidationError("Please enter a {field}.", field=field.replace("_", " "))
    if len(text) > max_len:
        raise ValidationError(
            "The {field} is too long ({length} characters; at most {most}).",
            field=field.replace("_", " "),
            length=len(text),
            most=max_len,
        )
    return text


def clean_phone(text: str | None) -> str:
    """Keep a phone number readable but refuse what cannot be one."""
    text = clean(text, field="phone", max_len=32)
    digits = fold(text)
    if text and not re.fullmatch(r"[0-9+()\-. /]*", digits):
        raise ValidationError("A phone number may hold only digits, spaces and + ( ) - .")
    if text and len(re.sub(r"\D", "", digits)) < 3:
        raise ValidationError("That phone number is too short.")
    return text


def phone_key(text: str) -> str:
    """Digits only, so '0912 345 6789' and '09123456789' meet in search."""
    return re.sub(r"\D", "", fold(text))


def phone_tail(text: str) -> str:
    """The last ten digits of a phone number (no country code or trunk prefix in them: 0912…,
    +98912… and 0098912… meet), or "" for a number too short to tell anyone by."""
    digits = phone_key(text)
    return digits[-10:] if len(digits) >= 7 else ""

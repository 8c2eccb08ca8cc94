"""Card codes: unguessable, typo-proof, and the only thing a printed QR code holds.

75 random bits from ``secrets`` in Crockford base32 (15 characters) plus one check character
computed with the Luhn mod-N algorithm over the same 32-letter alphabet, written in four groups:
``K7QM-4T2X-9RBD-CW3F``. Luhn mod N catches every single mistyped character and every swap of
two neighbours but one: ``0`` and ``Z`` (the first and last values, as base-10 Luhn misses
09/90). New codes never put those two side by side, so for them every swap is caught and a
misread code is refused instead of opening another regular's card. A forged code must also hit
one of the issued codes out of about 2**75.
"""

from __future__ import annotations

import re
import secrets
from urllib.parse import urlsplit

from cafe_loyalty.errors import InvalidCode

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford: no I, L, O, U
_VALUE = {ch: i for i, ch in enumerate(ALPHABET)}
# Crockford decoding is forgiving of the letters people confuse with digits.
_ALIASES = str.maketrans({"O": "0", "I": "1", "L": "1"})
DATA_CHARS = 15
CODE_CHARS = DATA_CHARS + 1
MAX_PAYLOAD = 512  # a scanner that sends more is not sending one of our cards


def _check_char(data: str) -> str:
    """Luhn mod N over the base32 alphabet."""
    n = len(ALPHABET)
    total, factor = 0, 2
    for ch in reversed(data):
        addend = factor * _VALUE[ch]
        addend = addend // n + addend % n
        total += addend
        factor = 1 if factor == 2 else 2
    return ALPHABET[(n - total % n) % n]


def format_code(raw: str) -> str:
    return "-".join(raw[i : i + 4] for i in range(0, len(raw), 4))


_BLIND_SWAP = ("0Z", "Z0")  # the one neighbour swap Luhn mod 32 cannot see


def new_code() -> str:
    while True:
        data = "".join(secrets.choice(ALPHABET) for _ in range(DATA_CHARS))
        raw = data + _check_char(data)
        if not any(pair in raw for pair in _BLIND_SWAP):  # about 3 draws in 100 are redrawn
            return format_code(raw)


def canonical(text: str) -> str:
    """The canonical ``XXXX-XXXX-XXXX-XXXX`` form of a typed or scanned code, or InvalidCode."""
    if len(text) > MAX_PAYLOAD:
        raise InvalidCode("That is not a card code (far too long).")
    if any(ord(ch) < 32 or ord(ch) == 127 for ch in text.strip()):
        raise InvalidCode("That is not a card code (it contains control characters).")
    raw = re.sub(r"[\s\-]", "", text).upper().translate(_ALIASES)
    if len(raw) != CODE_CHARS or any(ch not in _VALUE for ch in raw):
        raise InvalidCode("That is not a card code. Card codes look like K7QM-4T2X-9RBD-CW3F.")
    if _check_char(raw[:-1]) != raw[-1]:
        raise InvalidCode("That card code does not check out: a character is wrong or missing.")
    return format_code(raw)


def looks_like_code(text: str) -> bool:
    """Cheap shape test, so the search box can tell a code from a name before validating."""
    raw = re.sub(r"[\s\-]", "", text)
    return len(raw) == CODE_CHARS and all(ch.upper() in _VALUE or ch.upper() in "OIL" for ch in raw)


def payload_for(code: str, url_template: str = "") -> str:
    """What the QR code holds: the code alone, or the owner's URL with the code in it."""
    if url_template:
        if "{code}" not in url_template:
            raise InvalidCode("The card URL template must contain {code}.")
        return url_template.replace("{code}", code)
    return code


def code_from_payload(payload: str, url_template: str = "") -> str:
    """Read a scanned payload: a bare code, or a URL made from *our* template.

    A URL from another host or path is refused even if it ends in something code-shaped:
    another café's card must not open one of ours.
    """
    payload = payload.strip()
    if len(payload) > MAX_PAYLOAD:
        raise InvalidCode("That is not a card code (far too long).")
    if "://" not in payload:
        return canonical(payload)
    if not url_template or "{code}" not in url_template:
        raise InvalidCode("That QR code is a web address, not one of this café's cards.")
    prefix, _, suffix = url_template.partition("{code}")
    want, got = urlsplit(prefix), urlsplit(payload)
    if (want.scheme, want.netloc.lower()) != (got.scheme, got.netloc.lower()):
        raise InvalidCode("That QR code belongs to another website, not this café's cards.")
    if not payload.startswith(prefix) and not payload.lower().startswith(prefix.lower()):
        raise InvalidCode("That QR code's address does not match this café's card address.")
    middle = payload[len(prefix) :]
    if suffix:
        if not middle.endswith(suffix):
            raise InvalidCode("That QR code's address does not match this café's card address.")
        middle = middle[: -len(suffix)]
    return canonical(middle)

"""What a card scanner meant, whatever keyboard layout the till is in.

A USB or Bluetooth scanner is a keyboard that presses the keys a US keyboard would need for the
code; the computer turns those keys into characters with the *active* layout. In a Persian café
the barista's Persian layout turns ``9HAY-…`` into ``۹اشغ-…``, in a German one Y and Z swap,
in a French one the digits need Shift. Two ways back, both here and free of Qt so the till, the
customer display and the command line share them:

* **By physical key** (:func:`from_keys`): each key event carries the key's position (an X11 or
  Wayland keycode, a Windows scan code, a macOS virtual key code); the tables below say which
  US character is on that key. This is exact whatever the layout.
* **By character** (:func:`candidates`): where positions are not available (a code typed or
  pasted, a remote desktop, some Bluetooth scanners), the text is read back through each common
  layout's keys. The text as typed is always tried first, and the card service accepts a
  candidate only if it is a code with a valid check character *and* an issued card, so a mapping
  never turns one valid code into another.

The layout tables were read off a real X server (Xvfb with ``setxkbmap``, keys pressed through
XTest, the characters as Qt reported them; ``scripts/keymaps.py`` repeats that check), one entry
per key of :data:`US_KEYS`, unshifted and shifted. An empty entry is a dead key.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import cache

# The keys of the main block, left to right, top to bottom, as a US keyboard labels them.
US_KEYS = "`1234567890-=qwertyuiop[]\\asdfghjkl;'zxcvbnm,./"
US_SHIFTED = '~!@#$%^&*()_+QWERTYUIOP{}|ASDFGHJKL:"ZXCVBNM<>?'

# Where each of those keys is, as each platform numbers it.
# fmt: off
PHYSICAL: dict[str, tuple[int, ...]] = {
    # X11 and Wayland (xkb): the evdev key code + 8, as QKeyEvent.nativeScanCode() gives it.
    "xkb": (49, *range(10, 22), *range(24, 36), 51, *range(38, 49), *range(52, 62)),
    # Windows: set-1 scan codes, QKeyEvent.nativeScanCode().
    "windows": (0x29, *range(0x02, 0x0E), *range(0x10, 0x1C), 0x2B, *range(0x1E, 0x29), *range(0x2C, 0x36)),
    # macOS: kVK_ANSI_* virtual key codes, QKeyEvent.nativeVirtualKey() (its scan code is always 1).
    "mac": (
        0x32, 0x12, 0x13, 0x14, 0x15, 0x17, 0x16, 0x1a, 0x1c, 0x19, 0x1d, 0x1b, 0x18,
        0xc, 0xd, 0xe, 0xf, 0x11, 0x10, 0x20, 0x22, 0x1f, 0x23, 0x21, 0x1e, 0x2a,
        0x0, 0x1, 0x2, 0x3, 0x5, 0x4, 0x26, 0x28, 0x25, 0x29, 0x27, 0x6, 0x7,
        0x8, 0x9, 0xb, 0x2d, 0x2e, 0x2b, 0x2f, 0x2c,
    ),
}
# Qt's platform plugin name -> the table its key events use.
PLATFORMS = {"xcb": "xkb", "wayland": "xkb", "windows": "windows", "cocoa": "mac"}

# What each layout types on those keys: (unshifted, shifted).
LAYOUTS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "fa": (
        (
            '\u200d', '۱', '۲', '۳', '۴', '۵', '۶', '۷', '۸', '۹', '۰', '-', '=', 'ض', 'ص', 'ث',
            'ق', 'ف', 'غ', 'ع', 'ه', 'خ', 'ح', 'ج', 'چ', '\\', 'ش', 'س', 'ی', 'ب', 'ل', 'ا',
            'ت', 'ن', 'م', 'ک', 'گ', 'ظ', 'ط', 'ز', 'ر', 'ذ', 'د', 'پ', 'و', '.', '/',
        ),
        (
            '÷', '!', '٬', '٫', '﷼', '٪', '×', '،', '*', ')', '(', 'ـ', '+', 'ْ', 'ٌ', 'ٍ',
            'ً', 'ُ', 'ِ', 'َ', 'ّ', ']', '[', '}', '{', '|', 'ؤ', 'ئ', 'ي', 'إ', 'أ', 'آ',
            'ة', '»', '«', ':', '؛', 'ك', 'ٓ', 'ژ', 'ٰ', '\u200c', 'ٔ', 'ء', '>', '<', '؟',
        ),
    ),
    "ar": (
        (
            'ذ', '1', '2', '3', '4', '5', '6', '7', '8', '9', '0', '-', '=', 'ض', 'ص', 'ث',
            'ق', 'ف', 'غ', 'ع', 'ه', 'خ', 'ح', 'ج', 'د', '\\', 'ش', 'س', 'ي', 'ب', 'ل', 'ا',
            'ت', 'ن', 'م', 'ك', 'ط', 'ئ', 'ء', 'ؤ', 'ر', 'لا', 'ى', 'ة', 'و', 'ز', 'ظ',
        ),
        (
            'ّ', '!', '@', '#', '$', '%', '^', '&', '*', ')', '(', '_', '+', 'َ', 'ً', 'ُ',
            'ٌ', 'لإ', 'إ', '`', '÷', '×', '؛', '<', '>', '…', 'ِ', 'ٍ', ']', '[', 'لأ', 'أ',
            'ـ', '،', '/', ':', '"', '~', 'ْ', '}', '{', 'لآ', 'آ', "'", ',', '.', '؟',
        ),
    ),
    "de": (
        (
            '', '1', '2', '3', '4', '5', '6', '7', '8', '9', '0', 'ß', '', 'q', 'w', 'e',
            'r', 't', 'z', 'u', 'i', 'o', 'p', 'ü', '+', '#', 'a', 's', 'd', 'f', 'g', 'h',
            'j', 'k', 'l', 'ö', 'ä', 'y', 'x', 'c', 'v', 'b', 'n', 'm', ',', '.', '-',
        ),
        (
            '°', '!', '"', '§', '$', '%', '&', '/', '(', ')', '=', '?', '', 'Q', 'W', 'E',
            'R', 'T', 'Z', 'U', 'I', 'O', 'P', 'Ü', '*', "'", 'A', 'S', 'D', 'F', 'G', 'H',
            'J', 'K', 'L', 'Ö', 'Ä', 'Y', 'X', 'C', 'V', 'B', 'N', 'M', ';', ':', '_',
        ),
    ),
    "fr": (
        (
            '²', '&', 'é', '"', "'", '(', '-', 'è', '_', 'ç', 'à', ')', '=', 'a', 'z', 'e',
            'r', 't', 'y', 'u', 'i', 'o', 'p', '', '$', '*', 'q', 's', 'd', 'f', 'g', 'h',
            'j', 'k', 'l', 'm', 'ù', 'w', 'x', 'c', 'v', 'b', 'n', ',', ';', ':', '!',
        ),
        (
            '~', '1', '2', '3', '4', '5', '6', '7', '8', '9', '0', '°', '+', 'A', 'Z', 'E',
            'R', 'T', 'Y', 'U', 'I', 'O', 'P', '', '£', 'µ', 'Q', 'S', 'D', 'F', 'G', 'H',
            'J', 'K', 'L', 'M', '%', 'W', 'X', 'C', 'V', 'B', 'N', '?', '.', '/', '§',
        ),
    ),
    "ru": (
        (
            'ё', '1', '2', '3', '4', '5', '6', '7', '8', '9', '0', '-', '=', 'й', 'ц', 'у',
            'к', 'е', 'н', 'г', 'ш', 'щ', 'з', 'х', 'ъ', '\\', 'ф', 'ы', 'в', 'а', 'п', 'р',
            'о', 'л', 'д', 'ж', 'э', 'я', 'ч', 'с', 'м', 'и', 'т', 'ь', 'б', 'ю', '.',
        ),
        (
            'Ё', '!', '"', '№', ';', '%', ':', '?', '*', '(', ')', '_', '+', 'Й', 'Ц', 'У',
            'К', 'Е', 'Н', 'Г', 'Ш', 'Щ', 'З', 'Х', 'Ъ', '/', 'Ф', 'Ы', 'В', 'А', 'П', 'Р',
            'О', 'Л', 'Д', 'Ж', 'Э', 'Я', 'Ч', 'С', 'М', 'И', 'Т', 'Ь', 'Б', 'Ю', ',',
        ),
    ),
}
# fmt: on
# Persian (legacy): the Windows layout before ISIRI 9147 differs from it on two keys of the
# unshifted level (M types ئ, backslash types پ). Its shifted level could not be checked here
# (X has no such layout), so it is left unknown: a scan in it is read by key position, a code
# typed without Shift by character.
LAYOUTS["fa-legacy"] = (
    tuple({"m": "ئ", "\\": "پ"}.get(key, typed) for key, typed in zip(US_KEYS, LAYOUTS["fa"][0], strict=True)),
    ("",) * len(US_KEYS),
)
# Eastern digits (Persian and Arabic-Indic), which some layouts type and people paste.
_DIGITS = {chr(0x06F0 + i): str(i) for i in range(10)} | {chr(0x0660 + i): str(i) for i in range(10)}
# Scripts whose layouts cannot type a card code as it is printed: the till hints at the layout.
NON_LATIN = ("fa", "ar", "ru")

for _name, (_plain, _shifted) in LAYOUTS.items():
    assert len(_plain) == len(_shifted) == len(US_KEYS), _name


def from_keys(platform: str, keys: Iterable[tuple[int, int, bool]]) -> str | None:
    """The text a US keyboard would have typed for these key presses, each given as
    ``(native scan code, native virtual key, shift held)``; None when the platform gives no
    positions or a key is not in the table (the caller falls back on :func:`candidates`)."""
    table = PLATFORMS.get(platform)
    if table is None:
        return None
    where = _position(table)
    out = []
    for scan, virtual, shift in keys:
        index = where.get(virtual if table == "mac" else scan)
        if index is None:
            return None
        out.append((US_SHIFTED if shift else US_KEYS)[index])
    return "".join(out) or None


@cache
def _position(table: str) -> dict[int, int]:
    return {code: i for i, code in enumerate(PHYSICAL[table])}


@cache
def _reverse(layout: str) -> dict[str, str]:
    """What each thing the layout types means on a US keyboard (same key, same level)."""
    plain, shifted = LAYOUTS[layout]
    back: dict[str, str] = dict(_DIGITS)
    for level, us in ((shifted, US_SHIFTED), (plain, US_KEYS)):  # unshifted wins a tie
        for typed, meant in zip(level, us, strict=True):
            if typed:
                back[typed] = meant
    return back


def as_us(text: str, layout: str) -> str:
    """``text`` read back through ``layout``'s keys; characters the layout does not type are
    kept. Where a key types two letters (Arabic's lam-alef) the one key is preferred."""
    return readings(text, layout)[0]


MAX_READINGS = 64


def readings(text: str, layout: str) -> list[str]:
    """Every way ``text`` can be read back through ``layout``'s keys, one key preferred over two.

    In the Arabic layout one key types لا and two keys (G then H) type the same two letters, so
    the text alone cannot say which was pressed; each reading is a candidate, and only one that
    is an issued card's code is ever accepted. At most :data:`MAX_READINGS`."""
    back = _reverse(layout)
    found = [""]
    i = 0
    while i < len(text):
        pair, single = text[i : i + 2], text[i]
        one = back.get(single, single)
        if len(pair) == 2 and pair in back:
            two_keys = one + back.get(pair[1], pair[1])
            if len(found) * 2 <= MAX_READINGS:
                found = [r + back[pair] for r in found] + [r + two_keys for r in found]
            else:
                found = [r + back[pair] for r in found]
            i += 2
        else:
            found = [r + one for r in found]
            i += 1
    return found


def candidates(text: str, layouts: Sequence[str] | None = None) -> list[str]:
    """The text as typed, then as each layout's keys would read on a US keyboard; no repeats."""
    found = [text]
    for layout in layouts or LAYOUTS:
        for reading in readings(text, layout):
            if reading not in found:
                found.append(reading)
    return found


def typed_in(text: str) -> str | None:
    """The non-Latin layout ``text`` was most likely typed in, for a hint (None for Latin):
    the one whose unshifted keys type most of it (Persian and Arabic share many letters)."""
    best: str | None = None
    score = (0, 0)
    for layout in NON_LATIN:
        plain, shifted = LAYOUTS[layout]
        found = (
            sum(ch in plain for ch in text if not ch.isascii()),
            sum(ch in shifted for ch in text if not ch.isascii()),
        )
        if found > (0, 0) and (best is None or found > score):
            best, score = layout, found
    return best

"""Reading a card code back from whatever keyboard layout typed it (core, no Qt)."""

from __future__ import annotations

import pytest

from cafe_loyalty.cli import main
from cafe_loyalty.errors import InvalidCode
from cafe_loyalty.printing import codes
from cafe_loyalty.scanning import keymap

ALPHABET = codes.ALPHABET + "-"
LAYOUTS = list(keymap.LAYOUTS)
# Layouts whose shifted level is known (a scanner holds Shift for capitals).
SHIFTED = [name for name, (_plain, shifted) in keymap.LAYOUTS.items() if any(shifted)]


def scanner_types(code: str, layout: str) -> str:
    """What a US scanner's key presses become in ``layout``: capitals with Shift held, digits
    and the dash without."""
    plain, shifted = keymap.LAYOUTS[layout]
    out = []
    for ch in code:
        index = keymap.US_KEYS.index(ch.lower())
        out.append((shifted if ch.isalpha() else plain)[index])
    return "".join(out)


def person_types(code: str, layout: str) -> str:
    """A barista typing the printed code without switching layout and without Shift."""
    plain, _shifted = keymap.LAYOUTS[layout]
    return "".join(plain[keymap.US_KEYS.index(ch.lower())] for ch in code)


@pytest.mark.parametrize("layout", LAYOUTS)
def test_every_code_character_comes_back_from_every_layout(layout):
    for ch in ALPHABET:
        if layout in SHIFTED:
            typed = scanner_types(ch, layout)
            assert typed, f"{layout} cannot type {ch!r}"
            assert keymap.as_us(typed, layout).upper() == ch, (layout, ch, typed)
        unshifted = person_types(ch, layout)
        assert keymap.as_us(unshifted, layout).upper() == ch, (layout, ch, unshifted)


@pytest.mark.parametrize("layout", LAYOUTS)
def test_no_two_code_keys_type_the_same_thing_in_one_layout(layout):
    """The way back is unambiguous: within a layout, each key of the code alphabet (at either
    level a scanner or a person would use) types something no other such key types."""
    seen: dict[str, str] = {}
    for ch in ALPHABET:
        ways = {person_types(ch, layout)} | ({scanner_types(ch, layout)} if layout in SHIFTED else set())
        for typed in ways:
            assert seen.setdefault(typed, ch) == ch, (layout, typed, seen[typed], ch)


def test_a_valid_code_is_always_read_as_itself_first():
    for _ in range(500):
        valid = codes.new_code()
        assert keymap.candidates(valid)[0] == valid


def test_digits_from_persian_and_arabic_keyboards():
    assert keymap.as_us("۱۲۳٤٥٦", "fa") == "123456"
    assert keymap.as_us("١٢٣", "de") == "123"


def test_arabic_lam_alef_is_one_key():
    assert keymap.as_us("لا", "ar") == "b" and keymap.as_us("لآ", "ar") == "B"
    assert keymap.as_us("لإل", "ar") == "Tg"


@pytest.mark.parametrize("platform", ["xcb", "wayland", "windows", "cocoa"])
def test_physical_keys_read_as_us_keys_on_every_platform(platform):
    table = keymap.PHYSICAL[keymap.PLATFORMS[platform]]
    assert len(set(table)) == len(table) == len(keymap.US_KEYS)
    code = codes.new_code()
    keys = []
    for ch in code:
        position = table[keymap.US_KEYS.index(ch.lower())]
        scan, virtual = (1, position) if platform == "cocoa" else (position, 0)
        keys.append((scan, virtual, ch.isalpha()))
    assert keymap.from_keys(platform, keys) == code
    assert keymap.from_keys("offscreen", keys) is None  # no positions: the characters decide
    assert keymap.from_keys(platform, [*keys, (9999, 9999, False)]) is None


def test_the_hint_names_the_layout():
    assert keymap.typed_in("۹اشغ-غغدذ") == "fa"
    assert keymap.typed_in("ةلاي") == "ar"
    assert keymap.typed_in("ЙЦУК") == "ru"
    assert keymap.typed_in("K7QM-4T2X") is None


@pytest.fixture
def regulars(cafe):
    return [cafe.customers.add(f"Guest {i}") for i in range(40)]


@pytest.mark.parametrize("layout", LAYOUTS)
def test_lookup_finds_each_card_typed_in_each_layout(cafe, regulars, layout):
    for person in regulars:
        ways = [person_types(person.card.code, layout)]
        ways += [scanner_types(person.card.code, layout)] if layout in SHIFTED else []
        for typed in ways:
            assert cafe.cards.lookup(typed).id == person.id, (layout, typed)


def test_lookup_never_lands_on_someone_else(cafe, regulars):
    """Codes that check out but were never issued, typed in every layout: nobody opens, even
    though a layout's mapping can turn text into some other well-formed code."""
    for _ in range(150):
        stranger = codes.new_code()
        for layout in LAYOUTS:
            with pytest.raises(InvalidCode):
                cafe.cards.lookup(person_types(stranger, layout))
            if layout in SHIFTED:
                with pytest.raises(InvalidCode):
                    cafe.cards.lookup(scanner_types(stranger, layout))


def test_lookup_prefers_the_reading_by_position(cafe, regulars):
    sara, reza = regulars[:2]
    assert cafe.cards.lookup([sara.card.code, reza.card.code]).id == sara.id
    assert cafe.cards.lookup(["", reza.card.code]).id == reza.id


def test_card_lookup_on_the_command_line_takes_any_layout(cafe, regulars, capsys):
    cafe.close()
    code = regulars[3].card.code
    # "--" ends the options: a French scanner types the digit 6 as "-", so a scan may start with one.
    assert main(["--db", cafe.address, "card", "lookup", "--json", "--", person_types(code, "fa")]) == 0
    assert f'"id": {regulars[3].id}' in capsys.readouterr().out
    assert main(["--db", cafe.address, "card", "lookup", "--", scanner_types(code, "fr")]) == 0
    leading_dash = scanner_types("6" + code[1:], "fr")
    assert leading_dash.startswith("-")
    # Read as a code (found, or refused as unknown: exit 3), never as an unknown option (exit 2).
    assert main(["--db", cafe.address, "card", "lookup", "--", leading_dash]) in (0, 3)

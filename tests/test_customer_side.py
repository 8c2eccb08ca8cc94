"""The customer's side in the core (issue #14): what the display and the phone page may show,
self check-in with its slow-down, phone check-in, the card address filled in when the page is
turned on, and the counter sign."""

from __future__ import annotations

import pytest
from PIL import Image

from cafe_loyalty.errors import InvalidCode, ValidationError
from cafe_loyalty.page.address import page_slug, url_template
from cafe_loyalty.services.display import ASK_AT_COUNTER, SLOW_DOWN, AskAtCounter, ShownCard, moment, shown_name

from .qr import decode_all


@pytest.fixture
def owner(cafe) -> int:
    return cafe.staff.owner_id()


@pytest.fixture
def sara(cafe):
    return cafe.customers.add(
        "Sara",
        last_name="Karimi",
        phone="0912 345 6789",
        notes="likes the window seat",
        allergies="walnuts",
        email="sara@example.com",
    )


def test_shown_card_carries_only_what_the_customer_may_see(cafe, sara, barista):
    cafe.ledger.stamp(sara.card.id, by=barista)
    shown = cafe.customer_side.card_of(sara.id)
    assert (shown.name, shown.filled, shown.slots, shown.head_start) == ("Sara", 3, 10, 2)
    assert shown.to_go == 7 and not shown.redeemable
    text = repr(shown.to_json())
    for private in ("Karimi", "0912", "window seat", "walnuts", "sara@example.com", sara.card.code):
        assert private not in text


@pytest.mark.parametrize(
    ("style", "first", "expected"),
    [("first", "Sara", "Sara"), ("initial", "sara", "S."), ("initial", "\u200fمریم", "م."), ("none", "Sara", "")],
)
def test_the_owner_decides_how_the_customer_is_greeted(cafe, owner, style, first, expected):
    customer = cafe.customers.add(first)
    cafe.settings.update(by=owner, display_name=style)
    assert cafe.customer_side.card_of(customer.id).name == expected
    assert shown_name(first, style) == expected


def test_an_unknown_name_style_is_refused(cafe, owner):
    with pytest.raises(ValidationError, match="one of"):
        cafe.settings.update(by=owner, display_name="full")
    assert cafe.settings.get("display_name") == "first"


def test_birthday_week_is_shown_only_if_the_owner_allows(cafe, clock, owner):
    today = clock.now().date()
    customer = cafe.customers.add("Sara", birthday_month=today.month, birthday_day=today.day)
    assert cafe.customer_side.card_of(customer.id).birthday_week
    cafe.settings.update(by=owner, display_birthday=0)
    assert not cafe.customer_side.card_of(customer.id).birthday_week


def test_moments_between_two_states():
    base = ShownCard(1, 10, "Sara", 10, 2, 5, "a coffee", False)
    stamped = ShownCard(1, 10, "Sara", 10, 2, 6, "a coffee", False)
    full = ShownCard(1, 10, "Sara", 10, 2, 10, "a coffee", False)
    nine = ShownCard(1, 10, "Sara", 10, 2, 9, "a coffee", False)
    new = ShownCard(1, 11, "Sara", 10, 2, 2, "a coffee", False)
    other = ShownCard(2, 12, "Reza", 10, 2, 6, "a coffee", False)
    assert moment(None, base) == "same"
    assert moment(base, stamped) == "stamped"
    assert moment(nine, full) == "ready"
    assert moment(full, new) == "redeemed"
    assert moment(stamped, base) == "undone"
    assert moment(base, other) == "same"  # another customer is not a stamp


def test_check_in_reads_and_never_writes(cafe, sara):
    before = cafe.backups.current_counts()
    shown = cafe.customer_side.check_in([sara.card.code])
    assert shown.customer_id == sara.id
    assert cafe.backups.current_counts() == before


def test_unknown_revoked_and_foreign_codes_get_the_same_answer(cafe, sara, barista):
    old = sara.card.code
    cafe.cards.reissue(sara.id, by=barista)
    answers = set()
    for payload in (old, "K7QM-4T2X-9RBD-CW3F", "https://elsewhere.example/c/" + old, "\u202e" + "x" * 5000, ""):
        with pytest.raises(AskAtCounter) as caught:
            cafe.customer_side.check_in([payload])
        answers.add(caught.value.message)
        cafe.customer_side.gate.succeeded()  # judge each answer apart from the slow-down
    assert answers == {ASK_AT_COUNTER}


def test_a_burst_of_bad_scans_is_slowed_down_and_time_lets_it_go(cafe, sara, clock):
    gate = cafe.customer_side.gate
    for _ in range(gate.allowed):
        with pytest.raises(AskAtCounter, match="ask at the counter"):
            cafe.customer_side.check_in(["NOT-A-CODE-AT-ALL"])
    with pytest.raises(AskAtCounter) as caught:  # even a good card waits now
        cafe.customer_side.check_in([sara.card.code])
    assert caught.value.message == SLOW_DOWN
    clock.advance(seconds=gate.pause + 1)
    assert cafe.customer_side.check_in([sara.card.code]).customer_id == sara.id
    # the next burst waits longer only if it follows straight on; a good scan cleared it
    for _ in range(gate.allowed):
        with pytest.raises(AskAtCounter):
            cafe.customer_side.check_in(["NOT-A-CODE-AT-ALL"])
    clock.advance(seconds=gate.pause + 1)
    assert cafe.customer_side.check_in([sara.card.code]).customer_id == sara.id


def test_phone_check_in_is_off_until_the_owner_turns_it_on(cafe, sara, owner):
    with pytest.raises(AskAtCounter):
        cafe.customer_side.check_in_by_phone("09123456789")
    cafe.settings.update(by=owner, display_phone_checkin=1)
    for typed in ("09123456789", "+98 912 345 6789", "00989123456789", "۰۹۱۲۳۴۵۶۷۸۹"):
        assert cafe.customer_side.check_in_by_phone(typed).customer_id == sara.id
        cafe.customer_side.gate.succeeded()


def test_phone_check_in_refuses_short_unknown_and_shared_numbers(cafe, sara, owner):
    cafe.settings.update(by=owner, display_phone_checkin=1)
    cafe.customers.add("Reza", phone="0912 000 1111")
    cafe.customers.add("Ali", phone="0912 000 1111")  # a shared family phone
    for typed in ("6789", "0912 999 9999", "09120001111", "", "٠٩١٢"):
        with pytest.raises(AskAtCounter):
            cafe.customer_side.check_in_by_phone(typed)
        cafe.customer_side.gate.succeeded()


def test_rest_screen_pitch_newest_item_and_contact(cafe, owner):
    cafe.menu.add("Saffron cake", by=owner)
    cafe.settings.update(by=owner, contact_phone="021 555 0101", contact_social_1="@cafeshirin")
    rest = cafe.customer_side.rest_screen()
    assert (rest.head_start, rest.slots, rest.newest_item) == (2, 10, "Saffron cake")
    assert "@cafeshirin" in rest.contact and "021 555 0101" in rest.contact
    cafe.settings.update(by=owner, display_newest_item=0)
    assert cafe.customer_side.rest_screen().newest_item == ""


def test_turning_the_page_on_fills_in_the_card_address_and_cards_still_scan(cafe, owner, sara):
    assert cafe.settings.get("card_url_template") == ""
    cafe.settings.update(by=owner, phone_page=1)
    assert cafe.settings.get("card_url_template") == "http://cafe-shirin.local:8765/c/{code}"
    printed = cafe.cards.printed(sara.id)
    assert printed.payload == f"http://cafe-shirin.local:8765/c/{sara.card.code}"
    assert cafe.cards.lookup(printed.payload).id == sara.id  # the till reads the new cards
    cafe.settings.update(by=owner, phone_page_address="192.168.1.20", phone_page_port=8080)
    assert cafe.settings.get("card_url_template") == "http://192.168.1.20:8080/c/{code}"
    cafe.settings.update(by=owner, phone_page=0)  # off: cards printed with it still scan
    assert cafe.settings.get("card_url_template") == "http://192.168.1.20:8080/c/{code}"


def test_the_owners_own_card_address_is_kept(cafe, owner):
    cafe.settings.update(by=owner, card_url_template="https://shirin.example/card/{code}")
    cafe.settings.update(by=owner, phone_page=1)
    assert cafe.settings.get("card_url_template") == "https://shirin.example/card/{code}"


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("phone_page_bind", "not-an-ip"),
        ("phone_page_address", "http://cafe.example/x"),
        ("phone_page_address", "café"),
        ("phone_page_port", 80),
        ("phone_page_port", 70000),
    ],
)
def test_bad_page_settings_are_refused_and_change_nothing(cafe, owner, key, value):
    before = cafe.settings.all()
    with pytest.raises(ValidationError):
        cafe.settings.update(by=owner, phone_page=1, **{key: value})
    assert cafe.settings.all() == before


def test_the_page_address_comes_from_the_cafe_name():
    assert page_slug("Café Shirin") == "cafe-shirin"
    assert page_slug("کافه شیرین") == "cafe-loyalty"
    assert page_slug("  ** Bean & Leaf!! ") == "bean-leaf"
    assert url_template({"cafe_name": "Café Shirin", "phone_page_port": 8765}) == (
        "http://cafe-shirin.local:8765/c/{code}"
    )
    assert url_template({"phone_page_address": "fe80::1", "phone_page_port": 8000}).startswith("http://[fe80::1]:8000")


def test_the_counter_sign_is_a5_in_both_languages(cafe, owner, tmp_path):
    cafe.settings.update(by=owner, phone_page=1)
    pdf = cafe.cards.save_sign(tmp_path / "sign.pdf")
    png = cafe.cards.save_sign(tmp_path / "sign.png")
    assert pdf.read_bytes().startswith(b"%PDF")
    with Image.open(png) as img:
        width_mm = img.width / img.info["dpi"][0] * 25.4
        height_mm = img.height / img.info["dpi"][1] * 25.4
        assert round(width_mm) == 148 and round(height_mm) == 210
        # the head start is drawn: gold slots exist on the sign
        colours = {c for _n, c in img.convert("RGB").getcolors(1 << 22)}
        assert (224, 176, 74) in colours
        assert decode_all(img.convert("RGB")) == []  # a sign is for everyone: it holds no card code
    with pytest.raises(ValidationError, match=r"\.pdf or a \.png"):
        cafe.cards.save_sign(tmp_path / "sign.txt")
    assert not (tmp_path / "sign.txt").exists()


def test_cards_printed_before_the_page_moved_still_open_at_the_till(cafe, owner, sara):
    cafe.settings.update(by=owner, phone_page=1)
    first = cafe.cards.printed(sara.id).payload
    cafe.settings.update(by=owner, phone_page_port=9000)
    second = cafe.cards.printed(sara.id).payload
    assert first != second
    assert cafe.cards.lookup(first).id == sara.id and cafe.cards.lookup(second).id == sara.id
    with pytest.raises(InvalidCode):  # another site's address with our code is still refused
        cafe.cards.lookup(f"https://elsewhere.example/c/{sara.card.code}")


def test_the_sign_from_the_command_line(cafe, db_path, tmp_path, capsys):
    from cafe_loyalty.cli import main as cli

    cafe.close()
    assert (
        cli(["--db", cafe.address, "sign", "--pdf", str(tmp_path / "sign.pdf"), "--png", str(tmp_path / "s.png")]) == 0
    )
    assert (tmp_path / "sign.pdf").read_bytes().startswith(b"%PDF") and (tmp_path / "s.png").exists()
    assert cli(["--db", cafe.address, "sign"]) == 2
    assert "--pdf FILE" in capsys.readouterr().err
    assert cli(["--db", cafe.address, "sign", "--png", str(tmp_path / "sign.gif")]) == 2
    assert not (tmp_path / "sign.gif").exists()

"""Printed cards: the QR code reads back as exactly the payload, sizes are right, sheets hold
the right cards, names can be left off, and lost cards are reissued."""

from __future__ import annotations

import datetime as dt

import pytest
import zxingcpp
from PIL import Image

from cafe_loyalty.errors import InvalidCode, RevokedCode, StorageError, ValidationError
from cafe_loyalty.printing import codes
from cafe_loyalty.printing.cards import CARD_PX, PrintedCard, render_card

from .qr import decode_all, page_sizes_mm, rasterise


def test_png_card_decodes_to_exactly_the_code(cafe, tmp_path):
    sara = cafe.customers.add("Sara", phone="0912 345 6789")
    path = cafe.cards.save_png(sara.id, tmp_path / "sara.png")
    image = Image.open(path)
    assert image.size == CARD_PX  # 85.6 x 54 mm at 300 dpi
    assert image.info["dpi"] == pytest.approx((300, 300), abs=0.01)
    assert decode_all(image) == [sara.card.code]


def test_pdf_card_is_credit_card_size_and_decodes_after_rasterising(cafe, tmp_path):
    sara = cafe.customers.add("Sara")
    pdf = cafe.cards.save_pdf(sara.id, tmp_path / "sara.pdf")
    [(w, h)] = page_sizes_mm(pdf)
    assert w == pytest.approx(85.6, abs=0.05) and h == pytest.approx(54.0, abs=0.1)
    [page] = rasterise(pdf)
    assert decode_all(page) == [sara.card.code]


def test_url_template_payload_and_no_personal_data(cafe, tmp_path):
    cafe.settings.update(card_url_template="https://shirin.cafe/c/{code}", by=cafe.staff.owner_id())
    sara = cafe.customers.add("Sara", last_name="Ahmadi", phone="0912 345 6789")
    [payload] = decode_all(Image.open(cafe.cards.save_png(sara.id, tmp_path / "c.png")))
    assert payload == f"https://shirin.cafe/c/{sara.card.code}"
    for personal in ("Sara", "Ahmadi", "0912", "345", str(sara.id) + "/"):
        assert personal not in payload
    assert cafe.cards.lookup(payload).id == sara.id


@pytest.mark.parametrize(
    "template",
    ["shirin.cafe/{code}", "https://shirin.cafe/c/", "https://x/{code}/{name}", "https://x/{code}{code}"],
)
def test_bad_url_templates_are_refused(cafe, template):
    with pytest.raises(ValidationError):
        cafe.settings.update(card_url_template=template, by=cafe.staff.owner_id())
    assert cafe.settings.get("card_url_template") == ""


def test_names_can_be_left_off_and_persian_names_render(cafe):
    cafe.settings.update(card_show_names=0, by=cafe.staff.owner_id())
    sara = cafe.customers.add("Sara")
    assert cafe.cards.printed(sara.id).first_name == ""
    cafe.settings.update(card_show_names=1, by=cafe.staff.owner_id())
    mehr = cafe.customers.add("مهر\u200cناز")
    card = cafe.cards.printed(mehr.id)
    assert card.first_name == "مهر\u200cناز"
    assert decode_all(render_card(card)) == [mehr.card.code]


def test_head_start_slots_are_printed_filled(cafe):
    sara = cafe.customers.add("Sara")
    printed = cafe.cards.printed(sara.id)
    blank = render_card(PrintedCard(**{**printed.__dict__, "head_start": 0}))
    marked = render_card(printed)
    gold = (224, 176, 74)
    count = lambda img: dict((c, n) for n, c in img.getcolors(1 << 24)).get(gold, 0)  # noqa: E731
    assert count(marked) - count(blank) > 2 * 2000  # two filled slots of ~70 px diameter


def test_a4_sheet_holds_ten_cards_and_each_decodes(cafe, clock, tmp_path):
    people = [cafe.customers.add(f"Guest {i}") for i in range(13)]
    pdf = cafe.cards.save_sheets([p.id for p in people], tmp_path / "sheet.pdf")
    sizes = page_sizes_mm(pdf)
    assert len(sizes) == 2
    for w, h in sizes:
        assert w == pytest.approx(210, abs=0.2) and h == pytest.approx(297, abs=0.2)
    pages = rasterise(pdf, dpi=150)
    found = [decode_all(page) for page in pages]
    assert [len(f) for f in found] == [10, 3]
    assert sorted(found[0] + found[1]) == sorted(p.card.code for p in people)


def test_added_since_picks_this_weeks_new_regulars(cafe, clock):
    cafe.customers.add("Old")
    clock.advance(days=8)
    new = cafe.customers.add("New")
    assert cafe.cards.added_since((clock.now() - dt.timedelta(days=7)).date()) == [new.id]


def test_unwritable_destination_writes_nothing(cafe, tmp_path):
    sara = cafe.customers.add("Sara")
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(StorageError):
        cafe.cards.save_pdf(sara.id, blocker / "card.pdf")
    folder = tmp_path / "out"
    folder.mkdir()
    cafe.cards.save_png(sara.id, folder / "card.png")
    assert [p.name for p in folder.iterdir()] == ["card.png"]  # no temporary file left behind


def test_reissue_keeps_progress_and_revokes_the_old_code(cafe, clock, barista):
    sara = cafe.customers.add("Sara")
    cafe.ledger.stamp(sara.card.id, by=barista)
    old = sara.card.code
    result = cafe.cards.reissue(sara.id, by=barista)
    assert result.revoked_code == old and result.card.code != old
    assert result.card.id == sara.card.id and result.card.filled == 3
    assert cafe.cards.lookup(result.card.code).id == sara.id
    with pytest.raises(RevokedCode) as info:
        cafe.cards.lookup(old)
    assert result.card.code in info.value.message and info.value.current_code == result.card.code
    assert [c.id for c in cafe.customers.search(result.card.code[:9])] == [sara.id]
    assert cafe.customers.search(old[:9]) == []
    # reissued twice: the first code still points to the newest
    newest = cafe.cards.reissue(sara.id, by=barista).card.code
    with pytest.raises(RevokedCode) as info:
        cafe.cards.lookup(old)
    assert info.value.current_code == newest


@pytest.mark.parametrize(
    "payload",
    [
        "",
        "K7QM-4T2X-9RBD-CW3X",  # wrong check character
        "X" * 5000,
        "K7QM\x07-4T2X-9RBD-CW3F",
        "https://evil.example/c/K7QM-4T2X-9RBD-CW3F",
        "Sara Ahmadi",
        "'; DROP TABLE customer; --",
    ],
)
def test_bad_scans_open_nobody(cafe, payload):
    cafe.settings.update(card_url_template="https://shirin.cafe/c/{code}", by=cafe.staff.owner_id())
    cafe.customers.add("Sara")
    with pytest.raises(InvalidCode):
        cafe.cards.lookup(payload)


def test_unknown_but_well_formed_code(cafe):
    cafe.customers.add("Sara")
    with pytest.raises(InvalidCode, match="another café"):
        cafe.cards.lookup(codes.new_code())


def _gold_columns(image: Image.Image) -> list[int]:
    gold = (224, 176, 74)
    rgb = image.convert("RGB")
    return [x for x in range(rgb.width) if any(rgb.getpixel((x, y)) == gold for y in range(0, rgb.height, 3))]


def test_persian_card_is_mirrored_and_decodes(cafe, tmp_path):
    cafe.settings.update(
        language="fa", cafe_name="کافه شیرین", reward_text="یک نوشیدنی رایگان", by=cafe.staff.owner_id()
    )
    mehr = cafe.customers.add("مهر\u200cناز")
    printed = cafe.cards.printed(mehr.id)
    assert printed.language == "fa"
    pdf = cafe.cards.save_pdf(mehr.id, tmp_path / "mehr.pdf")
    [page] = rasterise(pdf)
    assert decode_all(page) == [mehr.card.code]
    persian = render_card(printed)
    english = render_card(PrintedCard(**{**printed.__dict__, "language": "en"}))
    [qr_fa] = zxingcpp.read_barcodes(persian)
    [qr_en] = zxingcpp.read_barcodes(english)
    assert qr_fa.position.top_left.x < CARD_PX[0] / 2 < qr_en.position.top_left.x  # QR on the left
    # The head-start slots are filled from the right edge in Persian, from the left in English.
    assert min(_gold_columns(persian)) > CARD_PX[0] / 2 > max(_gold_columns(english))

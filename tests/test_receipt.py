"""The receipt slip (issue #17): a regular's card on 58 or 80 mm roll paper, as a PDF at the
roll's true width, through the print preview, or straight to an ESC/POS printer (what is sent
is checked with python-escpos's dummy printer and a device file); after each stamp if the till
is set to; with the café's contact details (issue #20)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPageLayout

from cafe_loyalty import till_prefs
from cafe_loyalty.errors import ValidationError
from cafe_loyalty.printing.cards import SLIP_DPI, render_slip
from cafe_loyalty.printing.receipt import check_address, escpos_bytes, printable_image

from .conftest import settle
from .qr import decode_all, pdftoppm, rasterise


@pytest.fixture
def sara(cafe, barista):
    sara = cafe.customers.add("Sara", last_name="Karimi", phone="0912 345 6789")
    for _ in range(4):
        cafe.ledger.stamp(sara.card.id, by=barista, force=True)
    return sara


@pytest.mark.parametrize("width", [58, 80])
def test_the_slip_pdf_is_as_wide_as_the_roll_and_its_qr_reads_back(cafe, sara, tmp_path, width):
    pdftoppm()
    cafe.settings.update(by=cafe.staff.owner_id(), contact_phone="021 555 0101", contact_social_1="@cafeshirin")
    pdf = cafe.cards.save_slip_pdf(sara.id, tmp_path / "slip.pdf", width)
    text = pdf.read_bytes()
    box = [float(v) for v in text.split(b"/MediaBox [")[1].split(b"]")[0].split()]
    assert round((box[2] - box[0]) / 72 * 25.4) == width
    (page,) = rasterise(pdf, 300)
    assert decode_all(page) == [sara.card.code]


def test_the_slip_shows_progress_and_contact_and_no_private_details(cafe, sara):
    cafe.settings.update(by=cafe.staff.owner_id(), contact_social_1="@cafeshirin")
    slip = cafe.cards.slip(sara.id)
    assert (slip.filled, slip.card.slots, slip.card.first_name) == (6, 10, "Sara")
    assert "@cafeshirin" in slip.card.contact and "0912" not in repr(slip) and "Karimi" not in repr(slip)
    image = render_slip(slip)
    assert image.width == round(80 * SLIP_DPI / 25.4)
    assert {c for _n, c in image.getcolors(1 << 20)} <= {(v, v, v) for v in range(256)}  # no colour


def test_a_slip_of_another_width_is_refused(cafe, sara, tmp_path):
    with pytest.raises(ValidationError, match="58 or 80 mm"):
        cafe.cards.save_slip_pdf(sara.id, tmp_path / "slip.pdf", 70)
    assert not (tmp_path / "slip.pdf").exists()


@pytest.mark.parametrize("width", [58, 80])
def test_escpos_gets_one_raster_image_the_head_wide_then_a_cut(cafe, sara, width):
    slip = cafe.cards.slip(sara.id, width)
    sent = escpos_bytes(slip)
    image = printable_image(slip)
    assert image.width == {58: 384, 80: 576}[width]
    # GS v 0: raster bit image; its header carries the width in bytes and the height in dots
    assert sent.startswith(b"\x1dv0\x00")
    assert int.from_bytes(sent[4:6], "little") == image.width // 8
    assert int.from_bytes(sent[6:8], "little") == min(image.height, 960)  # sent in strips of 960 dots
    assert sent.endswith(b"\x1dV\x00") or b"\x1dV" in sent[-8:]  # the paper cut


def test_printer_addresses_are_checked():
    for good in ("192.168.1.50", "192.168.1.50:9100", "printer.local", "usb:0x0416:0x5011", "file:/dev/usb/lp0"):
        assert check_address(good) == good
    for bad in ("", "http://printer", "usb:4:5", "192.168.1.50:99999", "file:"):
        with pytest.raises(ValidationError):
            check_address(bad)


def test_an_unreachable_printer_is_a_clear_error(cafe, sara, tmp_path):
    with pytest.raises(ValidationError, match="did not take the slip"):
        cafe.cards.print_slip(sara.id, f"file:{tmp_path}/no-such-folder/lp0")


def test_the_card_menu_sends_a_slip_to_the_tills_receipt_printer(window, cafe, sara, tmp_path):
    device = tmp_path / "lp0"
    till_prefs.save(slip_printer=f"file:{device}", slip_width=58)
    window.open_customer(sara.id)
    settle(window)
    window.panel.slip_action.trigger()
    settle(window)
    assert device.read_bytes() == escpos_bytes(cafe.cards.slip(sara.id, 58))
    assert window.panel.banner.text() == "Slip sent to the receipt printer."


def test_without_a_receipt_printer_the_slip_opens_in_the_preview_at_roll_width(window, cafe, sara):
    window.open_customer(sara.id)
    settle(window)
    window.panel.slip_action.trigger()
    settle(window)
    dialog = window.panel.flows.print_dialog
    assert dialog is not None and dialog.isVisible()
    page = dialog.printer().pageLayout().fullRect(QPageLayout.Unit.Millimeter)
    assert round(page.width()) == 80
    dialog.close()


def test_a_slip_after_each_stamp_only_when_the_till_is_set_to(qtbot, window, cafe, sara, tmp_path):
    device = tmp_path / "lp0"
    till_prefs.save(slip_printer=f"file:{device}")
    window.open_customer(sara.id)
    settle(window)
    qtbot.mouseClick(window.panel.stamp_button, Qt.MouseButton.LeftButton)
    settle(window)
    assert not device.exists()  # a printer, but no slip after stamps
    till_prefs.save(slip_after_stamp=True)
    window.panel.actions.stamp(force=True)
    settle(window)
    assert device.read_bytes() == escpos_bytes(cafe.cards.slip(sara.id, 80))
    assert window.panel.flows.print_dialog is None  # never a dialog after a stamp


def test_the_owner_sets_this_tills_receipt_printer(qtbot, window, cafe, tmp_path):
    from .test_ui_display import open_customer_side

    tab = open_customer_side(qtbot, window)
    tab.slip_after_stamp.setChecked(True)
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    settle(window)
    assert "needs a receipt printer" in tab.result.text() and not till_prefs.load().get("slip_after_stamp")
    tab.slip_printer.setText("192.168.1.50:9100")
    tab.slip_width.setCurrentIndex(tab.slip_width.findData(58))
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    settle(window)
    prefs = till_prefs.load()
    assert (prefs["slip_printer"], prefs["slip_width"], prefs["slip_after_stamp"]) == ("192.168.1.50:9100", 58, True)


def test_a_persian_slip_carries_persian_words_and_its_qr_reads(cafe, sara):
    cafe.settings.update(by=cafe.staff.owner_id(), language="fa", reward_text="یک نوشیدنی رایگان")
    slip = cafe.cards.slip(sara.id)
    assert slip.card.language == "fa"
    assert decode_all(render_slip(slip)) == [sara.card.code]


def test_the_till_saves_a_slip_as_an_80_mm_pdf(window, cafe, sara, tmp_path):
    window.open_customer(sara.id)
    settle(window)
    window.panel.slip_pdf_action.trigger()
    dialog = window.panel.flows.file_dialog
    dialog.selectFile(str(tmp_path / "slip.pdf"))
    dialog.accept()
    settle(window)
    data = (tmp_path / "slip.pdf").read_bytes()
    box = [float(v) for v in data.split(b"/MediaBox [")[1].split(b"]")[0].split()]
    assert round((box[2] - box[0]) / 72 * 25.4) == 80
    assert "Slip saved to" in window.panel.banner.text()


def test_slips_from_the_command_line(cafe, sara, db_path, tmp_path, capsys):
    import json

    from cafe_loyalty.cli import main as cli

    cafe.close()
    base = ["--db", cafe.address, "card", "slip", str(sara.id)]
    device = tmp_path / "lp0"
    args = [*base, "--width", "58", "--pdf", str(tmp_path / "s.pdf"), "--escpos", f"file:{device}", "--json"]
    assert cli(args) == 0
    assert json.loads(capsys.readouterr().out)["width_mm"] == 58
    assert (tmp_path / "s.pdf").read_bytes().startswith(b"%PDF") and device.read_bytes().startswith(b"\x1dv0")
    assert cli(base) == 2  # nowhere to put it
    assert "--pdf FILE" in capsys.readouterr().err
    assert cli([*base, "--width", "70", "--pdf", str(tmp_path / "x.pdf")]) == 2  # argparse: 58 or 80
    assert not (tmp_path / "x.pdf").exists()

"""Importing regulars from spreadsheets (issue #17): Loyverse and Square exports and a Persian
Excel sheet (shipped in tests/data/imports), encodings, column mapping, phones to E.164,
birthdays in both calendars, duplicates, the dry run, rejected rows fixed and imported again,
undo, and hostile files that are refused with nothing written."""

from __future__ import annotations

import codecs
import json
import zipfile
from pathlib import Path

import pytest

from cafe_loyalty.cli import main as cli
from cafe_loyalty.errors import PermissionDenied, ValidationError
from cafe_loyalty.io.import_rows import guess_mapping, normalise_phone, parse_birthday
from cafe_loyalty.services.imports import ImportBlocked

from .conftest import rows_of

DATA = Path(__file__).parent / "data" / "imports"


@pytest.fixture
def owner(cafe) -> int:
    return cafe.staff.owner_id()


def names(cafe) -> set[str]:
    return {f"{s.first_name} {s.last_name}".strip() for s in cafe.customers.search("", limit=500)}


def test_a_loyverse_export_is_recognised_and_imported(cafe, owner):
    plan = cafe.imports.plan(DATA / "loyverse-customers.csv")
    assert plan.mapping == {"Customer name": "name", "Email": "email", "Phone": "phone", "Note": "notes"}
    # Jonas's email is not one: he is kept, without it (#31: one bad optional field dropped him)
    assert (plan.rows, plan.to_add, len(plan.rejected), len(plan.warnings)) == (4, 4, 0, 1)
    assert (plan.warnings[0].line, plan.warnings[0].column, plan.warnings[0].value) == (5, "Email", "jonas@example")
    assert cafe.backups.current_counts()["customer"] == 0  # a plan writes nothing
    result = cafe.imports.run(DATA / "loyverse-customers.csv", by=owner)
    assert (result.added, result.rejected) == (4, 0)
    assert names(cafe) == {"Lena Hoffmann", "Tomás Ruiz", "Aiko Tanaka", "Jonas Berg"}
    jonas = cafe.customers.get(cafe.customers.search("Jonas")[0].id)
    assert jonas.email == "" and jonas.phone == "+46701234567"
    lena = cafe.customers.search("Lena")[0]
    assert lena.phone == "+4915123456789"  # E.164
    card = cafe.ledger.current_card(lena.id)
    assert (card.filled, card.head_start, len(card.code)) == (2, 2, 19)  # a card with its head start


def test_a_square_export_with_birthdays_and_the_rejected_row_fixed(cafe, owner, tmp_path):
    plan = cafe.imports.plan(DATA / "square-customers.csv")
    assert plan.mapping["Birthday"] == "birthday" and plan.mapping["Memo"] == "notes"
    cafe.imports.run(DATA / "square-customers.csv", by=owner)
    maya = cafe.customers.get(cafe.customers.search("Maya")[0].id)
    assert maya.birthday == {"month": 7, "day": 22, "year": 1991, "calendar": "gregorian"}
    noah = cafe.customers.get(cafe.customers.search("Noah")[0].id)
    assert noah.birthday == {"month": 4, "day": 3, "year": None, "calendar": "gregorian"}  # MM-DD
    # Olivia's birthday could not be read: she was imported without it (#31), and the row,
    # saved, fixed in a spreadsheet and imported again with "fill in", gives her the birthday
    olivia = cafe.customers.get(cafe.customers.search("Olivia")[0].id)
    assert olivia.birthday is None and olivia.phone == "+14155550177"
    saved = cafe.imports.save_rejected(plan, tmp_path / "fix-me.csv")
    text = saved.read_text(encoding="utf-8-sig")
    assert "1988-13-40" in text and "line 4: imported without Birthday: The birthday month must be 1 to 12." in text
    saved.write_text(text.replace("1988-13-40", "1988-12-04"), encoding="utf-8-sig")
    again = cafe.imports.run(saved, by=owner, duplicates="update")
    assert again.updated == 1 and again.added == 0 and again.rejected == 0
    olivia = cafe.customers.get(olivia.id)
    assert olivia.phone == "+14155550177"  # the apostrophe the export put before + is gone again
    assert olivia.birthday["month"] == 12


def test_a_persian_excel_sheet_jalali_birthdays_persian_digits_and_paper_stamps(cafe, owner):
    cafe.settings.update(by=owner, language="fa")
    plan = cafe.imports.plan(DATA / "persian-regulars.xlsx")
    assert plan.kind == "xlsx"
    assert plan.mapping == {
        "نام": "first_name",
        "نام خانوادگی": "last_name",
        "موبایل": "phone",
        "تولد": "birthday",
        "یادداشت": "notes",
        "مهر": "stamps",
    }
    # Reza's 30 Esfand 1365 and Mina's 12 stamps cost them nothing else (#31): kept, the
    # birthday left empty, the stamps clamped to a full card less one, her allergy note kept
    assert plan.rejected == []
    reasons = {w.line: w.reason for w in plan.warnings}
    assert reasons == {
        3: "There is no day 30 in month 12 of 1365.",
        4: "12 stamps do not fit a card of 10: 9 were carried over.",
    }
    cafe.imports.run(DATA / "persian-regulars.xlsx", by=owner)
    reza = cafe.customers.get(cafe.customers.search("رضا")[0].id)
    assert reza.birthday is None and reza.phone == "+989121112233"
    mina = cafe.customers.get(cafe.customers.search("مینا")[0].id)
    assert mina.card.filled == 9 and mina.allergies == "" and mina.notes == "به گردو حساسیت دارد"
    sara = cafe.customers.get(cafe.customers.search("سارا")[0].id)
    assert sara.phone == "+989123456789"  # ۰۹۱۲… in Persian digits, stored as E.164
    assert sara.birthday == {"month": 6, "day": 15, "year": 1370, "calendar": "jalali"}
    assert (sara.card.filled, sara.card.head_start) == (3, 0)  # paper stamps instead of the head start
    # the till still finds her by the number as it is dialled at home, in either digits
    assert [s.id for s in cafe.customers.search("0912345")] == [sara.id]
    assert [s.id for s in cafe.customers.search("۰۹۱۲۳۴۵")] == [sara.id]
    ali = cafe.customers.search("علی")[0]
    assert ali.phone == "+989127778899"  # 0098… too


@pytest.mark.parametrize(
    ("encoding", "bom", "detected"),
    [
        ("utf-8", b"", "utf-8"),
        ("utf-8", codecs.BOM_UTF8, "utf-8-sig"),
        ("utf-16", b"", "utf-16"),
        ("cp1256", b"", "cp1256"),
    ],
)
def test_persian_csv_in_each_encoding_excel_writes(cafe, owner, tmp_path, encoding, bom, detected):
    text = "نام;نام خانوادگی;موبایل\nسارا;احمدی;09123456789\nمریم;کریمی;09351112233\n"
    if encoding == "cp1256":  # Windows-1256 has no Persian ye and ke: Excel writes the Arabic ones
        text = text.replace("ی", "ي").replace("ک", "ك")
    path = tmp_path / "regulars.csv"
    path.write_bytes(bom + text.encode(encoding))
    plan = cafe.imports.plan(path)
    assert plan.encoding == detected
    assert plan.delimiter == ";" and plan.to_add == 2 and not plan.rejected
    assert plan.preview[1]["first_name"] == ("مريم" if encoding == "cp1256" else "مریم")


def test_a_western_windows_1252_csv(cafe, tmp_path):
    path = tmp_path / "kunden.csv"
    path.write_bytes("Name,Telefon\nJürgen Müller,+49 30 1234567\nRenée Faß,\n".encode("cp1252"))
    plan = cafe.imports.plan(path, mapping={"Telefon": "phone"})
    assert plan.encoding == "cp1252"
    assert [p["first_name"] for p in plan.preview] == ["Jürgen", "Renée"]
    assert plan.preview[1]["last_name"] == "Faß"


def test_the_owner_can_override_encoding_and_mapping(cafe, tmp_path):
    path = tmp_path / "list.csv"
    path.write_bytes("who,number\nSara Ahmadi,0912 345 6789\n".encode("cp1256"))
    with pytest.raises(ValidationError, match="No column holds the names"):
        cafe.imports.plan(path)
    plan = cafe.imports.plan(path, mapping={"who": "name", "number": "phone"}, encoding="utf-8")
    assert plan.preview[0]["first_name"] == "Sara" and plan.preview[0]["last_name"] == "Ahmadi"
    with pytest.raises(ValidationError, match="no column 'nope'"):
        cafe.imports.plan(path, mapping={"nope": "phone"})
    with pytest.raises(ValidationError, match="maps to one of"):
        cafe.imports.plan(path, mapping={"who": "shoe_size"})


def test_an_ods_sheet(cafe, tmp_path):
    from cafe_loyalty.io.tabular import write_ods

    path = write_ods(
        tmp_path / "regulars.ods", [["First name", "Last name", "Phone"], ["Sara", "Ahmadi", "+98 912 345 6789"]]
    )
    plan = cafe.imports.plan(path)
    assert plan.kind == "ods" and plan.preview[0]["phone"] == "+989123456789"


# -- duplicates --------------------------------------------------------------------------


def test_rows_matching_a_regular_are_skipped_updated_or_added(cafe, owner, barista, tmp_path):
    sara = cafe.customers.add("Sara", phone="0912 345 6789", by=barista)
    mina = cafe.customers.add("Mina", last_name="Rahimi", birthday_month=2, birthday_day=3, by=barista)
    path = tmp_path / "list.csv"
    path.write_text(
        "first name,last name,phone,email,birthday\n"
        "Sara,Ahmadi,+98 912 345 6789,sara@example.com,\n"  # same phone
        "MINA,rahimi,,mina@example.com,1990-02-03\n"  # same name and birthday
        "Reza,Samadi,,,\n",
        encoding="utf-8",
    )
    cafe.settings.update(by=owner, phone_region="IR")
    plan = cafe.imports.plan(path)
    assert [(m.line, m.existing_id, m.by, m.action) for m in plan.matches] == [
        (2, sara.id, "phone", "skip"),
        (3, mina.id, "name_birthday", "skip"),
    ]
    assert (plan.to_add, plan.to_update, plan.to_skip) == (1, 0, 2)
    result = cafe.imports.run(path, by=owner, duplicates="update", choices={3: "add"})
    assert (result.added, result.updated) == (2, 1)
    sara_now = cafe.customers.get(sara.id)
    # her phone is her own, made international when the café's country was set (#31)
    assert (sara_now.last_name, sara_now.email, sara_now.phone) == ("Ahmadi", "sara@example.com", "+989123456789")
    assert len(cafe.customers.search("Mina")) == 2  # added anyway, as chosen for line 3


def test_the_same_regular_twice_in_one_file_is_rejected_the_second_time(cafe, tmp_path):
    path = tmp_path / "list.csv"
    path.write_text("name,phone\nSara A,09123456789\nSara Ahmadi,0912 345 6789\n", encoding="utf-8")
    plan = cafe.imports.plan(path)
    assert plan.to_add == 1 and plan.rejected[0].reason == "The same regular as line 2 of this file."


# -- undo --------------------------------------------------------------------------------


def test_an_import_is_undone_as_a_whole_until_one_of_its_regulars_is_served(cafe, owner, barista, tmp_path):
    existing = cafe.customers.add("Reza", phone="0912 000 1111", by=barista)
    path = tmp_path / "list.csv"
    path.write_text(
        "name,phone,email\nSara Ahmadi,,\nMina Rahimi,,\nReza,09120001111,reza@example.com\n", encoding="utf-8"
    )
    first = cafe.imports.run(path, by=owner, duplicates="update")
    cafe.customers.add("Later", by=barista)
    mina = cafe.customers.search("Mina")[0]
    cafe.ledger.stamp_customer(mina.id, by=barista)
    with pytest.raises(ImportBlocked) as blocked:
        cafe.imports.undo(first.batch_id, by=owner)
    assert blocked.value.blockers == [(mina.id, "Mina Rahimi")]
    assert "Mina Rahimi" in blocked.value.message
    cafe.ledger.undo(mina.id, "test", by=barista)  # a voided stamp is still a stamp: still blocked
    with pytest.raises(ImportBlocked):
        cafe.imports.undo(first.batch_id, by=owner)

    second = cafe.imports.run(tmp_path / "list.csv", by=owner, duplicates="add")
    undone = cafe.imports.undo(second.batch_id, by=owner)
    assert undone.removed == 3
    assert cafe.customers.get(existing.id).email == "reza@example.com"  # filled by the first import
    if cafe.url is None:  # PostgreSQL checks every key as it is written; SQLite is asked
        assert cafe.db.execute_sql("PRAGMA foreign_key_check").fetchall() == []
    with pytest.raises(ValidationError, match="already undone"):
        cafe.imports.undo(second.batch_id, by=owner)


def test_undo_empties_again_the_fields_an_import_filled(cafe, owner, barista, tmp_path):
    reza = cafe.customers.add("Reza", phone="0912 000 1111", by=barista)
    path = tmp_path / "list.csv"
    path.write_text("name,phone,email\nReza,09120001111,reza@example.com\n", encoding="utf-8")
    batch = cafe.imports.run(path, by=owner, duplicates="update")
    assert cafe.customers.get(reza.id).email == "reza@example.com"
    assert cafe.imports.undo(batch.batch_id, by=owner).restored == 1
    assert cafe.customers.get(reza.id).email == ""


def test_only_the_owner_imports_and_undoes(cafe, barista):
    with pytest.raises(PermissionDenied):
        cafe.imports.run(DATA / "loyverse-customers.csv", by=barista)
    assert cafe.backups.current_counts()["customer"] == 0


# -- hostile files -----------------------------------------------------------------------


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.csv", b"", "is empty"),
        ("header.csv", b"first name,phone\n", "column names but no rows"),
        ("blank-header.csv", b",,\nSara,1,2\n", "no column names"),
        ("junk.csv", bytes(range(256)) * 40, "binary"),
        ("fake.xlsx", b"PK\x03\x04" + b"\x00" * 200, "damaged"),
        ("not-a-sheet.xlsx", None, "not a spreadsheet"),
    ],
)
def test_hostile_files_get_a_clear_message_and_write_nothing(cafe, owner, tmp_path, name, data, message):
    if data is None:
        path = tmp_path / name
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("readme.txt", "hello")
    else:
        path = _write(tmp_path, name, data)
    with pytest.raises(ValidationError, match=message):
        cafe.imports.run(path, by=owner)
    assert cafe.backups.current_counts()["customer"] == 0


def test_a_zip_bomb_dressed_as_xlsx_is_refused_before_it_is_unpacked(cafe, owner, tmp_path):
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\x00" * (50 * 1024 * 1024))  # 50 MB of nothing
    assert path.stat().st_size < 200_000
    with pytest.raises(ValidationError, match="ZIP bomb"):
        cafe.imports.plan(path)


def test_a_one_gigabyte_file_is_refused_without_reading_it(cafe, tmp_path):
    path = tmp_path / "huge.csv"
    with path.open("wb") as f:
        f.write(b"name\n")
        f.truncate(1024**3)  # sparse: no disk used, nothing read
    with pytest.raises(ValidationError, match="far larger than any"):
        cafe.imports.plan(path)


def test_odd_cells_are_rejected_row_by_row(cafe, owner, tmp_path):
    path = tmp_path / "odd.csv"
    long = "x" * 100_000
    path.write_text(
        "name,phone,notes\n"
        '=HYPERLINK("http://evil.example"),0912,\n'  # a formula
        f"{long},,\n"  # a 100,000-character name
        "Sara\u202einimdA,,\n"  # a right-to-left override: removed, the row kept
        "Mina,0912 345 6789,extra,cells,here\n"  # more cells than columns
        "Reza,12,\n"  # a phone that is not one
        "  ,,\n"  # nothing: skipped
        "Ali,,\x07bell\n",  # a control character: removed
        encoding="utf-8",
    )
    plan = cafe.imports.plan(path)
    reasons = {r.line: r.reason for r in plan.rejected}
    assert reasons[2] == "This looks like a spreadsheet formula (=HYPERLI…)."  # a name: the row goes
    assert "too long" in reasons[3]
    assert reasons[5].startswith("This row has 5 cells")
    assert {w.line: w.reason for w in plan.warnings} == {6: "12 is not a phone number."}  # Reza stays
    assert [p["first_name"] for p in plan.preview] == ["SarainimdA", "Reza", "Ali"]
    assert "phone" not in plan.preview[1] and plan.preview[2]["notes"] == "bell"


def test_a_file_in_the_wrong_encoding_says_so(cafe, tmp_path):
    path = tmp_path / "list.csv"
    path.write_bytes(b"name\n" + "سارا\n".encode("cp1256") * 5)
    with pytest.raises(ValidationError, match="not utf-8 text after all"):
        cafe.imports.plan(path, encoding="utf-8")


def test_helpers_read_what_people_type():
    assert guess_mapping(["NAME", "Phone Number", "تاریخ\u200cتولد"]) == {
        "NAME": "name",
        "Phone Number": "phone",
        "تاریخ\u200cتولد": "birthday",
    }
    assert normalise_phone("۰۹۱۲ ۳۴۵ ۶۷۸۹", "IR") == "+989123456789"
    assert normalise_phone("0098 912 345 6789", "IR") == "+989123456789"
    assert normalise_phone("0912 345 6789", "") == "0912 345 6789"  # no country: kept as typed
    import datetime as dt

    today = dt.date(2026, 12, 1)
    assert parse_birthday("۱۳۷۰/۰۶/۱۵", "", today)["birthday_calendar"] == "jalali"
    assert parse_birthday("22/07/1991", "", today)["birthday_month"] == 7  # 22 cannot be a month
    assert parse_birthday("03/04/1990", "dmy", today)["birthday_month"] == 4
    assert parse_birthday("03/04/1990", "mdy", today)["birthday_month"] == 3
    with pytest.raises(Exception, match="choose how dates are written"):
        parse_birthday("03/04/1990", "", today)


def test_import_from_the_command_line(cafe, db_path, tmp_path, capsys):
    cafe.close()
    base = ["--db", cafe.address, "--owner-pin", "2468"]
    rejected = tmp_path / "fix.csv"
    args = [*base, "import", "customers", str(DATA / "square-customers.csv"), "--json"]
    assert cli([*args, "--dry-run", "--rejected-out", str(rejected)]) == 0
    dry = json.loads(capsys.readouterr().out)
    assert dry["dry_run"] is True and dry["to_add"] == 3 and dry["warnings"][0]["line"] == 4
    assert rejected.exists()
    assert cli(args) == 0
    done = json.loads(capsys.readouterr().out)
    assert done["added"] == 3
    assert cli([*base, "import", "undo", str(done["batch_id"])]) == 2  # needs --yes
    capsys.readouterr()
    assert cli([*base, "import", "undo", str(done["batch_id"]), "--yes", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["removed"] == 3
    assert cli([*base, "import", "customers", str(DATA / "square-customers.csv"), "--map", "nope=phone"]) == 2


def test_the_owner_imports_from_the_regulars_tab_with_a_preview(qtbot, window, cafe, tmp_path):
    from PySide6.QtCore import Qt

    from .conftest import settle
    from .test_ui_owner import unlock

    unlock(qtbot, window)
    tab = window.owner_dialog.regulars
    window.owner_dialog.tabs.setCurrentIndex(window.owner_dialog.owner_tabs.index(tab))
    qtbot.mouseClick(tab.import_button, Qt.MouseButton.LeftButton)
    dialog = tab.import_dialog
    assert not dialog.import_button.isEnabled()  # nothing to import before a file
    qtbot.mouseClick(dialog.choose_button, Qt.MouseButton.LeftButton)
    dialog.file_dialog.selectFile(str(DATA / "square-customers.csv"))
    dialog.file_dialog.accept()
    settle(window)
    assert dialog.preview_model.rowCount() == 3 and dialog.rejected_model.rowCount() == 1
    assert dialog.preview_model.cells[0][1:4] == ["Maya", "Johnson", "+14155550134"]
    assert "3 to add" in dialog.summary.text() and "0 rejected" in dialog.summary.text()
    assert "1 with a field left empty" in dialog.summary.text()
    assert dialog.rejected_model.cells[0][3] == "Imported without it: The birthday month must be 1 to 12."
    # the owner maps the Nickname column to notes instead: the plan is read again
    dialog.mapping_boxes["Memo"].setCurrentIndex(dialog.mapping_boxes["Memo"].findData("ignore"))
    settle(window)
    assert dialog.plan.mapping.get("Memo") is None
    # the rejected row saved to fix
    qtbot.mouseClick(dialog.save_rejected_button, Qt.MouseButton.LeftButton)
    dialog.file_dialog.selectFile(str(tmp_path / "fix.csv"))
    dialog.file_dialog.accept()
    settle(window)
    assert "1988-13-40" in (tmp_path / "fix.csv").read_text(encoding="utf-8-sig")
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    settle(window)
    assert dialog.result.added == 3 and "Imported: 3 added" in dialog.banner.text()
    assert cafe.customers.get(cafe.customers.search("Maya")[0].id).notes == ""  # Memo was not imported
    dialog.close()
    settle(window)
    assert tab.imports_model.rowCount() == 1
    tab.imports.selectRow(0)
    qtbot.mouseClick(tab.undo_import_button, Qt.MouseButton.LeftButton)
    tab.confirm_box.button(tab.confirm_box.StandardButton.Yes).click()
    settle(window)
    assert cafe.customers.search("Maya") == [] and "Import undone: 3" in tab.result.text()


def test_stopping_an_import_half_way_writes_nothing(cafe, tmp_path):
    """Stop is looked at while reading and between the chunks written: stopped after some
    chunks are committed (each is its own transaction, issue #34), they are taken back."""
    path = tmp_path / "many.csv"
    path.write_text("name\n" + "".join(f"Guest {n}\n" for n in range(12000)), encoding="utf-8")
    calls = []

    def stop() -> bool:
        calls.append(1)
        return len(calls) > 26  # 24 looks while reading 12,000 rows, then two chunks written

    with pytest.raises(Exception, match="Stopped"):
        cafe.imports.run(path, by=cafe.staff.owner_id(), stop=stop)
    assert len(calls) == 27
    assert cafe.backups.current_counts()["customer"] == 0
    assert cafe.imports.batches() == []


def test_a_failure_in_a_later_chunk_takes_back_the_chunks_already_committed(cafe, tmp_path, monkeypatch):
    """All or nothing for the owner though it commits in chunks: the third chunk fails, and the
    two before it, committed, are taken back with their batch; the café is as it was."""
    from cafe_loyalty.errors import StorageError
    from cafe_loyalty.services import import_batches

    monkeypatch.setattr(import_batches, "CHUNK", 50)
    path = tmp_path / "many.csv"
    path.write_text("name,phone\n" + "".join(f"Guest {n},0912{n:07d}\n" for n in range(300)), encoding="utf-8")
    written = import_batches.BatchWriter._add_chunk
    calls = []

    def third_fails(self, *args, **kwargs):
        calls.append(1)
        if len(calls) == 3:
            raise StorageError("The disk is full; nothing was saved.")
        return written(self, *args, **kwargs)

    monkeypatch.setattr(import_batches.BatchWriter, "_add_chunk", third_fails)
    before = rows_of(cafe)
    with pytest.raises(StorageError, match="disk is full"):
        cafe.imports.run(path, by=cafe.staff.owner_id())
    assert len(calls) == 3
    assert rows_of(cafe) == before
    assert cafe.imports.batches() == [] and cafe.customers.search("Guest") == []


def test_an_import_in_chunks_is_undone_whole(cafe, tmp_path, monkeypatch):
    from cafe_loyalty.services import import_batches

    monkeypatch.setattr(import_batches, "CHUNK", 40)
    path = tmp_path / "many.csv"
    path.write_text("name,phone\n" + "".join(f"Guest {n},0912{n:07d}\n" for n in range(130)), encoding="utf-8")
    owner = cafe.staff.owner_id()
    done = cafe.imports.run(path, by=owner)
    assert done.added == 130 and len(cafe.customers.search("Guest", limit=500)) == 130
    ids = {c.id for c in cafe.customers.search("Guest", limit=500)}
    assert len(ids) == 130  # ids from four chunks, none given twice
    assert cafe.imports.undo(done.batch_id, by=owner).removed == 130
    assert cafe.customers.search("Guest") == []


def test_phones_read_by_shape_agree_with_phonenumbers_itself():
    """normalise_phone keeps phonenumbers' answer for a number's shape and applies it to the
    same shapes (the library is too slow for 100,000 rows); it must never differ from the
    library. Seeded numbers of several countries, national and international forms."""
    import random

    from cafe_loyalty.io.import_rows import _parse_phone

    rng = random.Random(2)

    def digits(k: int) -> str:
        return "".join(rng.choice("0123456789") for _ in range(k))

    forms = [
        ("IR", lambda: "09" + digits(9)),
        ("IR", lambda: "+98 9" + digits(9)),
        ("IR", lambda: "0098" + digits(10)),
        ("IR", lambda: "021" + digits(8)),
        ("IR", lambda: digits(rng.randint(7, 12))),
        ("DE", lambda: "0" + digits(rng.randint(6, 11))),
        ("DE", lambda: "00" + digits(rng.randint(6, 12))),
        ("GB", lambda: "0" + digits(10)),
        ("US", lambda: "(" + digits(3) + ") 555-" + digits(4)),
        ("", lambda: "+" + digits(rng.randint(7, 13))),
    ]
    for region, make in forms:
        for _ in range(1500):
            number = make()
            assert normalise_phone(number, region) == _parse_phone(number, region), (region, number)


# -- the second hostile probe (#30) ---------------------------------------------------------


@pytest.mark.parametrize(
    "cell", [" =1+1", "\t=1+1", "\u202e=1+1", "\ufeff=1+1", '=HYPERLINK("x")', "@SUM(A1)", "+1+1", "-2*3"]
)
def test_a_formula_behind_spaces_or_invisible_marks_is_still_a_formula(cafe, tmp_path, cell):
    path = tmp_path / "f.csv"
    path.write_text(f'first_name,notes\nAna,"{cell}"\nBo,fine\n', encoding="utf-8")
    plan = cafe.imports.plan(path)
    assert [(w.line, w.column) for w in plan.warnings] == [(2, "notes")]  # Ana is kept, without it
    assert "formula" in plan.warnings[0].reason and plan.to_add == 2
    assert all("=" not in str(row.get("notes", "")) for row in plan.preview)
    named = tmp_path / "n.csv"
    named.write_text(f'first_name,notes\n"{cell}",x\nBo,fine\n', encoding="utf-8")
    assert [(r.line, r.column) for r in cafe.imports.plan(named).rejected] == [(2, "first_name")]  # as a name


@pytest.mark.parametrize("note", ["- oat milk", "-1", "+ extra shot", "likes = sign"])
def test_notes_that_only_look_like_arithmetic_are_kept(cafe, tmp_path, note):
    path = tmp_path / "f.csv"
    path.write_text(f'first_name,notes\nAna,"{note}"\n', encoding="utf-8")
    assert cafe.imports.plan(path).rejected == []


def test_an_export_neutralises_formulas_already_stored(tmp_path, capsys):
    db = str(tmp_path / "c.db")
    assert cli(["--db", db, "setup", "C", "--owner", "O", "--pin", "2468"]) == 0
    assert cli(["--db", db, "customer", "add", "Ana", "--notes", "=1+1"]) == 0  # at the till it is just text
    out = tmp_path / "sheets"
    assert cli(["--db", db, "export", "csv", "--out", str(out), "--tables", "customers", "--owner-pin", "2468"]) == 0
    text = (out / "customers.csv").read_text(encoding="utf-8-sig")
    assert "'=1+1" in text and ",=1+1" not in text and '"=1+1' not in text


@pytest.mark.parametrize(
    "phone, region, ok",
    [
        ("123", "", False),
        ("123", "IR", False),
        ("+1", "", False),
        ("call me", "", False),
        ("0912 345 6789", "IR", True),
        ("۰۹۱۲۳۴۵۶۷۸۹", "IR", True),
        ("0098 912 345 6789", "", True),
        ("+44 20 7946 0958", "", True),
        ("020 7946 0958", "", True),  # no country set: a national number is kept as typed
    ],
)
def test_a_phone_must_be_a_possible_number(cafe, owner, tmp_path, phone, region, ok):
    if region:
        cafe.settings.update(phone_region=region, by=owner)
    path = tmp_path / "p.csv"
    path.write_text(f'first_name,phone\nC,"{phone}"\n', encoding="utf-8")
    plan = cafe.imports.plan(path)
    assert plan.to_add == 1 and plan.rejected == []  # the regular is kept either way (#31)
    assert ("phone" in plan.preview[0]) is ok, plan.warnings
    if not ok:
        assert plan.warnings[0].column == "phone" and "not a phone" in plan.warnings[0].reason


def test_a_pipe_is_refused_before_it_is_opened(cafe, tmp_path):
    import os

    fifo = tmp_path / "f.csv"
    os.mkfifo(fifo)  # opening it to read would wait for a writer forever
    with pytest.raises(ValidationError, match="not a file"):
        cafe.imports.plan(fifo)
    with pytest.raises(ValidationError, match="not a file"):
        cafe.imports.plan(tmp_path)


def test_a_huge_cell_is_reported_on_its_own_line(cafe, tmp_path):
    path = tmp_path / "big.csv"
    path.write_text("first_name,notes\nAna,ok\nBob," + "x" * 1_500_000 + "\nCy,ok\n", encoding="utf-8")
    with pytest.raises(ValidationError) as caught:
        list(cafe.imports.plan(path).rejected)
    assert "line 3" in caught.value.message


def test_a_dry_run_with_nothing_to_import_agrees_with_the_real_run(tmp_path, capsys):
    cafe_path = tmp_path / "c.db"
    assert cli(["--db", str(cafe_path), "setup", "C", "--owner", "O", "--pin", "2468"]) == 0
    path = tmp_path / "p.csv"
    path.write_text("first_name,phone\n=1+1,123\n", encoding="utf-8")
    base = ["--db", str(cafe_path), "import", "customers", str(path), "--owner-pin", "2468"]
    dry = cli([*base, "--dry-run"])
    dry_err = capsys.readouterr().err
    real = cli(base)
    real_err = capsys.readouterr().err
    assert dry == real == 2
    assert "Nothing to import" in dry_err and "Nothing to import" in real_err
    assert "spreadsheet formula" in dry_err  # the dry run still says why


@pytest.mark.parametrize("language", ["fa", "en"])
def test_arabic_yeh_and_kaf_become_persian_in_a_persian_cafe(cafe, owner, tmp_path, language):
    """#31: a Windows-1256 sheet brings علي and كريمي; a Persian café stores علی and کریمی (an
    English café keeps the letters as they came: it may be an Arabic regular's name)."""
    cafe.settings.update(language=language, by=owner)
    path = tmp_path / "regulars.csv"
    path.write_bytes("نام;نام خانوادگي;يادداشت\nعلي;كريمي;چاي\n".encode("cp1256"))
    cafe.imports.run(path, by=owner)
    (found,) = cafe.customers.search("علی")  # search folds the letters either way
    stored = cafe.customers.get(found.id)
    if language == "fa":
        assert (stored.first_name, stored.last_name, stored.notes) == ("علی", "کریمی", "چای")
    else:
        assert (stored.first_name, stored.last_name) == ("علي", "كريمي")

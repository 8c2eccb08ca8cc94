"""The till in Persian: no English left on any widget of the window or its dialogs, right to
left, Persian digits, Jalali dates and birthdays, and switching language from setup or settings."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import shiboken6
from cafe_loyalty_ui import app as ui_app
from cafe_loyalty_ui import i18n
from cafe_loyalty_ui.dialogs.common import SetupDialog
from cafe_loyalty_ui.dialogs.pin import PinDialog
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDateEdit,
    QLabel,
    QLineEdit,
    QListView,
    QMenu,
    QPlainTextEdit,
    QSpinBox,
    QTableView,
    QTabWidget,
    QToolButton,
    QWidget,
)

from cafe_loyalty.app import Cafe
from cafe_loyalty.services.settings import reward_in
from tests.conftest import drop_windows

# Latin text that belongs in a Persian till: file formats, the QR code, the keys as their caps
# say (Esc, F2, Ctrl+N), "English" in the language pickers (each language is named in itself),
# card codes (typed and printed in Latin letters), web addresses and IANA time zone names.
ALLOWED = re.compile(
    r"\b(PDF|PNG|CSV|XLSX|XLS|ODS|A4|A5|QR|Esc)\b|\bF\d{1,2}\b|(?:\bCtrl|کنترل)\+[A-Z0-9]\b|usb:\S+|file:\S+|^English$|\b\d{1,3}(?:\.\d{1,3}){3}(?::\d{1,5})?\b|\b[0-9A-Z]{4}(?:-[0-9A-Z]{1,4})+\b|https?://\S+"
    r"|\b[A-Z][a-z]+/[A-Z][A-Za-z_]+\b|/dev/\S+|\bCOM\d+\b"  # serial ports are named as the system names them
)


@pytest.fixture
def persian(language):
    language("fa")


@pytest.fixture
def persian_cafe(cafe, clock, barista):
    clock.current = dt.datetime(2026, 11, 23, 9, 0)  # 2 Azar 1405
    cafe.settings.update(
        language="fa", cafe_name="کافه شیرین", reward_text="یک نوشیدنی رایگان", by=cafe.staff.owner_id()
    )
    for person in cafe.staff.list():
        if person.role == "barista":
            cafe.db.execute_sql("UPDATE staff SET name = 'باریستا' WHERE id = ?", (person.id,))
        else:
            cafe.db.execute_sql("UPDATE staff SET name = 'مریم' WHERE id = ?", (person.id,))
    latte = cafe.menu.add("لاته", "قهوه", by=cafe.staff.owner_id())
    cafe.menu.add("کیک زعفرانی", "کیک", by=cafe.staff.owner_id())
    sara = cafe.customers.add(
        "سارا",
        last_name="احمدی",
        allergies="گردو",
        dietary="vegan,halal",
        notes="میز کنار پنجره",
        birthday_month=9,
        birthday_day=4,
        birthday_calendar="jalali",
    )
    cafe.visits.record(sara.id, [latte.id], "شیر کم‌چرب", by=barista)
    cafe.ledger.stamp(sara.card.id, by=barista, force=True)
    cafe.feedback.add(sara.id, "موسیقی بلند بود", "complaint", by=barista)
    reza = cafe.customers.add("رضا", referred_by=sara.id, by=barista)
    cafe.ledger.stamp(reza.card.id, by=barista)
    clock.advance(hours=2)
    return cafe


def visible_texts(root: QWidget) -> list[tuple[str, str]]:
    """(where, text) for every piece of text a person can read on ``root`` and its children."""
    found: list[tuple[str, str]] = []

    def add(widget: QWidget, what: str, text: str) -> None:
        if text and text.strip():
            found.append((f"{type(widget).__name__}({widget.objectName()}).{what}", text))

    for w in [root, *root.findChildren(QWidget)]:
        if w.isWindow():
            add(w, "windowTitle", w.windowTitle())
        add(w, "toolTip", w.toolTip())
        add(w, "accessibleName", w.accessibleName())
        if isinstance(w, QLabel):
            add(w, "text", w.text())
        elif isinstance(w, QAbstractButton):
            add(w, "text", w.text())
            if isinstance(w, QToolButton) and w.menu() is not None:
                for action in w.menu().actions():
                    add(w, "menu", action.text())
        elif isinstance(w, QLineEdit):
            add(w, "placeholder", w.placeholderText())
            add(w, "text", w.text())
        elif isinstance(w, QPlainTextEdit):
            add(w, "placeholder", w.placeholderText())
        elif isinstance(w, QComboBox):
            for i in range(w.count()):
                add(w, f"item{i}", w.itemText(i))
        elif isinstance(w, QTabWidget):
            for i in range(w.count()):
                add(w, f"tab{i}", w.tabText(i))
        elif isinstance(w, QMenu):
            for action in w.actions():
                add(w, "action", action.text())
        if isinstance(w, QAbstractSpinBox):
            add(w, "shown", w.text())
            if isinstance(w, QSpinBox):
                add(w, "special", w.specialValueText())
                add(w, "suffix", w.suffix())
        if isinstance(w, QListView) and w.model() is not None:
            model = w.model()
            for row in range(model.rowCount()):
                add(w, f"row{row}", str(model.index(row, 0).data(Qt.ItemDataRole.DisplayRole) or ""))
        if isinstance(w, QTableView) and w.model() is not None:
            model = w.model()
            for column in range(model.columnCount()):
                add(w, f"header{column}", str(model.headerData(column, Qt.Orientation.Horizontal) or ""))
                for row in range(model.rowCount()):
                    add(w, f"cell{row},{column}", str(model.index(row, column).data() or ""))
            for row in range(model.rowCount()):
                add(w, f"rowheader{row}", str(model.headerData(row, Qt.Orientation.Vertical) or ""))
    return found


def english_leaks(root: QWidget) -> list[tuple[str, str]]:
    """Texts with Latin letters or ASCII digits once the allowed tokens are taken out."""
    return [(where, text) for where, text in visible_texts(root) if re.search(r"[A-Za-z0-9]", ALLOWED.sub("", text))]


# A dot between Persian digits: "۲ از ۱۰ · ۸" reads as one number (the middle dot looks like
# the Persian zero ۰), and "." is a decimal point (#31).
DIGIT_DOT = re.compile(r"[۰-۹][\s\u200c\u200f]*[·.•][\s\u200c\u200f]*[۰-۹]")


def digit_dots(root: QWidget) -> list[tuple[str, str]]:
    return [(where, text) for where, text in visible_texts(root) if DIGIT_DOT.search(text)]


def test_no_persian_translation_uses_a_middle_dot():
    from pathlib import Path

    ts = (Path(__file__).resolve().parent.parent / "assets" / "translations" / "cafe_loyalty_fa.ts").read_text(
        encoding="utf-8"
    )
    dotted = [t for t in re.findall(r"<translation[^>]*>([^<]*)</translation>", ts) if "·" in t]
    assert dotted == []


def test_the_walker_catches_english(qtbot, persian):
    """The leak check itself: English text, an ASCII digit and a list row are all caught."""
    root = QWidget()
    qtbot.addWidget(root)
    QLabel("سلام", root)
    QLabel("Stamp", root)
    spin = QSpinBox(root)
    spin.setValue(3)
    combo = QComboBox(root)
    combo.addItem("کارت 12")
    leaks = {text for _where, text in english_leaks(root)}
    assert "Stamp" in leaks and "کارت 12" in leaks
    assert "سلام" not in leaks and "۳" not in leaks  # the spin box shows Persian digits


def test_till_and_every_dialog_are_all_persian(qtbot, persian, persian_cafe, make_till):
    window = make_till(synchronous=True)
    assert window.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert QApplication.font().family() == i18n.FONT_FAMILY
    sara = persian_cafe.customers.search("سارا")[0].id
    window.open_customer(sara)
    qtbot.waitUntil(lambda: window.ops.idle)
    assert english_leaks(window) == [] and digit_dots(window) == []
    panel = window.panel
    assert panel.progress.text() == "۴ از ۱۰"  # head start 2 + 2 stamps, in Persian digits
    assert panel.birthday_badge.isVisibleTo(window)  # 4 Azar is in two days
    assert panel.birthday_badge.text() == "تولدش همین هفته است: ۴ آذر"
    assert "وگان" in panel.alert.text() and "حلال" in panel.alert.text()
    history = [panel.history_model.index(r, 0).data() for r in range(panel.history_model.rowCount())]
    assert any("کارت تازه، ۲ مهر هدیه" in line for line in history)

    dialogs: dict[str, QWidget] = {}
    window.forms.open_edit_customer(sara)
    qtbot.waitUntil(lambda: window.ops.idle)
    dialogs["edit"] = window.dialog
    window.dialog.close()
    window.forms.open_new_customer("")
    qtbot.waitUntil(lambda: window.ops.idle)
    dialogs["new"] = window.dialog
    window.dialog.close()
    panel.flows.ask_visit()
    qtbot.waitUntil(lambda: window.ops.idle)
    dialogs["visit"] = panel.flows.visit_dialog
    panel.flows.ask_feedback()
    qtbot.waitUntil(lambda: window.ops.idle)
    dialogs["feedback"] = panel.flows.feedback_dialog
    panel.flows.ask_treat()
    qtbot.waitUntil(lambda: window.ops.idle)
    dialogs["treat"] = panel.flows.treat_dialog
    panel.actions.ask_undo()
    qtbot.waitUntil(lambda: window.ops.idle)
    dialogs["undo"] = panel.actions.undo_dialog
    panel.flows.ask_reissue()
    qtbot.waitUntil(lambda: window.ops.idle)
    dialogs["reissue"] = panel.flows.confirm_box
    window.owner.open_batch_print()
    qtbot.waitUntil(lambda: window.ops.idle)
    dialogs["batch"] = window.batch_dialog
    dialogs["pin"] = PinDialog(persian_cafe.till, window.ops, window)
    window.owner._show_owner(persian_cafe.staff.unlock_owner("2468"), "backup")
    owner = window.owner_dialog
    dialogs["setup"] = SetupDialog(persian_cafe.set_up, window)
    for name, dialog in dialogs.items():
        assert english_leaks(dialog) == [], name
        assert digit_dots(dialog) == [], name
        assert dialog.layoutDirection() == Qt.LayoutDirection.RightToLeft, name
    for tab in range(owner.tabs.count()):
        owner.tabs.setCurrentIndex(tab)
        assert english_leaks(owner) == [], owner.tabs.tabText(tab)
        assert digit_dots(owner) == [], owner.tabs.tabText(tab)
    # Things the owner screen lists: dates in the Jalali calendar with Persian digits.
    birthdays = owner.regulars.care_models["birthdays"].stringList()
    assert birthdays == ["چهارشنبه ۴ آذر — سارا"]
    referrals = owner.regulars.care_models["referrals"].stringList()
    assert referrals == ["سارا: ۱ دوست"]


def test_layout_runs_right_to_left(qtbot, persian, persian_cafe, make_till):
    window = make_till(synchronous=True)
    window.open_customer(persian_cafe.customers.search("سارا")[0].id)
    qtbot.waitUntil(lambda: window.ops.idle)
    qtbot.waitUntil(lambda: window.panel.isVisible())
    name_x = window.cafe_name.mapTo(window, window.cafe_name.rect().center()).x()
    search_x = window.search.mapTo(window, window.search.rect().center()).x()
    panel_x = window.panel.mapTo(window, window.panel.rect().center()).x()
    tiles_x = window.tiles.mapTo(window, window.tiles.rect().center()).x()
    assert name_x > search_x  # the café name starts the top bar on the right
    assert panel_x < tiles_x  # the customer panel sits on the left


def test_jalali_birthday_is_entered_and_saved_through_the_dialog(qtbot, persian, persian_cafe, make_till):
    window = make_till(synchronous=True)
    window.forms.open_new_customer("نیما")
    qtbot.waitUntil(lambda: window.ops.idle)
    dialog = window.dialog
    assert dialog.birth_month.itemText(1) == "فروردین" and dialog.birth_month.itemText(12) == "اسفند"
    dialog.birth_month.setCurrentIndex(12)
    dialog.birth_day.setValue(30)
    dialog.birth_year.setValue(1404)  # not a leap year: no 30 Esfand
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.ops.idle)
    assert dialog.isVisible() and dialog.error.text() == "ماه ۱۲ سال ۱۴۰۴ روز ۳۰ ندارد."
    assert persian_cafe.customers.search("نیما") == []
    dialog.birth_year.setValue(1403)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.ops.idle)
    [nima] = persian_cafe.customers.search("نیما")
    saved = persian_cafe.customers.get(nima.id).birthday
    assert saved == {"month": 12, "day": 30, "year": 1403, "calendar": "jalali"}
    window.forms.open_edit_customer(nima.id)
    qtbot.waitUntil(lambda: window.ops.idle)
    edit = window.dialog
    assert (edit.birth_month.currentText(), edit.birth_day.text(), edit.birth_year.text()) == ("اسفند", "۳۰", "۱۴۰۳")


def test_a_gregorian_birthday_is_shown_in_jalali_and_kept_unless_changed(qtbot, persian, persian_cafe, make_till):
    tom = persian_cafe.customers.add("تام", birthday_month=3, birthday_day=21, birthday_year=1990)
    window = make_till(synchronous=True)
    window.forms.open_edit_customer(tom.id)
    qtbot.waitUntil(lambda: window.ops.idle)
    dialog = window.dialog
    # 21 March 1990 was 1 Farvardin 1369.
    assert (dialog.birth_month.currentIndex(), dialog.birth_day.value(), dialog.birth_year.value()) == (1, 1, 1369)
    dialog.notes.setPlainText("یادداشت")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.ops.idle)
    kept = persian_cafe.customers.get(tom.id)
    assert kept.birthday == {"month": 3, "day": 21, "year": 1990, "calendar": "gregorian"} and kept.notes == "یادداشت"


def test_batch_print_date_is_jalali(qtbot, persian, persian_cafe, make_till):
    window = make_till(synchronous=True)
    window.owner.open_batch_print()
    qtbot.waitUntil(lambda: window.ops.idle)
    since: QDateEdit = window.batch_dialog.since
    since.setDate(QDate(2026, 11, 23))
    assert since.text() == "۲ آذر ۱۴۰۵"
    assert "۲ کارت" in window.batch_dialog.count.text()


def test_stamp_banner_and_tiles_use_persian_digits(qtbot, persian, persian_cafe, make_till):
    window = make_till(synchronous=True)
    reza = persian_cafe.customers.search("رضا")[0]
    window.open_customer(reza.id)
    qtbot.waitUntil(lambda: window.ops.idle)
    qtbot.mouseClick(window.panel.stamp_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.ops.idle)
    assert window.panel.banner.text() == "مهر خورد. ۴ از ۱۰."
    row = next(r for r in range(window.model.rowCount()) if window.model.index(r, 0).data(ui_id_role()) == reza.id)
    assert "۴ از ۱۰ مهر" in window.model.index(row, 0).data(Qt.ItemDataRole.AccessibleTextRole)


def ui_id_role() -> int:
    from cafe_loyalty_ui.till.customer_model import IdRole

    return IdRole


# -- choosing the language ------------------------------------------------------------------


@pytest.fixture
def session(qtbot, db_path, monkeypatch):
    monkeypatch.setattr(i18n, "system_language", lambda: "en")
    sessions: list[ui_app.Session] = []

    def _make(language: str | None = None) -> ui_app.Session:
        s = ui_app.Session(ui_app.make_app(), db_path, language)
        sessions.append(s)
        return s

    yield _make
    for s in sessions:
        s.close()
    drop_windows()
    i18n.install(ui_app.make_app(), "en")


def test_first_run_in_persian_keeps_what_was_typed_and_sets_persian_defaults(qtbot, session):
    s = session()
    assert s.start()
    english = s.setup_dialog
    qtbot.keyClicks(english.cafe_name, "Shirin")
    english.language.setCurrentIndex(english.language.findData("fa"))
    qtbot.waitUntil(lambda: s.setup_dialog is not english)
    dialog = s.setup_dialog
    assert dialog.windowTitle() == "خوش آمدید! کافهٔ شما را راه بیندازیم"
    assert dialog.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert dialog.cafe_name.text() == "Shirin" and dialog.language.currentData() == "fa"
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert s.window is not None and s.window.search.placeholderText() == "جستجوی نام، تلفن یا کد کارت…"
    assert s.cafe.settings.get("language") == "fa"
    assert reward_in(s.cafe.settings.all()) == "یک نوشیدنی دلخواه رایگان"  # the Persian reward's default
    assert [p.name for p in s.cafe.staff.list()] == ["مدیر", "باریستا"]  # setup always makes the owner


def test_owner_switches_the_till_to_persian_and_back(qtbot, session, db_path):
    cafe = Cafe.open(db_path)
    cafe.set_up("Café Shirin", "Maryam", "2468")
    cafe.customers.add("Sara")
    cafe.close()
    s = session()
    assert s.start()
    english = s.window
    assert english.add_button.text() == "New regular"
    english.owner._show_owner(s.cafe.staff.unlock_owner("2468"), "settings")
    qtbot.waitUntil(lambda: english.owner_dialog.settings._loaded is not None)  # the form shows the settings
    combo = english.owner_dialog.settings.setting_widgets["language"]
    combo.setCurrentIndex(combo.findData("fa"))
    qtbot.mouseClick(english.owner_dialog.settings.save_settings_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: s.window is not english, timeout=5000)
    persian = s.window
    # its words (the button may show only its icon where the screen is narrow)
    assert persian.add_button.accessibleName() == "مشتری ثابت تازه"
    assert persian.layoutDirection() == Qt.LayoutDirection.RightToLeft
    qtbot.waitUntil(lambda: persian.model.rowCount() == 1)  # the tiles load on the worker
    qtbot.waitUntil(lambda: not shiboken6.isValid(english))  # the English window is gone, not hidden
    persian.owner._show_owner(s.cafe.staff.unlock_owner("2468"), "settings")
    qtbot.waitUntil(lambda: persian.owner_dialog.settings._loaded is not None)  # the form shows the settings
    combo = persian.owner_dialog.settings.setting_widgets["language"]
    combo.setCurrentIndex(combo.findData("en"))
    qtbot.mouseClick(persian.owner_dialog.settings.save_settings_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: s.window is not persian, timeout=5000)
    assert s.window.add_button.accessibleName() == "New regular"
    assert s.window.layoutDirection() == Qt.LayoutDirection.LeftToRight


def test_lang_flag_overrides_the_setting_for_one_run(qtbot, session, db_path):
    from cafe_loyalty_ui.main import parse_app_args

    assert parse_app_args(["--lang", "fa"]).lang == "fa"
    with pytest.raises(SystemExit):
        parse_app_args(["--lang", "de"])
    cafe = Cafe.open(db_path)
    cafe.set_up("Café Shirin")
    cafe.close()
    s = session("fa")
    assert s.start()
    assert s.window.owner_button.text() == "مدیر"
    assert s.cafe.settings.get("language") == "en"  # the café's own setting is untouched


def test_the_core_s_refusals_are_said_in_persian(qtbot, persian, persian_cafe, make_till):
    window = make_till(synchronous=True)
    window.forms.open_new_customer("")
    qtbot.waitUntil(lambda: window.ops.idle)
    dialog = window.dialog
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.ops.idle)
    assert dialog.error.text() == "لطفاً نام را وارد کنید."
    dialog.first_name.setText("س" * 200)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.ops.idle)
    assert dialog.error.text() == "نام خیلی بلند است (۲۰۰ نویسه؛ حداکثر ۸۰)."
    dialog.close()
    window.keys.handle_scan("K7QM-4T2X-9RBD-CW3Z")  # a forged code: the check character fails
    qtbot.waitUntil(lambda: window.ops.idle)
    assert window.banner.text() == "این کد کارت درست نیست: یک نویسه اشتباه است یا جا افتاده."
    assert english_leaks(window) == []


def test_an_unknown_language_is_refused_and_nothing_changes(cafe):
    from cafe_loyalty.errors import ValidationError

    with pytest.raises(ValidationError, match="'en' or 'fa'"):
        cafe.settings.update(language="de", cafe_name="Changed", by=cafe.staff.owner_id())
    assert (cafe.settings.get("language"), cafe.settings.get("cafe_name")) == ("en", "Café Shirin")


def test_the_head_start_test_is_all_persian_with_its_verdict(qtbot, persian, tmp_path):
    """Issue #15's "done when", in Persian: a simulated café with a known effect, its verdict."""
    import datetime as dt

    from cafe_loyalty_ui.owner.experiment_box import ExperimentBox, StartDialog

    from bench.experiment_sim import fill
    from cafe_loyalty.clock import FakeClock

    now = dt.datetime(2026, 6, 1, 12, 0)
    cafe = Cafe.open(tmp_path / "sim.db", clock=FakeClock(now - dt.timedelta(days=400)))
    try:
        cafe.set_up("کافه", "مریم", "2468", "fa")
        cafe.experiments.start(min_effect=0.15, seed=3, by=cafe.staff.owner_id())
        fill(cafe.path, (0.6, 0.15), months=6, seed=3, now=now)
        cafe.clock.current = now
        status = cafe.experiments.current()
    finally:
        cafe.close()
    box = ExperimentBox()
    qtbot.addWidget(box)
    box.show_status(status)
    box.show()
    assert status.verdict == "a_better"
    assert box.verdict.text().startswith("طرح الف اینجا بهتر است")
    assert english_leaks(box) == []
    box.ask_keep(1)
    assert english_leaks(box) == []
    dialog = StartDialog(box)
    qtbot.addWidget(dialog)
    dialog.show()
    assert english_leaks(dialog) == []


def test_the_check_back_strip_and_its_owner_tab_are_persian(qtbot, persian, persian_cafe, make_till, clock):
    window = make_till(synchronous=True)
    reza = persian_cafe.customers.search("رضا")[0].id
    cake = next(i.id for i in persian_cafe.menu.list() if i.name == "کیک زعفرانی")
    window.ops.run(persian_cafe.visits.record, reza, [cake], by=window.staff_id())
    clock.current += dt.timedelta(minutes=3)
    strip = window.checkbacks
    strip.model.tick()
    assert strip.model.rowCount() == 1 and strip.model.index(0).data() == "رضا — بار اول: کیک زعفرانی"
    strip.choose(0)
    qtbot.mouseClick(strip.bar.note_button, Qt.MouseButton.LeftButton)
    assert english_leaks(strip) == []
    qtbot.mouseClick(strip.bar.good_button, Qt.MouseButton.LeftButton)
    assert window.banner.text() == "سپاس: ثبت شد."
    window.owner._show_owner(persian_cafe.staff.unlock_owner("2468"), "")
    owner = window.owner_dialog
    owner.tabs.setCurrentIndex(owner.owner_tabs.index(owner.checkbacks))
    assert english_leaks(owner) == []
    assert owner.checkbacks.items_model.cells[0][0] == "کیک زعفرانی"
    owner.reject()


def test_language_and_colours_changed_in_one_save_both_take_effect(qtbot, session, db_path):
    """#31: the colours changed and the language did not (the handler returned after the theme)."""
    from cafe_loyalty_ui import theme

    cafe = Cafe.open(db_path)
    cafe.set_up("Café Shirin", "Maryam", "2468")
    cafe.close()
    s = session()
    assert s.start()
    english = s.window
    english.owner._show_owner(s.cafe.staff.unlock_owner("2468"), "settings")
    qtbot.waitUntil(lambda: english.owner_dialog.settings._loaded is not None)  # the form shows the settings
    widgets = english.owner_dialog.settings.setting_widgets
    widgets["language"].setCurrentIndex(widgets["language"].findData("fa"))
    widgets["theme"].setCurrentIndex(widgets["theme"].findData("dark"))
    qtbot.mouseClick(english.owner_dialog.settings.save_settings_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: s.cafe.settings.get("theme") == "dark", timeout=5000)
    qtbot.waitUntil(lambda: s.window is not english, timeout=5000)
    persian = s.window
    try:
        assert theme.current == "dark"
        assert persian.layoutDirection() == Qt.LayoutDirection.RightToLeft
        assert persian.add_button.accessibleName() == "مشتری ثابت تازه"
    finally:
        theme.use("light")


@pytest.mark.parametrize("language", ["en", "fa"])
def test_changing_the_text_size_keeps_the_regular_open(qtbot, session, db_path, language):
    """#31: the barista was serving Sara; a larger text size rebuilt the till with nobody open."""
    from cafe_loyalty_ui import theme

    cafe = Cafe.open(db_path)
    cafe.set_up("Café Shirin", "Maryam", "2468", language=language)
    sara = cafe.customers.add("Sara")
    cafe.close()
    s = session()
    assert s.start()
    before = s.window
    before.open_customer(sara.id)
    qtbot.waitUntil(lambda: before.panel.customer is not None and before.panel.customer.id == sara.id)
    before.keys.choose_text_size(150)
    qtbot.waitUntil(lambda: s.window is not before)
    after = s.window
    try:
        qtbot.waitUntil(lambda: after.panel.customer is not None and after.panel.customer.id == sara.id)
        assert theme.text_size == 150
    finally:
        theme.set_text_size(100)


def test_an_import_keeps_a_row_with_a_bad_field_and_says_why_in_persian(qtbot, persian, persian_cafe, make_till):
    """#31: Reza (30 Esfand 1365) and Mina (12 paper stamps) were dropped whole; they are kept,
    and the preview says in Persian what was left out, in full."""
    from pathlib import Path

    from cafe_loyalty_ui.owner.import_dialog import ImportDialog

    window = make_till(synchronous=True)
    dialog = ImportDialog(persian_cafe, window.ops, persian_cafe.staff.owner_id(), window)
    qtbot.addWidget(dialog)
    dialog.load(str(Path(__file__).parent / "data" / "imports" / "persian-regulars.xlsx"))
    qtbot.waitUntil(lambda: dialog.plan is not None)
    why = [dialog.rejected_model.cells[r][3] for r in range(dialog.rejected_model.rowCount())]
    assert len(why) == 2 and all(w.startswith("بدون این خانه وارد شد: ") for w in why), why
    assert any("۱۲ مهر در کارت ۱۰تایی جا نمی‌شود: ۹ مهر منتقل شد." in w for w in why), why
    assert "۴ برای افزودن" in dialog.summary.text() and "۲ با یک خانهٔ خالی‌مانده" in dialog.summary.text()
    assert digit_dots(dialog) == []  # (file and encoding names are Latin here, rightly)
    table = dialog.rejected_table
    last = dialog.rejected_model.columnCount() - 1
    for row in range(dialog.rejected_model.rowCount()):  # the reason is not cut: its row is as tall as it
        text_height = (
            table.fontMetrics()
            .boundingRect(0, 0, table.columnWidth(last), 10_000, Qt.TextFlag.TextWordWrap, why[row])
            .height()
        )
        assert table.rowHeight(row) >= text_height


def test_qts_own_dialogs_speak_persian(qtbot, persian):
    """#31: the file dialog said "Look in:" and "Files of type:" in English on the Persian till."""
    from PySide6.QtWidgets import QFileDialog

    dialog = QFileDialog()
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    qtbot.addWidget(dialog)
    texts = [label.text() for label in dialog.findChildren(QLabel)]
    assert "Look in:" not in texts and "Files of type:" not in texts
    assert any("جستجو در" in t for t in texts)


def test_a_latin_name_in_a_persian_sentence_is_isolated(persian):
    """#31: "Sara" sat on the wrong side of a Persian greeting, and a path's slashes moved."""
    assert i18n.isolate("Sara") == "\u2068Sara\u2069"
    assert i18n.isolate("/home/maryam/café.db") == "\u2068/home/maryam/café.db\u2069"
    assert i18n.isolate("سارا") == "سارا"  # Persian in Persian: left as it is


def test_the_reward_follows_the_language_until_the_owner_writes_one(qtbot, language, cafe, make_till):
    """#31: "a free drink of your choice" stayed English on the Persian till, display and card."""
    from .conftest import settle

    owner = cafe.staff.owner_id()
    sara = cafe.customers.add("Sara")
    cafe.settings.update(language="fa", by=owner)
    language("fa")
    window = make_till()
    display = window.display_link.open_display()
    window.open_customer(sara.id)
    settle(window)
    assert "یک نوشیدنی دلخواه رایگان" in display.visible_text()
    assert "a free drink" not in display.visible_text()
    assert cafe.cards.printed(sara.id).reward == "یک نوشیدنی دلخواه رایگان"
    # the owner writes the Persian reward; English keeps its own default
    cafe.settings.update(reward_text_fa="یک کیک زعفرانی", by=owner)
    assert cafe.cards.printed(sara.id).reward == "یک کیک زعفرانی"
    assert reward_in(cafe.settings.all(), "en") == "a free drink of your choice"
    cafe.settings.update(language="en", by=owner)
    assert cafe.cards.printed(sara.id).reward == "a free drink of your choice"


def test_an_older_cafe_with_its_persian_reward_in_the_one_setting_keeps_it():
    old = {"language": "fa", "reward_text": "یک نوشیدنی رایگان", "reward_text_fa": "یک نوشیدنی دلخواه رایگان"}
    assert reward_in(old) == "یک نوشیدنی رایگان"
    assert reward_in(old, "en") == "a free drink of your choice"  # never Persian on an English till
    assert reward_in({**old, "reward_text_fa": "کیک"}) == "کیک"  # once written, the Persian one

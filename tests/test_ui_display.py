"""The customer display (issue #14): it follows the till, shows only what the owner allows,
marks a stamp (or not, with reduced motion), rests between customers, and checks customers in
from a scanner facing them; the till reacts. In English and Persian."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from cafe_loyalty import till_prefs

from .conftest import settle


@pytest.fixture
def sara(cafe):
    return cafe.customers.add(
        "Sara", last_name="Karimi", phone="0912 345 6789", notes="window seat", allergies="walnuts"
    )


@pytest.fixture
def display(window):
    shown = window.display_link.open_display()
    settle(window)
    return shown


PRIVATE = ("Karimi", "0912", "window seat", "walnuts")


def open_and_settle(window, customer_id):
    window.open_customer(customer_id)
    settle(window)


def test_it_rests_on_the_programmes_pitch(display, cafe):
    assert display.state == "rest"
    text = display.visible_text()
    assert "Your card starts with 2 stamps — ask us" in text and "10 stamps = a free drink of your choice" in text
    assert display.rest_card.slot_states() == ["head"] * 2 + ["empty"] * 8


def test_it_follows_the_till_and_never_shows_private_details(window, display, sara):
    open_and_settle(window, sara.id)
    assert display.state == "card"
    text = display.visible_text()
    assert "Welcome back, Sara" in text and "2 of 10 · 8 more to a free drink of your choice" in text
    assert display.card.slot_states() == ["head", "head"] + ["empty"] * 8
    for private in PRIVATE:
        assert private not in text


def test_a_stamp_grows_into_its_slot(qtbot, window, display, sara):
    open_and_settle(window, sara.id)
    window.panel.actions.stamp()
    settle(window)
    assert "3 of 10 · 7 more" in display.visible_text()
    assert display.card.slot_states()[2] == "earned" and display.card.pulse_slot == 2
    assert display.animation is not None
    qtbot.waitUntil(lambda: display.card.pulse == 1.0)  # the animation runs to its end


def test_reduced_motion_marks_the_stamp_without_animating(window, display, sara, cafe):
    cafe.settings.update(by=cafe.staff.owner_id(), reduce_motion=1)
    window.ops.changed.emit(cafe.perform(lambda: None).changes | _settings_changed())
    settle(window)
    open_and_settle(window, sara.id)
    window.panel.actions.stamp()
    settle(window)
    assert display.animation is None and display.card.pulse == 1.0
    assert display.card.slot_states()[2] == "earned"


def _settings_changed():
    from cafe_loyalty.changes import Changes

    return Changes(settings=frozenset({"reduce_motion"}), areas=frozenset({"settings"}))


def test_a_full_card_then_a_redeem(window, display, sara, cafe, barista):
    for _ in range(7):
        cafe.ledger.stamp(sara.card.id, by=barista, force=True)
    open_and_settle(window, sara.id)
    window.panel.actions.stamp(force=True)
    settle(window)
    assert display.ready.isVisible()
    assert "Your card is full: a free drink of your choice is ready" in display.ready.text()
    window.panel.actions.redeem()
    settle(window)
    text = display.visible_text()
    assert "Enjoy!" in text and "Your new card already has 2 stamps" in text
    assert not display.ready.isVisible()
    assert display.rest_timer.isActive()
    assert display.rest_timer.interval() == cafe.settings.get("display_linger_seconds") * 1000


def test_only_the_initial_when_the_owner_says_so(window, display, sara, cafe):
    cafe.settings.update(by=cafe.staff.owner_id(), display_name="initial")
    open_and_settle(window, sara.id)
    text = display.visible_text()
    assert "Welcome back, S." in text and "Sara" not in text


def test_it_rests_a_few_seconds_after_the_customer_leaves(window, display, sara):
    open_and_settle(window, sara.id)
    window.close_panel()
    assert display.state == "card" and display.rest_timer.isActive()
    display.rest_timer.timeout.emit()
    assert display.state == "rest"


def test_a_scan_at_the_display_checks_in_and_opens_the_panel(window, display, sara, cafe):
    before = cafe.backups.current_counts()
    scan_at(window, display, sara.card.code)
    assert display.state == "card" and "Welcome back, Sara" in display.visible_text()
    assert window.panel.customer.id == sara.id
    assert "Sara checked in." in window.banner.text()
    assert cafe.backups.current_counts() == before  # nothing stamped from the customer's side


def test_a_check_in_while_serving_someone_else_waits_on_the_strip(qtbot, window, display, sara, cafe):
    reza = cafe.customers.add("Reza")
    open_and_settle(window, reza.id)
    scan_at(window, display, sara.card.code)
    assert window.panel.customer.id == reza.id  # the barista's customer stays
    assert window.waiting.isVisible() and window.waiting.model.rows == [(sara.id, "Sara")]
    qtbot.mouseClick(
        window.waiting.list.viewport(),
        Qt.MouseButton.LeftButton,
        pos=window.waiting.list.visualRect(window.waiting.model.index(0)).center(),
    )
    settle(window)
    assert window.panel.customer.id == sara.id and not window.waiting.isVisible()


def test_unknown_and_revoked_cards_are_asked_to_the_counter(window, display, sara, cafe, barista):
    old = sara.card.code
    cafe.cards.reissue(sara.id, by=barista)
    for code in (old, "K7QM-4T2X-9RBD-CW3F"):
        scan_at(window, display, code)
        assert display.state == "message" and display.message.text() == "Please ask at the counter."
        assert window.panel.customer is None
        cafe.customer_side.gate.succeeded()


def test_phone_check_in_on_the_touch_display(qtbot, window, display, sara, cafe):
    assert not display.phone_button.isVisibleTo(display)
    cafe.settings.update(by=cafe.staff.owner_id(), display_phone_checkin=1)
    window.ops.changed.emit(_settings_changed())
    settle(window)
    assert display.phone_button.isVisibleTo(display)
    qtbot.mouseClick(display.phone_button, Qt.MouseButton.LeftButton)
    assert display.state == "phone"
    assert display.phone.echoMode() == display.phone.EchoMode.Password  # masked as typed
    for key in "09123456789":
        qtbot.mouseClick(display.keys[key], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(display.keys["✓"], Qt.MouseButton.LeftButton)
    settle(window)
    assert window.panel.customer.id == sara.id and display.state == "card"
    assert display.phone.text() == ""  # the number does not stay on the screen


def test_the_display_opens_from_the_tills_display_menu(window):
    assert window.customer_display is None
    window.display_link._fill_display_menu()  # what opening the Display button's menu does
    show = window.display_menu.actions()[0]
    assert show.text().startswith("Show on")
    show.trigger()  # the till's only screen here: it asks first (#31)
    window.display_warning.button(window.display_warning.StandardButton.Ok).click()
    assert window.customer_display is not None and window.customer_display.isVisible()


def test_the_display_remembers_its_screen_and_reopens_with_the_till(window, display, till_config):
    prefs = till_prefs.load()
    assert prefs["display_open"] is True and prefs["display_screen"] == display.screen().name()
    window.display_link._fill_display_menu()
    actions = [a for a in window.display_menu.actions() if not a.isSeparator() and a.menu() is None]
    texts = [a.text() for a in actions]
    assert any(t.startswith("Show on") for t in texts) and texts[-1] == "Close the customer display"
    actions[-1].trigger()
    assert window.customer_display is None and till_prefs.load()["display_open"] is False


def test_the_display_in_persian(language, cafe, make_till):
    language("fa")
    window = make_till()
    sara = cafe.customers.add("سارا", last_name="کریمی")
    display = window.display_link.open_display()
    settle(window)
    assert display.layoutDirection() == Qt.LayoutDirection.RightToLeft
    rest = display.visible_text()
    assert "۲" in rest and "2" not in rest.replace(cafe.settings.get("cafe_name"), "")
    open_and_settle(window, sara.id)
    text = display.visible_text()
    assert "سارا" in text and "کریمی" not in text and "۲ از ۱۰ — ۸" in text  # a dash, not a dot (#31)
    assert not re.search(r"[۰-۹]\s*[·.]\s*[۰-۹]", text)
    assert [display.card.slot_label(i) for i in (2, 9)] == ["۳", "۱۰"]  # the empty slots' numbers


def scan_at(window, display, code: str) -> None:
    """A scanner facing the customer types the code into the display window, fast."""
    display.activateWindow()
    display.setFocus()
    display.wedge.now_ms = window.key_clock
    target = display
    for ch in code:
        window.key_clock.ms += 5
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(target, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch))
    window.key_clock.ms += 5
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(target, QKeyEvent(kind, Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier))
    settle(window)


def open_customer_side(qtbot, window):
    from .test_ui_owner import unlock

    unlock(qtbot, window)
    owner = window.owner_dialog
    owner.tabs.setCurrentWidget(owner.tabs.widget(owner.owner_tabs.index(owner.customer_side)))
    settle(window)
    return owner.customer_side


def test_the_owner_turns_on_the_phone_page_and_sets_the_display(qtbot, window, cafe, sara):
    tab = open_customer_side(qtbot, window)
    assert tab.page_url.text() == "Off" and not tab.page_on.isChecked()
    tab.page_on.setChecked(True)
    assert tab.page_url.text() == "http://cafe-shirin.local:8765/c/…"  # shown before saving
    tab.address.setText("192.168.1.20")
    assert tab.page_url.text() == "http://192.168.1.20:8765/c/…"
    tab.name_style.setCurrentIndex(tab.name_style.findData("initial"))
    tab.reduce_motion.setChecked(True)
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    settle(window)
    settings = cafe.settings.all()
    assert settings["phone_page"] == 1 and settings["display_name"] == "initial" and settings["reduce_motion"] == 1
    assert settings["card_url_template"] == "http://192.168.1.20:8765/c/{code}"
    assert cafe.cards.printed(sara.id).payload == f"http://192.168.1.20:8765/c/{sara.card.code}"
    assert tab.result.text() == "Saved."


def test_a_bad_fixed_address_is_refused_in_the_tab(qtbot, window, cafe):
    tab = open_customer_side(qtbot, window)
    tab.page_on.setChecked(True)
    tab.address.setText("http://cafe.example/page")
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    settle(window)
    assert "no http://" in tab.result.text() and cafe.settings.get("phone_page") == 0


def test_the_counter_sign_is_saved_from_the_tab(qtbot, window, tmp_path):
    tab = open_customer_side(qtbot, window)
    qtbot.mouseClick(tab.sign_button, Qt.MouseButton.LeftButton)
    tab.file_dialog.selectFile(str(tmp_path / "sign.pdf"))
    tab.file_dialog.accept()
    settle(window)
    assert (tmp_path / "sign.pdf").read_bytes().startswith(b"%PDF")
    assert str(tmp_path / "sign.pdf") in tab.result.text()


def test_the_app_opens_the_display_when_asked(qtbot, cafe, db_path, till_config):
    from cafe_loyalty_ui.app import Session, make_app
    from cafe_loyalty_ui.main import parse_app_args

    assert parse_app_args(["--customer-display"]).customer_display
    cafe.close()
    session = Session(make_app(), db_path, customer_display=True)
    try:
        assert session.start()
        assert session.window.customer_display is not None and session.window.customer_display.isVisible()
    finally:
        session.close()
    # remembered for this till: the next start opens it without being asked
    session = Session(make_app(), db_path)
    try:
        assert session.start()
        assert session.window.customer_display is not None
    finally:
        session.close()


def test_a_camera_facing_the_customer_checks_them_in(qtbot, window, cafe, sara, monkeypatch):
    """With the webcam extra and a camera, the display offers to scan the card at the screen;
    what the camera reads goes the same way as a scanner's."""
    from cafe_loyalty_ui.display import customer_display
    from PySide6.QtCore import Signal
    from PySide6.QtWidgets import QDialog

    class FakeCamera(QDialog):  # QtMultimedia is optional; its dialog is replaced here
        scanned = Signal(str)

    monkeypatch.setattr(customer_display, "available_cameras", lambda: [])
    assert not window.display_link.open_display().camera_button.isVisibleTo(window.customer_display)
    window.display_link.close_display()
    monkeypatch.setattr(customer_display, "available_cameras", lambda: ["USB camera"])
    monkeypatch.setattr(customer_display, "CameraScanDialog", FakeCamera)
    display = window.display_link.open_display()
    settle(window)
    assert display.camera_button.isVisibleTo(display)
    qtbot.mouseClick(display.camera_button, Qt.MouseButton.LeftButton)
    display.camera_dialog.scanned.emit(sara.card.code)
    settle(window)
    assert window.panel.customer.id == sara.id and display.state == "card"


def test_the_resting_display_shows_how_to_reach_the_cafe(window, cafe):
    """Issue #20: the café's contact details on the display's idle screen, each only if filled in."""
    cafe.settings.update(by=cafe.staff.owner_id(), contact_phone="021 555 0101", contact_social_1="@cafeshirin")
    display = window.display_link.open_display()
    window.ops.changed.emit(_settings_changed())
    settle(window)
    text = display.visible_text()
    assert "021 555 0101 · @cafeshirin" in text
    assert "@" not in text.replace("@cafeshirin", "")  # no empty email or address shown


def test_on_a_one_screen_till_the_display_warns_and_closes_with_esc_or_its_corner(qtbot, window):
    """#31: "Show on screen" on the till's only screen covered the till with no way back."""
    from PySide6.QtWidgets import QMessageBox

    window.display_link.ask_display_on(window.screen())  # the only screen: the till's own
    box = window.display_warning
    assert box.isVisible() and "cover the till" in box.text() and "Esc" in box.informativeText()
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Cancel), Qt.MouseButton.LeftButton)
    assert window.customer_display is None
    window.display_link.ask_display_on(window.screen())
    qtbot.mouseClick(window.display_warning.button(QMessageBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    display = window.customer_display
    assert display is not None and display.isVisible()
    qtbot.keyClick(display, Qt.Key.Key_Escape)
    assert window.customer_display is None and till_prefs.load()["display_open"] is False
    display = window.display_link.open_display()
    assert display.close_button.isVisible() and display.close_button.accessibleName()
    qtbot.mouseClick(display.close_button, Qt.MouseButton.LeftButton)
    assert window.customer_display is None
    window.display_link._fill_display_menu()
    close = window.display_menu.actions()[len(QApplication.screens())]
    assert close.text() == "Close the customer display" and close.shortcut().toString() == "Ctrl+Shift+D"


@pytest.mark.parametrize("code", ["en", "fa"])
def test_the_logo_and_the_cafe_name_sit_together(language, make_till, code):
    """#31: the Persian display put the logo and the café's name in opposite corners."""
    from PySide6.QtWidgets import QLabel

    language(code)
    window = make_till()
    display = window.display_link.open_display()
    settle(window)
    logo = next(label for label in display.findChildren(QLabel) if label.pixmap() and not label.pixmap().isNull())
    name = display.cafe_name
    gap = min(
        abs(name.geometry().left() - logo.geometry().right()), abs(logo.geometry().left() - name.geometry().right())
    )
    assert gap <= 24, (logo.geometry(), name.geometry())
    if code == "fa":
        assert logo.geometry().left() > name.geometry().left()  # right to left: the logo leads, at the right


def _overlaps(display) -> list[str]:
    """Visible pieces of the shown page (and the top bar) that overlap each other, leave the
    window, or have text taller or wider than their box."""
    from cafe_loyalty_ui.card_widget import StampCardWidget
    from PySide6.QtCore import QRect
    from PySide6.QtWidgets import QAbstractButton, QLabel

    page = display.pages.currentWidget()
    found = page.findChildren(QLabel) + page.findChildren(StampCardWidget) + page.findChildren(QAbstractButton)
    pieces = [w for w in found if w.isVisible()]
    pieces += [display.cafe_name, display.close_button]
    boxes = []
    problems = []
    for w in pieces:
        if isinstance(w, QLabel) and not w.text() and w.pixmap().isNull():
            continue
        rect = QRect(w.mapTo(display, w.rect().topLeft()), w.size())
        if not display.rect().contains(rect):
            problems.append(f"{w.objectName() or type(w).__name__} leaves the window: {rect}")
        if isinstance(w, QLabel) and w.text():
            flags = Qt.TextFlag.TextWordWrap if w.wordWrap() else Qt.TextFlag.TextSingleLine
            need = w.fontMetrics().boundingRect(0, 0, max(1, w.contentsRect().width()), 100_000, flags, w.text())
            if need.height() > w.contentsRect().height() + 2 or (not w.wordWrap() and need.width() > w.width() + 2):
                problems.append(f"{w.objectName()} text does not fit: {need.size()} in {w.contentsRect().size()}")
        boxes.append((w.objectName() or type(w).__name__, rect))
    for i, (a, ra) in enumerate(boxes):
        for b, rb in boxes[i + 1 :]:
            shared = ra.intersected(rb)
            if shared.width() > 2 and shared.height() > 2:
                problems.append(f"{a} overlaps {b}")
    return problems


@pytest.mark.parametrize("size", [(800, 480), (1024, 600), (1280, 800), (1366, 768), (1920, 1080)])
@pytest.mark.parametrize("code", ["en", "fa"])
def test_the_display_lays_out_at_every_counter_screen_size(language, cafe, make_till, size, code):
    """#31: at 800 x 480 (a common small counter display) the progress text overlapped the slots."""
    language(code)
    window = make_till()
    cafe.settings.update(reward_text="a large latte or a slice of saffron cake", by=cafe.staff.owner_id())
    sara = cafe.customers.add("Nazanin" if code == "en" else "نازنین", birthday_month=1, birthday_day=1)
    display = window.display_link.open_display()
    settle(window)
    QApplication.processEvents()
    display.hide()  # full screen here would be the test screen's 800 x 800
    display.setWindowState(Qt.WindowState.WindowNoState)
    display.setFixedSize(*size)  # as a screen of that size forces it on a full-screen window
    display.show()
    settle(window)
    assert (display.width(), display.height()) == size
    QApplication.processEvents()
    assert display.state == "rest"
    assert _overlaps(display) == [], ("rest", size)
    open_and_settle(window, sara.id)
    QApplication.processEvents()
    assert display.state == "card"
    assert _overlaps(display) == [], ("card", size)

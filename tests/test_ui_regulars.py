"""Knowing the regular at the till: the usual in one tap, birthday badges, allergies, feedback,
what they had, treats, the owner's menu and care lists, and forgetting a customer."""

from __future__ import annotations

import datetime as dt

import pytest
from cafe_loyalty_ui.till.customer_model import SummaryRole
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QMessageBox

from cafe_loyalty.store.models import Customer, Feedback, Treat, Visit

from .conftest import closed


@pytest.fixture
def latte(cafe):
    return cafe.menu.add("Latte", "coffee", by=cafe.staff.owner_id()).id


def idle(qtbot, window):
    qtbot.waitUntil(lambda: window.ops.idle)


def click(qtbot, window, button):
    assert button.isVisible() and button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.ops.idle)
    idle(qtbot, window)


def test_the_usual_in_one_tap_records_the_visit_and_stamps(qtbot, cafe, clock, latte, make_till):
    sara = cafe.customers.add("Sara")
    cafe.visits.record(sara.id, [latte], "low-fat milk, not too hot")
    clock.advance(minutes=30)
    window = make_till()
    window.open_customer(sara.id)
    qtbot.waitUntil(lambda: window.ops.idle)
    panel = window.panel
    assert panel.usual.text().startswith("Latte, low-fat milk, not too hot")
    click(qtbot, window, panel.usual_button)
    assert cafe.visits.count(sara.id) == 2 and cafe.ledger.current_card(sara.id).filled == 4
    assert "Latte recorded" in panel.banner.text() and panel.progress.text() == "4 of 10"
    click(qtbot, window, panel.usual_button)  # a double tap: the guard asks
    assert panel.guard_box.isVisible() and cafe.visits.count(sara.id) == 2
    click(qtbot, window, panel.force_button)  # "another purchase": the usual again, forced
    assert cafe.visits.count(sara.id) == 3 and cafe.ledger.current_card(sara.id).filled == 5


def test_no_usual_button_without_a_known_usual(qtbot, cafe, make_till):
    sara = cafe.customers.add("Sara", usual="something sweet")
    window = make_till()
    window.open_customer(sara.id)
    qtbot.waitUntil(lambda: window.ops.idle)
    assert window.panel.usual.text() == "something sweet" and not window.panel.usual_button.isVisible()


def test_birthday_badge_on_the_panel_and_the_tile(qtbot, cafe, make_till):
    today = cafe.regulars.today()
    soon = today + dt.timedelta(days=2)
    later = today + dt.timedelta(days=20)
    sara = cafe.customers.add("Sara", birthday_month=soon.month, birthday_day=soon.day)
    reza = cafe.customers.add("Reza", birthday_month=later.month, birthday_day=later.day)
    window = make_till()
    tiles = {
        window.model.index(i).data(SummaryRole).first_name: window.model.index(i).data(SummaryRole)
        for i in range(window.model.rowCount())
    }
    assert tiles["Sara"].birthday_week and not tiles["Reza"].birthday_week
    window.open_customer(sara.id)
    qtbot.waitUntil(lambda: window.ops.idle)
    assert window.panel.birthday_badge.isVisible()
    assert window.panel.birthday_badge.text() == f"Birthday this week: {soon.day} {soon:%B}"
    assert not window.panel.birthday.isVisible()
    window.open_customer(reza.id)
    qtbot.waitUntil(lambda: window.ops.idle)
    assert not window.panel.birthday_badge.isVisible()
    assert window.panel.birthday.isVisible() and window.panel.birthday.text() == f"Birthday: {later.day} {later:%B}"


def test_allergies_are_shown_prominently(qtbot, cafe, make_till):
    sara = cafe.customers.add("Sara", allergies="nuts", dietary="vegan")
    window = make_till()
    window.open_customer(sara.id)
    qtbot.waitUntil(lambda: window.ops.idle)
    assert window.panel.alert.isVisible()
    assert "Allergies: nuts" in window.panel.alert.text() and "vegan" in window.panel.alert.text()


def test_add_and_resolve_feedback(qtbot, cafe, make_till):
    sara = cafe.customers.add("Sara")
    window = make_till()
    window.open_customer(sara.id)
    qtbot.waitUntil(lambda: window.ops.idle)
    panel = window.panel
    assert not panel.feedback_list.isVisible()
    qtbot.mouseClick(panel.add_feedback_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.ops.idle)
    dialog = panel.flows.feedback_dialog
    assert dialog.isVisible()
    qtbot.keyClicks(dialog.text, "The music was too loud")
    click(qtbot, window, dialog.ok_button)
    assert closed(dialog)
    assert Feedback.get().kind == "complaint"
    assert panel.feedback_list.isVisible()
    assert panel.feedback_model.stringList() == ["Complaint: The music was too loud"]
    click(qtbot, window, panel.resolve_button)
    assert Feedback.get().status == "resolved" and not panel.feedback_list.isVisible()


def test_feedback_dialog_refuses_empty_text(qtbot, cafe, make_till):
    sara = cafe.customers.add("Sara")
    window = make_till()
    window.open_customer(sara.id)
    qtbot.waitUntil(lambda: window.ops.idle)
    qtbot.mouseClick(window.panel.add_feedback_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.ops.idle)
    click(qtbot, window, window.panel.flows.feedback_dialog.ok_button)
    assert (
        window.panel.flows.feedback_dialog.isVisible() and "feedback" in window.panel.flows.feedback_dialog.error.text()
    )
    assert Feedback.select().count() == 0


def test_record_what_they_had_then_it_becomes_the_usual(qtbot, cafe, latte, make_till):
    sara = cafe.customers.add("Sara")
    window = make_till()
    window.open_customer(sara.id)
    qtbot.waitUntil(lambda: window.ops.idle)
    panel = window.panel
    assert not panel.usual_button.isVisible()
    click(qtbot, window, panel.items_button)
    dialog = panel.flows.visit_dialog
    qtbot.mouseClick(dialog.item_group.button(0), Qt.MouseButton.LeftButton)  # Latte
    qtbot.mouseClick(dialog.modifier_group.button(dialog.modifier_labels.index("oat milk")), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.ops.idle)
    click(qtbot, window, dialog.ok_button)
    assert Visit.select().count() == 1 and cafe.ledger.current_card(sara.id).filled == 3
    assert panel.usual.text().startswith("Latte, oat milk") and panel.usual_button.isVisible()
    assert panel.milestone_badge.isVisible() and "1" in panel.milestone_badge.text()


def test_new_menu_item_is_suggested(qtbot, cafe, clock, latte, make_till):
    sara = cafe.customers.add("Sara")
    clock.advance(days=1)
    cafe.menu.add("Saffron cake", "cake", by=cafe.staff.owner_id())
    window = make_till()
    window.open_customer(sara.id)
    qtbot.waitUntil(lambda: window.ops.idle)
    assert "Saffron cake" in window.panel.suggestion.text()
    window.panel.treat_action.trigger()
    qtbot.waitUntil(lambda: window.ops.idle)
    dialog = window.panel.flows.treat_dialog
    assert dialog.what.text() == "Saffron cake"
    click(qtbot, window, dialog.ok_button)
    assert Treat.get().why == "new-item" and "Treat recorded" in window.panel.banner.text()


def test_new_regular_dialog_takes_birthday_allergies_and_referrer(qtbot, cafe, make_till):
    reza = cafe.customers.add("Reza")
    window = make_till()
    qtbot.mouseClick(window.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.ops.idle)
    dialog = window.dialog
    qtbot.keyClicks(dialog.first_name, "Sara")
    dialog.allergies.setText("sesame")
    dialog.dietary["vegan"].setChecked(True)
    dialog.birth_month.setCurrentIndex(2)  # February
    dialog.birth_day.setValue(30)
    dialog.referred_by.setCurrentIndex(dialog.referred_by.findData(reza.id))
    click(qtbot, window, dialog.ok_button)
    assert dialog.isVisible() and "no day 30" in dialog.error.text()  # refused, nothing written
    assert Customer.select().count() == 1
    dialog.birth_day.setValue(29)
    click(qtbot, window, dialog.ok_button)
    sara = Customer.get(Customer.first_name == "Sara")
    assert (sara.birthday_month, sara.birthday_day, sara.allergies, sara.dietary) == (2, 29, "sesame", "vegan")
    assert sara.referred_by_id == reza.id


@pytest.mark.parametrize("scrub", [True, False], ids=["with-snapshots", "database-only"])
def test_forget_a_customer_from_the_panel(qtbot, cafe, make_till, scrub):
    sara = cafe.customers.add("Sara", phone="0912 345 6789", notes="window seat")
    code = sara.card.code
    snapshot = cafe.backups.snapshot_if_due()
    broken = cafe.backups.safety_copy("before-restore")
    broken.write_bytes(b"not a database: window seat")  # cannot be rewritten, so it goes
    window = make_till()
    window.open_customer(sara.id)
    qtbot.waitUntil(lambda: window.ops.idle)
    window.panel.forget_action.trigger()
    qtbot.waitUntil(lambda: window.ops.idle)
    pin = window.panel.pin_dialog  # the owner's PIN first
    qtbot.keyClicks(pin.pin, "2468")
    qtbot.mouseClick(pin.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.ops.idle)
    box = window.panel.flows.confirm_box
    assert "Sara" in box.text() and "restored" in box.text()
    assert box.checkBox().isChecked()  # the snapshots too, unless the owner says otherwise
    if not scrub:
        qtbot.mouseClick(box.checkBox(), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Yes), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.ops.idle)
    idle(qtbot, window)
    row = Customer.get_by_id(sara.id)
    assert row.forgotten_at is not None and row.phone == "" and row.notes == ""
    assert window.panel.customer is None and window.model.rowCount() == 0
    assert "forgotten" in window.banner.text()
    assert (b"window seat" in snapshot.read_bytes()) is not scrub
    assert ("Erased from 1 snapshot(s)" in window.banner.text()) is scrub
    assert ("1 snapshot(s) that could not be rewritten were deleted" in window.banner.text()) is scrub
    assert broken.exists() is not scrub
    window.keys.handle_scan(code)
    qtbot.waitUntil(lambda: window.ops.idle)
    assert window.panel.customer is None and "no longer belongs" in window.banner.text()


def test_export_needs_the_owner_and_writes_the_file(qtbot, cafe, make_till, tmp_path):
    import json

    sara = cafe.customers.add("Sara", allergies="nuts")
    window = make_till()
    window.open_customer(sara.id)
    qtbot.waitUntil(lambda: window.ops.idle)
    window.panel.export_action.trigger()
    qtbot.waitUntil(lambda: window.ops.idle)
    qtbot.keyClicks(window.panel.pin_dialog.pin, "0000")
    qtbot.mouseClick(window.panel.pin_dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.ops.idle)
    assert "Wrong PIN" in window.panel.pin_dialog.error.text()
    qtbot.keyClicks(window.panel.pin_dialog.pin, "2468")
    qtbot.mouseClick(window.panel.pin_dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.ops.idle)
    name = window.panel.flows.file_dialog.findChild(QLineEdit, "fileNameEdit")
    assert name.text() == "Sara-data.json"  # suggested
    name.setText(str(tmp_path / "Sara-data.json"))  # typed where to save it
    window.panel.flows.file_dialog.accept()
    idle(qtbot, window)
    assert json.loads((tmp_path / "Sara-data.json").read_text())["customer"]["allergies"] == "nuts"


def test_owner_menu_and_regulars_tabs(qtbot, cafe, clock, make_till):
    sara = cafe.customers.add("Sara")
    cafe.customers.add("Reza", referred_by=sara.id)
    cafe.feedback.add(sara.id, "Too loud", "complaint")
    window = make_till()
    window.owner.open_owner()
    qtbot.waitUntil(lambda: window.ops.idle)
    qtbot.keyClicks(window.pin_dialog.pin, "2468")
    qtbot.mouseClick(window.pin_dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.ops.idle)
    owner = window.owner_dialog
    owner.tabs.setCurrentIndex(3)
    owner.menu.item_name.setText("Saffron cake")
    owner.menu.item_category.setText("cake")
    click(qtbot, window, owner.menu.add_item_button)
    assert [i.name for i in cafe.menu.list()] == ["Saffron cake"]
    assert "Saffron cake" in owner.menu.menu_model.stringList()[0]
    owner.menu.item_name.setText("saffron CAKE")
    click(qtbot, window, owner.menu.add_item_button)
    assert "already on the menu" in owner.menu.result.text()
    owner.menu.menu_list.setCurrentIndex(owner.menu.menu_model.index(0))
    click(qtbot, window, owner.menu.remove_item_button)
    assert cafe.menu.list() == []
    # the lists are gathered on the maintenance thread
    qtbot.waitUntil(lambda: owner.regulars.care_models["referrals"].stringList() == ["Sara: 1 friend(s)"])
    assert owner.regulars.care_models["followups"].stringList()[0].endswith("Sara: Too loud")
    owner.reject()


def test_a_long_win_back_list_is_cut_with_a_count(qtbot, cafe, make_till, monkeypatch):
    from cafe_loyalty_ui.owner import regulars_tab

    from cafe_loyalty.services.regulars import LapsedRegular

    many = [LapsedRegular(i, f"Guest{i}", "", 5, 7.5, 40 - i % 5) for i in range(regulars_tab.CARE_LIMIT + 7)]
    monkeypatch.setattr(type(cafe.regulars), "lapsed", lambda self: many)
    window = make_till(synchronous=True)
    window.owner._show_owner(cafe.staff.unlock_owner("2468"), "")
    shown = window.owner_dialog.regulars.care_models["lapsed"].stringList()
    assert len(shown) == regulars_tab.CARE_LIMIT + 1
    assert shown[0] == "Guest0: 40 days away (usually every 7.5)"
    assert shown[-1] == "…and 7 more (the command line lists them all)"
    window.owner_dialog.reject()


def test_tiles_put_who_usually_comes_now_first(qtbot, cafe, clock, make_till):
    import datetime as dt

    cafe.settings.update(guard_minutes=0, by=cafe.staff.owner_id())
    ava = cafe.customers.add("Ava")
    for weeks_ago in (2, 1):
        cafe.ledger.stamp(cafe.ledger.current_card(ava.id).id, by=None, at=clock.now() - dt.timedelta(weeks=weeks_ago))
    clock.advance(minutes=1)
    cafe.customers.add("Ben")  # seen most recently
    window = make_till()
    names = lambda: [window.model.index(i).data() for i in range(window.model.rowCount())]  # noqa: E731
    qtbot.waitUntil(lambda: names() == ["Ava", "Ben"])  # once the maintenance thread has worked it out
    assert window.likely_ids == [ava.id]
    qtbot.keyClicks(window.search, "b")  # typing searches as before: most recent first
    qtbot.waitUntil(lambda: window.ops.idle)
    assert window.model.index(0).data() == "Ben"


def test_barista_pins_the_usual_from_the_items_dialog(qtbot, cafe, latte, make_till):
    croissant = cafe.menu.add("Croissant", "pastry", by=cafe.staff.owner_id()).id
    sara = cafe.customers.add("Sara")
    cafe.visits.record(sara.id, [latte], stamp=False)
    cafe.visits.record(sara.id, [latte], stamp=False)  # learned: Latte
    window = make_till()
    window.open_customer(sara.id)
    qtbot.waitUntil(lambda: window.ops.idle)
    click(qtbot, window, window.panel.items_button)
    dialog = window.panel.flows.visit_dialog
    names = [i.name for i in dialog.menu_items]
    qtbot.mouseClick(dialog.item_group.button(names.index("Croissant")), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.ops.idle)
    dialog.more.setText("warmed")
    dialog.pin.setChecked(True)
    click(qtbot, window, dialog.ok_button)
    usual = cafe.regulars.usual(sara.id)
    assert (usual.item_id, usual.modifiers, usual.source) == (croissant, "warmed", "pinned")
    assert window.panel.usual.text() == "Croissant, warmed"


@pytest.mark.parametrize("code", ["en", "fa"])
def test_a_new_regular_with_a_phone_already_here_offers_to_open_them(qtbot, cafe, make_till, language, code):
    """#31: "Sara" added again with her phone written another way made a second Sara."""
    from .conftest import type_text

    language(code)
    sara = cafe.customers.add("Sara", last_name="Ahmadi", phone="0912 345 6789")
    window = make_till()
    qtbot.mouseClick(window.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.ops.idle)
    dialog = window.dialog
    type_text(dialog.first_name, "سارا" if code == "fa" else "Sarah")
    type_text(dialog.phone, "+98 ۹۱۲ ۳۴۵ ۶۷۸۹")
    click(qtbot, window, dialog.ok_button)
    box = window.same_regular_box
    assert box is not None and box.isVisible() and "Ahmadi" in box.text()
    open_button = box.defaultButton()
    assert "Sara" in open_button.text()  # "Open Sara instead", the default
    qtbot.mouseClick(open_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.panel.customer is not None and window.panel.customer.id == sara.id)
    assert Customer.select().count() == 1 and closed(dialog)  # the form went: she is open instead
    # Again, and this time it really is someone else with an old number of hers
    qtbot.mouseClick(window.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.ops.idle)
    dialog = window.dialog
    type_text(dialog.first_name, "Nima")
    type_text(dialog.phone, "09123456789")
    click(qtbot, window, dialog.ok_button)
    box = window.same_regular_box
    anyway = next(b for b in box.buttons() if box.buttonRole(b) == box.ButtonRole.DestructiveRole)
    qtbot.mouseClick(anyway, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: Customer.select().count() == 2)

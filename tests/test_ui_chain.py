"""A chain at the till (issue #34): Owner ▸ Branches, the till's own branch beside the café's
name, and a branch manager's screen (their branch's staff and figures, no backups)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, Qt

from cafe_loyalty.store.models import Staff, Stamp

from .conftest import type_text
from .test_ui_owner import idle, unlock


@pytest.fixture
def window(qtbot, cafe, make_till):
    return make_till()


def test_a_single_cafe_shows_no_branch_at_the_counter(qtbot, cafe, window):
    idle(qtbot, window)
    assert window.branch_name.isHidden()


def test_the_owner_adds_branches_and_stands_the_till_in_one(qtbot, cafe, window):
    unlock(qtbot, window)
    owner = window.owner_dialog
    tab = owner.branches
    picker = owner.programme.branch_choice  # built with the screen, when there was one branch
    idle(qtbot, window)
    assert picker.isHidden()
    owner.tabs.setCurrentIndex(owner.owner_tabs.index(tab))
    for name in ("North", "South"):
        type_text(tab.name, name)
        qtbot.mouseClick(tab.add_button, Qt.MouseButton.LeftButton)
        idle(qtbot, window)
        qtbot.waitUntil(lambda name=name: tab.here_choice.findText(name) >= 0)
    assert [b.name for b in cafe.branches.list()] == ["Café Shirin", "North", "South"]
    qtbot.waitUntil(lambda: picker.findText("South") >= 0)  # Programme follows, while open
    assert picker.count() == 4 and not picker.isHidden()
    type_text(tab.name, "north")  # the same name in other letters is the same branch
    qtbot.mouseClick(tab.add_button, Qt.MouseButton.LeftButton)
    idle(qtbot, window)
    assert "already a branch" in tab.result.text() and len(cafe.branches.list()) == 3
    tab.here_choice.setCurrentIndex(tab.here_choice.findText("South"))
    qtbot.mouseClick(tab.here_button, Qt.MouseButton.LeftButton)
    idle(qtbot, window)
    qtbot.waitUntil(lambda: "South" in tab.model.data(tab.model.index(2)))
    assert "this till" in tab.model.data(tab.model.index(2))
    owner.close_button.click()
    qtbot.waitUntil(lambda: "South" in window.branch_name.text())
    assert window.branch_name.isVisible()
    sara = cafe.customers.add("Sara")
    cafe.ledger.stamp(sara.card.id, by=None)  # what the till records from now on
    south = cafe.branches.named("South").id
    assert Stamp.select().where(Stamp.source == "purchase").get().branch_id == south


def test_a_branch_manager_sees_their_branch_and_no_backups(qtbot, cafe, window):
    owner_id = cafe.staff.owner_id()
    north = cafe.branches.add("North", by=owner_id).id
    cafe.staff.add("Mina", "manager", "5678", by=owner_id, branch=north)
    unlock(qtbot, window, "5678")
    screen = window.owner_dialog
    names = [screen.tabs.tabText(i) for i in range(screen.tabs.count())]
    assert names == ["Staff", "Check-backs", "Programme"]
    assert not hasattr(screen, "backup")
    staff = screen.staff
    idle(qtbot, window)
    qtbot.waitUntil(lambda: staff.staff_model.stringList() != [])
    assert all("North" in line or "Mina" in line for line in staff.staff_model.stringList())
    assert [staff.staff_role.itemData(i) for i in range(staff.staff_role.count())] == ["barista"]
    type_text(staff.staff_name, "Nima")
    qtbot.mouseClick(staff.add_staff_button, Qt.MouseButton.LeftButton)
    idle(qtbot, window)
    assert Staff.get(Staff.name == "Nima").branch_id == north
    screen.tabs.setCurrentIndex(2)
    qtbot.waitUntil(lambda: screen.programme.report is not None)
    assert screen.programme.scope == north and screen.programme.branch_choice.isHidden()


@pytest.mark.parametrize("lang", ["en", "fa"])
def test_the_search_hint_is_never_cut_beside_a_branchs_name(qtbot, qapp, cafe, make_till, language, lang):
    """At 1366 pixels a chain's top bar also names the branch: the search box's hint shortens
    to fit rather than being cut mid-word, and is whole again when there is room."""
    from cafe_loyalty_ui.app import make_app
    from cafe_loyalty_ui.till.top_bar import search_text_width

    make_app()  # the theme, as the app starts
    language(lang)
    owner = cafe.staff.owner_id()
    cafe.branches.choose(cafe.branches.add("Riverside", by=owner).id)
    window = make_till()
    idle(qtbot, window)
    search = window.search
    full = QCoreApplication.translate("TillWindow", "Search a name, phone or card code…")

    def hint_fits() -> bool:
        return search.fontMetrics().horizontalAdvance(search.placeholderText()) <= search_text_width(search)

    window.resize(1366, 768)
    qtbot.waitUntil(lambda: window.branch_name.isVisible() and search.width() < 1366 // 3)
    qtbot.waitUntil(hint_fits)
    if lang == "en":  # the English hint is the longer: at 1366 pixels it takes a short form
        assert search.placeholderText() in ("Name, phone or code…", "Search…")
    window.resize(2400, 900)
    qtbot.waitUntil(lambda: search.placeholderText() == full)
    assert hint_fits()

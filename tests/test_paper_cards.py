"""Carrying a paper card over (issue #17): its stamps go on the regular's card as carried-over
entries, instead of the head start unless the owner's setting gives both; once per card;
audited; undone by Undo; entered in the New regular and Edit dialogs."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from cafe_loyalty.errors import CardStateError, ValidationError
from cafe_loyalty.store.models import Event

from .conftest import settle


def test_a_new_regular_brings_a_paper_cards_stamps_instead_of_the_head_start(cafe, barista):
    sara = cafe.customers.add("Sara", paper_stamps=5, by=barista)
    assert (sara.card.filled, sara.card.head_start) == (5, 0)  # not 2 + 5: no head start twice
    history = cafe.ledger.history(sara.id)
    carried = [h for h in history if h.kind == "carried"]
    assert len(carried) == 1 and carried[0].detail == "5" and carried[0].staff
    event = Event.get(Event.action == "card.carry")
    assert event.staff_id == barista and '"stamps": 5' in event.detail


def test_with_the_owners_setting_the_head_start_comes_on_top(cafe, barista):
    cafe.settings.update(by=cafe.staff.owner_id(), carry_with_head_start=1)
    assert cafe.customers.add("Sara", paper_stamps=5, by=barista).card.filled == 7


def test_a_paper_card_that_fills_the_card_makes_it_ready_to_redeem(cafe, barista):
    cafe.settings.update(by=cafe.staff.owner_id(), carry_with_head_start=1)
    sara = cafe.customers.add("Sara", paper_stamps=8, by=barista)
    assert sara.card.filled == 10 and sara.card.redeemable
    assert cafe.ledger.redeem(sara.card.id, by=barista).card.filled == 2


@pytest.mark.parametrize("stamps", [-1, 10, 11, 1000])
def test_out_of_range_is_refused_and_changes_nothing(cafe, barista, stamps):
    before = cafe.backups.current_counts()
    with pytest.raises(ValidationError):
        cafe.customers.add("Sara", paper_stamps=stamps, by=barista)
    assert cafe.backups.current_counts() == before  # not even the regular was added


def test_an_overfull_carry_is_refused(cafe, barista):
    cafe.settings.update(by=cafe.staff.owner_id(), carry_with_head_start=1)
    sara = cafe.customers.add("Sara", by=barista)
    with pytest.raises(ValidationError, match="at most 8"):
        cafe.ledger.carry_over(sara.id, 9, by=barista)
    assert cafe.ledger.current_card(sara.id).filled == 2


def test_only_once_per_card_and_through_edit_too(cafe, barista):
    sara = cafe.customers.add("Sara", by=barista)
    cafe.customers.update(sara.id, paper_stamps=4, by=barista)
    assert cafe.ledger.current_card(sara.id).filled == 4
    with pytest.raises(CardStateError, match="already has stamps carried over"):
        cafe.customers.update(sara.id, paper_stamps=3, notes="second try", by=barista)
    assert cafe.customers.get(sara.id).notes == ""  # the edit with it was refused as a whole


def test_undo_takes_the_paper_card_back_and_returns_the_head_start(cafe, barista):
    sara = cafe.customers.add("Sara", paper_stamps=6, by=barista)
    cafe.ledger.stamp(sara.card.id, by=barista)
    cafe.ledger.undo(sara.id, "wrong stamp", by=barista)  # the purchase first
    assert cafe.ledger.current_card(sara.id).filled == 6
    result = cafe.ledger.undo(sara.id, "wrong card", by=barista)
    assert result.undone == "carried" and result.card.filled == 2 and result.card.head_start == 2  # back
    assert [h.voided for h in cafe.ledger.history(sara.id) if h.kind == "carried"] == [True]


def test_the_dialog_enters_a_paper_card_and_says_the_rule(qtbot, window, cafe):
    window.forms.open_new_customer("Sara")
    settle(window)
    dialog = window.dialog
    assert "instead of its head start of 2" in dialog.paper_rule.text()
    assert dialog.paper_stamps.maximum() == 9
    dialog.paper_stamps.setValue(5)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    settle(window)
    sara = cafe.customers.search("Sara")[0]
    assert cafe.ledger.current_card(sara.id).filled == 5
    assert window.panel.card_view.slot_states() == ["earned"] * 5 + ["empty"] * 5
    model = window.panel.history_model
    rows = [model.index(r).data() for r in range(model.rowCount())]
    assert any("5 stamps carried over from a paper card" in row for row in rows)


def test_a_paper_card_from_the_command_line(cafe, db_path, capsys):
    import json

    from cafe_loyalty.cli import main as cli

    cafe.close()
    assert cli(["--db", cafe.address, "customer", "add", "Sara", "--paper-stamps", "4", "--json"]) == 0
    card = json.loads(capsys.readouterr().out)["card"]
    assert (card["filled"], card["head_start"]) == (4, 0)
    assert cli(["--db", cafe.address, "customer", "edit", str(card["customer_id"]), "--paper-stamps", "2"]) == 4
    assert "already has stamps carried over" in capsys.readouterr().err

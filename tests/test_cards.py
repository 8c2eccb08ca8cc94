"""The stamp card rules: head start, stamping, guard, redeem, next card, undo, settings."""

from __future__ import annotations

import json

import pytest

from cafe_loyalty.errors import CardStateError, TooSoon, ValidationError
from cafe_loyalty.store.models import Event, Stamp


def stamp_n(cafe, clock, card_id, n, by):
    card = None
    for _ in range(n):
        clock.advance(minutes=11)
        card = cafe.ledger.stamp(card_id, by=by)
    return card


def test_new_regular_gets_head_start_card(cafe):
    sara = cafe.customers.add("Sara")
    assert (sara.card.slots, sara.card.head_start, sara.card.filled) == (10, 2, 2)
    assert sara.card.earned == 0
    assert not sara.card.redeemable


def test_eight_stamps_fill_the_card_then_redeem_issues_next(cafe, clock, barista):
    sara = cafe.customers.add("Sara")
    card = stamp_n(cafe, clock, sara.card.id, 7, barista)
    assert card.filled == 9 and not card.redeemable
    with pytest.raises(CardStateError, match="not full yet"):
        cafe.ledger.redeem(card.id, by=barista)
    card = stamp_n(cafe, clock, card.id, 1, barista)
    assert card.filled == 10 and card.redeemable
    with pytest.raises(CardStateError, match="full"):
        cafe.ledger.stamp(card.id, by=barista, force=True)
    result = cafe.ledger.redeem(card.id, by=barista)
    assert result.reward == "a free drink of your choice"
    assert result.redeemed.status == "redeemed"
    assert result.card.id != card.id and result.card.filled == 2 and result.card.status == "active"
    assert cafe.ledger.current_card(sara.id).id == result.card.id
    with pytest.raises(CardStateError, match="already redeemed"):
        cafe.ledger.redeem(card.id, by=barista)


def test_progress_is_counted_from_stamp_rows(cafe, clock, barista):
    sara = cafe.customers.add("Sara")
    stamp_n(cafe, clock, sara.card.id, 3, barista)
    rows = Stamp.select().where(Stamp.card == sara.card.id, Stamp.voided_at.is_null()).count()
    assert rows == cafe.ledger.current_card(sara.id).filled == 5


def test_double_tap_guard_refuses_then_force_is_recorded(cafe, clock, barista):
    sara = cafe.customers.add("Sara")
    cafe.ledger.stamp(sara.card.id, by=barista)
    clock.advance(minutes=3)
    with pytest.raises(TooSoon) as info:
        cafe.ledger.stamp(sara.card.id, by=barista)
    assert info.value.minutes_ago == pytest.approx(3)
    assert cafe.ledger.current_card(sara.id).filled == 3  # nothing written
    card = cafe.ledger.stamp(sara.card.id, by=barista, force=True)
    assert card.filled == 4
    forced = Stamp.select().where(Stamp.forced == True).count()  # noqa: E712
    assert forced == 1
    events = [e for e in cafe.audit.for_entity("card", sara.card.id) if e.action == "stamp.add"]
    assert [e.detail["forced"] for e in events] == [False, True]
    clock.advance(minutes=10)
    assert cafe.ledger.stamp(sara.card.id, by=barista).filled == 5


def test_guard_setting_zero_turns_it_off(cafe, barista):
    cafe.settings.update(guard_minutes=0, by=cafe.staff.owner_id())
    sara = cafe.customers.add("Sara")
    cafe.ledger.stamp(sara.card.id, by=barista)
    assert cafe.ledger.stamp(sara.card.id, by=barista).filled == 4


def test_undo_voids_last_stamp_with_reason_and_keeps_the_row(cafe, clock, barista):
    sara = cafe.customers.add("Sara")
    stamp_n(cafe, clock, sara.card.id, 2, barista)
    result = cafe.ledger.undo(sara.id, "stamped twice", by=barista)
    assert result.undone == "stamp" and result.card.filled == 3
    voided = Stamp.get(Stamp.voided_at.is_null(False))
    assert voided.void_reason == "stamped twice" and voided.voided_by_id == barista
    assert Stamp.select().where(Stamp.card == sara.card.id).count() == 4  # never deleted
    history = cafe.ledger.history(sara.id)
    assert history[0].kind == "purchase" and history[0].voided and history[0].void_reason == "stamped twice"


def test_undo_needs_a_reason_and_something_to_undo(cafe, barista):
    sara = cafe.customers.add("Sara")
    with pytest.raises(ValidationError):
        cafe.ledger.undo(sara.id, "   ", by=barista)
    with pytest.raises(CardStateError, match="nothing to undo"):
        cafe.ledger.undo(sara.id, "mistake", by=barista)


def test_undo_of_redemption_brings_back_the_full_card(cafe, clock, barista):
    sara = cafe.customers.add("Sara")
    stamp_n(cafe, clock, sara.card.id, 8, barista)
    new = cafe.ledger.redeem(sara.card.id, by=barista).card
    clock.advance(minutes=30)
    cafe.ledger.stamp(new.id, by=barista)
    assert cafe.ledger.undo(sara.id, "wrong person", by=barista).undone == "stamp"
    result = cafe.ledger.undo(sara.id, "wrong person", by=barista)
    assert result.undone == "redemption"
    assert result.card.id == sara.card.id and result.card.redeemable
    assert cafe.ledger.card(new.id).status == "void"
    # and it can be redeemed again, properly this time
    again = cafe.ledger.redeem(sara.card.id, by=barista)
    assert again.card.filled == 2


def test_changed_settings_apply_to_cards_issued_after(cafe, clock, barista):
    sara = cafe.customers.add("Sara")
    cafe.settings.update(card_slots=8, head_start=0, reward_text="a slice of cake", by=cafe.staff.owner_id())
    reza = cafe.customers.add("Reza")
    assert (reza.card.slots, reza.card.filled) == (8, 0)
    assert cafe.ledger.current_card(sara.id).slots == 10  # unchanged
    card = stamp_n(cafe, clock, sara.card.id, 8, barista)
    result = cafe.ledger.redeem(card.id, by=barista)
    assert result.reward == "a slice of cake"
    assert (result.card.slots, result.card.filled) == (8, 0)


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"head_start": 10}, "smaller"),
        ({"card_slots": 1}, "between"),
        ({"card_slots": "ten"}, "whole number"),
        ({"card_slots": 2, "head_start": 2}, "smaller"),
        ({"language": "xx"}, "Language"),
        ({"colour": "red"}, "no setting"),
    ],
)
def test_bad_settings_are_refused_and_nothing_changes(cafe, values, message):
    before = cafe.settings.all()
    with pytest.raises(ValidationError, match=message):
        cafe.settings.update(**values, by=cafe.staff.owner_id())
    assert cafe.settings.all() == before


def test_every_change_is_in_the_audit_log(cafe, clock, barista):
    sara = cafe.customers.add("Sara", by=barista)
    stamp_n(cafe, clock, sara.card.id, 8, barista)
    cafe.ledger.redeem(sara.card.id, by=barista)
    cafe.ledger.undo(sara.id, "test", by=barista)
    actions = [e.action for e in Event.select().order_by(Event.id)]
    for expected in ("customer.add", "card.issue", "card.redeem", "card.redeem.void"):
        assert expected in actions
    # a stamp's row is its own record: the card's log shows all eight, in time order
    log = cafe.audit.for_entity("card", sara.card.id)
    assert [e.action for e in log].count("stamp.add") == 8
    assert [e.at for e in log] == sorted(e.at for e in log)
    assert {e.staff_id for e in log if e.action == "stamp.add"} == {barista}
    last = Event.select().order_by(Event.id.desc()).first()
    assert json.loads(last.detail)["reason"] == "test" and last.staff_id == barista


def test_stamps_survive_reopening_the_file(cafe, clock, barista):
    from cafe_loyalty.app import Cafe

    sara = cafe.customers.add("Sara")
    stamp_n(cafe, clock, sara.card.id, 3, barista)
    cafe.close()
    again = Cafe.open(cafe.address, clock=clock)
    assert again.customers.get(sara.id).card.filled == 5
    assert again.settings.get("cafe_name") == "Café Shirin"
    again.close()

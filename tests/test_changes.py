"""Every write says what it changed (``Cafe.perform``), so screens refresh only that (issue #13)."""

from __future__ import annotations

import pytest

from cafe_loyalty.changes import Changes
from cafe_loyalty.errors import CafeError


def test_a_stamp_touches_its_regular_and_card_only(cafe, barista):
    sara = cafe.customers.add("Sara")
    cafe.customers.add("Reza")
    done = cafe.perform(cafe.ledger.stamp, sara.card.id, by=barista)
    assert done.result.filled == 3
    assert done.changes == Changes(customers=frozenset({sara.id}), cards=frozenset({sara.card.id}))
    assert done.changes.customer(sara.id) and not done.changes.area("staff")


def test_each_kind_of_write_names_its_area(cafe, barista, tmp_path):
    owner = cafe.staff.owner_id()
    added = cafe.perform(cafe.customers.add, "Sara", by=barista)
    assert added.changes.customer(added.result.id) and added.changes.area("customers.added")
    sara = added.result
    assert cafe.perform(cafe.feedback.add, sara.id, "Too loud", "complaint", by=barista).changes.customer(sara.id)
    settings = cafe.perform(cafe.settings.update, by=owner, reward_text="a cake", guard_minutes=0).changes
    assert settings.settings == {"reward_text", "guard_minutes"} and settings.area("settings")
    assert not settings.customers
    assert cafe.perform(cafe.staff.add, "Nima", by=owner).changes.area("staff")
    assert cafe.perform(cafe.menu.add, "Tea", by=owner).changes.area("menu")
    for _ in range(8):
        cafe.ledger.stamp(sara.card.id, by=barista)
    redeemed = cafe.perform(cafe.ledger.redeem, sara.card.id, by=barista)
    assert redeemed.changes.customers == {sara.id} and {sara.card.id, redeemed.result.card.id} <= redeemed.changes.cards
    undone = cafe.perform(cafe.ledger.undo, sara.id, "wrong person", by=barista)
    assert undone.changes.customers == {sara.id}
    backup = cafe.backups.create(tmp_path / "b.cafebackup", by=owner)
    restored = cafe.perform(cafe.backups.restore, backup.path, by=owner)
    assert restored.changes.everything and restored.changes.customer(12345)


def test_a_refused_write_reports_nothing(cafe, barista):
    sara = cafe.customers.add("Sara")
    cafe.ledger.stamp(sara.card.id, by=barista)
    with pytest.raises(CafeError):  # the double-tap guard
        cafe.perform(cafe.ledger.stamp, sara.card.id, by=barista)
    assert not cafe.perform(cafe.customers.search, "").changes  # a read changes nothing


def test_nested_recordings_pass_their_changes_out(cafe, barista):
    from cafe_loyalty import changes

    sara = cafe.customers.add("Sara")
    with changes.recording() as outer:
        inner = cafe.perform(cafe.ledger.stamp, sara.card.id, by=barista)
    assert inner.changes.customers == {sara.id} and outer.freeze().customers == {sara.id}


def test_customer_show_and_the_panel_share_one_profile(cafe, barista, clock):
    from cafe_loyalty.services.regulars import NEW_REGULAR_DAYS

    sara = cafe.customers.add("Sara", usual="flat white")
    profile = cafe.profiles.panel(sara.id)
    assert not profile.returning and profile.new_regular and profile.milestone is None
    cafe.ledger.stamp(sara.card.id, by=barista)
    profile = cafe.profiles.panel(sara.id)
    assert profile.returning and profile.milestone == 1 and profile.visits == 1
    data = profile.to_json(history=True)
    assert data["usual_note"] == "flat white" and data["visits"] == 1 and data["history"][0]["kind"] == "purchase"
    clock.advance(days=NEW_REGULAR_DAYS)
    assert not cafe.profiles.panel(sara.id).new_regular

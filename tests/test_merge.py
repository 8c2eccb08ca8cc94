"""Finding and merging duplicate regulars (issue #17): one rule (every earned stamp, visit,
reward, feedback, treat and check-back moves; no head start twice; a full card is ready and the
rest starts the next card), the other's printed code opens the kept regular, owner only,
audited, one transaction; from the CLI and the owner's Regulars tab."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from cafe_loyalty.cli import main as cli
from cafe_loyalty.errors import NotFound, PermissionDenied, ValidationError
from cafe_loyalty.store.models import Event

from .conftest import settle


@pytest.fixture
def owner(cafe) -> int:
    return cafe.staff.owner_id()


def stamps(cafe, customer_id, n, barista):
    for _ in range(n):
        cafe.ledger.stamp_customer(customer_id, by=barista, force=True)


def test_possible_duplicates_by_phone_and_by_folded_name_with_birthday(cafe):
    sara = cafe.customers.add("Sara", phone="0912 345 6789")
    twin = cafe.customers.add("Sara K.", phone="+98 912 345 6789")
    ali = cafe.customers.add("علي", last_name="كريمي", birthday_month=3, birthday_day=4)
    ali2 = cafe.customers.add("علی", last_name="کریمی", birthday_month=3, birthday_day=4)  # Persian letters
    cafe.customers.add("علی", last_name="کریمی", birthday_month=5, birthday_day=4)  # another birthday
    cafe.customers.add("Reza", phone="0912 000 0000")
    pairs = {(p.first.id, p.second.id, p.reason) for p in cafe.merging.possible_duplicates()}
    assert pairs == {(sara.id, twin.id, "phone"), (ali.id, ali2.id, "name_birthday")}


def test_merge_moves_everything_and_counts_the_head_start_once(cafe, owner, barista):
    keep = cafe.customers.add("Sara", phone="0912 345 6789", by=barista)
    other = cafe.customers.add("Sara", last_name="Karimi", email="sara@example.com", notes="window seat", by=barista)
    stamps(cafe, keep.id, 2, barista)  # 4 of 10
    stamps(cafe, other.id, 3, barista)  # 5 of 10, 3 earned
    cafe.feedback.add(other.id, "too loud", "complaint", by=barista)
    result = cafe.merging.merge(keep.id, other.id, by=owner)
    assert (result.stamps_moved, result.stamps_waiting, result.card.filled) == (3, 0, 7)
    kept = cafe.customers.get(keep.id)
    assert (kept.last_name, kept.email, kept.phone) == ("Karimi", "sara@example.com", "0912 345 6789")
    assert kept.notes == "window seat"
    assert [f.text for f in cafe.feedback.open_for(keep.id)] == ["too loud"]
    with pytest.raises(NotFound):
        cafe.customers.get(other.id)  # gone from the till
    assert [s.id for s in cafe.customers.search("Sara")] == [keep.id]
    event = Event.get(Event.action == "customer.merge")
    assert event.staff_id == owner and json.loads(event.detail)["merged"] == other.id


def test_the_other_regulars_printed_card_opens_the_kept_one(cafe, owner, barista):
    keep = cafe.customers.add("Sara", by=barista)
    other = cafe.customers.add("Sara", by=barista)
    cafe.merging.merge(keep.id, other.id, by=owner)
    assert cafe.cards.lookup(other.card.code).id == keep.id
    assert cafe.ledger.current_card(keep.id).code == keep.card.code  # their own card stays theirs
    assert cafe.customer_side.card_by_code(other.card.code).customer_id == keep.id  # and the phone page
    stamped = cafe.ledger.stamp_customer(cafe.cards.lookup(other.card.code).id, by=barista)
    assert stamped.code == keep.card.code


def test_a_merge_that_fills_the_card_leaves_the_rest_for_the_next(cafe, owner, barista):
    keep = cafe.customers.add("Sara", by=barista)
    other = cafe.customers.add("Sara", by=barista)
    stamps(cafe, keep.id, 5, barista)  # 7 of 10
    stamps(cafe, other.id, 6, barista)  # 6 earned
    result = cafe.merging.merge(keep.id, other.id, by=owner)
    assert (result.stamps_moved, result.stamps_waiting) == (3, 3)
    assert result.card.filled == 10 and result.card.redeemable
    after = cafe.ledger.redeem(result.card.id, by=barista)
    assert after.card.filled == 2 + 3  # the new head start and the three that waited
    # nothing waits any more, and a later card gets only its head start
    stamps(cafe, keep.id, 5, barista)
    assert cafe.ledger.redeem(cafe.ledger.current_card(keep.id).id, by=barista).card.filled == 2


def test_visits_rewards_and_history_move(cafe, owner, barista):
    latte = cafe.menu.add("Latte", by=owner).id
    keep = cafe.customers.add("Sara", by=barista)
    other = cafe.customers.add("Sara", by=barista)
    cafe.visits.record(other.id, [latte], by=barista)
    stamps(cafe, other.id, 7, barista)
    cafe.ledger.redeem(cafe.ledger.current_card(other.id).id, by=barista)
    visits_before = cafe.customers.get(keep.id)
    result = cafe.merging.merge(keep.id, other.id, by=owner)
    assert result.visits_moved == 1
    history = cafe.ledger.history(keep.id)
    assert sum(h.kind == "redemption" for h in history) == 1
    assert visits_before.last_seen_at is not None


@pytest.mark.parametrize("bad", ["same", "forgotten", "unknown"])
def test_bad_merges_are_refused_and_change_nothing(cafe, owner, barista, bad):
    keep = cafe.customers.add("Sara", by=barista)
    other = cafe.customers.add("Reza", by=barista)
    target = {"same": keep.id, "forgotten": other.id, "unknown": 99999}[bad]
    if bad == "forgotten":
        cafe.privacy.forget(other.id, by=owner)
    before = cafe.backups.current_counts()
    with pytest.raises(ValidationError if bad == "same" else NotFound):
        cafe.merging.merge(keep.id, target, by=owner)
    assert cafe.backups.current_counts() == before
    assert cafe.ledger.current_card(keep.id).filled == 2


def test_only_the_owner_merges(cafe, barista):
    keep = cafe.customers.add("Sara", by=barista)
    other = cafe.customers.add("Sara", by=barista)
    with pytest.raises(PermissionDenied):
        cafe.merging.merge(keep.id, other.id, by=barista)
    assert cafe.customers.get(other.id).first_name == "Sara"


def test_merge_from_the_command_line(cafe, db_path, barista, capsys):
    keep = cafe.customers.add("Sara", by=barista)
    other = cafe.customers.add("Sara", by=barista)
    cafe.close()
    base = ["--db", cafe.address]
    assert cli([*base, "customer", "duplicates", "--json"]) == 0
    pairs = json.loads(capsys.readouterr().out)
    assert pairs == []  # two Saras without a phone or birthday are not called duplicates
    assert cli([*base, "customer", "merge", str(keep.id), str(other.id), "--owner-pin", "2468"]) == 2
    assert "--yes" in capsys.readouterr().err
    code = cli([*base, "customer", "merge", str(keep.id), str(other.id), "--yes", "--owner-pin", "2468", "--json"])
    assert code == 0 and json.loads(capsys.readouterr().out)["merged"] == other.id


def test_the_owner_merges_from_the_regulars_tab(qtbot, window, cafe, barista):
    from .test_ui_owner import unlock

    keep = cafe.customers.add("Sara", phone="0912 345 6789", by=barista)
    other = cafe.customers.add("Sara", phone="09123456789", by=barista)
    unlock(qtbot, window)
    tab = window.owner_dialog.regulars
    window.owner_dialog.tabs.setCurrentIndex(window.owner_dialog.owner_tabs.index(tab))
    qtbot.mouseClick(tab.duplicates_button, Qt.MouseButton.LeftButton)
    settle(window)
    assert tab.duplicates_model.rowCount() == 1
    assert "same phone" in tab.duplicates_model.index(0, 2).data()
    tab.duplicates.selectRow(0)
    qtbot.mouseClick(tab.merge_button, Qt.MouseButton.LeftButton)
    settle(window)
    dialog = tab.merge_preview  # both records, the choices and the card afterwards (#31)
    assert dialog.isVisible() and dialog.preview.keep.id == keep.id and dialog.preview.other.id == other.id
    assert "head start is counted once" in " ".join(w.text() for w in dialog.findChildren(QLabel))
    qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)
    settle(window)
    assert cafe.cards.lookup(other.card.code).id == keep.id
    assert tab.duplicates_model.rowCount() == 0
    assert "merged" in tab.result.text().lower()


def test_merge_from_the_customer_menu(qtbot, window, cafe, barista):
    keep = cafe.customers.add("Sara", by=barista)
    other = cafe.customers.add("Sara", last_name="K", by=barista)
    stamps(cafe, other.id, 3, barista)
    window.open_customer(keep.id)
    settle(window)
    window.panel.merge_action.trigger()
    settle(window)
    pin = window.panel.pin_dialog
    qtbot.keyClicks(pin.pin, "2468")
    qtbot.mouseClick(pin.ok_button, Qt.MouseButton.LeftButton)
    settle(window)
    dialog = window.panel.flows.merge_dialog
    qtbot.keyClicks(dialog.search, "Sara K")
    settle(window)
    assert [r.id for r in dialog.model.rows] == [other.id]  # never the regular being kept
    qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)
    assert "Choose the other record first" in dialog.banner.text()
    dialog.found.setCurrentIndex(dialog.model.index(0))
    qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)
    settle(window)
    preview = dialog.preview_dialog
    assert preview.card.slot_states() == ["head"] * 2 + ["earned"] * 3 + ["empty"] * 5  # the card afterwards
    qtbot.mouseClick(preview.merge_button, Qt.MouseButton.LeftButton)
    settle(window)
    assert cafe.ledger.current_card(keep.id).filled == 5
    assert "Merged: 3 stamp(s) moved" in window.panel.banner.text()


def test_forgetting_the_kept_regular_forgets_every_duplicate_merged_into_them(cafe, owner):
    """#30: the duplicate's own audit events, a treat's text and import rows held what they
    told the café after the kept regular was forgotten. Each engine's rows are read whole."""
    first = cafe.customers.add("Farideh", last_name="Kowsari", phone="09123334455", by=owner)
    twin = cafe.customers.add("Farideh", last_name="Kowsari", phone="+989123334455", notes="Secret-note", by=owner)
    third = cafe.customers.add("Faride", last_name="Kowsari-Old", by=owner)
    cafe.regulars.give_treat(twin.id, "Saffron-cake", "other", by=owner)
    cafe.merging.merge(twin.id, third.id, by=owner)  # a chain: third into twin, twin into first
    cafe.merging.merge(first.id, twin.id, by=owner)
    cafe.privacy.forget(first.id, by=owner)
    rows = []
    for table in ("customer", "event", "treat", "feedback", "import_row", "checkback"):
        rows += [repr(r) for r in cafe.db.execute_sql(f'SELECT * FROM "{table}"').fetchall()]
    text = "\n".join(rows)
    for secret in ("Farideh", "Kowsari", "4455", "Secret-note", "Saffron-cake", "Faride"):
        assert secret not in text, secret
    erased = {r[0] for r in cafe.db.execute_sql("SELECT customer_id FROM erasure").fetchall()}
    assert erased == {first.id, twin.id, third.id}


@pytest.mark.parametrize("language", ["en", "fa"])
def test_the_till_showing_the_merged_regular_turns_to_the_one_kept(qtbot, window, cafe, barista, owner, language):
    """#31: after a merge the duplicate's tile and open panel stayed; Stamp then said "This card
    is no longer in use" and a banner "There is no customer with id 10." stayed after Esc."""
    cafe.settings.update(language=language, by=owner)
    keep = cafe.customers.add("Sara", by=barista)
    other = cafe.customers.add("Sara", last_name="K", by=barista)
    window.model.refresh()
    settle(window)
    window.open_customer(other.id)
    settle(window)
    assert window.panel.customer.id == other.id and window.model.row_of(other.id) >= 0
    window.ops.run(cafe.merging.merge, keep.id, other.id, by=owner)  # as from the owner screen
    settle(window)
    assert window.panel.customer.id == keep.id  # the card to stamp now
    assert window.model.row_of(other.id) < 0 and window.model.row_of(keep.id) >= 0
    qtbot.mouseClick(window.panel.stamp_button, Qt.MouseButton.LeftButton)
    settle(window)
    assert cafe.ledger.current_card(keep.id).filled == 3
    assert not (window.banner.isVisible() and window.banner.property("tone") == "error"), window.banner.text()


def test_a_merge_on_another_till_travels_in_its_notice():
    from cafe_loyalty import changes

    done = changes.Changes(customers=frozenset({3, 9}), merged=frozenset({(9, 3)}))
    _origin, heard = changes.from_notice(changes.to_notice(done))
    assert heard.merged_into(9) == 3 and heard.merged_into(3) is None and 9 in heard.customers


def test_the_owner_chooses_which_name_phone_and_notes_to_keep(cafe, owner, barista):
    keep = cafe.customers.add("Sara", phone="0912 000 0000", notes="window seat", by=barista)
    other = cafe.customers.add("Sarah", last_name="Karimi", phone="0935 111 2222", notes="oat milk", by=barista)
    preview = cafe.merging.preview(keep.id, other.id)
    assert (preview.filled, preview.slots, preview.stamps_moved) == (2, 10, 0)
    cafe.merging.merge(keep.id, other.id, by=owner, choose={"name": "other", "phone": "other", "notes": "keep"})
    kept = cafe.customers.get(keep.id)
    assert (kept.first_name, kept.last_name, kept.phone, kept.notes) == (
        "Sarah",
        "Karimi",
        "0935 111 2222",
        "window seat",
    )
    assert [c.id for c in cafe.customers.search("karimi")] == [keep.id]  # found by the name kept
    with pytest.raises(ValidationError):
        cafe.merging.merge(keep.id, other.id, by=owner, choose={"name": "mine"})


@pytest.mark.parametrize("code", ["en", "fa"])
def test_the_merge_preview_is_laid_out_and_its_choices_are_kept(qtbot, make_till, cafe, barista, owner, language, code):
    """#31: the merge was a wall of text; the owner chooses the name, phone and notes and sees
    the card afterwards before confirming."""
    from cafe_loyalty_ui.owner.merge_dialog import MergePreviewDialog

    language(code)
    window = make_till()
    keep = cafe.customers.add("Sara", phone="0912 000 0000", notes="window seat", by=barista)
    other = cafe.customers.add("Sarah", last_name="Karimi", phone="0935 111 2222", notes="oat milk", by=barista)
    stamps(cafe, keep.id, 3, barista)
    stamps(cafe, other.id, 8, barista)  # five fit the kept card; three wait for the next one
    dialog = MergePreviewDialog(cafe, window.ops, cafe.merging.preview(keep.id, other.id), owner, window)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.card.slot_states() == ["head"] * 2 + ["earned"] * 8
    assert ("3" if code == "en" else "۳") in dialog.outcome.text()  # three wait for the next card
    name_other = next(b for b in dialog.choices["name"].buttons() if b.property("choice") == "other")
    qtbot.mouseClick(name_other, Qt.MouseButton.LeftButton, pos=name_other.rect().center())
    assert dialog.chosen() == {"name": "other", "phone": "keep", "notes": "both"}
    qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)
    settle(window)
    kept = cafe.customers.get(keep.id)
    assert (kept.first_name, kept.phone, kept.notes) == ("Sarah", "0912 000 0000", "window seat\noat milk")

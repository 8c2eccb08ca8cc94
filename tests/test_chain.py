"""A chain of cafés (issue #34): branches, where each stamp happened, reports per branch, the
branch manager, and the till's own branch. Runs on both engines (``--engine postgresql``)."""

from __future__ import annotations

import datetime as dt

import pytest

from cafe_loyalty import till_prefs
from cafe_loyalty.app import Cafe
from cafe_loyalty.errors import NotFound, PermissionDenied, TooSoon, ValidationError
from cafe_loyalty.store.models import Redemption, Stamp, Visit

from .conftest import rows_of


@pytest.fixture
def chain(cafe):
    """The café with two more branches: (owner, north id, south id)."""
    owner = cafe.staff.owner_id()
    north = cafe.branches.add("North", by=owner).id
    south = cafe.branches.add("South", by=owner).id
    return owner, north, south


def test_a_single_cafe_is_a_chain_of_one_branch_named_after_it(cafe):
    assert [b.name for b in cafe.branches.list()] == ["Café Shirin"]
    assert not cafe.branches.is_chain()
    sara = cafe.customers.add("Sara")
    cafe.ledger.stamp(sara.card.id, by=None)
    only = cafe.branches.list()[0].id
    assert {s.branch_id for s in Stamp.select()} == {only}


def test_every_stamp_visit_reward_and_card_records_the_branch_it_happened_at(cafe, chain, clock):
    owner, north, south = chain
    cafe.settings.update(by=owner, guard_minutes=0, card_slots=3, head_start=0)
    latte = cafe.menu.add("Latte", by=owner).id
    cafe.branches.choose(north)
    sara = cafe.customers.add("Sara")
    cafe.visits.record(sara.id, [latte], stamp=True)
    cafe.branches.choose(south)
    cafe.ledger.stamp(sara.card.id, by=None)
    cafe.ledger.stamp(sara.card.id, by=None)
    done = cafe.ledger.redeem(sara.card.id, by=None)
    assert [s.branch_id for s in Stamp.select().order_by(Stamp.id)] == [north, south, south]
    assert [v.branch_id for v in Visit.select()] == [north]
    assert [r.branch_id for r in Redemption.select()] == [south]
    assert cafe.customers.get(sara.id).id == sara.id
    from cafe_loyalty.store.models import Card, Customer

    assert Customer.get_by_id(sara.id).branch_id == north  # where they joined
    assert Card.get_by_id(sara.card.id).branch_id == north and Card.get_by_id(done.card.id).branch_id == south


def test_a_card_is_the_chains_progress_and_the_guard_holds_across_branches(cafe, chain, db_target, clock):
    """Two tills, one in each branch, on the same café: what one stamps the other sees at
    once, and a second tap within the guard in the other branch is refused."""
    _, north, south = chain
    sara = cafe.customers.add("Sara")
    other = Cafe.open(db_target, clock=clock)
    try:
        cafe.branches.choose(north)
        other.branches.choose(south)
        cafe.ledger.stamp(sara.card.id, by=None)
        assert other.ledger.current_card(sara.id).filled == sara.card.filled + 1
        with pytest.raises(TooSoon):
            other.ledger.stamp(sara.card.id, by=None)
        clock.advance(minutes=10)
        assert other.ledger.stamp(sara.card.id, by=None).filled == sara.card.filled + 2
    finally:
        other.close()


def test_reports_read_one_branch_or_the_whole_chain(cafe, chain, clock):
    owner, north, south = chain
    cafe.settings.update(by=owner, guard_minutes=0)
    cafe.branches.choose(north)
    sara = cafe.customers.add("Sara")
    cafe.ledger.stamp(sara.card.id, by=None)
    cafe.branches.choose(south)
    reza = cafe.customers.add("Reza")
    cafe.ledger.stamp(reza.card.id, by=None)
    clock.advance(days=1)
    cafe.ledger.stamp(sara.card.id, by=None)
    clock.advance(minutes=1)  # a report counts what happened before its moment
    whole, at_north, at_south = (cafe.reports.programme(branch=b) for b in (None, north, south))
    assert (whole.visits, at_north.visits, at_south.visits) == (3, 1, 2)
    assert (whole.active, at_north.active, at_south.active) == (2, 1, 2)  # Sara came to both
    assert (whole.regulars, at_north.regulars, at_south.regulars) == (2, 1, 1)  # by where they joined
    completion = [cafe.reports.completion(branch=b).completion.cards for b in (None, north, south)]
    assert completion == [2, 1, 1]


def test_check_back_reports_per_branch(cafe, chain, clock):
    owner, north, south = chain
    cafe.settings.update(by=owner, checkback_minutes=1)
    latte = cafe.menu.add("Latte", by=owner).id
    sara = cafe.customers.add("Sara")
    cafe.branches.choose(north)
    visit = cafe.visits.record(sara.id, [latte]).visit_id
    cafe.checkbacks.record(sara.id, "good", visit_id=visit, item_id=latte, by=owner)
    assert [w.checkbacks for w in cafe.checkbacks.by_staff(branch=north)] == [1]
    assert cafe.checkbacks.by_staff(branch=south) == []
    assert [(i.tried, i.liked) for i in cafe.checkbacks.new_items(branch=north)] == [(1, 1)]
    assert [(i.tried, i.liked) for i in cafe.checkbacks.new_items(branch=south)] == [(0, 0)]


@pytest.mark.parametrize(
    "name",
    ["", "   ", "x" * 81, "North", "north", "NORTH ", "\u200fNorth"],
    ids=["empty", "blank", "huge", "same", "case", "spaced", "rtl-mark"],
)
def test_a_bad_or_taken_branch_name_is_refused_and_changes_nothing(cafe, chain, name):
    owner = chain[0]
    before = rows_of(cafe)
    with pytest.raises(ValidationError):
        cafe.branches.add(name, by=owner)
    assert rows_of(cafe) == before


@pytest.mark.parametrize("name", ["شعبه‌ی ونک", "فرع الرياض", "Café ☕ Ost"])
def test_persian_arabic_and_emoji_branch_names_are_kept_as_written(cafe, chain, name):
    added = cafe.branches.add(name, by=chain[0])
    assert cafe.branches.get(added.id).name == name
    assert cafe.branches.named(name).id == added.id


def test_a_branch_that_is_not_this_cafes_is_refused(cafe, chain):
    with pytest.raises(NotFound):
        cafe.branches.choose(9_999)
    with pytest.raises(NotFound, match="North"):  # the refusal names the branches there are
        cafe.branches.named("West")


def test_the_till_remembers_its_branch_per_cafe(cafe, chain, db_target, clock, tmp_path, monkeypatch):
    monkeypatch.setenv(till_prefs.ENV, str(tmp_path / "prefs"))
    _, north, _ = chain
    cafe.choose_branch(north)
    again = Cafe.open(db_target, clock=clock)
    try:
        assert again.here.id == north
    finally:
        again.close()
    till_prefs.save_branch(cafe.address, 9_999)  # a branch this café does not have (any more)
    again = Cafe.open(db_target, clock=clock)
    try:
        assert again.here.id == again.branches.list()[0].id
    finally:
        again.close()


def test_a_branch_manager_sees_their_branch_and_not_the_chains_backups(cafe, chain, tmp_path):
    owner, north, south = chain
    mina = cafe.staff.add("Mina", "manager", "5678", by=owner, branch=north)
    cafe.staff.add("Reza", by=owner, branch=south)
    assert cafe.staff.unlock_owner("5678").role == "manager"
    assert [s.name for s in cafe.staff.list(branch=north)] == ["Mina"]
    cafe.staff.add("Nima", by=mina.id, branch=north)
    with pytest.raises(PermissionDenied):
        cafe.staff.add("Omid", by=mina.id, branch=south)
    with pytest.raises(PermissionDenied):
        cafe.backups.create(tmp_path / "b.cafebackup", by=mina.id)
    with pytest.raises(PermissionDenied):
        cafe.branches.add("West", by=mina.id)
    assert not (tmp_path / "b.cafebackup").exists()


def test_stamps_recorded_before_branches_belong_to_the_first_branch_after_a_restore(cafe, chain, tmp_path):
    """A backup holds the branches: restored, every stamp is still where it happened."""
    owner, north, _ = chain
    cafe.branches.choose(north)
    sara = cafe.customers.add("Sara")
    cafe.ledger.stamp(sara.card.id, by=None)
    backup = cafe.backups.create(tmp_path / "b.cafebackup", by=owner)
    cafe.branches.add("West", by=owner)
    cafe.backups.restore(backup.path, by=owner)
    assert [b.name for b in cafe.branches.list()] == ["Café Shirin", "North", "South"]
    assert {s.branch_id for s in Stamp.select()} == {north}


def test_a_till_standing_in_a_branch_the_restored_cafe_lacks_records_its_first(cafe, tmp_path):
    """The till stands in South; the owner restores a backup from before South was added. The
    till's stamps then go to the café's first branch (before: to a branch no longer there, and
    every stamp failed)."""
    owner = cafe.staff.owner_id()
    sara = cafe.customers.add("Sara")
    earlier = cafe.backups.create(tmp_path / "earlier.cafebackup", by=owner).path
    south = cafe.branches.add("South", by=owner).id
    cafe.branches.choose(south)
    cafe.backups.restore(earlier, by=owner)
    assert [b.name for b in cafe.branches.list()] == ["Café Shirin"]
    cafe.ledger.stamp(sara.card.id, by=None)
    first = cafe.branches.list()[0].id
    assert {s.branch_id for s in Stamp.select().where(Stamp.source == "purchase")} == {first}
    assert cafe.branches.current().id == first


def test_a_new_cafe_names_its_branch_at_setup(tmp_path, clock):
    fresh = Cafe.open(tmp_path / "new.db", clock=clock)
    try:
        fresh.set_up("Roastery 7")
        assert [b.name for b in fresh.branches.list()] == ["Roastery 7"]
    finally:
        fresh.close()


def test_a_stamp_later_and_a_paper_card_record_the_branch_too(cafe, chain, clock):
    owner, north, _ = chain
    cafe.branches.choose(north)
    sara = cafe.customers.add("Sara", paper_stamps=3)
    clock.advance(hours=1)
    cafe.ledger.stamp_later(sara.id, clock.now() - dt.timedelta(minutes=30), by=owner)
    assert {s.branch_id for s in Stamp.select() if s.source in ("carried", "purchase")} == {north}


def test_the_experiment_reads_per_branch(cafe, chain, clock):
    owner, north, south = chain
    cafe.experiments.start(by=owner)
    cafe.branches.choose(north)
    for n in range(3):
        cafe.customers.add(f"North {n}")
    cafe.branches.choose(south)
    cafe.customers.add("South 0")
    regulars = [lambda b=b: sum(arm.regulars for arm in cafe.experiments.current(b).arms) for b in (None, north, south)]
    assert [count() for count in regulars] == [4, 3, 1]


def test_report_by_branch_on_the_installed_command(tmp_path):
    """``report --branch`` and ``experiment status --branch`` through the console script."""
    import json
    import os
    import subprocess

    env = {**os.environ, "CAFE_LOYALTY_CONFIG_DIR": str(tmp_path / "config")}
    db = str(tmp_path / "chain.db")

    def run(*words: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["cafe-loyalty", "--db", db, *words], capture_output=True, text=True, env=env, timeout=120
        )

    assert run("setup", "Roastery", "--owner", "Ana", "--pin", "2468").returncode == 0
    assert run("branch", "add", "North", "--owner-pin", "2468").returncode == 0
    assert run("--branch", "North", "customer", "add", "Sara").returncode == 0
    assert run("--branch", "North", "stamp", "1").returncode == 0
    north = json.loads(run("report", "--branch", "north", "--json").stdout)
    whole = json.loads(run("report", "--json").stdout)
    roastery = json.loads(run("report", "--branch", "Roastery", "--json").stdout)
    assert (north["regulars"], whole["regulars"], roastery["regulars"]) == (1, 1, 0)
    refused = run("report", "--branch", "South")
    assert refused.returncode != 0 and "no branch called South" in refused.stderr

"""Owner rights live in the core: every owner-only service refuses anyone but an owner and
writes nothing when it does; the CLI only collects the PIN (issue #13)."""

from __future__ import annotations

import sqlite3

import pytest

from cafe_loyalty.cli import main
from cafe_loyalty.errors import PermissionDenied
from cafe_loyalty.rights import MANAGED, OWNER_ONLY, managed, owner_only

from .conftest import rows_of


def _actions(cafe, registry: dict[str, str] = OWNER_ONLY) -> dict[str, str]:
    """The registry's ``Class.method`` names as the café's ``service.method`` (the way a front
    end calls them)."""
    attribute = {type(value).__name__: name for name, value in vars(cafe).items() if hasattr(value, "__dict__")}
    split = (key.split(".") for key in registry)
    return {f"{attribute[cls]}.{method}": registry[f"{cls}.{method}"] for cls, method in split}


def _manager(cafe) -> tuple[int, int]:
    """A second branch with its manager: (manager id, their branch id)."""
    owner = cafe.staff.owner_id()
    north = cafe.branches.add("North", by=owner)
    return cafe.staff.add("Mina", "manager", "5678", by=owner, branch=north.id).id, north.id


def _calls(cafe, tmp_path, action: str = ""):
    """One call per owner-only action: ``by`` -> the call (the arguments are valid, so only the
    actor can make it fail)."""
    sara = cafe.customers.add("Sara")
    latte = cafe.menu.add("Latte", by=cafe.staff.owner_id())
    backup = cafe.backups.create(tmp_path / "b.cafebackup", by=cafe.staff.owner_id())
    # A server keeps no daily snapshots on the till; the copy kept before a restore is one too.
    snapshot = cafe.backups.snapshot_if_due() or cafe.backups.safety_copy("before-restore")
    barista = next(s.id for s in cafe.staff.list() if s.role == "barista")
    if action in ("experiments.stop", "experiments.export_cards"):
        cafe.experiments.start(by=cafe.staff.owner_id())  # something to stop or export
    (tmp_path / "usb").mkdir(exist_ok=True)
    sheet = tmp_path / "regulars.csv"
    sheet.write_text("name,phone\nLeila,09121112233\n", encoding="utf-8")
    batch = cafe.imports.run(sheet, by=cafe.staff.owner_id()).batch_id if action == "imports.undo" else 0
    twin = cafe.customers.add("Sara", last_name="K") if action == "merging.merge" else sara
    return {
        "settings.update": lambda by: cafe.settings.update(by=by, guard_minutes=0),
        "branches.add": lambda by: cafe.branches.add("South", by=by),
        "branches.rename": lambda by: cafe.branches.rename(cafe.here.id, "Centre", by=by),
        "menu.add": lambda by: cafe.menu.add("Tea", by=by),
        "menu.set_active": lambda by: cafe.menu.set_active(latte.id, False, by=by),
        "backups.create": lambda by: cafe.backups.create(tmp_path / "c.cafebackup", by=by),
        "backups.export_spreadsheets": lambda by: cafe.backups.export_spreadsheets(tmp_path / "sheets", by=by),
        "backups.verify": lambda by: cafe.backups.verify(backup.path, by=by),
        "backups.restore": lambda by: cafe.backups.restore(backup.path, by=by),
        "backups.restore_snapshot": lambda by: cafe.backups.restore_snapshot(snapshot, by=by),
        "privacy.export": lambda by: cafe.privacy.export(sara.id, by=by),
        "privacy.save_export": lambda by: cafe.privacy.save_export(sara.id, tmp_path / "s.json", by=by),
        "privacy.forget": lambda by: cafe.privacy.forget(sara.id, by=by),
        "experiments.start": lambda by: cafe.experiments.start(by=by),
        "experiments.stop": lambda by: cafe.experiments.stop("8/0", by=by),
        "experiments.export_cards": lambda by: cafe.experiments.export_cards(tmp_path / "e.csv", by=by),
        "ledger.stamp_later": lambda by: cafe.ledger.stamp_later(sara.id, cafe.clock.now(), by=by),
        "ledger.keep_queued": lambda by: cafe.ledger.keep_queued("r1", sara.id, cafe.clock.now(), barista, by=by),
        "ledger.drop_queued": lambda by: cafe.ledger.drop_queued("r2", sara.id, cafe.clock.now(), barista, "x", by=by),
        "checkbacks.save_new_items": lambda by: cafe.checkbacks.save_new_items(tmp_path / "n.csv", by=by),
        "checkbacks.save_by_staff": lambda by: cafe.checkbacks.save_by_staff(tmp_path / "s.csv", by=by),
        "imports.run": lambda by: cafe.imports.run(sheet, by=by),
        "imports.undo": lambda by: cafe.imports.undo(batch, by=by),
        "merging.merge": lambda by: cafe.merging.merge(sara.id, twin.id, by=by),
        "auto_backups.choose_folder": lambda by: cafe.auto_backups.choose_folder(tmp_path / "usb", by=by),
        "auto_backups.set_passphrase": lambda by: cafe.auto_backups.set_passphrase("correct horse battery", by=by),
    }


def _dump(path) -> list:
    con = sqlite3.connect(path)
    try:
        tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
        return [(t, con.execute(f'SELECT * FROM "{t}" ORDER BY rowid').fetchall()) for t in tables]
    finally:
        con.close()


def test_the_list_names_real_service_methods(cafe):
    for action in _actions(cafe):
        service, method = action.split(".")
        assert callable(getattr(getattr(cafe, service), method)), action


def test_the_list_is_the_decorated_methods_and_nothing_checks_by_hand():
    """The registry is filled by the decorator, and no service calls ``require_owner`` itself
    (a check written by hand would be enforced without being walked below)."""
    import ast
    from pathlib import Path

    import cafe_loyalty

    core = Path(cafe_loyalty.__file__).parent
    by_hand = [
        str(path.relative_to(core))
        for path in core.rglob("*.py")
        if path.name != "rights.py"
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "require_owner"
    ]
    assert by_hand == []
    assert {"Imports.run", "Imports.undo", "Merging.merge"} <= set(OWNER_ONLY)  # once enforced unlisted


def test_a_method_without_by_cannot_be_declared_owner_only():
    with pytest.raises(TypeError):
        owner_only("do something")(lambda self: None)


ACTIONS = [
    "settings.update", "branches.add", "branches.rename", "menu.add", "menu.set_active", "backups.create",
    "backups.export_spreadsheets", "backups.verify", "backups.restore", "backups.restore_snapshot",
    "privacy.export", "privacy.save_export", "privacy.forget", "experiments.start", "experiments.stop",
    "experiments.export_cards", "ledger.stamp_later", "ledger.keep_queued", "ledger.drop_queued",
    "checkbacks.save_new_items", "checkbacks.save_by_staff", "imports.run", "imports.undo", "merging.merge",
    "auto_backups.choose_folder", "auto_backups.set_passphrase",
]  # fmt: skip


def test_the_walk_below_covers_every_registered_action(cafe):
    assert set(ACTIONS) == set(_actions(cafe))


@pytest.mark.parametrize("action", ACTIONS)
def test_every_owner_only_action_refuses_a_barista_and_writes_nothing(cafe, tmp_path, action):
    """A branch manager is refused too: backups, restore, erasing, imports and settings are the
    chain's (issue #34)."""
    calls = _calls(cafe, tmp_path, action)
    assert set(calls) == set(_actions(cafe))  # the walk covers the whole list
    barista = next(s.id for s in cafe.staff.list() if s.role == "barista")
    manager, _ = _manager(cafe)
    files = sorted(p.name for p in tmp_path.rglob("*"))
    before = rows_of(cafe)
    for by in (barista, manager, None, 99_999):  # a barista, a manager, nobody, somebody who does not exist
        with pytest.raises(PermissionDenied):
            calls[action](by)
    assert rows_of(cafe) == before
    assert sorted(p.name for p in tmp_path.rglob("*")) == files  # no file written either
    calls[action](cafe.staff.owner_id())  # and the owner may


def _managed_calls(cafe, branch: int):
    """One call per managed action, about ``branch``: ``by`` -> the call."""
    barista = cafe.staff.add("Reza", by=cafe.staff.owner_id(), branch=branch).id
    return {
        "staff.add": lambda by: cafe.staff.add("Nima", by=by, branch=branch),
        "staff.set_pin": lambda by: cafe.staff.set_pin(barista, "5555", by=by),
    }


@pytest.mark.parametrize("action", sorted(MANAGED_ACTIONS := ["staff.add", "staff.set_pin"]))
def test_every_managed_action_is_the_owners_and_its_branch_managers(cafe, action):
    assert set(MANAGED_ACTIONS) == set(_actions(cafe, MANAGED))
    manager, north = _manager(cafe)
    south = cafe.branches.add("South", by=cafe.staff.owner_id()).id
    elsewhere = cafe.staff.add("Omid", "manager", "4321", by=cafe.staff.owner_id(), branch=south).id
    barista = next(s.id for s in cafe.staff.list() if s.role == "barista")
    calls = _managed_calls(cafe, north)
    before = rows_of(cafe)
    for by in (barista, elsewhere, None, 99_999):  # a barista, another branch's manager, nobody, nobody real
        with pytest.raises(PermissionDenied):
            calls[action](by)
    assert rows_of(cafe) == before
    calls[action](manager)  # the branch's own manager may
    calls[action](cafe.staff.owner_id())  # and the owner


def test_a_manager_adds_baristas_only_and_sets_no_owners_pin(cafe):
    manager, north = _manager(cafe)
    with pytest.raises(PermissionDenied):
        cafe.staff.add("Boss", "owner", "1111", by=manager, branch=north)
    with pytest.raises(PermissionDenied):
        cafe.staff.add("Other", "manager", "1111", by=manager, branch=north)
    owner = cafe.staff.owner_id()
    cafe.staff.add("Ana", "owner", "2222", by=owner, branch=north)  # an owner who works at North
    ana = next(s.id for s in cafe.staff.list() if s.name == "Ana")
    with pytest.raises(PermissionDenied):
        cafe.staff.set_pin(ana, "9999", by=manager)


def test_a_managers_pin_opens_their_screens_but_not_an_owner_only_command(cafe):
    cafe.staff.set_pin(cafe.staff.owner_id(), "2468", by=cafe.staff.owner_id())
    manager, _ = _manager(cafe)
    assert cafe.staff.unlock_owner("5678").id == manager
    with pytest.raises(PermissionDenied, match="branch manager"):
        cafe.staff.check_owner("5678")


def test_a_method_without_by_cannot_be_declared_managed():
    with pytest.raises(TypeError):
        managed("do something")(lambda self, branch: None)


def test_a_cafe_without_an_owner_yet_can_take_its_first_restore(tmp_path, cafe, clock):
    """Moving to a new computer: a café never set up has nothing to protect."""
    from cafe_loyalty.app import Cafe

    backup = cafe.backups.create(tmp_path / "b.cafebackup", by=cafe.staff.owner_id())
    fresh = Cafe.open(tmp_path / "new" / "cafe.db", clock=clock)
    try:
        assert fresh.staff.owner_id() is None
        fresh.backups.restore(backup.path, by=None)
        assert fresh.is_set_up and fresh.staff.owner_id() is not None
    finally:
        fresh.close()


# The CLI commands behind the owner-only actions: each needs the owner's PIN once one is set.
OWNER_COMMANDS = [
    ("settings", "set", "guard_minutes=0"),
    ("menu", "add", "Tea"),
    ("backup", "create"),
    ("export", "csv"),
    ("customer", "export", "1"),
    ("customer", "forget", "1", "--yes"),
    ("experiment", "start"),
]


@pytest.mark.parametrize("command", OWNER_COMMANDS, ids=lambda c: " ".join(c[:2]))
def test_cli_owner_commands_need_the_pin(db_path, capsys, command):
    assert main(["--db", str(db_path), "setup", "C", "--owner", "O", "--pin", "2468"]) == 0
    assert main(["--db", str(db_path), "customer", "add", "Sara"]) == 0
    capsys.readouterr()
    before = _dump(db_path)
    assert main(["--db", str(db_path), *command]) == 8
    assert "PIN" in capsys.readouterr().err
    assert main(["--db", str(db_path), *command, "--owner-pin", "1111"]) == 8
    after = [(t, rows) for t, rows in _dump(db_path) if t not in ("event", "setting")]
    assert after == [(t, rows) for t, rows in before if t not in ("event", "setting")]  # only the failed-PIN count
    assert main(["--db", str(db_path), *command, "--owner-pin", "2468"]) == 0

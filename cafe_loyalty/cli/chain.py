"""A chain's commands (issue #34): its branches, and its staff with the branch each works at."""

from __future__ import annotations

import argparse
import os
from typing import Any

from cafe_loyalty.app import Cafe
from cafe_loyalty.cli.arguments import _owner
from cafe_loyalty.services.staff import StaffView


def branch_of(cafe: Cafe, args: argparse.Namespace) -> int | None:
    """The branch ``--branch NAME`` names, or None when it is not given."""
    name = getattr(args, "branch", None)
    return cafe.branches.named(name).id if name is not None else None


def actor(cafe: Cafe, args: argparse.Namespace) -> int | None:
    """Who a managed command acts as: the owner, or a branch manager, by the PIN given."""
    if not cafe.is_set_up:
        return None
    pin = getattr(args, "owner_pin", None) or os.environ.get("CAFE_LOYALTY_OWNER_PIN")
    return cafe.staff.check_owner(pin, managers=True).id


def cmd_branch_list(cafe: Cafe, args: argparse.Namespace) -> tuple[Any, str]:
    here = cafe.here.id
    branches = cafe.branches.list()
    lines = [f"#{b.id}  {b.name}" + ("  (this computer)" if b.id == here else "") for b in branches]
    return [b.to_json() for b in branches], "\n".join(lines)


def cmd_branch_add(cafe: Cafe, args: argparse.Namespace) -> tuple[Any, str]:
    branch = cafe.branches.add(args.name, by=_owner(cafe, args))
    return branch.to_json(), f"Branch added: #{branch.id} {branch.name}"


def cmd_branch_rename(cafe: Cafe, args: argparse.Namespace) -> tuple[Any, str]:
    old = cafe.branches.named(args.old)
    branch = cafe.branches.rename(old.id, args.new, by=_owner(cafe, args))
    return branch.to_json(), f"Branch #{branch.id} is now called {branch.name}"


def cmd_branch_here(cafe: Cafe, args: argparse.Namespace) -> tuple[Any, str]:
    """This computer's till stands in the branch named (kept in its preferences)."""
    chosen = cafe.branches.named(args.name)
    cafe.choose_branch(chosen.id)
    return chosen.to_json(), f"This computer's till is at {chosen.name}."


def _staff_lines(cafe: Cafe, people: list[StaffView]) -> str:
    """One line a person, with their branch in a chain (the branches read once, not per line)."""
    names = {b.id: b.name for b in cafe.branches.list()}
    chain = len(names) > 1

    def line(person: StaffView) -> str:
        where = f"  {names.get(person.branch_id or 0, '')}" if chain else ""
        return f"#{person.id}  {person.name}  ({person.role}){where}"

    return "\n".join(line(p) for p in people)


def cmd_staff_list(cafe: Cafe, args: argparse.Namespace) -> tuple[Any, str]:
    staff = cafe.staff.list(branch_of(cafe, args))
    return [vars(s) for s in staff], _staff_lines(cafe, staff)


def cmd_staff_add(cafe: Cafe, args: argparse.Namespace) -> tuple[Any, str]:
    by = actor(cafe, args)
    branch = branch_of(cafe, args)
    actor_view = cafe.staff.get(by) if by is not None else None
    if branch is None and actor_view is not None and actor_view.role == "manager":
        branch = actor_view.branch_id  # a manager adds to their own branch
    person = cafe.staff.add(args.name, args.role, args.new_pin, by=by, branch=branch)
    return vars(person), "Staff member added: " + _staff_lines(cafe, [person])

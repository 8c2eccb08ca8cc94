"""Who may do what: the owner-only and branch-managed actions, declared where they are defined.

Three roles (issue #34): the chain's owner may do everything; a branch manager runs their own
branch (its staff, its reports, check-backs and feedback) and nothing of the chain's (backups,
restore, erasing, imports, settings, branches); a barista works the counter. The till and the
CLI only collect a PIN (``StaffService.unlock_owner`` / ``check_owner``) and pass the person
they get back as ``by``; the service refuses anyone else. A service method gets its rule by its
decorator, which also registers it in :data:`OWNER_ONLY` or :data:`MANAGED`: the lists the
tests walk are the lists enforced, and a new action cannot be left out of them (issue #33
found three that were).
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import Any, TypeVar

from cafe_loyalty.errors import PermissionDenied
from cafe_loyalty.store.models import Staff

F = TypeVar("F", bound=Callable[..., Any])

#: ``"Class.method"`` of every owner-only service method -> what the owner is doing.
OWNER_ONLY: dict[str, str] = {}
#: ``"Class.method"`` of every method the owner or the manager of the branch it is about may call.
MANAGED: dict[str, str] = {}


def owner_only(doing: str) -> Callable[[F], F]:
    """Make a service method refuse anyone but an active owner (its ``by`` argument) before
    it does anything, and register it. ``doing`` says what the owner is doing, for people."""

    def declare(method: F) -> F:
        signature = inspect.signature(method)
        if "by" not in signature.parameters:
            raise TypeError(f"{method.__qualname__} is owner-only but takes no 'by'")
        default = signature.parameters["by"].default

        @functools.wraps(method)
        def checked(*args: Any, **kwargs: Any) -> Any:
            by = (
                kwargs["by"] if "by" in kwargs else signature.bind_partial(*args, **kwargs).arguments.get("by", default)
            )
            require_owner(by)
            return method(*args, **kwargs)

        OWNER_ONLY[method.__qualname__] = doing
        return checked  # type: ignore[return-value]

    return declare


def require_owner(by: int | None) -> None:
    """Refuse unless ``by`` is an active owner. A café with no owner yet (never set up: the
    first restore on a new computer) has nothing to protect, so ``by=None`` passes there."""
    if by is None:
        if not Staff.select().where(Staff.active & (Staff.role == "owner")).exists():
            return
    else:
        row = Staff.get_or_none(Staff.id == by)
        if row is not None and row.active and row.role == "owner":
            return
        if row is not None and row.role == "manager":
            raise PermissionDenied("Only the chain's owner can do this, not a branch manager.")
    raise PermissionDenied("Only the owner can do this. Unlock it with the owner's PIN.")


def managed(doing: str, branch_of: Callable[[dict[str, Any]], int | None] | None = None) -> Callable[[F], F]:
    """Make a service method open to the owner and to the manager of the branch it is about,
    and register it. The branch is the method's ``branch`` argument, or what ``branch_of``
    finds from its arguments (by name); None (the whole chain) is the owner's alone."""

    def declare(method: F) -> F:
        signature = inspect.signature(method)
        if "by" not in signature.parameters:
            raise TypeError(f"{method.__qualname__} is managed but takes no 'by'")

        @functools.wraps(method)
        def checked(*args: Any, **kwargs: Any) -> Any:
            bound = signature.bind(*args, **kwargs)
            bound.apply_defaults()
            given = bound.arguments
            branch = branch_of(given) if branch_of is not None else given.get("branch")
            require_manager_of(given["by"], branch)
            return method(*args, **kwargs)

        MANAGED[method.__qualname__] = doing
        return checked  # type: ignore[return-value]

    return declare


def require_manager_of(by: int | None, branch: int | None) -> None:
    """Refuse unless ``by`` is an active owner, or the active manager of ``branch``."""
    row = Staff.get_or_none(Staff.id == by) if by is not None else None
    if row is not None and row.active and row.role == "manager":
        if branch is not None and row.branch_id == branch:
            return
        raise PermissionDenied("A branch manager can do this only for their own branch.")
    require_owner(by)

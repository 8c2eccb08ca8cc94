"""Who may do what: the owner-only actions, declared where they are defined.

The till and the CLI only collect the owner's PIN (``StaffService.unlock_owner`` /
``check_owner``) and pass the owner they get back as ``by``; the service refuses anyone else.
A service method becomes owner-only by its decorator, which also registers it in
:data:`OWNER_ONLY`: the list the tests walk is the list enforced, and a new owner-only action
cannot be left out of it (issue #33 found three that were).
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
    raise PermissionDenied("Only the owner can do this. Unlock it with the owner's PIN.")

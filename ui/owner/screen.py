"""What every tab of the owner screen shares: it acts as the unlocked owner, reports results
and refusals in its own banner, and reloads when a write touched its area."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from cafe_loyalty_ui import i18n
from cafe_loyalty_ui.operations import Operations
from cafe_loyalty_ui.widgets import Banner
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from cafe_loyalty.app import Cafe
from cafe_loyalty.changes import Changes
from cafe_loyalty.errors import CafeError
from cafe_loyalty.services.staff import StaffView


def counts_text(counts: dict[str, int] | None) -> str:
    counts = counts or {}
    return i18n.numbers(
        QCoreApplication.translate("OwnerDialog", "{0} customers, {1} stamps, {2} rewards"),
        counts.get("customer", 0),
        counts.get("stamp", 0),
        counts.get("redemption", 0),
    )


class OwnerTab(QWidget):
    """Subclasses build their widgets, name the change ``areas`` they show, and ``reload``."""

    areas: tuple[str, ...] = ()

    def __init__(self, cafe: Cafe, ops: Operations, owner: StaffView, parent: QWidget | None = None):
        super().__init__(parent)
        self._cafe = cafe
        self._ops = ops
        self.owner = owner
        # A branch manager's screens read their branch only; the owner's read the whole chain
        # unless a tab lets them pick one branch (issue #34).
        self.managing = owner.role == "manager"
        self.scope: int | None = owner.branch_id if self.managing else None
        self.result = Banner()

    def reload(self) -> None:
        """Read what the tab shows (through ``ops.query``); called at first and after changes."""

    # A tab whose fields wait for a Save button says so here; the owner screen asks
    # Save / Discard / Cancel before it closes over them (every tab follows that one rule).

    _loaded: Any = None  # the fields as last read or saved: what "unsaved" compares with

    def _values(self) -> Any:
        """What the fields hold now (a tab with a Save button says)."""
        return None

    def unsaved(self) -> bool:
        return self._loaded is not None and self._values() != self._loaded

    def save_changes(self, then: Callable[[bool], None]) -> None:
        """Save what :meth:`unsaved` reports; ``then(True)`` once saved, ``then(False)`` if
        the core refused (the reason is in the tab's banner)."""
        then(True)

    def _saving(self, then: Callable[[bool], None], said: str) -> dict[str, Any]:
        """``on_done``/``on_error`` for a save that reports back to ``then``."""

        def done(_result: Any) -> None:
            self._loaded = self._values()  # saved: nothing to ask about, even before the reload
            self.result.say(said, "ok")
            then(True)

        def refused(error: Exception) -> bool:
            handled = self.failed(error)
            then(False)
            return handled

        return {"on_done": done, "on_error": refused}

    def follow(self, changes: Changes) -> None:
        if changes.everything or any(changes.area(a) for a in self.areas):
            self.reload()

    def failed(self, error: Exception) -> bool:
        """A refusal from the core, said in the tab; anything else goes to the default handler."""
        if isinstance(error, CafeError):
            self.result.say(i18n.error_text(error), "error")
            return True
        return False

    def act(
        self,
        fn: Callable[..., Any],
        *args: Any,
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[Exception], bool] | None = None,
        **kwargs: Any,
    ) -> None:
        """A call as the owner on the worker (``writes``/``progress`` as in ``Operations.run``);
        the core checks the owner's right to it."""
        self._ops.run(fn, *args, by=self.owner.id, on_done=on_done, on_error=on_error or self.failed, **kwargs)

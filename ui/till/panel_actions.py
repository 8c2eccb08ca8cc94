"""What the panel's counter buttons do: stamp, stamp again anyway, redeem, undo, the usual.

A presenter: it holds no widgets of its own. An action says its result in the banner and
paints nothing itself: the write's change brings the panel's reload, as a change from another
till does, so the panel paints once per action (issue #33: it used to paint the write's card,
then the whole panel again when the change came back). Measured against painting the answer
first (bench/run.py, "stamp click to panel redrawn"): the same or faster, because the reload's
read on the database thread overlaps with the banner and the tiles on this one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from cafe_loyalty_ui import i18n
from cafe_loyalty_ui.dialogs.common import UndoDialog
from cafe_loyalty_ui.operations import Operations
from PySide6.QtCore import QObject

from cafe_loyalty.errors import TooSoon
from cafe_loyalty.services.views import CardView, RedeemResult, UndoResult
from cafe_loyalty.till import Till

if TYPE_CHECKING:
    from cafe_loyalty_ui.till.panel import CustomerPanel


class CounterActions(QObject):
    """Owned by the panel (its child); talks to it through what a panel shows: the regular,
    their card, the banner and the "stamp again anyway" box."""

    def __init__(self, panel: CustomerPanel, till: Till, ops: Operations):
        super().__init__(panel)
        self._panel = panel
        self._till = till
        self._ops = ops
        self.undo_dialog: UndoDialog | None = None
        self._force_usual = False  # "Stamp again anyway" repeats the usual, not a bare stamp

    # -- stamping ------------------------------------------------------------------------------

    def stamp(self, force: bool = False) -> None:
        panel = self._panel
        if panel.card is None or self._ops.pending:
            return
        self._force_usual = False
        panel.hide_guard()
        self._ops.run(
            self._till.stamp,
            panel.card,
            by=panel.staff_id(),
            force=force,
            on_done=self.stamped,
            on_error=self.stamp_failed,
        )

    def stamped(self, card: CardView) -> None:
        banner = self._panel.banner
        if self._till.offline:
            banner.say(
                i18n.numbers(
                    self.tr("Stamped on this till ({0} of {1}): it is sent when the server is back."),
                    card.filled,
                    card.slots,
                ),
                "warn",
            )
        elif card.redeemable:
            banner.say(self.tr("Stamped! The card is full: time for the reward."), "ok")
        else:
            banner.say(i18n.numbers(self.tr("Stamped. {0} of {1}."), card.filled, card.slots), "ok")
        self._panel.flows.print_slip(after_stamp=True)

    def stamp_failed(self, error: Exception) -> bool:
        if isinstance(error, TooSoon):
            minutes = int(error.minutes_ago)
            when = self.tr("less than a minute ago") if minutes < 1 else self.tr("%n minute(s) ago", "", minutes)
            self._panel.banner.say(self.tr("Already stamped {0}. Is this another purchase?").format(when), "warn")
            self._panel.guard_box.show()
            return True
        return self._panel.show_error(error)

    def force(self) -> None:
        if self._force_usual:
            self._force_usual = False
            self.the_usual(force=True)
        else:
            self.stamp(force=True)

    # -- the reward and a mistake ----------------------------------------------------------------

    def redeem(self) -> None:
        panel = self._panel
        if panel.card is None or not panel.card.redeemable or self._ops.pending:
            return
        self._ops.run(
            self._till.redeem, panel.card.id, by=panel.staff_id(), on_done=self.redeemed, on_error=panel.show_error
        )

    def redeemed(self, result: RedeemResult) -> None:
        self._panel.banner.say(
            i18n.numbers(self.tr("Enjoy: {0}! A new card starts with {1} stamps."), result.reward, result.card.filled),
            "ok",
        )

    def ask_undo(self) -> None:
        panel = self._panel
        if panel.customer is None:
            return
        kind = "stamp" if panel.card and panel.card.earned else "reward"
        what = self.tr("stamp") if kind == "stamp" else self.tr("reward")
        self.undo_dialog = dialog = UndoDialog(what, panel, kind)
        dialog.accepted.connect(lambda: self.undo(dialog.reason()))
        dialog.open()

    def undo(self, reason: str) -> None:
        panel = self._panel
        if panel.customer is None:
            return
        self._ops.run(
            self._till.undo,
            panel.customer.id,
            reason,
            by=panel.staff_id(),
            on_done=self.undone,
            on_error=panel.show_error,
        )

    def undone(self, result: UndoResult) -> None:
        text = {
            "stamp": self.tr("Last stamp undone."),
            "carried": self.tr("The paper card's stamps are undone."),
        }.get(result.undone, self.tr("Reward undone."))
        self._panel.banner.say(text, "ok")

    # -- the usual -----------------------------------------------------------------------------

    def the_usual(self, force: bool = False) -> None:
        """One tap: the usual order recorded as a visit, and the card stamped."""
        panel = self._panel
        order = panel.usual_order
        if panel.customer is None or order is None or order.item_id is None or self._ops.pending:
            return
        panel.hide_guard()
        self._ops.run(
            self._till.record_visit,
            panel.customer.id,
            [order.item_id],
            order.modifiers,
            force=force,
            by=panel.staff_id(),
            on_done=self.visited,
            on_error=self._usual_failed,
        )

    def _usual_failed(self, error: Exception) -> bool:
        handled = self.stamp_failed(error)
        if isinstance(error, TooSoon):
            self._force_usual = True
        return handled

    def visited(self, result: Any) -> None:
        text = self.tr("{0} recorded.").format(i18n.list_separator().join(result.items))
        if result.card is not None:
            text += " " + i18n.numbers(self.tr("Stamped: {0} of {1}."), result.card.filled, result.card.slots)
        self._panel.banner.say(text, "ok")
        if result.card is not None:
            self._panel.flows.print_slip(after_stamp=True)

"""The one door of the counter screens (issue #33): everything the till, the customer panel, the
customer display and the counter's dialogs ask of the core.

The screens are handed a :class:`Till`, never the services: so what a barista can do at the
counter is listed here, typed, in one place, and each of it has one defined behaviour while a
till's server is away. On a single SQLite file the till is the services as they are; a till on
a server gets :class:`cafe_loyalty.replica.till.ReplicaTill`, which stamps into its own queue and
reads from its copy when the server is away, and refuses everything else at once with the
message the till shows (it never waits on a dead connection on the one database thread).

The owner's screens are the back office: they are reached through :attr:`Till.back_office`
after the owner's PIN, and work on the server (or file) only.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from cafe_loyalty.changes import Changes
from cafe_loyalty.errors import CafeError
from cafe_loyalty.services.customers import tiles_in_order
from cafe_loyalty.services.profiles import Profile
from cafe_loyalty.services.staff import StaffView
from cafe_loyalty.services.views import CardView, CustomerSummary

if TYPE_CHECKING:
    from cafe_loyalty.app import Cafe


@dataclass(frozen=True)
class QueuedStamp:
    """A stamp made while the server was away: who it was for, when, by whom, and where it is."""

    ref: str
    customer_id: int
    name: str
    at: dt.datetime
    staff_id: int | None
    forced: bool
    state: str
    reason: str = ""  # why the server refused it: an error template ...
    reason_params: str = "{}"  # ... and its values, as JSON (translated where it is shown)

    def refusal(self) -> CafeError:
        """The server's refusal, as the error it raised (for the till to show in its language)."""
        return CafeError(self.reason, **json.loads(self.reason_params))


@dataclass(frozen=True)
class Sent:
    """What one send of the queue did."""

    sent: int = 0  # added on the server now
    already: int = 0  # were there already (an earlier send's answer was lost)
    refused: int = 0  # refused by the server: they wait for the owner
    waiting: int = 0  # still on the till: the server went away again


class Till:
    """The counter's calls. Each attribute below is the service method it is on a single file
    (typed as that method); :class:`~cafe_loyalty.replica.till.ReplicaTill` replaces them with
    guarded ones."""

    def __init__(self, cafe: Cafe):
        self._cafe = cafe
        self.clock = cafe.clock
        # -- the regular: find, open, add, edit
        self.customer = cafe.customers.get
        self.add_customer = cafe.customers.add
        self.update_customer = cafe.customers.update
        self.already_here = cafe.customers.already_here
        self.likely_now = cafe.regulars.likely_now
        # -- at the counter: a purchase, the reward, a mistake, a visit, a treat, feedback
        self.redeem = cafe.ledger.redeem
        self.undo = cafe.ledger.undo
        self.record_visit = cafe.visits.record
        self.menu = cafe.menu.list
        self.give_treat = cafe.regulars.give_treat
        self.add_feedback = cafe.feedback.add
        self.resolve_feedback = cafe.feedback.resolve
        # -- check-backs: "how was the new cake?"
        self.checkbacks_due = cafe.checkbacks.due
        self.checkback_for = cafe.checkbacks.pending_for
        self.record_checkback = cafe.checkbacks.record
        # -- the printed card and the slip
        self.card_png = cafe.cards.card_png
        self.save_card_pdf = cafe.cards.save_pdf
        self.save_card_png = cafe.cards.save_png
        self.slip_png = cafe.cards.slip_png
        self.save_slip_pdf = cafe.cards.save_slip_pdf
        self.print_slip = cafe.cards.print_slip
        self.reissue_card = cafe.cards.reissue
        # -- the customer display
        self.card_of = cafe.customer_side.card_of
        self.check_in = cafe.customer_side.check_in
        self.check_in_by_phone = cafe.customer_side.check_in_by_phone
        self.rest_screen = cafe.customer_side.rest_screen
        # -- the owner's PIN, and the owner's actions the counter offers behind it
        self.branch_label = cafe.branches.label
        self.owner_pin_set = cafe.staff.owner_pin_set
        self.unlock_owner = cafe.staff.unlock_owner
        self.save_export = cafe.privacy.save_export
        self.forget = cafe.privacy.forget
        # -- upkeep the till runs in the background
        self.backup_reminder = cafe.backups.reminder
        self.auto_backup_status = cafe.auto_backups.status
        self.run_auto_backup = cafe.auto_backups.run
        self.snapshot_if_due = cafe.backups.snapshot_if_due
        self.finish_pending_erasures = cafe.privacy.finish_pending

    @property
    def back_office(self) -> Cafe:
        """The services, for the owner's screens (opened after the owner's PIN) only."""
        return self._cafe

    @property
    def address(self) -> str:
        return self._cafe.address

    @property
    def offline(self) -> bool:
        """True while the till works from its own file (only a till on a server can)."""
        return False

    # -- what a till on a server reads from its copy when the server is away -----------------

    def stamp(self, card: CardView, by: int | None, force: bool = False, ref: str | None = None) -> CardView:
        return self._cafe.ledger.stamp(card.id, by, force, ref=ref, regular=card.customer_id)

    def search(
        self, query: str = "", limit: int = 100, offset: int = 0, only: list[int] | None = None
    ) -> list[CustomerSummary]:
        return self._cafe.customers.search(query, limit, offset, only)

    def summaries(self, ids: list[int]) -> list[CustomerSummary]:
        """Tiles for these regulars, in the order given."""
        return tiles_in_order(self.search, ids)

    def referrers(self, limit: int = 300) -> list[tuple[int, str]]:
        """Who may have brought a new regular: (id, name), most recently seen first."""
        return [(c.id, f"{c.first_name} {c.last_name}".strip()) for c in self.search("", limit=limit)]

    def panel(self, customer_id: int) -> Profile:
        return self._cafe.profiles.panel(customer_id)

    def of_card(self, payload: str | Sequence[str]) -> Profile:
        return self._cafe.profiles.of_card(payload)

    def staff(self) -> list[StaffView]:
        return self._cafe.staff.list()

    def settings(self) -> dict[str, Any]:
        return self._cafe.settings.all()

    # -- the queue of a till on a server (empty on a single file) ----------------------------

    def waiting(self) -> int:
        """Stamps kept on this till for the server."""
        return 0

    def catch_up(self) -> Sent:
        """The server is back: send what waits."""
        return Sent()

    def refused(self) -> list[QueuedStamp]:
        """Stamps the server refused when they were sent, for the owner to decide on."""
        return []

    def keep(self, ref: str, by: int | None) -> CardView:
        """The owner adds a refused stamp after all."""
        raise LookupError("only a till on a server keeps refused stamps")

    def drop(self, ref: str, by: int | None) -> None:
        """The owner drops a refused stamp."""
        raise LookupError("only a till on a server keeps refused stamps")

    def refresh(self) -> int:
        """Bring the till's copy of the regulars up to date."""
        return 0

    def follow(self, changes: Changes) -> None:
        """A change, made here or on another till, for the till's copy of the regulars."""

    def away(self) -> None:
        """The server stopped answering."""

    def back(self) -> None:
        """The server answers again."""

    def close(self) -> None:
        pass

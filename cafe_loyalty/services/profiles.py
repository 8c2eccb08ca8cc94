"""The regular as the barista sees them: one read model for the till's panel and for
``cafe-loyalty customer show``, so both say the same thing and the rules (who is "back", who is
new, which milestone) live here rather than in a widget."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import peewee as pw

from cafe_loyalty.store.db import read

from .cards import CardService
from .checkbacks import AskAbout, CheckBacks
from .customers import Customers
from .feedback import FeedbackService, FeedbackView
from .ledger import Ledger
from .lookup import living_customer
from .regulars import Regulars, UsualOrder, is_new_regular, milestone_at
from .settings import Settings, reward_in
from .views import CardView, CustomerView, HistoryEntry
from .visits import Visits

HISTORY_LINES = 60  # the panel's history list; the CLI prints the newest 20


@dataclass(frozen=True)
class Profile:
    """Everything the panel shows of one regular. Built in one place (:meth:`Profiles.panel`);
    a till whose server is away shows the same dataclass from its copy, with what only the
    server knows (history, visits, feedback, suggestions) left at these defaults."""

    customer: CustomerView
    today: dt.date
    reward_text: str
    history: list[HistoryEntry] = field(default_factory=list)
    usual: UsualOrder | None = None
    birthday_week: bool = False
    visits: int = 0
    milestone: int | None = None  # the milestone their latest visit reached (1st, 10th…), if any
    days_as_regular: int = 10_000  # unknown: not shown as a new regular
    suggestion: str | None = None  # the newest menu item they have never had
    open_feedback: list[FeedbackView] = field(default_factory=list)
    ask_about: AskAbout | None = None  # "How was the saffron cake?": tried last time, not asked
    offline: bool = False  # read from the till's own copy: the server was away (issue #18)

    @property
    def card(self) -> CardView:
        return self.customer.card

    @property
    def returning(self) -> bool:
        """ "Welcome back" rather than "Welcome": they bought something before, or already
        finished a card."""
        return any(h.kind == "purchase" and not h.voided for h in self.history) or (
            sum(h.kind == "issued" for h in self.history) > 1
        )

    @property
    def new_regular(self) -> bool:
        return is_new_regular(self.days_as_regular)

    def to_json(self, history: bool = False) -> dict[str, Any]:
        """A customer as scripts see it: ``usual`` is the usual order (item and modifiers, pinned
        or learned) or null; the free-text note a barista typed is ``usual_note``."""
        data = self.customer.to_json()
        data["usual_note"] = data.pop("usual")
        usual = self.usual
        data["usual"] = None if usual is None or usual.source == "note" else usual.to_json()
        data["feedback"] = [f.to_json() for f in self.open_feedback]
        data["suggestion"] = self.suggestion
        data["birthday_week"] = self.birthday_week
        data["visits"] = self.visits
        data["ask_about"] = self.ask_about.to_json() if self.ask_about else None
        if history:
            data["history"] = [h.to_json() for h in self.history[:20]]
        return data


class Profiles:
    def __init__(
        self,
        db: pw.Database,
        customers: Customers,
        ledger: Ledger,
        regulars: Regulars,
        visits: Visits,
        feedback: FeedbackService,
        settings: Settings,
        cards: CardService,
        checkbacks: CheckBacks,
    ):
        self._db = db
        self._customers = customers
        self._ledger = ledger
        self._regulars = regulars
        self._visits = visits
        self._feedback = feedback
        self._settings = settings
        self._cards = cards
        self._checkbacks = checkbacks

    def of_card(self, payload: str | Sequence[str]) -> Profile:
        """The profile of whoever a scanned card belongs to: the lookup and the profile in one
        read, so a scan makes one trip to the database thread, not two."""
        with read(self._db):
            return self.panel(self._cards.lookup(payload).id)

    def panel(self, customer_id: int) -> Profile:
        """Everything the panel shows, read in one transaction (a stamp from another till
        cannot land between the card and its history). The customer row is read once."""
        with read(self._db):
            row = living_customer(customer_id)
            visits = self._visits.count(customer_id)
            return Profile(
                customer=self._customers.view(row),
                history=self._ledger.history(customer_id, limit=HISTORY_LINES),
                usual=self._regulars.usual_of(row),
                birthday_week=self._regulars.birthday_week_of(row),
                today=self._regulars.today(),
                visits=visits,
                milestone=milestone_at(visits),
                days_as_regular=self._regulars.days_as_regular_of(row),
                suggestion=self._regulars.suggestion(customer_id),
                open_feedback=self._feedback.open_for(customer_id),
                reward_text=reward_in(self._settings.all()),
                ask_about=self._checkbacks.ask_next_time(customer_id),
            )

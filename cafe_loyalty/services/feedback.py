"""Feedback from regulars: praise, complaints and ideas, open until someone acts on them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import peewee as pw

from cafe_loyalty.store.db import write
from cafe_loyalty.store.models import Customer, Feedback

from ..clock import Clock
from ..errors import NotFound, ValidationError
from ..text import MAX_TEXT, clean
from .audit import Audit
from .branches import Here
from .lookup import living_customer
from .views import JsonView

KINDS = ("praise", "complaint", "idea")


@dataclass(frozen=True)
class FeedbackView(JsonView):
    id: int
    customer_id: int
    first_name: str
    at: dt.datetime
    kind: str
    text: str
    status: str
    resolution: str


def _view(row: Feedback, first_name: str) -> FeedbackView:
    return FeedbackView(row.id, row.customer_id, first_name, row.at, row.kind, row.text, row.status, row.resolution)


class FeedbackService:
    def __init__(self, db: pw.Database, clock: Clock, audit: Audit, here: Here):
        self._db = db
        self._here = here
        self._clock = clock
        self._audit = audit

    def add(self, customer_id: int, text: str, kind: str, by: int | None = None) -> FeedbackView:
        if kind not in KINDS:
            raise ValidationError("Feedback is praise, a complaint or an idea.")
        text = clean(text, field="feedback", max_len=MAX_TEXT, required=True)
        with write(self._db, customer_id):
            customer = living_customer(customer_id)
            # Praise needs no follow-up; complaints and ideas stay open until acted on.
            status = "resolved" if kind == "praise" else "open"
            row = Feedback.create(
                customer=customer_id,
                at=self._clock.now(),
                staff=by,
                kind=kind,
                text=text,
                status=status,
                branch=self._here.id,
            )
            self._audit.record("feedback.add", "feedback", row.id, by=by, customer=customer_id, kind=kind)
        return _view(row, customer.first_name)

    def resolve(self, feedback_id: int, resolution: str = "", by: int | None = None) -> FeedbackView:
        resolution = clean(resolution, field="resolution", max_len=MAX_TEXT)
        with write(self._db):
            row = Feedback.get_or_none(Feedback.id == feedback_id)
            if row is None:
                raise NotFound("There is no feedback {feedback_id}.", feedback_id=feedback_id)
            if row.status != "open":
                raise ValidationError("That feedback was already dealt with.")
            row.status, row.resolved_at, row.resolution = "resolved", self._clock.now(), resolution
            row.resolved_by_id = by
            row.save()
            self._audit.record("feedback.resolve", "feedback", row.id, by=by, of_customer=row.customer_id)
        return _view(row, Customer.get_by_id(row.customer_id).first_name)

    def open_for(self, customer_id: int) -> list[FeedbackView]:
        query = (
            Feedback.select(Feedback, Customer.id, Customer.first_name)
            .join(Customer)
            .where((Feedback.customer == customer_id) & (Feedback.status == "open"))
        )
        return [_view(r, r.customer.first_name) for r in query.order_by(Feedback.at)]

    def follow_ups(self) -> list[FeedbackView]:
        """Everything still open, oldest first: the owner's "check back" list."""
        query = (
            Feedback.select(Feedback, Customer.id, Customer.first_name)
            .join(Customer)
            .where((Feedback.status == "open") & Customer.forgotten_at.is_null())
        )
        return [_view(r, r.customer.first_name) for r in query.order_by(Feedback.at)]

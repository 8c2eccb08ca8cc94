"""Finding a customer who still exists: one rule and one message, for every service."""

from __future__ import annotations

from cafe_loyalty.store.models import Customer

from ..errors import NotFound


def living_customer(customer_id: int) -> Customer:
    """The customer's row; a forgotten customer is as gone as one that never was (NotFound,
    exit 3 in the CLI)."""
    row = Customer.get_or_none((Customer.id == customer_id) & Customer.forgotten_at.is_null())
    if row is None:
        raise NotFound("There is no customer with id {customer_id}.", customer_id=customer_id)
    return row

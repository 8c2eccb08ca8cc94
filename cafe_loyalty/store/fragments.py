"""Pieces of SQL that several statements share, named once (issue #33 found them pasted in
seven and four places). A card's progress is derived from its stamps, never stored: every
screen, report, export and the till's copy must count it the same way.

Each takes the SQL alias of the row it is about, so it fits inside any statement on either
engine (they are plain SQL both SQLite and PostgreSQL read).
"""

from __future__ import annotations


def filled(card: str) -> str:
    """Stamps on the card ``card`` (an alias of ``card``) that were not undone: its progress,
    head start included (the head start is written as stamps)."""
    return f"(SELECT count(*) FROM stamp s WHERE s.card_id = {card}.id AND s.voided_at IS NULL)"


def last_purchase(card: str) -> str:
    """When the card was last stamped for a purchase (the double-tap guard counts from it)."""
    return (
        f"(SELECT max(s.at) FROM stamp s WHERE s.card_id = {card}.id AND s.source = 'purchase' AND s.voided_at IS NULL)"
    )


def current_code(customer_id: str) -> str:
    """The printed code a regular's card carries now (the newest neither revoked nor replaced),
    or NULL; ``customer_id`` is an SQL expression (a column, or ``?``)."""
    return (
        f"(SELECT k.code FROM card_code k WHERE k.customer_id = {customer_id} AND k.revoked_at IS NULL "
        "AND k.replaced_by_id IS NULL ORDER BY k.id DESC LIMIT 1)"
    )


def in_branch(table: str, branch: int | None) -> str:
    """The condition that keeps ``table``'s rows of one branch (the ``:branch`` parameter), or
    nothing for the whole chain (issue #34: every report reads one branch or all)."""
    return f" AND {table}.branch_id = :branch" if branch is not None else ""

"""Whether a purchase stamp may go on a card: the double-tap guard and the full card, decided
once (issue #33). The ledger decides with the committed state inside the stamp's own write
transaction; a till whose server is away decides with its copy and the stamps waiting on it.
Both must refuse the same taps with the same words, so the rule is this one pure function.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from cafe_loyalty.errors import CafeError, CardStateError, TooSoon

FULL = "This card is full. Redeem the reward first."
# Redeeming is a change to the card the till's copy cannot make: it waits for the server.
FULL_AWAY = "This card is full. Redeeming needs the server: give the reward when it is back."


@dataclass(frozen=True)
class CardState:
    """What the rule needs to know about a card."""

    slots: int
    filled: int  # stamps not undone, head start included
    last_purchase: dt.datetime | None  # the newest purchase stamp not undone
    active: bool = True


def refusal(
    card: CardState, now: dt.datetime, guard_minutes: int, force: bool = False, *, away: bool = False
) -> CafeError | None:
    """Why a stamp at ``now`` must be refused, or None when it may go on. A card no longer in
    use and a full card are refused always; a stamp within ``guard_minutes`` of the last
    purchase (either side: a clock set back) unless ``force``. ``away``: the till decides from
    its copy, so a full card is told to wait for the server."""
    if not card.active:
        return CardStateError("This card is no longer in use; open the customer again.")
    if card.filled >= card.slots:
        return CardStateError(FULL_AWAY if away else FULL)
    if card.last_purchase is not None and guard_minutes and not force:
        minutes = abs((now - card.last_purchase).total_seconds()) / 60
        if minutes < guard_minutes:
            return TooSoon("This card was already stamped {ago}.", ago=ago(minutes), minutes_ago=minutes)
    return None


def ago(minutes: float) -> str:
    """How long since the last stamp, as the refusal says it (translated at the edge)."""
    if minutes < 1:
        return "less than a minute ago"
    whole = int(minutes)
    return f"{whole} minute{'s' if whole != 1 else ''} ago"

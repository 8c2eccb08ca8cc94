"""Printed cards: what goes on them, finding a customer from a scan, replacing a lost card."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import peewee as pw

from .. import codes
from ..clock import Clock
from ..db import write
from ..errors import ValidationError
from ..models import CardCode, Customer
from .audit import Audit
from .customers import Customers, search_key
from .ledger import Ledger
from .settings import Settings
from .views import CardView, CustomerView, JsonView

if TYPE_CHECKING:
    from ..printed_cards import PrintedCard


def _printing():
    """Pillow and qrcode load on the first card drawn, not when the till starts."""
    from .. import printed_cards

    return printed_cards


@dataclass(frozen=True)
class ReissueResult(JsonView):
    revoked_code: str
    card: CardView


class CardService:
    def __init__(
        self,
        db: pw.SqliteDatabase,
        clock: Clock,
        audit: Audit,
        settings: Settings,
        customers: Customers,
        ledger: Ledger,
    ):
        self._db = db
        self._clock = clock
        self._audit = audit
        self._settings = settings
        self._customers = customers
        self._ledger = ledger

    # -- what is printed -------------------------------------------------------------------

    def printed(self, customer_id: int) -> PrintedCard:
        """The printed card of a customer's current code. The head start printed is the one
        a new card gets today, so a reprinted card shows the same promise as a new one."""
        customer = self._customers.get(customer_id)
        settings = self._settings.all()
        logo = Path(settings["card_logo"]) if settings["card_logo"] else None
        return _printing().PrintedCard(
            cafe_name=settings["cafe_name"],
            first_name=customer.first_name if settings["card_show_names"] else "",
            code=customer.card.code,
            payload=codes.payload_for(customer.card.code, settings["card_url_template"]),
            slots=customer.card.slots,
            head_start=customer.card.head_start,
            reward=settings["reward_text"],
            logo=logo,
            language=settings["language"],
        )

    def save_png(self, customer_id: int, path: str | Path) -> Path:
        return _printing().save_png(self.printed(customer_id), Path(path))

    def save_pdf(self, customer_id: int, path: str | Path) -> Path:
        return _printing().save_pdf(self.printed(customer_id), Path(path))

    def save_sheets(
        self,
        customer_ids: Sequence[int],
        path: str | Path,
        progress: Callable[[int, int], None] | None = None,
    ) -> Path:
        """A4 sheets of ten cards with crop marks, one page per ten customers."""
        if not customer_ids:
            raise ValidationError("No regulars to print cards for.")
        cards = [self.printed(cid) for cid in customer_ids]
        return _printing().save_sheets_pdf(cards, Path(path), progress)

    def card_png(self, customer_id: int) -> bytes:
        """The card as PNG bytes (300 dpi), for the window's print preview."""
        printing = _printing()
        return printing.png_bytes(printing.render_card(self.printed(customer_id)))

    def sheet_pngs(
        self, customer_ids: Sequence[int], progress: Callable[[int, int], None] | None = None
    ) -> list[bytes]:
        """A4 sheet pages as PNG bytes, ten cards a page."""
        if not customer_ids:
            raise ValidationError("No regulars to print cards for.")
        cards = [self.printed(cid) for cid in customer_ids]
        printing = _printing()
        chunks = [cards[i : i + printing.PER_SHEET] for i in range(0, len(cards), printing.PER_SHEET)]
        pages = []
        for n, chunk in enumerate(chunks, 1):
            pages.append(printing.png_bytes(printing.render_sheet(chunk)))
            if progress:
                progress(n, len(chunks))
        return pages

    def added_since(self, day: dt.date) -> list[int]:
        """Regulars added on or after ``day`` (for "print this week's new cards")."""
        start = dt.datetime.combine(day, dt.time())
        query = (
            Customer.select(Customer.id)
            .where((Customer.created_at >= start) & Customer.forgotten_at.is_null())
            .order_by(Customer.id)
        )
        return [c.id for c in query]

    # -- scanning --------------------------------------------------------------------------

    def lookup(self, payload: str) -> CustomerView:
        """The customer a scanned QR payload (bare code or our URL) belongs to.

        Raises InvalidCode for junk, foreign URLs, failed check characters and unknown codes,
        and RevokedCode (naming the replacement) for a reissued card."""
        code = codes.code_from_payload(payload, self._settings.get("card_url_template"))
        return self._customers.get(self._customers.by_code(code))

    # -- lost cards ------------------------------------------------------------------------

    def reissue(self, customer_id: int, by: int | None = None) -> ReissueResult:
        """A new code for a lost card. Stamps and progress stay (they belong to the customer's
        card, not to the printed code); the old code is revoked and points to the new one."""
        with write(self._db):
            customer = self._customers.get(customer_id)
            old = CardCode.get(
                (CardCode.customer == customer_id)
                & CardCode.revoked_at.is_null()
                & (CardCode.code == customer.card.code)
            )
            now = self._clock.now()
            new_code = self._customers.new_code(customer_id, now)
            new = CardCode.get(CardCode.code == new_code)
            old.revoked_at, old.replaced_by = now, new.id
            old.save()
            Customer.update(
                search_key=search_key(customer.first_name, customer.last_name, customer.phone, new_code)
            ).where(Customer.id == customer_id).execute()
            self._audit.record("card.reissue", "customer", customer_id, by=by, revoked=old.code, new=new_code)
        return ReissueResult(revoked_code=old.code, card=self._ledger.current_card(customer_id))

"""Printed cards: what goes on them, finding a customer from a scan, replacing a lost card."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import peewee as pw

from cafe_loyalty.printing import codes
from cafe_loyalty.scanning import keymap
from cafe_loyalty.store import dialect
from cafe_loyalty.store.db import write
from cafe_loyalty.store.models import CardCode, Customer

from ..clock import Clock
from ..errors import InvalidCode, RevokedCode, ValidationError
from .audit import Audit
from .customers import Customers, search_key
from .ledger import Ledger
from .settings import Settings, reward_in
from .views import CardView, CustomerView, JsonView

if TYPE_CHECKING:
    from cafe_loyalty.printing.cards import PrintedCard, Slip


def _printing():
    """Pillow and qrcode load on the first card drawn, not when the till starts."""
    from cafe_loyalty.printing import cards as printed_cards

    return printed_cards


@dataclass(frozen=True)
class ReissueResult(JsonView):
    revoked_code: str
    card: CardView


def contact_line(settings: dict) -> str:
    """The café's contact details that are filled in, in one line for a card's footer: phone,
    social handles, email, address. A Persian café's phone is printed in Persian digits."""
    phone = settings.get("contact_phone", "")
    if phone and settings.get("language") == "fa":
        phone = _printing().persian_digits(phone)
    keys = ("contact_social_1", "contact_social_2", "contact_social_3", "contact_email", "contact_address")
    parts = [phone, *(settings.get(k, "") for k in keys)]
    # In Persian a middle dot beside Persian digits reads as a zero (۰): a dash separates.
    return (" — " if settings.get("language") == "fa" else " · ").join(p for p in parts if p)


class CardService:
    def __init__(
        self,
        db: pw.Database,
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
            reward=reward_in(settings),
            logo=logo,
            language=settings["language"],
            contact=contact_line(settings),
        )

    # -- the receipt slip ------------------------------------------------------------------

    def slip(self, customer_id: int, width_mm: int = 80) -> Slip:
        """The regular's card on 58 or 80 mm receipt paper, with today's progress."""
        printed = self.printed(customer_id)
        return _printing().Slip(printed, self._ledger.current_card(customer_id).filled, width_mm)

    def save_slip_pdf(self, customer_id: int, path: str | Path, width_mm: int = 80) -> Path:
        return _printing().save_slip_pdf(self.slip(customer_id, width_mm), Path(path))

    def slip_png(self, customer_id: int, width_mm: int = 80) -> bytes:
        printing = _printing()
        return printing.png_bytes(printing.render_slip(self.slip(customer_id, width_mm)))

    def print_slip(self, customer_id: int, address: str, width_mm: int = 80) -> None:
        """Straight to an ESC/POS receipt printer (see :mod:`cafe_loyalty.printing.receipt`)."""
        from cafe_loyalty.printing.receipt import print_slip

        print_slip(self.slip(customer_id, width_mm), address)

    def save_sign(self, path: str | Path) -> Path:
        """The A5 counter sign for the phone page (PNG or PDF by the file's suffix), with the
        page's address printed small for a phone that needs it typed."""
        from cafe_loyalty.page.address import url_template

        settings = self._settings.all()
        address = url_template(settings).removesuffix("c/{code}") if settings["phone_page"] else ""
        printing = _printing()
        sign = printing.Sign(
            cafe_name=settings["cafe_name"],
            slots=settings["card_slots"],
            head_start=settings["head_start"],
            reward=reward_in(settings),
            reward_language=settings["language"],
            address=address,
            logo=Path(settings["card_logo"]) if settings["card_logo"] else None,
        )
        return printing.save_sign(sign, Path(path))

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

    def lookup(self, payload: str | Sequence[str]) -> CustomerView:
        """The customer a scanned QR payload (bare code or our URL) belongs to.

        ``payload`` is what was scanned or typed, or several readings of one scan, best first
        (the keys' positions decoded, then the characters). Each reading is tried as it is, then
        through the common keyboard layouts (a scanner typing into a Persian, Arabic, German,
        French or Russian layout; see :mod:`cafe_loyalty.scanning.keymap`). A candidate is accepted only
        if it is a code whose check character is right and whose card was issued here: a
        mapping cannot land on someone else's card by accident.

        Raises InvalidCode for junk, foreign URLs, failed check characters and unknown codes
        (the reason found for the first reading), and RevokedCode (naming the replacement) for
        a reissued card."""
        readings = [payload] if isinstance(payload, str) else [p for p in payload if p]
        template = self._settings.get("card_url_template")
        tried: list[str] = []
        first_error: InvalidCode | None = None
        for reading in readings:
            for candidate in keymap.candidates(reading[: codes.MAX_PAYLOAD + 1]):
                if candidate in tried:
                    continue
                tried.append(candidate)
                try:
                    return self._customers.get(self._customers.by_code(codes.code_from_payload(candidate, template)))
                except RevokedCode:
                    raise
                except InvalidCode as exc:
                    first_error = first_error or exc
        for reading in readings:  # a card printed under an earlier card address of ours
            for earlier in self._earlier_templates(template):
                try:
                    return self._customers.get(self._customers.by_code(codes.code_from_payload(reading, earlier)))
                except InvalidCode:
                    continue
        raise first_error or InvalidCode("That is not a card code. Card codes look like K7QM-4T2X-9RBD-CW3F.")

    def _earlier_templates(self, current: str) -> list[str]:
        """Card addresses this café used before (the phone page moved to another port or
        address): cards printed with them must keep opening at the till. Read from the audit
        log, where every change of the setting is kept, only when a scanned address did not
        match the current one."""
        found: list[str] = []
        key = dialect.of(self._db).json_text("detail", "key")
        rows = self._db.execute_sql(
            "SELECT detail FROM event WHERE action = 'setting.change' AND entity = 'setting' "
            f"AND {key} = 'card_url_template' ORDER BY id DESC LIMIT 50"
        ).fetchall()
        for (detail,) in rows:
            before = json.loads(detail).get("before") or ""
            if before and before != current and before not in found:
                found.append(before)
        return found

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

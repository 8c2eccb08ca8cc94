"""Owner settings with their defaults and limits, so a bad value never reaches the rules."""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfoNotFoundError

import peewee as pw

from cafe_loyalty.page.address import url_template
from cafe_loyalty.store.db import write
from cafe_loyalty.store.models import Setting

from ..clock import zone
from ..errors import ValidationError
from ..rights import owner_only
from ..text import clean
from .audit import Audit


@dataclass(frozen=True)
class Spec:
    kind: type
    default: Any
    low: int | None = None
    high: int | None = None
    label: str = ""
    choices: tuple[str, ...] = ()  # a text setting that is one of these


SPECS: dict[str, Spec] = {
    "cafe_name": Spec(str, "", label="Café name"),
    "card_slots": Spec(int, 10, 2, 40, "Slots on a stamp card"),
    "head_start": Spec(int, 2, 0, 39, "Stamps already filled on a new card"),
    # The reward in each language: a Persian till, card and phone page say the Persian one (#31).
    "reward_text": Spec(str, "a free drink of your choice", label="Reward"),
    "reward_text_fa": Spec(str, "یک نوشیدنی دلخواه رایگان", label="Reward in Persian"),
    # Backups that leave the till (#35): where, and how many of each kind are kept.
    "backup_folder": Spec(str, "", label="Backup folder"),
    "backup_keep_daily": Spec(int, 7, 1, 60, "Daily backups kept"),
    "backup_keep_weekly": Spec(int, 4, 0, 52, "Weekly backups kept"),
    "backup_keep_monthly": Spec(int, 12, 0, 120, "Monthly backups kept"),
    "guard_minutes": Spec(int, 10, 0, 24 * 60, "Minutes between two stamps on one card"),
    "language": Spec(str, "en", label="Language"),
    # The till's colours: the warm light theme, a dark one for evening cafés, high contrast.
    "theme": Spec(str, "light", label="Colours", choices=("light", "dark", "contrast")),
    "card_url_template": Spec(str, "", label="Card web address (with {code})"),
    "card_show_names": Spec(int, 1, 0, 1, "Print first names on cards"),
    "card_logo": Spec(str, "", label="Logo image for cards"),
    "backup_reminder_days": Spec(int, 30, 1, 365, "Remind to back up after this many days"),
    "time_zone": Spec(str, "", label="Time zone"),
    # Whose numbers are written without a country code (imports store phones as +98912…):
    # empty means Iran for a Persian café, and numbers kept as typed otherwise.
    "phone_region": Spec(str, "", label="Country of phone numbers (e.g. IR, DE)"),  # IANA name; empty: this computer's
    # A card counts as finished if its reward came within this many days of being issued;
    # younger cards are still running and are judged neither way (services/completion.py).
    "completion_days": Spec(int, 180, 30, 730, "Days a card has to be finished"),
    # A paper card's stamps replace the head start (0) or come on top of it (1): Ledger.carry_over.
    "carry_with_head_start": Spec(int, 0, 0, 1, "Head start plus carried stamps"),
    "treat_min_days": Spec(int, 30, 0, 365, "Days between two treats for one regular"),
    # The two-minute check-back (services/checkbacks.py): 0 turns it off (a take-away café).
    "checkback_minutes": Spec(int, 2, 0, 60, "Minutes after serving to check back (0: never)"),
    "checkback_expire_minutes": Spec(int, 20, 5, 240, "Minutes a check-back waits before it is dropped"),
    # How to reach the café, on printed cards; each only if filled in.
    "contact_phone": Spec(str, "", label="Café phone"),
    "contact_email": Spec(str, "", label="Café email"),
    "contact_address": Spec(str, "", label="Café address"),
    "contact_social_1": Spec(str, "", label="Social handle 1 (e.g. Instagram @cafe)"),
    "contact_social_2": Spec(str, "", label="Social handle 2"),
    "contact_social_3": Spec(str, "", label="Social handle 3"),
    # The customer display (services/display.py): what it may show, and when it rests.
    "display_name": Spec(str, "first", label="Name on the customer display", choices=("first", "initial", "none")),
    "display_birthday": Spec(int, 1, 0, 1, "Birthday greeting on the customer display"),
    "display_newest_item": Spec(int, 1, 0, 1, "Newest menu item on the customer display"),
    "display_idle_seconds": Spec(int, 60, 10, 3600, "Seconds without a customer before the display rests"),
    "display_linger_seconds": Spec(int, 8, 2, 60, "Seconds the display keeps a customer after they are done"),
    "display_phone_checkin": Spec(int, 0, 0, 1, "Check in by phone number on the customer display"),
    "reduce_motion": Spec(int, 0, 0, 1, "Reduce motion"),
    # The phone page (phone_page.py, page_server.py): off until the owner turns it on.
    "phone_page": Spec(int, 0, 0, 1, "Phone page on the café Wi-Fi"),
    "phone_page_bind": Spec(str, "", label="Network address the phone page listens on"),
    "phone_page_port": Spec(int, 8765, 1024, 65535, "Port of the phone page"),
    "phone_page_address": Spec(str, "", label="Fixed address of the phone page"),
}


ADDRESS = r"[A-Za-z0-9.\-]{1,253}|[0-9A-Fa-f:]{2,39}"  # a host name, or an IPv4 or IPv6 address


class Settings:
    def __init__(self, db: pw.Database, audit: Audit):
        self._db = db
        self._audit = audit
        # What else a changed setting changes, run in its transaction (value, by): registered by
        # the container (app.Cafe), so this module needs no other service.
        self.after_change: dict[str, Callable[[Any, int | None], Any]] = {}

    def get(self, key: str) -> Any:
        spec = SPECS[key]
        row = Setting.get_or_none(Setting.key == key)
        if row is None:
            return spec.default
        return int(row.value) if spec.kind is int else row.value

    def all(self) -> dict[str, Any]:
        # Plain SQL: building the query with peewee cost more than running it, and every page
        # the phone page serves reads the settings.
        stored = dict(self._db.execute_sql("SELECT key, value FROM setting").fetchall())
        return {
            key: (int(stored[key]) if spec.kind is int else stored[key]) if key in stored else spec.default
            for key, spec in SPECS.items()
        }

    def _convert(self, key: str, value: Any) -> Any:
        if key not in SPECS:
            raise ValidationError("There is no setting called {key!r}.", key=key)
        spec = SPECS[key]
        if spec.kind is int:
            try:
                value = int(str(value).strip())
            except ValueError as exc:
                raise ValidationError("{label} must be a whole number.", label=spec.label) from exc
            if not spec.low <= value <= spec.high:
                raise ValidationError(
                    "{label} must be between {low} and {high}.", label=spec.label, low=spec.low, high=spec.high
                )
            return value
        # A café that is set up keeps a name: it is on every card, sign and backup.
        value = clean(str(value), field=spec.label, max_len=200, required=key == "cafe_name")
        if spec.choices and value not in spec.choices:
            raise ValidationError("{label} is one of: {choices}.", label=spec.label, choices=", ".join(spec.choices))
        if key == "language" and value not in ("en", "fa"):
            raise ValidationError("Language must be 'en' or 'fa'.")
        if key == "card_url_template" and value:
            if not value.startswith(("https://", "http://")) or value.count("{code}") != 1:
                raise ValidationError(
                    "The card web address must start with https:// and contain {code} once, "
                    "e.g. https://example.com/c/{code}."
                )
            if "{" in value.replace("{code}", ""):
                raise ValidationError("Only {code} can be filled in: a card never carries names or phones.")
        if key == "time_zone" and value:
            try:
                zone(value)
            except (ValueError, OSError, ZoneInfoNotFoundError) as exc:
                raise ValidationError(
                    "{zone} is not a time zone this computer knows. Use a name such as Asia/Tehran or Europe/Berlin.",
                    zone=value,
                ) from exc
        if key == "phone_page_bind" and value:
            try:
                ipaddress.ip_address(value)
            except ValueError as exc:
                raise ValidationError(
                    "{value} is not a network address of this computer (such as 192.168.1.20).", value=value
                ) from exc
        if (
            key == "phone_page_address"
            and value
            and not re.fullmatch(r"[A-Za-z0-9.\-]{1,253}|[0-9A-Fa-f:]{2,39}", value)
        ):
            raise ValidationError(
                "The phone page's address is a name or number such as cafe.example or 192.168.1.20, with no "
                "http:// and no path."
            )
        if key == "phone_region" and value:
            import phonenumbers

            value = value.upper()
            if value not in phonenumbers.SUPPORTED_REGIONS:
                raise ValidationError("{value} is not a country code such as IR, DE or GB.", value=value)
        if key == "card_logo" and value and not Path(value).is_file():
            raise ValidationError("There is no image file at {file}.", file=value)
        return value

    @owner_only("change the café's settings")
    def update(self, by: int | None = None, **values: Any) -> dict[str, Any]:
        """Change several settings at once; all are checked before any is written.

        Card size and head start apply to cards issued afterwards: a card keeps the rules it
        was issued under, as a printed card would.
        """
        pending = {key: self._convert(key, value) for key, value in values.items()}
        slots = pending.get("card_slots", self.get("card_slots"))
        if pending.get("head_start", self.get("head_start")) >= slots:
            raise ValidationError("The head start must be smaller than the number of slots.")
        with write(self._db):
            self._fill_card_address(pending)
            for key, value in pending.items():
                before = self.get(key)
                if before == value:
                    continue
                Setting.put(key, str(value))
                self._audit.record("setting.change", "setting", None, by=by, key=key, before=before, after=value)
                if key in self.after_change:  # in the same transaction: all of it, or none
                    self.after_change[key](value, by)
        return self.all()

    def _fill_card_address(self, pending: dict[str, Any]) -> None:
        """With the phone page on, new QR codes carry its address: filled in when the page is
        turned on or moves, unless the owner typed their own card address. Turning the page
        off keeps the address, so cards printed with it still scan at the till."""
        if "card_url_template" in pending:
            return
        before = self.all()
        after = before | pending
        if not after["phone_page"]:
            return
        current = before["card_url_template"]
        if current and current != url_template(before):
            return  # the owner's own address (a website of theirs)
        wanted = url_template(after)
        if wanted != current:
            pending["card_url_template"] = self._convert("card_url_template", wanted)


def reward_in(settings: dict[str, Any], language: str | None = None) -> str:
    """The reward as said in ``language`` (the café's own by default): each language has its
    own setting, and its default stands until the owner writes one.

    A café from before the Persian setting kept a Persian reward in ``reward_text``: a Persian
    till still says that one, and an English till its English default rather than Persian."""
    language = language or settings.get("language") or "en"
    english = str(settings.get("reward_text") or "")
    persian = str(settings.get("reward_text_fa") or "")
    if language == "fa":
        if persian == SPECS["reward_text_fa"].default and _in_persian(english):
            return english
        return persian or english
    if _in_persian(english):
        return str(SPECS["reward_text"].default)
    return english or persian


def _in_persian(text: str) -> bool:
    return any("\u0600" <= ch <= "\u06ff" for ch in text)

"""The café's menu: items with a category and the date they were added (new items are what
regulars are offered to try), plus the common modifiers baristas pick from."""

from __future__ import annotations

from dataclasses import dataclass

import peewee as pw

from cafe_loyalty.store.db import write
from cafe_loyalty.store.models import MenuItem

from ..clock import Clock
from ..errors import NotFound, ValidationError
from ..ids import is_id_text, parse_id
from ..rights import owner_only
from ..text import clean, fold
from .audit import Audit
from .views import JsonView

# The choices offered as one-tap chips at the till; anything else can be typed.
MODIFIERS: dict[str, list[str]] = {
    "milk": ["whole milk", "low-fat milk", "oat milk", "soy milk", "no milk"],
    "size": ["small", "regular", "large"],
    "temperature": ["extra hot", "not too hot", "iced"],
    "sugar": ["no sugar", "less sugar", "extra sugar"],
}


@dataclass(frozen=True)
class MenuItemView(JsonView):
    id: int
    name: str
    category: str
    active: bool
    added_on: str


def _view(row: MenuItem) -> MenuItemView:
    return MenuItemView(row.id, row.name, row.category, bool(row.active), row.created_at.date().isoformat())


def normalise_modifiers(text: str) -> str:
    """Written one way, so the same order is counted as the same: "Low-fat milk,  Not too hot"
    and "not too hot, low-fat milk" both become "low-fat milk, not too hot"."""
    parts = [" ".join(p.split()).casefold() for p in clean(text, field="modifiers", max_len=200).split(",")]
    return ", ".join(sorted({p for p in parts if p}))


class Menu:
    def __init__(self, db: pw.Database, clock: Clock, audit: Audit):
        self._db = db
        self._clock = clock
        self._audit = audit

    @owner_only("add to the menu")
    def add(self, name: str, category: str = "", by: int | None = None) -> MenuItemView:
        name = clean(name, field="item name", max_len=80, required=True)
        category = clean(category, field="category", max_len=40)
        if any(fold(i.name) == fold(name) for i in MenuItem.select().where(MenuItem.active)):
            raise ValidationError("{name} is already on the menu.", name=name)
        with write(self._db):
            row = MenuItem.create(name=name, category=category, created_at=self._clock.now())
            self._audit.record("menu.add", "menu_item", row.id, by=by, name=name, category=category)
        return _view(row)

    def list(self, include_inactive: bool = False) -> list[MenuItemView]:
        query = MenuItem.select().order_by(MenuItem.category, MenuItem.name)
        if not include_inactive:
            query = query.where(MenuItem.active)
        return [_view(r) for r in query]

    @owner_only("take an item off the menu")
    def set_active(self, item_id: int, active: bool, by: int | None = None) -> MenuItemView:
        with write(self._db):
            row = MenuItem.get_or_none(MenuItem.id == item_id)
            if row is None:
                raise NotFound("There is no menu item {item_id}.", item_id=item_id)
            row.active, row.updated_at = active, self._clock.now()
            row.save()
            self._audit.record("menu.active", "menu_item", row.id, by=by, active=active)
        return _view(row)

    def resolve(self, text: str) -> MenuItemView:
        """A menu item by id or by (folded) name, for the CLI and quick entry."""
        text = text.strip()
        if is_id_text(text):
            row = MenuItem.get_or_none(MenuItem.id == parse_id(text, "A menu item id"))
        else:
            row = next((i for i in MenuItem.select().where(MenuItem.active) if fold(i.name) == fold(text)), None)
        if row is None:
            raise NotFound("{text!r} is not on the menu. Add it first (menu add).", text=text)
        return _view(row)

"""Owner ▸ Menu: what regulars can order. A new item is offered to regulars who have not had it."""

from __future__ import annotations

import datetime as dt

from cafe_loyalty_ui import i18n, theme
from cafe_loyalty_ui.owner.screen import OwnerTab
from cafe_loyalty_ui.widgets import selected_row
from PySide6.QtCore import QStringListModel
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLineEdit, QListView, QPushButton, QVBoxLayout

from cafe_loyalty.services.menu import MenuItemView


class MenuTab(OwnerTab):
    areas = ("menu",)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._menu: list[MenuItemView] = []
        v = QVBoxLayout(self)
        self.menu_model = QStringListModel(self)
        self.menu_list = QListView(objectName="history")
        self.menu_list.setModel(self.menu_model)
        v.addWidget(self.menu_list, 1)
        form = QFormLayout()
        self.item_name = QLineEdit()
        self.item_category = QLineEdit()
        self.item_category.setPlaceholderText(self.tr("coffee, tea, cake…"))
        form.addRow(self.tr("New item"), self.item_name)
        form.addRow(self.tr("Category"), self.item_category)
        v.addLayout(form)
        v.addWidget(self.result)
        row = QHBoxLayout()
        self.remove_item_button = QPushButton(self.tr("Take off the menu"))
        self.add_item_button = QPushButton(self.tr("Add to menu"))
        theme.set_kind(self.add_item_button, "primary")
        row.addStretch(1)
        row.addWidget(self.remove_item_button)
        row.addWidget(self.add_item_button)
        v.addLayout(row)
        self.add_item_button.clicked.connect(self.add_item)
        self.remove_item_button.clicked.connect(self.remove_item)
        self.reload()

    def reload(self) -> None:
        self._ops.query(self._cafe.menu.list, on_done=self._got_menu)

    def _got_menu(self, menu: list[MenuItemView]) -> None:
        self._menu = menu
        self.menu_model.setStringList(
            [
                f"{i.name}{i18n.sep()}{i.category or '—'}{i18n.sep()}"
                + self.tr("added {0}").format(i18n.date_text(dt.date.fromisoformat(i.added_on)))
                for i in self._menu
            ]
        )

    def add_item(self) -> None:
        def done(item: MenuItemView) -> None:
            self.item_name.clear()
            self.result.say(
                self.tr("{0} is on the menu; regulars who have not had it will be offered it.").format(
                    i18n.isolate(item.name)
                ),
                "ok",
            )

        self.act(self._cafe.menu.add, self.item_name.text(), self.item_category.text(), on_done=done)

    def remove_item(self) -> None:
        row = selected_row(self.menu_list, self.result, self.tr("Choose an item first."))
        if row is not None:
            self.act(self._cafe.menu.set_active, self._menu[row].id, False)

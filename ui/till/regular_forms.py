"""Adding and editing a regular from the till: the form, the "is this the same person?" check
before a new regular is added, and who may have brought them.

A presenter of the till window (see :mod:`~cafe_loyalty_ui.till.presenter`)."""

from __future__ import annotations

from collections.abc import Callable

from cafe_loyalty_ui import i18n
from cafe_loyalty_ui.dialogs.common import CustomerDialog
from cafe_loyalty_ui.till.presenter import Presenter
from PySide6.QtWidgets import (
    QMessageBox,
)

from cafe_loyalty.services.views import CustomerSummary, CustomerView


class RegularForms(Presenter):
    def open_new_customer(self, name: str = "") -> None:
        def add(values, done, failed):
            self._w.ops.run(self._w.till.add_customer, by=self._w.staff_id(), on_done=done, on_error=failed, **values)

        def submit(values, done, failed):
            # Someone with this phone, or this name and birthday, may be a regular already:
            # offered first, so the café does not grow a second Sara (#31).
            def checked(twins: list[CustomerSummary]) -> None:
                if not twins:
                    add(values, done, failed)
                    return
                self._ask_same_regular(twins[0], lambda: add(values, done, failed), failed)

            self._w.ops.query(lambda: self._w.till.already_here(**values), on_done=checked, on_error=failed)

        def ready(referrers: list[tuple[int, str]]) -> None:
            rules = (
                self._w.settings["card_slots"],
                self._w.settings["head_start"],
                bool(self._w.settings["carry_with_head_start"]),
            )
            self._w.dialog = CustomerDialog(submit, name=name, parent=self._w, referrers=referrers, card_rules=rules)
            self._w.dialog.saved.connect(self._customer_saved)
            self._w.dialog.open()

        self._w.ops.query(self._referrers, on_done=ready)

    def _ask_same_regular(self, twin: CustomerSummary, add_anyway: Callable[[], None], failed: Callable) -> None:
        name = f"{twin.first_name} {twin.last_name}".strip()
        box = QMessageBox(
            QMessageBox.Icon.Question, self.tr("Already a regular?"), "", parent=self._w.dialog or self._w
        )
        box.setText(
            self.tr("{0} is already a regular with this phone, or this name and birthday.").format(i18n.isolate(name))
        )
        box.setInformativeText(self.tr("Is it the same person?"))
        open_button = box.addButton(
            self.tr("Open {0} instead").format(i18n.isolate(twin.first_name)), box.ButtonRole.AcceptRole
        )
        anyway = box.addButton(self.tr("Add anyway"), box.ButtonRole.DestructiveRole)
        box.addButton(self.tr("Cancel"), box.ButtonRole.RejectRole)
        box.setDefaultButton(open_button)

        def answered(_code: int) -> None:
            clicked = box.clickedButton()
            if clicked is open_button:
                if self._w.dialog is not None:
                    self._w.dialog.reject()
                self._w.open_customer(twin.id)
            elif clicked is anyway:
                add_anyway()
            elif self._w.dialog is not None:
                self._w.dialog.ok_button.setEnabled(True)

        box.finished.connect(answered)
        self._w.same_regular_box = box
        box.open()

    def open_edit_customer(self, customer_id: int) -> None:
        self._w.ops.query(self._w.till.customer, customer_id, on_done=self._edit_customer)

    def _edit_customer(self, customer: CustomerView) -> None:
        customer_id = customer.id

        def submit(values, done, failed):
            self._w.ops.run(
                self._w.till.update_customer,
                customer_id,
                by=self._w.staff_id(),
                on_done=done,
                on_error=failed,
                **values,
            )

        def ready(referrers: list[tuple[int, str]]) -> None:
            rules = (customer.card.slots, customer.card.head_start, bool(self._w.settings["carry_with_head_start"]))
            self._w.dialog = CustomerDialog(
                submit, customer=customer, parent=self._w, referrers=referrers, card_rules=rules
            )
            self._w.dialog.saved.connect(self._customer_saved)
            self._w.dialog.open()

        self._w.ops.query(self._referrers, on_done=ready)

    def _referrers(self) -> list[tuple[int, str]]:
        """On the database thread: who can be named as having brought a new regular along."""
        return self._w.till.referrers()

    def _customer_saved(self, customer: CustomerView) -> None:
        """Open the regular just saved; keep the search only if it still finds them (asked of
        the search itself: the tiles are being fetched again on the database thread)."""
        text = self._w.search.text()
        if text:
            search = self._w.till.search
            self._w.ops.query(search, text, 1, 0, [customer.id], on_done=lambda found: found or self._w.search.clear())
        self._w.open_customer(customer.id)

"""The owner's PIN: asked before every owner action in the till.

The PIN is checked by the core (``StaffService.unlock_owner``) on the database thread: scrypt
takes a noticeable moment and never runs on the UI thread. The acting owner it returns is what
the owner-only services check (``cafe_loyalty.rights``); this dialog only collects the PIN.
"""

from __future__ import annotations

from collections.abc import Callable

from cafe_loyalty_ui import i18n
from cafe_loyalty_ui.dialogs.common import FormDialog
from cafe_loyalty_ui.operations import Operations
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLineEdit, QWidget

from cafe_loyalty.errors import CafeError
from cafe_loyalty.services.staff import StaffView
from cafe_loyalty.till import Till


class PinDialog(FormDialog):
    """Asks for the owner's PIN; five wrong tries lock owner actions for a few minutes."""

    unlocked = Signal(object)  # StaffView

    def __init__(self, till: Till, ops: Operations, parent: QWidget | None = None):
        super().__init__(self.tr("Owner PIN"), self.tr("Unlock"), parent)
        self._till = till
        self._ops = ops
        self.pin = QLineEdit()
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setPlaceholderText(self.tr("4 to 12 digits"))
        self.form.addRow(self.tr("PIN"), self.pin)
        self.ok_button.clicked.connect(self._check)

    def _check(self) -> None:
        self.ok_button.setEnabled(False)
        self._ops.run(self._till.unlock_owner, self.pin.text(), on_done=self._unlocked, on_error=self._refused)

    def _unlocked(self, owner: StaffView) -> None:
        self.ok_button.setEnabled(True)
        self.unlocked.emit(owner)
        self.accept()

    def _refused(self, error: Exception) -> bool:
        self.ok_button.setEnabled(True)
        if not isinstance(error, CafeError):
            return False
        self.pin.clear()
        self.show_error(i18n.error_text(error))
        return True


def as_owner(parent: QWidget, till: Till, ops: Operations, then: Callable[[StaffView], None]) -> None:
    """Run ``then(owner)`` once the owner is unlocked: with the PIN dialog when a PIN is set
    (kept as ``parent.pin_dialog``), at once otherwise. Both ways the unlock is audited."""

    def known(pin_set: bool) -> None:
        if not pin_set:
            ops.run(till.unlock_owner, None, on_done=then)
            return
        dialog = PinDialog(till, ops, parent)
        dialog.unlocked.connect(then)
        parent.pin_dialog = dialog  # type: ignore[attr-defined]
        dialog.open()

    ops.query(till.owner_pin_set, on_done=known)

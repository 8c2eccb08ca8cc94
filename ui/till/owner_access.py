"""The way from the counter to the back office: the owner's PIN, then the owner's screen, printing
a batch of cards, the webcam scanner, and the till made afresh after a restore.

A presenter of the till window (see :mod:`~cafe_loyalty_ui.till.presenter`)."""

from __future__ import annotations

from cafe_loyalty_ui.camera import CameraScanDialog
from cafe_loyalty_ui.dialogs.pin import as_owner
from cafe_loyalty_ui.till.presenter import Presenter

from cafe_loyalty.services.staff import StaffView


class OwnerAccess(Presenter):
    def open_owner(self, tab: str = "") -> None:
        """PIN first (when one is set), then the owner screen."""
        as_owner(self._w, self._w.till, self._w.ops, lambda owner: self._show_owner(owner, tab))

    def _show_owner(self, owner: StaffView, tab: str) -> None:
        from cafe_loyalty_ui.owner.dialog import OwnerDialog  # six tabs and their imports load when first opened

        self._w.owner_dialog = OwnerDialog(self._w.till.back_office, self._w.ops, owner, self._w)
        if owner.role != "manager":  # a branch manager's screen has no customer side nor backups
            self._w.owner_dialog.customer_side.till_prefs_changed.connect(self._w.display_link.start_customer_scanner)
        if tab == "backup" and owner.role != "manager":
            self._w.owner_dialog.tabs.setCurrentIndex(0)
        self._w.owner_dialog.finished.connect(lambda _r: self._w.strips.update_reminder())
        self._w.owner_dialog.finished.connect(lambda _r: self._w.load_branch())  # this till's branch may have moved
        self._w.owner_dialog.open()

    def after_restore(self) -> None:
        """Everything on screen came from the old database: start the till view afresh."""
        self._w.close_panel()
        self._w.search.clear()
        self._w.model.refresh()
        self._w.load_staff()
        self._w.strips.update_reminder()
        self._w.banner.say(self.tr("The backup was restored."), "ok")

    def open_camera(self) -> None:
        self._w.camera_dialog = CameraScanDialog(self._w)
        self._w.camera_dialog.scanned.connect(self._w.keys.handle_scan)
        self._w.camera_dialog.open()

    def open_batch_print(self) -> None:
        from cafe_loyalty_ui.owner.batch_print import BatchPrintDialog  # QtPrintSupport loads when it is first wanted

        self._w.batch_dialog = BatchPrintDialog(self._w.till.back_office, self._w.ops, self._w)
        self._w.batch_dialog.open()

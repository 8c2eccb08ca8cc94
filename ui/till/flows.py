"""What the customer panel's menus and extra buttons do: visits, feedback, treats, the printed
card, and the owner's privacy actions. The panel itself only shows the regular and keeps the
three counter buttons (stamp, redeem, undo); these flows open dialogs over it and report in
its banner."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

from cafe_loyalty_ui import i18n
from cafe_loyalty_ui.dialogs.pin import as_owner
from cafe_loyalty_ui.dialogs.regular import FeedbackDialog, TreatDialog, VisitDialog
from cafe_loyalty_ui.operations import Operations
from cafe_loyalty_ui.widgets import save_dialog
from PySide6.QtCore import QObject
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QCheckBox, QFileDialog, QMessageBox

from cafe_loyalty import till_prefs
from cafe_loyalty.till import Till

if TYPE_CHECKING:
    from cafe_loyalty_ui.widgets import Banner

    from cafe_loyalty.services.feedback import FeedbackView
    from cafe_loyalty.services.profiles import Profile
    from cafe_loyalty.services.views import CustomerView


class PanelView(Protocol):
    """All the flows know of the panel they serve (issue #33: they reached into it 59 times):
    who is on it, the banner to report in and who serves. It is also the widget their dialogs
    open over."""

    customer: CustomerView | None
    profile: Profile | None
    open_feedback: list[FeedbackView]
    banner: Banner

    def staff_id(self) -> int: ...
    def show_error(self, error: Exception) -> bool: ...
    def chosen_feedback(self) -> int: ...  # the row chosen in the open feedback list, or -1
    def said_visit(self, result: Any) -> None: ...
    def said_forgotten(self, name: str, result: Any) -> None: ...


class CustomerFlows(QObject):
    """Owned by the panel (its child): dialogs it opens are kept here for tests to reach."""

    def __init__(self, panel: PanelView, till: Till, ops: Operations):
        super().__init__(panel)
        self._panel = panel
        self._till = till
        self._ops = ops
        self.file_dialog: QFileDialog | None = None
        self.confirm_box: QMessageBox | None = None
        self.visit_dialog: VisitDialog | None = None
        self.feedback_dialog: FeedbackDialog | None = None
        self.treat_dialog: TreatDialog | None = None
        self.print_dialog = None
        self.merge_dialog = None

    def ask_visit(self) -> None:
        if self._panel.customer is None:
            return
        customer_id = self._panel.customer.id

        def submit(values, done, failed):
            self._ops.run(
                self._till.record_visit,
                customer_id,
                values["item_ids"],
                values["modifiers"],
                stamp=values["stamp"],
                pin_usual=values["pin"],
                by=self._panel.staff_id(),
                on_done=lambda r: (done(r), self._panel.said_visit(r)),
                on_error=failed,
            )

        def chosen(menu) -> None:
            self.visit_dialog = VisitDialog(menu, submit, self._panel)
            self.visit_dialog.open()

        self._ops.query(self._till.menu, on_done=chosen)

    def ask_feedback(self) -> None:
        if self._panel.customer is None:
            return
        customer_id = self._panel.customer.id

        def submit(values, done, failed):
            self._ops.run(
                self._till.add_feedback,
                customer_id,
                values["text"],
                values["kind"],
                by=self._panel.staff_id(),
                on_done=lambda r: (done(r), self._panel.banner.say(self.tr("Feedback saved."), "ok")),
                on_error=failed,
            )

        self.feedback_dialog = FeedbackDialog(self._panel.customer.first_name, submit, self._panel)
        self.feedback_dialog.open()

    def resolve_feedback(self) -> None:
        row = self._panel.chosen_feedback()
        items = self._panel.open_feedback
        if not items:
            return
        item = items[row] if 0 <= row < len(items) else items[0]
        self._ops.run(
            self._till.resolve_feedback,
            item.id,
            by=self._panel.staff_id(),
            on_error=self._panel.show_error,
            on_done=lambda _r: self._panel.banner.say(self.tr("Marked as acted on."), "ok"),
        )

    def ask_treat(self) -> None:
        if self._panel.customer is None:
            return
        customer_id = self._panel.customer.id

        def submit(values, done, failed):
            self._ops.run(
                self._till.give_treat,
                customer_id,
                values["what"],
                values["why"],
                by=self._panel.staff_id(),
                on_done=lambda r: (done(r), self._panel.banner.say(self.tr("Treat recorded. Enjoy!"), "ok")),
                on_error=failed,
            )

        suggestion = self._panel.profile.suggestion if self._panel.profile else None
        self.treat_dialog = TreatDialog(self._panel.customer.first_name, suggestion, submit, self._panel)
        self.treat_dialog.open()

    def _as_owner(self, then: Callable[[int], None]) -> None:
        """Owner-only actions ask for the owner PIN (when one is set) first."""
        as_owner(self._panel, self._till, self._ops, lambda owner: then(owner.id))

    def ask_export(self) -> None:
        if self._panel.customer is None:
            return
        customer_id, name = self._panel.customer.id, self._panel.customer.first_name  # a file name: plain

        def chosen(owner_id: int) -> None:
            self.file_dialog = save_dialog(self._panel, self.tr("Export customer data"), f"{name}-data.json", "json")
            self.file_dialog.fileSelected.connect(
                lambda path: self._ops.run(
                    self._till.save_export,
                    customer_id,
                    path,
                    by=owner_id,
                    writes=False,
                    on_error=self._panel.show_error,
                    on_done=lambda p: self._panel.banner.say(self.tr("Their data was saved to {0}").format(p), "ok"),
                )
            )
            self.file_dialog.open()

        self._as_owner(chosen)

    def ask_merge(self) -> None:
        """Owner: fold a duplicate record into this regular (see services/merging.py)."""
        if self._panel.customer is None:
            return
        keep = self._panel.customer

        def chosen(owner_id: int) -> None:
            from cafe_loyalty_ui.owner.merge_dialog import MergeDialog, merged_text

            self.merge_dialog = MergeDialog(
                self._till.back_office, self._ops, keep.id, keep.first_name, owner_id, self._panel
            )
            self.merge_dialog.merged.connect(lambda result: self._panel.banner.say(merged_text(result), "ok"))
            self.merge_dialog.open()

        self._as_owner(chosen)

    def ask_forget(self) -> None:
        if self._panel.customer is None:
            return
        customer_id, name = self._panel.customer.id, i18n.isolate(self._panel.customer.first_name)

        def confirm(owner_id: int) -> None:
            box = QMessageBox(
                QMessageBox.Icon.Warning,
                self.tr("Forget {0}").format(name),
                self.tr(
                    "Erase {0}'s name, contact details, notes, birthday and feedback for good? Their stamps stay as "
                    "anonymous counts and their card stops working. If an older backup is ever restored, they are "
                    "forgotten again."
                ).format(name),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                self._panel,
            )
            box.button(QMessageBox.StandardButton.Yes).setText(self.tr("Forget"))
            copies = QCheckBox(self.tr("Also erase them now from the daily snapshots on this computer"))
            copies.setChecked(True)
            box.setCheckBox(copies)
            box.buttonClicked.connect(
                lambda b: (
                    box.standardButton(b) == QMessageBox.StandardButton.Yes
                    and self._ops.run(
                        self._till.forget,
                        customer_id,
                        by=owner_id,
                        copies=copies.isChecked(),
                        on_error=self._panel.show_error,
                        on_done=lambda r: self._panel.said_forgotten(name, r),
                    )
                )
            )
            self.confirm_box = box
            box.open()

        self._as_owner(confirm)

    def print_card(self) -> None:
        """Render off the UI thread, then open the print preview at the card's true size."""
        if self._panel.customer is None:
            return
        self._ops.run(
            self._till.card_png,
            self._panel.customer.id,
            writes=False,
            on_done=lambda png: self._preview([png], card_size=True),
            on_error=self._panel.show_error,
        )

    def _preview(self, pngs: list[bytes], card_size: bool) -> None:
        from cafe_loyalty_ui import printing  # QtPrintSupport loads when something is first printed

        page_mm = printing.CARD_MM if card_size else None
        self.print_dialog = printing.preview(self._panel, [QImage.fromData(p) for p in pngs], page_mm)

    # -- the receipt slip ---------------------------------------------------------------

    def print_slip(self, after_stamp: bool = False) -> None:
        """The regular's card on receipt paper: straight to this till's receipt printer when
        one is set (Owner ▸ Customer side), otherwise through the print preview at the roll's
        true width. After a stamp it is printed only if the till is set to, and never through
        a dialog (a barista does not answer one per coffee)."""
        if self._panel.customer is None:
            return
        prefs = till_prefs.load()
        width, address = int(prefs.get("slip_width", 80)), str(prefs.get("slip_printer", ""))
        if after_stamp and not (prefs.get("slip_after_stamp") and address):
            return
        customer_id = self._panel.customer.id
        if address:
            self._ops.run(
                self._till.print_slip,
                customer_id,
                address,
                width,
                writes=False,
                on_error=self._panel.show_error,
                on_done=lambda _r: (
                    after_stamp or self._panel.banner.say(self.tr("Slip sent to the receipt printer."), "ok")
                ),
            )
            return
        self._ops.run(
            self._till.slip_png,
            customer_id,
            width,
            writes=False,
            on_done=lambda png: self._preview_slip(png, width),
            on_error=self._panel.show_error,
        )

    def save_slip(self) -> None:
        """The slip as a PDF exactly as wide as this till's roll (80 mm unless set to 58)."""
        if self._panel.customer is None:
            return
        width = int(till_prefs.load().get("slip_width", 80))
        name = f"slip-{self._panel.customer.first_name}.pdf"
        self._save_as(self.tr("Save slip"), name, "pdf", self.tr("Slip saved to {0}"), self._till.save_slip_pdf, width)

    def _preview_slip(self, png: bytes, width_mm: int) -> None:
        from cafe_loyalty_ui import printing
        from PySide6.QtCore import QSizeF

        image = QImage.fromData(png)
        height_mm = image.height() / image.width() * width_mm
        self.print_dialog = printing.preview(self._panel, [image], QSizeF(width_mm, height_mm))

    def save_card(self, kind: str) -> None:
        if self._panel.customer is None:
            return
        name = f"card-{self._panel.customer.first_name}-{self._panel.customer.card.code}.{kind}"
        save = self._till.save_card_pdf if kind == "pdf" else self._till.save_card_png
        self._save_as(self.tr("Save card"), name, kind, self.tr("Card saved to {0}"), save)

    def _save_as(self, title: str, name: str, kind: str, said: str, save: Callable[..., Any], *extra: Any) -> None:
        """Ask where, then ``save(customer_id, path, *extra)`` on the worker, and say where it went."""
        assert self._panel.customer is not None
        customer_id = self._panel.customer.id
        self.file_dialog = save_dialog(self._panel, title, name, kind)
        self.file_dialog.fileSelected.connect(
            lambda path: self._ops.run(
                save,
                customer_id,
                path,
                *extra,
                writes=False,
                on_error=self._panel.show_error,
                on_done=lambda written: self._panel.banner.say(said.format(written), "ok"),
            )
        )
        self.file_dialog.open()

    def ask_reissue(self) -> None:
        if self._panel.customer is None:
            return
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("Replace a lost card"),
            self.tr(
                "Give {0} a new card code? Their stamps stay. The old card ({1}) will stop working "
                "and will say it was replaced."
            ).format(i18n.isolate(self._panel.customer.first_name), i18n.isolate(self._panel.customer.card.code)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            self._panel,
        )
        box.button(QMessageBox.StandardButton.Yes).setText(self.tr("Replace card"))
        box.buttonClicked.connect(
            lambda button: box.standardButton(button) == QMessageBox.StandardButton.Yes and self.reissue()
        )
        self.confirm_box = box
        box.open()

    def reissue(self) -> None:
        if self._panel.customer is None:
            return
        self._ops.run(
            self._till.reissue_card,
            self._panel.customer.id,
            by=self._panel.staff_id(),
            on_done=self._reissued,
            on_error=self._panel.show_error,
        )

    def _reissued(self, result) -> None:
        self._panel.banner.say(
            self.tr("New card {0}. The old card {1} no longer works: print the new one from Card ▸ Print.").format(
                result.card.code, result.revoked_code
            ),
            "ok",
        )

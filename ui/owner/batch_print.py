"""Printing cards for many regulars at once: A4 sheets of ten, with crop marks."""

from __future__ import annotations

import datetime as dt

from cafe_loyalty_ui import i18n, printing, theme
from cafe_loyalty_ui.dialogs.common import FormDialog
from cafe_loyalty_ui.operations import Operations
from cafe_loyalty_ui.widgets import save_dialog
from PySide6.QtCore import QDate
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QDateEdit, QLabel, QProgressBar, QPushButton, QWidget

from cafe_loyalty.app import Cafe
from cafe_loyalty.errors import CafeError


class BatchPrintDialog(FormDialog):
    """Pick regulars added since a date, then save a PDF or print. Rendering runs on the
    worker with a progress bar; the dialog stays responsive."""

    def __init__(self, cafe: Cafe, ops: Operations, parent: QWidget | None = None):
        super().__init__(self.tr("Print cards for new regulars"), self.tr("Print…"), parent)
        self._cafe = cafe
        self._ops = ops
        self.ids: list[int] = []
        self.file_dialog = None
        self.print_dialog = None
        self.since = QDateEdit(QDate.currentDate().addDays(-7))
        self.since.setCalendarPopup(True)
        i18n.calendar_for(self.since)
        self.form.addRow(self.tr("Added since"), self.since)
        self.count = QLabel()
        self.form.addRow("", self.count)
        self.progress = QProgressBar()
        self.progress.hide()
        self.layout_.insertWidget(self.layout_.count() - 1, self.progress)
        self.pdf_button = QPushButton(self.tr("Save PDF…"))
        self.layout_.itemAt(self.layout_.count() - 1).layout().insertWidget(1, self.pdf_button)
        self.since.dateChanged.connect(self.refresh)
        self.pdf_button.clicked.connect(self.ask_pdf)
        self.ok_button.clicked.connect(self.print_sheets)
        self.follow(ops.progress, self._progress)
        self.refresh()

    def refresh(self) -> None:
        day = self.since.date().toPython()
        assert isinstance(day, dt.date)
        self._ops.query(self._cafe.cards.added_since, day, on_done=self._got_ids)

    def _got_ids(self, ids: list[int]) -> None:
        self.ids = ids
        sheets = (len(self.ids) + 9) // 10
        self.count.setText(
            self.tr("%n card(s)", "", len(self.ids)) + i18n.sep() + self.tr("%n A4 sheet(s)", "", sheets)
        )
        self.ok_button.setEnabled(bool(self.ids))
        self.pdf_button.setEnabled(bool(self.ids))

    def _progress(self, done: int, total: int) -> None:
        self.progress.setMaximum(total)
        self.progress.setValue(done)

    def _start(self) -> None:
        self.error.hide()
        self.progress.setValue(0)
        self.progress.show()
        self.ok_button.setEnabled(False)
        self.pdf_button.setEnabled(False)

    def _finish(self) -> None:
        self.progress.hide()
        self.refresh()

    def _failed(self, error: Exception) -> bool:
        self._finish()
        if isinstance(error, CafeError):
            self.show_error(i18n.error_text(error))
            return True
        return False

    def ask_pdf(self) -> None:
        name = f"cards-since-{self.since.date().toString('yyyy-MM-dd')}.pdf"
        self.file_dialog = save_dialog(self, self.tr("Save cards"), name, "pdf")
        self.file_dialog.fileSelected.connect(self.save_pdf)
        self.file_dialog.open()

    def save_pdf(self, path: str) -> None:
        self._start()
        self._ops.run(
            self._cafe.cards.save_sheets,
            list(self.ids),
            path,
            writes=False,
            progress=True,
            on_done=self._saved,
            on_error=self._failed,
        )

    def _saved(self, path) -> None:
        self._finish()
        self.error.setText(self.tr("Saved to {0}").format(i18n.isolate(str(path))))
        self.error.setStyleSheet(f"color: {theme.OK_TEXT};")
        self.error.show()

    def print_sheets(self) -> None:
        self._start()
        self._ops.run(
            self._cafe.cards.sheet_pngs,
            list(self.ids),
            writes=False,
            progress=True,
            on_done=self._rendered,
            on_error=self._failed,
        )

    def _rendered(self, pngs: list[bytes]) -> None:
        self._finish()
        self.print_dialog = printing.preview(self, [QImage.fromData(p) for p in pngs], None)

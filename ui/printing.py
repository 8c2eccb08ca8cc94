"""Printing card images through Qt's print dialog and preview, at their true size."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QMarginsF, QRectF, QSizeF
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QWidget

CARD_MM = QSizeF(85.6, 54.0)


def make_printer(page_mm: QSizeF | None = None, printer: QPrinter | None = None) -> QPrinter:
    """A printer set to a card-sized page (or A4 when ``page_mm`` is None), no margins."""
    printer = printer or QPrinter(QPrinter.PrinterMode.HighResolution)
    size = QPageSize(page_mm, QPageSize.Unit.Millimeter, "Card") if page_mm else QPageSize(QPageSize.PageSizeId.A4)
    printer.setPageLayout(QPageLayout(size, QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0)))
    printer.setFullPage(True)
    return printer


def paint_pages(printer: QPrinter, images: Sequence[QImage]) -> None:
    """One image a page, scaled to fill the page exactly (images are drawn at 300 dpi for the
    page size, so this keeps 85.6 x 54 mm cards at 85.6 x 54 mm)."""
    painter = QPainter()
    if not painter.begin(printer):
        return
    try:
        for n, image in enumerate(images):
            if n:
                printer.newPage()
            page = printer.pageLayout().fullRectPixels(printer.resolution())
            painter.drawImage(QRectF(0, 0, page.width(), page.height()), image)
    finally:
        painter.end()


def preview(parent: QWidget, images: Sequence[QImage], page_mm: QSizeF | None) -> QPrintPreviewDialog:
    """Open (non-modal) the print preview; its print button goes to the system print dialog."""
    # The dialog must own its printer: one made here would be freed by Python under it.
    dialog = QPrintPreviewDialog(parent)
    make_printer(page_mm, dialog.printer())
    dialog.paintRequested.connect(lambda p: paint_pages(p, images))
    dialog.open()
    return dialog

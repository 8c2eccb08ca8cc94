"""The till's side of the customer display: which screen it is on, opening and closing it, a
regular checking themselves in there, and the customer-facing scanner on a serial port.

A presenter of the till window (see :mod:`~cafe_loyalty_ui.till.presenter`)."""

from __future__ import annotations

from cafe_loyalty_ui import i18n, theme
from cafe_loyalty_ui.display.customer_display import CustomerDisplay
from cafe_loyalty_ui.till.presenter import Presenter
from PySide6.QtGui import QGuiApplication, QKeySequence, QScreen
from PySide6.QtWidgets import (
    QMessageBox,
)

from cafe_loyalty import till_prefs
from cafe_loyalty.scanning.serial_port import SerialScanner
from cafe_loyalty.services.display import AskAtCounter
from cafe_loyalty.services.views import CustomerView


class DisplayLink(Presenter):
    def _fill_display_menu(self) -> None:
        """One entry per screen (the display goes full screen there), and Close."""
        self._w.display_menu.clear()
        for screen in QGuiApplication.screens():
            size = screen.geometry().size()
            text = self.tr("Show on {0} ({1} × {2})").format(
                screen.name() or self.tr("this screen"), size.width(), size.height()
            )
            self._w.display_menu.addAction(text, lambda s=screen: self.ask_display_on(s))
        close = self._w.display_menu.addAction(self.tr("Close the customer display"), self.close_display)
        close.setShortcut(QKeySequence(self._w.CLOSE_DISPLAY))  # shown in the menu; works from the display too
        close.setEnabled(self._w.customer_display is not None)
        self._w.display_menu.addSeparator()
        sizes = self._w.display_menu.addMenu(self.tr("Text size on this till"))
        for percent in theme.TEXT_SIZES:
            action = sizes.addAction(i18n.digits(f"{percent}%"), lambda p=percent: self._w.keys.choose_text_size(p))
            action.setCheckable(True)
            action.setChecked(percent == theme.text_size)

    def start_customer_scanner(self) -> None:
        """(Again) read the customer-facing scanner this till's preferences name, if any: its
        scans check the customer in wherever the focus is; the wedge stays the barista's."""
        self.stop_customer_scanner()
        port = str(till_prefs.load().get("customer_scanner") or "")
        if not port:
            return
        link = self._w._scanner_link
        self._w.serial_scanner = SerialScanner(port, link.scanned.emit, link.failed.emit).start()

    def stop_customer_scanner(self) -> None:
        if self._w.serial_scanner is not None:
            self._w.serial_scanner.stop()
            self._w.serial_scanner = None

    def _customer_scanned(self, code: str) -> None:
        if self._w.customer_display is not None:
            self._w.customer_display.check_in(code)  # shown to the customer, then the till is told
            return

        def refused(error: Exception) -> bool:
            if isinstance(error, AskAtCounter):
                self._w.banner.say(i18n.error_text(error), "warn")
                return True
            return False

        self._w.ops.query(
            self._w.till.check_in,
            code,
            on_done=lambda card: self.checked_in(card.customer_id),
            on_error=refused,
        )

    def _customer_scanner_failed(self, reason: str) -> None:
        if reason != self._w._scanner_problem:  # said once, not every few seconds while unplugged
            self._w._scanner_problem = reason
            port = self._w.serial_scanner.port if self._w.serial_scanner is not None else ""
            self._w.banner.say(
                self.tr("The customer scanner on {0} cannot be read ({1}). Check its cable.").format(
                    i18n.isolate(port), reason
                ),
                "warn",
            )

    def ask_display_on(self, screen: QScreen) -> None:
        """On the till's own screen the display covers the till: say how to come back first."""
        if screen is not self._w.screen():
            self.open_display(screen)
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Customer display"),
            self.tr("The customer display will cover the till on this screen."),
            QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel,
            self._w,
        )
        keys = QKeySequence(self._w.CLOSE_DISPLAY).toString(QKeySequence.SequenceFormat.NativeText)
        box.setInformativeText(
            self.tr("To come back to the till, press Esc, {0}, or the × in the display's corner.").format(keys)
        )
        box.button(QMessageBox.StandardButton.Ok).setText(self.tr("Show it here"))
        box.finished.connect(
            lambda _r: (
                box.standardButton(box.clickedButton()) == QMessageBox.StandardButton.Ok and self.open_display(screen)
            )
        )
        self._w.display_warning = box
        box.open()

    def open_display(self, screen: QScreen | None = None) -> CustomerDisplay:
        """Open (or move) the customer display; it follows this till from now on."""
        if self._w.customer_display is None:
            self._w.customer_display = CustomerDisplay(self._w.till, self._w.ops)
            self._w.customer_display.close_requested.connect(self.close_display)
            self._w.customer_display.checked_in.connect(self.checked_in)
            self._w.customer_shown.connect(self._w.customer_display.follow)
            if self._w.panel.customer is not None:
                self._w.customer_display.follow(self._w.panel.customer.id)
        self._w.customer_display.place(screen)
        return self._w.customer_display

    def close_display(self) -> None:
        if self._w.customer_display is not None:
            self._w.customer_display.close_display()
            self._w.customer_display.deleteLater()
            self._w.customer_display = None

    def checked_in(self, customer_id: int) -> None:
        """A customer scanned their own card at the display: open them, or, when the barista
        is serving someone else, put them on the waiting strip. Nothing is stamped."""

        def got(customer: CustomerView) -> None:
            if self._w.panel.customer is None or self._w.panel.customer.id == customer_id:
                self._w.open_customer(customer_id)
                self._w.banner.say(self.tr("{0} checked in.").format(i18n.isolate(customer.first_name)), "ok")
            else:
                self._w.waiting.model.add(customer_id, customer.first_name)
                self._w.banner.say(
                    self.tr("{0} checked in and is waiting.").format(i18n.isolate(customer.first_name)), "ok"
                )

        self._w.ops.query(self._w.till.customer, customer_id, on_done=got)

"""Owner ▸ Customer side: what the customer display may show, and the phone page.

The phone page is off until the owner turns it on here, after a plain warning of what it
exposes; turning it on fills in the card address for newly printed QR codes (the core's
rule, ``Settings._fill_card_address``). The counter sign is saved from here too.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from cafe_loyalty_ui import i18n, theme
from cafe_loyalty_ui.owner.screen import OwnerTab
from cafe_loyalty_ui.widgets import save_dialog, titled_section
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
)

from cafe_loyalty import till_prefs
from cafe_loyalty.errors import ValidationError
from cafe_loyalty.page.address import url_template
from cafe_loyalty.printing.receipt import check_address
from cafe_loyalty.scanning.serial_port import ports as serial_ports
from cafe_loyalty.services.settings import SPECS

DISPLAY_KEYS = (
    "display_name",
    "display_birthday",
    "display_newest_item",
    "display_idle_seconds",
    "display_linger_seconds",
    "display_phone_checkin",
    "reduce_motion",
)
PAGE_KEYS = ("phone_page", "phone_page_bind", "phone_page_port", "phone_page_address")


class CustomerSideTab(OwnerTab):
    areas = ("settings",)
    till_prefs_changed = Signal()  # this till's own preferences were saved (its scanner's port)

    def __init__(self, *args, addresses: list[tuple[str, str]] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.file_dialog: QFileDialog | None = None
        self.phone_test: QDialog | None = None  # "Test from your phone"
        self.values: dict[str, Any] = {}
        v = QVBoxLayout(self)
        v.addWidget(self.result)
        titled_section(
            v,
            self.tr("CUSTOMER DISPLAY"),
            self.tr(
                "Open it from the till's Display button on a screen that faces the customer. It never shows a "
                "last name, phone, notes, allergies or feedback."
            ),
        )
        form = QFormLayout()
        self.name_style = QComboBox()
        for code, text in (
            ("first", self.tr("First name")),
            ("initial", self.tr("Initial only")),
            ("none", self.tr("No name")),
        ):
            self.name_style.addItem(text, code)
        form.addRow(self.tr("Greet by"), self.name_style)
        self.birthday = QCheckBox(self.tr("Wish a happy birthday in their birthday week"))
        form.addRow("", self.birthday)
        self.newest = QCheckBox(self.tr("Show the newest menu item between customers"))
        form.addRow("", self.newest)
        self.idle = self._seconds("display_idle_seconds")
        form.addRow(self.tr("Rest after no customer for"), self.idle)
        self.linger = self._seconds("display_linger_seconds")
        form.addRow(self.tr("Keep a customer on screen after"), self.linger)
        self.phone_checkin = QCheckBox(self.tr("Customers can check in by typing their phone number"))
        form.addRow("", self.phone_checkin)
        self.reduce_motion = QCheckBox(self.tr("Reduce motion (no animation on the display or the till)"))
        form.addRow("", self.reduce_motion)
        v.addLayout(form)

        v.addWidget(QLabel(self.tr("PHONE PAGE ON THE CAFÉ WI-FI"), objectName="sectionTitle"))
        warning = QLabel(
            self.tr(
                "When this is on, anyone on the café's network who has a card's code can see that card's first "
                "name and stamps. Nothing else is shown, and the page works only inside the café. Cards printed "
                "from now on open the page when scanned with a phone."
            ),
            objectName="hint",
        )
        warning.setWordWrap(True)
        v.addWidget(warning)
        page = QFormLayout()
        self.page_on = QCheckBox(self.tr("Serve the phone page"))
        page.addRow("", self.page_on)
        self.bind = QComboBox()
        self.bind.setEditable(False)
        self.bind.addItem(self.tr("The best network (chosen when it starts)"), "")
        for name, address in addresses or []:
            self.bind.addItem(address, address)  # a network address reads the same in any language
            self.bind.setItemData(self.bind.count() - 1, name, Qt.ItemDataRole.ToolTipRole)
        page.addRow(self.tr("Listen on"), self.bind)
        self.port = QSpinBox(minimum=SPECS["phone_page_port"].low, maximum=SPECS["phone_page_port"].high)
        page.addRow(self.tr("Port"), self.port)
        self.address = QLineEdit()
        self.address.setPlaceholderText(self.tr("Empty: the café's .local name"))
        page.addRow(self.tr("Fixed address"), self.address)
        self.page_url = QLabel(objectName="hint")
        self.page_url.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        page.addRow(self.tr("Address"), self.page_url)
        v.addLayout(page)
        for widget in (self.page_on, self.port, self.address, self.bind):
            signal = getattr(widget, "toggled", None) or getattr(widget, "valueChanged", None)
            signal = signal or getattr(widget, "textChanged", None) or widget.currentIndexChanged
            signal.connect(self._show_url)

        v.addWidget(QLabel(self.tr("RECEIPT PRINTER (THIS TILL)"), objectName="sectionTitle"))
        slip = QFormLayout()
        self.slip_width = QComboBox()
        for mm in (80, 58):
            self.slip_width.addItem(self.tr("{0} mm roll").format(i18n.digits(str(mm))), mm)
        slip.addRow(self.tr("Paper"), self.slip_width)
        self.slip_printer = QLineEdit()
        self.slip_printer.setPlaceholderText(self.tr("Empty: choose a printer each time"))
        self.slip_printer.setToolTip(
            self.tr("A receipt printer's network address (192.168.1.50:9100), usb:VENDOR:PRODUCT or file:/dev/usb/lp0")
        )
        slip.addRow(self.tr("Receipt printer"), self.slip_printer)
        self.slip_after_stamp = QCheckBox(self.tr("Print a slip after each stamp (needs a receipt printer above)"))
        slip.addRow("", self.slip_after_stamp)
        v.addLayout(slip)

        titled_section(
            v,
            self.tr("CUSTOMER SCANNER (THIS TILL)"),
            self.tr(
                "A scanner facing the customer, switched to USB serial mode, checks them in whatever window has "
                "focus; the barista's scanner keeps typing into the search."
            ),
        )
        scanner = QFormLayout()
        self.scanner_port = QComboBox()
        self.scanner_port.setEditable(True)  # a port that is not plugged in yet can be typed
        self.scanner_port.addItem(self.tr("None (it types like a keyboard)"), "")
        for device, description in serial_ports():
            self.scanner_port.addItem(device, device)
            self.scanner_port.setItemData(self.scanner_port.count() - 1, description, Qt.ItemDataRole.ToolTipRole)
        scanner.addRow(self.tr("Serial port"), self.scanner_port)
        v.addLayout(scanner)
        prefs = till_prefs.load()
        port = str(prefs.get("customer_scanner", ""))
        if port and self.scanner_port.findData(port) < 0:
            self.scanner_port.addItem(port, port)
        self.scanner_port.setCurrentIndex(max(0, self.scanner_port.findData(port)))
        self.slip_width.setCurrentIndex(max(0, self.slip_width.findData(int(prefs.get("slip_width", 80)))))
        self.slip_printer.setText(str(prefs.get("slip_printer", "")))
        self.slip_after_stamp.setChecked(bool(prefs.get("slip_after_stamp")))

        row = QHBoxLayout()
        self.sign_button = QPushButton(self.tr("Save the counter sign…"))
        self.sign_button.setToolTip(self.tr("An A5 sign in English and Persian, as PDF or PNG"))
        self.sign_button.clicked.connect(self.ask_sign)
        row.addWidget(self.sign_button)
        self.test_button = QPushButton(self.tr("Test from your phone…"))
        self.test_button.setToolTip(self.tr("Check that a phone on the guests' Wi-Fi reaches the page"))
        self.test_button.clicked.connect(self.test_from_phone)
        row.addWidget(self.test_button)
        row.addStretch(1)
        self.save_button = QPushButton(self.tr("Save"))
        theme.set_kind(self.save_button, "primary")
        self.save_button.clicked.connect(self.save)
        self.save_button.setEnabled(False)  # until the fields show the settings
        row.addWidget(self.save_button)
        v.addLayout(row)
        v.addStretch(1)
        self.reload()

    def _seconds(self, key: str) -> QSpinBox:
        spec = SPECS[key]
        return QSpinBox(minimum=spec.low, maximum=spec.high, suffix=self.tr(" s"))

    def reload(self) -> None:
        self._ops.query(self._cafe.settings.all, on_done=self._got)

    def _got(self, values: dict[str, Any]) -> None:
        self.values = values
        self.name_style.setCurrentIndex(max(0, self.name_style.findData(values["display_name"])))
        self.birthday.setChecked(bool(values["display_birthday"]))
        self.newest.setChecked(bool(values["display_newest_item"]))
        self.idle.setValue(values["display_idle_seconds"])
        self.linger.setValue(values["display_linger_seconds"])
        self.phone_checkin.setChecked(bool(values["display_phone_checkin"]))
        self.reduce_motion.setChecked(bool(values["reduce_motion"]))
        self.page_on.setChecked(bool(values["phone_page"]))
        if self.bind.findData(values["phone_page_bind"]) < 0:
            self.bind.addItem(values["phone_page_bind"], values["phone_page_bind"])
        self.bind.setCurrentIndex(self.bind.findData(values["phone_page_bind"]))
        self.port.setValue(values["phone_page_port"])
        self.address.setText(values["phone_page_address"])
        self._show_url()
        self._loaded = self._values()
        self.save_button.setEnabled(True)

    def _values(self) -> dict[str, Any]:
        """Everything the Save button keeps: the café's settings and this till's slip printer."""
        return self.chosen() | {
            "slip_width": self.slip_width.currentData(),
            "slip_printer": self.slip_printer.text().strip(),
            "slip_after_stamp": self.slip_after_stamp.isChecked(),
            "customer_scanner": self._port(),
        }

    def _port(self) -> str:
        """The chosen port, or one typed in ("" for none: the scanner types like a keyboard)."""
        text = self.scanner_port.currentText().strip()
        index = self.scanner_port.findText(text)
        return str(self.scanner_port.itemData(index) or "") if index >= 0 else text

    def chosen(self) -> dict[str, Any]:
        return {
            "display_name": self.name_style.currentData(),
            "display_birthday": int(self.birthday.isChecked()),
            "display_newest_item": int(self.newest.isChecked()),
            "display_idle_seconds": self.idle.value(),
            "display_linger_seconds": self.linger.value(),
            "display_phone_checkin": int(self.phone_checkin.isChecked()),
            "reduce_motion": int(self.reduce_motion.isChecked()),
            "phone_page": int(self.page_on.isChecked()),
            "phone_page_bind": self.bind.currentData(),
            "phone_page_port": self.port.value(),
            "phone_page_address": self.address.text().strip(),
        }

    def _show_url(self, *_args: Any) -> None:
        if not self.values:
            return
        values = self.values | self.chosen()
        self.page_url.setText(url_template(values).replace("{code}", "…") if values["phone_page"] else self.tr("Off"))

    def save(self) -> None:
        self.save_changes(lambda _saved: None)

    def save_changes(self, then: Callable[[bool], None]) -> None:
        address = self.slip_printer.text().strip()
        try:
            if address:
                check_address(address)
            elif self.slip_after_stamp.isChecked():
                raise ValidationError("A slip after each stamp needs a receipt printer's address.")
        except ValidationError as error:
            self.failed(error)
            then(False)
            return
        till_prefs.save(
            slip_width=self.slip_width.currentData(),
            slip_printer=address,
            slip_after_stamp=self.slip_after_stamp.isChecked(),
            customer_scanner=self._port(),
        )
        self.till_prefs_changed.emit()
        self.act(self._cafe.settings.update, **self._saving(then, self.tr("Saved.")), **self.chosen())

    def test_from_phone(self) -> None:
        """The page must be on (and saved) to be reached: the test uses the address it serves."""
        if not self.values.get("phone_page") or self.unsaved():
            self.result.say(self.tr("Turn on the phone page and save first, then test it."), "warn")
            return
        from cafe_loyalty_ui.owner.phone_test_dialog import PhoneTestDialog

        self.phone_test = PhoneTestDialog(self._ops, self.values, self)
        self.phone_test.open()

    def ask_sign(self) -> None:
        self.file_dialog = save_dialog(self, self.tr("Save the counter sign"), "counter-sign.pdf", "pdf")
        self.file_dialog.setNameFilters(["PDF (*.pdf)", "PNG (*.png)"])
        self.file_dialog.fileSelected.connect(self.save_sign)
        self.file_dialog.open()

    def save_sign(self, path: str) -> None:
        self._ops.run(
            self._cafe.cards.save_sign,
            path,
            writes=False,
            on_done=lambda saved: self.result.say(self.tr("Saved {0}.").format(str(Path(saved)))),
            on_error=self.failed,
        )

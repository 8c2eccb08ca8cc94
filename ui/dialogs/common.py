"""Dialogs: add/edit a regular, first-run setup, and the reason for an undo.

Each gathers input and hands it to a service through a submit callback; the service decides
what is valid and its message is shown in the dialog, which stays open until it succeeds.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from cafe_loyalty_ui import countries, i18n, vocabulary
from cafe_loyalty_ui.theme import set_kind
from cafe_loyalty_ui.widgets import FitScroll, PinPair, guard_wheels
from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from cafe_loyalty.errors import CafeError
from cafe_loyalty.services.customers import DIETARY
from cafe_loyalty.services.views import CustomerView

Submit = Callable[[dict[str, Any], Callable[[Any], None], Callable[[Exception], bool]], None]


class ClosingDialog(QDialog):
    """A dialog that is deleted when it closes and takes its connections to long-lived objects
    (the operations' ``progress`` and ``changed``) with it: a hidden dialog never moves with
    another dialog's progress, and opening one a hundred times leaves nothing behind."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        self._links: list[tuple[Any, Callable[..., Any]]] = []

    def follow(self, signal: Any, slot: Callable[..., Any]) -> None:
        """Connect ``slot`` to a signal of an object that outlives this dialog, until it closes."""
        signal.connect(slot)
        self._links.append((signal, slot))

    def done(self, result: int) -> None:
        for signal, slot in self._links:
            signal.disconnect(slot)
        self._links.clear()
        super().done(result)


class FormDialog(ClosingDialog):
    """A titled form with an inline error line and Cancel / primary buttons."""

    def __init__(self, title: str, action: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(460)
        self._sized = False
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(28, 24, 28, 24)
        self.layout_.setSpacing(14)
        heading = QLabel(title, objectName="dialogTitle")
        self.layout_.addWidget(heading)
        # The fields scroll when the screen is too low for them (large text on 768 pixels);
        # the title, the error line and the buttons stay in view.
        body = QWidget()
        self.form = QFormLayout(body)
        self.form.setContentsMargins(0, 0, 0, 0)
        self.form.setSpacing(10)
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignLeading | Qt.AlignmentFlag.AlignVCenter)
        self.body_scroll = FitScroll(body)
        self.layout_.addWidget(self.body_scroll, 1)
        self.error = QLabel("", objectName="formError")
        self.error.setWordWrap(True)
        self.error.hide()
        self.layout_.addWidget(self.error)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.clicked.connect(self.reject)
        self.ok_button = QPushButton(action)
        set_kind(self.ok_button, "primary")
        self.ok_button.setDefault(True)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.ok_button)
        self.layout_.addLayout(buttons)

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()

    def showEvent(self, event) -> None:
        """Open as tall as the form while the screen has room (Qt would stop at two thirds of
        the screen, now that the fields can scroll), and no taller than the screen."""
        if not self._sized:
            self._sized = True
            guard_wheels(self)  # the form scrolls: a passing wheel must not change its boxes
            screen = self.screen()
            room = screen.availableGeometry().size() - QSize(40, 80) if screen is not None else QSize(1280, 720)
            self.resize(self.sizeHint().expandedTo(self.size()).boundedTo(room))
        super().showEvent(event)


class SubmitDialog(FormDialog):
    """A form whose OK hands its values to a service call; errors show inline."""

    def __init__(self, title: str, action: str, submit: Submit, parent: QWidget | None = None):
        super().__init__(title, action, parent)
        self._submit = submit
        self.ok_button.clicked.connect(self._send)

    def values(self) -> dict[str, Any]:
        raise NotImplementedError

    def _send(self) -> None:
        self.ok_button.setEnabled(False)
        self._submit(self.values(), self._done, self._failed)

    def _done(self, _result: Any) -> None:
        self.ok_button.setEnabled(True)
        self.accept()

    def _failed(self, error: Exception) -> bool:
        self.ok_button.setEnabled(True)
        if isinstance(error, CafeError):
            self.show_error(i18n.error_text(error))
            return True
        return False


class CustomerDialog(SubmitDialog):
    """Add or edit a regular. Only the first name is required; the hints say why we ask."""

    saved = Signal(object)  # CustomerView

    def __init__(
        self,
        submit: Submit,
        customer: CustomerView | None = None,
        name: str = "",
        parent=None,
        referrers: list[tuple[int, str]] | None = None,
        card_rules: tuple[int, int, bool] = (10, 2, False),
    ):
        """``card_rules``: the slots and head start of the card the stamps would go on, and
        whether the owner gives the head start on top of a paper card's stamps."""
        super().__init__(
            self.tr("Edit regular") if customer else self.tr("New regular"),
            self.tr("Save") if customer else self.tr("Add regular"),
            submit,
            parent,
        )
        self.first_name = QLineEdit(customer.first_name if customer else name)
        self.first_name.setPlaceholderText(self.tr("How they like to be greeted"))
        self.last_name = QLineEdit(customer.last_name if customer else "")
        self.phone = QLineEdit(customer.phone if customer else "")
        self.phone.setPlaceholderText(self.tr("Optional: to find them when they forget their card"))
        self.usual = QLineEdit(customer.usual if customer else "")
        self.usual.setPlaceholderText(self.tr("e.g. latte, low-fat milk, not too hot"))
        self.notes = QPlainTextEdit(customer.notes if customer else "")
        self.notes.setPlaceholderText(self.tr("Allergies, preferences, what to remember"))
        self.notes.setFixedHeight(90)
        self.form.addRow(self.tr("First name *"), self.first_name)
        self.form.addRow(self.tr("Last name"), self.last_name)
        self.form.addRow(self.tr("Phone"), self.phone)
        self.form.addRow(self.tr("Usual order"), self.usual)
        self.allergies = QLineEdit(customer.allergies if customer else "")
        self.allergies.setPlaceholderText(self.tr("Shown in red on their card so nobody misses it"))
        self.form.addRow(self.tr("Allergies"), self.allergies)
        diet = QWidget()
        grid = QGridLayout(diet)
        grid.setContentsMargins(0, 0, 0, 0)
        flags = set((customer.dietary if customer else "").split(","))
        self.dietary = {}
        for n, flag in enumerate(DIETARY):
            box = QCheckBox(vocabulary.word(flag))
            box.setChecked(flag in flags)
            self.dietary[flag] = box
            grid.addWidget(box, n // 4, n % 4)
        self.form.addRow(self.tr("Diet"), diet)
        birthday = QWidget()
        row = QHBoxLayout(birthday)
        row.setContentsMargins(0, 0, 0, 0)
        # Entered in the calendar of the language: Jalali in Persian. A birthday stored in the
        # other calendar is shown converted, and kept as it was unless someone changes it.
        self._stored_birthday = customer.birthday if customer else None
        self._shown_birthday = i18n.birthday_in_entry_calendar(self._stored_birthday, dt.date.today())
        month, day, year = self._shown_birthday
        self.birth_month = QComboBox()
        self.birth_month.setAccessibleName(self.tr("Birthday month"))
        self.birth_month.addItem(self.tr("—"), None)
        for m, month_name in enumerate(i18n.month_names(), start=1):
            self.birth_month.addItem(month_name, m)
        self.birth_month.setCurrentIndex(month)
        self.birth_day = QSpinBox(minimum=0, maximum=31, specialValueText=self.tr("day"))
        self.birth_day.setValue(day)
        self.birth_year = QSpinBox(minimum=0, maximum=2100, specialValueText=self.tr("year (optional)"))
        self.birth_year.setValue(year or 0)
        for w in (self.birth_month, self.birth_day, self.birth_year):
            row.addWidget(w)
        self.form.addRow(self.tr("Birthday"), birthday)
        self.referred_by = QComboBox()
        self.referred_by.addItem(self.tr("—"), None)
        for cid, label in referrers or []:
            if not customer or cid != customer.id:
                self.referred_by.addItem(label, cid)
        if customer and customer.referred_by_id:
            self.referred_by.setCurrentIndex(max(0, self.referred_by.findData(customer.referred_by_id)))
        self.form.addRow(self.tr("Referred by"), self.referred_by)
        self.form.addRow(self.tr("Notes"), self.notes)
        # A regular switching from a paper card brings its stamps (Ledger.carry_over).
        slots, head_start, plus = (
            (customer.card.slots, customer.card.head_start, card_rules[2]) if customer else card_rules
        )
        self.paper_stamps = QSpinBox(minimum=0, maximum=max(0, slots - 1), specialValueText=self.tr("none"))
        self.paper_stamps.setAccessibleName(self.tr("Stamps already on a paper card"))
        paper = QWidget()
        paper_row = QVBoxLayout(paper)
        paper_row.setContentsMargins(0, 0, 0, 0)
        paper_row.addWidget(self.paper_stamps)
        self.paper_rule = QLabel(
            i18n.numbers(self.tr("They go on the card on top of its head start of {0}."), head_start)
            if plus
            else i18n.numbers(
                self.tr("They go on the card instead of its head start of {0}, not as well."), head_start
            ),
            objectName="hint",
        )
        self.paper_rule.setWordWrap(True)
        paper_row.addWidget(self.paper_rule)
        self.form.addRow(self.tr("Stamps on a paper card"), paper)
        privacy = QLabel(
            self.tr(
                "Only the first name is needed. The phone finds them when they forget their card;\n"
                "the birthday is for a treat in their birthday week; allergies keep them safe.\n"
                "Keep only what helps you serve them."
            )
        )
        privacy.setObjectName("hint")
        self.layout_.insertWidget(2, privacy)
        self.adjustSize()

    def values(self) -> dict[str, Any]:
        return {
            "first_name": self.first_name.text(),
            "last_name": self.last_name.text(),
            "phone": self.phone.text(),
            "usual": self.usual.text(),
            "notes": self.notes.toPlainText(),
            "allergies": self.allergies.text(),
            "dietary": ",".join(flag for flag, box in self.dietary.items() if box.isChecked()),
            **self._birthday_values(),
            "referred_by": self.referred_by.currentData(),
            **({"paper_stamps": self.paper_stamps.value()} if self.paper_stamps.value() else {}),
        }

    def _birthday_values(self) -> dict[str, Any]:
        shown = (self.birth_month.currentIndex(), self.birth_day.value(), self.birth_year.value() or None)
        if self._stored_birthday and shown == self._shown_birthday:
            return {f"birthday_{k}": v for k, v in self._stored_birthday.items()}
        return {
            "birthday_month": self.birth_month.currentData(),
            "birthday_day": self.birth_day.value() or None,
            "birthday_year": self.birth_year.value() or None,
            "birthday_calendar": i18n.entry_calendar(),
        }

    def _done(self, customer: CustomerView) -> None:
        self.saved.emit(customer)
        super()._done(customer)


class SetupDialog(FormDialog):
    """First run: the language, the café's name (on cards and backups) and, optionally, the
    owner's PIN. Choosing another language asks for the dialog to be rebuilt in it."""

    language_chosen = Signal(str)
    restore_chosen = Signal(str)  # a backup file to start from instead (a new computer)

    def __init__(self, set_up: Callable[[str, str, str, str, str], None], parent=None):
        super().__init__(self.tr("Welcome! Let's set up your café"), self.tr("Open the till"), parent)
        self._set_up = set_up
        self.language = QComboBox()
        for code, name in i18n.LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(self.language.findData(i18n.current()))
        self.language.currentIndexChanged.connect(lambda: self.language_chosen.emit(self.language.currentData()))
        self.cafe_name = QLineEdit()
        self.cafe_name.setPlaceholderText(self.tr("e.g. Café Shirin"))
        self.owner_name = QLineEdit()
        self.owner_name.setPlaceholderText(self.tr("Optional"))
        self.form.addRow(self.tr("Language"), self.language)
        self.form.addRow(self.tr("Café name *"), self.cafe_name)
        self.form.addRow(self.tr("Owner's name"), self.owner_name)
        self.country = QComboBox()
        countries.fill(self.country)  # this computer's country, preselected
        self.country.setToolTip(self.tr("Phone numbers are kept as full international numbers for this country"))
        self.form.addRow(self.tr("Country"), self.country)
        self.pins = PinPair(self.form, self.tr("Owner PIN"), self.tr("Optional, 4-12 digits"), self)
        self.pin, self.pin_again = self.pins.pin, self.pins.again
        self.pin.setToolTip(self.tr("A PIN protects the owner's screen: settings, backups, staff."))
        self.ok_button.clicked.connect(self._save)
        # The till's computer died: start the new one from the backup folder instead (#35).
        self.restore_button = QPushButton(self.tr("Restore from a backup…"))
        self.restore_button.setToolTip(self.tr("A new computer for a café that has backups: start from the newest"))
        self.restore_button.clicked.connect(self._ask_backup)
        self.layout_.insertWidget(self.layout_.count() - 1, self.restore_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.file_dialog: QFileDialog | None = None

    def _ask_backup(self) -> None:
        self.file_dialog = QFileDialog(self, self.tr("Restore from a backup"))
        self.file_dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        self.file_dialog.setNameFilters([self.tr("Backups (*.cafebackup)"), self.tr("All files (*)")])
        self.file_dialog.fileSelected.connect(self.restore_chosen.emit)
        self.file_dialog.open()

    def _save(self) -> None:
        pin = self.pins.text()
        if pin is None:
            self.show_error(self.pins.mismatch())
            return
        try:
            name, owner, language = self.cafe_name.text(), self.owner_name.text(), self.language.currentData()
            self._set_up(name, owner, pin, language, self.country.currentData())
        except CafeError as exc:
            self.show_error(i18n.error_text(exc))
            return
        self.accept()


class UndoDialog(FormDialog):
    """Undo needs a reason: it is kept in the card's history for the owner. The ready-made
    reasons fit what is undone (a reward was never "stamped twice")."""

    def __init__(self, what: str, parent=None, kind: str = "stamp"):
        super().__init__(self.tr("Undo the last {0}?").format(what), self.tr("Undo"), parent)
        self.group = QButtonGroup(self)
        self.reasons: list[QPushButton] = []
        reasons = {
            "stamp": (
                self.tr("Stamped twice by mistake"),
                self.tr("Wrong customer"),
                self.tr("Customer changed their mind"),
            ),
            "reward": (
                self.tr("Redeemed by mistake"),
                self.tr("Wrong customer"),
                self.tr("They will have the reward another day"),
            ),
        }
        for text in reasons.get(kind, reasons["stamp"]):
            button = QPushButton(text)  # big checkable buttons: easier to hit than radio dots
            button.setCheckable(True)
            button.setProperty("chip", True)
            self.group.addButton(button)
            self.reasons.append(button)
            self.layout_.insertWidget(self.layout_.count() - 2, button)
        self.other = QLineEdit()
        self.other.setPlaceholderText(self.tr("Or type another reason"))
        self.layout_.insertWidget(self.layout_.count() - 2, self.other)
        self.ok_button.setEnabled(False)
        self.group.buttonClicked.connect(lambda _b: self._update())
        self.other.textChanged.connect(self._on_text)
        self.ok_button.clicked.connect(self.accept)

    def _on_text(self, text: str) -> None:
        if text.strip():
            self.group.setExclusive(False)
            for b in self.reasons:
                b.setChecked(False)
            self.group.setExclusive(True)
        self._update()

    def _update(self) -> None:
        self.ok_button.setEnabled(bool(self.reason()))

    def reason(self) -> str:
        if self.other.text().strip():
            return self.other.text().strip()
        checked = self.group.checkedButton()
        return checked.text() if checked else ""

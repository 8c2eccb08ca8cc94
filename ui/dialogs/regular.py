"""Small dialogs for knowing the regular: feedback, what they had, a treat."""

from __future__ import annotations

from typing import Any

from cafe_loyalty_ui import i18n, vocabulary
from cafe_loyalty_ui.dialogs.common import Submit, SubmitDialog
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from cafe_loyalty.services.feedback import KINDS
from cafe_loyalty.services.menu import MODIFIERS, MenuItemView
from cafe_loyalty.services.regulars import TREAT_REASONS


class Chips:
    """Several-choice chips. Not a QButtonGroup: Qt makes a button group one Tab stop, and
    for a group where several may be chosen its arrow keys do not move either, so a keyboard
    could reach only the first chip (found by the tab-order test, issue #19)."""

    def __init__(self) -> None:
        self._buttons: list[QPushButton] = []

    def add(self, button: QPushButton) -> None:
        self._buttons.append(button)

    def button(self, n: int) -> QPushButton:
        return self._buttons[n]

    def buttons(self) -> list[QPushButton]:
        return list(self._buttons)


def _chips(labels: list[str], exclusive: bool, columns: int = 3) -> tuple[QWidget, Any]:
    """Chips in a grid: one choice (a QButtonGroup: Tab reaches the chosen one, the arrow keys
    move it) or several (:class:`Chips`: each one a Tab stop)."""
    box = QWidget()
    grid = QGridLayout(box)
    grid.setContentsMargins(0, 0, 0, 0)
    group: Any = QButtonGroup(box) if exclusive else Chips()
    for n, label in enumerate(labels):
        button = QPushButton(label)
        button.setCheckable(True)
        button.setProperty("chip", True)
        if exclusive:
            group.addButton(button, n)
        else:
            group.add(button)
        grid.addWidget(button, n // columns, n % columns)
    return box, group


class FeedbackDialog(SubmitDialog):
    def __init__(self, first_name: str, submit: Submit, parent: QWidget | None = None):
        super().__init__(self.tr("Feedback from {0}").format(i18n.isolate(first_name)), self.tr("Save"), submit, parent)
        self.kinds = list(KINDS)
        box, self.kind = _chips([vocabulary.feedback_kind(k) for k in KINDS], exclusive=True)
        self.kind.button(KINDS.index("complaint")).setChecked(True)
        self.text = QPlainTextEdit()
        self.text.setPlaceholderText(self.tr("What did they say?"))
        self.text.setFixedHeight(90)
        self.form.addRow(self.tr("Kind"), box)
        self.form.addRow(self.tr("Said"), self.text)
        hint = QLabel(self.tr("Complaints and ideas stay on their card until someone acts on them."), objectName="hint")
        self.layout_.insertWidget(2, hint)

    def values(self) -> dict[str, Any]:
        return {"kind": self.kinds[max(0, self.kind.checkedId())], "text": self.text.toPlainText()}


class VisitDialog(SubmitDialog):
    """What they had: one tap per item, modifier chips, and whether it earns a stamp."""

    def __init__(self, items: list[MenuItemView], submit: Submit, parent: QWidget | None = None):
        super().__init__(self.tr("What did they have?"), self.tr("Record visit"), submit, parent)
        self.setMinimumWidth(560)
        self.menu_items = items
        box, self.item_group = _chips([i.name for i in items], exclusive=False)
        self.form.addRow(self.tr("Items"), box)
        # Shown and saved in the till's language: the usual order reads as the barista wrote it.
        chips = [vocabulary.word(m) for options in MODIFIERS.values() for m in options]
        mods, self.modifier_group = _chips(chips, exclusive=False, columns=4)
        self.modifier_labels = chips
        self.form.addRow(self.tr("How"), mods)
        self.more = QLineEdit()
        self.more.setPlaceholderText(self.tr("Anything else, e.g. extra shot"))
        self.form.addRow("", self.more)
        self.stamp = QCheckBox(self.tr("Stamp their card"))
        self.stamp.setChecked(True)
        self.form.addRow("", self.stamp)
        self.pin = QCheckBox(self.tr("Make this their usual (otherwise it is learned from their visits)"))
        self.form.addRow("", self.pin)
        if not items:
            self.show_error(self.tr("The menu is empty: the owner adds items under Owner ▸ Menu."))
            self.ok_button.setEnabled(False)

    def values(self) -> dict[str, Any]:
        chosen = [self.menu_items[b] for b in range(len(self.menu_items)) if self.item_group.button(b).isChecked()]
        mods = [
            self.modifier_labels[b]
            for b in range(len(self.modifier_labels))
            if self.modifier_group.button(b).isChecked()
        ]
        if self.more.text().strip():
            mods.append(self.more.text())
        return {
            "item_ids": [i.id for i in chosen],
            "modifiers": ", ".join(mods),  # the core's separator, whatever the language
            "stamp": self.stamp.isChecked(),
            "pin": self.pin.isChecked(),
        }


class TreatDialog(SubmitDialog):
    def __init__(self, first_name: str, suggestion: str | None, submit: Submit, parent: QWidget | None = None):
        super().__init__(
            self.tr("A treat for {0}").format(i18n.isolate(first_name)), self.tr("Give treat"), submit, parent
        )
        self.what = QLineEdit(suggestion or "")
        self.what.setPlaceholderText(self.tr("e.g. a slice of the new saffron cake"))
        self.why = QComboBox()
        for reason in TREAT_REASONS:
            self.why.addItem(vocabulary.treat_reason(reason), reason)
        if suggestion:
            self.why.setCurrentIndex(TREAT_REASONS.index("new-item"))
        self.form.addRow(self.tr("What"), self.what)
        self.form.addRow(self.tr("Why"), self.why)

    def values(self) -> dict[str, Any]:
        return {"what": self.what.text(), "why": self.why.currentData()}

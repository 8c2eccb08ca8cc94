"""The quiet "check back" strip above the tiles: a little after serving, who to ask how it was.

The strip learns of visits from the till's change notifications (one ``pending_for`` read per
touched regular, on the database thread) and keeps the answers' timing in memory: a timer only
shows entries that became due and drops those that expired; it never reads the database. Tests
move the café's clock and call :meth:`CheckBackModel.tick`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from cafe_loyalty_ui import i18n, theme
from cafe_loyalty_ui.widgets import strip_list
from PySide6.QtCore import QAbstractListModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from cafe_loyalty.services.checkbacks import CheckBackDue
from cafe_loyalty.services.regulars import NEW_REGULAR_DAYS

MAX_SHOWN = 4  # "at most a few at once": the highest reasons first
TICK_MS = 15_000


def reason_text(due: CheckBackDue) -> str:
    """Why to check back on them, in a few words (literal contexts, so lupdate files them)."""
    translate = QCoreApplication.translate
    if due.reason == "complaint":
        return translate("CheckBackStrip", "complained last time")
    if due.reason == "first_visit":
        return translate("CheckBackStrip", "first visit") + (f": {due.item}" if due.item else "")
    if due.reason == "new_item":
        return translate("CheckBackStrip", "first time: {0}").format(due.item)
    if due.reason == "new_regular":
        return i18n.numbers(translate("CheckBackStrip", "day {0} of {1}"), due.day, NEW_REGULAR_DAYS)
    if due.reason == "milestone":
        return i18n.numbers(translate("CheckBackStrip", "visit {0}"), due.visits)
    return due.item or translate("CheckBackStrip", "a stamp")


def key_of(due: CheckBackDue) -> tuple[int | None, int | None]:
    return due.visit_id, due.stamp_id


class CheckBackModel(QAbstractListModel):
    """The regulars due for a check-back now: highest reason first, then who was served first."""

    def __init__(self, now: Callable[[], Any], parent: QWidget | None = None):
        super().__init__(parent)
        self._now = now
        self._waiting: dict[int, CheckBackDue] = {}  # by regular: their newest visit waiting
        self._dismissed: set[tuple[int | None, int | None]] = set()
        self.rows: list[CheckBackDue] = []

    def offer(self, customer_id: int, due: CheckBackDue | None) -> None:
        """What the core says is waiting for this regular now (None: nothing, e.g. answered)."""
        if due is None or key_of(due) in self._dismissed:
            self._waiting.pop(customer_id, None)
        else:
            self._waiting[customer_id] = due
        self.tick()

    def offer_all(self, due: list[CheckBackDue]) -> None:
        self._waiting = {d.customer_id: d for d in due if key_of(d) not in self._dismissed}
        self.tick()

    def dismiss(self, due: CheckBackDue) -> None:
        """Gone from the strip, nothing recorded."""
        self._dismissed.add(key_of(due))
        self._waiting.pop(due.customer_id, None)
        self.tick()

    def tick(self) -> None:
        now = self._now()
        for customer_id, due in list(self._waiting.items()):
            if due.expires_at <= now:
                del self._waiting[customer_id]
        shown = sorted((d for d in self._waiting.values() if d.due_at <= now), key=lambda d: (d.rank, d.served_at))
        shown = shown[:MAX_SHOWN]
        if shown != self.rows:
            self.beginResetModel()
            self.rows = shown
            self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        due = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{due.first_name}{i18n.sep()}{reason_text(due)}"
        if role == Qt.ItemDataRole.UserRole:
            return due
        return None


class AnswerBar(QFrame):
    """All good / Not quite / Note…: one tap, or a short note. Used by the strip and the panel."""

    answered = Signal(str, str)  # result (good | not | note), the note's text

    def __init__(self, parent: QWidget | None = None, dismiss: bool = False):
        super().__init__(parent)
        v = QVBoxLayout(self)
        v.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        self.question = QLabel()
        self.question.setWordWrap(True)
        row.addWidget(self.question, 1)
        self.good_button = QPushButton(self.tr("All good"))
        theme.set_kind(self.good_button, "primary")
        self.not_button = QPushButton(self.tr("Not quite"))
        self.note_button = QPushButton(self.tr("Note…"))
        self.good_button.clicked.connect(lambda: self.answered.emit("good", ""))
        self.not_button.clicked.connect(lambda: self.answered.emit("not", ""))
        self.note_button.clicked.connect(self._open_note)
        for button in (self.good_button, self.not_button, self.note_button):
            row.addWidget(button)
        self.dismiss_button = QPushButton(self.tr("Dismiss"))
        self.dismiss_button.setVisible(dismiss)
        row.addWidget(self.dismiss_button)
        v.addLayout(row)
        note = QHBoxLayout()
        self.note = QLineEdit()
        self.note.setAccessibleName(self.tr("What did they say?"))
        self.note.setPlaceholderText(self.tr("What did they say?"))
        self.note.returnPressed.connect(self._save_note)
        self.save_note = QPushButton(self.tr("Save note"))
        self.save_note.clicked.connect(self._save_note)
        note.addWidget(self.note, 1)
        note.addWidget(self.save_note)
        self.note_row = QWidget()
        self.note_row.setLayout(note)
        self.note_row.hide()
        v.addWidget(self.note_row)

    def reset(self, question: str) -> None:
        self.question.setText(question)
        self.note.clear()
        self.note_row.hide()

    def _open_note(self) -> None:
        self.note_row.show()
        self.note.setFocus()

    def _save_note(self) -> None:
        if self.note.text().strip():
            self.answered.emit("note", self.note.text())


class CheckBackStrip(QFrame):
    """The strip: who to check back on, and the answer bar for the one tapped."""

    answer = Signal(object, str, str)  # the CheckBackDue, result, text

    def __init__(self, now: Callable[[], Any], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("checkbackStrip")
        self.model = CheckBackModel(now, self)
        self.selected: CheckBackDue | None = None
        v = QVBoxLayout(self)
        v.setContentsMargins(12, 8, 12, 8)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("CHECK BACK"), objectName="sectionTitle"))
        self.list = strip_list(self.model, self.tr("Regulars to check back on"), 40)
        self.list.clicked.connect(self._chosen)
        top.addWidget(self.list, 1)
        v.addLayout(top)
        self.bar = AnswerBar(self, dismiss=True)
        self.bar.answered.connect(self._answered)
        self.bar.dismiss_button.clicked.connect(self._dismissed)
        self.bar.hide()
        v.addWidget(self.bar)
        self.model.modelReset.connect(self._rows_changed)
        self.setVisible(False)

    def choose(self, row: int) -> None:
        self._chosen(self.model.index(row))

    def _chosen(self, index: QModelIndex) -> None:
        due = index.data(Qt.ItemDataRole.UserRole)
        if due is None:
            return
        self.selected = due
        self.list.setCurrentIndex(index)
        if due.item:
            question = self.tr("Ask {0} how the {1} was.").format(i18n.isolate(due.first_name), i18n.isolate(due.item))
        else:
            question = self.tr("Ask {0} if everything was all right.").format(i18n.isolate(due.first_name))
        self.bar.reset(question)
        self.bar.show()

    def _answered(self, result: str, text: str) -> None:
        if self.selected is not None:
            self.answer.emit(self.selected, result, text)

    def _dismissed(self) -> None:
        if self.selected is not None:
            self.model.dismiss(self.selected)

    def done(self, due: CheckBackDue) -> None:
        """The answer was recorded: the entry goes."""
        self.model.dismiss(due)

    def _rows_changed(self) -> None:
        rows = self.model.rows
        if self.selected is not None and self.selected not in rows:
            self.selected = None
            self.bar.hide()
        self.setVisible(bool(rows))

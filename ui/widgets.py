"""Small widgets every screen uses: the message banner, the "Save as" dialog, a list model."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSize,
    Qt,
)
from PySide6.QtGui import QAccessible, QAccessibleEvent

try:  # Qt 6.8+
    from PySide6.QtGui import QAccessibleAnnouncementEvent
except ImportError:  # pragma: no cover - older Qt: the name change is reported instead
    QAccessibleAnnouncementEvent = None  # type: ignore[assignment,misc]
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QAbstractSpinBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QLabel,
    QLineEdit,
    QListView,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from cafe_loyalty.errors import CafeError
from cafe_loyalty.text import ascii_digits

from . import i18n


class RowsListModel(QAbstractListModel):
    """A list model over ``rows`` replaced as a whole; subclasses say what a row shows."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.rows: list[Any] = []

    def set_rows(self, rows: list[Any]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)


def strip_list(model: QAbstractListModel, name: str, height: int = 44) -> QListView:
    """One row of chips that does not scroll: the check-back and the checked-in strips."""
    view = QListView()
    view.setModel(model)
    view.setFlow(QListView.Flow.LeftToRight)
    view.setWrapping(False)
    view.setSpacing(4)
    view.setFixedHeight(height)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    view.setAccessibleName(name)
    return view


def save_dialog(parent: QWidget, title: str, name: str, kind: str) -> QFileDialog:
    """A non-modal "Save as" dialog (Qt's own, so it looks the same everywhere)."""
    dialog = QFileDialog(parent, title, str(Path.home() / name), f"{kind.upper()} (*.{kind})")
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setDefaultSuffix(kind)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    return dialog


class Banner(QLabel):
    """A one-line message: what just happened, or what went wrong."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("banner")
        self.setWordWrap(True)
        self.hide()

    def say(self, text: str, tone: str = "ok") -> None:
        self.setProperty("tone", tone)
        self.style().unpolish(self)
        self.style().polish(self)
        self.setText(text)
        self.show()
        announce(self, text)

    def said_error(self, error: Exception) -> bool:
        """Say a service's error here (an operation's ``on_error``): True when it was one
        meant for a person; anything else is a bug and goes on to the till's handler."""
        if isinstance(error, CafeError):
            self.say(i18n.error_text(error), "error")
            return True
        return False


def announce(widget: QWidget, text: str) -> None:
    """Tell a screen reader what just happened (stamped, refused, reward ready) as well as
    showing it: an announcement on Qt 6.8 and later; before, the label's new name is reported."""
    widget.setAccessibleName(text)
    if not QAccessible.isActive():
        return
    if QAccessibleAnnouncementEvent is not None:
        QAccessible.updateAccessibility(QAccessibleAnnouncementEvent(widget, text))
    else:
        QAccessible.updateAccessibility(QAccessibleEvent(widget, QAccessible.Event.NameChanged))


def selected_row(view: QListView, banner: Banner, hint: str) -> int | None:
    """The row chosen in ``view``, or None after saying ``hint`` in ``banner``."""
    index = view.currentIndex()
    if not index.isValid():
        banner.say(hint, "warn")
        return None
    return index.row()


class FitScroll(QScrollArea):
    """A scroll area as tall as what it holds while the screen has room, and scrolling when it
    has not (a long form in large text on a 768-pixel screen). Qt's own QScrollArea asks for
    at most 24 lines, so a dialog would scroll even on a large screen."""

    def __init__(self, inner: QWidget, parent: QWidget | None = None):
        super().__init__(parent, objectName="tabScroll")
        self.setWidget(inner)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Qt's scroll area does not pass on that what it holds wants another size (a longer
        # label, a larger font): without this the dialog keeps the size of its first layout.
        if watched is self.widget() and event.type() == QEvent.Type.LayoutRequest:
            self.updateGeometry()
        return super().eventFilter(watched, event)

    def sizeHint(self) -> QSize:
        inner = self.widget().sizeHint()
        return QSize(inner.width() + self.verticalScrollBar().sizeHint().width(), inner.height())

    def minimumSizeHint(self) -> QSize:
        inner = self.widget().minimumSizeHint()
        return QSize(inner.width() + self.verticalScrollBar().sizeHint().width(), min(inner.height(), 160))


class SecretPair(QObject):
    """A secret typed twice (a passphrase, a PIN). Nobody sees it as it is typed, so a slip of
    the finger would set one its owner does not know: a backup nobody can open, a lock-out."""

    def __init__(
        self,
        form: QFormLayout,
        label: str,
        placeholder: str = "",
        again_placeholder: str = "",
        parent: QObject | None = None,
    ):
        super().__init__(parent)
        self.first, self.again = QLineEdit(), QLineEdit()
        for field in (self.first, self.again):
            field.setEchoMode(QLineEdit.EchoMode.Password)
            field.setInputMethodHints(self._hints())
        self.first.setPlaceholderText(placeholder)
        self.again.setPlaceholderText(again_placeholder)
        # Named contexts: tr() on a subclass would look under the subclass's name.
        self.again.setAccessibleName(QCoreApplication.translate("SecretPair", "{0} again").format(label))
        form.addRow(label, self.first)
        form.addRow(QCoreApplication.translate("SecretPair", "Again"), self.again)

    def _hints(self) -> Qt.InputMethodHint:
        return Qt.InputMethodHint.ImhSensitiveData

    def _fold(self, text: str) -> str:
        return text

    def text(self) -> str | None:
        """The secret, or None when the two differ."""
        first, second = self._fold(self.first.text()), self._fold(self.again.text())
        return first if first == second else None

    def clear(self) -> None:
        self.first.clear()
        self.again.clear()


class PinPair(SecretPair):
    """A PIN typed twice; digits compared as typed, Persian or not."""

    def __init__(self, form: QFormLayout, label: str, placeholder: str = "", parent: QObject | None = None):
        super().__init__(form, label, placeholder, QCoreApplication.translate("PinPair", "The same PIN again"), parent)
        self.pin = self.first

    def _hints(self) -> Qt.InputMethodHint:
        return Qt.InputMethodHint.ImhDigitsOnly | Qt.InputMethodHint.ImhSensitiveData

    def _fold(self, text: str) -> str:
        return ascii_digits(text.strip())

    def mismatch(self) -> str:
        return self.tr("The two PINs are not the same. Type the PIN again in both fields.")


class WheelGuard(QObject):
    """The mouse wheel never changes a drop-down or a number box that does not have focus: it
    scrolls the form around it instead. (Scrolling Owner ▸ Customer side once turned "Listen on"
    to another address under the pointer.) Installed on each such box by :func:`guard_wheels`."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.Wheel or not isinstance(watched, QComboBox | QAbstractSpinBox):
            return False
        if watched.hasFocus():
            return False
        area = watched.parentWidget()
        while area is not None and not isinstance(area, QAbstractScrollArea):
            area = area.parentWidget()
        if area is not None:
            QCoreApplication.sendEvent(area.verticalScrollBar(), event)
        return True  # taken: the box keeps its value


def guard_wheels(root: QWidget) -> None:
    """Every drop-down and number box under ``root`` (a dialog's whole form) behind one
    :class:`WheelGuard`, taking focus by click or Tab only."""
    guard = root.findChild(WheelGuard) or WheelGuard(root)
    for box in root.findChildren(QComboBox) + root.findChildren(QAbstractSpinBox):
        box.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        box.installEventFilter(guard)


def titled_section(layout: QVBoxLayout, title: str, hint: str) -> QLabel:
    """A section's capital title and the wrapped hint under it (the owner's tabs use many)."""
    layout.addWidget(QLabel(title, objectName="sectionTitle"))
    note = QLabel(hint, objectName="hint")
    note.setWordWrap(True)
    layout.addWidget(note)
    return note

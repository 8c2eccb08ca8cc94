"""What "nothing is clipped" means for a window, as a list of problems (issue #19, large text).

A widget's text is clipped when the widget is narrower or lower than the text needs: Qt's
labels and buttons cut text off rather than grow past their layout. A widget is hidden from the
person when it lies outside the window, or outside the visible part of a scroll area that cannot
scroll that way. Word-wrapped labels must be tall enough for their wrapped lines.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QFontMetrics, Qt, QTextDocument  # QtGui's Qt has mightBeRichText
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QTabBar,
    QToolButton,
    QWidget,
)


def _plain(label: QLabel) -> str:
    text = label.text()
    if label.textFormat() == Qt.TextFormat.RichText or (
        label.textFormat() == Qt.TextFormat.AutoText and Qt.mightBeRichText(text)
    ):
        doc = QTextDocument()
        doc.setHtml(text)
        return doc.toPlainText()
    return text


def _text_width(widget: QWidget, text: str) -> int:
    """As Qt measures it when it lays the text out (a bounding box, not the advance)."""
    metrics = QFontMetrics(widget.font())
    return metrics.boundingRect(QRect(0, 0, 100_000, 100_000), 0, text).width()


def _name(widget: QWidget) -> str:
    text = getattr(widget, "text", None)
    said = text() if callable(text) else ""
    return f"{type(widget).__name__}({said or widget.objectName() or widget.accessibleName()!r})"


def clipped_text(widget: QWidget) -> str | None:
    """Why ``widget`` cuts its own text off, or None."""
    metrics = QFontMetrics(widget.font())
    if isinstance(widget, QLabel) and widget.pixmap().isNull() and widget.text():
        text = _plain(widget)
        room = widget.contentsRect()
        if widget.wordWrap():
            needed = widget.heightForWidth(widget.width())
            if needed > widget.height() + 1:
                return f"wraps to {needed} px in {widget.height()} px"
            return None
        width = _text_width(widget, text)
        if width > room.width() + 1:
            return f"needs {width} px, has {room.width()}"
        lines = text.count("\n") + 1
        if metrics.height() * lines > room.height() + 1:
            return f"needs {metrics.height() * lines} px high, has {room.height()}"
        return None
    if isinstance(widget, QPushButton | QToolButton | QCheckBox | QRadioButton) and widget.text():
        hint = widget.sizeHint()
        if widget.width() + 1 < hint.width() or widget.height() + 1 < min(hint.height(), metrics.height() + 4):
            return f"needs {hint.width()}x{hint.height()} px, has {widget.width()}x{widget.height()}"
        return None
    if isinstance(widget, QComboBox) and widget.currentText():
        needed = _text_width(widget, widget.currentText()) + 40  # the text, its padding, the arrow
        if needed > widget.width() + 1:
            return f"shows {widget.currentText()!r} in {widget.width()} px, needs {needed}"
        if widget.height() < metrics.height() + 4:
            return f"{widget.height()} px high for {metrics.height()} px text"
        return None
    if isinstance(widget, QLineEdit | QAbstractSpinBox):
        if widget.height() < metrics.height() + 4:
            return f"{widget.height()} px high for {metrics.height()} px text"
        return None
    if isinstance(widget, QTabBar):
        for index in range(widget.count()):
            needed = _text_width(widget, widget.tabText(index))
            if widget.tabRect(index).width() < needed:
                return f"tab {widget.tabText(index)!r} is {widget.tabRect(index).width()} px for {needed}"
    return None


def out_of_sight(widget: QWidget, window: QWidget) -> str | None:
    """Why part of ``widget`` cannot be seen (outside the window, or outside a scroll area
    that does not scroll that way), or None. Scrolling to a widget is not clipping it."""
    rect = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        if isinstance(parent, QAbstractScrollArea) and not isinstance(parent, QScrollArea):
            break  # a list or text view: its own items scroll inside it
        if isinstance(parent, QScrollArea):
            view = QRect(parent.viewport().mapTo(window, QPoint(0, 0)), parent.viewport().size())
            sideways = parent.horizontalScrollBarPolicy() != Qt.ScrollBarPolicy.ScrollBarAlwaysOff
            down = parent.verticalScrollBarPolicy() != Qt.ScrollBarPolicy.ScrollBarAlwaysOff
            inner = parent.widget()
            if inner is not None:
                whole = QRect(inner.mapTo(window, QPoint(0, 0)), inner.size())
                if (not sideways and whole.width() > view.width() + 1) or (
                    not down and whole.height() > view.height() + 1
                ):
                    return "wider or taller than a scroll area that cannot scroll that way"
            return None  # anything else inside can be scrolled to
        parent = parent.parentWidget()
    frame = window.rect()
    if not frame.adjusted(-1, -1, 1, 1).contains(rect):
        return f"at {rect.getRect()}, outside the window {frame.getRect()}"
    return None


def problems(window: QWidget) -> list[str]:
    """Every visible widget of ``window`` whose text is cut off or which lies out of sight,
    once the layouts asked for have been done (wrapped text can take a second pass)."""
    for _ in range(3):
        QApplication.processEvents()
    found = []
    for widget in window.findChildren(QWidget):
        if not widget.isVisibleTo(window) or not widget.isVisible():
            continue
        if isinstance(widget.parentWidget(), QLineEdit | QAbstractSpinBox | QComboBox):
            continue  # a part of a control (its clear button, its arrows)
        why = clipped_text(widget) or (
            out_of_sight(widget, window)
            if isinstance(widget, QLabel | QAbstractButton | QLineEdit | QComboBox | QAbstractSpinBox)
            else None
        )
        if why:
            found.append(f"{_name(widget)}: {why}")
    return found

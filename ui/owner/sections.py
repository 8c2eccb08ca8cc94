"""A list of sections beside their pages: the owner screen's navigation.

Eight tabs did not fit side by side: the last hid behind scroll arrows (blank boxes in the dark
theme), and at 200 % text or in Persian more of them did. A sidebar holds any number of
sections at any text size, each with an icon and its whole name, and flips to the right in a
right-to-left language by itself. It offers the few calls of ``QTabWidget`` the owner screen and
its tests use, so a section is still "a tab" to the code.
"""

from __future__ import annotations

from cafe_loyalty_ui import icons, theme
from PySide6.QtCore import QItemSelectionModel, QModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QHBoxLayout, QListView, QStackedWidget, QWidget


class SectionList(QListView):
    """The sidebar: as wide as its longest name (at the current text size), never eliding."""

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        return QSize(max(self.needed_width(), theme.px(150)), hint.height())

    def needed_width(self) -> int:
        """The longest name in the sidebar's bold type, its icon, and the style sheet's
        paddings (the item's 10 px each side, the list's 6 px, a gap after the icon)."""
        bold = QFont(self.font())
        bold.setWeight(QFont.Weight.DemiBold)
        metrics = QFontMetrics(bold)
        model = self.model()
        longest = max(
            (metrics.horizontalAdvance(str(model.index(r, 0).data())) for r in range(model.rowCount())), default=0
        )
        return longest + self.iconSize().width() + 2 * self.frameWidth() + theme.px(2 * 10 + 2 * 6 + 12 + 8)

    def minimumSizeHint(self) -> QSize:
        return QSize(self.sizeHint().width(), theme.px(120))


class Sections(QWidget):
    currentChanged = Signal(int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = QStandardItemModel(self)
        self.list = SectionList()
        self.list.setObjectName("sections")
        self.list.setModel(self.model)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setIconSize(QSize(theme.px(20), theme.px(20)))
        self.list.setSpacing(theme.px(2))
        self.list.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setAccessibleName(self.tr("Sections"))
        self.stack = QStackedWidget()
        self.stack.setObjectName("sectionPages")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(theme.px(16))
        layout.addWidget(self.list)
        layout.addWidget(self.stack, 1)
        self.list.selectionModel().currentChanged.connect(self._chosen)

    def addTab(self, page: QWidget, title: str, icon: str = "") -> int:
        item = QStandardItem(title)
        item.setToolTip(title)
        item.setSizeHint(QSize(0, theme.px(40)))
        if icon:
            item.setIcon(icons.icon(icon))
        self.model.appendRow(item)
        index = self.stack.addWidget(page)
        if index == 0:
            self.setCurrentIndex(0)
        self.list.updateGeometry()
        return index

    def _chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid() and current.row() != self.stack.currentIndex():
            self.stack.setCurrentIndex(current.row())
            self.currentChanged.emit(current.row())

    def count(self) -> int:
        return self.stack.count()

    def currentIndex(self) -> int:
        return self.stack.currentIndex()

    def setCurrentIndex(self, index: int) -> None:
        self.list.selectionModel().setCurrentIndex(
            self.model.index(index, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
        )

    def currentWidget(self) -> QWidget:
        return self.stack.currentWidget()

    def setCurrentWidget(self, page: QWidget) -> None:
        self.setCurrentIndex(self.stack.indexOf(page))

    def widget(self, index: int) -> QWidget:
        return self.stack.widget(index)

    def indexOf(self, page: QWidget) -> int:
        return self.stack.indexOf(page)

    def tabText(self, index: int) -> str:
        return self.model.item(index).text()

    def tabBar(self) -> QListView:
        """Where the keyboard moves between sections (Tab reaches it, the arrows choose)."""
        return self.list

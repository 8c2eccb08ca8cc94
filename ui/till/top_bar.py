"""The till's top bar: the café's name, the search field (a card scanner types into it), New
regular, Print cards, Scan, the customer display's menu, Owner, and who is at the till.

Built onto the window (the widgets are its attributes, as the window's presenters and the tests
reach them); its words are translated in the window's own context."""

from __future__ import annotations

from typing import TYPE_CHECKING

from cafe_loyalty_ui import icons, theme
from cafe_loyalty_ui.camera import available_cameras
from PySide6.QtCore import QCoreApplication, QSize, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QStyle,
    QStyleOptionFrame,
    QToolButton,
    QWidget,
)

if TYPE_CHECKING:
    from cafe_loyalty_ui.till.window import TillWindow


def build_top_bar(window: TillWindow) -> QWidget:
    # top bar
    bar = QWidget(objectName="topBar")
    bar.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
    top = QHBoxLayout(bar)
    top.setContentsMargins(24, 14, 24, 14)
    top.setSpacing(16)
    logo = QLabel()
    logo.setPixmap(icons.app_icon().pixmap(40, 40))
    top.addWidget(logo)
    window.cafe_name = QLabel(window.settings["cafe_name"], objectName="cafeName")
    top.addWidget(window.cafe_name)
    # A chain's till says which branch it stands in; a single café's says nothing more.
    window.branch_name = QLabel("", objectName="branchName")
    window.branch_name.hide()
    top.addWidget(window.branch_name)
    window.search = QLineEdit(objectName="search")
    window.search.setPlaceholderText(QCoreApplication.translate("TillWindow", "Search a name, phone or card code…"))
    # The magnifier only says what the box is for: a picture inside it, not a button (a
    # line edit's action is a 22 x 18 button on the accessibility bus that did nothing).
    window.glass = QLabel(window.search, objectName="searchGlass")
    window.glass.setPixmap(icons.pixmap("search", theme.MUTED, 20))
    window.glass.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
    window.glass.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    window.search.setFixedHeight(theme.px(50))
    window.search.setAccessibleName(QCoreApplication.translate("TillWindow", "Search regulars"))
    top.addWidget(window.search, 1)
    # Qt's own clear button in a line edit is 22 x 18 pixels: too small for a wet finger.
    window.clear_button = QPushButton(icons.icon("close"), "")
    window.clear_button.setFixedSize(QSize(theme.px(50), theme.px(50)))
    window.clear_button.setIconSize(QSize(22, 22))
    window.clear_button.setToolTip(QCoreApplication.translate("TillWindow", "Clear the search (Esc)"))
    window.clear_button.setAccessibleName(QCoreApplication.translate("TillWindow", "Clear the search"))
    window.clear_button.clicked.connect(window.clear)
    window.clear_button.hide()
    top.addWidget(window.clear_button)
    window.add_button = QPushButton(
        icons.icon("user-plus", theme.ON_ACCENT), QCoreApplication.translate("TillWindow", "New regular")
    )
    theme.set_kind(window.add_button, "primary")
    window.add_button.setIconSize(QSize(22, 22))
    window.add_button.setMinimumHeight(48)
    window.add_button.clicked.connect(lambda: window.forms.open_new_customer(""))
    top.addWidget(window.add_button)
    window.batch_button = QPushButton(icons.icon("printer"), QCoreApplication.translate("TillWindow", "Print cards"))
    window.batch_button.setIconSize(QSize(22, 22))
    window.batch_button.setMinimumHeight(48)
    window.batch_button.clicked.connect(window.owner.open_batch_print)
    top.addWidget(window.batch_button)
    window.camera_button = QPushButton(icons.icon("scan"), QCoreApplication.translate("TillWindow", "Scan"))
    window.camera_button.setToolTip(QCoreApplication.translate("TillWindow", "Scan a card with the camera"))
    window.camera_button.setIconSize(QSize(22, 22))
    window.camera_button.setMinimumHeight(48)
    window.camera_button.clicked.connect(window.owner.open_camera)
    window.camera_button.setVisible(bool(available_cameras()))
    top.addWidget(window.camera_button)
    window.display_button = QToolButton(objectName="menuButton")
    window.display_button.setIcon(icons.icon("monitor"))
    window.display_button.setText(QCoreApplication.translate("TillWindow", "Display"))
    window.display_button.setToolTip(
        QCoreApplication.translate("TillWindow", "The customer display, on a screen facing the customer")
    )
    window.display_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    window.display_button.setIconSize(QSize(22, 22))
    window.display_button.setMinimumHeight(48)
    window.display_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
    window.display_menu = QMenu(window.display_button)
    window.display_menu.aboutToShow.connect(window.display_link._fill_display_menu)
    window.display_button.setMenu(window.display_menu)
    top.addWidget(window.display_button)
    window.owner_button = QPushButton(icons.icon("lock"), QCoreApplication.translate("TillWindow", "Owner"))
    window.owner_button.setIconSize(QSize(22, 22))
    window.owner_button.setMinimumHeight(48)
    window.owner_button.setToolTip(QCoreApplication.translate("TillWindow", "Backups, settings and staff (owner PIN)"))
    window.owner_button.clicked.connect(lambda: window.owner.open_owner())
    top.addWidget(window.owner_button)
    window.staff_combo = QComboBox()
    window.staff_combo.setToolTip(QCoreApplication.translate("TillWindow", "Who is at the till"))
    window.staff_combo.setAccessibleName(QCoreApplication.translate("TillWindow", "Who is at the till"))
    window.staff_combo.setMinimumHeight(44)
    window.load_staff()
    top.addWidget(window.staff_combo)
    return bar


def search_text_width(field: QLineEdit) -> int:
    """The width a line edit's text (or hint) has: its contents less the style sheet's padding
    and border, the text margins (the magnifier's room) and Qt's own two pixels a side."""
    option = QStyleOptionFrame()
    field.initStyleOption(option)
    contents = field.style().subElementRect(QStyle.SubElement.SE_LineEditContents, option, field)
    margins = field.textMargins()
    return contents.width() - margins.left() - margins.right() - 4


def fit_search_hint(search: QLineEdit) -> None:
    """The search box's hint in full when it fits, else a shorter form: a chain's till names
    its branch too, and at 1366 pixels the full hint was cut in the middle of a word (the
    box's tooltip still says it all). Called as the box is resized."""
    hints = [
        QCoreApplication.translate("TillWindow", "Search a name, phone or card code…"),
        QCoreApplication.translate("TillWindow", "Name, phone or code…"),
        QCoreApplication.translate("TillWindow", "Search…"),
    ]
    room = search_text_width(search)
    metrics = search.fontMetrics()
    hint = next((h for h in hints if metrics.horizontalAdvance(h) <= room), hints[-1])
    if search.placeholderText() != hint:
        search.setPlaceholderText(hint)

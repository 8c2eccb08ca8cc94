"""Colours and the style sheet: warm, calm, high contrast, big touch targets."""

from __future__ import annotations

import re

from PySide6.QtGui import QColor, QFont, QFontInfo
from PySide6.QtWidgets import QApplication

# Every colour by its role, in three palettes: the café's warm light one (the default), a dark
# one for evening cafés, and a high-contrast one. Screens read the roles from this module when
# they paint, so switching is a rebuild of the windows (as a language switch is).
PALETTES: dict[str, dict[str, str]] = {
    "light": {
        "CREAM": "#F7F3EE",  # the window
        "SURFACE": "#FFFFFF",  # panels, fields, buttons
        "INK": "#2B2118",  # text
        "MUTED": "#6E6053",  # quieter text: 5.4:1 or better on every background here (WCAG AA)
        "HEADING": "#6B4226",  # names, titles, links
        "ESPRESSO": "#6B4226",  # filled slots, the café's colour in drawings
        "ESPRESSO_DARK": "#4E2F1B",
        "ACCENT": "#6B4226",  # the main buttons
        "ACCENT_HOVER": "#4E2F1B",
        "ON_ACCENT": "#FFFFFF",
        "CARAMEL": "#C8843A",  # focus rings, head-start outlines
        "GOLD": "#E0B04A",  # head-start slots
        "GOLD_SOFT": "#FBF1DA",
        "GREEN": "#2E7D5B",  # a full card
        "GREEN_DARK": "#23634A",
        "SUCCESS": "#2E7D5B",
        "SUCCESS_HOVER": "#23634A",
        "ON_SUCCESS": "#FFFFFF",
        "LINE": "#E6DDD3",
        "DANGER": "#B3261E",
        "DANGER_SOFT": "#FBE9E7",
        "AMBER_SOFT": "#FFF4E0",
        "WARN_TEXT": "#8A5A12",
        "OK_SOFT": "#E5F2EC",
        "OK_TEXT": "#23634A",
        "BIRTHDAY_SOFT": "#FCE8F1",
        "BIRTHDAY_TEXT": "#A3245F",
        "BIRTHDAY": "#C2185B",
        "SLOT_NUMBER": "#C9BCAF",
        "SCROLL": "#D6CABD",
        "DISABLED_TEXT": "#B9AEA4",
        "DISABLED_BG": "#F3EEE8",
        "DISABLED_LINE": "#EEE6DD",
        "PRIMARY_DISABLED_BG": "#CDBFB2",
        "SUCCESS_DISABLED_BG": "#CFE0D8",
        "ON_DISABLED": "#F7F3EE",
        "ICON": "#3B2A1E",
    },
    "dark": {
        "CREAM": "#171310",
        "SURFACE": "#231D18",
        "INK": "#F3ECE4",
        "MUTED": "#BBAC9C",
        "HEADING": "#E8B98A",
        "ESPRESSO": "#B9835A",
        "ESPRESSO_DARK": "#D39B6E",
        "ACCENT": "#E8B98A",
        "ACCENT_HOVER": "#F2CDA6",
        "ON_ACCENT": "#1B140F",
        "CARAMEL": "#D9964A",
        "GOLD": "#E0B04A",
        "GOLD_SOFT": "#3A2F1D",
        "GREEN": "#4FB386",
        "GREEN_DARK": "#8FE0B5",
        "SUCCESS": "#6FCF9F",
        "SUCCESS_HOVER": "#8FE0B5",
        "ON_SUCCESS": "#0E1A14",
        "LINE": "#3D332B",
        "DANGER": "#FF9C8F",
        "DANGER_SOFT": "#3B1F1C",
        "AMBER_SOFT": "#3A2E1A",
        "WARN_TEXT": "#F0C27A",
        "OK_SOFT": "#1D3329",
        "OK_TEXT": "#8FE0B5",
        "BIRTHDAY_SOFT": "#3A1D2B",
        "BIRTHDAY_TEXT": "#F5A3C7",
        "BIRTHDAY": "#E0528F",
        "SLOT_NUMBER": "#6E6257",
        "SCROLL": "#4A3F35",
        "DISABLED_TEXT": "#6E6257",
        "DISABLED_BG": "#2A231D",
        "DISABLED_LINE": "#332B24",
        "PRIMARY_DISABLED_BG": "#4A3F35",
        "SUCCESS_DISABLED_BG": "#2B3A32",
        "ON_DISABLED": "#8F8478",
        "ICON": "#F3ECE4",
    },
    "contrast": {
        "CREAM": "#FFFFFF",
        "SURFACE": "#FFFFFF",
        "INK": "#000000",
        "MUTED": "#333333",
        "HEADING": "#3B1F0E",
        "ESPRESSO": "#3B1F0E",
        "ESPRESSO_DARK": "#000000",
        "ACCENT": "#000000",
        "ACCENT_HOVER": "#333333",
        "ON_ACCENT": "#FFFFFF",
        "CARAMEL": "#8A4B00",
        "GOLD": "#FFC400",
        "GOLD_SOFT": "#FFF0B3",
        "GREEN": "#005A30",
        "GREEN_DARK": "#00401F",
        "SUCCESS": "#005A30",
        "SUCCESS_HOVER": "#00401F",
        "ON_SUCCESS": "#FFFFFF",
        "LINE": "#000000",
        "DANGER": "#A00000",
        "DANGER_SOFT": "#FFE5E5",
        "AMBER_SOFT": "#FFF0B3",
        "WARN_TEXT": "#5C3A00",
        "OK_SOFT": "#E0F5E9",
        "OK_TEXT": "#00401F",
        "BIRTHDAY_SOFT": "#FFE0EE",
        "BIRTHDAY_TEXT": "#7A0040",
        "BIRTHDAY": "#7A0040",
        "SLOT_NUMBER": "#333333",
        "SCROLL": "#666666",
        "DISABLED_TEXT": "#595959",
        "DISABLED_BG": "#EEEEEE",
        "DISABLED_LINE": "#999999",
        "PRIMARY_DISABLED_BG": "#999999",
        "SUCCESS_DISABLED_BG": "#999999",
        "ON_DISABLED": "#FFFFFF",
        "ICON": "#000000",
    },
}
THEMES = tuple(PALETTES)

AVATAR_COLOURS = ["#6B4226", "#2E7D5B", "#8E4B7A", "#2F5D8A", "#B5642A", "#5B6B2E", "#7A4E3A", "#3E6E6E"]

_TEMPLATE = """
QWidget {{ color: {INK}; font-size: 15px; }}
QMainWindow, #till {{ background: {CREAM}; }}
#topBar {{ background: {SURFACE}; border-bottom: 1px solid {LINE}; }}
#cafeName {{ font-size: 20px; font-weight: 700; color: {HEADING}; }}
#branchName {{ font-size: 16px; font-weight: 600; color: {MUTED}; }}
QLineEdit, QTextEdit, QPlainTextEdit, QSpinBox, QComboBox {{
    background: {SURFACE}; border: 1px solid {LINE}; border-radius: 10px; padding: 8px 12px;
    selection-background-color: {CARAMEL};
}}
QLineEdit:focus, QTextEdit:focus, QPlainTextEdit:focus, QComboBox:focus {{ border: 2px solid {CARAMEL}; }}
#search {{ font-size: 19px; padding: 4px 12px; border-radius: 14px; }}
#tabScroll, #tabScroll > QWidget, #tabScroll > QWidget > QWidget {{ background: transparent; }}
QComboBox {{ padding-right: 28px; }}
QSpinBox::up-button, QSpinBox::down-button {{ width: 22px; border: none; background: transparent; }}
QComboBox::drop-down {{ border: none; width: 26px; }}
QPushButton {{
    background: {SURFACE}; border: 1px solid {LINE}; border-radius: 12px; padding: 10px 18px;
    font-weight: 600; min-height: 28px;
}}
QPushButton:hover {{ border-color: {CARAMEL}; }}
QToolButton#cardButton, QToolButton#menuButton {{
    background: {SURFACE}; border: 1px solid {LINE}; border-radius: 12px; padding: 10px 14px;
    font-weight: 600; min-height: 28px;
}}
QToolButton#cardButton:hover, QToolButton#menuButton:hover {{ border-color: {CARAMEL}; }}
QToolButton#cardButton::menu-indicator, QToolButton#menuButton::menu-indicator {{ image: none; width: 0; }}
QMenu {{ background: {SURFACE}; border: 1px solid {LINE}; padding: 6px; }}
QMenu::item {{ padding: 10px 22px; border-radius: 8px; }}
QMenu::item:selected {{ background: {GOLD_SOFT}; color: {INK}; }}
QPushButton:pressed {{ background: {GOLD_SOFT}; }}
QPushButton:disabled {{ color: {DISABLED_TEXT}; background: {DISABLED_BG}; border-color: {DISABLED_LINE}; }}
QPushButton[kind="primary"] {{ background: {ACCENT}; color: {ON_ACCENT}; border: none; }}
QPushButton[kind="primary"]:hover {{ background: {ACCENT_HOVER}; }}
QPushButton[kind="primary"]:disabled {{ background: {PRIMARY_DISABLED_BG}; color: {ON_DISABLED}; }}
QPushButton[kind="success"] {{ background: {SUCCESS}; color: {ON_SUCCESS}; border: none; }}
QPushButton[kind="success"]:hover {{ background: {SUCCESS_HOVER}; }}
QPushButton[kind="success"]:disabled {{ background: {SUCCESS_DISABLED_BG}; color: {ON_DISABLED}; }}
QPushButton[kind="big"] {{ font-size: 20px; min-height: 44px; border-radius: 14px; }}
QPushButton[kind="link"] {{ background: transparent; border: none; color: {HEADING}; padding: 4px 8px;
    min-height: 36px; }}
#panel, #panelInfo, #panelActions {{ background: {SURFACE}; }}
#panel {{ border-left: 1px solid {LINE}; }}
#panelActions {{ border-top: 1px solid {LINE}; }}
#greeting {{ font-size: 15px; color: {MUTED}; }}
#firstName {{ font-size: 34px; font-weight: 800; color: {INK}; }}
#lastName {{ font-size: 16px; color: {MUTED}; }}
#usualBox {{ background: {GOLD_SOFT}; border-radius: 12px; }}
#usualLabel {{ font-size: 17px; font-weight: 600; }}
#notesBox {{ background: {AMBER_SOFT}; border-radius: 12px; }}
#sectionTitle {{ font-size: 12px; font-weight: 700; color: {MUTED}; letter-spacing: 1px; }}
#progressText {{ font-size: 22px; font-weight: 800; color: {HEADING}; }}
#progressHint {{ color: {MUTED}; }}
#banner {{ border-radius: 12px; padding: 10px 14px; font-weight: 600; }}
#banner[tone="error"] {{ background: {DANGER_SOFT}; color: {DANGER}; }}
#banner[tone="ok"] {{ background: {OK_SOFT}; color: {OK_TEXT}; }}
#banner[tone="warn"] {{ background: {AMBER_SOFT}; color: {WARN_TEXT}; }}
#allergyBox {{ background: {DANGER_SOFT}; color: {DANGER}; border-radius: 12px; padding: 8px 14px; font-weight: 700; }}
#badge {{ background: {OK_SOFT}; color: {OK_TEXT}; border-radius: 10px; padding: 4px 10px; font-weight: 700; }}
#badge[tone="birthday"] {{ background: {BIRTHDAY_SOFT}; color: {BIRTHDAY_TEXT}; }}
#feedback {{ background: {AMBER_SOFT}; border-radius: 10px; }}
#reminder {{ background: {AMBER_SOFT}; border-radius: 12px; color: {WARN_TEXT}; font-weight: 600; }}
#reminder[tone="error"] {{ background: {DANGER_SOFT}; color: {DANGER}; }}
QTabWidget::pane {{ border: 1px solid {LINE}; border-radius: 10px; background: {SURFACE}; padding: 10px; }}
QTabBar::tab {{ padding: 10px 20px; border: none; font-weight: 600; color: {MUTED}; }}
QTabBar::tab:selected {{ color: {HEADING}; border-bottom: 3px solid {CARAMEL}; }}
#emptyTitle {{ font-size: 26px; font-weight: 800; color: {HEADING}; }}
#emptyText {{ font-size: 16px; color: {MUTED}; }}
#checkbackStrip {{ background: {SURFACE}; border: 1px solid {LINE}; border-radius: 12px; }}
#checkbackStrip QListView {{ background: transparent; border: none; }}
#checkbackStrip QListView::item {{ background: {CREAM}; color: {INK}; border: 1px solid {CARAMEL};
    border-radius: 14px; padding: 4px 12px; margin-right: 6px; }}
#checkbackStrip QListView::item:selected {{ background: {ACCENT}; color: {ON_ACCENT}; }}
#placeholder {{ font-size: 17px; color: {MUTED}; background: {SURFACE}; border-left: 1px solid {LINE}; }}
QListView {{ background: transparent; border: none; outline: none; }}
#history {{ background: {SURFACE}; }}
#sections {{ background: {SURFACE}; border: 1px solid {LINE}; border-radius: 12px; padding: 6px; }}
#sections::item {{ padding: 6px 10px; border-radius: 8px; color: {INK}; font-weight: 600; }}
#sections::item:selected {{ background: {GOLD_SOFT}; color: {HEADING}; }}
#sections::item:hover:!selected {{ background: {CREAM}; }}
#sectionPages {{ background: {SURFACE}; border: 1px solid {LINE}; border-radius: 12px; }}
QDialog {{ background: {CREAM}; }}
#dialogTitle {{ font-size: 22px; font-weight: 800; color: {HEADING}; }}
#hint {{ color: {MUTED}; font-size: 13px; }}
#formError {{ color: {DANGER}; font-weight: 600; }}
QScrollBar:vertical {{ background: transparent; width: 10px; }}
QScrollBar::handle:vertical {{ background: {SCROLL}; border-radius: 5px; min-height: 40px; }}
QScrollBar::add-line, QScrollBar::sub-line {{ height: 0; }}
QPushButton[chip="true"]:checked {{ background: {ACCENT}; color: {ON_ACCENT}; }}
"""


current = "light"
# Text size on this till (issue #19): the owner's choice of 100-200 %, times how much larger the
# system's own font is than the 15 px the sheet is drawn at. Sizes in the sheet and the few fixed
# sizes in code are device-independent pixels, so Qt's own scaling (QT_SCALE_FACTOR, high-DPI
# screens) comes on top of this without anything here.
TEXT_SIZES = (100, 125, 150, 200)
BASE_PX = 15
text_size = 100
system_scale = 1.0
scale = 1.0
# The roles as module attributes (theme.INK…), set by use(): screens read them when they paint.
CREAM = SURFACE = INK = MUTED = HEADING = ESPRESSO = ESPRESSO_DARK = ACCENT = ON_ACCENT = ""
CARAMEL = GOLD = GOLD_SOFT = GREEN = GREEN_DARK = LINE = DANGER = DANGER_SOFT = AMBER_SOFT = ""
BIRTHDAY = SLOT_NUMBER = ICON = ""
STYLE = ""


def use(name: str) -> None:
    """Make ``name`` (light, dark or contrast) the palette every screen and the style sheet use."""
    global current
    palette = PALETTES.get(name, PALETTES["light"])
    current = name if name in PALETTES else "light"
    globals().update(palette)
    _build()


def set_text_size(percent: int) -> None:
    """Make text ``percent`` of its normal size (one of TEXT_SIZES; anything else is 100).
    Windows built from now on use it; the session rebuilds the open ones, as for colours."""
    global text_size
    text_size = percent if percent in TEXT_SIZES else 100
    _build()


def px(size: float) -> int:
    """``size`` (device-independent pixels at normal text size) at the current text size: for
    the few heights set in code around text (the search field, a tile)."""
    return round(size * scale)


_SIZED = re.compile(r"(font-size|min-height): (\d+)px")


def _build() -> None:
    global STYLE, scale
    scale = text_size / 100 * system_scale
    sheet = _TEMPLATE.format(**PALETTES[current])
    STYLE = sheet if scale == 1 else _SIZED.sub(lambda m: f"{m.group(1)}: {px(int(m.group(2)))}px", sheet)


use("light")


def style(rtl: bool = False) -> str:
    """The style sheet. Right to left (Persian), the few one-sided borders and paddings change
    sides, and letter spacing goes."""
    if not rtl:
        return STYLE
    swap = {"border-left": "border-right", "border-right": "border-left", "padding-right": "padding-left"}
    out = STYLE.replace(" letter-spacing: 1px;", "")  # spacing breaks the joins of Persian letters
    for n, (a, _b) in enumerate(swap.items()):
        out = out.replace(a, f"\0{n}\0")
    for n, (_a, b) in enumerate(swap.items()):
        out = out.replace(f"\0{n}\0", b)
    return out


def apply(app: QApplication, name: str = "light") -> None:
    """Fusion, the palette, and the system's font size taken into account: someone who set a
    larger font for every program gets larger text here too (the sheet would otherwise fix it
    at 15 px)."""
    global system_scale
    system_px = QFontInfo(app.font()).pixelSize()
    system_scale = max(1.0, system_px / BASE_PX)
    use(name)
    app.setStyle("Fusion")
    font = QFont(app.font())
    font.setPointSizeF(max(font.pointSizeF(), 11))
    app.setFont(font)
    app.setStyleSheet(STYLE)


def avatar_colour(customer_id: int) -> QColor:
    return QColor(AVATAR_COLOURS[customer_id % len(AVATAR_COLOURS)])


def set_kind(widget, kind: str) -> None:
    """Apply a ``kind`` style (primary, success, big…) and re-polish so it takes effect."""
    widget.setProperty("kind", kind)
    widget.style().unpolish(widget)
    widget.style().polish(widget)
